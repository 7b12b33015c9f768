//! The pages' content streams, written glyph by glyph: each run of text as glyph ids in
//! its face's subset (the family's own for what it covers, a fallback for other scripts,
//! shaped), kerned or placed where the shaper put each glyph; each marked-content
//! sequence (see `tags`) marked with its structure element's type and MCID, or as an
//! artifact. What each glyph stands for is kept for the font's ToUnicode map.

use pdf_writer::writers::PositionedItems;
use pdf_writer::{Content, Name, Str, TextStr};
use rustc_hash::FxHashMap;
use subsetter::GlyphRemapper;

use super::font::{self, Embedded};
use crate::layout::{Colour, FaceKey, Fonts, Item, Laid, Page, Style, Tag, Tree};

/// One part of the pack: its pages' content, and the fonts they draw with.
pub struct Part {
    pub pages: Vec<Written>,
    pub fonts: Vec<Embedded>,
    /// The photos its pages draw, the first as `/Im0` and so on.
    pub images: Vec<crate::model::Photo>,
}

/// A page's content stream, deflated.
pub struct Written {
    pub content: Vec<u8>,
    /// Whether it holds marked content of structure elements (it has MCIDs).
    pub tagged: bool,
}

/// A face as a part uses it: the glyphs drawn, renumbered in the order they are first
/// drawn (the subset's glyph ids, which are the CIDs written), and what each stands for.
pub struct FaceUse {
    pub key: FaceKey,
    pub resource: String,
    pub glyphs: GlyphRemapper,
    /// The text of each new glyph id, for the ToUnicode map.
    pub text: Vec<String>,
    /// The new id of each of the first glyphs (0: not drawn yet), which the family's own
    /// text draws with: asked for every character, faster than the remapper's map.
    first: Vec<u16>,
}

/// Glyph ids looked up in `FaceUse::first`: the Latin, Greek and Cyrillic of the
/// family's faces lie below it.
const FIRST_GLYPHS: usize = 4096;

impl FaceUse {
    /// The id `gid` is drawn with, which stands for `text` if it is new.
    fn cid(&mut self, gid: u16, text: impl FnOnce() -> String) -> u16 {
        if let Some(&known) = self.first.get(usize::from(gid))
            && known != 0
        {
            return known;
        }
        let cid = self.glyphs.remap(gid);
        if let Some(slot) = self.first.get_mut(usize::from(gid))
            && gid != 0
        {
            *slot = cid;
        }
        if usize::from(cid) == self.text.len() {
            self.text.push(text());
        }
        cid
    }
}

/// The faces of a part, in the order first drawn with.
struct Faces {
    used: Vec<FaceUse>,
    own: [Option<usize>; 4],
}

impl Faces {
    fn index(&mut self, key: FaceKey) -> usize {
        let own = match key {
            FaceKey::Own(style) => Some(style as usize),
            FaceKey::Fallback { .. } => None,
        };
        if let Some(s) = own
            && let Some(i) = self.own[s]
        {
            return i;
        }
        if own.is_none()
            && let Some(i) = self.used.iter().position(|f| f.key == key)
        {
            return i;
        }
        let i = self.used.len();
        self.used.push(FaceUse {
            key,
            resource: format!("F{i}"),
            glyphs: GlyphRemapper::new(),
            // Glyph 0 is in every subset, standing for nothing.
            text: vec![String::new()],
            first: vec![0; FIRST_GLYPHS],
        });
        if let Some(s) = own {
            self.own[s] = Some(i);
        }
        i
    }
}

/// The pages of a part, written, and their fonts subset.
pub fn part(pages: &[Page], laid: &Laid) -> Part {
    let metrics = Fonts::new();
    let mut faces = Faces {
        used: Vec::new(),
        own: [None; 4],
    };
    let size = laid.size();
    let lang = laid.lang.as_str();
    let mut images = Vec::new();
    let written = pages
        .iter()
        .map(|p| {
            let (content, tagged) = page(
                p,
                &laid.tree,
                &metrics,
                &mut faces,
                &mut images,
                (size, lang),
            );
            Written {
                content: super::deflate(&content, b' '),
                tagged,
            }
        })
        .collect();
    let seed = font::seed(pages);
    let fonts = faces
        .used
        .iter()
        .enumerate()
        .filter_map(|(n, face)| font::embed(face, &font::tag(seed, n)))
        .collect();
    Part {
        pages: written,
        fonts,
        images,
    }
}

#[derive(Default)]
struct TextState {
    open: bool,
    font: Option<(usize, f32)>,
    fill: Option<Colour>,
}

