//! Reference data: the places, countries and networks that facts name, with
//! every name they go by, and the rules that turn a name into one of them.
//!
//! The bundled data (`data/` at the repository root) is embedded in the
//! binary at build time, so the product reads no files for it at run time;
//! [`Gazetteer::bundled`] parses it once. [`Gazetteer::from_sources`] parses
//! other text of the same formats (tests use small ones).
//!
//! The places are GeoNames' `cities500` (every place of 500 people or more,
//! with its region and its names in every language), the countries come in
//! five languages, and the network catalogue is curated.
//!
//! Resolution rule for a city name: every place that has the name (primary,
//! English or alternate, compared after [`fold`]) is a candidate; a country,
//! and a region or country written after the name ("Córdoba, Andalusia"),
//! filter the candidates; a caller's preference (say, cities already
//! members of the network in question) comes next; then size, but only
//! when one candidate is far larger than every other. A name that is still
//! ambiguous is an error that lists its candidates; a name no place has is
//! an error that says whether it is a region's or a country's. We never
//! guess.

mod catalogue;
mod places;
mod resolve;

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Read;
use std::sync::OnceLock;

use citynets_model::{fold, Body, City, Country, Field, Name, Network, Role};

pub use catalogue::Term;
pub use places::Place;
pub use resolve::{FactResolveError, Resolved};

/// Which file of the reference data was bad, and where.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{file}, line {line}: {message}")]
    Line { file: &'static str, line: u64, message: String },
    #[error("{file}: {source}")]
    Json { file: &'static str, source: serde_json::Error },
    #[error("{file}: {message}")]
    File { file: &'static str, message: String },
}

/// Why a name did not resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("no city named '{name}'{}", country.as_deref().map(|c| format!(" in {c}")).unwrap_or_default())]
    UnknownCity { name: String, country: Option<String> },
    /// Several places carry the name and nothing decides between them.
    #[error("'{name}' is ambiguous: {}; give the country or region", candidates.join("; "))]
    Ambiguous { name: String, candidates: Vec<String> },
    /// The name is a region's or a country's, not a city's.
    #[error("'{name}' is {what}, not a city")]
    NotACity { name: String, what: String },
    #[error("no network named '{0}'")]
    UnknownNetwork(String),
    #[error("'{0}' names the same city twice")]
    SameCity(String),
    #[error("no network or body named '{0}' (a body is written after its network: 'EUROCITIES Culture Forum')")]
    UnknownOrgan(String),
}

/// A first-level division of a country (GeoNames' admin1): a region,
/// state or province.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub name: String,
}

/// Folded names (or keys) hashed, each with the index of the place that
/// carries it, sorted by hash: an index of a quarter of a million places
/// in a few bytes a name.
struct HashIndex(Vec<(u64, u32)>);

pub(crate) fn hash_of(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

impl HashIndex {
    fn get(&self, s: &str) -> impl Iterator<Item = usize> + '_ {
        let h = hash_of(s);
        let from = self.0.partition_point(|&(k, _)| k < h);
        self.0[from..].iter().take_while(move |&&(k, _)| k == h).map(|&(_, i)| i as usize)
    }
}

pub struct Gazetteer {
    places: places::Places,
    /// Every folded name of every city.
    city_names: HashIndex,
    city_keys: HashIndex,
    regions: Vec<Region>,
    region_by_name: HashMap<String, Vec<usize>>,
    /// Second-level divisions: (country, [`area_core`] of the name).
    areas: std::collections::HashSet<(String, String)>,
    countries: Vec<Country>,
    country_by_name: HashMap<String, usize>,
    networks: Vec<Network>,
    /// The country of each national network (same order as `networks`).
    network_countries: Vec<Option<String>>,
    organ_by_name: HashMap<String, (usize, Option<usize>)>,
    fields: Vec<Term<Field>>,
    roles: Vec<Term<Role>>,
    role_seats: Vec<(Role, u32)>,
    body_seats: Vec<((String, String), u32)>,
    /// Places by cell of a grid of [`CELL_DEGREES`], made on first use.
    grid: OnceLock<HashMap<(i32, i32), Vec<u32>>>,
}

