//! BibTeX and BibLaTeX: one `@type{key, field = {value}, ...}` entry per
//! record.
//!
//! Entries are written by this module, not through the `biblatex` crate's
//! writer, because that writer escapes `\` as `\\` (a line break), `~` as
//! `\~` and `^` as `\^` (accents on the next letter) and a literal `{` as
//! `\{` (an unbalanced brace for BibTeX and biber), writes Unicode only as
//! it is, renames fields on its own, and has no notion of group names or of
//! word-level case protection. The crate is used in the tests, to read the
//! output back.
//!
//! # What is written
//!
//! * **Entry types** are only those Zotero imports (no `@dataset`,
//!   `@standard`, `@periodical`): see [`entry_type`]. Classic BibTeX uses the
//!   types `apalike`/`plain` know; BibLaTeX also `@online`, `@thesis`,
//!   `@report`, `@collection`, `@inreference` and `@software`.
//! * **Names**: `Family, Given and Family, Given`, particles inside the
//!   family part (`van der Berg, Anna`), a dropping particle after the
//!   given names (`Beauvoir, Simone de`), suffixes as `Family, Jr., Given`,
//!   group names in braces (`{World Health Organization}`), `and others`
//!   when APA elided authors.
//! * **Titles** (and book titles, genres) keep proper nouns and acronyms in
//!   braces ([`super::latex::protect_title`]); special characters are
//!   escaped everywhere except in `url` and `doi`, which are written raw.
//! * **Dates**: classic `year = {2020}, month = mar`, `year = {n.d.}`,
//!   `year = {in press}`; BibLaTeX `date = {2020-03-15}` (ranges
//!   `2020-03-15/2020-03-20`, seasons `2015-21`, circa `1900~`), no date for
//!   n.d., `pubstate = {inpress}`.
//! * **Pages** with `--` between the ends of a range.
//! * BibLaTeX entries hold only fields biber's `--validate-datamodel`
//!   accepts for the type (after biblatex-apa's source map, which turns
//!   `@inproceedings` without editors into `@article` and `@incollection`
//!   into `@inbook`); a value with no valid field goes into `note` as
//!   `Label: value`, and is reported as a diagnostic.
//!
//! `--ascii` ([`WriteOptions::ascii`]) writes accent macros instead of
//! UTF-8 (see [`super::latex`]).
//!
//! # Which LaTeX engine
//!
//! * Classic BibTeX is byte-based: use `--ascii` (raw UTF-8 gets split at
//!   BibTeX's line wraps and breaks apalike's labels).
//! * BibLaTeX with biber takes UTF-8. pdflatex can then set Latin scripts
//!   (T1 fonts), but not Cyrillic, Greek, Arabic, CJK …: for those use
//!   xelatex/lualatex, or `--ascii`, which transliterates them (with a
//!   diagnostic) and writes isolated Greek letters as math.
//!
//! On the 1,977-reference development corpus: BibTeX `--ascii` with
//! apalike and with plain renders 1,977 of 1,977 entries with no error;
//! BibLaTeX `--ascii` with biber and biblatex-apa (in chunks of 400, as
//! biblatex-apa runs out of pdfTeX memory above ~1,000) renders all 1,977
//! with no error. Every warning left is missing data (no author, no
//! publisher, n.d.).

use super::keys::KeyGen;
use super::latex::{self, Context, Encoder, Lost};
use super::{RecordWriter, WriteOptions};
use crate::diag::Diagnostic;
use crate::model::{Date, DateParts, DateStatus, Field, ItemType, Name, Reference, Role, Season};
use std::borrow::Cow;
use std::io;

/// Which of the two dialects to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// Classic BibTeX.
    Bibtex,
    /// BibLaTeX.
    Biblatex,
}

/// Writes `.bib` entries.
pub struct BibWriter {
    dialect: Dialect,
    enc: Encoder,
    keys: KeyGen,
    count: usize,
    /// The entry being written, kept for its capacity.
    buf: String,
    /// The entry being written from a rendered one, kept for its capacity.
    bytes: Vec<u8>,
    /// A name's given part and suffix while it is written (see
    /// [`encode_name`]).
    name_parts: (String, String),
    /// Buffers for finding the words of a title to protect.
    titles: latex::TitleScratch,
    /// The key of the entry being written, kept for its capacity.
    key: String,
    /// The last entry's fields and note, emptied, kept for their
    /// capacity (see [`recycle`]).
    spare: (Fields<'static>, Vec<Cow<'static, str>>),
}

/// The fields of a [`Draft`].
type Fields<'a> = Vec<(&'static str, Value<'a>, Field)>;

/// An empty vector with the allocation of `v`, for values that borrow
/// from another record (collecting in place keeps the allocation, the
/// element types having the same layout).
fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

impl BibWriter {
    /// A new writer.
    pub fn new(dialect: Dialect, opts: &WriteOptions) -> BibWriter {
        BibWriter {
            dialect,
            enc: Encoder {
                ascii: opts.ascii,
                biber: dialect == Dialect::Biblatex,
            },
            keys: KeyGen::new(),
            count: 0,
            buf: String::new(),
            bytes: Vec::new(),
            name_parts: (String::new(), String::new()),
            titles: latex::TitleScratch::default(),
            key: String::new(),
            spare: (Vec::new(), Vec::new()),
        }
    }

    /// The entry text of one record (without the blank line between
    /// entries), with its key. Diagnostics go to `diags`.
    pub fn entry(&mut self, r: &Reference, diags: &mut Vec<Diagnostic>) -> String {
        let mut out = String::with_capacity(512);
        self.write_entry(&mut out, r, diags);
        out
    }

    /// The entry of `r` with the key `key` as given, appended to `out`
    /// (the writer's [`KeyGen`] is not used); returns where in the bytes
    /// appended the key ends.
    pub(crate) fn render_apart(
        &mut self,
        r: &Reference,
        key: &str,
        out: &mut Vec<u8>,
        diags: &mut Vec<Diagnostic>,
    ) -> usize {
        let mut text = std::mem::take(&mut self.buf);
        text.clear();
        let (fields, note) = std::mem::take(&mut self.spare);
        let e = build(r, self.dialect, recycle(fields), recycle(note));
        self.render(&mut text, &e, key, r, diags);
        // `@type{key,`
        let hole = 2 + e.ty.len() + key.len();
        self.spare = (recycle(e.fields), recycle(e.note));
        out.extend_from_slice(text.as_bytes());
        self.buf = text;
        hole
    }

    /// [`BibWriter::entry`], appended to `out`.
    fn write_entry(&mut self, out: &mut String, r: &Reference, diags: &mut Vec<Diagnostic>) {
        let mut key = std::mem::take(&mut self.key);
        self.keys.key_into(r, &mut key);
        let (fields, note) = std::mem::take(&mut self.spare);
        let e = build(r, self.dialect, recycle(fields), recycle(note));
        self.render(out, &e, &key, r, diags);
        self.key = key;
        self.spare = (recycle(e.fields), recycle(e.note));
    }
}

impl RecordWriter for BibWriter {
    fn begin(&mut self, _out: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }

    fn write_record(
        &mut self,
        out: &mut dyn io::Write,
        r: &Reference,
        diags: &mut Vec<Diagnostic>,
    ) -> io::Result<()> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        if self.count > 0 {
            buf.push('\n');
        }
        self.write_entry(&mut buf, r, diags);
        self.count += 1;
        let done = out.write_all(buf.as_bytes());
        self.buf = buf;
        done
    }

    fn write_rendered(
        &mut self,
        out: &mut dyn io::Write,
        text: &[u8],
        hole: usize,
        stem: &str,
    ) -> io::Result<()> {
        let mut key = std::mem::take(&mut self.key);
        self.keys.key_from_stem(stem, &mut key);
        // One write, as `write_record`'s: the blank line between entries,
        // the entry up to the key's stem, the key's letters, the rest.
        let (before, after) = text.split_at(hole.min(text.len()));
        let buf = &mut self.bytes;
        buf.clear();
        if self.count > 0 {
            buf.push(b'\n');
        }
        buf.extend_from_slice(before);
        buf.extend_from_slice(key.as_bytes().get(stem.len()..).unwrap_or_default());
        buf.extend_from_slice(after);
        self.count += 1;
        self.key = key;
        out.write_all(&self.bytes)
    }

    fn finish(&mut self, _out: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }
}

