//! APA 7 reference list: plain text ([`Format::Apa`](super::Format::Apa))
//! or HTML with italics as `<i>` ([`Format::ApaHtml`](super::Format::ApaHtml)).
//!
//! One reference per paragraph (a blank line between references in text;
//! one `<p>` each in HTML), in input order: APA sorts a list by author and
//! date, which this writer leaves to the caller, so that year suffixes and
//! the input order stay as given.
//!
//! The elements follow the APA 7 manual (§9–§11), per category:
//!
//! * **author**: `Family, I. I.` (given names shortened to initials,
//!   `Jean-Pierre` → `J.-P.`), particles (`van der Berg, A.`), suffixes
//!   (`King, M. L., Jr.`), group names as written; `A., & B.`; up to 20
//!   names, then the first 19, `. . .` and the last; an elided list (APA 6
//!   `… &`) as read; editors `(Ed.)`/`(Eds.)` in the author position when
//!   there is no author, directors `(Director)`, hosts `(Host)`; no author:
//!   the title moves to the author position;
//! * **date**: `(2020)`, `(2020a)`, `(2020, March 3)`, `(2020, Spring)`,
//!   `(2019–2020)`, `(2020, March 3–5)`, `(n.d.)`, `(n.d.-a)`, `(in press)`,
//!   `(ca. 1900)`;
//! * **title**: italic for works that stand alone (books, reports, theses,
//!   web pages, data, software, films, presentations, preprints), plain for
//!   parts (articles, chapters, entries, episodes, blog posts); then
//!   `(Trans.; 2nd ed., Vol. 3)`, `(Report No. 12)`, `(Version 1.2)` and
//!   the description in brackets (`[Data set]`, `[Doctoral dissertation,
//!   University]`, `[Paper presentation]`, `[Film]`, a translated title);
//! * **source**: `*Journal*, *12*(3), 45–67` / `Article e123` / `Advance
//!   online publication`; `In A. Editor (Ed.), *Book* (2nd ed., pp. 1–20).
//!   Publisher`; `In *Wikipedia*`; `Meeting, Place` for presentations;
//!   publisher (left out when it is the author), database or archive; legal
//!   references in their own form (`Name, 347 U.S. 483 (1954)`);
//! * `https://doi.org/…` (the DOI rather than the URL when both are
//!   present), or the URL, with `Retrieved Month D, YYYY, from URL` when
//!   there is an access date; `(Original work published 1900)` last.
//!
//! Data APA 7 does not print (publisher place for books and articles,
//! ISBN/ISSN, abstract, keywords, notes, series editors …) is reported per
//! record by the shared loss check ([`super::loss`]).

use super::{RecordWriter, WriteOptions};
use crate::diag::Diagnostic;
use crate::model::{Date, DateParts, DateStatus, ItemType, Name, Person, Reference, Role, Season};
use std::io;

/// Writes APA 7 references.
pub struct ApaWriter {
    html: bool,
    count: usize,
}

impl ApaWriter {
    /// A new writer: plain text, or HTML with `<i>` italics.
    pub fn new(html: bool, _opts: &WriteOptions) -> ApaWriter {
        ApaWriter { html, count: 0 }
    }
}

impl RecordWriter for ApaWriter {
    fn begin(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        if self.html {
            out.write_all(b"<div class=\"references\">\n")?;
        }
        Ok(())
    }

    fn write_record(
        &mut self,
        out: &mut dyn io::Write,
        r: &Reference,
        diags: &mut Vec<Diagnostic>,
    ) -> io::Result<()> {
        let _ = diags;
        let text = reference(r, self.html);
        if self.html {
            out.write_all(b"<p>")?;
            out.write_all(text.as_bytes())?;
            out.write_all(b"</p>\n")?;
        } else {
            if self.count > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
        }
        self.count += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        if self.html {
            out.write_all(b"</div>\n")?;
        }
        Ok(())
    }

    fn write_rendered(
        &mut self,
        out: &mut dyn io::Write,
        text: &[u8],
        _hole: usize,
        _stem: &str,
    ) -> io::Result<()> {
        // The same writes as `write_record`'s.
        if self.html {
            out.write_all(b"<p>")?;
            out.write_all(text)?;
            out.write_all(b"</p>\n")?;
        } else {
            if self.count > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(text)?;
            out.write_all(b"\n")?;
        }
        self.count += 1;
        Ok(())
    }
}

/// Text being built, with italics marked up in HTML mode.
struct Out {
    html: bool,
    s: String,
}

impl Out {
    fn push(&mut self, t: &str) {
        if self.html {
            escape_into(&mut self.s, t);
        } else {
            self.s.push_str(t);
        }
    }

    fn italic(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        if self.html {
            self.s.push_str("<i>");
            escape_into(&mut self.s, t);
            self.s.push_str("</i>");
        } else {
            self.s.push_str(t);
        }
    }

    /// Ends an element with a period unless it ends with one (or `?`,
    /// `!`), and adds a space.
    fn end(&mut self) {
        if !ends_sentence_stripped(&self.s) {
            self.s.push('.');
        }
        self.s.push(' ');
    }
}

/// Appends `t` with `&`, `<` and `>` escaped, copying the runs between
/// them whole.
fn escape_into(out: &mut String, t: &str) {
    let mut rest = t;
    while let Some(i) = memchr::memchr3(b'&', b'<', b'>', rest.as_bytes()) {
        // Char boundary: `i` is the index of an ASCII byte.
        let (clean, tail) = rest.split_at(i);
        out.push_str(clean);
        let (special, tail) = tail.split_at(1);
        out.push_str(match special {
            "&" => "&amp;",
            "<" => "&lt;",
            _ => "&gt;",
        });
        rest = tail;
    }
    out.push_str(rest);
}

