//! The connections page: who a city is connected to and through what, and
//! the shortest chain between two cities, through its forms.

use crate::api;
use crate::chrome::{Browser, attr, text};

/// The form whose field is `name` (the page has one form per question).
fn form_with(name: &str) -> String {
    format!("form[action=\"/graph\"]:has([name=\"{name}\"])")
}

/// The page a node of the graph API links to.
fn node_href(node: &serde_json::Value) -> String {
    let kind = if node["kind"] == "network" { "networks" } else { "cities" };
    format!("/{kind}/{}", api::str(&node["key"], "node.key"))
}

#[tokio::test]
async fn connections_of_carrara_and_a_chain_to_leipzig() {
    let Some(b) = Browser::start().await else { return };
    b.open("/graph").await;

    b.submit(&form_with("city"), &[("city", "Carrara")]).await;
    b.wait_for("ul.connections > li").await;
    let expected = api::get("/api/graph/neighbours?city=Carrara").await;
    let connections = api::array(&expected["connections"], "connections");
    let items = b.find_all("ul.connections > li").await;
    assert!(!connections.is_empty(), "Carrara has connections: {expected}");
    assert_eq!(items.len(), connections.len(), "connections listed, connections in the API");
    for (li, c) in items.iter().zip(connections) {
        let first = li.find(fantoccini::Locator::Css("a")).await.expect("a connection's link");
        assert_eq!(attr(&first, "href").await, node_href(&c["node"]));
        assert_eq!(text(&first).await, api::str(&c["node"]["name"], "node.name"));
        let through = api::str(&c["link"]["label"], "link.label");
        let line = text(li).await;
        assert!(line.contains(through), "{line:?} says through what ({through})");
    }

    b.submit(&form_with("from"), &[("from", "Carrara"), ("to", "Leipzig")]).await;
    let chain = b.wait_for("p.chain").await;
    let expected = api::get("/api/graph/chain?from=Carrara&to=Leipzig").await;
    let nodes = api::array(&expected["nodes"], "nodes");
    let mut shown = Vec::new();
    for a in chain.find_all(fantoccini::Locator::Css("a")).await.expect("the chain's links") {
        shown.push((text(&a).await, attr(&a, "href").await));
    }
    let want: Vec<(String, String)> = nodes.iter().map(|n| (api::str(&n["name"], "node.name").to_string(), node_href(n))).collect();
    assert_eq!(shown, want, "the chain's links");
    assert_eq!(shown.first().map(|s| s.0.as_str()), Some("Carrara"));
    assert_eq!(shown.last().map(|s| s.0.as_str()), Some("Leipzig"));
}
