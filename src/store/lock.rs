//! "In use by" lock files. While a dossier is open for editing, `.~lock.NAME#` beside it
//! (the name LibreOffice uses) says who has it, on which machine, in which process and
//! since when, so that a colleague opening the same file on a shared drive is told.
//!
//! A lock file is advice, not a guard: anyone may open the file anyway, and the editor
//! still checks before every save that nobody saved it since. Lock files come from other
//! machines, so they are read as untrusted input: small, any content, never a panic.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Timestamp;

/// Lock files larger than this are not ours: they are reported as unreadable.
const MAX_LOCK_SIZE: u64 = 4096;
/// Longest name, machine or program kept from a lock file (a crafted one could be longer).
const MAX_FIELD: usize = 200;

/// Who holds (or would hold) a lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// The person, as they are named in Attaché (or their login).
    pub user: String,
    /// The machine's name.
    pub host: String,
    pub pid: u32,
    pub since: Timestamp,
    /// The program that wrote the lock ("Attaché 0.1.0").
    #[serde(default)]
    pub program: String,
}

impl Holder {
    /// This process, as `user`, now.
    pub fn me(user: &str) -> Self {
        Self {
            user: user.to_owned(),
            host: host_name(),
            pid: std::process::id(),
            since: Timestamp::now(),
            program: format!("Attaché {}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// "Amina Njoroge on desk-12 since 2 December 2026, 09:12 UTC".
    pub fn describe(&self) -> String {
        format!("{} on {} since {}", self.user, self.host, self.since.long())
    }

    /// Whether the lock was left by a process of this machine that no longer runs (the
    /// editor crashed or was killed). A lock from another machine cannot be checked, and
    /// counts as held.
    pub fn is_stale(&self) -> bool {
        self.host == host_name() && self.pid != std::process::id() && !process_alive(self.pid)
    }

    fn to_text(&self) -> String {
        let mut text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .expect("a lock serialises");
        text.push('\n');
        text
    }
}

/// What a lock file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Held(Holder),
    /// A lock file that is not one of ours, or damaged: someone may have the file open.
    Unreadable(String),
}

impl Found {
    pub fn describe(&self) -> String {
        match self {
            Found::Held(h) => h.describe(),
            Found::Unreadable(why) => format!("someone (the lock file could not be read: {why})"),
        }
    }
}

/// The lock file's path for `file`: `dir/.~lock.NAME#`.
pub fn lock_path(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    file.with_file_name(format!(".~lock.{name}#"))
}

/// What the lock file of `file` says, if there is one.
pub fn read(file: &Path) -> Option<Found> {
    let path = lock_path(file);
    let meta = fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() {
        return Some(Found::Unreadable("it is not a regular file".to_owned()));
    }
    if meta.len() > MAX_LOCK_SIZE {
        return Some(Found::Unreadable(format!(
            "{} bytes, more than a lock holds",
            meta.len()
        )));
    }
    match read_lock(&path) {
        Ok(bytes) => Some(parse(&bytes)),
        Err(e) => Some(Found::Unreadable(e)),
    }
}

/// A lock file's bytes: a regular file of lock size, opened without waiting and without
/// following a link (anyone who can write the folder can put anything there).
fn read_lock(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        libc::O_NONBLOCK | libc::O_NOFOLLOW,
    );
    let file = options.open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("it is not a regular file".to_owned());
    }
    let mut bytes = Vec::new();
    file.take(MAX_LOCK_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_LOCK_SIZE {
        return Err(format!("{} bytes, more than a lock holds", bytes.len()));
    }
    Ok(bytes)
}

fn parse(bytes: &[u8]) -> Found {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Found::Unreadable("it is not text".to_owned());
    };
    match ron::from_str::<Holder>(text) {
        Ok(mut h) => {
            for field in [&mut h.user, &mut h.host, &mut h.program] {
                if field.chars().count() > MAX_FIELD {
                    *field = field.chars().take(MAX_FIELD).chain(['…']).collect();
                }
            }
            Found::Held(h)
        }
        Err(e) => Found::Unreadable(format!("{} (line {})", e.code, e.span.start.line)),
    }
}

