//! The readers on real-looking files (`tests/fixtures/`): a Zotero RIS
//! export (BOM, CRLF, HTML note), a database RIS file (header, wrapped
//! lines, `A1`/`T1`/`JF`/`Y1`/`N2`), a JabRef BibTeX file (`@string`,
//! month macros, accents, crossref, `and others`, `{Group}` names), a
//! Zotero BibLaTeX export, a Zotero CSL-JSON export and a CSV file in
//! refmill's columns; malformed files of each format with the exact
//! diagnostics; format detection; streaming; and no panic on any input.

use proptest::prelude::*;
use refmill::diag::Severity;
use refmill::model::{Date, DateStatus, ItemType, Name, Person, Reference, Role, Season};
use refmill::read::{self, Confidence, InputFormat, ReadOutput};
use std::path::Path;

fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(p).expect("fixture")
}

fn read(name: &str) -> ReadOutput {
    let text = fixture(name);
    let (format, _) = read::detect(&text);
    read::read_all(format, &text)
}

fn person(family: &str, given: &str) -> Name {
    Name::person(family, Some(given))
}

fn names(r: &Reference, role: Role) -> Vec<Name> {
    r.names(role).cloned().collect()
}

fn messages(out: &ReadOutput) -> Vec<(usize, Severity, String)> {
    out.diagnostics()
        .into_iter()
        .map(|d| (d.line, d.severity, d.message))
        .collect()
}

#[test]
fn detection_of_every_fixture() {
    for (name, want, conf) in [
        ("zotero-export.ris", InputFormat::Ris, Confidence::Certain),
        ("pubmed.ris", InputFormat::Ris, Confidence::Certain),
        ("jabref.bib", InputFormat::Bibtex, Confidence::Likely),
        (
            "zotero-biblatex.bib",
            InputFormat::Biblatex,
            Confidence::Certain,
        ),
        ("zotero.json", InputFormat::CslJson, Confidence::Certain),
        ("refmill.csv", InputFormat::Csv, Confidence::Likely),
        ("malformed.json", InputFormat::CslJson, Confidence::Likely),
    ] {
        assert_eq!(read::detect(&fixture(name)), (want, conf), "{name}");
    }
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/seed-references.txt"),
    )
    .expect("seed");
    assert_eq!(read::detect(&seed), (InputFormat::Apa, Confidence::Likely));
}

#[test]
fn zotero_ris_export() {
    let out = read("zotero-export.ris");
    assert!(out.skipped.is_empty() && out.diagnostics().is_empty());
    let r: Vec<&Reference> = out.records.iter().map(|r| &r.reference).collect();
    assert_eq!(r.len(), 5);
    let a = r[0];
    assert_eq!(a.item_type, ItemType::ArticleJournal);
    assert_eq!(a.issued, Some(Date::ymd(2017, Some(10), None)));
    assert_eq!(a.accessed, Some(Date::ymd(2021, Some(5), Some(1))));
    assert_eq!(a.page.as_deref(), Some("1302-1305"));
    assert_eq!(a.doi.as_deref(), Some("10.1177/0269881117705089"));
    assert_eq!(a.url, None, "the doi.org link of the DOI is not kept twice");
    assert_eq!(a.pmid.as_deref(), Some("28441895"), "from the HTML note");
    assert_eq!(a.issn.as_deref(), Some("0269-8811"));
    assert_eq!(a.keywords, ["anxiety", "ketamine"]);
    assert_eq!(a.note.as_deref(), Some("DP: SAGE Journals"));
    assert_eq!(a.span.as_ref().map(|s| (s.line, s.end_line)), Some((1, 24)));
    let c = r[1];
    assert_eq!(c.item_type, ItemType::Chapter);
    assert_eq!(names(c, Role::Editor).len(), 3);
    assert_eq!(c.isbn.as_deref(), Some("978-1-4338-2977-3"));
    assert_eq!(c.publisher_place.as_deref(), Some("Washington, DC"));
    let b = r[2];
    assert_eq!(names(b, Role::Translator), [person("Weaver", "Helen")]);
    assert_eq!(b.edition.as_deref(), Some("2"));
    let t = r[3];
    assert_eq!(
        (
            t.genre.as_deref(),
            t.archive.as_deref(),
            t.number.as_deref()
        ),
        (
            Some("Doctoral dissertation"),
            Some("ProQuest Dissertations and Theses Global"),
            Some("10169573")
        )
    );
    let w = r[4];
    assert_eq!(w.item_type, ItemType::Webpage);
    assert_eq!(
        names(w, Role::Author),
        [Name::literal("U.S. Census Bureau")]
    );
    assert_eq!(
        w.container_title.as_deref(),
        Some("U.S. Department of Commerce")
    );
}

