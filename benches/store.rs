//! Opening, validating and saving a large dossier (`cargo bench --bench store`).
//!
//! Baselines, measured in the same run: checking the bytes are UTF-8 (the least any
//! reader does) and parsing them into RON's generic `Value` (what any RON reader does).

use std::sync::LazyLock;

use attache::model::{Dossier, validate};
use attache::store::{self, SaveOptions};
use attache::synth::{Params, generate};

fn main() {
    let (d, text) = &*LARGE;
    eprintln!(
        "dossier: {} members, {} talking points, {} notes, {:.1} MB",
        d.delegations.iter().map(|x| x.members.len()).sum::<usize>(),
        d.talking_points.len(),
        d.security_notes.len(),
        text.len() as f64 / 1e6
    );
    divan::main();
}

/// About 10 MB: 20 000 members, 600 talking points, 150 notes.
static LARGE: LazyLock<(Dossier, String)> = LazyLock::new(|| {
    let d = generate(Params {
        members: 20_000,
        points: 600,
        notes: 150,
        programme: 60,
        seed: 7,
    });
    let text = store::to_string(&d);
    (d, text)
});

#[divan::bench]
fn baseline_utf8_check() -> usize {
    let (_, text) = &*LARGE;
    std::str::from_utf8(divan::black_box(text.as_bytes()))
        .unwrap()
        .len()
}

#[divan::bench]
fn baseline_generic_ron_parse() -> ron::Value {
    let (_, text) = &*LARGE;
    ron::from_str(divan::black_box(text)).unwrap()
}

#[divan::bench]
fn open_and_validate() -> usize {
    let (_, text) = &*LARGE;
    let d = store::parse_bytes(divan::black_box(text.as_bytes())).unwrap();
    validate(&d).len()
}

#[divan::bench]
fn validate_only() -> usize {
    validate(divan::black_box(&LARGE.0)).len()
}

#[divan::bench]
fn serialise() -> String {
    store::to_string(divan::black_box(&LARGE.0))
}

/// The whole save: serialise, read back to verify, write, fsync, rename.
#[divan::bench(sample_count = 10)]
fn save(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    bencher.bench(|| store::save(&path, &LARGE.0, SaveOptions { backup: false }).unwrap());
}
