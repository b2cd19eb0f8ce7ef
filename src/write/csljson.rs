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
    /// The item for a record, with id `id` (the same JSON the writer
    /// streams, as a value).
    pub fn from_reference(r: &Reference, id: &str, opts: &WriteOptions) -> CslItem {
        let v = serde_json::to_value(CslOut::new(r, id, opts)).unwrap_or(Value::Null);
        serde_json::from_value(v).unwrap_or_default()
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
                "authority" => r.authority = s,
                "section" => r.section = s,
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
    let Some(family) = n.family.filter(|f| !f.trim().is_empty()) else {
        // A one-part name given only as `given` (a mononym): keep it.
        return n.given.filter(|g| !g.trim().is_empty()).map(Name::Literal);
    };
    // Particles written inside `family` (Zotero's way, and this writer's
    // with `zotero_compatible`) are split off again.
    let (particle, family) = match n.non_dropping_particle {
        Some(p) => (Some(p), family),
        None => crate::apa::names::split_particle(&family),
    };
    Some(Name::Person(Person {
        family,
        given: n.given,
        particle,
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

/// A record seen as a CSL-JSON item, serialised straight from the model
/// without building intermediate maps (the writer's hot path).
pub struct CslOut<'a> {
    r: &'a Reference,
    id: &'a str,
    zotero: bool,
}

impl<'a> CslOut<'a> {
    /// The item for `r` with id `id`.
    pub fn new(r: &'a Reference, id: &'a str, opts: &WriteOptions) -> CslOut<'a> {
        CslOut {
            r,
            id,
            zotero: opts.zotero_compatible,
        }
    }
}

struct NamesOut<'a> {
    r: &'a Reference,
    role: Role,
    zotero: bool,
}

impl Serialize for NamesOut<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = ser.serialize_seq(None)?;
        for n in self.r.names(self.role) {
            seq.serialize_element(&NameOut {
                n,
                zotero: self.zotero,
            })?;
        }
        seq.end()
    }
}

struct NameOut<'a> {
    n: &'a Name,
    zotero: bool,
}

impl Serialize for NameOut<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = ser.serialize_map(None)?;
        match self.n {
            Name::Literal(l) => m.serialize_entry("literal", l)?,
            Name::Person(p) => {
                if self.zotero {
                    m.serialize_entry("family", &p.full_family())?;
                } else {
                    m.serialize_entry("family", &p.family)?;
                }
                if let Some(g) = &p.given {
                    m.serialize_entry("given", g)?;
                }
                if !self.zotero
                    && let Some(x) = &p.particle
                {
                    m.serialize_entry("non-dropping-particle", x)?;
                }
                if let Some(x) = &p.dropping_particle {
                    m.serialize_entry("dropping-particle", x)?;
                }
                if let Some(x) = &p.suffix {
                    m.serialize_entry("suffix", x)?;
                }
            }
        }
        m.end()
    }
}

struct PartsOut<'a>(&'a DateParts);

impl Serialize for PartsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let p = self.0;
        let mut seq = ser.serialize_seq(None)?;
        seq.serialize_element(&p.year)?;
        if let Some(m) = p.month {
            seq.serialize_element(&m)?;
            if let Some(d) = p.day {
                seq.serialize_element(&d)?;
            }
        }
        seq.end()
    }
}

struct DateOut<'a>(&'a Date);

impl DateOut<'_> {
    fn present(d: &Date) -> bool {
        d.start.is_some() || d.literal.is_some()
    }
}

impl Serialize for DateOut<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let d = self.0;
        let mut m = ser.serialize_map(None)?;
        if let Some(start) = &d.start {
            let parts: Vec<PartsOut<'_>> = std::iter::once(PartsOut(start))
                .chain(d.end.as_ref().map(PartsOut))
                .collect();
            m.serialize_entry("date-parts", &parts)?;
            if let Some(season) = d.season {
                m.serialize_entry("season", &season.number())?;
            }
            if d.circa {
                m.serialize_entry("circa", &true)?;
            }
        } else if let Some(l) = &d.literal {
            m.serialize_entry("literal", l)?;
        }
        m.end()
    }
}

