//! The registry's questions, shared by the API, the pages and the CLI.
//!
//! Parameters arrive as people write them ("eurocities", "Torino",
//! "gastronomia", "EUROCITIES Culture Forum") and are resolved here; a name
//! that resolves to nothing is an [`RegistryError::Input`] naming the
//! parameter. Registry views read current, accepted facts.

use std::collections::{BTreeMap, BTreeSet};

use citynets_model::{Body, BodyKind, City, FactKind, FactRecord, Field, Network, PartialDate, Status};
use citynets_store::{CityQuery, FactQuery};

use crate::seats::{self, Conflict, RoleTerm, Standing};
use crate::{Registry, RegistryError, Result};

/// How many documents [`Registry::latest_from_texts`] looks at, at most:
/// it reads each one's text to tell a text from a dataset.
pub const LATEST_DOCUMENTS_READ: usize = 50;

fn param(name: &str, message: impl Into<String>) -> RegistryError {
    RegistryError::input("parameter", name, message)
}

/// A date parameter: `2014`, `2017-11`, `2013-09-18`.
pub fn parse_date(name: &str, v: &str) -> Result<PartialDate> {
    v.parse().map_err(|e: citynets_model::DateError| param(name, e.to_string()))
}

/// A network, its members as of a date, and what they hold.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Member {
    pub city: City,
    /// The memberships and designations that make the city a member.
    pub facts: Vec<FactRecord>,
}

/// Which members of a network to read: [`Registry::members_page`].
#[derive(Clone, Copy, Debug, Default)]
pub struct MembersQuery<'a> {
    /// Today when `None`.
    pub as_of: Option<PartialDate>,
    /// Members in this body or field only.
    pub body: Option<&'a Body>,
    /// Members from this country (ISO alpha-2) only.
    pub country: Option<&'a str>,
    /// Only cities that are not members of this other network (in any of
    /// its bodies) as of the same date: "cities of the UCCN that are not in
    /// EUROCITIES".
    pub not_in: Option<&'a Network>,
    /// `(limit, offset)`: a page of the members; all when `None`.
    pub page: Option<(usize, usize)>,
}

/// A page of a network's members, and how many there are in all.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MembersPage {
    pub total: usize,
    pub members: Vec<Member>,
}

/// A country's share of a network's (or every network's) membership.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CountryCount {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name: String,
    /// Member cities from the country.
    pub cities: usize,
    /// Memberships and designations: a city counts once per network and
    /// body or field it belongs to.
    pub memberships: usize,
    /// The networks with a member from the country, by key.
    pub networks: Vec<String>,
}

/// A network's member cities in each year, counted from stated years only.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct MembersPerYear {
    /// Cities per (year, field), or per (year, "member") for a plain
    /// membership: a city counts in every year its stated valid time may
    /// hold, once per field.
    pub counts: BTreeMap<(i32, String), u32>,
    /// Member cities none of whose memberships or designations states
    /// when it began: not counted in any year.
    pub without_year: usize,
    /// Member cities on record, at any time.
    pub members: usize,
    /// Member cities with a source for their membership or designation.
    pub with_sources: usize,
}

/// A body or field of a network with no member from a country.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Gap {
    pub body: Body,
    /// The organ name: "UNESCO Creative Cities Network Media Arts".
    pub organ: String,
}

impl Registry {
    /// A network by key, name or alias in any language.
    pub async fn network_param(&self, v: &str) -> Result<Network> {
        let key = match self.gazetteer.network_named(v) {
            Ok(n) => n.key.clone(),
            Err(e) => return Err(param("network", e.to_string())),
        };
        self.store.network(&key).await?.ok_or_else(|| param("network", format!("network '{v}' is not in the registry")))
    }

    /// A body of `network` by key or name (a UCCN field in any language:
    /// "gastronomia" is Gastronomy).
    pub fn body_param(&self, network: &Network, v: &str, name: &str) -> Result<Body> {
        let folded = citynets_model::fold(v);
        let by_field = self.gazetteer.field_named(v).map(|f| f.as_str().to_string());
        network
            .bodies
            .iter()
            .find(|b| {
                b.key == v
                    || citynets_model::fold(&b.name) == folded
                    || b.aliases.iter().any(|a| citynets_model::fold(&a.name) == folded)
                    || (b.kind == BodyKind::Field && by_field.as_deref() == Some(b.name.as_str()))
            })
            .cloned()
            .ok_or_else(|| {
                let names: Vec<&str> = network.bodies.iter().map(|b| b.name.as_str()).collect();
                param(name, format!("{} has no body or field '{v}'; it has: {}", network.name, names.join(", ")))
            })
    }

