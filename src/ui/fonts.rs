//! The bundled font (Noto Sans: Latin Extended, Greek, Cyrillic, typographic punctuation),
//! the same files the PDF export embeds.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::layout::{BOLD, BOLD_ITALIC, ITALIC, REGULAR};

/// Named families for emphasis in rich text.
pub fn bold() -> FontFamily {
    FontFamily::Name("bold".into())
}

pub fn italic() -> FontFamily {
    FontFamily::Name("italic".into())
}

pub fn bold_italic() -> FontFamily {
    FontFamily::Name("bold-italic".into())
}

pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    for (name, bytes) in [
        ("noto", REGULAR),
        ("noto-bold", BOLD),
        ("noto-italic", ITALIC),
        ("noto-bold-italic", BOLD_ITALIC),
    ] {
        fonts
            .font_data
            .insert(name.into(), Arc::new(FontData::from_static(bytes)));
    }
    // Noto first; egui's own fonts stay behind it for symbols Noto lacks (arrows, emoji).
    let fallback = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    fonts
        .families
        .get_mut(&FontFamily::Proportional)
        .expect("egui defines a proportional family")
        .insert(0, "noto".into());
    for (family, font) in [
        (bold(), "noto-bold"),
        (italic(), "noto-italic"),
        (bold_italic(), "noto-bold-italic"),
    ] {
        let mut list = vec![font.to_owned()];
        list.extend(fallback.iter().cloned());
        fonts.families.insert(family, list);
    }
    ctx.set_fonts(fonts);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_symbols_have_glyphs() {
        let ctx = egui::Context::default();
        install(&ctx);
        ctx.run_ui(Default::default(), |_| {})
            .textures_delta
            .clear();
        let font = egui::FontId::proportional(14.0);
        ctx.fonts_mut(|f| {
            for c in "Sing’oei Ωμέγα Жуков Đặng ☰ ⚠ ⏶ ⏷ × ⛔".chars() {
                assert!(f.has_glyph(&font, c), "no glyph for {c:?}");
            }
        });
    }
}
