//! Converts a file between formats with the library:
//! `cargo run --example convert -- FROM TO < IN > OUT` (FROM: apa, bibtex,
//! biblatex, ris, csl-json, csv, or `auto`; TO: any output format).
//! Diagnostics go to stderr.
use refmill::read::{self, InputFormat};
use refmill::write::{self, Format, WriteOptions};
use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("read stdin");
    let from: InputFormat = if args[1] == "auto" {
        let d = read::detect_explained(&text);
        eprintln!("reading as {} ({:?}: {})", d.format, d.confidence, d.reason);
        d.format
    } else {
        args[1].parse().expect("input format")
    };
    let to: Format = args[2].parse().expect("output format");
    let input = read::read_all(from, &text);
    let opts = WriteOptions {
        zotero_compatible: std::env::var_os("REFMILL_NO_ZOTERO").is_none(),
        ..WriteOptions::default()
    };
    let (out, diags) = write::to_string_with_diagnostics(to, &opts, &input.references());
    for d in input.diagnostics().iter().chain(diags.iter()) {
        eprintln!("{}: {d}", d.line);
    }
    print!("{out}");
}
