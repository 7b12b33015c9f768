//! The Print dialog, the pack choices (saved pack, paper, sections, items) that preview,
//! export and print share, and the background task that exports or prints without
//! freezing the window.

use std::path::PathBuf;
use std::sync::Arc;

use egui::{Id, Modal, Ui};

use super::settings::Settings;
use super::task::Task;
use crate::layout::Paper;
use crate::model::{Dossier, Id as ItemId, Pack, Section};
use crate::print::{Job, MAX_COPIES, PrintError, PrintService, Printer, choose};

/// The preview's header: a saved pack to start from, paper and sections on wrapping rows,
/// and the items to leave out. Returns a pack the user asked to save (not in read-only
/// review).
pub fn pack_choices(
    ui: &mut Ui,
    d: &Dossier,
    settings: &mut Settings,
    read_only: bool,
) -> Option<Pack> {
    let mut saved = None;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Pack");
        saved_pack_choice(ui, d, settings, label.id);
        if !read_only {
            saved = save_as_pack(ui, d, settings);
        }
    });
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Paper");
        paper_choice(ui, settings, label.id);
        ui.separator();
        section_choices(ui, settings);
    });
    leave_out_choices(ui, d, settings);
    saved
}

/// The dossier's saved packs, and the standard pack (the principal's briefing: the
/// programme, delegations, talking points and security notes): choosing one sets the
/// sections and the items left out, which can then be changed for this pack alone.
fn saved_pack_choice(ui: &mut Ui, d: &Dossier, settings: &mut Settings, label: egui::Id) {
    const WHOLE: &str = "Standard pack";
    let whole = settings.sections == Section::STANDARD && settings.left_out.is_empty();
    let current = settings
        .saved_pack(d)
        .and_then(|(i, _)| (i < d.packs.len()).then_some(i));
    let shown = match current {
        Some(i) => d.packs[i].name.as_str(),
        None if whole => WHOLE,
        None => "Custom choice",
    };
    egui::ComboBox::from_id_salt("saved-pack")
        .selected_text(shown)
        .width(220.0)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(whole && current.is_none(), WHOLE)
                .clicked()
            {
                settings.sections = Section::STANDARD.to_vec();
                settings.left_out.clear();
                settings.pack_name = None;
            }
            for (i, pack) in d.packs.iter().enumerate() {
                if ui
                    .selectable_label(current == Some(i), &pack.name)
                    .clicked()
                {
                    settings.sections = pack.sections.clone();
                    settings.left_out = pack.live_exclude(d);
                    settings.pack_name = Some(pack.name.clone());
                }
            }
        })
        .response
        .labelled_by(label)
        .on_hover_text("Packs saved with the dossier, so that everyone prints the same one");
}

/// "Save as pack…": names the current choices; a name already used updates that pack.
fn save_as_pack(ui: &mut Ui, d: &Dossier, settings: &mut Settings) -> Option<Pack> {
    let id = ui.scope_id().with("save-pack-name");
    let mut saved = None;
    ui.menu_button("Save as pack…", |ui| {
        let mut name: String = ui.data_mut(|m| m.get_temp(id)).unwrap_or_default();
        let label = ui.label("Save these choices with the dossier as");
        let edit = ui
            .add(egui::TextEdit::singleline(&mut name).hint_text("e.g. Press office"))
            .labelled_by(label.id);
        if !edit.has_focus() && name.is_empty() {
            edit.request_focus();
        }
        let existing = d.pack_named(&name).map(|(_, p)| p.name.clone());
        let ok = !name.trim().is_empty();
        let text = match &existing {
            Some(old) => format!("Update “{old}”"),
            None => "Save".to_owned(),
        };
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.add_enabled(ok, egui::Button::new(text)).clicked() || (ok && enter) {
            let name = existing.unwrap_or_else(|| name.trim().to_owned());
            saved = Some(Pack::new(name, &settings.sections, &settings.left_out));
            settings.pack_name = saved.as_ref().map(|p| p.name.clone());
            ui.data_mut(|m| m.remove::<String>(id));
            ui.close();
        } else {
            ui.data_mut(|m| m.insert_temp(id, name));
        }
    });
    saved
}

/// The edit that keeps `pack` in the dossier: a new pack at the end, or an update of the
/// pack of that name.
pub fn save_pack_change(d: &Dossier, pack: Pack) -> super::state::Change {
    use crate::edit::{Edit, Item, List};
    let (label, edit) = match d.pack_named(&pack.name) {
        Some((index, _)) => (
            format!("Update pack “{}”", pack.name),
            Edit::Replace {
                list: List::Packs,
                index,
                item: Item::Pack(pack),
            },
        ),
        None => (
            format!("Save pack “{}”", pack.name),
            Edit::Insert {
                list: List::Packs,
                index: d.packs.len(),
                item: Item::Pack(pack),
            },
        ),
    };
    super::state::Change {
        label,
        field: None,
        edits: vec![edit],
    }
}

