//! Target `rules`: any table of chrome, replace and extract rules, compiled
//! and run over the blocks of any text.
//!
//! Input: fields split at 0xFF. Field 0 configures: byte 0 picks the words a
//! cut must leave, then two bytes per rule: the first picks its kind (bits
//! 0-1: chrome pattern, chrome phrases, replace, extract), mode (bits 2-3),
//! case (bit 4) and chrome action (bits 5-6), the second its window (bits
//! 0-3) and word bounds (bits 4-7). The last field is the document; each
//! field between is a rule: its pattern, its phrases split at `|`, or (a
//! replace rule) its pattern and template split at 0xFE. Patterns and
//! phrases are wrapped as `cleaner.rules.Rule.regex_source` wraps them.
//!
//! Checked: a rule compiles or is an error naming it; the literal prefilter
//! and the first-letter gates never change what a rule matches (chrome and
//! replace rules match exactly where their patterns do, an extract rule's
//! candidate blocks hold every block it matches); a verdict names a rule
//! that matched its block in its window; replace rules leave stripped text
//! without doubled spaces, report a cut in every block they match, and name
//! the rule that emptied a block.

use std::sync::Arc;

use _core::pystr;
use _core::rules::chrome::{
    may_cut_to_end, phrase_key, Action, ChromeRule, ChromeRules, ChromeSpec,
};
use _core::rules::metadata::{Groups, MetaRule, MetaRules, MetaSpec};
use _core::rules::metarun::{Fields, MetaAction, MetaPlan, MetaState, RunOptions};
use _core::rules::pattern::Mode;
use _core::rules::replace::{ReplaceRule, ReplaceRules, ReplaceSpec};
use _core::rules::{RuleError, Window, Words};
use _core::text::blocks::split;

use crate::input::{bit, fields, text, Bytes, SUB};
use crate::pattern::BACKTRACK_LIMIT;

/// At most this many rules and blocks: each rule is checked on each block.
const MAX_RULES: usize = 8;
const MAX_BLOCKS: usize = 48;
/// What may surround a marker (`cleaner.rules.model._EDGE`).
const EDGE: &str = r"[\p{P}\p{S}\s]*";
const MODES: [Mode; 4] = [Mode::Block, Mode::Prefix, Mode::Search, Mode::Block];
const ACTIONS: [Action; 4] = [
    Action::Drop,
    Action::CutToEnd,
    Action::CutFromStart,
    Action::Drop,
];

/// The rules of one input, by kind.
#[derive(Default)]
struct Table {
    chrome: Vec<Arc<ChromeRule>>,
    replace: Vec<Arc<ReplaceRule>>,
    /// Replace rules' windows, by their index.
    replace_windows: Vec<Window>,
    meta: Vec<Arc<MetaRule>>,
    /// Chrome rules' word bounds, by their index.
    words: Vec<Words>,
    windows: Vec<Window>,
}

pub fn run(data: &[u8]) {
    let parts = fields(data);
    if parts.len() < 2 {
        return;
    }
    let mut config = Bytes::new(parts[0]);
    let min_words = [0, 1, 5, 20][config.below(4)];
    let document = text(parts[parts.len() - 1]);
    let mut spans = Vec::new();
    split(&document, &mut spans);
    spans.truncate(MAX_BLOCKS);
    let texts: Vec<&str> = spans.iter().map(|&(s, e)| &document[s..e]).collect();

    let mut table = Table::default();
    for (k, rule) in parts[1..parts.len() - 1].iter().take(MAX_RULES).enumerate() {
        let (a, b) = (config.byte(), config.byte());
        add_rule(&mut table, &format!("fuzz.rule{k}"), rule, a, b);
    }
    check_chrome(&table, &texts, min_words);
    check_replace(&table.replace, &table.replace_windows, &texts);
    check_meta(&table.meta, &texts, min_words, config.byte());
    for (i, t) in texts.iter().enumerate() {
        phrase_key(t, false);
        phrase_key(t, true);
        may_cut_to_end(&texts, i, min_words);
    }
}

