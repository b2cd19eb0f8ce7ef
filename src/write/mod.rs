//! Writers: one file per output format, all streaming.
//!
//! A writer is fed records one at a time ([`RecordWriter::write_record`])
//! between [`RecordWriter::begin`] and [`RecordWriter::finish`], so that
//! nothing holds the whole output. Writers that need state across records
//! (unique citation keys, the JSON array's commas) keep it themselves. A
//! record can also be rendered apart from that state ([`Renderer`], on
//! any thread) and then written by [`RecordWriter::write_rendered`], which
//! adds only what depends on the records before, to the same bytes.

pub mod apa;
pub mod bibtex;
pub mod csljson;
pub mod csv;
pub mod keys;
pub mod latex;
pub mod loss;
pub mod ris;

use crate::diag::Diagnostic;
use crate::model::Reference;
use std::fmt;
use std::io;
use std::str::FromStr;

/// `str::trim`, at once for the usual value that starts and ends with
/// ASCII other than whitespace (only ASCII whitespace and non-ASCII
/// characters can be whitespace).
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    if solid(s.as_bytes().first()) && solid(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

/// An ASCII byte other than whitespace: no character that `str::trim`
/// removes starts or ends with it.
#[inline]
pub(crate) fn solid(b: Option<&u8>) -> bool {
    b.is_some_and(|b| b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' '))
}

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// CSL-JSON: one JSON array.
    CslJson,
    /// Classic BibTeX (bibtex + apalike/plain).
    Bibtex,
    /// BibLaTeX (biber + biblatex).
    Biblatex,
    /// RIS, as Zotero imports it.
    Ris,
    /// CSV with a fixed column set.
    Csv,
    /// An APA 7 reference list as plain text.
    Apa,
    /// An APA 7 reference list as HTML, italics as `<i>`.
    ApaHtml,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 7] = [
        Format::CslJson,
        Format::Bibtex,
        Format::Biblatex,
        Format::Ris,
        Format::Csv,
        Format::Apa,
        Format::ApaHtml,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::CslJson => "csl-json",
            Format::Bibtex => "bibtex",
            Format::Biblatex => "biblatex",
            Format::Ris => "ris",
            Format::Csv => "csv",
            Format::Apa => "apa",
            Format::ApaHtml => "apa-html",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::CslJson => "json",
            Format::Bibtex | Format::Biblatex => "bib",
            Format::Ris => "ris",
            Format::Csv => "csv",
            Format::Apa => "txt",
            Format::ApaHtml => "html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        let s = s.to_ascii_lowercase();
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == s)
            .or(match s.as_str() {
                "json" | "csl" | "csljson" => Some(Format::CslJson),
                "bib" => Some(Format::Bibtex),
                "apa7" | "txt" | "text" => Some(Format::Apa),
                "html" | "apa7-html" => Some(Format::ApaHtml),
                _ => None,
            })
            .ok_or_else(|| {
                format!(
                    "unknown format `{s}` (expected one of: {})",
                    Format::ALL.map(Format::name).join(", ")
                )
            })
    }
}

/// Options that change what writers write.
#[derive(Clone, Debug)]
pub struct WriteOptions {
    /// BibTeX/BibLaTeX: write non-ASCII letters as LaTeX accent macros
    /// (for classic bibtex, which is byte-based).
    pub ascii: bool,
    /// CSV: start with a UTF-8 byte-order mark (for Excel).
    pub csv_bom: bool,
    /// CSL-JSON: write only item types Zotero imports (`software` becomes
    /// `book` with `version`), particles inside `family`.
    pub zotero_compatible: bool,
    /// CSL-JSON: pretty-print.
    pub pretty: bool,
}

impl Default for WriteOptions {
    fn default() -> WriteOptions {
        WriteOptions {
            ascii: false,
            csv_bom: false,
            zotero_compatible: true,
            pretty: true,
        }
    }
}

