//! Writer → reader round trips for every format, on the hand-built writer
//! fixtures (`tests/common`), the APA regression suite parsed, and a
//! sample of the dev corpus gold records (`tests/fixtures/dev-gold-sample.json`,
//! 95 CSL-JSON items, a few of every type): each record is written alone,
//! read back, and compared field by field. Every field that does not come
//! back must be named by a diagnostic of that write (the writer's own or
//! the shared loss check), so the loss warnings are checked against real
//! losses; and the formats that carry the whole model (CSV, CSL-JSON
//! without Zotero compatibility, RIS for the fields it has tags or Extra
//! lines for) must bring back every field.

mod common;

use refmill::diag::Diagnostic;
use refmill::model::{Date, Name, Reference, Role};
use refmill::read::{self, InputFormat};
use refmill::write::{self, Format, WriteOptions};
use std::collections::BTreeSet;
use std::path::Path;

use refmill::write::loss::norm;

fn opt(v: &Option<String>) -> String {
    v.as_deref().map(norm).unwrap_or_default()
}

fn names(r: &Reference, role: Role) -> Vec<(String, String)> {
    r.names(role)
        .map(|n| match n {
            Name::Literal(l) => (norm(l), String::new()),
            Name::Person(p) => {
                let (f, g) = p.inverted_parts();
                // Initials with or without spaces are the same ("J.W.",
                // which the BibTeX writers space out as "J. W.").
                (norm(&f), norm(&g).replace(". ", "."))
            }
        })
        .collect()
}

fn date(d: &Option<Date>) -> String {
    match d {
        None => String::new(),
        Some(d) => format!(
            "{:?} {:?} {:?} {:?} {} {}",
            d.status,
            d.start,
            d.end.filter(|e| Some(*e) != d.start),
            d.season,
            d.circa,
            d.literal.as_deref().map(norm).unwrap_or_default()
        ),
    }
}

