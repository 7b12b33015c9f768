//! The question asked when the dossier is open for editing elsewhere (its lock file names
//! someone else): open it read-only, or edit it anyway.

use egui::{Id, Modal};

use super::widgets;
use crate::store::lock::Found;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InUseAnswer {
    ReadOnly,
    EditAnyway,
}

/// The question's state: the file and who has it.
pub struct InUse {
    pub file: String,
    pub holder: Found,
}

impl InUse {
    pub fn show(&self, ctx: &egui::Context) -> Option<InUseAnswer> {
        let mut answer = None;
        let modal = Modal::new(Id::unique("in-use")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            widgets::heading(ui, "This dossier is already open");
            let who = crate::diff::visible_line(&self.holder.describe()).into_owned();
            ui.label(match &self.holder {
                Found::Held(h) => format!(
                    "{} is open for editing by {who} (process {}).",
                    self.file, h.pid
                ),
                Found::Unreadable(_) => format!("{} may be open for editing by {who}.", self.file),
            });
            ui.add_space(4.0);
            ui.label(
                "Open it read-only to look without getting in their way. If you edit it too, \
                 whoever saves second is asked to merge the other's changes: nothing is \
                 overwritten unasked.",
            );
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let read_only = ui.button("Open read-only");
                if read_only.clicked() {
                    answer = Some(InUseAnswer::ReadOnly);
                }
                if ui.button("Edit anyway").clicked() {
                    answer = Some(InUseAnswer::EditAnyway);
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(InUseAnswer::ReadOnly);
        }
        answer
    }
}
