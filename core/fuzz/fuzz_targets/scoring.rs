//! Fuzz target `scoring`: see `checks::scoring` for the input layout and what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::scoring::run(data));
