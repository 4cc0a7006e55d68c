//! Fuzz target `pattern`: see `checks::pattern` for the input layout and what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::pattern::run(data));