fn add_rule(table: &mut Table, id: &str, field: &[u8], a: u8, b: u8) {
    let mode = MODES[usize::from(a >> 2 & 3)];
    let case_sensitive = bit(a, 4);
    let n = usize::from(b >> 2 & 3) + 1;
    let window = match b & 3 {
        1 => Window::Head(n),
        2 => Window::Tail(n),
        _ => Window::Anywhere,
    };
    let bound = |k: u8| [None, Some(1), Some(3), Some(8)][usize::from(k & 3)];
    let words = Words {
        min: bound(b >> 4),
        max: bound(b >> 6),
    };
    let checked = |r: Result<(), RuleError>| {
        if let Err(e) = r {
            assert_eq!(e.rule, id, "an error naming another rule: {e}");
        }
    };
    match a & 3 {
        0 | 1 => {
            let (pattern, phrases, source) = if a & 3 == 0 {
                let p = text(field).into_owned();
                let source = if mode == Mode::Block {
                    format!("{EDGE}(?:{p}){EDGE}")
                } else {
                    p.clone()
                };
                (Some(p), Vec::new(), source)
            } else {
                let all = text(field);
                let phrases: Vec<String> = all
                    .split('|')
                    .filter(|p| !p.trim().is_empty())
                    .map(String::from)
                    .collect();
                if phrases.is_empty() {
                    return;
                }
                let source = phrase_source(&phrases, mode);
                (None, phrases, source)
            };
            let spec = ChromeSpec {
                id: id.to_string(),
                action: ACTIONS[usize::from(a >> 5 & 3)],
                pattern,
                source,
                phrases,
                mode,
                case_sensitive,
                window,
                words,
            };
            checked(ChromeRule::compile(&spec, BACKTRACK_LIMIT).map(|r| {
                table.chrome.push(Arc::new(r));
                table.words.push(words);
                table.windows.push(window);
            }));
        }
        2 => {
            let mut halves = field.splitn(2, |&c| c == SUB);
            let source = text(halves.next().unwrap_or_default()).into_owned();
            let replacement = text(halves.next().unwrap_or_default()).into_owned();
            let spec = ReplaceSpec {
                id: id.to_string(),
                source,
                case_sensitive,
                window,
                replacement,
            };
            checked(ReplaceRule::compile(&spec, BACKTRACK_LIMIT).map(|r| {
                table.replace.push(Arc::new(r));
                table.replace_windows.push(window);
            }));
        }
        _ => {
            let spec = MetaSpec {
                id: id.to_string(),
                source: text(field).into_owned(),
                mode,
                case_sensitive,
            };
            checked(
                MetaRule::compile(&spec, BACKTRACK_LIMIT).map(|r| table.meta.push(Arc::new(r))),
            );
        }
    }
}

/// The pattern of a phrase rule, as `Rule.regex_source` writes it: the
/// phrases longest first, escaped as `regex.escape` does, spaces matching
/// any run of white space, within the edges of the mode.
fn phrase_source(phrases: &[String], mode: Mode) -> String {
    let mut sorted: Vec<&str> = phrases
        .iter()
        .map(|p| p.trim_matches(pystr::is_space))
        .collect();
    sorted.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    let alts: Vec<String> = sorted
        .iter()
        .map(|p| {
            let mut out = String::new();
            for c in p.chars() {
                if c == ' ' {
                    out.push_str(r"\s+");
                } else if "()[]{}?*+|^$\\.-#&~".contains(c) || pystr::is_space(c) {
                    out.push('\\');
                    out.push(c);
                } else if c == '\0' {
                    out.push_str(r"\000");
                } else {
                    out.push(c);
                }
            }
            out
        })
        .collect();
    let alts = alts.join("|");
    match mode {
        Mode::Block => format!(r"{EDGE}(?:{alts}){EDGE}(?:\(\d+\))?{EDGE}"),
        Mode::Prefix => format!(r"{EDGE}(?:{alts})(?![\p{{L}}\p{{N}}])"),
        Mode::Search => format!(r"(?<![\p{{L}}\p{{N}}])(?:{alts})(?![\p{{L}}\p{{N}}])"),
    }
}

fn check_chrome(table: &Table, texts: &[&str], min_words: usize) {
    let rules = ChromeRules::new(table.chrome.clone());
    let n = texts.len();
    // The prefilter and the gates never change what a pattern rule matches.
    for (r, rule) in table.chrome.iter().enumerate() {
        let Some(pattern) = rule.pattern() else {
            continue;
        };
        for text in texts {
            let (Ok(direct), Ok(filtered)) = (pattern.is_match(text), rules.matches(r, text))
            else {
                continue;
            };
            assert_eq!(
                filtered,
                direct && table.words[r].ok(text),
                "rule {r} on {text:?}: the prefilter changed the answer"
            );
        }
    }
    let Ok(verdicts) = rules.run(texts, min_words) else {
        return;
    };
    assert_eq!(verdicts.len(), n);
    for (i, verdict) in verdicts.iter().enumerate() {
        let Some(v) = verdict else { continue };
        assert!(v.rule < table.chrome.len());
        if !v.cut {
            assert!(
                table.windows[v.rule].holds(i, n),
                "block {i}: rule {} outside its window",
                v.rule
            );
            assert_ne!(
                rules.matches(v.rule, texts[i]),
                Ok(false),
                "block {i}: rule {} removed a block it does not match",
                v.rule
            );
        }
    }
}

