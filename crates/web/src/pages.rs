//! The web pages: server-rendered HTML, readable without JavaScript.
//!
//! Each handler reads its parameters with the API's parsing
//! ([`crate::params`]) and its data with the API's views
//! ([`crate::views`]), then fills an askama template from `templates/`.
//! askama escapes every value; nothing here marks text as safe. Filter
//! pages show a bad parameter next to their form (status 400); an unknown
//! id is a 404 page.

mod account;
mod accounts;
mod explore;
mod history;
mod present;
mod reference;
mod review;

use askama::Template;
use std::sync::Arc;

use axum::{Extension, Router};
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use citynets_model::{BodyKind, FactRecord, Network, PartialDate, fold};
use citynets_formats::SiteUrls;
use citynets_registry::Registry;
use citynets_registry::seats::{RoleTerm, Standing};
use citynets_registry::store::Counts;

use crate::Config;
use crate::error::{Error, Result};
use crate::extract::{Path, Query};
use crate::params::{self, CitiesParams, EventsParams, GapsParams, MembersParams, RolesParams, given};
use crate::views::{self, CityView, DocumentView, HomeView, NetworkSummary, NetworkView};
pub use present::{FactRow, Link, Places, SourceRow, encode};
pub use review::{Quote, Segment, highlight};
use present::{Calendar, city_href, document_href, downloads, network_href, query_string, thousands};

/// The pages' routes.
pub fn router() -> Router<Registry> {
    Router::new()
        .route("/", get(home))
        .route("/cities", get(cities))
        .route("/cities/{key}", get(city))
        .route("/cities/{key}/history", get(history::city))
        .route("/networks", get(networks))
        .route("/networks/{key}", get(network))
        .route("/events", get(events))
        .route("/search", get(search))
        .route("/map", get(explore::map))
        .route("/graph", get(explore::graph))
        .route("/countries", get(explore::countries))
        .route("/roles", get(roles))
        .route("/conflicts", get(conflicts))
        .route("/gaps", get(gaps))
        .route("/facts/{id}", get(fact))
        .route("/facts/{id}/revert", post(history::revert))
        .route("/documents", get(documents))
        .route("/documents/{key}", get(document))
        .route("/ingest", get(review::ingest_form).post(review::ingest))
        .route("/review", get(review::queue))
        .route("/review/{key}", get(review::document).post(review::decide_all))
        .route("/review/{key}/facts/{id}", post(review::decide_one))
        .route("/api-docs", get(reference::api_docs))
        .route("/login", get(account::login_form).post(account::login))
        .route("/logout", post(account::logout))
        .route("/accounts", get(accounts::list))
        .route("/accounts/{name}", get(accounts::show))
        .route("/accounts/{name}/{action}", post(accounts::act))
}

/// An [`Error`] shown as an HTML page.
#[derive(Debug)]
pub struct PageError(pub Error);

impl<E: Into<Error>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let e = self.0;
        e.log();
        // A page that needs an account sends the browser to log in first.
        if let Error::Unauthorized { next: Some(next), .. } = &e {
            return Redirect::to(&format!("/login?next={}", encode(next))).into_response();
        }
        let status = e.status();
        let page = ErrorPage { status: status.as_u16(), reason: status.canonical_reason().unwrap_or("Error"), message: e.public_message() };
        let mut response = match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, e.public_message()).into_response(),
        };
        e.add_headers(&mut response);
        response
    }
}

type PageResult = std::result::Result<Response, PageError>;

/// Renders a template with a status.
/// Where the cities `records` name are, read in one query.
async fn places<'a>(reg: &Registry, records: impl IntoIterator<Item = &'a FactRecord>) -> Result<Places> {
    Ok(Places::new(&reg.cities_with_keys(Places::keys(records)).await?))
}

/// Rows of facts, each city followed by where it is.
async fn placed(reg: &Registry, records: &[FactRecord]) -> Result<Vec<FactRow>> {
    Ok(places(reg, records).await?.apply(FactRow::all(records)))
}

/// Rows of role terms, each city followed by where it is.
async fn placed_terms(reg: &Registry, terms: &[&RoleTerm]) -> Result<Vec<FactRow>> {
    Ok(places(reg, terms.iter().map(|t| &t.record)).await?.apply(terms.iter().map(|t| FactRow::term(t)).collect()))
}

fn render(status: StatusCode, page: &impl Template) -> PageResult {
    let html = page.render().map_err(|e| Error::Internal(format!("template: {e}")))?;
    Ok((status, Html(html)).into_response())
}

