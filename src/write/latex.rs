//! Unicode to LaTeX for `.bib` output: escaping, accent macros, case
//! protection.
//!
//! Three jobs, used by the BibTeX/BibLaTeX writer:
//!
//! * **Escaping** ([`Encoder::text`]): `& % $ # _` get a backslash, `~ ^ \`
//!   become `\textasciitilde{}`, `\textasciicircum{}`, `\textbackslash{}`,
//!   and a literal brace becomes `\textbraceleft{}` / `\textbraceright{}`.
//!   Not `\{`: classic BibTeX and biber count every brace, backslash or
//!   not, so a lone `\{` unbalances the entry (and one unbalanced entry
//!   costs biber the whole bibliography), while readers that honour the
//!   backslash (Zotero, the `biblatex` crate) count the other way; the text
//!   commands hold no literal brace at all. `$` is written `\$`, never
//!   `\textdollar{}`, which biber turns back into a bare
//!   `$`. Control characters become spaces; typographic spaces become plain
//!   spaces, zero-width characters are dropped.
//! * **ASCII mode** (`--ascii`, for classic BibTeX, which is byte-based):
//!   non-ASCII letters become braced accent macros (`{\'a}`, `{\"u}`,
//!   `{\v s}`, `{\c c}`, `{\o}`, `{\ss}`, `{\'i}` – never `{\'\i}`, which
//!   breaks biber), found through a table of special letters and
//!   punctuation and, for everything else, Unicode canonical decomposition
//!   (NFD) into an ASCII base letter plus combining marks. Isolated Greek
//!   letters in titles become math (`{$\alpha$}`). A character with no macro
//!   (CJK, Cyrillic, Arabic, Greek words …) is transliterated with
//!   `deunicode` and reported, so the output never holds a raw non-ASCII
//!   byte.
//! * **Case protection** ([`protect_title`]): which words of a title keep
//!   their capitals when a style (apalike, biblatex-apa) lowercases the
//!   title. See that function.

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// Encodes text for a `.bib` field value (inside the outer braces).
#[derive(Clone, Copy, Debug)]
pub struct Encoder {
    /// Write non-ASCII characters as LaTeX macros (or transliterate them).
    pub ascii: bool,
    /// The output goes through biber, which decodes accent macros back to
    /// Unicode: only macros whose decoded character pdflatex can set (T1)
    /// are written plainly; stacked or rare accents get a form biber leaves
    /// alone, or are transliterated.
    pub biber: bool,
}

/// What [`Encoder::text`] could not write faithfully.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lost {
    /// Characters that had no LaTeX macro and were transliterated.
    pub chars: Vec<char>,
}

impl Lost {
    /// True when nothing was lost.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    fn add(&mut self, c: char) {
        if !self.chars.contains(&c) {
            self.chars.push(c);
        }
    }

    /// Adds what `other` lost, in its order.
    pub(crate) fn extend(&mut self, other: &Lost) {
        for &c in &other.chars {
            self.add(c);
        }
    }

    /// A short list of the characters for a diagnostic (`大, 学, …`).
    pub fn summary(&self) -> String {
        let mut s: Vec<String> = self.chars.iter().take(8).map(|c| c.to_string()).collect();
        if self.chars.len() > 8 {
            s.push("…".into());
        }
        s.join(" ")
    }
}

/// Where a piece of text goes: names cannot hold math (biber's initials
/// code breaks on it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Titles and other free text: isolated Greek letters may become math.
    Text,
    /// Name parts: no math.
    Name,
}

impl Encoder {
    /// Encodes `s` completely (escaping; macros in ASCII mode). Characters
    /// that could not be written are added to `lost`.
    pub fn text(&self, s: &str, ctx: Context, lost: &mut Lost) -> String {
        let mut out = String::with_capacity(s.len() + 8);
        self.text_into(&mut out, s, ctx, lost);
        out
    }

    /// [`Encoder::text`], appended to `out`.
    #[inline]
    pub fn text_into(&self, out: &mut String, s: &str, ctx: Context, lost: &mut Lost) {
        // A backtick or left quote in a name (an ayin as transliterated:
        // "Hs, ‘.", "`Abd"): TeX's left quote, which biber takes for an
        // accent in a name, breaking the initials ("familyi={`}"). It is
        // written as the apostrophe it means.
        // (In UTF-8 output a left quote stays what it is.)
        if !self.ascii {
            // Every character goes through `push_basic`; runs that it
            // would copy unchanged (in most values all of it: printable
            // ASCII without TeX specials, and letters of any script) are
            // copied whole. In a name a backtick ends a run, and is
            // written as an apostrophe.
            push_basic_str(out, s, ctx == Context::Name);
        } else if ctx == Context::Name
            && (memchr::memchr(b'`', s.as_bytes()).is_some() || s.contains('\u{2018}'))
        {
            let s = s.replace(['`', '\u{2018}'], "'");
            self.ascii_into(out, &s, ctx, lost);
        } else {
            self.ascii_into(out, s, ctx, lost);
        }
    }

    /// [`Encoder::text_into`] in ASCII mode.
    fn ascii_into(&self, out: &mut String, s: &str, ctx: Context, lost: &mut Lost) {
        if s.bytes().all(is_plain_byte) {
            // (A name's backticks are replaced by now.)
            push_basic_str(out, s, false);
            return;
        }
        // Letters written decomposed (a base letter and a combining accent)
        // are composed first: a lone accent has no macro. (The readers
        // compose what they read; this is for models built otherwise.)
        let chars: Vec<char> = if crate::apa::normalize::has_combining_mark(s) {
            s.nfc().collect()
        } else {
            s.chars().collect()
        };
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            if c.is_ascii() || !self.ascii || c == '\u{a0}' || c.is_control() {
                push_basic(out, c);
                i += 1;
                continue;
            }
            if let Some(m) = special_macro(c) {
                out.push_str(m);
                i += 1;
                continue;
            }
            if let Some(m) = accent_macro(c, self.biber) {
                out.push_str(&m);
                i += 1;
                continue;
            }
            if ctx == Context::Text {
                let prev_greek = i
                    .checked_sub(1)
                    .and_then(|p| chars.get(p))
                    .is_some_and(|&p| is_greek_letter(p));
                let next_greek = chars.get(i + 1).is_some_and(|&n| is_greek_letter(n));
                if !prev_greek
                    && !next_greek
                    && let Some(m) = greek_macro(c)
                {
                    out.push_str(m);
                    i += 1;
                    continue;
                }
            }
            if let Some(r) = space_like(c) {
                out.push_str(r);
                i += 1;
                continue;
            }
            // A run of characters without a macro: transliterate the run as
            // a whole (deunicode spaces CJK syllables itself).
            let start = i;
            while let Some(&c) = chars.get(i)
                && needs_fallback(c, self.biber)
            {
                lost.add(c);
                i += 1;
            }
            // In bounds: `start <= i <= chars.len()` by the loop above.
            let run: String = chars[start..i].iter().collect();
            let ascii = deunicode::deunicode_with_tofu(&run, "?");
            let mut ascii = collapse_spaces(&ascii);
            if ctx == Context::Name {
                // deunicode writes an ayin as "`" ("ע" -> "`"): as above.
                if ascii.contains('`') {
                    ascii = ascii.replace('`', "'");
                }
                // A lower-case word would read as a particle ("von").
                ascii = ascii
                    .split(' ')
                    .map(|w| {
                        let mut c = w.chars();
                        match c.next() {
                            Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                            None => String::new(),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            // Keep a word boundary where deunicode added one at the end
            // ("大学の" -> "Da Xue no") but never double spaces.
            for ch in ascii.chars() {
                push_basic(out, ch);
            }
            if ascii.ends_with(' ') && chars.get(i).is_none_or(|c| c.is_whitespace()) {
                out.pop();
            }
        }
    }
}

/// A non-ASCII character that has no macro (nor a plain-space stand-in).
fn needs_fallback(c: char, biber: bool) -> bool {
    !c.is_ascii()
        && !c.is_control()
        && c != '\u{a0}'
        && special_macro(c).is_none()
        && accent_macro(c, biber).is_none()
        && space_like(c).is_none()
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
        } else {
            out.push(c);
            prev_space = false;
        }
    }
    out
}

/// [`push_basic`] for each character of `s`, with the runs of characters
/// that it keeps as they are (printable ASCII but the TeX specials, and
/// the non-ASCII characters it does not replace) copied in one piece.
/// In a `name`, a backtick is written as an apostrophe (see
/// [`Encoder::text_into`]).
fn push_basic_str(out: &mut String, s: &str, name: bool) {
    let bytes = s.as_bytes();
    let table = if name { &NAME_RUN_BYTES } else { &RUN_BYTES };
    // `s[copied..i]` is to be copied as it is; `i` is a char boundary.
    let mut copied = 0;
    let mut i = 0;
    loop {
        i += plain_run(bytes.get(i..).unwrap_or_default(), table);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            let c = s.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
            if kept_as_is(c) {
                i += c.len_utf8();
                continue;
            }
            c
        };
        out.push_str(s.get(copied..i).unwrap_or_default());
        if c == '`' {
            // Only a name's table stops at a backtick.
            out.push('\'');
        } else {
            push_basic(out, c);
        }
        i += c.len_utf8();
        copied = i;
    }
    out.push_str(s.get(copied..).unwrap_or_default());
}

