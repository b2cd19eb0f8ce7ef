//! Segmenting a reference list into references.
//!
//! Handles the layouts people paste: one reference per paragraph (blank
//! lines between), one per line, and hard-wrapped text as it comes out of
//! a PDF or Word (continuation lines, hanging indents, page numbers, form
//! feeds), numbered or bulleted lists, and a "References" heading.
//!
//! Works as a stream: [`Segmenter::push_line`] takes one line at a time and
//! hands back each reference once its last line has been seen, so memory
//! stays flat on any input size. The layout is decided from a sample of
//! the first lines ([`Layout::detect`]).

use super::ident;
use super::lower::Lc;
use super::scan;
use super::scan::FastTrim as _;
use std::collections::HashSet;

/// One reference as found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The reference's lines joined into one line.
    pub text: String,
    /// First line (1-based).
    pub line: usize,
    /// Last line (1-based, inclusive).
    pub end_line: usize,
    /// The text was hard-wrapped (it spanned lines, or the input is
    /// wrapped text as out of a PDF): a line break, and a hyphen at one,
    /// may have been taken out of it.
    pub wrapped: bool,
    /// Where pdftotext may have joined two lines after dropping a hyphen:
    /// the text around the usual line end of each line much longer than
    /// the others (see [`Layout::join_window`]).
    pub joins: Vec<String>,
    /// The paragraphs of prose that followed the reference, as an
    /// annotated bibliography gives them (see [`is_annotation`]).
    pub annotation: Option<String>,
}

/// How references are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Blank lines separate references; lines within are wrapped text.
    Paragraphs,
    /// Every non-blank line is one reference.
    OnePerLine,
    /// Hard-wrapped text without blank lines between references.
    Wrapped,
}

/// What [`Layout::detect`] found out about an input.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The layout.
    pub mode: Mode,
    /// References carry list markers (`1.`, `[1]`, `•`).
    pub numbered: bool,
    /// Typical length of a full (justified) line, in characters (the
    /// 90th percentile).
    pub width: usize,
    /// The median line length, in characters.
    pub median: usize,
    /// Hardly a line of the sample ends with a hyphen after a letter: the
    /// extractor joined hyphenated words, as pdftotext does by default.
    pub dehyphenated: bool,
    /// At least one line in a hundred holds several words and is much
    /// longer than the others: lines were joined (pdftotext), not wrapped
    /// (text wrapped at a width overruns it only with one long word).
    pub joins_seen: bool,
    /// Continuation lines are indented (hanging indent).
    pub hanging_indent: bool,
    /// Every line starts with its number, counting up (a manuscript's or
    /// preprint's line numbers: "412 Baumeister, R. F., …" / "413
    /// attachments as …"): the numbers go.
    pub line_numbers: bool,
    /// Words of the sample, lower-cased, for de-hyphenation decisions.
    vocabulary: HashSet<String>,
}

/// The line's number and the rest of it: "412 attachments as" → (412,
/// "attachments as").
fn line_number(l: &str) -> Option<(u32, &str)> {
    let t = l.fast_trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 5 {
        return None;
    }
    // Char boundary: `digits` ASCII digits.
    let (n, rest) = t.split_at(digits);
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((n.parse().ok()?, rest.fast_trim_start()))
}

/// True when nearly every line of `lines` starts with a number one more
/// than the line before's.
fn has_line_numbers(lines: &[&str]) -> bool {
    let nums: Vec<Option<u32>> = lines
        .iter()
        .filter(|l| !l.fast_trim().is_empty())
        .map(|l| line_number(l).map(|(n, _)| n))
        .collect();
    if nums.len() < 5 {
        return false;
    }
    let counting = nums
        .windows(2)
        .filter(|w| matches!(w, [Some(a), Some(b)] if *b == a + 1))
        .count();
    counting * 10 >= (nums.len() - 1) * 8
}

impl Default for Layout {
    fn default() -> Layout {
        Layout {
            mode: Mode::Paragraphs,
            numbered: false,
            width: 0,
            median: 0,
            dehyphenated: false,
            joins_seen: false,
            hanging_indent: false,
            line_numbers: false,
            vocabulary: HashSet::new(),
        }
    }
}

impl Layout {
    /// For a line of hard-wrapped, justified text much longer than the
    /// others: the text around where its first part would have ended (from
    /// four characters past the median line length to the 90th
    /// percentile). pdftotext drops a hyphen at a line end and joins the
    /// next line on (text with no line ending in a hyphen shows it), so a
    /// link that spans this text may have lost one
    /// ("…/news/magazine-" / "15335899" → "magazine15335899").
    pub fn join_window<'l>(&self, line: &'l str) -> Option<&'l str> {
        if self.mode != Mode::Wrapped
            || !self.dehyphenated
            || self.median < 40
            || self.width * 4 > self.median * 5
            || line.len() <= self.width + 3
        {
            return None;
        }
        let chars = line.chars().count();
        if chars <= self.width + 3 {
            return None;
        }
        // One word alone on its line, longer than the others, is what any
        // wrapper does with a word it cannot break (a long link in text
        // wrapped at 70 or 100 columns); it is a join only in text where
        // lines of several words were joined too.
        if !self.joins_seen && !line.fast_trim().contains(char::is_whitespace) {
            return None;
        }
        let lo = self.median + 4;
        let hi = self.width;
        if hi < lo + 4 {
            return None;
        }
        let at = |n: usize| line.char_indices().nth(n).map_or(line.len(), |(i, _)| i);
        line.get(at(lo)..at(hi))
    }
}

/// A list marker at the start of a line: `1.`, `12)`, `[3]`, `•`, `-`.
/// Returns the byte length of the marker and its spaces.
pub fn list_marker(line: &str) -> Option<usize> {
    let t = line.fast_trim_start();
    let lead = line.len() - t.len();
    let mut chars = t.char_indices();
    let (_, first) = chars.next()?;
    if matches!(
        first,
        '•' | '·' | '▪' | '◦' | '●' | '○' | '■' | '□' | '►' | '*'
    ) {
        let rest = chars.as_str();
        let after = rest.fast_trim_start();
        return (rest.len() != after.len() || rest.is_empty())
            .then(|| lead + t.len() - after.len());
    }
    // A Markdown or typed list: "- Smith, J. (2020)", "– Smith, J.". Only
    // before what starts like a reference: in wrapped text a dash may
    // start a line inside a title ("A Holy Grail" / "— The Prediction").
    if matches!(first, '-' | '–' | '+') {
        let rest = chars.as_str();
        let after = rest.fast_trim_start();
        return (rest.len() != after.len() && starts_like_reference(after))
            .then(|| lead + t.len() - after.len());
    }
    if first == '[' {
        let (inner, rest) = t.strip_prefix('[')?.split_once(']')?;
        if !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_digit()) {
            // "[1]. Smith": a period after the bracket too.
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            let after = rest.fast_trim_start();
            return Some(lead + t.len() - after.len());
        }
        return None;
    }
    if first.is_ascii_digit() {
        let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
        if t.len() - rest.len() > 4 {
            return None;
        }
        let rest = rest.strip_prefix(['.', ')'])?;
        let after = rest.fast_trim_start();
        if after.len() == rest.len() {
            return None;
        }
        return Some(lead + t.len() - after.len());
    }
    None
}

/// A publisher's or repository's line printed on every page of a PDF, which
/// copying the text puts among the references: "Downloaded from
/// https://academic.oup.com/… by guest on 27 November 2026", APA
/// PsycNet's "This document is copyrighted by the American Psychological
/// Association…", "© 2020 The Authors…", "Electronic copy available at:
/// https://ssrn.com/…", "Author Manuscript", "Accepted Article". No
/// reference starts so.
pub fn is_boilerplate(line: &str) -> bool {
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}');
    let Some(first) = t.chars().next() else {
        return false;
    };
    if !matches!(
        first,
        'D' | 'T' | '©' | 'C' | 'A' | 'E' | 'N' | 'F' | 'P' | 'd'
    ) {
        return false;
    }
    if first == '©' {
        return true;
    }
    let starts = |p: &str| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    // Only the phrases that start with the line's first letter are asked
    // (most lines are references, and many of them start with one of
    // these letters): each phrase's first letter, ignoring case as
    // `starts` does, is the arm's. ('P' has none.)
    match first.to_ascii_lowercase() {
        'd' => {
            (starts("downloaded from ") || starts("downloaded by "))
                && (contains_any!(t, ["http", "www."]) || contains_any!(t, [" on ", " at "]))
        }
        't' => {
            starts("this document is copyrighted by")
                || starts("this article is intended solely for the personal use")
                || starts("this article is protected by copyright")
        }
        'c' => starts("copyright ©") || starts("copyright (c)"),
        'e' => starts("electronic copy available at"),
        'a' => {
            starts("access provided by")
                || matches!(
                    t,
                    "Author Manuscript" | "Accepted Article" | "Accepted Manuscript"
                )
        }
        'f' => starts("for personal use only"),
        'n' => t == "NIH-PA Author Manuscript",
        _ => false,
    }
}

/// A running head in capitals on a line of its own, as pdftotext gives a
/// publisher's page header: "SMITH ET AL.", "16 SMITH AND JONES",
/// "EMOTION REGULATION IN ADOLESCENCE 14", "JOURNAL OF ADOLESCENCE 82
/// (2020) 1–12". `Some(true)` when it is certainly one (a page number at
/// an end, or "ET AL."); `Some(false)` when only its capitals say so (it
/// could be a line of a title in capitals: the caller looks at the line
/// before).
fn caps_running_head(line: &str) -> Option<bool> {
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}');
    if t.len() < 4 || t.len() > 90 || t.chars().any(char::is_lowercase) {
        return None;
    }
    if t.chars().filter(|c| c.is_alphabetic()).count() < 4 || t.contains("). ") {
        return None;
    }
    // Mostly letters: not a piece of a DOI ("1521 - 3773(20000103 ) 39 :
    // 1<165 :: AID ANIE165>"), not a source element ("MICROBIOLOGY, 76
    // (3), 744–750").
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let others = t
        .chars()
        .filter(|c| !c.is_alphabetic() && *c != ' ')
        .count();
    if letters < others || t.contains(',') {
        return None;
    }
    // A page number, or a journal header's page range ("1–12").
    let page = |w: &str| {
        let mut parts = w.split(['–', '-']);
        let num = |p: Option<&str>| {
            p.is_some_and(|p| {
                !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit())
            })
        };
        let (a, b, c) = (parts.next(), parts.next(), parts.next());
        num(a) && (b.is_none() || num(b)) && c.is_none()
    };
    let words: Vec<&str> = t.split_whitespace().collect();
    // A piece of a link or DOI ("JBJS.16.01250", "FRAD033_IR_11AV") is one
    // word; a head has two at least, of letters.
    if words.len() < 2 || t.contains(['/', '_', '%', '=']) {
        return None;
    }
    let numbered = words.len() >= 2
        && (words.first().is_some_and(|w| page(w)) || words.last().is_some_and(|w| page(w)));
    let et_al = t.contains("ET AL");
    if t.ends_with('.') && !t.ends_with("ET AL.") {
        return None;
    }
    Some(numbered || et_al)
}

/// A page header or footer copied with the text: a page number and an
/// upper-case running head set apart by a wide gap, in either order
/// ("WORKING MEMORY AND AGING          24", "24          SMITH ET AL.").
fn is_running_head(line: &str) -> bool {
    // A line with printable ASCII at both ends trims to itself (the test
    // for most lines of a list, without the char walks).
    if line.len() > 160 && graphic_ends(line) {
        return false;
    }
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}');
    if t.len() > 160 || !contains_any!(t, ["   "]) {
        return false;
    }
    let pieces: Vec<&str> = t
        .split("   ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let head = |p: &str| {
        p.len() <= 80
            && p.chars().any(char::is_alphabetic)
            && !p.chars().any(char::is_lowercase)
            && !p.chars().any(|c| c.is_ascii_digit())
    };
    match pieces.as_slice() {
        [a, b] => is_page_number(a) && head(b) || head(a) && is_page_number(b),
        _ => false,
    }
}

/// The link labels journal web pages print after each reference
/// ("[Crossref] [PubMed] [Web of Science ®], [Google Scholar]"). A label
/// that ends with another ("view in scopus", "scopus") comes before it.
const LINK_LABELS: &[&str] = &[
    // (Before "google scholar": the longest label first.)
    "search in google scholar",
    "google scholar",
    "crossref",
    "pubmed central",
    "pubmed abstract",
    "pubmed/ncbi",
    "pubmed",
    "pmc free article",
    "web of science",
    "view in scopus",
    "scopus",
    "medline",
    "isi",
    "cas",
    "free full text",
    "full text",
    "view article",
    "find this article online",
    // Oxford Handbooks Online: "Find this resource:" over "Google
    // Scholar" and "WorldCat".
    "find this resource:",
    "math reviews",
    "mathscinet",
    "zentralblatt math",
    "worldcat",
    "taylor & francis online",
    "jstor",
    "psycinfo",
    "apa psycnet",
    "europe pmc",
    "semantic scholar",
];

/// Labels that count only on a line with a label of [`LINK_LABELS`]
/// ("Article  CAS  PubMed  Google Scholar", as Springer prints them): on
/// their own they may be a wrapped piece of a reference.
const WEAK_LINK_LABELS: &[&str] = &["article", "math", "ads", "view pdf"];

/// Labels that count only in brackets, as PubMed Central prints them
/// after a reference ("[DOI] [PubMed] [Google Scholar]"): bare, "DOI" may
/// be a piece of the reference, wrapped before its number.
const BRACKET_LINK_LABELS: &[&str] = &["doi", "free article"];

/// Strips the link labels at the end of `line`; `None` when nothing of the
/// reference is left (the line is labels only). Bracketed labels are
/// stripped from a reference's end; bare ones ("Google Scholar") only when
/// the whole line is labels, since "Article" or "Abstract" may end a title.
fn strip_link_labels(line: &str) -> Option<&str> {
    let seps = LABEL_SEPS;
    // Most lines end with neither a bracket nor a label: a line of bare
    // labels is short.
    // (A web page's footnote return arrow ends the line first: "… ↩".)
    let mut end = line.fast_trim_end();
    // (↩ is E2 86 A9: its last byte first.)
    if end.as_bytes().last() == Some(&0xA9) {
        end = end.trim_end_matches('↩').fast_trim_end();
    }
    if end.ends_with('.')
        || end.len() > 60 && !end.ends_with([']', ',', ';', '|', '®']) && !ends_with_label_word(end)
    {
        return Some(end);
    }
    let mut keep = end;
    let mut t = keep;
    let mut strong = false;
    loop {
        t = t.trim_end_matches(seps);
        if t.is_empty() {
            return if strong { None } else { Some(keep) };
        }
        if let Some(x) = t.strip_suffix(']')
            && let Some(i) = x.rfind('[')
        {
            // Char boundary: `i` is the offset of an ASCII '['.
            let label = x[i + 1..].fast_trim().trim_end_matches(seps).lc();
            if LINK_LABELS.contains(&label.as_str())
                || BRACKET_LINK_LABELS.contains(&label.as_str())
            {
                t = &x[..i];
                keep = t.trim_end_matches(seps);
                strong = true;
                continue;
            }
            break;
        }
        match bare_label_at_end(t) {
            Some((head, is_strong)) => {
                t = head;
                strong |= is_strong;
            }
            None => break,
        }
    }
    // Bare labels after the reference's link or closing period, as
    // Springer's pages print them on the reference's line ("…
    // https://doi.org/10.1001/x Article PubMed Google Scholar", "…, 1–20.
    // Article Google Scholar"): no title ends in a link, and no element
    // after a closing period is a run of labels.
    let t = t.trim_end_matches(seps);
    if strong
        && t.len() < keep.len()
        && (t.ends_with('.') || t.rsplit(' ').next().is_some_and(is_link_word))
    {
        return Some(t);
    }
    Some(keep)
}

/// The line's last word is the last word of a link label (a cheap test
/// before [`bare_label_at_end`], for a long line: most end otherwise).
fn ends_with_label_word(t: &str) -> bool {
    let b = t.as_bytes();
    if !b
        .last()
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b':')
    {
        return false;
    }
    let start = memchr::memrchr(b' ', b).map_or(0, |i| i + 1);
    // In bounds: `start <= b.len()`.
    let w = &b[start..];
    let mut buf = [0u8; 10];
    let Some(l) = buf.get_mut(..w.len()) else {
        return false;
    };
    l.copy_from_slice(w);
    l.make_ascii_lowercase();
    // (A glued run ends with the last label's word: "…PubMedGoogle Scholar".)
    matches!(
        &*l,
        b"scholar"
            | b"crossref"
            | b"central"
            | b"abstract"
            | b"pubmed"
            | b"science"
            | b"scopus"
            | b"medline"
            | b"isi"
            | b"cas"
            | b"text"
            | b"article"
            | b"online"
            | b"resource:"
            | b"reviews"
            | b"mathscinet"
            | b"math"
            | b"worldcat"
            | b"jstor"
            | b"psycinfo"
            | b"psycnet"
            | b"pmc"
            | b"ads"
            | b"pdf"
    )
}

/// The separators around link labels.
const LABEL_SEPS: &[char] = &[',', ' ', '|', '®', '\u{a0}', ';'];

/// A bare label of [`LINK_LABELS`] or [`WEAK_LINK_LABELS`] that ends `t`
/// (in any case) at a word's start: the text before it, and whether the
/// label is a strong one (of [`LINK_LABELS`]).
/// (Only the labels whose last letter is `t`'s are compared: the labels
/// are ASCII in lower case.)
fn bare_label_at_end(t: &str) -> Option<(&str, bool)> {
    let last = t.as_bytes().last()?.to_ascii_lowercase();
    LINK_LABELS
        .iter()
        .chain(WEAK_LINK_LABELS)
        .filter(|l| l.as_bytes().last() == Some(&last))
        .find_map(|l| bare_label_is(t, l))
}

/// [`bare_label_at_end`] comparing every label.
#[cfg(test)]
fn bare_label_at_end_reference(t: &str) -> Option<(&str, bool)> {
    LINK_LABELS
        .iter()
        .chain(WEAK_LINK_LABELS)
        .find_map(|l| bare_label_is(t, l))
}

/// `t` ends with the bare label `l` at a word's start: the text before it,
/// and whether `l` is a strong label.
fn bare_label_is<'t>(t: &'t str, l: &str) -> Option<(&'t str, bool)> {
    let head = t.len().checked_sub(l.len())?;
    let tail = t.get(head..)?;
    // Labels may be glued together, as a journal page's links are when
    // copied ("CrossrefPubMedWeb of Science®Google Scholar"): a label that
    // starts with a capital after a letter starts a word too. (Bare labels
    // count only when the whole line is labels.)
    let at_word = t.get(..head).is_some_and(|h| {
        h.is_empty()
            || h.ends_with(LABEL_SEPS)
            || h.ends_with(']')
            || h.ends_with(|c: char| c.is_alphabetic())
                && tail.starts_with(|c: char| c.is_uppercase())
    });
    (tail.eq_ignore_ascii_case(l) && at_word)
        .then(|| Some((t.get(..head)?, LINK_LABELS.contains(&l))))
        .flatten()
}

