//! The dossier, as the pack options choose, turned into the pack's [`Document`]. Every
//! word the pack adds of its own (headings, labels, the cover's field names) is chosen
//! here, from the catalogue of the dossier's language (`assets/i18n`).

use super::catalogue::{Arg, Catalogue, catalogue};
use super::{
    Block, Cell, Column, Cover, Document, Field, Figure, Heading, List, ListItem, PackOptions,
    Para, Seat, Seating, SeatingSide, Sect, Span, Table, Tone, Words, bold, italic, plain,
};
use crate::model::markup::{self, Block as Markup};
use crate::model::{
    Dossier, ItemKind, ItemWords, Marking, MemberRole, Portions, ProgrammeItem, Section, Source,
};

/// The pack of `d` that `options` describe.
pub fn build(d: &Dossier, options: &PackOptions) -> Document {
    let w = catalogue(d.meta.language());
    // Approvals are of the whole dossier: judged before items are left out.
    let approvals = super::approval_lines(d);
    let full = d;
    let (d, sections) = options.contents(d);
    let d = &*d;
    let comments = if options.comments {
        crate::review::printed_comments(full, d, &sections)
    } else {
        Vec::new()
    };
    let annex = !comments.is_empty();
    let portions = Portions::new(d);
    let p = Marks::new(&portions);
    let mut parts: Vec<Sect> = sections.iter().map(|&s| part(&p, w, s)).collect();
    if annex {
        parts.push(comments_annex(&p, w, &comments));
    }
    let banner = p
        .banner(options.banner(&portions, &sections, annex))
        .to_string();
    let m = &d.meta;

    let status = w.status(m.status);
    let mut fields = vec![
        ("cover-dates", w.dates(m.start_date, m.end_date)),
        ("cover-venue", m.venue.clone()),
        ("cover-host", m.host_country.clone()),
        ("cover-guest", m.guest_country.clone()),
        ("cover-prepared-by", m.prepared_by_text()),
        (
            "cover-status",
            w.with(
                "status-line",
                &[
                    ("revision", m.revision.into()),
                    ("status", (&status).into()),
                ],
            ),
        ),
        (
            "cover-pack",
            options.describe(&sections, w).unwrap_or_default(),
        ),
    ];
    fields.extend(approvals.into_iter().map(|a| ("cover-approval", a)));
    let cover = Cover {
        kind: w.kind(m.kind),
        title: m.title.clone(),
        occasion: m.occasion.clone(),
        fields: fields
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(label, value)| Field {
                label: w.text(label),
                value,
            })
            .collect(),
        marking: banner.clone(),
    };

    let mut footer = w.with(
        "footer",
        &[
            ("title", (&m.title).into()),
            ("revision", m.revision.into()),
        ],
    );
    if let Some(name) = &options.name {
        footer.push_str(" — ");
        footer.push_str(name);
    }
    Document {
        provenance: super::Provenance::of(full),
        title: options.title(full),
        lang: full.meta.language().to_owned(),
        banner,
        footer,
        cover,
        // Templates the renderers fill in: the arguments stand for themselves here.
        words: Words {
            contents: w.text("contents"),
            page_of: w.with(
                "page-of",
                &[("page", "{page}".into()), ("pages", "{pages}".into())],
            ),
            continued: w.with("continued", &[("title", "{title}".into())]),
            briefing_pack: w.text("briefing-pack"),
        },
        parts,
    }
}

/// The dossier's portions as the pack marks them, every mark it prints recorded: the
/// banner is then the high-water mark of what was printed, so that no path a text takes
/// into the pack can print it under a banner below its own mark.
struct Marks<'p, 'd> {
    p: &'p Portions<'d>,
    printed: std::cell::RefCell<Vec<Marking>>,
}

impl<'p, 'd> std::ops::Deref for Marks<'p, 'd> {
    type Target = Portions<'d>;
    fn deref(&self) -> &Portions<'d> {
        self.p
    }
}

impl<'p, 'd> Marks<'p, 'd> {
    fn new(p: &'p Portions<'d>) -> Self {
        Self {
            p,
            printed: Default::default(),
        }
    }

    /// The portion mark, "(S//REL TO KEN)", of a portion printed under `m`.
    fn mark(&self, m: &Marking) -> String {
        let mut printed = self.printed.borrow_mut();
        if printed.last() != Some(m) {
            printed.push(m.clone());
        }
        self.p.mark(m)
    }

