//! Names: APA author lists (`Family, I. I., Family, I., & Family, I.`),
//! editor lists inside "In ... (Eds.)" (`I. I. Family & I. Family`), group
//! authors, particles, suffixes, hyphenated initials and the ellipsis forms
//! (`… &`, `. . .`).

use super::lexicon;
use super::lower::Lc;
use super::scan;
use super::scan::FastTrim as _;
use crate::model::{Name, Person, Role};
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while_m_n},
    character::complete::{char, satisfy, space0, space1},
    combinator::{all_consuming, opt, recognize},
    multi::{many1, separated_list1},
    sequence::{pair, preceded},
};

/// One initial: `J.`, `Th.`, `J.-P.` (as one), `M` (without period).
#[cfg_attr(not(test), allow(dead_code))]
fn initial(i: &str) -> IResult<&str, &str> {
    // Lower-case letters after the capital need the period ("Th.", not
    // the "Bro" of "Brown").
    fn rest(i: &str) -> IResult<&str, &str> {
        alt((
            recognize((take_while_m_n(1, 2, |c: char| c.is_lowercase()), char('.'))),
            recognize(opt(char('.'))),
        ))
        .parse(i)
    }
    recognize((
        satisfy(|c| c.is_alphabetic() && !c.is_lowercase()),
        rest,
        opt((
            alt((tag("-"), tag("‐"), tag("–"))),
            satisfy(|c| c.is_alphabetic() && !c.is_lowercase()),
            rest,
        )),
    ))
    .parse(i)
}

/// A lower-case word between initials: `de` in `T. de`, `for` in `C. for
/// D.`, an elided particle with its apostrophe: `d’` in `J. d’ E.`
#[cfg_attr(not(test), allow(dead_code))]
fn small_word(i: &str) -> IResult<&str, &str> {
    recognize((
        take_while_m_n(1, 4, |c: char| c.is_lowercase()),
        opt(alt((char('\''), char('’')))),
    ))
    .parse(i)
}

/// Given names as initials: `P.`, `A. A.`, `J.-P.`, `J. le R.`, `T. de`.
#[cfg_attr(not(test), allow(dead_code))]
fn initials(i: &str) -> IResult<&str, &str> {
    recognize(pair(
        initial,
        opt(many1(alt((
            preceded(space0, initial),
            // A small word stands apart: "T. de", not "J.de".
            preceded(
                space1,
                recognize((
                    small_word,
                    nom::combinator::peek(alt((tag(" "), nom::combinator::eof))),
                )),
            ),
        )))),
    ))
    .parse(i)
}

/// True when `s` is a run of initials ("P.", "A. A.", "J.-P.", "C. for D.").
pub fn is_initials(s: &str) -> bool {
    let s = scan::trim(s);
    // (Characters counted only when the bytes could be too many; the
    // tests of single ASCII bytes below run on bytes, as a char
    // searcher's setup costs more than these few.)
    if s.is_empty() || s.len() > 24 && s.chars().count() > 24 {
        return false;
    }
    // Single letters without periods are initials only in short runs
    // ("J R" in sloppy lists); a bare capitalised word is not.
    // The element's closing period after a lower-case word: "B. de las."
    let s = match s.strip_suffix('.') {
        Some(h) if h.ends_with(|c: char| c.is_lowercase()) && h.bytes().any(|b| b == b' ') => h,
        _ => s,
    };
    if !initials_scan(s) {
        return false;
    }
    // Reject a plain capitalised short word with no period, like "Li" or
    // "Wu", which are family names.
    s.bytes().any(|b| b == b'.') || s.split_whitespace().all(|w| w.chars().count() == 1)
}

/// The same language as the nom grammar [`initials`], in one pass over the
/// characters: the grammar is the specification (and the test oracle);
/// this scanner is what the parser runs, since author lists are its
/// hottest path.
fn initials_scan(s: &str) -> bool {
    if s.is_ascii() {
        return initials_scan_ascii(s.as_bytes());
    }
    initials_scan_chars(s)
}

/// [`initials_scan`] char by char.
fn initials_scan_chars(s: &str) -> bool {
    let upper = |c: char| scan::is_letter(c) && !c.is_lowercase();
    let mut cs = s.chars().peekable();
    let mut count = 0usize;
    loop {
        let mut skipped = false;
        while cs.peek() == Some(&' ') || cs.peek() == Some(&'\t') {
            cs.next();
            skipped = true;
        }
        if skipped && (count == 0 || cs.peek().is_none()) {
            // No space before the first initial or after the last.
            return false;
        }
        let Some(&c) = cs.peek() else {
            break;
        };
        if upper(c) {
            cs.next();
            if !rest_of_initial(&mut cs) {
                return false;
            }
            if matches!(cs.peek(), Some('-' | '‐' | '–')) {
                let mut ahead = cs.clone();
                ahead.next();
                if ahead.peek().is_some_and(|&c| upper(c)) {
                    ahead.next();
                    if !rest_of_initial(&mut ahead) {
                        return false;
                    }
                    cs = ahead;
                }
            }
            count += 1;
        } else if c.is_lowercase() && count > 0 && skipped {
            let mut n = 0;
            while cs.peek().is_some_and(|c| c.is_lowercase()) {
                cs.next();
                n += 1;
            }
            if matches!(cs.peek(), Some('\'' | '’')) {
                cs.next();
            }
            if n > 4 || !matches!(cs.peek(), None | Some(' ' | '\t')) {
                return false;
            }
        } else {
            return false;
        }
    }
    count > 0
}

/// [`initials_scan`] for ASCII text, on bytes (the same steps: ASCII has
/// one kind of hyphen, and its letters are upper or lower case).
fn initials_scan_ascii(b: &[u8]) -> bool {
    let at = |i: usize| b.get(i).copied();
    // After an initial's capital at `i`: up to two lower-case letters and
    // the period; where the initial ends.
    // `None` when lower-case letters go on without the period.
    let rest_of_initial = |mut i: usize| {
        let mut n = 0;
        while n < 2 && at(i).is_some_and(|c| c.is_ascii_lowercase()) {
            i += 1;
            n += 1;
        }
        if at(i) == Some(b'.') {
            return Some(i + 1);
        }
        (n == 0).then_some(i)
    };
    let mut i = 0;
    let mut count = 0usize;
    loop {
        let mut skipped = false;
        while matches!(at(i), Some(b' ' | b'\t')) {
            i += 1;
            skipped = true;
        }
        if skipped && (count == 0 || at(i).is_none()) {
            // No space before the first initial or after the last.
            return false;
        }
        let Some(c) = at(i) else {
            break;
        };
        if c.is_ascii_uppercase() {
            let Some(j) = rest_of_initial(i + 1) else {
                return false;
            };
            i = j;
            if at(i) == Some(b'-') && at(i + 1).is_some_and(|c| c.is_ascii_uppercase()) {
                let Some(j) = rest_of_initial(i + 2) else {
                    return false;
                };
                i = j;
            }
            count += 1;
        } else if c.is_ascii_lowercase() && count > 0 && skipped {
            let mut n = 0;
            while at(i).is_some_and(|c| c.is_ascii_lowercase()) {
                i += 1;
                n += 1;
            }
            if at(i) == Some(b'\'') {
                i += 1;
            }
            if n > 4 || !matches!(at(i), None | Some(b' ' | b'\t')) {
                return false;
            }
        } else {
            return false;
        }
    }
    count > 0
}

/// After an initial's capital: up to two lower-case letters ("Th.",
/// "Chr.") and the period they need. False when lower-case letters go
/// on without it (the "Bro" of "Brown").
fn rest_of_initial(cs: &mut std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    let mut n = 0;
    while n < 2 && cs.peek().is_some_and(|c| c.is_lowercase()) {
        cs.next();
        n += 1;
    }
    if cs.peek() == Some(&'.') {
        cs.next();
        return true;
    }
    n == 0
}

/// An organisation's acronym: "FAO", "UNIDO", "dpa".
fn is_acronym(s: &str) -> bool {
    let t = scan::trim(s).trim_end_matches('.');
    let n = t.chars().count();
    (2..=6).contains(&n)
        && (t.chars().all(|c| c.is_uppercase()) || (n <= 4 && t.chars().all(|c| c.is_lowercase())))
}

