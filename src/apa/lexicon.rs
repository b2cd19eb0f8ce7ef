//! Word lists the APA rules lean on: abbreviations that end in a period
//! without ending a sentence, name particles and suffixes, and the words
//! that mark group authors, publishers and kinds of containers.
//!
//! These are facts about bibliographic English (and the common European
//! languages of reference lists), not about any one corpus.

use super::lower::Lc;
#[cfg(test)]
use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::RefCell;
use std::sync::LazyLock;

/// Abbreviations after which ". " does not end a sentence (compared
/// case-insensitively, without the period).
const ABBREVIATIONS: &[&str] = &[
    "vol", "vols", "no", "nos", "nr", "pp", "p", "ed", "eds", "edn", "rev", "trans", "transl",
    "inc", "ltd", "co", "corp", "jr", "sr", "dr", "mr", "mrs", "ms", "prof", "st", "vs", "v",
    "e.g", "i.e", "dept", "univ", "assoc", "natl", "intl", "ch", "chap", "fig", "suppl", "pt",
    "approx", "ca", "cf", "al", "hrsg", "bd", "jg", "publ", "ser", "est", "repr", "orig", "comp",
    "wydaw", "verl", "impr", "éd", "pr", "hg", "ed", "red", "tip", "typ", "lib", "libr", "et",
    "mt", "ft", "op", "cit", "ibid", "dir", "prod", "exec", "sect", "art", "nov", "dec", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "u.s", "u.k", "d.c", "ph.d",
    "m.a", "b.a", "m.s", "m.sc", "b.sc", "s.a", "gmbh", "ag", "bros", "mfg", "govt", "admin",
    "mgmt", "sgt", "capt", "lt", "hon", "gebr",
];

/// Capitalised journal-title abbreviations (ISO 4 / NLM), compared with
/// their case: after these ". " does not end a sentence when the next word
/// is capitalised ("Phys. Rev. E", "J. Clin. Psychol.").
const JOURNAL_ABBREVIATIONS: &[&str] = &[
    "J",
    "Front",
    "Learn",
    "Mem",
    "Adolesc",
    "Percept",
    "Emot",
    "Motiv",
    "Neuropsychol",
    "Cognit",
    "Psychopharmacol",
    "Psychosom",
    "Exerc",
    "Prev",
    "Opin",
    "Spec",
    "Disabil",
    "Neurodev",
    "Am",
    "Phys",
    "Rev",
    "Lett",
    "Med",
    "Sci",
    "Res",
    "Soc",
    "Proc",
    "Chem",
    "Biol",
    "Psychol",
    "Clin",
    "Exp",
    "Appl",
    "Eng",
    "Ann",
    "Bull",
    "Acad",
    "Natl",
    "Int",
    "Environ",
    "Ecol",
    "Geol",
    "Math",
    "Stat",
    "Comput",
    "Econ",
    "Educ",
    "Behav",
    "Neurosci",
    "Pharmacol",
    "Physiol",
    "Mol",
    "Gen",
    "Eur",
    "Br",
    "Brit",
    "Aust",
    "Jpn",
    "Mech",
    "Mater",
    "Technol",
    "Syst",
    "Inf",
    "Surg",
    "Anal",
    "Microbiol",
    "Immunol",
    "Genet",
    "Nucl",
    "Opt",
    "Electron",
    "Commun",
    "Annu",
    "Curr",
    "Adv",
    "Hist",
    "Philos",
    "Polit",
    "Sociol",
    "Anthropol",
    "Ling",
    "Lit",
    "Stud",
    "Theor",
    "Prog",
    "Struct",
    "Biochem",
    "Biophys",
    "Pediatr",
    "Psychiatr",
    "Neurol",
    "Oncol",
    "Cardiol",
    "Endocrinol",
    "Epidemiol",
    "Dev",
    "Cogn",
    "Pers",
    "Personal",
    "Abnorm",
    "Couns",
    "Fam",
    "Ther",
    "Assess",
    "Meas",
    "Organ",
    "Manag",
    "Manage",
    "Bus",
    "Financ",
    "Account",
    "Mark",
    "Pol",
    "Publ",
    "Health",
    "Nutr",
    "Agric",
    "Vet",
    "Zool",
    "Bot",
    "Entomol",
    "Geophys",
    "Astron",
    "Astrophys",
    "Meteorol",
    "Oceanogr",
    "Hydrol",
    "Phil",
    "Trans",
    "Q",
    "Z",
    "Ztschr",
    "Zeitschr",
    "Arch",
    "Acta",
    "Rep",
    "Jahrb",
    "Mitt",
    "Ber",
    "Nat",
    "Sch",
    "Instr",
    "Lang",
    "Ed",
    "Psych",
    "Psychother",
    "Rehabil",
    "Nurs",
    "Dent",
    "Ophthalmol",
    "Dermatol",
    "Gastroenterol",
    "Hepatol",
    "Urol",
    "Gynecol",
    "Obstet",
    "Anesth",
    "Radiol",
    "Pathol",
    "Toxicol",
    "Virol",
    "Infect",
    "Dis",
    "Immun",
    "Ment",
    "Hum",
    "Comp",
    "Cult",
    "Relig",
    "Theol",
    "Mus",
    "Geogr",
    "Demogr",
    "Crim",
    "Criminol",
    "Law",
];

/// Name particles that belong to the family name when written before it.
pub const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "do", "du", "la",
    "le", "les", "ten", "ter", "zu", "vom", "zum", "zur", "af", "av", "al", "el", "bin", "ibn",
    "d'", "d’", "l'", "l’", "dello", "degli", "van't", "’t", "'t", "op", "in", "het",
];

/// Generational and other name suffixes.
pub const NAME_SUFFIXES: &[&str] = &[
    "Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "V", "VI", "Jun.", "Sen.", "Jnr", "Snr",
];

