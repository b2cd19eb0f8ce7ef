//! Identifiers: DOIs in every common form (`https://doi.org/10.x/y`,
//! `http://dx.doi.org/...`, `doi:10.x/y`, `DOI: 10.x/y`, bare `10.x/y`),
//! URLs, PMIDs, ISBNs, and the phrases around them ("Retrieved from",
//! "Retrieved March 3, 2020, from", "Accessed ...").

use super::date;
use super::lower::{Lc, strip_prefix_ascii_ci};
use super::scan::FastTrim as _;
use crate::model::Date;
use nom::{
    IResult, Parser,
    bytes::complete::{tag, tag_no_case, take_while_m_n, take_while1},
    character::complete::char,
    combinator::{opt, recognize},
    sequence::preceded,
};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The kind of an identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentKind {
    /// A DOI (stored bare).
    Doi,
    /// A URL.
    Url,
    /// PubMed id.
    Pmid,
    /// ISBN.
    Isbn,
    /// ISSN.
    Issn,
}

/// An identifier found in a reference, with its byte range (both offsets
/// are char boundaries of the text searched).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// What it is.
    pub kind: IdentKind,
    /// The value (a bare DOI `10.x/y`, a URL as printed).
    pub value: String,
    /// Start of the printed form (prefix included).
    pub start: usize,
    /// End of the printed form.
    pub end: usize,
}

/// `10.1037/abc`: the DOI grammar (prefix `10.` + registrant, `/`, suffix).
/// [`doi_in`] runs the same language as a byte scan (`bare_doi_scan`); this
/// grammar is its specification and test oracle.
pub fn bare_doi(i: &str) -> IResult<&str, &str> {
    recognize((
        tag("10."),
        take_while_m_n(2, 9, |c: char| c.is_ascii_digit()),
        opt(preceded(
            char('.'),
            take_while1(|c: char| c.is_ascii_digit()),
        )),
        char('/'),
        take_while1(|c: char| !c.is_whitespace()),
    ))
    .parse(i)
}

/// The DOI link prefix, as a grammar: the specification (and test
/// oracle) of [`strip_doi_url_prefix`], which the parser runs.
#[cfg_attr(not(test), allow(dead_code))]
fn doi_url_prefix(i: &str) -> IResult<&str, &str> {
    recognize((
        opt(nom::branch::alt((
            tag_no_case("https://"),
            tag_no_case("http://"),
        ))),
        opt(nom::branch::alt((tag_no_case("dx."), tag_no_case("www.")))),
        tag_no_case("doi.org/"),
    ))
    .parse(i)
}

/// Strips punctuation that ends a sentence rather than the identifier.
fn trim_trailing(s: &str) -> &str {
    // (Most tokens end with a letter, digit or slash: an ASCII last byte
    // that is none of the characters below leaves nothing to trim, the
    // loop's char-set trim, which decodes the last character, not asked.)
    if s.as_bytes().last().is_some_and(|&b| {
        b.is_ascii() && !matches!(b, b'.' | b',' | b';' | b'>' | b'"' | b'\'' | b')' | b']')
    }) {
        return s;
    }
    trim_trailing_loop(s)
}

/// [`trim_trailing`] without its fast exit: sentence punctuation and
/// unmatched closing brackets trimmed until none is left.
fn trim_trailing_loop(s: &str) -> &str {
    let mut t = s;
    loop {
        let before = t;
        t = t.trim_end_matches(['.', ',', ';', '>', '»', '"', '”', '\'']);
        // A closing bracket that has no opener inside the token.
        for (open, close) in [('(', ')'), ('[', ']')] {
            if let Some(head) = t.strip_suffix(close)
                && t.matches(open).count() < t.matches(close).count()
            {
                t = head;
            }
        }
        if t == before {
            return t;
        }
    }
}

/// The bare DOI in a token, if the token is a DOI in one of its forms.
pub fn doi_in(token: &str) -> Option<&str> {
    // Every DOI has "10." in it: reject the other tokens cheaply.
    if !has_doi_marker(token) {
        return None;
    }
    let t = token.trim_start_matches(['<', '(', '[']);
    let rest = strip_doi_url_prefix(t)
        .or_else(|| strip_prefix_ascii_ci(t, "doi:").map(|r| r.trim_start_matches([' ', '\t'])))
        .unwrap_or(t);
    let d = bare_doi_scan(rest)?;
    let d = trim_trailing(d);
    // A DOI suffix needs at least one character.
    (d.len() > super::scan::find_byte(d, b'/').unwrap_or(d.len()) + 1).then_some(d)
}

/// A DOI that carries a journal's ISSN, with the ISSN's hyphen put back
/// where a PDF extraction dropped it at a line end: Wiley's
/// "10.1111/j.14685930.2011.00548.x", an Elsevier PII
/// "10.1016/S01406736(13)62228-X" or "10.1016/0022460X(72)90434-8", a
/// SICI "(SICI)15213773(20000103)" or "(ASCE)0887381X(2003)", SciELO's
/// "S141335552013005000097", the APA's "10.1037/08944105.18.3.485".
/// Only in those places, and only when the eight characters pass the
/// ISSN check digit: other publishers print ISSNs without the hyphen
/// ("10.1080/09672567.2019.1679210"), and stay as printed.
pub(crate) fn restore_issn_hyphen(d: &str) -> String {
    // A Unicode hyphen in a DOI is a PDF's typesetting of "-" (Wiley
    // prints "10.1037/0022‐3514.88.3.424" with U+2010): DOIs are written
    // with the ASCII one.
    let plain;
    let d = if d.is_ascii() {
        d
    } else {
        plain = d.replace(
            ['\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2212}'],
            "-",
        );
        plain.as_str()
    };
    let b = d.as_bytes();
    let Some(slash) = memchr::memchr(b'/', b) else {
        return d.to_string();
    };
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut cuts = Vec::new();
    let mut p = slash + 1;
    while p + 8 <= b.len() {
        let run = b.get(p..p + 8).unwrap_or_default();
        if is_issn(run) {
            let before = b.get(..p).unwrap_or_default();
            let ends_ci = |w: &[u8]| {
                before.len() >= w.len()
                    && before
                        .get(before.len() - w.len()..)
                        .is_some_and(|t| t.eq_ignore_ascii_case(w))
            };
            let after = at(p + 8);
            let wiley = ends_ci(b"/j.") && after == b'.';
            let pii = after == b'(' && (at(p - 1) == b'/' || ends_ci(b"/s") || at(p - 1) == b')');
            // The APA's own journals: "10.1037/0022-3514.78.1.53".
            let apa = b.starts_with(b"10.1037/") && at(p - 1) == b'/' && after == b'.';
            let tail = b.get(p + 8..).unwrap_or_default();
            let scielo = ends_ci(b"/s") && tail.len() == 13 && tail.iter().all(u8::is_ascii_digit);
            if wiley || pii || scielo || apa {
                cuts.push(p + 4);
                p += 8;
                continue;
            }
        }
        p += 1;
    }
    let mut out = String::with_capacity(d.len() + cuts.len());
    let mut from = 0;
    // Char boundary: each cut is inside a run of eight ASCII characters.
    for c in cuts {
        out.push_str(d.get(from..c).unwrap_or_default());
        out.push('-');
        from = c;
    }
    out.push_str(d.get(from..).unwrap_or_default());
    out
}