/// True for a heading line such as "References" or "Bibliography", or
/// one of the sections a paper puts after its references ("Appendix A",
/// "Table 1", "Footnotes"): each ends the reference before it and is not
/// part of any.
pub fn is_heading(line: &str) -> bool {
    if line.len() > 40 {
        // (Cheap test first: most lines do not start with "Note".)
        return line
            .as_bytes()
            .first()
            .is_some_and(|b| matches!(b, b'N' | b'*' | b'_' | b' '))
            && is_asterisk_note(line);
    }
    // (A Markdown heading: "## References", "**References**".)
    let t = scan::trim(line)
        .trim_start_matches('#')
        .trim_matches(['*', '_'])
        .trim_end_matches(':')
        .fast_trim()
        .lc();
    // A numbered section: "7. References", "VI. REFERENCES", "8 References".
    let numbered = t
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_digit() || b"ivxlc".contains(b));
    let unnumbered = numbered
        .then(|| t.split_once(' '))
        .flatten()
        .and_then(|(num, rest)| {
            let num = num.strip_suffix('.').unwrap_or(num);
            let arabic = !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit() || b == b'.');
            let roman =
                !num.is_empty() && num.len() <= 5 && num.bytes().all(|b| b"ivxlc".contains(&b));
            (arabic || roman).then(|| rest.fast_trim())
        });
    heading_name(&t) || unnumbered.is_some_and(heading_name) || numbered_section(&t)
}

/// The name of a heading before or after a list of references, lower-cased.
fn heading_name(t: &str) -> bool {
    matches!(
        t,
        "references"
            | "reference list"
            | "reference"
            | "bibliography"
            | "works cited"
            | "literature cited"
            | "literature"
            | "literatur"
            | "literaturverzeichnis"
            | "références"
            | "références bibliographiques"
            | "referencias"
            | "referências"
            | "bibliografía"
            | "bibliografia"
            | "sources"
            | "cited references"
            | "list of references"
            | "annotated bibliography"
            | "works consulted"
            | "further reading"
            | "appendix"
            | "appendices"
            | "tables"
            | "figures"
            | "figure captions"
            | "footnotes"
            | "endnotes"
            | "author note"
            | "acknowledgments"
            | "acknowledgements"
            | "supplementary material"
            | "supplementary materials"
            | "supplemental material"
            | "supplemental materials"
            | "supporting information"
    )
}

/// "Appendix A", "Appendix 2", "Table 1", "Figure 3" alone on a line.
/// The note a meta-analysis puts before its references: "Note.
/// References marked with an asterisk indicate studies included in the
/// meta-analysis." (APA 7, 9.52).
fn is_asterisk_note(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\t', '*', '_']);
    (t.starts_with("Note.") || t.starts_with("Note:"))
        && line.len() <= 300
        && line.contains("asterisk")
}

fn numbered_section(t: &str) -> bool {
    let Some((head, tag)) = t.split_once(' ') else {
        return false;
    };
    matches!(head, "appendix" | "table" | "figure")
        && (1..=3).contains(&tag.len())
        && (tag.chars().all(|c| c.is_ascii_digit())
            || head == "appendix" && tag.len() == 1 && tag.chars().all(|c| c.is_ascii_alphabetic()))
}

/// A paragraph of prose about the reference before it, as an annotated
/// bibliography writes one: it does not start like a reference, holds no
/// date in parentheses ("(2019)", "(n.d.)") and no link, runs to twenty
/// words or more and ends a sentence, and its first sentence has six words
/// or more (a reference's first element is its authors or its title,
/// ended by a period: "Report one. 2019. Title."). A paragraph after the
/// first of an annotation (`more`) needs ten words only.
pub fn is_annotation(text: &str, more: bool) -> bool {
    let t = scan::trim(text);
    let words = if more { 10 } else { 20 };
    // (Cheap tests first: most references end with a link, or have their
    // date near their start.)
    if t.len() < words * 4 || !t.ends_with(['.', '!', '?', ')', '"', '”']) {
        return false;
    }
    // A date element: "(2019).", "(2019, May 3).", "(n.d.).", "(in
    // press)." (prose cites with the date inside a sentence: "Smith
    // (2019) found").
    let b = t.as_bytes();
    let dated = memchr::memchr_iter(b'(', b).any(|i| {
        let r = b.get(i + 1..).unwrap_or_default();
        let date = r.len() >= 5 && r.iter().take(4).all(u8::is_ascii_digit)
            || r.get(..3).is_some_and(|w| w.eq_ignore_ascii_case(b"n.d"))
            || r.get(..8)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"in press"));
        date && r
            .iter()
            .take(40)
            .position(|&c| c == b')')
            .is_some_and(|k| r.get(k + 1).is_none_or(|&c| c == b'.'))
    });
    if dated {
        return false;
    }
    let first_sentence = scan::find_short(t, ". ").map_or(t, |i| t.get(..i).unwrap_or(t));
    first_sentence.split_whitespace().nth(5).is_some()
        && t.split_whitespace().nth(words - 1).is_some()
        && !contains_any!(ci t, ["http", "doi", "www."])
        && !starts_like_reference(t)
}

