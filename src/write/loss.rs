//! What a target format cannot carry: warnings per record and field,
//! shared by all writers ([`super::writer_for`] adds them to what each
//! writer reports itself).
//!
//! The writers already report what they move into a note (`bibtex: no
//! `article` field for volume; written to `note``), what they write only in
//! part (`ris: RIS has one date; the start of the date range is written`)
//! and characters they transliterate. This module names the rest:
//!
//! * [`readback`]: BibTeX and BibLaTeX entries are read back as they are
//!   written, and every value that does not come back is named (the item
//!   type, the year suffix, a container, publisher, event, genre, number …
//!   that reads back as another field, is kept only in `note`, or is
//!   dropped);
//! * [`check`], by rule: case-protected title spans (RIS, CSV, CSL-JSON,
//!   APA), the elision marker (CSL-JSON), `software` written as `book` for
//!   Zotero (CSL-JSON), keywords holding the list separator (CSV, CSL-JSON,
//!   BibTeX), and for APA 7 everything the style does not print (ISBN,
//!   ISSN, PMID, abstract, keywords, language, note, series, place of a
//!   book or article, the URL or access date next to a DOI, contributors
//!   APA leaves out, authors past the 20th but the last).
//!
//! `tests/read_back.rs` checks these against real round trips: every field
//! that differs after writing and reading back is named by a diagnostic.

use super::Format;
use crate::diag::Diagnostic;
use crate::model::{DateStatus, Field, ItemType, Reference, Role};

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Whether `format` writes the item type of `r` so that it reads back.
pub fn keeps_type(format: Format, r: &Reference) -> bool {
    use ItemType as T;
    let t = r.item_type;
    match format {
        Format::Csv | Format::Apa | Format::ApaHtml | Format::Ris => true,
        Format::CslJson => t != T::Software,
        // Checked on the written entry read back ([`readback`]).
        Format::Bibtex | Format::Biblatex => true,
    }
}

/// Warnings for what `format` cannot carry of `r`.
pub fn check(format: Format, r: &Reference) -> Vec<Diagnostic> {
    let line = r.line();
    let name = format.name();
    let mut out = Vec::new();
    let mut warn = |field: Field, what: String| {
        out.push(Diagnostic::warning(
            line,
            Some(field),
            format!("{name}: {what}"),
        ));
    };
    if !keeps_type(format, r) {
        warn(
            Field::Type,
            format!(
                "no own type for `{}`; written as `book` with a version, for Zotero",
                r.item_type.csl_name()
            ),
        );
    }
    // Case-protected spans of a title (`{NASA}` in BibTeX) have no mark
    // in RIS, CSV, CSL-JSON or APA text, but the title's text, capitals
    // included, is kept as it is: not reported, since nothing a reader of
    // those formats sees is lost.
    // Keywords are joined into one value (`; ` in CSV, `, ` in CSL-JSON
    // and BibTeX; RIS readers split a `KW` on `;`): one that holds a
    // separator comes back as two.
    let seps: &[char] = match format {
        // RIS has one `KW` per keyword, but readers split a value on `;`.
        Format::Csv | Format::Ris => &[';'],
        Format::CslJson | Format::Bibtex | Format::Biblatex => &[',', ';'],
        _ => &[],
    };
    for k in r.keywords.iter().filter(|k| k.contains(seps)) {
        warn(
            Field::Note,
            format!("keyword `{k}` holds a list separator; it reads back as more than one keyword"),
        );
    }
    if r.authors_elided && format == Format::CslJson {
        warn(
            Field::Author,
            "no marker for an elided author list; only the names given are written".into(),
        );
    }
    if matches!(format, Format::Apa | Format::ApaHtml) {
        apa_losses(r, &mut warn);
    }
    if matches!(format, Format::Bibtex | Format::Biblatex) {
        let noted = bib_note_only(format, r);
        if !noted.is_empty() {
            let ty = super::bibtex::entry_type(
                r,
                if format == Format::Bibtex {
                    super::bibtex::Dialect::Bibtex
                } else {
                    super::bibtex::Dialect::Biblatex
                },
            );
            warn(
                Field::Note,
                format!(
                    "no `{ty}` field for {}; kept only in `note`",
                    noted.join(", ")
                ),
            );
        }
    }
    out
}

