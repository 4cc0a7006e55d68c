//! Target `scoring`: the blocks of any text through the page scorer, with
//! and without block and page models, in both modes.
//!
//! Input: byte 0 picks the mode (bit 0: page, else auto) and the models
//! (bits 1-2: none, block model, block and page model, block model with a
//! context pass); the text runs to the first 0xFF; each byte after it gives
//! two blocks their flags (bits 0, 2, 4, 6: a rule removed it; 1, 3, 5, 7: a
//! cut marker did).
//!
//! Checked: an outcome for every block of a page and none otherwise; scoring
//! removes only blocks the rules left, restores only cut ones; the feature
//! columns are numbers, one per block and feature; probabilities lie in
//! [0, 1]; the text views keep every character where it was.

use std::collections::HashSet;
use std::sync::OnceLock;

use _core::scoring::blockmodel::{CONTEXT_FEATURES, FEATURES};
use _core::scoring::features::is_terminal;
use _core::scoring::model::{BlockModelSpec, LinearSpec, PageModelSpec};
use _core::scoring::page::{Blocks, Decision, Mode, PageScorer, PAGE_FEATURES};
use _core::scoring::pytext::{ascii_view, python_view, space_view, word_tokens, Projection};
use _core::scoring::settings::Settings;
use _core::text::blocks::split;

use crate::input::{bit, text, SEP};

/// At most this many blocks go to the scorer (its cost is linear; more only slows the run).
const MAX_BLOCKS: usize = 400;

/// Weights for every feature of `names`, of both signs and several sizes.
fn weights(names: &[&str], salt: usize) -> LinearSpec {
    LinearSpec {
        bias: -0.5,
        weights: names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_string(), ((i * 7 + salt) % 11) as f64 / 4.0 - 1.25))
            .collect(),
    }
}

/// The four scorers: no model, block model, block and page model, block model with context.
fn scorers() -> &'static [PageScorer; 4] {
    static SCORERS: OnceLock<[PageScorer; 4]> = OnceLock::new();
    SCORERS.get_or_init(|| {
        let stoplist: HashSet<String> = [
            "the", "a", "of", "and", "to", "in", "on", "is", "that", "der", "die", "und", "w", "i",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let block = BlockModelSpec {
            first: weights(&FEATURES, 3),
            context: None,
            threshold: 0.5,
        };
        let context_names: Vec<&str> = FEATURES.iter().chain(&CONTEXT_FEATURES).copied().collect();
        let context = BlockModelSpec {
            context: Some(weights(&context_names, 5)),
            ..block.clone()
        };
        let page = PageModelSpec {
            linear: weights(&PAGE_FEATURES, 1),
            threshold: 0.5,
        };
        let new = |b: Option<&BlockModelSpec>, p: Option<&PageModelSpec>| {
            PageScorer::new(Settings::default(), stoplist.clone(), b, p).expect("a scorer")
        };
        [
            new(None, None),
            new(Some(&block), None),
            new(Some(&block), Some(&page)),
            new(Some(&context), Some(&page)),
        ]
    })
}

pub fn run(data: &[u8]) {
    let flags = data.first().copied().unwrap_or(0);
    let rest = data.get(1..).unwrap_or_default();
    let (body, marks) = match rest.iter().position(|&b| b == SEP) {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => (rest, &[][..]),
    };
    let text = text(body);
    let text = text.as_ref();
    let mode = if bit(flags, 0) {
        Mode::Page
    } else {
        Mode::Auto
    };
    let scorer = &scorers()[usize::from(flags >> 1 & 3)];

    let mut spans = Vec::new();
    split(text, &mut spans);
    spans.truncate(MAX_BLOCKS);
    let texts: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
    let n = texts.len();
    let flag = |i: usize, k: u32| {
        marks
            .get(i / 4)
            .is_some_and(|&b| bit(b, 2 * (i as u32 % 4) + k))
    };
    let ruled: Vec<bool> = (0..n).map(|i| flag(i, 0) || flag(i, 1)).collect();
    let cut: Vec<bool> = (0..n).map(|i| flag(i, 1)).collect();
    let blocks = Blocks::new(&texts, &ruled, &cut).expect("lengths agree");

    let outcome = scorer.score(blocks, mode);
    if outcome.page {
        assert_eq!(outcome.decisions.len(), n);
    } else {
        assert!(mode == Mode::Auto && outcome.decisions.is_empty());
    }
    for (i, d) in outcome.decisions.iter().enumerate() {
        match d {
            Decision::Removed => assert!(!ruled[i], "block {i}: removed again"),
            Decision::Restored => assert!(cut[i], "block {i}: restored, never cut"),
            Decision::Unchanged => {}
        }
    }

    let columns = scorer.columns(blocks);
    assert_eq!(columns.blocks(), n);
    if n > 0 {
        assert_eq!(columns.features(), FEATURES.len());
    }
    if let Some(bad) = columns.values().iter().position(|v| !v.is_finite()) {
        panic!(
            "feature {} of block {} is {}",
            FEATURES[bad / n.max(1)],
            bad % n.max(1),
            columns.values()[bad]
        );
    }
    if let Some(probs) = scorer.probabilities(blocks) {
        assert_eq!(probs.len(), n);
        assert!(probs.iter().all(|p| (0.0..=1.0).contains(p)), "{probs:?}");
    }
    if let Some(values) = scorer.page_features(blocks) {
        assert!(values.iter().all(|v| v.is_finite()), "{values:?}");
    }

    // The views the stage's patterns run on: one character for one.
    let count = text.chars().count();
    let mut buf = String::new();
    assert_eq!(python_view(text, &mut buf).chars().count(), count);
    assert_eq!(space_view(text, &mut buf).chars().count(), count);
    let projection = Projection {
        space: b' ',
        digit: b'0',
        word: b'x',
        other: b'#',
    };
    let ascii = ascii_view(text, projection, &mut buf);
    assert!(ascii.is_ascii() && ascii.len() == count);
    for word in word_tokens(text) {
        assert!(!word.is_empty());
    }
    for t in &texts {
        is_terminal(t);
    }
}
