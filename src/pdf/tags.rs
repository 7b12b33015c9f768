//! Tagged PDF (ISO 32000-1, 14.7–14.8; PDF/UA-1): the layout's structure tree written as
//! the document's structure tree. Every piece of drawn content is a marked-content
//! sequence, either part of a structure element (by its MCID) or an artifact; the parent
//! tree maps each page's MCIDs and each link annotation back to their elements, so that a
//! screen reader reads the pack in order, headings as headings, lists as lists, tables
//! with their header cells.

use std::ops::Range;

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

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
    pub id: ObjectId,
    pub node: u32,
}

enum Kid {
    Element(u32),
    Content { page: usize, mcid: usize },
    Annotation { page: usize, id: ObjectId },
}

/// Writes the structure tree of `laid` into `doc`, whose pages were drawn with the MCIDs
/// of [`sequences`], and marks the document tagged, in its language.
pub fn add(doc: &mut Document, laid: &Laid, annotations: &[Annotation]) {
    let tree = &laid.tree;
    if tree.nodes.is_empty() {
        return;
    }
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
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

    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = tree.nodes.iter().map(|_| doc.new_object_id()).collect();
    for (i, node) in tree.nodes.iter().enumerate() {
        let parent = node.parent.map_or(root, |p| ids[p as usize]);
        // Most elements lie on one page: that page is said once (/Pg) and the content is
        // bare MCIDs, which keeps the tree small; content on other pages is referenced
        // with its page.
        let home = kids[i].iter().find_map(|kid| match *kid {
            Kid::Content { page, .. } | Kid::Annotation { page, .. } => Some(page),
            Kid::Element(_) => None,
        });
        let k: Vec<Object> = kids[i]
            .iter()
            .filter_map(|kid| match *kid {
                Kid::Element(e) => Some(Object::Reference(ids[e as usize])),
                Kid::Content { page, mcid } if Some(page) == home => {
                    Some(Object::Integer(mcid as i64))
                }
                Kid::Content { page, mcid } => {
                    let &pg = pages.get(page)?;
                    Some(Object::Dictionary(Dictionary::from_iter(vec![
                        ("Type", Object::Name(b"MCR".to_vec())),
                        ("Pg", Object::Reference(pg)),
                        ("MCID", Object::Integer(mcid as i64)),
                    ])))
                }
                Kid::Annotation { page, id } => {
                    let &pg = pages.get(page)?;
                    Some(Object::Dictionary(Dictionary::from_iter(vec![
                        ("Type", Object::Name(b"OBJR".to_vec())),
                        ("Pg", Object::Reference(pg)),
                        ("Obj", Object::Reference(id)),
                    ])))
                }
            })
            .collect();
        let mut elem = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(node.role.name().as_bytes().to_vec())),
            ("P", Object::Reference(parent)),
            ("K", Object::Array(k)),
        ]);
        if let Some(pg) = home.and_then(|p| pages.get(p)) {
            elem.set("Pg", Object::Reference(*pg));
        }
        if let Role::TH { row } = node.role {
            let scope: &[u8] = if row { b"Row" } else { b"Column" };
            elem.set(
                "A",
                Dictionary::from_iter(vec![
                    ("O", Object::Name(b"Table".to_vec())),
                    ("Scope", Object::Name(scope.to_vec())),
                ]),
            );
        }
        doc.objects.insert(ids[i], Object::Dictionary(elem));
    }

    // The parent tree: key i for page i (its MCIDs' elements), then one per annotation.
    let mut nums = Vec::new();
    for (page, nodes) in per_page.iter().enumerate() {
        if nodes.is_empty() {
            continue;
        }
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Array(
            nodes
                .iter()
                .map(|&n| Object::Reference(ids[n as usize]))
                .collect(),
        ));
        if let Some(Ok(Object::Dictionary(p))) = pages.get(page).map(|id| doc.get_object_mut(*id)) {
            p.set("StructParents", Object::Integer(page as i64));
        }
    }
    let mut next = laid.pages.len() as i64;
    for a in annotations {
        nums.push(Object::Integer(next));
        nums.push(Object::Reference(ids[a.node as usize]));
        if let Ok(Object::Dictionary(annot)) = doc.get_object_mut(a.id) {
            annot.set("StructParent", Object::Integer(next));
        }
        next += 1;
    }
    // Tab order follows the structure on every page (PDF/UA asks it where there are
    // annotations; it is harmless elsewhere).
    for id in &pages {
        if let Ok(Object::Dictionary(p)) = doc.get_object_mut(*id) {
            p.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }
    let parent_tree = doc.add_object(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
    let tops: Vec<Object> = tree
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.parent.is_none())
        .map(|(i, _)| Object::Reference(ids[i]))
        .collect();
    doc.objects.insert(
        root,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Array(tops)),
            ("ParentTree", Object::Reference(parent_tree)),
            ("ParentTreeNextKey", Object::Integer(next)),
        ])),
    );
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("StructTreeRoot", Object::Reference(root));
        catalog.set(
            "MarkInfo",
            Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
        );
        catalog.set(
            "Lang",
            Object::String(laid.lang.as_bytes().to_vec(), StringFormat::Literal),
        );
    }
}
