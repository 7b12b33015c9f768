//! The briefing pack: cover, contents, then the chosen sections, each from a new page, with
//! the classification banner at the top and bottom of every page and "Page X of Y".

use super::flow::{Flow, Run};
use super::{Colour, Fonts, Heading, Item, Laid, Paper, Style};
use crate::model::markup::{self, Block};
use std::borrow::Cow;

use crate::model::{Dossier, Id, Marking, MemberRole, Portions, ProgrammeItem, Section, Source};

#[derive(Debug, Clone, PartialEq)]
pub struct PackOptions {
    pub paper: Paper,
    pub sections: Vec<Section>,
    /// Items left out of this pack, by id (see [`Dossier::without`]).
    pub exclude: Vec<Id>,
    /// The saved pack these choices are, printed on the cover and in the footer.
    pub name: Option<String>,
    /// Add the review comments as an annex (`--comments`). Comments carry no marking of
    /// their own, so the annex counts at the dossier's marking.
    pub comments: bool,
}

impl Default for PackOptions {
    fn default() -> Self {
        Self {
            paper: Paper::A4,
            sections: Section::ALL.to_vec(),
            exclude: Vec::new(),
            name: None,
            comments: false,
        }
    }
}

impl PackOptions {
    /// The banner of the pack: the printed portions' high-water mark, raised to the
    /// dossier's own marking when the comments annex is printed.
    pub fn banner(&self, p: &Portions, sections: &[Section], annex: bool) -> Marking {
        let banner = p.banner(sections);
        if !annex {
            return banner;
        }
        let d = p.dossier();
        d.scheme
            .high_water([&banner, &d.meta.marking])
            .unwrap_or(banner)
    }
}

impl PackOptions {
    /// The dossier as this pack prints it (without the items left out), and the sections
    /// it prints: in order, and without a section whose every item was left out, which
    /// would be a heading over nothing. A section the dossier has nothing in still prints,
    /// saying so.
    pub fn contents<'d>(&self, d: &'d Dossier) -> (Cow<'d, Dossier>, Vec<Section>) {
        let narrowed = if self.exclude.is_empty() {
            Cow::Borrowed(d)
        } else {
            Cow::Owned(d.without(&self.exclude).0)
        };
        let items = |d: &Dossier, s: Section| match s {
            Section::Programme => d.programme.len(),
            Section::Delegations => d.delegations.len(),
            Section::TalkingPoints => d.talking_points.len(),
            Section::SecurityNotes => d.security_notes.len(),
        };
        let mut sections = self.sections.clone();
        sections.sort();
        sections.dedup();
        sections.retain(|&s| items(d, s) == 0 || items(&narrowed, s) > 0);
        (narrowed, sections)
    }

    /// The pack's title for print queues and file names: the dossier's title, and the
    /// saved pack's name after it.
    pub fn title(&self, d: &Dossier) -> String {
        match &self.name {
            Some(name) => format!("{} — {name}", d.meta.title),
            None => d.meta.title.clone(),
        }
    }

    /// What the cover says of a pack that is not the whole dossier: the saved pack's name,
    /// or the sections it holds. A reader must be able to tell a partial pack.
    pub fn describe(&self, printed: &[Section]) -> Option<String> {
        if let Some(name) = &self.name {
            return Some(name.clone());
        }
        if printed == Section::ALL && self.exclude.is_empty() {
            return None;
        }
        let titles: Vec<&str> = printed.iter().map(|s| s.title()).collect();
        let partial = if self.exclude.is_empty() {
            ""
        } else {
            ", some items left out"
        };
        Some(format!("{}{partial}", titles.join(", ")))
    }
}

const MARGIN_TOP: f32 = 70.0;
const MARGIN_BOTTOM: f32 = 78.0;
const MARGIN_SIDE: f32 = 62.0;
const BODY: f32 = 10.0;

/// The banner: the high-water mark of every portion the pack prints (see [`Portions`]).
pub fn banner(d: &Dossier, sections: &[Section]) -> Marking {
    Portions::new(d).banner(sections)
}