/// What the BibTeX writers put into `note` without a diagnostic of their
/// own (they report the fields they move for the data model's sake).
fn bib_note_only(format: Format, r: &Reference) -> Vec<&'static str> {
    let classic = format == Format::Bibtex;
    let dialect = if classic {
        super::bibtex::Dialect::Bibtex
    } else {
        super::bibtex::Dialect::Biblatex
    };
    let ty = super::bibtex::entry_type(r, dialect);
    let mut out = Vec::new();
    let it = r.item_type;
    if classic
        && (nonempty(&r.medium).is_some()
            || (nonempty(&r.genre).is_some() && !matches!(it, ItemType::Thesis | ItemType::Report))
            || (it == ItemType::Article && ty == "article"))
    {
        out.push("the description (genre, medium)");
    }
    if nonempty(&r.title_translated).is_some() {
        out.push("the translated title");
    }
    if nonempty(&r.container_title).is_some() {
        let has_field = match ty {
            "article" | "incollection" | "inbook" | "inreference" | "inproceedings" => true,
            "book" | "collection" => true,
            "online" | "misc" => !classic && nonempty(&r.publisher).is_none(),
            _ => false,
        };
        if !has_field {
            out.push("the container title");
        }
    }
    if nonempty(&r.event_title).is_some() && ty != "inproceedings" {
        out.push("the event");
    }
    if nonempty(&r.event_place).is_some() && it != ItemType::Speech {
        out.push("the event place");
    }
    if classic && r.original_date.is_some() {
        out.push("the original date");
    }
    if nonempty(&r.authority).is_some() {
        out.push("the court");
    }
    if nonempty(&r.section).is_some() {
        out.push("the section");
    }
    if nonempty(&r.archive).is_some() {
        out.push("the archive");
    }
    if nonempty(&r.status).is_some() {
        out.push("the publication status");
    }
    if it == ItemType::Report
        && nonempty(&r.genre).is_some()
        && !matches!(ty, "report" | "techreport")
    {
        out.push("the report type");
    }
    out
}

fn apa_losses(r: &Reference, warn: &mut impl FnMut(Field, String)) {
    let mut dropped: Vec<(&str, Field)> = Vec::new();
    for (label, v, f) in [
        ("ISBN", &r.isbn, Field::Isbn),
        ("ISSN", &r.issn, Field::Issn),
        ("PMID", &r.pmid, Field::Note),
        ("abstract", &r.abstract_text, Field::Note),
        ("language", &r.language, Field::Note),
        ("series", &r.collection_title, Field::CollectionTitle),
        (
            "series number",
            &r.collection_number,
            Field::CollectionTitle,
        ),
    ] {
        // The series of reports and preprints is printed.
        if label == "series" && matches!(r.item_type, ItemType::Report | ItemType::Article) {
            continue;
        }
        if nonempty(v).is_some() {
            dropped.push((label, f));
        }
    }
    if !r.keywords.is_empty() {
        dropped.push(("keywords", Field::Note));
    }
    if let Some(n) = nonempty(&r.note) {
        // The handle of a social-media author and a reprint's source are
        // printed.
        if n.lines().any(|l| {
            !l.starts_with("Handle: ")
                && !l.starts_with("Reprinted from ")
                && !l.starts_with("Reprinted in ")
        }) {
            dropped.push(("note", Field::Note));
        }
    }
    if nonempty(&r.publisher_place).is_some()
        && !matches!(r.item_type, ItemType::Speech | ItemType::PaperConference)
    {
        dropped.push(("place of publication (APA 7 leaves it out)", Field::Place));
    }
    if nonempty(&r.event_place).is_some()
        && !matches!(r.item_type, ItemType::Speech | ItemType::PaperConference)
    {
        dropped.push(("event place", Field::Place));
    }
    if nonempty(&r.event_title).is_some()
        && !matches!(r.item_type, ItemType::Speech | ItemType::PaperConference)
    {
        dropped.push(("event", Field::EventTitle));
    }
    if nonempty(&r.doi).is_some() && nonempty(&r.url).is_some() {
        dropped.push(("URL (the DOI is printed instead)", Field::Url));
    }
    if r.accessed.is_some() && (nonempty(&r.doi).is_some() || nonempty(&r.url).is_none()) {
        dropped.push(("access date", Field::Accessed));
    }
    if r.issued
        .as_ref()
        .is_some_and(|d| d.status == DateStatus::InPress && d.start.is_some())
    {
        dropped.push(("year of an in-press work", Field::Issued));
    }
    for role in [
        Role::ReviewedAuthor,
        Role::CollectionEditor,
        Role::Chair,
        Role::Contributor,
        Role::Interviewer,
    ] {
        let printed = match role {
            Role::CollectionEditor => super::apa::prints_series_editors(r),
            Role::Chair => super::apa::prints_chairs(r),
            _ => false,
        };
        if r.has_role(role) && !printed {
            dropped.push((role.csl_name(), Field::Contributor));
        }
    }
    // Roles printed only in the author position.
    let has_author = r.has_role(Role::Author);
    let mut creator_printed = has_author || r.has_role(Role::Editor);
    for role in [
        Role::Director,
        Role::Host,
        Role::Producer,
        Role::Composer,
        Role::Performer,
    ] {
        if r.has_role(role) {
            if creator_printed {
                dropped.push((role.csl_name(), Field::Contributor));
            }
            creator_printed = true;
        }
    }
    let names: usize = r.names(Role::Author).count();
    if names > 20 {
        dropped.push((
            "authors 20 to the last but one (APA 7 prints 19, `. . .` and the last)",
            Field::Author,
        ));
    }
    for (what, field) in dropped {
        warn(field, format!("APA 7 does not print the {what}; dropped"));
    }
}