    /// The banner: what the sections hold (`portions`, as `Portions` counts them) and
    /// every mark printed.
    fn banner(&self, portions: Marking) -> Marking {
        let printed = self.printed.borrow();
        self.p
            .dossier()
            .scheme
            .high_water(std::iter::once(&portions).chain(printed.iter()))
            .unwrap_or(portions)
    }
}

/// The anchor of a part, for links within the HTML pack.
fn anchor(s: Section) -> &'static str {
    match s {
        Section::Programme => "programme",
        Section::Delegations => "delegations",
        Section::Biographies => "biographies",
        Section::Arrivals => "arrivals",
        Section::Seating => "seating",
        Section::TalkingPoints => "talking-points",
        Section::SecurityNotes => "security-notes",
    }
}

fn part(p: &Marks, w: &Catalogue, s: Section) -> Sect {
    let mut part = Sect::new(Heading::Part, w.section(s)).anchored(anchor(s));
    let d = p.dossier();
    let (empty, body) = match s {
        Section::Programme => ("empty-programme", programme(p, w)),
        Section::Delegations => ("empty-delegations", delegations(p, w)),
        Section::Biographies => ("empty-biographies", biographies(p, w)),
        Section::Arrivals => ("empty-arrivals", arrivals(p, w)),
        Section::Seating => ("empty-seating", seating(p, w)),
        Section::TalkingPoints => ("empty-talking-points", talking_points(p, w)),
        Section::SecurityNotes => ("empty-security-notes", security_notes(p, w)),
    };
    let nothing = match s {
        Section::Programme => d.programme.is_empty(),
        Section::Delegations => d.delegations.is_empty(),
        Section::Biographies => !d
            .delegations
            .iter()
            .any(|del| del.members.iter().any(|m| m.has_biography())),
        Section::Arrivals => d.movements().next().is_none(),
        Section::Seating => crate::model::seating::plan(d).is_empty(),
        Section::TalkingPoints => d.talking_points.is_empty(),
        Section::SecurityNotes => d.security_notes.is_empty(),
    };
    part.body = if nothing {
        vec![Block::Para(Para::new(Tone::Empty, w.text(empty)))]
    } else {
        body
    };
    part
}

/// Long text with its light markup, as paragraphs and lists.
fn rich(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for block in markup::parse(text) {
        match block {
            Markup::Paragraph(spans) => out.push(Block::Para(Para {
                tone: Tone::Body,
                spans,
            })),
            Markup::Item {
                depth,
                number,
                spans,
            } => {
                let item = ListItem {
                    label: number.map_or_else(|| "•".to_owned(), |n| format!("{n}.")),
                    depth,
                    body: vec![spans],
                };
                match out.last_mut() {
                    Some(Block::List(list)) => list.items.push(item),
                    _ => out.push(Block::List(List {
                        numbered: number.is_some(),
                        items: vec![item],
                    })),
                }
            }
        }
    }
    out
}

/// Short text with its emphasis, on one line of a list or a table cell: paragraphs run on,
/// a space between them.
fn inline(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (i, block) in markup::parse(text).into_iter().enumerate() {
        if i > 0 {
            out.push(plain(" "));
        }
        out.extend(block.spans().iter().cloned());
    }
    out
}

/// A labelled block ("Objective", then its text), left out when there is no text.
fn labelled(out: &mut Vec<Block>, label: String, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    let mut s = Sect::new(Heading::Label, label);
    s.body = rich(text);
    out.push(Block::Sect(s));
}

/// A labelled list ("Key messages", then one item per entry), left out when empty.
fn listed(out: &mut Vec<Block>, label: String, items: &[String], numbered: bool) {
    let items: Vec<&String> = items.iter().filter(|s| !s.trim().is_empty()).collect();
    if items.is_empty() {
        return;
    }
    let mut s = Sect::new(Heading::Label, label);
    s.body.push(Block::List(List {
        numbered,
        items: items
            .iter()
            .enumerate()
            .map(|(i, text)| ListItem {
                label: if numbered {
                    format!("{}.", i + 1)
                } else {
                    "•".to_owned()
                },
                depth: 0,
                body: vec![inline(text)],
            })
            .collect(),
    }));
    out.push(Block::Sect(s));
}

