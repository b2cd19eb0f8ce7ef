//! The readers (BibTeX, BibLaTeX, RIS, CSL-JSON, CSV) and format detection
//! on raw bytes: never panic, lose no entry (each is a record or a skipped
//! entry with its line), and what they read writes out again in the same
//! format without a panic. The first byte picks the reader.
#![no_main]
use libfuzzer_sys::fuzz_target;
use refmill::read::{self, InputFormat, ReadItem};
use refmill::write::{self, Format, WriteOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let _ = read::detect_explained(&text);
    let formats = [
        InputFormat::Bibtex,
        InputFormat::Biblatex,
        InputFormat::Ris,
        InputFormat::CslJson,
        InputFormat::Csv,
    ];
    let format = formats[usize::from(pick) % formats.len()];
    let lines = text.lines().count().max(1);
    let items: Vec<ReadItem> = read::read_iter(format, &text).collect();
    let all = read::read_all(format, &text);
    assert_eq!(items.len(), all.records.len() + all.skipped.len(), "read_iter and read_all agree");
    for it in &items {
        if let ReadItem::Skipped(s) = it {
            assert!(s.line >= 1 && s.line <= s.end_line.max(s.line));
            assert!(s.line <= lines + 1, "skipped entry inside the text");
        }
    }
    let records = all.references();
    let out = match format {
        InputFormat::Bibtex => Format::Bibtex,
        InputFormat::Biblatex => Format::Biblatex,
        InputFormat::Ris => Format::Ris,
        InputFormat::CslJson => Format::CslJson,
        _ => Format::Csv,
    };
    let written = write::to_string(out, &WriteOptions::default(), &records);
    let again = read::read_all(format, &written);
    assert_eq!(again.skipped.len(), 0, "refmill reads its own output: {written}");
    assert_eq!(again.records.len(), records.len(), "as many records back");
});
