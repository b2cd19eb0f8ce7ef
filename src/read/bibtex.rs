//! BibTeX and BibLaTeX reader, through the `biblatex` crate.
//!
//! The crate stops at the first error in a file, so the file is first cut
//! into entries here (`@type{…}` / `@type(…)` with balanced braces; an
//! entry whose braces do not close before the next `@type{` at the start of
//! a line is malformed), and each entry is parsed on its own together with
//! the `@string` definitions it uses. A malformed entry is reported with
//! its line and skipped; the rest of the file is read.
//!
//! * `@string` macros and the month macros (`jan` … `dec`) are expanded; an
//!   undefined macro is read as its own name, with a warning (as Zotero
//!   and BibTeX do);
//! * LaTeX accents and commands are decoded to Unicode by the crate
//!   (`{\"u}` → ü, `--` → –); text-formatting commands it leaves
//!   (`\emph{…}`, `\textit{…}`, `\url{…}`) are unwrapped here;
//! * brace-protected spans of the title (`{NASA}`) are kept in
//!   [`Reference::title_protected`], so the BibTeX writer protects them
//!   again;
//! * names: `Last, First`, `Last, Jr, First`, `First von Last`, particles
//!   (`van der`) in `particle`, a `{Braced Group}` as a literal, `and
//!   others` as [`Reference::authors_elided`];
//! * `crossref` and `xdata` are resolved here (biblatex's inheritance
//!   rules: a parent's `title` becomes a child's `booktitle` or
//!   `journaltitle`); `xdata` entries are not records;
//! * fields without a place in the model stay in the note as `field:
//!   value` lines; `Label: value` parts of a note that refmill's BibTeX
//!   writer put there (`Volume: 3–4`, `Event: …`, `Translated title: …`)
//!   go back to their fields.

use super::{
    ReadItem, ReadRecord, Skipped, apply_extra, bare_doi, date_text, edition_number, error,
    model_pages, nonempty, push_note,
};
use crate::diag::Diagnostic;
use crate::model::{
    Contributor, Date, DateParts, DateStatus, Field, ItemType, Name, Person, Reference, Role,
    SourceSpan,
};
use biblatex::{Bibliography, Chunk, ChunksExt, Entry, RawBibliography, RawChunk, Spanned};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One `@…` block of the file.
#[derive(Debug)]
struct Piece {
    kind: String,
    start: usize,
    end: usize,
    line: usize,
    end_line: usize,
    closed: bool,
}

fn line_at(starts: &[usize], offset: usize) -> usize {
    match starts.binary_search(&offset) {
        Ok(i) => i + 1,
        Err(i) => i,
    }
}

/// `@word{` / `@word(` at `i`: the kind and the offset of the delimiter.
fn entry_head(b: &[u8], i: usize) -> Option<(String, usize)> {
    if b.get(i) != Some(&b'@') {
        return None;
    }
    let mut j = i + 1;
    while b
        .get(j)
        .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
    {
        j += 1;
    }
    if j == i + 1 {
        return None;
    }
    // In bounds: `i + 1 < j <= b.len()` by the loop above.
    let kind = String::from_utf8_lossy(&b[i + 1..j]).to_ascii_lowercase();
    while matches!(b.get(j), Some(b' ' | b'\t')) {
        j += 1;
    }
    matches!(b.get(j), Some(b'{') | Some(b'(')).then_some((kind, j))
}

fn at_line_start(b: &[u8], i: usize) -> bool {
    b.get(..i)
        .unwrap_or_default()
        .iter()
        .rev()
        .find(|&&c| c != b' ' && c != b'\t')
        .is_none_or(|&c| c == b'\n')
}

/// Cuts the file into `@` blocks.
fn pieces(text: &str, starts: &[usize]) -> Vec<Piece> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&at) = b.get(i) {
        let Some((kind, open)) = (at == b'@').then(|| entry_head(b, i)).flatten() else {
            i += 1;
            continue;
        };
        let close = if b.get(open) == Some(&b'{') {
            b'}'
        } else {
            b')'
        };
        let mut depth = 0usize;
        let mut j = open + 1;
        let mut end = None;
        let mut cut = None;
        while let Some(&byte) = b.get(j) {
            match byte {
                b'{' => depth += 1,
                b'}' if depth > 0 => depth -= 1,
                c if c == close && depth == 0 => {
                    end = Some(j + 1);
                    break;
                }
                b'@' if kind != "comment" && at_line_start(b, j) && entry_head(b, j).is_some() => {
                    // The next entry starts while this one is open.
                    cut = Some(j);
                    break;
                }
                _ => {}
            }
            j += 1;
        }
        let (stop, closed) = match (end, cut) {
            (Some(e), _) => (e, true),
            (None, Some(c)) => (c, false),
            (None, None) => (b.len(), false),
        };
        // Char boundary: `stop` is just after an ASCII delimiter, at an ASCII
        // '@', or the end (and pieces start at an ASCII '@').
        let body_end = text[..stop].trim_end().len().max(i + 1);
        out.push(Piece {
            kind,
            start: i,
            end: stop,
            line: line_at(starts, i),
            end_line: line_at(starts, body_end - 1),
            closed,
        });
        i = stop;
    }
    out
}

/// Abbreviations (macros) a raw entry or string uses.
fn macros_used(raw: &RawBibliography<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |field: &Vec<Spanned<RawChunk<'_>>>| {
        for c in field {
            if let RawChunk::Abbreviation(a) = c.v {
                out.push(a.to_string());
            }
        }
    };
    for e in &raw.entries {
        for f in &e.v.fields {
            add(&f.value.v);
        }
    }
    for p in &raw.abbreviations {
        add(&p.value.v);
    }
    out
}

/// A parsed entry with its source (chunk spans point into `src`).
struct Parsed {
    entry: Entry,
    /// `xdata` keys (the crate removes the field when it parses).
    xdata: Vec<String>,
    /// Verbatim fields as written (the crate turns `--` into a dash even
    /// in URLs).
    raw: HashMap<String, String>,
    src: String,
    line: usize,
    end_line: usize,
    diags: Vec<Diagnostic>,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Reads a BibTeX or BibLaTeX text.
pub fn read(text: &str) -> Vec<ReadItem> {
    let mut starts = vec![0usize];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let line_of = |off: usize| line_at(&starts, off);
    let mut items: Vec<(usize, ReadItem)> = Vec::new();
    // @string definitions: name → (source text, macros it uses).
    let mut strings: HashMap<String, (String, Vec<String>)> = HashMap::new();
    let mut parsed: Vec<Parsed> = Vec::new();
    let all = pieces(text, &starts);
    for p in &all {
        // Char boundary: see `pieces`.
        let piece = &text[p.start..p.end];
        let skip = |msg: String, line: usize| Skipped {
            line: p.line,
            end_line: p.end_line,
            raw: piece.to_string(),
            diagnostic: error(line, msg),
        };
        if matches!(p.kind.as_str(), "comment" | "preamble") {
            continue;
        }
        if !p.closed {
            let head: String = piece
                .split([',', '\n'])
                .next()
                .unwrap_or("")
                .chars()
                .take(60)
                .collect();
            items.push((
                p.start,
                ReadItem::Skipped(skip(
                    format!(
                        "bibtex: entry `{}` is not closed (unbalanced braces); not read",
                        head.trim().trim_end_matches(',')
                    ),
                    p.line,
                )),
            ));
            continue;
        }
        if p.kind == "string" {
            match RawBibliography::parse(piece) {
                Ok(raw) => {
                    let used = macros_used(&raw);
                    for a in &raw.abbreviations {
                        strings.insert(a.key.v.to_string(), (piece.to_string(), used.clone()));
                    }
                }
                Err(e) => {
                    let off = e.span.start.min(piece.len());
                    let line = line_of(p.start + off);
                    items.push((
                        p.start,
                        ReadItem::Skipped(skip(
                            format!(
                                "bibtex: @string not read: {} (column {})",
                                e.kind,
                                column(piece, off)
                            ),
                            line,
                        )),
                    ));
                }
            }
            continue;
        }
        let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            parse_entry(piece, p, &strings, &line_of)
        }))
        .unwrap_or_else(|_| {
            Err((
                "bibtex: entry not read: the BibTeX parser failed on it".to_string(),
                p.line,
            ))
        });
        match res {
            Ok(x) => parsed.push(x),
            Err((msg, line)) => items.push((p.start, ReadItem::Skipped(skip(msg, line)))),
        }
    }

    // Duplicate keys: the first is the crossref target; all are records.
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, p) in parsed.iter_mut().enumerate() {
        let key = p.entry.key.clone();
        if let Some(&first) = by_key.get(&key) {
            let _ = first;
            p.diags.push(Diagnostic::warning(
                p.line,
                Some(Field::Reference),
                format!("bibtex: duplicate key `{key}`; read as a separate record"),
            ));
        } else {
            by_key.insert(key, i);
        }
    }
    let resolved: Vec<Entry> = (0..parsed.len())
        .map(|i| resolve(i, &parsed, &by_key, &mut HashSet::new()))
        .collect();
    for (i, (p, entry)) in parsed.iter().zip(resolved).enumerate() {
        if p.entry.entry_type.to_string().eq_ignore_ascii_case("xdata") {
            continue;
        }
        let _ = i;
        let (mut r, mut d) = to_reference(&entry, &p.entry, &p.src, p.line, p.end_line);
        // URLs and DOIs as written.
        if let Some(u) = p.raw.get("url")
            && r.url.is_some()
        {
            r.url = Some(u.clone());
        }
        if let Some(doi) = p.raw.get("doi")
            && r.doi.is_some()
        {
            r.doi = Some(bare_doi(doi));
        }
        let mut diags = p.diags.clone();
        diags.append(&mut d);
        items.push((
            // In bounds: `line_at` gives 1 to `starts.len()` (`starts[0]` is 0).
            starts[p.line - 1],
            ReadItem::Record(ReadRecord {
                reference: r,
                diagnostics: diags,
            }),
        ));
    }
    items.sort_by_key(|(off, _)| *off);
    items.into_iter().map(|(_, i)| i).collect()
}

