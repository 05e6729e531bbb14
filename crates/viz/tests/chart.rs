//! The stacked bar chart, read back with roxmltree.

mod common;

use citynets_model::Field;
use citynets_viz::{bar_chart, field_colour, BarDatum, BarSpec, OTHER_PALETTE};
use common::*;

fn members() -> BarSpec {
    BarSpec {
        title: "Italian UNESCO creative cities per year".into(),
        unit: "members".into(),
        data: vec![
            BarDatum::new(2006, "Music", 1),
            BarDatum::new(2010, "Gastronomy", 1),
            BarDatum::new(2010, "Music", 1),
            BarDatum::new(2014, "Design", 1),
            BarDatum::new(2014, "Music", 2),
            BarDatum::new(2014, "Music", 1), // adds up with the line above
            BarDatum::new(2014, "Gastronomy", 0), // a zero draws nothing
            BarDatum::new(2017, "Literature", 3),
            BarDatum::new(2017, "Crafts and Folk Art", 2),
            BarDatum::new(2019, "Media Arts", 1),
            BarDatum::new(2019, "Film", 2),
        ],
        ..Default::default()
    }
}

struct Segment {
    year: i32,
    category: String,
    count: u32,
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    fill: String,
}

fn segments(doc: &roxmltree::Document) -> Vec<Segment> {
    elements(doc, "rect", "segment")
        .iter()
        .map(|r| {
            let t = title(r);
            let (year, rest) = t.split_once(" — ").unwrap();
            let (category, count) = rest.rsplit_once(": ").unwrap();
            assert_eq!(r.attribute("data-count"), Some(count));
            Segment {
                year: year.parse().unwrap(),
                category: category.into(),
                count: count.parse().unwrap(),
                x: num(r, "x"),
                y: num(r, "y"),
                width: num(r, "width"),
                height: num(r, "height"),
                fill: r.attribute("fill").unwrap().into(),
            }
        })
        .collect()
}

#[test]
fn segment_heights_are_proportional_to_counts() {
    let svg = bar_chart(&members());
    let doc = parse(&svg);
    let segs = segments(&doc);
    assert_eq!(segs.len(), 9, "one segment per non-zero year × category");
    let unit = segs[0].height / segs[0].count as f64;
    for s in &segs {
        assert!((s.height - s.count as f64 * unit).abs() <= 0.1, "{} {}: {} px for {}", s.year, s.category, s.height, s.count);
    }
    let music_2014 = segs.iter().find(|s| s.year == 2014 && s.category == "Music").unwrap();
    assert_eq!(music_2014.count, 3, "repeated counts add up");
    // The y axis: y-max 5 (largest total 5 in 2017, step 1), plot 240 px: 48 px per member.
    let root = doc.root_element();
    assert_eq!(root.attribute("data-y-max"), Some("5"));
    assert!((unit - 48.0).abs() < 0.05, "{unit}");
    let labels: Vec<&str> = elements(&doc, "text", "count").iter().map(|t| t.text().unwrap()).collect();
    assert_eq!(labels, ["0", "1", "2", "3", "4", "5"]);
    // The axis line is the bars' common base, and the top grid line is y-max.
    let base = num(&elements(&doc, "line", "axis")[0], "y1");
    let grid: Vec<f64> = elements(&doc, "line", "grid").iter().map(|l| num(l, "y1")).collect();
    assert!((base - grid.last().unwrap() - 240.0).abs() < 0.05);
    for year in [2006, 2010, 2014, 2017, 2019] {
        let mut stack: Vec<&Segment> = segs.iter().filter(|s| s.year == year).collect();
        stack.sort_by(|a, b| b.y.total_cmp(&a.y)); // bottom first
        assert!((stack[0].y + stack[0].height - base).abs() <= 0.1, "{year} stands on the axis");
        for w in stack.windows(2) {
            assert!((w[1].y + w[1].height - w[0].y).abs() <= 0.1, "{year}: segments touch");
            assert_eq!((w[0].x, w[0].width), (w[1].x, w[1].width));
        }
        let total: u32 = stack.iter().map(|s| s.count).sum();
        let group = elements(&doc, "g", "year-bar").into_iter().find(|g| title(g).starts_with(&format!("{year}:"))).unwrap();
        assert_eq!(title(&group), format!("{year}: {total} in total"));
    }
}

#[test]
fn stacks_follow_the_legend_and_years_keep_their_slots() {
    let svg = bar_chart(&members());
    let doc = parse(&svg);
    let segs = segments(&doc);
    // In 2014, Design (legend before Music) is at the bottom.
    let y_of = |year, cat: &str| segs.iter().find(|s| s.year == year && s.category == cat).unwrap().y;
    assert!(y_of(2014, "Design") > y_of(2014, "Music"));
    assert!(y_of(2017, "Crafts and Folk Art") > y_of(2017, "Literature"));
    // Years are evenly spaced, empty years included: x is linear in the year.
    let x_of = |year| segs.iter().find(|s| s.year == year).unwrap().x;
    let per_year = (x_of(2019) - x_of(2006)) / 13.0;
    for year in [2010, 2014, 2017] {
        assert!((x_of(year) - x_of(2006) - per_year * (year - 2006) as f64).abs() <= 0.15, "{year}");
    }
    // Colours and legend: exactly the categories with a count, fields in canonical order.
    for s in &segs {
        assert_eq!(s.fill, field_colour(s.category.parse::<Field>().unwrap()));
    }
    let legend: Vec<&str> = elements(&doc, "g", "legend-item")
        .iter()
        .map(|g| g.children().find(|n| is(n, "text")).unwrap().text().unwrap())
        .collect();
    assert_eq!(legend, ["Crafts and Folk Art", "Design", "Film", "Gastronomy", "Literature", "Media Arts", "Music"]);
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    let desc = root.children().find(|n| is(n, "desc")).and_then(|n| n.text()).unwrap();
    assert!(desc.contains("from 2006 to 2019") && desc.contains("largest total is 5 in 2017"), "{desc}");
}

#[test]
fn meetings_per_year_scale_and_escape() {
    let data = (1990..2025).map(|y| BarDatum::new(y, "Meetings & <events>", (y % 7) as u32 * 3 + 1)).collect();
    let spec = BarSpec { title: "<script>alert(1)</script>".into(), unit: "meetings".into(), data, ..Default::default() };
    let svg = bar_chart(&spec);
    let doc = parse(&svg);
    assert!(elements(&doc, "script", "").is_empty());
    assert_eq!(title(&doc.root_element()), "<script>alert(1)</script>");
    let segs = segments(&doc);
    assert_eq!(segs.len(), 35);
    assert!(segs.iter().all(|s| s.category == "Meetings & <events>" && s.fill == OTHER_PALETTE[0]));
    // Largest count 19: step 5, y-max 20; 12 px per meeting.
    assert_eq!(doc.root_element().attribute("data-y-max"), Some("20"));
    for s in &segs {
        assert!((s.height - s.count as f64 * 12.0).abs() <= 0.1);
    }
    // 35 years in 660 px: a label every 2 years at most.
    let years: Vec<i32> = elements(&doc, "text", "year").iter().map(|t| t.text().unwrap().parse().unwrap()).collect();
    assert!(years.len() < 35 && years.windows(2).all(|w| w[1] - w[0] == years[1] - years[0]));

    let empty = bar_chart(&BarSpec { title: "None".into(), ..Default::default() });
    let doc = parse(&empty);
    assert!(elements(&doc, "rect", "segment").is_empty() && elements(&doc, "g", "legend").is_empty());
}
