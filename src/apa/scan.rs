//! Bracket- and quote-aware scanning of one reference's text: where the
//! top level is, where sentences (APA's "elements") end.
//!
//! All positions are byte offsets into the scanned string.

use super::lexicon;

/// Depth state while scanning left to right.
#[derive(Clone, Copy, Debug, Default)]
struct Depth {
    paren: u32,
    bracket: u32,
    dquote: bool,
    curly: u32,
    /// German-style quotes „…“ open low and close with “.
    low: u32,
}

impl Depth {
    fn top(&self) -> bool {
        self.paren == 0 && self.bracket == 0 && !self.dquote && self.curly == 0 && self.low == 0
    }

    fn step(&mut self, c: char) {
        match c {
            '(' => self.paren += 1,
            ')' => self.paren = self.paren.saturating_sub(1),
            '[' => self.bracket += 1,
            ']' => self.bracket = self.bracket.saturating_sub(1),
            '"' => self.dquote = !self.dquote,
            '„' => self.low += 1,
            '“' if self.low > 0 => self.low -= 1,
            '“' => self.curly += 1,
            '”' => self.curly = self.curly.saturating_sub(1),
            _ => {}
        }
    }
}

/// Byte offsets of characters of `s` that are at the top level (outside
/// parentheses, brackets and double quotes), with the character. The
/// opening and closing characters themselves are reported at the depth
/// outside them.
pub fn top_level(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut depth = Depth::default();
    let mut top = true;
    s.char_indices().filter_map(move |(i, c)| {
        // Only brackets and quotes change the depth.
        let before = top;
        if matches!(c, '(' | ')' | '[' | ']' | '"' | '„' | '“' | '”') {
            depth.step(c);
            top = depth.top();
        }
        // An opener is top-level when we were at the top before it, a
        // closer when we are at the top after it.
        (before || top).then_some((i, c))
    })
}

/// The offsets of the ASCII character `target` in `s` where it is at the
/// top level: [`top_level`] filtered for `target`, on bytes. The brackets
/// and straight quotes are ASCII, the curly quotes three-byte sequences,
/// and no byte of a multi-byte character is ASCII, so the offsets are
/// char boundaries.
pub fn top_level_ascii(s: &str, target: u8) -> impl Iterator<Item = usize> + '_ {
    debug_assert!(target.is_ascii());
    let b = s.as_bytes();
    let mut depth = Depth::default();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            // The skip: eight bytes at a time while none is a bracket, a
            // straight quote, the target or a non-ASCII byte (the curly
            // quotes' first byte is E2); then by table.
            {
                use crate::swar::eq_bits;
                let rest = b.get(i..).unwrap_or_default();
                // (The tests' bits or-ed: one branch for all.)
                // In bounds: a byte indexes 256 entries.
                i += crate::swar::position(
                    rest,
                    |w| {
                        (w | eq_bits(w | 0x0101_0101_0101_0101, b')')
                            | eq_bits(w, b'[')
                            | eq_bits(w, b']')
                            | eq_bits(w, b'"')
                            | eq_bits(w, target))
                            & 0x8080_8080_8080_8080
                            != 0
                    },
                    |c| c == target || DEPTH_BYTES[usize::from(c)],
                )?;
            }
            let &c = b.get(i)?;
            let at = i;
            i += 1;
            let ch = match c {
                b'(' | b')' | b'[' | b']' | b'"' => c as char,
                // „ “ ” are E2 80 9E, E2 80 9C, E2 80 9D.
                0xE2 => match (b.get(at + 1), b.get(at + 2)) {
                    (Some(0x80), Some(0x9E)) => '„',
                    (Some(0x80), Some(0x9C)) => '“',
                    (Some(0x80), Some(0x9D)) => '”',
                    _ => continue,
                },
                _ if c == target => {
                    if depth.top() {
                        return Some(at);
                    }
                    continue;
                }
                _ => continue,
            };
            let before = depth.top();
            depth.step(ch);
            if c == target && (before || depth.top()) {
                return Some(at);
            }
        }
    })
}

/// `s.trim()`, answered without the char walk when what is left after
/// the ASCII whitespace at both ends (tab to carriage return, space)
/// starts and ends with printable ASCII (the common case): a byte in
/// 0x21..=0x7E is a whole character, and not whitespace.
///
/// The common cases are inlined where it is called (this runs some forty
/// times per reference): nothing to trim, or the one space after a
/// separator (", 12(3)", the pieces `split_top` gives); the rest is
/// [`trim_other`].
#[inline]
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let graphic = |c: Option<&u8>| c.is_some_and(u8::is_ascii_graphic);
    if graphic(b.last()) {
        if graphic(b.first()) {
            return s;
        }
        if b.first() == Some(&b' ') && graphic(b.get(1)) {
            // Char boundary: just after an ASCII space.
            return s.get(1..).unwrap_or_default();
        }
    } else if b.last() == Some(&b' ')
        && graphic(b.first())
        && graphic(b.len().checked_sub(2).and_then(|i| b.get(i)))
    {
        // The one space before a separator ("Title ", the text before
        // " (Eds.)"). Char boundary: just before an ASCII space.
        return s.get(..b.len() - 1).unwrap_or_default();
    }
    trim_other(s)
}

/// [`trim`] for text that does not start and end with printable ASCII.
#[inline(never)]
fn trim_other(s: &str) -> &str {
    let b = s.as_bytes();
    let ws = |c: &u8| matches!(c, b'\t'..=b'\r' | b' ');
    let Some(start) = b.iter().position(|c| !ws(c)) else {
        // Only ASCII whitespace (or nothing): empty, at the start, as
        // `str::trim` gives it.
        return s.get(..0).unwrap_or_default();
    };
    let end = b.iter().rposition(|c| !ws(c)).map_or(start, |e| e + 1);
    // Char boundary: `start` and `end` are next to ASCII whitespace or
    // at the ends of `s`.
    let inner = s.get(start..end).unwrap_or_default();
    // What is left starts and ends with no ASCII whitespace; unless a
    // character of Unicode's other whitespace is at an end, which
    // `str::trim` would go on to remove, it is the trimmed text.
    // (Non-ASCII letters and closing quotes at the ends come here.) An
    // ASCII byte at an end is no whitespace (that was trimmed): only a
    // character that is not ASCII is decoded and asked.
    let ib = inner.as_bytes();
    let not_ascii = |b: Option<&u8>| b.is_some_and(|b| !b.is_ascii());
    let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    if not_ascii(ib.first()) && space(inner.chars().next())
        || not_ascii(ib.last()) && space(inner.chars().next_back())
    {
        return s.trim();
    }
    inner
}

