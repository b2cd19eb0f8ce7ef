//! Markup around reference text: Markdown and HTML as pandoc, R Markdown,
//! Quarto and web pages give a reference list.
//!
//! * [`is_block_line`]: a line that is only markup around references (a
//!   pandoc fenced div `::: {#ref-x .csl-entry}`, `<div class="csl-entry">`,
//!   `</div>`, the rest of a tag broken over lines): the segmenter reads it
//!   as a blank line.
//! * [`strip`]: the markup inside one reference: emphasis (`*Journal*`,
//!   `_Title_`, `**x**`), inline HTML tags (`<i>`, `<em>`, `<span …>`),
//!   autolinks (`<https://doi.org/…>`), backslash escapes (`\[Data set\]`,
//!   `6\.`) and links whose text is their address
//!   (`[https://doi.org/x](https://doi.org/x)`).
//!
//! Underscores inside links and words ("1%25_rule_(Internet_culture)",
//! "snake_case") and an asterisk between letters stay.

use super::scan::FastTrim as _;
use std::borrow::Cow;

/// HTML elements whose tags are dropped (the text between them stays).
const TAGS: &[&str] = &[
    "i", "em", "b", "strong", "u", "span", "sup", "sub", "div", "p", "li", "ul", "ol", "br", "a",
    "cite", "font", "small", "dd", "dt", "dl",
];

/// True for a line that is only markup around the references: the
/// segmenter treats it as a blank line.
pub fn is_block_line(line: &str) -> bool {
    let t = line.fast_trim();
    let Some(&first) = t.as_bytes().first() else {
        return false;
    };
    match first {
        // A pandoc fenced div: ":::" alone or with its attributes.
        b':' => t.starts_with(":::") && is_empty_or_attrs(t.trim_start_matches(':').fast_trim()),
        // Tags only: "<div id=\"ref-x\" class=\"csl-entry\">", "</div>".
        b'<' => {
            let mut rest = t;
            while let Some(r) = rest.strip_prefix('<') {
                let Some(end) = r.find('>') else {
                    // A block's tag going on to the next line: "<div id=…
                    // class=…" (an inline one, "<a" before "href=…", goes
                    // on with the reference).
                    return tag_name(r)
                        .is_some_and(|t| matches!(t, "div" | "p" | "ul" | "ol" | "dl"));
                };
                if tag_name(r).is_none() {
                    return false;
                }
                // Char boundary: `end` is the offset of an ASCII '>'.
                rest = r[end + 1..].fast_trim_start();
            }
            rest.is_empty()
        }
        // The end of a tag broken over lines: `line-spacing="2">`.
        _ => {
            t.ends_with('>')
                && !t.contains('<')
                && t.contains("=\"")
                && t.split_whitespace().all(|w| w.contains('=') || w == ">")
        }
    }
}

/// Nothing, or a pandoc attribute block or class name after ":::"
/// ("{#refs …}", "csl-entry").
fn is_empty_or_attrs(s: &str) -> bool {
    s.is_empty()
        || s.starts_with('{') && s.ends_with('}')
        || !s.contains(' ') && s.chars().all(|c| c.is_alphanumeric() || c == '-')
}

/// The element name of the tag that `r` starts (after its '<'), when it is
/// one of [`TAGS`]: "i>", "/em>", "span style=…>", "br/>".
fn tag_name(r: &str) -> Option<&'static str> {
    let r = r.strip_prefix('/').unwrap_or(r);
    let end = r
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(r.len());
    // Char boundary: `end` is the offset of a char (or the length).
    let name = &r[..end];
    let after = r[end..].chars().next();
    if !matches!(after, None | Some('>' | ' ' | '/' | '\t')) {
        return None;
    }
    TAGS.iter().copied().find(|t| t.eq_ignore_ascii_case(name))
}

