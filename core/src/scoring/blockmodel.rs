//! The block model's features: one column of values per feature of
//! [`FEATURES`], one value per block of a page.
//!
//! A block's own features (length, words, stopwords, final mark, capitals,
//! digits, shapes, chrome words, credit and link marks, what the rules and the
//! jusText classes said), those of its neighbours up to three blocks away, and
//! where it stands in the page (prose around it, before it, its distance to
//! prose). `cleaner/blockmodel.py` says what each feature measures; the
//! arithmetic is that of the Python pipeline before the move, in the same
//! order, so that the values are the same to the last bit.

use regex::Regex;

use super::classify;
use super::features::{BlockFeatures, Lowered, Shape};
use super::pytext::{is_digit, python_view};
use super::windows::{distances, prefix_sums, runs, shift_into, span, window_means, window_sums};
use crate::pystr;

/// Every feature of the block model, in the order of [`Columns`] (and of
/// `cleaner.blockmodel.FEATURES`).
#[rustfmt::skip]
pub const FEATURES: [&str; 114] = [
    "log_chars", "log_words", "stopwords", "has_stoplist", "terminal", "repeated", "log_count",
    "capitals", "digits", "commas", "colon_end", "sentence", "menu_like", "shape_menu",
    "shape_more", "shape_ago", "shape_date", "shape_legal", "shape_social", "shape_title_case",
    "shape_chrome", "log_chrome", "chrome_share", "credit", "ellipsis", "question", "link",
    "bullet", "digit_start", "upper_words", "log_sentences", "chars_over_20", "chars_over_33",
    "chars_over_55", "chars_over_90", "chars_over_150", "chars_over_245", "chars_over_400",
    "words_over_2", "words_over_4", "words_over_6", "words_over_11", "words_over_19",
    "stopwords_over_10", "stopwords_over_20", "stopwords_over_30", "stopwords_over_40",
    "removed", "cut", "verdict", "prev1_log_chars", "prev1_log_words", "prev1_stopwords",
    "prev1_terminal", "prev1_repeated", "prev1_removed", "prev1_sentence", "prev1_menu_like",
    "next1_log_chars", "next1_log_words", "next1_stopwords", "next1_terminal", "next1_repeated",
    "next1_removed", "next1_sentence", "next1_menu_like", "prev2_log_chars", "prev2_log_words",
    "prev2_stopwords", "prev2_terminal", "prev2_repeated", "prev2_removed", "prev2_sentence",
    "prev2_menu_like", "next2_log_chars", "next2_log_words", "next2_stopwords",
    "next2_terminal", "next2_repeated", "next2_removed", "next2_sentence", "next2_menu_like",
    "prev3_log_chars", "prev3_log_words", "prev3_stopwords", "prev3_terminal", "prev3_repeated",
    "prev3_removed", "prev3_sentence", "prev3_menu_like", "next3_log_chars", "next3_log_words",
    "next3_stopwords", "next3_terminal", "next3_repeated", "next3_removed", "next3_sentence",
    "next3_menu_like", "prose_share_3", "prose_share_10", "prose_share_30",
    "log_chars_within_3", "log_chars_within_10", "log_chars_within_30", "verdict_share_2",
    "verdict_share_5", "verdict_share_15", "position", "chars_before", "prose_before",
    "log_prose_distance", "log_blocks", "inside", "log_prose_run",
];

/// The features of the context pass, on top of [`FEATURES`]: the first pass's
/// probabilities of the block and of its neighbours (in the order of
/// [`context_columns`] and of `cleaner.blockmodel.CONTEXT_FEATURES`).
#[rustfmt::skip]
pub const CONTEXT_FEATURES: [&str; 11] = [
    "p", "prev1_p", "next1_p", "prev2_p", "next2_p", "prev3_p", "next3_p", "p_share_3",
    "p_share_10", "p_share_30", "p_inside",
];

