//! The pack's fonts and their real metrics: advance widths and pair kerning from the font
//! files that are embedded in the PDF and used by the editor, so that what is measured is
//! what is drawn.

use std::cell::{OnceCell, RefCell};

use rustc_hash::FxHashMap;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
pub const ITALIC: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Italic.ttf");
pub const BOLD_ITALIC: &[u8] = include_bytes!("../../assets/fonts/NotoSans-BoldItalic.ttf");

/// What a pack draws for a character none of its faces has (the text itself is kept
/// beside it, for copying and screen readers).
pub const REPLACEMENT: char = '\u{FFFD}';

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

/// The bytes of fallback `script` (one of [`FALLBACKS`], or after them the system's CJK
/// face, when there is one) and the face's index in its file.
pub fn fallback_face(script: u8, bold: bool) -> Option<(&'static [u8], u32)> {
    match FALLBACKS.get(usize::from(script)) {
        Some(f) => Some((if bold { f.bold } else { f.regular }, 0)),
        // The system's face has one weight here; bold text is drawn in it too.
        None if usize::from(script) == FALLBACKS.len() => {
            crate::system_fonts::cjk().map(|f| (&f.bytes[..], f.index))
        }
        None => None,
    }
}

/// How many fallbacks there are: the bundled ones and the system's CJK face.
const SCRIPTS: usize = FALLBACKS.len() + 1;

fn fallback_font(script: u8, bold: bool) -> Option<FontRef<'static>> {
    let (bytes, index) = fallback_face(script, bold)?;
    FontRef::from_index(bytes, index).ok()
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
    /// Found once: finding the table again for every character was 3 % of an export.
    charmap: Charmap<'static>,
    shaper: harfrust::ShaperData,
    units_per_em: f32,
    /// Advance widths in font units, filled as characters are met (ASCII's up front).
    widths: RefCell<FxHashMap<char, f32>>,
    ascii_widths: [f32; 128],
    /// The glyph of each ASCII character (0: none).
    ascii: [u16; 128],
    /// Kerning between two characters in font units, filled as pairs are met: Latin-1
    /// pairs (most of any pack) in a table of rows by the first character, each row made
    /// when first needed and NaN until known; the rest in a map. A whole table up front
    /// was a quarter of a megabyte per face written for every `Fonts`, of which a pack
    /// uses a few rows.
    latin_kerns: RefCell<Vec<Vec<f32>>>,
    kerns: RefCell<FxHashMap<(char, char), f32>>,
    /// Shaping plans by direction and script. Compiling a plan is most of the cost of
    /// shaping two characters, and the plan depends only on these (the language is
    /// never set), so each is compiled once.
    plans: RefCell<Vec<(harfrust::Direction, harfrust::Script, harfrust::ShapePlan)>>,
    /// The glyph drawn for a character no face has (U+FFFD's) and its advance: glyph 0,
    /// the empty box, is what PDF/A forbids a pack to draw.
    replacement: u16,
    missing: f32,
}

/// Ligatures would change which glyphs are drawn, and the PDF draws characters one to one;
/// only the spacing between them (kerning) is taken from the shaper.
const NO_LIGATURES: [&[u8; 4]; 4] = [b"liga", b"clig", b"dlig", b"calt"];

impl Face {
    fn advance(&self, c: char) -> f32 {
        if let Some(&w) = self.ascii_widths.get(c as usize) {
            return w;
        }
        if is_invisible(c) {
            return 0.0;
        }
        *self
            .widths
            .borrow_mut()
            .entry(c)
            .or_insert_with(|| self.measure(c))
    }

    fn measure(&self, c: char) -> f32 {
        if is_invisible(c) {
            return 0.0;
        }
        let glyphs = self
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        self.charmap
            .map(c)
            .and_then(|g| glyphs.advance_width(g))
            .unwrap_or(self.missing)
    }

