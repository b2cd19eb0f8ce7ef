//! Byte tests eight bytes at a time ("SIMD within a register"), for the
//! scans that look for a few rare bytes in long text: a word of eight
//! bytes in which none can match is skipped with a few instructions.

/// A one in each byte.
pub(crate) const LO: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte.
pub(crate) const HI: u64 = 0x8080_8080_8080_8080;

/// Whether some byte of `w` is below `n` (the tests' question; the
/// library or-s [`below_bits`]).
#[cfg(test)]
pub(crate) fn any_below(w: u64, n: u8) -> bool {
    below_bits(w, n) != 0
}

/// Bits (high bits of bytes) that are not zero exactly when some byte of
/// `w` is below `n` (for `n <= 0x80`): to be or-ed with other tests' into
/// one test, without a branch for each. The lowest byte `b < n` borrows
/// in the subtraction and, being below 0x80, leaves the high bit set there
/// in `w - n * LO` and in `!w`; when no byte is below `n`, no byte borrows
/// and every result byte is `b - n` with the high bit set only where `b`
/// has it, which `!w` clears. (Bytes above the lowest hit may be
/// misreported after its borrow: only "some" is exact.)
pub(crate) fn below_bits(w: u64, n: u8) -> u64 {
    w.wrapping_sub(u64::from(n) * LO) & !w & HI
}

/// Whether some byte of `w` is `c` (the tests' question; the library
/// or-s [`eq_bits`]).
#[cfg(test)]
pub(crate) fn any_eq(w: u64, c: u8) -> bool {
    eq_bits(w, c) != 0
}

/// Bits that are not zero exactly when some byte of `w` is `c`, as
/// [`below_bits`] gives them.
pub(crate) fn eq_bits(w: u64, c: u8) -> u64 {
    below_bits(w ^ (u64::from(c) * LO), 1)
}

/// Whether `bytes` has a byte `a`, and whether it has a byte `b`: eight
/// bytes at a time, the last word overlapping the one before (a text
/// shorter than a word, byte by byte).
pub(crate) fn has_each(bytes: &[u8], a: u8, b: u8) -> (bool, bool) {
    if bytes.len() < 8 {
        return bytes
            .iter()
            .fold((false, false), |(x, y), &c| (x | (c == a), y | (c == b)));
    }
    let (mut bits_a, mut bits_b) = (0, 0);
    let mut test = |chunk: &[u8]| {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        bits_a |= eq_bits(w, a);
        bits_b |= eq_bits(w, b);
    };
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        test(chunk);
    }
    if !chunks.remainder().is_empty()
        && let Some(last) = bytes.get(bytes.len() - 8..)
    {
        test(last);
    }
    (bits_a != 0, bits_b != 0)
}

/// True when some byte of `w` is ASCII from `lo` to `hi` (both below
/// 0x80). Without their high bits the bytes are at most 0x7f, and adding
/// at most 0x80 to them carries into no other byte: the high bit of each
/// result byte says whether that byte reached `lo`, or passed `hi`.
pub(crate) fn any_in(w: u64, lo: u8, hi: u8) -> bool {
    let x = w & !HI;
    let from_lo = x + u64::from(0x80 - lo) * LO;
    let above_hi = x + u64::from(0x7f - hi) * LO;
    from_lo & !above_hi & !w & HI != 0
}

/// Whether every byte of `bytes` is an ASCII letter or digit: eight bytes
/// at a time, the last word overlapping the one before (a text shorter
/// than a word, byte by byte). In a word of ASCII bytes, a digit is a
/// byte from '0' to '9' and a letter one that, with the bit of case set,
/// is from 'a' to 'z' (setting it moves no other byte there), each by
/// [`any_in`]'s sums.
pub(crate) fn all_alphanumeric(bytes: &[u8]) -> bool {
    if bytes.len() < 8 {
        return bytes.iter().all(u8::is_ascii_alphanumeric);
    }
    let word_ok = |chunk: &[u8]| {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let within = |x: u64, lo: u8, hi: u8| {
            (x + u64::from(0x80 - lo) * LO) & !(x + u64::from(0x7f - hi) * LO) & HI
        };
        (w & HI) == 0 && (within(w, b'0', b'9') | within(w | (0x20 * LO), b'a', b'z')) == HI
    };
    let mut chunks = bytes.chunks_exact(8);
    chunks.all(word_ok)
        && (chunks.remainder().is_empty() || bytes.get(bytes.len() - 8..).is_some_and(word_ok))
}

