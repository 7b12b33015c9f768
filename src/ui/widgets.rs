//! Form fields that name themselves for screen readers, obey read-only mode, take the
//! keyboard when the app asks (a click on a problem or a search hit), and report which
//! field changed so that a typing burst can be one undo step.

use egui::{Align, Color32, ComboBox, Response, RichText, TextEdit, Ui};

use crate::model::{Date, Marking, MarkingScheme, Time};

/// How a value with a strict form is typed.
struct Format<T> {
    hint: &'static str,
    width: f32,
    show: fn(T) -> String,
    parse: fn(&str) -> Option<T>,
}

const DATE: Format<Date> = Format {
    hint: "YYYY-MM-DD",
    width: 110.0,
    show: |d| d.to_string(),
    parse: |s| s.parse().ok(),
};

const TIME: Format<Time> = Format {
    hint: "HH:MM",
    width: 72.0,
    show: |t| t.to_string(),
    parse: |s| s.parse().ok(),
};

/// The state a form shares with its fields for one frame.
pub struct Form {
    pub read_only: bool,
    /// The field to give the keyboard to this frame.
    pub focus: Option<&'static str>,
    /// The field that changed this frame.
    pub changed: Option<&'static str>,
    /// Whether any field was clicked or took the keyboard this frame.
    pub touched: bool,
    /// The width of the field column. Fields in a grid are given a width rather than
    /// "all there is", which a grid would grow without bound.
    pub width: f32,
    /// Fields that another version has otherwise (a comparison is open): outlined, with
    /// the other value on hover.
    marks: Vec<super::review::Mark>,
    /// What the fields' ids are keyed by, when not by their place in the window: a row of
    /// a table keyed by its item keeps the cursor in that item when the row moves.
    key: Option<egui::Id>,
}

impl Form {
    pub fn new(read_only: bool, focus: Option<&'static str>) -> Self {
        Self {
            read_only,
            focus,
            changed: None,
            touched: false,
            width: 400.0,
            marks: Vec::new(),
            key: None,
        }
    }

    /// Gives the keyboard to the first `field` drawn after this, if the item about to be
    /// drawn (`index` of the list under `list`) was just added.
    pub fn focus_if_new(&mut self, ui: &Ui, list: egui::Id, index: usize, field: &'static str) {
        let new_item = list.with("new-item");
        if ui.data(|d| d.get_temp::<usize>(new_item)) == Some(index) {
            self.focus = Some(field);
            ui.data_mut(|d| d.remove::<usize>(new_item));
        }
    }

    /// Marks item `index` of the list under `list` as just added: its first field takes
    /// the keyboard when it is drawn.
    pub fn added(ui: &Ui, list: egui::Id, index: usize) {
        ui.data_mut(|d| d.insert_temp(list.with("new-item"), index));
    }

    /// Keys the fields' ids by `key` (an item's id) rather than by where they are drawn.
    pub fn keyed(mut self, key: impl std::hash::Hash + std::fmt::Debug) -> Self {
        self.key = Some(egui::Id::unique(("form-field", key)));
        self
    }

    /// The id a field takes: keyed, or the next one where it is drawn.
    fn field_id(&self, ui: &Ui, field: &'static str) -> egui::Id {
        match self.key {
            Some(key) => key.with(field),
            None => ui.next_auto_id(),
        }
    }

    /// Outlines the fields a comparison found changed, with the other version's value.
    pub fn marked(mut self, marks: Vec<super::review::Mark>) -> Self {
        self.marks = marks;
        self
    }

