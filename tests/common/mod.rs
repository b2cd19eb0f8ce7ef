//! Hand-built references shared by the writer tests: every item type the
//! APA reader produces, and the awkward cases (group names, particles,
//! suffixes, elided authors, n.d., in press, ranges, e-locators, special
//! characters, accents, scripts without a LaTeX macro).
#![allow(dead_code)]

pub mod readback;

use refmill::model::{
    Date, DateParts, DateStatus, ItemType, Name, Person, Reference, Role, Season, SourceSpan,
};

pub fn person(family: &str, given: &str) -> Name {
    Name::person(family, Some(given))
}

pub fn particle(particle: &str, family: &str, given: &str) -> Name {
    Name::Person(Person {
        family: family.into(),
        given: Some(given.into()),
        particle: Some(particle.into()),
        ..Person::default()
    })
}

pub fn suffixed(family: &str, given: &str, suffix: &str) -> Name {
    Name::Person(Person {
        family: family.into(),
        given: Some(given.into()),
        suffix: Some(suffix.into()),
        ..Person::default()
    })
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

pub fn base(item_type: ItemType, line: usize, title: &str) -> Reference {
    Reference {
        item_type,
        title: s(title),
        span: Some(SourceSpan {
            line,
            end_line: line,
        }),
        ..Reference::default()
    }
}

pub fn range(a: (i32, u8, u8), b: (i32, u8, u8)) -> Date {
    Date {
        start: Some(DateParts {
            year: a.0,
            month: Some(a.1),
            day: Some(a.2),
        }),
        end: Some(DateParts {
            year: b.0,
            month: Some(b.1),
            day: Some(b.2),
        }),
        ..Date::default()
    }
}

pub fn status(st: DateStatus) -> Date {
    Date {
        status: st,
        ..Date::default()
    }
}

/// A journal article with an elided author list (APA 6 "… &").
pub fn glue() -> Reference {
    let mut r = base(
        ItemType::ArticleJournal,
        1,
        "Ketamine’s dose-related effects on anxiety symptoms in patients with treatment-refractory anxiety disorders",
    );
    r.add_names(
        Role::Author,
        [
            person("Glue", "P."),
            person("Medlicott", "N."),
            person("McNaughton", "N."),
        ],
    );
    r.authors_elided = true;
    r.issued = Some(Date::year(2017));
    r.container_title = s("Journal of Psychopharmacology");
    r.volume = s("31");
    r.issue = s("10");
    r.page = s("1302–1305");
    r.doi = s("10.1177/0269881117705089");
    r
}

/// The small fixed set the snapshot tests use.
pub fn small() -> Vec<Reference> {
    let all = fixtures();
    [
        "glue", "chapter", "edited", "report", "thesis", "webpage", "special", "accents",
    ]
    .iter()
    .map(|k| {
        all.iter()
            .find(|r| r.id.as_deref() == Some(*k))
            .cloned()
            .expect("fixture")
    })
    .collect()
}

/// The broad fixture list (each with an `id` naming the case).
pub fn fixtures() -> Vec<Reference> {
    let mut out = Vec::new();
    let mut push = |id: &str, mut r: Reference| {
        r.id = Some(id.to_string());
        out.push(r);
    };

    push("glue", glue());

    let mut r = base(
        ItemType::ArticleJournal,
        3,
        "Body ownership increases the interference between observed and executed movements",
    );
    r.add_names(
        Role::Author,
        [
            person("Burin", "D."),
            person("Kilteni", "K."),
            person("Slater", "M."),
        ],
    );
    r.issued = Some(Date::year(2019));
    r.container_title = s("PLOS ONE");
    r.volume = s("14");
    r.issue = s("1");
    r.page = s("e0209899");
    r.doi = s("10.1371/journal.pone.0209899");
    push("elocator", r);

    let mut r = base(
        ItemType::ArticleJournal,
        5,
        "Mindfulness at work: A meta-analysis",
    );
    r.add_names(Role::Author, [person("Chen", "L.")]);
    r.issued = Some(Date::year(2021));
    r.container_title = s("Frontiers in Psychology");
    r.volume = s("12");
    r.number = s("611384");
    r.doi = s("10.3389/fpsyg.2021.611384");
    push("articlenumber", r);

    let mut r = base(
        ItemType::ArticleMagazine,
        7,
        "Forgiveness can improve mental and physical health",
    );
    r.add_names(Role::Author, [person("Weir", "K.")]);
    r.issued = Some(Date::ymd(2017, Some(1), None));
    r.container_title = s("Monitor on Psychology");
    r.volume = s("48");
    r.issue = s("1");
    r.page = s("30");
    push("magazine", r);

    let mut r = base(
        ItemType::ArticleNewspaper,
        9,
        "How will humanity react to alien life? Psychologists have some predictions",
    );
    r.add_names(Role::Author, [person("Guarino", "B.")]);
    r.issued = Some(Date::ymd(2017, Some(12), Some(4)));
    r.container_title = s("The Washington Post");
    r.url = s(
        "https://www.washingtonpost.com/news/speaking-of-science/wp/2017/12/04/how-will-humanity-react-to-alien-life",
    );
    push("newspaper", r);

    let mut r = base(
        ItemType::Article,
        11,
        "When money talks: Judging risk and coercion in high-paying clinical trials",
    );
    r.add_names(
        Role::Author,
        [person("Leuker", "C."), person("Pleskac", "T. J.")],
    );
    r.issued = Some(Date::year(2018));
    r.container_title = s("PsyArXiv");
    r.genre = s("Preprint");
    r.doi = s("10.17605/OSF.IO/9P7CB");
    push("preprint", r);

    let mut r = base(ItemType::Book, 13, "Feminist therapy");
    r.add_names(Role::Author, [person("Brown", "L. S.")]);
    r.issued = Some(Date::year(2018));
    r.edition = s("2");
    r.publisher = s("American Psychological Association");
    r.publisher_place = s("Washington, DC");
    r.isbn = s("978-1-4338-2800-3");
    r.doi = s("10.1037/0000092-000");
    push("book", r);

    let mut r = base(
        ItemType::Book,
        15,
        "Entrenchment and the psychology of language learning: How we reorganize and adapt linguistic knowledge",
    );
    r.add_names(
        Role::Editor,
        [
            particle("van der", "Berg", "Anna"),
            person("Schmid", "H.-J."),
        ],
    );
    r.issued = Some(Date::year(2017));
    r.publisher = s("American Psychological Association; De Gruyter Mouton");
    r.doi = s("10.1037/15969-000");
    push("edited", r);

    let mut r = base(
        ItemType::Chapter,
        17,
        "Caring for the caregiver: Bayesian models of burnout in New Zealand nurses",
    );
    r.add_names(
        Role::Author,
        [person("Doe", "J."), particle("de", "Souza", "Maria")],
    );
    r.add_names(Role::Editor, [person("Poe", "P."), person("Roe", "R.")]);
    r.issued = Some(Date::year(2015));
    r.container_title = s("The Oxford handbook of nursing in Australia and New Zealand");
    r.page = s("10-25");
    r.publisher = s("Oxford University Press");
    r.edition = s("3");
    push("chapter", r);

    let mut r = base(ItemType::EntryEncyclopedia, 19, "Behaviorism");
    r.add_names(Role::Author, [person("Graham", "G.")]);
    r.add_names(Role::Editor, [person("Zalta", "E. N.")]);
    r.issued = Some(Date {
        season: Some(Season::Summer),
        ..Date::year(2019)
    });
    r.container_title = s("The Stanford encyclopedia of philosophy");
    r.publisher = s("Stanford University");
    r.url = s("https://plato.stanford.edu/archives/sum2019/entries/behaviorism/");
    push("encyclopedia", r);

    let mut r = base(ItemType::EntryDictionary, 21, "Self-report");
    r.add_names(Role::Author, [Name::literal("Merriam-Webster")]);
    r.issued = Some(status(DateStatus::NoDate));
    r.container_title = s("Merriam-Webster.com dictionary");
    r.url = s("https://www.merriam-webster.com/dictionary/self-report");
    r.accessed = Some(Date::ymd(2019, Some(7), Some(12)));
    push("dictionary", r);

    let mut r = base(
        ItemType::PaperConference,
        23,
        "Cognitive and noncognitive predictors of success in IEEE robotics teams",
    );
    r.add_names(
        Role::Author,
        [person("Duckworth", "A. L."), person("Quirk", "A.")],
    );
    r.add_names(Role::Editor, [person("Smith", "J.")]);
    r.issued = Some(Date::year(2019));
    r.container_title = s("Proceedings of the 2019 IEEE International Conference on Robotics");
    r.event_title = s("IEEE International Conference on Robotics and Automation");
    r.page = s("234–240");
    r.publisher = s("IEEE");
    r.publisher_place = s("Montreal, Canada");
    r.doi = s("10.1109/ICRA.2019.8793789");
    push("conference", r);

    let mut r = base(
        ItemType::Speech,
        25,
        "If mama ain’t happy, nobody’s happy: The effect of parental depression on mood dysregulation in children",
    );
    r.add_names(
        Role::Author,
        [person("Maddox", "S."), person("Hurling", "J.")],
    );
    r.issued = Some(range((2016, 3, 30), (2016, 4, 2)));
    r.genre = s("Paper presentation");
    r.event_title = s("Southeastern Psychological Association 62nd Annual Meeting");
    r.event_place = s("New Orleans, LA, United States");
    push("speech", r);

    let mut r = base(
        ItemType::Report,
        27,
        "Facing forward: Life after cancer treatment",
    );
    r.add_names(Role::Author, [Name::literal("National Cancer Institute")]);
    r.issued = Some(Date::year(2018));
    r.genre = s("NIH Publication");
    r.number = s("18-2424");
    r.url =
        s("https://www.cancer.gov/publications/patient-education/life-after-cancer-treatment.pdf");
    push("report", r);

    let mut r = base(
        ItemType::Thesis,
        29,
        "Resistance to authority: Methodological innovations and new lessons from the Milgram experiment",
    );
    r.add_names(Role::Author, [person("Hollander", "M. M.")]);
    r.issued = Some(Date::year(2017));
    r.genre = s("Doctoral dissertation");
    r.publisher = s("University of Wisconsin–Madison");
    r.archive = s("ProQuest Dissertations and Theses Global");
    r.number = s("10289373");
    push("thesis", r);

    let mut r = base(
        ItemType::Thesis,
        31,
        "Dealing with dual differences: Social coping strategies of gifted and LGBTQ adolescents",
    );
    r.add_names(Role::Author, [person("Hutcheson", "V. H.")]);
    r.issued = Some(Date::year(2012));
    r.genre = s("Master’s thesis");
    r.publisher = s("The College of William & Mary");
    r.url = s("https://scholarworks.wm.edu/etd/1539272210");
    push("masters", r);

    let mut r = base(
        ItemType::Webpage,
        33,
        "Questions and answers on immunization and vaccine safety",
    );
    r.add_names(Role::Author, [Name::literal("World Health Organization")]);
    r.issued = Some(Date::ymd(2018, Some(3), None));
    r.container_title = s("WHO");
    r.url = s("https://www.who.int/features/qa/84/en/");
    r.accessed = Some(Date::ymd(2021, Some(5), Some(1)));
    push("webpage", r);

    let mut r = base(
        ItemType::PostWeblog,
        35,
        "Can we talk scientifically about free will?",
    );
    r.add_names(Role::Author, [person("Klymkowsky", "M.")]);
    r.issued = Some(Date::ymd(2018, Some(9), Some(15)));
    r.container_title = s("Sci-Ed");
    r.url =
        s("https://blogs.plos.org/scied/2018/09/15/can-we-talk-scientifically-about-free-will/");
    push("blog", r);

    let mut r = base(
        ItemType::Dataset,
        37,
        "Cognitive effects of music and dance training in children",
    );
    r.add_names(
        Role::Author,
        [person("D’Souza", "A."), person("Wiseheart", "M.")],
    );
    r.issued = Some(Date::year(2018));
    r.genre = s("Data set");
    r.version = s("V1");
    r.publisher = s("ICPSR");
    r.number = s("ICPSR 37080");
    r.doi = s("10.3886/ICPSR37080.v1");
    push("dataset", r);

    let mut r = base(ItemType::Software, 39, "Comprehensive meta-analysis");
    r.add_names(
        Role::Author,
        [person("Borenstein", "M."), person("Hedges", "L.")],
    );
    r.issued = Some(Date::year(2014));
    r.version = s("3.3.070");
    r.genre = s("Computer software");
    r.publisher = s("Biostat");
    r.url = s("https://www.meta-analysis.com/");
    push("software", r);

    let mut r = base(
        ItemType::Manuscript,
        41,
        "Emotion recognition as a function of facial cues: Implications for practice",
    );
    r.add_names(
        Role::Author,
        [person("Lippincott", "T."), person("Poindexter", "E. K.")],
    );
    r.issued = Some(status(DateStatus::InPress));
    r.genre = s("Manuscript submitted for publication");
    r.publisher = s("University of Washington");
    push("inpress", r);

    let mut r = base(
        ItemType::ArticleJournal,
        43,
        "Measuring 100% of the $5 & #1 items_x with {braces} ~tilde^ and back\\slash: A \"quoted\" test",
    );
    r.add_names(
        Role::Author,
        [
            person("O’Neil", "Mary-Jane"),
            Name::literal("AT&T Research Lab"),
        ],
    );
    r.issued = Some(Date::year(2020));
    r.container_title = s("Journal of Weird_Characters & Co. 50% {Off}");
    r.volume = s("3");
    r.page = s("A1–A5");
    r.url = s("https://example.org/~user/a_b%20c?x=1&y={2}#frag");
    r.note = s("See also: 100% & more");
    push("special", r);

    let mut r = base(
        ItemType::Book,
        45,
        "Crónica de una muerte anunciada: Über São Paulo, Kraków and Ørsted’s façade",
    );
    r.add_names(
        Role::Author,
        [
            person("García Márquez", "Gabriel"),
            person("Gálvez", "Verónica"),
            person("Müller", "Jürgen"),
            person("Ørsted", "Hans Christian"),
            person("Łukasz", "Paweł"),
            person("Šimůnek", "Čeněk"),
            person("Çelik", "Ayşe"),
            person("Erdős", "Pál"),
            person("Đapo", "Đorđe"),
        ],
    );
    r.issued = Some(Date::year(2019));
    r.publisher = s("Editorial Sudamericana");
    r.publisher_place = s("Bogotá");
    push("accents", r);

    let mut r = base(ItemType::ArticleJournal, 46, "Tiếng Việt: Ngữ âm học");
    r.add_names(Role::Author, [person("Nguyễn", "Thị Minh")]);
    r.issued = Some(Date::year(2005));
    r.container_title = s("Ngôn Ngữ");
    r.volume = s("7");
    push("vietnamese", r);

    let mut r = base(
        ItemType::ArticleJournal,
        47,
        "大学生的学习动机研究 [A study of college students’ learning motivation]",
    );
    r.add_names(
        Role::Author,
        [person("정", "영식"), person("Иванов", "Иван")],
    );
    r.issued = Some(Date::year(2013));
    r.container_title = s("Психологический журнал");
    r.volume = s("34");
    r.page = s("12–20");
    r.title_translated = s("A study of college students’ learning motivation");
    push("scripts", r);

    let mut r = base(
        ItemType::ArticleJournal,
        49,
        "TNF-α and β-amyloid in COVID-19: NMDA receptors, iPhone use and IQ in the USA",
    );
    r.add_names(Role::Author, [person("Smith", "J.")]);
    r.issued = Some(Date::year(2021));
    r.container_title = s("Brain, Behavior, and Immunity");
    r.volume = s("91");
    r.page = s("1–10");
    push("greek", r);

    let mut r = base(ItemType::Book, 51, "Why we can’t wait");
    r.add_names(
        Role::Author,
        [
            suffixed("King", "Martin Luther", "Jr."),
            Name::person("Aristotle", None),
        ],
    );
    r.issued = Some(Date::year(2010));
    r.original_date = Some(Date::year(1964));
    r.publisher = s("Beacon Press");
    push("suffix", r);

    let mut r = base(
        ItemType::ArticleJournal,
        53,
        "Seasonal affective disorder revisited",
    );
    r.add_names(Role::Author, [person("Rosenthal", "N. E.")]);
    r.issued = Some(Date {
        season: Some(Season::Spring),
        ..Date::year(2015)
    });
    r.container_title = s("Journal of Affective Disorders");
    r.volume = s("9");
    r.issue = s("2");
    r.page = s("45–52");
    push("season", r);

    let mut r = base(
        ItemType::Report,
        55,
        "Annual report on mental health services",
    );
    r.add_names(
        Role::Author,
        [Name::literal(
            "Substance Abuse and Mental Health Services Administration",
        )],
    );
    r.issued = Some(Date {
        start: Some(DateParts {
            year: 2019,
            month: None,
            day: None,
        }),
        end: Some(DateParts {
            year: 2020,
            month: None,
            day: None,
        }),
        ..Date::default()
    });
    r.publisher = s("University of California, Berkeley");
    r.publisher_place = s("Berkeley, CA");
    push("yearrange", r);

    let mut r = base(
        ItemType::Book,
        57,
        "The Handbook of Research Methods in DNA Analysis",
    );
    r.add_names(Role::Author, [person("Jones", "K.")]);
    r.issued = Some(Date {
        circa: true,
        ..Date::year(1900)
    });
    r.publisher = s("Wiley");
    push("titlecase", r);

    let mut r = base(
        ItemType::ArticleJournal,
        59,
        "Sleep and memory consolidation in older adults",
    );
    r.add_names(Role::Author, [person("Park", "S."), person("Lee", "H.")]);
    r.issued = Some(Date::year(2020));
    r.container_title = s("Sleep");
    r.volume = s("43");
    r.issue = s("5");
    r.page = s("zsz301");
    r.pmid = s("31840808");
    r.keywords = vec!["sleep".into(), "memory; aging".into()];
    r.abstract_text = s("Line one of the abstract.\nLine two, with a comma.");
    r.language = s("en");
    r.issn = s("0161-8105");
    r.status = s("advance online publication");
    push("extras", r);

    let mut r = base(ItemType::MotionPicture, 61, "Inside out");
    r.add_names(
        Role::Director,
        [person("Docter", "P."), person("Del Carmen", "R.")],
    );
    r.issued = Some(Date::year(2015));
    r.publisher = s("Walt Disney Studios Motion Pictures");
    r.medium = s("Film");
    push("film", r);

    let mut r = base(
        ItemType::Book,
        63,
        "=HYPERLINK(\"http://evil\") +cmd -x @at",
    );
    r.add_names(Role::Author, [person("-Minus", "Plus")]);
    r.issued = Some(Date::year(2022));
    push("formula", r);

    out
}
