//! The briefing pack laid out: the pack document's cover, contents and parts (each from
//! a new page) placed on pages, with the classification banner at the top and bottom of
//! every page and "Page X of Y". While it places the document's nodes, the layout records
//! the structure tree (see `tree`) and the headings the contents and bookmarks list.

use super::flow::{Flow, Run};
use super::tree::{self, Role, Tag, Tree};
use super::{Colour, Fonts, Heading, Item, Laid, Paper, Style};
use crate::document::{
    self, Block, Document, Figure, Heading as Kind, List, Para, Sect, Span, Table, Tone,
};
use crate::model::Dossier;

pub use crate::document::PackOptions;

const MARGIN_TOP: f32 = 70.0;
const MARGIN_BOTTOM: f32 = 78.0;
const MARGIN_SIDE: f32 = 62.0;
const BODY: f32 = 10.0;
/// A block's label is kept with its first two lines.
const LABEL_KEEP: f32 = BODY * 1.35 * 3.0;
const META: f32 = 9.5;
/// Lists nested deeper than this are drawn at this depth: each level takes 14 points, and
/// a list forty levels deep would otherwise run off the page.
const MAX_LIST_INDENT: usize = 8;

/// Lays out the pack of `d` that `options` describe.
pub fn lay_out(d: &Dossier, options: &PackOptions) -> Laid {
    lay_out_document(&document::build(d, options), options.paper)
}

/// Lays out a pack document. Page numbers in the contents come from a first pass.
pub fn lay_out_document(doc: &Document, paper: Paper) -> Laid {
    let fonts = Fonts::new();
    let frame = Frame::new(&fonts, paper, &doc.banner);
    // The parts are laid out once, numbered from their own first page. The front matter
    // (cover and contents) has as many lines whatever the numbers are, so its length is
    // known after a first go, and a second go writes the final numbers.
    let parts = parts(doc, &frame);
    let mut headings: Vec<Heading> = Vec::new();
    let mut body_pages = Vec::new();
    let mut part_trees = Vec::new();
    let mut first = 0;
    for (pages, part_headings, part_tree) in parts {
        headings.extend(part_headings.into_iter().map(|mut h| {
            h.page += first;
            h
        }));
        first += pages.len();
        body_pages.push(pages);
        part_trees.push(part_tree);
    }
    let front_pages = front(doc, &fonts, &frame, &headings).0.len();
    for h in &mut headings {
        h.page += front_pages;
    }
    let (mut pages, front_tree) = front(doc, &fonts, &frame, &headings);
    debug_assert_eq!(pages.len(), front_pages);

    // One tree in reading order: the document, the front matter, then each part.
    let mut tree = Tree::default();
    let root = tree.add(Role::Document, None);
    let offset = tree.graft(front_tree, Some(root));
    tree::shift(&mut pages, offset);
    for (mut part_pages, part_tree) in body_pages.into_iter().zip(part_trees) {
        let offset = tree.graft(part_tree, Some(root));
        tree::shift(&mut part_pages, offset);
        pages.extend(part_pages);
    }
    finish(doc, &fonts, &frame, pages, headings, tree)
}

/// What every page carries around the text: the banner at top and bottom, wrapped (or a
/// little smaller) so that no part of a long marking falls off the page, and the margins
/// that leave it room.
struct Frame {
    paper: Paper,
    banner: Vec<String>,
    banner_size: f32,
    /// (top, right, bottom, left), for the flow.
    margins: (f32, f32, f32, f32),
    /// How far a wrapped banner pushes the text and the footer in from the page edges.
    extra: f32,
}

const BANNER_SIZE: f32 = 11.0;
/// A banner is shrunk to this size at most to stay on one line, then wrapped.
const BANNER_MIN: f32 = 9.0;

impl Frame {
    fn new(fonts: &Fonts, paper: Paper, banner: &str) -> Self {
        let width = paper.size().0 - 2.0 * MARGIN_SIDE;
        let (banner, banner_size) = fit_marking(fonts, banner, width, BANNER_SIZE, BANNER_MIN);
        let extra = (banner.len() - 1) as f32 * banner_size * 1.2;
        Self {
            paper,
            banner,
            banner_size,
            margins: (
                MARGIN_TOP + extra,
                MARGIN_SIDE,
                MARGIN_BOTTOM + extra,
                MARGIN_SIDE,
            ),
            extra,
        }
    }

    fn flow<'f>(&self, fonts: &'f Fonts) -> Flow<'f> {
        Flow::new(fonts, self.paper.size(), self.margins)
    }
}

