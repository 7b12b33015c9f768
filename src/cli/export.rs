//! `attache export`: a briefing pack as PDF or HTML, for batch printing.

use std::path::Path;

use super::pack::{PackArgs, prepare};
use super::{Status, err};
use crate::export::{Format, export};

pub fn run(file: &Path, output: &Path, pack: &PackArgs, format: Option<Format>) -> Status {
    let format = match format.map_or_else(|| Format::of(output), Ok) {
        Ok(f) => f,
        Err(e) => {
            err(format_args!(
                "error: {e} (or name the format with --format)"
            ));
            return Status::Unreadable;
        }
    };
    let (dossier, options) = match prepare(file, pack) {
        Ok(p) => p,
        Err(status) => return status,
    };
    match export(&dossier, &options, output, format, Some(file)) {
        Ok(done) => {
            err(format_args!("{}: {}", output.display(), done.summary()));
            Status::Ok
        }
        Err(e) => {
            err(format_args!("error: {e}"));
            Status::Unreadable
        }
    }
}
