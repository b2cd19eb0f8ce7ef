//! The APA reader: text of an APA reference list in, [`Reference`]s out.
//!
//! The work is split by what is read:
//!
//! * [`segment`]: finding the references in a list (paragraphs, lines,
//!   hard-wrapped PDF text, numbered lists);
//! * [`normalize`]: cleaning one reference's text;
//! * [`names`], [`date`], [`ident`]: the nom grammars of author lists,
//!   date parentheses, DOIs and URLs;
//! * `parse` (the APA element order: authors, date, title, source),
//!   `title` (title, bracketed descriptions, parenthetical details) and
//!   `source` (journal, "In ... (Eds.)", publisher, conference), with
//!   `classify` choosing the item type.
//!
//! [`parse_reference`] never fails: what it cannot place is kept in the
//! record's note and reported as a [`Diagnostic`] naming the field and the
//! characters concerned.

/// True when `$hay` contains one of the fixed phrases, found by a
/// [`Phrases`] searcher built once (a `str::contains` per phrase builds
/// one on every call). `ci` compares in lower case, so the phrases must be
/// lower case: short ASCII text is lower-cased in a buffer on the stack,
/// other text into a `String`.
macro_rules! contains_any {
    (ci $hay:expr, [$($p:expr),+ $(,)?]) => {{
        use $crate::apa::lower::Lc as _;
        static PHRASES: std::sync::LazyLock<$crate::apa::Phrases> =
            std::sync::LazyLock::new(|| $crate::apa::Phrases::new(&[$($p),+]));
        let hay: &str = $hay;
        let mut buf = [0u8; 256];
        match $crate::apa::lower::ascii_lowercase_into(hay, &mut buf) {
            Some(b) => PHRASES.in_text(b),
            None => PHRASES.in_text(hay.lc().as_bytes()),
        }
    }};
    ($hay:expr, [$($p:expr),+ $(,)?]) => {{
        static PHRASES: std::sync::LazyLock<$crate::apa::Phrases> =
            std::sync::LazyLock::new(|| $crate::apa::Phrases::new(&[$($p),+]));
        let hay: &str = $hay;
        PHRASES.in_text(hay.as_bytes())
    }};
}

/// Fixed phrases to look for in texts ([`contains_any!`]). One phrase is
/// looked for by memchr's SIMD `memmem`; several together, in one pass,
/// by aho-corasick's packed (SIMD "Teddy") searcher, where a `memmem`
/// search for each would pass over the text once per phrase.
pub(crate) struct Phrases {
    /// The searcher of all the phrases, when there are several.
    together: Option<aho_corasick::packed::Searcher>,
    /// One searcher per phrase, when `together` is `None`.
    each: Vec<memchr::memmem::Finder<'static>>,
    /// The phrases, by index.
    phrases: Vec<&'static [u8]>,
}

