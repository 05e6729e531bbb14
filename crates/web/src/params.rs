//! Request parameters, parsed once for the API and the pages alike.
//!
//! Each route's query string deserializes into a struct of optional strings
//! (so that deserializing never fails on a value), then `resolve` turns it
//! into registry terms, with an [`Error::Parameter`] naming the parameter
//! when a value is malformed or names nothing known. Blank values count as
//! absent: a GET form sends every field, filled in or not. Names resolve
//! through the registry: aliases, case, accents, other languages.

use std::ops::RangeInclusive;

use citynets_model::{Body, City, FactKind, Network, PartialDate, Status};
use citynets_registry::Registry;
use citynets_registry::queries::{MembersPage, MembersQuery, parse_date};
use citynets_registry::store::{CityQuery, FactQuery};
use serde::Deserialize;

use crate::error::{Error, Result};

/// A parameter's value: `None` when absent or blank.
pub fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A date parameter: `2014`, `2017-11`, `2013-09-18`.
pub fn date(name: &str, v: &Option<String>) -> Result<Option<PartialDate>> {
    Ok(given(v).map(|s| parse_date(name, s)).transpose()?)
}

/// An integer parameter within `range`.
pub fn integer(name: &str, v: &Option<String>, range: RangeInclusive<i64>) -> Result<Option<i64>> {
    let Some(s) = given(v) else { return Ok(None) };
    match s.parse::<i64>() {
        Ok(n) if range.contains(&n) => Ok(Some(n)),
        _ => Err(Error::parameter(name, format!("'{s}' is not a whole number from {} to {}", range.start(), range.end()))),
    }
}

/// A moment in transaction time: an RFC 3339 timestamp
/// (`2025-03-01T10:00:00Z`), or a date meaning the end of that day (UTC).
/// Returned in the store's format, so that it compares with `recorded_at`.
pub fn known_on(v: &Option<String>) -> Result<Option<String>> {
    let Some(s) = given(v) else { return Ok(None) };
    let bad = || Error::parameter("known_on", format!("'{s}' is not a date (2025-03-01) or an RFC 3339 timestamp (2025-03-01T10:00:00Z)"));
    let ts = match s.parse::<jiff::Timestamp>() {
        Ok(ts) => ts,
        Err(_) => {
            let day: jiff::civil::Date = s.parse().map_err(|_| bad())?;
            day.at(23, 59, 59, 999_999_999).to_zoned(jiff::tz::TimeZone::UTC).map_err(|_| bad())?.timestamp()
        }
    };
    Ok(Some(format!("{ts:.6}")))
}

/// One or more fact kinds, separated by commas.
pub fn kinds(v: &Option<String>) -> Result<Vec<FactKind>> {
    let Some(s) = given(v) else { return Ok(Vec::new()) };
    s.split(',')
        .map(|k| k.parse::<FactKind>().map_err(|e| Error::parameter("kind", e.to_string())))
        .collect()
}

pub fn status(v: &Option<String>) -> Result<Option<Status>> {
    given(v).map(|s| s.parse::<Status>().map_err(|e| Error::parameter("status", e.to_string()))).transpose()
}

pub async fn network(reg: &Registry, v: &Option<String>) -> Result<Option<Network>> {
    match given(v) {
        Some(n) => Ok(Some(reg.network_param(n).await?)),
        None => Ok(None),
    }
}

pub async fn city(reg: &Registry, name: &str, v: &Option<String>) -> Result<Option<City>> {
    match given(v) {
        Some(c) => Ok(Some(reg.city_param(c, name).await?)),
        None => Ok(None),
    }
}

pub fn country(reg: &Registry, v: &Option<String>) -> Result<Option<String>> {
    Ok(given(v).map(|c| reg.country_param(c)).transpose()?)
}