/// A piece of a link's path that runs two words of the title together
/// ("mcdavidinto" for "… Eric McDavid Into a Bomb Plot …"): a slug made
/// from the title has a hyphen there, which a line break may have taken.
/// Gives the piece and the words with the hyphen. Only words the title
/// separates with a space count ("Bjelke-Petersen" is often one word in a
/// slug), and only letters: "rfc1737", "2013dec20" are no slugs. The
/// second word may come up to three words after the first, as a slug
/// leaves small words out.
pub(crate) fn slug_lost_hyphen(url: &str, title: &str) -> Option<(String, String)> {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let (_, path) = after_scheme.split_once('/')?;
    let word = |t: &str| -> Option<String> {
        let t: String = t
            .chars()
            .filter(|c| !matches!(c, '\'' | '’'))
            .collect::<String>()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        (!t.is_empty() && t.chars().all(char::is_alphabetic))
            .then(|| deunicode::deunicode(&t).to_ascii_lowercase())
    };
    let words: Vec<Option<String>> = title.split_whitespace().map(word).collect();
    // (Capitals only are a code: "BOI-ISBASE-30" for "IS – Base".)
    let mut pieces = path
        .split(['/', '-', '_', '.', '?', '=', '&', ','])
        .filter(|p| {
            p.len() >= 4
                && p.bytes().all(|b| b.is_ascii_alphabetic())
                && p.bytes().any(|b| b.is_ascii_lowercase())
        })
        .peekable();
    pieces.peek()?;
    // Every two words the slug may run together: the second may come up
    // to three words after the first, as a slug leaves small words out
    // ("…-electionneed-know" for "… election: What you need to know").
    // (Looked up by the joined form, so that a long title and a long link
    // cost time in proportion to their length.)
    let single: HashSet<&str> = words.iter().flatten().map(String::as_str).collect();
    let mut pairs: HashMap<String, (&str, &str)> = HashMap::new();
    for (i, a) in words.iter().enumerate() {
        let Some(a) = a else { continue };
        for b in words.iter().skip(i + 1).take(3).flatten() {
            pairs
                .entry(format!("{a}{b}"))
                .or_insert((a.as_str(), b.as_str()));
        }
    }
    pieces.find_map(|piece| {
        let lower = piece.to_ascii_lowercase();
        // A word of the title itself ("simplejson" for "Simplejson:
        // Simple, fast, extensible JSON") is no two run together.
        if single.contains(lower.as_str()) {
            return None;
        }
        let (a, b) = pairs.get(&lower)?;
        Some((piece.to_string(), format!("{a}-{b}")))
    })
}

/// A word folded for comparing with a link: lower case ASCII, as a slug
/// spells it ("Köln" → "koln"); German's "oe" spelling too when it differs
/// ("koeln"), since slugs of German sites use it.
fn slug_forms(word: &str) -> [Option<String>; 2] {
    let plain = deunicode::deunicode(word).to_ascii_lowercase();
    let german = word.contains(['ä', 'ö', 'ü', 'Ä', 'Ö', 'Ü', 'ß']).then(|| {
        let mut g = String::with_capacity(word.len() + 4);
        for c in word.chars() {
            match c {
                'ä' | 'Ä' => g.push_str("ae"),
                'ö' | 'Ö' => g.push_str("oe"),
                'ü' | 'Ü' => g.push_str("ue"),
                'ß' => g.push_str("ss"),
                c => g.push(c),
            }
        }
        deunicode::deunicode(&g).to_ascii_lowercase()
    });
    [Some(plain), german]
}

/// Puts back the hyphens a PDF text lost where it joined two lines inside
/// a link: pdftotext drops a line's final hyphen and runs the next line
/// on, and a link breaks after its own hyphens ("…/afghan-carpet-" /
/// "industry-facing…" → "carpetindustry"). `text` is the rest of the
/// reference, whose words are the evidence of where a hyphen was:
/// - a piece of the link that is a hyphenated word of the text without
///   its hyphen ("nonexecutive" for "non-executive", "fronline" for
///   "FR-Online"), in the host too;
/// - a piece of the path with letters only that is no word of the text
///   but two of them run together, one way only ("carpetindustry":
///   "carpet" and "industry");
/// - a UUID's groups (8-4-4-4-12 hexadecimal digits) with one hyphen
///   missing ("7580b6975097-4ee5-…").
///
/// Gives the mended link, or `None` when nothing shows a place. It is a
/// guess, offered in the warning: the link itself goes to the note, as
/// one a PDF damaged is no value to copy.
pub(crate) fn restore_joined_hyphens(url: &str, text: &str) -> Option<String> {
    let mut vocab: HashSet<String> = HashSet::new();
    // Hyphenated words without their hyphens, and where the hyphen was.
    let mut hyphenated: HashMap<String, usize> = HashMap::new();
    // (An apostrophe is no break: a slug spells "we've" "weve".)
    let text: String = text.chars().filter(|c| !matches!(c, '\'' | '’')).collect();
    for w in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let w = w.trim_matches('-');
        if w.is_empty() {
            continue;
        }
        if let Some((a, b)) = w.split_once('-')
            && !b.contains('-')
            && !a.is_empty()
            && !b.is_empty()
        {
            for (fa, fb) in slug_forms(a).into_iter().zip(slug_forms(b)) {
                if let (Some(fa), Some(fb)) = (fa, fb) {
                    hyphenated.insert(format!("{fa}{fb}"), fa.len());
                }
            }
        }
        for part in w.split('-').filter(|p| !p.is_empty()) {
            vocab.extend(slug_forms(part).into_iter().flatten());
        }
    }
    let pieces = alnum_runs(url);
    // The host is a name ("theintercept.com"), not a slug: only a
    // hyphenated word of the text counts there ("covid-19.mitpress…").
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let path_from = url
        .get(after_scheme..)
        .and_then(|r| r.find('/'))
        .map_or(url.len(), |i| after_scheme + i);
    let mut cuts: Vec<usize> = Vec::new();
    for (n, &(ps, pe)) in pieces.iter().enumerate() {
        if pe <= after_scheme {
            continue;
        }
        // Char boundary: pieces are runs of ASCII bytes.
        let lower = url.get(ps..pe).unwrap_or_default().to_ascii_lowercase();
        if let Some(&at) = hyphenated.get(&lower) {
            cuts.push(ps + at);
            continue;
        }
        if ps < path_from {
            continue;
        }
        // Letters only: "rfc6247" is a name, not two words.
        if !vocab.contains(&lower) && lower.bytes().all(|b| b.is_ascii_alphabetic()) {
            // One place only: two splits of one piece are no evidence.
            let mut splits = (2..lower.len().saturating_sub(1)).filter(|&k| {
                // In bounds: 2 <= k < lower.len() - 1, an ASCII string.
                let (a, b) = lower.split_at(k);
                vocab.contains(a) && vocab.contains(b)
            });
            if let (Some(k), None) = (splits.next(), splits.next()) {
                cuts.push(ps + k);
                continue;
            }
        }
        if let Some(k) = uuid_cut(url, &pieces, n) {
            cuts.push(k);
        }
    }
    if cuts.is_empty() {
        return None;
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(url.len() + cuts.len());
    let mut from = 0;
    // Char boundary: each cut is inside a run of ASCII letters and digits.
    for c in cuts {
        out.push_str(url.get(from..c)?);
        out.push('-');
        from = c;
    }
    out.push_str(url.get(from..)?);
    Some(out)
}

