//! What the classifier knows about each block of a page: its length, words,
//! stopword density, final mark, boilerplate shape, chrome words and how often
//! it appears (`scoring.features` of the Python pipeline).
//!
//! The patterns are those of `cleaner/scoring.py` before the move, run by the
//! `regex` crate on the [`python_view`] of the text, so that `\w`, `\b`, `\s`
//! and `\d` mean what they meant to Python's `re`. They are compiled once, in
//! [`Patterns::new`].

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use regex::{CaptureLocations, Regex};

use super::pytext::{ascii_view, lower_append, python_view, space_view, word_tokens, Projection};
use super::settings::Settings;
use crate::pystr;

/// The boilerplate shapes a short block can have, in the order of the block
/// model's `shape_*` features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Items separated by bars, bullets or slashes: "Home | News | Sport".
    Menu,
    /// "Read more" and its kin as the whole line or its end.
    More,
    /// Relative times of teaser lists: "3 hours ago".
    Ago,
    /// A date or a time of day on a short line.
    Date,
    /// Copyright, privacy and cookie lines.
    Legal,
    /// Share buttons and comment counters: "Share", "12 Comments".
    Social,
    /// A short line of capitalised words without a final mark.
    TitleCase,
    /// A short block with several words of site chrome.
    Chrome,
}

impl Shape {
    /// Every shape, in the order of the block model's `shape_*` features.
    pub const ALL: [Shape; 8] = [
        Shape::Menu,
        Shape::More,
        Shape::Ago,
        Shape::Date,
        Shape::Legal,
        Shape::Social,
        Shape::TitleCase,
        Shape::Chrome,
    ];

    /// The shape's name, as the Python pipeline spelt it.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Menu => "menu",
            Shape::More => "more",
            Shape::Ago => "ago",
            Shape::Date => "date",
            Shape::Legal => "legal",
            Shape::Social => "social",
            Shape::TitleCase => "title_case",
            Shape::Chrome => "chrome",
        }
    }
}

/// What the classifier knows about one block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockFeatures {
    /// Characters (code points).
    pub chars: usize,
    /// Words, as `str.split()` counts them.
    pub words: usize,
    /// Share of the block's `\w+` tokens in the stoplist; `stopwords_high`
    /// without a stoplist or without tokens (stopwords then say nothing).
    pub stopword_density: f64,
    /// The block ends like a sentence.
    pub terminal: bool,
    /// The boilerplate shape of the block, if any.
    pub shape: Option<Shape>,
    /// The same block appears elsewhere in the page.
    pub repeated: bool,
    /// Words of site chrome in the block (cookies, newsletter, share, ...).
    pub chrome: usize,
    /// Times the same block appears in the page.
    pub count: usize,
}

/// What the page test reads of a block before its features: cheap to get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockBasics {
    /// Characters (code points).
    pub chars: usize,
    /// Words, as `str.split()` counts them.
    pub words: usize,
    /// The block ends like a sentence.
    pub terminal: bool,
    /// Two or more menu separators ("A | B | C").
    pub separated: bool,
}

/// Characters a sentence may end with (a block ending with one is "terminal").
const TERMINAL: [char; 14] = [
    '.', '!', '?', ':', '"', '\u{201d}', '\u{201c}', '\u{bb}', '\u{ab}', '\u{2026}', '\u{3002}',
    '\u{ff01}', '\u{ff1f}', ')',
];

/// Whether `text` ends like a sentence.
pub fn is_terminal(text: &str) -> bool {
    text.chars()
        .next_back()
        .is_some_and(|c| TERMINAL.contains(&c))
}

