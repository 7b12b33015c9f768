//! The contents' links, as link annotations written on the page objects: each lands on its
//! heading rather than at the top of the page, and can point into any part of a pack that
//! was converted in parts.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::outline::destination;
use super::tags::Annotation;
use crate::layout::{Item, Laid, Tag};

/// Adds the links; returns those that belong to a structure element (a contents entry's
/// `Link`), for the structure tree.
pub fn add(doc: &mut Document, laid: &Laid, page_height: f32) -> Vec<Annotation> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut tagged = Vec::new();
    for (number, (page, id)) in laid.pages.iter().zip(&pages).enumerate() {
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
            let about = laid
                .headings
                .iter()
                .find(|h| h.page == *target && h.y == *top)
                .map_or("", |h| h.title.as_str());
            let bottom = page_height - y - h;
            let annotation = Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Annot".to_vec())),
                ("Subtype", Object::Name(b"Link".to_vec())),
                // Printed as shown (PDF/A asks each annotation to say so).
                ("F", Object::Integer(4)),
                (
                    "Rect",
                    Object::Array(vec![
                        Object::Real(*x),
                        Object::Real(bottom),
                        Object::Real(x + w),
                        Object::Real(bottom + h),
                    ]),
                ),
                // No border: a contents line looks like text, not like a form.
                (
                    "Border",
                    Object::Array(vec![
                        Object::Integer(0),
                        Object::Integer(0),
                        Object::Integer(0),
                    ]),
                ),
                ("Dest", destination(target_id, *top, page_height)),
                ("Contents", super::outline::text_string(about)),
            ]);
            let annotation = doc.add_object(annotation);
            annotations.push(Object::Reference(annotation));
            if let Tag::Node(node) = tag {
                tagged.push(Annotation {
                    page: number,
                    id: annotation,
                    node,
                });
            }
        }
        if !annotations.is_empty()
            && let Ok(Object::Dictionary(page)) = doc.get_object_mut(*id)
        {
            page.set("Annots", Object::Array(annotations));
        }
    }
    tagged
}
