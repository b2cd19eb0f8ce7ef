//! Choosing the item type from what the parser saw.
//!
//! APA does not print the type; it shows in the shape of the reference:
//! a bracketed description names it outright (`[Data set]`, `[Doctoral
//! dissertation, ...]`); "In ... (Eds.)" marks a part of a book; a
//! `volume(issue), pages` tail marks a periodical, and the date tells a
//! journal (year) from a magazine or newspaper (month and day); a report
//! number marks a report, a version software, a preprint server a preprint.

use super::lexicon::{self, Kinds};
use super::lower::{Lc, strip_prefix_ascii_ci};
use super::parse::Ctx;
use super::scan::FastTrim as _;
use super::title::has_month;
use crate::model::{Contributor, ItemType, Name, Reference, Role};

/// What the parser noticed on its way.
#[derive(Debug, Default, Clone)]
pub(crate) struct Signals {
    /// A description or phrase named the type.
    pub desc_type: Option<ItemType>,
    /// The names before the date were editors ("(Eds.)").
    pub editors_as_authors: bool,
    /// No author: the title came before the date.
    pub title_first: bool,
    /// Source began with "In ".
    pub in_container: bool,
    /// Source was `Container, volume(issue), pages`.
    pub journal_tail: bool,
    /// A report/paper number was read.
    pub report_number: bool,
    /// The number is that of a working-paper or preprint series.
    pub paper_series: bool,
    /// A version was read.
    pub version: bool,
    /// The source element was a site or periodical name.
    pub site_container: bool,
    /// A publisher was read.
    pub publisher: bool,
    /// The source was a bare page range.
    pub bare_pages: bool,
    /// An APA 6 "Retrieved from the X website" named the site.
    pub site_from_trailer: bool,
    /// "Retrieved from X: URL" named X right before the link, and X was
    /// kept as the archive: a publisher when the reference names none.
    pub archive_before_link: bool,
    /// A URL too damaged to use was kept in the note: the item is still
    /// one read online.
    pub url_in_note: bool,
    /// The book a chapter is in was read from the title's element ("In"
    /// left out): the source after it is the book's publisher.
    pub book_in_title: bool,
}

