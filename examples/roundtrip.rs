//! Converts a CSL-JSON file through another format and back:
//! `cargo run --example roundtrip -- IN.json FORMAT OUT.json`
//! (FORMAT: bibtex, biblatex, ris, csv, csl-json). Diagnostics go to
//! stderr as counts per message kind.
use refmill::read::{self, InputFormat};
use refmill::write::{self, Format, WriteOptions};
use std::collections::BTreeMap;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (input, via, output) = (&args[1], &args[2], &args[3]);
    let text = std::fs::read_to_string(input).expect("read input");
    let first = read::read_all(InputFormat::CslJson, &text);
    let recs = first.references();
    let format: Format = via.parse().expect("format");
    let opts = WriteOptions::default();
    let mut w = write::writer_for(format, &opts);
    let mut buf = Vec::new();
    let mut diags = Vec::new();
    w.begin(&mut buf).expect("write");
    for r in &recs {
        w.write_record(&mut buf, r, &mut diags).expect("write");
    }
    w.finish(&mut buf).expect("write");
    let mid = String::from_utf8(buf).expect("utf8");
    if let Ok(dir) = std::env::var("ROUNDTRIP_KEEP") {
        std::fs::write(format!("{dir}/mid.{}", format.extension()), &mid).expect("keep");
    }
    let back_format: InputFormat = via.parse().expect("input format");
    let back = read::read_all(back_format, &mid);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for d in diags.iter().chain(back.diagnostics().iter()) {
        let k: String = d.message.split(':').take(2).collect::<Vec<_>>().join(":");
        *kinds.entry(k).or_default() += 1;
    }
    eprintln!(
        "{} items in, {} records through {via}, {} back, {} skipped",
        first.records.len(),
        recs.len(),
        back.records.len(),
        back.skipped.len()
    );
    for (k, n) in kinds {
        eprintln!("  {n:5}  {k}");
    }
    let out = write::to_string(
        Format::CslJson,
        &WriteOptions {
            zotero_compatible: false,
            ..WriteOptions::default()
        },
        &back.references(),
    );
    std::fs::write(output, out).expect("write output");
}