fn programme(p: &Marks, w: &Catalogue) -> Vec<Block> {
    let d = p.dossier();
    let rows = d
        .programme
        .iter()
        .map(|item| {
            // The title stands out from who attends and the notes below it.
            let mut what = vec![bold(format!(
                "{} {}",
                p.mark(p.programme(item)),
                item.title
            ))];
            if !item.participants.is_empty() {
                what.push(italic(format!("\n{} ", w.text("participants"))));
                what.push(plain(item.participants.clone()));
            }
            if !item.notes.is_empty() {
                what.push(plain("\n"));
                what.extend(inline(&item.notes));
            }
            vec![
                vec![plain(programme_when(item, w))],
                what,
                vec![plain(item.location.clone())],
            ]
        })
        .collect();
    vec![Block::Table(Table {
        caption: w.section(Section::Programme),
        columns: columns(
            w,
            &[
                ("column-when", 0.2),
                ("column-what", 0.55),
                ("column-where", 0.25),
            ],
        ),
        rows,
    })]
}

fn columns(w: &Catalogue, spec: &[(&str, f32)]) -> Vec<Column> {
    spec.iter()
        .map(|(title, width)| Column {
            title: w.text(title),
            width: *width,
        })
        .collect()
}

/// When a programme item happens, as the pack's programme prints it.
pub fn programme_when(p: &ProgrammeItem, w: &Catalogue) -> String {
    let date = p
        .date
        .map(|d| format!("{} ", w.date(d)))
        .unwrap_or_default();
    match (p.date, p.start, p.end) {
        (_, Some(s), Some(e)) => format!("{date}{s}–{e}"),
        (_, Some(s), None) => format!("{date}{s}"),
        (Some(d), None, _) => w.date(d),
        (None, None, _) => w.text("to-be-confirmed"),
    }
}

/// A member as the pack names them in passing: "Dr. Korir Sing’oei", or the position
/// when the name is not yet confirmed.
fn member_name(m: &crate::model::Member, w: &Catalogue) -> String {
    match (!m.name_confirmed(), m.position.is_empty()) {
        (true, false) => w.with("member-unconfirmed", &[("position", (&m.position).into())]),
        (true, true) => w.text("member-unnamed"),
        (false, _) => m.display_name(),
    }
}

/// A delegation's heading (its portion mark, of its whole list, is the section's).
fn delegation_name(del: &crate::model::Delegation, w: &Catalogue) -> String {
    w.with(
        "delegation-title",
        &[
            ("name", (&del.name).into()),
            ("side", Catalogue::side(del.role).into()),
        ],
    )
}

/// A member's name as a list prints it beside the position: the form of address and the
/// name, or that the name is to be confirmed.
fn listed_name(m: &crate::model::Member, w: &Catalogue) -> String {
    if !m.name_confirmed() {
        w.text("name-to-be-confirmed")
    } else if m.honorific.is_empty() {
        m.full_name.clone()
    } else {
        format!("{} {}", m.honorific, m.full_name)
    }
}

/// Each delegation's members who have a biography or a photo, in precedence order: the
/// name (the item's heading, marked by the member), then the photo with the position,
/// organisation and text beside it.
fn biographies(p: &Marks, w: &Catalogue) -> Vec<Block> {
    let d = p.dossier();
    d.delegations
        .iter()
        .filter(|del| del.members.iter().any(|m| m.has_biography()))
        .map(|del| {
            let mut group = Sect::new(Heading::Group, delegation_name(del, w))
                .marked(p.mark(p.delegation_own(del)));
            for m in del.members.iter().filter(|m| m.has_biography()) {
                let mut s = Sect::new(Heading::Item, member_name(m, w))
                    .marked(p.mark(p.member_marking(del, m)))
                    .anchored(format!("biography-{}", m.id));
                let facts: Vec<&str> = [m.position.as_str(), m.organisation.as_str()]
                    .into_iter()
                    .filter(|f| !f.trim().is_empty())
                    .collect();
                let mut body = Vec::new();
                if !facts.is_empty() {
                    body.push(Block::Para(Para::new(Tone::Meta, facts.join("  ·  "))));
                }
                body.extend(rich(&m.biography));
                match &m.photo {
                    Some(photo) => s.body.push(Block::Figure(Figure {
                        photo: photo.clone(),
                        alt: w.with("photo-of", &[("name", Arg::Text(&member_name(m, w)))]),
                        beside: body,
                    })),
                    None => s.body = body,
                }
                group.body.push(Block::Sect(s));
            }
            Block::Sect(group)
        })
        .collect()
}

