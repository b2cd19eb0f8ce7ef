//! Journal articles in Vancouver's order (NLM, AMA), which lists in the
//! health sciences mix into APA ones: "Kroenke K, Spitzer RL, Williams JB.
//! The PHQ-9: validity of a brief depression severity measure. J Gen Intern
//! Med. 2001;16(9):606-613." Names with bare initials, the title, the
//! journal, then "year;volume(issue):pages". Read as such, and reported as
//! not APA by the caller.

use super::names;
use super::scan::FastTrim as _;
use crate::model::{Date, Field, ItemType, Name, Reference};

/// A reference read in Vancouver's order: the pieces of its text.
pub(crate) struct Vancouver<'a> {
    names: Vec<Name>,
    elided: bool,
    authors_text: &'a str,
    title: &'a str,
    journal: &'a str,
    date_text: &'a str,
    date: Date,
    volume: &'a str,
    issue: Option<&'a str>,
    page: Option<&'a str>,
    /// Where the reference's numbers end: identifiers come after.
    pub end: usize,
}

/// Reads `s` when it has Vancouver's shape: a year, a ';', the volume
/// (and issue in parentheses), a ':' and the pages, after a journal
/// element, after a title, after names with bare initials.
pub(crate) fn parse(s: &str) -> Option<Vancouver<'_>> {
    let b = s.as_bytes();
    // "2001;16": a ';' between a digit or a letter (a month) and a digit.
    let semi = memchr::memchr_iter(b';', b).find(|&i| {
        i > 0
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && b.get(i - 1).is_some_and(u8::is_ascii_alphanumeric)
    })?;
    // Char boundary: `semi` is an ASCII ';'.
    let head = &s[..semi];
    // The date is the element before the ';': "2001", "2001 Sep",
    // "2001 Sep 12".
    let dot = head.rfind(". ")?;
    // Char boundary: `dot` is an ASCII '.' followed by a space.
    let date_text = &head[dot + 2..];
    let date = read_date(date_text)?;
    // The journal is the element before the date, the title the text
    // between the names and the journal.
    let journal_start = head[..dot].rfind(". ").map(|j| j + 2)?;
    let journal = head[journal_start..dot].fast_trim();
    // The names end at the first period that closes a list of names with
    // bare initials ("Kroenke K, Spitzer RL, Williams JB", "Lee J, et al").
    let names_end = memchr::memmem::find_iter(&b[..journal_start], b". ")
        .take_while(|&i| i < 400)
        // Char boundary: `i` is an ASCII '.'.
        .find(|&i| names::is_compact_name_list(&s[..i]))?;
    if names_end + 2 >= journal_start {
        return None;
    }
    // Char boundary: ASCII '.', ' '.
    let authors_text = &s[..names_end];
    let title = s[names_end + 2..journal_start]
        .fast_trim()
        .trim_end_matches('.');
    let list = names::parse_author_list(authors_text)?;
    if title.is_empty() || journal.is_empty() || list.persons != list.names.len() {
        return None;
    }
    // "16(9):606-613", "16:606-13", "16(9):e123", "16(9)" before the
    // element's period or the end.
    let rest = &s[semi + 1..];
    let numbers_len = rest
        .find(". ")
        .unwrap_or_else(|| rest.fast_trim_end().trim_end_matches('.').len());
    // Char boundary: an ASCII '.' or the end of the trimmed text.
    let numbers = &rest[..numbers_len];
    let (vi, page) = match numbers.split_once(':') {
        Some((vi, p)) => (vi, Some(p.fast_trim())),
        None => (numbers, None),
    };
    let (volume, issue) = match vi.split_once('(') {
        Some((v, i)) => (v, Some(i.strip_suffix(')')?)),
        None => (vi, None),
    };
    let plain = |t: &str| {
        !t.is_empty()
            && t.len() <= 12
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '–' | ' ' | ','))
    };
    if !volume.bytes().all(|b| b.is_ascii_digit())
        || volume.is_empty()
        || !issue.is_none_or(plain)
        || !page.is_none_or(plain)
    {
        return None;
    }
    Some(Vancouver {
        names: list.names,
        elided: list.elided,
        authors_text,
        title,
        journal,
        date_text,
        date,
        volume,
        issue,
        page,
        end: semi + 1 + numbers_len,
    })
}

/// "2001", "2001 Sep", "2001 Sep 12", "2001 Sep-Oct".
fn read_date(t: &str) -> Option<Date> {
    let mut words = t.split(' ');
    let year: i32 = words
        .next()
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?
        .parse()
        .ok()?;
    if !(1400..=2099).contains(&year) {
        return None;
    }
    let month = match words.next() {
        Some(m) => {
            let first = m.split(['-', '–']).next().unwrap_or(m);
            Some(super::date::month_number(first)?)
        }
        None => None,
    };
    let day = match words.next() {
        Some(d) => Some(d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    if words.next().is_some() {
        return None;
    }
    Some(Date::ymd(year, month, day))
}

impl Vancouver<'_> {
    /// The fields and the text each was read from.
    pub(crate) fn parts(&self) -> Vec<(Field, &str)> {
        [
            (Field::Author, Some(self.authors_text)),
            (Field::Title, Some(self.title)),
            (Field::ContainerTitle, Some(self.journal)),
            (Field::Issued, Some(self.date_text)),
            (Field::Volume, Some(self.volume)),
            (Field::Issue, self.issue),
            (Field::Page, self.page),
        ]
        .into_iter()
        .filter_map(|(f, v)| v.map(|v| (f, v)))
        .collect()
    }

    /// Fills a reference.
    pub(crate) fn apply(&self, r: &mut Reference) {
        r.item_type = ItemType::ArticleJournal;
        r.authors_elided = self.elided;
        r.add_names(crate::model::Role::Author, self.names.iter().cloned());
        r.title = Some(self.title.to_string());
        r.container_title = Some(self.journal.to_string());
        r.issued = Some(self.date.clone());
        r.volume = Some(self.volume.to_string());
        r.issue = self.issue.map(str::to_string);
        r.page = self.page.map(super::parse::normalize_pages);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_vancouver_order() {
        let s = "Kroenke K, Spitzer RL, Williams JB. The PHQ-9: validity of a brief depression \
                 severity measure. J Gen Intern Med. 2001;16(9):606-613.";
        let v = parse(s).unwrap();
        assert_eq!(v.names.len(), 3);
        assert_eq!(
            v.title,
            "The PHQ-9: validity of a brief depression severity measure"
        );
        assert_eq!(v.journal, "J Gen Intern Med");
        assert_eq!(
            (v.volume, v.issue, v.page),
            ("16", Some("9"), Some("606-613"))
        );
        assert_eq!(v.date.start.unwrap().year, 2001);
        let s = "Lee J, Park S, et al. Sleep and mood. Sleep Med. 2019 Mar;55:1-9. doi:10.1/x";
        let v = parse(s).unwrap();
        assert!(v.elided);
        assert_eq!(v.date.start.unwrap().month, Some(3));
        assert_eq!((v.volume, v.issue, v.page), ("55", None, Some("1-9")));
        assert_eq!(&s[v.end..], ". doi:10.1/x");
    }

    #[test]
    fn apa_is_not_vancouver() {
        // APA's date in parentheses, a ';' inside a title, a group.
        assert!(parse("Smith, J. (2019). Title; 2019;12. Journal, 1(2), 3-4.").is_none());
        assert!(parse("World Health Organization. Report. Geneva. 2019;12:1-4.").is_none());
    }
}