// Items separated by bars, bullets, guillemets or slashes: "Home | News | Sport".
const MENU_SEPARATORS: &str = "(?:^|\\s)[|\u{b7}\u{2022}\u{bb}\u{203a}/\u{2013}\u{2014}>](?:\\s|$)";
// Counters of social and comment links: "Comments (3)", "12 Kommentare", "Share".
const SOCIAL: &str = r"^(?:share|teilen|tweet|twitter|facebook|linkedin|pinterest|whatsapp|e-?mail|print|drucken|imprimer|partager|reply|antworten|r[ée]pondre|like|gef[äa]llt mir|\d+\s+(?:comments?|kommentare?|commentaires?|replies|antworten|likes?|shares?)|(?:comments?|kommentare?|commentaires?)\s*\(?\d*\)?)\W*$";
// Relative times of teaser lists: "3 hours ago", "vor 2 Stunden", "il y a 5 min".
const AGO: &str = r"\b\d+\s*(?:sec|min|minutes?|hours?|hrs?|h|days?|weeks?|months?|years?)\s+ago\b|\bvor\s+\d+\s*(?:sek|min|minuten?|std|stunden?|tag(?:en)?|wochen?|monaten?|jahren?)\b|\bil y a\s+\d+\s*(?:s|min|minutes?|h|heures?|jours?|semaines?|mois|ans?)\b|\bhace\s+\d+\s*(?:min|minutos?|horas?|d[ií]as?)\b";
// "Read more" and its kin as the whole line or its end.
const MORE: &str = r"(?:\b(?:read|see|view|show|load|learn|find out) (?:more|all|full)\b[^.!?]{0,30}|\bcontinue reading\b|\bweiterlesen\b|\bmehr (?:lesen|erfahren|dazu|zum thema)\b|\bzum artikel\b|\blire la suite\b|\ben savoir plus\b|\bleer m[aá]s\b|\bczytaj (?:więcej|dalej)\b|\bleggi (?:tutto|di più)\b|\blees meer\b|\bmore\b|\bmehr\b|\bplus\b)\W*$";
// Copyright and legal lines.
const LEGAL: &str = r"\b(?:copyright|all rights reserved|alle rechte vorbehalten|tous droits r[ée]serv[ée]s|wszelkie prawa zastrze[żz]one|cookies?|newsletter|privacy policy|datenschutz)|©|\(c\)\s*\d{4}";
// A date with digits: 31.05.2012, 2012-05-31, 31/05/12, 31. Mai 2012, May 31,
// 2012. Python's pattern was
//   \b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}\.?\s+[^\W\d_]{3,10}\.?,?\s+\d{4}\b
//   |\b[^\W\d_]{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b|\b\d{1,2}:\d{2}\b
// This is the same on the ASCII view of DATE_VIEW (the Unicode letter class
// repeated ten times took 30 ms to compile).
const DATE: &str = r"(?-u:\b)[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{2,4}(?-u:\b)|(?-u:\b)[0-9]{1,2}\.?[\t-\r\x1c-\x20]+[A-Za-z]{3,10}\.?,?[\t-\r\x1c-\x20]+[0-9]{4}(?-u:\b)|(?-u:\b)[A-Za-z]{3,10}\.?[\t-\r\x1c-\x20]+[0-9]{1,2}(?:st|nd|rd|th)?,?[\t-\r\x1c-\x20]+[0-9]{4}(?-u:\b)|(?-u:\b)[0-9]{1,2}:[0-9]{2}(?-u:\b)";
/// Non-ASCII letters become `x`, a letter of none of DATE's literals.
const DATE_VIEW: Projection = Projection {
    space: b' ',
    digit: b'0',
    word: b'x',
    other: b'#',
};
// Words of site chrome: legal notes, sign-up forms, comment forms, ads,
// affiliate notes (on lower-cased text). Python's pattern had \b and \w where
// this has their ASCII forms: it runs on the ASCII view of CHROME_VIEW.
const CHROME_WORDS: &str = r"(?-u:\b)(?:cookies?|newsletter|abonnieren|subscribe|subscription|sign[ -]?up|log[ -]?in|anmelden|anmeldung|registrieren|register|privacy|datenschutz[0-9A-Za-z_]*|impressum|imprint|haftung[0-9A-Za-z_]*|disclaimer|copyright|urheberrecht[0-9A-Za-z_]*|rights reserved|rechte vorbehalten|affiliate|werbung|anzeige|advertisement|sponsored|gesponsert|e-?mail|postfach|inbox|kommentare?|comments?|kommentieren|reply|antworten|leave a|hinterlassen|verlinkungen|links?|website|webseiten?|browser|javascript|akzeptieren|accept|teilen|share|folgen|follow|facebook|twitter|instagram|youtube|whatsapp|telegram|pinterest|linkedin|rss|feed|klicken|click|tap|download|app)(?-u:\b)";
/// Non-ASCII word characters become `_`, in none of CHROME_WORDS' literals;
/// other characters (spaces too: the pattern's spaces are literal) become `#`.
const CHROME_VIEW: Projection = Projection {
    space: b'#',
    digit: b'_',
    word: b'_',
    other: b'#',
};