/// How many bytes `bytes` starts with that `table` marks: eight at a time
/// (their entries combined, one branch for the eight) while they all are,
/// since most text is one long run.
fn plain_run(bytes: &[u8], table: &[bool; 256]) -> usize {
    // In bounds: the table has an entry for every byte.
    let kept = |b: u8| table[usize::from(b)];
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        if !chunk.iter().fold(true, |all, &b| all & kept(b)) {
            break;
        }
        n += 8;
    }
    let tail = bytes.get(n..).unwrap_or_default();
    n + tail.iter().position(|&b| !kept(b)).unwrap_or(tail.len())
}

/// A non-ASCII character that [`push_basic`] writes as it is.
fn kept_as_is(c: char) -> bool {
    c != '\u{a0}' && !c.is_control() && space_like(c).is_none()
}

/// A byte that [`push_basic`] writes as it is when it stands for itself:
/// printable ASCII other than the TeX specials.
fn is_plain_byte(b: u8) -> bool {
    // In bounds: the table has an entry for every byte.
    PLAIN_BYTES[usize::from(b)]
}

/// [`is_plain_byte`] as a table (a byte-by-byte scan is the encoder's
/// inner loop).
const PLAIN_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x20;
    while b < 0x7f {
        // In bounds: `b` is below 0x7f.
        t[b as usize] = !matches!(
            b,
            b'\\' | b'{' | b'}' | b'&' | b'%' | b'$' | b'#' | b'_' | b'~' | b'^'
        );
        b += 1;
    }
    t
};

/// The bytes [`push_basic_str`] copies in a run: [`PLAIN_BYTES`], and the
/// UTF-8 of U+00C0 to U+07FF (lead bytes 0xC3 to 0xDF, continuation bytes),
/// Latin letters with accents, Greek, Cyrillic, Hebrew, Arabic, none of
/// which [`push_basic`] replaces (a test checks it). A run still ends at a
/// char boundary: every byte it stops at leads a character, and it never
/// starts inside one.
const RUN_BYTES: [bool; 256] = {
    let mut t = PLAIN_BYTES;
    let mut b = 0x80;
    while b <= 0xdf {
        // In bounds: `b` is below 0xe0.
        t[b] = b <= 0xbf || b >= 0xc3;
        b += 1;
    }
    t
};

/// [`RUN_BYTES`] but the backtick: what [`push_basic_str`] copies as it
/// is in a name.
const NAME_RUN_BYTES: [bool; 256] = {
    let mut t = RUN_BYTES;
    // In bounds: a byte indexes the 256 entries.
    t[b'`' as usize] = false;
    t
};

/// Bytes that [`verbatim`] writes as they are: printable ASCII but braces
/// and backslash.
const VERBATIM_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b: u8 = 0;
    while b < 0x80 {
        // In bounds: `b` is below 0x80.
        t[b as usize] = b.is_ascii_graphic() && !matches!(b, b'{' | b'}' | b'\\');
        b += 1;
    }
    t
};

/// Writes one character in either mode: escapes LaTeX specials, neutralises
/// control and invisible characters, keeps everything else as it is.
fn push_basic(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str(r"\textbackslash{}"),
        '{' => out.push_str(r"\textbraceleft{}"),
        '}' => out.push_str(r"\textbraceright{}"),
        '&' | '%' | '$' | '#' | '_' => {
            out.push('\\');
            out.push(c);
        }
        '~' => out.push_str(r"\textasciitilde{}"),
        '^' => out.push_str(r"\textasciicircum{}"),
        '\u{a0}' => out.push('~'),
        c if c.is_control() => {
            // Line breaks and tabs become spaces; other controls vanish.
            if matches!(c, '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' | '\u{85}') {
                out.push(' ');
            }
        }
        c => match space_like(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        },
    }
}

/// Typographic spaces and invisible characters, which pdflatex cannot
/// typeset: spaces become a plain space, zero-width characters nothing.
fn space_like(c: char) -> Option<&'static str> {
    match c {
        '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{1680}' => Some(" "),
        '\u{2028}' | '\u{2029}' => Some(" "),
        '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' => Some(""),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(""),
        // Variation selectors (emoji/text presentation): invisible.
        '\u{fe00}'..='\u{fe0f}' => Some(""),
        _ => None,
    }
}

