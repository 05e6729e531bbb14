//! iCalendar (RFC 5545): a network's meetings as a calendar feed.
//!
//! One `VEVENT` per event fact:
//!
//! - `UID` `fact-{id}@{domain}`: stable for a fact version, unique across sites;
//! - `DTSTAMP` the fact's transaction time (`recorded_at`) in UTC;
//! - `DTSTART`/`DTEND` as `VALUE=DATE`: whole days, `DTEND` exclusive (the day
//!   after the last day). A year-only or month-only date stands for its whole
//!   period (see [`PartialDate`]): "2014" runs from 2014-01-01 to 2015-01-01
//!   exclusive, and `DESCRIPTION` says that the days are not known;
//! - `SUMMARY` "{event} ({network})", `LOCATION` the host city,
//!   `CATEGORIES` the network and the event's kind, `URL` the fact's page.
//!
//! Events with no start date have no place in a calendar and are left out
//! ([`Calendar::skipped`]); other kinds of facts are ignored.
//!
//! Lines end with CRLF and are folded at 75 octets (never inside a UTF-8
//! character); text values escape `\`, `;`, `,` and newlines.

use std::fmt::Write as _;

use citynets_model::{Fact, FactRecord, Network, PartialDate, Precision};

use crate::{facts, FormatError, SiteUrls};

/// Where the calendar's identifiers and links point.
#[derive(Clone, Debug)]
pub struct CalendarOptions<'a> {
    /// The domain that makes `UID`s globally unique: `citynets.example`.
    pub domain: &'a str,
    /// The site the `URL` of each event links to (`/facts/{id}`).
    pub urls: &'a SiteUrls,
}

/// An iCalendar document and the events it had to leave out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// The `text/calendar` document (CRLF line endings).
    pub text: String,
    /// Ids of event facts left out because they state no start date.
    pub skipped: Vec<i64>,
}

/// The product identifier written in `PRODID`.
pub const PRODID: &str = "-//citynets//citynets-formats//EN";

/// The calendar of `network`'s meetings: one `VEVENT` per event fact in
/// `records`, in their order.
///
/// The caller chooses the facts (the network's current, accepted events);
/// facts of other kinds and rejected facts are ignored. Fails when a fact's
/// `recorded_at` is not an RFC 3339 timestamp, which a registry record
/// always is.
pub fn network_calendar(
    network: &Network,
    records: &[FactRecord],
    options: &CalendarOptions<'_>,
) -> Result<Calendar, FormatError> {
    let mut w = LineWriter::default();
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.line(&format!("PRODID:{PRODID}"));
    w.line("CALSCALE:GREGORIAN");
    w.line("METHOD:PUBLISH");
    w.line(&format!("X-WR-CALNAME:{}", escape_text(&format!("{} meetings", network.name))));
    let mut skipped = Vec::new();
    for rec in records.iter().filter(|r| facts::usable(r)) {
        let Fact::Event { network: network_name, event, edition, host, start, end } = &rec.fact else {
            continue;
        };
        let Some(start) = *start else {
            skipped.push(rec.id);
            continue;
        };
        let end = end.unwrap_or(start).max(start);
        let stamp = utc_stamp(&rec.recorded_at)
            .ok_or_else(|| FormatError::Timestamp { fact: rec.id, value: rec.recorded_at.clone() })?;
        let url = options.urls.fact(rec.id);

        w.line("BEGIN:VEVENT");
        w.line(&format!("UID:fact-{}@{}", rec.id, options.domain));
        w.line(&format!("DTSTAMP:{stamp}"));
        w.line(&format!("DTSTART;VALUE=DATE:{}", start.first_day()));
        w.line(&format!("DTEND;VALUE=DATE:{}", day_after(end)));
        w.line(&format!("SUMMARY:{}", escape_text(&format!("{event} ({})", network.name))));
        if let Some(host) = host {
            w.line(&format!("LOCATION:{}", escape_text(host)));
        }
        w.line(&format!("DESCRIPTION:{}", escape_text(&description(network_name, event, *edition, host.as_deref(), start, end, &url))));
        w.line(&format!("CATEGORIES:{},{}", escape_text(&network.name), escape_text(event)));
        w.line(&format!("URL:{url}"));
        w.line("END:VEVENT");
    }
    w.line("END:VCALENDAR");
    Ok(Calendar { text: w.out, skipped })
}

