//! Watching the open dossier's file, so that a colleague's save is known at once rather
//! than at our next save. The folder is watched, not the file: an atomic save replaces the
//! file by renaming another over it, which a watch on the old file would not see.
//!
//! Events only say "look again": whether the file really holds something else is decided
//! by its stamp (our own saves, and touches, are not changes). Network shares often send
//! no events at all, so the app also looks every few seconds.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use notify::{RecursiveMode, Watcher};

pub struct Watch {
    file: PathBuf,
    flag: Arc<AtomicBool>,
    _watcher: notify::RecommendedWatcher,
}

impl Watch {
    /// Watches `file`'s folder; `None` where the system offers no watching (then the
    /// periodic look is all there is).
    pub fn new(file: &Path, ctx: &egui::Context) -> Option<Self> {
        let dir = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        let name = file.file_name()?.to_owned();
        let flag = Arc::new(AtomicBool::new(false));
        let (seen, ctx) = (flag.clone(), ctx.clone());
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let ours = match &event {
                    Ok(e) => e.paths.iter().any(|p| p.file_name() == Some(&name)),
                    // An overflowed queue may have dropped our event.
                    Err(_) => true,
                };
                if ours {
                    seen.store(true, Ordering::Relaxed);
                    ctx.request_repaint();
                }
            })
            .ok()?;
        watcher.watch(&dir, RecursiveMode::NonRecursive).ok()?;
        Some(Self {
            file: file.to_owned(),
            flag,
            _watcher: watcher,
        })
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Whether the file was touched since last asked.
    pub fn take(&self) -> bool {
        self.flag.swap(false, Ordering::Relaxed)
    }
}
