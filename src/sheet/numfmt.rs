//! A number in a workbook cell as the sheet shows it, by the cell's number format: a
//! telephone number kept with its leading zero ("0000000000" shows 612345678 as
//! 0612345678), its sign ("+"0 shows +33612345678), its grouping ((###) ###-####).
//!
//! Enough of Excel's format codes for what a delegation list holds: digit placeholders
//! (0 # ?), literals (quoted, escaped, and the characters shown as they are), thousands
//! separators, decimals, percent, sections by sign and by condition. Dates are read by the
//! workbook reader; a code this does not know leaves the number as the reader gives it.

/// The longest format code read.
const MAX_CODE: usize = 256;

/// The text `value` shows under `code`, or `None` when the code is not one of the above.
pub fn format(value: f64, code: &str) -> Option<String> {
    // A list's formats are a few characters; a crafted one of megabytes, read for every
    // cell, would be the whole import's time.
    if !value.is_finite() || code.len() > MAX_CODE {
        return None;
    }
    let sections = split_sections(code);
    let (section, value) = pick(&sections, value)?;
    render(section, value)
}

/// A format's sections, split at semicolons outside quotes and escapes.
fn split_sections(code: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = code.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                out.last_mut().expect("one").push(c);
            }
            '\\' if !quoted => {
                let s = out.last_mut().expect("one");
                s.push(c);
                if let Some(n) = chars.next() {
                    s.push(n);
                }
            }
            ';' if !quoted => out.push(String::new()),
            _ => out.last_mut().expect("one").push(c),
        }
    }
    out
}

/// A section's condition, "[<=9999999]", and the rest of the section.
fn condition(section: &str) -> Option<(&str, f64, &str)> {
    let rest = section.strip_prefix('[')?;
    let end = rest.find(']')?;
    let (inside, after) = (&rest[..end], &rest[end + 1..]);
    for op in ["<=", ">=", "<>", "<", ">", "="] {
        if let Some(n) = inside.strip_prefix(op) {
            return Some((op, n.trim().parse().ok()?, after));
        }
    }
    None
}

