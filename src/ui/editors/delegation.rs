//! A delegation: its details, and its members in order of precedence.

use egui::{Id, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::super::command::Command;
use super::super::document::Document;
use super::super::state::{Change, Output, View};
use super::super::widgets::{Form, heading};
use super::{form_grid, item_toolbar};
use crate::edit::{DelegationInfo, Edit, Item, List};
use crate::model::{DelegationRole, Member, MemberRole, Movement};

/// The fields shown in the members table, in column order.
const COLUMNS: [(&str, &str); 5] = [
    ("Honorific", "honorific"),
    ("Full name", "full_name"),
    ("Position", "position"),
    ("Organisation", "organisation"),
    ("Role", "role"),
];

pub fn show(ui: &mut Ui, doc: &Document, view: &mut View, out: &mut Output, di: usize) {
    let d = &doc.dossier;
    let del = &d.delegations[di];
    ui.push_id(("delegation", del.id.as_str()), |ui| {
        let title = if del.name.is_empty() {
            "Delegation".to_owned()
        } else {
            format!("Delegation: {}", del.name)
        };
        heading(ui, &title);
        ui.add_space(4.0);

        let mut info = DelegationInfo::of(del);
        let mut form = Form::new(doc.read_only, view.focus)
            .fit(ui)
            .marked(view.review.marks(del.id.as_str()));
        form_grid(ui, "delegation", |ui| {
            form.text(ui, "Country or organisation", "name", &mut info.name);
            form.choice(
                ui,
                "Role",
                "role",
                &mut info.role,
                &DelegationRole::ALL,
                DelegationRole::label,
            );
            form.checkbox(
                ui,
                "Our delegation",
                "ours",
                &mut info.ours,
                "Ours (one per dossier: lead speakers for talking points come from it)",
            );
            form.marking(
                ui,
                "Marking of the list",
                "marking",
                &mut info.marking,
                &d.scheme,
                Some(&d.meta.marking),
            );
            form.multiline(ui, "Notes", "notes", &mut info.notes);
        });
        if form.changed == Some("ours") && info.ours {
            // A dossier has one delegation of ours: choosing this one moves it here, in
            // one undo step.
            let mut edits = vec![Edit::Set(Item::DelegationInfo(di, info))];
            for (j, other) in d.delegations.iter().enumerate() {
                if j != di && other.ours {
                    let mut was = DelegationInfo::of(other);
                    was.ours = false;
                    edits.push(Edit::Set(Item::DelegationInfo(j, was)));
                }
            }
            out.apply(Change {
                label: "Make this delegation ours".to_owned(),
                field: None,
                edits,
            });
        } else if let Some(field) = form.changed {
            out.change(
                format!("Edit delegation {}", field.replace('_', " ")),
                Some(field),
                Edit::Set(Item::DelegationInfo(di, info)),
            );
        }
        view.focus = form.focus;
        seating_strip(ui, doc, view, out, di);

        ui.add_space(10.0);
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!(
                    "Members ({}) in order of precedence",
                    del.members.len()
                ))
                .strong(),
            );
            ui.label(RichText::new("drag ☰ or press Alt+Up/Down to reorder").weak());
            if !doc.read_only
                && ui
                    .button(Command::ImportMembers(di).label())
                    .on_hover_text(
                        "Read the list a spreadsheet holds (CSV, xlsx, ods), see what it \
                         changes, then import it; or drop the list here",
                    )
                    .clicked()
            {
                out.push(Command::ImportMembers(di));
            }
        });
        item_toolbar(ui, doc, out, "member", view.member.is_some());
        let details_height = if view.member.is_some() { 330.0 } else { 0.0 };
        let table_height = (ui.available_height() - details_height).max(160.0);
        // Beside the preview the window is narrow: the table scrolls sideways rather than
        // losing its last columns.
        egui::ScrollArea::horizontal()
            .id_salt(("members-across", di))
            .auto_shrink([false, true])
            .show(ui, |ui| members_table(ui, doc, view, out, di, table_height));

        if let Some(mi) = view.member
            && let Some(member) = del.members.get(mi)
        {
            ui.separator();
            member_details(ui, doc, view, out, di, mi, member);
        }
    });
}

