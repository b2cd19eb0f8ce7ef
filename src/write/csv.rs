//! CSV: one row per record, for spreadsheets and data tools (Zotero does
//! not import CSV).
//!
//! RFC 4180: a header row, fields quoted when they contain a comma, a
//! quote or a line break (quotes doubled), **CRLF** line ends, UTF-8, an
//! optional byte-order mark for Excel ([`WriteOptions::csv_bom`]).
//!
//! **Formula injection**: a cell whose text starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return gets a leading apostrophe (`'=cmd`), as
//! OWASP recommends, so spreadsheet programs show it as text instead of
//! running it. Strip one leading `'` from a cell whose next character is one
//! of those to get the original value back.
//!
//! # Columns
//!
//! Always these, in this order ([`COLUMNS`]; also in `docs/csv.md`):
//!
//! | column | content |
//! |---|---|
//! | `key` | citation key, unique in the file (the BibTeX key) |
//! | `type` | CSL item type (`article-journal`, `book`, `chapter` …) |
//! | `authors` | `Family, Given; Family, Given` (particle in the family part, suffix after a second comma, group names as written) |
//! | `authors_elided` | `true` when APA elided authors (`…`), else `false` |
//! | `editors`, `translators` | as `authors` |
//! | `other_contributors` | `role: Family, Given; …` for directors, hosts … |
//! | `year` | year of publication (a number; empty for n.d./in press) |
//! | `year_suffix` | the `a` of `2019a` |
//! | `date` | ISO 8601: `2020`, `2020-03`, `2020-03-15`, ranges `2020-03-15/2020-03-20` |
//! | `season` | `spring`, `summer`, `autumn`, `winter` when APA gives one |
//! | `status` | `n.d.`, `in press`, `forthcoming`, `circa`, other states ("advance online publication"), joined by `; ` |
//! | `title`, `container_title`, `collection_title`, `collection_number` | as in the model |
//! | `volume`, `issue`, `pages`, `number`, `edition`, `version` | as written |
//! | `genre`, `medium` | bracketed descriptions (`Doctoral dissertation`, `Video`) |
//! | `publisher`, `place`, `event`, `event_place` | |
//! | `doi` | bare `10.x/y` |
//! | `url`, `isbn`, `issn`, `pmid` | |
//! | `accessed`, `original_date` | ISO 8601 |
//! | `language`, `keywords` (`; `-joined), `abstract`, `note` | |
//! | `line` | first line of the reference in its input |

use super::keys::KeyGen;
use super::{RecordWriter, WriteOptions};
use crate::diag::Diagnostic;
use crate::model::{Date, DateParts, DateStatus, Name, Reference, Role, Season};
use std::borrow::Cow;
use std::io;

/// The columns, in order.
pub const COLUMNS: [&str; 44] = [
    "key",
    "type",
    "authors",
    "authors_elided",
    "editors",
    "translators",
    "other_contributors",
    "year",
    "year_suffix",
    "date",
    "season",
    "status",
    "title",
    "translated_title",
    "container_title",
    "collection_title",
    "collection_number",
    "volume",
    "issue",
    "pages",
    "number",
    "edition",
    "version",
    "genre",
    "medium",
    "publisher",
    "place",
    "event",
    "event_place",
    "authority",
    "section",
    "archive",
    "doi",
    "url",
    "isbn",
    "issn",
    "pmid",
    "accessed",
    "original_date",
    "language",
    "keywords",
    "abstract",
    "note",
    "line",
];

/// Writes CSV rows.
pub struct CsvWriter {
    bom: bool,
    keys: KeyGen,
    /// The csv crate's own quoting engine (RFC 4180 quoting, CRLF); rows
    /// are built in `buf` and passed on whole.
    csv: csv_core::Writer,
    buf: Vec<u8>,
    /// The current record's key (reused).
    key: String,
}

impl CsvWriter {
    /// A new writer.
    pub fn new(opts: &WriteOptions) -> CsvWriter {
        CsvWriter {
            bom: opts.csv_bom,
            keys: KeyGen::new(),
            csv: csv_core::WriterBuilder::new()
                .terminator(csv_core::Terminator::CRLF)
                .quote_style(csv_core::QuoteStyle::Necessary)
                .build(),
            buf: Vec::with_capacity(4096),
            key: String::new(),
        }
    }

