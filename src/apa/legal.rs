//! Legal references in APA form (APA 7 §11, Bluebook style), as they show
//! up in psychology papers:
//!
//! * cases: `Brown v. Board of Education, 347 U.S. 483 (1954).`,
//!   `Lessard v. Schmidt, 349 F. Supp. 1078 (E.D. Wis. 1972).`,
//!   `In re Gault, 387 U.S. 1 (1967).`
//! * statutes: `Individuals With Disabilities Education Act, 20 U.S.C. §
//!   1400 et seq. (2004).`, `Patient Protection and Affordable Care Act,
//!   Pub. L. No. 111-148, 124 Stat. 119 (2010).`
//! * regulations and executive orders: `Protection of Human Subjects, 45
//!   C.F.R. § 46 (2018).`, `Exec. Order No. 13,985, 86 Fed. Reg. 7009
//!   (January 20, 2021).`
//!
//! These do not follow the author–date order, so they are recognised
//! before the APA anchor is looked for.

use super::lower::Lc;
use super::scan;
use super::scan::FastTrim as _;
use crate::model::{Date, DateParts, ItemType, Reference};
use std::sync::LazyLock;

/// What a legal reference holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Legal<'a> {
    pub kind: ItemType,
    pub title: &'a str,
    pub volume: Option<&'a str>,
    pub container: Option<&'a str>,
    pub page: Option<&'a str>,
    pub section: Option<&'a str>,
    pub authority: Option<&'a str>,
    /// The public law's number: "111-148" of "Pub. L. No. 111-148" (as
    /// Zotero's "Public Law Number" holds it).
    pub number: Option<&'a str>,
    /// The number as printed, with its label ("Pub. L. No. 111-148").
    pub number_text: Option<&'a str>,
    pub date: Date,
    /// The year as printed.
    pub year_text: &'a str,
    /// Offset where the trailing text (URL ...) starts.
    pub end: usize,
}

fn is_case_name(t: &str) -> bool {
    t.contains(" v. ")
        || t.contains(" vs. ")
        || t.starts_with("In re ")
        || t.starts_with("Ex parte ")
}

fn is_statute_name(t: &str) -> bool {
    let l = t.lc();
    l.contains(" act")
        || l.ends_with("act")
        || l.contains("code")
        || l.contains("law")
        || l.contains("regulation")
}

/// "347 U.S. 483", "349 F. Supp. 1078, 1082", "20 U.S.C. § 1400 et seq.",
/// "Pub. L. No. 111-148, 124 Stat. 119".
/// Volume, reporter or code, page, section.
type Citation<'a> = (Option<&'a str>, &'a str, Option<&'a str>, Option<&'a str>);

fn citation(c: &str) -> Option<Citation<'_>> {
    let c = c.fast_trim();
    // Statute sections.
    if let Some((head, sect)) = c.find('§').and_then(|i| c.split_at_checked(i)) {
        let (head, sect) = (head.fast_trim(), sect.fast_trim());
        let (vol, code) = match head.split_once(' ') {
            Some((v, code)) if v.chars().all(|x| x.is_ascii_digit()) => (Some(v), code.fast_trim()),
            _ => (None, head),
        };
        if code.is_empty() {
            return None;
        }
        return Some((vol, code, None, Some(sect)));
    }
    // "<volume> <reporter> <page>[, <pin>]"; take the last such triple
    // ("Pub. L. No. 111-148, 124 Stat. 119").
    let last = c.rsplit(", ").find(|p| {
        super::scan::word_count(p) >= 3
            && p.split_whitespace()
                .next()
                .is_some_and(|w| w.chars().all(|x| x.is_ascii_digit()))
    })?;
    let mut words = last.split_whitespace();
    let vol = words.next()?;
    let page = words.next_back()?;
    let reporter: Vec<&str> = words.collect();
    let (Some(rep_first), Some(rep_last)) = (reporter.first(), reporter.last()) else {
        return None;
    };
    if !page.chars().any(|x| x.is_ascii_digit()) {
        return None;
    }
    let rep_start = scan::offset_in(c, rep_first)?;
    let rep_end = scan::offset_in(c, rep_last)? + rep_last.len();
    Some((Some(vol), c.get(rep_start..rep_end)?, Some(page), None))
}

/// The phrases of which every legal reference has one: a party " v. "
/// or " vs. " another, or a code cited ("§", "Stat.", "U.S.C", "C.F.R").
const PARTY_OR_CODE: [&str; 7] = [" v. ", " vs. ", "§", "Stat.", "U.S.C", "C.F.R", "Fed. Reg."];