/// The delegation's side at the talks, from their left hand to their right, the head in
/// bold: drag a name onto another, or click one and then the other, to swap them (the
/// plan is then kept as chosen); Reset puts the side back in order of precedence.
fn seating_strip(ui: &mut Ui, doc: &Document, view: &mut View, out: &mut Output, di: usize) {
    use crate::model::seating;
    let d = &doc.dossier;
    let del = &d.delegations[di];
    let seated = seating::plan(d)
        .iter()
        .any(|t| t.sides.iter().any(|s| s.delegation == del.id));
    if !seated {
        return;
    }
    let side = seating::side(del);
    let mut swap: Option<(bool, usize, usize)> = None;
    let mut reset = false;
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Seating at the talks").strong());
        let how = if del.seating.is_some() {
            "as chosen"
        } else {
            "by precedence"
        };
        ui.label(RichText::new(format!("{how}; from their left hand to their right")).weak());
        if del.seating.is_some() && !doc.read_only && ui.button("Reset to precedence").clicked() {
            reset = true;
        }
    });
    for (behind, row) in [(false, &side.seats), (true, &side.behind)] {
        if row.is_empty() {
            continue;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(if behind { "Behind:" } else { "At the table:" });
            let head = (row.len() - 1) / 2;
            for (i, id) in row.iter().enumerate() {
                let Some(m) = del.members.iter().find(|m| &m.id == id) else {
                    continue;
                };
                let name = if m.full_name.is_empty() {
                    m.display_name()
                } else {
                    m.full_name.clone()
                };
                let mut text = RichText::new(crate::ui::bidi::visual(&name));
                if !behind && i == head {
                    text = text.strong();
                }
                let picked = view.seat_pick == Some((di, behind, i));
                if doc.read_only {
                    ui.add(egui::Label::new(text).selectable(false))
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
                    continue;
                }
                // One widget that is clicked and dragged: a drag carries the seat to
                // the one it is dropped on.
                let response = ui
                    .add(
                        egui::Button::selectable(picked, text)
                            .frame(true)
                            .sense(Sense::click_and_drag()),
                    )
                    .on_hover_text("Drag onto another seat, or click two, to swap them");
                // Read out as written, whatever order it is shown in.
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Button, true, picked, &name)
                });
                if response.drag_started() {
                    egui::DragAndDrop::set_payload(ui.ctx(), (di, behind, i));
                }
                if response.dragged() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
                }
                if response
                    .dnd_hover_payload::<(usize, bool, usize)>()
                    .is_some()
                {
                    ui.painter().rect_stroke(
                        response.rect,
                        4.0,
                        ui.visuals().selection.stroke,
                        egui::StrokeKind::Outside,
                    );
                }
                if response.clicked() {
                    match view.seat_pick {
                        Some((pd, pb, pi)) if pd == di && pb == behind && pi != i => {
                            swap = Some((behind, pi, i));
                            view.seat_pick = None;
                        }
                        Some((pd, pb, pi)) if pd == di && pb == behind && pi == i => {
                            view.seat_pick = None;
                        }
                        _ => view.seat_pick = Some((di, behind, i)),
                    }
                }
                if let Some(from) = response.dnd_release_payload::<(usize, bool, usize)>()
                    && from.0 == di
                    && from.1 == behind
                    && from.2 != i
                {
                    swap = Some((behind, from.2, i));
                }
            }
        });
    }
    let mut info = DelegationInfo::of(del);
    let label = if let Some((behind, a, b)) = swap {
        info.seating = Some(seating::swapped(del, behind, a, b));
        "Swap seats"
    } else if reset {
        info.seating = None;
        "Seat by precedence"
    } else {
        return;
    };
    out.change(label, None, Edit::Set(Item::DelegationInfo(di, info)));
}

