//! The application: one document, the view of it, and the loop that runs what the
//! panels asked for. Split by concern: files and the questions that guard them
//! (`files`), packs and printing (`packs`), adding and moving items (`items`); this
//! module draws the frame and runs commands.

mod files;
mod import;
mod items;
mod packs;
mod question;
mod review;
mod session;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Ui, ViewportCommand};

use super::command::Command;
use super::dialogs::FileDialogs;
use super::document::Document;
use super::printing::{PackTask, PrintDialog};
use super::settings::Settings;
use super::state::{Output, View};
use super::{SAMPLE_TEXT, editors, fonts, outline, panels};
use crate::edit::{Edit, list_len};
use crate::model::Dossier;
use crate::print::PrintService;
use crate::store;

use files::DialogPurpose;
pub use files::Guarded;
pub use question::Question;
use question::Questions;

/// How the app starts.
pub struct StartOptions {
    /// The file to open; `None` opens the last one, or the sample on first run.
    pub file: Option<PathBuf>,
    pub read_only: bool,
    pub dialogs: Box<dyn FileDialogs>,
    /// Where Print sends packs (the system's CUPS in the app).
    pub printing: Arc<dyn PrintService>,
    /// The user's data folder, where unsaved edits are kept for recovery; `None` turns
    /// autosave and recovery off.
    pub data_dir: Option<PathBuf>,
    /// Whether files open for editing are locked ("in use by" lock files beside them).
    pub locks: bool,
}

impl StartOptions {
    /// The options of the real editor: native dialogs, CUPS, the platform's data folder
    /// (`$XDG_DATA_HOME/attache` on Linux), lock files.
    pub fn desktop(file: Option<PathBuf>, read_only: bool) -> Self {
        Self {
            file,
            read_only,
            dialogs: Box::new(super::RfdDialogs::default()),
            printing: Arc::new(crate::print::Cups),
            data_dir: directories::ProjectDirs::from("", "", "attache")
                .map(|p| p.data_dir().to_owned()),
            locks: true,
        }
    }
}

pub struct AttacheApp {
    pub doc: Document,
    pub view: View,
    pub settings: Settings,
    dialogs: Box<dyn FileDialogs>,
    dialog_purpose: Option<DialogPurpose>,
    /// The window's own file chooser, where `dialogs` has no desktop dialog to show.
    chooser: super::dialogs::WindowDialogs,
    /// Input held back to the next frame, because it came after a key or click that moves
    /// the keyboard (see `hold_after_focus_change`).
    held: Vec<egui::Event>,
    /// The question on screen (save first? replace? print where?), and those waiting.
    questions: Questions,
    /// Errors and notices, until dismissed.
    pub notices: super::notices::Notices,
    /// Set once the user agreed to close, so the next close request goes through.
    allow_close: bool,
    title: String,
    /// When the dossier last changed, to delay revalidating a large one while typing.
    last_edit: f64,
    /// The history generation `last_edit` is of: any change (undo, a merge) counts.
    edited_generation: u64,
    preview: super::preview::Preview,
    /// An export or print job running on another thread.
    task: Option<PackTask>,
    /// A photo being read for a member, on another thread.
    photo_job: Option<(
        crate::model::Id,
        super::task::Task<Result<crate::model::Photo, String>>,
    )>,
    printing: Arc<dyn PrintService>,
    /// The last PDF exported, for "Open PDF".
    pub last_export: Option<PathBuf>,
    autosave: super::autosave::Autosave,
    /// Whether files are locked while open for editing.
    locks: bool,
    /// The watch on the open file's folder.
    watch: Option<super::watch::Watch>,
    /// When to look at the file next without an event, and when an event asked to.
    next_look: f64,
    disk_due: Option<f64>,
    /// The last unreadable state of the file on disk that was reported (said once).
    disk_error: Option<String>,
    /// The version on disk last asked about, by size and time (a "Not now" is not asked
    /// again at every look).
    disk_asked: Option<(u64, std::time::SystemTime)>,
}

