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

fn deflate(stream: &mut Stream) {
    let mut encoder = ZlibEncoder::new(
        Vec::with_capacity(stream.content.len() / 3),
        Compression::fast(),
    );
    let compressed = encoder
        .write_all(&stream.content)
        .and_then(|()| encoder.finish());
    if let Ok(compressed) = compressed
        && compressed.len() + 19 < stream.content.len()
    {
        stream
            .dict
            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream.set_content(compressed);
    }
}
