//! The timeline, read back with roxmltree.

mod common;

use citynets_model::{Field, PartialDate};
use citynets_viz::{field_colour, timeline, TimelineEvent, TimelineRow, TimelineSpan, TimelineSpec};
use common::*;

fn d(s: &str) -> PartialDate {
    s.parse().unwrap()
}

fn span(start: &str, end: Option<&str>, label: &str, href: &str, category: Option<&str>) -> TimelineSpan {
    TimelineSpan { start: d(start), start_stated: true, end: end.map(d), label: label.into(), href: href.into(), category: category.map(Into::into) }
}

fn bologna() -> TimelineSpec {
    let mut spec = TimelineSpec::new("Bologna in its networks", d("2025-07-02"));
    spec.rows = vec![
        TimelineRow {
            label: "UNESCO Creative Cities Network".into(),
            href: Some("/networks/uccn".into()),
            spans: vec![span("2006", None, "Music", "/facts/1", Some("Music"))],
            events: vec![TimelineEvent { date: d("2008"), label: "Annual meeting (host)".into(), href: "/facts/2".into(), category: None }],
        },
        TimelineRow {
            label: "EUROCITIES".into(),
            href: None,
            spans: vec![span("1991", None, "Member", "/facts/3", None)],
            events: vec![],
        },
        TimelineRow {
            label: "EUROCITIES Culture Forum".into(),
            href: None,
            spans: vec![
                span("2017-11", Some("2019"), "Vice-Chair", "/facts/5", None),
                span("2013", Some("2014"), "Chair", "/facts/4", None),
                span("2014-06", Some("2015-03-31"), "Working group lead", "/facts/6", None),
            ],
            events: vec![TimelineEvent { date: d("2013-09-18"), label: "Forum meeting".into(), href: "/facts/7".into(), category: None }],
        },
        TimelineRow { label: "Twinning with Leipzig".into(), href: None, spans: vec![span("1962", Some("1962"), "Twinned", "/facts/8", None)], events: vec![] },
    ];
    spec
}

struct Ticks(Vec<(i32, f64)>);

impl Ticks {
    fn read(doc: &roxmltree::Document) -> Ticks {
        Ticks(elements(doc, "text", "year").iter().map(|t| (t.text().unwrap().parse().unwrap(), num(t, "x"))).collect())
    }

    /// The x of the start of day (y, m, d), interpolated from the first and
    /// last tick (the axis is linear in days).
    fn x(&self, y: i32, m: u32, day: u32) -> f64 {
        let (&(y0, x0), &(y1, x1)) = (self.0.first().unwrap(), self.0.last().unwrap());
        let per_day = (x1 - x0) / (days(y1, 1, 1) - days(y0, 1, 1)) as f64;
        x0 + (days(y, m, day) - days(y0, 1, 1)) as f64 * per_day
    }
}

#[test]
fn bars_are_links_with_their_valid_time_as_written() {
    let svg = timeline(&bologna());
    let doc = parse(&svg);
    let bars = elements(&doc, "rect", "span");
    assert_eq!(bars.len(), 6);
    let got: Vec<(String, String)> = bars
        .iter()
        .map(|b| (b.parent_element().filter(|a| is(a, "a")).and_then(|a| a.attribute("href")).unwrap().to_string(), title(b)))
        .collect();
    let want = [
        ("/facts/1", "Music: since 2006"),
        ("/facts/3", "Member: since 1991"),
        ("/facts/5", "Vice-Chair: 2017-11 – 2019"),
        ("/facts/4", "Chair: 2013 – 2014"),
        ("/facts/6", "Working group lead: 2014-06 – 2015-03-31"),
        ("/facts/8", "Twinned: 1962"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    assert_eq!(bars[0].attribute("fill"), Some(field_colour(Field::Music)));
    let events = elements(&doc, "circle", "event");
    assert_eq!(events.iter().map(title).collect::<Vec<_>>(), ["Annual meeting (host): 2008", "Forum meeting: 2013-09-18"]);
    assert!(events.iter().all(|e| e.parent_element().is_some_and(|a| is(&a, "a"))));
    // The row with an href has a linked label.
    let linked: Vec<_> = elements(&doc, "text", "label").into_iter().filter(|t| t.parent_element().is_some_and(|a| is(&a, "a"))).collect();
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].parent_element().unwrap().attribute("href"), Some("/networks/uccn"));
    let root = doc.root_element();
    assert_eq!((root.attribute("role"), title(&root).as_str()), (Some("img"), "Bologna in its networks"));
}

