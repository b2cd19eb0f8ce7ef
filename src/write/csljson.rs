//! CSL-JSON: one JSON array, one item per record, in input order.
//!
//! Items are valid against the CSL-JSON 1.0.2 schema (`csl-data.json`). By
//! default the output is also what Zotero's CSL JSON importer accepts
//! ([`WriteOptions::zotero_compatible`]): Zotero rejects a whole file when
//! one item has type `software`, so software is written as `book` with a
//! `version` (Zotero turns that into a computer program), and name
//! particles go inside `family`, since Zotero drops
//! `non-dropping-particle`.
//!
//! [`CslItem`] is also the reading side: `serde_json` into `CslItem`, then
//! [`CslItem::into_reference`].

use super::keys::KeyGen;
use super::{RecordWriter, WriteOptions};
use crate::diag::Diagnostic;
use crate::model::{
    Contributor, Date, DateParts, DateStatus, ItemType, Name, Person, Reference, Role, Season,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io;

/// A CSL name object.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CslName {
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// `van der`.
    #[serde(
        default,
        rename = "non-dropping-particle",
        skip_serializing_if = "Option::is_none"
    )]
    pub non_dropping_particle: Option<String>,
    /// `de` written with the given name.
    #[serde(
        default,
        rename = "dropping-particle",
        skip_serializing_if = "Option::is_none"
    )]
    pub dropping_particle: Option<String>,
    /// `Jr.`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// A group name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
}

/// A CSL date object.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CslDate {
    /// `[[2019, 3, 5]]`, or two entries for a range.
    #[serde(
        default,
        rename = "date-parts",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_parts: Option<Vec<Vec<Value>>>,
    /// Season 1–4 (or a name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub season: Option<Value>,
    /// Approximate date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circa: Option<Value>,
    /// A date as free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
    /// An unparsed date string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

/// One CSL-JSON item. Variables refmill does not model are kept in `other`
/// when reading, so nothing read is silently lost.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CslItem {
    /// Item id.
    #[serde(default)]
    pub id: Value,
    /// CSL type.
    #[serde(default, rename = "type")]
    pub item_type: String,
    /// Every other variable (names, dates, strings), by CSL name.
    #[serde(flatten)]
    pub vars: BTreeMap<String, Value>,
}

fn name_to_csl(n: &Name, zotero: bool) -> CslName {
    match n {
        Name::Literal(l) => CslName {
            literal: Some(l.clone()),
            ..CslName::default()
        },
        Name::Person(p) => {
            let (family, particle) = if zotero {
                (p.full_family(), None)
            } else {
                (p.family.clone(), p.particle.clone())
            };
            CslName {
                family: Some(family),
                given: p.given.clone(),
                non_dropping_particle: particle,
                dropping_particle: p.dropping_particle.clone(),
                suffix: p.suffix.clone(),
                literal: None,
            }
        }
    }
}

fn parts_json(p: &DateParts) -> Vec<Value> {
    let mut v = vec![Value::from(p.year)];
    if let Some(m) = p.month {
        v.push(Value::from(m));
        if let Some(d) = p.day {
            v.push(Value::from(d));
        }
    }
    v
}

/// The CSL date for a model date; `None` for n.d./in press without a year.
pub fn date_to_csl(d: &Date) -> Option<CslDate> {
    if let Some(start) = &d.start {
        let mut parts = vec![parts_json(start)];
        if let Some(end) = &d.end {
            parts.push(parts_json(end));
        }
        Some(CslDate {
            date_parts: Some(parts),
            season: d.season.map(|s| Value::from(s.number())),
            circa: d.circa.then_some(Value::Bool(true)),
            literal: None,
            raw: None,
        })
    } else {
        d.literal.as_ref().map(|l| CslDate {
            literal: Some(l.clone()),
            ..CslDate::default()
        })
    }
}

/// The CSL type written for a model type.
pub fn csl_type(t: ItemType, zotero: bool) -> &'static str {
    match t {
        ItemType::Software if zotero => "book",
        _ => t.csl_name(),
    }
}

