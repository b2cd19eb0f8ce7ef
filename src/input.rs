//! Reading reference lists from files and pipes: encodings, line ends and
//! bad bytes, as a stream of clean lines.
//!
//! [`LineSource`] turns any byte stream into numbered `&str` lines without
//! ever holding more than one line (plus a fixed buffer):
//!
//! * **Encodings.** UTF-8 is the default. A UTF-8 byte-order mark is
//!   dropped; UTF-16 LE or BE with a byte-order mark is decoded (Word's
//!   "Unicode text" export). Invalid UTF-8 and unpaired UTF-16 surrogates
//!   are errors that give the line and the byte offset in the file, unless
//!   [`DecodeOptions::lossy`] is set: then they become U+FFFD and one
//!   [`InputWarning`] per input says how many and where the first was.
//! * **Line ends.** `\n`, `\r\n` and a lone `\r` (old Mac files, some PDF
//!   extractions) each end a line, and each counts as one line in messages.
//! * **NUL bytes** mean the input is not text (a PDF, a `.docx`, UTF-16
//!   without a byte-order mark): an error that says so, since parsing it
//!   would only make garbage records. With `lossy` they are dropped with a
//!   warning (which recovers ASCII text from BOM-less UTF-16).
//! * **Other control characters** (C0 except tab and form feed, and DEL)
//!   turn up in PDF pastes; each becomes a space, with one warning per
//!   input. They carry no text, the parser would read them as spaces
//!   anyway, and no output format may contain them.
//!
//! A form feed is kept: the segmenter reads it as a page break.

use memchr::{memchr, memchr2};
use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};

/// How to treat bytes that are not valid text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Replace invalid UTF-8/UTF-16 with U+FFFD and drop NUL bytes (each
    /// with a warning) instead of failing.
    pub lossy: bool,
    /// The input's encoding when it is not UTF-8 and has no byte-order
    /// mark (a file saved as "ANSI" or "Plain Text" on Windows is
    /// windows-1252): decoded by `encoding_rs`. A byte-order mark wins.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// The encoding an input was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (dropped).
    Utf8Bom,
    /// UTF-16 little-endian with a byte-order mark.
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16Be,
    /// Another encoding, as asked (`--encoding`).
    Other(&'static encoding_rs::Encoding),
}

impl Encoding {
    /// Length of the byte-order mark.
    pub fn bom_len(self) -> u64 {
        match self {
            Encoding::Utf8 | Encoding::Other(_) => 0,
            Encoding::Utf8Bom => 3,
            Encoding::Utf16Le | Encoding::Utf16Be => 2,
        }
    }

    fn sniff(head: &[u8]) -> Encoding {
        if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            Encoding::Utf8Bom
        } else if head.starts_with(&[0xFF, 0xFE]) {
            Encoding::Utf16Le
        } else if head.starts_with(&[0xFE, 0xFF]) {
            Encoding::Utf16Be
        } else {
            Encoding::Utf8
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Other(e) => e.name(),
        })
    }
}

/// Why an input could not be read. Each message is one line, meant to
/// follow `file:line: error: ` (see [`InputError::line`]).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The operating system refused to open or read the input.
    #[error("cannot read: {}", io_message(.source))]
    Io {
        /// The line being read when it happened (0 when opening).
        line: usize,
        /// The error.
        #[source]
        source: io::Error,
    },
    /// A directory was given where a file was expected.
    #[error("is a directory (use --out-dir DIR or --merge to convert the files in it)")]
    IsDirectory,
    /// Bytes that are not UTF-8.
    #[error(
        "invalid UTF-8 at byte offset {offset} (byte 0x{byte:02X}); save the file as UTF-8, \
         give its encoding (--encoding windows-1252 for a file saved as \"ANSI\" or \"Plain \
         Text\" on Windows), or use --lossy to replace invalid bytes"
    )]
    InvalidUtf8 {
        /// Line of the bad byte.
        line: usize,
        /// Offset of the bad byte in the file.
        offset: u64,
        /// The first bad byte.
        byte: u8,
    },
    /// An unpaired surrogate or a truncated code unit in UTF-16.
    #[error("invalid UTF-16 at byte offset {offset} ({what}); use --lossy to replace it")]
    InvalidUtf16 {
        /// Line of the bad code unit.
        line: usize,
        /// Offset of the bad code unit in the file.
        offset: u64,
        /// What is wrong with it.
        what: String,
    },
    /// A NUL byte: not a text file.
    #[error("NUL byte at byte offset {offset}: {}", if *.utf16_like {
        "this looks like UTF-16 text without a byte-order mark; save it as UTF-8"
    } else {
        "this does not look like a text file (use --lossy to drop NUL bytes)"
    })]
    Nul {
        /// Line of the byte.
        line: usize,
        /// Offset of the byte in the decoded text.
        offset: u64,
        /// NUL bytes alternate with others, as in UTF-16 without a BOM.
        utf16_like: bool,
    },
}

