//! Exports: GeoJSON of cities, iCalendar of a network's meetings, the
//! network graph as GraphML and GEXF (for Gephi). The formats themselves
//! are written by `citynets-formats`; this module picks the facts.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use axum::Extension;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use citynets_formats::{Graph, GraphOptions, SiteUrls};
use citynets_model::{FactKind, FactRecord, Status};
use citynets_registry::Registry;
use citynets_registry::store::FactQuery;
use serde::Deserialize;
use serde_json::Value;

use crate::Config;
use crate::error::{Error, Result};
use crate::extract::{Path, Query};
use crate::params::{CitiesParams, date, given};

/// The site's public address, for the links in exports: the configured
/// one ([`Config::public_url`]), never a request's `Host` header; links
/// relative to the site without one.
pub fn site(config: &Config) -> SiteUrls {
    SiteUrls::new(config.public_url.as_ref().map_or("", url::Url::as_str))
}

/// The domain that makes the calendar's event ids unique: the public
/// URL's host.
fn domain(config: &Config) -> String {
    config.public_url.as_ref().and_then(|u| u.host_str()).unwrap_or("localhost").to_string()
}

fn download(content_type: &str, name: &str, body: String) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    ([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)], body).into_response()
}

/// `GET /api/cities.geojson`: the cities the directory's filters select,
/// each with its memberships by those filters, their fields and the year
/// it first joined ([`citynets_formats::membership_properties`]).
pub async fn cities_geojson(State(reg): State<Registry>, Extension(config): Extension<Arc<Config>>, Query(p): Query<CitiesParams>) -> Result<Response> {
    let (mut q, _) = p.resolve(&reg, 1000).await?;
    q.limit = None;
    q.offset = None;
    let cities = reg.directory(&q).await?;
    let mut memberships: HashMap<String, Vec<FactRecord>> = HashMap::new();
    for f in reg.directory_memberships(&q).await? {
        if let Some(city) = f.refs.city.clone() {
            memberships.entry(city).or_default().push(f);
        }
    }
    let urls = site(&config);
    let geo = citynets_formats::cities_to_geojson(&cities, |c| {
        let mut m = citynets_formats::membership_properties(memberships.get(&c.key).into_iter().flatten());
        m.insert("url".into(), Value::String(urls.city(&c.key)));
        m
    });
    Ok(download("application/geo+json", "citynets-cities.geojson", geo.to_json_string()))
}

/// `GET /api/networks/{id}/events.ics`: the network's meetings.
pub async fn network_calendar(State(reg): State<Registry>, Extension(config): Extension<Arc<Config>>, Path(id): Path<String>) -> Result<Response> {
    let net = crate::views::network(&reg, &id).await?;
    let events = reg.events(Some(&net), None, None).await?;
    let urls = site(&config);
    let domain = domain(&config);
    let cal = citynets_formats::network_calendar(&net, &events, &citynets_formats::CalendarOptions { domain: &domain, urls: &urls })
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok(download("text/calendar; charset=utf-8", &format!("{}.ics", net.key), cal.text))
}

/// `/api/graph.graphml` and `/api/graph.gexf`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GraphParams {
    pub network: Option<String>,
    pub country: Option<String>,
    pub as_of: Option<String>,
    /// `true`: a node per network, linked to its members.
    pub network_nodes: Option<String>,
}

/// Cities linked by shared memberships and twinnings: of one network (its
/// members, and the twinnings among them) or of the whole registry.
async fn graph(reg: &Registry, p: &GraphParams) -> Result<Graph> {
    let network = match given(&p.network) {
        Some(n) => Some(reg.network_param(n).await?),
        None => None,
    };
    let country = given(&p.country).map(|c| reg.country_param(c)).transpose()?;
    let as_of = date("as_of", &p.as_of)?.unwrap_or_else(Registry::today);
    let network_nodes = match given(&p.network_nodes) {
        None | Some("false") => false,
        Some("true") => true,
        Some(v) => return Err(Error::parameter("network_nodes", format!("'{v}': expected true or false"))),
    };
    let accepted = |kinds: Vec<FactKind>| FactQuery { kinds, status: Some(Status::Accepted), as_of: Some(as_of), ..Default::default() };
    let members = reg
        .store()
        .facts(&FactQuery { network: network.as_ref().map(|n| n.key.clone()), country: country.clone(), ..accepted(vec![FactKind::Membership, FactKind::Designation]) })
        .await?;
    let mut keys: HashSet<String> = members.iter().filter_map(|f| f.refs.city.clone()).collect();
    let twinnings: Vec<FactRecord> = reg.store().facts(&accepted(vec![FactKind::Twinning])).await?;
    let twinnings: Vec<FactRecord> = if network.is_some() || country.is_some() {
        let inside = |k: &Option<String>| k.as_ref().is_some_and(|k| keys.contains(k));
        twinnings.into_iter().filter(|t| inside(&t.refs.city) && inside(&t.refs.other)).collect()
    } else {
        keys.extend(twinnings.iter().flat_map(|t| [t.refs.city.clone(), t.refs.other.clone()]).flatten());
        twinnings
    };
    let cities = reg.cities_with_keys(keys.into_iter().collect()).await?;
    let facts: Vec<FactRecord> = members.into_iter().chain(twinnings).collect();
    let options = GraphOptions { network_nodes, ..GraphOptions::default() };
    Ok(Graph::from_facts(&cities, &facts, &options))
}

pub async fn graphml(State(reg): State<Registry>, Query(p): Query<GraphParams>) -> Result<Response> {
    let g = graph(&reg, &p).await?;
    Ok(download("application/graphml+xml", "citynets-graph.graphml", g.to_graphml()))
}

