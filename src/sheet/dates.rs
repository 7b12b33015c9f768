//! Dates and times as offices type them in a delegation list: "2027-01-19 06:30",
//! "19/01/2027 06:30", "19.01.2027", "19 January 2027", "mardi 19 janvier 2027 à 6h30",
//! "January 19, 2027 6:30 AM".
//!
//! A date written with numbers alone (19/01/2027, 01/19/2027) is read in one order for
//! the whole list, never row by row: a list that mixes orders is a list of wrong dates.
//! The order is the one a date that can only be read one way shows (19/01 is day first);
//! failing that, the dossier's language (en-US writes month first); `--date-order`
//! overrides both.

use crate::model::{Date, Time};

/// Which number comes first in a date written with numbers alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    DayFirst,
    MonthFirst,
}

impl DateOrder {
    /// As the preview and `--date-order` name it.
    pub fn describe(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day first (19/01/2027)",
            DateOrder::MonthFirst => "month first (01/19/2027)",
        }
    }

    /// The order a dossier's language writes dates in: month first in the United States,
    /// day first everywhere else its packs are printed.
    pub fn of_language(tag: &str) -> DateOrder {
        let us = tag
            .split(['-', '_'])
            .skip(1)
            .any(|p| p.eq_ignore_ascii_case("us"));
        if us {
            DateOrder::MonthFirst
        } else {
            DateOrder::DayFirst
        }
    }
}

impl std::str::FromStr for DateOrder {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "dmy" | "day-first" => Ok(DateOrder::DayFirst),
            "mdy" | "month-first" => Ok(DateOrder::MonthFirst),
            _ => Err(format!("{s:?} is not a date order (dmy or mdy)")),
        }
    }
}

/// A date written with numbers alone, before its order is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Numeric {
    first: u32,
    second: u32,
    year: i32,
}

impl Numeric {
    /// The only order it can be read in, if only one.
    fn only(self) -> Option<DateOrder> {
        match (self.first > 12, self.second > 12) {
            (true, false) => Some(DateOrder::DayFirst),
            (false, true) => Some(DateOrder::MonthFirst),
            _ => None,
        }
    }
}

/// What a cell's date, written with numbers alone, says of the list's order: whether it
/// needs one decided, and the one it can only be read in. Read once for both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Numbers {
    /// Both numbers 12 or under, and different: it reads either way.
    pub ambiguous: bool,
    /// The only order it can be read in (a number over 12, or a weekday true in one).
    pub only: Option<DateOrder>,
}