/// A marking set on one line at the largest size from `max` down to `min` at which it fits
/// `width`, or else wrapped at `min`, breaking after "//" or at a space where it can.
fn fit_marking(fonts: &Fonts, text: &str, width: f32, max: f32, min: f32) -> (Vec<String>, f32) {
    let mut size = max;
    while size > min && fonts.width(Style::Bold, size, text) > width {
        size = (size - 0.5).max(min);
    }
    if fonts.width(Style::Bold, size, text) <= width {
        return (vec![text.to_owned()], size);
    }
    // Break opportunities: after "//" and after a space.
    let mut pieces: Vec<&str> = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        let after_slashes = i >= 1 && bytes[i - 1] == b'/' && i >= 2 && bytes[i - 2] == b'/';
        let after_space = i >= 1 && bytes[i - 1] == b' ';
        if i > start && (after_slashes || after_space) && text.is_char_boundary(i) {
            pieces.push(&text[start..i]);
            start = i;
        }
    }
    pieces.push(&text[start..]);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for piece in pieces {
        let w = fonts.width(Style::Bold, size, piece);
        if !line.is_empty() && line_width + w > width {
            lines.push(std::mem::take(&mut line).trim_end().to_owned());
            line_width = 0.0;
        }
        if w > width {
            // A piece longer than a line (no break opportunity in it) is cut.
            for (part, pw) in fonts.cut(Style::Bold, size, piece, width) {
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                line.push_str(part);
                line_width = pw;
            }
            continue;
        }
        line.push_str(piece);
        line_width += w;
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    (lines, size)
}

/// Puts the banners, the footers and the page numbers on every page (artifacts: a screen
/// reader reads the marking once, from the cover), and gathers the pack.
fn finish(
    doc: &Document,
    fonts: &Fonts,
    frame: &Frame,
    mut pages: Vec<super::Page>,
    headings: Vec<Heading>,
    tree: Tree,
) -> Laid {
    let paper = frame.paper;
    let (w, h) = paper.size();
    let total = pages.len();
    let size = frame.banner_size;
    let leading = size * 1.2;
    let widths: Vec<f32> = frame
        .banner
        .iter()
        .map(|l| fonts.width(Style::Bold, size, l))
        .collect();
    let n = frame.banner.len() as f32;
    let left = clip(fonts, &doc.footer, 8.0, w - 2.0 * MARGIN_SIDE - 90.0);
    for (i, page) in pages.iter_mut().enumerate() {
        for top in [30.0, h - 22.0 - (n - 1.0) * leading] {
            for (k, (line, lw)) in frame.banner.iter().zip(&widths).enumerate() {
                page.push(
                    Tag::Artifact,
                    Item::Text {
                        x: (w - lw) / 2.0,
                        y: top + k as f32 * leading,
                        style: Style::Bold,
                        size,
                        colour: Colour(0.55, 0.0, 0.0),
                        text: line.clone(),
                    },
                );
            }
        }
        if i > 0 {
            let y = h - 46.0 - frame.extra;
            page.push(
                Tag::Artifact,
                Item::Line {
                    x1: MARGIN_SIDE,
                    y1: y - 11.0,
                    x2: w - MARGIN_SIDE,
                    y2: y - 11.0,
                    width: 0.5,
                    colour: Colour::RULE,
                },
            );
            page.push(
                Tag::Artifact,
                Item::Text {
                    x: MARGIN_SIDE,
                    y,
                    style: Style::Regular,
                    size: 8.0,
                    colour: Colour::GREY,
                    text: left.clone(),
                },
            );
            let number = doc.words.page_of(i + 1, total);
            let nw = fonts.width(Style::Regular, 8.0, &number);
            page.push(
                Tag::Artifact,
                Item::Text {
                    x: w - MARGIN_SIDE - nw,
                    y,
                    style: Style::Regular,
                    size: 8.0,
                    colour: Colour::GREY,
                    text: number,
                },
            );
        }
    }
    Laid {
        paper,
        landscape: false,
        pages,
        headings,
        banner: doc.banner.clone(),
        tree,
        lang: doc.lang.clone(),
        title: doc.title.clone(),
        what: doc.words.briefing_pack.clone(),
        provenance: doc.provenance.clone(),
    }
}

/// Shortens text to fit `width`, with an ellipsis. One pass, however long the text.
fn clip(fonts: &Fonts, text: &str, size: f32, width: f32) -> String {
    if fonts.width(Style::Regular, size, text) <= width {
        return text.to_owned();
    }
    let room = width - fonts.width(Style::Regular, size, "…");
    let (head, _) = fonts.cut(Style::Regular, size, text, room.max(0.0))[0];
    format!("{}…", head.trim_end())
}