impl Ctx<'_> {
    pub(crate) fn classify(&mut self) {
        self.r.item_type = self.choose_type();
    }

    fn choose_type(&self) -> ItemType {
        let r = &self.r;
        let sig = &self.sig;
        let container = r.container_title.as_deref().unwrap_or("");
        let publisher = r.publisher.as_deref().unwrap_or("");
        let dated_month = has_month(r.issued.as_ref());
        // Each is looked up in the word lists once, for all the questions
        // below.
        // (Only when asked: both are pure tests of the text.)
        let ck = std::cell::OnceCell::new();
        let ck = || *ck.get_or_init(|| Kinds::of(container));
        let pk = std::cell::OnceCell::new();
        let pk = || *pk.get_or_init(|| Kinds::of(publisher));
        // Whether the link is a blog's: asked here and again by
        // `periodical_kind`, answered once.
        let blog = std::cell::OnceCell::new();
        let blog = || *blog.get_or_init(|| r.url.as_deref().is_some_and(is_blog_url));
        // (Asked only where the answer matters: a description of kind or
        // a container decides first.)
        let preprint = || {
            ck().preprint()
                || pk().preprint()
                || r.doi.as_deref().is_some_and(lexicon::is_preprint_doi)
                || r.number
                    .as_deref()
                    .is_some_and(|n| n.lc().starts_with("arxiv"))
                || r.url.as_deref().is_some_and(is_preprint_url)
        };

        if let Some(t) = sig.desc_type {
            // A description of kind but a journal tail: e.g. "[Review of
            // the book ...]" in a journal stays a journal article.
            if sig.journal_tail && matches!(t, ItemType::Review | ItemType::Document) {
                return ItemType::ArticleJournal;
            }
            // (A contribution to a symposium, under its chair, is a
            // presentation too.)
            if t == ItemType::Speech
                && !r.has_role(Role::Chair)
                && (sig.in_container || ck().conference() && sig.journal_tail)
            {
                return ItemType::PaperConference;
            }
            return t;
        }
        // An interview with its interviewer named and nothing it was
        // published in: Word's "(K. Lang, Interviewer)".
        if r.has_role(Role::Interviewer)
            && r.container_title.is_none()
            && !sig.in_container
            && !sig.journal_tail
        {
            return ItemType::Interview;
        }
        if sig.in_container {
            if ck().dictionary() {
                return ItemType::EntryDictionary;
            }
            if ck().encyclopedia() && !has_volume_editors(r) {
                return ItemType::EntryEncyclopedia;
            }
            // A handbook with editors is an edited book of chapters; one
            // without ("Handbook of Texas Online") is a reference work.
            if contains_any!(ci container, ["handbook of"]) && !r.has_role(Role::Editor) {
                return ItemType::EntryEncyclopedia;
            }
            // An entry of a wiki, known by its link: "…/wiki/Forside?oldid=933",
            // "…/w/index.php?title=…".
            if !r.has_role(Role::Editor) && r.url.as_deref().is_some_and(is_wiki_url) {
                return ItemType::EntryEncyclopedia;
            }
            if ck().conference() {
                return ItemType::PaperConference;
            }
            return ItemType::Chapter;
        }
        if sig.journal_tail {
            if preprint() {
                return ItemType::Article;
            }
            // Proceedings with issue numbers are journals ("Proceedings of
            // the National Academy of Sciences, 116(22)"), and so are those
            // with a volume that name no meeting: a society's or academy's
            // ("Proceedings of the National Academy of Sciences, USA, 105,
            // 12593-12598"; a meeting's are "Conference Proceedings, 1618").
            if (ck().meeting() || ck().conference() && r.volume.is_none())
                && !contains_any!(ci container, ["journal"])
                && r.issue
                    .as_deref()
                    .is_none_or(|i| !i.contains(|c: char| c.is_ascii_digit()))
            {
                return ItemType::PaperConference;
            }
            if contains_any!(ci container, ["dissertation abstracts"]) {
                return ItemType::Thesis;
            }
            if dated_month {
                return periodical_kind(r, ck(), blog());
            }
            return ItemType::ArticleJournal;
        }
        if preprint() {
            return ItemType::Article;
        }
        if r.title.as_deref().is_some_and(subtitle_names_thesis) {
            return ItemType::Thesis;
        }
        if sig.bare_pages {
            return ItemType::PaperConference;
        }
        if sig.version {
            return ItemType::Software;
        }
        if sig.paper_series {
            return ItemType::Article;
        }
        if sig.report_number
            || r.title.as_deref().is_some_and(|t| {
                // "… testing. Final report": the last sentence says so.
                ends_with_report_series(t)
                    || super::title::is_dated_report_kind(t)
                    || super::title::ends_with_report(t)
                        && super::scan::rsplit_once_short(t, ". ")
                            .is_some_and(|(_, last)| super::title::is_report_kind(last))
            })
        {
            return ItemType::Report;
        }
        if r.url.as_deref().is_some_and(is_code_host) {
            return ItemType::Software;
        }
        // A data repository's DOI or link, or its name as publisher, where
        // no "[Data set]" was printed (biblatex-apa leaves it out).
        if r.doi.as_deref().is_some_and(is_data_doi)
            || r.url.as_deref().is_some_and(is_data_url)
            || is_data_repository(publisher)
            || is_data_repository(container)
        {
            return ItemType::Dataset;
        }
        // A post on a blog platform or under a site's blog path, named by
        // its blog or site: "Title. Kurgus. http://kurgus.livejournal.com/…".
        if (sig.site_container || sig.publisher) && blog() {
            return ItemType::PostWeblog;
        }
        if sig.site_from_trailer {
            return ItemType::Webpage;
        }
        if sig.site_container {
            if ck().blog() {
                return ItemType::PostWeblog;
            }
            // "Proceedings of the International Conference on Computer
            // Vision (ICCV)": a meeting's name, printed without volume.
            if ck().meeting() && !contains_any!(ci container, ["journal"]) {
                return ItemType::PaperConference;
            }
            let undated = r
                .issued
                .as_ref()
                .is_some_and(|d| d.status == crate::model::DateStatus::NoDate);
            if undated && r.url.is_some() && !lexicon::periodical_given(container, ck()) {
                return ItemType::Webpage;
            }
            if !dated_month {
                // Named without a date to the day: a journal, unless the
                // name says newspaper or it is a web site's domain. An
                // article in press is a journal's ("Psychonomic Bulletin &
                // Review"): a newspaper has no such state.
                let in_press = r
                    .issued
                    .as_ref()
                    .is_some_and(|d| d.status == crate::model::DateStatus::InPress);
                if ck().newspaper() && !in_press && !contains_any!(ci container, ["journal"]) {
                    return ItemType::ArticleNewspaper;
                }
                if !container.contains(' ') && container.contains('.') {
                    return ItemType::Webpage;
                }
                // An article filed by month in its link, without volume or
                // pages: a newspaper's, magazine's or blog's.
                if r.volume.is_none()
                    && r.page.is_none()
                    && r.url.as_deref().is_some_and(is_dated_url)
                    && (ck().newspaper()
                        || ck().magazine()
                        || !lexicon::periodical_given(container, ck()))
                {
                    return periodical_kind(r, ck(), blog());
                }
                return ItemType::ArticleJournal;
            }
            // A retrieval date is for pages that change, not for articles
            // (APA 7 §9.16): a site that is not named like a periodical.
            if r.accessed.is_some() && !lexicon::periodical_given(container, ck()) {
                return ItemType::Webpage;
            }
            return periodical_kind(r, ck(), blog());
        }
        // "Title (p. 74)": a page count printed after the title is how
        // reports show their length (with an edition, a book's: "(1st
        // ed., p. 164)").
        if r.page.is_some()
            && !sig.in_container
            && r.container_title.is_none()
            && r.edition.is_none()
        {
            return ItemType::Report;
        }
        if sig.publisher {
            // A retrieval date marks a page meant to change: a web page.
            if r.accessed.is_some() && r.url.is_some() {
                return ItemType::Webpage;
            }
            if sig.editors_as_authors {
                return ItemType::Book;
            }
            if pk().conference() {
                return ItemType::PaperConference;
            }
            if is_thesis_by_institution(r, publisher) {
                return ItemType::Thesis;
            }
            // Grey literature: published by an organisation rather than a
            // publishing house, or by a unit of one ("Citizen Lab,
            // University of Toronto", "Institute for Social Research,
            // University of Michigan").
            // (`split_once_short`: `str::split_once` builds a Two-Way
            // searcher per call, which costs more than this short search.)
            let unit = super::scan::split_once_short(publisher, ", ").map(|(unit, _)| unit);
            if (!pk().publisher()
                || unit.is_some_and(|u| is_organisation(u) && !lexicon::looks_like_publisher(u)))
                && is_organisation(publisher)
                && r.edition.is_none()
                && r.isbn.is_none()
            {
                return ItemType::Report;
            }
            return ItemType::Book;
        }
        if r.url.is_some() || r.doi.is_some() || sig.url_in_note {
            if dated_month || r.accessed.is_some() {
                return ItemType::Webpage;
            }
            if r.url.as_deref().is_some_and(|u| u.lc().ends_with(".pdf")) {
                return ItemType::Report;
            }
            if r.doi.is_some() {
                return ItemType::Book;
            }
            return ItemType::Webpage;
        }
        if r.container_title.is_some() {
            return ItemType::ArticleJournal;
        }
        ItemType::Book
    }
}

