//! Dates: the contents of APA's date parentheses, `(2019)`, `(2019a)`,
//! `(2019, March 3)`, `(2019, March 3–5)`, `(2019, Spring)`, `(n.d.)`,
//! `(n.d.-a)`, `(in press)`, `(2019–2020)`, `(ca. 1900)`, and free-text dates
//! as other formats carry them (`2019-03-05`, `March 3, 2019`).

use super::lower::Lc;
use super::scan::FastTrim as _;
use crate::model::{Date, DateParts, DateStatus, Season};
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while_m_n},
    character::complete::{char, satisfy, space0, space1},
    combinator::{all_consuming, map, map_res, not, opt, recognize, value},
    sequence::{preceded, terminated},
};

/// Month names (lower case) with their numbers: English names and
/// abbreviations, and the names the CSL locales give citation styles in
/// the other languages written in Latin or Cyrillic letters (a Dutch list
/// prints "(2021, augustus 5)", a Portuguese one "(2022, julho 5)"). A
/// name languages use for different months ("listopad") takes the month
/// most of them mean.
#[rustfmt::skip]
const MONTHS: &[(&str, u8)] = &[
    // Polish and Czech November (Croatian October).
    ("listopad", 11),
    ("enero", 1), ("gener", 1), ("gennaio", 1), ("ianuarie", 1), ("ianuarius", 1),
    ("ionawr", 1), ("jaanuar", 1), ("jan", 1), ("janeiro", 1), ("januar", 1), ("januari", 1),
    ("januarie", 1), ("january", 1), ("január", 1), ("janvier", 1), ("janvārī", 1),
    ("janúar", 1), ("jänner", 1), ("leden", 1), ("ocak", 1), ("sausio", 1), ("siječanj", 1),
    ("styczeń", 1), ("tammikuuta", 1), ("urtarrilak", 1), ("січень", 1), ("январь", 1),
    ("януари", 1), ("јануар", 1),
    ("chwefror", 2), ("feb", 2), ("febbraio", 2), ("febrer", 2), ("febrero", 2), ("februar", 2),
    ("februari", 2), ("februarie", 2), ("februarius", 2), ("february", 2), ("február", 2),
    ("februārī", 2), ("febrúar", 2), ("fevereiro", 2), ("février", 2), ("helmikuuta", 2),
    ("luty", 2), ("otsailak", 2), ("vasario", 2), ("veebruar", 2), ("veljača", 2), ("únor", 2),
    ("şubat", 2), ("лютий", 2), ("фебруар", 2), ("февраль", 2), ("февруари", 2),
    ("březen", 3), ("kovo", 3), ("maaliskuuta", 3), ("maart", 3), ("mar", 3), ("march", 3),
    ("marec", 3), ("maret", 3), ("mars", 3), ("mart", 3), ("martie", 3), ("martius", 3),
    ("marts", 3), ("martxoak", 3), ("martā", 3), ("marzec", 3), ("marzo", 3), ("març", 3),
    ("março", 3), ("mawrth", 3), ("március", 3), ("märts", 3), ("märz", 3), ("ožujak", 3),
    ("березень", 3), ("март", 3),
    ("abril", 4), ("apirilak", 4), ("apr", 4), ("april", 4), ("aprile", 4), ("aprilie", 4),
    ("aprilis", 4), ("aprill", 4), ("apríl", 4), ("aprīlī", 4), ("avril", 4), ("balandžio", 4),
    ("duben", 4), ("ebrill", 4), ("huhtikuuta", 4), ("kwiecień", 4), ("nisan", 4),
    ("travanj", 4), ("április", 4), ("апрель", 4), ("април", 4), ("квітень", 4),
    ("gegužės", 5), ("květen", 5), ("maggio", 5), ("mai", 5), ("maiatzak", 5), ("maig", 5),
    ("maijā", 5), ("maio", 5), ("maius", 5), ("maj", 5), ("may", 5), ("mayo", 5), ("mayıs", 5),
    ("maí", 5), ("mei", 5), ("máj", 5), ("május", 5), ("svibanj", 5), ("toukokuuta", 5),
    ("май", 5), ("мај", 5), ("травень", 5),
    ("birželio", 6), ("czerwiec", 6), ("ekainak", 6), ("giugno", 6), ("haziran", 6),
    ("iunie", 6), ("iunius", 6), ("juin", 6), ("jun", 6), ("june", 6), ("junho", 6),
    ("juni", 6), ("junie", 6), ("junij", 6), ("junio", 6), ("juny", 6), ("juuni", 6),
    ("jún", 6), ("június", 6), ("júní", 6), ("jūnijā", 6), ("kesäkuuta", 6), ("lipanj", 6),
    ("mehefin", 6), ("červen", 6), ("июнь", 6), ("червень", 6), ("юни", 6), ("јуни", 6),
    ("gorffennaf", 7), ("heinäkuuta", 7), ("iulie", 7), ("iulius", 7), ("juillet", 7),
    ("jul", 7), ("julho", 7), ("juli", 7), ("julie", 7), ("julij", 7), ("julio", 7),
    ("juliol", 7), ("july", 7), ("juuli", 7), ("júl", 7), ("július", 7), ("júlí", 7),
    ("jūlijā", 7), ("liepos", 7), ("lipiec", 7), ("luglio", 7), ("srpanj", 7), ("temmuz", 7),
    ("uztailak", 7), ("červenec", 7), ("июль", 7), ("липень", 7), ("юли", 7), ("јули", 7),
    ("abuztuak", 8), ("agost", 8), ("agosto", 8), ("agustus", 8), ("août", 8), ("aug", 8),
    ("august", 8), ("augusti", 8), ("augustus", 8), ("augustā", 8), ("augusztus", 8),
    ("avgust", 8), ("awst", 8), ("ağustos", 8), ("elokuuta", 8), ("kolovoz", 8),
    ("rugpjūčio", 8), ("sierpień", 8), ("srpen", 8), ("ágúst", 8), ("август", 8),
    ("серпень", 8),
    ("eylül", 9), ("irailak", 9), ("medi", 9), ("rugsėjo", 9), ("rujan", 9), ("sep", 9),
    ("sept", 9), ("september", 9), ("septembre", 9), ("septembrie", 9), ("septembrī", 9),
    ("septiembre", 9), ("setembre", 9), ("setembro", 9), ("settembre", 9), ("syyskuuta", 9),
    ("szeptember", 9), ("wrzesień", 9), ("září", 9), ("вересень", 9), ("сентябрь", 9),
    ("септембар", 9), ("септември", 9),
    ("ekim", 10), ("hydref", 10), ("lokakuuta", 10), ("oct", 10), ("october", 10),
    ("octobre", 10), ("octombrie", 10), ("octubre", 10), ("oktober", 10), ("oktobrī", 10),
    ("oktoober", 10), ("október", 10), ("ottobre", 10), ("outubro", 10), ("październik", 10),
    ("spalio", 10), ("urriak", 10), ("říjen", 10), ("жовтень", 10), ("октобар", 10),
    ("октомври", 10), ("октябрь", 10),
    ("azaroak", 11), ("kasım", 11), ("lapkričio", 11), ("marraskuuta", 11), ("noiembrie", 11),
    ("nouember", 11), ("nov", 11), ("november", 11), ("novembre", 11), ("novembro", 11),
    ("novembrī", 11), ("noviembre", 11), ("nóvember", 11), ("studeni", 11), ("tachwedd", 11),
    ("листопад", 11), ("новембар", 11), ("ноември", 11), ("ноябрь", 11),
    ("abenduak", 12), ("aralık", 12), ("dec", 12), ("december", 12), ("decembrie", 12),
    ("decembrī", 12), ("desember", 12), ("desembre", 12), ("detsember", 12), ("dezember", 12),
    ("dezembro", 12), ("dicembre", 12), ("diciembre", 12), ("décembre", 12), ("grudzień", 12),
    ("gruodžio", 12), ("joulukuuta", 12), ("prosinac", 12), ("prosinec", 12), ("rhagfyr", 12),
    ("грудень", 12), ("декабрь", 12), ("декември", 12), ("децембар", 12),
    // Greek (nominative, as the CSL locale prints them) and Chinese.
    ("ιανουάριος", 1), ("φεβρουάριος", 2), ("μάρτιος", 3), ("απρίλιος", 4), ("μάιος", 5),
    ("ιούνιος", 6), ("ιούλιος", 7), ("αύγουστος", 8), ("σεπτέμβριος", 9), ("οκτώβριος", 10),
    ("νοέμβριος", 11), ("δεκέμβριος", 12),
    ("一月", 1), ("二月", 2), ("三月", 3), ("四月", 4), ("五月", 5), ("六月", 6), ("七月", 7),
    ("八月", 8), ("九月", 9), ("十月", 10), ("十一月", 11), ("十二月", 12),
];

