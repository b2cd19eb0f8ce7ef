//! Readers: BibTeX/BibLaTeX, RIS, CSL-JSON, CSV (as refmill writes it) and
//! APA text into the model.
//!
//! Every reader gives [`ReadItem`]s in input order: a [`ReadRecord`] (a
//! [`Reference`] and what the reader had to guess, with input lines), or a
//! [`Skipped`] entry: input that could not be read as a record at all (an
//! unbalanced BibTeX entry, a JSON item that is not an object, a CSV row
//! with the wrong number of cells). A skipped entry is never silent: it
//! carries an error [`Diagnostic`] with its line and its raw text, and the
//! rest of the file is read.
//!
//! Skipped entries are not turned into records holding their raw text in
//! `note`: every writer would then emit an untitled `@misc` / `TY  - GEN`
//! item that a reference manager imports as a real (empty) reference, and
//! the damage would travel silently into the user's library. The raw text
//! stays available in [`Skipped::raw`] for the caller to print or save.
//! The `refmill` command, whose rule is that every reference in comes out,
//! does write an erroneous skipped entry as a record (type `document`,
//! the text in `note`) and reports it with its line; a skipped entry with
//! a warning only (a header before the first RIS record) is reported and
//! not written.
//!
//! * [`read_all`] reads a whole text;
//! * [`read_iter`] yields items one at a time (RIS, CSV and APA text lazily,
//!   record by record; BibTeX and CSL-JSON per file, since crossrefs and
//!   JSON arrays need the whole file);
//! * [`stream`] reads from any [`BufRead`], record by record for RIS and
//!   CSV;
//! * [`detect`] guesses the format from the content.

pub mod bibtex;
pub mod csljson;
pub mod csv;
pub mod ris;

use crate::diag::{Diagnostic, Severity};
use crate::model::{Date, DateStatus, Field, Name, Person, Reference, Role};
use std::fmt;
use std::io::{self, BufRead};
use std::str::FromStr;

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// An APA 7 reference list as text.
    Apa,
    /// Classic BibTeX.
    Bibtex,
    /// BibLaTeX (read by the same reader as BibTeX).
    Biblatex,
    /// RIS.
    Ris,
    /// CSL-JSON (an array of items, or one item).
    CslJson,
    /// CSV with refmill's columns (`docs/csv.md`).
    Csv,
}

impl InputFormat {
    /// Every input format, in the order `--help` lists them.
    pub const ALL: [InputFormat; 6] = [
        InputFormat::Apa,
        InputFormat::Bibtex,
        InputFormat::Biblatex,
        InputFormat::Ris,
        InputFormat::CslJson,
        InputFormat::Csv,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Apa => "apa",
            InputFormat::Bibtex => "bibtex",
            InputFormat::Biblatex => "biblatex",
            InputFormat::Ris => "ris",
            InputFormat::CslJson => "csl-json",
            InputFormat::Csv => "csv",
        }
    }

    /// The format a file extension usually means (`bib`, `ris`, `json`,
    /// `csv`, `txt`); `None` for others. Content detection ([`detect`]) is
    /// more reliable.
    pub fn from_extension(ext: &str) -> Option<InputFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "bib" | "bibtex" => Some(InputFormat::Bibtex),
            "ris" => Some(InputFormat::Ris),
            "json" | "csljson" => Some(InputFormat::CslJson),
            "csv" => Some(InputFormat::Csv),
            "txt" | "text" => Some(InputFormat::Apa),
            _ => None,
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<InputFormat, String> {
        let s = s.to_ascii_lowercase();
        InputFormat::ALL
            .iter()
            .copied()
            .find(|f| f.name() == s)
            .or(match s.as_str() {
                "json" | "csl" | "csljson" => Some(InputFormat::CslJson),
                "bib" => Some(InputFormat::Bibtex),
                "text" | "txt" | "apa7" => Some(InputFormat::Apa),
                _ => None,
            })
            .ok_or_else(|| {
                format!(
                    "unknown input format `{s}` (expected one of: {})",
                    InputFormat::ALL.map(InputFormat::name).join(", ")
                )
            })
    }
}

