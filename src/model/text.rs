//! Text from a shared file as Attaché checks and shows it: one module for the characters
//! that may not be in a dossier (controls, direction controls) and for how messages,
//! reports and the editor show the characters a person cannot see (`‹U+202E›`), so that the
//! rule and its rendering are written once.

/// Characters that reorder how text displays and can make a name or a figure read as
/// something else (CVE-2021-42574, "Trojan Source").
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether the UTF-8 bytes may hold a character `check_text` rejects: C0 controls other
/// than tab and newline, DEL, C1 controls (0xC2 0x80..=0x9F) and the bidi controls
/// U+202A..=U+202E (0xE2 0x80 0xAA..=0xAE) and U+2066..=U+2069 (0xE2 0x81 0xA6..=0xA9).
/// A byte scan, because validation reads every text field of the dossier.
fn has_suspect_bytes(b: &[u8]) -> bool {
    // Chunks without an early exit inside let the compiler vectorise the common case.
    b.chunks(64).enumerate().any(|(n, chunk)| {
        let lead = chunk.iter().fold(false, |acc, &c| {
            acc | ((c < 0x20) & (c != b'\n') & (c != b'\t'))
                | (c == 0x7F)
                | (c == 0xC2)
                | (c == 0xE2)
        });
        lead && (0..chunk.len()).any(|j| {
            let i = n * 64 + j;
            match b[i] {
                b'\n' | b'\t' => false,
                0..0x20 | 0x7F => true,
                0xC2 => matches!(b.get(i + 1), Some(0x80..=0x9F)),
                0xE2 => matches!(
                    (b.get(i + 1), b.get(i + 2)),
                    (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
                ),
                _ => false,
            }
        })
    })
}

/// Why text may not be in a dossier: a control character (tab and line break aside) or a
/// bidirectional control; `None` when it may.
pub fn check_text(text: &str) -> Option<String> {
    if !has_suspect_bytes(text.as_bytes()) {
        return None;
    }
    let c = text
        .chars()
        .find(|&c| is_bidi_control(c) || (c.is_control() && c != '\n' && c != '\t'))?;
    Some(if is_bidi_control(c) {
        format!(
            "contains the bidirectional control character U+{:04X}, which can disguise text",
            c as u32
        )
    } else {
        format!("contains the control character U+{:04X}", c as u32)
    })
}

/// User text quoted in a message, shortened: a message is read, and one item's long name
/// quoted in a warning on each of thousands of items would be megabytes.
/// A line break in quoted text shows as ‹U+000A›, as does any character a person cannot
/// see (as [`visible_line`] shows them): a message is one line, a name with a line break
/// in it must not start a line of its own that passes for another message, and two names
/// that look alike must not read as one.
pub fn short(s: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 80;
    let cut = match s.char_indices().nth(MAX) {
        None => std::borrow::Cow::Borrowed(s),
        Some((at, _)) => std::borrow::Cow::Owned(format!("{}…", &s[..at])),
    };
    match visible_line(&cut) {
        std::borrow::Cow::Borrowed(_) => cut,
        shown => std::borrow::Cow::Owned(shown.into_owned()),
    }
}

/// Text from a dossier as a terminal may show it: control characters (an escape sequence
/// could drive the terminal), direction controls and invisible characters (which could
/// make two texts look alike) are written as `‹U+001B›`. Line breaks and tabs stay.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    shown(s, |c| c == '\n' || c == '\t')
}

/// As [`visible`], for text that must stay on one line (a name inside a message): line
/// breaks and tabs are shown too, so that a crafted name cannot add lines of its own.
pub fn visible_line(s: &str) -> std::borrow::Cow<'_, str> {
    shown(s, |_| false)
}

fn shown(s: &str, kept: impl Fn(char) -> bool) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && !kept(c))
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
    };
    if !s.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            out.push_str(&format!("‹U+{:04X}›", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}
