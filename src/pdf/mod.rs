//! Writes laid-out pages as PDF: fonts embedded and subset, text that extracts as written,
//! kerning, a nested outline, contents links, and metadata from the dossier. The same
//! dossier always gives the same bytes: nothing comes from the clock or from the process.
//!
//! printpdf turns pages into PDF objects (its lopdf document); the navigation (outline,
//! links), the document id and the compression are then done on those objects. A long
//! pack is converted in parts on several threads and the parts joined (see `join`).

use printpdf::{
    Color, FontId, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use rustc_hash::FxHashMap;

mod archive;
mod compress;
mod join;
mod links;
mod outline;
mod tags;

use crate::layout::{Colour, FaceKey, Fonts, Item, Laid, Style, Tag, Tree};
use crate::model::Dossier;

fn colour(c: Colour) -> Color {
    Color::Rgb(Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

fn mm(pt: f32) -> Mm {
    Mm(pt * 25.4 / 72.0)
}

/// A run as a TJ array: text pieces with the font's kerning between them. (TJ numbers are
/// thousandths of an em that move the next glyph left, hence the sign.)
fn kerned(fonts: &Fonts, style: Style, run: &str) -> Vec<TextItem> {
    let kerning = fonts.kerning(style, run);
    if kerning.is_empty() {
        return vec![TextItem::Text(run.to_owned())];
    }
    let mut items = Vec::with_capacity(kerning.len() * 2 + 1);
    let mut start = 0;
    for (at, k) in kerning {
        items.push(TextItem::Text(run[start..at].to_owned()));
        items.push(TextItem::Offset(-k));
        start = at;
    }
    items.push(TextItem::Text(run[start..].to_owned()));
    items
}

#[derive(Default)]
struct TextState {
    open: bool,
    font: Option<(FaceKey, f32)>,
    fill: Option<Colour>,
}

/// The PDF fonts of one part: the family's four, and the fallbacks the part uses.
struct PartFonts {
    own: [FontId; 4],
    fallbacks: Vec<(FaceKey, FontId)>,
}

impl PartFonts {
    fn id(&self, face: FaceKey) -> FontId {
        match face {
            FaceKey::Own(style) => self.own[font_index(style)].clone(),
            FaceKey::Fallback { .. } => self
                .fallbacks
                .iter()
                .find(|(k, _)| *k == face)
                .map_or_else(|| self.own[0].clone(), |(_, id)| id.clone()),
        }
    }
}

/// Glyphs drawn at one height above the baseline, in ems.
struct Raised {
    rise: f32,
    items: Vec<TextItem>,
}

/// A shaped run as glyph ids, each placed where the shaper put it: the PDF moves by a
/// glyph's own width, and a TJ number after it makes up the difference. Each glyph says
/// which text it stands for, for the ToUnicode map: its own character, or what of its
/// cluster's text no other glyph of the cluster stands for (a ligature, a contextual form).
/// Also whether the glyphs are drawn out of the text's order (a Devanagari vowel sign
/// before its consonant), which the text then has to be given for as a whole.
fn shaped(fonts: &Fonts, face: FaceKey, text: &str, rtl: bool) -> (Vec<Raised>, bool) {
    let glyphs = fonts.shape(face, text, rtl);
    let mut clusters: Vec<u32> = glyphs.iter().map(|g| g.cluster).collect();
    clusters.sort_unstable();
    clusters.dedup();
    let cluster_text = |c: u32| -> &str {
        let next = clusters
            .get(clusters.partition_point(|&n| n <= c))
            .map_or(text.len(), |&n| n as usize);
        text.get(c as usize..next).unwrap_or_default()
    };
    let info: Vec<(f32, f32, Option<char>)> = glyphs
        .iter()
        .map(|g| fonts.glyph_info(face, g.id))
        .collect();
    let own_char = |i: usize| {
        info[i]
            .2
            .filter(|c| cluster_text(glyphs[i].cluster).contains(*c))
    };
    // What each glyph stands for, cluster by cluster (in one pass: a crafted name may be
    // one cluster of tens of thousands of marks): its own character, else the cluster's
    // characters no glyph of it has, shared out in turn, the last taking what is left.
    let mut stands_for: Vec<String> = vec![String::new(); glyphs.len()];
    let mut by_cluster: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (i, g) in glyphs.iter().enumerate() {
        by_cluster.entry(g.cluster).or_default().push(i);
    }
    for (&cluster, members) in &by_cluster {
        let text = cluster_text(cluster);
        let mut rest: Vec<char> = text.chars().collect();
        let mut without = Vec::new();
        for &i in members {
            match own_char(i) {
                Some(c) => {
                    if let Some(at) = rest.iter().position(|r| *r == c) {
                        rest.remove(at);
                    }
                    stands_for[i] = c.to_string();
                }
                None => without.push(i),
            }
        }
        let first = text.chars().next().unwrap_or('\u{FFFD}');
        for (k, &i) in without.iter().enumerate() {
            stands_for[i] = if k + 1 == without.len() {
                // A ToUnicode entry holds a few characters, not a whole crafted run.
                rest.iter().skip(k).take(32).collect()
            } else {
                rest.get(k).map(char::to_string).unwrap_or_default()
            };
            if stands_for[i].is_empty() {
                stands_for[i] = first.to_string();
            }
        }
    }
    // Out of order, or two glyphs for one cluster (a vowel sign drawn before its
    // consonant, which the shaper merges into the consonant's cluster).
    let reordered = glyphs.windows(2).any(|w| {
        w[0].cluster == w[1].cluster
            || if rtl {
                w[1].cluster > w[0].cluster
            } else {
                w[1].cluster < w[0].cluster
            }
    });
    let mut out: Vec<Raised> = Vec::new();
    for (i, (g, stands_for)) in glyphs.iter().zip(stands_for).enumerate() {
        let (upem, width, _) = info[i];
        let em = 1000.0 / upem;
        // A glyph at another height (a mark over a mark) starts a piece raised by it;
        // the pen goes on across pieces, so the horizontal placing is unchanged.
        let rise = g.y_offset / upem;
        if out.last().is_none_or(|r| r.rise != rise) {
            out.push(Raised {
                rise,
                items: Vec::with_capacity(2),
            });
        }
        let piece = out.last_mut().expect("just pushed");
        if i == 0 && g.x_offset != 0.0 {
            piece.items.push(TextItem::Offset(-g.x_offset * em));
        }
        let next_offset = glyphs.get(i + 1).map_or(0.0, |n| n.x_offset);
        let adjust = g.advance + next_offset - g.x_offset - width;
        let code = printpdf::Codepoint {
            gid: g.id,
            offset: if i + 1 < glyphs.len() {
                -adjust * em
            } else {
                0.0
            },
            cid: Some(stands_for),
        };
        match piece.items.last_mut() {
            Some(TextItem::GlyphIds(codes)) => codes.push(code),
            _ => piece.items.push(TextItem::GlyphIds(vec![code])),
        }
    }
    (out, reordered)
}

/// A marked-content property list giving the text a run stands for, in reading order
/// (UTF-16BE with its byte-order mark, as PDF text strings are).
fn actual_text(text: &str) -> Op {
    let mut data = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        data.extend_from_slice(&unit.to_be_bytes());
    }
    Op::BeginMarkedContentWithProperties {
        tag: "Span".to_owned(),
        properties: printpdf::DictItem::Dict {
            map: [(
                "ActualText".to_owned(),
                printpdf::DictItem::String {
                    data,
                    literal: false,
                },
            )]
            .into(),
        },
    }
}

/// Lines, boxes and links, in PDF coordinates (`h` is the page height).
fn graphic(ops: &mut Vec<Op>, item: &Item, h: f32) {
    match item {
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            colour: c,
        } => {
            ops.push(Op::SetOutlineColor { col: colour(*c) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            ops.push(Op::DrawLine {
                line: printpdf::Line {
                    points: vec![
                        LinePoint {
                            p: Point {
                                x: Pt(*x1),
                                y: Pt(h - y1),
                            },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point {
                                x: Pt(*x2),
                                y: Pt(h - y2),
                            },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            });
        }
        Item::Rect {
            x,
            y,
            w,
            h: rh,
            fill,
        } => {
            ops.push(Op::SetFillColor { col: colour(*fill) });
            let mut rect = Rect::from_xywh(Pt(*x), Pt(h - y - rh), Pt(*w), Pt(*rh));
            rect.mode = Some(PaintMode::Fill);
            ops.push(Op::DrawRectangle { rectangle: rect });
        }
        // Links are annotations, added once the pages are objects (see `links`).
        Item::Link { .. } => {}
        Item::Text { .. } => {}
    }
}

/// The fonts' ids in one part of the pack. printpdf draws its own from a process-wide
/// counter (a second export in the same process would differ from the first), and takes
/// the subset tag ("ABCDEF+NotoSans-Regular") from their first six letters. Subsets with
/// different glyphs must not share a name, or a viewer or printer that caches fonts by
/// name draws the wrong glyphs: so the tag is a digest of what the part prints.
fn font_ids(pages: &[crate::layout::Page]) -> [FontId; 4] {
    let mut digest = Fnv128::default();
    digest.pages(pages);
    let seed = u128::from_be_bytes(digest.finish());
    std::array::from_fn(|style| {
        let mut n = seed.rotate_left(32 * style as u32);
        let tag: String = (0..6)
            .map(|_| {
                let letter = b'A' + (n % 26) as u8;
                n /= 26;
                letter as char
            })
            .collect();
        FontId(tag)
    })
}

/// Another six-letter subset tag, the `n`th drawn from the part's first.
fn subset_tag(first: &FontId, n: usize) -> String {
    let mut x: u64 = 0xcbf2_9ce4_8422_2325;
    for b in first.0.bytes().chain((n as u64).to_le_bytes()) {
        x = (x ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|_| {
            let letter = b'A' + (x % 26) as u8;
            x /= 26;
            letter as char
        })
        .collect()
}

fn font_index(style: Style) -> usize {
    Style::ALL.iter().position(|s| *s == style).unwrap_or(0)
}

/// The drawing operations of one page, each marked-content sequence (see `tags`) marked
/// with its structure element's type and MCID, or as an artifact.
fn page(
    page: &crate::layout::Page,
    tree: &Tree,
    metrics: &Fonts,
    ids: &PartFonts,
    (w, h): (f32, f32),
) -> PdfPage {
    let mut ops = Vec::with_capacity(page.items.len() * 2);
    let mut mcid = 0;
    let mut text = TextState::default();
    for (range, tag) in tags::sequences(page) {
        match tag {
            Tag::Artifact => ops.push(Op::BeginMarkedContent {
                tag: "Artifact".to_owned(),
            }),
            Tag::Node(n) => {
                let role = tree.nodes.get(n as usize).map_or("Span", |n| n.role.name());
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: role.to_owned(),
                    properties: printpdf::DictItem::Dict {
                        map: [("MCID".to_owned(), printpdf::DictItem::Int(mcid))].into(),
                    },
                });
                mcid += 1;
            }
        }
        // Text objects stay inside their sequence: a sequence opens and closes its own.
        // The font and the colour are graphics state, kept from one to the next.
        text.open = false;
        for item in &page.items[range] {
            match item {
                Item::Text {
                    x,
                    y,
                    style,
                    size,
                    colour: c,
                    text: run,
                } => {
                    // A sequence's runs share one text object, placed absolutely (Tm);
                    // font and colour are set only when they change.
                    if !text.open {
                        ops.push(Op::StartTextSection);
                        text.open = true;
                    }
                    if text.fill != Some(*c) {
                        ops.push(Op::SetFillColor { col: colour(*c) });
                        text.fill = Some(*c);
                    }
                    let run = if run.is_ascii() {
                        crate::layout::drawn(run)
                    } else {
                        crate::layout::shaped_text(run)
                    };
                    let mut set_font = |ops: &mut Vec<Op>, face: FaceKey| {
                        if text.font != Some((face, *size)) {
                            ops.push(Op::SetFont {
                                font: PdfFontHandle::External(ids.id(face)),
                                size: Pt(*size),
                            });
                            text.font = Some((face, *size));
                        }
                    };
                    if run.is_ascii() {
                        set_font(&mut ops, FaceKey::Own(*style));
                        ops.push(Op::SetTextMatrix {
                            matrix: TextMatrix::Translate(Pt(*x), Pt(h - y)),
                        });
                        ops.push(Op::ShowText {
                            items: kerned(metrics, *style, &run),
                        });
                        continue;
                    }
                    // Other scripts: each run in its face, in drawing order, one after
                    // the other; a shaped run carries the text it stands for, so that it
                    // is read (and copied) in logical order.
                    let mut at = *x;
                    for piece in metrics.visual_runs(*style, &run) {
                        set_font(&mut ops, piece.face);
                        ops.push(Op::SetTextMatrix {
                            matrix: TextMatrix::Translate(Pt(at), Pt(h - y)),
                        });
                        match piece.face {
                            FaceKey::Own(style) => ops.push(Op::ShowText {
                                items: kerned(metrics, style, &crate::layout::drawn(piece.text)),
                            }),
                            FaceKey::Fallback { .. } => {
                                // Right-to-left runs are drawn in visual order, as word
                                // processors and browsers write them; readers put them
                                // back in reading order themselves (and poppler reverses
                                // an ActualText given in reading order a second time).
                                let (raised, reordered) =
                                    shaped(metrics, piece.face, piece.text, piece.rtl);
                                // Glyphs out of the text's order, or some raised over
                                // others, do not read back as the text by themselves.
                                // (PDF/A allows no string over 32 767 bytes: a crafted
                                // run that long reads back by its glyphs alone.)
                                let actual = !piece.rtl
                                    && (reordered || raised.len() > 1)
                                    && piece.text.len() <= 16_000;
                                if actual {
                                    ops.push(actual_text(piece.text));
                                }
                                let mut risen = false;
                                for r in raised {
                                    if r.rise != 0.0 || risen {
                                        ops.push(Op::SetLineOffset {
                                            multiplier: r.rise * size,
                                        });
                                        risen = r.rise != 0.0;
                                    }
                                    ops.push(Op::ShowText { items: r.items });
                                }
                                if risen {
                                    ops.push(Op::SetLineOffset { multiplier: 0.0 });
                                }
                                if actual {
                                    ops.push(Op::EndMarkedContent);
                                }
                            }
                        }
                        at += metrics.run_width(piece.face, *size, piece.text, piece.rtl);
                    }
                }
                other => {
                    // Graphics do not belong in a text object, and share the fill colour.
                    if text.open {
                        ops.push(Op::EndTextSection);
                    }
                    text.open = false;
                    // Boxes are filled in their own colour.
                    text.fill = None;
                    graphic(&mut ops, other, h);
                }
            }
        }
        if text.open {
            ops.push(Op::EndTextSection);
        }
        ops.push(Op::EndMarkedContent);
    }
    PdfPage::new(mm(w), mm(h), ops)
}

/// Pages per part: a pack is converted in parts of about this many pages. The split is a
/// fixed function of the pack's length, never of the machine, so that every machine writes
/// the same bytes. Each part carries its own font subsets, so short packs stay in one; the
/// parts of a long one are converted a few at a time, each compressed as soon as it is
/// made, so that memory stays flat however long the pack (printpdf's drawing operations
/// take many times the room of the finished part).
const PAGES_PER_PART: usize = 100;

fn parts(pages: usize) -> usize {
    (pages / PAGES_PER_PART).max(1)
}

/// The PDF bytes of a laid-out pack.
pub fn write(laid: &Laid, d: &Dossier) -> Vec<u8> {
    let mut font_warnings = Vec::new();
    let parsed = Style::ALL.map(|s| {
        ParsedFont::from_bytes(s.bytes(), 0, &mut font_warnings).expect("the bundled fonts parse")
    });
    let count = laid.pages.len();
    let per = count.div_ceil(parts(count)).max(1);
    let chunks: Vec<&[crate::layout::Page]> = laid.pages.chunks(per).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(chunks.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::with_capacity(chunks.len()));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(pages) = chunks.get(i) else { break };
                    let mut part = convert(pages, &parsed, laid, d);
                    compress::streams(&mut part);
                    done.lock().expect("no worker panics").push((i, part));
                }
            });
        }
    });
    let mut done = done.into_inner().expect("no worker panics");
    done.sort_by_key(|(i, _)| *i);
    let documents: Vec<lopdf::Document> = done.into_iter().map(|(_, part)| part).collect();

    let mut lo = join::documents(documents);
    let (_, h) = laid.size();
    let annotations = links::add(&mut lo, laid, h);
    tags::add(&mut lo, laid, &annotations);
    outline::add(&mut lo, &laid.headings, h);
    set_id(&mut lo, d, laid);
    archive::apply(&mut lo, &archive_metadata(d, laid));
    compress::streams(&mut lo);
    compress::no_trailing_cr(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .expect("writing a PDF to memory cannot fail");
    bytes
}

