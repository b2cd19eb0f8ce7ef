//! The conversion pipeline: inputs in, records out, in input order, with
//! flat memory.
//!
//! ```text
//!  reader thread                 rayon pool (--jobs N)        calling thread
//!  read, decode, segment  ──▶   parse, render one      ──▶   reorder, write, report
//!  (batches of ≤ 512 refs)      batch each (bounded:          (records streamed to
//!                                2N+2 batches in flight)       the output)
//! ```
//!
//! One thread reads every input in turn ([`SegmentReader`]: decoding in
//! [`crate::input`], layout detection on the first
//! [`SAMPLE_LINES`] lines, which are kept and replayed, then streaming
//! segmentation) and cuts the references into batches. Batches are parsed
//! on the pool, at most `2 × jobs + 2` at a time so that memory stays
//! bounded, and come back to the calling thread, which puts them back in
//! order and streams each record into the output as it arrives. On the
//! pool each record is also rendered to its bytes ([`write::Renderer`],
//! its key as its stem) and gets the notes on what the output format
//! cannot carry of it ([`write::LossChecker`]; for BibTeX this reads the
//! rendered entry back, which costs more than writing it); unless the
//! [`Observer`] reads whole records (`--explain`), the record is then
//! dropped there, on the thread whose memory it took. The one writing
//! thread only adds what depends on the records before (separators, the
//! letters that make a key unique) and copies the bytes out. With
//! `jobs == 1` all three stages run in the calling thread, one after the
//! other, and the writer renders each record and finds its losses as it
//! writes.
//!
//! Everything the user should hear about (diagnostics, failed inputs,
//! progress) goes to an [`Observer`], in input order.

use crate::apa::segment::{Layout, SAMPLE_LINES, Segment, Segmenter};
use crate::apa::{self, Parsed, columns};
use crate::batch::{InputSpec, Source};
use crate::diag::{Diagnostic, Severity};
use crate::input::{DecodeOptions, InputError, InputWarning, LineSource};
use crate::output::Output;
use crate::read::{self, Confidence, InputFormat, ReadItem};
use crate::write::{self, Format, RecordWriter, WriteOptions};
use std::collections::{BTreeMap, VecDeque};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// At most this many bytes of sample lines are kept for layout detection
/// (besides [`SAMPLE_LINES`]), so that a file of huge lines does not fill
/// memory before the first reference is out.
pub const SAMPLE_BYTES: usize = 4 << 20;

/// How to convert.
#[derive(Clone, Debug)]
pub struct Options {
    /// Output format.
    pub format: Format,
    /// Writer options.
    pub write: WriteOptions,
    /// Decoding options.
    pub decode: DecodeOptions,
    /// Input format; `None`: decided per input from its content and name.
    pub from: Option<InputFormat>,
    /// Parser threads (1: everything in the calling thread).
    pub jobs: usize,
    /// References per batch.
    pub batch_refs: usize,
    /// Bytes of reference text per batch.
    pub batch_bytes: usize,
}

impl Options {
    /// Default options for `format`.
    pub fn new(format: Format) -> Options {
        Options {
            format,
            write: WriteOptions::default(),
            decode: DecodeOptions::default(),
            from: None,
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            batch_refs: 512,
            batch_bytes: 1 << 20,
        }
    }
}

/// Where the records go.
#[derive(Clone, Debug)]
pub enum Destination {
    /// All inputs into standard output.
    Stdout,
    /// All inputs into one file (written atomically).
    File(PathBuf),
    /// One file per input, at these paths (as many as inputs).
    PerInput(Vec<PathBuf>),
    /// Nowhere (the writer still runs, for its diagnostics and counts).
    Discard,
}

/// One parsed reference, with where it was.
#[derive(Debug)]
pub struct ParsedRef {
    /// The parse result.
    pub parsed: Parsed,
    /// First line in its input.
    pub line: usize,
    /// Last line in its input.
    pub end_line: usize,
}

/// Counts for one input or the whole run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// References found.
    pub refs_in: u64,
    /// Records written (and, for files, committed).
    pub records_out: u64,
    /// Warnings reported.
    pub warnings: u64,
    /// References whose parse gave at least one diagnostic.
    pub refs_with_warnings: u64,
    /// Notes from the writer: values the output format cannot hold
    /// (not warnings: the input was read, the format is the limit).
    pub notes: u64,
}

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Inputs.
    pub files: usize,
    /// Inputs that failed (not read, or not to the end).
    pub failed: usize,
    /// Totals.
    pub counts: Counts,
    /// Wall-clock time.
    pub elapsed: Duration,
}

impl Summary {
    /// References per second.
    pub fn rate(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 {
            self.counts.refs_in as f64 / s
        } else {
            0.0
        }
    }
}

/// An error that stops the whole run: an output could not be written (or,
/// rarely, the worker threads could not be started: `path` is then
/// `<threads>`).
#[derive(Debug, thiserror::Error)]
#[error("{} `{path}`: {}",
    if path == "<threads>" { "cannot start" } else { "cannot write" },
    crate::input::io_message(.source))]
pub struct Fatal {
    /// The output (`<stdout>` for standard output).
    pub path: String,
    /// The error.
    #[source]
    pub source: io::Error,
}

impl Fatal {
    /// True for a closed pipe on standard output (`refmill ... | head`).
    pub fn is_broken_pipe(&self) -> bool {
        self.source.kind() == io::ErrorKind::BrokenPipe
    }
}

/// Receives what the user should hear about, in input order, on the
/// calling thread.
pub trait Observer {
    /// An input was opened.
    fn file_started(&mut self, _input: &InputSpec) {}
    /// A reference was parsed and written. `write_diags` are what the
    /// output format could not carry.
    fn reference(&mut self, input: &InputSpec, r: &ParsedRef, write_diags: &[Diagnostic]);
    /// Whether [`reference`](Self::reference) reads the record itself
    /// (`r.parsed.reference`, `r.parsed.spans`), asked once at the start
    /// of a run. When not, a pipeline of several jobs may pass a record
    /// holding only its lines and diagnostics (and keep the record's
    /// memory on the thread that parsed it).
    fn needs_records(&self) -> bool {
        true
    }
    /// A repair made while reading an input.
    fn input_warning(&mut self, input: &InputSpec, w: &InputWarning);
    /// An input could not be read (to the end).
    fn file_failed(&mut self, input: &InputSpec, e: &InputError);
    /// An input is done.
    fn file_finished(&mut self, _input: &InputSpec, _counts: &Counts) {}
    /// A batch was written: `bytes` of input read so far, `refs` so far.
    fn progress(&mut self, _bytes: u64, _refs: u64) {}
    /// An error of the observer's own standard-output stream (`--explain`
    /// into a closed pipe) that should stop the run; checked after each
    /// batch.
    fn stop(&mut self) -> Option<io::Error> {
        None
    }
}