/// A link with a UUID that lacks one of its hyphens, mended
/// ("…/640b09be-3b86-492e-aba2449329969989" → "…-aba2-449329969989").
pub(crate) fn restore_uuid_hyphen(url: &str) -> Option<String> {
    let pieces = alnum_runs(url);
    let cut = (0..pieces.len()).find_map(|n| uuid_cut(url, &pieces, n))?;
    // Char boundary: the cut is inside a run of ASCII hexadecimal digits.
    Some(format!("{}-{}", url.get(..cut)?, url.get(cut..)?))
}

/// The pieces of a link: the byte ranges of its runs of ASCII letters and
/// digits.
fn alnum_runs(url: &str) -> Vec<(usize, usize)> {
    let bytes = url.as_bytes();
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        if i > start {
            pieces.push((start, i));
        } else {
            i += 1;
        }
    }
    pieces
}

/// Where piece `n` of a link, split in two, completes a UUID whose groups
/// the neighbouring pieces are (8-4-4-4-12 hexadecimal digits joined by
/// hyphens, one hyphen missing): the byte offset of the cut.
fn uuid_cut(url: &str, pieces: &[(usize, usize)], n: usize) -> Option<usize> {
    const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];
    let hex = |&(s, e): &(usize, usize)| {
        url.as_bytes()
            .get(s..e)
            .is_some_and(|b| b.iter().all(u8::is_ascii_hexdigit))
    };
    let joined_by_hyphen = |a: &(usize, usize), b: &(usize, usize)| {
        a.1 + 1 == b.0 && url.as_bytes().get(a.1) == Some(&b'-')
    };
    // Piece `n` is groups `at` and `at + 1` of four pieces, the others
    // whole groups.
    (0..4).find_map(|at| {
        let first = n.checked_sub(at)?;
        let run = pieces.get(first..first + 4)?;
        let ok = run.iter().all(hex)
            && run
                .windows(2)
                .all(|w| matches!(w, [a, b] if joined_by_hyphen(a, b)))
            && run.iter().enumerate().all(|(i, (s, e))| {
                let want = match i.cmp(&at) {
                    std::cmp::Ordering::Less => GROUPS.get(i).copied(),
                    std::cmp::Ordering::Equal => {
                        GROUPS.get(i).zip(GROUPS.get(i + 1)).map(|(a, b)| a + b)
                    }
                    std::cmp::Ordering::Greater => GROUPS.get(i + 1).copied(),
                };
                want == Some(e - s)
            });
        ok.then(|| {
            pieces
                .get(n)
                .map(|p| p.0 + GROUPS.get(at).copied().unwrap_or(0))
        })
        .flatten()
    })
}

/// Seven digits and a check character (a digit or X) that an ISSN's
/// mod-11 check accepts.
fn is_issn(run: &[u8]) -> bool {
    let [digits @ .., check] = run else {
        return false;
    };
    if digits.len() != 7 || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .zip((2..=8).rev())
        .map(|(&c, w)| u32::from(c - b'0') * w)
        .sum();
    match (11 - sum % 11) % 11 {
        10 => check.eq_ignore_ascii_case(&b'X'),
        c => u32::from(*check) == u32::from(b'0') + c,
    }
}

/// [`doi_url_prefix`] without the grammar: what follows "https://",
/// "http://", "dx.", "www." (each optional, ASCII case ignored) and
/// "doi.org/". (The grammar compares lower-cased characters; no other
/// character lower-cases to a letter of these prefixes.)
fn strip_doi_url_prefix(t: &str) -> Option<&str> {
    let r = strip_prefix_ascii_ci(t, "https://")
        .or_else(|| strip_prefix_ascii_ci(t, "http://"))
        .unwrap_or(t);
    let r = strip_prefix_ascii_ci(r, "dx.")
        .or_else(|| strip_prefix_ascii_ci(r, "www."))
        .unwrap_or(r);
    strip_prefix_ascii_ci(r, "doi.org/")
}

/// [`bare_doi`] without the grammar: the DOI at the start of `i`.
fn bare_doi_scan(i: &str) -> Option<&str> {
    let b = i.as_bytes();
    let digits_from = |at: usize| b.iter().skip(at).take_while(|c| c.is_ascii_digit()).count();
    if !b.starts_with(b"10.") {
        return None;
    }
    // Two to nine digits of registrant (the grammar takes at most nine).
    let n = digits_from(3).min(9);
    if n < 2 {
        return None;
    }
    let mut end = 3 + n;
    // An optional ".digits" (only with at least one digit).
    if b.get(end) == Some(&b'.') {
        let m = digits_from(end + 1);
        if m > 0 {
            end += 1 + m;
        }
    }
    if b.get(end) != Some(&b'/') {
        return None;
    }
    end += 1;
    // Char boundary: `end` is just after an ASCII '/'.
    let suffix = i.get(end..)?;
    let m = suffix.find(char::is_whitespace).unwrap_or(suffix.len());
    if m == 0 {
        return None;
    }
    i.get(..end + m)
}

/// A DOI with nothing after its prefix: "10.1037/", "doi:10.1037/",
/// "https://doi.org/10.1037/".
pub(crate) fn is_doi_prefix_only(tok: &str) -> bool {
    let b = tok.as_bytes();
    let rest = b
        .windows(8)
        .rposition(|w| w.eq_ignore_ascii_case(b"doi.org/"))
        .and_then(|i| b.get(i + 8..))
        .or_else(|| {
            b.get(..4)
                .filter(|h| h.eq_ignore_ascii_case(b"doi:"))
                .and_then(|_| b.get(4..))
        })
        .unwrap_or(b);
    rest.strip_prefix(b"10.")
        .and_then(|r| r.strip_suffix(b"/"))
        .is_some_and(|reg| !reg.is_empty() && reg.iter().all(|&c| c.is_ascii_digit() || c == b'.'))
}

/// True when `tok` has "10." in it, as every DOI does: a byte scan with no
/// searcher to build, since most tokens are short words.
/// Where a "doi:" label glued after a stop starts in `tok`
/// ("67.doi:10.1037/abc", "Pages 1–9,DOI:10.1/x"), if it has one.
fn glued_doi_label(tok: &str) -> Option<usize> {
    let b = tok.as_bytes();
    // (Cheap test first: most tokens with "10." are years and pages,
    // without a colon.)
    memchr::memchr(b':', b)?;
    (1..b.len().saturating_sub(4)).find(|&i| {
        matches!(b.get(i - 1), Some(b'.' | b',' | b';' | b')'))
            && b.get(i..i + 4)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"doi:"))
    })
}

