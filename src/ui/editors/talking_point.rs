//! One talking point: what the principal should say on a subject.

use egui::{ComboBox, RichText, ScrollArea, Ui};

use super::super::document::Document;
use super::super::state::{Output, View};
use super::super::widgets::{Form, heading};
use super::{form_grid, item_toolbar};
use crate::edit::{Edit, Item, List};
use crate::model::{IfRaised, Priority};

pub fn show(ui: &mut Ui, doc: &Document, view: &mut View, out: &mut Output, i: usize) {
    let d = &doc.dossier;
    let mut tp = d.talking_points[i].clone();
    let mut form = Form::new(doc.read_only, view.focus)
        .fit(ui)
        .marked(view.review.marks(tp.id.as_str()));
    heading(ui, "Talking point");
    item_toolbar(ui, doc, out, "talking point", true);
    ui.add_space(4.0);
    ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        // Keyed by the point, not its place: after a move or an undo the cursor stays in it.
        ui.push_id(("talking-point", tp.id.as_str().to_owned()), |ui| {
            form_grid(ui, "talking-point", |ui| {
                form.text(ui, "Topic", "topic", &mut tp.topic);
                form.text(ui, "Title", "title", &mut tp.title);
                form.choice(
                    ui,
                    "Priority",
                    "priority",
                    &mut tp.priority,
                    &Priority::ALL,
                    Priority::label,
                );
                lead_speaker(ui, doc, &mut form, &mut tp.lead_speaker);
                form.marking(
                    ui,
                    "Marking",
                    "marking",
                    &mut tp.marking,
                    &d.scheme,
                    Some(&d.meta.marking),
                );
                form.multiline(ui, "Objective", "objective", &mut tp.objective);
                form.list(
                    ui,
                    "Key messages",
                    "key_messages",
                    &mut tp.key_messages,
                    "key message",
                );
                form.multiline(ui, "Background", "background", &mut tp.background);
                if_raised(ui, &mut form, &mut tp.if_raised);
                form.multiline(ui, "Press line", "press_line", &mut tp.press_line);
            });
        });
    });
    if let Some(field) = form.changed {
        out.change(
            format!("Edit talking point {}", field.replace('_', " ")),
            Some(field),
            Edit::Replace {
                list: List::TalkingPoints,
                index: i,
                item: Item::TalkingPoint(Box::new(tp)),
            },
        );
    }
    view.focus = form.focus;
}

/// The lead speaker is chosen from our delegation, by id: never typed.
fn lead_speaker(
    ui: &mut Ui,
    doc: &Document,
    form: &mut Form,
    value: &mut Option<crate::model::Id>,
) {
    let d = &doc.dossier;
    let label = ui.label("Lead speaker");
    let before = value.clone();
    let current = match value.as_ref().map(|id| d.member(id)) {
        None => "(none)".to_owned(),
        Some(Some((_, m))) => m.display_name(),
        Some(None) => "(not a member of any delegation)".to_owned(),
    };
    let response = ui
        .add_enabled_ui(!form.read_only, |ui| {
            ComboBox::from_id_salt("lead_speaker")
                .selected_text(crate::ui::bidi::visual(&current).into_owned())
                .width(360.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(value, None, "(none)");
                    match d.our_delegation() {
                        Some(ours) => {
                            for m in &ours.members {
                                let name = m.display_name();
                                ui.selectable_value(
                                    value,
                                    Some(m.id.clone()),
                                    crate::ui::bidi::visual(&name).into_owned(),
                                )
                                .widget_info(|| {
                                    egui::WidgetInfo::selected(
                                        egui::Role::Button,
                                        true,
                                        *value == Some(m.id.clone()),
                                        &name,
                                    )
                                });
                            }
                        }
                        None => {
                            ui.label(
                                RichText::new(
                                    "Mark one delegation as ours to choose a lead speaker.",
                                )
                                .weak(),
                            );
                        }
                    }
                })
                .response
        })
        .inner
        .labelled_by(label.id);
    if *value != before {
        form.changed = Some("lead_speaker");
    }
    if form.focus == Some("lead_speaker") {
        response.request_focus();
        form.focus = None;
    }
    ui.end_row();
}

fn if_raised(ui: &mut Ui, form: &mut Form, items: &mut Vec<IfRaised>) {
    let label = ui.label("If raised");
    ui.vertical(|ui| {
        let mut remove = None;
        for (i, item) in items.iter_mut().enumerate() {
            form.focus_if_new(ui, label.id, i, "if_raised");
            ui.push_id(("if-raised", i), |ui| {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    let they = ui.label("They may raise");
                    form.multiline_unlabelled(ui, "if_raised", &mut item.they_raise, they.id);
                    let ours = ui.label("Our response");
                    form.multiline_unlabelled(ui, "if_raised", &mut item.our_response, ours.id);
                    if !form.read_only && ui.small_button("Remove").clicked() {
                        remove = Some(i);
                    }
                });
            });
        }
        if let Some(i) = remove {
            items.remove(i);
            form.changed = Some("if_raised");
        }
        if !form.read_only && ui.button("Add an “if raised”").clicked() {
            items.push(IfRaised::default());
            Form::added(ui, label.id, items.len() - 1);
            form.changed = Some("if_raised");
        }
    });
    ui.end_row();
}
