//! Writers: one file per output format, all streaming.
//!
//! A writer is fed records one at a time ([`RecordWriter::write_record`])
//! between [`RecordWriter::begin`] and [`RecordWriter::finish`], so that
//! nothing holds the whole output. Writers that need state across records
//! (unique citation keys, the JSON array's commas) keep it themselves.

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
