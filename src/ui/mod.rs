//! The editor window. Panels draw from the document and produce edits and commands;
//! the app applies them after drawing, so no panel mutates the dossier mid-frame.

mod app;
mod autosave;
mod bidi;
mod chooser;
mod command;
pub(crate) mod conflict;
mod dialogs;
mod document;
mod editors;
mod fonts;
mod help;
pub(crate) mod in_use;
mod notices;
mod outline;
mod panels;
mod photos;
mod preview;
pub(crate) mod printing;
pub(crate) mod recovery;
pub(crate) mod review;
mod settings;
mod state;
mod task;
mod watch;
mod widgets;

use std::path::PathBuf;

pub use app::{AttacheApp, Question, StartOptions};
pub use command::Command;
pub use dialogs::{
    DialogAnswer, DialogKind, FileDialogs, RfdDialogs, ScriptedDialogs, WindowDialogs,
};
pub use document::Document;
pub use notices::{Notice, Notices, Severity};
pub use settings::{Settings, ThemeChoice};
pub use state::Selection;

/// The sample dossier, built into the binary: what the first run opens, as an untitled copy.
pub const SAMPLE_TEXT: &str = include_str!("../../dossiers/kenya-us-washington-talks.ron");
/// The skeleton for a new visit.
pub const TEMPLATE_TEXT: &str = include_str!("../../dossiers/template.ron");

/// Opens the editor window and runs until it closes.
pub fn run(file: Option<PathBuf>, read_only: bool) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Attaché")
            .with_app_id("attache")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Attaché",
        options,
        Box::new(move |cc| {
            Ok(Box::new(AttacheApp::new(
                cc,
                StartOptions::desktop(file, read_only),
            )))
        }),
    )
}
