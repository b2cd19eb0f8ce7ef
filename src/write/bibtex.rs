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
use std::collections::BTreeMap;
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
        }
    }

    /// The entry text of one record (without the blank line between
    /// entries), with its key. Diagnostics go to `diags`.
    pub fn entry(&mut self, r: &Reference, diags: &mut Vec<Diagnostic>) -> String {
        let key = self.keys.key_for(r);
        let e = build(r, self.dialect);
        render(&e, &key, &self.enc, r.line(), self.dialect, diags)
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
        let text = self.entry(r, diags);
        if self.count > 0 {
            out.write_all(b"\n")?;
        }
        self.count += 1;
        out.write_all(text.as_bytes())
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
    const COMMON: &[&str] = &[
        "author",
        "title",
        "titleaddon",
        "note",
        "language",
        "pubstate",
    ];
    if COMMON.contains(&field) {
        return true;
    }
    let list: &[&str] = match ty {
        "article" => &[
            "editor",
            "translator",
            "journaltitle",
            "volume",
            "number",
            "pages",
            "eid",
            "issn",
            "series",
            "version",
        ],
        "book" | "inbook" => &[
            "editor",
            "translator",
            "booktitle",
            "edition",
            "volume",
            "number",
            "series",
            "publisher",
            "location",
            "isbn",
            "pages",
        ],
        "report" => &[
            "type",
            "number",
            "institution",
            "location",
            "pages",
            "version",
        ],
        "thesis" => &["type", "institution", "location", "pages"],
        "unpublished" => &["howpublished", "location", "type"],
        "misc" | "software" => &[
            "editor",
            "howpublished",
            "location",
            "organization",
            "type",
            "version",
        ],
        "online" => &["editor", "organization", "version"],
        _ => &[],
    };
    if ty == "inbook" && field == "booktitle" {
        return true;
    }
    list.contains(&field)
}

const GLOBAL_FIELDS: &[&str] = &[
    "doi",
    "url",
    "urldate",
    "date",
    "origdate",
    "eprint",
    "eprinttype",
    "entrysubtype",
    "keywords",
    "abstract",
];

/// A field value before encoding.
#[derive(Clone, Debug)]
enum Value {
    /// Plain text, escaped on output.
    Text(String),
    /// Text in sentence case: escaped, with proper nouns braced.
    Title(String, Vec<(usize, usize)>),
    /// A name list.
    Names(Vec<Name>, bool),
    /// A page range or list.
    Pages(String),
    /// Written raw (URL, DOI, dates, numbers).
    Raw(String),
    /// Written without braces (month macros).
    Bare(&'static str),
}

/// An entry before encoding: type and fields in output order, plus text
/// for `note`.
#[derive(Debug)]
struct Draft {
    ty: &'static str,
    fields: Vec<(&'static str, Value, Field)>,
    note: Vec<String>,
    /// Labels of values moved into `note` because no field could hold them.
    moved: Vec<&'static str>,
}

impl Draft {
    fn set(&mut self, name: &'static str, v: Value, f: Field) {
        self.fields.push((name, v, f));
    }