/// A streaming writer of one format.
pub trait RecordWriter: Send {
    /// Writes what comes before the first record (a header row, `[`).
    fn begin(&mut self, out: &mut dyn io::Write) -> io::Result<()>;
    /// Writes one record. What the format cannot carry is reported in
    /// `diags` (the record is still written).
    fn write_record(
        &mut self,
        out: &mut dyn io::Write,
        r: &Reference,
        diags: &mut Vec<Diagnostic>,
    ) -> io::Result<()>;
    /// Writes what comes after the last record (`]`).
    fn finish(&mut self, out: &mut dyn io::Write) -> io::Result<()>;
    /// Writes a record that a [`Renderer`] for this writer's format and
    /// options rendered (`text`, with the key's stem `stem` written in it
    /// up to `hole`): adds what depends on the records before it (the
    /// separator, the letters that make the key unique), so that the
    /// bytes are those [`write_record`](Self::write_record) writes, in
    /// the same `write_all` calls.
    fn write_rendered(
        &mut self,
        out: &mut dyn io::Write,
        text: &[u8],
        hole: usize,
        stem: &str,
    ) -> io::Result<()>;
}

/// Writes `text` with the letters `key` has after `stem` inserted at
/// `hole` (where the rendered stem ends), in one `write_all` as the
/// writer's `write_record` does (so that the output is flushed at the
/// same points, and interleaves the same way with messages when both go
/// to one terminal or pipe); `buf` is scratch room.
fn write_with_suffix(
    out: &mut dyn io::Write,
    text: &[u8],
    hole: usize,
    key: &str,
    stem: &str,
    buf: &mut Vec<u8>,
) -> io::Result<()> {
    match key.as_bytes().get(stem.len()..) {
        Some(suffix) if !suffix.is_empty() => {
            let (before, after) = text.split_at(hole.min(text.len()));
            buf.clear();
            buf.extend_from_slice(before);
            buf.extend_from_slice(suffix);
            buf.extend_from_slice(after);
            out.write_all(buf)
        }
        _ => out.write_all(text),
    }
}

/// Renders records apart from the writer's state across records, so that
/// a pipeline can render on many threads and write on one
/// ([`RecordWriter::write_rendered`]): in every format a record depends
/// on the ones before only by a separator and its unique key. The key is
/// rendered as its stem ([`keys::stem_into`]); the writer adds the letters
/// that make it unique, which go right after the stem (key characters
/// need no escaping or quoting in any format).
pub struct Renderer(Rendering);

/// What a [`Renderer`] writes with.
enum Rendering {
    CslJson(WriteOptions),
    Csv(csv::CsvWriter),
    Bib(bibtex::BibWriter),
    Ris,
    Apa { html: bool },
}

impl Renderer {
    /// A renderer for `format` written with `opts`.
    pub fn new(format: Format, opts: &WriteOptions) -> Renderer {
        Renderer(match format {
            Format::CslJson => Rendering::CslJson(opts.clone()),
            Format::Csv => Rendering::Csv(csv::CsvWriter::new(opts)),
            Format::Bibtex => Rendering::Bib(bibtex::BibWriter::new(bibtex::Dialect::Bibtex, opts)),
            Format::Biblatex => {
                Rendering::Bib(bibtex::BibWriter::new(bibtex::Dialect::Biblatex, opts))
            }
            Format::Ris => Rendering::Ris,
            Format::Apa => Rendering::Apa { html: false },
            Format::ApaHtml => Rendering::Apa { html: true },
        })
    }

    /// Appends the record `r` to `out` and its key's stem to `stem` (empty
    /// for formats without keys); the writer's own diagnostics go to
    /// `diags`. Returns where, in the bytes appended, the key's stem ends.
    pub fn render(
        &mut self,
        r: &Reference,
        out: &mut Vec<u8>,
        stem: &mut String,
        diags: &mut Vec<Diagnostic>,
    ) -> usize {
        let at = stem.len();
        if matches!(
            self.0,
            Rendering::CslJson(_) | Rendering::Csv(_) | Rendering::Bib(_)
        ) {
            keys::stem_into(r, stem);
        }
        // Char boundary: `at` was the length of `stem`.
        let key = &stem[at..];
        match &mut self.0 {
            Rendering::CslJson(opts) => {
                let start = out.len();
                csljson::render(r, key, opts, out) - start
            }
            Rendering::Csv(w) => w.render(r, key, out),
            Rendering::Bib(w) => w.render_apart(r, key, out, diags),
            Rendering::Ris => {
                out.extend_from_slice(ris::record(r, diags).as_bytes());
                0
            }
            Rendering::Apa { html } => {
                out.extend_from_slice(apa::reference(r, *html).as_bytes());
                0
            }
        }
    }
}

/// A writer for `format`. Besides what the writer itself reports, every
/// record gets a warning for each field `format` cannot carry
/// ([`loss::check`]).
pub fn writer_for(format: Format, opts: &WriteOptions) -> Box<dyn RecordWriter> {
    Box::new(LossReporting {
        inner: bare_writer_for(format, opts),
        format,
        zotero: opts.zotero_compatible,
    })
}