    fn track(&mut self, field: &'static str, response: &Response, changed: bool) {
        if let Some(mark) = self.marks.iter().find(|m| m.field == field) {
            let colour = Color32::from_rgb(0xe0, 0x9b, 0x00);
            // Clipped to what shows of the field: a field scrolled out of its panel draws
            // no outline over the panel below (the Changes panel's buttons).
            response
                .ctx
                .layer_painter(response.layer_id)
                .with_clip_rect(response.interact_rect.expand(3.0))
                .rect_stroke(
                    response.rect.expand(2.0),
                    3.0,
                    egui::Stroke::new(2.0, colour),
                    egui::StrokeKind::Outside,
                );
            response.clone().on_hover_text(&mark.text);
        }
        if self.focus == Some(field) {
            response.request_focus();
            response.scroll_to_me(Some(Align::Center));
            self.focus = None;
        }
        if changed {
            self.changed = Some(field);
        }
        self.touched |= response.gained_focus() || response.clicked();
    }

    /// Sizes the field column to the space left of `ui` beside a label column.
    pub fn fit(mut self, ui: &Ui) -> Self {
        self.width = (ui.available_width() - super::editors::LABEL_WIDTH - 40.0).max(220.0);
        self
    }

    fn label(ui: &mut Ui, text: &str) -> Response {
        ui.label(text)
    }

    /// A one-line text field.
    pub fn text(&mut self, ui: &mut Ui, label: &str, field: &'static str, value: &mut String) {
        let label = Self::label(ui, label);
        self.text_unlabelled(ui, field, value, label.id, self.width);
        ui.end_row();
    }

    /// A labelled one-line text field with a hint shown while it is empty.
    pub fn text_with_hint(
        &mut self,
        ui: &mut Ui,
        label: &str,
        field: &'static str,
        value: &mut String,
        hint: &str,
    ) {
        let label = Self::label(ui, label);
        self.text_hinted(ui, field, value, label.id, self.width, hint);
        ui.end_row();
    }

    /// A one-line text field without its own label (in a table cell, named by the column).
    pub fn text_unlabelled(
        &mut self,
        ui: &mut Ui,
        field: &'static str,
        value: &mut String,
        label: egui::Id,
        width: f32,
    ) {
        self.text_hinted(ui, field, value, label, width, "");
    }

    /// A one-line text field with a hint shown while it is empty.
    pub fn text_hinted(
        &mut self,
        ui: &mut Ui,
        field: &'static str,
        value: &mut String,
        label: egui::Id,
        width: f32,
        hint: &str,
    ) {
        // A field not being edited shows right-to-left names in the order they read (see
        // `bidi`); while it is edited, as typed, for the cursor walks the text so.
        let id = self.field_id(ui, field);
        let reorder = super::bidi::reorders(value) && !ui.memory(|m| m.has_focus(id));
        let mut layouter = super::bidi::layouter;
        let mut shown = value.as_str();
        let edit = if self.read_only {
            TextEdit::singleline(&mut shown)
        } else {
            TextEdit::singleline(value)
        }
        .desired_width(width)
        .hint_text(hint);
        let edit = if self.key.is_some() {
            edit.id(id)
        } else {
            edit
        };
        let edit = if reorder {
            edit.layouter(&mut layouter)
        } else {
            edit
        };
        let response = ui.add(edit).labelled_by(label);
        let mut changed = response.changed();
        // Escape leaves the field as it was when the cursor came into it, as a
        // spreadsheet's cell does (Enter or Tab keep what was typed).
        let before = response.id.with("before-edit");
        if response.gained_focus() {
            ui.data_mut(|d| d.insert_temp(before, value.clone()));
        }
        if response.lost_focus() {
            let was = ui.data_mut(|d| d.remove_temp::<String>(before));
            if ui.input(|i| i.key_pressed(egui::Key::Escape))
                && let Some(was) = was
                && *value != was
                && !self.read_only
            {
                *value = was;
                changed = true;
            }
        }
        self.track(field, &response, changed);
    }

    /// A multi-line text field for light markup.
    pub fn multiline(&mut self, ui: &mut Ui, label: &str, field: &'static str, value: &mut String) {
        let label = Self::label(ui, label);
        self.multiline_unlabelled(ui, field, value, label.id);
        ui.end_row();
    }

