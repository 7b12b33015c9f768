//! Review in the editor: the Changes panel (a comparison with another version, change by
//! change, accepted or rejected), the Comments panel, the Conflicts panel and the Approve
//! dialog. Everything that changes the dossier goes out as a command; this module keeps
//! only what the reviewer is looking at.

use egui::{RichText, ScrollArea, Ui};
use serde_json::Value;

use super::command::Command;
use super::document::Document;
use super::settings::Settings;
use super::state::{Change as Step, Output, View};
use crate::diff::{self, Change, Kind, Part};
use crate::edit::{Edit, Item};
use crate::model::{Comment, Dossier, Id, ItemRef, Timestamp};

/// A comparison with another version of the dossier.
pub struct Comparison {
    pub other: Dossier,
    /// "colleague.ron", or "the saved version".
    pub name: String,
    /// A colleague's copy: its changes can be accepted into ours. (Compared with the saved
    /// version, the changes are ours since saving, shown for reading.)
    pub colleague: bool,
    changes: Vec<Change>,
    /// Changes the reviewer rejected: hidden, and left as they are.
    rejected: Vec<Change>,
    generation: Option<u64>,
    pub current: Option<usize>,
    /// Scroll the list to the current change once (it was chosen from the keyboard).
    pub scroll: bool,
}

impl Comparison {
    pub fn new(other: Dossier, name: String, colleague: bool) -> Self {
        Self {
            other,
            name,
            colleague,
            changes: Vec::new(),
            rejected: Vec::new(),
            generation: None,
            current: None,
            scroll: false,
        }
    }

    /// Compares again when the dossier changed. `now` is false while a large dossier is
    /// being typed in: the comparison waits for a pause, as validation does.
    pub fn refresh(&mut self, doc: &Document, now: bool) {
        let generation = doc.history.generation();
        if self.generation == Some(generation) || (!now && self.generation.is_some()) {
            return;
        }
        let all = if self.colleague {
            diff::diff(&doc.dossier, &self.other)
        } else {
            diff::diff(&self.other, &doc.dossier)
        };
        self.changes = all
            .into_iter()
            .filter(|c| !self.rejected.contains(c))
            .collect();
        self.generation = Some(generation);
        if self.current.is_some_and(|i| i >= self.changes.len()) {
            self.current = self.changes.len().checked_sub(1);
        }
    }

    /// After the current change was accepted or rejected (and left the list), the next
    /// change is where it was: step back one, so that "next change" lands there.
    pub fn step_back(&mut self) {
        self.current = self.current.and_then(|i| i.checked_sub(1));
    }

    pub fn is_stale(&self, doc: &Document) -> bool {
        self.generation != Some(doc.history.generation())
    }

    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    pub fn reject(&mut self, change: &Change) {
        self.rejected.push(change.clone());
        self.changes.retain(|c| c != change);
        if self.current.is_some_and(|i| i >= self.changes.len()) {
            self.current = self.changes.len().checked_sub(1);
        }
    }

    /// The other version's value of a changed field.
    pub fn other_value<'c>(&self, c: &'c Change) -> Option<&'c Value> {
        if self.colleague {
            c.new.as_ref()
        } else {
            c.old.as_ref()
        }
    }

    fn other_label(&self) -> &'static str {
        if self.colleague {
            "Their version"
        } else {
            "Saved version"
        }
    }
}

/// Which comments the Comments panel lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CommentFilter {
    #[default]
    Open,
    Resolved,
    All,
}

/// A comment being written.
pub struct Draft {
    pub item: Option<Id>,
    pub field: String,
    pub text: String,
    pub focus: bool,
    /// The name field is shown (kept while it is typed, so it does not vanish mid-word).
    pub asking_name: bool,
}

/// An approval being recorded.
pub struct Approving {
    pub name: String,
    pub role: String,
    pub focus: bool,
}

/// The review state of the window.
#[derive(Default)]
pub struct Review {
    pub comparison: Option<Comparison>,
    pub filter: CommentFilter,
    pub draft: Option<Draft>,
    /// Reply drafts, by comment id.
    pub replies: rustc_hash::FxHashMap<String, String>,
}

/// A changed field of the item an editor shows, with the other version's value.
pub struct Mark {
    pub field: String,
    pub text: String,
}

