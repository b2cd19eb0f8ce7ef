//! RIS reader: the tags Zotero and the major databases write, mirroring
//! [`crate::write::ris`] so that model → RIS → model keeps what RIS carries.
//!
//! Lines are `XX  - value` (one or two spaces before the hyphen, as Zotero
//! accepts). A line that is not a tag line continues the previous tag's
//! value (joined with a space; with a line break for `AB`, `N1`, `N2`).
//! CRLF line ends, a byte-order mark and blank lines anywhere are
//! accepted. A record starts at `TY` and ends at `ER`; a missing `ER` is
//! forgiven (the next `TY` or the end of the input closes the record, with
//! a warning); tags before any `TY` start a record of type `JOUR`, as
//! Zotero does, with a warning. Tags refmill does not map are kept in the
//! note as `XX: value` lines, so nothing read is lost.
//!
//! | tag | model |
//! |---|---|
//! | `TY` | item type (see [`item_type`]) |
//! | `TI`, `T1`, `CT` | title (a second title goes to the note) |
//! | `AU`, `A1` | authors (`EDBOOK`: editors; `MPCT`: directors) |
//! | `A2` | editors (series editors for `BOOK` and `RPRT`) |
//! | `A3` | editors for `BOOK`, series editors otherwise |
//! | `ED` / `A4` | editors / translators |
//! | `T2` | journal, book, site (`CONF`, `SLIDE`: the event; `BOOK`: the series) |
//! | `JF`, `JO`, `JA`, `J2` | journal (when no `T2`/`JF`) |
//! | `T3` / `C3` | series / proceedings title |
//! | `PY`, `Y1`, `DA` | date (`DA` wins; `YYYY/MM/DD/other`, `in press`, `Spring 2015`, free text) |
//! | `Y2` | access date |
//! | `VL`, `IS`, `SP`+`EP` | volume, issue, pages (`SP-EP`) |
//! | `ET` | edition (version for `COMP` and `DATA`) |
//! | `SN` | ISSN for periodical articles, report number for `RPRT`, patent number for `PAT`, else ISBN (an ISSN-shaped value is an ISSN) |
//! | `PB`, `CY` | publisher, place (`SLIDE`: the event's place) |
//! | `M1` / `SV` / `NV` | series number for `BOOK` (else number) / series number / number (`DATA`) |
//! | `M2` | Zotero *Extra* lines `key: value` (CSL variables: `original-date`, `PMID`, `number`, …) |
//! | `M3` | genre (`genre; medium`), or a DOI when it looks like one |
//! | `DO`, `UR` | DOI (bare), URL |
//! | `DB` (`DP`) | archive / database |
//! | `AB`, `N2` | abstract |
//! | `KW` | keywords, one per line |
//! | `N1` | note; `Translated title: …` and `role: Name` parts as the writer puts them |
//! | `LA`, `ID` | language, id |

use super::{
    ReadItem, ReadRecord, Skipped, apply_extra, bare_doi, comma_name, date_text, edition_number,
    error, model_pages, nonempty, push_note,
};
use crate::diag::Diagnostic;
use crate::model::{
    Contributor, Date, DateParts, DateStatus, Field, ItemType, Reference, Role, SourceSpan,
};
use std::io::{self, BufRead};

/// Splits a tag line into tag and value: `XX  - value`, `XX - value`,
/// `ER  -` (no value). `None` for other lines.
pub fn tag_line(line: &str) -> Option<(&str, &str)> {
    let l = line
        .trim_start_matches('\u{feff}')
        .trim_end_matches(['\r', '\n']);
    let [t0, t1, _, _, ..] = l.as_bytes() else {
        return None;
    };
    if !t0.is_ascii_uppercase() || !(t1.is_ascii_uppercase() || t1.is_ascii_digit()) {
        return None;
    }
    let (tag, rest) = l.split_at_checked(2)?;
    let after = rest.trim_start_matches(' ');
    let spaces = rest.len() - after.len();
    if !(1..=2).contains(&spaces) {
        return None;
    }
    let value = after.strip_prefix('-')?;
    if !(value.is_empty() || value.starts_with(' ')) {
        return None;
    }
    Some((tag, value.trim()))
}

