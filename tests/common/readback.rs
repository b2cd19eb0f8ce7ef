//! Independent readers for the writers' output, and the checks that what
//! was read is what was written: the `biblatex` crate for `.bib`, the `csv`
//! crate for CSV, a small line parser (written here, not shared with the
//! writer) for RIS.

use biblatex::{Bibliography, ChunksExt, DateValue, PermissiveType};
use refmill::model::{DateStatus, Name, Reference, Role};
use refmill::write::csv::COLUMNS;

/// Whitespace collapsed and trimmed; the characters the `.bib` encoder
/// deliberately normalises (typographic spaces, zero-width and control
/// characters) normalised the same way.
pub fn norm(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' => continue,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{fe00}'..='\u{fe0f}' => {
                continue;
            }
            c if c.is_whitespace() || c.is_control() => ' ',
            c => c,
        };
        if c.is_control() {
            continue;
        }
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whitespace and control characters collapsed to single spaces, ends
/// trimmed: what the RIS writer does to a value (it keeps everything else).
pub fn ws_norm(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A loose form for text that went through ASCII transliteration: ASCII
/// letters and digits only, lower case.
pub fn fold(s: &str) -> String {
    deunicode::deunicode(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// ASCII-mode comparison: the crate leaves text macros it does not know
/// (`\dag`, `\ldots`, `\textcopyright`) as their names, so those are
/// dropped, and what remains must be the folded original, or nearly all of
/// it in order (a symbol such as `²` is a macro, its digit is gone).
fn ascii_match(got: &str, want: &str) -> bool {
    let mut stripped = String::new();
    let mut chars = got.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            while chars.peek().is_some_and(char::is_ascii_alphabetic) {
                chars.next();
            }
        } else {
            stripped.push(c);
        }
    }
    let g = fold(&stripped);
    let w = fold(want);
    if g == w {
        return true;
    }
    let mut it = w.chars();
    let subsequence = g.chars().all(|c| it.any(|x| x == c));
    subsequence && g.len() * 10 >= w.len() * 9
}

fn has_greek(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}'))
}

/// What the `.bib` reader gives for a name: `(family with particle,
/// given)`.
fn expected_name(n: &Name, norm: fn(&str) -> String) -> (String, String) {
    match n {
        Name::Literal(l) => (norm(l), String::new()),
        Name::Person(p) => {
            let (fam, given) = p.inverted_parts();
            if norm(&fam).is_empty() {
                (norm(&given), String::new())
            } else {
                (norm(&fam), norm(&given))
            }
        }
    }
}

/// Reads a `.bib` text back with the `biblatex` crate and compares every
/// entry with its record: same number of entries, keys unique, titles
/// (without the case-protecting braces), author names, years and pages.
/// `ascii`: compare transliteration-folded text.
pub fn check_bib(text: &str, recs: &[Reference], ascii: bool) -> Result<(), String> {
    if ascii && !text.is_ascii() {
        return Err("ASCII output holds non-ASCII bytes".into());
    }
    let bib = Bibliography::parse(text).map_err(|e| {
        let start = e.span.start.saturating_sub(200);
        let ctx: String = text
            .get(start..(e.span.end + 100).min(text.len()))
            .unwrap_or("")
            .to_string();
        format!("biblatex crate: {e:?} near {ctx:?}")
    })?;
    if bib.len() != recs.len() {
        return Err(format!(
            "{} entries read, {} written",
            bib.len(),
            recs.len()
        ));
    }
    let mut errors = Vec::new();
    for (e, r) in bib.iter().zip(recs) {
        let key = &e.key;
        // Title.
        if let Some(t) = r.title.as_deref().filter(|t| !norm(t).is_empty()) {
            let got = e
                .fields
                .get("title")
                .map(|c| c.format_verbatim())
                .unwrap_or_default();
            let ok = if ascii {
                has_greek(t) || ascii_match(&got, t)
            } else {
                norm(&got) == norm(t).replace("--", "–")
            };
            if !ok {
                errors.push(format!("{key}: title {got:?} != {t:?}"));
            }
        }
        // Authors.
        let want: Vec<(String, String)> = r
            .names(Role::Author)
            .map(|n| expected_name(n, norm))
            .collect();
        let want: Vec<(String, String)> = want.into_iter().filter(|(f, _)| !f.is_empty()).collect();
        if !want.is_empty() {
            match e.author() {
                Ok(got) => {
                    let got: Vec<(String, String)> = got
                        .iter()
                        .filter(|p| !(p.name == "others" && p.given_name.is_empty()))
                        .map(|p| {
                            let fam = if p.prefix.is_empty() {
                                p.name.clone()
                            } else {
                                format!("{} {}", p.prefix, p.name)
                            };
                            (norm(&fam), norm(&p.given_name))
                        })
                        .collect();
                    let same = got.len() == want.len()
                        && got.iter().zip(&want).all(|(g, w)| {
                            if ascii {
                                fold(&g.0) == fold(&w.0) && fold(&g.1) == fold(&w.1)
                            } else {
                                g.0 == w.0 && g.1 == w.1
                            }
                        });
                    if !same {
                        errors.push(format!("{key}: authors {got:?} != {want:?}"));
                    }
                    let others = e
                        .author()
                        .map(|v| v.iter().any(|p| p.name == "others"))
                        .unwrap_or(false);
                    if others != r.authors_elided {
                        errors.push(format!("{key}: `and others` is {others}"));
                    }
                }
                Err(err) => errors.push(format!("{key}: author: {err:?}")),
            }
        }
        // Year.
        if let Some(d) = &r.issued
            && d.status == DateStatus::Dated
            && let Some(start) = d.start.filter(|s| s.year > 0)
        {
            match e.date() {
                Ok(PermissiveType::Typed(date)) => {
                    let y = match date.value {
                        DateValue::At(a)
                        | DateValue::After(a)
                        | DateValue::Before(a)
                        | DateValue::Between(a, _) => a.year,
                    };
                    if y != start.year {
                        errors.push(format!("{key}: year {y} != {}", start.year));
                    }
                }
                Ok(PermissiveType::Chunks(c)) => {
                    let s = c.format_verbatim();
                    if !s.contains(&start.year.to_string()) {
                        errors.push(format!("{key}: date {s:?} lacks {}", start.year));
                    }
                }
                Err(err) => {
                    // A year that is text ("ca. 1900", "2019--2020").
                    let raw = e
                        .fields
                        .get("year")
                        .map(|c| c.format_verbatim())
                        .unwrap_or_default();
                    if !raw.contains(&start.year.to_string()) {
                        errors.push(format!("{key}: date: {err:?}"));
                    }
                }
            }
        }
        // Pages.
        if let (Some(p), Some(got)) = (r.page.as_deref(), e.fields.get("pages")) {
            let got = got.format_verbatim();
            let want: String = norm(p)
                .replace(['-', '—', '‒', '−'], "–")
                .replace("––", "–");
            let got_n = norm(&got).replace(['-', '—'], "–").replace("––", "–");
            let ok = if ascii {
                fold(&got_n) == fold(&want)
            } else {
                got_n.replace(' ', "") == want.replace(' ', "")
            };
            if !ok {
                errors.push(format!("{key}: pages {got:?} != {p:?}"));
            }
        }
    }
    let mut keys: Vec<&str> = bib.iter().map(|e| e.key.as_str()).collect();
    keys.sort_unstable();
    let n = keys.len();
    keys.dedup();
    if keys.len() != n {
        errors.push("duplicate keys".into());
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} mismatches:\n{}",
            errors.len(),
            errors.join("\n")
        ))
    }
}