/// The entry type for a record: `(classic BibTeX, BibLaTeX)`.
///
/// | item type | BibTeX | BibLaTeX |
/// |---|---|---|
/// | journal, magazine, newspaper article, review | `article` | `article` (magazine/newspaper with `entrysubtype = {nonacademic}`) |
/// | preprint | `article` (repository as journal) | `article` + `titleaddon = {Preprint}` |
/// | book | `book` | `book`, or `collection` when it has editors and no authors |
/// | chapter | `incollection` | `incollection` (`inbook` without editors) |
/// | encyclopedia/dictionary entry | `incollection` | `inreference` |
/// | conference paper | `inproceedings` | `inproceedings` |
/// | presentation (speech) | `inproceedings` with the event as `booktitle` (`unpublished` without an event) | same |
/// | report | `techreport` | `report` |
/// | thesis | `phdthesis` / `mastersthesis` | `thesis` + `type` |
/// | web page, blog post, forum post | `misc` + `howpublished = {\url{…}}` | `online` |
/// | software | `misc` | `software` |
/// | manuscript | `unpublished` | `unpublished` |
/// | data set and everything else | `misc` | `misc` |
///
/// Types that need a field the record lacks fall back: an entry without a
/// book title is `misc`, an `@online` without URL or DOI is `misc`.
pub fn entry_type(r: &Reference, dialect: Dialect) -> &'static str {
    let classic = dialect == Dialect::Bibtex;
    let has_container = nonempty(&r.container_title).is_some();
    let has_editors = r.has_role(Role::Editor);
    let has_authors = r.has_role(Role::Author);
    let has_link = nonempty(&r.url).is_some() || nonempty(&r.doi).is_some();
    match r.item_type {
        ItemType::ArticleJournal
        | ItemType::ArticleMagazine
        | ItemType::ArticleNewspaper
        | ItemType::Review
            if has_container =>
        {
            "article"
        }
        ItemType::Article if (has_container || nonempty(&r.publisher).is_some()) => "article",
        ItemType::Book => {
            if !classic && has_editors && !has_authors {
                "collection"
            } else {
                "book"
            }
        }
        ItemType::Chapter => match (has_container, classic, has_editors) {
            (false, _, _) => "misc",
            (true, true, _) => "incollection",
            (true, false, true) => "incollection",
            (true, false, false) => "inbook",
        },
        ItemType::EntryEncyclopedia | ItemType::EntryDictionary => match (has_container, classic) {
            (true, true) => "incollection",
            (true, false) => "inreference",
            (false, false) if has_link => "online",
            _ => "misc",
        },
        ItemType::PaperConference if (has_container || nonempty(&r.event_title).is_some()) => {
            "inproceedings"
        }
        ItemType::Speech => {
            if nonempty(&r.event_title).is_some() || has_container {
                "inproceedings"
            } else {
                "unpublished"
            }
        }
        ItemType::Report => {
            if classic {
                "techreport"
            } else {
                "report"
            }
        }
        ItemType::Thesis => {
            if !classic {
                "thesis"
            } else if thesis_kind(r.genre.as_deref()) == ThesisKind::Masters {
                "mastersthesis"
            } else {
                "phdthesis"
            }
        }
        ItemType::Webpage | ItemType::PostWeblog | ItemType::Post if !classic && has_link => {
            "online"
        }
        ItemType::Software => {
            if classic {
                "misc"
            } else {
                "software"
            }
        }
        ItemType::Manuscript => "unpublished",
        _ => "misc",
    }
}

