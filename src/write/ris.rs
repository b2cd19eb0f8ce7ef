//! RIS, as Zotero's RIS importer (`RIS.js`) reads it.
//!
//! Every record starts with `TY  - ` and ends with `ER  - `; every line is
//! exactly `XX  - value` (two characters, two spaces, hyphen, space); values
//! never span lines (line breaks inside a value become spaces); no
//! byte-order mark; records are separated by a blank line; lines end with
//! `\n`.
//!
//! # Types ([`ris_type`])
//!
//! JOUR, MGZN, NEWS, BOOK, EDBOOK (a book with editors and no authors: every
//! `AU` is an editor), CHAP, ENCYC, DICT, CONF, SLIDE (a talk or poster:
//! Zotero's *presentation*, which APA styles print as "[Paper
//! presentation]. Meeting, Place"), RPRT, THES, ELEC, BLOG, DATA, COMP,
//! MANSCPT, and a few more for the rarer CSL types. Never `UNPB`, `GRANT`,
//! `GEN` or `STD`, which Zotero turns into journal articles. Preprints are
//! `JOUR` with the repository in `T2`: RIS has no preprint type and Zotero's
//! `MANSCPT` (manuscript) would drop the DOI on Zotero 7.0.
//!
//! # Tags
//!
//! `TI` title; `ID` the input's key; `AU` authors (`Family, Given`, particle
//! inside the family part, a dropping particle after the given names, suffix
//! after a second comma, group names without a comma); editors
//! `A2` for chapters, articles, conference papers and reference entries,
//! `A3` for books, `ED` otherwise; translators `A4`; `PY  - YYYY` and
//! `DA  - YYYY/MM/DD/` (empty parts allowed: `2020/03//`); "in press",
//! "forthcoming" and seasons go into `DA` verbatim; n.d. has no date; `T2`
//! journal, book, site, blog, meeting or report series; `C3` proceedings
//! title; `VL`, `IS`, `SP`/`EP` (`SP` alone for an e-locator or article
//! number), `ET` edition or version, `PB`, `CY`, `SN` (ISSN for articles,
//! report number for reports, ISBN otherwise), `M3` genre, `DO` bare DOI,
//! `UR`, `Y2` access date, `KW`, `AB`, `LA`, `DB` database, `N1` note, and
//! `M2` (Zotero's *Extra*) for data that has a Zotero/CSL meaning but no
//! tag (`original-date: 1900`, `PMID: 123`, `number: 13`, `year-suffix: a`,
//! and `type: article` for a CSL type no `TY` stands for).

use super::{RecordWriter, WriteOptions};
use crate::diag::Diagnostic;
use crate::model::{Date, DateParts, DateStatus, Field, ItemType, Name, Reference, Role, Season};
use std::io;

/// Writes RIS records.
pub struct RisWriter {
    count: usize,
}

impl RisWriter {
    /// A new writer.
    pub fn new(_opts: &WriteOptions) -> RisWriter {
        RisWriter { count: 0 }
    }
}

impl RecordWriter for RisWriter {
    fn begin(&mut self, _out: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }

    fn write_record(
        &mut self,
        out: &mut dyn io::Write,
        r: &Reference,
        diags: &mut Vec<Diagnostic>,
    ) -> io::Result<()> {
        let text = record(r, diags);
        if self.count > 0 {
            out.write_all(b"\n")?;
        }
        self.count += 1;
        out.write_all(text.as_bytes())
    }

    fn finish(&mut self, _out: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }

    fn write_rendered(
        &mut self,
        out: &mut dyn io::Write,
        text: &[u8],
        _hole: usize,
        _stem: &str,
    ) -> io::Result<()> {
        if self.count > 0 {
            out.write_all(b"\n")?;
        }
        self.count += 1;
        out.write_all(text)
    }
}

