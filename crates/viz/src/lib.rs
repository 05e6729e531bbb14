//! Server-side SVG for citynets: pure functions from data to an SVG string.
//!
//! No I/O, no JavaScript, no SVG library: the caller passes data (and, for
//! the map, the GeoJSON text, e.g. `include_str!` of
//! `data/boundaries/ne_110m_admin_0_countries.geojson`) and gets a complete
//! SVG document to inline in a page or serve as `image/svg+xml`.
//!
//! - [`WorldMap`] ([`map`]): country outlines parsed once, then
//!   [`WorldMap::render`] draws cities as linked points, optional lines
//!   between cities, a title and a legend, on the whole world, a box such as
//!   Europe, or fitted to the points. Equirectangular projection.
//! - [`timeline()`] ([`mod@timeline`]): a city's life across its networks on
//!   one time axis: one row per network or organ, bars for valid times (open
//!   ends run to "today"), points for events, year ticks.
//! - [`bar_chart()`] ([`chart`]): counts per year stacked by category
//!   (members per year by UCCN field, meetings per year), axes, ticks and a
//!   legend.
//! - [`radial_graph()`] ([`radial`]): a drawn graph around one node (a
//!   city's networks and twins, a network's members by field), laid out on
//!   rings, deterministic.
//!
//! Common to all three:
//!
//! - **Links without script.** Every mark that stands for a city or a fact
//!   is an `<a href>` (the href as given; `javascript:`, `vbscript:` and
//!   `data:` links become `#`), with a `<title>` that is both its tooltip and
//!   its accessible name.
//! - **Accessible root.** `role="img"`, `aria-label` = the title, and a
//!   `<title>` and `<desc>` as the root's first children. No `id`s are
//!   written, so several charts can be inlined in one page.
//! - **Escaping.** All text from data goes through [`svg::escape`]: the
//!   output is well-formed XML whatever the names contain.
//! - **Size.** Coordinates are rounded to 0.1 px; styles are one small
//!   `<style>` scoped to the chart's root class (`cn-map`, `cn-timeline`,
//!   `cn-bars`).
//! - **Colours.** A category that names a UCCN field has that field's fixed
//!   colour; others take a palette in alphabetical order ([`Legend`]).

pub mod chart;
pub mod legend;
pub mod map;
pub mod radial;
pub mod svg;
pub mod timeline;

use std::fmt;

pub use chart::{bar_chart, BarDatum, BarSpec};
pub use legend::{field_colour, Legend, LegendEntry, OTHER_PALETTE};
pub use map::{Country, GeoBox, LatLon, LineStyle, MapLine, MapPoint, MapSpec, View, WorldMap};
pub use radial::{radial_graph, RadialGroup, RadialNode, RadialSpec};
pub use timeline::{timeline, TimelineEvent, TimelineRow, TimelineSpan, TimelineSpec};

use svg::Writer;

/// Why GeoJSON could not be read as country outlines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VizError {
    /// Not JSON, or not a GeoJSON `FeatureCollection`.
    Json(String),
    /// A feature's geometry is unusable (index of the feature).
    Geometry { feature: usize, message: String },
}

impl fmt::Display for VizError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VizError::Json(e) => write!(f, "GeoJSON could not be read: {e}"),
            VizError::Geometry { feature, message } => write!(f, "GeoJSON feature {feature}: {message}"),
        }
    }
}

impl std::error::Error for VizError {}

/// Opens the root `<svg>` with its accessibility attributes, `<title>`,
/// `<desc>` and style sheet. `extra` adds attributes to the root (counts
/// the caller or a test may read).
#[allow(clippy::too_many_arguments)]
pub(crate) fn begin_document(
    w: &mut Writer,
    class: &'static str,
    width: f64,
    height: f64,
    title: &str,
    desc: &str,
    css: &str,
    extra: &[(&'static str, String)],
) {
    w.start("svg").attr("xmlns", "http://www.w3.org/2000/svg").attr("class", class);
    w.num("width", width).num("height", height);
    w.attr_raw("viewBox", |o| {
        o.push_str("0 0 ");
        svg::push_num(o, width);
        o.push(' ');
        svg::push_num(o, height);
    });
    w.attr("role", "img").attr("aria-label", title);
    for (name, value) in extra {
        w.attr(name, value);
    }
    w.open();
    w.title(title);
    w.leaf("desc", desc);
    // The style sheet is this crate's own text, with no markup characters.
    debug_assert!(!css.contains(['<', '&']));
    w.start("style").open().raw(css).close();
}
