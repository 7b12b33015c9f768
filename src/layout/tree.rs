//! The logical structure of a laid-out pack: which heading, paragraph, list item or table
//! cell each piece of text on the pages belongs to, in reading order. The layout records
//! it while it places the pack document's nodes, so that it can never disagree with what
//! is drawn; the PDF writer turns it into the tagged PDF's structure tree.

/// A structure element's type, as PDF names them (ISO 32000-1, 14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Document,
    Sect,
    /// A heading of a level, 1–6.
    H(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    /// A header cell, of its column (`false`) or of its row (`true`).
    TH {
        row: bool,
    },
    TD,
    TOC,
    TOCI,
    Link,
    BlockQuote,
    /// A picture; its node carries the alternative text.
    Figure,
}

impl Role {
    /// The PDF name of the structure type.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Sect => "Sect",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH { .. } => "TH",
            Role::TD => "TD",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
            Role::Link => "Link",
            Role::BlockQuote => "BlockQuote",
            Role::Figure => "Figure",
        }
    }
}

/// One structure element. Its children are the later nodes naming it as parent, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub role: Role,
    pub parent: Option<u32>,
    /// What a screen reader says in place of a figure.
    pub alt: Option<String>,
}

/// What a drawn item is: part of a structure element's content, or an artifact (banners,
/// footers, rules, shading, a table's header repeated on a later page), which a screen
/// reader skips.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    Artifact,
    Node(u32),
}

/// The structure elements, in reading order (a parent before its children).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

impl Tree {
    pub fn add(&mut self, role: Role, parent: Option<u32>) -> u32 {
        let id = u32::try_from(self.nodes.len()).expect("fewer than 4 billion elements");
        self.nodes.push(Node {
            role,
            parent,
            alt: None,
        });
        id
    }

    /// Appends `other`, its roots becoming children of `parent`; returns the offset added
    /// to its ids (for the tags that point into it).
    pub fn graft(&mut self, other: Tree, parent: Option<u32>) -> u32 {
        let offset = self.nodes.len() as u32;
        self.nodes.extend(other.nodes.into_iter().map(|n| Node {
            role: n.role,
            parent: n.parent.map(|p| p + offset).or(parent),
            alt: n.alt,
        }));
        offset
    }

    /// Each node's children, in order.
    pub fn children(&self) -> Vec<Vec<u32>> {
        let mut kids = vec![Vec::new(); self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            if let Some(p) = n.parent {
                kids[p as usize].push(i as u32);
            }
        }
        kids
    }
}

/// Moves a page's tags into a tree they were grafted into at `offset`.
pub fn shift(pages: &mut [super::Page], offset: u32) {
    for page in pages {
        for (_, tag) in &mut page.marks {
            if let Tag::Node(n) = tag {
                *n += offset;
            }
        }
    }
}