/// A family-name-like token: one to four words, capitalised or particles,
/// letters, apostrophes and hyphens only.
fn is_family_like(s: &str) -> bool {
    if s.is_ascii() {
        return is_family_like_ascii(s.as_bytes());
    }
    is_family_like_chars(s)
}

/// [`is_family_like`] char by char.
fn is_family_like_chars(s: &str) -> bool {
    // (More than four words fail whatever they are, so the checks of the
    // first four may answer first.)
    let mut has_cap = false;
    for (n, w) in s.split_whitespace().enumerate() {
        if n == 4 {
            return false;
        }
        if !w
            .chars()
            .all(|c| scan::is_letter(c) || matches!(c, '\'' | '’' | '-' | '‐' | '.'))
        {
            return false;
        }
        let first = w.chars().next().unwrap_or(' ');
        if first.is_lowercase() {
            if !lexicon::is_particle(&w.lc()) && !w.contains('\'') && !w.contains('’') {
                return false;
            }
        } else {
            has_cap = true;
        }
    }
    has_cap
}

/// [`is_family_like`] for ASCII text, on bytes: the same words (split
/// at the ASCII whitespace `split_whitespace` splits at), the same tests,
/// and the particle looked up lower-cased on the stack.
fn is_family_like_ascii(s: &[u8]) -> bool {
    let mut has_cap = false;
    let words = s
        .split(|b| matches!(b, b' ' | b'\t'..=b'\r'))
        .filter(|w| !w.is_empty());
    for (n, w) in words.enumerate() {
        if n == 4 {
            return false;
        }
        if !w
            .iter()
            .all(|&c| c.is_ascii_alphabetic() || matches!(c, b'\'' | b'-' | b'.'))
        {
            return false;
        }
        if w.first().is_some_and(u8::is_ascii_lowercase) {
            // (No particle is longer than five bytes.)
            let mut buf = [0u8; 5];
            let particle = buf.get_mut(..w.len()).is_some_and(|b| {
                b.copy_from_slice(w);
                b.make_ascii_lowercase();
                std::str::from_utf8(b).is_ok_and(lexicon::is_particle)
            });
            if !particle && !w.contains(&b'\'') {
                return false;
            }
        } else {
            has_cap = true;
        }
    }
    has_cap
}

/// A full given name: one to three capitalised words ("John", "Mary Ann",
/// "John A.").
fn is_full_given(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(|c| c.is_uppercase())
                && w.chars()
                    .all(|c| scan::is_letter(c) || matches!(c, '-' | '.' | '\'' | '’'))
        })
}

/// Splits a family name into particle and family: `van Maris` →
/// (`van`, `Maris`). Capitalised particles (`Van Gogh`) stay in the family
/// name, as APA keeps them there.
pub fn split_particle(family: &str) -> (Option<String>, String) {
    // Most names have no particle: their first word says so.
    if !scan::split_once_space(family).is_some_and(|(first, _)| lexicon::is_particle(first)) {
        return (None, family.to_string());
    }
    let words: Vec<&str> = family.split(' ').collect();
    let mut n = 0;
    // In bounds: `n + 1 < words.len()` is checked before `words[n]`.
    while n + 1 < words.len() && lexicon::is_particle(words[n]) {
        n += 1;
    }
    if n == 0 {
        return (None, family.to_string());
    }
    // In bounds: `n < words.len()` by the loop condition.
    (Some(words[..n].join(" ")), words[n..].join(" "))
}

fn make_person(family: &str, given: Option<&str>, suffix: Option<&str>) -> Person {
    let family = scan::trim(family).trim_end_matches(',');
    let (particle, family) = split_particle(family);
    let given = given.map(|g| without_terminal_period(scan::trim(g)));
    // "Casas, B. de las": the particle printed after the initials is CSL's
    // dropping particle.
    // (Most given names are one word: "A." or "J. A.".)
    let ends_in_lower_word = |g: &str| {
        scan::rsplit_once_space(g).is_some_and(|(_, w)| w.starts_with(|c: char| c.is_lowercase()))
    };
    let (given, dropping_particle) = match given {
        Some(g) if !ends_in_lower_word(g) => (Some(g.to_string()), None),
        Some(g) => {
            let words: Vec<&str> = g.split(' ').collect();
            let n = words
                .iter()
                .rev()
                .take_while(|w| lexicon::is_particle(w.trim_end_matches('.')))
                .count();
            if n > 0 && n < words.len() {
                let (head, tail) = words.split_at(words.len() - n);
                let tail = tail.join(" ");
                (
                    Some(head.join(" ")),
                    Some(tail.trim_end_matches('.').to_string()),
                )
            } else {
                (Some(g.to_string()), None)
            }
        }
        None => (None, None),
    };
    Person {
        family,
        given: given.filter(|g| !g.is_empty()),
        particle,
        dropping_particle,
        // "III." at the end of the author element: the period is the
        // element's ("Jr." keeps its own).
        suffix: suffix.map(|s| {
            let s = scan::trim(s);
            let roman = s.trim_end_matches('.');
            if roman.bytes().all(|b| matches!(b, b'I' | b'V')) {
                roman
            } else {
                s
            }
            .to_string()
        }),
    }
}

/// A given name without the period that ends the author element when the
/// last given name is written out ("Doe, Bob." → "Bob"); initials and
/// abbreviated names keep theirs ("B.", "Wm.", "Chas.").
fn without_terminal_period(g: &str) -> &str {
    let Some(head) = g.strip_suffix('.') else {
        return g;
    };
    // Initials ("J. A.", "J.-P.") are answered by their last bytes: a
    // space or hyphen among the last three leaves a last word of fewer
    // than three bytes, so of fewer than three letters.
    let hb = head.as_bytes();
    let tail = hb.get(hb.len().saturating_sub(3)..).unwrap_or_default();
    if hb.len() < 3 || tail.iter().any(|&b| matches!(b, b' ' | b'-')) {
        return g;
    }
    without_terminal_period_by_words(g, head)
}

/// [`without_terminal_period`] without its test of the last bytes: `head`
/// is `g` without its final period.
fn without_terminal_period_by_words<'g>(g: &'g str, head: &'g str) -> &'g str {
    let last = head.rsplit([' ', '-']).next().unwrap_or(head);
    let letters = last.chars().filter(|&c| scan::is_letter(c)).count();
    let written_out = letters >= 3
        && last.chars().all(scan::is_letter)
        && last.chars().skip(1).any(char::is_lowercase)
        && !lexicon::is_abbreviation(last)
        && !matches!(
            last,
            "Wm" | "Chas" | "Thos" | "Jas" | "Geo" | "Benj" | "Saml"
        );
    if written_out { head } else { g }
}

/// An ellipsis marker: "…", ". . .", "...".
fn strip_ellipsis(s: &str) -> (bool, &str) {
    let t = s.fast_trim_start();
    // (Every marker starts with '.' or '…', whose first byte is E2.)
    if !matches!(t.as_bytes().first(), Some(b'.' | 0xE2)) {
        return (false, t);
    }
    for m in ["…", ". . .", "...", ".."] {
        if let Some(rest) = t.strip_prefix(m) {
            return (true, rest.fast_trim_start());
        }
    }
    (false, t)
}

/// "et al." (or "and others") closing a list that is not APA's but is
/// common in hand-written lists: the names after it were left out, as with
/// an ellipsis.
fn strip_et_al(s: &str) -> (bool, &str) {
    let t = s.fast_trim_end();
    // Every marker ends in "l.", "a.", "al" or "rs", ignoring case (most
    // lists end in an initial and its period).
    let tail = t
        .as_bytes()
        .get(t.len().saturating_sub(2)..)
        .unwrap_or_default();
    if !(tail.eq_ignore_ascii_case(b"l.")
        || tail.eq_ignore_ascii_case(b"a.")
        || tail.eq_ignore_ascii_case(b"al")
        || tail.eq_ignore_ascii_case(b"rs"))
    {
        return (false, s);
    }
    for m in [
        "et al.",
        "et al",
        "and others",
        "et. al.",
        "u. a.",
        "et coll.",
    ] {
        if t.len() > m.len()
            && let Some(head) = t.get(..t.len() - m.len())
            && t.get(t.len() - m.len()..)
                .is_some_and(|x| x.eq_ignore_ascii_case(m))
            && head.ends_with([' ', ','])
        {
            return (
                true,
                head.fast_trim_end().trim_end_matches(',').fast_trim_end(),
            );
        }
    }
    (false, s)
}