/// The month number of a month word (`March`, `Mar.`, `mars`), if it is one.
pub fn month_number(word: &str) -> Option<u8> {
    static BY_NAME: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, u8>> =
        std::sync::LazyLock::new(|| MONTHS.iter().copied().collect());
    let w = word.trim_end_matches('.');
    // Month names are short: longer words are not looked up.
    if w.len() > 24 {
        return None;
    }
    // (ASCII words are lower-cased in a buffer on the stack.)
    let mut buf = [0u8; 24];
    if let Some(b) = buf.get_mut(..w.len()).filter(|_| w.is_ascii()) {
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        return std::str::from_utf8(b)
            .ok()
            .and_then(|l| BY_NAME.get(l))
            .copied();
    }
    BY_NAME.get(w.lc().as_str()).copied()
}

/// True when a word names a season (`Spring`, `Herbst`).
pub fn is_season(word: &str) -> bool {
    season_of(word).is_some()
}

fn season_of(word: &str) -> Option<Season> {
    match word.trim_end_matches('.').lc().as_str() {
        // English and the CSL locales' season names in the languages
        // reference lists are most often written in.
        "spring" | "frühling" | "frühjahr" | "printemps" | "primavera" | "lente" | "vår"
        | "forår" | "wiosna" | "kevät" | "jaro" => Some(Season::Spring),
        "summer" | "sommer" | "été" | "verano" | "verão" | "estate" | "zomer" | "sommar"
        | "lato" | "kesä" | "léto" => Some(Season::Summer),
        "fall" | "autumn" | "herbst" | "automne" | "otoño" | "outono" | "autunno" | "herfst"
        | "höst" | "høst" | "efterår" | "jesień" | "syksy" | "podzim" => Some(Season::Autumn),
        "winter" | "hiver" | "invierno" | "inverno" | "vinter" | "zima" | "talvi" => {
            Some(Season::Winter)
        }
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
    alt((map_res(word, |w| month_number(w).ok_or(())), cjk_month)).parse(i)
}

/// A month as Japanese, Chinese and Korean write it: "11月", "11월".
fn cjk_month(i: &str) -> IResult<&str, u8> {
    map_res(
        terminated(
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            alt((char('月'), char('월'))),
        ),
        |s: &str| match s.parse::<u8>() {
            Ok(m) if (1..=12).contains(&m) => Ok(m),
            _ => Err(()),
        },
    )
    .parse(i)
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
    // (Not the first digits of a year: "30–2020, January 2".)
    if i.as_bytes()
        .get(..3)
        .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        )));
    }
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
/// `Spring`, `3 March`, `3. März`.
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
        // "3 March", "3. März" with the ordinal period of German and the
        // Nordic languages, and "15 de marzo" of Spanish and Portuguese.
        map(
            (day, opt(char('.')), space1, opt((tag("de"), space1)), month),
            |(d, _, _, _, m)| (Some(m), Some(d), None, None),
        ),
        map((season, opt((range_dash, season))), |(s, _)| {
            (None, None, None, Some(s))
        }),
    ))
    .parse(i)
}