impl Review {
    /// The changed fields of item `id`, for the editor to highlight.
    pub fn marks(&self, id: &str) -> Vec<Mark> {
        self.marks_where(|c| c.item.as_deref() == Some(id))
    }

    /// Marks of the title page (which has no id).
    pub fn meta_marks(&self) -> Vec<Mark> {
        self.marks_where(|c| c.section == Part::Meta)
    }

    fn marks_where(&self, wanted: impl Fn(&Change) -> bool) -> Vec<Mark> {
        let Some(cmp) = &self.comparison else {
            return Vec::new();
        };
        cmp.changes
            .iter()
            .filter(|c| c.kind == Kind::Changed && wanted(c))
            .filter_map(|c| {
                Some(Mark {
                    field: c.top_field()?.to_owned(),
                    text: format!(
                        "{} ({}): {}",
                        cmp.other_label(),
                        cmp.name,
                        diff::display(cmp.other_value(c))
                    ),
                })
            })
            .collect()
    }
}

/// Where a change's item is now, to select it.
pub fn item_of_change(d: &Dossier, c: &Change) -> ItemRef {
    match (c.section, c.item.as_deref()) {
        (Part::Packs, Some(name)) => d
            .packs
            .iter()
            .position(|p| p.name == name)
            .map_or(ItemRef::Meta, ItemRef::Pack),
        (_, Some(id)) => Id::new(id)
            .ok()
            .and_then(|id| d.find(&id))
            .unwrap_or(ItemRef::Meta),
        _ => ItemRef::Meta,
    }
}

