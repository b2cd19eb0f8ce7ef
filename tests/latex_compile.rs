//! Compiles the writers' `.bib` output with the real toolchains, as
//! `../shared/tools/validate/latex_check.sh` does (the documents below are
//! the ones it uses):
//!
//! * classic BibTeX (`--ascii`): pdflatex + bibtex + `apalike`, and `plain`;
//! * BibLaTeX: pdflatex + `biber --validate-datamodel` + biblatex
//!   `style=apa`, once with UTF-8 output of the Latin-script fixtures (what
//!   pdflatex's T1 fonts can set) and once with `--ascii` output of all.
//!
//! A test fails on any BibTeX error, biber ERROR, LaTeX error, missing PDF,
//! an entry not rendered, or a warning other than the few the fixture data
//! causes on purpose (a record without publisher, an edited book, n.d. and
//! in-press dates). Without `pdflatex` on the PATH the tests print why and
//! pass; with pdflatex present, a missing `bibtex` or `biber` is a failure.

mod common;

use refmill::model::{Date, ItemType, Name, Reference, Role};
use refmill::write::{self, Format, WriteOptions};
use std::path::Path;
use std::process::Command;

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn tex_available() -> bool {
    if !have("pdflatex") {
        eprintln!(
            "SKIPPED: pdflatex is not installed (Debian: texlive-latex-base texlive-latex-extra texlive-bibtex-extra biber)"
        );
        return false;
    }
    true
}

fn run(dir: &Path, cmd: &str, args: &[&str]) -> i32 {
    let out = Command::new(cmd)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd}: {e}"));
    out.status.code().unwrap_or(-1)
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read(dir.join(name))
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

fn latex_errors(log: &str) -> Vec<String> {
    let lines: Vec<&str> = log.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("! "))
        .map(|(i, l)| format!("{l} {}", lines.get(i + 1).unwrap_or(&"")))
        .collect()
}

/// Classic BibTeX with `style`; returns problems.
fn bibtex(bib: &str, n: usize, style: &str, allowed: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("refs.bib"), bib).expect("write");
    std::fs::write(
        d.join("doc.tex"),
        format!(
            "\\documentclass{{article}}\n\\usepackage[T1]{{fontenc}}\n\\usepackage[utf8]{{inputenc}}\n\
             \\usepackage{{url}}\n\\begin{{document}}\n\\nocite{{*}}\n\\bibliographystyle{{{style}}}\n\
             \\bibliography{{refs}}\n\\end{{document}}\n"
        ),
    )
    .expect("write");
    let tex = ["-interaction=nonstopmode", "doc"];
    run(d, "pdflatex", &tex);
    let rc = run(d, "bibtex", &["doc"]);
    run(d, "pdflatex", &tex);
    run(d, "pdflatex", &tex);
    let mut problems = Vec::new();
    let blg = read(d, "doc.blg");
    if rc >= 2 || blg.contains("error message") {
        problems.push(format!("bibtex exit {rc}:\n{blg}"));
    }
    for w in blg.lines().filter(|l| l.starts_with("Warning--")) {
        if !allowed.iter().any(|a| w.contains(a)) {
            problems.push(format!("bibtex: {w}"));
        }
    }
    let rendered = read(d, "doc.bbl").matches("\\bibitem").count();
    if rendered != n {
        problems.push(format!("{rendered} of {n} entries rendered"));
    }
    problems.extend(latex_errors(&read(d, "doc.log")));
    if !d.join("doc.pdf").exists() {
        problems.push("no PDF".into());
    }
    problems
}

/// biblatex + biber, style=apa; returns problems.
fn biber(bib: &str, n: usize, allowed: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("refs.bib"), bib).expect("write");
    std::fs::write(
        d.join("doc.tex"),
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n\
         \\usepackage{csquotes}\n\\usepackage[style=apa,backend=biber]{biblatex}\n\
         \\addbibresource{refs.bib}\n\\begin{document}\n\\nocite{*}\n\\printbibliography\n\
         \\end{document}\n",
    )
    .expect("write");
    let tex = ["-interaction=nonstopmode", "doc"];
    run(d, "pdflatex", &tex);
    let rc = run(d, "biber", &["--validate-datamodel", "doc"]);
    run(d, "pdflatex", &tex);
    run(d, "pdflatex", &tex);
    let mut problems = Vec::new();
    let blg = read(d, "doc.blg");
    if rc != 0 || blg.contains("> ERROR - ") || blg.is_empty() {
        problems.push(format!("biber exit {rc}:\n{blg}"));
    }
    for w in blg.lines().filter(|l| l.contains("> WARN - ")) {
        if !allowed.iter().any(|a| w.contains(a)) {
            problems.push(format!("biber: {w}"));
        }
    }
    let bbl = read(d, "doc.bbl");
    let mut keys: Vec<&str> = bbl
        .match_indices("\\entry{")
        .filter_map(|(i, _)| bbl[i + 7..].split('}').next())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    if keys.len() != n {
        problems.push(format!("{} of {n} entries rendered", keys.len()));
    }
    problems.extend(latex_errors(&read(d, "doc.log")));
    if !d.join("doc.pdf").exists() {
        problems.push("no PDF".into());
    }
    problems
}

fn opts(ascii: bool) -> WriteOptions {
    WriteOptions {
        ascii,
        ..WriteOptions::default()
    }
}

/// What the fixture data makes the toolchains say, on purpose.
const BIBTEX_ALLOWED: &[&str] = &[
    "empty publisher in dictionary",
    "empty publisher in formula",
];

const BIBER_ALLOWED: &[&str] = &[
    // An edited book: biblatex-apa maps @collection to @book, which
    // requires an author.
    "Entry 'edited' (refs.bib): Missing mandatory field 'author'",
    // n.d. and in press have no date by design.
    "Entry 'dictionary' (refs.bib): Missing mandatory field - one of 'date, year'",
    "Entry 'inpress' (refs.bib): Missing mandatory field - one of 'date, year'",
];