/// The contents of an APA date parenthesis, without the parentheses.
pub fn date_group(i: &str) -> IResult<&str, Date> {
    // A date that starts with a digit is never "n.d." or "in press".
    if i.starts_with(|c: char| c.is_ascii_digit()) {
        return dated(i);
    }
    alt((no_date, in_press, dated, month_first)).parse(i)
}

/// The text's last four bytes are digits: it ends with a year.
fn ends_with_year(b: &[u8]) -> bool {
    b.len()
        .checked_sub(4)
        .and_then(|at| b.get(at..))
        .is_some_and(|y| y.iter().all(u8::is_ascii_digit))
}

/// A month or season before the year, as hand-typed lists put it: "March
/// 2019", "Oct. 2020", "3 March 2019", "Winter 2020".
fn month_first(i: &str) -> IResult<&str, Date> {
    // (Cheap test first: the text ends with the year. Most parentheses
    // asked whether they are a date are not: "(Eds.)", "(pp. 1–20)".)
    if !ends_with_year(i.as_bytes()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Alt,
        )));
    }
    alt((
        prose,
        map((season, space1, year), |(season, _, y)| Date {
            season: Some(season),
            ..Date::ymd(y, None, None)
        }),
    ))
    .parse(i)
}

/// "n.d." and what citation styles print for it in the other languages
/// APA lists are written in (the CSL locales' "no date" terms): German
/// "o. J.", French "s. d.", Spanish "s. f.", Danish, Norwegian and Swedish
/// "u.å.", Dutch "z.d.", Polish "b.d.", Russian "б. д." …, lower case.
const NO_DATE: &[&str] = &[
    "n.d.",
    "n. d.",
    "[s.d.]",
    "s.d.",
    "s. d.",
    "o.j.",
    "o. j.",
    "s.f.",
    "s. f.",
    "s/f",
    "s.a.",
    "u.å.",
    "u. å.",
    "z.d.",
    "b.d.",
    "b. d.",
    "b.r.",
    "b.g.",
    "d.d.",
    "d. g.",
    "é. n.",
    "é.n.",
    "ei pvm.",
    "bez dat.",
    "sem data",
    "sin fecha",
    "sans date",
    "ohne jahr",
    "t.t.",
    "t.y.",
    "б. д.",
    "б.д.",
    "б. г.",
    "χ.χ.",
    "f.a.",
    "f. a.",
    "日付なし",
    "일자 없음",
    "不详",
    "无日期",
    "nd",
];

