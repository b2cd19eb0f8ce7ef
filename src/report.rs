//! What the command line tells its user: warnings and errors on standard
//! error in the `file:line: warning: message` form compilers use (so
//! editors and CI annotate them), a progress bar on a terminal, the final
//! summary line, and the `--explain` rendering of each reference.
//!
//! Colours (via `anstyle`, the crate clap itself uses) are decided per
//! stream with [`use_color`]: on a terminal unless `NO_COLOR` is set, or as
//! `--color` says.

use crate::batch::InputSpec;
use crate::convert::{Counts, Observer, ParsedRef, Summary};
use crate::diag::Diagnostic;
use crate::input::{InputError, InputWarning};
use anstyle::{AnsiColor, Style};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::time::Duration;

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set (and not empty) or
    /// `TERM=dumb`.
    #[default]
    Auto,
    /// Always colour (also overrides `NO_COLOR`).
    Always,
    /// Never colour.
    Never,
}

/// Whether to colour a stream that `is_terminal` or not.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

const BOLD: Style = Style::new().bold();
const WARN: Style = AnsiColor::Yellow.on_default().bold();
const ERR: Style = AnsiColor::Red.on_default().bold();
const NOTE: Style = AnsiColor::Cyan.on_default().bold();
const DIM: Style = Style::new().dimmed();
const UNUSED: Style = AnsiColor::Red.on_default().underline();

/// Paints `text` with `style` when `on`.
fn paint(out: &mut String, on: bool, style: Style, text: &str) {
    if on {
        let _ = write!(out, "{style}{text}{style:#}");
    } else {
        out.push_str(text);
    }
}

fn location(input: &InputSpec, line: usize) -> String {
    if line == 0 {
        format!("{input}:")
    } else {
        format!("{input}:{line}:")
    }
}

/// Formats one warning line (without the newline).
pub fn warning_line(color: bool, input: &InputSpec, line: usize, message: &str) -> String {
    let mut s = String::new();
    paint(&mut s, color, BOLD, &location(input, line));
    s.push(' ');
    paint(&mut s, color, WARN, "warning:");
    s.push(' ');
    s.push_str(message);
    s
}

/// Formats one note line, `file:line: note: message` (a value the output
/// format cannot hold; without the newline).
pub fn note_line(color: bool, input: &InputSpec, line: usize, message: &str) -> String {
    let mut s = String::new();
    paint(&mut s, color, BOLD, &location(input, line));
    s.push(' ');
    paint(&mut s, color, NOTE, "note:");
    s.push(' ');
    s.push_str(message);
    s
}

/// Formats one error line about an input (without the newline).
pub fn error_line(color: bool, input: &InputSpec, e: &InputError) -> String {
    let mut s = String::new();
    paint(&mut s, color, BOLD, &location(input, e.line()));
    s.push(' ');
    paint(&mut s, color, ERR, "error:");
    s.push(' ');
    s.push_str(&e.to_string());
    s
}

/// Formats an error about the run, `refmill: error: ...`.
pub fn fatal_line(color: bool, message: &str) -> String {
    let mut s = String::from("refmill: ");
    paint(&mut s, color, ERR, "error:");
    s.push(' ');
    s.push_str(message);
    s
}

