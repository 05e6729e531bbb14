//! Reference data: the places, countries and networks that facts name, with
//! every name they go by, and the rules that turn a name into one of them.
//!
//! The bundled data (`data/` at the repository root) is embedded in the
//! binary at build time, so the product reads no files for it at run time;
//! [`Gazetteer::bundled`] parses it once. [`Gazetteer::from_sources`] parses
//! other text of the same formats (tests use small ones).
//!
//! Resolution rule for a city name: every city that has the name (primary,
//! English or alternate, compared after [`fold`]) is a candidate; a country,
//! when known, filters the candidates; a caller's preference (say, cities
//! already members of the network in question) comes next; then the largest
//! population wins. No candidate is an error that says so: we never guess a
//! city that does not carry the name.

mod catalogue;
mod places;
mod resolve;

use std::collections::HashMap;
use std::sync::OnceLock;

use citynets_model::{fold, Body, City, Country, Field, Name, Network, Role};

pub use catalogue::Term;
pub use resolve::{FactResolveError, Resolved};

/// Which file of the reference data was bad, and where.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{file}, line {line}: {message}")]
    Line { file: &'static str, line: u64, message: String },
    #[error("{file}: {source}")]
    Json { file: &'static str, source: serde_json::Error },
}

/// Why a name did not resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("no city named '{name}'{}", country.as_deref().map(|c| format!(" in {c}")).unwrap_or_default())]
    UnknownCity { name: String, country: Option<String> },
    #[error("no network named '{0}'")]
    UnknownNetwork(String),
    #[error("'{0}' names the same city twice")]
    SameCity(String),
    #[error("no network or body named '{0}' (a body is written after its network: 'EUROCITIES Culture Forum')")]
    UnknownOrgan(String),
}

pub struct Gazetteer {
    cities: Vec<City>,
    city_by_name: HashMap<String, Vec<usize>>,
    city_by_key: HashMap<String, usize>,
    countries: Vec<Country>,
    country_by_name: HashMap<String, usize>,
    networks: Vec<Network>,
    organ_by_name: HashMap<String, (usize, Option<usize>)>,
    fields: Vec<Term<Field>>,
    roles: Vec<Term<Role>>,
}

/// The text of the bundled reference data, embedded at build time.
pub mod bundled {
    pub const CITIES_TSV: &str = include_str!("../../../data/gazetteer/geonames_cities15000_2013.txt");
    pub const EXONYMS_CSV: &str = include_str!("../../../data/gazetteer/exonyms.csv");
    pub const COUNTRIES_CSV: &str = include_str!("../../../data/countries/countries.csv");
    pub const CATALOGUE_JSON: &str = include_str!("../../../data/networks.json");
}

/// The sources [`Gazetteer::from_sources`] reads.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    /// GeoNames `cities15000` rows (tab-separated, no header).
    pub cities_tsv: &'a str,
    /// `geonames_id,name`: the English name where GeoNames has another one.
    pub exonyms_csv: &'a str,
    /// `data/countries/countries.csv`.
    pub countries_csv: &'a str,
    /// `data/networks.json`.
    pub catalogue_json: &'a str,
}

