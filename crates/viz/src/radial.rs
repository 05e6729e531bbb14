//! A drawn graph around one node: who a city is connected to and through
//! what, or a network's members by field.
//!
//! The layout is radial and deterministic (no force simulation, so the same
//! data always draws the same picture): the centre node in the middle; each
//! group (a network the city belongs to, a UCCN field, the city's twins)
//! gets a sector of the circle in proportion to its size; a group's hub
//! (the network) sits on the inner ring in the middle of its sector and its
//! leaves (member cities) on the outer ring, linked to the hub; a group
//! without a hub links its leaves to the centre directly. Leaves are
//! labelled radially when there is room, and always carry a tooltip.

use crate::begin_document;
use crate::legend::Legend;
use crate::svg::Writer;

/// A node: a city, a network, a field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RadialNode {
    pub label: String,
    /// Where a click goes.
    pub href: Option<String>,
    /// The tooltip; the label when `None`.
    pub title: Option<String>,
}

impl RadialNode {
    pub fn new(label: impl Into<String>, href: Option<String>) -> Self {
        RadialNode { label: label.into(), href, title: None }
    }
}

/// Nodes linked to the centre through one hub, or directly.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RadialGroup {
    /// The colour and legend entry (a field, a network's name, "twinning").
    pub category: String,
    pub hub: Option<RadialNode>,
    pub leaves: Vec<RadialNode>,
}

/// What [`radial_graph`] draws.
#[derive(Clone, Debug, PartialEq)]
pub struct RadialSpec {
    pub title: String,
    pub centre: RadialNode,
    pub groups: Vec<RadialGroup>,
    /// Pixels; the drawing is square below its title and legend.
    pub width: f64,
    /// Leaves drawn per group at most; the rest are counted on the hub.
    pub max_leaves: usize,
}

impl Default for RadialSpec {
    fn default() -> Self {
        RadialSpec { title: String::new(), centre: RadialNode::default(), groups: Vec::new(), width: 900.0, max_leaves: 120 }
    }
}

impl RadialSpec {
    /// How many leaves each group draws: [`RadialSpec::max_leaves`] at most.
    fn shown(&self) -> Vec<usize> {
        self.groups.iter().map(|g| g.leaves.len().min(self.max_leaves)).collect()
    }

    /// `(drawn, all)`: how many leaves the drawing shows, of how many the
    /// groups hold, for a page to say when it shows only part of them.
    pub fn leaves_drawn(&self) -> (usize, usize) {
        (self.shown().iter().sum(), self.groups.iter().map(|g| g.leaves.len()).sum())
    }
}

const CSS: &str = ".cn-graph text{font:11px sans-serif;fill:#222}\
.cn-graph .heading{font-size:16px;font-weight:bold}\
.cn-graph .edge{stroke-opacity:.45;stroke-width:1}\
.cn-graph .centre text{font-size:14px;font-weight:bold}\
.cn-graph .hub text{font-size:12px;font-weight:bold}\
.cn-graph a:hover circle{stroke:#000;stroke-width:2}";

/// Where a node is drawn.
#[derive(Clone, Copy)]
struct At {
    x: f64,
    y: f64,
    /// Radians, clockwise from east.
    angle: f64,
}

