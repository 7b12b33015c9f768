//! The command line: `attache [FILE]` opens the editor; subcommands work headless.

mod cards;
mod check;
mod export;
mod fmt;
mod members;
mod pack;
mod print;
mod review;
mod seating;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "attache",
    version,
    about = "Attaché — structured dossiers for official visits",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Dossier to open in the editor (default: the last one, or the sample).
    pub file: Option<PathBuf>,
    /// Open for review: nothing can be edited or saved over the file.
    #[arg(long)]
    pub read_only: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check dossier files: exit 0 when all are valid, 1 on validation errors, 2 when a
    /// file cannot be read.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Export a briefing pack as PDF (or HTML).
    Export {
        file: PathBuf,
        /// Where to write the pack.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        #[command(flatten)]
        pack: pack::PackArgs,
        /// pdf, or html (one self-contained file with print CSS). Default: from the
        /// output's extension, else pdf.
        #[arg(long, value_enum)]
        format: Option<crate::export::Format>,
    },
    /// Print a briefing pack on a printer of the system's print service (CUPS).
    Print {
        file: PathBuf,
        /// The printer (see `attache printers`); default: the system's default printer, or
        /// the only printer there is.
        #[arg(short = 'P', long)]
        printer: Option<String>,
        #[arg(short = 'n', long, default_value_t = 1,
              value_parser = clap::value_parser!(u32).range(1..=i64::from(crate::print::MAX_COPIES)))]
        copies: u32,
        #[command(flatten)]
        pack: pack::PackArgs,
    },
    /// List the printers of the system's print service; the default one is marked.
    Printers,
    /// Compare two dossiers item by item: exit 0 when equal, 1 when different, 2 when a
    /// file cannot be read. Also git's external diff (it passes seven arguments).
    Diff {
        #[arg(required = true, num_args = 2..=9, value_names = ["OLD", "NEW"])]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = review::ColorWhen::Auto)]
        color: review::ColorWhen,
        /// text, or json (the shape is in docs/review.md).
        #[arg(long, value_enum, default_value_t = review::DiffFormat::Text)]
        format: review::DiffFormat,
    },
    /// Three-way merge by item and field: exit 0 when clean, 1 with conflicts (recorded in
    /// OUTPUT, which stays a valid dossier), 2 when a file cannot be read. Git's merge
    /// driver: `attache merge %O %A %B -o %A`.
    Merge {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Merge even though ours or theirs has comments, which the merged file cannot
        /// keep (OUTPUT as it was is kept as OUTPUT.comments.bak).
        #[arg(long)]
        drop_comments: bool,
    },
    /// Record an approval of the dossier's content as it stands.
    Approve {
        file: PathBuf,
        /// Who approves.
        #[arg(long)]
        by: String,
        /// In what capacity ("Head of Protocol").
        #[arg(long, default_value = "")]
        role: String,
        /// Approve even though the file has comments, which rewriting it loses (the file
        /// as it was is kept as FILE.comments.bak, which no save replaces).
        #[arg(long)]
        drop_comments: bool,
    },
    /// Delegation lists as spreadsheets: `members import` and `members export`.
    Members {
        #[command(subcommand)]
        command: members::MembersCommand,
    },
    /// Print the seating plan of the talks: the host and visiting delegations facing each
    /// other, heads in the middle, then by precedence No. 2 on the head's right, No. 3 on
    /// the head's left, outwards; note-takers and interpreters behind.
    Seating {
        file: PathBuf,
        /// text, or json (`{"tables": [{"title", "sides": [{"delegation", "seats"}]}]}`).
        #[arg(long, value_enum, default_value_t = seating::SeatingFormat::Text)]
        format: seating::SeatingFormat,
    },
    /// Place cards as PDF: one tent card per member (an A4 or Letter sheet folded along
    /// its long side), the name large on both halves, the upper half upside down so that
    /// it reads from both sides of the table. Members whose name is not confirmed get none
    /// (and are named).
    Cards {
        file: PathBuf,
        /// Only this delegation's members (repeat for more; default: every delegation).
        #[arg(long = "delegation")]
        delegations: Vec<String>,
        /// Print each member's position under the name.
        #[arg(long)]
        position: bool,
        #[arg(long, value_enum, default_value_t = crate::layout::Paper::A4)]
        paper: crate::layout::Paper,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Print a dossier one field per line, for git's `textconv`.
    Textconv { file: PathBuf },
    /// Rewrite dossier files in canonical form, atomically.
    Fmt {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Only report files that are not in canonical form (exit 1 if any).
        #[arg(long)]
        check: bool,
        /// Rewrite files even though their comments will be lost.
        #[arg(long)]
        drop_comments: bool,
    },
}

/// Exit statuses shared by the subcommands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Ok = 0,
    /// The files were read, and something in them needs attention.
    Problems = 1,
    /// A file could not be read or written.
    Unreadable = 2,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> Self {
        ExitCode::from(s as u8)
    }
}

/// Writes a line to stdout; a closed pipe (`attache check … | head`) is not an error.
/// Messages quote text from files: control characters in it are shown, not sent to the
/// terminal (see `diff::visible`).
pub(crate) fn out(line: std::fmt::Arguments) {
    let line = line.to_string();
    let _ = writeln!(std::io::stdout().lock(), "{}", crate::diff::visible(&line));
}

/// Writes a line to stderr, ignoring failures for the same reason.
pub fn err(line: std::fmt::Arguments) {
    let line = line.to_string();
    let _ = writeln!(std::io::stderr().lock(), "{}", crate::diff::visible(&line));
}

/// Runs a headless subcommand.
pub fn run(command: Command) -> Status {
    match command {
        Command::Check { files } => check::run(&files),
        Command::Export {
            file,
            output,
            pack,
            format,
        } => export::run(&file, &output, &pack, format),
        Command::Print {
            file,
            printer,
            copies,
            pack,
        } => print::run(&file, printer, copies, &pack),
        Command::Printers => print::list(),
        Command::Diff {
            files,
            color,
            format,
        } => review::diff(&files, color, format),
        Command::Merge {
            base,
            ours,
            theirs,
            output,
            drop_comments,
        } => review::merge(&base, &ours, &theirs, &output, drop_comments),
        Command::Approve {
            file,
            by,
            role,
            drop_comments,
        } => review::approve(&file, &by, &role, drop_comments),
        Command::Textconv { file } => review::textconv(&file),
        Command::Seating { file, format } => seating::run(&file, format),
        Command::Members { command } => members::run(command),
        Command::Cards {
            file,
            delegations,
            position,
            paper,
            output,
        } => cards::run(&file, &delegations, position, paper, &output),
        Command::Fmt {
            files,
            check,
            drop_comments,
        } => fmt::run(&files, check, drop_comments),
    }
}

/// The index of delegation `name` in `d`, or the error that names the ones there are.
pub(crate) fn delegation_index(
    file: &std::path::Path,
    d: &crate::model::Dossier,
    name: &str,
) -> Result<usize, Status> {
    let found = crate::model::Id::new(name.trim())
        .ok()
        .and_then(|id| d.delegations.iter().position(|x| x.id == id));
    found.ok_or_else(|| {
        let ids: Vec<&str> = d.delegations.iter().map(|x| x.id.as_str()).collect();
        err(format_args!(
            "{}: error: no delegation {name:?} (the dossier has: {}); nothing was done",
            file.display(),
            if ids.is_empty() {
                "none".to_owned()
            } else {
                ids.join(", ")
            }
        ));
        Status::Problems
    })
}