/// Reads the references of one input, one at a time.
///
/// The layout is decided on the first [`SAMPLE_LINES`] lines (at most
/// [`SAMPLE_BYTES`]), which are kept and then replayed through the
/// segmenter; after them lines stream through without being kept.
pub struct SegmentReader {
    src: LineSource,
    seg: Option<Segmenter>,
    replay: VecDeque<(usize, String)>,
    finished: bool,
    /// References the segmenter completed and not yet handed out (a line
    /// can complete more than one).
    ready: VecDeque<Segment>,
    out: Vec<Segment>,
    /// The sample was read.
    sampled: bool,
    /// The text stands in two columns side by side (`pdftotext -layout`
    /// of a two-column page): read a page at a time, column by column.
    columns: bool,
    /// The lines of the page being read, in columns.
    page: Vec<(usize, String)>,
}

/// The most lines of a page read in columns before it is read anyway
/// (text without form feeds).
const PAGE_LINES: usize = 400;

impl SegmentReader {
    /// References of `src`.
    pub fn new(src: LineSource) -> SegmentReader {
        SegmentReader {
            src,
            seg: None,
            replay: VecDeque::new(),
            finished: false,
            ready: VecDeque::new(),
            out: Vec::new(),
            sampled: false,
            columns: false,
            page: Vec::new(),
        }
    }

    /// Reads the sample (done by the first
    /// [`next_segment`](Self::next_segment) otherwise). Errors in the
    /// sample (most decoding errors) come out here, before any reference.
    pub fn prime(&mut self) -> Result<(), InputError> {
        if !self.sampled {
            self.sampled = true;
            let mut bytes = 0;
            while self.replay.len() < SAMPLE_LINES && bytes < SAMPLE_BYTES {
                match self.src.next_line()? {
                    Some((n, l)) => {
                        bytes += l.len();
                        self.replay.push_back((n, l.into_owned()));
                    }
                    None => break,
                }
            }
        }
        Ok(())
    }

    /// Decides the layout on the sample: columns side by side (then the
    /// sample's whole pages are read column by column, and its last page
    /// waits for the rest of its lines), and the segmenter's layout.
    fn start_segmenter(&mut self) -> Segmenter {
        if columns::laid_out(self.replay.iter().map(|(_, l)| l.as_str())) {
            self.columns = true;
            let lines: Vec<(usize, String)> = self.replay.drain(..).collect();
            for (n, l) in lines {
                if l.starts_with('\u{c}') && !self.page.is_empty() {
                    self.replay
                        .extend(columns::by_column(std::mem::take(&mut self.page)));
                }
                self.page.push((n, l));
            }
        }
        let last_page = if self.columns {
            columns::by_column(self.page.clone())
        } else {
            Vec::new()
        };
        Segmenter::new(Layout::detect(
            self.replay
                .iter()
                .chain(last_page.iter())
                .map(|(_, l)| l.as_str()),
        ))
    }

    /// The next reference, or `None` at the end.
    pub fn next_segment(&mut self) -> Result<Option<Segment>, InputError> {
        self.prime()?;
        if self.seg.is_none() {
            let seg = self.start_segmenter();
            self.seg = Some(seg);
        }
        let Some(seg) = &mut self.seg else {
            return Ok(None);
        };
        loop {
            if let Some(s) = self.ready.pop_front() {
                return Ok(Some(s));
            }
            if let Some((n, l)) = self.replay.pop_front() {
                seg.push_line(n, &l, &mut self.out);
            } else if self.finished {
                return Ok(None);
            } else if self.columns {
                // The next page, read column by column: up to the form
                // feed that starts the page after it (or a bounded number
                // of lines, so that memory stays flat).
                loop {
                    match self.src.next_line()? {
                        Some((n, l)) => {
                            if l.starts_with('\u{c}') && !self.page.is_empty() {
                                self.replay
                                    .extend(columns::by_column(std::mem::take(&mut self.page)));
                                self.page.push((n, l.into_owned()));
                                break;
                            }
                            self.page.push((n, l.into_owned()));
                            if self.page.len() >= PAGE_LINES {
                                self.replay
                                    .extend(columns::by_column(std::mem::take(&mut self.page)));
                                break;
                            }
                        }
                        None if self.page.is_empty() => {
                            self.finished = true;
                            seg.finish(&mut self.out);
                            break;
                        }
                        None => {
                            self.replay
                                .extend(columns::by_column(std::mem::take(&mut self.page)));
                            break;
                        }
                    }
                }
            } else {
                match self.src.next_line()? {
                    Some((n, l)) => seg.push_line(n, &l, &mut self.out),
                    None => {
                        self.finished = true;
                        seg.finish(&mut self.out);
                    }
                }
            }
            // (`ready` is empty here. A line completes one reference at
            // most, usually: handed out at once, not moved through the
            // queue.)
            if self.out.len() == 1 {
                return Ok(self.out.pop());
            }
            self.ready.extend(self.out.drain(..));
        }
    }

    /// Takes back the texts of segments that were parsed, for later ones
    /// ([`Segmenter::recycle`]); leaves `texts` empty.
    pub fn recycle(&mut self, texts: &mut Vec<String>) {
        match &mut self.seg {
            Some(seg) => seg.recycle(texts),
            None => texts.clear(),
        }
    }

    /// The start of the input (the lines read by [`prime`](Self::prime)),
    /// for format detection.
    pub fn sample_text(&self) -> String {
        // (Sized at once: the sample may be megabytes, which growing by
        // doubling copies over and over.)
        let len = self.replay.iter().map(|(_, l)| l.len() + 1).sum();
        let mut s = String::with_capacity(len);
        for (_, l) in &self.replay {
            s.push_str(l);
            s.push('\n');
        }
        s
    }