/// Each table of the talks: its heading (marked by all it seats), the drawing, then each
/// side's seats as a list from one end to the other, and the row behind.
fn seating(p: &Marks, w: &Catalogue) -> Vec<Block> {
    let d = p.dossier();
    crate::model::seating::plan(d)
        .into_iter()
        .map(|table| {
            let sides: Vec<(&crate::model::Delegation, &crate::model::seating::Side)> = table
                .sides
                .iter()
                .filter_map(|side| {
                    d.delegations
                        .iter()
                        .find(|del| del.id == side.delegation)
                        .map(|del| (del, side))
                })
                .collect();
            let marks: Vec<Marking> = sides.iter().map(|(del, _)| p.delegation(del)).collect();
            let high = d
                .scheme
                .high_water(&marks)
                .unwrap_or_else(|| d.meta.marking.clone());
            let names: Vec<String> = sides.iter().map(|(del, _)| del.name.clone()).collect();
            let title = names.join(" – ");
            let mut s = Sect::new(Heading::Group, title.clone())
                .marked(p.mark(&high))
                .anchored("seating-table");
            // Members by id, and each one's place in their row: looked up, not scanned, for
            // every seat of a side of thousands.
            let by_id: rustc_hash::FxHashMap<&crate::model::Id, &crate::model::Member> = sides
                .iter()
                .flat_map(|(del, _)| del.members.iter().map(|m| (&m.id, m)))
                .collect();
            let seat = |id: &crate::model::Id| {
                let m = by_id.get(id).copied();
                Seat {
                    name: m.map(|m| member_name(m, w)).unwrap_or_default(),
                    position: m.map(|m| m.position.clone()).unwrap_or_default(),
                }
            };
            s.body.push(Block::Seating(Seating {
                alt: w.with("seating-alt", &[("table", Arg::Text(&title))]),
                sides: sides
                    .iter()
                    .map(|(del, side)| SeatingSide {
                        name: del.name.clone(),
                        seats: side.seats.iter().map(seat).collect(),
                        behind: side.behind.iter().map(seat).collect(),
                    })
                    .collect(),
                scale: w.with("seating-scale", &[("scale", "{scale}".into())]),
                too_long: w.text("seating-too-long"),
            }));
            for (del, side) in &sides {
                let mut list = Sect::new(Heading::Label, delegation_name(del, w))
                    .marked(p.mark(p.delegation_own(del)));
                // In precedence order, each member's place counted from the head's.
                let (at_table, behind) = (places(w, &side.seats), places(w, &side.behind));
                let place =
                    |row: &rustc_hash::FxHashMap<&crate::model::Id, String>,
                     id: &crate::model::Id| row.get(id).cloned();
                let rows: Vec<Vec<Cell>> = del
                    .members
                    .iter()
                    .filter_map(|m| {
                        let at = place(&at_table, &m.id).or_else(|| {
                            place(&behind, &m.id)
                                .map(|p| w.with("seat-behind", &[("place", Arg::Text(&p))]))
                        })?;
                        Some(vec![
                            vec![plain(at)],
                            vec![plain(format!(
                                "{} {}",
                                p.mark(&p.member_in_delegation(del, m)),
                                member_name(m, w)
                            ))],
                            vec![plain(m.position.clone())],
                        ])
                    })
                    .collect();
                list.body.push(Block::Table(Table {
                    caption: delegation_name(del, w),
                    columns: columns(
                        w,
                        &[
                            ("column-seat", 0.16),
                            ("column-name", 0.4),
                            ("column-position", 0.44),
                        ],
                    ),
                    rows,
                }));
                s.body.push(Block::Sect(list));
            }
            Block::Sect(s)
        })
        .collect()
}

