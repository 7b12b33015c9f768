//! The question asked when someone else saved the dossier's file since we opened it (seen
//! by the folder watch, or by the check before every save): their version is never
//! replaced without asking, and with unsaved edits on both sides the first offer is to
//! merge theirs into ours.

use egui::{Id, Modal};

/// What the user chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictAnswer {
    /// Merge their version into ours, three ways (base: the version we opened).
    Merge,
    /// Show their changes against ours in the Changes panel.
    Compare,
    /// Open their version, dropping ours (offered first when we have no edits).
    Reload,
    /// Keep ours under another name.
    SaveAs,
    /// Replace their version (kept as NAME.bak), after a second confirmation.
    Overwrite,
    /// Not now (the check before saving asks again).
    Cancel,
}

/// The question's state: whether "Overwrite" was clicked once and awaits confirmation.
#[derive(Debug, Clone, Default)]
pub struct Conflict {
    confirming: bool,
    /// Who has the file open (from its lock file), likely the one who saved it.
    by: Option<String>,
}

impl Conflict {
    pub fn new(by: Option<String>) -> Self {
        Self {
            confirming: false,
            by,
        }
    }

    pub fn show(&mut self, ctx: &egui::Context, file: &str, dirty: bool) -> Option<ConflictAnswer> {
        let mut answer = None;
        let modal = Modal::new(Id::unique("changed-on-disk")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            super::widgets::heading(ui, "The file was changed by someone else");
            ui.label(format!(
                "{file} was saved by someone else (or another program) after you opened it. \
                 Saving now would replace their version."
            ));
            if let Some(by) = &self.by {
                ui.label(format!("It is open for editing by {by}."));
            }
            ui.add_space(4.0);
            ui.label(if dirty {
                "Merge their changes into yours (changes to the same field two ways are \
                 shown as conflicts), compare the two versions first, keep yours in another \
                 file, or overwrite theirs."
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
            ui.horizontal_wrapped(|ui| {
                if dirty {
                    if ui.button("Merge their changes into mine").clicked() {
                        answer = Some(ConflictAnswer::Merge);
                    }
                    if ui.button("Compare…").clicked() {
                        answer = Some(ConflictAnswer::Compare);
                    }
                }
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
                if ui.button("Not now").clicked() {
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