/// The word-based shapes of one pattern, in the order of its groups: the group
/// that matched names the shape (leftmost match, first alternative).
const SHAPE_GROUPS: [Shape; 4] = [Shape::Social, Shape::Ago, Shape::More, Shape::Legal];

/// The compiled patterns of block features; built once per scorer.
#[derive(Debug, Clone)]
pub struct Patterns {
    menu_separators: Regex,
    shapes: Regex,
    date: Regex,
    chrome_words: Regex,
}

impl Patterns {
    /// Compile the patterns.
    pub fn new() -> Result<Self, regex::Error> {
        let shapes =
            format!("(?P<social>{SOCIAL})|(?P<ago>{AGO})|(?P<more>{MORE})|(?P<legal>{LEGAL})");
        Ok(Self {
            menu_separators: Regex::new(MENU_SEPARATORS)?,
            shapes: Regex::new(&shapes)?,
            date: Regex::new(DATE)?,
            chrome_words: Regex::new(CHROME_WORDS)?,
        })
    }

    /// Whether `view` (a [`python_view`]) holds two or more menu separators.
    fn separated(&self, view: &str) -> bool {
        self.menu_separators.find_iter(view).nth(1).is_some()
    }
}

/// Buffers reused from block to block while the features of a page are
/// computed.
#[derive(Debug)]
pub struct Scratch {
    view: String,
    locations: CaptureLocations,
}

impl Scratch {
    /// Buffers for the patterns of `patterns`.
    pub fn new(patterns: &Patterns) -> Self {
        Self {
            view: String::new(),
            locations: patterns.shapes.capture_locations(),
        }
    }
}

/// The lower-cased text (Python's `str.lower()`) of every block of a page, in
/// one buffer.
#[derive(Debug, Clone, Default)]
pub struct Lowered {
    text: String,
    ends: Vec<usize>,
}

impl Lowered {
    /// The lower-cased blocks.
    pub fn new(texts: &[&str]) -> Self {
        let mut text = String::with_capacity(texts.iter().map(|t| t.len()).sum());
        let mut ends = Vec::with_capacity(texts.len());
        for t in texts {
            lower_append(t, &mut text);
            ends.push(text.len());
        }
        Self { text, ends }
    }

