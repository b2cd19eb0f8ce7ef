// Measures which fields each output format carries for each item type and
// prints the result as Markdown:
//
//     cargo run --example field_table > docs/fields.md
//
// For every item type the APA reader produces, a record with every field
// that makes sense for that type is written with `write::writer_for` (so
// the loss diagnostics come too), read back with refmill's own reader for
// that format (`read::read_all`) and compared field by field. A field that
// does not come back unchanged and that no diagnostic of the write names is
// printed to standard error, with the output written: a loss the writers
// do not report. With `FIELD_TABLE_DEBUG=1` it also prints which diagnostic
// was taken to name each loss that one names.
//
// `tests/field_table.rs` includes this file and checks that
// `docs/fields.md` is what `generate()` makes. (Plain comments, not `//!`:
// the file is `include!`d.)

use refmill::diag::Diagnostic;
use refmill::model::{Date, DateParts, Field, ItemType, Name, Person, Reference, Role};
use refmill::read::{self, InputFormat};
use refmill::write::{self, Format, WriteOptions};
use std::fmt::Write as _;

/// The formats measured: the ones refmill both writes and reads.
const FORMATS: [Format; 5] = [
    Format::CslJson,
    Format::Bibtex,
    Format::Biblatex,
    Format::Ris,
    Format::Csv,
];

/// The item types the APA reader produces, with the column header used
/// in the tables.
const TYPES: [(ItemType, &str); 25] = [
    (ItemType::ArticleJournal, "jour"),
    (ItemType::ArticleMagazine, "mag"),
    (ItemType::ArticleNewspaper, "news"),
    (ItemType::Article, "pre"),
    (ItemType::Book, "book"),
    (ItemType::Chapter, "chap"),
    (ItemType::EntryEncyclopedia, "enc"),
    (ItemType::EntryDictionary, "dict"),
    (ItemType::PaperConference, "conf"),
    (ItemType::Speech, "talk"),
    (ItemType::Report, "rep"),
    (ItemType::Thesis, "thes"),
    (ItemType::Webpage, "web"),
    (ItemType::PostWeblog, "blog"),
    (ItemType::Post, "post"),
    (ItemType::Dataset, "data"),
    (ItemType::Software, "soft"),
    (ItemType::Manuscript, "ms"),
    (ItemType::MotionPicture, "film"),
    (ItemType::Broadcast, "bcst"),
    (ItemType::LegalCase, "case"),
    (ItemType::Legislation, "law"),
    (ItemType::Graphic, "art"),
    (ItemType::Review, "rev"),
    (ItemType::Document, "doc"),
];

fn person(family: &str, given: &str) -> Name {
    Name::person(family, Some(given))
}

