//! Writing a briefing pack to a file, for the command line and the editor alike: the
//! format from the file's name, never over a dossier, atomically.

use std::path::{Path, PathBuf};

use crate::layout::PackOptions;
use crate::model::Dossier;
use crate::store::{self, SaveOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Html,
}

impl Format {
    /// The format a file name asks for: `.pdf`, `.html` or `.htm`, and PDF for a name
    /// without an extension. Any other extension is refused rather than filled with PDF
    /// bytes under a misleading name.
    pub fn of(path: &Path) -> Result<Format, String> {
        match path.extension().and_then(|e| e.to_str()) {
            None => Ok(Format::Pdf),
            Some(e) if e.eq_ignore_ascii_case("pdf") => Ok(Format::Pdf),
            Some(e) if e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm") => {
                Ok(Format::Html)
            }
            _ => Err(format!(
                "{}: a pack is written as .pdf or .html",
                path.display()
            )),
        }
    }
}

/// Why nothing was exported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The file cannot be written where asked (a dossier there, a pipe, a name of the
    /// wrong kind, a full disk).
    #[error("{0}")]
    Place(String),
    /// There is nothing to write (no member has a confirmed name for a card).
    #[error("{0}")]
    Nothing(String),
    /// The name asks for a format this cannot be written as (cards as HTML).
    #[error("{0}")]
    Name(String),
}

impl From<ExportError> for String {
    fn from(e: ExportError) -> String {
        e.to_string()
    }
}

/// A file name for the editor's export: `.pdf` added when the name has no extension.
pub fn with_default_extension(path: &Path) -> PathBuf {
    if path.extension().is_some() {
        path.to_owned()
    } else {
        path.with_extension("pdf")
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// Pages of a PDF; an HTML pack is paged by whoever prints it.
    pub pages: Option<usize>,
    pub banner: String,
}

impl Exported {
    /// "7 pages, marked OFFICIAL", or "HTML, marked OFFICIAL".
    pub fn summary(&self) -> String {
        match self.pages {
            Some(n) => format!("{n} pages, marked {}", self.banner),
            None => format!("HTML, marked {}", self.banner),
        }
    }
}

/// Lays out and writes the pack of `d` to `output`. `source` is the dossier's own file,
/// which a pack must never overwrite; nor may it overwrite any other dossier (`.ron`).
pub fn export(
    d: &Dossier,
    options: &PackOptions,
    output: &Path,
    format: Format,
    source: Option<&Path>,
) -> Result<Exported, ExportError> {
    let output = &pack_target(output, source).map_err(ExportError::Place)?;
    // The pack described once; every writer takes it, none reads the dossier.
    let doc = crate::document::build(d, options);
    let (bytes, exported) = match format {
        Format::Pdf => {
            let laid = crate::layout::lay_out_document(&doc, options.paper);
            let exported = Exported {
                pages: Some(laid.pages.len()),
                banner: laid.banner.clone(),
            };
            (crate::pdf::write(&laid), exported)
        }
        Format::Html => {
            let exported = Exported {
                pages: None,
                banner: doc.banner.clone(),
            };
            (
                crate::html::render(&doc, options.paper).into_bytes(),
                exported,
            )
        }
    };
    store::write_atomic(output, &bytes, SaveOptions { backup: false })
        .map_err(|e| ExportError::Place(e.to_string()))?;
    Ok(exported)
}

/// Lays out and writes the place cards of `d` to `output` (a PDF), with the same care for
/// what is there as a pack; the members who got no card are returned.
pub fn export_cards(
    d: &Dossier,
    options: &crate::layout::CardOptions,
    output: &Path,
    source: Option<&Path>,
) -> Result<(Exported, Vec<String>), ExportError> {
    if Format::of(output).map_err(ExportError::Name)? != Format::Pdf {
        return Err(ExportError::Name(format!(
            "{}: place cards are written as PDF (.pdf); nothing was written",
            output.display()
        )));
    }
    let output = &pack_target(output, source).map_err(ExportError::Place)?;
    let cards = crate::layout::lay_out_cards(d, options);
    if cards.laid.pages.iter().all(|p| p.items.is_empty()) {
        return Err(ExportError::Nothing(
            "no member has a confirmed name: there is no card to make; nothing was written".into(),
        ));
    }
    let exported = Exported {
        pages: Some(cards.laid.pages.len()),
        banner: cards.laid.banner.clone(),
    };
    let bytes = crate::pdf::write(&cards.laid);
    store::write_atomic(output, &bytes, SaveOptions { backup: false })
        .map_err(|e| ExportError::Place(e.to_string()))?;
    Ok((exported, cards.skipped))
}

/// Where a pack may be written for `output` (see `store::guard`): a new name, or an
/// earlier pack; never a dossier, by any name or through a link.
fn pack_target(output: &Path, source: Option<&Path>) -> Result<PathBuf, String> {
    store::guard::target(output, store::guard::Writing::Pack, source)
}

/// Where a delegation list may be written for `output`: a new name, or an earlier list
/// (a CSV text or a workbook); never a dossier, by any name or through a link.
pub fn list_target(output: &Path, source: Option<&Path>) -> Result<PathBuf, String> {
    store::guard::target(output, store::guard::Writing::List, source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_name() {
        assert_eq!(Format::of(Path::new("a/pack.PDF")), Ok(Format::Pdf));
        assert_eq!(Format::of(Path::new("pack.htm")), Ok(Format::Html));
        assert!(Format::of(Path::new("pack.docx")).is_err());
        assert_eq!(Format::of(Path::new("pack")), Ok(Format::Pdf));
        assert_eq!(
            with_default_extension(Path::new("/tmp/pack")),
            Path::new("/tmp/pack.pdf")
        );
        assert_eq!(
            with_default_extension(Path::new("pack.html")),
            Path::new("pack.html")
        );
    }
}
