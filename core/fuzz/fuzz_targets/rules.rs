//! Fuzz target `rules`: see `checks::rules` for the input layout and what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::rules::run(data));