/// One RIS record: its tag/value pairs in order.
pub type RisRecord = Vec<(String, String)>;

/// A strict RIS reader: every non-blank line is `XX  - value`; a record
/// starts with `TY` and ends with `ER`; nothing outside records.
pub fn parse_ris(text: &str) -> Result<Vec<RisRecord>, String> {
    if text.starts_with('\u{feff}') {
        return Err("byte-order mark".into());
    }
    let mut out = Vec::new();
    let mut cur: Option<RisRecord> = None;
    for (n, line) in text.split('\n').enumerate() {
        let n = n + 1;
        if line.is_empty() {
            if cur.is_some() {
                return Err(format!("line {n}: blank line inside a record"));
            }
            continue;
        }
        let b = line.as_bytes();
        let ok = b.len() >= 6
            && b[0].is_ascii_uppercase()
            && (b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
            && &b[2..6] == b"  - ";
        if !ok {
            return Err(format!("line {n}: not `XX  - value`: {line:?}"));
        }
        let tag = &line[..2];
        let value = &line[6..];
        if value.contains(['\r', '\n']) || value.chars().any(char::is_control) {
            return Err(format!("line {n}: control character in value"));
        }
        match (tag, cur.as_mut()) {
            ("TY", None) => cur = Some(vec![(tag.into(), value.into())]),
            ("TY", Some(_)) => return Err(format!("line {n}: TY before ER")),
            ("ER", Some(_)) => {
                if !value.is_empty() {
                    return Err(format!("line {n}: ER with a value"));
                }
                out.push(cur.take().unwrap_or_default());
            }
            (_, None) => return Err(format!("line {n}: {tag} outside a record")),
            (_, Some(rec)) => {
                if value.is_empty() || value != value.trim() {
                    return Err(format!("line {n}: empty or padded value {value:?}"));
                }
                rec.push((tag.into(), value.into()));
            }
        }
    }
    if cur.is_some() {
        return Err("last record has no ER".into());
    }
    Ok(out)
}

fn ris_values<'a>(rec: &'a RisRecord, tag: &str) -> Vec<&'a str> {
    rec.iter()
        .filter(|(t, _)| t == tag)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// Reads RIS back and compares: one record per reference, TY first, title,
