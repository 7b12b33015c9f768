//! The pack's fonts and their real metrics: advance widths and pair kerning from the font
//! files that are embedded in the PDF and used by the editor, so that what is measured is
//! what is drawn.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
pub const ITALIC: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Italic.ttf");
pub const BOLD_ITALIC: &[u8] = include_bytes!("../../assets/fonts/NotoSans-BoldItalic.ttf");

/// A face for a script Noto Sans lacks, tried after it for the characters it has.
pub struct Fallback {
    pub name: &'static str,
    pub regular: &'static [u8],
    pub bold: &'static [u8],
}

macro_rules! fallback {
    ($name:literal, $file:literal) => {
        Fallback {
            name: $name,
            regular: include_bytes!(concat!("../../assets/fonts/", $file, "-Regular.ttf")),
            bold: include_bytes!(concat!("../../assets/fonts/", $file, "-Bold.ttf")),
        }
    };
}

/// The bundled fallbacks (each a few hundred KB, OFL): the scripts of names a protocol
/// office meets that Noto Sans does not cover. Chinese, Japanese and Korean faces are
/// tens of MB, so they are the system's (see `crate::system_fonts`).
pub const FALLBACKS: [Fallback; 5] = [
    fallback!("Noto Sans Arabic", "NotoSansArabic"),
    fallback!("Noto Sans Hebrew", "NotoSansHebrew"),
    fallback!("Noto Sans Ethiopic", "NotoSansEthiopic"),
    fallback!("Noto Sans Devanagari", "NotoSansDevanagari"),
    fallback!("Noto Sans Thai", "NotoSansThai"),
];

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
    shaper: harfrust::ShaperData,
    units_per_em: f32,
    /// Advance widths in font units, filled as characters are met.
    widths: RefCell<FxHashMap<char, f32>>,
    /// Kerning between two characters in font units, filled as pairs are met: Latin-1
    /// pairs (most of any pack) in a table, NaN until known; the rest in a map.
    latin_kerns: RefCell<Vec<f32>>,
    kerns: RefCell<FxHashMap<(char, char), f32>>,
    missing: f32,
}

/// Ligatures would change which glyphs are drawn, and the PDF draws characters one to one;
/// only the spacing between them (kerning) is taken from the shaper.
const NO_LIGATURES: [&[u8; 4]; 4] = [b"liga", b"clig", b"dlig", b"calt"];

impl Face {
    fn advance(&self, c: char) -> f32 {
        if is_invisible(c) {
            return 0.0;
        }
        *self.widths.borrow_mut().entry(c).or_insert_with(|| {
            let glyphs = self
                .font
                .glyph_metrics(Size::unscaled(), LocationRef::default());
            self.font
                .charmap()
                .map(c)
                .and_then(|g| glyphs.advance_width(g))
                .unwrap_or(self.missing)
        })
    }

    /// The adjustment the font's kerning makes between `a` and `b`, in font units.
    fn kern(&self, a: char, b: char) -> f32 {
        if (a as u32) < 256 && (b as u32) < 256 {
            let slot = (a as usize) << 8 | b as usize;
            let known = self.latin_kerns.borrow()[slot];
            if !known.is_nan() {
                return known;
            }
            let k = self.shape_pair(a, b);
            self.latin_kerns.borrow_mut()[slot] = k;
            return k;
        }
        if let Some(k) = self.kerns.borrow().get(&(a, b)) {
            return *k;
        }
        let k = self.shape_pair(a, b);
        self.kerns.borrow_mut().insert((a, b), k);
        k
    }