#[test]
fn database_ris_with_header_and_wrapped_lines() {
    let out = read("pubmed.ris");
    assert_eq!(
        messages(&out),
        [(
            1,
            Severity::Warning,
            "ris: text before the first record (a header?); not read".to_string()
        )]
    );
    let a = &out.records[0].reference;
    assert_eq!(
        a.title.as_deref(),
        Some(
            "Shared attention in infancy: a longitudinal study of joint looking in the first year"
        )
    );
    assert_eq!(
        names(a, Role::Author)[0],
        Name::Person(Person {
            family: "Meer".into(),
            particle: Some("van der".into()),
            given: Some("A.".into()),
            ..Person::default()
        })
    );
    assert_eq!(a.container_title.as_deref(), Some("Developmental Science"));
    assert_eq!(a.issued, Some(Date::ymd(2020, Some(3), Some(15))));
    assert_eq!(a.doi.as_deref(), Some("10.1111/desc.12890"), "a DOI in M3");
    assert_eq!(a.keywords, ["infancy", "attention", "development"]);
    assert_eq!(
        a.abstract_text.as_deref(),
        Some("Infants share attention with caregivers.\nJoint looking grows over the first year.")
    );
    let rep = &out.records[1].reference;
    assert_eq!(rep.item_type, ItemType::Report);
    assert_eq!(rep.number.as_deref(), Some("18-2059"));
    assert_eq!(rep.genre.as_deref(), Some("NIH Publication"));
}

#[test]
fn jabref_bibtex() {
    let out = read("jabref.bib");
    assert!(out.skipped.is_empty(), "{:?}", out.skipped);
    assert!(out.diagnostics().is_empty(), "{:?}", out.diagnostics());
    let by_id = |id: &str| {
        out.records
            .iter()
            .map(|r| &r.reference)
            .find(|r| r.id.as_deref() == Some(id))
            .expect("entry")
    };
    let g = by_id("Glue2017");
    assert_eq!(
        g.container_title.as_deref(),
        Some("Journal of Psychopharmacology")
    );
    assert_eq!(g.issued, Some(Date::ymd(2017, Some(10), None)));
    assert!(g.authors_elided);
    assert_eq!(g.issue.as_deref(), Some("10"));
    assert_eq!(g.keywords, ["anxiety", "ketamine"]);
    let t = g.title.as_deref().expect("title");
    let prot: Vec<&str> = g.title_protected.iter().map(|&(a, b)| &t[a..b]).collect();
    assert_eq!(prot, ["treatment-refractory"]);
    let m = by_id("Meer2020");
    assert_eq!(
        m.title.as_deref(),
        Some("Shared attention in österreichische Infants: NASA and the École normale")
    );
    let t = m.title.as_deref().expect("title");
    let prot: Vec<&str> = m.title_protected.iter().map(|&(a, b)| &t[a..b]).collect();
    assert_eq!(prot, ["I", "NASA"], "accent groups are not protections");
    assert_eq!(
        names(m, Role::Author),
        [
            Name::Person(Person {
                family: "Meer".into(),
                particle: Some("van der".into()),
                given: Some("Anna".into()),
                ..Person::default()
            }),
            // A braced family name keeps its particle.
            person("de la Cruz", "Jorge"),
            Name::Person(Person {
                family: "King".into(),
                given: Some("Martin Luther".into()),
                suffix: Some("Jr.".into()),
                ..Person::default()
            }),
        ]
    );
    let apa = by_id("APA2020");
    assert_eq!(
        names(apa, Role::Author),
        [Name::literal("American Psychological Association")]
    );
    assert_eq!(
        apa.publisher.as_deref(),
        Some("American Psychological Association")
    );
    assert_eq!(apa.edition.as_deref(), Some("7"));
    let p = by_id("Bedenel2019");
    assert_eq!(p.item_type, ItemType::PaperConference);
    assert_eq!(
        p.container_title.as_deref(),
        Some("Learning and Intelligent Optimization")
    );
    assert_eq!(p.publisher.as_deref(), Some("Springer"));
    assert_eq!(p.year(), Some(2019));
    assert_eq!(names(p, Role::Editor).len(), 4, "editors from the crossref");
    let th = by_id("Kabir2016");
    assert_eq!(th.genre.as_deref(), Some("Doctoral dissertation"));
    assert_eq!(th.publisher.as_deref(), Some("Wilmington University"));
    let w = by_id("WHO2018");
    assert_eq!(w.item_type, ItemType::Webpage);
    assert_eq!(
        w.url.as_deref(),
        Some("https://www.who.int/emergencies/diseases/managing-epidemics-interactive.pdf")
    );
    assert_eq!(by_id("Lee2021").item_type, ItemType::Manuscript);
}