/// Letters and symbols with their own macro (no decomposition).
fn special_macro(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => r"{\ss}",
        'æ' => r"{\ae}",
        'Æ' => r"{\AE}",
        'œ' => r"{\oe}",
        'Œ' => r"{\OE}",
        'ø' => r"{\o}",
        'Ø' => r"{\O}",
        'ł' => r"{\l}",
        'Ł' => r"{\L}",
        'å' => r"{\aa}",
        'Å' => r"{\AA}",
        'ı' => r"{\i}",
        'ȷ' => r"{\j}",
        'đ' => r"{\dj}",
        'Đ' => r"{\DJ}",
        'ð' => r"{\dh}",
        'Ð' => r"{\DH}",
        'þ' => r"{\th}",
        'Þ' => r"{\TH}",
        'ŋ' => r"{\ng}",
        'Ŋ' => r"{\NG}",
        '–' => "--",
        '—' | '―' => "---",
        '‐' | '‑' | '‒' | '−' | '⁃' => "-",
        '‘' | '‛' => "`",
        '’' | 'ʼ' | '′' => "'",
        '“' | '‟' => "``",
        '”' | '″' => "''",
        '‚' => r"{\quotesinglbase}",
        '„' => r"{\quotedblbase}",
        '«' => r"{\guillemotleft}",
        '»' => r"{\guillemotright}",
        '‹' => r"{\guilsinglleft}",
        '›' => r"{\guilsinglright}",
        '…' => r"{\ldots}",
        '•' => r"{\textbullet}",
        '†' => r"{\dag}",
        '‡' => r"{\ddag}",
        '§' => r"{\S}",
        '¶' => r"{\P}",
        '©' => r"{\textcopyright}",
        '®' => r"{\textregistered}",
        '™' => r"{\texttrademark}",
        '°' => r"{\textdegree}",
        '£' => r"{\pounds}",
        '€' => r"{\texteuro}",
        '¢' => r"{\textcent}",
        '¥' => r"{\textyen}",
        '±' => r"{\textpm}",
        '×' => r"{\texttimes}",
        '÷' => r"{\textdiv}",
        'µ' => r"{\textmu}",
        '·' => r"{\textperiodcentered}",
        '¿' => r"{\textquestiondown}",
        '¡' => r"{\textexclamdown}",
        '‰' => r"{\textperthousand}",
        '½' => r"{\textonehalf}",
        '¼' => r"{\textonequarter}",
        '¾' => r"{\textthreequarters}",
        '¹' => r"{\textonesuperior}",
        '²' => r"{\texttwosuperior}",
        '³' => r"{\textthreesuperior}",
        'ª' => r"{\textordfeminine}",
        'º' => r"{\textordmasculine}",
        '¬' => r"{\textlnot}",
        '⁄' => "/",
        '→' => r"{\textrightarrow}",
        '←' => r"{\textleftarrow}",
        '≤' => r"{$\leq$}",
        '≥' => r"{$\geq$}",
        '≈' => r"{$\approx$}",
        '≠' => r"{$\neq$}",
        '∞' => r"{$\infty$}",
        _ => return None,
    })
}

/// The macro of a combining mark: its name and whether the name is a
/// letter (then a space separates it from the argument: `\v s`).
fn mark_macro(m: char) -> Option<(&'static str, bool)> {
    Some(match m {
        '\u{300}' => ("`", false),
        '\u{301}' => ("'", false),
        '\u{302}' => ("^", false),
        '\u{303}' => ("~", false),
        '\u{304}' => ("=", false),
        '\u{306}' => ("u", true),
        '\u{307}' => (".", false),
        '\u{308}' => ("\"", false),
        '\u{30a}' => ("r", true),
        '\u{30b}' => ("H", true),
        '\u{30c}' => ("v", true),
        '\u{323}' => ("d", true),
        '\u{326}' => ("textcommabelow", true),
        '\u{327}' => ("c", true),
        '\u{328}' => ("k", true),
        '\u{331}' => ("b", true),
        _ => return None,
    })
}

/// Precomposed letters LaTeX's `utf8` input encoding can set in the T1
/// font encoding (from `t1enc.dfu`); biber decodes accent macros into
/// these, so only they may be written as plain macros for biber.
fn t1_letter(c: char) -> bool {
    matches!(c as u32,
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x125 | 0x128..=0x137 | 0x139..=0x13E
        | 0x141..=0x148 | 0x14A..=0x165 | 0x168..=0x17E | 0x1CD..=0x1D4 | 0x1E2..=0x1E3
        | 0x1E6..=0x1EB | 0x1F0 | 0x1F4..=0x1F5 | 0x218..=0x21B | 0x232..=0x233
        | 0x1E02 | 0x1E03 | 0x1E0D | 0x1E1E..=0x1E21 | 0x1E25 | 0x1E30 | 0x1E31 | 0x1E37
        | 0x1E43 | 0x1E45 | 0x1E47 | 0x1E5B | 0x1E63 | 0x1E6D | 0x1E8E..=0x1E91
        | 0x1EF2 | 0x1EF3)
}

/// An accented Latin letter as a braced macro, through NFD: `é` → `{\'e}`,
/// `š` → `{\v s}`, `ễ` → `{\~{\^e}}`. `None` when the base is not an
/// ASCII letter or a mark has no macro.
///
/// For biber (`biber`): biber decodes macros to Unicode and pdflatex then
/// needs a T1 glyph. Letters without one (Vietnamese, stacked accents) are
/// written with the argument in double braces (`{\~{{\^{{e}}}}}`), which
/// biber leaves alone, when every accent is a symbol macro; with a letter
/// macro (`\d`, `\v` …) biber decodes even that, so such a letter has no
/// safe macro (`None`). `İ`, which biber decomposes, gets the braced form.
fn accent_macro(c: char, biber: bool) -> Option<String> {
    let mut parts = std::iter::once(c).nfd();
    let base = parts.next()?;
    if !base.is_ascii_alphabetic() {
        return None;
    }
    let marks: Vec<(&'static str, bool)> = parts.map(mark_macro).collect::<Option<_>>()?;
    if marks.is_empty() {
        return None;
    }
    let plain = !biber || (t1_letter(c) && marks.len() == 1 && c != 'İ');
    if !plain && marks.iter().any(|(_, letter)| *letter) {
        return None;
    }
    let mut inner = base.to_string();
    for (n, (name, letter)) in marks.iter().enumerate() {
        inner = if !plain {
            format!("\\{name}{{{{{inner}}}}}")
        } else if n > 0 {
            format!("\\{name}{{{inner}}}")
        } else if *letter {
            format!("\\{name} {inner}")
        } else {
            format!("\\{name}{inner}")
        };
    }
    Some(format!("{{{inner}}}"))
}

fn is_greek_letter(c: char) -> bool {
    matches!(c, '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}') && c.is_alphabetic()
}

/// Isolated Greek letters (α-amyloid, TNF-α, Δ) as math.
fn greek_macro(c: char) -> Option<&'static str> {
    Some(match c {
        'α' => r"{$\alpha$}",
        'β' => r"{$\beta$}",
        'γ' => r"{$\gamma$}",
        'δ' => r"{$\delta$}",
        'ε' => r"{$\epsilon$}",
        'ζ' => r"{$\zeta$}",
        'η' => r"{$\eta$}",
        'θ' => r"{$\theta$}",
        'ι' => r"{$\iota$}",
        'κ' => r"{$\kappa$}",
        'λ' => r"{$\lambda$}",
        'μ' => r"{$\mu$}",
        'ν' => r"{$\nu$}",
        'ξ' => r"{$\xi$}",
        'ο' => "o",
        'π' => r"{$\pi$}",
        'ρ' => r"{$\rho$}",
        'σ' => r"{$\sigma$}",
        'ς' => r"{$\varsigma$}",
        'τ' => r"{$\tau$}",
        'υ' => r"{$\upsilon$}",
        'φ' => r"{$\phi$}",
        'χ' => r"{$\chi$}",
        'ψ' => r"{$\psi$}",
        'ω' => r"{$\omega$}",
        'Γ' => r"{$\Gamma$}",
        'Δ' => r"{$\Delta$}",
        'Θ' => r"{$\Theta$}",
        'Λ' => r"{$\Lambda$}",
        'Ξ' => r"{$\Xi$}",
        'Π' => r"{$\Pi$}",
        'Σ' => r"{$\Sigma$}",
        'Υ' => r"{$\Upsilon$}",
        'Φ' => r"{$\Phi$}",
        'Ψ' => r"{$\Psi$}",
        'Ω' => r"{$\Omega$}",
        _ => return None,
    })
}