/// A writer that adds [`loss::check`]'s warnings to another's.
struct LossReporting {
    inner: Box<dyn RecordWriter>,
    format: Format,
    zotero: bool,
}

impl RecordWriter for LossReporting {
    fn begin(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        self.inner.begin(out)
    }

    fn write_record(
        &mut self,
        out: &mut dyn io::Write,
        r: &Reference,
        diags: &mut Vec<Diagnostic>,
    ) -> io::Result<()> {
        let start = diags.len();
        if reads_back(self.format) {
            // The entry is read back: what does not come back is named.
            let mut buf = Vec::with_capacity(1024);
            self.inner.write_record(&mut buf, r, diags)?;
            out.write_all(&buf)?;
            // In bounds: `diags` only grew since `start` was its length.
            let lost = losses_after_write(self.format, self.zotero, r, &buf, &diags[start..]);
            diags.extend(lost);
        } else {
            self.inner.write_record(out, r, diags)?;
            diags.extend(losses_after_write(self.format, self.zotero, r, &[], &[]));
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        self.inner.finish(out)
    }

    /// The record's losses are found where it was rendered
    /// ([`LossChecker::losses_of_rendered`]).
    fn write_rendered(
        &mut self,
        out: &mut dyn io::Write,
        text: &[u8],
        hole: usize,
        stem: &str,
    ) -> io::Result<()> {
        self.inner.write_rendered(out, text, hole, stem)
    }
}

/// The formats whose entries are read back to find what they lost.
fn reads_back(format: Format) -> bool {
    matches!(format, Format::Bibtex | Format::Biblatex)
}

/// What [`writer_for`] adds to the bare writer's diagnostics for `r`:
/// for BibTeX and BibLaTeX, what does not come back when `written` (the
/// entry) is read back, unless `own` (the writer's diagnostics) names it;
/// for every format, [`loss::check`].
fn losses_after_write(
    format: Format,
    zotero: bool,
    r: &Reference,
    written: &[u8],
    own: &[Diagnostic],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if reads_back(format) {
        let text = String::from_utf8_lossy(written);
        if let Some(back) = crate::read::bibtex::read(&text)
            .into_iter()
            .find_map(|i| match i {
                crate::read::ReadItem::Record(x) => Some(x.reference),
                crate::read::ReadItem::Skipped(_) => None,
            })
        {
            out.extend(loss::readback(format, r, &back, own));
        }
    }
    let mut lost = loss::check(format, r);
    if format == Format::CslJson && !zotero {
        // Without Zotero compatibility `software` is written as such.
        lost.retain(|d| d.field != Some(crate::model::Field::Type));
    }
    out.extend(lost);
    out
}

/// Computes, apart from the output, the diagnostics that [`writer_for`]
/// adds to [`bare_writer_for`]'s: a pipeline can run it on many threads
/// and write with the bare writer on one. The BibTeX entry it reads back
/// is written by a scratch writer of its own (citation keys do not take
/// part in the comparison).
pub struct LossChecker {
    format: Format,
    zotero: bool,
    scratch: Box<dyn RecordWriter>,
    buf: Vec<u8>,
    own: Vec<Diagnostic>,
}

impl LossChecker {
    /// A checker for `format` written with `opts`.
    pub fn new(format: Format, opts: &WriteOptions) -> LossChecker {
        LossChecker {
            format,
            zotero: opts.zotero_compatible,
            scratch: bare_writer_for(format, opts),
            buf: Vec::new(),
            own: Vec::new(),
        }
    }

    /// [`LossChecker::losses`] for `r` as a [`Renderer`] rendered it
    /// (`written`, with the writer's own diagnostics `own`): a BibTeX
    /// entry is read back from `written` instead of written again.
    pub fn losses_of_rendered(
        &mut self,
        r: &Reference,
        written: &[u8],
        own: &[Diagnostic],
    ) -> Vec<Diagnostic> {
        losses_after_write(self.format, self.zotero, r, written, own)
    }