/// Lays out the pack. Page numbers in the contents come from a first pass.
pub fn lay_out(d: &Dossier, options: &PackOptions) -> Laid {
    // Approvals are of the whole dossier: judged before items are left out.
    let approvals = approval_lines(d);
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
    let fonts = Fonts::new();
    let banner = options.banner(&portions, &sections, annex);
    let frame = Frame::new(&fonts, options.paper, &banner.to_string());
    let pack = options.describe(&sections);
    // The body is laid out once, numbered from its own first page. The front matter (cover
    // and contents) has one line per entry whatever the numbers are, so its length is known
    // after a first go, and a second go writes the final numbers.
    let (mut body, mut headings) = body(&portions, &frame, &sections);
    if annex {
        let (pages, more) = comments_annex(&fonts, &frame, &comments);
        let first = body.len();
        headings.extend(more.into_iter().map(|mut h| {
            h.page += first;
            h
        }));
        body.extend(pages);
    }
    let front = |headings: &[Heading]| {
        front(
            &portions,
            &fonts,
            &frame,
            &sections,
            &Cover {
                banner: &banner,
                pack: pack.as_deref(),
                approvals: &approvals,
                annex,
            },
            headings,
        )
    };
    let front_pages = front(&headings).len();
    for h in &mut headings {
        h.page += front_pages;
    }
    let mut pages = front(&headings);
    debug_assert_eq!(pages.len(), front_pages);
    pages.extend(body);
    let mut footer = format!("{} — revision {}", d.meta.title, d.meta.revision);
    if let Some(name) = &options.name {
        footer.push_str(" — ");
        footer.push_str(name);
    }
    finish(&fonts, &frame, pages, headings, banner.to_string(), &footer)
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

fn finish(
    fonts: &Fonts,
    frame: &Frame,
    mut pages: Vec<super::Page>,
    headings: Vec<Heading>,
    banner: String,
    footer_left: &str,
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
    let left = clip(fonts, footer_left, 8.0, w - 2.0 * MARGIN_SIDE - 90.0);
    for (i, page) in pages.iter_mut().enumerate() {
        for top in [30.0, h - 22.0 - (n - 1.0) * leading] {
            for (k, (line, lw)) in frame.banner.iter().zip(&widths).enumerate() {
                page.items.push(Item::Text {
                    x: (w - lw) / 2.0,
                    y: top + k as f32 * leading,
                    style: Style::Bold,
                    size,
                    colour: Colour(0.55, 0.0, 0.0),
                    text: line.clone(),
                });
            }
        }
        if i > 0 {
            let y = h - 46.0 - frame.extra;
            page.items.push(Item::Line {
                x1: MARGIN_SIDE,
                y1: y - 11.0,
                x2: w - MARGIN_SIDE,
                y2: y - 11.0,
                width: 0.5,
                colour: Colour::RULE,
            });
            page.items.push(Item::Text {
                x: MARGIN_SIDE,
                y,
                style: Style::Regular,
                size: 8.0,
                colour: Colour::GREY,
                text: left.clone(),
            });
            let number = format!("Page {} of {}", i + 1, total);
            let nw = fonts.width(Style::Regular, 8.0, &number);
            page.items.push(Item::Text {
                x: w - MARGIN_SIDE - nw,
                y,
                style: Style::Regular,
                size: 8.0,
                colour: Colour::GREY,
                text: number,
            });
        }
    }
    Laid {
        paper,
        pages,
        headings,
        banner,
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
    p: &Portions,
    fonts: &Fonts,
    frame: &Frame,
    sections: &[Section],
    about: &Cover,
    headings: &[Heading],
) -> Vec<super::Page> {
    let mut f = frame.flow(fonts);
    cover(&mut f, p.dossier(), about);

    f.new_page();
    f.heading("Contents", 18.0, 40.0);
    f.gap(6.0);
    let mut planned = plan_entries(p, sections);
    if about.annex {
        planned.push((crate::review::ANNEX_TITLE.to_owned(), 0));
    }
    debug_assert_eq!(planned.len(), headings.len());
    for ((title, level), heading) in planned.iter().zip(headings) {
        let size = if *level == 0 { 11.5 } else { BODY };
        let style = if *level == 0 {
            Style::Bold
        } else {
            Style::Regular
        };
        let indent = if *level == 0 { 0.0 } else { 16.0 };
        let leading = size * 1.5;
        // A long title wraps, its number on the last line. The room kept for the number
        // does not depend on the number, so the contents are as long on both passes.
        let room = fonts.width(style, size, "0000") + 24.0;
        const HANG: f32 = 12.0;
        let lines = f.wrap(
            &[Run::new(title.as_str(), style)],
            size,
            f.text_width() - indent - room - HANG,
        );
        let h = leading * lines.len() as f32;
        let above = if *level == 0 { 4.0 } else { 0.0 };
        // An entry is kept on one page, unless it is longer than a page (a title of
        // thousands of words), when it runs on line by line.
        f.need(above + h.min(f.bottom - f.top - above));
        f.y += above;
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
        f.pages[first_page].items.push(link);
    }
    f.pages
}

/// The sections, each from a new page, numbered from 0. Since each starts a page of its
/// own, they are laid out side by side, each thread with its own font caches.
fn body(p: &Portions, frame: &Frame, sections: &[Section]) -> (Vec<super::Page>, Vec<Heading>) {
    let laid: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = sections
            .iter()
            .map(|&s| scope.spawn(move || section(p, &Fonts::new(), frame, s)))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("laying out a section does not panic"))
            .collect()
    });
    let mut pages = Vec::new();
    let mut headings = Vec::new();
    for (section_pages, section_headings) in laid {
        let first = pages.len();
        headings.extend(section_headings.into_iter().map(|mut h| {
            h.page += first;
            h
        }));
        pages.extend(section_pages);
    }
    (pages, headings)
}