impl InputError {
    /// The line the error is about (0 when it concerns the whole input).
    pub fn line(&self) -> usize {
        match self {
            InputError::Io { line, .. }
            | InputError::InvalidUtf8 { line, .. }
            | InputError::InvalidUtf16 { line, .. }
            | InputError::Nul { line, .. } => *line,
            InputError::IsDirectory => 0,
        }
    }
}

/// An I/O error's message without the "(os error N)" tail (and what
/// wrappers add after it, such as tempfile's "at path ..."), lower-cased
/// first letter: "no such file or directory".
pub fn io_message(e: &io::Error) -> String {
    let s = e.to_string();
    let s = match s.split_once(" (os error ") {
        Some((head, _)) => head.to_string(),
        None => s,
    };
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if cs.clone().next().is_some_and(char::is_lowercase) => {
            c.to_lowercase().chain(cs).collect()
        }
        _ => s,
    }
}

/// Something an input had that was repaired, reported once per input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputWarning {
    /// Invalid UTF-8 or UTF-16 replaced by U+FFFD (with `lossy`).
    Replaced {
        /// How many invalid sequences.
        count: u64,
        /// Line of the first.
        line: usize,
        /// Byte offset of the first in the file.
        offset: u64,
        /// "UTF-8" or "UTF-16".
        encoding: &'static str,
    },
    /// NUL bytes dropped (with `lossy`).
    NulDropped {
        /// How many.
        count: u64,
        /// Line of the first.
        line: usize,
    },
    /// Control characters replaced by spaces.
    Controls {
        /// How many.
        count: u64,
        /// Line of the first.
        line: usize,
        /// The first one.
        first: u8,
    },
    /// The input format was not given and was guessed from weak signs.
    FormatGuessed {
        /// The format chosen (its `--from` name).
        format: &'static str,
        /// Why, in words.
        reason: String,
    },
    /// Text a reader passed over that is not a reference (a header
    /// before the first RIS record).
    NotAReference {
        /// Line.
        line: usize,
        /// The reader's message.
        message: String,
    },
    /// The input gave no reference.
    NoReferences {
        /// Why, in words: "the input is empty", "the input contains only
        /// whitespace", or "no reference found".
        why: &'static str,
    },
}

impl InputWarning {
    /// The line the warning is about (0 for the whole input).
    pub fn line(&self) -> usize {
        match self {
            InputWarning::Replaced { line, .. }
            | InputWarning::NulDropped { line, .. }
            | InputWarning::Controls { line, .. }
            | InputWarning::NotAReference { line, .. } => *line,
            InputWarning::NoReferences { .. } | InputWarning::FormatGuessed { .. } => 0,
        }
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

impl fmt::Display for InputWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputWarning::Replaced {
                count,
                offset,
                encoding,
                ..
            } => write!(
                f,
                "{} replaced with U+FFFD, the first at byte offset {offset}",
                plural(
                    *count,
                    &format!("invalid {encoding} sequence"),
                    &format!("invalid {encoding} sequences")
                )
            ),
            InputWarning::NulDropped { count, .. } => {
                write!(f, "{} dropped", plural(*count, "NUL byte", "NUL bytes"))
            }
            InputWarning::Controls { count, first, .. } => write!(
                f,
                "{} replaced with spaces, the first U+{:04X}",
                plural(*count, "control character", "control characters"),
                first
            ),
            InputWarning::NoReferences { why } => write!(f, "no references found: {why}"),
            InputWarning::NotAReference { message, .. } => f.write_str(message),
            InputWarning::FormatGuessed { format, reason } => write!(
                f,
                "read as {format}, a guess ({reason}); use --from to say which format it is"
            ),
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    count: u64,
    line: usize,
    offset: u64,
    first: u8,
}

impl Tally {
    fn add(&mut self, n: u64, line: usize, offset: u64, first: u8) {
        if self.count == 0 {
            self.line = line;
            self.offset = offset;
            self.first = first;
        }
        self.count += n;
    }
}

/// A UTF-16 error found by the decoder (carried inside an `io::Error`).
#[derive(Debug)]
struct Utf16Error {
    offset: u64,
    what: String,
}

impl fmt::Display for Utf16Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte offset {}", self.what, self.offset)
    }
}