fn ymd(year: i32, month: Option<u8>, day: Option<u8>) -> Date {
    Date::ymd(year, month, day)
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

/// The record measured for `t`: every field that makes sense for that
/// type, with values like those of real references.
fn record(t: ItemType) -> Reference {
    use ItemType as T;
    let mut r = Reference {
        item_type: t,
        language: s("de"),
        abstract_text: s("Untersucht wird, wie sich die Befunde über die Zeit verändern."),
        keywords: vec!["Emotion".into(), "Kindheit".into()],
        note: s("Checked against the printed copy."),
        ..Reference::default()
    };
    // Title, its English translation, and a span whose case must be kept.
    let (title, translated, keep) = match t {
        T::ArticleJournal => (
            "Emotionen in Bilderbüchern: Ein Vergleich aus den USA",
            "Emotions in picture books: A comparison from the USA",
            "USA",
        ),
        T::ArticleMagazine => (
            "Ziemlich kühle neutrale Plasmen",
            "Really cool neutral plasmas",
            "",
        ),
        T::ArticleNewspaper => (
            "Wie wird die Menschheit auf außerirdisches Leben reagieren?",
            "How will humanity react to alien life?",
            "",
        ),
        T::Article => (
            "Autismus und Zweisprachigkeit: Eine qualitative Interviewstudie",
            "Autism and bilingualism: A qualitative interview study",
            "",
        ),
        T::Book => ("Das Ich und das Es", "The ego and the id", "Ich"),
        T::Chapter => (
            "Kochkunst: Talent und seine Entwicklung",
            "Culinary arts: Talent and its development",
            "",
        ),
        T::EntryEncyclopedia => ("Behaviorismus", "Behaviorism", ""),
        T::EntryDictionary => ("Kultur", "Culture", ""),
        T::PaperConference => (
            "Kognitive Prädiktoren des Lernerfolgs mit LSTM-Modellen",
            "Cognitive predictors of learning success with LSTM models",
            "LSTM",
        ),
        T::Speech => (
            "Waffengewalt: Die Kraft der Gemeinschaft",
            "Gun violence: The power of community",
            "",
        ),
        T::Report => (
            "Zeit nehmen: Unterstützung für Menschen mit Krebs",
            "Taking time: Support for people with cancer",
            "",
        ),
        T::Thesis => (
            "Erfahrungen von Pflegekindern mit Hochschulabschluss",
            "Experiences of foster youth with graduate degrees",
            "",
        ),
        T::Webpage => (
            "Warum manche Menschen mit Angst Horrorfilme lieben",
            "Why some people with anxiety love horror movies",
            "",
        ),
        T::PostWeblog => (
            "Können wir wissenschaftlich über freien Willen sprechen?",
            "Can we talk scientifically about free will?",
            "",
        ),
        T::Post => (
            "Heute ist es für Forschende schwierig, Alzheimer früh zu erkennen",
            "Today it is difficult for researchers to diagnose Alzheimer's early",
            "Alzheimer",
        ),
        T::Dataset => (
            "ALLBUS 2018: Allgemeine Bevölkerungsumfrage der Sozialwissenschaften",
            "ALLBUS 2018: German General Social Survey",
            "ALLBUS",
        ),
        T::Software => ("Umfassende Metaanalyse", "Comprehensive meta-analysis", ""),
        T::Manuscript => (
            "Medizin lehren mit Hilfe von „Dr. House“",
            "Teaching medicine with the help of “Dr. House”",
            "House",
        ),
        T::MotionPicture => (
            "Einer flog über das Kuckucksnest",
            "One flew over the cuckoo’s nest",
            "",
        ),
        T::Broadcast => ("Vergnügungspark", "Amusement park", ""),
        T::LegalCase => ("Brown v. Board of Education", "", "Board of Education"),
        T::Legislation => (
            "Individuals with Disabilities Education Act",
            "",
            "Individuals with Disabilities Education Act",
        ),
        T::Graphic => ("Migrantische Mutter", "Migrant mother", ""),
        T::Review => (
            "Nicht alle sexuellen Minderheiten sind gleich",
            "Not all sexual minorities are created equal",
            "",
        ),
        _ => (
            "Merkblatt zur Hitzevorsorge",
            "Fact sheet on heat preparedness",
            "",
        ),
    };
    r.title = s(title);
    if !translated.is_empty() {
        r.title_translated = s(translated);
    }
    if !keep.is_empty() {
        let at = title.find(keep).expect("kept span in title");
        r.title_protected = vec![(at, at + keep.len())];
    }
    let year = |y: i32| {
        Some(Date {
            suffix: s("a"),
            ..Date::year(y)
        })
    };
    let day = |y: i32, m: u8, d: u8| {
        Some(Date {
            suffix: s("a"),
            ..ymd(y, Some(m), Some(d))
        })
    };
    let accessed = Some(ymd(2021, Some(5), Some(3)));
    match t {
        T::ArticleJournal => {
            r.id = s("grady2019emotionen");
            r.add_names(
                Role::Author,
                [person("Grady", "J. S."), person("Her", "M.")],
            );
            r.authors_elided = true;
            r.add_names(Role::Translator, [person("Moreno", "G.")]);
            r.issued = year(2019);
            r.container_title = s("Zeitschrift für Psychologie");
            r.volume = s("227");
            r.issue = s("3");
            r.page = s("207-217");
            r.status = s("Advance online publication");
            r.archive = s("PsycINFO");
            r.doi = s("10.1027/2151-2604/a000185");
            r.url = s("https://econtent.hogrefe.com/doi/10.1027/2151-2604/a000185");
            r.issn = s("2190-8370");
            r.pmid = s("31234567");
        }
        T::ArticleMagazine => {
            r.id = s("bergeson2019ziemlich");
            r.add_names(Role::Author, [person("Bergeson", "S.")]);
            r.issued = day(2019, 1, 4);
            r.container_title = s("Spektrum der Wissenschaft");
            r.volume = s("50");
            r.issue = s("2");
            r.page = s("33-34");
            r.url = s("https://www.spektrum.de/magazin/plasmen/1620000");
            r.issn = s("0170-2971");
        }
        T::ArticleNewspaper => {
            r.id = s("guarino2017menschheit");
            r.add_names(Role::Author, [person("Guarino", "B.")]);
            r.issued = day(2017, 12, 4);
            r.container_title = s("Süddeutsche Zeitung");
            r.page = s("A12");
            r.publisher_place = s("München");
            r.archive = s("ProQuest");
            r.url = s("https://www.sueddeutsche.de/wissen/leben-1.3776543");
            r.issn = s("0174-4917");
        }
        T::Article => {
            r.id = s("hampton2017autismus");
            r.add_names(
                Role::Author,
                [person("Hampton", "S."), person("Rabagliati", "H.")],
            );
            r.authors_elided = true;
            r.issued = year(2017);
            r.genre = s("Preprint");
            r.version = s("2");
            r.number = s("76xfs");
            r.publisher = s("PsyArXiv");
            r.doi = s("10.31234/osf.io/76xfs");
            r.url = s("https://psyarxiv.com/76xfs/");
        }
        T::Book => {
            r.id = s("freud1961ich");
            r.add_names(Role::Author, [person("Freud", "S.")]);
            r.add_names(Role::Editor, [person("Strachey", "J.")]);
            r.add_names(Role::Translator, [person("Riviere", "J.")]);
            r.add_names(Role::CollectionEditor, [person("Mitscherlich", "A.")]);
            r.issued = year(1961);
            r.original_date = Some(Date::year(1923));
            r.edition = s("2");
            r.volume = s("19");
            r.collection_title = s("Studienausgabe");
            r.collection_number = s("3");
            r.publisher = s("Fischer");
            r.publisher_place = s("Frankfurt am Main");
            r.isbn = s("978-3-596-10003-4");
            r.doi = s("10.1037/0000168-000");
            r.url = s("https://www.fischerverlage.de/buch/das-ich-und-das-es");
        }
        T::Chapter => {
            r.id = s("aron2019kochkunst");
            r.add_names(
                Role::Author,
                [person("Aron", "L."), person("Botella", "M.")],
            );
            r.add_names(Role::Editor, [person("Subotnik", "R. F.")]);
            r.add_names(Role::Translator, [person("Worrell", "F. C.")]);
            r.add_names(Role::ContainerAuthor, [person("Lubart", "T.")]);
            r.issued = year(2019);
            r.container_title = s("Die Psychologie der Hochleistung");
            r.collection_title = s("Handbuch der Psychologie");
            r.collection_number = s("4");
            r.volume = s("2");
            r.page = s("345-359");
            r.edition = s("3");
            r.publisher = s("Hogrefe");
            r.publisher_place = s("Göttingen");
            r.isbn = s("978-3-8017-2901-5");
            r.doi = s("10.1037/0000120-016");
            r.url = s("https://www.hogrefe.com/de/shop/psychologie-der-hochleistung");
        }
        T::EntryEncyclopedia => {
            r.id = s("graham2019behaviorismus");
            r.add_names(Role::Author, [person("Graham", "G.")]);
            r.add_names(Role::Editor, [person("Zalta", "E. N.")]);
            r.issued = year(2019);
            r.container_title = s("Enzyklopädie Philosophie");
            r.volume = s("1");
            r.page = s("281-285");
            r.edition = s("2");
            r.publisher = s("Meiner");
            r.publisher_place = s("Hamburg");
            r.isbn = s("978-3-7873-1999-2");
            r.url = s("https://meiner.de/enzyklopaedie/behaviorismus");
            r.accessed = accessed;
        }
        T::EntryDictionary => {
            r.id = s("duden2019kultur");
            r.add_names(Role::Author, [Name::literal("Dudenredaktion")]);
            r.issued = year(2019);
            r.container_title = s("Duden online");
            r.publisher = s("Bibliographisches Institut");
            r.publisher_place = s("Berlin");
            r.url = s("https://www.duden.de/rechtschreibung/Kultur");
            r.accessed = accessed;
        }
        T::PaperConference => {
            r.id = s("duckworth2019kognitive");
            r.add_names(
                Role::Author,
                [person("Duckworth", "A. L."), person("Quirk", "A.")],
            );
            r.authors_elided = true;
            r.add_names(Role::Editor, [person("Goel", "A. K.")]);
            r.issued = year(2019);
            r.container_title =
                s("Proceedings of the 41st Annual Conference of the Cognitive Science Society");
            r.collection_title = s("Lecture Notes in Computer Science");
            r.collection_number = s("11234");
            r.page = s("1699-1705");
            r.event_title = s("CogSci 2019");
            r.event_place = s("Montreal, Canada");
            r.publisher = s("Cognitive Science Society");
            r.publisher_place = s("Austin, TX");
            r.isbn = s("978-0-9911967-7-7");
            r.doi = s("10.1073/pnas.1910510116");
            r.url = s("https://cogsci.mindmodeling.org/2019/papers/0300/");
        }
        T::Speech => {
            r.id = s("evans2019waffengewalt");
            r.add_names(
                Role::Author,
                [
                    Name::Person(Person {
                        family: "Evans".into(),
                        given: s("A. C."),
                        suffix: s("Jr."),
                        ..Person::default()
                    }),
                    person("Garbarino", "J."),
                ],
            );
            r.issued = Some(Date {
                end: Some(DateParts {
                    year: 2019,
                    month: Some(8),
                    day: Some(11),
                }),
                suffix: s("a"),
                ..ymd(2019, Some(8), Some(8))
            });
            r.genre = s("Paper presentation");
            r.event_title = s("51. Kongress der Deutschen Gesellschaft für Psychologie");
            r.event_place = s("Wien, Österreich");
            r.url = s("https://www.dgps.de/kongress/2019/video/waffengewalt");
        }
        T::Report => {
            r.id = s("rki2019zeit");
            r.add_names(Role::Author, [Name::literal("Robert Koch-Institut")]);
            r.add_names(Role::Editor, [person("Lampert", "T.")]);
            r.issued = year(2019);
            r.genre = s("Forschungsbericht");
            r.number = s("18-2059");
            r.collection_title = s("Beiträge zur Gesundheitsberichterstattung des Bundes");
            r.collection_number = s("12");
            r.publisher = s("Bundesministerium für Gesundheit");
            r.publisher_place = s("Berlin");
            r.isbn = s("978-3-89606-290-6");
            r.doi = s("10.25646/6061");
            r.url = s("https://www.rki.de/publikationen/zeit-nehmen.pdf");
        }
        T::Thesis => {
            r.id = s("miranda2019erfahrungen");
            r.add_names(Role::Author, [person("Miranda", "C.")]);
            r.issued = year(2019);
            r.genre = s("Doctoral dissertation");
            r.number = s("27542827");
            r.publisher = s("Universität Wien");
            r.publisher_place = s("Wien");
            r.archive = s("ProQuest Dissertations and Theses Global");
            r.doi = s("10.25365/thesis.60522");
            r.url = s("https://utheses.univie.ac.at/detail/52851");
        }
        T::Webpage => {
            r.id = s("bologna2019angst");
            r.add_names(Role::Author, [person("Bologna", "C.")]);
            r.issued = day(2019, 10, 31);
            r.container_title = s("Bundeszentrale für politische Bildung");
            r.publisher = s("Bundesministerium des Innern");
            r.url = s("https://www.bpb.de/themen/angst-und-horror/");
            r.accessed = accessed;
        }
        T::PostWeblog => {
            r.id = s("klymkowsky2018wille");
            r.add_names(Role::Author, [person("Klymkowsky", "M.")]);
            r.issued = day(2018, 9, 15);
            r.container_title = s("Sci-Ed");
            r.publisher = s("PLOS");
            r.url = s("https://blogs.plos.org/scied/2018/09/15/freier-wille/");
            r.accessed = accessed;
        }
        T::Post => {
            r.id = s("gates2019alzheimer");
            r.add_names(Role::Author, [person("Gates", "B.")]);
            r.issued = day(2019, 9, 7);
            r.container_title = s("Twitter");
            r.genre = s("Tweet");
            r.medium = s("Image attached");
            r.url = s("https://twitter.com/BillGates/status/1170305718425137152");
            r.accessed = accessed;
        }
        T::Dataset => {
            r.id = s("gesis2018allbus");
            r.add_names(
                Role::Author,
                [person("Diekmann", "A."), person("Hadjar", "A.")],
            );
            r.authors_elided = true;
            r.issued = year(2018);
            r.genre = s("Data set");
            r.medium = s("SPSS file");
            r.version = s("2.0.0");
            r.number = s("ZA5270");
            r.publisher = s("GESIS");
            r.publisher_place = s("Köln");
            r.archive = s("GESIS Datenarchiv");
            r.doi = s("10.4232/1.13250");
            r.url = s("https://search.gesis.org/research_data/ZA5270");
            r.accessed = accessed;
        }
        T::Software => {
            r.id = s("borenstein2014metaanalyse");
            r.add_names(
                Role::Author,
                [person("Borenstein", "M."), person("Hedges", "L.")],
            );
            r.issued = year(2014);
            r.genre = s("Computer software");
            r.medium = s("Windows");
            r.version = s("3.3.070");
            r.publisher = s("Biostat");
            r.publisher_place = s("Englewood, NJ");
            r.doi = s("10.5281/zenodo.1234567");
            r.url = s("https://www.meta-analysis.com/");
            r.accessed = accessed;
        }
        T::Manuscript => {
            r.id = s("jerrentrup2018medizin");
            r.add_names(
                Role::Author,
                [person("Jerrentrup", "A."), person("Mueller", "T.")],
            );
            r.issued = year(2018);
            r.genre = s("Unpublished manuscript");
            r.publisher = s("Fachbereich Psychologie, Universität Marburg");
            r.publisher_place = s("Marburg");
            r.archive = s("Universitätsarchiv Marburg");
        }
        T::MotionPicture => {
            r.id = s("forman1975kuckucksnest");
            r.add_names(Role::Director, [person("Forman", "M.")]);
            r.add_names(Role::Producer, [person("Zaentz", "S.")]);
            r.add_names(Role::Composer, [person("Nitzsche", "J.")]);
            r.issued = year(2002);
            r.original_date = Some(Date::year(1975));
            r.genre = s("Film");
            r.medium = s("DVD");
            r.publisher = s("Warner Home Video");
            r.publisher_place = s("Hamburg");
            r.url = s("https://www.filmportal.de/film/einer-flog-ueber-das-kuckucksnest");
        }
        T::Broadcast => {
            r.id = s("glass2011vergnuegungspark");
            r.add_names(Role::Host, [person("Glass", "I.")]);
            r.add_names(Role::Producer, [person("Snyder", "J.")]);
            r.add_names(Role::Interviewer, [person("Koenig", "S.")]);
            r.add_names(Role::Performer, [person("Sedaris", "D.")]);
            r.issued = day(2011, 8, 12);
            r.container_title = s("This American Life");
            r.number = s("443");
            r.genre = s("Audio podcast episode");
            r.publisher = s("WBEZ Chicago");
            r.publisher_place = s("Chicago, IL");
            r.url = s("https://www.thisamericanlife.org/443/amusement-park");
        }
        T::LegalCase => {
            r.id = s("brown1954");
            r.language = s("en");
            r.issued = year(1954);
            r.authority = s("U.S. Supreme Court");
            r.container_title = s("U.S.");
            r.volume = s("347");
            r.page = s("483");
            r.number = s("No. 1");
            r.url = s("https://www.oyez.org/cases/1940-1955/347us483");
        }
        T::Legislation => {
            r.id = s("idea2004");
            r.language = s("en");
            r.issued = year(2004);
            r.container_title = s("U.S.C.");
            r.volume = s("20");
            r.section = s("§ 1400 et seq.");
            r.number = s("Pub. L. No. 108-446");
            r.url = s("https://www.law.cornell.edu/uscode/text/20/1400");
        }
        T::Graphic => {
            r.id = s("lange1936mutter");
            r.add_names(Role::Author, [person("Lange", "D.")]);
            r.issued = year(1936);
            r.genre = s("Photograph");
            r.medium = s("Gelatin silver print");
            r.publisher = s("Museum of Modern Art");
            r.publisher_place = s("New York, NY");
            r.archive = s("MoMA Photography Collection");
            r.url = s("https://www.moma.org/collection/works/50989");
        }
        T::Review => {
            r.id = s("mirabito2016minderheiten");
            r.add_names(
                Role::Author,
                [person("Mirabito", "L. A."), person("Heck", "N. C.")],
            );
            r.add_names(Role::ReviewedAuthor, [person("Dorsey", "L. B.")]);
            r.issued = day(2016, 4, 2);
            r.genre = s("Review of the book Sexual minority research, by L. B. Dorsey");
            r.container_title = s("Literaturkritik.de");
            r.url = s("https://literaturkritik.de/minderheiten-rezension,22000.html");
            r.accessed = accessed;
        }
        _ => {
            r.id = s("dwd2020hitze");
            r.add_names(Role::Author, [Name::literal("Deutscher Wetterdienst")]);
            r.add_names(Role::Contributor, [person("Becker", "P.")]);
            r.issued = year(2020);
            r.genre = s("Brochure");
            r.publisher = s("Bundesamt für Bevölkerungsschutz");
            r.publisher_place = s("Bonn");
            r.url = s("https://www.dwd.de/hitze/merkblatt.pdf");
            r.accessed = accessed;
        }
    }
    r
}

/// Text compared: dashes, whitespace and `--` made uniform.
fn norm(s: &str) -> String {
    refmill::write::loss::norm(s)
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_deref().map(norm).filter(|v| !v.is_empty())
}

/// The names with `role`, `Family, Given, Suffix; …`; a group name as it is.
fn names(r: &Reference, role: Role) -> Option<String> {
    let all: Vec<String> = r
        .names(role)
        .map(|n| match n {
            Name::Literal(l) => norm(l),
            Name::Person(p) => {
                let (family, given) = p.inverted_parts();
                let mut out = format!("{}, {}", norm(&family), norm(&given));
                if let Some(sfx) = p.suffix.as_deref().filter(|x| !x.is_empty()) {
                    out = format!("{out}, {}", norm(sfx));
                }
                out
            }
        })
        .collect();
    (!all.is_empty()).then(|| all.join("; "))
}

/// A date without its year suffix (which has a row of its own).
fn date(d: &Option<Date>) -> Option<String> {
    use refmill::model::DateStatus;
    let d = d.as_ref()?;
    let part = |p: &DateParts| {
        let mut out = p.year.to_string();
        if let Some(m) = p.month {
            write!(out, "-{m:02}").unwrap();
            if let Some(day) = p.day {
                write!(out, "-{day:02}").unwrap();
            }
        }
        out
    };
    let mut out = String::new();
    if d.circa {
        out.push_str("ca. ");
    }
    if let Some(season) = d.season {
        write!(out, "{season:?} ").unwrap();
    }
    if let Some(start) = &d.start {
        out.push_str(&part(start));
    }
    if let Some(end) = d.end.as_ref().filter(|e| Some(**e) != d.start) {
        write!(out, "/{}", part(end)).unwrap();
    }
    if let Some(l) = &d.literal {
        write!(out, "{}{}", if out.is_empty() { "" } else { " " }, norm(l)).unwrap();
    }
    match d.status {
        DateStatus::Dated => {}
        DateStatus::NoDate => out.push_str("n.d."),
        DateStatus::InPress => out.push_str(" in press"),
        DateStatus::Forthcoming => out.push_str(" forthcoming"),
    }
    let out = out.trim().to_string();
    (!out.is_empty()).then_some(out)
}

/// What a row holds: how its values are compared and found in a note.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Text, equal after `norm`.
    Text,
    /// A name list: in the note when every family or group name is.
    Names,
    /// A date: in the note when its year is.
    Date,
    /// The year suffix: in the note as `2019a` or a `suffix` label.
    Suffix,
    /// The elision marker.
    Elided,
    /// Keywords, joined by `; `.
    Keywords,
    /// Case-protected title spans, joined by `|`: kept when every written
    /// span is among those read back (writers may protect more).
    Protected,
    /// The note: kept when its text is in the note read back (the fields
    /// a format keeps only in the note are added to it).
    Note,
    /// `2`, `2nd`, `2nd ed.`, `second` are the same edition.
    Edition,
}