/// A filter's outcome: the data, or the message to show beside the form
/// (with a 400) when a parameter was bad.
fn filtered<T: Default>(r: Result<T>) -> std::result::Result<(T, Option<String>, StatusCode), PageError> {
    match r {
        Ok(v) => Ok((v, None, StatusCode::OK)),
        Err(e @ Error::Parameter { .. }) => Ok((T::default(), Some(e.to_string()), StatusCode::BAD_REQUEST)),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    status: u16,
    reason: &'static str,
    message: String,
}

/// A network in a list or a select.
#[derive(Clone)]
struct NetworkRow {
    key: String,
    href: String,
    name: String,
    kind: String,
    members: i64,
    /// Of the member cities on record at any time, how many have a stated
    /// start and how many a source: "362 of 408"; empty where not read.
    with_year: String,
    with_source: String,
    selected: bool,
}

fn network_rows(list: &[NetworkSummary], selected: &Option<String>) -> Vec<NetworkRow> {
    let sel = given(selected).map(fold);
    list.iter()
        .map(|s| NetworkRow {
            key: s.network.key.clone(),
            href: network_href(&s.network.key),
            name: s.network.name.clone(),
            kind: format!("{:?}", s.network.kind).to_lowercase(),
            members: s.members,
            with_year: s.on_record.map(|o| format!("{} of {}", o.with_year, o.members)).unwrap_or_default(),
            with_source: s.on_record.map(|o| format!("{} of {}", o.with_source, o.members)).unwrap_or_default(),
            selected: sel.as_ref().is_some_and(|v| *v == fold(&s.network.key) || *v == fold(&s.network.name)),
        })
        .collect()
}

/// Networks with members on record, and apart those with none yet (their
/// data is missing, not their members).
fn with_members_first(rows: Vec<NetworkRow>) -> (Vec<NetworkRow>, Vec<NetworkRow>) {
    rows.into_iter().partition(|n| n.members > 0)
}

/// The value of a form field, as it was sent.
fn value(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

// ---------------------------------------------------------------- home

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    /// Networks with members on record, and those with none yet.
    networks: Vec<NetworkRow>,
    empty: Vec<NetworkRow>,
    latest: Vec<FactRow>,
    counts: Counts,
    today: String,
    calendars: Vec<Calendar>,
}

async fn home(State(reg): State<Registry>, config: Extension<Arc<Config>>) -> PageResult {
    let v = HomeView::load(&reg).await?;
    let (networks, empty) = with_members_first(network_rows(&v.networks, &None));
    let page = HomePage {
        networks,
        empty,
        latest: placed(&reg, &v.latest).await?,
        counts: v.counts,
        today: v.today.to_string(),
        calendars: calendars(&reg, &v.networks, &config).await?,
    };
    render(StatusCode::OK, &page)
}

// ---------------------------------------------------------------- cities

struct CityRow {
    href: String,
    name: String,
    country: String,
    population: String,
}

#[derive(Template)]
#[template(path = "cities.html")]
struct CitiesPage {
    q: String,
    country: String,
    field: String,
    as_of: String,
    networks: Vec<NetworkRow>,
    cities: Vec<CityRow>,
    page: i64,
    prev: Option<String>,
    next: Option<String>,
    error: Option<String>,
    downloads: String,
}

const CITIES_PER_PAGE: i64 = 50;

async fn cities(State(reg): State<Registry>, RawQuery(raw): RawQuery, q: Result<Query<CitiesParams>>) -> PageResult {
    let Query(p) = q?;
    let resolved = async {
        let (mut query, paging) = p.resolve(&reg, CITIES_PER_PAGE).await?;
        // One more than a page tells whether there is a next page.
        query.limit = Some(paging.limit + 1);
        Ok((reg.directory(&query).await?, Some(paging)))
    };
    let ((mut list, paging), error, status) = filtered(resolved.await)?;
    let paging = paging.unwrap_or(params::Paging { limit: CITIES_PER_PAGE, offset: 0 });
    let more = list.len() as i64 > paging.limit;
    list.truncate(paging.limit as usize);
    let link = |page: i64| {
        let page = page.to_string();
        format!(
            "/cities{}",
            query_string(&[
                ("q", p.q.as_deref()),
                ("country", p.country.as_deref()),
                ("network", p.network.as_deref()),
                ("field", p.field.as_deref()),
                ("as_of", p.as_of.as_deref()),
                ("page", Some(&page)),
            ])
        )
    };
    let page = CitiesPage {
        downloads: downloads("/api/cities", raw.as_deref(), &[("limit", &params::MAX_CITIES.to_string())]),
        q: value(&p.q),
        country: value(&p.country),
        field: value(&p.field),
        as_of: value(&p.as_of),
        networks: network_rows(&views::networks(&reg).await?, &p.network),
        cities: list
            .into_iter()
            .map(|c| CityRow {
                href: city_href(&c.key),
                population: c.population.map(thousands).unwrap_or_default(),
                country: c.country,
                name: c.name,
            })
            .collect(),
        page: paging.page(),
        prev: (paging.page() > 1).then(|| link(paging.page() - 1)),
        next: more.then(|| link(paging.page() + 1)),
        error,
    };
    render(status, &page)
}

// ---------------------------------------------------------------- city

/// A titled group of facts.
pub struct Section {
    title: &'static str,
    rows: Vec<FactRow>,
}

#[derive(Template)]
#[template(path = "city.html")]
pub struct CityPage {
    name: String,
    key: String,
    country: String,
    /// The first-level division: tells namesakes apart.
    region: Option<String>,
    other_names: Vec<String>,
    coordinates: Option<String>,
    population: Option<String>,
    sections: Vec<Section>,
    /// schema.org JSON-LD, escaped for a `<script>` element.
    jsonld: String,
    /// The city's life across its networks, as SVG (empty when it has none).
    timeline_svg: String,
    downloads: String,
}

impl CityPage {
    pub fn new(v: &CityView) -> CityPage {
        use citynets_model::FactKind::*;
        let c = &v.city;
        let mut other_names: Vec<String> = Vec::new();
        for n in &c.names {
            let shown = match &n.lang {
                Some(l) => format!("{} ({l})", n.name),
                None => n.name.clone(),
            };
            let noise = present::romanisation_noise(&n.name, &c.name);
            if n.name != c.name && !noise && !other_names.contains(&shown) {
                other_names.push(shown);
            }
        }
        let groups: [(&'static str, &[_]); 5] = [
            ("Networks", &[Membership, Designation]),
            ("Roles", &[Role]),
            ("Meetings hosted", &[Event]),
            ("Seat of", &[Headquarters, Founded]),
            ("Twinnings", &[Twinning]),
        ];
        let places = Places::new(&v.places);
        // A role shows what its seat's other terms say of it.
        let row = |r: &FactRecord| match v.terms.iter().find(|t| t.record.id == r.id) {
            Some(t) => FactRow::term(t),
            None => FactRow::new(r),
        };
        let sections = groups
            .into_iter()
            .map(|(title, kinds)| Section {
                title,
                rows: places.apply(v.timeline.iter().filter(|r| kinds.contains(&r.fact.kind())).map(row).collect()),
            })
            .filter(|s| !s.rows.is_empty())
            .collect();
        CityPage {
            name: c.name.clone(),
            key: c.key.clone(),
            country: match &v.country_name {
                Some(n) => format!("{n} ({})", c.country),
                None => c.country.clone(),
            },
            region: c.region.clone(),
            other_names,
            coordinates: c.lat.zip(c.lon).map(|(lat, lon)| format!("{lat:.4}, {lon:.4}")),
            population: c.population.map(thousands),
            sections,
            jsonld: citynets_formats::embed(&citynets_formats::city_place(c, v.country_name.as_deref(), &v.timeline, &SiteUrls::new(""))),
            timeline_svg: timeline_svg(v),
            downloads: downloads(&format!("/api/cities/{}", encode(&c.key)), None, &[]),
        }
    }
}

impl CityPage {
    pub fn to_html(&self) -> Result<String> {
        self.render().map_err(|e| Error::Internal(format!("template: {e}")))
    }
}

/// The city page of `id` (a key or a name), rendered.
pub async fn city_page(reg: &Registry, id: &str) -> Result<String> {
    CityPage::new(&CityView::load(reg, id).await?).to_html()
}

async fn city(State(reg): State<Registry>, path: Result<Path<String>>) -> PageResult {
    let Path(key) = path?;
    Ok(Html(city_page(&reg, &key).await?).into_response())
}

// ---------------------------------------------------------------- networks

#[derive(Template)]
#[template(path = "networks.html")]
struct NetworksPage {
    /// Networks with members on record, and those with none yet.
    networks: Vec<NetworkRow>,
    empty: Vec<NetworkRow>,
    downloads: String,
}

async fn networks(State(reg): State<Registry>) -> PageResult {
    let (networks, empty) = with_members_first(network_rows(&views::networks_on_record(&reg).await?, &None));
    render(StatusCode::OK, &NetworksPage { networks, empty, downloads: downloads("/api/networks", None, &[]) })
}

struct MemberRow {
    href: String,
    name: String,
    country: String,
    since: String,
    /// With no stated start: the date of the source that states it.
    stated_in: Option<String>,
}

struct MemberGroup {
    name: String,
    /// The body or field, when the group is one (not plain members).
    body: Option<String>,
    members: Vec<MemberRow>,
}

#[derive(Template)]
#[template(path = "network.html")]
struct NetworkPage {
    name: String,
    key: String,
    kind: String,
    aliases: Vec<String>,
    parent: Option<Link>,
    bodies: Vec<String>,
    /// The date members are shown as of, and the form's value for it.
    as_of: String,
    as_of_input: String,
    field: String,
    country: String,
    member_count: usize,
    groups: Vec<MemberGroup>,
    founded: Vec<FactRow>,
    headquarters: Vec<FactRow>,
    current_roles: Vec<FactRow>,
    past_roles: Vec<FactRow>,
    meetings: Vec<FactRow>,
    error: Option<String>,
    /// schema.org JSON-LD, escaped for a `<script>` element.
    jsonld: String,
    /// Members per year by field, as SVG.
    members_chart: String,
    /// Member cities with no stated year, left out of the chart.
    members_without_year: usize,
    /// How complete the members' data is.
    completeness: citynets_registry::queries::MembersPerYear,
    downloads: String,
    /// The networks for "not in", and the one chosen.
    other_networks: Vec<NetworkRow>,
    not_in: Option<String>,
    calendar: Calendar,
}

/// Names other than `name`, each once (compared after [`fold`]).
fn distinct_names<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen = vec![fold(name)];
    let mut out = Vec::new();
    for n in names {
        let f = fold(n);
        if !seen.contains(&f) {
            seen.push(f);
            out.push(n.to_string());
        }
    }
    out
}

/// Members as of a date, by the body or field their facts name ("Members"
/// for a membership of the network itself), in the network's body order.
fn member_groups(network: &Network, members: &[citynets_registry::queries::Member]) -> Vec<MemberGroup> {
    let mut groups: Vec<(Option<usize>, MemberGroup)> = Vec::new();
    for m in members {
        for f in &m.facts {
            let pos = f.refs.body.as_ref().and_then(|b| network.bodies.iter().position(|x| x.key == *b));
            let i = match groups.iter().position(|(p, _)| *p == pos) {
                Some(i) => i,
                None => {
                    let body = pos.map(|p| network.bodies[p].name.clone());
                    let name = body.clone().unwrap_or_else(|| "Members".to_string());
                    groups.push((pos, MemberGroup { name, body, members: Vec::new() }));
                    groups.len() - 1
                }
            };
            let list = &mut groups[i].1.members;
            if !list.iter().any(|r| r.href == city_href(&m.city.key)) {
                list.push(MemberRow {
                    href: city_href(&m.city.key),
                    name: m.city.name.clone(),
                    country: m.city.country.clone(),
                    since: present::when(&f.fact),
                    stated_in: present::stated_in(f),
                });
            }
        }
    }
    groups.sort_by_key(|(p, _)| p.map_or(-1, |p| p as i64));
    groups.into_iter().map(|(_, g)| g).collect()
}

async fn network(
    State(reg): State<Registry>,
    config: Extension<Arc<Config>>,
    RawQuery(raw): RawQuery,
    path: Result<Path<String>>,
    q: Result<Query<MembersParams>>,
) -> PageResult {
    let Path(id) = path?;
    let Query(p) = q?;
    let v = NetworkView::load(&reg, &id).await?;
    let net = &v.network;
    let members = async {
        let f = p.resolve(&reg, net).await?;
        let members = f.members(&reg, net, false).await?.members;
        Ok((members, Some(f.as_of), f.not_in.map(|n| n.name)))
    };
    let ((members, as_of, not_in), error, status) = filtered(members.await)?;
    let (current, past): (Vec<&RoleTerm>, Vec<&RoleTerm>) = v.governance.iter().partition(|t| t.standing == Standing::Holds);
    let (members_chart, completeness) = members_per_year_chart(&reg, net).await?;
    let parent = match &net.parent {
        Some(k) => reg.store().network(k).await?.map(|n| Link { text: n.name, href: Some(network_href(k)) }),
        None => None,
    };
    let page = NetworkPage {
        name: net.name.clone(),
        key: net.key.clone(),
        kind: format!("{:?}", net.kind).to_lowercase(),
        aliases: distinct_names(&net.name, net.aliases.iter().map(|a| a.name.as_str())),
        parent,
        bodies: net
            .bodies
            .iter()
            .filter(|b| b.kind != BodyKind::Field)
            .map(|b| match reg.gazetteer().body_seats(&net.key, &b.key) {
                Some(k) => format!("{} ({k} seats)", b.name),
                None => b.name.clone(),
            })
            .collect(),
        as_of: as_of.map_or_else(|| value(&p.as_of), |d: PartialDate| d.to_string()),
        as_of_input: value(&p.as_of),
        field: value(&p.field),
        country: value(&p.country),
        member_count: members.len(),
        groups: member_groups(net, &members),
        founded: FactRow::all(&v.founded),
        headquarters: placed(&reg, &v.headquarters).await?,
        current_roles: placed_terms(&reg, &current).await?,
        past_roles: placed_terms(&reg, &past).await?,
        meetings: placed(&reg, &v.meetings).await?,
        error,
        jsonld: {
            let facts: Vec<FactRecord> = members
                .iter()
                .flat_map(|m| m.facts.iter().cloned())
                .chain(v.governance.iter().map(|t| t.record.clone()))
                .chain(v.founded.iter().cloned())
                .chain(v.headquarters.iter().cloned())
                .collect();
            citynets_formats::embed(&citynets_formats::network_organization(net, &facts, &SiteUrls::new("")))
        },
        members_chart,
        members_without_year: completeness.without_year,
        completeness,
        downloads: downloads(&format!("/api/networks/{}/members", encode(&net.key)), raw.as_deref(), &[("limit", &params::MAX_MEMBERS.to_string())]),
        other_networks: network_rows(&views::networks(&reg).await?, &p.not_in).into_iter().filter(|n| n.key != net.key).collect(),
        not_in,
        calendar: Calendar::new(&net.key, &net.name, config.public_url.as_ref()),
    };
    render(status, &page)
}

// ---------------------------------------------------------------- events, roles, gaps

#[derive(Template)]
#[template(path = "events.html")]
struct EventsPage {
    networks: Vec<NetworkRow>,
    year: String,
    host: String,
    rows: Vec<FactRow>,
    error: Option<String>,
    /// Meetings per year by network, as SVG.
    chart: String,
    downloads: String,
    calendars: Vec<Calendar>,
}

/// The meetings calendars of the networks that have meetings, in the
/// order of `networks`.
async fn calendars(reg: &Registry, networks: &[NetworkSummary], config: &Config) -> Result<Vec<Calendar>> {
    let events = reg.events(None, None, None).await?;
    let with_meetings = |key: &String| events.iter().any(|e| e.refs.network.as_ref() == Some(key));
    Ok(networks
        .iter()
        .filter(|n| with_meetings(&n.network.key))
        .map(|n| Calendar::new(&n.network.key, &n.network.name, config.public_url.as_ref()))
        .collect())
}

async fn events(
    State(reg): State<Registry>,
    config: Extension<Arc<Config>>,
    RawQuery(raw): RawQuery,
    q: Result<Query<EventsParams>>,
) -> PageResult {
    let Query(p) = q?;
    let found = async {
        let f = p.resolve(&reg).await?;
        Ok(reg.events(f.network.as_ref(), f.host.as_ref(), f.year).await?)
    };
    let (rows, error, status) = filtered(found.await)?;
    let networks = views::networks(&reg).await?;
    let page = EventsPage {
        calendars: calendars(&reg, &networks, &config).await?,
        networks: network_rows(&networks, &p.network),
        year: value(&p.year),
        host: value(&p.host),
        chart: meetings_per_year_chart(&rows),
        downloads: downloads("/api/events", raw.as_deref(), &[]),
        rows: placed(&reg, &rows).await?,
        error,
    };
    render(status, &page)
}

#[derive(Template)]
#[template(path = "roles.html")]
struct RolesPage {
    organ: String,
    holder: String,
    as_of: String,
    /// As of a date: the terms that hold then, and those that hold by
    /// what their sources state but ended by succession or are undated.
    /// Without one: every term, in `held`.
    as_of_date: Option<String>,
    held: Vec<FactRow>,
    ended: Vec<FactRow>,
    conflicts: usize,
    error: Option<String>,
    downloads: String,
}

async fn roles(State(reg): State<Registry>, RawQuery(raw): RawQuery, q: Result<Query<RolesParams>>) -> PageResult {
    let Query(p) = q?;
    let found = async {
        let f = p.resolve(&reg).await?;
        let organ = f.organ.as_ref().map(|(n, b)| (n, b.as_ref()));
        let terms = reg.roles(organ, f.holder.as_deref(), f.as_of).await?;
        let conflicts = reg.conflicts(f.organ.as_ref().map(|(n, _)| n)).await?.len();
        Ok((terms, f.as_of, conflicts))
    };
    let ((terms, as_of, conflicts), error, status) = filtered(found.await)?;
    let (held, ended): (Vec<&RoleTerm>, Vec<&RoleTerm>) = match as_of {
        Some(_) => terms.iter().partition(|t| t.standing == Standing::Holds),
        None => (terms.iter().collect(), Vec::new()),
    };
    let page = RolesPage {
        organ: value(&p.organ),
        holder: value(&p.holder),
        as_of: value(&p.as_of),
        as_of_date: as_of.map(|d| d.to_string()),
        held: placed_terms(&reg, &held).await?,
        ended: placed_terms(&reg, &ended).await?,
        conflicts,
        error,
        downloads: downloads("/api/roles", raw.as_deref(), &[]),
    };
    render(status, &page)
}

#[derive(Template)]
#[template(path = "conflicts.html")]
struct ConflictsPage {
    conflicts: Vec<ConflictRow>,
    downloads: String,
}

/// Two facts that cannot both be true, side by side.
struct ConflictRow {
    title: String,
    both: String,
    facts: Vec<FactRow>,
}

async fn conflicts(State(reg): State<Registry>, RawQuery(raw): RawQuery) -> PageResult {
    let mut conflicts = Vec::new();
    for c in reg.conflicts(None).await? {
        conflicts.push(ConflictRow {
            title: format!("{} of {}", c.role, c.organ),
            both: match c.until {
                Some(u) => format!("{} – {}", c.from, u),
                None => format!("since {}", c.from),
            },
            facts: placed(&reg, &c.facts).await?,
        });
    }
    render(StatusCode::OK, &ConflictsPage { conflicts, downloads: downloads("/api/conflicts", raw.as_deref(), &[]) })
}

struct GapsResult {
    network: Link,
    country: String,
    as_of: String,
    gaps: Vec<String>,
}

#[derive(Template)]
#[template(path = "gaps.html")]
struct GapsPage {
    networks: Vec<NetworkRow>,
    country: String,
    as_of: String,
    result: Option<GapsResult>,
    error: Option<String>,
    downloads: String,
}

async fn gaps(State(reg): State<Registry>, RawQuery(raw): RawQuery, q: Result<Query<GapsParams>>) -> PageResult {
    let Query(p) = q?;
    let found = async {
        if p.is_empty() {
            return Ok(None);
        }
        let f = p.resolve(&reg).await?;
        let gaps = reg.gaps(&f.network, &f.country, Some(f.as_of)).await?;
        let country = reg.gazetteer().country_named(&f.country).map_or_else(|| f.country.clone(), |c| format!("{} ({})", c.name, c.code));
        Ok(Some(GapsResult {
            network: Link { text: f.network.name.clone(), href: Some(network_href(&f.network.key)) },
            country,
            as_of: f.as_of.to_string(),
            gaps: gaps.into_iter().map(|g| g.body.name).collect(),
        }))
    };
    let (result, error, status) = filtered(found.await)?;
    let page = GapsPage {
        networks: network_rows(&views::networks(&reg).await?, &p.network),
        country: value(&p.country),
        as_of: value(&p.as_of),
        result,
        error,
        downloads: downloads("/api/gaps", raw.as_deref(), &[]),
    };
    render(status, &page)
}

// ---------------------------------------------------------------- facts and documents

#[derive(Template)]
#[template(path = "fact.html")]
struct FactPage {
    row: FactRow,
    fields: Vec<(String, String)>,
    history: Vec<history::ChangeRow>,
    /// The CSRF token of a logged-in browser, for the revert form (shown
    /// for the current version only).
    csrf: Option<String>,
    notice: Option<&'static str>,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct FactNotice {
    done: Option<String>,
}

async fn fact(State(reg): State<Registry>, caller: Result<crate::auth::Caller>, path: Result<Path<String>>, q: Result<Query<FactNotice>>) -> PageResult {
    let Path(id) = path?;
    let caller = caller?;
    let id = views::fact_id(&id)?;
    let fact = reg.store().fact(id).await?.ok_or_else(|| Error::not_found(format!("no fact with id {id}")))?;
    // Its versions, each with what it changed.
    let changes = reg.fact_history(id).await?;
    let csrf = (fact.is_current() && !caller.csrf().is_empty()).then(|| caller.csrf().to_string());
    let notice = match q.ok().and_then(|Query(n)| n.done).as_deref() {
        Some("reverted") => Some("Reverted: this is the new version."),
        _ => None,
    };
    let page = FactPage { row: FactRow::new(&fact), fields: stated_fields(&fact), history: history::rows(changes), csrf, notice };
    render(StatusCode::OK, &page)
}

/// A fact's fields as (name, value), in the fact format's order.
fn stated_fields(r: &FactRecord) -> Vec<(String, String)> {
    let serde_json::Value::Object(mut m) = serde_json::to_value(&r.fact).unwrap_or_default() else {
        return Vec::new();
    };
    let kind = r.fact.kind();
    let mut order: Vec<String> = std::iter::once("kind").chain(citynets_registry::exchange::fields_of(kind)).map(str::to_string).collect();
    order.extend(m.keys().filter(|k| !order.contains(k)).cloned().collect::<Vec<_>>());
    order
        .into_iter()
        .filter_map(|k| {
            let shown = match m.remove(&k)? {
                serde_json::Value::Null => "—".to_string(),
                serde_json::Value::String(s) => s,
                v => v.to_string(),
            };
            Some((k, shown))
        })
        .collect()
}

struct DocumentRow {
    href: String,
    title: String,
    published: String,
    language: String,
}

#[derive(Template)]
#[template(path = "documents.html")]
struct DocumentsPage {
    documents: Vec<DocumentRow>,
    downloads: String,
}

async fn documents(State(reg): State<Registry>) -> PageResult {
    let documents = reg
        .store()
        .documents()
        .await?
        .into_iter()
        .map(|d| DocumentRow {
            href: document_href(&d.key),
            title: d.title.unwrap_or_else(|| d.key.clone()),
            published: d.published.map(|p| p.to_string()).unwrap_or_default(),
            language: d.language.unwrap_or_default(),
        })
        .collect();
    render(StatusCode::OK, &DocumentsPage { documents, downloads: downloads("/api/documents", None, &[]) })
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    key: String,
    title: String,
    url: Option<String>,
    language: Option<String>,
    published: Option<String>,
    text: Option<String>,
    facts_total: i64,
    /// How many proposals wait for review, and where.
    proposals: i64,
    review_href: String,
    facts: Vec<FactRow>,
}

async fn document(State(reg): State<Registry>, path: Result<Path<String>>) -> PageResult {
    let Path(key) = path?;
    let v = DocumentView::load(&reg, &key, 500).await?;
    let d = v.document;
    let key = d.key;
    let page = DocumentPage {
        title: d.title.unwrap_or_else(|| key.clone()),
        review_href: format!("/review/{}", encode(&key)),
        key,
        // Only web addresses become links.
        url: d.url.filter(|u| u.starts_with("http://") || u.starts_with("https://")),
        language: d.language,
        published: d.published.map(|p| p.to_string()),
        text: d.text,
        facts_total: v.facts_total,
        proposals: v.proposals,
        facts: placed(&reg, &v.facts).await?,
    };
    render(StatusCode::OK, &page)
}

/// The 404 page for a path no route serves.
pub fn not_found(path: &str) -> Response {
    PageError(Error::not_found(format!("no page at {path}"))).into_response()
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    q: String,
    total: usize,
    hits: Vec<SearchHit>,
    facets: Vec<FacetGroup>,
    /// Query strings of the previous and next pages.
    prev: Option<String>,
    next: Option<String>,
    error: Option<String>,
    downloads: String,
}

struct SearchHit {
    kind: &'static str,
    title: String,
    href: String,
    /// Already escaped, with the matches in `<mark>`.
    snippet_html: String,
}

struct FacetGroup {
    name: &'static str,
    values: Vec<FacetLink>,
}

struct FacetLink {
    label: String,
    count: usize,
    href: String,
}

/// `/search`: hits and facets; each facet value links to the same search
/// narrowed by it.
async fn search(State(reg): State<Registry>, RawQuery(raw): RawQuery, q: Result<Query<crate::search::SearchParams>>) -> PageResult {
    let Query(p) = q?;
    let found = async {
        let query = p.resolve(&reg).await?;
        let results = crate::search::run(&reg, &query).await?;
        Ok(Some((query, results)))
    };
    let (found, error, status) = filtered(found.await)?;
    let link = |extra: &[(&str, String)], offset: Option<usize>| {
        let mut pairs: Vec<(&str, String)> = [("q", &p.q), ("kind", &p.kind), ("country", &p.country), ("network", &p.network), ("field", &p.field)]
            .into_iter()
            .filter(|(k, _)| !extra.iter().any(|(e, _)| e == k))
            .filter_map(|(k, v)| v.clone().filter(|v| !v.is_empty()).map(|v| (k, v)))
            .collect();
        pairs.extend(extra.iter().cloned());
        if let Some(o) = offset.filter(|&o| o > 0) {
            pairs.push(("offset", o.to_string()));
        }
        let encoded: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", urlencode(v))).collect();
        format!("/search?{}", encoded.join("&"))
    };
    let mut page = SearchPage { q: value(&p.q), total: 0, hits: Vec::new(), facets: Vec::new(), prev: None, next: None, error, downloads: downloads("/api/search", raw.as_deref(), &[]) };
    if let Some((query, results)) = found {
        page.total = results.total;
        page.hits = results
            .hits
            .iter()
            .map(|h| SearchHit { kind: h.kind.as_str(), title: h.title.clone(), href: h.href.clone(), snippet_html: h.snippet.to_html() })
            .collect();
        let group = |name: &'static str, param: &'static str, values: &[citynets_registry::search::FacetCount]| FacetGroup {
            name,
            values: values
                .iter()
                .take(12)
                .map(|v| FacetLink { label: v.value.clone(), count: v.count as usize, href: link(&[(param, v.value.clone())], None) })
                .collect(),
        };
        page.facets = vec![
            group("Kind", "kind", &results.facets.kind),
            group("Country", "country", &results.facets.country),
            group("Network", "network", &results.facets.network),
            group("Field", "field", &results.facets.field),
        ];
        page.facets.retain(|g| !g.values.is_empty());
        if query.offset > 0 {
            page.prev = Some(link(&[], Some(query.offset.saturating_sub(query.limit))));
        }
        if query.offset + query.limit < results.total {
            page.next = Some(link(&[], Some(query.offset + query.limit)));
        }
    }
    render(status, &page)
}

/// Percent-encoding for a query-string value.
fn urlencode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The world map, parsed once (Natural Earth 1:110m, bundled).
fn world_map() -> &'static citynets_viz::WorldMap {
    static MAP: std::sync::OnceLock<citynets_viz::WorldMap> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        citynets_viz::WorldMap::from_geojson(include_str!("../../../data/boundaries/ne_110m_admin_0_countries.geojson"))
            .expect("the bundled country shapes parse")
    })
}

