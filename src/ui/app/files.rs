//! Files and the questions that guard them: open, save, the unsaved-changes and
//! changed-on-disk questions, and the window's own file chooser where the desktop has none.

use std::path::{Path, PathBuf};

use egui::{Id, Modal, ViewportCommand};

use super::super::TEMPLATE_TEXT;
use super::super::dialogs::{DialogAnswer, DialogKind, FileDialogs};
use super::super::document::Document;
use super::super::panels;
use super::super::state::{Change, Selection};
use super::super::task::Task;
use super::super::widgets;
use super::{AttacheApp, Question, slug};
use crate::edit::{Edit, Item, List};
use crate::model::{Dossier, Section};
use crate::store;

/// An action that would drop unsaved changes: it waits for the user's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Guarded {
    Quit,
    New { template: bool },
    Open(Option<PathBuf>),
}

/// What a file dialog was opened for.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum DialogPurpose {
    Open,
    SaveAs {
        then: Option<Guarded>,
    },
    ExportPdf,
    /// Another version of the dossier, to compare with.
    Compare,
    /// An image for this member's photo.
    Photo(crate::model::Id),
    /// Where to write the place cards.
    ExportCards,
    /// A list to import into this delegation.
    ImportMembers(usize),
}

/// "Replace this file?", asked before Save as writes over another file.
pub struct Replacing {
    pub(super) path: PathBuf,
    pub(super) then: Option<Guarded>,
    /// Who has it open for editing, if anyone.
    pub(super) holder: Option<String>,
}

impl AttacheApp {
    /// Runs `action` now if nothing would be lost, or asks first.
    pub(super) fn guarded(&mut self, ctx: &egui::Context, action: Guarded) {
        if self.doc.is_dirty() {
            self.questions.ask(Question::Unsaved(action));
        } else {
            self.proceed(ctx, action);
        }
    }

    pub(super) fn proceed(&mut self, ctx: &egui::Context, action: Guarded) {
        match action {
            Guarded::Quit => {
                // Quitting with nothing unsaved, or with edits the user chose to discard.
                self.autosave.discard();
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
            Guarded::Open(Some(path)) => {
                self.open_path(&path);
            }
            Guarded::Open(None) => self.start_dialog(ctx, DialogPurpose::Open),
        }
    }

    /// Opens a file; on failure the current dossier stays as it was and the error shows
    /// (returns whether it opened).
    pub fn open_path(&mut self, path: &Path) -> bool {
        match Document::open(path) {
            Ok(mut doc) => {
                self.settings.remember(path);
                // Opening the same file again (a reload) keeps our lock on it.
                if self.doc.path.as_deref() == Some(path) {
                    doc.lock = self.doc.lock.take();
                }
                self.replace_document(doc);
                self.take_lock();
                true
            }
            Err(e) => {
                self.notices.error(e.to_string());
                false
            }
        }
    }

    pub(super) fn replace_document(&mut self, mut doc: Document) {
        doc.read_only = false;
        doc.revalidate();
        // The document replaced was saved, or its edits were discarded knowingly: its
        // recovery file goes, and with the document its lock.
        self.autosave.discard();
        // Questions about the dossier replaced no longer stand.
        self.questions.withdraw(|q| {
            matches!(
                q,
                Question::InUse(_) | Question::ChangedOnDisk(..) | Question::Import(_)
            )
        });
        self.disk_error = None;
        self.doc = doc;
        self.view.selection = Selection::Overview;
        self.view.member = None;
        self.view.programme_item = None;
        self.view.search.invalidate();
        // A comparison, a comment being written and reply drafts were of the other dossier.
        self.view.review = Default::default();
        // Its cache is keyed by the history's generation, which starts again at 0.
        self.preview = Default::default();
        // They were about the dossier replaced.
        self.notices.clear();
        self.settings.sections = Section::STANDARD.to_vec();
        self.settings.left_out.clear();
        self.settings.pack_name = None;
        self.settings.pack_comments = false;
        // A merge left conflicts: they are the first thing to see.
        if !self.doc.dossier.conflicts.is_empty() {
            self.settings.show_problems = true;
            self.view.bottom_tab = panels::BottomTab::Conflicts;
        }
    }

    pub(super) fn start_dialog(&mut self, ctx: &egui::Context, purpose: DialogPurpose) {
        let (kind, folder) = self.dialog_request(&purpose);
        self.dialogs.start(ctx, kind, folder.as_deref());
        self.dialog_purpose = Some(purpose);
    }

    /// What a file dialog for `purpose` asks for, and in which folder it opens.
    fn dialog_request(&self, purpose: &DialogPurpose) -> (DialogKind, Option<PathBuf>) {
        let kind = match purpose {
            DialogPurpose::Open | DialogPurpose::Compare => DialogKind::Open,
            DialogPurpose::SaveAs { .. } => {
                DialogKind::Save(format!("{}.ron", slug(&self.doc.dossier.meta.title)))
            }
            DialogPurpose::ExportPdf => DialogKind::ExportPdf(self.pack_file_name()),
            DialogPurpose::Photo(_) => DialogKind::Image,
            DialogPurpose::ExportCards => DialogKind::ExportPdf(self.cards_file_name()),
            DialogPurpose::ImportMembers(_) => DialogKind::List,
        };
        let folder = self
            .doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_owned);
        (kind, folder)
    }