type LineOf<'a> = &'a dyn Fn(usize) -> usize;

/// The 1-based column (in characters) of byte `off` of `text`.
fn column(text: &str, mut off: usize) -> usize {
    while !text.is_char_boundary(off) {
        off -= 1;
    }
    // Char boundary: `off` by the loop above; `start` is 0 or just after a '\n'.
    let start = text[..off].rfind('\n').map_or(0, |i| i + 1);
    text[start..off].chars().count() + 1
}

/// Parses one entry with the `@string`s it needs.
fn parse_entry(
    piece: &str,
    p: &Piece,
    strings: &HashMap<String, (String, Vec<String>)>,
    line_of: LineOf<'_>,
) -> Result<Parsed, (String, usize)> {
    // The error of the biblatex crate at byte `off` of `piece`.
    let not_read_at = |kind: &dyn std::fmt::Display, off: usize| {
        (
            format!(
                "bibtex: entry not read: {kind} (column {})",
                column(piece, off)
            ),
            line_of(p.start + off),
        )
    };
    let raw = RawBibliography::parse(piece)
        .map_err(|e| not_read_at(&e.kind, e.span.start.min(piece.len())))?;
    if raw.entries.is_empty() {
        return Err(("bibtex: entry not read: no key or fields".into(), p.line));
    }
    // The @string definitions used, with what they use in turn.
    let mut need: Vec<String> = macros_used(&raw);
    let mut seen: HashSet<String> = HashSet::new();
    let mut defs: Vec<&str> = Vec::new();
    let mut diags = Vec::new();
    let mut fake = String::new();
    while let Some(m) = need.pop() {
        if !seen.insert(m.clone()) {
            continue;
        }
        match strings.get(&m) {
            Some((src, used)) => {
                if !defs.contains(&src.as_str()) {
                    defs.push(src);
                }
                need.extend(used.iter().cloned());
            }
            None if MONTHS.contains(&m.to_ascii_lowercase().as_str()) => {}
            None => {
                diags.push(Diagnostic::warning(
                    p.line,
                    Some(Field::Reference),
                    format!("bibtex: undefined macro `{m}` read as its name"),
                ));
                fake.push_str(&format!("@string{{{m} = {{{m}}}}}\n"));
            }
        }
    }
    defs.reverse();
    let mut src = String::new();
    for d in defs {
        src.push_str(d);
        src.push('\n');
    }
    src.push_str(&fake);
    let prefix = src.len();
    src.push_str(piece);
    let parse_err = |e: biblatex::ParseError| {
        let off = e.span.start.saturating_sub(prefix).min(piece.len());
        (
            format!(
                "bibtex: entry not read: {} (column {})",
                e.kind,
                column(piece, off)
            ),
            line_of(p.start + off),
        )
    };
    let mut whole = RawBibliography::parse(&src).map_err(parse_err)?;
    // A `crossref` or `xdata` naming the entry itself (or one of its
    // `ids`): the crate would follow it for ever (a stack overflow, which
    // no `catch_unwind` stops). Links to other entries are resolved here
    // ([`resolve`]), with a guard against cycles.
    for entry in &mut whole.entries {
        let own: Vec<String> = std::iter::once(entry.v.key.v.to_string())
            .chain(
                entry
                    .v
                    .fields
                    .iter()
                    .filter(|f| f.key.v.eq_ignore_ascii_case("ids"))
                    .flat_map(|f| {
                        raw_value(f)
                            .split(',')
                            .map(|k| k.trim().to_string())
                            .collect::<Vec<_>>()
                    }),
            )
            .collect();
        entry.v.fields.retain(|f| {
            let link =
                f.key.v.eq_ignore_ascii_case("crossref") || f.key.v.eq_ignore_ascii_case("xdata");
            let to_self = link
                && raw_value(f)
                    .split(',')
                    .any(|k| own.iter().any(|o| o.eq_ignore_ascii_case(k.trim())));
            if to_self {
                diags.push(Diagnostic::warning(
                    p.line,
                    Some(Field::Reference),
                    format!(
                        "bibtex: `{}` names the entry itself; ignored",
                        f.key.v.to_ascii_lowercase()
                    ),
                ));
            }
            !to_self
        });
    }
    let bib = Bibliography::from_raw(whole).map_err(|e| {
        not_read_at(
            &e.kind,
            e.span.start.saturating_sub(prefix).min(piece.len()),
        )
    })?;
    let not_read = || ("bibtex: entry not read".to_string(), p.line);
    let entry = bib.into_iter().next().ok_or_else(not_read)?;
    let raw_entry = raw.entries.first().ok_or_else(not_read)?;
    let xdata = raw_entry
        .v
        .fields
        .iter()
        .filter(|f| f.key.v.eq_ignore_ascii_case("xdata"))
        .flat_map(|f| f.value.v.iter())
        .filter_map(|c| match c.v {
            RawChunk::Normal(s) => Some(s),
            RawChunk::Abbreviation(_) => None,
        })
        .flat_map(|s| s.split(','))
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    let raw_fields = raw_entry
        .v
        .fields
        .iter()
        .filter(|f| {
            matches!(
                f.key.v.to_ascii_lowercase().as_str(),
                "url" | "doi" | "eprint"
            )
        })
        .filter_map(|f| {
            let text: String = f
                .value
                .v
                .iter()
                .map(|c| match c.v {
                    RawChunk::Normal(s) => s.to_string(),
                    RawChunk::Abbreviation(a) => a.to_string(),
                })
                .collect();
            let t = text
                .replace("\\_", "_")
                .replace("\\%", "%")
                .replace("\\#", "#")
                .replace("\\&", "&")
                .replace("\\~", "~");
            let t = t.split_whitespace().collect::<String>();
            (!t.is_empty()).then(|| (f.key.v.to_ascii_lowercase(), t))
        })
        .collect();
    Ok(Parsed {
        entry,
        xdata,
        raw: raw_fields,
        src,
        line: p.line,
        end_line: p.end_line,
        diags,
    })
}

