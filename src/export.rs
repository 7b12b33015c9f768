//! Writing a briefing pack to a file, for the command line and the editor alike: the
//! format from the file's name, never over a dossier, atomically.

use std::path::{Path, PathBuf};

use crate::layout::{PackOptions, lay_out};
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
    let output = &pack_target(output, source)?;
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
            // The banner the pack prints, the comments annex counted.
            let doc = crate::document::build(d, options);
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
        .map_err(|e| e.to_string())?;
    Ok(exported)
}

/// Lays out and writes the place cards of `d` to `output` (a PDF), with the same care for
/// what is there as a pack; the members who got no card are returned.
pub fn export_cards(
    d: &Dossier,
    options: &crate::layout::CardOptions,
    output: &Path,
    source: Option<&Path>,
) -> Result<(Exported, Vec<String>), String> {
    if Format::of(output)? != Format::Pdf {
        return Err(format!(
            "{}: place cards are written as PDF (.pdf); nothing was written",
            output.display()
        ));
    }
    let output = &pack_target(output, source)?;
    let cards = crate::layout::lay_out_cards(d, options);
    if cards.laid.pages.iter().all(|p| p.items.is_empty()) {
        return Err(
            "no member has a confirmed name: there is no card to make; nothing was written".into(),
        );
    }
    let exported = Exported {
        pages: Some(cards.laid.pages.len()),
        banner: cards.laid.banner.clone(),
    };
    let bytes = crate::pdf::write(&cards.laid, d);
    store::write_atomic(output, &bytes, SaveOptions { backup: false })
        .map_err(|e| e.to_string())?;
    Ok((exported, cards.skipped))
}

/// Where a pack may be written for `output`: a new name, or an existing regular file that
/// is not a dossier. A symbolic link is judged by what it points to, so that `pack.pdf`
/// linking to a dossier can never replace the dossier with PDF bytes; devices, pipes and
/// folders are refused, as are the dossier being exported (by any name, hard links too)
/// and any `.ron`.
fn pack_target(output: &Path, source: Option<&Path>) -> Result<PathBuf, String> {
    safe_target(
        output,
        source,
        looks_like_pack,
        ("a PDF or HTML file", "pack"),
    )
}

/// Where a delegation list may be written for `output`: as for a pack, and an existing
/// file is replaced only if it is a list itself (a CSV text, or a workbook), never a
/// dossier by another name or through a link.
pub fn list_target(output: &Path, source: Option<&Path>) -> Result<PathBuf, String> {
    safe_target(
        output,
        source,
        looks_like_list,
        ("a CSV file or a workbook", "list"),
    )
}

fn looks_like_list(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4096];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = &head[..n];
    if head.starts_with(b"PK\x03\x04") {
        return true;
    }
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    !(text.starts_with("#!")
        || text.starts_with('(')
        || text.starts_with("Dossier")
        || text.contains("schema:"))
}

fn safe_target(
    output: &Path,
    source: Option<&Path>,
    replaceable: fn(&Path) -> bool,
    (kind, what): (&str, &str),
) -> Result<PathBuf, String> {
    let nothing = "nothing was written";
    let link = std::fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink());
    let target = if link {
        std::fs::canonicalize(output).map_err(|e| {
            format!(
                "{} is a link that leads to no file ({e}); {nothing}",
                output.display()
            )
        })?
    } else {
        output.to_owned()
    };
    let shown = if link {
        format!("{} (a link to {})", output.display(), target.display())
    } else {
        output.display().to_string()
    };
    if let Ok(meta) = std::fs::metadata(&target) {
        if !meta.is_file() {
            return Err(format!(
                "{shown} is not a regular file (a folder, a device or a pipe); {nothing}"
            ));
        }
        if source.is_some_and(|s| same_file(s, &target)) {
            return Err(format!(
                "{shown} is the dossier being exported: the pack would replace it; {nothing}"
            ));
        }
    }
    for name in [output, target.as_path()] {
        if name
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        {
            return Err(format!(
                "{shown} is named as a dossier file (.ron); a {what} is not written there, {nothing}"
            ));
        }
    }
    // Whatever its name, a file is replaced only if it is of the kind written (a pack: a
    // PDF or an HTML file): a dossier saved as "notes.pdf", or its ".bak", is not.
    if std::fs::metadata(&target).is_ok_and(|m| m.len() > 0) && !replaceable(&target) {
        return Err(format!(
            "{shown} exists and is not {kind}; a {what} replaces only an earlier {what}, {nothing}"
        ));
    }
    Ok(target)
}

/// Whether a file begins as a PDF or an HTML page does.
fn looks_like_pack(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    let head = head.trim_start_matches('\u{FEFF}').trim_start();
    head.starts_with("%PDF-")
        || head
            .get(..9)
            .is_some_and(|h| h.eq_ignore_ascii_case("<!doctype"))
        || head
            .get(..5)
            .is_some_and(|h| h.eq_ignore_ascii_case("<html"))
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
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
