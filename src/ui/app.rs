//! The application: one document, the view of it, and the loop that turns what the
//! panels asked for into changes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Id, Modal, Ui, ViewportCommand};

use super::command::Command;
use super::dialogs::{DialogAnswer, DialogKind, FileDialogs};
use super::document::Document;
use super::printing::{Done, PrintAnswer, PrintDialog, Task};
use super::settings::Settings;
use super::{SAMPLE_PATH, SAMPLE_TEXT, TEMPLATE_TEXT, editors, fonts, outline, panels};
use crate::edit::{Edit, Item, List, list_len};
use crate::model::{
    Delegation, Dossier, Id as ItemId, ItemRef, Member, Pack, ProgrammeItem, Section, SecurityNote,
    TalkingPoint,
};
use crate::print::PrintService;
use crate::store;

/// What the central panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Overview,
    Delegation(usize),
    Programme,
    TalkingPoint(usize),
    SecurityNote(usize),
}

/// How the app starts.
pub struct StartOptions {
    /// The file to open; `None` opens the last one, or the sample on first run.
    pub file: Option<PathBuf>,
    pub read_only: bool,
    pub dialogs: Box<dyn FileDialogs>,
    /// Where Print sends packs (the system's CUPS in the app).
    pub printing: Arc<dyn PrintService>,
}

/// One change the panels asked for: edits that form one undo step.
pub struct Change {
    pub label: String,
    /// The text field being typed in, so that a burst of typing is one step.
    pub field: Option<&'static str>,
    pub edits: Vec<Edit>,
}

/// What the user is looking at; not part of the dossier, never undone.
pub struct View {
    pub selection: Selection,
    /// The selected member of the selected delegation.
    pub member: Option<usize>,
    pub programme_item: Option<usize>,
    /// A field to give the keyboard to on the next frame.
    pub focus: Option<&'static str>,
    /// Scroll the members table or programme list to the selection once.
    pub scroll_to_selection: bool,
    pub search: panels::Search,
    pub bottom_tab: panels::BottomTab,
}

/// What panels produce while drawing; applied after the frame is drawn.
#[derive(Default)]
pub struct Output {
    pub changes: Vec<Change>,
    pub commands: Vec<Command>,
    pub open_recent: Option<PathBuf>,
    /// Add a new item at the end of this list (the outline's "+" buttons).
    pub add_to: Option<List>,
    pub theme: Option<super::ThemeChoice>,
}

impl Output {
    pub fn change(&mut self, label: impl Into<String>, field: Option<&'static str>, edit: Edit) {
        self.changes.push(Change {
            label: label.into(),
            field,
            edits: vec![edit],
        });
    }
}

/// An action that would drop unsaved changes: it waits for the user's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Guarded {
    Quit,
    New { template: bool },
    Open(Option<PathBuf>),
}

/// What a file dialog was opened for.
#[derive(Debug, Clone, PartialEq)]
enum DialogPurpose {
    Open,
    SaveAs { then: Option<Guarded> },
    ExportPdf,
}

/// The in-window path prompt used where no native dialog is available.
struct PathPrompt {
    purpose: DialogPurpose,
    text: String,
    error: Option<String>,
    /// Whether the path field was given the keyboard (once, when the prompt opened).
    focused: bool,
}