/// The fields of `b` that differ from `a`, by name.
fn differences(a: &Reference, b: &Reference) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut cmp = |name: &'static str, x: String, y: String| {
        if x != y {
            out.push(name);
        }
    };
    cmp(
        "type",
        a.item_type.csl_name().into(),
        b.item_type.csl_name().into(),
    );
    for (name, role) in [
        ("author", Role::Author),
        ("editor", Role::Editor),
        ("translator", Role::Translator),
    ] {
        cmp(
            name,
            format!("{:?}", names(a, role)),
            format!("{:?}", names(b, role)),
        );
    }
    let others = |r: &Reference| -> BTreeSet<String> {
        r.contributors
            .iter()
            .filter(|c| !matches!(c.role, Role::Author | Role::Editor | Role::Translator))
            .map(|c| {
                format!(
                    "{}:{}",
                    c.role.csl_name(),
                    norm(&c.name.family_or_literal())
                )
            })
            .collect()
    };
    cmp(
        "contributor",
        format!("{:?}", others(a)),
        format!("{:?}", others(b)),
    );
    cmp(
        "elided",
        a.authors_elided.to_string(),
        b.authors_elided.to_string(),
    );
    // A status that repeats the date's state ("in press") is the same.
    let status = |r: &Reference| -> String {
        let st = opt(&r.status);
        let state = r.issued.as_ref().map(|d| d.status);
        match (st.as_str(), state) {
            ("in press", Some(refmill::model::DateStatus::InPress))
            | ("forthcoming", Some(refmill::model::DateStatus::Forthcoming)) => String::new(),
            _ => st,
        }
    };
    cmp("status", status(a), status(b));
    let mut ia = a.issued.clone();
    let mut ib = b.issued.clone();
    let sa = ia.as_mut().and_then(|d| d.suffix.take());
    let sb = ib.as_mut().and_then(|d| d.suffix.take());
    // "n.d." and no date are the same.
    let undated = |d: &Option<Date>| match d {
        Some(d) if d.start.is_none() && d.literal.is_none() => {
            d.status == refmill::model::DateStatus::NoDate
                || d.status == refmill::model::DateStatus::Dated
        }
        None => true,
        _ => false,
    };
    if !(undated(&ia) && undated(&ib)) {
        cmp("issued", date(&ia), date(&ib));
    }
    cmp(
        "year-suffix",
        sa.unwrap_or_default(),
        sb.unwrap_or_default(),
    );
    cmp(
        "original-date",
        format!(
            "{:?}",
            a.original_date.as_ref().and_then(|d| d.year_value())
        ),
        format!(
            "{:?}",
            b.original_date.as_ref().and_then(|d| d.year_value())
        ),
    );
    cmp(
        "accessed",
        format!("{:?}", a.accessed.as_ref().and_then(|d| d.start)),
        format!("{:?}", b.accessed.as_ref().and_then(|d| d.start)),
    );
    // "4th" and "4" are the same edition.
    let edition = |r: &Reference| -> String {
        let e = opt(&r.edition).to_lowercase();
        let e = e.trim_end_matches(" edition").trim_end_matches(" ed.");
        match e {
            "first" => "1".into(),
            "second" => "2".into(),
            "third" => "3".into(),
            _ => e
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .to_string(),
        }
    };
    cmp("edition", edition(a), edition(b));
    // A publisher that is the (group) author: APA leaves it out, BibTeX
    // writes it for reports (a required field).
    let publisher = |r: &Reference| -> String {
        let p = opt(&r.publisher);
        let author = r
            .names(Role::Author)
            .next()
            .map(|n| norm(&n.family_or_literal()));
        if Some(&p) == author.as_ref() {
            String::new()
        } else {
            p
        }
    };
    cmp("publisher", publisher(a), publisher(b));
    // Braces in a URL are written percent-encoded.
    let url = |r: &Reference| opt(&r.url).replace("%7B", "{").replace("%7D", "}");
    cmp("URL", url(a), url(b));
    // A genre that only says what the type says.
    let genre = |r: &Reference| -> String {
        let g = opt(&r.genre);
        match (r.item_type, g.to_lowercase().as_str()) {
            (refmill::model::ItemType::Article, "preprint")
            | (refmill::model::ItemType::Dataset, "data set")
            | (refmill::model::ItemType::Software, "computer software") => String::new(),
            _ => g,
        }
    };
    cmp("genre", genre(a), genre(b));
    for (name, x, y) in [
        ("title", &a.title, &b.title),
        ("translated-title", &a.title_translated, &b.title_translated),
        ("container-title", &a.container_title, &b.container_title),
        ("collection-title", &a.collection_title, &b.collection_title),
        (
            "collection-number",
            &a.collection_number,
            &b.collection_number,
        ),
        ("volume", &a.volume, &b.volume),
        ("issue", &a.issue, &b.issue),
        ("page", &a.page, &b.page),
        ("number", &a.number, &b.number),
        ("version", &a.version, &b.version),
        ("medium", &a.medium, &b.medium),
        ("place", &a.publisher_place, &b.publisher_place),
        ("event", &a.event_title, &b.event_title),
        ("event-place", &a.event_place, &b.event_place),
        ("authority", &a.authority, &b.authority),
        ("section", &a.section, &b.section),
        ("archive", &a.archive, &b.archive),
        ("DOI", &a.doi, &b.doi),
        ("ISBN", &a.isbn, &b.isbn),
        ("ISSN", &a.issn, &b.issn),
        ("PMID", &a.pmid, &b.pmid),
        ("abstract", &a.abstract_text, &b.abstract_text),
        ("language", &a.language, &b.language),
    ] {
        cmp(name, opt(x), opt(y));
    }
    cmp(
        "keywords",
        a.keywords
            .iter()
            .map(|k| norm(k))
            .collect::<Vec<_>>()
            .join("|"),
        b.keywords
            .iter()
            .map(|k| norm(k))
            .collect::<Vec<_>>()
            .join("|"),
    );
    out
}

/// Words a diagnostic uses for a field.
fn words(field: &str) -> &'static [&'static str] {
    match field {
        "type" => &["type"],
        "author" => &["author", "group name", "transliteration"],
        "editor" => &["editor", "group name", "transliteration"],
        "translator" => &["translator", "transliteration"],
        "contributor" => &[
            "contributor",
            "director",
            "producer",
            "host",
            "performer",
            "composer",
            "interviewer",
            "reviewed",
            "series editor",
        ],
        "elided" => &["elided", "ellipsis"],
        "issued" => &["date"],
        "year-suffix" => &["year suffix"],
        "original-date" => &["original"],
        "accessed" => &["access"],
        "title" => &["title", "transliteration"],
        "translated-title" => &["translated title"],
        "container-title" => &["container", "journal", "in"],
        "collection-title" => &["series"],
        "collection-number" => &["series"],
        "volume" => &["volume"],
        "issue" => &["issue"],
        "page" => &["pages"],
        "number" => &["number"],
        "edition" => &["edition"],
        "version" => &["version"],
        "genre" => &["description", "type", "genre"],
        "URL" => &["url"],
        "medium" => &["description", "medium"],
        "publisher" => &["publisher", "institution", "organization"],
        "place" => &["place"],
        "event" => &["event"],
        "event-place" => &["event place", "place"],
        "authority" => &["court"],
        "section" => &["section"],
        "archive" => &["archive"],
        "status" => &["status"],
        "keywords" => &["keyword"],
        _ => &[],
    }
}

