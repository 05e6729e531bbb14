//! Full-text search: the parameters `GET /api/search` and the `/search`
//! page share, and the index's place in the server's life.

use std::time::Duration;

use citynets_registry::search::{HitKind, SearchIndex, SearchQuery, SearchResults, MAX_LIMIT};
use citynets_registry::store::FactQuery;
use citynets_registry::Registry;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::params::given;

/// How often a server indexes what other writers (the CLI, other servers)
/// recorded in the database.
pub const SYNC_EVERY: Duration = Duration::from_secs(10);

/// `/api/search` and `/search`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub q: Option<String>,
    /// Kinds, separated by commas: city, network, body, document, fact.
    pub kind: Option<String>,
    pub country: Option<String>,
    pub network: Option<String>,
    pub field: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
    pub page: Option<String>,
}

impl SearchParams {
    /// The index query, with names resolved the way every other parameter is
    /// (a country by name, a network by alias, a field in any language).
    pub async fn resolve(&self, reg: &Registry) -> Result<SearchQuery> {
        let kinds = match given(&self.kind) {
            Some(k) => k
                .split(',')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(|k| k.parse::<HitKind>().map_err(|e| Error::parameter("kind", e.to_string())))
                .collect::<Result<Vec<_>>>()?,
            None => Vec::new(),
        };
        let country = given(&self.country).map(|c| reg.country_param(c)).transpose()?;
        let network = match given(&self.network) {
            Some(n) => Some(reg.network_param(n).await?.key),
            None => None,
        };
        let field = match given(&self.field) {
            Some(f) => Some(
                reg.gazetteer()
                    .field_named(f)
                    .ok_or_else(|| Error::parameter("field", format!("'{f}' is not a UCCN field")))?
                    .as_str()
                    .to_string(),
            ),
            None => None,
        };
        let paging = crate::params::Paging::parse(&self.limit, &self.offset, &self.page, 20, MAX_LIMIT as i64)?;
        Ok(SearchQuery {
            text: given(&self.q).unwrap_or_default().to_string(),
            kinds,
            country,
            network,
            field,
            limit: paging.limit as usize,
            offset: paging.offset as usize,
        })
    }
}

/// How long a search made while the index is being built waits for it.
const WAIT_FOR_INDEX: std::time::Duration = std::time::Duration::from_secs(120);

/// Runs a search on the registry's index, once the index is built.
pub async fn run(reg: &Registry, q: &SearchQuery) -> Result<SearchResults> {
    let index = reg.search().ok_or_else(|| Error::Internal("the search index is not built".into()))?;
    let waited = std::time::Instant::now();
    while !index.is_ready() {
        if waited.elapsed() > WAIT_FOR_INDEX {
            return Err(Error::Database {
                status: axum::http::StatusCode::SERVICE_UNAVAILABLE,
                message: "the search index is still being built; try again in a minute",
                cause: format!("not built after {} s", WAIT_FOR_INDEX.as_secs()),
            });
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    index.search(q).map_err(|e| match e {
        citynets_registry::search::SearchError::Input { parameter, message } => Error::parameter(parameter, message),
        other => Error::Internal(other.to_string()),
    })
}

/// The registry with its search index, which a task builds from the store
/// (searches wait for it; every other page answers meanwhile) and then
/// keeps in step with writes made by other processes.
pub async fn with_index(reg: Registry) -> Registry {
    if reg.search().is_some() {
        return reg;
    }
    let index = match SearchIndex::new() {
        Ok(i) => i,
        Err(e) => {
            tracing::error!(error = %e, "search disabled: cannot create the index");
            return reg;
        }
    };
    // What is recorded from here on is picked up by the sync task.
    let newest = FactQuery { newest_first: true, limit: Some(1), ..Default::default() };
    let mark = match reg.store().facts(&newest).await {
        Ok(f) => f.first().map(|f| f.recorded_at.clone()),
        Err(e) => {
            tracing::warn!(error = %e, "search: cannot read the newest fact");
            None
        }
    };
    let reg = reg.with_search(index.clone());
    let syncing = reg.clone();
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        match index.rebuild(syncing.store()).await {
            Ok(n) => tracing::info!(entries = n, ms = started.elapsed().as_millis() as u64, "search index built"),
            Err(e) => tracing::error!(error = %e, "search index not built; searches find nothing until the next start"),
        }
        // Writes recorded while the index was built (this server's own
        // included) are in the store but not in the new index: index them
        // before searches are answered.
        let mut mark = mark;
        match syncing.sync_search(mark.as_deref()).await {
            Ok(m) => mark = m,
            Err(e) => tracing::warn!(error = %e, "search sync failed; retrying"),
        }
        index.mark_ready();
        let mut tick = tokio::time::interval(SYNC_EVERY);
        tick.tick().await;
        loop {
            tick.tick().await;
            match syncing.sync_search(mark.as_deref()).await {
                Ok(m) => mark = m,
                Err(e) => tracing::warn!(error = %e, "search sync failed; retrying"),
            }
        }
    });
    reg
}