/// One line of input without the HTML tags and autolinks in it, for the
/// segmenter to judge (a reference ending "…</a>" has ended), and whether
/// a tag is left open at its end. A tag left open at the line's end ("…
/// 1–4. <a") goes, and with `in_tag` (the line before left one open) so
/// does the line's start up to the tag's '>' (`href="https://…">`).
/// Emphasis and escapes, which may span lines, are left to [`strip`].
pub fn strip_line(line: &str, in_tag: bool) -> (Cow<'_, str>, bool) {
    let b = line.as_bytes();
    // (A blank line, half the lines of a list, is answered without the
    // search.)
    if !in_tag && (b.is_empty() || memchr::memchr2(b'<', b'>', b).is_none()) {
        return (Cow::Borrowed(line), false);
    }
    let mut t = line;
    // The rest of the tag the line before opened: `href="…">`.
    // Char boundary: `gt` is the offset of an ASCII '>'.
    if in_tag
        && let Some(gt) = t.find('>')
        && !t[..gt].contains('<')
    {
        // Char boundary: as above.
        t = t[gt + 1..].fast_trim_start();
    }
    // A tag left open at the end: "… 1–4. <a".
    let mut open = false;
    if let Some(lt) = t.rfind('<')
        && !t[lt..].contains('>')
        && tag_name(&t[lt + 1..]).is_some()
    {
        // Char boundary: `lt` is the offset of an ASCII '<'.
        t = t[..lt].fast_trim_end();
        open = true;
    }
    if !t.contains('<') {
        return (Cow::Owned(t.to_string()), open);
    }
    (Cow::Owned(tags_and_escapes(t, false)), open)
}

/// True when `text` may hold markup [`strip`] removes (a cheap test).
fn may_have_markup(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3(b'*', b'<', b'\\', b).is_some()
        || memchr::memchr(b'_', b).is_some_and(|_| has_word_underscore(text))
        || memchr::memchr_iter(b']', b).any(|i| b.get(i + 1) == Some(&b'('))
}

/// An underscore that starts a word after a space or at the start
/// ("_Title_"): the only ones emphasis can be.
fn has_word_underscore(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'_', b).any(|i| {
        i == 0
            || b.get(i - 1)
                .is_some_and(|p| p.is_ascii_whitespace() || matches!(p, b'(' | b'[' | b'"'))
    })
}

/// The text of one reference without Markdown or HTML markup; borrowed
/// when it has none.
pub fn strip(text: &str) -> Cow<'_, str> {
    if !may_have_markup(text) {
        return Cow::Borrowed(text);
    }
    let t = links(text);
    let t = tags_and_escapes(&t, true);
    let t = emphasis(&t, '*');
    let t = emphasis(&t, '_');
    if t == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(t)
    }
}

/// True for the text of a link that is its own address.
fn looks_like_address(t: &str) -> bool {
    let l = t.fast_trim();
    l.starts_with("http://")
        || l.starts_with("https://")
        || l.starts_with("www.")
        || l.starts_with("doi:")
        || l.starts_with("10.") && l.contains('/')
}