    fn text(&mut self, name: &'static str, v: &Option<String>, f: Field) {
        if let Some(s) = nonempty(v) {
            self.set(name, Value::Text(s.to_string()), f);
        }
    }
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
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

/// ISO 8601 / EDTF form of one end of a date: `2020`, `2020-03`,
/// `2020-03-15`, `-0350`.
fn iso(p: &DateParts) -> String {
    let mut s = if p.year < 0 {
        format!("-{:04}", p.year.unsigned_abs())
    } else {
        format!("{:04}", p.year)
    };
    if let Some(m) = valid_month(p) {
        s.push_str(&format!("-{m:02}"));
        if let Some(d) = valid_day(p) {
            s.push_str(&format!("-{d:02}"));
        }
    }
    s
}

/// The BibLaTeX `date` value of a dated record: ranges, seasons, circa.
pub fn biblatex_date(d: &Date) -> Option<String> {
    let start = d.start.as_ref()?;
    let mut s = iso(start);
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
        s.push_str(&iso(end));
    }
    Some(s)
}

fn year_text(y: i32) -> String {
    if y < 0 {
        format!("{} BCE", y.unsigned_abs())
    } else {
        y.to_string()
    }
}

/// Adds the publication date: BibLaTeX `date`/`pubstate`, classic
/// `year`/`month`/`day`.
fn put_issued(e: &mut Draft, r: &Reference, classic: bool) {
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
                let mut y = year_text(start.year);
                if d.circa {
                    y = format!("ca. {y}");
                }
                if let Some(end) = &d.end {
                    if end.year != start.year {
                        y = format!("{y}--{}", year_text(end.year));
                    } else if end != start {
                        // BibTeX has no field for a range within a year.
                        if let Some(range) = biblatex_date(d) {
                            e.note.push(format!("Date: {range}"));
                            e.moved.push("date range");
                        }
                    }
                }
                e.set("year", Value::Text(y), Field::Issued);
                if let Some(m) = valid_month(start) {
                    e.set(
                        "month",
                        // In bounds: `valid_month` gives 1 to 12.
                        Value::Bare(MONTHS[usize::from(m - 1)]),
                        Field::Issued,
                    );
                    if let Some(day) = valid_day(start) {
                        e.set("day", Value::Raw(day.to_string()), Field::Issued);
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
                (Some(l), _) => e.set("year", Value::Text(l.to_string()), Field::Issued),
                (None, _) => e.set("year", Value::Raw("n.d.".into()), Field::Issued),
            },
        }
    } else {
        if let Some(date) = biblatex_date(d) {
            e.set("date", Value::Raw(date), Field::Issued);
        } else if let Some(l) = nonempty(&d.literal) {
            e.note.push(format!("Date: {l}"));
            e.moved.push("date");
        }
        if let Some((_, key)) = state {
            e.set("pubstate", Value::Raw(key.into()), Field::Issued);
        }
    }
}

fn names_of(r: &Reference, role: Role) -> Vec<Name> {
    r.names(role).cloned().collect()
}

/// Builds the entry for one record in one dialect.
fn build(r: &Reference, dialect: Dialect) -> Draft {
    let classic = dialect == Dialect::Bibtex;
    let ty = entry_type(r, dialect);
    let mut e = Draft {
        ty,
        fields: Vec::new(),
        note: Vec::new(),
        moved: Vec::new(),
    };
    let it = r.item_type;

    // Names.
    let authors = names_of(r, Role::Author);
    let editors = names_of(r, Role::Editor);
    let translators = names_of(r, Role::Translator);
    if !authors.is_empty() {
        e.set(
            "author",
            Value::Names(authors, r.authors_elided),
            Field::Author,
        );
    }
    if !editors.is_empty() {
        let elided = r.authors_elided && !r.has_role(Role::Author);
        e.set("editor", Value::Names(editors, elided), Field::Editor);
    }
    if !translators.is_empty() {
        e.set(
            "translator",
            Value::Names(translators, false),
            Field::Translator,
        );
    }
    // Other roles have no field in either dialect (nor in Zotero's BibTeX
    // import): they go to the note.
    for role in Role::ALL {
        if matches!(role, Role::Author | Role::Editor | Role::Translator) {
            continue;
        }
        let list: Vec<String> = r.names(role).map(display_name).collect();
        if !list.is_empty() {
            let label = role_label(role);
            e.note.push(format!("{label}: {}", list.join("; ")));
            e.moved.push(label);
        }
    }

    // Title and what belongs to it.
    if let Some(t) = r.title.as_deref().filter(|t| !t.trim().is_empty()) {
        e.set(
            "title",
            Value::Title(t.to_string(), r.title_protected.clone()),
            Field::Title,
        );
    }
    let mut addon: Vec<String> = Vec::new();
    if it == ItemType::Article && ty == "article" {
        addon.push(nonempty(&r.genre).unwrap_or("Preprint").to_string());
    } else if !matches!(it, ItemType::Thesis | ItemType::Report)
        && let Some(g) = nonempty(&r.genre)
    {
        addon.push(g.to_string());
    } else if it == ItemType::Dataset {
        // APA's description; it also tells readers the `@misc` is data.
        addon.push("Data set".to_string());
    } else if it == ItemType::Software && ty == "misc" {
        addon.push("Computer software".to_string());
    }
    if let Some(m) = nonempty(&r.medium) {
        addon.push(m.to_string());
    }
    if !addon.is_empty() {
        let a = addon.join("; ");
        if classic {
            e.note.push(a);
        } else {
            e.set("titleaddon", Value::Title(a, Vec::new()), Field::Genre);
        }
    }
    if let Some(tt) = nonempty(&r.title_translated) {
        e.note.push(format!("Translated title: {tt}"));
    }

    // Container.
    let container = nonempty(&r.container_title).map(str::to_string);
    let event = nonempty(&r.event_title).map(str::to_string);
    match ty {
        "article" => {
            let journal = container.clone().or_else(|| {
                (it == ItemType::Article)
                    .then(|| nonempty(&r.publisher).map(str::to_string))
                    .flatten()
            });
            if let Some(j) = journal {
                let name = if classic { "journal" } else { "journaltitle" };
                e.set(name, Value::Text(j), Field::ContainerTitle);
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
            if let Some(c) = &container {
                e.set(
                    "booktitle",
                    Value::Title(c.clone(), Vec::new()),
                    Field::ContainerTitle,
                );
            }
        }
        "inproceedings" => {
            // The proceedings title, or for a talk the event's name.
            let (book, extra_event) = match (&container, &event) {
                (Some(c), Some(ev)) if c != ev => (Some(c.clone()), Some(ev.clone())),
                (Some(c), _) => (Some(c.clone()), None),
                (None, ev) => (ev.clone(), None),
            };
            if let Some(b) = book {
                e.set(
                    "booktitle",
                    Value::Title(b, Vec::new()),
                    Field::ContainerTitle,
                );
            }
            if let Some(ev) = extra_event {
                e.note.push(format!("Event: {ev}"));
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
            if let Some(c) = &container {
                match (ty, it) {
                    ("online" | "misc", _)
                        if !classic
                        // The site name: `organization` unless a publisher
                        // takes it (then the note).
                        && nonempty(&r.publisher).is_none() =>
                    {
                        e.set(
                            "organization",
                            Value::Text(c.clone()),
                            Field::ContainerTitle,
                        );
                    }
                    ("misc", _) if classic => e.note.push(c.clone()),
                    ("book" | "collection", _) => {
                        e.set("series", Value::Text(c.clone()), Field::ContainerTitle)
                    }
                    _ => {
                        e.note.push(c.clone());
                    }
                }
            }
            if let Some(ev) = &event {
                e.note.push(ev.clone());
            }
        }
        _ => {}
    }

    // Date.
    put_issued(&mut e, r, classic);
    if let Some(od) = &r.original_date {
        match (classic, biblatex_date(od)) {
            (false, Some(d)) => e.set("origdate", Value::Raw(d), Field::OriginalDate),
            (_, _) => {
                if let Some(start) = &od.start {
                    e.note
                        .push(format!("Original work published {}", year_text(start.year)));
                } else if let Some(l) = nonempty(&od.literal) {
                    e.note.push(format!("Original work published {l}"));
                }
            }
        }
    }

    // Legal references: court and section have no field Zotero or the
    // APA styles read from a @misc entry; they are printed in the note.
    if let Some(a) = nonempty(&r.authority) {
        e.note.push(format!("Court: {a}"));
    }
    if let Some(s) = nonempty(&r.section) {
        e.note.push(s.to_string());
    }

    // Volume, issue, pages, numbers. BibLaTeX's volume is an integer
    // (biber drops anything else with a warning).
    if let Some(v) = nonempty(&r.volume) {
        if classic || v.chars().all(|c| c.is_ascii_digit()) {
            e.set("volume", Value::Text(v.to_string()), Field::Volume);
        } else {
            e.note.push(format!("Volume: {v}"));
            e.moved.push("volume");
        }
    }
    let is_article = ty == "article";
    let is_report = matches!(ty, "report" | "techreport");
    if is_article {
        e.text("number", &r.issue, Field::Issue);
    } else if let Some(i) = nonempty(&r.issue) {
        e.note.push(format!("Issue: {i}"));
        e.moved.push("issue");
    }
    if let Some(p) = nonempty(&r.page) {
        if matches!(
            ty,
            "book" | "collection" | "phdthesis" | "mastersthesis" | "thesis"
        ) {
            // Zotero reads pages on these as a page count.
            e.note.push(format!("Pages: {p}"));
            e.moved.push("pages");
        } else {
            e.set("pages", Value::Pages(p.to_string()), Field::Page);
        }
    }
    if let Some(n) = nonempty(&r.number) {
        if is_report || (ty == "misc" && it == ItemType::Report) {
            e.set("number", Value::Text(n.to_string()), Field::Number);
        } else if is_article && it == ItemType::Article {
            // A preprint's number has no field (`number` is the issue).
            e.note.push(format!("Number: {n}"));
            e.moved.push("number");
        } else if is_article {
            // An article number: `eid` in BibLaTeX; for classic BibTeX the
            // page position when there are no pages.
            if classic {
                if nonempty(&r.page).is_none() {
                    let v = if n.chars().all(|c| c.is_ascii_digit()) {
                        format!("Article {n}")
                    } else {
                        n.to_string()
                    };
                    e.set("pages", Value::Text(v), Field::Number);
                } else {
                    e.note.push(format!("Article {n}"));
                }
            } else {
                e.set("eid", Value::Text(n.to_string()), Field::Number);
            }
        } else {
            e.note.push(format!("No. {n}"));
            e.moved.push("number");
        }
    }
    if let Some(s) = nonempty(&r.collection_title) {
        let s = match nonempty(&r.collection_number) {
            Some(n) if matches!(ty, "book" | "collection" | "incollection" | "inbook") => {
                e.set("number", Value::Text(n.to_string()), Field::CollectionTitle);
                s.to_string()
            }
            Some(n) => format!("{s} ({n})"),
            None => s.to_string(),
        };
        e.set("series", Value::Text(s), Field::CollectionTitle);
    }
    if let Some(ed) = nonempty(&r.edition) {
        let v = if classic {
            ordinal_edition(ed)
        } else {
            ed.to_string()
        };
        e.set("edition", Value::Text(v), Field::Edition);
    }
    e.text("version", &r.version, Field::Version);

    // Genre: thesis and report types.
    match ty {
        "thesis" => {
            let kind = thesis_kind(r.genre.as_deref());
            let v = match kind {
                ThesisKind::Doctoral => "phdthesis".to_string(),
                ThesisKind::Masters => "mathesis".to_string(),
                ThesisKind::Other => nonempty(&r.genre).unwrap_or("Thesis").to_string(),
            };
            if kind == ThesisKind::Other {
                e.set("type", Value::Title(v, Vec::new()), Field::Genre);
            } else {
                e.set("type", Value::Raw(v), Field::Genre);
            }
        }
        "phdthesis" | "mastersthesis" => {
            if thesis_kind(r.genre.as_deref()) == ThesisKind::Other {
                let g = nonempty(&r.genre).unwrap_or("Thesis");
                e.set(
                    "type",
                    Value::Title(g.to_string(), Vec::new()),
                    Field::Genre,
                );
            }
        }
        "report" | "techreport" => {
            // BibLaTeX requires a type; APA prints the genre before the
            // number ("Report No. 12").
            let g = nonempty(&r.genre).map(str::to_string);
            match (g, classic) {
                (Some(g), _) => e.set("type", Value::Title(g, Vec::new()), Field::Genre),
                (None, false) => e.set("type", Value::Text("Report".into()), Field::Genre),
                (None, true) => e.set("type", Value::Text("Report".into()), Field::Genre),
            }
        }
        _ => {
            if it == ItemType::Report
                && let Some(g) = nonempty(&r.genre)
            {
                e.note.push(g.to_string());
            }
        }
    }

    // Publisher, place, archive.
    let publisher = nonempty(&r.publisher).map(str::to_string);
    let first_group = r.names(Role::Author).find_map(|n| match n {
        Name::Literal(l) => Some(l.clone()),
        Name::Person(_) => None,
    });
    match ty {
        "report" | "techreport" => {
            // APA leaves out a publisher that is the author; the field is
            // required, so the group author stands in.
            if let Some(p) = publisher.clone().or(first_group) {
                e.set("institution", Value::Text(p), Field::Publisher);
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
        e.set(name, Value::Text(pl.to_string()), Field::Place);
    }
    if it != ItemType::Speech
        && let Some(ep) = nonempty(&r.event_place)
    {
        e.note.push(ep.to_string());
    }
    if let Some(a) = nonempty(&r.archive) {
        e.note.push(a.to_string());
    }

    // Identifiers and links.
    e.text("isbn", &r.isbn, Field::Isbn);
    e.text("issn", &r.issn, Field::Issn);
    if let Some(d) = nonempty(&r.doi) {
        e.set("doi", Value::Raw(latex::verbatim(d)), Field::Doi);
    }
    if let Some(u) = nonempty(&r.url) {
        if classic && ty == "misc" {
            e.set("howpublished", Value::Raw(url_command(u)), Field::Url);
        }
        e.set("url", Value::Raw(latex::verbatim(u)), Field::Url);
    }
    if let Some(acc) = r.accessed.as_ref().and_then(|d| d.start.as_ref()) {
        e.set("urldate", Value::Raw(iso(acc)), Field::Accessed);
    }
    if let Some(pmid) = nonempty(&r.pmid) {
        if classic {
            e.set("pmid", Value::Text(pmid.to_string()), Field::Note);
        } else {
            e.set("eprint", Value::Raw(latex::verbatim(pmid)), Field::Note);
            e.set("eprinttype", Value::Raw("pubmed".into()), Field::Note);
        }
    }
    e.text("language", &r.language, Field::Note);
    if !r.keywords.is_empty() {
        e.set("keywords", Value::Text(r.keywords.join(", ")), Field::Note);
    }
    e.text("abstract", &r.abstract_text, Field::Note);
    if let Some(s) = nonempty(&r.status) {
        e.note.push(capitalise(s));
    }
    if let Some(n) = nonempty(&r.note) {
        e.note.push(n.to_string());
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
fn classic_fixes(e: &mut Draft, r: &Reference) {
    let has = |e: &Draft, f: &str| e.fields.iter().any(|(n, _, _)| *n == f);
    // `@book` cannot print both an author and an editor ("can't use both
    // author and editor fields"): the editors go to the note.
    if e.ty == "book"
        && has(e, "author")
        && has(e, "editor")
        && let Some(pos) = e.fields.iter().position(|(n, _, _)| *n == "editor")
    {
        let (_, v, _) = e.fields.remove(pos);
        if let Value::Names(ns, _) = v {
            let list: Vec<String> = ns.iter().map(display_name).collect();
            e.note.push(format!("Editor: {}", list.join("; ")));
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
            let words: Vec<&str> = t.split_whitespace().take(4).collect();
            let k = words.join(" ").replace(['[', ']', '{', '}'], "");
            let k = k.trim().trim_end_matches([':', ',', ';', '.']).to_string();
            if !k.is_empty() {
                e.fields.insert(0, ("key", Value::Text(k), Field::Title));
            }
        }
    }
    if e.ty == "unpublished" && e.note.is_empty() {
        // apalike requires a note on @unpublished.
        e.note.push("Unpublished manuscript".into());
    }
}

/// Moves fields biber would reject for the type into the note.
fn move_invalid(e: &mut Draft, r: &Reference) {
    let eff = effective_type(e.ty, r);
    let mut keep = Vec::with_capacity(e.fields.len());
    for (name, v, f) in std::mem::take(&mut e.fields) {
        if GLOBAL_FIELDS.contains(&name) || biblatex_allows(e.ty, eff, name) {
            keep.push((name, v, f));
            continue;
        }
        let label = field_label(name);
        let labelled = !matches!(
            name,
            "publisher" | "location" | "institution" | "organization" | "howpublished"
        );
        let text = match &v {
            Value::Text(s) | Value::Title(s, _) | Value::Pages(s) | Value::Raw(s) => s.clone(),
            Value::Names(ns, elided) => {
                let mut list: Vec<String> = ns.iter().map(display_name).collect();
                if *elided {
                    list.push("…".into());
                }
                list.join("; ")
            }
            Value::Bare(s) => s.to_string(),
        };
        if name != "entrysubtype" {
            if labelled {
                e.note.push(format!("{label}: {text}"));
            } else {
                e.note.push(text);
            }
            e.moved.push(label);
        }
    }
    e.fields = keep;
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
fn ordinal_edition(ed: &str) -> String {
    let Ok(n) = ed.trim().parse::<u32>() else {
        return ed.to_string();
    };
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `\url{...}` for `howpublished` (a field that is not verbatim). Braces,
/// backslashes and `$` (which readers take for math) are percent-encoded;
/// `%` and `#`, which `\url` cannot take inside another command's
/// argument, get a backslash.
fn url_command(u: &str) -> String {
    let mut s = String::with_capacity(u.len() + 6);
    for c in latex::verbatim(u).chars() {
        match c {
            '%' => s.push_str("\\%"),
            '#' => s.push_str("\\#"),
            '$' => s.push_str("\\%24"),
            c => s.push(c),
        }
    }
    format!("\\url{{{s}}}")
}

/// Splits a name part that BibTeX would misread (a comma, or ` and `) into
/// a braced group.
fn guard_name_part(s: String) -> String {
    // No character but `A`, `N`, `D` lower-cases to `a`, `n`, `d`: an
    // ASCII case-insensitive comparison finds what lower-casing would.
    let has_and = s.split_whitespace().any(|w| w.eq_ignore_ascii_case("and"));
    if s.contains(',') || has_and {
        format!("{{{s}}}")
    } else {
        s
    }
}

fn encode_name(n: &Name, enc: &Encoder, lost: &mut Lost) -> Option<String> {
    match n {
        Name::Literal(l) => {
            let t = enc.text(l.trim(), Context::Name, lost);
            (!t.trim().is_empty()).then(|| format!("{{{}}}", t.trim()))
        }
        Name::Person(p) => {
            // A dropping particle goes with the given names ("Beauvoir,
            // Simone de"): BibTeX prints it before the family name and
            // sorts by the family name.
            let (family, given) = p.inverted_parts();
            let suffix = p.suffix.as_deref().map(str::trim).unwrap_or("");
            let (family, given) = if family.is_empty() {
                (given, String::new())
            } else {
                (family, given)
            };
            if family.is_empty() {
                return None;
            }
            let fam = guard_name_part(enc.text(&family, Context::Name, lost));
            let giv = guard_name_part(enc.text(&given, Context::Name, lost));
            let sfx = guard_name_part(enc.text(suffix, Context::Name, lost));
            let has_particle = p.particle.as_deref().is_some_and(|x| !x.trim().is_empty())
                || p.dropping_particle
                    .as_deref()
                    .is_some_and(|x| !x.trim().is_empty());
            Some(match (giv.is_empty(), sfx.is_empty()) {
                (true, true) => {
                    if fam.contains(char::is_whitespace) && !has_particle && !fam.starts_with('{') {
                        format!("{{{fam}}}")
                    } else {
                        fam
                    }
                }
                (true, false) => format!("{fam}, {sfx}, "),
                (false, true) => format!("{fam}, {giv}"),
                (false, false) => format!("{fam}, {sfx}, {giv}"),
            })
        }
    }
}

/// Pages: `--` between the two ends of each range (`1302--1305`,
/// `A1--A5`), Unicode dashes as `--`, other text escaped.
fn encode_pages(p: &str, enc: &Encoder, lost: &mut Lost) -> String {
    let parts: Vec<String> = p
        .split(',')
        .map(|part| {
            let t = part.trim();
            if let Some((a, b)) = split_range(t) {
                format!(
                    "{}--{}",
                    enc.text(a, Context::Text, lost),
                    enc.text(b, Context::Text, lost)
                )
            } else {
                let t = t.replace(['–', '—', '‒', '−'], "--");
                enc.text(&t, Context::Text, lost)
            }
        })
        .collect();
    parts.join(", ")
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

/// Renders a draft as `.bib` text.
fn render(
    e: &Draft,
    key: &str,
    enc: &Encoder,
    line: usize,
    dialect: Dialect,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let mut out = String::with_capacity(512);
    out.push('@');
    out.push_str(e.ty);
    out.push('{');
    out.push_str(key);
    out.push_str(",\n");
    let mut lost_by_field: BTreeMap<&'static str, (Field, Lost)> = BTreeMap::new();
    let mut fields: Vec<(&'static str, String, bool)> = Vec::new();
    for (name, v, f) in &e.fields {
        let slot = lost_by_field.entry(name).or_insert((*f, Lost::default()));
        let lost = &mut slot.1;
        let (text, bare) = match v {
            Value::Text(s) => (enc.text(s.trim(), Context::Text, lost), false),
            Value::Title(s, ranges) => {
                let prot = latex::protect_title(s, ranges);
                (latex::encode_protected(enc, s, &prot, lost), false)
            }
            Value::Names(ns, elided) => {
                let mut list: Vec<String> = ns
                    .iter()
                    .filter_map(|n| encode_name(n, enc, lost))
                    .collect();
                if list.is_empty() {
                    continue;
                }
                if *elided {
                    list.push("others".into());
                }
                (list.join(" and "), false)
            }
            Value::Pages(p) => (encode_pages(p, enc, lost), false),
            Value::Raw(s) => {
                if enc.ascii && !s.is_ascii() {
                    (enc.text(s, Context::Text, lost), false)
                } else {
                    (s.clone(), false)
                }
            }
            Value::Bare(s) => (s.to_string(), true),
        };
        let text = if text.trim().len() == text.len() {
            text
        } else {
            text.trim().to_string()
        };
        if text.is_empty() {
            continue;
        }
        fields.push((name, text, bare));
    }
    if !e.note.is_empty() {
        let mut lost = Lost::default();
        // Labelled parts (`Volume: 3–4`) last: a reader takes each up to
        // the next label, so an unlabelled part after one would run into
        // its value.
        let (plain, labelled): (Vec<&String>, Vec<&String>) = e
            .note
            .iter()
            .partition(|n| !crate::read::bibtex::is_labelled_note_part(n.trim()));
        let note: Vec<String> = plain
            .into_iter()
            .chain(labelled)
            .map(|n| enc.text(n.trim(), Context::Text, &mut lost))
            .collect();
        lost_by_field.insert("note", (Field::Note, lost));
        fields.push(("note", join_sentences(&note), false));
    }
    for (name, text, bare) in fields {
        let text = if latex::braces_balanced(&text) {
            text
        } else {
            // Cannot happen with the encoder above; never write an
            // unbalanced value even so.
            diags.push(Diagnostic::warning(
                line,
                Some(Field::Reference),
                format!(
                    "{}: braces removed from `{name}` to keep the entry readable",
                    dialect_name(dialect)
                ),
            ));
            text.replace(['{', '}'], "")
        };
        out.push_str("  ");
        out.push_str(name);
        out.push_str(" = ");
        if bare {
            out.push_str(&text);
        } else {
            out.push('{');
            out.push_str(&text);
            out.push('}');
        }
        out.push_str(",\n");
    }
    out.push_str("}\n");
    for (name, (field, lost)) in lost_by_field {
        if !lost.is_empty() {
            diags.push(Diagnostic::warning(
                line,
                Some(field),
                format!(
                    "{}: `{name}` has characters without a LaTeX macro, written as ASCII transliteration: {}",
                    dialect_name(dialect),
                    lost.summary()
                ),
            ));
        }
    }
    if !e.moved.is_empty() {
        let mut m: Vec<String> = e.moved.iter().map(|x| x.to_lowercase()).collect();
        m.dedup();
        diags.push(Diagnostic::warning(
            line,
            Some(Field::Note),
            format!(
                "{}: no `{}` field for {}; written to `note`",
                dialect_name(dialect),
                e.ty,
                m.join(", ")
            ),
        ));
    }
    out
}

/// Joins note parts as sentences: `. ` between them unless a part already
/// ends with a full stop, question or exclamation mark.
fn join_sentences(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts.iter().filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            if out.ends_with(['.', '?', '!']) {
                out.push(' ');
            } else {
                out.push_str(". ");
            }
        }
        out.push_str(p);
    }
    out
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
        let mut l = Lost::default();
        assert_eq!(encode_pages("1302—1305", &enc, &mut l), "1302--1305");
        assert_eq!(encode_pages("1-5, 7-9", &enc, &mut l), "1--5, 7--9");
        assert_eq!(encode_pages("e0209899", &enc, &mut l), "e0209899");
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