/// Words that mark a group (corporate) author.
const GROUP_WORDS: &[&str] = &[
    "association",
    "organization",
    "organisation",
    "department",
    "institute",
    "institution",
    "university",
    "council",
    "society",
    "center",
    "centers",
    "centres",
    "institutes",
    "centre",
    "committee",
    "agency",
    "bureau",
    "office",
    "ministry",
    "government",
    "foundation",
    "commission",
    "board",
    "authority",
    "corporation",
    "company",
    "network",
    "alliance",
    "federation",
    "union",
    "academy",
    "college",
    "hospital",
    "library",
    "museum",
    "trust",
    "bank",
    "consortium",
    "collaboration",
    "secretariat",
    "administration",
    "division",
    "programme",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "gmbh",
    "ag",
    "plc",
    "corp.",
    "initiative",
    "coalition",
    "partnership",
    "registry",
    "taskforce",
    "parliament",
    "congress",
    "senate",
    "court",
    "assembly",
    "laboratory",
    "laboratories",
    "who",
    "unesco",
    "unicef",
    "oecd",
    "nasa",
    "nih",
    "cdc",
    "fda",
    "epa",
    "institut",
    "ministerium",
    "ministère",
    "ministerio",
    "universität",
    "université",
    "universidad",
    "verband",
    "gesellschaft",
    "stiftung",
    "amt",
    "bundesamt",
    "agentur",
    "associação",
    "asociación",
    "associazione",
    "instituto",
    "istituto",
    "comité",
    "conseil",
    "organización",
    "organização",
    "organizzazione",
    "fundación",
    "fundação",
    "fondazione",
    "fondation",
    "comisión",
    "comissão",
    "commissione",
    "consejo",
    "conselho",
    "consiglio",
    "secretaría",
    "ministério",
    "ministero",
    "universidade",
    "università",
    "departamento",
    "sociedad",
    "sociedade",
    "società",
    "société",
];

/// Words that mark a publisher.
const PUBLISHER_WORDS: &[&str] = &[
    "press",
    "publishing",
    "publishers",
    "publisher",
    "publications",
    "verlag",
    "books",
    "sons",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "editions",
    "éditions",
    "edições",
    "editorial",
    "editora",
    "editore",
    "editori",
    "ediciones",
    "edizioni",
    "wiley",
    "springer",
    "elsevier",
    "routledge",
    "sage",
    "pearson",
    "mcgraw-hill",
    "macmillan",
    "penguin",
    "random",
    "norton",
    "guilford",
    "taylor",
    "francis",
    "university",
    "universitaire",
    "universitaires",
    "universitaria",
    "universitat",
    "universität",
    "verlagsgesellschaft",
    "forlag",
    "förlag",
    "uitgeverij",
    "wydawnictwo",
    "kiadó",
    "nakladatelství",
    "house",
    "media",
    "company",
    "co.",
    "group",
    "publishing,",
    "academic",
    "scholars",
    "brill",
    "thieme",
    "karger",
    "kluwer",
    "wolters",
    "lippincott",
    "blackwell",
    "crc",
    "ieee",
    "acm",
    "apa",
    "basic",
    "vintage",
    "knopf",
    "doubleday",
    "harpercollins",
    "harper",
    "scribner",
    "bloomsbury",
    "palgrave",
    "hachette",
    "suhrkamp",
    "gallimard",
    "seuil",
    "dunod",
    "hanser",
    "beck",
    "kohlhammer",
    "hogrefe",
    "erlbaum",
    "psychology press",
    "jossey-bass",
    "praeger",
    "greenwood",
];

/// Words in container titles of reference works.
const ENCYCLOPEDIA_WORDS: &[&str] = &[
    "encyclopedia",
    "encyclopaedia",
    "encyclopédie",
    "enciclopedia",
    "enzyklopädie",
    "wikipedia",
    "lexikon",
    "leksikon",
    "lexicon",
    "britannica",
    "wiki",
    "encyclopedic",
    "factbook",
    "knowledge base",
    "leksykon",
    "enciklopedija",
    "encyklopedie",
    "encyklopedia",
    "enciclopédia",
    "энциклопедия",
    "википедия",
    "百科",
];

const DICTIONARY_WORDS: &[&str] = &[
    "dictionary",
    "dictionnaire",
    "wörterbuch",
    "diccionario",
    "dizionario",
    "woordenboek",
    "thesaurus",
    "merriam-webster",
    "oxford english dictionary",
    "glossary",
    "wiktionary",
    "словарь",
    "词典",
    "辞典",
];

/// Words that name a meeting ("… International Conference on …").
const MEETING_WORDS: &[&str] = &[
    "conference",
    "symposium",
    "workshop",
    "congress",
    "colloquium",
    "meeting",
    "convention",
    "summit",
    "tagung",
    "kongress",
    "colloque",
    "congrès",
    "congreso",
];

/// Words that, with the meeting words, mark a conference source; journals
/// and book series use these too ("Proceedings of the National Academy of
/// Sciences", "Sociological Forum").
const CONFERENCE_EXTRA_WORDS: &[&str] = &["proceedings", "seminar", "forum", "conf.", "proc."];

const PREPRINT_WORDS: &[&str] = &[
    "arxiv",
    "psyarxiv",
    "biorxiv",
    "medrxiv",
    "chemrxiv",
    "socarxiv",
    "eartharxiv",
    "edarxiv",
    "osf preprints",
    "ssrn",
    "research square",
    "preprints",
    "preprint",
    "scielo preprints",
    "authorea",
    "techrxiv",
    "engrxiv",
    "sportrxiv",
    "metaarxiv",
    "lawarxiv",
    "mindrxiv",
    "advance",
    "europe pmc",
    "zenodo",
    "hal",
    "repec",
    "nber",
    "working paper",
    "working papers",
    "qeios",
    "crimrxiv",
];

const NEWSPAPER_WORDS: &[&str] = &[
    "times",
    "post",
    "news",
    "herald",
    "tribune",
    "journal-constitution",
    "gazette",
    "daily",
    "chronicle",
    "telegraph",
    "observer",
    "guardian",
    "independent",
    "zeitung",
    "spiegel",
    "monde",
    "país",
    "pais",
    "standard",
    "mail",
    "express",
    "courier",
    "inquirer",
    "globe",
    "star",
    "sun",
    "record",
    "examiner",
    "dispatch",
    "bulletin",
    "register",
    "republic",
    "republican",
    "democrat",
    "sentinel",
    "press",
    "free",
    "advertiser",
    "mercury",
    "argus",
    "age",
    "australian",
    "hindu",
    "reuters",
    "associated",
    "bbc",
    "cnn",
    "npr",
    "abc",
    "nbc",
    "cbs",
    "nytimes",
    "yle",
    "svt",
    "nrk",
    "dr",
    "tagesschau",
    "faz",
    "welt",
    "nyheter",
    "nieuws",
    "noticias",
    "notizie",
    "новости",
    "新闻",
    "報",
    "报",
    "신문",
    "일보",
    "뉴스",
];

