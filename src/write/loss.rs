//! What a target format cannot carry: one warning per record and field,
//! shared by all writers ([`super::writer_for`] adds them to what each
//! writer reports itself).
//!
//! The writers already report what they move into a note (`bibtex: no
//! `article` field for volume; written to `note``), what they write only in
//! part (`ris: RIS has one date; the start of the date range is written`)
//! and characters they transliterate. This check names the data that does
//! not reach the output at all, or not in a form any reader gets back:
//!
//! | data | lost in |
//! |---|---|
//! | item type | BibTeX (newspaper, magazine, blog post, entry, data set, film …), BibLaTeX (newspaper vs magazine, blog post, film …), CSL-JSON for Zotero (`software` is written as `book`) |
//! | year suffix (`2019a`) | BibTeX, BibLaTeX |
//! | case-protected title spans | RIS, CSV, CSL-JSON, APA |
//! | elided author list (`…`) | CSL-JSON (RIS reports it itself) |
//! | ISBN, ISSN, PMID, abstract, keywords, language, note, series, place of a book or article, access date next to a DOI, URL next to a DOI, contributors APA does not print | APA |
//!
//! `tests/read_back.rs` checks this table against real round trips: every
//! field that differs after writing and reading back is reported, either
//! here or by the writer.

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
        Format::Bibtex => matches!(
            t,
            T::ArticleJournal
                | T::Article
                | T::Book
                | T::Chapter
                | T::PaperConference
                | T::Report
                | T::Thesis
                | T::Manuscript
                | T::Document
        ),
        Format::Biblatex => matches!(
            t,
            T::ArticleJournal
                | T::ArticleMagazine
                | T::Article
                | T::Book
                | T::Chapter
                | T::EntryEncyclopedia
                | T::EntryDictionary
                | T::PaperConference
                | T::Report
                | T::Thesis
                | T::Webpage
                | T::Software
                | T::Manuscript
                | T::Document
        ) || (t == T::Dataset && nonempty(&r.genre).is_some_and(|g| g.to_lowercase().contains("data")))
            || (t == T::Speech && nonempty(&r.genre).is_some()),
    }
}

/// Warnings for what `format` cannot carry of `r`.
pub fn check(format: Format, r: &Reference) -> Vec<Diagnostic> {
    let line = r.line();
    let name = format.name();
    let mut out = Vec::new();
    let mut warn = |field: Field, what: String| {
        out.push(Diagnostic::warning(line, Some(field), format!("{name}: {what}")));
    };
    if !keeps_type(format, r) {
        let how = match format {
            Format::CslJson => "written as `book` with a version, for Zotero".to_string(),
            _ => "read back as a more general type".to_string(),
        };
        warn(
            Field::Type,
            format!("no own type for `{}`; {how}", r.item_type.csl_name()),
        );
    }
    let suffix = r
        .issued
        .as_ref()
        .and_then(|d| d.suffix.as_deref())
        .filter(|s| !s.is_empty());
    if let Some(s) = suffix
        && matches!(format, Format::Bibtex | Format::Biblatex)
    {
        warn(
            Field::Issued,
            format!("no field for the year suffix `{s}`; dropped (styles assign it from the list)"),
        );
    }
    if !r.title_protected.is_empty()
        && matches!(
            format,
            Format::Ris | Format::Csv | Format::CslJson | Format::Apa | Format::ApaHtml
        )
    {
        warn(
            Field::Title,
            "no mark for case-protected spans of the title; the text is kept as it is".into(),
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
        ("series number", &r.collection_number, Field::CollectionTitle),
    ] {
        if nonempty(v).is_some() {
            dropped.push((label, f));
        }
    }
    if !r.keywords.is_empty() {
        dropped.push(("keywords", Field::Note));
    }
    if let Some(n) = nonempty(&r.note) {
        // The handle of a social-media author is printed.
        if n.lines().any(|l| !l.starts_with("Handle: ")) {
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
        Role::Contributor,
        Role::Interviewer,
    ] {
        if r.has_role(role) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Name};

    #[test]
    fn bibtex_loses_the_year_suffix_and_the_newspaper_type() {
        let r = Reference {
            item_type: ItemType::ArticleNewspaper,
            issued: Some(Date {
                suffix: Some("a".into()),
                ..Date::year(2020)
            }),
            ..Reference::default()
        };
        let d = check(Format::Bibtex, &r);
        let m: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            m,
            [
                "bibtex: no own type for `article-newspaper`; read back as a more general type",
                "bibtex: no field for the year suffix `a`; dropped (styles assign it from the list)"
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