/// A page's content stream, and whether it has MCIDs.
fn page(
    page: &Page,
    tree: &Tree,
    metrics: &Fonts,
    faces: &mut Faces,
    images: &mut Vec<crate::model::Photo>,
    (size, lang): ((f32, f32), &str),
) -> (Vec<u8>, bool) {
    let mut c = Content::new();
    let mut mcid = 0;
    let mut text = TextState::default();
    let mut pen = Pen {
        c: &mut c,
        text: &mut text,
        metrics,
        faces,
        images,
        size,
        lang,
    };
    for (range, tag) in super::tags::sequences(page) {
        match tag {
            Tag::Artifact => {
                pen.c.begin_marked_content(Name(b"Artifact"));
            }
            Tag::Node(n) => {
                let role = tree.nodes.get(n as usize).map_or("Span", |n| n.role.name());
                pen.c
                    .begin_marked_content_with_properties(Name(role.as_bytes()))
                    .properties()
                    .identify(mcid);
                mcid += 1;
            }
        }
        // Text objects stay inside their sequence: a sequence opens and closes its own.
        // The font and the colour are graphics state, kept from one to the next.
        pen.text.open = false;
        for item in &page.items[range] {
            pen.item(item);
        }
        pen.end_text();
        pen.c.end_marked_content();
    }
    (c.finish().into_vec(), mcid > 0)
}

/// What drawing a page's items needs.
struct Pen<'a> {
    c: &'a mut Content,
    text: &'a mut TextState,
    metrics: &'a Fonts,
    faces: &'a mut Faces,
    images: &'a mut Vec<crate::model::Photo>,
    /// The page's width and height.
    size: (f32, f32),
    /// The pack's language: a run in another script says its own.
    lang: &'a str,
}

impl Pen<'_> {
    fn end_text(&mut self) {
        if self.text.open {
            self.c.end_text();
        }
        self.text.open = false;
    }

    fn item(&mut self, item: &Item) {
        let (pw, h) = self.size;
        match item {
            Item::Text {
                x,
                y,
                style,
                size,
                colour,
                text: run,
            } => {
                if !self.text.open {
                    self.c.begin_text();
                    self.text.open = true;
                }
                if self.text.fill != Some(*colour) {
                    self.c.set_fill_rgb(colour.0, colour.1, colour.2);
                    self.text.fill = Some(*colour);
                }
                self.draw_text((*style, *size), (*x, h - y), run);
            }
            other => {
                // Graphics do not belong in a text object, and share the fill colour.
                self.end_text();
                self.text.fill = None;
                match other {
                    Item::Image {
                        x,
                        y,
                        w,
                        h: ih,
                        photo,
                    } => {
                        let n = match self.images.iter().position(|p| p == photo) {
                            Some(n) => n,
                            None => {
                                self.images.push(photo.clone());
                                self.images.len() - 1
                            }
                        };
                        self.c.save_state();
                        self.c.transform([*w, 0.0, 0.0, *ih, *x, h - y - ih]);
                        self.c.x_object(Name(format!("Im{n}").as_bytes()));
                        self.c.restore_state();
                    }
                    Item::Turned { items } => {
                        self.c.save_state();
                        self.c.transform([-1.0, 0.0, 0.0, -1.0, pw, h]);
                        for inner in items {
                            self.item(inner);
                        }
                        self.end_text();
                        self.c.restore_state();
                        // The font and the fill were set inside, and are undone with it.
                        self.text.font = None;
                        self.text.fill = None;
                    }
                    other => graphic(self.c, other, h),
                }
            }
        }
    }
}

fn set_font(c: &mut Content, text: &mut TextState, faces: &Faces, face: usize, size: f32) {
    if text.font != Some((face, size)) {
        c.set_font(Name(faces.used[face].resource.as_bytes()), size);
        text.font = Some((face, size));
    }
}

