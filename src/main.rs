use std::process::ExitCode;

use attache::cli::{self, Cli};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => cli::run(command).into(),
        None => {
            cli::err(format_args!(
                "attache: the editor is not part of this build yet; \
                 use `attache check FILE` or `attache fmt FILE` (see `attache --help`)"
            ));
            ExitCode::from(2)
        }
    }
}