/// A lock this process holds. Dropping it removes the file, if it is still ours.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    text: String,
}

impl Lock {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes the lock file, if it still holds what we wrote (someone who opened the file
    /// anyway and took over a lock we had must keep theirs).
    pub fn release(self) {
        drop(self);
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Only our own lock, as we wrote it: not a pipe, a link or someone else's lock
        // that was put in its place.
        if read_lock(&self.path).is_ok_and(|b| b == self.text.as_bytes()) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// The outcome of trying to lock a file for editing.
#[derive(Debug)]
pub enum Acquired {
    /// Ours now. `replaced` is a stale lock that was cleared to take it.
    Locked {
        lock: Lock,
        replaced: Option<Holder>,
    },
    /// Someone else has it open (or the lock cannot be read).
    HeldBy(Found),
    /// No lock can be written there (a read-only share); the error says why.
    Unwritable(String),
}

/// Locks `file` for `me`, unless someone else holds it. A stale lock (its process is gone)
/// is replaced.
pub fn acquire(file: &Path, me: &Holder) -> Acquired {
    let path = lock_path(file);
    let text = me.to_text();
    let mut replaced = None;
    // Twice at most: once more after clearing a stale lock.
    for _ in 0..2 {
        match create(&path, &text) {
            Ok(()) => {
                return Acquired::Locked {
                    lock: Lock { path, text },
                    replaced,
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match read(file) {
                Some(Found::Held(h)) if h.is_stale() && replaced.is_none() => {
                    // Only the stale lock we read is removed: if it changed meanwhile, a
                    // live editor took it, and the next round sees that.
                    if read_lock(&path).is_ok_and(|b| parse(&b) == Found::Held(h.clone())) {
                        let _ = fs::remove_file(&path);
                    }
                    replaced = Some(h);
                }
                // Gone between the two steps: try again.
                None => {}
                Some(found) => return Acquired::HeldBy(found),
            },
            Err(e) => return Acquired::Unwritable(e.to_string()),
        }
    }
    match read(file) {
        Some(found) => Acquired::HeldBy(found),
        None => Acquired::Unwritable("the lock file kept changing".to_owned()),
    }
}

/// Creates `path` holding `text`, failing with `AlreadyExists` if it exists. The text is
/// written to a temporary file first and linked into place, so a reader never sees a lock
/// half written; where links are not supported (some network shares), it is created
/// exclusively and written.
fn create(path: &Path, text: &str) -> io::Result<()> {
    // A new file of our own: never one that is there already (a link planted under the
    // name would make us write through it, a pipe would make us wait).
    let (tmp, mut f) = temporary(path)?;
    let linked = (|| {
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        fs::hard_link(&tmp, path)
    })();
    drop(f);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(()),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::AlreadyExists
                    | io::ErrorKind::PermissionDenied
                    | io::ErrorKind::ReadOnlyFilesystem
                    | io::ErrorKind::NotFound
            ) =>
        {
            Err(e)
        }
        // No hard links here.
        Err(_) => {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()
        }
    }
}

/// Creates a temporary file beside `path`, under a name nobody can guess in advance.
fn temporary(path: &Path) -> io::Result<(PathBuf, fs::File)> {
    use std::hash::{BuildHasher, Hasher};
    let mut last = None;
    for attempt in 0..4u32 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(attempt);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        let tmp = path.with_file_name(format!(
            ".~lock.{}.{:016x}.tmp",
            std::process::id(),
            h.finish()
        ));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file")))
}

/// This machine's name.
pub fn host_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname writes at most that.
        let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if rc == 0 {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            let name = String::from_utf8_lossy(&buf[..end]).into_owned();
            if !name.is_empty() {
                return name;
            }
        }
    }
    std::env::var("COMPUTERNAME")
        .or_else(|_| std::env::var("HOSTNAME"))
        .unwrap_or_else(|_| "this computer".to_owned())
}

/// The person's name, for when they have not told Attaché: the account's full name where
/// the system has one (as LibreOffice uses), else the login.
pub fn login_name() -> String {
    #[cfg(unix)]
    if let Some(name) = account_name() {
        return name;
    }
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "someone".to_owned())
}