    /// An organ: a network, or a body written after its network's name.
    pub async fn organ_param(&self, v: &str) -> Result<(Network, Option<Body>)> {
        let (n, b) = self.gazetteer.organ_named(v).map_err(|e| param("organ", e.to_string()))?;
        let key = n.key.clone();
        let body_key = b.map(|b| b.key.clone());
        let net = self.store.network(&key).await?.ok_or_else(|| param("organ", format!("'{v}' is not in the registry")))?;
        let body = body_key.and_then(|k| net.bodies.iter().find(|b| b.key == k).cloned());
        Ok((net, body))
    }

    /// A city by key or any of its names.
    pub async fn city_param(&self, v: &str, name: &str) -> Result<City> {
        self.find_city(v).await?.ok_or_else(|| param(name, format!("no city named '{v}'")))
    }

    /// A country by ISO code or name in any of its languages.
    pub fn country_param(&self, v: &str) -> Result<String> {
        self.gazetteer
            .country_named(v)
            .map(|c| c.code.clone())
            .ok_or_else(|| param("country", format!("no country '{v}' (give an ISO code such as IT, or a name)")))
    }

    /// Members of a network as of a date (today when `None`), optionally in
    /// one body or field and from one country, in the order of their city
    /// keys (which spell the names in ASCII: Évora is among the E).
    pub async fn members(&self, network: &Network, as_of: Option<PartialDate>, body: Option<&Body>, country: Option<&str>) -> Result<Vec<Member>> {
        let q = MembersQuery { as_of, body, country, ..Default::default() };
        Ok(self.members_page(network, &q).await?.members)
    }

    /// The members `q` asks for: a page of them when it says so, and how
    /// many there are in all. The member cities are found from an index
    /// alone and paged; only the page's facts, sources and cities are read,
    /// so that a page of a network of thousands costs what a small network
    /// costs.
    pub async fn members_page(&self, network: &Network, q: &MembersQuery<'_>) -> Result<MembersPage> {
        let as_of = q.as_of.unwrap_or_else(Registry::today);
        let facts = |network: &Network| FactQuery {
            kinds: vec![FactKind::Membership, FactKind::Designation],
            network: Some(network.key.clone()),
            body: q.body.map(|b| b.key.clone()),
            country: q.country.map(str::to_string),
            status: Some(Status::Accepted),
            as_of: Some(as_of),
            ..Default::default()
        };
        // Every member, read at once; or the member cities first, to page
        // them or take out another network's.
        let mut read = facts(network);
        let total = if q.page.is_some() || q.not_in.is_some() {
            let mut keys = self.store.fact_cities(&read).await?;
            if let Some(other) = q.not_in {
                let theirs: BTreeSet<String> =
                    self.store.fact_cities(&FactQuery { body: None, country: None, ..facts(other) }).await?.into_iter().collect();
                keys.retain(|k| !theirs.contains(k));
            }
            let total = keys.len();
            if let Some((limit, offset)) = q.page {
                keys = keys.into_iter().skip(offset).take(limit).collect();
            }
            if keys.is_empty() {
                return Ok(MembersPage { total, members: Vec::new() });
            }
            read.cities = keys;
            Some(total)
        } else {
            None
        };
        // The facts come with their cities, in valid-time order: grouped by
        // city here, in key order.
        let mut by_city: BTreeMap<String, Member> = BTreeMap::new();
        for (fact, city) in self.store.facts_with_cities(&read).await? {
            match by_city.get_mut(&city.key) {
                Some(m) => m.facts.push(fact),
                None => {
                    by_city.insert(city.key.clone(), Member { city, facts: vec![fact] });
                }
            }
        }
        Ok(MembersPage { total: total.unwrap_or(by_city.len()), members: by_city.into_values().collect() })
    }