/// The cover and the contents, with the page numbers of `headings`.
fn front(
    doc: &Document,
    fonts: &Fonts,
    frame: &Frame,
    headings: &[Heading],
) -> (Vec<super::Page>, Tree) {
    let mut f = frame.flow(fonts);
    cover(&mut f, doc);

    f.new_page();
    // A TOC holds entries only: its heading is beside it, in one section.
    f.open(Role::Sect);
    f.open(Role::H(2));
    f.heading(&doc.words.contents, 18.0, 40.0);
    f.close();
    f.gap(6.0);
    f.open(Role::TOC);
    for heading in headings {
        let level = heading.level;
        let size = if level == 0 { 11.5 } else { BODY };
        let style = if level == 0 {
            Style::Bold
        } else {
            Style::Regular
        };
        let indent = 16.0 * f32::from(level.min(4));
        let leading = size * 1.5;
        // A long title wraps, its number on the last line. The room kept for the number
        // does not depend on the number, so the contents are as long on both passes.
        let room = fonts.width(style, size, "0000") + 24.0;
        const HANG: f32 = 12.0;
        let title = [Run::new(heading.title.as_str(), style)];
        let mut lines = f.wrap(&title, size, f.text_width() - indent - room - HANG);
        // The page number follows the title, as a word of its own.
        if let Some(last) = lines.last_mut() {
            last.space_after = true;
        }
        let h = leading * lines.len() as f32;
        let above = if level == 0 { 4.0 } else { 0.0 };
        // An entry is kept on one page, unless it is longer than a page (a title of
        // thousands of words), when it runs on line by line.
        f.need(above + h.min(f.bottom - f.top - above));
        f.y += above;
        f.open(Role::TOCI);
        f.open(Role::Link);
        let (top, first_page) = (f.y, f.page());
        for (i, line) in lines.iter().enumerate() {
            if f.y + leading > f.bottom && f.y > f.top {
                f.new_page();
            }
            let hang = if i == 0 { 0.0 } else { HANG };
            let baseline = f.y + size * fonts.ascent;
            f.draw_line(line, f.left + indent + hang, baseline, size, Colour::BLACK);
            f.y += leading;
        }
        let number = (heading.page + 1).to_string();
        let nw = fonts.width(style, size, &number);
        f.push(Item::Text {
            x: f.right - nw,
            y: f.y - leading + size * fonts.ascent,
            style,
            size,
            colour: Colour::BLACK,
            text: number,
        });
        let link_h = if f.page() == first_page {
            h
        } else {
            f.bottom - top
        };
        let link = Item::Link {
            x: f.left,
            y: top,
            w: f.text_width(),
            h: link_h,
            page: heading.page,
            top: heading.y,
        };
        let tag = f.tag();
        f.pages[first_page].push(tag, link);
        f.close();
        f.close();
    }
    f.close();
    f.close();
    (f.pages, f.tree)
}

