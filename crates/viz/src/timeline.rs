//! A city's life across its networks on one time axis.
//!
//! # Time
//!
//! The axis is linear in days (the proleptic Gregorian calendar), from
//! 1 January of the earliest year shown to 1 January of the year after the
//! latest (the later of "today" and the last end), both widened to a tick:
//! ticks are every 1, 2, 5, 10… years, the smallest step that leaves 44 px
//! per label. Every tick is a real 1 January, and years with 366 days are a
//! day wider.
//!
//! A partial date stands for its whole period, as in the model's as-of
//! rule: a span is drawn from the start of [`PartialDate::first_day`] of its
//! start to the end of [`PartialDate::last_day`] of its end, so "1993–1999"
//! covers all of 1999 and "2017-11" starts on 1 November. A span with no end
//! is still true and **runs to the end of today**, where a dashed "today"
//! line is drawn. An event is a point at the middle of its period (the
//! middle of the year for "2008", the day itself for "2013-09-18").
//!
//! # Layout
//!
//! Title; then one row per [`TimelineRow`] (a network, a body, "twinnings"),
//! its label on the left (a link when the row has an `href`); spans of a row
//! that overlap in time are put in lanes under each other, and a row's
//! events have a lane of their own below its spans; year ticks and labels
//! under the rows. Every span is an `<a href>` (to its fact) around a
//! `<rect>` whose `<title>` gives its label and valid time as written
//! (`Music (UCCN): since 2006`, `Chair: 2013 – 2014`); every event an
//! `<a href>` around a `<circle>` likewise.

use citynets_model::PartialDate;

use crate::legend::Legend;
use crate::svg::Writer;
use crate::begin_document;

/// A period a fact holds.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineSpan {
    /// Where the span is drawn from: its stated start, or the date of the
    /// source that states it (see `start_stated`).
    pub start: PartialDate,
    /// Whether a source states the start; when not, the label says so and
    /// the span's start is drawn as unknown.
    pub start_stated: bool,
    /// None: still holds (runs to today).
    pub end: Option<PartialDate>,
    /// What holds (`Member`, `Music`, `Chair`).
    pub label: String,
    /// The fact's page.
    pub href: String,
    /// Colour and legend entry (a UCCN field, a role…); none is neutral.
    pub category: Option<String>,
}

/// A dated event (a meeting hosted, a designation).
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineEvent {
    pub date: PartialDate,
    pub label: String,
    pub href: String,
    pub category: Option<String>,
}

/// One row: a network or organ and the city's spans and events in it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineRow {
    pub label: String,
    /// The network's or organ's page, if any.
    pub href: Option<String>,
    pub spans: Vec<TimelineSpan>,
    pub events: Vec<TimelineEvent>,
}

/// What [`timeline`] draws.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineSpec {
    pub title: String,
    /// The `<desc>`; none writes one from the content.
    pub description: Option<String>,
    pub rows: Vec<TimelineRow>,
    /// Where open spans end (normally the day of rendering).
    pub today: PartialDate,
    /// Pixels.
    pub width: f64,
}

impl TimelineSpec {
    pub fn new(title: impl Into<String>, today: PartialDate) -> Self {
        TimelineSpec { title: title.into(), description: None, rows: Vec::new(), today, width: 960.0 }
    }
}

const LANE: f64 = 16.0;
const LANE_GAP: f64 = 4.0;
const ROW_PAD: f64 = 8.0;

/// Days since 1970-01-01 of a `yyyymmdd` day bound (proleptic Gregorian).
pub(crate) fn day_number(yyyymmdd: i32) -> i64 {
    let (y, m, d) = ((yyyymmdd / 10_000) as i64, ((yyyymmdd / 100) % 100) as i64, (yyyymmdd % 100) as i64);
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn jan1(year: i32) -> i64 {
    day_number(year * 10_000 + 101)
}

/// The time axis: day numbers to x.
struct Axis {
    first_year: i32,
    /// Exclusive: the axis ends on 1 January of this year.
    end_year: i32,
    x0: f64,
    x1: f64,
}

impl Axis {
    fn x(&self, day: i64) -> f64 {
        let (a, b) = (jan1(self.first_year), jan1(self.end_year));
        self.x0 + (day - a) as f64 / (b - a) as f64 * (self.x1 - self.x0)
    }

    /// Start of the first day of `d`'s period.
    fn start_of(&self, d: PartialDate) -> f64 {
        self.x(day_number(d.first_day()))
    }

    /// End of the last day of `d`'s period.
    fn end_of(&self, d: PartialDate) -> f64 {
        self.x(day_number(d.last_day()) + 1)
    }

    /// Years between ticks: the smallest of 1, 2, 5, 10… leaving 44 px
    /// per label.
    fn step(&self) -> i32 {
        let years = (self.end_year - self.first_year).max(1) as f64;
        let room = ((self.x1 - self.x0) / 44.0).max(1.0);
        [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000]
            .into_iter()
            .find(|&s| years / s as f64 <= room)
            .unwrap_or(1000)
    }
}

/// A span's valid time as written: `1993 – 1999`, `since 2006`, `2013`.
fn written(start: PartialDate, end: Option<PartialDate>) -> String {
    match end {
        None => format!("since {start}"),
        Some(e) if e == start => start.to_string(),
        Some(e) => format!("{start} – {e}"),
    }
}

/// A span whose start no source states, drawn from its source's date.
fn unstated(known: PartialDate, end: Option<PartialDate>) -> String {
    match end {
        None => format!("since: not stated (stated in a source of {known})"),
        Some(e) => format!("start not stated (stated in a source of {known}) – {e}"),
    }
}

/// Spans of one row assigned to lanes so that none overlap in a lane
/// (first fit, by start). Returns each span's lane and the lane count.
fn lanes(spans: &[TimelineSpan], today: PartialDate) -> (Vec<usize>, usize) {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans[i].start);
    let mut lane_end: Vec<i32> = Vec::new();
    let mut lane = vec![0; spans.len()];
    for i in order {
        let s = &spans[i];
        let lo = s.start.first_day();
        let hi = s.end.unwrap_or(today).last_day().max(lo);
        let l = match lane_end.iter().position(|&e| e < lo) {
            Some(l) => l,
            None => {
                lane_end.push(0);
                lane_end.len() - 1
            }
        };
        lane_end[l] = hi;
        lane[i] = l;
    }
    (lane, lane_end.len())
}