/// One row of the tables: a field of the model.
struct Row {
    name: &'static str,
    kind: Kind,
    /// The value compared, `None` when the field is not set.
    get: fn(&Reference) -> Option<String>,
    /// Words a diagnostic uses for the field (lower case).
    words: &'static [&'static str],
    /// The `Field` a diagnostic names it by, where only this row has it.
    field: Option<Field>,
}

const fn row(
    name: &'static str,
    kind: Kind,
    get: fn(&Reference) -> Option<String>,
    words: &'static [&'static str],
    field: Option<Field>,
) -> Row {
    Row {
        name,
        kind,
        get,
        words,
        field,
    }
}

/// The rows of every table, in order.
fn rows() -> Vec<Row> {
    use Kind as K;
    vec![
        row(
            "type",
            K::Text,
            |r| Some(r.item_type.csl_name().to_string()),
            &["type"],
            Some(Field::Type),
        ),
        row("id / key", K::Text, |r| text(&r.id), &["key", " id"], None),
        row(
            "author",
            K::Names,
            |r| names(r, Role::Author),
            &["author", "group name"],
            Some(Field::Author),
        ),
        row(
            "authors elided",
            K::Elided,
            |r| r.authors_elided.then(|| "yes".to_string()),
            &["elided", "ellipsis"],
            None,
        ),
        row(
            "editor",
            K::Names,
            |r| names(r, Role::Editor),
            &["editor"],
            Some(Field::Editor),
        ),
        row(
            "translator",
            K::Names,
            |r| names(r, Role::Translator),
            &["translator"],
            Some(Field::Translator),
        ),
        row(
            "director",
            K::Names,
            |r| names(r, Role::Director),
            &["director"],
            None,
        ),
        row(
            "producer",
            K::Names,
            |r| names(r, Role::Producer),
            &["producer"],
            None,
        ),
        row("host", K::Names, |r| names(r, Role::Host), &["host"], None),
        row(
            "interviewer",
            K::Names,
            |r| names(r, Role::Interviewer),
            &["interviewer"],
            None,
        ),
        row(
            "performer",
            K::Names,
            |r| names(r, Role::Performer),
            &["performer"],
            None,
        ),
        row(
            "composer",
            K::Names,
            |r| names(r, Role::Composer),
            &["composer"],
            None,
        ),
        row(
            "reviewed author",
            K::Names,
            |r| names(r, Role::ReviewedAuthor),
            &["reviewed"],
            None,
        ),
        row(
            "series editor",
            K::Names,
            |r| names(r, Role::CollectionEditor),
            &["series editor", "collection-editor", "collection editor"],
            None,
        ),
        row(
            "container author",
            K::Names,
            |r| names(r, Role::ContainerAuthor),
            &["container-author", "container author", "book author"],
            None,
        ),
        row(
            "contributor",
            K::Names,
            |r| names(r, Role::Contributor),
            &["contributor"],
            None,
        ),
        row("date", K::Date, |r| date(&r.issued), &["date"], None),
        row(
            "year suffix",
            K::Suffix,
            |r| r.issued.as_ref().and_then(|d| text(&d.suffix)),
            &["year suffix"],
            None,
        ),
        row(
            "original date",
            K::Date,
            |r| date(&r.original_date),
            &["original"],
            Some(Field::OriginalDate),
        ),
        row(
            "accessed",
            K::Date,
            |r| date(&r.accessed),
            &["access"],
            Some(Field::Accessed),
        ),
        row(
            "title",
            K::Text,
            |r| text(&r.title),
            &["title"],
            Some(Field::Title),
        ),
        row(
            "title case protection",
            K::Protected,
            |r| {
                // The title with the protected spans in braces.
                let t = r.title.as_deref()?;
                let mut spans = r.title_protected.clone();
                spans.sort_unstable();
                let mut out = String::new();
                let mut at = 0;
                for (a, b) in spans {
                    if a < at || t.get(a..b).is_none() {
                        continue;
                    }
                    out.push_str(&t[at..a]);
                    out.push('{');
                    out.push_str(&t[a..b]);
                    out.push('}');
                    at = b;
                }
                (at > 0).then(|| format!("{out}{}", &t[at..]))
            },
            &["protect", "case"],
            None,
        ),
        row(
            "translated title",
            K::Text,
            |r| text(&r.title_translated),
            &["translated title"],
            Some(Field::TitleTranslated),
        ),
        row(
            "container title",
            K::Text,
            |r| text(&r.container_title),
            &["container", "journal", "book title"],
            Some(Field::ContainerTitle),
        ),
        row(
            "series",
            K::Text,
            |r| text(&r.collection_title),
            &["series"],
            None,
        ),
        row(
            "series number",
            K::Text,
            |r| text(&r.collection_number),
            &["series number", "series"],
            None,
        ),
        row(
            "volume",
            K::Text,
            |r| text(&r.volume),
            &["volume"],
            Some(Field::Volume),
        ),
        row(
            "issue",
            K::Text,
            |r| text(&r.issue),
            &["issue"],
            Some(Field::Issue),
        ),
        row(
            "page",
            K::Text,
            |r| text(&r.page),
            &["page"],
            Some(Field::Page),
        ),
        row(
            "number",
            K::Text,
            |r| text(&r.number),
            &["number"],
            Some(Field::Number),
        ),
        row(
            "edition",
            K::Edition,
            |r| text(&r.edition),
            &["edition"],
            Some(Field::Edition),
        ),
        row(
            "version",
            K::Text,
            |r| text(&r.version),
            &["version"],
            Some(Field::Version),
        ),
        row(
            "genre",
            K::Text,
            |r| text(&r.genre),
            &["genre", "description"],
            Some(Field::Genre),
        ),
        row(
            "medium",
            K::Text,
            |r| text(&r.medium),
            &["medium", "description"],
            None,
        ),
        row(
            "publisher",
            K::Text,
            |r| text(&r.publisher),
            &["publisher", "institution", "organization", "school"],
            Some(Field::Publisher),
        ),
        row(
            "place",
            K::Text,
            |r| text(&r.publisher_place),
            &["place", "address", "location"],
            None,
        ),
        row(
            "event",
            K::Text,
            |r| text(&r.event_title),
            &["event"],
            Some(Field::EventTitle),
        ),
        row(
            "event place",
            K::Text,
            |r| text(&r.event_place),
            &["event place", "place"],
            None,
        ),
        row(
            "court",
            K::Text,
            |r| text(&r.authority),
            &["court", "authority"],
            None,
        ),
        row("section", K::Text, |r| text(&r.section), &["section"], None),
        row(
            "archive",
            K::Text,
            |r| text(&r.archive),
            &["archive"],
            Some(Field::Archive),
        ),
        row(
            "status",
            K::Text,
            |r| text(&r.status),
            &["status"],
            Some(Field::Status),
        ),
        row("DOI", K::Text, |r| text(&r.doi), &["doi"], Some(Field::Doi)),
        row("URL", K::Text, |r| text(&r.url), &["url"], Some(Field::Url)),
        row(
            "ISBN",
            K::Text,
            |r| text(&r.isbn),
            &["isbn"],
            Some(Field::Isbn),
        ),
        row(
            "ISSN",
            K::Text,
            |r| text(&r.issn),
            &["issn"],
            Some(Field::Issn),
        ),
        row("PMID", K::Text, |r| text(&r.pmid), &["pmid"], None),
        row(
            "abstract",
            K::Text,
            |r| text(&r.abstract_text),
            &["abstract"],
            None,
        ),
        row(
            "keywords",
            K::Keywords,
            |r| {
                let all: Vec<String> = r.keywords.iter().map(|k| norm(k)).collect();
                (!all.is_empty()).then(|| all.join("; "))
            },
            &["keyword"],
            None,
        ),
        row(
            "language",
            K::Text,
            |r| text(&r.language),
            &["language"],
            None,
        ),
        row("note", K::Note, |r| text(&r.note), &[], None),
    ]
}

