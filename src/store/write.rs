//! Writing dossier files: one canonical text per dossier, saved atomically.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use super::error::SaveError;
use super::read::parse_str;
use super::schema::FileRef;
use crate::model::Dossier;

fn pretty(escape_strings: bool) -> PrettyConfig {
    PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false)
        .compact_arrays(false)
        .escape_strings(escape_strings)
        .extensions(Extensions::IMPLICIT_SOME)
}

/// Characters that must not stand raw in a file: they would be invisible, reorder what a
/// reviewer sees, or be mangled by tools that normalise line endings.
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The canonical text of a dossier: the same dossier always gives the same bytes.
///
/// Strings are written as they read, multi-line text included, so that files diff well.
/// A dossier holding a character that must not stand raw is written with every string
/// escaped instead; still canonical, and still lossless.
pub fn to_string(d: &Dossier) -> String {
    let file = FileRef::from(d);
    let ser = |escape| {
        ron::Options::default()
            .to_string_pretty(&file, pretty(escape))
            // Serialising plain structs of strings and numbers into a String cannot fail.
            .expect("a dossier always serialises")
    };
    let mut text = ser(false);
    if text.chars().any(needs_escape) {
        text = ser(true);
    }
    text.push('\n');
    text
}

/// How to save.
#[derive(Debug, Clone, Copy)]
pub struct SaveOptions {
    /// Keep the replaced file as `NAME.bak` beside it.
    pub backup: bool,
}

impl Default for SaveOptions {
    fn default() -> Self {
        Self { backup: true }
    }
}

/// Saves a dossier in canonical form, atomically. Before anything touches the disk the text
/// is read back and compared with the dossier, so a save can never lose data silently.
pub fn save(path: &Path, d: &Dossier, options: SaveOptions) -> Result<(), SaveError> {
    save_text(path, d, options).map(drop)
}

/// As [`save`], returning the text written.
pub fn save_text(path: &Path, d: &Dossier, options: SaveOptions) -> Result<String, SaveError> {
    let text = to_string(d);
    // A file no Attaché would open again is not written: the old one stays.
    if text.len() as u64 > super::MAX_FILE_SIZE {
        return Err(SaveError::Refused {
            path: path.to_owned(),
            message: format!(
                "it would be {} MB, over the {} MiB a dossier is read up to; it could not be opened again",
                text.len() >> 20,
                super::MAX_FILE_SIZE >> 20
            ),
        });
    }
    match parse_str(&text) {
        Ok(back) if &back == d => {}
        Ok(_) => {
            return Err(SaveError::Refused {
                path: path.to_owned(),
                message: "the dossier would not read back identically (a bug in Attaché; \
                          please report it with the dossier)"
                    .to_owned(),
            });
        }
        Err(e) => {
            return Err(SaveError::Refused {
                path: path.to_owned(),
                message: format!("the written text would not read back: {e}"),
            });
        }
    }
    write_atomic(path, text.as_bytes(), options)?;
    Ok(text)
}

/// Keeps a file whose comments a rewrite will drop as `NAME.comments.bak` (or, when one is
/// there already, `NAME.comments-2.bak` and so on), which nothing replaces (`NAME.bak` is
/// the previous version, replaced at each save), and returns its path. Comments are not
/// part of the dossier: once dropped, this copy is all there is.
pub fn keep_commented(path: &Path) -> Result<PathBuf, SaveError> {
    let bytes = super::read_file(path, super::MAX_FILE_SIZE).map_err(|e| SaveError::Refused {
        path: path.to_owned(),
        message: format!("its comments could not be kept: {}", e.kind),
    })?;
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    // An earlier one holds comments dropped before: never replaced, the next name is.
    let kept = (1..)
        .map(|n| {
            path.with_file_name(if n == 1 {
                format!("{name}.comments.bak")
            } else {
                format!("{name}.comments-{n}.bak")
            })
        })
        .find(|p| fs::symlink_metadata(p).is_err())
        .expect("a free name");
    write_atomic(&kept, &bytes, SaveOptions { backup: false })?;
    Ok(kept)
}

/// Replaces `path` with `bytes` so that, at any instant, the file holds either its old or
/// its new content in full: write a temporary file beside it, flush it to disk, rename it
/// over the target, then flush the folder so the rename itself survives a power cut.
pub fn write_atomic(path: &Path, bytes: &[u8], options: SaveOptions) -> Result<(), SaveError> {
    // Saving through a symbolic link updates the file it points to, not the link.
    let path = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(io_err(path, "following the link"))?
        }
        _ => path.to_owned(),
    };
    let path = path.as_path();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(SaveError::Refused {
            path: path.to_owned(),
            message: format!("there is no folder {}", dir.display()),
        });
    }
    let name = path
        .file_name()
        .ok_or_else(|| SaveError::Refused {
            path: path.to_owned(),
            message: "the path does not name a file".to_owned(),
        })?
        .to_string_lossy()
        .into_owned();
    let old = fs::metadata(path).ok();
    // Renaming over a device or a pipe would replace it with a regular file (as root,
    // /dev/full itself).
    if let Some(m) = &old
        && !m.is_file()
    {
        return Err(SaveError::Refused {
            path: path.to_owned(),
            message: "it is not a regular file (a folder, a device or a pipe); nothing was \
                      written"
                .to_owned(),
        });
    }
    clear_stale_temporaries(&dir, &name);

    let tmp = dir.join(temp_name(&name));
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(io_err(path, "creating a temporary file"))?;
        if let Some(old) = &old {
            // The new file keeps the old one's permissions (a shared, read-only-for-others
            // dossier stays so).
            file.set_permissions(old.permissions())
                .map_err(io_err(path, "copying permissions"))?;
        }
        file.write_all(bytes).map_err(io_err(path, "writing"))?;
        file.sync_all().map_err(io_err(path, "flushing to disk"))?;
        drop(file);
        if options.backup && old.is_some() {
            backup(path, &dir, &name)?;
        }
        fs::rename(&tmp, path).map_err(io_err(path, "replacing the file"))?;
        sync_dir(&dir).map_err(io_err(path, "flushing the folder"))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Keeps the current file as `NAME.bak`, itself replaced atomically, so that the backup is