/// One part of the pack as a lopdf document, with the fonts and the metadata.
fn convert(
    pages: &[crate::layout::Page],
    parsed: &[ParsedFont; 4],
    laid: &Laid,
    d: &Dossier,
) -> lopdf::Document {
    let metrics = Fonts::new();
    let own = font_ids(pages);
    let mut doc = PdfDocument::new(&d.meta.title);
    for (id, font) in own.iter().zip(parsed) {
        doc.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(font.clone()));
    }
    // Only the fallbacks this part draws with are embedded.
    let mut used: Vec<FaceKey> = Vec::new();
    for item in pages.iter().flat_map(|p| &p.items) {
        if let Item::Text { text, style, .. } = item
            && !text.is_ascii()
        {
            for (face, _) in metrics.runs(*style, text) {
                if matches!(face, FaceKey::Fallback { .. }) && !used.contains(&face) {
                    used.push(face);
                }
            }
        }
    }
    used.sort_by_key(|f| match f {
        FaceKey::Fallback { script, bold } => (*script, *bold),
        FaceKey::Own(_) => (u8::MAX, false),
    });
    let mut fallbacks = Vec::new();
    for (k, face) in used.into_iter().enumerate() {
        let FaceKey::Fallback { script, bold } = face else {
            continue;
        };
        let mut warnings = Vec::new();
        let Some(font) = crate::layout::fallback_face(script, bold).and_then(|(bytes, index)| {
            ParsedFont::from_bytes(bytes, index as usize, &mut warnings)
        }) else {
            continue;
        };
        let id = FontId(subset_tag(&own[0], k + 1));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(font));
        fallbacks.push((face, id));
    }
    let ids = PartFonts { own, fallbacks };
    let size = laid.size();
    doc.with_pages(
        pages
            .iter()
            .map(|p| page(p, &laid.tree, &metrics, &ids, size))
            .collect(),
    );
    let mut warnings = Vec::new();
    doc.to_lopdf_document(
        &PdfSaveOptions {
            optimize: false,
            subset_fonts: true,
            secure: true,
            image_optimization: None,
        },
        &mut warnings,
    )
}

