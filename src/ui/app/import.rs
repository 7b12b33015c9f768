//! Importing a delegation list in the editor: the list is read and checked as the command
//! line checks it, what it would change is shown (the review's change list), and only
//! then, if the user agrees, applied as one undoable edit.

use std::path::{Path, PathBuf};

use egui::{Id, Modal};

use super::super::state::Change;
use super::super::widgets;
use super::{AttacheApp, Question};
use crate::edit::{Edit, Item, List};
use crate::model::Member;
use crate::sheet;
use crate::store;

/// A list read and checked, waiting for the user's yes.
pub struct PendingImport {
    pub delegation: usize,
    /// The list's file name, as the question names it.
    pub file: String,
    /// The list, to read again in the other order of dates if the user says so.
    path: PathBuf,
    options: sheet::Options,
    /// The delegation's members with the list applied.
    pub members: Vec<Member>,
    pub done: sheet::Imported,
    /// What changes, one line each.
    pub changes: Vec<String>,
    /// Each new member with their details.
    pub new: Vec<String>,
    /// The history generation the list was read against: an edit since makes it stale.
    generation: u64,
}

/// The preview's choice that reads the list again: the order of its dates, or how to
/// read a column.
enum Reread {
    Dates(sheet::DateOrder),
    Column(String, Option<sheet::Field>),
}

impl AttacheApp {
    /// Reads a list for delegation `di` and asks before importing it; a list that cannot
    /// be imported is refused with its row and column, and nothing changes.
    pub(super) fn read_list(&mut self, di: usize, path: &Path) {
        self.read_list_with(di, path, sheet::Options::default());
    }

