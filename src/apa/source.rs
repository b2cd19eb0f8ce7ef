//! The source element: where a work was published.
//!
//! * periodicals: `Journal, 12(3), 45–67` / `Journal, 12, Article 45` /
//!   `Newspaper, A4`;
//! * parts of books: `In A. Editor & B. Editor (Eds.), Book (2nd ed., pp.
//!   1–20). Publisher`, `In Wikipedia`;
//! * meetings: `Paper presented at the Meeting, Place` (APA 6), and the
//!   meeting after `[Paper presentation]` (APA 7);
//! * everything else: publisher (with an APA 6 `Place: Publisher`), site
//!   name, database.

use super::lower::{Lc, strip_prefix_ascii_ci};
use super::parse::{Ctx, strip_period, trim_elem};
use super::scan::FastTrim as _;
use super::title::{has_month, set_if_none};
use super::{lexicon, names, scan};
use crate::model::{Date, Field, ItemType};

/// A periodical source read from the right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JournalTail<'a> {
    pub container: &'a str,
    pub volume: Option<&'a str>,
    pub issue: Option<&'a str>,
    pub page: Option<&'a str>,
    pub number: Option<&'a str>,
    pub status: Option<&'a str>,
}

/// `12`, `12(3)`, `12 (3)`, `Vol. 12`, `III`, `B`, `(3)`, `12(Suppl. 1)`.
fn volume_issue(p: &str) -> Option<(Option<&str>, Option<&str>)> {
    let p = scan::trim(p);
    if p.is_empty() || p.len() > 40 {
        return None;
    }
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let (vol, issue) = match scan::split_once_byte(p, b'(') {
        Some((vol, rest)) => {
            let issue = rest.strip_suffix(')')?.fast_trim();
            // An issue may name its months in a parenthesis of its own:
            // "43(3 (May-June))", as a record gives it.
            let nested_ok = issue.starts_with(|c: char| c.is_ascii_digit())
                && issue.ends_with(')')
                && issue.matches('(').count() == 1
                && issue.matches(')').count() == 1;
            if issue.is_empty() || issue.contains('(') && !nested_ok {
                return None;
            }
            (scan::trim(vol), Some(issue))
        }
        // Volume and issue joined by a colon, as some publishers print
        // them: "Memory, 25:4, 512-520".
        None => match scan::split_once_byte(p, b':') {
            Some((v, i)) if digits(v) && digits(i) => (v, Some(i)),
            _ => (p, None),
        },
    };
    // (The labels start with 'V' or 'v': most volumes are digits.)
    let vol = if !vol.starts_with(['V', 'v']) {
        vol
    } else {
        vol.strip_prefix("Vol. ")
            .or_else(|| vol.strip_prefix("Vol."))
            // Typed without the abbreviation's period: "Vol 12".
            .or_else(|| {
                vol.strip_prefix("Vol ")
                    .filter(|v| v.starts_with(|c: char| c.is_ascii_digit()))
            })
            .or_else(|| vol.strip_prefix("vol. "))
            .or_else(|| vol.strip_prefix("Volume "))
            .or_else(|| vol.strip_prefix("volume "))
            .unwrap_or(vol)
    }
    .fast_trim();
    // A special issue or supplement numbered as a volume: "Special Issue
    // 2", "Supplement 1".
    if issue.is_none()
        && let Some(n) = ["Special Issue ", "Special issue ", "Supplement "]
            .iter()
            .find_map(|w| vol.strip_prefix(w))
        && (1..=3).contains(&n.len())
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return Some((Some(vol), None));
    }
    // A labelled issue in the volume's part, as Emerald's and other
    // Harvard styles print them: "Vol. 86 No. 1".
    if issue.is_none()
        && let Some((v, rest)) = vol.split_once(' ')
        && digits(v)
        && let Some(i) = labelled_issue(rest)
    {
        return Some((Some(v), Some(i)));
    }
    // A magazine issue named by its months: "May–June 2018", "July/Aug
    // 2021", "Fall 1984".
    if issue.is_none() && vol.contains(' ') {
        return is_month_issue(vol).then_some((Some(vol), None));
    }
    if vol.is_empty() {
        return issue.map(|i| (None, Some(i)));
    }
    let ok = vol.chars().any(|c| c.is_ascii_digit())
        && vol
            .chars()
            .all(|c| scan::is_letter_or_digit(c) || matches!(c, '-' | '–' | '/' | '.'))
        && vol.chars().filter(|&c| scan::is_letter(c)).count() <= 3
        || vol
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
            && vol.len() <= 6
        || vol.len() == 1 && vol.chars().all(|c| c.is_ascii_uppercase())
        || vol.starts_with("Suppl") && vol.len() < 12;
    ok.then_some((Some(vol), issue))
}

/// `1302–1305`, `pp. 12-15`, `e0209899`, `pyv124`, `A4`, `S1–S10`, `81`.
fn page_like(p: &str) -> Option<&str> {
    let p = scan::trim(p);
    let p = p
        .strip_suffix(" Pages")
        .or_else(|| p.strip_suffix(" pages"))
        // German's "pages": "42-79 Seiten".
        .or_else(|| p.strip_suffix(" Seiten"))
        .or_else(|| p.strip_suffix(" pp."))
        .unwrap_or(p);
    let p = p
        .strip_prefix("pp. ")
        .or_else(|| p.strip_prefix("p. "))
        .or_else(|| p.strip_prefix("pp."))
        .or_else(|| p.strip_prefix("p."))
        .unwrap_or(p)
        .fast_trim();
    // The usual pages, digits with a hyphen or en dash ("1302–1305",
    // "81"), pass every test of `page_like_by_chars`: answered on bytes.
    if plain_page_range(p) {
        return Some(p);
    }
    page_like_by_chars(p)
}

/// True for one word of at most 24 bytes of digits, hyphens and en
/// dashes, with a digit: text that [`page_like_by_chars`] keeps whole.
fn plain_page_range(p: &str) -> bool {
    p.len() <= 24 && p.bytes().any(|b| b.is_ascii_digit()) && {
        let mut b = p.as_bytes();
        loop {
            match b {
                [] => break true,
                [c, rest @ ..] if c.is_ascii_digit() || *c == b'-' => b = rest,
                [0xE2, 0x80, 0x93, rest @ ..] => b = rest,
                _ => break false,
            }
        }
    }
}

/// [`page_like`]'s tests, on the text without its "pp." and "pages".
fn page_like_by_chars(p: &str) -> Option<&str> {
    if p.is_empty() || p.len() > 30 || !p.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let ok = p.chars().all(|c| {
        scan::is_letter_or_digit(c)
            || matches!(
                c,
                '-' | '–' | '—' | '‒' | '‐' | '−' | '.' | ',' | '+' | ':' | ' '
            )
    }) && !p.as_bytes().windows(2).any(|w| w == b"  ")
        && scan::word_count(p) <= 3
        && p.split_whitespace().all(|w| {
            (w.len() <= 24 || w.contains(['-', '–', '‐', '−']))
                && (w.chars().any(|c| c.is_ascii_digit())
                    || w.chars()
                        .all(|c| matches!(c, '-' | '–' | '—' | '‒' | '‐' | '−' | ',')))
        });
    ok.then_some(p)
}

/// `Article 13`, `Article e123`, `Art. 13`, `Artikel 13`.
fn article_number(p: &str) -> Option<&str> {
    let p = scan::trim(p);
    for pre in [
        "Article ",
        "article ",
        "Art. ",
        "Artikel ",
        "Article No. ",
        "Paper ",
        "Article number ",
    ] {
        if let Some(n) = p.strip_prefix(pre) {
            let n = scan::trim(n);
            if !n.is_empty() && !n.contains(' ') && n.chars().any(|c| c.is_ascii_digit()) {
                return Some(n);
            }
        }
    }
    None
}

/// "R. S. Melkundi & S. Melkundi, Highlights on Medicine": the names
/// before the book title (each starting with an initial), and the rest.
fn container_authors(s: &str) -> Option<(&str, &str)> {
    let mut end = 0;
    for (a, b) in scan::split_top_iter(s, b',') {
        // Char boundary: `split_top_iter` gives offsets from `char_indices` of `s`.
        let piece = s[a..b].fast_trim();
        let piece = piece.strip_prefix("& ").unwrap_or(piece);
        let words: Vec<&str> = piece.split_whitespace().collect();
        let starts_with_initial = words.first().is_some_and(|w| {
            w.len() <= 5 && w.ends_with('.') && w.chars().next().is_some_and(char::is_uppercase)
        });
        let has_family = words
            .iter()
            .any(|w| !w.ends_with('.') && w.chars().next().is_some_and(char::is_uppercase));
        if !(starts_with_initial && has_family && words.len() <= 8) {
            break;
        }
        end = b;
    }
    if end == 0 || end >= s.len() {
        return None;
    }
    let (head, rest) = s.split_at_checked(end)?;
    let rest = rest.trim_start_matches([',', ' ']);
    (!rest.is_empty()).then(|| (scan::trim(head), rest))
}

/// The element starts with a book's editors and their role, with no "In"
/// before them: "M. R. Marlo, N. B. Adams, & T. M. Purvis (Eds.), Book".
pub(crate) fn editors_first(src: &str) -> bool {
    // (Cheap test first: an initial starts the element.)
    matches!(src.as_bytes(), [b'A'..=b'Z', b'.', b' ', ..]) && editors_first_loose(src)
}

/// [`editors_first`], or editors named by family name only, as German
/// commentaries print them ("Dauner-Lieb & Langen (Hrsg.), BGB"), for an
/// element known to follow a title.
pub(crate) fn editors_first_loose(src: &str) -> bool {
    // (Cheap test first: a capital starts the element.)
    let Some(&first) = src.as_bytes().first() else {
        return false;
    };
    if !(first.is_ascii_uppercase() || first >= 0xC0) {
        return false;
    }
    // Names given name first, from an initial ("M. R. Marlo"), or family
    // names only, as German commentaries print their editors
    // ("Dauner-Lieb & Langen (Hrsg.), BGB"): a few capitalised words, in
    // the first 80 bytes.
    let initials = matches!(src.as_bytes(), [b'A'..=b'Z', b'.', b' ', ..]);
    // Char boundary: `floor_char_boundary` gives one.
    let head = if initials {
        src
    } else {
        &src[..scan::floor_char_boundary(src, 80)]
    };
    // The role's parenthesis, in any language: "(Eds.)", "(Hrsg.)", "(編)",
    // the first one, after a space.
    let Some(open) = memchr::memchr(b'(', head.as_bytes()) else {
        return false;
    };
    if open == 0 || head.as_bytes().get(open - 1) != Some(&b' ') {
        return false;
    }
    // Char boundary: `open` is the offset of an ASCII '(' after an ASCII
    // ' ', and `close` of an ASCII ')' in the text after it.
    let (names, role) = (&src[..open - 1], &src[open..]);
    let Some(close) = memchr::memchr(b')', role.as_bytes())
        .filter(|&c| role.as_bytes().get(c + 1..c + 3) == Some(b", "))
    else {
        return false;
    };
    names::role_of_marker(&role[..=close]) == Some(crate::model::Role::Editor)
        && names
            .split(", ")
            .flat_map(|n| n.split(" & "))
            .flat_map(|n| n.split(" and "))
            .all(|n| {
                let n = n.strip_prefix("& ").unwrap_or(n);
                if initials {
                    return matches!(n.as_bytes(), [b'A'..=b'Z', b'.', ..])
                        && n.split(' ').count() <= 6;
                }
                let words = || n.split(' ');
                !n.is_empty()
                    && words().count() <= 3
                    && words().all(|w| {
                        w.starts_with(char::is_uppercase)
                            && !w.bytes().any(|b| b.is_ascii_digit() || b == b'.')
                    })
            })
        // ("In Scherer (Hrsg.), …" has its "In": read as such elsewhere.)
        && (initials || strip_in_after_title(src).is_none())
}

/// "Advance online publication", "Publish Ahead of Print", "Online first".
pub(crate) fn is_status_phrase(p: &str) -> bool {
    let l = scan::trim(p).trim_end_matches('.');
    [
        "advance online publication",
        "advanced online publication",
        "publish ahead of print",
        "published ahead of print",
        "ahead of print",
        "epub ahead of print",
        "online ahead of print",
        "online first",
        "early view",
        "early access",
        "in press",
        "forthcoming",
        "article in press",
    ]
    .iter()
    .any(|s| s.eq_ignore_ascii_case(l))
}

