//! The writers on a whole reference list, read back by the independent
//! readers. Opt-in, since the corpus is not part of the repository:
//!
//! ```sh
//! REFMILL_DEV_CORPUS=../shared/corpus/apa-dev.txt cargo test --test dev_corpus
//! ```
//!
//! `REFMILL_DEV_OUT=DIR` also writes every output there (`dev.bib`,
//! `dev-ascii.bib`, `dev-biblatex.bib`, `dev-biblatex-ascii.bib`,
//! `dev.ris`, `dev.csv`) for the validators in
//! `../shared/tools/validate/`, and each one's writer diagnostics
//! (`NAME.diags`).

mod common;

use common::readback::{check_bib, check_csv, check_ris};
use refmill::write::{self, Format, WriteOptions};

#[test]
fn dev_corpus_reads_back() {
    let Ok(path) = std::env::var("REFMILL_DEV_CORPUS") else {
        eprintln!(
            "SKIPPED: set REFMILL_DEV_CORPUS to an APA reference list (e.g. ../shared/corpus/apa-dev.txt)"
        );
        return;
    };
    let text = std::fs::read_to_string(&path).expect("read the corpus");
    let recs: Vec<_> = refmill::apa::parse_list(&text)
        .into_iter()
        .map(|p| p.reference)
        .collect();
    let out_dir = std::env::var("REFMILL_DEV_OUT").ok();
    let mut failures = Vec::new();
    let mut diags = 0usize;
    for (name, format, ascii) in [
        ("dev.bib", Format::Bibtex, false),
        ("dev-ascii.bib", Format::Bibtex, true),
        ("dev-biblatex.bib", Format::Biblatex, false),
        ("dev-biblatex-ascii.bib", Format::Biblatex, true),
        ("dev.ris", Format::Ris, false),
        ("dev.csv", Format::Csv, false),
    ] {
        let opts = WriteOptions {
            ascii,
            ..WriteOptions::default()
        };
        let mut w = write::writer_for(format, &opts);
        let mut buf = Vec::new();
        let mut d = Vec::new();
        w.begin(&mut buf).expect("write");
        for r in &recs {
            w.write_record(&mut buf, r, &mut d).expect("write");
        }
        w.finish(&mut buf).expect("write");
        diags += d.len();
        let out = String::from_utf8(buf).expect("UTF-8");
        if let Some(dir) = &out_dir {
            let dir = std::path::Path::new(dir);
            std::fs::write(dir.join(name), &out).expect("write output");
            let lines: Vec<String> = d.iter().map(|x| format!("{}: {x}", x.line)).collect();
            std::fs::write(dir.join(format!("{name}.diags")), lines.join("\n")).expect("write");
        }
        let res = match format {
            Format::Bibtex | Format::Biblatex => check_bib(&out, &recs, ascii),
            Format::Ris => check_ris(&out, &recs),
            Format::Csv => check_csv(&out, &recs),
            Format::CslJson | Format::Apa | Format::ApaHtml => Ok(()),
        };
        eprintln!(
            "{name}: {} records, {} diagnostics, {}",
            recs.len(),
            d.len(),
            if res.is_ok() {
                "read back OK"
            } else {
                "MISMATCH"
            }
        );
        if let Err(e) = res {
            failures.push(format!("{name}: {e}"));
        }
    }
    eprintln!("{diags} writer diagnostics in all");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
