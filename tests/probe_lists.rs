//! Reference lists written by hand for the forms the development corpus
//! does not have: APA 6 and hand-typed variants, text copied out of PDFs
//! (hanging indents, page numbers and running heads, two-column
//! hyphenation, numbered lists), journal web pages with link labels, lists
//! in other languages, the APA 7 manual's less common categories, Google
//! Scholar's APA export, Microsoft Word's APA style, apacite's APA 6 copied
//! out of its PDF (pdftotext), Markdown and HTML (pandoc's and typed by
//! hand). Each list must segment into exactly its
//! references and read without a warning; the fields of the forms each
//! list shows are checked case by case in `tests/regression/`.

use assert_cmd::Command;
use std::path::Path;
use std::time::Duration;

/// (file, references in it, warnings expected)
const LISTS: &[(&str, usize, usize)] = &[
    ("common-psychology-apa6-apa7.txt", 29, 0),
    ("apa7-categories.txt", 30, 0),
    ("pdf-hanging-indent-page-number.txt", 8, 0),
    ("hand-typed-variants.txt", 18, 0),
    ("apa6-classics-ligatures.txt", 20, 0),
    ("tests-media-non-english.txt", 21, 0),
    ("pdf-numbered-german-heading.txt", 4, 0),
    ("theses-conferences-legal.txt", 14, 0),
    ("journal-web-page-link-labels.txt", 7, 0),
    ("periodicals-books-variants.txt", 18, 0),
    ("names-particles-suffixes.txt", 16, 0),
    ("german-spanish-french-italian.txt", 10, 0),
    ("apa7-manual-other-categories.txt", 15, 0),
    // One reference is broken on purpose: a URL-like string ends its
    // title, so the journal after it is left unread (and reported).
    ("typos-and-punctuation.txt", 12, 1),
    ("pdf-running-heads.txt", 5, 0),
    ("pdf-two-column-hyphenation.txt", 6, 0),
    ("pdf-apacite-apa6.txt", 21, 0),
    // biblatex-apa6 through pdftotext: "doi:10." at a line end, a DOI
    // spaced out ("doi:10 . 1056 /"), ISSNs in DOIs that lost their hyphen
    // at a line end (put back), and a link that lost one in its slug
    // ("tamingthe-greedocracy"), which is reported and kept in the note.
    ("pdf-biblatex-apa6.txt", 7, 1),
    // More of the references psychology papers cite most, APA 7.
    ("apa7-common-references-more.txt", 71, 0),
    // The same kind typed by hand in APA 6 and its slips: "doi:", "et
    // al." in the list, "Vol. 24, No. 3, pp.", initials without periods,
    // "[Kindle version]"-style descriptions; one cites its software as
    // IBM asks ("IBM Corp. Released 2017."), a year without parentheses,
    // which is read and reported.
    ("apa6-hand-typed-psychology.txt", 32, 1),
    // Springer's author-year style: "Smith J, Lee K (2019) Title. J Learn
    // Sci 24(3):300–320".
    ("springer-author-year.txt", 4, 0),
    // Nursing, education and business papers' lists (APA 7): agencies
    // whose names hold "&" ("Centers for Medicare & Medicaid Services"),
    // short titles in sentence case after a group ("Harvard University.
    // (n.d.). Academic integrity."), "Tesla, Inc.", "[News release]",
    // a publisher named by its domain ("Nursesbooks.org").
    ("nursing-education-business-apa7.txt", 55, 0),
    // Classic psychology references typed in APA 6 and 7 forms, with one
    // in Vancouver's form ("Kroenke K, … J Gen Intern Med.
    // 2001;16(9):606-613."), which is written out and reported.
    ("psychology-classics-mixed-forms.txt", 32, 1),
    // Students' slips: "J.A." without spaces, "and" for "&", "(2020.)",
    // "In: Jones, B. (Ed.)" with editors inverted, "<https://doi.org/…>",
    // "(Doctoral dissertation). Retrieved from ProQuest".
    ("education-student-slips.txt", 20, 0),
    // APA lists written in Spanish, Portuguese, Italian, German, French:
    // "y", "e", "und", "et" before the last author, "(2017, 15 de marzo)",
    // "Recuperado de", "Tesis de maestría".
    ("spanish-portuguese-italian-german-french.txt", 12, 0),
    // Frontiers' APA-like style, common in psychology PDFs: abbreviated
    // journals with the volume after a space ("Annu. Rev. Psychol. 63,
    // 1–29"), "and" before the last author, "et al." in the list,
    // "doi: 10.…", chapters as '"Title," in Book, ed. B. Ross (City:
    // Publisher), 145–199'.
    ("frontiers-numbered-journals.txt", 14, 0),
    // APA 7's other categories typed from the manual's patterns and from
    // other fields' lists: symposium contributions under their chairs
    // (APA 7 and APA 6), a video's author with a user name in brackets,
    // "(Reprinted from …)", "[Doctor of Nursing Practice project, …]",
    // podcasts, TV episodes, tweets, paintings, apps, "[Fact sheet]",
    // "(2019, Spring)", "(2020/2021)", "Vol. 148, No. 2, pp. 89-101".
    ("media-symposia-reprints-mixed-fields.txt", 57, 0),
    // Health-science lists: PubMed's notes after the DOI ("PMCID:
    // PMC5946242", "Epub 2021 Jan 12", "[Epub ahead of print]"),
    // "PMID:", supplements "138(Suppl. 2), S12–S18", "51(3, Pt. 2)",
    // discontinuous pages "12–15, 18", "Available at: … (Accessed: …)".
    ("health-sciences-pubmed-notes.txt", 20, 0),
    // Wrapped at 80 columns, flush left, no blank lines: references that
    // start with their title ("Diagnostic and statistical manual … (5th
    // ed.). (2013)."), continuation lines that start with a capital
    // ("Psychiatric Association.", "Books."), group authors, and an
    // APA 6 ellipsis broken over lines (". ." / ". Lewis, M. (2020).").
    ("wrapped-flush-left-title-first.txt", 18, 0),
    // Books as psychology lists cite them, APA 6 and 7: "City, ST:
    // Publisher", "Author" as publisher, "[Kindle version]", editors of
    // the work in its parenthesis, "1969/1982", "(Vols. 1–8)", "(Series
    // Ed.)" and "Series: Vol. 1. Title", "(Trans.; 2nd ed., Vol. 9, Pt. 1)".
    ("books-apa6-places-series-editors.txt", 30, 0),
    // Online media as APA 7 gives them: TED talks, Instagram, Facebook,
    // Reddit ("u/name"), blogs, news sites, Wikipedia with "oldid",
    // online dictionaries with "Retrieved …, from", podcast episodes,
    // agency pages with a site name.
    ("online-media-social-web-pages.txt", 20, 0),
    // A student's annotated bibliography: each reference followed by one
    // or two paragraphs of prose (citing "Miller and Rollnick (2013)"),
    // which stay with it as its note instead of coming out as records.
    ("annotated-bibliography.txt", 6, 0),
    // Software, data, tests and preprints as psychology and health papers
    // cite them: "(Version 4.3.1) [Computer software]", "(R package
    // version 1.1.2)", "(ECLS-K:2011) (NCES 2016-150) [Data set]",
    // "[Measurement instrument]", "[Database record]. APA PsycTests",
    // PsyArXiv, arXiv, medRxiv, SSRN, "[Mobile app]".
    ("software-data-tests-preprints.txt", 20, 0),
    // Legal references as psychology and education papers cite them, one
    // per paragraph: cases (a party "…, Inc.,", federal courts "(E.D. Wis.
    // 1972)"), statutes ("§ 12101 et seq.", "Pub. L. No. 104-191, 110
    // Stat. 1936", a link after the year), a regulation ("45 C.F.R. §
    // 46") and an executive order ("86 Fed. Reg. 7009 (January 20,
    // 2021)"). Each starts a reference of its own.
    ("legal-cases-statutes-regulations.txt", 16, 0),
    ("web-page-link-labels-glued.txt", 15, 0),
    ("apa7-manual-examples-more.txt", 29, 0),
    ("unicode-spaces-full-width-stops.txt", 14, 0),
    ("cjk-names-one-per-line.txt", 7, 0),
    ("meta-analysis-asterisks.txt", 4, 0),
    ("apa5-retrieval-database.txt", 6, 0),
    ("chapters-other-languages-roles.txt", 8, 0),
    ("apa7-manuscripts-archives-trials.txt", 15, 0),
    // biblatex-apa set in two columns, through pdftotext: links cut after
    // "https:" and spaced out ("www . reddit . com /"), the next
    // reference's names on a line of their own, a title in single quotes
    // after a link. Spaced-out links are reported and kept in the note (a
    // hyphen may be lost in them: "han - gor karikatyrer-av-kriget/"), and
    // so is one whose slug runs two title words together.
    ("pdf-biblatex-apa-two-column.txt", 8, 5),
    // The same list through pdfminer.six (pdf2txt.py): blank lines also
    // between a reference's first line and its indented rest, so they do
    // not separate references here.
    ("pdf-pdfminer-blank-lines.txt", 12, 4),
    // The same list through PyMuPDF: hyphens kept at line ends, and a
    // page range broken at its dash ("1132–" / "1132. https://…"), which
    // is not a numbered list.
    ("pdf-pymupdf-hyphens-kept.txt", 10, 0),
    // The two-column page through `pdftotext -layout`: both columns side
    // by side on each line, read column by column. Spaced-out links are
    // reported and kept in the note; the right column's last reference is
    // cut by the page's end ("In Com-").
    ("pdf-two-column-layout.txt", 13, 9),
    // pandoc's citeproc output of dev records as Markdown (fenced divs,
    // "*Journal*, *12*(3), 1--4.", "<https://doi.org/…>", "\[Data set\]")
    // and as HTML (<div class="csl-entry">, "<em>", links whose tag is
    // broken over two lines).
    ("pandoc-markdown-fenced-divs.txt", 13, 0),
    ("pandoc-html.txt", 13, 0),
    // Markdown typed by hand: a "## References" heading, "-" and "*"
    // bullets, emphasis, autolinks, a link whose text is its address.
    ("markdown-hand-typed.txt", 8, 0),
    // A publisher's PDF: "Downloaded from … by guest on …", APA PsycNet's
    // copyright lines, "© 2020 The Authors …", SSRN's "Electronic copy
    // available at", Wiley's "protected by copyright", among wrapped lines.
    ("pdf-publisher-boilerplate.txt", 6, 0),
    // pdftotext of a journal's pages: running heads in capitals on lines
    // of their own ("SMITH ET AL.", "16 SMITH AND JONES", "EMOTION
    // REGULATION IN ADOLESCENCE", "JOURNAL OF ADOLESCENCE 82 (2020) 1–12")
    // inside wrapped references.
    ("pdf-caps-running-heads.txt", 6, 0),
    // A manuscript's or preprint's PDF with line numbers: every line
    // starts with its number, counting up ("412 Baumeister, R. F., …").
    ("pdf-manuscript-line-numbers.txt", 5, 0),
    ("patents-standards-republished.txt", 10, 0),
    ("identifiers-with-spaces.txt", 8, 0),
    // Google Scholar's "Cite > APA": lower-case journal names, no DOIs,
    // "arXiv preprint arXiv:…", "2nd ed." without parentheses.
    ("google-scholar-apa.txt", 22, 0),
    // Microsoft Word's APA style under a "Bibliography" heading: "Retrieved
    // from Site: URL", "Dissertation, University, City", proceedings
    // without "In", "(pp. 112-118)" after a comma.
    ("microsoft-word-apa.txt", 16, 0),
    // More of Word's APA 6 forms: a translator's parenthesis after the
    // title with no period of its own, a song "[Recorded by …]" on an
    // album with its medium, an interview "(K. Lang, Interviewer)", a
    // page's site after its retrieval date, "pp." of a magazine, a title
    // ending in "art" or "no", a "doi:" glued to the pages.
    ("microsoft-word-apa-more.txt", 15, 0),
    // Citation styles localised to other languages: editions, volumes,
    // numbers and translators in German, French, Dutch, Swedish, Russian,
    // Japanese, Chinese, Italian, Polish and Turkish; a Russian "В" for
    // "In"; Japanese styles' empty "In" before a book's editors.
    ("localised-styles.txt", 19, 0),
    // Forms students hand in: "pp." and "Vol., Issue" in journal tails,
    // "25:4", a missing period after the date or at the end, "Retrieved on".
    ("student-variants.txt", 10, 0),
    // "Recuperado de", "Abgerufen von/am", "Repéré à", "Disponível em",
    // "W:" chapters, "3. März 2021".
    ("link-phrases-other-languages.txt", 10, 0),
    // "———." for the previous reference's authors (older lists).
    ("repeated-author-dashes.txt", 5, 0),
    // Dev references wrapped at 70 columns with a hanging indent, as in a
    // plain-text file: a link longer than that sits alone on its line; it
    // is whole (no lines were joined, as pdftotext joins them).
    ("wrapped-70-columns-long-links.txt", 18, 0),
    ("economics-cs-classics-ids.txt", 24, 0),
    ("student-typos-journal-forms.txt", 28, 2),
    ("books-chapters-reports-theses-apa6-7.txt", 28, 0),
    ("online-media-software-data.txt", 27, 0),
    // The APA 7 manual's audiovisual forms: "(2015–present)", "(Season 3,
    // Episode 12)", "(Writer & Director)", "[Goodbye children] [Film]",
    // "[Song recorded by …]. On Album: Subtitle."
    ("audiovisual-apa7-manual.txt", 23, 0),
    // Journal sites' link labels under or after a reference: Taylor &
    // Francis, PLOS, Frontiers, Springer, APA PsycNET ("Medline:…") and
    // Oxford Handbooks Online ("Find this resource:").
    ("journal-site-labels-psycnet-oxford.txt", 7, 0),
    // Journal pages' link labels; NLM's "PubMed PMID: …; PubMed Central
    // PMCID: …" is warned about (no field for a PMCID).
    ("journal-web-page-labels-more.txt", 12, 2),
    ("periodical-notices-books-classics.txt", 25, 0),
    ("spanish-portuguese-german-french-apa7.txt", 16, 0),
];

#[test]
fn probe_lists_segment_and_read_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/probe");
    let mut failures = Vec::new();
    for &(file, refs, warnings) in LISTS {
        let out = Command::new(env!("CARGO_BIN_EXE_refmill"))
            .arg("convert")
            .arg(dir.join(file))
            .args(["--to", "csl-json", "-j", "1"])
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        assert!(out.status.success(), "{file}: exit {:?}", out.status);
        let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let warned: Vec<&str> = err.lines().filter(|l| l.contains(": warning: ")).collect();
        if items.len() != refs {
            failures.push(format!("{file}: {} records, expected {refs}", items.len()));
        }
        if warned.len() != warnings {
            failures.push(format!("{file}: warnings {warned:?}, expected {warnings}"));
        }
        for (i, it) in items.iter().enumerate() {
            let title = it["title"].as_str().unwrap_or("");
            if title.trim().is_empty() {
                failures.push(format!("{file}: record {} has no title", i + 1));
            }
        }
        assert!(
            err.contains(&format!("{refs} references in, {refs} records out")),
            "{file}: {err}"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
