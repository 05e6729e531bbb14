//! The bundled data: what a new registry starts with.
//!
//! Loaded on first start and by `citynets import --bundled`, in one
//! transaction, from the files under `data/` embedded at build time:
//! the UCCN member list with designation years, the EUROCITIES members and
//! governance facts, the twinning list, and the example documents with their
//! reviewed facts. Every fact cites the dataset or page it comes from.
//!
//! Names are reconciled to one city each with the gazetteer: by name in any
//! language, within the stated country, nearest to the stated coordinates
//! when the dataset has some. A row whose city cannot be found that way is
//! reported; one whose city only size decided among namesakes is loaded
//! with that guess noted on its source (`cue`) and listed in the report.

use std::collections::{HashMap, HashSet};

use citynets_gazetteer::{distance_km, Gazetteer, Place, ResolveError};
use citynets_model::{fold, slug, City, Document, Fact, NewFact, PartialDate, Refs, Role, Source, Status};
use citynets_store::{Batch, CityQuery, WriteReport};

use crate::{locate, Guessed, Progress, Registry, RegistryError, Result};

mod files {
    pub const UCCN_MEMBERS: &str = include_str!("../../../data/uccn/uccn_members_2024.csv");
    pub const UCCN_YEARS: &str = include_str!("../../../data/uccn/uccn_designation_years.csv");
    pub const UCCN_CORRECTIONS: &str = include_str!("../../../data/uccn/country_corrections.csv");
    pub const UCCN_PLACES: &str = include_str!("../../../data/uccn/places.csv");
    pub const EUROCITIES_FACTS: &str = include_str!("../../../data/eurocities/eurocities_facts.csv");
    pub const EUROCITIES_MEMBERS: &str = include_str!("../../../data/eurocities/eurocities_members.csv");
    pub const EUROCITIES_SOURCES: &str = include_str!("../../../data/eurocities/sources.csv");
    pub const TWINNINGS: &str = include_str!("../../../data/twinning/twin_cities_wikipedia_geocoded.csv");
    pub const TWINNING_COUNTRIES: &str = include_str!("../../../data/twinning/country_names.csv");
    pub const DOCUMENTS: &[(&str, &str)] = &[
        (include_str!("../../../data/documents/seed-001.json"), include_str!("../../../data/documents/seed-001.txt")),
        (include_str!("../../../data/documents/seed-002.json"), include_str!("../../../data/documents/seed-002.txt")),
        (include_str!("../../../data/documents/seed-003.json"), include_str!("../../../data/documents/seed-003.txt")),
        (include_str!("../../../data/documents/seed-004.json"), include_str!("../../../data/documents/seed-004.txt")),
    ];
}

/// The version of the bundled data: a registry that holds an older one
/// loads it again on open (see [`Registry::ensure_bundled`]), and the merge
/// adds what it lacks. Move it on when the data or its reconciliation
/// changes what the load writes.
pub const VERSION: i64 = 5;

/// What loading the bundled data did.
#[derive(Debug, Default)]
pub struct Report {
    pub written: WriteReport,
    /// Facts read from each dataset.
    pub read: Vec<(&'static str, usize)>,
    /// Rows that could not be reconciled.
    pub skipped: Vec<Skipped>,
    /// Rows whose city the largest of its namesakes was taken for (the
    /// note is also on the fact's source).
    pub guessed: Vec<Guessed>,
}

impl Report {
    /// The rows not reconciled, grouped by cause, the largest group first.
    pub fn skipped_by_cause(&self) -> Vec<(Cause, Vec<&Skipped>)> {
        let mut groups: Vec<(Cause, Vec<&Skipped>)> = Vec::new();
        for s in &self.skipped {
            match groups.iter_mut().find(|(c, _)| *c == s.cause) {
                Some((_, v)) => v.push(s),
                None => groups.push((s.cause, vec![s])),
            }
        }
        groups.sort_by_key(|(c, v)| (std::cmp::Reverse(v.len()), *c));
        groups
    }
}

/// A row of a dataset that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// `file:line`.
    pub place: String,
    pub cause: Cause,
    pub message: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Why a row was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cause {
    /// No place of the gazetteer has the name (in the stated country).
    NoSuchPlace,
    /// Several places have the name and nothing in the row decides.
    Ambiguous,
    /// The name is a region's or a country's.
    NotACity,
    /// Both sides of a twinning are one place.
    SameCity,
    /// A value the row must have is missing or malformed.
    BadRow,
}

impl Cause {
    pub fn describe(self) -> &'static str {
        match self {
            Cause::NoSuchPlace => "no such place in the gazetteer",
            Cause::Ambiguous => "ambiguous: namesakes the row does not tell apart",
            Cause::NotACity => "a region or a country, not a city",
            Cause::SameCity => "a city twinned with itself",
            Cause::BadRow => "a missing or malformed value",
        }
    }