/// " · 2 items left out", or nothing.
pub fn left_out_note(settings: &Settings) -> String {
    match settings.left_out.len() {
        0 => String::new(),
        1 => " · 1 item left out".to_owned(),
        n => format!(" · {n} items left out"),
    }
}

/// A folded list of the items of the pack's sections, each with a box to keep it in.
fn leave_out_choices(ui: &mut Ui, d: &Dossier, settings: &mut Settings) {
    let title = format!("Items in the pack{}", left_out_note(settings));
    egui::CollapsingHeader::new(title)
        .id_salt("pack-items")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    let mut group = |ui: &mut Ui, heading: &str, items: Vec<(&ItemId, String)>| {
                        if items.is_empty() {
                            return;
                        }
                        ui.label(egui::RichText::new(heading).strong());
                        for (id, label) in items {
                            let mut kept = !settings.left_out.contains(id);
                            if ui.checkbox(&mut kept, label).changed() {
                                if kept {
                                    settings.left_out.retain(|x| x != id);
                                } else {
                                    settings.left_out.push(id.clone());
                                }
                            }
                        }
                    };
                    // Only the sections in the pack, in the pack's order.
                    for section in Section::ALL {
                        if !settings.sections.contains(&section) {
                            continue;
                        }
                        let items: Vec<(&ItemId, String)> = match section {
                            Section::Programme => d
                                .programme
                                .iter()
                                .map(|p| (&p.id, p.title.clone()))
                                .collect(),
                            Section::Delegations => d
                                .delegations
                                .iter()
                                .map(|x| (&x.id, x.name.clone()))
                                .collect(),
                            // Biographies, movements and seats are members': left out
                            // with their delegation.
                            Section::Biographies | Section::Arrivals | Section::Seating => {
                                Vec::new()
                            }
                            Section::TalkingPoints => d
                                .topics()
                                .into_iter()
                                .flat_map(|(_, points)| points)
                                .map(|i| {
                                    (&d.talking_points[i].id, d.talking_points[i].title.clone())
                                })
                                .collect(),
                            Section::SecurityNotes => d
                                .security_notes
                                .iter()
                                .map(|n| (&n.id, n.title.clone()))
                                .collect(),
                        };
                        group(ui, section.title(), items);
                    }
                });
        });
}

fn paper_choice(ui: &mut Ui, settings: &mut Settings, label: egui::Id) {
    egui::ComboBox::from_id_salt("pack-paper")
        .selected_text(settings.paper.label())
        .show_ui(ui, |ui| {
            for p in Paper::ALL {
                ui.selectable_value(&mut settings.paper, p, p.label());
            }
        })
        .response
        .labelled_by(label);
}

fn section_choices(ui: &mut Ui, settings: &mut Settings) {
    for s in Section::ALL {
        let mut on = settings.sections.contains(&s);
        if ui.checkbox(&mut on, s.title()).changed() {
            if on {
                settings.sections.push(s);
                settings.sections.sort();
                settings.sections.dedup();
            } else {
                settings.sections.retain(|x| *x != s);
            }
        }
    }
    ui.checkbox(&mut settings.pack_comments, "Review comments (annex)")
        .on_hover_text(
            "Print the comments as an annex; the banner then counts them at the dossier's marking",
        );
}

/// A value that another thread is working out.
enum Slot<T> {
    Waiting(Task<T>),
    Ready(T),
}

pub struct PrintDialog {
    printers: Slot<Result<Vec<Printer>, PrintError>>,
    printer: Option<String>,
    copies: u32,
}

/// What the user decided in the dialog.
pub enum PrintAnswer {
    Print(Job),
    /// Print the place cards on the chosen printer instead of the pack.
    PrintCards(Job),
    /// Write the place cards as a PDF.
    CardsPdf,
    ExportInstead,
    Cancel,
}

impl PrintDialog {
    /// Opens the dialog; the printers are asked for on another thread, since a print
    /// server on the network may take its time.
    pub fn open(service: Arc<dyn PrintService>, ctx: &egui::Context) -> Self {
        let task = Task::spawn(ctx, "Asking for the printers…", move || {
            service.printers()
        });
        Self {
            printers: Slot::Waiting(task),
            printer: None,
            copies: 1,
        }
    }

    fn poll(&mut self, last: Option<&str>) {
        if let Slot::Waiting(task) = &self.printers {
            let answer = match task.poll() {
                Some(Ok(answer)) => answer,
                None => return,
                Some(Err(_)) => Err(PrintError::Refused(
                    "the printer list could not be read".to_owned(),
                )),
            };
            let answer = answer.and_then(|list| {
                if list.is_empty() {
                    Err(PrintError::NoPrinters)
                } else {
                    Ok(list)
                }
            });
            if let Ok(list) = &answer {
                // The printer used last time, if it is still there; else the default.
                self.printer = choose(list, last).or_else(|_| choose(list, None)).ok();
            }
            self.printers = Slot::Ready(answer);
        }
    }

