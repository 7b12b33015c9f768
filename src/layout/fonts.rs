//! The pack's fonts and their real metrics: advance widths from the font files that are
//! embedded in the PDF and used by the editor, so that what is measured is what is drawn.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
pub const ITALIC: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Italic.ttf");
pub const BOLD_ITALIC: &[u8] = include_bytes!("../../assets/fonts/NotoSans-BoldItalic.ttf");

/// One of the four faces of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub const ALL: [Style; 4] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
    ];

    pub fn from_flags(bold: bool, italic: bool) -> Self {
        match (bold, italic) {
            (false, false) => Style::Regular,
            (true, false) => Style::Bold,
            (false, true) => Style::Italic,
            (true, true) => Style::BoldItalic,
        }
    }

    pub fn bytes(self) -> &'static [u8] {
        match self {
            Style::Regular => REGULAR,
            Style::Bold => BOLD,
            Style::Italic => ITALIC,
            Style::BoldItalic => BOLD_ITALIC,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

struct Face {
    font: FontRef<'static>,
    units_per_em: f32,
    /// Advance widths in font units, filled as characters are met.
    widths: RefCell<FxHashMap<char, f32>>,
    missing: f32,
}

/// Metrics of the four faces.
pub struct Fonts {
    faces: [Face; 4],
    /// Ascent and descent of the regular face, in ems.
    pub ascent: f32,
    pub descent: f32,
}

impl Default for Fonts {
    fn default() -> Self {
        Self::new()
    }
}

impl Fonts {
    pub fn new() -> Self {
        let faces = Style::ALL.map(|style| {
            let font = FontRef::new(style.bytes()).expect("the bundled fonts parse");
            let metrics = font.metrics(Size::unscaled(), LocationRef::default());
            let glyphs = font.glyph_metrics(Size::unscaled(), LocationRef::default());
            let missing = glyphs
                .advance_width(skrifa::GlyphId::new(0))
                .unwrap_or(500.0);
            Face {
                font,
                units_per_em: f32::from(metrics.units_per_em),
                widths: RefCell::new(FxHashMap::default()),
                missing,
            }
        });
        let m = faces[0]
            .font
            .metrics(Size::unscaled(), LocationRef::default());
        let upem = faces[0].units_per_em;
        Self {
            ascent: m.ascent / upem,
            descent: -m.descent / upem,
            faces,
        }
    }

    /// The width of `text` in points at `size`.
    pub fn width(&self, style: Style, size: f32, text: &str) -> f32 {
        let face = &self.faces[style.index()];
        let mut widths = face.widths.borrow_mut();
        let mut units = 0.0;
        for c in text.chars() {
            units += *widths.entry(c).or_insert_with(|| {
                let glyphs = face
                    .font
                    .glyph_metrics(Size::unscaled(), LocationRef::default());
                face.font
                    .charmap()
                    .map(c)
                    .and_then(|g| glyphs.advance_width(g))
                    .unwrap_or(face.missing)
            });
        }
        units / face.units_per_em * size
    }

    /// Whether the family can draw `c` (the PDF would show an empty box otherwise).
    pub fn has_glyph(&self, style: Style, c: char) -> bool {
        self.faces[style.index()].font.charmap().map(c).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        let f = Fonts::new();
        let w = f.width(Style::Regular, 10.0, "Sing’oei");
        assert!(w > 30.0 && w < 50.0, "{w}");
        assert!(f.width(Style::Bold, 10.0, "Kenya") > f.width(Style::Regular, 10.0, "Kenya"));
        assert_eq!(
            f.width(Style::Regular, 20.0, "ab"),
            2.0 * f.width(Style::Regular, 10.0, "ab")
        );
        assert!(f.has_glyph(Style::Italic, 'Ж'));
        assert!(f.ascent > 0.9 && f.descent > 0.2);
    }
}