    fn of(e: &ResolveError) -> Cause {
        match e {
            ResolveError::UnknownCity { .. } => Cause::NoSuchPlace,
            ResolveError::Ambiguous { .. } => Cause::Ambiguous,
            ResolveError::NotACity { .. } => Cause::NotACity,
            ResolveError::SameCity(_) => Cause::SameCity,
            ResolveError::UnknownNetwork(_) | ResolveError::UnknownOrgan(_) => Cause::BadRow,
        }
    }
}

const UCCN_DOC: &str = "uccn-members-2024";
const TWIN_DOC: &str = "wikipedia-twin-towns";

/// Loads the bundled data into the registry in one transaction.
pub async fn load(registry: &Registry, progress: Progress<'_>) -> Result<Report> {
    let g = registry.gazetteer();
    let mut loader = Loader {
        g,
        facts: Vec::new(),
        documents: Vec::new(),
        skipped: Vec::new(),
        guessed: Vec::new(),
        doc_keys: HashSet::new(),
        located: HashMap::new(),
    };
    let datasets: [(&'static str, ReadDataset); 4] = [
        ("uccn", Loader::uccn),
        ("eurocities", Loader::eurocities),
        ("documents", Loader::documents),
        ("twinnings", Loader::twinnings),
    ];
    let mut read = Vec::new();
    for (name, read_dataset) in datasets {
        let before = loader.facts.len();
        read_dataset(&mut loader)?;
        read.push((name, loader.facts.len() - before));
    }

    // Resolve: rows that do not resolve are reported and left out. A row's
    // pinned cities (reconciled by coordinates) win over namesakes, and so
    // do cities in the fact's network: memberships and designations are
    // resolved first, so that a role or meeting row naming a city without
    // its country ("Florence") finds the member city.
    let mut members: HashSet<(String, String)> = HashSet::new();
    let mut inputs = Vec::with_capacity(loader.facts.len());
    let mut cities: Vec<City> = Vec::new();
    let mut seen = HashSet::new();
    let mut places = Vec::with_capacity(loader.facts.len());
    let total = loader.facts.len() as u64;
    let is_member = |nf: &NewFact| matches!(nf.fact, Fact::Membership { .. } | Fact::Designation { .. });
    let members_first = loader.facts.iter().filter(|f| is_member(&f.1)).chain(loader.facts.iter().filter(|f| !is_member(&f.1)));
    for (i, (place, nf, how)) in members_first.enumerate() {
        if i % 1000 == 0 {
            progress(i as u64, total * 2);
        }
        let (fact, refs, found) = match how {
            Reconciled::Cities { refs, cities } => (nf.fact.clone(), refs.clone(), cities.iter().collect()),
            Reconciled::Names { pins } => {
                let network = crate::network_key(g, &nf.fact);
                let prefer = |c: &City| {
                    pins.contains(&c.key) || network.as_ref().is_some_and(|n| members.contains(&(n.clone(), c.key.clone())))
                };
                match g.resolve(&nf.fact, &prefer) {
                    Ok(r) => (r.fact, r.refs, r.cities),
                    Err(e) => {
                        loader.skipped.push(Skipped { place: place.clone(), cause: Cause::of(&e.error), message: e.to_string() });
                        continue;
                    }
                }
            }
        };
        if let (Fact::Membership { .. } | Fact::Designation { .. }, Some(n), Some(c)) = (&fact, &refs.network, &refs.city) {
            members.insert((n.clone(), c.clone()));
        }
        for c in found {
            if seen.insert(c.key.clone()) {
                cities.push(c.clone());
            }
        }
        places.push(place.clone());
        inputs.push(citynets_store::FactInput { fact, refs, status: nf.status, sources: nf.sources.clone() });
    }
    // Cities stored before the gazetteer knew regions get theirs (a stored
    // city is written again only for what it lacks: see the store).
    for stored in registry.store().cities(&CityQuery::default()).await? {
        if stored.region.is_none()
            && let Some(c) = g.city(&stored.key).filter(|c| c.region.is_some() && seen.insert(c.key.clone()))
        {
            cities.push(c.clone());
        }
    }
    let batch = Batch {
        countries: g.countries().to_vec(),
        networks: g.networks().to_vec(),
        cities,
        documents: loader.documents,
        facts: inputs,
        comment: Some("bundled data".into()),
        author: None,
    };
    let offset = total;
    let written = registry
        .store()
        .write_with_progress(&batch, &|done, _| progress(offset + done, total * 2))
        .await
        .map_err(|e| locate(e, &|i| places.get(i).cloned().unwrap_or_default()))?;
    registry.after_write(&written.ids).await;
    progress(total * 2, total * 2);
    Ok(Report { written, read, skipped: loader.skipped, guessed: loader.guessed })
}

/// Reads one dataset's rows into the loader's facts.
type ReadDataset = fn(&mut Loader) -> Result<()>;

struct Loader {
    g: &'static Gazetteer,
    facts: Vec<(String, NewFact, Reconciled)>,
    documents: Vec<Document>,
    skipped: Vec<Skipped>,
    guessed: Vec<Guessed>,
    doc_keys: HashSet<String>,
    /// Places made from a dataset's rows (see [`Loader::located`]), by key.
    located: HashMap<String, City>,
}

/// How far a dataset row's fact is reconciled.
enum Reconciled {
    /// Its names are resolved with the gazetteer's rule, preferring the
    /// cities of these keys (reconciled by coordinates).
    Names { pins: Vec<String> },
    /// Its cities are known (the fact names them canonically).
    Cities { refs: Refs, cities: Vec<City> },
}

fn rows(file: &'static str, text: &'static str) -> Result<Vec<(String, HashMap<String, String>)>> {
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| RegistryError::input(file, "header", e.to_string()))?.clone();
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| RegistryError::input(file, "-", e.to_string()))?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let map = headers.iter().zip(rec.iter()).map(|(h, v)| (h.to_string(), v.trim().to_string())).collect();
        out.push((format!("{file}:{line}"), map));
    }
    Ok(out)
}

