//! The text stage: blocks, typography, language and fingerprint.

pub mod blocks;
pub mod fingerprint;
pub mod language;
pub mod typography;
