//! Two columns side by side, as `pdftotext -layout` copies a two-column
//! page: each line holds a line of the left column, a gap, and a line of
//! the right column. Such a page is read column by column: the left
//! halves of its lines, then the right halves (each keeps its line number).

use super::scan::FastTrim as _;

/// Most lines of a text laid out in columns have a gap of three spaces or
/// more between two pieces of text.
pub fn laid_out<'a>(lines: impl IntoIterator<Item = &'a str>) -> bool {
    // (A searcher built once: `str::contains` builds one per call.)
    static GAP: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("   "));
    let (mut text, mut gapped) = (0usize, 0usize);
    for l in lines {
        let t = l.fast_trim();
        if t.len() < 20 {
            continue;
        }
        text += 1;
        if GAP.find(t.as_bytes()).is_some() {
            gapped += 1;
        }
    }
    text >= 8 && gapped * 10 >= text * 4
}

/// A page's lines, read column by column when they stand in two columns;
/// unchanged otherwise.
pub fn by_column(page: Vec<(usize, String)>) -> Vec<(usize, String)> {
    let Some(x) = gutter(&page) else {
        return page;
    };
    let mut left = Vec::with_capacity(page.len());
    let mut right = Vec::with_capacity(page.len());
    for (n, l) in page {
        // A form feed starts the page's first line; it stays there.
        let body = l.trim_start_matches('\u{c}');
        // Char boundary: `body` is a suffix of `l`.
        let feed = &l[..l.len() - body.len()];
        // Char boundary: `x` counts chars, turned into a byte offset.
        match body.char_indices().nth(x) {
            Some((at, _)) => {
                let (a, b) = body.split_at(at);
                left.push((n, format!("{feed}{}", a.fast_trim_end())));
                if !b.fast_trim().is_empty() {
                    right.push((n, b.to_string()));
                }
            }
            None => left.push((n, l)),
        }
    }
    // The right column's lines indented as the left one's: less the
    // spaces they all start with.
    let common = right
        .iter()
        .map(|(_, l)| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    // Char boundary: `common` ASCII spaces start every right half.
    left.extend(right.into_iter().map(|(n, l)| (n, l[common..].to_string())));
    left
}

/// The column (in chars) of the gap between two columns: a run of spaces
/// that nearly every line has there (or ends before, or starts after),
/// and that many lines have between two pieces of text.
fn gutter(page: &[(usize, String)]) -> Option<usize> {
    let lines: Vec<Vec<bool>> = page
        .iter()
        .map(|(_, l)| {
            l.trim_start_matches('\u{c}')
                .chars()
                .map(|c| c == ' ')
                .collect()
        })
        .filter(|l: &Vec<bool>| l.iter().any(|s| !s))
        .collect();
    if lines.len() < 8 {
        return None;
    }
    let width = lines.iter().map(Vec::len).max().unwrap_or(0);
    // Where each line's text starts and ends.
    let ends: Vec<(usize, usize)> = lines
        .iter()
        .map(|l| {
            let first = l.iter().position(|s| !s).unwrap_or(0);
            let last = l.iter().rposition(|s| !s).unwrap_or(0);
            (first, last)
        })
        .collect();
    let mut best: Option<(usize, usize)> = None;
    for x in width / 4..width.saturating_mul(3) / 4 {
        let (mut between, mut across) = (0, 0);
        for (l, &(first, last)) in lines.iter().zip(&ends) {
            let space = |i: usize| l.get(i).is_none_or(|&s| s);
            if !(space(x) && space(x.saturating_sub(1))) {
                across += 1;
                continue;
            }
            if first < x && last >= x {
                between += 1;
            }
        }
        if across * 20 <= lines.len() && between * 10 >= lines.len() * 3 {
            // The gap closest to the right column's text: its first
            // column of spaces from the right.
            if best.is_none_or(|(_, b)| between >= b) {
                best = Some((x, between));
            }
        }
    }
    best.map(|(x, _)| x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(s: &str) -> Vec<(usize, String)> {
        s.lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.to_string()))
            .collect()
    }

    #[test]
    fn two_columns_read_one_after_the_other() {
        let s = "\
Aalders, S. (2017). The fifth line: Thoughts of a      Abbott, D. A., Zelle, R. M., & Pronk, J. T.
          painter. Koenig Books.                                (2009). Metabolic engineering of yeast.
Aaronson, S., & Christiano, P. (2013). Quantum                  FEMS Yeast Research, 9(8), 1123–1136.
          money from hidden subspaces. Theory of       Abraham, J. A. (1999). Position statement:
          Computing, 9, 349–401.                                Increasing test coverage. Proceedings,
Aaronson, T., & Galloway, K. (2015, Novem-                      1132–1132.
          ber 19). Manufacturing terror. The           Abramov, V. S. (1980). Reaktsiia Dil’sa-
          Intercept. https://theintercept.com/                  Al’dera pri deformatsii [Thesis].
Abbe, C. (n.d.). AccessScience.                        Abramowitz, M., & Stegun, I. A. (1964).
";
        let p = page(s);
        assert!(laid_out(p.iter().map(|(_, l)| l.as_str())));
        let out = by_column(p);
        let text: Vec<&str> = out.iter().map(|(_, l)| l.trim()).collect();
        assert_eq!(text[0], "Aalders, S. (2017). The fifth line: Thoughts of a");
        assert_eq!(text[8], "Abbe, C. (n.d.). AccessScience.");
        assert_eq!(text[9], "Abbott, D. A., Zelle, R. M., & Pronk, J. T.");
        assert_eq!(out[9].0, 1);
        assert_eq!(
            *text.last().unwrap(),
            "Abramowitz, M., & Stegun, I. A. (1964)."
        );
    }

    #[test]
    fn one_column_stays() {
        let s = "Smith, J. (2019). A title. Publisher.\n".repeat(12);
        let p = page(&s);
        assert!(!laid_out(p.iter().map(|(_, l)| l.as_str())));
        assert_eq!(by_column(p.clone()), p);
    }
}