/// Strips a leading "&" or "and": (found, the word "and", rest).
fn strip_amp(s: &str) -> (bool, bool, &str) {
    let t = s.fast_trim_start();
    if let Some(rest) = t.strip_prefix('&') {
        return (true, false, rest.fast_trim_start());
    }
    // (Most pieces start with a name's capital: one byte's test says no.
    // Every connector starts in lower case, "и" and "és" with the lead
    // bytes 0xD0 and 0xC3.)
    if matches!(t.as_bytes().first(), Some(b'a'..=b'z' | 0xC3 | 0xD0))
        && let Some(rest) = strip_connector(t)
    {
        return (true, true, rest.fast_trim_start());
    }
    (false, false, t)
}

/// The word for "and" that joins the last two names of a list, in the
/// languages APA lists are written in: "y" and "e" (Spanish, Portuguese,
/// Italian), "und", "et", "en" (Dutch), "og", "och", "ve", "и", "és".
const CONNECTORS: &[&str] = &[
    "and", "y", "e", "und", "et", "en", "og", "och", "ve", "и", "és",
];

/// `t` after a leading connector word and its space, when a capital (the
/// next name) follows: "y Baptista Lucio, P." → "Baptista Lucio, P.".
fn strip_connector(t: &str) -> Option<&str> {
    // (Every connector is at most three bytes long, "и" two.)
    let space = t.as_bytes().iter().take(4).position(|&b| b == b' ')?;
    // Char boundary: `space` is an ASCII space's index.
    let (word, rest) = (&t[..space], &t[space + 1..]);
    // ("and" before anything; the other words, which are shorter and more
    // often something else, before a capital or a particle: "y van Ours".)
    let name_follows = || {
        rest.starts_with(|c: char| c.is_uppercase())
            || rest
                .split_once(' ')
                .is_some_and(|(w, _)| lexicon::is_particle(w))
    };
    (word == "and" || CONNECTORS.contains(&word) && name_follows()).then_some(rest)
}

/// Where two names are joined by a connector after the first's initials,
/// "J.A. and Doe", "M. y López": the index of the connector (after the
/// space before it). The initials must be the whole text before it, and at
/// most three words follow.
fn connector_after_initials(rest: &str) -> Option<usize> {
    // (Initials are short: `is_initials` takes 24 characters at most, so
    // the search stops there, and a long piece costs one pass.)
    // (A byte loop: a searcher for ". " costs more to set up.)
    let b = rest.as_bytes();
    (0..b.len().min(100))
        .filter(|&j| b.get(j) == Some(&b'.') && b.get(j + 1) == Some(&b' '))
        .find_map(|j| {
            // Char boundary: `j` is an ASCII ". "'s index, so `j + 1` and
            // `j + 2` are boundaries.
            let after = &rest[j + 2..];
            let tail = strip_connector(after)?;
            let h = rest[..=j].fast_trim();
            (h.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | ' ' | '-'))
                && is_initials(h)
                && scan::word_count(tail) <= 3)
                .then_some(j + 2)
        })
}

#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    text: &'a str,
    /// An "&" or "and" before the token.
    amp: bool,
    /// That was the word "and", which may belong to a group's name
    /// ("National Heart, Lung, and Blood Institute").
    and_word: bool,
    ellipsis: bool,
}

/// Splits an author list into comma/ampersand-separated tokens with their
/// markers.
fn tokens<'s>(s: &'s str) -> Vec<Tok<'s>> {
    // (Room for eight names of two tokens each: a list of five authors
    // or more outgrew eight, and was copied as it grew.)
    let mut out: Vec<Tok<'s>> = Vec::with_capacity(16);
    // Empty marker tokens fold into the next one.
    let mut pending_amp = false;
    let mut pending_and = false;
    let mut pending_ell = false;
    let mut push = |t: Tok<'s>| {
        if t.text.is_empty() {
            pending_amp |= t.amp;
            pending_and |= t.and_word;
            pending_ell |= t.ellipsis;
        } else {
            out.push(Tok {
                text: t.text,
                amp: t.amp || pending_amp,
                and_word: t.and_word || pending_and,
                ellipsis: t.ellipsis || pending_ell,
            });
            pending_amp = false;
            pending_and = false;
            pending_ell = false;
        }
    };
    for (a, b) in scan::split_top_iter(s, b',') {
        // Char boundary: `split_top_iter` gives offsets from `char_indices` of `s`.
        let mut piece = &s[a..b];
        loop {
            let (e1, rest) = strip_ellipsis(piece);
            let (amp, and_word, rest) = strip_amp(rest);
            let (e2, rest) = strip_ellipsis(rest);
            // "J. & Lee": an ampersand inside the piece splits it when it
            // follows initials, or when it joins two long group names
            // (not "Merck Sharp & Dohme", "Johnson & Johnson").
            // Char boundary: `i` comes from `top_level_ascii` of `rest` and is
            // an ASCII '&', so `i + 1` is the next boundary.
            // (Pieces are short: a word test beats a memchr call.)
            let (has_amp, has_dot) = crate::swar::has_each(rest.as_bytes(), b'&', b'.');
            let inner = has_amp
                .then(|| {
                    scan::top_level_ascii(rest, b'&').find(|&i| {
                        i > 0
                            && rest[..i].ends_with(' ')
                            && rest[i + 1..].starts_with(' ')
                            && (is_initials(&rest[..i])
                                || is_acronym(&rest[..i])
                                || is_acronym(&rest[i + 1..])
                                || (scan::word_count(&rest[..i]) >= 3
                                    && scan::word_count(&rest[i + 1..]) >= 3))
                    })
                })
                .flatten()
                // "J.A. and Doe", "M. y López": "and" (or its word in the
                // language of the list) after initials joins two names.
                // (The initials before it end with a period.)
                .or_else(|| has_dot.then(|| connector_after_initials(rest)).flatten());
            match inner {
                Some(i) if i > 0 => {
                    // Char boundary: `i` is the '&' found above.
                    let head = rest[..i].fast_trim_end();
                    push(Tok {
                        text: head,
                        amp,
                        and_word,
                        ellipsis: e1 || e2,
                    });
                    piece = &rest[i..];
                }
                _ => {
                    let text = scan::trim(rest);
                    if !text.is_empty() {
                        push(Tok {
                            text,
                            amp,
                            and_word,
                            ellipsis: e1 || e2,
                        });
                    } else if e1 || e2 || amp {
                        // A bare marker ("…," before "&") marks the next token.
                        push(Tok {
                            text: "",
                            amp,
                            and_word,
                            ellipsis: e1 || e2,
                        });
                    }
                    break;
                }
            }
        }
    }
    out
}

/// The result of reading an author list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameList {
    /// The names, in order.
    pub names: Vec<Name>,
    /// The list had an ellipsis (names left out).
    pub elided: bool,
    /// How many names were read as persons with initials.
    pub persons: usize,
}

/// Removes the period that closes an APA element from a group name,
/// keeping it after abbreviations ("Inc.", "Ltd.", "Co.").
fn strip_final_period(s: &str) -> &str {
    let t = s.fast_trim_end();
    if let Some(head) = t.strip_suffix('.') {
        let w = scan::word_before(t, head.len());
        if lexicon::is_abbreviation(w) || w.chars().count() == 1 {
            return t;
        }
        return head.fast_trim_end();
    }
    t
}

/// Reads an APA author list ("Family, I. I., Family, I., & Family, I.").
///
/// Returns `None` when `s` is empty. Tokens that are not persons become
/// group names: consecutive ones are one group name when the list has no
/// ampersand ("U.S. Department of Health and Human Services, National
/// Institutes of Health"), separate names when it has one.
pub fn parse_author_list(s: &str) -> Option<NameList> {
    AuthorTokens::of(s).authors()
}

/// An author list cut into its tokens, once for both ways of reading it
/// ([`parse_author_list`] and, when that finds no persons or not only
/// persons, [`parse_full_name_list`]).
pub(crate) struct AuthorTokens<'s> {
    /// The list ended with "et al." (or "and others").
    et_al: bool,
    toks: Vec<Tok<'s>>,
    /// The list's text, without the "et al.".
    text: &'s str,
}

