//! The intermediate model every reader fills and every writer reads.
//!
//! It follows the CSL data model (the variables and item types of CSL-JSON
//! 1.0.2) closely, so that the CSL-JSON writer is a direct mapping, and adds
//! what APA reference lists carry that CSL has no slot for: an ellipsis
//! marker in author lists, the "in press" / "n.d." date states and the raw
//! text of the reference with its line span.
//!
//! The format is documented for users in `docs/model.md`.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// The kind of work a reference describes (CSL item types).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemType {
    /// A journal article.
    ArticleJournal,
    /// A magazine article.
    ArticleMagazine,
    /// A newspaper article.
    ArticleNewspaper,
    /// A preprint or working paper (CSL `article`).
    Article,
    /// A whole book, authored or edited.
    Book,
    /// A chapter in an edited book.
    Chapter,
    /// An entry in an encyclopedia (Wikipedia included).
    EntryEncyclopedia,
    /// An entry in a dictionary.
    EntryDictionary,
    /// A paper in conference proceedings.
    PaperConference,
    /// A talk, poster or presentation at a meeting.
    Speech,
    /// A report or other grey literature.
    Report,
    /// A thesis or dissertation.
    Thesis,
    /// A web page.
    Webpage,
    /// A blog post.
    PostWeblog,
    /// A forum or social-media post.
    Post,
    /// A data set.
    Dataset,
    /// Software or code.
    Software,
    /// An unpublished manuscript or archival item.
    Manuscript,
    /// A film or video.
    MotionPicture,
    /// A radio or TV broadcast, podcast episode.
    Broadcast,
    /// A song or other audio recording.
    Song,
    /// An interview.
    Interview,
    /// A court case.
    LegalCase,
    /// A statute or regulation.
    Legislation,
    /// A standard.
    Standard,
    /// A patent.
    Patent,
    /// A map.
    Map,
    /// An artwork, photograph, figure.
    Graphic,
    /// A review (when not better described as an article).
    Review,
    /// Anything else.
    #[default]
    Document,
}

impl ItemType {
    /// Every item type, in declaration order.
    pub const ALL: [ItemType; 30] = [
        ItemType::ArticleJournal,
        ItemType::ArticleMagazine,
        ItemType::ArticleNewspaper,
        ItemType::Article,
        ItemType::Book,
        ItemType::Chapter,
        ItemType::EntryEncyclopedia,
        ItemType::EntryDictionary,
        ItemType::PaperConference,
        ItemType::Speech,
        ItemType::Report,
        ItemType::Thesis,
        ItemType::Webpage,
        ItemType::PostWeblog,
        ItemType::Post,
        ItemType::Dataset,
        ItemType::Software,
        ItemType::Manuscript,
        ItemType::MotionPicture,
        ItemType::Broadcast,
        ItemType::Song,
        ItemType::Interview,
        ItemType::LegalCase,
        ItemType::Legislation,
        ItemType::Standard,
        ItemType::Patent,
        ItemType::Map,
        ItemType::Graphic,
        ItemType::Review,
        ItemType::Document,
    ];

