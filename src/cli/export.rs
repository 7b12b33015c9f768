//! `attache export`: a briefing pack as PDF or HTML, for batch printing.

use std::path::Path;

use super::pack::{PackArgs, prepare};
use super::{Status, err};
use crate::layout::lay_out;
use crate::store::{self, SaveOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Html,
}

pub fn run(file: &Path, output: &Path, pack: &PackArgs, format: Option<Format>) -> Status {
    let format = format.unwrap_or_else(|| match output.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm") => Format::Html,
        _ => Format::Pdf,
    });
    let (dossier, options) = match prepare(file, pack) {
        Ok(p) => p,
        Err(status) => return status,
    };
    let (bytes, summary) = match format {
        Format::Pdf => {
            let laid = lay_out(&dossier, &options);
            let summary = format!("{} pages, marked {}", laid.pages.len(), laid.banner);
            (crate::pdf::write(&laid, &dossier), summary)
        }
        Format::Html => {
            let banner = crate::layout::banner(&options.audience(&dossier), &options.sections);
            let html = crate::html::write(&dossier, &options);
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
