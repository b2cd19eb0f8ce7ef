//! The order of an APA reference: who, when, what, where.
//!
//! `Author, A. A. (2019). Title [Description]. Source. https://doi.org/...`
//! and, without an author, `Title. (2019). Source.` The date parenthesis is
//! the anchor: what comes before it is the author list (or, for works
//! without authors, the title); what comes after is title and source,
//! then the DOI or URL.

use super::classify::Signals;
use super::lower::{Lc, strip_prefix_ascii_ci, strip_suffix_ascii_ci};
use super::scan::FastTrim as _;
use super::{FieldSpan, Parsed, date, ident, names, normalize, scan};
use crate::diag::Diagnostic;
use crate::model::{Date, DateStatus, Field, Name, Reference, Role, SourceSpan};

/// Parsing state of one reference.
pub(crate) struct Ctx<'a> {
    /// The normalised text.
    pub s: &'a str,
    /// The record, in the `Parsed` that `read` returns: filled in place,
    /// not moved (a `Reference` is most of a kilobyte, each move a copy).
    pub r: &'a mut Reference,
    pub diags: Vec<Diagnostic>,
    pub spans: Vec<FieldSpan>,
    pub line: usize,
    pub sig: Signals,
    /// Text pieces nothing could be made of.
    pub unread: Vec<String>,
}

impl<'a> Ctx<'a> {
    /// Records that `sub` (a slice of the text) became `field`.
    pub fn mark(&mut self, field: Field, sub: &str) {
        if let Some(start) = scan::offset_in(self.s, sub)
            && !sub.is_empty()
        {
            self.spans.push(FieldSpan {
                field,
                start,
                end: start + sub.len(),
            });
        }
    }

    /// A warning about a field.
    pub fn warn(&mut self, field: Field, msg: impl Into<String>) {
        self.diags
            .push(Diagnostic::warning(self.line, Some(field), msg.into()));
    }

    /// Keeps text that could not be placed.
    pub fn leftover(&mut self, field: Field, sub: &str, why: &str) {
        let t = scan::trim(sub);
        if t.is_empty() {
            return;
        }
        self.warn(field, format!("{why}: `{t}`"));
        self.unread.push(t.to_string());
    }

    /// The text read as `from` was `to`: its spans say so.
    fn relabel(&mut self, from: Field, to: Field) {
        for sp in self.spans.iter_mut().filter(|sp| sp.field == from) {
            sp.field = to;
        }
    }
}

/// Trims spaces and the periods/commas that separate APA elements.
pub(crate) fn trim_elem(s: &str) -> &str {
    let s = scan::trim(s).trim_start_matches(['.', ',', ';', ':']);
    let s = scan::trim(s).trim_end_matches([',', ';', ':']);
    scan::trim(s)
}

/// Removes one element-closing period, keeping it after abbreviations and
/// initials ("Inc.", "Ltd.", "U.S.").
pub(crate) fn strip_period(s: &str) -> &str {
    let t = s.fast_trim_end();
    // A spaced ellipsis ends the text ("I use the exact same. . ."), as
    // LaTeX sets one: whole, not its last dot taken for the period.
    if t.ends_with(". . .") {
        return t;
    }
    if let Some(head) = t.strip_suffix('.') {
        if head.ends_with('.') {
            return head;
        }
        let w = scan::word_before(t, head.len());
        // "CA." closing "San Diego, CA." is a state code, not circa.
        let state_code = w.len() == 2 && w.chars().all(|c| c.is_ascii_uppercase());
        if super::lexicon::is_abbreviation(w)
            && !state_code
            && !matches!(
                w.lc().as_str(),
                "no" | "vol" | "ed" | "eds" | "co" | "art" | "ltd"
            )
        {
            return t;
        }
        if w.contains('.') && w.chars().filter(|&c| scan::is_letter(c)).count() <= 4 {
            return t;
        }
        return head.fast_trim_end();
    }
    t
}

/// Where the date parenthesis is: (open, end after ")", date).
fn find_date(s: &str) -> Option<(usize, usize, Date)> {
    let mut best: Option<(u8, usize, usize, Date)> = None;
    for i in scan::top_level_ascii(s, b'(') {
        let Some(close) = scan::closing_of_group(s, i) else {
            continue;
        };
        // Char boundary: `i` is an ASCII '(' (`top_level_ascii`); `close` is
        // just after its ASCII ')', so `i + 1 <= close - 1`.
        let inner = &s[i + 1..close - 1];
        if inner.len() > 60 {
            continue;
        }
        let Some(d) = date::parse_date_group(inner) else {
            continue;
        };
        let before = s[..i].fast_trim_end();
        let after = &s[close..];
        let pre_ok = before.is_empty()
            || before.ends_with(['.', ')', ']', '”', '"', '?', '!', '’', '\''])
            || before.ends_with(". . .");
        let post_ok = after.is_empty() || after.starts_with('.') || after.starts_with(". ");
        let score = u8::from(pre_ok) * 2 + u8::from(post_ok);
        if score == 3 {
            return Some((i, close, d));
        }
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, i, close, d));
        }
    }
    match best {
        Some((score, i, close, d)) if score >= 2 || (score >= 1 && i < 300) || i < 120 => {
            Some((i, close, d))
        }
        _ => date_inside_unclosed(s),
    }
}

/// A date group that an unclosed parenthesis before it hides from the
/// top level, as a record's given name with a stray one prints: "Lawson,
/// C. (Colin J. (1984). Title." Only a group with nothing nested in it,
/// closed by a period, after a period or parenthesis, early in the text.
fn date_inside_unclosed(s: &str) -> Option<(usize, usize, Date)> {
    let head = s.get(..s.len().min(300)).unwrap_or(s);
    if !head.contains('(') {
        return None;
    }
    for i in memchr::memchr_iter(b'(', head.as_bytes()) {
        // Char boundary: `i` is an ASCII '(' and `close` just after the
        // ASCII ')' found after it.
        let rest = &s[i + 1..];
        let Some(len) = memchr::memchr2(b')', b'(', rest.as_bytes()) else {
            break;
        };
        if rest.as_bytes().get(len) != Some(&b')') || len > 60 {
            continue;
        }
        let close = i + 1 + len + 1;
        let Some(d) = date::parse_date_group(&rest[..len]) else {
            continue;
        };
        let before = s[..i].fast_trim_end();
        let after = &s[close..];
        if before.ends_with(['.', ')']) && (after.is_empty() || after.starts_with('.')) {
            return Some((i, close, d));
        }
    }
    None
}

/// The small words [`sentence_case`] skips.
const SMALL: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "and", "or", "for", "to", "at", "by", "with", "from", "as",
    "vs", "de", "la", "le", "der", "die", "und", "et", "du", "des", "y", "e", "di",
];

/// `SMALL.iter().any(|s| s.eq_ignore_ascii_case(w))` for an ASCII word:
/// lower-cased on the stack (no small word is longer than four bytes) and
/// matched (a test of the length, then of the bytes).
fn is_small_ascii(w: &str) -> bool {
    let mut buf = [0u8; 4];
    let Some(b) = buf.get_mut(..w.len()) else {
        return false;
    };
    b.copy_from_slice(w.as_bytes());
    b.make_ascii_lowercase();
    matches!(
        &*b,
        b"a" | b"an"
            | b"the"
            | b"of"
            | b"on"
            | b"in"
            | b"and"
            | b"or"
            | b"for"
            | b"to"
            | b"at"
            | b"by"
            | b"with"
            | b"from"
            | b"as"
            | b"vs"
            | b"de"
            | b"la"
            | b"le"
            | b"der"
            | b"die"
            | b"und"
            | b"et"
            | b"du"
            | b"des"
            | b"y"
            | b"e"
            | b"di"
    )
}

/// Is `s` in sentence case (a title) rather than Title Case (a name)?
pub(crate) fn sentence_case(s: &str) -> bool {
    // The content words after the first, and how many start in lower case.
    let (mut content, mut lower) = (0usize, 0usize);
    for w in s.split_whitespace().skip(1) {
        // French/Italian elision: "l’Économie", "d'Italia".
        let w = w.trim_matches(|c: char| !scan::is_letter_or_digit(c));
        let w = match w.split_once(['’', '\'']) {
            Some((head, tail)) if head.len() <= 2 => tail,
            _ => w,
        };
        // (The small words are ASCII: ASCII words are compared ignoring
        // case, without lower-casing them.)
        let small = if w.is_ascii() {
            is_small_ascii(w)
        } else {
            SMALL.contains(&w.lc().as_str())
        };
        if w.is_empty() || small {
            continue;
        }
        let first = w.chars().next();
        if !first.is_some_and(scan::is_letter) {
            continue;
        }
        content += 1;
        if first.is_some_and(char::is_lowercase) {
            lower += 1;
        }
    }
    if content < 2 {
        return false;
    }
    lower * 2 >= content
}

/// Has `s` a word in lower case after its first, one of three letters or
/// more that is not a small word ("of", "and") nor an abbreviation ("pp.",
/// "(s.n.)")? No name of a site, paper or publisher has one.
fn has_lower_case_word(s: &str) -> bool {
    let mut words = s.split_whitespace().skip(1).peekable();
    while let Some(w) = words.next() {
        let w = w.trim_start_matches(['(', '[', '"', '“', '‘']);
        let w = w.trim_end_matches([',', ';', ':', ')', ']', '"', '”', '’']);
        let w = match w.strip_suffix('.') {
            // An abbreviation's period inside an element.
            Some(_) if words.peek().is_some() => continue,
            Some(w) => w,
            None => w,
        };
        if w.chars().count() >= 3
            && w.starts_with(|c: char| c.is_lowercase())
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            && !(w.is_ascii() && is_small_ascii(w))
        {
            return true;
        }
    }
    false
}

fn word_count(s: &str) -> usize {
    scan::word_count(s)
}

