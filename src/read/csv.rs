//! CSV reader: the columns refmill's CSV writer writes (`docs/csv.md`),
//! found by header name, so a subset of the columns or another order is
//! read too. Columns refmill does not know are kept in the note as
//! `column: value` lines.
//!
//! The formula guard is undone (a leading `'` before `=`, `+`, `-`, `@`, a
//! tab or a carriage return is removed); a byte-order mark is ignored;
//! rows are streamed one at a time. A row whose number of cells differs
//! from the header's is reported and skipped; the `line` column (the
//! line of the reference in the file the CSV was made from) is not kept:
//! the record's span is its row in the CSV file.

use super::{ReadItem, ReadRecord, Skipped, comma_name, date_text, error, nonempty, push_note};
use crate::diag::Diagnostic;
use crate::model::{
    Contributor, Date, DateStatus, Field, ItemType, Reference, Role, Season, SourceSpan,
};
use std::io;

/// Undoes the writer's formula guard.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Rows of a CSV input, one [`ReadItem`] each.
pub struct CsvRows<R: io::Read> {
    rdr: ::csv::Reader<R>,
    header: Option<Vec<String>>,
    failed: bool,
    /// Line where the next record starts (the crate's own count lags a
    /// line behind, since it reads a record's line end with the next one).
    next_line: usize,
}

/// Reads CSV rows from `input` lazily.
pub fn read_iter<R: io::Read>(input: R) -> CsvRows<R> {
    let rdr = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    CsvRows {
        rdr,
        header: None,
        failed: false,
        next_line: 1,
    }
}

impl<R: io::Read> Iterator for CsvRows<R> {
    type Item = ReadItem;
    fn next(&mut self) -> Option<ReadItem> {
        loop {
            if self.failed {
                return None;
            }
            let mut rec = ::csv::StringRecord::new();
            let line = self.next_line;
            let res = self.rdr.read_record(&mut rec);
            self.next_line = self.rdr.position().line() as usize + 1;
            match res {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) => {
                    // An I/O or UTF-8 error: the rest cannot be trusted.
                    if matches!(e.kind(), ::csv::ErrorKind::Io(_)) {
                        self.failed = true;
                    }
                    return Some(ReadItem::Skipped(Skipped {
                        line,
                        end_line: line,
                        raw: String::new(),
                        diagnostic: error(line, format!("csv: {e}")),
                    }));
                }
            }
            let end_line = line + rec.iter().map(|c| c.matches('\n').count()).sum::<usize>();
            if self.header.is_none() {
                let h: Vec<String> = rec
                    .iter()
                    .map(|c| c.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
                    .collect();
                self.header = Some(h);
                continue;
            }
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let header = self.header.as_ref()?;
            if rec.len() != header.len() {
                let raw = rec.iter().collect::<Vec<_>>().join(",");
                return Some(ReadItem::Skipped(Skipped {
                    line,
                    end_line,
                    raw,
                    diagnostic: error(
                        line,
                        format!(
                            "csv: row has {} cells, the header has {}; not read",
                            rec.len(),
                            header.len()
                        ),
                    ),
                }));
            }
            return Some(ReadItem::Record(row(header, &rec, line, end_line)));
        }
    }
}

fn names(s: &str) -> Vec<crate::model::Name> {
    s.split(';').filter_map(cell_name).collect()
}

/// A name of a cell: `{Group, with comma}` is a group name.
fn cell_name(s: &str) -> Option<crate::model::Name> {
    let t = s.trim();
    match t.strip_prefix('{').and_then(|x| x.strip_suffix('}')) {
        Some(inner) => Some(crate::model::Name::Literal(inner.trim().to_string())),
        None => comma_name(t),
    }
}

