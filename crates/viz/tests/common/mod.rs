//! Helpers shared by the integration tests: reading the SVG back with
//! roxmltree, an XML reader independent of the writer under test.
#![allow(dead_code)]

use roxmltree::{Document, Node};

pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Parses `svg`, failing the test with the document's start if it is not XML.
pub fn parse(svg: &str) -> Document<'_> {
    match Document::parse(svg) {
        Ok(d) => d,
        Err(e) => panic!("not well-formed XML: {e}\n{}", &svg[..svg.len().min(2000)]),
    }
}

pub fn is(n: &Node, tag: &str) -> bool {
    n.is_element() && n.tag_name().name() == tag
}

pub fn has_class(n: &Node, class: &str) -> bool {
    n.attribute("class").is_some_and(|c| c.split_whitespace().any(|t| t == class))
}

/// Every element named `tag` with class `class` (any class when empty).
pub fn elements<'a, 'i>(doc: &'a Document<'i>, tag: &str, class: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants().filter(|n| is(n, tag) && (class.is_empty() || has_class(n, class))).collect()
}

pub fn num(n: &Node, attr: &str) -> f64 {
    let v = n.attribute(attr).unwrap_or_else(|| panic!("<{}> has no {attr}", n.tag_name().name()));
    v.parse().unwrap_or_else(|_| panic!("{attr}={v:?} is not a number"))
}

/// The text of the element's `<title>` child.
pub fn title(n: &Node) -> String {
    n.children().find(|c| is(c, "title")).and_then(|t| t.text()).unwrap_or_default().to_string()
}

/// Bounding box (min x, min y, max x, max y) of path data made of
/// M, L, Q, Z and numbers (absolute coordinates).
pub fn path_bbox(d: &str) -> (f64, f64, f64, f64) {
    let nums: Vec<f64> = d
        .split(|c: char| c.is_ascii_alphabetic() || c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap_or_else(|_| panic!("bad number {s:?} in path")))
        .collect();
    assert!(nums.len() >= 2 && nums.len().is_multiple_of(2), "odd path data");
    let mut b = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in nums.chunks(2) {
        b = (b.0.min(p[0]), b.1.min(p[1]), b.2.max(p[0]), b.3.max(p[1]));
    }
    b
}

/// Days since 1970-01-01, counted year by year and month by month (a
/// different method from the crate's, on purpose).
pub fn days(y: i32, m: u32, d: u32) -> i64 {
    let leap = |y: i32| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mut n: i64 = 0;
    let year_len = |y: i32| if leap(y) { 366 } else { 365 };
    for year in 1970..y {
        n += year_len(year);
    }
    for year in y..1970 {
        n -= year_len(year);
    }
    let lengths = [31, if leap(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    n += lengths[..(m - 1) as usize].iter().map(|&l| l as i64).sum::<i64>();
    n + d as i64 - 1
}
