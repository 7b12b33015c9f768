//! Place cards: one tent card per member, a landscape sheet folded along its long side.
//! The name as it is to be read (honorific and full name) is set large on the lower half,
//! and the same again turned upside down on the upper half, so that it reads from both
//! sides of the table; the position may go below it. Each card carries its member's
//! marking small in a corner of both halves: a card is never marked below the name it
//! prints.
//!
//! The lower half is the card's content in the structure tree; the turned copy is an
//! artifact, so that a screen reader reads each name once.

use super::flow::{Flow, Run, wrap};
use super::{Colour, Fonts, Heading, Item, Laid, Paper, Role, Style, Tag};
use crate::document::catalogue;
use crate::model::{Dossier, Id, Portions};

/// Which cards, on what paper.
#[derive(Debug, Clone, Default)]
pub struct CardOptions {
    pub paper: Paper,
    /// The delegations to make cards for, in the dossier's order; none: all.
    pub delegations: Vec<Id>,
    /// Whether the position is printed under the name.
    pub position: bool,
}

/// The cards laid out, and the members who got none (a name not yet confirmed), said as
/// "Kenya No. 1 (Prime Cabinet Secretary)".
pub struct Cards {
    pub laid: Laid,
    pub skipped: Vec<String>,
}

const SIDE: f32 = 42.0;
/// The room kept clear of the fold and of the sheet's edge in each half.
const CLEAR: f32 = 28.0;
const NAME_MAX: f32 = 72.0;
const NAME_MIN: f32 = 4.0;
/// A name is set on one line down to this size before it takes two.
const ONE_LINE_MIN: f32 = 50.0;

pub fn lay_out_cards(d: &Dossier, options: &CardOptions) -> Cards {
    let fonts = Fonts::new();
    let portions = Portions::new(d);
    let words = catalogue(d.meta.language());
    let (short, long) = options.paper.size();
    let (w, h) = (long, short);
    let half = h / 2.0;
    let mut flow = Flow::new(&fonts, (w, h), (half, SIDE, 0.0, SIDE));
    let root = flow.open(Role::Document);
    let mut headings = Vec::new();
    let mut skipped = Vec::new();
    let mut marks = Vec::new();
    let mut first = true;
    for del in d
        .delegations
        .iter()
        .filter(|del| options.delegations.is_empty() || options.delegations.contains(&del.id))
    {
        for (mi, m) in del.members.iter().enumerate() {
            // A name of zero-width characters is no name, nor is "To be confirmed": a card
            // is for a person.
            if !m.name_confirmed() {
                let who = if m.position.is_empty() {
                    "unnamed".to_owned()
                } else {
                    m.position.clone()
                };
                skipped.push(format!("{} No. {} ({who})", del.name, mi + 1));
                continue;
            }
            if !first {
                flow.new_page();
            }
            first = false;
            let marking = portions.member_marking(del, m);
            marks.push(marking);
            let name = m.display_name();
            headings.push(Heading {
                title: name.clone(),
                level: 0,
                page: flow.page(),
                y: half,
            });
            let start = flow.pages[flow.page()].items.len();
            flow.open(Role::Sect);
            card(
                &mut flow,
                (w, half),
                &name,
                options.position.then_some(&*m.position),
            );
            flow.close();
            let marking = marking.to_string();
            let mw = fonts.width(Style::Bold, 8.0, &marking);
            flow.push_tagged(
                Tag::Artifact,
                Item::Text {
                    x: w - SIDE - mw.min(w - 2.0 * SIDE),
                    y: h - 14.0,
                    style: Style::Bold,
                    size: 8.0,
                    colour: Colour(0.55, 0.0, 0.0),
                    text: marking,
                },
            );
            // The upper half: the same, turned about the sheet's centre.
            let lower = flow.pages[flow.page()].items[start..].to_vec();
            flow.push_tagged(Tag::Artifact, Item::Turned { items: lower });
            // Where to fold.
            flow.push_tagged(
                Tag::Artifact,
                Item::Line {
                    x1: 0.0,
                    y1: half,
                    x2: w,
                    y2: half,
                    width: 0.3,
                    colour: Colour::RULE,
                },
            );
        }
    }
    flow.close();
    debug_assert_eq!(root, 0);
    // The cards' title (in the file's properties) is the dossier's title.
    marks.push(portions.title_page());
    let banner = d
        .scheme
        .high_water(marks)
        .unwrap_or_else(|| d.meta.marking.clone());
    Cards {
        laid: Laid {
            paper: options.paper,
            landscape: true,
            pages: flow.pages,
            headings,
            banner: banner.to_string(),
            tree: flow.tree,
            lang: words.lang().to_owned(),
            title: words.with(
                "cards-title",
                &[("title", crate::document::Arg::Text(&d.meta.title))],
            ),
            what: words.text("cards"),
            provenance: crate::document::Provenance::of(d),
        },
        skipped,
    }
}