/// Features of a block's own (the first columns of [`FEATURES`]).
const OWN: usize = 50;
// Indices of some features in FEATURES.
const LOG_CHARS: usize = 0;
const LOG_WORDS: usize = 1;
const STOPWORDS: usize = 2;
const TERMINAL: usize = 4;
const REPEATED: usize = 5;
const SENTENCE: usize = 11;
const MENU_LIKE: usize = 12;
const SHAPES: usize = 13;
const CHARS_OVER: usize = 31;
const REMOVED: usize = 47;
const VERDICT: usize = 49;
/// The own features that neighbours see, in the order of the `prev{k}_` and
/// `next{k}_` features.
const NEIGHBOUR: [usize; 8] = [
    LOG_CHARS, LOG_WORDS, STOPWORDS, TERMINAL, REPEATED, REMOVED, SENTENCE, MENU_LIKE,
];
const WINDOWS: [usize; 3] = [3, 10, 30];
const VERDICT_WINDOWS: [usize; 3] = [2, 5, 15];
const P_WINDOWS: [usize; 3] = [3, 10, 30];
const CHAR_HINGES: [f64; 7] = [20.0, 33.0, 55.0, 90.0, 150.0, 245.0, 400.0];
const WORD_HINGES: [f64; 5] = [2.0, 4.0, 6.0, 11.0, 19.0];
const STOPWORD_HINGES: [f64; 4] = [10.0, 20.0, 30.0, 40.0];
const BULLETS: [char; 9] = ['•', '-', '*', '·', '–', '—', '►', '▶', '>'];

// Prose, for the context features: a sentence of 8+ words with some stopwords,
// or any block over 200 characters.
const PROSE_WORDS: usize = 8;
const PROSE_STOPWORDS: f64 = 0.2;
const PROSE_CHARS: usize = 200;

// A photo credit or copyright mark (on lower-cased text).
const CREDIT: &str = r"\b(?:foto|fotos|photo|photos|bild|bilder|image|credit|fuente|źródło|zdjęcie|crédit|quelle)\s*:|©|\(c\)";

/// Feature values of every block of a page, a column per feature: the column
/// of feature `f` (an index into the feature names) holds `n` values.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    n: usize,
    data: Vec<f64>,
}

impl Columns {
    /// `features` columns of `n` zeros.
    pub fn zeros(features: usize, n: usize) -> Self {
        Self {
            n,
            data: vec![0.0; features * n],
        }
    }

    /// Columns from their values, `features` columns of `n` values one after
    /// the other; `None` when the lengths do not agree.
    pub fn from_values(n: usize, data: Vec<f64>) -> Option<Self> {
        data.len().is_multiple_of(n).then_some(Self { n, data })
    }

    /// Blocks of the page.
    pub fn blocks(&self) -> usize {
        self.n
    }

    /// Number of columns.
    pub fn features(&self) -> usize {
        self.data.len().checked_div(self.n).unwrap_or(0)
    }

    /// The values of feature `f`.
    pub fn column(&self, f: usize) -> &[f64] {
        &self.data[f * self.n..(f + 1) * self.n]
    }

    fn column_mut(&mut self, f: usize) -> &mut [f64] {
        &mut self.data[f * self.n..(f + 1) * self.n]
    }

    /// The columns one after the other.
    pub fn values(&self) -> &[f64] {
        &self.data
    }
}

/// The compiled patterns of the block model's own features.
#[derive(Debug, Clone)]
pub struct ColumnPatterns {
    credit: Regex,
}

impl ColumnPatterns {
    /// Compile the patterns.
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            credit: Regex::new(CREDIT)?,
        })
    }
}

/// A URL, an @handle or a #hashtag (Python's `https?://|www\.|@\w|#\w`).
///
/// ```
/// use _core::scoring::blockmodel::has_link;
/// assert!(has_link("see https://x.org") && has_link("#tag") && has_link("@é"));
/// assert!(!has_link("a @ b, # 1") && !has_link("WWW.X.ORG"));
/// ```
pub fn has_link(text: &str) -> bool {
    text.contains("http://")
        || text.contains("https://")
        || text.contains("www.")
        || text
            .match_indices(['@', '#'])
            .any(|(at, _)| text[at + 1..].chars().next().is_some_and(pystr::is_word))
}