    /// The whole input as one text, one line per input line (so that line
    /// numbers in it are the input's), for the readers of structured
    /// formats, which need whole entries or the whole file.
    pub fn read_to_string(&mut self) -> Result<String, InputError> {
        self.prime()?;
        let mut s = String::new();
        let mut last = 0;
        let mut push = |s: &mut String, n: usize, l: &str| {
            // Lines are numbered one after the other; keep it so if the
            // source ever skips one.
            while last + 1 < n {
                s.push('\n');
                last += 1;
            }
            s.push_str(l);
            s.push('\n');
            last = n;
        };
        for (n, l) in self.replay.drain(..) {
            push(&mut s, n, &l);
        }
        while let Some((n, l)) = self.src.next_line()? {
            push(&mut s, n, &l);
        }
        self.finished = true;
        Ok(s)
    }

    /// The repairs made while reading, and a warning when the input had
    /// no reference (call at the end).
    pub fn warnings(&self, refs: u64) -> Vec<InputWarning> {
        let mut w = self.src.warnings();
        if refs == 0 {
            let why = if self.src.lines_read() == 0 {
                "the input is empty"
            } else if !self.src.saw_text() {
                "the input contains only whitespace"
            } else {
                "no line looks like a reference"
            };
            w.push(InputWarning::NoReferences { why });
        }
        w
    }
}

/// Counts the bytes read through it.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens an input for reading.
pub fn open(input: &InputSpec, decode: DecodeOptions) -> Result<SegmentReader, InputError> {
    open_counted(input, decode, Arc::new(AtomicU64::new(0)))
}

fn open_counted(
    input: &InputSpec,
    decode: DecodeOptions,
    count: Arc<AtomicU64>,
) -> Result<SegmentReader, InputError> {
    let raw: Box<dyn Read + Send> = match &input.source {
        Source::Stdin => Box::new(io::stdin()),
        Source::File(p) => Box::new(open_file(p)?),
        Source::Unlistable(_, msg) => {
            return Err(InputError::Io {
                line: 0,
                source: io::Error::other(msg.clone()),
            });
        }
    };
    let raw = Box::new(Counting { inner: raw, count });
    Ok(SegmentReader::new(LineSource::with_len_hint(
        raw, decode, input.size,
    )?))
}

fn open_file(p: &Path) -> Result<std::fs::File, InputError> {
    let f = std::fs::File::open(p).map_err(|source| InputError::Io { line: 0, source })?;
    match f.metadata() {
        Ok(m) if m.is_dir() => Err(InputError::IsDirectory),
        _ => Ok(f),
    }
}

enum Item {
    Start(usize),
    Seg(Segment),
    Parsed(Box<ParsedRef>),
    /// A record rendered on the pool ([`write::Renderer`]): the writer
    /// only adds what depends on the records before.
    Rendered(Rendered),
    Warn(usize, InputWarning),
    End(usize),
    Fail(usize, InputError),
}

struct Batch {
    seq: u64,
    items: Vec<Item>,
    bytes_read: u64,
    /// The text of the batch's [`Item::Rendered`] records.
    text: Vec<u8>,
    /// Their keys' stems.
    stems: String,
}

/// A record rendered on the pool, with what the writer and the observer
/// need of it.
struct Rendered {
    /// The record, or only what the observer reads of it.
    rec: Rec,
    /// What the output format cannot carry of it: the writer's own
    /// diagnostics, then [`write::LossChecker`]'s.
    diags: Vec<Diagnostic>,
    /// Its text in the batch's `text`.
    text: std::ops::Range<usize>,
    /// Where the key's stem ends in its text.
    hole: usize,
    /// The key's stem in the batch's `stems`.
    stem: std::ops::Range<usize>,
}

/// A parsed record as the observer gets it.
enum Rec {
    /// All of it ([`Observer::needs_records`]).
    Whole(Box<ParsedRef>),
    /// Its lines and the parser's diagnostics only.
    Lines {
        line: usize,
        end_line: usize,
        diagnostics: Vec<Diagnostic>,
    },
}

/// The input being read: APA text segmented as it streams in, or the
/// records of a structured format, read when the input was opened.
struct Current {
    idx: usize,
    reader: SegmentReader,
    /// References handed out so far.
    n: u64,
    /// Records of a structured input not yet handed out.
    records: Option<VecDeque<Structured>>,
}

/// What a reader of a structured format gave.
enum Structured {
    /// A record (or an entry that could not be read, kept as a record).
    Ref(Box<ParsedRef>),
    /// Text that is not a reference.
    Note(InputWarning),
}

/// Cuts the inputs into batches of segments.
struct Producer {
    inputs: Arc<[InputSpec]>,
    decode: DecodeOptions,
    from: Option<InputFormat>,
    next_input: usize,
    current: Option<Current>,
    seq: u64,
    bytes: Arc<AtomicU64>,
    batch_refs: usize,
    batch_bytes: usize,
}

/// The most items a batch's list is made for at once (more are pushed
/// as they come: a batch of many refs is also limited by its bytes).
const MAX_BATCH_CAPACITY: usize = 4096;

impl Producer {
    /// Hands the texts of parsed segments back to the input being read,
    /// to hold its next references' text.
    fn recycle(&mut self, texts: &mut Vec<String>) {
        match &mut self.current {
            Some(cur) => cur.reader.recycle(texts),
            None => texts.clear(),
        }
    }

