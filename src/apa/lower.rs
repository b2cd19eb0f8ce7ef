//! Cheap lower-casing: most text the parser lower-cases for comparisons is
//! already lower-case ASCII, so borrowing it avoids an allocation.

use std::borrow::Cow;
use std::ops::Deref;

/// Text in lower case, borrowed when it already was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lower<'a>(Cow<'a, str>);

impl Lower<'_> {
    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

/// `s` without `prefix` (ASCII), compared ignoring ASCII case.
pub(crate) fn strip_prefix_ascii_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let (head, rest) = s.split_at_checked(prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then_some(rest)
}

/// `s` without `suffix` (ASCII), compared ignoring ASCII case.
pub(crate) fn strip_suffix_ascii_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let (head, tail) = s.split_at_checked(s.len().checked_sub(suffix.len())?)?;
    tail.eq_ignore_ascii_case(suffix).then_some(head)
}

/// `.lc()`: lower-case without allocating when there is nothing to change.
pub(crate) trait Lc {
    /// The lower-case form.
    fn lc(&self) -> Lower<'_>;
}

impl Lc for str {
    fn lc(&self) -> Lower<'_> {
        if self.is_ascii() {
            if self.bytes().any(|b| b.is_ascii_uppercase()) {
                Lower(Cow::Owned(self.to_ascii_lowercase()))
            } else {
                Lower(Cow::Borrowed(self))
            }
        } else {
            Lower(Cow::Owned(to_lowercase(self)))
        }
    }
}

/// `s.to_lowercase()`, from `s.to_ascii_lowercase()` (one copy, no char
/// walk): the ASCII letters are lowered there, and most other characters
/// (accents, dashes, curly quotes) are their own lower case. The text is
/// walked char by char only from the first that is not ("É", "Ö"). Σ,
/// whose lower case depends on the letters around it, is left to the
/// standard library.
pub(crate) fn to_lowercase(s: &str) -> String {
    use crate::swar::any_high;
    let mut out = s.to_ascii_lowercase();
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        // The next byte that is not ASCII, eight bytes at a time.
        let Some(k) = b
            .get(i..)
            .and_then(|rest| crate::swar::position(rest, any_high, |c| !c.is_ascii()))
        else {
            return out;
        };
        i += k;
        // Char boundary: `i` is 0, or after ASCII bytes, or after a whole
        // character: a byte that is not ASCII there starts a character.
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            return out;
        };
        if is_own_lower_case(c) || {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        } {
            i += c.len_utf8();
            continue;
        }
        // Lower-casing ASCII keeps every byte offset: `out` has the same
        // char boundaries as `s`, and holds the lower case of `s[..i]`.
        out.truncate(i);
        for c in s.get(i..).unwrap_or_default().chars() {
            if c == 'Σ' {
                return s.to_lowercase();
            }
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if is_own_lower_case(c) {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
        }
        return out;
    }
}

/// True for characters of the blocks reference lists have most that are
/// their own lower case (the Latin-1 lower-case letters, basic Cyrillic
/// lower case, general punctuation, kana and CJK ideographs): answered
/// without the Unicode case tables. False says nothing.
fn is_own_lower_case(c: char) -> bool {
    matches!(
        c,
        '\u{DF}'..='\u{FF}'
            | '\u{430}'..='\u{45F}'
            | '\u{2000}'..='\u{206F}'
            | '\u{3040}'..='\u{30FF}'
            | '\u{4E00}'..='\u{9FFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_lower_case_as_the_standard_library() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_own_lower_case(c))
        {
            assert!(c.to_lowercase().eq([c]), "{c:?}");
        }
    }

    #[test]
    fn lower_case_as_the_standard_library() {
        for s in [
            "",
            "ABC",
            "Émile Zola’s “Œuvres”",
            "ΣΑΣ ΟΔΟΣ",
            "İstanbul",
            "\u{212A}elvin",
            "ǅungla",
            "ẞ straße",
            "a\u{0301}B",
        ] {
            assert_eq!(to_lowercase(s), s.to_lowercase(), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn lower_case_agrees(s in "[a-zA-Z .’éÉÖöΣσİıẞ\u{212A}ǅ\u{0301}Ⅻ]{0,30}") {
            proptest::prop_assert_eq!(to_lowercase(&s), s.to_lowercase());
        }

        #[test]
        fn lower_case_agrees_on_any_text(s in "\\PC{0,30}") {
            proptest::prop_assert_eq!(to_lowercase(&s), s.to_lowercase());
        }
    }
}
