//! Every command the user can give, in one list: menus, shortcuts and buttons all read
//! their label and shortcut from here, so they cannot disagree. Commands carry their data
//! (the file to open, the edits to make), so that panels hand the app one list of
//! commands and the app runs them in one place (`app::run_command`).

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::settings::ThemeChoice;
use super::state::Change;
use crate::edit::List;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Edits from a panel, as one undo step.
    Apply(Change),
    /// Open this file (Open recent, a dropped file), asking first if changes would be lost.
    OpenFile(PathBuf),
    /// Add a new item at the end of this list (the outline's "+" buttons).
    AddTo(List),
    /// Pick a spreadsheet (CSV, xlsx, ods) to import into this delegation.
    ImportMembers(usize),
    /// Read this spreadsheet (picked, or dropped on the delegation) for delegation `usize`,
    /// and show what importing it would change.
    ImportMembersFrom(usize, PathBuf),
    /// Pick an image file for this member's photo.
    ChoosePhoto(crate::model::Id),
    /// Set this member's photo from an image file (picked, or dropped onto the member).
    SetPhotoFrom {
        member: crate::model::Id,
        path: PathBuf,
    },
    SetTheme(ThemeChoice),
    /// Select change `n` of the comparison and show its item.
    GoToChange(usize),
    /// Take a colleague's change into the dossier.
    AcceptChange(Box<crate::diff::Change>),
    /// Leave the dossier as it is and hide the change.
    RejectChange(Box<crate::diff::Change>),
    /// Resolve merge conflict `index` with their side, or ours.
    ResolveConflict {
        index: usize,
        theirs: bool,
    },
    CompareWith,
    CompareWithSaved,
    /// Offer again the unsaved edits of sessions that ended without saving.
    RecoverUnsaved,
    CloseComparison,
    NextChange,
    PreviousChange,
    AddComment,
    Approve,
    ShowChanges,
    ShowComments,
    ShowConflicts,
    NewBlank,
    NewFromTemplate,
    Open,
    Save,
    SaveAs,
    ExportPdf,
    Print,
    OpenExportedPdf,
    TogglePreview,
    Quit,
    Undo,
    Redo,
    Find,
    AddItem,
    DuplicateItem,
    RemoveItem,
    MoveUp,
    MoveDown,
    ToggleReadOnly,
    ToggleProblems,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    /// The user guide and the keyboard shortcuts, in a window beside the dossier.
    Help,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Command {
    /// The commands with keyboard shortcuts, in the order shortcuts are checked (longer
    /// modifier combinations first, so Ctrl+Shift+S is not taken for Ctrl+S).
    pub const WITH_SHORTCUTS: [Command; 20] = [
        Self::PreviousChange,
        Self::NextChange,
        Self::AddComment,
        Self::SaveAs,
        Self::TogglePreview,
        Self::ExportPdf,
        Self::Print,
        Self::Redo,
        Self::NewBlank,
        Self::Open,
        Self::Save,
        Self::Quit,
        Self::Undo,
        Self::Find,
        Self::AddItem,
        Self::DuplicateItem,
        Self::RemoveItem,
        Self::MoveUp,
        Self::MoveDown,
        Self::Help,
    ];

    /// Commands offered in menus only (no shortcut, no data).
    pub const MENU_ONLY: [Command; 8] = [
        Self::CompareWith,
        Self::CompareWithSaved,
        Self::RecoverUnsaved,
        Self::CloseComparison,
        Self::Approve,
        Self::ShowChanges,
        Self::ShowComments,
        Self::ShowConflicts,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Self::Apply(_) => "Edit",
            Self::OpenFile(_) => "Open recent",
            Self::AddTo(_) => "Add item",
            Self::ImportMembers(_) => "Import members…",
            Self::ImportMembersFrom(..) => "Import members",
            Self::ChoosePhoto(_) => "Choose photo…",
            Self::SetPhotoFrom { .. } => "Set photo",
            Self::SetTheme(_) => "Theme",
            Self::GoToChange(_) => "Go to change",
            Self::AcceptChange(_) => "Accept change",
            Self::RejectChange(_) => "Reject change",
            Self::ResolveConflict { .. } => "Resolve conflict",
            Self::CompareWith => "Compare with…",
            Self::CompareWithSaved => "Compare with the saved version",
            Self::RecoverUnsaved => "Recover unsaved changes…",
            Self::CloseComparison => "Close comparison",
            Self::NextChange => "Next change",
            Self::PreviousChange => "Previous change",
            Self::AddComment => "Add comment…",
            Self::Approve => "Approve…",
            Self::ShowChanges => "Changes panel",
            Self::ShowComments => "Comments panel",
            Self::ShowConflicts => "Conflicts panel",
            Self::NewBlank => "New dossier",
            Self::NewFromTemplate => "New from template",
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::ExportPdf => "Export PDF…",
            Self::Print => "Print…",
            Self::OpenExportedPdf => "Open PDF",
            Self::TogglePreview => "Print preview",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Find => "Find…",
            Self::AddItem => "Add item",
            Self::DuplicateItem => "Duplicate item",
            Self::RemoveItem => "Remove item",
            Self::MoveUp => "Move up",
            Self::MoveDown => "Move down",
            Self::ToggleReadOnly => "Read-only",
            Self::ToggleProblems => "Problems panel",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Reset zoom",
            Self::Help => "User guide and shortcuts",
        }
    }

    pub fn tooltip(&self) -> &'static str {
        match self {
            Self::AddItem => "Add a new item after the selected one",
            Self::DuplicateItem => "Copy the selected item, with a new id",
            Self::RemoveItem => "Remove the selected item (undo brings it back)",
            Self::MoveUp => "Move the selected item up (earlier in precedence or order)",
            Self::MoveDown => "Move the selected item down",
            Self::ToggleReadOnly => "Review mode: nothing can be edited or saved over the file",
            Self::ExportPdf => "Write the briefing pack as a PDF",
            Self::Print => "Send the briefing pack to a printer",
            Self::OpenExportedPdf => "Show the last exported pack in the PDF viewer",
            Self::TogglePreview => {
                "Show the briefing pack's pages beside the editor, as they will print"
            }
            Self::CompareWith => {
                "See a colleague's copy change by change, and accept or reject each change"
            }
            Self::CompareWithSaved => "See what changed since the file was last saved",
            Self::RecoverUnsaved => {
                "Unsaved changes of an editor that stopped (a crash, a kill), kept for recovery"
            }
            Self::AddComment => "Comment on the selected item or one of its fields",
            Self::Approve => {
                "Record your approval of the content as it stands (it lapses when the content changes)"
            }
            _ => "",
        }
    }

    /// The main shortcut (menus show it).
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let k = |m, key| Some(KeyboardShortcut::new(m, key));
        match self {
            Self::NewBlank => k(CTRL, Key::N),
            Self::Open => k(CTRL, Key::O),
            Self::Save => k(CTRL, Key::S),
            Self::SaveAs => k(CTRL_SHIFT, Key::S),
            Self::ExportPdf => k(CTRL, Key::E),
            Self::Print => k(CTRL, Key::P),
            Self::TogglePreview => k(CTRL_SHIFT, Key::P),
            Self::Quit => k(CTRL, Key::Q),
            Self::Undo => k(CTRL, Key::Z),
            Self::Redo => k(CTRL_SHIFT, Key::Z),
            Self::Find => k(CTRL, Key::F),
            Self::AddItem => k(CTRL, Key::Enter),
            Self::DuplicateItem => k(CTRL, Key::D),
            Self::RemoveItem => k(CTRL, Key::Delete),
            Self::MoveUp => k(Modifiers::ALT, Key::ArrowUp),
            Self::MoveDown => k(Modifiers::ALT, Key::ArrowDown),
            Self::ZoomIn => k(CTRL, Key::Plus),
            Self::ZoomOut => k(CTRL, Key::Minus),
            Self::ZoomReset => k(CTRL, Key::Num0),
            Self::Help => k(Modifiers::NONE, Key::F1),
            Self::NextChange => k(Modifiers::NONE, Key::F8),
            Self::PreviousChange => k(Modifiers::SHIFT, Key::F8),
            Self::AddComment => k(
                Modifiers {
                    alt: true,
                    ..Modifiers::COMMAND
                },
                Key::M,
            ),
            Self::GoToChange(_)
            | Self::AcceptChange(_)
            | Self::RejectChange(_)
            | Self::ResolveConflict { .. }
            | Self::CompareWith
            | Self::CompareWithSaved
            | Self::RecoverUnsaved
            | Self::CloseComparison
            | Self::Approve
            | Self::ShowChanges
            | Self::ShowComments
            | Self::ShowConflicts
            | Self::Apply(_)
            | Self::OpenFile(_)
            | Self::AddTo(_)
            | Self::ChoosePhoto(_)
            | Self::SetPhotoFrom { .. }
            | Self::ImportMembers(_)
            | Self::ImportMembersFrom(..)
            | Self::SetTheme(_)
            | Self::NewFromTemplate
            | Self::ToggleReadOnly
            | Self::ToggleProblems
            | Self::OpenExportedPdf => None,
        }
    }

    /// Other shortcuts that do the same.
    pub fn alternative_shortcut(&self) -> Option<KeyboardShortcut> {
        match self {
            Self::Redo => Some(KeyboardShortcut::new(CTRL, Key::Y)),
            _ => None,
        }
    }

    /// Shortcuts that a focused text field needs for itself (Ctrl+Delete deletes a word)
    /// are only taken when no text field has the keyboard.
    pub fn yields_to_text_fields(&self) -> bool {
        matches!(self, Self::RemoveItem)
    }

    /// Whether the command changes the dossier (and so is off in read-only mode).
    pub fn edits(&self) -> bool {
        matches!(
            self,
            Self::Apply(_)
                | Self::AddTo(_)
                | Self::ChoosePhoto(_)
                | Self::SetPhotoFrom { .. }
                | Self::ImportMembers(_)
                | Self::ImportMembersFrom(..)
                | Self::AcceptChange(_)
                | Self::ResolveConflict { .. }
                | Self::AddComment
                | Self::Approve
                | Self::Undo
                | Self::Redo
                | Self::AddItem
                | Self::DuplicateItem
                | Self::RemoveItem
                | Self::MoveUp
                | Self::MoveDown
        )
    }

    /// Takes this command's shortcut from the frame's input, if it was pressed.
    pub fn consume(&self, ctx: &egui::Context) -> bool {
        let text_focus = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
        if self.yields_to_text_fields() && text_focus {
            return false;
        }
        ctx.input_mut(|i| {
            self.shortcut().is_some_and(|s| i.consume_shortcut(&s))
                || self
                    .alternative_shortcut()
                    .is_some_and(|s| i.consume_shortcut(&s))
        })
    }

    pub fn shortcut_text(&self, ctx: &egui::Context) -> String {
        self.shortcut()
            .map(|s| ctx.format_shortcut(&s))
            .unwrap_or_default()
    }

    /// A menu entry for the command; returns whether it was clicked.
    pub fn menu_button(&self, ui: &mut egui::Ui, enabled: bool) -> bool {
        let button = egui::Button::new(self.label()).shortcut_text(self.shortcut_text(ui.ctx()));
        let mut response = ui.add_enabled(enabled, button);
        if !self.tooltip().is_empty() {
            response = response.on_hover_text(self.tooltip());
        }
        response.clicked()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command that is not built from data, for checks over the whole list.
    fn all() -> Vec<Command> {
        let mut all: Vec<Command> = Command::WITH_SHORTCUTS.to_vec();
        all.extend([
            Command::NewFromTemplate,
            Command::OpenExportedPdf,
            Command::ToggleReadOnly,
            Command::ToggleProblems,
            Command::ZoomIn,
            Command::ZoomOut,
            Command::ZoomReset,
        ]);
        all.extend(Command::MENU_ONLY);
        all
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, &'static str)> = Vec::new();
        for command in all() {
            for shortcut in [command.shortcut(), command.alternative_shortcut()]
                .into_iter()
                .flatten()
            {
                if let Some((_, other)) = seen.iter().find(|(s, _)| *s == shortcut) {
                    panic!(
                        "{:?} is the shortcut of both {other:?} and {:?}",
                        shortcut,
                        command.label()
                    );
                }
                seen.push((shortcut, command.label()));
            }
        }
        assert!(seen.len() >= 16, "the shortcuts were not all looked at");
    }

    #[test]
    fn every_shortcut_is_taken_from_the_keyboard() {
        // A command with a shortcut that is not in WITH_SHORTCUTS would show a shortcut in
        // its menu that does nothing (zoom is egui's own).
        for command in all() {
            let zoom = matches!(
                command,
                Command::ZoomIn | Command::ZoomOut | Command::ZoomReset
            );
            if command.shortcut().is_some() && !zoom {
                assert!(
                    Command::WITH_SHORTCUTS.contains(&command),
                    "{} has a shortcut that is never checked",
                    command.label()
                );
            }
        }
    }

    #[test]
    fn longer_modifier_combinations_are_checked_first() {
        // consume_shortcut ignores extra modifiers: Ctrl+S would take Ctrl+Shift+S.
        let order = Command::WITH_SHORTCUTS;
        for (i, a) in order.iter().enumerate() {
            for b in &order[i + 1..] {
                let (Some(sa), Some(sb)) = (a.shortcut(), b.shortcut()) else {
                    continue;
                };
                assert!(
                    !(sa.logical_key == sb.logical_key
                        && sb.modifiers.contains(sa.modifiers)
                        && sb.modifiers != sa.modifiers),
                    "{} is checked before {} and would take its shortcut",
                    a.label(),
                    b.label()
                );
            }
        }
    }
}