impl AttacheApp {
    /// The app inside eframe.
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        Self::with_settings(&cc.egui_ctx, settings, options)
    }

    /// The app on a plain egui context (benchmarks), with given settings.
    pub fn with_settings(ctx: &egui::Context, settings: Settings, options: StartOptions) -> Self {
        fonts::install(ctx);
        ctx.set_theme(settings.theme.preference());
        ctx.set_zoom_factor(settings.zoom);
        let mut notices = super::notices::Notices::default();
        let file = options
            .file
            .or_else(|| settings.last_file().map(Path::to_owned));
        let mut doc = match file {
            Some(path) => Document::open(&path).unwrap_or_else(|e| {
                notices.error(e.to_string());
                Document::new(Dossier::new("Untitled dossier"), None)
            }),
            // First run: the sample built into the binary, as an untitled copy. Nothing is
            // written or locked beside the binary or in a source tree, and an installed
            // copy never edits the sample it ships.
            None => {
                notices.info(
                    "This is the sample dossier, as an untitled copy: File › Save as keeps it \
                     where you choose, File › New from template starts a visit of your own.",
                );
                sample_copy()
            }
        };
        doc.read_only = options.read_only;
        doc.revalidate();
        let mut app = Self {
            doc,
            view: View::default(),
            settings,
            dialogs: options.dialogs,
            dialog_purpose: None,
            chooser: Default::default(),
            held: Vec::new(),
            questions: Questions::default(),
            notices,
            allow_close: false,
            title: String::new(),
            last_edit: 0.0,
            edited_generation: 0,
            preview: Default::default(),
            task: None,
            photo_job: None,
            printing: options.printing,
            last_export: None,
            autosave: super::autosave::Autosave::new(options.data_dir, ctx),
            locks: options.locks,
            watch: None,
            next_look: 0.0,
            disk_due: None,
            disk_error: None,
            disk_asked: None,
        };
        if let Some(path) = app.doc.path.clone() {
            app.settings.remember(&path);
        }
        app.take_lock();
        app.find_recovered();
        if !app.doc.dossier.conflicts.is_empty() {
            app.settings.show_problems = true;
            app.view.bottom_tab = panels::BottomTab::Conflicts;
        }
        app
    }

    /// Draws one frame and applies what it asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.doc.update_caches();
        let mut out = Output::default();
        let images_dropped = self.take_dropped_files(&ctx, &mut out);
        self.poll_dialog(&ctx);
        self.poll_task();
        self.poll_photo(&ctx);
        self.watch_close_requests(&ctx);
        self.take_shortcuts(&ctx, &mut out);
        self.session_tick(&ctx);

        panels::menu_bar(
            ui,
            &self.doc,
            &self.settings,
            self.last_export.is_some(),
            self.view.review.comparison.is_some(),
            &mut out,
        );
        panels::status_bar(ui, &self.doc);
        if let Some(cmp) = &mut self.view.review.comparison {
            // A large dossier is compared again once typing pauses, as it is validated.
            let quiet = ctx.input(|i| i.time) - self.last_edit > 0.4;
            cmp.refresh(&self.doc, !self.doc.is_large() || quiet);
            if cmp.is_stale(&self.doc) {
                ctx.request_repaint_after(std::time::Duration::from_millis(450));
            }
        }
        if self.settings.show_problems {
            panels::bottom_panel(ui, &self.doc, &mut self.view, &mut self.settings, &mut out);
        }
        outline::show(ui, &self.doc, &mut self.view, &mut out);
        if self.settings.show_preview {
            let quiet = ctx.input(|i| i.time) - self.last_edit > 0.8;
            if !quiet {
                ctx.request_repaint_after(std::time::Duration::from_millis(850));
            }
            let saved =
                super::preview::show(ui, &self.doc, &mut self.preview, &mut self.settings, quiet);
            if let Some(pack) = saved {
                out.apply(super::printing::save_pack_change(&self.doc.dossier, pack));
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            panels::marking_banner(ui, &self.doc);
            self.notices.show(ui, &mut out);
            if let Some(task) = &self.task {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(task.label);
                });
            }
            editors::show(ui, &self.doc, &mut self.view, &mut out);
        });
        super::help::show(&ctx, &mut self.view.help, &mut self.view.help_page);
        self.dialogs.show(&ctx);
        self.chooser.show(&ctx);
        self.pack_modals(&ctx);
        self.import_modal(&ctx);
        self.file_modals(&ctx);
        if let Some(Question::Approve(approving)) = self.questions.current_mut()
            && super::review::approve_modal(
                &ctx,
                &self.doc,
                approving,
                &mut self.settings,
                &mut out,
            )
        {
            self.questions.answered();
        }

        if images_dropped
            && !out
                .commands
                .iter()
                .any(|c| matches!(c, Command::SetPhotoFrom { .. }))
        {
            self.notices.error(
                "To set a member's photo, select the member and drop the image onto their details."
                    .to_owned(),
            );
        }
        self.apply(&ctx, out);
        // After the frame's edits: they reach the writer in this frame, even if no other
        // frame follows (a window covered right after typing draws none).
        if let Some(error) = self.autosave.tick(&ctx, &mut self.doc) {
            self.notices.error(error);
        }
        self.refresh(&ctx);
        // Screen readers name the window by its accessibility root, which egui leaves blank.
        let title = self.title.clone();
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(title));
    }

    fn take_shortcuts(&mut self, ctx: &egui::Context, out: &mut Output) {
        // A dialog or question on screen owns the keyboard.
        if self.dialogs.busy() || self.chooser.busy() || self.questions.is_asking() {
            return;
        }
        for command in Command::WITH_SHORTCUTS {
            if command.consume(ctx) {
                out.push(command);
            }
        }
    }

    /// A dossier dropped on the window is opened; images are left for the member
    /// details they were dropped on (whether there were any is returned).
    fn take_dropped_files(&mut self, ctx: &egui::Context, out: &mut Output) -> bool {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        let (images, others): (Vec<PathBuf>, Vec<PathBuf>) =
            dropped.into_iter().partition(|p| editors::is_image(p));
        let (lists, others): (Vec<PathBuf>, Vec<PathBuf>) = others
            .into_iter()
            .partition(|p| crate::sheet::Kind::of(p).is_some());
        if let Some(path) = lists.into_iter().next() {
            // A list dropped on a delegation is its members.
            match self.view.selection {
                super::state::Selection::Delegation(di) => {
                    out.push(Command::ImportMembersFrom(di, path));
                }
                _ => {
                    self.notices.error(
                        "To import a delegation list, open the delegation and drop the list on it."
                            .to_owned(),
                    );
                }
            }
        } else if let Some(path) = others.into_iter().next() {
            out.push(Command::OpenFile(path));
        }
        !images.is_empty()
    }

    fn watch_close_requests(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            if !self
                .questions
                .has(|q| matches!(q, Question::Unsaved(Guarded::Quit)))
            {
                self.questions.ask(Question::Unsaved(Guarded::Quit));
            }
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        if command.edits() && self.doc.read_only {
            // Panels draw nothing editable in read-only mode; an edit that still comes
            // (a drop, a saved pack) is dropped quietly, as typing into a locked field is.
            if matches!(command, Command::Apply(_) | Command::AddTo(_)) {
                return;
            }
            self.notices.error(
                "The dossier is open read-only: turn off View › Read-only to edit it.".to_owned(),
            );
            return;
        }
        match command {
            Command::Apply(change) => self.apply_change(ctx, change),
            Command::OpenFile(path) => self.guarded(ctx, Guarded::Open(Some(path))),
            Command::ImportMembers(di) => self.start_dialog(ctx, DialogPurpose::ImportMembers(di)),
            Command::ImportMembersFrom(di, path) => self.read_list(di, &path),
            Command::ChoosePhoto(member) => self.start_dialog(ctx, DialogPurpose::Photo(member)),
            Command::SetPhotoFrom { member, path } => self.set_photo_from(ctx, &member, &path),
            Command::AddTo(list) => {
                let len = list_len(&self.doc.dossier, list).unwrap_or(0);
                self.add_item(list, len);
            }
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                ctx.set_theme(theme.preference());
            }
            Command::GoToChange(_)
            | Command::AcceptChange(_)
            | Command::RejectChange(_)
            | Command::ResolveConflict { .. }
            | Command::CompareWith
            | Command::CompareWithSaved
            | Command::RecoverUnsaved
            | Command::CloseComparison
            | Command::NextChange
            | Command::PreviousChange
            | Command::AddComment
            | Command::Approve
            | Command::ShowChanges
            | Command::ShowComments
            | Command::ShowConflicts => self.review_command(ctx, command),
            Command::NewBlank => self.guarded(ctx, Guarded::New { template: false }),
            Command::NewFromTemplate => self.guarded(ctx, Guarded::New { template: true }),
            Command::Open => self.guarded(ctx, Guarded::Open(None)),
            Command::Save => self.save(ctx, None),
            Command::SaveAs => self.start_dialog(ctx, DialogPurpose::SaveAs { then: None }),
            Command::ExportPdf => {
                if self.task.is_none() && self.markings_sound() {
                    self.start_dialog(ctx, DialogPurpose::ExportPdf);
                }
            }
            Command::Print => {
                if self.task.is_none() && !self.questions.is_asking() && self.markings_sound() {
                    let dialog = PrintDialog::open(self.printing.clone(), ctx);
                    self.questions.ask(Question::Print(dialog));
                }
            }
            Command::OpenExportedPdf => {
                if let Some(path) = &self.last_export
                    && let Err(e) = self.printing.open_pdf(path)
                {
                    self.notices.error(format!(
                        "Could not open {} in a PDF viewer: {e}",
                        path.display()
                    ));
                }
            }
            Command::TogglePreview => self.settings.show_preview = !self.settings.show_preview,
            Command::Quit => self.guarded(ctx, Guarded::Quit),
            Command::Undo => {
                let selected = self.selected_ids();
                self.doc.undo();
                self.follow_selection(selected);
            }
            Command::Redo => {
                let selected = self.selected_ids();
                self.doc.redo();
                self.follow_selection(selected);
            }
            Command::Find => {
                self.settings.show_problems = true;
                self.view.bottom_tab = panels::BottomTab::Search;
                self.view.search.focus = true;
            }
            Command::AddItem
            | Command::DuplicateItem
            | Command::RemoveItem
            | Command::MoveUp
            | Command::MoveDown => self.item_command(&command),
            Command::ToggleReadOnly => {
                self.doc.read_only = !self.doc.read_only;
                if self.doc.read_only {
                    // Looking only: others may edit it.
                    self.doc.lock = None;
                } else {
                    self.take_lock();
                }
            }
            Command::ToggleProblems => self.settings.show_problems = !self.settings.show_problems,
            Command::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Command::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Command::ZoomReset => ctx.set_zoom_factor(1.0),
            Command::Help => self.view.help = !self.view.help,
        }
    }

    fn apply(&mut self, ctx: &egui::Context, out: Output) {
        for command in out.commands {
            self.run_command(ctx, command);
        }
    }

    fn apply_change(&mut self, ctx: &egui::Context, change: super::state::Change) {
        let now = ctx.input(|i| i.time);
        let result = match (change.field, <[Edit; 1]>::try_from(change.edits)) {
            (Some(field), Ok([edit])) => self.doc.apply_typing(&change.label, field, edit, now),
            (_, Ok([edit])) => self.doc.apply(&change.label, vec![edit]),
            (_, Err(edits)) => self.doc.apply(&change.label, edits),
        };
        if let Err(e) = result {
            self.notices.error(e.to_string());
        }
        self.last_edit = now;
    }

    /// Keeps derived state (problems, window title, search) in step with the dossier.
    fn refresh(&mut self, ctx: &egui::Context) {
        if self.doc.history.generation() != self.edited_generation {
            self.edited_generation = self.doc.history.generation();
            self.last_edit = ctx.input(|i| i.time);
        }
        if self.doc.problems_stale() {
            // Validation reads the whole dossier: for a large one, wait for a pause in
            // typing rather than revalidating on every key.
            let now = ctx.input(|i| i.time);
            if !self.doc.is_large() || now - self.last_edit > 0.4 {
                self.doc.revalidate();
            } else {
                ctx.request_repaint_after(std::time::Duration::from_millis(450));
            }
        }
        self.view.search.refresh(&self.doc);
        let title = format!(
            "{}{} — {}{} — Attaché",
            if self.doc.is_dirty() { "• " } else { "" },
            self.doc.dossier.meta.title,
            self.doc.name(),
            if self.doc.read_only {
                " (read-only)"
            } else {
                ""
            },
        );
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        self.settings.zoom = ctx.zoom_factor();
    }

    /// What closing the window does: the lock goes, the autosave writer finishes (a
    /// recovery file stays only for edits that were neither saved nor discarded).
    pub fn close(&mut self) {
        self.doc.lock = None;
        self.autosave.finish();
    }

    /// The newest error shown, if any.
    pub fn last_error(&self) -> Option<String> {
        self.notices
            .last(super::notices::Severity::Error)
            .map(|n| n.text.clone())
    }

    /// The newest notice shown that is not an error or warning, if any.
    pub fn last_notice(&self) -> Option<String> {
        self.notices
            .iter()
            .rev()
            .find(|n| n.severity == super::notices::Severity::Info)
            .map(|n| n.text.clone())
    }

    /// The question on screen, if one is asked.
    pub fn question(&self) -> Option<&Question> {
        self.questions.current()
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }
}

