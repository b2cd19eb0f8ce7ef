//! The command line, end to end: the contract (`refmill convert [INPUT]...
//! --to FORMAT [-o FILE]`), batch and merge modes, exit codes, and every
//! kind of bad input with the exact message it gets.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn refmill() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_refmill"));
    c.env_remove("NO_COLOR").timeout(Duration::from_secs(120));
    c
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A temporary directory holding copies of fixtures.
fn workdir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for (to, from) in files {
        let p = d.path().join(to);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::copy(fixture(from), &p).unwrap();
    }
    d
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(&p, bytes).unwrap();
    p
}

fn json(bytes: &[u8]) -> Vec<serde_json::Value> {
    match serde_json::from_slice(bytes) {
        Ok(serde_json::Value::Array(a)) => a,
        other => panic!("not a JSON array: {other:?}"),
    }
}

/// (references in, records out) from the summary line.
fn counts(stderr: &[u8]) -> (u64, u64) {
    let s = String::from_utf8_lossy(stderr);
    let line = s
        .lines()
        .rev()
        .find(|l| l.starts_with("refmill: ") && l.contains(" in, "))
        .unwrap_or_else(|| panic!("no summary in {s}"));
    let num = |suffix: &str| -> u64 {
        let i = line.find(suffix).unwrap();
        line[..i].rsplit(' ').next().unwrap().parse().unwrap()
    };
    (
        num(if line.contains(" reference in") {
            " reference in"
        } else {
            " references in"
        }),
        num(if line.contains(" record out") {
            " record out"
        } else {
            " records out"
        }),
    )
}

fn titles(items: &[serde_json::Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["title"].as_str().unwrap_or("").to_string())
        .collect()
}