/// The parts, each from a new page, numbered from 0. Since each starts a page of its own,
/// they are laid out side by side, each thread with its own font caches.
fn parts(doc: &Document, frame: &Frame) -> Vec<(Vec<super::Page>, Vec<Heading>, Tree)> {
    std::thread::scope(|scope| {
        let workers: Vec<_> = doc
            .parts
            .iter()
            .map(|part| {
                scope.spawn(move || {
                    let fonts = Fonts::new();
                    let mut walk = Walk {
                        f: frame.flow(&fonts),
                        headings: Vec::new(),
                        doc,
                    };
                    walk.sect(part, 0, 0, 0.0);
                    (walk.f.pages, walk.headings, walk.f.tree)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("laying out a part does not panic"))
            .collect()
    })
}

fn cover(f: &mut Flow, doc: &Document) {
    let c = &doc.cover;
    f.open(Role::Sect);
    f.y = f.top + 120.0;
    f.open(Role::P);
    f.paragraph(
        &[Run::new(c.kind.to_uppercase(), Style::Bold)],
        11.0,
        0.0,
        None,
        Colour::GREY,
    );
    f.close();
    f.gap(6.0);
    f.open(Role::H(1));
    f.paragraph(
        &[Run::new(&c.title, Style::Bold)],
        26.0,
        0.0,
        None,
        Colour::BLACK,
    );
    f.close();
    if !c.occasion.is_empty() {
        f.gap(4.0);
        f.open(Role::P);
        f.paragraph(
            &[Run::new(&c.occasion, Style::Regular)],
            13.0,
            0.0,
            None,
            Colour::GREY,
        );
        f.close();
    }
    f.gap(18.0);
    let y = f.y;
    f.push(Item::Line {
        x1: f.left,
        y1: y,
        x2: f.right,
        y2: y,
        width: 1.0,
        colour: Colour::BLACK,
    });
    f.y += 14.0;
    // The facts are a table of two columns: each label heads its row.
    f.open(Role::Table);
    for field in &c.fields {
        f.open(Role::TR);
        let baseline = f.y + 11.0 * f.fonts.ascent;
        f.open(Role::TH { row: true });
        f.push(Item::Text {
            x: f.left,
            y: baseline,
            style: Style::Bold,
            size: 11.0,
            colour: Colour::GREY,
            text: field.label.clone(),
        });
        f.close();
        let start = f.y;
        let saved_left = f.left;
        f.left += 110.0;
        f.y = start;
        f.open(Role::TD);
        f.paragraph(
            &[Run::new(field.value.as_str(), Style::Regular)],
            11.0,
            0.0,
            None,
            Colour::BLACK,
        );
        f.close();
        f.close();
        f.left = saved_left;
        f.y += 4.0;
    }
    f.close();
    // The overall marking, large, near the foot of the cover: smaller, then wrapped, when
    // it is long, never cut.
    let (lines, size) = fit_marking(f.fonts, &c.marking, f.text_width() - 24.0, 26.0, 14.0);
    let leading = size * 1.2;
    let h = lines.len() as f32 * leading + size * 0.7;
    let bottom = f.bottom - 60.0 + size * 0.7;
    if bottom - h < f.y + 16.0 {
        f.new_page();
    }
    let top = bottom - h;
    f.push(Item::Rect {
        x: f.left,
        y: top,
        w: f.text_width(),
        h,
        fill: Colour(0.96, 0.92, 0.92),
    });
    f.open(Role::P);
    for (k, line) in lines.into_iter().enumerate() {
        let w = f.fonts.width(Style::Bold, size, &line);
        f.push(Item::Text {
            x: (f.width - w) / 2.0,
            y: top + leading * (k + 1) as f32,
            style: Style::Bold,
            size,
            colour: Colour(0.55, 0.0, 0.0),
            text: line,
        });
    }
    f.close();
    f.close();
}

fn runs(spans: &[Span]) -> Vec<Run> {
    spans
        .iter()
        .map(|s| Run::new(s.text.clone(), Style::from_flags(s.bold, s.italic)))
        .collect()
}

/// Places a part's nodes down its pages.
struct Walk<'f, 'd> {
    f: Flow<'f>,
    headings: Vec<Heading>,
    doc: &'d Document,
}

impl Walk<'_, '_> {
    /// A section at `depth` (0 for a part), `level` deep in the outline, set in by
    /// `indent`.
    fn sect(&mut self, s: &Sect, depth: usize, level: u8, indent: f32) {
        let f = &mut self.f;
        let text = s.heading_text();
        f.open(Role::Sect);
        let at = match s.heading {
            Kind::Part => {
                f.open(Role::H(Sect::level(depth)));
                let at = f.heading(&text, 20.0, 60.0);
                f.close();
                f.gap(4.0);
                Some(at)
            }
            Kind::Group => {
                // Kept with the heading and first lines of its first item.
                f.gap(6.0);
                f.need(120.0);
                let at = (f.page(), f.y);
                f.open(Role::H(Sect::level(depth)));
                f.paragraph(
                    &[Run::new(text.as_str(), Style::Bold)],
                    10.5,
                    indent,
                    None,
                    Colour::GREY,
                );
                f.close();
                Some(at)
            }
            Kind::Item => {
                const SIZE: f32 = 13.0;
                f.gap(if level > 1 { 6.0 } else { 10.0 });
                // The line of facts under the heading and the first label are kept on one
                // page with it, so that no heading is left at the foot of a page alone.
                let keep = match s.body.first() {
                    Some(Block::Para(p)) if p.tone == Tone::Meta => {
                        SIZE * 0.3
                            + f.paragraph_height(&meta_runs(p), META, indent)
                            + 4.0
                            + LABEL_KEEP
                    }
                    // A photo is kept whole with its name.
                    Some(Block::Figure(fig)) => SIZE * 0.3 + figure_size(fig).1 + 4.0,
                    _ => 70.0,
                };
                f.open(Role::H(Sect::level(depth)));
                let at = f.heading(&text, SIZE, keep);
                f.close();
                Some(at)
            }
            Kind::Label | Kind::Minor => {
                f.need(LABEL_KEEP);
                let colour = if s.heading == Kind::Label {
                    Colour::GREY
                } else {
                    Colour::BLACK
                };
                f.open(Role::H(Sect::level(depth)));
                f.paragraph(
                    &[Run::new(text.as_str(), Style::Bold)],
                    BODY,
                    indent,
                    None,
                    colour,
                );
                f.close();
                None
            }
        };
        if let Some((page, y)) = at
            && s.heading.outlined()
        {
            self.headings.push(Heading {
                title: text,
                level,
                page,
                y,
            });
        }
        let inner = if s.heading.outlined() {
            level + 1
        } else {
            level
        };
        self.blocks(&s.body, depth + 1, inner, indent);
        if s.heading == Kind::Minor {
            self.f.y += BODY;
        }
        self.f.close();
    }

    fn blocks(&mut self, blocks: &[Block], depth: usize, level: u8, indent: f32) {
        for b in blocks {
            match b {
                Block::Sect(s) => self.sect(s, depth, level, indent),
                Block::Para(p) => self.para(p, indent),
                Block::List(l) => self.list(l, indent),
                Block::Table(t) => self.table(t),
                Block::Quote(inner) => {
                    self.f.open(Role::BlockQuote);
                    self.blocks(inner, depth, level, indent + 18.0);
                    self.f.close();
                }
                Block::Figure(fig) => self.figure(fig, depth, level, indent),
                Block::Seating(plan) => self.seating(plan),
            }
        }
    }

    /// The table drawn from above at the largest scale at which it fits a page and every
    /// seat's name and position fit beside its seat: the table lengthwise in the middle,
    /// one side's chairs on its left and the other's on its right, the rows behind further
    /// out; each name beside its chair, read across the page.
    fn seating(&mut self, plan: &document::Seating) {
        let f = &mut self.f;
        let width = f.text_width();
        let sides = &plan.sides[..plan.sides.len().min(2)];
        let (_, places) = seat_places(plan);
        let chosen = best_seating_fit(f, plan, width, f.bottom - f.top);
        let Some(fit) = chosen else {
            f.open(Role::P);
            let runs = [Run::new(plan.too_long.as_str(), Style::Italic)];
            f.paragraph(&runs, BODY, 0.0, None, Colour::GREY);
            f.close();
            f.y += BODY * 0.6;
            return;
        };
        let SeatingFit {
            scale,
            k,
            table_w,
            chair,
            column,
            length,
            names_behind,
        } = fit;
        let label = sides
            .iter()
            .map(|side| {
                let runs = [Run::new(side.name.as_str(), Style::Bold)];
                f.wrap(&runs, SEAT_NAME, column + chair).len()
            })
            .max()
            .unwrap_or(1) as f32
            * SEAT_NAME
            * 1.15
            + 8.0;
        f.need(length + label + SEAT_NAME * 3.0);
        f.open_figure(&plan.alt);
        let cx = f.left + width / 2.0;
        let top = f.y + label;
        let table_x = cx - table_w / 2.0;
        f.push(Item::Rect {
            x: table_x,
            y: top,
            w: table_w,
            h: length,
            fill: Colour::SHADE,
        });
        for (i, side) in sides.iter().enumerate() {
            let left = i == 0;
            // From the table outwards: front chairs, front names, behind chairs, behind names.
            let out = |d: f32| {
                if left {
                    table_x - d
                } else {
                    table_x + table_w + d
                }
            };
            let front_chair = out(SEAT_GAP);
            let front_text = out(SEAT_GAP + chair + SEAT_GAP);
            let behind_chair = out(SEAT_GAP + chair + SEAT_GAP + column + SEAT_GAP);
            let behind_centre = if left {
                behind_chair - chair / 2.0
            } else {
                behind_chair + chair / 2.0
            };
            let behind_text =
                out(SEAT_GAP + chair + SEAT_GAP + column + SEAT_GAP + chair + SEAT_GAP);
            // The delegation's name over its side.
            let runs = [Run::new(side.name.as_str(), Style::Bold)];
            let lines = f.wrap(&runs, SEAT_NAME, column + chair);
            let space = f.fonts.width(Style::Regular, SEAT_NAME, " ");
            for (n, line) in lines.iter().enumerate() {
                let lw = line.width(space);
                let x = if left { front_chair - lw } else { front_chair };
                let y = top - 6.0 - (lines.len() - 1 - n) as f32 * SEAT_NAME * 1.15;
                f.draw_line(line, x, y, SEAT_NAME, Colour::BLACK);
            }
            for (row, ((row_seats, chair_at, text_at), along)) in [
                (&side.seats, front_chair, front_text),
                (&side.behind, behind_chair, behind_text),
            ]
            .into_iter()
            .zip(&places[i])
            .enumerate()
            {
                for (seat, &at) in row_seats.iter().zip(along) {
                    let y = top + END * k + at as f32 * SEAT * k;
                    let cx0 = if left { chair_at - chair } else { chair_at };
                    f.push(Item::Rect {
                        x: cx0,
                        y: y + 5.0 * k,
                        w: chair,
                        h: (SEAT - 10.0) * k,
                        fill: Colour(0.8, 0.8, 0.8),
                    });
                    if row == 1 && !names_behind {
                        // The member's initials in the chair; the list after the drawing
                        // names everyone.
                        let text = initials(&seat.name);
                        let size = (chair * 0.4).clamp(4.0, SEAT_POSITION);
                        let w = f.fonts.width(Style::Bold, size, &text);
                        f.push(Item::Text {
                            x: behind_centre - w / 2.0,
                            y: y + SEAT * k / 2.0 + size * 0.35,
                            style: Style::Bold,
                            size,
                            colour: Colour::BLACK,
                            text,
                        });
                        continue;
                    }
                    let h = seat_text_height(f, seat, column);
                    let mut base = y + (SEAT * k - h) / 2.0;
                    let space_name = f.fonts.width(Style::Regular, SEAT_NAME, " ");
                    let space_pos = f.fonts.width(Style::Regular, SEAT_POSITION, " ");
                    let name = [Run::new(seat.name.as_str(), Style::Bold)];
                    let position = [Run::new(seat.position.as_str(), Style::Regular)];
                    for (runs, size, space, colour) in [
                        (&name, SEAT_NAME, space_name, Colour::BLACK),
                        (&position, SEAT_POSITION, space_pos, Colour::GREY),
                    ] {
                        if runs[0].text.trim().is_empty() {
                            continue;
                        }
                        for line in f.wrap(runs, size, column) {
                            base += size * 1.15;
                            let lw = line.width(space);
                            let x = if left { text_at - lw } else { text_at };
                            f.draw_line(&line, x, base - size * 0.25, size, colour);
                        }
                    }
                }
            }
        }
        f.close();
        f.y = top + length + 4.0;
        f.open(Role::P);
        let note = plan.scale.replace("{scale}", &scale.to_string());
        f.paragraph(
            &[Run::new(note, Style::Italic)],
            META,
            0.0,
            None,
            Colour::GREY,
        );
        f.close();
        f.y += BODY * 0.6;
    }

    /// A photo at the left, 30 × 40 mm (its own proportions kept), and what goes with it
    /// to its right; what follows starts below both.
    fn figure(&mut self, fig: &Figure, depth: usize, level: u8, indent: f32) {
        const GAP: f32 = 14.0;
        let (w, h) = figure_size(fig);
        let f = &mut self.f;
        f.need(h + 2.0);
        let (page, top) = (f.page(), f.y + 2.0);
        f.open_figure(&fig.alt);
        let x = f.left + indent + (PHOTO_W - w) / 2.0;
        f.push(Item::Image {
            x,
            y: top,
            w,
            h,
            photo: fig.photo.clone(),
        });
        f.close();
        self.blocks(&fig.beside, depth, level, indent + PHOTO_W + GAP);
        let f = &mut self.f;
        if f.page() == page {
            f.y = f.y.max(top + h + BODY * 0.6);
        }
    }

    fn para(&mut self, p: &Para, indent: f32) {
        let f = &mut self.f;
        f.open(Role::P);
        match p.tone {
            Tone::Body => {
                f.paragraph(&runs(&p.spans), BODY, indent, None, Colour::BLACK);
                f.y += BODY * 0.4;
            }
            Tone::Meta => {
                f.paragraph(&meta_runs(p), META, indent, None, Colour::GREY);
                f.y += 4.0;
            }
            Tone::Empty => {
                let italic: Vec<Run> = p
                    .spans
                    .iter()
                    .map(|s| Run::new(s.text.clone(), Style::Italic))
                    .collect();
                f.paragraph(&italic, BODY, indent, None, Colour::GREY);
            }
        }
        f.close();
    }

    fn list(&mut self, l: &List, indent: f32) {
        let f = &mut self.f;
        f.open(Role::L);
        for item in &l.items {
            f.open(Role::LI);
            let label = f.tree_leaf(Role::Lbl);
            f.open(Role::LBody);
            let at = indent + 16.0 + 14.0 * item.depth.min(MAX_LIST_INDENT) as f32;
            for (k, para) in item.body.iter().enumerate() {
                let marker = (k == 0).then_some((item.label.as_str(), Tag::Node(label)));
                let more = k + 1 < item.body.len();
                f.paragraph_labelled(&runs(para), BODY, at, marker, Colour::BLACK, more);
            }
            f.y += BODY * 0.35;
            f.close();
            f.close();
        }
        f.y += BODY * 0.2;
        f.close();
    }

    fn table(&mut self, t: &Table) {
        let header: Vec<&str> = t.columns.iter().map(|c| c.title.as_str()).collect();
        let widths: Vec<f32> = t.columns.iter().map(|c| c.width).collect();
        let rows: Vec<Vec<Vec<Run>>> = t
            .rows
            .iter()
            .map(|row| row.iter().map(|cell| runs(cell)).collect())
            .collect();
        // Wide tables are set a little smaller.
        let size = if t.columns.len() > 3 { 9.0 } else { 9.5 };
        let continued = self.doc.words.continued(&t.caption);
        let f = &mut self.f;
        f.open(Role::Table);
        f.table(&header, &widths, &rows, size, &continued);
        f.close();
    }
}

// A seating drawing's real sizes, in centimetres, and its type sizes.
const SEAT: f32 = 60.0; // along the table
const TABLE: f32 = 120.0; // across
const CHAIR: f32 = 45.0; // deep
const END: f32 = 30.0; // of table beyond the last seats
const SEAT_NAME: f32 = 8.0;
const SEAT_POSITION: f32 = 7.0;
const SEAT_GAP: f32 = 6.0;
/// The room the delegations' names over their sides take, a line or two.
const SEAT_LABEL: f32 = SEAT_NAME * 2.5 + 8.0;

/// Where each seat of each side's rows is along the table, in seats from its top end, and
/// how many seats long the table is. The middle seats of all rows (the heads, by the rule)
/// face each other; a side's seats run from its members' left hand to their right, down
/// the page on the left side (who face right) and up it on the right.
fn seat_places(plan: &document::Seating) -> (usize, Vec<[Vec<usize>; 2]>) {
    let sides = &plan.sides[..plan.sides.len().min(2)];
    let middle = |n: usize| n.saturating_sub(1) / 2;
    let head = sides
        .iter()
        .flat_map(|s| [s.seats.len(), s.behind.len()])
        .filter(|&n| n > 0)
        .map(|n| middle(n).max(n - 1 - middle(n)))
        .max()
        .unwrap_or(0);
    let mut span = 0;
    let places = sides
        .iter()
        .enumerate()
        .map(|(i, side)| {
            [&side.seats, &side.behind].map(|row| {
                let (n, h) = (row.len(), middle(row.len()));
                (0..n)
                    .map(|j| {
                        let p = if i == 0 { head - h + j } else { head + h - j };
                        span = span.max(p + 1);
                        p
                    })
                    .collect()
            })
        })
        .collect();
    (span, places)
}

/// The widest word of a seat's name and position.
fn seat_widest_word(f: &Flow, seat: &document::Seat) -> f32 {
    let words = |text: &str, style, size| {
        text.split_whitespace()
            .map(|w| f.fonts.width(style, size, w))
            .fold(0.0f32, f32::max)
    };
    words(&seat.name, Style::Bold, SEAT_NAME).max(words(
        &seat.position,
        Style::Regular,
        SEAT_POSITION,
    ))
}

/// How tall a seat's name and position are, set in a column `w` wide.
fn seat_text_height(f: &Flow, seat: &document::Seat, w: f32) -> f32 {
    let name = [Run::new(seat.name.as_str(), Style::Bold)];
    let position = [Run::new(seat.position.as_str(), Style::Regular)];
    let a = f.wrap(&name, SEAT_NAME, w).len() as f32 * SEAT_NAME * 1.15;
    let b = if seat.position.trim().is_empty() {
        0.0
    } else {
        f.wrap(&position, SEAT_POSITION, w).len() as f32 * SEAT_POSITION * 1.15
    };
    a + b
}

/// How a seating plan is drawn: its scale, points a centimetre, the table's width, a
/// chair's depth, the width of a column of names, the table's length, and whether the row
/// behind has its names beside it (else each chair behind holds its member's initials, the
/// list after the drawing giving their names).
#[derive(Debug, Clone, Copy)]
struct SeatingFit {
    scale: u32,
    k: f32,
    table_w: f32,
    chair: f32,
    column: f32,
    length: f32,
    names_behind: bool,
}

/// The drawing's fit: the largest scale at which the lists of seats after it come on its
/// page too, so that the reader has both at once; failing that, the largest at which the
/// drawing fits a page (the lists follow on the next).
fn best_seating_fit(
    f: &Flow,
    plan: &document::Seating,
    width: f32,
    room: f32,
) -> Option<SeatingFit> {
    let lists = seat_lists_height(f, plan, width);
    seating_fit(f, plan, width, room - lists).or_else(|| seating_fit(f, plan, width, room))
}

/// About how tall the lists of seats after a drawing are: each side's label, its table's
/// header row and a row a seat, wrapped as the table wraps them (the mark before a name
/// counted at its widest).
fn seat_lists_height(f: &Flow, plan: &document::Seating, width: f32) -> f32 {
    const SIZE: f32 = 9.5;
    const PAD: f32 = 3.0;
    let row = |lines: usize| lines.max(1) as f32 * SIZE * 1.3 + 2.0 * PAD;
    let lines = |text: &str, share: f32| {
        f.wrap(
            &[Run::new(text, Style::Regular)],
            SIZE,
            share * width - 2.0 * PAD,
        )
        .len()
    };
    plan.sides
        .iter()
        .take(2)
        .map(|side| {
            let rows: f32 = side
                .seats
                .iter()
                .chain(&side.behind)
                .map(|seat| {
                    let name = lines(&format!("(OS) {}", seat.name), 0.4);
                    row(name.max(lines(&seat.position, 0.44)))
                })
                .sum();
            BODY * 1.35 * 2.0 + row(1) + rows + SIZE
        })
        .sum()
}

/// The largest scale (of those a plan is drawn at) at which the table fits a page `room`
/// tall and `width` wide with every seat's text beside its seat; failing that, with the
/// row behind named by initials.
fn seating_fit(f: &Flow, plan: &document::Seating, width: f32, room: f32) -> Option<SeatingFit> {
    let sides = &plan.sides[..plan.sides.len().min(2)];
    let (seats, _) = seat_places(plan);
    let behind = sides.iter().any(|s| !s.behind.is_empty());
    let names = if behind {
        vec![true, false]
    } else {
        vec![false]
    };
    names.into_iter().find_map(|names_behind| {
        [25u32, 30, 40, 50, 60, 75, 100, 150, 200]
            .into_iter()
            .find_map(|scale| {
                let k = 72.0 / 2.54 / scale as f32;
                let table_w = TABLE * k;
                let chair = CHAIR * k;
                let (columns, chairs) = match (behind, names_behind) {
                    (true, true) => (2.0, 2.0),
                    (true, false) => (1.0, 2.0),
                    (false, _) => (1.0, 1.0),
                };
                let column = (width
                    - table_w
                    - 2.0 * chairs * (chair + SEAT_GAP)
                    - 2.0 * columns * SEAT_GAP)
                    / (2.0 * columns);
                let length = (seats as f32 * SEAT + 2.0 * END) * k;
                // Every seat's text beside its chair, no word of it cut.
                let named = |side: &&document::SeatingSide| {
                    let behind = if names_behind { &side.behind[..] } else { &[] };
                    side.seats.iter().chain(behind).all(|seat| {
                        seat_widest_word(f, seat) <= column
                            && seat_text_height(f, seat, column) <= SEAT * k - 2.0
                    })
                };
                let fits = column > 40.0
                    && length + SEAT_LABEL + SEAT_NAME * 3.0 + 40.0 <= room
                    && sides.iter().all(|side| named(&side));
                fits.then_some(SeatingFit {
                    scale,
                    k,
                    table_w,
                    chair,
                    column,
                    length,
                    names_behind,
                })
            })
    })
}

/// "GW" for Grace Wambui: what a chair too small for a name holds.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .filter(|w| !w.ends_with('.'))
        .filter_map(|w| w.chars().next())
        .take(3)
        .collect()
}

/// The scale a seating plan is drawn at on `paper` (the HTML pack says it too), or none
/// when the table is too long to draw on a page.
pub fn seating_scale(plan: &document::Seating, paper: Paper) -> Option<u32> {
    let fonts = Fonts::new();
    let (w, h) = paper.size();
    let f = Flow::new(
        &fonts,
        (w, h),
        (MARGIN_TOP, MARGIN_SIDE, MARGIN_BOTTOM, MARGIN_SIDE),
    );
    best_seating_fit(&f, plan, f.text_width(), f.bottom - f.top).map(|fit| fit.scale)
}

/// The column a photo is set in: 30 mm.
const PHOTO_W: f32 = 85.0;

/// A photo's size on the page: 30 mm wide, in its own proportions, and at most twice as
/// tall (a narrower one is set narrower, never stretched).
fn figure_size(fig: &Figure) -> (f32, f32) {
    let (pw, ph) = (
        fig.photo.width().max(1) as f32,
        fig.photo.height().max(1) as f32,
    );
    let h = PHOTO_W * ph / pw;
    if h <= PHOTO_W * 2.0 {
        (PHOTO_W, h)
    } else {
        (PHOTO_W * 2.0 * pw / ph, PHOTO_W * 2.0)
    }
}

/// The line of facts under a heading, in italics.
fn meta_runs(p: &Para) -> Vec<Run> {
    p.spans
        .iter()
        .map(|s| Run::new(s.text.clone(), Style::from_flags(s.bold, true)))
        .collect()
}