/// `ends_sentence(&strip_tags(s))`, without copying all of `s` for each
/// element of the reference.
///
/// The last character `c` of `s` that is neither whitespace, a closing
/// quote nor a character of a tag (`<`, `/`, `i`, `>`) is kept by
/// `strip_tags` and stops the trimming in `ends_sentence`; and since it
/// belongs to no tag, `strip_tags` of `s` is that of the text up to and
/// including `c` followed by that of the rest. So the answer is the rest's
/// when something is left of it after trimming, else whether `c` ends a
/// sentence.
fn ends_sentence_stripped(s: &str) -> bool {
    let last = s.char_indices().rev().find(|&(_, c)| {
        !c.is_whitespace() && !matches!(c, '”' | '"' | '’' | '\'' | '<' | '/' | 'i' | '>')
    });
    let Some((i, c)) = last else {
        return ends_sentence(&strip_tags(s));
    };
    // Char boundary: `i` is the start of `c`, from `char_indices`.
    let rest = strip_tags(&s[i + c.len_utf8()..]);
    let t = rest.trim_end().trim_end_matches(['”', '"', '’', '\'']);
    if t.is_empty() {
        matches!(c, '.' | '?' | '!')
    } else {
        t.ends_with(['.', '?', '!'])
    }
}

fn strip_tags(s: &str) -> String {
    s.replace("<i>", "").replace("</i>", "")
}

/// True when text ends a sentence: `.`, `?`, `!`, also inside closing
/// quotes (`“Dr. House.”`).
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end();
    let t = t.trim_end_matches(['”', '"', '’', '\'']);
    t.ends_with(['.', '?', '!'])
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// `Paul` → `P.`, `Jean-Pierre` → `J.-P.`, `J. S.` stays; lower-case words
/// (`de`) stay as they are.
pub fn initials(given: &str) -> String {
    let mut out = String::with_capacity(given.len());
    for (k, word) in given.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if word.chars().next().is_some_and(char::is_lowercase) {
            out.push_str(word);
            continue;
        }
        for (n, p) in word.split(['-', '‐']).filter(|p| !p.is_empty()).enumerate() {
            if n > 0 {
                out.push('-');
            }
            let mut cs = p.chars();
            let c = cs.next().unwrap_or(' ');
            let rest = cs.as_str();
            // Already an initial ("J.", "Th."): keep it.
            if rest.ends_with('.') {
                out.push_str(p);
            } else {
                out.push(c);
                out.push('.');
            }
        }
    }
    out
}

/// A name written in Han, Hangul or kana, family name first ("王小明",
/// "강형민"): APA prints it whole, as written, without initials.
fn east_asian_whole(p: &Person) -> Option<String> {
    let script = |s: &str| !s.is_empty() && s.chars().all(crate::apa::scan::is_cjk);
    let family = p.full_family();
    let given = p.given.as_deref()?;
    (script(&family) && script(given)).then(|| format!("{family}{given}"))
}

fn person_inverted(p: &Person) -> String {
    if let Some(whole) = east_asian_whole(p) {
        return whole;
    }
    let mut s = p.full_family();
    let given = p.given.as_deref().map(initials).filter(|g| !g.is_empty());
    if let Some(g) = given {
        s.push_str(", ");
        s.push_str(&g);
    }
    if let Some(dp) = p.dropping_particle.as_deref().filter(|d| !d.is_empty()) {
        s.push(' ');
        s.push_str(dp);
    }
    if let Some(sfx) = p.suffix.as_deref().filter(|d| !d.is_empty()) {
        s.push_str(", ");
        s.push_str(sfx);
    }
    s
}

fn person_direct(p: &Person) -> String {
    if let Some(whole) = east_asian_whole(p) {
        return whole;
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(g) = p.given.as_deref().map(initials).filter(|g| !g.is_empty()) {
        parts.push(g);
    }
    if let Some(dp) = p.dropping_particle.as_deref().filter(|d| !d.is_empty()) {
        parts.push(dp.to_string());
    }
    parts.push(p.full_family());
    let mut s = parts.join(" ");
    if let Some(sfx) = p.suffix.as_deref().filter(|d| !d.is_empty()) {
        s.push_str(", ");
        s.push_str(sfx);
    }
    s
}

fn name_inverted(n: &Name) -> String {
    match n {
        Name::Literal(l) => l.trim().to_string(),
        Name::Person(p) => person_inverted(p),
    }
}

fn name_direct(n: &Name) -> String {
    match n {
        Name::Literal(l) => l.trim().to_string(),
        Name::Person(p) => person_direct(p),
    }
}

/// An author list: `A.`, `A., & B.`, `A., B., & C.`; 21 or more: the first
/// 19, `. . .`, the last; an elided list as `A., B., … & Z.` (one name:
/// `A., et al.`). Two names of
/// which the first is a group's: no comma before `&` (`AFP & dpa`), as
/// citeproc-js writes it.
fn author_list_with(names: &[String], elided: bool, inverted: &[bool]) -> String {
    let n = names.len();
    let comma = |i: usize| {
        if n > 2 || inverted.get(i).copied().unwrap_or(true) {
            ","
        } else {
            ""
        }
    };
    match names {
        [] => String::new(),
        // One name and more left out: what "et al." says.
        [only] if elided => format!("{only}, et al."),
        [only] => only.clone(),
        [init @ .., last] if elided && n >= 20 || n > 20 => {
            // The first 19 names (all but the last when there are 20).
            let head = init.get(..19).unwrap_or(init);
            format!("{}, . . . {}", head.join(", "), last)
        }
        [init @ .., last] if elided => format!("{}, … & {}", init.join(", "), last),
        [init @ .., last] => format!("{}{} & {}", init.join(", "), comma(n - 2), last),
    }
}

/// `A`, `A & B`, `A, B, & C`.
fn and_list(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} & {b}"),
        [init @ .., last] => format!("{}, & {}", init.join(", "), last),
    }
}

/// Editors in a source (`In A. B. Editor & C. Editor (Eds.)`).
/// "Vol. 3", or "Vols. 4–5" for a range of volumes.
fn volume_text(v: &str) -> String {
    let range = v.contains(['–', '-']) && v.starts_with(|c: char| c.is_ascii_digit());
    format!("{} {v}", if range { "Vols." } else { "Vol." })
}