    fn next_batch(&mut self) -> Option<Batch> {
        // Sized for a full batch (and an input's start and end): grown
        // by doubling, the items would be copied several times over.
        let mut items = Vec::with_capacity(self.batch_refs.min(MAX_BATCH_CAPACITY) + 2);
        let mut refs = 0;
        let mut bytes = 0;
        while refs < self.batch_refs && bytes < self.batch_bytes {
            let Some(cur) = &mut self.current else {
                let idx = self.next_input;
                let Some(input) = self.inputs.get(idx) else {
                    break;
                };
                self.next_input += 1;
                // An input that fails in its first lines (or, for a
                // structured format, anywhere) fails before it starts:
                // nothing of it is written.
                match open_input(input, self.decode, self.from, self.bytes.clone()) {
                    Ok((reader, records, note)) => {
                        items.push(Item::Start(idx));
                        if let Some(w) = note {
                            items.push(Item::Warn(idx, w));
                        }
                        self.current = Some(Current {
                            idx,
                            reader,
                            n: 0,
                            records,
                        });
                    }
                    Err(e) => items.push(Item::Fail(idx, e)),
                }
                continue;
            };
            let idx = cur.idx;
            let next = match &mut cur.records {
                Some(records) => match records.pop_front() {
                    Some(Structured::Note(w)) => {
                        items.push(Item::Warn(idx, w));
                        continue;
                    }
                    Some(Structured::Ref(r)) => {
                        bytes += r.parsed.reference.raw.as_ref().map_or(0, String::len);
                        refs += 1;
                        cur.n += 1;
                        items.push(Item::Parsed(r));
                        continue;
                    }
                    None => Ok(None),
                },
                None => cur.reader.next_segment(),
            };
            match next {
                Ok(Some(s)) => {
                    bytes += s.text.len();
                    refs += 1;
                    cur.n += 1;
                    items.push(Item::Seg(s));
                }
                Ok(None) => {
                    for w in cur.reader.warnings(cur.n) {
                        items.push(Item::Warn(idx, w));
                    }
                    items.push(Item::End(idx));
                    self.current = None;
                }
                Err(e) => {
                    items.push(Item::Fail(idx, e));
                    self.current = None;
                }
            }
        }
        if items.is_empty() {
            return None;
        }
        let seq = self.seq;
        self.seq += 1;
        Some(Batch {
            seq,
            items,
            bytes_read: self.bytes.load(Ordering::Relaxed),
            text: Vec::new(),
            stems: String::new(),
        })
    }
}

/// Opens an input and decides its format: `from` when given, else the
/// content (and, when the content leaves doubt, the file extension)
/// decides. A structured input is read whole here; its records come back
/// with a note when its format was only guessed.
#[allow(clippy::type_complexity)]
fn open_input(
    input: &InputSpec,
    decode: DecodeOptions,
    from: Option<InputFormat>,
    count: Arc<AtomicU64>,
) -> Result<
    (
        SegmentReader,
        Option<VecDeque<Structured>>,
        Option<InputWarning>,
    ),
    InputError,
> {
    let mut reader = open_counted(input, decode, count)?;
    reader.prime()?;
    let (format, note) = match from {
        Some(f) => (f, None),
        None => choose_format(input, &reader.sample_text()),
    };
    if format == InputFormat::Apa {
        return Ok((reader, None, note));
    }
    // Letters written decomposed are composed, as in APA text.
    let text = apa::normalize::compose_accents(reader.read_to_string()?);
    let records = read::read_iter(format, &text).map(read_item).collect();
    Ok((reader, Some(records), note))
}

/// The format of an input given without `--from`: what the content shows
/// when it shows a structured format (a RIS `TY` line, `@type{` entries,
/// JSON, refmill's CSV header) or APA dates; else the file extension,
/// when it names a structured format (`.bib`, `.ris`, `.json`, `.csv`);
/// else an APA list. When name and content disagree the content wins,
/// with a note.
fn choose_format(input: &InputSpec, sample: &str) -> (InputFormat, Option<InputWarning>) {
    let d = read::detect_explained(sample);
    let by_name = match &input.source {
        Source::File(p) => p
            .extension()
            .and_then(|e| e.to_str())
            .and_then(InputFormat::from_extension)
            .filter(|f| *f != InputFormat::Apa),
        _ => None,
    };
    match by_name {
        Some(f) if d.confidence == Confidence::Guess => (f, None),
        Some(f)
            if d.format == InputFormat::Apa
                || (f != d.format
                    && !matches!(
                        (f, d.format),
                        (
                            InputFormat::Bibtex | InputFormat::Biblatex,
                            InputFormat::Bibtex | InputFormat::Biblatex
                        )
                    )) =>
        {
            (
                d.format,
                Some(InputWarning::FormatGuessed {
                    format: d.format.name(),
                    reason: format!("{}, though the file name says {}", d.reason, f.name()),
                }),
            )
        }
        _ => (d.format, None),
    }
}

/// One item of a structured input as a reference of the pipeline. An
/// entry the reader could not read still becomes a record (nothing is
/// lost): an untyped one whose note keeps the entry's text, reported with
/// the reader's error. Text the reader only warns about (a header before
/// the first RIS record) is not a reference: it is reported, not written.
fn read_item(item: ReadItem) -> Structured {
    Structured::Ref(Box::new(match item {
        ReadItem::Skipped(s) if s.diagnostic.severity == Severity::Warning => {
            return Structured::Note(InputWarning::NotAReference {
                line: s.line,
                message: s.diagnostic.message,
            });
        }
        ReadItem::Record(r) => {
            let (line, end_line) = r
                .reference
                .span
                .as_ref()
                .map_or((0, 0), |s| (s.line, s.end_line));
            ParsedRef {
                parsed: Parsed {
                    reference: r.reference,
                    diagnostics: r.diagnostics,
                    spans: Vec::new(),
                },
                line,
                end_line,
            }
        }
        ReadItem::Skipped(s) => {
            let mut d = s.diagnostic;
            if let Some(m) = d.message.strip_suffix("; not read") {
                d.message = m.to_string();
            }
            d.message
                .push_str("; kept as a record holding the entry's text in its note");
            let reference = crate::model::Reference {
                note: Some(format!(
                    "refmill could not read this entry: {}",
                    s.raw.trim()
                )),
                raw: Some(s.raw),
                span: Some(crate::model::SourceSpan {
                    line: s.line,
                    end_line: s.end_line,
                }),
                ..Default::default()
            };
            ParsedRef {
                parsed: Parsed {
                    reference,
                    diagnostics: vec![d],
                    spans: Vec::new(),
                },
                line: s.line,
                end_line: s.end_line,
            }
        }
    }))
}

/// Parses one reference. A panic in the parser (a bug) does not lose the
/// reference: it becomes a `document` record carrying the text in its
/// note, with a warning.
pub fn parse_segment(s: &Segment) -> Parsed {
    parse_segment_boxed(s).parsed
}