/// always a whole earlier version.
fn backup(path: &Path, dir: &Path, name: &str) -> Result<(), SaveError> {
    let bak = dir.join(format!("{name}.bak"));
    let bak_tmp = dir.join(temp_name(&format!("{name}.bak")));
    // A hard link costs nothing; where the file system has none, copy.
    if fs::hard_link(path, &bak_tmp).is_err() {
        fs::copy(path, &bak_tmp)
            .and_then(|_| File::open(&bak_tmp)?.sync_all())
            .map_err(|e| {
                let _ = fs::remove_file(&bak_tmp);
                io_err(path, "keeping a backup")(e)
            })?;
    }
    fs::rename(&bak_tmp, &bak).map_err(|e| {
        let _ = fs::remove_file(&bak_tmp);
        io_err(path, "keeping a backup")(e)
    })?;
    // When the backup already is the file (a save killed between keeping the backup and
    // replacing the file leaves them one file under two names), the rename is a no-op
    // that succeeds (POSIX: both names are links to one file) and leaves the temporary.
    let _ = fs::remove_file(&bak_tmp);
    Ok(())
}

/// What every temporary file of ours has in its name, after the target's name.
const TEMP_TAG: &str = "attache-";

/// A hidden name unique to this process and call, so that two saves never share one, and
/// recognisably ours: `.NAME.attache-PID-N.tmp`.
fn temp_name(name: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = stem(name);
    format!(
        ".{name}.{TEMP_TAG}{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The part of a file's name a temporary's name starts with: all of it, but for names so
/// long that the temporary's would pass the system's limit (255 bytes).
fn stem(name: &str) -> &str {
    let mut end = name.len().min(180);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// The process that made a temporary file of ours for `name` (or its backup), from the
/// file's name.
fn temp_owner(file: &str, name: &str) -> Option<u32> {
    let rest = file
        .strip_prefix('.')?
        .strip_prefix(stem(name))?
        .strip_prefix('.')?;
    let rest = rest.strip_prefix("bak.").unwrap_or(rest);
    let (pid, n) = rest
        .strip_prefix(TEMP_TAG)?
        .strip_suffix(".tmp")?
        .split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Removes what saves of `name` killed mid-write left behind: temporaries of ours whose
/// process is gone. Another live process's temporary is its save in progress and stays.
fn clear_stale_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(pid) = file.to_str().and_then(|f| temp_owner(f, name)) else {
            continue;
        };
        // One liveness check for the whole store (a zombie is dead; where it cannot be
        // asked, the process is taken to live: a stray temporary is better than a save in
        // progress deleted).
        if pid != std::process::id() && !super::lock::process_alive(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Windows cannot open a folder as a file; its rename is already durable enough.
    Ok(())
}

fn io_err<'a>(path: &'a Path, step: &'static str) -> impl Fn(io::Error) -> SaveError + 'a {
    move |source| SaveError::Io {
        path: path.to_owned(),
        step,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_that_already_is_the_file_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("visit.ron");
        fs::write(&path, "(schema: 5)").unwrap();
        // What a save killed after keeping its backup leaves: one file, two names.
        fs::hard_link(&path, dir.path().join("visit.ron.bak")).unwrap();
        backup(&path, dir.path(), "visit.ron").unwrap();
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["visit.ron", "visit.ron.bak"]);
    }

    #[test]
    fn temporaries_are_recognised_as_ours() {
        let name = "visit.ron";
        assert_eq!(temp_owner(&temp_name(name), name), Some(std::process::id()));
        assert_eq!(temp_owner(".visit.ron.attache-12-3.tmp", name), Some(12));
        assert_eq!(
            temp_owner(".visit.ron.bak.attache-12-3.tmp", name),
            Some(12)
        );
        assert_eq!(temp_owner(".visit.ron.12-3.tmp", name), None, "not ours");
        let long = format!("{}.ron", "é".repeat(120));
        assert!(temp_name(&long).len() < 255);
        assert_eq!(
            temp_owner(&temp_name(&long), &long),
            Some(std::process::id())
        );
        assert_eq!(temp_owner(".other.ron.attache-12-3.tmp", name), None);
        assert_eq!(temp_owner("visit.ron", name), None);
    }
}
