//! The contents' links, as link annotations written on the page objects: each lands on its
//! heading rather than at the top of the page, and can point into any part of a pack that
//! was converted in parts.

use pdf_writer::types::{AnnotationFlags, AnnotationType};
use pdf_writer::{Finish, Name, Pdf, Rect, Ref, TextStr};

use super::Refs;

use super::outline::destination;
use super::tags::Annotation;
use crate::layout::{Item, Laid, Tag};

/// The link annotations written: those of each page, and those that belong to a
/// structure element (a contents entry's `Link`), for the structure tree.
pub struct Links {
    pub per_page: Vec<Vec<Ref>>,
    pub tagged: Vec<Annotation>,
}

/// Writes the links. A tagged annotation's parent-tree key is the number of pages plus
/// its place among the tagged ones (see `tags`).
pub fn write(
    pdf: &mut Pdf,
    refs: &mut Refs,
    laid: &Laid,
    pages: &[Ref],
    page_height: f32,
) -> Links {
    let mut out = Links {
        per_page: Vec::with_capacity(pages.len()),
        tagged: Vec::new(),
    };
    // Each link's heading, by where it lands: looked up, not searched for, as a contents of
    // a hundred thousand entries has as many links.
    let mut heading_at: rustc_hash::FxHashMap<(usize, u32), &str> = Default::default();
    for h in &laid.headings {
        heading_at
            .entry((h.page, h.y.to_bits()))
            .or_insert(h.title.as_str());
    }
    for (number, page) in laid.pages.iter().enumerate() {
        let mut annotations = Vec::new();
        for (item, tag) in page.tagged() {
            let Item::Link {
                x,
                y,
                w,
                h,
                page: target,
                top,
            } = item
            else {
                continue;
            };
            let Some(&target_id) = pages.get(*target) else {
                continue;
            };
            // What a screen reader says of the link: the heading it leads to.
            let about = heading_at
                .get(&(*target, top.to_bits()))
                .copied()
                .unwrap_or_default();
            let bottom = page_height - y - h;
            let id = refs.next();
            let mut annotation = pdf.annotation(id);
            annotation
                .subtype(AnnotationType::Link)
                .rect(Rect::new(*x, bottom, x + w, bottom + h))
                // Printed as shown (PDF/A asks each annotation to say so).
                .flags(AnnotationFlags::PRINT)
                // No border: a contents line looks like text, not like a form.
                .border(0.0, 0.0, 0.0, None)
                .contents(TextStr(super::capped(about)));
            destination(
                annotation.insert(Name(b"Dest")),
                target_id,
                *top,
                page_height,
            );
            if let Tag::Node(node) = tag {
                annotation.struct_parent((laid.pages.len() + out.tagged.len()) as i32);
                out.tagged.push(Annotation {
                    page: number,
                    id,
                    node,
                });
            }
            annotation.finish();
            annotations.push(id);
        }
        out.per_page.push(annotations);
    }
    out
}
