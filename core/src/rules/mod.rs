//! The rules stage: chrome rules (drop a block, cut to the end, cut from the
//! start) and replace rules, compiled once per rule set and run over a
//! document's blocks in one call; the matching of metadata (extract) rules.
//!
//! - `syntax`: rule patterns as written (Python `regex` syntax), read into a tree.
//! - `pattern`: the tree translated for the `regex` crate, or `fancy-regex`
//!   where backtracking is needed; the engine chosen per pattern. `rewrite`
//!   turns constructs into linear-time equivalents where that is provably the
//!   same, `emit` writes the tree in the crates' syntax.
//! - `fold`: simple case folding for the literal prefilter (the whole-block
//!   phrase lookup folds as Python's `str.casefold()` does, `pystr::casefold`).
//! - `prefilter`: literals every match needs, found for all rules in one pass.
//! - `chrome`, `replace`: the two kinds of rules over a document's blocks.
//! - `metadata`: the extract rules' patterns and the blocks each can match.
//! - `metarun`: the metadata rules' loop over a document's head and tail.
//! - `title`: whether a line reads as a headline; the key of a title's repeats.

use std::fmt;

use crate::pystr;

pub mod chrome;
mod emit;
pub mod fold;
pub mod metadata;
pub mod metarun;
pub mod pattern;
pub mod prefilter;
pub mod replace;
mod rewrite;
pub mod syntax;
pub mod title;

/// A rule that cannot be compiled: which rule, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The rule's id.
    pub rule: String,
    /// What is wrong, naming the construct.
    pub problem: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rule {:?}: {}", self.rule, self.problem)
    }
}

/// A rule failed on a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunError {
    /// The rule (its index among the rules run) ran past its backtracking limit.
    Timeout {
        /// Index of the rule.
        rule: usize,
    },
    /// The rule's engine refused to build its program on first use.
    Refused {
        /// Index of the rule.
        rule: usize,
    },
}

impl RunError {
    /// The error of rule `rule` whose pattern failed so.
    pub fn of(failure: pattern::Failure, rule: usize) -> Self {
        match failure {
            pattern::Failure::Timeout => RunError::Timeout { rule },
            pattern::Failure::Refused => RunError::Refused { rule },
        }
    }
}

/// Where in a document a rule applies, counted in blocks still in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Window {
    /// Everywhere.
    #[default]
    Anywhere,
    /// The first `n` blocks.
    Head(usize),
    /// The last `n` blocks.
    Tail(usize),
}

impl Window {
    /// Whether block `i` of `n` is in the window.
    pub fn holds(self, i: usize, n: usize) -> bool {
        match self {
            Window::Anywhere => true,
            Window::Head(within) => i < within,
            Window::Tail(within) => i + within >= n,
        }
    }
}

/// Bounds on a block's length in words (Python's `str.split()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Words {
    /// At least this many.
    pub min: Option<usize>,
    /// At most this many.
    pub max: Option<usize>,
}

impl Words {
    /// Whether `text` is within the bounds.
    pub fn ok(self, text: &str) -> bool {
        self.ok_counted(text, &mut None)
    }

    /// Whether `text` is within the bounds; `count` keeps its word count
    /// between the rules that ask about one block.
    pub fn ok_counted(self, text: &str, count: &mut Option<usize>) -> bool {
        if self.min.is_none() && self.max.is_none() {
            return true;
        }
        let n = *count.get_or_insert_with(|| pystr::word_count(text));
        self.max.is_none_or(|max| n <= max) && self.min.is_none_or(|min| n >= min)
    }
}