#[test]
fn zotero_biblatex_export() {
    let out = read("zotero-biblatex.bib");
    assert!(out.skipped.is_empty() && out.diagnostics().is_empty());
    let r: Vec<&Reference> = out.records.iter().map(|r| &r.reference).collect();
    assert_eq!(r[0].issued, Some(Date::ymd(2019, Some(1), Some(4))));
    assert_eq!(r[0].accessed, Some(Date::ymd(2021, Some(5), Some(1))));
    assert_eq!(r[0].container_title.as_deref(), Some("Science"));
    assert_eq!(r[0].issue.as_deref(), Some("6422"));
    assert!(
        r[0].note
            .as_deref()
            .is_some_and(|n| n.contains("file: Full Text")),
        "unknown fields are kept in the note"
    );
    assert_eq!(r[1].item_type, ItemType::Webpage);
    assert_eq!(
        r[1].container_title.as_deref(),
        Some("The New York Times"),
        "Zotero's site name in titleaddon"
    );
    assert_eq!(r[1].language.as_deref(), Some("english"));
    assert_eq!(r[2].item_type, ItemType::Chapter);
    assert_eq!(names(r[2], Role::Editor).len(), 3);
    assert_eq!(r[2].edition.as_deref(), Some("4"));
    assert_eq!(r[3].genre.as_deref(), Some("Master’s thesis"));
    assert_eq!(
        r[3].publisher.as_deref(),
        Some("The College of William & Mary")
    );
    let s = r[4];
    assert_eq!(s.item_type, ItemType::Speech);
    assert_eq!(s.genre.as_deref(), Some("Poster presentation"));
    assert_eq!(
        s.event_title.as_deref(),
        Some("Australian Psychological Society Congress")
    );
    assert_eq!(s.event_place.as_deref(), Some("Sydney, Australia"));
    assert_eq!(
        s.issued.as_ref().and_then(|d| d.end).and_then(|e| e.day),
        Some(30)
    );
    assert_eq!(
        (
            r[5].item_type,
            r[5].genre.as_deref(),
            r[5].number.as_deref()
        ),
        (ItemType::Report, Some("Working Paper"), Some("17577"))
    );
    assert_eq!(
        (
            r[6].item_type,
            r[6].version.as_deref(),
            r[6].publisher.as_deref()
        ),
        (ItemType::Software, Some("3.3.070"), Some("Biostat"))
    );
    assert_eq!(r[7].item_type, ItemType::Dataset);
}

#[test]
fn zotero_csl_json_export() {
    let out = read("zotero.json");
    assert!(out.skipped.is_empty() && out.diagnostics().is_empty());
    let r: Vec<&Reference> = out.records.iter().map(|r| &r.reference).collect();
    assert_eq!(r[0].pmid.as_deref(), Some("28441895"), "Extra line in note");
    assert_eq!(
        names(r[0], Role::Author)[1],
        Name::Person(Person {
            family: "Berg".into(),
            particle: Some("van der".into()),
            given: Some("Anna".into()),
            ..Person::default()
        }),
        "particle inside `family` (Zotero) split off"
    );
    assert_eq!(r[0].issued, Some(Date::ymd(2017, Some(10), None)));
    assert_eq!(
        r[1].original_date.as_ref().and_then(|d| d.year_value()),
        Some(1900)
    );
    assert_eq!(names(r[1], Role::Translator), [person("Strachey", "James")]);
    assert_eq!(
        r[2].issued.as_ref().map(|d| d.status),
        Some(DateStatus::InPress)
    );
    assert_eq!(
        r[3].issued.as_ref().and_then(|d| d.end).and_then(|e| e.day),
        Some(30)
    );
    assert_eq!(r[4].item_type, ItemType::LegalCase);
    assert_eq!(r[4].year(), Some(1954));
    assert_eq!(r[4].authority.as_deref(), Some("Supreme Court"));
    let d = r[5].issued.as_ref().expect("dated");
    assert_eq!(
        (d.season, d.suffix.as_deref()),
        (Some(Season::Spring), Some("b"))
    );
}

