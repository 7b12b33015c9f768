//! `attache export`: a briefing pack as PDF, for batch printing.

use std::path::Path;

use super::check::print_load_error;
use super::{Status, err};
use crate::layout::{PackOptions, Paper, Section, lay_out};
use crate::model::{Severity, validate};
use crate::store::{self, SaveOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Html,
}

pub fn run(
    file: &Path,
    output: &Path,
    paper: Paper,
    sections: Vec<Section>,
    format: Option<Format>,
) -> Status {
    let format = format.unwrap_or_else(|| match output.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm") => Format::Html,
        _ => Format::Pdf,
    });
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
    let (bytes, summary) = match format {
        Format::Pdf => {
            let laid = lay_out(&dossier, &PackOptions { paper, sections });
            let summary = format!("{} pages, marked {}", laid.pages.len(), laid.banner);
            (crate::pdf::write(&laid, &dossier), summary)
        }
        Format::Html => {
            let banner = crate::layout::banner(&dossier, &sections);
            let html = crate::html::write(&dossier, &sections);
            (html.into_bytes(), format!("HTML, marked {banner}"))
        }
    };
    match store::write_atomic(output, &bytes, SaveOptions { backup: false }) {
        Ok(()) => {
            err(format_args!("{}: {summary}", output.display()));
            Status::Ok
        }
        Err(e) => {
            err(format_args!("error: {e}"));
            Status::Unreadable
        }
    }
}
