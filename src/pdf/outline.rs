//! The document outline (bookmarks), written by us rather than by printpdf: printpdf makes
//! a flat list sorted by page and name that jumps to page tops, while a reader of a pack
//! wants the sections in document order with their items nested inside, each bookmark
//! landing on its heading.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use crate::layout::Heading;

/// Adds the outline of `headings` (in document order) to `doc` and opens it beside the
/// pages. `page_height` turns the layout's top-down positions into PDF coordinates.
pub fn add(doc: &mut Document, headings: &[Heading], page_height: f32) {
    if headings.is_empty() {
        return;
    }
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = headings.iter().map(|_| doc.new_object_id()).collect();

    // Each heading's parent is the nearest earlier heading of a lower level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(headings.len());
    let mut open: Vec<usize> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        while open.last().is_some_and(|&j| headings[j].level >= h.level) {
            open.pop();
        }
        parent.push(open.last().copied());
        open.push(i);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); headings.len()];
    let mut top = Vec::new();
    for (i, p) in parent.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(i),
            None => top.push(i),
        }
    }

    let id_of = |i: usize| Object::Reference(ids[i]);
    let link_siblings = |doc: &mut Document, siblings: &[usize], parent_id: ObjectId| {
        for (k, &i) in siblings.iter().enumerate() {
            let h = &headings[i];
            let Some(&page) = pages.get(h.page) else {
                continue;
            };
            let mut dict = Dictionary::from_iter(vec![
                ("Title", text_string(&h.title)),
                ("Parent", Object::Reference(parent_id)),
                ("Dest", destination(page, h.y, page_height)),
            ]);
            if k > 0 {
                dict.set("Prev", id_of(siblings[k - 1]));
            }
            if let Some(&next) = siblings.get(k + 1) {
                dict.set("Next", id_of(next));
            }
            let kids = &children[i];
            if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
                dict.set("First", id_of(first));
                dict.set("Last", id_of(last));
                // Negative: closed, so that a long list of items does not bury the sections.
                dict.set("Count", -(kids.len() as i64));
            }
            doc.objects.insert(ids[i], Object::Dictionary(dict));
        }
    };
    link_siblings(doc, &top, root);
    for (i, kids) in children.iter().enumerate() {
        link_siblings(doc, kids, ids[i]);
    }

    let mut outlines = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Outlines".to_vec())),
        ("Count", Object::Integer(top.len() as i64)),
    ]);
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        outlines.set("First", id_of(first));
        outlines.set("Last", id_of(last));
    }
    doc.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}

/// A place to jump to: `from_top` points below the top of `page`, a little above it so that
/// the heading there is not at the very edge of the window; the zoom is left as it is.
pub fn destination(page: ObjectId, from_top: f32, page_height: f32) -> Object {
    let top = (page_height - from_top + 12.0).min(page_height);
    Object::Array(vec![
        Object::Reference(page),
        Object::Name(b"XYZ".to_vec()),
        Object::Null,
        Object::Real(top),
        Object::Null,
    ])
}

/// A PDF text string: ASCII as written, anything else as UTF-16BE with its byte-order mark.
pub fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}