fn members_table(
    ui: &mut Ui,
    doc: &Document,
    view: &mut View,
    out: &mut Output,
    di: usize,
    height: f32,
) {
    let d = &doc.dossier;
    let members = &d.delegations[di].members;
    let row_height = ui.spacing().interact_size.y + 6.0;
    // The form of address column fits the longest one ("Ambassador", "His Excellency").
    let longest = members
        .iter()
        .map(|m| &m.honorific)
        .max_by_key(|h| h.chars().count())
        .filter(|h| !h.is_empty());
    let honorific_width = longest.map_or(90.0, |h| {
        let font = egui::TextStyle::Body.resolve(ui.style());
        let text = ui.fonts_mut(|f| f.layout_no_wrap(h.clone(), font, egui::Color32::WHITE));
        (text.size().x + 24.0).clamp(90.0, 240.0)
    });
    let mut builder = TableBuilder::new(ui)
        .id_salt(("members", di))
        .striped(true)
        // Rows take clicks but not the keyboard: Tab goes from field to field along the
        // row and on to the next, never to a row between them.
        .sense(Sense::CLICK)
        .max_scroll_height(height)
        .min_scrolled_height(height.min(200.0))
        .auto_shrink([false, true])
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(22.0))
        .column(Column::exact(36.0))
        .column(
            // At least as wide as the longest, which may be typed after the table was first
            // drawn (its first width is remembered).
            Column::initial(honorific_width)
                .at_least(honorific_width)
                .resizable(true)
                .clip(true),
        )
        .column(
            Column::initial(200.0)
                .at_least(120.0)
                .resizable(true)
                .clip(true),
        )
        .column(
            Column::initial(260.0)
                .at_least(120.0)
                .resizable(true)
                .clip(true),
        )
        .column(
            Column::initial(200.0)
                .at_least(100.0)
                .resizable(true)
                .clip(true),
        )
        .column(Column::remainder().at_least(170.0));
    if view.scroll_to_selection
        && let Some(m) = view.member
    {
        builder = builder.scroll_to_row(m, Some(egui::Align::Center));
        view.scroll_to_selection = false;
    }
    let mut headers = [Id::NULL; 5];
    let table = builder.header(24.0, |mut header| {
        header.col(|_| {});
        header.col(|ui| {
            ui.label(RichText::new("#").strong())
                .on_hover_text("Precedence");
        });
        for (i, (name, _)) in COLUMNS.iter().enumerate() {
            header.col(|ui| {
                headers[i] = ui.label(RichText::new(*name).strong()).id;
            });
        }
    });
    table.body(|body| {
        body.rows(row_height, members.len(), |mut row| {
            let mi = row.index();
            let member = &members[mi];
            let selected = view.member == Some(mi);
            row.set_selected(selected);
            let mut edited = member.clone();
            // Keyed by the member, not the row: when Alt+Up moves them, the cursor moves
            // with them rather than staying in the row their neighbour takes.
            let mut form = Form::new(doc.read_only, if selected { view.focus } else { None })
                .marked(view.review.marks(member.id.as_str()))
                .keyed((
                    "member-row",
                    member.id.as_str(),
                    // Two members with one id (check reports it) must not share a field.
                    doc.member_id_repeated(&member.id).then_some(mi),
                ));
            row.col(|ui| {
                if doc.read_only {
                    ui.label(RichText::new("☰").weak());
                } else {
                    let handle =
                        ui.dnd_drag_source(Id::unique(("member-drag", di, mi)), mi, |ui| {
                            ui.label("☰");
                        });
                    handle
                        .response
                        .on_hover_text("Drag to change the order of precedence");
                }
            });
            row.col(|ui| {
                ui.label(format!("{}", mi + 1));
            });
            for (i, (_, field)) in COLUMNS.iter().enumerate() {
                row.col(|ui| {
                    ui.push_id(mi, |ui| {
                        let value = match *field {
                            "honorific" => Some(&mut edited.honorific),
                            "full_name" => Some(&mut edited.full_name),
                            "position" => Some(&mut edited.position),
                            "organisation" => Some(&mut edited.organisation),
                            _ => None,
                        };
                        match value {
                            Some(value) => form.text_hinted(
                                ui,
                                field,
                                value,
                                headers[i],
                                f32::INFINITY,
                                if *field == "full_name" {
                                    "(name to be confirmed)"
                                } else {
                                    ""
                                },
                            ),
                            None => form.choice_unlabelled(
                                ui,
                                field,
                                &mut edited.role,
                                &MemberRole::ALL,
                                MemberRole::label,
                                headers[i],
                            ),
                        }
                    });
                });
            }
            let response = row.response();
            if response.clicked() || form.touched {
                view.member = Some(mi);
            }
            if let Some(from) = response.dnd_release_payload::<usize>()
                && *from != mi
            {
                out.change(
                    "Move member",
                    None,
                    Edit::Move {
                        list: List::Members(di),
                        from: *from,
                        to: mi,
                    },
                );
                view.member = Some(mi);
            }
            if let Some(field) = form.changed {
                view.member = Some(mi);
                out.change(
                    format!("Edit {}", field.replace('_', " ")),
                    Some(field),
                    Edit::Replace {
                        list: List::Members(di),
                        index: mi,
                        item: Item::Member(Box::new(edited)),
                    },
                );
            }
            if selected {
                view.focus = form.focus;
            }
        });
    });
}