impl<'s> AuthorTokens<'s> {
    pub(crate) fn of(s: &'s str) -> AuthorTokens<'s> {
        let (et_al, s) = strip_et_al(scan::trim(s));
        AuthorTokens {
            et_al,
            toks: tokens(s),
            text: s,
        }
    }

    /// See [`parse_author_list`].
    pub(crate) fn authors(&self) -> Option<NameList> {
        let list = authors_of(self.et_al, &self.toks);
        // Names separated by semicolons, as databases export them:
        // "Smith, J.; Brown, K.". Read again with commas, when that gives
        // persons only. (Asked only when not every name was a person.)
        // (A semicolon leaves two names at least: "J.; Brown" is read as one.)
        if list
            .as_ref()
            .is_none_or(|l| l.persons < l.names.len() && l.names.len() >= 2)
            && crate::swar::find_byte(self.text.as_bytes(), 0, b';').is_some()
            && let Some(commas) = semicolons_after_initials_as_commas(self.text)
            && let Some(again) = authors_of(self.et_al, &tokens(&commas))
            && again.persons == again.names.len()
        {
            return Some(again);
        }
        list
    }

    /// See [`parse_full_name_list`].
    pub(crate) fn full_names(&self) -> Option<NameList> {
        full_names_of(self.et_al, &self.toks)
    }
}

/// `s` with each semicolon that follows initials, each with its period
/// ("J.; Brown"), made a comma; `None` when there is none. Not a state's
/// letters: "Lab., CA.; Bechtel".
fn semicolons_after_initials_as_commas(s: &str) -> Option<String> {
    let mut out: Option<String> = None;
    for i in scan::top_level_ascii(s, b';') {
        // Char boundary: `i` is an ASCII ';' of `s`; the name's initials
        // run from the comma before it.
        let head = &s[..i];
        let before = scan::trim(head.rsplit_once(',').map_or(head, |(_, b)| b));
        let letters = before.chars().filter(|c| c.is_uppercase()).count();
        if is_initials(before) && letters == before.matches('.').count() {
            // Char boundary: ';' and ',' are one byte each.
            out.get_or_insert_with(|| s.to_string())
                .replace_range(i..i + 1, ",");
        }
    }
    out
}

/// [`parse_author_list`] of the list's tokens.
fn authors_of(et_al: bool, toks: &[Tok<'_>]) -> Option<NameList> {
    // (No tokens when the text is empty.)
    if toks.is_empty() {
        return None;
    }
    let has_amp = toks.iter().any(|t| t.amp);
    // Group names joined by "&" or "and" are separate names, unless the
    // "and" ends a list of words inside one: "National Heart, Lung, and
    // Blood Institute" (but "Agency A, and Agency B", "김태경, 장경희, and
    // 전은진", "АН СССР, РСФСР, and …" are lists of names).
    let amp_sign = toks.iter().any(|t| t.amp && !t.and_word);
    let one_name = |run: &[(&str, bool)]| {
        let capitalised_word = |w: &str| {
            let mut cs = w.chars();
            cs.next().is_some_and(|c| c.is_ascii_uppercase())
                && cs.as_str().len() >= 2
                && cs.all(|c| c.is_ascii_lowercase())
        };
        matches!(run, [head @ .., (word, false), (_, true)]
            if !head.is_empty()
                && capitalised_word(word)
                && head.iter().all(|&(_, and_word)| !and_word))
    };
    let elided = et_al || toks.iter().any(|t| t.ellipsis);
    // (Persons take two tokens each, family name and initials.)
    let mut names: Vec<Name> = Vec::with_capacity(toks.len().div_ceil(2));
    let mut persons = 0;
    // Literal runs pending a merge: (text pieces, each after "and"?).
    let mut run: Vec<(&str, bool)> = Vec::new();
    let flush = |run: &mut Vec<(&str, bool)>, names: &mut Vec<Name>| {
        if run.is_empty() {
            return;
        }
        if amp_sign || has_amp && !one_name(run) {
            for (t, _) in run.drain(..) {
                names.push(Name::Literal(strip_final_period(t).to_string()));
            }
        } else {
            let mut joined = String::new();
            for (k, (t, and_word)) in run.drain(..).enumerate() {
                if k > 0 {
                    joined.push_str(if and_word { ", and " } else { ", " });
                }
                joined.push_str(t);
            }
            names.push(Name::Literal(strip_final_period(&joined).to_string()));
        }
    };
    // `is_initials` of the token at `k`, worked out once: a person's
    // initials are first looked at as what follows the person before
    // (bit `k` of `known` says bit `k` of `answers` holds it; tokens past
    // the 64th are worked out each time).
    let (mut known, mut answers) = (0u64, 0u64);
    let mut initials_at = |k: usize| {
        let bit = u32::try_from(k).ok().and_then(|k| 1u64.checked_shl(k));
        if let Some(bit) = bit
            && known & bit != 0
        {
            return answers & bit != 0;
        }
        let yes = toks.get(k).is_some_and(|t| is_initials(t.text));
        if let Some(bit) = bit {
            known |= bit;
            answers |= if yes { bit } else { 0 };
        }
        yes
    };
    let mut i = 0;
    while let Some(&fam) = toks.get(i) {
        let next = toks.get(i + 1);
        // A company and its legal form: "Tesla, Inc." ("Inc." reads as an
        // abbreviated given name otherwise).
        // (Initials, "J." or "J. A.", are the usual words here: turned
        // away by their second byte before the word list is asked.)
        let initial_like = |w: &str| w.as_bytes().get(1) == Some(&b'.');
        if let Some(form) = next.filter(|g| {
            !g.amp && !g.ellipsis && !initial_like(g.text) && lexicon::is_company_form(g.text)
        }) {
            flush(&mut run, &mut names);
            names.push(Name::Literal(format!("{}, {}", fam.text, form.text)));
            i += 2;
            continue;
        }
        // (The family-name test last: it decides only for a long name of
        // several words.)
        if let Some(g) = next.filter(|g| !g.amp && !g.ellipsis)
            && initials_at(i + 1)
            && (!fam.text.as_bytes().contains(&b' ')
                || fam.text.chars().count() <= 40
                || is_family_like(fam.text))
        {
            flush(&mut run, &mut names);
            let mut suffix = None;
            let mut j = i + 2;
            if let Some(sx) = toks.get(j) {
                let followed_by_initials =
                    toks.get(j + 1).is_some_and(|n| !n.amp) && initials_at(j + 1);
                if !sx.amp && lexicon::is_name_suffix(sx.text) && !followed_by_initials {
                    suffix = Some(sx.text);
                    j += 1;
                }
            }
            names.push(Name::Person(make_person(fam.text, Some(g.text), suffix)));
            persons += 1;
            i = j;
            continue;
        }
        // "Family, I. I., Jr." handled above; a lone suffix after a person
        // ("..., Jr.") when the list ends.
        if lexicon::is_name_suffix(fam.text)
            && !fam.amp
            && let Some(Name::Person(p)) = names.last_mut()
            && p.suffix.is_none()
            && run.is_empty()
        {
            p.suffix = Some(fam.text.to_string());
            i += 1;
            continue;
        }
        run.push((fam.text, fam.and_word));
        i += 1;
    }
    flush(&mut run, &mut names);
    // Every name written another way, when each token reads so:
    // initials first, "J. A. Smith, & B. Doe" (one such name among others
    // is more likely a title's words); or family name first with its
    // initials and no comma between them, "Smith J., Brown M. A." (two
    // names at least, or one before "&", or one with two initials or more,
    // "West D. B.", so that a title's words, "Vitamin D.", are not taken
    // for one).
    type ReadName = fn(&str) -> Option<Person>;
    // (Single capitals with periods: "Mar. Org." abbreviates words.)
    let bare_initial = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase) && c.as_str() == "."
    };
    // (Each such word has a period: a text with fewer than two, as most
    // titles read as a name, is answered by a search eight bytes a step.)
    let two_initials = |t: &str| {
        let b = t.as_bytes();
        crate::swar::find_byte(b, 0, b'.')
            .and_then(|i| crate::swar::find_byte(b, i + 1, b'.'))
            .is_some()
            && t.split(' ').filter(|w| bare_initial(w)).count() >= 2
    };
    // (Asked once, for the forms not allowed otherwise.)
    let mut first_two_initials = None;
    let other_forms: [(ReadName, bool); 3] = [
        (initials_first_person, true),
        (family_first_person, toks.len() >= 2 || has_amp),
        // (Two names at least: one alone may be a group, "Google AI";
        // unless it has no period before the date, as Springer's style
        // prints "Brown A (2018)", and one or two initials, not "Agencia
        // EFE (2022)".)
        (
            compact_initials_person,
            toks.len() >= 2
                || matches!(toks, [one] if !one.text.ends_with('.')
                    && one.text.rsplit_once(' ').is_some_and(|(_, i)| i.len() <= 2)),
        ),
    ];
    for (read, allowed) in other_forms {
        if persons < names.len()
            && (allowed
                || *first_two_initials
                    .get_or_insert_with(|| toks.first().is_some_and(|t| two_initials(t.text))))
            && let Some(all) = toks
                .iter()
                .filter(|t| !t.text.is_empty())
                .map(|t| read(t.text).map(Name::Person))
                .collect::<Option<Vec<Name>>>()
        {
            persons = all.len();
            names = all;
        }
    }
    // Names in Han or Hangul script written whole, family name first
    // ("严厚福", "김동욱"; "王小明，李华", "山田太郎・鈴木花子"): split
    // into family and given names.
    if persons < names.len()
        && names
            .iter()
            .any(|n| matches!(n, Name::Literal(l) if !l.is_ascii()))
    {
        let mut split = Vec::with_capacity(names.len());
        for n in names {
            let Name::Literal(l) = n else {
                split.push(n);
                continue;
            };
            // (Chinese lists names with "，" or "、", Japanese with "・".)
            match l
                .split([',', '，', '、', '・'])
                .map(east_asian_person)
                .collect::<Option<Vec<Person>>>()
            {
                Some(ps) => {
                    persons += ps.len();
                    split.extend(ps.into_iter().map(Name::Person));
                }
                None => split.push(Name::Literal(l)),
            }
        }
        names = split;
    }
    Some(NameList {
        names,
        elided,
        persons,
    })
}