/// `[https://doi.org/x](https://doi.org/x)` → `https://doi.org/x`.
fn links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        // Char boundary: `open` is the offset of an ASCII '['.
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let inner = &from[1..];
        let replaced = inner.find("](").and_then(|close| {
            // Char boundary: `close` is the offset of an ASCII ']'.
            let label = &inner[..close];
            let target_and_rest = &inner[close + 2..];
            let end = target_and_rest.find(')')?;
            let target = &target_and_rest[..end];
            (looks_like_address(label)
                && looks_like_address(target)
                && !target.contains(char::is_whitespace))
            .then(|| (target, &target_and_rest[end + 1..]))
        });
        match replaced {
            Some((target, after)) => {
                out.push_str(target);
                rest = after;
            }
            None => {
                out.push('[');
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Drops the tags of [`TAGS`], unwraps autolinks (`<https://…>`) and,
/// with `escapes`, reads backslash escapes (`\[` → `[`).
fn tags_and_escapes(text: &str, escapes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '<' => {
                // Char boundary: `i` is the offset of an ASCII '<'.
                let r = &text[i + 1..];
                let close = r.find('>');
                if let Some(end) = close
                    && looks_like_address(&r[..end])
                    && !r[..end].contains(char::is_whitespace)
                {
                    // An autolink: its address, without the brackets.
                    out.push_str(&r[..end]);
                    skip(&mut chars, i + 1 + end + 1);
                } else if let Some(end) = close
                    && let Some(name) = tag_name(r)
                {
                    if name == "br" || name == "div" || name == "p" || name == "li" {
                        out.push(' ');
                    }
                    skip(&mut chars, i + 1 + end + 1);
                } else {
                    out.push('<');
                }
            }
            '\\' if escapes => match chars.peek() {
                Some(&(_, n)) if n.is_ascii_punctuation() => {
                    out.push(n);
                    chars.next();
                }
                // A Markdown hard line break ("\" at a line's end).
                Some(&(_, n)) if n.is_whitespace() => {}
                None => {}
                _ => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    out
}

/// Advances `chars` to byte offset `to`.
fn skip(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, to: usize) {
    while chars.peek().is_some_and(|&(j, _)| j < to) {
        chars.next();
    }
}

/// Removes the emphasis runs of `mark` ("*", "**", "_") that open before
/// a word and close after one, in pairs; a lone "*" that starts the text
/// (APA marks the studies of a meta-analysis so) goes too. A run inside a
/// link or between two letters stays.
fn emphasis(text: &str, mark: char) -> String {
    if !text.contains(mark) {
        return text.to_string();
    }
    let b = text.as_bytes();
    let m = mark as u8;
    // Runs of the mark: (start, end).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|s| memchr::memchr(m, s)) {
        let s = i + off;
        let mut e = s;
        while b.get(e) == Some(&m) {
            e += 1;
        }
        runs.push((s, e));
        i = e;
    }
    let in_link = |at: usize| {
        let start = b
            .get(..at)
            .and_then(|h| memchr::memrchr(b' ', h))
            .map_or(0, |p| p + 1);
        let end = b
            .get(at..)
            .and_then(|t| memchr::memchr(b' ', t))
            .map_or(b.len(), |p| at + p);
        let word = b.get(start..end).unwrap_or_default();
        memchr::memmem::find(word, b"://").is_some()
            || word.starts_with(b"www.")
            || word.starts_with(b"doi")
            || word.starts_with(b"10.")
    };
    let before_ok = |s: usize| {
        s == 0
            || b.get(s - 1).is_some_and(|p| {
                p.is_ascii_whitespace() || matches!(p, b'(' | b'[' | b'"' | b'\'') || *p >= 0x80
            })
    };
    let after_ok = |e: usize| {
        b.get(e).is_none_or(|n| {
            n.is_ascii_whitespace()
                || n.is_ascii_punctuation() && *n != m
                || *n >= 0x80 && mark == '*'
        })
    };
    let opens = |&(s, e): &(usize, usize)| {
        before_ok(s) && e - s <= 3 && b.get(e).is_some_and(|n| !n.is_ascii_whitespace())
    };
    let closes = |&(s, e): &(usize, usize)| {
        e - s <= 3 && s > 0 && b.get(s - 1).is_some_and(|p| !p.is_ascii_whitespace()) && after_ok(e)
    };
    let mut drop: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for run in &runs {
        if in_link(run.0) {
            continue;
        }
        match open {
            Some(o) if closes(run) && run.1 - run.0 == o.1 - o.0 => {
                drop.push(o);
                drop.push(*run);
                open = None;
            }
            _ if opens(run) => open = Some(*run),
            _ => {}
        }
    }
    // The meta-analysis asterisk: "*Smith, J. (2020)".
    if mark == '*'
        && let Some(&first) = runs.first()
        && first == (0, 1)
        && !drop.contains(&first)
        && b.get(1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c >= 0x80)
    {
        drop.push(first);
    }
    if drop.is_empty() {
        return text.to_string();
    }
    drop.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e) in drop {
        // Char boundary: runs are of an ASCII mark.
        out.push_str(&text[at..s]);
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pandoc_markdown_reference() {
        assert_eq!(
            strip(
                "Smith, J. (2020). Title. *Journal of Things*, *12*(3), 45–67. <https://doi.org/10.1000/x_y>"
            ),
            "Smith, J. (2020). Title. Journal of Things, 12(3), 45–67. https://doi.org/10.1000/x_y"
        );
        assert_eq!(
            strip("6\\. Extensions. (2001). *Data* \\[Data set\\]. A **bold** _way_."),
            "6. Extensions. (2001). Data [Data set]. A bold way."
        );
    }

    #[test]
    fn html_reference() {
        assert_eq!(
            strip(
                "<div class=\"csl-entry\">Smith, J. (2020). Title. <i>Journal</i>, <i>12</i>(3), 45–67.</div>"
            ),
            " Smith, J. (2020). Title. Journal, 12(3), 45–67. "
        );
        assert_eq!(
            strip("Title. <span style=\"font-style:italic;\">Journal</span>, 3."),
            "Title. Journal, 3."
        );
    }

    #[test]
    fn underscores_and_asterisks_that_are_text_stay() {
        for t in [
            "X. (2021). In Wikipedia. https://en.wikipedia.org/w/index.php?title=1%25_rule_(Internet_culture)&oldid=9",
            "Smith, J. (2020). The snake_case _style. Publisher.",
            "Smith, J. (2020). The A*B search. Publisher.",
            "Smith, J. (2020). Fish & chips < 3 > 2. Publisher.",
            "Smith, J. (2020). A title [Data set]. Publisher.",
        ] {
            assert_eq!(strip(t), t);
        }
        // The meta-analysis asterisk goes.
        assert_eq!(strip("*Smith, J. (2020). T. P."), "Smith, J. (2020). T. P.");
        // A link whose text is its address.
        assert_eq!(
            strip("T. [https://doi.org/10.1/x](https://doi.org/10.1/x)"),
            "T. https://doi.org/10.1/x"
        );
    }

    #[test]
    fn lines_of_pandoc_html() {
        let line = |l, in_tag| {
            let (t, open) = strip_line(l, in_tag);
            (t.into_owned(), open)
        };
        assert_eq!(
            line("Systems</em>, 1–4. <a", false),
            ("Systems, 1–4.".to_string(), true)
        );
        assert_eq!(
            line("href=\"https://a.org/x\">https://a.org/x</a>", true),
            ("https://a.org/x".to_string(), false)
        );
        // A span broken inside its attribute, as out of a PDF.
        assert_eq!(
            line("do not support their <span style=\"small-", false),
            ("do not support their".to_string(), true)
        );
        assert_eq!(
            line("caps\">species status</span>, with notes", true),
            ("species status, with notes".to_string(), false)
        );
        assert_eq!(
            line("Smith, J. (2020). Title > x.", false),
            ("Smith, J. (2020). Title > x.".to_string(), false)
        );
        assert_eq!(line("a \\[b\\] <i>c</i>", false).0, "a \\[b\\] c");
    }

    #[test]
    fn block_lines() {
        for l in [
            "::: {#ref-g0000 .csl-entry}",
            ":::",
            "<div id=\"refs\" class=\"references csl-bib-body hanging-indent\"",
            "line-spacing=\"2\">",
            "</div>",
            "<div class=\"csl-entry\">",
            "<p></p>",
        ] {
            assert!(is_block_line(l), "{l}");
        }
        for l in [
            "Smith, J. (2020). Title.",
            "<https://doi.org/10.1/x>",
            "<i>Journal</i>, 12(3), 45–67.",
            "<li>Smith, J. (2020). Title.</li>",
            "a = \"b\" > c",
            "<a",
        ] {
            assert!(!is_block_line(l), "{l}");
        }
    }
}
