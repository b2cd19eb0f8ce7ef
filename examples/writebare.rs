//! The bare writer of one format (no loss diagnostics), as the criterion
//! group `write-bare` runs it, for profiling under callgrind: parses
//! `benches/data/apa-sample.txt` (or the file given) once, then writes
//! every record `ITERS` times (default 20) with a fresh writer each time.
//!
//! `cargo run --release --example writebare -- bibtex [FILE]`; with
//! `ITERS=0` it only parses, so that the difference of two callgrind
//! runs is the writer's.

use refmill::write::{self, Format, WriteOptions};
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let fmt: Format = args
        .next()
        .unwrap_or_else(|| "bibtex".into())
        .parse()
        .expect("a format");
    let path = args.next().unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/benches/data/apa-sample.txt").into()
    });
    let iters: usize = std::env::var("ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let opts = WriteOptions {
        ascii: std::env::var("ASCII").is_ok(),
        ..Default::default()
    };
    let text = std::fs::read_to_string(path).expect("input");
    let records: Vec<_> = refmill::apa::parse_list(&text)
        .into_iter()
        .map(|p| p.reference)
        .collect();
    let mut out = Vec::with_capacity(1 << 20);
    let t = Instant::now();
    let mut total = 0;
    // The quickest pass: on a shared machine the least disturbed one.
    let mut best = std::time::Duration::MAX;
    for _ in 0..iters {
        let pass = Instant::now();
        out.clear();
        let mut w = write::bare_writer_for(fmt, &opts);
        let mut diags = Vec::new();
        let _ = w.begin(&mut out);
        for r in &records {
            let _ = w.write_record(&mut out, r, &mut diags);
        }
        let _ = w.finish(&mut out);
        total += std::hint::black_box(&out).len();
        best = best.min(pass.elapsed());
    }
    let dt = t.elapsed();
    eprintln!(
        "{} records x{iters} in {dt:?}: {:.0} records/s, quickest pass {:.0} records/s ({total} bytes)",
        records.len(),
        (iters * records.len()) as f64 / dt.as_secs_f64(),
        records.len() as f64 / best.as_secs_f64(),
    );
}