fn diag_message(d: &Diagnostic) -> String {
    match d.field {
        Some(f) => format!("{f}: {}", d.message),
        None => d.message.clone(),
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The summary line (without the newline):
/// `refmill: 2 files (1 failed), 1977 references in, 1977 records out,
/// 255 warnings (212 references not fully parsed), 0.42 s, 4707 refs/s`.
pub fn summary_line(s: &Summary) -> String {
    let c = &s.counts;
    let mut out = format!("refmill: {}", plural(s.files as u64, "file", "files"));
    if s.failed > 0 {
        let _ = write!(out, " ({} failed)", s.failed);
    }
    let _ = write!(
        out,
        ", {} in, {} out, {}",
        plural(c.refs_in, "reference", "references"),
        plural(c.records_out, "record", "records"),
        plural(c.warnings, "warning", "warnings"),
    );
    if c.refs_with_warnings > 0 {
        let _ = write!(
            out,
            " ({} not fully parsed)",
            plural(c.refs_with_warnings, "reference", "references")
        );
    }
    if c.notes > 0 {
        let _ = write!(
            out,
            ", {} on values the output format cannot hold",
            plural(c.notes, "note", "notes")
        );
    }
    let rate = s.rate();
    let _ = write!(
        out,
        ", {:.2} s, {:.*} refs/s",
        s.elapsed.as_secs_f64(),
        usize::from(rate < 10.0),
        rate
    );
    out
}

/// Settings of the terminal reporter.
#[derive(Clone, Debug, Default)]
pub struct ReportOptions {
    /// No warnings, progress or summary (errors are still shown).
    pub quiet: bool,
    /// Colour standard error.
    pub color: bool,
    /// Show a progress bar on standard error (only on a terminal).
    pub progress: bool,
    /// Total input bytes, when known, for the progress bar.
    pub total_bytes: Option<u64>,
    /// Write the `--explain` rendering to standard output.
    pub explain: bool,
    /// Colour the explanation.
    pub explain_color: bool,
}

/// The [`Observer`] of the command line: standard error for messages,
/// standard output for `--explain`.
pub struct TermReporter {
    opts: ReportOptions,
    /// Lines for standard error, written out once per batch.
    pending: String,
    explain_out: Option<io::BufWriter<io::Stdout>>,
    explain_buf: String,
    /// Writing the explanation failed (a closed pipe).
    explain_error: Option<io::Error>,
    bar: Option<ProgressBar>,
}

impl TermReporter {
    /// A reporter.
    pub fn new(opts: ReportOptions) -> TermReporter {
        let bar = (opts.progress && !opts.quiet).then(|| {
            let bar = match opts.total_bytes {
                Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
                None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
            };
            let template = if opts.total_bytes.is_some() {
                "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {msg}"
            } else {
                "{spinner} {elapsed_precise} {bytes} {msg}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        TermReporter {
            explain_out: opts
                .explain
                .then(|| io::BufWriter::with_capacity(64 * 1024, io::stdout())),
            opts,
            pending: String::new(),
            explain_buf: String::new(),
            explain_error: None,
            bar,
        }
    }

    fn flush_pending(&mut self) {
        if !self.pending.is_empty() {
            let text = std::mem::take(&mut self.pending);
            let write = || {
                let mut err = io::stderr().lock();
                let _ = err.write_all(text.as_bytes());
                let _ = err.flush();
            };
            match &self.bar {
                Some(b) => b.suspend(write),
                None => write(),
            }
        }
        if !self.explain_buf.is_empty() {
            let text = std::mem::take(&mut self.explain_buf);
            if let (Some(out), None) = (&mut self.explain_out, &self.explain_error)
                && let Err(e) = out.write_all(text.as_bytes())
            {
                self.explain_error = Some(e);
            }
        }
    }

    fn line(&mut self, l: String) {
        self.pending.push_str(&l);
        self.pending.push('\n');
        if self.pending.len() > 64 * 1024 {
            self.flush_pending();
        }
    }

    /// Writes everything still pending and removes the progress bar.
    /// Returns an error writing the explanation to standard output.
    pub fn finish(&mut self) -> io::Result<()> {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
        self.flush_pending();
        if let (Some(out), None) = (&mut self.explain_out, &self.explain_error)
            && let Err(e) = out.flush()
        {
            self.explain_error = Some(e);
        }
        self.explain_error.take().map_or(Ok(()), Err)
    }

    /// Prints the summary line (unless quiet); call after
    /// [`finish`](Self::finish).
    pub fn summary(&mut self, s: &Summary) {
        if !self.opts.quiet {
            let mut err = io::stderr().lock();
            let _ = writeln!(err, "{}", summary_line(s));
        }
    }
}

impl Observer for TermReporter {
    fn reference(&mut self, input: &InputSpec, r: &ParsedRef, write_diags: &[Diagnostic]) {
        if !self.opts.quiet {
            for d in &r.parsed.diagnostics {
                let line = if d.line == 0 { r.line } else { d.line };
                let l = warning_line(self.opts.color, input, line, &diag_message(d));
                self.line(l);
            }
            for d in write_diags {
                let line = if d.line == 0 { r.line } else { d.line };
                let l = note_line(self.opts.color, input, line, &diag_message(d));
                self.line(l);
            }
        }
        if self.explain_out.is_some() && self.explain_error.is_none() {
            explain(
                &mut self.explain_buf,
                self.opts.explain_color,
                input,
                r,
                write_diags,
            );
            if self.explain_buf.len() > 64 * 1024 {
                self.flush_pending();
            }
        }
    }

    fn needs_records(&self) -> bool {
        self.explain_out.is_some()
    }

    fn input_warning(&mut self, input: &InputSpec, w: &InputWarning) {
        if !self.opts.quiet {
            let l = warning_line(self.opts.color, input, w.line(), &w.to_string());
            self.line(l);
        }
    }

    fn file_failed(&mut self, input: &InputSpec, e: &InputError) {
        let l = error_line(self.opts.color, input, e);
        self.line(l);
        self.flush_pending();
    }

    fn file_finished(&mut self, _input: &InputSpec, _counts: &Counts) {}

    fn stop(&mut self) -> Option<io::Error> {
        self.explain_error.take()
    }

    fn progress(&mut self, bytes: u64, refs: u64) {
        self.flush_pending();
        if let Some(b) = &self.bar {
            b.set_position(bytes);
            let secs = b.elapsed().as_secs_f64();
            let rate = if secs > 0.0 { refs as f64 / secs } else { 0.0 };
            b.set_message(format!("{refs} refs ({rate:.0}/s)"));
        }
    }
}

/// Colours for fields in `--explain`, by field.
const PALETTE: [AnsiColor; 6] = [
    AnsiColor::Cyan,
    AnsiColor::Green,
    AnsiColor::Magenta,
    AnsiColor::Blue,
    AnsiColor::Yellow,
    AnsiColor::BrightCyan,
];

/// The colour of the `i`th span: neighbours always differ.
fn span_style(i: usize) -> Style {
    // In bounds: an index modulo the length.
    PALETTE[i % PALETTE.len()].on_default()
}

/// Characters that separate APA elements and carry no data.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || ".,;:()[]&“”\"'‘’-–—/".contains(c)
}

/// Renders one reference for `--explain`: a header (where, item type),
/// the text with each field's characters coloured (with colour), then one
/// row per field in text order with the characters it came from, the
/// text no field used, and the warnings.
///
/// ```text
/// refs.txt:3  article-journal
///   Glue, P., & Lee, K. (2017). Ketamine for anxiety. Journal, 31(10), 1302-1305.
///   author           Glue, P., & Lee, K.
///   date             2017
///   title            Ketamine for anxiety
///   ...
/// ```
pub fn explain(
    out: &mut String,
    color: bool,
    input: &InputSpec,
    r: &ParsedRef,
    write_diags: &[Diagnostic],
) {
    let p = &r.parsed;
    let text = p.reference.raw.as_deref().unwrap_or("");
    let lines = if r.end_line > r.line {
        format!("{}:{}-{}", input, r.line, r.end_line)
    } else {
        format!("{}:{}", input, r.line)
    };
    paint(out, color, BOLD, &lines);
    out.push_str("  ");
    out.push_str(p.reference.item_type.csl_name());
    let nwarn = p.diagnostics.len() + write_diags.len();
    if nwarn > 0 {
        out.push_str("  ");
        paint(
            out,
            color,
            WARN,
            &plural(nwarn as u64, "warning", "warnings"),
        );
    }
    out.push('\n');

    // Valid spans, in text order.
    let mut spans: Vec<_> = p
        .spans
        .iter()
        .filter_map(|s| {
            text.get(s.start..s.end)
                .map(|t| (s.start, s.end, s.field, t))
        })
        .collect();
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));

    // The text, coloured by field (with colour only: without, the table
    // below says the same).
    if color {
        out.push_str("  ");
        let mut pos = 0;
        for (i, &(start, end, _, _)) in spans.iter().enumerate() {
            if start < pos {
                continue; // nested or overlapping: the outer span's colour
            }
            unused(out, color, text.get(pos..start).unwrap_or(""));
            paint(out, true, span_style(i), text.get(start..end).unwrap_or(""));
            pos = end;
        }
        unused(out, color, text.get(pos..).unwrap_or(""));
        out.push('\n');
    } else {
        out.push_str("  ");
        out.push_str(text);
        out.push('\n');
    }

    // One row per span, and the unused text between them.
    let width = spans
        .iter()
        .map(|s| s.2.name().len())
        .max()
        .unwrap_or(0)
        .max("(not used)".len());
    let mut pos = 0;
    let row = |out: &mut String, label: &str, style: Style, value: &str| {
        out.push_str("  ");
        let padded = format!("{label:<width$}");
        paint(out, color, style, &padded);
        out.push_str("  ");
        out.push_str(value);
        out.push('\n');
    };
    for (i, &(start, end, field, t)) in spans.iter().enumerate() {
        if start > pos {
            gap(out, text.get(pos..start).unwrap_or(""), &row);
        }
        row(out, field.name(), span_style(i), t);
        pos = pos.max(end);
    }
    gap(out, text.get(pos..).unwrap_or(""), &row);
    for d in p.diagnostics.iter().chain(write_diags) {
        out.push_str("  ");
        paint(out, color, WARN, "warning:");
        out.push(' ');
        out.push_str(&diag_message(d));
        out.push('\n');
    }
    out.push('\n');
}

fn unused(out: &mut String, color: bool, t: &str) {
    if is_connective(t) {
        paint(out, color, DIM, t);
    } else {
        paint(out, color, UNUSED, t);
    }
}

/// Text between fields that is only punctuation and connector words.
fn is_connective(t: &str) -> bool {
    t.split(is_separator)
        .filter(|w| !w.is_empty())
        .all(crate::apa::is_connector)
}

fn gap(out: &mut String, t: &str, row: &dyn Fn(&mut String, &str, Style, &str)) {
    let t = t.trim_matches(is_separator);
    if !is_connective(t) {
        row(out, "(not used)", UNUSED, t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::parse_segment;

    #[test]
    fn explain_plain() {
        let seg = crate::apa::segment::Segment {
            text: "Glue, P., & Lee, K. (2017). Ketamine for anxiety. Journal of Things, 31(10), 1302–1305. https://doi.org/10.1177/0269881117705089".into(),
            line: 3,
            end_line: 3,
            wrapped: false,
            joins: Vec::new(),
            annotation: None,
        };
        let r = ParsedRef {
            parsed: parse_segment(&seg),
            line: 3,
            end_line: 3,
        };
        let mut s = String::new();
        explain(&mut s, false, &InputSpec::file("refs.txt"), &r, &[]);
        assert!(s.starts_with("refs.txt:3  article-journal\n"), "{s}");
        assert!(s.contains("\n  title "), "{s}");
        assert!(s.contains("Journal of Things"), "{s}");
        assert!(!s.contains('\x1b'));
        let mut c = String::new();
        explain(&mut c, true, &InputSpec::file("refs.txt"), &r, &[]);
        assert!(c.contains('\x1b'));
    }

    #[test]
    fn summary_wording() {
        let s = Summary {
            files: 2,
            failed: 1,
            counts: Counts {
                refs_in: 10,
                records_out: 10,
                warnings: 1,
                refs_with_warnings: 1,
                notes: 2,
            },
            elapsed: Duration::from_millis(500),
        };
        assert_eq!(
            summary_line(&s),
            "refmill: 2 files (1 failed), 10 references in, 10 records out, 1 warning \
             (1 reference not fully parsed), 2 notes on values the output format cannot \
             hold, 0.50 s, 20 refs/s"
        );
    }
}