    fn read_list_with(&mut self, di: usize, path: &Path, options: sheet::Options) {
        if di >= self.doc.dossier.delegations.len() {
            return;
        }
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let Some(kind) = sheet::Kind::of(path) else {
            self.notices.error(format!(
                "{file}: a list is read from .csv, .xlsx or .ods. Nothing was imported."
            ));
            return;
        };
        let read = store::read_file(path, sheet::MAX_BYTES)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                sheet::import_into(&self.doc.dossier, di, &bytes, kind, &options).map_err(|e| {
                    match e {
                        sheet::Refused::List(e) => format!("{file}: {e}"),
                        sheet::Refused::Problems(p) => format!(
                            "{file}: the list would add {} problem(s) to the dossier: {}",
                            p.len(),
                            p.iter().take(3).cloned().collect::<Vec<_>>().join("; ")
                        ),
                    }
                })
            });
        match read {
            Ok((new, done)) => {
                // Who is added, updated or left as they were, in the words and lines of
                // the command line's dry run.
                let changes = crate::diff::diff(&self.doc.dossier, &new);
                let changes = if changes.is_empty() {
                    Vec::new()
                } else {
                    crate::diff::text(&changes, crate::diff::Color::Never)
                        .lines()
                        .map(str::to_owned)
                        .collect()
                };
                self.questions.ask(Question::Import(Box::new(PendingImport {
                    delegation: di,
                    file,
                    path: path.to_owned(),
                    options,
                    new: new.delegations[di]
                        .members
                        .iter()
                        .skip(self.doc.dossier.delegations[di].members.len())
                        .map(sheet::describe_new)
                        .collect(),
                    members: new.delegations[di].members.clone(),
                    done,
                    changes,
                    generation: self.doc.history.generation(),
                })));
                self.notices.forget("Nothing was imported.");
            }
            Err(why) => self.notices.error(format!("{why}. Nothing was imported.")),
        }
    }

    pub(super) fn import_modal(&mut self, ctx: &egui::Context) {
        let Some(Question::Import(pending)) = self.questions.current() else {
            return;
        };
        let d = &self.doc.dossier;
        let name = d
            .delegations
            .get(pending.delegation)
            .map_or_else(String::new, |del| del.name.clone());
        let mut answer = None;
        let mut reread = None;
        let modal = Modal::new(Id::unique("import-members")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            widgets::heading(ui, &format!("Import {} into {name}?", pending.file));
            let done = &pending.done;
            ui.label(format!("{}.", done.summary()));
            // How the list was read, as the command line says it: what the officer
            // checks before saying yes.
            let reading = &done.reading;
            for line in reading.lines() {
                ui.label(line);
            }
            if let Some((order, _)) = reading.dates {
                ui.horizontal(|ui| {
                    ui.label("Dates are written");
                    for o in [sheet::DateOrder::DayFirst, sheet::DateOrder::MonthFirst] {
                        if ui.radio(order == o, o.describe()).clicked() && order != o {
                            reread = Some(Reread::Dates(o));
                        }
                    }
                });
            }
            // A column not read can be read as a field: the list is read again so. The
            // fields open in place (a popup over a modal takes no clicks).
            let named = reading.unread.iter().filter(|u| !u.header.is_empty());
            for (k, unread) in named.enumerate() {
                egui::CollapsingHeader::new(format!(
                    "Read column {} {:?} as…",
                    unread.column, unread.header
                ))
                .id_salt(("read-column-as", k))
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        for f in sheet::Field::CHOICES {
                            if ui.small_button(f.label()).clicked() {
                                reread = Some(Reread::Column(unread.header.clone(), Some(f)));
                            }
                        }
                    });
                });
            }
            for line in reading.warning_lines() {
                ui.label(
                    egui::RichText::new(format!("⚠ {line}")).color(ui.visuals().warn_fg_color),
                );
            }
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    if pending.changes.is_empty() {
                        ui.label("The list changes nothing.");
                    }
                    // The new members' details, which the change list does not show: a
                    // date read the wrong way is seen here.
                    for line in &pending.new {
                        ui.label(format!("New: {line}"));
                    }
                    for c in &pending.changes {
                        ui.label(c);
                    }
                });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(!pending.changes.is_empty(), egui::Button::new("Import"))
                    .clicked()
                {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(false);
                }
            });
        });
        if let Some(order) = reread {
            // Read again in the order the user says: the question is asked anew.
            if let Some(Question::Import(pending)) = self.questions.answered() {
                let mut options = pending.options;
                match order {
                    Reread::Dates(order) => options.date_order = Some(order),
                    Reread::Column(header, field) => {
                        options.columns.retain(|(h, _)| *h != header);
                        options.columns.push((header, field));
                    }
                }
                self.read_list_with(pending.delegation, &pending.path, options);
            }
            return;
        }
        if modal.should_close() && answer.is_none() {
            answer = Some(false);
        }
        let Some(yes) = answer else { return };
        let Some(Question::Import(pending)) = self.questions.answered() else {
            return;
        };
        if !yes {
            return;
        }
        if pending.generation != self.doc.history.generation() {
            self.notices
                .error("The dossier changed while the list was shown: import it again.".to_owned());
            return;
        }
        let di = pending.delegation;
        let old = &self.doc.dossier.delegations[di].members;
        // Updated members where they are, new ones after the last: one step to undo.
        let mut edits = Vec::new();
        for (i, m) in pending.members.iter().enumerate() {
            let item = Item::Member(Box::new(m.clone()));
            match old.get(i) {
                Some(o) if o == m => {}
                Some(_) => edits.push(Edit::Replace {
                    list: List::Members(di),
                    index: i,
                    item,
                }),
                None => edits.push(Edit::Insert {
                    list: List::Members(di),
                    index: i,
                    item,
                }),
            }
        }
        if edits.is_empty() {
            return;
        }
        self.apply_change(
            ctx,
            Change {
                label: format!("Import members from {}", pending.file),
                field: None,
                edits,
            },
        );
        self.notices.info(format!(
            "Imported {}: {} added, {} updated",
            pending.file, pending.done.added, pending.done.updated
        ));
    }
}