    /// Member cities per year (the last 60 years at most, to this one), from
    /// the years the sources state: the date of a source that states no
    /// start says nothing of when a city joined.
    pub async fn members_per_year(&self, network: &Network) -> Result<MembersPerYear> {
        let q = FactQuery {
            kinds: vec![FactKind::Membership, FactKind::Designation],
            network: Some(network.key.clone()),
            status: Some(Status::Accepted),
            ..Default::default()
        };
        let facts = self.store.facts(&q).await?;
        let dated: BTreeSet<&Option<String>> = facts.iter().filter(|f| f.fact.valid_time().start.is_some()).map(|f| &f.refs.city).collect();
        let undated: BTreeSet<&Option<String>> = facts.iter().map(|f| &f.refs.city).filter(|c| !dated.contains(c)).collect();
        let all: BTreeSet<&Option<String>> = facts.iter().map(|f| &f.refs.city).collect();
        let sourced: BTreeSet<&Option<String>> = facts.iter().filter(|f| !f.sources.is_empty()).map(|f| &f.refs.city).collect();
        let mut out = MembersPerYear { without_year: undated.len(), members: all.len(), with_sources: sourced.len(), ..Default::default() };
        let today = Registry::today().year_value();
        let Some(first) = facts.iter().filter_map(|f| f.fact.valid_time().start).map(|d| d.year_value()).min() else { return Ok(out) };
        for year in first.max(today - 60)..=today {
            let y = PartialDate::year(year).expect("a year");
            let mut seen = BTreeSet::new();
            for f in facts.iter().filter(|f| f.fact.valid_time().start.is_some() && f.fact.valid_time().holds_at(y, None)) {
                let category = match &f.fact {
                    citynets_model::Fact::Designation { field: Some(field), .. } => field.to_string(),
                    _ => "member".to_string(),
                };
                // A city counts once per category and year, whatever its sources.
                if seen.insert((&f.refs.city, category.clone())) {
                    *out.counts.entry((year, category)).or_default() += 1;
                }
            }
        }
        Ok(out)
    }