/// Each member's place in a row of the table, counted from the head's (the middle), by id.
fn places<'r>(
    w: &Catalogue,
    row: &'r [crate::model::Id],
) -> rustc_hash::FxHashMap<&'r crate::model::Id, String> {
    let h = (row.len() as i64 - 1) / 2;
    let mut at: rustc_hash::FxHashMap<&crate::model::Id, String> = Default::default();
    for (j, id) in row.iter().enumerate() {
        at.entry(id).or_insert_with(|| match j as i64 - h {
            0 => w.text("seat-centre"),
            n if n > 0 => w.with("seat-right", &[("n", Arg::Number(n))]),
            n => w.with("seat-left", &[("n", Arg::Number(-n))]),
        });
    }
    at
}

/// The airport team's tables: a day at a time (the days in order, movements of no known
/// day last), each movement in time order; each row marked by the member whose it is (it
/// prints their name, movement and hotel) and each day's heading by its rows.
fn arrivals(p: &Marks, w: &Catalogue) -> Vec<Block> {
    let d = p.dossier();
    let title = w.section(Section::Arrivals);
    let mut days: Vec<(Option<crate::model::Date>, Vec<crate::model::Moving>)> = Vec::new();
    for m in d.movements() {
        match days.last_mut() {
            Some((day, moves)) if *day == m.movement.date => moves.push(m),
            _ => days.push((m.movement.date, vec![m])),
        }
    }
    days.into_iter()
        .map(|(day, moves)| {
            let when = day.map_or_else(|| w.text("to-be-confirmed"), |date| w.date(date));
            // A row prints the member's delegation's name too.
            let marks: Vec<Marking> = moves
                .iter()
                .map(|m| p.member_in_delegation(m.delegation, m.member))
                .collect();
            let high = d
                .scheme
                .high_water(&marks)
                .unwrap_or_else(|| d.meta.marking.clone());
            let mut s = Sect::new(Heading::Group, when.clone())
                .marked(p.mark(&high))
                .anchored(format!(
                    "arrivals-{}",
                    day.map_or_else(|| "to-be-confirmed".to_owned(), |d| d.to_string())
                ));
            let rows = moves
                .iter()
                .zip(&marks)
                .map(|(m, marking)| arrival_row(m, p.mark(marking), w))
                .collect();
            s.body.push(Block::Table(Table {
                caption: format!("{title}, {when}"),
                columns: columns(
                    w,
                    &[
                        ("column-time", 0.09),
                        ("column-movement", 0.13),
                        ("column-who", 0.3),
                        ("column-details", 0.24),
                        ("column-hotel", 0.24),
                    ],
                ),
                rows,
            }));
            Block::Sect(s)
        })
        .collect()
}

fn arrival_row(m: &crate::model::Moving, mark: String, w: &Catalogue) -> Vec<Cell> {
    let mut who = format!("{mark} {}", member_name(m.member, w))
        .trim_start()
        .to_owned();
    // An unconfirmed name is given by the position already.
    let position = if !m.member.name_confirmed() {
        ""
    } else {
        m.member.position.as_str()
    };
    for line in [position, m.delegation.name.as_str()] {
        if !line.is_empty() {
            who.push('\n');
            who.push_str(line);
        }
    }
    let kind = if m.arrival {
        "movement-arrival"
    } else {
        "movement-departure"
    };
    vec![
        vec![plain(
            m.movement.time.map(|t| t.to_string()).unwrap_or_default(),
        )],
        vec![plain(w.text(kind))],
        vec![plain(who)],
        vec![plain(m.movement.details.clone())],
        vec![plain(m.member.hotel.clone())],
    ]
}

