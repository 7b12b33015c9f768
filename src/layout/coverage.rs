//! Which text the pack's fonts cannot print: a character neither Noto Sans, a bundled
//! fallback nor the system's CJK face has (Tamil, Cherokee, many symbols) prints as the
//! replacement character �; the officer is told where, before the pack goes out.

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
    // The system's CJK face is the fallback after the bundled ones. It is tens of MB
    // read from disk, so it is looked for only when a character needs it.
    let system_cjk = std::cell::OnceCell::new();
    let covered = |c: char| {
        charmap.map(c).is_some()
            || fallbacks.iter().any(|f| f.charmap().map(c).is_some())
            || system_cjk
                .get_or_init(|| {
                    super::fallback_face(super::FALLBACKS.len() as u8, false)
                        .and_then(|(bytes, index)| FontRef::from_index(bytes, index).ok())
                })
                .as_ref()
                .is_some_and(|f| f.charmap().map(c).is_some())
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
        // A missing character was looked for in the system's face, so it has been sought.
        let cjk = cjk_note(&missing, system_cjk.get().is_some_and(Option::is_some));
        let more = if missing.len() > 8 { "…" } else { "" };
        problems.push(Problem {
            severity: Severity::Warning,
            item,
            field: Some(field),
            message: format!(
                "the pack's fonts have no glyph for {shown}{more} ({} character{}); \
                 a printed pack shows \u{FFFD} in their place (copied or read aloud, they \
                 are as written){cjk}",
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
    // One problem per marking, however many of its parts lack glyphs; and an error that
    // stops the pack, for a banner of boxes would not say how the pack is marked.
    problems.dedup_by(|b, a| {
        a.item == b.item && a.field == b.field && matches!(a.field, Some("marking" | "levels"))
    });
    for p in &mut problems {
        if matches!(p.field, Some("marking" | "levels")) {
            p.severity = Severity::Error;
            p.blocks_pack = true;
            p.message = format!(
                "a marking must print as it reads, and {}",
                p.message
                    .replace("a printed pack shows \u{FFFD} in their place (copied or read aloud, they are as written)", "a pack would show \u{FFFD} wherever it prints it")
            );
        }
    }
    problems
}

/// What to do when the missing characters are Chinese, Japanese or Korean: their faces are
/// too large to bundle, and packs use the system's, when it has one.
fn cjk_note(missing: &[char], installed: bool) -> &'static str {
    match (missing.iter().any(|&c| super::fonts::is_cjk(c)), installed) {
        (false, _) => "",
        (true, false) => {
            " (no Chinese, Japanese or Korean font is installed; on Debian or Ubuntu: \
             apt install fonts-noto-cjk)"
        }
        (true, true) => " (the installed Chinese, Japanese and Korean font lacks them)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_fields_and_characters_the_font_lacks() {
        let mut d = Dossier::new("Visite à Genève — Ελλάδα, Україна");
        d.meta.venue = "சென்னை Chennai".to_owned();
        let problems = unprintable(&d);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert_eq!((p.item, p.field), (ItemRef::Meta, Some("venue")));
        assert!(p.message.contains("சென"), "{}", p.message);
        assert!(!p.message.contains("Korean"), "Tamil is not CJK");
        // The bundled fallbacks print these.
        d.meta.venue = "القاهرة ירושלים አዲስ አበባ नई दिल्ली กรุงเทพฯ".to_owned();
        assert_eq!(unprintable(&d), vec![]);
    }

    #[test]
    fn a_marking_the_fonts_cannot_print_stops_the_pack() {
        let mut d = Dossier::new("Visit");
        d.meta.marking = crate::model::Marking::parse("OFFICIAL//REL TO ᏣᎳᎩ").unwrap();
        let problems = unprintable(&d);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert_eq!((p.severity, p.blocks_pack), (Severity::Error, true));
        assert!(
            p.message.starts_with("a marking must print as it reads"),
            "{}",
            p.message
        );
        assert!(p.message.contains("wherever it prints it"), "{}", p.message);
    }

    #[test]
    fn missing_chinese_says_what_to_install() {
        assert!(cjk_note(&['北', '京'], false).contains("apt install fonts-noto-cjk"));
        assert!(cjk_note(&['한'], true).contains("lacks them"));
        assert_eq!(cjk_note(&['Ꭰ'], false), "");
    }
}
