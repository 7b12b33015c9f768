//! The window's frame around the editor: menu bar, status bar, marking banner, and the
//! bottom panel with problems and search results.

use egui::{Color32, Panel, RichText, ScrollArea, Ui};

use super::command::Command;
use super::document::Document;
use super::settings::{Settings, ThemeChoice};
use super::state::{Output, View};
use super::widgets::marking_colour;
use crate::model::{ItemRef, Severity};

pub fn menu_bar(
    ui: &mut Ui,
    doc: &Document,
    settings: &Settings,
    exported: bool,
    view_comparing: bool,
    out: &mut Output,
) {
    Panel::top("menu-bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for command in [Command::NewBlank, Command::NewFromTemplate, Command::Open] {
                    if command.menu_button(ui, true) {
                        out.commands.push(command);
                    }
                }
                ui.menu_button("Open recent", |ui| {
                    if settings.recent.is_empty() {
                        ui.label(RichText::new("No recent files").weak());
                    }
                    for path in &settings.recent {
                        let name = path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        if ui
                            .button(name)
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            out.push(Command::OpenFile(path.clone()));
                        }
                    }
                });
                ui.separator();
                if Command::Save.menu_button(ui, !doc.read_only) {
                    out.commands.push(Command::Save);
                }
                if Command::SaveAs.menu_button(ui, true) {
                    out.commands.push(Command::SaveAs);
                }
                ui.separator();
                if Command::ExportPdf.menu_button(ui, true) {
                    out.commands.push(Command::ExportPdf);
                }
                if Command::Print.menu_button(ui, true) {
                    out.commands.push(Command::Print);
                }
                if Command::OpenExportedPdf.menu_button(ui, exported) {
                    out.commands.push(Command::OpenExportedPdf);
                }
                ui.separator();
                if Command::CompareWith.menu_button(ui, true) {
                    out.push(Command::CompareWith);
                }
                if Command::CompareWithSaved.menu_button(ui, doc.path.is_some()) {
                    out.push(Command::CompareWithSaved);
                }
                if Command::RecoverUnsaved.menu_button(ui, true) {
                    out.push(Command::RecoverUnsaved);
                }
                ui.separator();
                if Command::Quit.menu_button(ui, true) {
                    out.commands.push(Command::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                let editable = !doc.read_only;
                let undo = match doc.history.undo_label() {
                    Some(l) => format!("Undo {l}"),
                    None => "Undo".to_owned(),
                };
                let redo = match doc.history.redo_label() {
                    Some(l) => format!("Redo {l}"),
                    None => "Redo".to_owned(),
                };
                for (command, text, enabled) in [
                    (Command::Undo, undo, editable && doc.history.can_undo()),
                    (Command::Redo, redo, editable && doc.history.can_redo()),
                ] {
                    let button =
                        egui::Button::new(text).shortcut_text(command.shortcut_text(ui.ctx()));
                    if ui.add_enabled(enabled, button).clicked() {
                        out.commands.push(command);
                    }
                }
                ui.separator();
                for command in [
                    Command::AddItem,
                    Command::DuplicateItem,
                    Command::RemoveItem,
                    Command::MoveUp,
                    Command::MoveDown,
                ] {
                    if command.menu_button(ui, editable) {
                        out.commands.push(command);
                    }
                }
                ui.separator();
                if Command::Find.menu_button(ui, true) {
                    out.commands.push(Command::Find);
                }
            });
            ui.menu_button("View", |ui| {
                let mut read_only = doc.read_only;
                if ui
                    .checkbox(&mut read_only, Command::ToggleReadOnly.label())
                    .on_hover_text(Command::ToggleReadOnly.tooltip())
                    .clicked()
                {
                    out.commands.push(Command::ToggleReadOnly);
                }
                let mut preview = settings.show_preview;
                if ui
                    .checkbox(&mut preview, Command::TogglePreview.label())
                    .on_hover_text(format!(
                        "{} ({})",
                        Command::TogglePreview.tooltip(),
                        Command::TogglePreview.shortcut_text(ui.ctx())
                    ))
                    .clicked()
                {
                    out.commands.push(Command::TogglePreview);
                }
                let mut problems = settings.show_problems;
                if ui
                    .checkbox(&mut problems, Command::ToggleProblems.label())
                    .clicked()
                {
                    out.commands.push(Command::ToggleProblems);
                }
                ui.separator();
                ui.label(RichText::new("Theme").weak());
                for theme in ThemeChoice::ALL {
                    if ui.radio(settings.theme == theme, theme.label()).clicked() {
                        out.push(Command::SetTheme(theme));
                    }
                }
                ui.separator();
                for command in [Command::ZoomIn, Command::ZoomOut, Command::ZoomReset] {
                    if command.menu_button(ui, true) {
                        out.commands.push(command);
                    }
                }
            });
            ui.menu_button("Review", |ui| {
                let editable = !doc.read_only;
                for (command, enabled) in [
                    (Command::AddComment, editable),
                    (Command::Approve, editable),
                ] {
                    if command.menu_button(ui, enabled) {
                        out.push(command);
                    }
                }
                ui.separator();
                let comparing = view_comparing;
                for (command, enabled) in [
                    (Command::NextChange, comparing),
                    (Command::PreviousChange, comparing),
                    (Command::CloseComparison, comparing),
                ] {
                    if command.menu_button(ui, enabled) {
                        out.push(command);
                    }
                }
                ui.separator();
                for command in [
                    Command::ShowChanges,
                    Command::ShowComments,
                    Command::ShowConflicts,
                ] {
                    if command.menu_button(ui, true) {
                        out.push(command);
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                if Command::Help.menu_button(ui, true) {
                    out.push(Command::Help);
                }
                ui.separator();
                ui.label(format!("Attaché {}", env!("CARGO_PKG_VERSION")));
                ui.label("Structured dossiers for official visits.");
                ui.separator();
                ui.label("Long text accepts light markup:");
                ui.label("  blank line: new paragraph");
                ui.label("  - item: bullet     1. item: numbered");
                ui.label("  *emphasis*     **strong**");
                ui.separator();
                ui.label("Alt+Up / Alt+Down move the selected item (precedence).");
            });
        });
    });
}