/// The Changes panel.
pub fn changes(ui: &mut Ui, doc: &Document, view: &mut View, out: &mut Output) {
    let Some(cmp) = &view.review.comparison else {
        ui.label("Compare this dossier with a colleague's copy or with the saved version: File › Compare with….");
        return;
    };
    let n = cmp.changes.len();
    ui.horizontal(|ui| {
        // Which way the changes read: a colleague's copy offers its changes to this
        // dossier; an older version (or the saved one) shows what changed since.
        let what = if cmp.colleague {
            format!("Changes {} would make to this dossier", cmp.name)
        } else {
            format!("Changes since {}", cmp.name)
        };
        ui.label(RichText::new(what).strong());
        ui.label(match n {
            0 => "— none: the two are the same".to_owned(),
            1 => "— 1 change".to_owned(),
            n => format!("— {n} changes"),
        });
        if cmp.is_stale(doc) {
            ui.spinner();
        }
        for command in [Command::PreviousChange, Command::NextChange] {
            let tip = command.shortcut_text(ui.ctx());
            if ui
                .add_enabled(n > 0, egui::Button::new(command.label()))
                .on_hover_text(tip)
                .clicked()
            {
                out.push(command);
            }
        }
        if ui.button("Close comparison").clicked() {
            out.push(Command::CloseComparison);
        }
    });
    ui.separator();
    let cmp = view.review.comparison.as_mut().expect("checked above");
    let editable = cmp.colleague && !doc.read_only;
    // The selected change's old and new value, above the list so that the list's rows
    // are of one height and only those in view are drawn (a comparison of two large
    // dossiers may list thousands).
    if let Some(c) = cmp.current.and_then(|i| cmp.changes.get(i))
        && c.kind == Kind::Changed
    {
        ScrollArea::vertical()
            .id_salt("change-detail")
            .max_height(90.0)
            .show(ui, |ui| detail(ui, c));
        ui.separator();
    }
    enum Row {
        Heading(&'static str),
        Change(usize),
    }
    let mut rows = Vec::with_capacity(cmp.changes.len() + 12);
    // Marking changes are listed first, under one heading; the rest under their sections.
    let mut group: Option<Option<Part>> = None;
    let mut current_row = None;
    for (i, c) in cmp.changes.iter().enumerate() {
        let key = c.marking.is_none().then_some(c.section);
        if group != Some(key) {
            group = Some(key);
            rows.push(Row::Heading(if c.marking.is_some() {
                "Markings (listed first)"
            } else {
                c.section.label()
            }));
        }
        if cmp.current == Some(i) {
            current_row = Some(rows.len());
        }
        rows.push(Row::Change(i));
    }
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    let mut area = ScrollArea::vertical().id_salt("changes").auto_shrink(false);
    if std::mem::take(&mut cmp.scroll)
        && let Some(r) = current_row
    {
        area = area.vertical_scroll_offset((r as f32 - 1.0).max(0.0) * row_height);
    }
    let mut select = None;
    area.show_rows(ui, row_height, rows.len(), |ui, range| {
        for row in &rows[range] {
            let i = match row {
                Row::Heading(text) => {
                    ui.label(RichText::new(*text).strong().underline());
                    continue;
                }
                Row::Change(i) => *i,
            };
            let c = &cmp.changes[i];
            let current = cmp.current == Some(i);
            ui.horizontal(|ui| {
                let (sign, colour) = match (c.kind, c.marking) {
                    (_, Some(m)) => (m.sign(), ui.visuals().warn_fg_color),
                    (Kind::Added, _) => ("+", egui::Color32::from_rgb(0x2e, 0x8b, 0x57)),
                    (Kind::Removed, _) => ("−", ui.visuals().error_fg_color),
                    (Kind::Moved, _) => ("↕", ui.visuals().text_color()),
                    (Kind::Changed, _) => ("~", ui.visuals().text_color()),
                };
                ui.label(RichText::new(sign).color(colour).strong());
                if editable {
                    if ui
                        .button("Accept")
                        .on_hover_text("Take this change into the dossier (undo brings it back)")
                        .clicked()
                    {
                        out.push(Command::AcceptChange(Box::new(c.clone())));
                    }
                    if ui
                        .button("Reject")
                        .on_hover_text("Leave the dossier as it is and hide this change")
                        .clicked()
                    {
                        out.push(Command::RejectChange(Box::new(c.clone())));
                    }
                }
                let text = format!("{}: {}", c.location, diff::summary(c));
                if ui
                    .add(egui::Button::selectable(current, text).truncate())
                    .clicked()
                {
                    select = Some(i);
                }
            });
        }
    });
    if let Some(i) = select {
        out.push(Command::GoToChange(i));
    }
}

/// The old and new value of the selected change, the long texts word by word.
fn detail(ui: &mut Ui, c: &Change) {
    let red = ui.visuals().error_fg_color;
    let green = egui::Color32::from_rgb(0x2e, 0x8b, 0x57);
    if let Some(words) = &c.words {
        let mut job = egui::text::LayoutJob::default();
        let font = egui::TextStyle::Body.resolve(ui.style());
        for w in words {
            let (colour, strike, underline) = match w.op {
                "delete" => (red, true, false),
                "insert" => (green, false, true),
                _ => (ui.visuals().text_color(), false, false),
            };
            job.append(
                &w.text,
                0.0,
                egui::TextFormat {
                    font_id: font.clone(),
                    color: colour,
                    strikethrough: if strike {
                        egui::Stroke::new(1.0, colour)
                    } else {
                        egui::Stroke::NONE
                    },
                    underline: if underline {
                        egui::Stroke::new(1.0, colour)
                    } else {
                        egui::Stroke::NONE
                    },
                    ..Default::default()
                },
            );
        }
        job.wrap.max_width = ui.available_width();
        ui.label(job);
    } else {
        ui.label(RichText::new(format!("− {}", diff::display(c.old.as_ref()))).color(red));
        ui.label(RichText::new(format!("+ {}", diff::display(c.new.as_ref()))).color(green));
    }
}

/// How a comment's item reads in the panel, from where it is (`place`).
fn anchor(d: &Dossier, c: &Comment, place: Option<ItemRef>) -> (String, bool) {
    let Some(id) = &c.item else {
        return ("the dossier".to_owned(), false);
    };
    match place {
        Some(item) => {
            let field = (!c.field.is_empty()).then_some(c.field.as_str());
            (item.describe(d, field), false)
        }
        None => (format!("{id} (removed since: detached)"), true),
    }
}

/// The id and name of the selected item, for a new comment.
pub fn selected_item(doc: &Document, view: &View) -> Option<Id> {
    let d = &doc.dossier;
    use super::state::Selection;
    match view.selection {
        Selection::Overview => None,
        Selection::Delegation(i) => {
            let del = d.delegations.get(i)?;
            Some(match view.member.and_then(|m| del.members.get(m)) {
                Some(m) => m.id.clone(),
                None => del.id.clone(),
            })
        }
        Selection::Programme => view
            .programme_item
            .and_then(|p| d.programme.get(p))
            .map(|p| p.id.clone()),
        Selection::TalkingPoint(i) => d.talking_points.get(i).map(|t| t.id.clone()),
        Selection::SecurityNote(i) => d.security_notes.get(i).map(|n| n.id.clone()),
    }
}

/// The fields an item has, as named in files, for choosing what a comment is on.
fn fields_of(d: &Dossier, item: Option<&Id>) -> Vec<String> {
    let value = match item.and_then(|id| d.find(id)) {
        None => serde_json::to_value(&d.meta).ok(),
        Some(ItemRef::Delegation(i)) => serde_json::to_value(&d.delegations[i]).ok(),
        Some(ItemRef::Member(i, m)) => serde_json::to_value(&d.delegations[i].members[m]).ok(),
        Some(ItemRef::Programme(i)) => serde_json::to_value(&d.programme[i]).ok(),
        Some(ItemRef::TalkingPoint(i)) => serde_json::to_value(&d.talking_points[i]).ok(),
        Some(ItemRef::SecurityNote(i)) => serde_json::to_value(&d.security_notes[i]).ok(),
        Some(_) => None,
    };
    let mut fields: Vec<String> = value
        .and_then(|v| v.as_object().map(|m| m.keys().cloned().collect()))
        .unwrap_or_default();
    fields.retain(|f| f != "id" && f != "members");
    fields
}

fn comments_edit(label: &str, comments: Vec<Comment>) -> Step {
    Step {
        label: label.to_owned(),
        field: None,
        edits: vec![Edit::Set(Item::Comments(comments))],
    }
}

/// The reviewer's name, asked once and remembered.
fn name_field(ui: &mut Ui, settings: &mut Settings, focus: bool) {
    ui.horizontal(|ui| {
        let label = ui.label("Your name");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut settings.reviewer)
                    .hint_text("shown on your comments; remembered")
                    .desired_width(240.0),
            )
            .labelled_by(label.id);
        if focus {
            response.request_focus();
        }
    });
}