/// The `TY` of a record.
pub fn ris_type(r: &Reference) -> &'static str {
    let has_url = nonempty(&r.url).is_some();
    match r.item_type {
        ItemType::ArticleJournal | ItemType::Article | ItemType::Review => "JOUR",
        ItemType::ArticleMagazine => "MGZN",
        ItemType::ArticleNewspaper => "NEWS",
        ItemType::Book => {
            if r.has_role(Role::Editor) && !r.has_role(Role::Author) {
                "EDBOOK"
            } else {
                "BOOK"
            }
        }
        ItemType::Chapter => "CHAP",
        ItemType::EntryEncyclopedia => "ENCYC",
        ItemType::EntryDictionary => "DICT",
        ItemType::PaperConference => "CONF",
        ItemType::Speech => "SLIDE",
        ItemType::Report => "RPRT",
        ItemType::Thesis => "THES",
        ItemType::Webpage | ItemType::Post => "ELEC",
        ItemType::PostWeblog => "BLOG",
        ItemType::Dataset => "DATA",
        ItemType::Software => "COMP",
        ItemType::Manuscript => "MANSCPT",
        ItemType::MotionPicture => "MPCT",
        ItemType::Broadcast => {
            // APA's description says which: "[Audio podcast]", "[Radio
            // broadcast]" (the genre), or the medium.
            let m = [&r.medium, &r.genre]
                .map(|v| v.as_deref().unwrap_or("").to_lowercase())
                .join(" ");
            if m.contains("audio") || m.contains("podcast") || m.contains("radio") {
                "SOUND"
            } else {
                "VIDEO"
            }
        }
        ItemType::Song => "SOUND",
        ItemType::Interview => {
            if has_url {
                "ELEC"
            } else {
                "PCOMM"
            }
        }
        ItemType::LegalCase => "CASE",
        ItemType::Legislation => "STAT",
        ItemType::Standard => "STAND",
        ItemType::Patent => "PAT",
        ItemType::Map => "MAP",
        ItemType::Graphic => "ART",
        ItemType::Document => {
            if has_url {
                "ELEC"
            } else if nonempty(&r.publisher).is_some() {
                "BOOK"
            } else {
                "MANSCPT"
            }
        }
    }
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// One value on one line: line breaks and other control characters become
/// spaces, runs of spaces collapse, the ends are trimmed.
pub fn clean(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    clean_into(&mut out, v);
    out
}

/// Appends [`clean`]'s form of `v` to `out`. Runs of printable ASCII other
/// than the space (most of any value) are copied whole; a space is written
/// only before the next character that is not one, so that leading and
/// trailing spaces never are.
fn clean_into(out: &mut String, v: &str) {
    let start = out.len();
    let mut space = false;
    let mut rest = v;
    loop {
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii_graphic())
            .unwrap_or(rest.len());
        // Char boundary: `run` is the length of a run of ASCII bytes, so a
        // boundary, and `c` below is the whole next character.
        if run > 0 {
            if space && out.len() > start {
                out.push(' ');
            }
            space = false;
            out.push_str(&rest[..run]);
        }
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        if c.is_control() || c.is_whitespace() || c == '\u{feff}' {
            space = true;
        } else {
            if space && out.len() > start {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
}

struct Rec {
    out: String,
}

impl Rec {
    fn tag(&mut self, tag: &str, v: &str) {
        let start = self.out.len();
        self.out.push_str(tag);
        self.out.push_str("  - ");
        let value = self.out.len();
        clean_into(&mut self.out, v);
        if self.out.len() == value {
            // Nothing but spaces: no line.
            self.out.truncate(start);
        } else {
            self.out.push('\n');
        }
    }

    fn opt(&mut self, tag: &str, v: &Option<String>) {
        if let Some(s) = nonempty(v) {
            self.tag(tag, s);
        }
    }
}

/// `Family, Given` / `Family, Given, Jr.` / a group name without commas.
fn ris_name(n: &Name, line: usize, diags: &mut Vec<Diagnostic>) -> String {
    match n {
        Name::Literal(l) => {
            let l = clean(l);
            if l.contains(',') {
                diags.push(Diagnostic::warning(
                    line,
                    Some(Field::Author),
                    format!(
                        "ris: comma removed from group name `{l}` (a comma makes Zotero split it into family and given name)"
                    ),
                ));
                clean(&l.replace(',', " "))
            } else {
                l
            }
        }
        Name::Person(p) => {
            // A dropping particle goes with the given names.
            let (family, given) = p.inverted_parts();
            // A comma inside the family part would move the split point.
            let family = clean(&family.replace(',', " "));
            let given = clean(&given);
            let suffix = clean(p.suffix.as_deref().unwrap_or(""));
            match (family.is_empty(), given.is_empty(), suffix.is_empty()) {
                (true, _, _) => given,
                (false, true, true) => family,
                (false, true, false) => format!("{family} {suffix}"),
                (false, false, true) => format!("{family}, {given}"),
                (false, false, false) => format!("{family}, {given}, {suffix}"),
            }
        }
    }
}

/// `YYYY/MM/DD/` with empty parts for what is unknown.
fn ris_date(p: &DateParts) -> Option<String> {
    if p.year < 0 || p.year > 9999 {
        return None;
    }
    let month = p.month.filter(|m| (1..=12).contains(m));
    let day = month.and(p.day).filter(|d| (1..=31).contains(d));
    use std::fmt::Write as _;
    let mut s = String::with_capacity(11);
    // Writing to a String cannot fail.
    let _ = write!(s, "{:04}/", p.year);
    if let Some(m) = month {
        let _ = write!(s, "{m:02}");
    }
    s.push('/');
    if let Some(d) = day {
        let _ = write!(s, "{d:02}");
    }
    s.push('/');
    Some(s)
}

fn editor_tag(ty: &str) -> &'static str {
    match ty {
        "BOOK" => "A3",
        "CHAP" | "CONF" | "JOUR" | "ENCYC" | "DICT" => "A2",
        _ => "ED",
    }
}

fn split_pages(p: &str) -> (String, Option<String>) {
    match super::bibtex::split_range(p.trim()) {
        Some((a, b)) if !p.contains(',') => (a.to_string(), Some(b.to_string())),
        _ => (p.trim().replace(['–', '—', '‒', '−'], "-"), None),
    }
}

fn season_name(s: Season) -> &'static str {
    match s {
        Season::Spring => "Spring",
        Season::Summer => "Summer",
        Season::Autumn => "Autumn",
        Season::Winter => "Winter",
    }
}