/// A city's memberships, designations, roles and hosted meetings on one time
/// axis, a row per network. A fact stated without a start begins where the
/// as-of rule says it is known to hold (its earliest source's date); one
/// with neither is left out of the drawing (the tables list it). A term
/// ended by succession ends where its successor's began.
fn timeline_svg(v: &CityView) -> String {
    use citynets_model::Fact;
    use citynets_viz::{TimelineEvent, TimelineRow, TimelineSpan, TimelineSpec};
    let mut rows: Vec<TimelineRow> = Vec::new();
    for f in &v.timeline {
        let vt = f.fact.valid_time();
        let Some(start) = vt.start.or_else(|| f.earliest_published()) else { continue };
        let href = format!("/facts/{}", f.id);
        let (network, label, category) = match &f.fact {
            Fact::Membership { network, .. } => (network.clone(), "Member".to_string(), None),
            Fact::Designation { network, field, .. } => {
                let field = field.map(|f| f.to_string());
                (network.clone(), field.clone().unwrap_or_else(|| "Designated".into()), field)
            }
            Fact::Role { organ, role, .. } => (organ.clone(), role.to_string(), Some(role.to_string())),
            Fact::Event { network, event, .. } => {
                let i = timeline_row(&mut rows, network, f.refs.network.as_ref());
                rows[i].events.push(TimelineEvent { date: start, label: format!("hosted the {event}"), href, category: Some("meeting".into()) });
                continue;
            }
            _ => continue,
        };
        // A term whose end no source states ended when its successor's began.
        let succeeded = v.terms.iter().find(|t| t.record.id == f.id).and_then(|t| t.seat.as_ref()?.ended_by_succession.as_ref());
        let end = vt.end.or(succeeded.map(|s| s.from));
        let i = timeline_row(&mut rows, &network, f.refs.network.as_ref());
        rows[i].spans.push(TimelineSpan { start, start_stated: vt.start.is_some(), end, label, href, category });
    }
    if rows.is_empty() {
        return String::new();
    }
    let mut spec = TimelineSpec::new(format!("{} in its networks", v.city.name), Registry::today());
    spec.rows = rows;
    citynets_viz::timeline(&spec)
}

