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
        } else if d.to_present() {
            parts.push(vec![Value::from(0)]);
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
                // An end of year 0 or empty (`[[2015], [0]]`, `[[2015], [""]]`):
                // to the present.
                if out.start.is_some()
                    && let Some(end) = parts.get(1)
                    && end.first().is_none_or(|v| int_of(v) == Some(0) || v == "")
                {
                    out.ongoing = true;
                    out.end = None;
                }
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

/// The end CSL gives a range to the present (`[[2015], [0]]`, which
/// citeproc-js prints "2015–").
const OPEN_END: DateParts = DateParts {
    year: 0,
    month: None,
    day: None,
};

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
                .chain(d.to_present().then_some(PartsOut(&OPEN_END)))
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

/// The longest `"name": ` a [`Key`] holds.
const KEY_PAD: usize = 32;

/// An object member's name as the writer puts it: `"name": `, padded
/// with spaces to [`KEY_PAD`] bytes, so that it is appended with one copy
/// of a fixed size and cut to its length (a slice of its own length takes
/// a memcpy call, once for each of the dozen members of a record). The
/// byte after it is a quote, kept when the value is a string.
struct Key {
    /// The name.
    name: &'static str,
    /// `"name": `, a quote, and spaces.
    quoted: [u8; KEY_PAD],
    /// The length of `"name": `.
    len: usize,
}

impl Key {
    const fn new(name: &'static str) -> Key {
        let b = name.as_bytes();
        // (Checked when the constant is made: a longer name does not
        // compile.)
        assert!(b.len() + 5 <= KEY_PAD);
        let mut quoted = [b' '; KEY_PAD];
        // In bounds: `b.len() + 5 <= KEY_PAD`, asserted above, bounds every
        // index below.
        quoted[0] = b'"';
        let mut i = 0;
        while i < b.len() {
            // In bounds: `i < b.len()`, and `i + 1 < b.len() + 4 <= KEY_PAD`.
            quoted[i + 1] = b[i];
            i += 1;
        }
        // In bounds: as above.
        quoted[b.len() + 1] = b'"';
        // In bounds: as above.
        quoted[b.len() + 2] = b':';
        // In bounds: as above.
        quoted[b.len() + 4] = b'"';
        Key {
            name,
            quoted,
            len: b.len() + 4,
        }
    }
}

/// The [`Key`] of a name given as a literal, made when compiling.
macro_rules! key {
    ($name:literal) => {{
        static KEY: Key = Key::new($name);
        &KEY
    }};
}

/// The [`Key`] of a role's names ([`Role::csl_name`]).
fn role_key(role: Role) -> &'static Key {
    match role {
        Role::Author => key!("author"),
        Role::Editor => key!("editor"),
        Role::Translator => key!("translator"),
        Role::Director => key!("director"),
        Role::Producer => key!("producer"),
        Role::Host => key!("host"),
        Role::Interviewer => key!("interviewer"),
        Role::Performer => key!("performer"),
        Role::Composer => key!("composer"),
        Role::ReviewedAuthor => key!("reviewed-author"),
        Role::CollectionEditor => key!("collection-editor"),
        Role::ContainerAuthor => key!("container-author"),
        Role::Chair => key!("chair"),
        Role::Contributor => key!("contributor"),
    }
}

