//! The checks the fuzz targets run, one module per target.
//!
//! Each module has `run(data: &[u8])`: it reads the bytes as an input of the
//! core (see the module for the layout), runs the core on it and panics if a
//! promise of the core does not hold. The fuzz targets call it; so does
//! `core/tests/fuzz_regressions.rs`, on the seeds and on every input a fuzz
//! run once failed on, so a plain `cargo test` replays them. The modules use
//! nothing but the core and std.

pub mod equivalence;
pub mod input;
pub mod pattern;
pub mod rules;
pub mod scoring;
pub mod text;