/// `2nd`, `2nd ed.`, `second edition` → `2`.
fn edition_key(e: &str) -> String {
    let l = e.to_lowercase();
    let l = l
        .trim_end_matches('.')
        .trim_end_matches(" edition")
        .trim_end_matches(" ed")
        .trim();
    let words = ["first", "second", "third", "fourth", "fifth"];
    if let Some(i) = words.iter().position(|w| *w == l) {
        return (i + 1).to_string();
    }
    l.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .to_string()
}

/// Whether the value read back is the one written.
fn same(kind: Kind, written: &str, back: &str) -> bool {
    match kind {
        Kind::Protected => {
            // Every letter protected when written is protected when read
            // back (a writer may protect a whole word around it).
            let letters = |t: &str| -> (String, Vec<bool>) {
                let mut depth = 0;
                let mut text = String::new();
                let mut kept = Vec::new();
                for c in t.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        c => {
                            text.push(c);
                            kept.push(depth > 0 || !c.is_alphabetic());
                        }
                    }
                }
                (text, kept)
            };
            let (wt, wk) = letters(written);
            let (bt, bk) = letters(back);
            wt == bt && wk.iter().zip(&bk).all(|(w, b)| !w || *b)
        }
        Kind::Note => back.contains(written.trim_end_matches('.')),
        Kind::Edition => edition_key(written) == edition_key(back),
        _ => written == back,
    }
}