impl Pen<'_> {
    /// One run of text, placed by its baseline at `(x, y)` in PDF coordinates.
    fn draw_text(&mut self, (style, size): (Style, f32), (x, y): (f32, f32), run: &str) {
        let Pen {
            c,
            text,
            metrics,
            faces,
            ..
        } = self;
        let metrics: &Fonts = metrics;
        let run = if run.is_ascii() {
            crate::layout::drawn(run)
        } else {
            crate::layout::shaped_text(run)
        };
        if run.is_ascii() {
            let face = faces.index(FaceKey::Own(style));
            set_font(c, text, faces, face, size);
            c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
            own(c, metrics, &mut faces.used[face], style, &run);
            return;
        }
        // Other scripts: each run in its face, in drawing order, one after the other; a
        // shaped run carries the text it stands for, so that it is read (and copied) in
        // logical order, and its language where its script says.
        let mut at = x;
        for piece in metrics.visual_runs(style, &run) {
            let face = faces.index(piece.face);
            set_font(c, text, faces, face, size);
            c.set_text_matrix([1.0, 0.0, 0.0, 1.0, at, y]);
            match piece.face {
                FaceKey::Own(style) => own(
                    c,
                    metrics,
                    &mut faces.used[face],
                    style,
                    &crate::layout::drawn(piece.text),
                ),
                FaceKey::Fallback { .. } => {
                    // Right-to-left runs are drawn in visual order, as word processors and
                    // browsers write them; readers put them back in reading order
                    // themselves (and poppler reverses an ActualText given in reading
                    // order a second time).
                    let (raised, reordered) =
                        shaped(metrics, &mut faces.used[face], piece.text, piece.rtl);
                    // Glyphs out of the text's order, or some raised over others, do not
                    // read back as the text by themselves. (PDF/A allows no string over
                    // 32 767 bytes: a crafted run that long reads back by its glyphs alone.)
                    let actual =
                        !piece.rtl && (reordered || raised.len() > 1) && piece.text.len() <= 16_000;
                    let lang = crate::layout::foreign_language(piece.text, self.lang);
                    let span = actual || lang.is_some();
                    if span {
                        let mut marked = c.begin_marked_content_with_properties(Name(b"Span"));
                        let mut properties = marked.properties();
                        if actual {
                            properties.actual_text(TextStr(piece.text));
                        }
                        if let Some(lang) = lang {
                            properties.pair(Name(b"Lang"), TextStr(lang));
                        }
                    }
                    let mut risen = false;
                    for r in &raised {
                        if r.rise != 0.0 || risen {
                            c.set_rise(r.rise * size);
                            risen = r.rise != 0.0;
                        }
                        show(c, &r.items);
                    }
                    if risen {
                        c.set_rise(0.0);
                    }
                    if span {
                        c.end_marked_content();
                    }
                }
            }
            at += metrics.run_width(piece.face, size, piece.text, piece.rtl);
        }
    }
}

/// What a TJ array holds: glyph ids (two bytes each), and moves between them in
/// thousandths of an em (positive moves the next glyph left).
enum Shown {
    Glyphs(Vec<u8>),
    Move(f32),
}

/// PDF/A allows no string over 32 767 bytes, and a run of zero-width marks (one crafted
/// grapheme) is never cut by the line breaking: longer glyph strings are written as several
/// strings in a row, which draw the same. Validators count a literal string as written,
/// and a glyph id below 128 is written as two octal escapes (up to four bytes for one),
/// so a string holds at most a quarter of the limit: 4 095 glyphs, far more than a line.
const MAX_GLYPH_BYTES: usize = 8_190;

fn glyph_strings(array: &mut PositionedItems, glyphs: &[u8]) {
    for piece in glyphs.chunks(MAX_GLYPH_BYTES) {
        array.show(Str(piece));
    }
}

fn show(c: &mut Content, items: &[Shown]) {
    if let [Shown::Glyphs(glyphs)] = items
        && glyphs.len() <= MAX_GLYPH_BYTES
    {
        c.show(Str(glyphs));
        return;
    }
    let mut positioned = c.show_positioned();
    let mut array = positioned.items();
    for item in items {
        match item {
            Shown::Glyphs(glyphs) => glyph_strings(&mut array, glyphs),
            Shown::Move(amount) => {
                array.adjust(*amount);
            }
        }
    }
}