/// What a thesis calls itself in its subtitle, in the languages of the
/// catalogues that print it there ("…: diplomsko delo", "…: диссертация
/// … кандидата наук", "…: A thesis submitted …").
const THESIS_SUBTITLES: &[&str] = &[
    "a thesis",
    "a dissertation",
    "thesis",
    "dissertation",
    "doctoral dissertation",
    "master's thesis",
    "masterarbeit",
    "diplomarbeit",
    "bachelorarbeit",
    "doktorarbeit",
    "dissertação",
    "tese de",
    "tesis doctoral",
    "tesis de",
    "mémoire de",
    "thèse de",
    "diplomsko delo",
    "magistrsko delo",
    "doktorsko delo",
    "diplomska naloga",
    "zaključna naloga",
    "diplomski rad",
    "završni rad",
    "magistarski rad",
    "doktorska disertacija",
    "doktorska dizertacija",
    "praca magisterska",
    "praca doktorska",
    "praca dyplomowa",
    "diplomová práce",
    "bakalářská práce",
    "disertační práce",
    "диссертация",
    "автореферат диссертации",
    "дисертация",
    "дисертационен труд",
    "дипломна робота",
    "дисертація",
];

/// Whether a part of the title after the first (after `:`, `;` or `=`)
/// starts by calling the work a thesis.
fn subtitle_names_thesis(title: &str) -> bool {
    // The separators are ASCII: found with memchr (a split at a char
    // array walks the title char by char).
    let mut seps = memchr::memchr3_iter(b':', b';', b'=', title.as_bytes()).peekable();
    std::iter::from_fn(|| {
        let at = seps.next()?;
        let end = seps.peek().copied().unwrap_or(title.len());
        // (`at` is an ASCII separator, `end` the next one or the end.)
        Some(title.get(at + 1..end).unwrap_or_default())
    })
    .any(|part| {
        let part = part.fast_trim_start();
        let ends_word = |rest: &str| rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
        if part.is_ascii() {
            // Lower-casing ASCII changes no letter into a non-letter: the
            // comparison can ignore case instead (of the words that start
            // with the part's first letter).
            let first = part.as_bytes().first().map(u8::to_ascii_lowercase);
            return THESIS_SUBTITLES
                .iter()
                .filter(|w| w.as_bytes().first().copied() == first)
                .any(|w| strip_prefix_ascii_ci(part, w).is_some_and(ends_word));
        }
        let p = part.lc();
        THESIS_SUBTITLES
            .iter()
            .any(|w| p.strip_prefix(w).is_some_and(ends_word))
    })
}