/// Decides whether the text before the date is the title of a work
/// without authors (APA moves the title there) rather than a group author.
/// `body_units`: `scan::units(body)` when already known.
fn pre_is_title(
    pre: &str,
    body: &str,
    d: Option<&Date>,
    body_units: Option<&[scan::Unit]>,
) -> bool {
    let p = scan::trim(pre).trim_end_matches('.').fast_trim();
    if p.ends_with(']')
        || p.ends_with('?')
        || p.ends_with('!')
        || p.ends_with('”')
        || p.ends_with('"')
    {
        return true;
    }
    if p.starts_with('“') || p.starts_with('"') || p.starts_with('‘') {
        return true;
    }
    let body = scan::trim(body);
    if body.is_empty() {
        return true;
    }
    if super::source::starts_with_in(body) {
        return true;
    }
    if body.starts_with('[') {
        return !bracket_in_place_of_title(p, body);
    }
    // A title followed by its details: "Title (Report No. 5). (2020)."
    if p.ends_with(')')
        && let Some((before, _, inner)) = scan::split_trailing_group(p)
        && !before.is_empty()
        && !matches!(
            super::title::detail_of(inner),
            super::title::Detail::Unknown(_)
        )
    {
        return true;
    }
    let units = match body_units {
        Some(us) => {
            debug_assert_eq!(us, scan::units(body).as_slice());
            std::borrow::Cow::Borrowed(us)
        }
        None => std::borrow::Cow::Owned(scan::units(body)),
    };
    // (Looked up once for the group and publisher words, and only when
    // asked: both are pure tests of `p`.)
    let p_kinds = std::cell::OnceCell::new();
    let p_kinds = || *p_kinds.get_or_init(|| super::lexicon::Kinds::of(p));
    let group = || p_kinds().group();
    let p_sentence = std::cell::OnceCell::new();
    let p_sentence = || *p_sentence.get_or_init(|| sentence_case(p));
    let Some(first) = units.first() else {
        // Only punctuation after the date: as good as nothing.
        return true;
    };
    // Char boundary: unit offsets are char boundaries of `body` (see `scan::Unit`).
    let u = &body[first.start..first.end];
    if units.len() >= 2 {
        // The first element after the date ends with its details: it is a
        // title, so the text before the date names the author.
        if super::title::ends_with_details(u) {
            return false;
        }
        // Group author, then title and source after the date; unless the
        // text before the date reads like a title and not like a group.
        return p_sentence() && word_count(p) >= 4 && !group();
    }
    // The one element after the date is a periodical: it leaves no room
    // for a title there, so the title came first; unless an organisation
    // is named before the date ("World Health Organization. (2020).
    // Coronavirus disease 2019 (COVID-19): situation report, 73.").
    if !group() && super::source::journal_tail(u, d).is_some() {
        return true;
    }
    // It is plainly a title: quoted, or with a description after it.
    let ut = scan::trim(u);
    if ut.starts_with(['“', '"', '‘']) || ut.ends_with(']') {
        return false;
    }
    // A one-word name (a user name, "Achim") before a longer title; or
    // a short name inverted at a comma ("team, lxml dev") before a long one.
    let p_words = word_count(p);
    if (p_words == 1 && word_count(u) >= 3)
        || (p_words <= 4 && p.contains(',') && word_count(u) >= 8)
    {
        return false;
    }
    let u_sentence = sentence_case(u);
    // A short title in sentence case after a name in Title Case: "Centers
    // for Disease Control and Prevention. (2019, October 3). Hospital-
    // acquired conditions." (No site, paper or publisher has a content
    // word in lower case.)
    // ("Harvard University. (n.d.). Academic integrity.")
    if has_lower_case_word(u) && word_count(p) >= 2 && !has_lower_case_word(p) {
        return false;
    }
    let dated = d.and_then(|d| d.start).is_some_and(|p| p.month.is_some());
    // One short name after the date (a site, newspaper or publisher):
    // the text before the date is the title.
    if word_count(u) <= 4 && !u_sentence && (dated || word_count(p) >= 6) {
        return true;
    }
    if p_sentence() && !u_sentence {
        return true;
    }
    if u_sentence && !p_sentence() {
        return false;
    }
    // The one element after the date is a publisher: the title came
    // first, even when it names a meeting or body ("Abstracts: 16th ERS
    // Annual Congress, Munich. (2006). ERS, Produced by … Inc.").
    if super::lexicon::looks_like_publisher(u) {
        return true;
    }
    if group() && !p_kinds().publisher() {
        return false;
    }
    if dated {
        // A dated item without authors: title, then the site or paper.
        return true;
    }
    !(word_count(p) <= 5 && word_count(u) > word_count(p))
}

/// A long description in brackets after the date, in place of a title,
/// after a short name: the name is the author's ("Google. (n.d.).
/// [Google Maps directions for driving from La Paz, Bolivia, to Lima,
/// Peru]. Retrieved …", APA 7 §9.21). A short one after the date is a
/// title-first item's description, as citeproc-js moves it there ("Food
/// analogs. (n.d.). [Data set].").
fn bracket_in_place_of_title(pre: &str, body: &str) -> bool {
    word_count(pre) <= 3
        && !pre.contains(',')
        && scan::closing_of_group(body, 0)
            .and_then(|close| body.get(1..close - 1))
            .is_some_and(|inner| word_count(inner) >= 6)
}

/// Names that each carry their role (APA 7 for audiovisual works):
/// "Oakley, B. (Writer), & Silverman, D. (Director)". True when `pre` is
/// such a list (two role markers or more) and was read.
fn read_names_with_own_roles(cx: &mut Ctx<'_>, pre: &str) -> bool {
    // (Most author lists have no parenthesis: one search says so, without
    // the bracket-depth walk below.)
    if memchr::memchr(b'(', pre.as_bytes()).is_none() {
        return false;
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, close, role) in names::paren_groups(pre) {
        // Char boundary: `i` is an ASCII '(' and `close` just after its
        // ASCII ')'; `start` is 0 or a previous `close`.
        if let Some(role) = role {
            pieces.push((&pre[start..i], &pre[i..close], role));
            start = close;
        }
    }
    let rest = pre[start..].trim_matches(|c: char| c == '.' || c.is_whitespace());
    if pieces.len() < 2 || !rest.is_empty() {
        return false;
    }
    let mut read = Vec::new();
    for (who, marker, role) in pieces {
        let who = who
            .fast_trim()
            .trim_start_matches(',')
            .fast_trim_start()
            .trim_start_matches('&')
            .fast_trim();
        let Some(list) = names::parse_author_list(who) else {
            return false;
        };
        if list.persons == 0 && list.names.len() != 1 {
            return false;
        }
        read.push((who, marker, role, list));
    }
    for (who, marker, role, list) in read {
        let field = match role {
            Role::Editor => Field::Editor,
            Role::Author => Field::Author,
            _ => Field::Contributor,
        };
        cx.mark(field, who);
        cx.mark(field, marker);
        cx.r.add_names(role, list.names);
    }
    true
}

/// Reads the author list before the date. Returns false when the text is
/// better read as a title.
/// `body_units`: `scan::units(body)` when already known.
fn read_authors(
    cx: &mut Ctx<'_>,
    pre: &str,
    body: &str,
    d: Option<&Date>,
    body_units: Option<&[scan::Unit]>,
) -> bool {
    let pre_t = scan::trim(pre);
    if pre_t.is_empty() {
        return true;
    }
    // A doubled period: "Sasaki, H. . (1992)".
    let pre_t = pre_t.strip_suffix(" .").unwrap_or(pre_t).fast_trim_end();
    if read_names_with_own_roles(cx, pre_t) {
        return true;
    }
    let (names_part, role) = names::split_role_suffix(pre_t);
    let marked = role.is_some();
    let role = role.unwrap_or(Role::Author);
    // A handle after the name: "Obama, B. [@BarackObama]", or a user
    // name without the "@" after a person's initials, as APA gives a
    // video's or a post's author: "Cutts, S. [Steve Cutts]", or after a
    // group's name, as a forum post's: "National Aeronautics and Space
    // Administration [nasa]" (one word with a small letter, so not an
    // abbreviation like "[WHO]", and only for a post or a video: a title
    // in the author's place may end with a description, "Item [Text]").
    let (names_part, handle) = match names_part
        .fast_trim_end()
        .trim_end_matches('.')
        .fast_trim_end()
    {
        t if t.ends_with(']') => match scan::split_trailing_group(t) {
            Some((before, group, inner))
                if group.starts_with("[@")
                    || (role == Role::Author
                        && (inner.starts_with('@')
                            || ends_with_initial(before)
                            || !scan::trim(before).is_empty()
                                && is_user_name(inner)
                                && describes_post(body))) =>
            {
                (before, Some(inner))
            }
            _ => (names_part, None),
        },
        _ => (names_part, None),
    };
    // (Cut into tokens once, for both readings below.)
    let tokens = names::AuthorTokens::of(names_part);
    let Some(list) = tokens.authors() else {
        return true;
    };
    let all_persons = list.persons == list.names.len();
    let mut list = list;
    let body_t = scan::trim(body);
    let plainly_title_first = body_t.is_empty()
        || super::source::starts_with_in(body_t)
        || body_t.starts_with('[') && !bracket_in_place_of_title(pre_t, body_t);
    if list.persons == 0 {
        if role == Role::Author && handle.is_none() && plainly_title_first {
            return false;
        }
        if let Some(full) = tokens.full_names() {
            list = full;
        } else if role == Role::Author
            && handle.is_none()
            && pre_is_title(pre_t, body, d, body_units)
        {
            return false;
        }
    } else if !all_persons
        && let Some(full) = tokens.full_names().filter(|full| {
            // Given names written out or as initials with periods, not
            // bare capitals ("TT, DN, & Lindström, A." is three names).
            let written = |n: &Name| match n {
                Name::Person(p) => p
                    .given
                    .as_deref()
                    .is_some_and(|g| g.contains(|c: char| c.is_lowercase() || c == '.')),
                Name::Literal(_) => false,
            };
            full.persons == full.names.len()
                && full.persons > list.persons
                && full.names.iter().all(written)
        })
    {
        // Full given names with an initial in some ("Smith, John A., &
        // Doe, Bob"): every token pairs up as a person.
        list = full;
    } else if !all_persons {
        // A mix of persons and groups: fine when every group name is short.
        let long = list.names.iter().any(|n| match n {
            Name::Literal(l) => word_count(l) > 14,
            _ => false,
        });
        if long {
            cx.warn(
                Field::Author,
                format!(
                    "author list only partly read as names: `{}`",
                    scan::trim(names_part)
                ),
            );
        }
    }
    cx.mark(
        match role {
            Role::Editor => Field::Editor,
            Role::Author => Field::Author,
            _ => Field::Contributor,
        },
        scan::trim(names_part),
    );
    cx.r.authors_elided = list.elided;
    cx.r.add_names(role, list.names);
    if let Some(h) = handle {
        cx.mark(Field::Note, h);
        cx.r.note = Some(format!("Handle: {h}"));
    }
    // The role marker itself: "(Eds.)", "(Director)", "(Principal
    // Investigator)".
    if marked && let Some(at) = pre_t.rfind('(') {
        // Char boundary: `at` comes from `rfind`.
        cx.mark(
            match role {
                Role::Editor => Field::Editor,
                Role::Author => Field::Author,
                _ => Field::Contributor,
            },
            pre_t[at..].trim_end_matches('.'),
        );
    }
    if role == Role::Editor {
        cx.sig.editors_as_authors = true;
    }
    true
}