impl CslItem {
    /// The item for a record, with id `id`.
    pub fn from_reference(r: &Reference, id: &str, opts: &WriteOptions) -> CslItem {
        let zotero = opts.zotero_compatible;
        let mut item = CslItem {
            id: Value::from(id),
            item_type: csl_type(r.item_type, zotero).to_string(),
            ..CslItem::default()
        };
        for role in Role::ALL {
            let names: Vec<CslName> = r.names(role).map(|n| name_to_csl(n, zotero)).collect();
            if !names.is_empty() {
                item.vars.insert(
                    role.csl_name().to_string(),
                    serde_json::to_value(names).unwrap_or(Value::Null),
                );
            }
        }
        let vars = &mut item.vars;
        let mut put = |k: &str, v: &Option<String>| {
            if let Some(v) = v
                && !v.is_empty()
            {
                vars.insert(k.to_string(), Value::from(v.as_str()));
            }
        };
        put("title", &r.title);
        put("container-title", &r.container_title);
        put("collection-title", &r.collection_title);
        put("collection-number", &r.collection_number);
        put("volume", &r.volume);
        put("issue", &r.issue);
        put("page", &r.page);
        put("number", &r.number);
        put("edition", &r.edition);
        put("version", &r.version);
        put("genre", &r.genre);
        put("medium", &r.medium);
        put("publisher", &r.publisher);
        put("publisher-place", &r.publisher_place);
        put("event-title", &r.event_title);
        put("event-place", &r.event_place);
        put("archive", &r.archive);
        put("DOI", &r.doi);
        put("URL", &r.url);
        put("ISBN", &r.isbn);
        put("ISSN", &r.issn);
        put("PMID", &r.pmid);
        put("abstract", &r.abstract_text);
        put("language", &r.language);
        let mut note = r.note.clone();
        if let Some(tt) = &r.title_translated {
            let line = format!("Translated title: {tt}");
            note = Some(match note {
                Some(n) => format!("{line}\n{n}"),
                None => line,
            });
        }
        put("note", &note);
        let mut status = r.status.clone();
        if let Some(d) = &r.issued {
            if let Some(cd) = date_to_csl(d) {
                item.vars.insert(
                    "issued".into(),
                    serde_json::to_value(cd).unwrap_or(Value::Null),
                );
            }
            if let Some(s) = &d.suffix {
                item.vars
                    .insert("year-suffix".into(), Value::from(s.as_str()));
            }
            match d.status {
                DateStatus::InPress if status.is_none() => status = Some("in press".into()),
                DateStatus::Forthcoming if status.is_none() => status = Some("forthcoming".into()),
                _ => {}
            }
        }
        if let Some(s) = status {
            item.vars.insert("status".into(), Value::from(s));
        }
        for (key, d) in [
            ("original-date", &r.original_date),
            ("accessed", &r.accessed),
        ] {
            if let Some(cd) = d.as_ref().and_then(date_to_csl) {
                item.vars
                    .insert(key.into(), serde_json::to_value(cd).unwrap_or(Value::Null));
            }
        }
        if !r.keywords.is_empty() {
            item.vars
                .insert("keyword".into(), Value::from(r.keywords.join(", ")));
        }
        item
    }

