//! Times writing a CSL-JSON file in each format with and without the
//! shared loss check (`writer_for` vs `bare_writer_for`):
//! `cargo run --release --example writebench_loss -- IN.json`.
use refmill::read::{self, InputFormat};
use refmill::write::{self, Format, WriteOptions};
use std::time::Instant;

fn run(format: Format, recs: &[refmill::Reference], checked: bool) -> (f64, usize) {
    let opts = WriteOptions::default();
    let t = Instant::now();
    let mut w = if checked {
        write::writer_for(format, &opts)
    } else {
        write::bare_writer_for(format, &opts)
    };
    let mut out = Vec::new();
    let mut d = Vec::new();
    w.begin(&mut out).expect("write");
    for r in recs {
        w.write_record(&mut out, r, &mut d).expect("write");
    }
    w.finish(&mut out).expect("write");
    (t.elapsed().as_secs_f64() * 1000.0, d.len())
}

fn main() {
    let path = std::env::args().nth(1).expect("IN.json");
    let text = std::fs::read_to_string(path).expect("read");
    let recs = read::read_all(InputFormat::CslJson, &text).references();
    for format in Format::ALL {
        let (bare, nb) = run(format, &recs, false);
        let (checked, nc) = run(format, &recs, true);
        println!(
            "{format:9} {} records: {bare:7.1} ms bare ({nb} diagnostics), {checked:7.1} ms with loss check ({nc})",
            recs.len()
        );
    }
}
