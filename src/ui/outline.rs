//! The outline: every part of the dossier, with counts and problem badges.

use egui::{Panel, RichText, ScrollArea, Ui};

use super::command::Command;
use super::document::Document;
use super::state::{Output, Selection, View};
use crate::edit::List;
use crate::model::{ItemRef, Severity};

/// Counts per part of the outline, for badges: a member's with its delegation, a
/// programme item's with the programme, saved packs' and the dossier's with the overview.
#[derive(Default)]
struct Badges {
    meta: usize,
    delegations: Vec<usize>,
    programme: usize,
    talking_points: Vec<usize>,
    security_notes: Vec<usize>,
}

impl Badges {
    fn counting(d: &crate::model::Dossier, items: impl Iterator<Item = ItemRef>) -> Self {
        let mut b = Badges {
            delegations: vec![0; d.delegations.len()],
            talking_points: vec![0; d.talking_points.len()],
            security_notes: vec![0; d.security_notes.len()],
            ..Badges::default()
        };
        for item in items {
            let slot = match item {
                ItemRef::Meta | ItemRef::Scheme | ItemRef::Pack(_) => Some(&mut b.meta),
                ItemRef::Delegation(i) | ItemRef::Member(i, _) => b.delegations.get_mut(i),
                ItemRef::Programme(_) => Some(&mut b.programme),
                ItemRef::TalkingPoint(i) => b.talking_points.get_mut(i),
                ItemRef::SecurityNote(i) => b.security_notes.get_mut(i),
            };
            if let Some(n) = slot {
                *n += 1;
            }
        }
        b
    }
}

/// Problems (errors and warnings) per part.
fn badges(doc: &Document) -> Badges {
    let counted = doc
        .problems()
        .iter()
        .filter(|p| matches!(p.severity, Severity::Error | Severity::Warning))
        .map(|p| p.item);
    Badges::counting(&doc.dossier, counted)
}

/// Open comments per part; detached ones and those on the dossier with the overview,
/// where the Comments panel lists them.
fn comment_badges(doc: &Document) -> Badges {
    let open = doc
        .dossier
        .comments
        .iter()
        .zip(doc.comment_items())
        .filter(|(c, _)| !c.resolved)
        .map(|(_, place)| place.unwrap_or(ItemRef::Meta));
    Badges::counting(&doc.dossier, open)
}

fn entry(
    ui: &mut Ui,
    view: &mut View,
    target: Selection,
    text: String,
    (problems, comments): (usize, usize),
) {
    let selected = view.selection == target;
    // Badges come first so that truncating a long title never hides them.
    let mut shown = String::new();
    let mut tip = text.clone();
    if problems > 0 {
        shown.push_str(&format!("⚠{problems}  "));
        tip.push_str(&format!(
            "\n{problems} problem{} here",
            if problems == 1 { "" } else { "s" }
        ));
    }
    if comments > 0 {
        shown.push_str(&format!("💬{comments}  "));
        tip.push_str(&format!(
            "\n{comments} open comment{} here",
            if comments == 1 { "" } else { "s" }
        ));
    }
    shown.push_str(&text);
    let response = ui
        .add(egui::Button::selectable(selected, shown).truncate())
        .on_hover_text(tip);
    if response.clicked() && !selected {
        view.selection = target;
        if !matches!(target, Selection::Delegation(_)) {
            view.member = None;
        }
        view.focus = None;
    }
}

pub fn show(ui: &mut Ui, doc: &Document, view: &mut View, out: &mut Output) {
    let d = &doc.dossier;
    let b = badges(doc);
    let c = comment_badges(doc);
    Panel::left("outline")
        .resizable(true)
        .default_size(300.0)
        .size_range(200.0..=480.0)
        .show(ui, |ui| {
            ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                ui.add_space(4.0);
                entry(
                    ui,
                    view,
                    Selection::Overview,
                    "Overview".to_owned(),
                    (b.meta, c.meta),
                );

                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!("Delegations ({})", d.delegations.len())).strong(),
                    );
                    if !doc.read_only
                        && ui
                            .small_button("+")
                            .on_hover_text("Add a delegation")
                            .clicked()
                    {
                        out.push(Command::AddTo(List::Delegations));
                    }
                });
                for (i, del) in d.delegations.iter().enumerate() {
                    let name = if del.name.is_empty() {
                        "(unnamed)"
                    } else {
                        del.name.as_str()
                    };
                    let ours = if del.ours { " · ours" } else { "" };
                    entry(
                        ui,
                        view,
                        Selection::Delegation(i),
                        format!("{name} ({}){ours}", del.members.len()),
                        (b.delegations[i], c.delegations[i]),
                    );
                }

                ui.add_space(6.0);
                entry(
                    ui,
                    view,
                    Selection::Programme,
                    format!("Programme ({})", d.programme.len()),
                    (b.programme, c.programme),
                );

                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!("Talking points ({})", d.talking_points.len()))
                            .strong(),
                    );
                    if !doc.read_only
                        && ui
                            .small_button("+")
                            .on_hover_text("Add a talking point")
                            .clicked()
                    {
                        out.push(Command::AddTo(List::TalkingPoints));
                    }
                });
                for (topic, points) in doc.topics() {
                    let problems: usize = points.iter().map(|&i| b.talking_points[i]).sum();
                    let header = if problems > 0 {
                        format!("{topic} ({}) ⚠", points.len())
                    } else {
                        format!("{topic} ({})", points.len())
                    };
                    egui::CollapsingHeader::new(header)
                        .id_salt(("topic", topic))
                        .default_open(points.len() <= 50)
                        .show(ui, |ui| {
                            for &i in points {
                                let title = &d.talking_points[i].title;
                                let title = if title.is_empty() {
                                    "(untitled)"
                                } else {
                                    title.as_str()
                                };
                                entry(
                                    ui,
                                    view,
                                    Selection::TalkingPoint(i),
                                    title.to_owned(),
                                    (b.talking_points[i], c.talking_points[i]),
                                );
                            }
                        });
                }

                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!("Security notes ({})", d.security_notes.len()))
                            .strong(),
                    );
                    if !doc.read_only
                        && ui
                            .small_button("+")
                            .on_hover_text("Add a security note")
                            .clicked()
                    {
                        out.push(Command::AddTo(List::SecurityNotes));
                    }
                });
                for (i, note) in d.security_notes.iter().enumerate() {
                    let region = if note.region.is_empty() {
                        note.title.as_str()
                    } else {
                        note.region.as_str()
                    };
                    let region = if region.is_empty() {
                        "(untitled)"
                    } else {
                        region
                    };
                    entry(
                        ui,
                        view,
                        Selection::SecurityNote(i),
                        region.to_owned(),
                        (b.security_notes[i], c.security_notes[i]),
                    );
                }
            });
        });
}