/// The model type of a `TY` value.
pub fn item_type(ty: &str) -> Option<ItemType> {
    Some(match ty.trim().to_ascii_uppercase().as_str() {
        "JOUR" | "JFULL" | "EJOUR" | "ABST" | "INPR" => ItemType::ArticleJournal,
        "MGZN" | "CTLG" => ItemType::ArticleMagazine,
        "NEWS" => ItemType::ArticleNewspaper,
        "BOOK" | "EBOOK" | "EDBOOK" | "CLSWK" | "SER" => ItemType::Book,
        "CHAP" | "ECHAP" => ItemType::Chapter,
        "ENCYC" => ItemType::EntryEncyclopedia,
        "DICT" => ItemType::EntryDictionary,
        "CONF" | "CPAPER" => ItemType::PaperConference,
        "SLIDE" => ItemType::Speech,
        "RPRT" | "GOVDOC" => ItemType::Report,
        "STAND" => ItemType::Standard,
        "THES" => ItemType::Thesis,
        "ELEC" | "WEB" => ItemType::Webpage,
        "BLOG" => ItemType::PostWeblog,
        "DATA" | "DBASE" | "AGGR" => ItemType::Dataset,
        "COMP" => ItemType::Software,
        "MANSCPT" | "UNPB" | "UNPD" | "PAMP" => ItemType::Manuscript,
        "MPCT" | "ADVS" | "VIDEO" => ItemType::MotionPicture,
        "SOUND" | "MUSIC" => ItemType::Song,
        "PCOMM" | "ICOMM" => ItemType::Interview,
        "CASE" => ItemType::LegalCase,
        "STAT" | "BILL" | "LEGAL" | "HEAR" | "UNBILL" => ItemType::Legislation,
        "PAT" => ItemType::Patent,
        "MAP" => ItemType::Map,
        "ART" | "FIGURE" | "CHART" | "SLIDE2" => ItemType::Graphic,
        "GEN" | "GRANT" | "GRNT" | "ANCIENT" | "EQUA" | "MULTI" | "STD" => ItemType::Document,
        _ => return None,
    })
}

/// One tag and its value, with its line.
#[derive(Clone, Debug)]
struct Tag {
    tag: String,
    value: String,
}

/// A record being collected.
#[derive(Debug, Default)]
struct Pending {
    tags: Vec<Tag>,
    line: usize,
    end_line: usize,
    raw: String,
    diags: Vec<Diagnostic>,
    implicit: bool,
}

/// Reads RIS records one at a time from lines.
pub struct RisReader<I> {
    lines: I,
    line_no: usize,
    cur: Option<Pending>,
    /// A record finished by a `TY` line of the next one.
    ready: Vec<ReadItem>,
    /// Non-blank text outside any record, reported once per run.
    stray: Option<(usize, String)>,
    /// A record has started (text outside records before it is a header).
    seen_record: bool,
    done: bool,
    io_error: Option<io::Error>,
}

impl<'a, I: Iterator<Item = &'a str>> RisReader<I> {
    /// A reader over `lines` (without their line ends; a trailing `\r` is
    /// removed).
    pub fn new(lines: I) -> RisReader<I> {
        RisReader {
            lines,
            line_no: 0,
            cur: None,
            ready: Vec::new(),
            stray: None,
            seen_record: false,
            done: false,
            io_error: None,
        }
    }
}

impl<'a, I: Iterator<Item = &'a str>> Iterator for RisReader<I> {
    type Item = ReadItem;
    fn next(&mut self) -> Option<ReadItem> {
        loop {
            if !self.ready.is_empty() {
                return Some(self.ready.remove(0));
            }
            if self.done {
                return None;
            }
            match self.lines.next() {
                Some(l) => self.feed(l),
                None => self.end(),
            }
        }
    }
}

/// Reads RIS from an [`io::BufRead`], one record at a time.
pub struct IoRisReader<R> {
    input: R,
    buf: String,
    inner: RisReader<std::iter::Empty<&'static str>>,
}

impl RisReader<std::iter::Empty<&'static str>> {
    /// A streaming reader over an I/O source.
    pub fn from_io<R: BufRead>(input: R) -> IoRisReader<R> {
        IoRisReader {
            input,
            buf: String::new(),
            inner: RisReader::new(std::iter::empty()),
        }
    }
}

