//! The rules stage.
