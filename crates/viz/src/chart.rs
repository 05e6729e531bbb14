//! Counts per year as stacked bars: members per year by UCCN field,
//! meetings per year.
//!
//! # Layout
//!
//! Title; the plot (`height` pixels high, default 240) with a y axis of
//! counts and an x axis of years; the legend below. Every year from the
//! first to the last datum has a slot, so a year with no count shows as a
//! gap rather than disappearing. A year's bar stacks its categories from the
//! bottom in legend order (UCCN fields first, see [`Legend`]); a segment's
//! height is `count × plot height / y-max`, where y-max is the largest
//! year's total rounded up to a multiple of a 1-2-5 step (about five grid
//! lines). Each segment is a `<rect class="segment">` with a `<title>`
//! (`2014 — Music: 3`) and `data-count`; each year's group has a `<title>`
//! with its total. Counts given twice for the same year and category add up.

use std::collections::BTreeMap;

use crate::begin_document;
use crate::legend::Legend;
use crate::svg::Writer;

/// One count: `count` of `category` in `year`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarDatum {
    pub year: i32,
    pub category: String,
    pub count: u32,
}

impl BarDatum {
    pub fn new(year: i32, category: impl Into<String>, count: u32) -> Self {
        BarDatum { year, category: category.into(), count }
    }
}

/// What [`bar_chart`] draws.
#[derive(Clone, Debug, PartialEq)]
pub struct BarSpec {
    pub title: String,
    /// The `<desc>`; none writes one from the content.
    pub description: Option<String>,
    /// What is counted (`members`, `meetings`), shown over the y axis.
    pub unit: String,
    pub data: Vec<BarDatum>,
    /// Pixels, the whole chart.
    pub width: f64,
    /// Pixels, the plot area only.
    pub height: f64,
}

impl Default for BarSpec {
    fn default() -> Self {
        BarSpec { title: String::new(), description: None, unit: String::new(), data: Vec::new(), width: 720.0, height: 240.0 }
    }
}

/// A 1-2-5 step giving at most about five intervals up to `max`, and the
/// axis maximum (a multiple of the step, at least one step).
pub(crate) fn nice_scale(max: u64) -> (u64, u64) {
    let raw = (max as f64 / 5.0).max(1.0);
    let mut magnitude = 1u64;
    while (magnitude * 10) as f64 <= raw {
        magnitude *= 10;
    }
    let step = [1, 2, 5, 10].into_iter().map(|m| m * magnitude).find(|&s| s as f64 >= raw).unwrap_or(10 * magnitude);
    (step, max.div_ceil(step).max(1) * step)
}