fn delegations(p: &Marks, w: &Catalogue) -> Vec<Block> {
    let d = p.dossier();
    d.delegations
        .iter()
        .map(|del| {
            let mut s = Sect::new(Heading::Item, delegation_name(del, w))
                .marked(p.mark(&p.delegation(del)))
                .anchored(format!("delegation-{}", del.id));
            s.body = rich(&del.notes);
            // A column no member has anything in gives its room to the positions.
            let organisations = del
                .members
                .iter()
                .any(|m| !m.organisation.trim().is_empty());
            let rows = del
                .members
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let name = listed_name(m, w);
                    let role = if m.role == MemberRole::Member {
                        String::new()
                    } else {
                        w.role(m.role)
                    };
                    let mut row = vec![
                        vec![plain((i + 1).to_string())],
                        vec![plain(name)],
                        vec![plain(m.position.clone())],
                        vec![plain(m.organisation.clone())],
                        vec![plain(role)],
                    ];
                    if !organisations {
                        row.remove(3);
                    }
                    row
                })
                .collect();
            let columns = if organisations {
                columns(
                    w,
                    &[
                        ("column-number", 0.06),
                        ("column-name", 0.27),
                        ("column-position", 0.3),
                        ("column-organisation", 0.2),
                        ("column-role", 0.17),
                    ],
                )
            } else {
                columns(
                    w,
                    &[
                        ("column-number", 0.06),
                        ("column-name", 0.3),
                        ("column-position", 0.44),
                        ("column-role", 0.2),
                    ],
                )
            };
            s.body.push(Block::Table(Table {
                caption: s.heading_text(),
                columns,
                rows,
            }));
            Block::Sect(s)
        })
        .collect()
}

fn talking_points(p: &Marks, w: &Catalogue) -> Vec<Block> {
    let d = p.dossier();
    d.topics()
        .into_iter()
        .enumerate()
        .map(|(k, (topic, points))| {
            let title = if topic.trim().is_empty() {
                w.text("other-points")
            } else {
                topic.to_owned()
            };
            // The topic is its points' own words.
            let mark = p.mark(&p.topic(points.iter().map(|&i| &d.talking_points[i])));
            let mut group = Sect::new(Heading::Group, title)
                .marked(mark)
                .anchored(format!("topic-{}", k + 1));
            group.body = points
                .into_iter()
                .map(|i| Block::Sect(talking_point(p, w, &d.talking_points[i])))
                .collect();
            Block::Sect(group)
        })
        .collect()
}

fn talking_point(p: &Marks, w: &Catalogue, t: &crate::model::TalkingPoint) -> Sect {
    // The lead speaker's marking is in the point's (see `Portions`).
    let mut s = Sect::new(Heading::Item, t.title.clone())
        .marked(p.mark(&p.talking_point(t)))
        .anchored(format!("point-{}", t.id));
    let priority = w.priority(t.priority);
    let mut meta = w.with("priority", &[("priority", (&priority).into())]);
    if let Some((lead, _)) = p.lead_speaker(t) {
        let name = member_name(lead, w);
        meta.push_str("  ·  ");
        meta.push_str(&w.with("lead", &[("name", (&name).into())]));
    }
    s.body.push(Block::Para(Para::new(Tone::Meta, meta)));
    labelled(&mut s.body, w.text("label-objective"), &t.objective);
    listed(
        &mut s.body,
        w.text("label-key-messages"),
        &t.key_messages,
        true,
    );
    labelled(&mut s.body, w.text("label-background"), &t.background);
    if !t.if_raised.is_empty() {
        let they_may = format!("{} ", w.text("they-may-raise"));
        let our_response = format!("{} ", w.text("our-response"));
        let mut raised = Sect::new(Heading::Label, w.text("label-if-raised"));
        raised.body.push(Block::List(List {
            numbered: false,
            items: t
                .if_raised
                .iter()
                .map(|r| {
                    let mut they = vec![italic(they_may.clone())];
                    they.extend(inline(&r.they_raise));
                    let mut ours = vec![italic(our_response.clone())];
                    ours.extend(inline(&r.our_response));
                    ListItem {
                        label: "•".to_owned(),
                        depth: 0,
                        body: vec![they, ours],
                    }
                })
                .collect(),
        }));
        s.body.push(Block::Sect(raised));
    }
    labelled(&mut s.body, w.text("label-press-line"), &t.press_line);
    s
}