/// True when some byte of `w` is not printable ASCII or the space: below
/// 0x20, DEL, or not ASCII. Without their high bits the bytes are at most
/// 0x7f, and adding 1 or 0x60 to them carries into no other byte: the
/// high bit of each sum says whether that byte was DEL, or reached 0x20.
pub(crate) fn any_unprintable(w: u64) -> bool {
    let x = w & !HI;
    let del = x + LO;
    let from_space = x + 0x60 * LO;
    (w | del | !from_space) & HI != 0
}

/// True when some byte of `w` is not ASCII.
pub(crate) fn any_high(w: u64) -> bool {
    w & HI != 0
}

/// The first offset in `bytes` where `hit` holds. Whole words of eight
/// bytes for which `maybe` is false are skipped without testing their
/// bytes; `maybe` must be true for every word that has a byte `hit`
/// holds for. The last bytes (fewer than eight) are tested in the word
/// of the last eight bytes, when there are eight.
pub(crate) fn position(
    bytes: &[u8],
    maybe: impl Fn(u64) -> bool,
    hit: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut done = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if maybe(u64::from_le_bytes(word)) {
            let rest = bytes.get(done..).unwrap_or_default();
            return rest.iter().position(|&b| hit(b)).map(|i| done + i);
        }
        done += 8;
    }
    let rest = chunks.remainder();
    if rest.is_empty() {
        return None;
    }
    // The last eight bytes hold the rest (and bytes already found clean).
    if let Some(last) = bytes.len().checked_sub(8).and_then(|at| bytes.get(at..)) {
        let mut word = [0u8; 8];
        word.copy_from_slice(last);
        if !maybe(u64::from_le_bytes(word)) {
            return None;
        }
    }
    rest.iter().position(|&b| hit(b)).map(|i| done + i)
}