/// Whether `needle` occurs in `hay` as a whole (not inside a word).
fn occurs(hay: &str, needle: &str) -> bool {
    !needle.is_empty()
        && hay.match_indices(needle).any(|(at, _)| {
            let before = hay[..at].chars().next_back();
            let after = hay[at + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// Whether the written value of a row is in the note read back.
fn in_note(kind: Kind, written: &Reference, value: &str, note: &str) -> bool {
    let lower = note.to_lowercase();
    match kind {
        Kind::Protected | Kind::Note => false,
        Kind::Suffix => {
            written
                .year()
                .is_some_and(|y| note.contains(&format!("{y}{value}")))
                || lower.contains("suffix")
        }
        Kind::Elided => ["others", "et al", "elided"]
            .iter()
            .any(|w| lower.contains(w)),
        Kind::Date => occurs(note, value.get(..4).unwrap_or(value)),
        Kind::Keywords => value.split("; ").all(|k| occurs(note, k)),
        Kind::Names => value
            .split("; ")
            .all(|n| occurs(note, n.split(", ").next().unwrap_or(n))),
        Kind::Text | Kind::Edition => occurs(note, value),
    }
}

/// What became of one field of one record in one format.
#[derive(Clone, PartialEq)]
enum Cell {
    /// The record does not set the field.
    Unset,
    /// It comes back equal.
    Kept,
    /// It is written only into the note or Extra text, and refmill's
    /// reader takes it back into its field.
    NoteRead,
    /// It is written only into the note and stays there.
    Note,
    /// It comes back changed: the value written and what came back.
    Changed(String, String),
    /// It does not come back.
    Lost,
}

impl Cell {
    fn symbol(&self) -> &'static str {
        match self {
            Cell::Unset => "·",
            Cell::Kept => "✓",
            Cell::NoteRead | Cell::Note => "note",
            Cell::Changed(..) => "~",
            Cell::Lost => "✗",
        }
    }
}

/// `written` without its note and Extra text: BibTeX's `note` field, RIS's
/// `N1` and `M2` lines, CSL-JSON's and CSV's `note`.
fn without_note(format: Format, written: &str) -> String {
    match format {
        Format::Ris => written
            .lines()
            .filter(|l| !l.starts_with("N1  -") && !l.starts_with("M2  -"))
            .map(|l| format!("{l}\n"))
            .collect(),
        Format::Bibtex | Format::Biblatex => {
            let Some(start) = written.find("\n  note = {") else {
                return written.to_string();
            };
            // To the brace that closes the value.
            let mut depth = 0;
            let mut end = written.len();
            for (i, c) in written[start..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = start + i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let end = end + usize::from(written[end..].starts_with(','));
            format!("{}{}", &written[..start], &written[end..])
        }
        Format::CslJson => {
            let mut items: serde_json::Value =
                serde_json::from_str(written).expect("the CSL-JSON written parses");
            for item in items.as_array_mut().into_iter().flatten() {
                if let Some(o) = item.as_object_mut() {
                    o.remove("note");
                }
            }
            serde_json::to_string_pretty(&items).expect("JSON")
        }
        Format::Csv => {
            let mut rd = csv::Reader::from_reader(written.as_bytes());
            let header = rd.headers().expect("the CSV written has a header").clone();
            let note = header.iter().position(|h| h == "note");
            let mut wr = csv::Writer::from_writer(Vec::new());
            wr.write_record(&header).expect("CSV");
            for row in rd.records() {
                let row = row.expect("the CSV written parses");
                let cells = row
                    .iter()
                    .enumerate()
                    .map(|(i, c)| if Some(i) == note { "" } else { c });
                wr.write_record(cells).expect("CSV");
            }
            String::from_utf8(wr.into_inner().expect("CSV")).expect("UTF-8")
        }
        _ => written.to_string(),
    }
}

/// Reads `text` in `format`: one record.
fn read_one(format: Format, text: &str) -> Reference {
    let input: InputFormat = format.name().parse().expect("a format refmill reads");
    let mut back = read::read_all(input, text);
    assert!(
        back.skipped.is_empty() && back.records.len() == 1,
        "{format}: the output does not read back as one record:\n{text}"
    );
    back.records.remove(0).reference
}

/// Writes `r` alone in `format` (with the loss diagnostics) and reads it
/// back with refmill's reader for that format.
fn through(format: Format, r: &Reference) -> (String, Reference, Vec<Diagnostic>) {
    let mut w = write::writer_for(format, &WriteOptions::default());
    let mut out = Vec::new();
    let mut diags = Vec::new();
    w.begin(&mut out).expect("write to memory");
    w.write_record(&mut out, r, &mut diags)
        .expect("write to memory");
    w.finish(&mut out).expect("write to memory");
    let written = String::from_utf8(out).expect("UTF-8 output");
    let back = read_one(format, &written);
    (written, back, diags)
}

/// What became of `row` of `written` when it was read back as `back`, and
/// as `bare` without the note and Extra text.
fn classify(
    row: &Row,
    rows: &[Row],
    written: &Reference,
    back: &Reference,
    bare: &Reference,
) -> Cell {
    let Some(value) = (row.get)(written) else {
        return Cell::Unset;
    };
    // A genre that only says what the type says (`Preprint` on a
    // preprint) is kept when the type is.
    let restates_type = |r: &Reference, g: &str| {
        matches!(
            (r.item_type, g.to_lowercase().as_str()),
            (ItemType::Article, "preprint")
                | (ItemType::Dataset, "data set")
                | (ItemType::Software, "computer software")
        )
    };
    let kept = |back: &Reference| match (row.get)(back) {
        Some(b) => same(row.kind, &value, &b),
        None => {
            row.name == "genre"
                && restates_type(written, &value)
                && back.item_type == written.item_type
        }
    };
    if kept(back) {
        // Kept in a field of its own, or only through the note.
        return if row.kind == Kind::Note || kept(bare) {
            Cell::Kept
        } else {
            Cell::NoteRead
        };
    }
    let own = (row.get)(back);
    let part = value.trim_end_matches('.');
    if let Some(b) = &own
        && occurs(b, part)
    {
        // More than was written: other text ran into the value.
        return Cell::Changed(value, b.clone());
    }
    // Read back as another field, or as part of one (the note aside).
    let others = || {
        rows.iter()
            .filter(|o| o.name != row.name && o.kind != Kind::Note)
    };
    if let Some(other) = others().find(|o| {
        (o.get)(back).as_deref() == Some(value.as_str())
            && (o.get)(written).as_deref() != Some(value.as_str())
    }) {
        return Cell::Changed(value, format!("the {}", other.name));
    }
    if part.chars().count() >= 2
        && let Some(other) = others().find(|o| {
            (o.get)(back).is_some_and(|b| occurs(&b, part))
                && !(o.get)(written).is_some_and(|w| occurs(&w, part))
        })
    {
        return Cell::Changed(value, format!("part of the {}", other.name));
    }
    if let Some(b) = own {
        return Cell::Changed(value, b);
    }
    let note = back.note.as_deref().map(norm).unwrap_or_default();
    if in_note(row.kind, written, &value, &note) {
        Cell::Note
    } else {
        Cell::Lost
    }
}

/// The first of `diags` that names the field of `row`.
fn naming<'a>(row: &Row, diags: &'a [Diagnostic]) -> Option<&'a Diagnostic> {
    diags.iter().find(|d| {
        let m = d.message.to_lowercase();
        row.words.iter().any(|w| m.contains(w)) || (row.field.is_some() && d.field == row.field)
    })
}

/// The table of one format: `cells[row][type]`.
struct Table {
    format: Format,
    cells: Vec<Vec<Cell>>,
}

/// The measured tables, and the losses no diagnostic names.
struct Measured {
    rows: Vec<Row>,
    tables: Vec<Table>,
    unnamed: Vec<String>,
    /// For each loss that a diagnostic names: which one (for checking the
    /// words matched, with `FIELD_TABLE_DEBUG=1`).
    named_by: Vec<String>,
}

fn measure() -> Measured {
    let rows = rows();
    let mut unnamed = Vec::new();
    let mut named_by = Vec::new();
    let mut tables = Vec::new();
    let records: Vec<Reference> = TYPES.iter().map(|&(t, _)| record(t)).collect();
    for format in FORMATS {
        let mut cells = vec![Vec::new(); rows.len()];
        for (r, &(t, _)) in records.iter().zip(&TYPES) {
            let (written, back, diags) = through(format, r);
            let bare = read_one(format, &without_note(format, &written));
            for (i, row) in rows.iter().enumerate() {
                let cell = classify(row, &rows, r, &back, &bare);
                let named = naming(row, &diags);
                let comes_back = matches!(cell, Cell::Unset | Cell::Kept | Cell::NoteRead);
                if let (Some(d), false) = (named, comes_back) {
                    named_by.push(format!(
                        "{format}: {t}: {} {}: {}",
                        row.name,
                        cell.symbol(),
                        d.message
                    ));
                }
                // Formats without a case mark keep the title's text with its
                // capitals; `src/write/loss.rs` does not report that, on
                // purpose.
                let by_design = row.kind == Kind::Protected && cell == Cell::Lost;
                if !comes_back && named.is_none() && !by_design {
                    let what = match &cell {
                        Cell::Changed(a, b) => format!("`{a}` came back as `{b}`"),
                        Cell::Note => "kept only in the note".to_string(),
                        _ => "lost".to_string(),
                    };
                    let said: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
                    unnamed.push(format!(
                        "{format}: {t}: {} {what}, and no diagnostic names it \
                         (diagnostics: {said:?})\n{written}",
                        row.name
                    ));
                }
                cells[i].push(cell);
            }
        }
        tables.push(Table { format, cells });
    }
    Measured {
        rows,
        tables,
        unnamed,
        named_by,
    }
}

/// What the record of a type is.
fn label(t: ItemType) -> &'static str {
    use ItemType as T;
    match t {
        T::ArticleJournal => "journal article, advance online publication",
        T::ArticleMagazine => "magazine article",
        T::ArticleNewspaper => "newspaper article",
        T::Article => "preprint",
        T::Book => "translated, edited book in a series, with original date",
        T::Chapter => "chapter in an edited book by another author",
        T::EntryEncyclopedia => "encyclopedia entry",
        T::EntryDictionary => "dictionary entry, group author",
        T::PaperConference => "paper in proceedings in a series",
        T::Speech => "conference talk, date range",
        T::Report => "report in a series, group author",
        T::Thesis => "doctoral dissertation in a database",
        T::Webpage => "web page",
        T::PostWeblog => "blog post",
        T::Post => "tweet",
        T::Dataset => "data set",
        T::Software => "software",
        T::Manuscript => "unpublished manuscript in an archive",
        T::MotionPicture => "film on DVD, with original date",
        T::Broadcast => "podcast episode",
        T::LegalCase => "court case",
        T::Legislation => "statute",
        T::Graphic => "photograph in a museum",
        T::Review => "book review on a web site",
        _ => "brochure, group author",
    }
}

fn format_title(f: Format) -> &'static str {
    match f {
        Format::CslJson => "CSL-JSON",
        Format::Bibtex => "BibTeX",
        Format::Biblatex => "BibLaTeX",
        Format::Ris => "RIS",
        Format::Csv => "CSV",
        _ => f.name(),
    }
}

