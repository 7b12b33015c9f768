//! Which text the pack's fonts cannot print. printpdf has no font fallback, so a character
//! Noto Sans lacks (Chinese, Japanese, Korean, many symbols) would print as an empty box;
//! the officer is told where, before the pack goes out.

use rustc_hash::FxHashMap;
use skrifa::{FontRef, MetadataProvider};

use super::REGULAR;
use crate::model::{Dossier, Problem, Severity};

/// A warning for every field with characters the pack's font has no glyph for.
pub fn unprintable(d: &Dossier) -> Vec<Problem> {
    // Only the character map is needed (the four faces cover the same characters), not
    // the metrics and shaping data of `Fonts`: this runs with every revalidation.
    let font = FontRef::new(REGULAR).expect("the bundled fonts parse");
    let charmap = font.charmap();
    let mut known: FxHashMap<char, bool> = FxHashMap::default();
    let mut problems = Vec::new();
    d.for_each_text(|item, field, text| {
        if text.is_ascii() {
            return;
        }
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if c.is_ascii() || c.is_control() || missing.contains(&c) {
                continue;
            }
            let printable = *known.entry(c).or_insert_with(|| charmap.map(c).is_some());
            if !printable {
                missing.push(c);
            }
        }
        if missing.is_empty() {
            return;
        }
        let shown: String = missing.iter().take(8).collect();
        let more = if missing.len() > 8 { "…" } else { "" };
        problems.push(Problem {
            severity: Severity::Warning,
            item,
            field: Some(field),
            message: format!(
                "the pack's font has no glyph for {shown}{more} ({} character{}); \
                 a printed pack shows empty boxes there",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            ),
            unknown_level: false,
        });
    });
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemRef;

    #[test]
    fn names_the_fields_and_characters_the_font_lacks() {
        let mut d = Dossier::new("Visite à Genève — Ελλάδα, Україна");
        d.meta.venue = "北京 Beijing".to_owned();
        let problems = unprintable(&d);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert_eq!((p.item, p.field), (ItemRef::Meta, Some("venue")));
        assert!(p.message.contains("北京 (2 characters)"), "{}", p.message);
    }
}