fn check_replace(replace: &[Arc<ReplaceRule>], windows: &[Window], texts: &[&str]) {
    let n = texts.len();
    if let Ok(out) = ReplaceRules::new(replace.to_vec()).run(texts) {
        assert_eq!((out.texts.len(), out.emptied.len()), (n, n));
        for (i, new) in out.texts.iter().enumerate() {
            if let Some(new) = new {
                assert_eq!(
                    new.trim_matches(pystr::is_space),
                    new,
                    "block {i} not stripped"
                );
                assert!(!new.contains("  "), "block {i}: doubled space in {new:?}");
                assert_eq!(new.is_empty(), out.emptied[i].is_some(), "block {i}");
            } else {
                assert!(out.emptied[i].is_none());
            }
        }
        for cut in &out.cuts {
            assert!(cut.block < n && cut.rule < replace.len(), "{cut:?}");
        }
    }
    // Each rule alone: it cuts in every block of its window its pattern matches.
    for (rule, window) in replace.iter().zip(windows) {
        let Ok(out) = ReplaceRules::new(vec![rule.clone()]).run(texts) else {
            continue;
        };
        for (i, text) in texts.iter().enumerate() {
            let Ok(found) = rule.pattern().captures_at(text, 0) else {
                continue;
            };
            if let Ok(answer) = rule.is_match(text) {
                assert_eq!(
                    answer,
                    found.is_some(),
                    "is_match on {text:?}: the prefilter changed the answer"
                );
            }
            let cut = out.cuts.iter().any(|c| c.block == i);
            assert_eq!(
                cut,
                found.is_some() && window.holds(i, n),
                "block {i}: cut where the pattern does not match, or not where it does"
            );
        }
    }
}

/// Fields that take every match whose first group is set (and every title).
struct TakeAll(Option<String>);

impl Fields for TakeAll {
    type Error = ();

    fn known_title(&mut self) -> Result<Option<String>, ()> {
        Ok(self.0.clone())
    }

    fn take(&mut self, _: usize, _: usize, groups: Option<&Groups<'_>>) -> Result<bool, ()> {
        Ok(groups.is_none_or(|g| g.first().is_none_or(|(_, v)| v.is_some())))
    }
}

fn check_meta(meta: &[Arc<MetaRule>], texts: &[&str], min_words: usize, shape: u8) {
    // A rule without a pattern first, as the title rule is; windows, bounds and
    // actions from `shape`.
    let window = |k: usize| match (usize::from(shape) >> (k % 4)) % 3 {
        0 => Window::Anywhere,
        1 => Window::Head(k % 3),
        _ => Window::Tail(1 + k % 4),
    };
    let title = MetaPlan {
        id: "fuzz.title".into(),
        window: window(0),
        words: Words::default(),
        action: MetaAction::Title {
            max_words: 1 + usize::from(shape % 40),
            repeat_within: usize::from(shape % 7),
        },
    };
    let all: Vec<(MetaPlan, Option<Arc<MetaRule>>)> = std::iter::once((title, None))
        .chain(meta.iter().enumerate().map(|(k, rule)| {
            let plan = MetaPlan {
                id: rule.id.clone(),
                window: window(k + 1),
                words: Words {
                    min: (shape & 1 == 1).then_some(k),
                    max: (shape & 2 == 2).then_some(3 + k),
                },
                action: MetaAction::Extract {
                    keep: (u32::from(shape) >> (k % 8)) & 1 == 1,
                    cut_to_end: (u32::from(shape) >> ((k + 1) % 8)) & 3 == 3,
                },
            };
            (plan, Some(rule.clone()))
        }))
        .collect();
    let rules = MetaRules::new(all);
    // The loop: each rule fires once at most, each block goes once at most, and
    // the indices are the document's.
    let at: Vec<usize> = (0..texts.len()).collect();
    let known = (shape & 4 == 4).then(|| texts.first().map_or(String::new(), |t| t.to_string()));
    let mut state = MetaState::new(&rules, texts, &[]);
    let options = RunOptions {
        min_words,
        tail_only: shape & 8 == 8,
        opened: shape & 16 == 16,
    };
    if let Ok(fires) = rules.run(&mut state, texts, &at, options, &mut TakeAll(known)) {
        let mut gone = vec![false; texts.len()];
        let mut seen = vec![false; meta.len() + 1];
        for fire in &fires {
            assert!(!seen[fire.rule], "rule {} fired twice", fire.rule);
            seen[fire.rule] = true;
            for &(b, _) in &fire.removed {
                assert!(!gone[b], "block {b} removed twice");
                gone[b] = true;
            }
        }
    }
    let candidates = rules.candidates(texts);
    assert_eq!(candidates.len(), meta.len() + 1);
    assert!(candidates[0].is_none());
    for (k, rule) in meta.iter().enumerate() {
        let Some(blocks) = &candidates[k + 1] else {
            continue;
        };
        assert!(blocks.windows(2).all(|w| w[0] < w[1]), "{blocks:?}");
        for (i, text) in texts.iter().enumerate() {
            if let Ok(Some(groups)) = rule.groups(text) {
                assert!(
                    blocks.contains(&i),
                    "block {i} matches rule {k}, not a candidate"
                );
                let mut names: Vec<&str> = groups.iter().map(|(n, _)| *n).collect();
                names.sort_unstable();
                let count = names.len();
                names.dedup();
                assert_eq!(names.len(), count, "a group name twice");
            }
        }
    }
}