/// `Container volume(issue) pages` typed without its commas ("Health
/// Psychology 38(4) 301-310"): the volume and issue in their parentheses
/// after a word, then pages or nothing.
fn tail_without_commas(u: &str) -> Option<JournalTail<'_>> {
    // (Cheap test first: the element ends with the issue's parenthesis or
    // a page number.)
    if !u.ends_with(|c: char| c == ')' || c.is_ascii_digit()) {
        return None;
    }
    let Some(open) = u.rfind('(') else {
        return volume_colon_pages(u).or_else(|| volume_colon_article(u));
    };
    // Char boundary: `open` is an ASCII '(' found by `rfind`. (One space
    // may part the volume from its issue, as PDFs copy the italic
    // correction: "Journal 12 (3): 45–67".)
    let head = u[..open].strip_suffix(' ').unwrap_or(&u[..open]);
    let vol_at = head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    // Char boundary: digits are ASCII, so `vol_at` is a boundary.
    let (before, volume) = (&head[..vol_at], &head[vol_at..]);
    let container = before.fast_trim_end();
    // In bounds: `open < u.len()` (an ASCII '(' at `open`).
    let (issue, rest) = u[open + 1..].split_once(')')?;
    let ok_issue =
        !issue.is_empty() && issue.len() <= 4 && issue.bytes().all(|b| b.is_ascii_digit());
    if volume.is_empty()
        || volume.len() > 4
        || container.len() == before.len()
        || !journal_name_before_numbers(container)
        || !ok_issue
    {
        return None;
    }
    let rest = rest.trim_start_matches([',', ':']).fast_trim();
    let page = if rest.is_empty() {
        None
    } else {
        Some(page_like(rest)?)
    };
    Some(JournalTail {
        container,
        volume: Some(volume),
        issue: Some(issue),
        page,
        number: None,
        status: None,
    })
}

/// A journal's name, volume (and issue) and pages typed as sentences of
/// their own: "Journal of Learning Sciences. 24(3). 300-320",
/// "Journal of Learning Sciences. 24. 300-320", "Journal of Learning
/// Sciences. 24(3)", "Journal of Learning Sciences. 24(3), 300-320". The pages must be a range, and a volume alone needs
/// pages after it.
pub(crate) fn tail_in_elements(u: &str) -> Option<JournalTail<'_>> {
    let u = u.fast_trim_end().trim_end_matches('.');
    // (Cheap test first: the text ends with a digit or the issue's
    // parenthesis.)
    if !u.ends_with(|c: char| c == ')' || c.is_ascii_digit()) {
        return None;
    }
    // "24(3)" or "24", digits only: the volume and the issue.
    fn vol_issue(s: &str) -> Option<(&str, Option<&str>)> {
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
        let plain = s
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'(' || b == b')');
        match volume_issue(s)? {
            (Some(v), i) if plain && digits(v) && i.is_none_or(digits) => Some((v, i)),
            _ => None,
        }
    }
    let (head, last) = u.rsplit_once(". ")?;
    let (name, (volume, issue), page) = match vol_issue(last) {
        // "Name. 24(3)".
        Some((v, Some(i))) => (head, (v, Some(i)), None),
        Some((_, None)) => return None,
        None => match scan::split_once_short(last, ", ").and_then(|(vi, p)| {
            // "Name. 24(3), 300-320": a period after the name only.
            Some((
                vol_issue(vi)?,
                page_like(p).filter(|p| p.contains(['-', '–']))?,
            ))
        }) {
            Some((vi, page)) => (head, vi, Some(page)),
            None => {
                let page = page_like(last).filter(|p| p.contains(['-', '–']))?;
                let (name, vi) = head.rsplit_once(". ")?;
                (name, vol_issue(vi)?, Some(page))
            }
        },
    };
    let name = name.fast_trim();
    journal_name_before_numbers(name).then_some(JournalTail {
        container: name,
        volume: Some(volume),
        issue,
        page,
        number: None,
        status: None,
    })
}

/// Whether the text before a journal's numbers can be its name: it ends
/// with a letter and has at most twelve words.
fn journal_name_before_numbers(name: &str) -> bool {
    name.ends_with(|c: char| c.is_alphabetic()) && scan::word_count(name) <= 12
}

/// "Psychol Rev 12:1–20", as Springer's author-year style prints a
/// journal without an issue: the name, then the volume and pages joined
/// by a colon.
fn volume_colon_pages(u: &str) -> Option<JournalTail<'_>> {
    let (container, tail) = scan::rsplit_once_space(u)?;
    let (container, volume, pages) = match tail.split_once(':') {
        Some((volume, pages)) => (container, volume, pages),
        // A space after the colon, as typed by hand: "Journal 12: 45–67".
        None => {
            let (container, volume) = scan::rsplit_once_space(container.strip_suffix(':')?)?;
            (container, volume, tail)
        }
    };
    let container = container.fast_trim_end();
    if volume.is_empty()
        || volume.len() > 4
        || !volume.bytes().all(|b| b.is_ascii_digit())
        || !journal_name_before_numbers(container)
        // A range of pages: not a verse ("Isaiah 6:1") or a time.
        || !pages.contains(['-', '–'])
    {
        return None;
    }
    Some(JournalTail {
        container,
        volume: Some(volume),
        issue: None,
        page: Some(page_like(pages)?),
        number: None,
        status: None,
    })
}

/// "5(2)", "5(2), 11–36" or "3, 125–130" alone: volume and issue (both
/// digits), pages; or a volume of up to four digits and one page range.
/// (A lone number is as likely an edition or a count.)
fn bare_volume_issue(u: &str) -> Option<JournalTail<'_>> {
    // (Most sources start with a name: asked first, before trimming.)
    if !u
        .fast_trim_start()
        .starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let u = scan::trim(u).trim_end_matches('.');
    let (vi, pages) = match u.split_once(", ") {
        Some((vi, p)) => (vi, Some(page_like(p)?)),
        None => (u, None),
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit());
    let (v, i) = match volume_issue(vi)? {
        (Some(v), Some(i)) if digits(v) && digits(i) => (v, Some(i)),
        (Some(v), None)
            if digits(v)
                && v.len() <= 4
                && pages.is_some_and(|p| !p.contains(',') && p.contains(['-', '–', '—'])) =>
        {
            (v, None)
        }
        _ => return None,
    };
    Some(JournalTail {
        container: "",
        volume: Some(v),
        issue: i,
        page: pages,
        number: None,
        status: None,
    })
}

/// Reads `Container, volume(issue), pages` from the right of an element.
pub(crate) fn journal_tail<'a>(u: &'a str, d: Option<&Date>) -> Option<JournalTail<'a>> {
    let u = scan::trim(u).trim_end_matches('.');
    scan::with_split_top(u, b',', |parts| journal_tail_in(u, parts, d))
}

/// A DOI of a part of a book: an ISBN (13 digits from 978 or 979, or
/// 10) with its hyphens, then "_" and the part's number, as Springer
/// registers chapters and proceedings papers ("10.1007/978-3-642-14770-8_33",
/// "10.1007/0-387-24250-3_4").
fn is_book_part_doi(doi: &str) -> bool {
    let Some((_, suffix)) = doi.split_once('/') else {
        return false;
    };
    let Some((isbn, part)) = suffix.rsplit_once('_') else {
        return false;
    };
    let digits =
        isbn.bytes().filter(u8::is_ascii_digit).count() + usize::from(isbn.ends_with(['X', 'x']));
    !part.is_empty()
        && part.bytes().all(|b| b.is_ascii_digit())
        && isbn.contains('-')
        && isbn
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b'X' || b == b'x')
        && (digits == 13 && (isbn.starts_with("978") || isbn.starts_with("979")) || digits == 10)
}

/// A DOI that large publishers register only for journal articles, by its
/// prefix and the shape of its suffix: Elsevier's "10.1016/j.…", Springer
/// Nature's "10.1007/s00159-…", "10.1038/…", SAGE's "10.1177/…", Taylor &
/// Francis's "10.1080/…", Wiley's "10.1111/…" and "10.1002/jhet.…" (not its
/// books' "10.1002/9781119…"), the APA's "10.1037/a0012345" and
/// "10.1037/ebs0000367" (not its books' "10.1037/0000168-000"), PLOS,
/// Frontiers, BMC, MDPI, Science, NEJM, JAMA, BMJ, PNAS, APS, Cambridge
/// journals' "10.1017/S…".
fn is_journal_article_doi(doi: &str) -> bool {
    let Some((prefix, suffix)) = doi.split_once('/') else {
        return false;
    };
    let starts = |p: &str| {
        suffix
            .as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    };
    // The APA's: one to four letters, then seven digits.
    let apa_journal = || {
        let l = suffix.bytes().take_while(u8::is_ascii_alphabetic).count();
        // In bounds: `l` ASCII letters start `suffix`.
        let rest = &suffix.as_bytes()[l..];
        (1..=4).contains(&l) && rest.len() == 7 && rest.iter().all(u8::is_ascii_digit)
    };
    match prefix {
        "10.1016" => starts("j."),
        "10.1007" => {
            suffix.len() > 7
                && starts("s")
                && suffix
                    .as_bytes()
                    .get(1..6)
                    .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                && suffix.as_bytes().get(6) == Some(&b'-')
        }
        "10.1002" => suffix.starts_with(|c: char| c.is_ascii_alphabetic()),
        "10.1037" => apa_journal(),
        "10.1371" => starts("journal."),
        "10.3389" => starts("f"),
        "10.1017" => starts("s"),
        "10.1073" => starts("pnas"),
        "10.1103" => starts("phys"),
        "10.1177" | "10.1080" | "10.1111" | "10.1038" | "10.1186" | "10.3390" | "10.1126"
        | "10.1056" | "10.1001" | "10.1136" => true,
        _ => false,
    }
}

