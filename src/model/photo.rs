//! A member's portrait photo, embedded in the dossier so that a shared file stays one file.
//!
//! A photo is imported once from a JPEG or PNG (decoded under hard limits, turned upright
//! by its EXIF orientation, cropped to a portrait and scaled to [`WIDTH`]×[`HEIGHT`]) and
//! kept as the small baseline JPEG that import made: tens of KB, which a PDF embeds as it
//! is and a browser shows as it is. Files write it as a `data:image/jpeg;base64,…` URI.
//!
//! A photo in a file someone shared is hostile input like the rest of it: reading one
//! checks that it is the kind of JPEG an import makes (baseline, 8-bit, three components,
//! no larger than [`MAX_STORED_SIDE`]) and that it decodes, so that nothing later (the
//! PDF, the editor's texture) meets a crafted one.

use std::io::Cursor;
use std::sync::Arc;

use base64::Engine;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// The stored portrait's size in pixels: 3:4, about 250 dpi at the 30 × 40 mm a pack
/// prints it.
pub const WIDTH: u32 = 300;
pub const HEIGHT: u32 = 400;
/// The largest image file an import reads.
pub const MAX_SOURCE_BYTES: u64 = 40 * 1024 * 1024;
/// The largest side of an image an import decodes (a 100-megapixel camera is 12 288).
pub const MAX_SOURCE_SIDE: u32 = 16_384;
/// What decoding an imported image may allocate: a 64-megapixel RGBA picture.
const MAX_SOURCE_ALLOC: u64 = 256 * 1024 * 1024;
/// A stored photo's largest side and size: what an import makes, with room for a
/// colleague's version that stores them larger.
pub const MAX_STORED_SIDE: u32 = 1200;
pub const MAX_STORED_BYTES: usize = 512 * 1024;
/// The JPEG quality an import stores a photo at (its tables are what a stored photo's must be).
pub const QUALITY: u8 = 85;
const URI_PREFIX: &str = "data:image/jpeg;base64,";

/// Why an image cannot be a member's photo.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("the image is {bytes} bytes; a photo is read from at most {} MB", MAX_SOURCE_BYTES / (1024 * 1024))]
    TooLarge { bytes: u64 },
    #[error("this is not a JPEG or PNG image{}", found.as_ref().map(|f| format!(" (it looks like {f})")).unwrap_or_default())]
    NotAnImage { found: Option<String> },
    #[error("the image is wider or taller than {max} pixels, the most that can be read")]
    Dimensions { max: u32 },
    #[error("the image cannot be read: {0}")]
    Broken(String),
    #[error("the photo is not as Attaché stores one: {0}")]
    Stored(String),
}

/// A portrait photo: a baseline JPEG of known size.
#[derive(Clone, PartialEq, Eq)]
pub struct Photo {
    jpeg: Arc<[u8]>,
    width: u32,
    height: u32,
}

impl std::fmt::Debug for Photo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Photo({})", self.describe())
    }
}

