//! Citation keys and ids: deterministic, ASCII, unique within one output.
//!
//! A key is the first author's (or editor's) family name, the year and the
//! first significant word of the title, all folded to lower-case ASCII:
//! `glue2017ketamine`. Keys already used in the same output get `a`, `b`,
//! ... appended (`glue2017ketaminea`), so the same input always gives the
//! same keys and no two records share one.

use crate::model::{Name, Reference, Role};
use rustc_hash::FxHashMap as HashMap;

/// Words skipped when picking the title word of a key ([`is_stopword`]
/// knows them by heart).
#[cfg(test)]
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "and", "or", "for", "to", "at", "by", "with", "from", "is",
    "are", "as", "de", "la", "le", "les", "der", "die", "das", "el", "los", "un", "une", "et",
];

/// A word skipped when picking the title word of a key (folded): one
/// comparison per stopword of the same length, where a search of a list
/// compares with each.
fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "on"
            | "in"
            | "and"
            | "or"
            | "for"
            | "to"
            | "at"
            | "by"
            | "with"
            | "from"
            | "is"
            | "are"
            | "as"
            | "de"
            | "la"
            | "le"
            | "les"
            | "der"
            | "die"
            | "das"
            | "el"
            | "los"
            | "un"
            | "une"
            | "et"
    )
}

/// Folds text to lower-case ASCII letters and digits (transliterating
/// non-Latin scripts), keeping at most `max` characters.
pub fn ascii_fold(s: &str, max: usize) -> String {
    let mut out = String::new();
    fold_into(&mut out, s, max);
    out
}

/// Appends the folded form of `s` (at most `max` characters) to `out`.
fn fold_into(out: &mut String, s: &str, max: usize) {
    let start = out.len();
    // Most family names and title words are ASCII letters and digits
    // only: copied at once and lower-cased in place.
    if s.len() <= max && crate::swar::all_alphanumeric(s.as_bytes()) {
        out.push_str(s);
        if let Some(t) = out.get_mut(start..) {
            t.make_ascii_lowercase();
        }
        return;
    }
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() {
            for d in deunicode::deunicode_char(c).unwrap_or("").chars() {
                if d.is_ascii_alphanumeric() {
                    out.push(d.to_ascii_lowercase());
                }
            }
        }
        if out.len() - start >= max {
            out.truncate(start + max);
            break;
        }
    }
}

/// Appends the first word of `words` that folds to something other than a
/// stopword; true when one was found.
fn first_significant<'a>(
    out: &mut String,
    words: impl Iterator<Item = &'a str>,
    max: usize,
) -> bool {
    for w in words {
        let start = out.len();
        fold_into(out, w, max);
        // Char boundary: `start` was the length of `out` before the append.
        let folded = &out[start..];
        // No stopword is longer than four letters.
        if !folded.is_empty() && !is_stopword(folded) {
            return true;
        }
        out.truncate(start);
    }
    false
}

/// The key stem of a reference, before disambiguation.
pub fn key_stem(r: &Reference) -> String {
    let mut stem = String::with_capacity(40);
    push_key_stem(&mut stem, r);
    stem
}

/// The key `r` asks for before disambiguation (its own id when it has a
/// usable one, else [`key_stem`]), appended to `out`: [`KeyGen::key_for`]
/// makes it unique by appending letters to it.
pub fn stem_into(r: &Reference, out: &mut String) {
    match r.id.as_deref() {
        Some(id) if is_valid_key(id) => out.push_str(id),
        _ => push_key_stem(out, r),
    }
}