impl<R: BufRead> Iterator for IoRisReader<R> {
    type Item = io::Result<ReadItem>;
    fn next(&mut self) -> Option<io::Result<ReadItem>> {
        loop {
            if !self.inner.ready.is_empty() {
                return Some(Ok(self.inner.ready.remove(0)));
            }
            if let Some(e) = self.inner.io_error.take() {
                self.inner.done = true;
                return Some(Err(e));
            }
            if self.inner.done {
                return None;
            }
            self.buf.clear();
            match self.input.read_line(&mut self.buf) {
                Ok(0) => self.inner.end(),
                Ok(_) => {
                    let l = std::mem::take(&mut self.buf);
                    self.inner.feed(l.trim_end_matches(['\n', '\r']));
                    self.buf = l;
                }
                Err(e) => self.inner.io_error = Some(e),
            }
        }
    }
}

impl<I> RisReader<I> {
    fn feed(&mut self, raw_line: &str) {
        self.line_no += 1;
        let line = raw_line
            .trim_start_matches('\u{feff}')
            .trim_end_matches('\r');
        match tag_line(line) {
            Some((tag, value)) => {
                self.flush_stray();
                self.seen_record = true;
                if tag == "TY" {
                    if let Some(p) = self.cur.take() {
                        let mut p = p;
                        p.diags.push(Diagnostic::warning(
                            self.line_no,
                            Some(Field::Reference),
                            format!(
                                "ris: record from line {} has no `ER` line before the next `TY`",
                                p.line
                            ),
                        ));
                        let item = finish(p);
                        self.ready.push(item);
                    }
                    self.cur = Some(Pending {
                        line: self.line_no,
                        end_line: self.line_no,
                        ..Pending::default()
                    });
                } else if self.cur.is_none() {
                    if tag == "ER" {
                        self.ready.push(ReadItem::Skipped(Skipped {
                            line: self.line_no,
                            end_line: self.line_no,
                            raw: line.to_string(),
                            diagnostic: error(self.line_no, "ris: `ER` without a record"),
                        }));
                        return;
                    }
                    let mut p = Pending {
                        line: self.line_no,
                        end_line: self.line_no,
                        implicit: true,
                        ..Pending::default()
                    };
                    p.diags.push(Diagnostic::warning(
                        self.line_no,
                        Some(Field::Type),
                        "ris: record without `TY`; read as a journal article (as Zotero does)",
                    ));
                    self.cur = Some(p);
                }
                let Some(p) = self.cur.as_mut() else {
                    return;
                };
                p.end_line = self.line_no;
                p.raw.push_str(line);
                p.raw.push('\n');
                if tag == "ER" {
                    if let Some(p) = self.cur.take() {
                        let item = finish(p);
                        self.ready.push(item);
                    }
                    return;
                }
                p.tags.push(Tag {
                    tag: tag.to_string(),
                    value: value.to_string(),
                });
            }
            None => {
                let text = line.trim();
                if text.is_empty() {
                    return;
                }
                match self.cur.as_mut() {
                    Some(p) => {
                        p.end_line = self.line_no;
                        p.raw.push_str(line);
                        p.raw.push('\n');
                        match p.tags.last_mut() {
                            Some(t) => {
                                let sep = if matches!(t.tag.as_str(), "AB" | "N1" | "N2") {
                                    "\n"
                                } else {
                                    " "
                                };
                                if t.value.is_empty() {
                                    t.value = text.to_string();
                                } else {
                                    t.value.push_str(sep);
                                    t.value.push_str(text);
                                }
                            }
                            None => p.diags.push(Diagnostic::warning(
                                self.line_no,
                                Some(Field::Note),
                                format!("ris: text after `TY` that is not a tag, kept in the note: {text}"),
                            )),
                        }
                        if p.tags.is_empty() {
                            p.tags.push(Tag {
                                tag: "N1".into(),
                                value: text.to_string(),
                            });
                        }
                    }
                    None => match &mut self.stray {
                        Some((_, s)) => {
                            s.push('\n');
                            s.push_str(line);
                        }
                        None => self.stray = Some((self.line_no, line.to_string())),
                    },
                }
            }
        }
    }

    fn flush_stray(&mut self) {
        if let Some((line, raw)) = self.stray.take() {
            let end_line = line + raw.lines().count().saturating_sub(1);
            // Before the first record it is a header (databases write
            // `Provider: …`); between records it may be a broken record.
            let diagnostic = if self.seen_record {
                error(
                    line,
                    "ris: text outside a record (no `TY  - ` line before it); not read",
                )
            } else {
                Diagnostic {
                    severity: crate::diag::Severity::Warning,
                    ..error(
                        line,
                        "ris: text before the first record (a header?); not read",
                    )
                }
            };
            self.ready.push(ReadItem::Skipped(Skipped {
                line,
                end_line,
                diagnostic,
                raw,
            }));
        }
    }