/// [`journal_tail`] of `u` cut at its top-level commas into `parts`.
fn journal_tail_in<'a>(
    u: &'a str,
    parts: &[(usize, usize)],
    d: Option<&Date>,
) -> Option<JournalTail<'a>> {
    if parts.len() < 2 {
        return tail_without_commas(u);
    }
    // Char boundary: `split_top_iter` gives offsets from `char_indices` of `u`.
    // In bounds: `1 <= idx <= parts.len()` throughout: it starts at
    // `parts.len() >= 2`, and each decrement is from 2 or more (the status
    // one returns at 1), so `idx - 1` and (when `idx >= 3`) `idx - 2` are
    // indices of `parts`.
    let part = |i: usize| scan::trim(&u[parts[i].0..parts[i].1]);
    // Frontiers' "Title, with commas. Front. Psychol. 10:2345": the last
    // part holds the journal, its volume and the article's number.
    if let Some(tail) = volume_colon_article(part(parts.len() - 1))
        && let Some(at) = scan::offset_in(u, tail.container)
    {
        // Char boundary: `at` and the container's length come from a
        // sub-slice of `u`.
        let container = trim_elem(&u[..at + tail.container.len()]);
        return (!container.is_empty() && scan::word_count(container) <= 30)
            .then_some(JournalTail { container, ..tail });
    }
    // `volume_issue` of part `i`, kept for the next question about the
    // same part: the part before the pages is asked whether it is a
    // volume, and then read as one.
    let mut last_vi = None;
    let mut vi = |i: usize| match last_vi {
        Some((j, v)) if j == i => v,
        _ => {
            let v = volume_issue(part(i));
            last_vi = Some((i, v));
            v
        }
    };
    let mut idx = parts.len();
    let mut t = JournalTail {
        container: "",
        volume: None,
        issue: None,
        page: None,
        number: None,
        status: None,
    };
    // A publication state where the pages would be: "Journal, Publish
    // Ahead of Print", "Journal, 12, Online first".
    if is_status_phrase(part(idx - 1)) && idx >= 2 {
        t.status = Some(part(idx - 1));
        idx -= 1;
        if idx == 1 {
            t.container = trim_elem(&u[..parts[0].1]);
            return (!t.container.is_empty()).then_some(t);
        }
    }
    // Pages listed with commas after "pp." ("The New York Times, pp. B1,
    // B4"): from that part to the end.
    if idx >= 3
        && let Some(j) = (1..idx - 1).find(|&j| {
            let p = part(j);
            p.starts_with("pp.") || p.starts_with("p. ")
        })
        // Char boundary and bounds: as above (`j < idx - 1`).
        && let Some(p) = page_like(&u[parts[j].0..parts[idx - 1].1])
    {
        t.page = Some(p);
        idx = j;
    }
    // Discontinuous pages without "pp." (APA 7 §9.27: "39–47, 50,
    // 52–58"): "Journal, 24(1), 12–15, 18". The parts after the volume are
    // all page numbers or ranges, the first a range, each after the one
    // before ("12, 3, 45–67" is a volume, an issue and pages).
    if t.page.is_none() && idx >= 4 {
        let numeric = |p: &str| {
            !p.is_empty()
                && p.len() <= 12
                && p.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | '—'))
                && p.starts_with(|c: char| c.is_ascii_digit())
        };
        let mut j = idx - 1;
        while j >= 2 && numeric(part(j)) {
            j -= 1;
        }
        // Parts `j + 1 .. idx` are numbers: two at least, rising, the first
        // a range, and a volume before them.
        let rising = || {
            let mut last = 0u64;
            (j + 1..idx).all(|k| {
                let mut ends = part(k)
                    .split(['-', '–', '—'])
                    .map(|n| n.parse::<u64>().unwrap_or(0));
                let first = ends.next().unwrap_or(0);
                let end = ends.next_back().unwrap_or(first);
                let ok = first > last && end >= first;
                last = end;
                ok
            })
        };
        // After a volume with its issue in parentheses the numbers can
        // only be pages, in any order ("29(2), 94–98, 93": continued on an
        // earlier page; "12(1), 1, 3–5").
        if idx - j > 2
            && vi(j).is_some_and(|(v, i)| {
                v.is_some() && (i.is_some() || part(j + 1).contains(['-', '–', '—']) && rising())
            })
            // Char boundary and bounds: as above (`j + 1 < idx`).
            && let Some(p) = page_like(&u[parts[j + 1].0..parts[idx - 1].1])
        {
            t.page = Some(p);
            idx = j + 1;
        }
    }
    // A newspaper's section pages without "pp.": "The New York Times, A1,
    // A14". Two or more parts at the end that are each a section letter
    // and a page ("A1", "B12–B13"): no volume is a letter and a number
    // followed by another such.
    if t.page.is_none() && idx >= 3 {
        let section_page = |p: &str| {
            // (Cheap test first: a capital and a digit.)
            matches!(p.as_bytes(), [b'A'..=b'Z', b'0'..=b'9', ..])
                && p.split(['-', '–'])
                .all(|n| matches!(n.as_bytes(), [b'A'..=b'Z', d @ ..] if (1..=3).contains(&d.len()) && d.iter().all(u8::is_ascii_digit)))
        };
        let mut j = idx - 1;
        while j >= 1 && section_page(part(j)) {
            j -= 1;
        }
        if idx - 1 - j >= 2
            // Char boundary and bounds: as above (`j + 1 < idx`).
            && let Some(p) = page_like(&u[parts[j + 1].0..parts[idx - 1].1])
        {
            t.page = Some(p);
            idx = j + 1;
        }
    }
    // Volume, issue and pages joined by a colon, as BibTeX's apalike and
    // other author-year styles print them: "Journal, 9(8):1123–1136",
    // "Theory of Computing, 9:349–401".
    // Not "Journal, 5(3), 46:1–46:22", where a volume comes before: an
    // article number and its pages.
    // (The colon first: most last parts have none.)
    if idx >= 2
        && let Some((v, i, p)) = colon_pages(part(idx - 1))
        && !(idx >= 3 && vi(idx - 2).is_some())
    {
        t.volume = Some(v);
        t.issue = i;
        t.page = Some(p);
        idx -= 1;
    }
    let last = part(idx - 1);
    // Pages in parentheses after the name, as Microsoft Word prints
    // proceedings: "Proceedings of the … Conference, (pp. 112-118)".
    if t.page.is_none()
        && idx >= 2
        && let Some(inner) = last
            .strip_prefix("(pp. ")
            .or_else(|| last.strip_prefix("(p. "))
        && let Some(p) = inner.strip_suffix(')').and_then(page_like)
    {
        t.page = Some(p);
        idx -= 1;
    }
    // (Unless the pages were read above.)
    if t.page.is_none()
        && let Some(n) = article_number(last)
    {
        t.number = Some(n);
        idx -= 1;
    } else if t.page.is_none()
        && let Some(p) = page_like(last)
    {
        // Pages only when something before them is a volume, or the item
        // is dated to the day/month (newspapers: "Star, 14").
        let prev_is_vol = idx >= 3 && vi(idx - 2).is_some();
        // A range ("1–4", "3:1-12") or a letter-led page ("A20") is never
        // a volume.
        let range = p.contains(['-', '–', '—', '‒', '‐', '−'])
            && p.chars().filter(char::is_ascii_digit).count() >= 2;
        let lettered = p
            .strip_prefix(|c: char| c.is_ascii_uppercase())
            .is_some_and(|r| r.chars().all(|c| c.is_ascii_digit()))
            && p.len() >= 2;
        // An e-locator mixes letters and digits ("e0209899", "pyv124").
        let elocator = !p.contains(' ')
            && p.chars().any(scan::is_letter)
            && p.chars().filter(char::is_ascii_digit).count() >= 2
            && p.chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() && p.contains('.'));
        if prev_is_vol
            || range
            || lettered
            || elocator
            || has_month(d)
            || last.starts_with("pp")
            || last.starts_with("p.")
        {
            t.page = Some(p);
            idx -= 1;
        }
    }
    // An e-locator of letters only, or a publisher's item identifier, after
    // a plain volume number: "Lakartidningen, 114, EWLS", "Wilderness &
    // Environmental Medicine, S1080-6032(22)00139-9".
    if t.page.is_none()
        && t.number.is_none()
        && idx >= 3
        && part(idx - 2).len() <= 4
        && part(idx - 2).bytes().all(|b| b.is_ascii_digit())
        && (2..=30).contains(&last.len())
        && !last.chars().any(char::is_lowercase)
        && last.chars().any(|c| c.is_ascii_uppercase())
        && last
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '(' | ')' | '.'))
    {
        t.page = Some(last);
        idx -= 1;
    }
    // A publisher's item identifier (Elsevier's PII) in the pages' place,
    // as an article online before its issue has it: "Wilderness &
    // Environmental Medicine, S1080-6032(22)00139-9".
    if t.page.is_none() && t.number.is_none() && idx >= 2 && is_pii(last) {
        t.page = Some(last);
        idx -= 1;
    }
    // A magazine's issue named by its month or season, with no volume:
    // "Vanity Fair, May", "Harvard Business Review, May–June 2018".
    if t.page.is_none() && t.number.is_none() && idx == 2 && is_month_issue(last) {
        t.issue = Some(last);
        idx -= 1;
    }
    // An issue given by its label in a part of its own, after the volume:
    // "Journal, Vol. 19, No. 2, pp. 123-130" (APA 6 lists written by hand,
    // other styles).
    // (Unless the volume was read above, with the pages.)
    let volume_read = t.volume.is_some();
    // Volume and issue as plain numbers in parts of their own, before the
    // pages: "Journal, 12, 3, 45–67" (hand-typed lists). Not a year
    // before the volume ("Journal, 2019, 12, 45–67").
    let plain = |p: &str| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    let is_year = |p: &str| {
        d.and_then(|d| d.year_value())
            .is_some_and(|y| p.parse::<i32>() == Ok(y))
    };
    if !volume_read
        && t.page.is_some()
        && idx >= 3
        && plain(part(idx - 1))
        && plain(part(idx - 2))
        && !plain(part(idx - 3))
        && !is_year(part(idx - 2))
    {
        t.volume = Some(part(idx - 2));
        t.issue = Some(part(idx - 1));
        idx -= 2;
    } else if !volume_read
        && idx >= 3
        && plain(part(idx - 2))
        && let Some(i) = part(idx - 1)
            .strip_prefix('(')
            .and_then(|p| p.strip_suffix(')'))
            .filter(|i| plain(i))
    {
        // A comma between the volume and its issue, typed so: "Journal,
        // 12, (3), 45–67".
        t.volume = Some(part(idx - 2));
        t.issue = Some(i);
        idx -= 2;
    } else if !volume_read
        && idx >= 3
        && let Some(i) = labelled_issue(part(idx - 1))
        && let Some((Some(v), None)) = vi(idx - 2)
    {
        t.volume = Some(v);
        t.issue = Some(i);
        idx -= 2;
    } else if !volume_read
        && idx >= 2
        && let Some((v, i)) = vi(idx - 1)
    {
        t.volume = v;
        t.issue = i;
        idx -= 1;
    }
    // In bounds, char boundary: as above.
    let mut container_end = parts[idx - 1].1;
    // An issue with no volume, its parenthesis against the name (as
    // apacite sets it): "New Left Review(128), 24–46".
    if t.volume.is_none()
        && t.issue.is_none()
        && let Some((name, issue)) = glued_issue(part(idx - 1))
        && let Some(at) = scan::offset_in(u, name)
    {
        t.issue = Some(issue);
        container_end = at + name.len();
    }
    // Volume and issue after the name without the comma, as hand-typed
    // lists forget it: "Journal of Tests 7(4), 200–210" (with the pages,
    // so that a title's "Windows 7(4)" stays).
    if t.volume.is_none()
        && t.issue.is_none()
        && t.page.is_some()
        && let Some((name, vi_text)) = scan::rsplit_once_space(part(idx - 1))
        && vi_text.starts_with(|c: char| c.is_ascii_digit())
        && vi_text.ends_with(')')
        && let Some((Some(v), Some(i))) = volume_issue(vi_text)
        && v.bytes().all(|b| b.is_ascii_digit())
        && name.fast_trim_end().ends_with(scan::is_letter)
        && let Some(at) = scan::offset_in(u, name)
    {
        t.volume = Some(v);
        t.issue = Some(i);
        container_end = at + name.fast_trim_end().len();
    }
    // A volume against an abbreviated name, without a comma, as Frontiers'
    // and Elsevier's styles print it: "Annu. Rev. Psychol. 63, 1–29",
    // "Behav. Res. Methods 37, 498–505".
    if t.volume.is_none()
        && t.issue.is_none()
        && t.page.is_some()
        && let Some((name, v)) = volume_after_abbreviated_name(part(idx - 1))
        && let Some(at) = scan::offset_in(u, name)
    {
        t.volume = Some(v);
        container_end = at + name.len();
    }
    if t.volume.is_none()
        && t.issue.is_none()
        && t.page.is_none()
        && t.number.is_none()
        && t.status.is_none()
    {
        return None;
    }
    let container = trim_elem(&u[..container_end]);
    if container.is_empty() || !container.chars().any(scan::is_letter) {
        return None;
    }
    // A "container" that is a long sentence is a title, not a journal.
    if scan::word_count(container) > 30 {
        return None;
    }
    t.container = container;
    Some(t)
}

/// An Elsevier PII as printed: "S1080-6032(22)00139-9" (S, the ISSN,
/// the year in parentheses, a serial and a check character).
fn is_pii(p: &str) -> bool {
    let b = p.as_bytes();
    let digit_or_x = |c: &u8| c.is_ascii_digit() || *c == b'X';
    b.len() == 21
        && b.first() == Some(&b'S')
        && b.get(1..5)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && b.get(5) == Some(&b'-')
        && b.get(6..10).is_some_and(|d| d.iter().all(digit_or_x))
        && b.get(10) == Some(&b'(')
        && b.get(11..13)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && b.get(13) == Some(&b')')
        && b.get(14..19)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && b.get(19) == Some(&b'-')
        && b.get(20).is_some_and(digit_or_x)
}

/// An issue named by months or a season, with or without its year: "May",
/// "May–June 2018", "Spring 2020", "Jan/Feb".
fn is_month_issue(p: &str) -> bool {
    if !p.starts_with(|c: char| c.is_uppercase()) || p.len() > 40 {
        return false;
    }
    let mut words = p
        .split([' ', '–', '—', '-', '/'])
        .filter(|w| !w.is_empty())
        .peekable();
    let mut months = 0;
    while let Some(w) = words.next() {
        if super::date::month_number(w).is_some() || super::date::is_season(w) {
            months += 1;
        } else if words.peek().is_none()
            && months > 0
            && w.len() == 4
            && w.bytes().all(|b| b.is_ascii_digit())
        {
            // The year, last.
        } else {
            return false;
        }
    }
    (1..=2).contains(&months)
}