    /// The CSL name of the type (`article-journal`, `book`, ...).
    pub fn csl_name(self) -> &'static str {
        match self {
            ItemType::ArticleJournal => "article-journal",
            ItemType::ArticleMagazine => "article-magazine",
            ItemType::ArticleNewspaper => "article-newspaper",
            ItemType::Article => "article",
            ItemType::Book => "book",
            ItemType::Chapter => "chapter",
            ItemType::EntryEncyclopedia => "entry-encyclopedia",
            ItemType::EntryDictionary => "entry-dictionary",
            ItemType::PaperConference => "paper-conference",
            ItemType::Speech => "speech",
            ItemType::Report => "report",
            ItemType::Thesis => "thesis",
            ItemType::Webpage => "webpage",
            ItemType::PostWeblog => "post-weblog",
            ItemType::Post => "post",
            ItemType::Dataset => "dataset",
            ItemType::Software => "software",
            ItemType::Manuscript => "manuscript",
            ItemType::MotionPicture => "motion_picture",
            ItemType::Broadcast => "broadcast",
            ItemType::Song => "song",
            ItemType::Interview => "interview",
            ItemType::LegalCase => "legal_case",
            ItemType::Legislation => "legislation",
            ItemType::Standard => "standard",
            ItemType::Patent => "patent",
            ItemType::Map => "map",
            ItemType::Graphic => "graphic",
            ItemType::Review => "review",
            ItemType::Document => "document",
        }
    }

    /// The type for a CSL type name; unknown names give `None`.
    pub fn from_csl(name: &str) -> Option<ItemType> {
        let name = name.trim();
        ItemType::ALL
            .iter()
            .copied()
            .find(|t| t.csl_name() == name)
            .or(match name {
                "motion-picture" => Some(ItemType::MotionPicture),
                "legal-case" => Some(ItemType::LegalCase),
                "entry" => Some(ItemType::EntryEncyclopedia),
                "classic" => Some(ItemType::Book),
                "collection" => Some(ItemType::Book),
                "pamphlet" => Some(ItemType::Document),
                "review-book" => Some(ItemType::Review),
                "personal_communication" => Some(ItemType::Document),
                "thesis-phd" => Some(ItemType::Thesis),
                // The other CSL 1.0.2 types, to the nearest model type.
                "bill" | "regulation" | "treaty" | "hearing" => Some(ItemType::Legislation),
                "figure" => Some(ItemType::Graphic),
                "musical_score" => Some(ItemType::Song),
                "performance" | "event" => Some(ItemType::Speech),
                "periodical" => Some(ItemType::Book),
                _ => None,
            })
    }
}

impl fmt::Display for ItemType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.csl_name())
    }
}

/// A personal name, split into its CSL parts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Person {
    /// Family name without particle: `Berg` in `van der Berg`.
    pub family: String,
    /// Given names or initials as printed: `J.-P.`, `Mary Ann`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// A particle that belongs to the family name (`van der`, `de`):
    /// CSL's `non-dropping-particle`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub particle: Option<String>,
    /// A particle written with the given name (CSL `dropping-particle`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropping_particle: Option<String>,
    /// `Jr.`, `III` ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
}

impl Person {
    /// Particle and family name as one string (`van der Berg`).
    pub fn full_family(&self) -> String {
        self.full_family_parts().concat()
    }

    /// [`Person::full_family`] in three pieces (particle, space or
    /// nothing, family), for writers that copy it out without joining.
    pub fn full_family_parts(&self) -> [&str; 3] {
        match &self.particle {
            Some(p) if !p.is_empty() => {
                // "d’" / "l'" particles attach without a space.
                if p.ends_with('\'') || p.ends_with('’') || p.ends_with('-') {
                    [p, "", &self.family]
                } else {
                    [p, " ", &self.family]
                }
            }
            _ => ["", "", &self.family],
        }
    }
}

impl Person {
    /// The family and given parts as BibTeX, RIS and CSV write them: a
    /// dropping particle after the given names (`Beauvoir, Simone de`, as
    /// APA prints `Andrade, T. de`), or before the family name when there
    /// is no given name. Both trimmed; the given part may be empty.
    pub fn inverted_parts(&self) -> (String, String) {
        let (family, given) = self.inverted_parts_cow();
        (family.into_owned(), given.into_owned())
    }

    /// [`Person::inverted_parts`], borrowed from the name when it has no
    /// particle.
    pub fn inverted_parts_cow(&self) -> (Cow<'_, str>, Cow<'_, str>) {
        let mut family = match self.particle.as_deref() {
            Some(p) if !p.is_empty() => Cow::Owned(self.full_family().trim().to_string()),
            _ => Cow::Borrowed(self.family.trim()),
        };
        let mut given = Cow::Borrowed(self.given.as_deref().unwrap_or("").trim());
        if let Some(dp) = self
            .dropping_particle
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            if given.is_empty() {
                family = Cow::Owned(format!("{dp} {family}").trim().to_string());
            } else {
                given = Cow::Owned(format!("{given} {dp}"));
            }
        }
        (family, given)
    }
}

