//! BibTeX and BibLaTeX writer (stub: filled in by the writers work).

use super::{RecordWriter, WriteOptions};
use crate::diag::Diagnostic;
use crate::model::Reference;
use std::io;

/// Which of the two dialects to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// Classic BibTeX.
    Bibtex,
    /// BibLaTeX.
    Biblatex,
}

/// Writes `.bib` entries.
pub struct BibWriter {
    _dialect: Dialect,
}

impl BibWriter {
    /// A new writer.
    pub fn new(dialect: Dialect, _opts: &WriteOptions) -> BibWriter {
        BibWriter { _dialect: dialect }
    }
}

impl RecordWriter for BibWriter {
    fn begin(&mut self, _out: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }
    fn write_record(
        &mut self,
        _out: &mut dyn io::Write,
        _r: &Reference,
        _d: &mut Vec<Diagnostic>,
    ) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, _out: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }
}