/// The text ends with a person's initial: "Cutts, S." or "Lee, J.-H."
/// (a capital alone after a space, a period or a hyphen, then a period).
/// Whether the text after the date describes a post or a video, whose
/// author may be given with a user name: "[Online forum post]. Reddit.",
/// "[Video]. YouTube.".
fn describes_post(body: &str) -> bool {
    let l = body.lc();
    [
        "post]", "[video]", "[tweet]", "[comment", "reddit", "youtube",
    ]
    .iter()
    .any(|k| l.contains(k))
}

/// A forum's user name: one word of letters, digits, `_` or `-`, with a
/// small letter ("nasa", "DrJaneSmith_1"), not a word of a translation
/// or an abbreviation ("[WHO]").
fn is_user_name(s: &str) -> bool {
    (3..=40).contains(&s.len())
        && s.bytes().any(|b| b.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn ends_with_initial(s: &str) -> bool {
    let mut rev = s.fast_trim_end().chars().rev();
    rev.next() == Some('.')
        && rev.next().is_some_and(char::is_uppercase)
        && rev.next().is_some_and(|c| matches!(c, ' ' | '.' | '-'))
}

/// Reads the text before the date as names, whatever it looks like.
fn read_authors_forced(cx: &mut Ctx<'_>, pre: &str) -> bool {
    let pre_t = scan::trim(pre);
    let (names_part, role) = names::split_role_suffix(pre_t);
    let role = role.unwrap_or(Role::Author);
    let tokens = names::AuthorTokens::of(names_part);
    if let Some(list) = tokens.full_names().or_else(|| tokens.authors()) {
        cx.mark(
            if role == Role::Editor {
                Field::Editor
            } else {
                Field::Author
            },
            scan::trim(names_part),
        );
        cx.r.authors_elided = list.elided;
        cx.r.add_names(role, list.names);
    }
    true
}

/// A year as an element of its own after the first element: "Smith, J.
/// 2019. Title.", "Lee, K. 2019a.", "Smith, J., Lee, K., 2019.", "IBM
/// Corp. Released 2017.". Returns where the names end (after their
/// period), the span of the year's element (without its period) and the
/// date.
pub(crate) fn find_bare_year(s: &str) -> Option<(usize, (usize, usize), Date)> {
    // (Within the first 300 bytes: an author list of a few names.)
    // Char boundary: `floor_char_boundary` gives one.
    let window = &s[..scan::floor_char_boundary(s, 300)];
    // After the names' period, or their comma as Elsevier's Harvard
    // prints it ("Smith, J., Lee, K., 2019. Title.").
    let ends = memchr::memchr_iter(b' ', window.as_bytes())
        .filter(|&sp| sp > 0 && matches!(window.as_bytes().get(sp - 1), Some(b'.' | b',')));
    for sp in ends {
        // Char boundary: `p` is an ASCII '.' or ',', `p + 2` just after a
        // space.
        let p = sp - 1;
        let start = p + 2;
        let rest = &s[start..];
        let element = strip_prefix_ascii_ci(rest, "released ").unwrap_or(rest);
        let digits = element.bytes().take_while(u8::is_ascii_digit).count();
        if digits != 4 {
            continue;
        }
        // "2019." or "2019a.": the letter of a year suffix, then the
        // element's period and the next element (or the end).
        let suffix = usize::from(
            element
                .as_bytes()
                .get(4)
                .is_some_and(u8::is_ascii_lowercase),
        );
        // Char boundary: ASCII digits and letter.
        let year = &element[..4 + suffix];
        let after = &element[4 + suffix..];
        if !(after == "." || after.starts_with(". ")) {
            continue;
        }
        // A year of print, not a page or article number ("6(1), 6186.").
        if !matches!(
            year.get(..2),
            Some("14" | "15" | "16" | "17" | "18" | "19" | "20")
        ) {
            continue;
        }
        // After a comma, only names of persons come before it: not a
        // journal's volume ("Journal, 12(3), 1986.").
        let comma = s.as_bytes().get(p) == Some(&b',');
        if comma
            && !s
                .get(..p)
                .and_then(names::parse_author_list)
                .is_some_and(|l| l.persons > 0 && l.persons == l.names.len())
        {
            continue;
        }
        let Some(d) = date::parse_date_group(year) else {
            continue;
        };
        // Char boundary: `element` and `year` are suffixes/prefixes cut at
        // ASCII bytes of `rest`.
        let year_end = start + (rest.len() - element.len()) + year.len();
        // (The names end with their period; a comma before the year is
        // not theirs.)
        let names_end = if comma { p } else { p + 1 };
        return Some((names_end, (start, year_end), d));
    }
    None
}

/// For a reference with no date: finds where the author list ends by
/// trying each ". " from the left.
fn split_undated_authors(s: &str) -> Option<usize> {
    // Char boundary: every offset below is 0, just after the '.' or the ' '
    // of a ". " that `find` found, or from `floor_char_boundary` (which
    // `max` keeps at or after `from`, itself a boundary).
    let mut search = 0;
    while let Some(p) = s[search..].find(". ") {
        let end = search + p + 1;
        let head = &s[..end];
        if let Some(l) = names::parse_author_list(head) {
            let rest = s[end..].fast_trim_start();
            if l.persons > 0
                && l.persons == l.names.len()
                && rest.chars().next().is_some_and(|c| !c.is_lowercase())
            {
                // Prefer the longest prefix that is still all persons.
                let mut best = end;
                let mut s2 = end + 1;
                let window =
                    |from: usize| &s[from..scan::floor_char_boundary(s, from + 300).max(from)];
                while let Some(p2) = window(s2).find(". ") {
                    let e2 = s2 + p2 + 1;
                    match names::parse_author_list(&s[..e2]) {
                        Some(l2) if l2.persons == l2.names.len() && l2.persons > l.persons => {
                            best = e2;
                            s2 = e2 + 1;
                        }
                        _ => break,
                    }
                }
                return Some(best);
            }
        }
        search = end;
        if search > 600 {
            break;
        }
    }
    None
}

pub(crate) fn parse(
    text: &str,
    line: usize,
    end_line: usize,
    wrapped: bool,
    joins: &[String],
) -> Parsed {
    let mut parsed = Parsed {
        reference: Reference::default(),
        diagnostics: Vec::new(),
        spans: Vec::new(),
    };
    let at = Place {
        line,
        end_line,
        wrapped,
        joins,
    };
    parse_into(text, &at, &mut parsed);
    parsed
}

/// [`parse`] into `parsed`, an empty record: the caller's, filled in
/// place (a `Parsed` is most of a kilobyte; each move is a copy).
pub(crate) fn parse_into(text: &str, at: &Place<'_>, parsed: &mut Parsed) {
    // The normalised text is kept as the record's raw text.
    parsed.reference.raw = Some(normalize_and_read(text, at, parsed).into_owned());
}

/// Where a reference's text was in its list: its first and last lines,
/// whether it was wrapped over lines, and the words joined at line ends.
pub(crate) struct Place<'j> {
    pub line: usize,
    pub end_line: usize,
    pub wrapped: bool,
    pub joins: &'j [String],
}

/// Normalises `text` and reads it into `parsed`, an empty record; gives the
/// normalised text (borrowed when normalising changed nothing).
fn normalize_and_read<'t>(
    text: &'t str,
    at: &Place<'_>,
    parsed: &mut Parsed,
) -> std::borrow::Cow<'t, str> {
    let mut repaired = Vec::new();
    let norm = normalize::normalize_noting_cow(text, &mut repaired);
    let read_at = |s: &str, parsed: &mut Parsed| {
        read(
            s,
            &repaired,
            at.line,
            at.end_line,
            at.wrapped,
            at.joins,
            parsed,
        );
    };
    read_at(&norm, parsed);
    // Stops typed without the space after them, as the title read shows
    // ("(2019).Sleep and memory.Journal of Sleep Research,12(3),45-67."):
    // read again with the spaces, when the text has two such stops at
    // least. (Only a title that took the source in asks: a record
    // with neither a container nor a publisher.)
    let r = &parsed.reference;
    if r.container_title.is_none()
        && r.publisher.is_none()
        && r.title.as_deref().is_some_and(normalize::has_glued_stop)
        && let Some(respaced) = normalize::respace_stops(&norm)
    {
        *parsed = Parsed::empty();
        read_at(&respaced, parsed);
        return std::borrow::Cow::Owned(respaced);
    }
    norm
}

/// [`parse_into`] of the text in `text`, which becomes the record's raw
/// text when normalising keeps it as it is (most references): moved, not
/// copied, leaving `text` empty. Else `text` is left as it was.
pub(crate) fn parse_into_taking(text: &mut String, at: &Place<'_>, parsed: &mut Parsed) {
    let changed = match normalize_and_read(text, at, parsed) {
        std::borrow::Cow::Owned(n) => Some(n),
        std::borrow::Cow::Borrowed(_) => None,
    };
    parsed.reference.raw = Some(changed.unwrap_or_else(|| std::mem::take(text)));
}

