//! The dossier's own details and its marking scheme.

use egui::{RichText, ScrollArea, Ui};

use super::super::document::Document;
use super::super::state::{Output, View};
use super::super::widgets::{Form, heading};
use super::form_grid;
use crate::edit::{Edit, Item};
use crate::model::{EventKind, MarkingScheme, Status};

pub fn show(ui: &mut Ui, doc: &Document, view: &mut View, out: &mut Output) {
    let d = &doc.dossier;
    let mut meta = d.meta.clone();
    let mut form = Form::new(doc.read_only, view.focus)
        .fit(ui)
        .marked(view.review.meta_marks());
    ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        heading(ui, "Overview");
        ui.add_space(6.0);
        form_grid(ui, "meta", |ui| {
            form.text(ui, "Title", "title", &mut meta.title);
            form.text(ui, "Occasion", "occasion", &mut meta.occasion);
            form.choice(ui, "Kind", "kind", &mut meta.kind, &EventKind::ALL, EventKind::label);
            form.date(ui, "Start date", "start_date", &mut meta.start_date);
            form.date(ui, "End date", "end_date", &mut meta.end_date);
            form.text(ui, "Venue", "venue", &mut meta.venue);
            form.text(ui, "Host country", "host_country", &mut meta.host_country);
            form.text(ui, "Guest country", "guest_country", &mut meta.guest_country);
            form.text(ui, "Prepared by", "prepared_by", &mut meta.prepared_by);
            form.text(ui, "Office", "office", &mut meta.office);
            form.text_with_hint(
                ui,
                "Language",
                "language",
                &mut meta.language,
                "en (English) · fr (a French pack) · sw-KE…: the language of packs",
            );
            form.number(ui, "Revision", "revision", &mut meta.revision);
            form.choice(ui, "Status", "status", &mut meta.status, &Status::ALL, Status::label);
            let mut marking = Some(meta.marking.clone());
            form.marking(ui, "Dossier marking", "marking", &mut marking, &d.scheme, None);
            if let Some(m) = marking {
                meta.marking = m;
            }
            form.marking(
                ui,
                "Title page marking",
                "title_marking",
                &mut meta.title_marking,
                &d.scheme,
                Some(&meta.marking),
            );
            form.multiline(ui, "Notes", "notes", &mut meta.notes);
        });
        if let Some(field) = form.changed {
            out.change(format!("Edit {}", field.replace('_', " ")), Some(field), Edit::Set(Item::Meta(Box::new(meta))));
        }

        ui.add_space(16.0);
        heading(ui, "Marking scheme");
        ui.label(
            RichText::new("Levels from lowest to highest. Portion marks use the abbreviation; no part may be marked above the dossier.")
                .weak(),
        );
        ui.add_space(4.0);
        let levels: Vec<String> = d.scheme.levels.iter().map(|l| format!("{} ({})", l.name, l.abbrev)).collect();
        ui.label(format!("{}: {}", d.scheme.name, levels.join("  <  ")));
        if !doc.read_only {
            ui.horizontal(|ui| {
                ui.label("Use a standard scheme:");
                for scheme in [MarkingScheme::official(), MarkingScheme::united_states()] {
                    if ui.add_enabled(scheme != d.scheme, egui::Button::new(&scheme.name)).clicked() {
                        let mut meta = d.meta.clone();
                        meta.marking = scheme.lowest();
                        out.apply(super::super::state::Change {
                            label: format!("Use the {} marking scheme", scheme.name),
                            field: None,
                            edits: vec![Edit::Set(Item::Scheme(scheme)), Edit::Set(Item::Meta(Box::new(meta)))],
                        });
                    }
                }
            });
        }

        ui.add_space(16.0);
        super::packs::show(ui, doc, out);
    });
    view.focus = form.focus;
}
