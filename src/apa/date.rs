//! Dates: the contents of APA's date parentheses, `(2019)`, `(2019a)`,
//! `(2019, March 3)`, `(2019, March 3–5)`, `(2019, Spring)`, `(n.d.)`,
//! `(n.d.-a)`, `(in press)`, `(2019–2020)`, `(ca. 1900)`, and free-text dates
//! as other formats carry them (`2019-03-05`, `March 3, 2019`).

use super::lower::Lc;
use crate::model::{Date, DateParts, DateStatus, Season};
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while_m_n},
    character::complete::{char, satisfy, space0, space1},
    combinator::{all_consuming, map, map_res, opt, recognize, value},
    sequence::{preceded, terminated},
};

/// English month names and abbreviations (lower case) with their numbers,
/// plus the common forms of a few other languages seen in reference lists.
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("sept", 9),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // German, French, Spanish, Dutch, Italian, Portuguese full names.
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
];

/// The month number of a month word (`March`, `Mar.`, `mars`), if it is one.
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').lc();
    MONTHS
        .iter()
        .find(|(m, _)| *m == w.as_str())
        .map(|(_, n)| *n)
}

fn season_of(word: &str) -> Option<Season> {
    match word.trim_end_matches('.').lc().as_str() {
        "spring" | "frühling" | "printemps" | "primavera" => Some(Season::Spring),
        "summer" | "sommer" | "été" | "verano" => Some(Season::Summer),
        "fall" | "autumn" | "herbst" | "automne" | "otoño" => Some(Season::Autumn),
        "winter" | "hiver" | "invierno" => Some(Season::Winter),
        _ => None,
    }
}

fn word(i: &str) -> IResult<&str, &str> {
    recognize((
        take_while_m_n(1, 12, |c: char| c.is_alphabetic()),
        opt(char('.')),
    ))
    .parse(i)
}

fn month(i: &str) -> IResult<&str, u8> {
    map_res(word, |w| month_number(w).ok_or(())).parse(i)
}

fn season(i: &str) -> IResult<&str, Season> {
    map_res(word, |w| season_of(w).ok_or(())).parse(i)
}

/// A four-digit year (three digits allowed for early works).
fn year(i: &str) -> IResult<&str, i32> {
    map_res(
        take_while_m_n(3, 4, |c: char| c.is_ascii_digit()),
        |s: &str| s.parse::<i32>(),
    )
    .parse(i)
}

fn day(i: &str) -> IResult<&str, u8> {
    map_res(
        terminated(
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))),
        ),
        |s: &str| match s.parse::<u8>() {
            Ok(d) if (1..=31).contains(&d) => Ok(d),
            _ => Err(()),
        },
    )
    .parse(i)
}

/// A range dash: hyphen, en dash, em dash, with optional spaces, or "/".
fn range_dash(i: &str) -> IResult<&str, ()> {
    value(
        (),
        (
            space0,
            alt((char('-'), char('–'), char('—'), char('‒'), char('/'))),
            space0,
        ),
    )
    .parse(i)
}

fn suffix(i: &str) -> IResult<&str, String> {
    map(
        take_while_m_n(1, 2, |c: char| c.is_ascii_lowercase()),
        str::to_string,
    )
    .parse(i)
}

/// `March 3`, `March 3–5`, `March 31–April 2`, `March`, `March–April`,
/// `Spring`, `3 March`.
/// Month, day, the end of a range (month, day) and a season.
type MonthDay = (
    Option<u8>,
    Option<u8>,
    Option<(u8, Option<u8>)>,
    Option<Season>,
);