    fn end(&mut self) {
        self.flush_stray();
        if let Some(mut p) = self.cur.take() {
            p.diags.push(Diagnostic::warning(
                p.end_line,
                Some(Field::Reference),
                format!("ris: record from line {} ends without an `ER` line", p.line),
            ));
            let item = finish(p);
            self.ready.push(item);
        }
        self.done = true;
    }
}

fn looks_like_issn(s: &str) -> bool {
    let t: Vec<char> = s.trim().chars().collect();
    let [a, b, c, d, '-', e, f, g, check] = t.as_slice() else {
        return false;
    };
    [a, b, c, d, e, f, g].iter().all(|c| c.is_ascii_digit())
        && (check.is_ascii_digit() || matches!(check, 'X' | 'x'))
}

/// `YYYY/MM/DD/other` (every part optional), else free text.
fn ris_date(v: &str) -> Option<Date> {
    let t = v.trim();
    if t.contains('/') {
        let parts: Vec<&str> = t.split('/').collect();
        let num = |s: &str| -> Option<u32> {
            let s = s.trim();
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        if let Some(y) = parts.first().and_then(|y| num(y)).filter(|y| *y > 0)
            && parts.len() <= 4
            && parts
                .iter()
                .skip(1)
                .take(2)
                .all(|p| p.trim().is_empty() || num(p).is_some())
        {
            let month = parts
                .get(1)
                .and_then(|m| num(m))
                .and_then(|m| u8::try_from(m).ok())
                .filter(|m| (1..=12).contains(m));
            let day = month
                .and(parts.get(2).and_then(|d| num(d)))
                .and_then(|d| u8::try_from(d).ok())
                .filter(|d| (1..=31).contains(d));
            let mut d = Date::ymd(i32::try_from(y).ok()?, month, day);
            if let Some(other) = parts.get(3).map(|o| o.trim()).filter(|o| !o.is_empty())
                && let Some(s) = super::season_of(other)
            {
                d.season = Some(s);
            }
            return Some(d);
        }
    }
    date_text(t)
}

/// A Zotero note's HTML as text: tags removed, `<br>` and paragraph ends
/// as line breaks, the common entities decoded.
fn strip_html(v: &str) -> String {
    if !v.contains('<') && !v.contains('&') {
        return v.to_string();
    }
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some((head, after)) = rest.split_once('<') {
        out.push_str(head);
        match after.split_once('>') {
            Some((tag, tail)) => {
                let tag = tag.trim().to_ascii_lowercase();
                if tag.starts_with("br") || tag == "/p" || tag == "/div" || tag == "/li" {
                    out.push('\n');
                }
                rest = tail;
            }
            None => {
                out.push('<');
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn names_into(r: &mut Reference, role: Role, value: &str) {
    if let Some(name) = comma_name(value) {
        r.contributors.push(Contributor { role, name });
    }
}

/// Builds the record from its tags.
fn finish(p: Pending) -> ReadItem {
    let Pending {
        tags,
        line,
        end_line,
        raw: _,
        mut diags,
        implicit,
    } = p;
    let ty_value = tags
        .iter()
        .find(|t| t.tag == "TY")
        .map(|t| t.value.trim().to_ascii_uppercase())
        .unwrap_or_else(|| {
            if implicit {
                "JOUR".into()
            } else {
                String::new()
            }
        });
    let mut r = Reference {
        span: Some(SourceSpan { line, end_line }),
        ..Reference::default()
    };
    r.item_type = match item_type(&ty_value) {
        Some(t) => t,
        None => {
            diags.push(Diagnostic::warning(
                line,
                Some(Field::Type),
                if ty_value.is_empty() {
                    "ris: empty `TY`; read as a document".to_string()
                } else {
                    format!("ris: unknown type `TY  - {ty_value}`; read as a document")
                },
            ));
            ItemType::Document
        }
    };
    let ty = ty_value.as_str();
    let first = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| {
            tags.iter()
                .find(|t| t.tag == *n && !t.value.trim().is_empty())
                .map(|t| t.value.trim().to_string())
        })
    };

    // Dates: DA (or Y1) wins over PY.
    let da = first(&["DA", "Y1"]).and_then(|v| ris_date(&v));
    let py = first(&["PY"]).and_then(|v| ris_date(&v));
    r.issued = match (da, py) {
        (Some(mut d), Some(p)) => {
            if d.start.is_none()
                && let Some(s) = p.start
                && d.literal.is_none()
            {
                d.start = Some(DateParts {
                    year: s.year,
                    ..DateParts::default()
                });
            }
            if d.start.is_none()
                && d.literal.as_deref().is_some_and(|l| {
                    let l = l.to_lowercase();
                    l.contains("bce") || l.contains("bc")
                })
            {
                // "350 BCE": written by refmill for years RIS cannot hold.
            }
            Some(d)
        }
        (Some(d), None) => Some(d),
        (None, p) => p,
    };
    if let Some(d) = r.issued.as_mut()
        && d.start.is_none()
        && let Some(l) = d.literal.clone()
        && let Some(y) = l
            .strip_suffix(" BCE")
            .and_then(|y| y.trim().parse::<i32>().ok())
    {
        d.literal = None;
        d.start = Some(DateParts {
            year: -y,
            ..DateParts::default()
        });
    }
    r.accessed = first(&["Y2"]).and_then(|v| ris_date(&v));

    let mut title_seen = false;
    let mut typed = false;
    // Roles named in Extra lines (`director: Name`): they say what an `AU`
    // of the same name stands for.
    let mut extra_roles: Vec<Contributor> = Vec::new();
    let mut pages: (Option<String>, Option<String>) = (None, None);
    let mut journal_full: Option<String> = None;
    let mut journal_abbr: Option<String> = None;
    let mut n1: Vec<String> = Vec::new();
    let mut urls: Vec<String> = Vec::new();
    for t in &tags {
        let v = t.value.trim();
        if v.is_empty() {
            continue;
        }
        match t.tag.as_str() {
            "TY" | "ER" | "PY" | "DA" | "Y1" | "Y2" => {}
            "TI" | "T1" | "CT" => {
                if title_seen {
                    push_note(&mut r, &format!("{}: {v}", t.tag));
                } else {
                    r.title = Some(v.to_string());
                    title_seen = true;
                }
            }
            "AU" | "A1" => {
                let role = match ty {
                    "EDBOOK" => Role::Editor,
                    "MPCT" | "VIDEO" => Role::Director,
                    _ => Role::Author,
                };
                names_into(&mut r, role, v);
            }
            "A2" => {
                let role = match ty {
                    "BOOK" | "RPRT" => Role::CollectionEditor,
                    _ => Role::Editor,
                };
                names_into(&mut r, role, v);
            }
            "A3" => {
                let role = if matches!(ty, "BOOK" | "EDBOOK") {
                    Role::Editor
                } else {
                    Role::CollectionEditor
                };
                names_into(&mut r, role, v);
            }
            "ED" => names_into(&mut r, Role::Editor, v),
            "A4" => names_into(&mut r, Role::Translator, v),
            "T2" => match ty {
                "CONF" | "CPAPER" | "SLIDE" => r.event_title = Some(v.to_string()),
                "BOOK" | "EDBOOK" | "EBOOK" | "RPRT" => r.collection_title = Some(v.to_string()),
                _ => {
                    if r.container_title.is_none() {
                        r.container_title = Some(v.to_string());
                    }
                }
            },
            "JF" => journal_full = Some(v.to_string()),
            "JO" | "JA" | "J2" => {
                if journal_abbr.is_none() {
                    journal_abbr = Some(v.to_string());
                }
            }
            "T3" => r.collection_title = Some(v.to_string()),
            "C3" => r.container_title = Some(v.to_string()),
            "VL" => r.volume = Some(v.to_string()),
            "IS" | "CP" => r.issue = Some(v.to_string()),
            "SP" => pages.0 = Some(v.to_string()),
            "EP" => pages.1 = Some(v.to_string()),
            "ET" => {
                if matches!(ty, "COMP" | "DATA") {
                    r.version = Some(v.to_string());
                } else {
                    r.edition = Some(edition_number(v));
                }
            }
            "SN" => match ty {
                "JOUR" | "MGZN" | "NEWS" | "EJOUR" | "JFULL" => r.issn = Some(v.to_string()),
                "RPRT" | "PAT" => r.number = Some(v.to_string()),
                _ if looks_like_issn(v) => r.issn = Some(v.to_string()),
                _ => r.isbn = Some(v.to_string()),
            },
            "PB" => r.publisher = Some(v.to_string()),
            "CY" => {
                if ty == "SLIDE" {
                    r.event_place = Some(v.to_string());
                } else {
                    r.publisher_place = Some(v.to_string());
                }
            }
            "M1" => match ty {
                "BOOK" | "EDBOOK" => r.collection_number = Some(v.to_string()),
                "JOUR" if r.issue.is_none() && !tags.iter().any(|t| t.tag == "IS") => {
                    r.issue = Some(v.to_string())
                }
                _ => r.number = Some(v.to_string()),
            },
            "SV" => r.collection_number = Some(v.to_string()),
            "NV" => {
                if ty == "DATA" {
                    r.number = Some(v.to_string());
                } else {
                    push_note(&mut r, &format!("number-of-volumes: {v}"));
                }
            }
            "M2" => {
                for l in v.lines() {
                    typed |= l.starts_with("type: ");
                    if let Some((k, val)) = l.split_once(": ")
                        && let Some(role) = Role::from_csl(k.trim())
                        && let Some(name) = comma_name(val)
                    {
                        extra_roles.push(Contributor { role, name });
                        continue;
                    }
                    let applied = l
                        .split_once(": ")
                        .is_some_and(|(k, val)| apply_extra(&mut r, k, val));
                    if !applied {
                        push_note(&mut r, l);
                    }
                }
            }
            "M3" => {
                if v.starts_with("10.") && v.contains('/') && !v.contains(' ') {
                    if r.doi.is_none() {
                        r.doi = Some(bare_doi(v));
                    }
                } else if let Some((g, m)) = v.split_once("; ") {
                    r.genre = Some(g.to_string());
                    r.medium = Some(m.to_string());
                } else {
                    r.genre = Some(v.to_string());
                }
            }
            "DO" => r.doi = Some(bare_doi(v)),
            "UR" | "L2" => urls.push(v.to_string()),
            "DB" => r.archive = Some(v.to_string()),
            // Zotero's "library catalog": not an archive APA would print.
            "DP" => push_note(&mut r, &format!("DP: {v}")),
            "AB" | "N2" => {
                r.abstract_text = Some(match r.abstract_text.take() {
                    Some(a) => format!("{a}\n{v}"),
                    None => v.to_string(),
                })
            }
            "KW" => {
                // One value may hold several (Zotero splits them too).
                for k in v.split(['\n', ';']) {
                    if let Some(k) = nonempty(k) {
                        r.keywords.push(k);
                    }
                }
            }
            "N1" => n1.push(strip_html(v)),
            "LA" => r.language = Some(v.to_string()),
            "ID" => r.id = Some(v.to_string()),
            other => push_note(&mut r, &format!("{other}: {v}")),
        }
    }
    if !extra_roles.is_empty() {
        r.contributors
            .retain(|c| !extra_roles.iter().any(|x| x.name == c.name));
        r.contributors.extend(extra_roles);
    }
    if r.container_title.is_none() {
        r.container_title = journal_full.clone().or(journal_abbr.clone());
    } else if let Some(j) = journal_full.filter(|j| Some(j) != r.container_title.as_ref()) {
        push_note(&mut r, &format!("JF: {j}"));
    }
    let mut urls = urls.into_iter();
    r.url = urls.next();
    for u in urls {
        push_note(&mut r, &format!("UR: {u}"));
    }
    r.page = match pages {
        (Some(sp), Some(ep)) if !sp.contains(['-', '–']) => {
            Some(model_pages(&format!("{sp}-{ep}")))
        }
        (Some(sp), _) => Some(model_pages(&sp)),
        (None, Some(ep)) => Some(model_pages(&ep)),
        (None, None) => None,
    };
    // N1: parts the writer joins with "; ".
    for note in n1 {
        let mut keep: Vec<&str> = Vec::new();
        for part in note.split("; ") {
            let used = match part.split_once(": ") {
                Some(("Translated title", t)) => {
                    r.title_translated = Some(t.to_string());
                    true
                }
                Some((k, v)) => Role::from_csl(k).is_some() && apply_extra(&mut r, k, v),
                None => false,
            };
            if !used {
                keep.push(part);
            }
        }
        let rest = keep.join("; ");
        push_note(&mut r, &rest);
    }
    // `PMID: 123` and other Extra lines in a note.
    super::apply_extra_lines(&mut r);
    // A preprint: refmill writes the publisher in T2 when there is no
    // container.
    // A preprint's repository or a page's site written in T2 (and PB) when
    // there is no container.
    let web = matches!(
        r.item_type,
        ItemType::Webpage | ItemType::PostWeblog | ItemType::Post
    );
    if (r.item_type == ItemType::Article || web)
        && r.publisher.is_some()
        && r.container_title == r.publisher
    {
        r.container_title = None;
    }
    // A preprint is a JOUR with the repository as journal (unless an
    // Extra `type:` line said otherwise).
    if r.item_type == ItemType::ArticleJournal
        && !typed
        && (r
            .container_title
            .as_deref()
            .is_some_and(crate::apa::lexicon::is_preprint_server)
            || (r.volume.is_none()
                && r.doi
                    .as_deref()
                    .is_some_and(crate::apa::lexicon::is_preprint_doi)))
    {
        r.item_type = ItemType::Article;
    }
    if r.item_type == ItemType::Book && r.version.is_some() && ty == "COMP" {
        r.item_type = ItemType::Software;
    }
    // "in press" with a year in PY.
    if let Some(d) = r.issued.as_mut()
        && d.status != DateStatus::Dated
        && d.literal.is_some()
    {
        d.literal = None;
    }
    // A record with no value at all (`TY` then `ER`) is still a record
    // (refmill writes one for an empty input item, and every record in
    // comes out), with a warning.
    let empty = {
        let mut probe = r.clone();
        probe.item_type = Reference::default().item_type;
        probe.id = None;
        probe.raw = None;
        probe.span = None;
        probe == Reference::default()
    };
    if empty {
        diags.push(Diagnostic::warning(
            line,
            Some(Field::Reference),
            "ris: record with no value",
        ));
    }
    ReadItem::Record(ReadRecord {
        reference: r,
        diagnostics: diags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Name;
    use crate::read::{InputFormat, read_all};

    #[test]
    fn tag_lines() {
        assert_eq!(tag_line("TY  - JOUR"), Some(("TY", "JOUR")));
        assert_eq!(tag_line("TY - JOUR"), Some(("TY", "JOUR")));
        assert_eq!(tag_line("ER  -"), Some(("ER", "")));
        assert_eq!(tag_line("ER  - "), Some(("ER", "")));
        assert_eq!(tag_line("A1  - Smith, J."), Some(("A1", "Smith, J.")));
        assert_eq!(tag_line("continuation - text"), None);
        assert_eq!(tag_line("TY   - JOUR"), None);
    }

    #[test]
    fn zotero_style_record() {
        let text = "\u{feff}TY  - JOUR\r\nTI  - Ketamine’s dose-related effects\r\nAU  - Glue, Paul\r\nAU  - van der Berg, Anna, Jr.\r\nAU  - World Health Organization\r\nT2  - Journal of Psychopharmacology\r\nJO  - J Psychopharmacol\r\nPY  - 2017\r\nDA  - 2017/03//\r\nVL  - 31\r\nIS  - 10\r\nSP  - 1302\r\nEP  - 1305\r\nSN  - 0269-8811\r\nDO  - https://doi.org/10.1177/0269881117705089\r\nUR  - https://example.org/a\r\nKW  - ketamine\r\nKW  - anxiety\r\nAB  - First line\r\nof the abstract.\r\nN1  - A note\r\nM2  - PMID: 28441895\r\nER  - \r\n\r\n";
        let out = read_all(InputFormat::Ris, text);
        assert!(out.skipped.is_empty());
        assert_eq!(out.records.len(), 1);
        let r = &out.records[0].reference;
        assert_eq!(r.item_type, ItemType::ArticleJournal);
        assert_eq!(r.title.as_deref(), Some("Ketamine’s dose-related effects"));
        let authors: Vec<&Name> = r.names(Role::Author).collect();
        assert_eq!(authors.len(), 3);
        assert_eq!(authors[1].family_or_literal(), "van der Berg");
        assert_eq!(authors[2], &Name::literal("World Health Organization"));
        assert_eq!(
            r.container_title.as_deref(),
            Some("Journal of Psychopharmacology")
        );
        assert_eq!(r.issued, Some(Date::ymd(2017, Some(3), None)));
        assert_eq!(r.page.as_deref(), Some("1302-1305"));
        assert_eq!(r.doi.as_deref(), Some("10.1177/0269881117705089"));
        assert_eq!(r.issn.as_deref(), Some("0269-8811"));
        assert_eq!(r.keywords, ["ketamine", "anxiety"]);
        assert_eq!(
            r.abstract_text.as_deref(),
            Some("First line\nof the abstract.")
        );
        assert_eq!(r.pmid.as_deref(), Some("28441895"));
        assert_eq!(r.note.as_deref(), Some("A note"));
        assert_eq!(
            r.span,
            Some(SourceSpan {
                line: 1,
                end_line: 23
            })
        );
        assert!(
            out.records[0].diagnostics.is_empty(),
            "{:?}",
            out.records[0].diagnostics
        );
    }

    #[test]
    fn missing_er_stray_text_and_empty_records() {
        let text = "stray header\n\nTY  - BOOK\nTI  - One\nTY  - BOOK\nTI  - Two\nER  - \nTY  - JOUR\nER  - \nTI  - Three\n";
        let out = read_all(InputFormat::Ris, text);
        let titles: Vec<_> = out
            .records
            .iter()
            .map(|r| r.reference.title.clone().unwrap_or_default())
            .collect();
        assert_eq!(titles, ["One", "Two", "", "Three"]);
        assert_eq!(out.skipped.len(), 1, "{:?}", out.skipped);
        assert_eq!(out.skipped[0].line, 1);
        assert_eq!(
            out.skipped[0].diagnostic.message,
            "ris: text before the first record (a header?); not read"
        );
        assert_eq!(
            out.skipped[0].diagnostic.severity,
            crate::diag::Severity::Warning
        );
        assert_eq!(out.records[2].reference.line(), 8);
        assert_eq!(
            out.records[2].diagnostics[0].message,
            "ris: record with no value"
        );
        assert_eq!(
            out.records[0].diagnostics[0].message,
            "ris: record from line 3 has no `ER` line before the next `TY`"
        );
        assert_eq!(out.records[0].diagnostics[0].line, 5);
        // The fourth record: tags without TY, no ER.
        let d: Vec<_> = out.records[3]
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            d,
            [
                "ris: record without `TY`; read as a journal article (as Zotero does)",
                "ris: record from line 10 ends without an `ER` line"
            ]
        );
    }

    #[test]
    fn types_editors_and_dates() {
        let text = "TY  - EDBOOK\nAU  - Ed, E.\nTI  - Edited\nDA  - in press\nER  - \n\nTY  - CHAP\nTI  - Ch\nAU  - Au, A.\nA2  - Ed, E.\nT2  - The book\nSP  - 10-25\nEP  - 30\nPY  - 2019\nDA  - Spring 2019\nER  - \nTY  - SLIDE\nTI  - Talk\nT2  - Annual Meeting\nCY  - Denver, CO\nM3  - Paper presentation\nY2  - 2021/05/01/\nER  - \n";
        let out = read_all(InputFormat::Ris, text);
        let r = &out.records[0].reference;
        assert_eq!(r.item_type, ItemType::Book);
        assert!(r.has_role(Role::Editor) && !r.has_role(Role::Author));
        assert_eq!(r.issued.as_ref().unwrap().status, DateStatus::InPress);
        let c = &out.records[1].reference;
        assert_eq!(c.item_type, ItemType::Chapter);
        assert_eq!(c.page.as_deref(), Some("10-25"));
        assert_eq!(c.container_title.as_deref(), Some("The book"));
        assert_eq!(
            c.issued.as_ref().unwrap().season,
            Some(crate::model::Season::Spring)
        );
        assert_eq!(c.year(), Some(2019));
        let s = &out.records[2].reference;
        assert_eq!(s.item_type, ItemType::Speech);
        assert_eq!(s.event_title.as_deref(), Some("Annual Meeting"));
        assert_eq!(s.event_place.as_deref(), Some("Denver, CO"));
        assert_eq!(s.genre.as_deref(), Some("Paper presentation"));
        assert_eq!(s.accessed, Some(Date::ymd(2021, Some(5), Some(1))));
    }

    #[test]
    fn streams_from_io() {
        let text = "TY  - JOUR\nTI  - A\nER  - \nTY  - JOUR\nTI  - B\nER  - \n";
        let items: Vec<_> = RisReader::from_io(std::io::Cursor::new(text))
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        assert_eq!(items.len(), 2);
    }
}