const MAGAZINE_WORDS: &[&str] = &[
    "magazine",
    "weekly",
    "monthly",
    "atlantic",
    "wired",
    "forbes",
    "economist",
    "newsweek",
    "time",
    "new yorker",
    "vanity",
    "rolling stone",
    "scientific american",
    "psychology today",
    "national geographic",
    "harper",
    "slate",
    "vox",
    "salon",
    "vice",
    "intercept",
    "review",
    "quarterly",
    "digest",
    "week",
    "fortune",
    "bloomberg businessweek",
    "nation",
];

const BLOG_WORDS: &[&str] = &[
    "blog",
    "blogs",
    "substack",
    "medium",
    "wordpress",
    "blogspot",
    "tumblr",
    "weblog",
    "newsletter",
];

/// A word's shape, ignoring ASCII case: an index for its first and last
/// byte when both are ASCII letters or digits, and a bit for its length
/// (bit 0 for 32 bytes and more).
fn shape(w: &[u8]) -> Option<(usize, u32)> {
    let class = |c: u8| match c.to_ascii_lowercase() {
        c @ b'a'..=b'z' => Some(usize::from(c - b'a')),
        c @ b'0'..=b'9' => Some(26 + usize::from(c - b'0')),
        _ => None,
    };
    let first = class(*w.first()?)?;
    let last = class(*w.last()?)?;
    let bit = if w.len() < 32 { 1 << w.len() } else { 1 };
    Some((first * 36 + last, bit))
}

/// `w` without the bytes at either end that are no ASCII letter or digit.
#[cfg(test)]
fn trim_non_alnum(w: &[u8]) -> &[u8] {
    let start = w
        .iter()
        .position(u8::is_ascii_alphanumeric)
        .unwrap_or(w.len());
    let end = w
        .iter()
        .rposition(u8::is_ascii_alphanumeric)
        .map_or(start, |e| e + 1);
    w.get(start..end).unwrap_or_default()
}

/// The word lists a text is looked up in, one bit each in a [`Kinds`].
const LISTS: [&[&str]; 11] = [
    GROUP_WORDS,
    PUBLISHER_WORDS,
    ENCYCLOPEDIA_WORDS,
    DICTIONARY_WORDS,
    MEETING_WORDS,
    CONFERENCE_EXTRA_WORDS,
    PREPRINT_WORDS,
    NEWSPAPER_WORDS,
    MAGAZINE_WORDS,
    BLOG_WORDS,
    PERIODICAL_WORDS,
];
const GROUP: u16 = 1 << 0;
const PUBLISHER: u16 = 1 << 1;
const ENCYCLOPEDIA: u16 = 1 << 2;
const DICTIONARY: u16 = 1 << 3;
const MEETING: u16 = 1 << 4;
const CONFERENCE_EXTRA: u16 = 1 << 5;
const PREPRINT: u16 = 1 << 6;
const NEWSPAPER: u16 = 1 << 7;
const MAGAZINE: u16 = 1 << 8;
const BLOG: u16 = 1 << 9;
const PERIODICAL: u16 = 1 << 10;

/// Which of the word lists (group, publisher, meeting ... words) a text
/// has a word or phrase of, found in one pass over the text: a text that
/// is asked about several kinds (a container when the type is chosen) is
/// looked up once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Kinds(u16);

/// How many texts [`Kinds::of`] remembers, per thread (then it starts
/// over).
const RECENT_MAX: usize = 4096;

/// The longest text [`Kinds::of`] remembers, in bytes.
const RECENT_TEXT_MAX: usize = 160;

thread_local! {
    /// Texts [`Kinds::of`] looked up, with their kinds.
    static RECENT: RefCell<HashMap<String, Kinds>> = RefCell::new(HashMap::default());
}

impl Kinds {
    /// The lists `s` has a word (a whole word) or phrase of, ignoring case.
    ///
    /// A reference list names the same journals and publishers again and
    /// again, and each reference's container and publisher are looked up
    /// when its type is chosen: the answers are kept (a hash and a
    /// comparison instead of a pass over the word lists).
    pub(crate) fn of(s: &str) -> Kinds {
        if s.is_empty() {
            return Kinds(0);
        }
        let look_up = || Kinds(LEXICON.lists_of(s));
        // (Only names are kept: a long text is not a journal's or a
        // publisher's name, and keeping 4096 of them would make memory
        // grow with the input.)
        if s.len() > RECENT_TEXT_MAX {
            return look_up();
        }
        RECENT.with(|recent| {
            // (Never borrowed already: `look_up` does not come back here.)
            let Ok(mut recent) = recent.try_borrow_mut() else {
                return look_up();
            };
            if let Some(&kinds) = recent.get(s) {
                return kinds;
            }
            let kinds = look_up();
            if recent.len() >= RECENT_MAX {
                recent.clear();
            }
            recent.insert(s.to_owned(), kinds);
            kinds
        })
    }

    fn has(self, list: u16) -> bool {
        self.0 & list != 0
    }

    /// See [`looks_like_group`].
    pub(crate) fn group(self) -> bool {
        self.has(GROUP)
    }
    /// See [`looks_like_publisher`].
    pub(crate) fn publisher(self) -> bool {
        self.has(PUBLISHER)
    }
    /// See [`is_encyclopedia`].
    pub(crate) fn encyclopedia(self) -> bool {
        self.has(ENCYCLOPEDIA)
    }
    /// See [`is_dictionary`].
    pub(crate) fn dictionary(self) -> bool {
        self.has(DICTIONARY)
    }
    /// See [`is_conference`].
    pub(crate) fn conference(self) -> bool {
        self.has(MEETING | CONFERENCE_EXTRA)
    }
    /// See [`names_meeting`].
    pub(crate) fn meeting(self) -> bool {
        self.has(MEETING)
    }
    /// See [`is_preprint_server`].
    pub(crate) fn preprint(self) -> bool {
        self.has(PREPRINT)
    }
    /// See [`is_newspaper`].
    pub(crate) fn newspaper(self) -> bool {
        self.has(NEWSPAPER)
    }
    /// See [`is_magazine`].
    pub(crate) fn magazine(self) -> bool {
        self.has(MAGAZINE)
    }
    /// See [`is_blog`].
    pub(crate) fn blog(self) -> bool {
        self.has(BLOG)
    }
    /// The periodical words of [`looks_like_periodical`] (without its
    /// domain-name test).
    pub(crate) fn periodical_word(self) -> bool {
        self.has(PERIODICAL)
    }
}

