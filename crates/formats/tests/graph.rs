//! The network graph: its questions, and GraphML/GEXF read back with roxmltree.

mod common;

use std::collections::{HashMap, HashSet};

use citynets_formats::{EdgeKind, Graph, GraphOptions};
use common::*;
use roxmltree::{Document, Node};

fn graph() -> Graph {
    Graph::from_facts(&cities(), &facts(), &GraphOptions::default())
}

#[test]
fn shared_memberships_are_weighted_and_twinnings_dated() {
    let g = graph();
    assert_eq!(g.nodes().len(), 6, "the given cities; the seat Paris is no member and gets no node");
    // UCCN: Carrara, Bologna, Turin; EUROCITIES: Bologna, Turin, the tricky town
    // (Nowhere's membership is rejected): 5 shared-membership pairs and a twinning.
    assert_eq!(g.edges().len(), 6);
    let bologna = g.find("Bologna").unwrap();
    assert_eq!(bologna.networks, vec!["EUROCITIES", "UNESCO Creative Cities Network"]);
    let turin_edge = g.neighbours("bologna-it").into_iter().find(|n| n.node.key == "turin-it").unwrap().edge;
    assert_eq!((turin_edge.kind, turin_edge.weight), (EdgeKind::SharedMembership, 2));
    assert_eq!(turin_edge.label, "EUROCITIES, UNESCO Creative Cities Network");
}

#[test]
fn neighbours_say_what_links_them() {
    let g = graph();
    let carrara: Vec<(&str, EdgeKind, &str)> =
        g.neighbours("Carrara").iter().map(|n| (n.node.label.as_str(), n.edge.kind, n.edge.label.as_str())).collect();
    assert_eq!(
        carrara,
        vec![
            ("Bologna", EdgeKind::SharedMembership, "UNESCO Creative Cities Network"),
            ("Turin", EdgeKind::SharedMembership, "UNESCO Creative Cities Network"),
        ]
    );
    let bologna: Vec<(&str, EdgeKind, &str)> =
        g.neighbours("city:bologna-it").iter().map(|n| (n.node.label.as_str(), n.edge.kind, n.edge.label.as_str())).collect();
    assert_eq!(
        bologna,
        vec![
            ("Carrara", EdgeKind::SharedMembership, "UNESCO Creative Cities Network"),
            ("Leipzig", EdgeKind::Twinning, "twinned since 1962"),
            (TRICKY, EdgeKind::SharedMembership, "EUROCITIES"),
            ("Turin", EdgeKind::SharedMembership, "EUROCITIES, UNESCO Creative Cities Network"),
        ]
    );
    assert!(g.neighbours("Nowhere").is_empty());
    assert!(g.neighbours("Atlantis").is_empty());
}

#[test]
fn shortest_chain_finds_the_known_path_and_none_between_disconnected_cities() {
    let g = graph();
    let chain = g.shortest_chain("Carrara", "Leipzig").unwrap();
    assert_eq!(chain.labels(), vec!["Carrara", "Bologna", "Leipzig"]);
    assert_eq!(chain.kinds(), vec![EdgeKind::SharedMembership, EdgeKind::Twinning]);
    assert!(g.shortest_chain("Carrara", "Nowhere").is_none());
    assert!(g.shortest_chain("Carrara", "Atlantis").is_none());
    let itself = g.shortest_chain("Turin", "turin-it").unwrap();
    assert_eq!((itself.nodes.len(), itself.edges.len()), (1, 0));

    // Through network nodes instead of shared-membership edges.
    let options = GraphOptions { network_nodes: true, shared_memberships: false, twinnings: true };
    let g = Graph::from_facts(&cities(), &facts(), &options);
    let chain = g.shortest_chain("Carrara", "Leipzig").unwrap();
    assert_eq!(chain.labels(), vec!["Carrara", "UNESCO Creative Cities Network", "Bologna", "Leipzig"]);
    assert_eq!(chain.kinds(), vec![EdgeKind::Membership, EdgeKind::Membership, EdgeKind::Twinning]);
    assert_eq!(chain.edges[0].label, "member since 2017");
}

#[test]
fn in_both_intersects_memberships() {
    let g = graph();
    let both: Vec<&str> = g.in_both("uccn", "EUROCITIES").iter().map(|n| n.label.as_str()).collect();
    assert_eq!(both, vec!["Bologna", "Turin"]);
    assert!(g.in_both("uccn", "no such network").is_empty());
}

/// Node ids, and the checks every graph file must pass: unique ids, edges
/// between declared nodes.
fn check_ids<'a>(nodes: &[Node<'a, 'a>], edges: &[Node<'a, 'a>]) -> HashSet<&'a str> {
    let ids: HashSet<&str> = nodes.iter().map(|n| n.attribute("id").unwrap()).collect();
    assert_eq!(ids.len(), nodes.len(), "node ids are unique");
    let edge_ids: HashSet<&str> = edges.iter().map(|e| e.attribute("id").unwrap()).collect();
    assert_eq!(edge_ids.len(), edges.len(), "edge ids are unique");
    for e in edges {
        for end in ["source", "target"] {
            assert!(ids.contains(e.attribute(end).unwrap()), "edge {:?} {end} is a declared node", e.attribute("id"));
        }
    }
    ids
}

