//! The JSON API under `/api`, described by [`crate::openapi`].
//!
//! Handlers are thin: parameters are parsed by [`crate::params`], data is
//! assembled by the registry and [`crate::views`]. Facts are returned as
//! [`FactRecord`]s: the fact format plus id, status, sources and the
//! registry's bookkeeping.

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use citynets_model::{FactRecord, PartialDate};
use citynets_registry::queries::{Member, MembersPage};
use citynets_registry::exchange::{self, Format, ImportOptions};
use citynets_registry::store::FactQuery;
use citynets_registry::{Registry, RegistryError};
use serde_json::{Value, json};

use crate::auth::{Caller, Writer};
use crate::error::{Error, Result};
use crate::extract::{Json, Path, Query};
use crate::params::{HistoryParams, CitiesParams, ConflictsParams, CountriesParams, EventsParams, ExportParams, FactsParams, GapsParams, MembersParams, ReviewParams, RolesParams, TwinningsParams};
use crate::review::{self, BulkDecision, Decision, IngestRequest};
use crate::views::{self, CityView, DocumentView, FactView, NetworkView, ReviewQueue};

/// A route of the API: its path, the methods it answers, and the handlers.
pub struct ApiRoute {
    pub path: &'static str,
    pub methods: &'static [&'static str],
    /// For a list, the field of its JSON answer that holds the rows: the
    /// route also answers them as CSV or JSON Lines ([`crate::tabular`]).
    pub list: Option<&'static str>,
    handler: MethodRouter<Registry>,
}