impl Photo {
    /// A photo from an image file's bytes (JPEG or PNG, told by their content, not by a
    /// name): decoded under limits, upright, cropped to 3:4 about its centre, scaled and
    /// stored as JPEG.
    pub fn import(bytes: &[u8]) -> Result<Photo, PhotoError> {
        if bytes.len() as u64 > MAX_SOURCE_BYTES {
            return Err(PhotoError::TooLarge {
                bytes: bytes.len() as u64,
            });
        }
        let format = image::guess_format(bytes).ok();
        if !matches!(format, Some(ImageFormat::Jpeg | ImageFormat::Png)) {
            return Err(PhotoError::NotAnImage {
                found: format.map(|f| format!("{f:?}").to_uppercase()),
            });
        }
        // The JPEG decoder makes grey of what a cut file lacks, without a word.
        if format == Some(ImageFormat::Jpeg) && !jpeg_is_complete(bytes) {
            return Err(PhotoError::Broken(
                "the JPEG ends before its picture does (a cut or partly copied file)".into(),
            ));
        }
        let image = decode(bytes, MAX_SOURCE_SIDE, MAX_SOURCE_ALLOC, true)?;
        // Cropped to 3:4 about the centre first, then scaled: scaling first (what
        // `resize_to_fill` does) would make a 1 × 16 000 strip 300 × 4 800 000 pixels.
        let (w, h) = (image.width(), image.height());
        let (cw, ch) = if u64::from(w) * u64::from(HEIGHT) > u64::from(h) * u64::from(WIDTH) {
            (
                (u64::from(h) * u64::from(WIDTH) / u64::from(HEIGHT)).max(1) as u32,
                h,
            )
        } else {
            (
                w,
                (u64::from(w) * u64::from(HEIGHT) / u64::from(WIDTH)).max(1) as u32,
            )
        };
        let portrait = image
            .crop_imm((w - cw) / 2, (h - ch) / 2, cw, ch)
            .resize_exact(WIDTH, HEIGHT, image::imageops::FilterType::CatmullRom);
        // A transparent PNG is set on white, as it would be on the page.
        let rgb = flatten(portrait);
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, QUALITY)
            .encode_image(&rgb)
            .map_err(|e| PhotoError::Broken(e.to_string()))?;
        Ok(Photo {
            jpeg: jpeg.into(),
            width: rgb.width(),
            height: rgb.height(),
        })
    }

    /// A stored photo, checked: the JPEG an import makes, which decodes.
    pub fn from_jpeg(bytes: &[u8]) -> Result<Photo, PhotoError> {
        if bytes.len() > MAX_STORED_BYTES {
            return Err(PhotoError::Stored(format!(
                "it is {} KB; at most {} KB",
                bytes.len() / 1024,
                MAX_STORED_BYTES / 1024
            )));
        }
        let (width, height) = baseline_size(bytes).map_err(PhotoError::Stored)?;
        // The markers can claim what the data does not hold: decode it all.
        let decoded = decode(
            bytes,
            MAX_STORED_SIDE,
            u64::from(MAX_STORED_SIDE).pow(2) * 8,
            false,
        )
        .map_err(|e| PhotoError::Stored(e.to_string()))?;
        if (decoded.width(), decoded.height()) != (width, height) {
            return Err(PhotoError::Stored(
                "its size is not its frame header's".into(),
            ));
        }
        Ok(Photo {
            jpeg: bytes.into(),
            width,
            height,
        })
    }

    pub fn jpeg(&self) -> &[u8] {
        &self.jpeg
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    /// The pixels, RGBA row by row (for the editor's texture).
    pub fn rgba(&self) -> Vec<u8> {
        // Checked when made, so this decodes; an empty picture if the decoder disagrees.
        decode(&self.jpeg, MAX_STORED_SIDE, u64::MAX, false)
            .map(|i| i.into_rgba8().into_raw())
            .unwrap_or_else(|_| vec![255; (self.width * self.height * 4) as usize])
    }

    /// The photo as a `data:` URI (files, the HTML pack).
    pub fn data_uri(&self) -> String {
        let mut s = String::with_capacity(URI_PREFIX.len() + self.jpeg.len() * 4 / 3 + 4);
        s.push_str(URI_PREFIX);
        base64::engine::general_purpose::STANDARD.encode_string(&self.jpeg, &mut s);
        s
    }

    /// A photo from its `data:` URI.
    pub fn from_data_uri(uri: &str) -> Result<Photo, PhotoError> {
        let Some(data) = uri.strip_prefix(URI_PREFIX) else {
            return Err(PhotoError::Stored(format!(
                "expected a JPEG written as \"{URI_PREFIX}…\""
            )));
        };
        // Measured before decoding: a crafted 60 MB string is refused, not decoded.
        if data.len() > MAX_STORED_BYTES.div_ceil(3) * 4 {
            return Err(PhotoError::Stored(format!(
                "it is over {} KB",
                MAX_STORED_BYTES / 1024
            )));
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|e| PhotoError::Stored(format!("its base64 is broken ({e})")))?;
        Photo::from_jpeg(&bytes)
    }

    /// "JPEG 300 × 400, 34 KB", for diffs and the editor.
    pub fn describe(&self) -> String {
        format!(
            "JPEG {} × {}, {} KB",
            self.width,
            self.height,
            self.jpeg.len().div_ceil(1024)
        )
    }

    /// Whether `text` is how a file writes a photo (for views that show values as text).
    pub fn is_data_uri(text: &str) -> bool {
        text.starts_with(URI_PREFIX)
    }

    /// What a photo's `data:` URI is, said short ("a photo, 34 KB"), without decoding it.
    pub fn describe_uri(text: &str) -> String {
        let bytes = text.len().saturating_sub(URI_PREFIX.len()) / 4 * 3;
        format!("a photo (JPEG, {} KB)", bytes.div_ceil(1024))
    }
}