/// The word lists compiled for lookups: single words in one hash map (to
/// the lists they are in), phrases (with spaces or punctuation) found
/// where [`PhraseGate`] points, so a text is scanned once for all of them.
struct Lexicon {
    words: HashMap<&'static [u8], u16>,
    /// The shapes of the words: for each first and last letter or digit,
    /// a bit per length (see [`shape`]). A word of a shape no listed word
    /// has is not looked up.
    shapes: Vec<u32>,
    /// The phrases (in lower case), by index.
    phrases: Vec<&'static [u8]>,
    /// The lists of each phrase, by index.
    phrase_lists: Vec<u16>,
    /// Where a text may hold a phrase, and which (see [`PhraseGate`]):
    /// most texts hold none, and are passed over once.
    gate: PhraseGate,
}

/// Each phrase has a byte that is no ASCII letter or digit (a space, a
/// period, a hyphen...): its "middle". A text holds the phrase only where
/// it has that byte, with the phrase's byte before it, its letter after
/// it and its letter two before it (ignoring ASCII case). The gate keeps,
/// for each middle byte and each byte before it, the letters that may
/// follow and the letters that may come two before (bit `n` for
/// `b'a' + n`; [`PhraseGate::ANY`] where the phrase has no letter there);
/// it only says no where no phrase can be. Where it says yes, the phrases
/// of that middle are compared with the text there.
///
/// (Built in a few thousand instructions, where an Aho-Corasick automaton
/// of the phrases took some 600,000, paid on every run.)
struct PhraseGate {
    /// The class of each byte as a middle (0: none).
    class: [u8; 256],
    /// By class, for each byte before: the letters after.
    after: Vec<[u32; 256]>,
    /// By class, for each byte before: the letters two before.
    before2: Vec<[u32; 256]>,
    /// By class: a phrase starts with its middle (any text with the
    /// byte may hold it).
    starts: Vec<bool>,
    /// By class: the phrases of that middle, each as its index and where
    /// its middle is in it.
    middles: Vec<Vec<(usize, usize)>>,
}

impl PhraseGate {
    const ANY: u32 = 1 << 31;

    fn new(phrases: &[&[u8]]) -> PhraseGate {
        let mut gate = PhraseGate {
            class: [0; 256],
            // Class 0 (no middle) is never looked up.
            after: vec![[0; 256]],
            before2: vec![[0; 256]],
            starts: vec![false],
            middles: vec![Vec::new()],
        };
        for (k, &b) in phrases.iter().enumerate() {
            // (Always found: a text of ASCII letters and digits only is a
            // word, not a phrase; see `Lexicon::new`.)
            let Some(j) = b.iter().position(|c| !c.is_ascii_alphanumeric()) else {
                continue;
            };
            let mid = usize::from(b.get(j).copied().unwrap_or(0));
            let class = match gate.class.get(mid).copied().unwrap_or(0) {
                0 => {
                    let c = u8::try_from(gate.after.len()).unwrap_or(u8::MAX);
                    gate.after.push([0; 256]);
                    gate.before2.push([0; 256]);
                    gate.starts.push(false);
                    gate.middles.push(Vec::new());
                    if let Some(slot) = gate.class.get_mut(mid) {
                        *slot = c;
                    }
                    c
                }
                c => c,
            };
            let class = usize::from(class);
            if let Some(m) = gate.middles.get_mut(class) {
                m.push((k, j));
            }
            let letter =
                |k: Option<usize>| match k.and_then(|k| b.get(k)).map(u8::to_ascii_lowercase) {
                    Some(n @ b'a'..=b'z') => 1 << (n - b'a'),
                    _ => Self::ANY,
                };
            match j.checked_sub(1).and_then(|k| b.get(k)) {
                Some(&prev) => {
                    let prev = usize::from(prev.to_ascii_lowercase());
                    if let Some(m) = gate.after.get_mut(class).and_then(|t| t.get_mut(prev)) {
                        *m |= letter(Some(j + 1));
                    }
                    if let Some(m) = gate.before2.get_mut(class).and_then(|t| t.get_mut(prev)) {
                        *m |= letter(j.checked_sub(2));
                    }
                }
                None => {
                    if let Some(s) = gate.starts.get_mut(class) {
                        *s = true;
                    }
                }
            }
        }
        gate
    }

    /// False when no phrase can be in `b` (ignoring ASCII case).
    #[cfg(test)]
    fn may_hold(&self, b: &[u8]) -> bool {
        self.any_place(b, |_, _| true)
    }