    /// Writes one row and passes its bytes on.
    fn write_row<I, S>(&mut self, out: &mut dyn io::Write, row: I) -> io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.build_row(row);
        out.write_all(&self.buf)
    }

    /// Builds one row in `buf`; returns where its first cell ends.
    fn build_row<I, S>(&mut self, row: I) -> usize
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.buf.clear();
        let mut first = true;
        let mut first_end = 0;
        for cell in row {
            if !first {
                if first_end == 0 {
                    first_end = self.buf.len();
                }
                self.emit(|w, o| w.delimiter(o));
            }
            first = false;
            let mut input = cell.as_ref().as_bytes();
            loop {
                let start = self.buf.len();
                self.buf.resize(start + input.len() * 2 + 8, 0);
                // In bounds: `start` is the length before the `resize`.
                let (res, nin, nout) = self.csv.field(input, &mut self.buf[start..]);
                self.buf.truncate(start + nout);
                input = input.get(nin..).unwrap_or_default();
                if res == csv_core::WriteResult::InputEmpty {
                    break;
                }
            }
            self.emit(|w, o| w.finish(o));
        }
        self.emit(|w, o| w.terminator(o));
        first_end
    }

    /// Appends the row of `r` with key `key` to `out`; returns where in
    /// the bytes appended the key's cell ends.
    pub(crate) fn render(&mut self, r: &Reference, key: &str, out: &mut Vec<u8>) -> usize {
        let row = cells(r, key);
        let hole = self.build_row(row.iter().map(|c| guarded(c)));
        out.extend_from_slice(&self.buf);
        hole
    }
}

impl CsvWriter {
    /// Runs one csv-core step that writes a few bytes (delimiter, closing
    /// quote, terminator), growing the buffer as needed.
    fn emit(
        &mut self,
        f: impl Fn(&mut csv_core::Writer, &mut [u8]) -> (csv_core::WriteResult, usize),
    ) {
        loop {
            let start = self.buf.len();
            self.buf.resize(start + 8, 0);
            // In bounds: `start` is the length before the `resize`.
            let (res, n) = f(&mut self.csv, &mut self.buf[start..]);
            self.buf.truncate(start + n);
            if res == csv_core::WriteResult::InputEmpty {
                break;
            }
        }
    }
}

impl RecordWriter for CsvWriter {
    fn begin(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        if self.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        self.write_row(out, COLUMNS)
    }

    fn write_record(
        &mut self,
        out: &mut dyn io::Write,
        r: &Reference,
        _diags: &mut Vec<Diagnostic>,
    ) -> io::Result<()> {
        let key = self.keys.key_for(r);
        let row = cells(r, &key);
        self.write_row(out, row.iter().map(|c| guarded(c)))
    }

    fn finish(&mut self, _out: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }

    fn write_rendered(
        &mut self,
        out: &mut dyn io::Write,
        text: &[u8],
        hole: usize,
        stem: &str,
    ) -> io::Result<()> {
        self.keys.key_from_stem(stem, &mut self.key);
        // The letters that make the key unique go at the end of its cell
        // (key characters are never quoted).
        super::write_with_suffix(out, text, hole, &self.key, stem, &mut self.buf)
    }
}

/// Prefixes an apostrophe to a cell a spreadsheet would run as a formula.
pub fn guard(cell: &str) -> String {
    guarded(cell).into_owned()
}

/// [`guard`], borrowing the cell when it needs no apostrophe.
fn guarded(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// `Family, Given` (particle inside the family part, a dropping particle
/// after the given names, suffix after a second comma); group names as
/// written, in braces when they hold a comma (`{University of California,
/// Berkeley}`). A `;` inside a name would read as a separator and becomes
/// `,`.
pub fn name_cell(n: &Name) -> String {
    let s = match n {
        // A group name with a comma is braced, so that it does not read
        // as `Family, Given`.
        Name::Literal(l) if l.contains(',') => format!("{{{}}}", l.trim()),
        Name::Literal(l) => l.trim().to_string(),
        Name::Person(p) => {
            // A dropping particle goes with the given names.
            let (family, given) = p.inverted_parts();
            let mut s = family;
            if !given.is_empty() {
                s.push_str(", ");
                s.push_str(&given);
            }
            if let Some(x) = p.suffix.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
                s.push_str(", ");
                s.push_str(x);
            }
            s
        }
    };
    if s.contains(';') {
        s.replace(';', ",")
    } else {
        s
    }
}

