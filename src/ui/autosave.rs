//! Autosave: unsaved edits go to a recovery file a few seconds after the last change, at
//! the latest every few seconds of continuous typing, and when the window loses focus.
//!
//! The writer thread keeps its own copy of the dossier, made once when a document is
//! opened, and kept equal to it by replaying the edits the history journals (undo and redo
//! included). So the UI thread's share of an autosave is handing over the edits of the
//! last frame — the size of the change, not of the dossier: copying a 20 000-member
//! dossier would take a frame's time, every few seconds of typing.

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
    /// Edits to replay on the copy.
    Edits(Vec<Edit>),
    Write {
        path: PathBuf,
        generation: u64,
        file: Option<PathBuf>,
        base: Option<Arc<str>>,
    },
    Remove(PathBuf),
    Stop,
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
    /// The document the writer's copy is of.
    mirrored: Option<u64>,
    /// This session's recovery file, once written (or adopted from a restored session).
    file: Option<PathBuf>,
    /// The history generation last written.
    sent: Option<u64>,
    /// The generation seen last frame, when it was first seen, and since when edits wait.
    seen: Option<u64>,
    changed_at: f64,
    waiting_since: Option<f64>,
    was_focused: bool,
    tx: Option<Sender<Job>>,
    report: Arc<Mutex<Report>>,
    worker: Option<JoinHandle<()>>,
    /// The last error shown, so that one failure is said once.
    told: Option<String>,
}

impl Autosave {
    pub fn new(data_dir: Option<PathBuf>) -> Self {
        Self {
            data_dir,
            mirrored: None,
            file: None,
            sent: None,
            seen: None,
            changed_at: 0.0,
            waiting_since: None,
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

    /// Looks at the document once a frame: hands the writer the frame's edits, writes what
    /// is due, removes the recovery file once nothing is unsaved. Returns an error to show,
    /// once.
    pub fn tick(&mut self, ctx: &egui::Context, doc: &mut Document) -> Option<String> {
        let (now, focused) = ctx.input(|i| (i.time, i.focused));
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        self.data_dir.as_ref()?;
        if self.mirrored != Some(doc.id()) {
            // A document opened: one copy now (opening it cost far more), edits from here.
            doc.history.keep_journal();
            self.send(Job::Reset(Box::new(doc.dossier.clone())));
            self.mirrored = Some(doc.id());
        }
        let edits = doc.history.take_journal();
        if !edits.is_empty() {
            self.send(Job::Edits(edits));
        }
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
            self.discard();
            return None;
        }
        if self.sent == Some(generation) {
            return None;
        }
        if self.seen != Some(generation) {
            self.seen = Some(generation);
            self.changed_at = now;
            self.waiting_since.get_or_insert(now);
        }
        let waited = now - self.waiting_since.unwrap_or(now);
        let due = lost_focus || now - self.changed_at >= QUIET || waited >= AT_MOST;
        if due {
            self.write(doc, generation);
        } else {
            let left = (QUIET - (now - self.changed_at)).min(AT_MOST - waited);
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(left.max(0.05)));
        }
        None
    }

    fn write(&mut self, doc: &Document, generation: u64) {
        let Some(dir) = &self.data_dir else { return };
        let path = self
            .file
            .get_or_insert_with(|| recovery::file_for(dir, doc.path.as_deref()))
            .clone();
        self.send(Job::Write {
            path,
            generation,
            // As a full path: the next start may run from another folder.
            file: doc
                .path
                .as_deref()
                .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_owned())),
            base: doc.base_text().cloned(),
        });
        self.sent = Some(generation);
        self.waiting_since = None;
    }

    /// Removes this session's recovery file: its edits were saved or discarded.
    pub fn discard(&mut self) {
        if let Some(path) = self.file.take() {
            self.send(Job::Remove(path));
        }
        self.sent = None;
        self.seen = None;
        self.waiting_since = None;
    }

    /// Continues a restored session's recovery file: it is kept until the restored edits are
    /// saved or discarded, and rewritten as they change (at once, as this session's).
    pub fn adopt(&mut self, path: PathBuf) {
        self.discard();
        self.file = Some(path);
        self.waiting_since = Some(f64::NEG_INFINITY);
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
            self.worker = std::thread::Builder::new()
                .name("autosave".to_owned())
                .spawn(move || run(&rx, &report))
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

fn run(rx: &Receiver<Job>, report: &Mutex<Report>) {
    let mut copy: Option<Dossier> = None;
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        // Only the newest state matters: a write that a later one of the same file follows
        // is skipped (the edits between are still replayed).
        let last_write = batch
            .iter()
            .rposition(|j| matches!(j, Job::Write { .. } | Job::Remove(_)));
        for (i, job) in batch.into_iter().enumerate() {
            if matches!(job, Job::Write { .. }) && Some(i) != last_write {
                continue;
            }
            if !handle(job, &mut copy, report) {
                return;
            }
        }
    }
}

/// Does one job; false on `Stop`.
fn handle(job: Job, copy: &mut Option<Dossier>, report: &Mutex<Report>) -> bool {
    let outcome = match job {
        Job::Stop => return false,
        Job::Reset(d) => {
            *copy = Some(*d);
            return true;
        }
        Job::Edits(edits) => {
            if let Some(d) = copy {
                for edit in edits {
                    // They applied to the dossier, so they apply to its copy.
                    let _ = edit.apply(d);
                }
            }
            return true;
        }
        Job::Remove(path) => {
            recovery::remove(&path);
            report.lock().unwrap_or_else(|e| e.into_inner()).written = None;
            return true;
        }
        Job::Write {
            path,
            generation,
            file,
            base,
        } => match copy {
            Some(d) => {
                let text = crate::store::to_string(d);
                let r = Recovery::new(
                    file,
                    d.meta.title.clone(),
                    base.map(|b| b.to_string()),
                    text,
                );
                recovery::write(&path, &r).map(|()| generation)
            }
            None => return true,
        },
    };
    let mut report = report.lock().unwrap_or_else(|e| e.into_inner());
    match outcome {
        Ok(generation) => {
            report.written = Some(generation);
            report.error = None;
        }
        Err(e) => report.error = Some(e.to_string()),
    }
    true
}
