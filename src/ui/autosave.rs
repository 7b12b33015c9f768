//! Autosave: unsaved edits go to a recovery file a few seconds after the last change, at
//! the latest every few seconds of continuous typing, and when the window loses focus.
//!
//! The writer thread keeps its own copy of the dossier, made once when a document is
//! opened, and kept equal to it by replaying the edits the history journals (undo and redo
//! included). So the UI thread's share of an autosave is handing over the edits of the
//! frame — the size of the change, not of the dossier: copying a 20 000-member dossier
//! would take a frame's time, every few seconds of typing. The writer also keeps the time:
//! a window that is covered or minimised draws no frames, and its edits must still be
//! written.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::document::Document;
use crate::edit::Edit;
use crate::model::Dossier;
use crate::store::recovery::{self, Recovery};

/// Written once typing has paused this long (seconds)…
const QUIET: f64 = 2.0;
/// …or, while typing goes on, once edits are this old.
const AT_MOST: f64 = 8.0;

enum Job {
    /// The writer's copy becomes this dossier (a document was opened).
    Reset(Box<Dossier>),
    /// Edits to replay on the copy, and what the copy then is: unsaved changes at
    /// `generation`, to be written to `path` once they are due.
    Edits(Vec<Edit>, Option<Pending>),
    /// Write what is pending now (the window lost focus).
    Flush,
    Remove(PathBuf),
    Stop,
}

/// Unsaved changes waiting to be written.
#[derive(Clone)]
struct Pending {
    path: PathBuf,
    generation: u64,
    file: Option<PathBuf>,
    base: Option<Arc<str>>,
}

/// What the writer reports back.
#[derive(Default)]
struct Report {
    /// The generation whose recovery file is on disk.
    written: Option<u64>,
    error: Option<String>,
}

pub struct Autosave {
    /// The user's data folder; `None` turns autosave off.
    data_dir: Option<PathBuf>,
    /// To repaint the status bar when a write finishes.
    ctx: egui::Context,
    /// The document the writer's copy is of.
    mirrored: Option<u64>,
    /// This session's recovery file, once written (or adopted from a restored session).
    file: Option<PathBuf>,
    /// The history generation last handed over.
    sent: Option<u64>,
    was_focused: bool,
    tx: Option<Sender<Job>>,
    report: Arc<Mutex<Report>>,
    worker: Option<JoinHandle<()>>,
    /// The last error shown, so that one failure is said once.
    told: Option<String>,
}

impl Autosave {
    pub fn new(data_dir: Option<PathBuf>, ctx: &egui::Context) -> Self {
        Self {
            data_dir,
            ctx: ctx.clone(),
            mirrored: None,
            file: None,
            sent: None,
            was_focused: true,
            tx: None,
            report: Default::default(),
            worker: None,
            told: None,
        }
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.data_dir.as_deref()
    }

