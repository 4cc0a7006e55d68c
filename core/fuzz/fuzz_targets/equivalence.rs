//! Fuzz target `equivalence`: see `checks::equivalence` for the input layout and what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::equivalence::run(data));