/// Decodes a JPEG or PNG under limits, upright by its orientation when `orient`.
fn decode(bytes: &[u8], side: u32, alloc: u64, orient: bool) -> Result<DynamicImage, PhotoError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| PhotoError::Broken(e.to_string()))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(side);
    limits.max_image_height = Some(side);
    limits.max_alloc = Some(alloc);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| refusal(e, side))?;
    let orientation = if orient {
        decoder.orientation().ok()
    } else {
        None
    };
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(PhotoError::Broken("it has no pixels".into()));
    }
    // Not every decoder keeps to `max_alloc` (the PNG one does not): the picture's own
    // size is measured here, before a byte of it is made.
    if decoder.total_bytes() > alloc {
        return Err(PhotoError::Broken(format!(
            "it is {width} × {height} pixels, which would need too much memory ({} MB; at most {} MB)",
            decoder.total_bytes() / (1024 * 1024),
            alloc / (1024 * 1024)
        )));
    }
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| refusal(e, side))?;
    if let Some(o) = orientation {
        image.apply_orientation(o);
    }
    Ok(image)
}

fn refusal(e: image::ImageError, side: u32) -> PhotoError {
    match e {
        image::ImageError::Limits(l) => match l.kind() {
            image::error::LimitErrorKind::DimensionError => PhotoError::Dimensions { max: side },
            _ => PhotoError::Broken(format!("it would need too much memory ({l})")),
        },
        image::ImageError::Unsupported(u) => PhotoError::Broken(u.to_string()),
        other => PhotoError::Broken(other.to_string()),
    }
}

/// The picture as RGB on white.
fn flatten(image: DynamicImage) -> image::RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let mut out = image::RgbImage::new(rgba.width(), rgba.height());
    for (o, p) in out.pixels_mut().zip(rgba.pixels()) {
        let a = u16::from(p[3]);
        for c in 0..3 {
            o[c] = ((u16::from(p[c]) * a + 255 * (255 - a)) / 255) as u8;
        }
    }
    out
}

/// The JFIF header an import writes: version 1.2, square pixels, no thumbnail.
const JFIF: [u8; 14] = [b'J', b'F', b'I', b'F', 0, 1, 2, 0, 0, 1, 0, 1, 0, 0];