/// "J. Smith & L. Lee (Eds.)"; "J. Strachey (Ed. & Trans.)" when the
/// editors translated the work too.
fn editor_list(names: &[&Name], translated: bool) -> String {
    let ns: Vec<String> = names.iter().map(|n| name_direct(n)).collect();
    if ns.is_empty() {
        return String::new();
    }
    let list = and_list(&ns);
    let label = if names.len() == 1 { "Ed." } else { "Eds." };
    let trans = if translated { " & Trans." } else { "" };
    format!("{list} ({label}{trans})")
}

/// The editors, and no one else, are the translators.
fn editors_translated(r: &Reference) -> bool {
    r.names(Role::Editor).next().is_some() && r.names(Role::Editor).eq(r.names(Role::Translator))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(m: u8) -> Option<&'static str> {
    MONTHS.get(usize::from(m).checked_sub(1)?).copied()
}

fn year_text(y: i32) -> String {
    if y < 0 {
        format!("{} B.C.E.", y.unsigned_abs())
    } else {
        y.to_string()
    }
}

fn month_day(p: &DateParts) -> Option<String> {
    let m = month_name(p.month?)?;
    Some(match p.day {
        Some(d) => format!("{m} {d}"),
        None => m.to_string(),
    })
}

/// What goes inside the date parentheses.
pub fn date_text(d: Option<&Date>) -> String {
    let Some(d) = d else {
        return "n.d.".into();
    };
    let sfx = d.suffix.as_deref().unwrap_or("");
    match d.status {
        DateStatus::NoDate => {
            return if sfx.is_empty() {
                "n.d.".into()
            } else {
                format!("n.d.-{sfx}")
            };
        }
        DateStatus::InPress | DateStatus::Forthcoming if d.start.is_none() => {
            let w = if d.status == DateStatus::InPress {
                "in press"
            } else {
                "forthcoming"
            };
            return if sfx.is_empty() {
                w.into()
            } else {
                format!("{w}-{sfx}")
            };
        }
        _ => {}
    }
    let Some(start) = d.start else {
        return match nonempty(&d.literal) {
            Some(l) => l.to_string(),
            None => "n.d.".into(),
        };
    };
    let mut s = String::new();
    if d.circa {
        s.push_str("ca. ");
    }
    s.push_str(&year_text(start.year));
    s.push_str(sfx);
    if d.to_present() {
        s.push_str("–present");
    }
    match (&d.end, month_day(&start)) {
        (Some(end), None) if end.year != start.year => {
            s.push('–');
            s.push_str(&year_text(end.year));
        }
        (Some(end), Some(md)) if end.year != start.year => {
            s.push_str(&format!(", {md}–{}", year_text(end.year)));
            if let Some(emd) = month_day(end) {
                s.push_str(&format!(", {emd}"));
            }
        }
        (Some(end), Some(md)) if end != &start => {
            s.push_str(", ");
            s.push_str(&md);
            match (end.month == start.month, end.day) {
                (true, Some(day)) => s.push_str(&format!("–{day}")),
                (false, _) => {
                    if let Some(emd) = month_day(end) {
                        s.push_str(&format!("–{emd}"));
                    }
                }
                _ => {}
            }
        }
        (_, Some(md)) => {
            s.push_str(", ");
            s.push_str(&md);
        }
        (_, None) => {
            if let Some(season) = d.season {
                s.push_str(match season {
                    Season::Spring => ", Spring",
                    Season::Summer => ", Summer",
                    Season::Autumn => ", Fall",
                    Season::Winter => ", Winter",
                });
            }
        }
    }
    if d.status == DateStatus::InPress {
        // A year and "in press" together: APA prints only "in press".
        return if sfx.is_empty() {
            "in press".into()
        } else {
            format!("in press-{sfx}")
        };
    }
    s
}

