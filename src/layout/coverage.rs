//! Which text the pack's fonts cannot print: a character neither Noto Sans nor a bundled
//! fallback has (Chinese, Japanese, Korean, many symbols) prints as an empty box; the
//! officer is told where, before the pack goes out.

use rustc_hash::{FxHashMap, FxHashSet};
use skrifa::{FontRef, MetadataProvider};

use super::REGULAR;
use crate::model::{Dossier, ItemRef, Problem, Severity};

/// A warning for every field with characters the pack's fonts have no glyph for.
pub fn unprintable(d: &Dossier) -> Vec<Problem> {
    // Only the character map is needed (the four faces cover the same characters), not
    // the metrics and shaping data of `Fonts`: this runs with every revalidation.
    let font = FontRef::new(REGULAR).expect("the bundled fonts parse");
    let charmap = font.charmap();
    let fallbacks: Vec<FontRef> = super::FALLBACKS
        .iter()
        .filter_map(|f| FontRef::new(f.regular).ok())
        .collect();
    let covered = |c: char| {
        charmap.map(c).is_some() || fallbacks.iter().any(|f| f.charmap().map(c).is_some())
    };
    let mut known: FxHashMap<char, bool> = FxHashMap::default();
    let mut problems = Vec::new();
    let mut check = |item, field, text: &str| {
        if text.is_ascii() {
            return;
        }
        // A set, in order met: a crafted field may hold thousands of different characters.
        let mut seen = FxHashSet::default();
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if c.is_ascii() || super::is_invisible(c) {
                continue;
            }
            let printable = *known.entry(c).or_insert_with(|| covered(c));
            if !printable && seen.insert(c) {
                missing.push(c);
            }
        }
        if missing.is_empty() {
            return;
        }
        let shown: String = missing.iter().take(8).collect();
        // Chinese, Japanese and Korean faces are too large to bundle, and packs do not
        // take the system's yet (the editor does).
        let cjk = if missing.iter().any(|&c| is_cjk(c)) {
            " (packs have no Chinese, Japanese or Korean font yet)"
        } else {
            ""
        };
        let more = if missing.len() > 8 { "…" } else { "" };
        problems.push(Problem {
            severity: Severity::Warning,
            item,
            field: Some(field),
            message: format!(
                "the pack's fonts have no glyph for {shown}{more} ({} character{}); \
                 a printed pack shows empty boxes there{cjk}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            ),
            blocks_pack: false,
        });
    };
    d.for_each_text(&mut check);
    // Markings are printed in every banner: a box there is worse than anywhere else.
    d.for_each_marking_text(|item, text| {
        let field = if item == ItemRef::Scheme {
            "levels"
        } else {
            "marking"
        };
        check(item, field, text);
    });
    // One warning per marking, however many of its parts lack glyphs.
    problems.dedup_by(|b, a| {
        a.item == b.item && a.field == b.field && matches!(a.field, Some("marking" | "levels"))
    });
    problems
}

/// Han, kana, Hangul and their punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_fields_and_characters_the_font_lacks() {
        let mut d = Dossier::new("Visite à Genève — Ελλάδα, Україна");
        d.meta.venue = "北京 Beijing".to_owned();
        let problems = unprintable(&d);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert_eq!((p.item, p.field), (ItemRef::Meta, Some("venue")));
        assert!(p.message.contains("北京 (2 characters)"), "{}", p.message);
        assert!(p.message.contains("no Chinese, Japanese or Korean font"));
        // The bundled fallbacks print these.
        d.meta.venue = "القاهرة ירושלים አዲስ አበባ नई दिल्ली กรุงเทพฯ".to_owned();
        assert_eq!(unprintable(&d), vec![]);
        d.meta.venue = "Ꭰ".to_owned();
        let problems = unprintable(&d);
        assert_eq!(problems.len(), 1, "Cherokee is not bundled");
        assert!(!problems[0].message.contains("Korean"));
    }
}