/// One variable of an item, as [`CslOut::for_each_var`] gives it.
enum Var<'a> {
    Str(&'a str),
    /// The names with this role (there is at least one).
    Names(Role),
    /// A date with a start or a literal.
    Date(&'a Date),
}

impl CslOut<'_> {
    /// Calls `f` with each variable of the item, in the order written.
    /// Both the serde view ([`Serialize`]) and the writer's direct JSON
    /// go through this, so they cannot disagree on what is written.
    fn for_each_var<E>(
        &self,
        mut f: impl FnMut(&'static Key, Var<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let r = self.r;
        f(key!("id"), Var::Str(self.id))?;
        f(key!("type"), Var::Str(csl_type(r.item_type, self.zotero)))?;
        // The roles present, in one pass over the contributors (a bit
        // each), then written in `Role::ALL`'s order.
        let present = r
            .contributors
            .iter()
            .fold(0u32, |m, c| m | 1 << (c.role as u32));
        for role in Role::ALL {
            if present & 1 << (role as u32) != 0 {
                f(role_key(role), Var::Names(role))?;
            }
        }
        let mut status = r.status.as_deref();
        if let Some(d) = &r.issued {
            if DateOut::present(d) {
                f(key!("issued"), Var::Date(d))?;
            }
            if let Some(s) = &d.suffix {
                f(key!("year-suffix"), Var::Str(s))?;
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
            (key!("original-date"), &r.original_date),
            (key!("accessed"), &r.accessed),
        ] {
            if let Some(d) = d.as_ref().filter(|d| DateOut::present(d)) {
                f(key, Var::Date(d))?;
            }
        }
        // Each string, when it is there and not empty, in this order.
        // (Tested one after the other: an array of the 26 pairs to loop
        // over cost more to build than the tests.)
        macro_rules! strings {
            ($($k:literal => $v:expr),+ $(,)?) => {
                $(
                    if let Some(v) = $v.as_deref().filter(|v| !v.is_empty()) {
                        f(key!($k), Var::Str(v))?;
                    }
                )+
            };
        }
        strings! {
            "title" => r.title,
            "container-title" => r.container_title,
            "collection-title" => r.collection_title,
            "collection-number" => r.collection_number,
            "volume" => r.volume,
            "issue" => r.issue,
            "page" => r.page,
            "number" => r.number,
            "edition" => r.edition,
            "version" => r.version,
            "genre" => r.genre,
            "medium" => r.medium,
            "publisher" => r.publisher,
            "publisher-place" => r.publisher_place,
            "event-title" => r.event_title,
            "event-place" => r.event_place,
            "archive" => r.archive,
            "authority" => r.authority,
            "section" => r.section,
            "DOI" => r.doi,
            "URL" => r.url,
            "ISBN" => r.isbn,
            "ISSN" => r.issn,
            "PMID" => r.pmid,
            "abstract" => r.abstract_text,
            "language" => r.language,
        }
        // ("note" comes last, below.)
        if let Some(s) = status {
            f(key!("status"), Var::Str(s))?;
        }
        if !r.keywords.is_empty() {
            f(key!("keyword"), Var::Str(&r.keywords.join(", ")))?;
        }
        match (&r.title_translated, &r.note) {
            (None, Some(n)) if !n.is_empty() => f(key!("note"), Var::Str(n))?,
            (Some(t), n) => {
                let mut note = format!("Translated title: {t}");
                if let Some(n) = n.as_deref().filter(|n| !n.is_empty()) {
                    note.push('\n');
                    note.push_str(n);
                }
                f(key!("note"), Var::Str(&note))?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Appends the item's JSON to `out`, byte for byte what `serde_json`
    /// writes for the [`Serialize`] view: compact, or pretty-printed with
    /// two-space indents starting at `depth` levels. Written directly
    /// (the CSL-JSON writer's hot path): through serde it costs several
    /// times as much.
    pub fn write_json(&self, out: &mut Vec<u8>, pretty: bool, depth: usize) {
        self.write_json_at(out, pretty, depth);
    }

    /// [`write_json`](Self::write_json); returns where in `out` the id's
    /// text ends (before its closing quote).
    fn write_json_at(&self, out: &mut Vec<u8>, pretty: bool, depth: usize) -> usize {
        let mut id_end = 0;
        let mut j = Json { out, pretty, depth };
        let zotero = self.zotero;
        j.open(b'{');
        let mut first = true;
        let written: Result<(), std::convert::Infallible> = self.for_each_var(|key, v| {
            let was_first = std::mem::replace(&mut first, false);
            if !matches!(v, Var::Str(_)) {
                j.key(key, was_first);
            }
            match v {
                Var::Str(s) if was_first => {
                    // The id, always the first member.
                    j.string_member(key, s, was_first);
                    id_end = j.out.len().saturating_sub(1);
                }
                Var::Str(s) => j.string_member(key, s, was_first),
                Var::Names(role) => {
                    j.open(b'[');
                    let mut none = true;
                    for n in self.r.names(role) {
                        j.item(none);
                        j.name(n, zotero);
                        none = false;
                    }
                    j.close(b']', !none);
                }
                Var::Date(d) => j.date(d),
            }
            Ok(())
        });
        let Ok(()) = written;
        j.close(b'}', !first);
        id_end
    }
}

/// What goes before a member or element when pretty: the comma, the line
/// break and the indent of the depths a CSL item has (cut to the depth).
const LEAD: &[u8] = b",\n                ";

/// A JSON emitter with `serde_json`'s layout (compact, or its
/// `PrettyFormatter` with a two-space indent, but a date's `date-parts`
/// on one line) for the few shapes a CSL item has.
struct Json<'o> {
    out: &'o mut Vec<u8>,
    pretty: bool,
    depth: usize,
}

impl Json<'_> {
    /// Writes `,` (unless `first`), then, when pretty, a line break and
    /// the indent: in one copy for the depths a CSL item has.
    fn separator(&mut self, first: bool) {
        if !self.pretty {
            if !first {
                self.out.push(b',');
            }
            return;
        }
        match LEAD.get(usize::from(first)..2 + 2 * self.depth) {
            Some(lead) if !first => {
                // The whole constant is copied (a fixed-size copy, where a
                // slice of it takes a memcpy call), then cut to the depth.
                let keep = self.out.len() + lead.len();
                self.out.extend_from_slice(LEAD);
                self.out.truncate(keep);
            }
            Some(lead) => {
                // The same without the comma.
                const LEAD_FIRST: &[u8] = b"\n                ";
                let keep = self.out.len() + lead.len();
                self.out.extend_from_slice(LEAD_FIRST);
                self.out.truncate(keep);
            }
            None => {
                if !first {
                    self.out.push(b',');
                }
                self.out.push(b'\n');
                for _ in 0..self.depth {
                    self.out.extend_from_slice(b"  ");
                }
            }
        }
    }

    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
    }

    /// Closes an object or array; `nonempty` when something was in it.
    fn close(&mut self, bracket: u8, nonempty: bool) {
        self.depth -= 1;
        if nonempty {
            self.separator(true);
        }
        self.out.push(bracket);
    }

    /// Starts an array element.
    fn item(&mut self, first: bool) {
        self.separator(first);
    }

    /// Writes an object key and the separator before its value.
    /// (Keys are CSL variable names: nothing in them needs escaping.)
    fn key(&mut self, key: &Key, first: bool) {
        debug_assert!(!key.name.bytes().any(needs_escape));
        // The usual case, a member after the first at a depth the lead
        // holds: the separator's copy here, without its tests.
        if self.pretty && !first && 2 + 2 * self.depth <= LEAD.len() {
            let keep = self.out.len() + 2 + 2 * self.depth;
            self.out.extend_from_slice(LEAD);
            self.out.truncate(keep);
            let keep = self.out.len() + key.len;
            self.out.extend_from_slice(&key.quoted);
            self.out.truncate(keep);
            return;
        }
        self.separator(first);
        // `"name": ` when pretty, `"name":` when not.
        let keep = self.out.len() + key.len - usize::from(!self.pretty);
        self.out.extend_from_slice(&key.quoted);
        self.out.truncate(keep);
    }

    fn entry(&mut self, key: &Key, value: &str, first: bool) {
        self.string_member(key, value, first);
    }

    /// A member whose value is a string, escaped as `serde_json` escapes
    /// (quote, backslash and control characters only: `\b \t \n \f \r`,
    /// others `\u00xx`); the opening quote is copied with the name when
    /// pretty at a depth the lead holds (the usual case).
    fn string_member(&mut self, key: &Key, value: &str, first: bool) {
        if self.pretty && !first && 2 + 2 * self.depth <= LEAD.len() {
            let keep = self.out.len() + 2 + 2 * self.depth;
            self.out.extend_from_slice(LEAD);
            self.out.truncate(keep);
            let keep = self.out.len() + key.len + 1;
            self.out.extend_from_slice(&key.quoted);
            self.out.truncate(keep);
        } else {
            self.key(key, first);
            self.out.push(b'"');
        }
        self.escaped(value);
        self.out.push(b'"');
    }

    fn number(&mut self, n: impl itoa::Integer) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    /// One JSON string of the pieces, one after the other. (Most pieces
    /// of a family name are empty: no particle.)
    fn string_of(&mut self, pieces: &[&str]) {
        self.out.push(b'"');
        for s in pieces.iter().filter(|s| !s.is_empty()) {
            self.escaped(s);
        }
        self.out.push(b'"');
    }

    /// `s`, escaped. A short string with nothing to escape (most: names,
    /// numbers, ids), tested a word of eight bytes at a time, is copied
    /// here, inline where it is written; the rest is
    /// [`Json::escaped_other`]'s.
    #[inline]
    fn escaped(&mut self, s: &str) {
        if s.len() < VECTOR_MIN && !short_needs_escape(s.as_bytes()) {
            self.out.extend_from_slice(s.as_bytes());
            return;
        }
        self.escaped_other(s);
    }

    /// [`Json::escaped`] for a long string, or one with a byte to escape.
    #[inline(never)]
    fn escaped_other(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let out = &mut *self.out;
        // Most strings need no escape: one pass says so. A long string is
        // passed without early exit, which the compiler turns into vector
        // code.
        if s.len() >= VECTOR_MIN && !s.bytes().fold(false, |e, b| e | needs_escape(b)) {
            out.extend_from_slice(s.as_bytes());
            return;
        }
        let mut rest = s.as_bytes();
        while let Some(i) = next_escape(rest) {
            let (clean, tail) = rest.split_at(i);
            out.extend_from_slice(clean);
            let Some((&b, tail)) = tail.split_first() else {
                break;
            };
            match b {
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\t' => out.extend_from_slice(b"\\t"),
                b'\r' => out.extend_from_slice(b"\\r"),
                0x08 => out.extend_from_slice(b"\\b"),
                0x0c => out.extend_from_slice(b"\\f"),
                _ => {
                    // In bounds: `b < 0x20`, so both nibbles are below 16.
                    out.extend_from_slice(b"\\u00");
                    out.push(HEX[usize::from(b >> 4)]);
                    out.push(HEX[usize::from(b & 0xf)]);
                }
            }
            rest = tail;
        }
        out.extend_from_slice(rest);
    }

    fn name(&mut self, n: &Name, zotero: bool) {
        // The usual name, pretty in a role's list of an item (a person
        // with a family and a given name only, or a literal): its layout
        // in a few copies, where the general path below makes one for
        // each bracket, line break and member name.
        if self.pretty && self.depth == 3 {
            match n {
                Name::Person(p)
                    if p.particle.is_none()
                        && p.dropping_particle.is_none()
                        && p.suffix.is_none() =>
                {
                    self.out.extend_from_slice(b"{\n        \"family\": \"");
                    self.escaped(&p.family);
                    if let Some(g) = &p.given {
                        self.out.extend_from_slice(b"\",\n        \"given\": \"");
                        self.escaped(g);
                    }
                    self.out.extend_from_slice(b"\"\n      }");
                    return;
                }
                Name::Literal(l) => {
                    self.out.extend_from_slice(b"{\n        \"literal\": \"");
                    self.escaped(l);
                    self.out.extend_from_slice(b"\"\n      }");
                    return;
                }
                Name::Person(_) => {}
            }
        }
        self.open(b'{');
        match n {
            Name::Literal(l) => self.entry(key!("literal"), l, true),
            Name::Person(p) => {
                if zotero {
                    self.key(key!("family"), true);
                    self.string_of(&p.full_family_parts());
                } else {
                    self.entry(key!("family"), &p.family, true);
                }
                if let Some(g) = &p.given {
                    self.entry(key!("given"), g, false);
                }
                if !zotero && let Some(x) = &p.particle {
                    self.entry(key!("non-dropping-particle"), x, false);
                }
                if let Some(x) = &p.dropping_particle {
                    self.entry(key!("dropping-particle"), x, false);
                }
                if let Some(x) = &p.suffix {
                    self.entry(key!("suffix"), x, false);
                }
            }
        }
        self.close(b'}', true);
    }

    /// One `[year, month, day]` of a date's `date-parts`. Pretty, the
    /// numbers stay on one line, as the CSL documentation writes them
    /// (`"date-parts": [[2019, 3, 5]]`), where `serde_json` would give
    /// each bracket and number a line of its own (seven lines a date).
    fn parts(&mut self, p: &DateParts, first: bool) {
        let sep: &[u8] = if self.pretty { b", " } else { b"," };
        if !first {
            self.out.extend_from_slice(sep);
        }
        self.out.push(b'[');
        self.number(p.year);
        if let Some(m) = p.month {
            self.out.extend_from_slice(sep);
            self.number(m);
            if let Some(d) = p.day {
                self.out.extend_from_slice(sep);
                self.number(d);
            }
        }
        self.out.push(b']');
    }

    /// A date, as [`DateOut`] serialises it.
    fn date(&mut self, d: &Date) {
        // The usual date, pretty as an item's member (one day, month or
        // year, no season, not approximate): its layout in a few copies,
        // where the general path below makes one for each bracket and
        // line break.
        if self.pretty
            && self.depth == 2
            && let Some(start) = &d.start
            && d.end.is_none()
            && !d.ongoing
            && d.season.is_none()
            && !d.circa
        {
            self.out.extend_from_slice(b"{\n      \"date-parts\": [[");
            self.number(start.year);
            if let Some(m) = start.month {
                self.out.extend_from_slice(b", ");
                self.number(m);
                if let Some(day) = start.day {
                    self.out.extend_from_slice(b", ");
                    self.number(day);
                }
            }
            self.out.extend_from_slice(b"]]\n    }");
            return;
        }
        self.open(b'{');
        let mut nonempty = false;
        if let Some(start) = &d.start {
            self.key(key!("date-parts"), true);
            self.out.push(b'[');
            self.parts(start, true);
            if let Some(end) = &d.end {
                self.parts(end, false);
            } else if d.to_present() {
                self.parts(&OPEN_END, false);
            }
            self.out.push(b']');
            if let Some(season) = d.season {
                self.key(key!("season"), false);
                self.number(season.number());
            }
            if d.circa {
                self.key(key!("circa"), false);
                self.out.extend_from_slice(b"true");
            }
            nonempty = true;
        } else if let Some(l) = &d.literal {
            self.entry(key!("literal"), l, true);
            nonempty = true;
        }
        self.close(b'}', nonempty);
    }
}

/// The length from which [`Json::escaped`] tests a string for escapes in
/// vector code (which takes 32 bytes a step, and the rest a byte a step).
const VECTOR_MIN: usize = 32;

/// A byte JSON writes escaped: control characters, quote and backslash.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether some byte of the word `w` needs escaping: the three tests'
/// bits or-ed, one branch for all.
fn any_json_special(w: u64) -> bool {
    use crate::swar::{below_bits, eq_bits};
    below_bits(w, 0x20) | eq_bits(w, b'"') | eq_bits(w, b'\\') != 0
}

/// Whether a short text (less than [`VECTOR_MIN`] bytes) has a byte that
/// needs escaping, tested in words of eight bytes (or four), the last of
/// which may overlap the one before.
fn short_needs_escape(b: &[u8]) -> bool {
    let test = any_json_special;
    let word = |at: usize| {
        b.get(at..at + 8).map_or(0, |w| {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            u64::from_le_bytes(word)
        })
    };
    let half = |at: usize| {
        b.get(at..at + 4).map_or(0, |w| {
            let mut word = [0u8; 4];
            word.copy_from_slice(w);
            u32::from_le_bytes(word)
        })
    };
    match b.len() {
        0 => false,
        1..4 => b.iter().any(|&c| needs_escape(c)),
        4..8 => test(u64::from(half(0)) | u64::from(half(b.len() - 4)) << 32),
        n => (0..n / 8).any(|k| test(word(8 * k))) || test(word(n - 8)),
    }
}

/// Where the first byte that needs escaping is (most strings have none).
fn next_escape(bytes: &[u8]) -> Option<usize> {
    crate::swar::position(bytes, any_json_special, needs_escape)
}

impl Serialize for CslOut<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = ser.serialize_map(None)?;
        self.for_each_var(|key, v| match v {
            Var::Str(s) => m.serialize_entry(key.name, s),
            Var::Names(role) => m.serialize_entry(
                key.name,
                &NamesOut {
                    r: self.r,
                    role,
                    zotero: self.zotero,
                },
            ),
            Var::Date(d) => m.serialize_entry(key.name, &DateOut(d)),
        })?;
        m.end()
    }
}