fn member_details(
    ui: &mut Ui,
    doc: &Document,
    view: &mut View,
    out: &mut Output,
    di: usize,
    mi: usize,
    member: &Member,
) {
    let d = &doc.dossier;
    let mut edited = member.clone();
    let mut form = Form::new(doc.read_only, view.focus)
        .fit(ui)
        .marked(view.review.marks(member.id.as_str()));
    egui::ScrollArea::vertical()
        .id_salt("member-details")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            ui.push_id(("member", member.id.as_str()), |ui| {
                photo_card(ui, doc.read_only, (di, mi), member, out);
                form_grid(ui, "member-details", |ui| {
                    form.marking(
                        ui,
                        "Marking",
                        "marking",
                        &mut edited.marking,
                        &d.scheme,
                        d.delegations[di].marking.as_ref().or(Some(&d.meta.marking)),
                    );
                    form.text(ui, "Contact", "contact", &mut edited.contact);
                    movement(ui, &mut form, "Arrival", "arrival", &mut edited.arrival);
                    movement(
                        ui,
                        &mut form,
                        "Departure",
                        "departure",
                        &mut edited.departure,
                    );
                    form.text(ui, "Hotel", "hotel", &mut edited.hotel);
                    form.text(ui, "Dietary requirements", "dietary", &mut edited.dietary);
                    form.text(ui, "Languages", "languages", &mut edited.languages);
                    form.text(
                        ui,
                        "Interpretation",
                        "interpretation",
                        &mut edited.interpretation,
                    );
                    form.text(
                        ui,
                        "Accessibility",
                        "accessibility",
                        &mut edited.accessibility,
                    );
                    form.multiline(ui, "Biography", "biography", &mut edited.biography);
                    form.multiline(ui, "Notes", "notes", &mut edited.notes);
                });
            });
        });
    if let Some(field) = form.changed {
        out.change(
            format!("Edit {}", field.replace('_', " ")),
            Some(field),
            Edit::Replace {
                list: List::Members(di),
                index: mi,
                item: Item::Member(Box::new(edited)),
            },
        );
    }
    view.focus = form.focus;
}

/// The member's name beside their photo and its buttons, above the details; an image
/// dropped on the window while the details are shown is this member's photo.
fn photo_card(
    ui: &mut Ui,
    read_only: bool,
    (di, mi): (usize, usize),
    member: &Member,
    out: &mut Output,
) {
    ui.horizontal_top(|ui| {
        if let Some(photo) = &member.photo {
            let t = super::super::photos::texture(ui.ctx(), photo);
            let h = 100.0;
            let w = h * photo.width() as f32 / photo.height().max(1) as f32;
            let (rect, response) = ui.allocate_exact_size(egui::vec2(w, h), Sense::hover());
            ui.painter().image(
                t.id(),
                rect,
                egui::Rect::from_min_max(egui::Pos2::ZERO, egui::pos2(1.0, 1.0)),
                egui::Color32::WHITE,
            );
            let alt = member.photo_alt();
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, alt.clone()));
        }
        ui.vertical(|ui| {
            let name = format!("#{} {}", mi + 1, member.display_name());
            crate::ui::bidi::label(ui, &name, RichText::strong);
            ui.add_enabled_ui(!read_only, |ui| {
                ui.horizontal(|ui| {
                    let choose = if member.photo.is_some() {
                        "Replace photo…"
                    } else {
                        "Choose photo…"
                    };
                    if ui.button(choose).clicked() {
                        out.push(Command::ChoosePhoto(member.id.clone()));
                    }
                    if member.photo.is_some() && ui.button("Remove photo").clicked() {
                        let mut edited = member.clone();
                        edited.photo = None;
                        out.change(
                            "Remove photo",
                            None,
                            Edit::Replace {
                                list: List::Members(di),
                                index: mi,
                                item: Item::Member(Box::new(edited)),
                            },
                        );
                    }
                })
            });
            let hint = match &member.photo {
                Some(p) => format!("{}; or drop a JPEG or PNG here", p.describe()),
                None => "JPEG or PNG, cropped to a 3:4 portrait; or drop one here".to_owned(),
            };
            ui.label(RichText::new(hint).small().weak());
        });
    });
    ui.add_space(6.0);
    if read_only {
        return;
    }
    let dropped: Option<std::path::PathBuf> = ui.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_owned())
            .find(|p| super::is_image(p))
    });
    if let Some(path) = dropped {
        out.push(Command::SetPhotoFrom {
            member: member.id.clone(),
            path,
        });
    }
}

/// Date, time and details of an arrival or departure, on one row.
fn movement(
    ui: &mut Ui,
    form: &mut Form,
    label: &str,
    field: &'static str,
    value: &mut Option<Movement>,
) {
    let label = ui.label(label);
    let mut m = value.clone().unwrap_or_default();
    let before = m.clone();
    ui.horizontal(|ui| {
        ui.push_id(field, |ui| {
            form.date_unlabelled(ui, field, &mut m.date, label.id);
            form.time_unlabelled(ui, field, &mut m.time, label.id);
            let details = ui.label("Flight / details");
            let width = (form.width - 320.0).max(160.0);
            form.text_unlabelled(ui, field, &mut m.details, details.id, width);
        });
    });
    ui.end_row();
    if m != before {
        *value = if m == Movement::default() {
            None
        } else {
            Some(m)
        };
        form.changed = Some(field);
    }
}