fn names(r: &Reference, role: Role) -> String {
    let mut s = String::new();
    for (i, n) in r.names(role).enumerate() {
        if i > 0 {
            s.push_str("; ");
        }
        s.push_str(&name_cell(n));
    }
    s
}

/// Appends the ISO 8601 form of one end of a date.
fn push_iso(s: &mut String, p: &DateParts) {
    use std::fmt::Write as _;
    // Writing to a String cannot fail.
    if p.year < 0 {
        let _ = write!(s, "-{:04}", p.year.unsigned_abs());
    } else {
        let _ = write!(s, "{:04}", p.year);
    }
    if let Some(m) = p.month.filter(|m| (1..=12).contains(m)) {
        let _ = write!(s, "-{m:02}");
        if let Some(d) = p.day.filter(|d| (1..=31).contains(d)) {
            let _ = write!(s, "-{d:02}");
        }
    }
}

fn date_cell(d: &Date) -> String {
    let mut out = String::new();
    if let Some(s) = &d.start {
        push_iso(&mut out, s);
        if let Some(e) = &d.end
            && e != s
        {
            out.push('/');
            push_iso(&mut out, e);
        } else if d.to_present() {
            // EDTF's open end.
            out.push_str("/..");
        }
    } else if let Some(l) = &d.literal {
        // A date kept as printed: "ca. 350 B.C.E.".
        out.push_str(l);
    }
    out
}

fn opt(v: &Option<String>) -> Cow<'_, str> {
    Cow::Borrowed(v.as_deref().map(str::trim).unwrap_or(""))
}

/// The cells of one record, in [`COLUMNS`] order (before the formula
/// guard).
pub fn row(r: &Reference, key: &str) -> Vec<String> {
    cells(r, key).into_iter().map(Cow::into_owned).collect()
}

