//! Byte tests eight bytes at a time ("SIMD within a register"), for the
//! scans that look for a few rare bytes in long text: a word of eight
//! bytes in which none can match is skipped with a few instructions.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// True when some byte of `w` is below `n` (for `n <= 0x80`). The lowest
/// byte `b < n` borrows in the subtraction and, being below 0x80, leaves
/// the high bit set there in `w - n * LO` and in `!w`; when no byte is
/// below `n`, no byte borrows and every result byte is `b - n` with the
/// high bit set only where `b` has it, which `!w` clears. (Bytes above the
/// lowest hit may be misreported after its borrow: only "some" is exact.)
pub(crate) fn any_below(w: u64, n: u8) -> bool {
    w.wrapping_sub(u64::from(n) * LO) & !w & HI != 0
}

/// True when some byte of `w` is `c`.
pub(crate) fn any_eq(w: u64, c: u8) -> bool {
    any_below(w ^ (u64::from(c) * LO), 1)
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
                for (lo, hi) in [(b'A', b'Z'), (0, 0x7f), (b'b', b'b'), (0x7f, 0x7f)] {
                    let want = (lo..=hi).contains(&b) || (lo..=hi).contains(&b'a');
                    assert_eq!(any_in(w, lo, hi), want, "{b:#x} in {lo:#x}..={hi:#x}");
                }
            }
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
