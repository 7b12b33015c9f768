//! `attache print` and `attache printers`: packs straight to the print service (CUPS).

use std::path::Path;

use super::pack::{PackArgs, prepare};
use super::{Status, err, out};
use crate::layout::lay_out;
use crate::print::{self, Job};

pub fn run(file: &Path, printer: Option<String>, copies: u32, pack: &PackArgs) -> Status {
    let (dossier, options) = match prepare(file, pack) {
        Ok(p) => p,
        Err(status) => return status,
    };
    let laid = lay_out(&dossier, &options);
    let pdf = crate::pdf::write(&laid);
    let job = Job {
        printer,
        copies,
        title: options.title(&dossier),
        paper: options.paper,
    };
    match print::submit(&pdf, &job) {
        Ok(done) => {
            let id = if done.id.is_empty() {
                String::new()
            } else {
                format!(" as job {}", done.id)
            };
            err(format_args!(
                "{}: {} pages, marked {}, {copies} cop{} sent to {}{id}",
                file.display(),
                laid.pages.len(),
                laid.banner,
                if copies == 1 { "y" } else { "ies" },
                done.printer
            ));
            Status::Ok
        }
        Err(e) => {
            err(format_args!("{}: error: {e}", file.display()));
            Status::Unreadable
        }
    }
}

/// Lists the printers, one per line, the default one followed by a tab and "default".
pub fn list() -> Status {
    match print::printers() {
        Ok(printers) if printers.is_empty() => {
            err(format_args!("error: {}", print::PrintError::NoPrinters));
            Status::Problems
        }
        Ok(printers) => {
            for p in printers {
                if p.is_default {
                    out(format_args!("{}\tdefault", p.name));
                } else {
                    out(format_args!("{}", p.name));
                }
            }
            Status::Ok
        }
        Err(e) => {
            err(format_args!("error: {e}"));
            Status::Unreadable
        }
    }
}
