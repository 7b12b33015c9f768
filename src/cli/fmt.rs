//! `attache fmt`: rewrite files in canonical form.

use std::path::{Path, PathBuf};

use super::check::print_load_error;
use super::{Status, out};
use crate::store::{self, LoadError, SaveOptions};

fn fmt_one(path: &Path, check: bool, drop_comments: bool) -> Status {
    let loaded = store::read_file(path, store::MAX_FILE_SIZE).and_then(|bytes| {
        let dossier = store::parse_bytes(&bytes).map_err(|e| LoadError::new(path, e))?;
        Ok((bytes, dossier))
    });
    let (bytes, dossier) = match loaded {
        Ok(x) => x,
        Err(e) => {
            print_load_error(&e);
            return Status::Unreadable;
        }
    };
    let canonical = store::to_string(&dossier);
    if canonical.as_bytes() == bytes {
        return Status::Ok;
    }
    if check {
        out(format_args!("{}: not in canonical form", path.display()));
        return Status::Problems;
    }
    // The bytes parsed, so they are UTF-8.
    let text = String::from_utf8_lossy(&bytes);
    if !drop_comments && let Some(at) = store::first_comment(&text) {
        out(format_args!(
            "{}:{at}: error: the file has comments, which are not part of the dossier and \
             would be lost; move them into a notes field, or pass --drop-comments",
            path.display()
        ));
        return Status::Problems;
    }
    // The canonical text carries the same dossier (`save` checks), so no backup is kept,
    // unless comments are dropped: they cannot be recovered from the dossier.
    let commented = drop_comments && store::first_comment(&text).is_some();
    let kept = if commented {
        match store::keep_commented(path) {
            Ok(kept) => Some(kept),
            Err(e) => {
                out(format_args!("error: {e}"));
                return Status::Unreadable;
            }
        }
    } else {
        None
    };
    match store::save(path, &dossier, SaveOptions { backup: false }) {
        Ok(()) => {
            if let Some(kept) = kept {
                out(format_args!(
                    "{}: formatted; its comments were dropped, the file as it was is kept as {}",
                    path.display(),
                    kept.file_name().unwrap_or_default().to_string_lossy()
                ));
            } else {
                out(format_args!("{}: formatted", path.display()));
            }
            Status::Ok
        }
        Err(e) => {
            out(format_args!("error: {e}"));
            Status::Unreadable
        }
    }
}

pub fn run(files: &[PathBuf], check: bool, drop_comments: bool) -> Status {
    files
        .iter()
        .map(|f| fmt_one(f, check, drop_comments))
        .max()
        .unwrap_or(Status::Ok)
}
