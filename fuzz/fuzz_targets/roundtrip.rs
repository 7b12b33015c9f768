//! `cargo fuzz run roundtrip` (see fuzz/README.md): the property is `attache::fuzzing::roundtrip`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attache::fuzzing::roundtrip(data));