/// One card's lower half, `w` wide and `half` high below the fold: the name as large as
/// fits on two lines (smaller and on more lines only if it must), the position under it,
/// the whole centred in the half.
fn card(flow: &mut Flow, (w, half): (f32, f32), name: &str, position: Option<&str>) {
    let fonts = flow.fonts;
    let width = w - 2.0 * SIDE;
    let room = half - 2.0 * CLEAR;
    let name_runs = [Run::new(name, Style::Bold)];
    let position = position.filter(|p| !p.trim().is_empty());
    let pos_runs: Vec<Run> = position
        .map(|p| vec![Run::new(p, Style::Regular)])
        .unwrap_or_default();
    // The name's size, its lines, and the position's size and lines.
    let fit = |size: f32, max_lines: usize| {
        let mut lines = wrap(fonts, &name_runs, size, width);
        // Two lines as even as they can be: "Ambassador / Monica Juma", not
        // "Ambassador Monica / Juma".
        if lines.len() == 2 {
            let mut narrower = width;
            while narrower > width * 0.5 {
                narrower -= width * 0.02;
                let tried = wrap(fonts, &name_runs, size, narrower);
                if tried.len() != 2 {
                    break;
                }
                lines = tried;
            }
        }
        let pos_size = (size * 0.4).clamp(NAME_MIN, 22.0);
        let pos_lines = if pos_runs.is_empty() {
            Vec::new()
        } else {
            wrap(fonts, &pos_runs, pos_size, width)
        };
        let height = lines.len() as f32 * size * 1.15
            + if pos_lines.is_empty() {
                0.0
            } else {
                size * 0.35 + pos_lines.len() as f32 * pos_size * 1.25
            };
        (lines.len() <= max_lines && height <= room)
            .then_some((size, lines, pos_size, pos_lines, height))
    };
    let sizes = || {
        let mut s = NAME_MAX;
        std::iter::from_fn(move || {
            let now = s;
            s -= if s > 24.0 { 2.0 } else { 1.0 };
            (now >= NAME_MIN).then_some(now)
        })
    };
    // One line while the name stays large, else two, else as many as it takes.
    let (size, lines, pos_size, pos_lines, height) = sizes()
        .take_while(|&s| s >= ONE_LINE_MIN)
        .find_map(|s| fit(s, 1))
        .or_else(|| sizes().find_map(|s| fit(s, 2)))
        .or_else(|| sizes().find_map(|s| fit(s, usize::MAX)))
        .unwrap_or_else(|| {
            // Longer than any card holds at the smallest size (validation keeps names
            // far shorter): printed whole, as it is.
            let lines = wrap(fonts, &name_runs, NAME_MIN, width);
            let pos_lines = if pos_runs.is_empty() {
                Vec::new()
            } else {
                wrap(fonts, &pos_runs, NAME_MIN, width)
            };
            (NAME_MIN, lines, NAME_MIN, pos_lines, room)
        });
    let mut y = half + CLEAR + (room - height).max(0.0) / 2.0;
    // Each line centred; `leading` apart, the baseline `drop` above the line's foot.
    let centred = |flow: &mut Flow,
                   y: &mut f32,
                   lines: &[super::flow::Line],
                   size: f32,
                   (leading, drop): (f32, f32),
                   colour: Colour| {
        let space = fonts.width(Style::Regular, size, " ");
        flow.open(Role::P);
        for line in lines {
            *y += size * leading;
            let lw = line.width(space);
            let x = SIDE + (width - lw).max(0.0) / 2.0;
            flow.draw_line(line, x, *y - size * drop, size, colour);
        }
        flow.close();
    };
    centred(flow, &mut y, &lines, size, (1.15, 0.25), Colour::BLACK);
    if !pos_lines.is_empty() {
        y += size * 0.35;
        centred(
            flow,
            &mut y,
            &pos_lines,
            pos_size,
            (1.25, 0.3),
            Colour::GREY,
        );
    }
}