/// `2` → `2nd ed.`, `Rev.` → `Rev. ed.`, `Spring 2019` → `Spring 2019
/// ed.`; a phrase with its own word for edition (`7., vollständig
/// überarbeitete Auflage`, `3. ponatis`) as it is.
fn edition_text(e: &str) -> String {
    let t = e.trim();
    let ordinal = |n: u32| {
        let sfx = match (n % 10, n % 100) {
            (1, 11) | (2, 12) | (3, 13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        format!("{n}{sfx} ed.")
    };
    if let Ok(n) = t.parse::<u32>() {
        return ordinal(n);
    }
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    let lower = t.to_lowercase();
    if let Some(i) = WORDS.iter().position(|w| *w == lower) {
        return ordinal(i as u32 + 1);
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let kind = [
        "rev.",
        "revised",
        "expanded",
        "special",
        "updated",
        "abridged",
        "unabridged",
        "facsimile",
        "international",
        "student",
        "anniversary",
        "enlarged",
        "new",
    ];
    let seasonal = matches!(
        words.as_slice(),
        [season, year] if crate::read::season_of(season).is_some()
            && year.chars().all(|c| c.is_ascii_digit())
    );
    if seasonal || (words.len() == 1 && kind.contains(&lower.as_str())) {
        format!("{t} ed.")
    } else {
        t.to_string()
    }
}

fn pages_text(p: &str) -> String {
    let t = p.trim().replace(['–', '—'], "-");
    if let Some((a, b)) = super::bibtex::split_range(&t) {
        format!("pp. {a}–{b}")
    } else if t.contains(',') {
        format!("pp. {t}")
    } else {
        format!("p. {t}")
    }
}

fn range_dash(p: &str) -> String {
    let t = p.trim();
    match super::bibtex::split_range(t) {
        Some((a, b)) if !t.contains(',') => format!("{a}–{b}"),
        _ => t.to_string(),
    }
}

/// How a type is printed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shape {
    /// Journal, magazine, newspaper article.
    Periodical,
    /// Chapter, entry, paper in proceedings: "In ... (Eds.), Book".
    InBook,
    /// A work that stands alone: italic title, publisher.
    Standalone,
    /// Presentation: "[Paper presentation]. Meeting, Place".
    Presentation,
    /// Blog post, episode: plain title, italic container.
    PartOfSite,
    /// Court case.
    Case,
    /// Statute.
    Statute,
}

fn shape(r: &Reference) -> Shape {
    let has_container = nonempty(&r.container_title).is_some();
    match r.item_type {
        ItemType::ArticleJournal
        | ItemType::ArticleMagazine
        | ItemType::ArticleNewspaper
        | ItemType::Review => {
            // (An issue is a periodical's: "Title. 5(2).")
            if has_container || nonempty(&r.issue).is_some() {
                Shape::Periodical
            } else {
                Shape::Standalone
            }
        }
        ItemType::Thesis if has_container && nonempty(&r.publisher).is_none() => Shape::Periodical,
        ItemType::Chapter | ItemType::EntryEncyclopedia | ItemType::EntryDictionary => {
            if has_container {
                Shape::InBook
            } else {
                Shape::Standalone
            }
        }
        // Proceedings with editors read like an edited book; without, like
        // a periodical ("Proceedings of X, 1–6").
        ItemType::PaperConference => {
            if has_container && r.has_role(Role::Editor) {
                Shape::InBook
            } else if has_container {
                Shape::Periodical
            } else {
                Shape::Standalone
            }
        }
        ItemType::Speech => Shape::Presentation,
        ItemType::PostWeblog | ItemType::Broadcast | ItemType::Song | ItemType::Interview
            if has_container =>
        {
            Shape::PartOfSite
        }
        ItemType::LegalCase => Shape::Case,
        ItemType::Legislation => Shape::Statute,
        _ => Shape::Standalone,
    }
}

/// Roles printed in the author position when there is no author, with
/// their labels.
const CREATOR_ROLES: [(Role, &str, &str); 5] = [
    (Role::Director, "Director", "Directors"),
    (Role::Host, "Host", "Hosts"),
    (Role::Producer, "Producer", "Producers"),
    (Role::Composer, "Composer", "Composers"),
    (Role::Performer, "Performer", "Performers"),
];

/// Series editors are printed: "In L. Outhwaite (Series Ed.), Series: …"
/// (a part of a book whose own editors are not given).
pub(super) fn prints_series_editors(r: &Reference) -> bool {
    shape(r) == Shape::InBook && !r.has_role(Role::Editor)
}

/// Chairs are printed: "In S. Liu (Chair), Symposium [Symposium]".
pub(super) fn prints_chairs(r: &Reference) -> bool {
    shape(r) == Shape::Presentation && nonempty(&r.container_title).is_some()
}

/// The author element (without its closing period), and whether editors
/// stand in it.
fn author_element(r: &Reference, sh: Shape) -> (String, bool) {
    let authors: Vec<&Name> = r.names(Role::Author).collect();
    let handle = nonempty(&r.note)
        .and_then(|n| n.lines().find_map(|l| l.strip_prefix("Handle: ")))
        .map(str::trim);
    let fmt = |ns: &[&Name], elided: bool| -> String {
        let mut list: Vec<String> = ns.iter().map(|n| name_inverted(n)).collect();
        if let (Some(h), Some(first)) = (handle, list.first_mut()) {
            first.push_str(&format!(" [{h}]"));
        }
        let inverted: Vec<bool> = ns.iter().map(|n| matches!(n, Name::Person(_))).collect();
        author_list_with(&list, elided, &inverted)
    };
    if !authors.is_empty() {
        return (fmt(&authors, r.authors_elided), false);
    }
    let editors: Vec<&Name> = r.names(Role::Editor).collect();
    let _ = sh;
    if !editors.is_empty() {
        let label = if editors.len() == 1 { "Ed." } else { "Eds." };
        return (
            format!("{} ({label})", fmt(&editors, r.authors_elided)),
            true,
        );
    }
    for (role, one, many) in CREATOR_ROLES {
        let ns: Vec<&Name> = r.names(role).collect();
        if !ns.is_empty() {
            let label = if ns.len() == 1 { one } else { many };
            return (format!("{} ({label})", fmt(&ns, r.authors_elided)), false);
        }
    }
    (String::new(), false)
}

/// The parenthesised details after a title: translators, editors of an
/// authored work; edition, volume, report number, version.
fn title_details(r: &Reference, editors_in_author: bool, sh: Shape) -> String {
    let mut people: Vec<String> = Vec::new();
    let translators: Vec<&Name> = r.names(Role::Translator).collect();
    let editors: Vec<&Name> = if editors_in_author || sh == Shape::InBook {
        Vec::new()
    } else {
        r.names(Role::Editor).collect()
    };
    let join = |ns: &[&Name]| -> String {
        let list: Vec<String> = ns.iter().map(|n| name_direct(n)).collect();
        and_list(&list)
    };
    if !editors.is_empty() && sh != Shape::Periodical {
        if editors == translators {
            people.push(format!("{}, Ed. & Trans.", join(&editors)));
        } else {
            people.push(format!(
                "{}, {}",
                join(&editors),
                if editors.len() == 1 { "Ed." } else { "Eds." }
            ));
        }
    }
    // (A chapter's book editors who translated it too are named in the
    // "In" clause: "In J. Strachey (Ed. & Trans.),".)
    let book_editors_translated =
        sh == Shape::InBook && !editors_in_author && editors_translated(r);
    if !translators.is_empty() && editors != translators && !book_editors_translated {
        people.push(format!("{}, Trans.", join(&translators)));
    }
    // An audiobook's narrator: "(K. Mazur, Narr.)".
    if r.genre
        .as_deref()
        .is_some_and(|g| g.eq_ignore_ascii_case("audiobook"))
    {
        let narrators: Vec<&Name> = r.names(Role::Performer).collect();
        if !narrators.is_empty() {
            people.push(format!("{}, Narr.", join(&narrators)));
        }
    }
    // An interview's interviewer: "(K. Lang, Interviewer)".
    let interviewers: Vec<&Name> = r.names(Role::Interviewer).collect();
    if !interviewers.is_empty() {
        people.push(format!(
            "{}, {}",
            join(&interviewers),
            if interviewers.len() == 1 {
                "Interviewer"
            } else {
                "Interviewers"
            }
        ));
    }
    let mut rest: Vec<String> = Vec::new();
    if sh != Shape::InBook {
        if let Some(e) = nonempty(&r.edition) {
            rest.push(edition_text(e));
        }
        if sh == Shape::Standalone
            && let Some(v) = nonempty(&r.volume)
        {
            rest.push(volume_text(v));
        }
        // A report's or book's page count; other works' pages are printed
        // after the title (`Introduction. 1–8.`), as citeproc-js does.
        if sh == Shape::Standalone
            && matches!(
                r.item_type,
                ItemType::Report | ItemType::Book | ItemType::Thesis
            )
            && let Some(p) = nonempty(&r.page)
        {
            rest.push(pages_text(p));
        }
    }
    if let Some(v) = nonempty(&r.version) {
        rest.push(format!("Version {v}"));
    }
    // A TV series episode's season (its volume) and number.
    let episode = (r.item_type == ItemType::Broadcast)
        .then(|| nonempty(&r.volume).zip(nonempty(&r.number)))
        .flatten();
    if let Some((season, n)) = episode {
        rest.push(format!("Season {season}, Episode {n}"));
    } else if let Some(n) = nonempty(&r.number)
        && !matches!(sh, Shape::Periodical | Shape::Case | Shape::Statute)
        // A patent's title is its number: "U.S. Patent No. 8,765,432".
        && !nonempty(&r.title).is_some_and(|t| t.contains(n))
    {
        // "arXiv:2005.12345" is printed as it is.
        // "No." before numbers only ("Request for Comments RFC 616").
        let no = if n.starts_with(|c: char| c.is_ascii_digit()) {
            "No. "
        } else {
            ""
        };
        let label = match (nonempty(&r.genre), r.item_type) {
            _ if n.contains(':') => Some(n.to_string()),
            (Some(g), ItemType::Report | ItemType::Article) => Some(format!("{g} {no}{n}")),
            // A number with its own label ("UMI No. 3051234") as printed.
            (_, ItemType::Thesis) if no.is_empty() && n.contains("No.") => Some(n.to_string()),
            (_, ItemType::Thesis) => Some(format!("Publication {no}{n}")),
            _ => Some(format!("{no}{n}")),
        };
        rest.extend(label);
    }
    let mut parts = people;
    if !rest.is_empty() {
        parts.push(rest.join(", "));
    }
    // The series of a report or working paper (`Working Paper No. 5; NBER
    // Working Papers`).
    if matches!(r.item_type, ItemType::Report | ItemType::Article)
        && let Some(series) = nonempty(&r.collection_title)
    {
        parts.push(series.to_string());
    }
    parts.join("; ")
}

/// The bracketed description after a title.
fn description(r: &Reference) -> Option<String> {
    let genre = nonempty(&r.genre);
    // The genre of reports and preprints is printed with the number.
    let genre = match r.item_type {
        ItemType::Report | ItemType::Article if nonempty(&r.number).is_some() => None,
        ItemType::Report if genre == Some("Report") => None,
        _ => genre,
    };
    let mut parts: Vec<String> = Vec::new();
    match r.item_type {
        // A thesis in a journal (Dissertation Abstracts): no description.
        ItemType::Thesis
            if nonempty(&r.container_title).is_some() && nonempty(&r.publisher).is_none() =>
        {
            parts.extend(genre.map(str::to_string));
        }
        ItemType::Thesis => {
            let unpublished = genre.is_some_and(|g| g.to_lowercase().starts_with("unpublished"));
            match (genre, nonempty(&r.publisher)) {
                (Some(g), Some(p)) if !unpublished => parts.push(format!("{g}, {p}")),
                (Some(g), _) => parts.push(g.to_string()),
                // APA 7 describes every thesis; its kind was not given.
                (None, Some(p)) => parts.push(format!("Thesis, {p}")),
                (None, None) => parts.push("Thesis".to_string()),
            }
        }
        // An untitled work's bracketed description stands for the title.
        ItemType::Speech if genre.is_none() && bracketed_title(r) => {}
        ItemType::Speech => parts.push(genre.unwrap_or("Paper presentation").to_string()),
        // APA's descriptions for data and software, which the model keeps
        // in the type.
        ItemType::Dataset => parts.push(genre.unwrap_or("Data set").to_string()),
        ItemType::Software => parts.push(genre.unwrap_or("Computer software").to_string()),
        _ => parts.extend(genre.map(str::to_string)),
    }
    if let Some(m) = nonempty(&r.medium) {
        parts.push(m.to_string());
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim()
        .trim_end_matches('.')
        .eq_ignore_ascii_case(b.trim().trim_end_matches('.'))
}

/// The APA text of one record (HTML-escaped, italics as `<i>`, in HTML
/// mode).
pub fn reference(r: &Reference, html: bool) -> String {
    let mut o = Out {
        html,
        s: String::with_capacity(256),
    };
    let sh = shape(r);
    let title = nonempty(&r.title).unwrap_or("");
    // A contribution to a symposium: "Title. In S. Liu (Chair), *Symposium*
    // [Symposium]. Meeting, Place."
    let symposium = r.has_role(Role::Chair) && prints_chairs(r);
    let italic_title = matches!(sh, Shape::Standalone | Shape::Presentation) && !symposium;
    let date = date_text(r.issued.as_ref());

    if matches!(sh, Shape::Case | Shape::Statute) {
        legal(&mut o, r, title, &date);
        links(&mut o, r);
        return o.s.trim_end().to_string();
    }

    let (author, editors_in_author) = author_element(r, sh);
    let authors_text: Vec<String> = r.names(Role::Author).map(name_inverted).collect();
    let details = title_details(r, editors_in_author, sh);
    let desc = description(r);
    let (desc, symposium_desc) = if symposium {
        (None, desc)
    } else {
        (desc, None)
    };
    // Title with its details; the description follows it, or the date
    // when the title stands in the author position.
    let write_title = |o: &mut Out, with_desc: bool| {
        if italic_title {
            o.italic(title);
        } else {
            o.push(title);
        }
        if !details.is_empty() {
            o.push(&format!(" ({details})"));
        }
        if let Some(t) = nonempty(&r.title_translated) {
            o.push(&format!(" [{t}]"));
        }
        if with_desc && let Some(d) = &desc {
            if title.is_empty() && details.is_empty() {
                o.push(&format!("[{d}]"));
            } else {
                o.push(&format!(" [{d}]"));
            }
        }
    };
    if author.is_empty() && !title.is_empty() {
        // No author: the title moves to the author position.
        write_title(&mut o, false);
        o.end();
        o.push(&format!("({date})"));
        o.end();
        if let Some(d) = &desc {
            o.push(&format!("[{d}]"));
            o.end();
        }
    } else {
        if !author.is_empty() {
            o.push(&author);
            o.end();
        }
        o.push(&format!("({date})"));
        o.end();
        if !title.is_empty() || desc.is_some() || !details.is_empty() {
            write_title(&mut o, true);
            o.end();
        }
    }

    // Source.
    let container = nonempty(&r.container_title);
    let publisher = nonempty(&r.publisher).filter(|p| {
        // Left out when the publisher is the author.
        !authors_text.iter().any(|a| same_name(a, p))
    });
    match sh {
        Shape::Periodical => {
            let vol = nonempty(&r.volume);
            let iss = nonempty(&r.issue);
            // Without a journal name, the numbers alone: "Title. 5(2)."
            if container.is_some() || vol.is_some() || iss.is_some() {
                if let Some(c) = container {
                    o.italic(c);
                }
                if vol.is_some() || iss.is_some() {
                    if container.is_some() {
                        o.push(", ");
                    }
                    if let Some(v) = vol {
                        o.italic(v);
                    }
                    match iss {
                        // An issue named by its months, with no volume,
                        // as citeproc-js prints it: "Harvard Business
                        // Review, May–June 2018".
                        Some(i) if vol.is_none() && i.starts_with(char::is_alphabetic) => o.push(i),
                        Some(i) => o.push(&format!("({i})")),
                        None => {}
                    }
                }
                match (nonempty(&r.page), nonempty(&r.number)) {
                    (Some(p), _) => o.push(&format!(", {}", range_dash(p))),
                    (None, Some(n)) => o.push(&format!(", Article {n}")),
                    _ => {}
                }
                o.end();
            }
            // A paper's meeting, when named apart from its proceedings, as
            // citeproc-js prints it: "Proceedings Title. Meeting, Place."
            if r.item_type == ItemType::PaperConference
                && let Some(e) = nonempty(&r.event_title).filter(|e| Some(*e) != container)
            {
                meeting(&mut o, Some(e), nonempty(&r.event_place));
            }
            if let Some(s) = nonempty(&r.status)
                .filter(|s| !s.eq_ignore_ascii_case("in press"))
                .filter(|_| retraction_notice(r).is_none())
            {
                o.push(&capitalise(s));
                o.end();
            }
        }
        Shape::InBook => {
            o.push("In ");
            let editors: Vec<&Name> = r.names(Role::Editor).collect();
            let series_editors: Vec<&Name> = r.names(Role::CollectionEditor).collect();
            if !editors.is_empty() && !editors_in_author {
                o.push(&editor_list(&editors, editors_translated(r)));
                o.push(", ");
            } else if editors.is_empty() && !series_editors.is_empty() {
                // "In L. Outhwaite (Series Ed.), Series: Vol. 1. Title".
                let ns: Vec<String> = series_editors.iter().map(|n| name_direct(n)).collect();
                let label = if ns.len() == 1 {
                    "Series Ed."
                } else {
                    "Series Eds."
                };
                o.push(&format!("{} ({label}), ", and_list(&ns)));
            }
            // A volume with its own title follows the work's: "Series: Vol.
            // 1. Title of the volume".
            let titled_volume = nonempty(&r.volume).filter(|v| {
                v.split_once(". ")
                    .is_some_and(|(n, t)| !n.is_empty() && n.len() <= 6 && !t.is_empty())
            });
            match (container, titled_volume) {
                (Some(c), Some(v)) => o.italic(&format!("{c}: Vol. {v}")),
                _ => o.italic(container.unwrap_or("")),
            }
            let mut inner: Vec<String> = Vec::new();
            if let Some(e) = nonempty(&r.edition) {
                inner.push(edition_text(e));
            }
            if let Some(v) =
                nonempty(&r.volume).filter(|_| titled_volume.is_none() || container.is_none())
            {
                inner.push(volume_text(v));
            }
            if let Some(p) = nonempty(&r.page) {
                inner.push(pages_text(p));
            }
            if !inner.is_empty() {
                o.push(&format!(" ({})", inner.join(", ")));
            }
            o.end();
            if let Some(p) = publisher {
                o.push(p);
                o.end();
            }
        }
        Shape::Presentation => {
            if symposium {
                let chairs: Vec<&Name> = r.names(Role::Chair).collect();
                let ns: Vec<String> = chairs.iter().map(|n| name_direct(n)).collect();
                let label = if chairs.len() == 1 { "Chair" } else { "Chairs" };
                o.push(&format!("In {} ({label}), ", and_list(&ns)));
                o.italic(container.unwrap_or(""));
                if let Some(d) = &symposium_desc {
                    o.push(&format!(" [{d}]"));
                }
                o.end();
            }
            let event = nonempty(&r.event_title)
                .or(container.filter(|_| !symposium))
                .map(capitalise);
            let event = event.as_deref();
            let place = nonempty(&r.event_place).or(nonempty(&r.publisher_place));
            meeting(&mut o, event, place);
            // Slides and notes name where they are kept: "SlideShare".
            if let Some(p) = publisher.filter(|_| event.is_none()) {
                o.push(p);
                o.end();
            }
        }
        Shape::PartOfSite => {
            match r.item_type {
                // A series' executive producers, when the episode's own
                // creator comes first: "In K. Barris (Executive
                // Producer), Black-ish".
                ItemType::Broadcast
                    if r.has_role(Role::Producer)
                        && [Role::Author, Role::Director, Role::Host]
                            .iter()
                            .any(|&role| r.has_role(role)) =>
                {
                    let ns: Vec<String> = r.names(Role::Producer).map(name_direct).collect();
                    let label = if ns.len() == 1 {
                        "Executive Producer"
                    } else {
                        "Executive Producers"
                    };
                    o.push(&format!("In {} ({label}), ", and_list(&ns)));
                }
                ItemType::Broadcast | ItemType::Interview => o.push("In "),
                // A song "On" its album.
                ItemType::Song => o.push("On "),
                _ => {}
            }
            o.italic(container.unwrap_or(""));
            o.end();
            if let Some(p) = publisher {
                o.push(p);
                o.end();
            }
        }
        Shape::Standalone => {
            if !matches!(
                r.item_type,
                ItemType::Report | ItemType::Book | ItemType::Thesis
            ) && let Some(p) = nonempty(&r.page)
            {
                o.push(&range_dash(p));
                o.end();
            }
            let site = container.filter(|c| !authors_text.iter().any(|a| same_name(a, c)));
            if let Some(c) = site {
                o.push(c);
                o.end();
            }
            // A thesis names its university in the description.
            let in_description = r.item_type == ItemType::Thesis
                && description(r).is_some_and(|d| publisher.is_some_and(|p| d.contains(p)));
            if let Some(p) = publisher
                .filter(|p| site.is_none_or(|c| !same_name(c, p)))
                .filter(|_| !in_description)
            {
                o.push(p);
                o.end();
            }
        }
        Shape::Case | Shape::Statute => {}
    }
    if let Some(a) = nonempty(&r.archive) {
        o.push(a);
        o.end();
    }
    links(&mut o, r);
    if let Some(n) = retraction_notice(r) {
        o.push(&format!("({n})"));
    }
    // A reprint's source, as read, stands for the original date.
    let reprint = nonempty(&r.note).and_then(|n| {
        n.lines()
            .find(|l| l.starts_with("Reprinted from ") || l.starts_with("Reprinted in "))
    });
    if let Some(rp) = reprint {
        o.push(&format!("({rp})"));
    } else if let Some(od) = &r.original_date {
        let t = date_text(Some(od));
        o.push(&format!("(Original work published {t})"));
    }
    o.s.trim_end().to_string()
}

/// The title is a description in brackets (an untitled work).
fn bracketed_title(r: &Reference) -> bool {
    nonempty(&r.title).is_some_and(|t| t.starts_with('[') && t.ends_with(']'))
}

/// The notice of a retracted article ("Retraction published 2012,
/// Journal, 38[10], 1378"), printed after its DOI (APA 7 §10.1).
fn retraction_notice(r: &Reference) -> Option<&str> {
    let retracted = nonempty(&r.status).is_some_and(|s| s.eq_ignore_ascii_case("retracted"));
    let note = nonempty(&r.note)?.lines().next()?;
    // A correction's notice is printed the same way (APA 7 §10.1).
    let corrected = [
        "Correction published",
        "Erratum published",
        "Corrigendum published",
    ]
    .iter()
    .any(|p| note.starts_with(p));
    (retracted && note.starts_with("Retraction published") || corrected).then_some(note)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// DOI or URL, with the retrieval date.
/// A meeting and its place as one element: "Meeting, Place." (either
/// alone, or nothing).
fn meeting(o: &mut Out, event: Option<&str>, place: Option<&str>) {
    match (event, place) {
        (Some(e), Some(p)) => o.push(&format!("{e}, {p}")),
        (Some(e), None) => o.push(e),
        (None, Some(p)) => o.push(p),
        (None, None) => return,
    }
    o.end();
}

fn links(o: &mut Out, r: &Reference) {
    let link = match (nonempty(&r.doi), nonempty(&r.url)) {
        (Some(d), _) => Some(format!("https://doi.org/{d}")),
        (None, Some(u)) => Some(u.to_string()),
        _ => None,
    };
    let Some(link) = link else {
        return;
    };
    let accessed = r
        .accessed
        .as_ref()
        .and_then(|d| d.start)
        .filter(|_| nonempty(&r.doi).is_none());
    match accessed {
        Some(p) => {
            let md = month_day(&p).unwrap_or_default();
            let when = if md.is_empty() {
                year_text(p.year)
            } else {
                format!("{md}, {}", year_text(p.year))
            };
            o.push(&format!("Retrieved {when}, from {link}"));
        }
        None => o.push(&link),
    }
    o.s.push(' ');
}

/// `Name, 347 U.S. 483 (Court 1954).` / `Act, 20 U.S.C. § 1400 (2004).`
fn legal(o: &mut Out, r: &Reference, title: &str, date: &str) {
    let mut cite: Vec<String> = Vec::new();
    // A public law's number before its place in the statutes: "Pub. L.
    // No. 111-148, 124 Stat. 119".
    let number = nonempty(&r.number).filter(|_| r.item_type == ItemType::Legislation);
    if let Some(v) = nonempty(&r.volume) {
        cite.push(v.to_string());
    }
    if let Some(c) = nonempty(&r.container_title) {
        cite.push(c.to_string());
    }
    if let Some(s) = nonempty(&r.section) {
        cite.push(s.to_string());
    }
    if let Some(p) = nonempty(&r.page) {
        cite.push(p.to_string());
    }
    o.push(title);
    if let Some(n) = number {
        o.push(&format!(", Pub. L. No. {n}"));
    }
    if !cite.is_empty() {
        o.push(&format!(", {}", cite.join(" ")));
    }
    // The Bluebook's order for a full date: "(January 20, 2021)".
    let year = match r.issued.as_ref().and_then(|d| d.start.as_ref()) {
        _ if date == "n.d." => String::new(),
        Some(p) if p.month.is_some() => {
            let month = p
                .month
                .and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)))
                .copied()
                .unwrap_or("");
            match p.day {
                Some(d) => format!("{month} {d}, {}", p.year),
                None => format!("{month} {}", p.year),
            }
        }
        _ => date.to_string(),
    };
    let paren = match (nonempty(&r.authority), year.is_empty()) {
        (Some(a), false) => format!("{a} {year}"),
        (Some(a), true) => a.to_string(),
        (None, _) => year,
    };
    if !paren.is_empty() {
        o.push(&format!(" ({paren})"));
    }
    o.end();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apa;

    fn text(input: &str) -> String {
        let parsed = apa::parse_reference(input, 1, 1);
        reference(&parsed.reference, false)
    }

    #[test]
    fn sentence_end_is_found_without_stripping_all_tags() {
        for s in [
            "",
            " ",
            "Title.",
            "Title. ",
            "<i>Title.</i> ",
            "<i>Title</i>",
            "“Dr. House.” ",
            "“Dr. House” ",
            "Part ii",
            "Part ii.",
            "A.</",
            "A.</<i>i> ",
            "A</<i>i>. ",
            "<i>",
            "<i></i> ",
            "? ' ",
            "x ' \" ",
            "x. \" '",
            "Why?</i>",
        ] {
            assert_eq!(
                ends_sentence_stripped(s),
                ends_sentence(&strip_tags(s)),
                "{s:?}"
            );
        }
    }

    #[test]
    fn initials_of_given_names() {
        assert_eq!(initials("Paul"), "P.");
        assert_eq!(initials("Jean-Pierre"), "J.-P.");
        assert_eq!(initials("J. S."), "J. S.");
        assert_eq!(initials("Mary Ann"), "M. A.");
        assert_eq!(initials("T. de"), "T. de");
        assert_eq!(initials("Th. J"), "Th. J.");
        assert_eq!(initials("Anne‐Marie - x"), "A.-M.  x");
    }

    fn author_list(names: &[String], elided: bool) -> String {
        author_list_with(names, elided, &vec![true; names.len()])
    }

    #[test]
    fn author_lists() {
        assert_eq!(
            author_list_with(&["AFP".into(), "dpa".into()], false, &[false, false]),
            "AFP & dpa"
        );
        let n = |k: usize| (0..k).map(|i| format!("N{i}, A.")).collect::<Vec<_>>();
        assert_eq!(author_list(&n(1), false), "N0, A.");
        assert_eq!(author_list(&n(2), false), "N0, A., & N1, A.");
        assert_eq!(author_list(&n(3), false), "N0, A., N1, A., & N2, A.");
        let l = author_list(&n(25), false);
        assert!(l.contains("N18, A., . . . N24, A."), "{l}");
        assert!(!l.contains("N19, A., N"), "{l}");
        assert_eq!(author_list(&n(3), true), "N0, A., N1, A., … & N2, A.");
    }

    #[test]
    fn round_trips_of_common_forms() {
        for t in [
            "Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). Emotions in storybooks: A comparison of storybooks that represent ethnic and racial groups in the United States. Psychology of Popular Media Culture, 8(3), 207–217. https://doi.org/10.1037/ppm0000185",
            "Jackson, L. M. (2019). The psychology of prejudice: From attitudes to social action (2nd ed.). American Psychological Association. https://doi.org/10.1037/0000168-000",
            "Aron, L., Botella, M., & Lubart, T. (2019). Culinary arts: Talent and their development. In R. F. Subotnik, P. Olszewski-Kubilius, & F. C. Worrell (Eds.), The psychology of high performance: Developing human potential into domain-specific talent (pp. 345–359). American Psychological Association. https://doi.org/10.1037/0000120-016",
            "Oil painting. (2019, December 25). In Wikipedia. https://en.wikipedia.org/w/index.php?title=Oil_painting&oldid=932407373",
            "Brown v. Board of Education, 347 U.S. 483 (1954).",
        ] {
            assert_eq!(text(t), t);
        }
    }

    #[test]
    fn html_italics() {
        let p = apa::parse_reference(
            "Grady, J. S. (2019). Emotions & storybooks. Psychology of Popular Media Culture, 8(3), 207–217.",
            1,
            1,
        );
        assert_eq!(
            reference(&p.reference, true),
            "Grady, J. S. (2019). Emotions &amp; storybooks. <i>Psychology of Popular Media Culture</i>, <i>8</i>(3), 207–217."
        );
    }

    #[test]
    fn dates() {
        assert_eq!(date_text(None), "n.d.");
        let d = Date {
            suffix: Some("a".into()),
            ..Date::ymd(2020, Some(3), Some(3))
        };
        assert_eq!(date_text(Some(&d)), "2020a, March 3");
        let d = Date {
            status: DateStatus::NoDate,
            suffix: Some("b".into()),
            ..Date::default()
        };
        assert_eq!(date_text(Some(&d)), "n.d.-b");
        let d = Date {
            start: Some(DateParts {
                year: 2019,
                month: Some(3),
                day: Some(31),
            }),
            end: Some(DateParts {
                year: 2019,
                month: Some(4),
                day: Some(2),
            }),
            ..Date::default()
        };
        assert_eq!(date_text(Some(&d)), "2019, March 31–April 2");
        let d = Date {
            circa: true,
            ..Date::year(1900)
        };
        assert_eq!(date_text(Some(&d)), "ca. 1900");
    }
}