/// `str::trim`, `trim_start` and `trim_end` with the common case answered
/// inline: a text that already starts (ends) with printable ASCII, which
/// is not whitespace, is kept as it is; the rest goes to the standard
/// library (whose trims are calls, some hundred per reference, most of
/// them with nothing to trim). `fast_trim` is [`trim`].
pub(crate) trait FastTrim {
    /// `str::trim`.
    fn fast_trim(&self) -> &str;
    /// `str::trim_start`.
    fn fast_trim_start(&self) -> &str;
    /// `str::trim_end`.
    fn fast_trim_end(&self) -> &str;
}

impl FastTrim for str {
    #[inline]
    fn fast_trim(&self) -> &str {
        trim(self)
    }

    #[inline]
    fn fast_trim_start(&self) -> &str {
        let b = self.as_bytes();
        if b.first().is_some_and(u8::is_ascii_graphic) {
            return self;
        }
        // The one space after a separator (the pieces `split_top` gives).
        if b.first() == Some(&b' ') && b.get(1).is_some_and(u8::is_ascii_graphic) {
            // Char boundary: just after an ASCII space.
            return self.get(1..).unwrap_or_default();
        }
        self.trim_start()
    }

    #[inline]
    fn fast_trim_end(&self) -> &str {
        let b = self.as_bytes();
        if b.last().is_some_and(u8::is_ascii_graphic) {
            return self;
        }
        // One space at the end, before printable ASCII.
        if let Some(n) = b.len().checked_sub(1)
            && b.get(n) == Some(&b' ')
            && n.checked_sub(1)
                .and_then(|p| b.get(p))
                .is_some_and(u8::is_ascii_graphic)
        {
            // Char boundary: the offset of an ASCII space.
            return self.get(..n).unwrap_or_default();
        }
        self.trim_end()
    }
}

/// True when `s` has balanced brackets and parentheses: each kind on its
/// own (the two counts do not interact), found with memchr (the brackets
/// are ASCII, and no byte of a multi-byte character is).
pub fn balanced(s: &str) -> bool {
    let pairs_up = |open: u8, close: u8| {
        let mut depth = 0i32;
        for i in memchr::memchr2_iter(open, close, s.as_bytes()) {
            if s.as_bytes().get(i) == Some(&open) {
                depth += 1;
            } else {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
        }
        depth == 0
    };
    pairs_up(b'(', b')') && pairs_up(b'[', b']')
}

/// The offset of the bracket that opens the group closed by the last
/// character of `s` (which must be `)` or `]`). On bytes: the brackets are
/// ASCII, and no byte of a multi-byte character is.
pub fn opening_of_trailing_group(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let close = *b.last()?;
    let open = match close {
        b')' => b'(',
        b']' => b'[',
        _ => return None,
    };
    let mut depth = 0i32;
    for (i, &c) in b.iter().enumerate().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// The group that ends `s` (whose last character must be `)` or `]`),
/// as (the text before it, the group with its brackets, the text inside).
pub fn split_trailing_group(s: &str) -> Option<(&str, &str, &str)> {
    let open = opening_of_trailing_group(s)?;
    let (before, group) = s.split_at_checked(open)?;
    let mut inner = group.chars();
    inner.next();
    inner.next_back();
    Some((before, group, inner.as_str()))
}

/// The offset just after the `)` or `]` that closes the group opened at
/// `open` (the byte offset of the opener). On bytes, as above.
pub fn closing_of_group(s: &str, open: usize) -> Option<usize> {
    let tail = s.as_bytes().get(open..)?;
    let o = *tail.first()?;
    let close = match o {
        b'(' => b')',
        b'[' => b']',
        _ => return None,
    };
    let mut depth = 0i32;
    for (i, &c) in tail.iter().enumerate() {
        if c == o {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(open + i + 1);
            }
        }
    }
    None
}

/// Where `pat` first is in `s`, found with memchr on its first byte:
/// `str::find` and `str::contains` build a Two-Way searcher on every
/// call, which in short text costs more than the search.
pub(crate) fn find_short(s: &str, pat: &str) -> Option<usize> {
    let Some(&first) = pat.as_bytes().first() else {
        return Some(0);
    };
    let b = s.as_bytes();
    let at = |i: usize| b.get(i..).is_some_and(|t| t.starts_with(pat.as_bytes()));
    // (In a few bytes a byte loop beats even memchr's setup.)
    if b.len() < 32 {
        return (0..b.len()).find(|&i| b.get(i) == Some(&first) && at(i));
    }
    memchr::memchr_iter(first, b).find(|&i| at(i))
}

/// [`find_short`] as `str::contains`.
pub(crate) fn contains_short(s: &str, pat: &str) -> bool {
    find_short(s, pat).is_some()
}

/// `s.rsplit_once(' ')`, by a byte loop from the end: the char searcher
/// sets up a word-at-a-time scan, which costs more than the few bytes
/// of the last word.
pub(crate) fn rsplit_once_space(s: &str) -> Option<(&str, &str)> {
    let i = s.as_bytes().iter().rposition(|&b| b == b' ')?;
    // (An ASCII space is a char of its own.)
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// `s.split_once(' ')`, by a byte loop (see [`rsplit_once_space`]).
pub(crate) fn split_once_space(s: &str) -> Option<(&str, &str)> {
    split_once_byte(s, b' ')
}

/// `s.find(c)` for an ASCII `c`, by a byte loop: in the short texts it
/// is asked of (a name, a volume, a DOI), the char searcher's setup and
/// its call to memchr cost more than the bytes.
pub(crate) fn find_byte(s: &str, c: u8) -> Option<usize> {
    debug_assert!(c.is_ascii());
    s.as_bytes().iter().position(|&b| b == c)
}

/// `s.split_once(c)` for an ASCII `c`, by a byte loop (see
/// [`find_byte`]).
pub(crate) fn split_once_byte(s: &str, c: u8) -> Option<(&str, &str)> {
    let i = find_byte(s, c)?;
    // (An ASCII byte is a char of its own.)
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// `s.rsplit_once(c)` for an ASCII `c`, by a byte loop from the end.
pub(crate) fn rsplit_once_byte(s: &str, c: u8) -> Option<(&str, &str)> {
    debug_assert!(c.is_ascii());
    let i = s.as_bytes().iter().rposition(|&b| b == c)?;
    // (An ASCII byte is a char of its own.)
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// [`split_once_short`] at the last match, as `str::rsplit_once`.
pub(crate) fn rsplit_once_short<'a>(s: &'a str, pat: &str) -> Option<(&'a str, &'a str)> {
    let &first = pat.as_bytes().first()?;
    let b = s.as_bytes();
    let i = memchr::memrchr_iter(first, b)
        .find(|&i| b.get(i..).is_some_and(|t| t.starts_with(pat.as_bytes())))?;
    // (As in `split_once_short`.)
    Some((s.get(..i)?, s.get(i + pat.len()..)?))
}

/// [`find_short`] as `str::split_once`.
pub(crate) fn split_once_short<'a>(s: &'a str, pat: &str) -> Option<(&'a str, &'a str)> {
    let i = find_short(s, pat)?;
    // (A match starts at the first byte of a char, `pat`'s, and ends after
    // its last.)
    Some((s.get(..i)?, s.get(i + pat.len()..)?))
}

/// `s.split_whitespace().count()`: for ASCII text (most), eight bytes at
/// a time instead of a walk over chars that asks Unicode about each.
pub(crate) fn word_count(s: &str) -> usize {
    use crate::swar::{HI, LO};
    // ASCII whitespace is what `char::is_whitespace` says of ASCII: tab
    // to carriage return, and the space.
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let b = s.as_bytes();
    let mut chunks = b.chunks_exact(8);
    let mut n = 0;
    // Whether the byte before the current one is whitespace (or the
    // start), as the high bit of byte 0.
    let mut before = 0x80u64;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        if w & HI != 0 {
            return s.split_whitespace().count();
        }
        // The whitespace bytes' high bits, exact for each byte: the bytes
        // are ASCII, so no sum below carries into the next byte.
        let x = w ^ (0x20 * LO);
        let is_space = !(((x & !HI) + !HI) | x) & HI;
        let from_tab = w + (0x80 - 0x09) * LO;
        let past_cr = w + (0x7f - 0x0d) * LO;
        let spaces = is_space | (from_tab & !past_cr & HI);
        // A word starts at a byte that is not whitespace after one that is.
        let starts = !spaces & HI & (spaces << 8 | before);
        // One bit a byte at most: their sum, in the top byte.
        n += ((starts >> 7).wrapping_mul(LO) >> 56) as usize;
        before = spaces >> 56;
    }
    let mut in_word = before == 0;
    for &c in chunks.remainder() {
        if !c.is_ascii() {
            return s.split_whitespace().count();
        }
        n += usize::from(!space(c) && !in_word);
        in_word = !space(c);
    }
    n
}

/// `s.split_whitespace().next().unwrap_or("")`, on bytes when the word
/// and the whitespace before it are ASCII (a byte of a character that is
/// not ASCII sends the rest to the char walk: it may be whitespace).
pub(crate) fn first_word(s: &str) -> &str {
    let b = s.as_bytes();
    let space = |c: &u8| matches!(c, b'\t'..=b'\r' | b' ');
    let Some(start) = b.iter().position(|c| !space(c)) else {
        return "";
    };
    // In bounds: `start < b.len()`, found above.
    let len = b[start..]
        .iter()
        .position(|c| space(c) || !c.is_ascii())
        .unwrap_or(b.len() - start);
    if b.get(start).is_some_and(u8::is_ascii) && b.get(start + len).is_none_or(u8::is_ascii) {
        // Char boundary: `start` and `start + len` are at ASCII bytes or
        // the end.
        return &s[start..start + len];
    }
    s.split_whitespace().next().unwrap_or("")
}

/// A character of the scripts that write names without spaces or
/// initials (Chinese, Japanese, Korean): "王小明，李华 (2019)．" names
/// its authors so before its date.
/// A letter of the Latin script: ASCII, Latin-1 and the Latin Extended
/// blocks ("é", "ł", "ạ").
pub(crate) fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic()
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' // kana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}') // CJK compatibility ideographs
}