pub fn status_bar(ui: &mut Ui, doc: &Document) {
    Panel::bottom("status-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let file = doc
                .path
                .as_ref()
                .map_or_else(|| "Not saved yet".to_owned(), |p| p.display().to_string());
            ui.label(file);
            if doc.is_dirty() || doc.path.is_some() {
                ui.separator();
            }
            if doc.is_dirty() {
                ui.label(RichText::new("Unsaved changes").color(ui.visuals().warn_fg_color));
                if doc.recovery_kept {
                    ui.label(RichText::new("(kept for recovery)").weak()).on_hover_text(
                        "A copy of the unsaved changes is in your data folder: after a crash,                          the next start offers them back.",
                    );
                }
            } else if doc.path.is_some() {
                // A dossier never saved is said once, by the file's place above.
                ui.label("Saved");
            }
            if doc.read_only {
                ui.separator();
                ui.label(RichText::new("Read-only").strong());
            }
            if let Some(who) = &doc.shared_with {
                ui.separator();
                ui.label(RichText::new("Also open elsewhere").color(ui.visuals().warn_fg_color))
                    .on_hover_text(format!("Open for editing by {who} too"));
            }
            ui.separator();
            let d = &doc.dossier;
            ui.label(
                RichText::new(d.meta.marking.to_string())
                    .color(marking_colour(&d.scheme, &d.meta.marking))
                    .strong(),
            );
            ui.separator();
            let errors = doc.error_count();
            let warnings = doc.problems().len() - errors;
            let text = match (errors, warnings) {
                (0, 0) => "No problems".to_owned(),
                (e, w) => format!(
                    "{e} error{}, {w} warning{}",
                    if e == 1 { "" } else { "s" },
                    if w == 1 { "" } else { "s" }
                ),
            };
            let colour = if errors > 0 {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().text_color()
            };
            ui.label(RichText::new(text).color(colour));
            for (approval, current) in doc.approvals() {
                ui.separator();
                if *current {
                    ui.label(format!("✔ {}", approval.line()));
                } else {
                    ui.label(
                        RichText::new(format!(
                            "⚠ The approval by {} is stale: the content changed since {}",
                            approval.by,
                            approval.at.long()
                        ))
                        .color(ui.visuals().warn_fg_color),
                    );
                }
            }
        });
    });
}

