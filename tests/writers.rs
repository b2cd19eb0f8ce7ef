//! The writers on hand-built records: snapshots of the output of every
//! format, read-back by independent readers, and properties over arbitrary
//! Unicode input.

mod common;

use common::readback::{check_bib, check_csv, check_ris, parse_ris};
use proptest::prelude::*;
use refmill::model::{
    Date, DateParts, DateStatus, ItemType, Name, Person, Reference, Role, Season,
};
use refmill::write::latex::braces_balanced;
use refmill::write::{self, Format, WriteOptions};

fn opts(ascii: bool) -> WriteOptions {
    WriteOptions {
        ascii,
        ..WriteOptions::default()
    }
}

fn out(format: Format, ascii: bool, recs: &[Reference]) -> String {
    write::to_string(format, &opts(ascii), recs)
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshot_bibtex() {
    insta::assert_snapshot!("bibtex", out(Format::Bibtex, false, &common::small()));
}

#[test]
fn snapshot_bibtex_ascii() {
    insta::assert_snapshot!("bibtex_ascii", out(Format::Bibtex, true, &common::small()));
}

#[test]
fn snapshot_biblatex() {
    insta::assert_snapshot!("biblatex", out(Format::Biblatex, false, &common::small()));
}

#[test]
fn snapshot_ris() {
    insta::assert_snapshot!("ris", out(Format::Ris, false, &common::small()));
}

#[test]
fn snapshot_csv() {
    insta::assert_snapshot!("csv", out(Format::Csv, false, &common::small()));
}

// ---------------------------------------------------------------- read-back

#[test]
fn bib_reads_back_with_the_biblatex_crate() {
    let recs = common::fixtures();
    for format in [Format::Bibtex, Format::Biblatex] {
        for ascii in [false, true] {
            let text = out(format, ascii, &recs);
            if let Err(e) = check_bib(&text, &recs, ascii) {
                panic!("{format} ascii={ascii}: {e}");
            }
        }
    }
}

#[test]
fn ris_reads_back() {
    let recs = common::fixtures();
    let text = out(Format::Ris, false, &recs);
    if let Err(e) = check_ris(&text, &recs) {
        panic!("{e}");
    }
}

#[test]
fn csv_reads_back() {
    let recs = common::fixtures();
    for bom in [false, true] {
        let o = WriteOptions {
            csv_bom: bom,
            ..WriteOptions::default()
        };
        let text = write::to_string(Format::Csv, &o, &recs);
        assert_eq!(text.starts_with('\u{feff}'), bom);
        assert!(text.ends_with("\r\n"), "CRLF line ends");
        if let Err(e) = check_csv(&text, &recs) {
            panic!("bom={bom}: {e}");
        }
    }
}

#[test]
fn every_record_comes_out_once_with_a_unique_key() {
    let mut recs = common::fixtures();
    recs.extend(common::fixtures());
    for format in [Format::Bibtex, Format::Biblatex] {
        let text = out(format, false, &recs);
        let mut keys: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with('@'))
            .filter_map(|l| l.split_once('{').map(|(_, k)| k.trim_end_matches(',')))
            .collect();
        assert_eq!(keys.len(), recs.len());
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), recs.len(), "{format}: keys repeat");
        assert!(keys.iter().all(|k| k.is_ascii()));
    }
    assert_eq!(
        parse_ris(&out(Format::Ris, false, &recs)).map(|r| r.len()),
        Ok(recs.len())
    );
}

#[test]
fn zotero_types_for_every_fixture() {
    // RIS TY and .bib entry types per fixture, as docs/zotero.md lists them.
    let recs = common::fixtures();
    let ris = parse_ris(&out(Format::Ris, false, &recs)).expect("ris");
    let bib = out(Format::Bibtex, false, &recs);
    let blx = out(Format::Biblatex, false, &recs);
    let types = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with('@'))
            .filter_map(|l| l[1..].split_once('{').map(|(ty, _)| ty.to_string()))
            .collect()
    };
    let (bt, bl) = (types(&bib), types(&blx));
    let table: Vec<String> = recs
        .iter()
        .zip(&ris)
        .enumerate()
        .map(|(i, (r, rec))| {
            format!(
                "{:14} {:20} {:8} {:14} {}",
                r.id.as_deref().unwrap_or(""),
                r.item_type.csl_name(),
                rec[0].1,
                bt[i],
                bl[i]
            )
        })
        .collect();
    insta::assert_snapshot!("types", table.join("\n"));
}

// --------------------------------------------------------------- properties

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,40}",
        "[{}\\\\%$#&_~^ a-zA-Z]{0,30}",
        "[A-Za-zÀ-ɏ .,:;'’-]{0,40}",
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn name() -> impl Strategy<Value = Name> {
    prop_oneof![
        text().prop_map(Name::Literal),
        (text(), opt_text(), opt_text(), opt_text(), opt_text()).prop_map(
            |(family, given, particle, dropping_particle, suffix)| {
                Name::Person(Person {
                    family,
                    given,
                    particle,
                    dropping_particle,
                    suffix,
                })
            }
        ),
    ]
}

fn parts() -> impl Strategy<Value = DateParts> {
    (
        -3000i32..10000,
        prop::option::of(0u8..14),
        prop::option::of(0u8..33),
    )
        .prop_map(|(year, month, day)| DateParts { year, month, day })
}

