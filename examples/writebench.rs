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
    for _ in 0..15 {
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
        15.0 * recs.len() as f64 / dt.as_secs_f64(),
        total
    );
}