/// [`parse_segment`], boxed with its lines as the pipeline carries it. The
/// record is put in its box inside the parser's unwind guard, so that only
/// the box's pointer is moved out of it (a `Parsed` is a kilobyte).
fn parse_segment_boxed(s: &Segment) -> Box<ParsedRef> {
    parse_segment_reusing(&mut s.clone(), None, &mut Vec::new())
}

/// [`parse_segment_boxed`] into `spare`, a box of a record already
/// written (its contents are dropped first), when there is one: a box of
/// a kilobyte is not allocated and freed for each reference.
///
/// The segment's text becomes the record's raw text when normalising
/// keeps it as it is (most references), leaving `s.text` empty; the raw
/// text of the record `spare` held goes to `texts` then, to hold a later
/// reference's text (one string goes round, none is copied).
fn parse_segment_reusing(
    s: &mut Segment,
    spare: Option<Box<ParsedRef>>,
    texts: &mut Vec<String>,
) -> Box<ParsedRef> {
    // The box is made first and the record parsed into it (not parsed,
    // then moved into the box: a kilobyte copied).
    let (line, end_line) = (s.line, s.end_line);
    // (The segment is only read after a panic, when its text was not
    // taken: the text is taken last.)
    let seg = &mut *s;
    let run = std::panic::AssertUnwindSafe(move || {
        let mut spare = spare;
        if let Some(raw) = spare.as_mut().and_then(|b| b.parsed.reference.raw.take()) {
            texts.push(raw);
        }
        // (Made after the push, which may call out: made before it, the
        // record would be built aside and copied into the box.)
        let fresh = ParsedRef {
            parsed: Parsed::empty(),
            line,
            end_line,
        };
        let mut b = match spare {
            Some(mut b) => {
                // The old record's span and contributor lists are kept,
                // emptied, for their room (most records have names: their
                // list is not allocated again).
                let mut spans = std::mem::take(&mut b.parsed.spans);
                spans.clear();
                let mut contributors = std::mem::take(&mut b.parsed.reference.contributors);
                contributors.clear();
                *b = fresh;
                b.parsed.spans = spans;
                b.parsed.reference.contributors = contributors;
                b
            }
            None => Box::new(fresh),
        };
        apa::parse_segment_taking(seg, &mut b.parsed);
        b
    });
    match std::panic::catch_unwind(run) {
        Ok(p) => p,
        Err(e) => {
            let why = e
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| e.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let reference = crate::model::Reference {
                note: Some(s.text.clone()),
                raw: Some(s.text.clone()),
                span: Some(crate::model::SourceSpan {
                    line: s.line,
                    end_line: s.end_line,
                }),
                ..Default::default()
            };
            Box::new(ParsedRef {
                parsed: Parsed {
                    reference,
                    diagnostics: vec![Diagnostic::warning(
                        s.line,
                        Some(crate::model::Field::Reference),
                        format!(
                            "internal error in the parser ({why}); the text is kept in the note \
                         (please report this reference)"
                        ),
                    )],
                    spans: Vec::new(),
                },
                line,
                end_line,
            })
        }
    }
}

/// Parses a batch, into the boxes of `spare` (records already written)
/// while there are some; the segments' texts go to `texts`.
// (The boxes are what is kept: `vec_box` does not apply.)
#[allow(clippy::vec_box)]
fn parse_batch_reusing(
    mut b: Batch,
    spare: &mut Vec<Box<ParsedRef>>,
    texts: &mut Vec<String>,
) -> Batch {
    for it in &mut b.items {
        if let Item::Seg(s) = it {
            let p = parse_segment_reusing(s, spare.pop(), texts);
            // (Empty with no room when the record took it.)
            if s.text.capacity() > 0 {
                texts.push(std::mem::take(&mut s.text));
            }
            *it = Item::Parsed(p);
        }
    }
    b
}

/// Parses a batch, finds what `format` cannot carry of each record and
/// renders it ([`write::Renderer`]), so that the one writing thread only
/// adds separators and keys' suffixes. (The BibTeX check reads each entry
/// back, which costs more than writing it.) Records are kept whole only
/// when `whole`; else each one's memory is reused for the next.
fn parse_and_render_batch(
    mut b: Batch,
    format: Format,
    opts: &write::WriteOptions,
    whole: bool,
) -> Batch {
    let mut checker = write::LossChecker::new(format, opts);
    let mut renderer = write::Renderer::new(format, opts);
    let mut spare = None;
    // Room for the text at once (a buffer back from the writer has it
    // already): grown by doubling, it would be copied over and over. A
    // CSL-JSON item is about three times its reference.
    let input: usize = b
        .items
        .iter()
        .map(|it| match it {
            Item::Seg(s) => s.text.len(),
            Item::Parsed(p) => p.parsed.reference.raw.as_ref().map_or(0, String::len),
            _ => 0,
        })
        .sum();
    b.text.reserve(3 * input);
    for it in &mut b.items {
        let p = match std::mem::replace(it, Item::Start(0)) {
            Item::Seg(mut s) => parse_segment_reusing(&mut s, spare.take(), &mut Vec::new()),
            Item::Parsed(p) => p,
            other => {
                *it = other;
                continue;
            }
        };
        let (text, stem) = (b.text.len(), b.stems.len());
        let mut diags = Vec::new();
        let r = &p.parsed.reference;
        let hole = renderer.render(r, &mut b.text, &mut b.stems, &mut diags);
        let losses = checker.losses_of_rendered(r, b.text.get(text..).unwrap_or_default(), &diags);
        if diags.is_empty() {
            diags = losses;
        } else {
            diags.extend(losses);
        }
        let rec = if whole {
            Rec::Whole(p)
        } else {
            let mut p = p;
            let rec = Rec::Lines {
                line: p.line,
                end_line: p.end_line,
                diagnostics: std::mem::take(&mut p.parsed.diagnostics),
            };
            spare = Some(p);
            rec
        };
        *it = Item::Rendered(Rendered {
            rec,
            diags,
            text: text..b.text.len(),
            hole,
            stem: stem..b.stems.len(),
        });
    }
    b
}