/// "9(8):1123–1136" or "9:349–401": volume, issue and pages. Without an
/// issue the pages must be a range or three digits or more, since
/// "25:4" is a volume and an issue.
fn colon_pages(p: &str) -> Option<(&str, Option<&str>, &str)> {
    let (head, pages) = scan::split_once_byte(p, b':')?;
    let pages = page_like(pages).filter(|p| !p.contains(':'))?;
    let (Some(v), issue) = volume_issue(head)? else {
        return None;
    };
    let numeric = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let range = pages.contains(['-', '–', '—', '‐', '−']);
    (numeric(v) && (issue.is_some() || range || numeric(pages) && pages.len() >= 3))
        .then_some((v, issue, pages))
}

/// Frontiers' "Front. Psychol. 10:2345", "J. Cogn. 2:36": an abbreviated
/// name, the volume and, after a colon, the article's number.
fn volume_colon_article(p: &str) -> Option<JournalTail<'_>> {
    // (Cheap test first: most parts have no colon.)
    let (head, n) = scan::rsplit_once_byte(p, b':')?;
    let n = n.trim_end_matches('.');
    if n.is_empty()
        || n.len() > 10
        || !n.bytes().all(|b| b.is_ascii_alphanumeric())
        || !n.bytes().any(|b| b.is_ascii_digit())
    {
        return None;
    }
    let (container, volume) = volume_after_abbreviated_name(head)?;
    Some(JournalTail {
        container,
        volume: Some(volume),
        issue: None,
        page: None,
        number: Some(n),
        status: None,
    })
}

/// "Annu. Rev. Psychol. 63": a journal's name with an abbreviated word
/// among its last three, and its volume (digits) after a space.
fn volume_after_abbreviated_name(p: &str) -> Option<(&str, &str)> {
    let (name, v) = scan::rsplit_once_space(p)?;
    if v.is_empty() || v.len() > 4 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let name = name.fast_trim_end();
    let abbreviated = |w: &str| {
        w.len() <= 9
            && w.ends_with('.')
            && w.starts_with(|c: char| c.is_uppercase())
            && lexicon::is_journal_abbreviation(w.trim_end_matches('.'))
    };
    (name.ends_with(|c: char| c.is_alphabetic() || c == '.')
        && name.split_whitespace().rev().take(3).any(abbreviated))
    .then_some((name, v))
}

/// "New Left Review(128)": a name and, against it, an issue number
/// with no volume.
fn glued_issue(p: &str) -> Option<(&str, &str)> {
    let (name, rest) = scan::rsplit_once_byte(p, b'(')?;
    let issue = rest.strip_suffix(')')?;
    let numeric = !issue.is_empty()
        && issue.len() <= 12
        && issue.chars().next().is_some_and(|c| c.is_ascii_digit())
        && issue
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | '/'));
    (numeric && name.ends_with(scan::is_letter)).then_some((name, issue))
}

/// A journal name abbreviated word by word, whose last period belongs to
/// its last word: "Am. J. Psychoanal.", "J.Neurosurg.", "Commun. Stat.
/// Simul. Comput.".
fn abbreviated_journal(c: &str) -> bool {
    let c = c.fast_trim_end();
    let Some(head) = c.strip_suffix('.') else {
        return false;
    };
    let mut words = head.split_whitespace();
    let Some(last) = words.next_back() else {
        return false;
    };
    let short =
        |w: &str| w.chars().count() <= 12 && w.chars().next().is_some_and(char::is_uppercase);
    short(last)
        && !last.ends_with('.')
        && (last.trim_start_matches(|c: char| c != '.').len() > 1
            || words.any(|w| w.ends_with('.') && short(w) && w.chars().count() >= 2))
}

/// The number of an issue written with its label: "No. 2", "no. 4",
/// "Issue 3", "Nr. 12", "Heft 5".
fn labelled_issue(p: &str) -> Option<&str> {
    let n = [
        "No. ", "No.", "no. ", "Issue ", "issue ", "Nr. ", "Heft ", "Iss. ", "No ",
    ]
    .iter()
    .find_map(|l| p.strip_prefix(l))?
    .fast_trim();
    let ok = !n.is_empty()
        && n.len() <= 12
        && n.chars().next().is_some_and(|c| c.is_ascii_digit())
        && n.chars().all(|c| c.is_alphanumeric() || "-–/".contains(c));
    ok.then_some(n)
}

/// For one element holding title and journal ("... in the U.S. Journal of
/// X, 1(2), 3"): where the title ends and the journal starts.
pub(crate) fn split_title_from_journal(u: &str, d: Option<&Date>) -> Option<(usize, usize)> {
    let t = journal_tail(u, d)?;
    t.volume?;
    let container_start = scan::offset_in(u, t.container)?;
    let c = t.container;
    // The last ". " inside the container text that is followed by a
    // capital: the title ends there.
    let mut best = None;
    for (i, ch) in c.char_indices() {
        // Char boundary: `i` is an ASCII '.', so `i + 1` is a boundary, and
        // `i + 2` is sliced only after an ASCII ' '.
        if ch == '.'
            && c[i + 1..].starts_with(' ')
            && c[i + 2..].chars().next().is_some_and(char::is_uppercase)
        {
            let w = scan::word_before(c, i);
            if !lexicon::is_journal_abbreviation(w) {
                best = Some(i);
            }
        }
    }
    if let Some(i) = best {
        return Some((container_start + i, container_start + i + 2));
    }
    // A comma where the title's period should be, as students type it:
    // "Effects of sleep on memory, Journal of Sleep Research, 12(3),
    // 45–67". The last part before the volume that names a periodical
    // ("Journal", "Review", "Quarterly" …) and starts with a capital.
    // Char boundary: `i` is the offset of an ASCII ',' from `rfind`.
    let i = c.rfind(", ")?;
    let (title, journal) = (c[..i].fast_trim(), &c[i + 2..]);
    (journal.starts_with(|ch: char| ch.is_uppercase())
        && scan::word_count(title) >= 3
        && scan::word_count(journal) <= 12
        && lexicon::Kinds::of(journal).periodical_word())
    .then_some((container_start + i, container_start + i + 2))
}

/// The element starts with "In " and a capital or an initial.
pub(crate) fn starts_with_in(u: &str) -> bool {
    strip_in(u).is_some()
        // "I Combinatorial data analysis (s. 103–114)": a one-letter "in"
        // before a book whose pages or editors follow.
        || one_letter_in(u).is_some()
            && contains_any!(
                u,
                ["(s. ", "(ss. ", "(S. ", "(str. ", "(Red.)", "(red.)", "(pp. ", "(с. ", "(сс. ", "(Ред.)"]
            )
}

/// What follows a one-letter word for "in" (Danish, Norwegian and
/// Swedish "I", Polish "W", Czech and Slovak "V", Croatian "U"), when its
/// next two characters pass `second`, after a capital.
fn after_one_letter_in(u: &str, second: impl Fn(char) -> bool) -> Option<&str> {
    let u = u.fast_trim_start();
    // (Each word starts with one of these: most elements are answered
    // by their first byte; 0xD0 starts the Cyrillic "В" and "У" of
    // Russian, Bulgarian and Ukrainian.)
    if !matches!(u.as_bytes().first(), Some(b'I' | b'W' | b'V' | b'U' | 0xD0)) {
        return None;
    }
    let rest = ["I ", "W ", "V ", "U ", "В ", "У "]
        .iter()
        .find_map(|p| u.strip_prefix(p))?;
    let mut cs = rest.chars();
    (cs.next().is_some_and(char::is_uppercase) && cs.next().is_some_and(second)).then_some(rest)
}

/// A one-letter "in" and a capitalised word: "I Wikipedia".
fn one_letter_in(u: &str) -> Option<&str> {
    after_one_letter_in(u, char::is_alphabetic)
}

/// Like [`strip_in`], and a one-letter "in" before any capitalised word,
/// for an element known to come after the title: "I Wikipedia".
pub(crate) fn strip_in_after_title(u: &str) -> Option<&str> {
    strip_in(u).or_else(|| one_letter_in(u))
}

/// What follows "In" at the start of an element: "In A. Editor (Ed.),
/// Book". The word is also read in the languages APA lists are written
/// in: "En" (Spanish, French), "Dans", "Em" (Portuguese), "W:" (Polish).
pub(crate) fn strip_in(u: &str) -> Option<&str> {
    let t = u.fast_trim_start();
    // Every form below starts with one of these bytes: most elements are
    // answered by their first.
    // (0xC4 starts the Turkish "İçinde", 0xD0 the Cyrillic "В" and "У",
    // 0xCE the Greek "Στο", 0xE6 the Chinese "收入".)
    if !matches!(
        t.as_bytes().first(),
        Some(b'I' | b'W' | b'V' | b'U' | b'E' | b'D' | 0xC4 | 0xD0 | 0xCE | 0xE6)
    ) {
        return None;
    }
    // A one-letter word for "in" only before an editor's initial: "I C.
    // D. Klaassen (Red.), Title".
    if let Some(rest) = after_one_letter_in(t, |c| c == '.') {
        return Some(rest);
    }
    // A Cyrillic "В" or "У" before a title in Latin script: a style
    // localised to Russian, Bulgarian or Ukrainian ("В Wiktionary", "В
    // A-Z of Plastic Surgery"), where a title in those languages would
    // go on in Cyrillic.
    if let Some(rest) = t.strip_prefix("В ").or_else(|| t.strip_prefix("У "))
        && rest.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
    {
        return Some(rest);
    }
    let rest = [
        "In: ",
        "In ",
        "En: ",
        "En ",
        "Dans ",
        "Em ",
        "W: ",
        "İçinde ",
        "Στο ",
        "收入 ",
    ]
    .iter()
    .find_map(|p| t.strip_prefix(p))?;
    rest.chars()
        .next()
        .is_some_and(|c| {
            c.is_uppercase()
                || c.is_numeric()
                || c == '“'
                || c == '"'
                || !c.is_ascii() && !c.is_lowercase()
        })
        .then_some(rest)
}

/// APA 6 meeting phrases: "Paper presented at the ..." → the rest.
pub(crate) fn presented_at(u: &str) -> Option<(&str, &str)> {
    let t = scan::trim(u);
    // Every phrase starts with one of these letters.
    if !matches!(
        t.as_bytes().first().map(u8::to_ascii_lowercase),
        Some(b'p' | b's' | b'k' | b'i' | b't')
    ) {
        return None;
    }
    let (Some(a), Some(b)) = (t.as_bytes().first(), t.as_bytes().get(1)) else {
        return None;
    };
    let head = [a.to_ascii_lowercase(), b.to_ascii_lowercase()];
    for p in [
        "paper presented at the ",
        "paper presented at ",
        "poster presented at the ",
        "poster presented at ",
        "poster session presented at the ",
        "poster session presented at ",
        "presented at the ",
        "presented at ",
        "symposium conducted at the ",
        "symposium conducted at ",
        "paper session presented at the ",
        "keynote address at the ",
        "invited talk at the ",
        "talk given at the ",
        "talk presented at the ",
    ] {
        // (The phrases are lower case: one whose first two letters differ
        // from the element's is passed over without the comparison.)
        if p.as_bytes().get(..2) != Some(&head[..]) {
            continue;
        }
        if let Some(rest) = strip_prefix_ascii_ci(t, p) {
            let genre = if p.starts_with("poster") {
                "Poster session"
            } else if p.starts_with("symposium") {
                "Symposium"
            } else if p.starts_with("paper") {
                "Paper presentation"
            } else {
                "Presentation"
            };
            return Some((genre, scan::trim(rest)));
        }
    }
    None
}

