//! Writes laid-out pages as PDF: fonts embedded and subset, text that extracts as written,
//! kerning, a nested outline, contents links, the structure tree, and metadata from the
//! dossier. The same dossier always gives the same bytes: nothing comes from the clock or
//! from the process.
//!
//! The pages' content streams are written straight as bytes, glyph by glyph, in parts on
//! several threads (`content`); each part's fonts are subset to what it draws (`font`).
//! The document around them — pages, links, structure tree, outline, metadata — is then
//! written once, in order (pdf-writer, the writer Typst uses: it writes objects as bytes,
//! with no object model to build and walk).

use pdf_writer::types::{PageMode, TabOrder};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, TextStr};

mod archive;
mod content;
mod font;
mod links;
mod outline;
mod tags;

use crate::layout::{Item, Laid, Page};

/// Pages per part: a pack is converted in parts of about this many pages. The split is a
/// fixed function of the pack's length, never of the machine, so that every machine writes
/// the same bytes. Each part carries its own font subsets, so short packs stay in one; the
/// parts of a long one are written a few at a time, each compressed as it is made.
const PAGES_PER_PART: usize = 100;

fn parts(pages: usize) -> usize {
    (pages / PAGES_PER_PART).max(1)
}

/// Object numbers, handed out in order.
struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }

    fn many(&mut self, n: usize) -> Vec<Ref> {
        (0..n).map(|_| self.next()).collect()
    }
}

/// The PDF bytes of a laid-out pack.
pub fn write(laid: &Laid) -> Vec<u8> {
    let count = laid.pages.len();
    let per = count.div_ceil(parts(count)).max(1);
    let chunks: Vec<&[Page]> = laid.pages.chunks(per).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(chunks.len().max(1));

    let (_, h) = laid.size();
    let mut refs = Refs(0);
    let frame = Frame {
        catalog: refs.next(),
        tree: refs.next(),
        pages: refs.many(count),
    };
    let mut pdf = Pdf::with_capacity(count * 16 * 1024 + laid.tree.nodes.len() * 96);
    let links = links::write(&mut pdf, &mut refs, laid, &frame.pages, h);

    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::with_capacity(chunks.len()));
    // The structure tree needs the layout and the pages' numbers, not their streams: it
    // is written while they are, in a chunk of its own numbered from here on.
    let structure = std::thread::scope(|scope| {
        let structure = scope.spawn(|| {
            let mut refs = Refs(refs.0);
            let mut chunk = pdf_writer::Chunk::with_capacity(laid.tree.nodes.len() * 96);
            let root = tags::write(&mut chunk, &mut refs, laid, &frame.pages, &links.tagged);
            Structure { chunk, root, refs }
        });
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(pages) = chunks.get(i) else { break };
                    let part = content::part(pages, laid);
                    done.lock().expect("no worker panics").push((i, part));
                }
            });
        }
        structure
            .join()
            .expect("writing the structure tree does not panic")
    });
    let mut done = done.into_inner().expect("no worker panics");
    done.sort_by_key(|(i, _)| *i);
    let parts: Vec<content::Part> = done.into_iter().map(|(_, part)| part).collect();
    assemble(laid, &parts, pdf, frame, &links, structure)
}

/// A photo as an image XObject: its JPEG as it is stored (baseline, three 8-bit
/// components: what `Photo` accepts), which PDF reads with DCTDecode.
fn image(pdf: &mut Pdf, refs: &mut Refs, photo: &crate::model::Photo) -> Ref {
    let id = refs.next();
    let mut x = pdf.image_xobject(id, photo.jpeg());
    x.filter(Filter::DctDecode);
    x.width(photo.width() as i32);
    x.height(photo.height() as i32);
    x.bits_per_component(8);
    x.color_space().device_rgb();
    id
}

/// The objects every page refers to, numbered before anything is written.
struct Frame {
    catalog: Ref,
    tree: Ref,
    pages: Vec<Ref>,
}

/// The structure tree, written on its own, with the numbers it used.
struct Structure {
    chunk: pdf_writer::Chunk,
    root: Option<Ref>,
    refs: Refs,
}