/// [`row`]'s cells, borrowed from the record where they are its text.
fn cells<'a>(r: &'a Reference, key: &'a str) -> Vec<Cow<'a, str>> {
    let issued = r.issued.as_ref();
    let mut status: Vec<String> = Vec::new();
    if let Some(d) = issued {
        match d.status {
            DateStatus::NoDate => status.push("n.d.".into()),
            DateStatus::InPress => status.push("in press".into()),
            DateStatus::Forthcoming => status.push("forthcoming".into()),
            DateStatus::Dated => {}
        }
        if d.circa {
            status.push("circa".into());
        }
        if d.start.is_none()
            && let Some(l) = d.literal.as_deref().filter(|l| !l.trim().is_empty())
        {
            status.push(l.trim().to_string());
        }
    }
    // (The parser sets both the date's "in press" and the record's
    // status: one cell says it once.)
    if let Some(s) = r.status.as_deref().map(str::trim).filter(|s| !s.is_empty())
        && !status.iter().any(|t| t.eq_ignore_ascii_case(s))
    {
        status.push(s.to_string());
    }
    let others: Vec<String> = r
        .contributors
        .iter()
        .filter(|c| !matches!(c.role, Role::Author | Role::Editor | Role::Translator))
        .map(|c| format!("{}: {}", c.role.csl_name(), name_cell(&c.name)))
        .collect();
    let season = issued.and_then(|d| d.season).map(|s| match s {
        Season::Spring => "spring",
        Season::Summer => "summer",
        Season::Autumn => "autumn",
        Season::Winter => "winter",
    });
    vec![
        Cow::Borrowed(key),
        Cow::Borrowed(r.item_type.csl_name()),
        Cow::Owned(names(r, Role::Author)),
        Cow::Borrowed(if r.authors_elided { "true" } else { "false" }),
        Cow::Owned(names(r, Role::Editor)),
        Cow::Owned(names(r, Role::Translator)),
        Cow::Owned(others.join("; ")),
        Cow::Owned(
            issued
                .and_then(|d| d.start.map(|s| s.year.to_string()))
                .unwrap_or_default(),
        ),
        Cow::Borrowed(issued.and_then(|d| d.suffix.as_deref()).unwrap_or_default()),
        Cow::Owned(issued.map(date_cell).unwrap_or_default()),
        Cow::Borrowed(season.unwrap_or("")),
        Cow::Owned(status.join("; ")),
        opt(&r.title),
        opt(&r.title_translated),
        opt(&r.container_title),
        opt(&r.collection_title),
        opt(&r.collection_number),
        opt(&r.volume),
        opt(&r.issue),
        opt(&r.page),
        opt(&r.number),
        opt(&r.edition),
        opt(&r.version),
        opt(&r.genre),
        opt(&r.medium),
        opt(&r.publisher),
        opt(&r.publisher_place),
        opt(&r.event_title),
        opt(&r.event_place),
        opt(&r.authority),
        opt(&r.section),
        opt(&r.archive),
        opt(&r.doi),
        opt(&r.url),
        opt(&r.isbn),
        opt(&r.issn),
        opt(&r.pmid),
        Cow::Owned(r.accessed.as_ref().map(date_cell).unwrap_or_default()),
        Cow::Owned(r.original_date.as_ref().map(date_cell).unwrap_or_default()),
        opt(&r.language),
        Cow::Owned(r.keywords.join("; ")),
        opt(&r.abstract_text),
        opt(&r.note),
        Cow::Owned(
            r.span
                .as_ref()
                .map(|s| s.line.to_string())
                .unwrap_or_default(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemType, Person};
    use crate::write::RecordWriter;

    #[test]
    fn row_has_every_column() {
        let r = Reference::default();
        assert_eq!(row(&r, "k").len(), COLUMNS.len());
    }

    #[test]
    fn formula_cells_are_guarded() {
        assert_eq!(guard("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(guard("+1"), "'+1");
        assert_eq!(guard("-x"), "'-x");
        assert_eq!(guard("@cmd"), "'@cmd");
        assert_eq!(guard("plain"), "plain");
        assert_eq!(guard(""), "");
    }

    fn cell<'a>(row: &'a [String], col: &str) -> &'a str {
        let i = COLUMNS.iter().position(|c| *c == col).expect("column");
        &row[i]
    }

    #[test]
    fn dates_and_states() {
        let mut r = Reference {
            issued: Some(Date {
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
                suffix: Some("a".into()),
                ..Date::default()
            }),
            status: Some("advance online publication".into()),
            authors_elided: true,
            ..Reference::default()
        };
        let row = row(&r, "k");
        assert_eq!(cell(&row, "date"), "2020-03-15/2020-03-20");
        assert_eq!(cell(&row, "year"), "2020");
        assert_eq!(cell(&row, "year_suffix"), "a");
        assert_eq!(cell(&row, "status"), "advance online publication");
        assert_eq!(cell(&row, "authors_elided"), "true");
        r.issued = Some(Date {
            status: DateStatus::NoDate,
            ..Date::default()
        });
        r.status = None;
        let row2 = super::row(&r, "k");
        assert_eq!(cell(&row2, "status"), "n.d.");
        assert_eq!(cell(&row2, "year"), "");
        // "(in press)" as the parser reads it: the date's state and the
        // record's status, written once.
        let parsed = crate::apa::parse_reference(
            "Harris, P. L. (in press). Children's understanding of death. Developmental Psychology.",
            1,
            1,
        );
        assert_eq!(
            cell(&super::row(&parsed.reference, "k"), "status"),
            "in press"
        );
    }

    #[test]
    fn rows_are_rfc4180_with_crlf() {
        let r = Reference {
            title: Some("A, \"quoted\"\nline".into()),
            ..Reference::default()
        };
        let mut w = CsvWriter::new(&WriteOptions {
            csv_bom: true,
            ..WriteOptions::default()
        });
        let mut out = Vec::new();
        w.begin(&mut out).expect("vec");
        w.write_record(&mut out, &r, &mut Vec::new()).expect("vec");
        let text = String::from_utf8(out).expect("utf8");
        assert!(text.starts_with("\u{feff}key,type,"));
        assert!(text.contains("\"A, \"\"quoted\"\"\nline\""), "{text}");
        assert_eq!(text.matches("\r\n").count(), 2);
    }

    #[test]
    fn names_are_family_comma_given() {
        let mut r = Reference {
            item_type: ItemType::Book,
            ..Reference::default()
        };
        r.add_names(
            Role::Author,
            [
                Name::Person(Person {
                    family: "Berg".into(),
                    particle: Some("van der".into()),
                    given: Some("Anna".into()),
                    suffix: Some("Jr.".into()),
                    ..Person::default()
                }),
                Name::literal("World Health Organization"),
            ],
        );
        assert_eq!(
            names(&r, Role::Author),
            "van der Berg, Anna, Jr.; World Health Organization"
        );
    }
}