/// How sure [`detect`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// A guess: the content has no clear mark of any structured format (the
    /// caller should say which format it chose).
    Guess,
    /// The content looks like the format, with some doubt (e.g. BibTeX vs
    /// BibLaTeX when neither's own fields or types occur).
    Likely,
    /// The content has the format's unambiguous marks.
    Certain,
}

/// What [`detect_explained`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    /// The format chosen.
    pub format: InputFormat,
    /// How sure the choice is.
    pub confidence: Confidence,
    /// Why, in words (for a message such as "reading as RIS: ...").
    pub reason: String,
}

/// Guesses the format of `sample` (the start of a file is enough: the
/// first 64 KiB are looked at) from its content, not its name.
pub fn detect(sample: &str) -> (InputFormat, Confidence) {
    let d = detect_explained(sample);
    (d.format, d.confidence)
}

/// BibLaTeX-only entry types.
const BIBLATEX_TYPES: &[&str] = &[
    "online",
    "thesis",
    "report",
    "collection",
    "mvbook",
    "mvcollection",
    "mvproceedings",
    "mvreference",
    "inreference",
    "reference",
    "software",
    "dataset",
    "bookinbook",
    "suppbook",
    "suppcollection",
    "suppperiodical",
    "periodical",
    "set",
    "xdata",
    "audio",
    "video",
    "music",
    "performance",
    "image",
    "legislation",
    "jurisdiction",
    "standard",
];

/// BibLaTeX-only fields.
const BIBLATEX_FIELDS: &[&str] = &[
    "journaltitle",
    "date",
    "location",
    "eprinttype",
    "pubstate",
    "entrysubtype",
    "titleaddon",
    "langid",
    "origdate",
    "eventtitle",
    "eventdate",
    "venue",
    "maintitle",
    "booksubtitle",
    "journalsubtitle",
    "subtitle",
    "eid",
    "xdata",
    "urldate",
    "addendum",
    "editortype",
];