/// Threads drawn at once; a file with more is unusual, and the rest are reached by
/// resolving or filtering (their count is shown).
const MAX_THREADS: usize = 500;

/// The Comments panel: a new comment, then the threads.
pub fn comments(
    ui: &mut Ui,
    doc: &Document,
    view: &mut View,
    settings: &mut Settings,
    out: &mut Output,
) {
    let d = &doc.dossier;
    let editable = !doc.read_only;
    ui.horizontal(|ui| {
        for (filter, label) in [
            (CommentFilter::Open, "Open"),
            (CommentFilter::Resolved, "Resolved"),
            (CommentFilter::All, "All"),
        ] {
            ui.selectable_value(&mut view.review.filter, filter, label);
        }
        ui.separator();
        if ui
            .add_enabled(
                editable && view.review.draft.is_none(),
                egui::Button::new(Command::AddComment.label()),
            )
            .on_hover_text(format!(
                "Comment on the selected item ({})",
                Command::AddComment.shortcut_text(ui.ctx())
            ))
            .clicked()
        {
            out.push(Command::AddComment);
        }
    });
    if let Some(draft) = &mut view.review.draft {
        let mut done = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let on = match draft.item.as_ref().and_then(|id| d.find(id)) {
                Some(item) => item.describe(d, None),
                None => "the dossier".to_owned(),
            };
            ui.label(format!("New comment on {on}"));
            // Without a name, that is asked first; the comment gets the keyboard after.
            let ask_name = settings.reviewer.trim().is_empty() || draft.asking_name;
            if ask_name {
                draft.asking_name = true;
                name_field(ui, settings, draft.focus);
            }
            ui.horizontal(|ui| {
                let label = ui.label("Field");
                let shown = if draft.field.is_empty() {
                    "(the whole item)".to_owned()
                } else {
                    draft.field.clone()
                };
                egui::ComboBox::from_id_salt("comment-field")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut draft.field, String::new(), "(the whole item)");
                        for f in fields_of(d, draft.item.as_ref()) {
                            let text = f.clone();
                            ui.selectable_value(&mut draft.field, f, text);
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            let label = ui.label("Comment");
            let response = ui
                .add(
                    egui::TextEdit::multiline(&mut draft.text)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if draft.focus && !ask_name {
                response.request_focus();
            }
            draft.focus = false;
            let ready = !draft.text.trim().is_empty() && !settings.reviewer.trim().is_empty();
            done = super::widgets::action_buttons(ui, "Add", ready);
        });
        match done {
            Some(true) => {
                let mut list = d.comments.clone();
                list.push(crate::review::comment(
                    draft.item.clone(),
                    &draft.field,
                    &settings.reviewer,
                    &draft.text,
                    Timestamp::now(),
                ));
                out.apply(comments_edit("Add comment", list));
                view.review.draft = None;
                view.review.filter = CommentFilter::Open;
            }
            Some(false) => view.review.draft = None,
            None => {}
        }
    }
    let shown: Vec<usize> = d
        .comments
        .iter()
        .enumerate()
        .filter(|(_, c)| match view.review.filter {
            CommentFilter::Open => !c.resolved,
            CommentFilter::Resolved => c.resolved,
            CommentFilter::All => true,
        })
        .map(|(i, _)| i)
        .collect();
    if shown.len() > MAX_THREADS {
        ui.label(format!(
            "Showing the first {MAX_THREADS} of {} comments.",
            shown.len()
        ));
    }
    if shown.is_empty() {
        ui.label(match view.review.filter {
            CommentFilter::Open => "No open comments.",
            CommentFilter::Resolved => "No resolved comments.",
            CommentFilter::All => "No comments yet.",
        });
    }
    let mut reveal = None;
    ScrollArea::vertical()
        .id_salt("comments")
        .auto_shrink(false)
        .show(ui, |ui| {
            for i in shown.into_iter().take(MAX_THREADS) {
                let c = &d.comments[i];
                let place = doc.comment_items().get(i).copied().flatten();
                let (on, detached) = anchor(d, c, place);
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let head = format!("{} · {} · on {on}", c.author, c.at.long());
                        let colour = if detached {
                            ui.visuals().warn_fg_color
                        } else {
                            ui.visuals().text_color()
                        };
                        if ui
                            .add(
                                egui::Button::selectable(false, RichText::new(head).color(colour))
                                    .truncate(),
                            )
                            .on_hover_text("Show the item")
                            .clicked()
                            && !detached
                        {
                            reveal = c.item.clone();
                        }
                        if c.resolved {
                            ui.label(RichText::new("resolved").weak());
                        }
                    });
                    ui.label(&c.text);
                    for r in &c.replies {
                        ui.indent(("reply", &c.id, r.at, &r.author), |ui| {
                            ui.label(
                                RichText::new(format!("{} · {}", r.author, r.at.long())).weak(),
                            );
                            ui.label(&r.text);
                        });
                    }
                    if !editable {
                        return;
                    }
                    let key = c.id.to_string();
                    let reply = view.review.replies.entry(key.clone()).or_default();
                    ui.horizontal(|ui| {
                        let label = ui.label("Reply");
                        ui.add(egui::TextEdit::singleline(reply).desired_width(320.0))
                            .labelled_by(label.id);
                        let ready =
                            !reply.trim().is_empty() && !settings.reviewer.trim().is_empty();
                        if ui
                            .add_enabled(ready, egui::Button::new("Send reply"))
                            .clicked()
                        {
                            let mut list = d.comments.clone();
                            list[i].replies.push(crate::review::reply(
                                &settings.reviewer,
                                reply,
                                Timestamp::now(),
                            ));
                            out.apply(comments_edit("Reply to comment", list));
                            reply.clear();
                        }
                        let (verb, label) = if c.resolved {
                            ("Reopen", "Reopen comment")
                        } else {
                            ("Resolve", "Resolve comment")
                        };
                        if ui.button(verb).clicked() {
                            let mut list = d.comments.clone();
                            list[i].resolved = !c.resolved;
                            out.apply(comments_edit(label, list));
                        }
                    });
                    if settings.reviewer.trim().is_empty() && !view.review.replies[&key].is_empty()
                    {
                        name_field(ui, settings, false);
                    }
                });
            }
        });
    if let Some(id) = reveal
        && let Some(item) = d.find(&id)
    {
        view.reveal(item, None);
    }
}