/// `field (a, b); field (c)` for the cells of `table` that `pick` accepts.
fn listed(rows: &[Row], table: &Table, pick: impl Fn(&Cell) -> bool) -> String {
    let parts: Vec<String> = rows
        .iter()
        .zip(&table.cells)
        .filter_map(|(row, cells)| {
            let types: Vec<&str> = cells
                .iter()
                .zip(&TYPES)
                .filter(|(c, _)| pick(c))
                .map(|(_, &(_, abbr))| abbr)
                .collect();
            (!types.is_empty()).then(|| format!("{} ({})", row.name, types.join(", ")))
        })
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join("; ")
    }
}

/// The Markdown of `docs/fields.md`, with what was measured.
fn generate() -> (String, Measured) {
    let m = measure();
    let mut md = String::new();
    md.push_str(INTRO);
    md.push_str("\n| column | item type | the record |\n|---|---|---|\n");
    for (t, abbr) in TYPES {
        writeln!(md, "| {abbr} | `{}` | {} |", t.csl_name(), label(t)).unwrap();
    }
    md.push_str(
        "\n## Summary\n\nCells of every table (fields set on a record), by outcome:\n\n\
         | format | fields set | ✓ | note | ~ | ✗ |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for table in &m.tables {
        let count = |p: fn(&Cell) -> bool| table.cells.iter().flatten().filter(|c| p(c)).count();
        writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |",
            format_title(table.format),
            count(|c| *c != Cell::Unset),
            count(|c| *c == Cell::Kept),
            count(|c| matches!(c, Cell::Note | Cell::NoteRead)),
            count(|c| matches!(c, Cell::Changed(..))),
            count(|c| *c == Cell::Lost),
        )
        .unwrap();
    }
    for table in &m.tables {
        writeln!(
            md,
            "\n## {} (`--to {}`)\n",
            format_title(table.format),
            table.format.name()
        )
        .unwrap();
        md.push_str("| field |");
        for (_, abbr) in TYPES {
            write!(md, " {abbr} |").unwrap();
        }
        md.push_str("\n|---|");
        md.push_str(&":-:|".repeat(TYPES.len()));
        md.push('\n');
        for (row, cells) in m.rows.iter().zip(&table.cells) {
            write!(md, "| {} |", row.name).unwrap();
            for c in cells {
                write!(md, " {} |", c.symbol()).unwrap();
            }
            md.push('\n');
        }
        writeln!(
            md,
            "\n* **Lost** (✗): {}.",
            listed(&m.rows, table, |c| *c == Cell::Lost)
        )
        .unwrap();
        writeln!(
            md,
            "* **Only in the note**, read back into the field by refmill: {}.",
            listed(&m.rows, table, |c| *c == Cell::NoteRead)
        )
        .unwrap();
        writeln!(
            md,
            "* **Only in the note**, and left there by refmill's reader: {}.",
            listed(&m.rows, table, |c| *c == Cell::Note)
        )
        .unwrap();
        let mut changed = Vec::new();
        for (row, cells) in m.rows.iter().zip(&table.cells) {
            for (c, &(_, abbr)) in cells.iter().zip(&TYPES) {
                if let Cell::Changed(a, b) = c {
                    let b = if b.starts_with("the ") || b.starts_with("part of the ") {
                        b.clone()
                    } else {
                        format!("`{b}`")
                    };
                    changed.push(format!("  * {} ({abbr}): `{a}` → {b}", row.name));
                }
            }
        }
        if changed.is_empty() {
            md.push_str("* **Changed** (~): none.\n");
        } else {
            md.push_str("* **Changed** (~):\n");
            for c in changed {
                md.push_str(&c);
                md.push('\n');
            }
        }
    }
    (md, m)
}