/// `char::is_alphabetic`, answered without the Unicode tables for the
/// characters reference lists have most (ASCII, the Latin-1 and Latin
/// Extended letters, basic Cyrillic, the Hebrew and Arabic letters, the
/// CJK ideographs and Hangul syllables, the general punctuation block); a
/// test compares every one of them with the standard library's answer.
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' => false,
        '\u{C0}'..='\u{24F}' => c != '×' && c != '÷',
        '\u{400}'..='\u{45F}' => true,
        // The Hebrew and Arabic letters (without Arabic's marks and signs),
        // the Persian and Urdu ones, the CJK ideographs and the Hangul
        // syllables.
        '\u{5D0}'..='\u{5EA}'
        | '\u{621}'..='\u{63A}'
        | '\u{641}'..='\u{64A}'
        | '\u{671}'..='\u{6D3}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}' => true,
        '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric`, as [`is_letter`] answers it for letters.
pub(crate) fn is_letter_or_digit(c: char) -> bool {
    match c {
        '0'..='9' => true,
        '\0'..='\u{7F}'
        | '\u{C0}'..='\u{24F}'
        | '\u{400}'..='\u{45F}'
        | '\u{5D0}'..='\u{5EA}'
        | '\u{621}'..='\u{63A}'
        | '\u{641}'..='\u{64A}'
        | '\u{2000}'..='\u{206F}' => is_letter(c),
        // Letters all (see `is_letter`).
        '\u{671}'..='\u{6D3}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// The ASCII bytes of a word for [`word_before`]: letters, digits, the
/// period, the apostrophe and the hyphen.
static ASCII_WORD_BYTES: [bool; 256] =
    byte_set(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.'-");

/// The word (letters, digits, and inner periods/apostrophes/hyphens)
/// that ends at byte `end` of `s`.
pub fn word_before(s: &str, end: usize) -> &str {
    let Some(head) = s.get(..end) else {
        return "";
    };
    // (The general punctuation block, dashes and quotes, has no letter
    // or digit: its characters skip the Unicode tables.)
    let in_word = |c: char| matches!(c, '.' | '\'' | '’' | '-') || is_letter_or_digit(c);
    // ASCII bytes first (most words are ASCII); at the first byte of a
    // multi-byte character, on char by char.
    // (The backward walk is an iterator's `rposition`: a pointer walk,
    // each byte asked of a table.)
    // In bounds: a byte indexes 256 entries.
    let stop = head
        .as_bytes()
        .iter()
        .rposition(|&c| !ASCII_WORD_BYTES[usize::from(c)]);
    let start = match stop {
        None => 0,
        Some(p) if head.as_bytes().get(p).is_some_and(u8::is_ascii) => p + 1,
        Some(p) => {
            // The last byte of a multi-byte character (ASCII bytes follow
            // it up to the end), so `p + 1` is a boundary.
            let rest = head.get(..p + 1).unwrap_or_default();
            rest.char_indices()
                .rev()
                .take_while(|&(_, c)| in_word(c))
                .last()
                .map_or(p + 1, |(i, _)| i)
        }
    };
    // Char boundary: `start` is the end of `head`, just after an ASCII
    // byte, or from `char_indices` of a prefix of `head`; and the ASCII
    // steps never stop inside a character (a non-ASCII byte hands over
    // to the char walk).
    head.get(start..).unwrap_or_default()
}

/// English words a title may end with before a number ("after 40",
/// "top 10", "under 18"), where the number's period ends the title.
const ENGLISH_BEFORE_NUMBER: &[&str] = &[
    "after", "before", "over", "under", "than", "top", "age", "aged", "ages", "at", "by", "to",
    "of", "in", "on", "for", "with", "from", "about", "and", "or", "the", "is", "are", "turns",
    "turned", "covid", "number", "no", "level", "grade", "part", "chapter", "vol", "volume",
    "week", "day", "year", "years", "phase", "stage", "type", "round", "episode", "season",
];

/// Is the period at byte `dot` of `s` the end of a sentence (an APA
/// element), rather than an initial or abbreviation?
pub fn period_ends_sentence(s: &str, dot: usize) -> bool {
    let word = word_before(s, dot);
    // `dot` is the offset of a '.', so `dot + 1` is the next char boundary.
    let next = s.get(dot + 1..).unwrap_or_default().fast_trim_start();
    // (Found only where asked: most periods are decided without it.)
    let next_word = || first_word(next);
    let next_char = next.chars().next();
    if word.is_empty() {
        // ")." "]." "”." ...
        return true;
    }
    // `word` is the slice of `s` that ends at `dot`: this is where it starts.
    let word_start = dot.saturating_sub(word.len());
    // A single capital letter: an initial ("T. S. Eliot", "U.S."), unless
    // it follows a lower-case word ("vitamin D.").
    let mut letters = word.chars();
    let single = letters.next().filter(|_| letters.next().is_none());
    let before_word = s.get(..word_start).unwrap_or_default().chars().next_back();
    let standalone = before_word.is_none_or(|c| c == ' ' || c == '.' || c == '-' || c == '(');
    // After a word that numbers or labels ("Part I.", "World War I.",
    // "Type A.", "Exhibit A.", "Plan B."), the letter is a numeral or a label, not an initial
    // ("Section B. Sciences and Engineering" goes on: not listed).
    let labelled = || {
        let before = s.get(..word_start).unwrap_or_default();
        let prev = word_before(before, before.trim_end().len());
        before.ends_with(' ')
            && [
                "part", "volume", "vol", "book", "chapter", "war", "phase", "type", "stage",
                "appendix", "act", "level", "grade", "exhibit", "plan", "figure", "table", "annex",
                "schedule", "class", "category", "vitamin",
            ]
            .iter()
            .any(|w| prev.trim_end_matches('.').eq_ignore_ascii_case(w))
    };
    if single.is_some_and(is_letter) && standalone && !labelled() {
        let next_word = next_word();
        return next_word == "In" || next_word.starts_with("http") || next_word.starts_with('[');
    }
    // "U.S.", "e.g.", "Ph.D.": a word with inner periods. (Not a number
    // with a decimal point, which ends a sentence before a capital:
    // "Version 25.0. Armonk, NY".)
    // (A byte test: the char searcher's setup costs more than the word.)
    if word.bytes().any(|b| b == b'.')
        && word.chars().filter(|&c| is_letter(c)).count() <= 4
        && !(word.starts_with(|c: char| c.is_ascii_digit())
            && word.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && next_char.is_some_and(char::is_uppercase))
    {
        return false;
    }
    if lexicon::is_abbreviation(word) {
        // "Vol. 3" / "pp. 12": yes an abbreviation. "Inc. Retrieved": the
        // abbreviation still ends the element when followed by a new one.
        let next_word = next_word();
        if next_word.starts_with("http") || next_word == "Retrieved" {
            return true;
        }
        // "Art." and "No." are abbreviations before what they number
        // ("Art. 13", "No. R-123", "Art. No. 5"); elsewhere they are the
        // words ("… of modern art. Boston, MA: Beacon"), and the period
        // is read as any other.
        if !(word.eq_ignore_ascii_case("art") || word.eq_ignore_ascii_case("no"))
            || next_word.bytes().any(|b| b.is_ascii_digit())
            || lexicon::is_abbreviation(next_word.trim_end_matches([',', '.']))
        {
            return false;
        }
    }
    if next_char.is_some_and(char::is_uppercase) && lexicon::is_journal_abbreviation(word) {
        // An abbreviation that is also a whole English word ends a title
        // ("… the Community's Health. Newlines Magazine"), unless it sits
        // in a run of abbreviations ("Int. J. Mark. Res.").
        let after_abbreviation = s
            .get(..word_start)
            .unwrap_or_default()
            .trim_end()
            .ends_with('.');
        if !lexicon::is_english_word_abbreviation(word) || after_abbreviation {
            return false;
        }
    }
    // A run of abbreviations: "Phys. At. Nucl.", "J. Test. Eval.,". (A
    // run: the word follows a period. A title's last word before a
    // journal's abbreviated name, "Sleep and Health. J. Sleep Res.", or
    // before an editor's initial, "Media. J. Bulck (Ed.)", ends it.)
    if short_cap(word)
        && s.get(..word_start)
            .unwrap_or_default()
            .trim_end()
            .ends_with('.')
    {
        let next_word = next_word();
        let next_bare = next_word.trim_end_matches([',', '.']);
        if short_cap(next_bare)
            && (next_word.ends_with(".,") || lexicon::is_journal_abbreviation(next_bare))
        {
            return false;
        }
    }
    // A date or number with inner periods: "11. 05. 2022".
    if word.chars().all(|c| c.is_ascii_digit()) && next_char.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    // An ordinal number in running text: "zu den 13. Buckower". (Not
    // after an English word: "pregnancy after 40. Chicago Tribune".)
    if word.chars().all(|c| c.is_ascii_digit()) && word.len() <= 2 {
        let before = s.get(..word_start).unwrap_or_default().trim_end();
        let prev = word_before(before, before.len());
        if !prev.is_empty()
            && prev.chars().all(char::is_lowercase)
            && !ENGLISH_BEFORE_NUMBER.contains(&prev)
        {
            return false;
        }
    }
    match next_char {
        None => true,
        // An abbreviation before the colon of "Place : Publisher", as
        // library catalogues print it: "Uniontown, Ala. : Canebrake".
        Some(':' | ';') => false,
        Some(c) if c.is_lowercase() => {
            // "eLife", "arXiv", "bioRxiv", "clinicaltrials.gov": a source
            // that starts in lower case.
            let w = next_word().trim_end_matches([',', '.']);
            if w.chars().skip(1).any(char::is_uppercase) || w.contains('.') {
                return true;
            }
            // A journal named in lower case, as Google Scholar prints
            // some: "Deep learning. nature, 521(7553), 436-444."
            if reads_as_journal_tail(next) {
                return true;
            }
            // A short last element in lower case: a publisher such as
            // "kopaed" or "le Grand livre du mois".
            let rest = next.trim_end().trim_end_matches('.');
            rest.len() <= 160
                && !rest.contains(". ")
                && word_count(rest) <= 6
                && !rest.contains(['(', ')'])
        }
        Some(_) => true,
    }
}

/// A short capitalised word, one of a run of abbreviations ("Phys",
/// "At", "Nucl"): one to six letters, the first upper case, the others
/// lower case.
fn short_cap(w: &str) -> bool {
    // (ASCII words on bytes: for an ASCII letter `is_uppercase` and
    // `is_lowercase` are the ASCII tests.)
    if let Some((first, rest)) = w.as_bytes().split_first()
        && w.is_ascii()
    {
        return w.len() <= 6
            && first.is_ascii_uppercase()
            && rest.iter().all(u8::is_ascii_lowercase);
    }
    short_cap_chars(w)
}

/// [`short_cap`] char by char.
fn short_cap_chars(w: &str) -> bool {
    let n = w.chars().count();
    (1..=6).contains(&n)
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).all(char::is_lowercase)
}

/// A table of 256 entries, true for the bytes in `stops`.
pub(crate) const fn byte_set(stops: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut k = 0;
    while k < stops.len() {
        // In bounds: `k < stops.len()`, and a byte indexes 256 entries.
        t[stops[k] as usize] = true;
        k += 1;
    }
    t
}

/// The bytes the depth depends on: brackets, the straight quote, and E2
/// (the lead byte of the curly quotes).
static DEPTH_BYTES: [bool; 256] = byte_set(b"()[]\"\xE2");

/// The bytes [`units`] stops at: brackets, quotes, sentence ends, and E2
/// (the lead byte of the curly quotes).
static UNIT_BYTES: [bool; 256] = byte_set(b"()[]\".?!\xE2");

/// A sentence ("element") of a reference: `[start, end)` with the
/// terminating punctuation excluded.
///
/// Both offsets are char boundaries of the scanned string: each is 0, the
/// string's length, the offset of an ASCII terminator or space, the offset
/// just after one of those or after a closing quote, or the end of a trimmed
/// remainder. Callers rely on this to slice `&s[u.start..u.end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive), before the terminating period.
    pub end: usize,
    /// The character that ended it: '.', '?', '!', or '\0' at the end.
    pub term: char,
}

/// Splits `s` into top-level elements at ". ", "? ", "! " (and at the end),
/// skipping periods of initials and abbreviations.
pub fn units(s: &str) -> Vec<Unit> {
    let mut out = Vec::with_capacity(8);
    let mut start = 0usize;
    let bytes = s.as_bytes();
    let mut depth = Depth::default();
    // Where the last opening single quote ‘ was (for a closing one to end
    // an element; kept as the scan goes, so no search goes back).
    let mut open_single: Option<usize> = None;
    // Only a few characters matter; the rest is skipped byte by byte
    // (all of them are ASCII, or the curly double quotes E2 80 9C/9D).
    let mut i = 0usize;
    // The skip, by table (an iterator's `position`: a tighter loop than
    // indexing byte by byte).
    // In bounds: a byte indexes 256 entries.
    while let Some(k) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| UNIT_BYTES[usize::from(b)]))
    {
        i += k;
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let c = match b {
            b'(' | b')' | b'[' | b']' | b'"' | b'.' | b'?' | b'!' => b as char,
            0xE2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0x80), Some(0x9C)) => '“',
                (Some(0x80), Some(0x9D)) => '”',
                (Some(0x80), Some(0x9E)) => '„',
                // A closing single quote after a sentence end, when the
                // element opened one: "… on ‘Fiscal Cliff.’ Roll Call."
                // (Not an apostrophe, which no ‘ opens: "U.S.’ role".)
                (Some(0x80), Some(0x98)) => {
                    open_single = Some(i);
                    i += 3;
                    continue;
                }
                (Some(0x80), Some(0x99)) if depth.top() => {
                    let opened = open_single.is_some_and(|o| o >= start);
                    if let Some(term) = opened
                        .then(|| closing_single_quote_ends(bytes, i))
                        .flatten()
                    {
                        out.push(Unit {
                            start,
                            end: i + 3,
                            term,
                        });
                        start = i + 4;
                        i += 3;
                    } else {
                        i += 1;
                    }
                    continue;
                }
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        let was_top = depth.top();
        depth.step(c);
        // A closing quote after a period or question mark: “Title.” Next
        if (c == '”' || c == '"') && depth.top() {
            let prev = i
                .checked_sub(1)
                .and_then(|p| bytes.get(p))
                .map(|&b| b as char);
            let after = i + c.len_utf8();
            if matches!(prev, Some('.' | '?' | '!')) && bytes.get(after) == Some(&b' ') {
                out.push(Unit {
                    start,
                    end: after,
                    term: prev.unwrap_or('.'),
                });
                start = after + 1;
                i = after;
                continue;
            }
        }
        i += c.len_utf8();
        if !was_top || !depth.top() || !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let dot = i - 1;
        let after = i;
        let followed_by_space = bytes.get(after) == Some(&b' ');
        let at_end = after >= s.len();
        if !(followed_by_space || at_end) {
            continue;
        }
        let ends = match c {
            '.' => period_ends_sentence(s, dot),
            // "?" and "!" end a title; "Yahoo!" inside a name is rare.
            _ => true,
        };
        if ends {
            let end = if c == '.' { dot } else { after };
            if end > start {
                out.push(Unit {
                    start,
                    end,
                    term: c,
                });
            }
            start = (after + 1).min(s.len());
        }
    }
    if let Some(rest) = s.get(start..) {
        let rest = rest.trim_end();
        if !rest.is_empty() {
            out.push(Unit {
                start,
                end: start + rest.len(),
                term: '\0',
            });
        }
    }
    out
}