/// [`key_stem`], appended to `stem`.
fn push_key_stem(stem: &mut String, r: &Reference) {
    let start = stem.len();
    let who = r
        .names(Role::Author)
        .next()
        .or_else(|| r.names(Role::Editor).next())
        .or_else(|| r.contributors.first().map(|c| &c.name));
    match who {
        Some(Name::Person(p)) => fold_into(stem, &p.family, 20),
        // Group names: the first word that is not a stopword.
        Some(Name::Literal(l)) => {
            first_significant(stem, l.split_whitespace(), 20);
        }
        None => {}
    }
    if stem.len() == start {
        stem.push_str("anon");
    }
    match r.year() {
        Some(y) => stem.push_str(itoa::Buffer::new().format(y.unsigned_abs())),
        None => stem.push_str("nd"),
    }
    if let Some(title) = r.title.as_deref().or(r.container_title.as_deref()) {
        first_significant(stem, title_words(title), 16);
    }
}

/// The words of a title for its key: `title.split` at whitespace, `-`
/// and `/`, with ASCII read a byte at a time (no character decoded).
fn title_words(title: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(title);
    std::iter::from_fn(move || {
        let s = rest?;
        let bytes = s.as_bytes();
        let mut i = 0;
        // `i` is a char boundary: it moves by whole characters.
        while let Some(&b) = bytes.get(i) {
            let (len, separator) = if b.is_ascii() {
                (1, matches!(b, b'\t'..=b'\r' | b' ' | b'-' | b'/'))
            } else {
                let c = s.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
                (c.len_utf8(), c.is_whitespace())
            };
            if separator {
                rest = s.get(i + len..);
                return s.get(..i);
            }
            i += len;
        }
        rest = None;
        Some(s)
    })
}

/// Hands out unique keys with memory that grows with the number of
/// distinct stems, not with the number of records (a 1 GB list of
/// repeated references keeps a few thousand entries).
///
/// Only a counter per stem is kept, under a 64-bit hash of the stem. A key
/// `K` is taken when it was handed out as a stem, or when it is a stem `S`
/// plus a letter suffix `letters(n)` that `S` has already handed out
/// (`S`'s counter is past `n`): every split of `K` before a trailing run of
/// lower-case letters is tried, so `glue2017ketamine` + `a` and a natural
/// stem `glue2017ketaminea` never meet. A hash collision can only make a
/// free key look taken (the record then gets a suffix), never the reverse.
#[derive(Debug, Default)]
pub struct KeyGen {
    /// Per stem hash: how many suffixes the stem has tried so far.
    next: HashMap<u64, u32>,
    /// The length of the longest suffix any stem has tried: a key can only
    /// be a stem plus a suffix that was tried, so [`KeyGen::taken`] need
    /// not look up splits with a longer tail (with no duplicate stems, it
    /// looks up none).
    longest: usize,
}

/// Suffixes longer than this are never handed out (26^7 > u32::MAX).
const MAX_SUFFIX: usize = 7;

