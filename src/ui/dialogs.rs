//! Native file dialogs, behind a trait so that tests never open one.
//!
//! rfd blocks, so it runs on its own thread. Where no desktop portal answers, rfd returns
//! "nothing picked" at once, which looks like Cancel; an answer faster than a person can
//! cancel is therefore taken to mean that no dialog is available, and the editor asks for
//! a path itself.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogKind {
    Open,
    /// Save, suggesting a file name.
    Save(String),
    /// Choose where to write an exported PDF, suggesting a file name.
    ExportPdf(String),
    /// Pick a JPEG or PNG image (a member's photo).
    Image,
    /// Pick a delegation list (CSV, xlsx, ods).
    List,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogAnswer {
    Picked(PathBuf),
    Cancelled,
    /// No native dialog could be shown; ask for a path in the window instead.
    Unavailable,
}

pub trait FileDialogs {
    /// Starts a dialog. The answer comes from `poll`.
    fn start(&mut self, kind: DialogKind, folder: Option<&Path>);
    /// The answer, once there is one.
    fn poll(&mut self) -> Option<DialogAnswer>;
    /// Whether a dialog is open.
    fn busy(&self) -> bool;
}

/// No person cancels a dialog faster than this.
const FASTEST_CANCEL: Duration = Duration::from_millis(250);

/// Dialogs through rfd (the desktop portal).
#[derive(Default)]
pub struct RfdDialogs {
    pending: Option<Receiver<DialogAnswer>>,
}

impl FileDialogs for RfdDialogs {
    fn start(&mut self, kind: DialogKind, folder: Option<&Path>) {
        let (tx, rx) = channel();
        self.pending = Some(rx);
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none()
            && std::env::var_os("XDG_RUNTIME_DIR").is_none()
        {
            // No session bus: no portal can answer.
            let _ = tx.send(DialogAnswer::Unavailable);
            return;
        }
        let folder = folder.map(Path::to_owned);
        std::thread::spawn(move || {
            let mut dialog = match kind {
                DialogKind::ExportPdf(_) => rfd::FileDialog::new().add_filter("PDF", &["pdf"]),
                DialogKind::List => rfd::FileDialog::new().add_filter(
                    "Delegation list (CSV, Excel, OpenDocument)",
                    &["csv", "xlsx", "ods", "CSV", "XLSX", "ODS"],
                ),
                DialogKind::Image => rfd::FileDialog::new().add_filter(
                    "Photo (JPEG, PNG)",
                    &["jpg", "jpeg", "png", "JPG", "JPEG", "PNG"],
                ),
                _ => rfd::FileDialog::new().add_filter("Attaché dossier", &["ron"]),
            };
            if let Some(folder) = folder {
                dialog = dialog.set_directory(folder);
            }
            let started = Instant::now();
            let picked = match kind {
                DialogKind::Open | DialogKind::Image | DialogKind::List => dialog.pick_file(),
                DialogKind::Save(name) | DialogKind::ExportPdf(name) => {
                    dialog.set_file_name(name).save_file()
                }
            };
            let answer = match picked {
                Some(path) => DialogAnswer::Picked(path),
                None if started.elapsed() < FASTEST_CANCEL => DialogAnswer::Unavailable,
                None => DialogAnswer::Cancelled,
            };
            let _ = tx.send(answer);
        });
    }

    fn poll(&mut self) -> Option<DialogAnswer> {
        let rx = self.pending.as_ref()?;
        match rx.try_recv() {
            Ok(answer) => {
                self.pending = None;
                Some(answer)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                Some(DialogAnswer::Unavailable)
            }
        }
    }

    fn busy(&self) -> bool {
        self.pending.is_some()
    }
}

/// Dialogs that answer from a script: for tests, and for machines without a desktop.
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    pub answers: std::collections::VecDeque<DialogAnswer>,
    /// What was asked, in order.
    pub asked: Vec<DialogKind>,
    pending: Option<DialogAnswer>,
}

impl ScriptedDialogs {
    pub fn answering(answers: impl IntoIterator<Item = DialogAnswer>) -> Self {
        Self {
            answers: answers.into_iter().collect(),
            ..Self::default()
        }
    }
}

impl FileDialogs for ScriptedDialogs {
    fn start(&mut self, kind: DialogKind, _folder: Option<&Path>) {
        self.asked.push(kind);
        self.pending = Some(
            self.answers
                .pop_front()
                .unwrap_or(DialogAnswer::Unavailable),
        );
    }

    fn poll(&mut self) -> Option<DialogAnswer> {
        self.pending.take()
    }

    fn busy(&self) -> bool {
        self.pending.is_some()
    }
}
