//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/dossiers/kenya-us-washington-talks.ron"
);
pub const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/dossiers/template.ron");

pub fn sample_text() -> String {
    std::fs::read_to_string(SAMPLE).expect("the sample dossier is readable")
}

pub fn attache(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(args)
        .output()
        .expect("the attache binary runs")
}

/// Runs `attache` with file arguments and returns (exit code, stdout + stderr).
pub fn run_on(args: &[&str], files: &[&Path]) -> (i32, String) {
    let mut all: Vec<&str> = args.to_vec();
    let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    all.extend(files.iter().map(String::as_str));
    let out = attache(&all);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // A panic exits with 101; no input may cause one.
    assert_ne!(out.status.code(), Some(101), "attache panicked:\n{text}");
    (out.status.code().expect("attache exited normally"), text)
}

pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}
