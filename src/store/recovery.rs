//! Recovery files: the unsaved state of an open dossier, written a few seconds after each
//! change to the user's data folder (never beside, or over, the dossier itself), so that
//! a crash or a kill loses nothing but the last seconds of typing.
//!
//! One file per editing session, named after the dossier and the process. Each holds the
//! dossier as it stood and the file's text as the session last read or wrote it (the
//! base): when the file changed on disk since, restoring merges three ways instead of
//! replacing a colleague's save.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{MAX_FILE_SIZE, SaveError, SaveOptions, write_atomic};
use crate::model::Timestamp;

/// The version of the recovery file's layout.
const FORMAT: u32 = 1;
/// Recovery files end so; anything else in the folder is left alone.
const EXTENSION: &str = "recovery.ron";

/// What a recovery file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    pub format: u32,
    /// The dossier's file; `None` for one never saved.
    pub file: Option<PathBuf>,
    pub title: String,
    /// When the last change it holds was made.
    pub edited: Timestamp,
    /// The session that wrote it.
    pub host: String,
    pub pid: u32,
    /// The file's text as the session last read or wrote it.
    pub base: Option<String>,
    /// The dossier, as a dossier file's text.
    pub dossier: String,
}

impl Recovery {
    pub fn new(
        file: Option<PathBuf>,
        title: String,
        base: Option<String>,
        dossier: String,
    ) -> Self {
        Self {
            format: FORMAT,
            file,
            title,
            edited: Timestamp::now(),
            host: super::lock::host_name(),
            pid: std::process::id(),
            base,
            dossier,
        }
    }

    /// Whether the session that wrote it has ended (crashed, killed, or closed without
    /// clearing it): then it is offered back. A session of another machine (a home folder
    /// shared over the network) may still run, and is left to it.
    pub fn is_orphaned(&self) -> bool {
        self.host == super::lock::host_name()
            && self.pid != std::process::id()
            && !super::lock::process_alive(self.pid)
    }
}

/// The folder recovery files go to, inside the user's data folder.
pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("recovery")
}

/// The recovery file of this session for the dossier at `file` (or an unsaved one): the
/// dossier's name, a hash of its full path, the process.
pub fn file_for(data_dir: &Path, file: Option<&Path>) -> PathBuf {
    use sha2::Digest;
    let pid = std::process::id();
    let name = match file {
        Some(path) => {
            let full = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
            let hash = sha2::Sha256::digest(full.as_os_str().as_encoded_bytes());
            let stem: String = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .take(60)
                .collect();
            let hex: String = hash[..6].iter().map(|b| format!("{b:02x}")).collect();
            format!("{stem}-{hex}-{pid}.{EXTENSION}")
        }
        None => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            format!("untitled-{pid}-{nanos}.{EXTENSION}")
        }
    };
    folder(data_dir).join(name)
}

/// Writes a recovery file atomically, creating the folder (private to the user: dossiers
/// may be classified).
pub fn write(path: &Path, recovery: &Recovery) -> Result<(), SaveError> {
    if let Some(dir) = path.parent() {
        create_private_dir(dir).map_err(|e| SaveError::Refused {
            path: path.to_owned(),
            message: format!("the recovery folder {} cannot be made: {e}", dir.display()),
        })?;
    }
    let text = ron::ser::to_string(recovery).map_err(|e| SaveError::Refused {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    write_atomic(path, text.as_bytes(), SaveOptions { backup: false })
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Reads one recovery file (our own format, but a disk can hold anything).
pub fn read(path: &Path) -> Result<Recovery, String> {
    // The dossier and its base, each at most a dossier's size, plus escapes.
    let bytes =
        super::read_file(path, MAX_FILE_SIZE.saturating_mul(5)).map_err(|e| e.to_string())?;
    parse(&bytes)
}

fn parse(bytes: &[u8]) -> Result<Recovery, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not text".to_owned())?;
    let r: Recovery = ron::from_str(text)
        .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))?;
    if r.format != FORMAT {
        return Err(format!(
            "it is of recovery format {}, this Attaché reads {FORMAT}",
            r.format
        ));
    }
    Ok(r)
}

/// A recovery file found in the folder.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    pub recovery: Result<Recovery, String>,
}

/// How many recovery files are read at most (the newest): a folder flooded with them is not
/// read whole at start.
pub const MAX_LISTED: usize = 200;

