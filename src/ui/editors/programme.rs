//! The programme: a list of items in order, and the selected item's details.

use egui::{RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::super::document::Document;
use super::super::state::{Output, View};
use super::super::widgets::{Form, heading};
use super::{form_grid, item_toolbar};
use crate::edit::{Edit, Item, List};

pub fn show(ui: &mut Ui, doc: &Document, view: &mut View, out: &mut Output) {
    let d = &doc.dossier;
    heading(ui, "Programme");
    ui.add_space(4.0);
    item_toolbar(
        ui,
        doc,
        out,
        "programme item",
        view.programme_item.is_some(),
    );
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let list_height = if view.programme_item.is_some() {
        (ui.available_height() * 0.35).max(120.0)
    } else {
        ui.available_height()
    };
    // In a scope of its own: the table's column dividers run to the bottom of the space
    // it is given, which is then the table's and not the item form's below.
    ui.scope(|ui| {
        // The rows' texts are not selectable: a click on a date, time or title selects the
        // row, as a click on the space between them does.
        ui.style_mut().interaction.selectable_labels = false;
        let mut builder = TableBuilder::new(ui)
            .id_salt("programme")
            .striped(true)
            .sense(Sense::click())
            .max_scroll_height(list_height)
            .auto_shrink([false, true])
            .column(Column::exact(90.0))
            .column(Column::exact(100.0))
            .column(Column::initial(320.0).resizable(true).clip(true))
            .column(Column::remainder().clip(true));
        if view.scroll_to_selection
            && let Some(i) = view.programme_item
        {
            builder = builder.scroll_to_row(i, Some(egui::Align::Center));
            view.scroll_to_selection = false;
        }
        builder
            .header(22.0, |mut h| {
                for name in ["Date", "Time", "Title", "Location"] {
                    h.col(|ui| {
                        ui.label(RichText::new(name).strong());
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, d.programme.len(), |mut row| {
                    let i = row.index();
                    let p = &d.programme[i];
                    row.set_selected(view.programme_item == Some(i));
                    row.col(|ui| {
                        ui.label(
                            p.date
                                .map(|d| d.to_string())
                                .unwrap_or_else(|| "date TBC".to_owned()),
                        );
                    });
                    row.col(|ui| {
                        let time = match (p.start, p.end) {
                            (Some(s), Some(e)) => format!("{s}–{e}"),
                            (Some(s), None) => s.to_string(),
                            _ => "time TBC".to_owned(),
                        };
                        ui.label(time);
                    });
                    row.col(|ui| {
                        ui.label(if p.title.is_empty() {
                            "(untitled)"
                        } else {
                            p.title.as_str()
                        });
                    });
                    row.col(|ui| {
                        ui.label(&p.location);
                    });
                    if row.response().clicked() {
                        view.programme_item = Some(i);
                    }
                });
            });
    });

    let Some(i) = view.programme_item.filter(|&i| i < d.programme.len()) else {
        if d.programme.is_empty() {
            ui.label("No programme items yet.");
        }
        return;
    };
    ui.separator();
    let mut item = d.programme[i].clone();
    let mut form = Form::new(doc.read_only, view.focus)
        .fit(ui)
        .marked(view.review.marks(item.id.as_str()));
    egui::ScrollArea::vertical()
        .id_salt("programme-item")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.push_id(("programme", item.id.as_str().to_owned()), |ui| {
                form_grid(ui, "programme-item", |ui| {
                    form.text(ui, "Title", "title", &mut item.title);
                    form.date(ui, "Date", "date", &mut item.date);
                    let label = ui.label("Time");
                    ui.horizontal(|ui| {
                        form.time_unlabelled(ui, "start", &mut item.start, label.id);
                        ui.label("to");
                        form.time_unlabelled(ui, "end", &mut item.end, label.id);
                    });
                    ui.end_row();
                    form.text(ui, "Location", "location", &mut item.location);
                    form.text(ui, "Participants", "participants", &mut item.participants);
                    form.marking(
                        ui,
                        "Marking",
                        "marking",
                        &mut item.marking,
                        &d.scheme,
                        Some(&d.meta.marking),
                    );
                    form.multiline(ui, "Notes", "notes", &mut item.notes);
                });
            });
        });
    if let Some(field) = form.changed {
        out.change(
            format!("Edit programme {}", field.replace('_', " ")),
            Some(field),
            Edit::Replace {
                list: List::Programme,
                index: i,
                item: Item::Programme(item),
            },
        );
    }
    view.focus = form.focus;
}
