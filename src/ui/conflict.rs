//! The question asked before a save when someone else saved the dossier's file since we
//! opened it: their version is never replaced without asking. (Merging their version into
//! ours comes with the review tools.)

use egui::{Id, Modal};

/// What the user chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictAnswer {
    /// Open their version, dropping ours (offered first when we have no edits).
    Reload,
    /// Keep ours under another name.
    SaveAs,
    /// Replace their version (kept as NAME.bak), after a second confirmation.
    Overwrite,
    Cancel,
}

/// The question's state: whether "Overwrite" was clicked once and awaits confirmation.
#[derive(Debug, Clone, Default)]
pub struct Conflict {
    confirming: bool,
}

impl Conflict {
    pub fn show(&mut self, ctx: &egui::Context, file: &str, dirty: bool) -> Option<ConflictAnswer> {
        let mut answer = None;
        let modal = Modal::new(Id::unique("changed-on-disk")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            super::widgets::heading(ui, "The file was changed by someone else");
            ui.label(format!(
                "{file} was saved by someone else (or another program) after you opened it. \
                 Saving now would replace their version."
            ));
            ui.add_space(4.0);
            ui.label(if dirty {
                "Keep your changes in another file, reload their version (your unsaved \
                 changes are lost), or overwrite theirs."
            } else {
                "You have no unsaved changes: reload to see their version."
            });
            ui.add_space(8.0);
            if self.confirming {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "Their version will be replaced by yours; it is kept as {file}.bak \
                         until the next save."
                    ),
                );
                ui.horizontal(|ui| {
                    if ui.button("Overwrite their version").clicked() {
                        answer = Some(ConflictAnswer::Overwrite);
                    }
                    if ui.button("Back").clicked() {
                        self.confirming = false;
                    }
                });
                return;
            }
            ui.horizontal(|ui| {
                let reload = if dirty {
                    "Reload theirs, discard mine"
                } else {
                    "Reload"
                };
                if ui.button(reload).clicked() {
                    answer = Some(ConflictAnswer::Reload);
                }
                if ui.button("Save as…").clicked() {
                    answer = Some(ConflictAnswer::SaveAs);
                }
                if ui.button("Overwrite…").clicked() {
                    self.confirming = true;
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(ConflictAnswer::Cancel);
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(ConflictAnswer::Cancel);
        }
        answer
    }
}