/// The document around the parts' pages.
fn assemble(
    laid: &Laid,
    parts: &[content::Part],
    mut pdf: Pdf,
    frame: Frame,
    links: &links::Links,
    structure: Structure,
) -> Vec<u8> {
    let (w, h) = laid.size();
    let Frame {
        catalog,
        tree,
        pages,
    } = frame;
    let mut refs = structure.refs;
    let mut number = 0;
    // A photo drawn in several parts is embedded once.
    let mut embedded: rustc_hash::FxHashMap<&[u8], Ref> = Default::default();
    for part in parts {
        let fonts: Vec<(&str, Ref)> = part
            .fonts
            .iter()
            .map(|f| (f.resource.as_str(), font::write(&mut pdf, &mut refs, f)))
            .collect();
        let images: Vec<Ref> = part
            .images
            .iter()
            .map(|photo| {
                *embedded
                    .entry(photo.jpeg())
                    .or_insert_with(|| image(&mut pdf, &mut refs, photo))
            })
            .collect();
        let resources = refs.next();
        {
            let mut r = pdf
                .indirect(resources)
                .start::<pdf_writer::writers::Resources>();
            let mut dict = r.fonts();
            for (name, id) in &fonts {
                dict.pair(Name(name.as_bytes()), *id);
            }
            dict.finish();
            if !images.is_empty() {
                let mut x = r.x_objects();
                for (n, id) in images.iter().enumerate() {
                    x.pair(Name(format!("Im{n}").as_bytes()), *id);
                }
            }
        }
        for written in &part.pages {
            let contents = refs.next();
            pdf.stream(contents, &written.content)
                .filter(Filter::FlateDecode);
            let mut page = pdf.page(pages[number]);
            page.media_box(Rect::new(0.0, 0.0, w, h))
                .parent(tree)
                .contents(contents)
                // Tab order follows the structure (PDF/UA asks it where there are
                // annotations; it is harmless elsewhere).
                .tab_order(TabOrder::StructureOrder)
                .pair(Name(b"Resources"), resources);
            if written.tagged {
                page.struct_parents(number as i32);
            }
            if let Some(annotations) = links.per_page.get(number)
                && !annotations.is_empty()
            {
                page.annotations(annotations.iter().copied());
            }
            page.finish();
            number += 1;
        }
    }
    pdf.pages(tree)
        .kids(pages.iter().copied())
        .count(pages.len() as i32);

    pdf.extend(&structure.chunk);
    let outlines = outline::write(&mut pdf, &mut refs, &laid.headings, &pages, h);
    let archived = archive::write(&mut pdf, &mut refs, &archive_metadata(laid));

    let mut cat = pdf.catalog(catalog);
    cat.pages(tree);
    if let Some(root) = structure.root {
        cat.pair(Name(b"StructTreeRoot"), root);
        cat.mark_info().marked(true);
    }
    cat.lang(TextStr(capped(&laid.lang)));
    // Viewers title the window with the pack's title, not its file name.
    cat.viewer_preferences().display_doc_title(true);
    if let Some(outlines) = outlines {
        cat.outlines(outlines);
        cat.page_mode(PageMode::UseOutlines);
    }
    archived.catalog(&mut cat);
    cat.finish();

    let id = document_id(laid).to_vec();
    pdf.set_file_id((id.clone(), id));
    pdf.finish()
}

/// `data` deflated, at a fast level. A stream whose data ends in a carriage return,
/// followed by the line feed before `endstream`, reads as ending one byte early (a CR LF
/// end of line), and PDF/A validators then find /Length wrong. A zlib stream ends in its
/// data's checksum, whatever the level, so it is the data that changes: `pad` (a space,
/// which content streams and font programs both ignore at their end) is added until the
/// last byte is not CR. Never a zero: the checksum's last byte follows the sum of the
/// data's bytes, which a zero does not change, so the loop would never end.
fn deflate(data: &[u8], pad: u8) -> Vec<u8> {
    deflate_counted(data, pad).0
}

/// `deflate`, with the length of the data as padded: a font program's `Length1` must
/// count the pad, or a reader that checks it finds the font one byte short.
fn deflate_counted(data: &[u8], pad: u8) -> (Vec<u8>, usize) {
    assert_ne!(pad, 0, "a zero pad never changes the checksum's last byte");
    let mut data = std::borrow::Cow::Borrowed(data);
    loop {
        let compressed = zlib(&data);
        if compressed.last() != Some(&b'\r') {
            return (compressed, data.len());
        }
        data.to_mut().push(pad);
    }
}

thread_local! {
    /// One compressor per thread, reset for each stream: a compressor's tables are a few
    /// hundred KB, and making them anew for every page was a good share of an export's
    /// allocations.
    static COMPRESSOR: std::cell::RefCell<flate2::Compress> =
        std::cell::RefCell::new(flate2::Compress::new(flate2::Compression::fast(), true));
}

/// `data` as one zlib stream.
fn zlib(data: &[u8]) -> Vec<u8> {
    COMPRESSOR.with_borrow_mut(|c| {
        c.reset();
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
        loop {
            let read = usize::try_from(c.total_in()).expect("in memory");
            let status = c
                .compress_vec(&data[read..], &mut out, flate2::FlushCompress::Finish)
                .expect("deflating into memory cannot fail");
            if status == flate2::Status::StreamEnd {
                return out;
            }
            // Out of room: `compress_vec` only fills what is already reserved.
            out.reserve(out.capacity().max(64));
        }
    })
}