pub struct AttacheApp {
    pub doc: Document,
    pub view: View,
    pub settings: Settings,
    dialogs: Box<dyn FileDialogs>,
    dialog_purpose: Option<DialogPurpose>,
    prompt: Option<PathPrompt>,
    /// The unsaved-changes question, while it is asked.
    pub guard: Option<Guarded>,
    /// The file-changed-on-disk question, while it is asked, with what follows the save.
    conflict: Option<(super::conflict::Conflict, Option<Guarded>)>,
    /// An error or notice to show (a file that failed to open, a failed save).
    pub message: Option<String>,
    /// Set once the user agreed to close, so the next close request goes through.
    allow_close: bool,
    title: String,
    /// When the dossier last changed, to delay revalidating a large one while typing.
    last_edit: f64,
    preview: super::preview::Preview,
    /// An export or print job running on another thread.
    task: Option<Task>,
    print_dialog: Option<PrintDialog>,
    printing: Arc<dyn PrintService>,
    /// The last PDF exported, for "Open PDF".
    pub last_export: Option<PathBuf>,
    /// A notice that is not an error (an export finished).
    pub notice: Option<String>,
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
        let mut message = None;
        let file = options
            .file
            .or_else(|| settings.last_file().map(Path::to_owned));
        let mut doc = match file {
            Some(path) => Document::open(&path).unwrap_or_else(|e| {
                message = Some(e.to_string());
                Document::new(Dossier::new("Untitled dossier"), None)
            }),
            None if Path::new(SAMPLE_PATH).exists() => {
                Document::open(Path::new(SAMPLE_PATH)).unwrap_or_else(|_| sample_copy())
            }
            None => sample_copy(),
        };
        doc.read_only = options.read_only;
        doc.revalidate();
        let mut app = Self {
            doc,
            view: View {
                selection: Selection::Overview,
                member: None,
                programme_item: None,
                focus: None,
                scroll_to_selection: false,
                search: panels::Search::default(),
                bottom_tab: panels::BottomTab::Problems,
            },
            settings,
            dialogs: options.dialogs,
            dialog_purpose: None,
            prompt: None,
            guard: None,
            conflict: None,
            message,
            allow_close: false,
            title: String::new(),
            last_edit: 0.0,
            preview: Default::default(),
            task: None,
            print_dialog: None,
            printing: options.printing,
            last_export: None,
            notice: None,
        };
        if let Some(path) = app.doc.path.clone() {
            app.settings.remember(&path);
        }
        app
    }

    /// Draws one frame and applies what it asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.doc.update_caches();
        let mut out = Output::default();
        self.take_dropped_files(&ctx, &mut out);
        self.poll_dialog(&ctx);
        self.poll_task();
        self.watch_close_requests(&ctx);
        self.take_shortcuts(&ctx, &mut out);

        panels::menu_bar(
            ui,
            &self.doc,
            &self.settings,
            self.last_export.is_some(),
            &mut out,
        );
        panels::status_bar(ui, &self.doc);
        if self.settings.show_problems {
            panels::bottom_panel(ui, &self.doc, &mut self.view);
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
                out.changes
                    .push(super::printing::save_pack_change(&self.doc.dossier, pack));
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            panels::marking_banner(ui, &self.doc);
            if let Some(message) = self.message.clone() {
                panels::message_bar(ui, &message, &mut self.message, true);
            }
            if let Some(notice) = self.notice.clone() {
                let action = self
                    .last_export
                    .as_ref()
                    .map(|_| Command::OpenExportedPdf.label());
                if panels::message_bar_with(ui, &notice, &mut self.notice, false, action) {
                    out.commands.push(Command::OpenExportedPdf);
                }
            }
            if let Some(task) = &self.task {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(task.label);
                });
            }
            editors::show(ui, &self.doc, &mut self.view, &mut out);
        });
        self.modals(&ctx);

        self.apply(&ctx, out);
        self.refresh(&ctx);
        // Screen readers name the window by its accessibility root, which egui leaves blank.
        let title = self.title.clone();
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(title));
    }

    fn take_shortcuts(&mut self, ctx: &egui::Context, out: &mut Output) {
        // A dialog or question on screen owns the keyboard.
        if self.guard.is_some() || self.prompt.is_some() || self.print_dialog.is_some() {
            return;
        }
        for command in Command::WITH_SHORTCUTS {
            if command.consume(ctx) {
                out.commands.push(command);
            }
        }
    }

    fn take_dropped_files(&mut self, ctx: &egui::Context, out: &mut Output) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            out.open_recent = Some(path);
        }
    }

    fn watch_close_requests(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.guard = Some(Guarded::Quit);
        }
    }

    /// Runs `action` now if nothing would be lost, or asks first.
    fn guarded(&mut self, ctx: &egui::Context, action: Guarded) {
        if self.doc.is_dirty() {
            self.guard = Some(action);
        } else {
            self.proceed(ctx, action);
        }
    }

    fn proceed(&mut self, ctx: &egui::Context, action: Guarded) {
        match action {
            Guarded::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Guarded::New { template } => {
                let dossier = if template {
                    store::parse_str(TEMPLATE_TEXT).expect("the built-in template is valid")
                } else {
                    Dossier::new("Untitled dossier")
                };
                self.replace_document(Document::new(dossier, None));
            }
            Guarded::Open(Some(path)) => self.open_path(&path),
            Guarded::Open(None) => self.start_dialog(DialogPurpose::Open),
        }
    }

    /// Opens a file; on failure the current dossier stays as it was and the error shows.
    pub fn open_path(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.settings.remember(path);
                self.replace_document(doc);
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    fn replace_document(&mut self, mut doc: Document) {
        doc.read_only = false;
        doc.revalidate();
        self.doc = doc;
        self.view.selection = Selection::Overview;
        self.view.member = None;
        self.view.programme_item = None;
        self.view.search.invalidate();
        // Its cache is keyed by the history's generation, which starts again at 0.
        self.preview = Default::default();
        self.message = None;
        self.settings.sections = Section::ALL.to_vec();
        self.settings.left_out.clear();
        self.settings.pack_name = None;
    }

    fn start_dialog(&mut self, purpose: DialogPurpose) {
        let kind = match &purpose {
            DialogPurpose::Open => DialogKind::Open,
            DialogPurpose::SaveAs { .. } => {
                DialogKind::Save(format!("{}.ron", slug(&self.doc.dossier.meta.title)))
            }
            DialogPurpose::ExportPdf => DialogKind::ExportPdf(self.pack_file_name()),
        };
        let folder = self
            .doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_owned);
        self.dialogs.start(kind, folder.as_deref());
        self.dialog_purpose = Some(purpose);
    }

    fn poll_dialog(&mut self, ctx: &egui::Context) {
        if self.dialogs.busy() {
            // The answer comes from another thread; look again soon.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        let Some(answer) = self.dialogs.poll() else {
            return;
        };
        let Some(purpose) = self.dialog_purpose.take() else {
            return;
        };
        match answer {
            DialogAnswer::Picked(path) => self.finish_dialog(ctx, purpose, &path),
            DialogAnswer::Cancelled => {}
            DialogAnswer::Unavailable => {
                let text = match &purpose {
                    DialogPurpose::Open => String::new(),
                    DialogPurpose::SaveAs { .. } => self
                        .doc
                        .path
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| format!("{}.ron", slug(&self.doc.dossier.meta.title))),
                    DialogPurpose::ExportPdf => {
                        let name = self.pack_file_name();
                        match self.doc.path.as_deref().and_then(Path::parent) {
                            Some(dir) => dir.join(name).display().to_string(),
                            None => name,
                        }
                    }
                };
                self.prompt = Some(PathPrompt {
                    purpose,
                    text,
                    error: None,
                    focused: false,
                });
            }
        }
    }

    fn finish_dialog(&mut self, ctx: &egui::Context, purpose: DialogPurpose, path: &Path) {
        match purpose {
            DialogPurpose::Open => self.open_path(path),
            DialogPurpose::ExportPdf => self.export_pdf(ctx, path),
            DialogPurpose::SaveAs { then } => {
                if self.save_to(path)
                    && let Some(action) = then
                {
                    self.proceed(ctx, action);
                }
            }
        }
    }

    /// Lays out and writes the pack on another thread.
    /// The file name an export suggests: the pack's title ("…-principal-s-pack.pdf").
    fn pack_file_name(&self) -> String {
        let d = &self.doc.dossier;
        format!("{}.pdf", slug(&self.settings.pack(d).title(d)))
    }

    fn export_pdf(&mut self, ctx: &egui::Context, path: &Path) {
        // Checked again here: the dossier may have changed while the file dialog was open.
        if !self.markings_sound() {
            return;
        }
        let path = crate::export::with_default_extension(path);
        let format = match crate::export::Format::of(&path) {
            Ok(f) => f,
            Err(e) => {
                self.message = Some(format!("Nothing was exported: {e}."));
                return;
            }
        };
        let dossier = self.doc.dossier.clone();
        let options = self.settings.pack(&self.doc.dossier);
        let source = self.doc.path.clone();
        self.task = Some(Task::spawn(
            ctx,
            "Exporting the briefing pack…",
            move || {
                let done =
                    crate::export::export(&dossier, &options, &path, format, source.as_deref())?;
                Ok(Done {
                    notice: format!("Exported {}, to {}", done.summary(), path.display()),
                    exported: (format == crate::export::Format::Pdf).then_some(path),
                })
            },
        ));
    }

    /// Whether the dossier's markings can be trusted for a pack; if not, says why and
    /// shows the problems, and no pack is made.
    fn markings_sound(&mut self) -> bool {
        if self.doc.problems_stale() {
            self.doc.revalidate();
        }
        let errors = self
            .doc
            .problems()
            .iter()
            .filter(|p| p.stops_pack())
            .count();
        if errors == 0 {
            return true;
        }
        self.message = Some(format!(
            "No pack was made: {errors} marking error{} could mark it wrongly. Mend {} first (see Problems).",
            if errors == 1 { "" } else { "s" },
            if errors == 1 { "it" } else { "them" },
        ));
        self.settings.show_problems = true;
        self.view.bottom_tab = panels::BottomTab::Problems;
        false
    }

    /// Lays out the pack and hands it to the print service, on another thread.
    fn print(&mut self, ctx: &egui::Context, job: crate::print::Job) {
        if !self.markings_sound() {
            return;
        }
        let dossier = self.doc.dossier.clone();
        let options = self.settings.pack(&self.doc.dossier);
        let service = self.printing.clone();
        self.task = Some(Task::spawn(
            ctx,
            "Sending the pack to the printer…",
            move || {
                let laid = crate::layout::lay_out(&dossier, &options);
                let bytes = crate::pdf::write(&laid, &dossier);
                let sent = service
                    .submit(&bytes, &job)
                    .map_err(|e| format!("Nothing was printed: {e}."))?;
                let copies = match job.copies {
                    1 => String::new(),
                    n => format!(" ({n} copies)"),
                };
                let id = if sent.id.is_empty() {
                    String::new()
                } else {
                    format!(" as job {}", sent.id)
                };
                Ok(Done {
                    notice: format!(
                        "Sent {} pages{copies}, marked {}, to {}{id}",
                        laid.pages.len(),
                        laid.banner,
                        sent.printer
                    ),
                    exported: None,
                })
            },
        ));
    }

    fn poll_task(&mut self) {
        let Some(answer) = self.task.as_ref().and_then(Task::poll) else {
            return;
        };
        self.task = None;
        match answer {
            Ok(done) => {
                self.notice = Some(done.notice);
                self.last_export = done.exported.or(self.last_export.take());
            }
            Err(e) => self.message = Some(e),
        }
    }

    /// Saves; shows the error and returns false on failure.
    fn save_to(&mut self, path: &Path) -> bool {
        match self.doc.save_to(path) {
            Ok(()) => {
                self.doc.read_only = false;
                self.settings.remember(path);
                self.message = None;
                true
            }
            Err(e) => {
                self.message = Some(e.to_string());
                false
            }
        }
    }

    /// Save: to the file if there is one (and it may be written), else ask where.
    fn save(&mut self, ctx: &egui::Context, then: Option<Guarded>) {
        match self.doc.path.clone() {
            Some(_) if !self.doc.read_only && self.doc.changed_on_disk() => {
                self.conflict = Some((Default::default(), then));
            }
            Some(path) if !self.doc.read_only => {
                if self.save_to(&path)
                    && let Some(action) = then
                {
                    self.proceed(ctx, action);
                }
            }
            _ => self.start_dialog(DialogPurpose::SaveAs { then }),
        }
    }

    fn modals(&mut self, ctx: &egui::Context) {
        if let Some(dialog) = &mut self.print_dialog {
            let laid =
                self.preview
                    .laid(&self.doc, true, &self.settings.pack(&self.doc.dossier), ctx);
            // Counted again only once a large pack's new layout is ready.
            let pages = match (&laid, self.preview.updating()) {
                (Some(laid), false) => {
                    format!("{} pages · marked {}", laid.pages.len(), laid.banner)
                }
                _ => "counting pages…".to_owned(),
            };
            let summary = format!(
                "“{}”\n{pages} · {}{}",
                self.doc.dossier.meta.title,
                self.settings.paper.label(),
                super::printing::left_out_note(&self.settings)
            );
            let title = self
                .settings
                .pack(&self.doc.dossier)
                .title(&self.doc.dossier);
            match dialog.show(ctx, &self.doc.dossier, &mut self.settings, &summary, &title) {
                Some(PrintAnswer::Print(job)) => {
                    self.print_dialog = None;
                    self.print(ctx, job);
                }
                Some(PrintAnswer::ExportInstead) => {
                    self.print_dialog = None;
                    self.start_dialog(DialogPurpose::ExportPdf);
                }
                Some(PrintAnswer::Cancel) => self.print_dialog = None,
                None => {}
            }
        }
        if let Some((conflict, then)) = &mut self.conflict {
            use super::conflict::ConflictAnswer;
            let answer = conflict.show(ctx, &self.doc.name(), self.doc.is_dirty());
            if let Some(answer) = answer {
                let then = then.take();
                self.conflict = None;
                match answer {
                    ConflictAnswer::Reload => {
                        if let Some(path) = self.doc.path.clone() {
                            self.open_path(&path);
                            if self.message.is_none() {
                                self.notice = Some(format!(
                                    "Reloaded {}: this is the version saved on disk.",
                                    self.doc.name()
                                ));
                            }
                        }
                    }
                    ConflictAnswer::SaveAs => self.start_dialog(DialogPurpose::SaveAs { then }),
                    ConflictAnswer::Overwrite => {
                        if let Some(path) = self.doc.path.clone()
                            && self.save_to(&path)
                            && let Some(action) = then
                        {
                            self.proceed(ctx, action);
                        }
                    }
                    ConflictAnswer::Cancel => {}
                }
            }
        }
        if let Some(action) = self.guard.clone() {
            let mut answer = None;
            let modal = Modal::new(Id::unique("unsaved-changes")).show(ctx, |ui| {
                ui.set_max_width(420.0);
                super::widgets::heading(ui, "Save changes?");
                ui.label(format!(
                    "“{}” has changes that are not saved. {}",
                    self.doc.dossier.meta.title,
                    match action {
                        Guarded::Quit => "Save them before quitting?",
                        Guarded::New { .. } => "Save them before starting a new dossier?",
                        Guarded::Open(_) => "Save them before opening another dossier?",
                    }
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some("save");
                    }
                    if ui.button("Discard changes").clicked() {
                        answer = Some("discard");
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some("cancel");
                    }
                });
            });
            if modal.should_close() && answer.is_none() {
                answer = Some("cancel");
            }
            match answer {
                Some("save") => {
                    self.guard = None;
                    self.save(ctx, Some(action));
                }
                Some("discard") => {
                    self.guard = None;
                    self.proceed(ctx, action);
                }
                Some(_) => self.guard = None,
                None => {}
            }
        }

        if let Some(prompt) = &mut self.prompt {
            let mut done = None;
            let modal = Modal::new(Id::unique("path-prompt")).show(ctx, |ui| {
                ui.set_max_width(520.0);
                let (title, verb) = match prompt.purpose {
                    DialogPurpose::Open => ("Open a dossier", "Open"),
                    DialogPurpose::SaveAs { .. } => ("Save the dossier as", "Save"),
                    DialogPurpose::ExportPdf => ("Export the briefing pack as", "Export"),
                };
                super::widgets::heading(ui, title);
                ui.label(
                    "No file chooser is available on this system (no desktop portal answered), \
                     so type the file's path here.",
                );
                let label = ui.label("Path");
                let response = ui
                    .add(egui::TextEdit::singleline(&mut prompt.text).desired_width(480.0))
                    .labelled_by(label.id);
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if !prompt.focused {
                    response.request_focus();
                    prompt.focused = true;
                }
                if let Some(error) = &prompt.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                ui.horizontal(|ui| {
                    if ui.button(verb).clicked() || enter {
                        done = Some(true);
                    }
                    if ui.button("Cancel").clicked() {
                        done = Some(false);
                    }
                });
            });
            if modal.should_close() && done.is_none() {
                done = Some(false);
            }
            match done {
                Some(true) => {
                    let path = PathBuf::from(prompt.text.trim());
                    let purpose = prompt.purpose.clone();
                    if prompt.text.trim().is_empty() {
                        prompt.error = Some("Type a path first.".to_owned());
                    } else if purpose == DialogPurpose::Open && !path.is_file() {
                        prompt.error = Some(format!("There is no file at {}.", path.display()));
                    } else {
                        self.prompt = None;
                        self.finish_dialog(ctx, purpose, &path);
                    }
                }
                Some(false) => self.prompt = None,
                None => {}
            }
        }
    }

    /// The list and position that item commands (add, duplicate, remove, move) act on.
    fn current_list(&self) -> Option<(List, Option<usize>)> {
        match self.view.selection {
            Selection::Overview => None,
            Selection::Delegation(d) => Some((List::Members(d), self.view.member)),
            Selection::Programme => Some((List::Programme, self.view.programme_item)),
            Selection::TalkingPoint(i) => Some((List::TalkingPoints, Some(i))),
            Selection::SecurityNote(i) => Some((List::SecurityNotes, Some(i))),
        }
    }

    fn select_in(&mut self, list: List, index: Option<usize>) {
        match list {
            List::Members(d) => {
                self.view.selection = Selection::Delegation(d);
                self.view.member = index;
            }
            List::Programme => {
                self.view.selection = Selection::Programme;
                self.view.programme_item = index;
            }
            List::TalkingPoints => {
                self.view.selection = index.map_or(Selection::Overview, Selection::TalkingPoint);
            }
            List::SecurityNotes => {
                self.view.selection = index.map_or(Selection::Overview, Selection::SecurityNote);
            }
            List::Delegations => {
                self.view.selection = index.map_or(Selection::Overview, Selection::Delegation);
                self.view.member = None;
            }
            List::Packs => self.view.selection = Selection::Overview,
        }
        self.view.scroll_to_selection = true;
    }

    fn item_command(&mut self, command: Command) {
        let Some((list, index)) = self.current_list() else {
            return;
        };
        let d = &self.doc.dossier;
        let len = list_len(d, list).unwrap_or(0);
        let noun = list_noun(list);
        let (label, edits, select, focus) = match (command, index) {
            (Command::AddItem, at) => {
                self.add_item(list, at.map_or(len, |i| i + 1));
                return;
            }
            (Command::DuplicateItem, Some(i)) if i < len => {
                let item = duplicate_item(d, list, i);
                (
                    format!("Duplicate {noun}"),
                    vec![Edit::Insert {
                        list,
                        index: i + 1,
                        item,
                    }],
                    Some(i + 1),
                    None,
                )
            }
            (Command::RemoveItem, Some(i)) if i < len => {
                let select = if len > 1 { Some(i.min(len - 2)) } else { None };
                (
                    format!("Remove {noun}"),
                    vec![Edit::Remove { list, index: i }],
                    select,
                    None,
                )
            }
            (Command::MoveUp, Some(i)) if i > 0 && i < len => (
                format!("Move {noun} up"),
                vec![Edit::Move {
                    list,
                    from: i,
                    to: i - 1,
                }],
                Some(i - 1),
                None,
            ),
            (Command::MoveDown, Some(i)) if i + 1 < len => (
                format!("Move {noun} down"),
                vec![Edit::Move {
                    list,
                    from: i,
                    to: i + 1,
                }],
                Some(i + 1),
                None,
            ),
            _ => return,
        };
        if let Err(e) = self.doc.apply(&label, edits) {
            self.message = Some(e.to_string());
            return;
        }
        self.select_in(list, select);
        self.view.focus = focus;
    }

    /// Adds a new item at `at` in `list`, selects it and puts the keyboard in its first field.
    fn add_item(&mut self, list: List, at: usize) {
        let item = new_item(&self.doc.dossier, list);
        let label = format!("Add {}", list_noun(list));
        if let Err(e) = self.doc.apply(
            &label,
            vec![Edit::Insert {
                list,
                index: at,
                item,
            }],
        ) {
            self.message = Some(e.to_string());
            return;
        }
        self.select_in(list, Some(at));
        self.view.focus = Some(first_field(list));
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        if command.edits() && self.doc.read_only {
            self.message = Some(
                "The dossier is open read-only: turn off View › Read-only to edit it.".to_owned(),
            );
            return;
        }
        match command {
            Command::NewBlank => self.guarded(ctx, Guarded::New { template: false }),
            Command::NewFromTemplate => self.guarded(ctx, Guarded::New { template: true }),
            Command::Open => self.guarded(ctx, Guarded::Open(None)),
            Command::Save => self.save(ctx, None),
            Command::SaveAs => self.start_dialog(DialogPurpose::SaveAs { then: None }),
            Command::ExportPdf => {
                if self.task.is_none() && self.markings_sound() {
                    self.start_dialog(DialogPurpose::ExportPdf);
                }
            }
            Command::Print => {
                if self.task.is_none() && self.print_dialog.is_none() && self.markings_sound() {
                    self.print_dialog = Some(PrintDialog::open(self.printing.clone(), ctx));
                }
            }
            Command::OpenExportedPdf => {
                if let Some(path) = &self.last_export
                    && let Err(e) = self.printing.open_pdf(path)
                {
                    self.message = Some(format!(
                        "Could not open {} in a PDF viewer: {e}",
                        path.display()
                    ));
                }
            }
            Command::TogglePreview => self.settings.show_preview = !self.settings.show_preview,
            Command::Quit => self.guarded(ctx, Guarded::Quit),
            Command::Undo => {
                self.doc.undo();
                self.clamp_selection();
            }
            Command::Redo => {
                self.doc.redo();
                self.clamp_selection();
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
            | Command::MoveDown => self.item_command(command),
            Command::ToggleReadOnly => self.doc.read_only = !self.doc.read_only,
            Command::ToggleProblems => self.settings.show_problems = !self.settings.show_problems,
            Command::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Command::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Command::ZoomReset => ctx.set_zoom_factor(1.0),
        }
    }

    /// After undo or redo an index may point past the end of its list.
    fn clamp_selection(&mut self) {
        let d = &self.doc.dossier;
        self.view.selection = match self.view.selection {
            Selection::Delegation(i) if i >= d.delegations.len() => Selection::Overview,
            Selection::TalkingPoint(i) if i >= d.talking_points.len() => Selection::Overview,
            Selection::SecurityNote(i) if i >= d.security_notes.len() => Selection::Overview,
            s => s,
        };
        if let Selection::Delegation(i) = self.view.selection
            && self
                .view
                .member
                .is_some_and(|m| m >= d.delegations[i].members.len())
        {
            self.view.member = None;
        }
        if self
            .view
            .programme_item
            .is_some_and(|p| p >= d.programme.len())
        {
            self.view.programme_item = None;
        }
    }

    fn apply(&mut self, ctx: &egui::Context, out: Output) {
        let now = ctx.input(|i| i.time);
        for change in out.changes {
            if self.doc.read_only {
                break;
            }
            let result = match (change.field, <[Edit; 1]>::try_from(change.edits)) {
                (Some(field), Ok([edit])) => self.doc.apply_typing(&change.label, field, edit, now),
                (_, Ok([edit])) => self.doc.apply(&change.label, vec![edit]),
                (_, Err(edits)) => self.doc.apply(&change.label, edits),
            };
            if let Err(e) = result {
                self.message = Some(e.to_string());
            }
            self.last_edit = now;
        }
        if let Some(list) = out.add_to
            && !self.doc.read_only
        {
            let len = list_len(&self.doc.dossier, list).unwrap_or(0);
            self.add_item(list, len);
        }
        if let Some(path) = out.open_recent {
            self.guarded(ctx, Guarded::Open(Some(path)));
        }
        if let Some(theme) = out.theme {
            self.settings.theme = theme;
            ctx.set_theme(theme.preference());
        }
        for command in out.commands {
            self.run_command(ctx, command);
        }
    }

    /// Keeps derived state (problems, window title, search) in step with the dossier.
    fn refresh(&mut self, ctx: &egui::Context) {
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

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Jumps to an item and field (from a problem or a search hit).
    pub fn reveal(view: &mut View, item: ItemRef, field: Option<&'static str>) {
        view.selection = match item {
            ItemRef::Meta | ItemRef::Scheme => Selection::Overview,
            ItemRef::Delegation(d) => {
                view.member = None;
                Selection::Delegation(d)
            }
            ItemRef::Member(d, m) => {
                view.member = Some(m);
                Selection::Delegation(d)
            }
            ItemRef::Programme(i) => {
                view.programme_item = Some(i);
                Selection::Programme
            }
            ItemRef::TalkingPoint(i) => Selection::TalkingPoint(i),
            ItemRef::SecurityNote(i) => Selection::SecurityNote(i),
            // Saved packs are listed under the overview; a field name there would be
            // ambiguous between packs.
            ItemRef::Pack(_) => {
                view.selection = Selection::Overview;
                view.focus = None;
                view.scroll_to_selection = true;
                return;
            }
        };
        view.focus = field;
        view.scroll_to_selection = true;
    }
}

impl eframe::App for AttacheApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
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

fn list_noun(list: List) -> &'static str {
    match list {
        List::Delegations => "delegation",
        List::Members(_) => "member",
        List::Programme => "programme item",
        List::TalkingPoints => "talking point",
        List::SecurityNotes => "security note",
        List::Packs => "saved pack",
    }
}