/// What the block model is told about each block besides its text and features.
#[derive(Debug, Clone, Copy)]
pub struct Marks<'a> {
    /// The text's language has a stoplist.
    pub has_stoplist: bool,
    /// A rule removed the block (not as part of a cut).
    pub removed: &'a [bool],
    /// A cut marker's tail (or head) holds the block.
    pub cut: &'a [bool],
    /// The jusText classes keep the block.
    pub verdicts: &'a [bool],
}

/// Every feature of [`FEATURES`] for every block of a page: `feats` are the
/// blocks' features and `lowered` their lower-cased texts, of the same length
/// as `texts` and as each of `marks`' slices.
pub fn columns(
    texts: &[&str],
    lowered: &Lowered,
    feats: &[BlockFeatures],
    marks: Marks<'_>,
    patterns: &ColumnPatterns,
) -> Columns {
    let n = texts.len();
    let mut cols = Columns::zeros(FEATURES.len(), n);
    let hinges = Hinges::new();
    let mut view = String::new();
    for i in 0..n {
        let block = Own {
            text: texts[i],
            lower: lowered.get(i),
            f: &feats[i],
            i,
        };
        let row = own(block, marks, &hinges, patterns, &mut view);
        for (f, v) in row.iter().enumerate() {
            cols.data[f * n + i] = *v;
        }
    }
    let mut f = OWN;
    for k in 1..=3isize {
        for sign in [1, -1] {
            for source in NEIGHBOUR {
                let (head, tail) = cols.data.split_at_mut(f * n);
                shift_into(
                    &head[source * n..(source + 1) * n],
                    sign * k,
                    &mut tail[..n],
                );
                f += 1;
            }
        }
    }
    let kept_chars: Vec<f64> = feats
        .iter()
        .zip(marks.removed)
        .map(|(b, &r)| if r { 0.0 } else { b.chars as f64 })
        .collect();
    let prose: Vec<bool> = (0..n)
        .map(|i| {
            let sentence = cols.column(SENTENCE)[i] != 0.0;
            let stopwords = cols.column(STOPWORDS)[i];
            !marks.removed[i]
                && ((sentence && stopwords >= PROSE_STOPWORDS) || feats[i].chars > PROSE_CHARS)
        })
        .collect();
    let prose_values: Vec<f64> = prose.iter().map(|&p| f64::from(u8::from(p))).collect();
    let prose_sums = prefix_sums(&prose_values);
    let char_sums = prefix_sums(&kept_chars);
    for (w, window) in WINDOWS.iter().enumerate() {
        cols.column_mut(f + w)
            .copy_from_slice(&window_means(&prose_sums, *window));
        let sums = window_sums(&char_sums, *window);
        for (out, s) in cols.column_mut(f + 3 + w).iter_mut().zip(sums) {
            *out = s.ln_1p();
        }
    }
    f += 6;
    let verdict_sums = prefix_sums(cols.column(VERDICT));
    for (w, window) in VERDICT_WINDOWS.iter().enumerate() {
        cols.column_mut(f + w)
            .copy_from_slice(&window_means(&verdict_sums, *window));
    }
    f += 3;
    let last = n.saturating_sub(1).max(1) as f64;
    let total_chars = char_sums[n] + 1.0;
    let total_prose = prose_sums[n] + 1.0;
    let prose_distance = distances(&prose);
    let prose_run = runs(&prose);
    let inside = span(marks.verdicts.iter().copied());
    let log_blocks = (n as f64).ln_1p();
    for i in 0..n {
        let values = [
            i as f64 / last,
            char_sums[i] / total_chars,
            prose_sums[i] / total_prose,
            (prose_distance[i] as f64).ln_1p(),
            log_blocks,
            f64::from(u8::from(inside.is_some_and(|(a, b)| a <= i && i <= b))),
            (prose_run[i] as f64).ln_1p(),
        ];
        for (k, v) in values.into_iter().enumerate() {
            cols.data[(f + k) * n + i] = v;
        }
    }
    debug_assert_eq!(f + 7, FEATURES.len());
    cols
}