    /// The adjustment the font's kerning makes between `a` and `b`, in font units.
    fn kern(&self, a: char, b: char) -> f32 {
        if (a as u32) < 256 && (b as u32) < 256 {
            let (row, column) = (a as usize, b as usize);
            if let Some(&known) = self.latin_kerns.borrow()[row].get(column)
                && !known.is_nan()
            {
                return known;
            }
            let k = self.shape_pair(a, b);
            let mut rows = self.latin_kerns.borrow_mut();
            if rows[row].is_empty() {
                rows[row] = vec![f32::NAN; 256];
            }
            rows[row][column] = k;
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
        // A missing character is drawn as the replacement character, not as what the
        // shaper would kern: no kerning against it.
        if self.charmap.map(a).is_none() || self.charmap.map(b).is_none() {
            return 0.0;
        }
        let shaper = self.shaper.shaper(&self.font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.add(a, 0);
        buffer.add(b, 1);
        buffer.guess_segment_properties();
        let features = NO_LIGATURES.map(|t| harfrust::Feature::new(harfrust::Tag::new(t), 0, ..));
        let (direction, script) = (buffer.direction(), buffer.script());
        let mut plans = self.plans.borrow_mut();
        let at = match plans
            .iter()
            .position(|(d, s, _)| (*d, *s) == (direction, script))
        {
            Some(at) => at,
            None => {
                let known = (script != harfrust::script::UNKNOWN).then_some(script);
                let plan = harfrust::ShapePlan::new(&shaper, direction, known, None, &features);
                plans.push((direction, script, plan));
                plans.len() - 1
            }
        };
        let options = harfrust::ShapeOptions::new()
            .plan(Some(&plans[at].2))
            .features(&features);
        let shaped = shaper.shape(buffer, options);
        let positions = shaped.glyph_positions();
        // Anything but two glyphs in order (a ligature, a reordering script) is left alone.
        if positions.len() != 2 || shaped.glyph_infos()[0].cluster != 0 {
            return 0.0;
        }
        positions[0].x_advance as f32 - self.advance(a)
    }
}

/// A fallback face, made when first needed: most packs never need one.
struct Script {
    font: FontRef<'static>,
    shaper: harfrust::ShaperData,
    units_per_em: f32,
    /// Which character each glyph stands for, for the PDF's ToUnicode map.
    chars: FxHashMap<u32, char>,
    /// Shaped runs, in font units: names come back on every page of a contents.
    shaped: RefCell<FxHashMap<String, Vec<Glyph>>>,
}

/// One shaped glyph, in font units, in visual (drawing) order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub advance: f32,
    pub x_offset: f32,
    /// How far above the baseline (a Thai tone mark over a vowel sign).
    pub y_offset: f32,
    /// The byte offset in the run of the characters it draws (its cluster).
    pub cluster: u32,
}

/// Which face draws a run: the family's own, or one of [`FALLBACKS`] (regular or bold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaceKey {
    Own(Style),
    Fallback { script: u8, bold: bool },
}

/// A piece of a line drawn in one face, in one direction.
#[derive(Debug, Clone, PartialEq)]
pub struct Run<'t> {
    pub face: FaceKey,
    pub text: &'t str,
    pub rtl: bool,
}

