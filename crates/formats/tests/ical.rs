//! iCalendar output read back with the `icalendar` crate's parser.

mod common;

use citynets_formats::{network_calendar, CalendarOptions, FormatError};
use common::*;
use icalendar::parser::{read_calendar, unfold, Component};

fn prop<'a>(event: &'a Component<'a>, name: &str) -> String {
    event.find_prop(name).unwrap_or_else(|| panic!("no {name}")).val.as_str().to_string()
}

#[test]
fn one_vevent_per_dated_event_with_whole_period_dates_and_escaped_text() {
    let urls = urls();
    let cal = network_calendar(&uccn(), &events(), &CalendarOptions { domain: "citynets.example", urls: &urls }).unwrap();
    assert_eq!(cal.skipped, vec![23], "the event without a start is left out");

    // Every line ends with CRLF and is at most 75 octets; long ones were folded.
    assert!(cal.text.ends_with("\r\n"));
    let lines: Vec<&str> = cal.text.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    for line in &lines {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'), "bare line break in {line:?}");
    }
    assert!(lines.iter().any(|l| l.starts_with(' ')), "the descriptions are long enough to be folded");

    let unfolded = unfold(&cal.text);
    let parsed = read_calendar(&unfolded).expect("valid iCalendar");
    assert_eq!(parsed.properties.iter().find(|p| p.name.as_str() == "VERSION").unwrap().val.as_str(), "2.0");
    let events: Vec<&Component> = parsed.components.iter().filter(|c| c.name.as_str() == "VEVENT").collect();
    assert_eq!(events.len(), 3);

    let expected = [
        ("fact-20@citynets.example", "20171101", "20171201", "Annual Meeting (UNESCO Creative Cities Network)", "Carrara"),
        ("fact-21@citynets.example", "20140101", "20150101", "Annual Meeting (UNESCO Creative Cities Network)", TRICKY),
        ("fact-22@citynets.example", "20130918", "20130922", "Annual Conference, Music; Sub\\group (UNESCO Creative Cities Network)", "Bologna"),
    ];
    for (event, (uid, start, end, summary, location)) in events.iter().zip(expected) {
        assert_eq!(prop(event, "UID"), uid);
        assert_eq!(prop(event, "DTSTAMP"), "20261123T100000Z");
        assert_eq!(prop(event, "DTSTART"), start);
        assert_eq!(prop(event, "DTEND"), end);
        for p in ["DTSTART", "DTEND"] {
            let params = &event.find_prop(p).unwrap().params;
            assert!(params.iter().any(|x| x.key.as_str() == "VALUE" && x.val.as_ref().map(|v| v.as_str()) == Some("DATE")), "{p} is VALUE=DATE");
        }
        assert_eq!(prop(event, "SUMMARY"), summary, "escaped text round-trips");
        assert_eq!(prop(event, "LOCATION"), location, "escaped text round-trips");
        let id = uid.trim_start_matches("fact-").split('@').next().unwrap();
        assert_eq!(prop(event, "URL"), format!("https://citynets.example/facts/{id}"));
    }

    let year = prop(events[1], "DESCRIPTION");
    assert!(year.contains("only the year") && year.contains("whole year"), "{year}");
    assert!(year.contains('\n'), "newlines round-trip: {year}");
    let month = prop(events[0], "DESCRIPTION");
    assert!(month.contains("only the month") && month.contains("edition 11"), "{month}");
    let day = prop(events[2], "DESCRIPTION");
    assert!(!day.contains("not known") && day.contains("2013-09-18 to 2013-09-21"), "{day}");
    assert!(day.contains(ODD_EVENT), "{day}");

    // CATEGORIES is a list: the network and the event kind, commas inside escaped.
    assert_eq!(prop(events[0], "CATEGORIES"), "UNESCO Creative Cities Network,Annual Meeting");
    assert_eq!(prop(events[2], "CATEGORIES"), "UNESCO Creative Cities Network,Annual Conference\\, Music\\; Sub\\\\group");
}

#[test]
fn bad_transaction_time_is_an_error_naming_the_fact() {
    let urls = urls();
    let mut events = events();
    events[1].recorded_at = "yesterday".into();
    let err = network_calendar(&uccn(), &events, &CalendarOptions { domain: "x", urls: &urls }).unwrap_err();
    assert_eq!(err, FormatError::Timestamp { fact: 21, value: "yesterday".into() });
}

#[test]
fn other_kinds_and_rejected_events_are_ignored() {
    let urls = urls();
    let mut records = facts();
    let mut rejected = events().remove(0);
    rejected.status = citynets_model::Status::Rejected;
    records.push(rejected);
    let cal = network_calendar(&uccn(), &records, &CalendarOptions { domain: "x", urls: &urls }).unwrap();
    assert!(!cal.text.contains("BEGIN:VEVENT"));
    let unfolded = unfold(&cal.text);
    let parsed = read_calendar(&unfolded).expect("an empty calendar is valid");
    assert!(parsed.components.is_empty());
}