/// True for a line that is only a page number ("12", "Page 12", "12 of 30").
pub fn is_page_number(line: &str) -> bool {
    // As in `is_running_head`: most lines are too long whatever the trim.
    if line.len() > 16 && graphic_ends(line) {
        return false;
    }
    let t = scan::trim(line).trim_matches('\u{c}').fast_trim();
    if t.is_empty() || t.len() > 16 {
        return false;
    }
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .or_else(|| t.strip_prefix("p. "))
        .unwrap_or(t);
    let mut parts = t.split(" of ");
    let a = parts.next().unwrap_or("");
    let b = parts.next();
    // (No page number starts with a zero: "08" on a line of its own is
    // the rest of a link, "…/dissertations/5" / "08".)
    let num = |s: &str| {
        !s.is_empty()
            && s.len() <= 4
            && s.chars().all(|c| c.is_ascii_digit())
            && !(s.len() > 1 && s.starts_with('0'))
    };
    (num(a) && b.is_none_or(num))
        || (!t.is_empty() && t.len() <= 6 && t.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')))
}

/// The line ends inside a link, at a character no link ends with but a
/// line break in one comes after ("https://scipost.org/SciPost.Report." /
/// "10", "https://doi.org/10.3765/plsa.v4i1." / "4468"): a number on the
/// next line is the rest of it, not a page number.
fn link_goes_on(line: &str) -> bool {
    let t = line.fast_trim_end();
    // Past the host: a page number can follow "https://www." at a page
    // end, and a link's host is seldom broken.
    if !t.ends_with(['.', '-', '_', '=', '?', '&']) || t.ends_with("..") || !ends_in_url(t) {
        return false;
    }
    // The link, perhaps spaced out ("https : / / hdl . handle.net/1834/").
    let start = [t.rfind("http"), t.rfind("www."), t.rfind("doi")]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
    // Char boundary: `start` is where an ASCII word found by `rfind` starts.
    let link: String = t[start..].split_whitespace().collect();
    let path = link
        .split_once("//")
        .map_or(link.as_str(), |(_, rest)| rest);
    path.contains('/')
}

/// The first and last bytes of `s` are printable ASCII (0x21–0x7E): no
/// whitespace or form feed to trim at either end.
fn graphic_ends(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_some_and(u8::is_ascii_graphic) && b.last().is_some_and(u8::is_ascii_graphic)
}

fn first_word(s: &str) -> &str {
    scan::first_word(s)
}

/// A capitalised family name followed by a comma and an initial, at the
/// start of a line: "Glue, P.", "van Maris, A. J.", "Anderson-Fahey, B.".
fn author_start(l: &str) -> bool {
    let mut rest = l;
    // Up to three lower-case particles.
    // `l` and `rest` are trimmed at the start, so their first word runs to
    // the first whitespace.
    for _ in 0..3 {
        // (A word that starts with an ASCII byte other than a lower-case
        // letter is no particle: most lines start so, without the search
        // for the word's end.)
        if rest
            .as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_lowercase())
        {
            break;
        }
        let (w, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        if !w.is_empty() && w.chars().all(|c| c.is_lowercase()) && super::lexicon::is_particle(w) {
            rest = after.fast_trim_start();
        } else {
            break;
        }
    }
    // An elided particle: "d’Alançon, F.", "l'Anson, B.".
    for p in ["d’", "d'", "l’", "l'", "D’", "D'", "O’", "O'"] {
        if let Some(r) = rest.strip_prefix(p) {
            rest = r;
            break;
        }
    }
    // A family name has at most 60 bytes: the comma after it is looked
    // for in the first 61 (a line without one there has none in time).
    let head = rest.as_bytes().get(..61).unwrap_or(rest.as_bytes());
    let Some(comma) = memchr::memchr(b',', head) else {
        return false;
    };
    // Char boundary: `comma` is the offset of an ASCII ','.
    let (fam, after) = (&rest[..comma], &rest[comma + 1..]);
    if fam.is_empty() {
        return false;
    }
    let ok_fam = if fam.is_ascii() {
        family_name_ascii(fam.as_bytes())
    } else {
        family_name_by_chars(fam)
    };
    if !ok_fam {
        return false;
    }
    let after = after.fast_trim_start();
    let mut cs = after.chars();
    let a = cs.next();
    let b = cs.next();
    let c = cs.next();
    match (a, b, c) {
        (Some(a), Some('.'), _) if scan::is_letter(a) && !a.is_lowercase() => true,
        (Some(a), Some(b), Some('.')) if a.is_uppercase() && b.is_lowercase() => true,
        (Some(a), Some('-'), _) if a.is_uppercase() => true,
        _ => false,
    }
}

/// True when `fam`, the text before [`author_start`]'s comma, is a family
/// name: a capital first, letters (with spaces, hyphens, apostrophes,
/// periods) and four words at most, none of them an initial (not "In M.
/// R. Marlo, N. B. Adams, …").
fn family_name_by_chars(fam: &str) -> bool {
    let ok_fam = fam
        .chars()
        .next()
        .is_some_and(|c| scan::is_letter(c) && !c.is_lowercase())
        && scan::word_count(fam) <= 4
        // (With combining accents too: PDF text may decompose a letter,
        // "Hancke\u{301}, B.", as the parser composes it only later.)
        && fam.chars().all(|c| {
            scan::is_letter(c)
                || matches!(c, ' ' | '-' | '\'' | '’' | '‐' | '.' | '\u{300}'..='\u{36F}')
        });
    ok_fam && !fam.split_whitespace().any(|w| is_initial(w, false))
}

/// [`family_name_by_chars`] for ASCII text, on its bytes: a letter is an
/// ASCII letter there, and the only whitespace allowed is the space.
fn family_name_ascii(fam: &[u8]) -> bool {
    if !fam.first().is_some_and(u8::is_ascii_uppercase)
        || !fam
            .iter()
            .all(|&c| c.is_ascii_alphabetic() || matches!(c, b' ' | b'-' | b'\'' | b'.'))
    {
        return false;
    }
    // An initial: parts of a capital and a period, joined by hyphens.
    let initial = |w: &[u8]| {
        w.split(|&c| c == b'-')
            .all(|part| matches!(part, [c, b'.'] if c.is_ascii_uppercase()))
    };
    let mut words = fam.split(|&c| c == b' ').filter(|w| !w.is_empty());
    words.by_ref().take(4).all(|w| !initial(w)) && words.next().is_none()
}

/// A date parenthesis near the start of a line, after a period:
/// "... P. (2019)." / "Title. (n.d.)." / "Org. (2019, March 3)."
fn early_date(l: &str) -> bool {
    date_group_start(l).is_some()
}

/// Where the date group "(2019)." of a reference starts, within its first
/// 400 bytes.
fn date_group_start(l: &str) -> Option<usize> {
    let limit = l.len().min(400);
    // Char boundary: `floor_char_boundary` gives one; `search` and `at + 1`
    // are just after an ASCII '(' and `close + 1` just after an ASCII ')'
    // (or past the end, which `min` catches).
    let head = &l[..floor_char_boundary(l, limit)];
    let mut search = 0;
    // (memchr: a line is long, and the char searcher costs a call
    // anyway.)
    while let Some(p) = head
        .as_bytes()
        .get(search..)
        .and_then(|rest| memchr::memchr(b'(', rest))
    {
        let at = search + p;
        let inner = &l[at + 1..];
        let close = memchr::memchr(b')', inner.as_bytes()).unwrap_or(inner.len());
        let inner = &inner[..close];
        let before = l[..at].fast_trim_end();
        let after = &l[(at + 1 + close + 1).min(l.len())..];
        if super::date::parse_date_group(inner).is_some()
            // After a period, or a title that asks ("Woher kommt …? (2024,
            // March 5)."), is closed, or quoted, also in single quotes
            // ("‘Putin’s Kleptocracy.’ (2015").
            && (before.ends_with(['.', '?', '!', ')', ']', '”', '"', '’'])
                || before.is_empty()
                || before.ends_with(scan::is_cjk)
                || ends_with_bare_initial(before))
            && (after.starts_with(['.', ',', '．', '，', '。'])
                || after.starts_with(" [")
                || after.is_empty())
        {
            return Some(at);
        }
        search = at + 1;
    }
    None
}

/// Names ending with an initial typed without its period: "Adams, K"
/// (before "(2013).").
fn ends_with_bare_initial(before: &str) -> bool {
    let mut cs = before.chars().rev();
    matches!(
        (cs.next(), cs.next(), cs.next()),
        (Some(i), Some(' '), Some(',')) if i.is_uppercase()
    )
}

/// A year in parentheses after names' initials with no period after it,
/// then the title, as Harvard lists print it: "Braun, V. and Clarke, V.
/// (2006) 'Using thematic analysis'", "Creswell, J.W. (2018) Research".
fn harvard_date(l: &str) -> bool {
    // Char boundary: `floor_char_boundary` gives one.
    let head = &l[..floor_char_boundary(l, 300)];
    let Some(at) = memchr::memchr(b'(', head.as_bytes()) else {
        return false;
    };
    // Char boundary: `at` is an ASCII '(' and `close` an ASCII ')'.
    let Some(close) = memchr::memchr(b')', &head.as_bytes()[at..]).map(|c| at + c) else {
        return false;
    };
    let inner = &head[at + 1..close];
    let after = &l[close + 1..];
    inner.len() <= 6
        && inner.starts_with(|c: char| c.is_ascii_digit())
        && super::date::parse_date_group(inner).is_some()
        && l[..at].fast_trim_end().ends_with('.')
        && after.strip_prefix(' ').is_some_and(|a| {
            a.starts_with(|c: char| c.is_uppercase() || matches!(c, '\'' | '‘' | '"' | '“'))
        })
}

/// The rest of a reference that repeats the previous one's authors with a
/// dash ("———. (1920). Title."), from its date group on; older lists and
/// other styles print it, APA 7 writes the names again.
fn after_repeated_authors(t: &str) -> Option<&str> {
    let rest = t.trim_start_matches(['—', '–', '-', '_']);
    let dashes = t
        .chars()
        .take_while(|c| matches!(c, '—' | '–' | '-' | '_'))
        .count();
    // At least two dash characters, or one em dash.
    if dashes < 2 && !(dashes == 1 && t.starts_with('—')) {
        return None;
    }
    let rest = rest.trim_start_matches(['.', ',']).fast_trim_start();
    (rest.starts_with('(') && date_group_start(rest) == Some(0)).then_some(rest)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The line looks like the first line of a reference.
pub fn starts_like_reference(l: &str) -> bool {
    let t = scan::trim(l);
    // The rest of an ellipsis broken over lines (". . ." / ". Lewis, M.
    // (2020).") continues the author list before it.
    if t.starts_with(". ") {
        return false;
    }
    author_start(t)
        || early_date(t)
        || legal_start(t)
        || t.as_bytes().first().is_some_and(u8::is_ascii_digit) && digit_group_then_authors(t)
        || after_repeated_authors(t).is_some()
        || compact_names_then_year(t)
        || bare_year_start(t)
        || compact_names_then_title(t)
}

/// Two names or more with bare initials, then a period and the title, as
/// Vancouver's order starts a reference: "Kroenke K, Spitzer RL, Williams
/// JB. The PHQ-9: …", "Lee J, Park S, et al. Sleep …".
fn compact_names_then_title(t: &str) -> bool {
    // (Cheap tests first: a capital starts the line, and the names end
    // with a capital, an initial, before the first ". ".)
    if !t.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    // Char boundary: `floor_char_boundary` gives one.
    let head = &t[..floor_char_boundary(t, 300)];
    let Some(dot) = scan::find_short(head, ". ") else {
        return false;
    };
    // Char boundary: `dot` is an ASCII '.'.
    let names = &head[..dot];
    (names.ends_with(|c: char| c.is_ascii_uppercase()) || names.ends_with(" et al"))
        && names.contains(", ")
        && super::names::is_compact_name_list(names)
}

/// Names, then a year without parentheses, as author-date styles other
/// than APA print them ("Smith, J., Lee, K., 2019. Title.") and software
/// makers ask to be cited ("IBM Corp. Released 2017."): names of persons
/// only, or the word "Released".
fn bare_year_start(t: &str) -> bool {
    // (Cheap test first: a digit early in the line.)
    let head = t.as_bytes().get(..120).unwrap_or(t.as_bytes());
    if !head.iter().any(u8::is_ascii_digit) {
        return false;
    }
    let Some((names_end, (start, _), _)) = super::parse::find_bare_year(t) else {
        return false;
    };
    if names_end > 120 {
        return false;
    }
    let released = t.get(start..).is_some_and(|r| {
        r.get(..9)
            .is_some_and(|w| w.eq_ignore_ascii_case("released "))
    });
    released
        || t.get(..names_end)
            .and_then(super::names::parse_author_list)
            .is_some_and(|l| l.persons > 0 && l.persons == l.names.len())
}

/// Names with initials without periods, then the year in parentheses, as
/// Springer's author-year styles print them: "Smith J, Lee K (2019) Title".
fn compact_names_then_year(t: &str) -> bool {
    // (Cheap test first: such a line starts with a capital and has a
    // parenthesis after its first name.)
    if !t.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    // Char boundary: `floor_char_boundary` gives one.
    let head = &t[..floor_char_boundary(t, 300)];
    let Some(open) = memchr::memchr(b'(', head.as_bytes()) else {
        return false;
    };
    // Char boundary: `open` is an ASCII '('; the year's bytes are ASCII.
    let names = head[..open].trim_end();
    let inner = &head[open + 1..];
    // "(2019)" or "(2019b)".
    let year = inner.bytes().take_while(u8::is_ascii_digit).count() == 4
        && inner.get(4..).is_some_and(|r| {
            matches!(r.as_bytes(), [b')', ..])
                || matches!(r.as_bytes(), [l, b')', ..] if l.is_ascii_lowercase())
        });
    year && super::names::is_compact_name_list(names)
}

/// A legal reference in APA form: a case "Roe v. Wade, 410 U.S. 113
/// (1973)." or a statute "Individuals with Disabilities Education Act, 20
/// U.S.C. § 1400 (2004)." (no author and no date group after the first
/// element, so neither [`author_start`] nor [`early_date`] sees them).
fn legal_start(t: &str) -> bool {
    // (Cheap tests first: a capital starts it, and a comma follows.)
    if !t.starts_with(char::is_uppercase) {
        return false;
    }
    let Some((first, rest)) = t.split_once(", ") else {
        return false;
    };
    // A case: the parties, then the reporter's volume after a comma (the
    // parties' names may hold one: "Merrell Dow Pharmaceuticals, Inc.,
    // 509 U.S. 579").
    let case = first.contains(" v. ")
        && first.len() <= 150
        && t.match_indices(", ").take(4).any(|(i, _)| {
            t.get(i + 2..)
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        });
    let statute = super::legal::cites_code(rest) && first.len() <= 200;
    // The year (after a court: "(E.D. Wis. 1972)"; a date: "(January 20,
    // 2021)") ends it, or a link after it.
    let year_at_end = {
        let mut e = t.trim_end_matches('.');
        if let Some((head, last)) = e.rsplit_once(' ')
            && ident::is_url_start(last)
        {
            e = head.trim_end_matches('.');
        }
        e.ends_with(')')
            && e.rfind('(').is_some_and(|i| {
                e.get(i + 1..e.len() - 1)
                    .is_some_and(super::legal::ends_with_year)
            })
    };
    (case || statute) && year_at_end
}

/// Where a title-first reference starts after a link that ended the
/// reference before it, in text joined from wrapped lines: "… doi:
/// 10.7554/eLife.54967 Afghan carpet industry facing major challenges:
/// ACCI. (2021, July 26). Ariana News. …" (a justified line the extraction
/// broke into pieces put the date lines below). The reference before must
/// be dated, and the title must be followed by its date within a few
/// words, with no link between.
fn title_first_after_link(t: &str) -> Option<usize> {
    let mut pos = 0;
    for tok in t.split(' ') {
        let tok_start = pos;
        pos += tok.len() + 1;
        if tok.is_empty() || !(ident::is_url_start(tok) || ident::doi_in(tok).is_some()) {
            continue;
        }
        let Some(mut rest) = t.get(pos..) else {
            break;
        };
        // A note in parentheses after the link, as apacite prints one:
        // "… https://x.org/a (Citation Style Editor) Impressum. (2021).".
        let mut at = pos;
        if rest.starts_with('(')
            && let Some(close) = rest.get(..rest.len().min(120)).and_then(|h| h.find(')'))
            && rest.get(close + 1..).is_some_and(|r| r.starts_with(' '))
        {
            // Char boundary: `close + 2` is just after an ASCII ") ".
            at = pos + close + 2;
            rest = &rest[close + 2..];
        }
        if dated_title(rest).is_none() {
            continue;
        }
        if date_group_start(t.get(..tok_start).unwrap_or_default()).is_some() {
            return Some(at);
        }
    }
    None
}

/// The title when `rest` starts a title-first reference: a title (a
/// capital, a quote or a bracket first; not "Retrieved", "In", "doi" …)
/// whose date follows within a few words, with no link before it. Shared
/// by the two ways a wrapped segment is split ([`title_first_after_link`],
/// [`title_first_at_line`]).
fn dated_title(rest: &str) -> Option<&str> {
    let first = rest.chars().next()?;
    if !(first.is_uppercase() || matches!(first, '“' | '"' | '‘' | '\'' | '[' | '¿' | '¡')) {
        return None;
    }
    let word = first_word(rest).trim_end_matches([':', ',']);
    if [
        "retrieved",
        "accessed",
        "available",
        "archived",
        "in",
        "doi",
    ]
    .iter()
    .any(|w| word.eq_ignore_ascii_case(w))
    {
        return None;
    }
    let k = date_group_start(rest)?;
    // Char boundary: `k` is where an ASCII '(' is.
    let title = &rest[..k];
    (k > 0 && k <= 300 && !title.contains("http") && !title.contains("doi")).then_some(title)
}

/// A title-first reference that starts at a line start (byte `at` of
/// `t`) after one that ended on the line before: the text since `from`
/// (the last reference's start) is dated and ends with a period, the line
/// starts a title, and the title's date follows within a few words, with
/// no link or date group between ("… Nick Lyons Books." / "Criminal files -
/// Supreme Court, Northern District," / "Townsville [Depositions]." /
/// "(n.d.). https://…").
fn title_first_at_line(t: &str, from: usize, at: usize) -> bool {
    let (Some(before), Some(rest)) = (t.get(from..at), t.get(at..)) else {
        return false;
    };
    before.fast_trim_end().ends_with('.')
        && dated_title(rest).is_some_and(|title| !title.contains(" ("))
        && date_group_start(before).is_some()
}

/// A blank line inside a reference: PDF extractors (pdfminer) start a
/// new paragraph at a page break. An author list left open goes on
/// ("Orlov,"); after a reference that ends like one, only its link goes
/// on ("… The Observer." / "https://…"); after one that does not ("…
/// Forming the"), any line that does not start like a reference and has
/// no date near its start.
/// The reference so far ends with a comma where it lost its final period
/// ("Ann. Math., Princeton,") and `line` plainly starts the next one
/// ("Erhart, H. (2023). …"): its own date is behind it, so the comma
/// cannot be inside its author list.
fn comma_before_next(so_far: &str, line: &str) -> bool {
    let l = scan::trim(line);
    so_far.fast_trim_end().ends_with(',')
        && author_start(l)
        && early_date(l)
        && date_group_start(so_far).is_some()
}

fn paragraph_goes_on(so_far: &str, line: &str) -> bool {
    // (Cheap tests first: this runs once per reference.)
    let t = so_far.fast_trim_end();
    // An author list left open: "Orlov," / "Y. L., & Ruan, Y. (2009).".
    if t.ends_with([',', '&', '…']) || t.ends_with(" and") || t.ends_with(". . .") {
        // Unless the reference lost its final period after a comma and
        // the paragraph plainly starts the next one (see `starts_new`).
        return !comma_before_next(t, line);
    }
    let l = scan::trim(line);
    let w = first_word(l);
    // Its link after a reference that ended: "The Observer." / "https://…".
    if is_link_word(w) {
        return true;
    }
    let last_word = last_word(t);
    if t.ends_with(['.', '?', '!']) || is_link_word(last_word) {
        return false;
    }
    if ends_in_url(t) || early_date(l) {
        return false;
    }
    forces_continuation(t) || !starts_like_reference(l)
}

/// `t.rsplit(' ').next()`: what follows the last space (all of `t`
/// without one). The last word is often a link, long enough for memchr's
/// SIMD search to beat a byte loop and the char searcher.
fn last_word(t: &str) -> &str {
    // (An ASCII space is a char of its own: `i + 1` is a boundary.)
    memchr::memrchr(b' ', t.as_bytes())
        .and_then(|i| t.get(i + 1..))
        .unwrap_or(t)
}

/// The text ends the way a complete reference ends: with a period, or
/// inside a URL or DOI (even one a PDF extraction spaced out).
fn ends_like_reference(p: &str) -> bool {
    let t = p.fast_trim_end();
    // (And the full stops of Chinese and Japanese text, "．" and "。".)
    if t.ends_with(['.', '?', '!', '．', '。']) {
        return true;
    }
    ends_in_url(t) || ends_with_note(t)
}

/// A note in parentheses after the last element (a sentence end or a
/// link), with no period after it: "… Publisher. (Original work published
/// 1900)", apacite's "… Retrieved from https://github.com/x/y (Computer
/// software)". Not a date or a role ("Smith, J. (Ed.)" goes on).
fn ends_with_note(t: &str) -> bool {
    if !t.ends_with(')') {
        return false;
    }
    let Some((before, group, inner)) = scan::split_trailing_group(t) else {
        return false;
    };
    let before = before.fast_trim_end();
    (before.ends_with('.') || ends_in_url(before))
        && date_group_start(group).is_none()
        && super::names::split_role_suffix(t).1.is_none()
        && super::names::parse_role_paren(inner).is_none()
}

/// The text ends inside a URL or DOI: after the last token that starts
/// one, only URL pieces follow ("https : / / www . svt . se / x").
fn ends_in_url(t: &str) -> bool {
    // A URL is not longer than this; looking further back would make long
    // references quadratic.
    // Char boundary: `floor_char_boundary` gives one.
    let t = &t[floor_char_boundary(t, t.len().saturating_sub(4096))..];
    let toks: Vec<&str> = t.split(' ').filter(|x| !x.is_empty()).collect();
    let Some(start) = toks.iter().rposition(|w| {
        let l = w.to_ascii_lowercase();
        ident::is_url_start(w)
            || ident::doi_in(w).is_some()
            || matches!(l.as_str(), "https" | "http" | "www")
            // "https:" at a line end, joined to a spaced-out rest: "https:/".
            || l.starts_with("https:")
            || l.starts_with("http:")
            || super::ident::is_bare_domain_path(w)
    }) else {
        return false;
    };
    let punct = |w: &str| !w.is_empty() && w.chars().all(|c| "/.:-_?=&#%~+".contains(c));
    // In bounds: `start < toks.len()` (from `rposition`).
    let rest = &toks[start + 1..];
    rest.iter().enumerate().all(|(i, w)| {
        if !w
            .chars()
            .all(|c| c.is_alphanumeric() || "/.:-_?=&#%~+@!$'*,;()[]".contains(c))
        {
            return false;
        }
        let plain_word = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).all(char::is_lowercase)
            && w.chars().count() > 1;
        if !plain_word {
            return true;
        }
        // A capitalised word inside a spaced-out URL sits between URL
        // punctuation: "Monde / Europe / Villes".
        // In bounds: `start` as above; `0 < i < rest.len()` here.
        let prev = if i == 0 { toks[start] } else { rest[i - 1] };
        let next = rest.get(i + 1).copied().unwrap_or("");
        punct(prev) || punct(next) || prev.ends_with(['/', '-', '_', '.', '='])
    })
}

/// A link, a DOI, or a word starting with "doi" ("doi:", "DOI"): what
/// only continues a reference.
fn is_link_word(w: &str) -> bool {
    ident::is_url_start(w)
        || ident::doi_in(w).is_some()
        || w.as_bytes()
            .get(..3)
            .is_some_and(|h| h.eq_ignore_ascii_case(b"doi"))
}

/// The line cannot start a reference: it continues the previous one.
fn continues(l: &str) -> bool {
    let t = l.fast_trim_start();
    let Some(c) = t.chars().next() else {
        return true;
    };
    if c.is_lowercase() {
        // A lower-case particle before a family name can start a reference
        // ("van Maris, A."), so can "de la Fuente, J." and a user name
        // before a date ("febrezo. (2012a, February 22).").
        let user_name = t
            .split_once(". (")
            .is_some_and(|(head, _)| !head.contains(' ') && head.len() <= 40)
            && early_date(t);
        // "von Michael Ziegler. (2014).": a name with its particle first,
        // written without a comma.
        let particle_name = t.split_once(' ').is_some_and(|(w, rest)| {
            super::lexicon::is_particle(w) && rest.starts_with(char::is_uppercase)
        }) && early_date(t);
        return !author_start(t) && !user_name && !particle_name;
    }
    let w = first_word(t);
    let wl = w.lc();
    is_link_word(w)
        || matches!(
            wl.as_str(),
            "retrieved" | "available" | "accessed" | "&" | "…" | "(original"
        )
        || c == '&'
        || c == ')'
        // A reference never starts with its date: "(2001). Title ..."
        // continues an author list from the line before.
        || c == '('
        || (c.is_ascii_digit()
            && !early_date(t)
            && list_marker(t).is_none()
            && !digit_group_then_authors(t))
}

/// A group author whose name starts with a number, then persons: "1000
/// Genomes Project Consortium, Abecasis, G. R., Altshuler, D., …" starts
/// a reference (a line of a reference that starts with a number is a
/// volume or pages: "467(7319), 1061–1073.").
fn digit_group_then_authors(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    first.bytes().all(|b| b.is_ascii_alphanumeric())
        && second.starts_with(|c: char| c.is_uppercase())
        && second.chars().skip(1).all(char::is_lowercase)
        && scan::split_once_byte(t, b',')
            .is_some_and(|(_, rest)| author_start(rest.fast_trim_start()))
}

/// An initial: "J.", "É.", "J.-P." (with a comma after it, if `comma`).
fn is_initial(w: &str, comma: bool) -> bool {
    let w = if comma {
        w.strip_suffix(',').unwrap_or(w)
    } else {
        w
    };
    // (Each part ends with its period, the last too: most words are
    // answered by their last byte.)
    w.ends_with('.') && w.split('-').all(|part| {
        let mut cs = part.chars();
        matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
    })
}

/// The text so far ends with a name's initial: "Permenter, J.",
/// "Drew, J. E." (the word before it a family name with its comma, or
/// another initial).
fn ends_with_initial(so_far: &str) -> bool {
    let mut ws = so_far.split_whitespace().rev();
    let (Some(last), Some(before)) = (ws.next(), ws.next()) else {
        return false;
    };
    is_initial(last, false)
        && (before.ends_with(',') || is_initial(before, false) || before == "In")
}

/// The line starts with the rest of a name's initials: "L., & Arbesman",
/// "V. (2017).", "A. B., Smith": an initial, then a comma, "&", the date
/// or another initial.
fn starts_with_initial(line: &str) -> bool {
    let mut ws = line.split_whitespace();
    let Some(first) = ws.next() else {
        return false;
    };
    if !is_initial(first, true) {
        return false;
    }
    first.ends_with(',')
        || ws.next().is_some_and(|n| {
            n == "&"
                || n.starts_with('(')
                || is_initial(n, true)
                // "N." / "F. de. (2024a)": a particle after the initials.
                || super::lexicon::is_particle(n.trim_end_matches(['.', ',']))
        })
}

/// The line starts with something that can only be more of a URL.
fn url_piece_line(l: &str) -> bool {
    let w = first_word(l);
    if early_date(l) || w.is_empty() {
        return false;
    }
    w.starts_with('/')
        || (w.contains(['.', '/', '_', '=', '?', '&', '%'])
            && !w.ends_with('.')
            && !w.ends_with(',')
            && !w.ends_with(':'))
        // A bare run of letters and digits only as all the line holds:
        // "…/sn83045462" / "ed1", not "…#axzz1iLZdoFBr" / "1000 Genomes
        // Project Consortium, Abecasis, G. R., …".
        || (w.chars().any(|c| c.is_ascii_digit())
            && w.chars().all(|c| c.is_ascii_alphanumeric())
            && w.len() >= 2
            && w.len() == scan::trim(l).len())
        || (w.contains('.') && w.trim_end_matches('.').contains('.'))
}

/// The line is the rest of a URL.
fn continues_url(l: &str) -> bool {
    let w = first_word(l);
    w.starts_with('/') || w.starts_with("www")
}

/// The reference so far cannot end here.
fn forces_continuation(p: &str) -> bool {
    let t = p.fast_trim_end();
    if ends_in_url(t) {
        // "https:" at a line end; a URL broken after "/" or "-" may end
        // there too.
        let lower = t.to_ascii_lowercase();
        return lower.ends_with("https:")
            || lower.ends_with("http:")
            || lower.ends_with("https :")
            || lower.ends_with("http :");
    }
    // ". . ." or "…" at a line end: an APA 6 author list goes on with
    // its last name ("Pirc, M., . . ." / "Tomić, I. (2022).").
    t.ends_with([',', '&', ':', ';', '(', '-', '–', '—', '/', '…'])
        || t.ends_with(" and")
        || t.ends_with(". . .")
}

/// Known suffixes that show a line-end hyphen split a word ("treat-ment").
const SYLLABLE_SUFFIXES: &[&str] = &[
    "tion", "tions", "sion", "sions", "ment", "ments", "ing", "ings", "ness", "ity", "ities", "ly",
    "ed", "er", "ers", "est", "al", "ally", "ance", "ances", "ence", "ences", "ive", "ives", "ous",
    "able", "ible", "ism", "isms", "ist", "ists", "ize", "ized", "izes", "ise", "ised", "ation",
    "ations", "ical", "ically", "ogy", "ologies", "ological", "ure", "ures", "ial", "ian", "ians",
    "ent", "ents", "ant", "ants", "ship", "ships", "ful", "less", "ic", "ics", "ary", "ory", "age",
    "ages", "dom", "hood", "cy", "ies", "es", "s", "y", "ty", "ry", "tive", "tives", "sive",
    "ture", "tures", "cal", "lar", "nal", "tal", "ual", "ular", "ably", "ibly", "ogical", "logy",
    "graphy", "phy", "ment", "tions", "ciation", "cation", "cations", "ized", "izing", "ising",
    "ating", "ated", "ate", "ates", "ative", "atives", "ition", "itions", "uous",
];

/// Long words of reference lists that typesetting often breaks at a line
/// end ("Aca-" / "demic Press"), for lists too short to show the whole
/// word elsewhere. None of them is written with a hyphen.
const COMMON_LONG_WORDS: &[&str] = &[
    "academic",
    "academy",
    "adolescence",
    "adolescents",
    "american",
    "analysis",
    "annual",
    "anthropology",
    "anxiety",
    "applications",
    "approach",
    "association",
    "attention",
    "behavior",
    "behavioral",
    "behaviour",
    "behavioural",
    "biological",
    "biology",
    "cambridge",
    "children",
    "clinical",
    "cognition",
    "cognitive",
    "communication",
    "community",
    "comparative",
    "computational",
    "computer",
    "computing",
    "conference",
    "consciousness",
    "consulting",
    "contemporary",
    "counseling",
    "criminology",
    "cultural",
    "department",
    "depression",
    "development",
    "developmental",
    "disorders",
    "dissertation",
    "economic",
    "economics",
    "education",
    "educational",
    "effects",
    "emotion",
    "emotional",
    "engineering",
    "environment",
    "environmental",
    "epidemiology",
    "evaluation",
    "evidence",
    "evolution",
    "evolutionary",
    "experimental",
    "family",
    "foundation",
    "handbook",
    "health",
    "history",
    "human",
    "information",
    "institute",
    "intelligence",
    "interdisciplinary",
    "international",
    "intervention",
    "interventions",
    "journal",
    "language",
    "learning",
    "linguistics",
    "literature",
    "longitudinal",
    "management",
    "medical",
    "medicine",
    "memory",
    "mental",
    "methods",
    "national",
    "neuropsychology",
    "neuroscience",
    "organizational",
    "organization",
    "perception",
    "performance",
    "personality",
    "perspective",
    "perspectives",
    "philosophy",
    "physiology",
    "political",
    "population",
    "prevention",
    "proceedings",
    "processes",
    "professional",
    "program",
    "psychiatry",
    "psychiatric",
    "psychological",
    "psychologist",
    "psychologists",
    "psychology",
    "psychometric",
    "psychotherapy",
    "publication",
    "publications",
    "publishers",
    "publishing",
    "qualitative",
    "quantitative",
    "quarterly",
    "relationships",
    "research",
    "review",
    "scale",
    "schizophrenia",
    "science",
    "sciences",
    "scientific",
    "services",
    "social",
    "society",
    "sociology",
    "statistical",
    "statistics",
    "students",
    "studies",
    "technology",
    "theoretical",
    "therapy",
    "training",
    "treatment",
    "university",
    "validation",
    "validity",
    "working",
];

/// Joins line `next` onto `acc` (the reference so far), deciding what a
/// hyphen at the line end means and whether a URL continues.
fn join_line(acc: &mut String, next: &str, vocab: &HashSet<String>) {
    let next = scan::trim(next);
    if next.is_empty() {
        return;
    }
    if acc.is_empty() {
        acc.push_str(next);
        return;
    }
    // A soft hyphen at the line end (as some PDF viewers copy a word
    // broken by hyphenation, "treat\u{AD}" / "ment"): the word goes on.
    if let Some(head) = acc.strip_suffix('\u{AD}') {
        acc.truncate(head.len());
        acc.push_str(next);
        return;
    }
    let last_tok = last_word(acc);
    // A scheme alone at a line end ("Retrieved from https://" /
    // "www.joe.org/…"): the link goes on, even where the next line could
    // start one itself.
    if last_tok.eq_ignore_ascii_case("https:")
        || last_tok.eq_ignore_ascii_case("http:")
        || last_tok.eq_ignore_ascii_case("https://")
        || last_tok.eq_ignore_ascii_case("http://")
    {
        acc.push_str(next);
        return;
    }
    // "doi: 10.1137/" at a line end: the DOI goes on on the next line.
    // "doi:10." / "doi:10.1111" too: a DOI's prefix is never the end of it.
    let in_url = ident::is_url_start(last_tok)
        || ident::doi_in(last_tok).is_some()
        || ident::is_doi_prefix_only(last_tok)
        || last_tok
            .as_bytes()
            .get(..7)
            .is_some_and(|h| h.eq_ignore_ascii_case(b"doi:10."));
    let next_first = first_word(next);
    if in_url {
        // A URL or DOI broken over lines: continue it when the next line's
        // first token looks like more of it.
        // A capitalised word, perhaps with the punctuation that ends an
        // element ("Forside.", "Afghanistan:"), starts the next text.
        let word = next_first.trim_end_matches(['.', ',', ':', ';']);
        // "von Michael Ziegler. (2014)": a particle before a name.
        let particle_before_name = super::lexicon::is_particle(next_first)
            && next
                .split_whitespace()
                .nth(1)
                .is_some_and(|w| w.starts_with(char::is_uppercase));
        // A link that ends with a page's file name is whole unless a
        // query or fragment follows: "…/MAB2109.aspx" / "CONTEMPORARY …".
        let page_done = {
            let l = last_tok.lc();
            [
                ".html", ".htm", ".shtml", ".aspx", ".asp", ".php", ".jsp", ".pdf", ".cms", ".ece",
            ]
            .iter()
            .any(|e| l.ends_with(e))
        };
        let page_done_before_text =
            page_done && !next_first.starts_with(['?', '#', '&', ';', '=', '/']);
        let url_like = !next_first.is_empty()
            && !word.chars().next().is_some_and(|c| {
                c.is_uppercase() && word.chars().skip(1).all(|c| c.is_lowercase())
            })
            && !matches!(
                next_first.lc().as_str(),
                "retrieved" | "accessed" | "available" | "doi:"
            )
            // (A line starting "//" goes on a link cut after "http:".)
            && (next_first.starts_with("//") || !ident::is_url_start(next_first))
            && !particle_before_name
            && !page_done_before_text
            && (last_tok.ends_with(['/', '.', '-', '_', '=', '?', '&', '#', '%', '~'])
                || next_first.contains(['/', '.', '=', '&', '?', '_', '-'])
                // A bare word goes on the link only when it is all the
                // line holds: "…/sn83045462" / "ed1"; not "…entid=1281" /
                // "DataCite Schema Repository. (2021)".
                // (One digit too: "…/EP19440218.2.6" / "1".)
                || next_first.chars().all(|c| c.is_alphanumeric())
                    && (next_first.len() >= 2 || next_first.bytes().all(|b| b.is_ascii_digit()))
                    && next.split_whitespace().nth(1).is_none());
        if url_like {
            acc.push_str(next);
            return;
        }
    }
    if let Some(head) = acc.strip_suffix('-')
        && !acc.ends_with(" -")
        && !acc.ends_with("--")
    {
        let left_word: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let right_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        let prev_char = head.chars().last();
        let next_char = next.chars().next();
        let keep_hyphen = prev_char.is_none_or(|c| !c.is_alphabetic())
            || next_char.is_none_or(|c| !c.is_lowercase())
            || left_word.is_empty()
            || right_word.is_empty();
        if keep_hyphen {
            acc.push_str(next);
            return;
        }
        let joined = format!("{}{}", left_word, right_word).to_lowercase();
        let hyphenated = format!("{}-{}", left_word, right_word).to_lowercase();
        let rw = right_word.lc();
        let drop = if vocab.contains(hyphenated.as_str()) {
            false
        } else if vocab.contains(joined.as_str())
            || COMMON_LONG_WORDS.contains(&joined.as_str())
            || broken_family_name(head, &left_word)
        {
            true
        } else if left_word.chars().count() == 1 {
            // No hyphenation leaves one letter at a line end (TeX's and
            // Word's minimum is two): "S-" / "adenosylmethionine", "T-" /
            // "cell" are compounds.
            false
        } else {
            SYLLABLE_SUFFIXES.contains(&rw.as_str())
                || left_word.chars().count() <= 2
                // Two pieces that are not words of a long list ("Proba-" /
                // "bilistic", "poli-" / "tischen"): one word broken. (A
                // short list has too few words to tell: a compound keeps
                // its hyphen, "treatment-" / "refractory".)
                || vocab.len() >= 2000
                    && !vocab.contains(left_word.to_lowercase().as_str())
                    && !vocab.contains(rw.as_str())
        };
        if drop {
            acc.pop();
        }
        acc.push_str(next);
        return;
    }
    // A page range broken at its en dash: "1132–" / "1132. https://…".
    if acc.ends_with('–')
        && acc.chars().nth_back(1).is_some_and(|c| c.is_ascii_digit())
        && next.starts_with(|c: char| c.is_ascii_digit())
    {
        acc.push_str(next);
        return;
    }
    acc.push(' ');
    acc.push_str(next);
}

/// A family name in the author list broken at a line end: "Far-" /
/// "rell, S.". The parts of a hyphenated family name are capitalised
/// ("Nolen-Hoeksema"), so a lower-case continuation (the caller checked)
/// of a capitalised word that follows ", " or "& " before any date
/// continues one name.
fn broken_family_name(head: &str, left_word: &str) -> bool {
    let Some(before) = head.strip_suffix(left_word) else {
        return false;
    };
    let after_separator = before.ends_with(", ") || before.ends_with("& ");
    let capital = left_word.chars().next().is_some_and(char::is_uppercase)
        && left_word.chars().skip(1).all(char::is_lowercase);
    // No date yet: still in the author list.
    let dated = head.as_bytes().windows(3).any(|w| {
        matches!(
            w,
            [b'(', b'1', b'9'] | [b'(', b'2', b'0'] | [b'(', b'n', b'.'] | [b'(', b'i', b'n']
        )
    });
    after_separator && capital && !dated
}

fn words_of(line: &str, vocab: &mut HashSet<String>) {
    for w in line.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '.' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '“' | '”'
            )
    }) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.len() >= 4 && w.chars().any(char::is_alphabetic) {
            vocab.insert(w.to_lowercase());
        }
    }
}

