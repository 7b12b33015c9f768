//! The contents' links, as link annotations written on the page objects: each lands on its
//! heading rather than at the top of the page, and can point into any part of a pack that
//! was converted in parts.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::outline::destination;
use crate::layout::{Item, Laid};

pub fn add(doc: &mut Document, laid: &Laid, page_height: f32) {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for (page, id) in laid.pages.iter().zip(&pages) {
        let mut annotations = Vec::new();
        for item in &page.items {
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
            let Some(&target) = pages.get(*target) else {
                continue;
            };
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
                ("Dest", destination(target, *top, page_height)),
            ]);
            annotations.push(Object::Reference(doc.add_object(annotation)));
        }
        if !annotations.is_empty()
            && let Ok(Object::Dictionary(page)) = doc.get_object_mut(*id)
        {
            page.set("Annots", Object::Array(annotations));
        }
    }
}