/// Reads an author list written with full given names ("Smith, John, &
/// Lee, Mary Ann"), as lists from other styles have them. Returns `None`
/// unless every token pairs up as family + given.
pub fn parse_full_name_list(s: &str) -> Option<NameList> {
    AuthorTokens::of(s).full_names()
}

/// [`parse_full_name_list`] of the list's tokens.
fn full_names_of(et_al: bool, toks: &[Tok<'_>]) -> Option<NameList> {
    if toks.len() < 2 || !toks.len().is_multiple_of(2) {
        return None;
    }
    let mut names = Vec::new();
    for pair in toks.chunks_exact(2) {
        let &[f, g] = pair else {
            return None;
        };
        if g.amp || !is_family_like(f.text) || lexicon::is_company_form(g.text) {
            return None;
        }
        let given = strip_final_period(g.text);
        if !is_full_given(given) && !is_initials(g.text) {
            return None;
        }
        names.push(Name::Person(make_person(f.text, Some(given), None)));
    }
    let n = names.len();
    Some(NameList {
        names,
        elided: et_al || toks.iter().any(|t| t.ellipsis),
        persons: n,
    })
}

/// A person written initials first in an author list: "J. A. Smith",
/// "M.-W. Chang", "F. B. M. de Waal". The first word is one initial (so
/// "U.S. Army" stays a group), and the rest is one to three capitalised
/// words or particles.
fn initials_first_person(t: &str) -> Option<Person> {
    let t = scan::trim(t);
    let first = scan::split_once_space(t).map_or(t, |(first, _)| first);
    let one_initial = |w: &str| {
        w.split('-').all(|p| {
            let mut cs = p.chars();
            matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
        })
    };
    if !one_initial(first) || lexicon::looks_like_group(t) {
        return None;
    }
    let words: Vec<&str> = t.split(' ').collect();
    let last_init = words.iter().rposition(|w| one_initial(w))?;
    // In bounds: `last_init` is an index of `words`.
    let family_words = &words[last_init + 1..];
    let ok = (1..=3).contains(&family_words.len())
        && family_words.iter().all(|w| {
            lexicon::is_particle(w)
                || w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| scan::is_letter(c) || matches!(c, '-' | '\'' | '’'))
        })
        && family_words
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !ok {
        return None;
    }
    // In bounds: as above.
    let given = words[..=last_init].join(" ");
    Some(make_person(&family_words.join(" "), Some(&given), None))
}

/// A personal name in Han or Hangul script written whole, family name
/// first: two to four characters ("林行众", "田中博春", "김동욱"). The
/// family name is the first character (two of four, and a compound
/// surname's two: "欧阳", "남궁"); names of organisations ("中国日报",
/// "한국일보") are left whole by the characters they end with or hold.
fn east_asian_person(s: &str) -> Option<Person> {
    let s = s.fast_trim().trim_end_matches('.');
    let chars: Vec<char> = s.chars().collect();
    if !(2..=4).contains(&chars.len()) {
        return None;
    }
    let han = |c: char| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}');
    let hangul = |c: char| matches!(c, '\u{AC00}'..='\u{D7A3}');
    let family_len = if chars.iter().all(|&c| han(c)) {
        const ORGANISATION: &str = "学學会會社院局部所省市厅廳委团團组組报報館馆店庁党府";
        if chars.iter().any(|&c| ORGANISATION.contains(c)) {
            return None;
        }
        const COMPOUND: [&str; 22] = [
            "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟",
            "尉遲", "公孙", "公孫", "慕容", "令狐", "夏侯", "长孙", "長孫", "宇文", "司徒", "端木",
        ];
        if chars.len() == 4 || chars.len() == 3 && COMPOUND.iter().any(|c| s.starts_with(c)) {
            2
        } else {
            1
        }
    } else if chars.iter().all(|&c| hangul(c)) {
        const ORGANISATION: [&str; 9] = [
            "일보", "신문", "방송", "학회", "협회", "재단", "대학", "학교", "연구",
        ];
        if ORGANISATION.iter().any(|o| s.contains(o)) {
            return None;
        }
        const COMPOUND: [&str; 8] = [
            "남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방",
        ];
        if chars.len() >= 3 && COMPOUND.iter().any(|c| s.starts_with(c)) {
            2
        } else {
            1
        }
    } else {
        return None;
    };
    let family: String = chars.iter().take(family_len).collect();
    let given: String = chars.iter().skip(family_len).collect();
    Some(make_person(&family, Some(&given), None))
}

/// Whether `t` is a list of names written family name first with
/// initials without periods, as Springer's and medicine's author-year
/// styles print them: "Smith J, Lee K", "Smith JA, Lee K et al".
pub(crate) fn is_compact_name_list(t: &str) -> bool {
    // (Cut as an author list is: commas, "&" or "and", "et al".)
    let list = AuthorTokens::of(t);
    !list.toks.is_empty()
        && list
            .toks
            .iter()
            .all(|tok| compact_initials_person(tok.text).is_some())
}

/// A name written as medicine's styles write it, family name first and
/// initials without periods: "Smith JA", "van der Berg K", "Lee J-Y".
fn compact_initials_person(t: &str) -> Option<Person> {
    let t = scan::trim(t);
    let t = t.strip_suffix('.').unwrap_or(t);
    let (family, inits) = t.rsplit_once(' ')?;
    // (The initials first, on bytes: most names asked are groups' and
    // fail here.)
    let letters = inits.bytes().filter(|&b| b != b'-');
    let ok = (1..=3).contains(&letters.clone().count())
        && letters.into_iter().all(|b| b.is_ascii_uppercase())
        && inits.starts_with(|c: char| c.is_ascii_uppercase())
        && !inits.ends_with('-')
        && !inits.contains("--");
    if !ok {
        return None;
    }
    let words = || family.split(' ').filter(|w| !w.is_empty());
    let family_ok = (1..=3).contains(&words().count())
        && words()
            .next_back()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words().all(|w| {
            lexicon::is_particle(w)
                || w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().skip(1).any(char::is_lowercase)
                    && w.chars()
                        .all(|c| scan::is_letter(c) || matches!(c, '-' | '\'' | '’'))
        });
    // (Letters that name a group's place or kind: "Google AI", "Ofcom UK".)
    let group_letters = ["AI", "UK", "US", "USA", "EU", "UN", "NHS", "LLC", "PLC"];
    if !family_ok || group_letters.contains(&inits) || lexicon::looks_like_group(t) {
        return None;
    }
    // "JA" → "J. A.", "J-Y" → "J.-Y."
    let mut given = String::with_capacity(inits.len() * 2);
    for c in inits.chars() {
        if c == '-' {
            given.push('-');
        } else {
            if !given.is_empty() && !given.ends_with('-') {
                given.push(' ');
            }
            given.push(c);
            given.push('.');
        }
    }
    Some(make_person(family, Some(&given), None))
}