pub async fn organ(reg: &Registry, v: &Option<String>) -> Result<Option<(Network, Option<Body>)>> {
    match given(v) {
        Some(o) => Ok(Some(reg.organ_param(o).await?)),
        None => Ok(None),
    }
}

/// A body or field of `network`, or, with no network, a UCCN field named
/// alone ("gastronomia").
pub async fn body(reg: &Registry, network: Option<&Network>, v: &Option<String>) -> Result<Option<(Network, Body)>> {
    let Some(f) = given(v) else { return Ok(None) };
    let network = match network {
        Some(n) => n.clone(),
        None if reg.gazetteer().field_named(f).is_some() => reg.network_param("uccn").await?,
        None => return Err(Error::parameter("field", format!("'{f}' is no UCCN field; give the network it is a body of"))),
    };
    let body = reg.body_param(&network, f, "field")?;
    Ok(Some((network, body)))
}

/// Which page of a listing: `limit` and `offset`, or `page` (from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    pub limit: i64,
    pub offset: i64,
}

impl Paging {
    pub fn parse(limit: &Option<String>, offset: &Option<String>, page: &Option<String>, default: i64, max: i64) -> Result<Paging> {
        let limit = integer("limit", limit, 1..=max)?.unwrap_or(default);
        let offset = match (integer("offset", offset, 0..=i64::MAX)?, integer("page", page, 1..=1_000_000)?) {
            (Some(o), _) => o,
            (None, Some(p)) => (p - 1) * limit,
            (None, None) => 0,
        };
        Ok(Paging { limit, offset })
    }

    /// The page number, from 1.
    pub fn page(&self) -> i64 {
        self.offset / self.limit + 1
    }
}

/// The most cities one request lists: enough for a download of the whole
/// directory.
pub const MAX_CITIES: i64 = 100_000;

/// `/cities`: the directory.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CitiesParams {
    pub country: Option<String>,
    pub network: Option<String>,
    pub field: Option<String>,
    pub as_of: Option<String>,
    pub q: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
    pub page: Option<String>,
}

impl CitiesParams {
    pub async fn resolve(&self, reg: &Registry, default_limit: i64) -> Result<(CityQuery, Paging)> {
        let paging = Paging::parse(&self.limit, &self.offset, &self.page, default_limit, MAX_CITIES)?;
        let country = country(reg, &self.country)?;
        let mut network = network(reg, &self.network).await?;
        let body = match body(reg, network.as_ref(), &self.field).await? {
            Some((n, b)) => {
                network = Some(n);
                Some(b.key)
            }
            None => None,
        };
        let query = CityQuery {
            keys: Vec::new(),
            country,
            network: network.map(|n| n.key),
            body,
            as_of: date("as_of", &self.as_of)?,
            name: given(&self.q).map(str::to_string),
            with_facts: true,
            limit: Some(paging.limit),
            offset: Some(paging.offset),
        };
        Ok((query, paging))
    }
}

/// `/networks/{id}/members` and the network page.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MembersParams {
    pub as_of: Option<String>,
    pub field: Option<String>,
    pub country: Option<String>,
    /// Only cities that are not members of this other network.
    pub not_in: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
    pub page: Option<String>,
}

/// The members the API lists when not told how many: a page of the
/// largest networks' thousands.
pub const MEMBERS_PER_PAGE: i64 = 100;
/// The most members one request lists: enough for a download of any
/// network.
pub const MAX_MEMBERS: i64 = 100_000;

/// [`MembersParams`] resolved against a network.
pub struct MembersFilter {
    pub as_of: PartialDate,
    pub body: Option<Body>,
    pub country: Option<String>,
    pub not_in: Option<Network>,
    /// The page the request asked for (or the first).
    pub paging: Paging,
}

