//! `cargo fuzz run load` (see fuzz/README.md): the property is `attache::fuzzing::load`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attache::fuzzing::load(data));