/// The size a JPEG's frame header gives, if the file is, to the byte, the kind of JPEG an
/// import writes: a PDF's DCTDecode shows it as it is meant, and it carries nothing a
/// viewer does not show. The JFIF header an import writes and nothing else before the
/// tables; baseline, one frame of three 8-bit components with the standard ids 1, 2, 3
/// (luma sampled at most 2 × 2, chroma 1 × 1), YCbCr; exactly the tables its frame and
/// scan use, each as long as it holds; one interleaved scan of the whole picture, whose
/// entropy-coded data is decoded here code by code, block by block, and must end where
/// the picture's last block does (padded to its byte with ones, as encoders pad), then the
/// end-of-image marker and nothing after it. No application segment, comment, restart
/// interval or fill byte. The work is bounded by the file's bytes, not by what its header
/// claims.
fn baseline_size(bytes: &[u8]) -> Result<(u32, u32), String> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err("it is not a JPEG".into());
    }
    let hidden = |what: &str| Err(format!("it carries {what}, which no viewer shows"));
    let mut at = 2;
    // Width, height, and each component's (id, sampling factors, quantisation table).
    let mut frame: Option<(u32, u32, [Component; 3])> = None;
    let mut quant: [bool; 4] = [false; 4];
    // Huffman tables by class (0 DC, 1 AC) and slot.
    let mut huffman: [[Option<Huffman>; 4]; 2] = Default::default();
    let mut first = true;
    loop {
        let Some(&[0xFF, marker]) = bytes.get(at..at + 2) else {
            return Err("its markers are broken".into());
        };
        at += 2;
        if marker == 0xFF {
            return hidden("fill bytes between its segments");
        }
        if matches!(marker, 0xD9 | 0x01 | 0xD0..=0xD7) {
            return Err("it has no scan, or a marker outside its scan".into());
        }
        let Some(&[hi, lo]) = bytes.get(at..at + 2) else {
            return Err("it ends inside a marker".into());
        };
        let len = usize::from(u16::from_be_bytes([hi, lo]));
        if len < 2 || at + len > bytes.len() {
            return Err("a marker's length is wrong".into());
        }
        let seg = &bytes[at + 2..at + len];
        at += len;
        // The JFIF header first, as an import writes it, and only there.
        if first && marker != 0xE0 {
            return Err("it does not begin with the JFIF header an import writes".into());
        }
        if !first && marker == 0xE0 {
            return hidden("a second JFIF header");
        }
        first = false;
        match marker {
            0xE0 if seg == JFIF => {}
            // Adobe's marker: a transform of 0 with three components means RGB, not
            // YCbCr, which a PDF would show in the wrong colours.
            0xEE if seg.starts_with(b"Adobe") && seg.get(11) == Some(&0) => {
                return Err("its colours are not YCbCr".into());
            }
            0xE0..=0xEF => {
                return hidden("an application segment (EXIF, XMP, a profile or a thumbnail)");
            }
            0xFE => return hidden("a comment"),
            0xC0 => {
                if frame.is_some() {
                    return Err("it has two frame headers".into());
                }
                let [precision, h1, h0, w1, w0, components, ref rest @ ..] = *seg else {
                    return Err("its frame header is short".into());
                };
                let (width, height) = (
                    u32::from(u16::from_be_bytes([w1, w0])),
                    u32::from(u16::from_be_bytes([h1, h0])),
                );
                if precision != 8 || components != 3 || rest.len() < 9 {
                    return Err(format!(
                        "it has {components} components of {precision} bits; 3 of 8 are expected"
                    ));
                }
                if rest.len() != 9 {
                    return hidden("bytes after its frame header");
                }
                // Ids other than 1, 2, 3 (such as "R", "G", "B") make readers take the
                // picture for RGB, which a PDF would show in the wrong colours.
                if [rest[0], rest[3], rest[6]] != [1, 2, 3] {
                    return Err(format!(
                        "its components are named {:?}, not 1, 2, 3 (YCbCr) as a photo's are",
                        [rest[0], rest[3], rest[6]]
                    ));
                }
                if width == 0 || height == 0 || width.max(height) > MAX_STORED_SIDE {
                    return Err(format!(
                        "it is {width} × {height} pixels; at most {MAX_STORED_SIDE} on a side"
                    ));
                }
                let component = |k: usize| {
                    (
                        rest[k * 3 + 1] >> 4,
                        rest[k * 3 + 1] & 0x0F,
                        rest[k * 3 + 2],
                    )
                };
                let c = [component(0), component(1), component(2)];
                let luma_ok = (1..=2).contains(&c[0].0) && (1..=2).contains(&c[0].1);
                if !luma_ok || (c[1].0, c[1].1) != (1, 1) || (c[2].0, c[2].1) != (1, 1) {
                    let factors: Vec<(u8, u8)> = c.iter().map(|x| (x.0, x.1)).collect();
                    return Err(format!(
                        "its sampling factors {factors:?} are not a photo's"
                    ));
                }
                if c.iter().any(|x| x.2 > 3) {
                    return Err("its frame uses a quantisation table it cannot have".into());
                }
                frame = Some((width, height, c));
            }
            0xC1..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                return Err(
                    "it is not a baseline JPEG (extended, progressive, lossless or \
                     arithmetic-coded)"
                        .into(),
                );
            }
            // Quantisation tables: each a byte of precision and slot, then 64 entries of
            // one or two bytes; each slot once.
            0xDB => {
                let mut t = seg;
                while let Some(&pq) = t.first() {
                    let n = 1 + 64 * (1 + usize::from(pq >> 4));
                    let slot = usize::from(pq & 0x0F);
                    if pq >> 4 > 1 || slot > 3 || t.len() < n || quant[slot] {
                        return Err("a quantisation table is broken".into());
                    }
                    quant[slot] = true;
                    t = &t[n..];
                }
            }
            // Huffman tables: a byte of class and slot, sixteen counts, then the codes.
            0xC4 => {
                let mut t = seg;
                while !t.is_empty() {
                    let (class, slot) = (usize::from(t[0] >> 4), usize::from(t[0] & 0x0F));
                    let Some(counts) = t.get(1..17) else {
                        return Err("a Huffman table is broken".into());
                    };
                    let n = 17 + counts.iter().map(|&c| usize::from(c)).sum::<usize>();
                    if class > 1 || slot > 3 || t.len() < n || huffman[class][slot].is_some() {
                        return Err("a Huffman table is broken".into());
                    }
                    huffman[class][slot] = Some(Huffman::new(counts, &t[17..n])?);
                    t = &t[n..];
                }
            }
            0xDA => {
                let Some((width, height, components)) = frame else {
                    return Err("it has no frame header before its scan".into());
                };
                // Three components, ids 1, 2, 3, then spectral selection 0–63 and no
                // successive approximation: one baseline scan of the whole picture.
                let [3, 1, t1, 2, t2, 3, t3, 0, 63, 0] = *seg else {
                    return Err("its scan is not one baseline scan of its three components".into());
                };
                let tables = [t1, t2, t3];
                // Every table it has is used: an unused one would hold bytes no one sees.
                let used = |class: usize, slot: usize| {
                    tables
                        .iter()
                        .any(|&t| usize::from(if class == 0 { t >> 4 } else { t & 0x0F }) == slot)
                };
                let quant_used = |slot: usize| components.iter().any(|c| usize::from(c.2) == slot);
                // (Tables may come before or after the frame header; by the scan, all have.)
                if (0..4).any(|q| quant[q] != quant_used(q))
                    || (0..2).any(|c| (0..4).any(|t| huffman[c][t].is_some() != used(c, t)))
                {
                    return hidden("a table its picture does not use");
                }
                // The header as a whole, to the byte, is what an import writes for a
                // picture of this size: the tables too, whose unused codes and entries
                // could otherwise hold bytes no one sees.
                if !is_imports_header(&bytes[..at]) {
                    return Err(
                        "its header (tables, sampling, JFIF) is not the one an import writes"
                            .into(),
                    );
                }
                let end = scan(&bytes[at..], width, height, components, tables, &huffman)?;
                at += end;
                match bytes.get(at..at + 2) {
                    Some(&[0xFF, 0xD9]) => {}
                    Some(&[0xFF, 0xFE]) => return hidden("a comment"),
                    Some(&[0xFF, 0xE0..=0xEF]) => {
                        return hidden(
                            "an application segment (EXIF, XMP, a profile or a thumbnail)",
                        );
                    }
                    Some(&[0xFF, _]) => {
                        return Err("its scan is not followed by the end of the picture".into());
                    }
                    _ => return hidden("bytes after its picture's last block"),
                }
                at += 2;
                if at != bytes.len() {
                    return hidden(&format!("{} bytes after its end", bytes.len() - at));
                }
                return Ok((width, height));
            }
            _ => {
                return Err(format!(
                    "it has a segment (marker {marker:#04X}) a photo has not"
                ));
            }
        }
    }
}