pub async fn gexf(State(reg): State<Registry>, Query(p): Query<GraphParams>) -> Result<Response> {
    let g = graph(&reg, &p).await?;
    Ok(download("application/gexf+xml", "citynets-graph.gexf", g.to_gexf()))
}

/// `/api/graph/*` and the `/graph` page.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GraphQueryParams {
    pub city: Option<String>,
    /// The graph page's drawing of a network's members by field.
    pub network: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub a: Option<String>,
    pub b: Option<String>,
    pub as_of: Option<String>,
}

/// The whole registry as a graph of cities and networks: a city is linked
/// to each network it belongs to and to its twins, so a chain between two
/// cities reads "Carrara – UCCN – Bologna – Leipzig".
async fn registry_graph(reg: &Registry, as_of: citynets_model::PartialDate) -> Result<Graph> {
    let accepted = |kinds: Vec<FactKind>| FactQuery { kinds, status: Some(Status::Accepted), as_of: Some(as_of), ..Default::default() };
    let facts = reg
        .store()
        .facts(&accepted(vec![FactKind::Membership, FactKind::Designation, FactKind::Twinning]))
        .await?;
    let keys: HashSet<String> = facts.iter().flat_map(|f| [f.refs.city.clone(), f.refs.other.clone()]).flatten().collect();
    let cities = reg.cities_with_keys(keys.into_iter().collect()).await?;
    let options = GraphOptions { network_nodes: true, shared_memberships: false, twinnings: true };
    Ok(Graph::from_facts(&cities, &facts, &options))
}

fn node_json(n: &citynets_formats::Node) -> Value {
    serde_json::json!({ "key": n.key, "kind": format!("{:?}", n.kind).to_lowercase(), "name": n.label, "country": n.country })
}

fn edge_json(e: &citynets_formats::Edge) -> Value {
    serde_json::json!({ "kind": format!("{:?}", e.kind).to_lowercase(), "label": e.label, "since": e.since, "networks": e.networks })
}

/// Who a city is connected to, and through what: its networks (and their
/// other members) and its twins.
pub async fn neighbours(reg: &Registry, p: &GraphQueryParams) -> Result<Value> {
    let name = given(&p.city).ok_or_else(|| Error::parameter("city", "required"))?;
    let city = reg.city_param(name, "city").await?;
    let as_of = date("as_of", &p.as_of)?.unwrap_or_else(Registry::today);
    let g = registry_graph(reg, as_of).await?;
    let mut out = Vec::new();
    for n in g.neighbours(&city.key) {
        let mut entry = serde_json::json!({ "node": node_json(n.node), "link": edge_json(n.edge) });
        if n.node.kind == citynets_formats::NodeKind::Network {
            let members: Vec<Value> = g.neighbours(&format!("network:{}", n.node.key)).iter().filter(|m| m.node.key != city.key).map(|m| node_json(m.node)).collect();
            entry["members"] = Value::Array(members);
        }
        out.push(entry);
    }
    Ok(serde_json::json!({ "city": city.key, "name": city.name, "as_of": as_of, "connections": out }))
}

/// The shortest chain of links between two cities.
pub async fn chain(reg: &Registry, p: &GraphQueryParams) -> Result<Value> {
    let from = reg.city_param(given(&p.from).ok_or_else(|| Error::parameter("from", "required"))?, "from").await?;
    let to = reg.city_param(given(&p.to).ok_or_else(|| Error::parameter("to", "required"))?, "to").await?;
    let as_of = date("as_of", &p.as_of)?.unwrap_or_else(Registry::today);
    let g = registry_graph(reg, as_of).await?;
    let c = g
        .shortest_chain(&from.key, &to.key)
        .ok_or_else(|| Error::not_found(format!("no chain of memberships and twinnings links {} and {} as of {as_of}", from.name, to.name)))?;
    Ok(serde_json::json!({
        "from": from.key, "to": to.key, "as_of": as_of,
        "nodes": c.nodes.iter().map(|n| node_json(n)).collect::<Vec<_>>(),
        "links": c.edges.iter().map(|e| edge_json(e)).collect::<Vec<_>>(),
    }))
}

/// Cities that belong to both networks as of a date.
pub async fn in_both(reg: &Registry, p: &GraphQueryParams) -> Result<Value> {
    let a = reg.network_param(given(&p.a).ok_or_else(|| Error::parameter("a", "required"))?).await?;
    let b = reg.network_param(given(&p.b).ok_or_else(|| Error::parameter("b", "required"))?).await?;
    let as_of = date("as_of", &p.as_of)?.unwrap_or_else(Registry::today);
    let in_b: HashSet<String> = reg.members(&b, Some(as_of), None, None).await?.into_iter().map(|m| m.city.key).collect();
    let both: Vec<Value> = reg
        .members(&a, Some(as_of), None, None)
        .await?
        .into_iter()
        .filter(|m| in_b.contains(&m.city.key))
        .map(|m| serde_json::json!({ "key": m.city.key, "name": m.city.name, "country": m.city.country }))
        .collect();
    Ok(serde_json::json!({ "a": a.key, "b": b.key, "as_of": as_of, "cities": both }))
}

pub async fn neighbours_api(State(reg): State<Registry>, Query(p): Query<GraphQueryParams>) -> Result<axum::Json<Value>> {
    Ok(axum::Json(neighbours(&reg, &p).await?))
}

pub async fn chain_api(State(reg): State<Registry>, Query(p): Query<GraphQueryParams>) -> Result<axum::Json<Value>> {
    Ok(axum::Json(chain(&reg, &p).await?))
}

pub async fn in_both_api(State(reg): State<Registry>, Query(p): Query<GraphQueryParams>) -> Result<axum::Json<Value>> {
    Ok(axum::Json(in_both(&reg, &p).await?))
}
