//! Every input a fuzz target once crashed on, kept under
//! `tests/fuzz-regressions/<target>/` and replayed with the same checks the
//! target makes (see `fuzz/fuzz_targets/`).

use std::fs;
use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn parse_bytes_regressions() {
    for (name, data) in inputs("parse_bytes") {
        let text = String::from_utf8_lossy(&data);
        let parsed = refmill::apa::parse_reference(&text, 1, 1);
        let raw = parsed.reference.raw.as_deref().unwrap_or("");
        for s in &parsed.spans {
            assert!(
                s.start <= s.end && s.end <= raw.len(),
                "{name}: span outside the text"
            );
        }
        let list = refmill::apa::parse_list(&text);
        assert_eq!(
            list.len(),
            refmill::apa::segment::segment(&text).len(),
            "{name}"
        );
    }
}

#[test]
fn segment_regressions() {
    for (name, data) in inputs("segment") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        for s in refmill::apa::segment::segment(text) {
            assert!(s.line >= 1 && s.line <= s.end_line, "{name}");
        }
    }
}

/// The `readers` target: the first byte picks the reader.
#[test]
fn readers_regressions() {
    use refmill::read::{self, InputFormat};
    use refmill::write::{self, Format, WriteOptions};
    let formats = [
        (InputFormat::Bibtex, Format::Bibtex),
        (InputFormat::Biblatex, Format::Biblatex),
        (InputFormat::Ris, Format::Ris),
        (InputFormat::CslJson, Format::CslJson),
        (InputFormat::Csv, Format::Csv),
    ];
    let cases = inputs("readers");
    assert!(!cases.is_empty(), "the readers regressions are there");
    for (name, data) in cases {
        let Some((&pick, rest)) = data.split_first() else {
            continue;
        };
        let text = String::from_utf8_lossy(rest);
        let _ = read::detect_explained(&text);
        let (format, out) = formats[usize::from(pick) % formats.len()];
        let all = read::read_all(format, &text);
        let records = all.references();
        let written = write::to_string(out, &WriteOptions::default(), &records);
        let again = read::read_all(format, &written);
        assert_eq!(again.skipped.len(), 0, "{name}");
        assert_eq!(again.records.len(), records.len(), "{name}");
    }
}