/// Reads the normalised text `s` of one reference (`repaired`: the URLs
/// normalising rejoined) into `parsed`, an empty record. The record's raw
/// text is left to the caller.
fn read(
    s: &str,
    repaired: &[String],
    line: usize,
    end_line: usize,
    wrapped: bool,
    joins: &[String],
    parsed: &mut Parsed,
) {
    // The span list given (an empty one, perhaps with room) is filled.
    let mut spans = std::mem::take(&mut parsed.spans);
    spans.clear();
    // (A reference has a dozen fields at most, most of the time.)
    spans.reserve(16);
    let cx = Ctx {
        s,
        r: &mut parsed.reference,
        diags: Vec::new(),
        spans,
        line,
        sig: Signals::default(),
        unread: Vec::new(),
    };
    (parsed.diagnostics, parsed.spans) = read_into(cx, repaired, end_line, wrapped, joins);
}

/// [`read`] into the record `cx.r`; gives the diagnostics and the spans.
fn read_into(
    mut cx: Ctx<'_>,
    repaired: &[String],
    end_line: usize,
    wrapped: bool,
    joins: &[String],
) -> (Vec<Diagnostic>, Vec<FieldSpan>) {
    let s = cx.s;
    let norm = s;
    let line = cx.line;
    cx.r.span = Some(SourceSpan { line, end_line });
    if s.is_empty() {
        cx.warn(Field::Reference, "empty reference");
        return finish(cx, norm);
    }
    let balanced = scan::balanced(s);
    if !balanced {
        cx.warn(Field::Reference, "unbalanced brackets or parentheses");
    }

    // Legal references have their own order: name, citation, (court year).
    if let Some(l) = super::legal::parse(s) {
        l.apply(cx.r);
        return finish_read_whole(cx, l.parts(), l.end, repaired, joins);
    }

    // 1. The date anchor.
    let found = find_date(s);
    // No date in parentheses: a journal article in Vancouver's order, as
    // lists in the health sciences mix in ("Kroenke K, Spitzer RL.
    // Title. J Gen Intern Med. 2001;16(9):606-613."), is read so.
    if found.is_none()
        && let Some(v) = super::vancouver::parse(s)
    {
        v.apply(cx.r);
        cx.warn(
            Field::Reference,
            "Vancouver's order (names, title, journal, year;volume(issue):pages), not APA; read as such",
        );
        return finish_read_whole(cx, v.parts(), v.end, repaired, joins);
    }
    // Char boundary: `find_date` gives the offsets of an ASCII '(' and just
    // after its ')'; `split_undated_authors` an offset just after a '.'.
    let (pre, after_date_start) = match &found {
        Some((open, close, d)) => {
            cx.mark(Field::Issued, &s[*open..*close]);
            cx.r.issued = Some(d.clone());
            // "(1950/2001)": the citation form of a republished work
            // (original / this edition), not a range of years.
            if let Some((start, end)) = d.start.as_ref().zip(d.end.as_ref())
                && s[*open..*close].contains('/')
                && start.month.is_none()
                && end.month.is_none()
                && end.year > start.year + 1
            {
                cx.r.original_date = Some(crate::model::Date::year(start.year));
                cx.r.issued = Some(crate::model::Date::year(end.year));
            }
            // A stray parenthesis that hid the date ("Lawson, C. (Colin J.
            // (1984)."): the names end before it.
            let pre = &s[..*open];
            let pre = match (!balanced).then(|| pre.rfind('(')).flatten() {
                Some(at) if !pre[at..].contains(')') => pre[..at].fast_trim_end(),
                _ => pre,
            };
            (pre, *close)
        }
        None => match find_bare_year(s) {
            // A year printed without parentheses after the authors, as
            // author-date styles other than APA print it ("Smith, J. 2019.
            // Title.") and as software makers ask to be cited ("IBM Corp.
            // Released 2017."): read, and reported.
            Some((pre_end, (start, end), d)) => {
                cx.warn(Field::Issued, "date printed without parentheses");
                cx.mark(Field::Issued, &s[start..end]);
                cx.r.issued = Some(d);
                (&s[..pre_end], end)
            }
            None => {
                cx.warn(Field::Issued, "no date in parentheses found");
                match split_undated_authors(s) {
                    Some(end) => (&s[..end], end),
                    None => ("", 0),
                }
            }
        },
    };
    let date = found
        .as_ref()
        .map(|f| f.2.clone())
        .or_else(|| cx.r.issued.clone());

    // 2. Identifiers after the date; the body ends at the first one.
    let mut idents = ident::find_identifiers(s, after_date_start);
    links_in_title(s, &mut idents);
    let body_end = idents.first().map_or(s.len(), |i| i.start);
    // Char boundary: both are boundaries (above, and see `ident::Ident`);
    // identifiers are found at or after `after_date_start`.
    let mut body = &s[after_date_start..body_end];
    // (A colon after the date is a typing slip: "(2019): Title".)
    body = body.trim_start_matches(|c: char| matches!(c, '.' | ',' | ':') || c.is_whitespace());
    body = body.fast_trim_end();
    // A comma typed for the period before the link: "45–67,
    // https://doi.org/…".
    if matches!(body.as_bytes().last(), Some(b',' | b';')) && !idents.is_empty() {
        body = body.trim_end_matches([',', ';']).fast_trim_end();
    }
    read_identifiers(&mut cx, &idents, body_end, repaired, joins);
    // A trailer phrase at the end of the body: "Retrieved from".
    let (body, body_units, units_exact) = strip_body_trailer(&mut cx, body);
    let site_known = cx.sig.site_from_trailer;

    // 3. Who.
    // "National Institute of Mental Health [NIMH]. (2019).": a group
    // author's abbreviation in brackets, as APA 6 guides print it (APA 7
    // leaves it out of the reference): the group's name is the author.
    let pre = match group_abbreviation(pre) {
        Some((name, abbreviation)) => {
            cx.mark(Field::Author, abbreviation);
            name
        }
        None => pre,
    };
    // The title put in the author's place and printed again after the
    // date ("Albert Einstein. (2021). Albert Einstein. In Wikipedia."), as
    // a CSL processor that does not suppress a substituted variable does:
    // the reference has no author, and its title group starts the body.
    if let Some(dup) = title_printed_twice(pre, body) {
        cx.mark(Field::Title, dup);
        cx.read_title_and_source(body, body_units, units_exact);
        cx.sig.title_first = true;
        if cx.r.title.is_none() {
            cx.r.title = Some(dup.to_string());
        }
    } else {
        // A site named in an APA 6 retrieval statement leaves the body to
        // the title, so the text before the date names the author.
        let authored = if site_known && !scan::trim(body).is_empty() && !scan::trim(pre).is_empty()
        {
            read_authors_forced(&mut cx, pre)
        } else {
            let known = units_exact.then_some(body_units.as_slice());
            read_authors(&mut cx, pre, body, date.as_ref(), known)
        };
        if authored {
            // 4. Title and source after the date.
            cx.read_title_and_source(body, body_units, units_exact);
        } else {
            // Title first: the text before the date is the title.
            let t = scan::trim(pre).fast_trim_end();
            let t = strip_period(t);
            cx.read_title_group(t);
            cx.sig.title_first = true;
            cx.read_source_only(body);
        }
    }

    // A link wrapped over lines may have lost a hyphen at the break, as
    // pdftotext drops it ("…/eric-mcdavid-" + "into-a-bomb" →
    // "mcdavidinto"). A news or blog link's slug spells the title's words
    // out; two of them run together is that loss, as is a UUID with a
    // group too long. The link goes to the note (a guess is no value),
    // and the warning gives it with the hyphens put back.
    if wrapped && let (Some(url), Some(title)) = (&cx.r.url, &cx.r.title) {
        let mut mended = url.clone();
        let mut lost = Vec::new();
        // (Each round puts one hyphen back; a link has few.)
        for _ in 0..8 {
            let Some((piece, split)) = ident::slug_lost_hyphen(&mended, title) else {
                break;
            };
            let path_from = mended.find("://").map_or(0, |i| i + 3);
            let Some(at) = mended
                .get(path_from..)
                .and_then(|r| r.find('/'))
                .and_then(|p| {
                    let from = path_from + p;
                    Some(from + mended.get(from..)?.find(piece.as_str())?)
                })
            else {
                break;
            };
            let cut = at + split.find('-').unwrap_or(0);
            // Char boundary: `piece` is ASCII letters, `cut` inside it.
            if !mended.is_char_boundary(cut) {
                break;
            }
            mended.insert(cut, '-');
            lost.push(format!("`{piece}`, the title's `{split}`"));
        }
        if let Some(m) = ident::restore_uuid_hyphen(&mended) {
            lost.push("a UUID's group".to_string());
            mended = m;
        }
        if !lost.is_empty()
            && let Some(url) = cx.r.url.take()
        {
            cx.spans.retain(|sp| sp.field != Field::Url);
            cx.sig.url_in_note = true;
            cx.leftover(
                Field::Url,
                &url,
                &format!(
                    "URL may have lost a hyphen at a line break ({}); kept in the note, perhaps `{mended}`",
                    lost.join("; ")
                ),
            );
        }
    }

    // "Retrieved from SIPRI: https://…" (APA 6 for a report) names the
    // publisher when the body names none and no site.
    if cx.sig.archive_before_link && cx.r.publisher.is_none() && cx.r.container_title.is_none() {
        cx.r.publisher = cx.r.archive.take();
        cx.relabel(Field::Archive, Field::Publisher);
        cx.sig.publisher = true;
    }

    // A publisher and the archive that holds the work, as citeproc-js
    // prints Zotero's archive after it: "Department of Defense; National
    // Archives at College Park, MD."
    if cx.r.archive.is_none()
        && let Some((head, tail)) =
            cx.r.publisher
                .as_deref()
                .and_then(|p| scan::rsplit_once_short(p, "; "))
        && names_archive(tail)
        && !scan::trim(head).is_empty()
    {
        let (head, tail) = (scan::trim(head).to_string(), scan::trim(tail).to_string());
        if let Some(sp) = cx.spans.iter_mut().find(|sp| sp.field == Field::Publisher)
            && let Some(cut) =
                cx.s.get(sp.start..sp.end)
                    .and_then(|t| scan::rsplit_once_short(t, "; "))
                    .map(|(h, _)| sp.start + h.len())
        {
            let end = sp.end;
            sp.end = cut;
            cx.spans.push(FieldSpan {
                field: Field::Archive,
                start: cut + 2,
                end,
            });
        }
        cx.r.publisher = Some(head);
        cx.r.archive = Some(tail);
    }

    // 5. Dates that say more than a year: "(in press)" as status.
    if let Some(d) = &cx.r.issued
        && d.status == DateStatus::InPress
    {
        cx.r.status.get_or_insert_with(|| "in press".into());
    }
    cx.classify();
    // A paper in proceedings whose one source element names the meeting
    // ("… perspective. 9th IEEE International Conference on Cloud
    // Computing. https://…"): the proceedings' title, not a publisher.
    if cx.r.item_type == crate::model::ItemType::PaperConference
        && cx.r.container_title.is_none()
        && cx.r.publisher.as_deref().is_some_and(|p| {
            // (Not "Library of Congress", "Electronic Colloquium on …":
            // publishers whose names a meeting's words are in.)
            let l = p.lc();
            ["conference", "symposium", "workshop", "proceedings"]
                .iter()
                .any(|w| scan::contains_short(&l, w))
        })
    {
        cx.r.container_title = cx.r.publisher.take();
        cx.relabel(Field::Publisher, Field::ContainerTitle);
    }
    // A meeting's name ends with its dates, year last: "7th International
    // Conference on Learning Representations, ICLR 2019, New Orleans, LA,
    // USA, May 6-9, 2019." That year is the name's, not a volume.
    if cx.r.item_type == crate::model::ItemType::PaperConference
        && cx.r.page.is_none()
        && cx.r.issue.is_none()
        && let Some(v) = cx.r.volume.as_deref()
        && cx
            .r
            .issued
            .as_ref()
            .and_then(|d| d.start.as_ref())
            .is_some_and(|d| v == d.year.to_string())
        && let Some(c) = cx.r.container_title.as_deref()
        && super::lexicon::names_meeting(c)
    {
        cx.r.container_title = Some(format!("{c}, {v}"));
        cx.r.volume = None;
        cx.relabel(Field::Volume, Field::ContainerTitle);
    }
    // A meeting's name ending the title is its proceedings' title when
    // what follows names no more than the proceedings or the meeting:
    // "Proceedings" alone, as IEEE prints its proceedings' titles
    // ("Title. International Test Conference 1999. Proceedings,
    // 1132–1132."), or the meeting again, as citeproc-js prints a paper
    // with both ("Title. 9th IEEE International Conference on Cloud
    // Computing. 9th IEEE International Conference on Cloud Computing,
    // June 27-July 2, 2016, San Francisco, CA.": the second is the event).
    if let Some(container) = cx.r.container_title.as_deref()
        && (container == "Proceedings"
            || cx.r.item_type == crate::model::ItemType::PaperConference
                && super::lexicon::names_meeting(container))
        && let Some(title) = cx.r.title.as_deref()
        && let Some((head, meeting)) = scan::rsplit_once_short(title, ". ")
        && super::lexicon::names_meeting(meeting)
        && !head.is_empty()
    {
        let (head, meeting) = (head.to_string(), meeting.to_string());
        let container = if container == "Proceedings" {
            format!("{meeting}. Proceedings")
        } else {
            cx.r.event_title = cx.r.container_title.take();
            cx.relabel(Field::ContainerTitle, Field::EventTitle);
            meeting.clone()
        };
        title_sentence_to_container(&mut cx, &meeting);
        cx.r.container_title = Some(container);
        cx.r.title = Some(head);
        cx.r.item_type = crate::model::ItemType::PaperConference;
    }
    // Running text copied with the list (the paragraph before its
    // heading) reads as a long title-first reference: its citations in
    // parentheses say it is prose (a title may name a species' authority,
    // "Bradypus variegatus (Schinz, 1825)", but has authors before it).
    // Kept, and said so.
    if cx.r.contributors.is_empty()
        && let Some(title) = cx.r.title.as_deref()
        && let Some(cite) = in_text_citation(title)
        && scan::word_count(title) >= 15
    {
        cx.warn(
            Field::Title,
            format!("reads like running text, not a reference (it cites `{cite}`): a paragraph copied with the list?"),
        );
    }
    finish(cx, norm)
}