    fn shape_pair(&self, a: char, b: char) -> f32 {
        if a.is_whitespace() || b.is_whitespace() || a.is_control() || b.is_control() {
            return 0.0;
        }
        // Glyph 0 stands for a missing character at the PDF's default width, not at the
        // advance the shaper gives it: no kerning against it.
        let charmap = self.font.charmap();
        if charmap.map(a).is_none() || charmap.map(b).is_none() {
            return 0.0;
        }
        let shaper = self.shaper.shaper(&self.font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.add(a, 0);
        buffer.add(b, 1);
        buffer.guess_segment_properties();
        let features = NO_LIGATURES.map(|t| harfrust::Feature::new(harfrust::Tag::new(t), 0, ..));
        let shaped = shaper.shape(buffer, harfrust::ShapeOptions::new().features(&features));
        let positions = shaped.glyph_positions();
        // Anything but two glyphs in order (a ligature, a reordering script) is left alone.
        if positions.len() != 2 || shaped.glyph_infos()[0].cluster != 0 {
            return 0.0;
        }
        positions[0].x_advance as f32 - self.advance(a)
    }
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
            // printpdf draws a character the font lacks as glyph 0 and gives it no width
            // of its own in the PDF, so readers use the default width: one em. Measured so,
            // a line of such characters stays inside its column.
            let missing = f32::from(metrics.units_per_em);
            Face {
                shaper: harfrust::ShaperData::new(&font),
                font,
                units_per_em: f32::from(metrics.units_per_em),
                widths: RefCell::new(FxHashMap::default()),
                latin_kerns: RefCell::new(vec![f32::NAN; 256 * 256]),
                kerns: RefCell::new(FxHashMap::default()),
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

    /// The width of `text` in points at `size`, kerned.
    pub fn width(&self, style: Style, size: f32, text: &str) -> f32 {
        let face = &self.faces[style.index()];
        let mut units = 0.0;
        let mut previous = None;
        for c in text.chars() {
            units += face.advance(c);
            if let Some(p) = previous {
                units += face.kern(p, c);
            }
            previous = Some(c);
        }
        units / face.units_per_em * size
    }

    /// `text` cut into pieces at most `width` wide (each at least one character), with
    /// their widths: for a word longer than a line. One pass over the text.
    pub fn cut<'t>(
        &self,
        style: Style,
        size: f32,
        text: &'t str,
        width: f32,
    ) -> Vec<(&'t str, f32)> {
        let face = &self.faces[style.index()];
        let scale = size / face.units_per_em;
        let mut out = Vec::new();
        let (mut start, mut units) = (0, 0.0);
        let mut previous: Option<char> = None;
        for (i, c) in text.char_indices() {
            let advance = face.advance(c);
            let kern = previous.map_or(0.0, |p| face.kern(p, c));
            if i > start && (units + kern + advance) * scale > width {
                out.push((&text[start..i], units * scale));
                start = i;
                units = advance;
            } else {
                units += kern + advance;
            }
            previous = Some(c);
        }
        if start < text.len() || out.is_empty() {
            out.push((&text[start..], units * scale));
        }
        out
    }

    /// Where kerning moves the characters of `text`: (byte offset of the character that
    /// moves, adjustment in thousandths of an em; negative brings it closer).
    pub fn kerning(&self, style: Style, text: &str) -> Vec<(usize, f32)> {
        let face = &self.faces[style.index()];
        let mut out = Vec::new();
        let mut previous = None;
        for (i, c) in text.char_indices() {
            if let Some(p) = previous {
                let k = face.kern(p, c);
                if k != 0.0 {
                    out.push((i, k * 1000.0 / face.units_per_em));
                }
            }
            previous = Some(c);
        }
        out
    }

    /// Whether the family can draw `c` (the PDF would show an empty box otherwise).
    pub fn has_glyph(&self, style: Style, c: char) -> bool {
        self.faces[style.index()].font.charmap().map(c).is_some()
    }
}

/// Characters with no visible form of their own: controls (a bell, an escape), direction
/// and joining controls, zero-width spaces, the byte-order mark. Packs neither draw them
/// (a glyph-less character prints as the font's empty box, which PDF/A forbids) nor give
/// them width; the editor shows them escaped where it matters (names in messages).
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

/// `text` without its invisible characters (borrowed when it has none).
pub fn drawn(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_invisible) {
        text.chars()
            .filter(|c| !is_invisible(*c))
            .collect::<String>()
            .into()
    } else {
        text.into()
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
        // Pair kerning from the font: "AV" and "To" close up, "ab" does not.
        let kerned = |s: &str| f.width(Style::Regular, 10.0, s);
        let apart = |a: &str, b: &str| kerned(a) + kerned(b);
        assert!(kerned("AV") < apart("A", "V") - 0.2, "AV is kerned");
        assert!(kerned("To") < apart("T", "o") - 0.2, "To is kerned");
        assert_eq!(kerned("ab"), apart("a", "b"));
        let k = f.kerning(Style::Regular, "WAVE");
        assert!(k.len() >= 2 && k.iter().all(|(_, v)| *v < 0.0), "{k:?}");
        assert_eq!(k[0].0, 1, "the A moves towards the W");
        // Ligatures are not formed: "fi" is two characters wide.
        assert!(kerned("fi") >= apart("f", "i") - 0.5);
        assert!(f.ascent > 0.9 && f.descent > 0.2);
        // A character the font lacks is drawn as glyph 0 at the PDF's default width, one
        // em (the fonts' /DW 1000): measured the same, a line of them fits its column.
        assert!(!f.has_glyph(Style::Regular, '龍'));
        assert_eq!(f.width(Style::Regular, 10.0, "龍龍"), 20.0);
    }
}