/// A verbatim field (`url`, `doi`): written as it is, except that what no
/// reader can take raw is percent-encoded (braces, backslash, whitespace,
/// control and non-ASCII characters), which leaves the URL/DOI meaning
/// unchanged (RFC 3987 maps an IRI to a URI the same way).
pub fn verbatim(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    verbatim_into(&mut out, s);
    out
}

/// [`verbatim`], appended to `out`.
pub fn verbatim_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut rest = super::trim(s);
    while !rest.is_empty() {
        // Printable ASCII but braces and backslash is written as it is.
        let run = verbatim_run(rest.as_bytes());
        // Char boundary: `run` ends a run of ASCII bytes, and `c` is the
        // whole character after it.
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            c if c.is_whitespace() || c.is_control() || !c.is_ascii() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    // In bounds: a nibble is below 16.
                    out.push('%');
                    out.push(char::from(HEX[usize::from(b >> 4)]));
                    out.push(char::from(HEX[usize::from(b & 0xf)]));
                }
            }
            c => out.push(c),
        }
    }
}

/// How many bytes `bytes` starts with that [`verbatim`] writes as they
/// are (links are long: see [`plain_run`]).
fn verbatim_run(bytes: &[u8]) -> usize {
    plain_run(bytes, &VERBATIM_BYTES)
}

/// True when the braces of `s` balance when counted the way BibTeX and
/// biber count them (every `{` and `}`, backslash or not).
pub fn braces_balanced(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut depth: i64 = 0;
    let mut step = |b: u8| {
        match b {
            b'{' => depth += 1,
            b'}' => depth -= 1,
            _ => {}
        }
        depth >= 0
    };
    // Braces are ASCII: no byte of another character's UTF-8 is one.
    // Short values (years, volumes, pages) are quicker to look through
    // here; in longer ones memchr jumps from brace to brace.
    let closed_early = if bytes.len() < 16 {
        !bytes.iter().all(|&b| step(b))
    } else {
        !memchr::memchr2_iter(b'{', b'}', bytes).all(|i| bytes.get(i).is_none_or(|&b| step(b)))
    };
    !closed_early && depth == 0
}

/// Words that Title Case leaves in lower case; they say nothing about the
/// casing convention of a title. ([`is_small_word`] knows them by heart.)
#[cfg(test)]
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
    "off", "on", "per", "to", "up", "via", "vs", "vs.", "with", "from", "into", "onto", "over",
    "than", "upon",
];

/// A word of [`SMALL_WORDS`], in any ASCII case: one comparison per
/// small word of the same length.
fn is_small_word(w: &str) -> bool {
    // No small word is longer than four bytes.
    let mut lower = [0u8; 4];
    let Some(low) = lower.get_mut(..w.len()) else {
        return false;
    };
    for (l, b) in low.iter_mut().zip(w.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &*low,
        b"a" | b"an"
            | b"the"
            | b"and"
            | b"but"
            | b"or"
            | b"nor"
            | b"for"
            | b"so"
            | b"yet"
            | b"as"
            | b"at"
            | b"by"
            | b"in"
            | b"of"
            | b"off"
            | b"on"
            | b"per"
            | b"to"
            | b"up"
            | b"via"
            | b"vs"
            | b"vs."
            | b"with"
            | b"from"
            | b"into"
            | b"onto"
            | b"over"
            | b"than"
            | b"upon"
    )
}

/// One whitespace-separated word of a title.
#[derive(Debug)]
struct Word {
    /// The whole word (byte range in the title).
    all: Range<usize>,
    /// The word without leading/trailing punctuation.
    core: Range<usize>,
    /// The word ends with a colon.
    colon: bool,
    /// The core starts with an upper-case letter.
    starts_upper: bool,
    /// Upper case letters inside the core (see [`words`]): without and
    /// with counting a capital that starts a later hyphen/slash segment.
    inner: (bool, bool),
    /// To be protected (set by [`protect_title_into`]).
    protect: bool,
}

/// What [`protect_title_into`] keeps from one title to the next: its
/// buffers, and the answer for the last title.
#[derive(Debug, Default)]
pub struct TitleScratch {
    words: Vec<Word>,
    ranges: Vec<Range<usize>>,
}

/// How [`words`] reads a character: whitespace, an upper or a lower case
/// letter, another letter or digit, anything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Space,
    Upper,
    Lower,
    Alnum,
    Other,
}

/// [`Class`] of each ASCII byte (the same answers as [`char_class`]).
const ASCII_CLASS: [Class; 128] = {
    let mut t = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        // In bounds: `b` is below 128.
        t[b] = if matches!(c, b'\t'..=b'\r' | b' ') {
            Class::Space
        } else if c.is_ascii_uppercase() {
            Class::Upper
        } else if c.is_ascii_lowercase() {
            Class::Lower
        } else if c.is_ascii_digit() {
            Class::Alnum
        } else {
            Class::Other
        };
        b += 1;
    }
    t
};

/// [`Class`] of any character.
fn char_class(c: char) -> Class {
    match c {
        // The letters of Latin-1 and basic Cyrillic, frequent in titles,
        // whose case lookups are slow (a test checks these answers against
        // [`unicode_class`]): `×` and `÷` are symbols.
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' | '\u{400}'..='\u{42f}' => Class::Upper,
        '\u{df}'..='\u{f6}' | '\u{f8}'..='\u{ff}' | '\u{430}'..='\u{45f}' => Class::Lower,
        // General Punctuation (quotes, dashes): spaces, and no letter or
        // digit.
        '\u{2000}'..='\u{206f}' if c.is_whitespace() => Class::Space,
        '\u{2000}'..='\u{206f}' => Class::Other,
        _ => unicode_class(c),
    }
}

/// [`Class`] of any character, from its Unicode properties.
fn unicode_class(c: char) -> Class {
    if is_caseless_letter(c) {
        // Letters without case, frequent in titles, whose Alphabetic
        // lookup is slow.
        Class::Alnum
    } else if c.is_whitespace() {
        Class::Space
    } else if c.is_uppercase() {
        Class::Upper
    } else if c.is_lowercase() {
        Class::Lower
    } else if is_alphanumeric(c) {
        // Upper and lower case letters are alphabetic (Unicode derives
        // Alphabetic from them): the slower lookup only for the rest.
        Class::Alnum
    } else {
        Class::Other
    }
}

/// [`words`]' reading of the non-ASCII character at `i` in `title`.
#[inline(never)]
fn wide_char(title: &str, i: usize) -> (Class, usize, bool) {
    let c = title.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
    (char_class(c), c.len_utf8(), matches!(c, '‐' | '–'))
}