impl Serialize for CslOut<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let r = self.r;
        let mut m = ser.serialize_map(None)?;
        m.serialize_entry("id", self.id)?;
        m.serialize_entry("type", csl_type(r.item_type, self.zotero))?;
        for role in Role::ALL {
            if r.has_role(role) {
                m.serialize_entry(
                    role.csl_name(),
                    &NamesOut {
                        r,
                        role,
                        zotero: self.zotero,
                    },
                )?;
            }
        }
        let mut status = r.status.as_deref();
        if let Some(d) = &r.issued {
            if DateOut::present(d) {
                m.serialize_entry("issued", &DateOut(d))?;
            }
            if let Some(s) = &d.suffix {
                m.serialize_entry("year-suffix", s)?;
            }
            if status.is_none() {
                status = match d.status {
                    DateStatus::InPress => Some("in press"),
                    DateStatus::Forthcoming => Some("forthcoming"),
                    _ => None,
                };
            }
        }
        for (key, d) in [
            ("original-date", &r.original_date),
            ("accessed", &r.accessed),
        ] {
            if let Some(d) = d.as_ref().filter(|d| DateOut::present(d)) {
                m.serialize_entry(key, &DateOut(d))?;
            }
        }
        let strings: [(&str, &Option<String>); 27] = [
            ("title", &r.title),
            ("container-title", &r.container_title),
            ("collection-title", &r.collection_title),
            ("collection-number", &r.collection_number),
            ("volume", &r.volume),
            ("issue", &r.issue),
            ("page", &r.page),
            ("number", &r.number),
            ("edition", &r.edition),
            ("version", &r.version),
            ("genre", &r.genre),
            ("medium", &r.medium),
            ("publisher", &r.publisher),
            ("publisher-place", &r.publisher_place),
            ("event-title", &r.event_title),
            ("event-place", &r.event_place),
            ("archive", &r.archive),
            ("authority", &r.authority),
            ("section", &r.section),
            ("DOI", &r.doi),
            ("URL", &r.url),
            ("ISBN", &r.isbn),
            ("ISSN", &r.issn),
            ("PMID", &r.pmid),
            ("abstract", &r.abstract_text),
            ("language", &r.language),
            ("note", &None),
        ];
        for (k, v) in strings {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                m.serialize_entry(k, v)?;
            }
        }
        if let Some(s) = status {
            m.serialize_entry("status", s)?;
        }
        if !r.keywords.is_empty() {
            m.serialize_entry("keyword", &r.keywords.join(", "))?;
        }
        match (&r.title_translated, &r.note) {
            (None, Some(n)) if !n.is_empty() => m.serialize_entry("note", n)?,
            (Some(t), n) => {
                let mut note = format!("Translated title: {t}");
                if let Some(n) = n.as_deref().filter(|n| !n.is_empty()) {
                    note.push('\n');
                    note.push_str(n);
                }
                m.serialize_entry("note", &note)?;
            }
            _ => {}
        }
        m.end()
    }
}

/// Streams a JSON array of CSL items.
pub struct CslJsonWriter {
    opts: WriteOptions,
    keys: KeyGen,
    count: usize,
    buf: Vec<u8>,
    item: Vec<u8>,
}

impl CslJsonWriter {
    /// A new writer.
    pub fn new(opts: &WriteOptions) -> CslJsonWriter {
        CslJsonWriter {
            opts: opts.clone(),
            keys: KeyGen::new(),
            count: 0,
            buf: Vec::with_capacity(4096),
            item: Vec::with_capacity(4096),
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
        let item = CslOut::new(r, &id, &self.opts);
        self.buf.clear();
        self.buf
            .extend_from_slice(if self.count == 0 { b"\n" } else { b",\n" });
        self.count += 1;
        if self.opts.pretty {
            // Serialise into a reusable buffer (static dispatch), then
            // indent it by two spaces inside the array in one pass.
            self.item.clear();
            let fmt = serde_json::ser::PrettyFormatter::with_indent(b"  ");
            let mut ser = serde_json::Serializer::with_formatter(&mut self.item, fmt);
            item.serialize(&mut ser).map_err(io::Error::other)?;
            self.buf.extend_from_slice(b"  ");
            let mut rest = &self.item[..];
            while let Some(i) = memchr::memchr(b'\n', rest) {
                // In bounds: `i < rest.len()`: memchr found a byte there.
                self.buf.extend_from_slice(&rest[..=i]);
                self.buf.extend_from_slice(b"  ");
                rest = &rest[i + 1..];
            }
            self.buf.extend_from_slice(rest);
        } else {
            serde_json::to_writer(&mut self.buf, &item).map_err(io::Error::other)?;
        }
        out.write_all(&self.buf)
    }

    fn finish(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })
    }
}
