//! The CSL-JSON output validates against the official CSL-JSON schema
//! (citation-style-language/schema, `csl-data.json` 1.0.2, MIT licence,
//! copied to `tests/fixtures/csl-data.schema.json`): the same check as
//! `tools/validate/csljson_check.py`, run in `cargo test`.
//!
//! Inputs: the seed list, every case of the regression suite, the damaged
//! and wrapped fixtures, and what the readers make of the BibTeX, RIS and
//! CSL-JSON fixtures; in both the Zotero-compatible and the plain CSL
//! dialect.

#[path = "common/files.rs"]
mod files;

use refmill::apa;
use refmill::read::{self, InputFormat};
use refmill::write::{self, Format, WriteOptions};
use std::fs;
use std::path::Path;

fn root(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(root("tests/fixtures/csl-data.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// The APA texts: the seed list, the fixtures, and each regression case.
fn apa_texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in [
        "samples/seed-references.txt",
        "tests/fixtures/mixed.txt",
        "tests/fixtures/broken.txt",
        "tests/fixtures/wrapped.txt",
        "tests/fixtures/ketamine.txt",
    ] {
        out.push((f.to_string(), fs::read_to_string(root(f)).unwrap()));
    }
    let files = files::txt_files("tests/regression");
    for f in files {
        // A case is the text between its `## ` title and its `=>` line.
        let text = fs::read_to_string(&f).unwrap();
        let cases: Vec<String> = text
            .split("\n## ")
            .skip(1)
            .filter_map(|c| {
                let body = c.split_once('\n')?.1;
                Some(body.split("\n=>").next()?.trim().to_string())
            })
            .collect();
        assert!(!cases.is_empty(), "no cases in {f:?}");
        out.push((f.display().to_string(), cases.join("\n\n")));
    }
    out
}

fn check(v: &jsonschema::Validator, what: &str, records: &[refmill::model::Reference]) -> usize {
    let mut n = 0;
    for zotero in [true, false] {
        let opts = WriteOptions {
            zotero_compatible: zotero,
            ..WriteOptions::default()
        };
        let json = write::to_string(Format::CslJson, &opts, records);
        let value: serde_json::Value = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("{what}: not JSON ({e}):\n{json}"));
        let errors: Vec<String> = v
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{what} (zotero = {zotero}): {errors:#?}");
        n += value.as_array().map_or(0, Vec::len);
    }
    n
}

#[test]
fn csl_json_output_is_valid_against_the_schema() {
    let v = validator();
    let mut items = 0;
    for (what, text) in apa_texts() {
        let records: Vec<_> = apa::parse_list(&text)
            .into_iter()
            .map(|p| p.reference)
            .collect();
        assert!(!records.is_empty(), "{what}");
        items += check(&v, &what, &records);
    }
    for (f, format) in [
        ("tests/fixtures/zotero-biblatex.bib", InputFormat::Biblatex),
        ("tests/fixtures/jabref.bib", InputFormat::Bibtex),
        ("tests/fixtures/zotero-export.ris", InputFormat::Ris),
        ("tests/fixtures/pubmed.ris", InputFormat::Ris),
        ("tests/fixtures/zotero.json", InputFormat::CslJson),
        ("tests/fixtures/dev-gold-sample.json", InputFormat::CslJson),
        ("tests/fixtures/refmill.csv", InputFormat::Csv),
    ] {
        let text = fs::read_to_string(root(f)).unwrap();
        let records = read::read_all(format, &text).references();
        assert!(!records.is_empty(), "{f}");
        items += check(&v, f, &records);
    }
    assert!(items > 200, "only {items} items checked");
}

/// The check can fail: items the schema rejects are caught.
#[test]
fn the_schema_rejects_broken_items() {
    let v = validator();
    for bad in [
        serde_json::json!([{"id": "x", "type": "no-such-type"}]),
        serde_json::json!([{"id": "x", "type": "book", "author": [{"family": 3}]}]),
        serde_json::json!([{"id": "x", "type": "book", "issued": {"date-parts": "2020"}}]),
        serde_json::json!({"id": "x", "type": "book"}),
    ] {
        assert!(!v.is_valid(&bad), "accepted: {bad}");
    }
}
