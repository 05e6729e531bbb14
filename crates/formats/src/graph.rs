//! The network graph: cities linked by what they share.
//!
//! Nodes are cities (with country and coordinates) and, on request,
//! networks. Edges, all undirected:
//!
//! - **shared membership** between two cities, weighted by the number of
//!   networks both belong to, labelled with those networks' names;
//! - **twinning** between two cities, with the year since when known;
//! - **membership** between a city and a network node (only with
//!   [`GraphOptions::network_nodes`]).
//!
//! The graph is built from the facts the caller passes: to ask "as of
//! 2014" or "as known on 1 March 2025", pass the facts that hold then.
//! Memberships and designations both count as belonging to their network;
//! rejected facts are ignored.
//!
//! [`Graph::to_graphml`] and [`Graph::to_gexf`] write it for Gephi, yEd or
//! NetworkX: declared attributes, unique ids, labels on nodes and edges.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use citynets_model::{fold, slug, City, Fact, FactRecord, PartialDate};

use crate::facts;
use crate::xml::XmlWriter;

/// What the graph contains besides city nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GraphOptions {
    /// Add a node per network and a membership edge from each member city.
    pub network_nodes: bool,
    /// Link cities that belong to the same networks.
    pub shared_memberships: bool,
    /// Link twinned cities.
    pub twinnings: bool,
}

impl Default for GraphOptions {
    /// City nodes only, linked by shared memberships and twinnings.
    fn default() -> Self {
        GraphOptions { network_nodes: false, shared_memberships: true, twinnings: true }
    }
}

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    City,
    Network,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::City => "city",
            NodeKind::Network => "network",
        }
    }
}

/// A city or a network.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Unique in the graph: `city:bologna-it`, `network:uccn`.
    pub id: String,
    /// The entity's key: `bologna-it`, `uccn`.
    pub key: String,
    pub kind: NodeKind,
    /// The display name.
    pub label: String,
    /// ISO 3166-1 alpha-2, for cities.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// For a city, the names of the networks it belongs to (sorted).
    pub networks: Vec<String>,
}

/// What an edge stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    /// Two cities belong to the same networks.
    SharedMembership,
    /// Two cities are twinned.
    Twinning,
    /// A city belongs to a network (network nodes only).
    Membership,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::SharedMembership => "shared_membership",
            EdgeKind::Twinning => "twinning",
            EdgeKind::Membership => "membership",
        }
    }
}

/// An undirected edge between two nodes (indices into [`Graph::nodes`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// Unique in the graph: `e0`, `e1`, ...
    pub id: String,
    pub source: usize,
    pub target: usize,
    pub kind: EdgeKind,
    /// Shared memberships: the number of networks; otherwise 1.
    pub weight: u32,
    /// The networks behind a shared-membership or membership edge.
    pub networks: Vec<String>,
    /// Since when (twinnings, memberships), when the facts say.
    pub since: Option<PartialDate>,
    /// What links the two ends, for people: "UCCN, EUROCITIES",
    /// "twinned since 1962", "member since 2014".
    pub label: String,
}

/// One connection of a node: the node at the other end and the edge.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Neighbour<'g> {
    pub node: &'g Node,
    pub edge: &'g Edge,
}

/// A path between two nodes: `nodes[i]` and `nodes[i + 1]` are linked by
/// `edges[i]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Chain<'g> {
    pub nodes: Vec<&'g Node>,
    pub edges: Vec<&'g Edge>,
}

impl Chain<'_> {
    /// The kinds of the edges along the path.
    pub fn kinds(&self) -> Vec<EdgeKind> {
        self.edges.iter().map(|e| e.kind).collect()
    }

    /// The labels of the nodes along the path.
    pub fn labels(&self) -> Vec<&str> {
        self.nodes.iter().map(|n| n.label.as_str()).collect()
    }
}

/// A network's members in the graph.
#[derive(Clone, Debug, Default)]
struct Members {
    name: String,
    cities: BTreeSet<usize>,
    /// The earliest start per member city.
    since: BTreeMap<usize, Option<PartialDate>>,
}

/// The graph of cities (and networks) and what links them.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    /// Edge indices per node, in edge order.
    adjacency: Vec<Vec<usize>>,
    by_key: HashMap<(NodeKind, String), usize>,
    /// Members per network key.
    members: BTreeMap<String, Members>,
}