/// authors as `Family, Given`, PY, DO.
pub fn check_ris(text: &str, recs: &[Reference]) -> Result<(), String> {
    let read = parse_ris(text)?;
    if read.len() != recs.len() {
        return Err(format!(
            "{} records read, {} written",
            read.len(),
            recs.len()
        ));
    }
    const NEVER: [&str; 4] = ["UNPB", "GRANT", "GEN", "STD"];
    let mut errors = Vec::new();
    for (i, (rec, r)) in read.iter().zip(recs).enumerate() {
        let ty = rec.first().map(|(_, v)| v.as_str()).unwrap_or("");
        if NEVER.contains(&ty) {
            errors.push(format!("record {i}: TY {ty}"));
        }
        for single in ["TI", "PY", "DA", "VL", "IS", "SP", "EP", "DO", "T2", "SN"] {
            if ris_values(rec, single).len() > 1 {
                errors.push(format!("record {i}: {single} repeated"));
            }
        }
        let ti = ris_values(rec, "TI");
        let want = r.title.as_deref().map(ws_norm).unwrap_or_default();
        if ti.first().copied().unwrap_or("") != want {
            errors.push(format!("record {i}: TI {ti:?} != {want:?}"));
        }
        let au: Vec<String> = ris_values(rec, "AU")
            .iter()
            .map(|s| s.to_string())
            .collect();
        let editors_as_au = ty == "EDBOOK";
        let mut want_au: Vec<String> = Vec::new();
        let roles: &[Role] = if editors_as_au {
            &[Role::Author, Role::Editor]
        } else {
            &[Role::Author]
        };
        for role in roles {
            for n in r.names(*role) {
                let (fam, given) = expected_name(n, ws_norm);
                let s = match n {
                    Name::Literal(_) => fam.replace(',', " "),
                    Name::Person(p) => {
                        let sfx = p.suffix.as_deref().map(ws_norm).unwrap_or_default();
                        match (given.is_empty(), sfx.is_empty()) {
                            (true, true) => fam,
                            (true, false) => format!("{fam} {sfx}"),
                            (false, true) => format!("{fam}, {given}"),
                            (false, false) => format!("{fam}, {given}, {sfx}"),
                        }
                    }
                };
                let s = ws_norm(&s);
                if !s.is_empty() {
                    want_au.push(s);
                }
            }
        }
        // Films and recordings carry directors/hosts in AU when there is
        // no author; only check the authors' part.
        if au.len() < want_au.len() || au[..want_au.len()] != want_au[..] {
            errors.push(format!("record {i}: AU {au:?} != {want_au:?}"));
        }
        if let Some(doi) = r.doi.as_deref().map(ws_norm).filter(|d| !d.is_empty())
            && ris_values(rec, "DO") != vec![doi.as_str()]
        {
            errors.push(format!("record {i}: DO != {doi}"));
        }
        if let Some(y) = r
            .issued
            .as_ref()
            .and_then(|d| d.start)
            .filter(|p| (0..=9999).contains(&p.year))
        {
            let py = ris_values(rec, "PY");
            if py != vec![format!("{:04}", y.year).as_str()] {
                errors.push(format!("record {i}: PY {py:?} != {}", y.year));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} mismatches:\n{}",
            errors.len(),
            errors.join("\n")
        ))
    }
}

/// Undoes the formula guard of the CSV writer.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Reads CSV back with the csv crate: the header, one row per record,
/// a constant column count, unique keys, and the title and type cells.
pub fn check_csv(text: &str, recs: &[Reference]) -> Result<(), String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(body.as_bytes());
    let header: Vec<String> = rd
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(str::to_string)
        .collect();
    if header != COLUMNS {
        return Err(format!("header {header:?}"));
    }
    let rows: Vec<csv::StringRecord> = rd
        .records()
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    if rows.len() != recs.len() {
        return Err(format!("{} rows read, {} written", rows.len(), recs.len()));
    }
    let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
    let mut keys = std::collections::HashSet::new();
    let mut errors = Vec::new();
    for (i, (row, r)) in rows.iter().zip(recs).enumerate() {
        if row.len() != COLUMNS.len() {
            errors.push(format!("row {i}: {} cells", row.len()));
            continue;
        }
        if !keys.insert(row[0].to_string()) {
            errors.push(format!("row {i}: duplicate key {}", &row[0]));
        }
        for cell in row.iter() {
            if cell.starts_with(['=', '+', '-', '@']) {
                errors.push(format!("row {i}: unguarded formula cell {cell:?}"));
            }
        }
        if unguard(&row[col("type")]) != r.item_type.csl_name() {
            errors.push(format!("row {i}: type {}", &row[col("type")]));
        }
        let want = r.title.as_deref().map(str::trim).unwrap_or("");
        if unguard(&row[col("title")]) != want {
            errors.push(format!(
                "row {i}: title {:?} != {want:?}",
                &row[col("title")]
            ));
        }
        let want_doi = r.doi.as_deref().map(str::trim).unwrap_or("");
        if unguard(&row[col("doi")]) != want_doi {
            errors.push(format!("row {i}: doi"));
        }
        let n_auth = r.names(Role::Author).count();
        let cell = unguard(&row[col("authors")]);
        let got = if cell.is_empty() {
            0
        } else {
            cell.split("; ").count()
        };
        if got != n_auth {
            errors.push(format!("row {i}: {got} authors, {n_auth} written"));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} mismatches:\n{}",
            errors.len(),
            errors.join("\n")
        ))
    }
}