/// Metrics of the four faces.
pub struct Fonts {
    faces: [Face; 4],
    /// The fallbacks' faces, regular and bold of each, made on first use.
    scripts: [[OnceCell<Script>; 2]; SCRIPTS],
    /// Which fallback draws a character the family lacks (`None`: none does).
    fallback_of: RefCell<FxHashMap<char, Option<u8>>>,
    /// Each fallback's character map (its regular face's), found when first asked for.
    fallback_maps: [OnceCell<Option<Charmap<'static>>>; SCRIPTS],
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
            let charmap = font.charmap();
            // A character no face has is drawn as the replacement character, at its width.
            let replacement = charmap.map(REPLACEMENT).unwrap_or(skrifa::GlyphId::NOTDEF);
            let missing = font
                .glyph_metrics(Size::unscaled(), LocationRef::default())
                .advance_width(replacement)
                .unwrap_or(f32::from(metrics.units_per_em));
            let replacement = u16::try_from(replacement.to_u32()).unwrap_or(0);
            let ascii = std::array::from_fn(|c| {
                charmap
                    .map(c as u32)
                    .map_or(0, |g| u16::try_from(g.to_u32()).unwrap_or(0))
            });
            let mut face = Face {
                ascii,
                ascii_widths: [0.0; 128],
                charmap,
                shaper: harfrust::ShaperData::new(&font),
                font,
                units_per_em: f32::from(metrics.units_per_em),
                widths: RefCell::new(FxHashMap::default()),
                latin_kerns: RefCell::new(vec![Vec::new(); 256]),
                kerns: RefCell::new(FxHashMap::default()),
                plans: RefCell::new(Vec::new()),
                replacement,
                missing,
            };
            face.ascii_widths = std::array::from_fn(|c| face.measure(char::from(c as u8)));
            face
        });
        let m = faces[0]
            .font
            .metrics(Size::unscaled(), LocationRef::default());
        let upem = faces[0].units_per_em;
        Self {
            ascent: m.ascent / upem,
            descent: -m.descent / upem,
            faces,
            scripts: Default::default(),
            fallback_of: RefCell::default(),
            fallback_maps: Default::default(),
        }
    }

    fn script(&self, script: u8, bold: bool) -> &Script {
        self.scripts[usize::from(script)][usize::from(bold)].get_or_init(|| {
            // Only a face that `fallback` found (so one that parses) is ever asked for.
            let font = fallback_font(script, bold)
                .or_else(|| fallback_font(0, false))
                .expect("the bundled fonts parse");
            let metrics = font.metrics(Size::unscaled(), LocationRef::default());
            let mut chars = FxHashMap::default();
            for (c, g) in font.charmap().mappings() {
                if let Some(c) = char::from_u32(c) {
                    chars.entry(g.to_u32()).or_insert(c);
                }
            }
            Script {
                shaper: harfrust::ShaperData::new(&font),
                font,
                units_per_em: f32::from(metrics.units_per_em),
                chars,
                shaped: RefCell::default(),
            }
        })
    }

    /// The fallback that has `c`, if the family itself lacks it.
    fn fallback(&self, c: char) -> Option<u8> {
        *self
            .fallback_of
            .borrow_mut()
            .entry(c)
            .or_insert_with(|| (0..SCRIPTS as u8).find(|&script| self.fallback_has(script, c)))
    }

    fn fallback_has(&self, script: u8, c: char) -> bool {
        self.fallback_maps[usize::from(script)]
            .get_or_init(|| fallback_font(script, false).map(|f| f.charmap()))
            .as_ref()
            .is_some_and(|m| m.map(c).is_some())
    }

    fn covers(&self, face: FaceKey, c: char) -> bool {
        match face {
            FaceKey::Own(style) => self.has_glyph(style, c),
            FaceKey::Fallback { script, .. } => self.fallback_has(script, c),
        }
    }

    /// `text` cut where the face that draws it changes, in logical order. Spaces,
    /// punctuation and digits stay in the run they are in when its face has them, so an
    /// Arabic name is shaped whole.
    pub fn runs<'t>(&self, style: Style, text: &'t str) -> Vec<(FaceKey, &'t str)> {
        let bold = matches!(style, Style::Bold | Style::BoldItalic);
        let own = FaceKey::Own(style);
        let mut out: Vec<(FaceKey, &'t str)> = Vec::new();
        let (mut start, mut current) = (0, own);
        for (i, c) in text.char_indices() {
            let face = if c.is_ascii() || is_invisible(c) {
                if c.is_ascii_alphabetic() {
                    own
                } else {
                    current
                }
            } else if !c.is_alphanumeric() && self.covers(current, c) {
                current
            } else if self.has_glyph(style, c) {
                own
            } else {
                match self.fallback(c) {
                    Some(script) => FaceKey::Fallback { script, bold },
                    None => own,
                }
            };
            let face = if self.covers(face, c) || face == own {
                face
            } else {
                own
            };
            if face != current && i > start {
                out.push((current, &text[start..i]));
                start = i;
            }
            current = face;
        }
        if start < text.len() {
            out.push((current, &text[start..]));
        }
        out
    }

    /// `text`'s runs in drawing order: mixed-direction text reordered by the Unicode bidi
    /// algorithm (one line, its direction from its first strong character).
    pub fn visual_runs<'t>(&self, style: Style, text: &'t str) -> Vec<Run<'t>> {
        let logical = |text: &'t str, rtl: bool| {
            let mut runs: Vec<Run<'t>> = self
                .runs(style, text)
                .into_iter()
                .map(|(face, text)| Run { face, text, rtl })
                .collect();
            if rtl {
                runs.reverse();
            }
            runs
        };
        if !text.chars().any(is_rtl) {
            return logical(text, false);
        }
        // Packs are written left to right (English, French): a line that begins with an
        // Arabic name still runs from the left, whatever its first letter.
        let bidi = unicode_bidi::BidiInfo::new(text, Some(unicode_bidi::Level::ltr()));
        // Every paragraph: a paragraph separator (U+2029) inside a field must not end it.
        let mut out = Vec::new();
        for para in &bidi.paragraphs {
            let (levels, visual) = bidi.visual_runs(para, para.range.clone());
            for range in visual {
                let rtl = levels[range.start].is_rtl();
                out.extend(logical(&text[range], rtl));
            }
        }
        out
    }

    /// A fallback run shaped: its glyphs in drawing order, in font units.
    pub fn shape(&self, face: FaceKey, text: &str, rtl: bool) -> Vec<Glyph> {
        let FaceKey::Fallback { script, bold } = face else {
            return Vec::new();
        };
        let s = self.script(script, bold);
        let key = if rtl {
            format!("\u{1}{text}")
        } else {
            text.to_owned()
        };
        if let Some(glyphs) = s.shaped.borrow().get(&key) {
            return glyphs.clone();
        }
        let shaper = s.shaper.shaper(&s.font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(&shaped_text(text));
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            harfrust::Direction::RightToLeft
        } else {
            harfrust::Direction::LeftToRight
        });
        let shaped = shaper.shape(buffer, harfrust::ShapeOptions::new());
        let glyphs: Vec<Glyph> = shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, pos)| Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance as f32,
                x_offset: pos.x_offset as f32,
                y_offset: pos.y_offset as f32,
                cluster: info.cluster,
            })
            .collect();
        s.shaped.borrow_mut().insert(key, glyphs.clone());
        glyphs
    }

    /// A fallback face's units per em, its advance of glyph `id` as embedded (the PDF
    /// draws each glyph at that width, then moves by the difference), and the character
    /// the glyph stands for.
    pub fn glyph_info(&self, face: FaceKey, id: u16) -> (f32, f32, Option<char>) {
        let FaceKey::Fallback { script, bold } = face else {
            return (1000.0, 0.0, None);
        };
        let s = self.script(script, bold);
        let advance = s
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default())
            .advance_width(skrifa::GlyphId::new(u32::from(id)))
            .unwrap_or(0.0);
        (
            s.units_per_em,
            advance,
            s.chars.get(&u32::from(id)).copied(),
        )
    }

    /// The width of a run in points at `size`.
    pub fn run_width(&self, face: FaceKey, size: f32, text: &str, rtl: bool) -> f32 {
        match face {
            FaceKey::Own(style) => self.own_width(style, size, text),
            FaceKey::Fallback { script, bold } => {
                let upem = self.script(script, bold).units_per_em;
                let units: f32 = self.shape(face, text, rtl).iter().map(|g| g.advance).sum();
                units / upem * size
            }
        }
    }

    /// The width of `text` in points at `size`, kerned, each script in its face.
    pub fn width(&self, style: Style, size: f32, text: &str) -> f32 {
        if text.is_ascii() {
            return self.own_width(style, size, text);
        }
        self.visual_runs(style, text)
            .iter()
            .map(|r| self.run_width(r.face, size, r.text, r.rtl))
            .sum()
    }

    fn own_width(&self, style: Style, size: f32, text: &str) -> f32 {
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
        // Cut between graphemes only: a Thai vowel sign or an accent stays on its letter.
        for (i, grapheme) in unicode_segmentation::UnicodeSegmentation::grapheme_indices(text, true)
        {
            let mut advance = 0.0;
            let mut kern = 0.0;
            for (k, c) in grapheme.chars().enumerate() {
                // A character of another script counts at its shaped width alone: a word
                // too long for its line is rare, and cut where it is, it is shaped again.
                advance += if c.is_ascii() || self.has_glyph(style, c) {
                    face.advance(c)
                } else {
                    let mut buf = [0; 4];
                    self.width(style, face.units_per_em, c.encode_utf8(&mut buf))
                };
                if k == 0 {
                    kern = previous.map_or(0.0, |p| face.kern(p, c));
                }
                previous = Some(c);
            }
            if i > start && (units + kern + advance) * scale > width {
                out.push((&text[start..i], units * scale));
                start = i;
                units = advance;
            } else {
                units += kern + advance;
            }
        }
        if start < text.len() || out.is_empty() {
            out.push((&text[start..], units * scale));
        }
        // A piece in another script is drawn shaped, a little wider or narrower than its
        // characters alone: it is placed at the width it is drawn at.
        for (piece, w) in &mut out {
            if !piece
                .chars()
                .all(|c| c.is_ascii() || self.has_glyph(style, c))
            {
                *w = self.width(style, size, piece);
            }
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

    /// The glyph that draws `c` in the family's `style` (0, the empty box, if none does).
    pub fn glyph_id(&self, style: Style, c: char) -> u16 {
        let face = &self.faces[style.index()];
        match face.ascii.get(c as usize) {
            Some(&g) => g,
            None => face
                .charmap
                .map(c)
                .map_or(0, |g| u16::try_from(g.to_u32()).unwrap_or(0)),
        }
    }

    /// The glyph drawn in `style` for a character no face has: the replacement character
    /// (U+FFFD), the text it stands for carried beside it.
    pub fn replacement_glyph(&self, style: Style) -> u16 {
        self.faces[style.index()].replacement
    }

    /// Whether the family can draw `c` (else the replacement character is drawn).
    pub fn has_glyph(&self, style: Style, c: char) -> bool {
        let face = &self.faces[style.index()];
        match face.ascii.get(c as usize) {
            Some(&g) => g != 0,
            None => face.charmap.map(c).is_some(),
        }
    }
}

/// Characters with no visible form of their own: controls (a bell, an escape), direction
/// and joining controls, zero-width spaces, the byte-order mark. Packs neither draw them
/// (a glyph-less character prints as the font's empty box, which PDF/A forbids) nor give
/// them width; the editor shows them escaped where it matters (names in messages).
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
        || is_modifier(c)
}

