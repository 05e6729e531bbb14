//! What a route shows, assembled from the registry: the data behind both a
//! JSON response and a page. The API serializes these as they are; the
//! pages lay them out (see `pages::present`).

use citynets_model::{City, Document, FactKind, FactRecord, Network, PartialDate, Status};
use citynets_registry::Registry;
use citynets_registry::queries::MembersQuery;
use citynets_registry::seats::RoleTerm;
use citynets_registry::store::{Counts, FactQuery};
use serde::Serialize;

use crate::error::{Error, Result};

/// A city with every current accepted fact about it, in time order.
#[derive(Clone, Debug, Serialize)]
pub struct CityView {
    pub city: City,
    pub country_name: Option<String>,
    pub timeline: Vec<FactRecord>,
    /// The cities the timeline names, to show where each is.
    #[serde(skip)]
    pub places: Vec<City>,
    /// The timeline's roles with what the other terms of their seats say
    /// of them (a term ended by a successor's).
    #[serde(skip)]
    pub terms: Vec<RoleTerm>,
}

impl CityView {
    /// `id` is a city key (`bologna-it`) or any of its names (`Torino`).
    pub async fn load(reg: &Registry, id: &str) -> Result<CityView> {
        let city = city(reg, id).await?;
        let country_name = reg.gazetteer().country_named(&city.country).map(|c| c.name.clone());
        let timeline = reg.timeline(&city).await?;
        let places = reg.cities_with_keys(crate::pages::Places::keys(&timeline)).await?;
        let terms = reg.terms_of(&timeline).await?;
        Ok(CityView { city, country_name, timeline, places, terms })
    }
}

/// A city named by a path (key or any name); a 404 when there is none.
pub async fn city(reg: &Registry, id: &str) -> Result<citynets_model::City> {
    reg.find_city(id).await?.ok_or_else(|| Error::not_found(format!("no city '{id}'")))
}

/// A network with its member count as of today.
#[derive(Clone, Debug, Serialize)]
pub struct NetworkSummary {
    #[serde(flatten)]
    pub network: Network,
    pub members: i64,
    /// How complete its member data is, where a list shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_record: Option<OnRecord>,
}

/// A network's member cities on record at any time, and of them those
/// with a stated start and those with a source.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct OnRecord {
    pub members: i64,
    pub with_year: i64,
    pub with_source: i64,
}

/// [`networks`], each with how complete its member data is.
pub async fn networks_on_record(reg: &Registry) -> Result<Vec<NetworkSummary>> {
    let completeness = reg.store().member_completeness().await?;
    let mut out = networks(reg).await?;
    for n in &mut out {
        let c = completeness.iter().find(|c| c.network == n.network.key);
        n.on_record = Some(c.map_or_else(OnRecord::default, |c| OnRecord { members: c.members, with_year: c.with_year, with_source: c.with_source }));
    }
    Ok(out)
}

/// Every network with its member count as of today, largest first.
pub async fn networks(reg: &Registry) -> Result<Vec<NetworkSummary>> {
    let counts = reg.store().member_counts(Registry::today()).await?;
    let mut out: Vec<NetworkSummary> = reg
        .store()
        .networks()
        .await?
        .into_iter()
        .map(|network| {
            let members = counts.iter().find(|(k, _)| *k == network.key).map_or(0, |(_, n)| *n);
            NetworkSummary { network, members, on_record: None }
        })
        .collect();
    out.sort_by(|a, b| b.members.cmp(&a.members).then_with(|| a.network.name.cmp(&b.network.name)));
    Ok(out)
}

/// A network by key, name or alias, or a 404.
pub async fn network(reg: &Registry, id: &str) -> Result<Network> {
    reg.network_param(id).await.map_err(|e| match e {
        citynets_registry::RegistryError::Input { .. } => Error::not_found(format!("no network '{id}'")),
        e => e.into(),
    })
}

/// A network: its bodies, governance, founding, seat and meetings.
#[derive(Clone, Debug, Serialize)]
pub struct NetworkView {
    pub network: Network,
    /// Member cities as of today.
    pub members: i64,
    pub founded: Vec<FactRecord>,
    pub headquarters: Vec<FactRecord>,
    /// Roles in the network and its bodies, every term, standing as of
    /// today.
    pub governance: Vec<RoleTerm>,
    pub meetings: Vec<FactRecord>,
}