/// Writes `r` alone in `format` and reads it back.
fn through(format: Format, r: &Reference, zotero: bool) -> (Option<Reference>, Vec<Diagnostic>) {
    let opts = WriteOptions {
        zotero_compatible: zotero,
        ..WriteOptions::default()
    };
    let (text, diags) = write::to_string_with_diagnostics(format, &opts, std::slice::from_ref(r));
    let back_format: InputFormat = format.name().parse().expect("readable format");
    let out = read::read_all(back_format, &text);
    assert!(
        out.skipped.is_empty(),
        "{format}: the reader skipped the writer's output: {:?}\n{text}",
        out.skipped
    );
    (out.records.into_iter().next().map(|x| x.reference), diags)
}

fn corpus() -> Vec<Reference> {
    let mut all = common::fixtures();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold = std::fs::read_to_string(root.join("tests/fixtures/dev-gold-sample.json"))
        .expect("gold sample");
    all.extend(read::read_all(InputFormat::CslJson, &gold).references());
    for f in std::fs::read_dir(root.join("tests/regression")).expect("regression") {
        let text = std::fs::read_to_string(f.expect("entry").path()).expect("case file");
        let refs: String = text
            .lines()
            .scan(false, |after_name, l| {
                let keep = *after_name && !l.starts_with("=>");
                *after_name = l.starts_with("## ");
                Some(if keep {
                    format!("{l}\n\n")
                } else {
                    String::new()
                })
            })
            .collect();
        all.extend(read::read_all(InputFormat::Apa, &refs).references());
    }
    all
}

/// Every lost field is named by a diagnostic; returns the losses per field.
fn check(format: Format, zotero: bool) -> Vec<(String, usize)> {
    let mut unexplained = Vec::new();
    let mut count: std::collections::BTreeMap<&'static str, usize> = Default::default();
    let all = corpus();
    for r in &all {
        let (back, diags) = through(format, r, zotero);
        let back = back.expect("one record back");
        for field in differences(r, &back) {
            *count.entry(field).or_default() += 1;
            let explained = diags.iter().any(|d| {
                let m = d.message.to_lowercase();
                words(field).iter().any(|w| m.contains(w))
                    || d.field
                        .is_some_and(|f| f.name().eq_ignore_ascii_case(field))
            });
            if !explained && std::env::var_os("READ_BACK_DEBUG").is_some() {
                eprintln!("--- {format} {field}\n{r:#?}\n{back:#?}");
            }
            if !explained {
                unexplained.push(format!(
                    "{format}: {} `{field}` lost without a diagnostic ({:?})",
                    r.id.as_deref().or(r.title.as_deref()).unwrap_or("?"),
                    diags.iter().map(|d| d.message.clone()).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(
        unexplained.is_empty(),
        "{} of {} records:\n{}",
        unexplained.len(),
        all.len(),
        unexplained.join("\n")
    );
    count.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

#[test]
fn csv_keeps_everything_but_keywords_with_semicolons() {
    let lost = check(Format::Csv, true);
    assert!(lost.iter().all(|(f, _)| f == "keywords"), "{lost:?}");
}

#[test]
fn csl_json_keeps_everything_but_the_elision_marker() {
    let lost = check(Format::CslJson, false);
    assert!(
        lost.iter().all(|(f, _)| f == "elided" || f == "keywords"),
        "{lost:?}"
    );
}

#[test]
fn csl_json_for_zotero_reports_software() {
    check(Format::CslJson, true);
}

#[test]
fn ris_losses_are_reported() {
    let lost = check(Format::Ris, true);
    eprintln!("ris: {lost:?}");
}

#[test]
fn bibtex_losses_are_reported() {
    let lost = check(Format::Bibtex, true);
    eprintln!("bibtex: {lost:?}");
}

#[test]
fn biblatex_losses_are_reported() {
    let lost = check(Format::Biblatex, true);
    eprintln!("biblatex: {lost:?}");
}

/// Writing what was read from a format's own output gives the same text:
/// format → model → format is stable after one round.
#[test]
fn second_round_trips_are_stable() {
    let all = corpus();
    let opts = WriteOptions::default();
    let mut unstable = Vec::new();
    for format in [
        Format::Ris,
        Format::Csv,
        Format::CslJson,
        Format::Bibtex,
        Format::Biblatex,
    ] {
        let input: InputFormat = format.name().parse().expect("readable");
        for r in &all {
            let once = write::to_string(format, &opts, std::slice::from_ref(r));
            let back = read::read_all(input, &once).references();
            let twice = write::to_string(format, &opts, &back);
            let again = read::read_all(input, &twice).references();
            let thrice = write::to_string(format, &opts, &again);
            if twice != thrice {
                unstable.push(format!("{format}:\n{twice}\n---\n{thrice}"));
            }
        }
    }
    assert!(unstable.is_empty(), "{}", unstable.join("\n===\n"));
}