/// A contributor's name: a person or a group ("World Health Organization").
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Name {
    /// A person with name parts.
    Person(Person),
    /// A group, organisation or a name that cannot be split (written as
    /// CSL `literal`).
    Literal(String),
}

impl Name {
    /// A group name.
    pub fn literal(s: impl Into<String>) -> Name {
        Name::Literal(s.into())
    }

    /// A person with family name and (optional) given name.
    pub fn person(family: impl Into<String>, given: Option<&str>) -> Name {
        Name::Person(Person {
            family: family.into(),
            given: given.map(str::to_string),
            ..Person::default()
        })
    }

    /// The family name (particle included) or the literal.
    pub fn family_or_literal(&self) -> String {
        match self {
            Name::Person(p) => p.full_family(),
            Name::Literal(l) => l.clone(),
        }
    }
}

/// What a contributor did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Author (also APA's group authors).
    Author,
    /// Editor of the work or of the book a chapter is in.
    Editor,
    /// Translator.
    Translator,
    /// Film or video director.
    Director,
    /// Producer (films, podcasts).
    Producer,
    /// Host of a podcast or show.
    Host,
    /// Interviewer.
    Interviewer,
    /// Performer, narrator, guest.
    Performer,
    /// Composer.
    Composer,
    /// Author of the work a review reviews.
    ReviewedAuthor,
    /// Editor of a series.
    CollectionEditor,
    /// Author of the book a part is in ("In A. Author, Book").
    ContainerAuthor,
    /// Chair of the symposium a contribution is part of ("In S. Liu
    /// (Chair), Symposium [Symposium]").
    Chair,
    /// Any other contribution.
    Contributor,
}

impl Role {
    /// The CSL name variable of the role.
    pub fn csl_name(self) -> &'static str {
        match self {
            Role::Author => "author",
            Role::Editor => "editor",
            Role::Translator => "translator",
            Role::Director => "director",
            Role::Producer => "producer",
            Role::Host => "host",
            Role::Interviewer => "interviewer",
            Role::Performer => "performer",
            Role::Composer => "composer",
            Role::ReviewedAuthor => "reviewed-author",
            Role::CollectionEditor => "collection-editor",
            Role::ContainerAuthor => "container-author",
            Role::Chair => "chair",
            Role::Contributor => "contributor",
        }
    }

    /// Every role, in the order writers emit them.
    pub const ALL: [Role; 14] = [
        Role::Author,
        Role::Editor,
        Role::Translator,
        Role::Director,
        Role::Producer,
        Role::Host,
        Role::Interviewer,
        Role::Performer,
        Role::Composer,
        Role::ReviewedAuthor,
        Role::CollectionEditor,
        Role::ContainerAuthor,
        Role::Chair,
        Role::Contributor,
    ];

    /// The role for a CSL name variable.
    pub fn from_csl(name: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|r| r.csl_name() == name)
    }
}

/// A name with its role.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Contributor {
    /// What the contributor did.
    pub role: Role,
    /// Who.
    pub name: Name,
}

/// The state of a date: a real date, APA's `n.d.`, `in press`, `forthcoming`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateStatus {
    /// A (partial) calendar date.
    #[default]
    Dated,
    /// "n.d.": no date.
    NoDate,
    /// "in press".
    InPress,
    /// "forthcoming".
    Forthcoming,
}

/// A season, where APA prints one instead of a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Season {
    /// Spring.
    Spring,
    /// Summer.
    Summer,
    /// Autumn / fall.
    Autumn,
    /// Winter.
    Winter,
}

impl Season {
    /// CSL season number (1 = spring ... 4 = winter).
    pub fn number(self) -> u8 {
        match self {
            Season::Spring => 1,
            Season::Summer => 2,
            Season::Autumn => 3,
            Season::Winter => 4,
        }
    }
}

/// Year, month and day of one end of a date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateParts {
    /// Year (negative for BCE).
    pub year: i32,
    /// Month 1–12.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    /// Day 1–31.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
}

