//! Stream compression. printpdf's `optimize` deflates every stream at the slowest level,
//! which was a third of the time of a large export; a fast level costs a few per cent in
//! size, and the streams are compressed on all cores.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Document, Object, Stream};

/// Deflates every stream that is not filtered yet and gets smaller by it.
pub fn streams(doc: &mut Document) {
    let mut streams: Vec<&mut Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let chunk = streams.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in streams.chunks_mut(chunk) {
            scope.spawn(move || part.iter_mut().for_each(|s| deflate(s)));
        }
    });
}

/// Streams whose data ends in a carriage return (see `deflate`), from wherever they came
/// (printpdf compresses font files itself): deflated again until they do not.
pub fn no_trailing_cr(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        let Object::Stream(s) = object else { continue };
        if s.content.last() != Some(&b'\r') {
            continue;
        }
        let flate = s
            .dict
            .get(b"Filter")
            .is_ok_and(|f| f.as_name().is_ok_and(|n| n == b"FlateDecode"));
        if flate && let Ok(plain) = s.decompressed_content() {
            s.dict.remove(b"Filter");
            s.dict.remove(b"DecodeParms");
            s.set_content(plain);
        }
        if s.dict.get(b"Filter").is_err() {
            deflate(s);
        }
    }
}

fn deflate(stream: &mut Stream) {
    // Data that ends in a carriage return, followed by the line feed before `endstream`,
    // reads as ending one byte early (a CR LF end of line), and PDF/A validators then find
    // /Length wrong: another level gives other bytes.
    let compressed = [
        Compression::fast(),
        Compression::default(),
        Compression::best(),
    ]
    .into_iter()
    .filter_map(|level| {
        let mut encoder = ZlibEncoder::new(Vec::with_capacity(stream.content.len() / 3), level);
        encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish())
            .ok()
    })
    .find(|c| c.last() != Some(&b'\r'));
    if let Some(compressed) = compressed
        && compressed.len() + 19 < stream.content.len()
    {
        stream
            .dict
            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream.set_content(compressed);
    }
}