/// Gives the title's last sentence, `sentence`, to the container: the
/// title's span ends before it, and a container span covers it.
fn title_sentence_to_container(cx: &mut Ctx<'_>, sentence: &str) {
    let text = cx.s;
    let mut moved = Vec::new();
    for sp in cx.spans.iter_mut().filter(|sp| sp.field == Field::Title) {
        // Char boundary: span offsets are char boundaries of the text.
        let Some(seg) = text.get(sp.start..sp.end) else {
            continue;
        };
        if let Some(at) = seg.rfind(sentence) {
            // Char boundary: `at` is where a match starts in `seg`.
            let kept = seg[..at].trim_end().trim_end_matches('.').len();
            moved.push(FieldSpan {
                field: Field::ContainerTitle,
                start: sp.start + at,
                end: sp.start + at + sentence.len(),
            });
            sp.end = sp.start + kept;
        }
    }
    cx.spans.extend(moved);
}

/// An in-text citation in parentheses, as prose has it: "(Smith, 2010)",
/// "(Jones & Brown, 2012a)", "(Lee et al., 2019; Kim, 2020)". A capital
/// starts it, and a year in 1500–2099 (perhaps with a suffix) ends it or
/// its first part, after a comma.
fn in_text_citation(t: &str) -> Option<&str> {
    // (Most titles have no parenthesis: one byte search says so.)
    memchr::memchr(b'(', t.as_bytes())?;
    for (open, _) in t.match_indices('(') {
        // Char boundary: '(' is one byte.
        let rest = &t[open + 1..];
        let Some(close) = rest.find(')').filter(|&c| c <= 80) else {
            continue;
        };
        // Char boundary: `close` is the offset of a ')' in `rest`.
        let inner = &rest[..close];
        let first = inner.split(';').next().unwrap_or_default();
        let Some((who, year)) = first.rsplit_once(", ") else {
            continue;
        };
        let year = year.trim_end_matches(|c: char| c.is_ascii_lowercase());
        let cites = who.starts_with(|c: char| c.is_uppercase())
            && !who.contains(',')
            && scan::word_count(who) <= 6
            && year.len() == 4
            && year.parse::<u16>().is_ok_and(|y| (1500..2100).contains(&y));
        if cites {
            // Char boundary: `open` and `close` delimit ASCII parentheses.
            return t.get(open..open + close + 2);
        }
    }
    None
}

/// A name of an archive or a library that holds works: "National Archives
/// at College Park, MD", "Bodleian Library", "Special Collections, …"
/// (not a publisher named "… Library Press").
fn names_archive(t: &str) -> bool {
    contains_any!(
        t,
        [
            "Archives",
            "Archive ",
            "Library",
            "Special Collections",
            "Archiv ",
            "Bibliothek",
            "Bibliothèque"
        ]
    ) && !contains_any!(ci t, ["press", "publish", "verlag"])
}

/// The group's name before a bracketed abbreviation that ends the text
/// before the date: "National Institute of Mental Health [NIMH]." gives
/// "National Institute of Mental Health" and "[NIMH]". The abbreviation
/// is capitals (digits and "&" too), the name two words or more.
fn group_abbreviation(pre: &str) -> Option<(&str, &str)> {
    let t = scan::trim(pre).trim_end_matches('.').fast_trim_end();
    let inner_end = t.strip_suffix(']')?.len();
    let open = t.rfind('[')?;
    // Char boundary: `open` is the offset of an ASCII '[' and `inner_end`
    // that of the ASCII ']' that ends `t`.
    let inner = t.get(open + 1..inner_end)?;
    let name = t.get(..open)?.fast_trim_end();
    let capitals = inner.bytes().filter(u8::is_ascii_uppercase).count();
    (capitals >= 2
        && inner.len() <= 12
        && inner
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'&' || b == b'-')
        && scan::word_count(name) >= 2
        && !name.contains(['[', ']']))
    .then_some((name, t.get(open..)?))
}

/// The text before the date when the body starts with it again, word for
/// word and up to a title's end (a period, "?", "!", a bracket or a
/// parenthesis, or the body's end): the title printed in the author's
/// place and again as the title.
fn title_printed_twice<'s>(pre: &'s str, body: &str) -> Option<&'s str> {
    let pre = scan::trim(pre).fast_trim_end();
    // `strip_period` takes at most a final period and the spaces before
    // it: a body that does not start with the rest does not start with
    // what it gives (as for nearly every reference, whose text before the
    // date names its authors).
    if !body.starts_with(pre.strip_suffix('.').map_or(pre, str::trim_end)) {
        return None;
    }
    let t = strip_period(pre);
    if t.len() < 3 {
        return None;
    }
    let rest = body.strip_prefix(t)?;
    let next = rest.chars().next();
    let ends = match next {
        None => true,
        Some(c) => {
            matches!(c, '.' | '?' | '!') || {
                let r = rest.fast_trim_start();
                r.len() < rest.len() && (r.starts_with('[') || r.starts_with('('))
            }
        }
    };
    ends.then_some(t)
}

/// A post's words may hold links: "Humbled … Read more at https://t.co/x
/// [Tweet]. Twitter. https://twitter.com/…". The description in brackets
/// follows the title, so a link before it is the title's words, and only
/// the links after it are the reference's: those before are dropped from
/// `idents` (the body then runs to the first link after the bracket).
fn links_in_title(s: &str, idents: &mut Vec<ident::Ident>) {
    // (Two links or more are rare: asked first.)
    let [first, .., last] = idents.as_slice() else {
        return;
    };
    // Char boundary: identifier offsets are char boundaries of `s`.
    let gap_from = first.end.min(last.start);
    let gap = &s[gap_from..last.start];
    let mut cut = None;
    for (open, _) in gap.match_indices('[') {
        let Some(end) = scan::closing_of_group(gap, open) else {
            break;
        };
        // Char boundary: '[' and ']' are one byte each, at `open` and
        // just before `end`.
        let inner = &gap[open + 1..end - 1];
        if matches!(
            super::title::describe(inner),
            super::title::Description::Typed(..) | super::title::Description::TypeOnly(_)
        ) {
            cut = Some(gap_from + open);
        }
    }
    if let Some(at) = cut {
        idents.retain(|i| i.start > at);
    }
}