    /// Converts a read item into the model. Unknown variables are appended
    /// to the note as `key: value` lines (Zotero's convention), so nothing
    /// is dropped.
    pub fn into_reference(self) -> Reference {
        let mut r = Reference {
            id: match &self.id {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            },
            item_type: ItemType::from_csl(&self.item_type).unwrap_or_default(),
            ..Reference::default()
        };
        let mut all: BTreeMap<String, Value> = self.vars;
        let mut extra: Vec<String> = Vec::new();
        // Names first, in role order.
        for role in Role::ALL {
            if let Some(Value::Array(list)) = all.remove(role.csl_name()) {
                for v in list {
                    if let Ok(n) = serde_json::from_value::<CslName>(v)
                        && let Some(name) = csl_name_to_model(n)
                    {
                        r.contributors.push(Contributor { role, name });
                    }
                }
            }
        }
        let text = |v: &Value| -> Option<String> {
            match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                Value::Array(a) => Some(
                    a.iter()
                        .filter_map(|x| x.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                _ => None,
            }
        };
        let mut suffix = None;
        for (k, v) in all {
            let s = text(&v);
            match k.as_str() {
                "title" => r.title = s,
                "container-title" => r.container_title = s,
                "collection-title" => r.collection_title = s,
                "collection-number" => r.collection_number = s,
                "volume" => r.volume = s,
                "issue" => r.issue = s,
                "page" => r.page = s,
                "number" => r.number = s,
                "edition" => r.edition = s,
                "version" => r.version = s,
                "genre" => r.genre = s,
                "medium" => r.medium = s,
                "publisher" => r.publisher = s,
                "publisher-place" => r.publisher_place = s,
                "event-title" | "event" => r.event_title = s,
                "event-place" => r.event_place = s,
                "archive" => r.archive = s,
                "status" => r.status = s,
                "DOI" => r.doi = s,
                "URL" => r.url = s,
                "ISBN" => r.isbn = s,
                "ISSN" => r.issn = s,
                "PMID" => r.pmid = s,
                "abstract" => r.abstract_text = s,
                "language" => r.language = s,
                "note" => r.note = s,
                "year-suffix" => suffix = s,
                "keyword" => {
                    r.keywords = s
                        .unwrap_or_default()
                        .split([',', ';'])
                        .map(|k| k.trim().to_string())
                        .filter(|k| !k.is_empty())
                        .collect()
                }
                "issued" => r.issued = csl_date_to_model(&v),
                "original-date" => r.original_date = csl_date_to_model(&v),
                "accessed" => r.accessed = csl_date_to_model(&v),
                _ => {
                    if let Some(s) = s {
                        extra.push(format!("{k}: {s}"));
                    }
                }
            }
        }
        if let Some(sfx) = suffix {
            r.issued.get_or_insert_with(Date::default).suffix = Some(sfx);
        }
        if r.status.as_deref() == Some("in press") && r.issued.is_none() {
            r.issued = Some(Date {
                status: DateStatus::InPress,
                ..Date::default()
            });
        }
        if !extra.is_empty() {
            let add = extra.join("\n");
            r.note = Some(match r.note.take() {
                Some(n) if !n.is_empty() => format!("{n}\n{add}"),
                _ => add,
            });
        }
        if r.item_type == ItemType::Book && r.version.is_some() {
            r.item_type = ItemType::Software;
        }
        r
    }
}

fn csl_name_to_model(n: CslName) -> Option<Name> {
    if let Some(l) = n.literal {
        return Some(Name::Literal(l));
    }
    let family = n.family?;
    Some(Name::Person(Person {
        family,
        given: n.given,
        particle: n.non_dropping_particle,
        dropping_particle: n.dropping_particle,
        suffix: n.suffix,
    }))
}

fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn parts_of(list: &[Value]) -> Option<DateParts> {
    let year = i32::try_from(int_of(list.first()?)?).ok()?;
    let month = list
        .get(1)
        .and_then(int_of)
        .and_then(|m| u8::try_from(m).ok())
        .filter(|m| (1..=12).contains(m));
    let day = month
        .and(list.get(2))
        .and_then(int_of)
        .and_then(|d| u8::try_from(d).ok())
        .filter(|d| (1..=31).contains(d));
    Some(DateParts { year, month, day })
}

/// Reads a CSL date value (object, EDTF string or bare year).
pub fn csl_date_to_model(v: &Value) -> Option<Date> {
    match v {
        Value::Object(_) => {
            let d: CslDate = serde_json::from_value(v.clone()).ok()?;
            let mut out = Date::default();
            if let Some(parts) = &d.date_parts {
                out.start = parts.first().and_then(|p| parts_of(p));
                out.end = parts.get(1).and_then(|p| parts_of(p));
            }
            out.season = d.season.as_ref().and_then(int_of).and_then(|s| match s {
                1 => Some(Season::Spring),
                2 => Some(Season::Summer),
                3 => Some(Season::Autumn),
                4 => Some(Season::Winter),
                _ => None,
            });
            out.circa = matches!(d.circa, Some(Value::Bool(true)))
                || matches!(d.circa, Some(Value::Number(_)));
            if out.start.is_none() {
                let text = d.literal.or(d.raw)?;
                match crate::apa::date::parse_date_text(&text) {
                    Some(parsed) => return Some(parsed),
                    None => out.literal = Some(text),
                }
            }
            Some(out)
        }
        Value::String(s) => crate::apa::date::parse_date_text(s).or_else(|| {
            Some(Date {
                literal: Some(s.clone()),
                ..Date::default()
            })
        }),
        Value::Number(n) => n
            .as_i64()
            .and_then(|y| i32::try_from(y).ok())
            .map(Date::year),
        _ => None,
    }
}

/// Streams a JSON array of CSL items.
pub struct CslJsonWriter {
    opts: WriteOptions,
    keys: KeyGen,
    count: usize,
}

impl CslJsonWriter {
    /// A new writer.
    pub fn new(opts: &WriteOptions) -> CslJsonWriter {
        CslJsonWriter {
            opts: opts.clone(),
            keys: KeyGen::new(),
            count: 0,
        }
    }
}

impl RecordWriter for CslJsonWriter {
    fn begin(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(b"[")
    }

    fn write_record(
        &mut self,
        out: &mut dyn io::Write,
        r: &Reference,
        _diags: &mut Vec<Diagnostic>,
    ) -> io::Result<()> {
        let id = self.keys.key_for(r);
        let item = CslItem::from_reference(r, &id, &self.opts);
        out.write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        self.count += 1;
        if self.opts.pretty {
            let mut buf = Vec::with_capacity(512);
            let fmt = serde_json::ser::PrettyFormatter::with_indent(b"  ");
            let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
            item.serialize(&mut ser).map_err(io::Error::other)?;
            // Indent the item by two spaces inside the array.
            out.write_all(b"  ")?;
            for line in buf.split_inclusive(|&b| b == b'\n') {
                out.write_all(line)?;
                if line.ends_with(b"\n") {
                    out.write_all(b"  ")?;
                }
            }
            Ok(())
        } else {
            serde_json::to_writer(&mut *out, &item).map_err(io::Error::other)
        }
    }

    fn finish(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })
    }
}
