//! Normalising one reference's text before it is parsed: one line, single
//! spaces, no control or zero-width characters, and URLs/DOIs that a PDF
//! extraction broke with spaces put back together.
//!
//! Quotes and dashes are kept as printed (writers keep them); the parser
//! treats the variants alike.

use std::borrow::Cow;

/// Characters removed outright: soft hyphen, zero-width spaces and joiners,
/// byte-order marks, word joiner, and the marks of writing direction
/// (pdftotext puts embeddings around right-to-left words, also inside
/// links: "https://www.qdl.qa/\u{202B}العربية\u{202C}/archive").
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Normalises whitespace and removes invisible and control characters.
pub fn clean(text: &str) -> String {
    clean_noting_accents(text).0.into_owned()
}

/// [`clean`], and whether the text may have a combining accent (see
/// [`compose_accents`]): `false` only when it certainly has none, as
/// [`plain`] tells of a text kept as it is (it looks at each character
/// that is not ASCII on its way), so that it is not searched again. A
/// text kept as it is comes back borrowed.
fn clean_noting_accents(text: &str) -> (Cow<'_, str>, bool) {
    // Most references are already clean: printable characters (dashes
    // and curly quotes are common), single spaces, nothing at the ends.
    let b = text.as_bytes();
    if let Some(accents) = plain(text)
        && !contains_any!(text, ["  "])
        && !text.starts_with(' ')
        && !text.ends_with(' ')
    {
        return (Cow::Borrowed(text), accents);
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    // Copy runs of ordinary characters whole; only spaces, controls and
    // invisible characters need a decision.
    let mut run_start: Option<usize> = None;
    let mut i = 0usize;
    while let Some(&byte) = b.get(i) {
        // Printable ASCII: skip the whole run at once.
        let (c, special) = if (0x21..0x7f).contains(&byte) {
            (byte as char, false)
        } else {
            // `i` is a char boundary: it only moves by whole chars.
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            let special = if c.is_ascii() {
                c.is_ascii_whitespace() || c.is_ascii_control()
            } else {
                is_invisible(c) || c.is_whitespace() || c.is_control() || substitute(c).is_some()
            };
            (c, special)
        };
        if !special {
            if run_start.is_none() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                run_start = Some(i);
            }
            i += c.len_utf8();
            while b.get(i).is_some_and(|x| (0x21..0x7f).contains(x)) {
                i += 1;
            }
            continue;
        }
        let at = i;
        i += c.len_utf8();
        // Char boundary: `s` and `at` are offsets the loop reached by
        // whole chars.
        if let Some(s) = run_start.take() {
            out.push_str(&text[s..at]);
        }
        // A zero-width joiner or non-joiner inside a word of a script
        // that spells with it (Persian "آشفته‌گی", Urdu, the Indic scripts)
        // is part of the word's spelling: kept.
        if matches!(c, '\u{200C}' | '\u{200D}')
            // Char boundary: `at` and `i` are offsets reached by whole chars.
            && text[..at].chars().next_back().is_some_and(spells_with_joiners)
            && text[i..].chars().next().is_some_and(spells_with_joiners)
        {
            out.push(c);
            continue;
        }
        if let Some(sub) = substitute(c) {
            // A letter or hyphen in disguise: written out, in its run.
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            sub.push_to(&mut out);
            continue;
        }
        if !is_invisible(c) {
            space = true;
        }
    }
    if let Some(s) = run_start {
        if space && !out.is_empty() {
            out.push(' ');
        }
        // Char boundary: as above.
        out.push_str(&text[s..]);
    }
    (Cow::Owned(out), true)
}

/// A letter or mark of a script whose words may hold a zero-width
/// (non-)joiner: not Latin, Greek or Cyrillic, where one is only an
/// extraction's noise.
fn spells_with_joiners(c: char) -> bool {
    c > '\u{052F}' && !('\u{1D00}'..='\u{1FFF}').contains(&c) && (c.is_alphabetic() || is_mark(c))
}

/// A combining mark of the Arabic or Indic scripts (vowel signs, viramas),
/// which a joiner may follow.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0900}'..='\u{0DFF}')
}

/// Whether `text` has only printable characters that [`clean`] keeps as
/// they are, and no whitespace other than the ASCII space: `Some` when it
/// has, with whether one of them is a combining accent (U+0300–U+036F);
/// `None` when it has not.
fn plain(text: &str) -> Option<bool> {
    let b = text.as_bytes();
    // Printable ASCII and spaces only: one pass without early exit, which
    // the compiler turns into vector code.
    if !b
        .iter()
        .fold(false, |other, &c| other | !(0x20..0x7f).contains(&c))
    {
        return Some(false);
    }
    let mut accents = false;
    let mut i = 0;
    loop {
        // Printable ASCII and spaces are skipped eight bytes at a time.
        let rest = b.get(i..).unwrap_or_default();
        let Some(skip) = crate::swar::position(rest, crate::swar::any_unprintable, |c| {
            !(0x20..0x7f).contains(&c)
        }) else {
            break;
        };
        i += skip;
        // `i` is a char boundary: it only moves by whole chars (an ASCII
        // byte, or a char's first byte, which is not ASCII).
        let c = text.get(i..).and_then(|t| t.chars().next())?;
        if c.is_ascii()
            || is_invisible(c)
            || c.is_whitespace()
            || c.is_control()
            || substitute(c).is_some()
        {
            return None;
        }
        accents |= is_combining_mark(c);
        i += c.len_utf8();
    }
    Some(accents)
}

