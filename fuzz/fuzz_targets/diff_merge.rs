//! `cargo fuzz run diff_merge` (see fuzz/README.md): two dossiers separated by a NUL byte
//! (or one against the sample); the property is `attache::fuzzing::diff_merge`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attache::fuzzing::diff_merge_bytes(data));
