//! Help › User guide (F1): the guide in `docs/guide.md`, built into the binary so that it
//! is there wherever Attaché is installed, and the keyboard shortcuts, read from the one
//! command list (a shortcut added to a command shows here without anyone writing it down).

use egui::{RichText, ScrollArea, Ui};

use super::command::Command;

const GUIDE: &str = include_str!("../../docs/guide.md");

/// Keys that fields and tables answer to, which are not commands.
const IN_FIELDS: [(&str, &str); 5] = [
    (
        "Tab / Shift+Tab",
        "Next / previous field, along a row and on to the next",
    ),
    ("Enter", "Keep what was typed"),
    ("Escape", "Put the field back as it was; close a question"),
    ("F8 / Shift+F8", "Next / previous change, while comparing"),
    (
        "Ctrl+Plus / Ctrl+Minus / Ctrl+0",
        "Zoom in, out, back to normal",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Page {
    #[default]
    Guide,
    Shortcuts,
}

/// Shows the help window while `open`; its close button closes it.
pub fn show(ctx: &egui::Context, open: &mut bool, page: &mut Page) {
    egui::Window::new("Attaché help")
        .open(open)
        .default_size([560.0, 520.0])
        .collapsible(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(page, Page::Guide, "User guide");
                ui.selectable_value(page, Page::Shortcuts, "Keyboard shortcuts");
            });
            ui.separator();
            ScrollArea::vertical()
                .auto_shrink(false)
                .show(ui, |ui| match page {
                    Page::Guide => guide(ui),
                    Page::Shortcuts => shortcuts(ui),
                });
        });
}

/// The guide's Markdown as the window shows it: headings, bullets and paragraphs.
fn guide(ui: &mut Ui) {
    for line in GUIDE.lines() {
        if let Some(title) = line.strip_prefix("# ") {
            ui.label(RichText::new(title).heading());
        } else if let Some(heading) = line.strip_prefix("## ") {
            ui.add_space(8.0);
            ui.label(RichText::new(heading).strong().size(16.0));
        } else if let Some(item) = line.strip_prefix("- ") {
            ui.horizontal_wrapped(|ui| {
                ui.label("•");
                ui.add(egui::Label::new(item).wrap());
            });
        } else if !line.trim().is_empty() {
            ui.add(egui::Label::new(line).wrap());
        }
    }
}

fn shortcuts(ui: &mut Ui) {
    egui::Grid::new("shortcuts")
        .num_columns(2)
        .striped(true)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            for command in Command::WITH_SHORTCUTS {
                ui.label(RichText::new(command.shortcut_text(ui.ctx())).monospace());
                ui.label(command.label().trim_end_matches('…'));
                ui.end_row();
            }
            for (keys, what) in IN_FIELDS {
                ui.label(RichText::new(keys).monospace());
                ui.label(what);
                ui.end_row();
            }
        });
}