impl Layout {
    /// Decides the layout from the first lines of an input.
    pub fn detect<'a>(lines: impl IntoIterator<Item = &'a str>) -> Layout {
        let lines: Vec<&str> = lines
            .into_iter()
            .map(|l| l.trim_end_matches(['\r', '\n']))
            .collect();
        let line_numbers = has_line_numbers(&lines);
        let lines: Vec<&str> = if line_numbers {
            lines
                .iter()
                .map(|l| line_number(l).map_or(*l, |(_, rest)| rest))
                .collect()
        } else {
            lines
        };
        let mut vocabulary = HashSet::new();
        let mut sample_for_words: Vec<&str> = Vec::new();
        let mut nonempty = 0usize;
        let mut paragraphs = 0usize;
        let mut in_par = false;
        let mut lens: Vec<usize> = Vec::new();
        let mut indented = 0usize;
        let mut markers = 0usize;
        let mut starts = 0usize;
        // Lines that end where a reference cannot ("Black, O.,", "&").
        let mut open_ends = 0usize;
        // Paragraphs whose first line starts like a reference.
        let mut paragraph_starts = 0usize;
        let mut in_tag = false;
        for l in &lines {
            // (A line with printable ASCII at both ends trims to itself.)
            let t = if graphic_ends(l) {
                l
            } else {
                l.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}')
            };
            if t.is_empty() || super::markup::is_block_line(t) {
                in_par = false;
                continue;
            }
            let raw_t = t;
            let (unmarked, open) = super::markup::strip_line(t, in_tag);
            in_tag = open;
            let t: &str = &unmarked;
            if is_page_number(t) {
                continue;
            }
            if is_heading(t)
                || strip_link_labels(t).is_none()
                || is_running_head(l)
                || is_boilerplate(t)
            {
                continue;
            }
            nonempty += 1;
            let starts_like = starts_like_reference(t);
            if !in_par {
                paragraphs += 1;
                in_par = true;
                if starts_like {
                    paragraph_starts += 1;
                }
            }
            // (An ASCII line has as many characters as bytes.)
            lens.push(if t.is_ascii() {
                t.len()
            } else {
                t.chars().count()
            });
            if l.starts_with([' ', '\t']) {
                indented += 1;
            }
            // A number before what can only continue a reference is not a
            // list's: in wrapped text a page range broken at its dash
            // leaves "1132. https://…" at a line start.
            if list_marker(t).is_some_and(|m| t.get(m..).is_some_and(|rest| !continues(rest))) {
                markers += 1;
            }
            if starts_like {
                starts += 1;
            }
            if t.ends_with([',', '&']) {
                open_ends += 1;
            }
            sample_for_words.push(raw_t);
        }
        // The vocabulary only serves to decide hyphens at line ends: build
        // it only when some line ends with one.
        let hyphen_ends = sample_for_words
            .iter()
            .filter(|l| {
                let mut cs = l.chars().rev();
                cs.next() == Some('-') && cs.next().is_some_and(char::is_alphabetic)
            })
            .count();
        let hyphenated = hyphen_ends > 0;
        if hyphenated {
            // The pieces of words broken at line ends are not words.
            let ends_hyphen = |l: &str| {
                let mut cs = l.chars().rev();
                cs.next() == Some('-') && cs.next().is_some_and(char::is_alphabetic)
            };
            let mut after_hyphen = false;
            for l in &sample_for_words {
                let mut l: &str = l;
                if after_hyphen {
                    l = l.split_once(' ').map_or("", |(_, rest)| rest);
                }
                after_hyphen = ends_hyphen(l);
                if after_hyphen {
                    l = l.rsplit_once(' ').map_or("", |(head, _)| head);
                }
                words_of(l, &mut vocabulary);
            }
        }
        let (width, median) = width_and_median(&mut lens);
        // Lines of several words much longer than the others: two lines
        // joined (a wrapper breaks lines at spaces; only a word it cannot
        // break, a long link, overruns the width).
        let long_lines_of_words = sample_for_words
            .iter()
            .filter(|l| l.len() > width + 3 && l.chars().count() > width + 3 && l.contains(' '))
            .count();
        // Numbered: most references carry a number (counted against the
        // lines that start like references too, for wrapped text in one
        // paragraph).
        let numbered =
            nonempty > 0 && markers * 10 >= paragraphs.max(starts).max(1) * 6 && markers >= 2;
        let hanging_indent =
            nonempty >= 4 && indented * 5 >= nonempty && (nonempty - indented) * 5 >= nonempty;
        // Blank lines separate references when nearly every paragraph
        // starts like one; PDF extractors (pdfminer) also put them between
        // a reference's first line and its indented rest.
        // (A few paragraphs that do not, in a short list, are title-first
        // references whose date the line wrap pushed down.)
        // (So do they, whatever the paragraphs start with, when each is one
        // line longer than a page's: pasted, not extracted from a PDF.)
        let blank_lines_separate = paragraph_starts * 20 >= paragraphs * 17
            || paragraphs - paragraph_starts < 3
            || nonempty == paragraphs && median > 130;
        let mode = if paragraphs >= 2 && nonempty <= paragraphs * 6 && blank_lines_separate {
            Mode::Paragraphs
        } else if nonempty > 0
            && (starts * 10 >= nonempty * 9 || (numbered && markers * 10 >= nonempty * 9))
            // A line ending after a comma or "&" is wrapped: an author list
            // goes on with a name on the next line ("… Black, O.," /
            // "Gray, P. (2020). …"), which also starts like a reference.
            && open_ends * 20 < nonempty
        {
            Mode::OnePerLine
        } else {
            Mode::Wrapped
        };
        Layout {
            mode,
            numbered,
            width,
            median,
            // (One in a hundred: a page break or a link keeps a few.)
            dehyphenated: nonempty >= 20 && hyphen_ends * 100 < nonempty,
            joins_seen: long_lines_of_words >= 1 && long_lines_of_words * 100 >= nonempty,
            hanging_indent,
            line_numbers,
            vocabulary,
        }
    }
}

/// The line lengths at nine tenths and at half of `lens` in order (0 when
/// there are none), as sorting them would give, found without sorting
/// them (the sample has up to 5,000 lines).
fn width_and_median(lens: &mut [usize]) -> (usize, usize) {
    let (at_width, at_median) = (lens.len().saturating_mul(9) / 10, lens.len() / 2);
    if at_width >= lens.len() {
        return (0, 0);
    }
    let (smaller, &mut width, _) = lens.select_nth_unstable(at_width);
    // The median is at or before the width's place: among the smaller
    // (`at_median < at_width == smaller.len()`), or the width itself.
    let median = if at_median < at_width {
        *smaller.select_nth_unstable(at_median).1
    } else {
        width
    };
    (width, median)
}

/// [`width_and_median`] by sorting.
#[cfg(test)]
fn width_and_median_by_sorting(lens: &mut [usize]) -> (usize, usize) {
    lens.sort_unstable();
    let width = lens
        .get(lens.len().saturating_mul(9) / 10)
        .copied()
        .unwrap_or(0);
    let median = lens.get(lens.len() / 2).copied().unwrap_or(0);
    (width, median)
}

/// [`Segmenter::recycle`] takes no more texts once it holds this many.
/// (It holds about a batch's: one is taken for each reference.)
const MAX_SPARE_TEXTS: usize = 4096;

/// The streaming segmenter.
#[derive(Debug)]
pub struct Segmenter {
    layout: Layout,
    text: String,
    last_line_text: String,
    last_indent: usize,
    first_line: usize,
    last_line: usize,
    min_indent: Option<usize>,
    after_blank: bool,
    /// A blank line came after the reference so far (in paragraphs).
    paragraph_break: bool,
    pending: Option<Pending>,
    /// The buffer of the last pending line decided, for the next one.
    spare_line: String,
    /// The start of the last reference, where its authors are, for one
    /// that repeats them with a dash.
    prev_head: String,
    /// Where each line joined into `text` starts in it: (byte, line).
    line_starts: Vec<(usize, usize)>,
    /// The line before left an HTML tag open ("… <a" / `href="…">`).
    in_tag: bool,
    /// The last page number dropped, to tell the next one from the rest
    /// of a link broken over lines.
    last_page: Option<u32>,
    /// [`Segment::joins`] of the reference so far.
    joins: Vec<String>,
    /// The last reference, held back until the next one shows whether an
    /// annotation follows it (paragraphs and one-per-line layouts).
    held: Option<Segment>,
    /// Texts of references already parsed, emptied, for the next
    /// references' text ([`Segmenter::recycle`]).
    spare_texts: Vec<String>,
}

impl Segment {
    /// Adds a paragraph to the annotation (on a line of its own).
    fn add_annotation(&mut self, text: &str) {
        match &mut self.annotation {
            Some(a) => {
                a.push('\n');
                a.push_str(text);
            }
            None => self.annotation = Some(text.to_string()),
        }
    }
}

/// A line waiting for its successor before it is decided.
#[derive(Debug)]
struct Pending {
    lineno: usize,
    line: String,
    indent: usize,
    marker: bool,
}

impl Segmenter {
    /// A segmenter for an input with `layout`.
    pub fn new(layout: Layout) -> Segmenter {
        Segmenter {
            layout,
            text: String::new(),
            last_line_text: String::new(),
            last_indent: 0,
            first_line: 0,
            last_line: 0,
            min_indent: None,
            after_blank: false,
            paragraph_break: false,
            pending: None,
            spare_line: String::new(),
            prev_head: String::new(),
            line_starts: Vec::new(),
            in_tag: false,
            last_page: None,
            joins: Vec::new(),
            held: None,
            spare_texts: Vec::new(),
        }
    }

    /// An empty string for a reference's text, that holds its first line
    /// of `len` bytes: a recycled one when the next is big enough, else a
    /// new one with room to spare (for the lines after, and its next
    /// reference when it comes back).
    fn spare_text(&mut self, len: usize) -> String {
        match self.spare_texts.pop() {
            Some(mut t) if t.capacity() >= len => {
                t.clear();
                t
            }
            _ => String::with_capacity(len + len / 2),
        }
    }

    /// Takes back the texts of segments that are done with (leaving
    /// `texts` empty), for later references' text: joining a
    /// reference's lines into a string of its own cost an allocation and
    /// its growth each time. (They are emptied when taken.)
    pub fn recycle(&mut self, texts: &mut Vec<String>) {
        if self.spare_texts.is_empty() {
            std::mem::swap(&mut self.spare_texts, texts);
        } else if self.spare_texts.len() < MAX_SPARE_TEXTS {
            self.spare_texts.append(texts);
        }
        texts.clear();
    }

    /// The layout in use.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Ends the reference so far: appends it (or the references it
    /// holds) to `out`.
    fn take(&mut self, out: &mut Vec<Segment>) {
        let text = std::mem::take(&mut self.text);
        // (The line starts' buffer is kept for the next reference.)
        let mut line_starts = std::mem::take(&mut self.line_starts);
        if !scan::trim(&text).is_empty() {
            if self.layout.mode == Mode::Wrapped {
                self.split_into(text, &line_starts, out);
            } else {
                // Held back one reference: prose after a reference is its
                // annotation, not a reference of its own.
                let start = out.len();
                self.split_into(text, &line_starts, out);
                // In bounds: `start <= k < out.len()` in the loop.
                let mut k = start;
                while k < out.len() {
                    // The reference before: in this paragraph, or held.
                    let (before, rest) = out.split_at_mut(k);
                    let prev = if k > start {
                        before.last_mut()
                    } else {
                        self.held.as_mut()
                    };
                    match (prev, rest.first()) {
                        (Some(p), Some(s)) if is_annotation(&s.text, p.annotation.is_some()) => {
                            p.add_annotation(&s.text);
                            out.remove(k);
                        }
                        _ => k += 1,
                    }
                }
                // The last reference is held; the one held before goes out
                // first (a swap: the usual paragraph holds one).
                if out.len() > start {
                    match &mut self.held {
                        Some(h) => {
                            // In bounds: `start < out.len()`.
                            out[start..].rotate_right(1);
                            std::mem::swap(h, &mut out[start]);
                        }
                        None => self.held = out.pop(),
                    }
                }
            }
        }
        line_starts.clear();
        self.line_starts = line_starts;
        self.joins.clear();
    }

    fn split_into(&mut self, text: String, line_starts: &[(usize, usize)], out: &mut Vec<Segment>) {
        // Wrapped text may hold two references where a link ended the
        // first and a title-first one follows on the same line.
        let mut cuts = Vec::new();
        if self.layout.mode == Mode::Wrapped {
            let mut from = 0;
            while let Some(cut) = text.get(from..).and_then(title_first_after_link) {
                from += cut;
                cuts.push(from);
            }
            // Or at a line start, after a reference that ended there: a
            // title-first reference whose date is lines below its start.
            let mut prev = 0;
            for &(at, _) in line_starts.iter().skip(1) {
                if cuts.iter().any(|&c| c >= prev && c <= at) {
                    prev = at;
                    continue;
                }
                if title_first_at_line(&text, prev, at) {
                    cuts.push(at);
                    prev = at;
                }
            }
            cuts.sort_unstable();
            cuts.dedup();
        }
        let (first_line, last_line) = (self.first_line, self.last_line);
        if cuts.is_empty() {
            let segment = self.segment(text, first_line, last_line);
            out.push(segment);
            return;
        }
        // The line that holds byte `at` of the text.
        let line_at = |at: usize| {
            line_starts
                .iter()
                .take_while(|&&(start, _)| start <= at)
                .last()
                .map_or(first_line, |&(_, line)| line)
        };
        let mut start = 0;
        for end in cuts.into_iter().chain(std::iter::once(text.len())) {
            // Char boundary: the cuts are where a token starts (after an
            // ASCII space) and `text.len()`.
            let piece = scan::trim(text.get(start..end).unwrap_or_default());
            let first = if start == 0 {
                first_line
            } else {
                line_at(start)
            };
            let last = if end == text.len() {
                last_line
            } else {
                line_at(end.saturating_sub(1))
            };
            start = end;
            let segment = self.segment(piece.to_string(), first, last);
            out.push(segment);
        }
    }

