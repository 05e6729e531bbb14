//! The exploring pages: maps (`/map`), the connections graph (`/graph`) and
//! countries by memberships (`/countries`). Each draws SVG on the server
//! (crate `citynets-viz`) from the same registry queries as the API.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{RawQuery, State};
use citynets_model::{City, Fact, FactRecord, PartialDate};
use citynets_registry::Registry;
use citynets_registry::queries::Member;
use citynets_viz::{LatLon, MapLine, MapPoint, MapSpec, RadialGroup, RadialNode, RadialSpec, View};
use serde::Deserialize;
use serde_json::Value;

use super::present::{city_href, downloads, network_href};
use super::{Link, NetworkRow, PageResult, filtered, network_rows, render, value, world_map};
use crate::error::{Error, Result};
use crate::extract::Query;
use crate::params::{CountriesParams, MembersParams, date, given, integer};
use crate::views;

// ---------------------------------------------------------------- map

/// What `/map` shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layer {
    /// A network's members as of a date, by field or body.
    Members,
    /// A network's meeting hosts over the years, linked in order.
    Meetings,
    /// One city's partners: its twins and the other members of its networks.
    Partners,
}

impl Layer {
    fn parse(v: &Option<String>) -> Result<Layer> {
        match given(v).map(str::to_ascii_lowercase).as_deref() {
            None | Some("members") => Ok(Layer::Members),
            Some("meetings") => Ok(Layer::Meetings),
            Some("partners") => Ok(Layer::Partners),
            Some(other) => Err(Error::parameter("show", format!("'{other}' is not a map: expected members, meetings or partners"))),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Layer::Members => "members",
            Layer::Meetings => "meetings",
            Layer::Partners => "partners",
        }
    }
}

/// `/map` parameters: the layer, a network (default the UCCN), the member
/// filters, a city for its partners, and years for meetings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct MapParams {
    show: Option<String>,
    network: Option<String>,
    city: Option<String>,
    from: Option<String>,
    to: Option<String>,
    #[serde(flatten)]
    members: MembersParams,
}

#[derive(Template)]
#[template(path = "map.html")]
struct MapPage {
    show: &'static str,
    networks: Vec<NetworkRow>,
    city: String,
    from: String,
    to: String,
    as_of: String,
    field: String,
    country: String,
    points: usize,
    lines: usize,
    svg: String,
    error: Option<String>,
}

/// `/map`: members of a network, meeting hosts over time, or a city's
/// partners, on the bundled world map; each point opens its city.
pub(super) async fn map(State(reg): State<Registry>, q: Result<Query<MapParams>>) -> PageResult {
    let Query(p) = q?;
    let network = given(&p.network).unwrap_or("uccn").to_string();
    let drawn = async {
        Ok(Some(match Layer::parse(&p.show)? {
            Layer::Members => members_map(&reg, &network, &p.members).await?,
            Layer::Meetings => meetings_map(&reg, &network, &p).await?,
            Layer::Partners => partners_map(&reg, &p).await?,
        }))
    };
    let (spec, error, status) = filtered(drawn.await)?;
    let mut page = MapPage {
        show: Layer::parse(&p.show).unwrap_or(Layer::Members).as_str(),
        networks: network_rows(&views::networks(&reg).await?, &Some(network)),
        city: value(&p.city),
        from: value(&p.from),
        to: value(&p.to),
        as_of: value(&p.members.as_of),
        field: value(&p.members.field),
        country: value(&p.members.country),
        points: 0,
        lines: 0,
        svg: String::new(),
        error,
    };
    if let Some(spec) = spec {
        page.points = spec.points.len();
        page.lines = spec.lines.len();
        page.svg = world_map().render(&spec);
    }
    render(status, &page)
}

