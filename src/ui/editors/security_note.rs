//! One security note: the situation in a region or on a theme.

use egui::{ScrollArea, Ui};

use super::super::document::Document;
use super::super::state::{Output, View};
use super::super::widgets::{Form, heading};
use super::{form_grid, item_toolbar};
use crate::edit::{Edit, Item, List};
use crate::model::{Source, ThreatLevel};

pub fn show(ui: &mut Ui, doc: &Document, view: &mut View, out: &mut Output, i: usize) {
    let d = &doc.dossier;
    let mut note = d.security_notes[i].clone();
    let mut form = Form::new(doc.read_only, view.focus)
        .fit(ui)
        .marked(view.review.marks(note.id.as_str()));
    heading(ui, "Security note");
    item_toolbar(ui, doc, out, "security note", true);
    ui.add_space(4.0);
    ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        // Keyed by the note, not its place: after a move or an undo the cursor stays in it.
        ui.push_id(("security-note", note.id.as_str().to_owned()), |ui| {
            form_grid(ui, "security-note", |ui| {
                form.text(ui, "Title", "title", &mut note.title);
                form.text(ui, "Region or theme", "region", &mut note.region);
                form.choice(
                    ui,
                    "Threat level",
                    "threat_level",
                    &mut note.threat_level,
                    &ThreatLevel::ALL,
                    ThreatLevel::label,
                );
                form.marking(
                    ui,
                    "Marking",
                    "marking",
                    &mut note.marking,
                    &d.scheme,
                    Some(&d.meta.marking),
                );
                form.multiline(ui, "Summary", "summary", &mut note.summary);
                form.multiline(
                    ui,
                    "Situation and assessment",
                    "assessment",
                    &mut note.assessment,
                );
                form.list(
                    ui,
                    "Key actors",
                    "key_actors",
                    &mut note.key_actors,
                    "key actor",
                );
                form.multiline(ui, "Outlook", "outlook", &mut note.outlook);
                form.multiline(
                    ui,
                    "Recommendations",
                    "recommendations",
                    &mut note.recommendations,
                );
                sources(ui, &mut form, &mut note.sources);
                form.date(
                    ui,
                    "Last reviewed",
                    "last_reviewed",
                    &mut note.last_reviewed,
                );
            });
        });
    });
    if let Some(field) = form.changed {
        out.change(
            format!("Edit security note {}", field.replace('_', " ")),
            Some(field),
            Edit::Replace {
                list: List::SecurityNotes,
                index: i,
                item: Item::SecurityNote(Box::new(note)),
            },
        );
    }
    view.focus = form.focus;
}

fn sources(ui: &mut Ui, form: &mut Form, items: &mut Vec<Source>) {
    let label = ui.label("Sources");
    ui.vertical(|ui| {
        let mut remove = None;
        for (i, source) in items.iter_mut().enumerate() {
            form.focus_if_new(ui, label.id, i, "sources");
            ui.push_id(("source", i), |ui| {
                ui.horizontal(|ui| {
                    let width = form.width - 230.0;
                    form.text_unlabelled(
                        ui,
                        "sources",
                        &mut source.citation,
                        label.id,
                        width.max(200.0),
                    );
                    let date = ui.label("Date");
                    form.date_unlabelled(ui, "sources", &mut source.date, date.id);
                    if !form.read_only
                        && ui
                            .small_button("×")
                            .on_hover_text("Remove this source")
                            .clicked()
                    {
                        remove = Some(i);
                    }
                });
            });
        }
        if let Some(i) = remove {
            items.remove(i);
            form.changed = Some("sources");
        }
        if !form.read_only && ui.button("Add source").clicked() {
            items.push(Source::default());
            Form::added(ui, label.id, items.len() - 1);
            form.changed = Some("sources");
        }
    });
    ui.end_row();
}
