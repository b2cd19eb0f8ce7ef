//! The APA regression suite: `tests/regression/*.txt` hold one case per
//! behaviour (reference text and the CSL-JSON item it must give, without
//! the generated `id`), grouped by the APA manual's categories.
//!
//! Format of a case:
//!
//! ```text
//! ## short name of the behaviour
//! Author, A. (2019). Title. Journal, 1(2), 3–4.
//! => {"type": "article-journal", ...}
//! ```
//!
//! `REFMILL_BLESS=1 cargo test --test regression` rewrites the expected
//! items from the current output; review the diff by eye before committing.

#[path = "common/files.rs"]
mod files;

use refmill::apa::parse_reference;
use refmill::write::WriteOptions;
use refmill::write::csljson::CslItem;
use serde_json::Value;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

struct Case {
    name: String,
    text: String,
    expected: Option<Value>,
}

struct File {
    header: String,
    cases: Vec<Case>,
}

fn read_cases(path: &Path) -> File {
    let content = fs::read_to_string(path).expect("case file is readable");
    let mut header = String::new();
    let mut cases = Vec::new();
    let mut lines = content.lines().peekable();
    while let Some(line) = lines.peek() {
        if line.starts_with("## ") {
            break;
        }
        header.push_str(line);
        header.push('\n');
        lines.next();
    }
    while let Some(line) = lines.next() {
        let Some(name) = line.strip_prefix("## ") else {
            continue;
        };
        let mut text = String::new();
        let mut json = String::new();
        let mut in_json = false;
        while let Some(l) = lines.peek() {
            if l.starts_with("## ") {
                break;
            }
            let l = lines.next().unwrap_or_default();
            if let Some(rest) = l.strip_prefix("=>") {
                in_json = true;
                json.push_str(rest);
                json.push('\n');
            } else if in_json {
                json.push_str(l);
                json.push('\n');
            } else if !l.trim().is_empty() {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(l);
            }
        }
        let expected = (!json.trim().is_empty()).then(|| {
            serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("{}: case `{name}`: bad JSON: {e}", path.display()))
        });
        cases.push(Case {
            name: name.to_string(),
            text,
            expected,
        });
    }
    File { header, cases }
}

fn actual(text: &str) -> Value {
    let parsed = parse_reference(text, 1, 1);
    let item = CslItem::from_reference(&parsed.reference, "x", &WriteOptions::default());
    let mut v = serde_json::to_value(item).expect("serialisable");
    if let Value::Object(m) = &mut v {
        m.remove("id");
    }
    v
}

/// CSL variables in the order a reader expects them.
const ORDER: &[&str] = &[
    "type",
    "author",
    "editor",
    "translator",
    "director",
    "host",
    "issued",
    "original-date",
    "year-suffix",
    "status",
    "title",
    "genre",
    "medium",
    "container-title",
    "collection-title",
    "collection-number",
    "edition",
    "volume",
    "issue",
    "page",
    "number",
    "version",
    "publisher",
    "publisher-place",
    "event-title",
    "event-place",
    "archive",
    "accessed",
    "DOI",
    "URL",
    "ISBN",
    "ISSN",
    "note",
];

/// One variable per line, each value in compact JSON.
fn pretty(v: &Value) -> String {
    let Value::Object(m) = v else {
        return v.to_string();
    };
    let mut keys: Vec<&String> = m.keys().collect();
    keys.sort_by_key(|k| {
        (
            ORDER.iter().position(|o| o == k).unwrap_or(ORDER.len()),
            k.as_str(),
        )
    });
    let lines: Vec<String> = keys
        .iter()
        .map(|k| format!("  {}: {}", Value::from(k.as_str()), m[k.as_str()]))
        .collect();
    format!("{{\n{}\n}}", lines.join(",\n"))
}

fn render(file: &File, actuals: &[Value]) -> String {
    let mut out = file.header.clone();
    for (c, a) in file.cases.iter().zip(actuals) {
        let _ = writeln!(out, "## {}", c.name);
        let _ = writeln!(out, "{}", c.text);
        let json = pretty(a);
        let _ = writeln!(out, "=> {json}");
        out.push('\n');
    }
    out
}

#[test]
fn apa_regression_suite() {
    let bless = std::env::var_os("REFMILL_BLESS").is_some();
    let paths = files::txt_files("tests/regression");
    let mut failures = Vec::new();
    let mut total = 0;
    for path in &paths {
        let file = read_cases(path);
        let actuals: Vec<Value> = file.cases.iter().map(|c| actual(&c.text)).collect();
        for (c, a) in file.cases.iter().zip(&actuals) {
            total += 1;
            match &c.expected {
                Some(e) if e == a => {}
                Some(e) => failures.push(format!(
                    "{} / {}\n  input:    {}\n  expected: {}\n  actual:   {}",
                    path.file_name().unwrap_or_default().to_string_lossy(),
                    c.name,
                    c.text,
                    e,
                    a
                )),
                None => failures.push(format!("{} / {}: no expected item", path.display(), c.name)),
            }
        }
        if bless {
            fs::write(path, render(&file, &actuals)).expect("case file is writable");
        }
    }
    assert!(
        total >= 60,
        "the suite should cover the APA categories ({total} cases)"
    );
    if !bless {
        assert!(
            failures.is_empty(),
            "{} of {total} cases differ:\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
}