/// Shortens a label for the label column (the full text stays in the
/// `<title>`).
fn clip_label(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// The timeline as an SVG document (see the module docs).
pub fn timeline(spec: &TimelineSpec) -> String {
    let width = if spec.width.is_finite() && spec.width >= 300.0 { spec.width } else { 960.0 };
    let today = spec.today;

    // Axis range.
    let mut first = today.year_value();
    let mut last = today.year_value();
    for row in &spec.rows {
        for s in &row.spans {
            first = first.min(s.start.year_value());
            last = last.max(s.end.map_or(s.start, |e| e.max(s.start)).year_value());
        }
        for e in &row.events {
            first = first.min(e.date.year_value());
            last = last.max(e.date.year_value());
        }
    }
    const MAX_LABEL: usize = 36;
    let label_chars = spec.rows.iter().map(|r| r.label.chars().count().min(MAX_LABEL)).max().unwrap_or(0);
    let label_w = (label_chars as f64 * 6.5 + 20.0).clamp(80.0, 260.0);
    let mut axis = Axis { first_year: first, end_year: last + 1, x0: label_w, x1: width - 20.0 };
    // The axis starts and ends on a tick.
    let step = axis.step();
    axis.first_year = first - first.rem_euclid(step);
    axis.end_year += (step - axis.end_year.rem_euclid(step)) % step;

    let legend = Legend::new(
        spec.rows
            .iter()
            .flat_map(|r| r.spans.iter().filter_map(|s| s.category.as_deref()).chain(r.events.iter().filter_map(|e| e.category.as_deref()))),
    );
    let colour = |c: &Option<String>| c.as_deref().map_or("#5f6b7a", |c| legend.colour(c));

    // Rows.
    let title_h = if spec.title.is_empty() { 8.0 } else { 36.0 };
    let mut y = title_h + 4.0;
    let mut row_layout = Vec::with_capacity(spec.rows.len());
    for row in &spec.rows {
        let (lane, span_lanes) = lanes(&row.spans, today);
        let n = span_lanes.max(1) + usize::from(!row.events.is_empty() && !row.spans.is_empty());
        let h = n as f64 * (LANE + LANE_GAP) - LANE_GAP + 2.0 * ROW_PAD;
        row_layout.push((y, h, lane, span_lanes));
        y += h;
    }
    let rows_bottom = y.max(title_h + 24.0);
    let legend_w = width - 16.0;
    let legend_h = legend.height(legend_w);
    let height = rows_bottom + 28.0 + if legend.is_empty() { 0.0 } else { legend_h + 6.0 };

    let spans: usize = spec.rows.iter().map(|r| r.spans.len()).sum();
    let events: usize = spec.rows.iter().map(|r| r.events.len()).sum();
    let description = spec.description.clone().unwrap_or_else(|| {
        format!(
            "Timeline from {first} to {today}: {} rows, {spans} periods, {events} events. Open periods run to {today}.",
            spec.rows.len()
        )
    });

    let mut w = Writer::with_capacity(4096 + 400 * (spans + events));
    let extra = [("data-today", today.to_string())];
    begin_document(&mut w, "cn-timeline", width, height, &spec.title, &description, TIMELINE_CSS, &extra);
    if !spec.title.is_empty() {
        w.start("text").attr("class", "heading").num("x", 8.0).num("y", 24.0).open().text(&spec.title).close();
    }

    // Ticks first, so that bars are drawn over the grid.
    w.start("g").attr("class", "ticks").open();
    let mut year = axis.first_year;
    while year <= axis.end_year {
        let x = axis.x(jan1(year));
        w.start("line").attr("class", "grid").num("x1", x).num("x2", x).num("y1", title_h).num("y2", rows_bottom + 4.0).empty();
        w.start("text").attr("class", "year").num("x", x).num("y", rows_bottom + 18.0).open().text(&year.to_string()).close();
        year += step;
    }
    w.close();

    w.start("g").attr("class", "rows").open();
    for (row, &(top, h, ref lane, span_lanes)) in spec.rows.iter().zip(&row_layout) {
        w.start("g").attr("class", "row").open();
        w.start("line").attr("class", "sep").num("x1", 0.0).num("x2", width).num("y1", top + h).num("y2", top + h).empty();
        let label_y = top + ROW_PAD + LANE / 2.0 + 4.0;
        if let Some(h) = &row.href {
            w.start("a").href(h).open();
        }
        w.start("text").attr("class", "label").num("x", 8.0).num("y", label_y).open();
        w.title(&row.label).text(&clip_label(&row.label, MAX_LABEL)).close();
        if row.href.is_some() {
            w.close();
        }
        for (s, &l) in row.spans.iter().zip(lane) {
            let x = axis.start_of(s.start);
            let end = match s.end {
                Some(e) => axis.end_of(e.max(s.start)),
                None => axis.end_of(today),
            };
            let y = top + ROW_PAD + l as f64 * (LANE + LANE_GAP);
            w.start("a").href(&s.href).open();
            let class = match (s.end.is_none(), s.start_stated) {
                (true, true) => "span open",
                (false, true) => "span",
                (true, false) => "span open unstated",
                (false, false) => "span unstated",
            };
            w.start("rect").attr("class", class);
            w.num("x", x).num("y", y).num("width", (end - x).max(0.0)).num("height", LANE).num("rx", 2.0);
            w.attr("fill", colour(&s.category));
            if !s.start_stated {
                // Known from a source's date, not from its start: lighter.
                w.attr("fill-opacity", "0.45");
            }
            w.open();
            let when = if s.start_stated { written(s.start, s.end) } else { unstated(s.start, s.end) };
            w.title(&format!("{}: {}", s.label, when)).close();
            w.close();
        }
        let ev_lane = if row.spans.is_empty() { 0 } else { span_lanes };
        let cy = top + ROW_PAD + ev_lane as f64 * (LANE + LANE_GAP) + LANE / 2.0;
        for e in &row.events {
            let cx = (axis.start_of(e.date) + axis.end_of(e.date)) / 2.0;
            w.start("a").href(&e.href).open();
            w.start("circle").attr("class", "event").num("cx", cx).num("cy", cy).num("r", 5.0);
            w.attr("fill", colour(&e.category)).open().title(&format!("{}: {}", e.label, e.date)).close();
            w.close();
        }
        w.close();
    }
    w.close();

    let tx = axis.end_of(today);
    w.start("line").attr("class", "today").num("x1", tx).num("x2", tx).num("y1", title_h).num("y2", rows_bottom + 4.0);
    w.open().title(&format!("today: {today}")).close();
    w.start("line").attr("class", "axis").num("x1", axis.x0).num("x2", axis.x1).num("y1", rows_bottom + 4.0).num("y2", rows_bottom + 4.0).empty();

    legend.draw(&mut w, 8.0, rows_bottom + 28.0, legend_w);
    w.finish()
}

const TIMELINE_CSS: &str = ".cn-timeline text{font:12px sans-serif;fill:#222}\
.cn-timeline .heading{font-size:16px;font-weight:bold}\
.cn-timeline .year{text-anchor:middle;fill:#555}\
.cn-timeline .grid{stroke:#e4e4e4}\
.cn-timeline .sep{stroke:#f0f0f0}\
.cn-timeline .axis{stroke:#888}\
.cn-timeline .today{stroke:#c00;stroke-dasharray:3 3}\
.cn-timeline .span.open{fill-opacity:.8}\
.cn-timeline .event{stroke:#fff;stroke-width:1}\
.cn-timeline a:hover .span,.cn-timeline a:focus .span,.cn-timeline a:hover .event{stroke:#000;stroke-width:1.5}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_are_consecutive_across_months_and_leap_years() {
        assert_eq!(day_number(19700101), 0);
        assert_eq!(day_number(20000301) - day_number(20000228), 2);
        assert_eq!(day_number(21000301) - day_number(21000228), 1);
        assert_eq!(jan1(2025) - jan1(2024), 366);
    }

    #[test]
    fn valid_time_is_written_as_given() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        assert_eq!(written(d("2006"), None), "since 2006");
        assert_eq!(written(d("1993"), Some(d("1999"))), "1993 – 1999");
        assert_eq!(written(d("2017-11"), Some(d("2017-11"))), "2017-11");
        assert_eq!(unstated(d("2024-10-01"), None), "since: not stated (stated in a source of 2024-10-01)");
    }
}