/// The writing end: one writer over all inputs, or one per input.
struct Sink<'a> {
    dest: &'a Destination,
    opts: &'a Options,
    /// Output and writer in use, with what it is called in messages.
    out: Option<(Output, Box<dyn RecordWriter>, String)>,
    any_ok: bool,
    current: Option<usize>,
    file_counts: Counts,
    total: Counts,
    failed: usize,
    diags: Vec<Diagnostic>,
    /// Records come rendered from the pool, with their losses
    /// ([`Item::Rendered`]): write them with the bare writer.
    rendered: bool,
    /// The boxes of records written, for the next batch's records (with
    /// one worker, which parses in this thread); `None` with more.
    // (The boxes are what is kept: `vec_box` does not apply.)
    #[allow(clippy::vec_box)]
    spare: Option<Vec<Box<ParsedRef>>>,
    /// The record passed to the observer for [`Rec::Lines`] (reused).
    shell: Option<Box<ParsedRef>>,
    /// Where the buffers of batches written go back to the pool, to be
    /// filled again (not freed on this thread and made anew on the pool,
    /// which maps fresh pages for each batch).
    recycle: Option<Recycle>,
}

/// The text buffers of batches written, for the next batches.
type Recycle = Arc<std::sync::Mutex<Vec<(Vec<u8>, String)>>>;

impl<'a> Sink<'a> {
    fn fatal(name: &str, source: io::Error) -> Fatal {
        Fatal {
            path: name.to_string(),
            source,
        }
    }

    fn open(&mut self, idx: usize) -> Result<(), Fatal> {
        if self.out.is_some() {
            return Ok(());
        }
        let (output, name) = match self.dest {
            Destination::Stdout => (Ok(Output::stdout()), "<stdout>".to_string()),
            Destination::File(p) => (Output::create(p, false), p.display().to_string()),
            Destination::PerInput(paths) => {
                let p = paths.get(idx).map_or_else(PathBuf::new, Clone::clone);
                (Output::create(&p, true), p.display().to_string())
            }
            Destination::Discard => (Ok(Output::discard()), "<none>".to_string()),
        };
        let mut output = output.map_err(|e| Self::fatal(&name, e))?;
        let mut w = if self.rendered {
            write::bare_writer_for(self.opts.format, &self.opts.write)
        } else {
            write::writer_for(self.opts.format, &self.opts.write)
        };
        w.begin(&mut output).map_err(|e| Self::fatal(&name, e))?;
        self.out = Some((output, w, name));
        Ok(())
    }

    /// Closes the output. `keep`: commit it (else a file is discarded).
    fn close(&mut self, keep: bool) -> Result<(), Fatal> {
        let Some((mut output, mut w, name)) = self.out.take() else {
            return Ok(());
        };
        if keep || matches!(self.dest, Destination::Stdout) {
            w.finish(&mut output).map_err(|e| Self::fatal(&name, e))?;
            let durable = !self.per_input();
            output.commit(durable).map_err(|e| Self::fatal(&name, e))?;
        }
        Ok(())
    }

    fn per_input(&self) -> bool {
        matches!(self.dest, Destination::PerInput(_))
    }

    /// Counts a reference's warnings, and the notes (`notes` of them) on
    /// what the output format cannot hold of it.
    fn count_diagnostics(&mut self, p: &ParsedRef, notes: usize) {
        let c = &mut self.file_counts;
        c.warnings += p.parsed.diagnostics.len() as u64;
        c.notes += notes as u64;
        if !p.parsed.diagnostics.is_empty() {
            c.refs_with_warnings += 1;
        }
    }

    fn consume(
        &mut self,
        inputs: &[InputSpec],
        batch: Batch,
        obs: &mut dyn Observer,
    ) -> Result<(), Fatal> {
        let unknown = InputSpec::stdin();
        let Batch {
            items,
            bytes_read,
            text,
            stems,
            ..
        } = batch;
        for item in items {
            match item {
                Item::Start(i) => {
                    let input = inputs.get(i).unwrap_or(&unknown);
                    self.current = Some(i);
                    self.file_counts = Counts::default();
                    self.open(i)?;
                    obs.file_started(input);
                }
                Item::Parsed(p) => {
                    self.file_counts.refs_in += 1;
                    self.diags.clear();
                    // Always open: a reference comes after its input's
                    // `Start`, which opened the output or stopped the run.
                    if let Some((out, w, name)) = &mut self.out {
                        w.write_record(out, &p.parsed.reference, &mut self.diags)
                            .map_err(|e| Self::fatal(name, e))?;
                        self.file_counts.records_out += 1;
                    }
                    self.count_diagnostics(&p, self.diags.len());
                    // The input of the current output; batches keep order,
                    // so it is the last one started.
                    let input = self.current_input(inputs);
                    obs.reference(input.unwrap_or(&unknown), &p, &self.diags);
                    if let Some(spare) = &mut self.spare {
                        spare.push(p);
                    }
                }
                Item::Rendered(r) => {
                    self.file_counts.refs_in += 1;
                    if let Some((out, w, name)) = &mut self.out {
                        w.write_rendered(
                            out,
                            text.get(r.text).unwrap_or_default(),
                            r.hole,
                            stems.get(r.stem).unwrap_or_default(),
                        )
                        .map_err(|e| Self::fatal(name, e))?;
                        self.file_counts.records_out += 1;
                    }
                    let p = match r.rec {
                        Rec::Whole(p) => p,
                        Rec::Lines {
                            line,
                            end_line,
                            diagnostics,
                        } => {
                            let mut p = self.shell.take().unwrap_or_else(|| {
                                Box::new(ParsedRef {
                                    parsed: Parsed::empty(),
                                    line: 0,
                                    end_line: 0,
                                })
                            });
                            p.line = line;
                            p.end_line = end_line;
                            p.parsed.diagnostics = diagnostics;
                            p
                        }
                    };
                    self.count_diagnostics(&p, r.diags.len());
                    let input = self.current_input(inputs);
                    obs.reference(input.unwrap_or(&unknown), &p, &r.diags);
                    self.shell = Some(p);
                }
                Item::Seg(_) => {}
                Item::Warn(i, w) => {
                    self.file_counts.warnings += 1;
                    obs.input_warning(inputs.get(i).unwrap_or(&unknown), &w);
                }
                Item::End(i) => {
                    if self.per_input() {
                        self.close(true)?;
                    }
                    self.any_ok = true;
                    obs.file_finished(inputs.get(i).unwrap_or(&unknown), &self.file_counts);
                    self.add_file_counts(true);
                }
                Item::Fail(i, e) => {
                    self.failed += 1;
                    if self.per_input() {
                        self.close(false)?;
                    }
                    // In merge mode the records already written stay.
                    let keep = !self.per_input();
                    self.add_file_counts(keep);
                    obs.file_failed(inputs.get(i).unwrap_or(&unknown), &e);
                }
            }
        }
        if let Some(mut bin) = self.recycle.as_ref().and_then(|r| r.lock().ok()) {
            let (mut text, mut stems) = (text, stems);
            text.clear();
            stems.clear();
            bin.push((text, stems));
        }
        obs.progress(bytes_read, self.total.refs_in + self.file_counts.refs_in);
        match obs.stop() {
            Some(source) => Err(Fatal {
                path: "<stdout>".into(),
                source,
            }),
            None => Ok(()),
        }
    }