#[test]
fn graphml_parses_with_declared_keys_and_round_trips_values() {
    let options = GraphOptions { network_nodes: true, ..GraphOptions::default() };
    let g = Graph::from_facts(&cities(), &facts(), &options);
    let xml = g.to_graphml();
    let doc = Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "graphml");
    assert_eq!(root.tag_name().namespace(), Some("http://graphml.graphdrawing.org/xmlns"));
    let keys: HashMap<&str, &str> = root
        .children()
        .filter(|n| n.has_tag_name("key"))
        .map(|k| (k.attribute("id").unwrap(), k.attribute("for").unwrap()))
        .collect();
    let graph = root.children().find(|n| n.has_tag_name("graph")).unwrap();
    assert_eq!(graph.attribute("edgedefault"), Some("undirected"));
    let nodes: Vec<Node> = graph.children().filter(|n| n.has_tag_name("node")).collect();
    let edges: Vec<Node> = graph.children().filter(|n| n.has_tag_name("edge")).collect();
    assert_eq!((nodes.len(), edges.len()), (g.nodes().len(), g.edges().len()));
    assert_eq!(nodes.len(), 8, "six cities and two networks");
    check_ids(&nodes, &edges);
    for el in nodes.iter().chain(&edges) {
        for data in el.children().filter(|n| n.has_tag_name("data")) {
            let key = data.attribute("key").unwrap();
            assert_eq!(keys.get(key), Some(&el.tag_name().name()), "data key {key} declared for {}", el.tag_name().name());
        }
    }
    let data = |el: &Node, key: &str| el.children().find(|d| d.attribute("key") == Some(key)).and_then(|d| d.text()).map(str::to_string);
    let tricky = nodes.iter().find(|n| n.attribute("id") == Some("city:tom-jerrys-town-fr")).unwrap();
    assert_eq!(data(tricky, "label").as_deref(), Some(TRICKY));
    assert_eq!(data(tricky, "country").as_deref(), Some("FR"));
    assert_eq!(data(tricky, "latitude").unwrap().parse::<f64>().unwrap(), -12.5);
    assert_eq!(data(tricky, "longitude").unwrap().parse::<f64>().unwrap(), -70.25);
    assert_eq!(data(tricky, "networks").as_deref(), Some("EUROCITIES"));
    let twin = edges.iter().find(|e| data(e, "edge_kind").as_deref() == Some("twinning")).unwrap();
    assert_eq!(data(twin, "since").as_deref(), Some("1962"));
    assert_eq!(data(twin, "edge_label").as_deref(), Some("twinned since 1962"));
    let bt = edges
        .iter()
        .find(|e| e.attribute("source") == Some("city:bologna-it") && e.attribute("target") == Some("city:turin-it"))
        .unwrap();
    assert_eq!(data(bt, "weight").as_deref(), Some("2"));
}

#[test]
fn gexf_parses_with_declared_attributes_labels_and_round_trips_values() {
    let g = graph();
    let xml = g.to_gexf();
    let doc = Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "gexf");
    assert_eq!(root.tag_name().namespace(), Some("http://gexf.net/1.3"));
    assert_eq!(root.attribute("version"), Some("1.3"));
    let graph = root.children().find(|n| n.has_tag_name("graph")).unwrap();
    assert_eq!(graph.attribute("defaultedgetype"), Some("undirected"));
    let declared = |class: &str| -> HashSet<String> {
        graph
            .children()
            .filter(|n| n.has_tag_name("attributes") && n.attribute("class") == Some(class))
            .flat_map(|a| a.children().filter(|n| n.has_tag_name("attribute")))
            .map(|a| a.attribute("id").unwrap().to_string())
            .collect()
    };
    let (node_attrs, edge_attrs) = (declared("node"), declared("edge"));
    assert!(node_attrs.contains("kind") && node_attrs.contains("country") && node_attrs.contains("networks"));
    let section = |name: &str| -> Vec<Node> {
        graph.children().find(|n| n.has_tag_name(name)).unwrap().children().filter(|n| n.is_element()).collect()
    };
    let (nodes, edges) = (section("nodes"), section("edges"));
    assert_eq!((nodes.len(), edges.len()), (6, 6));
    check_ids(&nodes, &edges);
    let attvalues = |el: &Node| -> HashMap<String, String> {
        el.descendants()
            .filter(|n| n.has_tag_name("attvalue"))
            .map(|a| (a.attribute("for").unwrap().to_string(), a.attribute("value").unwrap().to_string()))
            .collect()
    };
    for n in &nodes {
        assert!(n.attribute("label").is_some(), "every node has a label");
        assert!(attvalues(n).keys().all(|k| node_attrs.contains(k)), "node attributes are declared");
    }
    for e in &edges {
        assert_eq!(e.attribute("type"), Some("undirected"));
        assert!(e.attribute("label").is_some());
        assert!(attvalues(e).keys().all(|k| edge_attrs.contains(k)), "edge attributes are declared");
    }
    let tricky = nodes.iter().find(|n| n.attribute("id") == Some("city:tom-jerrys-town-fr")).unwrap();
    assert_eq!(tricky.attribute("label"), Some(TRICKY));
    let values = attvalues(tricky);
    assert_eq!((values["kind"].as_str(), values["country"].as_str()), ("city", "FR"));
    assert_eq!(values["latitude"].parse::<f64>().unwrap(), -12.5);
    let position = tricky.children().find(|n| n.has_tag_name(("http://gexf.net/1.3/viz", "position"))).unwrap();
    assert_eq!(position.attribute("x"), Some("-70.25"));
    let bt = edges
        .iter()
        .find(|e| e.attribute("source") == Some("city:bologna-it") && e.attribute("target") == Some("city:turin-it"))
        .unwrap();
    assert_eq!(bt.attribute("label"), Some("EUROCITIES, UNESCO Creative Cities Network"));
    assert_eq!(bt.attribute("weight"), Some("2"));
    assert_eq!(attvalues(bt)["networks"], "EUROCITIES; UNESCO Creative Cities Network");
    let twin = edges.iter().find(|e| e.attribute("kind") == Some("twinning")).unwrap();
    assert_eq!(attvalues(twin)["since"], "1962");
}