/// The type biblatex-apa's source map turns an entry into; biber validates
/// fields against this type.
fn effective_type(ty: &'static str, r: &Reference) -> &'static str {
    match ty {
        "collection" => "book",
        "incollection" | "inreference" => "inbook",
        "inproceedings" if r.has_role(Role::Editor) => "inbook",
        "inproceedings" => "article",
        t => t,
    }
}

/// Fields biber's data model accepts for a BibLaTeX type (the ones this
/// writer uses), besides the global ones (`doi`, `url`, `urldate`, `date`,
/// `origdate`, `eprint`, `eprinttype`, `entrysubtype`, `keywords`,
/// `abstract`, `langid`).
fn biblatex_allows(written: &str, ty: &str, field: &str) -> bool {
    // The source map renames `booktitle` to `journaltitle` when it turns
    // `@inproceedings` into `@article`.
    if written == "inproceedings" && field == "booktitle" {
        return true;
    }
    // (Lists as `matches!`: compared with constants of known length, most
    // fields are told apart by their length alone.)
    if matches!(
        field,
        "author" | "title" | "titleaddon" | "note" | "language" | "pubstate"
    ) {
        return true;
    }
    match ty {
        "article" => matches!(
            field,
            "editor"
                | "translator"
                | "journaltitle"
                | "volume"
                | "number"
                | "pages"
                | "eid"
                | "issn"
                | "series"
                | "version"
        ),
        "book" | "inbook" => matches!(
            field,
            "editor"
                | "translator"
                | "booktitle"
                | "edition"
                | "volume"
                | "number"
                | "series"
                | "publisher"
                | "location"
                | "isbn"
                | "pages"
        ),
        "report" => matches!(
            field,
            "type" | "number" | "institution" | "location" | "pages" | "version"
        ),
        "thesis" => matches!(field, "type" | "institution" | "location" | "pages"),
        "unpublished" => matches!(field, "howpublished" | "location" | "type"),
        "misc" | "software" => matches!(
            field,
            "editor" | "howpublished" | "location" | "organization" | "type" | "version"
        ),
        "online" => matches!(field, "editor" | "organization" | "version"),
        _ => false,
    }
}

/// The fields biber accepts for every type (that this writer uses).
fn is_global_field(field: &str) -> bool {
    matches!(
        field,
        "doi"
            | "url"
            | "urldate"
            | "date"
            | "origdate"
            | "eprint"
            | "eprinttype"
            | "entrysubtype"
            | "keywords"
            | "abstract"
    )
}

/// A field value before encoding, borrowed from the record where it can
/// be.
#[derive(Clone, Debug)]
enum Value<'a> {
    /// Plain text, escaped on output.
    Text(Cow<'a, str>),
    /// Text in sentence case: escaped, with proper nouns braced (and the
    /// byte ranges the record asks to protect).
    Title(Cow<'a, str>, &'a [(usize, usize)]),
    /// The record's names with a role; `true` when APA elided some.
    Names(Role, bool),
    /// A page range or list.
    Pages(&'a str),
    /// Written raw (numbers, keywords of the data model).
    Raw(Cow<'a, str>),
    /// A date, year or day, written as it is.
    Date(DateText<'a>),
    /// A URL or DOI, written through [`latex::verbatim`].
    Verbatim(&'a str),
    /// Written without braces (month macros).
    Bare(&'static str),
}

/// An entry before encoding: type and fields in output order, plus text
/// for `note`.
#[derive(Debug)]
struct Draft<'a> {
    ty: &'static str,
    fields: Fields<'a>,
    note: Vec<Cow<'a, str>>,
    /// Labels of values moved into `note` because no field could hold them.
    moved: Vec<&'static str>,
}

impl<'a> Draft<'a> {
    #[inline]
    fn set(&mut self, name: &'static str, v: Value<'a>, f: Field) {
        self.fields.push((name, v, f));
    }

    #[inline]
    fn text(&mut self, name: &'static str, v: &'a Option<String>, f: Field) {
        if let Some(s) = nonempty(v) {
            self.set(name, Value::Text(s.into()), f);
        }
    }
}

#[inline]
fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(super::trim).filter(|s| !s.is_empty())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ThesisKind {
    Doctoral,
    Masters,
    Other,
}

fn thesis_kind(genre: Option<&str>) -> ThesisKind {
    let g = genre.unwrap_or("").to_lowercase();
    let masters = [
        "master",
        "m.a.",
        "m.sc",
        "msc",
        "m.s.",
        "ma thesis",
        "magister",
    ];
    let doctoral = [
        "doctor",
        "dissertation",
        "phd",
        "ph.d",
        "ph. d",
        "doctorat",
        "doktor",
        "dphil",
    ];
    if masters.iter().any(|m| g.contains(m)) {
        ThesisKind::Masters
    } else if doctoral.iter().any(|d| g.contains(d)) {
        ThesisKind::Doctoral
    } else {
        ThesisKind::Other
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn valid_month(p: &DateParts) -> Option<u8> {
    p.month.filter(|m| (1..=12).contains(m))
}

fn valid_day(p: &DateParts) -> Option<u8> {
    valid_month(p).and(p.day).filter(|d| (1..=31).contains(d))
}

/// Appends the ISO 8601 / EDTF form of one end of a date to `s`: `2020`,
/// `2020-03`, `2020-03-15`, `-0350`.
fn push_iso(s: &mut String, p: &DateParts) {
    if p.year < 0 {
        s.push('-');
    }
    push_padded(s, p.year.unsigned_abs(), 4);
    if let Some(m) = valid_month(p) {
        s.push('-');
        push_padded(s, m.into(), 2);
        if let Some(d) = valid_day(p) {
            s.push('-');
            push_padded(s, d.into(), 2);
        }
    }
}

/// Appends `n` in at least `width` digits (with leading zeros).
fn push_padded(s: &mut String, n: u32, width: usize) {
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(n);
    for _ in digits.len()..width {
        s.push('0');
    }
    s.push_str(digits);
}

/// The BibLaTeX `date` value of a dated record: ranges, seasons, circa.
pub fn biblatex_date(d: &Date) -> Option<String> {
    let mut s = String::with_capacity(24);
    push_biblatex_date(&mut s, d).then_some(s)
}

/// [`biblatex_date`], appended to `s`; false, with nothing appended, for
/// a record without a date.
fn push_biblatex_date(s: &mut String, d: &Date) -> bool {
    let Some(start) = d.start.as_ref() else {
        return false;
    };
    push_iso(s, start);
    if valid_month(start).is_none()
        && let Some(season) = d.season
    {
        s.push_str(match season {
            Season::Spring => "-21",
            Season::Summer => "-22",
            Season::Autumn => "-23",
            Season::Winter => "-24",
        });
    }
    if d.circa {
        s.push('~');
    }
    if let Some(end) = &d.end
        && end != start
    {
        s.push('/');
        push_iso(s, end);
    } else if d.to_present() {
        // An open end (biblatex's `1988/`).
        s.push('/');
    }
    true
}

fn year_text(y: i32) -> String {
    let mut s = String::with_capacity(8);
    push_year(&mut s, y);
    s
}

/// [`year_text`], appended to `s`.
fn push_year(s: &mut String, y: i32) {
    s.push_str(itoa::Buffer::new().format(y.unsigned_abs()));
    if y < 0 {
        s.push_str(" BCE");
    }
}

/// A date value written straight into the entry (no string made for it
/// first): dates, years and days are written as they are.
#[derive(Clone, Copy, Debug)]
enum DateText<'a> {
    /// A year, as [`year_text`] writes it.
    Year(i32),
    /// A day of the month.
    Day(u8),
    /// [`biblatex_date`] of a dated record.
    Edtf(&'a Date),
    /// [`push_iso`] of one date.
    Iso(&'a DateParts),
}

impl DateText<'_> {
    fn push_to(self, out: &mut String) {
        match self {
            DateText::Year(y) => push_year(out, y),
            DateText::Day(d) => out.push_str(itoa::Buffer::new().format(d)),
            DateText::Edtf(d) => {
                push_biblatex_date(out, d);
            }
            DateText::Iso(p) => push_iso(out, p),
        }
    }

    fn text(self) -> String {
        let mut s = String::new();
        self.push_to(&mut s);
        s
    }
}

/// Adds the publication date: BibLaTeX `date`/`pubstate`, classic
/// `year`/`month`/`day`.
fn put_issued<'a>(e: &mut Draft<'a>, r: &'a Reference, classic: bool) {
    let Some(d) = &r.issued else {
        if classic {
            e.set("year", Value::Raw("n.d.".into()), Field::Issued);
        }
        return;
    };
    let state = match d.status {
        DateStatus::InPress => Some(("in press", "inpress")),
        DateStatus::Forthcoming => Some(("forthcoming", "forthcoming")),
        _ => None,
    };
    if classic {
        if let Some((text, _)) = state {
            e.set("year", Value::Raw(text.into()), Field::Issued);
            return;
        }
        match &d.start {
            Some(start) => {
                let mut y: Option<String> = None;
                if d.circa {
                    y = Some(format!("ca. {}", year_text(start.year)));
                }
                if d.to_present() {
                    let from = y.unwrap_or_else(|| year_text(start.year));
                    y = Some(format!("{from}--present"));
                }
                if let Some(end) = &d.end {
                    let across_years = end.year != start.year;
                    if across_years {
                        let from = y.unwrap_or_else(|| year_text(start.year));
                        y = Some(format!("{from}--{}", year_text(end.year)));
                    }
                    // BibTeX has no field for a range within a year, nor
                    // for the end's month and day of one across years
                    // ("2019, December 30–2020, January 2").
                    if (across_years && end.month.is_some() || !across_years && end != start)
                        && let Some(range) = biblatex_date(d)
                    {
                        e.note.push(format!("Date: {range}").into());
                        e.moved.push("date range");
                    }
                }
                // Mostly a plain year: written as it is.
                let year = match y {
                    Some(y) => Value::Text(y.into()),
                    None => Value::Date(DateText::Year(start.year)),
                };
                e.set("year", year, Field::Issued);
                if let Some(m) = valid_month(start) {
                    e.set(
                        "month",
                        // In bounds: `valid_month` gives 1 to 12.
                        Value::Bare(MONTHS[usize::from(m - 1)]),
                        Field::Issued,
                    );
                    if let Some(day) = valid_day(start) {
                        e.set("day", Value::Date(DateText::Day(day)), Field::Issued);
                    }
                } else if let Some(season) = d.season {
                    let s = match season {
                        Season::Spring => "Spring",
                        Season::Summer => "Summer",
                        Season::Autumn => "Autumn",
                        Season::Winter => "Winter",
                    };
                    e.set("month", Value::Text(s.into()), Field::Issued);
                }
            }
            None => match (nonempty(&d.literal), d.status) {
                (Some(l), _) => e.set("year", Value::Text(l.into()), Field::Issued),
                (None, _) => e.set("year", Value::Raw("n.d.".into()), Field::Issued),
            },
        }
    } else {
        if d.start.is_some() {
            // (What `biblatex_date` writes.)
            e.set("date", Value::Date(DateText::Edtf(d)), Field::Issued);
        } else if let Some(l) = nonempty(&d.literal) {
            e.note.push(format!("Date: {l}").into());
            e.moved.push("date");
        }
        if let Some((_, key)) = state {
            e.set("pubstate", Value::Raw(key.into()), Field::Issued);
        }
    }
}

/// Builds the entry for one record in one dialect.
/// `fields` and `note` are empty vectors to use (for their capacity).
fn build<'a>(
    r: &'a Reference,
    dialect: Dialect,
    mut fields: Fields<'a>,
    note: Vec<Cow<'a, str>>,
) -> Draft<'a> {
    let classic = dialect == Dialect::Bibtex;
    let ty = entry_type(r, dialect);
    fields.reserve(16);
    let mut e = Draft {
        ty,
        fields,
        note,
        moved: Vec::new(),
    };
    let it = r.item_type;

    // Names.
    let has_authors = r.has_role(Role::Author);
    if has_authors {
        e.set(
            "author",
            Value::Names(Role::Author, r.authors_elided),
            Field::Author,
        );
    }
    if r.has_role(Role::Editor) {
        let elided = r.authors_elided && !has_authors;
        e.set("editor", Value::Names(Role::Editor, elided), Field::Editor);
    }
    if r.has_role(Role::Translator) {
        e.set(
            "translator",
            Value::Names(Role::Translator, false),
            Field::Translator,
        );
    }
    // Other roles have no field in either dialect (nor in Zotero's BibTeX
    // import): they go to the note.
    let has_field = |role| matches!(role, Role::Author | Role::Editor | Role::Translator);
    if r.contributors.iter().any(|c| !has_field(c.role)) {
        for role in Role::ALL.into_iter().filter(|&role| !has_field(role)) {
            let list: Vec<String> = r.names(role).map(display_name).collect();
            if !list.is_empty() {
                let label = role_label(role);
                e.note.push(format!("{label}: {}", list.join("; ")).into());
                e.moved.push(label);
            }
        }
    }

    // Title and what belongs to it.
    if let Some(t) = r.title.as_deref().filter(|t| !super::trim(t).is_empty()) {
        e.set(
            "title",
            Value::Title(t.into(), &r.title_protected),
            Field::Title,
        );
    }
    let description = if it == ItemType::Article && ty == "article" {
        Some(nonempty(&r.genre).unwrap_or("Preprint"))
    } else if !matches!(it, ItemType::Thesis | ItemType::Report)
        && let Some(g) = nonempty(&r.genre)
    {
        Some(g)
    } else if it == ItemType::Dataset {
        // APA's description; it also tells readers the `@misc` is data.
        Some("Data set")
    } else if it == ItemType::Software && ty == "misc" {
        Some("Computer software")
    } else {
        None
    };
    let addon: Option<Cow<str>> = match (description, nonempty(&r.medium)) {
        (Some(d), Some(m)) => Some(format!("{d}; {m}").into()),
        (d, m) => d.or(m).map(Cow::Borrowed),
    };
    if let Some(a) = addon {
        if classic {
            e.note.push(a);
        } else {
            e.set("titleaddon", Value::Title(a, &[]), Field::Genre);
        }
    }
    if let Some(tt) = nonempty(&r.title_translated) {
        e.note.push(format!("Translated title: {tt}").into());
    }

    // Container.
    let container = nonempty(&r.container_title);
    let event = nonempty(&r.event_title);
    match ty {
        "article" => {
            let journal = container.or_else(|| {
                (it == ItemType::Article)
                    .then(|| nonempty(&r.publisher))
                    .flatten()
            });
            if let Some(j) = journal {
                let name = if classic { "journal" } else { "journaltitle" };
                e.set(name, Value::Text(j.into()), Field::ContainerTitle);
            }
            if !classic && matches!(it, ItemType::ArticleMagazine | ItemType::ArticleNewspaper) {
                e.set(
                    "entrysubtype",
                    Value::Raw("nonacademic".into()),
                    Field::Type,
                );
            }
        }
        "incollection" | "inbook" | "inreference" => {
            if let Some(c) = container {
                e.set(
                    "booktitle",
                    Value::Title(c.into(), &[]),
                    Field::ContainerTitle,
                );
            }
        }
        "inproceedings" => {
            // The proceedings title, or for a talk the event's name.
            let (book, extra_event) = match (container, event) {
                (Some(c), Some(ev)) if c != ev => (Some(c), Some(ev)),
                (Some(c), _) => (Some(c), None),
                (None, ev) => (ev, None),
            };
            if let Some(b) = book {
                e.set(
                    "booktitle",
                    Value::Title(b.into(), &[]),
                    Field::ContainerTitle,
                );
            }
            if let Some(ev) = extra_event {
                e.note.push(format!("Event: {ev}").into());
                e.moved.push("event");
            }
            // biblatex-apa prints a talk's day range only for
            // "nonacademic" entries (it turns this entry into @article).
            let dated = r
                .issued
                .as_ref()
                .and_then(|d| d.start.as_ref())
                .is_some_and(|p| valid_month(p).is_some());
            if !classic && it == ItemType::Speech && !r.has_role(Role::Editor) && dated {
                e.set(
                    "entrysubtype",
                    Value::Raw("nonacademic".into()),
                    Field::Type,
                );
            }
        }
        "online" | "misc" | "software" | "unpublished" | "book" | "collection" | "report"
        | "techreport" | "thesis" | "phdthesis" | "mastersthesis" => {
            if let Some(c) = container {
                match (ty, it) {
                    ("online" | "misc", _)
                        if !classic
                        // The site name: `organization` unless a publisher
                        // takes it (then the note).
                        && nonempty(&r.publisher).is_none() =>
                    {
                        e.set("organization", Value::Text(c.into()), Field::ContainerTitle);
                    }
                    ("misc", _) if classic => e.note.push(c.into()),
                    ("book" | "collection", _) => {
                        e.set("series", Value::Text(c.into()), Field::ContainerTitle)
                    }
                    _ => {
                        e.note.push(c.into());
                    }
                }
            }
            if let Some(ev) = event {
                e.note.push(ev.into());
            }
        }
        _ => {}
    }

    // Date.
    put_issued(&mut e, r, classic);
    if let Some(od) = &r.original_date {
        match (classic, biblatex_date(od)) {
            (false, Some(d)) => e.set("origdate", Value::Raw(d.into()), Field::OriginalDate),
            (_, _) => {
                if let Some(start) = &od.start {
                    e.note
                        .push(format!("Original work published {}", year_text(start.year)).into());
                } else if let Some(l) = nonempty(&od.literal) {
                    e.note.push(format!("Original work published {l}").into());
                }
            }
        }
    }

    // Legal references: court and section have no field Zotero or the
    // APA styles read from a @misc entry; they are printed in the note.
    if let Some(a) = nonempty(&r.authority) {
        e.note.push(format!("Court: {a}").into());
    }
    if let Some(s) = nonempty(&r.section) {
        e.note.push(s.into());
    }

    // Volume, issue, pages, numbers. BibLaTeX's volume is an integer
    // (biber drops anything else with a warning).
    if let Some(v) = nonempty(&r.volume) {
        if classic || v.chars().all(|c| c.is_ascii_digit()) {
            e.set("volume", Value::Text(v.into()), Field::Volume);
        } else {
            e.note.push(format!("Volume: {v}").into());
            e.moved.push("volume");
        }
    }
    let is_article = ty == "article";
    let is_report = matches!(ty, "report" | "techreport");
    if is_article {
        e.text("number", &r.issue, Field::Issue);
    } else if let Some(i) = nonempty(&r.issue) {
        e.note.push(format!("Issue: {i}").into());
        e.moved.push("issue");
    }
    if let Some(p) = nonempty(&r.page) {
        if matches!(
            ty,
            "book" | "collection" | "phdthesis" | "mastersthesis" | "thesis"
        ) {
            // Zotero reads pages on these as a page count.
            e.note.push(format!("Pages: {p}").into());
            e.moved.push("pages");
        } else {
            e.set("pages", Value::Pages(p), Field::Page);
        }
    }
    if let Some(n) = nonempty(&r.number) {
        if is_report || (ty == "misc" && it == ItemType::Report) {
            e.set("number", Value::Text(n.into()), Field::Number);
        } else if is_article && it == ItemType::Article {
            // A preprint's number has no field (`number` is the issue).
            e.note.push(format!("Number: {n}").into());
            e.moved.push("number");
        } else if is_article {
            // An article number: `eid` in BibLaTeX; for classic BibTeX the
            // page position when there are no pages.
            if classic {
                if nonempty(&r.page).is_none() {
                    let v = if n.chars().all(|c| c.is_ascii_digit()) {
                        format!("Article {n}").into()
                    } else {
                        n.into()
                    };
                    e.set("pages", Value::Text(v), Field::Number);
                } else {
                    e.note.push(format!("Article {n}").into());
                }
            } else {
                e.set("eid", Value::Text(n.into()), Field::Number);
            }
        } else {
            e.note.push(format!("No. {n}").into());
            e.moved.push("number");
        }
    }
    if let Some(s) = nonempty(&r.collection_title) {
        let s = match nonempty(&r.collection_number) {
            Some(n) if matches!(ty, "book" | "collection" | "incollection" | "inbook") => {
                e.set("number", Value::Text(n.into()), Field::CollectionTitle);
                s.into()
            }
            Some(n) => format!("{s} ({n})").into(),
            None => s.into(),
        };
        e.set("series", Value::Text(s), Field::CollectionTitle);
    }
    if let Some(ed) = nonempty(&r.edition) {
        // An English ordinal from another reader ("1st", "2nd ed.",
        // "second edition") as the number biblatex formats itself ("1st
        // ed."); other text as it is.
        let digits = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
        let number = if digits(ed) {
            // (Mostly a number already, as the APA reader gives it.)
            None
        } else {
            let t = ed.trim().trim_end_matches('.');
            ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|s| t.strip_suffix(s))
                .filter(|n| digits(n))
                .map(str::to_string)
                .or_else(|| crate::apa::edition_of(ed).filter(|n| digits(n)))
        };
        let v = match (number, classic) {
            (Some(n), true) => ordinal_edition(&n).into_owned().into(),
            (Some(n), false) => n.into(),
            (None, true) => ordinal_edition(ed),
            (None, false) => ed.into(),
        };
        e.set("edition", Value::Text(v), Field::Edition);
    }
    e.text("version", &r.version, Field::Version);

    // Genre: thesis and report types.
    match ty {
        "thesis" => {
            let kind = thesis_kind(r.genre.as_deref());
            let v = match kind {
                ThesisKind::Doctoral => "phdthesis",
                ThesisKind::Masters => "mathesis",
                ThesisKind::Other => nonempty(&r.genre).unwrap_or("Thesis"),
            };
            if kind == ThesisKind::Other {
                e.set("type", Value::Title(v.into(), &[]), Field::Genre);
            } else {
                e.set("type", Value::Raw(v.into()), Field::Genre);
            }
        }
        "phdthesis" | "mastersthesis" => {
            if thesis_kind(r.genre.as_deref()) == ThesisKind::Other {
                let g = nonempty(&r.genre).unwrap_or("Thesis");
                e.set("type", Value::Title(g.into(), &[]), Field::Genre);
            }
        }
        "report" | "techreport" => {
            // BibLaTeX requires a type; APA prints the genre before the
            // number ("Report No. 12").
            let g = nonempty(&r.genre);
            match (g, classic) {
                (Some(g), _) => e.set("type", Value::Title(g.into(), &[]), Field::Genre),
                (None, false) => e.set("type", Value::Text("Report".into()), Field::Genre),
                (None, true) => e.set("type", Value::Text("Report".into()), Field::Genre),
            }
        }
        _ => {
            if it == ItemType::Report
                && let Some(g) = nonempty(&r.genre)
            {
                e.note.push(g.into());
            }
        }
    }

    // Publisher, place, archive.
    let publisher = nonempty(&r.publisher);
    let first_group = r.names(Role::Author).find_map(|n| match n {
        Name::Literal(l) => Some(l.as_str()),
        Name::Person(_) => None,
    });
    match ty {
        "report" | "techreport" => {
            // APA leaves out a publisher that is the author; the field is
            // required, so the group author stands in.
            if let Some(p) = publisher.or(first_group) {
                e.set("institution", Value::Text(p.into()), Field::Publisher);
            }
        }
        "thesis" => e.text("institution", &r.publisher, Field::Publisher),
        "phdthesis" | "mastersthesis" => e.text("school", &r.publisher, Field::Publisher),
        "online" | "misc" | "software" if !classic => {
            e.text("organization", &r.publisher, Field::Publisher)
        }
        "article" if it == ItemType::Article && container.is_none() => {}
        _ => e.text("publisher", &r.publisher, Field::Publisher),
    }
    let place = nonempty(&r.publisher_place).or_else(|| {
        (it == ItemType::Speech)
            .then(|| nonempty(&r.event_place))
            .flatten()
    });
    if let Some(pl) = place {
        let name = if classic { "address" } else { "location" };
        e.set(name, Value::Text(pl.into()), Field::Place);
    }
    if it != ItemType::Speech
        && let Some(ep) = nonempty(&r.event_place)
    {
        e.note.push(ep.into());
    }
    if let Some(a) = nonempty(&r.archive) {
        e.note.push(a.into());
    }

    // Identifiers and links.
    e.text("isbn", &r.isbn, Field::Isbn);
    e.text("issn", &r.issn, Field::Issn);
    if let Some(d) = nonempty(&r.doi) {
        e.set("doi", Value::Verbatim(d), Field::Doi);
    }
    if let Some(u) = nonempty(&r.url) {
        if classic && ty == "misc" {
            e.set(
                "howpublished",
                Value::Raw(url_command(u).into()),
                Field::Url,
            );
        }
        e.set("url", Value::Verbatim(u), Field::Url);
    }
    if let Some(acc) = r.accessed.as_ref().and_then(|d| d.start.as_ref()) {
        e.set("urldate", Value::Date(DateText::Iso(acc)), Field::Accessed);
    }
    if let Some(pmid) = nonempty(&r.pmid) {
        if classic {
            e.set("pmid", Value::Text(pmid.into()), Field::Note);
        } else {
            e.set("eprint", Value::Verbatim(pmid), Field::Note);
            e.set("eprinttype", Value::Raw("pubmed".into()), Field::Note);
        }
    }
    e.text("language", &r.language, Field::Note);
    if !r.keywords.is_empty() {
        e.set(
            "keywords",
            Value::Text(r.keywords.join(", ").into()),
            Field::Note,
        );
    }
    e.text("abstract", &r.abstract_text, Field::Note);
    if let Some(s) = nonempty(&r.status) {
        e.note.push(capitalise(s).into());
    }
    if let Some(n) = nonempty(&r.note) {
        e.note.push(n.into());
    }

    if !classic {
        move_invalid(&mut e, r);
    } else {
        classic_fixes(&mut e, r);
    }
    e
}

/// What apalike/plain need to run without warnings that the data allows
/// avoiding.
fn classic_fixes(e: &mut Draft<'_>, r: &Reference) {
    let has = |e: &Draft, f: &str| e.fields.iter().any(|(n, _, _)| *n == f);
    // `@book` cannot print both an author and an editor ("can't use both
    // author and editor fields"): the editors go to the note.
    if e.ty == "book"
        && has(e, "author")
        && has(e, "editor")
        && let Some(pos) = e.fields.iter().position(|(n, _, _)| *n == "editor")
    {
        let (_, v, _) = e.fields.remove(pos);
        if let Value::Names(role, _) = v {
            let list: Vec<String> = r.names(role).map(display_name).collect();
            e.note.push(format!("Editor: {}", list.join("; ")).into());
            e.moved.push("Editor");
        }
    }
    // Without an author apalike sorts (and, without an editor, labels) by
    // `key` ("to sort, need author or key"; for @incollection an editor
    // does not count): the first words of the title, as APA cites a work
    // without author. Brackets would end the label of `\bibitem[...]`.
    if !has(e, "author") {
        let source = nonempty(&r.title).or(nonempty(&r.container_title));
        if let Some(t) = source {
            // The first four words, joined by spaces, without brackets.
            let mut k = String::with_capacity(t.len().min(64));
            for (i, w) in t.split_whitespace().take(4).enumerate() {
                if i > 0 {
                    k.push(' ');
                }
                k.extend(w.chars().filter(|c| !matches!(c, '[' | ']' | '{' | '}')));
            }
            let trimmed = k.trim().trim_end_matches([':', ',', ';', '.']);
            if trimmed.len() != k.len() {
                k = trimmed.to_string();
            }
            if !k.is_empty() {
                e.fields
                    .insert(0, ("key", Value::Text(k.into()), Field::Title));
            }
        }
    }
    if e.ty == "unpublished" && e.note.is_empty() {
        // apalike requires a note on @unpublished.
        e.note.push("Unpublished manuscript".into());
    }
}

/// Moves fields biber would reject for the type into the note.
fn move_invalid(e: &mut Draft<'_>, r: &Reference) {
    let eff = effective_type(e.ty, r);
    let Draft {
        ty,
        fields,
        note,
        moved,
    } = e;
    fields.retain(|(name, v, _)| {
        if is_global_field(name) || biblatex_allows(ty, eff, name) {
            return true;
        }
        let label = field_label(name);
        let labelled = !matches!(
            *name,
            "publisher" | "location" | "institution" | "organization" | "howpublished"
        );
        let text: Cow<str> = match v {
            Value::Text(s) | Value::Title(s, _) | Value::Raw(s) => s.clone(),
            Value::Date(d) => d.text().into(),
            Value::Pages(s) => Cow::Borrowed(*s),
            Value::Verbatim(s) => latex::verbatim(s).into(),
            Value::Names(role, elided) => {
                let mut list: Vec<String> = r.names(*role).map(display_name).collect();
                if *elided {
                    list.push("…".into());
                }
                list.join("; ").into()
            }
            Value::Bare(s) => Cow::Borrowed(*s),
        };
        if *name != "entrysubtype" {
            if labelled {
                note.push(format!("{label}: {text}").into());
            } else {
                note.push(text);
            }
            moved.push(label);
        }
        false
    });
}

/// The fields biber reads as lists of literals, split at "and".
fn is_literal_list(name: &str) -> bool {
    matches!(
        name,
        "publisher" | "location" | "address" | "institution" | "school" | "organization"
    )
}

/// True when `s` has the word "and" (in any case) between spaces.
fn has_and_word(s: &str) -> bool {
    s.split_whitespace().any(|w| w.eq_ignore_ascii_case("and"))
}

fn field_label(name: &str) -> &'static str {
    match name {
        "editor" => "Editor",
        "translator" => "Translator",
        "volume" => "Volume",
        "number" => "Number",
        "pages" => "Pages",
        "edition" => "Edition",
        "series" => "Series",
        "publisher" => "Publisher",
        "location" => "Place",
        "institution" => "Institution",
        "organization" => "Organization",
        "isbn" => "ISBN",
        "issn" => "ISSN",
        "version" => "Version",
        "type" => "Type",
        "booktitle" => "In",
        "journaltitle" => "Journal",
        "eid" => "Article",
        "howpublished" => "Published",
        _ => "Other",
    }
}

fn role_label(role: Role) -> &'static str {
    match role {
        Role::Author => "Author",
        Role::Editor => "Editor",
        Role::Translator => "Translator",
        Role::Director => "Director",
        Role::Producer => "Producer",
        Role::Host => "Host",
        Role::Interviewer => "Interviewer",
        Role::Performer => "Performer",
        Role::Composer => "Composer",
        Role::ReviewedAuthor => "Reviewed author",
        Role::CollectionEditor => "Series editor",
        Role::ContainerAuthor => "Book author",
        Role::Chair => "Chair",
        Role::Contributor => "Contributor",
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `Family, Given` for notes.
/// Initials typed without spaces ("J.W.") spaced out: BibTeX reads
/// "J.W." as one name and abbreviates it to "J.", but "J. W." as two.
/// ("J.-P." stays: a hyphenated initial is one name.)
fn spaced_initials(given: Cow<'_, str>) -> Cow<'_, str> {
    let b = given.as_bytes();
    if !b
        .windows(2)
        .any(|w| matches!(w, [b'.', c] if c.is_ascii_uppercase() || *c >= 0xC3))
    {
        return given;
    }
    let mut out = String::with_capacity(given.len() + 4);
    let mut prev = ' ';
    for c in given.chars() {
        if prev == '.' && c.is_uppercase() {
            out.push(' ');
        }
        out.push(c);
        prev = c;
    }
    Cow::Owned(out)
}

fn display_name(n: &Name) -> String {
    match n {
        Name::Literal(l) => l.clone(),
        Name::Person(p) => {
            let mut s = p.full_family();
            if let Some(g) = p.given.as_deref().filter(|g| !g.is_empty()) {
                s.push_str(", ");
                s.push_str(g);
            }
            if let Some(sfx) = p.suffix.as_deref().filter(|g| !g.is_empty()) {
                s.push_str(", ");
                s.push_str(sfx);
            }
            s
        }
    }
}

/// `2` → `2nd` (apalike prints `edition` + " edition").
fn ordinal_edition(ed: &str) -> Cow<'_, str> {
    let Ok(n) = ed.trim().parse::<u32>() else {
        return ed.into();
    };
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}").into()
}

/// `\url{...}` for `howpublished` (a field that is not verbatim). Braces,
/// backslashes and `$` (which readers take for math) are percent-encoded;
/// `%` and `#`, which `\url` cannot take inside another command's
/// argument, get a backslash.
fn url_command(u: &str) -> String {
    let mut s = String::with_capacity(u.len() + 16);
    s.push_str("\\url{");
    latex::verbatim_into(&mut s, u);
    // What `verbatim` wrote, from its first `%`, `#` or `$` on (mostly
    // there is none), with those escaped.
    if let Some(first) = memchr::memchr3(b'%', b'#', b'$', s.as_bytes())
        && let Some(rest) = s.get(first..)
    {
        let mut escaped = String::with_capacity(rest.len() + 8);
        for c in rest.chars() {
            match c {
                '%' => escaped.push_str("\\%"),
                '#' => escaped.push_str("\\#"),
                '$' => escaped.push_str("\\%24"),
                c => escaped.push(c),
            }
        }
        s.truncate(first);
        s.push_str(&escaped);
    }
    s.push('}');
    s
}

/// Wraps the name part that ends `out`, from `start`, in braces when
/// BibTeX would misread it (a comma, or ` and `).
#[inline]
fn guard_name_part(out: &mut String, start: usize) {
    if needs_name_guard(out.get(start..).unwrap_or_default()) {
        out.insert(start, '{');
        out.push('}');
    }
}

/// A name part BibTeX would misread: it holds a comma, or the word `and`
/// in any case. No character but `A`, `N`, `D` lower-cases to `a`, `n`,
/// `d`: an ASCII case-insensitive comparison finds what lower-casing
/// would. One pass over the bytes.
fn needs_name_guard(part: &str) -> bool {
    let bytes = part.as_bytes();
    let is = |i: usize, lower: u8| bytes.get(i).is_some_and(|b| b | 0x20 == lower);
    // Whitespace (or the end) before byte `i` / from byte `i` on; `i` is
    // a char boundary where this is asked (next to an ASCII letter).
    let space_before = |i: usize| {
        part.get(..i)
            .is_none_or(|t| t.chars().next_back().is_none_or(char::is_whitespace))
    };
    let space_from = |i: usize| {
        part.get(i..)
            .is_none_or(|t| t.chars().next().is_none_or(char::is_whitespace))
    };
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b','
            || (b | 0x20 == b'n'
                && i > 0
                && is(i - 1, b'a')
                && is(i + 1, b'd')
                && space_before(i - 1)
                && space_from(i + 2))
    })
}