fn month_day(i: &str) -> IResult<&str, MonthDay> {
    alt((
        map(
            (
                month,
                opt(preceded(space1, day)),
                opt(preceded(
                    range_dash,
                    alt((
                        map((month, opt(preceded(space1, day))), |(m, d)| (Some(m), d)),
                        map(day, |d| (None, Some(d))),
                    )),
                )),
            ),
            |(m, d, end)| {
                let end = end.map(|(em, ed)| (em.unwrap_or(m), ed));
                (Some(m), d, end, None)
            },
        ),
        map((day, space1, month), |(d, _, m)| {
            (Some(m), Some(d), None, None)
        }),
        map((season, opt((range_dash, season))), |(s, _)| {
            (None, None, None, Some(s))
        }),
    ))
    .parse(i)
}

/// The contents of an APA date parenthesis, without the parentheses.
pub fn date_group(i: &str) -> IResult<&str, Date> {
    alt((no_date, in_press, dated)).parse(i)
}

fn no_date(i: &str) -> IResult<&str, Date> {
    map(
        preceded(
            alt((
                tag_no_case("n.d."),
                tag_no_case("n. d."),
                tag_no_case("nd"),
                tag_no_case("s.d."),
                tag_no_case("o.J."),
            )),
            opt(preceded(opt(char('-')), suffix)),
        ),
        |sfx| Date {
            status: DateStatus::NoDate,
            suffix: sfx,
            ..Date::default()
        },
    )
    .parse(i)
}

fn in_press(i: &str) -> IResult<&str, Date> {
    map(
        (
            alt((
                value(DateStatus::InPress, tag_no_case("in press")),
                value(DateStatus::Forthcoming, tag_no_case("forthcoming")),
                value(DateStatus::InPress, tag_no_case("accepted")),
                value(DateStatus::InPress, tag_no_case("under review")),
            )),
            opt(preceded(opt(char('-')), suffix)),
        ),
        |(status, sfx)| Date {
            status,
            suffix: sfx,
            ..Date::default()
        },
    )
    .parse(i)
}

fn circa(i: &str) -> IResult<&str, bool> {
    map(
        opt(terminated(
            alt((tag_no_case("ca."), tag_no_case("c."), tag_no_case("circa"))),
            space0,
        )),
        |c| c.is_some(),
    )
    .parse(i)
}

fn dated(i: &str) -> IResult<&str, Date> {
    let (i, circa) = circa(i)?;
    let (i, y) = year(i)?;
    let (i, sfx) = opt(suffix).parse(i)?;
    // A year range: 2019–2020, 1906–1930, 2019/2020.
    let (i, end_year) = opt(preceded(range_dash, year)).parse(i)?;
    let (i, md) = opt(preceded((opt(char(',')), space1), month_day)).parse(i)?;
    let mut d = Date {
        circa,
        suffix: sfx,
        start: Some(DateParts {
            year: y,
            month: None,
            day: None,
        }),
        ..Date::default()
    };
    if let Some(ey) = end_year {
        d.end = Some(DateParts {
            year: ey,
            month: None,
            day: None,
        });
    }
    if let Some((m, dd, end, season)) = md {
        if let Some(start) = d.start.as_mut() {
            start.month = m;
            start.day = dd;
        }
        if let Some((em, ed)) = end {
            d.end = Some(DateParts {
                year: y,
                month: Some(em),
                day: ed,
            });
        }
        d.season = season;
    }
    // A suffix may also follow the month and day: "2019, March 3a".
    let (i, late_sfx) = opt(suffix).parse(i)?;
    if d.suffix.is_none() {
        d.suffix = late_sfx;
    }
    Ok((i, d))
}