/// What [`substitute`] writes for a character.
enum Sub {
    Str(&'static str),
    Char(char),
}

impl Sub {
    fn push_to(&self, out: &mut String) {
        match self {
            Sub::Str(s) => out.push_str(s),
            Sub::Char(c) => out.push(*c),
        }
    }
}

/// Characters PDF text carries for plain ones: typographic ligatures
/// ("ﬁnancial"), the non-breaking hyphen ("self‑esteem"), the full-width
/// "＆" of East Asian input methods, and the
/// mathematical letters a formula's font gives ("𝛼-amidated", "𝐁old"),
/// written as the letter they are (their compatibility decomposition).
fn substitute(c: char) -> Option<Sub> {
    Some(Sub::Str(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        '\u{2011}' => "-",
        // The full-width ampersand a Chinese or Japanese input method
        // types: "Wang, L., ＆ Li, M." (full-width parentheses: see
        // `ascii_parentheses`).
        '\u{FF06}' => "&",
        '\u{1D400}'..='\u{1D7FF}' => {
            use unicode_normalization::UnicodeNormalization;
            let mut d = std::iter::once(c).nfkc();
            return match (d.next(), d.next()) {
                (Some(p), None) if p != c => Some(Sub::Char(p)),
                _ => None,
            };
        }
        _ => return None,
    }))
}

/// URL punctuation that may sit between the spaced-out parts of a URL.
fn is_url_punct(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 3
        && t.chars().all(|c| {
            matches!(
                c,
                '/' | '.' | ':' | '-' | '_' | '?' | '=' | '&' | '#' | '%' | '~' | '+'
            )
        })
}

fn ends_with_url_joiner(t: &str) -> bool {
    t.ends_with(['/', '-', '_', '=', '?', '&', '#', '%', '~', '+', ':'])
}

/// True when a token looks like a piece of a URL path (no capitalised
/// plain word, no sentence punctuation).
fn url_piece(t: &str) -> bool {
    !t.is_empty()
        && !t.starts_with("http")
        && t.chars()
            .all(|c| c.is_alphanumeric() || "/.:-_?=&#%~+@!$'*,;()[]".contains(c))
        && !is_capitalised_word(t)
}

/// "Retrieved", "Nyheter": a capitalised plain word.
fn is_capitalised_word(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase) && t.chars().skip(1).all(char::is_lowercase)
}

