//! APA text → model → APA text gives the input back, up to whitespace and
//! dash style, for well-formed APA 7 input: the seed list and every case
//! of the regression suite (`tests/regression/*.txt`). The cases that do
//! not come back are listed in [`EXPECTED_DIFFERENCES`] with the reason
//! (APA 6 forms the writer brings to APA 7, input that is not well-formed
//! APA); the test fails when one of them starts to round-trip (remove it
//! from the list) or when any other case stops doing so.

#[path = "common/files.rs"]
mod files;

use refmill::apa;
use refmill::write::apa::reference;
use std::fs;
use std::path::Path;

/// Cases that do not round-trip, by the start of their text, with why.
const EXPECTED_DIFFERENCES: &[(&str, &str)] = &[
    (
        "Nguyen, T., & Park, H. (2022). Sleep and memory consolidation in adolescents [",
        "biblatex-apa's bracketed state is written the APA manual's way, after the journal",
    ),
    (
        "Bronfenbrenner, U., & Morris, P. A. (2006).",
        "the writer names the volume's editor as the book's and leaves out the series editors",
    ),
    (
        "Porter, M.E. (2008), \"The five",
        "Emerald's Harvard form is written in APA's",
    ),
    (
        "World Health Organization. (2021). Comprehensive",
        "APA 7 leaves out a publisher that is the author, and the place; the licence stays in the note",
    ),
    (
        "OECD (2019), PISA",
        "the OECD's own form is written in APA's, without the place and series",
    ),
    (
        "OECD (2020), Skills",
        "the OECD's own form is written in APA's, without the place",
    ),
    (
        "Lawson, C. (Colin J.",
        "a stray parenthesis in the names is reported and not printed",
    ),
    (
        "Turner, M. (2014).",
        "a thesis printed without its genre is written with APA's 'Thesis'",
    ),
    (
        "Obradović, N. (2022).",
        "a thesis printed without its genre is written with APA's 'Thesis'",
    ),
    (
        "Devereaux, B. (2026, April 10). Collections: Raising Carthaginian armies, part I. A Collection of Unmitigated Pedantry. https :/ /",
        "a link damaged by a PDF's spacing is kept in the note, not printed as the URL",
    ),
    (
        "Mostovaia, I. (2018).",
        "the word 'Seiten' after the pages is not printed again",
    ),
    (
        "Stamperius, J., & Bruin, W. K. de.",
        "a title's closing exclamation mark is not kept (as in the gold records)",
    ),
    (
        "Fox, J., Weisberg, S., & R Core Team. (2020).",
        "a bare version comes back as APA's '(Version 4.2-0) [Computer software]'",
    ),
    (
        "Xu, W. Q., & Ting, A. Y. (2023).",
        "a preprint's bare number comes back with APA's 'No.'",
    ),
    (
        "Smith, J. A., & Jones, M. B. (2010). Sleep and working memory",
        "the journal's missing comma and the colon before the pages come back in APA's punctuation",
    ),
    (
        "Smith, J. (2005). Reading strategies for adult learners.",
        "APA 6's ERIC retrieval statement comes back in APA 7's form: the number after the title, the database as the source",
    ),
    (
        "Herculano-Houzel, S., Collins, C. E.",
        "APA 6: a hyphen in the page range and a 'doi:' prefix",
    ),
    (
        "Lyubomirsky, S., King, L., & Diener, E. (2005).",
        "a title's closing question mark is not kept (as in the gold records)",
    ),
    (
        "Okafor, N. (Winter 2020). Season before the year.",
        "a season typed before the year comes back in APA's '(2020, Winter)'",
    ),
    (
        "Smith, J., & Lee, K. (2019). A glued PubMed number.",
        "APA prints no PubMed number, and the DOI as a link",
    ),
    (
        "Brown, K. (2015). Pages after a comma.",
        "a chapter's pages typed after a comma come back in APA's parenthesis",
    ),
    (
        "Brown, K. (2015). Publisher before the place.",
        "APA 7 prints no place of publication",
    ),
    (
        "Brown, K. (2015). The university with its place",
        "APA 7 prints no place, and the thesis's description in brackets",
    ),
    (
        "Okafor, N. (2019). Volume labels without periods.",
        "hand-typed 'Vol 12, No 3' comes back in APA's '12(3)'",
    ),
    (
        "Okafor, N. (2019). A space after the colon.",
        "hand-typed 'Journal 12: 45–67' comes back in APA's 'Journal, 12, 45–67'",
    ),
    (
        "Okafor, N. (2019). A period after the name.",
        "a period typed after the journal's name comes back as APA's comma",
    ),
    (
        "Okafor, N. A.; Brown, K.; Lee, M. (2019).",
        "names separated by semicolons come back in APA's commas and '&'",
    ),
    (
        "Smith, J. (2021). Effect of exercise on anxiety (Identifier NCT01234567).",
        "the register's label 'Identifier' is not kept; the number comes back alone",
    ),
    (
        "Novak, T. (2011). Chapter with translator.",
        "a chapter's translator and the book's are one CSL variable; the writer prints it after the chapter's title",
    ),
    (
        "Smith, J. (2014). A chapter with the editors after the book.",
        "the book's editor in its details comes back in the 'In J. Brown (Ed.),' form",
    ),
    (
        "Borman, W. C., Hanson, M. A., Oppler, S. H., Pulakos, E. D., & White, L. A. (1993).",
        "APA 5's retrieval date and database come back in APA 7 form (the database alone, no date)",
    ),
    (
        "Hill, I. (2009). Missing comma before volume.",
        "hand-typed without the comma before the volume; comes back with it",
    ),
    (
        "Young, S. (March 2019).",
        "hand-typed month before the year; comes back in APA order ('2019, March')",
    ),
    (
        "王小明，李华 (2019)．",
        "an input method's full-width stops and commas come back as APA's own punctuation",
    ),
    (
        "山田太郎・鈴木花子 (2018).",
        "names joined by a middle dot come back as an APA list ('山田太郎, & 鈴木花子.')",
    ),
    (
        "Chen, X.，& Liu, Y. (2018)．",
        "an input method's full-width stops and commas come back as APA's own punctuation",
    ),
    (
        "Blair, C. B. (Principal Investigator).",
        "the principal investigator is the grant's author, without the role; '(Project No.) [Grant]' comes back as '(Grant No.)'",
    ),
    (
        "National Aeronautics and Space Administration [nasa].",
        "a title's final '!' before a bracketed description is not kept (CSL-JSON from Zotero keeps none)",
    ),
    (
        "Wickham, H., François, R., Henry, L., & Müller, K. (2023). dplyr",
        "R's 'R package version 1.1.2' comes back in APA form ('Version 1.1.2')",
    ),
    (
        "Adams, B. (2013). Working memory in adolescents.",
        "volume and issue in parts of their own come back in APA form ('12(3)')",
    ),
    (
        "Rao, P., & Singh, K. (2018). Vitamin D status",
        "PubMed's PMCID is a note, which APA does not print",
    ),
    (
        "Park, S., & Lee, J. (2021). Effects of exercise on sleep",
        "PubMed's epub date is a note, which APA does not print",
    ),
    (
        "Williams, D. R. (2018). Stress and the mental health",
        "a status after the DOI comes back before it, where APA prints it",
    ),
    (
        "Rojas, P. (2009, June). Moral injury in soldiers.",
        "APA 6's 'Symposium conducted at the meeting of' comes back in APA 7 form",
    ),
    (
        "Smith, A., and Lee, B. (2019). Attention in children",
        "Frontiers' 'Front. Psychol. 10:2345' comes back in APA form ('10, Article 2345')",
    ),
    (
        "Baddeley, A. D., and Hitch, G. (1974).",
        "Frontiers' chapter form comes back in APA form",
    ),
    (
        "Kroenke K, Spitzer RL, Williams JB.",
        "Vancouver's order comes back in APA form",
    ),
    (
        "Wang, L., ＆ Li, M.",
        "full-width punctuation comes back in ASCII",
    ),
    (
        "Baddeley, A. (2012). Working memory: theories",
        "Frontiers' form (volume after the journal without a comma, 'doi:') comes back in APA form",
    ),
    (
        "Unsworth, N., Heitz, R. P., Schrock, J. C., and Engle",
        "Frontiers' form ('and', volume after the journal without a comma) comes back in APA form",
    ),
    (
        "Hernández Sampieri, R., Fernández Collado",
        "a Spanish list's 'y' and '6a ed.' come back in English APA",
    ),
    (
        "Rossi, G. e Bianchi, L.",
        "an Italian list's 'e' and '2a ed.' come back in English APA",
    ),
    (
        "Gómez, F. (2017, 15 de marzo)",
        "a Spanish date comes back in English",
    ),
    (
        "Organización Mundial de la Salud. (2021). Depresión. Recuperado de",
        "the Spanish link phrase is not written back",
    ),
    (
        "Thompson, H. (2015). Classroom management. In Jones, B. A.",
        "editors written inverted come back given name first, as APA writes them",
    ),
    (
        "Smith, J. (2019). Learning in context. Journal of the Learning Sciences. 24",
        "a journal's volume and pages typed as sentences of their own come back in APA form, with commas",
    ),
    (
        "Smith JA, Lee K, Park S (2019)",
        "Springer's author-year form comes back in APA form",
    ),
    (
        "Smith, J., Lee, K., 2019.",
        "Elsevier's Harvard form comes back in APA form",
    ),
    (
        "Brown A (2018)",
        "Springer's author-year form comes back in APA form",
    ),
    (
        "Newman, W. H. (1891). Corn.",
        "a library catalogue's \"Place : Publisher\" comes back as APA 7's publisher alone",
    ),
    (
        "Smith, J. (2019). Learning in context. Journal of the Learning Sciences, 24(3), 300–320. Available at:",
        "Harvard's link lead and bracketed access date come back in APA 7 form (a link alone; an access date only for pages that change)",
    ),
    (
        "Smith, J. A. 2019a.",
        "a year without parentheses and a colon before pages (author-date styles other than APA) come back in APA form",
    ),
    (
        "IBM Corp. Released 2017.",
        "the software maker's own citation form comes back in APA form, without the publisher that is also the author",
    ),
    (
        "Gidam, M., Dianin, A., Hauger, G., & Ravazzoli, E. (2023)",
        "biblatex-apa6's \"Version 1.0.0.\" element comes back as APA 7's \"(Version 1.0.0)\" after the title",
    ),
    (
        "Nguyen TT, Patel RK, Lee J-Y.",
        "initials without periods come back in APA form, \"Nguyen, T. T.\", with \"&\" before the last name",
    ),
    (
        "Schiraldi, G. R. (2001)",
        "APA 6's \"doi:\" comes back as an APA 7 https://doi.org/ link",
    ),
    (
        "Shotton, M. A. (1989)",
        "APA 6's \"Retrieved from\" before a link is left out in APA 7",
    ),
    (
        "Bukarti, A. B. (2021)",
        "hayagriva's \"[Report]\" names only the type, which APA 7 does not print",
    ),
    (
        "Kim, S. (n.d.). Untitled manuscript on attention.",
        "APA 6's \"Unpublished manuscript, Department\" comes back in APA 7 form, \"[Unpublished manuscript]. Department\"",
    ),
    (
        "National Institute of Mental Health [NIMH]",
        "APA 7 leaves a group author's abbreviation out of the reference",
    ),
    (
        "Rumbaugh, J., Jacobson, I., & Booch, G. (n.d.)",
        "citeproc's \": Vol. X\" after a title comes back in APA's \"(Vol. X)\"",
    ),
    (
        "Firth, C. H. (1890)",
        "citeproc's \": Vol. X\" after a book's title comes back in APA's \"(Vol. X)\"",
    ),
    (
        "Bleiberg, E. I. (2005)",
        "hayagriva's \": Vol. 4. Book title\" comes back in APA's \"(Vol. 4)\"",
    ),
    (
        "Smith, J. (2020). Chapter title here.",
        "a chapter printed without \"In\" comes back with it",
    ),
    (
        "Avrahami, O. (2023)",
        "a chapter printed without \"In\" comes back with it",
    ),
    (
        "Arora, S. (2015)",
        "a chapter printed without \"In\" comes back with it",
    ),
    (
        "Bächli, R. (2016 ,",
        "pybtex's \"(2016 , December)\" and \"URL:\" come back in APA form",
    ),
    (
        "Barbalat, O. (1968)",
        "biblatex-apa's \"(Report)\" names only the type, which APA 7 does not print",
    ),
    (
        "Beattie, C. (2023)",
        "a thesis's \"[Thesis]. University.\" comes back in APA 7 form, \"[Thesis, University]\"",
    ),
    (
        "Perelman, G. (2003)",
        "biblatex-apa's \"[Preprint]\" names only the type, which APA 7 does not print",
    ),
    (
        "Smith J., Brown M. A. (2019)",
        "names without the comma between family name and initials come back in APA form",
    ),
    (
        "Jimenez, M. (2019)",
        "a thesis printed without its kind comes back as \"[Thesis, Institution]\"",
    ),
    (
        "West D. B. (1996)",
        "a name without the comma between family name and initials comes back in APA form",
    ),
    (
        "Smith, J., & Brown, M. (2019). Effects of exercise on mood. Health Psychology 38(4)",
        "the commas left out between journal, volume and pages come back",
    ),
    (
        "Smith, J., & Brown, M. (2019): Effects",
        "the colon typed after the date comes back as APA's period",
    ),
    (
        "Anthony, I., Zhou, J., Yuan, J., Su, F., & Kim, J. (2021)",
        "APA 6 'Retrieved from Publisher: URL' comes back as APA 7 'Publisher. URL'",
    ),
    (
        "Smith, J. (2006). Reading fluency in the middle grades",
        "APA 6 'Retrieved from ERIC database' comes back without 'Retrieved from'",
    ),
    // Markup around the text, which the writer does not print.
    (
        "Pew Research Center. (2018). *Teens",
        "Markdown emphasis, escapes and autolink come back as plain text",
    ),
    (
        "Adler, K. (2011, October 18). Spain’s stolen babies. <em>",
        "HTML tags come back as plain text",
    ),
    (
        "*Aldao, A., & Nolen-Hoeksema, S. (2010)",
        "the meta-analysis asterisk is not kept",
    ),
    // Other languages' forms, which the writer brings to English APA 7.
    (
        "Amin, A. (1994). Models, fantasies",
        "a Turkish 'İçinde' and 'ss.' come back in English",
    ),
    (
        "Allal, L., & Lopez, L. M. (2005)",
        "a Russian 'В', '(Ред.)' and 'сс.' come back in English",
    ),
    (
        "Arabie, P. (2001, Νοέμβριος 19)",
        "a Greek month, 'Στο' and 'σσ.' come back in English",
    ),
    (
        "Arabie, P. (不详)",
        "Chinese '不详', '收入', '(编)' and '页' come back in English",
    ),
    (
        "Aaronson, T., & Galloway, K. (2015, 11月 19)",
        "a Japanese month comes back in English",
    ),
    (
        "Schmidt, K. (2022, 5. Juli)",
        "a German day-month date comes back in English, month first",
    ),
    (
        "Dupont, J. (1972). Un guide de la programmation. Paris :",
        "APA 7 prints no place of publication",
    ),
    (
        "Martin, C. (1980). Chroniques régionales. (S.l.) : (s.n.)",
        "'no place, no name' comes back as nothing",
    ),
    // What other APA printers get wrong (citeproc-py): printed twice.
    (
        "Albert Einstein. (2021)",
        "a title printed in the author's place and again comes back once",
    ),
    (
        "A guide to Fortran IV programming. (1972)",
        "a title printed in the author's place and again comes back once",
    ),
    (
        "Amlodipine. (2020)",
        "a title printed in the author's place and again comes back once",
    ),
    (
        "Agyeman, J., Cole, P., Haluza-DeLay, R., & O’Riley, P. (Eds.). (2009)",
        "editors printed before the date and again after the title come back once",
    ),
    (
        "Goldstein, S., & Naglieri, J. A. (eds.). (2011)",
        "editors printed before the date and again after \"In\" come back once",
    ),
    // Text out of a PDF.
    (
        "Altman, R. B. (2023)",
        "a DOI spaced out by the extraction, and `389 (15)`, come back as printed in APA 7",
    ),
    (
        "Qadir, A., & Fitzpatrick, D. (2020)",
        "a data set printed without `[Data set]` (biblatex-apa) gets it back in APA 7",
    ),
    (
        "Arnfield, J. (2021, August 6)",
        "a link damaged by the extraction is kept in the note, so none is printed",
    ),
    (
        "Blanchard, V., Revenin, R., & Yvorel, J.-J. (Eds.). (2010)",
        "accents written decomposed come back composed (the same letters)",
    ),
    (
        "I use the exact same. . . [Reddit comment]",
        "a spaced-out link is kept in the note, so none is printed",
    ),
    // Lists in other languages: the writer prints English APA.
    (
        "Aleksunes, L. M., & Eaton, D. L. (2022). Principles of toxicology. I C",
        "Norwegian `I … (Red.), … (s. 9–25)` → `In … (Eds.), … (pp. 9–25)`",
    ),
    (
        "Agyeman, J., Cole, P., & Haluza-DeLay, R. (Hrsg.). (o. J.)",
        "German `(Hrsg.). (o. J.)` → `(Eds.). (n.d.)`",
    ),
    (
        "Asokan, N., Niemi, V., & Nyberg, K. (2002)",
        "Spanish `(N.º 2002/163)` → `(No. 2002/163)`",
    ),
    (
        "Afghanistan: Justice system failing women. (2021, augustus 5)",
        "Dutch `augustus 5` → `August 5`",
    ),
    ("Achim. (2022, julho 5)", "Portuguese `julho 5` → `July 5`"),
    (
        "6. Extensions and generalizations. (2001)",
        "Polish `W … (s. 103–114)` → `In … (pp. 103–114)`",
    ),
    // BibTeX's apalike: `and` between authors, `9(8):1123–1136`.
    (
        "Allal, L., Lopez, L. M., Lehraus, K., and Forget, A. (2005)",
        "apalike `In Kostouli, T., editor, Book, pages 69–91` → APA 7 `In T. Kostouli (Ed.), Book (pp. 69–91)`",
    ),
    (
        "Abbott, D. A., Zelle, R. M., Pronk, J. T., and van Maris, A. J. A. (2009)",
        "apalike `and` and `9(8):1123–1136` → APA 7 `, &` and `9(8), 1123–1136`",
    ),
    (
        "Aaronson, S. and Christiano, P. (2013)",
        "apalike `and` and `9:349–401` → APA 7 `&` and `9, 349–401`",
    ),
    // apacite's APA 6 forms (text copied out of its PDFs).
    (
        "Boschan, P. J. (2008)",
        "apacite `68 ,` and `doi: …` → APA 7 `68,` and a DOI link",
    ),
    (
        "Derluguian, G. (2021)",
        "apacite `Review(128)` → APA 7 `Review, (128)`",
    ),
    (
        "Hennig, F., & Lehning, M. (2024)",
        "apacite `Retrieved from URL (Data set)` → APA 7 `[Data set]` after the title, the link alone",
    ),
    (
        "Barton, D., Ockendon, H., Piette, B., & Whittaker, R. (2021)",
        "apacite `. (Preprint)` at the end → APA 7 `[Preprint]` after the title",
    ),
    (
        "Witte, J.-J., & Huang, A. (2025)",
        "a report's kind with no number, `(Report)`: APA 7 prints only `(Report No. …)`",
    ),
    // Google Scholar's and Microsoft Word's forms, written the APA 7 way.
    (
        "Kingma, D. P., & Ba, J. (2014)",
        "Google Scholar `arXiv preprint arXiv:…` → APA 7 `(arXiv:…). arXiv.`",
    ),
    (
        "Nunnally, J. C. (1978)",
        "Google Scholar `2nd ed.` → APA 7 `(2nd ed.)`",
    ),
    ("Gross, J. J. (2014)", "APA 6 place of publication dropped"),
    (
        "Leipzig, J. (2021)",
        "a thesis without its kind → APA 7 description `[Thesis, University]`",
    ),
    (
        "Patel, R. (2016)",
        "Word `Dissertation, University, City` → APA 7 `[Dissertation, University]`",
    ),
    (
        "Johnson, M. (2018)",
        "Word proceedings `, (pp. 112-118). Boston.` → APA 7 `, 112–118.`",
    ),
    (
        "Smith, J.A. and Doe, B.C. (2018)",
        "`and` between two authors → APA 7 `, &`",
    ),
    ("Wilson, P. (2017)", "`25:4` → APA 7 `25(4)`"),
    (
        "Brown, K. (2018)",
        "`Vol. 70, Issue 2, pp.` → APA 7 `70(2),`",
    ),
    (
        "Bauer, S. (n.d.)",
        "German `Abgerufen am … von` → English `Retrieved …, from` (the writer prints English)",
    ),
    (
        "Silva, A. (2021)",
        "Portuguese `Disponível em` before a link → APA 7 link alone",
    ),
    (
        "Lee, K., &amp; Park, S. (2018)",
        "HTML character references → the characters",
    ),
    (
        "Smith, J. (2019). Sleep and memory in older adults",
        "APA 7 does not print a PMID (kept in the record, named in a note)",
    ),
    (
        "Smith, John A., & Doe, Bob. (2019)",
        "full given names → APA 7 initials",
    ),
    (
        "J. A. Smith, M.-W. Chang",
        "names written initials first → APA 7 `Family, I.`",
    ),
    (
        "Smith, J. (2020, April 14)",
        "Word `Retrieved from Site: URL` → APA 7 `Site. URL`",
    ),
    // APA 6 forms, written the APA 7 way.
    (
        "Smith, J. A., & Lee, K. (2018)",
        "APA 6 `doi:` → `https://doi.org/`",
    ),
    ("Herbst-Damm, K. L.", "APA 6 `doi:` → `https://doi.org/`"),
    (
        "Smith, J. A., & Jones, B. (2010)",
        "`Vol. 19, No. 2, pp. 123-130` and `doi:` → APA 7 `19(2), 123–130` and `https://doi.org/`",
    ),
    (
        "Smith, A. B. (2012)",
        "PDF ligatures (`ﬁ`) and a non-breaking hyphen come back as plain letters and `-`",
    ),
    (
        "Appelbaum, P. (2002)",
        "APA 6 `(Doctoral dissertation). Retrieved from Database. (UMI No. 1)` → APA 7 `(UMI No. 1) [Doctoral dissertation]. Database.`",
    ),
    (
        "Schmidt, K. (2015)",
        "the writer writes APA's English words: `In`, `(Eds.)`, `pp.`",
    ),
    (
        "García, J. (2018)",
        "the writer writes APA's English words: `In`, `(Eds.)`, `pp.`",
    ),
    (
        "Dubois, M. (2017)",
        "the writer writes APA's English words: `In`, `(Eds.)`, `pp.`",
    ),
    (
        "Rossi, P. (2016)",
        "the writer writes APA's English words: `In`, `(Eds.)`, `pp.`",
    ),
    (
        "Schulten, K. (2020",
        "APA 6 `pp.` before newspaper pages; APA 7 prints the pages alone",
    ),
    (
        "Oakley, B. (Writer)",
        "the writer prints one creator role: the director, not the writers (a gap of the APA writer)",
    ),
    (
        "Okafor, N. (2019). Effects of sleep on recall",
        "a comma typed for the title's period comes back as APA's period",
    ),
    (
        "Okafor, N., & Lee, K. (2019). Recall after a night",
        "a comma typed between volume and issue comes back in APA's `28(3)`",
    ),
    (
        "Okafor, N. (2001). The role of rest",
        "APA prints no PubMed number",
    ),
    (
        "Okafor, N. (2016, June 3). Is the replay good?",
        "APA 6's `Retrieved from Site website:` comes back as APA 7's site name",
    ),
    (
        "Okafor, N., & Lee, K. (2012). Relation markers",
        "the `In` a style left out comes back",
    ),
    (
        "Okafor, N. (2019). Glued links in a list.",
        "the space a link glued to its period lacked comes back",
    ),
    (
        "Okafor, N. (2019). A glued DOI label.",
        "a glued `doi:` label comes back as APA 7's spaced DOI link",
    ),
    (
        "Price, W. (Ed.). (2006). Essays on modern art.",
        "APA 6's place of publication is not printed by APA 7",
    ),
    (
        "Oakley, R. (2007). Understanding markets.",
        "Word's translator parenthesis comes back in APA 7's place, without the place",
    ),
    (
        "Lennon, J., & McCartney, P. (1967). With a little help",
        "APA 6's album medium comes back in the song's brackets, without the place",
    ),
    (
        "Vance, G. (2014). Grid computing primer.",
        "Word's site before the link comes back in APA 7's place, after the title",
    ),
    (
        "Bosworth, J. (2014). Cyn.",
        "the `In` a style left out comes back",
    ),
    (
        "Borges, J. L. (1992). Fiktionen",
        "a localised style's edition comes back in English",
    ),
    (
        "Alberts, B., Johnson, A., & Walter, P. (2002).",
        "a localised style's edition comes back in English",
    ),
    (
        "Barnes, D. (2018). Operations management (1",
        "a localised style's edition comes back in English",
    ),
    (
        "Barnes, D. (2018). Operations management (2:a",
        "a localised style's edition comes back in English",
    ),
    (
        "Aalders, S. (2017). The fifth line: Thoughts of a painter (M. Ritchie, 翻",
        "a localised style's translator comes back in English",
    ),
    (
        "atom. (2021). В Wiktionary.",
        "a localised style's `In` comes back in English",
    ),
    (
        "Kerr, W. R., Lincoln, W. F., & Mishra, P. (2011). The dynamics of firm lobbying (Working Paper Вып",
        "a localised style's number label comes back in English",
    ),
    (
        "Aleksunes, L. M., & Eaton, D. L. (2022). Principles of toxicology. In C. D. Klaassen and",
        "editors joined by `and` come back joined by APA's `&`",
    ),
    (
        "Aleksunes, L. M., & Eaton, D. L. (2022). Principles of toxicology. C. D.",
        "the `In` a style left out comes back, with the role in English",
    ),
    (
        "Mares, I. (2001). Firms and the welfare state",
        "the `In` a style left out comes back, with the role in English",
    ),
    (
        "Lorz. (2018). § 19 Testamentsvollstreckung.",
        "the `In` a style left out comes back, with the role and edition in English",
    ),
    (
        "Foster, J. (2013, June 12). Life at sea.",
        "Word's interviewer parenthesis comes back in APA's place, before the period",
    ),
    (
        "Smith, J. (2019).Sleep and memory.Journal",
        "the spaces typed without come back",
    ),
    (
        "Nguyen, T. (2015). Research methods. 3rd ed.",
        "an edition outside the parentheses comes back in APA's",
    ),
    (
        "Garcia, M. (2016) 'Urban gardens',",
        "Harvard's quoted title comes back in APA's form",
    ),
    (
        "Garcia, M. (2016). “Urban gardens,”",
        "MLA's quoted title comes back in APA's form",
    ),
    (
        "Okafor, N. (2019). A comma before the link.",
        "a comma typed before the link comes back as APA's period",
    ),
    (
        "Barris, K. (Writer & Director)",
        "a writer who also directed is read as the director, printed `(Director)`",
    ),
    (
        "Schmidt, S., & Dehs, V. (n.d.)",
        "an article with no journal name: the APA writer prints its volume as a book's `(Vol. 7)`",
    ),
    (
        "Popel, M., & Žabokrtský, Z. (2010)",
        "proceedings named without \"In\" come back with APA's `In IceTAL`",
    ),
    (
        "Fragebogen files relating to denazification, 1945–1948.",
        "the archive after the publisher's `;` (citeproc-js's form) comes back as an element of its own",
    ),
    (
        "United States: Railroad Retirement Board. (2021)",
        "biblatex-apa's `Title, Publisher.` comes back in APA's `Title. Publisher.`",
    ),
    (
        "Hirschland, M., Jazayeri, A., & Lee, N. (2008)",
        "biblatex-apa's `(Paper)` comes back as APA 7's bracketed description `[Paper]`",
    ),
    (
        "Independent Evaluation Group. (2021)",
        "biblatex-apa's `(Evaluation)` comes back as APA 7's bracketed description `[Evaluation]`",
    ),
    (
        "Strausz, M., & Greenhill, B. D. (2009)",
        "biblatex-apa's bracketed number comes back in APA's `(SSRN Scholarly Paper No. 1450387)`",
    ),
    (
        "Piaget, J. (1950/2001)",
        "the in-text form `(1950/2001)` → APA 7 `(2001)` … `(Original work published 1950)`",
    ),
    (
        "Gamma, G. (2019)",
        "a DOI cut by a space after `doi:` → `https://doi.org/` whole",
    ),
    (
        "Zeta, Z. (2019)",
        "brackets around the DOI link are left out",
    ),
    (
        "Hamilton, L. (2019",
        "APA 6 `Retrieved from` before a URL without a date is left out",
    ),
    (
        "Sillick, T. J.",
        "APA 6 `Retrieved from` before a URL without a date is left out",
    ),
    (
        "Kim, H., & Park, S. (2012)",
        "`http://dx.doi.org/` → `https://doi.org/`",
    ),
    (
        "Calfee, R. C.",
        "APA 6 `Place: Publisher`: APA 7 leaves the place out",
    ),
    (
        "American Psychiatric Association. (2013)",
        "APA 6 `Place: Author`: the publisher is the author, so APA 7 leaves it (and the place) out",
    ),
    (
        "Haybron, D. M.",
        "APA 6 `Place: Publisher`: APA 7 leaves the place out",
    ),
    (
        "Lanktree, C.",
        "APA 6 `Paper presented at the meeting of …` → `[Paper presentation]. Meeting of …`",
    ),
    (
        "Adams, R. J. (1973)",
        "APA 6 `(Doctoral dissertation). Retrieved from` → `[Doctoral dissertation]. URL`",
    ),
    // What the APA reader does not keep (reported as parser issues).
    (
        "Carey, B. (2019",
        "the reader drops the `?` ending a title before a newspaper name",
    ),
    (
        "Klymkowsky, M.",
        "the reader drops the `?` ending a title before a blog name",
    ),
    (
        "Epocrates.",
        "the reader keeps no description for `[Mobile app]` (software is written as `[Computer software]`)",
    ),
    // APA 7 asks for a description the input did not print.
    (
        "Novak, M. (2021)",
        "a thesis known from its subtitle (`: diplomsko delo`) gets the `[Thesis]` description APA 7 asks for",
    ),
    // Not APA.
    (
        "Smith, John, & Doe, Jane.",
        "full given names: APA prints initials",
    ),
];