/// Parses the whole of `s` (the text inside the parentheses) as an APA date.
pub fn parse_date_group(s: &str) -> Option<Date> {
    let s = super::scan::trim(s);
    // Most date parentheses hold a year ("2019", "2019a"): read without
    // the grammar. What starts with no digit and no letter a date word
    // starts with ("n.d.", "in press", "ca. 1900" ...) is none.
    let b = s.as_bytes();
    if let Some((y, sfx)) = b.split_at_checked(4)
        && y.iter().all(u8::is_ascii_digit)
        && sfx.len() <= 2
        && sfx.iter().all(u8::is_ascii_lowercase)
    {
        let year = y.iter().fold(0, |n, &d| n * 10 + i32::from(d - b'0'));
        return Some(Date {
            suffix: (!sfx.is_empty()).then(|| String::from_utf8_lossy(sfx).into_owned()),
            start: Some(DateParts {
                year,
                month: None,
                day: None,
            }),
            ..Date::default()
        });
    }
    if !b.first().is_some_and(|c| {
        c.is_ascii_digit()
            || matches!(
                c.to_ascii_lowercase(),
                b'n' | b's' | b'o' | b'i' | b'f' | b'a' | b'u' | b'c'
            )
    }) {
        return None;
    }
    if let Ok((_, d)) = all_consuming(date_group).parse(s) {
        return Some(d);
    }
    let s = s.trim_end_matches(['.', ',']).trim();
    all_consuming(date_group).parse(s).ok().map(|(_, d)| d)
}

/// `2019-03-05`, `2019-03`, `2019/03/05`.
fn iso(i: &str) -> IResult<&str, Date> {
    let num2 = |i| {
        map_res(
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            |s: &str| s.parse::<u8>(),
        )
        .parse(i)
    };
    map(
        (
            year,
            opt(preceded(
                alt((char('-'), char('/'))),
                (num2, opt(preceded(alt((char('-'), char('/'))), num2))),
            )),
            opt((satisfy(|c| c == 'T' || c == ' '), nom::combinator::rest)),
        ),
        |(y, md, _)| {
            let (m, d) = match md {
                Some((m, d)) => (
                    Some(m).filter(|m| (1..=12).contains(m)),
                    d.filter(|d| (1..=31).contains(d)),
                ),
                None => (None, None),
            };
            Date::ymd(y, m, m.and(d))
        },
    )
    .parse(i)
}

/// `March 3, 2019`, `March 2019`, `3 March 2019`.
fn prose(i: &str) -> IResult<&str, Date> {
    alt((
        map(
            (
                month,
                opt(preceded(space1, day)),
                opt(char(',')),
                space1,
                year,
            ),
            |(m, d, _, _, y)| Date::ymd(y, Some(m), d),
        ),
        map(
            (day, space1, month, opt(char(',')), space1, year),
            |(d, _, m, _, _, y)| Date::ymd(y, Some(m), Some(d)),
        ),
    ))
    .parse(i)
}