/// Trims the whitespace at both ends of what `out` holds from `start`.
#[inline]
fn trim_from(out: &mut String, start: usize) {
    let tail = out.as_bytes().get(start..).unwrap_or_default();
    // Mostly there is nothing to trim: that answer inline, the trimming
    // out of line.
    if !(super::solid(tail.first()) && super::solid(tail.last())) {
        trim_ends_from(out, start);
    }
}

/// [`trim_from`] when an end of the value may be whitespace.
#[inline(never)]
fn trim_ends_from(out: &mut String, start: usize) {
    let tail = out.get(start..).unwrap_or_default();
    let end = start + tail.trim_end().len();
    let lead = tail.len() - tail.trim_start().len();
    out.truncate(end);
    if lead > 0 {
        out.drain(start..(start + lead).min(end));
    }
}

/// biblatex-apa drops a publisher that repeats the author by matching the
/// publisher against the author field's text up to its first brace, used
/// as a regular expression (`match=\regexp{$1}` in apa.bbx). A name with
/// an unbalanced bracket ("Workshop 1993 : University of Wisconsin)") or
/// a quantifier ('*', '+', '?') makes that pattern invalid, and biber
/// stops. Such characters are braced ("{)}"), which prints them the same
/// and ends the text the pattern is taken from; one that starts the name
/// would be that text alone, so `\relax` (which prints nothing) comes
/// before it: "{\relax{*}NSYNC}". Only authors, and only for biber
/// (classic BibTeX has no such pattern, and natbib cannot read a label
/// with a macro in it).
fn guard_pattern_chars(out: &mut String, start: usize) {
    let Some(name) = out.get(start..) else {
        return;
    };
    /// The characters, ASCII: no byte of a multi-byte character is one.
    static PATTERN_BYTES: [bool; 256] = crate::apa::scan::byte_set(b"()[]*+?");
    // In bounds: a byte indexes 256 entries (here and below).
    let special = |c: char| c.is_ascii() && PATTERN_BYTES[usize::from(c as u8)];
    let bytes = name.as_bytes();
    if !bytes.iter().any(|&b| PATTERN_BYTES[usize::from(b)])
        || (crate::apa::scan::balanced(name)
            && !bytes.iter().any(|b| matches!(b, b'*' | b'+' | b'?')))
    {
        return;
    }
    let mut fixed = String::with_capacity(name.len() + 16);
    let mut text_before = false;
    for c in name.chars() {
        if special(c) {
            if !text_before {
                fixed.push_str("\\relax");
            }
            fixed.push('{');
            fixed.push(c);
            fixed.push('}');
        } else {
            fixed.push(c);
        }
        text_before |= !matches!(c, '{' | '}');
    }
    out.truncate(start);
    out.push_str(&fixed);
}

