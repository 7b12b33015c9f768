//! `cargo fuzz run list` (see fuzz/README.md): the property is `attache::fuzzing::list`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attache::fuzzing::list(data));
