//! Writes laid-out pages as PDF with printpdf: fonts embedded and subset, text that
//! extracts as written, bookmarks, contents links, and metadata from the dossier. The
//! same dossier always gives the same bytes: nothing comes from the clock.

use printpdf::{
    Actions, BorderArray, Color, DateTime, Destination, LinePoint, LinkAnnotation, Mm, Op,
    PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect,
    Rgb, TextItem, TextMatrix,
};

mod compress;
mod outline;

use crate::layout::{Colour, Fonts, Item, Laid, Style};
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

/// The PDF's dates: the dossier's start date when it has one, else the Unix epoch, so that
/// output never depends on when it was made.
fn date(d: &Dossier) -> DateTime {
    let mut dt = DateTime::epoch();
    if let Some(start) = d.meta.start_date {
        dt.date.year = start.year();
        dt.date.month = start.month();
        dt.date.day = start.day();
    }
    dt
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
    font: Option<(Style, f32)>,
    fill: Option<Colour>,
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
        Item::Link {
            x,
            y,
            w,
            h: lh,
            page,
        } => {
            let rect = Rect::from_xywh(Pt(*x), Pt(h - y - lh), Pt(*w), Pt(*lh));
            let target = Destination::Xyz {
                page: page + 1,
                left: None,
                top: None,
                zoom: None,
            };
            // No border: a contents line looks like text, not like a form.
            let border = Some(BorderArray::Solid([0.0, 0.0, 0.0]));
            ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(rect, Actions::Goto(target), border, None, None),
            });
        }
        Item::Text { .. } => {}
    }
}

/// The PDF bytes of a laid-out pack.
pub fn write(laid: &Laid, d: &Dossier) -> Vec<u8> {
    let mut doc = PdfDocument::new(&d.meta.title);
    let mut font_warnings = Vec::new();
    let fonts = Style::ALL.map(|s| {
        let parsed = ParsedFont::from_bytes(s.bytes(), 0, &mut font_warnings)
            .expect("the bundled fonts parse");
        doc.add_font(&parsed)
    });
    let font = |s: Style| {
        PdfFontHandle::External(fonts[Style::ALL.iter().position(|x| *x == s).unwrap_or(0)].clone())
    };
    let metrics = Fonts::new();
    let (w, h) = laid.size();
    let pages = laid
        .pages
        .iter()
        .map(|page| {
            let mut ops = Vec::with_capacity(page.items.len() * 2);
            let mut text = TextState::default();
            for item in &page.items {
                match item {
                    Item::Text {
                        x,
                        y,
                        style,
                        size,
                        colour: c,
                        text: run,
                    } => {
                        // All of a page's runs share one text object, placed absolutely (Tm);
                        // font and colour are set only when they change.
                        if !text.open {
                            ops.push(Op::StartTextSection);
                            text.open = true;
                        }
                        if text.font != Some((*style, *size)) {
                            ops.push(Op::SetFont {
                                font: font(*style),
                                size: Pt(*size),
                            });
                            text.font = Some((*style, *size));
                        }
                        if text.fill != Some(*c) {
                            ops.push(Op::SetFillColor { col: colour(*c) });
                            text.fill = Some(*c);
                        }
                        ops.push(Op::SetTextMatrix {
                            matrix: TextMatrix::Translate(Pt(*x), Pt(h - y)),
                        });
                        ops.push(Op::ShowText {
                            items: kerned(&metrics, *style, run),
                        });
                    }
                    other => {
                        // Graphics do not belong in a text object, and share the fill colour.
                        if text.open {
                            ops.push(Op::EndTextSection);
                        }
                        text = TextState::default();
                        graphic(&mut ops, other, h);
                    }
                }
            }
            if text.open {
                ops.push(Op::EndTextSection);
            }
            PdfPage::new(mm(w), mm(h), ops)
        })
        .collect();
    doc.with_pages(pages);
    let m = &d.meta;
    let info = &mut doc.metadata.info;
    info.document_title = m.title.clone();
    info.author = [m.prepared_by.as_str(), m.office.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    info.subject = if m.occasion.is_empty() {
        "Briefing pack".to_owned()
    } else {
        m.occasion.clone()
    };
    info.keywords = vec![
        laid.banner.clone(),
        "briefing pack".to_owned(),
        m.host_country.clone(),
        m.guest_country.clone(),
    ]
    .into_iter()
    .filter(|k| !k.is_empty())
    .collect();
    info.creator = format!("Attaché {}", env!("CARGO_PKG_VERSION"));
    info.producer = "Attaché (printpdf)".to_owned();
    info.identifier = format!("{}-r{}", m.title, m.revision);
    let when = date(d);
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    let mut warnings = Vec::new();
    // printpdf builds the document; the outline and the compression are ours (see below).
    let mut lo = doc.to_lopdf_document(
        &PdfSaveOptions {
            optimize: false,
            subset_fonts: true,
            secure: true,
            image_optimization: None,
        },
        &mut warnings,
    );
    outline::add(&mut lo, &laid.headings, h);
    compress::streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .expect("writing a PDF to memory cannot fail");
    bytes
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
}