#[test]
fn refmill_csv() {
    let out = read("refmill.csv");
    assert!(out.skipped.is_empty() && out.diagnostics().is_empty());
    let r: Vec<&Reference> = out.records.iter().map(|r| &r.reference).collect();
    assert_eq!(
        names(r[0], Role::Author)[1],
        Name::literal("University of California, Berkeley")
    );
    assert_eq!(r[0].issued, Some(Date::ymd(2020, Some(3), Some(15))));
    assert_eq!(
        r[0].note.as_deref(),
        Some("=not a formula\ncustom_column: kept"),
        "formula guard undone; unknown columns kept"
    );
    assert_eq!(r[1].note.as_deref(), Some("Line one\r\nline two"));
    assert_eq!(
        r[1].span.as_ref().map(|s| (s.line, s.end_line)),
        Some((3, 4))
    );
    assert_eq!(
        r[2].issued.as_ref().map(|d| d.status),
        Some(DateStatus::NoDate)
    );
    assert_eq!(r[2].status.as_deref(), Some("advance online publication"));
}

#[test]
fn malformed_bibtex_is_reported_and_the_rest_read() {
    let out = read("malformed.bib");
    let ids: Vec<_> = out
        .records
        .iter()
        .map(|r| r.reference.id.clone().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["ok1", "ok2"]);
    assert_eq!(
        messages(&out),
        [
            (
                6,
                Severity::Error,
                "bibtex: entry `@article{unclosed` is not closed (unbalanced braces); not read"
                    .to_string()
            ),
            (
                13,
                Severity::Error,
                "bibtex: entry not read: expected comma (column 3)".to_string()
            ),
            (
                16,
                Severity::Warning,
                "bibtex: undefined macro `undefinedmacro` read as its name".to_string()
            ),
            (
                18,
                Severity::Error,
                "bibtex: entry `@misc{badcommand` is not closed (unbalanced braces); not read"
                    .to_string()
            ),
        ]
    );
    assert_eq!(
        (out.skipped[0].line, out.skipped[0].end_line),
        (6, 9),
        "the unclosed entry ends before the next entry"
    );
    assert!(out.skipped[0].raw.starts_with("@article{unclosed,"));
}

#[test]
fn malformed_ris_is_reported_and_the_rest_read() {
    let out = read("malformed.ris");
    let titles: Vec<_> = out
        .records
        .iter()
        .map(|r| r.reference.title.clone().unwrap_or_default())
        .collect();
    // The empty record (`TY` then `ER`) is kept, with a warning.
    assert_eq!(titles, ["First", "", "Third"]);
    assert_eq!(
        messages(&out),
        [
            (
                5,
                Severity::Error,
                "ris: text outside a record (no `TY  - ` line before it); not read".to_string()
            ),
            (
                7,
                Severity::Warning,
                "ris: record with no value".to_string()
            ),
            (
                10,
                Severity::Warning,
                "ris: record from line 9 ends without an `ER` line".to_string()
            ),
        ]
    );
}

#[test]
fn malformed_csl_json_is_reported_and_the_rest_read() {
    let out = read("malformed.json");
    let titles: Vec<_> = out
        .records
        .iter()
        .map(|r| r.reference.title.clone().unwrap_or_default())
        .collect();
    assert_eq!(titles, ["First", "Fourth"]);
    assert_eq!(
        messages(&out),
        [
            (
                3,
                Severity::Error,
                "csl-json: item not read: key must be a string (column 49)".to_string()
            ),
            (
                4,
                Severity::Error,
                "csl-json: an array element that is not an object; not read".to_string()
            ),
            (
                5,
                Severity::Warning,
                "csl-json: unknown type `journal-article`; read as a document".to_string()
            ),
            (
                6,
                Severity::Warning,
                "csl-json: the array is not closed with `]`".to_string()
            ),
        ]
    );
}