/// Streams a JSON array of CSL items.
pub struct CslJsonWriter {
    opts: WriteOptions,
    keys: KeyGen,
    count: usize,
    buf: Vec<u8>,
    /// The current record's id (reused).
    id: String,
}

impl CslJsonWriter {
    /// A new writer.
    pub fn new(opts: &WriteOptions) -> CslJsonWriter {
        CslJsonWriter {
            opts: opts.clone(),
            keys: KeyGen::new(),
            count: 0,
            buf: Vec::with_capacity(4096),
            id: String::new(),
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
        self.keys.key_into(r, &mut self.id);
        let item = CslOut::new(r, &self.id, &self.opts);
        self.buf.clear();
        self.buf
            .extend_from_slice(if self.count == 0 { b"\n" } else { b",\n" });
        self.count += 1;
        if self.opts.pretty {
            // Inside the array: two spaces more.
            self.buf.extend_from_slice(b"  ");
            item.write_json(&mut self.buf, true, 1);
        } else {
            item.write_json(&mut self.buf, false, 0);
        }
        out.write_all(&self.buf)
    }

    fn finish(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })
    }

    fn write_rendered(
        &mut self,
        out: &mut dyn io::Write,
        text: &[u8],
        hole: usize,
        stem: &str,
    ) -> io::Result<()> {
        self.keys.key_from_stem(stem, &mut self.id);
        // The text starts with `,\n`: the first item is without the comma.
        let skip = usize::from(self.count == 0).min(text.len());
        self.count += 1;
        // The letters that make the key unique, after its stem (key
        // characters need no escaping).
        super::write_with_suffix(
            out,
            text.get(skip..).unwrap_or_default(),
            hole.saturating_sub(skip),
            &self.id,
            stem,
            &mut self.buf,
        )
    }
}