/// Characters that choose how the one before them looks (variation selectors, Mongolian
/// free variation selectors, the tag characters of a subdivision's flag, musical
/// formatting): without a face that knows them they are nothing, not a box.
fn is_modifier(c: char) -> bool {
    matches!(c, '\u{180B}'..='\u{180F}' | '\u{FE00}'..='\u{FE0F}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Han, kana, Hangul and their punctuation: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

/// The language a run of text in another script is in, where its script says (a BCP 47
/// tag), so that a screen reader reads a name in its own voice: Arabic script as Arabic,
/// or Persian or Urdu by the letters only they use; Hebrew, Amharic for Ethiopic, Hindi
/// for Devanagari, Thai, Korean for Hangul, Japanese for kana. Chinese characters alone
/// could be Chinese or Japanese, and Latin, Greek and Cyrillic text is taken to be in
/// the pack's language: for these, `None`.
pub fn script_language(text: &str) -> Option<&'static str> {
    let mut writing = None;
    let (mut persian, mut urdu, mut kana, mut hangul) = (false, false, false, false);
    // A letter of Arabic script beyond Arabic's, Persian's and Urdu's (Pashto's, Kurdish's,
    // Sindhi's, Uyghur's…): the language is not known.
    let mut other_arabic = false;
    for c in text.chars() {
        let Some(w) = writing_of(c) else {
            if c.is_alphabetic() {
                return None;
            }
            continue;
        };
        if writing.is_some_and(|known| known != w) {
            return None;
        }
        writing = Some(w);
        match c {
            '\u{0679}' | '\u{0688}' | '\u{0691}' | '\u{06BA}' | '\u{06BE}' | '\u{06C1}'
            | '\u{06D2}' => urdu = true,
            '\u{067E}' | '\u{0686}' | '\u{0698}' | '\u{06A9}' | '\u{06AF}' | '\u{06CC}' => {
                persian = true
            }
            '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' => {
                kana = true
            }
            '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}' => {
                hangul = true
            }
            '\u{0620}'..='\u{066D}' | '\u{0670}' | '\u{0671}' | '\u{06C0}' | '\u{06C3}' => {}
            '\u{0672}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
                if c.is_alphabetic() =>
            {
                other_arabic = true;
            }
            _ => {}
        }
    }
    Some(match writing? {
        Writing::Arabic if other_arabic => return None,
        // Urdu and Persian letters mark the whole name, whatever letters precede them.
        Writing::Arabic if urdu => "ur",
        Writing::Arabic if persian => "fa",
        Writing::Arabic => "ar",
        Writing::Hebrew => "he",
        Writing::Ethiopic => "am",
        Writing::Devanagari => "hi",
        Writing::Thai => "th",
        // Kana, with Chinese characters or not, is Japanese; Hangul (with Hanja or not)
        // Korean; Chinese characters alone could be Chinese or Japanese.
        Writing::Cjk => match (kana, hangul) {
            (true, false) => "ja",
            (false, true) => "ko",
            _ => return None,
        },
    })
}

/// The scripts [`script_language`] knows languages of, as a pack's faces draw them
/// (Chinese characters, kana and Hangul in one face).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Writing {
    Arabic,
    Hebrew,
    Ethiopic,
    Devanagari,
    Thai,
    Cjk,
}