fn read_identifiers<'a>(
    cx: &mut Ctx<'a>,
    idents: &[ident::Ident],
    body_end: usize,
    repaired: &[String],
    joins: &[String],
) {
    let s = cx.s;
    let mut prev_end = body_end;
    // Char boundary: identifier offsets are char boundaries of `s` (see
    // `ident::Ident`), and so is `body_end`.
    for id in idents {
        let between = &s[prev_end.min(id.start)..id.start];
        trailer(cx, between);
        let printed = &s[id.start..id.end];
        prev_end = id.end;
        // A link a PDF extraction may have damaged: kept in the note.
        // One that had spaces inside was rejoined, but may have lost a
        // character too. One across the place where pdftotext joined two
        // lines of a much longer line than the others, after dropping the
        // hyphen that ended the first ("…/magazine-" / "15335899"): links
        // only, since a DOI breaks at a line end after its "/" or "." far
        // more often than inside a hyphenated word.
        let damaged = if repaired
            .iter()
            .any(|r| r.contains(printed) || printed.contains(r.as_str()))
        {
            Some("URL or DOI had spaces inside (damaged by copying?); kept in the note".to_string())
        } else if id.kind == ident::IdentKind::Url
            && joins.iter().any(|w| {
                memchr::memmem::find(s.as_bytes(), w.as_bytes())
                    .is_some_and(|at| at < id.end && at + w.len() > id.start)
            })
        {
            // The rest of the reference's words may show where the
            // hyphen was: the warning gives the link mended.
            // Char boundary: identifier offsets are char boundaries.
            // (Not in a text far longer than a reference: each link would
            // read all of it.)
            let why =
                "URL may have lost a hyphen where the PDF text joined two lines; kept in the note";
            let guess = (s.len() <= 8192).then(|| {
                let rest = format!("{} {}", &s[..id.start], &s[id.end..]);
                ident::restore_joined_hyphens(printed, &rest)
            });
            Some(match guess.flatten() {
                Some(m) => format!("{why}, perhaps `{m}`"),
                None => why.to_string(),
            })
        } else {
            None
        };
        if let Some(why) = damaged {
            cx.sig.url_in_note |= id.kind == ident::IdentKind::Url;
            let field = match id.kind {
                ident::IdentKind::Doi => Field::Doi,
                _ => Field::Url,
            };
            cx.leftover(field, printed, &why);
            continue;
        }
        match id.kind {
            ident::IdentKind::Doi => {
                if cx.r.doi.is_none() {
                    cx.r.doi = Some(id.value.clone());
                    cx.mark(Field::Doi, printed);
                } else if cx.r.doi.as_deref() != Some(id.value.as_str()) && cx.r.url.is_none() {
                    cx.r.url = Some(printed.to_string());
                    cx.mark(Field::Url, printed);
                }
            }
            ident::IdentKind::Url => {
                if cx.r.url.is_none() {
                    cx.r.url = Some(id.value.clone());
                    cx.mark(Field::Url, printed);
                } else if cx.r.url.as_deref() == Some(id.value.as_str()) {
                    // The same link twice, as apacite prints a web page's
                    // (".../x. Retrieved from .../x"): nothing is lost.
                    cx.mark(Field::Url, printed);
                } else {
                    cx.leftover(Field::Url, printed, "second URL kept in the note");
                }
            }
            ident::IdentKind::Pmid => {
                cx.r.pmid = Some(id.value.clone());
                cx.mark(Field::Pmid, printed);
            }
            ident::IdentKind::Isbn => {
                cx.r.isbn = Some(id.value.clone());
                cx.mark(Field::Isbn, printed);
            }
            ident::IdentKind::Issn => {
                cx.r.issn = Some(id.value.clone());
                cx.mark(Field::Issn, printed);
            }
        }
        prev_end = id.end;
    }
    if !idents.is_empty() {
        // Char boundary: as above.
        let rest = &s[prev_end.min(s.len())..];
        trailer(cx, rest);
    }
}

/// Text between or after identifiers.
/// "PMCID: PMC5946242" or "Epub 2021 Jan 12" (the date an article came
/// out online, as PubMed prints it).
fn is_pubmed_note(t: &str) -> bool {
    if let Some(rest) = strip_prefix_ascii_ci(t, "pmcid") {
        let id = rest.trim_start_matches([':', ' ']);
        return id.len() > 3
            && id.len() < 16
            && strip_prefix_ascii_ci(id, "pmc")
                .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()));
    }
    if let Some(rest) = strip_prefix_ascii_ci(t, "epub ") {
        let b = rest.as_bytes();
        return rest.len() <= 16
            && b.len() >= 4
            && b.iter().take(4).all(u8::is_ascii_digit)
            && b.get(4).is_none_or(|&c| c == b' ');
    }
    false
}

fn trailer<'a>(cx: &mut Ctx<'a>, text: &'a str) {
    let t = text
        .fast_trim()
        .trim_matches(|c: char| c == '.' || c == ',' || c == ';')
        .fast_trim();
    // Brackets that only enclosed the identifier: "[https://doi.org/…]",
    // "<https://…>".
    if t.is_empty()
        || t.chars()
            .all(|c| matches!(c, '[' | ']' | '<' | '>' | '.' | ' '))
    {
        return;
    }
    // "(Original work published 1900)" after the DOI.
    if let Some(inner) = t.strip_prefix('(').and_then(|x| x.strip_suffix(')'))
        && cx.read_detail_paren(inner)
    {
        return;
    }
    // "(Reprinted from …)", "Advance online publication" after the link,
    // or PubMed's "[Epub ahead of print]".
    if cx.read_status_unit(t)
        || t.strip_prefix('[')
            .and_then(|x| x.strip_suffix(']'))
            .is_some_and(|inner| cx.read_status_unit(inner))
    {
        return;
    }
    // PubMed's own notes after the link, kept as notes as Zotero keeps
    // them (in Extra): "PMCID: PMC5946242", "Epub 2021 Jan 12".
    if is_pubmed_note(t) {
        cx.mark(Field::Note, t);
        cx.r.push_note(t);
        return;
    }
    // A description of kind at the very end, as apacite prints a note:
    // "Retrieved from https://github.com/… (Computer software)".
    if let Some(inner) = t
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .or_else(|| t.strip_prefix('[').and_then(|x| x.strip_suffix(']')))
        && matches!(
            super::title::describe(inner),
            super::title::Description::TypeOnly(_)
                | super::title::Description::Typed(..)
                | super::title::Description::Thesis(..)
        )
        && cx.read_description(inner, t)
    {
        return;
    }
    // A retracted article names its retraction notice after the DOI
    // (APA 7 §10.1, example 11): "(Retraction published 2012, Journal,
    // 38[10], 1378)"; kept as a note.
    // A correction's notice the same way: "(Correction published 2006,
    // Psychological Bulletin, 132[1], 12)", "(Erratum published …)".
    if let Some(inner) = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        let retraction = strip_prefix_ascii_ci(inner, "retraction published").is_some();
        if retraction
            || [
                "correction published",
                "erratum published",
                "corrigendum published",
            ]
            .iter()
            .any(|p| strip_prefix_ascii_ci(inner, p).is_some())
        {
            cx.mark(Field::Note, t);
            if retraction {
                cx.r.status.get_or_insert_with(|| "retracted".into());
            }
            cx.r.push_note(inner);
            return;
        }
    }
    let tr = ident::read_trailer(t);
    if let Some(d) = tr.accessed {
        cx.r.accessed = Some(d);
        cx.mark(Field::Accessed, t);
    }
    if !tr.rest.is_empty() {
        // An archive or database named after "Retrieved from": keep it.
        let rest = scan::trim(&tr.rest);
        if let Some(db) = strip_prefix_ascii_ci(rest, "retrieved from ") {
            cx.r.archive = Some(scan::trim(db).to_string());
            return;
        }
        cx.leftover(Field::Note, rest, "text after the DOI/URL not read");
    }
}