/// The side of a cell of the grid [`Gazetteer::near`] looks places up in.
const CELL_DEGREES: f64 = 0.5;

/// Words of a name that say it is an administrative area, not a city.
const AREA_WORDS: &[&str] = &[
    "county", "district", "raion", "rayon", "municipality", "municipal", "region", "regional", "province", "prefecture",
    "oblast", "okrug", "shire", "borough", "council", "department", "governorate", "voivodeship", "canton", "gmina",
    "powiat", "kreis", "landkreis", "comarca", "arrondissement", "township",
];

/// The text of the bundled reference data, embedded at build time.
pub mod bundled {
    /// `data/gazetteer/places.tsv.gz` (see `data/tools/build_gazetteer.py`).
    pub const PLACES_TSV_GZ: &[u8] = include_bytes!("../../../data/gazetteer/places.tsv.gz");
    pub const REGIONS_TSV: &str = include_str!("../../../data/gazetteer/regions.tsv");
    pub const AREAS_TSV: &str = include_str!("../../../data/gazetteer/areas.tsv");
    pub const EXONYMS_CSV: &str = include_str!("../../../data/gazetteer/exonyms.csv");
    pub const KEYS_CSV: &str = include_str!("../../../data/gazetteer/keys.csv");
    pub const COUNTRIES_CSV: &str = include_str!("../../../data/countries/countries.csv");
    pub const COUNTRY_NAMES_CSV: &str = include_str!("../../../data/countries/common_names.csv");
    pub const CATALOGUE_JSON: &str = include_str!("../../../data/networks.json");
}

/// The sources [`Gazetteer::from_sources`] reads.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    /// Places, a line each: `geonameid, name, country, admin1 code,
    /// latitude, longitude, population, alternate names joined by "|"`
    /// (tab-separated, no header; `data/gazetteer/places.tsv.gz` unpacked).
    pub places_tsv: &'a str,
    /// `country<TAB>admin1 code<TAB>name`.
    pub regions_tsv: &'a str,
    /// `country<TAB>name` of second-level divisions (counties, districts,
    /// municipalities).
    pub areas_tsv: &'a str,
    /// `geonames_id,name`: the English name where GeoNames has another one.
    pub exonyms_csv: &'a str,
    /// `geonames_id,key`: keys an earlier gazetteer gave, kept.
    pub keys_csv: &'a str,
    /// `data/countries/countries.csv`.
    pub countries_csv: &'a str,
    /// `iso_a2,name`: what texts call a country beyond its official names
    /// ("USA", "England").
    pub country_names_csv: &'a str,
    /// `data/networks.json`.
    pub catalogue_json: &'a str,
}

/// Namesakes this close to a larger one are taken for the same place
/// (GeoNames lists some towns twice: the town and its seat).
const SAME_PLACE_KM: f64 = 25.0;

/// A namesake this many times larger than every other is the one meant
/// when nothing else decides (Paris, France over Paris, Texas); closer in
/// size, the name is ambiguous (Córdoba, Spain and Córdoba, Argentina).
const DOMINANT: i64 = 10;

