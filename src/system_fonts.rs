//! Fonts of the machine, for the scripts too large to bundle: a Chinese, Japanese and Korean
//! face (Noto Sans CJK and its peers are 15–20 MB each). Looked for once, in the places the
//! usual systems install them, then through fontconfig; a file is only taken if it parses and
//! covers all three scripts.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use skrifa::{FontRef, MetadataProvider};

/// A font read from the system: its bytes, and the face's index in a collection (`.ttc`).
#[derive(Clone)]
pub struct SystemFont {
    pub path: PathBuf,
    pub bytes: Arc<[u8]>,
    pub index: u32,
}

/// Bigger than any real CJK face; a file beyond it is not read.
const MAX_BYTES: u64 = 64 << 20;

/// Where Debian, Ubuntu, Fedora, Arch, macOS and Windows put a face with the three scripts.
const KNOWN: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "C:\\Windows\\Fonts\\malgun.ttf",
];

/// One character of each script: Han (Chinese and Japanese), kana, Hangul.
const PROBE: [char; 3] = ['中', 'の', '한'];

/// The machine's CJK face, looked for on first use.
pub fn cjk() -> Option<&'static SystemFont> {
    static FOUND: OnceLock<Option<SystemFont>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            KNOWN
                .iter()
                .map(PathBuf::from)
                .chain(fontconfig())
                .find_map(|path| read(&path))
        })
        .as_ref()
}

/// What fontconfig matches for Chinese text, when it is installed.
fn fontconfig() -> Option<PathBuf> {
    let out = std::process::Command::new("fc-match")
        .args(["--format=%{file}", "sans-serif:lang=zh-cn"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let path = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !path.is_empty()).then(|| PathBuf::from(path))
}

fn read(path: &Path) -> Option<SystemFont> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return None;
    }
    let bytes: Arc<[u8]> = std::fs::read(path).ok()?.into();
    let index = face_with_all(&bytes)?;
    Some(SystemFont {
        path: path.to_owned(),
        bytes,
        index,
    })
}

/// The first face of `bytes` (a font or a collection) that has every probe character, and
/// that the pack can use: sane metrics, and a subset of the probe's glyphs made without
/// error. A face that fails then (a variable CFF2 face, say) would leave a page naming a
/// font that was never embedded; it is better not taken, and the warning says so.
fn face_with_all(bytes: &[u8]) -> Option<u32> {
    let faces = match skrifa::raw::FileRef::new(bytes).ok()? {
        skrifa::raw::FileRef::Font(_) => 1,
        skrifa::raw::FileRef::Collection(c) => c.len().min(64),
    };
    (0..faces).find(|&i| FontRef::from_index(bytes, i).is_ok_and(|f| usable(bytes, i, &f, &PROBE)))
}

fn usable(bytes: &[u8], index: u32, font: &FontRef, probe: &[char]) -> bool {
    let charmap = font.charmap();
    let Some(glyphs) = probe
        .iter()
        .map(|&c| charmap.map(c))
        .collect::<Option<Vec<_>>>()
    else {
        return false;
    };
    // The OpenType range; 0 would divide every advance by zero.
    let upem = font
        .metrics(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        )
        .units_per_em;
    if !(16..=16384).contains(&upem) {
        return false;
    }
    let mut mapper = subsetter::GlyphRemapper::new();
    for g in glyphs {
        match u16::try_from(g.to_u32()) {
            Ok(g) => {
                mapper.remap(g);
            }
            Err(_) => return false,
        }
    }
    subsetter::subset(bytes, index, &mapper).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_a_cjk_font_is_not_taken() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("junk.ttc");
        std::fs::write(&junk, b"ttcf\0\0\0\0\xff\xff\xff\xff garbage").unwrap();
        assert!(read(&junk).is_none());
        let latin = dir.path().join("latin.ttf");
        std::fs::write(&latin, crate::layout::REGULAR).unwrap();
        assert!(read(&latin).is_none(), "Noto Sans has no Han");
        assert!(read(dir.path()).is_none(), "a folder");
    }

    /// A face's `head` table, where its units per em are (at byte 18).
    fn head_at(font: &[u8]) -> usize {
        let tables = usize::from(u16::from_be_bytes([font[4], font[5]]));
        (0..tables)
            .map(|i| 12 + 16 * i)
            .find(|&r| &font[r..r + 4] == b"head")
            .map(|r| u32::from_be_bytes(font[r + 8..r + 12].try_into().unwrap()) as usize)
            .unwrap()
    }

    #[test]
    fn a_face_without_a_probe_character_or_with_broken_metrics_is_not_taken() {
        let good = crate::layout::REGULAR;
        let font = FontRef::new(good).unwrap();
        assert!(usable(good, 0, &font, &['a', 'é']));
        assert!(
            !usable(good, 0, &font, &['a', '中']),
            "lacks a probe character"
        );
        // Units per em of 0 would divide every advance by zero.
        let mut zero = good.to_vec();
        let at = head_at(&zero) + 18;
        zero[at..at + 2].copy_from_slice(&0u16.to_be_bytes());
        let font = FontRef::new(&zero).unwrap();
        assert!(!usable(&zero, 0, &font, &['a']));
    }
}