impl std::error::Error for Utf16Error {}

/// Streaming UTF-16 to UTF-8 transcoder.
///
/// Hand-written (about 80 lines) rather than `encoding_rs_io`, because an
/// error must give the exact byte offset of the bad code unit, which a
/// replacing decoder does not report.
struct Utf16Decoder<R> {
    inner: R,
    big_endian: bool,
    lossy: bool,
    /// Raw bytes read but not yet decoded (0 or 1 byte carried over).
    carry: Option<u8>,
    /// A high surrogate waiting for its low half, with its offset.
    high: Option<(u16, u64)>,
    /// File offset of the next raw byte.
    offset: u64,
    raw: Vec<u8>,
    out: Vec<u8>,
    out_pos: usize,
    eof: bool,
    pending: Option<io::Error>,
    replaced: Tally,
}

impl<R: Read> Utf16Decoder<R> {
    fn new(inner: R, big_endian: bool, lossy: bool, offset: u64) -> Self {
        Utf16Decoder {
            inner,
            big_endian,
            lossy,
            carry: None,
            high: None,
            offset,
            raw: vec![0; 32 * 1024],
            out: Vec::with_capacity(64 * 1024),
            out_pos: 0,
            eof: false,
            pending: None,
            replaced: Tally::default(),
        }
    }

    fn bad(&mut self, offset: u64, what: String) -> io::Result<()> {
        if self.lossy {
            self.replaced.add(1, 0, offset, 0);
            self.out.extend_from_slice("\u{FFFD}".as_bytes());
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidData,
                Utf16Error { offset, what },
            ))
        }
    }

    fn push_unit(&mut self, u: u16, at: u64) -> io::Result<()> {
        let mut buf = [0u8; 4];
        if let Some((hi, hi_at)) = self.high.take() {
            if (0xDC00..0xE000).contains(&u) {
                let c = 0x10000 + ((u32::from(hi) - 0xD800) << 10) + (u32::from(u) - 0xDC00);
                // Always a valid scalar: 0x10000..=0x10FFFF.
                let c = char::from_u32(c).unwrap_or('\u{FFFD}');
                self.out
                    .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                return Ok(());
            }
            self.bad(hi_at, format!("unpaired surrogate 0x{hi:04X}"))?;
        }
        match u {
            0xD800..=0xDBFF => self.high = Some((u, at)),
            0xDC00..=0xDFFF => self.bad(at, format!("unpaired surrogate 0x{u:04X}"))?,
            _ => {
                // Not a surrogate, so a valid scalar value.
                let c = char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}');
                self.out
                    .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        Ok(())
    }

    /// Decodes one chunk of raw bytes. A decoding error (without `lossy`)
    /// is kept in `pending` and returned by the next `read`, after the text
    /// before it, so that line numbers in messages are right.
    fn fill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.out_pos = 0;
        let n = loop {
            match self.inner.read(&mut self.raw) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        if let Err(e) = self.decode(n) {
            self.pending = Some(e);
            self.eof = true;
        }
        Ok(())
    }

    fn decode(&mut self, n: usize) -> io::Result<()> {
        if n == 0 {
            self.eof = true;
            if let Some((hi, at)) = self.high.take() {
                self.bad(at, format!("unpaired surrogate 0x{hi:04X}"))?;
            }
            if self.carry.take().is_some() {
                let at = self.offset.saturating_sub(1);
                self.bad(at, "odd number of bytes: the last code unit is cut".into())?;
            }
            return Ok(());
        }
        let bytes = std::mem::take(&mut self.raw);
        // In bounds: `min` keeps the end within `bytes`.
        let r = self.decode_units(&bytes[..n.min(bytes.len())]);
        self.raw = bytes;
        r
    }

    fn decode_units(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut rest = bytes;
        let mut unit_at = self.offset;
        self.offset += bytes.len() as u64;
        if let Some(b0) = self.carry.take()
            && let Some((&b1, tail)) = rest.split_first()
        {
            let u = self.unit(b0, b1);
            self.push_unit(u, unit_at - 1)?;
            unit_at += 1;
            rest = tail;
        }
        let mut pairs = rest.chunks_exact(2);
        for pair in &mut pairs {
            if let [a, b] = *pair {
                let u = self.unit(a, b);
                self.push_unit(u, unit_at)?;
            }
            unit_at += 2;
        }
        self.carry = pairs.remainder().first().copied();
        Ok(())
    }

    fn unit(&self, a: u8, b: u8) -> u16 {
        if self.big_endian {
            u16::from_be_bytes([a, b])
        } else {
            u16::from_le_bytes([a, b])
        }
    }
}