    /// Looks at the document once a frame, after the frame's edits: hands the writer the
    /// edits, says when the window lost focus, removes the recovery file once nothing is
    /// unsaved. Returns an error to show, once.
    pub fn tick(&mut self, ctx: &egui::Context, doc: &mut Document) -> Option<String> {
        let focused = ctx.input(|i| i.focused);
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        let dir = self.data_dir.clone()?;
        if self.mirrored != Some(doc.id()) {
            // A document opened: one copy now (opening it cost far more), edits from here.
            doc.history.keep_journal();
            self.send(Job::Reset(Box::new(doc.dossier.clone())));
            self.mirrored = Some(doc.id());
        }
        let edits = doc.history.take_journal();
        let generation = doc.history.generation();
        {
            let report = self.report.lock().unwrap_or_else(|e| e.into_inner());
            doc.recovery_kept = doc.is_dirty() && report.written == Some(generation);
            if let Some(error) = &report.error
                && self.told.as_ref() != Some(error)
            {
                self.told = Some(error.clone());
                return Some(format!(
                    "Your unsaved changes could not be kept for recovery ({error}): save \
                     them to be safe."
                ));
            }
        }
        if !doc.is_dirty() {
            if !edits.is_empty() {
                self.send(Job::Edits(edits, None));
            }
            self.discard();
            return None;
        }
        if !edits.is_empty() || self.sent != Some(generation) {
            let path = self
                .file
                .get_or_insert_with(|| recovery::file_for(&dir, doc.path.as_deref()))
                .clone();
            let pending = Pending {
                path,
                generation,
                // As a full path: the next start may run from another folder.
                file: doc
                    .path
                    .as_deref()
                    .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_owned())),
                base: doc.base_text().cloned(),
            };
            self.send(Job::Edits(edits, Some(pending)));
            self.sent = Some(generation);
        }
        if lost_focus {
            self.send(Job::Flush);
        }
        None
    }

    /// Removes this session's recovery file: its edits were saved or discarded.
    pub fn discard(&mut self) {
        if let Some(path) = self.file.take() {
            self.send(Job::Remove(path));
        }
        self.sent = None;
    }

    /// Continues a restored session's recovery file: it is kept until the restored edits are
    /// saved or discarded, and rewritten as they change (at once, as this session's).
    pub fn adopt(&mut self, path: PathBuf) {
        self.discard();
        self.file = Some(path);
    }

    /// Waits for the writer to finish what it was given (on quitting).
    pub fn finish(&mut self) {
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(Job::Stop);
        }
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
        self.mirrored = None;
    }

    fn send(&mut self, job: Job) {
        if self.tx.is_none() {
            let (tx, rx) = channel();
            let report = self.report.clone();
            let ctx = self.ctx.clone();
            self.worker = std::thread::Builder::new()
                .name("autosave".to_owned())
                .spawn(move || run(&rx, &report, &ctx))
                .ok();
            self.tx = Some(tx);
        }
        if let Some(tx) = &self.tx
            && tx.send(job).is_err()
        {
            self.report.lock().unwrap_or_else(|e| e.into_inner()).error =
                Some("the autosave thread stopped".to_owned());
        }
    }
}

impl Drop for Autosave {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The writer: replays edits on its copy, and writes it once changes have waited long
/// enough (or at once, when asked).
fn run(rx: &Receiver<Job>, report: &Mutex<Report>, ctx: &egui::Context) {
    use std::time::{Duration, Instant};
    let mut copy: Option<Dossier> = None;
    // What is unsaved, when it first changed and when it last did.
    let mut pending: Option<(Pending, Instant, Instant)> = None;
    loop {
        let due = pending.as_ref().map(|(_, first, last)| {
            (*last + Duration::from_secs_f64(QUIET)).min(*first + Duration::from_secs_f64(AT_MOST))
        });
        let job = match due {
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(job) => Some(job),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => None,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
            },
            None => match rx.recv() {
                Ok(job) => Some(job),
                Err(_) => return,
            },
        };
        let now = Instant::now();
        match job {
            None | Some(Job::Flush) => {
                if let (Some((p, _, _)), Some(d)) = (pending.take(), &copy) {
                    write(d, p, report);
                    // The status bar says so without waiting for the next input.
                    ctx.request_repaint();
                }
            }
            Some(Job::Stop) => return,
            Some(Job::Reset(d)) => {
                copy = Some(*d);
                pending = None;
            }
            Some(Job::Edits(edits, next)) => {
                if let Some(d) = &mut copy {
                    for edit in edits {
                        // They applied to the dossier, so they apply to its copy.
                        let _ = edit.apply(d);
                    }
                }
                pending = next.map(|p| {
                    let first = pending.as_ref().map_or(now, |(_, first, _)| *first);
                    (p, first, now)
                });
            }
            Some(Job::Remove(path)) => {
                pending = None;
                recovery::remove(&path);
                report.lock().unwrap_or_else(|e| e.into_inner()).written = None;
            }
        }
    }
}

fn write(d: &Dossier, p: Pending, report: &Mutex<Report>) {
    let text = crate::store::to_string(d);
    let r = Recovery::new(
        p.file,
        d.meta.title.clone(),
        p.base.map(|b| b.to_string()),
        text,
    );
    let outcome = recovery::write(&p.path, &r);
    let mut report = report.lock().unwrap_or_else(|e| e.into_inner());
    match outcome {
        Ok(()) => {
            report.written = Some(p.generation);
            report.error = None;
        }
        Err(e) => report.error = Some(e.to_string()),
    }
}