impl Gazetteer {
    /// The bundled reference data, parsed on first use.
    ///
    /// # Panics
    /// If the embedded data does not parse: a build-time defect that the
    /// crate's tests catch.
    pub fn bundled() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            Gazetteer::from_sources(Sources {
                cities_tsv: bundled::CITIES_TSV,
                exonyms_csv: bundled::EXONYMS_CSV,
                countries_csv: bundled::COUNTRIES_CSV,
                catalogue_json: bundled::CATALOGUE_JSON,
            })
            .expect("the bundled reference data parses")
        })
    }

    pub fn from_sources(src: Sources<'_>) -> Result<Gazetteer, GazetteerError> {
        let countries = places::parse_countries(src.countries_csv)?;
        let cities = places::parse_cities(src.cities_tsv, src.exonyms_csv)?;
        let cat = catalogue::parse(src.catalogue_json)?;

        let mut city_by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let mut city_by_key = HashMap::with_capacity(cities.len());
        for (i, c) in cities.iter().enumerate() {
            city_by_key.insert(c.key.clone(), i);
            let mut folded: Vec<String> =
                std::iter::once(&c.name).chain(c.names.iter().map(|n| &n.name)).map(|n| fold(n)).collect();
            folded.sort_unstable();
            folded.dedup();
            for f in folded.into_iter().filter(|f| !f.is_empty()) {
                city_by_name.entry(f).or_default().push(i);
            }
        }
        for v in city_by_name.values_mut() {
            v.sort_by_key(|&i| std::cmp::Reverse(cities[i].population.unwrap_or(0)));
        }

        let mut country_by_name = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            for n in std::iter::once(&c.name).chain(c.names.iter().map(|n| &n.name)) {
                country_by_name.entry(fold(n)).or_insert(i);
            }
            country_by_name.entry(fold(&c.code)).or_insert(i);
        }

        let mut organ_by_name = HashMap::new();
        for (ni, n) in cat.networks.iter().enumerate() {
            let net_names: Vec<&str> =
                std::iter::once(n.name.as_str()).chain(n.aliases.iter().map(|a| a.name.as_str())).collect();
            for nn in &net_names {
                organ_by_name.entry(fold(nn)).or_insert((ni, None));
            }
            for (bi, b) in n.bodies.iter().enumerate() {
                let body_names = std::iter::once(b.name.as_str()).chain(b.aliases.iter().map(|a| a.name.as_str()));
                for bn in body_names {
                    for nn in &net_names {
                        organ_by_name.entry(fold(&format!("{nn} {bn}"))).or_insert((ni, Some(bi)));
                    }
                }
            }
        }

        Ok(Gazetteer {
            cities,
            city_by_name,
            city_by_key,
            countries,
            country_by_name,
            networks: cat.networks,
            organ_by_name,
            fields: cat.fields,
            roles: cat.roles,
        })
    }

    pub fn cities(&self) -> &[City] {
        &self.cities
    }

    pub fn city(&self, key: &str) -> Option<&City> {
        self.city_by_key.get(key).map(|&i| &self.cities[i])
    }

    /// Indexes into [`cities`](Self::cities) of every city that has this
    /// name in any language, largest population first.
    pub fn cities_named(&self, name: &str) -> &[usize] {
        self.city_by_name.get(&fold(name)).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Resolves a city name (see the crate docs for the rule).
    pub fn resolve_city(&self, name: &str, country: Option<&str>) -> Result<&City, ResolveError> {
        self.resolve_city_preferring(name, country, |_| false)
    }

    /// Like [`resolve_city`](Self::resolve_city), preferring candidates for
    /// which `prefer` is true (e.g. cities already in the network at hand).
    pub fn resolve_city_preferring(
        &self,
        name: &str,
        country: Option<&str>,
        prefer: impl Fn(&City) -> bool,
    ) -> Result<&City, ResolveError> {
        let candidates = self
            .cities_named(name)
            .iter()
            .map(|&i| &self.cities[i])
            .filter(|c| country.is_none_or(|cc| c.country.eq_ignore_ascii_case(cc)));
        // Candidates come largest first, so the first preferred one, else
        // the first one, is the answer.
        let mut first = None;
        for c in candidates {
            if prefer(c) {
                return Ok(c);
            }
            first.get_or_insert(c);
        }
        first.ok_or_else(|| ResolveError::UnknownCity { name: name.to_string(), country: country.map(str::to_string) })
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// A country by ISO alpha-2 code or by name in any of its languages.
    pub fn country_named(&self, name: &str) -> Option<&Country> {
        self.country_by_name.get(&fold(name)).map(|&i| &self.countries[i])
    }

    pub fn networks(&self) -> &[Network] {
        &self.networks
    }

    /// A network by key, canonical name or alias.
    pub fn network_named(&self, name: &str) -> Result<&Network, ResolveError> {
        match self.organ_named(name) {
            Ok((n, None)) => Ok(n),
            _ => self
                .networks
                .iter()
                .find(|n| n.key == name)
                .ok_or_else(|| ResolveError::UnknownNetwork(name.to_string())),
        }
    }

    /// An organ: a network, or one of its bodies written after the network's
    /// name ("EUROCITIES Culture Forum", "Eurocities Forum Cultura").
    pub fn organ_named(&self, name: &str) -> Result<(&Network, Option<&Body>), ResolveError> {
        self.organ_by_name
            .get(&fold(name))
            .map(|&(n, b)| {
                let net = &self.networks[n];
                (net, b.map(|b| &net.bodies[b]))
            })
            .ok_or_else(|| ResolveError::UnknownOrgan(name.to_string()))
    }

    pub fn fields(&self) -> &[Term<Field>] {
        &self.fields
    }

    pub fn roles(&self) -> &[Term<Role>] {
        &self.roles
    }

    /// A UCCN field by any of its names in any language.
    pub fn field_named(&self, name: &str) -> Option<Field> {
        catalogue::term_named(&self.fields, name)
    }

    /// A role by any of its names in any language.
    pub fn role_named(&self, name: &str) -> Option<Role> {
        catalogue::term_named(&self.roles, name)
    }
}

/// All names of a city, the English one first, without repeats.
pub fn all_names(city: &City) -> impl Iterator<Item = &str> {
    let mut seen = std::collections::HashSet::new();
    std::iter::once(city.name.as_str())
        .chain(city.names.iter().map(|n: &Name| n.name.as_str()))
        .filter(move |n| seen.insert(fold(n)))
}

#[cfg(test)]
mod tests;