/// [`detect`] with the reason for the choice.
pub fn detect_explained(sample: &str) -> Detection {
    let mut end = sample.len().min(64 * 1024);
    while !sample.is_char_boundary(end) {
        end -= 1;
    }
    // Char boundary: by the loop above.
    let s = sample[..end].trim_start_matches('\u{feff}');
    let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
    let nonblank: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let d = |format, confidence, reason: &str| Detection {
        format,
        confidence,
        reason: reason.to_string(),
    };
    // RIS: a `TY  - ` line near the start (Zotero looks at the first few).
    let ris_line = |l: &str| ris::tag_line(l).is_some_and(|(t, _)| t == "TY");
    if nonblank.iter().take(5).any(|l| ris_line(l)) {
        return d(
            InputFormat::Ris,
            Confidence::Certain,
            "a `TY  - ` line at the start",
        );
    }
    // JSON.
    let t = s.trim_start();
    if t.starts_with('[') || t.starts_with('{') {
        let json_ok = serde_json::from_str::<serde_json::Value>(s).is_ok();
        let looks = t.contains("\"type\"") || t.contains("\"title\"") || t == "[]";
        if json_ok && looks {
            return d(
                InputFormat::CslJson,
                Confidence::Certain,
                "a JSON array or object with CSL variables",
            );
        }
        if looks || json_ok {
            return d(
                InputFormat::CslJson,
                Confidence::Likely,
                if json_ok {
                    "JSON, but without `type` or `title` keys"
                } else {
                    "looks like JSON but does not parse as a whole (items will be read one by one)"
                },
            );
        }
    }
    // BibTeX / BibLaTeX: an `@word{` or `@word(` at a line start.
    let mut bib_entries = 0usize;
    let mut biblatex_marks = 0usize;
    for l in &lines {
        let l = l.trim_start();
        if let Some(rest) = l.strip_prefix('@') {
            let after = rest
                .trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            let word = rest.strip_suffix(after).unwrap_or_default();
            let after = after.trim_start();
            if !word.is_empty() && (after.starts_with('{') || after.starts_with('(')) {
                bib_entries += 1;
                if BIBLATEX_TYPES.contains(&word.to_ascii_lowercase().as_str()) {
                    biblatex_marks += 1;
                }
            }
        } else if let Some((name, _)) = l.split_once('=') {
            let name = name.trim().to_ascii_lowercase();
            if BIBLATEX_FIELDS.contains(&name.as_str()) {
                biblatex_marks += 1;
            }
        }
    }
    if bib_entries > 0 {
        return if biblatex_marks > 0 {
            d(
                InputFormat::Biblatex,
                Confidence::Certain,
                "`@type{` entries with BibLaTeX types or fields",
            )
        } else {
            d(
                InputFormat::Bibtex,
                Confidence::Likely,
                "`@type{` entries without BibLaTeX-only types or fields",
            )
        };
    }
    // CSV with our header.
    if let Some(first) = nonblank.first() {
        let header: Vec<String> = first
            .split(',')
            .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
            .collect();
        let ours = header
            .iter()
            .filter(|c| crate::write::csv::COLUMNS.contains(&c.as_str()))
            .count();
        if ours >= 3 && header.iter().any(|c| c == "title") {
            let conf = if ours == header.len() {
                Confidence::Certain
            } else {
                Confidence::Likely
            };
            return d(
                InputFormat::Csv,
                conf,
                "a header row with refmill's CSV columns",
            );
        }
    }
    // APA text.
    let apa_like = nonblank
        .iter()
        .take(50)
        .filter(|l| {
            l.contains("(n.d.)")
                || l.contains("(in press)")
                || l.split_once('(')
                    .is_some_and(|(_, r)| r.chars().take(4).all(|c| c.is_ascii_digit()))
        })
        .count();
    if apa_like > 0 {
        d(
            InputFormat::Apa,
            Confidence::Likely,
            "text with APA dates in parentheses",
        )
    } else {
        d(
            InputFormat::Apa,
            Confidence::Guess,
            "no mark of BibTeX, RIS, CSL-JSON or CSV; read as an APA reference list",
        )
    }
}

/// One record read, with what the reader had to guess or could not place.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadRecord {
    /// The record (its `span` holds its lines in the input).
    pub reference: Reference,
    /// Warnings about this record.
    pub diagnostics: Vec<Diagnostic>,
}

/// Input that could not be read as a record: reported, never silently
/// dropped.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    /// First line (1-based).
    pub line: usize,
    /// Last line (1-based, inclusive).
    pub end_line: usize,
    /// The input text of the entry, as it was.
    pub raw: String,
    /// The error, with the line of the fault (which may be inside the
    /// entry).
    pub diagnostic: Diagnostic,
}

/// One item of a reader's output.
// Records are the common case and are not boxed; skipped entries are rare.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum ReadItem {
    /// A record.
    Record(ReadRecord),
    /// An entry that could not be read.
    Skipped(Skipped),
}

impl ReadItem {
    /// The record, if this is one.
    pub fn record(&self) -> Option<&ReadRecord> {
        match self {
            ReadItem::Record(r) => Some(r),
            ReadItem::Skipped(_) => None,
        }
    }

    /// Every diagnostic of the item (for a skipped entry, its error).
    pub fn diagnostics(&self) -> Vec<&Diagnostic> {
        match self {
            ReadItem::Record(r) => r.diagnostics.iter().collect(),
            ReadItem::Skipped(s) => vec![&s.diagnostic],
        }
    }
}

/// What [`read_all`] read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadOutput {
    /// The records, in input order.
    pub records: Vec<ReadRecord>,
    /// Entries that could not be read, in input order.
    pub skipped: Vec<Skipped>,
}

impl ReadOutput {
    /// The references alone (for the writers).
    pub fn references(&self) -> Vec<Reference> {
        self.records.iter().map(|r| r.reference.clone()).collect()
    }