fn has_doi_marker(tok: &str) -> bool {
    tok.as_bytes().windows(3).any(|w| w == b"10.")
}

/// Words that lead to a link, or to an access date and then a link, in
/// the languages APA lists are written in ("Retrieved", "Recuperado",
/// "Abgerufen", "Repéré", "Disponível" …), lower case.
pub(crate) const LINK_LEADS: &[&str] = &[
    "retrieved",
    "available",
    "accessed",
    "recuperado",
    "disponible",
    "disponível",
    "disponibile",
    "consultado",
    "consulté",
    "consultato",
    "repéré",
    "récupéré",
    "abgerufen",
    "verfügbar",
    "online verfügbar",
    "zugriff",
    "opgehaald",
    "geraadpleegd",
    "pobrano",
    "dostęp",
    "obtenido",
    "acesso",
    "acessado",
    "recuperato",
    // "URL: https://…" (pybtex's APA style), "URL https://…" (natbib's
    // plainnat).
    "url",
];

/// A phrase that only says "from" before a link ("Recuperado de",
/// "Abgerufen von", "Repéré à", "Disponível em"), lower case.
pub(crate) fn is_link_phrase(lower: &str) -> bool {
    matches!(
        lower,
        "recuperado de"
            | "disponible en"
            | "disponible sur"
            | "disponible à l'adresse"
            | "disponível em"
            | "disponibile su"
            | "repéré à"
            | "récupéré de"
            | "récupéré sur"
            | "abgerufen von"
            | "abgerufen unter"
            | "verfügbar unter"
            | "online verfügbar unter"
            | "opgehaald van"
            | "pobrano z"
            | "dostępne w"
            | "obtenido de"
            | "recuperato da"
    )
}

/// True when the token starts a URL: with a scheme, "www.", or
/// scheme-relative ("//www.springer.com/gb/book/…", as some catalogue
/// records store links) when a host with a dot comes before the next '/'.
pub fn is_url_start(token: &str) -> bool {
    // (The brackets are trimmed on bytes: they are ASCII.)
    let t = token.as_bytes();
    let lead = t
        .iter()
        .take_while(|b| matches!(b, b'<' | b'(' | b'['))
        .count();
    let t = t.get(lead..).unwrap_or_default();
    let starts = |p: &[u8]| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    // The first four bytes as a word, the case bit set in those `case`
    // marks: a letter's byte with it set is its lower case, and only the
    // letter's two cases give it.
    let head = |case: u32| {
        t.get(..4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(|b| u32::from_le_bytes(b) | case)
    };
    // (Each form is asked only of a token with its first letter; "http://"
    // and "https://" share "http", compared once, as a word.)
    match t.first().map(u8::to_ascii_lowercase) {
        Some(b'h') => {
            head(0x2020_2020) == Some(u32::from_le_bytes(*b"http"))
                && (t.get(4..7) == Some(b"://")
                    || t.get(4..8).is_some_and(|s| s.eq_ignore_ascii_case(b"s://")))
        }
        Some(b'f') => starts(b"ftp://"),
        // (The period's byte is compared as it is.)
        Some(b'w') => head(0x0020_2020) == Some(u32::from_le_bytes(*b"www.")) && t.len() > 6,
        Some(b'/') => t.strip_prefix(b"//").is_some_and(is_host_then_path),
        _ => false,
    }
}

/// The first byte (lower case) of a token `is_url_start` may accept.
fn may_start_link(c: u8) -> bool {
    matches!(c, b'h' | b'f' | b'w' | b'/' | b'<' | b'(' | b'[')
}

/// "www.springer.com/…": a host of letters, digits, '-' and at least one
/// inner '.', then '/'.
fn is_host_then_path(t: &[u8]) -> bool {
    let host_len = t
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'.'))
        .unwrap_or(t.len());
    let host = t.get(..host_len).unwrap_or_default();
    t.get(host_len) == Some(&b'/')
        && host.first().is_some_and(u8::is_ascii_alphanumeric)
        && host.last().is_some_and(u8::is_ascii_alphabetic)
        && host.contains(&b'.')
}

