//! `cargo fuzz run pack` (see fuzz/README.md): the property is `attache::fuzzing::pack`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attache::fuzzing::pack(data));