impl AttacheApp {
    /// One move of the keyboard per frame. egui moves the keyboard to the next field (Tab),
    /// out of one (Enter, Escape) or to a clicked one only as the frame is drawn, so text
    /// typed after that key within the same frame went to the field being left: typed fast,
    /// "United States" landed in the venue. Whatever comes after such a key or click waits
    /// for the next frame, which follows at once. Returns whether anything was held.
    pub fn hold_after_focus_change(&mut self, raw: &mut egui::RawInput) -> bool {
        if !self.held.is_empty() {
            let mut events = std::mem::take(&mut self.held);
            events.append(&mut raw.events);
            raw.events = events;
        }
        let moves_focus = |e: &egui::Event| {
            matches!(
                e,
                egui::Event::Key {
                    key: egui::Key::Tab | egui::Key::Enter | egui::Key::Escape,
                    pressed: true,
                    ..
                } | egui::Event::PointerButton { pressed: true, .. }
            )
        };
        match raw.events.iter().position(moves_focus) {
            Some(at) if at + 1 < raw.events.len() => {
                self.held = raw.events.split_off(at + 1);
                true
            }
            _ => false,
        }
    }
}

impl eframe::App for AttacheApp {
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.hold_after_focus_change(raw_input) {
            ctx.request_repaint();
        }
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.close();
    }
}

fn sample_copy() -> Document {
    Document::new(
        store::parse_str(SAMPLE_TEXT).expect("the built-in sample is valid"),
        None,
    )
}

/// A file name from a title: "Kenya–US talks" → "kenya-us-talks".
fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_owned();
    if s.is_empty() {
        "dossier".to_owned()
    } else {
        s
    }
}