impl Graph {
    /// Builds the graph from `cities` and the `records` to show.
    ///
    /// Every city given is a node, linked or not. A fact's cities and
    /// networks are found by its refs (the registry's keys), else by name; a
    /// city a fact names that is not among `cities` (the other end of a
    /// twinning abroad) gets a node of its own, without coordinates.
    pub fn from_facts(cities: &[City], records: &[FactRecord], options: &GraphOptions) -> Graph {
        let mut g = Graph::default();
        for city in cities {
            g.city_node(&city.key, Some(city));
        }
        let mut twins: BTreeMap<(usize, usize), Option<PartialDate>> = BTreeMap::new();
        for rec in records.iter().filter(|r| facts::usable(r)) {
            match &rec.fact {
                Fact::Membership { city, country, network, since, .. }
                | Fact::Designation { city, country, network, year: since, .. } => {
                    let c = g.resolve_city(cities, city, rec.refs.city.as_deref(), country.as_deref());
                    let key = rec.refs.network.clone().unwrap_or_else(|| slug(network));
                    let m = g.members.entry(key).or_default();
                    if m.name.is_empty() {
                        m.name = network.clone();
                    }
                    m.cities.insert(c);
                    let s = m.since.entry(c).or_insert(*since);
                    *s = earliest(*s, *since);
                }
                Fact::Twinning { city, other, since } if options.twinnings => {
                    let a = g.resolve_city(cities, city, rec.refs.city.as_deref(), None);
                    let b = g.resolve_city(cities, other, rec.refs.other.as_deref(), None);
                    if a != b {
                        let s = twins.entry((a.min(b), a.max(b))).or_insert(*since);
                        *s = earliest(*s, *since);
                    }
                }
                _ => {}
            }
        }

        let networks: Vec<(String, Members)> = std::mem::take(&mut g.members).into_iter().collect();
        for (_, m) in &networks {
            for &c in &m.cities {
                g.nodes[c].networks.push(m.name.clone());
            }
        }
        for node in &mut g.nodes {
            node.networks.sort();
            node.networks.dedup();
        }
        if options.network_nodes {
            for (key, m) in &networks {
                let n = g.add_node(Node {
                    id: format!("network:{key}"),
                    key: key.clone(),
                    kind: NodeKind::Network,
                    label: m.name.clone(),
                    country: None,
                    lat: None,
                    lon: None,
                    networks: Vec::new(),
                });
                for (&c, &since) in &m.since {
                    let label = match since {
                        Some(s) => format!("member since {s}"),
                        None => "member".to_string(),
                    };
                    g.add_edge(c, n, EdgeKind::Membership, 1, vec![m.name.clone()], since, label);
                }
            }
        }
        if options.shared_memberships {
            let mut shared: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
            for (_, m) in &networks {
                let cities: Vec<usize> = m.cities.iter().copied().collect();
                for (i, &a) in cities.iter().enumerate() {
                    for &b in &cities[i + 1..] {
                        shared.entry((a, b)).or_default().push(m.name.clone());
                    }
                }
            }
            for ((a, b), mut names) in shared {
                names.sort();
                names.dedup();
                let label = names.join(", ");
                g.add_edge(a, b, EdgeKind::SharedMembership, names.len() as u32, names, None, label);
            }
        }
        for ((a, b), since) in twins {
            let label = match since {
                Some(s) => format!("twinned since {s}"),
                None => "twinned".to_string(),
            };
            g.add_edge(a, b, EdgeKind::Twinning, 1, Vec::new(), since, label);
        }
        g.members = networks.into_iter().collect();
        g
    }

    /// All nodes: the given cities first, in their order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// All edges.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// A node by key (`carrara-it`), id (`city:carrara-it`) or name
    /// (`Carrara`, compared with [`fold`]); cities before networks.
    pub fn find(&self, name: &str) -> Option<&Node> {
        self.find_index(name).map(|i| &self.nodes[i])
    }