    /// Calls `f` with each place of `b` where a phrase may be (a middle's
    /// position, and its class), in order, until `f` says true; true when
    /// it did. (Every place a phrase is, ignoring ASCII case, is one.)
    fn any_place(&self, b: &[u8], mut f: impl FnMut(usize, usize) -> bool) -> bool {
        // A mask lets the letter at `k` through (or any byte).
        let lets = |mask: u32, k: Option<usize>| {
            mask & Self::ANY != 0
                || k.and_then(|k| b.get(k))
                    .map(u8::to_ascii_lowercase)
                    .is_some_and(|n| n.is_ascii_lowercase() && mask & (1 << (n - b'a')) != 0)
        };
        let mut from = 0;
        // The skip to the next middle, by table (an iterator's `position`:
        // a tighter loop than indexing byte by byte).
        // In bounds: a byte indexes 256 entries.
        while let Some(k) = b
            .get(from..)
            .and_then(|rest| rest.iter().position(|&c| self.class[usize::from(c)] != 0))
        {
            let i = from + k;
            from = i + 1;
            // In bounds: as above.
            let class = b
                .get(i)
                .map_or(0, |&c| usize::from(self.class[usize::from(c)]));
            if self.starts.get(class).copied().unwrap_or(true) {
                if f(i, class) {
                    return true;
                }
                continue;
            }
            let Some(&prev) = i.checked_sub(1).and_then(|k| b.get(k)) else {
                continue;
            };
            let prev = usize::from(prev.to_ascii_lowercase());
            let after = self
                .after
                .get(class)
                .and_then(|t| t.get(prev))
                .copied()
                .unwrap_or(Self::ANY);
            if after == 0 {
                continue;
            }
            let before2 = self
                .before2
                .get(class)
                .and_then(|t| t.get(prev))
                .copied()
                .unwrap_or(Self::ANY);
            if lets(after, Some(i + 1)) && lets(before2, i.checked_sub(2)) && f(i, class) {
                return true;
            }
        }
        false
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::new);

impl Lexicon {
    fn new() -> Lexicon {
        let mut words: HashMap<&'static [u8], u16> = HashMap::default();
        let mut phrases: Vec<&'static str> = Vec::new();
        let mut phrase_lists: Vec<u16> = Vec::new();
        for (bit, list) in LISTS.iter().enumerate() {
            let bit = 1u16 << bit;
            for &p in *list {
                if p.contains(' ') || !p.chars().all(char::is_alphanumeric) {
                    match phrases.iter().position(|&q| q == p) {
                        Some(k) => {
                            if let Some(l) = phrase_lists.get_mut(k) {
                                *l |= bit;
                            }
                        }
                        None => {
                            phrases.push(p);
                            phrase_lists.push(bit);
                        }
                    }
                } else {
                    *words.entry(p.as_bytes()).or_default() |= bit;
                }
            }
        }
        // The phrases are lower-case; ASCII text is matched ignoring ASCII
        // case, other text is lower-cased first.
        let phrases: Vec<&'static [u8]> = phrases.iter().map(|p| p.as_bytes()).collect();
        let gate = PhraseGate::new(&phrases);
        let mut shapes = vec![0u32; 36 * 36];
        for w in words.keys() {
            if let Some((i, bit)) = shape(w)
                && let Some(s) = shapes.get_mut(i)
            {
                *s |= bit;
            }
        }
        Lexicon {
            words,
            shapes,
            phrases,
            phrase_lists,
            gate,
        }
    }

    /// The lists of the phrases in `s` (ignoring ASCII case): the
    /// phrases of each middle the gate points at, compared with the text
    /// around it.
    fn phrase_lists_of(&self, s: &str) -> u16 {
        let b = s.as_bytes();
        let mut lists = 0;
        self.gate.any_place(b, |i, class| {
            for &(k, j) in self.gate.middles.get(class).map_or(&[][..], Vec::as_slice) {
                let Some(p) = self.phrases.get(k) else {
                    continue;
                };
                if i.checked_sub(j)
                    .and_then(|start| b.get(start..start + p.len()))
                    .is_some_and(|t| t.eq_ignore_ascii_case(p))
                {
                    lists |= self.phrase_lists.get(k).copied().unwrap_or(0);
                }
            }
            false
        });
        lists
    }

    /// [`Lexicon::phrase_lists_of`] by an Aho-Corasick automaton of the
    /// phrases (every occurrence of every phrase), as it was first
    /// written.
    #[cfg(test)]
    fn phrase_lists_by_automaton(&self, s: &str) -> u16 {
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&self.phrases)
            .expect("the phrases make an automaton");
        ac.find_overlapping_iter(s).fold(0, |lists, m| {
            lists
                | self
                    .phrase_lists
                    .get(m.pattern().as_usize())
                    .copied()
                    .unwrap_or(0)
        })
    }

    /// The lists `s` has a word (a whole word) or phrase of, ignoring case.
    fn lists_of(&self, s: &str) -> u16 {
        if s.is_empty() {
            return 0;
        }
        if s.is_ascii() {
            return self.lists_of_ascii(s);
        }
        let lower = super::lower::to_lowercase(s);
        let mut lists = self.phrase_lists_of(&lower);
        for w in lower
            .split(|c: char| {
                c.is_whitespace() || matches!(c, ',' | ':' | ';' | '(' | ')' | '/' | '-')
            })
            .map(|w| w.trim_matches(|c: char| !super::scan::is_letter_or_digit(c)))
        {
            if !w.is_empty() {
                lists |= self.words.get(w.as_bytes()).copied().unwrap_or(0);
            }
        }
        lists
    }

    /// [`Lexicon::lists_of`] for ASCII text, on bytes and without
    /// allocating: words are lower-cased into a small buffer (no listed
    /// word is longer), phrases matched ignoring case.
    fn lists_of_ascii(&self, s: &str) -> u16 {
        self.phrase_lists_of(s) | self.word_lists_ascii(s.as_bytes())
    }

    /// The lists of the words of ASCII `b`, in one pass over its bytes.
    ///
    /// A word runs between separators (see [`WORD_BYTE`]) and is looked
    /// up without the bytes that are no letter or digit at its ends. A
    /// listed word is letters and digits only, so a word is looked up only
    /// when its letters and digits are in one run.
    fn word_lists_ascii(&self, b: &[u8]) -> u16 {
        // In bounds: a byte indexes 256 entries.
        let kind = |i: usize| b.get(i).map(|&c| WORD_BYTE[usize::from(c)]);
        let mut lists = 0;
        let mut buf = [0u8; 32];
        let mut i = 0;
        while let Some(k) = kind(i) {
            if k != ALNUM {
                i += 1;
                continue;
            }
            // The first run of letters and digits of a word.
            let start = i;
            while kind(i) == Some(ALNUM) {
                i += 1;
            }
            let end = i;
            // The rest of the word: other bytes only, or another run.
            while kind(i) == Some(OTHER) {
                i += 1;
            }
            if kind(i) == Some(ALNUM) {
                while kind(i).is_some_and(|k| k != SEP) {
                    i += 1;
                }
                continue;
            }
            if let Some(w) = b.get(start..end) {
                lists |= self.word_lists_of_word(w, &mut buf);
            }
        }
        lists
    }

    /// The lists of one ASCII word (letters and digits at its ends), with
    /// `buf` to lower-case it in: none when no listed word has its shape
    /// or it is longer than any.
    #[inline]
    fn word_lists_of_word(&self, w: &[u8], buf: &mut [u8; 32]) -> u16 {
        if let Some((at, bit)) = shape(w)
            && self.shapes.get(at).is_some_and(|s| s & bit == 0)
        {
            return 0;
        }
        let Some(lw) = buf.get_mut(..w.len()) else {
            return 0;
        };
        lw.copy_from_slice(w);
        lw.make_ascii_lowercase();
        self.words.get(&*lw).copied().unwrap_or(0)
    }

