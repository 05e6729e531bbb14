use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date known to the year, the month or the day.
///
/// Texts say "in 1991", "Dal novembre 2017", "on 18 September 2013": a
/// partial date keeps exactly that precision. It stands for the whole period
/// it names: `2017-11` is every day of November 2017, and [`first_day`] and
/// [`last_day`] give that period's bounds.
///
/// Ordering is chronological by the period's start, with the coarser date
/// first when two start on the same day (`2013` < `2013-01` < `2013-01-01`).
///
/// [`first_day`]: PartialDate::first_day
/// [`last_day`]: PartialDate::last_day
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i16,
    /// 1-12, or 0 when unknown.
    month: u8,
    /// 1-31, or 0 when unknown.
    day: u8,
}

/// How precise a [`PartialDate`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("'{0}' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD")]
    Syntax(String),
    #[error("year {0} is out of range 1-9999")]
    Year(i32),
    #[error("month {0} is out of range 1-12")]
    Month(u32),
    #[error("day {day} does not exist in {year:04}-{month:02}")]
    Day { year: i32, month: u32, day: u32 },
}

impl PartialDate {
    /// A year-precise date.
    pub fn year(year: i32) -> Result<Self, DateError> {
        Self::new(year, None, None)
    }

    /// A date with as much precision as is given; a day needs a month.
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Self, DateError> {
        if !(1..=9999).contains(&year) {
            return Err(DateError::Year(year));
        }
        let month = match month {
            None => 0,
            Some(m @ 1..=12) => m,
            Some(m) => return Err(DateError::Month(m)),
        };
        let day = match day {
            None => 0,
            Some(d) => {
                if month == 0 || d == 0 || d > days_in_month(year, month) {
                    return Err(DateError::Day { year, month, day: d });
                }
                d
            }
        };
        Ok(PartialDate { year: year as i16, month: month as u8, day: day as u8 })
    }

    pub fn year_value(self) -> i32 {
        self.year as i32
    }

    pub fn month(self) -> Option<u32> {
        (self.month != 0).then_some(self.month as u32)
    }

    pub fn day(self) -> Option<u32> {
        (self.day != 0).then_some(self.day as u32)
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// The first day of the period this date names, as a [`DayBound`]
    /// (`yyyymmdd` as an integer, so that integer order is date order).
    pub fn first_day(self) -> i32 {
        let month = if self.month == 0 { 1 } else { self.month as i32 };
        let day = if self.day == 0 { 1 } else { self.day as i32 };
        self.year as i32 * 10_000 + month * 100 + day
    }

    /// The last day of the period this date names (see [`first_day`](Self::first_day)).
    pub fn last_day(self) -> i32 {
        let year = self.year as i32;
        let month = if self.month == 0 { 12 } else { self.month as u32 };
        let day = if self.day == 0 { days_in_month(year, month) } else { self.day as u32 };
        year * 10_000 + month as i32 * 100 + day as i32
    }

    /// True when `other` lies within the period this date names
    /// (`2013` contains `2013-09-18`; `2013-09` does not contain `2013`).
    pub fn contains(self, other: PartialDate) -> bool {
        self.first_day() <= other.first_day() && other.last_day() <= self.last_day()
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    // jiff knows the calendar; 2000-01-01 is a valid anchor for every month.
    jiff::civil::Date::new(year as i16, month as i8, 1)
        .map(|d| d.days_in_month() as u32)
        .unwrap_or(31)
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, DateError> {
        let t = s.trim();
        let syntax = || DateError::Syntax(s.to_string());
        let mut parts = t.split('-');
        let num = |p: Option<&str>, len: usize| -> Result<Option<u32>, DateError> {
            match p {
                None => Ok(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(p.parse().map_err(|_| syntax())?))
                }
                Some(_) => Err(syntax()),
            }
        };
        let year = num(parts.next(), 4)?.ok_or_else(syntax)?;
        let month = num(parts.next(), 2)?;
        let day = num(parts.next(), 2)?;
        if parts.next().is_some() {
            return Err(syntax());
        }
        PartialDate::new(year as i32, month, day)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month != 0 {
            write!(f, "-{:02}", self.month)?;
        }
        if self.day != 0 {
            write!(f, "-{:02}", self.day)?;
        }
        Ok(())
    }
}

impl fmt::Debug for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PartialDate({self})")
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    /// Accepts `"2013-09-18"`, `"2017-11"`, `"1991"` and, for years, a bare
    /// number (`1991`), which hand-written JSON often has.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Year(i64),
        }
        match Raw::deserialize(d)? {
            Raw::Text(s) => s.parse().map_err(serde::de::Error::custom),
            Raw::Year(y) => PartialDate::year(y.clamp(-1, 100_000) as i32)
                .map_err(serde::de::Error::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_each_precision() {
        for s in ["1991", "2017-11", "2013-09-18", "0800", "2024-02-29"] {
            assert_eq!(d(s).to_string(), s);
        }
        assert_eq!(d("1991").precision(), Precision::Year);
        assert_eq!(d("2017-11").precision(), Precision::Month);
        assert_eq!(d(" 2013-09-18 ").precision(), Precision::Day);
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for s in ["", "91", "1991-1", "1991-13", "2023-02-29", "2013-09-18-01", "abcd", "2013-00", "2013-09-00", "0000"] {
            assert!(s.parse::<PartialDate>().is_err(), "{s} should be rejected");
        }
        assert_eq!("2023-02-29".parse::<PartialDate>(), Err(DateError::Day { year: 2023, month: 2, day: 29 }));
    }

    #[test]
    fn a_partial_date_spans_its_period() {
        assert_eq!((d("2017-11").first_day(), d("2017-11").last_day()), (20171101, 20171130));
        assert_eq!((d("1991").first_day(), d("1991").last_day()), (19910101, 19911231));
        assert_eq!(d("2024-02").last_day(), 20240229);
        assert_eq!(d("2023-02").last_day(), 20230228);
        assert_eq!((d("2013-09-18").first_day(), d("2013-09-18").last_day()), (20130918, 20130918));
        assert!(d("2013").contains(d("2013-09-18")));
        assert!(!d("2013-09").contains(d("2013")));
    }

    #[test]
    fn orders_chronologically_coarse_first() {
        let mut v = vec![d("2014"), d("2013-01-01"), d("2013"), d("2013-01"), d("1991")];
        v.sort();
        assert_eq!(v, vec![d("1991"), d("2013"), d("2013-01"), d("2013-01-01"), d("2014")]);
    }

    #[test]
    fn serde_round_trip_and_bare_years() {
        let v: Vec<PartialDate> = serde_json::from_str(r#"["2013-09-18", 1962, "2017-11"]"#).unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"["2013-09-18","1962","2017-11"]"#);
        assert!(serde_json::from_str::<PartialDate>(r#""2013-13""#).is_err());
        assert!(serde_json::from_str::<PartialDate>("123456789").is_err());
    }
}