    fn find_index(&self, name: &str) -> Option<usize> {
        [NodeKind::City, NodeKind::Network]
            .into_iter()
            .find_map(|k| self.by_key.get(&(k, name.to_string())).copied())
            .or_else(|| self.nodes.iter().position(|n| n.id == name))
            .or_else(|| {
                let f = fold(name);
                self.nodes.iter().position(|n| fold(&n.label) == f)
            })
    }

    /// Who is connected to `city`, and through what: one entry per edge,
    /// ordered by the other end's name, then by kind. Empty when the city is
    /// unknown or unlinked.
    pub fn neighbours(&self, city: &str) -> Vec<Neighbour<'_>> {
        let Some(i) = self.find_index(city) else { return Vec::new() };
        let mut out: Vec<Neighbour<'_>> = self.adjacency[i]
            .iter()
            .map(|&e| {
                let edge = &self.edges[e];
                let other = if edge.source == i { edge.target } else { edge.source };
                Neighbour { node: &self.nodes[other], edge }
            })
            .collect();
        out.sort_by(|a, b| a.node.label.cmp(&b.node.label).then(a.edge.kind.cmp(&b.edge.kind)));
        out
    }

    /// The shortest chain of links from `a` to `b` (breadth-first over the
    /// undirected graph, so the fewest edges; among equally short chains,
    /// the one through the earliest-built edges). `None` when either is
    /// unknown or they are not connected; a city's chain to itself has no
    /// edges.
    pub fn shortest_chain(&self, a: &str, b: &str) -> Option<Chain<'_>> {
        let (from, to) = (self.find_index(a)?, self.find_index(b)?);
        let mut came_by: Vec<Option<usize>> = vec![None; self.nodes.len()];
        let mut seen = vec![false; self.nodes.len()];
        seen[from] = true;
        let mut queue = VecDeque::from([from]);
        while let Some(n) = queue.pop_front() {
            if n == to {
                break;
            }
            for &e in &self.adjacency[n] {
                let edge = &self.edges[e];
                let next = if edge.source == n { edge.target } else { edge.source };
                if !seen[next] {
                    seen[next] = true;
                    came_by[next] = Some(e);
                    queue.push_back(next);
                }
            }
        }
        if !seen[to] {
            return None;
        }
        let (mut nodes, mut edges) = (vec![&self.nodes[to]], Vec::new());
        let mut n = to;
        while let Some(e) = came_by[n] {
            let edge = &self.edges[e];
            n = if edge.source == n { edge.target } else { edge.source };
            edges.push(edge);
            nodes.push(&self.nodes[n]);
        }
        nodes.reverse();
        edges.reverse();
        Some(Chain { nodes, edges })
    }

    /// The cities that belong to both networks (by key or name), by name.
    /// Empty when either network has no members in the graph.
    pub fn in_both(&self, network_a: &str, network_b: &str) -> Vec<&Node> {
        let (Some(a), Some(b)) = (self.network_members(network_a), self.network_members(network_b)) else {
            return Vec::new();
        };
        let mut out: Vec<&Node> = a.cities.intersection(&b.cities).map(|&i| &self.nodes[i]).collect();
        out.sort_by(|x, y| x.label.cmp(&y.label));
        out
    }

    fn network_members(&self, name: &str) -> Option<&Members> {
        self.members.get(name).or_else(|| {
            let f = fold(name);
            self.members.values().find(|m| fold(&m.name) == f)
        })
    }

    /// The graph as GraphML: node keys `label`, `kind`, `country`,
    /// `latitude`, `longitude`, `networks`; edge keys `kind`, `label`,
    /// `weight`, `networks`, `since`.
    pub fn to_graphml(&self) -> String {
        let mut w = XmlWriter::new();
        w.open(
            "graphml",
            &[
                ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
                ),
            ],
        );
        for (id, on, name, ty) in GRAPHML_KEYS {
            w.empty("key", &[("id", id), ("for", on), ("attr.name", name), ("attr.type", ty)]);
        }
        w.open("graph", &[("id", "citynets"), ("edgedefault", "undirected")]);
        for n in &self.nodes {
            w.open("node", &[("id", &n.id)]);
            w.text("data", &[("key", "label")], &n.label);
            w.text("data", &[("key", "kind")], n.kind.as_str());
            if let Some(c) = &n.country {
                w.text("data", &[("key", "country")], c);
            }
            if let (Some(lat), Some(lon)) = (n.lat, n.lon) {
                w.text("data", &[("key", "latitude")], &lat.to_string());
                w.text("data", &[("key", "longitude")], &lon.to_string());
            }
            if !n.networks.is_empty() {
                w.text("data", &[("key", "networks")], &n.networks.join(LIST_SEPARATOR));
            }
            w.close();
        }
        for e in &self.edges {
            w.open("edge", &[("id", &e.id), ("source", &self.nodes[e.source].id), ("target", &self.nodes[e.target].id)]);
            w.text("data", &[("key", "edge_kind")], e.kind.as_str());
            w.text("data", &[("key", "edge_label")], &e.label);
            w.text("data", &[("key", "weight")], &e.weight.to_string());
            if !e.networks.is_empty() {
                w.text("data", &[("key", "edge_networks")], &e.networks.join(LIST_SEPARATOR));
            }
            if let Some(s) = e.since {
                w.text("data", &[("key", "since")], &s.to_string());
            }
            w.close();
        }
        w.finish()
    }

    /// The graph as GEXF 1.3: node labels, declared node attributes `kind`,
    /// `country`, `latitude`, `longitude`, `networks` (and the coordinates
    /// as a `viz:position`, x = longitude, y = latitude, so the first view is
    /// a map); edges undirected with a label, a weight, a `kind` (GEXF's
    /// multi-graph edge kind, as two cities may be both twinned and in the
    /// same networks) and attributes `kind`, `networks`, `since`.
    pub fn to_gexf(&self) -> String {
        let mut w = XmlWriter::new();
        w.open(
            "gexf",
            &[
                ("xmlns", "http://gexf.net/1.3"),
                ("xmlns:viz", "http://gexf.net/1.3/viz"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                ("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"),
                ("version", "1.3"),
            ],
        );
        w.open("meta", &[]);
        w.text("creator", &[], "citynets");
        w.text("description", &[], "Cities linked by shared network memberships and twinnings");
        w.close();
        w.open("graph", &[("defaultedgetype", "undirected"), ("mode", "static")]);
        w.open("attributes", &[("class", "node"), ("mode", "static")]);
        for (id, title, ty) in GEXF_NODE_ATTRIBUTES {
            w.empty("attribute", &[("id", id), ("title", title), ("type", ty)]);
        }
        w.close();
        w.open("attributes", &[("class", "edge"), ("mode", "static")]);
        for (id, title, ty) in GEXF_EDGE_ATTRIBUTES {
            w.empty("attribute", &[("id", id), ("title", title), ("type", ty)]);
        }
        w.close();
        w.open("nodes", &[]);
        for n in &self.nodes {
            w.open("node", &[("id", &n.id), ("label", &n.label)]);
            w.open("attvalues", &[]);
            w.empty("attvalue", &[("for", "kind"), ("value", n.kind.as_str())]);
            if let Some(c) = &n.country {
                w.empty("attvalue", &[("for", "country"), ("value", c)]);
            }
            if let (Some(lat), Some(lon)) = (n.lat, n.lon) {
                w.empty("attvalue", &[("for", "latitude"), ("value", &lat.to_string())]);
                w.empty("attvalue", &[("for", "longitude"), ("value", &lon.to_string())]);
            }
            if !n.networks.is_empty() {
                w.empty("attvalue", &[("for", "networks"), ("value", &n.networks.join(LIST_SEPARATOR))]);
            }
            w.close();
            if let (Some(lat), Some(lon)) = (n.lat, n.lon) {
                w.empty("viz:position", &[("x", &lon.to_string()), ("y", &lat.to_string()), ("z", "0")]);
            }
            w.close();
        }
        w.close();
        w.open("edges", &[]);
        for e in &self.edges {
            let weight = e.weight.to_string();
            w.open(
                "edge",
                &[
                    ("id", &e.id),
                    ("source", &self.nodes[e.source].id),
                    ("target", &self.nodes[e.target].id),
                    ("type", "undirected"),
                    ("kind", e.kind.as_str()),
                    ("label", &e.label),
                    ("weight", &weight),
                ],
            );
            w.open("attvalues", &[]);
            w.empty("attvalue", &[("for", "kind"), ("value", e.kind.as_str())]);
            if !e.networks.is_empty() {
                w.empty("attvalue", &[("for", "networks"), ("value", &e.networks.join(LIST_SEPARATOR))]);
            }
            if let Some(s) = e.since {
                w.empty("attvalue", &[("for", "since"), ("value", &s.to_string())]);
            }
            w.close();
            w.close();
        }
        w.finish()
    }

    fn add_node(&mut self, node: Node) -> usize {
        let i = self.nodes.len();
        self.by_key.insert((node.kind, node.key.clone()), i);
        self.nodes.push(node);
        self.adjacency.push(Vec::new());
        i
    }

    #[allow(clippy::too_many_arguments)]
    fn add_edge(
        &mut self,
        source: usize,
        target: usize,
        kind: EdgeKind,
        weight: u32,
        networks: Vec<String>,
        since: Option<PartialDate>,
        label: String,
    ) {
        let e = self.edges.len();
        self.edges.push(Edge { id: format!("e{e}"), source, target, kind, weight, networks, since, label });
        self.adjacency[source].push(e);
        self.adjacency[target].push(e);
    }

    /// The node of the city with `key`, added when new.
    fn city_node(&mut self, key: &str, city: Option<&City>) -> usize {
        if let Some(&i) = self.by_key.get(&(NodeKind::City, key.to_string())) {
            return i;
        }
        self.add_node(Node {
            id: format!("city:{key}"),
            key: key.to_string(),
            kind: NodeKind::City,
            label: city.map_or_else(|| key.to_string(), |c| c.name.clone()),
            country: city.map(|c| c.country.clone()),
            lat: city.and_then(|c| c.lat),
            lon: city.and_then(|c| c.lon),
            networks: Vec::new(),
        })
    }

    /// The node of a city a fact names: by its ref, else by name among the
    /// given cities, else a new node keyed by the name's slug.
    fn resolve_city(&mut self, cities: &[City], name: &str, key: Option<&str>, country: Option<&str>) -> usize {
        let f = fold(name);
        let known = match key {
            Some(k) => cities.iter().find(|c| c.key == k),
            None => cities.iter().find(|c| {
                (fold(&c.name) == f || c.names.iter().any(|n| fold(&n.name) == f))
                    && country.is_none_or(|k| k == c.country)
            }),
        };
        match (known, key) {
            (Some(c), _) => self.city_node(&c.key.clone(), Some(c)),
            (None, k) => {
                let key = k.map_or_else(|| slug(name), str::to_string);
                let i = self.city_node(&key, None);
                let node = &mut self.nodes[i];
                node.label = name.to_string();
                if node.country.is_none() {
                    node.country = country.map(str::to_string);
                }
                i
            }
        }
    }
}

