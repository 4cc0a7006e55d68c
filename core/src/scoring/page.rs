//! The scoring stage as the pipeline runs it: one call per document.
//!
//! Given the blocks of a text (and, for each, whether a rule removed it and
//! whether a cut marker did) and the mode, [`PageScorer::score`] says whether
//! the text was scored as a whole page and what scoring does to each block.
//! In auto mode the text must first pass the page test: the page model when
//! there is a block model and a page model, the hand-set test
//! ([`looks_like_page`]) otherwise. A text the page model is sure of (above
//! `auto_page_probability`) is then scored as in page mode; otherwise scoring
//! only trims around the story and never removes prose it only suspects. The
//! block model (or, without one, the jusText classes) decides which blocks are
//! story: decoded as runs of blocks ([`sequence`]) when the text is scored as
//! a page and the settings give transitions, block by block otherwise.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::blockmodel::{self, ColumnPatterns, Columns, Marks};
use super::classify::looks_like_page;
use super::features::{
    self, long_runs, menu_like, BlockBasics, BlockFeatures, Lowered, Patterns, Scratch, Shape,
    Stoplist,
};
use super::model::{BlockModel, BlockModelSpec, PageModel, PageModelSpec};
use super::sequence::{self, ThreadPatterns, Transitions};
use super::settings::Settings;
use super::ScoringError;
use crate::rules::title::{headline_keys, normalise_key, normalise_key_into};

/// Features of a whole text for the page model, in the order of its values
/// (and of `cleaner.blockmodel.PAGE_FEATURES`).
pub const PAGE_FEATURES: [&str; 16] = [
    "log_blocks",
    "menu_share",
    "log_menu_lines",
    "shape_share",
    "repeated_share",
    "removed_share",
    "mean_log_chars",
    "log_menu_runs",
    "terminal_share",
    "mean_p",
    "drop_share",
    "head_menu_share",
    "tail_menu_share",
    "first_sentence_at",
    "tail_legal",
    "title_line",
];

/// Blocks at each end of a text whose shapes the page features read apart: a
/// whole page opens with navigation and closes with a footer.
const EDGE: usize = 15;

/// Blocks below a text's first line searched for the headline that line holds.
const TITLE_REACH: usize = 200;

/// Shortest key (letters and digits) of a headline that a first line may hold.
const TITLE_MIN_KEY: usize = 10;

/// How a text is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Scored only when it looks like a whole page, and then only trimmed
    /// around the story.
    Auto,
    /// Scored as a whole page.
    Page,
}

/// What scoring does to one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Decision {
    /// Nothing: it stays as the rules left it.
    Unchanged = 0,
    /// Scoring removes it (rule `score.boilerplate`).
    Removed = 1,
    /// A cut marker removed it and scoring brings it back into the body.
    Restored = 2,
}

/// The verdict on one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The text was scored as a whole page.
    pub page: bool,
    /// What scoring does to each block (empty when the text is no page).
    pub decisions: Vec<Decision>,
}

impl Outcome {
    fn no_page() -> Self {
        Self {
            page: false,
            decisions: Vec::new(),
        }
    }
}

/// The blocks of a text, as the rules left them.
#[derive(Debug, Clone, Copy)]
pub struct Blocks<'a> {
    texts: &'a [&'a str],
    ruled: &'a [bool],
    cut: &'a [bool],
    inline: &'a [bool],
}

impl<'a> Blocks<'a> {
    /// The blocks' texts; `ruled[i]` says that a rule removed block i (a cut
    /// included), `cut[i]` that a cut marker's tail (or head) holds it. The
    /// three must have the same length.
    pub fn new(
        texts: &'a [&'a str],
        ruled: &'a [bool],
        cut: &'a [bool],
    ) -> Result<Self, ScoringError> {
        if ruled.len() != texts.len() || cut.len() != texts.len() {
            return Err(ScoringError::Lengths {
                texts: texts.len(),
                ruled: ruled.len(),
                cut: cut.len(),
            });
        }
        Ok(Self {
            texts,
            ruled,
            cut,
            inline: &[],
        })
    }

    /// The same blocks, `inline[i]` saying that the rule which removed block
    /// i removes a line from within a story (a photo credit, a caption, a
    /// "Read more" insert): below the story, such a line does not end the
    /// prose that joins it ([`sequence::join_below`]). Empty: no block is.
    pub fn with_inline(self, inline: &'a [bool]) -> Result<Self, ScoringError> {
        if !inline.is_empty() && inline.len() != self.texts.len() {
            return Err(ScoringError::InlineLength {
                texts: self.texts.len(),
                inline: inline.len(),
            });
        }
        Ok(Self { inline, ..self })
    }

    /// Number of blocks.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether there is no block.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

/// The scoring stage's patterns, the same for every language: compiled once
/// per process (about 2 MB), not once per scorer, and their search caches
/// grow once.
#[derive(Debug)]
struct SharedPatterns {
    patterns: Patterns,
    column: ColumnPatterns,
    thread: ThreadPatterns,
}

impl SharedPatterns {
    fn get() -> Result<&'static SharedPatterns, ScoringError> {
        static SHARED: OnceLock<Result<SharedPatterns, regex::Error>> = OnceLock::new();
        SHARED
            .get_or_init(|| {
                Ok(SharedPatterns {
                    patterns: Patterns::new()?,
                    column: ColumnPatterns::new()?,
                    thread: ThreadPatterns::new()?,
                })
            })
            .as_ref()
            .map_err(|e| ScoringError::Pattern(e.clone()))
    }
}

/// The scoring stage of one language: settings, stoplist, the shared patterns and
/// models, built once per `Cleaner` and language.
#[derive(Debug, Clone)]
pub struct PageScorer {
    settings: Settings,
    stoplist: Stoplist,
    patterns: &'static Patterns,
    column_patterns: &'static ColumnPatterns,
    thread_patterns: &'static ThreadPatterns,
    block_model: Option<BlockModel>,
    page_model: Option<PageModel>,
}

/// What is known of a page once its block features are computed.
struct Analysis {
    basics: Vec<BlockBasics>,
    lowered: Lowered,
    feats: Vec<BlockFeatures>,
}

