//! The scoring stage: which blocks of a whole page are story.
//!
//! - [`settings`]: the thresholds (`[scoring]` tables of the rule files);
//! - [`features`]: what each block looks like (length, stopwords, shapes);
//! - [`classify`]: jusText-like classes settled by the neighbours, and the
//!   hand-set page test;
//! - [`windows`]: shifts, windows, runs and distances over a page's blocks;
//! - [`blockmodel`]: the block model's feature columns;
//! - [`model`]: the logistic models (block model with its context pass, page
//!   model);
//! - [`sequence`]: the story as runs of blocks (Viterbi decoding) and the
//!   markers of a comment thread;
//! - [`page`]: the stage as the pipeline runs it, once per document;
//! - [`pytext`]: Python's text semantics that the stage's results depend on.

use std::fmt;

pub mod blockmodel;
pub mod classify;
pub mod features;
pub mod model;
pub mod page;
pub mod pytext;
pub mod sequence;
pub mod settings;
pub mod windows;

/// What can go wrong when a scorer is built or asked.
#[derive(Debug, Clone, PartialEq)]
pub enum ScoringError {
    /// A model names a feature that does not exist.
    UnknownFeature {
        /// The table of the model (`scoring.model`, `scoring.model.context`,
        /// `scoring.page_model`).
        table: &'static str,
        /// The name.
        name: String,
    },
    /// A pattern of the stage does not compile (a bug).
    Pattern(regex::Error),
    /// The blocks' texts and flags differ in length.
    Lengths {
        /// Number of texts.
        texts: usize,
        /// Number of "a rule removed it" flags.
        ruled: usize,
        /// Number of "a cut marker removed it" flags.
        cut: usize,
    },
    /// The blocks' texts and their "removed from within a story" flags differ
    /// in length.
    InlineLength {
        /// Number of texts.
        texts: usize,
        /// Number of flags.
        inline: usize,
    },
    /// Feature columns that are not those of the block model.
    Columns {
        /// Columns the model reads.
        expected: usize,
        /// Columns given.
        got: usize,
    },
}

impl fmt::Display for ScoringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownFeature { table, name } => {
                write!(f, "{table}.weights: unknown feature {name:?}")
            }
            Self::Pattern(e) => write!(f, "a scoring pattern does not compile: {e}"),
            Self::Lengths { texts, ruled, cut } => {
                write!(
                    f,
                    "{texts} blocks but {ruled} rule flags and {cut} cut flags"
                )
            }
            Self::InlineLength { texts, inline } => {
                write!(f, "{texts} blocks but {inline} inline flags")
            }
            Self::Columns { expected, got } => {
                write!(f, "{got} feature columns, the block model reads {expected}")
            }
        }
    }
}

impl std::error::Error for ScoringError {}