#[test]
fn x_is_monotone_in_dates_and_matches_the_year_ticks() {
    let svg = timeline(&bologna());
    let doc = parse(&svg);
    let ticks = Ticks::read(&doc);
    assert!(ticks.0.len() >= 5, "{:?}", ticks.0);
    assert!(ticks.0.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1), "ticks increase");
    assert!(ticks.0[0].0 <= 1962 && ticks.0.last().unwrap().0 >= 2026);

    let bars = elements(&doc, "rect", "span");
    let start_of = |t: &str| -> (i32, u32, u32) {
        let date = t.split(": ").nth(1).unwrap().trim_start_matches("since ").split(" – ").next().unwrap();
        let p = d(date);
        (p.year_value(), p.month().unwrap_or(1), p.day().unwrap_or(1))
    };
    let mut starts: Vec<((i32, u32, u32), f64)> = bars.iter().map(|b| (start_of(&title(b)), num(b, "x"))).collect();
    for &((y, m, dd), x) in &starts {
        assert!((x - ticks.x(y, m, dd)).abs() <= 0.11, "{y}-{m}-{dd}: x {x} vs {}", ticks.x(y, m, dd));
    }
    starts.sort_by_key(|s| s.0);
    assert!(starts.windows(2).all(|w| w[0].1 < w[1].1), "x strictly increases with the start date: {starts:?}");

    // Ends: "2013 – 2014" runs to the end of 2014, "… – 2015-03-31" to the end of that day.
    let end = |label: &str| {
        let b = bars.iter().find(|b| title(b).starts_with(label)).unwrap();
        num(b, "x") + num(b, "width")
    };
    assert!((end("Chair") - ticks.x(2015, 1, 1)).abs() <= 0.2);
    assert!((end("Working group") - ticks.x(2015, 4, 1)).abs() <= 0.2);
    assert!((end("Vice-Chair") - ticks.x(2020, 1, 1)).abs() <= 0.2);
    assert!((end("Twinned") - ticks.x(1963, 1, 1)).abs() <= 0.2, "a one-year span covers its year");

    // An event sits in the middle of its period.
    let events = elements(&doc, "circle", "event");
    let mid_2008 = (ticks.x(2008, 1, 1) + ticks.x(2009, 1, 1)) / 2.0;
    assert!((num(&events[0], "cx") - mid_2008).abs() <= 0.11);
    let day = (ticks.x(2013, 9, 18) + ticks.x(2013, 9, 19)) / 2.0;
    assert!((num(&events[1], "cx") - day).abs() <= 0.11);
}

#[test]
fn an_open_end_reaches_today() {
    let svg = timeline(&bologna());
    let doc = parse(&svg);
    let ticks = Ticks::read(&doc);
    let today = &elements(&doc, "line", "today")[0];
    assert_eq!(title(today), "today: 2025-07-02");
    let tx = num(today, "x1");
    assert!((tx - ticks.x(2025, 7, 3)).abs() <= 0.11, "today's line is at the end of 2025-07-02");
    let open = elements(&doc, "rect", "open");
    assert_eq!(open.len(), 2);
    for b in open {
        assert!((num(&b, "x") + num(&b, "width") - tx).abs() <= 0.15, "{}", title(&b));
    }
    // Closed spans stay short of today.
    for b in elements(&doc, "rect", "span").into_iter().filter(|b| !has_class(b, "open")) {
        assert!(num(&b, "x") + num(&b, "width") < tx - 1.0);
    }
}

#[test]
fn overlapping_spans_of_a_row_are_put_in_lanes() {
    let svg = timeline(&bologna());
    let doc = parse(&svg);
    let y = |label: &str| {
        let b = elements(&doc, "rect", "span").into_iter().find(|b| title(b).starts_with(label)).unwrap();
        (num(&b, "y"), num(&b, "height"))
    };
    let (chair, h) = y("Chair");
    let (wg, _) = y("Working group");
    let (vice, _) = y("Vice-Chair");
    assert!(wg >= chair + h, "Chair 2013–2014 and the working group 2014-06 overlap: different lanes");
    assert_eq!(vice, chair, "Vice-Chair from 2017-11 reuses the first lane");
    // The row's event gets its own lane below the spans.
    let ev = &elements(&doc, "circle", "event")[1];
    assert!(num(ev, "cy") > wg + h);
}

#[test]
fn escaping_and_an_empty_timeline() {
    let mut spec = TimelineSpec::new("<script>x</script> & co", d("2024"));
    spec.rows.push(TimelineRow {
        label: "A & <B>".into(),
        href: Some("/x?a=1&b=2".into()),
        spans: vec![span("2020", None, "</title>&", "/f?a&b", None)],
        events: vec![],
    });
    let svg = timeline(&spec);
    let doc = parse(&svg);
    assert!(elements(&doc, "script", "").is_empty());
    assert_eq!(title(&doc.root_element()), "<script>x</script> & co");
    assert_eq!(title(&elements(&doc, "rect", "span")[0]), "</title>&: since 2020");
    let label = &elements(&doc, "text", "label")[0];
    assert_eq!(title(label), "A & <B>");
    assert_eq!(label.parent_element().unwrap().attribute("href"), Some("/x?a=1&b=2"));
    // Year-precise today: open spans run to its end, 1 January 2025.
    let ticks = Ticks::read(&doc);
    let b = &elements(&doc, "rect", "span")[0];
    assert!((num(b, "x") + num(b, "width") - ticks.x(2025, 1, 1)).abs() <= 0.15);

    let empty = timeline(&TimelineSpec::new("Nothing yet", d("2025-01-01")));
    let doc = parse(&empty);
    assert!(elements(&doc, "rect", "span").is_empty());
    assert_eq!(elements(&doc, "line", "today").len(), 1);
}
