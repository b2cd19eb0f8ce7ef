fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let segs = refmill::apa::segment::segment(&text);
    let mut n = 0;
    for s in &segs {
        n += refmill::apa::parse_reference(&s.text, s.line, s.end_line)
            .diagnostics
            .len();
    }
    eprintln!("{} {}", segs.len(), n);
}
