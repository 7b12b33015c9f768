//! The briefing pack described once, as a semantic document: the cover, then parts
//! (sections) of headed sections holding paragraphs, lists and tables, each heading with
//! its portion mark. It says *what* the pack holds, in reading order; how it looks is the
//! layout's business (PDF and preview, `crate::layout`) and the HTML writer's
//! (`crate::html`), and the contents, the bookmarks and the PDF structure tree are derived
//! from the same nodes. A new pack section is described here, in [`build`], and nowhere
//! else.
//!
//! Typst's split of realized content from `typst-layout`, `typst-pdf` and `typst-html` is
//! the model.

mod build;
mod catalogue;
mod options;

pub use build::{build, programme_when};
pub use catalogue::{Arg, Catalogue, catalogue};
pub use options::{PackOptions, Paper, approval_lines};

pub use crate::model::markup::Span;

/// A whole pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// For print queues, window titles and the document's metadata.
    pub title: String,
    /// The language of the pack's text, a BCP 47 tag ("en", "fr").
    pub lang: String,
    /// The high-water mark of everything printed: the banner of every page.
    pub banner: String,
    /// What every page but the cover says at its foot, beside the page number.
    pub footer: String,
    pub cover: Cover,
    /// The pack's own words that are not in the dossier.
    pub words: Words,
    /// The parts, each from a new page, in order.
    pub parts: Vec<Sect>,
    /// What the pack's file says of the dossier it comes from.
    pub provenance: Provenance,
}

/// What a pack's file says of the dossier it comes from (its properties, its XMP, its
/// id), taken into the document so that no writer reads the dossier.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Provenance {
    /// The dossier's own title (a pack of place cards is titled otherwise).
    pub title: String,
    /// Who prepared it: "Ana Ruiz, Protocol Office".
    pub author: String,
    pub occasion: String,
    pub host_country: String,
    pub guest_country: String,
    pub revision: u32,
    /// The visit's first day: a pack's date comes from the dossier, never the clock.
    pub date: Option<crate::model::Date>,
}

impl Provenance {
    pub fn of(d: &crate::model::Dossier) -> Self {
        let m = &d.meta;
        Provenance {
            title: m.title.clone(),
            author: m.prepared_by_text(),
            occasion: m.occasion.clone(),
            host_country: m.host_country.clone(),
            guest_country: m.guest_country.clone(),
            revision: m.revision,
            date: m.start_date,
        }
    }
}

/// The pack's own words that renderers draw themselves (the rest is in the nodes).
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    /// The heading of the contents.
    pub contents: String,
    /// "Page 3 of 12", with `{page}` and `{pages}` standing for the numbers.
    pub page_of: String,
    /// What a table's later pages say above it: "{title} (continued)".
    pub continued: String,
    /// What the pack is, for the PDF's subject and keywords: "Briefing pack".
    pub briefing_pack: String,
}

impl Words {
    pub fn page_of(&self, page: usize, pages: usize) -> String {
        self.page_of
            .replace("{page}", &page.to_string())
            .replace("{pages}", &pages.to_string())
    }

    pub fn continued(&self, title: &str) -> String {
        self.continued.replace("{title}", title)
    }
}

/// The title page.
#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    /// The kind of event ("Official visit"), set small above the title.
    pub kind: String,
    pub title: String,
    pub occasion: String,
    /// Labelled facts (dates, venue, status, approvals…); none is empty.
    pub fields: Vec<Field>,
    /// The overall marking, set large near the foot of the cover.
    pub marking: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: String,
    pub value: String,
}

/// What a heading heads, which decides how it looks and whether the contents and the
/// bookmarks list it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    /// A part of the pack (the programme, the delegations…), from a new page.
    Part,
    /// A group of items within a part (the talking points of one topic).
    Group,
    /// One item: a delegation, a talking point, a security note.
    Item,
    /// A labelled block within an item ("Objective", "Key messages").
    Label,
    /// A minor heading that the contents do not list (a review comment's place).
    Minor,
}

impl Heading {
    /// Whether the contents and the bookmarks list sections with this heading.
    pub fn outlined(self) -> bool {
        matches!(self, Heading::Part | Heading::Group | Heading::Item)
    }
}

/// A headed section: a heading and what it heads.
#[derive(Debug, Clone, PartialEq)]
pub struct Sect {
    pub heading: Heading,
    /// The portion mark of all the section prints ("(OS)"), where markings apply.
    pub mark: Option<String>,
    pub title: String,
    /// A fragment id for links (the HTML's anchors), unique within the document.
    pub anchor: Option<String>,
    pub body: Vec<Block>,
}