fn route(path: &'static str, methods: &'static [&'static str], handler: MethodRouter<Registry>) -> ApiRoute {
    ApiRoute { path, methods, list: None, handler }
}

/// A route whose GET answers a list, with its rows in `field`.
fn list(path: &'static str, methods: &'static [&'static str], field: &'static str, handler: MethodRouter<Registry>) -> ApiRoute {
    ApiRoute { path, methods, list: Some(field), handler }
}

/// Every route of the API. The router is built from this list, and the
/// OpenAPI document is checked against it.
pub fn routes() -> Vec<ApiRoute> {
    vec![
        route("/api/openapi.json", &["get"], get(openapi)),
        list("/api/cities", &["get"], "cities", get(cities)),
        list("/api/cities/{id}", &["get"], "timeline", get(city)),
        list("/api/networks", &["get"], "networks", get(networks)),
        route("/api/networks/{id}", &["get"], get(network)),
        list("/api/networks/{id}/members", &["get"], "members", get(members)),
        list("/api/roles", &["get"], "roles", get(roles)),
        list("/api/conflicts", &["get"], "conflicts", get(conflicts)),
        list("/api/events", &["get"], "events", get(events)),
        list("/api/search", &["get"], "hits", get(search)),
        route("/api/cities.geojson", &["get"], get(crate::exports::cities_geojson)),
        route("/api/networks/{id}/events.ics", &["get"], get(crate::exports::network_calendar)),
        route("/api/graph.graphml", &["get"], get(crate::exports::graphml)),
        route("/api/graph.gexf", &["get"], get(crate::exports::gexf)),
        list("/api/graph/neighbours", &["get"], "connections", get(crate::exports::neighbours_api)),
        list("/api/graph/chain", &["get"], "nodes", get(crate::exports::chain_api)),
        list("/api/graph/in-both", &["get"], "cities", get(crate::exports::in_both_api)),
        list("/api/countries", &["get"], "countries", get(countries)),
        list("/api/twinnings", &["get"], "twinnings", get(twinnings)),
        list("/api/gaps", &["get"], "gaps", get(gaps)),
        list("/api/facts", &["get", "post"], "facts", get(facts).post(add_facts)),
        route("/api/facts/{id}", &["get", "patch"], get(fact).patch(correct_fact)),
        route("/api/facts/{id}/review", &["post"], post(review_fact)),
        route("/api/facts/{id}/revert", &["post"], post(revert_fact)),
        list("/api/cities/{id}/history", &["get"], "changes", get(city_history)),
        list("/api/documents", &["get", "post"], "documents", get(documents).post(ingest)),
        route("/api/documents/{key}", &["get"], get(document)),
        list("/api/review", &["get", "post"], "proposals", get(review_queue).post(review)),
        route("/api/export", &["get"], get(export)),
        route("/api/session", &["get"], get(session)),
    ]
}

pub fn router() -> Router<Registry> {
    routes().into_iter().fold(Router::new(), |r, route| {
        let handler = match route.list {
            Some(field) => route.handler.layer(axum::middleware::from_fn_with_state(field, crate::tabular::list_formats)),
            None => route.handler,
        };
        r.route(route.path, handler)
    })
}

type JsonResult = Result<axum::Json<Value>>;

fn ok(v: Value) -> JsonResult {
    Ok(axum::Json(v))
}

async fn openapi() -> axum::Json<Value> {
    axum::Json(crate::openapi::document())
}

async fn cities(State(reg): State<Registry>, Query(p): Query<CitiesParams>) -> JsonResult {
    let (q, paging) = p.resolve(&reg, 100).await?;
    let cities = reg.directory(&q).await?;
    ok(json!({ "cities": cities, "limit": paging.limit, "offset": paging.offset }))
}

async fn city(State(reg): State<Registry>, Path(id): Path<String>) -> Result<axum::Json<CityView>> {
    Ok(axum::Json(CityView::load(&reg, &id).await?))
}

async fn networks(State(reg): State<Registry>) -> JsonResult {
    ok(json!({ "as_of": Registry::today(), "networks": views::networks_on_record(&reg).await? }))
}

async fn network(State(reg): State<Registry>, Path(id): Path<String>) -> Result<axum::Json<NetworkView>> {
    Ok(axum::Json(NetworkView::load(&reg, &id).await?))
}

async fn members(State(reg): State<Registry>, Path(id): Path<String>, Query(p): Query<MembersParams>) -> Result<axum::Json<MembersAnswer>> {
    let network = views::network(&reg, &id).await?;
    let f = p.resolve(&reg, &network).await?;
    let MembersPage { total, members } = f.members(&reg, &network, true).await?;
    Ok(axum::Json(MembersAnswer {
        as_of: f.as_of,
        country: f.country,
        field: f.body.map(|b| b.name),
        limit: f.paging.limit,
        members,
        network: network.key,
        offset: f.paging.offset,
        total,
    }))
}

/// The answer of `/api/networks/{id}/members`, serialised straight into the
/// response: through a `serde_json::Value` (`json!`), a map per object and
/// a string per key, it cost several times the read of the members.
/// The fields are those `json!` wrote, in its (alphabetical) order.
#[derive(serde::Serialize)]
struct MembersAnswer {
    as_of: PartialDate,
    country: Option<String>,
    field: Option<String>,
    limit: i64,
    members: Vec<Member>,
    network: String,
    offset: i64,
    /// Members in all pages.
    total: usize,
}

async fn roles(State(reg): State<Registry>, Query(p): Query<RolesParams>) -> JsonResult {
    let f = p.resolve(&reg).await?;
    let organ = f.organ.as_ref().map(|(n, b)| (n, b.as_ref()));
    ok(json!({ "roles": reg.roles(organ, f.holder.as_deref(), f.as_of).await? }))
}

async fn conflicts(State(reg): State<Registry>, Query(p): Query<ConflictsParams>) -> JsonResult {
    let network = crate::params::network(&reg, &p.network).await?;
    ok(json!({ "conflicts": reg.conflicts(network.as_ref()).await? }))
}

async fn events(State(reg): State<Registry>, Query(p): Query<EventsParams>) -> JsonResult {
    let f = p.resolve(&reg).await?;
    ok(json!({ "events": reg.events(f.network.as_ref(), f.host.as_ref(), f.year).await? }))
}

async fn search(State(reg): State<Registry>, Query(p): Query<crate::search::SearchParams>) -> JsonResult {
    let q = p.resolve(&reg).await?;
    let results = crate::search::run(&reg, &q).await?;
    ok(serde_json::to_value(results).map_err(|e| Error::Internal(e.to_string()))?)
}

async fn countries(State(reg): State<Registry>, Query(p): Query<CountriesParams>) -> JsonResult {
    let (network, as_of) = p.resolve(&reg).await?;
    let countries = reg.countries_by_memberships(network.as_ref(), Some(as_of)).await?;
    ok(json!({ "network": network.map(|n| n.key), "as_of": as_of, "countries": countries }))
}

async fn twinnings(State(reg): State<Registry>, Query(p): Query<TwinningsParams>) -> JsonResult {
    let (city, limit) = p.resolve(&reg).await?;
    ok(json!({ "twinnings": reg.twinnings(city.as_ref(), Some(limit)).await? }))
}

async fn gaps(State(reg): State<Registry>, Query(p): Query<GapsParams>) -> JsonResult {
    let f = p.resolve(&reg).await?;
    let gaps = reg.gaps(&f.network, &f.country, Some(f.as_of)).await?;
    ok(json!({ "network": f.network.key, "country": f.country, "as_of": f.as_of, "gaps": gaps }))
}

async fn facts(State(reg): State<Registry>, Query(p): Query<FactsParams>) -> JsonResult {
    let (q, paging) = p.resolve(&reg, 100).await?;
    let total = reg.store().count_facts(&q).await?;
    let facts = reg.store().facts(&q).await?;
    ok(json!({ "total": total, "limit": paging.limit, "offset": paging.offset, "facts": facts }))
}

async fn fact(State(reg): State<Registry>, Path(id): Path<String>) -> Result<axum::Json<FactView>> {
    Ok(axum::Json(FactView::load(&reg, views::fact_id(&id)?).await?))
}

/// `POST /api/facts`: one fact object or an array of them, added in one
/// transaction through the importer (so a bad field is named as in a
/// file import). Facts without a status are accepted.
async fn add_facts(Writer(reg): Writer, Json(body): Json<Value>) -> Result<Response> {
    let objects = match body {
        Value::Array(list) if !list.is_empty() => list,
        o @ Value::Object(_) => vec![o],
        _ => return Err(Error::field("body", "expected a fact object or a non-empty array of them")),
    };
    let mut facts = Vec::with_capacity(objects.len());
    for (i, o) in objects.into_iter().enumerate() {
        let at = Some(format!("fact {}", i + 1));
        match o {
            Value::Object(m) if m.contains_key("facts") => {
                return Err(Error::Field { field: "facts".into(), message: "post the facts of a document, not the document".into(), at });
            }
            Value::Object(m) => facts.push(m),
            _ => return Err(Error::Field { field: "body".into(), message: "expected a fact object".into(), at }),
        }
    }
    let opts = ImportOptions { status: None, comment: Some("added through the API".into()) };
    let imported = exchange::import_objects(&reg, facts, &opts).await.map_err(relocate)?;
    let report = &imported.written;
    let mut facts = reg.store().facts(&FactQuery { ids: report.ids.clone(), ..Default::default() }).await?;
    facts.sort_by_key(|f| report.ids.iter().position(|&id| id == f.id));
    let body = json!({
        "facts": facts,
        "added": report.added,
        "corroborated": report.corroborated,
        "enriched": report.enriched,
        "unchanged": report.unchanged,
        "guessed": imported.guessed,
    });
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

/// The importer locates errors as `fact:N` (a line of its input); the API
/// says `fact N`, N counting the body's facts from 1.
/// An input error of a posted fact, placed as `fact N`.
fn relocate(e: RegistryError) -> Error {
    match e {
        RegistryError::Input { place, field, message } => {
            let field = if field == "-" { "body".to_string() } else { field };
            Error::Field { field, message, at: Some(place) }
        }
        e => e.into(),
    }
}

/// `PATCH /api/facts/{id}`: the fields to change, and optionally `status`
/// and `comment`. The change is recorded as a new version.
async fn correct_fact(Writer(reg): Writer, Path(id): Path<String>, Json(patch): Json<Value>) -> Result<axum::Json<FactRecord>> {
    let id = views::fact_id(&id)?;
    let comment = match patch.get("comment") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(Error::field("comment", "expected a string")),
    };
    Ok(axum::Json(reg.correct(id, &patch, comment).await?))
}

async fn documents(State(reg): State<Registry>) -> JsonResult {
    ok(json!({ "documents": reg.store().documents().await? }))
}

async fn document(State(reg): State<Registry>, Path(key): Path<String>) -> Result<axum::Json<DocumentView>> {
    Ok(axum::Json(DocumentView::load(&reg, &key, 1000).await?))
}

/// `POST /api/documents`: ingest a text. 201 with the report and the
/// document's proposals; 200 when the text was already known.
async fn ingest(Writer(reg): Writer, Json(body): Json<Value>) -> Result<Response> {
    let done = review::ingest(&reg, IngestRequest::from_json(&body)?).await?;
    let status = if done.report.already_known { StatusCode::OK } else { StatusCode::CREATED };
    let location = format!("/api/documents/{}", crate::pages::encode(&done.report.document));
    Ok((status, [(header::LOCATION, location)], axum::Json(done)).into_response())
}

/// `GET /api/review`: the review queue.
async fn review_queue(State(reg): State<Registry>, Query(p): Query<ReviewParams>) -> Result<axum::Json<ReviewQueue>> {
    let (document, limit) = p.resolve(&reg).await?;
    Ok(axum::Json(ReviewQueue::load(&reg, document.as_deref(), limit).await?))
}

/// The facts a decision resulted in.
async fn decided(reg: &Registry, decision: &str, ids: Vec<i64>) -> JsonResult {
    let facts = review::records(reg, &ids).await?;
    ok(json!({ "decision": decision, "ids": ids, "facts": facts }))
}

/// `POST /api/review`: accept or reject proposals by id or by document.
async fn review(Writer(reg): Writer, Json(body): Json<Value>) -> JsonResult {
    let d = BulkDecision::from_json(&body)?;
    let ids = review::decide_many(&reg, &d).await?;
    decided(&reg, d.verdict.as_str(), ids).await
}

/// `POST /api/facts/{id}/review`: accept, reject or correct one proposal.
async fn review_fact(Writer(reg): Writer, Path(id): Path<String>, Json(body): Json<Value>) -> JsonResult {
    let id = views::fact_id(&id)?;
    let d = Decision::from_json(&body)?;
    let ids = review::decide_fact(&reg, id, &d).await?;
    decided(&reg, d.verdict.as_str(), ids).await
}

/// `POST /api/facts/{id}/revert`: reverts the change that recorded
/// version `id` (the current one), by a new version; optional `comment`.
async fn revert_fact(Writer(reg): Writer, Path(id): Path<String>, body: axum::body::Bytes) -> Result<axum::Json<FactRecord>> {
    let id = views::fact_id(&id)?;
    let body: Option<Value> = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        Some(serde_json::from_slice(&body).map_err(|e| Error::field("body", format!("not JSON: {e}")))?)
    };
    let comment = review::revert_comment(body.as_ref())?;
    Ok(axum::Json(reg.revert(id, comment.as_deref()).await?))
}

/// `GET /api/cities/{id}/history`: every recorded change to the facts
/// about a city, most recent first.
async fn city_history(State(reg): State<Registry>, Path(id): Path<String>, Query(p): Query<HistoryParams>) -> JsonResult {
    let city = views::city(&reg, &id).await?;
    let paging = p.resolve()?;
    let changes = reg.city_history(&city.key, paging.limit, paging.offset).await?;
    ok(json!({ "city": city.key, "limit": paging.limit, "offset": paging.offset, "changes": changes }))
}

/// `GET /api/session`: the account of the request's credentials, and for a
/// cookie session the CSRF token its API writes send in `X-CSRF-Token`.
async fn session(caller: Caller) -> JsonResult {
    let csrf = (!caller.csrf().is_empty()).then(|| caller.csrf().to_string());
    ok(json!({ "user": caller.user(), "csrf": csrf }))
}

/// `GET /api/export`: every current fact, as JSON Lines or CSV.
async fn export(State(reg): State<Registry>, Query(p): Query<ExportParams>) -> Result<Response> {
    let format = p.resolve()?;
    let mut bytes = Vec::new();
    exchange::export(&reg, &FactQuery::default(), format, &mut bytes).await?;
    let (content_type, name) = match format {
        Format::Jsonl => ("application/x-ndjson", "citynets-facts.jsonl"),
        Format::Csv => ("text/csv; charset=utf-8", "citynets-facts.csv"),
    };
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok(([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}

#[cfg(test)]
mod tests {
    use citynets_model::City;
    use serde_json::{Value, json};

    use super::*;

    /// The members answer written from [`MembersAnswer`] is the JSON the
    /// handler built with `json!` before: same fields, same values.
    #[test]
    fn the_members_answer_is_the_json_it_was() {
        let city: City = serde_json::from_value(json!({ "key": "bologna-it", "name": "Bologna", "country": "IT", "lat": 44.49381, "lon": 0.30000000000000004,
            "population": 390_000, "names": [{ "name": "Bulåggna", "lang": "egl" }] }))
        .unwrap();
        let fact: FactRecord = serde_json::from_value(json!({ "id": 7, "kind": "designation", "city": "Bologna", "country": "IT", "network": "UCCN", "field": "Music", "year": "2006",
            "status": "accepted", "sources": [{ "document": "seed-001", "quote": "Bologna, \"city of music\"", "published": "2006-05" }],
            "refs": { "city": "bologna-it", "network": "uccn", "body": "music" }, "recorded_at": "2026-11-23T10:00:00Z" }))
        .unwrap();
        let members = vec![Member { city, facts: vec![fact] }];
        let as_of: PartialDate = "2020".parse().unwrap();
        for (field, country) in [(None, None), (Some("Music".to_string()), Some("IT".to_string()))] {
            let before = json!({ "network": "uccn", "as_of": as_of, "field": field, "country": country, "members": members, "total": 1, "limit": 100, "offset": 0 });
            let answer = MembersAnswer { as_of, country: country.clone(), field: field.clone(), limit: 100, members: members.clone(), network: "uccn".into(), offset: 0, total: 1 };
            let now: Value = serde_json::from_slice(&serde_json::to_vec(&answer).unwrap()).unwrap();
            assert_eq!(now, before);
        }
    }
}
