//! Members' photos as egui textures, made once per photo and kept in egui's memory (by
//! the photo's bytes, so that an edited photo is a new texture and undo finds the old).

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::model::Photo;

pub fn texture(ctx: &egui::Context, photo: &Photo) -> TextureHandle {
    use std::hash::{BuildHasher, BuildHasherDefault};
    let hash = BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(photo.jpeg());
    let id = egui::Id::unique(("member-photo", hash));
    if let Some(t) = ctx.data(|d| d.get_temp::<TextureHandle>(id)) {
        return t;
    }
    let size = [photo.width() as usize, photo.height() as usize];
    let image = ColorImage::from_rgba_unmultiplied(size, &photo.rgba());
    let t = ctx.load_texture(format!("photo-{id:?}"), image, TextureOptions::LINEAR);
    ctx.data_mut(|d| d.insert_temp(id, t.clone()));
    t
}