/// One name written family name first, its initials after it without a
/// comma: "Smith J.", "van der Berg A. M.", "Lee-Park J.-H.".
fn family_first_person(t: &str) -> Option<Person> {
    let t = scan::trim(t);
    // (Cheap test first: most tokens that get here are group names.)
    if !t.ends_with('.') || !t.contains(' ') {
        return None;
    }
    let words: Vec<&str> = t.split(' ').filter(|w| !w.is_empty()).collect();
    let first_init = words
        .iter()
        .position(|w| is_initials(w) && w.contains('.'))?;
    // In bounds: `first_init` is an index of `words`.
    let (family, given) = words.split_at(first_init);
    let ok = (1..=3).contains(&family.len())
        && family
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && family.iter().all(|w| {
            lexicon::is_particle(w)
                || w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| scan::is_letter(c) || matches!(c, '-' | '\'' | '’'))
        })
        && given.iter().all(|w| is_initials(w));
    if !ok || lexicon::looks_like_group(t) {
        return None;
    }
    let given = given.join(" ");
    let given = if given.ends_with('.') {
        given
    } else {
        format!("{given}.")
    };
    Some(make_person(&family.join(" "), Some(&given), None))
}

/// Reads one name written given-name first ("J. le R. d’Alembert",
/// "E. N. Zalta", "Texas A&M Transportation Institute").
pub fn parse_given_first(s: &str) -> Option<Name> {
    let s = scan::trim(s).trim_end_matches(',').fast_trim();
    if s.is_empty() {
        return None;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    // The given part runs to the last initial.
    let is_init = |w: &str| is_given_initials(w);
    if !words.first().is_some_and(|w| is_init(w)) {
        return Some(Name::Literal(s.to_string()));
    }
    let last_init = words.iter().rposition(|w| is_init(w)).unwrap_or(0);
    if last_init + 1 >= words.len() {
        // Only initials: not a name we can split.
        return Some(Name::Literal(s.to_string()));
    }
    // In bounds: `last_init + 1 < words.len()`, checked above.
    let given = words[..=last_init].join(" ");
    let mut family_words: Vec<&str> = words[last_init + 1..].to_vec();
    let mut suffix = None;
    if family_words.len() > 1
        && let Some(last) = family_words.last()
        && lexicon::is_name_suffix(last)
    {
        suffix = Some(*last);
        family_words.pop();
    }
    let family = family_words.join(" ");
    Some(Name::Person(make_person(&family, Some(&given), suffix)))
}

/// A given name's initials, one or run together: "C.", "Th.", "J.-B.",
/// "C.D.", "J.B.W." (as some styles print them, without spaces).
fn is_given_initials(w: &str) -> bool {
    w.contains('.') && all_consuming(many1(initial)).parse(w).is_ok()
}

/// Reads an editor list as printed after "In": "A. Editor & B. Editor",
/// "T. N. Toller, C. Sean, & O. Tichy".
pub fn parse_editor_list(s: &str) -> Vec<Name> {
    let starts_init = |w: &str| w.split_whitespace().next().is_some_and(is_given_initials);
    let toks = tokens(s);
    // Written inverted, as authors are ("In: Jones, B., & Lee, K. (Eds.)"):
    // family names, each followed by initials.
    if toks.len() >= 2
        && toks.len().is_multiple_of(2)
        && toks.chunks(2).all(|pair| {
            matches!(pair, [fam, init] if !starts_init(fam.text) && !init.amp && is_initials(init.text))
        })
        && let Some(list) = authors_of(false, &toks)
    {
        return list.names;
    }
    let mut out: Vec<Name> = Vec::new();
    for t in toks {
        if lexicon::is_name_suffix(t.text)
            && let Some(Name::Person(p)) = out.last_mut()
        {
            p.suffix = Some(t.text.to_string());
            continue;
        }
        // Two names joined by "&" or "and" without a comma ("D. Bourcier
        // & R. Boulet"): split when both sides start with an initial, so that
        // a group such as "Johnson & Johnson" stays whole.
        // (`split_once_short`: `str::split_once` builds a Two-Way searcher
        // per call, which costs more than these few bytes.)
        let joined = scan::split_once_short(t.text, " & ")
            .or_else(|| scan::split_once_short(t.text, " and "));
        let pieces: Vec<&str> = match joined {
            Some((a, b)) if starts_init(a) && starts_init(b) => vec![a, b],
            _ => vec![t.text],
        };
        out.extend(pieces.into_iter().filter_map(parse_given_first));
    }
    out
}

/// The first word of a role marker, lower-cased, without parentheses or
/// periods: "(Eds. & Trans.)" → "eds".
fn marker_word(marker: &str) -> String {
    let m = marker
        .fast_trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .fast_trim()
        .lc();
    m.trim_end_matches('.')
        .split(['&', ',', ' '])
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_string()
}

/// The top-level parenthesised groups of `s`, in order, as (start of the
/// '(', end just after its ')', the contributor role the group names if it
/// is a role marker such as "(Eds.)" or "(Director)"). Stops at a group
/// left open.
pub(crate) fn paren_groups(s: &str) -> impl Iterator<Item = (usize, usize, Option<Role>)> + '_ {
    scan::top_level_ascii(s, b'(').map_while(move |i| {
        let close = scan::closing_of_group(s, i)?;
        // Char boundary: `i` is an ASCII '(' from `top_level_ascii`, and
        // `close` is just after its ASCII ')'.
        Some((i, close, role_of_marker(&s[i..close])))
    })
}

/// Role markers APA puts after names: "(Ed.)", "(Eds.)", "(Director)",
/// "(Host)", "(Trans.)" ...
pub fn role_of_marker(marker: &str) -> Option<Role> {
    let first = marker_word(marker);
    let first = first.as_str();
    // Italian "(a cura di)": edited by.
    if first == "a" && {
        let l = marker.to_lowercase();
        l.contains("a cura di") || l.contains("a c. di") || l.contains("a c.di")
    } {
        return Some(Role::Editor);
    }
    // "(Series Ed.)", "(Series Eds.)", "(Series Editor)": the series'.
    if first == "series" {
        let rest = marker
            .fast_trim()
            .trim_start_matches('(')
            .get(6..)
            .unwrap_or("")
            .fast_trim_start()
            .lc();
        return (rest.starts_with("ed")).then_some(Role::CollectionEditor);
    }
    // "(Vol. Ed.)", "(Vol. Eds.)": the editors of the volume of a series
    // the work is in (APA 7 §10.3, example 41), the book's editors.
    if matches!(first, "vol" | "volume") {
        let rest = marker
            .fast_trim()
            .trim_start_matches('(')
            .trim_start_matches(|c: char| c.is_alphabetic())
            .trim_start_matches('.')
            .fast_trim_start()
            .lc();
        return (rest.starts_with("ed")).then_some(Role::Editor);
    }
    // A grant's "(Principal Investigator)" is its author.
    if first == "principal" {
        return marker.lc().contains("investigator").then_some(Role::Author);
    }
    // "(Writer & Director)", "(Producer & Director)": a film's or an
    // episode's director, its main creator, who also wrote or produced it.
    if matches!(first, "writer" | "producer" | "executive") && marker.lc().contains("director") {
        return Some(Role::Director);
    }
    match first {
        // "dir." is the French "sous la direction de" (editor); a film's
        // director is written out, "(Director)".
        "ed" | "eds" | "editor" | "editors" | "hrsg" | "hg" | "hgg" | "dir" | "dirs" | "coord"
        | "coords" | "org" | "orgs" | "comp" | "comps" | "compiler" | "compilers" | "éd"
        | "éds" | "red" | "reds" | "ur" | "szerk" | "toim" | "ред" | "επιμ" | "编" | "編"
        | "편" | "haz" => Some(Role::Editor),
        // And the other languages' short forms citation styles print.
        "trans" | "tran" | "transl" | "translator" | "translators" | "übers" | "trad" | "trads"
        | "overs" | "övers" | "vert" | "verts" | "tłum" | "přel" | "prev" | "çev" | "käänt"
        | "ford" | "пер" | "翻訳者" | "翻訳" | "译" | "역" | "옮김" => {
            Some(Role::Translator)
        }
        "director" | "directors" => Some(Role::Director),
        "producer" | "producers" | "executive" => Some(Role::Producer),
        "host" | "hosts" => Some(Role::Host),
        "chair" | "chairs" | "chairperson" | "chairpersons" => Some(Role::Chair),
        "interviewer" => Some(Role::Interviewer),
        "narr" | "narrator" | "narrators" | "performer" | "performers" | "speaker" | "guest" => {
            Some(Role::Performer)
        }
        "composer" | "songwriter" | "artist" | "writer" | "writers" | "photographer"
        | "illustrator" | "creator" | "creators" => Some(Role::Contributor),
        _ => None,
    }
}