impl Gazetteer {
    /// The bundled reference data, parsed on first use.
    ///
    /// # Panics
    /// If the embedded data does not parse: a build-time defect that the
    /// crate's tests catch.
    pub fn bundled() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let places = unpack(bundled::PLACES_TSV_GZ).expect("the bundled places unpack");
            Gazetteer::from_sources(Sources {
                places_tsv: &places,
                regions_tsv: bundled::REGIONS_TSV,
                areas_tsv: bundled::AREAS_TSV,
                exonyms_csv: bundled::EXONYMS_CSV,
                keys_csv: bundled::KEYS_CSV,
                countries_csv: bundled::COUNTRIES_CSV,
                country_names_csv: bundled::COUNTRY_NAMES_CSV,
                catalogue_json: bundled::CATALOGUE_JSON,
            })
            .expect("the bundled reference data parses")
        })
    }

    pub fn from_sources(src: Sources<'_>) -> Result<Gazetteer, GazetteerError> {
        let mut countries = places::parse_countries(src.countries_csv)?;
        places::add_country_names(&mut countries, src.country_names_csv)?;
        let region_table = places::parse_regions(src.regions_tsv)?;
        let areas = places::parse_areas(src.areas_tsv)?.into_iter().map(|(cc, name)| (cc, area_core(&name))).collect();
        let (places, mut names) = places::parse_places(places::PlaceSources {
            places_tsv: src.places_tsv,
            regions: &region_table,
            exonyms_csv: src.exonyms_csv,
            keys_csv: src.keys_csv,
        })?;
        let cat = catalogue::parse(src.catalogue_json)?;

        names.sort_unstable();
        names.dedup();
        let mut keys: Vec<(u64, u32)> = (0..places.len()).map(|i| (hash_of(places.get(i).key()), i as u32)).collect();
        keys.sort_unstable();

        let mut regions: Vec<Region> =
            region_table.into_iter().map(|((country, _), name)| Region { country, name }).collect();
        regions.sort_by(|a, b| (&a.country, &a.name).cmp(&(&b.country, &b.name)));
        regions.dedup();
        let mut region_by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in regions.iter().enumerate() {
            region_by_name.entry(fold(&r.name)).or_default().push(i);
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
            places,
            city_names: HashIndex(names),
            city_keys: HashIndex(keys),
            regions,
            region_by_name,
            areas,
            countries,
            country_by_name,
            networks: cat.networks,
            network_countries: cat.countries,
            organ_by_name,
            fields: cat.fields,
            roles: cat.roles,
            role_seats: cat.role_seats,
            body_seats: cat.body_seats,
            grid: OnceLock::new(),
        })
    }

    /// How many places the gazetteer has.
    pub fn place_count(&self) -> usize {
        self.places.len()
    }

    /// The place at an index (`0..place_count()`, as [`cities_named`]
    /// gives), read without making a [`City`].
    ///
    /// [`cities_named`]: Self::cities_named
    pub fn place(&self, i: usize) -> Place<'_> {
        self.places.get(i)
    }

    /// Every place, in order of index.
    pub fn places(&self) -> impl Iterator<Item = Place<'_>> {
        (0..self.places.len()).map(|i| self.places.get(i))
    }

    /// The place at an index as a [`City`].
    pub fn city_at(&self, i: usize) -> &City {
        self.places.city(i)
    }

    pub fn city(&self, key: &str) -> Option<&City> {
        self.city_keys.get(key).find(|&i| self.places.get(i).key() == key).map(|i| self.places.city(i))
    }

    /// The place with this GeoNames id.
    pub fn city_by_geonames_id(&self, id: i64) -> Option<&City> {
        self.places.by_geonames_id(id).map(|i| self.places.city(i))
    }

    /// Indexes of every place that has this name in any language,
    /// largest population first.
    pub fn cities_named(&self, name: &str) -> Vec<usize> {
        let mut found: Vec<usize> = self.city_names.get(&fold(name)).collect();
        found.sort_by_key(|&i| (std::cmp::Reverse(self.places.get(i).population().unwrap_or(0)), i));
        found
    }

    /// The places within `km` of a point (latitude, longitude), nearest
    /// first.
    pub fn near(&self, point: (f64, f64), km: f64) -> Vec<Place<'_>> {
        let cell = |lat: f64, lon: f64| ((lat / CELL_DEGREES).floor() as i32, (lon / CELL_DEGREES).floor() as i32);
        let grid = self.grid.get_or_init(|| {
            let mut grid: HashMap<(i32, i32), Vec<u32>> = HashMap::new();
            for (i, p) in self.places().enumerate() {
                let (lat, lon) = p.point();
                grid.entry(cell(lat, lon)).or_default().push(i as u32);
            }
            grid
        });
        // A degree of latitude is 111 km; of longitude, less (more cells).
        let dlat = (km / 111.0 / CELL_DEGREES).ceil() as i32;
        let dlon = (km / (111.0 * point.0.to_radians().cos().max(0.05)) / CELL_DEGREES).ceil() as i32;
        let (clat, clon) = cell(point.0, point.1);
        let mut found: Vec<(f64, Place<'_>)> = Vec::new();
        for a in clat - dlat..=clat + dlat {
            for b in clon - dlon..=clon + dlon {
                for &i in grid.get(&(a, b)).into_iter().flatten() {
                    let p = self.places.get(i as usize);
                    let d = distance_km(point, p.point());
                    if d <= km {
                        found.push((d, p));
                    }
                }
            }
        }
        found.sort_by(|x, y| x.0.total_cmp(&y.0));
        found.into_iter().map(|(_, c)| c).collect()
    }

    /// The regions (first-level divisions) with this name, in any country.
    pub fn regions_named(&self, name: &str) -> impl Iterator<Item = &Region> {
        self.region_by_name.get(&fold(name)).into_iter().flatten().map(|&i| &self.regions[i])
    }

    /// A city as people tell it from its namesakes: "Córdoba, Andalusia, ES".
    pub fn label(city: &City) -> String {
        match &city.region {
            Some(r) if fold(r) != fold(&city.name) => format!("{}, {r}, {}", city.name, city.country),
            _ => format!("{}, {}", city.name, city.country),
        }
    }

    /// Resolves a city name (see the crate docs for the rule).
    pub fn resolve_city(&self, name: &str, country: Option<&str>) -> Result<&City, ResolveError> {
        self.resolve_city_preferring(name, country, |_| false)
    }

    /// Like [`resolve_city`](Self::resolve_city), preferring candidates for
    /// which `prefer` is true (e.g. cities already in the network at hand).
    ///
    /// The name may carry its region or country after a comma or in
    /// brackets ("Córdoba, Andalusia", "Florence (Italy)"), which decides
    /// among namesakes as `country` does.
    pub fn resolve_city_preferring(
        &self,
        name: &str,
        country: Option<&str>,
        prefer: impl Fn(&City) -> bool,
    ) -> Result<&City, ResolveError> {
        self.resolve_city_noting(name, country, prefer).map(|(c, _)| c)
    }

    /// [`resolve_city_preferring`](Self::resolve_city_preferring), with the
    /// note to record when only size decided among namesakes (see
    /// [`Gazetteer::guess_note`]).
    pub fn resolve_city_noting(
        &self,
        name: &str,
        country: Option<&str>,
        prefer: impl Fn(&City) -> bool,
    ) -> Result<(&City, Option<String>), ResolveError> {
        let mut candidates = self.cities_named(name);
        let mut region = None;
        let mut near_city = None;
        let mut country = country.map(str::to_string);
        if candidates.is_empty()
            && let Some((bare, qualifier)) = split_qualifier(name)
        {
            candidates = self.cities_named(bare);
            if let Some(c) = self.country_named(qualifier) {
                if country.as_deref().is_some_and(|cc| !cc.eq_ignore_ascii_case(&c.code)) {
                    candidates.clear();
                }
                country = Some(c.code.clone());
            } else if self.regions.iter().any(|r| region_is(&r.name, qualifier)) {
                region = Some(qualifier);
            } else if let Ok(city) = self.resolve_city(qualifier, country.as_deref()) {
                // "Wujiang (Suzhou)": the namesake near the city named.
                near_city = Some(city);
            }
        }
        let in_context = |p: &Place<'_>| {
            country.as_deref().is_none_or(|cc| p.country().eq_ignore_ascii_case(cc))
                && region.is_none_or(|r| p.region().is_some_and(|cr| region_is(cr, r)))
                && near_city.is_none_or(|n| n.lat.zip(n.lon).is_some_and(|q| distance_km(q, p.point()) <= NEAR_CITY_KM))
        };
        let candidates: Vec<&City> =
            candidates.into_iter().filter(|&i| in_context(&self.places.get(i))).map(|i| self.places.city(i)).collect();
        if candidates.is_empty() {
            return Err(self.not_a_city(name, country.as_deref()).unwrap_or_else(|| ResolveError::UnknownCity {
                name: name.to_string(),
                country: country.clone(),
            }));
        }
        let preferred: Vec<&City> = candidates.iter().copied().filter(|c| prefer(c)).collect();
        let pool = if preferred.is_empty() { candidates } else { preferred };
        let d = Gazetteer::decide_noting(name, &pool)?;
        Ok((d.city, self.guess_note(name, &d, country.as_deref())))
    }

    /// What to record when size alone decided which place `name` means
    /// (`d`), among namesakes in `country` when one was given: "Ontario:
    /// resolved by population among 3 places so named in United States
    /// (Ontario, California, US)". None when nothing was guessed.
    pub fn guess_note(&self, name: &str, d: &Decided<'_>, country: Option<&str>) -> Option<String> {
        let n = d.by_population_among?;
        let land = country.map(|cc| self.country_named(cc).map_or(cc, |c| c.name.as_str()));
        let among = land.map(|l| format!(" in {l}")).unwrap_or_default();
        Some(format!("{name}: resolved by population among {n} places so named{among} ({})", Gazetteer::label(d.city)))
    }

    /// The one of `pool` (namesakes, largest first) that `name` means when
    /// nothing but size is left to decide: among the places whose own name
    /// it is, if any, the largest, when the others
    /// are near it (the same place listed twice) or it is ten times larger
    /// than each; else the name is ambiguous, and the error lists the
    /// candidates. Says when size decided among other places that bear the
    /// name: a guess, however likely, that a caller records.
    ///
    /// # Panics
    /// If `pool` is empty.
    pub fn decide_noting<'g>(name: &str, pool: &[&'g City]) -> Result<Decided<'g>, ResolveError> {
        // Places whose own name it is come before places that list it
        // among their other names (GeoNames lists "Porto" among a Chinese
        // city's).
        let folded = fold(name);
        let own: Vec<&City> = pool.iter().copied().filter(|c| fold(&c.name) == folded).collect();
        let pool = if own.is_empty() { pool } else { &own[..] };
        let first = pool[0];
        let rivals: Vec<&City> = pool[1..].iter().copied().filter(|c| !within_km(first, c, SAME_PLACE_KM)).collect();
        let dominant = rivals.iter().all(|c| first.population.unwrap_or(0) >= DOMINANT * c.population.unwrap_or(0).max(1));
        if dominant {
            let by_population_among = (!rivals.is_empty()).then_some(rivals.len() + 1);
            return Ok(Decided { city: first, by_population_among });
        }
        let mut candidates: Vec<String> = std::iter::once(first).chain(rivals).take(5).map(Gazetteer::label).collect();
        candidates.dedup();
        Err(ResolveError::Ambiguous { name: name.to_string(), candidates })
    }

    /// What a name that names no city is, if it is a region's or a
    /// country's ("Calabria is a region of Italy").
    fn not_a_city(&self, name: &str, country: Option<&str>) -> Option<ResolveError> {
        let folded = fold(name);
        let what = if let Some(word) = folded.split(' ').find(|w| AREA_WORDS.contains(w)) {
            format!("an administrative area (a {word})")
        } else if let Some(r) = self.regions_named(name).find(|r| country.is_none_or(|cc| r.country.eq_ignore_ascii_case(cc))) {
            let land = self.country_named(&r.country).map(|c| c.name.as_str()).unwrap_or(&r.country);
            format!("a region of {land} ({})", r.country)
        } else if let Some(cc) = country.filter(|cc| self.areas.contains(&(cc.to_ascii_uppercase(), area_core(name)))) {
            format!("an administrative area of {cc} (a county, district or municipality)")
        } else {
            let c = self.country_named(name).filter(|c| fold(&c.code) != fold(name))?;
            format!("a country ({})", c.code)
        };
        Some(ResolveError::NotACity { name: name.to_string(), what })
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

    /// The country (ISO alpha-2) of the `i`th network when it is national
    /// ("IT" for the Italian coordination of the UNESCO creative cities).
    pub fn network_country(&self, i: usize) -> Option<&str> {
        self.network_countries.get(i)?.as_deref()
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

    /// How many hold `role` at once in one organ: one president, one
    /// chair, one secretary general, one lead. `None` when the catalogue
    /// sets no limit (vice-presidents, members).
    pub fn role_seats(&self, role: Role) -> Option<u32> {
        self.role_seats.iter().find(|(r, _)| *r == role).map(|&(_, k)| k)
    }

    /// How many members a body has, where the catalogue knows it
    /// (EUROCITIES' Executive Committee: 12).
    pub fn body_seats(&self, network: &str, body: &str) -> Option<u32> {
        self.body_seats.iter().find(|((n, b), _)| n == network && b == body).map(|&(_, k)| k)
    }
}

/// A place [`Gazetteer::decide_noting`] picked, and whether its size did.
#[derive(Clone, Copy, Debug)]
pub struct Decided<'g> {
    pub city: &'g City,
    /// Set when other places bear the name and the picked one is only
    /// the largest: how many places there were, the picked one included.
    pub by_population_among: Option<usize>,
}