/// A point per membership or designation, coloured by field.
async fn members_map(reg: &Registry, network: &str, p: &MembersParams) -> Result<MapSpec> {
    let net = reg.network_param(network).await?;
    let f = p.resolve(reg, &net).await?;
    let members = f.members(reg, &net, false).await?.members;
    let mut points = Vec::new();
    for m in &members {
        let (Some(lat), Some(lon)) = (m.city.lat, m.city.lon) else { continue };
        for fact in &m.facts {
            let (category, year) = match &fact.fact {
                Fact::Designation { field: Some(field), year, .. } => (field.to_string(), *year),
                Fact::Membership { since, .. } => ("member".to_string(), *since),
                _ => ("designated".to_string(), None),
            };
            let mut point = MapPoint::new(lat, lon, m.city.name.clone(), city_href(&m.city.key), category);
            point.year = year;
            points.push(point);
        }
    }
    Ok(MapSpec {
        title: format!("{} as of {}", net.name, f.as_of),
        points,
        view: if f.country.is_some() { View::FitPoints { padding: 2.0 } } else { View::World },
        ..Default::default()
    })
}

/// Cities by key, for coordinates.
async fn cities_by_key(reg: &Registry, keys: impl IntoIterator<Item = String>) -> Result<HashMap<String, City>> {
    Ok(reg.cities_with_keys(keys.into_iter().collect()).await?.into_iter().map(|c| (c.key.clone(), c)).collect())
}

fn at(c: &City) -> Option<LatLon> {
    Some(LatLon { lat: c.lat?, lon: c.lon? })
}

/// A point per meeting at its host, coloured by decade, and a line from
/// each host to the next.
async fn meetings_map(reg: &Registry, network: &str, p: &MapParams) -> Result<MapSpec> {
    let net = reg.network_param(network).await?;
    let from = integer("from", &p.from, 1..=9999)?;
    let to = integer("to", &p.to, 1..=9999)?;
    let in_years = |f: &FactRecord| {
        let Fact::Event { start: Some(start), .. } = &f.fact else { return false };
        let y = i64::from(start.year_value());
        from.is_none_or(|from| y >= from) && to.is_none_or(|to| y <= to)
    };
    let mut events: Vec<FactRecord> = reg.events(Some(&net), None, None).await?.into_iter().filter(in_years).collect();
    events.sort_by_key(|f| f.fact.valid_time().start.map(|d| d.first_day()));
    let hosts = cities_by_key(reg, events.iter().filter_map(|f| f.refs.city.clone())).await?;
    let mut points = Vec::new();
    let mut lines = Vec::new();
    let mut previous: Option<(&City, PartialDate)> = None;
    for f in &events {
        let (Fact::Event { start: Some(start), event, .. }, Some(host)) = (&f.fact, f.refs.city.as_ref().and_then(|k| hosts.get(k))) else {
            continue;
        };
        let Some(pos) = at(host) else { continue };
        let decade = start.year_value() / 10 * 10;
        let mut point = MapPoint::new(pos.lat, pos.lon, format!("{} — {event}", host.name), city_href(&host.key), format!("{decade}s"));
        point.year = Some(*start);
        points.push(point);
        if let Some((prev, prev_start)) = previous {
            lines.push(MapLine {
                from: at(prev),
                to: Some(pos),
                title: format!("{prev_start} {} → {start} {}", prev.name, host.name),
                category: None,
                href: Some(format!("/facts/{}", f.id)),
            });
        }
        previous = Some((host, *start));
    }
    let years = match (points.first().and_then(|p| p.year), points.last().and_then(|p| p.year)) {
        (Some(a), Some(b)) => format!(", {} – {}", a.year_value(), b.year_value()),
        _ => String::new(),
    };
    Ok(MapSpec { title: format!("{} meetings{years}", net.name), points, lines, ..Default::default() })
}