impl PageScorer {
    /// A scorer with these settings, stoplist (lower-case words; empty for a
    /// language without one) and models.
    pub fn new(
        settings: Settings,
        stoplist: HashSet<String>,
        block_model: Option<&BlockModelSpec>,
        page_model: Option<&PageModelSpec>,
    ) -> Result<Self, ScoringError> {
        let shared = SharedPatterns::get()?;
        Ok(Self {
            settings,
            stoplist: stoplist.into_iter().collect(),
            patterns: &shared.patterns,
            column_patterns: &shared.column,
            thread_patterns: &shared.thread,
            block_model: block_model.map(BlockModel::new).transpose()?,
            page_model: page_model
                .map(|m| PageModel::new(m, &PAGE_FEATURES))
                .transpose()?,
        })
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Whether the text was scored as a page, and what scoring does to each
    /// block (the Python pipeline's `Cleaner._score`).
    pub fn score(&self, blocks: Blocks<'_>, mode: Mode) -> Outcome {
        let s = &self.settings;
        let n = blocks.len();
        let by_model = self.page_model.is_some() && self.block_model.is_some();
        let mut scratch = Scratch::new(self.patterns);
        let basics = self.basics(blocks, &mut scratch);
        let mut menu = Vec::new();
        if mode == Mode::Auto {
            // is it a whole page? the cheap tests first
            if (n as i64) < s.page_min_blocks {
                return Outcome::no_page();
            }
            menu = basics.iter().map(|b| menu_like(b, s)).collect();
            if by_model
                && (menu.iter().filter(|&&m| m).count() as i64) < s.page_model_min_menu_lines
            {
                return Outcome::no_page();
            }
        }
        let page = self.analyse(blocks, basics, &mut scratch);
        if mode == Mode::Auto && !by_model && !looks_like_page(&page.feats, &menu, s) {
            return Outcome::no_page();
        }
        let verdicts = blockmodel::verdicts(&page.feats, blocks.ruled, s);
        // (the columns are the model's own: probabilities cannot fail on them)
        let probs = self.block_model.as_ref().and_then(|model| {
            model
                .probabilities(&self.columns_of(blocks, &page, &verdicts))
                .ok()
        });
        // how the verdicts are applied: a page the page model is sure of is
        // scored in auto mode as in page mode
        let mut apply = mode;
        if mode == Mode::Auto && by_model {
            if let (Some(page_model), Some(probs)) = (&self.page_model, &probs) {
                let values = self.page_values(blocks, &page, &menu, probs);
                let p = page_model.probability(&values);
                if p < page_model.threshold {
                    return Outcome::no_page();
                }
                if p > s.auto_page_probability {
                    apply = Mode::Page;
                }
            }
        }
        let keep: Vec<bool> = match (&probs, &self.block_model) {
            (Some(probs), Some(model)) => {
                // only a text scored as a page is decoded: auto mode's trimming
                // keeps the independent verdicts, which spare extracted text
                let decode = apply == Mode::Page;
                self.story(blocks, &page, probs, model.threshold, decode)
            }
            _ => verdicts,
        };
        Outcome {
            page: true,
            decisions: self.decide(blocks, &page.feats, &keep, apply),
        }
    }

    /// The transitions of the sequence decoding, from the settings.
    fn transitions(&self) -> Transitions {
        let s = &self.settings;
        let logit = |p: f64| {
            let p = p.clamp(1e-4, 1.0 - 1e-4);
            (p / (1.0 - p)).ln()
        };
        Transitions {
            leave: s.sequence_leave,
            enter: s.sequence_enter,
            thread: -logit(s.thread_story),
            keep: if s.sequence_keep >= 1.0 {
                f64::INFINITY
            } else {
                logit(s.sequence_keep)
            },
            reach: usize::try_from(s.sequence_keep_reach).unwrap_or(0),
        }
    }

    /// The story blocks from the block model's probabilities: decoded as a
    /// sequence (module [`sequence`]) when `decode` and the settings give
    /// transitions, else each block kept when its probability reaches
    /// `threshold`. Only blocks the rules left open (or that a cut marker
    /// holds) are story; when decoding keeps none, the independent verdicts
    /// stand.
    fn story(
        &self,
        blocks: Blocks<'_>,
        page: &Analysis,
        probs: &[f64],
        threshold: f64,
        decode: bool,
    ) -> Vec<bool> {
        let n = blocks.len();
        let open: Vec<bool> = (0..n).map(|i| !blocks.ruled[i] || blocks.cut[i]).collect();
        let independent: Vec<bool> = (0..n).map(|i| open[i] && probs[i] >= threshold).collect();
        let t = self.transitions();
        if !decode || !t.active() {
            return independent;
        }
        // the model's threshold is even odds for the decoding
        let logit = |p: f64| (p / (1.0 - p)).ln();
        let shift = logit(threshold.clamp(1e-4, 1.0 - 1e-4));
        let shifted: Vec<f64> = probs
            .iter()
            .map(|&p| {
                let z = logit(p.clamp(1e-4, 1.0 - 1e-4)) - shift;
                1.0 / (1.0 + (-z).exp())
            })
            .collect();
        let mut thread_alike = false;
        let thread = if t.thread != 0.0 {
            // a thread opens below a sentence the model finds strong: a
            // comment link beside the byline ("Add a Comment") under kept
            // menu teasers opens none
            let keep = self.settings.sequence_keep;
            // open blocks since the last strong sentence (None: none yet)
            let mut since_strong: Option<usize> = (keep >= 1.0).then_some(0);
            let marker: Vec<bool> = (0..n)
                .map(|i| {
                    let marker = since_strong.is_some_and(|k| k <= THREAD_MARKER_REACH)
                        && self
                            .thread_patterns
                            .is_marker(page.lowered.get(i), page.feats[i].words);
                    if open[i] && shifted[i] >= keep && page.feats[i].terminal {
                        since_strong = Some(0);
                    } else if open[i] {
                        since_strong = since_strong.map(|k| k + 1);
                    }
                    marker
                })
                .collect();
            let chars: Vec<usize> = page.feats.iter().map(|f| f.chars).collect();
            let thread = sequence::thread_from(&marker, &independent, &chars);
            thread_alike = thread_opens_alike(&thread, &marker, &chars);
            thread
        } else {
            vec![false; n]
        };
        // below the story, only prose joins it (a sentence with the stopwords
        // of a jusText "good" block): a listicle's paragraphs, not a strong
        // list of names or months
        let prose: Vec<bool> = page
            .feats
            .iter()
            .map(|f| f.terminal && f.stopword_density >= self.settings.stopwords_high)
            .collect();
        let headline = headline_at(&page.lowered, &page.feats);
        let mut decoded = sequence::decode(&shifted, &open, &thread, t);
        if decoded.contains(&true) {
            sequence::join_below(
                &mut decoded,
                &shifted,
                &open,
                &thread,
                &prose,
                blocks.inline,
                t,
            );
            self.fill(&mut decoded, &shifted, &open, &thread, &prose, blocks);
            below_headline(&mut decoded, headline, &page.feats);
            return decoded;
        }
        // a thread that opened above the story leaves it no evidence: decode
        // without it
        if let Some(start) = thread.iter().position(|&x| x) {
            let none = vec![false; n];
            let mut plain = sequence::decode(&shifted, &open, &none, t);
            // ... unless that decoding begins inside a thread whose markers
            // repeat (a "Reply" link under every comment) and whose first
            // stretch is not far longer than a later one: the story lies
            // above it, too short to be decoded as a run (a link post, a
            // photo's caption), and stands as the independent verdicts give
            // it. (A forum's posts, the page's content, decode as one run
            // from its first post above the thread.)
            if thread_alike && plain.iter().position(|&x| x).is_some_and(|p| p >= start) {
                let mut above = independent.clone();
                above[start..].fill(false);
                if above.contains(&true) {
                    below_headline(&mut above, headline, &page.feats);
                    return above;
                }
            }
            if plain.contains(&true) {
                sequence::join_below(&mut plain, &shifted, &open, &none, &prose, blocks.inline, t);
                below_headline(&mut plain, headline, &page.feats);
                return plain;
            }
        }
        independent
    }

    /// [`sequence::fill_between`] with the settings: the gaps between story
    /// blocks that are strong prose (as [`sequence::join_below`] takes them)
    /// fill with the blocks that reach `sequence_fill`.
    fn fill(
        &self,
        story: &mut [bool],
        shifted: &[f64],
        open: &[bool],
        thread: &[bool],
        prose: &[bool],
        blocks: Blocks<'_>,
    ) {
        let s = &self.settings;
        let reach = usize::try_from(s.sequence_fill_reach).unwrap_or(0);
        if reach == 0 {
            return;
        }
        let anchor: Vec<bool> = (0..story.len())
            .map(|i| prose[i] && shifted[i] >= s.sequence_keep)
            .collect();
        sequence::fill_between(
            story,
            shifted,
            open,
            thread,
            &anchor,
            blocks.inline,
            s.sequence_fill,
            reach,
        );
    }

    /// What scoring does to each block, from the verdicts `keep`.
    fn decide(
        &self,
        blocks: Blocks<'_>,
        feats: &[BlockFeatures],
        keep: &[bool],
        mode: Mode,
    ) -> Vec<Decision> {
        let n = blocks.len();
        let mut decisions = vec![Decision::Unchanged; n];
        // A kept block that a cut marker removed is back in the body.
        let mut open: Vec<bool> = blocks.ruled.iter().map(|&r| !r).collect();
        for i in 0..n {
            if keep[i] && blocks.cut[i] {
                decisions[i] = Decision::Restored;
                open[i] = true;
            }
        }
        // Auto mode only trims around the story: what scoring would remove
        // between its first and last kept blocks stays (list items, table
        // cells, short paragraphs of an extracted article taken for a page).
        let around = match mode {
            Mode::Auto => super::windows::span((0..n).map(|i| keep[i] && open[i])),
            Mode::Page => None,
        };
        for i in 0..n {
            if keep[i] || !open[i] {
                continue;
            }
            let f = &feats[i];
            if mode == Mode::Auto && f.words as i64 >= self.settings.auto_keep_words && f.terminal {
                continue;
            }
            if around.is_some_and(|(first, last)| first < i && i < last) {
                continue;
            }
            decisions[i] = Decision::Removed;
        }
        // (trimming spares them: a text only taken for a page may be an
        // extracted article that repeats a sentence)
        if mode == Mode::Page {
            self.drop_duplicates(blocks, feats, &open, &mut decisions);
        }
        decisions
    }

    /// A block of at least `duplicate_min_words` words that the body already
    /// holds higher up goes: whole-page text may carry the story twice (a
    /// print or mobile copy, a summary repeated in a slider), the body once.
    /// Only in a text scored as a page, not in one auto mode only trims.
    fn drop_duplicates(
        &self,
        blocks: Blocks<'_>,
        feats: &[BlockFeatures],
        open: &[bool],
        decisions: &mut [Decision],
    ) {
        let min = self.settings.duplicate_min_words;
        if min <= 0 {
            return;
        }
        let mut seen: HashSet<&str> = HashSet::new();
        for i in 0..decisions.len() {
            let f = &feats[i];
            if f.count < 2 || (f.words as i64) < min {
                continue;
            }
            let in_body = decisions[i] == Decision::Restored
                || (open[i] && decisions[i] == Decision::Unchanged);
            if in_body && !seen.insert(blocks.texts[i]) {
                decisions[i] = Decision::Removed;
            }
        }
    }

    fn basics(&self, blocks: Blocks<'_>, scratch: &mut Scratch) -> Vec<BlockBasics> {
        blocks
            .texts
            .iter()
            .map(|t| features::basics(t, self.patterns, scratch))
            .collect()
    }

    fn analyse(
        &self,
        blocks: Blocks<'_>,
        basics: Vec<BlockBasics>,
        scratch: &mut Scratch,
    ) -> Analysis {
        let lowered = Lowered::new(blocks.texts);
        let feats = features::features(
            blocks.texts,
            &lowered,
            &basics,
            &self.stoplist,
            &self.settings,
            self.patterns,
            scratch,
        );
        Analysis {
            basics,
            lowered,
            feats,
        }
    }

    fn columns_of(&self, blocks: Blocks<'_>, page: &Analysis, verdicts: &[bool]) -> Columns {
        let removed: Vec<bool> = blocks
            .ruled
            .iter()
            .zip(blocks.cut)
            .map(|(&r, &c)| r && !c)
            .collect();
        let marks = Marks {
            has_stoplist: !self.stoplist.is_empty(),
            removed: &removed,
            cut: blocks.cut,
            verdicts,
        };
        blockmodel::columns(
            blocks.texts,
            &page.lowered,
            &page.feats,
            marks,
            self.column_patterns,
        )
    }

    /// The [`PAGE_FEATURES`] of a text.
    fn page_values(
        &self,
        blocks: Blocks<'_>,
        page: &Analysis,
        menu: &[bool],
        probs: &[f64],
    ) -> [f64; 16] {
        let feats = &page.feats;
        let count = feats.len();
        let n = count.max(1) as f64;
        let total: usize = feats.iter().map(|f| f.chars).sum();
        let chars = total.max(1) as f64;
        let menu_lines = menu.iter().filter(|&&m| m).count();
        let threshold = self.block_model.as_ref().map_or(0.5, |m| m.threshold);
        let ruled_chars: usize = feats
            .iter()
            .zip(blocks.ruled)
            .filter(|(_, &r)| r)
            .map(|(f, _)| f.chars)
            .sum();
        let mut log_chars = 0.0;
        for f in feats {
            log_chars += (f.chars as f64).ln_1p();
        }
        let mut p_sum = 0.0;
        for p in probs {
            p_sum += p;
        }
        let dropped: usize = (0..count)
            .filter(|&i| !blocks.ruled[i] && probs[i] < threshold)
            .map(|i| feats[i].chars)
            .sum();
        let share = |k: usize| k as f64 / n;
        [
            (count as f64).ln_1p(),
            share(menu_lines),
            (menu_lines as f64).ln_1p(),
            share(feats.iter().filter(|f| f.shape.is_some()).count()),
            share(feats.iter().filter(|f| f.repeated).count()),
            ruled_chars as f64 / chars,
            log_chars / n,
            (long_runs(menu, self.settings.page_menu_run) as f64).ln_1p(),
            share(page.basics.iter().filter(|b| b.terminal).count()),
            p_sum / n,
            dropped as f64 / chars,
            edge_share(menu.iter().take(EDGE)),
            edge_share(menu.iter().rev().take(EDGE)),
            feats
                .iter()
                .position(|f| f.words >= 8 && f.terminal)
                .map_or(1.0, |i| i as f64 / n),
            f64::from(u8::from(
                feats
                    .iter()
                    .rev()
                    .take(EDGE)
                    .any(|f| f.shape == Some(Shape::Legal)),
            )),
            f64::from(u8::from(title_line(&page.lowered, feats))),
        ]
    }

    /// The block model's feature columns of a page ([`blockmodel::FEATURES`]),
    /// as the pipeline computes them: what fitting the model learns from.
    pub fn columns(&self, blocks: Blocks<'_>) -> Columns {
        let mut scratch = Scratch::new(self.patterns);
        let basics = self.basics(blocks, &mut scratch);
        let page = self.analyse(blocks, basics, &mut scratch);
        let verdicts = blockmodel::verdicts(&page.feats, blocks.ruled, &self.settings);
        self.columns_of(blocks, &page, &verdicts)
    }

    /// The block model's probability of each block; `None` without a block model.
    pub fn probabilities(&self, blocks: Blocks<'_>) -> Option<Vec<f64>> {
        let model = self.block_model.as_ref()?;
        model.probabilities(&self.columns(blocks)).ok()
    }

    /// The page model's features of a text ([`PAGE_FEATURES`]), with the block
    /// model's probabilities; `None` without a block model.
    pub fn page_features(&self, blocks: Blocks<'_>) -> Option<[f64; 16]> {
        let model = self.block_model.as_ref()?;
        let mut scratch = Scratch::new(self.patterns);
        let basics = self.basics(blocks, &mut scratch);
        let menu: Vec<bool> = basics
            .iter()
            .map(|b| menu_like(b, &self.settings))
            .collect();
        let page = self.analyse(blocks, basics, &mut scratch);
        let verdicts = blockmodel::verdicts(&page.feats, blocks.ruled, &self.settings);
        let probs = model
            .probabilities(&self.columns_of(blocks, &page, &verdicts))
            .ok()?;
        Some(self.page_values(blocks, &page, &menu, &probs))
    }
}

/// Whether the text opens with a page's title line: a first line that holds,
/// at its start or its end, a headline of two words or more found below it
/// ("Headline - Site" above "Headline"). Whole-page text opens with the HTML
/// `<title>` and repeats it in the page's heading; an extractor's output of
/// the same page starts at the heading, or the story.
fn title_line(lowered: &Lowered, feats: &[BlockFeatures]) -> bool {
    if feats.len() < 2 || feats[0].words < 2 {
        return false;
    }
    let first = normalise_key(lowered.get(0));
    if first.chars().count() < TITLE_MIN_KEY {
        return false;
    }
    let mut key = String::new();
    (1..feats.len().min(TITLE_REACH + 1)).any(|i| {
        if feats[i].words < 2 {
            return false;
        }
        normalise_key_into(lowered.get(i), &mut key);
        key.chars().count() >= TITLE_MIN_KEY && (first.starts_with(&key) || first.ends_with(&key))
    })
}

/// A thread's marker lies at most this many open blocks below a strong
/// sentence (share buttons, tags and "Related" links between a story and its
/// comments): a "Comments" tab above a story, far below strong chrome (a
/// sign-in form, teasers) and a long menu, is none.
const THREAD_MARKER_REACH: usize = 40;

/// Thread markers (its first included) that make a comment thread sure enough
/// for the story to be sought above it alone (see [`thread_opens_alike`]).
const THREAD_REPEATED_MARKERS: usize = 3;

/// Whether a comment thread (`thread`, from its first marker on) repeats its
/// markers at least [`THREAD_REPEATED_MARKERS`] times and its first stretch
/// (from its first marker to the next) holds at most twice the characters of
/// some later stretch: a thread of comments alike. A "4 Comments" link
/// beside a story's byline opens a stretch that holds the whole story, far
/// longer than any comment below.
fn thread_opens_alike(thread: &[bool], marker: &[bool], chars: &[usize]) -> bool {
    let mut stretches: Vec<usize> = Vec::new();
    for i in 0..thread.len() {
        if !thread[i] {
            continue;
        }
        if marker[i] {
            stretches.push(0);
        }
        if let Some(last) = stretches.last_mut() {
            *last += chars[i];
        }
    }
    match stretches.split_first() {
        Some((first, rest)) if stretches.len() >= THREAD_REPEATED_MARKERS => {
            rest.iter().any(|&s| 2 * s >= *first)
        }
        _ => false,
    }
}

/// The page's headline: the first block within [`TITLE_REACH`] below the
/// text's first line (the HTML `<title>` of whole-page text) that is that
/// line's headline, the whole line or its part before or after a site
/// separator ([`headline_keys`]); a heading that only ends or starts the
/// line ("Remap the Caps Lock Key" under "How to Remap the Caps Lock Key") is
/// not it.
fn headline_at(lowered: &Lowered, feats: &[BlockFeatures]) -> Option<usize> {
    if feats.len() < 2 || feats[0].words < 2 {
        return None;
    }
    let heads = headline_keys(lowered.get(0), TITLE_MIN_KEY);
    // a block far longer than every key cannot be one (its key is only its
    // letters and digits): not worth lower-casing
    let longest = heads.iter().map(String::len).max()?;
    let mut key = String::new();
    (1..feats.len().min(TITLE_REACH + 1)).find(|&i| {
        if feats[i].words < 2 || feats[i].chars > 4 * longest + 16 {
            return false;
        }
        normalise_key_into(lowered.get(i), &mut key);
        heads.contains(&key)
    })
}

/// A kept block at most this many blocks below the headline opens the story
/// there (a byline or a date line may lie between).
const HEADLINE_STORY_REACH: usize = 3;

/// The decoded story begins at its headline: blocks kept above it (a sidebar,
/// an "About the author" box, teasers run together with the story) leave,
/// when the story opens right under the headline (a kept block at most
/// [`HEADLINE_STORY_REACH`] blocks below it: a short post under a long
/// sidebar) or at least as many of the kept characters lie from the headline
/// on. (The same headline repeated far below the story, above its comments,
/// takes neither.)
fn below_headline(story: &mut [bool], headline: Option<usize>, feats: &[BlockFeatures]) {
    let Some(h) = headline else {
        return;
    };
    let chars = |range: std::ops::Range<usize>| -> usize {
        range.filter(|&i| story[i]).map(|i| feats[i].chars).sum()
    };
    let opens = (h + 1..story.len().min(h + 1 + HEADLINE_STORY_REACH)).any(|i| story[i]);
    if opens || chars(h..story.len()) >= chars(0..h) {
        story[..h].fill(false);
    }
}

/// Share of true flags among `flags` (0 for none).
fn edge_share<'a>(flags: impl Iterator<Item = &'a bool>) -> f64 {
    let (mut hits, mut count) = (0usize, 0usize);
    for &f in flags {
        hits += usize::from(f);
        count += 1;
    }
    if count == 0 {
        0.0
    } else {
        hits as f64 / count as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::model::LinearSpec;

    const STORY: [&str; 4] = [
        "The city council approved a new budget on Tuesday after a debate that lasted late into the night.",
        "The budget raises spending on schools by four percent and cuts road maintenance, officials said.",
        "Opposition members said the cuts would hurt residents in the poorer districts of the city.",
        "The council will meet again in April to review the first quarter's figures and new bus lanes.",
    ];
    const MENU: [&str; 12] = [
        "Home", "News", "Sport", "Business", "Culture", "Weather", "Contact", "Login", "Privacy",
        "Jobs", "Shop", "Events",
    ];

    fn stoplist() -> HashSet<String> {
        [
            "the", "a", "on", "after", "that", "into", "by", "and", "in", "of", "to", "would",
            "will", "said",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn page_text() -> Vec<&'static str> {
        let mut texts: Vec<&str> = MENU.to_vec();
        texts.extend(["Council approves new budget", "3 hours ago"]);
        texts.extend(STORY);
        texts.extend([
            "Share",
            "Read more",
            "© 2024 Example News. All rights reserved.",
        ]);
        texts.extend(MENU);
        texts
    }

    fn linear(bias: f64, weights: &[(&str, f64)]) -> LinearSpec {
        LinearSpec {
            bias,
            weights: weights.iter().map(|(n, w)| (n.to_string(), *w)).collect(),
        }
    }

    /// A block model that takes sentences for story and nothing else.
    fn sentence_model() -> BlockModelSpec {
        BlockModelSpec {
            first: linear(-5.0, &[("sentence", 10.0)]),
            context: None,
            threshold: 0.5,
        }
    }

    fn scorer(block: Option<BlockModelSpec>, page: Option<PageModelSpec>) -> PageScorer {
        PageScorer::new(
            Settings::default(),
            stoplist(),
            block.as_ref(),
            page.as_ref(),
        )
        .unwrap()
    }

    fn kept<'a>(texts: &[&'a str], outcome: &Outcome) -> Vec<&'a str> {
        texts
            .iter()
            .zip(&outcome.decisions)
            .filter(|(_, d)| **d != Decision::Removed)
            .map(|(t, _)| *t)
            .collect()
    }

    #[test]
    fn scorers_share_one_set_of_patterns() {
        let (a, b) = (scorer(None, None), scorer(None, None));
        assert!(std::ptr::eq(a.patterns, b.patterns));
        assert!(std::ptr::eq(a.column_patterns, b.column_patterns));
        assert!(std::ptr::eq(a.thread_patterns, b.thread_patterns));
    }

    #[test]
    fn page_mode_keeps_the_story_and_drops_menus() {
        let texts = page_text();
        let none = vec![false; texts.len()];
        let blocks = Blocks::new(&texts, &none, &none).unwrap();
        let outcome = scorer(None, None).score(blocks, Mode::Page);
        assert!(outcome.page);
        assert_eq!(kept(&texts, &outcome), STORY);
        // the hand-set test takes it for a page in auto mode too
        let auto = scorer(None, None).score(blocks, Mode::Auto);
        assert_eq!(auto, outcome);
    }

    #[test]
    fn auto_mode_needs_enough_blocks_and_a_page() {
        let texts = page_text();
        let none = vec![false; texts.len()];
        let blocks = Blocks::new(&texts, &none, &none).unwrap();
        let few = Settings {
            page_min_blocks: 100,
            ..Settings::default()
        };
        let s = PageScorer::new(few, stoplist(), None, None).unwrap();
        assert_eq!(s.score(blocks, Mode::Auto), Outcome::no_page());
        assert!(s.score(blocks, Mode::Page).page);
        let story: Vec<&str> = STORY.iter().chain(&STORY).chain(&STORY).copied().collect();
        let none = vec![false; story.len()];
        let article = Blocks::new(&story, &none, &none).unwrap();
        assert!(!scorer(None, None).score(article, Mode::Auto).page);
    }

    #[test]
    fn the_page_model_decides_in_auto_mode_and_only_with_enough_menu_lines() {
        let texts = page_text();
        let none = vec![false; texts.len()];
        let blocks = Blocks::new(&texts, &none, &none).unwrap();
        let keep_sentences = BlockModelSpec {
            first: linear(-5.0, &[("sentence", 10.0)]),
            context: None,
            threshold: 0.5,
        };
        let yes = PageModelSpec {
            linear: linear(10.0, &[]),
            threshold: 0.7,
        };
        let no = PageModelSpec {
            linear: linear(-10.0, &[]),
            threshold: 0.7,
        };
        let outcome =
            scorer(Some(keep_sentences.clone()), Some(yes.clone())).score(blocks, Mode::Auto);
        assert!(outcome.page);
        assert_eq!(kept(&texts, &outcome), STORY);
        assert!(
            !scorer(Some(keep_sentences.clone()), Some(no.clone()))
                .score(blocks, Mode::Auto)
                .page
        );
        assert!(
            scorer(Some(keep_sentences.clone()), Some(no))
                .score(blocks, Mode::Page)
                .page
        );
        let gate = Settings {
            page_model_min_menu_lines: 40,
            ..Settings::default()
        };
        let gated = PageScorer::new(gate, stoplist(), Some(&keep_sentences), Some(&yes)).unwrap();
        assert!(!gated.score(blocks, Mode::Auto).page);
    }

    #[test]
    fn auto_mode_keeps_long_sentences_and_what_lies_between_kept_blocks() {
        let mut texts = page_text();
        let between = "What happens next";
        texts.insert(16, between);
        let none = vec![false; texts.len()];
        let blocks = Blocks::new(&texts, &none, &none).unwrap();
        // Keeps the first and the last story paragraph only (the others have a
        // sentence two blocks away).
        let ends = BlockModelSpec {
            first: linear(
                -5.0,
                &[
                    ("sentence", 10.0),
                    ("prev2_sentence", -20.0),
                    ("next2_sentence", -20.0),
                ],
            ),
            context: None,
            threshold: 0.5,
        };
        let always = PageModelSpec {
            linear: linear(10.0, &[]),
            threshold: 0.5,
        };
        let s = scorer(Some(ends), Some(always.clone()));
        let page = s.score(blocks, Mode::Page);
        assert_eq!(kept(&texts, &page), [STORY[0], STORY[3]]);
        let auto = s.score(blocks, Mode::Auto);
        assert_eq!(
            kept(&texts, &auto),
            [STORY[0], STORY[1], between, STORY[2], STORY[3]]
        );
        // A model that keeps nothing: auto mode still keeps sentences of 20+ words.
        let long = "The council will meet again in April to review the figures of the first quarter and to vote on the new bus lanes.";
        texts.insert(3, long);
        let none = vec![false; texts.len()];
        let blocks = Blocks::new(&texts, &none, &none).unwrap();
        let nothing = BlockModelSpec {
            first: linear(-10.0, &[]),
            context: None,
            threshold: 0.5,
        };
        let s = scorer(Some(nothing), Some(always));
        assert_eq!(kept(&texts, &s.score(blocks, Mode::Auto)), [long]);
        assert!(kept(&texts, &s.score(blocks, Mode::Page)).is_empty());
    }

    #[test]
    fn a_sure_page_model_makes_auto_mode_score_as_page_mode() {
        let mut texts = page_text();
        let between = "What happens next";
        texts.insert(16, between);
        let none = vec![false; texts.len()];
        let blocks = Blocks::new(&texts, &none, &none).unwrap();
        let ends = BlockModelSpec {
            first: linear(
                -5.0,
                &[
                    ("sentence", 10.0),
                    ("prev2_sentence", -20.0),
                    ("next2_sentence", -20.0),
                ],
            ),
            context: None,
            threshold: 0.5,
        };
        let sure = PageModelSpec {
            linear: linear(3.0, &[]), // p = 0.953
            threshold: 0.5,
        };
        let trims = scorer(Some(ends.clone()), Some(sure.clone()));
        assert_eq!(kept(&texts, &trims.score(blocks, Mode::Auto)).len(), 5);
        let full = Settings {
            auto_page_probability: 0.95,
            ..Settings::default()
        };
        let s = PageScorer::new(full.clone(), stoplist(), Some(&ends), Some(&sure)).unwrap();
        assert_eq!(s.score(blocks, Mode::Auto), s.score(blocks, Mode::Page));
        // a page model below the level only trims
        let unsure = PageModelSpec {
            linear: linear(2.0, &[]), // p = 0.881
            threshold: 0.5,
        };
        let s = PageScorer::new(full, stoplist(), Some(&ends), Some(&unsure)).unwrap();
        assert_eq!(s.score(blocks, Mode::Auto), trims.score(blocks, Mode::Auto));
    }

    #[test]
    fn sequence_decoding_keeps_the_story_run_and_drops_a_comment_thread() {
        let mut texts: Vec<&str> = MENU.to_vec();
        texts.push("Council approves new budget");
        texts.extend(STORY);
        texts.extend([
            "3 comments",
            "Jane Doe March 3, 2024 at 4:15 pm",
            "I think the council should have spent more on the schools in our district this year.",
            "The teachers have asked for new books and computers for a long time, and they got none.",
            "Reply",
            "Tom Smith March 3, 2024 at 6:02 pm",
            "The road repairs are long overdue and the cuts will make the potholes even worse.",
            "My street has been waiting for new lights since the winter, and nobody answers our letters.",
            "Reply",
        ]);
        texts.extend(MENU);
        let none = vec![false; texts.len()];
        let blocks = Blocks::new(&texts, &none, &none).unwrap();
        let sentences = sentence_model();
        let independent = scorer(Some(sentences.clone()), None).score(blocks, Mode::Page);
        assert_eq!(kept(&texts, &independent).len(), 8); // the story and the comments
        let decoding = Settings {
            sequence_leave: 0.05,
            sequence_enter: 0.05,
            thread_story: 0.05,
            ..Settings::default()
        };
        let s = PageScorer::new(decoding.clone(), stoplist(), Some(&sentences), None).unwrap();
        assert_eq!(kept(&texts, &s.score(blocks, Mode::Page)), STORY);
        // without thread markers, decoding alone keeps the comments: they are prose
        let no_thread = Settings {
            thread_story: 0.5,
            ..decoding
        };
        let s = PageScorer::new(no_thread, stoplist(), Some(&sentences), None).unwrap();
        assert_eq!(kept(&texts, &s.score(blocks, Mode::Page)).len(), 8);
    }

    #[test]
    fn a_short_story_above_a_thread_of_alike_comments_stays_and_the_thread_goes() {
        // a story too short to pay for a run of its own, then a menu, then a
        // long thread of prose comments whose "Reply" links repeat: decoded
        // with the thread nothing is story, decoded without it the comments
        // alone would be; the story above the thread stands instead
        let story = [
            "The city council approved a new budget on Tuesday after a debate that lasted late into the night and past midnight.",
            "The budget raises spending on schools by four percent and cuts road maintenance across the city, officials said.",
            "Opposition members said the cuts would hurt residents in the poorer districts of the city for years to come.",
        ];
        let comments = [
            "I think the council should have spent more on the schools in our district this year.",
            "The teachers have asked for new books and computers for a long time, and they got none.",
            "The road repairs are long overdue and the cuts will make the potholes even worse.",
            "My street has been waiting for new lights since the winter, and nobody answers our letters.",
        ];
        let mut texts: Vec<&str> = MENU.to_vec();
        texts.push("Council approves new budget");
        texts.extend(story);
        texts.extend(MENU);
        texts.push("12 comments");
        for name in [
            "Jane Doe",
            "Tom Smith",
            "Ann Lee",
            "Bob Ray",
            "Eve Moss",
            "Max Hill",
        ] {
            texts.push(name);
            texts.extend(comments);
            texts.push("Reply");
        }
        texts.extend(MENU);
        let none = vec![false; texts.len()];
        let blocks = Blocks::new(&texts, &none, &none).unwrap();
        let sentences = sentence_model();
        let costly = Settings {
            sequence_leave: 1e-4,
            sequence_enter: 1e-4,
            thread_story: 0.001,
            ..Settings::default()
        };
        let s = PageScorer::new(costly, stoplist(), Some(&sentences), None).unwrap();
        assert_eq!(kept(&texts, &s.score(blocks, Mode::Page)), story);
    }

    #[test]
    fn a_story_the_page_holds_twice_is_kept_once() {
        // a print copy of the story below the first: both decode as story,
        // the second goes as a duplicate; short repeated lines are not touched
        let mut texts: Vec<&str> = MENU.to_vec();
        texts.extend(STORY);
        texts.extend(["Print", "Share"]);
        texts.extend(STORY);
        texts.extend(MENU);
        let none = vec![false; texts.len()];
        let blocks = Blocks::new(&texts, &none, &none).unwrap();
        let sentences = sentence_model();
        let once = Settings {
            duplicate_min_words: 8,
            ..Settings::default()
        };
        let s = PageScorer::new(once, stoplist(), Some(&sentences), None).unwrap();
        let outcome = s.score(blocks, Mode::Page);
        assert_eq!(kept(&texts, &outcome), STORY);
        let first = MENU.len();
        assert!(outcome.decisions[first..first + 4]
            .iter()
            .all(|d| *d == Decision::Unchanged));
        let twice = scorer(Some(sentences), None).score(blocks, Mode::Page);
        assert_eq!(kept(&texts, &twice).len(), 2 * STORY.len());
    }

    #[test]
    fn a_thread_whose_first_stretch_is_its_longest_is_not_alike() {
        // "4 Comments" beside a byline: the stretch it opens holds the story
        let thread = [false, true, true, true, true, true, true];
        let marker = [false, true, false, false, true, false, true];
        assert!(!thread_opens_alike(
            &thread,
            &marker,
            &[50, 10, 900, 900, 10, 200, 10]
        ));
        assert!(thread_opens_alike(
            &thread,
            &marker,
            &[50, 10, 200, 100, 10, 150, 10]
        ));
        // two markers are too few to tell
        assert!(!thread_opens_alike(
            &thread[..6],
            &marker[..6],
            &[50, 10, 90, 90, 10, 400]
        ));
    }

    #[test]
    fn the_decoded_story_begins_at_the_headline_the_title_line_names() {
        // a sidebar's sentences run together with the story; the headline
        // between them is the title line's part before the site's name
        let mut texts: Vec<&str> = vec!["Council approves new budget | The Coastal Times"];
        texts.extend(MENU);
        texts.extend([
            "About the editor: Jane Doe has covered the city hall for the paper since the spring of 2010.",
            "Council approves new budget",
        ]);
        texts.extend(STORY);
        texts.extend(MENU);
        let none = vec![false; texts.len()];
        let blocks = Blocks::new(&texts, &none, &none).unwrap();
        let sentences = sentence_model();
        let decoding = Settings {
            sequence_leave: 0.05,
            sequence_enter: 0.2,
            ..Settings::default()
        };
        let s = PageScorer::new(decoding, stoplist(), Some(&sentences), None).unwrap();
        assert_eq!(kept(&texts, &s.score(blocks, Mode::Page)), STORY);
        // a heading that only ends the title line is no headline: the sidebar stays
        texts[0] = "Why the council approves new budget";
        let blocks = Blocks::new(&texts, &none, &none).unwrap();
        let story = kept(&texts, &s.score(blocks, Mode::Page));
        assert!(story.contains(&texts[MENU.len() + 1]));
    }

    #[test]
    fn a_short_story_right_under_its_headline_sheds_a_longer_sidebar_above() {
        let feats: Vec<BlockFeatures> = [10, 900, 700, 30, 40, 200, 10, 300]
            .iter()
            .map(|&chars| BlockFeatures {
                chars,
                ..BlockFeatures::default()
            })
            .collect();
        // a sidebar (1, 2) of more characters than the short post (5) under
        // its headline (3) and byline (4): the sidebar goes all the same
        let mut story = [false, true, true, false, false, true, false, false];
        below_headline(&mut story, Some(3), &feats);
        assert_eq!(
            story,
            [false, false, false, false, false, true, false, false]
        );
        // a headline whose first kept block lies four blocks below, with
        // fewer kept characters below it than above (the headline repeated
        // over the comments, far below the story) cuts nothing
        let mut story = [false, true, true, false, false, false, false, true];
        let before = story;
        below_headline(&mut story, Some(3), &feats);
        assert_eq!(story, before);
    }

    /// What page mode keeps of `texts` with a model that weighs sentences and
    /// words, and comment threads that outweigh a story's evidence.
    fn kept_where_threads_count<'a>(texts: &[&'a str]) -> Vec<&'a str> {
        let none = vec![false; texts.len()];
        let blocks = Blocks::new(texts, &none, &none).unwrap();
        let model = BlockModelSpec {
            first: linear(-2.5, &[("sentence", 2.0), ("log_words", 2.5)]),
            context: None,
            threshold: 0.5,
        };
        let settings = Settings {
            sequence_leave: 0.05,
            sequence_enter: 0.05,
            sequence_keep: 0.7,
            sequence_keep_reach: 20,
            thread_story: 0.001,
            ..Settings::default()
        };
        let s = PageScorer::new(settings, stoplist(), Some(&model), None).unwrap();
        kept(texts, &s.score(blocks, Mode::Page))
    }

    #[test]
    fn a_comment_link_far_below_strong_chrome_opens_no_thread() {
        // a sign-in form's sentences the model finds strong, a long menu,
        // then the story's "Comments" tab: the tab lies too far below any
        // strong sentence to open a thread (which would leave the form as
        // the decoded story)
        let form = [
            "An account already exists for the email address you entered on the form above, sorry.",
            "This service is temporarily unavailable due to system maintenance, so please try again.",
            "The username you entered is already associated with another account on this website.",
            "From time to time we will send you announcements of new features and offers by email.",
        ];
        let mut texts: Vec<&str> = MENU.to_vec();
        texts.extend(form);
        for _ in 0..4 {
            texts.extend(MENU);
        }
        texts.push("Comments");
        texts.extend(STORY);
        texts.extend(MENU);
        let story = kept_where_threads_count(&texts);
        assert!(STORY.iter().all(|p| story.contains(p)), "{story:?}");
    }

    #[test]
    fn a_comment_link_above_the_story_opens_no_thread() {
        // teaser headlines the model keeps (no sentences), then the story's
        // "Add a comment" link: no strong sentence stands above it, so it
        // opens no thread (which would outweigh the story's evidence and
        // leave the teasers as the decoded story)
        let teasers = [
            "Mayor opens the new library in the old town hall after three years of building work",
            "Fans queue through the night for tickets to the final home game of the season",
            "Storm warning issued for the coast as forecasters expect winds of ninety miles an hour",
            "The county fair returns in August with a new livestock show and a longer parade route",
        ];
        let mut texts: Vec<&str> = MENU.to_vec();
        texts.extend(teasers);
        texts.push("Add a comment");
        texts.extend(STORY);
        texts.extend(MENU);
        let story = kept_where_threads_count(&texts);
        assert!(STORY.iter().all(|p| story.contains(p)), "{story:?}");
    }

    #[test]
    fn a_thread_opened_above_the_story_leaves_the_decoding_to_the_story() {
        // teasers between menu items, then a "Comments" menu item: a thread
        // marker below enough kept blocks to open the thread above the story,
        // whose evidence it then outweighs; decoded without it, the lone
        // teasers go and the story is one run
        let mut texts: Vec<&str> = vec![
            "Mayor opens the new library in the old town hall after three years of building work.",
            "Home",
            "News",
            "Fans queue through the night for tickets to the final home game of the season.",
            "Sport",
            "Business",
            "Storm warning issued for the coast as forecasters expect winds of up to ninety miles an hour.",
            "Culture",
            "Weather",
            "The county fair returns in August with a new livestock show and a longer parade route.",
            "Comments",
        ];
        texts.extend(MENU);
        texts.extend([STORY[0], STORY[1], "Schools", STORY[2], STORY[3]]);
        texts.extend(MENU);
        let none = vec![false; texts.len()];
        let blocks = Blocks::new(&texts, &none, &none).unwrap();
        let sentences = sentence_model();
        let strict = Settings {
            sequence_leave: 0.05,
            sequence_enter: 0.05,
            thread_story: 0.001,
            ..Settings::default()
        };
        let s = PageScorer::new(strict, stoplist(), Some(&sentences), None).unwrap();
        let story = kept(&texts, &s.score(blocks, Mode::Page));
        // the subheading inside the story stays (block by block it would go)
        assert_eq!(story, [STORY[0], STORY[1], "Schools", STORY[2], STORY[3]]);
    }

    #[test]
    fn cut_blocks_come_back_when_kept_and_ruled_blocks_stay() {
        let texts = page_text();
        let n = texts.len();
        let mut ruled = vec![false; n];
        let mut cut = vec![false; n];
        for i in 17..n {
            ruled[i] = true;
            cut[i] = i > 17;
        }
        ruled[0] = true;
        let blocks = Blocks::new(&texts, &ruled, &cut).unwrap();
        let keep_all = BlockModelSpec {
            first: linear(10.0, &[]),
            context: None,
            threshold: 0.5,
        };
        let outcome = scorer(Some(keep_all), None).score(blocks, Mode::Page);
        assert_eq!(outcome.decisions[0], Decision::Unchanged); // a rule removed it: stays removed
        assert_eq!(outcome.decisions[17], Decision::Unchanged); // the cut marker itself
        assert!(outcome.decisions[18..]
            .iter()
            .all(|d| *d == Decision::Restored));
        assert!(outcome.decisions[1..17]
            .iter()
            .all(|d| *d == Decision::Unchanged));
        // Without a model, the jusText classes never bring back a cut block.
        let outcome = scorer(None, None).score(blocks, Mode::Page);
        assert!(!outcome.decisions.contains(&Decision::Restored));
    }

    #[test]
    fn lengths_must_agree_and_empty_pages_are_fine() {
        assert!(matches!(
            Blocks::new(&["a"], &[], &[false]),
            Err(ScoringError::Lengths { .. })
        ));
        let one = Blocks::new(&["a"], &[false], &[false]).unwrap();
        assert!(matches!(
            one.with_inline(&[false, true]),
            Err(ScoringError::InlineLength {
                texts: 1,
                inline: 2
            })
        ));
        assert!(one.with_inline(&[]).is_ok() && one.with_inline(&[true]).is_ok());
        let empty = Blocks::new(&[], &[], &[]).unwrap();
        assert_eq!(
            scorer(None, None).score(empty, Mode::Auto),
            Outcome::no_page()
        );
        assert_eq!(
            scorer(None, None).score(empty, Mode::Page),
            Outcome {
                page: true,
                decisions: vec![]
            }
        );
    }

    #[test]
    fn page_features_of_a_text() {
        let texts = ["Home", "News", STORY[0], STORY[1]];
        let ruled = [true, false, false, false];
        let none = [false; 4];
        let model = BlockModelSpec {
            first: linear(0.0, &[("terminal", 10.0), ("log_chars", -1.0)]),
            ..Default::default()
        };
        let model = BlockModelSpec {
            threshold: 0.5,
            ..model
        };
        let s = scorer(Some(model), None);
        let blocks = Blocks::new(&texts, &ruled, &none).unwrap();
        let values = s.page_features(blocks).unwrap();
        let probs = s.probabilities(blocks).unwrap();
        let total: usize = texts.iter().map(|t| t.chars().count()).sum();
        let named = |name: &str| values[PAGE_FEATURES.iter().position(|n| *n == name).unwrap()];
        assert_eq!(named("menu_share"), 0.5);
        assert_eq!(named("log_menu_lines"), 2f64.ln_1p());
        assert_eq!(named("terminal_share"), 0.5);
        assert_eq!(
            named("mean_p"),
            (((0.0 + probs[0]) + probs[1]) + probs[2] + probs[3]) / 4.0
        );
        assert_eq!(named("removed_share"), 4.0 / total as f64);
        assert!(probs[1] < 0.5);
        assert_eq!(named("drop_share"), 4.0 / total as f64); // "News": left by the rules, p < 0.5
        assert_eq!(named("log_blocks"), 4f64.ln_1p());
        assert_eq!(named("head_menu_share"), 0.5); // "Home", "News" of four blocks
        assert_eq!(named("tail_menu_share"), 0.5);
        assert_eq!(named("first_sentence_at"), 0.5); // the first sentence is block 2
        assert_eq!(named("tail_legal"), 0.0);
        assert_eq!(named("title_line"), 0.0);
        assert!(scorer(None, None).page_features(blocks).is_none());
    }

    #[test]
    fn a_title_line_holds_a_headline_below_it() {
        let title_line = |texts: &[&str]| {
            let lowered = Lowered::new(texts);
            let feats: Vec<BlockFeatures> = texts
                .iter()
                .map(|t| BlockFeatures {
                    words: t.split_whitespace().count(),
                    ..Default::default()
                })
                .collect();
            super::title_line(&lowered, &feats)
        };
        let head = "Rain Returns To The Valley - The Daily Post";
        // the page's <title>, its menu, then its heading
        assert!(title_line(&[
            head,
            "Home",
            "News",
            "Rain returns to the valley"
        ]));
        // "Site | Headline": the headline at the end
        assert!(title_line(&[
            "The Daily Post | Rain returns to the valley",
            "Rain Returns to the Valley!"
        ]));
        // an extractor's output: the heading first, no title line above it
        assert!(!title_line(&[
            "Rain returns to the valley",
            STORY[0],
            STORY[1]
        ]));
        // one-word lines and short keys do not count ("News" in "News - Site")
        assert!(!title_line(&[
            "News - The Daily Post",
            "News",
            "Daily Post"
        ]));
        assert!(!title_line(&["Rain falls - Post", "Rain falls"]));
    }
}