impl Phrases {
    /// The searchers for `phrases`.
    pub(crate) fn new(phrases: &[&'static str]) -> Phrases {
        let together = if phrases.len() > 1 {
            aho_corasick::packed::Searcher::new(phrases.iter())
        } else {
            None
        };
        let each = match together {
            Some(_) => Vec::new(),
            None => phrases
                .iter()
                .map(|&p| memchr::memmem::Finder::new(p))
                .collect(),
        };
        let phrases = phrases.iter().map(|p| p.as_bytes()).collect();
        Phrases {
            together,
            each,
            phrases,
        }
    }

    /// True when `hay` contains one of the phrases.
    pub(crate) fn in_text(&self, hay: &[u8]) -> bool {
        match &self.together {
            Some(s) => s.find(hay).is_some(),
            None => self.each.iter().any(|f| f.find(hay).is_some()),
        }
    }

    /// Calls `f` with each occurrence of a phrase in `hay`, overlapping
    /// ones too (as an Aho-Corasick automaton's overlapping search finds
    /// them), as its start and the phrase's index, by start, until `f`
    /// says true; true when it did.
    ///
    /// The packed searcher finds the next start of a phrase; the phrases
    /// that start there are then compared one by one. (Texts rarely hold
    /// one, and an automaton of the phrases took ten times as long to
    /// build as this searcher, on every run.)
    pub(crate) fn any_occurrence(
        &self,
        hay: &[u8],
        mut f: impl FnMut(usize, usize) -> bool,
    ) -> bool {
        let starts_at = |i: usize, p: &[u8]| hay.get(i..).is_some_and(|t| t.starts_with(p));
        let mut from = 0;
        while from < hay.len() {
            let next = match &self.together {
                Some(s) => s
                    .find_in(hay, aho_corasick::Span::from(from..hay.len()))
                    .map(|m| m.start()),
                None => (from..hay.len()).find(|&i| self.phrases.iter().any(|p| starts_at(i, p))),
            };
            let Some(start) = next else {
                return false;
            };
            for (k, p) in self.phrases.iter().enumerate() {
                if starts_at(start, p) && f(start, k) {
                    return true;
                }
            }
            from = start + 1;
        }
        false
    }
}

pub mod columns;
pub mod date;
pub mod ident;
pub mod lexicon;
pub mod markup;
pub mod names;
pub mod normalize;
pub mod scan;
pub mod segment;

mod classify;
mod legal;
pub(crate) mod lower;
mod parse;
#[cfg(test)]
mod phrase_texts;
pub use parse::is_connector;
mod source;
mod title;
mod vancouver;
pub(crate) use title::edition_of;

use crate::diag::Diagnostic;
use crate::model::{Field, Reference};
use serde::Serialize;

/// Which characters of the reference became which field (for `--explain`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldSpan {
    /// The field.
    pub field: Field,
    /// Start byte offset in the normalised reference text.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// One parsed reference.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The record.
    pub reference: Reference,
    /// What could not be read (empty when the reference was fully read).
    pub diagnostics: Vec<Diagnostic>,
    /// Field spans in `reference.raw`.
    pub spans: Vec<FieldSpan>,
}

impl Parsed {
    /// A record with nothing in it, for [`parse_segment_into`].
    pub fn empty() -> Parsed {
        Parsed {
            reference: Reference::default(),
            diagnostics: Vec::new(),
            spans: Vec::new(),
        }
    }
}

/// Parses the text of one APA reference. `line` and `end_line` are where
/// it was in its input (for diagnostics); pass 0 when unknown.
pub fn parse_reference(text: &str, line: usize, end_line: usize) -> Parsed {
    parse::parse(text, line, end_line, end_line > line, &[])
}

/// Parses one reference as [`segment`] found it, knowing whether its text
/// was hard-wrapped.
pub fn parse_segment(s: &segment::Segment) -> Parsed {
    let mut p = parse::parse(&s.text, s.line, s.end_line, s.wrapped, &s.joins);
    if let Some(a) = &s.annotation {
        p.reference.push_note(a);
    }
    p
}

/// Where the segment `s` was in its list.
fn place(s: &segment::Segment) -> parse::Place<'_> {
    parse::Place {
        line: s.line,
        end_line: s.end_line,
        wrapped: s.wrapped,
        joins: &s.joins,
    }
}

/// [`parse_segment`] into `parsed`, which must be empty
/// ([`Parsed::empty`]): the record is filled where the caller keeps it,
/// not moved there.
pub fn parse_segment_into(s: &segment::Segment, parsed: &mut Parsed) {
    parse::parse_into(&s.text, &place(s), parsed);
    add_annotation(s, parsed);
}

/// [`parse_segment_into`], taking the segment's text for the record's raw
/// text when normalising keeps it as it is (most references): then it is
/// not copied, and `s.text` is left empty.
pub fn parse_segment_taking(s: &mut segment::Segment, parsed: &mut Parsed) {
    // (The text is taken out for the call, which borrows the rest of the
    // segment, and put back: empty when the record took it.)
    let mut text = std::mem::take(&mut s.text);
    parse::parse_into_taking(&mut text, &place(s), parsed);
    s.text = text;
    add_annotation(s, parsed);
}

/// An annotated bibliography's annotation is kept in the note.
fn add_annotation(s: &segment::Segment, parsed: &mut Parsed) {
    if let Some(a) = &s.annotation {
        parsed.reference.push_note(a);
    }
}

/// Segments `text` and parses every reference, in input order.
pub fn parse_list(text: &str) -> Vec<Parsed> {
    segment::segment(text)
        .into_iter()
        .map(|s| parse_segment(&s))
        .collect()
}
