//! A diff as people and scripts read it: a short text report (one change = one location
//! line, then the old and new value) and a JSON document.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use super::{Change, Kind, Part, summary, value};

/// Whether to colour the text report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Never,
    Always,
}

struct Paint {
    on: bool,
}

impl Paint {
    fn style(&self, style: Style, text: &str) -> String {
        if self.on {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }
}

fn fg(c: AnsiColor) -> Style {
    Style::new().fg_color(Some(c.into()))
}

pub use crate::model::text::{visible, visible_line};

/// The text report: a heading per part of the dossier, then each change.
pub fn text(changes: &[Change], color: Color) -> String {
    let paint = Paint {
        on: color == Color::Always,
    };
    let mut s = String::new();
    let heading = |s: &mut String, text: &str, style: Style| {
        let _ = writeln!(s, "{}", paint.style(style, text));
    };
    let (marks, rest): (Vec<&Change>, Vec<&Change>) =
        changes.iter().partition(|c| c.marking.is_some());
    if !marks.is_empty() {
        heading(
            &mut s,
            &format!(
                "Markings: {} change{}, listed first",
                marks.len(),
                if marks.len() == 1 { "" } else { "s" }
            ),
            fg(AnsiColor::Yellow).bold().underline(),
        );
        for c in marks {
            one(&mut s, c, &paint);
        }
    }
    let mut part: Option<Part> = None;
    for c in rest {
        if part != Some(c.section) {
            part = Some(c.section);
            heading(&mut s, c.section.label(), Style::new().bold().underline());
        }
        one(&mut s, c, &paint);
    }
    let _ = writeln!(s, "{}", count_line(changes));
    s
}

/// "3 changes: 1 added, 1 moved, 1 changed".
pub fn count_line(changes: &[Change]) -> String {
    let n = |k: Kind| changes.iter().filter(|c| c.kind == k).count();
    let parts: Vec<String> = [
        (Kind::Added, "added"),
        (Kind::Removed, "removed"),
        (Kind::Moved, "moved"),
        (Kind::Changed, "changed"),
    ]
    .iter()
    .filter(|(k, _)| n(*k) > 0)
    .map(|(k, word)| format!("{} {word}", n(*k)))
    .collect();
    match changes.len() {
        0 => "no changes".to_owned(),
        1 => format!("1 change: {}", parts.join(", ")),
        n => format!("{n} changes: {}", parts.join(", ")),
    }
}

fn one(s: &mut String, c: &Change, paint: &Paint) {
    let (sign, style) = match (c.kind, c.marking) {
        (_, Some(m)) => (m.sign(), fg(AnsiColor::Yellow).bold()),
        (Kind::Added, _) => ("+", fg(AnsiColor::Green)),
        (Kind::Removed, _) => ("-", fg(AnsiColor::Red)),
        (Kind::Moved, _) => (">", fg(AnsiColor::Cyan)),
        (Kind::Changed, _) => ("~", fg(AnsiColor::Blue)),
    };
    let _ = writeln!(
        s,
        "{} {}: {}",
        paint.style(style, sign),
        paint.style(
            Style::new().bold(),
            &visible(&super::value::clip(&c.location, 200))
        ),
        visible(&summary(c))
    );
    let red = fg(AnsiColor::Red);
    let green = fg(AnsiColor::Green);
    match c.kind {
        Kind::Changed => {
            if let Some(words) = &c.words {
                // Long text: the one text with deletions and insertions marked in it,
                // as `git diff --word-diff` shows it.
                let mut line = String::new();
                for w in words {
                    match w.op {
                        "delete" => line.push_str(&paint.style(red, &format!("[-{}-]", w.text))),
                        "insert" => {
                            line.push_str(&paint.style(green, &format!("{{+{}+}}", w.text)))
                        }
                        _ => line.push_str(&w.text),
                    }
                }
                indent(s, "  ", &line);
            } else {
                indent(
                    s,
                    &paint.style(red, "  - "),
                    &value::display(c.old.as_ref()),
                );
                indent(
                    s,
                    &paint.style(green, "  + "),
                    &value::display(c.new.as_ref()),
                );
            }
        }
        Kind::Added if c.section == Part::Comments => {
            indent(
                s,
                &paint.style(green, "  + "),
                &value::display(c.new.as_ref()),
            );
        }
        _ => {}
    }
}

/// Writes a value under its change, every line of it indented, so that a multi-line text
/// cannot pass for a change of its own.
fn indent(s: &mut String, first: &str, text: &str) {
    let text = &*visible(text);
    let pad = " ".repeat(4);
    for (i, line) in text.lines().enumerate() {
        if i == 0 {
            let _ = writeln!(s, "{first}{line}");
        } else {
            let _ = writeln!(s, "{pad}{line}");
        }
    }
    if text.is_empty() {
        let _ = writeln!(s, "{first}");
    }
}

#[derive(Serialize)]
struct Document<'a> {
    /// The version of this JSON document's shape.
    format: u32,
    old: &'a str,
    new: &'a str,
    equal: bool,
    changes: &'a [Change],
}

/// The JSON document (`--format json`); its shape is documented in docs/review.md.
pub fn json(changes: &[Change], old: &str, new: &str) -> String {
    let doc = Document {
        format: 1,
        old,
        new,
        equal: changes.is_empty(),
        changes,
    };
    serde_json::to_string_pretty(&doc).expect("a diff serializes") + "\n"
}