    /// The lower-cased text of block `i`.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// A 64-bit multiplicative hash (the Fx hash of rustc) for the stoplist: its
/// words are fixed, so that text cannot crowd one bucket, and the default
/// hasher cost a tenth of the time of block features.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A stoplist: lower-case words.
pub type Stoplist = HashSet<String, BuildHasherDefault<WordHasher>>;

/// The basics of a block: characters, words, final mark, menu separators.
pub fn basics(text: &str, patterns: &Patterns, scratch: &mut Scratch) -> BlockBasics {
    let view = space_view(text, &mut scratch.view); // the pattern's only class is \s
    BlockBasics {
        chars: text.chars().count(),
        words: pystr::word_count(text),
        terminal: is_terminal(text),
        separated: patterns.separated(view),
    }
}

/// A line that looks like a menu item or a link: few words and no final mark,
/// or menu separators.
pub fn menu_like(b: &BlockBasics, settings: &Settings) -> bool {
    b.separated || (!b.terminal && (b.words as i64) <= settings.page_short_words)
}

/// Number of runs of at least `length` consecutive true values.
///
/// ```
/// use _core::scoring::features::long_runs;
/// assert_eq!(long_runs(&[true, true, false, true, true, true], 2), 2);
/// ```
pub fn long_runs(flags: &[bool], length: i64) -> usize {
    let mut runs = 0;
    let mut current: i64 = 0;
    for &flag in flags {
        current = if flag { current + 1 } else { 0 };
        if current == length {
            runs += 1;
        }
    }
    runs
}

/// How often each block appears in the page.
pub fn counts(texts: &[&str]) -> Vec<usize> {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(texts.len());
    for t in texts {
        *seen.entry(t).or_insert(0) += 1;
    }
    texts.iter().map(|t| seen[t]).collect()
}

/// The features of every block of a page, from their `basics` and lower-cased
/// texts.
pub fn features(
    texts: &[&str],
    lowered: &Lowered,
    basics: &[BlockBasics],
    stoplist: &Stoplist,
    settings: &Settings,
    patterns: &Patterns,
    scratch: &mut Scratch,
) -> Vec<BlockFeatures> {
    let counts = counts(texts);
    let chrome = chrome_hits(texts, lowered, patterns, scratch);
    (0..texts.len())
        .map(|i| {
            let block = Block {
                text: texts[i],
                lower: lowered.get(i),
                basics: &basics[i],
            };
            block_features(
                block, counts[i], chrome[i], stoplist, settings, patterns, scratch,
            )
        })
        .collect()
}

/// Index of block -> number of chrome words in it.
///
/// The Python pipeline matched the lower-cased page (blocks joined by newlines)
/// and gave each match to a block by its position among the blocks' starts in
/// the text before lower-casing. Lower-casing keeps the length of a text but
/// for the capital I with a dot (U+0130), which becomes two characters: on a
/// page that holds it, later matches may fall to the block after their own,
/// or past the last block's start to none, and this keeps that.
pub fn chrome_hits(
    texts: &[&str],
    lowered: &Lowered,
    patterns: &Patterns,
    scratch: &mut Scratch,
) -> Vec<usize> {
    let mut hits = vec![0usize; texts.len()];
    let shifted = texts.iter().any(|t| t.contains('\u{130}'));
    let starts: Vec<usize> = if shifted {
        // starts[k]: where block k began in the joined text (code points)
        let mut acc = 0;
        let mut s = Vec::with_capacity(texts.len() + 1);
        s.push(0);
        for t in texts {
            acc += t.chars().count() + 1;
            s.push(acc);
        }
        s
    } else {
        Vec::new()
    };
    let mut lowered_start = 0; // where block j began in the lower-cased joined text
    for j in 0..texts.len() {
        let view = ascii_view(lowered.get(j), CHROME_VIEW, &mut scratch.view);
        if !shifted {
            hits[j] = patterns.chrome_words.find_iter(view).count();
            continue;
        }
        for m in patterns.chrome_words.find_iter(view) {
            // the view is ASCII: byte offsets are code-point offsets
            let block = starts.partition_point(|&s| s <= lowered_start + m.start()) - 1;
            if let Some(h) = hits.get_mut(block) {
                *h += 1;
            }
        }
        lowered_start += view.len() + 1;
    }
    hits
}

/// A block's text, lower-cased text and basics.
#[derive(Clone, Copy)]
struct Block<'a> {
    text: &'a str,
    lower: &'a str,
    basics: &'a BlockBasics,
}

fn block_features(
    block: Block<'_>,
    count: usize,
    chrome: usize,
    stoplist: &Stoplist,
    settings: &Settings,
    patterns: &Patterns,
    scratch: &mut Scratch,
) -> BlockFeatures {
    let b = block.basics;
    let mut tokens = 0usize;
    let mut stops = 0usize;
    for token in word_tokens(block.lower) {
        tokens += 1;
        stops += usize::from(stoplist.contains(token));
    }
    let stopword_density = if !stoplist.is_empty() && tokens > 0 {
        stops as f64 / tokens as f64
    } else {
        settings.stopwords_high // no stoplist: stopwords say nothing
    };
    let words = b.words as i64;
    let mut shape = None;
    if words <= settings.shape_max_words {
        shape = short_shape(block, settings, patterns, scratch);
    }
    if shape.is_none()
        && chrome as i64 >= settings.chrome_min_hits
        && words <= settings.chrome_max_words
    {
        shape = Some(Shape::Chrome);
    }
    BlockFeatures {
        chars: b.chars,
        words: b.words,
        stopword_density,
        terminal: b.terminal,
        shape,
        repeated: count > 1,
        chrome,
        count,
    }
}