/// A date as APA prints it: `(2019)`, `(2019a)`, `(2019, March 3)`,
/// `(n.d.)`, `(in press)`, `(2019–2020)`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Dated, no date, in press, forthcoming.
    #[serde(default)]
    pub status: DateStatus,
    /// The (start) date; `None` when undated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateParts>,
    /// The end of a range (`2019–2020`, `March 3–5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateParts>,
    /// A range still running, to the present: `(2015–present)` of a
    /// podcast or a TV series (`end` is `None`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ongoing: bool,
    /// A season printed instead of a month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub season: Option<Season>,
    /// The letter of `2019a` / `n.d.-a`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// "ca."/"c." before the year.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub circa: bool,
    /// Text that could not be read as a date, kept as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
}

impl Date {
    /// A date with only a year.
    pub fn year(year: i32) -> Date {
        Date::ymd(year, None, None)
    }

    /// A date from parts.
    pub fn ymd(year: i32, month: Option<u8>, day: Option<u8>) -> Date {
        Date {
            start: Some(DateParts { year, month, day }),
            ..Date::default()
        }
    }

    /// A range to the present (`2015–present`): `ongoing` and no end.
    pub fn to_present(&self) -> bool {
        self.ongoing && self.end.is_none()
    }

    /// The year of the (start) date.
    pub fn year_value(&self) -> Option<i32> {
        self.start.map(|p| p.year)
    }
}

/// Where a reference came from in its input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceSpan {
    /// First line (1-based).
    pub line: usize,
    /// Last line (1-based, inclusive).
    pub end_line: usize,
}

/// One bibliographic reference.
///
/// Field names follow CSL variables; `Option::None` / empty means absent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// A citation key or id given by the input (BibTeX key, CSL id); writers
    /// make their own when this is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The item type.
    #[serde(default)]
    pub item_type: ItemType,
    /// Authors, editors, translators and other contributors, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributors: Vec<Contributor>,
    /// The author list was elided (APA 6 `… &`, APA 7 `A, B, . . . Z`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub authors_elided: bool,
    /// Publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
    /// Original publication date ("Original work published 1900").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_date: Option<Date>,
    /// Date accessed ("Retrieved March 3, 2020, from ...").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<Date>,
    /// Title of the work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Character ranges (byte offsets into `title`) whose case must be kept
    /// as it is (brace-protected in BibTeX, `nocase` in CSL).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title_protected: Vec<(usize, usize)>,
    /// An English translation of a non-English title, `[...]` after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_translated: Option<String>,
    /// Journal, magazine, newspaper, book (for chapters), site name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_title: Option<String>,
    /// Series title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection_title: Option<String>,
    /// Number in the series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection_number: Option<String>,
    /// Volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// Issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// Page range (`1302-1305`, hyphen-separated) or e-locator (`e0209899`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// Report number, article number ("Article 13"), preprint number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Edition: a number (`2`) or a phrase (`Rev.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Version of software or data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Kind of work: thesis type, `[Paper presentation]`, report series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// Medium or format (`[Video]`, `[Audio podcast]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<String>,
    /// Publisher, university (theses), institution (reports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Place of publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_place: Option<String>,
    /// Conference or meeting name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_title: Option<String>,
    /// Conference place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_place: Option<String>,
    /// Court or other issuing authority (legal references).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// Section of a code or statute ("§ 1400 et seq.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// A database or archive ("ProQuest Dissertations and Theses Global").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<String>,
    /// Publication state beyond the date ("advance online publication",
    /// "retracted").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// DOI, bare (`10.1037/abc`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// URL (not the doi.org link of the DOI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// ISBN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isbn: Option<String>,
    /// ISSN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issn: Option<String>,
    /// PubMed id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pmid: Option<String>,
    /// Abstract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abstract_text: Option<String>,
    /// Keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Free text: what the parser could not place, or a note from the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The reference text as read (after line unwrapping), for references
    /// read from APA text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// Where the reference is in its input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<SourceSpan>,
}