    pub fn multiline_unlabelled(
        &mut self,
        ui: &mut Ui,
        field: &'static str,
        value: &mut String,
        label: egui::Id,
    ) {
        let rows = value.lines().count().clamp(2, 12);
        let response = if self.read_only {
            ui.add(
                TextEdit::multiline(&mut value.as_str())
                    .desired_rows(rows)
                    .desired_width(self.width),
            )
        } else {
            ui.add(
                TextEdit::multiline(value)
                    .desired_rows(rows)
                    .desired_width(self.width),
            )
        }
        .labelled_by(label)
        .on_hover_text(
            "Light markup: blank line between paragraphs, “- ” for bullets, *emphasis*, **strong**",
        );
        let changed = response.changed();
        self.track(field, &response, changed);
    }

    /// A choice among a few values.
    pub fn choice<T: Copy + PartialEq>(
        &mut self,
        ui: &mut Ui,
        label: &str,
        field: &'static str,
        value: &mut T,
        options: &[T],
        name: impl Fn(T) -> &'static str,
    ) {
        let label = Self::label(ui, label);
        self.choice_unlabelled(ui, field, value, options, name, label.id);
        ui.end_row();
    }

    pub fn choice_unlabelled<T: Copy + PartialEq>(
        &mut self,
        ui: &mut Ui,
        field: &'static str,
        value: &mut T,
        options: &[T],
        name: impl Fn(T) -> &'static str,
        label: egui::Id,
    ) {
        let before = *value;
        let response = ui
            .add_enabled_ui(!self.read_only, |ui| {
                ComboBox::from_id_salt(field)
                    .selected_text(name(*value))
                    .show_ui(ui, |ui| {
                        for &option in options {
                            ui.selectable_value(value, option, name(option));
                        }
                    })
                    .response
            })
            .inner
            .labelled_by(label);
        let changed = *value != before;
        self.track(field, &response, changed);
    }

    pub fn checkbox(
        &mut self,
        ui: &mut Ui,
        label: &str,
        field: &'static str,
        value: &mut bool,
        text: &str,
    ) {
        let label = Self::label(ui, label);
        let response = ui
            .add_enabled(!self.read_only, egui::Checkbox::new(value, text))
            .labelled_by(label.id);
        let changed = response.changed();
        self.track(field, &response, changed);
        ui.end_row();
    }

    pub fn number(&mut self, ui: &mut Ui, label: &str, field: &'static str, value: &mut u32) {
        let label = Self::label(ui, label);
        let response = ui
            .add_enabled(
                !self.read_only,
                egui::DragValue::new(value).range(0..=u32::MAX),
            )
            .labelled_by(label.id);
        let changed = response.changed();
        self.track(field, &response, changed);
        ui.end_row();
    }

    /// A text field for a value with a strict form (dates, times): what is typed stays
    /// in the field while it is being typed, and reaches the dossier once it is valid.
    fn parsed<T: Copy + PartialEq>(
        &mut self,
        ui: &mut Ui,
        field: &'static str,
        value: &mut Option<T>,
        label: egui::Id,
        format: &Format<T>,
    ) {
        let id = ui.make_persistent_id(("parsed", format.hint, field));
        let shown = value.map(format.show).unwrap_or_default();
        let editing = ui.memory(|m| m.has_focus(id));
        let mut text = if editing {
            ui.data(|d| d.get_temp::<String>(id))
                .unwrap_or_else(|| shown.clone())
        } else {
            shown.clone()
        };
        let invalid = !text.trim().is_empty() && (format.parse)(text.trim()).is_none();
        let mut shown_str = shown.as_str();
        let mut edit = if self.read_only {
            TextEdit::singleline(&mut shown_str)
        } else {
            TextEdit::singleline(&mut text)
        }
        .id(id)
        .hint_text(format.hint)
        .desired_width(format.width);
        if invalid {
            edit = edit.text_color(ui.visuals().error_fg_color);
        }
        let response = ui.add(edit).labelled_by(label);
        let response = if invalid {
            response.on_hover_text(format!("Expected {}", format.hint))
        } else {
            response
        };
        let mut changed = false;
        if response.changed() && !self.read_only {
            ui.data_mut(|d| d.insert_temp(id, text.clone()));
            let trimmed = text.trim();
            let new = if trimmed.is_empty() {
                Some(None)
            } else {
                (format.parse)(trimmed).map(Some)
            };
            if let Some(new) = new
                && new != *value
            {
                *value = new;
                changed = true;
            }
        }
        if response.lost_focus() {
            ui.data_mut(|d| d.remove::<String>(id));
        }
        self.track(field, &response, changed);
    }