fn date() -> impl Strategy<Value = Date> {
    (
        0usize..4,
        prop::option::of(parts()),
        prop::option::of(parts()),
        prop::option::of(0usize..4),
        any::<bool>(),
        opt_text(),
        any::<bool>(),
    )
        .prop_map(|(st, start, end, season, circa, literal, ongoing)| Date {
            status: [
                DateStatus::Dated,
                DateStatus::NoDate,
                DateStatus::InPress,
                DateStatus::Forthcoming,
            ][st],
            // To the present only where there is a start and no end.
            ongoing: ongoing && start.is_some() && end.is_none(),
            start,
            end,
            season: season.map(|s| {
                [
                    Season::Spring,
                    Season::Summer,
                    Season::Autumn,
                    Season::Winter,
                ][s]
            }),
            suffix: None,
            circa,
            literal,
        })
}

prop_compose! {
    fn reference()(
        ty in 0usize..ItemType::ALL.len(),
        authors in prop::collection::vec(name(), 0..4),
        editors in prop::collection::vec(name(), 0..3),
        others in prop::collection::vec(name(), 0..2),
        elided in any::<bool>(),
        issued in prop::option::of(date()),
        accessed in prop::option::of(date()),
        title in opt_text(),
        ranges in prop::collection::vec((0usize..60, 0usize..60), 0..3),
        a in (opt_text(), opt_text(), opt_text(), opt_text(), opt_text(), opt_text()),
        b in (opt_text(), opt_text(), opt_text(), opt_text(), opt_text(), opt_text()),
        c in (opt_text(), opt_text(), opt_text(), opt_text(), opt_text(), prop::collection::vec(text(), 0..3)),
    ) -> Reference {
        let mut r = Reference {
            item_type: ItemType::ALL[ty],
            authors_elided: elided,
            issued,
            accessed,
            title,
            title_protected: ranges,
            container_title: a.0,
            volume: a.1,
            issue: a.2,
            page: a.3,
            number: a.4,
            edition: a.5,
            genre: b.0,
            publisher: b.1,
            publisher_place: b.2,
            event_title: b.3,
            url: b.4,
            doi: b.5,
            note: c.0,
            medium: c.1,
            version: c.2,
            collection_title: c.3,
            abstract_text: c.4,
            keywords: c.5,
            ..Reference::default()
        };
        r.add_names(Role::Author, authors);
        r.add_names(Role::Editor, editors);
        r.add_names(Role::Director, others);
        r
    }
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=N runs more.

    #[test]
    fn bib_is_balanced_and_readable(recs in prop::collection::vec(reference(), 1..4), ascii in any::<bool>()) {
        for format in [Format::Bibtex, Format::Biblatex] {
            let text = out(format, ascii, &recs);
            prop_assert!(braces_balanced(&text), "{format}: unbalanced braces:\n{text}");
            if ascii {
                prop_assert!(text.is_ascii(), "{format}: non-ASCII in ASCII mode:\n{text}");
            }
            let n = text.lines().filter(|l| l.starts_with('@')).count();
            prop_assert_eq!(n, recs.len());
            let parsed = biblatex::Bibliography::parse(&text);
            prop_assert!(parsed.is_ok(), "{format}: {:?}\n{text}", parsed.err());
            prop_assert_eq!(parsed.map(|b| b.len()).unwrap_or(0), recs.len());
        }
    }

    #[test]
    fn ris_lines_are_well_formed(recs in prop::collection::vec(reference(), 1..4)) {
        let text = out(Format::Ris, false, &recs);
        let read = parse_ris(&text);
        prop_assert!(read.is_ok(), "{:?}\n{text}", read.err());
        let read = read.unwrap_or_default();
        prop_assert_eq!(read.len(), recs.len());
        for rec in &read {
            prop_assert_eq!(rec.iter().filter(|(t, _)| t == "TY").count(), 1);
        }
        prop_assert_eq!(text.matches("\nER  - \n").count() + usize::from(text.starts_with("ER  - \n")), recs.len());
    }

    #[test]
    fn csv_has_constant_columns(recs in prop::collection::vec(reference(), 1..4), bom in any::<bool>()) {
        let o = WriteOptions { csv_bom: bom, ..WriteOptions::default() };
        let text = write::to_string(Format::Csv, &o, &recs);
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut rd = csv::ReaderBuilder::new().flexible(false).from_reader(body.as_bytes());
        let rows: Result<Vec<csv::StringRecord>, _> = rd.records().collect();
        prop_assert!(rows.is_ok(), "{:?}", rows.err());
        let rows = rows.unwrap_or_default();
        prop_assert_eq!(rows.len(), recs.len());
        for row in &rows {
            prop_assert_eq!(row.len(), write::csv::COLUMNS.len());
            for cell in row.iter() {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@']), "formula cell {cell:?}");
            }
        }
    }
}

/// `REFMILL_FIXTURE_OUT=DIR cargo test --test writers dump` writes the
/// fixture list in every format to DIR, for the validators in
/// `../shared/tools/validate/`.
#[test]
fn dump_fixtures_when_asked() {
    let Ok(dir) = std::env::var("REFMILL_FIXTURE_OUT") else {
        return;
    };
    let dir = std::path::Path::new(&dir);
    let recs = common::fixtures();
    for (name, format, ascii) in [
        ("fixtures.bib", Format::Bibtex, false),
        ("fixtures-ascii.bib", Format::Bibtex, true),
        ("fixtures-biblatex.bib", Format::Biblatex, false),
        ("fixtures-biblatex-ascii.bib", Format::Biblatex, true),
        ("fixtures.ris", Format::Ris, false),
        ("fixtures.csv", Format::Csv, false),
        ("fixtures.json", Format::CslJson, false),
    ] {
        std::fs::write(dir.join(name), out(format, ascii, &recs)).expect("write");
    }
}