/// The stacked bar chart as an SVG document (see the module docs).
pub fn bar_chart(spec: &BarSpec) -> String {
    let width = if spec.width.is_finite() && spec.width >= 200.0 { spec.width } else { 720.0 };
    let plot_h = if spec.height.is_finite() && spec.height >= 60.0 { spec.height } else { 240.0 };

    let legend = Legend::new(spec.data.iter().filter(|d| d.count > 0).map(|d| d.category.as_str()));
    // year -> legend index -> count
    let mut years: BTreeMap<i32, BTreeMap<usize, u64>> = BTreeMap::new();
    for d in spec.data.iter().filter(|d| d.count > 0) {
        *years.entry(d.year).or_default().entry(legend.index(&d.category)).or_default() += u64::from(d.count);
    }
    let (first, last) = match (years.keys().next(), years.keys().next_back()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => (0, -1),
    };
    let totals: BTreeMap<i32, u64> = years.iter().map(|(&y, c)| (y, c.values().sum())).collect();
    let max_total = totals.values().copied().max().unwrap_or(0);
    let (step, y_max) = nice_scale(max_total);

    let title_h = if spec.title.is_empty() { 8.0 } else { 36.0 };
    let top = title_h + 18.0;
    let bottom = top + plot_h;
    let x0 = 48.0;
    let x1 = width - 12.0;
    let slots = (last - first + 1).max(1) as usize;
    let band = (x1 - x0) / slots as f64;
    let bar_w = band * 0.8;
    let per_unit = plot_h / y_max as f64;
    let legend_w = width - 16.0;
    let legend_h = legend.height(legend_w);
    let legend_y = bottom + 30.0;
    let height = legend_y + if legend.is_empty() { 0.0 } else { legend_h };

    let description = spec.description.clone().unwrap_or_else(|| {
        let unit = if spec.unit.is_empty() { "counts" } else { spec.unit.as_str() };
        if totals.is_empty() {
            return format!("Bar chart of {unit} per year: no data.");
        }
        let (peak_year, peak) = totals.iter().max_by_key(|&(y, t)| (t, -y)).map(|(y, t)| (*y, *t)).unwrap_or((first, 0));
        let cats: Vec<&str> = legend.entries().iter().map(|e| e.label.as_str()).collect();
        format!(
            "Bar chart of {unit} per year from {first} to {last}, stacked by category ({}); the largest total is {peak} in {peak_year}.",
            cats.join(", ")
        )
    });

    let mut w = Writer::with_capacity(4096 + 300 * spec.data.len());
    let extra = [("data-y-max", y_max.to_string())];
    begin_document(&mut w, "cn-bars", width, height, &spec.title, &description, BARS_CSS, &extra);
    if !spec.title.is_empty() {
        w.start("text").attr("class", "heading").num("x", 8.0).num("y", 24.0).open().text(&spec.title).close();
    }
    if !spec.unit.is_empty() {
        w.start("text").attr("class", "unit").num("x", 8.0).num("y", top - 6.0).open().text(&spec.unit).close();
    }

    // Y axis: grid lines and labels at each step.
    w.start("g").attr("class", "y-axis").open();
    let mut v = 0;
    while v <= y_max {
        let y = bottom - v as f64 * per_unit;
        w.start("line").attr("class", if v == 0 { "axis" } else { "grid" });
        w.num("x1", x0).num("x2", x1).num("y1", y).num("y2", y).empty();
        w.start("text").attr("class", "count").num("x", x0 - 6.0).num("y", y + 4.0).open().text(&v.to_string()).close();
        v += step;
    }
    w.close();

    // X axis: a label every `label_step` years (at least 36 px apart).
    let label_step = [1, 2, 5, 10, 20, 50, 100].into_iter().find(|&s| band * s as f64 >= 36.0).unwrap_or(100);
    w.start("g").attr("class", "x-axis").open();
    for (i, year) in (first..=last).enumerate() {
        if year.rem_euclid(label_step) != 0 && slots != 1 {
            continue;
        }
        let x = x0 + band * (i as f64 + 0.5);
        w.start("line").attr("class", "tick").num("x1", x).num("x2", x).num("y1", bottom).num("y2", bottom + 4.0).empty();
        w.start("text").attr("class", "year").num("x", x).num("y", bottom + 17.0).open().text(&year.to_string()).close();
    }
    w.close();

    w.start("g").attr("class", "bars").open();
    for (&year, counts) in &years {
        let x = x0 + band * (year - first) as f64 + (band - bar_w) / 2.0;
        w.start("g").attr("class", "year-bar").open();
        let total = totals[&year];
        w.title(&format!("{year}: {total} in total"));
        let mut base = 0u64;
        for (&idx, &count) in counts {
            let entry = &legend.entries()[idx];
            let y_top = bottom - (base + count) as f64 * per_unit;
            w.start("rect").attr("class", "segment").num("x", x).num("y", y_top).num("width", bar_w);
            w.num("height", count as f64 * per_unit).attr("fill", entry.colour).attr("data-count", &count.to_string());
            w.open().title(&format!("{year} — {}: {count}", entry.label)).close();
            base += count;
        }
        w.close();
    }
    w.close();

    legend.draw(&mut w, 8.0, legend_y, legend_w);
    w.finish()
}

const BARS_CSS: &str = ".cn-bars text{font:12px sans-serif;fill:#222}\
.cn-bars .heading{font-size:16px;font-weight:bold}\
.cn-bars .unit{fill:#555}\
.cn-bars .count{text-anchor:end;fill:#555}\
.cn-bars .year{text-anchor:middle;fill:#555}\
.cn-bars .grid{stroke:#eaeaea}\
.cn-bars .axis,.cn-bars .tick{stroke:#888}\
.cn-bars .segment:hover{stroke:#000;stroke-width:1}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_one_two_five() {
        assert_eq!(nice_scale(0), (1, 1));
        assert_eq!(nice_scale(3), (1, 3));
        assert_eq!(nice_scale(7), (2, 8));
        assert_eq!(nice_scale(23), (5, 25));
        assert_eq!(nice_scale(49), (10, 50));
        assert_eq!(nice_scale(350), (100, 400));
    }
}