fn has_volume_editors(r: &crate::model::Reference) -> bool {
    r.volume.is_some() && r.has_role(crate::model::Role::Editor) && r.page.is_some()
}

/// Newspaper or magazine, by the container's name (`ck`: its kinds) and
/// the page form; a blog's post when `blog` (the link is a blog's,
/// [`is_blog_url`]).
fn periodical_kind(r: &crate::model::Reference, ck: Kinds, blog: bool) -> ItemType {
    let page = r.page.as_deref();
    if blog {
        return ItemType::PostWeblog;
    }
    // Volume and issue numbers belong to magazines; newspapers are dated.
    if r.volume.is_some() || r.issue.is_some() {
        return ItemType::ArticleMagazine;
    }
    if ck.magazine() && !ck.newspaper() {
        return ItemType::ArticleMagazine;
    }
    if ck.blog() {
        return ItemType::PostWeblog;
    }
    if page.is_some_and(|p| p.starts_with(|c: char| c.is_ascii_uppercase())) {
        return ItemType::ArticleNewspaper;
    }
    if ck.magazine() {
        return ItemType::ArticleMagazine;
    }
    ItemType::ArticleNewspaper
}

/// An organisation's name: institute, council, bank ... or an acronym.
pub(crate) fn is_organisation(s: &str) -> bool {
    let t = super::scan::trim(s);
    // Associations, societies and universities publish books too; these
    // publish reports.
    let l = t.lc();
    // (A match on the word: compiled to a test of its length, then of
    // its bytes, where a list is compared with it entry by entry.)
    let grey = |x: &str| {
        matches!(
            x,
            "institute"
            | "institut"
            | "council"
            | "bank"
            | "agency"
            | "office"
            | "department"
            | "ministry"
            | "commission"
            | "organization"
            | "organisation"
            | "centre"
            | "center"
            | "board"
            | "foundation"
            | "bureau"
            | "authority"
            | "administration"
            | "survey"
            | "laboratory"
            | "programme"
            | "secretariat"
            | "government"
            | "network"
            | "forum"
            | "unit"
            | "observatory"
            | "trust"
            | "lab"
            | "labs"
            // The same in the other languages of reference lists.
            | "conseil"
            | "consejo"
            | "conselho"
            | "consiglio"
            | "ministère"
            | "ministerio"
            | "ministério"
            | "ministero"
            | "ministerium"
            | "instituto"
            | "istituto"
            | "agence"
            | "agencia"
            | "agenzia"
            | "comisión"
            | "commissione"
            | "comissão"
        )
    };
    // (Dutch and German join the word to the field: "Kennisinstituut",
    // "Bundesinstitut".)
    let named =
        |x: &str| !x.is_empty() && (grey(x) || x.ends_with("instituut") || x.ends_with("institut"));
    // (ASCII text, the most, is cut into words on bytes: for ASCII,
    // `is_letter_or_digit` is `is_ascii_alphanumeric`.)
    let any_named = if l.is_ascii() {
        l.as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .any(|w| std::str::from_utf8(w).is_ok_and(named))
    } else {
        l.split(|c: char| !super::scan::is_letter_or_digit(c))
            .any(named)
    };
    any_named
        || (t.len() >= 2 && t.len() <= 8 && t.chars().all(|c| c.is_ascii_uppercase() || c == '-'))
        || t.ends_with(" Watch")
}