/// The city, its twins (with a line each) and the other members of the
/// networks it belongs to as of a date (a point each, by network).
async fn partners_map(reg: &Registry, p: &MapParams) -> Result<MapSpec> {
    let name = given(&p.city).ok_or_else(|| Error::parameter("city", "required: the city whose partners to show"))?;
    let city = reg.city_param(name, "city").await?;
    let as_of = date("as_of", &p.members.as_of)?.unwrap_or_else(Registry::today);
    let origin = at(&city);
    let mut points = Vec::new();
    let mut lines = Vec::new();
    // The other members of each network the city belongs to.
    let mut networks: Vec<String> = Vec::new();
    for f in reg.timeline(&city).await? {
        let member = matches!(f.fact, Fact::Membership { .. } | Fact::Designation { .. });
        if member
            && f.fact.valid_time().holds_at(as_of, f.earliest_published())
            && let Some(n) = f.refs.network.clone().filter(|n| !networks.contains(n))
        {
            networks.push(n);
        }
    }
    for key in &networks {
        let Some(net) = reg.store().network(key).await? else { continue };
        for m in reg.members(&net, Some(as_of), None, None).await? {
            if m.city.key == city.key {
                continue;
            }
            if let Some(pos) = at(&m.city) {
                points.push(MapPoint::new(pos.lat, pos.lon, m.city.name.clone(), city_href(&m.city.key), net.name.clone()));
            }
        }
    }
    // Twins, with a line from the city.
    let twinnings = reg.twinnings(Some(&city), None).await?;
    let twins = cities_by_key(reg, twinnings.iter().filter_map(|f| other_end(f, &city.key))).await?;
    for f in &twinnings {
        let Some(twin) = other_end(f, &city.key).and_then(|k| twins.get(&k)) else { continue };
        let Some(pos) = at(twin) else { continue };
        let since = match &f.fact {
            Fact::Twinning { since: Some(s), .. } => format!(", since {s}"),
            _ => String::new(),
        };
        points.push(MapPoint::new(pos.lat, pos.lon, twin.name.clone(), city_href(&twin.key), "twinning"));
        lines.push(MapLine {
            from: origin,
            to: Some(pos),
            title: format!("{} – {}{since}", city.name, twin.name),
            category: Some("twinning".into()),
            href: Some(format!("/facts/{}", f.id)),
        });
    }
    if let Some(pos) = origin {
        points.push(MapPoint::new(pos.lat, pos.lon, city.name.clone(), city_href(&city.key), city.name.clone()));
    }
    Ok(MapSpec { title: format!("{}'s partners as of {as_of}", city.name), points, lines, ..Default::default() })
}

/// The city at the other end of a twinning from `key`.
fn other_end(f: &FactRecord, key: &str) -> Option<String> {
    match (&f.refs.city, &f.refs.other) {
        (Some(a), Some(b)) if a == key => Some(b.clone()),
        (Some(a), Some(_)) => Some(a.clone()),
        _ => None,
    }
}

// ---------------------------------------------------------------- graph

#[derive(Template)]
#[template(path = "graph.html")]
struct GraphPage {
    city: String,
    network: String,
    from: String,
    to: String,
    a: String,
    b: String,
    as_of: String,
    /// (what links, the other end, its href, other members of a network)
    connections: Vec<(String, String, String, Vec<Link>)>,
    /// The drawings of a city's connections and of a network's members (SVG).
    city_drawing: String,
    network_drawing: String,
    /// What each drawing leaves out ("120 of 328 partners shown ..."),
    /// empty when it shows everything.
    city_drawn: String,
    network_drawn: String,
    chain: Vec<(String, String)>,
    both: Vec<Link>,
    error: Option<String>,
    downloads: String,
}

fn node_href(n: &Value) -> String {
    let key = n["key"].as_str().unwrap_or_default();
    if n["kind"] == "network" { network_href(key) } else { city_href(key) }
}

fn node_name(n: &Value) -> String {
    n["name"].as_str().unwrap_or_default().to_string()
}

fn radial_node(n: &Value) -> RadialNode {
    RadialNode::new(node_name(n), Some(node_href(n)))
}