fn no_temp_files(dir: &Path) {
    for e in walk(dir) {
        let name = e.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.starts_with(".refmill-"), "temporary file left: {e:?}");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

// ---------------------------------------------------------------------------
// The contract

#[test]
fn help_shows_examples_and_exit_codes() {
    refmill()
        .args(["convert", "--help"])
        .assert()
        .success()
        .stdout(contains("refmill convert refs.txt --to bibtex -o refs.bib"))
        .stdout(contains("cat refs.txt | refmill convert - --to csl-json"))
        .stdout(contains("Exit status:"))
        .stdout(
            contains("csl-json")
                .and(contains("biblatex"))
                .and(contains("ris")),
        );
    refmill()
        .arg("--version")
        .assert()
        .success()
        .stdout(contains("refmill "));
}

#[test]
fn usage_errors_exit_2() {
    refmill()
        .args(["convert", "x.txt"])
        .assert()
        .code(2)
        .stderr(contains("--to <FORMAT>"));
    refmill()
        .args(["convert", "x.txt", "--to", "docx"])
        .assert()
        .code(2)
        .stderr(contains("invalid value 'docx'"))
        .stderr(contains("csl-json, bibtex, biblatex, ris, csv"));
    refmill()
        .args(["convert", "x.txt", "--to", "ris", "-j", "0"])
        .assert()
        .code(2);
    refmill()
        .args([
            "convert",
            "x.txt",
            "--to",
            "ris",
            "-o",
            "a",
            "--out-dir",
            "b",
        ])
        .assert()
        .code(2)
        .stderr(contains("cannot be used with"));
    refmill()
        .args(["convert", "-", "-", "--to", "ris"])
        .assert()
        .code(2)
        .stderr("refmill: error: standard input (`-`) can be read only once\n");
}

#[test]
fn stdin_with_dash_or_no_input_to_stdout() {
    let text = fs::read(fixture("ketamine.txt")).unwrap();
    let a = refmill()
        .args(["convert", "-", "--to", "csl-json"])
        .write_stdin(text.clone())
        .assert()
        .success();
    let out = a.get_output();
    let items = json(&out.stdout);
    assert_eq!(items.len(), 7);
    assert_eq!(counts(&out.stderr), (7, 7));
    assert!(titles(&items)[0].starts_with("Ketamine’s dose-related effects"));
    let b = refmill()
        .args(["convert", "--to", "csl-json"])
        .write_stdin(text.clone())
        .assert()
        .success();
    assert_eq!(b.get_output().stdout, out.stdout);
    let c = refmill()
        .args(["convert", "-", "--to", "csl-json", "-o", "-"])
        .write_stdin(text)
        .assert()
        .success();
    assert_eq!(c.get_output().stdout, out.stdout);
}

#[test]
fn output_file_and_summary_counts() {
    let d = workdir(&[("refs.txt", "mixed.txt")]);
    let out = d.path().join("refs.json");
    let a = refmill()
        .current_dir(d.path())
        .args(["convert", "refs.txt", "--to", "csl-json", "-o", "refs.json"])
        .assert()
        .success()
        .stdout("");
    let items = json(&fs::read(&out).unwrap());
    let (refs_in, records_out) = counts(&a.get_output().stderr);
    assert_eq!(refs_in, records_out);
    assert_eq!(items.len() as u64, records_out);
    assert_eq!(items.len(), 21);
    // Input order.
    assert!(titles(&items)[1].starts_with("Origin of the elements"));
    let stderr = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(
        stderr.starts_with("refmill: 1 file, 21 references in, 21 records out, "),
        "{stderr}"
    );
    assert!(stderr.contains(" refs/s"));
    no_temp_files(d.path());
}

#[test]
fn every_format_writes() {
    let d = workdir(&[("refs.txt", "ketamine.txt")]);
    for f in ["csl-json", "bibtex", "biblatex", "ris", "csv"] {
        refmill()
            .current_dir(d.path())
            .args(["convert", "refs.txt", "--to", f, "-o"])
            .arg(format!("out.{f}"))
            .assert()
            .success();
        assert!(d.path().join(format!("out.{f}")).exists());
    }
}

#[test]
fn parallel_output_equals_single_thread() {
    let d = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(fixture("mixed.txt")).unwrap();
    // Enough references for several batches.
    let big = write(d.path(), "big.txt", text.repeat(60));
    // With several jobs the losses of each record are found on the pool
    // and the writer only writes: the same output, the same notes.
    for format in ["csl-json", "bibtex", "biblatex", "ris", "csv"] {
        let run = |jobs: &str| {
            let out = refmill()
                .arg("convert")
                .arg(&big)
                .args(["--to", format, "-j", jobs])
                .assert()
                .success()
                .get_output()
                .clone();
            let err = String::from_utf8_lossy(&out.stderr).into_owned();
            let diags: Vec<String> = err
                .lines()
                .filter(|l| l.contains(": warning: ") || l.contains(": note: "))
                .map(str::to_string)
                .collect();
            (out.stdout, diags)
        };
        let (one, one_diags) = run("1");
        let (three, three_diags) = run("3");
        assert_eq!(one, three, "{format}");
        assert_eq!(one_diags, three_diags, "{format}");
        if format == "csl-json" {
            assert_eq!(json(&one).len(), 21 * 60);
        }
        if format == "bibtex" {
            // The BibTeX notes (read back from each entry) are there.
            assert!(
                one_diags.iter().any(|l| l.contains(": note: ")),
                "{one_diags:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Warnings, --strict, --quiet, colour

#[test]
fn warnings_name_file_and_line() {
    let d = workdir(&[("broken.txt", "broken.txt")]);
    let a = refmill()
        .current_dir(d.path())
        .args(["convert", "broken.txt", "--to", "ris"])
        .assert()
        .success();
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains(": warning: ")).collect();
    // The two damaged references (lines 1 and 3) are reported, the good
    // one (line 5) is not.
    assert!(
        warnings
            .iter()
            .any(|l| l.starts_with("broken.txt:1: warning: ")),
        "{err}"
    );
    assert!(
        warnings
            .iter()
            .any(|l| l.starts_with("broken.txt:3: warning: ")),
        "{err}"
    );
    assert!(!err.contains("broken.txt:5:"), "{err}");
    assert!(err.contains("(2 references not fully parsed)"), "{err}");
    assert_eq!(counts(&a.get_output().stderr), (3, 3));
}

#[test]
fn strict_exits_1_on_warnings_only() {
    refmill()
        .arg("convert")
        .arg(fixture("broken.txt"))
        .args(["--to", "csl-json", "--strict"])
        .assert()
        .code(1)
        .stdout(predicate::function(|s: &[u8]| json(s).len() == 3));
    refmill()
        .arg("convert")
        .arg(fixture("ketamine.txt"))
        .args(["--to", "csl-json", "--strict"])
        .assert()
        .code(0);
}

#[test]
fn quiet_prints_nothing_but_errors() {
    refmill()
        .arg("convert")
        .arg(fixture("broken.txt"))
        .args(["--to", "csl-json", "-q"])
        .assert()
        .success()
        .stderr("");
    refmill()
        .args(["convert", "no-such-file.txt", "--to", "csl-json", "-q"])
        .assert()
        .code(2)
        .stderr("no-such-file.txt: error: cannot read: no such file or directory\n");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let run = |color: &str| {
        refmill()
            .arg("convert")
            .arg(fixture("broken.txt"))
            .args(["--to", "ris", "--color", color])
            .assert()
            .success()
            .get_output()
            .stderr
            .clone()
    };
    assert!(String::from_utf8_lossy(&run("always")).contains("\x1b["));
    assert!(!String::from_utf8_lossy(&run("never")).contains("\x1b["));
    // Not a terminal: auto means no colour.
    assert!(!String::from_utf8_lossy(&run("auto")).contains("\x1b["));
}

#[test]
fn explain_shows_fields_and_unused_text() {
    let a = refmill()
        .arg("convert")
        .arg(fixture("broken.txt"))
        .args(["--to", "csl-json", "--explain"])
        .assert()
        .success();
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    let f = fixture("broken.txt").display().to_string();
    assert!(out.contains(&format!("{f}:5  article-journal\n")), "{out}");
    assert!(
        out.contains("\n  container-title  Journal of Psychopharmacology\n"),
        "{out}"
    );
    assert!(out.contains("\n  warning: "), "{out}");
    assert!(!out.contains('\x1b'));
    assert!(
        !out.contains("\"type\""),
        "records are not written without -o"
    );
    // With -o the records go to the file as usual.
    let d = tempfile::tempdir().unwrap();
    refmill()
        .arg("convert")
        .arg(fixture("broken.txt"))
        .args(["--to", "csl-json", "--explain", "-o"])
        .arg(d.path().join("o.json"))
        .assert()
        .success()
        .stdout(contains("Journal of Psychopharmacology"));
    assert_eq!(json(&fs::read(d.path().join("o.json")).unwrap()).len(), 3);
}

#[test]
fn explain_names_each_part_of_a_details_parenthesis() {
    let a = refmill()
        .args(["convert", "-", "--to", "csl-json", "--explain"])
        .write_stdin(
            "Gross, J. J. (2014). Emotion regulation. In J. J. Gross (Ed.), Handbook of \
             emotion regulation (2nd ed., pp. 3-20). Guilford Press.\n",
        )
        .assert()
        .success();
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.contains("\n  edition          2nd ed.\n"), "{out}");
    assert!(out.contains("\n  page             pp. 3-20\n"), "{out}");
    assert!(!out.contains("note"), "{out}");
}

// ---------------------------------------------------------------------------
// Batch and merge

fn batch_tree() -> tempfile::TempDir {
    let d = workdir(&[
        ("in/a.txt", "ketamine.txt"),
        ("in/sub/b.txt", "mixed.txt"),
        ("in/sub/deeper/c.md", "broken.txt"),
        ("in/.hidden/x.txt", "ketamine.txt"),
    ]);
    write(d.path(), "in/.notes.txt", "Glue, P. (2017). T. J, 1, 2.\n");
    d
}

#[test]
fn out_dir_recurses_and_keeps_relative_paths() {
    let d = batch_tree();
    let a = refmill()
        .current_dir(d.path())
        .args(["convert", "in", "--to", "csl-json", "--out-dir", "out"])
        .assert()
        .success()
        .stdout("");
    let files: Vec<String> = walk(&d.path().join("out"))
        .iter()
        .map(|p| p.strip_prefix(d.path()).unwrap().display().to_string())
        .collect();
    assert_eq!(
        files,
        vec!["out/a.json", "out/sub/b.json", "out/sub/deeper/c.json"]
    );
    assert_eq!(
        json(&fs::read(d.path().join("out/a.json")).unwrap()).len(),
        7
    );
    assert_eq!(
        json(&fs::read(d.path().join("out/sub/b.json")).unwrap()).len(),
        21
    );
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(
        err.contains("refmill: 3 files, 31 references in, 31 records out"),
        "{err}"
    );
    no_temp_files(d.path());
}

#[test]
fn out_dir_with_glob() {
    let d = batch_tree();
    refmill()
        .current_dir(d.path())
        .args([
            "convert",
            "in",
            "--to",
            "bibtex",
            "--out-dir",
            "out",
            "--glob",
            "*.txt",
        ])
        .assert()
        .success();
    let files: Vec<String> = walk(&d.path().join("out"))
        .iter()
        .map(|p| p.strip_prefix(d.path()).unwrap().display().to_string())
        .collect();
    assert_eq!(files, vec!["out/a.bib", "out/sub/b.bib"]);
}

#[test]
fn out_dir_inside_input_is_not_read_back() {
    let d = batch_tree();
    for _ in 0..2 {
        refmill()
            .current_dir(d.path())
            .args(["convert", "in", "--to", "ris", "--out-dir", "in/ris"])
            .assert()
            .success()
            .stderr(contains("refmill: 3 files,"));
    }
}

#[test]
fn out_dir_refuses_collisions_and_overwriting_inputs() {
    let d = workdir(&[("in/a.txt", "ketamine.txt"), ("in/a.md", "broken.txt")]);
    refmill()
        .current_dir(d.path())
        .args(["convert", "in", "--to", "ris", "--out-dir", "out"])
        .assert()
        .code(2)
        .stderr("refmill: error: `in/a.md` and `in/a.txt` would both be written to `out/a.ris`\n");
    assert!(!d.path().join("out").exists());
    // Writing next to the inputs in their own format would overwrite one.
    refmill()
        .current_dir(d.path())
        .args([
            "convert",
            "in/a.txt",
            "in/a.md",
            "--to",
            "ris",
            "--out-dir",
            "in",
        ])
        .assert()
        .code(2);
    let d = workdir(&[
        ("in/refs.txt", "ketamine.txt"),
        ("in/refs.json", "broken.txt"),
    ]);
    let before = fs::read(d.path().join("in/refs.json")).unwrap();
    refmill()
        .current_dir(d.path())
        .args(["convert", "in", "--to", "csl-json", "--out-dir", "in"])
        .assert()
        .code(2)
        .stderr(contains(
            "refmill: error: output `in/refs.json` is also an input: refusing to overwrite it",
        ));
    assert_eq!(fs::read(d.path().join("in/refs.json")).unwrap(), before);
}

#[test]
fn batch_skips_a_failing_file_and_exits_1() {
    let d = workdir(&[("in/a.txt", "ketamine.txt"), ("in/c.txt", "mixed.txt")]);
    write(
        d.path(),
        "in/b.txt",
        b"Glue, P. (2017). Caf\xe9. J, 1, 2.\n",
    );
    let a = refmill()
        .current_dir(d.path())
        .args(["convert", "in", "--to", "csl-json", "--out-dir", "out"])
        .assert()
        .code(1)
        .stderr(contains(
            "in/b.txt:1: error: invalid UTF-8 at byte offset 20 (byte 0xE9); save the file as \
             UTF-8, give its encoding (--encoding windows-1252 for a file saved as \"ANSI\" or \
             \"Plain Text\" on Windows), or use --lossy to replace invalid bytes\n",
        ))
        .stderr(contains(
            "refmill: 3 files (1 failed), 28 references in, 28 records out",
        ));
    drop(a);
    assert!(d.path().join("out/a.json").exists());
    assert!(!d.path().join("out/b.json").exists());
    assert!(d.path().join("out/c.json").exists());
    no_temp_files(d.path());
}

#[test]
fn merge_gives_unique_ids_across_files() {
    let d = workdir(&[("one.txt", "ketamine.txt"), ("two.txt", "ketamine.txt")]);
    let a = refmill()
        .current_dir(d.path())
        .args([
            "convert", "one.txt", "two.txt", "--to", "csl-json", "-o", "all.json",
        ])
        .assert()
        .success();
    assert_eq!(counts(&a.get_output().stderr), (14, 14));
    let items = json(&fs::read(d.path().join("all.json")).unwrap());
    assert_eq!(items.len(), 14);
    let mut ids: Vec<String> = items.iter().map(|i| i["id"].to_string()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 14, "ids repeat across files");

    // --merge takes directories too, and stdout by default.
    let d = batch_tree();
    let a = refmill()
        .current_dir(d.path())
        .args(["convert", "in", "--merge", "--to", "csl-json"])
        .assert()
        .success();
    assert_eq!(json(&a.get_output().stdout).len(), 31);
}

#[test]
fn merged_output_inside_the_input_directory_is_not_read_back() {
    let d = batch_tree();
    for _ in 0..2 {
        refmill()
            .current_dir(d.path())
            .args([
                "convert",
                "in",
                "--merge",
                "--to",
                "csl-json",
                "-o",
                "in/all.json",
            ])
            .assert()
            .success()
            .stderr(contains(
                "refmill: 3 files, 31 references in, 31 records out",
            ));
    }
    refmill()
        .current_dir(d.path())
        .args(["convert", "in", "--glob", "*.txt", "--to", "ris"])
        .assert()
        .code(2)
        .stderr(
            "refmill: error: --glob filters the files found in directories: use it with \
             --out-dir or --merge\n",
        );
}

#[cfg(unix)]
#[test]
fn output_through_a_symlink_writes_its_target() {
    let d = workdir(&[("refs.txt", "ketamine.txt")]);
    fs::create_dir(d.path().join("real")).unwrap();
    write(d.path(), "real/out.ris", "old");
    std::os::unix::fs::symlink("real/out.ris", d.path().join("link.ris")).unwrap();
    refmill()
        .current_dir(d.path())
        .args(["convert", "refs.txt", "--to", "csl-json", "-o", "link.ris"])
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(d.path().join("link.ris"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        json(&fs::read(d.path().join("real/out.ris")).unwrap()).len(),
        7
    );
    no_temp_files(d.path());
}

#[test]
fn directory_without_batch_mode_is_an_error() {
    let d = batch_tree();
    refmill()
        .current_dir(d.path())
        .args(["convert", "in", "--to", "ris"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(
            "in: error: is a directory (use --out-dir DIR or --merge to convert the files in it)\n",
        ));
}

// ---------------------------------------------------------------------------
// Bad input, each with its exact message

const GOOD: &str = "Glue, P., & Lee, K. (2017). Ketamine for anxiety. Journal of Psychopharmacology, 31(10), 1302–1305. https://doi.org/10.1177/0269881117705089\n\nShin, S. (2019). Chronic ketamine in mice. Korean Journal of Physiology, 23(1), 81.\n";

/// Converts `bytes` (as file `in.txt`) to CSL-JSON on stdout.
fn convert_bytes(bytes: &[u8], extra: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "in.txt", bytes);
    let out = refmill()
        .current_dir(d.path())
        .args(["convert", "in.txt", "--to", "csl-json"])
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn summary_free(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| !l.starts_with("refmill: 1 file"))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn invalid_utf8_is_an_error_with_offset_and_line() {
    let bytes = b"Glue, P. (2017). A title. Journal, 1, 2.\n\nShin, S. (2019). Caf\xe9 title. Journal, 3, 4.\n";
    let (code, stdout, stderr) = convert_bytes(bytes, &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        summary_free(&stderr),
        "in.txt:3: error: invalid UTF-8 at byte offset 62 (byte 0xE9); save the file as UTF-8, \
         give its encoding (--encoding windows-1252 for a file saved as \"ANSI\" or \"Plain \
         Text\" on Windows), or use --lossy to replace invalid bytes\n"
    );
    // Found while reading the first lines (the layout sample): nothing is
    // written.
    assert_eq!(stdout, b"");
}

#[test]
fn encoding_reads_a_windows_file() {
    // Word's "Plain Text" on a Western Windows: windows-1252, with curly
    // quotes, an en dash in the pages and "ü" as single bytes.
    let bytes = b"M\xfcller, J. (2019). \x93Quoted\x94 title. Journal, 1(2), 3\x964.\n\nShin, S. (2019). Caf\xe9 title. Journal, 3, 4.\n";
    let (code, stdout, stderr) = convert_bytes(bytes, &["--encoding", "windows-1252"]);
    assert_eq!(code, Some(0), "{}", stderr);
    let items = json(&stdout);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["author"][0]["family"], "M\u{fc}ller");
    assert_eq!(items[0]["title"], "\u{201c}Quoted\u{201d} title");
    assert_eq!(items[0]["page"], "3-4");
    assert_eq!(items[1]["title"], "Caf\u{e9} title");
    // A byte-order mark wins over the encoding asked for.
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice("Shin, S. (2019). Caf\u{e9} title. Journal, 3, 4.\n".as_bytes());
    let (code, stdout, _) = convert_bytes(&bom, &["--encoding", "windows-1252"]);
    assert_eq!(code, Some(0));
    assert_eq!(json(&stdout)[0]["title"], "Caf\u{e9} title");
    // An unknown label is a usage error.
    let (code, _, stderr) = convert_bytes(bytes, &["--encoding", "klingon"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("unknown encoding `klingon`"));
}

#[test]
fn lossy_replaces_invalid_utf8_with_a_warning() {
    let bytes = b"Glue, P. (2017). A title. Journal, 1, 2.\n\nShin, S. (2019). Caf\xe9 title\xff. Journal, 3, 4.\n";
    let (code, stdout, stderr) = convert_bytes(bytes, &["--lossy"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        summary_free(&stderr),
        "in.txt:3: warning: 2 invalid UTF-8 sequences replaced with U+FFFD, the first at byte \
         offset 62\n"
    );
    let items = json(&stdout);
    assert_eq!(items.len(), 2);
    assert!(items[1]["title"].as_str().unwrap().contains("Caf\u{FFFD}"));
    let (code, _, _) = convert_bytes(bytes, &["--lossy", "--strict"]);
    assert_eq!(code, Some(1));
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in format!("\u{FEFF}{text}").encode_utf16().skip(1) {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_with_bom_and_utf8_bom_read_like_utf8() {
    let (code, plain, stderr) = convert_bytes(GOOD.as_bytes(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(json(&plain).len(), 2);
    for bytes in [
        utf16(GOOD, false),
        utf16(GOOD, true),
        [b"\xEF\xBB\xBF".as_slice(), GOOD.as_bytes()].concat(),
    ] {
        let (code, out, stderr) = convert_bytes(&bytes, &[]);
        assert_eq!(code, Some(0), "{stderr}");
        assert_eq!(summary_free(&stderr), "");
        assert_eq!(out, plain);
    }
}

#[test]
fn invalid_utf16_is_an_error() {
    let mut bytes = utf16("Glue, P. (2017). A. J, 1, 2.\n\nB", false);
    bytes.extend([0x00, 0xD8]); // a lone high surrogate
    bytes.extend(utf16("x. (2019). T. J.\n", false).split_off(2));
    let (code, _, stderr) = convert_bytes(&bytes, &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        summary_free(&stderr),
        "in.txt:3: error: invalid UTF-16 at byte offset 64 (unpaired surrogate 0xD800); use \
         --lossy to replace it\n"
    );
}

#[test]
fn crlf_and_lone_cr_read_like_lf() {
    let (_, plain, _) = convert_bytes(GOOD.as_bytes(), &[]);
    let crlf = GOOD.replace('\n', "\r\n");
    let cr = GOOD.replace('\n', "\r");
    for text in [crlf, cr] {
        let (code, out, stderr) = convert_bytes(text.as_bytes(), &[]);
        assert_eq!(code, Some(0));
        assert_eq!(summary_free(&stderr), "");
        assert_eq!(out, plain);
    }
    // Lines are counted the same way for messages.
    let text = "Glue, P. (2017). Caf\u{2}e. J, 1, 2.\r\rShin, S. (2019). A\u{1}. B, 3, 4.\r";
    let (_, _, stderr) = convert_bytes(text.as_bytes(), &[]);
    assert!(
        stderr.starts_with("in.txt:1: warning: 2 control characters"),
        "{stderr}"
    );
}

#[test]
fn no_break_spaces_read_like_spaces() {
    // A list pasted from a web page or Word: no-break spaces between
    // words, in dates and after them, and a thin space in a page range.
    // Blank lines separate the references, two of which start with their
    // titles.
    let text = "Hu, T.\u{a0}H., &\u{a0}Zheng,\u{a0}Y.\u{a0}(2013).\u{a0}Mobility modeling. Third\u{a0}International Conference, May\u{a0}1-3, 2013, MIT, Cambridge, MA,\u{a0}USA.\u{a0}https://urn.kb.se/resolve?urn=urn:nbn:se:liu:diva-112443\n\nAngola: Justice Minister On\u{a0}Voter’s Registration Update.\u{a0}(2011, October\u{a0}4).\u{a0}Angola Press\u{a0}Agency.\u{a0}https://allafrica.com/stories/201110040606.html\n\nAnne\u{a0}Frank in\u{a0}kindergarten (April\u{a0}9,\u{a0}1934 -\u{a0}July 13, 1935). (2025).\u{a0}In Anne\u{a0}Frank Knowledge Base. Anne Frank House. https://research.annefrank.org/en/x/\n\nShin,\u{a0}S.\u{a0}(2019). Title. Journal, 3,\u{2009}4–5.\n";
    let (code, out, _) = convert_bytes(text.as_bytes(), &[]);
    assert_eq!(code, Some(0));
    let plain = text.replace(['\u{a0}', '\u{2009}'], " ");
    let (_, want, _) = convert_bytes(plain.as_bytes(), &[]);
    assert_eq!(
        String::from_utf8_lossy(&out),
        String::from_utf8_lossy(&want)
    );
    let items: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(items.as_array().map(Vec::len), Some(4));
    assert_eq!(
        items[1]["issued"]["date-parts"][0],
        serde_json::json!([2011, 10, 4])
    );
    assert_eq!(items[2]["container-title"], "Anne Frank Knowledge Base");
}

#[test]
fn nul_bytes_mean_binary_unless_lossy() {
    let (code, stdout, stderr) = convert_bytes(b"Glue, P. (2017). A\x00 title.\n", &[]);
    assert_eq!(code, Some(2));
    assert_eq!(stdout, b"");
    assert_eq!(
        summary_free(&stderr),
        "in.txt:1: error: NUL byte at byte offset 18: this does not look like a text file (use \
         --lossy to drop NUL bytes)\n"
    );
    // UTF-16 without a byte-order mark gets its own advice.
    let no_bom: Vec<u8> = GOOD.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let (code, _, stderr) = convert_bytes(&no_bom, &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        summary_free(&stderr),
        "in.txt:1: error: NUL byte at byte offset 1: this looks like UTF-16 text without a \
         byte-order mark; save it as UTF-8\n"
    );
    // --lossy drops NUL bytes, which recovers ASCII text from it.
    let (code, stdout, stderr) = convert_bytes(&no_bom, &["--lossy"]);
    assert_eq!(code, Some(0));
    assert!(
        summary_free(&stderr).starts_with("in.txt:1: warning: "),
        "{stderr}"
    );
    assert!(stderr.contains(" NUL bytes dropped\n"), "{stderr}");
    assert_eq!(json(&stdout).len(), 2);
}

#[test]
fn control_characters_become_spaces_with_a_warning() {
    let text = "Glue, P., & Lee, K. (2017). Ketamine\u{b}for\u{2}anxiety. Journal of Psychopharmacology, 31(10), 1302–1305.\n";
    let (code, stdout, stderr) = convert_bytes(text.as_bytes(), &[]);
    assert_eq!(code, Some(0));
    assert_eq!(
        summary_free(&stderr),
        "in.txt:1: warning: 2 control characters replaced with spaces, the first U+000B\n"
    );
    let items = json(&stdout);
    assert_eq!(items[0]["title"], "Ketamine for anxiety");
}

#[test]
fn empty_and_whitespace_only_inputs() {
    for (bytes, why) in [
        (&b""[..], "the input is empty"),
        (&b"  \n\t\r\n\n"[..], "the input contains only whitespace"),
    ] {
        let (code, stdout, stderr) = convert_bytes(bytes, &[]);
        assert_eq!(code, Some(0));
        assert_eq!(json(&stdout).len(), 0);
        assert_eq!(
            stderr,
            format!(
                "in.txt: warning: no references found: {why}\nrefmill: 1 file, 0 references in, \
                 0 records out, 1 warning, {}",
                stderr.rsplit_once(", 1 warning, ").unwrap().1
            )
        );
        let (code, _, _) = convert_bytes(bytes, &["--strict"]);
        assert_eq!(code, Some(1));
    }
    // An empty standard input is the same.
    refmill()
        .args(["convert", "--to", "ris"])
        .write_stdin("")
        .assert()
        .success()
        .stderr(contains(
            "<stdin>: warning: no references found: the input is empty\n",
        ));
}

#[test]
fn unreadable_inputs() {
    refmill()
        .args(["convert", "does-not-exist.txt", "--to", "ris"])
        .assert()
        .code(2)
        .stderr(contains(
            "does-not-exist.txt: error: cannot read: no such file or directory\n",
        ));
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "secret.txt", GOOD);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
        // Root reads it anyway; the check only means something otherwise.
        if fs::read(&p).is_err() {
            refmill()
                .arg("convert")
                .arg(&p)
                .args(["--to", "ris"])
                .assert()
                .code(2)
                .stderr(contains(
                    "secret.txt: error: cannot read: permission denied\n",
                ));
        }
    }
    // A read error after opening (EIO on Linux).
    #[cfg(target_os = "linux")]
    refmill()
        .args(["convert", "/proc/self/mem", "--to", "ris"])
        .assert()
        .code(2)
        .stderr(contains(
            "/proc/self/mem: error: cannot read: input/output error\n",
        ));
    // One unreadable input among good ones: skipped, exit 1.
    refmill()
        .arg("convert")
        .arg(fixture("ketamine.txt"))
        .arg("does-not-exist.txt")
        .args(["--to", "csl-json"])
        .assert()
        .code(1)
        .stdout(predicate::function(|s: &[u8]| json(s).len() == 7))
        .stderr(contains(
            "refmill: 2 files (1 failed), 7 references in, 7 records out",
        ));
}

#[test]
fn output_equal_to_input_is_refused() {
    let d = workdir(&[("refs.txt", "ketamine.txt")]);
    let before = fs::read(d.path().join("refs.txt")).unwrap();
    refmill()
        .current_dir(d.path())
        .args(["convert", "refs.txt", "--to", "ris", "-o", "./refs.txt"])
        .assert()
        .code(2)
        .stderr(
            "refmill: error: output `./refs.txt` is also an input: refusing to overwrite it; \
             choose another -o\n",
        );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.path().join("refs.txt"), d.path().join("link.ris")).unwrap();
        refmill()
            .current_dir(d.path())
            .args(["convert", "refs.txt", "--to", "ris", "-o", "link.ris"])
            .assert()
            .code(2)
            .stderr(contains("is also an input"));
    }
    assert_eq!(fs::read(d.path().join("refs.txt")).unwrap(), before);
}

#[cfg(target_os = "linux")]
#[test]
fn write_error_surfaces() {
    refmill()
        .arg("convert")
        .arg(fixture("ketamine.txt"))
        .args(["--to", "csl-json", "-o", "/dev/full"])
        .assert()
        .code(2)
        .stderr(contains(
            "refmill: error: cannot write `/dev/full`: no space left on device\n",
        ));
    // Standard output on a full device too.
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_refmill"))
        .arg("convert")
        .arg(fixture("ketamine.txt"))
        .args(["--to", "csl-json"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("refmill: error: cannot write `<stdout>`: no space left on device\n")
    );
}

#[test]
fn failed_conversion_leaves_no_partial_file() {
    let d = tempfile::tempdir().unwrap();
    let mut bytes = GOOD.repeat(2000).into_bytes();
    bytes.extend(b"\nBad, B. (2020). \xff.\n");
    write(d.path(), "in.txt", &bytes);
    // No output file is created ...
    refmill()
        .current_dir(d.path())
        .args(["convert", "in.txt", "--to", "csl-json", "-o", "new.json"])
        .assert()
        .code(2)
        .stderr(contains("in.txt:6002: error: invalid UTF-8"));
    assert!(!d.path().join("new.json").exists());
    // ... and an existing one is left as it was.
    write(d.path(), "old.json", "[]\n");
    refmill()
        .current_dir(d.path())
        .args(["convert", "in.txt", "--to", "csl-json", "-o", "old.json"])
        .assert()
        .code(2);
    assert_eq!(fs::read(d.path().join("old.json")).unwrap(), b"[]\n");
    no_temp_files(d.path());
    assert_eq!(walk(d.path()).len(), 2);
    // On standard output, what was written before the error is closed
    // properly (the array is valid JSON).
    let a = refmill()
        .current_dir(d.path())
        .args(["convert", "in.txt", "--to", "csl-json", "-q"])
        .assert()
        .code(2);
    assert!(json(&a.get_output().stdout).len() > 1000);
}

#[cfg(unix)]
#[test]
fn output_file_gets_normal_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    refmill()
        .arg("convert")
        .arg(fixture("ketamine.txt"))
        .args(["--to", "ris", "-o"])
        .arg(d.path().join("o.ris"))
        .assert()
        .success();
    let probe = write(d.path(), "probe", "");
    let expected = fs::metadata(&probe).unwrap().permissions().mode();
    let got = fs::metadata(d.path().join("o.ris"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(got, expected);
}

#[cfg(unix)]
#[test]
fn interrupt_leaves_no_temporary_file() {
    let d = tempfile::tempdir().unwrap();
    let big = write(d.path(), "big.txt", GOOD.repeat(100_000));
    let out_dir = d.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_refmill"))
        .arg("convert")
        .arg(&big)
        .args(["--to", "csl-json", "-q", "-o"])
        .arg(out_dir.join("o.json"))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the temporary output exists, then Ctrl-C.
    let t = Instant::now();
    while fs::read_dir(&out_dir).unwrap().count() == 0 && t.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(
        fs::read_dir(&out_dir).unwrap().count(),
        1,
        "no temporary file seen"
    );
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "refmill: interrupted\n"
    );
    assert_eq!(fs::read_dir(&out_dir).unwrap().count(), 0);
}

#[test]
fn missing_output_directory_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    refmill()
        .current_dir(d.path())
        .arg("convert")
        .arg(fixture("ketamine.txt"))
        .args(["--to", "ris", "-o", "no/such/dir/out.ris"])
        .assert()
        .code(2)
        .stderr(contains(
            "refmill: error: cannot write `no/such/dir/out.ris`: no such file or directory\n",
        ));
    assert_eq!(walk(d.path()).len(), 0);
}

#[test]
fn closed_stdout_pipe_exits_quietly() {
    let d = tempfile::tempdir().unwrap();
    let big = write(d.path(), "big.txt", GOOD.repeat(20_000));
    for jobs in ["1", "2"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_refmill"))
            .arg("convert")
            .arg(&big)
            .args(["--to", "csl-json", "-j", jobs])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout); // like `| head -c 16`
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{err}");
        assert!(!err.contains("error"), "{err}");
    }
}

// ---------------------------------------------------------------------------
// Size and shape

#[test]
fn a_50_mb_single_line() {
    let d = tempfile::tempdir().unwrap();
    let mut line = String::from("Smith, J. (2019). ");
    while line.len() < 50 << 20 {
        line.push_str("long title words ");
    }
    line.push_str(". Journal, 1, 2.\n");
    let p = write(d.path(), "one-line.txt", line);
    let a = refmill()
        .arg("convert")
        .arg(&p)
        .args(["--to", "csv", "-o"])
        .arg(d.path().join("o.csv"))
        .assert()
        .success();
    assert_eq!(counts(&a.get_output().stderr), (1, 1));
}

#[test]
fn many_tiny_references_and_deep_nesting_stay_linear() {
    let d = tempfile::tempdir().unwrap();
    // 200,000 one-line references.
    let tiny: String = (0..200_000)
        .map(|i| format!("A, B. ({}). T. J.\n", 1900 + i % 100))
        .collect();
    let p = write(d.path(), "tiny.txt", tiny);
    let a = refmill()
        .arg("convert")
        .arg(&p)
        .args(["--to", "ris", "-q", "-o"])
        .arg(d.path().join("o.ris"))
        .assert()
        .success();
    drop(a);
    // 1 MB of brackets and of "A., ", 4 MB of closing single quotes after
    // a period (each may end an element; a search back from each for the
    // opening quote took minutes): linear, so well under the timeout.
    // And 1 MB of version elements after a description (the source was
    // read again after each one: a stack overflow, and quadratic).
    for (name, head, unit, mb) in [
        ("paren.txt", "", "((", 1),
        ("brackets.txt", "", "[(", 1),
        ("initials.txt", "", "A., ", 1),
        ("quotes.txt", "", "a.’ ", 4),
        (
            "versions.txt",
            "Smith, J. (2019). Title [Data set]. ",
            "Version 1. ",
            1,
        ),
    ] {
        let text = format!("{head}{}", unit.repeat((mb << 20) / unit.len()));
        let p = write(d.path(), name, text);
        let t = Instant::now();
        let a = refmill()
            .arg("convert")
            .arg(&p)
            .args(["--to", "csl-json", "-o"])
            .arg(d.path().join("o.json"))
            .assert()
            .success();
        assert_eq!(counts(&a.get_output().stderr), (1, 1));
        assert!(
            t.elapsed() < Duration::from_secs(60),
            "{name} took {:?}",
            t.elapsed()
        );
    }
}

#[test]
fn reads_hard_wrapped_pdf_text() {
    let a = refmill()
        .arg("convert")
        .arg(fixture("wrapped.txt"))
        .args(["--to", "csl-json"])
        .assert()
        .success();
    let (refs_in, records_out) = counts(&a.get_output().stderr);
    assert_eq!(refs_in, records_out);
    assert_eq!(json(&a.get_output().stdout).len() as u64, records_out);
    assert!(refs_in >= 5);
}

/// `pdftotext -layout` of a two-column list over two pages (a form feed
/// starts the second): each page is read column by column, so the
/// references come out in reading order, every one of them once.
#[test]
fn two_columns_side_by_side_read_page_by_page() {
    let row = |l: &str, r: &str| format!("{l:<55}{r}\n");
    let page = |n: usize| {
        let mut s = String::new();
        for i in 0..6 {
            let (a, b) = (n * 100 + i, n * 100 + 50 + i);
            s += &row(
                &format!("Left{a}, A. (2001). Title number {a} of the"),
                &format!("Right{b}, B. (2002). Title number {b} of the"),
            );
            s += &row(
                "          left column. Left Press.",
                "          right column. Right Press.",
            );
        }
        s
    };
    let text = format!("{}\u{c}{}", page(1), page(2));
    let a = refmill()
        .args(["convert", "-", "--to", "csl-json"])
        .write_stdin(text)
        .assert()
        .success();
    let out = a.get_output();
    let items = json(&out.stdout);
    assert_eq!(counts(&out.stderr), (24, 24));
    let t = titles(&items);
    assert_eq!(t[0], "Title number 100 of the left column");
    assert_eq!(t[6], "Title number 150 of the right column");
    assert_eq!(t[12], "Title number 200 of the left column");
    assert_eq!(t[23], "Title number 255 of the right column");
}

/// Letters written decomposed (a base letter and a combining accent) in a
/// structured input come out composed, and as accent macros in ASCII
/// BibLaTeX: none is lost, also in a protected title word.
#[test]
fn decomposed_accents_are_composed() {
    let input = "[{\"id\":\"a\",\"type\":\"book\",\"title\":\"E\u{301}ditions and the Sexualite\u{301} of NASA\u{301}\",\"publisher\":\"E\u{301}ditions Autrement\",\"issued\":{\"date-parts\":[[2010]]}}]";
    let a = refmill()
        .args(["convert", "-", "--from", "csl-json", "--to", "csl-json"])
        .write_stdin(input)
        .assert()
        .success();
    let items = json(&a.get_output().stdout);
    assert_eq!(titles(&items)[0], "Éditions and the Sexualité of NASÁ");
    let b = refmill()
        .args([
            "convert", "-", "--from", "csl-json", "--to", "biblatex", "--ascii",
        ])
        .write_stdin(input)
        .assert()
        .success();
    let bib = String::from_utf8(b.get_output().stdout.clone()).unwrap();
    assert!(bib.contains("{Sexualit{\\'e}}"), "{bib}");
    assert!(
        bib.contains("publisher = {{\\'E}ditions Autrement}"),
        "{bib}"
    );
}

#[test]
fn annotations_of_an_annotated_bibliography_stay_in_the_note() {
    let bytes = std::fs::read("tests/fixtures/probe/annotated-bibliography.txt").unwrap();
    let (code, stdout, stderr) = convert_bytes(&bytes, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("6 references in, 6 records out, 0 warnings"),
        "{stderr}"
    );
    let items = json(&stdout);
    assert_eq!(
        items[1]["title"],
        "Emotional intelligence: Why it can matter more than IQ"
    );
    let note = items[1]["note"].as_str().unwrap();
    assert!(note.starts_with("Goleman argues"));
    // Its second paragraph too, on a line of its own.
    assert!(note.ends_with(
        "\nThe framework has five parts, each discussed with examples from business and schools."
    ));
    // Prose that cites "(2013)" inside a sentence is still an annotation.
    assert!(
        items[2]["note"]
            .as_str()
            .unwrap()
            .contains("Miller and Rollnick (2013) describe")
    );
    assert!(items[5].get("note").is_none());
    // RIS carries it as a note for Zotero.
    let ris = refmill()
        .args(["convert", "-", "--to", "ris", "-q"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&ris.stdout).contains("N1  - Walker, a neuroscientist at Berkeley")
    );
}
