use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let fmt: refmill::write::Format = std::env::args()
        .nth(2)
        .unwrap_or("csl-json".into())
        .parse()
        .unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let recs: Vec<_> = refmill::apa::parse_list(&text)
        .into_iter()
        .map(|p| p.reference)
        .collect();
    let t = Instant::now();
    let mut total = 0;
    let iters: usize = std::env::var("ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    for _ in 0..iters {
        total += refmill::write::to_string(
            fmt,
            &refmill::write::WriteOptions {
                pretty: std::env::var("PRETTY").is_ok(),
                ..Default::default()
            },
            &recs,
        )
        .len();
    }
    let dt = t.elapsed();
    eprintln!(
        "{} records x15 in {:?}: {:.0} records/s ({} bytes)",
        recs.len(),
        dt,
        iters as f64 * recs.len() as f64 / dt.as_secs_f64(),
        total
    );
}
