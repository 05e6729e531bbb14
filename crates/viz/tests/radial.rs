//! The radial graph, read back with roxmltree.

mod common;

use citynets_viz::{field_colour, radial_graph, RadialGroup, RadialNode, RadialSpec};
use common::*;

fn city(name: &str) -> RadialNode {
    RadialNode::new(name, Some(format!("/cities/{}", name.to_lowercase())))
}

fn carrara() -> RadialSpec {
    RadialSpec {
        title: "Carrara's connections".into(),
        centre: city("Carrara"),
        groups: vec![
            RadialGroup {
                category: "Crafts and Folk Art".into(),
                hub: Some(RadialNode::new("UCCN", Some("/networks/uccn".into()))),
                leaves: vec![city("Fabriano"), city("Pesaro"), city("Biella")],
            },
            RadialGroup { category: "twinning".into(), hub: None, leaves: vec![city("Grasse"), city("<Script>")] },
        ],
        ..Default::default()
    }
}

#[test]
fn every_node_and_edge_is_drawn_with_its_link() {
    let svg = radial_graph(&carrara());
    let doc = parse(&svg);
    let root = doc.root_element();
    assert_eq!(root.attribute("data-groups"), Some("2"));
    // The centre, one hub, five leaves.
    assert_eq!(root.attribute("data-nodes"), Some("7"));
    let nodes = elements(&doc, "a", "node");
    assert_eq!(nodes.len(), 7);
    let hrefs: Vec<&str> = nodes.iter().filter_map(|n| n.attribute("href")).collect();
    for h in ["/cities/carrara", "/networks/uccn", "/cities/fabriano", "/cities/grasse"] {
        assert!(hrefs.contains(&h), "{h} is not linked: {hrefs:?}");
    }
    // Centre–hub, three hub–leaf, two centre–leaf.
    assert_eq!(elements(&doc, "line", "edge").len(), 6);
    // Names are text, never markup.
    assert!(svg.contains("&lt;Script&gt;"));
    assert!(nodes.iter().any(|n| title(n).contains("UCCN (3 linked)")));
}

#[test]
fn a_field_keeps_its_colour_and_edges_reach_their_nodes() {
    let svg = radial_graph(&carrara());
    let doc = parse(&svg);
    let hub = elements(&doc, "a", "hub").into_iter().next().expect("a hub");
    let circle = hub.children().find(|c| is(c, "circle")).expect("a circle");
    assert_eq!(circle.attribute("fill"), Some(field_colour(citynets_model::Field::CraftsAndFolkArt)));
    let centres: Vec<(f64, f64)> = elements(&doc, "circle", "").iter().map(|c| (num(c, "cx"), num(c, "cy"))).collect();
    for line in elements(&doc, "line", "edge") {
        for end in [("x1", "y1"), ("x2", "y2")] {
            let p = (num(&line, end.0), num(&line, end.1));
            assert!(centres.iter().any(|c| (c.0 - p.0).abs() < 0.2 && (c.1 - p.1).abs() < 0.2), "an edge ends at no node: {p:?}");
        }
    }
}

#[test]
fn large_groups_are_capped_and_counted_on_their_hub() {
    let mut spec = carrara();
    spec.max_leaves = 2;
    spec.groups[0].leaves = (0..50).map(|i| city(&format!("City {i}"))).collect();
    let svg = radial_graph(&spec);
    let doc = parse(&svg);
    // Centre, hub, two of the fifty, two twins.
    assert_eq!(elements(&doc, "a", "node").len(), 6);
    assert!(elements(&doc, "a", "hub").iter().any(|n| title(n).contains("50 linked, 48 not drawn")));
    // What a page says of the drawing: the leaves drawn, of all.
    let leaves = elements(&doc, "a", "leaf").len();
    assert_eq!(spec.leaves_drawn(), (leaves, 50 + spec.groups[1].leaves.len()));
    assert_eq!(carrara().leaves_drawn().0, carrara().leaves_drawn().1, "a small graph is drawn whole");
}

#[test]
fn the_same_data_draws_the_same_picture() {
    assert_eq!(radial_graph(&carrara()), radial_graph(&carrara()));
}
