//! The text stage.