/// `text` cut to what one PDF/A string may hold (32 767 bytes; text outside ASCII is
/// written as UTF-16, two bytes a unit, after a two-byte mark), at a character boundary:
/// a crafted title of a megabyte must not make the pack fail validation. No real title,
/// heading or language tag comes near it.
fn capped(text: &str) -> &str {
    capped_to(text, 16_000)
}

/// `text` cut to at most `most` UTF-16 units, at a character boundary.
fn capped_to(text: &str, most: usize) -> &str {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > most {
            return &text[..i];
        }
    }
    text
}

/// The document information, for the information dictionary and XMP alike (see
/// `archive`). A dossier without dates gives a pack without them: the clock is no source,
/// packs must be reproducible.
fn archive_metadata(laid: &Laid) -> archive::Metadata {
    let p = &laid.provenance;
    archive::Metadata {
        title: p.title.clone(),
        author: p.author.clone(),
        subject: if p.occasion.is_empty() {
            laid.what.clone()
        } else {
            p.occasion.clone()
        },
        keywords: [
            laid.banner.as_str(),
            &laid.what.to_lowercase(),
            p.host_country.as_str(),
            p.guest_country.as_str(),
        ]
        .iter()
        .filter(|k| !k.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", "),
        creator: format!("Attaché {}", env!("CARGO_PKG_VERSION")),
        producer: "Attaché (pdf-writer)".to_owned(),
        lang: laid.lang.clone(),
        date: p.date.map(|s| (s.year(), s.month(), s.day())),
    }
}

/// The document id (trailer /ID): a digest of what the pack shows, so that it is the same
/// wherever it is made.
fn document_id(laid: &Laid) -> [u8; 16] {
    let mut digest = Fnv128::default();
    digest.write(laid.provenance.title.as_bytes());
    digest.write(&laid.provenance.revision.to_le_bytes());
    digest.write(laid.banner.as_bytes());
    digest.pages(&laid.pages);
    digest.digest()
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
    fn pages(&mut self, pages: &[Page]) {
        for page in pages {
            for item in &page.items {
                if let Item::Text { text, style, .. } = item {
                    self.write(text.as_bytes());
                    self.write(&[*style as u8]);
                }
            }
        }
    }

    fn digest(&self) -> [u8; 16] {
        self.0.to_be_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_pack_gives_the_same_bytes_within_one_process() {
        // Fonts are named and documents identified from what they show, never from a
        // counter or the clock: a second export in the same editor session must still
        // give the same file.
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
        let first = write(&laid);
        let second = write(&laid);
        assert!(first == second, "two writes differ");
    }

    #[test]
    fn a_padded_stream_counts_its_pad() {
        // Search for data whose plain deflation ends in CR (about one input in 256).
        let plain = |data: &[u8]| {
            use std::io::Write;
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        };
        let data = (0u32..100_000)
            .map(|i| format!("font tables {i}").into_bytes())
            .find(|d| plain(d).last() == Some(&b'\r'))
            .expect("some input deflates to a trailing CR");
        let (packed, length) = deflate_counted(&data, b' ');
        assert_ne!(packed.last(), Some(&b'\r'));
        let mut unpacked = Vec::new();
        use std::io::Read;
        flate2::read::ZlibDecoder::new(&packed[..])
            .read_to_end(&mut unpacked)
            .unwrap();
        assert!(length > data.len(), "the pad is counted");
        assert_eq!(unpacked.len(), length, "Length1 is the inflated length");
        assert_eq!(&unpacked[..data.len()], &data[..]);
        assert!(unpacked[data.len()..].iter().all(|&b| b == b' '));
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

    #[test]
    fn no_stream_ends_in_a_carriage_return() {
        // One stream in 256 would: each comes back as written, padded where it had to be.
        let mut padded = 0;
        for n in 0..1_500u32 {
            let data: Vec<u8> = (0..n)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8)
                .collect();
            let packed = deflate(&data, b' ');
            assert_ne!(packed.last(), Some(&b'\r'), "{n}");
            let mut plain = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::ZlibDecoder::new(&packed[..]),
                &mut plain,
            )
            .unwrap();
            assert_eq!(plain[..data.len()], data[..]);
            assert!(plain[data.len()..].iter().all(|b| *b == b' '));
            padded += usize::from(plain.len() > data.len());
        }
        assert!(padded > 0, "the padding was tried");
    }
}