/// The header an import writes, to the end of its scan header (made once, by encoding a
/// small picture as an import does), and where its frame header gives the size.
fn imports_header() -> &'static (Vec<u8>, usize) {
    static HEADER: std::sync::OnceLock<(Vec<u8>, usize)> = std::sync::OnceLock::new();
    HEADER.get_or_init(|| {
        let image = image::RgbImage::from_pixel(16, 16, image::Rgb([128, 128, 128]));
        let mut jpeg = Vec::new();
        // Encoding into memory cannot fail.
        let _ = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, QUALITY)
            .encode_image(&image);
        let (mut at, mut size) = (2, 0);
        while let Some(&[0xFF, marker, hi, lo]) = jpeg.get(at..at + 4) {
            if marker == 0xC0 {
                size = at + 5;
            }
            at += 2 + usize::from(u16::from_be_bytes([hi, lo]));
            if marker == 0xDA {
                break;
            }
        }
        jpeg.truncate(at);
        (jpeg, size)
    })
}

/// Whether `header` (a stored photo's, to the end of its scan header) is, but for the
/// picture's height and width, the one an import writes.
fn is_imports_header(header: &[u8]) -> bool {
    let (ours, size) = imports_header();
    header.len() == ours.len()
        && header[..*size] == ours[..*size]
        && header[size + 4..] == ours[size + 4..]
}

/// A component of a frame: its sampling factors across and down, and its quantisation
/// table.
type Component = (u8, u8, u8);

/// A Huffman table, as JPEG decoders hold one (ITU T.81, F.2.2.3).
#[derive(Clone)]
struct Huffman {
    /// For each code length: the largest code of that length (-1: none), the smallest,
    /// and where its values start.
    max: [i32; 17],
    min: [i32; 17],
    start: [usize; 17],
    values: Vec<u8>,
}

impl Huffman {
    fn new(counts: &[u8], values: &[u8]) -> Result<Huffman, String> {
        let mut h = Huffman {
            max: [-1; 17],
            min: [0; 17],
            start: [0; 17],
            values: values.to_vec(),
        };
        let (mut code, mut k) = (0i32, 0usize);
        for len in 1..=16 {
            let n = i32::from(counts[len - 1]);
            if n > 0 {
                h.start[len] = k;
                h.min[len] = code;
                code += n;
                k += n as usize;
                h.max[len] = code - 1;
            }
            // More codes of a length than there is room for: not a prefix code.
            if code > 1 << len {
                return Err("a Huffman table is broken".into());
            }
            code <<= 1;
        }
        Ok(h)
    }
}

/// Reads an entropy-coded segment bit by bit: a 0xFF byte is followed by a stuffed 0x00,
/// and any other marker ends the segment.
struct Bits<'a> {
    data: &'a [u8],
    at: usize,
    byte: u8,
    left: u8,
}