/// The units of the tail of `s` from unit `k` to its last unit,
/// `&s[us[k].start..us[us.len() - 1].end]`, made from `us`, the units of
/// `s`, without the scan, when they are sure to be what [`units`] gives
/// for the tail; `None` when they might not be.
///
/// The scan of the tail starts at the depth of the top, as `s`'s does at a
/// unit's start, and decides each period from the text around it; the
/// text differs only before the tail (which the tail's first word would
/// look back into: a tail with a period in its first word is scanned) and
/// after it (nothing, or the period that ended `s`'s last unit: then the
/// tail ends in a letter or digit, which the scan of `s` did not split
/// at, and its last word is not one that a period before it looks for).
pub(crate) fn tail_units(s: &str, mut us: Vec<Unit>, k: usize) -> Option<Vec<Unit>> {
    let (first, last) = (*us.get(k)?, *us.last()?);
    let start = first.start;
    // A unit's start is after an ASCII space or at 0; its end is a char
    // boundary (see `Unit`).
    let tail = s.get(start..last.end)?;
    let before_is_space = start
        .checked_sub(1)
        .and_then(|p| s.as_bytes().get(p))
        .is_some_and(|&b| b == b' ');
    let first_word_has_period = tail
        .as_bytes()
        .iter()
        .take_while(|&&b| b != b' ')
        .any(|&b| b == b'.');
    if !before_is_space || first_word_has_period || trim(tail).len() != tail.len() {
        return None;
    }
    let after = s.get(last.end..)?;
    let ends_alike = match last.term {
        '\0' => after.is_empty(),
        '.' => {
            after == "."
                && tail
                    .as_bytes()
                    .last()
                    .is_some_and(u8::is_ascii_alphanumeric)
                && !tail.ends_with("In")
                && !tail.ends_with("Retrieved")
        }
        _ => false,
    };
    if !ends_alike {
        return None;
    }
    let n = us.len() - k;
    us.copy_within(k.., 0);
    us.truncate(n);
    for u in &mut us {
        u.start -= start;
        u.end -= start;
    }
    if let Some(u) = us.last_mut() {
        u.term = '\0';
    }
    debug_assert_eq!(us, units(tail), "{s:?} from unit {k}");
    Some(us)
}

