fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    for s in refmill::apa::segment::segment(&text) {
        println!("{}\t{}\t{}", s.line, s.end_line, s.text);
    }
}
