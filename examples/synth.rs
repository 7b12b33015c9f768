//! Writes a deterministic synthetic dossier:
//! `cargo run --release --example synth -- --members N --points M --notes K --seed S -o FILE`

use std::path::PathBuf;
use std::process::ExitCode;

use attache::store::{self, SaveOptions};
use attache::synth::{Params, generate};
use clap::Parser;

#[derive(Parser)]
#[command(about = "Write a deterministic synthetic Attaché dossier")]
struct Args {
    #[arg(long, default_value_t = 40)]
    members: usize,
    #[arg(long, default_value_t = 20)]
    points: usize,
    #[arg(long, default_value_t = 5)]
    notes: usize,
    /// Programme items (default: one per ten talking points, at least five).
    #[arg(long)]
    programme: Option<usize>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Give each delegation a chosen seating (its first two seats swapped), as the editor
    /// keeps one when seats are swapped.
    #[arg(long)]
    seating: bool,
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
}

fn main() -> ExitCode {
    let a = Args::parse();
    let mut dossier = generate(Params {
        members: a.members,
        points: a.points,
        notes: a.notes,
        programme: a.programme.unwrap_or((a.points / 10).max(5)),
        seed: a.seed,
    });
    if a.seating {
        for del in &mut dossier.delegations {
            del.seating = Some(attache::model::seating::swapped(del, false, 0, 1));
        }
    }
    match store::save(&a.output, &dossier, SaveOptions { backup: false }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::FAILURE
        }
    }
}
