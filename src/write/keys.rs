//! Citation keys and ids: deterministic, ASCII, unique within one output.
//!
//! A key is the first author's (or editor's) family name, the year and the
//! first significant word of the title, all folded to lower-case ASCII:
//! `glue2017ketamine`. Keys already used in the same output get `a`, `b`,
//! ... appended (`glue2017ketaminea`), so the same input always gives the
//! same keys and no two records share one.

use crate::model::{Name, Reference, Role};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Words skipped when picking the title word of a key.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "and", "or", "for", "to", "at", "by", "with", "from", "is",
    "are", "as", "de", "la", "le", "les", "der", "die", "das", "el", "los", "un", "une", "et",
];

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
        if !folded.is_empty() && !STOPWORDS.contains(&folded) {
            return true;
        }
        out.truncate(start);
    }
    false
}

/// The key stem of a reference, before disambiguation.
pub fn key_stem(r: &Reference) -> String {
    let who = r
        .names(Role::Author)
        .next()
        .or_else(|| r.names(Role::Editor).next())
        .or_else(|| r.contributors.first().map(|c| &c.name));
    let mut stem = String::with_capacity(40);
    match who {
        Some(Name::Person(p)) => fold_into(&mut stem, &p.family, 20),
        // Group names: the first word that is not a stopword.
        Some(Name::Literal(l)) => {
            first_significant(&mut stem, l.split_whitespace(), 20);
        }
        None => {}
    }
    if stem.is_empty() {
        stem.push_str("anon");
    }
    match r.year() {
        Some(y) => {
            use std::fmt::Write as _;
            let _ = write!(stem, "{}", y.unsigned_abs());
        }
        None => stem.push_str("nd"),
    }
    if let Some(title) = r.title.as_deref().or(r.container_title.as_deref()) {
        first_significant(
            &mut stem,
            title.split(|c: char| c.is_whitespace() || c == '-' || c == '/'),
            16,
        );
    }
    stem
}

/// Hands out unique keys for one output.
#[derive(Debug, Default)]
pub struct KeyGen {
    used: HashSet<String>,
    /// Per stem, the next letter suffix to try, so that many records with
    /// the same stem cost constant time each.
    next: HashMap<String, usize>,
}

impl KeyGen {
    /// A new, empty key generator.
    pub fn new() -> KeyGen {
        KeyGen::default()
    }

    /// The key for `r`: its own id when it has a usable one, else a stem;
    /// made unique against every key handed out before.
    pub fn key_for(&mut self, r: &Reference) -> String {
        let stem = match r.id.as_deref() {
            Some(id) if is_valid_key(id) => id.to_string(),
            _ => key_stem(r),
        };
        self.unique(stem)
    }

    /// Makes `stem` unique by appending `a`, `b`, ... `z`, `aa`, ...
    pub fn unique(&mut self, stem: String) -> String {
        if !self.used.contains(&stem) {
            self.used.insert(stem.clone());
            return stem;
        }
        let n = self.next.entry(stem.clone()).or_insert(0);
        loop {
            let candidate = format!("{stem}{}", letters(*n));
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// 0 → "a", 25 → "z", 26 → "aa", ...
fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
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