impl<'a> Ctx<'a> {
    /// A chapter as Frontiers' style prints it: its title in quotes with
    /// the comma inside, "in" and the book, the editors after "ed." or
    /// "eds", place and publisher in parentheses, then the pages:
    /// '"Executive attention," in The Psychology of Learning and
    /// Motivation, ed. B. Ross (New York, NY: Elsevier), 145–199'. True
    /// when `body` is one and was read.
    /// A title in quotes followed by a comma, as Harvard and MLA styles
    /// print an article's or a chapter's: "'Urban gardens', Journal of
    /// Urban Studies, 8(2), pp. 100–110", "“Urban gardens,” Journal …".
    /// The quotes are the style's, not the title's. True when `body` is one
    /// and was read.
    pub(crate) fn read_quoted_title_then_source(&mut self, body: &'a str) -> bool {
        let t = body.fast_trim();
        let Some(open) = t.chars().next() else {
            return false;
        };
        let close = match open {
            '“' => '”',
            '"' => '"',
            '‘' => '’',
            '\'' => '\'',
            _ => return false,
        };
        // Char boundary: after the opening quote.
        let inner = &t[open.len_utf8()..];
        // The closing quote with the comma after it or inside it.
        let Some((title, rest)) = inner.char_indices().find_map(|(i, c)| {
            if c != close {
                return None;
            }
            // Char boundary: `i` starts `c`, and `i + c.len_utf8()` ends it.
            let after = &inner[i + c.len_utf8()..];
            let before = &inner[..i];
            let title = if let Some(rest) = after.strip_prefix(", ") {
                Some((before, rest))
            } else {
                before
                    .strip_suffix(',')
                    .and_then(|b| after.strip_prefix(' ').map(|r| (b, r)))
            }?;
            // A letter before the quote: not an apostrophe's "'Tis".
            title
                .0
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '?' | '!' | ')'))
                .then_some(title)
        }) else {
            return false;
        };
        let rest = rest.fast_trim();
        // What follows starts a source ("Journal of …"), not the title's
        // own words ("“Yes,” she said"), and is one element: a title that
        // starts with a quotation goes on after it, in sentences of its
        // own ("“La Huelga de los Conventillos”, Buenos Aires, 1936. Un
        // aporte …. A Contracorriente, 9(1)").
        if title.is_empty()
            || title.len() > 300
            || title.contains(close)
            || !rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || scan::units(rest).len() != 1
        {
            return false;
        }
        self.mark(Field::Title, title);
        self.r.title = Some(title.fast_trim().to_string());
        self.read_source(rest);
        true
    }

    pub(crate) fn read_quoted_chapter(&mut self, body: &'a str) -> bool {
        let t = body.fast_trim();
        let Some(inner) = t.strip_prefix('“').or_else(|| t.strip_prefix('"')) else {
            return false;
        };
        let Some((title, rest)) = [",” in ", ",\" in "]
            .iter()
            .find_map(|sep| inner.split_once(sep))
        else {
            return false;
        };
        let rest = rest.fast_trim_end().trim_end_matches('.');
        let Some((book, after)) = [", ed. ", ", eds. ", ", eds ", ", Ed. ", ", Eds. "]
            .iter()
            .find_map(|sep| rest.split_once(sep))
        else {
            return false;
        };
        let Some((who, paren)) = after.split_once(" (") else {
            return false;
        };
        let Some((paren, pages)) = paren.split_once("), ") else {
            return false;
        };
        let editors = names::parse_editor_list(who);
        let Some(pages) = page_like(pages) else {
            return false;
        };
        if book.fast_trim().is_empty()
            || editors.is_empty()
            || !editors
                .iter()
                .all(|n| matches!(n, crate::model::Name::Person(_)))
        {
            return false;
        }
        self.mark(Field::Title, title);
        self.r.title = Some(title.fast_trim().to_string());
        // "Psychology of Learning and Motivation, Vol. 8": the volume as a
        // title's details name it.
        let book = match book.rsplit_once(", ") {
            Some((b, v)) if let super::title::Detail::Volume(v) = super::title::detail_of(v) => {
                self.mark(Field::Volume, v);
                self.r.volume = Some(v.to_string());
                b
            }
            _ => book,
        };
        self.mark(Field::ContainerTitle, book);
        self.r.container_title = Some(book.fast_trim().to_string());
        self.mark(Field::Editor, who);
        self.r.add_names(crate::model::Role::Editor, editors);
        match place_publisher(paren) {
            Some((place, publisher)) => {
                self.mark(Field::Place, place);
                self.r.publisher_place = Some(place.to_string());
                self.mark(Field::Publisher, publisher);
                self.r.publisher = Some(publisher.to_string());
            }
            None => {
                self.mark(Field::Publisher, paren);
                self.r.publisher = Some(paren.to_string());
            }
        }
        self.mark(Field::Page, pages);
        self.r.page = Some(super::parse::normalize_pages(pages));
        self.sig.in_container = true;
        true
    }
}

/// "New York, NY: Guilford Press" → (place, publisher).
/// A publisher before its place in the United States, as APA 6 theses and
/// reports print the university: "University of Oregon, Eugene, OR".
/// Gives the place ("Eugene, OR") and the publisher.
fn publisher_then_us_place(u: &str) -> Option<(&str, &str)> {
    const STATES: [&str; 51] = [
        "AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL",
        "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE",
        "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
        "VA", "VT", "WA", "WI", "WV", "WY",
    ];
    // (Cheap test first: ", " and two capitals end the text.)
    if !matches!(u.as_bytes(), [.., b',', b' ', b'A'..=b'Z', b'A'..=b'Z']) {
        return None;
    }
    let (head, state) = scan::rsplit_once_short(u, ", ")?;
    if !STATES.contains(&state) {
        return None;
    }
    let (publisher, city) = scan::rsplit_once_short(head, ", ")?;
    let city_ok = (1..=3).contains(&scan::word_count(city))
        && city
            .split(' ')
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) && !w.contains(char::is_numeric));
    let publisher = publisher.fast_trim();
    // Char boundary: `city` is a sub-slice of `u`.
    let place = u.get(scan::offset_in(u, city)?..)?;
    (city_ok && !publisher.is_empty()).then_some((place, publisher))
}

fn place_publisher(u: &str) -> Option<(&str, &str)> {
    let i = scan::top_level_ascii(u, b':').next()?;
    // Char boundary: `i` is an ASCII ':' (`top_level_ascii`).
    let place = u[..i].fast_trim();
    let publisher = u[i + 1..].fast_trim();
    // The year again after the publisher, Vancouver's way, as the WHO's
    // suggested citations print it: "Geneva: World Health Organization;
    // 2021".
    let publisher = match publisher.rsplit_once("; ") {
        Some((p, y)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => p.fast_trim_end(),
        _ => publisher,
    };
    if place.is_empty() || publisher.is_empty() || scan::word_count(place) > 6 {
        return None;
    }
    let k = lexicon::Kinds::of(place);
    if k.group() || k.publisher() {
        return None;
    }
    if is_no_place(place) {
        return Some((place, publisher));
    }
    let words_ok = place.split([' ', ',']).filter(|w| !w.is_empty()).all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            || matches!(
                w,
                "am" | "an" | "der" | "de" | "sur" | "upon" | "on" | "del" | "la"
            )
    });
    words_ok.then_some((place, publisher))
}

/// A catalogue's abbreviation as written, lower-cased, without its
/// brackets, spaces and final period: "(S.l.)", "[s. l.]" → "s.l"; `None`
/// for longer text (every publisher is asked, without a copy).
fn catalogue_abbreviation(t: &str) -> Option<String> {
    if t.len() > 10 {
        return None;
    }
    let t = t.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']') || c.is_whitespace());
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    Some(t.trim_end_matches('.').to_ascii_lowercase())
}

/// "Without place" as catalogues and French styles print it: "S.l.",
/// "(S.l.)", "[s.l.]", German "o. O.".
fn is_no_place(place: &str) -> bool {
    catalogue_abbreviation(place).is_some_and(|a| matches!(a.as_str(), "s.l" | "o.o"))
}

/// "Without a name" (sine nomine) in a publisher's place: "s.n.",
/// "(s.n.)", "[s.n.]".
fn is_no_publisher(p: &str) -> bool {
    catalogue_abbreviation(p).is_some_and(|a| a == "s.n")
}

/// A short run of capitalised words, as a city ("Boston", "San Diego,
/// CA", "Ann Arbor, MI, United States").
pub(crate) fn is_place_name(u: &str) -> bool {
    let p = scan::trim(u).trim_end_matches('.');
    let words: Vec<&str> = p.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    !words.is_empty()
        && words.len() <= 6
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && {
            // (Looked up in the word lists once, for both questions.)
            let k = lexicon::Kinds::of(p);
            !k.group() && !k.publisher()
        }
}

impl<'a> Ctx<'a> {
    /// Source after the title (authored works) or after the date (works
    /// whose title came first).
    pub(crate) fn read_source(&mut self, src: &'a str) {
        self.read_source_with(src, None);
    }

