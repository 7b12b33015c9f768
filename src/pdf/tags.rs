//! Tagged PDF (ISO 32000-1, 14.7–14.8; PDF/UA-1): the layout's structure tree written as
//! the document's structure tree. Every piece of drawn content is a marked-content
//! sequence, either part of a structure element (by its MCID) or an artifact; the parent
//! tree maps each page's MCIDs and each link annotation back to their elements, so that a
//! screen reader reads the pack in order, headings as headings, lists as lists, tables
//! with their header cells.

use std::ops::Range;

use pdf_writer::{Chunk, Name, Ref};

use super::Refs;

use crate::layout::{Item, Laid, Page, Role, Tag};

/// A page's marked-content sequences: runs of drawn items with one tag. Links are not
/// content (they are annotations), so a run of links alone is none.
pub fn sequences(page: &Page) -> Vec<(Range<usize>, Tag)> {
    let mut out: Vec<(Range<usize>, Tag)> = Vec::new();
    for (i, (item, tag)) in page.tagged().enumerate() {
        if matches!(item, Item::Link { .. }) {
            continue;
        }
        match out.last_mut() {
            Some((range, t)) if *t == tag && range.end == i => range.end = i + 1,
            _ => out.push((i..i + 1, tag)),
        }
    }
    out
}

/// The structure element of each MCID of a page, in MCID order.
fn mcids(page: &Page) -> Vec<u32> {
    sequences(page)
        .into_iter()
        .filter_map(|(_, tag)| match tag {
            Tag::Node(n) => Some(n),
            Tag::Artifact => None,
        })
        .collect()
}

/// A link annotation written on a page: the page, the annotation, and its element.
pub struct Annotation {
    pub page: usize,
    pub id: Ref,
    pub node: u32,
}

enum Kid {
    Element(u32),
    Content { page: usize, mcid: usize },
    Annotation { page: usize, id: Ref },
}

/// Writes the structure tree of `laid`, whose pages were drawn with the MCIDs of
/// [`sequences`] and whose tagged annotations have the parent-tree keys after the
/// pages' (see `links`); returns its root.
pub fn write(
    pdf: &mut Chunk,
    refs: &mut Refs,
    laid: &Laid,
    pages: &[Ref],
    annotations: &[Annotation],
) -> Option<Ref> {
    let tree = &laid.tree;
    if tree.nodes.is_empty() {
        return None;
    }
    let mut kids: Vec<Vec<Kid>> = tree
        .children()
        .into_iter()
        .map(|c| c.into_iter().map(Kid::Element).collect())
        .collect();
    let per_page: Vec<Vec<u32>> = laid.pages.iter().map(mcids).collect();
    for (page, nodes) in per_page.iter().enumerate() {
        for (mcid, &node) in nodes.iter().enumerate() {
            kids[node as usize].push(Kid::Content { page, mcid });
        }
    }
    for a in annotations {
        kids[a.node as usize].push(Kid::Annotation {
            page: a.page,
            id: a.id,
        });
    }

    let root = refs.next();
    let ids = refs.many(tree.nodes.len());
    for (i, node) in tree.nodes.iter().enumerate() {
        let parent = node.parent.map_or(root, |p| ids[p as usize]);
        // Most elements lie on one page: that page is said once (/Pg) and the content is
        // bare MCIDs, which keeps the tree small; content on other pages is referenced
        // with its page.
        let home = kids[i].iter().find_map(|kid| match *kid {
            Kid::Content { page, .. } | Kid::Annotation { page, .. } => Some(page),
            Kid::Element(_) => None,
        });
        let mut elem = pdf.struct_element(ids[i]);
        elem.custom_kind(Name(node.role.name().as_bytes()))
            .parent(parent);
        if let Some(&pg) = home.and_then(|p| pages.get(p)) {
            elem.page(pg);
        }
        if let Some(alt) = &node.alt {
            elem.alt(pdf_writer::TextStr(super::capped(alt)));
        }
        if let Role::TH { row } = node.role {
            let scope: &[u8] = if row { b"Row" } else { b"Column" };
            elem.insert(Name(b"A"))
                .dict()
                .pair(Name(b"O"), Name(b"Table"))
                .pair(Name(b"Scope"), Name(scope));
        }
        let mut k = elem.children();
        for kid in &kids[i] {
            match *kid {
                Kid::Element(e) => {
                    k.struct_element(ids[e as usize]);
                }
                Kid::Content { page, mcid } if Some(page) == home => {
                    k.marked_content_id(mcid as i32);
                }
                Kid::Content { page, mcid } => {
                    if let Some(&pg) = pages.get(page) {
                        k.marked_content_ref()
                            .page(pg)
                            .marked_content_id(mcid as i32);
                    }
                }
                Kid::Annotation { page, id } => {
                    if let Some(&pg) = pages.get(page) {
                        k.object_ref().page(pg).object(id);
                    }
                }
            }
        }
    }

    // The parent tree: key i for page i (its MCIDs' elements), then one per annotation,
    // in the order `links` numbered them.
    let parent_tree = refs.next();
    {
        let mut dict = pdf.indirect(parent_tree).dict();
        let mut nums = dict.insert(Name(b"Nums")).array();
        for (page, nodes) in per_page.iter().enumerate() {
            if nodes.is_empty() {
                continue;
            }
            nums.item(page as i32);
            nums.push()
                .array()
                .items(nodes.iter().map(|&n| ids[n as usize]));
        }
        for (k, a) in annotations.iter().enumerate() {
            nums.item((laid.pages.len() + k) as i32);
            nums.item(ids[a.node as usize]);
        }
    }
    let mut dict = pdf.indirect(root).dict();
    dict.pair(Name(b"Type"), Name(b"StructTreeRoot"));
    dict.insert(Name(b"K")).array().items(
        tree.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.parent.is_none())
            .map(|(i, _)| ids[i]),
    );
    dict.pair(Name(b"ParentTree"), parent_tree);
    dict.pair(
        Name(b"ParentTreeNextKey"),
        (laid.pages.len() + annotations.len()) as i32,
    );
    Some(root)
}
