//! Never losing work, never being overwritten: the "in use by" lock, autosave and the
//! recovery offer, and watching the open file for a colleague's save (merged in, three
//! ways, rather than chosen between).

use std::path::Path;

use super::super::conflict::{Conflict, ConflictAnswer};
use super::super::document::Document;
use super::super::in_use::{InUse, InUseAnswer};
use super::super::panels::BottomTab;
use super::super::recovery::{Answer, Disk, Offers};
use super::super::watch::Watch;
use super::{AttacheApp, Guarded, Question};
use crate::diff;
use crate::edit::Edit;
use crate::model::Dossier;
use crate::store::{self, lock};

/// How often the file is looked at without an event (seconds): network shares send none.
const LOOK_EVERY: f64 = 3.0;
/// How long after an event to look, so that a colleague's save has finished (seconds).
const SETTLE: f64 = 0.3;

impl AttacheApp {
    /// The name the lock file gives: the one given for comments, or the login.
    fn lock_holder(&self) -> lock::Holder {
        let name = self.settings.reviewer.trim();
        if name.is_empty() {
            lock::Holder::me(&lock::login_name())
        } else {
            lock::Holder::me(name)
        }
    }

    /// Who else holds the open file's lock, if anyone (named in the changed-on-disk
    /// question: most likely the one who saved).
    pub(super) fn other_holder(&self) -> Option<String> {
        let path = self.doc.path.as_deref()?;
        if self.doc.lock.is_some() {
            return None;
        }
        match lock::read(path)? {
            lock::Found::Held(h) if !h.is_stale() => {
                Some(crate::diff::visible_line(&h.describe()).into_owned())
            }
            _ => None,
        }
    }

    /// Takes the "in use by" lock of the open file, when it is open for editing; asks
    /// the user when someone else has it.
    pub(super) fn take_lock(&mut self) {
        self.doc.shared_with = None;
        if !self.locks || self.doc.read_only || self.doc.lock.is_some() {
            return;
        }
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        match lock::acquire(&path, &self.lock_holder()) {
            lock::Acquired::Locked { lock, replaced } => {
                self.doc.lock = Some(lock);
                if let Some(old) = replaced {
                    self.notices.info(format!(
                        "{} was left locked by {} (process {} on this machine, which has \
                         stopped): the lock was cleared.",
                        self.doc.name(),
                        crate::diff::visible_line(&old.user),
                        old.pid
                    ));
                }
            }
            lock::Acquired::HeldBy(holder) => {
                // Read-only until the user says otherwise.
                self.doc.read_only = true;
                self.questions.ask(Question::InUse(InUse {
                    file: self.doc.name(),
                    holder,
                }));
            }
            lock::Acquired::Unwritable(why) => {
                self.notices.info(format!(
                    "No lock file could be written beside {} ({why}): colleagues who open \
                     it will not be told that you have it open.",
                    self.doc.name()
                ));
            }
        }
    }

    /// Starts watching the open file (again, when it changed).
    fn rewatch(&mut self, ctx: &egui::Context) {
        let wanted = self.doc.path.as_deref();
        if self.watch.as_ref().map(Watch::file) != wanted {
            self.watch = wanted.and_then(|p| Watch::new(p, ctx));
        }
    }