    /// [`Ctx::read_source`], with `known`: `scan::units(src)` when already
    /// known (`src` then needs no trimming).
    pub(crate) fn read_source_with(&mut self, src: &'a str, known: Option<Vec<scan::Unit>>) {
        let src = scan::trim(src);
        if src.is_empty() {
            return;
        }
        if let Some(rest) = strip_in_after_title(src) {
            self.read_in_container(rest);
            return;
        }
        // An edition outside the title's parentheses: "Research methods.
        // 3rd ed. Sage."
        if self.r.edition.is_none()
            && let Some((statement, rest)) = super::title::leading_edition(src)
            && let Some(e) = super::title::edition_of(statement)
        {
            self.mark(Field::Edition, statement);
            self.r.edition = Some(e);
            self.read_source_with(rest, None);
            return;
        }
        // A chapter's "In" left out, as some styles print it (Begell
        // House's APA): "M. R. Marlo, & T. M. Purvis (Eds.), Selected
        // Proceedings … (pp. 195–207). Publisher." When the book was read
        // with the title's element already, what follows is its publisher.
        if self.sig.book_in_title {
            self.read_publisher(src);
            return;
        }
        if editors_first(src) {
            self.read_in_container(src);
            return;
        }
        // The album of a song: "On Lemonade. Parkwood; Columbia."
        if self.sig.desc_type == Some(ItemType::Song)
            && let Some(rest) = src.strip_prefix("On ")
        {
            let us = scan::units(rest);
            if let Some(first) = us.first() {
                // Char boundary: unit offsets are char boundaries of `rest`.
                let mut album = strip_period(&rest[first.start..first.end]);
                // APA 6 names the album's medium: "On Cold nights [CD]."
                if let Some(head) = album.strip_suffix(']')
                    && let Some(open) = head.rfind(" [")
                    // Char boundary: `open` is where an ASCII " [" starts.
                    && let medium = &head[open + 2..]
                    && !medium.is_empty()
                    && medium.len() <= 30
                    && !medium.contains(['[', ']'])
                {
                    self.mark(Field::Description, medium);
                    set_if_none(&mut self.r.medium, medium);
                    album = head[..open].trim_end();
                }
                self.mark(Field::ContainerTitle, album);
                self.r.container_title = Some(album.to_string());
                if let (Some(a), Some(b)) = (us.get(1), us.last()) {
                    // Char boundary: as above.
                    self.read_publisher(&rest[a.start..b.end]);
                }
            }
            return;
        }
        if self.read_presented_at(src) {
            return;
        }
        // APA 6's unpublished work: "Unpublished manuscript, Department of
        // Psychology, University of Iowa." The phrase says what it is, the
        // rest where.
        const UNPUBLISHED: &str = "Unpublished manuscript";
        if let Some(phrase) = src
            .get(..UNPUBLISHED.len())
            .filter(|h| h.eq_ignore_ascii_case(UNPUBLISHED))
        {
            self.mark(Field::Genre, phrase);
            self.sig.desc_type.get_or_insert(ItemType::Manuscript);
            self.r.genre.get_or_insert_with(|| phrase.to_string());
            // Char boundary: `phrase` is ASCII and a prefix of `src`.
            let rest = src[phrase.len()..].trim_start_matches([',', '.', ' ']);
            if !rest.is_empty() {
                self.read_publisher(rest);
            }
            return;
        }
        let us = match known {
            Some(us) => {
                debug_assert_eq!(us, scan::units(src));
                us
            }
            None => scan::units(src),
        };
        let Some(first) = us.first() else {
            // Only element-ending periods: nothing to read.
            return;
        };
        // Char boundary: unit offsets are char boundaries of `src` (see `scan::Unit`).
        let first_end = first.end;
        let first = &src[first.start..first.end];
        // A version as an element of its own (biblatex-apa6: "[Data set].
        // Version 1.0.0. TU Wien."): the source goes on after it. (One:
        // the version is read once, so the source read again is read
        // without this step, and the text is read at most twice.)
        if self.r.version.is_none()
            && let Some(v) = version_element(strip_period(first))
        {
            self.mark(Field::Version, strip_period(first));
            self.r.version = Some(v.to_string());
            self.sig.version = true;
            // Char boundary: as above.
            self.read_source(src[first_end..].trim_start_matches(['.', ' ']));
            return;
        }
        // "Book (pp. 1–12). Publisher." with the "In" left out (APA 5,
        // pybtex's APA style): pages in the first element's parenthesis
        // are a part's pages in a book.
        if let Some((before, _, inner)) = scan::split_trailing_group(strip_period(first).fast_trim_end())
            && inner.starts_with("pp. ")
            && !before.fast_trim().is_empty()
            // (Microsoft Word's "Proceedings, (pp. 112-118). Boston." is
            // read below, with its city.)
            && !before.fast_trim_end().ends_with(',')
        {
            self.read_in_container(src);
            return;
        }
        // A bare "volume(issue)", "volume(issue), pages" or "volume,
        // pages" as the whole source: a journal article whose journal name
        // was not printed apart ("Title. 5(2). https://…", "Verniana. 3,
        // 125–130." read as title and source).
        if us.len() == 1
            && let Some(t) = bare_volume_issue(first)
        {
            self.apply_journal(t);
            return;
        }
        // A bare page range as the whole source ("Title. 53–59."): the
        // pages of a paper in proceedings whose title was not printed.
        if us.len() == 1
            && let Some(p) = page_like(first)
            && (p.contains(['-', '–', '—', '‐', '−']) || p.chars().all(|c| c.is_ascii_digit()))
        {
            self.mark(Field::Page, p);
            self.r.page = Some(p.to_string());
            self.sig.bare_pages = true;
            return;
        }
        if us.len() > 1 {
            // A journal title with a period inside ("Journal of X. Series
            // C, 64(4), 1–2"), or the volume and pages typed as sentences
            // of their own ("Journal of X. 24(3). 300-320.").
            if let Some(t) = journal_tail(src, self.r.issued.as_ref())
                .filter(|t| t.volume.is_some())
                .or_else(|| tail_in_elements(src))
            {
                self.apply_journal(t);
                return;
            }
        }
        if let Some(t) = journal_tail(first, self.r.issued.as_ref()) {
            let container = t.container;
            self.apply_journal(t);
            for (k, u) in us.iter().enumerate().skip(1) {
                // Char boundary: as above.
                let text = &src[u.start..u.end];
                // The city of proceedings named after their meeting
                // (Microsoft Word: "…, (pp. 112-118). Boston.").
                if k == us.len() - 1 && lexicon::names_meeting(container) && is_place_name(text) {
                    let place = strip_period(scan::trim(text));
                    self.mark(Field::Place, place);
                    self.r
                        .publisher_place
                        .get_or_insert_with(|| place.to_string());
                    continue;
                }
                if !self.read_status_unit(text) {
                    self.leftover(
                        Field::ContainerTitle,
                        text,
                        "text after the journal not read",
                    );
                }
            }
            return;
        }
        match self.sig.desc_type {
            // Slides and lecture notes name where they are kept, not a
            // meeting: "[PowerPoint slides]. SlideShare."
            // Nor does a webinar: its host publishes it ("[Webinar].
            // Society for Human Resource Management.").
            Some(ItemType::Speech)
                if self.slides_or_notes()
                    || self
                        .r
                        .genre
                        .as_deref()
                        .is_some_and(|g| g.eq_ignore_ascii_case("webinar")) =>
            {
                self.read_publisher(src);
                return;
            }
            Some(ItemType::Speech) | Some(ItemType::PaperConference) => {
                self.read_meeting(src);
                return;
            }
            Some(ItemType::Thesis) => {
                // The unit after a thesis description is a database or
                // archive ("ProQuest Dissertations and Theses Global").
                let text = strip_period(src);
                if self.r.publisher.is_none() {
                    // APA 6 with the place: "University of Oregon, Eugene, OR".
                    let text = match publisher_then_us_place(text) {
                        Some((place, university)) => {
                            self.mark(Field::Place, place);
                            self.r.publisher_place = Some(place.to_string());
                            university
                        }
                        None => text,
                    };
                    self.mark(Field::Publisher, text);
                    self.r.publisher = Some(text.to_string());
                } else {
                    self.mark(Field::Archive, text);
                    self.r.archive = Some(text.to_string());
                }
                return;
            }
            _ => {}
        }
        // The element looked up in the word lists at most once, for the
        // questions below (a lone element only).
        let kinds = std::cell::OnceCell::new();
        let kinds = || *kinds.get_or_init(|| lexicon::Kinds::of(first));
        // Periodicals and sites: the first element is the container. An
        // undated page with a URL names its site the same way.
        let undated_page = self
            .r
            .issued
            .as_ref()
            .is_some_and(|d| d.status == crate::model::DateStatus::NoDate)
            && (self.r.url.is_some() || self.r.accessed.is_some())
            && us.len() == 1
            && !kinds().publisher()
            && !kinds().group();
        // A dated report ("[Press release]", "[Fact sheet]") names its
        // publisher, not a periodical; so does a video, dated to the day
        // or not ("[Video]. YouTube.", "[Video]. TED Conferences."), and a
        // recording not "On" an album ("[Speech audio recording]. American
        // Rhetoric.").
        let report = matches!(
            self.sig.desc_type,
            Some(
                ItemType::Report
                    | ItemType::Manuscript
                    | ItemType::Article
                    | ItemType::MotionPicture
                    | ItemType::Song
            )
        );
        // A lone element, and a link that says what kind of site it is on.
        let lone_with_link = |link_says: fn(&str) -> bool| {
            us.len() == 1 && self.r.url.as_deref().is_some_and(link_says)
        };
        // A post on a blog platform names its blog: "West Coast Stat Views.
        // http://observationalepidemiology.blogspot.com/…".
        let blog = || lone_with_link(super::classify::is_blog_url);
        // An article dated only by its year whose link files it by month
        // (a renderer that prints no month or day, a list typed so):
        // "(2017). Title. The New Yorker. https://…/2017/06/19/…".
        let dated_link = || {
            lone_with_link(super::classify::is_dated_url)
                && !kinds().publisher()
                // (An agency's or institute's reports are filed so too.)
                && !kinds().group()
                && !super::classify::is_organisation(first)
        };
        let periodical =
            (undated_page || has_month(self.r.issued.as_ref()) || blog() || dated_link())
                && !report
                || self.sig.desc_type.is_some_and(|t| {
                    matches!(t, ItemType::Post | ItemType::PostWeblog | ItemType::Webpage)
                });
        // The site named already by APA 6's "Retrieved from Site website:"
        // (its CSL style prints the site there only): a lone element
        // before it is the rest of a title with a period in it
        // ("Séminaire - Quand la santé questionne le couple.
        // Correspondances Sud et Nord. Retrieved from Corps et Médecine
        // website: …").
        if periodical
            && us.len() == 1
            && self.sig.site_from_trailer
            && self.r.title.is_some()
            // (Not the site itself, printed as the publisher too:
            // "Internet Engineering Task Force. Retrieved from Internet
            // Engineering Task Force website".)
            && self
                .r
                .container_title
                .as_deref()
                .is_some_and(|site| !site.eq_ignore_ascii_case(strip_period(first)))
        {
            let c = strip_period(first);
            self.mark(Field::Title, c);
            // The title's own stop before it: a period, or the question
            // or exclamation mark printed ("Is Rare Replay good? First
            // reviews go live").
            let stop = scan::offset_in(self.s, c)
                .and_then(|at| self.s.get(..at))
                .and_then(|before| before.fast_trim_end().chars().last())
                .filter(|ch| matches!(ch, '?' | '!'))
                .unwrap_or('.');
            if let Some(t) = self.r.title.as_mut() {
                if !t.ends_with(stop) {
                    t.push(stop);
                }
                t.push(' ');
                t.push_str(c);
            }
            return;
        }
        // A part of a book, by its DOI (an ISBN and the part's number:
        // "10.1007/978-3-642-14770-8_33"): the lone element names the
        // book or proceedings it is in, printed without "In" ("TectoMT:
        // Modular NLP framework. IceTAL. https://doi.org/…"), unless it
        // names a publisher.
        if us.len() == 1
            && self.r.doi.as_deref().is_some_and(is_book_part_doi)
            && !kinds().publisher()
            && !lexicon::is_book_publisher(first)
        {
            self.set_container(first);
            self.sig.in_container = true;
            return;
        }
        // (A publisher's word in a periodical's name does not make it a
        // publisher: "The New York Review of Books".)
        if periodical && (!lexicon::is_book_publisher(first) || kinds().periodical_word()) {
            self.set_container(first);
            self.sig.site_container = true;
            if us.len() > 1 {
                // In bounds: `us.len() > 1`. Char boundary: as above.
                let rest = strip_period(&src[us[1].start..us[us.len() - 1].end]);
                self.mark(Field::Publisher, rest);
                self.r.publisher = Some(rest.to_string());
            }
            return;
        }
        // A periodical or site named without volume or date: "CoRR",
        // "The Atlanta Journal-Constitution", "Pastebin.com".
        // An article in press names its journal and nothing else (it has no
        // volume yet: "Psychological Inquiry", "Psychonomic Bulletin &
        // Review"); a book in press names its publisher, which the word
        // lists below know ("Guilford Press", "Routledge").
        // (So does one published online ahead of its issue: "Sleep.
        // Advance online publication.")
        let in_press = self
            .r
            .issued
            .as_ref()
            .is_some_and(|d| d.status == crate::model::DateStatus::InPress)
            || self.sig.desc_type == Some(ItemType::ArticleJournal) && self.r.status.is_some();
        // A site named by its domain has a link; without one, and after an
        // edition, the domain names a publisher ("(2nd ed.). Nursesbooks.org.",
        // "Lulu.com.").
        let site_without_link = || {
            !kinds().periodical_word()
                && (self.r.url.is_none() && self.r.doi.is_none() && !self.sig.url_in_note
                    || self.r.edition.is_some())
        };
        // So does an article whose DOI only a journal's article has, as
        // one published ahead of its issue ("Title. Evolutionary
        // Behavioral Sciences. https://doi.org/10.1037/ebs0000367").
        if us.len() == 1
            && (lexicon::periodical_given(first, kinds())
                && !site_without_link()
                && !self.report_by_domain(kinds())
                || in_press
                || self.r.doi.as_deref().is_some_and(is_journal_article_doi))
            && !kinds().publisher()
            && !lexicon::is_book_publisher(first)
        {
            self.set_container(first);
            self.sig.site_container = true;
            return;
        }
        self.read_publisher(src);
    }

    /// A report's number was read ("(Clinical Trial Registration No.
    /// NCT04261517). clinicaltrials.gov."): a domain after it names the
    /// report's publisher, not a site the report is part of.
    fn report_by_domain(&self, k: lexicon::Kinds) -> bool {
        self.sig.report_number && !self.sig.paper_series && !k.periodical_word()
    }

    /// An element, without its closing period, as the container's title.
    fn set_container(&mut self, element: &'a str) {
        let c = strip_period(element);
        self.mark(Field::ContainerTitle, c);
        self.r.container_title = Some(c.to_string());
    }

    /// The work is slides or lecture notes ("[PowerPoint slides]", a title
    /// "[Lecture notes on …]"), by its description or bracketed title.
    fn slides_or_notes(&self) -> bool {
        [self.r.genre.as_deref(), self.r.title.as_deref()]
            .into_iter()
            .flatten()
            .any(|g| {
                let g = g.to_lowercase();
                g.contains("slides") || g.contains("powerpoint") || g.contains("lecture notes")
            })
    }