/// The section that shows `value`, and the value it shows (a negative number's own
/// section shows it without its sign).
fn pick(sections: &[String], value: f64) -> Option<(String, f64)> {
    if sections.iter().any(|s| condition(s).is_some()) {
        for s in sections {
            match condition(s) {
                Some((op, n, rest)) => {
                    let holds = match op {
                        "<=" => value <= n,
                        ">=" => value >= n,
                        "<>" => value != n,
                        "<" => value < n,
                        ">" => value > n,
                        _ => value == n,
                    };
                    if holds {
                        return Some((rest.to_owned(), value));
                    }
                }
                None => return Some((s.clone(), value)),
            }
        }
        return None;
    }
    match (sections.len(), value) {
        (_, v) if v > 0.0 || sections.len() == 1 => Some((sections[0].clone(), v)),
        (2.., v) if v < 0.0 => Some((sections[1].clone(), -v)),
        (3.., _) => Some((sections[2].clone(), value)),
        _ => Some((sections[0].clone(), value)),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// 0, # or ?
    Digit(char),
    Point,
    Literal(String),
    Percent,
}

fn tokens(section: &str) -> Option<(Vec<Token>, bool)> {
    let mut out = Vec::new();
    let mut grouping = false;
    let mut chars = section.chars().peekable();
    let lit = |out: &mut Vec<Token>, s: &str| out.push(Token::Literal(s.to_owned()));
    while let Some(c) = chars.next() {
        match c {
            '0' | '#' | '?' => out.push(Token::Digit(c)),
            '.' => out.push(Token::Point),
            '%' => out.push(Token::Percent),
            ',' => {
                // Between digit placeholders: thousands are grouped; after the last one,
                // the number is scaled, which no list needs.
                if matches!(chars.peek(), Some('0' | '#' | '?')) {
                    grouping = true;
                } else {
                    return None;
                }
            }
            '"' => {
                let mut s = String::new();
                for n in chars.by_ref() {
                    if n == '"' {
                        break;
                    }
                    s.push(n);
                }
                lit(&mut out, &s);
            }
            '\\' => lit(&mut out, &chars.next()?.to_string()),
            // Room the width of the next character, and a fill: nothing shown.
            '_' => {
                chars.next()?;
                lit(&mut out, " ");
            }
            '*' => {
                chars.next()?;
            }
            '[' => {
                // A colour or a locale: "[Red]", "[$-409]"; a currency "[$€-40C]" shows
                // its symbol. A bracket never closed is not a code read here.
                let mut inside = String::new();
                let mut closed = false;
                for n in chars.by_ref() {
                    if n == ']' {
                        closed = true;
                        break;
                    }
                    inside.push(n);
                }
                if !closed {
                    return None;
                }
                if let Some(cur) = inside.strip_prefix('$') {
                    let symbol = cur.split('-').next().unwrap_or("");
                    lit(&mut out, symbol);
                }
            }
            '$' | '-' | '+' | '/' | '(' | ')' | ':' | '!' | '^' | '&' | '\'' | '~' | '{' | '}'
            | '<' | '>' | '=' | ' ' => lit(&mut out, &c.to_string()),
            // "General" (or "@", text) in a section: the number as it is.
            'G' | 'g' if section.to_ascii_lowercase().contains("general") => return None,
            // Anything else (a date or time letter, an exponent): not a code read here.
            _ => return None,
        }
    }
    Some((out, grouping))
}

fn render(section: String, value: f64) -> Option<String> {
    let (tokens, grouping) = tokens(&section)?;
    // A fraction ("# ??/??"): not a code read here.
    let fraction = tokens.windows(2).any(|w| {
        matches!(
            (&w[0], &w[1]),
            (Token::Digit(_), Token::Literal(l)) | (Token::Literal(l), Token::Digit(_)) if l == "/"
        )
    });
    // Beyond what a double holds exactly, the digits shown would be invented.
    if fraction || value.abs() >= 1e15 {
        return None;
    }
    if !tokens.iter().any(|t| matches!(t, Token::Digit(_))) {
        // Text alone ("-" for zero in an accounting format). A section that shows
        // nothing (";;;", "[Red]") hides a value the cell holds: the value is read, not
        // dropped.
        let text: String = tokens
            .iter()
            .map(|t| match t {
                Token::Literal(s) => s.as_str(),
                _ => "",
            })
            .collect();
        return (!text.trim().is_empty()).then_some(text);
    }
    let percent = tokens.contains(&Token::Percent);
    let value = if percent { value * 100.0 } else { value };
    let point = tokens.iter().position(|t| *t == Token::Point);
    let (int_part, frac_part) = tokens.split_at(point.unwrap_or(tokens.len()));
    let frac_part = frac_part.get(1..).unwrap_or(&[]);
    let decimals = frac_part
        .iter()
        .filter(|t| matches!(t, Token::Digit(_)))
        .count();
    if decimals > 15 {
        return None;
    }
    let negative = value < 0.0;
    let fixed = format!("{:.*}", decimals, value.abs());
    let (int_digits, frac_digits) = fixed.split_once('.').unwrap_or((&fixed, ""));
    if int_digits.len() > 30 {
        return None;
    }
    let int_digits = if int_digits == "0" { "" } else { int_digits };
    let mut int_digits: Vec<char> = int_digits.chars().collect();
    if grouping {
        let mut grouped = Vec::new();
        for (i, c) in int_digits.iter().enumerate() {
            if i > 0 && (int_digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(*c);
        }
        int_digits = grouped;
    }

    // The integer digits fill the placeholders from the right; the leftmost takes all
    // that are left over.
    let places = int_part
        .iter()
        .filter(|t| matches!(t, Token::Digit(_)))
        .count();
    let mut out: Vec<String> = Vec::new();
    let mut left = int_digits.len();
    let mut seen = 0;
    for t in int_part.iter().rev() {
        match t {
            Token::Digit(p) => {
                seen += 1;
                let take = if seen == places { left } else { left.min(1) };
                // A grouping comma travels with the digit before it.
                let mut piece: String = int_digits[left - take..left].iter().collect();
                left -= take;
                if take == 1 && left > 0 && int_digits[left - 1] == ',' && seen != places {
                    piece.insert(0, ',');
                    left -= 1;
                }
                if piece.is_empty() {
                    piece = match p {
                        '0' => "0".into(),
                        '?' => " ".into(),
                        _ => String::new(),
                    };
                }
                out.push(piece);
            }
            Token::Literal(s) => out.push(s.clone()),
            Token::Percent => out.push("%".into()),
            Token::Point => {}
        }
    }
    out.reverse();
    let mut text: String = out.concat();
    if point.is_some() {
        text.push('.');
        let mut digits = frac_digits.chars();
        let mut frac = String::new();
        for t in frac_part {
            match t {
                Token::Digit(p) => {
                    let d = digits.next().unwrap_or('0');
                    frac.push(match (p, d) {
                        ('0', d) => d,
                        ('?', '0') => ' ',
                        ('#', '0') => '\u{0}',
                        (_, d) => d,
                    });
                }
                Token::Literal(s) => frac.push_str(s),
                Token::Percent => frac.push('%'),
                Token::Point => {}
            }
        }
        // Trailing zeros a # leaves out.
        let mut kept: String = frac.trim_end_matches('\u{0}').to_owned();
        kept.retain(|c| c != '\u{0}');
        text.push_str(&kept);
        if text.ends_with('.') && decimals > 0 {
            text.pop();
        }
    }
    if negative {
        text.insert(0, '-');
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn numbers_as_the_sheet_shows_them() {
        for (value, code, shown) in [
            (612345678.0, "0000000000", "0612345678"),
            (33612345678.0, "\"+\"0", "+33612345678"),
            (33612345678.0, "\\+0", "+33612345678"),
            (612345678.0, "00 00 00 00 00", "06 12 34 56 78"),
            (2025550101.0, "(###) ###-####", "(202) 555-0101"),
            (5550101.0, "[<=9999999]###-####;(###) ###-####", "555-0101"),
            (
                2025550101.0,
                "[<=9999999]###-####;(###) ###-####",
                "(202) 555-0101",
            ),
            (1234567.0, "#,##0", "1,234,567"),
            (1234.5, "#,##0.00", "1,234.50"),
            (0.25, "0%", "25%"),
            (-5.0, "0;(0)", "(5)"),
            (-5.0, "0", "-5"),
            (7.0, "000", "007"),
            (12.0, "@", "12"),
        ] {
            let got = format(value, code).unwrap_or_else(|| value.to_string());
            assert_eq!(got, shown, "{value} as {code}");
        }
        assert_eq!(format(45000.0, "dd/mm/yyyy"), None);
        assert_eq!(format(1.0, "General"), None);
        assert_eq!(format(1.0, &"0".repeat(100_000)), None);
        // Codes that would show nothing or garble the number leave it as it is.
        for code in ["[<=", "[", "[Red]", ";;;", "# ??/??", "# ?/?"] {
            assert_eq!(format(1.25, code), None, "{code}");
        }
        assert_eq!(format(1.2345678901234567e22, "0"), None);
    }
}