fn security_notes(p: &Marks, w: &Catalogue) -> Vec<Block> {
    let d = p.dossier();
    d.security_notes
        .iter()
        .map(|n| {
            let mut s = Sect::new(Heading::Item, n.title.clone())
                .marked(p.mark(p.security_note(n)))
                .anchored(format!("note-{}", n.id));
            let level = w.threat(n.threat_level);
            let mut meta = Vec::new();
            if !n.region.is_empty() {
                meta.push(w.with("region", &[("region", (&n.region).into())]));
            }
            meta.push(w.with("threat-level", &[("level", (&level).into())]));
            if let Some(r) = n.last_reviewed {
                let date = w.date(r);
                meta.push(w.with("last-reviewed", &[("date", (&date).into())]));
            }
            s.body
                .push(Block::Para(Para::new(Tone::Meta, meta.join("  ·  "))));
            labelled(&mut s.body, w.text("label-summary"), &n.summary);
            labelled(&mut s.body, w.text("label-assessment"), &n.assessment);
            listed(
                &mut s.body,
                w.text("label-key-actors"),
                &n.key_actors,
                false,
            );
            labelled(&mut s.body, w.text("label-outlook"), &n.outlook);
            labelled(
                &mut s.body,
                w.text("label-recommendations"),
                &n.recommendations,
            );
            let sources: Vec<String> = n.sources.iter().map(|s| cited(s, w)).collect();
            listed(&mut s.body, w.text("label-sources"), &sources, false);
            Block::Sect(s)
        })
        .collect()
}

/// A source as its list prints it: the citation, and its date in the long form.
fn cited(s: &Source, w: &Catalogue) -> String {
    match s.date {
        Some(date) => {
            let date = w.date(date);
            w.with(
                "source-dated",
                &[("citation", (&s.citation).into()), ("date", (&date).into())],
            )
        }
        None => s.citation.clone(),
    }
}

/// Where a printed comment is: "talking point 2 “Haiti” › background", in the pack's
/// words (field names stay as the file spells them).
fn comment_on(d: &Dossier, w: &Catalogue, printed: &crate::review::Printed) -> String {
    let field = (!printed.comment.field.is_empty()).then_some(printed.comment.field.as_str());
    match printed.item {
        None => w.text("on-dossier"),
        Some(item) => item.describe_in(d, field, w),
    }
}

impl ItemWords for Catalogue {
    fn numbered(&self, kind: ItemKind, n: usize, name: &str) -> String {
        let id = match kind {
            ItemKind::Delegation => "on-delegation",
            ItemKind::Member => "on-member",
            ItemKind::Programme => "on-programme",
            ItemKind::TalkingPoint => "on-talking-point",
            ItemKind::SecurityNote => "on-security-note",
            ItemKind::Pack => "on-pack",
        };
        let mut out = self.with(id, &[("n", n.into())]);
        if !name.is_empty() {
            out.push(' ');
            out.push_str(&self.with("quoted", &[("text", name.into())]));
        }
        out
    }
    fn meta(&self) -> String {
        self.text("on-meta")
    }
    fn scheme(&self) -> String {
        self.text("on-scheme")
    }
    fn removed(&self) -> String {
        self.text("on-removed")
    }
    fn member_name(&self, m: &crate::model::Member) -> String {
        member_name(m, self)
    }
}

/// The review comments, as an annex: each with where it is, who wrote it and when, its
/// text and its replies.
fn comments_annex(p: &Marks, w: &Catalogue, comments: &[crate::review::Printed]) -> Sect {
    let d = p.dossier();
    let mut annex = Sect::new(Heading::Part, w.text("annex-comments")).anchored("annex-comments");
    for printed in comments {
        let c = printed.comment;
        let state = w.text(if c.resolved {
            "comment-resolved"
        } else {
            "comment-open"
        });
        let on = comment_on(d, w, printed);
        // A comment carries no marking: it counts at the dossier's, and its place prints
        // the name of the item it is on.
        let named = printed
            .item
            .map_or_else(|| d.meta.marking.clone(), |item| p.named(item));
        let marking = d
            .scheme
            .high_water([&d.meta.marking, &named])
            .unwrap_or(named);
        let mut s = Sect::new(
            Heading::Minor,
            w.with("comment-on", &[("where", Arg::Text(&on))]),
        )
        .marked(p.mark(&marking));
        s.body.push(Block::Para(Para::new(
            Tone::Meta,
            format!("{} · {} · {state}", c.author, w.timestamp(c.at)),
        )));
        s.body
            .push(Block::Para(Para::new(Tone::Body, c.text.clone())));
        for r in &c.replies {
            s.body.push(Block::Quote(vec![
                Block::Para(Para::new(
                    Tone::Meta,
                    format!("{} · {}", r.author, w.timestamp(r.at)),
                )),
                Block::Para(Para::new(Tone::Body, r.text.clone())),
            ]));
        }
        annex.body.push(Block::Sect(s));
    }
    annex
}