/// Strips a trailer phrase ("Retrieved from") from the body's end; gives
/// the body and its elements, and whether those are `scan::units` of the
/// body given (none was cut off: the sentence-end rule looks at the text
/// after each period, so a shortened body may split otherwise).
fn strip_body_trailer<'b>(cx: &mut Ctx<'_>, body: &'b str) -> (&'b str, Vec<scan::Unit>, bool) {
    // "… Yacht.”’ Retrieved from" (no period before the phrase).
    let body = {
        // (With a colon too, as Harvard styles print it: "Available at:".)
        let t = body.fast_trim_end();
        let t = t.strip_suffix(':').unwrap_or(t).fast_trim_end();
        match ["retrieved from", "available from", "available at"]
            .iter()
            .find_map(|p| strip_suffix_ascii_ci(t, p))
        {
            Some(head) => head.fast_trim_end(),
            // "Retrieved" alone as a sentence before the link, as
            // hayagriva's APA prints an undated page ("(n.d.). Retrieved
            // https://…").
            None => match t.strip_suffix("Retrieved").map(str::trim_end) {
                Some(head)
                    if head.is_empty() || head.ends_with(['.', '?', '!', '”', '"', ']', ')']) =>
                {
                    head
                }
                _ => body,
            },
        }
    };
    let mut units = scan::units(body);
    // A dissertation's order number after the database it came from:
    // "Retrieved from ProQuest Dissertations and Theses database. (UMI No.
    // 3051234)".
    let order = units
        .last()
        .copied()
        .filter(|_| units.len() > 1)
        // Char boundary: unit offsets are char boundaries of `body` (see `scan::Unit`).
        .and_then(|last| Some((last, super::title::order_number(&body[last.start..])?)));
    let body = match order {
        Some((last, n)) => {
            cx.mark(Field::Number, n);
            cx.r.number.get_or_insert_with(|| n.to_string());
            // An ERIC document ("ED…", not a journal's "EJ…") is a report.
            cx.sig.report_number |= n.starts_with("ED");
            units.pop();
            // Char boundary: as above.
            &body[..last.start]
        }
        None => body,
    };
    if let Some(last) = units.last().copied() {
        // Char boundary: unit offsets are char boundaries of `body` (see `scan::Unit`).
        let u = &body[last.start..];
        // Compared in lower case: text that starts with 32 ASCII bytes
        // (more than any lead has) ignoring ASCII case, other text
        // lower-cased.
        // The leads are lower case and start with an ASCII letter: one can
        // start the element only when the lower case of its first
        // character starts with that letter. Most elements are answered
        // by that, without comparing every lead or lower-casing the text.
        let first = u.chars().next().and_then(|c| {
            c.to_lowercase()
                .next()
                .filter(char::is_ascii)
                .map(|c| c as u8)
        });
        // (Only those leads are compared: a whole compare ignoring case
        // costs some twenty instructions, and most elements that pass
        // the letter start with no lead.)
        let mut leads = ident::LINK_LEADS
            .iter()
            .filter(|l| l.as_bytes().first().copied() == first)
            .peekable();
        let may_lead = leads.peek().is_some();
        // (The 32 bytes tested a word at a time, by `<[u8]>::is_ascii`.)
        let head = u.as_bytes().get(..32).unwrap_or(u.as_bytes());
        let lower = (may_lead && !head.is_ascii()).then(|| u.lc());
        let starts = |p: &str| match &lower {
            Some(l) => l.starts_with(p),
            None => strip_prefix_ascii_ci(u, p).is_some(),
        };
        if may_lead && leads.any(|l| starts(l)) {
            let tr = ident::read_trailer(u);
            if tr.rest.is_empty()
                || starts("retrieved from")
                || tr.accessed.is_some() && tr.rest.starts_with("Retrieved from ")
            {
                if let Some(d) = tr.accessed {
                    cx.r.accessed = Some(d);
                    cx.mark(Field::Accessed, u);
                } else if tr.rest.is_empty()
                    && !u
                        .split(is_separator)
                        .filter(|w| !w.is_empty())
                        .all(is_connector)
                {
                    // "Recuperado de", "Abgerufen von": the link's own lead.
                    cx.mark(Field::Url, u.fast_trim_end());
                }
                let rest = scan::trim(&tr.rest);
                if let Some(db) = rest
                    .strip_prefix("Retrieved from ")
                    .or_else(|| rest.strip_prefix("retrieved from "))
                {
                    let before_link = db.fast_trim_end().ends_with(':');
                    let db = strip_period(db).trim_end_matches(':').fast_trim();
                    // APA 6: "Retrieved from the Site Name website:" names
                    // the site; so does Microsoft Word's "Retrieved from
                    // Site Name: URL" on a dated page. Otherwise a database
                    // or archive.
                    // (A retrieval date says the same: APA 6 gives one for
                    // pages that change.)
                    let dated_page = cx.r.url.is_some()
                        && before_link
                        && (super::title::has_month(cx.r.issued.as_ref())
                            || cx.r.accessed.is_some()
                            || cx
                                .r
                                .issued
                                .as_ref()
                                .is_some_and(|d| d.status == crate::model::DateStatus::NoDate))
                        && !db.lc().contains("database");
                    let site = db
                        .strip_suffix(" website")
                        .or_else(|| db.strip_suffix(" Website"))
                        .or_else(|| db.strip_suffix(" web site"))
                        .or_else(|| dated_page.then_some(db))
                        .map(|s| s.strip_prefix("the ").unwrap_or(s).fast_trim());
                    match site {
                        Some(site) if !site.is_empty() => {
                            if let Some((_, m)) = u.match_indices(site).next() {
                                cx.mark(Field::ContainerTitle, m);
                            }
                            cx.r.container_title = Some(site.to_string());
                            cx.sig.site_container = true;
                            cx.sig.site_from_trailer = true;
                        }
                        _ => {
                            // "from the Expanded Academic ASAP database".
                            let db = db
                                .strip_prefix("the ")
                                .filter(|d| d.starts_with(char::is_uppercase))
                                .unwrap_or(db);
                            if let Some((_, m)) = u.match_indices(db).next() {
                                cx.mark(Field::Archive, m);
                            }
                            cx.r.archive = Some(db.to_string());
                            cx.sig.archive_before_link =
                                before_link && !db.lc().contains("database");
                        }
                    }
                }
                units.pop();
                // Char boundary: as above.
                return (body[..last.start].fast_trim_end(), units, false);
            }
        }
    }
    (body, units, order.is_none())
}

/// Whether [`normalize_pages`] gives `p` back as it is, as it does most
/// page ranges: ASCII (no dash to replace), without spaces or "--".
fn pages_normal(p: &str) -> bool {
    p.bytes().all(|b| b.is_ascii() && b != b' ') && !p.as_bytes().windows(2).any(|w| w == b"--")
}

/// A page range with any dash written with a hyphen: "1302–1305" →
/// "1302-1305" (writers render their own dash).
pub(crate) fn normalize_pages(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        match c {
            '–' | '—' | '‒' | '−' | '‐' => out.push('-'),
            _ => out.push(c),
        }
    }
    // "45--67": TeX's and pandoc Markdown's en dash. (A byte test: `str`'s
    // substring search builds a searcher for each call.)
    let out = if out.as_bytes().windows(2).any(|w| w == b"--") {
        out.replace("--", "-")
    } else {
        out
    };
    if !out.contains(' ') {
        return out;
    }
    out.replace(" - ", "-")
        .replace(" -", "-")
        .replace("- ", "-")
}

/// Whether a word only joins APA elements ("In", "Retrieved ... from",
/// "pp.") and carries no data of its own (ASCII case ignored).
pub fn is_connector(w: &str) -> bool {
    CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(w))
}

/// Words that join APA elements and carry no data of their own.
const CONNECTORS: &[&str] = &[
    "in",
    "retrieved",
    "from",
    "available",
    "at",
    "accessed",
    "pp",
    "p",
    "and",
    "ed",
    "eds",
    "editor",
    "editors",
    "trans",
    "et",
    "al",
    "doi",
    "url",
    "website",
    "online",
    "on",
    "the",
    "of",
    "volume",
    "vol",
    "article",
    "art",
    "pages",
    "page",
    "no",
    "number",
    "issue",
    "iss",
    // The same in the languages APA lists are also written in.
    "seiten",
    "s",
    "ss",
    "str",
    "en",
    "dans",
    "em",
    "w",
    "i",
    "v",
    "u",
    "İçinde",
    "içinde",
    "В",
    "в",
    "У",
    "у",
    "Στο",
    "收入",
];

fn is_separator(c: char) -> bool {
    !c.is_alphanumeric()
}

/// The ASCII bytes that are no letter or digit.
static ASCII_NOT_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x80 {
        // In bounds: `c < 0x80`.
        t[c] = !(c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    t
};

/// Text that no field took, other than punctuation and connectors.
fn uncovered<'s>(norm: &'s str, spans: &[FieldSpan]) -> Vec<&'s str> {
    let mut out = Vec::new();
    let mut pos = 0;
    let check = |a: usize, b: usize, out: &mut Vec<&'s str>| {
        // Most gaps are ASCII punctuation and spaces: no word in them.
        // (Tested on bytes before the slice is made, each asked of a
        // table.)
        // In bounds: a byte indexes 256 entries.
        if norm
            .as_bytes()
            .get(a..b)
            .is_none_or(|g| g.iter().all(|&c| ASCII_NOT_ALNUM[usize::from(c)]))
        {
            return;
        }
        let Some(t) = norm.get(a..b) else {
            return;
        };
        let t = t.trim_matches(is_separator);
        let data = t
            .split(is_separator)
            .filter(|w| !w.is_empty())
            .any(|w| !is_connector(w));
        if data {
            out.push(t);
        }
    };
    for s in spans {
        if s.start > pos {
            check(pos, s.start, &mut out);
        }
        pos = pos.max(s.end);
    }
    check(pos, norm.len(), &mut out);
    out
}

/// Finishes a reference that a reader of its own order read whole (legal
/// references, Vancouver's): the text of each field marked, then the
/// identifiers after the reader's `end` read.
fn finish_read_whole<'s>(
    mut cx: Ctx<'s>,
    parts: Vec<(Field, &'s str)>,
    end: usize,
    repaired: &[String],
    joins: &[String],
) -> (Vec<Diagnostic>, Vec<FieldSpan>) {
    for (field, text) in parts {
        cx.mark(field, text);
    }
    let s = cx.s;
    let idents = ident::find_identifiers(s, end);
    read_identifiers(&mut cx, &idents, end, repaired, joins);
    finish(cx, s)
}