const INTRO: &str = "\
# Which fields each format carries

For each format refmill both writes and reads (CSL-JSON, BibTeX, BibLaTeX,
RIS, CSV) and each item type the APA reader produces: which fields of a
record survive. The measure is a round trip through refmill itself. For each
type, one record with every field that makes sense for that type set to a
realistic value (a German-language work with an English translated title, a
year suffix, a note …) is written alone with the default options (what
`refmill convert --to FORMAT` writes; CSL-JSON is Zotero-compatible), read
back with refmill's reader for the same format, and compared field by field.
Other programs may read the same file differently: where Zotero puts each
value is in [`docs/zotero.md`](zotero.md).

This page is generated by `cargo run --example field_table > docs/fields.md`
(the records are in `examples/field_table.rs`); `cargo test --test
field_table` fails when the page is out of date.

| symbol | meaning |
|---|---|
| ✓ | comes back equal, from a field of its own |
| note | written only as text in the note (BibTeX `note`, RIS `N1` and `M2`, which Zotero reads into *Extra*, CSL-JSON `note`): found by reading the output again with that text removed. The lists under each table say which of these refmill's reader takes back into the field |
| ~ | comes back changed: another value, in another field, or with other text run into it; each is listed under the table |
| ✗ | does not come back |
| · | not set on that type's record |

How values are compared:

* text with dashes and spaces made uniform; `2nd` and `2` are the same
  edition; names as `Family, Given, Suffix`, a group name as it is;
* dates with month, day and range end; the year suffix (`2019a`) has a row
  of its own;
* the note counts as kept when its text is in the note read back (values
  kept only in the note are added to it);
* a genre that only says what the type says (`Preprint` on a preprint,
  `Data set`, `Computer software`) counts as kept when the type comes back;
* title case protection (the `{NASA}` of a BibTeX title, kept by refmill as
  spans of the title) counts as kept when every protected letter is
  protected again (writers may protect whole words around it). The other
  formats have no mark for it; their writers keep the title's text and
  capitals and do not report the spans as lost.

Every value that does not come back should be named by a loss diagnostic of
the writer (a `note:` line on the command line); the program prints each
one that is not to standard error. The APA reader's provenance (`raw`,
`span`) is not written by these formats and is not measured.

Columns:
";

fn main() {
    let (md, m) = generate();
    print!("{md}");
    if std::env::var_os("FIELD_TABLE_DEBUG").is_some() {
        for n in &m.named_by {
            eprintln!("named: {n}");
        }
    }
    for u in &m.unnamed {
        eprintln!("field_table: {u}\n");
    }
}
