//! File dialogs, behind a trait so that tests never open one.
//!
//! The desktop's own dialog first (rfd, through the desktop portal), on its own thread
//! since it blocks. Where no portal answers, rfd returns "nothing picked" at once, which
//! looks like Cancel; an answer faster than a person can cancel is therefore taken to mean
//! that no dialog is available, and a file chooser drawn in the window (`chooser`) is
//! shown instead. That one rather than rfd's GTK backend: GTK would replace the portal
//! for everyone (rfd builds one backend or the other), need GTK's headers to build and
//! GTK to start at all; the in-window chooser is plain egui, works wherever the editor
//! does, and is driven by the UI tests like the rest of the window.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::chooser::{Chooser, Chosen};
use super::task::Task;

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
    /// Picked in the desktop's dialog, which asked before replacing a file.
    Picked(PathBuf),
    /// Picked in the window's own chooser, which does not ask before replacing a file.
    PickedInWindow(PathBuf),
    Cancelled,
    /// No native dialog could be shown; ask for a path in the window instead.
    Unavailable,
}

pub trait FileDialogs {
    /// Starts a dialog. The answer comes from `poll`.
    fn start(&mut self, ctx: &egui::Context, kind: DialogKind, folder: Option<&Path>);
    /// Draws a dialog that lives in the window, once a frame.
    fn show(&mut self, _ctx: &egui::Context) {}
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
    pending: Option<Task<DialogAnswer>>,
}

impl FileDialogs for RfdDialogs {
    fn start(&mut self, ctx: &egui::Context, kind: DialogKind, folder: Option<&Path>) {
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none()
            && std::env::var_os("XDG_RUNTIME_DIR").is_none()
        {
            // No session bus: no portal can answer.
            self.pending = Some(Task::spawn(ctx, "The file dialog", || {
                DialogAnswer::Unavailable
            }));
            return;
        }
        let folder = folder.map(Path::to_owned);
        self.pending = Some(Task::spawn(ctx, "The file dialog", move || {
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
            match picked {
                Some(path) => DialogAnswer::Picked(path),
                None if started.elapsed() < FASTEST_CANCEL => DialogAnswer::Unavailable,
                None => DialogAnswer::Cancelled,
            }
        }));
    }

    fn poll(&mut self) -> Option<DialogAnswer> {
        let answer = super::task::take(&mut self.pending)?;
        Some(answer.unwrap_or(DialogAnswer::Unavailable))
    }

    fn busy(&self) -> bool {
        self.pending.is_some()
    }
}

/// A file chooser drawn in the window, for desktops where no portal answers.
#[derive(Default)]
pub struct WindowDialogs {
    open: Option<Chooser>,
    answer: Option<DialogAnswer>,
}

impl FileDialogs for WindowDialogs {
    fn start(&mut self, _ctx: &egui::Context, kind: DialogKind, folder: Option<&Path>) {
        self.open_for(kind, folder);
    }

    fn show(&mut self, ctx: &egui::Context) {
        let Some(chooser) = &mut self.open else {
            return;
        };
        self.answer = match chooser.show(ctx) {
            None => return,
            Some(Chosen::Path(path)) => Some(DialogAnswer::PickedInWindow(path)),
            Some(Chosen::Cancelled) => Some(DialogAnswer::Cancelled),
        };
        self.open = None;
    }

    fn poll(&mut self) -> Option<DialogAnswer> {
        self.answer.take()
    }

    fn busy(&self) -> bool {
        self.open.is_some() || self.answer.is_some()
    }
}

impl WindowDialogs {
    /// Opens the chooser for `kind`, titled for what it is for, its button saying `verb`.
    pub fn ask(&mut self, kind: DialogKind, folder: Option<&Path>, title: &str, verb: &str) {
        self.open_for(kind, folder);
        if let Some(chooser) = &mut self.open {
            chooser.retitle(title, verb);
        }
    }

    fn open_for(&mut self, kind: DialogKind, folder: Option<&Path>) {
        let folder = folder
            .map(Path::to_owned)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let (title, saving, extensions, name): (&str, bool, &'static [&'static str], String) =
            match kind {
                DialogKind::Open => ("Open a dossier", false, &["ron"], String::new()),
                DialogKind::Image => (
                    "Choose a photo (JPEG, PNG)",
                    false,
                    &["jpg", "jpeg", "png"],
                    String::new(),
                ),
                DialogKind::List => (
                    "Choose a delegation list (CSV, Excel, OpenDocument)",
                    false,
                    &["csv", "xlsx", "ods"],
                    String::new(),
                ),
                DialogKind::Save(name) => ("Save the dossier as", true, &["ron"], name),
                DialogKind::ExportPdf(name) => ("Export the pack as PDF", true, &["pdf"], name),
            };
        self.open = Some(Chooser::new(title, saving, extensions, folder, name));
        self.answer = None;
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
    fn start(&mut self, _ctx: &egui::Context, kind: DialogKind, _folder: Option<&Path>) {
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