/// A run in the family's own face: one glyph per character, kerned. A character no face
/// has is drawn as the replacement character (PDF/A forbids glyph 0, the empty box) in a
/// span whose actual text is the character itself, so that it is still copied, searched
/// and read aloud as written.
fn own(c: &mut Content, metrics: &Fonts, face: &mut FaceUse, style: Style, run: &str) {
    if run.is_ascii() {
        return covered(c, metrics, face, style, run);
    }
    let mut rest = run;
    while !rest.is_empty() {
        let missing = |ch: char| !metrics.has_glyph(style, ch);
        let start = rest.find(missing).unwrap_or(rest.len());
        if start > 0 {
            covered(c, metrics, face, style, &rest[..start]);
        }
        rest = &rest[start..];
        let end = rest.find(|ch| !missing(ch)).unwrap_or(rest.len());
        if end == 0 {
            continue;
        }
        let (absent, after) = rest.split_at(end);
        rest = after;
        let replacement = metrics.replacement_glyph(style);
        let cid = face.cid(replacement, || crate::layout::REPLACEMENT.to_string());
        let glyphs: Vec<u8> = absent.chars().flat_map(|_| cid.to_be_bytes()).collect();
        // The actual text is a string too, held within PDF/A's limit of 32 767 bytes (as
        // UTF-16, at most four bytes a character); a longer crafted run reads back as its
        // replacement characters.
        let actual = absent.len() <= 8_000;
        if actual {
            c.begin_marked_content_with_properties(Name(b"Span"))
                .properties()
                .actual_text(TextStr(absent));
        }
        if glyphs.len() <= MAX_GLYPH_BYTES {
            c.show(Str(&glyphs));
        } else {
            glyph_strings(&mut c.show_positioned().items(), &glyphs);
        }
        if actual {
            c.end_marked_content();
        }
    }
}

/// A run the family's `style` has every character of.
fn covered(c: &mut Content, metrics: &Fonts, face: &mut FaceUse, style: Style, run: &str) {
    let kerning = metrics.kerning(style, run);
    let mut glyphs = Vec::with_capacity(run.len() * 2);
    if kerning.is_empty() {
        for ch in run.chars() {
            let cid = face.cid(metrics.glyph_id(style, ch), || ch.to_string());
            glyphs.extend_from_slice(&cid.to_be_bytes());
        }
        if glyphs.len() <= MAX_GLYPH_BYTES {
            c.show(Str(&glyphs));
        } else {
            glyph_strings(&mut c.show_positioned().items(), &glyphs);
        }
        return;
    }
    // Kerned: written straight into the TJ array, glyphs between the moves.
    let mut positioned = c.show_positioned();
    let mut array = positioned.items();
    let mut kerns = kerning.iter().peekable();
    for (i, ch) in run.char_indices() {
        if let Some(&&(at, k)) = kerns.peek()
            && at == i
        {
            glyph_strings(&mut array, &glyphs);
            glyphs.clear();
            array.adjust(-k);
            kerns.next();
        }
        let cid = face.cid(metrics.glyph_id(style, ch), || ch.to_string());
        glyphs.extend_from_slice(&cid.to_be_bytes());
    }
    glyph_strings(&mut array, &glyphs);
}

/// The most a mark is drawn above or below its line, in ems.
const MAX_RISE: f32 = 0.5;

/// Glyphs drawn at one height above the baseline, in ems.
struct Raised {
    rise: f32,
    items: Vec<Shown>,
}