    /// Every diagnostic, records' and skipped entries', sorted by line.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .records
            .iter()
            .flat_map(|r| r.diagnostics.iter().cloned())
            .chain(self.skipped.iter().map(|s| s.diagnostic.clone()))
            .collect();
        all.sort_by_key(|d| d.line);
        all
    }
}

/// Reads a whole text in `format`.
pub fn read_all(format: InputFormat, text: &str) -> ReadOutput {
    let mut out = ReadOutput::default();
    for item in read_iter(format, text) {
        match item {
            ReadItem::Record(r) => out.records.push(r),
            ReadItem::Skipped(s) => out.skipped.push(s),
        }
    }
    out
}

/// Reads `text` item by item. RIS, CSV and APA text are read lazily, one
/// record at a time; BibTeX/BibLaTeX and CSL-JSON are read whole (crossref
/// resolution and JSON arrays need the file) and then handed out.
pub fn read_iter(format: InputFormat, text: &str) -> Box<dyn Iterator<Item = ReadItem> + '_> {
    Box::new(raw_iter(format, text).map(tidy))
}

/// What every reader's records get: a URL that is only the DOI's
/// `https://doi.org/` link is dropped (the model keeps the DOI).
fn tidy(item: ReadItem) -> ReadItem {
    match item {
        ReadItem::Record(mut rec) => {
            let r = &mut rec.reference;
            if let (Some(u), Some(d)) = (&r.url, &r.doi)
                && bare_doi(u).eq_ignore_ascii_case(d.trim())
                && u.to_ascii_lowercase().contains("doi.org/")
            {
                r.url = None;
            }
            ReadItem::Record(rec)
        }
        s => s,
    }
}

fn raw_iter(format: InputFormat, text: &str) -> Box<dyn Iterator<Item = ReadItem> + '_> {
    match format {
        InputFormat::Apa => Box::new(
            crate::apa::segment::segment(text)
                .into_iter()
                .map(|s| crate::apa::parse_segment(&s))
                .map(|p| {
                    ReadItem::Record(ReadRecord {
                        reference: p.reference,
                        diagnostics: p.diagnostics,
                    })
                }),
        ),
        InputFormat::Bibtex | InputFormat::Biblatex => Box::new(bibtex::read(text).into_iter()),
        InputFormat::Ris => Box::new(ris::RisReader::new(text.lines())),
        InputFormat::CslJson => Box::new(csljson::read(text).into_iter()),
        InputFormat::Csv => Box::new(csv::read_iter(text.as_bytes())),
    }
}

/// Reads from `input`, record by record for RIS and CSV (the input is not
/// held whole); the other formats are read whole first. An I/O error (or
/// input that is not UTF-8) ends the iteration with that error.
pub fn stream<'a, R: BufRead + 'a>(
    format: InputFormat,
    mut input: R,
) -> Box<dyn Iterator<Item = io::Result<ReadItem>> + 'a> {
    match format {
        InputFormat::Ris => Box::new(ris::RisReader::from_io(input).map(|i| i.map(tidy))),
        InputFormat::Csv => Box::new(csv::read_iter(input).map(tidy).map(Ok)),
        _ => {
            let mut text = String::new();
            match input.read_to_string(&mut text) {
                Ok(_) => {
                    let items: Vec<ReadItem> = read_iter(format, &text).collect();
                    Box::new(items.into_iter().map(Ok))
                }
                Err(e) => Box::new(std::iter::once(Err(e))),
            }
        }
    }
}

// ---------------------------------------------------------------------
// Helpers shared by the readers.

/// An error diagnostic.
pub(crate) fn error(line: usize, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        line,
        severity: Severity::Error,
        field: Some(Field::Reference),
        message: message.into(),
    }
}

/// Appends a line to the record's note.
pub(crate) fn push_note(r: &mut Reference, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    match &mut r.note {
        Some(n) if !n.trim().is_empty() => {
            n.push('\n');
            n.push_str(text);
        }
        _ => r.note = Some(text.to_string()),
    }
}