/// The text of a raw field, macros by name.
fn raw_value(f: &biblatex::Pair<'_>) -> String {
    f.value
        .v
        .iter()
        .map(|c| match c.v {
            RawChunk::Normal(s) => s,
            RawChunk::Abbreviation(a) => a,
        })
        .collect()
}

/// Fields a child never inherits (biblatex's defaults).
const NOT_INHERITED: &[&str] = &[
    "ids",
    "crossref",
    "xref",
    "xdata",
    "entryset",
    "entrysubtype",
    "execute",
    "label",
    "options",
    "presort",
    "related",
    "relatedoptions",
    "relatedstring",
    "relatedtype",
    "shorthand",
    "shorthandintro",
    "sortkey",
    "key",
    "title",
    "subtitle",
    "titleaddon",
    "shorttitle",
    "sorttitle",
    "indextitle",
    "indexsorttitle",
];

/// The entry with its `xdata` and `crossref` parents' fields filled in.
fn resolve(
    i: usize,
    all: &[Parsed],
    by_key: &HashMap<String, usize>,
    visiting: &mut HashSet<usize>,
) -> Entry {
    // In bounds: `i` is an index of `all` (the caller's range over it, or a
    // `by_key` value, which maps keys to indices of `all`).
    let mut e = all[i].entry.clone();
    if !visiting.insert(i) {
        return e;
    }
    let parent_keys = |e: &Entry, field: &str| -> Vec<String> {
        e.get(field)
            .map(|c| c.format_verbatim())
            .map(|s| {
                s.split(',')
                    .map(|k| k.trim().to_string())
                    .filter(|k| !k.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    for key in all[i].xdata.clone() {
        if let Some(&j) = by_key.get(&key) {
            let parent = resolve(j, all, by_key, visiting);
            for (f, v) in &parent.fields {
                if !e.fields.contains_key(f) && !NOT_INHERITED.contains(&f.as_str()) {
                    e.fields.insert(f.clone(), v.clone());
                }
            }
        }
    }
    for key in parent_keys(&all[i].entry, "crossref") {
        let Some(&j) = by_key.get(&key) else {
            continue;
        };
        let parent = resolve(j, all, by_key, visiting);
        let pty = parent.entry_type.to_string().to_ascii_lowercase();
        let book_like = matches!(
            pty.as_str(),
            "book"
                | "collection"
                | "proceedings"
                | "reference"
                | "mvbook"
                | "mvcollection"
                | "mvproceedings"
                | "mvreference"
                | "inbook"
                | "bookinbook"
        );
        let mut map: Vec<(&str, &str)> = Vec::new();
        if pty == "periodical" {
            map.extend([("title", "journaltitle"), ("subtitle", "journalsubtitle")]);
        } else if pty.starts_with("mv") {
            map.extend([("title", "maintitle"), ("subtitle", "mainsubtitle")]);
        } else if book_like {
            map.extend([
                ("title", "booktitle"),
                ("subtitle", "booksubtitle"),
                ("titleaddon", "booktitleaddon"),
            ]);
        }
        for (from, to) in map {
            if !e.fields.contains_key(to)
                && let Some(v) = parent.fields.get(from)
            {
                e.fields.insert(to.to_string(), v.clone());
            }
        }
        for (f, v) in &parent.fields {
            if !e.fields.contains_key(f) && !NOT_INHERITED.contains(&f.as_str()) {
                e.fields.insert(f.clone(), v.clone());
            }
        }
    }
    e.fields.remove("xdata");
    visiting.remove(&i);
    e
}

/// Text-formatting commands whose argument is the text.
const UNWRAP: &[&str] = &[
    "emph",
    "textit",
    "textbf",
    "textsc",
    "textrm",
    "textsf",
    "texttt",
    "textup",
    "textsl",
    "textmd",
    "textnormal",
    "mkbibquote",
    "mkbibemph",
    "mkbibitalic",
    "mkbibbold",
    "enquote",
    "url",
    "href",
    "nolinkurl",
    "mbox",
    "hbox",
    "text",
    "ensuremath",
    "bibstring",
    "NoCaseChange",
    "MakeUppercase",
    "MakeLowercase",
    "uppercase",
    "lowercase",
];

/// Removes what the crate leaves of commands it does not know:
/// `\emph{x}` → `x`, `\ldots ` → `…`, `\,` → a space.
fn clean_commands(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some((head, after)) = rest.split_once('\\') {
        out.push_str(head);
        let name_len = after
            .char_indices()
            .find(|(_, c)| !c.is_ascii_alphabetic())
            .map_or(after.len(), |(k, _)| k);
        // Char boundary: `name_len` comes from `char_indices` (or is the length).
        let name = &after[..name_len];
        let tail = &after[name_len..];
        if name.is_empty() {
            // `\,`, `\ `, `\@`, `\/`.
            let mut cs = tail.chars();
            match cs.next() {
                Some(',' | ' ' | ';' | ':') => out.push(' '),
                Some('@' | '/') => {}
                Some(c) => out.push(c),
                None => out.push('\\'),
            }
            rest = cs.as_str();
            continue;
        }
        if UNWRAP.contains(&name) && tail.starts_with('{') {
            // `\href{url}{text}` keeps the text; others their argument.
            let (arg, after_arg) = braced(tail);
            if name == "href" && after_arg.starts_with('{') {
                let (text, after2) = braced(after_arg);
                out.push_str(&clean_commands(text));
                rest = after2;
            } else {
                out.push_str(&clean_commands(arg));
                rest = after_arg;
            }
            continue;
        }
        let repl = match name {
            "ldots" | "dots" | "textellipsis" => Some("…"),
            "textdegree" => Some("°"),
            "textcopyright" => Some("©"),
            "textquotesingle" => Some("'"),
            "textendash" => Some("–"),
            "textemdash" => Some("—"),
            "textpm" | "pm" => Some("±"),
            "texttimes" | "times" => Some("×"),
            "textmu" | "mu" => Some("μ"),
            "alpha" => Some("α"),
            "beta" => Some("β"),
            "gamma" => Some("γ"),
            "delta" => Some("δ"),
            "kappa" => Some("κ"),
            "lambda" => Some("λ"),
            "sigma" => Some("σ"),
            "textasciitilde" => Some("~"),
            "relax" | "protect" | "xspace" | "noopsort" => Some(""),
            _ => None,
        };
        match repl {
            Some(r) => {
                out.push_str(r);
                // A command's name ends at the space after it.
                rest = tail.strip_prefix(' ').unwrap_or(tail);
                if name == "noopsort" && rest.starts_with('{') {
                    rest = braced(rest).1;
                }
            }
            None => {
                out.push('\\');
                out.push_str(name);
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `{arg}rest` → (`arg`, `rest`), braces balanced; the whole as argument
/// when unbalanced.
fn braced(s: &str) -> (&str, &str) {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    // Char boundary: `s` starts with an ASCII '{' (the
                    // callers check), and `i` is an ASCII '}'.
                    return (&s[1..i], &s[i + 1..]);
                }
            }
            _ => {}
        }
    }
    (s.get(1..).unwrap_or(""), "")
}

/// Whitespace collapsed, ends trimmed, commands cleaned.
fn tidy(s: &str) -> String {
    clean_commands(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn field_text(e: &Entry, name: &str) -> Option<String> {
    e.get(name)
        .map(|c| tidy(&c.format_verbatim()))
        .filter(|s| !s.is_empty())
}

/// The title text and its brace-protected byte ranges. A braced group
/// that is a special character (`{\"u}`) is not a protection.
fn title_with_protection(chunks: &[Spanned<Chunk>], src: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::new();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for c in chunks {
        match &c.v {
            Chunk::Normal(s) => out.push_str(s),
            Chunk::Verbatim(s) => {
                let special = src
                    .get(c.span.start..)
                    .is_some_and(|t| t.trim_start_matches('{').starts_with('\\'));
                let start = out.len();
                out.push_str(s);
                if !special && s.chars().any(char::is_alphanumeric) {
                    ranges.push((start, out.len()));
                }
            }
            Chunk::Math(s) => {
                out.push('$');
                out.push_str(s);
                out.push('$');
            }
        }
    }
    // Tidy (collapse whitespace, unwrap commands) while mapping the ranges:
    // done per segment so that offsets stay exact.
    let mut cuts: Vec<usize> = vec![0, out.len()];
    for &(a, b) in &ranges {
        cuts.push(a);
        cuts.push(b);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut text = String::new();
    let mut map: HashMap<usize, usize> = HashMap::new();
    for w in cuts.windows(2) {
        let &[a, b] = w else {
            continue;
        };
        map.insert(a, text.len());
        // Char boundary: the cuts are 0, `out.len()`, and lengths of `out`
        // taken between pushes of whole strings.
        let seg = clean_commands(&out[a..b]);
        for ch in seg.chars() {
            let ch = if ch.is_whitespace() { ' ' } else { ch };
            if ch == ' ' && (text.is_empty() || text.ends_with(' ')) {
                continue;
            }
            text.push(ch);
        }
    }
    map.insert(out.len(), text.len());
    let trimmed_len = text.trim_end().len();
    text.truncate(trimmed_len);
    let mut prot: Vec<(usize, usize)> = ranges
        .iter()
        .filter_map(|(a, b)| {
            let a = (*map.get(a)?).min(text.len());
            let b = (*map.get(b)?).min(text.len());
            // A range that starts at a collapsed space starts after it.
            let a = if text.get(a..).is_some_and(|t| t.starts_with(' ')) {
                a + 1
            } else {
                a
            };
            (a < b).then_some((a, b))
        })
        .collect();
    prot.dedup();
    (text, prot)
}

/// Splits a name list at ` and ` outside braces: one chunk list per name.
fn split_names(chunks: &[Spanned<Chunk>]) -> Vec<Vec<Spanned<Chunk>>> {
    let mut out: Vec<Vec<Spanned<Chunk>>> = vec![Vec::new()];
    for (ci, c) in chunks.iter().enumerate() {
        match &c.v {
            Chunk::Normal(s) => {
                // Char boundary: "and" is ASCII, so `at` (where it starts)
                // and `last` (0, or where one ends) are char boundaries.
                let bytes = s.as_bytes();
                let mut last = 0;
                let mut at = 0;
                while let Some(word) = bytes.get(at..at + 3) {
                    if !word.eq_ignore_ascii_case(b"and") {
                        at += 1;
                        continue;
                    }
                    let before_ok = match at.checked_sub(1) {
                        None => ci > 0,
                        Some(k) => bytes.get(k).is_some_and(u8::is_ascii_whitespace),
                    };
                    let after = at + 3;
                    let after_ok = match bytes.get(after) {
                        None => ci + 1 < chunks.len(),
                        Some(c) => c.is_ascii_whitespace(),
                    };
                    if before_ok && after_ok {
                        if let Some(cur) = out.last_mut() {
                            cur.push(Spanned::detached(Chunk::Normal(s[last..at].to_string())));
                        }
                        out.push(Vec::new());
                        last = after;
                    }
                    at = after;
                }
                if let Some(cur) = out.last_mut() {
                    cur.push(Spanned::detached(Chunk::Normal(s[last..].to_string())));
                }
            }
            other => {
                if let Some(cur) = out.last_mut() {
                    cur.push(Spanned::detached(other.clone()));
                }
            }
        }
    }
    out
}

/// Stands for `=` in a name that is not in BibLaTeX's extended name
/// format (the crate takes any `=` for that format, and can fail on it).
const EQUALS: char = '\u{e000}';

/// The crate's name parser, with `=` hidden unless the name is in the
/// extended format (`family=Berg, given=Anna`), and a one-part name if the
/// crate fails.
fn parse_person(part: &[Spanned<Chunk>]) -> biblatex::Person {
    let flat = part.format_verbatim();
    let extended = flat.split(',').all(|kv| {
        kv.split_once('=').is_some_and(|(k, _)| {
            matches!(
                k.trim(),
                "family"
                    | "given"
                    | "prefix"
                    | "suffix"
                    | "useprefix"
                    | "id"
                    | "given-i"
                    | "prefix-i"
            )
        })
    });
    let hidden: Vec<Spanned<Chunk>> = part
        .iter()
        .map(|c| {
            let mut c = c.clone();
            if !extended {
                let s = c.v.get_mut();
                *s = s.replace('=', &EQUALS.to_string());
            }
            c
        })
        .collect();
    let parsed = std::panic::catch_unwind(|| biblatex::Person::parse(&hidden));
    let mut p = parsed.unwrap_or_else(|_| biblatex::Person {
        name: flat.clone(),
        given_name: String::new(),
        prefix: String::new(),
        suffix: String::new(),
        id: None,
        prefix_initials: None,
        given_initials: None,
        use_prefix: None,
    });
    for s in [&mut p.name, &mut p.given_name, &mut p.prefix, &mut p.suffix] {
        *s = s.replace(EQUALS, "=");
    }
    p
}

/// Reads a name list: names, and whether it ends in `and others`.
fn names_of(chunks: &[Spanned<Chunk>]) -> (Vec<Name>, bool) {
    let mut names = Vec::new();
    let mut elided = false;
    for part in split_names(chunks) {
        let part: Vec<Spanned<Chunk>> = part
            .into_iter()
            .map(|mut c| {
                // `~` is a tie between name parts.
                if let Chunk::Normal(s) = &mut c.v {
                    *s = s.replace('~', " ");
                }
                c
            })
            .filter(|c| !matches!(&c.v, Chunk::Normal(s) if s.trim().is_empty()))
            .collect();
        if part.is_empty() {
            continue;
        }
        let flat = tidy(&part.format_verbatim());
        if flat.is_empty() {
            continue;
        }
        if flat.eq_ignore_ascii_case("others")
            && part.iter().all(|c| matches!(c.v, Chunk::Normal(_)))
        {
            elided = true;
            continue;
        }
        let verbatim_only = matches!(part.as_slice(), [c] if matches!(c.v, Chunk::Verbatim(_)));
        if verbatim_only {
            names.push(Name::Literal(flat));
            continue;
        }
        let p = parse_person(&part);
        let family = tidy(&p.name);
        let given = tidy(&p.given_name);
        let prefix = tidy(&p.prefix);
        let suffix = tidy(&p.suffix);
        if family.is_empty() && given.is_empty() {
            names.push(Name::Literal(flat));
            continue;
        }
        let (family, given) = if family.is_empty() {
            (given, String::new())
        } else {
            (family, given)
        };
        let (given, dropping) = super::split_dropping(&given);
        names.push(Name::Person(Person {
            family,
            given: nonempty(&given),
            particle: nonempty(&prefix),
            dropping_particle: dropping,
            suffix: nonempty(&suffix),
        }));
    }
    (names, elided)
}

/// The year field: `2019`, `2019a`, `n.d.`, `in press`, `ca. 1900`,
/// `2019–2020`, `350 BCE`.
fn year_date(y: &str) -> Option<Date> {
    let t = y.trim();
    if let Some(b) = t
        .strip_suffix(" BCE")
        .and_then(|b| b.trim().parse::<i32>().ok())
    {
        return Some(Date::year(-b));
    }
    date_text(t)
}

fn month_of(m: &str, d: &mut Date) {
    let t = m.trim().trim_end_matches('.');
    if let Ok(n) = t.parse::<u8>() {
        if let Some(p) = d.start.as_mut()
            && (1..=12).contains(&n)
        {
            p.month = Some(n);
        }
        return;
    }
    if let Some(s) = super::season_of(t) {
        d.season = Some(s);
        return;
    }
    // "March", "mar", "March 15".
    let mut words = t.split_whitespace();
    if let Some(w) = words.next()
        && let Some(n) = crate::apa::date::month_number(w)
        && let Some(p) = d.start.as_mut()
    {
        p.month = Some(n);
        if let Some(day) = words
            .next()
            .and_then(|x| x.trim_end_matches(',').parse::<u8>().ok())
        {
            p.day = Some(day).filter(|d| (1..=31).contains(d));
        }
    }
}

/// The model type of an entry type (with `entrysubtype` and a few field
/// hints).
fn item_type(ty: &str, e: &Entry) -> Option<ItemType> {
    let sub = field_text(e, "entrysubtype")
        .unwrap_or_default()
        .to_lowercase();
    let addon = field_text(e, "titleaddon")
        .unwrap_or_default()
        .to_lowercase();
    let container = field_text(e, "journaltitle")
        .or_else(|| field_text(e, "journal"))
        .unwrap_or_default();
    Some(match ty {
        "article" => {
            let has_volume = e.fields.contains_key("volume");
            let lower = container.to_lowercase();
            // A day in the date: a newspaper or magazine (journals give a
            // year, perhaps a month).
            let has_day = e.fields.contains_key("day")
                || field_text(e, "date").is_some_and(|d| d.len() >= 10 && !d.contains('/'));
            if addon.starts_with("preprint")
                || (crate::apa::lexicon::is_preprint_server(&container)
                    && (lower.contains("preprint") || lower.contains("arxiv:")))
                || (!has_volume
                    && field_text(e, "doi")
                        .is_some_and(|d| crate::apa::lexicon::is_preprint_doi(&d)))
            {
                ItemType::Article
            } else if sub == "newspaper"
                || ((!sub.is_empty() || has_day) && crate::apa::lexicon::is_newspaper(&container))
                || ((sub == "nonacademic" || sub.is_empty())
                    && has_day
                    && !has_volume
                    && crate::apa::lexicon::is_newspaper(&container))
            {
                ItemType::ArticleNewspaper
            } else if matches!(sub.as_str(), "magazine" | "nonacademic") || (has_day && !has_volume)
            {
                ItemType::ArticleMagazine
            } else {
                ItemType::ArticleJournal
            }
        }
        "book" | "mvbook" | "booklet" | "collection" | "mvcollection" | "proceedings"
        | "mvproceedings" | "reference" | "mvreference" | "periodical" | "manual" => ItemType::Book,
        "inbook" | "bookinbook" | "suppbook" | "incollection" | "suppcollection" => {
            ItemType::Chapter
        }
        "inreference" => {
            let bt = field_text(e, "booktitle").unwrap_or_default();
            if crate::apa::lexicon::is_dictionary(&bt) {
                ItemType::EntryDictionary
            } else {
                ItemType::EntryEncyclopedia
            }
        }
        "inproceedings" | "conference" => {
            let talk = [
                "presentation",
                "poster",
                "session",
                "keynote",
                "talk",
                "lecture",
                "address",
                "symposium",
                "paper presented",
            ];
            // Classic BibTeX has the description at the start of the note.
            let note = field_text(e, "note").unwrap_or_default().to_lowercase();
            let described = note
                .split(". ")
                .filter(|f| !f.contains(": ") && f.chars().count() <= 40)
                .any(|f| talk.iter().any(|w| f.contains(w)));
            if talk.iter().any(|w| addon.contains(w))
                || described
                || (sub == "nonacademic" && !e.fields.contains_key("editor"))
            {
                ItemType::Speech
            } else {
                ItemType::PaperConference
            }
        }
        "report" | "techreport" => ItemType::Report,
        "thesis" | "phdthesis" | "mastersthesis" => ItemType::Thesis,
        "online" | "electronic" | "www" => {
            let site = field_text(e, "organization").unwrap_or_default();
            if addon.contains("blog") || crate::apa::lexicon::is_blog(&site) {
                ItemType::PostWeblog
            } else {
                ItemType::Webpage
            }
        }
        "misc" => {
            let note = field_text(e, "note").unwrap_or_default().to_lowercase();
            let hint = format!("{addon} {note}");
            if hint.contains("data set") || hint.contains("dataset") {
                ItemType::Dataset
            } else if hint.contains("software") || e.fields.contains_key("version") {
                ItemType::Software
            } else if e.fields.contains_key("url")
                || field_text(e, "howpublished").is_some_and(|h| h.contains("://"))
            {
                ItemType::Webpage
            } else {
                ItemType::Document
            }
        }
        "unpublished" => {
            let talk = [
                "presentation",
                "poster",
                "session",
                "keynote",
                "talk",
                "lecture",
            ];
            if talk.iter().any(|w| addon.contains(w)) {
                ItemType::Speech
            } else {
                ItemType::Manuscript
            }
        }
        "dataset" => ItemType::Dataset,
        "software" => ItemType::Software,
        "patent" => ItemType::Patent,
        "movie" | "video" => ItemType::MotionPicture,
        "audio" | "music" => ItemType::Song,
        "artwork" | "image" => ItemType::Graphic,
        "legislation" | "legal" => ItemType::Legislation,
        "jurisdiction" => ItemType::LegalCase,
        "standard" => ItemType::Standard,
        "performance" => ItemType::Speech,
        "letter" | "set" | "custom" => ItemType::Document,
        "review" => ItemType::Review,
        _ => return None,
    })
}

/// Fields read into the model (anything else goes to the note).
const KNOWN: &[&str] = &[
    "author",
    "editor",
    "editora",
    "editorb",
    "editorc",
    "editortype",
    "editoratype",
    "editorbtype",
    "editorctype",
    "translator",
    "title",
    "subtitle",
    "titleaddon",
    "journal",
    "journaltitle",
    "journalsubtitle",
    "booktitle",
    "booksubtitle",
    "booktitleaddon",
    "maintitle",
    "mainsubtitle",
    "series",
    "volume",
    "number",
    "issue",
    "pages",
    "eid",
    "edition",
    "version",
    "type",
    "publisher",
    "institution",
    "school",
    "organization",
    "address",
    "location",
    "howpublished",
    "date",
    "year",
    "month",
    "day",
    "urldate",
    "origdate",
    "origyear",
    "eventtitle",
    "venue",
    "doi",
    "url",
    "isbn",
    "issn",
    "pmid",
    "eprint",
    "eprinttype",
    "archiveprefix",
    "language",
    "langid",
    "keywords",
    "keyword",
    "abstract",
    "note",
    "annote",
    "annotation",
    "addendum",
    "pubstate",
    "entrysubtype",
    "crossref",
    "key",
    "sortkey",
    "ids",
    "xref",
    "shorttitle",
    "shortjournal",
    "chapter",
];

fn role_of_editortype(t: &str) -> Role {
    match t.trim().to_lowercase().as_str() {
        "director" => Role::Director,
        "producer" => Role::Producer,
        "translator" => Role::Translator,
        "compiler" | "collaborator" | "contributor" | "redactor" | "organizer" => Role::Contributor,
        _ => Role::Editor,
    }
}

/// Builds the record of one (resolved) entry.
fn to_reference(
    e: &Entry,
    own: &Entry,
    src: &str,
    line: usize,
    end_line: usize,
) -> (Reference, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let ty = e.entry_type.to_string().to_ascii_lowercase();
    let mut r = Reference {
        id: Some(e.key.clone()).filter(|k| !k.is_empty()),
        span: Some(SourceSpan { line, end_line }),
        ..Reference::default()
    };
    r.item_type = item_type(&ty, e).unwrap_or_else(|| {
        diags.push(Diagnostic::warning(
            line,
            Some(Field::Type),
            format!("bibtex: unknown entry type `@{ty}`; read as a document"),
        ));
        ItemType::Document
    });
    let t = |name: &str| field_text(e, name);

    // Names.
    for (field, role) in [
        ("author", Role::Author),
        ("editor", Role::Editor),
        ("editora", Role::Editor),
        ("editorb", Role::Editor),
        ("editorc", Role::Editor),
        ("translator", Role::Translator),
    ] {
        let Some(chunks) = e.get(field) else {
            continue;
        };
        let role = if field.starts_with("editor") {
            t(&format!("{field}type")).map_or(role, |x| role_of_editortype(&x))
        } else {
            role
        };
        let (names, elided) = names_of(chunks);
        if elided && (role == Role::Author || !e.fields.contains_key("author")) {
            r.authors_elided = true;
        }
        r.contributors
            .extend(names.into_iter().map(|name| Contributor { role, name }));
    }

    // Title: own title only (never inherited), with its protected spans.
    if let Some(chunks) = own.get("title").or_else(|| e.get("title")) {
        let (mut title, prot) = title_with_protection(chunks, src);
        if let Some(sub) = t("subtitle") {
            if !title.ends_with(['?', '!', '.', ':']) {
                title.push(':');
            }
            title.push(' ');
            title.push_str(&sub);
        }
        r.title = nonempty(&title);
        r.title_protected = prot;
    }
    let mut addon = t("titleaddon");
    // Zotero's BibLaTeX export puts a web page's site in `titleaddon`;
    // refmill's writers put APA's bracketed description there.
    if ty == "online"
        && !e.fields.contains_key("organization")
        && let Some(a) = addon.as_deref()
        && !is_description(a)
    {
        r.container_title = Some(a.to_string());
        addon = None;
    }
    // The writers' descriptions that only say what the type says.
    let default_addon = match r.item_type {
        ItemType::Article => Some("preprint"),
        ItemType::Dataset => Some("data set"),
        ItemType::Software => Some("computer software"),
        _ => None,
    };
    if addon
        .as_deref()
        .is_some_and(|a| Some(a.to_lowercase().as_str()) == default_addon)
    {
        addon = None;
    }
    if let Some(a) = addon {
        match a.split_once("; ") {
            Some((g, m)) => {
                r.genre = Some(g.to_string());
                r.medium = Some(m.to_string());
            }
            None => r.genre = Some(a),
        }
    }

    // Container.
    let with_sub = |main: Option<String>, sub: Option<String>| match (main, sub) {
        (Some(m), Some(s)) => Some(format!("{m}: {s}")),
        (m, _) => m,
    };
    let journal = with_sub(
        t("journaltitle").or_else(|| t("journal")),
        t("journalsubtitle"),
    );
    let book = with_sub(t("booktitle"), t("booksubtitle"));
    match (journal, book) {
        (Some(j), b) => {
            r.container_title = Some(j);
            if let Some(b) = b {
                push_note(&mut r, &format!("booktitle: {b}"));
            }
        }
        (None, Some(b)) => {
            if r.item_type == ItemType::Speech && t("eventtitle").is_none() {
                r.event_title = Some(b);
            } else {
                r.container_title = Some(b);
            }
        }
        (None, None) => {}
    }
    r.event_title = r.event_title.take().or_else(|| t("eventtitle"));
    r.event_place = t("venue");

    // Series and numbers.
    r.collection_title = t("series");
    if let Some(m) = with_sub(t("maintitle"), t("mainsubtitle")) {
        if r.collection_title.is_none() {
            r.collection_title = Some(m);
        } else {
            push_note(&mut r, &format!("maintitle: {m}"));
        }
    }
    r.volume = t("volume");
    let number = t("number");
    let is_article = matches!(ty.as_str(), "article");
    match number {
        Some(n) if is_article => r.issue = Some(n),
        Some(n)
            if r.collection_title.is_some()
                && matches!(
                    r.item_type,
                    ItemType::Book | ItemType::Chapter | ItemType::PaperConference
                ) =>
        {
            r.collection_number = Some(n)
        }
        Some(n) => r.number = Some(n),
        None => {}
    }
    if let Some(i) = t("issue") {
        if r.issue.is_none() {
            r.issue = Some(i);
        } else {
            push_note(&mut r, &format!("issue: {i}"));
        }
    }
    if let Some(eid) = t("eid") {
        r.number.get_or_insert(eid);
    }
    if let Some(p) = t("pages") {
        match p.strip_prefix("Article ") {
            Some(n) if is_article && r.number.is_none() => r.number = Some(n.trim().to_string()),
            _ => r.page = Some(model_pages(&p)),
        }
    }
    r.edition = t("edition").map(|x| edition_number(&x));
    r.version = t("version");
    if let Some(kind) = t("type") {
        let g = match (r.item_type, kind.to_lowercase().as_str()) {
            (ItemType::Thesis, "phdthesis" | "phd") => Some("Doctoral dissertation".to_string()),
            (ItemType::Thesis, "mathesis" | "masters" | "mastersthesis") => {
                Some("Master’s thesis".to_string())
            }
            // The writers' defaults when the genre is unknown.
            (ItemType::Report, "report") | (ItemType::Thesis, "thesis") => None,
            _ => Some(kind),
        };
        if let Some(g) = g {
            match &r.genre {
                None => r.genre = Some(g),
                Some(old) if *old == g => {}
                Some(_) => push_note(&mut r, &format!("type: {g}")),
            }
        }
    } else if r.item_type == ItemType::Thesis && r.genre.is_none() {
        r.genre = match ty.as_str() {
            "phdthesis" => Some("Doctoral dissertation".into()),
            "mastersthesis" => Some("Master’s thesis".into()),
            _ => None,
        };
    }

    // Publisher and place.
    let site_name = matches!(
        r.item_type,
        ItemType::Webpage | ItemType::PostWeblog | ItemType::Post
    ) && r.container_title.is_none();
    let mut publishers: Vec<String> = Vec::new();
    for f in ["publisher", "institution", "school"] {
        if let Some(v) = t(f) {
            publishers.push(v);
        }
    }
    if let Some(o) = t("organization") {
        if site_name {
            r.container_title = Some(o);
        } else {
            publishers.push(o);
        }
    }
    if let Some(h) = t("howpublished") {
        if h.contains("://") && !h.contains(' ') {
            if t("url").is_none() {
                r.url = Some(h);
            }
        } else {
            publishers.push(h);
        }
    }
    publishers.dedup();
    let mut pubs = publishers.into_iter();
    r.publisher = pubs.next();
    for p in pubs {
        push_note(&mut r, &format!("publisher: {p}"));
    }
    r.publisher_place = t("location").or_else(|| t("address"));
    if r.item_type == ItemType::Speech && r.event_place.is_none() {
        r.event_place = r.publisher_place.take();
    }

    // Dates.
    r.issued = match (t("date"), t("year")) {
        (Some(d), _) => date_text(&d),
        (None, Some(y)) => {
            let mut d = year_date(&y);
            if let Some(d) = d.as_mut() {
                if let Some(m) = t("month") {
                    month_of(&m, d);
                }
                if let (Some(day), Some(p)) = (t("day"), d.start.as_mut())
                    && p.month.is_some()
                {
                    p.day = day.parse().ok().filter(|x| (1..=31).contains(x));
                }
            }
            d
        }
        (None, None) => None,
    };
    if let Some(ps) = t("pubstate") {
        let st = match ps.to_lowercase().as_str() {
            "inpress" | "in press" => Some(DateStatus::InPress),
            "forthcoming" => Some(DateStatus::Forthcoming),
            _ => None,
        };
        match st {
            Some(s) => r.issued.get_or_insert_with(Date::default).status = s,
            None => r.status = Some(ps),
        }
    }
    r.accessed = t("urldate").and_then(|d| date_text(&d));
    r.original_date = t("origdate")
        .or_else(|| t("origyear"))
        .and_then(|d| date_text(&d));

    // Identifiers.
    r.doi = t("doi").map(|d| bare_doi(&d));
    r.url = r.url.take().or_else(|| t("url"));
    r.isbn = t("isbn");
    r.issn = t("issn");
    r.pmid = t("pmid");
    if let Some(ep) = t("eprint") {
        let kind = t("eprinttype")
            .or_else(|| t("archiveprefix"))
            .unwrap_or_default();
        match kind.to_lowercase().as_str() {
            "pubmed" | "pmid" => r.pmid = r.pmid.take().or(Some(ep)),
            "doi" => r.doi = r.doi.take().or(Some(bare_doi(&ep))),
            "" => push_note(&mut r, &format!("eprint: {ep}")),
            k => push_note(&mut r, &format!("{k}: {ep}")),
        }
    }
    r.language = t("language").or_else(|| t("langid"));
    for f in ["keywords", "keyword"] {
        if let Some(k) = t(f) {
            r.keywords.extend(k.split([',', ';']).filter_map(nonempty));
        }
    }
    r.abstract_text = t("abstract");
    if let Some(s) = t("shorttitle") {
        push_note(&mut r, &format!("title-short: {s}"));
    }
    if let Some(s) = t("shortjournal") {
        push_note(&mut r, &format!("container-title-short: {s}"));
    }
    if let Some(c) = t("chapter") {
        push_note(&mut r, &format!("chapter-number: {c}"));
    }
    for f in ["note", "annote", "annotation", "addendum"] {
        if let Some(n) = t(f) {
            let mut n = apply_note_labels(&mut r, &n);
            // Classic BibTeX has no `titleaddon`: refmill's writer puts the
            // description (`Paper presentation`, `Data set`) first in the
            // note.
            if f == "note" && !e.fields.contains_key("titleaddon") && r.genre.is_none() {
                let (first, rest) = match n.split_once(". ") {
                    Some((a, b)) => (a.to_string(), b.to_string()),
                    None => (n.trim_end_matches('.').to_string(), String::new()),
                };
                let short = first.chars().count() <= 40 && first.split_whitespace().count() <= 5;
                if short && !first.contains(": ") && is_description(&first) {
                    let lower = first.to_lowercase();
                    if lower == "preprint" && r.item_type == ItemType::ArticleJournal {
                        r.item_type = ItemType::Article;
                        if r.publisher.is_none() {
                            r.publisher = r.container_title.take();
                        }
                    }
                    let default = matches!(
                        (r.item_type, lower.as_str()),
                        (ItemType::Dataset, "data set")
                            | (ItemType::Software, "computer software")
                            | (ItemType::Article, "preprint")
                            // apalike needs a note on @unpublished.
                            | (ItemType::Manuscript, "unpublished manuscript")
                    );
                    if !default {
                        match first.split_once("; ") {
                            Some((g, m)) => {
                                r.genre = Some(g.to_string());
                                r.medium = Some(m.to_string());
                            }
                            None => r.genre = Some(first.clone()),
                        }
                    }
                    n = rest;
                }
            }
            push_note(&mut r, &n);
        }
    }
    // Everything else, kept.
    let mut others: BTreeMap<&str, String> = BTreeMap::new();
    for k in e.fields.keys() {
        if !KNOWN.contains(&k.as_str())
            && let Some(v) = t(k)
        {
            others.insert(k, v);
        }
    }
    for (k, v) in others {
        push_note(&mut r, &format!("{k}: {v}"));
    }
    // A preprint: the repository as the journal when there is no
    // publisher (refmill's writers put it there).
    if r.item_type == ItemType::Article && r.publisher.is_none() {
        r.publisher = r.container_title.take();
    }
    // A classic preprint: the repository as journal and "Preprint" in the
    // note.
    if r.item_type == ItemType::ArticleJournal
        && let Some(n) = r.note.as_deref()
        && (n == "Preprint" || n.starts_with("Preprint. "))
    {
        r.item_type = ItemType::Article;
        let rest = n
            .strip_prefix("Preprint")
            .unwrap_or("")
            .trim_start_matches('.')
            .trim()
            .to_string();
        r.note = nonempty(&rest);
        if r.publisher.is_none() {
            r.publisher = r.container_title.take();
        }
    }
    (r, diags)
}

/// True for the words of APA's bracketed descriptions (`Tweet`, `Video`,
/// `Press release` …), as opposed to a site's name.
fn is_description(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "post",
        "tweet",
        "video",
        "blog",
        "press release",
        "fact sheet",
        "podcast",
        "presentation",
        "data",
        "software",
        "app",
        "comment",
        "status update",
        "infographic",
        "image",
        "photograph",
        "map",
        "interview",
        "lecture",
        "webinar",
        "audio",
        "film",
        "report",
        "brochure",
        "pamphlet",
        "preprint",
        "editorial",
        "letter",
        "text",
        "tumblr",
        "slides",
        "poster",
        "thesis",
        "dissertation",
        "manuscript",
        "review",
        // "SSRN Scholarly Paper", "Working paper", "White paper".
        "paper",
    ];
    let l = s.to_lowercase();
    l.split(|c: char| !c.is_alphanumeric())
        .any(|w| WORDS.contains(&w))
        || WORDS.iter().any(|w| w.contains(' ') && l.contains(w))
}

/// Labels refmill's BibTeX writer uses for values it moves into `note`.
const NOTE_LABELS: &[&str] = &[
    "Translated title",
    "Original work published",
    "Series editor",
    "Reviewed author",
    "Organization",
    "Institution",
    "Translator",
    "Contributor",
    "Interviewer",
    "Performer",
    "Publisher",
    "Published",
    "Composer",
    "Director",
    "Producer",
    "Edition",
    "Journal",
    "Version",
    "Article",
    "Editor",
    "Series",
    "Volume",
    "Number",
    "Event",
    "Court",
    "Chair",
    "Issue",
    "Pages",
    "Place",
    "Host",
    "ISBN",
    "ISSN",
    "Type",
    "Date",
    "No.",
    "In",
];

/// Whether a part of a note starts with one of the labels refmill's
/// writer uses (`Volume: 3–4`, `Original work published 1900`): the
/// reader takes such a part, up to the next label, back into its field.
/// The writer puts these parts last, so that no unlabelled part runs into
/// a value.
pub(crate) fn is_labelled_note_part(part: &str) -> bool {
    note_label(part).is_some()
}

/// The writer's label a note part starts with.
fn note_label(part: &str) -> Option<&'static str> {
    NOTE_LABELS.iter().copied().find(|l| {
        part.strip_prefix(l).is_some_and(|rest| {
            rest.starts_with(": ")
                || (matches!(*l, "Original work published" | "No.") && rest.starts_with(' '))
        })
    })
}

/// Takes the `Label: value` parts refmill's writer joined into a note
/// (`Sage. Volume: 3–4. Edition: 2`) back into their fields; returns the
/// rest of the note.
fn apply_note_labels(r: &mut Reference, note: &str) -> String {
    // Part boundaries: a label at the start or after ". " / "? " / "! ".
    let mut bounds: Vec<(usize, &str)> = Vec::new();
    for (i, _) in note.char_indices() {
        let Some((before, rest)) = note.split_at_checked(i) else {
            continue;
        };
        let at_start =
            i == 0 || before.ends_with(". ") || before.ends_with("? ") || before.ends_with("! ");
        if !at_start {
            continue;
        }
        if let Some(l) = note_label(rest) {
            bounds.push((i, l));
        }
    }
    let Some(&(first, _)) = bounds.first() else {
        return note.to_string();
    };
    // Char boundary: the bounds' offsets come from `char_indices`.
    let mut keep: Vec<String> = Vec::new();
    let head = note[..first].trim();
    if !head.is_empty() {
        keep.push(head.trim_end_matches('.').to_string());
    }
    for (k, &(start, label)) in bounds.iter().enumerate() {
        let end = bounds.get(k + 1).map_or(note.len(), |b| b.0);
        let part = note[start..end].trim();
        let value = part
            .strip_prefix(label)
            .unwrap_or(part)
            .trim_start_matches(':')
            .trim();
        // The joining ". " is not part of the value, unless it ends an
        // initial ("Smith, J.").
        let value = match value.strip_suffix('.') {
            Some(v)
                if !v.rsplit([' ', '-']).next().is_some_and(|w| {
                    w.chars().count() == 1 && w.chars().all(char::is_uppercase)
                }) =>
            {
                v
            }
            _ => value,
        };
        let applied = match label {
            "Date" => match date_text(value) {
                Some(d)
                    if d.start.is_some()
                        && r.issued
                            .as_ref()
                            .is_none_or(|i| i.start.map(|p| p.year) == d.start.map(|p| p.year)) =>
                {
                    let sfx = r.issued.as_ref().and_then(|i| i.suffix.clone());
                    r.issued = Some(Date { suffix: sfx, ..d });
                    true
                }
                _ => false,
            },
            "Original work published" => {
                r.original_date = date_text(value);
                true
            }
            "Article" | "Number" | "No." => {
                if r.number.is_none() {
                    r.number = Some(value.to_string());
                    true
                } else {
                    false
                }
            }
            "Institution" | "Organization" | "Published" => apply_extra(r, "publisher", value),
            "Pages" => apply_extra(r, "page", &model_pages(value)),
            l => apply_extra(r, &l.to_lowercase(), value),
        };
        if !applied {
            keep.push(part.trim_end_matches('.').to_string());
        }
    }
    keep.join(". ")
}

/// Months as parts for tests.
#[allow(dead_code)]
fn parts(y: i32, m: Option<u8>, d: Option<u8>) -> DateParts {
    DateParts {
        year: y,
        month: m,
        day: d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{InputFormat, read_all};

    fn one(text: &str) -> Reference {
        let out = read_all(InputFormat::Bibtex, text);
        assert!(out.skipped.is_empty(), "{:?}", out.skipped);
        assert_eq!(out.records.len(), 1);
        out.records[0].reference.clone()
    }

    #[test]
    fn article_with_macros_accents_and_protection() {
        let r = one("@string{jpp = {Journal of Psycho{\\-}pharmacology}}\n\
             @article{glue2017,\n  author = {Glue, Paul and van der Berg, Anna and {World Health Organization} and King, Jr., Martin Luther and others},\n  \
             title = {Ket{\\\"a}mine's {NASA} effects in {New Zealand} -- a \\emph{study}},\n  journal = jpp,\n  year = 2017,\n  month = mar,\n  \
             volume = {31}, number = {10}, pages = {1302--1305},\n  doi = {https://doi.org/10.1177/0269881117705089},\n}\n");
        assert_eq!(r.item_type, ItemType::ArticleJournal);
        assert_eq!(
            r.title.as_deref(),
            Some("Ketämine's NASA effects in New Zealand – a study")
        );
        let t = r.title.as_deref().unwrap();
        let prot: Vec<&str> = r.title_protected.iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(prot, ["NASA", "New Zealand"]);
        assert_eq!(
            r.container_title.as_deref(),
            Some("Journal of Psychopharmacology")
        );
        assert_eq!(r.issued, Some(Date::ymd(2017, Some(3), None)));
        assert_eq!(r.issue.as_deref(), Some("10"));
        assert_eq!(r.page.as_deref(), Some("1302-1305"));
        assert_eq!(r.doi.as_deref(), Some("10.1177/0269881117705089"));
        assert!(r.authors_elided);
        let names: Vec<&Name> = r.names(Role::Author).collect();
        assert_eq!(names.len(), 4);
        assert_eq!(
            names[1],
            &Name::Person(Person {
                family: "Berg".into(),
                particle: Some("van der".into()),
                given: Some("Anna".into()),
                ..Person::default()
            })
        );
        assert_eq!(names[2], &Name::literal("World Health Organization"));
        assert_eq!(
            names[3],
            &Name::Person(Person {
                family: "King".into(),
                given: Some("Martin Luther".into()),
                suffix: Some("Jr.".into()),
                ..Person::default()
            })
        );
    }

    #[test]
    fn malformed_entries_are_reported_and_skipped() {
        let text = "@book{good1, title = {One}, year = {2001}}\n\n\
                    @article{bad1, title = {Unclosed {brace}, year = {2002}\n\n\
                    @book{good2, title = {Two}, year = 2002}\n\
                    @book{bad2, title = {Three} year = {2003}}\n\
                    @book{good3, title = {Four}, publisher = undefinedmacro}\n";
        let out = read_all(InputFormat::Bibtex, text);
        let titles: Vec<_> = out
            .records
            .iter()
            .map(|r| r.reference.title.clone().unwrap_or_default())
            .collect();
        assert_eq!(titles, ["One", "Two", "Four"]);
        assert_eq!(out.skipped.len(), 2);
        assert_eq!(out.skipped[0].line, 3);
        assert_eq!(
            out.skipped[0].diagnostic.message,
            "bibtex: entry `@article{bad1` is not closed (unbalanced braces); not read"
        );
        assert_eq!(out.skipped[1].line, 6);
        assert!(
            out.skipped[1]
                .diagnostic
                .message
                .starts_with("bibtex: entry not read: "),
            "{}",
            out.skipped[1].diagnostic.message
        );
        let d = &out.records[2].diagnostics;
        assert_eq!(
            d[0].message,
            "bibtex: undefined macro `undefinedmacro` read as its name"
        );
        assert_eq!(
            out.records[2].reference.publisher.as_deref(),
            Some("undefinedmacro")
        );
    }

    #[test]
    fn links_to_the_entry_itself_are_ignored() {
        // The biblatex crate follows these for ever (a stack overflow).
        let text = "@proceedings{lion, title = {Self}, crossref = {lion}}\n\
                    @book{b, ids = {alias}, title = {Alias}, xdata = {alias}}\n\
                    @book{c, title = {C}, crossref = {lion}}\n";
        let out = read(text);
        let titles: Vec<_> = out
            .iter()
            .filter_map(|i| match i {
                ReadItem::Record(r) => r.reference.title.clone(),
                ReadItem::Skipped(_) => None,
            })
            .collect();
        assert_eq!(titles, ["Self", "Alias", "C"]);
        let warned = |line: usize, field: &str| {
            out.iter().any(|i| {
                i.diagnostics().iter().any(|d| {
                    d.line == line
                        && d.message
                            .contains(&format!("`{field}` names the entry itself"))
                })
            })
        };
        assert!(warned(1, "crossref") && warned(2, "xdata"));
    }

    #[test]
    fn crossref_and_xdata() {
        let text = "@inproceedings{paper, author = {A, B.}, title = {Paper}, crossref = {procs}, pages = {1--10}}\n\
                    @proceedings{procs, title = {Proceedings of Things}, year = {2020}, publisher = {ACM}, editor = {Ed, E.}}\n\
                    @xdata{pub, publisher = {Sage}, location = {London}}\n\
                    @book{b, title = {Book}, xdata = {pub}, year = 2001}\n";
        let out = read_all(InputFormat::Biblatex, text);
        assert_eq!(out.records.len(), 3, "xdata is not a record");
        let p = &out.records[0].reference;
        assert_eq!(p.title.as_deref(), Some("Paper"));
        assert_eq!(p.container_title.as_deref(), Some("Proceedings of Things"));
        assert_eq!(p.year(), Some(2020));
        assert_eq!(p.publisher.as_deref(), Some("ACM"));
        assert!(p.has_role(Role::Editor));
        let b = &out.records[2].reference;
        assert_eq!(b.publisher.as_deref(), Some("Sage"));
        assert_eq!(b.publisher_place.as_deref(), Some("London"));
    }

    #[test]
    fn biblatex_dates_types_and_note_labels() {
        let r = one(
            "@thesis{t, author = {S, S.}, title = {T}, type = {phdthesis}, institution = {U}, date = {2020-03-15/2020-03-20}, urldate = {2021-05-01}}",
        );
        assert_eq!(r.item_type, ItemType::Thesis);
        assert_eq!(r.genre.as_deref(), Some("Doctoral dissertation"));
        assert_eq!(r.publisher.as_deref(), Some("U"));
        assert_eq!(r.issued.as_ref().unwrap().end.unwrap().day, Some(20));
        assert_eq!(r.accessed, Some(Date::ymd(2021, Some(5), Some(1))));
        let r = one(
            "@article{a, title = {T}, journaltitle = {J}, note = {A real note. Volume: 3–4. Edition: 2. Editor: Smith, J.}, pubstate = {inpress}}",
        );
        assert_eq!(r.volume.as_deref(), Some("3–4"));
        assert_eq!(r.edition.as_deref(), Some("2"));
        assert!(r.has_role(Role::Editor));
        assert_eq!(r.note.as_deref(), Some("A real note"));
        assert_eq!(r.issued.unwrap().status, DateStatus::InPress);
        let r = one(
            "@online{w, title = {Page}, organization = {Site}, url = {https://x.org}, date = {2015-21}}",
        );
        assert_eq!(r.item_type, ItemType::Webpage);
        assert_eq!(r.container_title.as_deref(), Some("Site"));
        assert_eq!(r.issued.unwrap().season, Some(crate::model::Season::Spring));
    }
}
