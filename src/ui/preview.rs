//! The print preview: the pack's pages as the PDF will print them, drawn from the same
//! layout the PDF writer uses.

use std::sync::Arc;

use egui::{Color32, FontFamily, FontId, Panel, Pos2, Rect, ScrollArea, Stroke, Ui, vec2};

use super::document::Document;
use super::fonts;
use super::task::Task;
use crate::layout::{Colour, Item, Laid, PackOptions, Style, lay_out};

/// What a layout is made from: the document's generation and the pack's options.
type Source = (u64, PackOptions);

#[derive(Default)]
pub struct Preview {
    laid: Option<Arc<Laid>>,
    made_from: Option<Source>,
    /// A large pack being laid out on another thread, and what from.
    pending: Option<(Task<Laid>, Source)>,
}

impl Preview {
    /// The pack for the document as it is now, laid out again after each change. A large
    /// dossier is laid out on another thread once typing pauses (`quiet` says it has),
    /// with the previous pages shown meanwhile; `None` until its first layout is ready.
    pub fn laid(
        &mut self,
        doc: &Document,
        quiet: bool,
        options: &PackOptions,
        ctx: &egui::Context,
    ) -> Option<Arc<Laid>> {
        self.take_finished();
        let wanted: Source = (doc.history.generation(), options.clone());
        if self.made_from.as_ref() == Some(&wanted) {
            return self.laid.clone();
        }
        if !doc.is_large() {
            self.pending = None;
            let laid = Arc::new(lay_out(&doc.dossier, options));
            self.laid = Some(laid.clone());
            self.made_from = Some(wanted);
            return Some(laid);
        }
        let same_options = self.made_from.as_ref().is_some_and(|(_, o)| o == options);
        let already = self
            .pending
            .as_ref()
            .is_some_and(|(_, from)| *from == wanted);
        // While typing goes on, keep the pages as they were; new options show at once.
        if !already && (quiet || !same_options || self.laid.is_none()) {
            let dossier = doc.dossier.clone();
            let options = options.clone();
            let task = Task::spawn(ctx, "Laying out the preview…", move || {
                lay_out(&dossier, &options)
            });
            // A layout still running for older content is dropped: its answer goes nowhere.
            self.pending = Some((task, wanted));
        }
        self.laid.clone()
    }

    /// Whether pages are being laid out on another thread.
    pub fn updating(&self) -> bool {
        self.pending.is_some()
    }

    fn take_finished(&mut self) {
        let Some((task, _)) = &self.pending else {
            return;
        };
        match task.poll() {
            Some(Ok(laid)) => {
                let (_, from) = self.pending.take().expect("pending was checked");
                self.laid = Some(Arc::new(laid));
                self.made_from = Some(from);
            }
            None => {}
            // The layout stopped: the pages shown stay, and the next change tries again.
            Some(Err(_)) => self.pending = None,
        }
    }
}

fn colour(c: Colour) -> Color32 {
    let byte = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    Color32::from_rgb(byte(c.0), byte(c.1), byte(c.2))
}

fn family(style: Style) -> FontFamily {
    match style {
        Style::Regular => FontFamily::Proportional,
        Style::Bold => fonts::bold(),
        Style::Italic => fonts::italic(),
        Style::BoldItalic => fonts::bold_italic(),
    }
}

pub fn show(
    ui: &mut Ui,
    doc: &Document,
    preview: &mut Preview,
    settings: &mut super::Settings,
    quiet: bool,
) -> Option<crate::model::Pack> {
    let mut saved = None;
    Panel::right("preview")
        .resizable(true)
        .default_size(480.0)
        .size_range(280.0..=900.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                super::widgets::heading(ui, "Print preview");
            });
            saved = super::printing::pack_choices(ui, &doc.dossier, settings, doc.read_only);
            let laid = preview.laid(doc, quiet, &settings.pack(&doc.dossier), ui.ctx());
            let updating = preview.updating();
            let Some(laid) = laid else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Laying out the pack…");
                });
                return;
            };
            if settings.sections.is_empty() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "No section is chosen: the pack is only a cover and contents.",
                );
            }
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{} pages · marked {}",
                    laid.pages.len(),
                    laid.banner
                ));
                if updating {
                    ui.spinner().on_hover_text("Updating the pages");
                }
            });
            let (pw, ph) = laid.size();
            let scale = ((ui.available_width() - 20.0) / pw).max(0.1);
            let gap = 12.0;
            let page_h = ph * scale;
            let total = laid.pages.len() as f32 * (page_h + gap);
            ScrollArea::vertical()
                .auto_shrink(false)
                .show_viewport(ui, |ui, viewport| {
                    let (rect, _) =
                        ui.allocate_exact_size(vec2(pw * scale, total), egui::Sense::hover());
                    let painter = ui.painter_at(ui.clip_rect());
                    let first = (viewport.min.y / (page_h + gap)).floor().max(0.0) as usize;
                    let last =
                        ((viewport.max.y / (page_h + gap)).ceil() as usize).min(laid.pages.len());
                    for (i, page) in laid.pages.iter().enumerate().take(last).skip(first) {
                        let origin = Pos2::new(rect.min.x, rect.min.y + i as f32 * (page_h + gap));
                        let page_rect = Rect::from_min_size(origin, vec2(pw * scale, page_h));
                        painter.rect_filled(
                            page_rect.translate(vec2(2.0, 2.0)),
                            0.0,
                            Color32::from_black_alpha(60),
                        );
                        painter.rect_filled(page_rect, 0.0, Color32::WHITE);
                        let at =
                            |x: f32, y: f32| Pos2::new(origin.x + x * scale, origin.y + y * scale);
                        for item in &page.items {
                            match item {
                                Item::Text {
                                    x,
                                    y,
                                    style,
                                    size,
                                    colour: c,
                                    text,
                                } => {
                                    // egui places text by its top; the layout gives baselines.
                                    let top = y - size * 1.069;
                                    painter.text(
                                        at(*x, top),
                                        egui::Align2::LEFT_TOP,
                                        crate::ui::bidi::visual(text),
                                        FontId::new(size * scale, family(*style)),
                                        colour(*c),
                                    );
                                }
                                Item::Line {
                                    x1,
                                    y1,
                                    x2,
                                    y2,
                                    width,
                                    colour: c,
                                } => {
                                    painter.line_segment(
                                        [at(*x1, *y1), at(*x2, *y2)],
                                        Stroke::new(width * scale, colour(*c)),
                                    );
                                }
                                Item::Rect { x, y, w, h, fill } => {
                                    painter.rect_filled(
                                        Rect::from_min_size(at(*x, *y), vec2(w * scale, h * scale)),
                                        0.0,
                                        colour(*fill),
                                    );
                                }
                                Item::Image { x, y, w, h, photo } => {
                                    let t = super::photos::texture(ui.ctx(), photo);
                                    painter.image(
                                        t.id(),
                                        Rect::from_min_size(at(*x, *y), vec2(w * scale, h * scale)),
                                        Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)),
                                        Color32::WHITE,
                                    );
                                }
                                // Only place cards turn items, and they are not previewed.
                                Item::Link { .. } | Item::Turned { .. } => {}
                            }
                        }
                    }
                });
        });
    saved
}