/// The record of one row.
fn row(header: &[String], rec: &::csv::StringRecord, line: usize, end_line: usize) -> ReadRecord {
    let mut r = Reference {
        span: Some(SourceSpan { line, end_line }),
        ..Reference::default()
    };
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut year: Option<i32> = None;
    let mut date: Option<Date> = None;
    let mut suffix: Option<String> = None;
    let mut season: Option<Season> = None;
    let mut status: Vec<String> = Vec::new();
    for (col, cell) in header.iter().zip(rec.iter()) {
        let v = unguard(cell).trim();
        if v.is_empty() {
            continue;
        }
        let s = || Some(v.to_string());
        match col.as_str() {
            "key" => r.id = s(),
            "type" => {
                r.item_type = ItemType::from_csl(v).unwrap_or_else(|| {
                    diags.push(Diagnostic::warning(
                        line,
                        Some(Field::Type),
                        format!("csv: unknown type `{v}`; read as a document"),
                    ));
                    ItemType::Document
                })
            }
            "authors" => r.add_names(Role::Author, names(v)),
            "authors_elided" => r.authors_elided = v.eq_ignore_ascii_case("true"),
            "editors" => r.add_names(Role::Editor, names(v)),
            "translators" => r.add_names(Role::Translator, names(v)),
            "other_contributors" => {
                for part in v.split("; ") {
                    match part.split_once(": ") {
                        Some((role, name)) if Role::from_csl(role).is_some() => {
                            if let (Some(role), Some(name)) =
                                (Role::from_csl(role), cell_name(name))
                            {
                                r.contributors.push(Contributor { role, name });
                            }
                        }
                        _ => {
                            if let Some(name) = cell_name(part) {
                                r.contributors.push(Contributor {
                                    role: Role::Contributor,
                                    name,
                                });
                            }
                        }
                    }
                }
            }
            "year" => year = v.parse().ok(),
            "year_suffix" => suffix = s(),
            "date" => date = date_text(v),
            "season" => season = super::season_of(v),
            "status" => status = v.split("; ").map(str::to_string).collect(),
            "title" => r.title = s(),
            "translated_title" => r.title_translated = s(),
            "container_title" => r.container_title = s(),
            "collection_title" => r.collection_title = s(),
            "collection_number" => r.collection_number = s(),
            "volume" => r.volume = s(),
            "issue" => r.issue = s(),
            "pages" => r.page = s(),
            "number" => r.number = s(),
            "edition" => r.edition = s(),
            "version" => r.version = s(),
            "genre" => r.genre = s(),
            "medium" => r.medium = s(),
            "publisher" => r.publisher = s(),
            "place" => r.publisher_place = s(),
            "event" => r.event_title = s(),
            "event_place" => r.event_place = s(),
            "authority" => r.authority = s(),
            "section" => r.section = s(),
            "archive" => r.archive = s(),
            "doi" => r.doi = Some(super::bare_doi(v)),
            "url" => r.url = s(),
            "isbn" => r.isbn = s(),
            "issn" => r.issn = s(),
            "pmid" => r.pmid = s(),
            "accessed" => r.accessed = date_text(v),
            "original_date" => r.original_date = date_text(v),
            "language" => r.language = s(),
            "keywords" => r.keywords = v.split(';').filter_map(nonempty).collect(),
            "abstract" => r.abstract_text = s(),
            "note" => push_note(&mut r, v),
            "line" => {}
            other => push_note(&mut r, &format!("{other}: {v}")),
        }
    }
    // The date: `date` (ISO, ranges), else `year`; states from `status`.
    let mut d = date.or_else(|| year.map(Date::year));
    for st in status {
        let lower = st.to_lowercase();
        let slot = d.get_or_insert_with(Date::default);
        match lower.as_str() {
            "n.d." | "n.d" => slot.status = DateStatus::NoDate,
            "in press" => slot.status = DateStatus::InPress,
            "forthcoming" => slot.status = DateStatus::Forthcoming,
            "circa" => slot.circa = true,
            _ => {
                if slot.start.is_none()
                    && slot.literal.is_none()
                    && st.chars().any(|c| c.is_ascii_digit())
                {
                    slot.literal = Some(st);
                } else if r.status.is_none() {
                    r.status = Some(st);
                } else {
                    push_note(&mut r, &format!("status: {st}"));
                }
            }
        }
    }
    if let Some(sfx) = suffix {
        d.get_or_insert_with(Date::default).suffix = Some(sfx);
    }
    if let Some(s) = season {
        d.get_or_insert_with(Date::default).season = Some(s);
    }
    if let Some(d) = d.as_mut()
        && let (Some(y), Some(p)) = (year, d.start.as_mut())
        && p.year != y
    {
        diags.push(Diagnostic::warning(
            line,
            Some(Field::Issued),
            format!(
                "csv: `year` {y} and `date` {} disagree; the date is kept",
                p.year
            ),
        ));
    }
    r.issued = d.filter(|d| *d != Date::default());
    ReadRecord {
        reference: r,
        diagnostics: diags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{InputFormat, read_all};
    use crate::write::{self, Format, WriteOptions};

    #[test]
    fn reads_what_the_writer_writes() {
        let mut r = Reference {
            item_type: ItemType::Report,
            title: Some("=A title, with \"quotes\"\nand a line".into()),
            number: Some("12".into()),
            issued: Some(Date {
                suffix: Some("a".into()),
                ..Date::ymd(2020, Some(3), Some(15))
            }),
            status: Some("advance online publication".into()),
            keywords: vec!["a".into(), "b".into()],
            ..Reference::default()
        };
        r.add_names(
            Role::Author,
            [crate::model::Name::person("Smith", Some("J."))],
        );
        r.add_names(Role::Director, [crate::model::Name::literal("Studio")]);
        let text = write::to_string(
            Format::Csv,
            &WriteOptions {
                csv_bom: true,
                ..WriteOptions::default()
            },
            std::slice::from_ref(&r),
        );
        let out = read_all(InputFormat::Csv, &text);
        assert!(out.skipped.is_empty(), "{:?}", out.skipped);
        let got = &out.records[0].reference;
        assert_eq!(got.title, r.title);
        assert_eq!(got.issued, r.issued);
        assert_eq!(got.contributors, r.contributors);
        assert_eq!(got.status, r.status);
        assert_eq!(got.keywords, r.keywords);
        assert_eq!(
            got.span,
            Some(SourceSpan {
                line: 2,
                end_line: 3
            })
        );
    }

    #[test]
    fn bad_rows_are_reported_and_skipped() {
        let text = "type,title,authors\r\nbook,One,\"Smith, J.\"\r\nbook,Two\r\nbook,Three,\r\n";
        let out = read_all(InputFormat::Csv, text);
        assert_eq!(out.records.len(), 2);
        assert_eq!(out.skipped.len(), 1);
        assert_eq!(out.skipped[0].line, 3);
        assert_eq!(
            out.skipped[0].diagnostic.message,
            "csv: row has 2 cells, the header has 3; not read"
        );
        assert_eq!(out.records[1].reference.title.as_deref(), Some("Three"));
    }
}
