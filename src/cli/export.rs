//! `attache export`: a briefing pack as PDF, for batch printing.

use std::path::Path;

use super::check::print_load_error;
use super::{Status, err};
use crate::layout::{PackOptions, Paper, Section, lay_out};
use crate::model::{Severity, validate};
use crate::store::{self, SaveOptions};

pub fn run(file: &Path, output: &Path, paper: Paper, sections: Vec<Section>) -> Status {
    let dossier = match store::load(file) {
        Ok(d) => d,
        Err(e) => {
            print_load_error(&e);
            return Status::Unreadable;
        }
    };
    let errors = validate(&dossier)
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if errors > 0 {
        err(format_args!(
            "{}: warning: the dossier has {errors} validation error(s) (see `attache check`); exporting anyway",
            file.display()
        ));
    }
    let sections = if sections.is_empty() {
        Section::ALL.to_vec()
    } else {
        sections
    };
    let laid = lay_out(&dossier, &PackOptions { paper, sections });
    let bytes = crate::pdf::write(&laid, &dossier);
    match store::write_atomic(output, &bytes, SaveOptions { backup: false }) {
        Ok(()) => {
            err(format_args!(
                "{}: {} pages, marked {}",
                output.display(),
                laid.pages.len(),
                laid.banner
            ));
            Status::Ok
        }
        Err(e) => {
            err(format_args!("error: {e}"));
            Status::Unreadable
        }
    }
}