    /// The diagnostics [`writer_for`]'s writer would add after the bare
    /// writer's own for `r`.
    pub fn losses(&mut self, r: &Reference) -> Vec<Diagnostic> {
        self.buf.clear();
        self.own.clear();
        if reads_back(self.format)
            && self
                .scratch
                .write_record(&mut self.buf, r, &mut self.own)
                .is_err()
        {
            // Writing to memory does not fail; were it to, nothing is
            // read back and only the static check remains.
            self.buf.clear();
        }
        losses_after_write(self.format, self.zotero, r, &self.buf, &self.own)
    }
}

/// The writer for `format` alone, without [`loss::check`]'s warnings.
pub fn bare_writer_for(format: Format, opts: &WriteOptions) -> Box<dyn RecordWriter> {
    match format {
        Format::CslJson => Box::new(csljson::CslJsonWriter::new(opts)),
        Format::Bibtex => Box::new(bibtex::BibWriter::new(bibtex::Dialect::Bibtex, opts)),
        Format::Biblatex => Box::new(bibtex::BibWriter::new(bibtex::Dialect::Biblatex, opts)),
        Format::Ris => Box::new(ris::RisWriter::new(opts)),
        Format::Csv => Box::new(csv::CsvWriter::new(opts)),
        Format::Apa => Box::new(apa::ApaWriter::new(false, opts)),
        Format::ApaHtml => Box::new(apa::ApaWriter::new(true, opts)),
    }
}

/// Writes all `records` in `format` to a string (convenience for tests and
/// small inputs).
pub fn to_string(format: Format, opts: &WriteOptions, records: &[Reference]) -> String {
    to_string_with_diagnostics(format, opts, records).0
}

/// Writes all `records` in `format` to a string, with the writer's
/// diagnostics.
pub fn to_string_with_diagnostics(
    format: Format,
    opts: &WriteOptions,
    records: &[Reference],
) -> (String, Vec<Diagnostic>) {
    let mut w = writer_for(format, opts);
    let mut out = Vec::new();
    let mut diags = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = w.begin(&mut out);
    for r in records {
        let _ = w.write_record(&mut out, r, &mut diags);
    }
    let _ = w.finish(&mut out);
    (String::from_utf8(out).unwrap_or_default(), diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records rendered apart and written by `write_rendered` are byte for
    /// byte what `write_record` writes, with the same writer diagnostics,
    /// in the same `write_all` calls, keys made unique included.
    #[test]
    fn rendered_apart_is_written_the_same() {
        let texts = [
            "Glue, P., & Lee, K. (2017). Ketamine for anxiety. Journal of Psychopharmacology, 31(10), 1302-1305. https://doi.org/10.1177/0269881117705089",
            "Glue, P., & Lee, K. (2017). Ketamine for anxiety. Journal of Psychopharmacology, 31(10), 1302-1305.",
            "Glue, P. (2017). Ketamine for anxiety: A book. Academic Press.",
            "World Health Organization. (2020). Report on things. WHO.",
            "-Dash, A. (n.d.). = a formula, \"quoted\"; with, commas. Press.",
            "Glue, P., & Lee, K. (2017). Ketamine for anxiety. Journal of Psychopharmacology, 31(10), 1302-1305.",
        ];
        let records: Vec<Reference> = texts
            .iter()
            .map(|t| crate::apa::parse_reference(t, 1, 1).reference)
            .collect();
        /// Each `write_all` call, as it came.
        #[derive(Default)]
        struct Calls(Vec<Vec<u8>>);
        impl io::Write for Calls {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.push(b.to_vec());
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        for pretty in [true, false] {
            let opts = WriteOptions {
                pretty,
                ..WriteOptions::default()
            };
            for format in Format::ALL {
                let mut r = Renderer::new(format, &opts);
                let (mut a, mut b) = (Calls::default(), Calls::default());
                let (mut da, mut db) = (Vec::new(), Vec::new());
                let mut wa = bare_writer_for(format, &opts);
                let mut wb = bare_writer_for(format, &opts);
                wa.begin(&mut a).unwrap();
                wb.begin(&mut b).unwrap();
                let (mut text, mut stems) = (Vec::new(), String::new());
                for rec in &records {
                    wa.write_record(&mut a, rec, &mut da).unwrap();
                    text.clear();
                    stems.clear();
                    let hole = r.render(rec, &mut text, &mut stems, &mut db);
                    wb.write_rendered(&mut b, &text, hole, &stems).unwrap();
                }
                wa.finish(&mut a).unwrap();
                wb.finish(&mut b).unwrap();
                assert_eq!(a.0, b.0, "{format} pretty {pretty}");
                assert_eq!(da, db, "{format}");
            }
        }
    }
}
