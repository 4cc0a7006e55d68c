//! The compiled core of article-cleaner: the per-document pipeline.
//!
//! Every stage is ordinary Rust in its own module, testable with `cargo test`
//! without Python: `text` (blocks, typography scan, language, fingerprint, dates),
//! `rules` (literal prefilter, patterns, chrome and replace rules), `scoring`
//! (block features, jusText classes, block and page models), `story`
//! (headline, byline and date around the story of a whole page). `python`
//! (feature `python`) is the boundary and holds nothing but conversions.

pub mod pystr;
pub mod rules;
pub mod scoring;
pub mod story;
pub mod text;

#[cfg(feature = "python")]
mod python;