/// Whether two places are within `km` of each other.
pub fn within_km(a: &City, b: &City, km: f64) -> bool {
    match (a.lat.zip(a.lon), b.lat.zip(b.lon)) {
        (Some(p), Some(q)) => distance_km(p, q) <= km,
        _ => false,
    }
}

/// Great-circle distance in km between two (latitude, longitude) points.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// A division's name without the words that say what kind it is:
/// "Gladsaxe Kommune" and "Gladsaxe" are one, "Metropolitan Borough of
/// Wirral" and "Wirral".
fn area_core(name: &str) -> String {
    const KINDS: &[&str] = &[
        "kommune", "kommun", "municipality", "municipal", "okres", "district", "county", "borough", "metropolitan", "city",
        "of", "the", "council", "region", "regional", "raion", "rayon", "jaras", "kreis", "landkreis", "shire", "gemeinde",
    ];
    fold(name).split(' ').filter(|w| !KINDS.contains(w)).collect::<Vec<_>>().join(" ")
}

/// Whether a region's name is the one written: "Quindío" is "Quindío
/// Department", "Andalusia" is "Andalusia".
fn region_is(region: &str, written: &str) -> bool {
    let (r, w) = (fold(region), fold(written));
    !w.is_empty() && (r == w || r.starts_with(&format!("{w} ")) || r.ends_with(&format!(" {w}")))
}

/// A namesake qualified by a city ("Wujiang (Suzhou)") is within this of it.
const NEAR_CITY_KM: f64 = 100.0;

/// "Córdoba, Andalusia" → ("Córdoba", "Andalusia"); "Florence (Italy)" →
/// ("Florence", "Italy").
fn split_qualifier(name: &str) -> Option<(&str, &str)> {
    if let Some((bare, rest)) = name.split_once(" (") {
        return Some((bare.trim(), rest.trim_end_matches(')').trim()));
    }
    name.rsplit_once(", ").map(|(bare, q)| (bare.trim(), q.trim()))
}

/// The gzip'd text of the bundled places, unpacked.
fn unpack(gz: &[u8]) -> Result<String, GazetteerError> {
    let mut text = String::with_capacity(gz.len() * 3);
    flate2::read::GzDecoder::new(gz)
        .read_to_string(&mut text)
        .map_err(|e| GazetteerError::File { file: "data/gazetteer/places.tsv.gz", message: e.to_string() })?;
    Ok(text)
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
