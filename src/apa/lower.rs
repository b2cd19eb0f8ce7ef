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

/// `s` in ASCII lower case, written into `buf`, when `s` is ASCII and
/// fits (else `None`): eight bytes a step, where `is_ascii` and then
/// `make_ascii_lowercase` passed over it twice, the second time byte by
/// byte.
pub(crate) fn ascii_lowercase_into<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    use crate::swar::{HI, LO};
    let src = s.as_bytes();
    let out = buf.get_mut(..src.len())?;
    // Every byte or-ed together: its high bit says whether one was not
    // ASCII.
    if src.len() < 8 {
        out.copy_from_slice(src);
        out.make_ascii_lowercase();
        return src.is_ascii().then_some(&*out);
    }
    let mut all = 0u64;
    // A word's bytes lower-cased into `o`.
    let mut word = |a: &[u8], o: &mut [u8]| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(a);
        let w = u64::from_le_bytes(bytes);
        all |= w;
        // For ASCII bytes (others give `None` below): at most 0x7f, plus
        // 0x3f or 0x25 carries into no other byte, and each sum's high bit
        // says whether the byte reached 'A', or passed 'Z'. A capital
        // gets 0x20, its high bit shifted down.
        let from_a = w.wrapping_add(u64::from(0x80 - b'A') * LO);
        let past_z = w.wrapping_add(u64::from(0x7f - b'Z') * LO);
        let lower = w | ((from_a & !past_z & HI) >> 2);
        o.copy_from_slice(&lower.to_le_bytes());
    };
    let mut from = src.chunks_exact(8);
    for (a, o) in (&mut from).zip(out.chunks_exact_mut(8)) {
        word(a, o);
    }
    // The last bytes in the word of the last eight, over bytes already
    // written the same.
    let at = src.len() - 8;
    if !from.remainder().is_empty()
        && let (Some(a), Some(o)) = (src.get(at..), out.get_mut(at..))
    {
        word(a, o);
    }
    (all & HI == 0).then_some(&*out)
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

    proptest::proptest! {
        #[test]
        fn ascii_lowercase_into_as_the_standard_library(s in "[ -~\u{80}é]{0,40}") {
            let mut buf = [0u8; 32];
            let want = (s.is_ascii() && s.len() <= 32).then(|| s.to_ascii_lowercase());
            let got = ascii_lowercase_into(&s, &mut buf).map(|b| String::from_utf8(b.to_vec()).unwrap());
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn ascii_lowercase_into_every_byte() {
        // Each ASCII byte in every place of a word and of the rest.
        for b in 0..0x80u8 {
            for at in 0..11 {
                let mut s = vec![b'Q'; 11];
                s[at] = b;
                let s = String::from_utf8(s).unwrap();
                let mut buf = [0u8; 16];
                assert_eq!(
                    ascii_lowercase_into(&s, &mut buf),
                    Some(s.to_ascii_lowercase().as_bytes())
                );
            }
        }
        assert_eq!(ascii_lowercase_into("abcdefghé", &mut [0u8; 16]), None);
        assert_eq!(ascii_lowercase_into("abcdefgh", &mut [0u8; 4]), None);
    }

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