/// A value as compared across a round trip: dashes unified, variation
/// selectors (invisible; the LaTeX encoder drops them) removed, spaces
/// collapsed, `--` read as `-`. Public for the round-trip tests and
/// examples.
#[doc(hidden)]
pub fn norm(s: &str) -> String {
    let t: String = s
        .chars()
        .filter(|c| !matches!(c, '\u{fe0e}' | '\u{fe0f}'))
        .map(|c| match c {
            '–' | '—' | '‒' | '−' | '‐' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("--", "-")
}

/// `4th`, `Fourth edition` → `4`.
fn edition_key(e: &str) -> String {
    crate::read::edition_number(e)
}

/// A compared value: label, word the writers use for it, field, value
/// written, value read back.
type Compared<'a> = (
    &'a str,
    &'a str,
    Field,
    &'a Option<String>,
    &'a Option<String>,
);

/// Compares a record with what a reader makes of its written form (the
/// BibTeX writers: [`super::writer_for`] reads each entry back) and names
/// every value that does not come back, unless the writer's own
/// diagnostics (`already`) name it: kept only in `note`, read back as
/// another field, or dropped.
pub fn readback(
    format: Format,
    r: &Reference,
    back: &Reference,
    already: &[Diagnostic],
) -> Vec<Diagnostic> {
    let name = format.name();
    let line = r.line();
    let mut out = Vec::new();
    let note = back.note.as_deref().map(norm).unwrap_or_default();
    let said = |label: &str| {
        already
            .iter()
            .any(|d| d.message.to_lowercase().contains(&label.to_lowercase()))
    };
    if r.item_type != back.item_type {
        out.push(Diagnostic::warning(
            line,
            Some(Field::Type),
            format!(
                "{name}: no entry type for `{}`; it reads back as `{}`",
                r.item_type.csl_name(),
                back.item_type.csl_name()
            ),
        ));
    }
    let sfx = |r: &Reference| r.issued.as_ref().and_then(|d| d.suffix.clone());
    if let Some(s) = sfx(r).filter(|s| !s.is_empty())
        && sfx(back).as_deref() != Some(s.as_str())
    {
        out.push(Diagnostic::warning(
            line,
            Some(Field::Issued),
            format!("{name}: no field for the year suffix `{s}`; dropped (styles assign it from the list)"),
        ));
    }
    let first_group = r.names(crate::model::Role::Author).find_map(|n| match n {
        crate::model::Name::Literal(l) => Some(norm(l)),
        _ => None,
    });
    // What only says what the type says.
    let default_genre = |r: &Reference, g: &str| {
        let g = g.to_lowercase();
        matches!(
            (r.item_type, g.as_str()),
            (ItemType::Article, "preprint")
                | (ItemType::Dataset, "data set")
                | (ItemType::Software, "computer software")
        )
    };
    let fields: [Compared<'_>; 17] = [
        (
            "container title",
            "container",
            Field::ContainerTitle,
            &r.container_title,
            &back.container_title,
        ),
        (
            "publisher",
            "publisher",
            Field::Publisher,
            &r.publisher,
            &back.publisher,
        ),
        (
            "event",
            "event",
            Field::EventTitle,
            &r.event_title,
            &back.event_title,
        ),
        (
            "event place",
            "place",
            Field::Place,
            &r.event_place,
            &back.event_place,
        ),
        (
            "place",
            "place",
            Field::Place,
            &r.publisher_place,
            &back.publisher_place,
        ),
        ("genre", "description", Field::Genre, &r.genre, &back.genre),
        (
            "medium",
            "description",
            Field::Genre,
            &r.medium,
            &back.medium,
        ),
        ("number", "number", Field::Number, &r.number, &back.number),
        ("pages", "pages", Field::Page, &r.page, &back.page),
        ("volume", "volume", Field::Volume, &r.volume, &back.volume),
        ("issue", "issue", Field::Issue, &r.issue, &back.issue),
        (
            "series",
            "series",
            Field::CollectionTitle,
            &r.collection_title,
            &back.collection_title,
        ),
        (
            "translated title",
            "translated title",
            Field::TitleTranslated,
            &r.title_translated,
            &back.title_translated,
        ),
        (
            "archive",
            "archive",
            Field::Archive,
            &r.archive,
            &back.archive,
        ),
        ("status", "status", Field::Status, &r.status, &back.status),
        ("court", "court", Field::Note, &r.authority, &back.authority),
        ("section", "section", Field::Note, &r.section, &back.section),
    ];
    for (label, word, field, a, b) in fields {
        let Some(va) = a.as_deref().map(norm).filter(|v| !v.is_empty()) else {
            continue;
        };
        let vb = b.as_deref().map(norm).unwrap_or_default();
        if va == vb || said(word) {
            continue;
        }
        if field == Field::Genre && default_genre(r, &va) && vb.is_empty() {
            continue;
        }
        if field == Field::Publisher && Some(&va) == first_group.as_ref() {
            continue;
        }
        if field == Field::Status
            && back
                .issued
                .as_ref()
                .is_some_and(|d| d.status != crate::model::DateStatus::Dated)
        {
            continue;
        }
        let how = if !vb.is_empty() {
            format!("reads back as `{vb}`")
        } else if let Some(other) = [
            (&back.container_title, "the container title"),
            (&back.publisher, "the publisher"),
            (&back.event_title, "the event"),
            (&back.page, "pages"),
            (&back.number, "the number"),
            (&back.genre, "the genre"),
            (&back.publisher_place, "the place"),
            (&back.event_place, "the event place"),
        ]
        .iter()
        .find(|(v, _)| v.as_deref().map(norm).as_deref() == Some(va.as_str()))
        {
            format!("reads back as {}", other.1)
        } else if note.contains(&va) {
            "is kept only in `note`".to_string()
        } else {
            "is dropped".to_string()
        };
        out.push(Diagnostic::warning(
            line,
            Some(field),
            format!("{name}: the {label} `{va}` {how}"),
        ));
    }
    if let Some(e) = r.edition.as_deref().filter(|e| !e.trim().is_empty())
        && back.edition.as_deref().map(edition_key) != Some(edition_key(e))
        && !said("edition")
    {
        out.push(Diagnostic::warning(
            line,
            Some(Field::Edition),
            format!("{name}: the edition `{e}` does not read back"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Name};

    #[test]
    fn readback_names_what_does_not_come_back() {
        let r = Reference {
            item_type: ItemType::ArticleNewspaper,
            issued: Some(Date {
                suffix: Some("a".into()),
                ..Date::year(2020)
            }),
            archive: Some("ProQuest".into()),
            ..Reference::default()
        };
        let back = Reference {
            item_type: ItemType::ArticleJournal,
            issued: Some(Date::year(2020)),
            note: Some("ProQuest".into()),
            ..Reference::default()
        };
        let d = readback(Format::Bibtex, &r, &back, &[]);
        let m: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            m,
            [
                "bibtex: no entry type for `article-newspaper`; it reads back as `article-journal`",
                "bibtex: no field for the year suffix `a`; dropped (styles assign it from the list)",
                "bibtex: the archive `ProQuest` is kept only in `note`"
            ]
        );
        assert!(check(Format::Csv, &r).is_empty());
        assert!(check(Format::Ris, &r).is_empty());
    }

    #[test]
    fn apa_names_what_it_does_not_print() {
        let mut r = Reference {
            item_type: ItemType::Book,
            isbn: Some("978-0".into()),
            publisher_place: Some("London".into()),
            ..Reference::default()
        };
        r.add_names(Role::Author, [Name::person("A", Some("B."))]);
        let d = check(Format::Apa, &r);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].message, "apa: APA 7 does not print the ISBN; dropped");
        assert_eq!(d[0].field, Some(Field::Isbn));
    }
}