fn norm(s: &str) -> String {
    // "31 (1)" and "31(1)": a space before the issue is whitespace style.
    refmill::write::loss::norm(s)
        .replace(" (", "(")
        .trim_end_matches('.')
        .to_string()
}

fn cases() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<String> = fs::read_to_string(root.join("samples/seed-references.txt"))
        .expect("seed list")
        .split("\n\n")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let files = files::txt_files("tests/regression");
    for f in files {
        let text = fs::read_to_string(&f).expect("case file");
        let mut lines = text.lines();
        while let Some(l) = lines.next() {
            if l.starts_with("## ") {
                let mut case = String::new();
                for l in lines.by_ref() {
                    if l.starts_with("=>") {
                        break;
                    }
                    case.push_str(l);
                    case.push('\n');
                }
                out.push(case.trim().to_string());
            }
        }
    }
    out
}

#[test]
fn apa_text_round_trips() {
    let mut unexpected = Vec::new();
    let mut still_listed: Vec<&str> = EXPECTED_DIFFERENCES.iter().map(|(k, _)| *k).collect();
    let all = cases();
    let mut same = 0;
    for case in &all {
        let parsed = apa::parse_reference(case, 1, 1);
        let got = reference(&parsed.reference, false);
        let listed = EXPECTED_DIFFERENCES
            .iter()
            .find(|(k, _)| case.starts_with(k))
            .map(|(k, _)| *k);
        if norm(&got) == norm(case) {
            same += 1;
            if let Some(k) = listed {
                unexpected.push(format!("now round-trips, remove from the list: {k}"));
            }
        } else if let Some(k) = listed {
            still_listed.retain(|x| *x != k);
        } else {
            unexpected.push(format!("in:  {case}\nout: {got}"));
        }
    }
    eprintln!("{same} of {} cases round-trip", all.len());
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n\n"));
}