/// The full name (the first field of the account's GECOS) or login of the user running
/// this process.
#[cfg(unix)]
fn account_name() -> Option<String> {
    // SAFETY: getpwuid returns a pointer into static storage, or null; it is read at once
    // and copied (no other thread of ours calls the passwd functions).
    unsafe {
        let pw = libc::getpwuid(libc::geteuid());
        if pw.is_null() {
            return None;
        }
        let read = |p: *const libc::c_char| {
            (!p.is_null())
                .then(|| std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned())
                .filter(|s| !s.trim().is_empty())
        };
        let full = read((*pw).pw_gecos)
            .and_then(|g| g.split(',').next().map(|f| f.trim().to_owned()))
            .filter(|f| !f.is_empty());
        full.or_else(|| read((*pw).pw_name))
    }
}

/// Whether a process of this machine runs. Where this cannot be asked, it is assumed to run
/// (a lock is then never taken over unasked).
pub fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        if pid <= 0 {
            return false;
        }
        // SAFETY: signal 0 sends nothing; it only asks whether the process exists.
        let rc = unsafe { libc::kill(pid, 0) };
        let exists = rc == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
        // A killed editor stays a zombie until its parent reaps it: it exists, and is dead.
        exists && !is_zombie(pid)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Whether the process has ended and awaits its parent (Linux; elsewhere, never known).