/// A title whose last sentence names a report series and number, as
/// records keep it: "… retest scores? Research Report 2019-2", "… PISA for
/// Development Brief 16", "… Working Paper No. 12".
fn ends_with_report_series(title: &str) -> bool {
    let title = super::scan::trim(title);
    let Some((head, number)) = super::scan::rsplit_once_space(title) else {
        return false;
    };
    let head = head.fast_trim_end();
    let head = head
        .strip_suffix(" No.")
        .or_else(|| head.strip_suffix(" No"))
        .unwrap_or(head);
    let Some((before, kind)) = super::scan::rsplit_once_space(head) else {
        return false;
    };
    if !matches!(
        kind,
        "Report" | "Brief" | "Paper" | "Bulletin" | "Memorandum" | "Note" | "Series"
    ) {
        return false;
    }
    // The series phrase is the title's last sentence: a few words.
    let sentence_start = [". ", "? ", "! ", ": "]
        .iter()
        .filter_map(|p| before.rfind(p).map(|i| i + p.len()))
        .max()
        .unwrap_or(0);
    let series_words = before
        .get(sentence_start..)
        .map_or(0, super::scan::word_count);
    number.chars().any(|c| c.is_ascii_digit())
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/')
        && series_words <= 6
}

/// A work by one person that names only a university as its publisher:
/// a thesis whose kind was left out ("Title. University of Virginia."), as
/// catalogue and citation-manager records render it. Books name a press,
/// reports a unit or a number.
fn is_thesis_by_institution(r: &Reference, publisher: &str) -> bool {
    let mut authors = r.contributors.iter().filter(|c| c.role == Role::Author);
    let one_person = matches!(
        (authors.next(), authors.next()),
        (
            Some(Contributor {
                name: Name::Person(_),
                ..
            }),
            None
        )
    );
    let institution =
        super::scan::split_once_byte(publisher, b',').map_or(publisher, |(head, _)| head);
    one_person
        && r.contributors.iter().all(|c| c.role == Role::Author)
        && r.edition.is_none()
        && r.isbn.is_none()
        && r.number.is_none()
        && r.container_title.is_none()
        && lexicon::is_university(institution)
        && !lexicon::is_book_publisher(publisher)
        && !is_organisation(publisher)
        && !contains_any!(ci publisher, ["press"])
}

/// A link whose path holds a date to the month, as news sites, magazines
/// and blogs file their articles: "…/2017/06/19/remembering-…",
/// "…/ausland/2011-09/libyen-…", "…/2019/nov/20/loneliness".
pub(crate) fn is_dated_url(url: &str) -> bool {
    let b = url.as_bytes();
    memchr::memchr_iter(b'/', b).any(|i| {
        let Some(y) = b.get(i + 1..i + 5) else {
            return false;
        };
        let year =
            (y.starts_with(b"19") || y.starts_with(b"20")) && y.iter().all(u8::is_ascii_digit);
        let sep = b.get(i + 5).is_some_and(|&c| c == b'/' || c == b'-');
        if !year || !sep {
            return false;
        }
        // The month: two digits 01–12, or an English abbreviation.
        let m = b.get(i + 6..).unwrap_or_default();
        let end = m
            .iter()
            .position(|&c| c == b'/' || c == b'-')
            .unwrap_or(m.len());
        let Some(month) = m.get(..end) else {
            return false;
        };
        match month {
            [a, c] if a.is_ascii_digit() && c.is_ascii_digit() => {
                (1..=12).contains(&((a - b'0') * 10 + (c - b'0')))
            }
            _ => {
                const MONTHS: [&[u8]; 12] = [
                    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct",
                    b"nov", b"dec",
                ];
                MONTHS.iter().any(|mo| month.eq_ignore_ascii_case(mo))
            }
        }
    })
}