    /// Once a frame: the watch on the file, the questions of this module.
    pub(super) fn session_tick(&mut self, ctx: &egui::Context) {
        self.rewatch(ctx);
        let now = ctx.input(|i| i.time);
        if self.watch.as_ref().is_some_and(Watch::take) {
            self.disk_due = Some(now + SETTLE);
        }
        if now >= self.next_look {
            self.next_look = now + LOOK_EVERY;
            self.disk_due.get_or_insert(now);
        }
        if self.doc.path.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(LOOK_EVERY));
        }
        match self.disk_due {
            Some(at) if now >= at => {
                self.disk_due = None;
                self.look_at_disk();
            }
            Some(at) => ctx.request_repaint_after(std::time::Duration::from_secs_f64(at - now)),
            None => {}
        }
        self.session_modals(ctx);
    }

    /// Whether the file changed on disk: reload when nothing here is unsaved, otherwise ask.
    fn look_at_disk(&mut self) {
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        // "Not now" was answered for this very version: asked again only when the file
        // changes again, or at the next save — and meanwhile not read again (a large file
        // would cost the window a parse every few seconds).
        let now_on_disk = fingerprint(&path);
        if self
            .questions
            .has(|q| matches!(q, Question::ChangedOnDisk(..)))
            || (now_on_disk.is_some() && self.disk_asked == now_on_disk)
            || !self.doc.changed_on_disk()
        {
            return;
        }
        let theirs = match read_dossier(&path) {
            Ok(t) => t,
            Err(e) => {
                // A save in progress, or a broken file: say so once, keep ours as it is.
                if self.disk_error.as_ref() != Some(&e) {
                    self.notices.error(format!(
                        "{} was changed on disk but cannot be read ({e}). Your copy is as it \
                         was; saving asks before replacing the file.",
                        self.doc.name()
                    ));
                    self.disk_error = Some(e);
                }
                return;
            }
        };
        self.disk_error = None;
        if self.doc.is_dirty() {
            self.disk_asked = now_on_disk;
            self.questions.ask(Question::ChangedOnDisk(
                Conflict::new(self.other_holder()),
                None,
            ));
            return;
        }
        let changes = diff::diff(&self.doc.dossier, &theirs.1).len();
        // Their version in place of ours, which was as saved: the view (selection, pack
        // choices, panels) stays as the user left it.
        let mut doc = Document::new(theirs.1, Some(path.clone()));
        doc.set_disk(&path, &theirs.0);
        doc.lock = self.doc.lock.take();
        doc.read_only = self.doc.read_only;
        doc.shared_with = self.doc.shared_with.take();
        doc.revalidate();
        self.doc = doc;
        self.view.review.comparison = None;
        self.view.search.invalidate();
        self.preview = Default::default();
        self.clamp_selection();
        if !self.doc.dossier.conflicts.is_empty() {
            self.settings.show_problems = true;
            self.view.bottom_tab = BottomTab::Conflicts;
        }
        self.notices.info(format!(
            "{} was saved by someone else (or another program) and has been reloaded: {}.",
            self.doc.name(),
            match changes {
                1 => "1 change".to_owned(),
                n => format!("{n} changes"),
            }
        ));
    }

    /// Merges the version on disk into ours: base is the version we opened (or last saved
    /// or merged). One undoable step; conflicts are shown as a merge's are.
    pub(super) fn merge_from_disk(&mut self, ctx: &egui::Context, then: Option<Guarded>) {
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        let (bytes, theirs) = match read_dossier(&path) {
            Ok(t) => t,
            Err(e) => {
                self.notices
                    .error(format!("Their version cannot be merged: {e}"));
                return;
            }
        };
        let base = self
            .doc
            .base_text()
            .and_then(|t| store::parse_str(t).ok())
            // Without a base every difference is a conflict, with ours in place.
            .unwrap_or_else(|| Dossier::new(""));
        let merged = diff::merge(&base, &self.doc.dossier, &theirs);
        let taken = diff::diff(&self.doc.dossier, &merged.dossier).len();
        let label = format!("Merge {} as saved on disk", self.doc.name());
        if let Err(e) = self
            .doc
            .apply(&label, vec![Edit::Whole(Box::new(merged.dossier))])
        {
            self.notices.error(e.to_string());
            return;
        }
        self.doc.merged_in(&path, &bytes);
        self.doc.revalidate();
        if merged.new_conflicts > 0 {
            self.settings.show_problems = true;
            self.view.bottom_tab = BottomTab::Conflicts;
            self.notices.info(format!(
                "Their version was merged into yours; {} changed two ways: choose in \
                 Conflicts, then save.",
                match merged.new_conflicts {
                    1 => "1 field was".to_owned(),
                    n => format!("{n} fields were"),
                }
            ));
            return;
        }
        self.notices.info(format!(
            "Their version was merged into yours ({}). Undo takes the merge back.",
            match taken {
                0 => "nothing of theirs was new".to_owned(),
                1 => "1 change of theirs".to_owned(),
                n => format!("{n} changes of theirs"),
            }
        ));
        // A merge asked for by Save goes on to save both.
        if let Some(action) = then
            && self.save_to(&path)
        {
            self.proceed(ctx, action);
        }
    }

    /// Answers the changed-on-disk question.
    pub(super) fn conflict_answer(
        &mut self,
        ctx: &egui::Context,
        answer: ConflictAnswer,
        then: Option<Guarded>,
    ) {
        match answer {
            ConflictAnswer::Merge => self.merge_from_disk(ctx, then),
            ConflictAnswer::Compare => {
                if let Some(path) = self.doc.path.clone() {
                    self.compare_with(&path);
                }
            }
            ConflictAnswer::Reload => {
                if let Some(path) = self.doc.path.clone() {
                    // Their version replaces ours: our edits are discarded knowingly.
                    self.autosave.discard();
                    let lock = self.doc.lock.take();
                    let opened = self.open_path(&path);
                    if self.doc.path.as_deref() == Some(path.as_path()) && self.doc.lock.is_none() {
                        self.doc.lock = lock;
                    }
                    if opened {
                        self.notices.info(format!(
                            "Reloaded {}: this is the version saved on disk.",
                            self.doc.name()
                        ));
                    }
                }
            }
            ConflictAnswer::SaveAs => {
                self.start_dialog(ctx, super::files::DialogPurpose::SaveAs { then });
            }
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

    fn session_modals(&mut self, ctx: &egui::Context) {
        if let Some(Question::InUse(in_use)) = self.questions.current()
            && let Some(answer) = in_use.show(ctx)
        {
            let who = crate::diff::visible_line(&in_use.holder.describe()).into_owned();
            self.questions.answered();
            match answer {
                InUseAnswer::ReadOnly => {
                    self.notices
                        .info(format!("Opened read-only: {who} has it open for editing."));
                }
                InUseAnswer::EditAnyway => {
                    self.doc.read_only = false;
                    self.doc.shared_with = Some(who);
                }
            }
        }
        if let Some(Question::Recover(offers)) = self.questions.current_mut()
            && let Some(answer) = offers.show(ctx)
        {
            let mut restore = None;
            let later = matches!(answer, Answer::Later);
            match answer {
                Answer::Later => {}
                Answer::Discard(i) => {
                    let offer = offers.list.remove(i);
                    store::recovery::remove(&offer.path);
                }
                Answer::DeleteUnreadable(i) => {
                    let (path, _) = offers.unreadable.remove(i);
                    store::recovery::remove(&path);
                }
                Answer::Restore(i) => restore = Some(offers.list.remove(i)),
            }
            // "Later" puts every offer away; otherwise the rest stay offered.
            if later || offers.is_empty() {
                self.questions.answered();
            }
            if let Some(offer) = restore {
                self.restore(offer);
            }
        }
    }

    /// Looks for sessions that ended without saving (at start, and from the File menu).
    pub(super) fn find_recovered(&mut self) {
        if let Some(dir) = self.autosave.data_dir() {
            let offers = Offers::find(dir);
            self.questions
                .withdraw(|q| matches!(q, Question::Recover(_)));
            if !offers.is_empty() {
                self.questions.ask(Question::Recover(offers));
            }
        }
    }

    /// Restores a recovered session's edits as one undoable step over the file as it is
    /// now (merged three ways when the file was saved again since).
    fn restore(&mut self, offer: super::super::recovery::Offer) {
        if self.doc.is_dirty() {
            self.notices.error(
                "Save or discard the changes here first, then recover the others from \
                 File › Recover unsaved changes."
                    .to_owned(),
            );
            return;
        }
        let file = offer.recovery.file.clone();
        let mut restored = offer.dossier;
        let mut conflicts = 0;
        let mut unsaved_as = None;
        match (&file, &offer.disk) {
            (Some(path), Disk::Unchanged | Disk::SavedSince) => {
                if !self.open_path(path) || self.doc.path.as_deref() != Some(path.as_path()) {
                    return;
                }
                if matches!(offer.disk, Disk::SavedSince)
                    && let Some(base) = offer
                        .recovery
                        .base
                        .as_deref()
                        .and_then(|b| store::parse_str(b).ok())
                {
                    let merged = diff::merge(&base, &restored, &self.doc.dossier);
                    conflicts = merged.new_conflicts;
                    restored = merged.dossier;
                }
            }
            (Some(path), Disk::Unreadable(why)) => {
                // Not into a file that cannot be read: that would replace it unasked.
                self.replace_document(Document::new(Dossier::new(""), None));
                unsaved_as = Some(format!(
                    " {} cannot be read now ({why}), so they are in a new dossier: save it \
                     under a name of your choice.",
                    path.display()
                ));
            }
            (path, _) => {
                // A file that is gone is written again by Save (which asks if one came
                // back meanwhile); a dossier never saved stays unsaved.
                self.replace_document(Document::new(Dossier::new(""), path.clone()));
                self.take_lock();
            }
        }
        let changes = diff::diff(&self.doc.dossier, &restored).len();
        if let Err(e) = self.doc.apply(
            "Restore unsaved changes",
            vec![Edit::Whole(Box::new(restored))],
        ) {
            self.notices.error(e.to_string());
            return;
        }
        self.doc.revalidate();
        self.autosave.adopt(offer.path);
        if conflicts > 0 {
            self.settings.show_problems = true;
            self.view.bottom_tab = BottomTab::Conflicts;
        } else if self.doc.path.is_some() && self.doc.base_text().is_some() {
            self.compare_with_saved();
        }
        self.notices.info(format!(
            "Restored {} made {}{}. Save to keep {}.{}",
            match changes {
                1 => "1 unsaved change".to_owned(),
                n => format!("{n} unsaved changes"),
            },
            offer.recovery.edited.long(),
            match conflicts {
                0 => String::new(),
                n => format!(
                    "; the file was saved again since, and {n} of its fields were changed both \
                     ways (see Conflicts)"
                ),
            },
            if changes == 1 { "it" } else { "them" },
            unsaved_as.unwrap_or_default()
        ));
    }
}

/// Tells one version of the file from another without reading it: its size and time.
fn fingerprint(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// The file's bytes and dossier.
fn read_dossier(path: &Path) -> Result<(Vec<u8>, Dossier), String> {
    let bytes = store::read_file(path, store::MAX_FILE_SIZE).map_err(|e| e.to_string())?;
    let dossier =
        store::parse_bytes(&bytes).map_err(|e| store::LoadError::new(path, e).to_string())?;
    Ok((bytes, dossier))
}