/// The script of `c`, with its marks, digits and punctuation (a Thai tone mark is no
/// letter, but is part of its name).
fn writing_of(c: char) -> Option<Writing> {
    Some(match c {
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFE}' => Writing::Arabic,
        '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}' => Writing::Hebrew,
        '\u{1200}'..='\u{139F}' | '\u{2D80}'..='\u{2DDF}' | '\u{AB00}'..='\u{AB2F}' => {
            Writing::Ethiopic
        }
        '\u{0900}'..='\u{097F}' | '\u{A8E0}'..='\u{A8FF}' => Writing::Devanagari,
        '\u{0E00}'..='\u{0E7F}' => Writing::Thai,
        '\u{1100}'..='\u{11FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{FF66}'..='\u{FF9F}' => Writing::Cjk,
        c if is_cjk(c) && c.is_alphabetic() => Writing::Cjk,
        _ => return None,
    })
}

/// The script a language (a BCP 47 tag's primary subtag) is written in, of those above.
fn writing_of_language(lang: &str) -> Option<Writing> {
    Some(match primary(lang).as_str() {
        "ar" | "fa" | "ur" | "ps" | "sd" | "ug" => Writing::Arabic,
        "he" | "yi" => Writing::Hebrew,
        "am" | "ti" => Writing::Ethiopic,
        "hi" | "mr" | "ne" | "sa" => Writing::Devanagari,
        "th" => Writing::Thai,
        "zh" | "ja" | "ko" => Writing::Cjk,
        _ => return None,
    })
}

