//! Calendar dates and wall-clock times as protocol offices write them.
//!
//! On disk a date is `"2025-03-14"` and a time `"09:30"`: readable in a diff and
//! unambiguous across locales. Times carry no zone; a programme is local to its venue.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    // Field order gives the derived `Ord` chronological order.
    year: i32,
    month: u8,
    day: u8,
}

/// A time of day, to the minute.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Time {
    hour: u8,
    minute: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("expected a date as YYYY-MM-DD, found {0:?}")]
    DateFormat(String),
    #[error("{0:?} is not a day of the calendar")]
    NoSuchDay(String),
    #[error("expected a time as HH:MM (24-hour), found {0:?}")]
    TimeFormat(String),
}

/// The months' names in English, as packs print dates.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Self { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// "14 March 2025", the form printed in packs.
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let format_err = || DateError::DateFormat(s.to_owned());
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(format_err());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(format_err());
        }
        let (Some(y), Some(m), Some(d)) = (digits(y), digits(m), digits(d)) else {
            return Err(format_err());
        };
        // The lengths checked above bound these values, so the casts cannot truncate.
        Date::new(y as i32, m as u8, d as u8).ok_or_else(|| DateError::NoSuchDay(s.to_owned()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl TryFrom<String> for Date {
    type Error = DateError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Date> for String {
    fn from(d: Date) -> Self {
        d.to_string()
    }
}

impl Time {
    pub fn new(hour: u8, minute: u8) -> Option<Self> {
        (hour < 24 && minute < 60).then_some(Self { hour, minute })
    }
    pub fn hour(self) -> u8 {
        self.hour
    }
    pub fn minute(self) -> u8 {
        self.minute
    }
}

impl FromStr for Time {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateError::TimeFormat(s.to_owned());
        let (h, m) = s.split_once(':').ok_or_else(err)?;
        if h.len() != 2 || m.len() != 2 {
            return Err(err());
        }
        let (Some(h), Some(m)) = (digits(h), digits(m)) else {
            return Err(err());
        };
        Time::new(h as u8, m as u8).ok_or_else(err)
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl fmt::Debug for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Time({self})")
    }
}

impl TryFrom<String> for Time {
    type Error = DateError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Time> for String {
    fn from(t: Time) -> Self {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_dates() {
        let d: Date = "2024-02-29".parse().unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        assert_eq!(d.long(), "29 February 2024");
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("2023-2-01".parse::<Date>().is_err());
        assert!("2023-13-01".parse::<Date>().is_err());
        assert!("+023-01-01".parse::<Date>().is_err());
        assert!("1900-02-29".parse::<Date>().is_err());
        assert!("2000-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn orders_chronologically() {
        let a: Date = "2024-12-31".parse().unwrap();
        let b: Date = "2025-01-01".parse().unwrap();
        assert!(a < b);
    }

    #[test]
    fn parses_times() {
        assert_eq!("09:05".parse::<Time>().unwrap().to_string(), "09:05");
        assert!("24:00".parse::<Time>().is_err());
        assert!("9:05".parse::<Time>().is_err());
        assert!("09:60".parse::<Time>().is_err());
    }
}