    /// [`Lexicon::word_lists_ascii`] as first written: split at the
    /// separators, trimmed, looked up.
    #[cfg(test)]
    fn word_lists_ascii_by_split(&self, s: &str) -> u16 {
        let mut lists = 0;
        let mut buf = [0u8; 32];
        let sep = |c: &u8| {
            c.is_ascii_whitespace() || matches!(c, b',' | b':' | b';' | b'(' | b')' | b'/' | b'-')
        };
        for w in s.as_bytes().split(sep) {
            let w = trim_non_alnum(w);
            if !w.is_empty() {
                lists |= self.word_lists_of_word(w, &mut buf);
            }
        }
        lists
    }
}

/// What a byte is to [`Lexicon::word_lists_ascii`]: a separator between
/// words (ASCII whitespace, `,:;()/-`), a letter or digit, or other.
const WORD_BYTE: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        // In bounds: `c < 256`.
        t[c] = if b.is_ascii_whitespace()
            || matches!(b, b',' | b':' | b';' | b'(' | b')' | b'/' | b'-')
        {
            SEP
        } else if b.is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        c += 1;
    }
    t
};
const OTHER: u8 = 0;
const SEP: u8 = 1;
const ALNUM: u8 = 2;

const PERIODICAL_WORDS: &[&str] = &[
    "journal",
    "review",
    "revue",
    "revista",
    "rivista",
    "zeitschrift",
    "tijdschrift",
    "newsletter",
    "magazine",
    "news",
    "times",
    "gazette",
    "herald",
    "tribune",
    "daily",
    "weekly",
    "quarterly",
    "monthly",
    "bulletin",
    "letters",
    "annals",
    "annales",
    "transactions",
    "proceedings",
    "blog",
    "corr",
    "bmc",
    "plos",
    "nature",
    "lancet",
    "jama",
    "bmj",
    "chronicle",
    "telegraph",
    "observer",
    "guardian",
    "newspaper",
    "reporter",
    "digest",
    "wochenschrift",
    "cahiers",
    "acta",
    "frontiers",
];

/// A discipline that ends a journal's name ("Developmental Psychology",
/// "Psychological Science", "Child Development").
pub fn is_discipline(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "psychology"
            | "psychiatry"
            | "science"
            | "sciences"
            | "medicine"
            | "research"
            | "cognition"
            | "development"
            | "neuroscience"
            | "neuropsychology"
            | "neuropsychologia"
            | "neuroimage"
            | "behavior"
            | "behaviour"
            | "emotion"
            | "education"
            | "sociology"
            | "economics"
            | "intelligence"
            | "personality"
            | "learning"
            | "memory"
            | "perception"
            | "pediatrics"
            | "paediatrics"
            | "therapy"
            | "psychotherapy"
            | "biology"
            | "physics"
            | "chemistry"
            | "ecology"
            | "nursing"
            | "linguistics"
            | "psychologist"
            | "psychologie"
    )
}

/// True when a source element looks like a periodical's or site's name
/// (journal, newspaper, magazine, blog, a domain name).
pub fn looks_like_periodical(s: &str) -> bool {
    periodical_given(s, Kinds::of(s))
}

/// [`looks_like_periodical`] for `s` already looked up (`k`).
pub(crate) fn periodical_given(s: &str, k: Kinds) -> bool {
    if k.periodical_word() {
        return true;
    }
    // A site named by its domain: "Pastebin.com", "Fr-Online.De".
    // (One word: lower-casing neither makes nor removes a space, so the
    // test comes before it.)
    let t = super::scan::trim(s);
    if t.contains(' ') {
        return false;
    }
    let l = t.lc();
    [
        ".com", ".org", ".net", ".de", ".fr", ".co.uk", ".io", ".gov", ".edu", ".info", ".ru",
        ".it", ".es", ".nl", ".ch", ".at",
    ]
    .iter()
    .any(|d| l.ends_with(d))
}

/// True when `word` (without its trailing period) is an abbreviation after
/// which a period does not end a sentence.
pub fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    if w.is_empty() {
        return false;
    }
    if w.len() > 8 {
        return false;
    }
    // Looked up as bytes; with the shapes of the abbreviations (see
    // [`shape`]), so that most words, of a shape none has, are not.
    static SET: LazyLock<(HashSet<&'static [u8]>, Vec<u32>)> = LazyLock::new(|| {
        let set: HashSet<&'static [u8]> = ABBREVIATIONS.iter().map(|a| a.as_bytes()).collect();
        let mut shapes = vec![0u32; 36 * 36];
        for a in &set {
            if let Some((i, bit)) = shape(a)
                && let Some(s) = shapes.get_mut(i)
            {
                *s |= bit;
            }
        }
        (set, shapes)
    });
    let (set, shapes) = &*SET;
    if w.is_ascii() {
        // (The shape ignores ASCII case. A word without one, not starting
        // and ending with a letter or digit, is looked up.)
        if let Some((i, bit)) = shape(w.as_bytes())
            && shapes.get(i).is_some_and(|s| s & bit == 0)
        {
            return false;
        }
        // At most 8 bytes: lower-cased in a buffer on the stack.
        let mut buf = [0u8; 8];
        let Some(b) = buf.get_mut(..w.len()) else {
            return false;
        };
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        set.contains(&*b)
    } else {
        set.contains(w.lc().as_bytes())
    }
}

/// True when `word` is a capitalised journal-title abbreviation.
pub fn is_journal_abbreviation(word: &str) -> bool {
    // Every one starts with an ASCII capital.
    if !word.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    static SET: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| JOURNAL_ABBREVIATIONS.iter().copied().collect());
    SET.contains(word.trim_end_matches('.'))
}

/// True for the journal-title abbreviations that are also whole English
/// words ("Health", "Mark", "Law"): one of them before a period ends a
/// title unless other abbreviations come before it.
pub fn is_english_word_abbreviation(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "Health"
            | "Mark"
            | "Organ"
            | "Account"
            | "Manage"
            | "Personal"
            | "Law"
            | "Arch"
            | "Bull"
            | "Assess"
            | "Trans"
            | "Cult"
            | "Lit"
            | "Learn"
            | "Front"
    )
}