fn opt(row: &HashMap<String, String>, k: &str) -> Option<String> {
    row.get(k).filter(|v| !v.is_empty()).cloned()
}

fn date(place: &str, field: &str, v: Option<String>) -> Result<Option<PartialDate>> {
    v.map(|v| v.parse().map_err(|e: citynets_model::DateError| RegistryError::input(place, field, e.to_string())))
        .transpose()
}

/// A place that is not in the gazetteer, within this of the centre of a
/// city of [`DISTRICT_OF_POPULATION`] people or more, is one of its
/// districts.
const DISTRICT_KM: f64 = 15.0;
const DISTRICT_OF_POPULATION: i64 = 500_000;

/// How far from a row's coordinates a place that shares its name's words
/// may be (see `Loader::renamed_near`).
const RENAMED_KM: f64 = 10.0;

/// The words of a name that tell it apart: folded, of four letters or
/// more, and not the words many names share ("Bad", "Saint", "upon").
fn significant_words(name: &str) -> Vec<String> {
    const COMMON: &[&str] = &[
        "saint", "sainte", "santa", "santo", "city", "town", "upon", "unter", "ober", "nord", "north", "south", "east",
        "west", "grand", "great", "little", "nova", "novo", "nuevo", "nueva", "neue", "neuen", "alte", "sankt",
    ];
    fold(name).split(' ').filter(|w| w.chars().count() >= 4 && !COMMON.contains(w)).map(str::to_string).collect()
}

/// "Antwerp – Ekeren", "Pantelej (Niš)": a district and the city it is
/// part of, which a twinning list names for a district's own twinnings.
fn district_of(name: &str) -> Option<&str> {
    if let Some((city, _)) = name.split_once(" – ").or_else(|| name.split_once(" - ")) {
        return Some(city.trim());
    }
    let (_, rest) = name.split_once(" (")?;
    let inner = rest.trim_end_matches(')').trim();
    // "(rural gmina)", "(town)": a kind, not a city.
    let kind = inner.chars().next().is_some_and(char::is_lowercase);
    (!kind && !inner.is_empty()).then_some(inner)
}

/// A document key from a URL: host and path, made a slug.
fn url_key(url: &str) -> String {
    let rest = url.split("://").nth(1).unwrap_or(url).trim_start_matches("www.");
    let mut key = citynets_model::slug(rest);
    key.truncate(80);
    key.trim_end_matches('-').to_string()
}

impl Loader {
    fn add_doc(&mut self, doc: Document) {
        if self.doc_keys.insert(doc.key.clone()) {
            self.documents.push(doc);
        }
    }

    fn push(&mut self, place: String, fact: Fact, sources: Vec<Source>, pins: Vec<String>) {
        self.facts.push((place, NewFact { fact, status: Status::Accepted, sources }, Reconciled::Names { pins }));
    }

    fn skip(&mut self, place: &str, cause: Cause, message: impl Into<String>) {
        self.skipped.push(Skipped { place: place.to_string(), cause, message: message.into() });
    }