/// The dossier's marking, in capitals across the top of the editor.
pub fn marking_banner(ui: &mut Ui, doc: &Document) {
    let d = &doc.dossier;
    let colour = marking_colour(&d.scheme, &d.meta.marking);
    egui::Frame::new()
        .fill(colour)
        .inner_margin(4.0)
        .corner_radius(2.0)
        .show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.label(
                    RichText::new(d.meta.marking.to_string())
                        .color(Color32::WHITE)
                        .strong()
                        .size(15.0),
                )
                .on_hover_text("The dossier's marking: no part of it may be marked higher");
            });
        });
    ui.add_space(6.0);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BottomTab {
    Problems,
    Search,
    Changes,
    Comments,
    Conflicts,
}

/// Search across every text field of the dossier.
#[derive(Default)]
pub struct Search {
    pub query: String,
    pub focus: bool,
    pub hits: Vec<(ItemRef, &'static str, String)>,
    pub current: usize,
    /// The query and dossier generation the hits were found for.
    searched: Option<(String, u64)>,
}

impl Search {
    pub fn invalidate(&mut self) {
        self.searched = None;
    }

    /// Finds the hits again when the query or the dossier changed.
    pub fn refresh(&mut self, doc: &Document) {
        let key = (self.query.clone(), doc.history.generation());
        if self.searched.as_ref() == Some(&key) {
            return;
        }
        self.hits.clear();
        self.current = 0;
        let needle = self.query.trim().to_lowercase();
        if !needle.is_empty() {
            doc.dossier.for_each_text(|item, field, text| {
                if let Some(at) = find_ignoring_case(text, &needle) {
                    self.hits.push((item, field, snippet(text, at)));
                }
            });
        }
        self.searched = Some(key);
    }
}

fn find_ignoring_case(text: &str, needle: &str) -> Option<usize> {
    if text.is_ascii() && needle.is_ascii() {
        return text
            .as_bytes()
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()));
    }
    text.to_lowercase().find(needle).map(|_| 0)
}

fn snippet(text: &str, at: usize) -> String {
    let start = text[..at.min(text.len())]
        .char_indices()
        .rev()
        .nth(30)
        .map_or(0, |(i, _)| i);
    let s: String = text[start..].chars().take(90).collect();
    let s = s.replace('\n', " ");
    if start > 0 { format!("…{s}") } else { s }
}

