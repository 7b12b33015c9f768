//! Turns a dossier into laid-out pages: positioned text runs, lines and boxes, measured
//! with the embedded fonts' real metrics. One layout feeds the PDF writer and the preview.

mod cards;
mod coverage;
mod flow;
mod fonts;
mod pack;
mod tree;

pub use crate::document::{PackOptions, Paper, approval_lines};
pub use cards::{CardOptions, Cards, lay_out_cards};
pub use coverage::unprintable;
pub use fonts::{
    BOLD, BOLD_ITALIC, FALLBACKS, FaceKey, Fallback, Fonts, Glyph, ITALIC, REGULAR, REPLACEMENT,
    Run, Style, drawn, fallback_face, foreign_language, is_invisible, is_rtl, language_runs,
    script_language, shaped_text,
};
pub use pack::{lay_out, lay_out_document, seating_scale};
pub use tree::{Node, Role, Tag, Tree};

/// An RGB colour, each channel 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colour(pub f32, pub f32, pub f32);

impl Colour {
    pub const BLACK: Colour = Colour(0.0, 0.0, 0.0);
    pub const GREY: Colour = Colour(0.35, 0.35, 0.35);
    pub const RULE: Colour = Colour(0.7, 0.7, 0.7);
    pub const SHADE: Colour = Colour(0.93, 0.93, 0.93);
}

/// One thing drawn on a page. Coordinates are points from the page's top-left corner;
/// text is placed by its baseline.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        style: Style,
        size: f32,
        colour: Colour,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        colour: Colour,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Colour,
    },
    /// A photo, `w` × `h` from its top-left corner.
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        photo: crate::model::Photo,
    },
    /// Items drawn turned upside down about the page's centre (the upper half of a
    /// place card, which is read from the other side of the table).
    Turned { items: Vec<Item> },
    /// A clickable area that jumps to a place: a page (0-based) and a distance from its top.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        page: usize,
        top: f32,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// What each item is in the structure tree: `(first item, tag)`, in item order; an
    /// item has the tag of the last entry at or before it. Runs of one tag are one entry.
    pub marks: Vec<(usize, Tag)>,
}

impl Page {
    /// Adds an item as part of `tag`.
    pub fn push(&mut self, tag: Tag, item: Item) {
        if self.marks.last().map(|m| m.1) != Some(tag) {
            self.marks.push((self.items.len(), tag));
        }
        self.items.push(item);
    }

    /// The items with their tags.
    pub fn tagged(&self) -> impl Iterator<Item = (&Item, Tag)> {
        let mut marks = self.marks.iter().peekable();
        let mut tag = Tag::Artifact;
        self.items.iter().enumerate().map(move |(i, item)| {
            while let Some(&&(from, t)) = marks.peek() {
                if from > i {
                    break;
                }
                tag = t;
                marks.next();
            }
            (item, tag)
        })
    }
}

/// An entry of the document outline (PDF bookmarks, the contents page).
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub title: String,
    /// 0 for sections, 1 for items within them.
    pub level: u8,
    pub page: usize,
    /// Distance of the heading from the page top, in points.
    pub y: f32,
}

/// A laid-out pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    pub paper: Paper,
    /// Pages wider than tall (place cards).
    pub landscape: bool,
    pub pages: Vec<Page>,
    pub headings: Vec<Heading>,
    /// The banner marking: the high-water mark of everything in the pack.
    pub banner: String,
    /// The logical structure the pages' tags point into (the PDF's structure tree).
    pub tree: Tree,
    /// The language of the pack's text.
    pub lang: String,
    /// The pack's title, for the document's metadata.
    pub title: String,
    /// What the pack is, in its language ("Briefing pack"), for the document's metadata.
    pub what: String,
    /// The dossier the pages come from, as the file's metadata names it.
    pub provenance: crate::document::Provenance,
}

impl Laid {
    pub fn size(&self) -> (f32, f32) {
        let (w, h) = self.paper.size();
        if self.landscape { (h, w) } else { (w, h) }
    }

    /// All text of a page, in drawing order (for tests and search).
    pub fn page_text(&self, page: usize) -> String {
        self.pages[page]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}
