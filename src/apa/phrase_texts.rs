//! Test inputs for the phrase searchers' property tests: texts made of
//! listed phrases, whole or cut at char boundaries, and a few other
//! characters, so that phrases, near misses and overlaps all come up.

use proptest::prelude::*;

/// Texts of up to `max` pieces: phrases of `phrases`, whole or cut, and
/// runs of up to three characters of the class `other` (a regex class,
/// "[a-z .]").
pub(crate) fn phrase_texts(
    phrases: &[&str],
    other: &'static str,
    max: usize,
) -> impl Strategy<Value = String> + use<> {
    let whole: Vec<String> = phrases.iter().map(|p| p.to_string()).collect();
    let pieces: Vec<String> = phrases
        .iter()
        .flat_map(|p| {
            let cuts: Vec<usize> = (0..=p.len()).filter(|&i| p.is_char_boundary(i)).collect();
            cuts.iter()
                .flat_map(|&a| {
                    cuts.iter()
                        .filter(move |&&b| b > a)
                        .map(move |&b| p[a..b].to_string())
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let piece = prop_oneof![
        2 => proptest::sample::select(whole),
        3 => proptest::sample::select(pieces),
        2 => proptest::string::string_regex(&format!("{other}{{0,3}}")).expect("a regex class"),
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|ps| ps.concat())
}