/// A space inside a URL where the URL cannot end: "https://doi. org/…",
/// a DOI link cut after its prefix ("https://doi.org/10.1037/ abc0000124"),
/// a path cut after a slash before more path ("…com/ some/page.html").
fn certain_continuation(url: &str, next: &str) -> bool {
    if !url_piece(next) {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    if lower.ends_with("doi.") && next.starts_with("org/") {
        return true;
    }
    if lower.contains("doi.org/") && super::ident::is_doi_prefix_only(&lower) {
        return true;
    }
    lower.ends_with('/')
        && !lower.ends_with("//")
        && next.trim_end_matches('/').contains('/')
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// Cheap test: is there a URL whose next token could be a piece of it?
/// `spaced`: whether `text` may have " ." (false when it is known to have
/// none: then it has no spaced-out link or DOI).
fn may_need_repair(text: &str, spaced: bool) -> bool {
    // (A searcher built once: `memmem::find` builds one per call.)
    static HTTP: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("http"));
    let b = text.as_bytes();
    let mut from = 0;
    // In bounds, char boundary: `from < b.len()` (checked at the loop's end);
    // `at` is where an ASCII "http" starts, `end` is an ASCII ' ' or the end,
    // `end + 1 <= b.len()` when `end < b.len()`, and `next_end` is a ' ' or
    // the end.
    while let Some(p) = HTTP.find(&b[from..]) {
        let at = from + p;
        // (Cheap test first: most links follow a space.)
        if at > 0
            && matches!(b.get(at - 1), Some(b'.' | b',' | b';' | b':' | b')'))
            && glued_link_at(b, at)
        {
            return true;
        }
        // The token starting here, and what follows it.
        let end = memchr::memchr(b' ', &b[at..]).map_or(b.len(), |e| at + e);
        if end < b.len() {
            let tok = &text[at..end];
            let next_end = memchr::memchr(b' ', &b[end + 1..]).map_or(b.len(), |e| end + 1 + e);
            let next = &text[end + 1..next_end];
            if tok.len() <= 6
                || ends_with_url_joiner(tok)
                || tok.ends_with("//")
                || is_url_punct(next)
                || certain_continuation(tok, next)
            {
                return true;
            }
        }
        from = end.max(at + 4);
        if from >= b.len() {
            break;
        }
    }
    // Both spaced-out forms have " . " ("10 . ", "www . "): one search
    // for most texts, which have none, instead of two.
    spaced && contains_any!(text, [" . "]) && (spaced_doi_at(b).is_some() || spaced_www_at(b))
}

/// A link glued to the text before it, after its stop: "45–67.https://…",
/// "Retrieved from:https://…" (typed so, or copied from a page whose link
/// followed the period with no space). `at` is where "http" starts in `b`;
/// a link inside a link ("…/web/2019/https://…", "?u=http://…") is not one.
#[cold]
fn glued_link_at(b: &[u8], at: usize) -> bool {
    let Some(before) = at.checked_sub(1).and_then(|i| b.get(i)) else {
        return false;
    };
    if !matches!(before, b'.' | b',' | b';' | b':' | b')') {
        return false;
    }
    let rest = b.get(at..).unwrap_or_default();
    if !(rest.starts_with(b"http://") || rest.starts_with(b"https://")) {
        return false;
    }
    // The token it is glued to starts no link itself, and is a word's
    // length: looked for in the 64 bytes before (so that a long run
    // without spaces is not searched back over at each "http" in it).
    let window = b.get(at.saturating_sub(64)..at).unwrap_or_default();
    let Some(space) = memchr::memrchr(b' ', window) else {
        return at <= 64 && !window.contains(&b'/') && !window.starts_with(b"http");
    };
    let token = window.get(space + 1..).unwrap_or_default();
    !(token.starts_with(b"http") || token.starts_with(b"www.") || token.contains(&b'/'))
}

/// `text` with a space before each link glued to the text before it (see
/// [`glued_link_at`]).
#[inline(never)]
fn unglue_links(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let glued: Vec<usize> = memchr::memmem::find_iter(b, "http")
        .filter(|&at| glued_link_at(b, at))
        .collect();
    if glued.is_empty() {
        return Cow::Borrowed(text);
    }
    // (Each `at` is where an ASCII "http" starts.)
    Cow::Owned(with_spaces_at(text, &glued))
}

/// `text` with a space put in at each of the offsets `at` (in order, each
/// a char boundary of `text`).
fn with_spaces_at(text: &str, at: &[usize]) -> String {
    let mut out = String::with_capacity(text.len() + at.len());
    let mut last = 0;
    for &i in at {
        // Char boundary: the caller gives them.
        out.push_str(text.get(last..i).unwrap_or_default());
        out.push(' ');
        last = i;
    }
    out.push_str(text.get(last..).unwrap_or_default());
    out
}

/// The token around byte `at` of `b` (to the spaces before and after it,
/// 256 bytes each way at most: a link's length) is part of a link or an
/// address.
fn in_link_token(b: &[u8], at: usize) -> bool {
    const SPAN: usize = 256;
    let from = b
        .get(at.saturating_sub(SPAN)..at)
        .and_then(|w| memchr::memrchr(b' ', w).map(|sp| at.saturating_sub(SPAN) + sp + 1))
        .unwrap_or(at.saturating_sub(SPAN));
    let to = b
        .get(at..(at + SPAN).min(b.len()))
        .and_then(|w| memchr::memchr(b' ', w).map(|sp| at + sp))
        .unwrap_or((at + SPAN).min(b.len()));
    let tok = b.get(from..to).unwrap_or_default();
    tok.contains(&b'/')
        || tok.contains(&b'@')
        || tok.windows(4).any(|w| w.eq_ignore_ascii_case(b"www."))
        || tok.windows(4).any(|w| w.eq_ignore_ascii_case(b"doi:"))
}

/// Where, at or after byte `from`, a stop is typed without the space
/// after it: a period between a word of three lower-case letters or more
/// (or a closing parenthesis) and a capitalised word ("memory.Journal",
/// "(2019).Sleep"). Not in a link ("example.Com/x") or an abbreviation
/// ("Ph.D.", "U.S.Army", "J.K.").
fn glued_stop_at(b: &[u8], from: usize) -> Option<usize> {
    memchr::memchr_iter(b'.', b.get(from..)?)
        .map(|p| from + p)
        .find(|&i| {
            let at = |k: usize| b.get(k).copied().unwrap_or(0);
            // The word after: a capital and three lower-case letters at
            // least (not a domain's "Bloomberg.Com", "Eurogamer.De").
            let word_after =
                at(i + 1).is_ascii_uppercase() && (2..=4).all(|k| at(i + k).is_ascii_lowercase());
            // The word before: lower-case letters only, three at least,
            // from a space or a stop (not "Proc.Natl.Acad." or "Ph.D.").
            let word_before = || {
                let start = (1..=i)
                    .take_while(|&k| at(i - k).is_ascii_lowercase())
                    .last()
                    .map_or(i, |k| i - k);
                i - start >= 3 && (start == 0 || matches!(at(start - 1), b' ' | b'.' | b',' | b'('))
            };
            i >= 1 && word_after && (at(i - 1) == b')' || word_before()) && !in_link_token(b, i)
        })
}

/// Whether `title` has a stop typed without the space after it
/// ("Sleep and memory.Journal of Sleep Research,12(3),45-67"): the
/// reference may be typed so throughout (see [`respace_stops`]).
pub(crate) fn has_glued_stop(title: &str) -> bool {
    // (Cheap test first: most titles have no period.)
    memchr::memchr(b'.', title.as_bytes()).is_some() && glued_stop_at(title.as_bytes(), 0).is_some()
}

/// `text` with a space after each stop typed without one (a period
/// between a lower-case word and a capitalised one, see
/// [`glued_stop_at`]), and after each comma typed without one before a
/// number ("Research,12(3),45-67"); `None` when there are fewer than two:
/// a text typed so throughout, not one title's own "nuclei.Chaos".
#[cold]
pub(crate) fn respace_stops(text: &str) -> Option<String> {
    let first = glued_stop_at(text.as_bytes(), 0)?;
    let b = text.as_bytes();
    let mut at = Vec::new();
    let mut next = Some(first);
    while let Some(i) = next {
        at.push(i + 1);
        next = glued_stop_at(b, i + 1);
    }
    for (i, _) in text.match_indices(',') {
        let before = b.get(i.wrapping_sub(1)).copied().unwrap_or(0);
        if b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && (before.is_ascii_alphabetic() || before == b')')
            && !in_link_token(b, i)
        {
            at.push(i + 1);
        }
    }
    if at.len() < 2 {
        return None;
    }
    at.sort_unstable();
    // (Each is just after an ASCII '.' or ','.)
    Some(with_spaces_at(text, &at))
}

/// A link printed without its scheme that a PDF extraction spaced out:
/// "www . reddit . com / r / zotero".
fn spaced_www_at(b: &[u8]) -> bool {
    static SPACED: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("www . "));
    SPACED
        .find_iter(b)
        .any(|at| at == 0 || b.get(at - 1) == Some(&b' '))
}

