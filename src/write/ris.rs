//! RIS writer (stub: filled in by the writers work).

use super::{RecordWriter, WriteOptions};
use crate::diag::Diagnostic;
use crate::model::Reference;
use std::io;

/// Writes RIS records.
pub struct RisWriter;

impl RisWriter {
    /// A new writer.
    pub fn new(_opts: &WriteOptions) -> RisWriter {
        RisWriter
    }
}

impl RecordWriter for RisWriter {
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