/// A closing single quote at `i` (E2 80 99), in an element that opened
/// one, ends it when a sentence end comes before it and a space after:
/// "… on ‘Fiscal Cliff.’ Roll Call." (An apostrophe has no ‘ to close:
/// "the U.S.’ role".) Gives the sentence end.
fn closing_single_quote_ends(bytes: &[u8], i: usize) -> Option<char> {
    let prev = *bytes.get(i.checked_sub(1)?)?;
    (matches!(prev, b'.' | b'?' | b'!') && bytes.get(i + 3) == Some(&b' ')).then_some(prev as char)
}

/// Splits at top-level occurrences of `sep` (a single character), giving
/// byte ranges.
pub fn split_top(s: &str, sep: char) -> Vec<(usize, usize)> {
    if sep.is_ascii() && !matches!(sep, '(' | ')' | '[' | ']' | '"') {
        return split_top_ascii(s, sep as u8);
    }
    split_top_chars(s, sep)
}

/// [`split_top`] for any separator, char by char.
fn split_top_chars(s: &str, sep: char) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in top_level(s) {
        if c == sep {
            out.push((start, i));
            start = i + c.len_utf8();
        }
    }
    out.push((start, s.len()));
    out
}

/// [`split_top`] for an ASCII separator that is no bracket or quote.
fn split_top_ascii(s: &str, sep: u8) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(8);
    out.extend(split_top_iter(s, sep));
    out
}

