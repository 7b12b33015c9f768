//! What a dossier file was when we last read or wrote it, so that a save can tell whether
//! someone else saved the file since, and never replace a colleague's work unasked.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::time::SystemTime;

use super::read::{MAX_FILE_SIZE, read_file};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

impl Stamp {
    /// The stamp of `path`, whose content is `bytes` (just read or just written).
    pub fn new(path: &Path, bytes: &[u8]) -> Self {
        let meta = std::fs::metadata(path).ok();
        Self {
            len: bytes.len() as u64,
            modified: meta.and_then(|m| m.modified().ok()),
            hash: hash(bytes),
        }
    }

    /// Whether the file at `path` now holds something else. Size and time decide when they
    /// are unchanged; otherwise the content does (a copy that only touched the time is no
    /// change). A file that is gone has nothing to lose; one that cannot be read counts as
    /// changed, to be safe.
    pub fn changed(&self, path: &Path) -> bool {
        let Ok(meta) = std::fs::metadata(path) else {
            return false;
        };
        if meta.len() == self.len && meta.modified().ok() == self.modified {
            return false;
        }
        match read_file(path, MAX_FILE_SIZE) {
            Ok(bytes) => hash(&bytes) != self.hash,
            Err(_) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_another_save_from_a_touch() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        std::fs::write(&path, "one").unwrap();
        let stamp = Stamp::new(&path, b"one");
        assert!(!stamp.changed(&path));
        // Same content, new time: not a change.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, "one").unwrap();
        assert!(!stamp.changed(&path));
        std::fs::write(&path, "two").unwrap();
        assert!(stamp.changed(&path));
        std::fs::remove_file(&path).unwrap();
        assert!(!stamp.changed(&path), "a removed file has nothing to lose");
    }
}
