//! Every writer on arbitrary field values: output stays valid — balanced
//! braces in BibTeX/BibLaTeX, one TY/ER pair per RIS record with every line
//! `XX  - value`, JSON that parses with one item per record, a CSV with a
//! constant column count.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use refmill::model::{Date, DateParts, ItemType, Name, Person, Reference, Role};
use refmill::write::{self, Format, WriteOptions};

#[derive(Arbitrary, Debug)]
struct F {
    kind: u8,
    names: Vec<(bool, String, Option<String>)>,
    title: Option<String>,
    container: Option<String>,
    publisher: Option<String>,
    volume: Option<String>,
    page: Option<String>,
    doi: Option<String>,
    url: Option<String>,
    note: Option<String>,
    year: Option<i16>,
    month: Option<u8>,
    ascii: bool,
}

fn reference(f: &F) -> Reference {
    let mut r = Reference {
        item_type: ItemType::ALL[f.kind as usize % ItemType::ALL.len()],
        title: f.title.clone(),
        container_title: f.container.clone(),
        publisher: f.publisher.clone(),
        volume: f.volume.clone(),
        page: f.page.clone(),
        doi: f.doi.clone(),
        url: f.url.clone(),
        note: f.note.clone(),
        ..Reference::default()
    };
    r.issued = f.year.map(|y| Date {
        start: Some(DateParts { year: y as i32, month: f.month.map(|m| m % 13).filter(|m| *m > 0), day: None }),
        ..Date::default()
    });
    for (i, (person, a, b)) in f.names.iter().take(6).enumerate() {
        let name = if *person {
            Name::Person(Person { family: a.clone(), given: b.clone(), ..Person::default() })
        } else {
            Name::Literal(a.clone())
        };
        r.add_names(if i % 3 == 2 { Role::Editor } else { Role::Author }, [name]);
    }
    r
}

fuzz_target!(|fs: Vec<F>| {
    let recs: Vec<Reference> = fs.iter().take(4).map(reference).collect();
    let ascii = fs.first().is_some_and(|f| f.ascii);
    let opts = WriteOptions { ascii, ..WriteOptions::default() };
    for fmt in [Format::Bibtex, Format::Biblatex] {
        let out = write::to_string(fmt, &opts, &recs);
        let mut depth = 0i64;
        let mut prev = '\0';
        for c in out.chars() {
            if prev != '\\' {
                if c == '{' { depth += 1 }
                if c == '}' { depth -= 1; assert!(depth >= 0, "{fmt}: unbalanced close\n{out}") }
            }
            prev = if prev == '\\' && c == '\\' { '\0' } else { c };
        }
        assert_eq!(depth, 0, "{fmt}: unbalanced braces\n{out}");
        if ascii && fmt == Format::Bibtex {
            assert!(out.is_ascii(), "--ascii output is ASCII");
        }
    }
    let ris = write::to_string(Format::Ris, &opts, &recs);
    let mut records = 0;
    for line in ris.lines().filter(|l| !l.is_empty()) {
        let b = line.as_bytes();
        assert!(b.len() >= 6 && b[0].is_ascii_uppercase() && (b[1].is_ascii_uppercase() || b[1].is_ascii_digit()) && &b[2..6] == b"  - ", "RIS line {line:?}");
        if line.starts_with("TY  - ") { records += 1; }
    }
    assert_eq!(records, recs.len());
    assert_eq!(ris.matches("\nER  - ").count() + usize::from(ris.starts_with("ER  - ")), recs.len());
    let json = write::to_string(Format::CslJson, &opts, &recs);
    let v: serde_json::Value = serde_json::from_str(&json).expect("CSL-JSON parses");
    assert_eq!(v.as_array().map(Vec::len), Some(recs.len()));
    let csv_out = write::to_string(Format::Csv, &opts, &recs);
    let mut rd = csv::ReaderBuilder::new().has_headers(true).from_reader(csv_out.as_bytes());
    let width = rd.headers().expect("header").len();
    let mut rows = 0;
    for row in rd.records() {
        assert_eq!(row.expect("row").len(), width);
        rows += 1;
    }
    assert_eq!(rows, recs.len());
});