/// The thresholds of the hinge features: `log(1 + h)` of the length hinges,
/// shares of the stopword hinges.
struct Hinges {
    chars: [f64; 7],
    words: [f64; 5],
    stopwords: [f64; 4],
}

impl Hinges {
    fn new() -> Self {
        Self {
            chars: CHAR_HINGES.map(f64::ln_1p),
            words: WORD_HINGES.map(f64::ln_1p),
            stopwords: STOPWORD_HINGES.map(|h| h / 100.0),
        }
    }
}

fn flag(b: bool) -> f64 {
    f64::from(u8::from(b))
}

fn over(x: f64, h: f64) -> f64 {
    if x > h {
        x - h
    } else {
        0.0
    }
}

/// A block whose own features are wanted: its text, lower-cased text,
/// features and index in the page.
struct Own<'a> {
    text: &'a str,
    lower: &'a str,
    f: &'a BlockFeatures,
    i: usize,
}

/// The block's own features, in the order of [`FEATURES`].
fn own(
    block: Own<'_>,
    marks: Marks<'_>,
    hinges: &Hinges,
    patterns: &ColumnPatterns,
    view: &mut String,
) -> [f64; OWN] {
    let Own { text, lower, f, i } = block;
    let mut nw = 0usize;
    let mut capitals = 0usize;
    let mut upper_words = 0usize;
    for w in pystr::words(text) {
        nw += 1;
        capitals += usize::from(w.chars().next().is_some_and(pystr::is_upper_char));
        // str.isupper(): no word that starts with a small letter is
        let small = w.as_bytes()[0].is_ascii_lowercase();
        upper_words += usize::from(!small && w.chars().nth(1).is_some() && pystr::is_upper(w));
    }
    let nw = nw.max(1) as f64;
    let log_chars = (f.chars as f64).ln_1p();
    let log_words = (f.words as f64).ln_1p();
    let stopwords = if marks.has_stoplist {
        f.stopword_density
    } else {
        0.0
    };
    // commas, digits and sentence breaks ". ", "! ", "? " in one pass
    let bytes = text.as_bytes();
    let (mut commas, mut digits, mut sentences) = (0usize, 0usize, 0usize);
    for (k, &b) in bytes.iter().enumerate() {
        match b {
            b',' => commas += 1,
            b'0'..=b'9' => digits += 1,
            b'.' | b'!' | b'?' if bytes.get(k + 1) == Some(&b' ') => sentences += 1,
            _ => {}
        }
    }
    if !text.is_ascii() {
        digits += text
            .chars()
            .filter(|&c| !c.is_ascii() && pystr::is_decimal(c))
            .count();
    }
    let first = text.chars().next();
    let last = text.chars().next_back();
    let credit =
        text.contains([':', '\u{a9}', '(']) && patterns.credit.is_match(python_view(lower, view));
    let mut row = [0.0; OWN];
    let head = [
        log_chars,
        log_words,
        stopwords,
        flag(marks.has_stoplist),
        flag(f.terminal),
        flag(f.repeated),
        (f.count as f64).ln(),
        capitals as f64 / nw,
        digits as f64 / f.chars.max(1) as f64,
        commas as f64 / nw,
        flag(last == Some(':')),
        flag(f.words >= PROSE_WORDS && f.terminal),
        flag(f.words <= 4 && !f.terminal),
    ];
    row[..SHAPES].copy_from_slice(&head);
    for (k, shape) in Shape::ALL.iter().enumerate() {
        row[SHAPES + k] = flag(f.shape == Some(*shape));
    }
    let tail = [
        (f.chrome as f64).ln_1p(),
        f.chrome as f64 / nw,
        flag(credit),
        flag(text.ends_with('\u{2026}') || text.ends_with("...")),
        flag(last == Some('?')),
        flag(has_link(text)),
        flag(first.is_some_and(|c| BULLETS.contains(&c))),
        flag(first.is_some_and(is_digit)),
        upper_words as f64 / nw,
        (sentences as f64).ln_1p(),
    ];
    let at = SHAPES + Shape::ALL.len();
    row[at..CHARS_OVER].copy_from_slice(&tail);
    let mut k = CHARS_OVER;
    for h in hinges.chars {
        row[k] = over(log_chars, h);
        k += 1;
    }
    for h in hinges.words {
        row[k] = over(log_words, h);
        k += 1;
    }
    for h in hinges.stopwords {
        row[k] = over(stopwords, h);
        k += 1;
    }
    row[REMOVED] = flag(marks.removed[i]);
    row[REMOVED + 1] = flag(marks.cut[i]);
    row[VERDICT] = flag(marks.verdicts[i]);
    row
}

