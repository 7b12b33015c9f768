//! Joins documents converted in parts into one: the first part keeps its catalog, page
//! tree and metadata; the others' objects are renumbered past it and their pages hung
//! under its page tree. Each part's pages keep pointing at that part's own fonts.

use lopdf::{Dictionary, Document, Object, ObjectId};

pub fn documents(parts: Vec<Document>) -> Document {
    let mut parts = parts.into_iter();
    let mut base = parts.next().expect("at least one part");
    let Some(tree) = pages_root(&base) else {
        return base;
    };
    let mut kids: Vec<ObjectId> = base.get_pages().into_values().collect();
    for mut part in parts {
        let offset = base.max_id;
        let page_ids: Vec<ObjectId> = part.get_pages().into_values().collect();
        // The part's own catalog, page tree root and information dictionary are not needed.
        let mut unused: Vec<ObjectId> = pages_root(&part).into_iter().collect();
        for key in [b"Root".as_slice(), b"Info"] {
            if let Ok(Object::Reference(id)) = part.trailer.get(key) {
                unused.push(*id);
            }
        }
        if let Ok(catalog) = part.catalog()
            && let Ok(Object::Reference(id)) = catalog.get(b"Metadata")
        {
            unused.push(*id);
        }
        for id in unused {
            part.objects.remove(&id);
        }
        for (id, mut object) in std::mem::take(&mut part.objects) {
            shift(&mut object, offset);
            base.objects.insert((id.0 + offset, id.1), object);
        }
        for id in page_ids {
            let id = (id.0 + offset, id.1);
            if let Ok(Object::Dictionary(page)) = base.get_object_mut(id) {
                page.set("Parent", Object::Reference(tree));
            }
            kids.push(id);
        }
        base.max_id = part.max_id + offset;
    }
    if let Ok(Object::Dictionary(root)) = base.get_object_mut(tree) {
        root.set("Count", Object::Integer(kids.len() as i64));
        root.set(
            "Kids",
            Object::Array(kids.into_iter().map(Object::Reference).collect()),
        );
    }
    base
}

fn pages_root(doc: &Document) -> Option<ObjectId> {
    match doc.catalog().ok()?.get(b"Pages").ok()? {
        Object::Reference(id) => Some(*id),
        _ => None,
    }
}

/// Moves every reference inside `object` by `offset`.
fn shift(object: &mut Object, offset: u32) {
    match object {
        Object::Reference(id) => id.0 += offset,
        Object::Array(items) => items.iter_mut().for_each(|o| shift(o, offset)),
        Object::Dictionary(dict) => shift_dict(dict, offset),
        Object::Stream(stream) => shift_dict(&mut stream.dict, offset),
        _ => {}
    }
}

fn shift_dict(dict: &mut Dictionary, offset: u32) {
    for (_, value) in dict.iter_mut() {
        shift(value, offset);
    }
}
