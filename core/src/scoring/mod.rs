//! The scoring stage.