impl<R: Read> Read for Utf16Decoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_pos >= self.out.len() {
            if let Some(e) = self.pending.take() {
                return Err(e);
            }
            if self.eof {
                return Ok(0);
            }
            self.fill()?;
        }
        let avail = self.out.get(self.out_pos..).unwrap_or(&[]);
        let n = avail.len().min(buf.len());
        // In bounds: `n` is at most the length of both slices.
        buf[..n].copy_from_slice(&avail[..n]);
        self.out_pos += n;
        Ok(n)
    }
}

/// The bytes of an input after the byte-order mark, UTF-16 decoded.
enum Decoded {
    Utf8(Box<dyn Read + Send>),
    Utf16(Utf16Decoder<Box<dyn Read + Send>>),
    /// Another encoding, decoded to UTF-8 by `encoding_rs`.
    Other(Box<encoding_rs_io::DecodeReaderBytes<Box<dyn Read + Send>, Vec<u8>>>),
}

impl Read for Decoded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Decoded::Utf8(r) => r.read(buf),
            Decoded::Utf16(r) => r.read(buf),
            Decoded::Other(r) => r.read(buf),
        }
    }
}

/// Splits a byte stream into lines at `\n`, `\r\n` and lone `\r`, without
/// limit on a line's length and without holding more than one line.
pub struct RawLines<R> {
    inner: R,
    buf: Vec<u8>,
    line: usize,
    offset: u64,
    skip_lf: bool,
}

impl<R: BufRead> RawLines<R> {
    /// Lines of `inner`; `offset` is the stream position of its first byte
    /// (used in messages).
    pub fn new(inner: R, offset: u64) -> Self {
        RawLines {
            inner,
            buf: Vec::new(),
            line: 0,
            offset,
            skip_lf: false,
        }
    }

    /// The next line, without its line end: `(line number, offset of its
    /// first byte, its bytes)`. `None` at the end of the input.
    pub fn next_line(&mut self) -> io::Result<Option<(usize, u64, &mut Vec<u8>)>> {
        self.buf.clear();
        let mut start = self.offset;
        let mut any = false;
        loop {
            let avail = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                if !any {
                    return Ok(None);
                }
                self.line += 1;
                return Ok(Some((self.line, start, &mut self.buf)));
            }
            if self.skip_lf {
                self.skip_lf = false;
                if avail.first() == Some(&b'\n') {
                    self.inner.consume(1);
                    self.offset += 1;
                    start = self.offset;
                    continue;
                }
            }
            any = true;
            match memchr2(b'\n', b'\r', avail) {
                Some(i) => {
                    // In bounds: `i < avail.len()`: memchr2 found a byte there.
                    self.buf.extend_from_slice(&avail[..i]);
                    self.skip_lf = avail[i] == b'\r';
                    self.inner.consume(i + 1);
                    self.offset += (i + 1) as u64;
                    self.line += 1;
                    return Ok(Some((self.line, start, &mut self.buf)));
                }
                None => {
                    let n = avail.len();
                    self.buf.extend_from_slice(avail);
                    self.inner.consume(n);
                    self.offset += n as u64;
                }
            }
        }
    }

    /// The inner reader.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }
}

/// The UTF-8 bytes of a Unicode space other than U+0020 at `i`: a
/// no-break space (U+00A0, as word processors and web pages put before
/// "(2019)" or inside "p. 3"), U+2000–U+200A (en, em, thin, hair spaces),
/// U+202F, U+205F, U+3000. Their length, or 0.
fn unicode_space_at(buf: &[u8], i: usize) -> usize {
    match (buf.get(i), buf.get(i + 1), buf.get(i + 2)) {
        (Some(0xC2), Some(0xA0), _) => 2,
        (Some(0xE2), Some(0x80), Some(&c)) if (0x80..=0x8A).contains(&c) || c == 0xAF => 3,
        (Some(0xE2), Some(0x81), Some(0x9F)) | (Some(0xE3), Some(0x80), Some(0x80)) => 3,
        _ => 0,
    }
}