/// `/graph`: who a city is connected to and through what (listed and
/// drawn), a network's members by field (drawn), the shortest chain between
/// two cities, and the cities in two networks.
pub(super) async fn graph(
    State(reg): State<Registry>,
    RawQuery(raw): RawQuery,
    q: Result<Query<crate::exports::GraphQueryParams>>,
) -> PageResult {
    let Query(p) = q?;
    // The forms keep what was typed, whatever the answer.
    let blank = || GraphPage {
        city: value(&p.city),
        network: value(&p.network),
        from: value(&p.from),
        to: value(&p.to),
        a: value(&p.a),
        b: value(&p.b),
        as_of: value(&p.as_of),
        connections: Vec::new(),
        city_drawing: String::new(),
        network_drawing: String::new(),
        city_drawn: String::new(),
        network_drawn: String::new(),
        chain: Vec::new(),
        both: Vec::new(),
        error: None,
        downloads: String::new(),
    };
    let found = async {
        let mut page = blank();
        if given(&p.city).is_some() {
            let v = crate::exports::neighbours(&reg, &p).await?;
            let mut groups = Vec::new();
            let mut twins = RadialGroup { category: "twinning".into(), ..Default::default() };
            for c in v["connections"].as_array().into_iter().flatten() {
                let members: Vec<Link> = c["members"].as_array().into_iter().flatten().map(|m| Link { text: node_name(m), href: Some(node_href(m)) }).collect();
                let label = c["link"]["label"].as_str().unwrap_or_default().to_string();
                if c["node"]["kind"] == "network" {
                    groups.push(RadialGroup {
                        category: node_name(&c["node"]),
                        hub: Some(radial_node(&c["node"])),
                        leaves: members.iter().map(|m| RadialNode::new(m.text.clone(), m.href.clone())).collect(),
                    });
                } else {
                    let mut twin = radial_node(&c["node"]);
                    twin.title = Some(format!("{} ({label})", node_name(&c["node"])));
                    twins.leaves.push(twin);
                }
                page.connections.push((label, node_name(&c["node"]), node_href(&c["node"]), members));
            }
            if !twins.leaves.is_empty() {
                groups.push(twins);
            }
            let name = v["name"].as_str().unwrap_or_default();
            let centre = RadialNode::new(name, Some(city_href(v["city"].as_str().unwrap_or_default())));
            let title = format!("{name}: connections as of {}", v["as_of"].as_str().unwrap_or_default());
            let spec = RadialSpec { title, centre, groups, ..Default::default() };
            page.city_drawing = citynets_viz::radial_graph(&spec);
            page.city_drawn = drawn(&spec, "partners", "group");
            page.downloads = downloads("/api/graph/neighbours", raw.as_deref(), &[]);
        }
        if let Some(n) = given(&p.network) {
            (page.network_drawing, page.network_drawn) = network_drawing(&reg, n, &p.as_of).await?;
        }
        if given(&p.from).is_some() || given(&p.to).is_some() {
            let v = crate::exports::chain(&reg, &p).await?;
            let links: Vec<String> = v["links"].as_array().into_iter().flatten().map(|l| l["label"].as_str().unwrap_or_default().to_string()).collect();
            for (i, n) in v["nodes"].as_array().into_iter().flatten().enumerate() {
                page.chain.push((node_name(n), node_href(n)));
                if let Some(l) = links.get(i) {
                    page.chain.push((format!("— {l} —"), String::new()));
                }
            }
        }
        if given(&p.a).is_some() || given(&p.b).is_some() {
            let v = crate::exports::in_both(&reg, &p).await?;
            page.both = v["cities"].as_array().into_iter().flatten().map(|c| Link { text: node_name(c), href: Some(city_href(c["key"].as_str().unwrap_or_default())) }).collect();
        }
        Ok(Some(page))
    };
    let (found, error, status) = filtered(found.await)?;
    let page = found.unwrap_or_else(blank);
    render(status, &GraphPage { error, ..page })
}

