//! The dossier, as the pack options choose, turned into the pack's [`Document`]. Every
//! word the pack adds of its own (headings, labels, the cover's field names) is written
//! here.

use super::{
    Block, Column, Cover, Document, Field, Heading, List, ListItem, PackOptions, Para, Sect, Span,
    Table, Tone, Words, bold, italic, plain,
};
use crate::model::markup::{self, Block as Markup};
use crate::model::{Dossier, MemberRole, Portions, ProgrammeItem, Section, Source};

/// The pack of `d` that `options` describe.
pub fn build(d: &Dossier, options: &PackOptions) -> Document {
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
    let p = Portions::new(d);
    let banner = options.banner(&p, &sections, annex).to_string();
    let m = &d.meta;

    let mut fields = vec![
        ("Dates", m.dates_text()),
        ("Venue", m.venue.clone()),
        ("Host", m.host_country.clone()),
        ("Guest", m.guest_country.clone()),
        ("Prepared by", m.prepared_by_text()),
        (
            "Status",
            format!("Revision {} · {}", m.revision, m.status.label()),
        ),
        ("Pack", options.describe(&sections).unwrap_or_default()),
    ];
    fields.extend(approvals.into_iter().map(|a| ("Approval", a)));
    let cover = Cover {
        kind: m.kind.label().to_owned(),
        title: m.title.clone(),
        occasion: m.occasion.clone(),
        fields: fields
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(label, value)| Field {
                label: label.to_owned(),
                value,
            })
            .collect(),
        marking: banner.clone(),
    };

    let mut parts: Vec<Sect> = sections.iter().map(|&s| part(&p, s)).collect();
    if annex {
        parts.push(comments_annex(&comments));
    }

    let mut footer = format!("{} — revision {}", m.title, m.revision);
    if let Some(name) = &options.name {
        footer.push_str(" — ");
        footer.push_str(name);
    }
    Document {
        title: options.title(full),
        lang: full.meta.language().to_owned(),
        banner,
        footer,
        cover,
        words: Words {
            contents: "Contents".to_owned(),
            page_of: "Page {page} of {pages}".to_owned(),
            continued: "{title} (continued)".to_owned(),
        },
        parts,
    }
}

/// The anchor of a part, for links within the HTML pack.
fn anchor(s: Section) -> &'static str {
    match s {
        Section::Programme => "programme",
        Section::Delegations => "delegations",
        Section::TalkingPoints => "talking-points",
        Section::SecurityNotes => "security-notes",
    }
}

fn part(p: &Portions, s: Section) -> Sect {
    let mut part = Sect::new(Heading::Part, s.title()).anchored(anchor(s));
    let d = p.dossier();
    let (empty, body) = match s {
        Section::Programme => ("No programme items.", programme(p)),
        Section::Delegations => ("No delegations.", delegations(p)),
        Section::TalkingPoints => ("No talking points.", talking_points(p)),
        Section::SecurityNotes => ("No security notes.", security_notes(p)),
    };
    let nothing = match s {
        Section::Programme => d.programme.is_empty(),
        Section::Delegations => d.delegations.is_empty(),
        Section::TalkingPoints => d.talking_points.is_empty(),
        Section::SecurityNotes => d.security_notes.is_empty(),
    };
    part.body = if nothing {
        vec![Block::Para(Para::new(Tone::Empty, empty))]
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
fn labelled(out: &mut Vec<Block>, label: &str, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    let mut s = Sect::new(Heading::Label, label);
    s.body = rich(text);
    out.push(Block::Sect(s));
}

/// A labelled list ("Key messages", then one item per entry), left out when empty.
fn listed(out: &mut Vec<Block>, label: &str, items: &[String], numbered: bool) {
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

fn programme(p: &Portions) -> Vec<Block> {
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
                what.push(italic("\nParticipants: "));
                what.push(plain(item.participants.clone()));
            }
            if !item.notes.is_empty() {
                what.push(plain("\n"));
                what.extend(inline(&item.notes));
            }
            vec![
                vec![plain(programme_when(item))],
                what,
                vec![plain(item.location.clone())],
            ]
        })
        .collect();
    vec![Block::Table(Table {
        caption: "Programme".to_owned(),
        columns: columns(&[("When", 0.2), ("What", 0.55), ("Where", 0.25)]),
        rows,
    })]
}

fn columns(spec: &[(&str, f32)]) -> Vec<Column> {
    spec.iter()
        .map(|(title, width)| Column {
            title: (*title).to_owned(),
            width: *width,
        })
        .collect()
}

/// When a programme item happens, as the pack's programme prints it.
pub fn programme_when(p: &ProgrammeItem) -> String {
    let date = p.date.map(|d| format!("{} ", d.long())).unwrap_or_default();
    match (p.date, p.start, p.end) {
        (_, Some(s), Some(e)) => format!("{date}{s}–{e}"),
        (_, Some(s), None) => format!("{date}{s}"),
        (Some(d), None, _) => d.long(),
        (None, None, _) => "To be confirmed".to_owned(),
    }
}

/// A delegation's heading (its portion mark, of its whole list, is the section's).
fn delegation_name(del: &crate::model::Delegation) -> String {
    format!(
        "{} — {} delegation",
        del.name,
        del.role.label().to_lowercase()
    )
}