impl NetworkView {
    pub async fn load(reg: &Registry, id: &str) -> Result<NetworkView> {
        let network = network(reg, id).await?;
        let of_kind = |kinds: Vec<FactKind>| FactQuery {
            kinds,
            network: Some(network.key.clone()),
            status: Some(Status::Accepted),
            ..Default::default()
        };
        let store = reg.store();
        // An empty page of the members: their number alone, from an index.
        let count = MembersQuery { page: Some((0, 0)), ..Default::default() };
        let members = reg.members_page(&network, &count).await?.total as i64;
        let founded = store.facts(&of_kind(vec![FactKind::Founded])).await?;
        let headquarters = store.facts(&of_kind(vec![FactKind::Headquarters])).await?;
        let governance = reg.governance(&network).await?;
        let meetings = reg.events(Some(&network), None, None).await?;
        Ok(NetworkView { network, members, founded, headquarters, governance, meetings })
    }
}

/// One version of a fact with every version of it, oldest first.
#[derive(Clone, Debug, Serialize)]
pub struct FactView {
    #[serde(flatten)]
    pub fact: FactRecord,
    pub history: Vec<FactRecord>,
}

impl FactView {
    pub async fn load(reg: &Registry, id: i64) -> Result<FactView> {
        let fact = reg.store().fact(id).await?.ok_or_else(|| Error::not_found(format!("no fact with id {id}")))?;
        let history = reg.store().history(id).await?;
        Ok(FactView { fact, history })
    }
}

/// A fact id from a path: a positive integer, else a 404 (no such fact).
pub fn fact_id(id: &str) -> Result<i64> {
    id.parse::<i64>().ok().filter(|&n| n > 0).ok_or_else(|| Error::not_found(format!("no fact with id '{id}'")))
}

/// A document with its text and the current facts citing it (the first
/// `limit` of them: a dataset is cited by thousands).
#[derive(Clone, Debug, Serialize)]
pub struct DocumentView {
    pub document: Document,
    /// How many current facts cite it.
    pub facts_total: i64,
    /// How many of them are proposals waiting for review.
    pub proposals: i64,
    pub facts: Vec<FactRecord>,
}

impl DocumentView {
    pub async fn load(reg: &Registry, key: &str, limit: i64) -> Result<DocumentView> {
        let document = reg.store().document(key).await?.ok_or_else(|| Error::not_found(format!("no document '{key}'")))?;
        let q = FactQuery { document: Some(key.to_string()), limit: Some(limit), ..Default::default() };
        let facts_total = reg.store().count_facts(&q).await?;
        let proposals = reg.store().count_facts(&FactQuery { status: Some(Status::Proposed), ..q.clone() }).await?;
        let facts = reg.store().facts(&q).await?;
        Ok(DocumentView { document, facts_total, proposals, facts })
    }
}

/// A document in the review queue: its title, date and language (not its
/// text), and how many proposals cite it.
#[derive(Clone, Debug, Serialize)]
pub struct QueueEntry {
    #[serde(flatten)]
    pub document: Document,
    pub proposals: usize,
}

/// The review queue: current proposed facts, of one document or all.
#[derive(Clone, Debug, Serialize)]
pub struct ReviewQueue {
    /// How many proposals there are.
    pub total: usize,
    pub limit: i64,
    /// The documents with proposals, newest first.
    pub documents: Vec<QueueEntry>,
    /// The first `limit` proposals, with their sources and quotes.
    pub proposals: Vec<FactRecord>,
}

impl ReviewQueue {
    pub async fn load(reg: &Registry, document: Option<&str>, limit: i64) -> Result<ReviewQueue> {
        let mut proposals = reg.proposals(document, None).await?;
        let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for p in &proposals {
            let mut docs: Vec<&str> = p.sources.iter().map(|s| s.document.as_str()).collect();
            docs.dedup();
            for d in docs {
                *counts.entry(d).or_default() += 1;
            }
        }
        let documents = reg
            .store()
            .documents()
            .await?
            .into_iter()
            .filter(|d| document.is_none_or(|k| k == d.key))
            .filter_map(|document| counts.get(document.key.as_str()).map(|&proposals| QueueEntry { document, proposals }))
            .collect();
        let total = proposals.len();
        proposals.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        Ok(ReviewQueue { total, limit, documents, proposals })
    }
}

/// The home page's data.
#[derive(Clone, Debug)]
pub struct HomeView {
    pub networks: Vec<NetworkSummary>,
    /// Reviewed facts read from texts, the latest texts first.
    pub latest: Vec<FactRecord>,
    pub counts: Counts,
    pub today: PartialDate,
}

impl HomeView {
    pub async fn load(reg: &Registry) -> Result<HomeView> {
        Ok(HomeView {
            networks: networks_on_record(reg).await?,
            latest: reg.latest_from_texts(10).await?,
            counts: reg.store().counts().await?,
            today: Registry::today(),
        })
    }
}