/// The CSL locales' "in press" terms, lower case.
const IN_PRESS: &[&str] = &[
    "in press",
    "im druck",
    "en imprenta",
    "en prensa",
    "sous presse",
    "no prelo",
    "in druk",
    "w druku",
    "in stampa",
    "i tryck",
    "i trykk",
    "v tisku",
    "u tisku",
    "в печати",
    "painossa",
    "basımda",
];

/// The length in `i` of `term` (lower case) at its start, compared
/// ignoring case; the first byte is compared first, so that most terms
/// are passed over at once.
fn term_at(i: &str, term: &str) -> Option<usize> {
    let (Some(&a), Some(&b)) = (i.as_bytes().first(), term.as_bytes().first()) else {
        return None;
    };
    // Non-ASCII first bytes are lead bytes: upper and lower case of the
    // letters used here share them.
    if a.to_ascii_lowercase() != b {
        return None;
    }
    let mut chars = i.char_indices();
    for t in term.chars() {
        let (_, c) = chars.next()?;
        if c != t && !c.to_lowercase().eq(std::iter::once(t)) {
            return None;
        }
    }
    Some(chars.next().map_or(i.len(), |(at, _)| at))
}

/// The length in `i` of the first of `terms` at its start ([`term_at`]).
/// (Only the terms with the first byte of `i` are compared: most are
/// passed over without a call.)
fn terms_at(i: &str, terms: &[&str]) -> Option<usize> {
    let first = i.as_bytes().first()?.to_ascii_lowercase();
    terms
        .iter()
        .filter(|t| t.as_bytes().first() == Some(&first))
        .find_map(|t| term_at(i, t))
}

fn no_date(i: &str) -> IResult<&str, Date> {
    let Some(n) = terms_at(i, NO_DATE) else {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )));
    };
    // In bounds, char boundary: `term_at` gives the end of a char.
    map(opt(preceded(opt(char('-')), suffix)), |sfx| Date {
        status: DateStatus::NoDate,
        suffix: sfx,
        ..Date::default()
    })
    .parse(&i[n..])
}

fn in_press(i: &str) -> IResult<&str, Date> {
    let (rest, status) = if let Some(n) = terms_at(i, IN_PRESS) {
        // In bounds, char boundary: as above.
        (&i[n..], DateStatus::InPress)
    } else {
        alt((
            value(DateStatus::Forthcoming, tag_no_case("forthcoming")),
            value(DateStatus::InPress, tag_no_case("accepted")),
            value(DateStatus::InPress, tag_no_case("under review")),
        ))
        .parse(i)?
    };
    map(opt(preceded(opt(char('-')), suffix)), move |sfx| Date {
        status,
        suffix: sfx,
        ..Date::default()
    })
    .parse(rest)
}

