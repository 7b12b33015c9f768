//! `cargo fuzz run merge3` (see fuzz/README.md): base, ours and theirs separated by NUL
//! bytes; the property is `attache::fuzzing::merge3`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| attache::fuzzing::merge3_bytes(data));