    pub(super) fn poll_dialog(&mut self, ctx: &egui::Context) {
        if self.dialogs.busy() {
            // The answer comes from another thread; look again soon.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        let Some(answer) = self.dialogs.poll().or_else(|| self.chooser.poll()) else {
            return;
        };
        let Some(purpose) = self.dialog_purpose.take() else {
            return;
        };
        match answer {
            // A file chooser has asked before replacing a file itself.
            DialogAnswer::Picked(path) => self.finish_dialog(ctx, purpose, &path, true),
            DialogAnswer::PickedInWindow(path) => self.finish_dialog(ctx, purpose, &path, false),
            DialogAnswer::Cancelled => {}
            DialogAnswer::Unavailable => {
                // No desktop dialog here (no portal answered): the window's own chooser.
                let (kind, folder) = self.dialog_request(&purpose);
                let (title, verb) = match purpose {
                    DialogPurpose::Open => ("Open a dossier", "Open"),
                    DialogPurpose::Compare => ("Compare with another version", "Compare"),
                    DialogPurpose::SaveAs { .. } => ("Save the dossier as", "Save"),
                    DialogPurpose::ExportPdf => ("Export the briefing pack as", "Export"),
                    DialogPurpose::Photo(_) => ("Choose a photo (JPEG or PNG)", "Use photo"),
                    DialogPurpose::ExportCards => ("Write the place cards as", "Write"),
                    DialogPurpose::ImportMembers(_) => (
                        "Import a delegation list (CSV, xlsx, ods, Unicode text)",
                        "Read",
                    ),
                };
                self.chooser.ask(kind, folder.as_deref(), title, verb);
                self.dialog_purpose = Some(purpose);
            }
        }
    }

    pub(super) fn finish_dialog(
        &mut self,
        ctx: &egui::Context,
        purpose: DialogPurpose,
        path: &Path,
        asked: bool,
    ) {
        match purpose {
            DialogPurpose::SaveAs { then }
                if self.doc.path.as_deref() != Some(path) && path.exists() =>
            {
                // Another file is there: asked unless the chooser asked, and always when
                // someone has it open.
                let holder = match store::lock::read(path) {
                    Some(store::lock::Found::Held(h)) if h.is_stale() => None,
                    Some(found) => Some(crate::diff::visible_line(&found.describe()).into_owned()),
                    None => None,
                };
                if asked && holder.is_none() {
                    self.save_as_then(ctx, path, then);
                } else {
                    self.questions.ask(Question::Replace(Replacing {
                        path: path.to_owned(),
                        then,
                        holder,
                    }));
                }
            }
            DialogPurpose::SaveAs { then } => self.save_as_then(ctx, path, then),
            purpose => self.finish_other(ctx, purpose, path),
        }
    }

    fn save_as_then(&mut self, ctx: &egui::Context, path: &Path, then: Option<Guarded>) {
        if self.save_to(path)
            && let Some(action) = then
        {
            self.proceed(ctx, action);
        }
    }

    fn finish_other(&mut self, ctx: &egui::Context, purpose: DialogPurpose, path: &Path) {
        match purpose {
            DialogPurpose::Open => {
                self.open_path(path);
            }
            DialogPurpose::Compare => self.compare_with(path),
            DialogPurpose::ExportPdf => self.export_pdf(ctx, path),
            DialogPurpose::SaveAs { then } => self.save_as_then(ctx, path, then),
            DialogPurpose::Photo(member) => self.set_photo_from(ctx, &member, path),
            DialogPurpose::ExportCards => self.export_cards(ctx, path),
            DialogPurpose::ImportMembers(di) => self.read_list(di, path),
        }
    }