/// What a drawing leaves out, for its caption: "120 of 328 partners
/// shown (at most 120 per group)"; empty when it shows every leaf.
fn drawn(spec: &RadialSpec, leaves: &str, group: &str) -> String {
    match spec.leaves_drawn() {
        (drawn, all) if drawn < all => {
            format!("{drawn} of {all} {leaves} shown (at most {} per {group}).", spec.max_leaves)
        }
        _ => String::new(),
    }
}

/// A network's members as of a date, grouped by field or body around it,
/// and what the drawing leaves out ([`drawn`]).
async fn network_drawing(reg: &Registry, network: &str, as_of: &Option<String>) -> Result<(String, String)> {
    let net = reg.network_param(network).await.map_err(|e| Error::parameter("network", e.to_string()))?;
    let as_of = date("as_of", as_of)?.unwrap_or_else(Registry::today);
    let members: Vec<Member> = reg.members(&net, Some(as_of), None, None).await?;
    // The groups of the network page's member list, drawn.
    let groups = super::member_groups(&net, &members)
        .into_iter()
        .map(|g| {
            let href = g.body.as_ref().map(|b| format!("{}?field={}", network_href(&net.key), super::encode(b)));
            RadialGroup {
                hub: Some(RadialNode::new(g.name.clone(), href)),
                leaves: g.members.into_iter().map(|r| RadialNode::new(r.name, Some(r.href))).collect(),
                category: g.name,
            }
        })
        .collect();
    let centre = RadialNode::new(net.name.clone(), Some(network_href(&net.key)));
    let spec = RadialSpec {
        title: format!("{}: {} members as of {as_of}", net.name, members.len()),
        centre,
        groups,
        max_leaves: 150,
        ..Default::default()
    };
    Ok((citynets_viz::radial_graph(&spec), drawn(&spec, "members", "field or body")))
}

// ---------------------------------------------------------------- countries

struct CountryRow {
    code: String,
    name: String,
    href: String,
    cities: usize,
    memberships: usize,
    networks: usize,
    /// The bar's width, in percent of the largest.
    share: u32,
}

#[derive(Template)]
#[template(path = "countries.html")]
struct CountriesPage {
    networks: Vec<NetworkRow>,
    as_of: String,
    shown_as_of: String,
    rows: Vec<CountryRow>,
    error: Option<String>,
    downloads: String,
    /// The networks with members on record, with how complete their data is.
    on_record: Vec<NetworkRow>,
}

/// `/countries`: countries by number of memberships, in one network or all.
pub(super) async fn countries(State(reg): State<Registry>, RawQuery(raw): RawQuery, q: Result<Query<CountriesParams>>) -> PageResult {
    let Query(p) = q?;
    let found = async {
        let (network, as_of) = p.resolve(&reg).await?;
        Ok((reg.countries_by_memberships(network.as_ref(), Some(as_of)).await?, Some(as_of)))
    };
    let ((list, as_of), error, status) = filtered(found.await)?;
    let top = list.first().map_or(1, |c| c.memberships.max(1));
    let rows = list
        .into_iter()
        .map(|c| CountryRow {
            href: format!("/cities?country={}", c.code),
            share: (c.memberships * 100 / top) as u32,
            networks: c.networks.len(),
            code: c.code,
            name: c.name,
            cities: c.cities,
            memberships: c.memberships,
        })
        .collect();
    let networks = network_rows(&views::networks_on_record(&reg).await?, &p.network);
    let page = CountriesPage {
        on_record: networks.iter().filter(|n| n.members > 0).cloned().collect(),
        networks,
        as_of: value(&p.as_of),
        shown_as_of: as_of.map(|d| d.to_string()).unwrap_or_default(),
        rows,
        error,
        downloads: downloads("/api/countries", raw.as_deref(), &[]),
    };
    render(status, &page)
}