/// A shaped run as glyph ids, each placed where the shaper put it: the PDF moves by a
/// glyph's own width, and a TJ number after it makes up the difference. Each glyph says
/// which text it stands for, for the ToUnicode map: its own character, or what of its
/// cluster's text no other glyph of the cluster stands for (a ligature, a contextual form).
/// Also whether the glyphs are drawn out of the text's order (a Devanagari vowel sign
/// before its consonant), which the text then has to be given for as a whole.
fn shaped(metrics: &Fonts, face: &mut FaceUse, text: &str, rtl: bool) -> (Vec<Raised>, bool) {
    let key = face.key;
    let glyphs = metrics.shape(key, text, rtl);
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
        .map(|g| metrics.glyph_info(key, g.id))
        .collect();
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
        // How many of each character the cluster has, and how many of them glyphs of
        // their own stand for: counted, not searched, so a cluster of n marks is O(n).
        let mut count: FxHashMap<char, (usize, usize)> = FxHashMap::default();
        for c in text.chars() {
            count.entry(c).or_default().0 += 1;
        }
        let mut without = Vec::new();
        for &i in members {
            match info[i].2.filter(|c| count.contains_key(c)) {
                Some(c) => {
                    let (had, taken) = count.get_mut(&c).expect("just checked");
                    if *taken < *had {
                        *taken += 1;
                    }
                    stands_for[i] = c.to_string();
                }
                None => without.push(i),
            }
        }
        if without.is_empty() {
            continue;
        }
        // The characters left, in order: each taken one is the first of its kind.
        let mut rest: Vec<char> = Vec::new();
        for c in text.chars() {
            let (_, taken) = count.get_mut(&c).expect("counted");
            if *taken > 0 {
                *taken -= 1;
            } else {
                rest.push(c);
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
        // A joiner the shaper has hidden is drawn by it as the space glyph at no width:
        // drawn so, the one glyph would stand for both a space and the joiner in the
        // ToUnicode map, and a Persian name's words would run together in copying. It
        // draws nothing, so nothing is drawn (and, as other invisible characters, it is
        // not copied).
        let hidden = g.advance == 0.0 && matches!(stands_for.as_str(), "\u{200C}" | "\u{200D}");
        let width = if hidden { 0.0 } else { width };
        // A glyph at another height (a mark over a mark) starts a piece raised by it;
        // the pen goes on across pieces, so the horizontal placing is unchanged.
        // Within half an em of the baseline: a crafted stack of a hundred marks rose off
        // the page (and was lost to copying) as the shaper stacked them; real marks over
        // marks rise a fifth of an em.
        let rise = (g.y_offset / upem).clamp(-MAX_RISE, MAX_RISE);
        if out.last().is_none_or(|r| r.rise != rise) {
            out.push(Raised {
                rise,
                items: Vec::with_capacity(2),
            });
        }
        let piece = out.last_mut().expect("just pushed");
        if i == 0 && g.x_offset != 0.0 {
            piece.items.push(Shown::Move(-g.x_offset * em));
        }
        if !hidden {
            let cid = face.cid(g.id, || stands_for);
            match piece.items.last_mut() {
                Some(Shown::Glyphs(codes)) => codes.extend_from_slice(&cid.to_be_bytes()),
                _ => piece.items.push(Shown::Glyphs(cid.to_be_bytes().to_vec())),
            }
        }
        if i + 1 < glyphs.len() {
            let next_offset = glyphs[i + 1].x_offset;
            let adjust = g.advance + next_offset - g.x_offset - width;
            if adjust != 0.0 {
                piece.items.push(Shown::Move(-adjust * em));
            }
        }
    }
    (out, reordered)
}

/// Lines and boxes, in PDF coordinates (`h` is the page height).
fn graphic(c: &mut Content, item: &Item, h: f32) {
    match item {
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            colour,
        } => {
            c.set_stroke_rgb(colour.0, colour.1, colour.2);
            c.set_line_width(*width);
            c.move_to(*x1, h - y1);
            c.line_to(*x2, h - y2);
            c.stroke();
        }
        Item::Rect {
            x,
            y,
            w,
            h: rh,
            fill,
        } => {
            c.set_fill_rgb(fill.0, fill.1, fill.2);
            c.rect(*x, h - y - rh, *w, *rh);
            c.fill_nonzero();
        }
        // Links are annotations (see `links`); text and images are drawn by `page`.
        Item::Link { .. } | Item::Text { .. } | Item::Image { .. } | Item::Turned { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerned_pairs_become_tj_moves_and_every_character_one_glyph() {
        let fonts = Fonts::new();
        let mut face = FaceUse {
            key: FaceKey::Own(Style::Regular),
            resource: "F0".into(),
            glyphs: GlyphRemapper::new(),
            text: vec![String::new()],
            first: vec![0; FIRST_GLYPHS],
        };
        let mut c = Content::new();
        own(&mut c, &fonts, &mut face, Style::Regular, "To WAVE");
        let stream = String::from_utf8_lossy(&c.finish().into_vec()).into_owned();
        let first = stream.clone();
        assert!(stream.ends_with("TJ"), "kerned: a TJ array: {stream}");
        // T, o, space, W, A, V, E: six distinct glyphs besides .notdef, each standing for
        // its character; T–o, W–A, A–V, V–E each pulled closer (positive TJ numbers).
        assert_eq!(
            face.text[1..],
            ["T", "o", " ", "W", "A", "V", "E"].map(String::from)
        );
        let moves: Vec<f32> = stream
            .split([')', '('])
            .filter_map(|s| s.trim().parse::<f32>().ok())
            .collect();
        assert!(
            moves.len() >= 3 && moves.iter().all(|m| *m > 0.0),
            "{stream}"
        );

        let mut c = Content::new();
        own(&mut c, &fonts, &mut face, Style::Regular, "min");
        let stream = c.finish().into_vec();
        assert!(stream.ends_with(b"Tj"), "no kerning: a plain string");

        // A glyph met again is drawn with the id it was given, and is not new.
        let mut again = Content::new();
        own(&mut again, &fonts, &mut face, Style::Regular, "To WAVE");
        let again = String::from_utf8_lossy(&again.finish().into_vec()).into_owned();
        assert_eq!(again, first);
        assert_eq!(face.text.len(), 1 + 7 + 3, "T o space W A V E, then m i n");
    }
}
