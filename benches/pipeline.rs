//! Criterion benchmarks of each stage, on `benches/data/apa-sample.txt`
//! (495 references, every 4th of the development corpus, one per
//! paragraph):
//!
//! * `segment`: finding the references in the text (in memory, and
//!   streaming through the CLI's line reader);
//! * `parse`: parsing the segmented references;
//! * `write/<format>`: each writer, from parsed records to bytes;
//! * `convert`: the whole pipeline on one thread, file to discarded output.
//!
//! Run with `cargo bench --bench pipeline`; throughput is in references.
//!
//! The benchmarks run with mimalloc as the global allocator, as the
//! `refmill` binary does (src/main.rs), so that they measure what the
//! command line runs; figures taken before this was so used the system
//! allocator.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use refmill::apa::{self, segment};
use refmill::batch::InputSpec;
use refmill::convert::{self, Destination, Observer, Options, ParsedRef};
use refmill::input::{DecodeOptions, InputError, InputWarning, LineSource};
use refmill::write::{self, Format, WriteOptions};
use refmill::{Diagnostic, Reference};
use std::hint::black_box;
use std::io;
use std::path::PathBuf;

/// The allocator of the `refmill` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/data/apa-sample.txt")
}

fn sample() -> String {
    std::fs::read_to_string(sample_path()).expect("benches/data/apa-sample.txt")
}

fn bench_segment(c: &mut Criterion) {
    let text = sample();
    let n = segment::segment(&text).len() as u64;
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Elements(n));
    g.bench_function("in-memory", |b| {
        b.iter(|| segment::segment(black_box(&text)))
    });
    g.bench_function("streaming", |b| {
        b.iter(|| {
            let src = LineSource::new(
                Box::new(io::Cursor::new(text.clone().into_bytes())),
                DecodeOptions::default(),
            )
            .expect("in memory");
            let mut r = convert::SegmentReader::new(src);
            let mut k = 0;
            while let Ok(Some(s)) = r.next_segment() {
                k += black_box(s).text.len();
            }
            k
        })
    });
    g.finish();
}

fn bench_parse(c: &mut Criterion) {
    let segs = segment::segment(&sample());
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Elements(segs.len() as u64));
    g.bench_function("references", |b| {
        b.iter(|| {
            for s in &segs {
                black_box(apa::parse_reference(black_box(&s.text), s.line, s.end_line));
            }
        })
    });
    g.finish();
}

fn bench_write(c: &mut Criterion) {
    let records: Vec<Reference> = apa::parse_list(&sample())
        .into_iter()
        .map(|p| p.reference)
        .collect();
    let opts = WriteOptions::default();
    let mut out = Vec::with_capacity(1 << 20);
    // `write`: what the command line runs (with the loss diagnostics, which
    // for BibTeX read each entry back); `write-bare`: the writer alone.
    for (group, with_losses) in [("write", true), ("write-bare", false)] {
        let mut g = c.benchmark_group(group);
        g.throughput(Throughput::Elements(records.len() as u64));
        for f in Format::ALL {
            g.bench_function(f.name(), |b| {
                b.iter(|| {
                    out.clear();
                    let mut w = if with_losses {
                        write::writer_for(f, &opts)
                    } else {
                        write::bare_writer_for(f, &opts)
                    };
                    let mut diags = Vec::new();
                    let _ = w.begin(&mut out);
                    for r in &records {
                        let _ = w.write_record(&mut out, r, &mut diags);
                    }
                    let _ = w.finish(&mut out);
                    out.len()
                })
            });
        }
        g.finish();
    }
}

struct Quiet;

impl Observer for Quiet {
    fn reference(&mut self, _: &InputSpec, r: &ParsedRef, _: &[Diagnostic]) {
        black_box(r);
    }
    fn input_warning(&mut self, _: &InputSpec, _: &InputWarning) {}
    fn file_failed(&mut self, _: &InputSpec, _: &InputError) {}
}

fn bench_convert(c: &mut Criterion) {
    let n = segment::segment(&sample()).len() as u64;
    let mut g = c.benchmark_group("convert");
    g.throughput(Throughput::Elements(n));
    let mut opts = Options::new(Format::CslJson);
    opts.jobs = 1;
    g.bench_function("csl-json-1-thread", |b| {
        b.iter(|| {
            convert::run(
                vec![InputSpec::file(sample_path())],
                &Destination::Discard,
                &opts,
                &mut Quiet,
            )
            .map(|s| s.counts.records_out)
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    bench_segment,
    bench_parse,
    bench_write,
    bench_convert
);
criterion_main!(benches);