/// One section, from its own first page (numbered 0).
fn section(
    p: &Portions,
    fonts: &Fonts,
    frame: &Frame,
    s: Section,
) -> (Vec<super::Page>, Vec<Heading>) {
    let mut f = frame.flow(fonts);
    let mut headings = Vec::new();
    outlined_heading(&mut f, &mut headings, s.title().to_owned(), 0, 20.0, 60.0);
    f.gap(4.0);
    match s {
        Section::Programme => programme(&mut f, p, &mut headings),
        Section::Delegations => delegations(&mut f, p, &mut headings),
        Section::TalkingPoints => talking_points(&mut f, p, &mut headings),
        Section::SecurityNotes => security_notes(&mut f, p, &mut headings),
    }
    (f.pages, headings)
}

/// The review comments, as an annex from a page of its own: each with where it is, who
/// wrote it and when, its text and its replies.
fn comments_annex(
    fonts: &Fonts,
    frame: &Frame,
    comments: &[crate::review::Printed],
) -> (Vec<super::Page>, Vec<Heading>) {
    let mut f = frame.flow(fonts);
    let mut headings = Vec::new();
    outlined_heading(
        &mut f,
        &mut headings,
        crate::review::ANNEX_TITLE.to_owned(),
        0,
        20.0,
        60.0,
    );
    f.gap(4.0);
    for p in comments {
        let c = p.comment;
        let state = if c.resolved { "resolved" } else { "open" };
        f.need(LABEL_KEEP);
        f.paragraph(
            &[Run::new(format!("On {}", p.on), Style::Bold)],
            BODY,
            0.0,
            None,
            Colour::BLACK,
        );
        f.paragraph(
            &[Run::new(
                format!("{} · {} · {state}", c.author, c.at.long()),
                Style::Italic,
            )],
            META,
            0.0,
            None,
            Colour::GREY,
        );
        f.paragraph(&plain(c.text.clone()), BODY, 0.0, None, Colour::BLACK);
        for r in &c.replies {
            f.paragraph(
                &[Run::new(
                    format!("{} · {}", r.author, r.at.long()),
                    Style::Italic,
                )],
                META,
                18.0,
                None,
                Colour::GREY,
            );
            f.paragraph(&plain(r.text.clone()), BODY, 18.0, None, Colour::BLACK);
        }
        f.y += BODY;
    }
    (f.pages, headings)
}

/// The contents' entries, as the sections will produce them.
fn plan_entries(p: &Portions, sections: &[Section]) -> Vec<(String, u8)> {
    let d = p.dossier();
    let mut out = Vec::new();
    for s in sections {
        out.push((s.title().to_owned(), 0));
        match s {
            Section::Programme => {}
            Section::Delegations => out.extend(
                d.delegations
                    .iter()
                    .map(|del| (delegation_title(p, del), 1)),
            ),
            Section::TalkingPoints => out.extend(
                topic_order(d)
                    .into_iter()
                    .flat_map(|(_, pts)| pts)
                    .map(|i| (point_title(p, i), 1)),
            ),
            Section::SecurityNotes => out.extend(
                d.security_notes
                    .iter()
                    .map(|n| (format!("{} {}", p.mark(p.security_note(n)), n.title), 1)),
            ),
        }
    }
    out
}

