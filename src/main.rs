use std::process::ExitCode;

use attache::cli::{self, Cli};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => cli::run(command).into(),
        #[cfg(feature = "gui")]
        None => match attache::ui::run(cli.file, cli.read_only) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                cli::err(format_args!("attache: cannot open the editor window: {e}"));
                ExitCode::from(2)
            }
        },
        #[cfg(not(feature = "gui"))]
        None => {
            cli::err(format_args!(
                "attache: this build has no editor window (built without the `gui` feature)"
            ));
            ExitCode::from(2)
        }
    }
}