fn first_field(list: List) -> &'static str {
    match list {
        List::Members(_) => "full_name",
        List::Delegations | List::Packs => "name",
        _ => "title",
    }
}

fn new_item(d: &Dossier, list: List) -> Item {
    match list {
        List::Delegations => Item::Delegation(Delegation {
            id: ItemId::random(),
            name: String::new(),
            role: Default::default(),
            ours: false,
            marking: None,
            notes: String::new(),
            members: Vec::new(),
        }),
        List::Members(_) => Item::Member(Member::new()),
        List::Programme => Item::Programme(ProgrammeItem {
            id: ItemId::random(),
            title: String::new(),
            date: d.meta.start_date,
            start: None,
            end: None,
            location: d.meta.venue.clone(),
            participants: String::new(),
            marking: None,
            notes: String::new(),
        }),
        List::TalkingPoints => Item::TalkingPoint(Box::new(TalkingPoint {
            id: ItemId::random(),
            topic: "General".to_owned(),
            title: String::new(),
            priority: Default::default(),
            lead_speaker: None,
            marking: None,
            objective: String::new(),
            key_messages: Vec::new(),
            background: String::new(),
            if_raised: Vec::new(),
            press_line: String::new(),
        })),
        List::SecurityNotes => Item::SecurityNote(Box::new(SecurityNote {
            id: ItemId::random(),
            title: String::new(),
            region: String::new(),
            threat_level: Default::default(),
            marking: None,
            summary: String::new(),
            assessment: String::new(),
            key_actors: Vec::new(),
            outlook: String::new(),
            recommendations: String::new(),
            sources: Vec::new(),
            last_reviewed: None,
        })),
        List::Packs => {
            let name = (d.packs.len() + 1..)
                .map(|n| format!("Pack {n}"))
                .find(|name| d.pack_named(name).is_none())
                .unwrap_or_default();
            Item::Pack(Pack::new(name, &Section::ALL, &[]))
        }
    }
}