    /// The cities with these keys: none for no keys (to the store, an empty
    /// key list is no filter at all).
    pub async fn cities_with_keys(&self, keys: Vec<String>) -> Result<Vec<City>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self.store.cities(&CityQuery { keys, ..Default::default() }).await?)
    }

    /// Countries by the number of memberships their cities hold, in one
    /// network or in all, as of a date (today when `None`); most first.
    pub async fn countries_by_memberships(&self, network: Option<&Network>, as_of: Option<PartialDate>) -> Result<Vec<CountryCount>> {
        let networks = match network {
            Some(n) => vec![n.clone()],
            None => self.store.networks().await?,
        };
        // Per country: cities, (city, network, body) memberships, networks.
        type Tally = (BTreeSet<String>, BTreeSet<(String, String, Option<String>)>, BTreeSet<String>);
        let mut by_country: BTreeMap<String, Tally> = BTreeMap::new();
        for net in &networks {
            for m in self.members(net, as_of, None, None).await? {
                let t = by_country.entry(m.city.country.clone()).or_default();
                t.0.insert(m.city.key.clone());
                for f in &m.facts {
                    t.1.insert((m.city.key.clone(), net.key.clone(), f.refs.body.clone()));
                }
                t.2.insert(net.key.clone());
            }
        }
        let mut out: Vec<CountryCount> = by_country
            .into_iter()
            .map(|(code, (cities, memberships, networks))| CountryCount {
                name: self.gazetteer.country_named(&code).map_or_else(|| code.clone(), |c| c.name.clone()),
                code,
                cities: cities.len(),
                memberships: memberships.len(),
                networks: networks.into_iter().collect(),
            })
            .collect();
        out.sort_by(|a, b| b.memberships.cmp(&a.memberships).then(b.cities.cmp(&a.cities)).then(a.name.cmp(&b.name)));
        Ok(out)
    }

    /// Roles in an organ (or every organ of a network), optionally held by
    /// one city or person, as of a date (every term when `None`). A term of
    /// a one-seat role comes with what the seat's other terms say of it
    /// ([`crate::seats`]): as of a date, a term ended by succession or
    /// undated is still listed, and says so.
    pub async fn roles(&self, organ: Option<(&Network, Option<&Body>)>, holder: Option<&str>, as_of: Option<PartialDate>) -> Result<Vec<RoleTerm>> {
        let mut q = FactQuery { kinds: vec![FactKind::Role], status: Some(Status::Accepted), ..Default::default() };
        if let Some((n, b)) = organ {
            q.network = Some(n.key.clone());
            q.body = b.map(|b| b.key.clone());
        }
        let (city, person) = match holder {
            Some(h) => match self.find_city(h).await? {
                Some(c) => (Some(c.key), None),
                None => (None, Some(citynets_model::fold(h))),
            },
            None => (None, None),
        };
        let mut facts = self.store.facts(&q).await?;
        if let Some((_, None)) = organ {
            // A network named alone means its own offices, not its bodies'.
            facts.retain(|f| f.refs.body.is_none());
        }
        // The seat reads every term of the organ; the holder and the date
        // choose among them after.
        let (mut terms, _) = seats::read(self.gazetteer, facts, as_of.unwrap_or_else(Registry::today));
        if let Some(c) = city {
            terms.retain(|t| t.record.refs.city.as_deref() == Some(c.as_str()));
        }
        if let Some(p) = person {
            terms.retain(|t| matches!(&t.record.fact, citynets_model::Fact::Role { holder, .. } if citynets_model::fold(holder) == p));
        }
        if as_of.is_some() {
            terms.retain(|t| t.standing != Standing::Outside);
        }
        Ok(terms)
    }

    /// Every term of every role in a network and its bodies, standing as
    /// of today.
    pub async fn governance(&self, network: &Network) -> Result<Vec<RoleTerm>> {
        let q = FactQuery { kinds: vec![FactKind::Role], network: Some(network.key.clone()), status: Some(Status::Accepted), ..Default::default() };
        Ok(seats::read(self.gazetteer, self.store.facts(&q).await?, Registry::today()).0)
    }

    /// The terms of these role facts (a city's, say; other facts are
    /// passed over), each with what the other terms of its seat say of it,
    /// standing as of today, in the order given.
    pub async fn terms_of(&self, records: &[FactRecord]) -> Result<Vec<RoleTerm>> {
        let roles: Vec<&FactRecord> = records.iter().filter(|r| r.fact.kind() == FactKind::Role).collect();
        let organs: BTreeSet<(&String, Option<&String>)> = roles.iter().filter_map(|r| Some((r.refs.network.as_ref()?, r.refs.body.as_ref()))).collect();
        let mut read: BTreeMap<i64, RoleTerm> = BTreeMap::new();
        for (network, body) in organs {
            let q = FactQuery {
                kinds: vec![FactKind::Role],
                network: Some(network.clone()),
                body: body.cloned(),
                status: Some(Status::Accepted),
                ..Default::default()
            };
            let mut facts = self.store.facts(&q).await?;
            // No body asked means none: the network's own offices.
            facts.retain(|f| f.refs.body.as_ref() == body);
            read.extend(seats::read(self.gazetteer, facts, Registry::today()).0.into_iter().map(|t| (t.record.id, t)));
        }
        Ok(roles.into_iter().filter_map(|r| read.remove(&r.id)).collect())
    }

    /// Holders of a one-seat role whose stated terms surely overlap, in one
    /// network or in all.
    pub async fn conflicts(&self, network: Option<&Network>) -> Result<Vec<Conflict>> {
        let q = FactQuery { kinds: vec![FactKind::Role], network: network.map(|n| n.key.clone()), status: Some(Status::Accepted), ..Default::default() };
        Ok(seats::read(self.gazetteer, self.store.facts(&q).await?, Registry::today()).1)
    }

    /// Meetings of a network (all networks when `None`), optionally hosted
    /// by a city, in a year.
    pub async fn events(&self, network: Option<&Network>, host: Option<&City>, year: Option<i32>) -> Result<Vec<FactRecord>> {
        let as_of = year.map(PartialDate::year).transpose().map_err(|e| param("year", e.to_string()))?;
        let q = FactQuery {
            kinds: vec![FactKind::Event],
            network: network.map(|n| n.key.clone()),
            city: host.map(|c| c.key.clone()),
            status: Some(Status::Accepted),
            as_of,
            ..Default::default()
        };
        self.store.facts(&q).await.map_err(Into::into)
    }

    /// Twinnings of a city (all when `None`).
    pub async fn twinnings(&self, city: Option<&City>, limit: Option<i64>) -> Result<Vec<FactRecord>> {
        let q = FactQuery {
            kinds: vec![FactKind::Twinning],
            city: city.map(|c| c.key.clone()),
            status: Some(Status::Accepted),
            limit,
            ..Default::default()
        };
        self.store.facts(&q).await.map_err(Into::into)
    }

    /// Bodies and fields of a network with no member from `country` as of a
    /// date (today when `None`). A city is in a field by designation, in a
    /// body by any role in it.
    pub async fn gaps(&self, network: &Network, country: &str, as_of: Option<PartialDate>) -> Result<Vec<Gap>> {
        let q = FactQuery {
            kinds: vec![FactKind::Designation, FactKind::Role, FactKind::Membership],
            network: Some(network.key.clone()),
            country: Some(country.to_string()),
            status: Some(Status::Accepted),
            as_of: Some(as_of.unwrap_or_else(Registry::today)),
            ..Default::default()
        };
        let covered: BTreeSet<String> = self.store.facts(&q).await?.into_iter().filter_map(|f| f.refs.body).collect();
        let as_of = q.as_of.expect("set above");
        // A field added later (Architecture, 2025) was no gap before.
        let existed = |b: &&Body| {
            b.kind != BodyKind::Field
                || b.name.parse::<Field>().ok().and_then(Field::introduced).is_none_or(|since| since.first_day() <= as_of.last_day())
        };
        Ok(network
            .bodies
            .iter()
            .filter(existed)
            .filter(|b| !covered.contains(&b.key))
            .map(|b| Gap { organ: network.organ_name(b), body: b.clone() })
            .collect())
    }

    /// Every current accepted fact about a city, in time order.
    pub async fn timeline(&self, city: &City) -> Result<Vec<FactRecord>> {
        let q = FactQuery { city: Some(city.key.clone()), status: Some(Status::Accepted), ..Default::default() };
        self.store.facts(&q).await.map_err(Into::into)
    }

    /// Cities for the directory.
    pub async fn directory(&self, q: &CityQuery) -> Result<Vec<City>> {
        self.store.cities(q).await.map_err(Into::into)
    }

    /// Up to `n` accepted facts read from texts (documents whose text the
    /// registry keeps, not datasets): the most recently published texts
    /// first, and each text's facts the most recently recorded first. At
    /// most [`LATEST_DOCUMENTS_READ`] documents are looked at.
    pub async fn latest_from_texts(&self, n: usize) -> Result<Vec<FactRecord>> {
        let mut documents = self.store.documents().await?;
        documents.sort_by_key(|d| std::cmp::Reverse(d.published.map(PartialDate::first_day)));
        let mut out: Vec<FactRecord> = Vec::new();
        for d in documents.into_iter().take(LATEST_DOCUMENTS_READ) {
            if out.len() >= n {
                break;
            }
            let text = self.store.document(&d.key).await?.and_then(|d| d.text);
            if text.is_none_or(|t| t.trim().is_empty()) {
                continue;
            }
            let q = FactQuery {
                document: Some(d.key),
                status: Some(Status::Accepted),
                newest_first: true,
                limit: Some((n - out.len()) as i64),
                ..Default::default()
            };
            for f in self.store.facts(&q).await? {
                if !out.iter().any(|o| o.id == f.id) {
                    out.push(f);
                }
            }
        }
        Ok(out)
    }

    /// The accepted memberships and designations behind a directory
    /// query: of its network (and body), country and date, of any city
    /// (`keys`, `name` and paging are the caller's to apply).
    pub async fn directory_memberships(&self, q: &CityQuery) -> Result<Vec<FactRecord>> {
        let read = FactQuery {
            kinds: vec![FactKind::Membership, FactKind::Designation],
            network: q.network.clone(),
            body: q.body.clone(),
            country: q.country.clone(),
            status: Some(Status::Accepted),
            as_of: q.as_of,
            ..Default::default()
        };
        self.store.facts(&read).await.map_err(Into::into)
    }
}