/// The SVG of a radial graph: `<g class="edge">` lines, then nodes as
/// `<a class="node ...">` with a circle, a label and a tooltip. The root
/// carries `data-groups`, `data-nodes` and `data-edges` counts.
pub fn radial_graph(spec: &RadialSpec) -> String {
    let legend = Legend::new(spec.groups.iter().map(|g| g.category.as_str()));
    let width = spec.width.max(300.0);
    let heading = 30.0;
    let legend_height = legend.height(width - 20.0);
    let size = width;
    let height = heading + legend_height + size;
    let (cx, cy) = (width / 2.0, heading + legend_height + size / 2.0);
    // Room for radial labels outside the outer ring.
    let outer = size * 0.34;
    let inner = outer * 0.45;

    let shown = spec.shown();
    let slots: usize = shown.iter().map(|&n| n.max(1)).sum::<usize>() + spec.groups.len();
    let step = std::f64::consts::TAU / slots.max(1) as f64;
    let label_leaves = step * outer >= 9.0;

    let mut edges: Vec<(At, At, &str)> = Vec::new();
    let mut nodes: Vec<(At, &RadialNode, &str, &'static str, String)> = Vec::new();
    let centre = At { x: cx, y: cy, angle: 0.0 };
    let mut slot = 0.0_f64;
    for (g, &n) in spec.groups.iter().zip(&shown) {
        let colour = legend.colour(&g.category);
        let width_slots = n.max(1) as f64;
        // Half a gap before the group, then its leaves, then half a gap.
        let first = slot + 0.5;
        let mid = -std::f64::consts::FRAC_PI_2 + (first + (width_slots - 1.0) / 2.0 + 0.5) * step;
        let hub_at = g.hub.as_ref().map(|hub| {
            let at = At { x: cx + inner * mid.cos(), y: cy + inner * mid.sin(), angle: mid };
            edges.push((centre, at, colour));
            let more = g.leaves.len() - n;
            let title = match more {
                0 => format!("{} ({} linked)", hub.title.as_deref().unwrap_or(&hub.label), g.leaves.len()),
                _ => format!("{} ({} linked, {more} not drawn)", hub.title.as_deref().unwrap_or(&hub.label), g.leaves.len()),
            };
            nodes.push((at, hub, colour, "hub", title));
            at
        });
        for (i, leaf) in g.leaves.iter().take(n).enumerate() {
            let a = -std::f64::consts::FRAC_PI_2 + (first + i as f64 + 0.5) * step;
            let at = At { x: cx + outer * a.cos(), y: cy + outer * a.sin(), angle: a };
            edges.push((hub_at.unwrap_or(centre), at, colour));
            let title = leaf.title.clone().unwrap_or_else(|| leaf.label.clone());
            nodes.push((at, leaf, colour, if label_leaves { "leaf" } else { "leaf unlabelled" }, title));
        }
        slot += width_slots + 1.0;
    }

    let mut w = Writer::with_capacity(256 + 220 * (nodes.len() + 1));
    let desc = format!(
        "{}: {} groups, {} linked nodes.",
        spec.centre.label,
        spec.groups.len(),
        nodes.len()
    );
    let extra = [
        ("data-groups", spec.groups.len().to_string()),
        ("data-nodes", (nodes.len() + 1).to_string()),
        ("data-edges", edges.len().to_string()),
    ];
    begin_document(&mut w, "cn-graph", width, height, &spec.title, &desc, CSS, &extra);
    w.start("text").attr("class", "heading").num("x", 10.0).num("y", 20.0).open().text(&spec.title).close();
    legend.draw(&mut w, 10.0, heading, width - 20.0);

    w.start("g").attr("class", "edges").open();
    for (a, b, colour) in &edges {
        w.start("line").attr("class", "edge").num("x1", a.x).num("y1", a.y).num("x2", b.x).num("y2", b.y).attr("stroke", colour).empty();
    }
    w.close();

    w.start("g").attr("class", "nodes").open();
    for (at, node, colour, class, title) in &nodes {
        let radius = if class.starts_with("hub") { 9.0 } else { 4.5 };
        let label = if class.contains("unlabelled") { None } else { Some(node.label.as_str()) };
        draw_node(&mut w, *at, node, colour, class, title, radius, label, (cx, cy));
    }
    let title = spec.centre.title.clone().unwrap_or_else(|| spec.centre.label.clone());
    draw_node(&mut w, centre, &spec.centre, "#222222", "centre", &title, 12.0, Some(&spec.centre.label), (cx, cy));
    w.close();
    w.finish()
}

#[allow(clippy::too_many_arguments)]
fn draw_node(w: &mut Writer, at: At, node: &RadialNode, colour: &str, class: &str, title: &str, radius: f64, label: Option<&str>, centre: (f64, f64)) {
    if let Some(href) = &node.href {
        w.start("a").href(href).attr("class", &format!("node {class}")).open();
    } else {
        w.start("g").attr("class", &format!("node {class}")).open();
    }
    w.title(title);
    w.start("circle").num("cx", at.x).num("cy", at.y).num("r", radius).attr("fill", colour).attr("stroke", "#fff").empty();
    if let Some(text) = label {
        if class == "leaf" {
            // Radial labels, reading outwards; on the left half turned round
            // so they are never upside down.
            let degrees = at.angle.to_degrees();
            let left = at.x < centre.0;
            let (rotation, anchor, dx) = if left { (degrees + 180.0, "end", -8.0) } else { (degrees, "start", 8.0) };
            let transform = format!("rotate({:.1} {:.1} {:.1})", rotation, at.x, at.y);
            w.start("text").num("x", at.x + dx).num("y", at.y + 3.5).attr("text-anchor", anchor).attr("transform", &transform).open().text(text).close();
        } else {
            w.start("text").num("x", at.x).num("y", at.y - radius - 4.0).attr("text-anchor", "middle").open().text(text).close();
        }
    }
    w.close();
}