/// A copy of an item with fresh ids (members of a copied delegation too).
fn duplicate_item(d: &Dossier, list: List, i: usize) -> Item {
    match list {
        List::Delegations => {
            let mut x = d.delegations[i].clone();
            x.id = ItemId::random();
            x.ours = false;
            for m in &mut x.members {
                m.id = ItemId::random();
            }
            Item::Delegation(x)
        }
        List::Members(di) => {
            let mut x = d.delegations[di].members[i].clone();
            x.id = ItemId::random();
            x.role = if x.role == crate::model::MemberRole::Head {
                crate::model::MemberRole::Member
            } else {
                x.role
            };
            Item::Member(x)
        }
        List::Programme => {
            let mut x = d.programme[i].clone();
            x.id = ItemId::random();
            Item::Programme(x)
        }
        List::TalkingPoints => {
            let mut x = d.talking_points[i].clone();
            x.id = ItemId::random();
            x.title = format!("{} (copy)", x.title);
            Item::TalkingPoint(Box::new(x))
        }
        List::SecurityNotes => {
            let mut x = d.security_notes[i].clone();
            x.id = ItemId::random();
            x.title = format!("{} (copy)", x.title);
            Item::SecurityNote(Box::new(x))
        }
        List::Packs => {
            let mut x = d.packs[i].clone();
            x.name = format!("{} (copy)", x.name);
            Item::Pack(x)
        }
    }
}
