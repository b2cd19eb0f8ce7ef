//! Titles and what APA attaches to them: bracketed descriptions
//! (`[Data set]`, `[Doctoral dissertation, University]`, a translated
//! title), and parenthetical details (`(2nd ed., Vol. 3)`, `(Report No.
//! 12)`, `(M. Ritchie, Trans.)`, `(Version 1.2)`, `(Original work published
//! 1900)`).

use super::lower::{Lc, strip_prefix_ascii_ci, strip_suffix_ascii_ci};
use super::parse::{Ctx, strip_period};
use super::scan::FastTrim as _;
use super::{date, names, scan};
use crate::model::{DateParts, Field, ItemType, Role};
#[cfg(test)]
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// One part of a parenthetical after a title or book title.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Detail<'a> {
    Edition(String),
    Volume(&'a str),
    Page(&'a str),
    Number {
        genre: Option<&'a str>,
        number: &'a str,
    },
    Version(&'a str),
    Thesis {
        genre: &'a str,
        publisher: Option<&'a str>,
    },
    Original(crate::model::Date),
    /// A kind of report with no number: "(Report)", "(Tech. Rep.)".
    Kind(&'a str),
    /// A TV series' season: "(Season 3, Episode 12)" (as the volume).
    Season(&'a str),
    /// An episode's number: "(Season 3, Episode 12)", "(Episode 4)".
    Episode(&'a str),
    Unknown(&'a str),
}

/// Kinds of report a title's details may name without a number, lower
/// case, without a final period.
const REPORT_KINDS: &[&str] = &[
    "report",
    "tech. rep",
    "technical report",
    "research report",
    "final report",
    "working paper",
    "discussion paper",
    "white paper",
    "policy brief",
    "issue brief",
    "fact sheet",
    "occasional paper",
    "briefing paper",
    "research brief",
    "annual report",
    "progress report",
    "evaluation report",
    "evaluation",
    "paper",
    "research paper",
    "policy paper",
    "position paper",
    "background paper",
    "consultation paper",
    "green paper",
    "brief",
    "technical note",
    "policy note",
    "briefing note",
    "guidance note",
    "product page",
    "rapport",
    "informe",
    "bericht",
];

const ORDINAL_WORDS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
];

/// Words that mark an edition statement, in the languages of reference
/// lists.
fn is_edition_word(w: &str) -> bool {
    // (A match: a test of the length, then of the bytes, where a list is
    // compared with the word entry by entry.)
    matches!(
        w,
        "ed" | "edn"
            | "edition"
            | "éd"
            | "édition"
            | "edición"
            | "edição"
            | "edizione"
            | "ediţia"
            | "ediția"
            | "editio"
            | "aufl"
            | "auflage"
            | "ausg"
            | "ausgabe"
            | "izd"
            | "baskı"
            | "bs"
            | "izdanje"
            | "izdaja"
            | "ponatis"
            | "wyd"
            | "wydanie"
            | "uppl"
            | "upplaga"
            | "utg"
            | "utgave"
            | "druk"
            | "oplag"
            | "painos"
            | "kiadás"
            | "vydání"
            | "printing"
            | "impression"
            | "reprint"
            | "pbk"
            | "rev"
            | "revised"
            | "expanded"
            | "abridged"
    )
}

/// "2nd ed." or "3rd edn": an ordinal and the English abbreviation, the
/// form that cannot be a title's own last words.
/// An edition printed without its word, as a record gives it and
/// biblatex-apa prints it: "(4th)", "(First American)", "(1. publ.)". An
/// English ordinal alone or before a word that qualifies editions
/// ("American", "revised", "paperback"; not "Second Session"), or a
/// numbered "publ." (a catalogue's "first published").
fn is_bare_ordinal(p: &str) -> bool {
    let mut words = p.split_whitespace();
    let (Some(first), second, None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    let lower = first.lc();
    let digits = lower.trim_start_matches(|c: char| c.is_ascii_digit());
    let english = digits.len() < lower.len() && matches!(digits, "st" | "nd" | "rd" | "th")
        || ORDINAL_WORDS.iter().any(|(w, _)| lower == *w);
    match second {
        None => english,
        Some(w) if english => matches!(
            w.lc().trim_end_matches(['.', ',']),
            "american"
                | "english"
                | "british"
                | "canadian"
                | "australian"
                | "international"
                | "us"
                | "uk"
                | "revised"
                | "enlarged"
                | "paperback"
                | "printing"
                | "impression"
        ),
        Some(w) => digits == "." && digits.len() < lower.len() && w.eq_ignore_ascii_case("publ."),
    }
}

/// Words that say which printing or kind of edition, not that it is one.
fn is_edition_qualifier(w: &str) -> bool {
    matches!(
        w,
        "printing" | "impression" | "reprint" | "pbk" | "rev" | "revised" | "expanded" | "abridged"
    )
}

/// An edition statement starting a source element, as some lists print
/// it, outside parentheses: "3rd ed. Sage." → ("3rd ed.", "Sage."). Only
/// the English ordinal and "ed." / "edn": the form that cannot start a
/// publisher's name.
pub(crate) fn leading_edition(src: &str) -> Option<(&str, &str)> {
    // (Cheap test first: a digit starts it.)
    if !src.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (ordinal, rest) = scan::split_once_space(src)?;
    let (marker, rest) = scan::split_once_space(rest)?;
    let statement = src.get(..ordinal.len() + 1 + marker.len())?;
    (marker.ends_with('.') && is_bare_english_edition(statement) && !rest.fast_trim().is_empty())
        .then_some((statement, rest.fast_trim()))
}

fn is_bare_english_edition(s: &str) -> bool {
    let Some((ordinal, marker)) = scan::split_once_space(scan::trim(s)) else {
        return false;
    };
    let digits = ordinal.trim_start_matches(|c: char| c.is_ascii_digit());
    digits.len() < ordinal.len()
        && matches!(digits, "st" | "nd" | "rd" | "th")
        && matches!(marker.trim_end_matches('.'), "ed" | "edn")
}

/// "2nd ed." → "2"; "second edition" → "2"; anything else that says
/// edition ("Rev. ed.", "7., vollständig überarbeitete Auflage", "3.
/// ponatis", "1st MIT pbk. ed") → the phrase as printed.
pub(crate) fn edition_of(part: &str) -> Option<String> {
    let p = part
        .fast_trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .fast_trim();
    let lower = p.lc();
    // A number and the word for edition, as a citation style localised
    // to the list's language prints an edition number: "(4th Aufl.)",
    // "(16. Aufl.)", "(16ᵉ éd.)", "(16de dr.)", "(16-е изд.)", "(16:e
    // uppl.)", "(16 本)". The number, as in "2nd ed.". (Not a statement
    // typed in the record's language, as "3. ponatis" or "1. izd.", or
    // "2. Auflage", which such a style prints as it was typed; nor "2.
    // Aufl" without the period the locales print, typed so in a record.)
    if let Some((ordinal, word)) = scan::split_once_space(&lower)
        && let Some(tail) = ordinal.strip_prefix(|c: char| c.is_ascii_digit())
        && let tail = tail.trim_start_matches(|c: char| c.is_ascii_digit())
        && let stop = word.fast_trim().ends_with('.')
        && let word = word.fast_trim().trim_end_matches('.')
        && {
            let english = matches!(tail, "st" | "nd" | "rd" | "th");
            english && is_edition_word(word) && !is_edition_qualifier(word)
                || matches!(
                    (tail, word),
                    ("st" | "nd" | "rd" | "th", "dr" | "版" | "本" | "판")
                        | ("." | "", "bs" | "版" | "本" | "판")
                )
                || stop
                    && matches!(
                        (tail, word),
                        ("." | "", "aufl" | "wyd")
                            | ("ᵉ" | "e" | "ʳᵉ" | "re" | "er", "éd")
                            | ("de" | "e" | "ste", "dr")
                            | ("-е", "изд")
                            | (":e" | ":a", "uppl")
                    )
        }
    {
        let digits = ordinal.len()
            - ordinal
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        // Char boundary: the first `digits` bytes are ASCII digits.
        return Some(ordinal[..digits].to_string());
    }
    let split = || {
        lower
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '(' | ')' | '-'))
            .filter(|w| !w.is_empty())
    };
    // (Asked of the words before they are collected: most parts name no
    // edition.)
    if !split().any(is_edition_word) {
        return None;
    }
    let words: Vec<&str> = split().collect();
    // A bare "Rev." or "ed." alone is not an edition statement.
    if words.len() < 2 {
        return None;
    }
    // "2nd ed.", "second edition", "1.ª ed.": the number.
    let (&first, rest) = words.split_first()?;
    // A number and "ed." becomes the number, also with the ordinal
    // indicator a Spanish or Portuguese style prints ("1.ª ed."). Other
    // languages' words stay as printed ("3. ponatis", "7. Aufl."): a
    // record typed in that language keeps its edition statement, and an
    // English-language list prints it as it was typed.
    let marker = |w: &str| matches!(w, "ed" | "edn" | "edition");
    let ordinal_mark = |w: &str| matches!(w, "ª" | "º" | "a" | "o" | "e" | "er" | "ème" | "°");
    let rest_is_marker = match rest {
        [m] => marker(m),
        [o, m] => ordinal_mark(o) && marker(m),
        _ => false,
    };
    if rest_is_marker {
        let digits: String = first.chars().take_while(char::is_ascii_digit).collect();
        let tail = first.trim_start_matches(|c: char| c.is_ascii_digit());
        if !digits.is_empty()
            && matches!(
                tail,
                "" | "st"
                    | "nd"
                    | "rd"
                    | "th"
                    | "e"
                    | "er"
                    | "ème"
                    | "a"
                    | "ª"
                    | "º"
                    | "te"
                    | "de"
                    | "°"
            )
        {
            return Some(digits);
        }
        if let Some((_, n)) = ORDINAL_WORDS.iter().find(|(w, _)| *w == first) {
            return Some(n.to_string());
        }
    }
    // "Rev. ed." → "Rev."; "Spring 2019 ed." → "Spring 2019".
    for suffix in [" ed.", " ed", " edition", " edn", " edn."] {
        if let Some(head) = strip_suffix_ascii_ci(p, suffix) {
            let head = scan::trim(head);
            if !head.is_empty() {
                return Some(head.to_string());
            }
        }
    }
    Some(p.trim_end_matches('.').fast_trim().to_string())
}

fn strip_prefix_ci<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    // (The first byte first, as `eq_ignore_ascii_case` compares it: most
    // parts start with none of the prefixes' letters.)
    let first = s.as_bytes().first()?.to_ascii_lowercase();
    prefixes
        .iter()
        .filter(|p| p.as_bytes().first().map(u8::to_ascii_lowercase) == Some(first))
        .find_map(|p| strip_prefix_ascii_ci(s, p))
        .map(str::trim)
}

/// Classifies one comma-separated part of a parenthetical.
pub(crate) fn detail_of(part: &str) -> Detail<'_> {
    detail_known(part, None)
}

/// [`detail_of`], told whether the part names a thesis (`is_thesis_word`
/// of its lower case) when that was asked already.
/// "J. Brown, Ed., pp. 1–20": names and a role marker, then details
/// after a comma; gives the role's text and the rest.
fn role_then_details(part: &str) -> Option<(&str, &str)> {
    // (Cheap test first: a role marker ends with a period, and the text
    // holds one before a comma.)
    if !part.contains("., ") {
        return None;
    }
    let pieces = scan::split_top(part, ',');
    // Char boundary: `split_top` gives offsets from `char_indices`.
    let k = pieces
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, (a, b))| names::role_of_marker(part[*a..*b].fast_trim()).is_some())
        .map(|(k, _)| k)?;
    let (_, role_end) = *pieces.get(k)?;
    let (rest_start, _) = *pieces.get(k + 1)?;
    // Char boundary: as above.
    let rest = part[rest_start..].fast_trim();
    (!rest.is_empty()).then(|| (part[..role_end].fast_trim(), rest))
}