/// The pieces of [`split_top`] one at a time, for an ASCII separator that
/// is no bracket or quote, on bytes: the brackets and straight quotes are
/// ASCII, the curly quotes three-byte sequences, and no byte of a
/// multi-byte character is ASCII, so every offset found is a char
/// boundary. (Most callers walk the pieces once: no vector to allocate.)
#[inline]
pub fn split_top_iter(s: &str, sep: u8) -> SplitTop<'_> {
    debug_assert!(sep.is_ascii() && !matches!(sep, b'(' | b')' | b'[' | b']' | b'"'));
    let b = s.as_bytes();
    // Short text (an author list, a source element) goes straight to the
    // byte loop: the searches cost a call each, per separator too.
    let short = b.len() <= SHORT;
    let mut it = SplitTop {
        b,
        sep,
        start: 0,
        i: 0,
        depth: Depth::default(),
        flat: false,
        done: false,
    };
    if !short {
        if memchr::memchr(sep, b).is_none() {
            // One piece: the scan has nothing left to look at.
            it.i = b.len();
        } else if memchr::memchr3(b'(', b'[', b'"', b).is_none()
            && memchr::memchr(0xE2, b).is_none()
        {
            // Without an opening bracket or quote (the curly ones start
            // with E2) the whole text is at the top level: a closer alone
            // leaves the depth at zero.
            it.flat = true;
        }
    }
    it
}

/// Calls `f` with the pieces of [`split_top_iter`] in a slice, for a
/// caller that goes back and forth among them; the slice is on the stack
/// when there are 16 pieces or fewer (a vector's allocation cost more than
/// the split of a short source element).
pub fn with_split_top<R>(s: &str, sep: u8, f: impl FnOnce(&[(usize, usize)]) -> R) -> R {
    let mut buf = [(0, 0); 16];
    let mut n = 0;
    let mut it = split_top_iter(s, sep);
    while let Some(piece) = it.next() {
        let Some(slot) = buf.get_mut(n) else {
            let mut all = buf.to_vec();
            all.push(piece);
            all.extend(it);
            return f(&all);
        };
        *slot = piece;
        n += 1;
    }
    f(buf.get(..n).unwrap_or_default())
}

/// The iterator of [`split_top_iter`]: `(start, end)` byte ranges.
pub struct SplitTop<'s> {
    b: &'s [u8],
    sep: u8,
    /// Where the next piece starts.
    start: usize,
    /// Where the scan with the depth goes on.
    i: usize,
    depth: Depth,
    /// No separator is at a depth: each one splits.
    flat: bool,
    /// The last piece was given.
    done: bool,
}

impl Iterator for SplitTop<'_> {
    type Item = (usize, usize);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, usize)> {
        if self.done {
            return None;
        }
        let (b, sep) = (self.b, self.sep);
        if self.flat {
            // (Eight bytes a step, inlined: the separators of an author
            // list or a source element are a few bytes apart, where a
            // memchr call per separator costs its set-up each time.)
            if let Some(i) = crate::swar::find_byte(b, self.start, sep) {
                let piece = (self.start, i);
                self.start = i + 1;
                return Some(piece);
            }
        } else {
            // The skip, by table (an iterator's `position`, as in `units`).
            // In bounds: a byte indexes 256 entries.
            while let Some(k) = b.get(self.i..).and_then(|rest| {
                rest.iter()
                    .position(|&c| c == sep || DEPTH_BYTES[usize::from(c)])
            }) {
                let i = self.i + k;
                self.i = i + 1;
                let Some(&c) = b.get(i) else {
                    break;
                };
                match c {
                    b'(' | b')' | b'[' | b']' | b'"' => self.depth.step(c as char),
                    0xE2 => {
                        // „ “ ” are E2 80 9E, E2 80 9C, E2 80 9D.
                        match (b.get(i + 1), b.get(i + 2)) {
                            (Some(0x80), Some(0x9E)) => self.depth.step('„'),
                            (Some(0x80), Some(0x9C)) => self.depth.step('“'),
                            (Some(0x80), Some(0x9D)) => self.depth.step('”'),
                            _ => {}
                        }
                    }
                    _ if c == sep && self.depth.top() => {
                        let piece = (self.start, i);
                        self.start = i + 1;
                        return Some(piece);
                    }
                    _ => {}
                }
            }
        }
        self.done = true;
        Some((self.start, b.len()))
    }
}