/// The words of a title (into `out`), with the number of upper and of
/// lower case characters in it: one pass over the characters, byte by
/// byte where they are ASCII, a run of lower-case ASCII letters at a
/// time.
///
/// A word's `inner` capitals are upper case letters inside its core:
/// `iPhone`, `NMDA`, `COVID-19`, `McDonald`, `3D`. Two answers: without
/// and with counting a capital that starts a later segment between `-`,
/// `/`, `‐`, `–` (`Merriam-Webster`, `Self-Esteem`), which marks a proper
/// noun in sentence case but not in Title Case.
// Out of line: inlined into the writer's big render function, its loop
// kept its state on the stack.
#[inline(never)]
fn words(title: &str, out: &mut Vec<Word>) -> (usize, usize) {
    out.clear();
    let bytes = title.as_bytes();
    let (mut upper, mut lower) = (0, 0);
    // The character at `i` (a char boundary: `i` only ever moves by whole
    // characters) that starts with `b`: its class, its length, whether it
    // separates segments.
    let at = |i: usize, b: u8| match ASCII_CLASS.get(usize::from(b)) {
        Some(&class) => (class, 1, b == b'-' || b == b'/'),
        None => wide_char(title, i),
    };
    let mut i = 0;
    'words: loop {
        // Between words.
        let start = loop {
            let Some(&b) = bytes.get(i) else {
                break 'words;
            };
            if b == b' ' {
                i += 1;
                continue;
            }
            let (class, len, _) = at(i, b);
            if class != Class::Space {
                break i;
            }
            i += len;
        };
        // In a word: its core (from its first to the end of its last
        // alphanumeric character), whether it has an upper-case
        // character, whether its last character is a colon, and in the
        // core whether a segment starts here and whether this is a later
        // segment.
        let mut core = start..start;
        let mut word_upper = false;
        let mut starts_upper = false;
        let mut colon = false;
        let (mut segment_start, mut later_segment) = (true, false);
        let (mut inner, mut with_segments) = (false, false);
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_lowercase() {
                // A run of lower-case letters.
                let run = lower_run(bytes.get(i..).unwrap_or_default());
                lower += run;
                if core.is_empty() {
                    core.start = i;
                }
                i += run;
                core.end = i;
                segment_start = false;
                colon = false;
                continue;
            }
            if b == b' ' {
                break;
            }
            let (class, len, separator) = at(i, b);
            match class {
                Class::Space => break,
                Class::Other => {
                    if !core.is_empty() {
                        later_segment |= separator;
                        segment_start = separator;
                    }
                }
                _ => {
                    let is_upper = class == Class::Upper;
                    if core.is_empty() {
                        core.start = i;
                        starts_upper = is_upper;
                    }
                    if is_upper {
                        upper += 1;
                        word_upper = true;
                        inner |= !segment_start;
                        with_segments |= later_segment;
                    } else if class == Class::Lower {
                        lower += 1;
                    }
                    segment_start = false;
                    core.end = i + len;
                }
            }
            colon = b == b':';
            i += len;
        }
        out.push(Word {
            all: start..i,
            core,
            colon,
            starts_upper: word_upper && starts_upper,
            inner: (inner, inner || with_segments),
            protect: false,
        });
    }
    (upper, lower)
}

/// How many lower-case ASCII letters `bytes` starts with: eight bytes at a
/// time, tested together as one `u64` (most words of a title are such a
/// run, and a byte-by-byte scan was the inner loop of [`words`]).
fn lower_run(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // The high bit of each byte of `low` is set when that byte is at
        // least `a` and at most `z`, and ASCII. (Without their high bits
        // the bytes are at most 0x7f: adding at most 0x1f carries into no
        // other byte.)
        let x = w & !HIGH;
        let at_least_a = x + ONES * u64::from(0x80 - b'a');
        let above_z = x + ONES * u64::from(0x80 - b'z' - 1);
        let low = at_least_a & !above_z & !w & HIGH;
        if low != HIGH {
            // Little-endian: the first byte that is not one is the lowest
            // clear high bit.
            return n + ((!low & HIGH).trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    let tail = bytes.get(n..).unwrap_or_default();
    n + tail
        .iter()
        .position(|b| !b.is_ascii_lowercase())
        .unwrap_or(tail.len())
}

/// True when a character of `title` after its first is upper case, as
/// [`words`] reads it: ASCII without capitals eight bytes at a time.
fn capital_after_first(title: &str) -> bool {
    use crate::swar::{any_high, any_in};
    let mut chars = title.chars();
    chars.next();
    let rest = chars.as_str();
    let Some(at) = crate::swar::position(
        rest.as_bytes(),
        |w| any_high(w) || any_in(w, b'A', b'Z'),
        |b| !b.is_ascii() || b.is_ascii_uppercase(),
    ) else {
        return false;
    };
    rest.get(at..).unwrap_or_default().chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_uppercase()
        } else {
            char_class(c) == Class::Upper
        }
    })
}

/// Hebrew and Arabic letters, hiragana, katakana, CJK unified ideographs
/// and Hangul syllables: every character of these ranges is alphabetic
/// and has no case (a test checks it).
fn is_caseless_letter(c: char) -> bool {
    matches!(
        c,
        '\u{5d0}'..='\u{5ea}'
            | '\u{620}'..='\u{64a}'
            | '\u{3041}'..='\u{3096}'
            | '\u{30a1}'..='\u{30fa}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{ac00}'..='\u{d7a3}'
    )
}

/// `char::is_alphanumeric`, without looking up the Unicode tables for
/// the punctuation titles are full of (quotes, dashes: the General
/// Punctuation block holds no letter or digit).
fn is_alphanumeric(c: char) -> bool {
    !matches!(c, '\u{2000}'..='\u{206f}') && c.is_alphanumeric()
}

/// Byte ranges of `title` to wrap in braces so that the capitals survive a
/// style's sentence-casing.
///
/// APA titles are in sentence case, so a capital letter after the first
/// word is evidence of a proper noun or acronym. Protected are:
///
/// * words with an upper-case letter after their first character, per
///   hyphen segment (`NMDA`, `COVID-19`, `iPhone`, `McDonald`, `3D`);
/// * in a sentence-case title, capitalised words after the first word,
///   except the first word after a colon (both apalike and biblatex-apa
///   keep that one): `New Zealand`, `Bayesian`, `I`. A capital after `?`,
///   `!` or an em dash *is* protected, since the styles would lower it;
/// * the ranges in `Reference::title_protected`.
///
/// A title whose content words (not `of`, `and` …) after the first are all
/// capitalised, at least three of them, is taken to be in Title Case: its
/// capitals are no evidence, so only inner capitals are protected. A title
/// in capitals throughout is left to the style entirely. Adjacent protected
/// words are merged (`{New Zealand}`); punctuation around a word stays
/// outside the braces; the whole title is never braced as one.
pub fn protect_title(title: &str, protected: &[(usize, usize)]) -> Vec<Range<usize>> {
    let mut scratch = TitleScratch::default();
    protect_title_into(title, protected, &mut scratch);
    scratch.ranges
}