fn hash_key(k: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(k.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

/// `letters(n)` → `n`; `None` when `s` is not a suffix `letters` makes.
fn letters_index(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > MAX_SUFFIX || !s.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let mut n: u64 = 0;
    for b in s.bytes() {
        n = n * 26 + u64::from(b - b'a' + 1);
    }
    u32::try_from(n - 1).ok()
}

impl KeyGen {
    /// A new, empty key generator.
    pub fn new() -> KeyGen {
        KeyGen::default()
    }

    /// The key for `r`: its own id when it has a usable one, else a stem;
    /// made unique against every key handed out before.
    pub fn key_for(&mut self, r: &Reference) -> String {
        let mut key = String::new();
        self.key_into(r, &mut key);
        key
    }

    /// [`KeyGen::key_for`], written into `key` (which is cleared first
    /// and keeps its capacity).
    pub fn key_into(&mut self, r: &Reference, key: &mut String) {
        key.clear();
        stem_into(r, key);
        self.make_unique(key);
    }

    /// The key for a record whose [`stem_into`] is `stem`, written into
    /// `key` (cleared first): `stem` and the letters, if any, that make it
    /// unique against every key handed out before.
    pub fn key_from_stem(&mut self, stem: &str, key: &mut String) {
        key.clear();
        key.push_str(stem);
        self.make_unique(key);
    }

    /// Whether `k` was handed out before.
    fn taken(&self, k: &str) -> bool {
        self.taken_hashed(k, hash_key(k))
    }

    /// [`KeyGen::taken`], with `hash_key(k)` given.
    fn taken_hashed(&self, k: &str, hash: u64) -> bool {
        if self.next.contains_key(&hash) {
            return true;
        }
        // `k` = stem + suffix, for each split before a trailing run of
        // lower-case letters.
        let run = k
            .bytes()
            .rev()
            .take_while(u8::is_ascii_lowercase)
            .take(self.longest.min(MAX_SUFFIX))
            .count();
        (1..=run).any(|len| {
            let (stem, tail) = k.split_at(k.len() - len);
            !stem.is_empty()
                && letters_index(tail).is_some_and(|n| {
                    self.next
                        .get(&hash_key(stem))
                        .is_some_and(|&tried| tried > n)
                })
        })
    }

    /// `stem` if it is free, else `stem` plus the first free letter suffix.
    pub fn unique(&mut self, stem: String) -> String {
        let mut key = stem;
        self.make_unique(&mut key);
        key
    }

    /// [`KeyGen::unique`], in place: `candidate` holds the stem, and then
    /// the key.
    fn make_unique(&mut self, candidate: &mut String) {
        let h = hash_key(candidate);
        if !self.taken_hashed(candidate, h) {
            self.next.insert(h, 0);
            return;
        }
        let stem_len = candidate.len();
        loop {
            let n = self.next.get(&h).copied().unwrap_or(0);
            candidate.truncate(stem_len);
            push_letters(candidate, n as usize);
            // Tried from here on: `taken` must look at suffixes this long.
            self.longest = self.longest.max(candidate.len() - stem_len);
            let free = !self.taken(candidate);
            self.next.insert(h, n.saturating_add(1));
            if free {
                // Not registered: the stem's counter, now past `n`, marks
                // it taken.
                return;
            }
        }
    }
}

/// 0 → "a", 25 → "z", 26 → "aa", ...
#[cfg(test)]
fn letters(n: usize) -> String {
    let mut s = String::new();
    push_letters(&mut s, n);
    s
}

/// Appends `letters(n)` to `out`, without allocating: the letters are
/// made last first in a buffer on the stack (a `usize` has at most 14:
/// 26^14 > 2^64).
fn push_letters(out: &mut String, mut n: usize) {
    let mut buf = [0u8; 16];
    let mut at = buf.len();
    while at > 0 {
        at -= 1;
        if let Some(slot) = buf.get_mut(at) {
            *slot = b'a' + (n % 26) as u8;
        }
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    // (A letter or two, pushed as chars: no UTF-8 check of the buffer.)
    for &c in buf.get(at..).unwrap_or_default() {
        out.push(char::from(c));
    }
}

/// A key BibTeX, biber and Zotero all accept: ASCII letters, digits and
/// `-_:.`, not empty, at most 100 characters.
pub fn is_valid_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 100
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn title_words_are_the_split_words() {
        let split = |t: &str| -> Vec<String> {
            t.split(|c: char| c.is_whitespace() || c == '-' || c == '/')
                .map(String::from)
                .collect()
        };
        let mut texts: Vec<String> = [
            "",
            " ",
            "a",
            "a-",
            "-a",
            "a--b c/d",
            "Über\u{a0}die Zeit",
            "x\u{2009}y\u{3000}z",
        ]
        .map(String::from)
        .to_vec();
        // Every character between two letters.
        texts.extend(
            (0..0x3100)
                .filter_map(char::from_u32)
                .map(|c| format!("a{c}b {c}")),
        );
        for t in texts {
            let ours: Vec<String> = super::title_words(&t).map(String::from).collect();
            assert_eq!(ours, split(&t), "{t:?}");
        }
    }

    use super::*;
    use crate::model::Date;

    fn reference(family: &str, year: i32, title: &str) -> Reference {
        let mut r = Reference {
            issued: Some(Date::year(year)),
            title: Some(title.into()),
            ..Reference::default()
        };
        r.add_names(Role::Author, [Name::person(family, Some("P."))]);
        r
    }

    #[test]
    fn stopwords_are_short() {
        // `first_significant` compares only words of up to four letters.
        assert!(STOPWORDS.iter().all(|w| w.len() <= 4));
        // `is_stopword` knows the same words: every word of up to four
        // lower-case letters is tried.
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| (b'a'..=b'z').map(move |c| format!("{w}{}", char::from(c))))
                .collect();
            for w in &longer {
                assert_eq!(is_stopword(w), STOPWORDS.contains(&w.as_str()), "{w}");
            }
            words = longer;
        }
    }

    #[test]
    fn stem_is_family_year_title_word() {
        let r = reference("Glue", 2017, "Ketamine’s dose-related effects");
        assert_eq!(key_stem(&r), "glue2017ketamines");
        let r = reference("Gálvez", 2015, "The effects of low-dose ketamine");
        assert_eq!(key_stem(&r), "galvez2015effects");
    }

    #[test]
    fn collisions_get_letters() {
        let mut g = KeyGen::new();
        let r = reference("Glue", 2017, "Ketamine");
        assert_eq!(g.key_for(&r), "glue2017ketamine");
        assert_eq!(g.key_for(&r), "glue2017ketaminea");
        assert_eq!(g.key_for(&r), "glue2017ketamineb");
    }

    #[test]
    fn suffixed_keys_and_natural_stems_never_meet() {
        let mut g = KeyGen::new();
        assert_eq!(g.unique("smith2020model".into()), "smith2020model");
        assert_eq!(g.unique("smith2020model".into()), "smith2020modela");
        // A natural stem equal to a key handed out as a suffix.
        assert_eq!(g.unique("smith2020modela".into()), "smith2020modelaa");
        // The suffix after it skips what the natural stem took... and a
        // stem equal to a suffixed key of that is taken too.
        assert_eq!(g.unique("smith2020model".into()), "smith2020modelb");
        assert_eq!(g.unique("smith2020modelaa".into()), "smith2020modelaaa");
        // Natural stems first, then suffixes that would equal them.
        let mut g = KeyGen::new();
        assert_eq!(g.unique("ab".into()), "ab");
        assert_eq!(g.unique("a".into()), "a");
        assert_eq!(g.unique("a".into()), "aa");
        assert_eq!(g.unique("a".into()), "ac", "`ab` is taken");
    }

    #[test]
    fn keys_stay_unique_over_many_collisions() {
        let mut g = KeyGen::new();
        let mut seen = std::collections::HashSet::new();
        for i in 0..3000 {
            let stem = ["x", "xa", "xb", "xab", "xz"][i % 5];
            let k = g.unique(stem.to_string());
            assert!(is_valid_key(&k));
            assert!(seen.insert(k.clone()), "{k} handed out twice");
        }
        // Memory grows with the stems, not the records.
        assert!(g.next.len() <= 5, "{}", g.next.len());
    }

    #[test]
    fn letters_round_trip() {
        for n in [0usize, 1, 25, 26, 27, 701, 702, 18277, 100_000] {
            assert_eq!(letters_index(&letters(n)), Some(n as u32), "{n}");
        }
        assert_eq!(letters_index("A"), None);
        assert_eq!(letters_index(""), None);
    }

    #[test]
    fn letters_count_like_columns() {
        assert_eq!(letters(0), "a");
        assert_eq!(letters(25), "z");
        assert_eq!(letters(26), "aa");
        assert_eq!(letters(27), "ab");
    }

    #[test]
    fn non_latin_names_are_transliterated() {
        let r = reference("정영식", 2013, "온라인 수업");
        let k = key_stem(&r);
        assert!(is_valid_key(&k), "{k}");
        assert!(k.contains("2013"));
    }

    #[test]
    fn anonymous_undated_works_still_get_a_key() {
        let r = Reference {
            title: Some("16.1 powerpoint".into()),
            ..Reference::default()
        };
        assert_eq!(key_stem(&r), "anonnd161");
    }
}