    /// Draws the dialog. `summary` says what will be printed ("7 pages · marked OFFICIAL").
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        d: &Dossier,
        settings: &mut Settings,
        summary: &str,
        title: &str,
    ) -> Option<PrintAnswer> {
        self.poll(settings.printer.as_deref());
        if matches!(self.printers, Slot::Waiting(_)) {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        let mut answer = None;
        let modal = Modal::new(Id::unique("print-dialog")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            super::widgets::heading(ui, "Print the briefing pack");
            ui.label(summary);
            ui.add_space(8.0);
            egui::Grid::new("print-grid")
                .num_columns(2)
                .spacing([12.0, 10.0])
                .show(ui, |ui| {
                    let label = ui.label("Printer");
                    match &self.printers {
                        Slot::Waiting(_) => {
                            ui.horizontal(|ui| {
                                ui.spinner();
                                ui.label("Looking for printers…");
                            });
                        }
                        Slot::Ready(Err(e)) => {
                            ui.add(
                                egui::Label::new(
                                    egui::RichText::new(capitalised(&e.to_string()))
                                        .color(ui.visuals().error_fg_color),
                                )
                                .wrap(),
                            );
                        }
                        Slot::Ready(Ok(printers)) => {
                            let shown = self.printer.clone().unwrap_or_else(|| "Choose…".into());
                            egui::ComboBox::from_id_salt("printer")
                                .selected_text(shown)
                                .width(300.0)
                                .show_ui(ui, |ui| {
                                    for p in printers {
                                        let text = if p.is_default {
                                            format!("{} (default)", p.name)
                                        } else {
                                            p.name.clone()
                                        };
                                        ui.selectable_value(
                                            &mut self.printer,
                                            Some(p.name.clone()),
                                            text,
                                        );
                                    }
                                })
                                .response
                                .labelled_by(label.id);
                        }
                    }
                    ui.end_row();
                    let label = ui.label("Copies");
                    ui.add(egui::DragValue::new(&mut self.copies).range(1..=MAX_COPIES))
                        .labelled_by(label.id);
                    ui.end_row();
                    if !d.packs.is_empty() {
                        let label = ui.label("Pack");
                        saved_pack_choice(ui, d, settings, label.id);
                        ui.end_row();
                    }
                    let label = ui.label("Paper");
                    paper_choice(ui, settings, label.id);
                    ui.end_row();
                    ui.label("Sections");
                    ui.horizontal_wrapped(|ui| section_choices(ui, settings));
                    ui.end_row();
                });
            leave_out_choices(ui, d, settings);
            if settings.sections.is_empty() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Choose at least one section to print.",
                );
            }
            ui.add_space(8.0);
            let ready = matches!(self.printers, Slot::Ready(Ok(_)))
                && self.printer.is_some()
                && !settings.sections.is_empty();
            ui.horizontal(|ui| {
                let print = ui.add_enabled(ready, egui::Button::new("Print"));
                if print.clicked() || (ready && ui.input(|i| i.key_pressed(egui::Key::Enter))) {
                    settings.printer = self.printer.clone();
                    answer = Some(PrintAnswer::Print(Job {
                        printer: self.printer.clone(),
                        copies: self.copies,
                        title: title.to_owned(),
                        paper: settings.paper,
                    }));
                }
                if matches!(self.printers, Slot::Ready(Err(_)))
                    && ui.button("Export PDF instead…").clicked()
                {
                    answer = Some(PrintAnswer::ExportInstead);
                }
                ui.separator();
                // The same printer and paper; one tent card per named member.
                let cards_ready =
                    matches!(self.printers, Slot::Ready(Ok(_))) && self.printer.is_some();
                if ui
                    .add_enabled(cards_ready, egui::Button::new("Print place cards"))
                    .on_hover_text("One tent card per member, folded along the sheet's long side")
                    .clicked()
                {
                    settings.printer = self.printer.clone();
                    answer = Some(PrintAnswer::PrintCards(Job {
                        printer: self.printer.clone(),
                        copies: self.copies,
                        title: format!("Place cards: {title}"),
                        paper: settings.paper,
                    }));
                }
                if ui.button("Place cards as PDF…").clicked() {
                    answer = Some(PrintAnswer::CardsPdf);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(PrintAnswer::Cancel);
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(PrintAnswer::Cancel);
        }
        answer
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect::<String>() + ".",
        None => String::new(),
    }
}

/// What an export or a print job reports when it is done.
pub struct Done {
    pub notice: String,
    /// The PDF written, for "Open PDF".
    pub exported: Option<PathBuf>,
}

/// An export or print running on another thread, so that a long pack does not freeze the
/// window; a spinner with its label shows while it runs.
pub type PackTask = Task<Result<Done, String>>;