/// [`protect_title`], with buffers kept in `scratch` (where the answer
/// stays until the next call).
pub fn protect_title_into<'s>(
    title: &str,
    protected: &[(usize, usize)],
    scratch: &'s mut TitleScratch,
) -> &'s [Range<usize>] {
    // Mostly a title in sentence case without proper nouns: no capital but
    // its first character, which no rule of [`protect_words`] protects (in
    // the first word, at the start of its core). Then the words need not
    // be found.
    if protected.is_empty() && !capital_after_first(title) {
        scratch.ranges.clear();
        return &scratch.ranges;
    }
    protect_words(title, protected, scratch)
}

/// [`protect_title_into`], from the words of the title.
fn protect_words<'s>(
    title: &str,
    protected: &[(usize, usize)],
    scratch: &'s mut TitleScratch,
) -> &'s [Range<usize>] {
    let TitleScratch {
        words: ws,
        ranges: out,
    } = scratch;
    out.clear();
    let (upper, lower) = words(title, ws);
    if ws.is_empty() || (upper == 0 && protected.is_empty()) {
        return out;
    }
    // Char boundary: the words' ranges are (see `words`).
    let core = |w: &Word| &title[w.core.clone()];
    // (A word is after a colon when the word before it ends in ':'.)
    let shouting = upper >= 6 && lower * 5 < upper;

    // Title Case: at least three content words after the first, all
    // capitalised.
    let mut content = 0;
    let mut title_case = true;
    for (before, w) in ws.iter().zip(ws.iter().skip(1)) {
        // The cheap tests first.
        if w.inner.0 || before.colon {
            continue;
        }
        let c = core(w);
        let alphabetic = match c.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_alphabetic(),
            _ => c.chars().next().is_some_and(char::is_alphabetic),
        };
        // No small word is longer than four bytes.
        if !alphabetic || is_small_word(c) {
            continue;
        }
        if !w.starts_upper {
            title_case = false;
            break;
        }
        content += 1;
    }
    let title_case = title_case && content >= 3;

    let in_ranges = |w: &Word| {
        protected
            .iter()
            .any(|&(a, b)| a < b && a < w.all.end && w.all.start < b)
    };
    let mut after_colon = false;
    for (i, w) in ws.iter_mut().enumerate() {
        let inner = if title_case { w.inner.0 } else { w.inner.1 };
        w.protect = !w.core.is_empty()
            && (in_ranges(w)
                || (!shouting
                    && (inner || (!title_case && i > 0 && !after_colon && w.starts_upper))));
        after_colon = w.colon;
    }

    // Merge runs of protected words joined by plain whitespace.
    // In bounds: `i < ws.len()` and `i + 1 < ws.len()` by the loop
    // conditions.
    let mut i = 0;
    while i < ws.len() {
        if !ws[i].protect {
            i += 1;
            continue;
        }
        let start = ws[i].core.start;
        let mut end = ws[i].core.end;
        while i + 1 < ws.len()
            && ws[i + 1].protect
            && ws[i].core.end == ws[i].all.end
            && ws[i + 1].core.start == ws[i + 1].all.start
        {
            i += 1;
            end = ws[i].core.end;
        }
        out.push(start..end);
        i += 1;
    }
    // Never brace the whole title as one group.
    if let [whole] = out.as_slice()
        && whole.start == 0
        && whole.end >= title.trim_end().len()
    {
        let whole = whole.clone();
        out.clear();
        // Fall back to bracing word by word.
        for w in ws.iter() {
            if w.protect && w.core.start >= whole.start && w.core.end <= whole.end {
                out.push(w.core.clone());
            }
        }
        if out.len() == 1 {
            out.clear();
        }
    }
    out
}

/// Encodes a title with its protected ranges in braces.
pub fn encode_protected(
    enc: &Encoder,
    title: &str,
    protect: &[Range<usize>],
    lost: &mut Lost,
) -> String {
    let mut out = String::with_capacity(title.len() + 16);
    encode_protected_into(&mut out, enc, title, protect, lost);
    out
}