    pub fn date(
        &mut self,
        ui: &mut Ui,
        label: &str,
        field: &'static str,
        value: &mut Option<Date>,
    ) {
        let label = Self::label(ui, label);
        self.date_unlabelled(ui, field, value, label.id);
        ui.end_row();
    }

    pub fn date_unlabelled(
        &mut self,
        ui: &mut Ui,
        field: &'static str,
        value: &mut Option<Date>,
        label: egui::Id,
    ) {
        self.parsed(ui, field, value, label, &DATE);
    }

    pub fn time_unlabelled(
        &mut self,
        ui: &mut Ui,
        field: &'static str,
        value: &mut Option<Time>,
        label: egui::Id,
    ) {
        self.parsed(ui, field, value, label, &TIME);
    }

    /// A portion marking: a level of the scheme (or none, taking the dossier's) and caveats.
    pub fn marking(
        &mut self,
        ui: &mut Ui,
        label: &str,
        field: &'static str,
        value: &mut Option<Marking>,
        scheme: &MarkingScheme,
        inherited: Option<&Marking>,
    ) {
        let label = Self::label(ui, label);
        ui.horizontal(|ui| {
            let before = value.clone();
            let selected = match (&*value, inherited) {
                (Some(m), _) => m.level.clone(),
                (None, Some(d)) => format!("As the dossier ({d})"),
                (None, None) => "(none)".to_owned(),
            };
            let response = ui
                .add_enabled_ui(!self.read_only, |ui| {
                    ComboBox::from_id_salt((field, "level"))
                        .selected_text(selected)
                        .show_ui(ui, |ui| {
                            if let Some(d) = inherited
                                && ui
                                    .selectable_label(
                                        value.is_none(),
                                        format!("As the dossier ({d})"),
                                    )
                                    .clicked()
                            {
                                *value = None;
                            }
                            for level in &scheme.levels {
                                let current = value.as_ref().is_some_and(|m| m.level == level.name);
                                if ui
                                    .selectable_label(
                                        current,
                                        format!("{} ({})", level.name, level.abbrev),
                                    )
                                    .clicked()
                                {
                                    let caveats = value
                                        .as_ref()
                                        .map(|m| m.caveats.clone())
                                        .unwrap_or_default();
                                    *value = Some(Marking {
                                        level: level.name.clone(),
                                        caveats,
                                    });
                                }
                            }
                        })
                        .response
                })
                .inner
                .labelled_by(label.id);
            let mut changed = *value != before;
            if let Some(m) = value.as_mut() {
                let caveat_label = ui.label("Caveats");
                let mut text = m.caveats.join(" // ");
                let response = if self.read_only {
                    ui.add(TextEdit::singleline(&mut text.as_str()).desired_width(220.0))
                } else {
                    ui.add(
                        TextEdit::singleline(&mut text)
                            .hint_text("e.g. REL TO KEN, USA")
                            .desired_width(220.0),
                    )
                }
                .labelled_by(caveat_label.id)
                .on_hover_text("Handling caveats after the level, separated by //");
                if response.changed() {
                    m.caveats = text
                        .split("//")
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .map(str::to_owned)
                        .collect();
                    changed = true;
                }
            }
            self.track(field, &response, changed);
        });
        ui.end_row();
    }