/// Appends the item for `r` with id `id` as [`CslJsonWriter`] writes it
/// after an item (with the separator `,\n`); returns where in `out` the
/// id's text ends.
pub(crate) fn render(r: &Reference, id: &str, opts: &WriteOptions, out: &mut Vec<u8>) -> usize {
    let item = CslOut::new(r, id, opts);
    out.extend_from_slice(b",\n");
    if opts.pretty {
        // Inside the array: two spaces more.
        out.extend_from_slice(b"  ");
        item.write_json_at(out, true, 1)
    } else {
        item.write_json_at(out, false, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_to_the_present_as_citeproc_js_writes_them() {
        let d = Date {
            ongoing: true,
            ..Date::year(2015)
        };
        let r = Reference {
            issued: Some(d.clone()),
            ..Reference::default()
        };
        let item = CslOut::new(&r, "x", &WriteOptions::default());
        let v = serde_json::to_value(&item).unwrap();
        assert_eq!(v["issued"]["date-parts"], serde_json::json!([[2015], [0]]));
        assert_eq!(csl_date_to_model(&v["issued"]), Some(d.clone()));
        // An empty end is read so too; a real end is a range.
        let empty = serde_json::json!({"date-parts": [[2015], [""]]});
        assert_eq!(csl_date_to_model(&empty), Some(d));
        let range = csl_date_to_model(&serde_json::json!({"date-parts": [[2015], [2018]]}));
        assert!(range.is_some_and(|d| !d.ongoing && d.end.is_some()));
    }

    #[test]
    fn keys_are_the_names_quoted() {
        for role in Role::ALL {
            assert_eq!(role_key(role).name, role.csl_name());
        }
        let k = key!("container-title");
        assert_eq!(k.quoted.get(..k.len), Some(&b"\"container-title\": "[..]));
        assert_eq!(k.quoted.get(k.len), Some(&b'"'));
    }

    /// `serde_json`'s pretty layout with a two-space indent, except that
    /// the value of a `date-parts` member is written on one line with
    /// `, ` between elements: the layout [`Json`] writes pretty.
    #[derive(Default)]
    struct DatePartsInline {
        pretty: serde_json::ser::PrettyFormatter<'static>,
        /// In an object key: the key's text so far.
        key: Option<Vec<u8>>,
        /// The last key was `date-parts` (and its value not begun).
        date_parts_next: bool,
        /// Depth of the inline arrays being written (0: none).
        inline: usize,
    }

    impl serde_json::ser::Formatter for DatePartsInline {
        fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
            if self.inline > 0 || std::mem::take(&mut self.date_parts_next) {
                self.inline += 1;
                return w.write_all(b"[");
            }
            self.pretty.begin_array(w)
        }
        fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
            if self.inline > 0 {
                self.inline -= 1;
                return w.write_all(b"]");
            }
            self.pretty.end_array(w)
        }
        fn begin_array_value<W: ?Sized + io::Write>(
            &mut self,
            w: &mut W,
            first: bool,
        ) -> io::Result<()> {
            if self.inline > 0 {
                return if first { Ok(()) } else { w.write_all(b", ") };
            }
            self.pretty.begin_array_value(w, first)
        }
        fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
            if self.inline > 0 {
                return Ok(());
            }
            self.pretty.end_array_value(w)
        }
        fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.pretty.begin_object(w)
        }
        fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.pretty.end_object(w)
        }
        fn begin_object_key<W: ?Sized + io::Write>(
            &mut self,
            w: &mut W,
            first: bool,
        ) -> io::Result<()> {
            self.key = Some(Vec::new());
            self.date_parts_next = false;
            self.pretty.begin_object_key(w, first)
        }
        fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.date_parts_next = self.key.take().as_deref() == Some(b"date-parts");
            self.pretty.end_object_key(w)
        }
        fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.pretty.begin_object_value(w)
        }
        fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.pretty.end_object_value(w)
        }
        fn write_string_fragment<W: ?Sized + io::Write>(
            &mut self,
            w: &mut W,
            fragment: &str,
        ) -> io::Result<()> {
            if let Some(k) = &mut self.key {
                k.extend_from_slice(fragment.as_bytes());
            }
            w.write_all(fragment.as_bytes())
        }
    }

    /// The direct JSON is byte for byte what `serde_json` makes of the
    /// [`Serialize`] view, compact and pretty (with `date-parts` on one
    /// line), with and without Zotero's forms.
    #[test]
    fn direct_json_is_serde_json() {
        let texts = [
            "van der Berg, J., & de la Cruz, M., Jr. (2019, March 5). A \"quoted\" title\\with\ttab \u{1} \u{1f}. Journal, 12(3), 45–67. https://doi.org/10.1000/x",
            "Smith, A. (Ed.). (2020/2021). Book (2nd ed.). Publisher.",
            "World Health Organization. (n.d.). Page. https://who.int/",
            "Doe, J. (in press). Paper [Doctoral dissertation]. University.",
            "",
        ];
        let mut refs: Vec<Reference> = texts
            .iter()
            .map(|t| crate::apa::parse_reference(t, 1, 1).reference)
            .collect();
        let extra = Reference {
            title_translated: Some("Ü \u{7f}".into()),
            title: Some("a\u{1}\u{8}\u{c}\r\t\"\\b\u{1f} long enough for a word".into()),
            keywords: vec!["a".into(), "b\"".into()],
            issued: Some(Date {
                literal: Some("Spring".into()),
                ..Date::default()
            }),
            ..Reference::default()
        };
        refs.push(extra);
        for zotero in [true, false] {
            let opts = WriteOptions {
                zotero_compatible: zotero,
                ..WriteOptions::default()
            };
            for r in &refs {
                let item = CslOut::new(r, "id\n", &opts);
                let mut direct = Vec::new();
                item.write_json(&mut direct, false, 0);
                assert_eq!(direct, serde_json::to_vec(&item).unwrap());
                direct.clear();
                item.write_json(&mut direct, true, 0);
                let mut pretty = Vec::new();
                let fmt = DatePartsInline::default();
                let mut ser = serde_json::Serializer::with_formatter(&mut pretty, fmt);
                item.serialize(&mut ser).unwrap();
                assert_eq!(String::from_utf8(direct), String::from_utf8(pretty));
            }
        }
    }

    #[test]
    fn strings_escaped_as_serde_json_at_every_length() {
        // Short strings are tested a word at a time, long ones in vector
        // code: an escape in any position of either is found.
        for len in 0..2 * VECTOR_MIN {
            for at in 0..len {
                for c in ['"', '\\', '\0', '\u{1f}', '\n', 'x'] {
                    let mut s: Vec<char> = vec!['é'; len];
                    s[at] = c;
                    let s: String = s.into_iter().collect();
                    let mut out = vec![b'"'];
                    Json {
                        out: &mut out,
                        pretty: false,
                        depth: 0,
                    }
                    .escaped(&s);
                    out.push(b'"');
                    let want = serde_json::to_string(&s).unwrap();
                    assert_eq!(String::from_utf8(out).unwrap(), want);
                }
                let mut b = vec![b'a'; len];
                assert!(!short_needs_escape(&b));
                b[at] = b'\\';
                assert!(short_needs_escape(&b));
            }
        }
    }

    #[test]
    fn escapes_found_in_any_position() {
        for len in 0..20 {
            for at in 0..len {
                for c in [b'"', b'\\', 0, 0x1f] {
                    let mut s = vec![b'a'; len];
                    s[at] = c;
                    assert_eq!(next_escape(&s), Some(at));
                }
                let s =
                    vec![0x20u8, 0x7f, 0xff, b'!', b'#', b'[', b']', 0x80][..len.min(8)].to_vec();
                assert_eq!(next_escape(&s), None);
            }
        }
    }
}
