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
            Lower(Cow::Owned(self.to_lowercase()))
        }
    }
}