/// `Some(trimmed)` when not empty.
pub(crate) fn nonempty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A DOI without `https://doi.org/` or `doi:`.
pub(crate) fn bare_doi(s: &str) -> String {
    let t = s.trim();
    for p in [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi.org/",
        "doi:",
    ] {
        if let Some(rest) = crate::apa::lower::strip_prefix_ascii_ci(t, p) {
            return rest.trim().to_string();
        }
    }
    t.to_string()
}

/// `2nd`, `2nd ed.`, `second` → `2`; other text as it is.
pub(crate) fn edition_number(s: &str) -> String {
    let t = s.trim();
    let lower = t.to_lowercase();
    let core = lower
        .trim_end_matches('.')
        .trim_end_matches(" edition")
        .trim_end_matches(" ed")
        .trim();
    let digits: String = core.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        let rest = core.trim_start_matches(|c: char| c.is_ascii_digit());
        if matches!(rest, "" | "st" | "nd" | "rd" | "th" | ".") {
            return digits;
        }
    }
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    if let Some(i) = WORDS.iter().position(|w| *w == core) {
        return (i + 1).to_string();
    }
    t.to_string()
}

/// Page ranges with a hyphen, as the model keeps them (`1302-1305`).
pub(crate) fn model_pages(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for c in p.trim().chars() {
        match c {
            '–' | '—' | '‒' | '−' | '‐' => out.push('-'),
            _ => out.push(c),
        }
    }
    while out.contains("--") {
        out = out.replace("--", "-");
    }
    out.replace(" - ", "-")
}

/// A person from a family part (particle included, as BibTeX, RIS and CSV
/// write it), given names and suffix: lower-case particles are split off.
pub(crate) fn person(family: &str, given: Option<&str>, suffix: Option<&str>) -> Name {
    let (particle, family) = crate::apa::names::split_particle(family.trim());
    let (given, dropping_particle) = split_dropping(given.unwrap_or(""));
    Name::Person(Person {
        family,
        given: nonempty(&given),
        particle,
        dropping_particle,
        suffix: suffix.and_then(nonempty),
    })
}

/// Splits a dropping particle off the end of given names: `T. de` →
/// (`T.`, `de`), as the writers put it there.
pub(crate) fn split_dropping(given: &str) -> (String, Option<String>) {
    let words: Vec<&str> = given.split_whitespace().collect();
    let mut n = words.len();
    // In bounds: `1 <= n <= words.len()` here and below.
    while n > 1
        && words[n - 1].chars().all(char::is_lowercase)
        && crate::apa::lexicon::is_particle(words[n - 1])
    {
        n -= 1;
    }
    if n == words.len() {
        return (given.trim().to_string(), None);
    }
    (words[..n].join(" "), Some(words[n..].join(" ")))
}

/// `Family, Given` / `Family, Given, Suffix` / a name without a comma (a
/// group, kept as a literal): the form RIS and CSV use.
pub(crate) fn comma_name(s: &str) -> Option<Name> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let parts: Vec<&str> = s.splitn(3, ',').map(str::trim).collect();
    Some(match parts.as_slice() {
        [one] => Name::Literal(one.to_string()),
        [family, given] => person(family, Some(given), None),
        [family, given, suffix] => {
            if crate::apa::lexicon::is_name_suffix(suffix) {
                person(family, Some(given), Some(suffix))
            } else {
                // "Family, Jr., Given" (the BibTeX order) or a given name
                // with a comma: keep it in the given part.
                if crate::apa::lexicon::is_name_suffix(given) {
                    person(family, Some(suffix), Some(given))
                } else {
                    person(family, Some(&format!("{given}, {suffix}")), None)
                }
            }
        }
        _ => return None,
    })
}