pub fn bottom_panel(
    ui: &mut Ui,
    doc: &Document,
    view: &mut View,
    settings: &mut Settings,
    out: &mut Output,
) {
    // A comparison needs its heading, the selected change's two values and a list below
    // them: never fewer than a few rows of it.
    let comparing = view.bottom_tab == BottomTab::Changes && view.review.comparison.is_some();
    Panel::bottom("bottom-panel")
        .resizable(true)
        .default_size(220.0)
        .min_size(if comparing { 260.0 } else { 90.0 })
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let problems = doc.problems().len();
                ui.selectable_value(
                    &mut view.bottom_tab,
                    BottomTab::Problems,
                    format!("Problems ({problems})"),
                );
                ui.selectable_value(
                    &mut view.bottom_tab,
                    BottomTab::Search,
                    format!("Search ({})", view.search.hits.len()),
                );
                let changes = view
                    .review
                    .comparison
                    .as_ref()
                    .map_or(String::new(), |c| format!(" ({})", c.changes().len()));
                ui.selectable_value(
                    &mut view.bottom_tab,
                    BottomTab::Changes,
                    format!("Changes{changes}"),
                );
                let open = doc.dossier.comments.iter().filter(|c| !c.resolved).count();
                ui.selectable_value(
                    &mut view.bottom_tab,
                    BottomTab::Comments,
                    format!("Comments ({open})"),
                );
                let conflicts = doc.dossier.conflicts.len();
                if conflicts > 0 || view.bottom_tab == BottomTab::Conflicts {
                    let text = RichText::new(format!("Conflicts ({conflicts})"));
                    // Red until chosen; on the selection colour red would be unreadable.
                    let text = if view.bottom_tab == BottomTab::Conflicts || conflicts == 0 {
                        text
                    } else {
                        text.color(ui.visuals().error_fg_color)
                    };
                    ui.selectable_value(&mut view.bottom_tab, BottomTab::Conflicts, text);
                }
            });
            ui.separator();
            match view.bottom_tab {
                BottomTab::Problems => problems(ui, doc, view),
                BottomTab::Search => search(ui, doc, view),
                BottomTab::Changes => super::review::changes(ui, doc, view, out),
                BottomTab::Comments => super::review::comments(ui, doc, view, settings, out),
                BottomTab::Conflicts => super::review::conflicts(ui, doc, view, out),
            }
        });
}

fn problems(ui: &mut Ui, doc: &Document, view: &mut View) {
    let list = doc.problems();
    if list.is_empty() {
        ui.label("No problems: the dossier passes every check.");
        return;
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    ScrollArea::vertical()
        .auto_shrink(false)
        .show_rows(ui, row_height, list.len(), |ui, rows| {
            for p in &list[rows] {
                let (icon, colour) = match p.severity {
                    Severity::Error => ("⛔", ui.visuals().error_fg_color),
                    Severity::Warning => ("⚠", ui.visuals().warn_fg_color),
                };
                let text = format!("{icon} {}: {}", p.path(&doc.dossier), p.message);
                if ui
                    .add(egui::Button::selectable(
                        false,
                        RichText::new(text).color(colour),
                    ))
                    .clicked()
                {
                    view.reveal(p.item, p.field);
                }
            }
        });
}

fn search(ui: &mut Ui, doc: &Document, view: &mut View) {
    // (hit, whether the keyboard should go to the field)
    let mut jump = None;
    ui.horizontal(|ui| {
        let label = ui.label("Find");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut view.search.query)
                    .hint_text("text anywhere in the dossier")
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
        if view.search.focus {
            response.request_focus();
            view.search.focus = false;
        }
        let n = view.search.hits.len();
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && n > 0 {
            // Enter steps through the hits and leaves the keyboard here for the next one.
            jump = Some((view.search.current, false));
            view.search.current = (view.search.current + 1) % n;
            response.request_focus();
        }
        if n > 0 {
            ui.label(format!("{n} match{}", if n == 1 { "" } else { "es" }));
        } else if !view.search.query.trim().is_empty() {
            ui.label("No matches");
        }
    });
    let hits = view.search.hits.clone();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    ScrollArea::vertical()
        .auto_shrink(false)
        .show_rows(ui, row_height, hits.len(), |ui, rows| {
            for i in rows {
                let (item, field, snippet) = &hits[i];
                let text = format!("{}: {snippet}", item.describe(&doc.dossier, Some(field)));
                let current = view.search.current == (i + 1) % hits.len().max(1);
                if ui
                    .add(egui::Button::selectable(current, text).truncate())
                    .clicked()
                {
                    jump = Some((i, true));
                }
            }
        });
    if let Some((i, take_keyboard)) = jump
        && let Some((item, field, _)) = hits.get(i)
    {
        view.reveal(*item, take_keyboard.then_some(*field));
    }
}