/// The boilerplate shape of a short block, if any.
fn short_shape(
    block: Block<'_>,
    settings: &Settings,
    patterns: &Patterns,
    scratch: &mut Scratch,
) -> Option<Shape> {
    let (text, b) = (block.text, block.basics);
    if b.separated {
        return Some(Shape::Menu);
    }
    let view = python_view(block.lower, &mut scratch.view);
    if patterns
        .shapes
        .captures_read(&mut scratch.locations, view)
        .is_some()
    {
        // the group that took part in the match names the shape
        return (1..=SHAPE_GROUPS.len())
            .find(|&g| scratch.locations.get(g).is_some())
            .map(|g| SHAPE_GROUPS[g - 1]);
    }
    if !b.terminal
        && b.words <= 6
        && text.chars().any(pystr::is_decimal)
        && patterns
            .date
            .is_match(ascii_view(text, DATE_VIEW, &mut scratch.view))
    {
        return Some(Shape::Date);
    }
    if !b.terminal && b.words as i64 >= settings.title_case_min_words {
        let capitals = pystr::words(text)
            .filter(|w| w.chars().next().is_some_and(pystr::is_upper_char))
            .count();
        if capitals as f64 >= settings.title_case_share * b.words as f64 {
            return Some(Shape::TitleCase);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stoplist(words: &[&str]) -> Stoplist {
        words.iter().map(|w| w.to_string()).collect()
    }

    fn page(texts: &[&str], settings: &Settings) -> Vec<BlockFeatures> {
        let patterns = Patterns::new().unwrap();
        let mut scratch = Scratch::new(&patterns);
        let basics: Vec<_> = texts
            .iter()
            .map(|t| basics(t, &patterns, &mut scratch))
            .collect();
        let stops = stoplist(&["the", "a", "of", "to", "and", "in", "on", "for", "that"]);
        features(
            texts,
            &Lowered::new(texts),
            &basics,
            &stops,
            settings,
            &patterns,
            &mut scratch,
        )
    }

    fn shape(text: &str) -> Option<&'static str> {
        page(&[text], &Settings::default())[0]
            .shape
            .map(Shape::name)
    }

    #[test]
    fn shapes() {
        for (line, expected) in [
            ("Home | News | Sport | Weather", "menu"),
            ("Read more", "more"),
            ("Weiterlesen", "more"),
            ("Posted 3 hours ago", "ago"),
            ("vor 2 Stunden", "ago"),
            ("31.05.2012", "date"),
            ("May 31, 2012", "date"),
            ("© 2024 Example News", "legal"),
            ("Share", "social"),
            ("12 Comments", "social"),
            ("Latest World News", "title_case"),
            (
                "Sign up for our newsletter to get the best stories in your inbox.",
                "chrome",
            ),
        ] {
            assert_eq!(shape(line), Some(expected), "{line}");
        }
        for line in ["Results of the vote", "Climate", "It was a long night."] {
            assert_eq!(shape(line), None, "{line}");
        }
    }

    #[test]
    fn dates_in_other_scripts_follow_pythons_classes() {
        assert_eq!(shape("31. März 2012"), Some("date"));
        assert_eq!(shape("31 мая 2012"), Some("date"));
        assert_eq!(shape("٣١ مايو ٢٠١٢"), Some("date"));
        // Python's [^\W\d_] takes no vowel sign: "मार्च" and "जून" are no runs
        // of three letters.
        assert_eq!(shape("15 मार्च 2012"), None);
        assert_eq!(shape("15 जून 2012"), None);
    }

    #[test]
    fn shape_groups_follow_the_leftmost_match() {
        // "share" (social) needs the whole line; "more" at the end wins here.
        assert_eq!(shape("share more"), Some("more"));
        // Leftmost first: "cookies" starts before "read more".
        assert_eq!(shape("cookies and read more"), Some("legal"));
    }

    #[test]
    fn shape_settings() {
        let line = "The council released the full report on the new bridge plan today, read more";
        assert_eq!(shape(line), None);
        let wide = Settings {
            shape_max_words: 20,
            ..Settings::default()
        };
        assert!(page(&[line], &wide)[0].shape.is_some());
        let line = "Sign up for our newsletter to get the best stories in your inbox.";
        let relaxed = Settings {
            chrome_min_hits: 5,
            ..Settings::default()
        };
        assert_eq!(page(&[line], &relaxed)[0].shape, None);
        let short = Settings {
            chrome_max_words: 5,
            ..Settings::default()
        };
        assert_eq!(page(&[line], &short)[0].shape, None);
        let strict = Settings {
            title_case_share: 1.0,
            ..Settings::default()
        };
        assert_eq!(page(&["Latest News of Today"], &strict)[0].shape, None);
        let single = Settings {
            title_case_min_words: 1,
            ..Settings::default()
        };
        assert_eq!(page(&["Climate"], &single)[0].shape, Some(Shape::TitleCase));
    }

    #[test]
    fn chrome_words_and_counts() {
        let f = page(
            &[
                "Subscribe to our newsletter and follow us on Facebook",
                "x",
                "x",
            ],
            &Settings::default(),
        );
        assert_eq!(f[0].chrome, 4);
        assert_eq!(
            (f[1].count, f[1].repeated, f[0].count, f[0].repeated),
            (2, true, 1, false)
        );
    }

    #[test]
    fn chrome_hits_keep_the_positions_of_the_text_before_lower_casing() {
        let patterns = Patterns::new().unwrap();
        let mut scratch = Scratch::new(&patterns);
        // Each "İ" lengthens the lower-cased page by one character, so that a
        // match may count for the block after its own, or for none past the
        // last block's start (the results of the Python pipeline).
        let cases: [(&[&str], &[usize]); 5] = [
            (&["İ", "app", "x"], &[0, 1, 0]),
            (&["İİİİİİ app"], &[0]),
            (&["İİ", "app"], &[0, 1]),
            (&["app İİİ", "x", "app"], &[1, 0, 1]),
            (&["İİİİ", "x", "app app", "yy"], &[0, 0, 1, 1]),
        ];
        for (texts, expected) in cases {
            assert_eq!(
                chrome_hits(texts, &Lowered::new(texts), &patterns, &mut scratch),
                expected,
                "{texts:?}"
            );
        }
    }

    #[test]
    fn stopword_density() {
        let f = page(
            &["the cat and the dog", "—", "Cat dog"],
            &Settings::default(),
        );
        assert_eq!(f[0].stopword_density, 3.0 / 5.0);
        assert_eq!(f[1].stopword_density, Settings::default().stopwords_high); // no tokens
        assert_eq!(f[2].stopword_density, 0.0);
        let patterns = Patterns::new().unwrap();
        let mut scratch = Scratch::new(&patterns);
        let b = [basics("the cat", &patterns, &mut scratch)];
        let none = features(
            &["the cat"],
            &Lowered::new(&["the cat"]),
            &b,
            &Stoplist::default(),
            &Settings::default(),
            &patterns,
            &mut scratch,
        );
        assert_eq!(none[0].stopword_density, Settings::default().stopwords_high);
    }

    #[test]
    fn lowered_blocks_and_the_word_hash() {
        let lowered = Lowered::new(&["ÀB", "", "CD"]);
        assert_eq!(
            (lowered.get(0), lowered.get(1), lowered.get(2)),
            ("àb", "", "cd")
        );
        let set = stoplist(&["the", "a", "überhaupt", "thirteen-letter"]);
        assert!(
            set.contains("the") && set.contains("überhaupt") && set.contains("thirteen-letter")
        );
        assert!(!set.contains("th") && !set.contains("thee") && !set.contains(""));
    }

    #[test]
    fn menu_like_and_runs() {
        let patterns = Patterns::new().unwrap();
        let mut scratch = Scratch::new(&patterns);
        let s = Settings::default();
        let mut menu = |t: &str| menu_like(&basics(t, &patterns, &mut scratch), &s);
        assert!(menu("Home") && menu("A long line | with bars | between the items of it."));
        assert!(!menu("Done.") && !menu("one two three four five"));
        assert_eq!(long_runs(&[true; 5], 5), 1);
        assert_eq!(long_runs(&[true; 10], 5), 1);
        assert_eq!(long_runs(&[true, true, false, true, true], 2), 2);
        assert_eq!(long_runs(&[true; 3], 0), 0);
        assert_eq!(long_runs(&[], 1), 0);
    }

    #[test]
    fn terminal_marks() {
        assert!(is_terminal("End.") && is_terminal("«Fin»") && is_terminal("(see above)"));
        assert!(!is_terminal("Home") && !is_terminal(""));
    }
}