/// Texts up to this many bytes are split by [`split_top_iter`]'s byte
/// loop alone.
const SHORT: usize = 24;

/// The largest char boundary of `s` at or below `i`.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// True when `rest` (the text after a period) starts with a journal's
/// name, volume (issue) and pages: "nature, 521(7553), 436-444." or
/// "psychological review, 84, 191. https://…".
fn reads_as_journal_tail(rest: &str) -> bool {
    let element = rest.split(". ").next().unwrap_or_default();
    let element = element.trim_end().trim_end_matches('.');
    let mut parts = element.split(", ");
    let name = parts.next().unwrap_or_default();
    let volume = parts.next().unwrap_or_default();
    let pages = parts.next();
    // (A space before the issue, as PDF text has it: "529 (7587)".)
    let volume_number = volume.split('(').next().unwrap_or_default().trim_end();
    !name.is_empty()
        && name.len() <= 150
        && !name.contains(['(', ')', '[', ']'])
        && !volume_number.is_empty()
        && volume_number.chars().all(|c| c.is_ascii_digit())
        && volume.chars().filter(|&c| c == '(').count()
            == volume.chars().filter(|&c| c == ')').count()
        && pages.is_none_or(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '–'))
        })
        && parts.next().is_none()
}

/// Offset of `sub` within `s`, when `sub` is a slice of `s`.
pub fn offset_in(s: &str, sub: &str) -> Option<usize> {
    let a = s.as_ptr() as usize;
    let b = sub.as_ptr() as usize;
    (b >= a && b + sub.len() <= a + s.len()).then(|| b - a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_searches_as_str() {
        let hays = [
            "",
            "a",
            "No. 5",
            "Report No. 12",
            "A longer text, with a Report No. 12, é, à, and N.º 3 at its end, ",
            "ab, cd, ef",
            "x N.º 3",
            "é, à",
            ", ",
            ",,, ",
        ];
        let pats = ["", ", ", " No. ", "No", " N.º ", "à", "zz", ","];
        for h in hays {
            for p in pats {
                assert_eq!(find_short(h, p), h.find(p), "{h:?} {p:?}");
                assert_eq!(split_once_short(h, p), h.split_once(p), "{h:?} {p:?}");
                if !p.is_empty() {
                    assert_eq!(rsplit_once_short(h, p), h.rsplit_once(p), "{h:?} {p:?}");
                }
                assert_eq!(rsplit_once_space(h), h.rsplit_once(' '), "{h:?}");
                assert_eq!(split_once_space(h), h.split_once(' '), "{h:?}");
            }
        }
    }

    #[test]
    fn letters_as_the_standard_library_says() {
        for c in (0..=0x2100u32)
            .chain(0x4E00..=0x9FFF)
            .chain(0xAC00..=0xD7A3)
            .filter_map(char::from_u32)
        {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_trims_as_the_standard_library(s in "[ a.\t\n\u{A0}\u{2003}é]{0,12}") {
            proptest::prop_assert_eq!(s.fast_trim(), s.trim());
            proptest::prop_assert_eq!(s.fast_trim_start(), s.trim_start());
            proptest::prop_assert_eq!(s.fast_trim_end(), s.trim_end());
        }

        #[test]
        fn words_as_the_standard_library(s in "[ a.\t\n\u{B}\u{C}\u{1F}\u{A0}\u{2003}é]{0,40}") {
            proptest::prop_assert_eq!(word_count(&s), s.split_whitespace().count());
            proptest::prop_assert_eq!(first_word(&s), s.split_whitespace().next().unwrap_or(""));
        }

        #[test]
        fn split_top_on_bytes_agrees(s in "[a-z ,;()\\[\\]\"„“”’é]{0,40}") {
            for sep in [',', ';', '.'] {
                proptest::prop_assert_eq!(split_top(&s, sep), split_top_chars(&s, sep));
            }
        }

        #[test]
        fn top_level_on_bytes_agrees(s in "[a-z &:()\\[\\]\"„“”é]{0,40}") {
            for t in [b'(', b')', b'&', b':', b'"', b']'] {
                let chars: Vec<usize> = top_level(&s)
                    .filter(|&(_, c)| c == t as char)
                    .map(|(i, _)| i)
                    .collect();
                let bytes: Vec<usize> = top_level_ascii(&s, t).collect();
                proptest::prop_assert_eq!(bytes, chars);
            }
        }

        #[test]
        fn short_cap_on_bytes_agrees(s in "[a-zA-Z0-9.éÉß]{0,8}") {
            proptest::prop_assert_eq!(short_cap(&s), short_cap_chars(&s));
        }

        #[test]
        fn trim_agrees(s in "[ a-z.\t\n\u{B}\u{1F}\u{A0}\u{2003}é]{0,8}") {
            proptest::prop_assert_eq!(trim(&s), s.trim());
            proptest::prop_assert_eq!(offset_in(&s, trim(&s)), offset_in(&s, s.trim()));
        }

        #[test]
        fn word_before_agrees(s in "[a-zA-Z0-9 .'’\\-éß,(]{0,30}") {
            for end in (0..=s.len()).filter(|&e| s.is_char_boundary(e)) {
                let head = &s[..end];
                let start = head
                    .char_indices()
                    .rev()
                    .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '-'))
                    .last()
                    .map_or(end, |(i, _)| i);
                proptest::prop_assert_eq!(word_before(&s, end), &head[start..]);
            }
        }

        #[test]
        fn groups_on_bytes_agree(s in "[a-z ()\\[\\]é“]{0,30}") {
            let chars_balanced = {
                let (mut p, mut b, mut ok) = (0i32, 0i32, true);
                for c in s.chars() {
                    match c {
                        '(' => p += 1,
                        ')' => p -= 1,
                        '[' => b += 1,
                        ']' => b -= 1,
                        _ => {}
                    }
                    ok &= p >= 0 && b >= 0;
                }
                ok && p == 0 && b == 0
            };
            proptest::prop_assert_eq!(balanced(&s), chars_balanced);
            for (i, c) in s.char_indices() {
                let close = match c {
                    '(' => ')',
                    '[' => ']',
                    _ => continue,
                };
                let mut depth = 0;
                let mut want = None;
                for (j, d) in s[i..].char_indices() {
                    if d == c {
                        depth += 1;
                    } else if d == close {
                        depth -= 1;
                        if depth == 0 {
                            want = Some(i + j + 1);
                            break;
                        }
                    }
                }
                proptest::prop_assert_eq!(closing_of_group(&s, i), want);
            }
        }
    }

    #[test]
    fn general_punctuation_has_no_letters_or_digits() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn a_run_of_abbreviations_follows_a_period() {
        let at = |s: &str, w: &str| period_ends_sentence(s, s.find(w).expect("word") + w.len());
        // A title's last short word, before a journal's abbreviated name
        // or an editor's initial: the title ends.
        assert!(at("Sleep and Health. J. Sleep Res., 12, 4.", "Health"));
        assert!(at("Learning in Rats. Behav. Brain Res., 12, 4.", "Rats"));
        assert!(at("Reactions to Media. J. Bulck (Ed.), Book.", "Media"));
        // Inside the name: no end.
        assert!(!at("Title. Ecol. Lett., 12, 4.", "Ecol"));
        assert!(!at("Title. Phys. At. Nucl., 12, 4.", "At"));
    }

    #[test]
    fn art_and_no_are_abbreviations_only_before_what_they_number() {
        let ends = |s: &str| period_ends_sentence(s, s.find(". ").expect("a period"));
        assert!(!ends("Journal, 12, Art. 13."));
        assert!(!ends("Report No. R-123."));
        assert!(!ends("Journal, 12, Art. No. 5."));
        assert!(ends("Essays on modern art. Boston, MA: Beacon."));
        assert!(ends("Learning to say no. Routledge."));
        // Other abbreviations stay so before a capital ("Vol. II").
        assert!(!ends("Collected works (Vol. II)."));
    }

    #[test]
    fn journal_tail_after_a_period() {
        assert!(reads_as_journal_tail("nature, 521(7553), 436-444."));
        assert!(reads_as_journal_tail(
            "psychological review, 84, 191. https://doi.org/10.1037/x"
        ));
        assert!(reads_as_journal_tail("science, 12."));
        assert!(!reads_as_journal_tail("kopaed."));
        assert!(!reads_as_journal_tail("in the 1990s, 3 cases, and more."));
        assert!(!reads_as_journal_tail("nature (Vol. 2), 521, 436."));
    }

    #[test]
    fn split_top_keeps_groups() {
        let s = "Smith, J. (2019, “A, B”) [x, y], „a, b“ end";
        let parts: Vec<&str> = split_top(s, ',').iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(parts, ["Smith", " J. (2019, “A, B”) [x, y]", " „a, b“ end"]);
    }

    #[test]
    fn with_split_top_past_its_stack_buffer() {
        // Up to and past the 16 pieces held on the stack, with and without
        // a group.
        for n in 0..40 {
            for s in [
                vec!["x"; n].join(","),
                format!("({}),{}", ["y"; 3].join(","), vec!["x"; n].join(",")),
            ] {
                let want = split_top(&s, ',');
                with_split_top(&s, b',', |parts| assert_eq!(parts, want.as_slice(), "{s}"));
            }
        }
    }

    fn texts(s: &str) -> Vec<&str> {
        units(s).iter().map(|u| &s[u.start..u.end]).collect()
    }

    #[test]
    fn splits_elements() {
        assert_eq!(
            texts(
                "Factor analysis of meaning. Journal of Experimental Psychology, 50(5), 325–338."
            ),
            vec![
                "Factor analysis of meaning",
                "Journal of Experimental Psychology, 50(5), 325–338"
            ]
        );
    }

    #[test]
    fn whole_words_that_abbreviate_journal_words_end_titles() {
        assert_eq!(
            texts("Modi Misses the Mark. Foreign Affairs."),
            vec!["Modi Misses the Mark", "Foreign Affairs"]
        );
        assert_eq!(
            texts("Undermines the Community’s Health. Newlines Magazine."),
            vec!["Undermines the Community’s Health", "Newlines Magazine"]
        );
        // In a run of abbreviations they abbreviate.
        assert_eq!(
            texts("Brand equity. Int. J. Mark. Res., 12, 3."),
            vec!["Brand equity", "Int. J. Mark. Res., 12, 3"]
        );
    }

    #[test]
    fn numbered_part_ends_a_title() {
        // "Part I." / "World War I.": a numeral, not an initial.
        assert_eq!(
            texts("Raising Carthaginian armies, part I. A Collection of Unmitigated Pedantry"),
            vec![
                "Raising Carthaginian armies, part I",
                "A Collection of Unmitigated Pedantry"
            ]
        );
        assert_eq!(
            texts("Letters home from World War I. Oxford University Press"),
            vec!["Letters home from World War I", "Oxford University Press"]
        );
        // A label that goes on is not listed: "Section B. Sciences".
        assert_eq!(
            texts("Dissertation Abstracts International: Section B. Sciences and Engineering"),
            vec!["Dissertation Abstracts International: Section B. Sciences and Engineering"]
        );
    }

    #[test]
    fn keeps_initials_and_abbreviations() {
        assert_eq!(
            texts("A title on T. S. Eliot in the U.S. Phys. Rev. E, 88(4), 043105."),
            vec!["A title on T. S. Eliot in the U.S. Phys. Rev. E, 88(4), 043105"]
        );
        assert_eq!(
            texts("Heavy-ion-plasma density gradient. Phys. Rev. E, 88(4), 043105"),
            vec![
                "Heavy-ion-plasma density gradient",
                "Phys. Rev. E, 88(4), 043105"
            ]
        );
    }

    #[test]
    fn closing_single_quote_ends_a_quoted_element() {
        assert_eq!(
            texts("Ball is in Obama’s court on ‘fiscal cliff.’ Roll Call. https://x.org/a"),
            vec![
                "Ball is in Obama’s court on ‘fiscal cliff.’",
                "Roll Call",
                "https://x.org/a"
            ]
        );
        // An apostrophe after an abbreviation opened no quote: no end there.
        assert_eq!(
            texts("The U.S.’ role in the world. Journal of Things, 3(2), 1–5."),
            vec![
                "The U.S.’ role in the world",
                "Journal of Things, 3(2), 1–5"
            ]
        );
    }

    #[test]
    fn question_marks_end_titles() {
        assert_eq!(
            texts("Can Technology Be Humane? The New York Review of Books, 27–33."),
            vec![
                "Can Technology Be Humane?",
                "The New York Review of Books, 27–33"
            ]
        );
    }

    #[test]
    fn brackets_and_quotes_protect() {
        assert_eq!(
            texts("A study [Doctoral dissertation, Univ. of X]. ProQuest."),
            vec!["A study [Doctoral dissertation, Univ. of X]", "ProQuest"]
        );
        assert_eq!(
            texts("“The Law Within the Law.” Freethought Review, 1(2), 3."),
            vec!["“The Law Within the Law.”", "Freethought Review, 1(2), 3"]
        );
    }

    #[test]
    fn groups() {
        let s = "Title (2nd ed., Vol. 3)";
        assert_eq!(opening_of_trailing_group(s), Some(6));
        assert_eq!(closing_of_group(s, 6), Some(s.len()));
        assert!(balanced("a (b [c]) d"));
        assert!(!balanced("a (b"));
    }
}