impl MembersParams {
    pub async fn resolve(&self, reg: &Registry, network: &Network) -> Result<MembersFilter> {
        let not_in = match given(&self.not_in) {
            Some(v) => Some(reg.network_param(v).await.map_err(|_| Error::parameter("not_in", format!("no network '{v}' (give a key, name or alias: eurocities, UCCN)")))?),
            None => None,
        };
        Ok(MembersFilter {
            as_of: date("as_of", &self.as_of)?.unwrap_or_else(Registry::today),
            body: body(reg, Some(network), &self.field).await?.map(|(_, b)| b),
            country: country(reg, &self.country)?,
            not_in,
            paging: Paging::parse(&self.limit, &self.offset, &self.page, MEMBERS_PER_PAGE, MAX_MEMBERS)?,
        })
    }
}

impl MembersFilter {
    /// The members of `network` this filter lets through: the page it asked
    /// for when `paged`, all of them otherwise; and how many in all.
    pub async fn members(&self, reg: &Registry, network: &Network, paged: bool) -> Result<MembersPage> {
        let q = MembersQuery {
            as_of: Some(self.as_of),
            body: self.body.as_ref(),
            country: self.country.as_deref(),
            not_in: self.not_in.as_ref(),
            page: paged.then_some((self.paging.limit as usize, self.paging.offset as usize)),
        };
        Ok(reg.members_page(network, &q).await?)
    }
}

/// `/countries`: countries by number of memberships.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CountriesParams {
    pub network: Option<String>,
    pub as_of: Option<String>,
}

impl CountriesParams {
    /// The network (all when `None`) and the date (today when not given).
    pub async fn resolve(&self, reg: &Registry) -> Result<(Option<Network>, PartialDate)> {
        let network = match given(&self.network) {
            Some(v) => Some(reg.network_param(v).await?),
            None => None,
        };
        Ok((network, date("as_of", &self.as_of)?.unwrap_or_else(Registry::today)))
    }
}

/// `/roles`: who held what when.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RolesParams {
    pub organ: Option<String>,
    pub holder: Option<String>,
    pub as_of: Option<String>,
}

pub struct RolesFilter {
    pub organ: Option<(Network, Option<Body>)>,
    pub holder: Option<String>,
    pub as_of: Option<PartialDate>,
}

impl RolesParams {
    pub async fn resolve(&self, reg: &Registry) -> Result<RolesFilter> {
        Ok(RolesFilter {
            organ: organ(reg, &self.organ).await?,
            holder: given(&self.holder).map(str::to_string),
            as_of: date("as_of", &self.as_of)?,
        })
    }
}

/// `/conflicts`: holders of a one-seat role whose terms overlap.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConflictsParams {
    pub network: Option<String>,
}

/// `/events`: meetings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct EventsParams {
    pub network: Option<String>,
    pub host: Option<String>,
    pub year: Option<String>,
}

pub struct EventsFilter {
    pub network: Option<Network>,
    pub host: Option<City>,
    pub year: Option<i32>,
}

impl EventsParams {
    pub async fn resolve(&self, reg: &Registry) -> Result<EventsFilter> {
        Ok(EventsFilter {
            network: network(reg, &self.network).await?,
            host: city(reg, "host", &self.host).await?,
            year: integer("year", &self.year, 1..=9999)?.map(|y| y as i32),
        })
    }
}

/// `/twinnings`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct TwinningsParams {
    pub city: Option<String>,
    pub limit: Option<String>,
}

impl TwinningsParams {
    pub async fn resolve(&self, reg: &Registry) -> Result<(Option<City>, i64)> {
        let city = city(reg, "city", &self.city).await?;
        let limit = integer("limit", &self.limit, 1..=100_000)?.unwrap_or(1000);
        Ok((city, limit))
    }
}

/// `/gaps`: bodies or fields of a network with no member from a country.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GapsParams {
    pub network: Option<String>,
    pub country: Option<String>,
    pub as_of: Option<String>,
}

pub struct GapsFilter {
    pub network: Network,
    pub country: String,
    pub as_of: PartialDate,
}