/// A date from free text: `2020`, `2020-03-15`, `March 3, 2020`, `n.d.`,
/// `in press`, `Spring 2015`, `2019/2020`; otherwise kept as a literal.
pub(crate) fn date_text(s: &str) -> Option<Date> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    let lower = t.to_lowercase();
    match lower.trim_end_matches('.') {
        "n.d" | "nd" | "no date" => {
            return Some(Date {
                status: DateStatus::NoDate,
                ..Date::default()
            });
        }
        "in press" | "inpress" => {
            return Some(Date {
                status: DateStatus::InPress,
                ..Date::default()
            });
        }
        "forthcoming" => {
            return Some(Date {
                status: DateStatus::Forthcoming,
                ..Date::default()
            });
        }
        _ => {}
    }
    // "Spring 2015"
    let words: Vec<&str> = t.split_whitespace().collect();
    if let [season, year] = words.as_slice()
        && let Some(season) = season_of(season)
        && let Ok(y) = year.parse::<i32>()
    {
        return Some(Date {
            season: Some(season),
            ..Date::year(y)
        });
    }
    // ISO ranges: 2020-03-15/2020-03-20, 2019/2020.
    if let Some((a, b)) = t.split_once('/')
        && let (Some(da), Some(db)) = (iso_date(a), iso_date(b))
    {
        let mut d = Date {
            start: da.start,
            end: db.start,
            ..Date::default()
        };
        if d.end == d.start {
            d.end = None;
        }
        return Some(d);
    }
    if let Some(d) = iso_date(t) {
        return Some(d);
    }
    crate::apa::date::parse_date_text(t).or_else(|| {
        Some(Date {
            literal: Some(t.to_string()),
            ..Date::default()
        })
    })
}

/// `2020`, `2020-03`, `2020-03-15`, `-0350`, an EDTF season `2015-21`, and
/// `~` for circa.
pub(crate) fn iso_date(s: &str) -> Option<Date> {
    let mut t = s.trim();
    let mut circa = false;
    if let Some(x) = t.strip_suffix('~') {
        circa = true;
        t = x;
    }
    let t = t.trim_end_matches(['?', '%']);
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t),
    };
    let mut parts = body.split('-');
    let y = parts.next()?;
    if y.len() < 3 || y.len() > 5 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut year: i32 = y.parse().ok()?;
    if neg {
        year = -year;
    }
    let mut d = Date::year(year);
    d.circa = circa;
    if let Some(m) = parts.next() {
        if m.len() != 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let m: u8 = m.parse().ok()?;
        match m {
            1..=12 => {
                if let Some(p) = d.start.as_mut() {
                    p.month = Some(m);
                }
            }
            21..=24 => d.season = season_number(m - 20),
            _ => return None,
        }
        if let Some(day) = parts.next() {
            if day.len() != 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let day: u8 = day.parse().ok()?;
            if let Some(p) = d.start.as_mut()
                && p.month.is_some()
                && (1..=31).contains(&day)
            {
                p.day = Some(day);
            }
        }
    }
    parts.next().is_none().then_some(d)
}

fn season_number(n: u8) -> Option<crate::model::Season> {
    use crate::model::Season;
    match n {
        1 => Some(Season::Spring),
        2 => Some(Season::Summer),
        3 => Some(Season::Autumn),
        4 => Some(Season::Winter),
        _ => None,
    }
}

pub(crate) fn season_of(w: &str) -> Option<crate::model::Season> {
    use crate::model::Season;
    match w.to_lowercase().trim_end_matches(',') {
        "spring" => Some(Season::Spring),
        "summer" => Some(Season::Summer),
        "autumn" | "fall" => Some(Season::Autumn),
        "winter" => Some(Season::Winter),
        _ => None,
    }
}