/// Whether a role marker is plural: "(Eds.)", "(Editors)", "(Comps.)".
pub fn is_plural_marker(marker: &str) -> bool {
    matches!(
        marker_word(marker).as_str(),
        "eds"
            | "editors"
            | "comps"
            | "compilers"
            | "orgs"
            | "coords"
            | "hgg"
            | "directors"
            | "dirs"
            | "éds"
            | "reds"
    )
}

/// Splits a trailing role marker off a name list: "Zalta, E. N. (Ed.)" →
/// ("Zalta, E. N.", Editor).
pub fn split_role_suffix(s: &str) -> (&str, Option<Role>) {
    let t = s.fast_trim_end().trim_end_matches('.').fast_trim_end();
    if t.ends_with(')')
        && let Some(open) = scan::opening_of_trailing_group(t)
        && let Some((head, marker)) = t.split_at_checked(open)
        && let Some(role) = role_of_marker(marker)
    {
        return (head.fast_trim_end(), Some(role));
    }
    (s, None)
}

/// Reads a "Name, Role" pair list inside parentheses: "M. Ritchie,
/// Trans." or "N. Herakovič, M. Debevec, & E. Adrović, Eds.".
pub fn parse_role_paren(inner: &str) -> Option<(Vec<Role>, Vec<Name>)> {
    let inner = scan::trim(inner);
    let (list, marker) = scan::rsplit_once_byte(inner, b',')?;
    let roles = roles_of_marker(marker);
    if roles.is_empty() {
        return None;
    }
    let names = parse_editor_list(list);
    if names.is_empty() {
        return None;
    }
    Some((roles, names))
}

/// All roles a marker names: "Ed. & Trans." is editor and translator.
pub fn roles_of_marker(marker: &str) -> Vec<Role> {
    let mut out = Vec::new();
    for part in marker.split('&') {
        if let Some(r) = role_of_marker(part)
            && !out.contains(&r)
        {
            out.push(r);
        }
    }
    out
}