/// The recovery files in the data folder.
#[derive(Debug, Default)]
pub struct Listing {
    /// The newest first, at most [`MAX_LISTED`]. Unreadable ones are listed with why, so
    /// they can be reported (and are never removed unasked).
    pub found: Vec<Found>,
    /// How many older ones were left out.
    pub left_out: usize,
}

pub fn list(data_dir: &Path) -> Listing {
    let Ok(entries) = fs::read_dir(folder(data_dir)) else {
        return Listing::default();
    };
    let mut files: Vec<(Option<std::time::SystemTime>, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(EXTENSION))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| (e.metadata().ok().and_then(|m| m.modified().ok()), e.path()))
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    let left_out = files.len().saturating_sub(MAX_LISTED);
    let found = files
        .into_iter()
        .take(MAX_LISTED)
        .map(|(_, path)| Found {
            recovery: read(&path),
            path,
        })
        .collect();
    Listing { found, left_out }
}

/// Removes a recovery file (its edits were saved, discarded or restored elsewhere).
pub fn remove(path: &Path) {
    let _ = fs::remove_file(path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_files_read_back_and_list_newest_first() {
        let data = tempfile::tempdir().unwrap();
        let a = file_for(data.path(), Some(Path::new("/shared/visit.ron")));
        let b = file_for(data.path(), None);
        assert!(a.starts_with(folder(data.path())));
        assert!(
            a.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("visit-")
        );
        assert_ne!(
            a,
            file_for(data.path(), Some(Path::new("/other/visit.ron")))
        );
        let one = Recovery::new(
            Some("/shared/visit.ron".into()),
            "Talks \"quoted\"\nand a line".into(),
            Some("base text".into()),
            "(schema: 5)".into(),
        );
        write(&a, &one).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(&b, &Recovery::new(None, "New".into(), None, "x".into())).unwrap();
        assert_eq!(read(&a).unwrap(), one);
        let listed = list(data.path()).found;
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].path, b);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(folder(data.path()))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "the folder is private");
        }
        remove(&a);
        assert_eq!(list(data.path()).found.len(), 1);
    }

    #[test]
    fn damaged_files_are_listed_with_why_and_kept() {
        let data = tempfile::tempdir().unwrap();
        fs::create_dir_all(folder(data.path())).unwrap();
        let bad = folder(data.path()).join(format!("x.{EXTENSION}"));
        for (bytes, why) in [
            (&b"\xff"[..], "not text"),
            (&b"(format: 1"[..], "1:"),
            (&b"(format: 9, file: None, title: \"\", edited: \"2026-12-02T09:00Z\", host: \"\", pid: 1, base: None, dossier: \"\")"[..], "format 9"),
        ] {
            fs::write(&bad, bytes).unwrap();
            let listed = list(data.path()).found;
            let err = listed[0].recovery.as_ref().unwrap_err();
            assert!(err.contains(why), "{err}");
            assert!(bad.exists());
        }
        // Other files in the folder are not ours.
        fs::write(folder(data.path()).join("notes.txt"), "x").unwrap();
        assert_eq!(list(data.path()).found.len(), 1);
    }

    #[test]
    fn a_flooded_folder_gives_the_newest_and_says_how_many_are_left_out() {
        let data = tempfile::tempdir().unwrap();
        fs::create_dir_all(folder(data.path())).unwrap();
        let n = MAX_LISTED + 30;
        for i in 0..n {
            let path = folder(data.path()).join(format!("f{i:03}.{EXTENSION}"));
            fs::write(&path, "x").unwrap();
            let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000 + i as u64);
            fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(when)
                .unwrap();
        }
        let listing = list(data.path());
        assert_eq!(listing.left_out, 30);
        assert_eq!(listing.found.len(), MAX_LISTED);
        let newest: Vec<_> = listing.found[..2]
            .iter()
            .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            newest,
            [
                format!("f{:03}.{EXTENSION}", n - 1),
                format!("f{:03}.{EXTENSION}", n - 2)
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_are_an_error_or_a_recovery(bytes: Vec<u8>) {
            let _ = parse(&bytes);
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("(format: 1, file: {}", "Some(".repeat(100_000));
        assert!(parse(deep.as_bytes()).is_err());
    }

    #[test]
    fn only_ended_sessions_of_this_machine_are_orphaned() {
        let mut r = Recovery::new(None, String::new(), None, String::new());
        assert!(!r.is_orphaned(), "this process still runs");
        r.pid = 1;
        assert!(!r.is_orphaned(), "a live process");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        r.pid = child.id();
        child.wait().unwrap();
        assert!(r.is_orphaned());
        r.host = "another-desk".into();
        assert!(!r.is_orphaned());
    }
}