/// Applies a `key: value` line of the kind Zotero keeps in *Extra* and
/// refmill's writers put in RIS `M2`, CSL `note` and BibTeX notes (CSL
/// variable names, plus the labels the writers use). Returns false when
/// the key is not known (the caller keeps the line in the note).
pub(crate) fn apply_extra(r: &mut Reference, key: &str, value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return false;
    }
    let k = key.trim().to_ascii_lowercase();
    let set = |slot: &mut Option<String>| -> bool {
        if slot.as_deref().is_none_or(|s| s.trim().is_empty()) {
            *slot = Some(v.to_string());
            true
        } else {
            slot.as_deref() == Some(v)
        }
    };
    match k.as_str() {
        "original-date" | "original date" | "original work published" => {
            if r.original_date.is_none() {
                r.original_date = date_text(v);
            }
            true
        }
        "pmid" => set(&mut r.pmid),
        "number" | "no." | "report number" => set(&mut r.number),
        "article" => set(&mut r.number),
        "collection-number" => set(&mut r.collection_number),
        "collection-title" | "series" => set(&mut r.collection_title),
        "event-title" | "event" => set(&mut r.event_title),
        "event-place" => set(&mut r.event_place),
        "volume" => set(&mut r.volume),
        "issue" => set(&mut r.issue),
        "pages" | "page" => set(&mut r.page),
        "edition" => set(&mut r.edition),
        "isbn" => set(&mut r.isbn),
        "issn" => set(&mut r.issn),
        "version" => set(&mut r.version),
        "type" => {
            // A CSL type name (Zotero's `type:` line), else a genre.
            match crate::model::ItemType::ALL
                .iter()
                .find(|t| t.csl_name() == v)
            {
                Some(t) => {
                    r.item_type = *t;
                    true
                }
                None => set(&mut r.genre),
            }
        }
        "genre" => set(&mut r.genre),
        "medium" => set(&mut r.medium),
        "status" => set(&mut r.status),
        "authority" | "court" => set(&mut r.authority),
        "section" => set(&mut r.section),
        "archive" => set(&mut r.archive),
        "publisher" => set(&mut r.publisher),
        "publisher-place" | "place" => set(&mut r.publisher_place),
        "container-title" | "journal" | "in" => set(&mut r.container_title),
        "translated title" | "translated-title" => set(&mut r.title_translated),
        "doi" => {
            if r.doi.is_none() {
                r.doi = Some(bare_doi(v));
            }
            true
        }
        "url" => set(&mut r.url),
        "circa" => {
            if let Some(d) = r.issued.as_mut() {
                d.circa = true;
            }
            true
        }
        "year-suffix" => {
            let d = r.issued.get_or_insert_with(Date::default);
            if d.suffix.is_none() {
                d.suffix = Some(v.to_string());
            }
            true
        }
        _ => {
            if let Some(role) = Role::from_csl(&k).or_else(|| role_of_label(&k)) {
                for n in v.split("; ") {
                    if let Some(name) = comma_name(n) {
                        r.contributors
                            .push(crate::model::Contributor { role, name });
                    }
                }
                true
            } else {
                false
            }
        }
    }
}

/// The role of a label the writers use in notes (`Director`, `Series
/// editor`).
fn role_of_label(k: &str) -> Option<Role> {
    Some(match k {
        "series editor" => Role::CollectionEditor,
        "reviewed author" => Role::ReviewedAuthor,
        "chair" => Role::Chair,
        _ => return None,
    })
}

