use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let t0 = Instant::now();
    let segs = refmill::apa::segment::segment(&text);
    let t1 = Instant::now();
    let mut n = 0usize;
    for s in &segs {
        let p = refmill::apa::parse_reference(&s.text, s.line, s.end_line);
        n += p.diagnostics.len();
    }
    let t2 = Instant::now();
    let recs: Vec<_> = segs
        .iter()
        .take(20000)
        .map(|s| refmill::apa::parse_reference(&s.text, s.line, s.end_line).reference)
        .collect();
    let t3 = Instant::now();
    let out =
        refmill::write::to_string(refmill::write::Format::CslJson, &Default::default(), &recs);
    let t4 = Instant::now();
    eprintln!(
        "{} refs; segment {:?} ({:.0}/s); parse {:?} ({:.0}/s); csljson write 20k {:?} ({:.0}/s) {} bytes; diags {}",
        segs.len(),
        t1 - t0,
        segs.len() as f64 / (t1 - t0).as_secs_f64(),
        t2 - t1,
        segs.len() as f64 / (t2 - t1).as_secs_f64(),
        t4 - t3,
        20000.0 / (t4 - t3).as_secs_f64(),
        out.len(),
        n
    );
}