/// True when the lower-cased word is a name particle.
pub fn is_particle(word: &str) -> bool {
    // Every particle is at most five bytes and starts with a lower-case
    // letter or an apostrophe: most words (capitalised names) are not
    // compared with the list.
    word.len() <= 5
        && matches!(word.as_bytes().first(), Some(b'a'..=b'z' | b'\'' | 0xE2))
        && PARTICLES.contains(&word)
}

/// A company's legal form written after its name and a comma: "Tesla,
/// Inc.", "Acme, Ltd.".
pub fn is_company_form(word: &str) -> bool {
    // (Matched on the length first: initials, the usual words here, are
    // turned away at once.)
    matches!(
        word.trim_end_matches('.'),
        "Inc"
            | "Ltd"
            | "LLC"
            | "Corp"
            | "Co"
            | "GmbH"
            | "AG"
            | "PLC"
            | "plc"
            | "LLP"
            | "S.A"
            | "N.V"
            | "B.V"
    )
}

/// True for `Jr.`, `III` ...
pub fn is_name_suffix(word: &str) -> bool {
    let w = super::scan::trim(word);
    // Every suffix is at most three bytes before its periods and starts
    // with J, S, I or V.
    if w.trim_end_matches('.').len() > 3
        || !matches!(w.as_bytes().first(), Some(b'J' | b'S' | b'I' | b'V'))
    {
        return false;
    }
    NAME_SUFFIXES.contains(&w) || NAME_SUFFIXES.contains(&w.trim_end_matches('.'))
}

/// True when a name looks like an organisation's.
pub fn looks_like_group(s: &str) -> bool {
    Kinds::of(s).group()
}

/// True when a source unit looks like a publisher's name.
pub fn looks_like_publisher(s: &str) -> bool {
    Kinds::of(s).publisher()
}

/// True when a name is plainly a book publisher's ("... Publishing",
/// "... Verlag", "... University Press").
pub fn is_book_publisher(s: &str) -> bool {
    contains_any!(
        ci s,
        [
            "publish",
            "verlag",
            " books",
            "university press",
            "& sons",
            "editora",
            "éditions",
            "edições",
            "uitgeverij",
            "wydawnictwo",
            // Brothers' firms: "Gebr. Kluitman", "Gebr. Mann Verlag".
            "gebr. ",
            // Publishing houses in Chinese and Japanese ("東京大学出版会",
            // "人民出版社"), Korean ("서울대학교출판부") and Russian
            // ("Издательство МГУ").
            "出版",
            "출판",
            "издательств",
        ]
    )
}

/// True when a name is a university's or college's, in the languages of
/// reference lists ("University of Virginia", "Drexel University",
/// "Universität Wien", "성신여자대학교").
pub fn is_university(s: &str) -> bool {
    contains_any!(
        ci s,
        [
            "universit",
            "universidad",
            "universidade",
            "uniwersytet",
            "college",
            "hochschule",
            "대학교",
            "大学",
        ]
    )
}

/// True when a container title names an encyclopedia or wiki.
pub fn is_encyclopedia(s: &str) -> bool {
    Kinds::of(s).encyclopedia()
}

/// True when a container title names a dictionary.
pub fn is_dictionary(s: &str) -> bool {
    Kinds::of(s).dictionary()
}

/// True when a container title names proceedings or a meeting.
pub fn is_conference(s: &str) -> bool {
    Kinds::of(s).conference()
}

/// True when a name is a meeting's ("… International Conference on …",
/// "Symposium on …"): the conference words less the ones journals and
/// book series also use.
pub fn names_meeting(s: &str) -> bool {
    Kinds::of(s).meeting()
}

/// True when a source names a preprint server or working-paper series.
pub fn is_preprint_server(s: &str) -> bool {
    Kinds::of(s).preprint()
}

/// True when a container looks like a newspaper's name.
pub fn is_newspaper(s: &str) -> bool {
    Kinds::of(s).newspaper()
}

/// True when a container looks like a magazine's name.
pub fn is_magazine(s: &str) -> bool {
    Kinds::of(s).magazine()
}

/// True when a container looks like a blog.
pub fn is_blog(s: &str) -> bool {
    Kinds::of(s).blog()
}

