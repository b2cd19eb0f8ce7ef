//! CSL-JSON reader: an array of items or a single item object.
//!
//! The array is split into its items by a small scanner before any item
//! is parsed, so one broken item (a missing quote, a stray comma) is
//! reported with its line and skipped while the others are read, and each
//! record knows its line. Items go through
//! [`CslItem::into_reference`](crate::write::csljson::CslItem::into_reference):
//! names with `literal`, particles and suffixes; `date-parts`, `raw` and
//! `literal` dates, EDTF strings; every CSL 1.0.2 type; variables refmill
//! does not model are kept in the note as `variable: value` lines. Lines
//! of the kind Zotero keeps in *Extra* (`original-date: 1900`, `PMID: 123`)
//! inside `note` are applied to their fields.

use super::{ReadItem, ReadRecord, Skipped, apply_extra_lines, error};
use crate::diag::Diagnostic;
use crate::model::{Field, ItemType, SourceSpan};
use crate::write::csljson::CslItem;
use serde_json::Value;

fn line_of(text: &str, offset: usize) -> usize {
    1 + text
        .as_bytes()
        .iter()
        .take(offset)
        .filter(|&&b| b == b'\n')
        .count()
}

/// Byte ranges of the elements of the top-level array starting at
/// `open` (the `[`), and whether the array was closed. The offsets are char
/// boundaries: an element starts at the first byte that is not ASCII
/// whitespace after an ASCII '[', ',' or whitespace byte (so at a char's
/// first byte) and ends at an ASCII ',' or ']', or at the end.
fn split_array(text: &str, open: usize) -> (Vec<(usize, usize)>, bool) {
    let b = text.as_bytes();
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut in_str = false;
    let mut esc = false;
    let mut start: Option<usize> = None;
    let mut i = open + 1;
    while let Some(&c) = b.get(i) {
        if in_str {
            if esc {
                esc = false;
            } else if c == b'\\' {
                esc = true;
            } else if c == b'"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        match c {
            b'"' => {
                in_str = true;
                start.get_or_insert(i);
            }
            b'{' | b'[' => {
                depth += 1;
                start.get_or_insert(i);
            }
            b'}' | b']' if depth > 0 => depth -= 1,
            b']' => {
                if let Some(s) = start.take() {
                    items.push((s, i));
                }
                return (items, true);
            }
            b',' if depth == 0 => {
                if let Some(s) = start.take() {
                    items.push((s, i));
                }
            }
            c if c.is_ascii_whitespace() => {}
            _ => {
                start.get_or_insert(i);
            }
        }
        i += 1;
    }
    if let Some(s) = start {
        items.push((s, b.len()));
    }
    (items, false)
}

/// Reads a CSL-JSON text.
pub fn read(text: &str) -> Vec<ReadItem> {
    let body = text.trim_start_matches('\u{feff}');
    let off = text.len() - body.len();
    let first = body
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| i + off);
    let Some(first) = first else {
        return Vec::new();
    };
    match text.as_bytes().get(first) {
        Some(b'[') => {
            let (ranges, closed) = split_array(text, first);
            let mut out: Vec<ReadItem> =
                ranges.into_iter().map(|(s, e)| item(text, s, e)).collect();
            if !closed {
                let line = line_of(text, text.len());
                let diag = error(line, "csl-json: the array is not closed with `]`");
                match out.last_mut() {
                    Some(ReadItem::Record(r)) => r.diagnostics.push(Diagnostic {
                        severity: crate::diag::Severity::Warning,
                        ..diag
                    }),
                    _ => out.push(ReadItem::Skipped(Skipped {
                        line,
                        end_line: line,
                        raw: String::new(),
                        diagnostic: diag,
                    })),
                }
            }
            out
        }
        Some(b'{') => {
            // One item; or an object that holds an `items` array.
            // Char boundary: `first` comes from `char_indices`.
            match serde_json::from_str::<Value>(&text[first..]) {
                Ok(Value::Object(m)) if m.get("items").is_some_and(Value::is_array) => {
                    let line = line_of(text, first);
                    m.get("items")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .map(|v| from_value(v.clone(), line, line, String::new()))
                        .collect()
                }
                _ => vec![item(text, first, text.trim_end().len())],
            }
        }
        _ => {
            let line = line_of(text, first);
            vec![ReadItem::Skipped(Skipped {
                line,
                end_line: line_of(text, text.len()),
                raw: text.to_string(),
                diagnostic: error(line, "csl-json: not a JSON array or object"),
            })]
        }
    }
}

