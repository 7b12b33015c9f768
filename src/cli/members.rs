//! `attache members import|export`: delegation lists as spreadsheets; `attache members
//! photo`: a member's portrait.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::check::print_load_error;
use super::{Status, err, out};
use crate::diff;
use crate::model::{Dossier, Id};
use crate::sheet;
use crate::store::{self, LoadError, SaveOptions};

#[derive(Debug, Subcommand)]
pub enum MembersCommand {
    /// Read a delegation list (CSV, xlsx or ods) into a delegation: rows for its members
    /// (the same id, else the same full name) update them, new rows are added after the
    /// last member, members the list does not name are kept. The header row is found among
    /// the first rows, in English or French. How the list was read and what changes are
    /// shown first; a bad row refuses the whole list (exit 1) and nothing is written.
    Import {
        file: PathBuf,
        #[arg(long)]
        delegation: String,
        /// The list: .csv (UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab),
        /// .xlsx or .ods (its first visible sheet).
        #[arg(long)]
        from: PathBuf,
        /// Show what would change, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// How dates written with numbers alone are read: dmy (19/01/2027) or mdy
        /// (01/19/2027). Without it: the order a date in the list can only be read in,
        /// else the dossier's language's (en-US: mdy).
        #[arg(long, value_name = "dmy|mdy")]
        date_order: Option<sheet::DateOrder>,
        /// Read a column as a field, by its header: "Badge name=Notes", "Tel. bureau=Phone"
        /// (any header the field is known by), or "S/No.=none" not to read it. Repeat for
        /// more columns.
        #[arg(long = "column", value_name = "HEADER=FIELD", value_parser = parse_column)]
        columns: Vec<(String, Option<sheet::Field>)>,
    },
    /// Write a delegation's list as .csv or .xlsx, in precedence order, with the headers the
    /// import reads.
    Export {
        file: PathBuf,
        #[arg(long)]
        delegation: String,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Set a member's photo from a JPEG or PNG image (cropped to a 3:4 portrait, stored
    /// in the dossier as a small JPEG), or remove it. A broken, oversized or non-image file
    /// is refused (exit 1) and nothing is written.
    Photo {
        file: PathBuf,
        /// The member's id (`attache seating --format json` and the editor show them).
        #[arg(long)]
        member: String,
        /// The image: JPEG or PNG, told by its content.
        #[arg(long, required_unless_present = "remove")]
        from: Option<PathBuf>,
        /// Remove the member's photo.
        #[arg(long, conflicts_with = "from")]
        remove: bool,
    },
}

pub fn run(command: MembersCommand) -> Status {
    match command {
        MembersCommand::Import {
            file,
            delegation,
            from,
            dry_run,
            date_order,
            columns,
        } => import(
            &file,
            &delegation,
            &from,
            dry_run,
            sheet::Options {
                date_order,
                columns,
            },
        ),
        MembersCommand::Export {
            file,
            delegation,
            output,
        } => export(&file, &delegation, &output),
        MembersCommand::Photo {
            file,
            member,
            from,
            remove: _,
        } => photo(&file, &member, from.as_deref()),
    }
}

/// "HEADER=FIELD": a column read as a field ("none": not read). The header may itself
/// hold "=", so the field is what follows the last one.
fn parse_column(s: &str) -> Result<(String, Option<sheet::Field>), String> {
    let (header, field) = s
        .rsplit_once('=')
        .ok_or_else(|| format!("{s:?} is not HEADER=FIELD (\"Badge name=Notes\")"))?;
    if header.trim().is_empty() {
        return Err(format!("{s:?} names no header"));
    }
    let field = match field.trim().to_ascii_lowercase().as_str() {
        "none" | "-" | "" => None,
        _ => Some(field.trim().parse()?),
    };
    Ok((header.trim().to_owned(), field))
}

/// The dossier and its bytes as read.
fn load(file: &Path) -> Result<(Dossier, Vec<u8>), Status> {
    let loaded = store::read_file(file, store::MAX_FILE_SIZE).and_then(|bytes| {
        let d = store::parse_bytes(&bytes).map_err(|e| LoadError::new(file, e))?;
        Ok((d, bytes))
    });
    loaded.map_err(|e| {
        print_load_error(&e);
        Status::Unreadable
    })
}

/// The dossier, its bytes as read, and the index of the delegation asked for.
fn open(file: &Path, delegation: &str) -> Result<(Dossier, Vec<u8>, usize), Status> {
    let (d, bytes) = load(file)?;
    let i = super::delegation_index(file, &d, delegation)?;
    Ok((d, bytes, i))
}

fn import(
    file: &Path,
    delegation: &str,
    from: &Path,
    dry_run: bool,
    options: sheet::Options,
) -> Status {
    let (d, bytes, di) = match open(file, delegation) {
        Ok(x) => x,
        Err(s) => return s,
    };
    let Some(kind) = sheet::Kind::of(from) else {
        err(format_args!(
            "{}: error: a list is read from .csv, .xlsx or .ods; nothing was imported",
            from.display()
        ));
        return Status::Problems;
    };
    let list = match store::read_file(from, sheet::MAX_BYTES) {
        Ok(b) => b,
        Err(e) => {
            print_load_error(&e);
            return Status::Unreadable;
        }
    };
    let (new, done) = match sheet::import_into(&d, di, &list, kind, &options) {
        Ok(x) => x,
        Err(sheet::Refused::List(e)) => {
            err(format_args!(
                "{}: error: {e}; nothing was imported",
                from.display()
            ));
            return Status::Problems;
        }
        Err(sheet::Refused::Problems(added)) => {
            for e in added.iter().take(20) {
                err(format_args!("{}: error: {e}", from.display()));
            }
            err(format_args!(
                "{}: error: the list would add {} problem(s) to the dossier; nothing was imported",
                from.display(),
                added.len()
            ));
            return Status::Problems;
        }
    };
    for line in done.reading.lines() {
        out(format_args!("{}: {line}", from.display()));
    }
    for line in done.reading.warning_lines() {
        err(format_args!("{}: warning: {line}", from.display()));
    }
    let changes = diff::diff(&d, &new);
    use std::io::Write;
    let _ = std::io::stdout()
        .lock()
        .write_all(diff::text(&changes, diff::Color::Never).as_bytes());
    // The new members' details, which the change list does not show.
    let first_new = d.delegations[di].members.len();
    for m in new.delegations[di].members.iter().skip(first_new) {
        out(format_args!("new: {}", sheet::describe_new(m)));
    }
    out(format_args!(
        "{}: {}",
        d.delegations[di].name,
        done.summary()
    ));
    if dry_run || changes.is_empty() {
        if dry_run {
            out(format_args!("dry run: {} was not changed", file.display()));
        }
        return Status::Ok;
    }
    write_back(file, &bytes, &new, "imported")
}

/// Saves `new` over the dossier read as `bytes`, unless that would lose its comments.
fn write_back(file: &Path, bytes: &[u8], new: &Dossier, what: &str) -> Status {
    // The bytes parsed, so they are UTF-8; comments would be lost by writing.
    if let Some(at) = store::first_comment(&String::from_utf8_lossy(bytes)) {
        err(format_args!(
            "{}:{at}: error: the file has comments, which saving would lose; `attache fmt --drop-comments` first; nothing was {what}",
            file.display()
        ));
        return Status::Problems;
    }
    match store::save(file, new, SaveOptions { backup: true }) {
        Ok(()) => Status::Ok,
        Err(e) => {
            err(format_args!("{}: error: {e}", file.display()));
            Status::Unreadable
        }
    }
}

fn photo(file: &Path, member: &str, from: Option<&Path>) -> Status {
    let (d, bytes) = match load(file) {
        Ok(x) => x,
        Err(s) => return s,
    };
    let found = Id::new(member).ok().and_then(|id| {
        d.delegations.iter().enumerate().find_map(|(di, del)| {
            del.members
                .iter()
                .position(|m| m.id == id)
                .map(|mi| (di, mi))
        })
    });
    let Some((di, mi)) = found else {
        err(format_args!(
            "{}: error: no member {member:?}; `attache seating {} --format json` lists the members' ids",
            file.display(),
            file.display()
        ));
        return Status::Problems;
    };
    let photo = match from {
        None => None,
        Some(from) => {
            let image = match store::read_file(from, crate::model::photo::MAX_SOURCE_BYTES) {
                Ok(b) => b,
                Err(e) => {
                    print_load_error(&e);
                    return Status::Unreadable;
                }
            };
            match crate::model::Photo::import(&image) {
                Ok(p) => Some(p),
                Err(e) => {
                    err(format_args!(
                        "{}: error: {e}; the photo was not changed",
                        from.display()
                    ));
                    return Status::Problems;
                }
            }
        }
    };
    let mut new = d.clone();
    let m = &mut new.delegations[di].members[mi];
    let name = m.display_name();
    if m.photo == photo {
        out(format_args!("{name}: the photo is as it was"));
        return Status::Ok;
    }
    m.photo = photo;
    let said = match &m.photo {
        Some(p) => format!("{name}: photo set ({})", p.describe()),
        None => format!("{name}: photo removed"),
    };
    let status = write_back(file, &bytes, &new, "changed");
    // Said once it is so: a file whose comments saving would lose is not changed.
    if status == Status::Ok {
        out(format_args!("{said}"));
    }
    status
}

fn export(file: &Path, delegation: &str, output: &Path) -> Status {
    let (d, _, di) = match open(file, delegation) {
        Ok(x) => x,
        Err(s) => return s,
    };
    // Written as .csv or .xlsx only: a list read from .txt (Excel's "Unicode text") is not
    // written over a .txt, which is as likely someone's notes.
    let written = output
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("xlsx"));
    let bytes = match sheet::Kind::of(output).filter(|_| written) {
        Some(sheet::Kind::Csv) => sheet::export_csv(&d.delegations[di]).into_bytes(),
        Some(sheet::Kind::Xlsx) => match sheet::export_xlsx(&d.delegations[di]) {
            Ok(b) => b,
            Err(e @ sheet::ExportError::CellTooLong { .. }) => {
                err(format_args!(
                    "{}: error: {e}; nothing was written",
                    output.display()
                ));
                return Status::Problems;
            }
            Err(e) => {
                err(format_args!(
                    "{}: error: {e}; nothing was written",
                    output.display()
                ));
                return Status::Unreadable;
            }
        },
        _ => {
            err(format_args!(
                "{}: error: a list is written as .csv or .xlsx; nothing was written",
                output.display()
            ));
            return Status::Problems;
        }
    };
    let output = match crate::export::list_target(output, Some(file)) {
        Ok(target) => target,
        Err(e) => {
            err(format_args!("error: {e}"));
            return Status::Problems;
        }
    };
    match store::write_atomic(&output, &bytes, SaveOptions { backup: false }) {
        Ok(()) => Status::Ok,
        Err(e) => {
            err(format_args!("{}: error: {e}", output.display()));
            Status::Unreadable
        }
    }
}
