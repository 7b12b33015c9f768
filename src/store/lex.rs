//! Just enough of RON's lexical structure to look at a file before parsing it: find the
//! schema version at the top, and find comments (which a rewrite would lose).

/// Skips white space, comments and `#![enable(...)]` attributes from `i`.
fn skip_trivia(s: &[u8], mut i: usize) -> usize {
    loop {
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        if s[i..].starts_with(b"//") {
            while i < s.len() && s[i] != b'\n' {
                i += 1;
            }
        } else if s[i..].starts_with(b"/*") {
            i = block_comment_end(s, i);
        } else if s[i..].starts_with(b"#![") {
            while i < s.len() && s[i] != b']' {
                i += 1;
            }
            i = (i + 1).min(s.len());
        } else {
            return i;
        }
    }
}

/// RON block comments nest.
fn block_comment_end(s: &[u8], mut i: usize) -> usize {
    let mut depth = 0;
    while i < s.len() {
        if s[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if s[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    s.len()
}

/// The schema version and the byte offset of its number, when the file opens the way
/// Attaché writes it: `(schema: N, …` (optionally after attributes, comments and a struct
/// name). `None` when it does not; the full parse then says what is wrong.
pub(crate) fn peek_schema(text: &str) -> Option<(u64, usize)> {
    let s = text.as_bytes();
    let mut i = skip_trivia(s, 0);
    while i < s.len() && (s[i].is_ascii_alphanumeric() || s[i] == b'_') {
        i += 1;
    }
    i = skip_trivia(s, i);
    if s.get(i) != Some(&b'(') {
        return None;
    }
    i = skip_trivia(s, i + 1);
    if !s[i..].starts_with(b"schema") {
        return None;
    }
    i = skip_trivia(s, i + "schema".len());
    if s.get(i) != Some(&b':') {
        return None;
    }
    i = skip_trivia(s, i + 1);
    let start = i;
    while i < s.len() && (s[i].is_ascii_alphanumeric() || matches!(s[i], b'_' | b'+' | b'.')) {
        i += 1;
    }
    ron_unsigned(&text[start..i]).map(|n| (n, start))
}

/// An unsigned integer as RON reads it: `15`, `1_5` (also 15), `0x2`, `0o17`, `0b10`.
/// Anything else is `None`, and the full parse judges it. Reading `1_5` as 1 would take a
/// newer file for an old one.
fn ron_unsigned(token: &str) -> Option<u64> {
    let digits = token.strip_prefix('+').unwrap_or(token);
    let (radix, digits) = match digits.get(..2) {
        Some("0x") => (16, &digits[2..]),
        Some("0o") => (8, &digits[2..]),
        Some("0b") => (2, &digits[2..]),
        _ => (10, digits),
    };
    if digits.starts_with('_') || digits.is_empty() {
        return None;
    }
    let digits: String = digits.chars().filter(|&c| c != '_').collect();
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(&digits, radix).ok()
}

/// What a walk over a file finds that matters to a look before parsing: plain strings
/// (by the offsets of their quotes) and comments (by where they start). Raw strings and
/// char literals are passed over, so that a quote or `//` inside them counts for nothing.
enum Piece {
    String { open: usize, close: usize },
    Comment { at: usize },
}

/// The strings and comments of `text`, in order.
fn pieces(text: &str) -> impl Iterator<Item = Piece> + '_ {
    let s = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < s.len() {
            match s[i] {
                b'"' => {
                    let open = i;
                    i += 1;
                    while i < s.len() && s[i] != b'"' {
                        i += if s[i] == b'\\' { 2 } else { 1 };
                    }
                    let close = i;
                    i += 1;
                    if close < s.len() {
                        return Some(Piece::String { open, close });
                    }
                }
                // Raw strings: r"…", r#"…"#, br##"…"## and so on.
                // (`r#ident`, a raw identifier, has no quote after the hashes.)
                b'r' if matches!(s.get(i + 1), Some(b'"' | b'#')) => {
                    let mut j = i + 1;
                    while s.get(j) == Some(&b'#') {
                        j += 1;
                    }
                    if s.get(j) != Some(&b'"') {
                        i += 1;
                        continue;
                    }
                    let mut close = vec![b'"'];
                    close.extend(std::iter::repeat_n(b'#', j - i - 1));
                    i = match s[j + 1..].windows(close.len()).position(|w| w == close) {
                        Some(p) => j + 1 + p + close.len(),
                        None => s.len(),
                    };
                }
                b'\'' => {
                    // A char literal: skip it so that '"' does not open a string.
                    i += 1;
                    while i < s.len() && s[i] != b'\'' {
                        i += if s[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
                b'/' if s.get(i + 1) == Some(&b'/') => {
                    let at = i;
                    while i < s.len() && s[i] != b'\n' {
                        i += 1;
                    }
                    return Some(Piece::Comment { at });
                }
                b'/' if s.get(i + 1) == Some(&b'*') => {
                    let at = i;
                    i = block_comment_end(s, i);
                    return Some(Piece::Comment { at });
                }
                _ => i += 1,
            }
        }
        None
    })
}

/// The byte offset of the first comment outside strings, if any.
pub(crate) fn first_comment(text: &str) -> Option<usize> {
    pieces(text).find_map(|p| match p {
        Piece::Comment { at } => Some(at),
        Piece::String { .. } => None,
    })
}

/// The last plain string literal (`"…"`) that closes before `offset`, as the byte offsets
/// of its opening and closing quotes. For a syntax error: a quote left open reads as a
/// string up to the next quote.
pub(crate) fn last_string_before(text: &str, offset: usize) -> Option<(usize, usize)> {
    pieces(text)
        .map_while(|p| match p {
            Piece::String { open, close } if close < offset => Some(Some((open, close))),
            Piece::Comment { at } if at < offset => Some(None),
            _ => None,
        })
        .flatten()
        .last()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peeks_the_schema() {
        assert_eq!(peek_schema("(schema: 1, meta: ()").map(|p| p.0), Some(1));
        assert_eq!(
            peek_schema("#![enable(implicit_some)]\n// hi\n/* a /* b */ */ Dossier ( schema :42,")
                .map(|p| p.0),
            Some(42)
        );
        assert_eq!(peek_schema("(meta: (), schema: 1)"), None);
        assert_eq!(peek_schema("{\"schema\": 1}"), None);
        assert_eq!(peek_schema(""), None);
        assert_eq!(peek_schema("(schema: 99999999999999999999999"), None);
        // Numbers as RON reads them, not only their leading digits.
        assert_eq!(peek_schema("(schema: 1_5,").map(|p| p.0), Some(15));
        assert_eq!(peek_schema("(schema: 0x2,").map(|p| p.0), Some(2));
        assert_eq!(peek_schema("(schema: 0b10)").map(|p| p.0), Some(2));
        assert_eq!(peek_schema("(schema: 1e3,"), None);
        assert_eq!(peek_schema("(schema: 1.5,"), None);
    }

    #[test]
    fn finds_comments_outside_strings() {
        assert_eq!(
            first_comment(r##"(a: "x // y", b: r#"/*"#, r#type: 1)"##),
            None
        );
        assert_eq!(first_comment("(a: \"q\\\"//\") // c"), Some(13));
        assert_eq!(first_comment("(a: 1) /* c */"), Some(7));
        assert_eq!(first_comment("(a: '\"') // c"), Some(9));
    }

    #[test]
    fn finds_the_last_string_before_an_offset_past_comments_and_raw_strings() {
        // The quote after `two` is left open: it reads as a string up to `e: "`.
        let text = "(a: \"one\", // \"x\"\n b: r#\"raw \" q\"#, c: '\"', d: \"two,\n e: \"three\")";
        let stop = text.find("three").unwrap();
        let (open, close) = last_string_before(text, stop).unwrap();
        assert_eq!(&text[open..=close], "\"two,\n e: \"");
        assert_eq!(last_string_before(text, text.find("one").unwrap()), None);
        assert_eq!(first_comment(text), text.find("//"));
    }
}
