//! Embedded fonts: each face a part draws with, subset to its glyphs (subsetter, Typst's
//! subsetter) and written as a composite font whose codes are the subset's glyph ids
//! (Identity-H), with the widths the layout measured with and a ToUnicode map, so that
//! every glyph extracts as the text it stands for (PDF/A level A, PDF/UA).

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

use super::Refs;
use super::content::FaceUse;
use crate::layout::{FaceKey, Page};

/// A face ready to be written: subset, measured and mapped.
pub struct Embedded {
    /// Its name in the part's resources ("F0").
    pub resource: String,
    /// "ABCDEF+NotoSans-Regular": the subset tag and the face's PostScript name.
    base_font: String,
    /// CFF outlines (a system CJK face) rather than TrueType.
    cff: bool,
    /// The subset font program, deflated, and its length before.
    program: Vec<u8>,
    program_length: usize,
    /// The advance of each glyph of the subset, in thousandths of an em.
    widths: Vec<f32>,
    /// The ToUnicode map, deflated.
    to_unicode: Vec<u8>,
    flags: FontFlags,
    bbox: Rect,
    italic_angle: f32,
    ascent: f32,
    descent: f32,
    cap_height: f32,
    stem_v: f32,
}

/// The bytes of a face and its index in its file.
fn source(key: FaceKey) -> Option<(&'static [u8], u32)> {
    match key {
        FaceKey::Own(style) => Some((style.bytes(), 0)),
        FaceKey::Fallback { script, bold } => crate::layout::fallback_face(script, bold),
    }
}

/// `face` subset to what was drawn with it. `None` only if the face cannot be read or
/// subset, which the choice of faces rules out (see `crate::system_fonts`).
pub fn embed(face: &FaceUse, tag: &str) -> Option<Embedded> {
    let (bytes, index) = source(face.key)?;
    let font = FontRef::from_index(bytes, index).ok()?;
    let subset = subsetter::subset(bytes, index, &face.glyphs).ok()?;
    let metrics = font.metrics(Size::unscaled(), LocationRef::default());
    let scale = 1000.0 / f32::from(metrics.units_per_em.max(1));
    let advances = font.glyph_metrics(Size::unscaled(), LocationRef::default());
    let widths = face
        .glyphs
        .remapped_gids()
        .map(|gid| {
            advances
                .advance_width(skrifa::GlyphId::new(u32::from(gid)))
                .unwrap_or(0.0)
                * scale
        })
        .collect();

    let mut cmap = UnicodeCmap::new(
        Name(b"Adobe-Identity-UCS"),
        SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"UCS"),
            supplement: 0,
        },
    );
    for (cid, text) in face.text.iter().enumerate() {
        if !text.is_empty() {
            cmap.pair_with_multiple(cid as u16, text.chars());
        }
    }
    let to_unicode = super::deflate(&cmap.finish().into_vec(), b' ');

    let postscript = font
        .localized_strings(skrifa::string::StringId::POSTSCRIPT_NAME)
        .english_or_first()
        .map(|s| s.to_string())
        .unwrap_or_default();
    // A PDF name of printable ASCII with no delimiters (PDF/A asks the font's name in
    // both dictionaries to agree; a crafted name must not break them).
    let postscript: String = postscript
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
        .take(63)
        .collect();
    let postscript = if postscript.is_empty() {
        "Font".to_owned()
    } else {
        postscript
    };
    let attributes = font.attributes();
    let italic =
        metrics.italic_angle != 0.0 || attributes.style != skrifa::attribute::Style::Normal;
    let mut flags = FontFlags::SYMBOLIC;
    flags.set(FontFlags::ITALIC, italic);
    flags.set(
        FontFlags::FIXED_PITCH,
        font.post().is_ok_and(|p| p.is_fixed_pitch() != 0),
    );
    let bbox = metrics
        .bounds
        .map_or(Rect::new(0.0, -300.0, 1000.0, 1000.0), |b| {
            Rect::new(
                b.x_min * scale,
                b.y_min * scale,
                b.x_max * scale,
                b.y_max * scale,
            )
        });
    let weight = attributes.weight.value();
    let (program, program_length) = super::deflate_counted(&subset, b' ');
    Some(Embedded {
        resource: face.resource.clone(),
        base_font: format!("{tag}+{postscript}"),
        cff: font.cff().is_ok(),
        program_length,
        program,
        widths,
        to_unicode,
        flags,
        bbox,
        italic_angle: metrics.italic_angle,
        ascent: metrics.ascent * scale,
        descent: metrics.descent * scale,
        cap_height: metrics.cap_height.unwrap_or(metrics.ascent) * scale,
        // No font says its stem width; this is the usual estimate from its weight.
        stem_v: 10.0 + 0.244 * (weight - 50.0),
    })
}