/// Blog platforms and blog paths.
pub(crate) fn is_blog_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let host = rest.as_bytes();
    // (Eight bytes a step: a host is some twenty bytes.)
    let host = crate::swar::find_byte(host, 0, b'/')
        .and_then(|e| host.get(..e))
        .unwrap_or(host);
    let host_ends = |s: &str| {
        host.len()
            .checked_sub(s.len())
            .and_then(|at| host.get(at..))
            .is_some_and(|tail| tail.eq_ignore_ascii_case(s.as_bytes()))
    };
    if [
        "wordpress.com",
        "substack.com",
        "medium.com",
        "tumblr.com",
        "typepad.com",
        "hypotheses.org",
        "livejournal.com",
    ]
    .iter()
    .any(|p| host_ends(p))
    {
        return true;
    }
    // Every other sign has "blog" in it: one search, then the places.
    if !contains_any!(ci rest, ["blog"]) {
        return false;
    }
    let r = rest.lc();
    let host = r.split('/').next().unwrap_or_default();
    host.starts_with("blog.")
        || host.starts_with("blogs.")
        // "opinionator.blogs.nytimes.com", "acoup.blog".
        || host.contains(".blogs.")
        || host.contains(".blogspot.")
        || host.ends_with(".blog")
        || r.contains("/blog/")
        || r.contains("/blogs/")
}

/// A wiki page's link: MediaWiki's "/wiki/Page" or "index.php?title=".
fn is_wiki_url(url: &str) -> bool {
    contains_any!(ci url, ["/wiki/", "index.php?title="])
}

/// Preprint servers' hosts.
fn is_preprint_url(url: &str) -> bool {
    // Each of them has one of these five in it: most links have none, and
    // are answered with five searches instead of thirteen.
    contains_any!(ci url, ["rxiv", "print", "ssrn", "square", "hal."])
        && contains_any!(ci url, [
            "arxiv.org/",
            "biorxiv.org/",
            "medrxiv.org/",
            "psyarxiv.com/",
            "osf.io/preprints",
            "ssrn.com/",
            "researchsquare.com/",
            "preprints.org/",
            "eprint.iacr.org/",
            "chemrxiv.org/",
            "techrxiv.org/",
            "hal.science/hal-",
            "hal.archives-ouvertes.fr/",
        ])
}

/// Code-hosting sites, whose links are software repositories.
fn is_code_host(url: &str) -> bool {
    // Each of them has one of these four in it (four searches for most
    // links instead of seven).
    contains_any!(ci url, ["git", "bucket", "ject", "crates"])
        && contains_any!(ci url, [
            "github.com/",
            "gitlab.com/",
            "bitbucket.org/",
            "cran.r-project.org/package",
            "pypi.org/project",
            "crates.io/crates",
            "sourceforge.net/projects",
        ])
}

/// DOIs that data repositories register: any Dataverse ("…/DVN/…"),
/// PANGAEA, Dryad, ICPSR, GBIF, Mendeley Data, DataverseNO, CaltechDATA.
fn is_data_doi(doi: &str) -> bool {
    let d = doi.lc();
    d.contains("/dvn/")
        || [
            "10.1594/pangaea",
            "10.5061/dryad",
            "10.3886/icpsr",
            "10.15468/",
            "10.17632/",
            "10.18710/",
            "10.22002/",
        ]
        .iter()
        .any(|p| d.starts_with(p))
}

/// A link to a data set's landing page.
fn is_data_url(url: &str) -> bool {
    // Each of them has one of these three in it (three searches for most
    // links instead of eight).
    contains_any!(ci url, ["data", "icpsr", "pangaea"])
        && contains_any!(ci url, [
            "/dataset/",
            "/datasets/",
            "datadryad.org/",
            "dataverse.",
            "/dataverse/",
            "icpsr.umich.edu/",
            "pangaea.de/",
            "data.mendeley.com/",
        ])
}