impl Bits<'_> {
    fn bit(&mut self) -> Result<i32, String> {
        if self.left == 0 {
            let Some(&b) = self.data.get(self.at) else {
                return Err("it ends before its picture does".into());
            };
            self.at += 1;
            if b == 0xFF {
                if self.data.get(self.at) != Some(&0) {
                    return Err("its scan ends (or restarts) before its picture does".into());
                }
                self.at += 1;
            }
            (self.byte, self.left) = (b, 8);
        }
        self.left -= 1;
        Ok(i32::from((self.byte >> self.left) & 1))
    }

    fn skip(&mut self, n: u8) -> Result<(), String> {
        for _ in 0..n {
            self.bit()?;
        }
        Ok(())
    }

    fn decode(&mut self, h: &Huffman) -> Result<u8, String> {
        let mut code = self.bit()?;
        for len in 1..=16 {
            if h.max[len] >= 0 && code <= h.max[len] {
                let i = h.start[len] + (code - h.min[len]) as usize;
                return h
                    .values
                    .get(i)
                    .copied()
                    .ok_or_else(|| "its picture's codes are broken".to_owned());
            }
            if len < 16 {
                code = (code << 1) | self.bit()?;
            }
        }
        Err("its picture's codes are broken".into())
    }
}

/// Decodes a baseline scan's entropy-coded data (codes only: no pixel is computed) and
/// returns where it ends, after the picture's last block and the ones that pad it to a
/// byte.
fn scan(
    data: &[u8],
    width: u32,
    height: u32,
    components: [Component; 3],
    tables: [u8; 3],
    huffman: &[[Option<Huffman>; 4]; 2],
) -> Result<usize, String> {
    let (hmax, vmax) = (u32::from(components[0].0), u32::from(components[0].1));
    let mcus = u64::from(width.div_ceil(8 * hmax)) * u64::from(height.div_ceil(8 * vmax));
    // Each block is at least two bits (a DC code and an end of block).
    let blocks_per_mcu: u64 = components
        .iter()
        .map(|c| u64::from(c.0) * u64::from(c.1))
        .sum();
    if (data.len() as u64).saturating_mul(4) < mcus * blocks_per_mcu {
        return Err(format!(
            "its {} bytes of picture cannot hold {width} × {height} pixels",
            data.len()
        ));
    }
    let table = |class: usize, slot: u8| -> Result<&Huffman, String> {
        huffman[class][usize::from(slot)]
            .as_ref()
            .ok_or_else(|| "its scan uses a Huffman table it does not have".to_owned())
    };
    let mut codes = Vec::with_capacity(3);
    for (c, &t) in components.iter().zip(&tables) {
        codes.push((c.0 * c.1, table(0, t >> 4)?, table(1, t & 0x0F)?));
    }
    let mut bits = Bits {
        data,
        at: 0,
        byte: 0,
        left: 0,
    };
    for _ in 0..mcus {
        for &(blocks, dc, ac) in &codes {
            for _ in 0..blocks {
                let size = bits.decode(dc)?;
                if size > 11 {
                    return Err("its picture's codes are broken".into());
                }
                bits.skip(size)?;
                let mut k = 1;
                while k < 64 {
                    let rs = bits.decode(ac)?;
                    let (run, size) = (rs >> 4, rs & 0x0F);
                    if size == 0 {
                        if run != 15 {
                            break;
                        }
                        k += 16;
                        continue;
                    }
                    k += usize::from(run);
                    if k > 63 || size > 10 {
                        return Err("its picture's codes are broken".into());
                    }
                    bits.skip(size)?;
                    k += 1;
                }
                if k > 64 {
                    return Err("its picture's codes are broken".into());
                }
            }
        }
    }
    // The last byte is padded with ones, as encoders pad it.
    if bits.left > 0 {
        let pad = (1u8 << bits.left) - 1;
        if bits.byte & pad != pad {
            return Err(
                "it carries bits after its picture's last block, which no viewer shows".into(),
            );
        }
    }
    Ok(bits.at)
}

/// Whether a JPEG's segments and scans run whole to its end-of-image marker (what follows
/// that marker, such as a phone's appended video, is not looked at).
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return false;
    }
    let mut at = 2;
    loop {
        // The next marker, after any fill bytes.
        if bytes.get(at) != Some(&0xFF) {
            return false;
        }
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let Some(&marker) = bytes.get(at) else {
            return false;
        };
        at += 1;
        match marker {
            0xD9 => return true,
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let Some(&[hi, lo]) = bytes.get(at..at + 2) else {
            return false;
        };
        let len = usize::from(u16::from_be_bytes([hi, lo]));
        if len < 2 || at + len > bytes.len() {
            return false;
        }
        at += len;
        if marker == 0xDA {
            // Entropy-coded data: a 0xFF in it is followed by 0 (a stuffed byte) or a
            // restart marker; anything else is the marker that ends the scan.
            loop {
                match bytes.get(at..at + 2) {
                    None => return false,
                    Some(&[0xFF, next]) if next == 0 || (0xD0..=0xD7).contains(&next) => at += 2,
                    Some(&[0xFF, _]) => break,
                    Some(_) => at += 1,
                }
            }
        }
    }
}

