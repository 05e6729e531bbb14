//! The audit trail as pages: a city's history of changes, and reverting a
//! change from a fact's page (see `citynets_registry::audit`).

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use citynets_registry::Registry;
use citynets_registry::audit::ChangeEntry;

use super::present::{FactRow, Link, city_href, downloads};
use super::{PageResult, render};
use crate::auth::Caller;
use crate::error::Result;
use crate::extract::{Form, Path, Query, form_field};
use crate::params::HistoryParams;
use crate::views;

/// One recorded change, as a table row.
pub struct ChangeRow {
    pub row: FactRow,
    /// added, reviewed, edited or sourced.
    pub change: &'static str,
    /// The fields it changed, comma-separated.
    pub fields: String,
}

pub fn rows(entries: Vec<ChangeEntry>) -> Vec<ChangeRow> {
    entries
        .into_iter()
        .map(|e| ChangeRow { row: FactRow::new(&e.version), change: e.change.as_str(), fields: e.fields.join(", ") })
        .collect()
}

#[derive(Template)]
#[template(path = "city_history.html")]
struct CityHistoryPage {
    city: Link,
    rows: Vec<ChangeRow>,
    /// Links to the newer and older pages of changes.
    newer: Option<String>,
    older: Option<String>,
    downloads: String,
}

/// `GET /cities/{key}/history`: every change to the facts about a city,
/// most recent first, a page at a time.
pub(super) async fn city(State(reg): State<Registry>, path: Result<Path<String>>, RawQuery(raw): RawQuery, q: Result<Query<HistoryParams>>) -> PageResult {
    let Path(key) = path?;
    let Query(p) = q?;
    let city = views::city(&reg, &key).await?;
    let paging = p.resolve()?;
    let changes = reg.city_history(&city.key, paging.limit + 1, paging.offset).await?;
    let base = format!("{}/history", city_href(&city.key));
    let page_at = |offset: i64| format!("{base}?limit={}&offset={offset}", paging.limit);
    let older = (changes.len() as i64 > paging.limit).then(|| page_at(paging.offset + paging.limit));
    let newer = (paging.offset > 0).then(|| page_at((paging.offset - paging.limit).max(0)));
    let mut rows = rows(changes);
    rows.truncate(paging.limit as usize);
    let api = format!("/api/cities/{}/history", super::encode(&city.key));
    let page = CityHistoryPage {
        city: Link { text: city.name.clone(), href: Some(city_href(&city.key)) },
        rows,
        newer,
        older,
        downloads: downloads(&api, raw.as_deref(), &[("limit", "10000")]),
    };
    render(StatusCode::OK, &page)
}

/// `POST /facts/{id}/revert`: reverts the change that recorded fact `id`,
/// then shows the new version.
pub(super) async fn revert(
    State(reg): State<Registry>,
    caller: Result<Caller>,
    path: Result<Path<String>>,
    form: Result<Form<Vec<(String, String)>>>,
) -> PageResult {
    let Path(id) = path?;
    let id = views::fact_id(&id)?;
    let Form(form) = form?;
    let writer = caller?.form_writer(&reg, &form, &format!("/facts/{id}"))?;
    let comment = form_field(&form, "comment");
    let record = writer.revert(id, comment).await?;
    Ok(Redirect::to(&format!("/facts/{}?done=reverted", record.id)).into_response())
}