/// The [`CONTEXT_FEATURES`] of every block from the first pass's probabilities
/// `p` and the blocks' `removed` column (a removed block counts 0 for its
/// neighbours).
pub fn context_columns(p: &[f64], removed: &[f64]) -> Columns {
    let n = p.len();
    let mut cols = Columns::zeros(CONTEXT_FEATURES.len(), n);
    let q: Vec<f64> = p
        .iter()
        .zip(removed)
        .map(|(&v, &r)| if r != 0.0 { 0.0 } else { v })
        .collect();
    cols.column_mut(0).copy_from_slice(p);
    let mut f = 1;
    for k in 1..=3isize {
        for sign in [1, -1] {
            shift_into(&q, sign * k, cols.column_mut(f));
            f += 1;
        }
    }
    let sums = prefix_sums(&q);
    for w in P_WINDOWS {
        cols.column_mut(f).copy_from_slice(&window_means(&sums, w));
        f += 1;
    }
    let inside = span(q.iter().map(|&v| v >= 0.5));
    for (i, out) in cols.column_mut(f).iter_mut().enumerate() {
        *out = flag(inside.is_some_and(|(a, b)| a <= i && i <= b));
    }
    cols
}

/// The verdicts of the jusText classes that the block model reads: blocks a
/// rule removed count as decided boilerplate.
pub fn verdicts(
    feats: &[BlockFeatures],
    ruled: &[bool],
    settings: &super::settings::Settings,
) -> Vec<bool> {
    let decided: Vec<Option<bool>> = ruled
        .iter()
        .map(|&r| if r { Some(false) } else { None })
        .collect();
    classify::classify(feats, settings, &decided)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::features::{self, Patterns, Scratch};
    use crate::scoring::settings::Settings;
    use std::collections::HashSet;

    const PROSE: &str = "The council said on Tuesday that the new bridge would open to traffic in the spring of next year, after a delay of more than two years.";

    struct Page {
        cols: Columns,
    }

    impl Page {
        fn new(
            texts: &[&str],
            removed: &[bool],
            cut: &[bool],
            verdicts: Option<&[bool]>,
            stoplist: bool,
        ) -> Self {
            let patterns = Patterns::new().unwrap();
            let mut scratch = Scratch::new(&patterns);
            let basics: Vec<_> = texts
                .iter()
                .map(|t| features::basics(t, &patterns, &mut scratch))
                .collect();
            let stops: features::Stoplist = if stoplist {
                [
                    "the", "a", "of", "to", "and", "in", "on", "that", "were", "after", "than",
                    "would",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect()
            } else {
                features::Stoplist::default()
            };
            let s = Settings::default();
            let lowered = features::Lowered::new(texts);
            let feats = features::features(
                texts,
                &lowered,
                &basics,
                &stops,
                &s,
                &patterns,
                &mut scratch,
            );
            let computed = self::verdicts(&feats, removed, &s);
            let marks = Marks {
                has_stoplist: stoplist,
                removed,
                cut,
                verdicts: verdicts.unwrap_or(&computed),
            };
            Self {
                cols: columns(
                    texts,
                    &lowered,
                    &feats,
                    marks,
                    &ColumnPatterns::new().unwrap(),
                ),
            }
        }

        fn of(texts: &[&str]) -> Self {
            let none = vec![false; texts.len()];
            Self::new(texts, &none, &none, None, true)
        }

        fn get(&self, name: &str) -> &[f64] {
            self.cols
                .column(FEATURES.iter().position(|f| *f == name).unwrap())
        }
    }

    fn one(text: &str, name: &str) -> f64 {
        Page::of(&[text]).get(name)[0]
    }

    #[test]
    fn names_are_unique_and_every_block_has_every_feature() {
        let names: HashSet<_> = FEATURES.iter().chain(&CONTEXT_FEATURES).collect();
        assert_eq!(names.len(), FEATURES.len() + CONTEXT_FEATURES.len());
        assert_eq!(FEATURES[REMOVED], "removed");
        assert_eq!(FEATURES[VERDICT], "verdict");
        assert_eq!(FEATURES[SHAPES], "shape_menu");
        assert_eq!(FEATURES[CHARS_OVER], "chars_over_20");
        assert_eq!(FEATURES[OWN], "prev1_log_chars");
        let page = Page::of(&["Home", PROSE, "Read more", PROSE]);
        assert_eq!(page.cols.features(), FEATURES.len());
        assert!(page.cols.values().iter().all(|v| v.is_finite()));
        let empty = Page::of(&[]);
        assert_eq!((empty.cols.blocks(), empty.cols.values().len()), (0, 0));
    }

    #[test]
    fn own_features() {
        let cases: [(&str, &str, f64); 27] = [
            ("Foto: dpa", "credit", 1.0),
            ("© 2024 Example Media", "credit", 1.0),
            (PROSE, "credit", 0.0),
            ("The minister said the plan would …", "ellipsis", 1.0),
            ("The minister said the plan would...", "ellipsis", 1.0),
            (PROSE, "ellipsis", 0.0),
            ("Is this the end of cheap flights?", "question", 1.0),
            ("Follow us at www.example.com", "link", 1.0),
            ("Write to @newsdesk", "link", 1.0),
            (PROSE, "link", 0.0),
            ("• First item", "bullet", 1.0),
            ("- First item", "bullet", 1.0),
            ("12 ideas for the weekend", "digit_start", 1.0),
            ("Ingredients:", "colon_end", 1.0),
            ("Home News Sport", "capitals", 1.0),
            ("home news sport", "capitals", 0.0),
            ("BREAKING NEWS today", "upper_words", 2.0 / 3.0),
            ("2024-05-31", "digits", 0.8),
            ("One, two, three, four", "commas", 3.0 / 4.0),
            (PROSE, "sentence", 1.0),
            ("Short line.", "sentence", 0.0),
            ("Home", "menu_like", 1.0),
            (PROSE, "menu_like", 0.0),
            (PROSE, "terminal", 1.0),
            ("Home | News | Sport", "shape_menu", 1.0),
            ("3 hours ago", "shape_ago", 1.0),
            ("First. Second. Third.", "log_sentences", 2f64.ln_1p()),
        ];
        for (text, name, value) in cases {
            assert!(
                (one(text, name) - value).abs() < 1e-12,
                "{name} of {text:?}: {}",
                one(text, name)
            );
        }
        // Python's str.isdigit(): a superscript two starts with a digit, ½ does not.
        assert_eq!(one("² of it", "digit_start"), 1.0);
        assert_eq!(one("½ of it", "digit_start"), 0.0);
    }

    #[test]
    fn lengths_hinges_and_stopwords() {
        let text = "x".repeat(99);
        assert_eq!(one(&text, "log_chars"), 99f64.ln_1p());
        assert_eq!(one(&text, "chars_over_90"), 99f64.ln_1p() - 90f64.ln_1p());
        assert_eq!(one(&text, "chars_over_150"), 0.0);
        assert_eq!(
            one("a b c d e f g h", "words_over_6"),
            8f64.ln_1p() - 6f64.ln_1p()
        );
        let line = "the cat and the dog were in the house";
        let with = Page::of(&[line]);
        assert!(with.get("stopwords")[0] > 0.5 && with.get("has_stoplist")[0] == 1.0);
        assert_eq!(
            with.get("stopwords_over_40")[0],
            with.get("stopwords")[0] - 0.4
        );
        let without = Page::new(&[line], &[false], &[false], None, false);
        assert_eq!(
            (without.get("stopwords")[0], without.get("has_stoplist")[0]),
            (0.0, 0.0)
        );
        let chrome = "Subscribe to our newsletter and follow us on Facebook";
        assert_eq!(one(chrome, "log_chrome"), 4f64.ln_1p());
        assert_eq!(one(chrome, "chrome_share"), 4.0 / 9.0);
    }

    #[test]
    fn repetition_counts_the_page() {
        let page = Page::of(&["Most read", PROSE, "Most read", "Most read"]);
        assert_eq!(page.get("repeated"), [1.0, 0.0, 1.0, 1.0]);
        assert_eq!(page.get("log_count")[..2], [3f64.ln(), 0.0]);
    }

    #[test]
    fn neighbours_are_shifted_and_zero_past_the_edges() {
        let page = Page::of(&["Home", PROSE, "News", "Sport"]);
        assert_eq!(page.get("prev1_terminal"), [0.0, 0.0, 1.0, 0.0]);
        assert_eq!(page.get("next1_terminal"), [1.0, 0.0, 0.0, 0.0]);
        assert_eq!(page.get("prev2_menu_like"), [0.0, 0.0, 1.0, 0.0]);
        assert_eq!(page.get("next3_menu_like"), [1.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn position_and_prose_context() {
        let texts = ["Home", "News", PROSE, PROSE, "Share"];
        let none = [false; 5];
        let page = Page::new(
            &texts,
            &none,
            &none,
            Some(&[false, false, true, true, false]),
            true,
        );
        assert_eq!(page.get("position"), [0.0, 0.25, 0.5, 0.75, 1.0]);
        let d: Vec<f64> = [2.0f64, 1.0, 0.0, 0.0, 1.0]
            .iter()
            .map(|d| d.ln_1p())
            .collect();
        assert_eq!(page.get("log_prose_distance"), d);
        assert_eq!(
            page.get("log_prose_run"),
            [0.0, 0.0, 2f64.ln_1p(), 2f64.ln_1p(), 0.0]
        );
        assert_eq!(page.get("prose_share_3")[0], 2.0 / 4.0);
        assert_eq!(
            page.get("prose_before"),
            [0.0, 0.0, 0.0, 1.0 / 3.0, 2.0 / 3.0]
        );
        assert_eq!(page.get("inside"), [0.0, 0.0, 1.0, 1.0, 0.0]);
        assert_eq!(page.get("verdict_share_2")[2], 2.0 / 5.0);
        assert_eq!(page.get("log_blocks"), [5f64.ln_1p(); 5]);
    }

    #[test]
    fn removed_blocks_are_not_prose_and_cut_blocks_are_marked() {
        let texts = [PROSE, PROSE, PROSE];
        let page = Page::new(
            &texts,
            &[true, false, false],
            &[false, false, true],
            None,
            true,
        );
        assert_eq!(page.get("removed"), [1.0, 0.0, 0.0]);
        assert_eq!(page.get("cut"), [0.0, 0.0, 1.0]);
        assert_eq!(page.get("log_prose_run")[0], 0.0);
        assert_eq!(page.get("chars_before")[1], 0.0); // the removed block's characters do not count
    }

    #[test]
    fn context_columns_read_the_first_pass() {
        let p = [0.9, 0.2, 0.8, 0.6];
        let ctx = context_columns(&p, &[0.0, 0.0, 1.0, 0.0]);
        assert_eq!(ctx.column(0), p);
        assert_eq!(ctx.column(1), [0.0, 0.9, 0.2, 0.0]); // prev1_p: the removed block counts 0
        assert_eq!(ctx.column(2), [0.2, 0.0, 0.6, 0.0]); // next1_p
        assert_eq!(ctx.column(10), [1.0; 4]); // p_inside
        assert_eq!(ctx.column(7)[0], (0.9 + 0.2 + 0.0 + 0.6) / 4.0); // p_share_3
        assert_eq!(
            context_columns(&[0.1, 0.2], &[0.0, 0.0]).column(10),
            [0.0, 0.0]
        );
    }
}