fn circa(i: &str) -> IResult<&str, bool> {
    // (Most dates start with their year: no term to try.)
    if !i.starts_with(['c', 'C']) {
        return Ok((i, false));
    }
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
    // A year range: 2019–2020, 1906–1930, 2019/2020; or one to the
    // present (`2015–present`), which gives no end year.
    let (i, end_year) = opt(preceded(
        range_dash,
        alt((
            map(year, Some),
            value(
                None,
                terminated(tag_no_case("present"), not(satisfy(char::is_alphabetic))),
            ),
        )),
    ))
    .parse(i)?;
    // "2019, March 3", "2019 March 3"; "2016 , December" with a space
    // before the comma (pybtex's APA style, hand-typed lists).
    let (i, md) = opt(preceded(
        alt((recognize((space0, char(','), space0)), space1)),
        month_day,
    ))
    .parse(i)?;
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
    match end_year {
        Some(Some(ey)) => {
            d.end = Some(DateParts {
                year: ey,
                month: None,
                day: None,
            })
        }
        Some(None) => d.ongoing = true,
        None => {}
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
    // A range across years: "2019, December 30–2020, January 2".
    let (i, next_year) = if md.is_some() && d.end.is_none() {
        opt(preceded(
            range_dash,
            (
                year,
                preceded(
                    alt((recognize((space0, char(','), space0)), space1)),
                    month_day,
                ),
            ),
        ))
        .parse(i)?
    } else {
        (i, None)
    };
    if let Some((ey, (em, ed, None, None))) = next_year {
        d.end = Some(DateParts {
            year: ey,
            month: em,
            day: ed,
        });
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
    // The first letters of the words for "no date" and "in press" in
    // every language read ("z.d.", "b.d.", "t.t.", "w druku", "[s.d.]"),
    // and any non-ASCII letter ("é. n.", "б. д.").
    // A month or season before the year, as hand-typed lists put it:
    // "(March 2019)", "(Oct. 2020)", "(Winter 2020)".
    // (`month_first` asks whether the text ends with a year first.)
    if b.len() <= 20
        && b.first().is_some_and(u8::is_ascii_uppercase)
        && let Ok((_, d)) = all_consuming(month_first).parse(s)
    {
        return Some(d);
    }
    if !b.first().is_some_and(|c| {
        c.is_ascii_digit()
            || *c >= 0x80
            || matches!(
                c.to_ascii_lowercase(),
                b'n' | b's'
                    | b'o'
                    | b'i'
                    | b'f'
                    | b'a'
                    | b'u'
                    | b'c'
                    | b'z'
                    | b'b'
                    | b'd'
                    | b'e'
                    | b't'
                    | b'w'
                    | b'v'
                    | b'p'
                    | b'['
            )
    }) {
        return None;
    }
    if let Ok((_, d)) = all_consuming(date_group).parse(s) {
        return Some(d);
    }
    let s = s.trim_end_matches(['.', ',']).fast_trim();
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
        // (First: the day below would take "20" of "March 2019".)
        map((month, space1, year), |(m, _, y)| {
            Date::ymd(y, Some(m), None)
        }),
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
    let s = super::scan::trim(s)
        .trim_end_matches(['.', ','])
        .fast_trim();
    if s.is_empty() {
        return None;
    }
    // A year of an era, as classical works give their original date:
    // "ca. 350 B.C.E.", "400 BC", "AD 1066". Kept as printed (a CSL
    // literal date): a negative year reads differently in each consumer.
    // (Most dates end with a digit and do not start with "A".)
    if (s.ends_with(|c: char| c.is_ascii_alphabetic()) || s.starts_with(['A', 'a']))
        && let Some(d) = era_year(s)
    {
        return Some(d);
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

/// "ca. 350 B.C.E.", "400 BC", "AD 1066", "1200 C.E.": a year of one to
/// four digits with an era, perhaps after "ca.".
fn era_year(s: &str) -> Option<Date> {
    let (circa, rest) = match circa(s) {
        Ok((rest, c)) => (c, rest),
        Err(_) => (false, s),
    };
    // (The caller has trimmed the final period: "B.C.E" is "B.C.E.".)
    let eras = ["b.c.e", "bce", "b.c", "bc", "c.e", "ce", "a.d", "ad"];
    let is_era = |w: &str| eras.contains(&w.trim_end_matches('.').to_ascii_lowercase().as_str());
    let is_year = |w: &str| (1..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    let words: Vec<&str> = rest.split_whitespace().collect();
    let ok = match words.as_slice() {
        [y, e] => is_year(y) && is_era(e) || is_era(y) && is_year(e),
        _ => false,
    };
    let dotted = words
        .last()
        .is_some_and(|w| w.contains('.') && !w.ends_with('.'));
    ok.then(|| Date {
        circa,
        literal: Some(if dotted {
            format!("{s}.")
        } else {
            s.to_string()
        }),
        ..Date::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_before_year_in_parentheses() {
        let d = parse_date_group("Winter 2020").unwrap();
        assert_eq!(
            (d.year_value(), d.season),
            (Some(2020), Some(Season::Winter))
        );
        // A range across years: the end day is not the year's first digits.
        let d = parse_date_group("2019, December 30–2020, January 2").unwrap();
        assert_eq!(ymd(&d), (2019, Some(12), Some(30)));
        let end = d.end.unwrap();
        assert_eq!((end.year, end.month, end.day), (2020, Some(1), Some(2)));
        let d = parse_date_group("March 2019").unwrap();
        assert_eq!(ymd(&d), (2019, Some(3), None));
        assert_eq!(parse_date_group("Version 2019"), None);
    }

    #[test]
    fn era_years_kept_as_printed() {
        for s in ["ca. 350 B.C.E.", "400 BC", "AD 1066", "1200 C.E."] {
            let d = parse_date_text(s).unwrap();
            assert_eq!(d.literal.as_deref(), Some(s), "{s}: {d:?}");
            assert_eq!(d.start, None);
        }
        assert!(parse_date_text("ca. 350 B.C.E.").unwrap().circa);
        assert_eq!(parse_date_text("350 BCD").and_then(|d| d.literal), None);
        assert_eq!(parse_date_text("Ad hoc"), None);
    }

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
        // Day first, with the ordinal period of German and Norwegian.
        let d = parse_date_group("2022, 5. Juli").unwrap();
        assert_eq!(ymd(&d), (2022, Some(7), Some(5)));
        // Spanish and Portuguese: "15 de marzo", "3 de julho".
        let d = parse_date_group("2017, 15 de marzo").unwrap();
        assert_eq!(ymd(&d), (2017, Some(3), Some(15)));
        let d = parse_date_group("2020, 3 de julho").unwrap();
        assert_eq!(ymd(&d), (2020, Some(7), Some(3)));
        let d = parse_date_group("2015, 19. November").unwrap();
        assert_eq!(ymd(&d), (2015, Some(11), Some(19)));
        let d = parse_date_group("2015, 19 November").unwrap();
        assert_eq!(ymd(&d), (2015, Some(11), Some(19)));
        // The CSL locales of Japanese/Korean, Chinese and Greek.
        for t in [
            "2015, 11月 19",
            "2015, 11월 19",
            "2015, 十一月 19",
            "2015, Νοέμβριος 19",
        ] {
            let d = parse_date_group(t).unwrap();
            assert_eq!(ymd(&d), (2015, Some(11), Some(19)), "{t}");
        }
    }

    #[test]
    fn ranges_to_the_present() {
        for t in ["2015–present", "2015-present", "2015 – Present"] {
            let d = parse_date_group(t).unwrap();
            assert_eq!(ymd(&d), (2015, None, None), "{t}");
            assert!(d.ongoing && d.end.is_none(), "{t}");
        }
        let d = parse_date_group("2008–2020").unwrap();
        assert!(!d.ongoing);
        assert!(parse_date_group("2015–presently").is_none());
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
        // Other languages' terms, as citation styles print them.
        for nd in [
            "f.a.",
            "日付なし",
            "일자 없음",
            "不详",
            "o. J.",
            "s. f.",
            "s. d.",
            "u.å.",
            "z.d.",
            "b.d.",
            "б. д.",
            "s.f.-a",
        ] {
            let d = parse_date_group(nd).unwrap_or_else(|| panic!("{nd}"));
            assert_eq!(d.status, DateStatus::NoDate, "{nd}");
        }
        for ip in ["im Druck", "en prensa", "sous presse", "in druk", "w druku"] {
            let d = parse_date_group(ip).unwrap_or_else(|| panic!("{ip}"));
            assert_eq!(d.status, DateStatus::InPress, "{ip}");
        }
        assert!(parse_date_group("s.").is_none());
        assert!(parse_date_group("Ed.").is_none());
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