/// Reads a date as free text, in the forms reference managers and APA
/// lists use. Returns `None` when the text is not a date.
pub fn parse_date_text(s: &str) -> Option<Date> {
    let s = s.trim().trim_end_matches(['.', ',']).trim();
    if s.is_empty() {
        return None;
    }
    if let Some(d) = parse_date_group(s) {
        return Some(d);
    }
    if let Ok((_, d)) = all_consuming(iso).parse(s) {
        return Some(d);
    }
    if let Ok((_, d)) = all_consuming(prose).parse(s) {
        return Some(d);
    }
    // A day written as an ordinal, German style: "3. März 2021".
    if let Some((day, rest)) = s.split_once(". ")
        && (1..=2).contains(&day.len())
        && day.chars().all(|c| c.is_ascii_digit())
    {
        let plain = format!("{day} {rest}");
        if let Ok((_, d)) = all_consuming(prose).parse(plain.as_str()) {
            return Some(d);
        }
    }
    // A year with trailing words: "2019 [online]".
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 4
        && let Ok(y) = digits.parse()
    {
        return Some(Date::year(y));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(d: &Date) -> (i32, Option<u8>, Option<u8>) {
        let p = d.start.expect("dated");
        (p.year, p.month, p.day)
    }

    /// [`parse_date_group`] without its shortcuts: the grammar alone.
    fn by_grammar(s: &str) -> Option<Date> {
        let s = s.trim();
        if let Ok((_, d)) = all_consuming(date_group).parse(s) {
            return Some(d);
        }
        let s = s.trim_end_matches(['.', ',']).trim();
        all_consuming(date_group).parse(s).ok().map(|(_, d)| d)
    }

    proptest::proptest! {
        #[test]
        fn shortcuts_agree_with_the_grammar(
            s in "[0-9]{3,5}[a-zA-Z]{0,3}[.,]?|[A-Za-zé. ]{1,6}[0-9]{0,4}[.,]?| ?(n.d.|In press|ca. 1900|c. 1900|Spring 2019|2019, May 3)[.,]?"
        ) {
            proptest::prop_assert_eq!(parse_date_group(&s), by_grammar(&s));
        }
    }

    #[test]
    fn year_only_and_suffix() {
        let d = parse_date_group("2019").unwrap();
        assert_eq!(ymd(&d), (2019, None, None));
        let d = parse_date_group("2014f").unwrap();
        assert_eq!(d.suffix.as_deref(), Some("f"));
    }

    #[test]
    fn month_and_day() {
        let d = parse_date_group("2015, November 19").unwrap();
        assert_eq!(ymd(&d), (2015, Some(11), Some(19)));
        let d = parse_date_group("2023b, May 15").unwrap();
        assert_eq!(ymd(&d), (2023, Some(5), Some(15)));
        assert_eq!(d.suffix.as_deref(), Some("b"));
        let d = parse_date_group("2011, August").unwrap();
        assert_eq!(ymd(&d), (2011, Some(8), None));
        let d = parse_date_group("2020, Sept. 3").unwrap();
        assert_eq!(ymd(&d), (2020, Some(9), Some(3)));
    }

    #[test]
    fn ranges() {
        let d = parse_date_group("2019, March 3–5").unwrap();
        assert_eq!(ymd(&d), (2019, Some(3), Some(3)));
        assert_eq!(d.end.unwrap().day, Some(5));
        let d = parse_date_group("2019, March 31–April 2").unwrap();
        assert_eq!(d.end.unwrap().month, Some(4));
        let d = parse_date_group("2019–2020").unwrap();
        assert_eq!(d.end.unwrap().year, 2020);
    }

    #[test]
    fn undated_and_in_press() {
        let d = parse_date_group("n.d.").unwrap();
        assert_eq!(d.status, DateStatus::NoDate);
        let d = parse_date_group("n.d.-b").unwrap();
        assert_eq!(d.suffix.as_deref(), Some("b"));
        let d = parse_date_group("in press").unwrap();
        assert_eq!(d.status, DateStatus::InPress);
        let d = parse_date_group("in press-a").unwrap();
        assert_eq!(d.suffix.as_deref(), Some("a"));
    }

    #[test]
    fn seasons_and_circa() {
        let d = parse_date_group("2022, Spring").unwrap();
        assert_eq!(d.season, Some(Season::Spring));
        let d = parse_date_group("ca. 1900").unwrap();
        assert!(d.circa);
    }

    #[test]
    fn not_dates() {
        assert!(parse_date_group("Eds.").is_none());
        assert!(parse_date_group("2nd ed.").is_none());
        assert!(parse_date_group("Report No. 12").is_none());
        assert!(parse_date_group("1838–1916 and more").is_none());
        assert!(parse_date_group("12345").is_none());
    }

    #[test]
    fn free_text_dates() {
        assert_eq!(
            ymd(&parse_date_text("2019-03-05").unwrap()),
            (2019, Some(3), Some(5))
        );
        assert_eq!(
            ymd(&parse_date_text("March 3, 2019").unwrap()),
            (2019, Some(3), Some(3))
        );
        assert_eq!(
            ymd(&parse_date_text("3 March 2019").unwrap()),
            (2019, Some(3), Some(3))
        );
        assert_eq!(
            ymd(&parse_date_text("2020/03/15").unwrap()),
            (2020, Some(3), Some(15))
        );
    }
}