pub fn examine(text: &str) -> Numbers {
    let Ok((words, _)) = split_time(&prepare(text)) else {
        return Numbers::default();
    };
    let Some(Parts::Numeric(n)) = date_parts(&words) else {
        return Numbers::default();
    };
    let only = n.only().or_else(|| {
        // "Tuesday 05/01/2027": the weekday is true in one order only.
        let said = words
            .iter()
            .filter(|w| is_weekday_word(w))
            .find_map(|w| weekday(w))?;
        let true_in = |order| {
            let (month, day) = match order {
                DateOrder::DayFirst => (n.second, n.first),
                DateOrder::MonthFirst => (n.first, n.second),
            };
            Date::new(n.year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
                .map(|d| weekday_of(d) == said)
        };
        match (true_in(DateOrder::DayFirst), true_in(DateOrder::MonthFirst)) {
            (Some(true), Some(false) | None) => Some(DateOrder::DayFirst),
            (Some(false) | None, Some(true)) => Some(DateOrder::MonthFirst),
            _ => None,
        }
    });
    Numbers {
        ambiguous: n.only().is_none() && n.first != n.second,
        only,
    }
}

#[cfg(test)]
fn only_order(text: &str) -> Option<DateOrder> {
    examine(text).only
}

#[cfg(test)]
fn ambiguous(text: &str) -> bool {
    examine(text).ambiguous
}

/// A cell's date and time, either of which may be missing (a time alone, a date alone).
/// The message says what was expected, in words.
pub fn parse(text: &str, order: DateOrder) -> Result<(Option<Date>, Option<Time>), String> {
    let shown = crate::model::short(text.trim()).into_owned();
    let prepared = prepare(text);
    let (words, time) = split_time(&prepared)
        .map_err(|t| format!("{shown:?}: {t:?} is not a time of day (06:30, 6h30, 6:30 AM)"))?;
    if words.is_empty() {
        return Ok((None, time));
    }
    let not_a_date = || {
        format!(
            "{shown:?} is not a date (2027-01-19, 19/01/2027, 19 January 2027, 19 janvier 2027; \
             a time may follow)"
        )
    };
    let (year, month, day) = match date_parts(&words).ok_or_else(not_a_date)? {
        Parts::Iso(y, m, d) => (y, m, d),
        Parts::Named(y, m, d) => (y, m, d),
        Parts::Numeric(n) => match order {
            DateOrder::DayFirst => (n.year, n.second, n.first),
            DateOrder::MonthFirst => (n.year, n.first, n.second),
        },
    };
    if !(1..=12).contains(&month) {
        return Err(format!(
            "{shown:?} has no month {month}; the list's dates are read {}",
            order.describe()
        ));
    }
    let date = Date::new(year, month as u8, u8::try_from(day).unwrap_or(0)).ok_or_else(|| {
        format!(
            "{shown:?} is not a day: {} {year} has no day {day}",
            crate::model::MONTHS[month as usize - 1]
        )
    })?;
    // "Monday 19 January 2027": the day of the week and the date disagree, and which is
    // wrong cannot be told.
    if let Some(said) = words
        .iter()
        .filter(|w| is_weekday_word(w))
        .find_map(|w| weekday(w))
        && said != weekday_of(date)
    {
        return Err(format!(
            "{shown:?}: {} is a {}, not a {}",
            date.long(),
            WEEKDAY_NAMES[weekday_of(date)],
            WEEKDAY_NAMES[said]
        ));
    }
    Ok((Some(date), time))
}

/// A workbook's date held as a number, in a cell not formatted as a date: Excel's serial
/// (days since 1899-12-30, the fraction the time of day). Only numbers that are days of
/// this century are taken as dates: a smaller or larger number in a date column is a
/// mistake to name, not a date to guess.
pub fn serial(text: &str) -> Option<(Date, Option<Time>)> {
    const FIRST: f64 = 36_526.0; // 2000-01-01
    const LAST: f64 = 73_050.0; // 2099-12-31
    let v: f64 = text.trim().parse().ok()?;
    if !(FIRST..=LAST).contains(&v) {
        return None;
    }
    let days = v.floor() as i64;
    let minutes = ((v - v.floor()) * 1440.0).round() as u32;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    let time = (minutes > 0 && minutes < 1440)
        .then(|| Time::new((minutes / 60) as u8, (minutes % 60) as u8))
        .flatten();
    Some((Date::new(year, month, day)?, time))
}

/// Month names and their abbreviations in English and French, accents aside (compared
/// after [`fold`]).
const MONTH_NAMES: [&[&str]; 12] = [
    &["january", "jan", "janvier", "janv"],
    &["february", "feb", "fevrier", "fevr", "fev"],
    &["march", "mar", "mars"],
    &["april", "apr", "avril", "avr"],
    &["may", "mai"],
    &["june", "jun", "juin"],
    &["july", "jul", "juillet", "juil"],
    &["august", "aug", "aout"],
    &["september", "sep", "sept", "septembre"],
    &["october", "oct", "octobre"],
    &["november", "nov", "novembre"],
    &["december", "dec", "decembre"],
];

const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The day of the week a word names (Monday 0), in English or French, full or short.
fn weekday(word: &str) -> Option<usize> {
    const NAMES: [&[&str]; 7] = [
        &["monday", "mon", "lundi", "lun"],
        &["tuesday", "tue", "tues", "mardi", "mar"],
        &["wednesday", "wed", "mercredi", "mer"],
        &["thursday", "thu", "thur", "thurs", "jeudi", "jeu"],
        &["friday", "fri", "vendredi", "ven"],
        &["saturday", "sat", "samedi", "sam"],
        &["sunday", "sun", "dimanche", "dim"],
    ];
    let w = word.trim_end_matches('.');
    NAMES.iter().position(|names| names.contains(&w))
}

/// The day of the week of a date (Monday 0).
fn weekday_of(d: Date) -> usize {
    // Days since 1970-01-01, a Thursday (Howard Hinnant's algorithm).
    let (y, m, day) = (
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    (days + 3).rem_euclid(7) as usize
}

const WEEKDAYS: [&str; 21] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
];
const WEEKDAYS_FR: [&str; 6] = ["vendredi", "samedi", "dimanche", "lun", "mer", "jeu"];

/// Lower case, accents off: "Février" and "fevrier" are one month.
pub(super) fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The cell's words: lower case, accents off, an ISO "T" and the words that introduce a
/// time ("à", "at") made spaces, commas dropped.
fn prepare(text: &str) -> Vec<String> {
    let mut s = fold(text.trim());
    // "2027-01-19T06:30": the T between a date and a time.
    if let Some(i) = s.find('t')
        && i > 0
        && s[..i].bytes().all(|b| b.is_ascii_digit() || b == b'-')
        && s[i + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        s.replace_range(i..=i, " ");
    }
    s.replace(',', " ")
        .split_whitespace()
        .filter(|w| !matches!(*w, "a" | "at" | "-"))
        .map(str::to_owned)
        .collect()
}

/// The words of the date, and the time after them if there is one. Err: the word that
/// looks like a time and is not one.
fn split_time(words: &[String]) -> Result<(Vec<String>, Option<Time>), String> {
    let mut words = words.to_vec();
    let meridiem = match words.last().map(|w| w.replace('.', "")).as_deref() {
        Some("am") => Some(false),
        Some("pm") => Some(true),
        _ => None,
    };
    if meridiem.is_some() {
        words.pop();
    }
    // "6:30am" written as one word.
    let mut last = words.last().cloned().unwrap_or_default();
    let mut meridiem = meridiem;
    for (suffix, pm) in [("am", false), ("pm", true), ("a.m.", false), ("p.m.", true)] {
        if meridiem.is_none()
            && let Some(t) = last.strip_suffix(suffix)
            && t.starts_with(|c: char| c.is_ascii_digit())
        {
            meridiem = Some(pm);
            last = t.to_owned();
            *words.last_mut().expect("not empty") = last.clone();
        }
    }
    let looks_like_time = last.contains(':')
        || (last.contains('h') && last.starts_with(|c: char| c.is_ascii_digit()))
        || (meridiem.is_some() && last.bytes().all(|b| b.is_ascii_digit()) && !last.is_empty());
    if !looks_like_time {
        return Ok((words, None));
    }
    let time = time(&last, meridiem).ok_or_else(|| last.clone())?;
    words.pop();
    Ok((words, Some(time)))
}

/// "06:30", "6:30", "18:30:00", "6h30", "6h", "6" (with AM or PM).
fn time(s: &str, pm: Option<bool>) -> Option<Time> {
    let (h, rest) = match s.split_once([':', 'h']) {
        Some((h, rest)) => (h, rest),
        None => (s, ""),
    };
    let m = rest.split(':').next().unwrap_or("");
    let num = |t: &str, max_len: usize| -> Option<u32> {
        (!t.is_empty() && t.len() <= max_len && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let mut hour = num(h, 2)?;
    let minute = if m.is_empty() { 0 } else { num(m, 2)? };
    if m.len() == 1 {
        return None;
    }
    // Seconds, if written, are the spreadsheet's and always :00 in a list.
    if let Some(sec) = rest.split(':').nth(1) {
        num(sec, 2)?;
    }
    match pm {
        Some(pm) => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
        }
        None if m.is_empty() && !s.contains('h') => return None,
        None => {}
    }
    Time::new(u8::try_from(hour).ok()?, u8::try_from(minute).ok()?)
}

enum Parts {
    /// Year first: 2027-01-19, 2027/01/19.
    Iso(i32, u32, u32),
    /// A month by its name.
    Named(i32, u32, u32),
    Numeric(Numeric),
}

/// A word a date may begin with that names its day of the week.
fn is_weekday_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    WEEKDAYS.contains(&w) || WEEKDAYS_FR.contains(&w)
}

fn date_parts(words: &[String]) -> Option<Parts> {
    let words: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !is_weekday_word(w))
        .collect();
    match words.as_slice() {
        [one] => numeric(one),
        [a, b, c] => {
            let year = year(c)?;
            if let Some(m) = month(b) {
                Some(Parts::Named(year, m, day(a)?))
            } else {
                Some(Parts::Named(year, month(a)?, day(b)?))
            }
        }
        _ => None,
    }
}