/// The Conflicts panel: each conflict with both sides, to choose one.
pub fn conflicts(ui: &mut Ui, doc: &Document, view: &mut View, out: &mut Output) {
    let d = &doc.dossier;
    if d.conflicts.is_empty() {
        ui.label("No merge conflicts.");
        return;
    }
    ui.label(format!(
        "{} merge conflict{}: the dossier holds our side (a marking one side lowered, the higher); choose a side for each, or edit the item and keep ours. No pack is made until all are resolved.",
        d.conflicts.len(),
        if d.conflicts.len() == 1 { "" } else { "s" }
    ));
    let editable = !doc.read_only;
    let mut reveal = None;
    ScrollArea::vertical()
        .id_salt("conflicts")
        .auto_shrink(false)
        .show(ui, |ui| {
            for (i, c) in d.conflicts.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    if ui
                        .add(egui::Button::selectable(
                            false,
                            RichText::new(c.describe()).strong(),
                        ))
                        .on_hover_text("Show the item")
                        .clicked()
                    {
                        reveal = c.item.clone();
                    }
                    if !c.note.is_empty() {
                        ui.label(RichText::new(format!("Marking: {}", c.note)).weak());
                    }
                    let side = |v: &Option<Value>| match v {
                        None => "(removed)".to_owned(),
                        v => diff::display(v.as_ref()),
                    };
                    let in_place = if c.note.is_empty() {
                        "Ours (in place)"
                    } else {
                        "Ours"
                    };
                    egui::Grid::new(("conflict", i))
                        .num_columns(3)
                        .show(ui, |ui| {
                            for (label, value, verb, theirs) in [
                                (in_place, &c.ours, "Keep ours", false),
                                ("Theirs", &c.theirs, "Take theirs", true),
                            ] {
                                ui.label(label);
                                ui.label(side(value));
                                if ui.add_enabled(editable, egui::Button::new(verb)).clicked() {
                                    out.push(Command::ResolveConflict { index: i, theirs });
                                }
                                ui.end_row();
                            }
                            if c.base.is_some() {
                                ui.label(RichText::new("Before both").weak());
                                ui.label(RichText::new(side(&c.base)).weak());
                                ui.end_row();
                            }
                        });
                });
            }
        });
    if let Some(id) = reveal
        && let Some(item) = d.find(&id)
    {
        view.reveal(item, None);
    }
}

