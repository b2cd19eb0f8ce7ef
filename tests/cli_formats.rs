//! The command line with other input formats than APA text: `--from`,
//! detection of the format from the content and the file name, entries a
//! reader cannot read (kept as records, reported with their line), and
//! `--to apa`.

use assert_cmd::Command;
use predicates::str::contains;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn refmill() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_refmill"));
    c.env_remove("NO_COLOR").timeout(Duration::from_secs(120));
    c
}

fn root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn json(bytes: &[u8]) -> Vec<serde_json::Value> {
    match serde_json::from_slice(bytes) {
        Ok(serde_json::Value::Array(a)) => a,
        other => panic!("not a JSON array: {other:?}"),
    }
}

/// `refmill convert ARGS... --to csl-json`, parsed; the stderr too.
fn to_csl(args: &[&str]) -> (Vec<serde_json::Value>, String) {
    let out = refmill()
        .arg("convert")
        .args(args)
        .args(["--to", "csl-json"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "failed: {err}");
    (json(&out.stdout), err)
}

fn s<'a>(v: &'a serde_json::Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or("")
}

fn families(v: &serde_json::Value) -> Vec<String> {
    v["author"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|n| {
                    n["family"]
                        .as_str()
                        .or(n["literal"].as_str())
                        .unwrap_or("")
                        .to_string()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The seed list written in each format and read back (format detected
/// from the file) gives the same references: count, order, titles,
/// authors, DOIs, containers, volumes and pages.
#[test]
fn every_output_format_reads_back_through_the_cli() {
    let seed = root("samples/seed-references.txt");
    let (want, _) = to_csl(&[seed.to_str().unwrap()]);
    assert!(want.len() >= 5);
    let dir = tempfile::tempdir().unwrap();
    for (to, ext) in [
        ("csl-json", "json"),
        ("bibtex", "bib"),
        ("biblatex", "bib"),
        ("ris", "ris"),
        ("csv", "csv"),
    ] {
        let file = dir.path().join(format!("seed-{to}.{ext}"));
        refmill()
            .args(["convert", seed.to_str().unwrap(), "--to", to, "-q", "-o"])
            .arg(&file)
            .assert()
            .success();
        let (got, err) = to_csl(&[file.to_str().unwrap()]);
        assert!(
            err.contains(&format!("{} references in, {0} records out", want.len())),
            "{to}: {err}"
        );
        assert_eq!(got.len(), want.len(), "{to}");
        for (g, w) in got.iter().zip(&want) {
            for k in ["title", "DOI", "container-title", "volume", "page"] {
                assert_eq!(s(g, k), s(w, k), "{to}: {k} of {}", s(w, "title"));
            }
            assert_eq!(
                families(g),
                families(w),
                "{to}: authors of {}",
                s(w, "title")
            );
            assert_eq!(
                g["issued"]["date-parts"][0][0], w["issued"]["date-parts"][0][0],
                "{to}"
            );
        }
    }
}

#[test]
fn content_decides_the_format_whatever_the_name() {
    let dir = tempfile::tempdir().unwrap();
    // RIS in a .txt file.
    let ris = fs::read_to_string(root("tests/fixtures/zotero-export.ris")).unwrap();
    let n_ris = ris
        .lines()
        .filter(|l| l.trim_start_matches('\u{feff}').starts_with("TY  - "))
        .count();
    let p = dir.path().join("export.txt");
    fs::write(&p, &ris).unwrap();
    let (items, err) = to_csl(&[p.to_str().unwrap()]);
    assert_eq!(items.len(), n_ris, "{err}");
    assert!(!err.contains("warning: read as"), "{err}");
    assert_eq!(s(&items[0], "DOI"), "10.1177/0269881117705089");

    // BibTeX on standard input.
    let bib = fs::read_to_string(root("tests/fixtures/jabref.bib")).unwrap();
    let out = refmill()
        .args(["convert", "-", "--to", "csv"])
        .write_stdin(bib.clone())
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut rdr = csv::Reader::from_reader(&out.stdout[..]);
    let rows = rdr.records().count();
    assert_eq!(
        rows,
        bib.lines()
            .filter(|l| l.starts_with('@')
                && !l.to_ascii_lowercase().starts_with("@comment")
                && !l.to_ascii_lowercase().starts_with("@string")
                && !l.to_ascii_lowercase().starts_with("@preamble"))
            .count()
    );

    // APA text in a file named .bib: read as APA, with a note.
    let p = dir.path().join("refs.bib");
    fs::write(
        &p,
        "Glue, P., Medlicott, N. J., & McNaughton, N. (2017). Ketamine's dose-related effects. \
         Journal of Psychopharmacology, 31(10), 1302–1305.\n",
    )
    .unwrap();
    let (items, err) = to_csl(&[p.to_str().unwrap()]);
    assert_eq!(items.len(), 1);
    assert_eq!(
        s(&items[0], "container-title"),
        "Journal of Psychopharmacology"
    );
    assert!(err.contains("refs.bib: warning: read as apa"), "{err}");
    assert!(err.contains("the file name says bibtex"), "{err}");
}

#[test]
fn from_chooses_the_reader() {
    // Without `--from` this text (no TY line in the first records) is
    // not recognisable; with it, it is read as RIS.
    let ris = "Exported by a tool\nline two\nline three\nline four\nline five\nline six\n\n\
               TY  - JOUR\nTI  - A title\nAU  - Doe, Jane\nPY  - 2020\nER  - \n";
    let out = refmill()
        .args(["convert", "--from", "ris", "--to", "csl-json"])
        .write_stdin(ris)
        .output()
        .unwrap();
    assert!(out.status.success());
    let items = json(&out.stdout);
    assert_eq!(items.len(), 1);
    assert_eq!(s(&items[0], "title"), "A title");
    assert_eq!(families(&items[0]), ["Doe"]);

    refmill()
        .args(["convert", "--from", "endnote", "--to", "ris"])
        .write_stdin(ris)
        .assert()
        .code(2)
        .stderr(contains("possible values"));
}

/// An entry the BibTeX reader cannot read still comes out, in its place,
/// with its text in the note, and is reported with its line.
#[test]
fn unreadable_entries_are_kept_and_reported() {
    let bib = root("tests/fixtures/malformed.bib");
    let out = refmill()
        .args(["convert", bib.to_str().unwrap(), "--to", "csl-json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    let items = json(&out.stdout);
    assert!(err.contains("5 references in, 5 records out"), "{err}");
    assert_eq!(items.len(), 5);
    assert_eq!(s(&items[0], "title"), "First");
    assert_eq!(s(&items[3], "title"), "Fourth");
    for (i, line, raw) in [
        (1, 6, "@article{unclosed"),
        (2, 13, "@book{missingcomma"),
        (4, 18, "@misc{badcommand"),
    ] {
        assert!(s(&items[i], "note").contains(raw), "{}", items[i]);
        assert!(s(&items[i], "title").is_empty());
        assert!(
            err.contains(&format!("malformed.bib:{line}: warning:")),
            "line {line} not reported: {err}"
        );
    }
    assert!(err.contains("kept as a record holding the entry's text in its note"));
    refmill()
        .args(["convert", bib.to_str().unwrap(), "--to", "ris", "--strict"])
        .assert()
        .code(1);
}

/// APA 7 text out: the bundled sample's APA text; from CSL-JSON, the
/// same list except what CSL-JSON cannot hold (the "…" of an elided
/// author list, reported when the JSON was written).
#[test]
fn to_apa_writes_the_reference_list() {
    let out = refmill()
        .args(["convert", "--to", "apa", "-q"])
        .arg(root("samples/seed-references.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let want = fs::read_to_string(root("samples/seed-references.apa.txt")).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), want);

    let out = refmill()
        .args(["convert", "--to", "apa", "-q"])
        .arg(root("samples/seed-references.json"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let got = String::from_utf8(out.stdout).unwrap();
    assert_ne!(got, want);
    assert_eq!(got, want.replace("… & ", "& "));

    let out = refmill()
        .args(["convert", "--to", "apa-html", "-q"])
        .arg(root("samples/seed-references.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.contains("<i>Journal of Psychopharmacology</i>"),
        "{html}"
    );
}

/// A directory of mixed formats converts file by file, each read by its
/// own reader.
#[test]
fn batch_reads_each_file_in_its_format() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in");
    fs::create_dir_all(&src).unwrap();
    for (to, from) in [
        ("a.txt", "samples/seed-references.txt"),
        ("b.bib", "tests/fixtures/zotero-biblatex.bib"),
        ("c.ris", "tests/fixtures/zotero-export.ris"),
        ("d.json", "tests/fixtures/zotero.json"),
    ] {
        fs::copy(root(from), src.join(to)).unwrap();
    }
    let out = dir.path().join("out");
    refmill()
        .arg("convert")
        .arg(&src)
        .args(["--to", "csl-json", "-q", "--out-dir"])
        .arg(&out)
        .assert()
        .success();
    let count = |p: &str| json(&fs::read(out.join(p)).unwrap()).len();
    let (seed, _) = to_csl(&[root("samples/seed-references.txt").to_str().unwrap()]);
    assert_eq!(count("a.json"), seed.len());
    let bib = fs::read_to_string(root("tests/fixtures/zotero-biblatex.bib")).unwrap();
    assert_eq!(
        count("b.json"),
        bib.lines().filter(|l| l.starts_with('@')).count()
    );
    assert_eq!(count("c.json"), 5);
    let zotero = json(&fs::read(root("tests/fixtures/zotero.json")).unwrap());
    assert_eq!(count("d.json"), zotero.len());
}

#[test]
fn software_type_is_zotero_safe_unless_asked() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("sw.txt");
    std::fs::write(
        &p,
        "R Core Team. (2022). R: A language and environment for statistical computing (Version 4.2.1) [Computer software]. R Foundation for Statistical Computing. https://www.R-project.org/\n",
    )
    .unwrap();
    let path = p.to_str().unwrap();
    // By default, `book` with the version: Zotero rejects `software`.
    let (items, err) = to_csl(&[path]);
    assert_eq!(s(&items[0], "type"), "book");
    assert_eq!(s(&items[0], "version"), "4.2.1");
    assert!(err.contains("note: type:"), "{err}");
    // For citeproc and pandoc the type is kept, with no note.
    let (items, err) = to_csl(&[path, "--no-zotero-compat"]);
    assert_eq!(s(&items[0], "type"), "software");
    assert_eq!(s(&items[0], "version"), "4.2.1");
    assert!(!err.contains("note: type:"), "{err}");
}
