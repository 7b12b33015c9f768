//! The document outline (bookmarks), written by us rather than by printpdf: printpdf makes
//! a flat list sorted by page and name that jumps to page tops, while a reader of a pack
//! wants the sections in document order with their items nested inside, each bookmark
//! landing on its heading.

use pdf_writer::{Name, Null, Obj, Pdf, Ref, TextStr};

use super::Refs;

use crate::layout::Heading;

/// Writes the outline of `headings` (in document order); returns its root.
/// `page_height` turns the layout's top-down positions into PDF coordinates.
pub fn write(
    pdf: &mut Pdf,
    refs: &mut Refs,
    headings: &[Heading],
    pages: &[Ref],
    page_height: f32,
) -> Option<Ref> {
    if headings.is_empty() {
        return None;
    }
    let root = refs.next();
    let ids = refs.many(headings.len());

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

    let link_siblings = |pdf: &mut Pdf, siblings: &[usize], parent_id: Ref| {
        for (k, &i) in siblings.iter().enumerate() {
            let h = &headings[i];
            let Some(&page) = pages.get(h.page) else {
                continue;
            };
            let mut item = pdf.outline_item(ids[i]);
            item.title(TextStr(super::capped(&h.title)))
                .parent(parent_id);
            destination(item.insert(Name(b"Dest")), page, h.y, page_height);
            if k > 0 {
                item.prev(ids[siblings[k - 1]]);
            }
            if let Some(&next) = siblings.get(k + 1) {
                item.next(ids[next]);
            }
            let kids = &children[i];
            if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
                item.first(ids[first]).last(ids[last]);
                // Negative: closed, so that a long list of items does not bury the sections.
                item.count(-(kids.len() as i32));
            }
        }
    };
    link_siblings(pdf, &top, root);
    for (i, kids) in children.iter().enumerate() {
        link_siblings(pdf, kids, ids[i]);
    }

    let mut outline = pdf.outline(root);
    outline.count(top.len() as i32);
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        outline.first(ids[first]).last(ids[last]);
    }
    Some(root)
}

/// A place to jump to: `from_top` points below the top of `page`, a little above it so that
/// the heading there is not at the very edge of the window; the zoom is left as it is.
pub fn destination(obj: Obj<'_>, page: Ref, from_top: f32, page_height: f32) {
    let top = (page_height - from_top + 12.0).min(page_height);
    obj.array()
        .item(page)
        .item(Name(b"XYZ"))
        .item(Null)
        .item(top)
        .item(Null);
}