/// Unicode spaces become plain spaces, so that every rule that looks for
/// a space between words ("Smith, J. (2019, March 3).") sees one.
fn plain_spaces(buf: &mut Vec<u8>) {
    let Some(first) =
        memchr::memchr3_iter(0xC2, 0xE2, 0xE3, buf).find(|&i| unicode_space_at(buf, i) > 0)
    else {
        return;
    };
    let (mut r, mut w) = (first, first);
    while r < buf.len() {
        let n = unicode_space_at(buf, r);
        // In bounds: `w <= r < buf.len()` (each step writes one byte and
        // reads at least one).
        if n > 0 {
            buf[w] = b' ';
            r += n;
        } else {
            buf[w] = buf[r];
            r += 1;
        }
        w += 1;
    }
    buf.truncate(w);
}

/// Clean, numbered lines of one input.
pub struct LineSource {
    lines: RawLines<BufReader<Decoded>>,
    encoding: Encoding,
    opts: DecodeOptions,
    invalid: Tally,
    nul: Tally,
    controls: Tally,
    lines_read: u64,
    nonblank: bool,
}

/// Reads up to `n` bytes (fewer only at the end of the input).
fn read_head(r: &mut dyn Read, n: usize) -> io::Result<Vec<u8>> {
    let mut head = vec![0u8; n];
    let mut got = 0;
    while got < n {
        // In bounds: `got < n == head.len()` by the loop condition.
        match r.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(k) => got += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    head.truncate(got);
    Ok(head)
}

/// The read buffer's size: large enough that a big file is read in few
/// calls.
const READ_BUFFER: usize = 64 * 1024;

/// The smallest read buffer, for a file said to be smaller.
const MIN_READ_BUFFER: usize = 512;

/// The read buffer for an input of `len` bytes when known: no larger than
/// the input. (The buffer is zeroed before its first read, which for a
/// batch of small files costs more than reading them.)
fn read_buffer_len(len: Option<u64>) -> usize {
    len.map_or(READ_BUFFER, |n| {
        usize::try_from(n).map_or(READ_BUFFER, |n| n.clamp(MIN_READ_BUFFER, READ_BUFFER))
    })
}

impl LineSource {
    /// Starts reading `raw`: sniffs the byte-order mark.
    pub fn new(raw: Box<dyn Read + Send>, opts: DecodeOptions) -> Result<LineSource, InputError> {
        LineSource::with_len_hint(raw, opts, None)
    }

    /// Starts reading `raw`, whose length is about `len` bytes when known
    /// (a file's size: it sizes the read buffer, and need not be exact).
    pub fn with_len_hint(
        mut raw: Box<dyn Read + Send>,
        opts: DecodeOptions,
        len: Option<u64>,
    ) -> Result<LineSource, InputError> {
        let head = read_head(&mut raw, 3).map_err(|source| InputError::Io { line: 0, source })?;
        let encoding = match (Encoding::sniff(&head), opts.encoding) {
            (Encoding::Utf8, Some(e)) if e != encoding_rs::UTF_8 => Encoding::Other(e),
            (sniffed, _) => sniffed,
        };
        let bom = encoding.bom_len() as usize;
        // `bom <= head.len()`: sniff only reports a BOM that is in `head`.
        let rest = head.get(bom..).unwrap_or(&[]).to_vec();
        let chained: Box<dyn Read + Send> = Box::new(io::Cursor::new(rest).chain(raw));
        let decoded = match encoding {
            Encoding::Utf8 | Encoding::Utf8Bom => Decoded::Utf8(chained),
            Encoding::Utf16Le | Encoding::Utf16Be => Decoded::Utf16(Utf16Decoder::new(
                chained,
                encoding == Encoding::Utf16Be,
                opts.lossy,
                bom as u64,
            )),
            // (Bytes the encoding does not map become U+FFFD: legacy
            // single-byte encodings map every byte.)
            Encoding::Other(e) => Decoded::Other(Box::new(
                encoding_rs_io::DecodeReaderBytesBuilder::new()
                    .encoding(Some(e))
                    .bom_override(false)
                    .build(chained),
            )),
        };
        // UTF-8 offsets are file offsets (counting the BOM); after UTF-16
        // decoding they are offsets in the decoded text.
        let start = match encoding {
            Encoding::Utf8Bom => 3,
            _ => 0,
        };
        Ok(LineSource {
            lines: RawLines::new(
                BufReader::with_capacity(read_buffer_len(len), decoded),
                start,
            ),
            encoding,
            opts,
            invalid: Tally::default(),
            nul: Tally::default(),
            controls: Tally::default(),
            lines_read: 0,
            nonblank: false,
        })
    }

    /// The encoding found.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Lines read so far.
    pub fn lines_read(&self) -> u64 {
        self.lines_read
    }

    /// True once a line with a non-whitespace character was read.
    pub fn saw_text(&self) -> bool {
        self.nonblank
    }

    /// The next line as text: `(line number, text)`, or `None` at the end.
    pub fn next_line(&mut self) -> Result<Option<(usize, Cow<'_, str>)>, InputError> {
        let lossy = self.opts.lossy;
        let utf8 = matches!(self.encoding, Encoding::Utf8 | Encoding::Utf8Bom);
        let line = self.lines.line + 1;
        let Some((line, start, buf)) = (match self.lines.next_line() {
            Ok(l) => l,
            Err(e) => {
                return Err(
                    match e.get_ref().and_then(|i| i.downcast_ref::<Utf16Error>()) {
                        Some(u) => InputError::InvalidUtf16 {
                            line,
                            offset: u.offset,
                            what: u.what.clone(),
                        },
                        None => InputError::Io { line, source: e },
                    },
                );
            }
        }) else {
            return Ok(None);
        };
        self.lines_read += 1;

        // NUL is a control character too: one vector pass over the line
        // (most have none) answers for both tests below.
        // (One pass without early exit, which the compiler turns into
        // vector code.)
        // (A byte below 0x20 or DEL: a tab or form feed passes too, and
        // is told apart below; the wider test is two comparisons a byte.)
        // (The same pass or-s the bytes together: without a byte above
        // 0x7F the line is ASCII, and has no Unicode space to make plain.)
        let (any_control, any_high) = buf.iter().fold((false, 0u8), |(c, h), &b| {
            (c | (b < 0x20 || b == 0x7F), h | b)
        });
        let any_high = any_high >= 0x80;

        // NUL bytes.
        if let Some(i) = any_control.then(|| memchr(0, buf)).flatten() {
            if !lossy {
                return Err(InputError::Nul {
                    line,
                    offset: start + i as u64,
                    utf16_like: utf8 && line == 1 && utf16_like(buf),
                });
            }
            let before = buf.len();
            buf.retain(|&b| b != 0);
            self.nul
                .add((before - buf.len()) as u64, line, start + i as u64, 0);
        }

        // Other control characters become spaces.
        // (One pass without early exit, which the compiler turns into
        // vector code: most lines have none.)
        let controls = any_control && buf.iter().fold(false, |c, &b| c | is_control(b));
        if controls {
            let mut n = 0u64;
            let mut first = None;
            for (i, b) in buf.iter_mut().enumerate() {
                if is_control(*b) {
                    first.get_or_insert((i, *b));
                    *b = b' ';
                    n += 1;
                }
            }
            if let Some((i, b)) = first {
                self.controls.add(n, line, start + i as u64, b);
            }
        }

        if any_high {
            plain_spaces(buf);
        }

        if !self.nonblank && buf.iter().any(|b| !b.is_ascii_whitespace()) {
            self.nonblank = true;
        }

        let buf: &Vec<u8> = buf;
        // Every line is validated: with SIMD, at a fraction of the
        // standard library's cost a byte (which is asked again, for
        // where the error is, only when the line is not valid).
        if let Ok(s) = simdutf8::basic::from_utf8(buf) {
            return Ok(Some((line, Cow::Borrowed(s))));
        }
        match std::str::from_utf8(buf) {
            Ok(s) => Ok(Some((line, Cow::Borrowed(s)))),
            Err(e) => {
                let at = e.valid_up_to();
                let byte = buf.get(at).copied().unwrap_or(0);
                if !lossy {
                    return Err(InputError::InvalidUtf8 {
                        line,
                        offset: start + at as u64,
                        byte,
                    });
                }
                let bad = buf
                    .utf8_chunks()
                    .filter(|c| !c.invalid().is_empty())
                    .count();
                self.invalid.add(bad as u64, line, start + at as u64, byte);
                let s = String::from_utf8_lossy(buf).into_owned();
                Ok(Some((line, Cow::Owned(s))))
            }
        }
    }

    /// What was repaired in this input, for the end-of-input warnings.
    pub fn warnings(&self) -> Vec<InputWarning> {
        let mut out = Vec::new();
        let utf16 = match &self.lines.get_ref().get_ref() {
            Decoded::Utf16(d) => Some(d.replaced),
            Decoded::Utf8(_) | Decoded::Other(_) => None,
        };
        if let Some(t) = utf16.filter(|t| t.count > 0) {
            out.push(InputWarning::Replaced {
                count: t.count,
                line: t.line,
                offset: t.offset,
                encoding: "UTF-16",
            });
        }
        if self.invalid.count > 0 {
            out.push(InputWarning::Replaced {
                count: self.invalid.count,
                line: self.invalid.line,
                offset: self.invalid.offset,
                encoding: "UTF-8",
            });
        }
        if self.nul.count > 0 {
            out.push(InputWarning::NulDropped {
                count: self.nul.count,
                line: self.nul.line,
            });
        }
        if self.controls.count > 0 {
            out.push(InputWarning::Controls {
                count: self.controls.count,
                line: self.controls.line,
                first: self.controls.first,
            });
        }
        out
    }
}

/// C0 controls other than tab and form feed (`\n` and `\r` never reach
/// here), and DEL.
fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t' && b != 0x0C) || b == 0x7F
}