/// "Approved by NAME (ROLE) on DATE" for each approval of the content as it stands; a
/// stale approval is never printed.
pub fn approval_lines(d: &Dossier) -> Vec<String> {
    crate::review::valid_approvals(d)
        .into_iter()
        .map(|a| a.line())
        .collect()
}

/// What the cover says beyond the dossier's title page.
struct Cover<'a> {
    banner: &'a Marking,
    pack: Option<&'a str>,
    approvals: &'a [String],
    /// Whether the comments annex follows (the contents list it).
    annex: bool,
}

fn cover(f: &mut Flow, d: &Dossier, about: &Cover) {
    let Cover {
        banner,
        pack,
        approvals,
        ..
    } = *about;
    let m = &d.meta;
    f.y = f.top + 120.0;
    f.paragraph(
        &[Run::new(m.kind.label().to_uppercase(), Style::Bold)],
        11.0,
        0.0,
        None,
        Colour::GREY,
    );
    f.gap(6.0);
    f.paragraph(
        &[Run::new(&m.title, Style::Bold)],
        26.0,
        0.0,
        None,
        Colour::BLACK,
    );
    if !m.occasion.is_empty() {
        f.gap(4.0);
        f.paragraph(
            &[Run::new(&m.occasion, Style::Regular)],
            13.0,
            0.0,
            None,
            Colour::GREY,
        );
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
    let dates = m.dates_text();
    let status = format!("Revision {} · {}", m.revision, m.status.label());
    let mut rows: Vec<(&str, String)> = vec![
        ("Dates", dates),
        ("Venue", m.venue.clone()),
        ("Host", m.host_country.clone()),
        ("Guest", m.guest_country.clone()),
        ("Prepared by", m.prepared_by_text()),
        ("Status", status),
        ("Pack", pack.unwrap_or_default().to_owned()),
    ];
    rows.extend(approvals.iter().map(|a| ("Approval", a.clone())));
    for (label, value) in rows {
        if value.is_empty() {
            continue;
        }
        let baseline = f.y + 11.0 * f.fonts.ascent;
        f.push(Item::Text {
            x: f.left,
            y: baseline,
            style: Style::Bold,
            size: 11.0,
            colour: Colour::GREY,
            text: label.to_owned(),
        });
        let start = f.y;
        let saved_left = f.left;
        f.left += 110.0;
        f.y = start;
        f.paragraph(
            &[Run::new(value, Style::Regular)],
            11.0,
            0.0,
            None,
            Colour::BLACK,
        );
        f.left = saved_left;
        f.y += 4.0;
    }
    // The overall marking, large, near the foot of the cover: smaller, then wrapped, when
    // it is long, never cut.
    let (lines, size) = fit_marking(
        f.fonts,
        &banner.to_string(),
        f.text_width() - 24.0,
        26.0,
        14.0,
    );
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
}

/// Lists nested deeper than this are drawn at this depth: each level takes 14 points, and
/// a list forty levels deep would otherwise run off the page.
const MAX_LIST_INDENT: usize = 8;

/// Long text with its light markup: paragraphs, bullets, numbers, emphasis.
fn rich(f: &mut Flow, text: &str, indent: f32) {
    for block in markup::parse(text) {
        let runs: Vec<Run> = block
            .spans()
            .iter()
            .map(|s| Run::new(s.text.clone(), Style::from_flags(s.bold, s.italic)))
            .collect();
        match &block {
            Block::Paragraph(_) => f.paragraph(&runs, BODY, indent, None, Colour::BLACK),
            Block::Item { depth, number, .. } => {
                let marker = number.map_or_else(|| "•".to_owned(), |n| format!("{n}."));
                f.paragraph(
                    &runs,
                    BODY,
                    indent + 14.0 + 14.0 * (*depth).min(MAX_LIST_INDENT) as f32,
                    Some(&marker),
                    Colour::BLACK,
                );
            }
        }
        f.y += BODY * 0.4;
    }
}

/// A block's label is kept with its first two lines.
const LABEL_KEEP: f32 = BODY * 1.35 * 3.0;
const META: f32 = 9.5;

/// A block's label ("Objective"), kept with the first lines of what follows.
fn label_line(f: &mut Flow, label: &str) {
    f.need(LABEL_KEEP);
    f.paragraph(
        &[Run::new(label, Style::Bold)],
        BODY,
        0.0,
        None,
        Colour::GREY,
    );
}

/// A labelled block ("Objective", then its text), kept together with its first lines.
fn labelled(f: &mut Flow, label: &str, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    label_line(f, label);
    rich(f, text, 0.0);
}

fn list(f: &mut Flow, label: &str, items: &[String], numbered: bool) {
    let items: Vec<&String> = items.iter().filter(|s| !s.trim().is_empty()).collect();
    if items.is_empty() {
        return;
    }
    label_line(f, label);
    for (i, item) in items.iter().enumerate() {
        let marker = if numbered {
            format!("{}.", i + 1)
        } else {
            "•".to_owned()
        };
        let runs: Vec<Run> = markup::parse(item)
            .iter()
            .flat_map(|b| b.spans().to_vec())
            .map(|s| Run::new(s.text, Style::from_flags(s.bold, s.italic)))
            .collect();
        f.paragraph(&runs, BODY, 18.0, Some(&marker), Colour::BLACK);
        f.y += BODY * 0.3;
    }
    f.y += BODY * 0.3;
}

fn programme(f: &mut Flow, portions: &Portions, _headings: &mut [Heading]) {
    let d = portions.dossier();
    if d.programme.is_empty() {
        f.paragraph(
            &[Run::new("No programme items.", Style::Italic)],
            BODY,
            0.0,
            None,
            Colour::GREY,
        );
        return;
    }
    let rows: Vec<Vec<Vec<Run>>> = d
        .programme
        .iter()
        .map(|p| {
            // The title stands out from who attends and the notes below it.
            let mut what = vec![Run::new(
                format!("{} {}", portions.mark(portions.programme(p)), p.title),
                Style::Bold,
            )];
            if !p.participants.is_empty() {
                what.push(Run::new("\nParticipants: ", Style::Italic));
                what.push(Run::new(p.participants.clone(), Style::Regular));
            }
            if !p.notes.is_empty() {
                what.push(Run::new(
                    format!("\n{}", markup::plain_text(&p.notes)),
                    Style::Regular,
                ));
            }
            vec![plain(programme_when(p)), what, plain(p.location.clone())]
        })
        .collect();
    f.table(
        &["When", "What", "Where"],
        &[0.2, 0.55, 0.25],
        &rows,
        9.5,
        "Programme (continued)",
    );
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

/// A table cell of plain text.
fn plain(text: String) -> Vec<Run> {
    vec![Run::new(text, Style::Regular)]
}

/// A delegation's heading, with the portion mark of its whole list (the highest of the
/// delegation's and its members' markings).
pub fn delegation_title(p: &Portions, del: &crate::model::Delegation) -> String {
    let mark = p.mark(&p.delegation(del));
    format!(
        "{mark} {} — {} delegation",
        del.name,
        del.role.label().to_lowercase()
    )
}

fn delegations(f: &mut Flow, p: &Portions, headings: &mut Vec<Heading>) {
    let d = p.dossier();
    for del in &d.delegations {
        f.gap(10.0);
        outlined_heading(f, headings, delegation_title(p, del), 1, 13.0, 70.0);
        if !del.notes.is_empty() {
            rich(f, &del.notes, 0.0);
        }
        // A column no member has anything in gives its room to the positions.
        let organisations = del
            .members
            .iter()
            .any(|m| !m.organisation.trim().is_empty());
        let rows: Vec<Vec<Vec<Run>>> = del
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
                    plain((i + 1).to_string()),
                    plain(name),
                    plain(m.position.clone()),
                    plain(m.organisation.clone()),
                    plain(role),
                ];
                if !organisations {
                    row.remove(3);
                }
                row
            })
            .collect();
        let continued = format!("{} (continued)", delegation_title(p, del));
        if organisations {
            f.table(
                &["#", "Name", "Position", "Organisation", "Role"],
                &[0.06, 0.27, 0.3, 0.2, 0.17],
                &rows,
                9.0,
                &continued,
            );
        } else {
            f.table(
                &["#", "Name", "Position", "Role"],
                &[0.06, 0.3, 0.44, 0.2],
                &rows,
                9.0,
                &continued,
            );
        }
    }
}