/// [`encode_protected`], appended to `out`.
pub fn encode_protected_into(
    out: &mut String,
    enc: &Encoder,
    title: &str,
    protect: &[Range<usize>],
    lost: &mut Lost,
) {
    let mut pos = 0;
    for r in protect {
        // Ranges out of order, past the end or off a char boundary are skipped.
        let (Some(before), Some(inner)) = (title.get(pos..r.start), title.get(r.clone())) else {
            continue;
        };
        enc.text_into(out, before, Context::Text, lost);
        out.push('{');
        enc.text_into(out, inner, Context::Text, lost);
        out.push('}');
        pos = r.end;
    }
    let rest = title.get(pos..).unwrap_or_default();
    enc.text_into(out, rest, Context::Text, lost);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ascii(s: &str) -> String {
        Encoder {
            ascii: true,
            biber: false,
        }
        .text(s, Context::Text, &mut Lost::default())
    }

    fn utf8(s: &str) -> String {
        Encoder {
            ascii: false,
            biber: false,
        }
        .text(s, Context::Text, &mut Lost::default())
    }

    fn braced(title: &str) -> String {
        let r = protect_title(title, &[]);
        encode_protected(
            &Encoder {
                ascii: false,
                biber: false,
            },
            title,
            &r,
            &mut Lost::default(),
        )
    }

    #[test]
    fn specials_are_escaped() {
        assert_eq!(utf8("A & B 100% $5 #1 a_b"), r"A \& B 100\% \$5 \#1 a\_b");
        assert_eq!(
            utf8(r"~ ^ \"),
            r"\textasciitilde{} \textasciicircum{} \textbackslash{}"
        );
        assert_eq!(utf8("{x}"), r"\textbraceleft{}x\textbraceright{}");
        assert!(braces_balanced(&utf8("}}{ {{ }")));
        assert_eq!(utf8("a\nb\tc\u{7}d"), "a b cd");
    }

    #[test]
    fn utf8_mode_keeps_letters() {
        assert_eq!(utf8("Gálvez – Ørsted 大学"), "Gálvez – Ørsted 大学");
        assert_eq!(utf8("a\u{202f}b\u{200b}c\u{a0}d"), "a bc~d");
    }

    #[test]
    fn accents_become_braced_macros() {
        assert_eq!(ascii("Gálvez"), r"G{\'a}lvez");
        assert_eq!(ascii("Müller"), r#"M{\"u}ller"#);
        assert_eq!(ascii("García"), r"Garc{\'i}a");
        assert_eq!(ascii("Ørsted"), r"{\O}rsted");
        assert_eq!(ascii("ç Ç"), r"{\c c} {\c C}");
        assert_eq!(ascii("šŠ"), r"{\v s}{\v S}");
        assert_eq!(ascii("ğ ő ą ā ż"), r"{\u g} {\H o} {\k a} {\=a} {\.z}");
        assert_eq!(
            ascii("ß æ œ å Å ł Ł"),
            r"{\ss} {\ae} {\oe} {\aa} {\AA} {\l} {\L}"
        );
        assert_eq!(ascii("è ê ñ ã"), r"{\`e} {\^e} {\~n} {\~a}");
        assert_eq!(ascii("ș"), r"{\textcommabelow s}");
        assert_eq!(ascii("ễ"), r"{\~{\^e}}");
        assert!(
            !ascii("í").contains(r"\i"),
            "never dotless i with an accent"
        );
    }

    #[test]
    fn biber_gets_only_macros_it_decodes_to_t1_letters() {
        let b = |s: &str| {
            let mut lost = Lost::default();
            let out = Encoder {
                ascii: true,
                biber: true,
            }
            .text(s, Context::Text, &mut lost);
            (out, lost.chars)
        };
        assert_eq!(b("é š"), (r"{\'e} {\v s}".to_string(), vec![]));
        assert_eq!(b("ễ"), (r"{\~{{\^{{e}}}}}".to_string(), vec![]));
        assert_eq!(b("İ"), (r"{\.{{I}}}".to_string(), vec![]));
        assert_eq!(b("ị"), ("i".to_string(), vec!['ị']));
    }

    #[test]
    fn punctuation_in_ascii() {
        assert_eq!(ascii("1–2 a—b ‘x’ “y”"), "1--2 a---b `x' ``y''");
        assert_eq!(ascii("…"), r"{\ldots}");
    }

    #[test]
    fn no_macro_means_transliteration_and_report() {
        let mut lost = Lost::default();
        let out = Encoder {
            ascii: true,
            biber: false,
        }
        .text("大学 study", Context::Text, &mut lost);
        assert!(out.is_ascii(), "{out}");
        assert!(out.starts_with("Da Xue"), "{out}");
        assert_eq!(lost.chars, vec!['大', '学']);
        let mut lost = Lost::default();
        let out = Encoder {
            ascii: true,
            biber: false,
        }
        .text("Психология", Context::Name, &mut lost);
        assert_eq!(out, "Psikhologiia");
        assert_eq!(lost.chars.len(), 8);
        // An ayin alone in a name: an apostrophe, not biber's accent "`".
        let out = Encoder {
            ascii: true,
            biber: true,
        }
        .text("ע", Context::Name, &mut lost);
        assert_eq!(out, "'");
        for ascii in [false, true] {
            let out = Encoder { ascii, biber: true }.text("`Abd", Context::Name, &mut lost);
            assert_eq!(out, "'Abd");
            let out = Encoder { ascii, biber: true }.text("\u{2018}Abd", Context::Name, &mut lost);
            assert_eq!(out, if ascii { "'Abd" } else { "\u{2018}Abd" });
        }
    }

    #[test]
    fn isolated_greek_is_math_greek_words_are_not() {
        assert_eq!(
            ascii("TNF-α and β-amyloid"),
            r"TNF-{$\alpha$} and {$\beta$}-amyloid"
        );
        let mut lost = Lost::default();
        let out = Encoder {
            ascii: true,
            biber: false,
        }
        .text("Ψυχή", Context::Text, &mut lost);
        assert!(out.is_ascii() && !out.contains('$'), "{out}");
        assert!(!lost.is_empty());
        let mut lost = Lost::default();
        let out = Encoder {
            ascii: true,
            biber: false,
        }
        .text("α", Context::Name, &mut lost);
        assert_eq!(out, "A", "no math in names; transliterations capitalised");
    }

    #[test]
    fn verbatim_keeps_urls_raw() {
        assert_eq!(
            verbatim("https://x.org/a_b%20c#d~e"),
            "https://x.org/a_b%20c#d~e"
        );
        assert_eq!(verbatim("https://x.org/{a} b"), "https://x.org/%7Ba%7D%20b");
    }

    #[test]
    fn kept_characters_are_pushed_as_they_are() {
        for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
            let mut one = String::new();
            push_basic(&mut one, c);
            assert_eq!(kept_as_is(c), one == c.to_string(), "{c:?}");
        }
    }

    #[test]
    fn small_words_in_any_case() {
        let old = |c: &str| c.len() <= 4 && SMALL_WORDS.iter().any(|s| s.eq_ignore_ascii_case(c));
        let mut words: Vec<String> = SMALL_WORDS.iter().map(|w| w.to_string()).collect();
        words.extend(SMALL_WORDS.iter().map(|w| w.to_uppercase()));
        words.extend(SMALL_WORDS.iter().map(|w| format!("{w}x")));
        words.extend(SMALL_WORDS.iter().map(|w| w[1..].to_string()));
        words
            .extend(["", "The", "tHe", "é", "aé", "Ände", "withs", "upon.", "x"].map(String::from));
        for w in words {
            assert_eq!(is_small_word(&w), old(&w), "{w:?}");
        }
    }

    #[test]
    fn two_byte_characters_in_runs_are_kept_as_they_are() {
        for c in '\u{c0}'..='\u{7ff}' {
            assert!(kept_as_is(c), "{c:?}");
            let mut one = String::new();
            push_basic_str(&mut one, &c.to_string(), false);
            assert_eq!(one, c.to_string());
        }
        // Every character whose UTF-8 a run takes (lead byte marked) is
        // one of those, or ASCII that `push_basic` keeps.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            if RUN_BYTES[usize::from(lead)] {
                let mut one = String::new();
                push_basic(&mut one, c);
                assert_eq!(one, c.to_string(), "{c:?}");
            }
        }
        // Mixed text: the same as character by character.
        for s in [
            "Ärztliche Überweisung",
            "Ωmega ß `x` {}",
            "a\u{a0}b\u{ad}c–d’e",
            "Љ\u{85}é\u{2009}x",
        ] {
            for name in [false, true] {
                let mut runs = String::new();
                push_basic_str(&mut runs, s, name);
                let mut each = String::new();
                for c in s.chars() {
                    if name && c == '`' {
                        each.push('\'');
                    } else {
                        push_basic(&mut each, c);
                    }
                }
                assert_eq!(runs, each, "{s:?}");
            }
        }
    }

    #[test]
    fn lower_runs_end_at_the_first_other_byte() {
        let old = |b: &[u8]| {
            b.iter()
                .position(|b| !b.is_ascii_lowercase())
                .unwrap_or(b.len())
        };
        let text = b"abcdefghijklmnopqrstuvwxyzabcdef";
        for len in 0..text.len() {
            assert_eq!(lower_run(&text[..len]), len);
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut t = text[..len].to_vec();
                    t[at] = b;
                    assert_eq!(lower_run(&t), old(&t), "{len} {at} {b}");
                }
            }
        }
    }

    #[test]
    fn verbatim_runs_end_at_the_first_other_byte() {
        let text = b"https://doi.org/10.1000/abcdefghijklmnopqrstuvwxyz";
        for len in 0..text.len() {
            assert_eq!(verbatim_run(&text[..len]), len);
            for at in 0..len {
                for b in [b'{', b'}', b'\\', b' ', 0x80, 0x0a, 0x7f] {
                    let mut t = text[..len].to_vec();
                    t[at] = b;
                    assert_eq!(verbatim_run(&t), at, "{len} {at} {b}");
                }
            }
        }
    }

    #[test]
    fn general_punctuation_has_no_letters_or_digits() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn caseless_letters_are_caseless_alphabetic() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if is_caseless_letter(c) {
                assert!(c.is_alphabetic(), "{c:?}");
                assert!(!c.is_uppercase() && !c.is_lowercase(), "{c:?}");
                assert!(!c.is_whitespace(), "{c:?}");
            }
        }
    }

    // The capitals of a word as `words` found them before it kept
    // track of them itself.
    /// Upper case letters inside a word: `iPhone`, `NMDA`, `COVID-19`,
    /// `McDonald`, `3D`. Two answers: without and with counting a capital
    /// that starts a later hyphen/slash segment (`Merriam-Webster`,
    /// `Self-Esteem`), which marks a proper noun in sentence case but not in
    /// Title Case.
    fn inner_capitals(core: &str) -> (bool, bool) {
        // One pass over the segments between `-`, `/`, `‐`, `–`: the first
        // character of a segment counts only after the first segment, and
        // only for the second answer.
        let mut later_segment = false;
        let mut segment_start = true;
        let mut with_segments = false;
        let mut step = |separator: bool, upper: bool| {
            if separator {
                later_segment = true;
                segment_start = true;
                return false;
            }
            let inner = upper && !segment_start;
            with_segments |= upper && later_segment;
            segment_start = false;
            inner
        };
        let inner = if core.is_ascii() {
            // The same over bytes (the other separators are not ASCII).
            core.bytes()
                .any(|b| step(matches!(b, b'-' | b'/'), b.is_ascii_uppercase()))
        } else {
            core.chars()
                .any(|c| step(matches!(c, '-' | '/' | '‐' | '–'), c.is_uppercase()))
        };
        (inner, inner || with_segments)
    }

    fn starts_upper(core: &str) -> bool {
        core.chars().next().is_some_and(char::is_uppercase)
    }

    #[test]
    fn words_find_the_capitals_each_word_has() {
        let titles = [
            "The iPhone effect on IQ in the USA: A study of Apple users",
            "NMDA receptors and COVID-19 in New Zealand",
            "Merriam-Webster.com dictionary; Self-Esteem and X/Y‐Zeta–Omega",
            "-Abc (Def) \u{201c}McDonald\u{201d}’s 3D a-B-c ÉCOLE Éa aÉ 大学 Ψυχή ǅx",
            "  lead  and\ttrail \u{a0}x\u{2003}Y  ",
            "",
        ];
        let mut ws = Vec::new();
        for t in titles {
            let (upper, lower) = words(t, &mut ws);
            assert_eq!(upper, t.chars().filter(|c| c.is_uppercase()).count(), "{t}");
            assert_eq!(lower, t.chars().filter(|c| c.is_lowercase()).count(), "{t}");
            let split: Vec<&str> = t.split_whitespace().collect();
            assert_eq!(ws.len(), split.len(), "{t}");
            for (w, s) in ws.iter().zip(split) {
                assert_eq!(&t[w.all.clone()], s);
                let core = s.trim_matches(|c: char| !is_alphanumeric(c));
                assert_eq!(&t[w.core.clone()], core, "{t}");
                let upper = core.chars().any(char::is_uppercase);
                let want = if upper {
                    (starts_upper(core), inner_capitals(core))
                } else {
                    (false, (false, false))
                };
                assert_eq!((w.starts_upper, w.inner), want, "{s}");
                assert_eq!(w.colon, s.ends_with(':'), "{s}");
            }
        }
    }

    #[test]
    fn ascii_classes_are_char_classes() {
        for b in 0..128u8 {
            // In bounds: `b` is below 128.
            assert_eq!(
                ASCII_CLASS[usize::from(b)],
                char_class(char::from(b)),
                "{b}"
            );
        }
    }

    #[test]
    fn quick_classes_are_unicode_classes() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(char_class(c), unicode_class(c), "{c:?}");
        }
    }

    #[test]
    fn cased_letters_are_alphabetic() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.is_uppercase() || c.is_lowercase() {
                assert!(c.is_alphabetic(), "{c:?}");
            }
        }
    }

    #[test]
    fn a_first_capital_alone_is_never_protected() {
        let titles = [
            "Ketamine’s effects in a small trial: a replication",
            "Ökonomie und Gesellschaft",
            "Édition critique – tome 2",
            "Развитие речи у детей",
            "Развитие речи у детей в России",
            "An iPhone study",
            "3D printing",
            "“Quoted” title",
            "- A dash first",
            " Leading space",
            "ǅx ǅ",
            "",
            "A",
        ];
        let mut scratch = TitleScratch::default();
        for title in titles {
            for cut in (0..=title.len()).filter(|&i| title.is_char_boundary(i)) {
                let t = &title[..cut];
                let capital = t.chars().skip(1).any(char::is_uppercase);
                assert_eq!(capital_after_first(t), capital, "{t}");
                if !capital {
                    assert!(protect_words(t, &[], &mut scratch).is_empty(), "{t}");
                }
            }
        }
    }

    #[test]
    fn acronyms_and_inner_capitals_are_braced() {
        assert_eq!(
            braced("The iPhone effect on IQ in the USA: A study of Apple users"),
            "The {iPhone} effect on {IQ} in the {USA}: A study of {Apple} users"
        );
        assert_eq!(
            braced("NMDA receptors and COVID-19 in New Zealand"),
            "{NMDA} receptors and {COVID-19} in {New Zealand}"
        );
        assert_eq!(
            braced("A Bayesian approach (with R)"),
            "A {Bayesian} approach (with {R})"
        );
        assert_eq!(
            braced("Why ask? Answers from the field"),
            "Why ask? {Answers} from the field"
        );
        assert_eq!(braced("Effects of ketamine"), "Effects of ketamine");
    }

    #[test]
    fn title_case_protects_only_acronyms() {
        assert_eq!(
            braced("The Handbook of Research Methods in DNA Analysis"),
            "The Handbook of Research Methods in {DNA} Analysis"
        );
        assert_eq!(
            braced("Self-Esteem and Social Media Use Among Adolescents"),
            "Self-Esteem and Social Media Use Among Adolescents"
        );
        assert_eq!(
            braced("Merriam-Webster.com dictionary"),
            "{Merriam-Webster.com} dictionary"
        );
        assert_eq!(braced("Self-report"), "Self-report");
    }

    #[test]
    fn whole_title_is_never_one_group() {
        assert_eq!(braced("IQ"), "IQ");
        assert_eq!(braced("IQ and USA"), "{IQ} and {USA}");
        assert_eq!(braced("Nasa Usa"), "Nasa {Usa}");
        assert_eq!(
            braced("THE EFFECT OF NOISE ON SLEEP"),
            "THE EFFECT OF NOISE ON SLEEP"
        );
    }

    #[test]
    fn explicit_ranges_are_protected() {
        let t = "Use of the nocase term here";
        let r = protect_title(t, &[(11, 17)]);
        let out = encode_protected(
            &Encoder {
                ascii: false,
                biber: false,
            },
            t,
            &r,
            &mut Lost::default(),
        );
        assert_eq!(out, "Use of the {nocase} term here");
        // Out-of-range or mid-character ranges never panic.
        let _ = protect_title("é", &[(1, 2), (0, 99)]);
        let _ = encode_protected(
            &Encoder {
                ascii: false,
                biber: false,
            },
            "é",
            &[1..2, 0..99],
            &mut Lost::default(),
        );
    }
}