/// The Approve dialog: records the approval as an edit in `out` when it is given; returns
/// whether the dialog is done (approved or cancelled).
pub fn approve_modal(
    ctx: &egui::Context,
    doc: &Document,
    approving: &mut Approving,
    settings: &mut Settings,
    out: &mut Output,
) -> bool {
    let d = &doc.dossier;
    let mut done = None;
    let modal = egui::Modal::new(egui::Id::unique("approve")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        super::widgets::heading(ui, "Approve this dossier");
        ui.label(format!(
            "Records that you approve “{}”, revision {}, as it now stands. Any later change to its content makes the approval stale, and a stale approval is not printed. This records an approval; it does not prove who made it.",
            d.meta.title, d.meta.revision
        ));
        if !d.conflicts.is_empty() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "The dossier has unresolved merge conflicts: resolve them before approving.",
            );
        }
        egui::Grid::new("approve-form").num_columns(2).show(ui, |ui| {
            let label = ui.label("Approver");
            let response = ui
                .add(egui::TextEdit::singleline(&mut approving.name).desired_width(260.0))
                .labelled_by(label.id);
            if approving.focus {
                response.request_focus();
                approving.focus = false;
            }
            ui.end_row();
            let label = ui.label("In the role of");
            ui.add(
                egui::TextEdit::singleline(&mut approving.role)
                    .hint_text("Head of Protocol")
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
        let checked = crate::review::check_approver(&approving.name, &approving.role);
        if let Err(e) = &checked
            && !approving.name.is_empty()
        {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        let ready = checked.is_ok() && d.conflicts.is_empty();
        done = super::widgets::action_buttons(ui, "Approve", ready);
    });
    if modal.should_close() && done.is_none() {
        done = Some(false);
    }
    match done {
        Some(true) => {
            let mut list = d.approvals.clone();
            list.push(crate::review::approve(
                d,
                &approving.name,
                &approving.role,
                Timestamp::now(),
            ));
            settings.reviewer = approving.name.trim().to_owned();
            out.apply(Step {
                label: "Approve".to_owned(),
                field: None,
                edits: vec![Edit::Set(Item::Approvals(list))],
            });
            true
        }
        Some(false) => true,
        None => false,
    }
}