/// Where a DOI a PDF extraction spaced out starts ("doi:10 . 1056 /
/// NEJMcibr2307735", "doi: 10 . 1145 / 3610548"): the "10" after "doi:".
fn spaced_doi_at(b: &[u8]) -> Option<usize> {
    // (A searcher built once: `memmem::find` builds one per call.)
    static SPACED: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("10 . "));
    let mut from = 0;
    while let Some(p) = b.get(from..).and_then(|rest| SPACED.find(rest)) {
        let at = from + p;
        from = at + 5;
        let before = b.get(..at).unwrap_or_default();
        let before = before.strip_suffix(b" ").unwrap_or(before);
        if before.len() >= 4
            && before
                .get(before.len() - 4..)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"doi:"))
        {
            return Some(at);
        }
    }
    None
}

/// Rejoins URLs a PDF extraction spaced out: `https : / / www . svt . se /
/// nyheter/x` → `https://www.svt.se/nyheter/x`, and
/// `https://a.org/an- fbi- informant` → `https://a.org/an-fbi-informant`.
pub fn repair_urls(text: &str) -> String {
    repair_urls_noting(text, &mut Vec::new())
}

/// Like [`repair_urls`], also listing the URLs that had to be rejoined.
pub fn repair_urls_noting(text: &str, repaired: &mut Vec<String>) -> String {
    // A link glued to the text before it is set apart first.
    let unglued = unglue_links(text);
    let text: &str = &unglued;
    if !may_need_repair(text, true) {
        return text.to_string();
    }
    let toks: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let starts_ci = |t: &str, p: &str| {
        t.as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    };
    while let Some(&t) = toks.get(i) {
        if !out.is_empty() {
            out.push(' ');
        }
        // "doi:10 . 1056 / x" or "doi: 10 . 1056 / x": a DOI spaced out.
        let spaced_doi = toks.get(i + 1) == Some(&".")
            && (t.eq_ignore_ascii_case("doi:10")
                || t == "10"
                    && i > 0
                    && toks
                        .get(i - 1)
                        .is_some_and(|p| p.eq_ignore_ascii_case("doi:")));
        // "www . reddit . com /": a link without its scheme, spaced out.
        let spaced_www = t.eq_ignore_ascii_case("www")
            && toks.get(i + 1) == Some(&".")
            && toks.get(i + 2).is_some_and(|n| url_piece(n));
        if !starts_ci(t, "http") && !spaced_doi && !spaced_www {
            out.push_str(t);
            i += 1;
            continue;
        }
        // "https :" or "http :" followed by "/ /".
        let bare_scheme = t.eq_ignore_ascii_case("https") || t.eq_ignore_ascii_case("http");
        let colon_scheme = t.eq_ignore_ascii_case("https:") || t.eq_ignore_ascii_case("http:");
        // (Or "https :/ /": the colon and a slash spaced off together.)
        let spaced_scheme = bare_scheme
            && toks
                .get(i + 1)
                .is_some_and(|n| n.starts_with(':') && n.bytes().all(|b| b == b':' || b == b'/'))
            || colon_scheme && toks.get(i + 1).is_some_and(|n| n.starts_with('/'));
        let url_start = spaced_doi
            || spaced_www
            || spaced_scheme
            || starts_ci(t, "https:")
            || starts_ci(t, "http:");
        if !url_start {
            out.push_str(t);
            i += 1;
            continue;
        }
        let mut url = t.to_string();
        let mut spaced = spaced_scheme || spaced_doi || spaced_www;
        // Every space taken out touched a "/", "." or other URL
        // punctuation: glue a justified line stretched, not a character
        // lost (a lost hyphen leaves two parts of words side by side).
        let mut punct_joins_only = true;
        // Joins where the URL could not have ended: nothing was lost there.
        let mut certain_joins = 0;
        let mut j = i + 1;
        while let Some(&n) = toks.get(j) {
            if n.is_empty() {
                j += 1;
                continue;
            }
            let join = if is_url_punct(n) {
                // A lone "/" "." ":" between URL parts.
                spaced
                    || ends_with_url_joiner(&url)
                    || url.ends_with("//")
                    || toks.get(j + 1).is_some_and(|t| url_piece(t))
                        && (n != "." || toks.get(j + 2).is_some_and(|t| is_url_punct(t)))
            } else if url.ends_with("://") || url.ends_with(':') && spaced {
                true
            } else if spaced && (url.ends_with(['/', '.', ':', '-', '_', '?', '=', '&', '#'])) {
                url_piece(n)
            } else if spaced && n.starts_with(['.', '/']) {
                // The space before a label's period or a path's slash:
                // "https :/ /acoup .blog / 2026/".
                url_piece(n)
            } else if url.ends_with('-')
                || url.ends_with('_')
                || url.ends_with('=')
                || url.ends_with('?')
                || url.ends_with('&')
            {
                // "an- fbi- informant-": a justified line's stretched hyphen.
                url_piece(n)
                    && n.chars()
                        .next()
                        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
            } else if certain_continuation(&url, n) {
                certain_joins += 1;
                true
            } else {
                false
            };
            if !join {
                break;
            }
            let glue = url.ends_with(|c: char| !c.is_alphanumeric())
                || n.starts_with(|c: char| !c.is_alphanumeric());
            punct_joins_only &= glue;
            url.push_str(n);
            if is_url_punct(n) {
                spaced = true;
            }
            j += 1;
        }
        // Spaces only inside the scheme ("https : //") change nothing;
        // spaces inside host or path may hide a lost character.
        let joined_after_host = j > i + 1
            && toks
                .get(i..j)
                .unwrap_or_default()
                .iter()
                .scan(String::new(), |acc, t| {
                    let before = acc.clone();
                    acc.push_str(t);
                    Some(before)
                })
                .skip(1)
                .any(|before| {
                    let b = before.trim_start_matches(|c: char| c.is_ascii_alphabetic());
                    let b = b.trim_start_matches([':', ' ']).trim_start_matches('/');
                    !b.is_empty()
                });
        // A DOI only needs its "10.x/y" part intact; any other URL had
        // its characters spread out and is suspect as a whole.
        let is_doi_link = url.to_ascii_lowercase().contains("doi.org/");
        let uncertain_joins = j - (i + 1) > certain_joins;
        // A spaced-out DOI whose spaces were all glue, with nothing after
        // it that could be more of it, is whole.
        let whole_doi = spaced_doi
            && punct_joins_only
            && !toks.get(j).is_some_and(|n| {
                url_piece(n) && n.contains(|c: char| c.is_ascii_digit() || "/._=%?&-".contains(c))
            });
        if uncertain_joins && (joined_after_host || !is_doi_link) && !whole_doi {
            repaired.push(url.clone());
        }
        out.push_str(&url);
        i = j;
    }
    out
}