/// Finds the identifiers in `s` at or after byte `from`.
pub fn find_identifiers(s: &str, from: usize) -> Vec<Ident> {
    // Most references have one identifier, some two.
    let mut out = Vec::with_capacity(2);
    let mut toks = tokens_from(s, from);
    // Where "10." is, as every DOI has it: found in one pass over the
    // text, in order (no occurrence spans two tokens: it has no space).
    static TEN: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("10."));
    let tail = s.as_bytes().get(from..).unwrap_or_default();
    let mut marks = TEN.find_iter(tail).map(|p| p + from);
    // The first "10." not before the current token.
    let mut mark = marks.next();
    loop {
        toks.skip_plain(mark);
        let Some((start, tok)) = toks.next() else {
            break;
        };
        while mark.is_some_and(|p| p < start) {
            mark = marks.next();
        }
        let marked = mark.is_some_and(|p| p < start + tok.len());
        // A token without "10." is an identifier or a keyword only when it
        // starts like one: a URL (after '<', '(' or '['), or "doi",
        // "pmid", "isbn" or "issn" (five bytes at most, with a colon or
        // period). Most tokens are words and pass here.
        if !marked {
            match tok.as_bytes().first().map(u8::to_ascii_lowercase) {
                Some(c) if may_start_link(c) => {}
                Some(b'd' | b'p' | b'i') if tok.len() <= 5 => {}
                // "PMID:31234567", glued to its number; "Medline:11315248"
                // (the same number, as APA PsycNET labels it).
                Some(c @ (b'p' | b'm'))
                    if let label = if c == b'p' {
                        &b"pmid:"[..]
                    } else {
                        b"medline:"
                    } && tok.len() > label.len()
                        && tok
                            .as_bytes()
                            .get(..label.len())
                            .is_some_and(|h| h.eq_ignore_ascii_case(label)) =>
                {
                    // Char boundary: the label's bytes are ASCII.
                    let n = trim_trailing(&tok[label.len()..]);
                    if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
                        out.push(Ident {
                            kind: IdentKind::Pmid,
                            value: n.to_string(),
                            start,
                            end: start + label.len() + n.len(),
                        });
                    }
                    continue;
                }
                _ => continue,
            }
        }
        // Identifier keywords are short: lower-case only those, in a
        // buffer on the stack (most tokens are short words; the bytes of
        // other characters stay non-ASCII and match no keyword).
        // (Copied byte by byte as it is lowered: a copy of a length not
        // known at compile time is a memcpy call.)
        let mut buf = [0u8; 5];
        let lower: &[u8] = match buf.get_mut(..tok.len()) {
            Some(b) => {
                for (d, &c) in b.iter_mut().zip(tok.as_bytes()) {
                    *d = c.to_ascii_lowercase();
                }
                b
            }
            None => b"",
        };
        // "doi:" / "DOI:" / "DOI" followed by the DOI as the next token.
        if matches!(lower, b"doi:" | b"doi" | b"doi.")
            && let Some((nstart, next)) = toks.peek()
            && let Some(d) = doi_in(next)
        {
            // `d` is a slice of `next`: the printed DOI ends where it does.
            let end = nstart + super::scan::offset_in(next, d).unwrap_or(0) + d.len();
            out.push(Ident {
                kind: IdentKind::Doi,
                value: restore_issn_hyphen(d),
                start,
                end,
            });
            toks.next();
            continue;
        }
        // A DOI cut after its prefix by a line break or a stray space:
        // "doi:10.1037/ abc0000125" (nothing can be lost after a slash).
        let doi = if marked { doi_in(tok) } else { None };
        // "doi:" glued to the stop before it: "45–67.doi:10.1037/abc"
        // (typed so, or copied from a page). The DOI starts at its label.
        if doi.is_none()
            && marked
            && let Some(at) = glued_doi_label(tok)
            // Char boundary: `at` is where an ASCII "doi:" starts.
            && let Some(d) = doi_in(&tok[at..])
        {
            let printed_end =
                start + at + super::scan::offset_in(&tok[at..], d).unwrap_or(0) + d.len();
            out.push(Ident {
                kind: IdentKind::Doi,
                value: restore_issn_hyphen(d),
                start: start + at,
                end: printed_end,
            });
            continue;
        }
        if doi.is_none()
            && marked
            && is_doi_prefix_only(tok)
            && let Some((nstart, next)) = toks.peek()
            && let Some(d) = doi_in(&format!("{tok}{next}"))
        {
            out.push(Ident {
                kind: IdentKind::Doi,
                value: restore_issn_hyphen(d),
                start,
                // The DOI ends where `next` does, less its closing punctuation.
                end: nstart + trim_trailing(next).len(),
            });
            toks.next();
            continue;
        }
        if let Some(d) = doi {
            // `d` is a slice of `tok` (after the brackets and link prefix
            // trimmed from its start, which have no "10."): where it is.
            let lead = tok.len() - tok.trim_start_matches(['<', '(', '[']).len();
            let printed_end = start + super::scan::offset_in(tok, d).unwrap_or(lead) + d.len();
            out.push(Ident {
                kind: IdentKind::Doi,
                value: restore_issn_hyphen(d),
                start,
                end: printed_end,
            });
            continue;
        }
        if is_url_start(tok) {
            let lead = tok.len() - tok.trim_start_matches(['<', '(', '[']).len();
            // Char boundary: as above.
            let url = trim_trailing(&tok[lead..]);
            out.push(Ident {
                kind: IdentKind::Url,
                value: url.to_string(),
                start: start + lead,
                end: start + lead + url.len(),
            });
            continue;
        }
        if matches!(lower, b"pmid:" | b"pmid")
            && let Some((nstart, next)) = toks.peek()
        {
            let n = trim_trailing(next);
            if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
                out.push(Ident {
                    kind: IdentKind::Pmid,
                    value: n.to_string(),
                    start,
                    end: nstart + n.len(),
                });
                toks.next();
                continue;
            }
        }
        if matches!(lower, b"isbn:" | b"isbn" | b"issn:" | b"issn")
            && let Some((nstart, next)) = toks.peek()
        {
            let n = trim_trailing(next);
            if n.len() >= 8
                && n.chars()
                    .all(|c| c.is_ascii_digit() || c == '-' || c == 'X')
            {
                out.push(Ident {
                    kind: if lower.starts_with(b"isbn") {
                        IdentKind::Isbn
                    } else {
                        IdentKind::Issn
                    },
                    value: n.to_string(),
                    start,
                    end: nstart + n.len(),
                });
                toks.next();
                continue;
            }
        }
    }
    // A link printed without its scheme or "www." ends the reference:
    // "McGraw-Hill Education. accessmedicine.mhmedical.com/content.aspx?aid=1117754305",
    // as Zotero stores some. Only the last word is asked: a host and a
    // path anywhere else may be a title's words ("input/output").
    // (Most references end with their DOI or link: asked first, in O(1).)
    // (A stop or a space after the last one is let through.)
    if out.last().is_none_or(|i| i.end + 1 < s.len())
        && !out.iter().any(|i| i.kind == IdentKind::Url)
        && let Some(t) = last_bare_link(s, from)
        && out.last().is_none_or(|i| i.end <= t.0)
    {
        out.push(Ident {
            kind: IdentKind::Url,
            value: t.1.to_string(),
            start: t.0,
            end: t.0 + t.1.len(),
        });
    }
    out
}

/// The text's last word when it is a host and a path without a scheme
/// ("accessmedicine.mhmedical.com/content.aspx?aid=1", "bit.ly/3abc"),
/// after an element's stop, with where it starts: a host of two labels or
/// more, the last of two to six lower-case letters (a top-level domain),
/// then "/" and more.
fn last_bare_link(s: &str, from: usize) -> Option<(usize, &str)> {
    let t = s.trim_end();
    // (Most references end with a word without '/': the bytes of the last
    // word are walked back once, and most answer there.)
    let b = t.as_bytes();
    let mut start = b.len();
    let mut slash = false;
    while start > 0 {
        // In bounds: `0 < start <= b.len()`.
        match b[start - 1] {
            b' ' => break,
            b'/' => slash = true,
            _ => {}
        }
        start -= 1;
    }
    if !slash {
        return None;
    }
    // Char boundary: `start` is just after an ASCII ' ' (or 0).
    let word = trim_trailing(&t[start..]);
    if start < from || !t[..start].trim_end().ends_with('.') {
        return None;
    }
    let (host, path) = word.split_once('/')?;
    (is_bare_domain_path(word)
        && !path.is_empty()
        && host.starts_with(|c: char| c.is_ascii_alphanumeric()))
    .then_some((start, word))
}

/// "accessemergencymedicine.mhmedical.com/content.aspx?aid=1": a URL
/// printed without its scheme.
pub(crate) fn is_bare_domain_path(w: &str) -> bool {
    let Some((host, _)) = w.split_once('/') else {
        return false;
    };
    host.contains('.')
        && !host.contains(' ')
        && host.split('.').next_back().is_some_and(|tld| {
            (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
        })
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// The space-separated tokens of `s` from byte `from`, with their offsets.
fn tokens_from(s: &str, from: usize) -> Tokens<'_> {
    Tokens {
        tail: s.get(from..).unwrap_or_default(),
        from,
        pos: 0,
    }
}

/// [`tokens_from`]: a cursor, copied to look ahead (no `Peekable`).
#[derive(Clone, Copy)]
struct Tokens<'a> {
    tail: &'a str,
    from: usize,
    /// Where the next token is looked for, in `tail`.
    pos: usize,
}

