//! Nothing of a reference is lost silently: every word of five letters or
//! more, and every number of two digits or more, in a reference's text is
//! in its CSL-JSON record (in some field,
//! or in the note that keeps what could not be read), except the words
//! APA itself prints around the data, listed in [`APA_WORDS`] (labels,
//! roles, months, which a record holds as numbers or roles).
//!
//! The check runs over every hand-made list in `tests/fixtures/probe` and
//! the bundled sample, each through the CLI: the references' texts come
//! from `--explain`, their records from `--to csl-json`. It found a film's
//! bracketed translated title (`[Goodbye children] [Film]`), a second
//! edition statement (`(2nd ed., rev. and updated)`) and APA 6's
//! `Retrieved from Site website:` dropping the text before it; and, for
//! numbers, a title's "(Page 17 of 30)" read as the item's pages.

#[path = "common/files.rs"]
mod files;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// Words APA prints around the data, which a record need not hold as
/// text (in lower case).
const APA_WORDS: &[&str] = &[
    // Months and seasons: dates are numbers.
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "spring",
    "summer",
    "autumn",
    "winter",
    // (and in the other languages read)
    "enero",
    "febrero",
    "marzo",
    "abril",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "januar",
    "februar",
    "april",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "avril",
    "juillet",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    // `(2015–present)`: an open date range.
    "present",
    // Link and retrieval phrases, in the languages read.
    "retrieved",
    "available",
    "accessed",
    "recuperado",
    "abgerufen",
    "consultado",
    "disponible",
    "disponível",
    "repéré",
    "medline",
    "identifier",
    // Roles: names are kept under their role.
    "writer",
    "writers",
    "executive",
    "producer",
    "producers",
    "director",
    "directors",
    "hosts",
    "narrator",
    "performer",
    "composer",
    "recorded",
    "editor",
    "editors",
    "edited",
    "coord",
    "coords",
    "chair",
    "chairs",
    "principal",
    "investigator",
    "trans",
    "transl",
    "interviewer",
    // (and in the other languages read)
    "übers",
    // Labels of what a work is or where it was presented, kept as its type
    // or genre in other words.
    "paper",
    "presented",
    "poster",
    "session",
    "presentation",
    "doctoral",
    "dissertation",
    "master",
    "masters",
    "thesis",
    "unpublished",
    "manuscript",
    "submitted",
    "publication",
    "preprint",
    "computer",
    "software",
    "mobile",
    "original",
    "published",
    "reprinted",
    "edition",
    "version",
    "website",
    "season",
    "episode",
    // APA 6's publisher that is the author; labels of a volume and issue.
    "author",
    "volume",
    "issue",
    // Ordinals of an edition, kept as its number.
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
];

/// The words of five letters or more of a reference's text, but for its
/// links (a DOI or URL is checked as a whole by the field tests).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .filter(|t| !t.contains('/') && !t.to_lowercase().starts_with("doi:"))
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().count() >= 5)
}

/// The numbers of two digits or more of a reference's text, but for its
/// links: volumes, issues, pages, years, report numbers.
fn numbers(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .filter(|t| !t.contains('/') && !t.to_lowercase().starts_with("doi:"))
        .flat_map(|t| t.split(|c: char| !c.is_ascii_digit()))
        .filter(|n| n.len() >= 2)
}

/// The record's text: every string in it, lower case, one after another.
fn record_text(v: &serde_json::Value, out: &mut String) {
    match v {
        serde_json::Value::String(s) => {
            out.push_str(&s.to_lowercase());
            out.push(' ');
        }
        serde_json::Value::Number(n) => {
            out.push_str(&n.to_string());
            out.push(' ');
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| record_text(x, out)),
        serde_json::Value::Object(m) => m
            .iter()
            .filter(|(k, _)| k.as_str() != "id")
            .for_each(|(_, x)| record_text(x, out)),
        _ => {}
    }
}

fn lists() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = files::txt_files("tests/fixtures/probe");
    files.push(root.join("samples/seed-references.txt"));
    files
}

fn run(file: &Path, extra: &[&str]) -> String {
    let out = Command::cargo_bin("refmill")
        .unwrap()
        .arg("convert")
        .arg(file)
        .args(["--to", "csl-json", "-j", "1", "-q"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}: exit {:?}",
        file.display(),
        out.status
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_word_of_a_reference_is_in_its_record() {
    let mut lost = Vec::new();
    let mut checked = 0;
    for file in lists() {
        let items: Vec<serde_json::Value> = serde_json::from_str(&run(&file, &[])).unwrap();
        let explained = run(&file, &["--explain"]);
        // Each reference's block: a header line, then its text.
        let texts: Vec<&str> = explained
            .split("\n\n")
            .filter(|b| !b.trim().is_empty())
            .map(|b| b.lines().nth(1).unwrap_or("").trim())
            .collect();
        assert_eq!(texts.len(), items.len(), "{}", file.display());
        for (text, item) in texts.iter().zip(&items) {
            checked += 1;
            let mut have = String::new();
            record_text(item, &mut have);
            // Also without spaces and punctuation: "Self-efficacy" kept as
            // "self-efficacy", a word joined over a line break.
            let squashed: String = have.chars().filter(|c| c.is_alphanumeric()).collect();
            let mut missing: Vec<&str> = words(text)
                .filter(|w| {
                    let l = w.to_lowercase();
                    !APA_WORDS.contains(&l.as_str()) && !have.contains(&l) && !squashed.contains(&l)
                })
                .collect();
            // (A number is also kept without its leading zeros: "05" of a
            // date is 5.)
            missing.extend(
                numbers(text)
                    .filter(|n| !have.contains(n) && !have.contains(n.trim_start_matches('0'))),
            );
            if !missing.is_empty() {
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                lost.push(format!("{name}: {missing:?} not in the record of: {text}"));
            }
        }
    }
    assert!(checked > 1000, "only {checked} references checked");
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

/// The check itself: a word left out of a record is found.
#[test]
fn a_dropped_word_is_found() {
    let item = serde_json::json!({"id": "x", "title": "Hidden brain", "genre": "Audio podcast"});
    let mut have = String::new();
    record_text(&item, &mut have);
    let text = "Vedantam, S. (2015). Hidden brain [Audio podcast]. Nowhere Productions.";
    let missing: Vec<&str> = words(text)
        .filter(|w| !have.contains(&w.to_lowercase()))
        .collect();
    assert_eq!(missing, ["Vedantam", "Nowhere", "Productions"]);
}