/// Writes `f` as a Type 0 font; returns the font's object.
pub fn write(pdf: &mut Pdf, refs: &mut Refs, f: &Embedded) -> Ref {
    let type0 = refs.next();
    let cid = refs.next();
    let descriptor = refs.next();
    let cmap = refs.next();
    let program = refs.next();
    let name = Name(f.base_font.as_bytes());

    pdf.type0_font(type0)
        .base_font(name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);

    let mut cid_font = pdf.cid_font(cid);
    cid_font
        .subtype(if f.cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(name)
        .system_info(SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        })
        .font_descriptor(descriptor)
        .default_width(0.0);
    if !f.cff {
        cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    cid_font.widths().consecutive(0, f.widths.iter().copied());
    cid_font.finish();

    let mut d = pdf.font_descriptor(descriptor);
    d.name(name)
        .flags(FontFlags::from_bits_truncate(f.flags.bits()))
        .bbox(f.bbox)
        .italic_angle(f.italic_angle)
        .ascent(f.ascent)
        .descent(f.descent)
        .cap_height(f.cap_height)
        .stem_v(f.stem_v);
    if f.cff {
        d.font_file3(program);
    } else {
        d.font_file2(program);
    }
    d.finish();

    pdf.cmap(cmap, &f.to_unicode).filter(Filter::FlateDecode);
    let mut stream = pdf.stream(program, &f.program);
    stream.filter(Filter::FlateDecode);
    if f.cff {
        // The subset is an OpenType font holding CID-keyed CFF outlines.
        stream.pair(Name(b"Subtype"), Name(b"OpenType"));
    } else {
        stream.pair(Name(b"Length1"), f.program_length as i32);
    }
    stream.finish();
    type0
}

/// A digest of what a part prints, from which its fonts' subset tags are drawn.
pub fn seed(pages: &[Page]) -> u128 {
    let mut digest = super::Fnv128::default();
    digest.pages(pages);
    u128::from_be_bytes(digest.digest())
}

/// The six-letter subset tag of a part's `n`th face. Subsets with different glyphs must
/// not share a name, or a viewer or printer that caches fonts by name draws the wrong
/// glyphs: so the tag comes from what the part prints.
pub fn tag(seed: u128, n: usize) -> String {
    let mut digest = super::Fnv128(seed);
    digest.write(&(n as u64).to_le_bytes());
    let mut x = u128::from_be_bytes(digest.digest());
    (0..6)
        .map(|_| {
            let letter = b'A' + (x % 26) as u8;
            x /= 26;
            letter as char
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Item;

    #[test]
    fn faces_of_a_part_get_distinct_tags_and_the_same_ones_every_time() {
        let pages = [Page {
            items: vec![Item::Text {
                x: 0.0,
                y: 0.0,
                style: crate::layout::Style::Regular,
                size: 10.0,
                colour: crate::layout::Colour::BLACK,
                text: "Sing’oei".into(),
            }],
            marks: Vec::new(),
        }];
        let tags: Vec<String> = (0..12).map(|n| tag(seed(&pages), n)).collect();
        let mut distinct = tags.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), tags.len(), "{tags:?}");
        assert!(
            tags.iter()
                .all(|t| t.len() == 6 && t.bytes().all(|b| b.is_ascii_uppercase()))
        );
        assert_eq!(
            tags,
            (0..12).map(|n| tag(seed(&pages), n)).collect::<Vec<_>>()
        );
    }
}