fn number(s: &str, max_len: usize) -> Option<u32> {
    (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A four-digit year, or two digits for this century (as LibreOffice's short dates show).
fn year(s: &str) -> Option<i32> {
    let s = s.trim_end_matches('.');
    match s.len() {
        4 => number(s, 4).map(|y| y as i32),
        2 => number(s, 2).map(|y| 2000 + y as i32),
        _ => None,
    }
}

/// "19", "19th", "1st", "1er".
fn day(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.');
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &s[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er") {
        return None;
    }
    number(digits, 2)
}

fn month(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.');
    MONTH_NAMES
        .iter()
        .position(|names| names.contains(&s))
        .map(|i| i as u32 + 1)
}

/// "2027-01-19", "2027/01/19", "19/01/2027", "19.01.2027", "19-01-27", "19.01.2027.".
fn numeric(s: &str) -> Option<Parts> {
    let s = s.trim_end_matches('.');
    let sep = s.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = s.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if a.len() == 4 {
        return Some(Parts::Iso(
            number(a, 4)? as i32,
            number(b, 2)?,
            number(c, 2)?,
        ));
    }
    Some(Parts::Numeric(Numeric {
        first: number(a, 2)?,
        second: number(b, 2)?,
        year: year(c)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str, order: DateOrder) -> String {
        match parse(s, order) {
            Ok((d, t)) => format!(
                "{}|{}",
                d.map(|d| d.to_string()).unwrap_or_default(),
                t.map(|t| t.to_string()).unwrap_or_default()
            ),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn dates_as_offices_write_them() {
        let d = DateOrder::DayFirst;
        for (text, want) in [
            ("2027-01-19", "2027-01-19|"),
            ("2027-01-19 06:30", "2027-01-19|06:30"),
            ("2027-01-19T06:30:00", "2027-01-19|06:30"),
            ("19/01/2027 06:30", "2027-01-19|06:30"),
            ("19.01.2027", "2027-01-19|"),
            ("19-01-2027", "2027-01-19|"),
            ("19/01/27", "2027-01-19|"),
            ("19 January 2027", "2027-01-19|"),
            ("19 Jan. 2027, 6:30 pm", "2027-01-19|18:30"),
            ("January 19, 2027 6:30 AM", "2027-01-19|06:30"),
            ("Tuesday, 19 January 2027", "2027-01-19|"),
            ("19 janvier 2027", "2027-01-19|"),
            ("mardi 19 janvier 2027 à 6h30", "2027-01-19|06:30"),
            ("1er février 2027", "2027-02-01|"),
            ("1 FÉVR. 2027 14h", "2027-02-01|14:00"),
            ("06:30", "|06:30"),
            ("6h30", "|06:30"),
            ("12:15 am", "|00:15"),
        ] {
            assert_eq!(read(text, d), want, "{text}");
        }
        assert_eq!(
            read("01/19/2027 6:30 PM", DateOrder::MonthFirst),
            "2027-01-19|18:30"
        );
    }

    #[test]
    fn wrong_dates_say_what_was_expected() {
        let d = DateOrder::DayFirst;
        assert!(read("31/02/2027", d).contains("February 2027 has no day 31"));
        assert!(read("01/19/2027", d).contains("no month 19"));
        assert!(read("01/19/2027", d).contains("day first"));
        assert!(read("soon", d).contains("is not a date"));
        assert!(read("19/01/2027 25:00", d).contains("not a time of day"));
        assert!(read("2027-01-19 6:3", d).contains("not a time of day"));
        assert!(
            read("Monday 19 January 2027", d)
                .contains("19 January 2027 is a Tuesday, not a Monday"),
            "{}",
            read("Monday 19 January 2027", d)
        );
        assert_eq!(read("mardi 19/01/2027", d), "2027-01-19|");
    }

    #[test]
    fn serial_numbers_are_workbook_dates() {
        let read = |s: &str| serial(s).map(|(d, t)| format!("{d} {t:?}"));
        assert_eq!(read("46406").as_deref(), Some("2027-01-19 None"));
        assert_eq!(
            read("46406.270833333336").as_deref(),
            Some("2027-01-19 Some(Time(06:30))")
        );
        assert_eq!(read("36526").as_deref(), Some("2000-01-01 None"));
        assert_eq!(read("612345678"), None);
        assert_eq!(read("12"), None);
    }

    #[test]
    fn the_order_a_date_shows() {
        assert_eq!(only_order("19/01/2027"), Some(DateOrder::DayFirst));
        assert_eq!(only_order("01/23/2027 06:30"), Some(DateOrder::MonthFirst));
        assert_eq!(only_order("01/02/2027"), None);
        // 5 January 2027 is a Tuesday, 1 May a Saturday.
        assert_eq!(only_order("Tuesday 05/01/2027"), Some(DateOrder::DayFirst));
        assert_eq!(
            only_order("Saturday 05/01/2027"),
            Some(DateOrder::MonthFirst)
        );
        assert_eq!(only_order("2027-01-19"), None);
        assert!(ambiguous("01/02/2027"));
        assert!(!ambiguous("02/02/2027"));
        assert!(!ambiguous("19 January 2027"));
        assert_eq!(DateOrder::of_language("en-US"), DateOrder::MonthFirst);
        assert_eq!(DateOrder::of_language("en"), DateOrder::DayFirst);
        assert_eq!(DateOrder::of_language("fr"), DateOrder::DayFirst);
    }
}