/// Appends one name of a name list to `out`; false, with nothing
/// appended, when nothing of the name is left to write. `parts` holds the
/// given part and suffix while the name is written.
fn encode_name(
    out: &mut String,
    n: &Name,
    enc: &Encoder,
    lost: &mut Lost,
    parts: &mut (String, String),
) -> bool {
    let start = out.len();
    match n {
        Name::Literal(l) => {
            out.push('{');
            enc.text_into(out, super::trim(l), Context::Name, lost);
            trim_from(out, start + 1);
            if out.len() == start + 1 {
                out.truncate(start);
                return false;
            }
            out.push('}');
            true
        }
        Name::Person(p) => {
            // A dropping particle goes with the given names ("Beauvoir,
            // Simone de"): BibTeX prints it before the family name and
            // sorts by the family name.
            let (family, given) = if p.particle.as_deref().is_none_or(str::is_empty)
                && p.dropping_particle.is_none()
            {
                // What `inverted_parts_cow` answers for a name without
                // particles, with the quicker trim.
                (
                    Cow::Borrowed(super::trim(&p.family)),
                    Cow::Borrowed(super::trim(p.given.as_deref().unwrap_or(""))),
                )
            } else {
                p.inverted_parts_cow()
            };
            let suffix = p.suffix.as_deref().map(str::trim).unwrap_or("");
            let given = spaced_initials(given);
            let (family, given) = if family.is_empty() {
                (given, Cow::Borrowed(""))
            } else {
                (family, given)
            };
            if family.is_empty() {
                return false;
            }
            let has_particle = p.particle.as_deref().is_some_and(|x| !x.trim().is_empty())
                || p.dropping_particle
                    .as_deref()
                    .is_some_and(|x| !x.trim().is_empty());
            // A family name alone that BibTeX would split into given and
            // family names is braced.
            let brace_lone_family = |out: &mut String| {
                let fam = out.get(start..).unwrap_or_default();
                if fam.contains(char::is_whitespace) && !has_particle && !fam.starts_with('{') {
                    out.insert(start, '{');
                    out.push('}');
                }
            };
            // Encoded in this order (the order `lost` lists characters
            // in), written family, suffix, given.
            enc.text_into(out, &family, Context::Name, lost);
            guard_name_part(out, start);
            if suffix.is_empty() {
                // Mostly there is no suffix: the given part is written
                // straight after the family name (and taken back when it
                // comes to nothing).
                let mark = out.len();
                out.push_str(", ");
                let given_start = out.len();
                enc.text_into(out, &given, Context::Name, lost);
                guard_name_part(out, given_start);
                if out.len() == given_start {
                    out.truncate(mark);
                    brace_lone_family(out);
                }
                return true;
            }
            let (giv, sfx) = parts;
            giv.clear();
            enc.text_into(giv, &given, Context::Name, lost);
            guard_name_part(giv, 0);
            sfx.clear();
            enc.text_into(sfx, suffix, Context::Name, lost);
            guard_name_part(sfx, 0);
            match (giv.is_empty(), sfx.is_empty()) {
                (true, true) => brace_lone_family(out),
                (true, false) => {
                    out.push_str(", ");
                    out.push_str(sfx);
                    out.push_str(", ");
                }
                (false, true) => {
                    out.push_str(", ");
                    out.push_str(giv);
                }
                (false, false) => {
                    out.push_str(", ");
                    out.push_str(sfx);
                    out.push_str(", ");
                    out.push_str(giv);
                }
            }
            true
        }
    }
}

