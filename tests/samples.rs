//! `samples/` holds the seed reference list and its conversion into every
//! format. This test keeps them in sync with the code: run with
//! `REFMILL_BLESS=1` to rewrite the outputs after a reviewed change.

use refmill::apa;
use refmill::write::{self, Format, WriteOptions};
use std::fs;
use std::path::Path;

#[test]
fn samples_match_the_current_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let input = fs::read_to_string(dir.join("seed-references.txt")).expect("seed list");
    let records: Vec<_> = apa::parse_list(&input)
        .into_iter()
        .map(|p| p.reference)
        .collect();
    assert_eq!(records.len(), 7, "the seed list has seven references");
    let bless = std::env::var_os("REFMILL_BLESS").is_some();
    let mut stale = Vec::new();
    for (format, file) in [
        (Format::CslJson, "seed-references.json"),
        (Format::Bibtex, "seed-references.bib"),
        (Format::Biblatex, "seed-references.biblatex.bib"),
        (Format::Ris, "seed-references.ris"),
        (Format::Csv, "seed-references.csv"),
        (Format::Apa, "seed-references.apa.txt"),
        (Format::ApaHtml, "seed-references.apa.html"),
    ] {
        let out = write::to_string(format, &WriteOptions::default(), &records);
        let path = dir.join(file);
        if bless {
            fs::write(&path, &out).expect("samples are writable");
        } else if fs::read_to_string(&path).ok().as_deref() != Some(out.as_str()) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "samples out of date: {stale:?} (REFMILL_BLESS=1 cargo test --test samples)"
    );
}