#[test]
fn classic_bibtex_compiles_with_apalike_and_plain() {
    if !tex_available() {
        return;
    }
    assert!(have("bibtex"), "pdflatex is installed but bibtex is not");
    let recs = common::fixtures();
    let bib = write::to_string(Format::Bibtex, &opts(true), &recs);
    let mut problems = bibtex(&bib, recs.len(), "apalike", BIBTEX_ALLOWED);
    problems.extend(bibtex(&bib, recs.len(), "plain", BIBTEX_ALLOWED));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Fixtures in scripts pdflatex cannot set from UTF-8 with T1 fonts.
fn latin_only(recs: Vec<Reference>) -> Vec<Reference> {
    recs.into_iter()
        .filter(|r| !matches!(r.id.as_deref(), Some("scripts" | "greek" | "vietnamese")))
        .collect()
}

#[test]
fn biblatex_compiles_with_biber_and_apa() {
    if !tex_available() {
        return;
    }
    assert!(have("biber"), "pdflatex is installed but biber is not");
    let utf8 = latin_only(common::fixtures());
    let bib = write::to_string(Format::Biblatex, &opts(false), &utf8);
    let mut problems = biber(&bib, utf8.len(), BIBER_ALLOWED);
    let all = common::fixtures();
    let bib = write::to_string(Format::Biblatex, &opts(true), &all);
    problems.extend(biber(&bib, all.len(), BIBER_ALLOWED));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// biber reads publisher, institution and location as lists split at
/// "and": a publisher with the word in its name stays one publisher.
#[test]
fn biber_keeps_a_publisher_named_with_and_whole() {
    if !tex_available() {
        return;
    }
    let text = "Arabie, P. (2001). Extensions and generalizations. In Combinatorial data analysis (pp. 103–114). Society for Industrial and Applied Mathematics.\n\
                U.S. Department of Health and Human Services. (2019). A report (Report No. 19-5068). U.S. Department of Health and Human Services.\n";
    let recs: Vec<Reference> = refmill::apa::segment::segment(text)
        .iter()
        .map(|seg| refmill::apa::parse_reference(&seg.text, seg.line, seg.end_line).reference)
        .collect();
    assert_eq!(recs.len(), 2);
    let bib = write::to_string(Format::Biblatex, &opts(false), &recs);
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("refs.bib"), &bib).expect("write");
    std::fs::write(
        d.join("doc.tex"),
        "\\documentclass{article}\n\\usepackage[style=apa,backend=biber]{biblatex}\n\
         \\addbibresource{refs.bib}\n\\begin{document}\n\\nocite{*}\n\\printbibliography\n\
         \\end{document}\n",
    )
    .expect("write");
    run(d, "pdflatex", &["-interaction=nonstopmode", "doc"]);
    assert_eq!(run(d, "biber", &["doc"]), 0, "{}", read(d, "doc.blg"));
    let bbl = read(d, "doc.bbl");
    assert!(
        bbl.contains("\\list{publisher}{1}{%") && !bbl.contains("\\list{publisher}{2}"),
        "{bib}\n{bbl}"
    );
    assert!(
        bbl.contains("\\list{institution}{1}{%") && !bbl.contains("\\list{institution}{2}"),
        "{bib}\n{bbl}"
    );
}

/// biblatex-apa matches the publisher against the author field's text
/// used as a regular expression: an author with an unbalanced bracket or a
/// quantifier ("Workshop … University of Wisconsin)", "*NSYNC") made biber
/// stop, losing the whole bibliography. Both dialects compile, and the
/// names print as they are.
#[test]
fn names_that_are_not_valid_patterns_compile() {
    if !tex_available() {
        return;
    }
    let names = [
        Name::Literal("International Workshop 1993 : University of Wisconsin)".into()),
        Name::Literal("*NSYNC".into()),
        Name::Literal("?Question Collective".into()),
        Name::Literal("[Bracket Group".into()),
        common::person("Lawson", "C. (Colin J."),
        common::person("+Plus", "A."),
    ];
    let recs: Vec<Reference> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut r = common::base(ItemType::Book, i + 1, &format!("Book {i}"));
            r.id = Some(format!("n{i}"));
            r.add_names(Role::Author, [n.clone()]);
            r.publisher = Some("Some Press".into());
            r.issued = Some(Date::year(2000));
            r
        })
        .collect();
    for ascii in [false, true] {
        let bib = write::to_string(Format::Biblatex, &opts(ascii), &recs);
        let problems = biber(&bib, recs.len(), &[]);
        assert!(problems.is_empty(), "{bib}\n{}", problems.join("\n"));
        let bib = write::to_string(Format::Bibtex, &opts(ascii), &recs);
        let problems = bibtex(&bib, recs.len(), "apalike", &[]);
        assert!(problems.is_empty(), "{bib}\n{}", problems.join("\n"));
    }
}

/// The checks above must be able to fail: a hand-broken file (unescaped
/// `&` and `#`, an unbalanced brace) is reported by both toolchains.
#[test]
fn the_checks_catch_a_broken_file() {
    if !tex_available() {
        return;
    }
    let bad = "@article{a,\n  author = {Smith, J.},\n  title = {Fish & chips #1},\n  \
               journal = {J},\n  year = {2020},\n}\n\n@article{b,\n  author = {Doe, J.},\n  \
               title = {Open {brace},\n  journal = {J},\n  year = {2020},\n}\n";
    assert!(!bibtex(bad, 2, "apalike", &[]).is_empty());
    assert!(!biber(bad, 2, &[]).is_empty());
}