fn topic_order(d: &Dossier) -> Vec<(String, Vec<usize>)> {
    d.topics()
        .into_iter()
        .map(|(t, p)| (t.to_owned(), p))
        .collect()
}

/// A talking point's heading, marked by all it prints (its lead speaker's name too).
fn point_title(p: &Portions, i: usize) -> String {
    let t = &p.dossier().talking_points[i];
    format!("{} {}", p.mark(&p.talking_point(t)), t.title)
}

fn talking_points(f: &mut Flow, p: &Portions, headings: &mut Vec<Heading>) {
    let d = p.dossier();
    for (topic, points) in topic_order(d) {
        f.gap(6.0);
        f.need(90.0);
        f.paragraph(
            &[Run::new(topic.to_uppercase(), Style::Bold)],
            10.5,
            0.0,
            None,
            Colour::GREY,
        );
        for i in points {
            let t = &d.talking_points[i];
            f.gap(6.0);
            // The lead speaker's marking is in the point's (see `Portions`).
            let lead = p.lead_speaker(t).map(|(m, _)| m.display_name());
            let mut meta = format!("Priority: {}", t.priority.label());
            if let Some(lead) = lead {
                meta.push_str(&format!("  ·  Lead: {lead}"));
            }
            item_heading(f, headings, point_title(p, i), meta);
            labelled(f, "Objective", &t.objective);
            list(f, "Key messages", &t.key_messages, true);
            labelled(f, "Background", &t.background);
            if !t.if_raised.is_empty() {
                label_line(f, "If raised");
                for r in &t.if_raised {
                    f.paragraph(
                        &[
                            Run::new("They may raise: ", Style::Italic),
                            Run::new(markup::plain_text(&r.they_raise), Style::Regular),
                        ],
                        BODY,
                        14.0,
                        Some("•"),
                        Colour::BLACK,
                    );
                    f.paragraph(
                        &[
                            Run::new("Our response: ", Style::Italic),
                            Run::new(markup::plain_text(&r.our_response), Style::Regular),
                        ],
                        BODY,
                        14.0,
                        None,
                        Colour::BLACK,
                    );
                    f.y += BODY * 0.4;
                }
            }
            labelled(f, "Press line", &t.press_line);
        }
    }
}