/// The RIS text of one record.
pub fn record(r: &Reference, diags: &mut Vec<Diagnostic>) -> String {
    let line = r.line();
    let ty = ris_type(r);
    let mut w = Rec {
        out: String::with_capacity(512),
    };
    let mut extra: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    w.tag("TY", ty);
    // The input's key (Zotero ignores it; refmill reads it back).
    w.opt("ID", &r.id);
    // Types RIS has no `TY` for (preprint, forum post, review …): the CSL
    // type as a Zotero *Extra* line, which Zotero and refmill read back.
    // Also when a reader would take the journal for a preprint server.
    let looks_preprint = r.item_type == ItemType::ArticleJournal
        && nonempty(&r.container_title).is_some_and(crate::apa::lexicon::is_preprint_server);
    if crate::read::ris::item_type(ty) != Some(r.item_type) || looks_preprint {
        extra.push(format!("type: {}", r.item_type.csl_name()));
    }
    w.opt("TI", &r.title);

    // Names.
    let edbook = ty == "EDBOOK";
    // Readers take the `AU` of a film for its director (Zotero does): the
    // roles `AU` stands for otherwise are repeated as Extra lines.
    let au_role = if matches!(ty, "MPCT" | "VIDEO") {
        Role::Director
    } else {
        Role::Author
    };
    for n in r.names(Role::Author) {
        let v = ris_name(n, line, diags);
        w.tag("AU", &v);
        if au_role != Role::Author {
            extra.push(format!("author: {v}"));
        }
    }
    let ed_tag = if edbook { "AU" } else { editor_tag(ty) };
    for n in r.names(Role::Editor) {
        let v = ris_name(n, line, diags);
        w.tag(ed_tag, &v);
    }
    for n in r.names(Role::Translator) {
        let v = ris_name(n, line, diags);
        w.tag("A4", &v);
    }
    for role in [Role::Director, Role::Host, Role::Composer, Role::Performer] {
        // The primary creator of films, podcasts, recordings.
        if !r.has_role(Role::Author) && matches!(ty, "MPCT" | "VIDEO" | "SOUND") {
            for n in r.names(role) {
                let v = ris_name(n, line, diags);
                w.tag("AU", &v);
                if role != au_role {
                    extra.push(format!("{}: {v}", role.csl_name()));
                }
            }
        }
    }
    let mut other_roles: Vec<String> = Vec::new();
    for role in Role::ALL {
        if matches!(role, Role::Author | Role::Editor | Role::Translator) {
            continue;
        }
        if !r.has_role(Role::Author)
            && matches!(ty, "MPCT" | "VIDEO" | "SOUND")
            && matches!(
                role,
                Role::Director | Role::Host | Role::Composer | Role::Performer
            )
        {
            continue;
        }
        for n in r.names(role) {
            other_roles.push(format!("{}: {}", role.csl_name(), ris_name(n, line, diags)));
        }
    }
    if !other_roles.is_empty() {
        notes.push(other_roles.join("; "));
        diags.push(Diagnostic::warning(
            line,
            Some(Field::Contributor),
            "ris: no tag for contributors other than authors, editors and translators; written to N1",
        ));
    }
    if r.authors_elided {
        diags.push(Diagnostic::warning(
            line,
            Some(Field::Author),
            "ris: the author list was elided (…); RIS has no marker for it, only the names given are written",
        ));
    }

    // Container titles.
    let container = nonempty(&r.container_title);
    let event = nonempty(&r.event_title);
    match ty {
        "CONF" => {
            // T2 is the conference name, C3 the proceedings title.
            if let Some(ev) = event {
                w.tag("T2", ev);
            }
            if let Some(c) = container
                && Some(c) != event
            {
                w.tag("C3", c);
            }
        }
        "SLIDE" => {
            if let Some(m) = event.or(container) {
                w.tag("T2", m);
            }
            // A symposium a talk was part of, besides its meeting: Zotero's
            // presentation has no field for it (Extra keeps it).
            if let (Some(_), Some(c)) = (event, container)
                && Some(c) != event
            {
                extra.push(format!("container-title: {c}"));
            }
        }
        "BOOK" | "EDBOOK" => {
            // For a book T2 is the series; a container title is one.
            if let Some(s) = nonempty(&r.collection_title).or(container) {
                w.tag("T2", s);
            }
        }
        "RPRT" => {
            // Zotero reads a report's T2 as its series; a container title
            // goes to Extra.
            if let Some(s) = nonempty(&r.collection_title) {
                w.tag("T2", s);
            }
            if let Some(c) = container {
                extra.push(format!("container-title: {c}"));
            }
        }
        "JOUR" if r.item_type == ItemType::Article => {
            if let Some(c) = container.or(nonempty(&r.publisher)) {
                w.tag("T2", c);
            }
        }
        "ELEC" => {
            // A page's site: the container, or the publisher when there is
            // none (Zotero's website title).
            let web = matches!(
                r.item_type,
                ItemType::Webpage | ItemType::PostWeblog | ItemType::Post
            );
            if let Some(c) = container.or(nonempty(&r.publisher).filter(|_| web)) {
                w.tag("T2", c);
            }
        }
        _ => {
            if let Some(c) = container {
                w.tag("T2", c);
            }
        }
    }
    if !matches!(ty, "BOOK" | "EDBOOK" | "RPRT")
        && let Some(s) = nonempty(&r.collection_title)
    {
        w.tag("T3", s);
    }
    if let Some(n) = nonempty(&r.collection_number) {
        match ty {
            "BOOK" | "EDBOOK" => w.tag("M1", n),
            "CHAP" => w.tag("SV", n),
            _ => extra.push(format!("collection-number: {n}")),
        }
    }
    if ty != "CONF"
        && ty != "SLIDE"
        && let Some(ev) = event
    {
        extra.push(format!("event-title: {ev}"));
    }

    // Dates.
    if let Some(d) = &r.issued {
        let state = match d.status {
            DateStatus::InPress => Some("in press"),
            DateStatus::Forthcoming => Some("forthcoming"),
            _ => None,
        };
        // Char boundary: `ris_date` starts with the year in four ASCII digits.
        match (&d.start, state) {
            (_, Some(s)) => {
                if let Some(y) = d.start.as_ref().and_then(ris_date) {
                    w.tag("PY", &y[..4]);
                }
                w.tag("DA", s);
            }
            (Some(start), None) => {
                if let Some(full) = ris_date(start) {
                    w.tag("PY", &full[..4]);
                    match (d.season, start.month) {
                        (Some(s), None) => {
                            w.tag("DA", &format!("{} {}", season_name(s), &full[..4]))
                        }
                        _ => w.tag("DA", &full),
                    }
                } else if start.year < 0 {
                    // Years RIS cannot write (BCE): the text in DA.
                    w.tag("DA", &format!("{} BCE", start.year.unsigned_abs()));
                } else {
                    w.tag("DA", &start.year.to_string());
                }
                if d.circa {
                    extra.push("circa: true".into());
                }
                if d.end.as_ref().is_some_and(|end| end != start) || d.to_present() {
                    diags.push(Diagnostic::warning(
                        line,
                        Some(Field::Issued),
                        "ris: RIS has one date; the start of the date range is written",
                    ));
                }
            }
            (None, None) => {
                if let Some(l) = nonempty(&d.literal) {
                    w.tag("DA", l);
                }
            }
        }
    }
    if let Some(sfx) = r
        .issued
        .as_ref()
        .and_then(|d| d.suffix.as_deref())
        .filter(|s| !s.trim().is_empty())
    {
        extra.push(format!("year-suffix: {}", sfx.trim()));
    }
    match r.original_date.as_ref() {
        Some(Date {
            start: Some(od), ..
        }) => extra.push(format!("original-date: {}", od.year)),
        // "ca. 350 B.C.E.", as printed.
        Some(Date {
            literal: Some(l), ..
        }) => extra.push(format!("original-date: {l}")),
        _ => {}
    }

    // Numbers and pages.
    if ty != "ELEC" {
        w.opt("VL", &r.volume);
    } else if let Some(v) = nonempty(&r.volume) {
        extra.push(format!("volume: {v}"));
    }
    if ty == "DATA" {
        // Zotero reads IS on a dataset as its version.
        if let Some(i) = nonempty(&r.issue) {
            extra.push(format!("issue: {i}"));
        }
    } else {
        w.opt("IS", &r.issue);
    }
    if let Some(p) = nonempty(&r.page) {
        let (sp, ep) = split_pages(p);
        w.tag("SP", &sp);
        if let Some(ep) = ep {
            w.tag("EP", &ep);
        }
    }
    let number = nonempty(&r.number);
    match (ty, number) {
        // Zotero reads SN as the report number and the patent number.
        ("RPRT" | "PAT", Some(n)) => w.tag("SN", n),
        ("DATA", Some(n)) => w.tag("NV", n),
        ("JOUR", Some(n)) if r.item_type != ItemType::Article && nonempty(&r.page).is_none() => {
            extra.push(format!("number: {n}"))
        }
        (_, Some(n)) => extra.push(format!("number: {n}")),
        _ => {}
    }
    match ty {
        "JOUR" | "MGZN" | "NEWS" => {
            w.opt("SN", &r.issn);
            if let Some(i) = nonempty(&r.isbn) {
                extra.push(format!("ISBN: {i}"));
            }
        }
        "RPRT" | "PAT" => {
            if number.is_none() {
                // SN is the report or patent number; an ISBN has no tag left.
                if let Some(i) = nonempty(&r.isbn).or(nonempty(&r.issn)) {
                    extra.push(format!("ISBN: {i}"));
                }
            } else if let Some(i) = nonempty(&r.isbn) {
                extra.push(format!("ISBN: {i}"));
            }
        }
        _ => {
            w.opt("SN", &r.isbn);
            if let Some(i) = nonempty(&r.issn) {
                extra.push(format!("ISSN: {i}"));
            }
        }
    }
    match (ty, nonempty(&r.edition), nonempty(&r.version)) {
        ("COMP" | "DATA", _, Some(v)) => w.tag("ET", v),
        (_, Some(e), v) => {
            w.tag("ET", e);
            if let Some(v) = v {
                extra.push(format!("version: {v}"));
            }
        }
        // Only software and data sets have a version in Zotero; `ET` would
        // make it an edition.
        (_, None, Some(v)) => extra.push(format!("version: {v}")),
        _ => {}
    }

    // Publication.
    // A preprint's repository and a page's site went into T2 already.
    let web = matches!(
        r.item_type,
        ItemType::Webpage | ItemType::PostWeblog | ItemType::Post
    );
    // A preprint's repository and a page's site went into T2 when there is
    // no container; PB is written as well, so that readers can tell.
    let _ = web;
    w.opt("PB", &r.publisher);
    match (nonempty(&r.publisher_place), nonempty(&r.event_place)) {
        (Some(p), ep) => {
            w.tag("CY", p);
            if let Some(ep) = ep {
                extra.push(format!("event-place: {ep}"));
            }
        }
        (None, Some(ep)) if matches!(ty, "CONF" | "SLIDE") => w.tag("CY", ep),
        (None, Some(ep)) => extra.push(format!("event-place: {ep}")),
        _ => {}
    }
    let mut genre: Vec<&str> = Vec::new();
    if let Some(g) = nonempty(&r.genre) {
        genre.push(g);
    }
    if let Some(m) = nonempty(&r.medium) {
        genre.push(m);
    }
    if !genre.is_empty() {
        let g = genre.join("; ");
        // Zotero maps M3 to a type field for these; elsewhere it would be
        // read as a DOI and dropped.
        if matches!(
            ty,
            "THES" | "RPRT" | "SLIDE" | "ELEC" | "BLOG" | "MANSCPT" | "MAP" | "ART" | "PCOMM"
        ) {
            w.tag("M3", &g);
        } else {
            if let Some(g) = nonempty(&r.genre) {
                extra.push(format!("genre: {g}"));
            }
            if let Some(m) = nonempty(&r.medium) {
                extra.push(format!("medium: {m}"));
            }
        }
    }
    w.opt("DB", &r.archive);
    if let Some(doi) = nonempty(&r.doi) {
        w.tag("DO", doi);
    }
    w.opt("UR", &r.url);
    if let Some(a) = r.accessed.as_ref().and_then(|d| d.start.as_ref())
        && let Some(d) = ris_date(a)
    {
        w.tag("Y2", &d);
    }
    for k in &r.keywords {
        w.tag("KW", k);
    }
    w.opt("AB", &r.abstract_text);
    w.opt("LA", &r.language);
    if let Some(tt) = nonempty(&r.title_translated) {
        notes.push(format!("Translated title: {tt}"));
    }
    if let Some(s) = nonempty(&r.status) {
        extra.push(format!("status: {s}"));
    }
    if let Some(n) = nonempty(&r.note) {
        notes.push(n.to_string());
    }
    if !notes.is_empty() {
        w.tag("N1", &notes.join("; "));
    }
    if let Some(pmid) = nonempty(&r.pmid) {
        extra.push(format!("PMID: {pmid}"));
    }
    // Legal references: the court and the code section, as Zotero's Extra
    // lines (CSL variable names).
    if let Some(a) = nonempty(&r.authority) {
        extra.push(format!("authority: {a}"));
    }
    if let Some(s) = nonempty(&r.section) {
        extra.push(format!("section: {s}"));
    }
    for x in &extra {
        w.tag("M2", x);
    }
    w.out.push_str("ER  - \n");
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Person};

    fn article() -> Reference {
        let mut r = Reference {
            item_type: ItemType::ArticleJournal,
            title: Some("Ketamine’s dose-related effects".into()),
            container_title: Some("Journal of Psychopharmacology".into()),
            volume: Some("31".into()),
            issue: Some("10".into()),
            page: Some("1302–1305".into()),
            doi: Some("10.1177/0269881117705089".into()),
            issued: Some(Date::ymd(2017, Some(3), None)),
            ..Reference::default()
        };
        r.add_names(Role::Author, [Name::person("Glue", Some("P."))]);
        r
    }

    #[test]
    fn article_record() {
        let t = record(&article(), &mut Vec::new());
        assert_eq!(
            t,
            "TY  - JOUR\nTI  - Ketamine’s dose-related effects\nAU  - Glue, P.\n\
             T2  - Journal of Psychopharmacology\nPY  - 2017\nDA  - 2017/03//\nVL  - 31\n\
             IS  - 10\nSP  - 1302\nEP  - 1305\nDO  - 10.1177/0269881117705089\nER  - \n"
        );
    }

    #[test]
    fn names_particles_suffixes_groups() {
        let mut d = Vec::new();
        let p = Name::Person(Person {
            family: "Berg".into(),
            particle: Some("van der".into()),
            given: Some("Anna".into()),
            suffix: Some("Jr.".into()),
            ..Person::default()
        });
        assert_eq!(ris_name(&p, 0, &mut d), "van der Berg, Anna, Jr.");
        assert_eq!(
            ris_name(&Name::literal("World Health Organization"), 0, &mut d),
            "World Health Organization"
        );
        assert!(d.is_empty());
        assert_eq!(
            ris_name(
                &Name::literal("University of California, Berkeley"),
                0,
                &mut d
            ),
            "University of California Berkeley"
        );
        assert_eq!(d.len(), 1);
    }

    fn tags(t: &str, tag: &str) -> Vec<String> {
        let prefix = format!("{tag}  - ");
        t.lines()
            .filter_map(|l| l.strip_prefix(&prefix).map(str::to_string))
            .collect()
    }

    #[test]
    fn every_type_has_a_zotero_ty() {
        for t in ItemType::ALL {
            let r = Reference {
                item_type: t,
                ..Reference::default()
            };
            let ty = ris_type(&r);
            assert!(
                !["UNPB", "GRANT", "GEN", "STD"].contains(&ty),
                "{t:?} -> {ty}"
            );
        }
    }

    #[test]
    fn broadcasts_heard_or_seen() {
        // APA's description is the genre: "[Audio podcast]", "[TV series]".
        for (genre, medium, want) in [
            (Some("Audio podcast"), None, "SOUND"),
            (Some("Radio broadcast"), None, "SOUND"),
            (None, Some("Podcast"), "SOUND"),
            (Some("TV series episode"), None, "VIDEO"),
            (None, None, "VIDEO"),
        ] {
            let r = Reference {
                item_type: ItemType::Broadcast,
                genre: genre.map(str::to_string),
                medium: medium.map(str::to_string),
                ..Reference::default()
            };
            assert_eq!(ris_type(&r), want, "{genre:?} {medium:?}");
        }
    }

    #[test]
    fn editors_per_type() {
        let mut book = Reference {
            item_type: ItemType::Book,
            title: Some("T".into()),
            ..Reference::default()
        };
        book.add_names(Role::Editor, [Name::person("Ed", Some("E."))]);
        let t = record(&book, &mut Vec::new());
        assert!(t.starts_with("TY  - EDBOOK\n"), "{t}");
        assert_eq!(tags(&t, "AU"), ["Ed, E."]);
        book.add_names(Role::Author, [Name::person("Au", Some("A."))]);
        let t = record(&book, &mut Vec::new());
        assert!(t.starts_with("TY  - BOOK\n"));
        assert_eq!(tags(&t, "A3"), ["Ed, E."]);
        book.item_type = ItemType::Chapter;
        book.container_title = Some("Book".into());
        let t = record(&book, &mut Vec::new());
        assert_eq!(tags(&t, "A2"), ["Ed, E."]);
        assert_eq!(tags(&t, "T2"), ["Book"]);
        book.item_type = ItemType::Report;
        assert_eq!(tags(&record(&book, &mut Vec::new()), "ED"), ["Ed, E."]);
        book.add_names(Role::Translator, [Name::person("Tr", Some("T."))]);
        assert_eq!(tags(&record(&book, &mut Vec::new()), "A4"), ["Tr, T."]);
    }

    #[test]
    fn report_thesis_speech_web_fields() {
        let mut r = Reference {
            item_type: ItemType::Report,
            title: Some("R".into()),
            number: Some("NIH-21-123".into()),
            genre: Some("Technical report".into()),
            publisher: Some("NIMH".into()),
            isbn: Some("978-0".into()),
            ..Reference::default()
        };
        let t = record(&r, &mut Vec::new());
        assert_eq!(tags(&t, "SN"), ["NIH-21-123"]);
        assert_eq!(tags(&t, "M3"), ["Technical report"]);
        assert_eq!(tags(&t, "PB"), ["NIMH"]);
        assert_eq!(tags(&t, "M2"), ["ISBN: 978-0"]);
        r.item_type = ItemType::Thesis;
        r.genre = Some("Doctoral dissertation".into());
        let t = record(&r, &mut Vec::new());
        assert!(t.starts_with("TY  - THES\n"));
        assert_eq!(tags(&t, "M3"), ["Doctoral dissertation"]);
        assert_eq!(tags(&t, "SN"), ["978-0"]);
        r.item_type = ItemType::Speech;
        r.event_title = Some("Annual Meeting".into());
        r.event_place = Some("Denver, CO".into());
        r.publisher = None;
        let t = record(&r, &mut Vec::new());
        assert!(t.starts_with("TY  - SLIDE\n"));
        assert_eq!(tags(&t, "T2"), ["Annual Meeting"]);
        assert_eq!(tags(&t, "CY"), ["Denver, CO"]);
        let mut w = Reference {
            item_type: ItemType::Webpage,
            title: Some("Page".into()),
            publisher: Some("WHO".into()),
            url: Some("https://who.int".into()),
            volume: Some("3".into()),
            accessed: Some(Date::ymd(2021, Some(5), Some(1))),
            ..Reference::default()
        };
        let t = record(&w, &mut Vec::new());
        assert!(t.starts_with("TY  - ELEC\n"));
        assert_eq!(tags(&t, "T2"), ["WHO"]);
        // PB too, so that a reader can tell the site is the publisher.
        assert_eq!(tags(&t, "PB"), ["WHO"]);
        assert!(tags(&t, "VL").is_empty(), "{t}");
        assert_eq!(tags(&t, "Y2"), ["2021/05/01/"]);
        w.item_type = ItemType::Article;
        w.container_title = Some("PsyArXiv".into());
        w.publisher = None;
        let t = record(&w, &mut Vec::new());
        assert!(
            t.starts_with("TY  - JOUR\n") && tags(&t, "T2") == ["PsyArXiv"],
            "{t}"
        );
    }

    #[test]
    fn pages_elocators_and_ranges() {
        let mut r = article();
        r.page = Some("e0209899".into());
        let t = record(&r, &mut Vec::new());
        assert_eq!(tags(&t, "SP"), ["e0209899"]);
        assert!(tags(&t, "EP").is_empty());
        r.page = Some("1-5, 7–9".into());
        let t = record(&r, &mut Vec::new());
        assert_eq!(tags(&t, "SP"), ["1-5, 7-9"]);
        assert!(tags(&t, "EP").is_empty(), "never a range in SP plus an EP");
        r.issued = Some(Date {
            start: Some(DateParts {
                year: 2016,
                month: Some(3),
                day: Some(30),
            }),
            end: Some(DateParts {
                year: 2016,
                month: Some(4),
                day: Some(2),
            }),
            ..Date::default()
        });
        r.authors_elided = true;
        let mut d = Vec::new();
        let t = record(&r, &mut d);
        assert_eq!(tags(&t, "DA"), ["2016/03/30/"]);
        assert_eq!(d.len(), 2, "range and ellipsis reported: {d:?}");
    }

    #[test]
    fn values_never_wrap() {
        let mut r = article();
        r.title = Some("Line one\nline two\r\n\tend".into());
        let t = record(&r, &mut Vec::new());
        assert!(t.contains("TI  - Line one line two end\n"), "{t}");
    }

    #[test]
    fn dates() {
        let mut r = article();
        r.issued = Some(Date {
            status: DateStatus::NoDate,
            ..Date::default()
        });
        let t = record(&r, &mut Vec::new());
        assert!(!t.contains("PY  -") && !t.contains("DA  -"), "{t}");
        r.issued = Some(Date {
            status: DateStatus::InPress,
            ..Date::default()
        });
        assert!(record(&r, &mut Vec::new()).contains("DA  - in press\n"));
        r.issued = Some(Date::ymd(2020, Some(3), Some(5)));
        assert!(record(&r, &mut Vec::new()).contains("DA  - 2020/03/05/\n"));
        r.issued = Some(Date {
            season: Some(Season::Spring),
            ..Date::year(2015)
        });
        let t = record(&r, &mut Vec::new());
        assert!(t.contains("PY  - 2015\nDA  - Spring 2015\n"), "{t}");
    }
}