/// A publisher that is a data repository: "Harvard Dataverse",
/// "Databrary", "CaltechDATA", "UK Data Archive".
fn is_data_repository(name: &str) -> bool {
    // Every sign has "data" in it, in some case: one search for most
    // names.
    contains_any!(ci name, ["data"])
        && (contains_any!(ci name, ["dataverse", "databrary", "data archive", "data repository"])
            || name
                .split_whitespace()
                .any(|w| w.len() > 4 && w.ends_with("DATA")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_filed_by_month() {
        for u in [
            "https://www.newyorker.com/magazine/2017/06/19/remembering",
            "https://www.zeit.de/politik/ausland/2011-09/libyen-bani-walid",
            "https://www.theguardian.com/lifeandstyle/2019/nov/20/loneliness",
            "http://www.artnews.com/2016/01/23/venice",
        ] {
            assert!(is_dated_url(u), "{u}");
        }
        for u in [
            "https://doi.org/10.1037/2019/13",
            "https://example.org/2019/report.pdf",
            "https://example.org/reports/2019-annual",
            "https://example.org/1850/12/x",
            "https://example.org/2019/",
        ] {
            assert!(!is_dated_url(u), "{u}");
        }
    }

    /// Each listed sign passes `test` as it is and in capitals inside a
    /// longer text (`prefix` before it, "y" after).
    fn each_passes_in_any_case(test: fn(&str) -> bool, prefix: &str, signs: &[&str]) {
        for h in signs {
            assert!(test(h), "{h}");
            assert!(test(&format!("{prefix}{}y", h.to_uppercase())), "{h}");
        }
    }

    #[test]
    fn hosts_pass_their_first_test() {
        // The five (three) searches before the full lists must let every
        // listed host through, in any case.
        each_passes_in_any_case(
            is_preprint_url,
            "https://X",
            &[
                "arxiv.org/",
                "biorxiv.org/",
                "medrxiv.org/",
                "psyarxiv.com/",
                "osf.io/preprints",
                "ssrn.com/",
                "researchsquare.com/",
                "preprints.org/",
                "eprint.iacr.org/",
                "chemrxiv.org/",
                "techrxiv.org/",
                "hal.science/hal-",
                "hal.archives-ouvertes.fr/",
            ],
        );
        each_passes_in_any_case(
            is_data_url,
            "https://X",
            &[
                "/dataset/",
                "/datasets/",
                "datadryad.org/",
                "dataverse.",
                "/dataverse/",
                "icpsr.umich.edu/",
                "pangaea.de/",
                "data.mendeley.com/",
            ],
        );
        each_passes_in_any_case(
            is_code_host,
            "https://X",
            &[
                "github.com/",
                "gitlab.com/",
                "bitbucket.org/",
                "cran.r-project.org/package",
                "pypi.org/project",
                "crates.io/crates",
                "sourceforge.net/projects",
            ],
        );
        each_passes_in_any_case(
            is_data_repository,
            "X",
            &["dataverse", "databrary", "data archive", "data repository"],
        );
        assert!(!is_preprint_url("https://www.example.org/paper"));
        assert!(!is_data_url("https://www.example.org/data/x"));
    }

    #[test]
    fn data_repositories() {
        assert!(is_data_doi("10.7910/DVN/BEJTMI"));
        assert!(is_data_doi("10.34725/DVN/NGGXCZ"));
        assert!(is_data_doi("10.1594/PANGAEA.868399"));
        assert!(!is_data_doi("10.1037/amp0000676"));
        assert!(is_data_url("https://www.envidat.ch/dataset/640b09be-3b86"));
        assert!(!is_data_url("https://www.nytimes.com/2017/data-privacy"));
        assert!(is_data_repository("Harvard Dataverse"));
        assert!(is_data_repository("CaltechDATA"));
        assert!(!is_data_repository("Data & Society"));
        assert!(!is_data_repository("DATA"));
    }

    #[test]
    fn thesis_named_in_a_subtitle() {
        assert!(subtitle_names_thesis("Title: A Thesis submitted for"));
        assert!(subtitle_names_thesis("Title: DISSERTATION"));
        assert!(subtitle_names_thesis("Заглавие: Диссертация на соискание"));
        assert!(subtitle_names_thesis("Título = Dissertação de mestrado"));
        assert!(!subtitle_names_thesis("Title: Theses on Feuerbach"));
        assert!(!subtitle_names_thesis("Title: Dissertations abroad"));
        assert!(!subtitle_names_thesis("A thesis: the title"));
    }

    #[test]
    fn report_series_at_the_end_of_a_title() {
        assert!(ends_with_report_series(
            "College entrance exams: How does test preparation affect retest scores? Research Report 2019-2"
        ));
        assert!(ends_with_report_series(
            "Findings from the field trial. PISA for Development Brief 16"
        ));
        assert!(ends_with_report_series(
            "Trade and growth. Working Paper No. 12"
        ));
        assert!(ends_with_report_series("Annual Report 2019"));
        assert!(!ends_with_report_series("A report on 12 cases"));
        assert!(!ends_with_report_series(
            "How seven of the best performing schools report their results in Report 2"
        ));
    }
}