impl<'a> Tokens<'a> {
    /// Moves past the tokens [`find_identifiers`] passes over: those whose
    /// first byte starts no identifier or keyword (see there; "doi",
    /// "pmid" and "isbn" are kept at any length), or that start with 'h',
    /// 'f' or 'w' but not as "http", "ftp" or "www" do, and that end before
    /// `mark`, the offset of the next "10." in the text. Stops at the
    /// first other token, or where the mark may be stale (it is moved on
    /// by the caller); the tokens skipped are those `next` would give.
    fn skip_plain(&mut self, mark: Option<usize>) {
        let b = self.tail.as_bytes();
        while let Some(&c) = b.get(self.pos) {
            let c = c.to_ascii_lowercase();
            // A word that starts as a link does only by its first letter
            // ("from", "with", "health") is passed over too: a link with
            // no bracket before it starts "http", "ftp" or "www".
            let second = b.get(self.pos + 1).map(u8::to_ascii_lowercase);
            let link_like = match c {
                b'h' | b'f' => second == Some(b't'),
                b'w' => second == Some(b'w'),
                _ => may_start_link(c),
            };
            if link_like || matches!(c, b'd' | b'p' | b'i') {
                return;
            }
            // An empty token (a space here) ends where it starts.
            let end = crate::swar::find_byte(b, self.pos, b' ').unwrap_or(b.len());
            if mark.is_some_and(|p| p < self.from + end) {
                return;
            }
            self.pos = end + 1;
        }
    }

    /// The next token, without moving past it.
    fn peek(&self) -> Option<(usize, &'a str)> {
        let mut ahead = *self;
        ahead.next()
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let tail = self.tail;
        loop {
            if self.pos > tail.len() {
                return None;
            }
            // Tokens are short: eight bytes at a time beats a byte loop
            // and a memchr call.
            let end = crate::swar::find_byte(tail.as_bytes(), self.pos, b' ').unwrap_or(tail.len());
            let start = self.pos;
            self.pos = end + 1;
            // Char boundary: `start` is 0 or just after an ASCII space,
            // `end` an ASCII space or the end.
            if let Some(t) = tail.get(start..end).filter(|t| !t.is_empty()) {
                return Some((self.from + start, t));
            }
        }
    }
}

/// What a trailer phrase before or around an identifier says.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Trailer {
    /// "Retrieved March 3, 2020, from" → the access date.
    pub accessed: Option<Date>,
    /// Text that is neither an identifier nor a known phrase.
    pub rest: String,
}