/// Splits a run of words joined by " & ", "and" for name lists.
pub fn split_names_loosely(s: &str) -> Vec<&str> {
    let parser = |i| -> IResult<&str, Vec<&str>> {
        separated_list1(
            alt((tag(" & "), tag(", & "), tag(", "))),
            recognize(many1(satisfy(|c| c != ',' && c != '&'))),
        )
        .parse(i)
    };
    parser(s).map(|(_, v)| v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn without_terminal_period_by_last_bytes(g in "[A-Za-z. \\-é]{0,10}") {
            // As it was answered before the test of the last bytes.
            let full = |g: &str| match g.strip_suffix('.') {
                Some(head) => without_terminal_period_by_words(g, head).to_string(),
                None => g.to_string(),
            };
            proptest::prop_assert_eq!(without_terminal_period(&g), full(&g));
        }

        #[test]
        fn family_like_ascii_is_family_like_chars(s in "[ a-zA-Z'.\\-\t]{0,24}") {
            proptest::prop_assert_eq!(is_family_like_ascii(s.as_bytes()), is_family_like_chars(&s));
        }
    }

    #[test]
    fn family_like_ascii_on_names() {
        for s in [
            "van Maris",
            "de la Cruz",
            "O'Brien",
            "Smith-Jones",
            "van",
            "x y z w v",
            "Li",
            "d'Alembert",
            "McNaughton",
            "St. John",
            "",
            "a b",
            "Van Gogh",
            "le Roux",
        ] {
            assert_eq!(
                is_family_like_ascii(s.as_bytes()),
                is_family_like_chars(s),
                "{s}"
            );
        }
    }

    fn fam_given(n: &Name) -> (String, String) {
        match n {
            Name::Person(p) => (p.full_family(), p.given.clone().unwrap_or_default()),
            Name::Literal(l) => (l.clone(), String::from("<lit>")),
        }
    }

    fn read(s: &str) -> Vec<(String, String)> {
        parse_author_list(s)
            .unwrap()
            .names
            .iter()
            .map(fam_given)
            .collect()
    }

    #[test]
    fn family_then_initials_without_periods() {
        assert_eq!(
            read("Smith JA, van der Berg K, Lee J-Y."),
            vec![
                ("Smith".into(), "J. A.".into()),
                ("van der Berg".into(), "K.".into()),
                ("Lee".into(), "J.-Y.".into())
            ]
        );
        // One name alone, or letters that name a group's kind: groups.
        assert_eq!(read("Smith JA.")[0].1, "<lit>");
        assert_eq!(read("Google AI, Meta AI.")[0].1, "<lit>");
    }

    #[test]
    fn family_then_initials_without_comma() {
        assert_eq!(
            read("Smith J., Brown M. A."),
            vec![
                ("Smith".into(), "J.".into()),
                ("Brown".into(), "M. A.".into())
            ]
        );
        assert_eq!(
            read("van der Berg A., & Lee-Park J.-H."),
            vec![
                ("van der Berg".into(), "A.".into()),
                ("Lee-Park".into(), "J.-H.".into())
            ]
        );
        // One such "name" alone is more likely a title's words.
        assert_eq!(read("Vitamin D.").len(), 1);
        assert_eq!(read("Vitamin D.")[0].1, "<lit>");
    }

    #[test]
    fn scanner_agrees_with_the_grammar() {
        let samples = [
            "P.",
            "A. A.",
            "J.-P.",
            "Th.",
            "C. for D.",
            "T. de",
            "J. le R.",
            "ج.",
            "Li",
            "J R",
            "J.R.",
            "A.A",
            "J.x",
            "Jo",
            "M.-C.",
            "Ab. Cd.",
            "A. ab",
            "A. abcde",
            "A.-b",
            "É.",
            "",
            " ",
            "a",
            "A1",
            "Ä. Ö.",
            "A–B.",
            "A. B. C. D. E.",
            "A. (B.)",
            "J. P",
            "x. A.",
        ];
        for s in samples {
            let grammar = all_consuming(initials).parse(s).is_ok();
            assert_eq!(initials_scan(s), grammar, "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn scanner_agrees_on_any_input(s in "[A-Za-zÉé .\\-–]{0,12}") {
            let grammar = all_consuming(initials).parse(s.as_str()).is_ok();
            proptest::prop_assert_eq!(initials_scan(&s), grammar, "{:?}", s);
        }

        #[test]
        fn byte_scanner_agrees_with_char_scanner(s in "[A-Za-z .\\-\t]{0,12}") {
            proptest::prop_assert_eq!(
                initials_scan_ascii(s.as_bytes()),
                initials_scan_chars(&s),
                "{:?}",
                s
            );
        }
    }

    #[test]
    fn initials_forms() {
        for s in [
            "P.",
            "A. A.",
            "J.-P.",
            "Th.",
            "C. for D.",
            "T. de",
            "J. le R.",
            "ج.",
        ] {
            assert!(is_initials(s), "{s}");
        }
        for s in ["Li", "Wu", "Cleveland", "Glue", "of Health"] {
            assert!(!is_initials(s), "{s}");
        }
    }

    #[test]
    fn et_al_closes_a_list() {
        let l = parse_author_list("Smith, J., et al.").unwrap();
        assert_eq!(l.names.len(), 1);
        assert!(l.elided);
        let l = parse_author_list("Smith, J., Lee, K., et al.").unwrap();
        assert_eq!(l.names.len(), 2);
        assert!(l.elided);
        // Not a marker inside a name.
        let l = parse_author_list("Petal, J.").unwrap();
        assert!(!l.elided);
    }

    #[test]
    fn apa_six_ellipsis_list() {
        let l = parse_author_list(
            "Glue, P., Medlicott, N., Harland, S., Neehoff, S., Anderson-Fahey, B., Nedelec, M., … & McNaughton, N.",
        )
        .unwrap();
        assert_eq!(l.names.len(), 7);
        assert!(l.elided);
        assert_eq!(fam_given(&l.names[6]), ("McNaughton".into(), "N.".into()));
        assert_eq!(
            fam_given(&l.names[4]),
            ("Anderson-Fahey".into(), "B.".into())
        );
    }

    #[test]
    fn apa_seven_twenty_one_rule() {
        let l = parse_author_list("A, B., C, D., . . . Z, Y.").unwrap();
        assert_eq!(l.names.len(), 3);
        assert!(l.elided);
    }

    #[test]
    fn two_authors_and_particles() {
        assert_eq!(
            read("Aaronson, S., & Christiano, P."),
            vec![
                ("Aaronson".into(), "S.".into()),
                ("Christiano".into(), "P.".into())
            ]
        );
        let l = parse_author_list("Abbott, D. A., & van Maris, A. J. A.").unwrap();
        match &l.names[1] {
            Name::Person(p) => {
                assert_eq!(p.particle.as_deref(), Some("van"));
                assert_eq!(p.family, "Maris");
            }
            other => panic!("{other:?}"),
        }
        // A particle after the initials is CSL's dropping particle.
        let l = parse_author_list("Andrade, T. de, & Escada, P.").unwrap();
        match &l.names[0] {
            Name::Person(p) => {
                assert_eq!(p.given.as_deref(), Some("T."));
                assert_eq!(p.dropping_particle.as_deref(), Some("de"));
                assert_eq!(p.family, "Andrade");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn and_in_other_languages() {
        let two = vec![
            ("García".to_string(), "M.".to_string()),
            ("López".to_string(), "J.".to_string()),
        ];
        for list in [
            "García, M. y López, J.",
            "García, M., y López, J.",
            "García, M. und López, J.",
            "García, M., et López, J.",
            "García, M. e López, J.",
        ] {
            assert_eq!(read(list), two, "{list}");
        }
        // Before a particle: "y van Ours".
        assert_eq!(read("Ohinata, A. en van Ours, J. C.").len(), 2);
        // Not before a word in lower case, and not inside a group's name.
        assert!(strip_connector("y ellos").is_none());
        assert_eq!(
            read("Instituto Nacional de Estadística y Geografía"),
            vec![(
                "Instituto Nacional de Estadística y Geografía".to_string(),
                "<lit>".to_string()
            )]
        );
    }

    #[test]
    fn suffixes() {
        let l = parse_author_list("King, M. L., Jr., & Lee, K.").unwrap();
        assert_eq!(l.names.len(), 2);
        match &l.names[0] {
            Name::Person(p) => assert_eq!(p.suffix.as_deref(), Some("Jr.")),
            other => panic!("{other:?}"),
        }
        // "Jr" followed by initials is a family name.
        let l = parse_author_list("Braga, M. do S. S., & Jr, J. P.").unwrap();
        assert_eq!(fam_given(&l.names[1]), ("Jr".into(), "J. P.".into()));
    }

    #[test]
    fn group_authors() {
        assert_eq!(
            read("World Health Organization."),
            vec![("World Health Organization".into(), "<lit>".into())]
        );
        assert_eq!(
            read("U.S. Department of Health and Human Services, National Institutes of Health."),
            vec![(
                "U.S. Department of Health and Human Services, National Institutes of Health"
                    .into(),
                "<lit>".into()
            )]
        );
        assert_eq!(
            read("Department of Lands and Surveys, Survey Office, & Crown Lands.").len(),
            3
        );
        assert_eq!(read("정영식, 박종필, 정순원, 김유리, & 송교준.").len(), 5);
        // "and" ending a list of words inside a name; "and" between names.
        assert_eq!(
            read("National Institutes of Health, National Heart, Lung, and Blood Institute."),
            vec![(
                "National Institutes of Health, National Heart, Lung, and Blood Institute".into(),
                "<lit>".into()
            )]
        );
        assert_eq!(
            read("Environment Agency, and Canadian Wildlife Service.").len(),
            2
        );
        assert_eq!(read("이동호, 이재서, 윤숙자, and 강병철.").len(), 4);
    }

    #[test]
    fn full_given_names() {
        let l = parse_full_name_list("Smith, John, & Lee, Mary Ann").unwrap();
        assert_eq!(fam_given(&l.names[1]), ("Lee".into(), "Mary Ann".into()));
        assert!(parse_full_name_list("Abbe, Cleveland (1838–1916)").is_none());
    }

    #[test]
    fn editors_joined_by_ampersand_without_comma() {
        let fam: Vec<_> = parse_editor_list("D. Bourcier & R. Boulet")
            .iter()
            .map(fam_given)
            .collect();
        assert_eq!(
            fam,
            vec![
                ("Bourcier".to_string(), "D.".to_string()),
                ("Boulet".to_string(), "R.".to_string())
            ]
        );
        let fam: Vec<_> = parse_editor_list("C. D. Klaassen and J. B. Watkins")
            .iter()
            .map(fam_given)
            .collect();
        assert_eq!(fam.len(), 2, "{fam:?}");
        let group = parse_editor_list("Johnson & Johnson");
        assert_eq!(group, vec![Name::Literal("Johnson & Johnson".into())]);
    }

    #[test]
    fn editors_given_first() {
        let eds = parse_editor_list("D. Diderot & J. le R. d’Alembert");
        assert_eq!(fam_given(&eds[1]), ("d’Alembert".into(), "J. le R.".into()));
        let eds = parse_editor_list("T. N. Toller, C. Sean, & O. Tichy");
        assert_eq!(eds.len(), 3);
        let eds = parse_editor_list("Texas A&M Transportation Institute");
        assert_eq!(eds.len(), 1);
    }

    #[test]
    fn east_asian_names_written_whole() {
        let fam_given = |s: &str| {
            let list = parse_author_list(s).unwrap();
            assert_eq!(list.persons, list.names.len(), "{s}");
            list.names
                .iter()
                .map(|n| match n {
                    Name::Person(p) => format!("{}|{}", p.family, p.given.as_deref().unwrap_or("")),
                    Name::Literal(l) => l.clone(),
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(fam_given("严厚福"), ["严|厚福"]);
        assert_eq!(fam_given("曾國鴻, & 林素玲"), ["曾|國鴻", "林|素玲"]);
        assert_eq!(
            fam_given("田中博春, & 小熊宏之"),
            ["田中|博春", "小熊|宏之"]
        );
        assert_eq!(fam_given("司马光"), ["司马|光"]);
        assert_eq!(fam_given("오건환, & 김건유"), ["오|건환", "김|건유"]);
        assert_eq!(fam_given("남궁민수"), ["남궁|민수"]);
        // Organisations and longer names stay whole.
        for group in ["中国日报", "한국일보", "高雄醫學大學", "萨曼史蒂芬"] {
            let list = parse_author_list(group).unwrap();
            assert_eq!(list.persons, 0, "{group}");
        }
    }

    #[test]
    fn role_markers() {
        assert_eq!(
            split_role_suffix("Zalta, E. N. (Ed.)."),
            ("Zalta, E. N.", Some(Role::Editor))
        );
        assert_eq!(
            split_role_suffix("Nolan, C. (Director)"),
            ("Nolan, C.", Some(Role::Director))
        );
        let (roles, names) = parse_role_paren("M. Ritchie, Trans.").unwrap();
        assert_eq!(roles, vec![Role::Translator]);
        let (roles, _) = parse_role_paren("J. Strachey, Ed. & Trans.").unwrap();
        assert_eq!(roles, vec![Role::Editor, Role::Translator]);
        assert_eq!(names.len(), 1);
    }
}