/// The index of the row labelled `label`, added when missing.
fn timeline_row(rows: &mut Vec<citynets_viz::TimelineRow>, label: &str, network: Option<&String>) -> usize {
    if let Some(i) = rows.iter().position(|r| r.label == label) {
        return i;
    }
    rows.push(citynets_viz::TimelineRow { label: label.to_string(), href: network.map(|k| network_href(k)), ..Default::default() });
    rows.len() - 1
}

/// A network's member cities in each year, by field (or "member" for a plain
/// membership), from stated years; and how many members state none.
async fn members_per_year_chart(reg: &Registry, net: &Network) -> Result<(String, citynets_registry::queries::MembersPerYear)> {
    let mut per_year = reg.members_per_year(net).await?;
    if per_year.counts.is_empty() {
        return Ok((String::new(), per_year));
    }
    let spec = citynets_viz::BarSpec {
        title: format!("{}: member cities per year", net.name),
        unit: "cities".into(),
        data: std::mem::take(&mut per_year.counts).into_iter().map(|((year, cat), n)| citynets_viz::BarDatum::new(year, cat, n)).collect(),
        ..Default::default()
    };
    Ok((citynets_viz::bar_chart(&spec), per_year))
}

/// Meetings per year, by network.
fn meetings_per_year_chart(rows: &[FactRecord]) -> String {
    use citynets_model::Fact;
    let mut counts: std::collections::BTreeMap<(i32, String), u32> = std::collections::BTreeMap::new();
    for r in rows {
        if let Fact::Event { network, start: Some(start), .. } = &r.fact {
            *counts.entry((start.year_value(), network.clone())).or_default() += 1;
        }
    }
    if counts.is_empty() {
        return String::new();
    }
    let spec = citynets_viz::BarSpec {
        title: "Meetings per year".into(),
        unit: "meetings".into(),
        data: counts.into_iter().map(|((year, net), n)| citynets_viz::BarDatum::new(year, net, n)).collect(),
        ..Default::default()
    };
    citynets_viz::bar_chart(&spec)
}