    /// Title-first works: what follows the date is the source only, maybe
    /// led by a description ("[Data set]").
    pub(crate) fn read_source_only(&mut self, body: &'a str) {
        let mut b = scan::trim(body);
        while b.starts_with('[') {
            let Some(close) = scan::closing_of_group(b, 0) else {
                break;
            };
            // Char boundary: `b` starts with an ASCII '[' and `close` is just
            // after its ASCII ']'.
            if !self.read_description(&b[1..close - 1], &b[..close]) {
                break;
            }
            b = b[close..].trim_start_matches(|c: char| c == '.' || c.is_whitespace());
        }
        if b.is_empty() {
            return;
        }
        // Status elements at the end.
        let us = scan::units(b);
        // In bounds: `0 < last <= us.len()` wherever `us` is indexed. Char
        // boundary: unit offsets are char boundaries of `b` (see `scan::Unit`).
        let mut last = us.len();
        while last > 0 {
            let u = &b[us[last - 1].start..us[last - 1].end];
            if !self.read_status_unit(u) {
                break;
            }
            last -= 1;
        }
        if last == 0 {
            return;
        }
        self.read_source(&b[us[0].start..us[last - 1].end]);
    }

    fn apply_journal(&mut self, t: JournalTail<'a>) {
        self.sig.journal_tail = true;
        let c = if abbreviated_journal(t.container) {
            t.container.fast_trim_end()
        } else {
            strip_period(t.container)
        };
        // (No name: "Title. 5(2).")
        if !c.is_empty() {
            self.mark(Field::ContainerTitle, c);
            self.r.container_title = Some(c.to_string());
        }
        if let Some(v) = t.volume {
            self.mark(Field::Volume, v);
            self.r.volume = Some(v.to_string());
        }
        if let Some(i) = t.issue {
            self.mark(Field::Issue, i);
            self.r.issue = Some(i.to_string());
        }
        if let Some(p) = t.page {
            self.mark(Field::Page, p);
            self.r.page = Some(p.to_string());
        }
        if let Some(n) = t.number {
            self.mark(Field::Number, n);
            self.r.number = Some(n.to_string());
        }
        if let Some(st) = t.status {
            self.mark(Field::Status, st);
            self.r.status.get_or_insert_with(|| st.to_string());
        }
    }

    /// A volume after a book's title as citeproc's APA style prints one
    /// that is not a number ("Design patterns: Vol. Addison-Wesley
    /// professional computing series", "Dictionary of National Biography:
    /// Vol. Volume 21"), read when no volume was read yet: gives the title
    /// without it.
    pub(crate) fn strip_volume_after_title<'s>(&mut self, t: &'s str) -> &'s str {
        if self.r.volume.is_some() {
            return t;
        }
        let Some((head, v)) = scan::rsplit_once_short(t, ": Vol. ") else {
            return t;
        };
        let mut v = scan::trim(v);
        let head = head.fast_trim_end();
        if v.is_empty() || head.is_empty() || v.contains(['[', ']']) {
            return t;
        }
        // "Vol. 4. Arts and Humanities Through the Eras" after that title
        // (hayagriva prints the book's title again as the volume's).
        if let Some((n, again)) = v.split_once(". ")
            && n.bytes().all(|b| b.is_ascii_digit())
            && again.trim_end_matches('.').eq_ignore_ascii_case(head)
        {
            v = n;
        }
        self.mark(Field::Volume, v);
        self.r.volume = Some(v.to_string());
        head
    }

    /// "In A. Editor (Ed.), Book (pp. 1–20). Publisher." after "In ".
    pub(crate) fn read_in_container(&mut self, rest: &'a str) {
        self.sig.in_container = true;
        let mut book = rest;
        // Where the names before the next role parenthesis start: after
        // one role, "& " may name more people in another ("In F. Kafka
        // (Ed.) & M. Hofmann (Trans.), Collected stories").
        let mut from = 0;
        // Editors: a role parenthesis at the top level ("(Eds.),").
        // Char boundary: `i` is an ASCII '(' from `char_indices`, and
        // `close` is just after its ASCII ')'; `from` is 0 or just after
        // an ASCII '&' before `i`.
        for (i, close, role) in names::paren_groups(rest) {
            if i < from {
                continue;
            }
            if let Some(role) = role {
                let who = rest[from..i].fast_trim();
                let mut eds = names::parse_editor_list(who);
                // "In Brazil & Pan American Union (Eds.)": a plural marker
                // over one name that holds " & " joins two names without
                // initials (group names, or names printed without them).
                if eds.len() == 1 && names::is_plural_marker(&rest[i..close]) {
                    let parts: Vec<&str> = who.split(" & ").map(str::trim).collect();
                    if parts.len() == 2 && parts.iter().all(|p| !p.is_empty()) {
                        eds = parts
                            .iter()
                            .filter_map(|p| names::parse_given_first(p.trim_end_matches(',')))
                            .collect();
                    }
                }
                if !eds.is_empty() {
                    let field = match role {
                        crate::model::Role::Translator => Field::Translator,
                        _ => Field::Editor,
                    };
                    self.mark(field, who);
                    // The marker too: "(Executive Producers)", "(Hrsg.)".
                    self.mark(field, &rest[i..close]);
                    // "In J. Strachey (Ed. & Trans.)": editor and
                    // translator both.
                    let marker = &rest[i..close];
                    if memchr::memchr(b'&', marker.as_bytes()).is_some() {
                        for other in names::roles_of_marker(marker) {
                            if other != role {
                                self.r.add_names_once(other, eds.clone());
                            }
                        }
                    }
                    self.r.add_names_once(role, eds);
                }
                book = rest[close..]
                    .trim_start_matches(|c: char| c == ',' || c == ':' || c.is_whitespace());
                if let Some(more) = book.strip_prefix("& ")
                    && names::paren_groups(more)
                        .next()
                        .is_some_and(|(j, _, r)| r.is_some() && j <= 200)
                {
                    from = rest.len() - more.len();
                    continue;
                }
                break;
            }
            // Only the first element can hold editors.
            if scan::contains_short(&rest[from..i], ". ") {
                break;
            }
        }
        // "In Kostouli, T., editor, Writing in context": editors family name
        // first and the role as a word, as BibTeX's apalike prints them.
        if !self.r.has_role(crate::model::Role::Editor)
            && let Some((who, after)) = [", editors, ", ", editor, "]
                .iter()
                .find_map(|m| scan::split_once_short(book, m))
            && who.len() <= 300
            && let Some(list) = names::parse_author_list(who)
            && !list.names.is_empty()
            && list.persons == list.names.len()
        {
            self.mark(Field::Editor, who);
            self.r.add_names(crate::model::Role::Editor, list.names);
            book = after;
        }
        // "In A. Author & B. Author, Book": the book's own authors, given
        // name first, before a comma.
        if !self.r.has_role(crate::model::Role::Editor)
            && let Some((who, rest)) = container_authors(book)
        {
            let names = names::parse_editor_list(who);
            if !names.is_empty()
                && names
                    .iter()
                    .all(|n| matches!(n, crate::model::Name::Person(_)))
            {
                self.mark(Field::Contributor, who);
                self.r.add_names(crate::model::Role::ContainerAuthor, names);
                book = rest;
            }
        }
        let us = scan::units(book);
        if us.is_empty() {
            return;
        }
        // The book title runs to the element that ends with its details
        // parenthesis, or the first element.
        // Char boundary: unit offsets are char boundaries of `book` (see
        // `scan::Unit`). In bounds: `us` is not empty, and `1 <= k <= us.len()`.
        let mut k = 1;
        for (j, u) in us.iter().enumerate() {
            if book[u.start..u.end].fast_trim_end().ends_with(')') {
                let t = book[u.start..u.end].fast_trim_end();
                if let Some((_, _, inner)) = scan::split_trailing_group(t)
                    && (super::title::detail_of(inner) != super::title::Detail::Unknown(inner)
                        || inner.starts_with("pp")
                        || inner.starts_with("p.")
                        || inner.starts_with("Vol"))
                {
                    k = j + 1;
                    break;
                }
            }
        }
        if k > 2 {
            k = 1;
        }
        if k == 1 && us.len() >= 3 && !book[us[0].start..us[0].end].fast_trim_end().ends_with(')') {
            // "In Book. Subtitle. Publisher.": the publisher is the last
            // element.
            k = us.len() - 1;
        }
        let mut container = book[us[0].start..us[k - 1].end].fast_trim();
        // Trailing details: "(2nd ed., Vol. 2, pp. 1–20)".
        loop {
            let c = container.fast_trim_end();
            if !c.ends_with(')') {
                break;
            }
            let Some((before, _, inner)) = scan::split_trailing_group(c) else {
                break;
            };
            if before.is_empty() {
                // Only the details, the book's title left out (a record
                // without one): "In E. W. Mayr (Ed.), (Vol. 30, pp. 1–9)."
                if self.r.has_role(crate::model::Role::Editor) && self.read_container_details(inner)
                {
                    container = "";
                }
                break;
            }
            if self.read_container_details(inner) {
                container = before.fast_trim_end();
            } else {
                break;
            }
        }
        // Trailing parts with their labels written out, as apalike prints
        // them: "Book, pages 23–45", "Proceedings, volume 22"; or
        // abbreviated, outside the parenthesis APA puts them in: "Book,
        // pp. 12–34".
        loop {
            let c = container.fast_trim_end().trim_end_matches('.');
            if let Some((head, p)) = scan::rsplit_once_short(c, ", pages ")
                .or_else(|| scan::rsplit_once_short(c, ", page "))
                .or_else(|| scan::rsplit_once_short(c, ", pp. "))
                .or_else(|| scan::rsplit_once_short(c, ", p. "))
                && let Some(p) = page_like(p)
                && p.chars().any(|c| c.is_ascii_digit())
                && self.r.page.is_none()
            {
                self.mark(Field::Page, p);
                self.r.page = Some(p.to_string());
                container = head;
            } else if let Some((head, v)) = scan::rsplit_once_short(c, ", volume ")
                && !v.is_empty()
                && v.len() <= 8
                && v.chars().all(|c| c.is_ascii_alphanumeric())
                && self.r.volume.is_none()
            {
                self.mark(Field::Volume, v);
                self.r.volume = Some(v.to_string());
                container = head;
            } else {
                break;
            }
        }
        // A contribution to a symposium (APA 7 §10.5): "In S. Liu (Chair),
        // Symposium title [Symposium]. Meeting, City, Country." The
        // description ends the symposium's title; the meeting follows.
        if self.r.has_role(crate::model::Role::Chair)
            && let Some((before, group, inner)) =
                scan::split_trailing_group(strip_period(container).fast_trim_end())
            && group.starts_with('[')
            && !before.fast_trim().is_empty()
            && self.read_description(inner, group)
        {
            let symposium = strip_period(before.fast_trim_end());
            self.mark(Field::ContainerTitle, symposium);
            self.r.container_title = Some(symposium.to_string());
            self.sig.desc_type = Some(ItemType::Speech);
            if k < us.len() {
                // In bounds: `k < us.len()`. Char boundary: as above.
                self.read_meeting(&book[us[k].start..us[us.len() - 1].end]);
            }
            return;
        }
        // APA 6: "In S. Liu (Chair), Symposium title. Symposium conducted
        // at the meeting of the X, City, ST."
        if self.r.has_role(crate::model::Role::Chair)
            && k < us.len()
            // In bounds: `k < us.len()`. Char boundary: as above.
            && self.read_presented_at(&book[us[k].start..us[us.len() - 1].end])
        {
            let symposium = strip_period(container);
            self.mark(Field::ContainerTitle, symposium);
            self.r.container_title = Some(symposium.to_string());
            return;
        }
        let container = self.strip_volume_after_title(strip_period(container));
        if !container.is_empty() {
            self.mark(Field::ContainerTitle, container);
            self.r.container_title = Some(container.to_string());
        }
        if k < us.len() {
            // In bounds: `k < us.len()`. Char boundary: as above.
            let src = &book[us[k].start..us[us.len() - 1].end];
            // Status notes after the publisher.
            let sus = scan::units(src);
            if sus.is_empty() {
                return;
            }
            // In bounds: `1 <= last <= sus.len()`. Char boundary: as above.
            let mut last = sus.len();
            while last > 1 {
                let u = &src[sus[last - 1].start..sus[last - 1].end];
                if !self.read_status_unit(u) {
                    break;
                }
                last -= 1;
            }
            self.read_publisher(&src[sus[0].start..sus[last - 1].end]);
        }
    }

    /// "Paper presented at the meeting of X, City, ST." (APA 6): the kind
    /// of presentation and its meeting. False (nothing read) for other
    /// text.
    fn read_presented_at(&mut self, src: &'a str) -> bool {
        let Some((genre, meeting)) = presented_at(src) else {
            return false;
        };
        // `meeting` is a slice of `src`: the phrase is what precedes it.
        let phrase = scan::offset_in(src, meeting)
            .and_then(|i| src.get(..i))
            .unwrap_or_default();
        self.mark(Field::Genre, scan::trim(phrase));
        self.sig.desc_type.get_or_insert(ItemType::Speech);
        if self.r.genre.is_none() {
            self.r.genre = Some(genre.to_string());
        }
        self.read_meeting(meeting);
        true
    }

    /// The meeting of a presentation: "Meeting Name, City, Country".
    fn read_meeting(&mut self, m: &'a str) {
        let m = strip_period(scan::trim(m));
        if m.is_empty() {
            return;
        }
        let mut parts = scan::split_top_iter(m, b',');
        // The meeting name is the first part; a place is what follows if it
        // is short.
        let Some((a, b)) = parts.next() else {
            return;
        };
        // Char boundary: `split_top_iter` gives offsets from `char_indices` of `m`.
        let name = m[a..b].fast_trim();
        self.mark(Field::EventTitle, name);
        self.r.event_title = Some(name.to_string());
        if let Some((start, _)) = parts.next() {
            let place = m[start..].fast_trim();
            if !place.is_empty() {
                self.mark(Field::Place, place);
                self.r.event_place = Some(place.to_string());
            }
        }
    }

    /// Publisher element(s): "Publisher.", "Place: Publisher.",
    /// "Publisher; Publisher.", a site name.
    pub(crate) fn read_publisher(&mut self, src: &'a str) {
        let p = strip_period(scan::trim(src));
        if p.is_empty() {
            return;
        }
        let (p, place) = match place_publisher(p).or_else(|| publisher_then_us_place(p)) {
            Some((place, publisher)) => {
                // The year repeated after it ("; 2021"): the date's.
                if let Some(at) = scan::offset_in(p, publisher)
                    && let Some(year) = p.get(at + publisher.len()..)
                    && let Some(year) = year.fast_trim_start().strip_prefix(';')
                {
                    self.mark(Field::Issued, year.fast_trim());
                }
                (strip_period(publisher), Some(place))
            }
            None => (p, None),
        };
        if let Some(place) = place {
            self.mark(Field::Place, place);
            if !is_no_place(place) {
                self.r.publisher_place = Some(place.to_string());
            }
        }
        // Microsoft Word's thesis source: "Dissertation, University of
        // Michigan, Ann Arbor." (its kind, the university, the place).
        if let Some((kind, rest)) = scan::split_once_short(p, ", ")
            && super::title::is_thesis_word(&kind.lc())
            && scan::word_count(kind) <= 3
            // "Dissertation Abstracts International, B, 49(4)" is a journal.
            && !kind.lc().contains("abstracts")
            && !scan::trim(rest).is_empty()
        {
            let (university, place) = match rest.split_once(", ") {
                Some((u, place)) => (scan::trim(u), Some(scan::trim(place))),
                None => (scan::trim(rest), None),
            };
            self.mark(Field::Genre, kind);
            self.mark(Field::Publisher, university);
            self.r.genre.get_or_insert_with(|| kind.to_string());
            self.r
                .publisher
                .get_or_insert_with(|| university.to_string());
            if let Some(place) = place.filter(|p| !p.is_empty()) {
                self.mark(Field::Place, place);
                self.r
                    .publisher_place
                    .get_or_insert_with(|| place.to_string());
            }
            self.sig.desc_type = Some(ItemType::Thesis);
            return;
        }
        // Google Scholar's preprint source: "arXiv preprint
        // arXiv:1810.04805" is the server and the paper's number there.
        if let Some((server, id)) = scan::split_once_short(p, " preprint ")
            && !server.contains(' ')
            && lexicon::is_preprint_server(server)
            && !id.contains(' ')
            && id.contains(|c: char| c.is_ascii_digit())
        {
            let id = id.trim_end_matches('.');
            self.mark(Field::Publisher, server);
            self.mark(Field::Number, id);
            if self.r.genre.is_none()
                && let Some(word) = p.get(server.len()..).map(|w| w.fast_trim_start())
                && let Some(word) = word.get(.."preprint".len())
            {
                self.mark(Field::Genre, word);
                self.r.genre = Some(word.to_string());
            }
            self.r.publisher = Some(server.to_string());
            self.r.number = Some(id.to_string());
            self.sig.publisher = true;
            return;
        }
        if is_no_publisher(p) {
            // "(s.n.)": without a publisher's name, as catalogues print it.
            self.mark(Field::Publisher, p);
            self.sig.publisher = true;
            return;
        }
        if p.eq_ignore_ascii_case("author") {
            // APA 6: the author is the publisher.
            if let Some(first) = self.r.contributors.first() {
                self.r.publisher = Some(first.name.family_or_literal());
            }
            self.mark(Field::Publisher, p);
            return;
        }
        self.mark(Field::Publisher, p);
        if self.r.publisher.is_none() {
            self.r.publisher = Some(p.to_string());
        } else if self.r.archive.is_none() {
            self.r.archive = Some(p.to_string());
        }
        self.sig.publisher = true;
    }
}

