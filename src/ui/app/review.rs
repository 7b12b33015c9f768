//! Review commands: comparing with another version, taking its changes, resolving merge
//! conflicts, commenting and approving.

use std::path::Path;

use super::super::panels::BottomTab;
use super::super::review::{Approving, Comparison, Draft, item_of_change, selected_item};
use super::files::DialogPurpose;
use super::{AttacheApp, Question};
use crate::diff::Change;
use crate::store;

impl AttacheApp {
    /// Compares with the file at `path`: an older version of this dossier (an earlier
    /// revision, or the same revision saved before ours) reads as what changed since it;
    /// any other copy as the changes it would make, which can be taken one by one.
    pub fn compare_with(&mut self, path: &Path) {
        match store::load(path) {
            Ok(other) => {
                let file = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
                let ours = &self.doc.dossier.meta;
                let older = other.meta.revision < ours.revision
                    || (other.meta.revision == ours.revision
                        && match (modified(path), self.doc.path.as_deref().and_then(modified)) {
                            (Some(theirs), Some(saved)) => theirs < saved,
                            _ => false,
                        });
                let name = format!("{file} (revision {})", other.meta.revision);
                self.start_comparison(Comparison::new(other, name, !older));
            }
            Err(e) => self.notices.error(format!("Nothing to compare with: {e}")),
        }
    }

    fn start_comparison(&mut self, mut cmp: Comparison) {
        cmp.refresh(&self.doc, true);
        self.view.review.comparison = Some(cmp);
        self.settings.show_problems = true;
        self.view.bottom_tab = BottomTab::Changes;
    }

    /// Compares with the version on disk (Changes panel).
    pub(super) fn compare_with_saved(&mut self) {
        match self.doc.path.clone() {
            Some(path) => match store::load(&path) {
                Ok(saved) => self.start_comparison(Comparison::new(
                    saved,
                    "the saved version".to_owned(),
                    false,
                )),
                Err(e) => self.notices.error(format!("Nothing to compare with: {e}")),
            },
            None => self.notices.error(
                "This dossier has not been saved yet: there is no saved version to compare with."
                    .to_owned(),
            ),
        }
    }

    pub(super) fn review_command(&mut self, ctx: &egui::Context, command: super::Command) {
        use super::Command;
        match command {
            Command::CompareWith => self.start_dialog(ctx, DialogPurpose::Compare),
            Command::CompareWithSaved => self.compare_with_saved(),
            Command::RecoverUnsaved => {
                self.find_recovered();
                if !self.questions.has(|q| matches!(q, Question::Recover(_))) {
                    self.notices
                        .info("There are no unsaved changes to recover.".to_owned());
                }
            }
            Command::CloseComparison => self.view.review.comparison = None,
            Command::NextChange | Command::PreviousChange => {
                let Some(cmp) = &self.view.review.comparison else {
                    return;
                };
                let n = cmp.changes().len();
                if n == 0 {
                    return;
                }
                let next = match (cmp.current, command == Command::NextChange) {
                    (None, true) => 0,
                    (None, false) => n - 1,
                    (Some(i), true) => (i + 1) % n,
                    (Some(i), false) => (i + n - 1) % n,
                };
                self.go_to_change(next);
            }
            Command::GoToChange(i) => self.go_to_change(i),
            Command::AcceptChange(change) => self.accept(ctx, &change),
            Command::RejectChange(change) => {
                if let Some(cmp) = &mut self.view.review.comparison {
                    cmp.reject(&change);
                    cmp.step_back();
                }
            }
            Command::ResolveConflict { index, theirs } => {
                match crate::diff::resolve(&self.doc.dossier, index, theirs) {
                    Ok(edits) => {
                        let label = if theirs {
                            "Take their side of a conflict"
                        } else {
                            "Keep our side of a conflict"
                        };
                        if let Err(e) = self.doc.apply(label, edits) {
                            self.notices.error(e.to_string());
                        }
                    }
                    Err(e) => self
                        .notices
                        .error(format!("The conflict is unchanged: {e}.")),
                }
            }
            Command::AddComment => {
                let item = selected_item(&self.doc, &self.view);
                self.view.review.draft = Some(Draft {
                    item,
                    field: String::new(),
                    text: String::new(),
                    focus: true,
                    asking_name: false,
                });
                self.settings.show_problems = true;
                self.view.bottom_tab = BottomTab::Comments;
            }
            Command::Approve => {
                self.questions.ask(Question::Approve(Approving {
                    name: self.settings.reviewer.clone(),
                    role: String::new(),
                    focus: true,
                }));
            }
            Command::ShowChanges | Command::ShowComments | Command::ShowConflicts => {
                self.settings.show_problems = true;
                self.view.bottom_tab = match command {
                    Command::ShowChanges => BottomTab::Changes,
                    Command::ShowComments => BottomTab::Comments,
                    _ => BottomTab::Conflicts,
                };
            }
            _ => {}
        }
    }

    fn go_to_change(&mut self, i: usize) {
        let Some(cmp) = &mut self.view.review.comparison else {
            return;
        };
        let Some(change) = cmp.changes().get(i).cloned() else {
            return;
        };
        cmp.current = Some(i);
        cmp.scroll = true;
        let item = item_of_change(&self.doc.dossier, &change);
        self.view.reveal(item, None);
    }

    fn accept(&mut self, ctx: &egui::Context, change: &Change) {
        let edits = match crate::diff::accept(&self.doc.dossier, change) {
            Ok(edits) => edits,
            Err(e) => {
                self.notices
                    .error(format!("The change was not taken: {e}."));
                return;
            }
        };
        let label = format!("Accept: {}", crate::diff::summary(change));
        if let Err(e) = self.doc.apply(&label, edits) {
            self.notices.error(e.to_string());
            return;
        }
        self.last_edit = ctx.input(|i| i.time);
        self.clamp_selection();
        if let Some(cmp) = &mut self.view.review.comparison {
            cmp.refresh(&self.doc, true);
            cmp.step_back();
        }
    }
}