    fn segment(&mut self, mut text: String, line: usize, end_line: usize) -> Segment {
        // "———. (1920)." takes the authors of the reference before it,
        // found (only then) before the date in that reference's start.
        if text.starts_with(['—', '–', '-', '_'])
            && let Some(rest) = after_repeated_authors(&text)
            // Char boundary: `date_group_start` gives the offset of an
            // ASCII '('.
            && let Some(prev) = date_group_start(&self.prev_head)
                .map(|i| self.prev_head[..i].fast_trim_end())
                .filter(|a| !a.is_empty())
        {
            text = format!("{prev} {rest}");
        }
        // The date group is looked for in the first 400 bytes. Char
        // boundary: `floor_char_boundary` gives one.
        self.prev_head.clear();
        self.prev_head
            .push_str(&text[..floor_char_boundary(&text, 400)]);
        // (Each piece of a reference split in two keeps the windows: one
        // is only looked for in the text that holds it.)
        // (Most references have none: nothing to copy.)
        let joins = if self.joins.is_empty() {
            Vec::new()
        } else {
            self.joins.clone()
        };
        Segment {
            text,
            line,
            end_line,
            wrapped: self.layout.mode == Mode::Wrapped || end_line > line,
            joins,
            annotation: None,
        }
    }

    /// Feeds line number `lineno` (1-based). References this line
    /// completed are appended to `out` (a line is decided when the next
    /// one has been seen, so output lags one line behind).
    pub fn push_line(&mut self, lineno: usize, raw: &str, out: &mut Vec<Segment>) {
        let raw = raw.trim_end_matches(['\r', '\n']);
        let raw = raw.trim_start_matches('\u{FEFF}');
        let raw = if self.layout.line_numbers {
            line_number(raw).map_or(raw, |(_, rest)| rest)
        } else {
            raw
        };
        // A form feed (a page break) is not indentation.
        let indent = {
            let r = raw.trim_start_matches('\u{c}');
            r.len() - r.trim_start_matches([' ', '\t']).len()
        };
        let mut line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}');
        // Markup around references (pandoc's "::: {#ref-x .csl-entry}",
        // "<div class=\"csl-entry\">"): a blank line.
        if (line.starts_with([':', '<']) || line.ends_with('>'))
            && super::markup::is_block_line(line)
        {
            line = "";
        }
        // HTML tags in the line ("<em>Journal</em>, 12. <a"): judged
        // without them.
        let (unmarked, open) = super::markup::strip_line(line, self.in_tag);
        self.in_tag = open;
        let mut line: &str = &unmarked;
        if line.is_empty() {
            self.after_blank = true;
            if self.layout.mode == Mode::Paragraphs {
                // The reference ends here unless the next line plainly
                // goes on with it (decided with that line).
                self.process_pending(None, out);
                self.paragraph_break = true;
            }
            return;
        }
        // A page number: after a blank line or a form feed, or, in wrapped
        // text, any line that holds only a number (no wrapped reference
        // leaves a bare number alone on a line: the last page of a range
        // ends with a period).
        if is_running_head(raw) || is_boilerplate(line) {
            return;
        }
        // A running head in capitals: certain, or after a line that ended
        // inside a sentence in lower case (a title in capitals has its
        // line before in capitals too).
        if let Some(certain) = caps_running_head(line)
            && (certain || self.caps_line_interrupts(line))
        {
            return;
        }
        if is_page_number(line) {
            let number = scan::trim(line).trim_matches('\u{c}').parse::<u32>().ok();
            // After a link that goes on, a number is its rest unless it is
            // the next page's.
            let page = || match (self.last_page, number) {
                (Some(last), Some(n)) => n == last + 1,
                _ => false,
            };
            if self.after_blank
                || raw.starts_with('\u{c}')
                || self.layout.mode == Mode::Wrapped
                    && self
                        .pending
                        .as_ref()
                        .is_some_and(|p| !link_goes_on(&p.line) || page())
            {
                if number.is_some() {
                    self.last_page = number;
                }
                return;
            }
        }
        if is_heading(line) {
            self.process_pending(None, out);
            self.take(out);
            self.after_blank = false;
            return;
        }
        // Link labels copied from a journal's web page: dropped; a line of
        // labels only ends the reference before it.
        match strip_link_labels(line) {
            Some(rest) => line = rest,
            None => {
                self.process_pending(None, out);
                self.take(out);
                self.after_blank = false;
                return;
            }
        }
        self.after_blank = false;
        let mut marker = false;
        if let Some(m) = list_marker(line) {
            let bullet = line.starts_with([
                '•', '·', '▪', '◦', '●', '○', '■', '□', '►', '*', '-', '–', '+',
            ]);
            if self.layout.numbered || bullet {
                // Char boundary: `m` is where a trimmed suffix of `line` starts.
                line = line[m..].fast_trim_start();
                marker = true;
            }
        }
        self.process_pending(Some(line), out);
        // (In the buffer of the line decided before: no allocation per
        // line.)
        let mut buf = std::mem::take(&mut self.spare_line);
        buf.clear();
        buf.push_str(line);
        self.pending = Some(Pending {
            lineno,
            line: buf,
            indent,
            marker,
        });
    }

    /// Decides the pending line, knowing the line after it.
    fn process_pending(&mut self, next: Option<&str>, out: &mut Vec<Segment>) {
        let Some(p) = self.pending.take() else {
            return;
        };
        let line = p.line.as_str();
        let indent_min = *self.min_indent.get_or_insert(p.indent);
        if p.indent < indent_min {
            self.min_indent = Some(p.indent);
        }
        let new_ref = if self.text.is_empty() {
            true
        } else if self.paragraph_break {
            p.marker || !paragraph_goes_on(&self.text, line)
        } else {
            match self.layout.mode {
                // A line in lower case with its own date after a whole
                // reference is one too ("jacob, sudhin, & Tiruveedhula, K.
                // (2021).", "labor. (n.d.). In The Free Dictionary.").
                Mode::OnePerLine => {
                    !continues(line)
                        || p.marker
                        || ends_like_reference(&self.text) && early_date(scan::trim(line))
                }
                Mode::Paragraphs | Mode::Wrapped => self.starts_new(line, p.marker, p.indent, next),
            }
        };
        self.paragraph_break = false;
        if new_ref {
            self.take(out);
        }
        if self.text.is_empty() {
            self.first_line = p.lineno;
        }
        if let Some(w) = self.layout.join_window(line) {
            self.joins.push(w.to_string());
        }
        if self.text.capacity() == 0 {
            self.text = self.spare_text(line.len());
        }
        let at = self.text.len();
        join_line(&mut self.text, line, &self.layout.vocabulary);
        let at = if self.text.as_bytes().get(at) == Some(&b' ') {
            at + 1
        } else {
            at
        };
        self.line_starts.push((at, p.lineno));
        self.last_line = p.lineno;
        self.last_indent = p.indent;
        // The line is the last one now; the last one's buffer is kept
        // for the next line.
        self.spare_line = std::mem::replace(&mut self.last_line_text, p.line);
    }

    /// A line in capitals that only its capitals make a running head:
    /// one when the line before ended inside a sentence in lower case
    /// (several words, the last a plain word: a title in capitals has its
    /// line before in capitals, a link's piece is one word) and the line
    /// itself does not end with a word that goes on ("… RELATING TO").
    fn caps_line_interrupts(&self, line: &str) -> bool {
        let Some(p) = &self.pending else {
            return false;
        };
        let prev = p.line.fast_trim_end();
        let Some((_, last)) = prev.rsplit_once(' ') else {
            return false;
        };
        let plain_lower = last
            .trim_end_matches([',', ':'])
            .chars()
            .all(|c| c.is_alphabetic() || c == '-')
            && last.chars().any(char::is_lowercase);
        let goes_on = line.fast_trim_end().rsplit(' ').next().is_some_and(|w| {
            w.ends_with([':', ',', '-', '–'])
                || matches!(
                    w,
                    "A" | "AN"
                        | "THE"
                        | "OF"
                        | "TO"
                        | "IN"
                        | "ON"
                        | "FOR"
                        | "AND"
                        | "WITH"
                        | "AT"
                        | "BY"
                        | "FROM"
                        | "OR"
                )
        });
        plain_lower && !goes_on
    }

    fn starts_new(&self, line: &str, marker: bool, indent: usize, next: Option<&str>) -> bool {
        if marker {
            return true;
        }
        // What the reference so far ends with (a URL may have started on
        // an earlier line).
        let so_far = self.text.as_str();
        let after_comma = comma_before_next(so_far, line);
        // A line in lower case with its own date group after a whole,
        // dated reference is the next reference ("jacob, sudhin, &
        // Tiruveedhula, K. (2021).", "labor. (n.d.). In The Free
        // Dictionary."), not more of it.
        if line.starts_with(char::is_lowercase)
            && ends_like_reference(so_far)
            && early_date(scan::trim(line))
            && date_group_start(so_far).is_some()
            && !(self.layout.hanging_indent && indent > self.min_indent.unwrap_or(0))
        {
            return true;
        }
        if continues(line) || forces_continuation(so_far) && !after_comma {
            return false;
        }
        // A name's initials broken over lines, as a word processor does at
        // the space between them: "Permenter, J." / "L., & Arbesman, K.
        // (2001)."; "Yaroshevskaya, S." / "V. (2017). Title".
        // And a reference does not end with an initial: "In M. R." /
        // "Marlo, N. B. Adams, … (Eds.)," goes on with the editors.
        if ends_with_initial(so_far) && (starts_with_initial(line) || !early_date(line)) {
            return false;
        }
        // More of a URL broken at the line end: "Report.10",
        // "//theintercept.com/...", "EESJ201404ART32", "NBK1825/".
        if ends_in_url(so_far) && url_piece_line(line) {
            return false;
        }
        // A parenthesis or bracket opened on the previous line and not yet
        // closed: "(pp." / "[Doctoral dissertation,".
        let prev = self.last_line_text.as_str();
        if prev.matches('(').count() > prev.matches(')').count()
            || prev.matches('[').count() > prev.matches(']').count()
        {
            return false;
        }
        if self.layout.hanging_indent {
            let min = self.min_indent.unwrap_or(0);
            if indent > min {
                return false;
            }
            if ends_like_reference(so_far) {
                return true;
            }
        }
        if !ends_like_reference(so_far) {
            // "(UMI No. 3051234)" can end a reference with no period after
            // it: then only a line that is plainly a new reference (a name,
            // then the date) starts one.
            // So can a link copied out of a PDF with spaces in it
            // ("https:/ / www . sipri . org / … way-forward"): then only a
            // name, its initials and the date start the next reference.
            let t = scan::trim(line);
            let author = author_start(t);
            let capital = t.chars().next().is_some_and(char::is_uppercase) || author;
            // Only the end of the reference so far is searched, so that a
            // long run of lines stays linear.
            let tail = so_far
                .get(floor_char_boundary(so_far, so_far.len().saturating_sub(1000))..)
                .unwrap_or_default();
            // So can a DOI a PDF spaced out ("doi: 10 .1016/j.amjmed.2012").
            let link = [tail.rfind("http"), tail.rfind("www"), tail.rfind("doi")]
                .into_iter()
                .flatten()
                .max()
                .and_then(|i| tail.get(i..));
            let at_link = link.is_some_and(|l| !l.contains(". ") || l.contains(" / "));
            // Nothing but the link (perhaps spaced out) after its start.
            let link_only = link.is_some_and(|l| {
                l.split_whitespace().all(|w| {
                    w.chars()
                        .all(|c| c.is_alphanumeric() || "/.:-_?=&#%~+@".contains(c))
                })
            });
            let closed = so_far.fast_trim_end().ends_with(')');
            // The date of a long author list may be on the next line.
            let early = early_date(t);
            // (Or a name alone on its line, the date opening the next:
            // "Klein, E." / "(2011, November 7).")
            let dated = early
                || author
                    && (t.ends_with(',') || next.is_some_and(|n| date_group_start(n) == Some(0)))
                    && next.is_some_and(|n| early_date(&format!("{t} {n}")));
            // After a link, a title-first reference with its date on its
            // first line: "Woher kommt …? (2024, March 5). SWR."
            if !(after_comma
                || capital
                    && dated
                    && (closed && early || (closed || at_link) && author || link_only && early))
            {
                return false;
            }
        }
        let mut strong = starts_like_reference(line);
        if !strong && self.layout.mode == Mode::Wrapped {
            // A title-first reference whose date is on its second line:
            // "Anpassung der Personalstruktur ... an die Erfordernisse" /
            // "der neunziger Jahre. (1992). Mitteilungsblatt ...".
            if let Some(n) = next {
                let capital = line.chars().next().is_some_and(|c| !c.is_lowercase());
                // A title that ends its line with a period when the date
                // opens the next one: "Forside." / "(2024). In …".
                let date_next = date_group_start(n) == Some(0);
                if capital
                    && (date_next || !line.contains(". ") && !line.fast_trim_end().ends_with('.'))
                    && !author_start(n)
                    && !continues_url(n)
                {
                    strong = early_date(&format!("{line} {n}"));
                }
            }
        }
        if self.layout.mode == Mode::Paragraphs {
            // Inside a paragraph only a line that is plainly a new
            // reference (and a complete previous one) splits it; the date
            // may be a Harvard list's, without its period, after a
            // complete one ("Creswell, J.W. & Creswell, J.D. (2018)
            // Research design").
            let t = scan::trim(line);
            return strong
                && author_start(t)
                && (early_date(t) || ends_like_reference(so_far) && harvard_date(t));
        }
        strong
    }

    /// Ends the input: appends the last reference(s) to `out`.
    pub fn finish(&mut self, out: &mut Vec<Segment>) {
        self.process_pending(None, out);
        self.take(out);
        out.extend(self.held.take());
    }
}

/// Segments a whole text (convenience for inputs already in memory).
pub fn segment(text: &str) -> Vec<Segment> {
    let layout = Layout::detect(text.lines().take(SAMPLE_LINES));
    let mut seg = Segmenter::new(layout);
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        // A lone CR is a line end too.
        let line = line.strip_suffix('\r').unwrap_or(line);
        for part in line.split('\r') {
            seg.push_line(i + 1, part, &mut out);
        }
    }
    seg.finish(&mut out);
    out
}