    /// Reads an image for a member's photo on another thread (a large photo takes a
    /// moment to decode and scale, and the window must not stop); [`Self::poll_photo`]
    /// sets it as one undoable edit, or says why it cannot be one.
    pub(super) fn set_photo_from(
        &mut self,
        ctx: &egui::Context,
        member: &crate::model::Id,
        path: &Path,
    ) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let path = path.to_owned();
        let task = Task::spawn(ctx, "Reading the photo…", move || {
            store::read_file(&path, crate::model::photo::MAX_SOURCE_BYTES)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    crate::model::Photo::import(&bytes).map_err(|e| format!("{name}: {e}"))
                })
        });
        self.photo_job = Some((member.clone(), task));
    }

    /// Sets the photo read by [`Self::set_photo_from`], once it is ready.
    pub(super) fn poll_photo(&mut self, ctx: &egui::Context) {
        let Some((member, task)) = &self.photo_job else {
            return;
        };
        let Some(photo) = task.poll() else {
            return;
        };
        let photo = photo
            .map_err(|_| "the photo could not be read".to_owned())
            .flatten();
        let member = member.clone();
        self.photo_job = None;
        let found = self
            .doc
            .dossier
            .delegations
            .iter()
            .enumerate()
            .find_map(|(di, d)| {
                d.members
                    .iter()
                    .position(|m| m.id == member)
                    .map(|mi| (di, mi))
            });
        let Some((di, mi)) = found else {
            // Removed (or undone away) while the photo was read.
            return;
        };
        if self.doc.read_only {
            return;
        }
        match photo {
            Ok(photo) => {
                let mut edited = self.doc.dossier.delegations[di].members[mi].clone();
                edited.photo = Some(photo);
                self.apply_change(
                    ctx,
                    Change {
                        label: "Set photo".into(),
                        field: None,
                        edits: vec![Edit::Replace {
                            list: List::Members(di),
                            index: mi,
                            item: Item::Member(Box::new(edited)),
                        }],
                    },
                );
                self.notices.forget("The photo was not changed.");
            }
            Err(why) => {
                self.notices
                    .error(format!("{why}. The photo was not changed."));
            }
        }
    }

    /// Saves; shows the error and returns false on failure.
    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        let moved = self.doc.path.as_deref() != Some(path);
        match self.doc.save_to(path) {
            Ok(()) => {
                self.doc.read_only = false;
                self.settings.remember(path);
                self.notices.clear_errors();
                self.disk_error = None;
                // What was compared with "the saved version" is the saved version now.
                if self
                    .view
                    .review
                    .comparison
                    .as_ref()
                    .is_some_and(|c| !c.colleague)
                {
                    self.view.review.comparison = None;
                }
                self.notices.forget("Save to keep");
                if moved {
                    // Saved as another file: the lock moves with us.
                    self.doc.lock = None;
                    self.take_lock();
                }
                true
            }
            Err(e) => {
                self.notices.error(e.to_string());
                false
            }
        }
    }

    /// Save: to the file if there is one (and it may be written), else ask where.
    pub(super) fn save(&mut self, ctx: &egui::Context, then: Option<Guarded>) {
        match self.doc.path.clone() {
            Some(_) if !self.doc.read_only && self.doc.changed_on_disk() => {
                self.questions.ask(Question::ChangedOnDisk(
                    super::super::conflict::Conflict::new(self.other_holder()),
                    then,
                ));
            }
            Some(path) if !self.doc.read_only => {
                if self.save_to(&path)
                    && let Some(action) = then
                {
                    self.proceed(ctx, action);
                }
            }
            _ => self.start_dialog(ctx, DialogPurpose::SaveAs { then }),
        }
    }

    /// The questions about files: changed on disk, unsaved changes, a typed path.
    pub(super) fn file_modals(&mut self, ctx: &egui::Context) {
        if let Some(Question::ChangedOnDisk(conflict, _)) = self.questions.current_mut() {
            let answer = conflict.show(ctx, &self.doc.name(), self.doc.is_dirty());
            if let Some(answer) = answer
                && let Some(Question::ChangedOnDisk(_, then)) = self.questions.answered()
            {
                self.conflict_answer(ctx, answer, then);
            }
        }
        if let Some(Question::Replace(replacing)) = self.questions.current() {
            let mut answer = None;
            let name = replacing.path.file_name().map_or_else(
                || replacing.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let modal = Modal::new(Id::unique("replace-file")).show(ctx, |ui| {
                ui.set_max_width(460.0);
                widgets::heading(ui, &format!("Replace {name}?"));
                ui.label(format!(
                    "{} already exists. Saving replaces it; its present content is kept as \
                     {name}.bak until the next save.",
                    replacing.path.display()
                ));
                if let Some(holder) = &replacing.holder {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("It is open for editing by {holder}: their unsaved work is theirs, but this file would no longer be what they opened."),
                    );
                }
                ui.add_space(8.0);
                answer = widgets::action_buttons(ui, "Replace", true);
            });
            if modal.should_close() && answer.is_none() {
                answer = Some(false);
            }
            if let Some(replace) = answer
                && let Some(Question::Replace(r)) = self.questions.answered()
                && replace
            {
                self.save_as_then(ctx, &r.path, r.then);
            }
        }
        if let Some(Question::Unsaved(action)) = self.questions.current() {
            let action = action.clone();
            let mut answer = None;
            let modal = Modal::new(Id::unique("unsaved-changes")).show(ctx, |ui| {
                ui.set_max_width(420.0);
                widgets::heading(ui, "Save changes?");
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
            if answer.is_some() {
                self.questions.answered();
            }
            match answer {
                Some("save") => self.save(ctx, Some(action)),
                Some("discard") => self.proceed(ctx, action),
                _ => {}
            }
        }
    }
}