fn detail_known(part: &str, thesis: Option<bool>) -> Detail<'_> {
    let p = scan::trim(part);
    // A season and an episode of a TV series (APA 7: "Lemons (Season 3,
    // Episode 12) [TV series episode]"). (Cheap test first: the letter.)
    if p.starts_with(['S', 's', 'E', 'e']) {
        let digits = |v: &str| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
        if let Some(v) = strip_prefix_ci(p, &["season "])
            && digits(v)
        {
            return Detail::Season(v);
        }
        if let Some(v) = strip_prefix_ci(p, &["episode "])
            && digits(v)
        {
            return Detail::Episode(v);
        }
    }
    if let Some(v) = strip_prefix_ci(
        p,
        &[
            "vols.", "vol.", "vols ", "vol ", "volume ", "volumes ", "bd.", "band ", "tome ",
            "t. ", "т. ", "Т. ", "卷 ",
        ],
    ) && !v.is_empty()
    {
        return Detail::Volume(v);
    }
    // Turkish "C." (cilt), before a volume's number: not a year, which
    // would be "c. 1850", circa.
    if let Some(v) = p.strip_prefix("C. ")
        && (1..=3).contains(&v.len())
        && v.bytes().all(|b| b.is_ascii_digit())
    {
        return Detail::Volume(v);
    }
    if let Some(v) = strip_prefix_ci(
        p,
        &[
            "pp.", "p.", "pp ", "ss. ", "s. ", "str. ", "pages ", "page ", "сс. ", "с. ", "σσ. ",
            "σ. ", "页 ", "頁 ",
        ],
    ) && !v.is_empty()
        && v.chars().any(|c| c.is_ascii_digit())
        // Not a page of a whole: "(Page 17 of 30)" is a title's.
        && !v.split_whitespace().any(|w| w.len() > 1 && w.chars().all(char::is_alphabetic))
    {
        return Detail::Page(v);
    }
    if let Some(v) = strip_prefix_ci(p, &["version ", "ver. ", "v. "])
        && !v.is_empty()
    {
        return Detail::Version(v);
    }
    // A package's version as R and Stata print it: "R package version
    // 1.1.2", "Python package version 0.9".
    if let Some(at) = scan::find_short(p, " version ")
        // Char boundary: `at` is an ASCII ' '.
        && let (kind, v) = (&p[..at], &p[at + " version ".len()..])
        && kind.split_whitespace().count() <= 3
        && kind.to_ascii_lowercase().ends_with("package")
        && v.starts_with(|c: char| c.is_ascii_digit())
        && !v.contains(' ')
    {
        return Detail::Version(v);
    }
    if let Some(e) = edition_of(p) {
        return Detail::Edition(e);
    }
    if is_bare_ordinal(p) {
        return Detail::Edition(p.to_string());
    }
    // "Version 2.0" printed as "(2.0)", "(v1.2.3)", an R package's
    // "(4.2-0)". (Not an identifier with a long serial part, as bioRxiv's
    // "(2023.02.07.527548)": a preprint's number.)
    let v = p.strip_prefix('v').unwrap_or(p);
    if v.contains('.')
        && v.split('.').all(|x| {
            !x.is_empty()
                && x.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !x.starts_with('-')
                && x.len() <= 4
        })
        && v.chars().next().is_some_and(|c| c.is_ascii_digit())
        && v.chars().filter(|c| c.is_ascii_alphabetic()).count() <= 2
    {
        return Detail::Version(p);
    }
    let lower = p.lc();
    if let Some(rest) = strip_prefix_ci(
        p,
        &[
            "original work published ",
            "originally published ",
            "original published ",
            "first published ",
        ],
    ) && let Some(d) = date::parse_date_text(rest)
    {
        return Detail::Original(d);
    }
    if thesis.unwrap_or_else(|| is_thesis_word(&lower)) {
        return Detail::Thesis {
            genre: p,
            publisher: None,
        };
    }
    if REPORT_KINDS.contains(&lower.trim_end_matches('.')) {
        return Detail::Kind(p);
    }
    // "Report No. 02-2650", "NIH Publication No. 04-5138", "No. 15107".
    // Spanish "N.º", French "Nᵒ", Portuguese "n.º", as citation styles
    // print the label in those languages.
    // And Polish and Swedish "Nr", Italian "Fasc.", Turkish "Sy", Russian
    // "Вып." and Chinese "期".
    // (Each marker starts with a space and one of these bytes: most
    // details have none, and skip the searches.)
    let n_word = p
        .as_bytes()
        .windows(2)
        .any(|w| matches!(w, [b' ', b'N' | b'n' | b'F' | b'S' | 0xD0 | 0xE6]));
    let markers = [
        " No. ",
        " no. ",
        " Nr. ",
        " Nr ",
        " No ",
        " Number ",
        " N.º ",
        " n.º ",
        " Nᵒ ",
        " Nº ",
        " nº ",
        " Fasc. ",
        " Sy ",
        " Вып. ",
        " 期 ",
    ];
    for marker in if n_word { &markers[..] } else { &[] } {
        if let Some((genre, num)) = scan::split_once_short(p, marker) {
            let num = scan::trim(num);
            if !num.is_empty() && num.chars().any(|c| c.is_ascii_digit()) {
                return Detail::Number {
                    genre: Some(scan::trim(genre)),
                    number: num,
                };
            }
        }
    }
    if let Some(num) = strip_prefix_ci(
        p,
        &[
            "no. ", "nr. ", "nr ", "no ", "number ", "n.º ", "nᵒ ", "nº ", "fasc. ", "sy ",
            "Вып. ", "期 ",
        ],
    ) && num.chars().any(|c| c.is_ascii_digit())
    {
        return Detail::Number {
            genre: None,
            number: num,
        };
    }
    // "arXiv:2201.00738", "WHO/CDS/CSR/GAR/2003.11", "LA-UR-13-24526",
    // "7eb4g_v1"; but not "COVID-19" or a year range "1904-1920".
    if is_code(p) || is_series_code(p) {
        return Detail::Number {
            genre: None,
            number: p,
        };
    }
    // "Accident Report MAR-21-02": a kind of document and its code;
    // "Request for Comments RFC 1737": with the code's own prefix.
    // Char boundary: `sp` and `sp2` are offsets of ASCII spaces from `rfind`.
    if let Some(mut sp) = p.rfind(' ') {
        let code_only = p[sp + 1..].fast_trim();
        if code_only.chars().all(|c| c.is_ascii_digit())
            && code_only.len() >= 2
            && let Some(sp2) = p[..sp].rfind(' ')
        {
            let prefix = &p[sp2 + 1..sp];
            if prefix.len() >= 2 && prefix.chars().all(|c| c.is_ascii_uppercase()) {
                sp = sp2;
            }
        }
        let (head, code) = (p[..sp].fast_trim(), p[sp + 1..].fast_trim());
        let is_code = |c: &str| {
            is_code(c)
                || (c.contains(' ')
                    && c.chars().any(|x| x.is_ascii_digit())
                    && c.split(' ').count() == 2)
        };
        let head_words: Vec<&str> = head.split_whitespace().collect();
        // Or an identifier of four hyphenated parts or more, with a
        // digit: "Internet-Draft draft-ietf-rift-rift-13".
        let structured = code.matches('-').count() >= 3
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && code.chars().any(|c| c.is_ascii_digit());
        if (structured || is_code(code) && code.chars().filter(char::is_ascii_digit).count() >= 3)
            && !head_words.is_empty()
            && head_words.len() <= 6
            && head_words
                .first()
                .is_some_and(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
            && head_words
                .iter()
                .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()) || w.len() <= 3)
        {
            // "Identifier NCT01234567" (APA 7's clinical trial) labels the
            // number and names no kind of document.
            let label_only = matches!(head.lc().as_str(), "identifier" | "id");
            return Detail::Number {
                genre: (!label_only).then_some(head),
                number: code,
            };
        }
    }
    Detail::Unknown(p)
}