/// Splits `key: value` note lines: known keys are applied to the record
/// (see [`apply_extra`]); the other lines stay in the note.
pub(crate) fn apply_extra_lines(r: &mut Reference) {
    let Some(note) = r.note.take() else {
        return;
    };
    let mut keep: Vec<&str> = Vec::new();
    for line in note.lines() {
        let applied = line
            .split_once(": ")
            .filter(|(k, _)| {
                !k.is_empty() && k.len() <= 30 && !k.contains(['.', ',']) || *k == "No."
            })
            .is_some_and(|(k, v)| apply_extra(r, k, v));
        if !applied {
            keep.push(line);
        }
    }
    let rest = keep.join("\n");
    r.note = nonempty(&rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format() {
        assert_eq!(
            detect("TY  - JOUR\nTI  - X\nER  - \n"),
            (InputFormat::Ris, Confidence::Certain)
        );
        assert_eq!(
            detect("\u{feff}\r\nTY  - BOOK\r\n"),
            (InputFormat::Ris, Confidence::Certain)
        );
        assert_eq!(
            detect(r#"[{"id":"a","type":"book","title":"T"}]"#),
            (InputFormat::CslJson, Confidence::Certain)
        );
        assert_eq!(
            detect(r#"{"id":"a","type":"book"}"#).0,
            InputFormat::CslJson
        );
        assert_eq!(
            detect("@article{k,\n  title = {T},\n  journal = {J},\n}\n"),
            (InputFormat::Bibtex, Confidence::Likely)
        );
        assert_eq!(
            detect("% a comment\n@online{k,\n  title = {T},\n  url = {u},\n}\n"),
            (InputFormat::Biblatex, Confidence::Certain)
        );
        assert_eq!(
            detect("@article{k,\n  journaltitle = {J},\n}\n"),
            (InputFormat::Biblatex, Confidence::Certain)
        );
        let csv = format!("{}\r\n", crate::write::csv::COLUMNS.join(","));
        assert_eq!(detect(&csv), (InputFormat::Csv, Confidence::Certain));
        assert_eq!(
            detect("Smith, J. (2020). A title. Journal, 1(2), 3–4.\n"),
            (InputFormat::Apa, Confidence::Likely)
        );
        assert_eq!(
            detect("just some words\n"),
            (InputFormat::Apa, Confidence::Guess)
        );
    }

    #[test]
    fn names_parse_from_strings() {
        for (s, want) in [
            ("InputFormat::Ris", None),
            ("ris", Some(InputFormat::Ris)),
            ("BibLaTeX", Some(InputFormat::Biblatex)),
            ("json", Some(InputFormat::CslJson)),
            ("apa", Some(InputFormat::Apa)),
        ] {
            assert_eq!(s.parse::<InputFormat>().ok(), want, "{s}");
        }
        for f in InputFormat::ALL {
            assert_eq!(f.name().parse::<InputFormat>(), Ok(f));
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(edition_number("2nd"), "2");
        assert_eq!(edition_number("2nd ed."), "2");
        assert_eq!(edition_number("Second"), "2");
        assert_eq!(edition_number("Rev."), "Rev.");
        assert_eq!(model_pages("1302--1305"), "1302-1305");
        assert_eq!(model_pages("1302–1305"), "1302-1305");
        assert_eq!(bare_doi("https://doi.org/10.1/x"), "10.1/x");
        assert_eq!(
            comma_name("van der Berg, Anna, Jr."),
            Some(Name::Person(Person {
                family: "Berg".into(),
                particle: Some("van der".into()),
                given: Some("Anna".into()),
                suffix: Some("Jr.".into()),
                ..Person::default()
            }))
        );
        assert_eq!(
            comma_name("World Health Organization"),
            Some(Name::literal("World Health Organization"))
        );
        let d = date_text("2020-03-15/2020-03-20").unwrap();
        assert_eq!(d.end.unwrap().day, Some(20));
        assert_eq!(
            date_text("2015-21").unwrap().season,
            Some(crate::model::Season::Spring)
        );
        assert!(date_text("1900~").unwrap().circa);
        assert_eq!(date_text("n.d.").unwrap().status, DateStatus::NoDate);
        assert_eq!(
            date_text("Spring 2015").unwrap().season,
            Some(crate::model::Season::Spring)
        );
        assert_eq!(
            date_text("sometime").unwrap().literal.as_deref(),
            Some("sometime")
        );
    }

    #[test]
    fn extra_lines_fill_fields() {
        let mut r = Reference {
            note: Some("original-date: 1900\nPMID: 123\nA real note: kept\nnumber: 13".into()),
            ..Reference::default()
        };
        apply_extra_lines(&mut r);
        assert_eq!(r.original_date.unwrap().year_value(), Some(1900));
        assert_eq!(r.pmid.as_deref(), Some("123"));
        assert_eq!(r.number.as_deref(), Some("13"));
        assert_eq!(r.note.as_deref(), Some("A real note: kept"));
    }
}