    /// Picks the place a dataset row means: by name (also without a
    /// bracketed qualifier, "City", "Greater ", or a region or country
    /// after a comma) within the country; by coordinates among namesakes
    /// when given (which also corrects a wrong country code, within 30
    /// km); else by the gazetteer's rule, which reports namesakes it
    /// cannot tell apart. When size alone decided among namesakes in the
    /// country, the second value says so ("resolved by population among
    /// 3 places ..."): the caller records it on the fact.
    fn pick_city(&self, name: &str, country: Option<&str>, coords: Option<(f64, f64)>) -> Result<(&'static City, Option<String>), ResolveError> {
        let g = self.g;
        let bare = name.split(" (").next().unwrap_or(name).trim();
        let variants = [name, bare, bare.trim_end_matches(" City"), bare.trim_start_matches("Greater "), bare.trim_start_matches("City of ")];
        // Read as places: a city is made only for the one picked.
        let candidates: Vec<Place<'static>> = variants
            .iter()
            .map(|n| g.cities_named(n))
            .find(|c| !c.is_empty())
            .unwrap_or_default()
            .into_iter()
            .map(|i| g.place(i))
            .collect();
        if candidates.is_empty() {
            if let Some(city) = district_of(name) {
                return Err(ResolveError::NotACity { name: name.to_string(), what: format!("a district of {city}") });
            }
            if let Some(p) = coords {
                if let Some(c) = self.renamed_near(name, country, p) {
                    return Ok((c, None));
                }
                // A place no town of the gazetteer is, inside a large city:
                // one of its districts (Beyoğlu, Istanbul).
                if let Some(city) = self.g.near(p, DISTRICT_KM).into_iter().find(|c| c.population().unwrap_or(0) >= DISTRICT_OF_POPULATION) {
                    return Err(ResolveError::NotACity { name: name.to_string(), what: format!("a district of {}", city.name()) });
                }
            }
            // The gazetteer's rule reads "Name, Region" and names a region,
            // a country or an administrative area for what it is.
            return g.resolve_city(name, country).map(|c| (c, None));
        }
        let in_country: Vec<Place<'static>> =
            candidates.iter().copied().filter(|c| country.is_none_or(|cc| c.country() == cc)).collect();
        let nearest = |cs: &[Place<'static>], p: (f64, f64), max_km: f64| {
            cs.iter()
                .map(|c| (c, distance_km(p, c.point())))
                .filter(|(_, d)| *d <= max_km)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(c, _)| g.city_at(c.index()))
        };
        if let Some(p) = coords {
            // Coordinates choose among namesakes in the stated country; only
            // when the country has none may they correct the country.
            let picked = if in_country.is_empty() { nearest(&candidates, p, 30.0) } else { nearest(&in_country, p, 150.0) };
            if let Some(c) = picked {
                return Ok((c, None));
            }
        }
        if in_country.is_empty() {
            // Namesakes elsewhere only: the gazetteer's rule says what the
            // name is in this country (a region, an area, nothing).
            return g.resolve_city(name, country).map(|c| (c, None));
        }
        let in_country: Vec<&'static City> = in_country.iter().map(|c| g.city_at(c.index())).collect();
        let d = Gazetteer::decide_noting(name, &in_country)?;
        Ok((d.city, g.guess_note(name, &d, Some(&d.city.country))))
    }

    /// A place the row's name does not name but that lies within
    /// [`RENAMED_KM`] of the row's coordinates, in its country, and shares
    /// the words of its name: "Bad Kötzting" is GeoNames' Kötzting, "Zell
    /// am Mosel" its Zell, "Fiumicello Villa Vicentina" (a merged
    /// municipality) the town of Fiumicello.
    fn renamed_near(&self, name: &str, country: Option<&str>, p: (f64, f64)) -> Option<&'static City> {
        let words = significant_words(name);
        if words.is_empty() {
            return None;
        }
        let found = self.g.near(p, RENAMED_KM).into_iter().filter(|c| country.is_none_or(|cc| c.country() == cc)).find(|c| {
            let own = significant_words(c.name());
            !own.is_empty() && (own.iter().all(|w| words.contains(w)) || words.iter().all(|w| own.contains(w)))
        });
        found.map(|c| self.g.city_at(c.index()))
    }

    fn uccn(&mut self) -> Result<()> {
        self.add_doc(Document {
            key: UCCN_DOC.into(),
            title: Some("UNESCO Creative Cities Network: member cities (unesco.org, as listed on 2024-10-01)".into()),
            url: Some("https://www.unesco.org/en/creative-cities".into()),
            language: Some("en".into()),
            published: Some("2024-10-01".parse().expect("a date")),
            text: None,
        });
        let mut years: HashMap<(String, String), (String, String)> = HashMap::new();
        for (place, r) in rows("data/uccn/uccn_designation_years.csv", files::UCCN_YEARS)? {
            let (Some(city), Some(field), Some(year)) = (opt(&r, "city"), opt(&r, "creative_field"), opt(&r, "year")) else {
                self.skip(&place, Cause::BadRow, "city, creative_field and year are required");
                continue;
            };
            years.insert((fold(&city), field), (year, opt(&r, "source").unwrap_or_default()));
        }
        let mut corrections: HashMap<(String, String), String> = HashMap::new();
        for (_, r) in rows("data/uccn/country_corrections.csv", files::UCCN_CORRECTIONS)? {
            if let (Some(c), Some(wrong), Some(right)) = (opt(&r, "city"), opt(&r, "listed_code"), opt(&r, "country_code")) {
                corrections.insert((fold(&c), wrong), right);
            }
        }
        let mut pinned: HashMap<(String, String), i64> = HashMap::new();
        for (place, r) in rows("data/uccn/places.csv", files::UCCN_PLACES)? {
            let (Some(c), Some(cc), Some(id)) = (opt(&r, "city"), opt(&r, "country_code"), opt(&r, "geonames_id")) else {
                return Err(RegistryError::input(place, "-", "city, country_code and geonames_id are required"));
            };
            let id = id.parse().map_err(|_| RegistryError::input(&place, "geonames_id", format!("'{id}' is not a number")))?;
            if self.g.city_by_geonames_id(id).is_none() {
                return Err(RegistryError::input(place, "geonames_id", format!("{id} is not a place of the gazetteer")));
            }
            pinned.insert((fold(&c), cc), id);
        }
        for (place, r) in rows("data/uccn/uccn_members_2024.csv", files::UCCN_MEMBERS)? {
            let (Some(name), Some(field)) = (opt(&r, "city"), opt(&r, "creative_field")) else {
                self.skip(&place, Cause::BadRow, "city and creative_field are required");
                continue;
            };
            let field: citynets_model::Field = match field.parse() {
                Ok(f) => f,
                Err(e) => {
                    self.skip(&place, Cause::BadRow, format!("creative_field: {e}"));
                    continue;
                }
            };
            let coords = opt(&r, "lat").zip(opt(&r, "lon")).and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)));
            let listed = opt(&r, "country_code");
            let corrected = listed.as_ref().and_then(|cc| corrections.get(&(fold(&name), cc.clone())));
            // A corrected country also discards the row's coordinates, which
            // were placed from the wrong country (Dubai's point is in Missouri).
            let (country, coords) = match corrected {
                Some(cc) => (Some(cc.clone()), None),
                None => (listed, coords),
            };
            let curated = country.as_ref().and_then(|cc| pinned.get(&(fold(&name), cc.clone()))).and_then(|&id| self.g.city_by_geonames_id(id));
            let (city, guess) = match curated.map(|c| Ok((c, None))).unwrap_or_else(|| self.pick_city(&name, country.as_deref(), coords)) {
                Ok(picked) => picked,
                Err(e) => {
                    self.skip(&place, Cause::of(&e), e.to_string());
                    continue;
                }
            };
            if let Some(message) = &guess {
                self.guessed.push(Guessed { place: place.clone(), message: message.clone() });
            }
            let mut sources = vec![Source { cue: guess, ..Source::document(UCCN_DOC) }];
            let mut year = None;
            if let Some((y, url)) = years.get(&(fold(&name), field.to_string())) {
                year = date(&place, "year", Some(y.clone()))?;
                if url.starts_with("http") {
                    let key = url_key(url);
                    self.add_doc(Document {
                        key: key.clone(),
                        title: Some(url.split("://").nth(1).unwrap_or(url).to_string()),
                        url: Some(url.clone()),
                        language: None,
                        published: None,
                        text: None,
                    });
                    sources.push(Source::document(key));
                }
            }
            let fact = Fact::Designation {
                city: city.name.clone(),
                country: Some(city.country.clone()),
                network: "UNESCO Creative Cities Network".into(),
                field: Some(field),
                year,
                until: None,
            };
            self.push(place, fact, sources, vec![city.key.clone()]);
        }
        Ok(())
    }

    fn eurocities(&mut self) -> Result<()> {
        let mut docs: HashMap<String, String> = HashMap::new();
        for (place, r) in rows("data/eurocities/sources.csv", files::EUROCITIES_SOURCES)? {
            let (Some(url), Some(key)) = (opt(&r, "url"), opt(&r, "key")) else { continue };
            let published = date(&place, "published", opt(&r, "published"))?;
            // seed-003 is also a bundled text: its own entry has the text.
            if key != "seed-003" {
                self.add_doc(Document { key: key.clone(), title: opt(&r, "title"), url: Some(url.clone()), language: None, published, text: None });
            }
            docs.insert(url, key);
        }
        let source = |place: &str, r: &HashMap<String, String>, quote: String| -> Result<Source> {
            let url = opt(r, "source").unwrap_or_default();
            let key = docs.get(&url).ok_or_else(|| RegistryError::input(place, "source", format!("'{url}' is not in data/eurocities/sources.csv")))?;
            Ok(Source { quote: Some(quote), ..Source::document(key.clone()) })
        };
        const NET: &str = "EUROCITIES";
        for (place, r) in rows("data/eurocities/eurocities_facts.csv", files::EUROCITIES_FACTS)? {
            let kind = opt(&r, "kind").unwrap_or_default();
            let subject = opt(&r, "subject").unwrap_or_default();
            let what = opt(&r, "role_or_event").unwrap_or_default();
            let organ = opt(&r, "organ").unwrap_or_default();
            let from = date(&place, "from", opt(&r, "from"))?;
            let to = date(&place, "to", opt(&r, "to"))?;
            let quote = [subject.as_str(), what.as_str(), organ.as_str()].join(", ");
            let src = source(&place, &r, quote)?;
            // "Johanna Rolland (Nantes)": the seat belongs to the city; the
            // mayor who holds it stays in the quote.
            let city_in_parens = subject.split_once(" (").map(|(_, c)| c.trim_end_matches(')').to_string());
            let holder = city_in_parens.clone().unwrap_or_else(|| subject.clone());
            let role = |holder: String, role: Role, organ: &str| Fact::Role { holder, role, organ: organ.into(), from, to };
            let exco = "EUROCITIES Executive Committee";
            let fact = match kind.as_str() {
                "founding_member" | "membership" => Fact::Membership { city: subject, country: None, network: NET.into(), since: from, until: to },
                "executive_committee" => match what.parse::<Role>() {
                    Ok(r) => role(holder, r, exco),
                    Err(e) => {
                        self.skip(&place, Cause::BadRow, format!("role_or_event: {e}"));
                        continue;
                    }
                },
                "president" => role(holder, Role::President, NET),
                "vice_president" => role(holder, Role::VicePresident, NET),
                "chair_city" => role(holder, Role::Chair, exco),
                "secretary_general" => role(subject, Role::SecretaryGeneral, NET),
                "forum_chair" | "working_group_chair" => role(holder, Role::Chair, &format!("{NET} {organ}")),
                "forum_vice_chair" => role(holder, Role::ViceChair, &format!("{NET} {organ}")),
                "conference" => {
                    let host = (subject != "online").then_some(subject);
                    let (start, end) = conference_dates(&what, from, to);
                    Fact::Event { network: NET.into(), event: "Annual Conference".into(), edition: None, host, start, end }
                }
                // The forums are bodies of the network catalogue, not facts.
                "forum" => continue,
                other => {
                    self.skip(&place, Cause::BadRow, format!("kind: '{other}' is not a kind this loader knows"));
                    continue;
                }
            };
            self.push(place, fact, vec![src], Vec::new());
        }
        for (place, r) in rows("data/eurocities/eurocities_members.csv", files::EUROCITIES_MEMBERS)? {
            let Some(city) = opt(&r, "city") else { continue };
            let quote = format!("{city}: member as of {}", opt(&r, "as_of").unwrap_or_default());
            let src = source(&place, &r, quote)?;
            let fact = Fact::Membership { city, country: opt(&r, "country_code"), network: NET.into(), since: None, until: None };
            self.push(place, fact, vec![src], Vec::new());
        }
        Ok(())
    }

    fn documents(&mut self) -> Result<()> {
        #[derive(serde::Deserialize)]
        struct Gold {
            doc_id: String,
            #[serde(default)]
            source: Option<String>,
            #[serde(default)]
            language: Option<String>,
            #[serde(default)]
            published: Option<PartialDate>,
            facts: Vec<Fact>,
        }
        for (json, text) in files::DOCUMENTS {
            let gold: Gold = serde_json::from_str(json).map_err(|e| RegistryError::input("data/documents", "-", e.to_string()))?;
            self.add_doc(Document {
                key: gold.doc_id.clone(),
                title: gold.source,
                url: None,
                language: gold.language,
                published: gold.published,
                text: Some(text.to_string()),
            });
            for (i, fact) in gold.facts.into_iter().enumerate() {
                let place = format!("data/documents/{}.json: fact {}", gold.doc_id, i + 1);
                self.push(place, fact, vec![Source::document(gold.doc_id.clone())], Vec::new());
            }
        }
        Ok(())
    }

    fn twinnings(&mut self) -> Result<()> {
        self.add_doc(Document {
            key: TWIN_DOC.into(),
            title: Some("Wikipedia: lists of twin towns and sister cities (as compiled by Hekman/twincities, 2026)".into()),
            url: Some("https://en.wikipedia.org/wiki/Lists_of_twin_towns_and_sister_cities".into()),
            language: Some("en".into()),
            published: Some(PartialDate::year(2026).expect("a year")),
            text: None,
        });
        let mut extra: HashMap<String, String> = HashMap::new();
        for (_, r) in rows("data/twinning/country_names.csv", files::TWINNING_COUNTRIES)? {
            if let (Some(n), Some(c)) = (opt(&r, "name"), opt(&r, "iso_a2")) {
                extra.insert(fold(&n), c);
            }
        }
        let country = |name: &str| -> Option<String> {
            let try_one = |n: &str| extra.get(&fold(n)).cloned().or_else(|| self.g.country_named(n).map(|c| c.code.clone()));
            try_one(name).or_else(|| name.split(", ").find_map(try_one))
        };
        let mut seen_pairs = HashSet::new();
        for (place, r) in rows("data/twinning/twin_cities_wikipedia_geocoded.csv", files::TWINNINGS)? {
            // A side's city, and a note when size alone decided it.
            let mut side = |n: &str| -> Result<(City, Option<String>), (Cause, String)> {
                let name = opt(&r, &format!("city{n}")).ok_or((Cause::BadRow, format!("city{n}: empty")))?;
                let cc = opt(&r, &format!("country{n}"));
                let code = cc.as_deref().and_then(&country);
                if cc.is_some() && code.is_none() {
                    return Err((Cause::BadRow, format!("country{n}: '{}' is not a country", cc.unwrap_or_default())));
                }
                let coords = opt(&r, &format!("lat{n}"))
                    .zip(opt(&r, &format!("lng{n}")))
                    .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)));
                match self.pick_city(&name, code.as_deref(), coords) {
                    Ok((c, guess)) => Ok((c.clone(), guess)),
                    Err(e @ ResolveError::UnknownCity { .. }) => code
                        .zip(coords)
                        .and_then(|(cc, p)| self.located(&name, &cc, p))
                        .map(|c| (c, None))
                        .ok_or_else(|| (Cause::of(&e), e.to_string())),
                    Err(e) => Err((Cause::of(&e), e.to_string())),
                }
            };
            let ((a, guess_a), (b, guess_b)) = match (side("1"), side("2")) {
                (Ok(a), Ok(b)) => (a, b),
                (Err((cause, message)), _) | (_, Err((cause, message))) => {
                    self.skip(&place, cause, message);
                    continue;
                }
            };
            if a.key == b.key {
                self.skip(&place, Cause::SameCity, format!("a city twinned with itself ({})", a.name));
                continue;
            }
            let pair = if a.key < b.key { (a.key.clone(), b.key.clone()) } else { (b.key.clone(), a.key.clone()) };
            if seen_pairs.insert(pair) {
                let fact = Fact::Twinning { city: a.name.clone(), other: b.name.clone(), since: None };
                let refs = Refs { city: Some(a.key.clone()), other: Some(b.key.clone()), ..Refs::default() };
                // The row as the list states it, with its countries; and
                // how a side was decided when its size alone did.
                let written = |n: &str| match opt(&r, &format!("country{n}")) {
                    Some(c) => format!("{} ({c})", opt(&r, &format!("city{n}")).unwrap_or_default()),
                    None => opt(&r, &format!("city{n}")).unwrap_or_default(),
                };
                let guesses: Vec<String> = [guess_a, guess_b].into_iter().flatten().collect();
                for message in &guesses {
                    self.guessed.push(Guessed { place: place.clone(), message: message.clone() });
                }
                let source = Source {
                    quote: Some(format!("{} – {}", written("1"), written("2"))),
                    cue: (!guesses.is_empty()).then(|| guesses.join("; ")),
                    ..Source::document(TWIN_DOC)
                };
                let nf = NewFact { fact, status: Status::Accepted, sources: vec![source] };
                self.facts.push((place, nf, Reconciled::Cities { refs, cities: vec![a, b] }));
            }
        }
        Ok(())
    }

    /// A town the gazetteer lacks (a village under 500 people, a
    /// municipality GeoNames keeps as a division), made a city from a
    /// row's own name, country and coordinates: only where the
    /// coordinates lie in that country (the nearest place of the
    /// gazetteer, within [`LOCATED_KM`], is in it), whose region the
    /// town is given. A place of the gazetteer there whose name is
    /// spelt nearly alike ("Deutschkreuz", GeoNames' "Deutschkreutz")
    /// is that place. The same row values make the same city, once.
    fn located(&mut self, name: &str, country: &str, p: (f64, f64)) -> Option<City> {
        // The places around, nearest first: the spelling is looked for
        // among the nearer ones.
        let around = self.g.near(p, LOCATED_KM);
        let nearest = *around.first()?;
        if nearest.country() != country || !looks_like_a_town(name) {
            return None;
        }
        let squeezed = |s: &str| fold(s).replace(' ', "");
        let written = squeezed(name);
        let spelt_alike = around.iter().take_while(|c| distance_km(p, c.point()) <= SPELLING_KM).find(|c| {
            c.country() == country && written.chars().count() >= 5 && strsim::levenshtein(&squeezed(c.name()), &written) <= 2
        });
        if let Some(c) = spelt_alike {
            return Some(self.g.city_at(c.index()).clone());
        }
        let key = format!("{}-{}", slug(name), country.to_ascii_lowercase());
        if self.g.city(&key).is_some() {
            return None;
        }
        let city = self.located.entry(key.clone()).or_insert_with(|| City {
            key,
            name: name.to_string(),
            country: country.to_string(),
            region: nearest.region().map(str::to_string),
            lat: Some(p.0),
            lon: Some(p.1),
            population: None,
            geonames_id: None,
            wikidata_id: None,
            names: Vec::new(),
        });
        Some(city.clone())
    }
}