fn is_year_range(p: &str) -> bool {
    // ("1960--1995": the dash typed as TeX and Markdown write it.)
    let parts: Vec<&str> = p
        .split(['-', '–', '/'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect();
    parts.len() == 2
        && parts
            .iter()
            .all(|x| (2..=4).contains(&x.len()) && x.chars().all(|c| c.is_ascii_digit()))
}

/// An identifier-like code: no spaces, digits, and the punctuation of
/// report and preprint numbers.
fn is_code(p: &str) -> bool {
    let digits = p.chars().filter(char::is_ascii_digit).count();
    !p.contains(' ')
        && digits >= 1
        && p.chars()
            .all(|c| c.is_alphanumeric() || "-/._:".contains(c))
        && !is_year_range(p)
        && p.chars().any(|c| !c.is_ascii_digit())
        && (digits >= 4 || p.contains(['_', ':', '/']) || (p.contains('.') && digits >= 3))
        && (p.chars().filter(|c| c.is_lowercase()).count() <= 8
            || p.matches(['-', '_']).count() >= 2)
}

/// A report number led by its series' initials: "NCES 2020-144",
/// "DHHS 05-4567", "CRS R45678-2" (the number joined by a hyphen or slash,
/// so "COVID 19" or "PISA 2018" are not numbers).
fn is_series_code(p: &str) -> bool {
    let mut words = p.split(' ');
    let (Some(series), Some(num), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    (2..=8).contains(&series.len())
        && series.chars().all(|c| c.is_ascii_uppercase())
        && num.contains(['-', '/'])
        && num.chars().filter(char::is_ascii_digit).count() >= 3
        && num.chars().all(|c| c.is_ascii_alphanumeric() || "-/.".contains(c))
        // Not years: "1998-2003", "2019/20".
        && !num.split_once(['-', '/']).is_some_and(|(a, b)| {
            a.len() == 4 && matches!(b.len(), 2 | 4) && format!("{a}{b}").chars().all(|c| c.is_ascii_digit())
        })
}

/// A title element that ends with its details parenthesis: "Title (2nd
/// ed.)", "Title (Report No. 5)".
pub(crate) fn ends_with_details(t: &str) -> bool {
    let t = t.fast_trim_end();
    t.ends_with(')')
        && scan::split_trailing_group(t)
            .is_some_and(|(before, _, inner)| !before.fast_trim().is_empty() && is_details(inner))
}

/// True when a parenthesis holds details (editors, edition, numbers) rather
/// than words of a title.
pub(crate) fn is_details(inner: &str) -> bool {
    if names::parse_role_paren(inner).is_some() {
        return true;
    }
    // Char boundary: `split_top` gives offsets from `char_indices` of its text.
    scan::split_top_iter(inner, b';').all(|(a, b)| {
        let part = inner[a..b].fast_trim();
        names::parse_role_paren(part).is_some()
            || !matches!(detail_of(part), Detail::Unknown(_))
            || scan::split_top_iter(part, b',')
                .all(|(c, e)| !matches!(detail_of(&part[c..e]), Detail::Unknown(_)))
    })
}

/// Words that name a thesis or dissertation.
const THESIS_WORDS: &[&str] = &[
    "dissertation",
    "thesis",
    "theses",
    "thèse",
    "these de",
    "tesis",
    "tese",
    "tesi ",
    "doctorat",
    "doctoral",
    "master’s",
    "master's",
    "masters",
    "phd",
    "ph.d",
    "ph. d",
    "diplomarbeit",
    "magisterarbeit",
    "habilitation",
    "doctor of philosophy",
    "doctor of nursing",
    "doctor of education",
    "dnp",
    "capstone project",
    "m.a.",
    "m.sc",
    "msc",
    "m.s.",
    "mphil",
    "edd",
    "ed.d",
    "psyd",
    "硕士",
    "博士",
    "학위논문",
    "博士論文",
    "修士論文",
    "proefschrift",
    "doktorarbeit",
    // Portuguese, German, Polish, Nordic and Spanish kinds of thesis.
    "dissertação",
    "dissertacao",
    "masterarbeit",
    "bachelorarbeit",
    "praca magisterska",
    "praca doktorska",
    "avhandling",
    "väitöskirja",
    "trabajo de fin de",
    "trabajo fin de",
];

/// True when lower-cased `lower` names a thesis or dissertation: one of
/// [`THESIS_WORDS`] at the start of a word ("reddit" holds no "edd"); a
/// short one (an abbreviation such as "edd", "msc") must also end a word,
/// a longer one may start a longer word ("dissertations").
pub(crate) fn is_thesis_word(lower: &str) -> bool {
    // All words in one pass; overlapping matches, so that a match that is
    // not at a word start does not hide one that is. (Most texts asked
    // hold none of the words anywhere: one packed (SIMD) search says so.)
    static WORDS: LazyLock<super::Phrases> = LazyLock::new(|| super::Phrases::new(THESIS_WORDS));
    WORDS.any_occurrence(lower.as_bytes(), |start, k| {
        let w = THESIS_WORDS.get(k).copied().unwrap_or("");
        thesis_word_at(lower, w, start, start + w.len())
    }) || lower == "phd"
        || lower == "ma"
}

/// True when the thesis word `w`, found at `start..end` of `lower`, starts
/// a word there (and ends it, when it is short): see [`is_thesis_word`].
fn thesis_word_at(lower: &str, w: &str, start: usize, end: usize) -> bool {
    // (An occurrence of a whole phrase starts and ends at char boundaries.)
    let before = lower.get(..start).and_then(|t| t.chars().next_back());
    let after = lower.get(end..).and_then(|t| t.chars().next());
    let starts = before.is_none_or(|c| !c.is_alphanumeric()) || !w.is_ascii();
    let ends = w.chars().count() > 4 || after.is_none_or(|c| !c.is_alphanumeric());
    starts && ends
}

/// [`is_thesis_word`] by an Aho-Corasick automaton of the words, as it was
/// first written.
#[cfg(test)]
fn is_thesis_word_by_automaton(lower: &str) -> bool {
    let ac = AhoCorasick::new(THESIS_WORDS).expect("the words make an automaton");
    ac.find_overlapping_iter(lower).any(|m| {
        let w = THESIS_WORDS
            .get(m.pattern().as_usize())
            .copied()
            .unwrap_or("");
        thesis_word_at(lower, w, m.start(), m.end())
    }) || lower == "phd"
        || lower == "ma"
}

/// What a bracketed description says about the item.
pub(crate) enum Description<'a> {
    /// It names the type only ("Data set", "Computer software").
    TypeOnly(ItemType),
    /// Type with the printed genre ("Paper presentation").
    Typed(ItemType, &'a str),
    /// A thesis: genre and university.
    Thesis(&'a str, Option<&'a str>),
    /// A university name alone (biblatex-apa / citeproc thesis form).
    Institution(&'a str),
    /// A translation of a non-English title.
    Translation(&'a str),
    /// The form of an e-book or article as read (APA 6: "[Kindle
    /// version]", "[Electronic version]"): kept as the medium.
    Medium(&'a str),
    /// Any other description: kept as genre.
    Genre(&'a str),
    /// Not a description: part of the title ("[4 of 7]", "[sic]").
    PartOfTitle,
}

/// "Chapter title. Book title": the last sentence of a title group, when
/// it starts with a capital or digit and both parts have two words or
/// more; the chapter's title without its period.
fn book_after_chapter(t: &str) -> Option<(&str, &str)> {
    let dot = scan::top_level_ascii(t, b'.')
        .filter(|&i| t.as_bytes().get(i + 1) == Some(&b' '))
        .filter(|&i| scan::period_ends_sentence(t, i))
        .last()?;
    let chapter = t.get(..dot)?.fast_trim_end();
    let book = t.get(dot + 1..)?.fast_trim();
    let words = super::scan::word_count;
    (book.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && words(chapter) >= 2
        && words(book) >= 2)
        .then_some((chapter, book))
}

/// Sets a genre from a description, unless the description only names
/// the item type: biblatex-apa prints "(Report)" and "[Preprint]" for a
/// report or preprint whose entry gives its type field only to satisfy
/// biblatex's data model, so the word says no more than the type it sets.
/// ("[Thesis]" stays a genre: citation processors print it only for a
/// record whose genre is "Thesis", and biblatex-apa only when the entry's
/// type field says so.)
fn set_genre(genre: &mut Option<String>, g: &str) {
    let bare = g.trim_end_matches('.');
    if !["report", "preprint"]
        .iter()
        .any(|w| bare.eq_ignore_ascii_case(w))
    {
        set_if_none(genre, g);
    }
}

/// A university named the way INSPIRE and some catalogues abbreviate it:
/// "Graz, Tech. U.", "Bonn U.", "Munich, Tech. U.", "Stanford Univ.".
fn names_university_abbreviated(s: &str) -> bool {
    s.len() < 60
        && !s.contains(':')
        && (s.ends_with(" U.") || s.ends_with(" Univ.") || s.ends_with(" Univ"))
}

fn is_university(s: &str) -> bool {
    let l = s.lc();
    [
        "universit",
        "college",
        "institut",
        "école",
        "school of",
        "hochschule",
        "akademi",
        "academy",
        "polytechnic",
        "大学",
        "大學",
        "대학교",
    ]
    .iter()
    .any(|w| scan::contains_short(&l, w))
}

/// The phrases [`describe`] looks for inside a description (in lower
/// case), each a bit of what [`description_phrases_in`] gives: the bit of
/// a phrase is `phrase!("…")`, checked to be in the list when compiling.
const DESCRIPTION_PHRASES: [&str; 64] = [
    "paper presentation",
    "poster session",
    "poster presentation",
    "conference session",
    "symposium",
    "keynote",
    "conference presentation",
    "address",
    "webinar",
    "lecture recording",
    "powerpoint",
    "slides",
    "lecture notes",
    "audio recording",
    "motion picture",
    "youtube",
    "documentary",
    "podcast",
    "tv series",
    "tv series episode",
    "radio",
    "television",
    "audio",
    "status update",
    "facebook",
    "instagram",
    "reddit",
    "thread",
    "tiktok",
    "comment",
    "online forum",
    "blog post",
    "web log",
    "weblog",
    "review of",
    "unpublished manuscript",
    "manuscript submitted",
    "manuscript in preparation",
    "working paper",
    "fact sheet",
    "policy brief",
    "white paper",
    "policy paper",
    "discussion paper",
    "position paper",
    "briefing paper",
    "issue brief",
    "technical report",
    "brochure",
    "press release",
    "news release",
    "media release",
    "map",
    "photograph",
    "painting",
    "infographic",
    "artwork",
    "illustration",
    "measurement instrument",
    "test",
    "instrument",
    "raw data",
    "data set",
    "dataset",
];

/// The index of `phrase` in [`DESCRIPTION_PHRASES`] (when compiling: a
/// phrase not in the list does not compile).
const fn description_phrase_index(phrase: &str) -> usize {
    let mut i = 0;
    while i < DESCRIPTION_PHRASES.len() {
        // In bounds: `i < DESCRIPTION_PHRASES.len()`.
        let p = DESCRIPTION_PHRASES[i].as_bytes();
        let q = phrase.as_bytes();
        if p.len() == q.len() {
            let mut k = 0;
            // In bounds: `k < p.len() == q.len()`.
            while k < p.len() && p[k] == q[k] {
                k += 1;
            }
            if k == p.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("not in DESCRIPTION_PHRASES")
}

/// The bit of a phrase of [`DESCRIPTION_PHRASES`] (made when compiling).
macro_rules! phrase {
    ($p:literal) => {{
        const BIT: u64 = 1 << description_phrase_index($p);
        BIT
    }};
}

/// Which of [`DESCRIPTION_PHRASES`] `lower` contains, as bits, found in
/// one pass (overlapping matches: "tv series" inside "tv series episode"
/// is found too).
fn description_phrases_in(lower: &str) -> u64 {
    static PHRASES: LazyLock<super::Phrases> =
        LazyLock::new(|| super::Phrases::new(&DESCRIPTION_PHRASES));
    let mut bits = 0;
    PHRASES.any_occurrence(lower.as_bytes(), |_, k| {
        bits |= 1 << k;
        false
    });
    bits
}

/// [`description_phrases_in`] by an Aho-Corasick automaton of the phrases,
/// as it was first written.
#[cfg(test)]
fn description_phrases_by_automaton(lower: &str) -> u64 {
    AhoCorasick::new(DESCRIPTION_PHRASES)
        .expect("the phrases make an automaton")
        .find_overlapping_iter(lower)
        .fold(0, |bits, m| bits | 1 << m.pattern().as_usize())
}

pub(crate) fn describe(inner: &str) -> Description<'_> {
    let d = scan::trim(inner);
    let lower = d.lc();
    let l = lower.trim_end_matches('.');
    match l {
        "data set" | "dataset" | "data" | "data file" | "database" | "datensatz" => {
            return Description::TypeOnly(ItemType::Dataset);
        }
        // The type's own name, as biblatex-apa and hayagriva print it for
        // a report with no genre (see `set_genre`).
        "report" => return Description::TypeOnly(ItemType::Report),
        "computer software"
        | "software"
        | "computer program"
        | "computer code"
        | "source code"
        | "mobile app"
        | "app"
        | "computer application" => {
            return Description::TypeOnly(ItemType::Software);
        }
        _ => {}
    }
    // The form the work was read in, APA 6 and 5: "[Kindle version]",
    // "[Adobe Digital Editions version]", "[DX Reader version]",
    // "[Electronic version]", "[Kindle edition]" (not a state of the
    // text: "[pre-pub version]" is part of a title).
    if let Some(head) = l
        .strip_suffix(" version")
        .or_else(|| l.strip_suffix(" edition"))
        && [
            "kindle",
            "nook",
            "e-book",
            "ebook",
            "epub",
            "electronic",
            "adobe",
            "reader",
            "ibooks",
            "pdf",
            "online",
            "digital",
        ]
        .iter()
        .any(|w| scan::contains_short(head, w))
        && super::scan::word_count(head) <= 4
    {
        return Description::Medium(d);
    }
    if is_thesis_word(&lower) {
        let mut parts = d.splitn(2, ", ");
        let genre = parts.next().unwrap_or(d).fast_trim();
        let publisher = parts.next().map(str::trim).filter(|p| !p.is_empty());
        return Description::Thesis(genre, publisher);
    }
    // The phrases below, found in one pass (one search per phrase went
    // over the text some fifty times).
    let found = description_phrases_in(l);
    let has = |phrase: u64| found & phrase != 0;
    let typed = |t| Description::Typed(t, d);
    if has(phrase!("paper presentation"))
        || has(phrase!("poster session"))
        || has(phrase!("poster presentation"))
        || has(phrase!("conference session"))
        || has(phrase!("symposium"))
        || has(phrase!("keynote"))
        || has(phrase!("conference presentation"))
        || l == "presentation"
        || l == "speech"
        || l == "lecture"
        || has(phrase!("address"))
        || has(phrase!("webinar"))
        || has(phrase!("lecture recording"))
        || has(phrase!("powerpoint"))
        || has(phrase!("slides"))
        || has(phrase!("lecture notes"))
    {
        return typed(ItemType::Speech);
    }
    // (An audiobook is Zotero's audio recording, as CSL's "song" is.)
    // APA 7 names the recording artist when not the composer: "[Song
    // recorded by Staatskapelle Dresden]".
    let recorded_by = |kind: &str| {
        l.strip_prefix(kind).is_some_and(|rest| {
            rest.starts_with(" recorded by ") || rest.starts_with(" performed by ")
        })
    };
    if l == "song"
        || l == "album"
        // APA 6: "Title [Recorded by Artist]. On Album [CD]."
        || l.starts_with("recorded by ")
        || recorded_by("song")
        || recorded_by("album")
        || has(phrase!("audio recording"))
        || l == "music"
        || l == "audiobook"
    {
        return typed(ItemType::Song);
    }
    if l == "interview" {
        return typed(ItemType::Interview);
    }
    if l == "video"
        || l == "film"
        || has(phrase!("motion picture"))
        || has(phrase!("youtube"))
        || l == "video file"
        || has(phrase!("documentary"))
    {
        return typed(ItemType::MotionPicture);
    }
    if has(phrase!("podcast"))
        || has(phrase!("tv series"))
        || has(phrase!("tv series episode"))
        || has(phrase!("radio"))
        || has(phrase!("television"))
        || has(phrase!("audio"))
    {
        return typed(ItemType::Broadcast);
    }
    if l == "tweet"
        || has(phrase!("status update"))
        || has(phrase!("facebook"))
        || has(phrase!("instagram"))
        || has(phrase!("reddit"))
        || l == "post"
        || has(phrase!("thread"))
        || has(phrase!("tiktok"))
        || has(phrase!("comment"))
        || has(phrase!("online forum"))
    {
        return typed(ItemType::Post);
    }
    if has(phrase!("blog post")) || l == "blog" || has(phrase!("web log")) || has(phrase!("weblog"))
    {
        return typed(ItemType::PostWeblog);
    }
    if has(phrase!("review of")) {
        return typed(ItemType::Review);
    }
    if has(phrase!("unpublished manuscript"))
        || l == "manuscript"
        || has(phrase!("manuscript submitted"))
        || has(phrase!("manuscript in preparation"))
    {
        return typed(ItemType::Manuscript);
    }
    if l == "preprint" || has(phrase!("working paper")) {
        return typed(ItemType::Article);
    }
    if has(phrase!("fact sheet"))
        || has(phrase!("policy brief"))
        || has(phrase!("white paper"))
        || has(phrase!("policy paper"))
        || has(phrase!("discussion paper"))
        || has(phrase!("position paper"))
        || has(phrase!("briefing paper"))
        || has(phrase!("issue brief"))
        || has(phrase!("technical report"))
        || has(phrase!("brochure"))
        || has(phrase!("press release"))
        || has(phrase!("news release"))
        || has(phrase!("media release"))
    {
        return typed(ItemType::Report);
    }
    if has(phrase!("map"))
        || has(phrase!("photograph"))
        || has(phrase!("painting"))
        || has(phrase!("infographic"))
        || has(phrase!("artwork"))
        || has(phrase!("illustration"))
    {
        return typed(ItemType::Graphic);
    }
    if has(phrase!("measurement instrument"))
        || has(phrase!("test")) && has(phrase!("instrument"))
        || l == "database record"
    {
        return typed(ItemType::Document);
    }
    // "[Unpublished raw data]", "[Raw data]" (APA 7 §10.9).
    if has(phrase!("raw data")) || has(phrase!("data set")) || has(phrase!("dataset")) {
        return typed(ItemType::Dataset);
    }
    // A thesis whose record gives no genre prints its university alone,
    // and a catalogue's supplied name stays in its own brackets: "[[T.
    // Čuš]]" (a record's "[T. Čuš]"), "[Graz, Tech. U.]" (INSPIRE's
    // "Technische Universität Graz").
    if d.starts_with('[')
        && d.ends_with(']')
        && d.get(1..d.len() - 1)
            .is_some_and(|i| !i.is_empty() && !i.contains('['))
        && super::scan::word_count(d) <= 6
        || names_university_abbreviated(d)
    {
        return Description::Institution(d);
    }
    if is_university(d) {
        // (A unit may follow its university: "U.S. Army Command and
        // General Staff College. School of Advanced Military Studies".)
        let university = d
            .match_indices(". ")
            .filter_map(|(i, _)| d.get(..i))
            .find(|head| is_university(head))
            .unwrap_or(d);
        if !d.contains(' ') || super::scan::word_count(university) <= 8 && !d.contains(':') {
            return Description::Institution(d);
        }
    }
    // Bracketed text that is not a description: numbers, colons, commas,
    // lower-case starts ("[4 of 7]", "[scale: 1:5000]", "[sic]").
    if d.starts_with(|c: char| c.is_ascii_digit() || c.is_lowercase() || c == '[' || c == '@')
        || d.contains(':')
        || scan::contains_short(d, ", ")
        || d.contains('…')
        || scan::contains_short(d, "...")
    {
        return Description::PartOfTitle;
    }
    // A long bracketed phrase after a title is a translated title.
    let words = super::scan::word_count(d);
    if words >= 4 && !scan::contains_short(d, ", ") {
        return Description::Translation(d);
    }
    Description::Genre(d)
}

impl<'a> Ctx<'a> {
    /// Applies a bracketed description.
    pub(crate) fn read_description(&mut self, inner: &'a str, whole: &'a str) -> bool {
        // A publication state in brackets, as biblatex-apa prints one
        // after the title: "[Advance online publication]", "[In press]".
        if whole.starts_with('[') && self.read_status_unit(inner) {
            return true;
        }
        let d = describe(inner);
        if matches!(d, Description::PartOfTitle) {
            return false;
        }
        self.mark(Field::Description, whole);
        match d {
            Description::PartOfTitle => {}
            Description::TypeOnly(t) => self.sig.desc_type = Some(t),
            Description::Typed(t, g) => {
                self.sig.desc_type = Some(t);
                set_genre(&mut self.r.genre, g);
            }
            Description::Thesis(g, p) => {
                self.sig.desc_type = Some(ItemType::Thesis);
                set_if_none(&mut self.r.genre, g);
                if let Some(p) = p {
                    set_if_none(&mut self.r.publisher, p);
                }
            }
            Description::Institution(p) => {
                self.sig.desc_type = Some(ItemType::Thesis);
                set_if_none(&mut self.r.publisher, p);
            }
            Description::Translation(t) => {
                if self.r.title_translated.is_none() {
                    self.r.title_translated = Some(t.to_string());
                    self.mark(Field::TitleTranslated, inner);
                }
            }
            Description::Medium(m) => {
                // An e-reader's copy is a book's ("[Kindle version]"); an
                // "[Electronic version]" may be an article's (APA 5).
                if !m.lc().starts_with("electronic") {
                    self.sig.desc_type.get_or_insert(ItemType::Book);
                }
                set_if_none(&mut self.r.medium, m);
            }
            Description::Genre(g) => self.read_short_bracket(g, inner),
        }
        true
    }

    /// Applies a parenthetical of details. Returns false (and changes
    /// nothing) when the parenthetical is not details but part of a title.
    pub(crate) fn read_detail_paren(&mut self, inner: &'a str) -> bool {
        self.read_details(inner, false)
    }

    /// A short bracketed text after a title that names no kind of work
    /// APA knows: what is attached to a post ("[Image attached] [Status
    /// update]"), a number as biblatex-apa prints a report's ("[SSRN
    /// Scholarly Paper] [No. 1450387]"), the title's translation when a
    /// description follows it (brackets are read from the end, and APA 7
    /// orders them "Au revoir les enfants [Goodbye children] [Film]"), or
    /// else the genre.
    fn read_short_bracket(&mut self, g: &'a str, inner: &'a str) {
        if g.ends_with(" attached") {
            set_if_none(&mut self.r.medium, g);
            return;
        }
        if g.starts_with("No. ")
            && let Detail::Number {
                genre: None,
                number,
            } = detail_of(g)
        {
            set_if_none(&mut self.r.number, number);
            return;
        }
        if (self.r.genre.is_some() || self.sig.desc_type.is_some())
            && self.r.title_translated.is_none()
        {
            self.r.title_translated = Some(g.to_string());
            self.mark(Field::TitleTranslated, inner);
            return;
        }
        set_if_none(&mut self.r.genre, g);
    }

    /// Details after a book title in "In ...": unknown parts are editions
    /// ("Spring 2022", "7., vollständig überarbeitete Auflage").
    pub(crate) fn read_container_details(&mut self, inner: &'a str) -> bool {
        self.read_details(inner, true)
    }

    fn read_details(&mut self, inner: &'a str, container: bool) -> bool {
        let inner = scan::trim(inner);
        if inner.is_empty() {
            return false;
        }
        // Role parts first ("M. Ritchie, Trans."; "Eds.; p. 141").
        let mut roles: Vec<(Vec<Role>, Vec<crate::model::Name>, &str)> = Vec::new();
        let mut details: Vec<Detail<'a>> = Vec::new();
        // The text each detail was read from, for the explain output.
        let mut texts: Vec<&'a str> = Vec::new();
        // Char boundary: `split_top` gives offsets from `char_indices` of its text.
        for (a, b) in scan::split_top_iter(inner, b';') {
            let part = inner[a..b].fast_trim();
            if part.is_empty() {
                continue;
            }
            if let Some((rs, names)) = names::parse_role_paren(part) {
                roles.push((rs, names, part));
                continue;
            }
            // A comma where APA has a semicolon after the role, as
            // hand-typed lists write it: "J. Brown, Ed., pp. 1–20".
            // (Only where there are two commas, as there are then.)
            let mut part = part;
            if part.bytes().filter(|&b| b == b',').count() >= 2
                && let Some((role_text, rest)) = role_then_details(part)
                && let Some((rs, names)) = names::parse_role_paren(role_text)
            {
                roles.push((rs, names, role_text));
                part = rest;
            }
            let lower = part.lc();
            // "Doctoral dissertation, University of X" (APA 6).
            if is_thesis_word(&lower) {
                let mut it = part.splitn(2, ", ");
                let genre = it.next().unwrap_or(part);
                let publisher = it.next().map(str::trim);
                details.push(Detail::Thesis { genre, publisher });
                texts.push(part);
                continue;
            }
            // "Original work published 1900": one detail without commas.
            // (It names no thesis: asked above.)
            if !part.contains(',') {
                details.push(detail_known(part, Some(false)));
                texts.push(part);
                continue;
            }
            // Char boundary: as above.
            let part_texts: Vec<&'a str> = scan::split_top_iter(part, b',')
                .map(|(c, e)| part[c..e].fast_trim())
                .collect();
            let parts: Vec<Detail<'a>> = part_texts.iter().map(|t| detail_of(t)).collect();
            // A kind of report with a comma inside, and its number:
            // "(Rapport d’études, Dares No. 004)".
            if parts.iter().any(|d| matches!(d, Detail::Unknown(_)))
                && let whole @ Detail::Number { genre: Some(g), .. } = detail_of(part)
                // (Words only: "TAM.630, Box 39, Conservation ID 21_098"
                // describes an archive's item, not a kind of report.)
                && !g.bytes().any(|b| b.is_ascii_digit())
            {
                details.push(whole);
                texts.push(part);
                continue;
            }
            // An edition phrase with a comma inside: "7., vollständig
            // überarbeitete Auflage".
            let only_edition_and_unknown = parts
                .iter()
                .all(|d| matches!(d, Detail::Unknown(_) | Detail::Edition(_)));
            if only_edition_and_unknown
                && parts.iter().any(|d| matches!(d, Detail::Unknown(_)))
                && let Some(e) = edition_of(part)
            {
                details.push(Detail::Edition(e));
                texts.push(part);
                continue;
            }
            // Two edition statements in one: "2nd ed., rev. and updated"
            // is one edition (only the first was kept).
            // (Without the marker apacite adds after it, "(ninth Dover
            // printing, tenth GPO printing ed.)", or a sentence's period;
            // an abbreviation's stays: "5th ed., text rev.".)
            if parts.len() >= 2 && parts.iter().all(|d| matches!(d, Detail::Edition(_))) {
                let mut e = part.strip_suffix(" ed.").unwrap_or(part).fast_trim_end();
                if let Some(cut) = e.strip_suffix('.')
                    && scan::word_before(e, cut.len()).chars().count() > 5
                {
                    e = cut;
                }
                details.push(Detail::Edition(e.to_string()));
                texts.push(part);
                continue;
            }
            details.extend(parts);
            texts.extend(part_texts);
        }
        // A number in parentheses before the one already read (details are
        // read from the title's end): an acronym of the title, which keeps
        // it ("Early childhood longitudinal study (ECLS-K:2011) (NCES
        // 2016-150)").
        if self.r.number.is_some()
            && roles.is_empty()
            && !details.is_empty()
            && details.iter().all(|d| matches!(d, Detail::Number { .. }))
        {
            return false;
        }
        let unknown: Vec<&str> = details
            .iter()
            .filter_map(|d| match d {
                Detail::Unknown(u) => Some(*u),
                _ => None,
            })
            .collect();
        // After a book title, a lone unknown part is an edition only when
        // it names a season or an issue of a living work ("Spring 2022").
        let seasonal = |u: &str| {
            let l = u.lc();
            [
                "spring", "summer", "fall", "autumn", "winter", "update", "online", "version",
            ]
            .iter()
            .any(|w| l.contains(w))
        };
        let lone_edition = container
            && details.len() == 1
            && roles.is_empty()
            && matches!(unknown.as_slice(), [u] if seasonal(u));
        if !unknown.is_empty() && !lone_edition {
            let semicolons = inner.contains(';');
            if !roles.is_empty() || details.len() > unknown.len() && (semicolons || container) {
                // Known parts with an unknown one: a series name
                // ("Report No. 12; Request for Comments").
                for u in unknown {
                    if self.r.collection_title.is_none() && !container {
                        self.r.collection_title = Some(u.to_string());
                        self.mark(Field::CollectionTitle, u);
                    } else {
                        self.leftover(Field::ContainerTitle, u, "detail not read");
                    }
                }
            } else {
                return false;
            }
        }
        // Each part under its own field ("2nd ed." edition, "pp. 3-20"
        // page), so that --explain shows what became what.
        for (d, text) in details.iter().zip(&texts) {
            let field = match d {
                Detail::Edition(_) => Field::Edition,
                Detail::Volume(_) | Detail::Season(_) => Field::Volume,
                Detail::Episode(_) => Field::Number,
                Detail::Page(_) => Field::Page,
                Detail::Number { .. } => Field::Number,
                Detail::Kind(_) => Field::Genre,
                Detail::Version(_) => Field::Version,
                Detail::Thesis { .. } => Field::Genre,
                Detail::Original(_) => Field::OriginalDate,
                Detail::Unknown(_) if lone_edition => Field::Edition,
                // Marked above, as a series or as text not read.
                Detail::Unknown(_) => continue,
            };
            self.mark(field, text);
        }
        for (rs, names, part) in roles {
            for role in rs {
                let field = match role {
                    Role::Editor => Field::Editor,
                    Role::Translator => Field::Translator,
                    _ => Field::Contributor,
                };
                self.mark(field, part);
                // The same names already read in the author's place with
                // this role ("Ed, A. (Ed.). (2001). Title (A. Ed, Ed.).")
                // are printed twice, not two editors each.
                self.r.add_names_once(role, names.clone());
            }
        }
        for d in details {
            match d {
                Detail::Edition(e) => set_if_none_owned(&mut self.r.edition, e),
                Detail::Volume(v) | Detail::Season(v) => set_if_none(&mut self.r.volume, v),
                Detail::Episode(n) => set_if_none(&mut self.r.number, n),
                Detail::Page(p) => set_if_none(&mut self.r.page, p),
                Detail::Number { genre, number } => {
                    set_if_none(&mut self.r.number, number);
                    if let Some(g) = genre.filter(|g| !g.is_empty()) {
                        set_if_none(&mut self.r.genre, g);
                    }
                    self.sig.report_number = true;
                    let g = genre.unwrap_or("").lc();
                    // "(No. 2019/430)", "(Working Paper No. 17577)": the
                    // numbered series of preprints and working papers.
                    let unlabelled = {
                        let l = inner.fast_trim_start().lc();
                        ["no", "nr", "n.º", "nᵒ", "nº"]
                            .iter()
                            .any(|p| l.starts_with(p))
                    };
                    if g.is_empty() && unlabelled
                        || scan::contains_short(&g, "working paper")
                        || scan::contains_short(&g, "discussion paper")
                        || scan::contains_short(&g, "preprint")
                    {
                        self.sig.paper_series = true;
                    }
                }
                Detail::Kind(k) => {
                    set_genre(&mut self.r.genre, k);
                    let l = k.lc();
                    if scan::contains_short(&l, "working paper")
                        || scan::contains_short(&l, "discussion paper")
                    {
                        self.sig.paper_series = true;
                    } else {
                        self.sig.report_number = true;
                    }
                }
                Detail::Version(v) => {
                    set_if_none(&mut self.r.version, v);
                    self.sig.version = true;
                }
                Detail::Thesis { genre, publisher } => {
                    self.sig.desc_type = Some(ItemType::Thesis);
                    set_if_none(&mut self.r.genre, genre);
                    if let Some(p) = publisher {
                        set_if_none(&mut self.r.publisher, p);
                    }
                }
                Detail::Original(d) => self.r.original_date = Some(d),
                Detail::Unknown(u) => {
                    if container {
                        set_if_none(&mut self.r.edition, u);
                    }
                }
            }
        }
        true
    }

    /// Reads a title with what trails it: descriptions and details.
    pub(crate) fn read_title_group(&mut self, t: &'a str) {
        let mut t = scan::trim(t);
        let had_page = self.r.page.is_some();
        // A title carries at most a description and a details parenthesis
        // or two; the bound keeps pathological inputs linear.
        for _ in 0..6 {
            let trimmed = t.fast_trim_end().trim_end_matches('.').fast_trim_end();
            if trimmed.ends_with(']')
                && let Some((before, group, inner)) = scan::split_trailing_group(trimmed)
                && !before.is_empty()
                && (self.read_translation_of_script(before, inner)
                    || self.read_description(inner, group))
            {
                t = before.fast_trim_end();
                continue;
            }
            if trimmed.ends_with(')')
                && let Some((before, _, inner)) = scan::split_trailing_group(trimmed)
                && !before.is_empty()
                && self.read_detail_paren(inner)
            {
                t = before.fast_trim_end();
                continue;
            }
            break;
        }
        let mut title = self.strip_volume_after_title(strip_period(scan::trim(t)));
        // Pages in the title's parenthesis belong to a book the work is
        // part of: "Chapter. Book title (pp. 1–12). Publisher." with the
        // "In" left out (pybtex's APA style, hand-typed lists). The book's
        // title is the last sentence.
        // (Editors and their role without "In" are found among the
        // elements: see `read_title_and_source`.)
        if !had_page
            && self.r.page.is_some()
            && self.r.container_title.is_none()
            && let Some((chapter, book)) = book_after_chapter(title)
        {
            // Read as after "In": editors before the book's title
            // ("E. W. Mayr & N. Ollinger (Eds.), 32nd Symposium"), and an
            // "In" the split found inside a title that has its own "In:".
            self.read_in_container(super::source::strip_in_after_title(book).unwrap_or(book));
            self.sig.book_in_title = self.r.container_title.is_some() && self.r.publisher.is_none();
            title = chapter;
        }
        // An edition printed after the title without its parentheses, as
        // Google Scholar does: "Psychometric theory 2nd ed.".
        if self.r.edition.is_none()
            && let Some((head, _)) = scan::rsplit_once_space(title.trim_end_matches('.'))
            && let Some((head, _)) = scan::rsplit_once_space(head.fast_trim_end())
            && let sp = head.len()
            && let Some(ed) = title.get(sp + 1..)
            && is_bare_english_edition(ed)
            && let Some(n) = edition_of(ed)
            && let Some(head) = title.get(..sp).map(str::trim_end).filter(|h| !h.is_empty())
        {
            self.mark(Field::Edition, ed);
            self.r.edition = Some(n);
            title = head;
        }
        // A version printed after the title without its parentheses, as
        // software makers ask to be cited: "IBM SPSS Statistics for
        // Windows, Version 25.0".
        if self.r.version.is_none()
            // (Found by its rare capital: a search for the space first
            // stops at every word.)
            && let Some(at) = scan::find_short(title, "Version ").and_then(|v| v.checked_sub(1))
            && title.as_bytes().get(at) == Some(&b' ')
            && let Some(number) = title
                .get(at + 1..)
                .and_then(|v| super::source::version_element(v.fast_trim_end()))
            && let Some(head) = title
                .get(..at)
                .map(|h| h.trim_end_matches(','))
                .filter(|h| !h.is_empty())
        {
            self.mark(Field::Version, title.get(at + 1..).unwrap_or_default());
            self.r.version = Some(number.trim_end_matches('.').to_string());
            self.sig.version = true;
            title = head;
        }
        // The element's terminator: APA lets a title's own question or
        // exclamation mark stand for the closing period; like the period,
        // it is not kept as part of the field.
        let title = title
            .trim_end_matches([',', ';', ':', '?', '!'])
            .fast_trim();
        if !title.is_empty() {
            self.mark(Field::Title, title);
            self.r.title = Some(title.to_string());
        }
        // A patent is cited by its number as its title (APA 7 §11.6):
        // "U.S. Patent No. 8,765,432".
        static PATENT: LazyLock<memchr::memmem::Finder<'static>> =
            LazyLock::new(|| memchr::memmem::Finder::new("Patent No. "));
        if let Some(num) = PATENT
            .find(title.as_bytes())
            .and_then(|i| title.get(i + "Patent No. ".len()..))
            && num
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            self.sig.desc_type.get_or_insert(ItemType::Patent);
            set_if_none(&mut self.r.number, scan::trim(num));
        }
        // An untitled work described in brackets in the title's place
        // (APA 7 §9.22): "[Lecture notes on resource allocation]".
        if self.sig.desc_type.is_none()
            && let Some(inner) = title.strip_prefix('[').and_then(|x| x.strip_suffix(']'))
            && !inner.contains(['[', ']'])
            && let Description::Typed(t, _) | Description::TypeOnly(t) = describe(inner)
        {
            self.sig.desc_type = Some(t);
        }
    }

    /// A description of kind as the last element, as apacite prints a
    /// note: "… in JSON-LD. (Computer software)".
    fn read_end_description(&mut self, u: &'a str) -> bool {
        let t = scan::trim(u).trim_end_matches('.');
        let Some(inner) = t
            .strip_prefix('(')
            .and_then(|x| x.strip_suffix(')'))
            .or_else(|| t.strip_prefix('[').and_then(|x| x.strip_suffix(']')))
        else {
            return false;
        };
        matches!(
            describe(inner),
            Description::TypeOnly(_) | Description::Typed(..) | Description::Thesis(..)
        ) && self.read_description(inner, t)
    }

    /// A title in a script other than Latin ("日本語のタイトル", "Иноязычные
    /// заимствования") with Latin text in brackets after it: the bracket
    /// is its translation, however short ("[Japanese title]"), unless it
    /// names a kind of work ("[Doctoral dissertation, …]", "[Data set]").
    fn read_translation_of_script(&mut self, title: &str, inner: &'a str) -> bool {
        // (Most titles are ASCII: asked first, then the bracket, short.)
        if title.is_ascii() {
            return false;
        }
        let inner_t = scan::trim(inner);
        if !inner_t.starts_with(|c: char| c.is_ascii_uppercase())
            || !inner_t
                .chars()
                .all(|c| c.is_ascii() || scan::is_latin_letter(c) || !c.is_alphabetic())
            || !matches!(
                describe(inner_t),
                Description::Genre(_) | Description::Translation(_)
            )
        {
            return false;
        }
        // Mostly letters of another script (not a Latin title with a
        // localised "(с. 74)" in it).
        let (mut latin, mut other) = (0usize, 0usize);
        for c in title.chars().filter(|c| c.is_alphabetic()) {
            if scan::is_latin_letter(c) {
                latin += 1;
            } else {
                other += 1;
            }
        }
        if other <= latin {
            return false;
        }
        if self.r.title_translated.is_none() {
            self.r.title_translated = Some(inner_t.to_string());
            self.mark(Field::TitleTranslated, inner);
        }
        true
    }

    /// A licence statement at the end, as the WHO's and other agencies'
    /// suggested citations print it ("Licence: CC BY-NC-SA 3.0 IGO."):
    /// kept as a note.
    fn read_licence_unit(&mut self, u: &'a str) -> bool {
        let t = scan::trim(u);
        if !(strip_prefix_ascii_ci(t, "licence:").is_some()
            || strip_prefix_ascii_ci(t, "license:").is_some())
        {
            return false;
        }
        self.mark(Field::Note, t);
        self.r.push_note(t);
        true
    }

    /// Title and source after the date of an authored reference. `us`: the
    /// body's elements; `exact`: whether they are `scan::units(body)` (see
    /// `strip_body_trailer`).
    pub(crate) fn read_title_and_source(
        &mut self,
        body: &'a str,
        mut us: Vec<scan::Unit>,
        exact: bool,
    ) {
        if us.is_empty() {
            return;
        }
        // (Quoted titles are rare: one byte says no to most bodies.)
        if body.starts_with(['“', '"']) && self.read_quoted_chapter(body) {
            return;
        }
        if body.starts_with(['“', '"', '‘', '\'']) && self.read_quoted_title_then_source(body) {
            return;
        }
        // Char boundary: unit offsets are char boundaries of `body` (see
        // `scan::Unit`). In bounds: `1 <= last <= us.len()`; then
        // `1 <= k <= n` (`choose_title_units` gives at least 1 and at most
        // `n` for a non-empty list, and the loop stops at `n`).
        let whole = us.len();
        let mut last = whole;
        // Status notes at the end: "Advance online publication".
        while last > 1 {
            let u = &body[us[last - 1].start..us[last - 1].end];
            if !self.read_status_unit(u)
                && !self.read_end_description(u)
                && !self.read_licence_unit(u)
            {
                break;
            }
            last -= 1;
        }
        us.truncate(last);
        let mut n = us.len();
        let mut exact = exact;
        // A book's editors and their role starting an element, with no "In"
        // before them (a style localised to Japanese, whose "In" is empty;
        // Begell House's APA): the title ends before them, and the rest is
        // read as after "In" ("Chapter. P. A. Hall & D. Soskice (編),
        // Varieties of capitalism. The institutional foundations (pp.
        // 184–213). Publisher.").
        // (Only the elements after the first with a ")" followed by ", "
        // in them are asked about.)
        let bb = body.as_bytes();
        if n >= 2
            && let Some(j) = memchr::memchr_iter(b')', bb)
                .filter(|&p| bb.get(p + 1..p + 3) == Some(b", "))
                .filter_map(|p| (1..n).find(|&j| us[j].start <= p && p < us[j].end))
                .find(|&j| {
                    super::source::editors_first_loose(
                        body[us[j].start..us[j].end].fast_trim_start(),
                    )
                })
        {
            self.read_title_group(&body[us[0].start..us[j - 1].end]);
            self.read_in_container(&body[us[j].start..us[n - 1].end]);
            return;
        }
        let mut k = choose_title_units(body, &us, self.r.issued.as_ref());
        // An element that is only a parenthesis of details belongs to the
        // title before it: "Title. (Institute, Ed.; Report No. 5)."
        while k < n {
            let u = body[us[k].start..us[k].end].fast_trim();
            let whole_group = u.starts_with('(') && scan::closing_of_group(u, 0) == Some(u.len());
            let inner = u.strip_prefix('(').and_then(|x| x.strip_suffix(')'));
            if whole_group && inner.is_some_and(super::title::is_details) {
                k += 1;
                continue;
            }
            // The same with no period after it, as Word's APA style
            // prints a translator: "Title. (J. Smith, Trans.) Cambridge:
            // Polity." The parenthesis becomes an element of its own.
            if u.starts_with('(')
                && let Some(close) = scan::closing_of_group(u, 0)
                && u.as_bytes().get(close) == Some(&b' ')
                // Char boundary: `close` is just after an ASCII ')'.
                && u[1..close - 1].len() <= 120
                && super::title::is_details(&u[1..close - 1])
            {
                let unit = &body[us[k].start..us[k].end];
                let start = us[k].start + (unit.len() - unit.fast_trim_start().len());
                let split = scan::Unit {
                    start,
                    end: start + close,
                    term: '.',
                };
                // The rest starts after the space.
                us[k].start = start + close + 1;
                us.insert(k, split);
                n += 1;
                // (No longer `scan::units(body)`.)
                exact = false;
                k += 1;
            }
            break;
        }
        let title_end = us[k - 1].end;
        let mut title_text = &body[us[0].start..title_end];
        if k == n {
            // Pages printed after a title with no container (biblatex-apa
            // does this for proceedings papers): "Title, 1–7."
            if let Some((head, pages)) = scan::rsplit_once_short(title_text, ", ") {
                let p = scan::trim(pages);
                let nums: Vec<&str> = p.split(['-', '–', '—']).map(str::trim).collect();
                let year_like = |x: &str| {
                    x.len() == 4 && x.parse::<u32>().is_ok_and(|y| (1400..=2100).contains(&y))
                };
                let range = nums.len() == 2
                    && nums
                        .iter()
                        .all(|x| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit()))
                    && !nums.iter().all(|x| year_like(x));
                if range && !scan::trim(head).is_empty() {
                    self.mark(Field::Page, p);
                    self.r.page = Some(p.to_string());
                    self.sig.bare_pages = true;
                    title_text = head;
                }
            }
            // The OECD's own citation form, which lists copy into APA:
            // "OECD (2019), Title, Series, OECD Publishing, Paris, https://…":
            // a place after the publisher, and the series before it.
            let mut oecd_place = None;
            let before_oecd = title_text;
            if self.r.page.is_none()
                && self.r.publisher.is_none()
                && let Some((head, tail)) = scan::rsplit_once_short(title_text, ", ")
                && let place = strip_period(scan::trim(tail))
                && scan::word_count(place) <= 3
                && !place.contains(|c: char| c.is_ascii_digit())
                && super::source::is_place_name(place)
                && let Some((_, publisher)) = scan::rsplit_once_short(head, ", ")
                && super::lexicon::is_book_publisher(publisher)
            {
                oecd_place = Some(place);
                title_text = head;
            }
            // A publisher after a comma (biblatex-apa prints a @misc
            // item's so): "Bcd 2021-27 Employer Status Determination,
            // Railroad Retirement Board." Only a capitalised name whose
            // last word the word lists know for an organisation's, a
            // university's or a publisher's.
            if self.r.page.is_none()
                && let Some((head, tail)) = scan::rsplit_once_short(title_text, ", ")
                && !scan::trim(head).is_empty()
            {
                let t = strip_period(scan::trim(tail));
                // (The last word asked first: it says no to nearly every
                // title, before the words are collected.)
                let last = scan::rsplit_once_space(t).map_or("", |(_, w)| w);
                let words: Vec<&str> = if (5..=14).contains(&last.len())
                    && last.starts_with(|c: char| c.is_ascii_uppercase())
                {
                    t.split_whitespace().collect()
                } else {
                    Vec::new()
                };
                let capitalised = words.iter().all(|w| {
                    w.starts_with(|c: char| c.is_uppercase())
                        || matches!(*w, "of" | "and" | "for" | "the" | "on" | "&")
                });
                // The name ends with what it is ("… Board", "… Office",
                // "… Press", "… University"), outside any bracket of the
                // title's.
                let names_body = words.last().is_some_and(|w| {
                    super::classify::is_organisation(w)
                        || super::lexicon::is_university(w)
                        || super::lexicon::looks_like_publisher(w)
                });
                let balanced =
                    |x: &str, o: char, c: char| x.matches(o).count() == x.matches(c).count();
                if (2..=8).contains(&words.len())
                    && capitalised
                    && names_body
                    && !t.contains(['(', ')', '[', ']', '“', '”', '"'])
                    && balanced(head, '(', ')')
                    && balanced(head, '[', ']')
                {
                    self.mark(Field::Publisher, t);
                    self.r.publisher = Some(t.to_string());
                    self.sig.publisher = true;
                    title_text = head;
                }
            }
            if let Some(place) = oecd_place {
                if self.r.publisher.is_some() {
                    self.mark(Field::Place, place);
                    self.r.publisher_place = Some(place.to_string());
                    // A short last part of what is left is the series
                    // ("…: What Students Know and Can Do, PISA").
                    if let Some((head, series)) = scan::rsplit_once_short(title_text, ", ")
                        && let series = scan::trim(series)
                        && scan::word_count(series) <= 4
                        && series
                            .split(' ')
                            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
                        && scan::word_count(head) >= 3
                    {
                        self.mark(Field::CollectionTitle, series);
                        self.r.collection_title = Some(series.to_string());
                        title_text = head;
                    }
                } else {
                    // (Not a publisher after all: the title keeps it.)
                    title_text = before_oecd;
                }
            }
        }
        // "Title. Annu. Rev. Psychol. 63, 1–29" (Frontiers' and Elsevier's
        // styles): the units split after the abbreviated name, so what
        // follows the title is numbers only; the name ends the title's
        // units.
        let ends_abbreviated = |t: &str| {
            let w = scan::rsplit_once_space(t.fast_trim_end())
                .map_or(t, |(_, w)| w)
                .trim_end_matches('.');
            super::lexicon::is_journal_abbreviation(w)
        };
        if k + 1 == n
            && body[us[k].start..us[k].end]
                .fast_trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
            && ends_abbreviated(&body[us[0].start..us[k - 1].end])
        {
            let whole = &body[us[0].start..us[k].end];
            if let Some(split) =
                super::source::split_title_from_journal(whole, self.r.issued.as_ref())
            {
                // Char boundary: as below.
                self.read_title_group(&whole[..split.0]);
                self.read_source(&whole[split.1..]);
                return;
            }
        }
        if k == n && n == 1 {
            // One element: title, or title and journal run together
            // ("... in the U.S. Journal of X, 1(2), 3").
            if let Some(split) =
                super::source::split_title_from_journal(title_text, self.r.issued.as_ref())
            {
                // Char boundary: the offsets of an ASCII '.' and of just
                // after the ASCII ' ' that follows it.
                let (t, src) = (&title_text[..split.0], &title_text[split.1..]);
                title_text = t;
                self.read_title_group(title_text);
                self.read_source(src);
                return;
            }
        }
        self.read_title_group(title_text);
        if k < n {
            let src = &body[us[k].start..us[n - 1].end];
            // (The source's units are the body's last ones, found again
            // only when they might differ: when they are not the body's
            // own, when status notes were cut from the end, or see
            // `scan::tail_units`.)
            let known = (exact && n == whole).then(|| scan::tail_units(body, us, k));
            self.read_source_with(src, known.flatten());
        }
    }

    /// "Advance online publication", "Manuscript submitted for
    /// publication", "(Original work published 1900)" ...
    pub(crate) fn read_status_unit(&mut self, u: &'a str) -> bool {
        let t = scan::trim(u);
        const STATUS: &[&str] = &[
            "advance online publication",
            "advanced online publication",
            "online ahead of print",
            "epub ahead of print",
            "manuscript submitted for publication",
            "manuscript in preparation",
            "manuscript in press",
            "unpublished manuscript",
            "manuscript under review",
            "in press",
            "forthcoming",
            "retracted",
            "preprint",
        ];
        // (ASCII text is compared ignoring case, without lower-casing it.)
        let head = t.trim_end_matches('.');
        // Lower-casing leaves other text with a character that is not
        // ASCII (the Kelvin sign becomes 'k', which no phrase has): it
        // matches no phrase.
        // Only ASCII text matches (see below): one longer than every
        // phrase is answered by its length, not walked.
        let longest = STATUS.iter().map(|s| s.len()).max().unwrap_or(0);
        let status = if head.len() > longest {
            None
        } else if t.is_ascii() {
            STATUS.iter().find(|s| s.eq_ignore_ascii_case(head))
        } else if t.chars().any(|c| !c.is_ascii() && c != '\u{212A}') {
            None
        } else {
            let lower = t.lc();
            let lower = lower.trim_end_matches('.');
            STATUS.iter().find(|&&s| s == lower)
        };
        if let Some(&lower) = status {
            self.mark(Field::Status, t);
            // A journal's: a newspaper or magazine dates its articles to
            // the day, but publishes none ahead of its issue ("(2017, May
            // 1). Citizen science. Nature Climate Change. Advance online
            // publication.").
            if matches!(
                lower,
                "advance online publication"
                    | "advanced online publication"
                    | "online ahead of print"
                    | "epub ahead of print"
            ) {
                self.sig.desc_type.get_or_insert(ItemType::ArticleJournal);
            }
            match lower {
                "unpublished manuscript"
                | "manuscript submitted for publication"
                | "manuscript in preparation"
                | "manuscript under review" => {
                    self.sig.desc_type.get_or_insert(ItemType::Manuscript);
                    set_if_none(&mut self.r.genre, t);
                }
                "preprint" => {
                    self.sig.desc_type.get_or_insert(ItemType::Article);
                }
                _ => set_if_none(&mut self.r.status, t),
            }
            return true;
        }
        let Some(inner) = t
            .trim_end_matches('.')
            .strip_prefix('(')
            .and_then(|x| x.strip_suffix(')'))
        else {
            return false;
        };
        if let super::title::Detail::Original(d) = detail_of(inner) {
            self.mark(Field::OriginalDate, t);
            self.r.original_date = Some(d);
            return true;
        }
        // A work reprinted from another (APA 7 §9.40): "(Reprinted from
        // Archival Science, 9(2), pp. 101–117, 2009)", "(Reprinted in …)";
        // kept as a note, its last year as the original date.
        if strip_prefix_ci(
            inner,
            &["reprinted from ", "reprinted in ", "reprinted with "],
        )
        .is_some()
        {
            self.mark(Field::Note, t);
            if strip_prefix_ci(inner, &["reprinted from "]).is_some() {
                let year = inner
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|w| w.len() == 4)
                    .filter_map(|w| w.parse::<i32>().ok())
                    .rfind(|y| (1400..=2100).contains(y));
                if let Some(y) = year {
                    self.r
                        .original_date
                        .get_or_insert_with(|| crate::model::Date::year(y));
                }
            }
            // (Appended in place: many such notes stay linear.)
            self.r.push_note(inner);
            return true;
        }
        false
    }
}

/// The order number of a dissertation from a database, after its name
/// (APA 6): "(UMI No. 3051234)", "(Order No. AAT 3051234)"; the text
/// inside the parentheses.
pub(crate) fn order_number(u: &str) -> Option<&str> {
    let inner = u
        .fast_trim()
        .trim_end_matches('.')
        .strip_prefix('(')?
        .strip_suffix(')')?
        .fast_trim();
    // An ERIC document's or article's accession number, as APA 6 prints
    // it after "Retrieved from ERIC database." ("(ED496394)").
    if let [b'E', b'D' | b'J', digits @ ..] = inner.as_bytes()
        && digits.len() == 6
        && digits.iter().all(u8::is_ascii_digit)
    {
        return Some(inner);
    }
    let num = strip_prefix_ci(
        inner,
        &[
            "umi no. ",
            "order no. ",
            "publication no. ",
            "proquest no. ",
        ],
    )?;
    num.chars().any(|c| c.is_ascii_digit()).then_some(inner)
}

/// How many leading elements of the body are the title.
fn choose_title_units(body: &str, us: &[scan::Unit], d: Option<&crate::model::Date>) -> usize {
    let n = us.len();
    if n <= 1 {
        return n;
    }
    // Char boundary: unit offsets are char boundaries of `body`. In bounds:
    // `text` is called with `j < n` only.
    let text = |j: usize| &body[us[j].start..us[j].end];
    for j in 1..n {
        if super::source::strip_in_after_title(text(j)).is_some() {
            return j;
        }
        // Proceedings named without "In" (Microsoft Word's APA style):
        // "Title. Proceedings of the … Conference, (pp. 112-118). Boston."
        if text(j).fast_trim_start().starts_with("Proceedings of ")
            && super::lexicon::names_meeting(text(j))
        {
            return j;
        }
        // A song "On" its album: "Formation [Song]. On Lemonade."
        if text(j).starts_with("On ")
            && let Some((_, _, inner)) = scan::split_trailing_group(text(j - 1).fast_trim_end())
            && matches!(describe(inner), Description::Typed(ItemType::Song, _))
        {
            return j;
        }
    }
    for j in 1..n {
        if super::source::presented_at(text(j)).is_some() {
            return j;
        }
    }
    // A description closes the title group: "Computer addiction? A study
    // of computer dependency [DX Reader version]." (a title's question
    // ends no element before it), "Title [Data set]. Version 1.0.0. TU
    // Wien." (the elements after it are the source's).
    for j in 0..n {
        let t = text(j).fast_trim_end().trim_end_matches('.');
        if t.ends_with(']')
            && (j == 0 || text(j - 1).fast_trim_end().ends_with(['?', '!']))
            && let Some((_, _, inner)) = scan::split_trailing_group(t)
            && !matches!(describe(inner), Description::PartOfTitle)
        {
            return j + 1;
        }
    }
    // The title's details parenthesis closes the title element: "Title
    // (2nd ed.). Publisher. Part of the X series." The source follows,
    // however many elements it has. (Only before the last element: there
    // the default below gives the same.)
    for j in 1..n - 1 {
        if ends_with_details(text(j - 1).fast_trim_end().trim_end_matches('.')) {
            return j;
        }
    }
    // The same in the last element, after a title's own question: "Who
    // Doesn't Support the Convention? A Nested Analysis (SSRN Scholarly
    // Paper No. 1450387). https://…" (no publisher follows; a publisher
    // has no details parenthesis).
    if text(n - 2).fast_trim_end().ends_with(['?', '!'])
        && ends_with_details(text(n - 1).fast_trim_end().trim_end_matches('.'))
    {
        return n;
    }
    // "Journal of X. Series C, Applied Statistics, 64(4)": the journal
    // title spans two elements.
    if n >= 3 {
        let l = text(n - 1).fast_trim_start();
        if ["Series ", "Section ", "Part ", "Serie ", "Sect. ", "Ser. "]
            .iter()
            .any(|p| l.starts_with(p))
            && super::source::journal_tail(l, d).is_some()
        {
            return n - 2;
        }
    }
    // A journal's volume and pages typed as sentences of their own:
    // "Title. Journal of X. 24(3). 300-320." / "Title. Journal of X.
    // 24(3)."
    for k in [3, 2] {
        if n > k
            && let Some(t) = body
                .get(us[n - k].start..us[n - 1].end)
                .and_then(super::source::tail_in_elements)
            && (k == 2 || t.page.is_some())
        {
            return n - k;
        }
    }
    // A journal element before the last: the units after it are extra.
    for j in 1..n - 1 {
        if super::source::journal_tail(text(j), d)
            .is_some_and(|t| t.volume.is_some() && (t.page.is_some() || t.issue.is_some()))
        {
            return j;
        }
    }
    // A last element that only says what kind of report the work is
    // ("Title. Final report.", "… Annual Report.") ends the title: it
    // names no publisher.
    if is_report_kind(text(n - 1)) {
        return n;
    }
    n - 1
}

/// Whether a text ends with the word "report" (any case, a final period
/// aside): the cheap question before a report's kind is looked for.
#[inline]
pub(crate) fn ends_with_report(t: &str) -> bool {
    let mut b = t.as_bytes();
    while let [rest @ .., b'.'] = b {
        b = rest;
    }
    matches!(b, [.., r, e, p, o, r2, t2]
        if [*r, *e, *p, *o, *r2, *t2].eq_ignore_ascii_case(b"report"))
}

/// "Final report", "Annual Report", "Technical report": one adjective of
/// a report's kind and the word "report".
pub(crate) fn is_report_kind(t: &str) -> bool {
    // (Most texts end otherwise: one byte test says no, before trimming.)
    if !ends_with_report(t.fast_trim_end()) {
        return false;
    }
    let t = t.fast_trim().trim_end_matches('.').fast_trim_end();
    if t.len() < 10 {
        return false;
    }
    let Some((kind, word)) = scan::split_once_short(t, " ") else {
        return false;
    };
    word.eq_ignore_ascii_case("report")
        && [
            "final",
            "annual",
            "interim",
            "progress",
            "technical",
            "summary",
            "quarterly",
            "monthly",
            "biennial",
            "midterm",
            "status",
        ]
        .iter()
        .any(|k| kind.eq_ignore_ascii_case(k))
}

/// A title that is a report's kind and the year or years it covers:
/// "Annual report 2012–13", "Annual Report 2019/2020", "2019 Annual
/// Report".
pub(crate) fn is_dated_report_kind(t: &str) -> bool {
    // (Most titles neither start nor end with a digit: two bytes say so.)
    let b = t.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_digit)
        && !b
            .last()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'.' | b' '))
    {
        return false;
    }
    let t = t.fast_trim().trim_end_matches('.');
    let year_char = |c: char| c.is_ascii_digit() || matches!(c, '–' | '-' | '/');
    // The words, and the characters trimmed from their end or start.
    let (words, years) = if t.ends_with(|c: char| c.is_ascii_digit()) {
        let w = t.trim_end_matches(year_char);
        // Char boundary: `w` is a prefix of `t`.
        (w, &t[w.len()..])
    } else if t.starts_with(|c: char| c.is_ascii_digit()) {
        let w = t.trim_start_matches(year_char);
        // Char boundary: `w` is a suffix of `t`.
        (w, &t[..t.len() - w.len()])
    } else {
        return false;
    };
    // The characters trimmed hold a year's four digits.
    years.bytes().filter(u8::is_ascii_digit).count() >= 4 && is_report_kind(words)
}

pub(crate) fn set_if_none(slot: &mut Option<String>, v: &str) {
    let v = scan::trim(v);
    if slot.is_none() && !v.is_empty() {
        *slot = Some(v.to_string());
    }
}

fn set_if_none_owned(slot: &mut Option<String>, v: String) {
    if slot.is_none() && !v.is_empty() {
        *slot = Some(v);
    }
}

/// A date's month, if it has one.
pub(crate) fn has_month(d: Option<&crate::model::Date>) -> bool {
    d.and_then(|d| d.start)
        .is_some_and(|p: DateParts| p.month.is_some())
        || d.is_some_and(|d| d.season.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_report_kinds() {
        for t in [
            "Annual report 2012–13",
            "Annual Report 2019/2020",
            "2019 Annual Report.",
            "Progress report 2021",
        ] {
            assert!(is_dated_report_kind(t), "{t}");
        }
        for t in [
            "Annual report on things",
            "Annual report 13",
            "Annual report 1–3",
            "Report 2019",
            "Climate 2019",
        ] {
            assert!(!is_dated_report_kind(t), "{t}");
        }
    }

    /// Texts made of thesis words and description phrases, whole or cut
    /// (at char boundaries), and a few other characters.
    fn phrase_texts() -> impl proptest::strategy::Strategy<Value = String> {
        let all: Vec<&str> = THESIS_WORDS
            .iter()
            .chain(&DESCRIPTION_PHRASES)
            .copied()
            .collect();
        super::super::phrase_texts::phrase_texts(&all, "[a-z0-9 .,'’é-]", 6)
    }

    proptest::proptest! {
        #[test]
        fn phrases_found_by_the_packed_searcher_are_the_automaton_s(s in phrase_texts()) {
            proptest::prop_assert_eq!(
                description_phrases_in(&s),
                description_phrases_by_automaton(&s),
                "{:?}", s
            );
            proptest::prop_assert_eq!(
                is_thesis_word(&s),
                is_thesis_word_by_automaton(&s),
                "{:?}", s
            );
        }
    }

    #[test]
    fn thesis_words_at_word_starts() {
        for (t, want) in [
            ("phd", true),
            ("ma", true),
            ("reddit", false),
            ("edd", true),
            ("doctoral dissertation", true),
            ("dissertations", true),
            ("msc thesis", true),
            ("mscs", false),
            ("", false),
        ] {
            assert_eq!(is_thesis_word(t), want, "{t}");
            assert_eq!(is_thesis_word_by_automaton(t), want, "{t}");
        }
    }

    #[test]
    fn description_phrases_found_together_as_one_by_one() {
        // Each phrase, alone, inside others and overlapping them.
        let mut texts: Vec<String> = vec![String::new(), "tv series episode".into()];
        for (i, p) in DESCRIPTION_PHRASES.iter().enumerate() {
            let q = DESCRIPTION_PHRASES[(i * 7 + 3) % DESCRIPTION_PHRASES.len()];
            texts.push(p.to_string());
            texts.push(format!("x{p}{q}"));
            texts.push(format!("{}{q}", &p[..p.len() / 2]));
        }
        for t in &texts {
            let want = DESCRIPTION_PHRASES
                .iter()
                .enumerate()
                .filter(|(_, p)| t.contains(*p))
                .fold(0u64, |bits, (i, _)| bits | 1 << i);
            assert_eq!(description_phrases_in(t), want, "{t}");
        }
        assert_eq!(phrase!("paper presentation"), 1);
    }

    #[test]
    fn editions() {
        assert_eq!(edition_of("2nd ed.").as_deref(), Some("2"));
        assert_eq!(edition_of("Rev. ed.").as_deref(), Some("Rev."));
        assert_eq!(edition_of("3. ponatis").as_deref(), Some("3. ponatis"));
        assert_eq!(
            edition_of("7., vollständig überarbeitete Auflage").as_deref(),
            Some("7., vollständig überarbeitete Auflage")
        );
        // A localised style's number and word for edition: the number.
        for (printed, n) in [
            ("7. Aufl.", "7"),
            ("4th Aufl.", "4"),
            ("16ᵉ éd.", "16"),
            ("1ʳᵉ éd.", "1"),
            ("16de dr.", "16"),
            ("16-е изд.", "16"),
            ("2:a uppl.", "2"),
            ("16. wyd.", "16"),
            ("16. bs", "16"),
            ("2. Aufl. ", "2"),
            ("4th 版", "4"),
            ("16 本", "16"),
        ] {
            assert_eq!(edition_of(printed).as_deref(), Some(n), "{printed}");
        }
        // Typed in a record, without the locale's period: as typed.
        assert_eq!(edition_of("2. Aufl").as_deref(), Some("2. Aufl"));
        // Not a number's edition: a printing, or a doctor.
        assert_eq!(edition_of("2nd printing").as_deref(), Some("2nd printing"));
        assert_eq!(edition_of("Dr. Smith"), None);
        assert_eq!(detail_of("Т. 30"), Detail::Volume("30"));
        assert_eq!(detail_of("C. 30"), Detail::Volume("30"));
        assert_ne!(detail_of("c. 1850"), Detail::Volume("1850"));
        assert_eq!(edition_of("1.ª ed.").as_deref(), Some("1"));
        assert_eq!(edition_of("second edition").as_deref(), Some("2"));
        assert_eq!(edition_of("Spring 2022"), None);
    }

    #[test]
    fn details() {
        assert_eq!(detail_of("Vol. 3"), Detail::Volume("3"));
        assert_eq!(detail_of("pp. 1–20"), Detail::Page("1–20"));
        assert_eq!(
            detail_of("Report No. 02-2650"),
            Detail::Number {
                genre: Some("Report"),
                number: "02-2650"
            }
        );
        assert_eq!(
            detail_of("WHO/CDS/CSR/GAR/2003.11"),
            Detail::Number {
                genre: None,
                number: "WHO/CDS/CSR/GAR/2003.11"
            }
        );
        assert_eq!(detail_of("SARS"), Detail::Unknown("SARS"));
        assert_eq!(detail_of("COVID-19"), Detail::Unknown("COVID-19"));
        assert_eq!(detail_of("Version 1.2"), Detail::Version("1.2"));
        // An R package's version, bare; a preprint server's dated
        // identifier is no version.
        assert_eq!(detail_of("4.2-0"), Detail::Version("4.2-0"));
        assert_eq!(detail_of("v1.2.3"), Detail::Version("v1.2.3"));
        assert!(!matches!(
            detail_of("2023.02.07.527548"),
            Detail::Version(_)
        ));
    }

    #[test]
    fn descriptions() {
        assert!(matches!(
            describe("Data set"),
            Description::TypeOnly(ItemType::Dataset)
        ));
        assert!(matches!(
            describe("Doctoral dissertation, University of Otago"),
            Description::Thesis("Doctoral dissertation", Some("University of Otago"))
        ));
        assert!(matches!(
            describe("Paper presentation"),
            Description::Typed(ItemType::Speech, _)
        ));
        assert!(matches!(
            describe("University of Chicago"),
            Description::Institution(_)
        ));
        assert!(matches!(describe("Text"), Description::Genre("Text")));
        for m in [
            "Kindle version",
            "Adobe Digital Editions version",
            "Nook edition",
        ] {
            assert!(matches!(describe(m), Description::Medium(_)), "{m}");
        }
        // Not a reader's copy: an edition, a numbered version, a state of
        // the text.
        assert!(matches!(
            describe("pre-pub version"),
            Description::PartOfTitle
        ));
        assert!(matches!(describe("Special edition"), Description::Genre(_)));
        assert!(matches!(describe("Version 2"), Description::Genre(_)));
    }
}