/// The text holds a combining accent (U+0300–U+036F), whose UTF-8 starts
/// with 0xCC or 0xCD (a cheap test first: few texts have either byte).
pub fn has_combining_mark(s: &str) -> bool {
    memchr::memchr2(0xCC, 0xCD, s.as_bytes()).is_some() && s.chars().any(is_combining_mark)
}

/// A combining accent (U+0300–U+036F).
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Letters written decomposed (a base letter and a combining accent, as
/// macOS and some PDF extractions give them) composed: "é", not "e" +
/// U+0301. Text without such an accent is returned as it is.
pub fn compose_accents(s: String) -> String {
    if !has_combining_mark(&s) {
        return s;
    }
    // Composed a run at a time: each run of characters that are not ASCII,
    // with the ASCII character before it (an accent in the run may join
    // it), goes through NFC, and the ASCII text between runs is copied.
    // That is the NFC of the whole text: NFC leaves ASCII as it is, and no
    // composition has an ASCII character as its second half, so nothing
    // joins across the cut before an ASCII character. (`nfc` over the whole
    // reference put every ASCII byte through its buffers: ~16,000
    // instructions a reference.) A test compares it with `nfc`.
    use unicode_normalization::UnicodeNormalization;
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // Copied or composed up to `done`.
    let mut done = 0;
    while let Some(k) = b
        .get(done..)
        .and_then(|rest| rest.iter().position(|c| !c.is_ascii()))
    {
        let run = done + k;
        // The ASCII character before the run, when it is not composed yet.
        let from = if run > done { run - 1 } else { run };
        let end = b
            .get(run..)
            .and_then(|rest| rest.iter().position(u8::is_ascii))
            .map_or(b.len(), |e| run + e);
        // Char boundary: `done`, `end` and `run` are at an ASCII byte (or
        // the end), or after one where `run` is the first byte not ASCII;
        // `from` is at the ASCII byte before `run`, or `run` itself.
        out.push_str(&s[done..from]);
        out.extend(s[from..end].nfc());
        done = end;
    }
    // Char boundary: as above.
    out.push_str(&s[done..]);
    out
}

/// Full normalisation of one reference's text.
pub fn normalize(text: &str) -> String {
    let cleaned = clean(text);
    repair_urls(&cleaned)
}

/// Full normalisation, also listing URLs rejoined from spaced-out pieces
/// (a PDF extraction's damage, which may also have lost a hyphen).
pub fn normalize_noting(text: &str, repaired: &mut Vec<String>) -> String {
    normalize_noting_cow(text, repaired).into_owned()
}

/// [`normalize_noting`], borrowing `text` when it is normal already (most
/// references are): the caller keeps it without a copy.
pub fn normalize_noting_cow<'t>(text: &'t str, repaired: &mut Vec<String>) -> Cow<'t, str> {
    // Text copied from HTML source or some exports keeps its character
    // references: "Smith, J., &amp; Doe, B.", "&#8220;third places&#8221;".
    // Only complete references (with their ';') are decoded, by the
    // html-escape crate's full table.
    // (Every character reference ends in ';': without one after the first
    // '&' there is nothing to decode, and "Smith, J., & Doe, B." is common.)
    // Markdown and HTML markup (pandoc's "*Journal*, *12*(3)",
    // "<https://doi.org/…>", "<i>Journal</i>").
    let unmarked = super::markup::strip(text);
    let b = unmarked.as_bytes();
    let decoded = if memchr::memchr(b'&', b)
        .is_some_and(|amp| memchr::memchr(b';', b.get(amp..).unwrap_or_default()).is_some())
    {
        Cow::Owned(html_escape::decode_html_entities(&unmarked).into_owned())
    } else {
        unmarked
    };
    // (Searched for accents only when cleaning did not see it has none.)
    // (The text kept as it is when cleaning changes nothing.)
    let (changed, accents) = match clean_noting_accents(&decoded) {
        (Cow::Owned(c), accents) => (Some(c), accents),
        (Cow::Borrowed(_), accents) => (None, accents),
    };
    let cleaned = match changed {
        Some(c) => Cow::Owned(c),
        None => decoded,
    };
    let mut cleaned = if accents {
        Cow::Owned(compose_accents(cleaned.into_owned()))
    } else {
        cleaned
    };
    // (One byte search: every full-width form starts with 0xEF.)
    if memchr::memchr(0xEF, cleaned.as_bytes()).is_some() {
        if cleaned.contains('（') {
            cleaned = Cow::Owned(ascii_parentheses(&cleaned));
        }
        if cleaned.contains(['．', '，']) {
            cleaned = Cow::Owned(ascii_stops(&cleaned));
        }
    }
    // A DOI prefix split at its period ("10 .1016") and the spaced-out
    // links below ("www . x . com") all have " .": one search for most
    // texts, which have none, instead of one for each.
    let spaced = contains_any!(&cleaned, [" ."]);
    if spaced {
        join_spaced_doi_prefix(cleaned.to_mut());
    }
    // (Most texts need no repair: they are kept, not copied.)
    if !may_need_repair(&cleaned, spaced) {
        return cleaned;
    }
    Cow::Owned(repair_urls_noting(&cleaned, repaired))
}