#[test]
fn malformed_csv_is_reported_and_the_rest_read() {
    let out = read("malformed.csv");
    let titles: Vec<_> = out
        .records
        .iter()
        .map(|r| r.reference.title.clone().unwrap_or_default())
        .collect();
    assert_eq!(titles, ["First", "Third \"quoted\""]);
    assert_eq!(
        messages(&out),
        [
            (
                3,
                Severity::Error,
                "csv: row has 4 cells, the header has 3; not read".to_string()
            ),
            (
                5,
                Severity::Error,
                "csv: row has 2 cells, the header has 3; not read".to_string()
            ),
        ]
    );
}

#[test]
fn streaming_gives_what_read_all_gives() {
    for (name, format) in [
        ("zotero-export.ris", InputFormat::Ris),
        ("refmill.csv", InputFormat::Csv),
        ("jabref.bib", InputFormat::Bibtex),
        ("zotero.json", InputFormat::CslJson),
        ("malformed.ris", InputFormat::Ris),
        ("malformed.csv", InputFormat::Csv),
    ] {
        let text = fixture(name);
        let all = read::read_all(format, &text);
        let streamed: Vec<read::ReadItem> =
            read::stream(format, std::io::Cursor::new(text.clone()))
                .collect::<Result<_, _>>()
                .expect("no I/O error");
        let recs: Vec<_> = streamed
            .iter()
            .filter_map(|i| i.record())
            .cloned()
            .collect();
        assert_eq!(recs, all.records, "{name}");
        let lazily: Vec<read::ReadItem> = read::read_iter(format, &text).collect();
        assert_eq!(lazily, streamed, "{name}");
    }
}

#[test]
fn truncated_files_never_panic() {
    for (name, format) in [
        ("zotero-export.ris", InputFormat::Ris),
        ("pubmed.ris", InputFormat::Ris),
        ("jabref.bib", InputFormat::Bibtex),
        ("zotero-biblatex.bib", InputFormat::Biblatex),
        ("zotero.json", InputFormat::CslJson),
        ("refmill.csv", InputFormat::Csv),
    ] {
        let text = fixture(name);
        for (i, _) in text.char_indices().step_by(7) {
            let _ = read::read_all(format, &text[..i]);
            let _ = read::read_all(format, &text[i..]);
            let _ = read::detect(&text[..i]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_reader_panics(s in "(?s).{0,300}", t in "[@{}=,\"\\\\ a-zA-Z0-9\\n%#~$-]{0,200}") {
        for format in InputFormat::ALL {
            let _ = read::read_all(format, &s);
            let _ = read::read_all(format, &t);
            let entry = format!("@article{{k, title = {{{t}}}, author = {t}}}");
            let _ = read::read_all(format, &entry);
            let ris = format!("TY  - JOUR\n{t}\nER  - \n");
            let _ = read::read_all(format, &ris);
        }
    }
}

#[test]
fn brace_protection_survives_a_bibtex_round_trip() {
    use refmill::write::{self, Format, WriteOptions};
    let text = "@article{k, title = {The {RNA} world of {van Gogh}: {pH} and {iPhone} in {New Zealand}}, journal = {J}, year = 2020}";
    let recs = read::read_all(InputFormat::Bibtex, text).references();
    let t = recs[0].title.as_deref().expect("title");
    let prot: Vec<&str> = recs[0]
        .title_protected
        .iter()
        .map(|&(a, b)| &t[a..b])
        .collect();
    assert_eq!(prot, ["RNA", "van Gogh", "pH", "iPhone", "New Zealand"]);
    for format in [Format::Bibtex, Format::Biblatex] {
        let out = write::to_string(format, &WriteOptions::default(), &recs);
        for kept in ["{RNA}", "{van Gogh}", "{pH}", "{iPhone}", "{New Zealand}"] {
            assert!(out.contains(kept), "{format}: {kept} in {out}");
        }
        let again = read::read_all(format.name().parse().expect("format"), &out).references();
        assert_eq!(again[0].title, recs[0].title);
        assert_eq!(again[0].title_protected, recs[0].title_protected);
    }
}