    fn add_file_counts(&mut self, records_kept: bool) {
        let c = std::mem::take(&mut self.file_counts);
        self.total.refs_in += c.refs_in;
        self.total.warnings += c.warnings;
        self.total.refs_with_warnings += c.refs_with_warnings;
        self.total.notes += c.notes;
        if records_kept {
            self.total.records_out += c.records_out;
        }
    }

    fn current_input<'i>(&self, inputs: &'i [InputSpec]) -> Option<&'i InputSpec> {
        self.current.and_then(|i| inputs.get(i))
    }
}

/// Converts `inputs` to `dest`.
///
/// Returns the counts; an input that cannot be read is reported to `obs`
/// and skipped (see [`Summary::failed`]). In per-input mode its output is
/// not written; in merge mode the records read before the error stay.
/// When every input failed, a merged output file is not written either.
/// Only an output error stops the run ([`Fatal`]).
pub fn run(
    inputs: Vec<InputSpec>,
    dest: &Destination,
    opts: &Options,
    obs: &mut dyn Observer,
) -> Result<Summary, Fatal> {
    let start = Instant::now();
    let inputs: Arc<[InputSpec]> = inputs.into();
    let mut producer = Producer {
        inputs: inputs.clone(),
        decode: opts.decode,
        from: opts.from,
        next_input: 0,
        current: None,
        seq: 0,
        bytes: Arc::new(AtomicU64::new(0)),
        batch_refs: opts.batch_refs.max(1),
        batch_bytes: opts.batch_bytes.max(1),
    };
    let mut sink = Sink {
        dest,
        opts,
        out: None,
        any_ok: false,
        current: None,
        file_counts: Counts::default(),
        total: Counts::default(),
        failed: 0,
        diags: Vec::new(),
        rendered: opts.jobs > 1,
        spare: (opts.jobs <= 1).then(Vec::new),
        shell: None,
        recycle: (opts.jobs > 1).then(Recycle::default),
    };
    if opts.jobs <= 1 {
        let (mut spare, mut texts) = (Vec::new(), Vec::new());
        while let Some(b) = producer.next_batch() {
            let b = parse_batch_reusing(b, &mut spare, &mut texts);
            producer.recycle(&mut texts);
            sink.consume(&inputs, b, obs)?;
            // (Never more boxes than a batch has records: one is made only
            // when none is left.)
            if let Some(s) = &mut sink.spare {
                spare.append(s);
            }
        }
    } else {
        let (format, write_opts) = (opts.format, opts.write.clone());
        let whole = obs.needs_records();
        let recycle = sink.recycle.clone();
        run_parallel(
            producer,
            opts.jobs,
            move |mut b: Batch| {
                let spent = recycle.as_ref().and_then(|r| r.lock().ok()?.pop());
                if let Some((text, stems)) = spent {
                    (b.text, b.stems) = (text, stems);
                }
                parse_and_render_batch(b, format, &write_opts, whole)
            },
            |b, obs| sink.consume(&inputs, b, obs),
            obs,
        )?;
    }
    let keep = sink.any_ok;
    sink.close(keep)?;
    if !keep && matches!(dest, Destination::File(_)) {
        sink.total.records_out = 0;
    }
    Ok(Summary {
        files: inputs.len(),
        failed: sink.failed,
        counts: sink.total,
        elapsed: start.elapsed(),
    })
}

