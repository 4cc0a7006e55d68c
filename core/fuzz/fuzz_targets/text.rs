//! Fuzz target `text`: see `checks::text` for the input layout and what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::text::run(data));