fn finish(mut cx: Ctx<'_>, norm: &str) -> (Vec<Diagnostic>, Vec<FieldSpan>) {
    if let Some(p) = &mut cx.r.page
        && !pages_normal(p)
    {
        *p = normalize_pages(p);
    }
    cx.spans.sort_by_key(|s| (s.start, s.end));
    // Say what was not read: text between the fields that is not mere
    // punctuation or a connecting word, unless already reported.
    for t in uncovered(norm, &cx.spans) {
        if !cx
            .unread
            .iter()
            .any(|u| u.contains(t) || t.contains(u.as_str()))
        {
            cx.leftover(Field::Note, t, "text not placed in any field");
        }
    }
    if cx.r.title.as_deref().is_none_or(str::is_empty) && !norm.is_empty() {
        cx.warn(Field::Title, "no title found");
    }
    if !cx.unread.is_empty() || !cx.diags.is_empty() {
        let mut note = String::new();
        if let Some(n) = cx.r.note.take() {
            note.push_str(&n);
            note.push('\n');
        }
        note.push_str("refmill could not fully read: ");
        note.push_str(norm);
        cx.r.note = Some(note);
    }
    (cx.diags, cx.spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a diagnostic's message holds every one of `parts`.
    fn warned(p: &crate::apa::Parsed, parts: &[&str]) -> bool {
        p.diagnostics
            .iter()
            .any(|d| parts.iter().all(|part| d.message.contains(part)))
    }

    /// The reference's note, or "".
    fn note(p: &crate::apa::Parsed) -> &str {
        p.reference.note.as_deref().unwrap_or("")
    }

    #[test]
    fn link_leads_start_lower_case() {
        // `strip_body_trailer` tests the first letter of an element
        // against theirs.
        for l in ident::LINK_LEADS {
            assert!(
                l.as_bytes().first().is_some_and(u8::is_ascii_lowercase),
                "{l}"
            );
            assert_eq!(l.lc(), *l);
        }
    }

    #[test]
    fn small_words_matched_as_listed() {
        for w in SMALL {
            for v in [
                w.to_string(),
                w.to_uppercase(),
                format!("{w}x"),
                format!("x{w}"),
            ] {
                let listed = SMALL.iter().any(|s| s.eq_ignore_ascii_case(&v));
                assert_eq!(is_small_ascii(&v), listed, "{v}");
            }
        }
        assert!(!is_small_ascii(""));
        assert!(!is_small_ascii("withal"));
    }

    #[test]
    fn running_text_before_the_list_is_kept_and_flagged() {
        let prose = "Discussion Our results show that sleep improves memory (Smith, 2010). \
                     This matches earlier work by Jones and Brown (2012), who found similar \
                     effects in adolescents.";
        let p = crate::apa::parse_reference(prose, 3, 3);
        assert!(
            warned(&p, &["running text", "(Smith, 2010)"]),
            "{:?}",
            p.diagnostics
        );
        assert!(note(&p).contains("Our results show"));
        // A title naming a species' authority, with authors before it, is
        // a reference.
        let r = "Xavier, G., & Mota, R. (2010). Albinismo total em preguiças-de-garganta-marrom \
                 Bradypus variegatus (Schinz, 1825) no estado de Pernambuco, Brasil. Edentata, 1–3.";
        let p = crate::apa::parse_reference(r, 1, 1);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        assert_eq!(
            in_text_citation("as shown (Lee et al., 2019a; Kim, 2020)"),
            Some("(Lee et al., 2019a; Kim, 2020)")
        );
        assert_eq!(in_text_citation("Reply to Jones (2012)"), None);
        assert_eq!(
            in_text_citation("Stock prices (USD, 2021)"),
            Some("(USD, 2021)")
        );
        assert_eq!(in_text_citation("Version (v, 1234)"), None);
    }

    #[test]
    fn slug_that_lost_a_hyphen_goes_to_the_note_only_when_wrapped() {
        let text = "Bhalla, J. (2021, August 4). Taming the greedocracy. Current Affairs. \
                    https://www.currentaffairs.org/2021/08/tamingthe-greedocracy";
        // Wrapped over two lines: a break may have taken the hyphen.
        let p = crate::apa::parse_reference(text, 10, 11);
        assert_eq!(p.reference.url, None);
        assert!(
            p.diagnostics
                .iter()
                .any(|d| d.message.contains("lost a hyphen") && d.line == 10),
            "{:?}",
            p.diagnostics
        );
        assert!(note(&p).contains("tamingthe-greedocracy"));
        // The warning gives the link with the hyphen back.
        assert!(
            warned(
                &p,
                &["perhaps `https://www.currentaffairs.org/2021/08/taming-the-greedocracy`"]
            ),
            "{:?}",
            p.diagnostics
        );
        // On one line, as typed: the link is what it says.
        let p = crate::apa::parse_reference(text, 10, 10);
        assert_eq!(
            p.reference.url.as_deref(),
            Some("https://www.currentaffairs.org/2021/08/tamingthe-greedocracy")
        );
    }

    /// pdftotext's text of a justified list: 12 references, each two full
    /// lines of 86 to 100 characters and a short last one, none ending
    /// with a hyphen.
    fn justified_list() -> String {
        (1..=12)
            .map(|i: usize| {
                let pad = "x".repeat(i);
                format!(
                    "Author, A. ({y}). A title that runs on for some while and fills this line {pad}\nto its end, then goes on over a second line of about the same length {pad}\nas the first. Journal of Things, {i}(2), 3–4.\n",
                    y = 1990 + i
                )
            })
            .collect()
    }

    #[test]
    fn link_across_a_pdftotext_join_goes_to_the_note() {
        // One line much longer than the others in pdftotext's text of a
        // justified list, where a hyphen at the end of its first part was
        // dropped and the next line joined on ("…/news/magazine-" /
        // "15335899").
        let mut s = justified_list();
        s.push_str("Adler, K. (2011, October 18). Spain’s stolen babies. BBC News. https://www.bbc.com/news/magazine15335899\n");
        // A long line whose link lies past the usual line end: kept.
        s.push_str("Brown, K. (2011, October 18). A title on a line that overflows. BBC News. Some more words. Other. https://www.bbc.com/x\n");
        let parsed = crate::apa::parse_list(&s);
        assert_eq!(parsed.len(), 14);
        let adler = &parsed[12];
        assert_eq!(adler.reference.url, None);
        assert!(
            warned(adler, &["joined two lines"]),
            "{:?}",
            adler.diagnostics
        );
        assert_eq!(
            parsed[13].reference.url.as_deref(),
            Some("https://www.bbc.com/x")
        );
        // Nothing in the reference shows where the hyphen was: no guess.
        assert!(!warned(adler, &["perhaps"]));
        // A slug whose words the title has: the warning gives the link
        // mended.
        let mut with_slug = justified_list();
        with_slug.push_str("Ariana News. (2021, May 3). Afghan carpet industry facing major challenges. Ariana News. https://ariananews.af/afghan-carpetindustry-facing-major-challenges/\n");
        let parsed = crate::apa::parse_list(&with_slug);
        let ariana = &parsed[12];
        assert_eq!(ariana.reference.url, None);
        assert!(
            warned(
                ariana,
                &[
                    "perhaps `https://ariananews.af/afghan-carpet-industry-facing-major-challenges/`"
                ]
            ),
            "{:?}",
            ariana.diagnostics
        );
        // The same list with its words hyphenated at line ends is not
        // pdftotext's: the link stays.
        let hyphenated = s.replace("\nto its end", " to its en-\nd");
        let parsed = crate::apa::parse_list(&hyphenated);
        assert_eq!(
            parsed[12].reference.url.as_deref(),
            Some("https://www.bbc.com/news/magazine15335899")
        );
    }

    #[test]
    fn long_link_alone_on_a_line_is_a_join_where_lines_were_joined() {
        // (In text wrapped at a width, where only a word that cannot be
        // broken overruns it, such a link is whole: the probe list
        // `wrapped-70-columns-long-links.txt` has them.)
        // pdftotext's text of a justified list, where lines of words were
        // joined too: there a link alone on a line much longer than the
        // others is taken for a join.
        let mut s = justified_list();
        s = s.replacen("line x\nto its end", "line x to its end", 1);
        s.push_str("Adler, K. (2011, October 18). Spain’s stolen babies and the families who lived a lie. BBC\nNews.\nhttps://www.bbc.com/news/magazine15335899-spains-stolen-babies-and-the-families-who-lived-a-lie-in-madrid\n");
        let parsed = crate::apa::parse_list(&s);
        assert_eq!(parsed.len(), 13);
        assert_eq!(
            parsed[12].reference.url, None,
            "{:?}",
            parsed[12].diagnostics
        );
    }

    #[test]
    fn date_anchor() {
        let s = "Abbe, Cleveland (1838–1916). (n.d.). [Text]. Site.";
        let (open, _, d) = find_date(s).unwrap();
        assert_eq!(&s[open..open + 6], "(n.d.)");
        assert_eq!(d.status, DateStatus::NoDate);
        let s = "Zalta, E. N. (Ed.). (2019). Title.";
        let (open, _, _) = find_date(s).unwrap();
        assert_eq!(&s[open..open + 6], "(2019)");
    }

    #[test]
    fn sentence_case_titles() {
        assert!(sentence_case("A guide to Fortran IV programming"));
        assert!(!sentence_case("World Health Organization"));
        assert!(!sentence_case("Journal of Psychopharmacology"));
    }

    #[test]
    fn lower_case_words_are_not_in_names() {
        assert!(has_lower_case_word("Academic integrity"));
        assert!(has_lower_case_word("Hospital-acquired conditions."));
        assert!(!has_lower_case_word("The New York Times"));
        assert!(!has_lower_case_word("Journal of the History of Ideas"));
        // Abbreviations and short words are not words of a title.
        assert!(!has_lower_case_word("IOTC Proceedings No. 3 (pp. 102–103)"));
        assert!(!has_lower_case_word("(S.l.) : (s.n.)"));
        assert!(!has_lower_case_word("Mayo Clinic"));
    }

    #[test]
    fn group_author_before_a_title_in_sentence_case() {
        let body = "Hospital-acquired conditions. https://www.cms.gov/x";
        assert!(!pre_is_title(
            "Centers for Medicare & Medicaid Services.",
            body,
            None,
            None
        ));
        assert!(!pre_is_title(
            "Harvard University.",
            "Academic integrity.",
            None,
            None
        ));
        // A title before a site's name stays a title.
        assert!(pre_is_title(
            "Healthy eating habits.",
            "Mayo Clinic.",
            None,
            None
        ));
    }

    proptest::proptest! {
        /// Parsing a reference's own string (which the record may take
        /// for its raw text, when normalising keeps it) reads the same
        /// record as parsing a copy of it; the string is left as it was
        /// unless the record took it.
        #[test]
        fn taking_the_text_reads_the_same(
            s in "[A-Za-z .,&();:/\u{A0}\u{301}é–“”]{0,60}( \\(20[0-9][0-9]\\)\\.)?[A-Za-z .,&;:\u{AD}  ]{0,40}(https://doi\\.org/10\\.1/x| https : / / www \\. a \\. se / b)?"
        ) {
            let copied = parse(&s, 1, 1, false, &[]);
            let mut text = s.clone();
            let mut taken = Parsed::empty();
            let at = Place { line: 1, end_line: 1, wrapped: false, joins: &[] };
            parse_into_taking(&mut text, &at, &mut taken);
            proptest::prop_assert_eq!(&taken.reference, &copied.reference);
            proptest::prop_assert_eq!(&taken.diagnostics, &copied.diagnostics);
            proptest::prop_assert_eq!(&taken.spans, &copied.spans);
            proptest::prop_assert!(text.is_empty() || text == s);
        }
    }
}