/// How many lines [`Layout::detect`] looks at.
pub const SAMPLE_LINES: usize = 5000;

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        #[test]
        fn family_names_on_bytes_as_by_chars(fam in proptest::collection::vec(
            proptest::prop_oneof![
                "[A-Z]\\.",
                "[A-Z][a-z]{0,5}",
                "[A-Z]\\.-[A-Z]\\.",
                "[ .'\\-\t0-9a-z]{0,2}",
            ],
            0..7,
        ).prop_map(|w: Vec<String>| w.concat())) {
            proptest::prop_assert_eq!(family_name_ascii(fam.as_bytes()), family_name_by_chars(&fam), "{:?}", fam);
        }

        #[test]
        fn bare_labels_found_by_last_letter_as_by_all(t in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(
                    LINK_LABELS.iter().chain(WEAK_LINK_LABELS).copied().collect::<Vec<_>>()
                ).prop_map(str::to_string),
                proptest::sample::select(
                    LINK_LABELS.iter().chain(WEAK_LINK_LABELS).copied().collect::<Vec<_>>()
                ).prop_map(|l| {
                    // Title case, as web pages print them ("Google Scholar").
                    l.split(' ')
                        .map(|w| {
                            let mut cs = w.chars();
                            cs.next().map_or(String::new(), |c| c.to_uppercase().chain(cs).collect())
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                }),
                proptest::sample::select(
                    LINK_LABELS.iter().chain(WEAK_LINK_LABELS).copied().collect::<Vec<_>>()
                ).prop_map(|l| l.to_ascii_uppercase()),
                "[a-zA-Z]{1,3}",
                "[ ,|;\\]\\[®\u{a0}é:&/]{1,2}",
            ],
            0..5,
        ).prop_map(|w: Vec<String>| w.concat())) {
            proptest::prop_assert_eq!(bare_label_at_end(&t), bare_label_at_end_reference(&t), "{:?}", t);
        }

        #[test]
        fn width_and_median_are_the_sorted_lengths(lens in proptest::collection::vec(0usize..300, 0..60)) {
            let (mut a, mut b) = (lens.clone(), lens);
            proptest::prop_assert_eq!(width_and_median(&mut a), width_and_median_by_sorting(&mut b));
        }
    }

    #[test]
    fn link_labels_are_ascii_lower_case() {
        // (As `bare_label_at_end` needs: it compares their last letters.)
        for l in LINK_LABELS.iter().chain(WEAK_LINK_LABELS) {
            assert!(l.is_ascii() && *l == l.to_ascii_lowercase(), "{l}");
        }
    }

    fn texts(s: &str) -> Vec<String> {
        segment(s).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn last_word_as_rsplit() {
        for t in [
            "",
            " ",
            "a",
            "a b",
            "ab  ",
            " x",
            "Title. https://doi.org/10.1/x",
            "é ü",
        ] {
            assert_eq!(
                last_word(t),
                t.rsplit(' ').next().unwrap_or_default(),
                "{t:?}"
            );
        }
    }

    #[test]
    fn initials_broken_over_lines() {
        // As Word or LibreOffice break a line at the space between two
        // initials.
        let s = "References\n\
            Adams, N. K., DeSilva, S. L., Self, S., Salas, G., Schubring, S., Permenter, J.\n\
            L., & Arbesman, K. (2001). The physical volcanology of the 1600 eruption of\n\
            Huaynaputina, southern Peru. Bulletin of Volcanology, 62, 493–518.\n\
            Akimova, M. K., Gorbacheva, E. I., Persiyantseva, S. V., & Yaroshevskaya, S.\n\
            V. (2017). Intellectual Differentiation in the Structure of Students’ Civil\n\
            Identity. 1–7. https://doi.org/10.15405/epsbs.2017.12.1\n\
            Aird, T. P., Farquharson, A. J., Bermingham, K. M., O’Sullivan, A., Drew, J.\n\
            E., & Carson, B. P. (2022). Fasted Sprint Interval Training. Nutrients, 14(23).\n";
        let t = texts(s);
        assert_eq!(t.len(), 3, "{t:#?}");
        assert!(t[0].contains("Permenter, J. L., & Arbesman"), "{}", t[0]);
        assert!(t[1].contains("Yaroshevskaya, S. V. (2017)"), "{}", t[1]);
        assert!(t[2].contains("Drew, J. E., & Carson"), "{}", t[2]);
        let s = "References\n\
            Assis, É. S., Gonçalves, L. P., Rodrigues, F. H., Vilharva, K. N., & Barros, N.\n\
            F. de. (2024a). Challenges of Indigenous Psychology in providing assistance\n\
            to university students. Estudos de Psicologia (Campinas), 41, e230095.\n\
            Brindle, J. A., & Atintono, S. A. (2012). A Comparative Study of Topological\n\
            Relation Markers in Two Gur Languages: Gurenɛ and Chakali. In M. R.\n\
            Marlo, N. B. Adams, C. R. Green, M. Morrison, & T. M. Purvis (Eds.),\n\
            Selected Proceedings of the 42nd Annual Conference on African Linguistics\n\
            (pp. 195–207). Cascadilla Proceedings Project.\n\
            Brinker, A. L. (2025). Memory Safety for Skeptics. ACM Queue, 23(5).\n";
        let t = texts(s);
        assert_eq!(t.len(), 3, "{t:#?}");
        assert!(t[0].contains("Barros, N. F. de. (2024a)"), "{}", t[0]);
        assert!(t[1].contains("In M. R. Marlo, N. B. Adams"), "{}", t[1]);
        let s = "References\n\
            Koenderink, J. J. (2008). Something Old, Something New, Something Borrowed, Something Blue. In D.\n\
            Forsyth, P. Torr, & A. Zisserman (Eds.), Computer Vision – ECCV 2008 (pp. 1–1). Springer.\n\
            https://doi.org/10.1007/978-3-540-88682-2_1\n\
            von Hicks, M. (2001). Design of a Carbon Fiber Composite Grid Structure for the GLAST Spacecraft\n\
            Using a Novel Manufacturing Technique (1st,). Stanford Press.\n\
            von Michael Ziegler. (2014). Die Technologie fällt nicht vom Himmel. AI, (003).\n";
        let t = texts(s);
        assert_eq!(t.len(), 3, "{t:#?}");
        assert!(t[0].contains("In D. Forsyth, P. Torr"), "{}", t[0]);
        assert!(t[2].starts_with("von Michael Ziegler. (2014)"), "{}", t[2]);
        // After a link (spaced out by the PDF), a title-first reference
        // dated on its first line starts; text with quotes after a link
        // is not a link, so a dated line after it ("Steady. (2014, …")
        // does not start one, but the title-first reference after the
        // link is split off where its title starts.
        let s = "References\n\
            Witte, J.-J., & Huang, A. (2025). Nieuwe vormen van autobeschikbaarheid. Kennisinstituut voor\n\
            Mobiliteitsbeleid. https : / / www . kimnet . nl / documenten / 2025 / 12 / 18 / nieuwe - vormen - van autobeschikbaarheid\n\
            Woher kommt “über die Wupper gehen”? (2024, March 5). SWR. https://www.swr.de/kultur/sprache/\n\
            woher-kommt-redensart-ueber-die-wupper-gehen-102.html\n\
            Tuttle, B. (2012, March 2). Struggling to Stay Afloat: Number of Underwater Homeowners. Time.\n\
            http://business.time.com/2012/03/02/struggling-to-stay-afloat/ “Grimm” & “Constantine” Fall\n\
            Steady. (2014, November 1). TV By The Numbers.\n";
        let t = texts(s);
        assert_eq!(t.len(), 4, "{t:#?}");
        assert!(t[1].starts_with("Woher kommt"), "{}", t[1]);
        assert!(t[2].ends_with("struggling-to-stay-afloat/"), "{}", t[2]);
        assert!(
            t[3].starts_with("“Grimm” & “Constantine” Fall Steady. (2014"),
            "{}",
            t[3]
        );
    }

    #[test]
    fn text_after_a_whole_link_is_not_more_of_it() {
        let v = HashSet::new();
        let mut acc = "Board. https://www.ntsb.gov/investigations/Pages/MAB2109.aspx".to_string();
        join_line(&mut acc, "CONTEMPORARY PRACTICE OF THE UNITED STATES", &v);
        assert!(
            acc.ends_with("MAB2109.aspx CONTEMPORARY PRACTICE OF THE UNITED STATES"),
            "{acc}"
        );
        let mut acc =
            "Retrieved from http://clients1.ibisworld.com/default.aspx?entid=1281".to_string();
        join_line(&mut acc, "DataCite Schema Repository. (2021).", &v);
        assert!(
            acc.ends_with("entid=1281 DataCite Schema Repository. (2021)."),
            "{acc}"
        );
        // A query after a page name, and a bare word alone on its line,
        // are more of the link.
        let mut acc = "Retrieved from https://en.wikipedia.org/w/index.php".to_string();
        join_line(&mut acc, "?title=Ketamine&oldid=1", &v);
        assert!(acc.ends_with("index.php?title=Ketamine&oldid=1"), "{acc}");
        let mut acc = "Retrieved from https://www.loc.gov/resource/sn83045462".to_string();
        join_line(&mut acc, "ed1", &v);
        assert!(acc.ends_with("sn83045462ed1"), "{acc}");
    }

    #[test]
    fn particle_after_a_link_is_not_more_of_it() {
        let mut acc = "Analytik. https://doi.org/10.1002/3527603018.ch17".to_string();
        join_line(
            &mut acc,
            "von Michael Ziegler. (2014). Die Technologie.",
            &HashSet::new(),
        );
        assert!(acc.contains("ch17 von Michael"), "{acc}");
        // A path piece still joins.
        let mut acc = "Retrieved from https://doi.org/10.1002/3527603018.".to_string();
        join_line(&mut acc, "ch17", &HashSet::new());
        assert!(acc.ends_with("3527603018.ch17"), "{acc}");
    }

    #[test]
    fn wrapped_text_is_marked_so() {
        // Paragraphs of one line each: nothing was wrapped.
        let s = segment(
            "Doe, J. (2020). A title. Journal, 1, 2–3.\n\nRoe, R. (2021). Another. Press.\n",
        );
        assert!(s.iter().all(|x| !x.wrapped), "{s:?}");
        // A PDF's hard-wrapped list: every reference, even one on one line.
        let s = segment(
            "References\n\
             Doe, J. (2020). A title that is long enough to wrap onto the next\n\
             line of the page. Journal, 1, 2–3.\n\
             Roe, R. (2021). Another. Press.\n\
             Poe, E. (2019). A third title that is long enough to wrap onto the\n\
             next line. Journal, 4, 5–6.\n",
        );
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s.iter().all(|x| x.wrapped), "{s:?}");
    }

    #[test]
    fn paragraphs_with_wraps() {
        let s = "References\n\nGlue, P., & Lee, K. (2017). Ketamine for treat-\nment of anxiety. Journal, 31(10), 1302-\n1305. https://doi.org/10.1177/\n0269881117705089\n\nShin, S. (2019). A title. Korean Journal, 23(1), 81.\n";
        let t = texts(s);
        assert_eq!(t.len(), 2);
        assert_eq!(
            t[0],
            "Glue, P., & Lee, K. (2017). Ketamine for treatment of anxiety. Journal, 31(10), 1302-1305. https://doi.org/10.1177/0269881117705089"
        );
    }

    #[test]
    fn harvard_lines_inside_a_paragraph_split() {
        // A block of one-per-line Harvard references among paragraphs:
        // each line after a complete one, with names and a year without
        // its period, starts a reference; a wrapped line does not.
        let s = "World Bank. (2018). World development report. World Bank.

Bryman, A. (2016). Social research methods. Oxford: Oxford University Press.
Creswell, J.W. & Creswell, J.D. (2018) Research design. Thousand Oaks, CA: SAGE.
Braun, V. and Clarke, V. (2006) 'Using thematic analysis in psychology', Qualitative
Research in Psychology, 3(2), pp. 77-101.

Hattie, J. (2007). The power of feedback. Review of Educational Research, 77(1), 81-112.
";
        let t = texts(s);
        assert_eq!(t.len(), 5, "{t:#?}");
        assert!(
            t[3].starts_with("Braun, V.") && t[3].ends_with("pp. 77-101."),
            "{t:#?}"
        );
        assert!(!harvard_date("Smith, J. (2018). Title."));
        assert!(harvard_date("Creswell, J.W. (2018) Research design."));
    }

    #[test]
    fn a_bare_initial_before_the_date_starts_a_reference() {
        // An initial typed without its period before an APA date.
        let s = "Black, F. (2014). Harvard and in the names.\nJournal of Colours, 3(1), pp. 5-9.\nAdams, K (2013). Initial without period. Oxford University Press.\nMiller, L. (2012). Seasonal issue. The Quarterly, 8(2),\n100-110.\n";
        assert_eq!(texts(s).len(), 3, "{:#?}", texts(s));
    }

    #[test]
    fn word_pieces_of_a_long_list_join() {
        // A long list's words: a word broken at a line end has pieces that
        // are not among them; a compound's parts are.
        let mut vocab: HashSet<String> = (0..2000).map(|i| format!("word{i}")).collect();
        vocab.insert("treatment".to_string());
        let mut acc = "Foundations of Proba-".to_string();
        join_line(&mut acc, "bilistic Programming", &vocab);
        assert_eq!(acc, "Foundations of Probabilistic Programming");
        let mut acc = "Effects in treatment-".to_string();
        join_line(&mut acc, "refractory anxiety", &vocab);
        assert_eq!(acc, "Effects in treatment-refractory anxiety");
        // A short list has too few words to tell: the hyphen stays.
        let small: HashSet<String> = ["treatment".to_string()].into();
        let mut acc = "Foundations of Proba-".to_string();
        join_line(&mut acc, "bilistic Programming", &small);
        assert_eq!(acc, "Foundations of Proba-bilistic Programming");
    }

    #[test]
    fn real_hyphens_kept() {
        let s = "Glue, P. (2017). Effects in treatment-\nrefractory anxiety. Journal, 1, 2.\n\nB, C. (2019). X. Y.";
        assert!(texts(s)[0].contains("treatment-refractory"));
        // One letter before the hyphen is a compound's, never a word
        // broken by hyphenation.
        let s = "Gilbert, S. D. (2008). Riboswitch bound to S-\nadenosylmethionine in T-\ncells. Nature, 15(2), 177–182.\n\nB, C. (2019). X. Y.";
        assert!(texts(s)[0].contains("bound to S-adenosylmethionine in T-cells."));
    }

    #[test]
    fn one_per_line() {
        let s = "Glue, P. (2017). A. B, 1, 2.\nShin, S. (2019). C. D, 3, 4.\nWorld Health Organization. (2020). E. F.\n";
        assert_eq!(texts(s).len(), 3);
    }

    #[test]
    fn springer_author_year_lists_start_at_their_names() {
        // Names with bare initials and the year without a period start
        // references, in paragraphs as on lines of their own.
        let s = "Smith J, Lee K (2019) Learning in context. J Learn Sci 24(3):300–320. https://doi.org/10.1000/xyz\n\nSmith JA, Lee K, Park S (2019b) Learning in context. Springer, Berlin\n\nBrown A (2018) Memory and attention. Psychol Rev 12:1–20\n\nLee K, Smith J, Park S et al (2020) Sleep and grades. Sleep Med 5(2):100–110\n";
        assert_eq!(texts(s).len(), 4);
        assert_eq!(texts(&s.replace("\n\n", "\n")).len(), 4);
        // Not a title's words before a number in parentheses.
        assert!(!compact_names_then_year(
            "Journal of Applied Psychology (2019)"
        ));
        assert!(!compact_names_then_year("Smith J, Lee K (pp. 1–20)"));
    }

    #[test]
    fn long_one_line_paragraphs_are_references_whatever_they_start_with() {
        // Pasted paragraphs of one long line each: title-first references
        // with years outside parentheses do not start like APA ones.
        let r = |t: &str| {
            format!(
                "{t}. 2019. A long enough title of a report on something that matters to many of its readers, in many countries. Publisher of Reports, Somewhere."
            )
        };
        let s = [
            r("Report one"),
            r("Report two"),
            r("Report three"),
            r("Report four"),
        ]
        .join("\n\n");
        assert_eq!(texts(&s).len(), 4);
        // Names and a year without parentheses start one too.
        assert!(compact_names_then_title(
            "Kroenke K, Spitzer RL, Williams JB. The PHQ-9: validity of a brief"
        ));
        assert!(compact_names_then_title(
            "Lee J, Park S, et al. Sleep and mood."
        ));
        // One name, a group, an APA author: not Vancouver's start.
        assert!(!compact_names_then_title("Google AI. Title of a page."));
        assert!(!compact_names_then_title(
            "Smith, J. A., & Lee, K. (2019). Title."
        ));
        assert!(bare_year_start(
            "Smith, J., Lee, K., 2019. Learning in context."
        ));
        assert!(bare_year_start(
            "IBM Corp. Released 2017. IBM SPSS Statistics."
        ));
        assert!(!bare_year_start("Journal of Learning, 2019. Title."));
    }

    #[test]
    fn wrapped_pdf_text() {
        let s = "References\nAaronson, S., & Christiano, P. (2013). Quantum Money from Hidden Subspaces. Theory of Computing,\n9, 349–401. https://doi.org/10.4086/toc.2013.v009a009\nAalders, S. (2017). The fifth line: Thoughts of a painter (M. Ritchie, Trans.). Koenig Books.\nAbbott, D. A., Zelle, R. M., & van Maris, A. J. A. (2009). Metabolic engineering of Saccharomyces\ncerevisiae. FEMS Yeast Research, 9(8), 1123–1136.\n\n12\n\n\u{c}Abe, K. (2010). Title. Publisher.\n";
        let t = texts(s);
        assert_eq!(t.len(), 4, "{t:#?}");
        assert!(t[0].ends_with("toc.2013.v009a009"));
        assert!(t[2].contains("Saccharomyces cerevisiae"));
        assert_eq!(t[3], "Abe, K. (2010). Title. Publisher.");
    }

    #[test]
    fn page_break_in_hanging_indent_layout() {
        // `pdftotext -layout`: blank lines, the page number, then a form
        // feed before the first line of the next page, which is no indent.
        let s = "References\n\
            Cartwright, N. (1983). How the laws of physics lie. Oxford University\n     \
            Press.\n\
            Carver, C. S., & Scheier, M. F. (1998). On the self-regulation of\n     \
            behavior. Cambridge University Press.\n\
            Case, R. (1985). Intellectual development: Birth to adulthood. Academic\n     \
            Press.\n\
            Caspi, A., & Moffitt, T. E. (1991). Individual differences are accentuated\n     \
            during periods of social change. Journal of Personality and Social\n     \
            Psychology, 61(1), 157–168.\n\
            Cavanaugh, K. C., & Reed, D. C. (2010). Scaling giant kelp field measurements\n     \
            to regional scales. Marine Ecology Progress Series, 403, 13–27.\n\
            \n\
            \n                                       27\n\
            \u{c}Cavender, A.        (2010, March 26).            The second day of\n     \
            THATCamp. The Chronicle of Higher Education.\n\
            Cavill, N. (2011). Physical activity. Health Education Journal, 70(1), 1–2.\n";
        let t = texts(s);
        assert_eq!(t.len(), 7, "{t:#?}");
        assert!(t[5].starts_with("Cavender, A."), "{}", t[5]);
    }

    #[test]
    fn apacite_pdf_text() {
        // As pdftotext gives a list that apacite (APA 6) typeset: a DOI
        // broken after its prefix or spaced out, a title-first reference
        // with its date on the next line, ". . ." ending a line of names.
        let s = "References\n\
            Abe, K. (2001). Extensions. In Combinatorial data analysis (pp. 103–114). SIAM. doi: 10.1137/\n\
            1.9780898718553.ch6\n\
            Aalders, S. (2017). The fifth line: Thoughts of a painter (M. Ritchie, Trans.).\n\
            Koenig Books. doi: 10.1016/j.aipprr.2017.11.004\n\
            Forside.\n\
            (2024).\n\
            In Brukerhåndboken. Retrieved from https://\n\
            b.org/wiki/Forside\n\
            Babič, V., Belina, R., Gabrovec, P., Jagodič, M., Mohorič, A., Pirc, M., . . .\n\
            Tomić, I. (2022). Fizika. Državni izpitni center.\n\
            Donzé, J., Clair, C., & Hug, B. (2012). Risk of falls. The American Journal of\n\
            Medicine, 125 (8), 773–778. doi: 10 .1016/j.amjmed.2012.01.033\n\
            van Groen, M. M., & Eggen, T. J. H. M. (2020). Educational test approaches.\n\
            Journal of Applied Testing Technology, 21 (1), 12–24. doi: 10 .2143/EP.3.2.563038\n\
            Donzé, R. (2016, May 31). Der Weg ans Gymnasium wird steiniger. NZZ Am Sonntag.\n\
            Canadian Environmental Assessment Agency. (2009). Considering traditional knowledge\n\
            (Report). (Interim Principles)\n\
            Canard, B., Shannon, A., Fattorini, V., Sama, B., Selisko, B., Feracci, M.,\n\
            & Falcou, C. (2016). The SARS-coronavirus. Antiviral Research, 131, 19–29.\n\
            Boylan, R. T. (2004). Salaries. The Journal of Law & Economics, 47 (1), 75–92. doi:10.\n\
            1086/378695\n";
        let t = texts(s);
        let firsts: Vec<&str> = t
            .iter()
            .map(|r| r.split(" (").next().unwrap_or(""))
            .collect();
        assert_eq!(
            firsts,
            [
                "Abe, K.",
                "Aalders, S.",
                "Forside.",
                "Babič, V., Belina, R., Gabrovec, P., Jagodič, M., Mohorič, A., Pirc, M., . . . Tomić, I.",
                "Donzé, J., Clair, C., & Hug, B.",
                "van Groen, M. M., & Eggen, T. J. H. M.",
                "Donzé, R.",
                "Canadian Environmental Assessment Agency.",
                "Canard, B., Shannon, A., Fattorini, V., Sama, B., Selisko, B., Feracci, M., & Falcou, C.",
                "Boylan, R. T.",
            ],
            "{t:#?}"
        );
        assert!(
            t[0].ends_with("doi: 10.1137/1.9780898718553.ch6"),
            "{}",
            t[0]
        );
        assert!(
            t[1].ends_with("doi: 10.1016/j.aipprr.2017.11.004"),
            "{}",
            t[1]
        );
        assert!(
            t[2].ends_with("Retrieved from https://b.org/wiki/Forside"),
            "{}",
            t[2]
        );
        // "doi:10." at a line end: the DOI goes on.
        assert!(t[9].ends_with("doi:10.1086/378695"), "{}", t[9]);
    }

    #[test]
    fn page_number_inside_hanging_indent_list() {
        // A page footer copied with the text, on no line of its own.
        let s = "REFERENCES\n\nBandura, A. (1977). Self-efficacy: Toward a unifying theory of behavioral\n    change. Psychological Review, 84(2), 191-215.\nBeck, A. T., Steer, R. A., & Brown, G. K. (1996). Manual for the Beck Depression\n    Inventory-II. Psychological Corporation.\n                                                       24\nBolger, N., & Laurenceau, J.-P. (2013). Intensive longitudinal methods: An in-\n    troduction to diary research. Guilford Press.\nHayes, A. F. (2018). Introduction to mediation, moderation, and conditional\n    process analysis (2nd ed.). Guilford Press.\n";
        let t = texts(s);
        assert_eq!(t.len(), 4, "{t:?}");
        assert!(t[1].ends_with("Psychological Corporation."), "{t:?}");
        assert!(
            t[2].starts_with("Bolger") && t[2].contains("introduction"),
            "{t:?}"
        );
    }

    #[test]
    fn family_names_broken_at_line_ends() {
        let s = "1. Oberauer, K., Donkin, C., Far-\nrell, S., Nolen-\nHoeksema, S., & Vergau-\nwe, E. (2018). Self-\nesteem and well-\nbeing. Journal, 1, 2.\n2. Lee, K. (2019). A. B.\n";
        let t = texts(s);
        assert!(t[0].contains("Farrell, S."), "{t:?}");
        assert!(t[0].contains("Vergauwe, E."), "{t:?}");
        // A capitalised second part is a double name.
        assert!(t[0].contains("Nolen-Hoeksema"), "{t:?}");
        // After the date the usual rules apply.
        assert!(t[0].contains("Self-esteem"), "{t:?}");
    }

    #[test]
    fn common_long_words_rejoined_in_short_lists() {
        let s = "Engle, R. W. (2002). Working memory capacity as\nexecutive attention. Current Directions in Psycho-\nlogical Science, 11(1), 19–23.\nBaddeley, A. D. (1974). Working memory. In G. H. Bower (Ed.), The psychology of learning (pp. 47–89). Aca-\ndemic Press.\n";
        let t = texts(s);
        assert!(t[0].contains("Psychological Science"), "{t:?}");
        assert!(t[1].contains("Academic Press"), "{t:?}");
    }

    #[test]
    fn legal_references_and_order_numbers_start_and_end_references() {
        // One per line, but some lines do not start like "Name, I. (2000)"
        // and one ends without a period.
        let s = "Appelbaum, P. (2002). The effects of stress on memory (Doctoral dissertation). Retrieved from ProQuest Dissertations and Theses database. (UMI No. 3051234)\nWorld Bank. (2020). Poverty and shared prosperity 2020. https://doi.org/10.1596/978-1-4648-1602-4\nBigelow, L. (1993). Spatial memory in children. Dissertation Abstracts International, 53(12), 6305B.\nSmith, J. (2020). Cognitive load (Report No. 2020-3). Institute of Education Sciences. https://ies.ed.gov/report\nRoe v. Wade, 410 U.S. 113 (1973).\nIndividuals with Disabilities Education Act, 20 U.S.C. § 1400 (2004).\nMyers, D. G. (2010). Psychology (9th ed.). New York, NY: Worth.\n";
        let t = texts(s);
        assert_eq!(t.len(), 7, "{t:?}");
        // A group author after a reference that ends in ")".
        assert!(t[1].starts_with("World Bank."), "{t:?}");
        assert!(t[4].starts_with("Roe v. Wade"), "{t:?}");
        assert!(t[5].starts_with("Individuals with"), "{t:?}");
        assert!(legal_start(
            "Brown v. Board of Education, 347 U.S. 483 (1954)."
        ));
        assert!(!legal_start("Smith, J. (2019). Title. Journal, 1, 2."));
    }

    #[test]
    fn reference_after_a_spaced_out_link_starts_at_a_name_and_date() {
        // The link, as copied out of a PDF, has spaces in it and does not
        // read as a URL at its end; the next line is plainly a new reference.
        let s = "Erästö, T. (2021). New technologies and nuclear disarmament. SIPRI. https:/ / www . sipri . org / publications / 2021 / other - publications / new - technologies - and - nuclear\ndisarmament-outlining-way-forward\nErdei, J. (1991). Atlasz álmai. Aero & Rádió Kft.\n";
        let t = texts(s);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[0].contains("disarmament-outlining-way-forward"), "{t:?}");
        assert!(t[1].starts_with("Erdei, J. (1991)."), "{t:?}");
    }

    #[test]
    fn reference_after_a_link_cut_after_its_scheme_starts_at_a_name() {
        // Narrow (two-column) PDF text: the link breaks after "https:" and
        // its rest is spaced out; the next reference's names fill a line
        // and its date opens the line after.
        let s = "Digital Agriculture REU & FAO. (2024). Tsifrovye\nDerevni v Evrope i Tsentral’noi Azii. https:\n/ / openknowledge . fao . org / handle / 20 . 500 .\n14283/cc8237ru\nDimier-Poisson, I. H., Bout, D. T., & Quéré, P.\n(2004). Chicken primary enterocytes. Avian Diseases, 48 (3), 617–624.\n";
        let t = texts(s);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[0].ends_with("14283/cc8237ru"), "{t:?}");
        assert!(t[1].starts_with("Dimier-Poisson, I. H."), "{t:?}");
        // A link printed without its scheme, spaced out: "www . reddit".
        let s = "I use the exact same. . . [Reddit Comment]. (2020,\nOctober 9). R/Zotero. www . reddit . com /\nr / zotero / comments / j7ityb / zotero _ ipad _\nbookmarklet_not_working/g88zfcp/\nIablochnyi pui. (2011). Zhurnal “Kommersant’ Vlast’,” (49), 28.\n";
        let t = texts(s);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[1].starts_with("Iablochnyi pui. (2011)."), "{t:?}");
    }

    #[test]
    fn note_in_parentheses_ends_a_reference() {
        // apacite (APA 6) prints a note after the link with no period:
        // "(Computer software)", "(Pages: 164)". The next reference starts
        // in lower case with its date, or with a name alone on its line
        // and the date on the next.
        let s = "Scheffer, F. (2010). Lehrbuch der Bodenkunde (16th ed.).\nSpektrum. (Editor: Blume, Hans-Peter)\nschema: DataCite metadata schema repository. (2018). https://github.com/\ndatacite/schema. DataCite. Retrieved from https://github.com/\ndatacite/schema (Computer software)\nzotero: A tool to collect and cite your research sources. (2018).\nhttps://github.com/zotero/zotero (Computer software)\nKlein, E. (2008). Das war das Waldsterben (1st ed.). Rombach. (Pages: 164)\nKlein, E.\n(2011, November 7).\nJack Abramoff’s guide to buying congressmen.\nhttps://www.washingtonpost.com/blogs/ezra-klein/\n";
        let t = texts(s);
        assert_eq!(t.len(), 5, "{t:?}");
        assert!(t[1].starts_with("schema: DataCite"), "{t:?}");
        assert!(t[2].starts_with("zotero: A tool"), "{t:?}");
        assert!(t[4].starts_with("Klein, E. (2011, November 7)."), "{t:?}");
        // A role in parentheses is not a note: the editors' list goes on.
        let s = "Smith, J. (2019). A book. Press.\nBrown, A., & Lee, K. (Eds.)\n(2020). An edited book. Press.\n";
        assert_eq!(texts(s).len(), 2, "{:?}", texts(s));
    }

    #[test]
    fn line_starting_with_slashes_goes_on_a_link_cut_after_http() {
        // "//www.taz.de/" reads as a link of its own (scheme-relative), but
        // after a link that ends "http:" it is that link's rest.
        let s = "Taz.de. (2011, March 10). http://web.archive.org/web/20110310073553/http:
//www.taz.de/
Tchen, J. K. W., & Yeats, D. (2014). Yellow peril! Verso.
";
        let t = texts(s);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[0].ends_with("/http://www.taz.de/"), "{t:?}");
    }

    #[test]
    fn blank_lines_inside_references_do_not_split_them() {
        // pdfminer puts a blank line between a reference's first line and
        // its indented rest: most paragraphs do not start like references.
        let s = "[article]. (1902, June 18). Evening Star, 14. https://www.loc.gov/resource/\n\nsn83045462/1902-06-18/ed-1/\n\n[No title found]. (n.d.). Excelsior: Leadership in Teaching and Learning, 15.\n\nhttps://doi.org/10.14305/jn.19440413.2023.15\n\n“Oko kuća je močvara, u njoj aligatori”: Jugoistok Amerike poslije uragana Ida.\n\n(2021, September 1). Radio Slobodna Evropa. https://www.slobodnaevropa.org/a/x\n\nSmith, J. (2020). A title. Publisher.\n";
        let t = texts(s);
        assert_eq!(t.len(), 4, "{t:?}");
        assert!(t[0].ends_with("ed-1/"), "{t:?}");
        assert!(t[2].contains("Ida. (2021, September 1)."), "{t:?}");
        // A list whose references are paragraphs still splits at blank
        // lines, a title-first one with its date on its second line too.
        let s = "Smith, J. (2020). A title. Publisher.\n\nA very long title that the line wraps before its date\n(2019). Site. https://a.org/x\n\nDoe, A. (2018). Another. Press.\n";
        assert_eq!(texts(s).len(), 3);
    }

    #[test]
    fn page_range_broken_at_its_dash_is_not_a_list_number() {
        let s = "Abraham, J. A. (1999). Position statement. International Test Conference, 1132–\n1132. https://doi.org/10.1109/TEST.1999.805864\nAlamri, A. (2021). Diversity of microbial signatures. International Journal of General Medicine, 1367–\n1378. https://doi.org/10.2147/IJGM.S304339\nAndrade, T. d., & Escada, P. (2021). Trajectories. History of Meteorology, 10, 1–\n23. https://journal.meteohistory.org/79\n";
        assert!(!Layout::detect(s.lines()).numbered);
        let t = texts(s);
        assert_eq!(t.len(), 3, "{t:?}");
        assert!(t[0].contains("1132–1132. https://doi.org/"), "{t:?}");
    }

    #[test]
    fn title_first_reference_after_a_link_is_split_off() {
        // PyMuPDF breaks a justified line with wide gaps into pieces, so
        // the date of a title-first reference comes lines below its start.
        let s = "Adrion, J. R., Cole, C. B., & Kern, A. D. (2020). A community-maintained standard library of\npopulation genetic models. eLife, 9, e54967. doi: 10.7554/eLife.54967\nAfghan carpet industry facing major challenges:\nACCI.\n(2021, July 26).\nAriana News. Retrieved from https://ariananews.af/afghan-carpet\n-industry-facing-major-challenges-acci/\n";
        let segs = segment(s);
        assert_eq!(segs.len(), 2, "{segs:?}");
        assert!(segs[0].text.ends_with("10.7554/eLife.54967"), "{segs:?}");
        assert!(
            segs[1].text.starts_with(
                "Afghan carpet industry facing major challenges: ACCI. (2021, July 26)."
            ),
            "{segs:?}"
        );
        assert_eq!((segs[0].line, segs[0].end_line), (1, 2));
        assert_eq!((segs[1].line, segs[1].end_line), (3, 7));
        // After a note in parentheses that follows the link (apacite).
        let s = "Sixteen, A. (2020). Powerpoint. Retrieved from https://docs.google.com/presentation/d/13O08\n(Unpublished manuscript) Rule of thumb (Internet culture).\n(2021). In Wikipedia. Retrieved from https://en.wikipedia.org/w/index.php?title=1\n";
        let segs = segment(s);
        assert_eq!(segs.len(), 2, "{segs:?}");
        assert!(
            segs[0].text.ends_with("(Unpublished manuscript)"),
            "{segs:?}"
        );
        assert!(
            segs[1]
                .text
                .starts_with("Rule of thumb (Internet culture). (2021)."),
            "{segs:?}"
        );
        // Not after a link that text goes on from: "Retrieved from", a
        // parenthesis ("(Original work published 1900)").
        let s = "Freud, S. (1920). Beyond the pleasure principle. Hogarth Press. https://a.org/x (Original work\npublished 1920)\nJung, C. G. (1921). Psychological types. Rascher.\n";
        assert_eq!(segment(s).len(), 2);
    }

    #[test]
    fn reference_ending_in_a_comma_ends_before_a_name_and_date() {
        // The first reference lost its final period ("Princeton,"); the
        // next line is plainly a new reference, and the first one's date is
        // behind it, so the comma is not inside an author list.
        let s = "Erdös, P. (1942). On the asymptotic density of the sum of two sequences. Ann. Math., Princeton,\nErhart, H. (2023). Katharina Staritz. Band 2: 1903-1953 / Ilse Meseberg-Haubold, Dietgard Meyer ; unter\nMitarbeit von Hannelore Erhart. Vandenhoeck & Ruprecht.\n";
        let t = texts(s);
        assert_eq!(t.len(), 2, "{t:#?}");
        assert!(t[1].starts_with("Erhart, H. (2023)."), "{t:#?}");
        // An author list broken after a comma still goes on: the reference
        // so far has no date yet.
        let s = format!(
            "{s}Smith, J., Jones, K., Brown, L., Green, M., White, N., Black, O.,\nGray, P. (2020). A title. Journal, 1(2), 3–4.\n"
        );
        let t = texts(&s);
        assert_eq!(t.len(), 3, "{t:#?}");
        assert!(t[2].starts_with("Smith, J., Jones, K.,"), "{t:#?}");
        // The same with blank lines between the references.
        let s = "Erdös, P. (1942). On the asymptotic density. Ann. Math., Princeton,\n\nErhart, H. (2023). Katharina Staritz. Vandenhoeck & Ruprecht\n\nFullwood, M. J., Liu, M. H., Pan, Y. F., Orlov,\n\nY. L., & Ruan, Y. (2009). An interactome. Nature, 462, 58–64.\n\nGlue, P. (2017). Ketamine. Journal, 1, 2.\n";
        assert_eq!(Layout::detect(s.lines()).mode, Mode::Paragraphs);
        let t = texts(s);
        assert_eq!(t.len(), 4, "{t:#?}");
        assert!(t[1].starts_with("Erhart, H.") && t[2].contains("Orlov, Y. L., & Ruan"));
    }

    #[test]
    fn short_list_wrapped_in_its_author_lists_is_not_one_per_line() {
        // Every line starts with a name, but two end after a comma: the
        // author lists go on on the next lines.
        let s = "Smith, J., Jones, K., Brown, L., Green, M., White, N., Black, O.,\nGray, P. (2020). A title. Journal, 1(2), 3–4.\nAdams, J., Jones, K., Brown, L., Green, M., White, N., Black, O.,\nGray, P. (2021). Another title. Journal, 2(1), 5–6.\nSmith, J. (2020). A third title. Journal, 1(2), 7–8.\n";
        assert_eq!(Layout::detect(s.lines()).mode, Mode::Wrapped);
        let t = texts(s);
        assert_eq!(t.len(), 3, "{t:#?}");
        assert!(t[1].starts_with("Adams, J.") && t[1].contains("Gray, P. (2021)"));
        // Without such lines, it is one reference per line.
        let s = "Smith, J. (2020). A title. Journal, 1(2), 3–4.\nAdams, J. (2021). Another title. Journal, 2(1), 5–6.\n";
        assert_eq!(Layout::detect(s.lines()).mode, Mode::OnePerLine);
    }

    #[test]
    fn number_after_a_link_broken_at_a_dot_is_the_links_rest() {
        // pdftotext breaks links after "." and "-"; a rest of digits alone
        // on a line is not a page number, unless it is the next page's.
        let s = "Alpha, A. (2001). A first title that wraps\nat its end. Journal, 1, 2–3.\nBeta, B. (2002). A second title that wraps\nat its end. Journal, 1, 2–3.\nGamma, C. (2003). A third title that wraps\nat its end. Journal, 1, 2–3.\nReviewer, A. (2016). Report on 1607.01285v1 [Peer review]. https://scipost.org/SciPost.Report.\n10\nBabinski, S., & Bowern, C. (2019). A Robin Hood approach to forced\nalignment. Proceedings of the Linguistic Society of America, 4, 3:1–12. https://doi.org/10.3765/plsa.v4i1.\n4468\n\n11\n\n\u{c}Smith, J. (2020). Title. Journal of Things, 1(2), 3–4. https://doi.org/10.1000/abc-\n12\n\u{c}Some, J. (2020). Another title goes on for a while on its first line and\nends on the next one. Journal, 1(2), 3–4. https://example.org/page/\n13\nLast, A. (2020). Title. Journal, 1(2), 3–4. https://doi.org/10.1000/d.\n77\nWrapped, W. (2021). The end of the\nlist. Journal, 2, 5–6.\n";
        assert_eq!(Layout::detect(s.lines()).mode, Mode::Wrapped);
        let t = texts(s);
        assert_eq!(t.len(), 9, "{t:#?}");
        assert!(
            t[3].ends_with("https://scipost.org/SciPost.Report.10"),
            "{t:#?}"
        );
        assert!(
            t[4].ends_with("https://doi.org/10.3765/plsa.v4i1.4468"),
            "{t:#?}"
        );
        // "12" is a page number: the one after "11"; and a link ending
        // with "/" is complete.
        assert!(t[5].ends_with("10.1000/abc-"), "{t:#?}");
        assert!(t[6].ends_with("https://example.org/page/"), "{t:#?}");
        // Not the next page's number: the link's rest.
        assert!(t[7].ends_with("10.1000/d.77"), "{t:#?}");
    }

    #[test]
    fn one_per_line_reference_in_lower_case_with_its_date_is_one() {
        let s = "Jackson, M. O. (2014). Networks. Journal of Economic Perspectives, 28(4), 3–22. https://doi.org/10.1257/jep.28.4.3\njacob,  sudhin, & Tiruveedhula, K. (2021). Benchmarking Methodology for EVPN. Internet Engineering Task Force.\nlabor. (n.d.). In The Free Dictionary. http://www.thefreedictionary.com/labor\nmл, Г. С. У. (2014). Алгоритмические трюки для программистов. Вильямс.\nSmith, J. (2020). A title that a user\nwrapped by hand. Journal, 1, 2–3.\nSmith, K. (2021). Another. Journal, 2, 4–5.\nSmith, L. (2022). A third. Journal, 3, 6–7.\nSmith, M. (2023). A fourth. Journal, 4, 8–9.\nSmith, N. (2024). A fifth. Journal, 5, 1–2.\nSmith, O. (2025). A sixth. Journal, 6, 3–4.\n";
        assert_eq!(Layout::detect(s.lines()).mode, Mode::OnePerLine);
        let t = texts(s);
        assert_eq!(t.len(), 10, "{t:#?}");
        assert!(
            t[1].starts_with("jacob,") && t[2].starts_with("labor.") && t[3].starts_with("mл,")
        );
        assert!(
            t[4].ends_with("wrapped by hand. Journal, 1, 2–3."),
            "{t:#?}"
        );
    }

    #[test]
    fn wrapped_reference_in_lower_case_with_its_date_is_one() {
        // Hard-wrapped with hanging indents, and without: a line in lower
        // case with its own date after a whole reference starts one; an
        // indented one, or one after an unfinished title, does not.
        let s = "Jackson, M. O. (2014). Networks in the Understanding of Economic\n    Behaviors. Journal of Economic Perspectives, 28(4), 3–22.\n    https://doi.org/10.1257/jep.28.4.3\njacob,  sudhin, & Tiruveedhula, K. (2021). Benchmarking Methodology\n    for EVPN. Internet Engineering Task Force.\nlabor. (n.d.). In The Free Dictionary.\n    http://www.thefreedictionary.com/labor\nAnpassung der Personalstruktur der Fachhochschulbibliotheken an die\n    der neunziger Jahre. (1992). Mitteilungsblatt, 4(1), 364–372.\n";
        let plain: String = s.lines().map(|l| format!("{}\n", l.trim_start())).collect();
        for s in [s, plain.as_str()] {
            let t = texts(s);
            assert_eq!(t.len(), 4, "{t:#?}");
            assert!(
                t[1].starts_with("jacob,") && t[2].starts_with("labor."),
                "{t:#?}"
            );
            assert!(
                t[3].contains("an die der neunziger Jahre. (1992)"),
                "{t:#?}"
            );
        }
    }

    #[test]
    fn editors_line_is_not_a_reference_start() {
        // A family name holds no initial: these lines go on with a chapter
        // or a title.
        assert!(!author_start(
            "In M. R. Marlo, N. B. Adams, C. R. Green, M. Morrison, & T. M. Purvis"
        ));
        assert!(!author_start(
            "Von K. Christmann, C. Wermke, K. Schulze und M. Matern: Dioxin"
        ));
        assert!(author_start("St. Clair, J. (2020). Title."));
        assert!(author_start("van der Berg, A.-M. (2020). Title."));
        let s = "Brindle, J. A., & Atintono, S. A. (2012). A Comparative Study of\nTopological Relation Markers in Two Gur Languages: Gurenɛ and Chakali.\nIn M. R. Marlo, N. B. Adams, C. R. Green, M. Morrison, & T. M. Purvis\n(Eds.), Selected Proceedings of the 42nd Annual Conference on African\nLinguistics (pp. 195–207). Cascadilla Proceedings Project.\nBrown, A. (2013). Another. Journal, 1, 2–3.\n";
        let t = texts(s);
        assert_eq!(t.len(), 2, "{t:#?}");
    }

    #[test]
    fn soft_hyphen_at_a_line_end_joins_the_word() {
        let s = "Smith, J. (2019). The effects of cognitive behavioral treat\u{AD}\nment on anxiety. Journal of Anxiety Disorders, 12(3), 45–67.\nBrown, K. (2020). Another title about psycho\u{AD}\nlogical interventions. Psychological Science, 31(2), 100–110.\n";
        let t = texts(s);
        assert_eq!(t.len(), 2, "{t:#?}");
        assert!(t[0].contains("behavioral treatment on"), "{t:#?}");
        assert!(t[1].contains("about psychological interventions"), "{t:#?}");
    }

    #[test]
    fn paragraph_broken_at_a_page_end_goes_on() {
        // pdfminer's text of a Word list: a blank line between references,
        // and also where a page ended inside one.
        let s = "Andrade, T. de, & Escada, P. (2021). Trajectories and reconversions of the\nCenter for Weather Forecasting and Climate Studies (CPTEC): Forming the\n\nmeteorological science elite in Brazil. History of Meteorology, 10, 1–23.\nhttps://journal.meteohistory.org/index.php/hom/article/view/79\n\nAnthony, A. (2018, May 27). Bullshit Jobs: A Theory review. The Observer.\n\nhttps://www.theguardian.com/books/2018/may/27/bullshit-jobs\n\nFullwood, M. J., Liu, M. H., Pan, Y. F., Orlov,\n\nY. L., & Ruan, Y. (2009). An oestrogen-receptor-bound human chromatin interactome. Nature, 462(7269), 58–64.\n\nnon-braking space; tilde\noperator. (n.d.).\n\nNordset, B. (1995). Mat frå gard og grend. Lesja bondekvinnelag.\n";
        // Enough whole paragraphs for blank lines to count as separators.
        let more = "\nA, B. (2001). One. P.\n\nB, C. (2002). Two. P.\n\nC, D. (2003). Three. P.\n\nD, E. (2004). Four. P.\n\nE, F. (2005). Five. P.\n\nF, G. (2006). Six. P.\n\nG, H. (2007). Seven. P.\n\nH, I. (2008). Eight. P.\n\nI, J. (2009). Nine. P.\n\nJ, K. (2010). Ten. P.\n";
        let s = format!("{s}{more}{more}");
        assert_eq!(Layout::detect(s.lines()).mode, Mode::Paragraphs);
        let t = texts(&s);
        assert_eq!(t.len(), 25, "{t:#?}");
        assert!(
            t[0].contains("Forming the meteorological science elite"),
            "{t:#?}"
        );
        assert!(t[1].ends_with("bullshit-jobs"), "{t:#?}");
        assert!(t[2].contains("Orlov, Y. L., & Ruan"), "{t:#?}");
        assert!(t[3].starts_with("non-braking space"), "{t:#?}");
    }

    #[test]
    fn title_first_reference_dated_lines_below_is_split_at_its_line() {
        let s = "Cristiansson, T. (2018, March 9). Gatukonstnär vill ge hopp i krigskaoset. Dagens\nNyheter. Bonnier.\nCriminal files - Supreme Court, Northern District,\nTownsville [Depositions and indictments].\n(n.d.). https://www.archivessearch.qld.gov.au/items/ITM276520\nCrompton, J. (1988). The sea. Nick Lyons Books.\n";
        let segs = segment(s);
        assert_eq!(segs.len(), 3, "{segs:#?}");
        assert!(segs[0].text.ends_with("Nyheter. Bonnier."), "{segs:#?}");
        assert!(
            segs[1].text.starts_with("Criminal files - Supreme Court"),
            "{segs:#?}"
        );
        assert_eq!((segs[1].line, segs[1].end_line), (3, 5));
        // A title's second line after a period is not a reference: no date
        // follows it.
        let s = "Smith, J. (2019). A book title ends here.\nSubtitle Words Go On (2nd ed.). Publisher.\nDoe, A. (2018). Another. Press.\n";
        assert_eq!(segment(s).len(), 2);
    }

    #[test]
    fn title_in_single_quotes_starts_a_reference() {
        let s = "“Wragge.” (1903, February 7). Sunbury News, 4. http:\n//nla.gov.au/nla.news-article70068753\n‘Putin’s Kleptocracy.’ (2015, February 5). The New\nYork Review of Books, 62 (2).\n";
        let t = texts(s);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[1].starts_with("‘Putin’s Kleptocracy.’ (2015"), "{t:?}");
    }

    #[test]
    fn repeated_author_dash_takes_the_previous_authors() {
        let s = "Freud, S. (1900). The interpretation of dreams. Macmillan.\n———. (1920). Beyond the pleasure principle. Hogarth Press.\n---. (1923). The ego and the id. Hogarth Press.\nJung, C. G. (1921). Psychological types. Rascher.\n";
        let t = texts(s);
        assert_eq!(t.len(), 4, "{t:?}");
        assert_eq!(
            t[1],
            "Freud, S. (1920). Beyond the pleasure principle. Hogarth Press."
        );
        assert!(t[2].starts_with("Freud, S. (1923)."), "{t:?}");
        // A dash that does not stand for authors is left alone.
        assert_eq!(after_repeated_authors("- (2019). Title."), None);
        assert_eq!(after_repeated_authors("——— Title without a date."), None);
    }

    #[test]
    fn family_name_with_a_combining_accent_starts_a_reference() {
        // A browser's PDF, read by pdftotext: "é" as "e" and U+0301.
        let s = "Halsey, A. H., Lauder, H., Brown, P., &\nWells, A. S. (Eds.). (1997).\nEducation: Culture, Economy, and\nSociety. Oxford University Press.\nHancke\u{301}, B., Rhodes, M., & Thatcher, M.\n(Eds.). (2007). Beyond varieties of\ncapitalism. Oxford\nUniversity Press.\n";
        let t = texts(s);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[1].starts_with("Hancke\u{301}, B."), "{t:?}");
    }

    #[test]
    fn group_author_starting_with_a_number_starts_a_reference() {
        let s = "Adler, K. (2011, October 18). Spain's stolen babies. BBC News.\nhttp://blogs.ft.com/beyond-brics/2012/01/02/12-for-2012/?\nAuthorised=false#axzz1iLZdoFBr\n1000 Genomes Project Consortium, Abecasis, G. R., Altshuler, D.,\nAuton, A., & McVean, G. A. (2010). A map of human genome\nvariation. Nature,\n467(7319), 1061–1073. https://doi.org/10.1038/nature09534\n";
        let t = texts(s);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[0].ends_with("#axzz1iLZdoFBr"), "{t:?}");
        assert!(t[1].starts_with("1000 Genomes Project Consortium"), "{t:?}");
        // Volume and pages on a line of their own go on.
        assert!(!digit_group_then_authors("467(7319), 1061–1073."));
        assert!(!digit_group_then_authors("12 Monkeys, a film, and more."));
    }

    #[test]
    fn link_rest_of_one_digit_or_a_leading_zero_goes_on() {
        // A browser's PDF broke these links just before their last
        // characters; a page number has no leading zero.
        let s = "Carlin, A. S. (2012). Decision-theoretic meta-reasoning [University of\nMassachusetts Amherst].\nhttps://scholarworks.umass.edu/open_access_dissertations/5\n08\n\n\u{c}Coup in Argentina. (1944, February 18). Evening Post, 5.\nhttp://paperspast.natlib.govt.nz/newspapers/EP19440218.2.6\n1\nCrooks, E. (2012, January 3). China and Europe. Journal, 1, 2.\n";
        let t = texts(s);
        assert_eq!(t.len(), 3, "{t:?}");
        assert!(t[0].ends_with("open_access_dissertations/508"), "{t:?}");
        assert!(t[1].ends_with("EP19440218.2.61"), "{t:?}");
        assert!(is_page_number("8") && !is_page_number("08"));
    }

    #[test]
    fn link_labels_from_journal_pages_dropped() {
        let s = "References\n    Baumeister, R. F., & Leary, M. R. (1995). The need to belong. Psychological Bulletin, 117(3), 497–529. https://doi.org/10.1037/0033-2909.117.3.497\n    [Crossref] [PubMed] [Web of Science ®], [Google Scholar]\n    Cacioppo, J. T., & Patrick, W. (2008). Loneliness. W. W. Norton & Company. [Google Scholar]\n    Holt-Lunstad, J. (2010). Social relationships. PLoS Medicine, 7(7), e1000316.\nCrossref\nPubMed\nGoogle Scholar\nLee, K. (2019). A title about the Abstract. Publisher.\n";
        let t = texts(s);
        assert_eq!(t.len(), 4, "{t:?}");
        assert!(t[0].ends_with("0033-2909.117.3.497"), "{t:?}");
        assert!(t[1].ends_with("W. W. Norton & Company."), "{t:?}");
        assert!(t[2].ends_with("e1000316."), "{t:?}");
        assert_eq!(strip_link_labels("Google Scholar"), None);
        assert_eq!(
            strip_link_labels("Article  CAS  PubMed  Google Scholar"),
            None
        );
        assert_eq!(
            strip_link_labels("[Taylor & Francis Online], [Web of Science ®], [Google Scholar]"),
            None
        );
        // A weak label alone is a piece of the reference.
        assert_eq!(strip_link_labels("Article"), Some("Article"));
        assert_eq!(
            strip_link_labels(
                "Psychiatry, 62(6), 593–602. https://doi.org/10.1001/archpsyc.62.6.593 Article PubMed Google Scholar "
            ),
            Some("Psychiatry, 62(6), 593–602. https://doi.org/10.1001/archpsyc.62.6.593")
        );
        assert_eq!(
            strip_link_labels(
                "Abrams, D. (2001). A title of some length. Journal of Things, 12, 1–20. Article  CAS  Google Scholar"
            ),
            Some("Abrams, D. (2001). A title of some length. Journal of Things, 12, 1–20.")
        );
        // Bare labels stay after words: a title may end in one.
        assert_eq!(
            strip_link_labels("Lee, K. (2019). How to search in Google Scholar"),
            Some("Lee, K. (2019). How to search in Google Scholar")
        );
        assert_eq!(strip_link_labels("MathSciNet  MATH"), None);
        assert_eq!(strip_link_labels("[Crossref], [Google Scholar]"), None);
        assert_eq!(strip_link_labels("[Crossref] [Web of Science ®],"), None);
        // Glued together, as copied from a journal page.
        assert_eq!(
            strip_link_labels("CrossrefPubMedWeb of Science®Google Scholar"),
            None
        );
        assert_eq!(strip_link_labels("View in ScopusGoogle Scholar"), None);
        // De Gruyter's label, and a web page's footnote return arrow.
        assert_eq!(strip_link_labels("Search in Google Scholar"), None);
        // Oxford Handbooks Online's, over its links' lines.
        assert_eq!(strip_link_labels("Find this resource:"), None);
        assert_eq!(strip_link_labels("WorldCat"), None);
        assert_eq!(
            strip_link_labels("Lee, K. (2019). Title. Journal, 2, 3–4. ↩"),
            Some("Lee, K. (2019). Title. Journal, 2, 3–4.")
        );
        assert_eq!(
            strip_link_labels("PubMed Abstract | CrossRef Full Text | Google Scholar"),
            None
        );
        assert_eq!(
            strip_link_labels("View Article PubMed/NCBI Google Scholar"),
            None
        );
        // PubMed Central's labels after a reference; "[DOI]" only in brackets.
        assert_eq!(
            strip_link_labels(
                "Journal, 85(2), 348–362. doi: 10.1037/0022-3514.85.2.348 [DOI] [PubMed] [Google Scholar]"
            ),
            Some("Journal, 85(2), 348–362. doi: 10.1037/0022-3514.85.2.348")
        );
        assert_eq!(strip_link_labels("DOI"), Some("DOI"));
        // A glued word that is not all labels stays.
        assert_eq!(strip_link_labels("OpenScholar"), Some("OpenScholar"));
        // A title may end with a label's word.
        assert_eq!(
            strip_link_labels("Handbook of Web of Science"),
            Some("Handbook of Web of Science")
        );
        assert_eq!(
            strip_link_labels("Title [Data set]"),
            Some("Title [Data set]")
        );
    }

    #[test]
    fn running_heads_dropped() {
        let s = "Bandura, A. (1977). Self-efficacy: Toward a unifying theory of behavioral change. Psychological\n    Review, 84(2), 191–215.\n\nWORKING MEMORY AND AGING                                  24\n\nBeck, A. T. (1996). Manual for the Beck Depression Inventory-II.\n    Psychological Corporation.\nBolger, N., & Laurenceau, J.-P. (2013). Intensive longitudinal methods: An introduction to diary\n    and experience sampling research. Guilford Press.\n24                                          SMITH ET AL.\nCacioppo, J. T. (2010). Perceived social isolation makes me\n    sad. Psychology and Aging, 25(2), 453–463.\n";
        let t = texts(s);
        assert_eq!(t.len(), 4, "{t:?}");
        assert!(t[2].ends_with("Guilford Press."), "{t:?}");
        assert!(is_running_head("24     SMITH ET AL."));
        // An upper-case title is no running head without the page number.
        assert!(!is_running_head(
            "CONTEMPORARY PRACTICE OF THE UNITED STATES"
        ));
        assert!(!is_running_head("Smith, J.    (2019). Title."));
    }

    #[test]
    fn numbered_lists() {
        let s = "1. Glue, P. (2017). A. B, 1, 2.\n2. Shin, S. (2019). C\ncontinued. D, 3, 4.\n[3] Lee, K. (2020). E. F.\n";
        let t = texts(s);
        assert_eq!(t.len(), 3, "{t:#?}");
        assert_eq!(t[1], "Shin, S. (2019). C continued. D, 3, 4.");
        assert_eq!(t[2], "Lee, K. (2020). E. F.");
    }

    #[test]
    fn markers_and_page_numbers() {
        assert_eq!(list_marker("1. Glue"), Some(3));
        assert_eq!(list_marker("[12] Glue"), Some(5));
        assert_eq!(list_marker("[12]. Glue"), Some(6));
        let numbered: Vec<&str> = vec![
            "411 References",
            "412 Smith, J. (2020).",
            "413 Title.",
            "",
            "414 Doe",
            "415 x",
        ];
        assert!(has_line_numbers(&numbered));
        // Page ranges or years at line starts do not count up.
        let text = vec!["1302 Smith", "2020 Doe", "15 x", "1999 y", "3 z", "7 w"];
        assert!(!has_line_numbers(&text));
        for l in [
            "Downloaded from https://academic.oup.com/jpepsy/article/45/3/250/5678 by guest on 27 November 2026",
            "This document is copyrighted by the American Psychological Association or one of its allied publishers.",
            "This article is intended solely for the personal use of the individual user and is not to be disseminated broadly.",
            "© 2020 The Authors. Journal of Personality published by John Wiley & Sons Ltd",
            "Electronic copy available at: https://ssrn.com/abstract=3456789",
            "Author Manuscript",
        ] {
            assert!(is_boilerplate(l), "{l}");
        }
        for l in [
            "Downloaded files. Publisher.",
            "Copyright law in the digital age. Publisher.",
            "Author, A. (2020). Title. Publisher.",
        ] {
            assert!(!is_boilerplate(l), "{l}");
        }
        assert_eq!(caps_running_head("SMITH ET AL."), Some(true));
        assert_eq!(caps_running_head("16 SMITH AND JONES"), Some(true));
        assert_eq!(
            caps_running_head("JOURNAL OF ADOLESCENCE 82 (2020) 1–12"),
            Some(true)
        );
        assert_eq!(
            caps_running_head("EMOTION REGULATION IN ADOLESCENCE"),
            Some(false)
        );
        assert_eq!(caps_running_head("WHO. (2020). TITLE. PUBLISHER."), None);
        assert_eq!(caps_running_head("Smith, J. (2020). Title."), None);
        assert_eq!(
            caps_running_head("MENTAL MICROBIOLOGY, 76 (3), 744–750"),
            None
        );
        assert_eq!(
            caps_running_head("1521 - 3773(20000103 ) 39 : 1<165 :: AID ANIE165>"),
            None
        );
        assert!(is_heading("## References"));
        assert!(is_heading("**Bibliography**"));
        assert!(is_heading("References:"));
        assert!(!is_heading("# 5 References to the past"));
        // A numbered section, as a paper's text has its headings.
        assert!(is_heading("7. References"));
        assert!(is_heading("VI. REFERENCES"));
        assert!(is_heading("8 References"));
        assert!(is_heading("10.2 Bibliography"));
        assert!(!is_heading("7. Referencing styles"));
        assert!(!is_heading("Smith References"));
        assert_eq!(
            texts(
                "7. References\n\nSmith, J. (2010). Title of the work. Journal of Stuff, 12(3), 45–67.\n"
            ),
            ["Smith, J. (2010). Title of the work. Journal of Stuff, 12(3), 45–67."]
        );
        // The sections after a reference list.
        assert!(is_heading("Appendix A"));
        assert!(is_heading("Table 2"));
        assert!(is_heading("**Footnotes**"));
        assert!(is_heading(
            "Note. References marked with an asterisk indicate studies included in the meta-analysis."
        ));
        assert!(is_heading(
            "*Note.* Studies included in the review are marked with an asterisk."
        ));
        assert!(!is_heading(
            "Note, A. (2019). A family name that is a word, and an asterisk in its title."
        ));
        assert!(!is_heading("Table of contents"));
        assert!(!is_heading("Appendix ABC: Items"));
        assert_eq!(list_marker("• Glue"), Some(4));
        assert_eq!(list_marker("- Glue, A. (2017). T."), Some(2));
        assert_eq!(list_marker("* Glue, A. (2017). T."), Some(2));
        // A dash inside a wrapped title, or a repeated author's dashes.
        assert_eq!(list_marker("— The prediction of protein structure."), None);
        assert_eq!(list_marker("- the rest of it"), None);
        assert_eq!(list_marker("---. (2001). Title."), None);
        assert_eq!(list_marker("1302-1305."), None);
        assert!(is_page_number("12"));
        assert!(is_page_number("Page 3 of 10"));
        assert!(!is_page_number("1305."));
    }

    #[test]
    fn sections_after_the_list_end_the_last_reference() {
        // A paper's tail pasted with its list: the appendix and the tables
        // are not part of the last reference (they come out as text of
        // their own, which the parser reports).
        let s = "References\n\nSmith, J. (2019). Sleep. Journal, 28(3), 1–9.\n\nWalker, M. P. (2017).\nWhy we sleep. Scribner.\n\nAppendix A\n\nItems of the scale\n1. How often did you wake up?\n\nTable 1\nDescriptive Statistics\n";
        let segs = segment(s);
        assert_eq!(
            segs[1].text,
            "Walker, M. P. (2017). Why we sleep. Scribner."
        );
        assert!(
            segs.iter()
                .all(|g| !g.text.contains("Appendix") && !g.text.contains("Table 1"))
        );
        assert!(segs.iter().skip(2).all(|g| g.line > 8));
    }

    #[test]
    fn annotations_stay_with_their_reference() {
        let s = "Goleman, D. (1995). Emotional intelligence. Bantam Books.\n\nGoleman argues that emotional intelligence predicts success at work and in relationships better than IQ does, and summarizes research (Salovey & Mayer, 1990).\n\nIt has five parts, each discussed with examples from business and schools that make the ideas concrete for readers.\n\nWalker, M. P. (2017). Why we sleep. Scribner.\n";
        let segs = segment(s);
        assert_eq!(segs.len(), 2);
        let a = segs[0].annotation.as_deref().unwrap();
        assert!(a.starts_with("Goleman argues") && a.ends_with("concrete for readers."));
        assert!(a.contains('\n'));
        assert_eq!(segs[1].annotation, None);
        // References are not annotations, however long: a date, a link,
        // or a start like a reference's.
        assert!(!is_annotation(
            "Understanding trauma-informed care for children and families in the public mental health systems of the United States and Canada today. (2022). Substance Abuse and Mental Health Services Administration.",
            false
        ));
        assert!(!is_annotation(
            "Smith, J. A. Title of a book without its date that runs on for more than twenty words in all, as some hand-typed lists have it. Publisher.",
            false
        ));
        assert!(!is_annotation("A short note.", true));
    }

    #[test]
    fn crlf_and_lone_cr() {
        let s = "Glue, P. (2017). A. B.\r\n\r\nShin, S. (2019). C. D.\r\n";
        assert_eq!(
            texts(s),
            vec!["Glue, P. (2017). A. B.", "Shin, S. (2019). C. D."]
        );
        let s = "Glue, P. (2017). A. B.\rShin, S. (2019). C. D.\r";
        assert_eq!(texts(s).len(), 2);
    }
}