/// Pages: `--` between the two ends of each range (`1302--1305`,
/// `A1--A5`), Unicode dashes as `--`, other text escaped; appended to
/// `out`.
fn encode_pages(out: &mut String, p: &str, enc: &Encoder, lost: &mut Lost) {
    for (i, part) in p.split(',').enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let t = super::trim(part);
        if let Some((a, b)) = split_range(t) {
            enc.text_into(out, a, Context::Text, lost);
            out.push_str("--");
            enc.text_into(out, b, Context::Text, lost);
        } else if t.is_ascii() {
            enc.text_into(out, t, Context::Text, lost);
        } else {
            let t = t.replace(['–', '—', '‒', '−'], "--");
            enc.text_into(out, &t, Context::Text, lost);
        }
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‐' | '‑' | '‒' | '−')
}

/// `123-145`, `123–145`, `123--145`, `e12-e15` → the two ends.
pub fn split_range(t: &str) -> Option<(&str, &str)> {
    let (a, rest) = t.split_at_checked(t.find(is_dash)?)?;
    let a = a.trim();
    let b = rest
        .trim_start_matches(|c: char| is_dash(c) || c == ' ')
        .trim();
    let token = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '.');
    (token(a) && token(b)).then_some((a, b))
}

impl BibWriter {
    /// Renders a draft as `.bib` text, appended to `out`.
    fn render(
        &mut self,
        out: &mut String,
        e: &Draft<'_>,
        key: &str,
        r: &Reference,
        diags: &mut Vec<Diagnostic>,
    ) {
        let enc = self.enc;
        let line = r.line();
        out.push('@');
        out.push_str(e.ty);
        out.push('{');
        out.push_str(key);
        out.push_str(",\n");
        // What each field (by name) could not write faithfully.
        let mut lost_by_field: Vec<(&'static str, Field, Lost)> = Vec::new();
        for (name, v, _) in &e.fields {
            let mut lost = Lost::default();
            let mut field = open_field(out, name, matches!(v, Value::Bare(_)));
            // Only titles, names and raw values hold braces this writer
            // places itself (protected words, group names, `\url{…}`);
            // in the others every brace is one of the encoder's escapes
            // or macros. (A title without protected words has none of its
            // own either: see below.)
            field.placed_braces = matches!(v, Value::Title(..) | Value::Names(..) | Value::Raw(_));
            let written = match v {
                Value::Text(s) => {
                    let s = super::trim(s);
                    // biber reads publisher, location, institution and
                    // organization as lists split at the word "and" (in any
                    // .bib): one more pair of braces keeps "Society for
                    // Industrial and Applied Mathematics" one publisher.
                    // Classic BibTeX prints the braces as nothing.
                    let wrap = is_literal_list(name) && has_and_word(s);
                    if wrap {
                        out.push('{');
                    }
                    enc.text_into(out, s, Context::Text, &mut lost);
                    if wrap {
                        out.push('}');
                    }
                    true
                }
                Value::Title(s, ranges) => {
                    let prot = latex::protect_title_into(s, ranges, &mut self.titles);
                    field.placed_braces = !prot.is_empty();
                    latex::encode_protected_into(out, &enc, s, prot, &mut lost);
                    true
                }
                Value::Names(role, elided) => {
                    let mut any = false;
                    let guard = enc.biber && *role == Role::Author;
                    for n in r.names(*role) {
                        let mark = out.len();
                        if any {
                            out.push_str(" and ");
                        }
                        let start = out.len();
                        if encode_name(out, n, &enc, &mut lost, &mut self.name_parts) {
                            if guard {
                                guard_pattern_chars(out, start);
                            }
                            any = true;
                        } else {
                            out.truncate(mark);
                        }
                    }
                    if any && *elided {
                        out.push_str(" and others");
                    }
                    any
                }
                Value::Pages(p) => {
                    encode_pages(out, p, &enc, &mut lost);
                    true
                }
                Value::Raw(s) => {
                    if enc.ascii && !s.is_ascii() {
                        enc.text_into(out, s, Context::Text, &mut lost);
                    } else {
                        out.push_str(s);
                    }
                    true
                }
                Value::Verbatim(s) => {
                    latex::verbatim_into(out, s);
                    true
                }
                Value::Bare(s) => {
                    out.push_str(s);
                    true
                }
                Value::Date(d) => {
                    d.push_to(out);
                    true
                }
            };
            if !lost.is_empty() {
                add_lost(&mut lost_by_field, e, name, lost);
            }
            if written {
                self.close_field(out, field, line, diags);
            } else {
                out.truncate(field.start);
            }
        }
        if !e.note.is_empty() {
            let mut lost = Lost::default();
            let field = open_field(out, "note", false);
            let value_start = field.value;
            // Labelled parts (`Volume: 3–4`) last: a reader takes each up to
            // the next label, so an unlabelled part after one would run into
            // its value. Parts are joined as sentences: `. ` between them
            // unless a part already ends with a full stop, question or
            // exclamation mark.
            // (A single part has nothing to be ordered against.)
            let labelled: Vec<bool> = match e.note.len() {
                1 => Vec::new(),
                _ => e
                    .note
                    .iter()
                    .map(|n| crate::read::bibtex::is_labelled_note_part(super::trim(n)))
                    .collect(),
            };
            let in_order = [false, true].into_iter().flat_map(|last| {
                e.note
                    .iter()
                    .zip(labelled.iter().copied().chain(std::iter::repeat(false)))
                    .filter(move |&(_, l)| l == last)
                    .map(|(n, _)| n)
            });
            for n in in_order {
                let mark = out.len();
                if mark > value_start {
                    if out.ends_with(['.', '?', '!']) {
                        out.push(' ');
                    } else {
                        out.push_str(". ");
                    }
                }
                let part_start = out.len();
                enc.text_into(out, super::trim(n), Context::Text, &mut lost);
                if out.len() == part_start {
                    out.truncate(mark);
                }
            }
            add_lost(&mut lost_by_field, e, "note", lost);
            self.close_field(out, field, line, diags);
        }
        out.push_str("}\n");
        lost_by_field.sort_by_key(|(name, _, _)| *name);
        for (name, field, lost) in lost_by_field {
            diags.push(Diagnostic::warning(
                line,
                Some(field),
                format!(
                    "{}: `{name}` has characters without a LaTeX macro, written as ASCII transliteration: {}",
                    dialect_name(self.dialect),
                    lost.summary()
                ),
            ));
        }
        if !e.moved.is_empty() {
            let mut m: Vec<String> = e.moved.iter().map(|x| x.to_lowercase()).collect();
            m.dedup();
            diags.push(Diagnostic::warning(
                line,
                Some(Field::Note),
                format!(
                    "{}: no `{}` field for {}; written to `note`",
                    dialect_name(self.dialect),
                    e.ty,
                    m.join(", ")
                ),
            ));
        }
    }

    /// Ends a field whose value `out` ends with: trims the value, drops
    /// the field when nothing is left, and closes it.
    fn close_field(
        &self,
        out: &mut String,
        field: OpenField,
        line: usize,
        diags: &mut Vec<Diagnostic>,
    ) {
        trim_from(out, field.value);
        if out.len() == field.value {
            out.truncate(field.start);
            return;
        }
        if field.placed_braces
            && !latex::braces_balanced(out.get(field.value..).unwrap_or_default())
        {
            self.remove_braces(out, &field, line, diags);
        }
        if !field.bare {
            out.push('}');
        }
        out.push_str(",\n");
    }

    /// Takes the braces out of the value of `field` (what `out` ends
    /// with), with a diagnostic. Cannot happen with the encoder above;
    /// never write an unbalanced value even so. (The encoder's own escapes
    /// and macros balance by themselves: tests/writers.rs checks every
    /// entry of arbitrary records.) Out of line: it is never needed.
    #[cold]
    #[inline(never)]
    fn remove_braces(
        &self,
        out: &mut String,
        field: &OpenField,
        line: usize,
        diags: &mut Vec<Diagnostic>,
    ) {
        diags.push(Diagnostic::warning(
            line,
            Some(Field::Reference),
            format!(
                "{}: braces removed from `{}` to keep the entry readable",
                dialect_name(self.dialect),
                field.name
            ),
        ));
        let cleaned = out
            .get(field.value..)
            .unwrap_or_default()
            .replace(['{', '}'], "");
        out.truncate(field.value);
        out.push_str(&cleaned);
    }
}

/// A field being written: where it and its value start in the output.
struct OpenField {
    name: &'static str,
    /// Written without braces.
    bare: bool,
    /// The value holds braces the writer placed (not only the encoder's
    /// escapes): checked for balance when the field is closed.
    placed_braces: bool,
    start: usize,
    value: usize,
}

/// Starts a field: `  name = {` (without the brace for a bare value).
#[inline]
fn open_field(out: &mut String, name: &'static str, bare: bool) -> OpenField {
    let start = out.len();
    out.push_str("  ");
    out.push_str(name);
    out.push_str(if bare { " = " } else { " = {" });
    OpenField {
        name,
        bare,
        placed_braces: false,
        start,
        value: out.len(),
    }
}

/// Adds what a field lost to the list per field name (reported under the
/// first field of that name).
fn add_lost(
    by_field: &mut Vec<(&'static str, Field, Lost)>,
    e: &Draft<'_>,
    name: &'static str,
    lost: Lost,
) {
    if lost.is_empty() {
        return;
    }
    if let Some((_, _, l)) = by_field.iter_mut().find(|(n, _, _)| *n == name) {
        l.extend(&lost);
        return;
    }
    let field = match name {
        "note" => Field::Note,
        _ => e
            .fields
            .iter()
            .find(|(n, _, _)| *n == name)
            .map_or(Field::Note, |(_, _, f)| *f),
    };
    by_field.push((name, field, lost));
}

fn dialect_name(d: Dialect) -> &'static str {
    match d {
        Dialect::Bibtex => "bibtex",
        Dialect::Biblatex => "biblatex",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;

    #[test]
    fn name_guard_finds_commas_and_the_word_and() {
        // What the guard looked for before it went over bytes.
        let old = |part: &str| {
            part.contains(',')
                || part
                    .split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("and"))
        };
        for part in [
            "",
            "and",
            "AND",
            "aNd",
            "Anderson",
            "Sand",
            "Rand Corp",
            "x and y",
            "x,y",
            "Smith and",
            "and Smith",
            "x\u{a0}and\u{2003}y",
            "éand",
            "andé",
            "x\tAnD\ny",
            "an d",
            "a nd",
            "Ånd",
            "band and",
            "n",
            "nd",
            "an",
        ] {
            assert_eq!(needs_name_guard(part), old(part), "{part:?}");
        }
    }

    fn write(r: &Reference, dialect: Dialect, ascii: bool) -> (String, Vec<Diagnostic>) {
        let opts = WriteOptions {
            ascii,
            ..WriteOptions::default()
        };
        let mut w = BibWriter::new(dialect, &opts);
        let mut d = Vec::new();
        (w.entry(r, &mut d), d)
    }

    fn bibtex(r: &Reference) -> String {
        write(r, Dialect::Bibtex, false).0
    }

    fn biblatex(r: &Reference) -> String {
        write(r, Dialect::Biblatex, false).0
    }

    fn article() -> Reference {
        let mut r = Reference {
            item_type: ItemType::ArticleJournal,
            title: Some("Ketamine’s effects in New Zealand".into()),
            container_title: Some("Journal of Psychopharmacology".into()),
            volume: Some("31".into()),
            issue: Some("10".into()),
            page: Some("1302–1305".into()),
            doi: Some("10.1177/0269881117705089".into()),
            issued: Some(Date::ymd(2017, Some(3), Some(15))),
            ..Reference::default()
        };
        r.add_names(Role::Author, [Name::person("Glue", Some("P."))]);
        r
    }

    fn with(mut r: Reference, f: impl FnOnce(&mut Reference)) -> Reference {
        f(&mut r);
        r
    }

    #[test]
    fn classic_article() {
        assert_eq!(
            bibtex(&article()),
            "@article{glue2017ketamines,\n  author = {Glue, P.},\n  \
             title = {Ketamine’s effects in {New Zealand}},\n  \
             journal = {Journal of Psychopharmacology},\n  year = {2017},\n  month = mar,\n  \
             day = {15},\n  volume = {31},\n  number = {10},\n  pages = {1302--1305},\n  \
             doi = {10.1177/0269881117705089},\n}\n"
        );
    }

    #[test]
    fn biblatex_article() {
        let t = biblatex(&article());
        assert!(
            t.contains("  journaltitle = {Journal of Psychopharmacology},\n"),
            "{t}"
        );
        assert!(t.contains("  date = {2017-03-15},\n"), "{t}");
        assert!(!t.contains("month") && !t.contains("year ="), "{t}");
    }

    #[test]
    fn names() {
        let r = with(article(), |r| {
            r.contributors.clear();
            r.add_names(
                Role::Author,
                [
                    Name::Person(Person {
                        family: "Berg".into(),
                        particle: Some("van der".into()),
                        given: Some("Anna".into()),
                        ..Person::default()
                    }),
                    Name::Person(Person {
                        family: "King".into(),
                        given: Some("Martin Luther".into()),
                        suffix: Some("Jr.".into()),
                        ..Person::default()
                    }),
                    Name::literal("World Health Organization"),
                    Name::literal("Barnes and Noble"),
                    Name::person("García Márquez", None),
                ],
            );
            r.authors_elided = true;
        });
        let t = bibtex(&r);
        assert!(
            t.contains(
                "author = {van der Berg, Anna and King, Jr., Martin Luther and \
                 {World Health Organization} and {Barnes and Noble} and \
                 {García Márquez} and others},"
            ),
            "{t}"
        );
    }

    #[test]
    fn initials_typed_without_spaces_are_spaced_for_bibtex() {
        let r = with(article(), |r| {
            r.contributors.clear();
            r.add_names(
                Role::Author,
                [
                    Name::person("Creswell", Some("J.W.")),
                    Name::person("Dupont", Some("J.-P.")),
                    Name::person("Ólafsson", Some("Ó.Á.")),
                ],
            );
        });
        assert!(
            bibtex(&r)
                .contains("author = {Creswell, J. W. and Dupont, J.-P. and Ólafsson, Ó. Á.},"),
            "{}",
            bibtex(&r)
        );
    }

    #[test]
    fn group_author_alone_is_double_braced() {
        let r = with(article(), |r| {
            r.contributors.clear();
            r.add_names(Role::Author, [Name::literal("World Health Organization")]);
        });
        assert!(bibtex(&r).contains("  author = {{World Health Organization}},\n"));
    }

    #[test]
    fn special_characters_are_escaped_but_not_in_url_and_doi() {
        let r = with(article(), |r| {
            r.title = Some("50% of $5 & #1 a_b {x} ~ ^ \\".into());
            r.url = Some("https://x.org/a_b%20c#d".into());
            r.doi = Some("10.1000/a_b".into());
        });
        let t = bibtex(&r);
        assert!(
            t.contains(
                r"title = {50\% of \$5 \& \#1 a\_b \textbraceleft{}x\textbraceright{} \textasciitilde{} \textasciicircum{} \textbackslash{}},"
            ),
            "{t}"
        );
        assert!(t.contains("  url = {https://x.org/a_b%20c#d},\n"), "{t}");
        assert!(t.contains("  doi = {10.1000/a_b},\n"), "{t}");
        assert!(latex::braces_balanced(&t));
    }

    #[test]
    fn no_date_and_in_press() {
        let nd = with(article(), |r| {
            r.issued = Some(Date {
                status: DateStatus::NoDate,
                ..Date::default()
            })
        });
        assert!(bibtex(&nd).contains("  year = {n.d.},\n"));
        let t = biblatex(&nd);
        assert!(!t.contains("date =") && !t.contains("year ="), "{t}");
        let ip = with(article(), |r| {
            r.issued = Some(Date {
                status: DateStatus::InPress,
                ..Date::default()
            })
        });
        assert!(bibtex(&ip).contains("  year = {in press},\n"));
        assert!(biblatex(&ip).contains("  pubstate = {inpress},\n"));
    }

    #[test]
    fn ranges_seasons_circa() {
        let r = with(article(), |r| {
            r.issued = Some(Date {
                start: Some(DateParts {
                    year: 2020,
                    month: Some(3),
                    day: Some(15),
                }),
                end: Some(DateParts {
                    year: 2020,
                    month: Some(3),
                    day: Some(20),
                }),
                ..Date::default()
            })
        });
        assert!(biblatex(&r).contains("  date = {2020-03-15/2020-03-20},\n"));
        let (t, d) = write(&r, Dialect::Bibtex, false);
        assert!(t.contains("  year = {2020},\n  month = mar,\n"), "{t}");
        assert!(t.contains("Date: 2020-03-15/2020-03-20"), "{t}");
        assert_eq!(d.len(), 1, "{d:?}");
        let s = with(article(), |r| {
            r.issued = Some(Date {
                season: Some(Season::Spring),
                circa: true,
                ..Date::year(2015)
            })
        });
        assert!(biblatex(&s).contains("  date = {2015-21~},\n"));
        assert!(bibtex(&s).contains("  year = {ca. 2015},\n  month = {Spring},\n"));
        let y = with(article(), |r| {
            r.issued = Some(Date {
                start: Some(DateParts {
                    year: 2019,
                    ..DateParts::default()
                }),
                end: Some(DateParts {
                    year: 2020,
                    ..DateParts::default()
                }),
                ..Date::default()
            })
        });
        assert!(bibtex(&y).contains("  year = {2019--2020},\n"));
        assert!(biblatex(&y).contains("  date = {2019/2020},\n"));
    }

    #[test]
    fn pages_and_elocators() {
        assert_eq!(split_range("1302-1305"), Some(("1302", "1305")));
        assert_eq!(split_range("A1 – A5"), Some(("A1", "A5")));
        assert_eq!(split_range("e0209899"), None);
        let enc = Encoder {
            ascii: false,
            biber: false,
        };
        let pages = |p: &str| {
            let mut out = String::new();
            encode_pages(&mut out, p, &enc, &mut Lost::default());
            out
        };
        assert_eq!(pages("1302—1305"), "1302--1305");
        assert_eq!(pages("1-5, 7-9"), "1--5, 7--9");
        assert_eq!(pages("e0209899"), "e0209899");
        let r = with(article(), |r| {
            r.page = None;
            r.number = Some("13".into());
        });
        assert!(bibtex(&r).contains("  pages = {Article 13},\n"));
        assert!(biblatex(&r).contains("  eid = {13},\n"));
    }

    #[test]
    fn ascii_mode_writes_macros() {
        let r = with(article(), |r| {
            r.contributors.clear();
            r.add_names(
                Role::Author,
                [
                    Name::person("Gálvez", Some("María")),
                    Name::person("정", Some("영식")),
                ],
            );
        });
        let (t, d) = write(&r, Dialect::Bibtex, true);
        assert!(t.is_ascii(), "{t}");
        assert!(
            t.contains(r"G{\'a}lvez, Mar{\'i}a and Jeong, Yeongsig"),
            "{t}"
        );
        assert!(t.contains("Ketamine's"), "{t}");
        assert_eq!(
            d.len(),
            1,
            "one diagnostic for the transliterated name: {d:?}"
        );
        assert!(d[0].message.contains("transliteration"), "{d:?}");
    }

    #[test]
    fn entry_types_are_zotero_importable() {
        let allowed = [
            "article",
            "book",
            "collection",
            "incollection",
            "inbook",
            "inreference",
            "inproceedings",
            "techreport",
            "report",
            "phdthesis",
            "mastersthesis",
            "thesis",
            "unpublished",
            "misc",
            "online",
            "software",
        ];
        for t in ItemType::ALL {
            for with_all in [false, true] {
                let mut r = Reference {
                    item_type: t,
                    ..Reference::default()
                };
                if with_all {
                    r.container_title = Some("C".into());
                    r.url = Some("https://x".into());
                    r.add_names(Role::Editor, [Name::person("E", Some("E."))]);
                }
                for d in [Dialect::Bibtex, Dialect::Biblatex] {
                    let ty = entry_type(&r, d);
                    assert!(allowed.contains(&ty), "{t:?} {d:?} -> {ty}");
                    if d == Dialect::Bibtex {
                        assert!(
                            !matches!(
                                ty,
                                "collection"
                                    | "inbook"
                                    | "inreference"
                                    | "report"
                                    | "thesis"
                                    | "online"
                                    | "software"
                            ),
                            "{t:?}: classic BibTeX styles do not know @{ty}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn types_and_their_fields() {
        let mut thesis = Reference {
            item_type: ItemType::Thesis,
            title: Some("A thesis".into()),
            genre: Some("Doctoral dissertation".into()),
            publisher: Some("University of Example".into()),
            issued: Some(Date::year(2010)),
            ..Reference::default()
        };
        thesis.add_names(Role::Author, [Name::person("Student", Some("S."))]);
        let t = bibtex(&thesis);
        assert!(t.starts_with("@phdthesis{") && t.contains("school = {University of Example}"));
        let t = biblatex(&thesis);
        assert!(
            t.starts_with("@thesis{") && t.contains("type = {phdthesis}"),
            "{t}"
        );
        assert!(t.contains("institution = {University of Example}"));
        thesis.genre = Some("Master’s thesis".into());
        assert!(bibtex(&thesis).starts_with("@mastersthesis{"));
        assert!(biblatex(&thesis).contains("type = {mathesis}"));

        let mut report = Reference {
            item_type: ItemType::Report,
            title: Some("Annual report".into()),
            number: Some("NIH-21-123".into()),
            issued: Some(Date::year(2021)),
            ..Reference::default()
        };
        report.add_names(
            Role::Author,
            [Name::literal("National Institute of Mental Health")],
        );
        let t = bibtex(&report);
        assert!(t.starts_with("@techreport{"), "{t}");
        assert!(
            t.contains("institution = {National Institute of Mental Health}"),
            "{t}"
        );
        assert!(
            t.contains("number = {NIH-21-123}") && t.contains("type = {Report}"),
            "{t}"
        );
        assert!(biblatex(&report).starts_with("@report{"));

        let mut web = Reference {
            item_type: ItemType::Webpage,
            title: Some("A page".into()),
            container_title: Some("Site".into()),
            url: Some("https://example.org/a_b".into()),
            accessed: Some(Date::ymd(2021, Some(5), Some(1))),
            ..Reference::default()
        };
        web.add_names(Role::Author, [Name::literal("WHO")]);
        let t = bibtex(&web);
        assert!(t.starts_with("@misc{"), "{t}");
        assert!(
            t.contains(r"howpublished = {\url{https://example.org/a_b}}"),
            "{t}"
        );
        assert!(t.contains("urldate = {2021-05-01}"), "{t}");
        let t = biblatex(&web);
        assert!(
            t.starts_with("@online{") && t.contains("organization = {Site}"),
            "{t}"
        );

        let mut edited = Reference {
            item_type: ItemType::Book,
            title: Some("Edited".into()),
            ..Reference::default()
        };
        edited.add_names(Role::Editor, [Name::person("Ed", Some("E."))]);
        assert!(bibtex(&edited).starts_with("@book{"));
        assert!(biblatex(&edited).starts_with("@collection{"));
    }

    #[test]
    fn english_ordinal_editions_become_numbers() {
        // From another reader ("ET  - 1st", a CSL "edition": "2nd ed."):
        // biblatex formats a number itself ("1st ed."), but prints text as
        // it is ("(1st)"); apalike prints `edition` + " edition".
        for (given, biblatex_ed, bibtex_ed) in [
            ("1st", "1", "1st"),
            ("2nd ed.", "2", "2nd"),
            ("second edition", "2", "2nd"),
            ("Rev. ed.", "Rev. ed.", "Rev. ed."),
            (
                "7., vollständig überarbeitete Auflage",
                "7., vollständig überarbeitete Auflage",
                "7., vollständig überarbeitete Auflage",
            ),
        ] {
            let r = Reference {
                item_type: ItemType::Book,
                title: Some("A book".into()),
                edition: Some(given.into()),
                ..Reference::default()
            };
            let (t, _) = write(&r, Dialect::Biblatex, false);
            assert!(
                t.contains(&format!("edition = {{{biblatex_ed}}}")),
                "{given}: {t}"
            );
            let (t, _) = write(&r, Dialect::Bibtex, false);
            assert!(
                t.contains(&format!("edition = {{{bibtex_ed}}}")),
                "{given}: {t}"
            );
        }
    }

    #[test]
    fn invalid_biblatex_fields_go_to_note() {
        let r = with(article(), |r| {
            r.publisher = Some("Sage".into());
            r.edition = Some("2".into());
            r.volume = Some("3–4".into());
        });
        let (t, d) = write(&r, Dialect::Biblatex, false);
        assert!(
            !t.contains("publisher =") && !t.contains("edition ="),
            "{t}"
        );
        assert!(t.contains("note = {Sage. Volume: 3–4. Edition: 2}"), "{t}");
        assert_eq!(d.len(), 1, "{d:?}");
        // Classic BibTeX has no data model: the fields stay.
        let t = bibtex(&r);
        assert!(
            t.contains("publisher = {Sage}") && t.contains("volume = {3–4}"),
            "{t}"
        );
    }

    #[test]
    fn classic_entries_without_author_get_a_sort_key() {
        let r = with(article(), |r| r.contributors.clear());
        assert!(bibtex(&r).contains("  key = {Ketamine’s effects in New},\n"));
        assert!(!biblatex(&r).contains("key ="));
    }

    #[test]
    fn keys_are_unique_across_the_output() {
        let mut w = BibWriter::new(Dialect::Bibtex, &WriteOptions::default());
        let mut d = Vec::new();
        let a = w.entry(&article(), &mut d);
        let b = w.entry(&article(), &mut d);
        assert!(a.starts_with("@article{glue2017ketamines,"));
        assert!(b.starts_with("@article{glue2017ketaminesa,"));
    }
}
