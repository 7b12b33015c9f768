//! Writing a briefing pack to a file, for the command line and the editor alike: the
//! format from the file's name, never over a dossier, atomically.

use std::path::{Path, PathBuf};

use crate::layout::{PackOptions, banner, lay_out};
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
) -> Result<Exported, String> {
    if source.is_some_and(|s| same_file(s, output)) {
        return Err(format!(
            "{} is the dossier being exported: the pack would replace it; nothing was written",
            output.display()
        ));
    }
    if output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return Err(format!(
            "{} is named as a dossier file (.ron); a pack is written as .pdf or .html, \
             nothing was written",
            output.display()
        ));
    }
    let (bytes, exported) = match format {
        Format::Pdf => {
            let laid = lay_out(d, options);
            let exported = Exported {
                pages: Some(laid.pages.len()),
                banner: laid.banner.clone(),
            };
            (crate::pdf::write(&laid, d), exported)
        }
        Format::Html => {
            let (narrowed, sections) = options.contents(d);
            let exported = Exported {
                pages: None,
                banner: banner(&narrowed, &sections).to_string(),
            };
            (crate::html::write(d, options).into_bytes(), exported)
        }
    };
    store::write_atomic(output, &bytes, SaveOptions { backup: false })
        .map_err(|e| e.to_string())?;
    Ok(exported)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
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
