//! The bundled font (Noto Sans: Latin Extended, Greek, Cyrillic, typographic punctuation),
//! the same files the PDF export embeds; behind it the bundled faces for Arabic, Hebrew,
//! Ethiopic, Devanagari and Thai, and the system's Chinese, Japanese and Korean face when
//! there is one, so that a delegate's name shows as they write it.
//!
//! egui shapes each font run (joining Arabic, Devanagari's conjuncts) but does not reorder
//! mixed-direction text; `bidi` puts what is shown in reading order.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::layout::{BOLD, BOLD_ITALIC, FALLBACKS, ITALIC, REGULAR};

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
    ctx.set_fonts(definitions(crate::system_fonts::cjk()));
}

fn definitions(cjk: Option<&crate::system_fonts::SystemFont>) -> FontDefinitions {
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
    // Behind each face, the other scripts' faces (bold behind bold), then egui's own for
    // symbols Noto lacks (arrows, emoji).
    let mut regular = Vec::new();
    let mut bold_scripts = Vec::new();
    for f in &FALLBACKS {
        for (name, bytes, list) in [
            (f.name.to_owned(), f.regular, &mut regular),
            (format!("{} Bold", f.name), f.bold, &mut bold_scripts),
        ] {
            fonts
                .font_data
                .insert(name.clone(), Arc::new(FontData::from_static(bytes)));
            list.push(name);
        }
    }
    if let Some(cjk) = cjk {
        let mut data = FontData::from_owned(cjk.bytes.to_vec());
        data.index = cjk.index;
        fonts.font_data.insert("system-cjk".into(), Arc::new(data));
        regular.push("system-cjk".into());
        bold_scripts.push("system-cjk".into());
    }
    let egui_own = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let family = |first: &str, scripts: &[String]| -> Vec<String> {
        let mut list = vec![first.to_owned()];
        list.extend(scripts.iter().cloned());
        list.extend(egui_own.iter().cloned());
        list
    };
    fonts
        .families
        .insert(FontFamily::Proportional, family("noto", &regular));
    for (name, font, scripts) in [
        (bold(), "noto-bold", &bold_scripts),
        (italic(), "noto-italic", &regular),
        (bold_italic(), "noto-bold-italic", &bold_scripts),
    ] {
        fonts.families.insert(name, family(font, scripts));
    }
    // Monospace (the raw-file view) keeps its own face first, then the scripts.
    if let Some(mono) = fonts.families.get_mut(&FontFamily::Monospace) {
        for (i, name) in regular.iter().enumerate() {
            mono.insert(1 + i, name.clone());
        }
    }
    fonts
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

    #[test]
    fn names_in_the_worlds_scripts_have_glyphs_in_every_style() {
        let ctx = egui::Context::default();
        ctx.set_fonts(definitions(None));
        ctx.run_ui(Default::default(), |_| {})
            .textures_delta
            .clear();
        let names = "محمد بن راشد אברהם לוי አበበ ቢቂላ नरेन्द्र मोदी ประยุทธ์ จันทร์โอชา";
        ctx.fonts_mut(|f| {
            for family in [FontFamily::Proportional, bold(), italic(), bold_italic()] {
                let font = egui::FontId::new(14.0, family.clone());
                for c in names.chars().filter(|c| !c.is_whitespace()) {
                    assert!(f.has_glyph(&font, c), "no glyph for {c:?} in {family:?}");
                }
                assert!(!f.has_glyph(&font, '中'), "no CJK face was given");
            }
        });
    }
}