impl Sect {
    pub fn new(heading: Heading, title: impl Into<String>) -> Self {
        Self {
            heading,
            mark: None,
            title: title.into(),
            anchor: None,
            body: Vec::new(),
        }
    }

    pub fn marked(mut self, mark: String) -> Self {
        self.mark = Some(mark);
        self
    }

    pub fn anchored(mut self, anchor: impl Into<String>) -> Self {
        self.anchor = Some(anchor.into());
        self
    }

    /// The heading as printed and listed: the portion mark, then the title.
    pub fn heading_text(&self) -> String {
        match &self.mark {
            Some(mark) => format!("{mark} {}", self.title),
            None => self.title.clone(),
        }
    }

    /// The text of the heading's level: 2 for parts (the cover's title is 1), one more for
    /// each section it is nested in. The HTML's `h2`…`h6` and the PDF's `H2`…`H6`.
    pub fn level(depth: usize) -> u8 {
        (depth + 2).min(6) as u8
    }
}

/// What a section holds, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Sect(Sect),
    Para(Para),
    List(List),
    Table(Table),
    /// Set in from what is around it: a reply to a review comment.
    Quote(Vec<Block>),
    Figure(Figure),
    /// The table of the talks seen from above, to scale.
    Seating(Seating),
}

/// A bilateral table drawn from above, lengthwise down the page: one side on the left, the
/// other on the right, each with the row behind it; every seat named.
#[derive(Debug, Clone, PartialEq)]
pub struct Seating {
    /// What a screen reader says in place of the drawing (the seat lists follow it).
    pub alt: String,
    pub sides: Vec<SeatingSide>,
    /// "Scale 1:{scale}; each seat 60 cm", `{scale}` standing for the scale the layout takes.
    pub scale: String,
    /// What is said in place of a table too long to draw on a page.
    pub too_long: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeatingSide {
    /// The delegation, as its part of the table is labelled.
    pub name: String,
    /// From one end of the side to the other (the drawing's top to bottom).
    pub seats: Vec<Seat>,
    pub behind: Vec<Seat>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Seat {
    pub name: String,
    pub position: String,
}

/// A picture, and what goes with it set beside it: a member's photo beside their
/// position and biography.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub photo: crate::model::Photo,
    /// What a screen reader says in its place ("Photo of Dr. Korir Sing’oei").
    pub alt: String,
    pub beside: Vec<Block>,
}

/// How a paragraph reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Running text.
    Body,
    /// The line of facts under an item's heading (priority and lead, region and threat),
    /// or who wrote a comment and when.
    Meta,
    /// What a part says when it has nothing in it.
    Empty,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub tone: Tone,
    pub spans: Vec<Span>,
}

impl Para {
    pub fn new(tone: Tone, text: impl Into<String>) -> Self {
        Self {
            tone,
            spans: vec![plain(text)],
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub numbered: bool,
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// The bullet or number as printed ("•", "3.").
    pub label: String,
    /// 0 for the outermost list; each level is set further in.
    pub depth: usize,
    /// The item's paragraphs (most have one).
    pub body: Vec<Vec<Span>>,
}

/// A table with one header row. Every row has one cell per column.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Whose table it is, said again above its continuation on a later page.
    pub caption: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// The share of the text width, the columns' shares adding up to 1.
    pub width: f32,
}

/// A cell: inline text ('\n' breaks a line).
pub type Cell = Vec<Span>;

pub fn plain(text: impl Into<String>) -> Span {
    Span {
        text: text.into(),
        bold: false,
        italic: false,
    }
}

pub fn bold(text: impl Into<String>) -> Span {
    Span {
        text: text.into(),
        bold: true,
        italic: false,
    }
}

pub fn italic(text: impl Into<String>) -> Span {
    Span {
        text: text.into(),
        bold: false,
        italic: true,
    }
}

impl Document {
    /// The entries of the contents and the bookmarks: each outlined section and its level
    /// among outlined sections (0 for parts).
    pub fn outline(&self) -> Vec<(&Sect, u8)> {
        fn walk<'a>(s: &'a Sect, level: u8, out: &mut Vec<(&'a Sect, u8)>) {
            let next = if s.heading.outlined() {
                out.push((s, level));
                level + 1
            } else {
                level
            };
            for b in &s.body {
                if let Block::Sect(inner) = b {
                    walk(inner, next, out);
                }
            }
        }
        let mut out = Vec::new();
        for part in &self.parts {
            walk(part, 0, &mut out);
        }
        out
    }
}