/// The event's description: what it is, how precise its dates are, where to
/// check it.
fn description(
    network: &str,
    event: &str,
    edition: Option<u32>,
    host: Option<&str>,
    start: PartialDate,
    end: PartialDate,
    url: &str,
) -> String {
    let mut d = format!("{event} of {network}");
    if let Some(n) = edition {
        let _ = write!(d, ", edition {n}");
    }
    match host {
        Some(h) => {
            let _ = write!(d, ", hosted by {h}.");
        }
        None => d.push('.'),
    }
    let dates = if start == end { start.to_string() } else { format!("{start} to {end}") };
    let _ = write!(d, "\nDate as the sources state it: {dates}.");
    let coarsest = start.precision().min(end.precision());
    match coarsest {
        Precision::Year => d.push_str(
            " The sources give only the year, so the calendar shows the whole year; the exact days are not known.",
        ),
        Precision::Month => d.push_str(
            " The sources give only the month, so the calendar shows the whole month; the exact days are not known.",
        ),
        Precision::Day => {}
    }
    let _ = write!(d, "\nSources: {url}");
    d
}

/// The day after the last day of `date`'s period, as `yyyymmdd` (the
/// exclusive `DTEND` of an all-day event).
fn day_after(date: PartialDate) -> i32 {
    let last = date.last_day();
    let (y, m, d) = (last / 10_000, (last / 100 % 100) as u32, (last % 100) as u32);
    if PartialDate::new(y, Some(m), Some(d + 1)).is_ok() {
        last + 1
    } else if m < 12 {
        y * 10_000 + (m as i32 + 1) * 100 + 1
    } else {
        (y + 1) * 10_000 + 101
    }
}

/// Escapes a TEXT value (RFC 5545 3.3.11): `\` `;` `,` and line breaks;
/// other control characters, which TEXT cannot carry, are dropped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes content lines with CRLF endings, folded at 75 octets.
#[derive(Default)]
struct LineWriter {
    out: String,
}

/// The longest a line may be, in octets, without its CRLF (RFC 5545 3.1).
pub const MAX_LINE_OCTETS: usize = 75;

impl LineWriter {
    /// Appends one content line, folding it: each continuation line starts
    /// with a space, which counts towards its 75 octets.
    fn line(&mut self, line: &str) {
        let mut rest = line;
        let mut limit = MAX_LINE_OCTETS;
        loop {
            if rest.len() <= limit {
                self.out.push_str(rest);
                self.out.push_str("\r\n");
                return;
            }
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            self.out.push_str(&rest[..cut]);
            self.out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = MAX_LINE_OCTETS - 1;
        }
    }
}

/// An RFC 3339 timestamp (`2026-11-23T10:00:00.123456Z`, `...+01:00`) as an
/// iCalendar UTC date-time `20261123T100000Z`; fractions of a second are
/// dropped.
fn utc_stamp(ts: &str) -> Option<String> {
    let b = ts.trim().as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = b.get(r)?;
        s.iter().all(u8::is_ascii_digit).then(|| s.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let sep = |i: usize, ok: &[u8]| b.get(i).is_some_and(|c| ok.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    PartialDate::new(year as i32, Some(month as u32), Some(day as u32)).ok()?;
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        i += digits;
    }
    let offset_minutes = match b.get(i..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let m = num(i + 1..i + 3)? * 60 + num(i + 4..i + 6)?;
            if *sign == b'+' { m } else { -m }
        }
        _ => return None,
    };
    let local = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second.min(59);
    let utc = local - offset_minutes * 60;
    let (days, secs) = (utc.div_euclid(86_400), utc.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    Some(format!("{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z", secs / 3600, secs / 60 % 60, secs % 60))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_day_after_a_period() {
        assert_eq!(day_after(d("2014")), 20150101);
        assert_eq!(day_after(d("2017-11")), 20171201);
        assert_eq!(day_after(d("2017-12")), 20180101);
        assert_eq!(day_after(d("2024-02")), 20240301);
        assert_eq!(day_after(d("2013-09-18")), 20130919);
        assert_eq!(day_after(d("2013-12-31")), 20140101);
        assert_eq!(day_after(d("2024-02-28")), 20240229);
    }

    #[test]
    fn timestamps_become_utc() {
        assert_eq!(utc_stamp("2026-11-23T10:00:00Z").unwrap(), "20261123T100000Z");
        assert_eq!(utc_stamp("2026-11-23T10:00:00.123456Z").unwrap(), "20261123T100000Z");
        assert_eq!(utc_stamp("2026-01-01T00:30:00+01:00").unwrap(), "20251231T233000Z");
        assert_eq!(utc_stamp("2024-02-28T23:00:00-02:00").unwrap(), "20240229T010000Z");
        for bad in ["", "2026-11-23", "2026-11-23T10:00:00", "2026-13-01T00:00:00Z", "2026-11-23T10:00:00.Z"] {
            assert!(utc_stamp(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut w = LineWriter::default();
        let long = format!("SUMMARY:{}", "è".repeat(100));
        w.line(&long);
        for l in w.out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= MAX_LINE_OCTETS, "{} octets", l.len());
        }
        assert_eq!(w.out.replace("\r\n ", "").trim_end(), long);
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape_text("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }
}