    /// An ordered list of texts (key messages, key actors) with add, remove and reorder.
    pub fn list(
        &mut self,
        ui: &mut Ui,
        label: &str,
        field: &'static str,
        items: &mut Vec<String>,
        item_name: &str,
    ) {
        let label = Self::label(ui, label);
        // The item just added, to give the keyboard to when it is first drawn.
        let new_item = label.id.with("new-item");
        ui.vertical(|ui| {
            let mut action: Option<(usize, i32)> = None;
            let mut changed = false;
            let n = items.len();
            for (i, item) in items.iter_mut().enumerate() {
                ui.push_id(i, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(format!("{}.", i + 1)).weak());
                        let width = self.width - if self.read_only { 30.0 } else { 120.0 };
                        let response = if self.read_only {
                            ui.add(
                                TextEdit::multiline(&mut item.as_str())
                                    .desired_rows(1)
                                    .desired_width(width),
                            )
                        } else {
                            ui.add(
                                TextEdit::multiline(item)
                                    .desired_rows(1)
                                    .desired_width(width),
                            )
                        }
                        .labelled_by(label.id);
                        changed |= response.changed();
                        if i == 0 {
                            self.track(field, &response, false);
                        }
                        if ui.data(|d| d.get_temp::<usize>(new_item)) == Some(i) {
                            response.request_focus();
                            ui.data_mut(|d| d.remove::<usize>(new_item));
                        }
                        if !self.read_only {
                            if ui
                                .add_enabled(i > 0, egui::Button::new("⏶").small())
                                .on_hover_text(format!("Move this {item_name} up"))
                                .clicked()
                            {
                                action = Some((i, -1));
                            }
                            if ui
                                .add_enabled(i + 1 < n, egui::Button::new("⏷").small())
                                .on_hover_text(format!("Move this {item_name} down"))
                                .clicked()
                            {
                                action = Some((i, 1));
                            }
                            if ui
                                .small_button("×")
                                .on_hover_text(format!("Remove this {item_name}"))
                                .clicked()
                            {
                                action = Some((i, 0));
                            }
                        }
                    });
                });
            }
            match action {
                Some((i, 0)) => {
                    items.remove(i);
                    changed = true;
                }
                Some((i, d)) => {
                    items.swap(i, (i as i32 + d) as usize);
                    changed = true;
                }
                None => {}
            }
            if !self.read_only && ui.button(format!("Add {item_name}")).clicked() {
                items.push(String::new());
                Form::added(ui, label.id, items.len() - 1);
                changed = true;
            }
            if changed {
                self.changed = Some(field);
            }
        });
        ui.end_row();
    }
}

/// The colour of a marking's banner: greener for lower levels, redder for higher.
pub fn marking_colour(scheme: &MarkingScheme, marking: &Marking) -> Color32 {
    let n = scheme.levels.len().max(1);
    let rank = scheme.rank(&marking.level).unwrap_or(n - 1);
    const COLOURS: [Color32; 5] = [
        Color32::from_rgb(0x2e, 0x7d, 0x32),
        Color32::from_rgb(0x1f, 0x5f, 0x99),
        Color32::from_rgb(0xb2, 0x6a, 0x00),
        Color32::from_rgb(0xc6, 0x28, 0x28),
        Color32::from_rgb(0x8e, 0x24, 0xaa),
    ];
    COLOURS[(rank * COLOURS.len() / n).min(COLOURS.len() - 1)]
}

/// A section heading, exposed to screen readers as a heading (egui reports a label).
pub fn heading(ui: &mut Ui, text: &str) -> Response {
    let response = ui.heading(text);
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_role(egui::accesskit::Role::Heading);
        node.set_level(2);
        node.set_label(text);
    });
    response
}

/// A dialog's action button and Cancel: `Some(true)` when the action was clicked,
/// `Some(false)` for Cancel.
pub fn action_buttons(ui: &mut Ui, verb: &str, enabled: bool) -> Option<bool> {
    ui.horizontal(|ui| {
        let mut done = None;
        if ui.add_enabled(enabled, egui::Button::new(verb)).clicked() {
            done = Some(true);
        }
        if ui.button("Cancel").clicked() {
            done = Some(false);
        }
        done
    })
    .inner
}
