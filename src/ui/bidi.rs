//! Right-to-left names in text that is only shown. egui shapes each run of one face (an
//! Arabic word joined, a Hebrew word drawn from the right) but lays the runs out left to
//! right in the order they are written, and a space is a run of its own (the Latin face
//! has it): "אברהם לוי" showed its two words swapped. `visual` puts such text in an order
//! egui draws right, by the Unicode bidi algorithm, for labels and the print preview.
//!
//! Text being edited cannot be reordered: egui's cursor walks the text as written, so a
//! field shows each right-to-left word right and their order as typed. What assistive
//! technology reads stays the text as written (see `label`).

use std::borrow::Cow;

use unicode_bidi::{BidiInfo, Level};

// A right-to-left script's character: egui takes it from that script's face, with the
// letters around it.
use crate::layout::is_rtl;

/// A bracket as it shows in right-to-left text (mirrored).
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        c => c,
    }
}

/// `text` in the order egui draws it right: each line read left to right (as packs are),
/// its right-to-left stretches with their words from the right. Each word of a
/// right-to-left script stays as written (egui's shaping draws it from the right); the
/// spaces and punctuation between them, drawn by the Latin face, are turned round.
pub fn visual(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_rtl) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        line_visual(line, &mut out);
    }
    Cow::Owned(out)
}

/// Whether `visual` would change `text`'s order.
pub fn reorders(text: &str) -> bool {
    text.chars().any(is_rtl)
}

/// A one-line text field's layout with its text in the order it reads: for a field
/// that is not being edited.
pub fn layouter(
    ui: &egui::Ui,
    text: &dyn egui::TextBuffer,
    _wrap: f32,
) -> std::sync::Arc<egui::Galley> {
    let font = egui::FontSelection::Default.resolve(ui.style());
    let colour = ui
        .visuals()
        .override_text_color
        .unwrap_or_else(|| ui.visuals().widgets.inactive.text_color());
    let job =
        egui::text::LayoutJob::simple_singleline(visual(text.as_str()).into_owned(), font, colour);
    ui.fonts_mut(|f| f.layout_job(job))
}

fn line_visual(line: &str, out: &mut String) {
    if !line.chars().any(is_rtl) {
        out.push_str(line);
        return;
    }
    let bidi = BidiInfo::new(line, Some(Level::ltr()));
    for para in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(para, para.range.clone());
        for range in runs {
            let run = &line[range.clone()];
            if !levels[range.start].is_rtl() {
                out.push_str(run);
                continue;
            }
            // Pieces of one face each: the script's own (kept) and the rest (turned).
            let mut pieces: Vec<(bool, &str)> = Vec::new();
            let mut start = 0;
            let mut current = None;
            for (i, c) in run.char_indices() {
                let own = is_rtl(c);
                if current.is_some_and(|o| o != own) {
                    pieces.push((current.unwrap_or(false), &run[start..i]));
                    start = i;
                }
                current = Some(own);
            }
            pieces.push((current.unwrap_or(false), &run[start..]));
            for (own, piece) in pieces.into_iter().rev() {
                if own {
                    out.push_str(piece);
                } else {
                    out.extend(piece.chars().rev().map(mirrored));
                }
            }
        }
    }
}

/// A label showing `written` (styled by `style`) in the order it reads, and read out by
/// a screen reader as written.
pub fn label(
    ui: &mut egui::Ui,
    written: &str,
    style: impl FnOnce(egui::RichText) -> egui::RichText,
) -> egui::Response {
    match visual(written) {
        Cow::Borrowed(_) => ui.label(style(egui::RichText::new(written))),
        Cow::Owned(shown) => {
            // Not selectable: a copy would be in the order shown, not as written.
            let response =
                ui.add(egui::Label::new(style(egui::RichText::new(shown))).selectable(false));
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, written));
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_words_come_in_the_order_they_read() {
        assert_eq!(visual("Kenya"), "Kenya");
        // Two Hebrew words: the first on the right.
        assert_eq!(visual("אברהם לוי"), "לוי אברהם");
        assert_eq!(visual("Dr. محمد بن راشد"), "Dr. راشد بن محمد");
        assert_eq!(
            visual("Washington, D.C. אברהם לוי (PM)"),
            "Washington, D.C. לוי אברהם (PM)"
        );
        // Punctuation between right-to-left words turns with them, brackets mirrored.
        assert_eq!(visual("אברהם (לוי)"), "(לוי) אברהם");
        // Numbers inside stay as written, on their side.
        assert_eq!(visual("לוי 12 אברהם"), "אברהם 12 לוי");
        // Lines each their own.
        assert_eq!(visual("אברהם לוי\nSmith"), "לוי אברהם\nSmith");
        // Nothing lost or added.
        let s = "أ ب، ج — ד ה";
        let mut a: Vec<char> = visual(s).chars().collect();
        let mut b: Vec<char> = s.chars().collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
    }
}