/// NUL bytes in every other position of the first bytes, as in UTF-16
/// without a byte-order mark.
fn utf16_like(buf: &[u8]) -> bool {
    // In bounds: at most `buf.len()`.
    let head = &buf[..buf.len().min(64)];
    if head.len() < 4 {
        return false;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = head.len() / 2;
    (even * 10 >= half * 8 && odd * 10 <= half * 2)
        || (odd * 10 >= half * 8 && even * 10 <= half * 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Lines = Result<Vec<(usize, String)>, InputError>;

    fn lines_of(bytes: &[u8], lossy: bool) -> (Lines, Vec<InputWarning>) {
        let mut src = match LineSource::new(
            Box::new(io::Cursor::new(bytes.to_vec())),
            DecodeOptions {
                lossy,
                ..DecodeOptions::default()
            },
        ) {
            Ok(s) => s,
            Err(e) => return (Err(e), vec![]),
        };
        let mut out = Vec::new();
        loop {
            match src.next_line() {
                Ok(Some((n, s))) => out.push((n, s.into_owned())),
                Ok(None) => break,
                Err(e) => return (Err(e), src.warnings()),
            }
        }
        (Ok(out), src.warnings())
    }

    fn ok(bytes: &[u8]) -> Vec<(usize, String)> {
        lines_of(bytes, false).0.unwrap()
    }

    #[test]
    fn line_ends() {
        assert_eq!(ok(b""), vec![]);
        assert_eq!(ok(b"a"), vec![(1, "a".into())]);
        assert_eq!(ok(b"a\n"), vec![(1, "a".into())]);
        assert_eq!(
            ok(b"a\r\nb\rc\n\nd"),
            vec![
                (1, "a".into()),
                (2, "b".into()),
                (3, "c".into()),
                (4, "".into()),
                (5, "d".into())
            ]
        );
        assert_eq!(
            ok(b"a\r\r\nb"),
            vec![(1, "a".into()), (2, "".into()), (3, "b".into())]
        );
    }

    #[test]
    fn length_hint_sizes_the_buffer_only() {
        assert_eq!(read_buffer_len(None), READ_BUFFER);
        assert_eq!(read_buffer_len(Some(0)), MIN_READ_BUFFER);
        assert_eq!(read_buffer_len(Some(5000)), 5000);
        assert_eq!(read_buffer_len(Some(1 << 40)), READ_BUFFER);
        // A hint far below the real length (a file that grew) reads all
        // of it the same.
        let text: String = (0..300).map(|i| format!("line {i}\r\n")).collect();
        let mut src = LineSource::with_len_hint(
            Box::new(io::Cursor::new(text.clone().into_bytes())),
            DecodeOptions::default(),
            Some(3),
        )
        .unwrap();
        let mut got = vec![];
        while let Some((n, s)) = src.next_line().unwrap() {
            got.push((n, s.into_owned()));
        }
        assert_eq!(got, ok(text.as_bytes()));
        assert_eq!(got.len(), 300);
    }

    #[test]
    fn crlf_split_across_buffers() {
        // A `\r` as the last byte of one read and `\n` as the first of the
        // next must still be one line end.
        struct Drip(Vec<u8>, usize);
        impl Read for Drip {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                match self.0.get(self.1) {
                    Some(&b) if !buf.is_empty() => {
                        buf[0] = b;
                        self.1 += 1;
                        Ok(1)
                    }
                    _ => Ok(0),
                }
            }
        }
        let mut src = LineSource::new(
            Box::new(Drip(b"ab\r\ncd\r\n".to_vec(), 0)),
            DecodeOptions::default(),
        )
        .unwrap();
        let mut got = vec![];
        while let Some((n, s)) = src.next_line().unwrap() {
            got.push((n, s.into_owned()));
        }
        assert_eq!(got, vec![(1, "ab".into()), (2, "cd".into())]);
    }

    #[test]
    fn boms() {
        assert_eq!(ok(b"\xEF\xBB\xBFab\n"), vec![(1, "ab".into())]);
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("é\r\n😀".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(ok(&le), vec![(1, "é".into()), (2, "😀".into())]);
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("x\ny".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(ok(&be), vec![(1, "x".into()), (2, "y".into())]);
    }

    #[test]
    fn bad_utf16() {
        let bytes = [0xFF, 0xFE, b'a', 0, b'\n', 0, 0x00, 0xD8, b'b', 0];
        let (r, _) = lines_of(&bytes, false);
        let e = r.unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid UTF-16 at byte offset 6 (unpaired surrogate 0xD800); use --lossy to replace it"
        );
        assert_eq!(e.line(), 2);
        let (r, w) = lines_of(&bytes, true);
        assert_eq!(r.unwrap(), vec![(1, "a".into()), (2, "\u{FFFD}b".into())]);
        assert_eq!(w.len(), 1);
        let (r, _) = lines_of(&[0xFF, 0xFE, b'a', 0, b'b'], false);
        assert!(r.unwrap_err().to_string().contains("odd number of bytes"));
    }

    #[test]
    fn bad_utf8() {
        let (r, _) = lines_of(b"ok\nab\xFFcd\n", false);
        let e = r.unwrap_err();
        assert_eq!(e.line(), 2);
        assert!(
            e.to_string()
                .starts_with("invalid UTF-8 at byte offset 5 (byte 0xFF)")
        );
        let (r, w) = lines_of(b"ok\nab\xFFcd\xFE\n", true);
        assert_eq!(r.unwrap()[1].1, "ab\u{FFFD}cd\u{FFFD}");
        assert_eq!(
            w[0].to_string(),
            "2 invalid UTF-8 sequences replaced with U+FFFD, the first at byte offset 5"
        );
    }

    #[test]
    fn unicode_spaces_become_plain_spaces() {
        // No-break, thin, narrow no-break and ideographic spaces; curly
        // quotes and dashes (same lead bytes) stay; so do invalid bytes.
        let line =
            "Smith,\u{a0}J. (2019,\u{2009}March\u{202f}3). “A\u{3000}title” – p.\u{a0}3\u{2003}";
        assert_eq!(
            ok(line.as_bytes()),
            vec![(1, "Smith, J. (2019, March 3). “A title” – p. 3 ".into())]
        );
        let (r, _) = lines_of(b"a\xC2\xA0b\xFF", true);
        assert_eq!(r.unwrap(), vec![(1, "a b\u{FFFD}".into())]);
        assert_eq!(ok("’é—".as_bytes()), vec![(1, "’é—".into())]);
    }

    #[test]
    fn nul_and_controls() {
        let (r, _) = lines_of(b"a\x00b", false);
        assert!(matches!(
            r.unwrap_err(),
            InputError::Nul {
                offset: 1,
                utf16_like: false,
                ..
            }
        ));
        let (r, _) = lines_of(b"R\x00e\x00f\x00s\x00\n\x00", false);
        assert!(matches!(
            r.unwrap_err(),
            InputError::Nul {
                utf16_like: true,
                ..
            }
        ));
        let (r, w) = lines_of(b"R\x00e\x00f\x00", true);
        assert_eq!(r.unwrap(), vec![(1, "Ref".into())]);
        assert_eq!(w[0].to_string(), "3 NUL bytes dropped");
        let (r, w) = lines_of(b"a\x0bb\tc\x0cd\x7f", false);
        assert_eq!(r.unwrap(), vec![(1, "a b\tc\x0cd ".into())]);
        assert_eq!(
            w[0].to_string(),
            "2 control characters replaced with spaces, the first U+000B"
        );
    }

    #[test]
    fn io_messages() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(io_message(&e), "no such file or directory");
    }
}
