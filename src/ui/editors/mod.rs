//! The central editor for the selected part of the dossier.

mod delegation;
mod overview;
mod packs;
mod programme;
mod security_note;
mod talking_point;

use egui::Ui;

use super::command::Command;
use super::document::Document;
use super::state::{Output, Selection, View};

pub fn show(ui: &mut Ui, doc: &Document, view: &mut View, out: &mut Output) {
    match view.selection {
        Selection::Overview => overview::show(ui, doc, view, out),
        Selection::Delegation(i) if i < doc.dossier.delegations.len() => {
            delegation::show(ui, doc, view, out, i)
        }
        Selection::Programme => programme::show(ui, doc, view, out),
        Selection::TalkingPoint(i) if i < doc.dossier.talking_points.len() => {
            talking_point::show(ui, doc, view, out, i)
        }
        Selection::SecurityNote(i) if i < doc.dossier.security_notes.len() => {
            security_note::show(ui, doc, view, out, i)
        }
        _ => {
            ui.label("Nothing selected.");
        }
    }
    // A focus request is for the frame it was made in; one the editor did not take
    // (its field is not shown) must not linger.
    view.focus = None;
}

/// Buttons for the shared item commands, named for the item ("Add member").
pub fn item_toolbar(
    ui: &mut Ui,
    doc: &Document,
    out: &mut Output,
    noun: &str,
    has_selection: bool,
) {
    ui.horizontal(|ui| {
        let editable = !doc.read_only;
        for (command, text, enabled) in [
            (Command::AddItem, format!("Add {noun}"), editable),
            (
                Command::DuplicateItem,
                "Duplicate".to_owned(),
                editable && has_selection,
            ),
            (
                Command::RemoveItem,
                "Remove".to_owned(),
                editable && has_selection,
            ),
            (
                Command::MoveUp,
                "Move up".to_owned(),
                editable && has_selection,
            ),
            (
                Command::MoveDown,
                "Move down".to_owned(),
                editable && has_selection,
            ),
        ] {
            let shortcut = command.shortcut_text(ui.ctx());
            let tip = if shortcut.is_empty() {
                command.tooltip().to_owned()
            } else {
                format!("{} ({shortcut})", command.tooltip())
            };
            if ui
                .add_enabled(enabled, egui::Button::new(text))
                .on_hover_text(tip)
                .clicked()
            {
                out.commands.push(command);
            }
        }
    });
}

/// The width of a form's label column.
pub const LABEL_WIDTH: f32 = 150.0;

/// A two-column grid for a form.
/// Whether a dropped file is taken for an image (a member's photo) rather than a dossier:
/// by its name, as the drop gives nothing else without reading it.
pub fn is_image(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["jpg", "jpeg", "png"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

pub fn form_grid(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui)) {
    egui::Grid::new(id)
        .num_columns(2)
        .spacing([12.0, 8.0])
        .min_col_width(LABEL_WIDTH)
        .show(ui, add);
}