/// Full-width parentheses around ASCII text, as a Chinese or Japanese
/// input method types a date or an issue ("（2019）", "12（3）"), made
/// ASCII; those around words of those scripts belong to a title and stay
/// ("學報（自然科學版）").
fn ascii_parentheses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('（') {
        // Char boundary: `open` is where '（' starts; it is 3 bytes long.
        let (head, tail) = (&rest[..open], &rest[open + 3..]);
        out.push_str(head);
        // Char boundary: `n` is where '）' starts, in `tail`.
        let inner_len = tail
            .find('）')
            .filter(|&n| n <= 24 && tail[..n].bytes().all(|b| b.is_ascii_graphic() || b == b' '));
        match inner_len {
            Some(n) => {
                out.push('(');
                // Char boundary: as above.
                out.push_str(&tail[..n]);
                out.push(')');
                rest = &tail[n + 3..];
            }
            None => {
                out.push('（');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A full-width period or comma next to ASCII text, as a Chinese or
/// Japanese input method types one into an English reference ("(2019)．
/// Title．", "Journal，12"), made ASCII, with a space after it before a
/// word; one between two characters of those scripts belongs to the text
/// and stays. Except a full-width period where one is next to ASCII text
/// (after the date: "(2019)．"): that reference separates its elements
/// with them ("心理学研究的方法．心理学报"), and each is made ASCII.
fn ascii_stops(text: &str) -> String {
    let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_graphic());
    let next_to_ascii = |at: usize, len: usize| {
        // Char boundary: `at` is where a char of `len` bytes starts.
        ascii(text[..at].chars().next_back()) || ascii(text[at + len..].chars().next())
    };
    let periods_separate = text
        .match_indices('．')
        .any(|(at, m)| next_to_ascii(at, m.len()));
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '．' | '，' if ascii(prev) || ascii(next) || c == '．' && periods_separate => {
                out.push(if c == '．' { '.' } else { ',' });
                if next.is_some_and(|n| !n.is_whitespace()) {
                    out.push(' ');
                }
            }
            _ => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// "doi: 10 .1016/j.amjmed.2012.01.033", a DOI whose prefix a PDF
/// extraction split at its period: the space goes. Only after "doi:" or
/// "doi.org/", with digits and a slash after the period, so nothing else
/// is touched.
fn join_spaced_doi_prefix(text: &mut String) {
    static SPLIT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("10 ."));
    let mut from = 0;
    while let Some(p) = text.as_bytes().get(from..).and_then(|b| SPLIT.find(b)) {
        let at = from + p;
        from = at + 4;
        let b = text.as_bytes();
        let before = b.get(..at).unwrap_or_default();
        let before = before.strip_suffix(b" ").unwrap_or(before);
        let after_doi = before.len() >= 4
            && before.get(before.len() - 4..).is_some_and(|w| {
                w.eq_ignore_ascii_case(b"doi:") || w.eq_ignore_ascii_case(b"org/")
            });
        let registrant = b.get(at + 4..).unwrap_or_default();
        let digits = registrant.iter().take_while(|c| c.is_ascii_digit()).count();
        if after_doi && digits >= 4 && registrant.get(digits) == Some(&b'/') {
            // Char boundary: `at + 2` is the ASCII space of "10 .".
            text.remove(at + 2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_typed_without_spaces_are_spaced_when_typed_so_throughout() {
        assert_eq!(
            respace_stops(
                "Smith, J.(2019).Sleep and memory.Journal of Sleep Research,12(3),45-67."
            )
            .as_deref(),
            Some("Smith, J.(2019). Sleep and memory. Journal of Sleep Research, 12(3), 45-67.")
        );
        // One in a title is the title's own.
        assert_eq!(
            respace_stops("Vibrational states in deformed nuclei.Chaos, order"),
            None
        );
        // Not in links, domains, abbreviations or initials.
        for text in [
            "See https://example.org/a.Html and https://example.org/b.Html",
            "Bloomberg.Com, Pastebin.Com, Eurogamer.De",
            "Proc.Natl.Acad.Sci.USA, Ph.D.Thesis",
            "J.K.Rowling and J.R.R.Tolkien",
        ] {
            assert_eq!(respace_stops(text), None, "{text}");
        }
        assert!(has_glued_stop("Sleep and memory.Journal of Sleep Research"));
        assert!(!has_glued_stop("Sleep and memory. Journal"));
    }

    #[test]
    fn links_glued_after_a_stop_are_set_apart() {
        for (text, want) in [
            (
                "45–67.https://doi.org/10.1/x",
                "45–67. https://doi.org/10.1/x",
            ),
            (
                "Retrieved from:https://a.org/b",
                "Retrieved from: https://a.org/b",
            ),
            ("e12,http://a.org", "e12, http://a.org"),
            // A link inside a link, and links after a space, stay.
            (
                "https://web.archive.org/web/2019/https://a.org",
                "https://web.archive.org/web/2019/https://a.org",
            ),
            (
                "https://a.org/?u=x.https://b.org",
                "https://a.org/?u=x.https://b.org",
            ),
            (
                "45–67. https://doi.org/10.1/x",
                "45–67. https://doi.org/10.1/x",
            ),
            // Not a link's scheme.
            ("the.httpd server", "the.httpd server"),
        ] {
            assert_eq!(unglue_links(text), want, "{text}");
            assert_eq!(normalize(text), want, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn composes_as_nfc(s in "[ae <=.,\u{301}\u{300}\u{308}\u{327}\u{338}\u{345}\u{313}é\u{3b1}\u{1100}\u{1161}\u{11a8}\u{212b}\u{f900}]{0,16}") {
            use unicode_normalization::UnicodeNormalization;
            let want: String = if has_combining_mark(&s) { s.nfc().collect() } else { s.clone() };
            proptest::prop_assert_eq!(compose_accents(s.clone()), want, "{:?}", s);
        }
    }

    #[test]
    fn full_width_parentheses_around_ascii_only() {
        assert_eq!(
            ascii_parentheses("Wang, L. （2019）. Title. Journal, 12（3）, 45-67."),
            "Wang, L. (2019). Title. Journal, 12(3), 45-67."
        );
        // A Chinese title's parenthesis stays.
        assert_eq!(
            ascii_parentheses("學報（自然科學版）, 16(2)"),
            "學報（自然科學版）, 16(2)"
        );
        assert_eq!(ascii_parentheses("（2019"), "（2019");
    }

    #[test]
    fn doi_prefix_split_at_its_period() {
        let mut s = "Medicine, 125(8), 773–778. doi: 10 .1016/j.amjmed.2012.01.033".to_string();
        join_spaced_doi_prefix(&mut s);
        assert!(s.ends_with("doi: 10.1016/j.amjmed.2012.01.033"), "{s}");
        let mut s = "https://doi.org/10 .3393/AC.2020.03.23 and 10 .5 of 10 .1234 x".to_string();
        join_spaced_doi_prefix(&mut s);
        assert_eq!(
            s,
            "https://doi.org/10.3393/AC.2020.03.23 and 10 .5 of 10 .1234 x"
        );
    }

    /// `clean` as first written, one char at a time: the byte-run version
    /// must give the same text.
    fn clean_chars(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            if let Some(sub) = substitute(c) {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                sub.push_to(&mut out);
            } else if c.is_whitespace() || c.is_control() || is_invisible(c) {
                space |= !is_invisible(c);
            } else {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn clean_matches_char_by_char(s in "[ a-z.,\\t\\n\u{0}\u{A0}\u{AD}\u{200B}\u{2011}\u{FB01}é“–]{0,40}") {
            proptest::prop_assert_eq!(clean(&s), clean_chars(&s));
        }

        #[test]
        fn clean_notes_every_combining_accent(s in "[ a-z.,\\t\u{A0}\u{300}\u{301}\u{36F}\u{370}é“–]{0,40}") {
            // Only a text with no combining accent may be said to have none.
            let (cleaned, accents) = clean_noting_accents(&s);
            proptest::prop_assert!(accents || !has_combining_mark(&cleaned));
            proptest::prop_assert_eq!(cleaned, clean_chars(&s));
        }
    }

    #[test]
    fn whitespace_and_invisibles() {
        assert_eq!(clean("  a\u{00A0}b\t\tc\u{200B}d\u{00AD}e \n"), "a b cde");
        assert_eq!(
            clean("https://www.qdl.qa/\u{202B}العربية\u{202C}/archive"),
            "https://www.qdl.qa/العربية/archive"
        );
        assert_eq!(clean("a\u{0}b"), "a b");
        // A joiner that spells a Persian or Devanagari word is kept; one in
        // Latin text, or at a word's edge, is noise.
        assert_eq!(clean("آشفته\u{200C}گی"), "آشفته\u{200C}گی");
        assert_eq!(clean("क्\u{200D}ष"), "क्\u{200D}ष");
        assert_eq!(clean("zero\u{200C}width \u{200D}x"), "zerowidth x");
        assert_eq!(clean("گی\u{200C} x"), "گی x");
    }

    #[test]
    fn ligatures_and_nonbreaking_hyphens_written_out() {
        assert_eq!(
            clean("The e\u{FB00}ects of \u{FB01}nancial self\u{2011}esteem"),
            "The effects of financial self-esteem"
        );
        assert_eq!(clean("\u{FB02}ow  \u{FB03}"), "flow ffi");
        // A formula's italic alpha and a bold capital, out of a PDF.
        assert_eq!(
            clean("screen for \u{1D6FC}-amidated peptides, \u{1D401}"),
            "screen for α-amidated peptides, B"
        );
    }

    #[test]
    fn spaces_where_a_url_cannot_end() {
        let mut rep = Vec::new();
        assert_eq!(
            repair_urls_noting("X. https://doi. org/10.1037/abc0000123", &mut rep),
            "X. https://doi.org/10.1037/abc0000123"
        );
        assert_eq!(
            repair_urls_noting("X. https://doi.org/10.1037/ abc0000124", &mut rep),
            "X. https://doi.org/10.1037/abc0000124"
        );
        assert_eq!(
            repair_urls_noting(
                "Retrieved from http://www.example.com/ some/page.html",
                &mut rep
            ),
            "Retrieved from http://www.example.com/some/page.html"
        );
        // Nothing can have been lost there: no warning.
        assert!(rep.is_empty(), "{rep:?}");
        // A URL that ends with a slash before a word stays as it is.
        assert_eq!(
            repair_urls("https://example.com/ Retrieved May 1"),
            "https://example.com/ Retrieved May 1"
        );
    }

    #[test]
    fn spaced_out_dois() {
        // Every space touched a "." or "/" and nothing after could be more
        // of the DOI: whole, no warning.
        let mut rep = Vec::new();
        assert_eq!(
            repair_urls_noting(
                "Medicine, 389 (15), 1431–1434. doi:10 . 1056 / NEJMcibr2307735",
                &mut rep
            ),
            "Medicine, 389 (15), 1431–1434. doi:10.1056/NEJMcibr2307735"
        );
        assert_eq!(
            repair_urls_noting("Papers, 1–12. doi: 10 . 1145 / 3610548 . 3618154", &mut rep),
            "Papers, 1–12. doi: 10.1145/3610548.3618154"
        );
        assert!(rep.is_empty(), "{rep:?}");
        // Two parts of numbers side by side: a hyphen lost at a line end.
        // Rejoined as far as it goes, and kept for the note.
        let out = repair_urls_noting("Ecology, 85. doi:10 . 1111 / 1574 6941.12040", &mut rep);
        assert_eq!(out, "Ecology, 85. doi:10.1111/1574 6941.12040");
        assert_eq!(rep, ["doi:10.1111/1574"]);
        // "10 . 5" elsewhere is not a DOI.
        assert_eq!(
            repair_urls("Version 10 . 5 of the text"),
            "Version 10 . 5 of the text"
        );
    }

    #[test]
    fn spaced_urls() {
        assert_eq!(
            repair_urls("SVT Nyheter. https : / / www . svt . se / nyheter/vetenskap/x"),
            "SVT Nyheter. https://www.svt.se/nyheter/vetenskap/x"
        );
        assert_eq!(
            repair_urls(
                "The Intercept. https : //theintercept.com/2015/an- fbi- informant- seduced/"
            ),
            "The Intercept. https://theintercept.com/2015/an-fbi-informant-seduced/"
        );
        assert_eq!(
            repair_urls("https : / / www . accessscience . com / content/biography/m0073908"),
            "https://www.accessscience.com/content/biography/m0073908"
        );
    }

    #[test]
    fn ordinary_urls_untouched() {
        let s = "Journal, 1(2), 3. https://doi.org/10.1037/abc Retrieved later";
        assert_eq!(repair_urls(s), s);
        let s = "https://example.org/page. Accessed 2020";
        assert_eq!(repair_urls(s), s);
    }
}
