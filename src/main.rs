use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut text = String::new();
    if args.len() > 1 && args[1] != "-" {
        text = std::fs::read_to_string(&args[1]).expect("read");
    } else {
        std::io::stdin().read_to_string(&mut text).expect("read");
    }
    let parsed = refmill::apa::parse_list(&text);
    for p in &parsed {
        for d in &p.diagnostics {
            eprintln!("{}: {}", d.line, d);
        }
    }
    let recs: Vec<_> = parsed.into_iter().map(|p| p.reference).collect();
    let fmt = args
        .get(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(refmill::write::Format::CslJson);
    print!(
        "{}",
        refmill::write::to_string(fmt, &Default::default(), &recs)
    );
}