/// DOI prefixes of preprint servers (arXiv, PsyArXiv/OSF, SSRN, Research
/// Square, Preprints.org, bioRxiv/medRxiv, ChemRxiv, Authorea, TechRxiv).
pub fn is_preprint_doi(doi: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "10.48550/",
        "10.31234/",
        "10.31219/",
        "10.31235/",
        "10.31222/",
        "10.35542/",
        "10.2139/",
        "10.21203/",
        "10.20944/",
        "10.26434/",
        "10.22541/",
        "10.36227/",
        "10.31224/",
        "10.51224/",
        "10.31730/",
        "10.32942/",
    ];
    // (The prefixes above have no letter, which lower-casing alone
    // changes: compared with the DOI as it is, without a lower-cased
    // copy.)
    PREFIXES.iter().any(|p| doi.starts_with(p))
        || doi.starts_with("10.1590/") && doi.lc().starts_with("10.1590/scielopreprints")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;

    #[test]
    fn kept_kinds_are_the_kinds() {
        let texts = [
            "Journal of Applied Psychology",
            "Springer",
            "Proceedings of the IEEE Conference on Computer Vision",
            "Der Spiegel",
            "Zeitschrift für Psychologie",
            "World Health Organization",
        ];
        // Looked up, then answered from what was kept.
        for _ in 0..2 {
            for t in texts {
                assert_eq!(Kinds::of(t), Kinds(LEXICON.lists_of(t)), "{t}");
            }
        }
        assert_eq!(Kinds::of(""), Kinds::default());
    }

    #[test]
    fn long_texts_are_not_kept() {
        let long = "Journal of ".repeat(40);
        let short = "Journal of Memory and Language";
        assert_eq!(Kinds::of(&long), Kinds(LEXICON.lists_of(&long)));
        assert_eq!(Kinds::of(short), Kinds(LEXICON.lists_of(short)));
        RECENT.with(|recent| {
            let recent = recent.borrow();
            assert!(!recent.contains_key(long.as_str()));
            assert!(recent.contains_key(short));
        });
    }

    #[test]
    fn suffixes_fit_the_quick_test() {
        for s in NAME_SUFFIXES {
            assert!(is_name_suffix(s), "{s}");
        }
        assert!(is_name_suffix("Jr...") && is_name_suffix(" III "));
        assert!(!is_name_suffix("Jr.,") && !is_name_suffix("Smith"));
    }

    #[test]
    fn journal_abbreviations_fit_the_quick_test() {
        for a in JOURNAL_ABBREVIATIONS {
            assert!(is_journal_abbreviation(a), "{a}");
        }
    }

    #[test]
    fn particles_fit_the_quick_test() {
        for p in PARTICLES {
            assert!(is_particle(p), "{p}");
        }
        assert!(!is_particle("Van") && !is_particle("smith") && !is_particle(""));
    }

    #[test]
    fn abbreviations() {
        // Every listed one passes the shape test, in any case.
        for a in ABBREVIATIONS {
            for w in [
                a.to_string(),
                a.to_uppercase(),
                format!("{}.", a.to_uppercase()),
            ] {
                assert!(is_abbreviation(&w), "{w}");
            }
        }
        assert!(is_abbreviation("Vol."));
        assert!(is_abbreviation("pp."));
        assert!(!is_abbreviation("gradient."));
        assert!(is_journal_abbreviation("Phys."));
        assert!(!is_journal_abbreviation("phys."));
    }

    #[test]
    fn sites_named_by_their_domain() {
        assert!(looks_like_periodical("Pastebin.com"));
        assert!(looks_like_periodical(" Fr-Online.De "));
        assert!(looks_like_periodical("ÉCOLE.FR"));
        assert!(!looks_like_periodical("Paste bin.com"));
        assert!(!looks_like_periodical("Acme.company"));
    }

    #[test]
    fn hyphenated_names_are_read_word_by_word() {
        assert!(looks_like_periodical("The Atlanta Journal-Constitution"));
        assert!(looks_like_periodical("Médecine/Sciences-Revue"));
        assert!(!looks_like_periodical("Self-Reviewing Systems"));
        assert!(looks_like_publisher("Wiley-Blackwell"));
    }

    #[test]
    fn one_lookup_answers_for_every_list() {
        // A phrase in two lists ("inc."), a word in two ("university").
        // The phrase gate lets every phrase through, in any case and
        // with any text around it, and stops text without one.
        for p in LISTS
            .iter()
            .flat_map(|l| l.iter())
            .filter(|p| p.contains(' ') || !p.chars().all(char::is_alphanumeric))
        {
            for t in [
                p.to_string(),
                p.to_ascii_uppercase(),
                format!("The {} x", p.to_ascii_uppercase()),
                format!("ab{p}cd"),
            ] {
                assert!(LEXICON.gate.may_hold(t.as_bytes()), "{t}");
            }
        }
        for t in ["Journal of Applied Psychology", "Nature", "", "Sage"] {
            assert!(!LEXICON.gate.may_hold(t.as_bytes()), "{t}");
        }
        let k = Kinds::of("Acme Inc.");
        assert!(k.group() && k.publisher() && !k.meeting());
        let k = Kinds::of("Oxford University Press");
        assert!(k.group() && k.publisher() && !k.periodical_word());
        let k = Kinds::of("Proceedings of the Annual Meeting");
        assert!(k.conference() && k.meeting() && k.periodical_word());
        let k = Kinds::of("Médecine/Sciences-Revue du Congrès");
        assert!(k.meeting() && !k.group());
        assert_eq!(Kinds::of(""), Kinds::default());
    }

    /// Texts made of pieces of the phrases (cut anywhere, in either case)
    /// and a few other bytes: phrases, near misses and overlaps.
    fn phrase_texts() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let phrases: Vec<&str> = LEXICON
            .phrases
            .iter()
            .filter_map(|p| std::str::from_utf8(p).ok())
            .collect();
        let texts = super::super::phrase_texts::phrase_texts(&phrases, "[a-zA-Z .,'’é-]", 8);
        (texts, any::<u64>()).prop_map(|(text, case)| {
            text.chars()
                .enumerate()
                .map(|(i, c)| {
                    if case >> (i % 64) & 1 == 1 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect()
        })
    }

    proptest::proptest! {
        #[test]
        fn words_found_in_one_pass_as_by_split(s in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(
                    LISTS.iter().flat_map(|l| l.iter()).filter(|w| w.is_ascii()).copied().collect::<Vec<_>>()
                ).prop_map(str::to_string),
                proptest::sample::select(
                    LISTS.iter().flat_map(|l| l.iter()).filter(|w| w.is_ascii()).copied().collect::<Vec<_>>()
                ).prop_map(str::to_ascii_uppercase),
                "[a-zA-Z0-9]{1,4}",
                "[ ,:;()/\\-.'&\t\x0b]{1,2}",
            ],
            0..8,
        ).prop_map(|w: Vec<String>| w.concat())) {
            proptest::prop_assert_eq!(
                LEXICON.word_lists_ascii(s.as_bytes()),
                LEXICON.word_lists_ascii_by_split(&s),
                "{:?}", s
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn phrases_found_by_the_gate_are_the_automaton_s(s in phrase_texts()) {
            proptest::prop_assert_eq!(
                LEXICON.phrase_lists_of(&s),
                LEXICON.phrase_lists_by_automaton(&s),
                "{:?}", s
            );
        }
    }

    #[test]
    fn kinds_of_names() {
        assert!(looks_like_group("World Health Organization"));
        assert!(looks_like_group(
            "U.S. Department of Health and Human Services"
        ));
        assert!(!looks_like_group("Ketamine for social anxiety disorder"));
        assert!(looks_like_publisher("John Wiley & Sons"));
        assert!(looks_like_publisher("Guilford Press"));
        assert!(is_encyclopedia("The Stanford Encyclopedia of Philosophy"));
        assert!(is_dictionary("Merriam-Webster.com dictionary"));
        assert!(is_conference("Proceedings of the 2018 Conference"));
        assert!(is_preprint_server("PsyArXiv"));
        assert!(is_preprint_doi("10.31234/osf.io/abcd"));
        assert!(is_preprint_doi("10.31234/OSF.IO/ABCD"));
        assert!(is_preprint_doi("10.1590/SciELOPreprints.1234"));
        assert!(!is_preprint_doi("10.1590/S0102-311X2020"));
        assert!(!is_preprint_doi("10.1037/a0000001"));
    }
}
