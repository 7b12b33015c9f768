//! The dossier's saved audience packs, under the overview: their names, what they hold
//! and leave out, and removing them. Packs are made and changed in the print preview, where
//! their effect can be seen: choose one, change it, "Save as pack…" under the same name.

use egui::{RichText, Ui};

use super::super::document::Document;
use super::super::state::{Change, Output};
use super::super::widgets::{Form, heading};
use super::form_grid;
use crate::edit::{Edit, Item, List};
use crate::model::{Dossier, Id, Pack};

pub fn show(ui: &mut Ui, doc: &Document, out: &mut Output) {
    let d = &doc.dossier;
    heading(ui, "Saved packs");
    ui.label(
        RichText::new(
            "Audience packs kept with the dossier, so that everyone prints the same one. \
             To make or change one, choose sections and items in the print preview, then \
             “Save as pack…”.",
        )
        .weak(),
    );
    ui.add_space(4.0);
    if d.packs.is_empty() {
        ui.label("No saved packs: every pack is the whole dossier unless chosen otherwise.");
    }
    for (i, pack) in d.packs.iter().enumerate() {
        ui.push_id(("pack", i), |ui| {
            ui.add_space(6.0);
            one(ui, doc, out, i, pack);
        });
    }
}

fn one(ui: &mut Ui, doc: &Document, out: &mut Output, i: usize, pack: &Pack) {
    let d = &doc.dossier;
    let mut renamed = pack.clone();
    let mut form = Form::new(doc.read_only, None).fit(ui);
    ui.label(RichText::new(format!("Pack {}", i + 1)).strong());
    form_grid(ui, "pack", |ui| {
        form.text(ui, "Name", "name", &mut renamed.name);
        ui.label("Sections");
        let sections: Vec<&str> = pack.sections.iter().map(|s| s.title()).collect();
        ui.label(if sections.is_empty() {
            "None".to_owned()
        } else {
            sections.join(", ")
        });
        ui.end_row();
        ui.label("Leaves out");
        ui.add(egui::Label::new(left_out(d, &pack.exclude)).wrap());
        ui.end_row();
    });
    if form.changed.is_some() {
        out.change(
            "Rename pack",
            Some("pack name"),
            Edit::Replace {
                list: List::Packs,
                index: i,
                item: Item::Pack(renamed),
            },
        );
    }
    if !doc.read_only
        && ui
            .button(format!("Remove pack “{}”", pack.name))
            .on_hover_text("The pack's choices are forgotten; the dossier's items stay")
            .clicked()
    {
        out.apply(Change {
            label: format!("Remove pack “{}”", pack.name),
            field: None,
            edits: vec![Edit::Remove {
                list: List::Packs,
                index: i,
            }],
        });
    }
}

/// "Nothing", or the titles of the items left out, each with what it is.
fn left_out(d: &Dossier, ids: &[Id]) -> String {
    if ids.is_empty() {
        return "Nothing".to_owned();
    }
    let names: Vec<String> = ids.iter().map(|id| describe(d, id)).collect();
    names.join("\n")
}

fn describe(d: &Dossier, id: &Id) -> String {
    match d.find(id) {
        Some(item) => item.describe(d, None),
        None => format!("“{id}” (no longer in the dossier)"),
    }
}