#[cfg(unix)]
fn is_zombie(pid: libc::pid_t) -> bool {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // "PID (NAME) STATE …": the name may hold spaces and parentheses, so read after the
    // last ')'.
    stat.rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .is_some_and(|state| state == "Z" || state == "X")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn someone(pid: u32) -> Holder {
        Holder {
            pid,
            ..Holder::me("Amina Njoroge")
        }
    }

    #[test]
    fn a_second_opener_is_told_and_release_removes_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("visit.ron");
        let Acquired::Locked { lock, replaced } = acquire(&file, &Holder::me("Amina")) else {
            panic!("the first opener locks")
        };
        assert!(replaced.is_none());
        assert_eq!(lock.path(), dir.path().join(".~lock.visit.ron#"));
        match acquire(&file, &Holder::me("Brian")) {
            Acquired::HeldBy(Found::Held(h)) => {
                assert_eq!(h.user, "Amina");
                assert_eq!(h.pid, std::process::id());
            }
            other => panic!("{other:?}"),
        }
        lock.release();
        assert!(read(&file).is_none());
        assert!(matches!(
            acquire(&file, &Holder::me("Brian")),
            Acquired::Locked { .. }
        ));
    }

    #[test]
    fn a_dead_process_lock_is_replaced_and_a_live_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("visit.ron");
        // A process that ran and ended: its pid is free (until reused, which a lock
        // cannot tell from a live editor, and then counts as held).
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        fs::write(lock_path(&file), someone(dead).to_text()).unwrap();
        match acquire(&file, &Holder::me("Brian")) {
            Acquired::Locked { replaced, .. } => assert_eq!(replaced.unwrap().pid, dead),
            other => panic!("{other:?}"),
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("visit.ron");
        // pid 1 runs on every machine; on another machine nothing can be checked.
        let live = someone(1);
        fs::write(lock_path(&file), live.to_text()).unwrap();
        assert!(matches!(
            acquire(&file, &Holder::me("B")),
            Acquired::HeldBy(Found::Held(_))
        ));
        let elsewhere = Holder {
            host: "another-desk".to_owned(),
            ..someone(dead)
        };
        fs::write(lock_path(&file), elsewhere.to_text()).unwrap();
        assert!(!elsewhere.is_stale());
        assert!(matches!(
            acquire(&file, &Holder::me("B")),
            Acquired::HeldBy(Found::Held(_))
        ));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_killed_process_not_yet_reaped_is_dead() {
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let pid = child.id();
        assert!(process_alive(pid));
        child.kill().unwrap();
        // Not waited for yet: a zombie.
        let end = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while process_alive(pid) {
            assert!(std::time::Instant::now() < end, "a zombie counts as dead");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        child.wait().unwrap();
    }

    #[test]
    fn crafted_lock_files_are_reported_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("visit.ron");
        let lock = lock_path(&file);
        for (bytes, expect) in [
            (b"\xff\xfe".to_vec(), "not text"),
            (b"(user: 1)".to_vec(), "line 1"),
            (vec![b' '; 10_000], "more than a lock holds"),
            (b",Amina,desk,02.12.2026 09:00,file:///x;".to_vec(), "line"),
        ] {
            fs::write(&lock, &bytes).unwrap();
            match acquire(&file, &Holder::me("B")) {
                Acquired::HeldBy(Found::Unreadable(why)) => assert!(why.contains(expect), "{why}"),
                other => panic!("{other:?}"),
            }
            // Nobody's lock is removed by a failed attempt.
            assert_eq!(fs::read(&lock).unwrap(), bytes);
        }
        // A name long enough to flood the question.
        let long = Holder {
            user: format!("\u{1b}[2J{}", "x".repeat(5000)),
            ..someone(1)
        };
        fs::write(&lock, long.to_text()).unwrap();
        match read(&file) {
            Some(Found::Unreadable(_)) => {}
            Some(Found::Held(h)) => assert!(h.user.chars().count() <= MAX_FIELD + 1),
            None => panic!("the lock is there"),
        }
        fs::remove_file(&lock).unwrap();
        fs::create_dir(&lock).unwrap();
        assert!(matches!(
            acquire(&file, &Holder::me("B")),
            Acquired::HeldBy(Found::Unreadable(_))
        ));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_read_as_a_holder_or_unreadable(bytes: Vec<u8>) {
            let _ = parse(&bytes);
        }
    }

    #[cfg(unix)]
    #[test]
    fn planted_links_and_pipes_are_never_written_through_or_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("visit.ron");
        let precious = dir.path().join("precious.txt");
        fs::write(&precious, "PRECIOUS").unwrap();
        // The lock itself a link to a file of value, or a pipe: reported, not followed.
        std::os::unix::fs::symlink(&precious, lock_path(&file)).unwrap();
        assert!(matches!(
            acquire(&file, &Holder::me("B")),
            Acquired::HeldBy(Found::Unreadable(_))
        ));
        assert_eq!(fs::read_to_string(&precious).unwrap(), "PRECIOUS");
        fs::remove_file(lock_path(&file)).unwrap();
        let fifo = std::ffi::CString::new(lock_path(&file).as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid C string; mkfifo only creates the pipe.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        assert!(matches!(
            acquire(&file, &Holder::me("B")),
            Acquired::HeldBy(Found::Unreadable(_))
        ));
        fs::remove_file(lock_path(&file)).unwrap();
        // Our own lock swapped for a pipe while we hold it: dropping it does not wait.
        let Acquired::Locked { lock, .. } = acquire(&file, &Holder::me("A")) else {
            panic!()
        };
        fs::remove_file(lock.path()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        drop(lock);
        assert!(lock_path(&file).exists(), "not ours: left alone");
    }

    #[test]
    fn a_lock_taken_over_by_someone_else_is_left_to_them() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("visit.ron");
        let Acquired::Locked { lock, .. } = acquire(&file, &Holder::me("Amina")) else {
            panic!()
        };
        let theirs = someone(1).to_text();
        fs::write(lock.path(), &theirs).unwrap();
        drop(lock);
        assert_eq!(fs::read_to_string(lock_path(&file)).unwrap(), theirs);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_says_why() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("visit.ron");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let outcome = acquire(&file, &Holder::me("Amina"));
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        // Root writes anywhere: then the lock is simply taken.
        match outcome {
            Acquired::Unwritable(why) => assert!(why.contains("ermission"), "{why}"),
            Acquired::Locked { .. } => assert_eq!(unsafe { libc::geteuid() }, 0),
            other => panic!("{other:?}"),
        }
    }
}