/// Parses the item at `text[start..end]`.
fn item(text: &str, start: usize, end: usize) -> ReadItem {
    // Char boundary: the callers' offsets are (see `split_array`; `first`
    // comes from `char_indices`, the other end is a trimmed length).
    let raw = &text[start..end];
    let line = line_of(text, start);
    let end_line = line_of(text, start + raw.trim_end().len());
    match serde_json::from_str::<Value>(raw) {
        Ok(v) => from_value(v, line, end_line, raw.to_string()),
        Err(e) => {
            // serde_json's position is inside the item: give the file's.
            let msg = e.to_string();
            let msg = msg
                .rsplit_once(" at line ")
                .map_or(msg.as_str(), |(m, _)| m);
            let col = if e.line() <= 1 {
                // Char boundary: `start` as above; `line_start` is 0 or
                // just after a '\n'.
                let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                text[line_start..start].chars().count() + e.column()
            } else {
                e.column()
            };
            ReadItem::Skipped(Skipped {
                line,
                end_line,
                raw: raw.to_string(),
                diagnostic: error(
                    line + e.line().saturating_sub(1),
                    format!("csl-json: item not read: {msg} (column {col})"),
                ),
            })
        }
    }
}

fn from_value(v: Value, line: usize, end_line: usize, raw: String) -> ReadItem {
    let skipped = |msg: String| {
        ReadItem::Skipped(Skipped {
            line,
            end_line,
            raw: raw.clone(),
            diagnostic: error(line, msg),
        })
    };
    if !v.is_object() {
        return skipped("csl-json: an array element that is not an object; not read".into());
    }
    let ty = v.get("type").cloned();
    let item: CslItem = match serde_json::from_value(v) {
        Ok(i) => i,
        Err(e) => return skipped(format!("csl-json: item not read: {e}")),
    };
    let mut diags = Vec::new();
    match ty {
        Some(Value::String(t)) if ItemType::from_csl(&t).is_some() => {}
        Some(Value::String(t)) => diags.push(Diagnostic::warning(
            line,
            Some(Field::Type),
            format!("csl-json: unknown type `{t}`; read as a document"),
        )),
        _ => diags.push(Diagnostic::warning(
            line,
            Some(Field::Type),
            "csl-json: item without `type`; read as a document",
        )),
    }
    let mut r = item.into_reference();
    apply_extra_lines(&mut r);
    r.span = Some(SourceSpan { line, end_line });
    ReadItem::Record(ReadRecord {
        reference: r,
        diagnostics: diags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateStatus, Name, Person, Role};
    use crate::read::{InputFormat, read_all};

    #[test]
    fn array_with_a_broken_item() {
        let text = r#"[
  {"id": "a", "type": "book", "title": "One",
   "author": [{"family": "Berg", "non-dropping-particle": "van der", "given": "Anna", "suffix": "Jr."},
              {"literal": "World Health Organization"}, {"given": "Plato"}],
   "issued": {"date-parts": [["2019", 3]]}},
  {"id": "b", "type": "book", "title": "Two" "publisher": "X"},
  42,
  {"id": "c", "type": "bill", "title": "Three", "issued": {"raw": "in press"},
   "note": "original-date: 1900\nA note"}
]"#;
        let out = read_all(InputFormat::CslJson, text);
        assert_eq!(out.records.len(), 2);
        assert_eq!(out.skipped.len(), 2);
        assert_eq!(out.skipped[0].line, 6);
        assert!(
            out.skipped[0]
                .diagnostic
                .message
                .starts_with("csl-json: item not read: expected `,` or `}` (column"),
            "{}",
            out.skipped[0].diagnostic.message
        );
        assert_eq!(out.skipped[1].line, 7);
        assert_eq!(
            out.skipped[1].diagnostic.message,
            "csl-json: an array element that is not an object; not read"
        );
        let a = &out.records[0].reference;
        let names: Vec<&Name> = a.names(Role::Author).collect();
        assert_eq!(
            names[0],
            &Name::Person(Person {
                family: "Berg".into(),
                particle: Some("van der".into()),
                given: Some("Anna".into()),
                suffix: Some("Jr.".into()),
                ..Person::default()
            })
        );
        assert_eq!(names[1], &Name::literal("World Health Organization"));
        assert_eq!(names[2], &Name::literal("Plato"));
        assert_eq!(a.issued.as_ref().unwrap().start.unwrap().month, Some(3));
        assert_eq!(a.span.as_ref().unwrap().line, 2);
        let c = &out.records[1].reference;
        assert_eq!(c.item_type, ItemType::Legislation);
        assert_eq!(c.issued.as_ref().unwrap().status, DateStatus::InPress);
        assert_eq!(c.original_date.as_ref().unwrap().year_value(), Some(1900));
        assert_eq!(c.note.as_deref(), Some("A note"));
    }

    #[test]
    fn single_item_and_unclosed_array() {
        let out = read_all(InputFormat::CslJson, r#"{"type": "webpage", "title": "T"}"#);
        assert_eq!(out.records.len(), 1);
        let out = read_all(
            InputFormat::CslJson,
            "[{\"type\": \"book\", \"title\": \"T\"},\n {\"type\": \"nonsense\", \"title\": \"U\"}",
        );
        assert_eq!(out.records.len(), 2);
        let d: Vec<&str> = out.records[1]
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            d,
            [
                "csl-json: unknown type `nonsense`; read as a document",
                "csl-json: the array is not closed with `]`"
            ]
        );
    }
}