/// "Version 1.0.0", "Version 2": the version's number.
pub(crate) fn version_element(e: &str) -> Option<&str> {
    let number = strip_prefix_ascii_ci(e, "version ")?.fast_trim();
    (number.starts_with(|c: char| c.is_ascii_digit()) && !number.contains(' ')).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_article_dois_by_publisher_and_shape() {
        for doi in [
            "10.1016/j.wem.2022.07.008",
            "10.1007/s00159-022-00146-x",
            "10.1037/ebs0000367",
            "10.1037/a0012345",
            "10.1002/jhet.5570200408",
            "10.1371/journal.pone.0193972",
            "10.1017/S0033291719001234",
            "10.1177/0146167208318401",
        ] {
            assert!(is_journal_article_doi(doi), "{doi}");
        }
        for doi in [
            // Books and their chapters, by the same publishers.
            "10.1016/B978-0-12-815757-4.00001-2",
            "10.1007/978-3-642-14770-8_33",
            "10.1037/0000168-000",
            "10.1037/0000120-016",
            "10.1002/9781119011071.iemp0172",
            // Other registrants.
            "10.5281/zenodo.8092340",
            "10.4135/9781452240060",
            "10.1093/acprof:oso/9780199608218.001.0001",
        ] {
            assert!(!is_journal_article_doi(doi), "{doi}");
        }
    }

    proptest::proptest! {
        /// The byte test's answer is the char tests' (most texts drawn
        /// pass it; those over 24 bytes, or with a letter, do not).
        #[test]
        fn plain_page_ranges_are_page_like(p in "[0-9–\\-]{0,20}[0-9a–—. ]?") {
            if plain_page_range(&p) {
                proptest::prop_assert_eq!(page_like_by_chars(&p), Some(p.as_str()));
            }
        }
    }

    #[test]
    fn journal_tails() {
        let t = journal_tail("Journal of Psychopharmacology, 31(10), 1302-1305", None).unwrap();
        assert_eq!(t.container, "Journal of Psychopharmacology");
        assert_eq!(
            (t.volume, t.issue, t.page),
            (Some("31"), Some("10"), Some("1302-1305"))
        );
        let t = journal_tail("Theory of Computing, 9, 349–401", None).unwrap();
        assert_eq!((t.volume, t.page), (Some("9"), Some("349–401")));
        let t = journal_tail(
            "The International Journal of Neuropsychopharmacology, 19(4), pyv124",
            None,
        )
        .unwrap();
        assert_eq!(t.page, Some("pyv124"));
        let t = journal_tail("PLOS ONE, 13(12), Article e0209899", None).unwrap();
        assert_eq!(t.number, Some("e0209899"));
        // An e-locator of capitals after a plain volume.
        let t = journal_tail("Lakartidningen, 114, EWLS", None).unwrap();
        assert_eq!(
            (t.container, t.volume, t.page),
            ("Lakartidningen", Some("114"), Some("EWLS"))
        );
        // Not a word after a name ("Sage, London"): no volume before it.
        assert_eq!(journal_tail("Sage, London", None), None);
        // Typed without its commas.
        let t = journal_tail("Health Psychology 38(4) 301-310", None).unwrap();
        assert_eq!(
            (t.container, t.volume, t.issue, t.page),
            ("Health Psychology", Some("38"), Some("4"), Some("301-310"))
        );
        let t = journal_tail("Health Psychology 38(4)", None).unwrap();
        assert_eq!((t.volume, t.page), (Some("38"), None));
        assert_eq!(journal_tail("Windows 10(2020) edition", None), None);
        assert_eq!(journal_tail("Report 12(3)b", None), None);
        let t = journal_tail("MMWR: Morbidity and Mortality Weekly Report, 66(15)", None).unwrap();
        assert_eq!((t.volume, t.issue, t.page), (Some("66"), Some("15"), None));
        let t = journal_tail("Journal of Machine Learning Research, 3(Jul), 73–98", None).unwrap();
        assert_eq!(t.issue, Some("Jul"));
        let t = journal_tail(
            "Journal of Sleep Research, Vol. 19, No. 2, pp. 123-130",
            None,
        )
        .unwrap();
        assert_eq!(t.container, "Journal of Sleep Research");
        assert_eq!(
            (t.volume, t.issue, t.page),
            (Some("19"), Some("2"), Some("123-130"))
        );
        let t = journal_tail("The New York Times, pp. B1, B4", None).unwrap();
        assert_eq!(
            (t.container, t.page),
            ("The New York Times", Some("B1, B4"))
        );
        let t = journal_tail("Labour History, Vol. 12, Issue 3", None).unwrap();
        assert_eq!((t.volume, t.issue), (Some("12"), Some("3")));
        let t = journal_tail("Phys. Rev. E, 88(4), 043105", None).unwrap();
        assert_eq!(t.container, "Phys. Rev. E");
        assert!(journal_tail("John Wiley & Sons", None).is_none());
        assert!(journal_tail("Metaphysics Research Lab, Stanford University", None).is_none());
    }

    #[test]
    fn newspaper_pages_need_a_dated_item() {
        let d = Date::ymd(1937, Some(4), Some(10));
        let t = journal_tail("Rushville Republican, 1", Some(&d)).unwrap();
        assert_eq!((t.volume, t.page), (None, Some("1")));
        let t = journal_tail("Excelsior, 15", None).unwrap();
        assert_eq!((t.volume, t.page), (Some("15"), None));
    }

    #[test]
    fn places() {
        assert_eq!(
            place_publisher("New York, NY: Guilford Press"),
            Some(("New York, NY", "Guilford Press"))
        );
        assert_eq!(place_publisher("Library of Congress: Music Division"), None);
    }

    #[test]
    fn meetings() {
        assert_eq!(
            presented_at("Paper presented at the annual meeting of the APA, Boston, MA"),
            Some((
                "Paper presentation",
                "annual meeting of the APA, Boston, MA"
            ))
        );
        // Every phrase, in any case.
        for (text, genre) in [
            ("POSTER SESSION PRESENTED AT X", "Poster session"),
            ("Symposium conducted at the X", "Symposium"),
            ("paper session presented at the X", "Paper presentation"),
            ("Keynote address at the X", "Presentation"),
            ("Invited talk at the X", "Presentation"),
            ("Talk given at the X", "Presentation"),
            ("Talk presented at the X", "Presentation"),
            ("Presented at X", "Presentation"),
        ] {
            assert_eq!(presented_at(text), Some((genre, "X")), "{text}");
        }
        assert_eq!(presented_at("P"), None);
        assert_eq!(presented_at("Psychological Review, 12"), None);
        assert!(starts_with_in("In Wikipedia"));
        assert!(starts_with_in(
            "In E. N. Zalta (Ed.), The Stanford Encyclopedia"
        ));
        assert!(!starts_with_in("In vivo studies"));
        // One-letter words for "in": before an editor's initial, or a
        // book with its pages; after a title, before any name.
        assert!(starts_with_in("I C. D. Klaassen (Red.), Essentials"));
        assert!(starts_with_in("W Combinatorial data analysis (s. 103–114)"));
        assert!(!starts_with_in("I Am Legend"));
        assert_eq!(strip_in_after_title("I Wikipedia"), Some("Wikipedia"));
        assert_eq!(strip_in_after_title("I, Robot"), None);
    }
}