/// A heading that is also an entry of the contents and the PDF outline.
fn outlined_heading(
    f: &mut Flow,
    headings: &mut Vec<Heading>,
    title: String,
    level: u8,
    size: f32,
    keep_with: f32,
) {
    let (page, y) = f.heading(&title, size, keep_with);
    headings.push(Heading {
        title,
        level,
        page,
        y,
    });
}

/// An item's heading (a talking point, a security note) and the grey italic line under it
/// (priority and lead, region and threat), kept on one page with the first labelled block
/// that follows, so that no heading is left at the foot of a page without its text.
fn item_heading(f: &mut Flow, headings: &mut Vec<Heading>, title: String, meta: String) {
    const SIZE: f32 = 13.0;
    let meta = [Run::new(meta, Style::Italic)];
    // What `heading` adds below itself, the meta line, and what `label_line` asks for.
    let keep = SIZE * 0.3 + f.paragraph_height(&meta, META, 0.0) + 4.0 + LABEL_KEEP;
    outlined_heading(f, headings, title, 1, SIZE, keep);
    f.paragraph(&meta, META, 0.0, None, Colour::GREY);
    f.y += 4.0;
}

fn security_notes(f: &mut Flow, p: &Portions, headings: &mut Vec<Heading>) {
    let d = p.dossier();
    for n in &d.security_notes {
        f.gap(10.0);
        let title = format!("{} {}", p.mark(p.security_note(n)), n.title);
        let mut meta = format!("Threat level: {}", n.threat_level.label());
        if !n.region.is_empty() {
            meta = format!("Region: {}  ·  {meta}", n.region);
        }
        if let Some(r) = n.last_reviewed {
            meta.push_str(&format!("  ·  Last reviewed {}", r.long()));
        }
        item_heading(f, headings, title, meta);
        labelled(f, "Summary", &n.summary);
        labelled(f, "Situation and assessment", &n.assessment);
        list(f, "Key actors", &n.key_actors, false);
        labelled(f, "Outlook", &n.outlook);
        labelled(f, "Recommendations", &n.recommendations);
        let sources: Vec<String> = n.sources.iter().map(Source::cited).collect();
        list(f, "Sources", &sources, false);
    }
}