/// True when `s` has one of [`PARTY_OR_CODE`]. Every reference is asked,
/// and most have none: the phrases are looked for together, in one pass
/// of a vector multi-phrase searcher (aho-corasick's packed "Teddy").
/// (Found by their rarest bytes, 'v' and the capitals S, U and F, the
/// search stopped at each of them, several times a reference; one phrase
/// at a time, it took six passes; an Aho-Corasick automaton, with no rare
/// byte to skip to in " v. ", walks the text a byte at a time.)
fn names_party_or_code(s: &str) -> bool {
    static PHRASES: LazyLock<Option<aho_corasick::packed::Searcher>> =
        LazyLock::new(|| aho_corasick::packed::Searcher::new(PARTY_OR_CODE));
    match PHRASES.as_ref() {
        Some(ac) => ac.find(s).is_some(),
        None => PARTY_OR_CODE.iter().any(|p| s.contains(p)),
    }
}

/// True when the last word of a parenthesis's text is a year of four
/// digits: "1954", "E.D. Wis. 1972", "January 20, 2021".
pub(crate) fn ends_with_year(inner: &str) -> bool {
    inner
        .fast_trim_end()
        .rsplit(' ')
        .next()
        .is_some_and(|y| y.len() == 4 && y.bytes().all(|x| x.is_ascii_digit()))
}

/// True when `s` cites a code, as a statute, regulation or executive order
/// does: "§", "Stat.", "U.S.C", "C.F.R", "Fed. Reg.", "Pub. L.".
pub(crate) fn cites_code(s: &str) -> bool {
    contains_any!(s, ["§", "Stat.", "U.S.C", "C.F.R", "Fed. Reg.", "Pub. L."])
}

/// Recognises a legal reference; `None` for anything else.
pub(crate) fn parse(s: &str) -> Option<Legal<'_>> {
    // Every legal reference names a party "v." another, or cites a code.
    if !(s.starts_with("In re ") || s.starts_with("Ex parte ") || names_party_or_code(s)) {
        return None;
    }
    // The closing parenthesis with the year: "(1954)." / "(E.D. Wis. 1972)."
    // Char boundary: `i` (and `open`) is an ASCII '(' from `top_level_ascii`,
    // and `e` (and `close`) is just after its ASCII ')'.
    let (open, close) = scan::top_level_ascii(s, b'(')
        .filter_map(|i| scan::closing_of_group(s, i).map(|e| (i, e)))
        .find(|&(i, e)| {
            let inner = &s[i + 1..e - 1];
            inner.len() <= 40
                && ends_with_year(inner)
                && s[e..].fast_trim_start().starts_with(['.', ','])
                || s[e..].fast_trim().is_empty()
        })?;
    let head = s[..open].fast_trim_end().trim_end_matches(',');
    // The name ends at the comma before the citation: a volume's digits or
    // a public law ("Merrell Dow Pharmaceuticals, Inc., 509 U.S. 579").
    let (title, cite) = head
        .match_indices(", ")
        .find(|&(i, _)| {
            head.get(i + 2..).is_some_and(|r| {
                r.starts_with(|c: char| c.is_ascii_digit()) || r.starts_with("Pub. L.")
            })
        })
        // Char boundary: `i` is an ASCII ','.
        .map(|(i, _)| (&head[..i], &head[i + 2..]))
        .or_else(|| head.split_once(", "))?;
    let (title, cite) = (title.fast_trim(), cite.fast_trim());
    let kind = if is_case_name(title) {
        ItemType::LegalCase
    } else if is_statute_name(title) && cites_code(cite)
        // Regulations and executive orders: their code names them.
        || cite.contains("C.F.R")
        || cite.contains("Fed. Reg.")
    {
        ItemType::Legislation
    } else {
        return None;
    };
    let (volume, container, page, section) = citation(cite)?;
    // "Pub. L. No. 111-148, 124 Stat. 119": the law's number before its
    // place in the statutes.
    let number_text = cite
        .starts_with("Pub. L.")
        .then(|| cite.split_once(", ").map(|(n, _)| n.fast_trim()))
        .flatten();
    let number = number_text
        .map(|n| {
            let n = n.strip_prefix("Pub. L.").unwrap_or(n).fast_trim();
            n.strip_prefix("No.").unwrap_or(n).fast_trim()
        })
        .filter(|n| !n.is_empty());
    // Char boundary: as above.
    let inner = s[open + 1..close - 1].fast_trim();
    // A full date ("January 20, 2021"), or a court and a year ("E.D. Wis.
    // 1972").
    let (date, court, year_text) = match super::date::parse_date_text(inner)
        .filter(|d| d.start.as_ref().is_some_and(|p| p.month.is_some()))
    {
        Some(d) => (d, None, inner),
        None => {
            let (court, year) = match inner.rsplit_once(' ') {
                Some((court, y)) => (Some(court.fast_trim()).filter(|c| !c.is_empty()), y),
                None => (None, inner),
            };
            let date = Date {
                start: Some(DateParts {
                    year: year.parse().ok()?,
                    month: None,
                    day: None,
                }),
                ..Date::default()
            };
            (date, court, year)
        }
    };
    Some(Legal {
        kind,
        title,
        volume,
        container: Some(container),
        page,
        section,
        authority: court,
        number,
        number_text,
        date,
        year_text,
        end: close,
    })
}