impl serde::Serialize for Photo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.data_uri())
    }
}

impl<'de> serde::Deserialize<'de> for Photo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Uri;
        impl serde::de::Visitor<'_> for Uri {
            type Value = Photo;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "a photo written as \"{URI_PREFIX}…\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Photo, E> {
                Photo::from_data_uri(v).map_err(E::custom)
            }
        }
        d.deserialize_str(Uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A picture of `w` × `h` as `format`, a gradient so that it compresses like a photo.
    pub fn picture(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x * 255 / w.max(1)) as u8, (y * 255 / h.max(1)) as u8, 128])
        });
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    #[test]
    fn an_import_is_a_small_portrait_that_reads_back() {
        let p = Photo::import(&picture(1600, 900, ImageFormat::Png)).unwrap();
        assert_eq!((p.width(), p.height()), (WIDTH, HEIGHT));
        assert!(p.jpeg().len() < 64 * 1024, "{}", p.describe());
        let again = Photo::from_data_uri(&p.data_uri()).unwrap();
        assert_eq!(again, p);
        let jpeg = Photo::import(&picture(300, 300, ImageFormat::Jpeg)).unwrap();
        assert_eq!(jpeg.rgba().len(), (WIDTH * HEIGHT * 4) as usize);
    }

    #[test]
    fn a_strip_of_one_pixel_is_cropped_before_it_is_scaled() {
        // Scaled first to fill 300 × 400, a 1 × 16 000 strip would be 300 × 4 800 000.
        for (w, h) in [(1, 16_000), (16_000, 1)] {
            let p = Photo::import(&picture(w, h, ImageFormat::Png)).unwrap();
            assert_eq!((p.width(), p.height()), (WIDTH, HEIGHT));
        }
    }

    #[test]
    fn what_is_not_a_photo_is_refused_with_its_reason() {
        assert!(matches!(
            Photo::import(b"GIF89a\x01\x00\x01\x00"),
            Err(PhotoError::NotAnImage { found: Some(f) }) if f == "GIF"
        ));
        assert!(matches!(
            Photo::import(b"hello"),
            Err(PhotoError::NotAnImage { found: None })
        ));
        let mut png = picture(40, 40, ImageFormat::Png);
        png.truncate(png.len() / 2);
        assert!(matches!(Photo::import(&png), Err(PhotoError::Broken(_))));
        // A PNG whose header claims 100 000 × 100 000 pixels: refused before any is made.
        let mut huge = picture(1, 1, ImageFormat::Png);
        huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let e = Photo::import(&huge).unwrap_err();
        assert!(
            matches!(e, PhotoError::Dimensions { .. } | PhotoError::Broken(_)),
            "{e:?}"
        );
    }

    #[test]
    fn a_stored_photo_must_be_what_an_import_makes() {
        // Progressive and greyscale JPEGs are not what an import stores.
        let grey = {
            let img = image::GrayImage::from_fn(30, 40, |x, _| image::Luma([x as u8 * 8]));
            let mut out = Cursor::new(Vec::new());
            img.write_to(&mut out, ImageFormat::Jpeg).unwrap();
            out.into_inner()
        };
        assert!(
            Photo::from_jpeg(&grey)
                .unwrap_err()
                .to_string()
                .contains("1 components")
        );
        let big = picture(1300, 20, ImageFormat::Jpeg);
        assert!(Photo::from_jpeg(&big).is_err());
        // At another quality (other tables) it is not what an import writes either.
        let other = picture(30, 40, ImageFormat::Jpeg);
        let e = Photo::from_jpeg(&other).unwrap_err().to_string();
        assert!(e.contains("not the one an import writes"), "{e}");
        let fine = {
            let img = image::RgbImage::from_fn(30, 40, |x, y| {
                image::Rgb([(x * 8) as u8, (y * 6) as u8, 128])
            });
            let mut out = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY)
                .encode_image(&img)
                .unwrap();
            out
        };
        assert_eq!(Photo::from_jpeg(&fine).unwrap().width(), 30);
        // Its frame header claiming a size beyond the limit, or none.
        let sof = fine.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        for width in [2000u16, 0] {
            let mut lying = fine.clone();
            lying[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
            assert!(Photo::from_jpeg(&lying).is_err(), "{width}");
        }
        // Every cut of a real JPEG is refused, never a panic, and never read as grey.
        for n in 0..fine.len() - 1 {
            assert!(Photo::from_jpeg(&fine[..n]).is_err(), "cut at {n}");
            assert!(Photo::import(&fine[..n]).is_err(), "cut at {n}");
        }
        // An Adobe marker saying RGB after the frame header; luma sampled 4 × 4; a frame
        // claiming more pixels than its bytes can hold (which would cost a decoder as much
        // time as a real photo of that size).
        let mut adobe = fine.clone();
        let len = usize::from(u16::from_be_bytes([fine[sof + 2], fine[sof + 3]]));
        let app14 = [
            0xFF, 0xEE, 0x00, 0x0E, b'A', b'd', b'o', b'b', b'e', 0, 100, 0, 0, 0, 0, 0,
        ];
        adobe.splice(sof + 2 + len..sof + 2 + len, app14);
        let e = Photo::from_jpeg(&adobe).unwrap_err().to_string();
        assert!(e.contains("not YCbCr"), "{e}");
        let mut sampled = fine.clone();
        sampled[sof + 11] = 0x44;
        let e = Photo::from_jpeg(&sampled).unwrap_err().to_string();
        assert!(e.contains("sampling factors"), "{e}");
        let mut claims = fine.clone();
        claims[sof + 5..sof + 9].copy_from_slice(&[0x04, 0xB0, 0x04, 0xB0]);
        let e = Photo::from_jpeg(&claims).unwrap_err().to_string();
        assert!(e.contains("cannot hold 1200 × 1200 pixels"), "{e}");
        // What nobody sees is refused: bytes after the end, an EXIF or comment segment,
        // a thumbnail in the JFIF header, a table longer than it holds; and components
        // named R, G, B, which readers take for RGB.
        let eoi = fine.len() - 2;
        let mut after = fine.clone();
        after.extend_from_slice(b"a secret appended");
        let mut exif = fine.clone();
        exif.splice(
            20..20,
            [0xFF, 0xE1, 0x00, 0x08, b'E', b'x', b'i', b'f', 0, 0],
        );
        // Inside the scan, before its end: data no block decodes.
        let mut inside = fine.clone();
        inside.splice(eoi..eoi, *b"hidden in the scan");
        // A table no component uses; a restart interval; an extended-sequential frame.
        let mut unused = fine.clone();
        let mut table = vec![0xFF, 0xDB, 0x00, 0x43, 0x03];
        table.extend([b'x'; 64]);
        unused.splice(20..20, table);
        let mut restart = fine.clone();
        restart.splice(20..20, [0xFF, 0xDD, 0x00, 0x04, 0x00, 0x10]);
        let mut extended = fine.clone();
        extended[sof + 1] = 0xC1;
        let mut comment = fine.clone();
        comment.splice(eoi..eoi, [0xFF, 0xFE, 0x00, 0x04, b'h', b'i']);
        let mut thumb = fine.clone();
        let app0 = thumb.windows(2).position(|w| w == [0xFF, 0xE0]).unwrap();
        thumb[app0 + 16] = 1;
        let mut padded = fine.clone();
        let dqt = padded.windows(2).position(|w| w == [0xFF, 0xDB]).unwrap();
        let n = u16::from_be_bytes([padded[dqt + 2], padded[dqt + 3]]);
        padded[dqt + 2..dqt + 4].copy_from_slice(&(n + 3).to_be_bytes());
        padded.splice(
            dqt + 2 + usize::from(n)..dqt + 2 + usize::from(n),
            [1, 2, 3],
        );
        let mut rgb = fine.clone();
        for (k, id) in [b'R', b'G', b'B'].into_iter().enumerate() {
            rgb[sof + 10 + 3 * k] = id;
        }
        for (name, bad, says) in [
            ("after", after, "bytes after its end"),
            ("exif", exif, "application segment"),
            ("comment", comment, "a comment"),
            ("thumbnail", thumb, "application segment"),
            ("padded", padded, "quantisation table"),
            ("rgb", rgb, "not 1, 2, 3"),
            ("inside", inside, "picture"),
            ("unused", unused, "a table its picture does not use"),
            ("restart", restart, "a segment (marker 0xDD)"),
            ("extended", extended, "not a baseline JPEG"),
        ] {
            let e = Photo::from_jpeg(&bad).unwrap_err().to_string();
            assert!(e.contains(says), "{name}: {e}");
        }
        assert!(Photo::from_data_uri("data:image/png;base64,AAAA").is_err());
        assert!(Photo::from_data_uri("data:image/jpeg;base64,!!!").is_err());
        let long = format!("{URI_PREFIX}{}", "A".repeat(MAX_STORED_BYTES * 2));
        assert!(
            Photo::from_data_uri(&long)
                .unwrap_err()
                .to_string()
                .contains("over")
        );
    }
}