/// Reads the text between / around identifiers: "Retrieved from",
/// "Retrieved March 3, 2020, from", "Accessed 2020-03-03", "Available
/// at". What is not a known phrase is returned in `rest`.
pub fn read_trailer(text: &str) -> Trailer {
    let mut t = Trailer::default();
    let mut s = text
        .fast_trim()
        .trim_matches(|c: char| c == '.' || c == ',' || c == ';')
        .fast_trim();
    // Bracketed access notes: "[Accessed 3 March 2020]", "(accessed ...)".
    if let Some(inner) = s
        .strip_prefix('[')
        .and_then(|x| x.strip_suffix(']'))
        .or_else(|| s.strip_prefix('(').and_then(|x| x.strip_suffix(')')))
    {
        s = super::scan::trim(inner);
    }
    let lower = s.lc();
    for lead in [
        "retrieved on ",
        "retrieved ",
        "accessed on ",
        "accessed: ",
        "accessed ",
        "last accessed ",
        "available from ",
        "available at ",
        "available online ",
        // The same in the other languages APA lists are written in.
        "abgerufen am ",
        "zugriff am ",
        "consulté le ",
        "récupéré le ",
        "consultado el ",
        "recuperado el ",
        "acesso em ",
        "acessado em ",
        "consultato il ",
        "geraadpleegd op ",
        "dostęp ",
    ] {
        // Lower-casing keeps the byte length of these leads (ASCII, 'é'), so
        // `lead.len()` is where the rest starts in `s` too.
        if lower.starts_with(lead)
            && let Some(rest) = s.get(lead.len()..)
        {
            let mut rest = super::scan::trim(rest);
            let rl = rest.lc();
            if rl == "from" || rl == "at" || rl.is_empty() {
                return t;
            }
            if let Some(stripped) = [
                " from", " at", " von", " de", " en", " à", " sur", " van", " z", " em", " da",
            ]
            .iter()
            .find_map(|w| rest.strip_suffix(w))
            {
                rest = stripped;
            }
            // (A colon kept for the rest below: "from Site: URL" names
            // the site before its link.)
            let colon = if rest.ends_with(':') { ":" } else { "" };
            let rest = rest.trim_end_matches([',', ':']).fast_trim();
            if let Some(d) = date::parse_date_text(rest) {
                t.accessed = Some(d);
                return t;
            }
            // APA 5's date and database without a link: "Retrieved
            // October 23, 2000, from PsycARTICLES database"; the rest is
            // given as "Retrieved from PsycARTICLES database".
            if let Some((when, from)) = rest.split_once(", from ")
                && let Some(d) = date::parse_date_text(when)
                && !from.fast_trim().is_empty()
            {
                t.accessed = Some(d);
                t.rest = format!("Retrieved from {}{colon}", from.fast_trim());
                return t;
            }
        }
    }
    if matches!(
        lower.as_str(),
        "retrieved from"
            | "available from"
            | "available at"
            | "retrieved from:"
            | "available from:"
            | "available at:"
            | "from"
            | "online"
            | "[online]"
            | "url"
            | "url:"
    ) || is_link_phrase(&lower)
    {
        return t;
    }
    t.rest = s.to_string();
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_without_scheme_ending_the_reference() {
        let s = "Title. McGraw-Hill Education. accessmedicine.mhmedical.com/content.aspx?aid=1117754305";
        let ids = find_identifiers(s, 0);
        assert_eq!(ids.len(), 1);
        assert_eq!(
            ids[0].value,
            "accessmedicine.mhmedical.com/content.aspx?aid=1117754305"
        );
        // Not a title's words, nor a word not after a stop.
        assert!(find_identifiers("Title. Studies of input/output", 0).is_empty());
        assert!(find_identifiers("Title about node.js/express", 0).is_empty());
        assert!(find_identifiers("Title. Publisher. U.S./Canada", 0).is_empty());
    }

    /// [`doi_in`] by the nom grammar, as first written.
    fn doi_in_by_grammar(token: &str) -> Option<&str> {
        if !has_doi_marker(token) {
            return None;
        }
        let t = token.trim_start_matches(['<', '(', '[']);
        let rest = if let Ok((rest, _)) = doi_url_prefix(t) {
            rest
        } else if let Ok((rest, _)) = (
            tag_no_case::<_, _, nom::error::Error<&str>>("doi:"),
            nom::character::complete::space0,
        )
            .parse(t)
        {
            rest
        } else {
            t
        };
        let (_, d) = bare_doi(rest).ok()?;
        let d = trim_trailing(d);
        (d.len() > d.find('/').unwrap_or(d.len()) + 1).then_some(d)
    }

    #[test]
    fn hyphens_a_pdf_join_lost_are_put_back_from_the_words_around() {
        let restore = restore_joined_hyphens;
        // Two words of the text run together in the slug.
        assert_eq!(
            restore(
                "https://ariananews.af/afghan-carpetindustry-facing-major-challenges-acci/",
                "Ariana News. (2021). Afghan carpet industry facing major challenges: ACCI."
            )
            .as_deref(),
            Some("https://ariananews.af/afghan-carpet-industry-facing-major-challenges-acci/")
        );
        // A hyphenated word of the text, in the host too; German's "oe".
        assert_eq!(
            restore(
                "http://www.fronline.de/x/rettungspaketbenoetigen,1471908.html",
                "Portugal könnte Rettungspaket benötigen. FR-Online."
            )
            .as_deref(),
            Some("http://www.fr-online.de/x/rettungspaket-benoetigen,1471908.html")
        );
        // A UUID's groups.
        assert_eq!(
            restore(
                "https://www.envidat.ch/dataset/640b09be-3b86-492e-aba2449329969989",
                "Snow depth 2019"
            )
            .as_deref(),
            Some("https://www.envidat.ch/dataset/640b09be-3b86-492e-aba2-449329969989")
        );
        // No evidence: a name in the host, a piece with digits, an
        // apostrophe's word, a word of the text itself, two places in one
        // piece.
        for (url, text) in [
            ("https://theintercept.com/2015/x", "The Intercept"),
            ("https://www.rfceditor.org/rfc/rfc6247.txt", "RFC 6247"),
            (
                "https://www.thetimes.co.uk/article/weve-come-a-long-way",
                "We've come a long way",
            ),
            (
                "http://github.com/simplejson/simplejson",
                "Simplejson: simple JSON",
            ),
            ("https://example.org/abcdef", "ab cdef abcd ef"),
        ] {
            assert_eq!(restore(url, text), None, "{url}");
        }
    }

    #[test]
    fn slug_with_two_title_words_run_together() {
        let title = "Manufacturing terror: An FBI informant seduced Eric McDavid into a bomb plot";
        assert_eq!(
            slug_lost_hyphen(
                "https://theintercept.com/2015/11/19/an-fbi-informant-seduced-eric-mcdavidinto-a-bomb-plot/",
                title
            ),
            Some(("mcdavidinto".to_string(), "mcdavid-into".to_string()))
        );
        // Whole: every word has its hyphen.
        assert_eq!(
            slug_lost_hyphen(
                "https://theintercept.com/2015/11/19/an-fbi-informant-seduced-eric-mcdavid-into-a-bomb-plot/",
                title
            ),
            None
        );
        assert_eq!(
            slug_lost_hyphen(
                "https://worninwornout.substack.com/p/geta-move-on",
                "Get a move on"
            ),
            Some(("geta".to_string(), "get-a".to_string()))
        );
        // Not from the title's words as the title spaces them, or no words.
        assert_eq!(
            slug_lost_hyphen(
                "https://adb.anu.edu.au/biography/bjelkepetersen-hans-5247",
                "Bjelke-Petersen, Hans"
            ),
            None
        );
        assert_eq!(
            slug_lost_hyphen("https://datatracker.ietf.org/doc/rfc1737/", "RFC 1737"),
            None
        );
        // The host is the site's name, not a slug.
        assert_eq!(
            slug_lost_hyphen("https://sverigesradio.se/artikel/6891577", "Sveriges Radio"),
            None
        );
        // Small words of the title left out of the slug.
        assert_eq!(
            slug_lost_hyphen(
                "http://www.telegraph.co.uk/news/2017/03/26/hong-kong-chief-executive-electionneed-know/",
                "The Hong Kong chief executive election: What you need to know"
            ),
            Some(("electionneed".to_string(), "election-need".to_string()))
        );
        // A word of the title itself, and a code in capitals.
        assert_eq!(
            slug_lost_hyphen(
                "http://github.com/simplejson/simplejson",
                "Simplejson: Simple, fast, extensible JSON encoder"
            ),
            None
        );
        assert_eq!(
            slug_lost_hyphen(
                "http://bofip.impots.gouv.fr/bofip/7999-PGP.html?identifiant=BOI-ISBASE-30-50-20121130",
                "IS – Base d'imposition"
            ),
            None
        );
    }

    #[test]
    fn issn_hyphen_put_back_in_dois() {
        for (read, want) in [
            (
                "10.1111/j.14685930.2011.00548.x",
                "10.1111/j.1468-5930.2011.00548.x",
            ),
            (
                "10.1016/S01406736(13)62228-X",
                "10.1016/S0140-6736(13)62228-X",
            ),
            (
                "10.1016/0022460X(72)90434-8",
                "10.1016/0022-460X(72)90434-8",
            ),
            (
                "10.1061/(ASCE)0887381X(2003)17:1(37)",
                "10.1061/(ASCE)0887-381X(2003)17:1(37)",
            ),
            ("10.1037/08944105.18.3.485", "10.1037/0894-4105.18.3.485"),
            (
                "10.1002/(SICI)15213773(20000103)39:1<165::AID-ANIE165>3.0.CO;2-B",
                "10.1002/(SICI)1521-3773(20000103)39:1<165::AID-ANIE165>3.0.CO;2-B",
            ),
            (
                "10.1590/S141335552013005000097",
                "10.1590/S1413-35552013005000097",
            ),
            // As printed: with its hyphen, without one where the publisher
            // prints none, or not an ISSN by its check digit.
            (
                "10.1111/j.1468-5930.2011.00548.x",
                "10.1111/j.1468-5930.2011.00548.x",
            ),
            (
                "10.1080/09672567.2019.1679210",
                "10.1080/09672567.2019.1679210",
            ),
            ("10.1163/1570064x-12341367", "10.1163/1570064x-12341367"),
            (
                "10.1111/j.14685931.2011.00548.x",
                "10.1111/j.14685931.2011.00548.x",
            ),
        ] {
            assert_eq!(restore_issn_hyphen(read), want);
        }
    }

    /// [`is_url_start`] with the prefixes compared one by one, as before
    /// the dispatch on the first letter.
    fn url_start_by_prefixes(s: &str) -> bool {
        let b = s.as_bytes();
        let lead = b
            .iter()
            .take_while(|c| matches!(c, b'<' | b'(' | b'['))
            .count();
        let t = &b[lead..];
        let starts = |p: &[u8]| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
        starts(b"http://")
            || starts(b"https://")
            || starts(b"ftp://")
            || (starts(b"www.") && t.len() > 6)
            || t.strip_prefix(b"//").is_some_and(is_host_then_path)
    }

    #[test]
    fn url_start_on_near_forms() {
        for s in [
            "https://doi.org/x",
            "HTTP://X.ORG",
            "hTtPs://a",
            "http:/a",
            "https:/",
            "http",
            "htt",
            "Http://",
            "HTTPS://",
            "httpx://",
            "ftp://a",
            "FTP://a",
            "ftp:/",
            "www.example.org",
            "WWW.EX.COM",
            "wWw.ab",
            "www.abc",
            "www\u{e}abc",
            "ww.abcdef",
            "//www.springer.com/x",
            "<https://a>",
            "(www.abcdef",
            "[http://a]",
            "What",
            "from",
            "with",
            "/path",
            "",
        ] {
            assert_eq!(is_url_start(s), url_start_by_prefixes(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn url_start_as_its_prefix_list(s in "[<(\\[]?(h|H|f|w|W|/)?[tTpPsSwW:/.\u{e}a]{0,9}") {
            proptest::prop_assert_eq!(is_url_start(&s), url_start_by_prefixes(&s), "{:?}", s);
        }

        #[test]
        fn trim_trailing_as_its_loop(s in "[a-z0-9/.,;>»\"”'()\\[\\]]{0,8}") {
            // The loop alone, before the test of the last byte.
            proptest::prop_assert_eq!(trim_trailing(&s), trim_trailing_loop(&s), "{:?}", s);
        }

        #[test]
        fn doi_scanner_agrees_with_the_grammar(
            pre in "(<|\\(|\\[)?((https?://|HTTP://)?(dx\\.|www\\.|WWW\\.)?(doi|DOI)\\.(org|ORG)/|(doi|DOI|dOi):[ \t]?)?",
            doi in "10\\.[0-9]{0,11}(\\.[0-9]{0,2})?/?[a-zé().\\]/ ]{0,6}",
        ) {
            let s = format!("{pre}{doi}");
            proptest::prop_assert_eq!(doi_in(&s), doi_in_by_grammar(&s), "{:?}", s);
        }

        #[test]
        fn tokens_are_the_space_separated_words(s in "[a-z0-9. é]{0,30}", from in 0usize..8) {
            let from = (0..=from.min(s.len())).rev().find(|&f| s.is_char_boundary(f)).unwrap_or(0);
            let mut pos = from;
            let want: Vec<(usize, &str)> = s[from..]
                .split(' ')
                .filter_map(|t| {
                    let start = pos;
                    pos += t.len() + 1;
                    (!t.is_empty()).then_some((start, t))
                })
                .collect();
            proptest::prop_assert_eq!(tokens_from(&s, from).collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn links_found_among_words_that_start_as_links_do() {
        let s = "From health with Wiley. ftp://ftp.x.org/a HTTPS://Y.ORG/b www.z.com/c \
                 fhttp://no whttp://no (http://q.org/d) Http: www. doi: 10.1000/xyz";
        let found: Vec<(IdentKind, &str)> = find_identifiers(s, 0)
            .iter()
            .map(|i| (i.kind, &s[i.start..i.end]))
            .collect();
        assert_eq!(
            found,
            [
                (IdentKind::Url, "ftp://ftp.x.org/a"),
                (IdentKind::Url, "HTTPS://Y.ORG/b"),
                (IdentKind::Url, "www.z.com/c"),
                (IdentKind::Url, "http://q.org/d"),
                (IdentKind::Doi, "doi: 10.1000/xyz"),
            ]
        );
    }

    #[test]
    fn doi_forms() {
        for s in [
            "https://doi.org/10.1177/0269881117705089",
            "http://dx.doi.org/10.1177/0269881117705089",
            "doi:10.1177/0269881117705089",
            "10.1177/0269881117705089.",
            "https://www.doi.org/10.1177/0269881117705089",
        ] {
            assert_eq!(doi_in(s), Some("10.1177/0269881117705089"), "{s}");
        }
        assert_eq!(doi_in("https://example.org/10.1177/x"), None);
        assert_eq!(doi_in("10.1/"), None);
    }

    #[test]
    fn a_doi_label_glued_after_a_stop_starts_the_doi() {
        for (s, printed) in [
            ("Journal, 1(2), 45–67.doi:10.1037/abc", "doi:10.1037/abc"),
            ("Journal, 1(2), 45–67,DOI:10.1037/abc.", "DOI:10.1037/abc"),
        ] {
            let ids = find_identifiers(s, 0);
            assert_eq!(ids.len(), 1, "{s}");
            assert_eq!(ids[0].value, "10.1037/abc");
            assert_eq!(&s[ids[0].start..ids[0].end], printed);
        }
        // Not a label: a word that ends in "doi" ("Kandoi:") is no stop.
        assert_eq!(glued_doi_label("Kandoi:10.1037/abc"), None);
    }

    #[test]
    fn finds_all_identifiers() {
        let s = "Title. Journal, 1(2), 3. doi: 10.1037/abc. Retrieved from https://x.org/a_(b)";
        let ids = find_identifiers(s, 0);
        assert_eq!(ids.len(), 2);
        assert_eq!(ids[0].kind, IdentKind::Doi);
        assert_eq!(ids[0].value, "10.1037/abc");
        assert_eq!(&s[ids[0].start..ids[0].end], "doi: 10.1037/abc");
        assert_eq!(ids[1].value, "https://x.org/a_(b)");
    }

    #[test]
    fn doi_after_keyword_ends_where_printed() {
        // The DOI's end was counted past only a '<' or '(' before it, not
        // a '[' or a doi.org URL: here it fell inside the 'é', and slicing
        // the printed form panicked.
        let s = "Journal. DOI: [10.1234/aé";
        let ids = find_identifiers(s, 0);
        assert_eq!(ids[0].value, "10.1234/aé");
        assert_eq!(&s[ids[0].start..ids[0].end], "DOI: [10.1234/aé");
        let s = "Journal. DOI https://dx.doi.org/10.1234/éééééééééééé";
        let ids = find_identifiers(s, 0);
        assert_eq!(&s[ids[0].start..ids[0].end], &s["Journal. ".len()..]);
        let p =
            crate::apa::parse_reference("Smith, J. (2020). Title. Journal. DOI: [10.1234/aé", 1, 1);
        assert_eq!(p.reference.doi.as_deref(), Some("10.1234/aé"));
    }

    #[test]
    fn url_punctuation() {
        let s = "See (https://x.org/page).";
        let ids = find_identifiers(s, 0);
        assert_eq!(ids[0].value, "https://x.org/page");
    }

    #[test]
    fn scheme_relative_links() {
        assert!(is_url_start("//www.springer.com/gb/book/9783658115449"));
        assert!(is_url_start("//doi.org/10.1103/PhysRevE.88.043105"));
        // A host needs a dot and a path; comments and paths are not links.
        assert!(!is_url_start("//localhost/x"));
        assert!(!is_url_start("//"));
        assert!(!is_url_start("//www.example.com"));
        assert!(!is_url_start("/usr/share/doc"));
        let s = "Complex geometry. Springer. //www.springer.com/de/book/1.";
        let ids = find_identifiers(s, 0);
        assert_eq!(ids.len(), 1);
        assert_eq!(ids[0].kind, IdentKind::Url);
        assert_eq!(ids[0].value, "//www.springer.com/de/book/1");
    }

    #[test]
    fn trailers() {
        let t = read_trailer("Retrieved March 3, 2020, from");
        let d = t.accessed.unwrap().start.unwrap();
        assert_eq!((d.year, d.month, d.day), (2020, Some(3), Some(3)));
        assert_eq!(read_trailer("Retrieved from"), Trailer::default());
        assert_eq!(
            read_trailer("[Accessed 3 March 2020]")
                .accessed
                .unwrap()
                .year_value(),
            Some(2020)
        );
        assert_eq!(
            read_trailer("Unpublished raw data").rest,
            "Unpublished raw data"
        );
        // The site named before the link keeps its colon; a database does
        // not have one.
        let t = read_trailer("Retrieved June 2, 2020, from Computing Today:");
        assert_eq!(t.rest, "Retrieved from Computing Today:");
        let t = read_trailer("Retrieved October 23, 2000, from PsycARTICLES database");
        assert_eq!(t.rest, "Retrieved from PsycARTICLES database");
    }
}