/// How near a row's coordinates the gazetteer's nearest place must be for
/// a town it lacks to be made there (see [`Loader::located`]).
const LOCATED_KM: f64 = 20.0;

/// How near a row's coordinates a place spelt nearly as the row does is
/// taken for the town meant.
const SPELLING_KM: f64 = 3.0;

/// Whether a name the gazetteer lacks reads as a town's: capitalised,
/// letters and the marks names use only, and not a county's
/// ("Northamptonshire") or an island's.
fn looks_like_a_town(name: &str) -> bool {
    let folded = fold(name);
    name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().all(|c| c.is_alphabetic() || " -'’.".contains(c))
        && !folded.ends_with("shire")
        && !folded.split(' ').any(|w| ["island", "islands", "isle"].contains(&w))
}

/// "annual conference (16-18 Nov)" with year 2016 → 2016-11-16 to
/// 2016-11-18; otherwise the year(s) given, an end equal to the start
/// dropped.
fn conference_dates(what: &str, from: Option<PartialDate>, to: Option<PartialDate>) -> (Option<PartialDate>, Option<PartialDate>) {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let days = what.split_once('(').and_then(|(_, rest)| {
        let inner = rest.split(';').next()?.trim_end_matches(')').trim();
        let (range, month) = inner.split_once(' ')?;
        let m = MONTHS.iter().position(|m| month.to_ascii_lowercase().starts_with(m))? as u32 + 1;
        let (a, b) = range.split_once('-')?;
        Some((a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?, m))
    });
    match (days, from) {
        (Some((a, b, m)), Some(y)) => {
            let y = y.year_value();
            (PartialDate::new(y, Some(m), Some(a)).ok(), PartialDate::new(y, Some(m), Some(b)).ok())
        }
        _ => (from, to.filter(|t| Some(*t) != from)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conference_day_ranges() {
        let y = PartialDate::year(2016).ok();
        let (s, e) = conference_dates("annual conference (16-18 Nov)", y, y);
        assert_eq!((s.unwrap().to_string(), e.unwrap().to_string()), ("2016-11-16".into(), "2016-11-18".into()));
        let (s, e) = conference_dates("annual conference and general assembly (4-5 Nov; first online)", PartialDate::year(2020).ok(), None);
        assert_eq!((s.unwrap().to_string(), e.unwrap().to_string()), ("2020-11-04".into(), "2020-11-05".into()));
        let (s, e) = conference_dates("conference", PartialDate::year(1989).ok(), PartialDate::year(1989).ok());
        assert_eq!((s.unwrap().to_string(), e), ("1989".into(), None));
    }

    #[test]
    fn url_keys_are_slugs() {
        assert_eq!(url_key("https://www.ara.cat/societat/x_25.html"), "ara-cat-societat-x-25-html");
    }

}
