//! Parses an APA list and writes it back as APA 7 text; prints how many
//! references come back the same (up to whitespace and dashes) and the
//! first differing ones: `cargo run --example apa_roundtrip -- LIST.txt [N]`.
use refmill::apa;
use refmill::write::apa::reference;

fn norm(s: &str) -> String {
    refmill::write::loss::norm(s)
        .replace(" (", "(")
        .replace("…", ". . .")
        .trim_end_matches('.')
        .to_string()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("read");
    let show: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20);
    let parsed = apa::parse_list(&text);
    let mut same = 0;
    let mut shown = 0;
    for p in &parsed {
        let input = p.reference.raw.clone().unwrap_or_default();
        let out = reference(&p.reference, false);
        if norm(&out) == norm(&input) {
            same += 1;
        } else if shown < show {
            shown += 1;
            println!("in:  {input}\nout: {out}\n");
        }
    }
    println!("{same} of {} references round-trip", parsed.len());
}