impl GapsParams {
    /// Whether the form was left empty (the page then shows only the form).
    pub fn is_empty(&self) -> bool {
        given(&self.network).is_none() && given(&self.country).is_none()
    }

    pub async fn resolve(&self, reg: &Registry) -> Result<GapsFilter> {
        let required = |name: &str| Error::parameter(name, "required");
        Ok(GapsFilter {
            network: network(reg, &self.network).await?.ok_or_else(|| required("network"))?,
            country: country(reg, &self.country)?.ok_or_else(|| required("country"))?,
            as_of: date("as_of", &self.as_of)?.unwrap_or_else(Registry::today),
        })
    }
}

/// `/facts`: any facts, by what they are about.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct FactsParams {
    pub kind: Option<String>,
    pub city: Option<String>,
    pub network: Option<String>,
    pub organ: Option<String>,
    pub source: Option<String>,
    pub status: Option<String>,
    pub as_of: Option<String>,
    pub known_on: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
    pub page: Option<String>,
}

impl FactsParams {
    pub async fn resolve(&self, reg: &Registry, default_limit: i64) -> Result<(FactQuery, Paging)> {
        let paging = Paging::parse(&self.limit, &self.offset, &self.page, default_limit, 10_000)?;
        let mut network = network(reg, &self.network).await?.map(|n| n.key);
        let mut body = None;
        if let Some((n, b)) = organ(reg, &self.organ).await? {
            if network.as_ref().is_some_and(|k| *k != n.key) {
                return Err(Error::parameter("organ", format!("'{}' is not an organ of the network given", n.name)));
            }
            network = Some(n.key);
            body = b.map(|b| b.key);
        }
        let document = match given(&self.source) {
            Some(key) if reg.store().document(key).await.map_err(Error::from)?.is_none() => {
                return Err(Error::parameter("source", format!("no document '{key}'")));
            }
            s => s.map(str::to_string),
        };
        let query = FactQuery {
            kinds: kinds(&self.kind)?,
            city: city(reg, "city", &self.city).await?.map(|c| c.key),
            network,
            body,
            document,
            status: status(&self.status)?,
            as_of: date("as_of", &self.as_of)?,
            known_on: known_on(&self.known_on)?,
            limit: Some(paging.limit),
            offset: Some(paging.offset),
            ..Default::default()
        };
        Ok((query, paging))
    }
}

/// `/export`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExportParams {
    pub format: Option<String>,
}

impl ExportParams {
    pub fn resolve(&self) -> Result<citynets_registry::exchange::Format> {
        use citynets_registry::exchange::Format;
        match given(&self.format).map(str::to_ascii_lowercase).as_deref() {
            None | Some("jsonl") => Ok(Format::Jsonl),
            Some("csv") => Ok(Format::Csv),
            Some(other) => Err(Error::parameter("format", format!("'{other}' is not a format: expected jsonl or csv"))),
        }
    }
}

/// The history of a city: a page of its changes, most recent first.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct HistoryParams {
    pub limit: Option<String>,
    pub offset: Option<String>,
    pub page: Option<String>,
}

impl HistoryParams {
    pub fn resolve(&self) -> Result<Paging> {
        Paging::parse(&self.limit, &self.offset, &self.page, 100, 10_000)
    }
}

/// `/review`: the review queue.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReviewParams {
    pub document: Option<String>,
    pub limit: Option<String>,
}

impl ReviewParams {
    /// The document (which must exist) and the page size.
    pub async fn resolve(&self, reg: &Registry) -> Result<(Option<String>, i64)> {
        let limit = integer("limit", &self.limit, 1..=10_000)?.unwrap_or(100);
        let document = match given(&self.document) {
            Some(key) if reg.store().document(key).await.map_err(Error::from)?.is_none() => {
                return Err(Error::parameter("document", format!("no document '{key}'")));
            }
            d => d.map(str::to_string),
        };
        Ok((document, limit))
    }
}
