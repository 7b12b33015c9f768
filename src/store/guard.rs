//! One guard for every file Attaché writes (a pack, place cards, a list, a merge, a
//! dossier rewritten): a file that reads as a dossier is never replaced by anything that
//! is not that dossier, whatever its name, and nothing is written over a folder, a device
//! or a pipe. Names lie ("notes.pdf" may be a dossier saved under the wrong name, a
//! `pack.pdf` may be a link to one), so each file is judged by what it is.

use std::path::{Path, PathBuf};

/// What is about to be written.
#[derive(Debug, Clone, Copy)]
pub enum Writing<'a> {
    /// A briefing pack or place cards: replaces only an earlier PDF or HTML file.
    Pack,
    /// A delegation list: replaces only an earlier CSV list or workbook.
    List,
    /// A dossier: replaces a dossier (one of `inputs`, such as git's copy of ours that a
    /// merge is written over; another is kept as NAME.bak by the caller), an empty file,
    /// or nothing.
    Dossier { inputs: &'a [&'a Path] },
}

impl Writing<'_> {
    fn what(self) -> &'static str {
        match self {
            Writing::Pack => "pack",
            Writing::List => "list",
            Writing::Dossier { .. } => "dossier",
        }
    }
}

const NOTHING: &str = "nothing was written";

/// Where `output` may be written with `what`: the path to write (a link's target), or why
/// not. `source` is the dossier the output is made from, which only itself may replace.
pub fn target(output: &Path, what: Writing, source: Option<&Path>) -> Result<PathBuf, String> {
    let link = std::fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink());
    let target = if link {
        std::fs::canonicalize(output).map_err(|e| {
            format!(
                "{} is a link that leads to no file ({e}); {NOTHING}",
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
    let kind = what.what();
    let inputs: &[&Path] = match what {
        Writing::Dossier { inputs } => inputs,
        _ => &[],
    };
    let is_input = inputs.iter().any(|i| same_file(i, &target));
    let Ok(meta) = std::fs::metadata(&target) else {
        return named_right(output, &target, &shown, what).map(|()| target);
    };
    if !meta.is_file() {
        return Err(format!(
            "{shown} is not a regular file (a folder, a device or a pipe); {NOTHING}"
        ));
    }
    if !is_input && source.is_some_and(|s| same_file(s, &target)) {
        return Err(format!(
            "{shown} is the dossier being exported: the {kind} would replace it; {NOTHING}"
        ));
    }
    named_right(output, &target, &shown, what)?;
    if meta.len() == 0 || is_input {
        return Ok(target);
    }
    // A PDF, an HTML page or a zip archive cannot be read as a dossier: no need to try.
    let plainly = match what {
        Writing::Pack => looks_like_pack(&target),
        Writing::List => head(&target, 4).is_some_and(|h| h.starts_with(b"PK\x03\x04")),
        Writing::Dossier { .. } => false,
    };
    if plainly {
        return Ok(target);
    }
    let dossier = match reads_as_dossier(&target) {
        Ok(dossier) => dossier,
        Err(e) => {
            return Err(format!(
                "{shown} cannot be read to tell whether it is a dossier ({e}); {NOTHING}"
            ));
        }
    };
    if dossier && !matches!(what, Writing::Dossier { .. }) {
        return Err(format!(
            "{shown} is a dossier; a {kind} never replaces one, {NOTHING}"
        ));
    }
    let (replaceable, was) = match what {
        Writing::Pack => (looks_like_pack(&target), "a PDF or HTML file"),
        Writing::List => (looks_like_list(&target), "a CSV file or a workbook"),
        // Anything else the user named by mistake (`-o notes.txt`).
        Writing::Dossier { .. } => (dossier, "a dossier"),
    };
    if !replaceable {
        return Err(format!(
            "{shown} exists and is not {was}; a {kind} replaces only an earlier {kind}, {NOTHING}"
        ));
    }
    Ok(target)
}

/// A pack or a list is never written under a dossier's name (`.ron`).
fn named_right(output: &Path, target: &Path, shown: &str, what: Writing) -> Result<(), String> {
    if matches!(what, Writing::Dossier { .. }) {
        return Ok(());
    }
    for name in [output, target] {
        if name
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        {
            return Err(format!(
                "{shown} is named as a dossier file (.ron); a {} is not written there, {NOTHING}",
                what.what()
            ));
        }
    }
    Ok(())
}

/// Whether a file is a dossier: it reads as one, or it is shaped like one (RON text
/// beginning with a struct, after comments), in case it is a damaged one.
fn reads_as_dossier(path: &Path) -> Result<bool, String> {
    match super::read_file(path, super::MAX_FILE_SIZE) {
        Ok(bytes) => {
            Ok(super::parse_bytes(&bytes).is_ok()
                || shaped_like_ron(&bytes[..bytes.len().min(4096)]))
        }
        // Too large to be read as a dossier: judged by its head.
        Err(e) if matches!(e.kind, super::LoadErrorKind::TooLarge { .. }) => {
            Ok(head(path, 4096).is_some_and(|h| shaped_like_ron(&h)))
        }
        Err(e) => Err(e.kind.to_string()),
    }
}

fn shaped_like_ron(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let mut rest = text.trim_start_matches('\u{FEFF}').trim_start();
    // RON's comments, before what the file begins with.
    loop {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r).trim_start();
        } else {
            break;
        }
    }
    rest.starts_with("#![") || rest.starts_with('(') || rest.starts_with("Dossier")
}

/// The first `n` bytes of a regular file, read without waiting.
fn head(path: &Path, n: usize) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut bytes = Vec::with_capacity(n);
    file.take(n as u64).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Whether a file begins as a PDF or an HTML page does.
fn looks_like_pack(path: &Path) -> bool {
    let head = head(path, 512).unwrap_or_default();
    let head = String::from_utf8_lossy(&head);
    let head = head.trim_start_matches('\u{FEFF}').trim_start();
    head.starts_with("%PDF-")
        || head
            .get(..9)
            .is_some_and(|h| h.eq_ignore_ascii_case("<!doctype"))
        || head
            .get(..5)
            .is_some_and(|h| h.eq_ignore_ascii_case("<html"))
}

/// Whether a file is a list Attaché could have written or read: a workbook (a zip
/// archive), or CSV text of list size (UTF-8, no NUL, not beginning as RON does). A PDF,
/// a compressed or UTF-16 file, or anything larger, is something else.
fn looks_like_list(path: &Path) -> bool {
    let head = head(path, 4096).unwrap_or_default();
    if head.starts_with(b"PK\x03\x04") {
        return true;
    }
    let small = std::fs::metadata(path).is_ok_and(|m| m.len() <= crate::sheet::MAX_BYTES);
    let text = match std::str::from_utf8(&head) {
        Ok(t) => t,
        // Cut inside a character at the end of the head: what came before is text.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    let first = text
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .chars()
        .next();
    small && !head.contains(&0) && !shaped_like_ron(&head) && !matches!(first, Some('#' | '/'))
}

/// Whether two paths are one file (hard links too).
#[cfg(unix)]
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