impl Legal<'_> {
    /// The parts that were read, with their fields (for `--explain`).
    pub(crate) fn parts(&self) -> Vec<(crate::model::Field, &str)> {
        use crate::model::Field;
        [
            (Field::Title, Some(self.title)),
            (Field::Volume, self.volume),
            (Field::ContainerTitle, self.container),
            (Field::Page, self.page),
            (Field::Number, self.section),
            (Field::Publisher, self.authority),
            (Field::Number, self.number_text),
            (Field::Issued, Some(self.year_text)),
        ]
        .into_iter()
        .filter_map(|(f, v)| v.map(|v| (f, v)))
        .collect()
    }

    /// Fills a reference.
    pub(crate) fn apply(&self, r: &mut Reference) {
        r.item_type = self.kind;
        r.title = Some(self.title.to_string());
        r.volume = self.volume.map(str::to_string);
        r.container_title = self.container.map(str::to_string);
        r.page = self.page.map(str::to_string);
        r.section = self.section.map(str::to_string);
        r.authority = self.authority.map(str::to_string);
        r.number = self.number.map(str::to_string);
        r.issued = Some(self.date.clone());
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn party_or_code_as_the_phrases() {
        let phrases = [" v. ", " vs. ", "§", "Stat.", "U.S.C", "C.F.R"];
        let pieces = [
            " v", " vs", ". ", ".", "v", "§", "Stat", "U", "S.C", "U.S", ".C", "C", "F.R", "C.F",
            "ç", "a", " ", "x.", ".R", "tat.", "s. ", "S",
        ];
        // Every string of up to three pieces.
        let n = pieces.len();
        for k in 0..n * n * n + n * n + n {
            let mut s = String::new();
            let mut k = k;
            loop {
                s.push_str(pieces[k % n]);
                if k < n {
                    break;
                }
                k = k / n - 1;
            }
            let want = phrases.iter().any(|p| s.contains(p));
            assert_eq!(super::names_party_or_code(&s), want, "{s:?}");
        }
    }

    use super::*;

    #[test]
    fn cases() {
        let l = parse("Brown v. Board of Education, 347 U.S. 483 (1954).").unwrap();
        assert_eq!(l.kind, ItemType::LegalCase);
        assert_eq!(
            (l.title, l.volume, l.container, l.page),
            (
                "Brown v. Board of Education",
                Some("347"),
                Some("U.S."),
                Some("483")
            )
        );
        let l = parse("Lessard v. Schmidt, 349 F. Supp. 1078 (E.D. Wis. 1972).").unwrap();
        assert_eq!(
            (l.container, l.authority),
            (Some("F. Supp."), Some("E.D. Wis."))
        );
    }

    #[test]
    fn statutes() {
        let l =
            parse("Individuals With Disabilities Education Act, 20 U.S.C. § 1400 et seq. (2004).")
                .unwrap();
        assert_eq!(l.kind, ItemType::Legislation);
        assert_eq!(
            (l.volume, l.container, l.section),
            (Some("20"), Some("U.S.C."), Some("§ 1400 et seq."))
        );
    }

    #[test]
    fn not_legal() {
        assert!(parse("Smith, J. (2019). Title. Journal, 1(2), 3.").is_none());
        assert!(parse("Glue, P., & Lee, K. (2017). A v. B. Journal.").is_none());
    }
}