/// How lists (a city's networks) are joined in a single GraphML/GEXF value.
pub const LIST_SEPARATOR: &str = "; ";

/// GraphML keys: (id, for, attr.name, attr.type).
const GRAPHML_KEYS: [(&str, &str, &str, &str); 11] = [
    ("label", "node", "label", "string"),
    ("kind", "node", "kind", "string"),
    ("country", "node", "country", "string"),
    ("latitude", "node", "latitude", "double"),
    ("longitude", "node", "longitude", "double"),
    ("networks", "node", "networks", "string"),
    ("edge_kind", "edge", "kind", "string"),
    ("edge_label", "edge", "label", "string"),
    ("weight", "edge", "weight", "double"),
    ("edge_networks", "edge", "networks", "string"),
    ("since", "edge", "since", "string"),
];

/// GEXF node attributes: (id, title, type).
const GEXF_NODE_ATTRIBUTES: [(&str, &str, &str); 5] = [
    ("kind", "kind", "string"),
    ("country", "country", "string"),
    ("latitude", "latitude", "double"),
    ("longitude", "longitude", "double"),
    ("networks", "networks", "string"),
];

/// GEXF edge attributes: (id, title, type).
const GEXF_EDGE_ATTRIBUTES: [(&str, &str, &str); 3] =
    [("kind", "kind", "string"), ("networks", "networks", "string"), ("since", "since", "string")];

/// The earlier of two starts; an unknown start is not earlier than a known one.
fn earliest(a: Option<PartialDate>, b: Option<PartialDate>) -> Option<PartialDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