impl Reference {
    /// The names with a role, in order.
    pub fn names(&self, role: Role) -> impl Iterator<Item = &Name> + '_ {
        self.contributors
            .iter()
            .filter(move |c| c.role == role)
            .map(|c| &c.name)
    }

    /// Adds a line to the note (in place: many stay linear).
    pub fn push_note(&mut self, line: &str) {
        match &mut self.note {
            Some(n) => {
                n.push('\n');
                n.push_str(line);
            }
            None => self.note = Some(line.to_string()),
        }
    }

    /// True when some contributor has that role.
    pub fn has_role(&self, role: Role) -> bool {
        self.contributors.iter().any(|c| c.role == role)
    }

    /// Adds contributors with one role.
    pub fn add_names(&mut self, role: Role, names: impl IntoIterator<Item = Name>) {
        self.contributors
            .extend(names.into_iter().map(|name| Contributor { role, name }));
    }

    /// Adds `names` in `role` unless the role already holds exactly these
    /// names, in this order: the same people printed twice (an edited
    /// book's editors before the date and again after the title).
    pub fn add_names_once(&mut self, role: Role, names: Vec<Name>) {
        let again = self
            .contributors
            .iter()
            .filter(|c| c.role == role)
            .map(|c| &c.name)
            .eq(names.iter());
        if !again {
            self.add_names(role, names);
        }
    }

    /// The first line of the reference in its input (0 when unknown).
    pub fn line(&self) -> usize {
        self.span.as_ref().map_or(0, |s| s.line)
    }

    /// The year of publication, if dated.
    pub fn year(&self) -> Option<i32> {
        self.issued.as_ref().and_then(Date::year_value)
    }
}

/// A field of [`Reference`], as named in diagnostics and `--explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    /// The whole reference.
    Reference,
    /// Item type.
    Type,
    /// Author list.
    Author,
    /// Editor list.
    Editor,
    /// Translator list.
    Translator,
    /// Other contributors.
    Contributor,
    /// Date of publication.
    Issued,
    /// Original date.
    OriginalDate,
    /// Access date.
    Accessed,
    /// Title.
    Title,
    /// Translated title.
    TitleTranslated,
    /// Bracketed description (`[Data set]`).
    Description,
    /// Container title.
    ContainerTitle,
    /// Series.
    CollectionTitle,
    /// Volume.
    Volume,
    /// Issue.
    Issue,
    /// Pages.
    Page,
    /// Number.
    Number,
    /// Edition.
    Edition,
    /// Version.
    Version,
    /// Genre.
    Genre,
    /// Publisher.
    Publisher,
    /// Place.
    Place,
    /// Event name.
    EventTitle,
    /// Archive / database.
    Archive,
    /// Status (in press ...).
    Status,
    /// DOI.
    Doi,
    /// URL.
    Url,
    /// ISBN.
    Isbn,
    /// ISSN.
    Issn,
    /// PubMed id.
    Pmid,
    /// Note.
    Note,
}

impl Field {
    /// Lower-case name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Field::Reference => "reference",
            Field::Type => "type",
            Field::Author => "author",
            Field::Editor => "editor",
            Field::Translator => "translator",
            Field::Contributor => "contributor",
            Field::Issued => "date",
            Field::OriginalDate => "original-date",
            Field::Accessed => "accessed",
            Field::Title => "title",
            Field::TitleTranslated => "translated-title",
            Field::Description => "description",
            Field::ContainerTitle => "container-title",
            Field::CollectionTitle => "collection-title",
            Field::Volume => "volume",
            Field::Issue => "issue",
            Field::Page => "page",
            Field::Number => "number",
            Field::Edition => "edition",
            Field::Version => "version",
            Field::Genre => "genre",
            Field::Publisher => "publisher",
            Field::Place => "place",
            Field::EventTitle => "event-title",
            Field::Archive => "archive",
            Field::Status => "status",
            Field::Doi => "DOI",
            Field::Url => "URL",
            Field::Isbn => "ISBN",
            Field::Issn => "ISSN",
            Field::Pmid => "PMID",
            Field::Note => "note",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