/// Reads on a thread of its own, parses on a pool of `jobs` threads,
/// and hands batches to `consume` in order on the calling thread.
fn run_parallel(
    mut producer: Producer,
    jobs: usize,
    work: impl Fn(Batch) -> Batch + Send + Sync + 'static,
    mut consume: impl FnMut(Batch, &mut dyn Observer) -> Result<(), Fatal>,
    obs: &mut dyn Observer,
) -> Result<(), Fatal> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("refmill-parse-{i}"))
        .build()
        .map_err(|e| Fatal {
            path: "<threads>".into(),
            source: io::Error::other(e.to_string()),
        })?;
    let inflight = 2 * jobs + 2;
    // Tokens bound the batches in flight: the reader takes one per batch,
    // the writer gives it back once the batch is written.
    let (tok_tx, tok_rx) = mpsc::sync_channel::<()>(inflight);
    for _ in 0..inflight {
        // The channel has room for all of them.
        let _ = tok_tx.send(());
    }
    let (res_tx, res_rx) = mpsc::channel::<Batch>();
    // Not a scoped thread: after an output error the reader may be stuck
    // in a read on standard input, and the run must not wait for it.
    let work = Arc::new(work);
    let reader = std::thread::Builder::new()
        .name("refmill-read".into())
        .spawn(move || {
            while tok_rx.recv().is_ok() {
                let Some(batch) = producer.next_batch() else {
                    break;
                };
                let tx = res_tx.clone();
                let work = Arc::clone(&work);
                pool.spawn_fifo(move || {
                    // The receiver is gone only after an output error.
                    let _ = tx.send(work(batch));
                });
            }
        })
        .map_err(|source| Fatal {
            path: "<threads>".into(),
            source,
        })?;
    let mut next = 0u64;
    let mut waiting: BTreeMap<u64, Batch> = BTreeMap::new();
    for b in res_rx.iter() {
        waiting.insert(b.seq, b);
        while let Some(b) = waiting.remove(&next) {
            next += 1;
            consume(b, obs)?;
            let _ = tok_tx.send(());
        }
    }
    // All senders are gone: the reader has finished.
    let _ = reader.join();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apa::segment::segment;
    use proptest::prelude::*;

    fn stream_segments(text: &str) -> Vec<Segment> {
        let src = LineSource::new(
            Box::new(io::Cursor::new(text.as_bytes().to_vec())),
            DecodeOptions::default(),
        )
        .unwrap();
        let mut r = SegmentReader::new(src);
        let mut out = vec![];
        while let Some(s) = r.next_segment().unwrap() {
            out.push(s);
        }
        out
    }

    #[derive(Default)]
    struct Collect {
        lines: Vec<usize>,
        warnings: usize,
        failed: usize,
        finished: Vec<Counts>,
    }

    impl Observer for Collect {
        fn file_finished(&mut self, _: &InputSpec, c: &Counts) {
            self.finished.push(*c);
        }
        fn reference(&mut self, _: &InputSpec, r: &ParsedRef, w: &[Diagnostic]) {
            self.lines.push(r.line);
            self.warnings += r.parsed.diagnostics.len() + w.len();
        }
        fn input_warning(&mut self, _: &InputSpec, _: &InputWarning) {
            self.warnings += 1;
        }
        fn file_failed(&mut self, _: &InputSpec, _: &InputError) {
            self.failed += 1;
        }
    }

    const LINES: &[&str] = &[
        "Glue, P., & Lee, K. (2017). Ketamine for treat-",
        "ment of anxiety. Journal of Psychopharmacology, 31(10), 1302-",
        "1305. https://doi.org/10.1177/",
        "0269881117705089",
        "Shin, S. (2019). A title. Korean Journal, 23(1), 81.",
        "World Health Organization. (2020). Report on things. WHO.",
        "   continued with a hanging indent,",
        "1. Numbered, N. (2001). Listed. Publisher.",
        "[2] Bracket, B. (2002). Listed too. Publisher.",
        "• Bullet, B. (2003). Bulleted. Publisher.",
        "References",
        "12",
        "\u{c}Page, P. (2004). After a page break. Press.",
        "",
        "",
        "(((( [[ unbalanced",
    ];

    fn text_strategy() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(LINES), 0..60).prop_map(|ls| ls.join("\n"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Streaming segmentation gives what segmenting the whole text
        /// in memory gives.
        #[test]
        fn streaming_equals_in_memory(text in text_strategy()) {
            prop_assert_eq!(stream_segments(&text), segment(&text));
        }

        /// Every reference found comes out once, in input order, whatever
        /// the batch size and thread count.
        #[test]
        fn records_out_equal_references_in(
            text in text_strategy(),
            batch_refs in 1usize..8,
            jobs in 1usize..4,
        ) {
            let expected = segment(&text).len() as u64;
            let d = tempfile::tempdir().unwrap();
            let p = d.path().join("in.txt");
            std::fs::write(&p, &text).unwrap();
            let mut opts = Options::new(Format::CslJson);
            opts.jobs = jobs;
            opts.batch_refs = batch_refs;
            let mut c = Collect::default();
            let s = run(
                vec![InputSpec::file(&p), InputSpec::file(&p)],
                &Destination::Discard,
                &opts,
                &mut c,
            )
            .unwrap();
            prop_assert_eq!(s.counts.refs_in, 2 * expected);
            prop_assert_eq!(s.counts.records_out, 2 * expected);
            prop_assert_eq!(c.lines.len() as u64, 2 * expected);
            let (a, b) = c.lines.split_at(expected as usize);
            prop_assert!(a.windows(2).all(|w| w[0] < w[1]));
            prop_assert_eq!(a, b);
            prop_assert_eq!(s.counts.warnings, c.warnings as u64);
            prop_assert_eq!(c.failed, 0);
            prop_assert_eq!(c.finished.len(), 2);
            prop_assert_eq!(c.finished.iter().map(|f| f.records_out).sum::<u64>(), 2 * expected);
        }
    }

    /// The layout sample ends inside the input: lines after it stream
    /// through the same segmenter.
    #[test]
    fn past_the_sample() {
        let one = "Glue, P. (2017). A title. Journal, 1, 2.\n\n";
        let text = one.repeat(SAMPLE_LINES); // 2 × SAMPLE_LINES lines
        let got = stream_segments(&text);
        assert_eq!(got.len(), SAMPLE_LINES);
        assert_eq!(got, segment(&text));
        assert_eq!(got.last().map(|s| s.line), Some(2 * SAMPLE_LINES - 1));
    }

    #[test]
    fn merge_and_per_input_outputs() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("a.txt");
        std::fs::write(&a, "Glue, P. (2017). A title. Journal, 1, 2.\n").unwrap();
        let missing = d.path().join("missing.txt");
        let opts = Options::new(Format::CslJson);
        // Merged into one file, with one input failing: written.
        let out = d.path().join("all.json");
        let mut c = Collect::default();
        let s = run(
            vec![InputSpec::file(&a), InputSpec::file(&missing)],
            &Destination::File(out.clone()),
            &opts,
            &mut c,
        )
        .unwrap();
        assert_eq!((s.files, s.failed, s.counts.records_out), (2, 1, 1));
        assert!(out.exists());
        // Every input failing: no file.
        let out2 = d.path().join("none.json");
        let s = run(
            vec![InputSpec::file(&missing)],
            &Destination::File(out2.clone()),
            &opts,
            &mut c,
        )
        .unwrap();
        assert_eq!((s.failed, s.counts.records_out), (1, 0));
        assert!(!out2.exists());
        // Per input: the failed one gets no file.
        let outs = vec![d.path().join("o/a.json"), d.path().join("o/m.json")];
        let s = run(
            vec![InputSpec::file(&a), InputSpec::file(&missing)],
            &Destination::PerInput(outs.clone()),
            &opts,
            &mut c,
        )
        .unwrap();
        assert_eq!((s.failed, s.counts.records_out), (1, 1));
        assert!(outs[0].exists() && !outs[1].exists());
    }
}
