//! The APA parser on raw bytes (decoded lossily): never panics, always
//! gives one record per segment, and the record keeps the text it read.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = refmill::apa::parse_reference(&text, 1, 1);
    let raw = parsed.reference.raw.as_deref().unwrap_or("");
    for s in &parsed.spans {
        assert!(s.start <= s.end && s.end <= raw.len(), "span inside the text");
        assert!(raw.is_char_boundary(s.start) && raw.is_char_boundary(s.end));
    }
    let list = refmill::apa::parse_list(&text);
    assert_eq!(list.len(), refmill::apa::segment::segment(&text).len());
});
