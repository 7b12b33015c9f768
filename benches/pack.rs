//! Laying out and writing a large briefing pack (`cargo bench --bench pack`): a synthetic
//! dossier of 2 000 members, 600 talking points and 150 notes. The baseline, measured in the
//! same run, is serialising the dossier to its canonical text: a pass over the same content
//! that does no typesetting.

use std::sync::LazyLock;

use attache::layout::{PackOptions, lay_out};
use attache::model::Dossier;
use attache::synth::{Params, generate};

fn main() {
    let laid = lay_out(&LARGE, &PackOptions::default());
    eprintln!("pack: {} pages", laid.pages.len());
    divan::main();
}

static LARGE: LazyLock<Dossier> = LazyLock::new(|| {
    generate(Params {
        members: 2_000,
        points: 600,
        notes: 150,
        programme: 60,
        seed: 3,
    })
});

#[divan::bench(sample_count = 10)]
fn baseline_serialise_dossier() -> String {
    attache::store::to_string(&LARGE)
}

#[divan::bench(sample_count = 10)]
fn lay_out_pack() -> usize {
    lay_out(&LARGE, &PackOptions::default()).pages.len()
}

#[divan::bench(sample_count = 10)]
fn lay_out_and_write_pdf() -> usize {
    let laid = lay_out(&LARGE, &PackOptions::default());
    attache::pdf::write(&laid).len()
}