/// The language to mark a run in another script with, in a pack in `pack_lang`: what its
/// script says (see [`script_language`]), unless the pack's own language is written in
/// that script (a Persian pack's Arabic-script text is the pack's Persian).
pub fn foreign_language(text: &str, pack_lang: &str) -> Option<&'static str> {
    let lang = script_language(text)?;
    let writing = writing_of_language(lang);
    // Chinese, Japanese and Korean share characters, not languages: Korean in a Japanese
    // pack is marked Korean.
    let same = if writing == Some(Writing::Cjk) {
        primary(pack_lang) == lang
    } else {
        writing == writing_of_language(pack_lang)
    };
    (!same).then_some(lang)
}

/// A BCP 47 tag's primary language subtag, in lower case.
fn primary(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// `text` cut into stretches in one of the scripts [`script_language`] knows (each with
/// its language, in a pack in `pack_lang`, where [`foreign_language`] gives one) and the
/// text between them (`None`): for the HTML pack, which marks them as the PDF does. A
/// stretch runs from a letter of its script to the last one, taking the spaces and
/// punctuation between them.
pub fn language_runs<'t>(text: &'t str, pack_lang: &str) -> Vec<(Option<&'static str>, &'t str)> {
    let mut out = Vec::new();
    let mut plain = 0;
    // The stretch being read: its script, where it starts, and where its last letter ends.
    let mut stretch: Option<(Writing, usize, usize)> = None;
    let flush = |out: &mut Vec<_>, plain: &mut usize, (_, start, end): (Writing, usize, usize)| {
        if start > *plain {
            out.push((None, &text[*plain..start]));
        }
        out.push((
            foreign_language(&text[start..end], pack_lang),
            &text[start..end],
        ));
        *plain = end;
    };
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        match (writing_of(c), stretch) {
            (Some(w), Some((sw, start, _))) if w == sw => stretch = Some((w, start, end)),
            (Some(w), open) => {
                if let Some(open) = open {
                    flush(&mut out, &mut plain, open);
                }
                stretch = Some((w, i, end));
            }
            // A letter of another script ends the stretch; a space or a mark may not.
            (None, Some(open)) if c.is_alphabetic() => {
                flush(&mut out, &mut plain, open);
                stretch = None;
            }
            (None, _) => {}
        }
    }
    if let Some(open) = stretch {
        flush(&mut out, &mut plain, open);
    }
    if plain < text.len() {
        out.push((None, &text[plain..]));
    }
    out
}

