//! Valid time and the "as of" rule.
//!
//! # The rule
//!
//! A partial date stands for the whole period it names: `2014` is
//! 2014-01-01..=2014-12-31. A fact's valid time runs from the first day of
//! its start to the last day of its end, both inclusive ("from 1993 to 1999"
//! covers all of 1999).
//!
//! A fact **holds as of** a query date `Q` (itself possibly partial) when its
//! valid time and `Q`'s period overlap: "who chaired the Culture Forum in
//! 2014?" finds a chair from 2013 to 2014, and "members as of 2021-01-15"
//! does not find a city that joined in 2021-02. It answers "could this have
//! been true then, by what the sources say", which is what people asking
//! about a year mean.
//!
//! Unknown ends:
//! - **No start**: the fact is known to hold on the publication date of its
//!   earliest source, so its valid time starts there. With no dated source
//!   it starts at the beginning of time (we cannot say when it began).
//! - **No end** on a state (membership, designation, role, twinning,
//!   headquarters, founded): it still holds; the valid time is open.
//! - **No end** on an event: the event lasts its start's period
//!   ("Paris (2008)" is the year 2008).
//!
//! The bounds are day numbers `yyyymmdd` ([`DayBound`]), so the same rule runs
//! as two integer comparisons in SQL: `lo <= q_hi AND hi >= q_lo`.

use crate::PartialDate;

/// A day as the integer `yyyymmdd`; integer order is date order.
pub type DayBound = i32;
/// Before every date ("since the beginning of time").
pub const DAY_MIN: DayBound = 0;
/// After every date ("still holds").
pub const DAY_MAX: DayBound = 99_991_231;

/// When a fact holds, as the text states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValidTime {
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// An event with no end lasts its start's period; a state with no end
    /// still holds.
    pub open_ended: bool,
}

impl ValidTime {
    /// The inclusive day bounds of this valid time, given the publication
    /// date of the fact's earliest dated source (see the module docs).
    pub fn bounds(&self, published: Option<PartialDate>) -> (DayBound, DayBound) {
        let lo = match (self.start, published) {
            (Some(s), _) => s.first_day(),
            (None, Some(p)) => p.first_day(),
            (None, None) => DAY_MIN,
        };
        let hi = match (self.end, self.start) {
            (Some(e), _) => e.last_day(),
            (None, _) if self.open_ended => DAY_MAX,
            (None, Some(s)) => s.last_day(),
            (None, None) => DAY_MAX,
        };
        // A start after its end (bad data) must not make the fact vanish:
        // such facts are refused on input, and bounds stay well-formed.
        (lo, hi.max(lo))
    }

    /// Whether the fact holds as of `q` (see the module docs).
    pub fn holds_at(&self, q: PartialDate, published: Option<PartialDate>) -> bool {
        let (lo, hi) = self.bounds(published);
        lo <= q.last_day() && hi >= q.first_day()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    fn state(start: Option<&str>, end: Option<&str>) -> ValidTime {
        ValidTime { start: start.map(d), end: end.map(d), open_ended: true }
    }

    #[test]
    fn closed_years_cover_their_whole_end_year() {
        let chair = state(Some("2013"), Some("2014"));
        assert!(chair.holds_at(d("2014"), None));
        assert!(chair.holds_at(d("2014-12-31"), None));
        assert!(chair.holds_at(d("2013-01-01"), None));
        assert!(!chair.holds_at(d("2015-01-01"), None));
        assert!(!chair.holds_at(d("2012"), None));
    }

    #[test]
    fn month_precise_start_excludes_earlier_days() {
        let member = state(Some("2021-02"), None);
        assert!(!member.holds_at(d("2021-01-15"), None));
        assert!(member.holds_at(d("2021-02-28"), None));
        assert!(member.holds_at(d("2021"), None), "overlaps the year");
        assert!(member.holds_at(d("2030"), None), "open end still holds");
    }

    #[test]
    fn missing_start_falls_back_to_publication() {
        let chair = state(None, None);
        assert!(chair.holds_at(d("2021-09-27"), Some(d("2021-09-27"))));
        assert!(chair.holds_at(d("2025"), Some(d("2021-09-27"))));
        assert!(!chair.holds_at(d("2021-09-26"), Some(d("2021-09-27"))));
        assert!(!chair.holds_at(d("2020"), Some(d("2021-09-27"))));
        // No dated source: we cannot say when it began, so it is not excluded.
        assert!(chair.holds_at(d("1900"), None));
    }

    #[test]
    fn events_last_their_start_period() {
        let meeting = ValidTime { start: Some(d("2008")), end: None, open_ended: false };
        assert!(meeting.holds_at(d("2008-06"), None));
        assert!(!meeting.holds_at(d("2009"), None));
        let agm = ValidTime { start: Some(d("2013-09-18")), end: Some(d("2013-09-21")), open_ended: false };
        assert!(agm.holds_at(d("2013-09-20"), None));
        assert!(!agm.holds_at(d("2013-09-22"), None));
        assert_eq!(agm.bounds(None), (20130918, 20130921));
    }

    #[test]
    fn bounds_are_well_formed_even_for_inverted_input() {
        let bad = state(Some("1999"), Some("1993"));
        let (lo, hi) = bad.bounds(None);
        assert!(lo <= hi);
        assert_eq!(state(None, None).bounds(None), (DAY_MIN, DAY_MAX));
    }
}