fn delegations(p: &Portions) -> Vec<Block> {
    let d = p.dossier();
    d.delegations
        .iter()
        .map(|del| {
            let mut s = Sect::new(Heading::Item, delegation_name(del))
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
                    let name = if m.full_name.is_empty() {
                        "(name to be confirmed)".to_owned()
                    } else if m.honorific.is_empty() {
                        m.full_name.clone()
                    } else {
                        format!("{} {}", m.honorific, m.full_name)
                    };
                    let role = if m.role == MemberRole::Member {
                        String::new()
                    } else {
                        m.role.label().to_owned()
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
                columns(&[
                    ("#", 0.06),
                    ("Name", 0.27),
                    ("Position", 0.3),
                    ("Organisation", 0.2),
                    ("Role", 0.17),
                ])
            } else {
                columns(&[
                    ("#", 0.06),
                    ("Name", 0.3),
                    ("Position", 0.44),
                    ("Role", 0.2),
                ])
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

fn talking_points(p: &Portions) -> Vec<Block> {
    let d = p.dossier();
    d.topics()
        .into_iter()
        .enumerate()
        .map(|(k, (topic, points))| {
            let title = if topic.trim().is_empty() {
                "Other points"
            } else {
                topic
            };
            let mut group = Sect::new(Heading::Group, title).anchored(format!("topic-{}", k + 1));
            group.body = points
                .into_iter()
                .map(|i| Block::Sect(talking_point(p, &d.talking_points[i])))
                .collect();
            Block::Sect(group)
        })
        .collect()
}

fn talking_point(p: &Portions, t: &crate::model::TalkingPoint) -> Sect {
    // The lead speaker's marking is in the point's (see `Portions`).
    let mut s = Sect::new(Heading::Item, t.title.clone())
        .marked(p.mark(&p.talking_point(t)))
        .anchored(format!("point-{}", t.id));
    let mut meta = format!("Priority: {}", t.priority.label());
    if let Some((lead, _)) = p.lead_speaker(t) {
        meta.push_str(&format!("  ·  Lead: {}", lead.display_name()));
    }
    s.body.push(Block::Para(Para::new(Tone::Meta, meta)));
    labelled(&mut s.body, "Objective", &t.objective);
    listed(&mut s.body, "Key messages", &t.key_messages, true);
    labelled(&mut s.body, "Background", &t.background);
    if !t.if_raised.is_empty() {
        let mut raised = Sect::new(Heading::Label, "If raised");
        raised.body.push(Block::List(List {
            numbered: false,
            items: t
                .if_raised
                .iter()
                .map(|r| {
                    let mut they = vec![italic("They may raise: ")];
                    they.extend(inline(&r.they_raise));
                    let mut ours = vec![italic("Our response: ")];
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
    labelled(&mut s.body, "Press line", &t.press_line);
    s
}

fn security_notes(p: &Portions) -> Vec<Block> {
    let d = p.dossier();
    d.security_notes
        .iter()
        .map(|n| {
            let mut s = Sect::new(Heading::Item, n.title.clone())
                .marked(p.mark(p.security_note(n)))
                .anchored(format!("note-{}", n.id));
            let mut meta = format!("Threat level: {}", n.threat_level.label());
            if !n.region.is_empty() {
                meta = format!("Region: {}  ·  {meta}", n.region);
            }
            if let Some(r) = n.last_reviewed {
                meta.push_str(&format!("  ·  Last reviewed {}", r.long()));
            }
            s.body.push(Block::Para(Para::new(Tone::Meta, meta)));
            labelled(&mut s.body, "Summary", &n.summary);
            labelled(&mut s.body, "Situation and assessment", &n.assessment);
            listed(&mut s.body, "Key actors", &n.key_actors, false);
            labelled(&mut s.body, "Outlook", &n.outlook);
            labelled(&mut s.body, "Recommendations", &n.recommendations);
            let sources: Vec<String> = n.sources.iter().map(Source::cited).collect();
            listed(&mut s.body, "Sources", &sources, false);
            Block::Sect(s)
        })
        .collect()
}

/// The review comments, as an annex: each with where it is, who wrote it and when, its
/// text and its replies.
fn comments_annex(comments: &[crate::review::Printed]) -> Sect {
    let mut annex = Sect::new(Heading::Part, crate::review::ANNEX_TITLE).anchored("annex-comments");
    for printed in comments {
        let c = printed.comment;
        let state = if c.resolved { "resolved" } else { "open" };
        let mut s = Sect::new(Heading::Minor, format!("On {}", printed.on));
        s.body.push(Block::Para(Para::new(
            Tone::Meta,
            format!("{} · {} · {state}", c.author, c.at.long()),
        )));
        s.body
            .push(Block::Para(Para::new(Tone::Body, c.text.clone())));
        for r in &c.replies {
            s.body.push(Block::Quote(vec![
                Block::Para(Para::new(
                    Tone::Meta,
                    format!("{} · {}", r.author, r.at.long()),
                )),
                Block::Para(Para::new(Tone::Body, r.text.clone())),
            ]));
        }
        annex.body.push(Block::Sect(s));
    }
    annex
}