/// The offset of the first byte `c` in `bytes` at or after `from`, eight
/// bytes at a time: for the short runs between spaces (words), where a
/// byte loop takes several instructions a byte and a `memchr` call costs
/// its setup. The last bytes (fewer than eight) are tested in the word of
/// the last eight bytes, with the bytes before `from` masked off.
#[inline]
pub(crate) fn find_byte(bytes: &[u8], from: usize, c: u8) -> Option<usize> {
    let pattern = u64::from(c) * LO;
    // The bytes of `w` equal to `c`, as their high bits: exact for every
    // byte (the last word's bytes before `from` are masked off, and a hit
    // there must not spill into the bytes above it). Without its high
    // bit, a byte plus 0x7f carries into its high bit unless it is zero,
    // and into no other byte.
    let hits = |w: u64| {
        let x = w ^ pattern;
        !(((x & !HI) + !HI) | x) & HI
    };
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let h = hits(u64::from_le_bytes(word));
        if h != 0 {
            return Some(at + (h.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let skip = (at + 8).checked_sub(bytes.len())?;
    if skip >= 8 {
        // Nothing left at or after `at`.
        return None;
    }
    match bytes.len().checked_sub(8).and_then(|s| bytes.get(s..)) {
        Some(last) => {
            let mut word = [0u8; 8];
            word.copy_from_slice(last);
            // The first `skip` bytes of the word come before `at`:
            // tested already, or before `from`.
            let h = hits(u64::from_le_bytes(word)) & (!0u64 << (8 * skip));
            (h != 0).then(|| bytes.len() - 8 + (h.trailing_zeros() / 8) as usize)
        }
        // Fewer than eight bytes in all.
        None => bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|&b| b == c))
            .map(|i| at + i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tests_are_exact() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = [b'a'; 8];
                word[at] = b;
                let w = u64::from_le_bytes(word);
                for n in [1u8, 0x20, 0x61, 0x80] {
                    assert_eq!(any_below(w, n), b < n || b'a' < n, "{b:#x} < {n:#x}");
                }
                for c in [0u8, b'"', b'\\', 0x7f, 0xff] {
                    assert_eq!(any_eq(w, c), b == c || c == b'a', "{b:#x} == {c:#x}");
                }
                assert_eq!(any_high(w), b >= 0x80);
                assert_eq!(any_unprintable(w), !(0x20..0x7f).contains(&b), "{b:#x}");
                for (lo, hi) in [(b'A', b'Z'), (0, 0x7f), (b'b', b'b'), (0x7f, 0x7f)] {
                    let want = (lo..=hi).contains(&b) || (lo..=hi).contains(&b'a');
                    assert_eq!(any_in(w, lo, hi), want, "{b:#x} in {lo:#x}..={hi:#x}");
                }
            }
        }
    }

    #[test]
    fn all_alphanumeric_as_the_standard_library() {
        for len in 0..20usize {
            for at in 0..len {
                for c in 0..=255u8 {
                    let mut s = vec![b'a'; len];
                    s[len / 3] = b'Z';
                    s[at] = c;
                    let want = s.iter().all(u8::is_ascii_alphanumeric);
                    assert_eq!(all_alphanumeric(&s), want, "{len} {at} {c:#x}");
                }
            }
        }
        assert!(all_alphanumeric(b""));
    }

    #[test]
    fn has_each_finds_both_anywhere() {
        for len in 0..24usize {
            for at in [None, Some(0), Some(len / 2), Some(len.saturating_sub(1))] {
                let mut s = vec![b'x'; len];
                if let Some(i) = at.filter(|&i| i < len) {
                    s[i] = b'&';
                }
                let want = (s.contains(&b'&'), s.contains(&b'.'));
                assert_eq!(has_each(&s, b'&', b'.'), want, "{len} {at:?}");
                if let Some(i) = at.filter(|&i| i < len) {
                    s[i] = b'.';
                }
                let want = (s.contains(&b'&'), s.contains(&b'.'));
                assert_eq!(has_each(&s, b'&', b'.'), want, "{len} {at:?}");
            }
        }
    }

    #[test]
    fn find_byte_finds_the_first_at_or_after() {
        for len in 0..40 {
            for from in 0..=len + 1 {
                for (a, b) in [(None, None), (Some(0), None), (Some(3), Some(9))] {
                    let mut s = vec![b'x'; len];
                    for at in [a, b].into_iter().flatten() {
                        if at < len {
                            s[at] = b' ';
                        }
                    }
                    let want = s
                        .iter()
                        .enumerate()
                        .skip(from)
                        .find(|&(_, &c)| c == b' ')
                        .map(|(i, _)| i);
                    assert_eq!(find_byte(&s, from, b' '), want, "{len} {from} {a:?} {b:?}");
                }
            }
        }
        // A hit before `from` in the last word says nothing about the
        // bytes after it ("!" is one above the space).
        assert_eq!(find_byte(b"abcdefg !x", 8, b' '), None);
        assert_eq!(find_byte(b"a !x", 2, b' '), None);
        for b in 0..=255u8 {
            let mut s = [b'a'; 11];
            s[5] = b;
            s[9] = b'-';
            let want = if b == b'-' { 5 } else { 9 };
            assert_eq!(find_byte(&s, 1, b'-'), Some(want));
        }
    }

    #[test]
    fn position_finds_the_first() {
        let is_quote = |b: u8| b == b'"';
        for len in 0..40 {
            for at in 0..len {
                let mut s = vec![b'x'; len];
                s[at] = b'"';
                if at + 3 < len {
                    s[at + 3] = b'"';
                }
                assert_eq!(position(&s, |w| any_eq(w, b'"'), is_quote), Some(at));
            }
            assert_eq!(
                position(&vec![b'x'; len], |w| any_eq(w, b'"'), is_quote),
                None
            );
        }
    }
}