/// Whether `c` is written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko…).
pub fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

/// `text` as a shaper is given it: without invisible characters but the zero-width
/// joiner and non-joiner, which choose between joined and separate forms (a Persian name,
/// a Devanagari half form) and which the shaper hides itself.
pub fn shaped_text(text: &str) -> std::borrow::Cow<'_, str> {
    let dropped = |c: char| is_invisible(c) && !matches!(c, '\u{200C}' | '\u{200D}');
    if text.chars().any(dropped) {
        text.chars()
            .filter(|c| !dropped(*c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
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
        // A character no face has (not even the system's CJK face, which has 龍 where
        // it is installed) is drawn as the replacement character, never glyph 0: measured
        // as that glyph, a line of them fits its column.
        assert!(!f.has_glyph(Style::Regular, '龍'));
        for style in Style::ALL {
            let g = f.replacement_glyph(style);
            assert_ne!(g, 0, "{style:?}");
            assert_eq!(g, f.glyph_id(style, REPLACEMENT));
        }
        let one = f.width(Style::Regular, 10.0, &REPLACEMENT.to_string());
        assert!(one > 1.0, "{one}");
        assert_eq!(
            f.width(Style::Regular, 10.0, "\u{10FFFD}\u{10FFFD}"),
            2.0 * one
        );
    }

    #[test]
    fn a_run_in_another_script_knows_its_language_only_where_the_script_says() {
        for (text, lang) in [
            ("محمد بن راشد", Some("ar")),
            ("عباس عراقچی", Some("fa")),
            ("پرویز مشرف", Some("fa")),
            ("شہباز شریف", Some("ur")),
            ("אברהם לוי", Some("he")),
            ("አበበ ቢቂላ", Some("am")),
            ("किशोर कुमार", Some("hi")),
            ("ประยุทธ์ จันทร์โอชา", Some("th")),
            ("김민준", Some("ko")),
            ("やまだ たろう", Some("ja")),
            ("山田 はなこ", Some("ja")),
            ("한국어(韓國語)", Some("ko")),
            // Arabic script beyond Arabic, Persian and Urdu: Pashto, Kurdish, Sindhi,
            // Uyghur are not told apart.
            ("پښتو", None),
            ("سۆرانی", None),
            ("سنڌي", None),
            ("ئۇيغۇرچە", None),
            // Chinese characters alone: Chinese or Japanese, not known.
            ("王小明", None),
            ("東京", None),
            ("Kenya", None),
            ("Ελλάδα", None),
            ("محمد Smith", None),
            ("김민준 אברהם", None),
            ("", None),
            ("12 — 3", None),
        ] {
            assert_eq!(script_language(text), lang, "{text}");
        }
        // Not in a pack whose own language is written so.
        assert_eq!(foreign_language("محمد", "en"), Some("ar"));
        assert_eq!(foreign_language("محمد", "fa-IR"), None);
        assert_eq!(foreign_language("김민준", "ko-KR"), None);
        assert_eq!(foreign_language("김민준", "ja"), Some("ko"));
        assert_eq!(foreign_language("こんにちは", "ko"), Some("ja"));
        assert_eq!(foreign_language("אברהם", "fr"), Some("he"));
        // Stretches for the HTML: each name by its script, the text between as it is.
        let runs = language_runs("Dr. محمد بن راشد, אברהם לוי (王小明) and 김민준.", "en");
        assert_eq!(
            runs,
            [
                (None, "Dr. "),
                (Some("ar"), "محمد بن راشد"),
                (None, ", "),
                (Some("he"), "אברהם לוי"),
                (None, " ("),
                (None, "王小明"),
                (None, ") and "),
                (Some("ko"), "김민준"),
                (None, "."),
            ]
        );
        assert_eq!(
            runs.iter().map(|r| r.1).collect::<String>(),
            "Dr. محمد بن راشد, אברהם לוי (王小明) and 김민준."
        );
        assert_eq!(language_runs("Kenya", "en"), [(None, "Kenya")]);
        // A name's last mark is the name's (Thai's thanthakhat is no letter).
        assert_eq!(
            language_runs("ประยุทธ์ (PM)", "en"),
            [(Some("th"), "ประยุทธ์"), (None, " (PM)")]
        );
        assert_eq!(language_runs("", "en"), []);
    }

    #[test]
    fn other_scripts_are_shaped_in_their_faces_and_ordered_for_drawing() {
        let f = Fonts::new();
        let runs = f.visual_runs(Style::Regular, "Dr. אברהם לוי");
        let shown: Vec<(&str, bool)> = runs.iter().map(|r| (r.text, r.rtl)).collect();
        assert_eq!(shown, [("Dr. ", false), ("אברהם לוי", true)]);
        assert!(matches!(runs[1].face, FaceKey::Fallback { .. }));
        // Packs run left to right: Hebrew words on either side of a Latin one stay on
        // their sides, each read from the right.
        let runs = f.visual_runs(Style::Bold, "אברהם Smith לוי");
        let shown: Vec<&str> = runs
            .iter()
            .map(|r| r.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(shown, ["אברהם", "Smith", "לוי"]);
        assert!(matches!(runs[0].face, FaceKey::Fallback { bold: true, .. }));

        // Arabic joins: the shaped glyphs are not the letters' own (isolated) glyphs.
        let arabic = FaceKey::Fallback {
            script: 0,
            bold: false,
        };
        let glyphs = f.shape(arabic, "محمد", true);
        assert_eq!(glyphs.len(), 4);
        let isolated: Vec<u16> = "محمد"
            .chars()
            .map(|c| f.shape(arabic, &c.to_string(), true)[0].id)
            .collect();
        let mut drawn: Vec<u16> = glyphs.iter().map(|g| g.id).collect();
        drawn.reverse();
        assert_ne!(drawn, isolated, "joining forms");
        assert!(
            glyphs.windows(2).all(|w| w[0].cluster > w[1].cluster),
            "drawn from the left"
        );
        // Devanagari: "न्द्र" is one conjunct, fewer glyphs than characters.
        let deva = FaceKey::Fallback {
            script: 3,
            bold: false,
        };
        assert!(f.shape(deva, "न्द्र", false).len() < "न्द्र".chars().count());
        // Nothing after a paragraph separator is lost; a line beginning with an Arabic
        // name still runs from the left (packs are left to right).
        let runs = f.visual_runs(Style::Regular, "محمد\u{2029}Kerich");
        assert!(runs.iter().any(|r| r.text.contains("Kerich")), "{runs:?}");
        let runs = f.visual_runs(Style::Regular, "محمد بن سلمان zqx Crown Prince");
        assert!(runs.last().unwrap().text.contains("Prince"), "{runs:?}");
        // The zero-width non-joiner keeps a Persian name's letters apart, as written.
        assert_ne!(
            f.shape(arabic, "نیک\u{200C}نام", true)
                .iter()
                .map(|g| g.id)
                .collect::<Vec<_>>(),
            f.shape(arabic, "نیکنام", true)
                .iter()
                .map(|g| g.id)
                .collect::<Vec<_>>()
        );
        // Measured as drawn: the width is the shaped one.
        let w = f.width(Style::Regular, 10.0, "محمد");
        assert!(w > 5.0 && w < 40.0, "{w}");
        assert_eq!(w, f.run_width(arabic, 10.0, "محمد", true));
    }
}