/// The document information, for the information dictionary and XMP alike (see
/// `archive`). A dossier without dates gives a pack without them: the clock is no source,
/// packs must be reproducible.
fn archive_metadata(d: &Dossier, laid: &Laid) -> archive::Metadata {
    let m = &d.meta;
    archive::Metadata {
        title: m.title.clone(),
        author: [m.prepared_by.as_str(), m.office.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
        subject: if m.occasion.is_empty() {
            laid.what.clone()
        } else {
            m.occasion.clone()
        },
        keywords: [
            laid.banner.as_str(),
            &laid.what.to_lowercase(),
            m.host_country.as_str(),
            m.guest_country.as_str(),
        ]
        .iter()
        .filter(|k| !k.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", "),
        creator: format!("Attaché {}", env!("CARGO_PKG_VERSION")),
        producer: "Attaché (printpdf)".to_owned(),
        lang: laid.lang.clone(),
        date: m.start_date.map(|s| (s.year(), s.month(), s.day())),
    }
}

/// The document id (trailer /ID), which printpdf draws from a process-wide counter: a
/// digest of what the pack shows instead, so that it is the same wherever it is made.
fn set_id(doc: &mut lopdf::Document, d: &Dossier, laid: &Laid) {
    let mut digest = Fnv128::default();
    digest.write(d.meta.title.as_bytes());
    digest.write(&d.meta.revision.to_le_bytes());
    digest.write(laid.banner.as_bytes());
    digest.pages(&laid.pages);
    let id = lopdf::Object::String(digest.finish().to_vec(), lopdf::StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
}

/// FNV-1a, 128 bits: enough to tell documents apart, and no cryptography is claimed.
struct Fnv128(u128);

impl Default for Fnv128 {
    fn default() -> Self {
        Self(0x6c62272e07bb014262b821756295c58d)
    }
}

impl Fnv128 {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u128::from(*b);
            self.0 = self.0.wrapping_mul(0x0000000001000000000000000000013B);
        }
    }
    /// Every run of text on `pages`, with its face.
    fn pages(&mut self, pages: &[crate::layout::Page]) {
        for page in pages {
            for item in &page.items {
                if let Item::Text { text, style, .. } = item {
                    self.write(text.as_bytes());
                    self.write(&[*style as u8]);
                }
            }
        }
    }

    fn finish(&self) -> [u8; 16] {
        self.0.to_be_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerned_pairs_become_tj_offsets() {
        let fonts = Fonts::new();
        let items = kerned(&fonts, Style::Regular, "To WAVE");
        let texts: String = items
            .iter()
            .filter_map(|i| match i {
                TextItem::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, "To WAVE", "no character is lost or repeated");
        let offsets: Vec<f32> = items
            .iter()
            .filter_map(|i| match i {
                TextItem::Offset(o) => Some(*o),
                _ => None,
            })
            .collect();
        // T–o, W–A, A–V, V–E: each pulled closer, so a positive TJ number.
        assert!(offsets.len() >= 3, "{items:?}");
        assert!(offsets.iter().all(|o| *o > 0.0), "{offsets:?}");
        assert_eq!(
            kerned(&fonts, Style::Regular, "min"),
            [TextItem::Text("min".to_owned())]
        );
    }

    #[test]
    fn the_same_pack_gives_the_same_bytes_within_one_process() {
        // printpdf names fonts and documents from a process-wide counter; a second export
        // in the same editor session must still give the same file.
        let d = crate::synth::generate(crate::synth::Params {
            members: 1_000,
            points: 300,
            notes: 20,
            programme: 10,
            seed: 1,
        });
        let laid = crate::layout::lay_out(&d, &Default::default());
        assert!(
            parts(laid.pages.len()) > 1,
            "several parts: {}",
            laid.pages.len()
        );
        let first = write(&laid, &d);
        let second = write(&laid, &d);
        assert!(first == second, "two writes differ");
    }

    #[test]
    fn parts_depend_on_length_only() {
        assert_eq!(parts(7), 1);
        assert_eq!(parts(199), 1);
        assert_eq!(parts(250), 2);
        // No cap: a long pack is many parts of about a hundred pages, so that memory
        // stays flat however long it is.
        assert_eq!(parts(10_000), 100);
    }
}
