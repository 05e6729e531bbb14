//! Parsers for the place data: GeoNames places with their regions, and the
//! country list.

use std::collections::{HashMap, HashSet};

use citynets_model::{fold, slug, City, Country, Name};

use crate::GazetteerError;

const PLACES: &str = "data/gazetteer/places.tsv.gz";
const REGIONS: &str = "data/gazetteer/regions.tsv";
const AREAS: &str = "data/gazetteer/areas.tsv";
const EXONYMS: &str = "data/gazetteer/exonyms.csv";
const KEYS: &str = "data/gazetteer/keys.csv";
const COUNTRIES: &str = "data/countries/countries.csv";

fn line_err(file: &'static str, line: u64, message: impl Into<String>) -> GazetteerError {
    GazetteerError::Line { file, line, message: message.into() }
}

fn csv_err(file: &'static str, e: csv::Error) -> GazetteerError {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    line_err(file, line, e.to_string())
}

/// Reads `geonames_id,name,...` rows into a map from the id to the second
/// column (the exonyms' English names, the keys' pinned keys).
fn parse_id_map(file: &'static str, text: &str) -> Result<HashMap<i64, String>, GazetteerError> {
    let mut out = HashMap::new();
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).flexible(true).from_reader(text.as_bytes());
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_err(file, e))?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let id = rec.get(0).and_then(|s| s.trim().parse().ok()).ok_or_else(|| line_err(file, line, "geonames_id: not a number"))?;
        let value = rec.get(1).map(str::trim).filter(|s| !s.is_empty()).ok_or_else(|| line_err(file, line, "second column: empty"))?;
        out.insert(id, value.to_string());
    }
    Ok(out)
}

/// First-level divisions: (country, admin1 code) → name.
pub(crate) type Regions = HashMap<(String, String), String>;

/// Reads `country<TAB>admin1 code<TAB>name` lines.
pub(crate) fn parse_regions(text: &str) -> Result<Regions, GazetteerError> {
    let mut out = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let mut cols = line.split('\t');
        let (Some(cc), Some(code), Some(name), None) = (cols.next(), cols.next(), cols.next(), cols.next()) else {
            return Err(line_err(REGIONS, i as u64 + 1, "expected 3 tab-separated columns: country, admin1 code, name"));
        };
        if cc.len() != 2 || name.trim().is_empty() {
            return Err(line_err(REGIONS, i as u64 + 1, "country must be an ISO alpha-2 code and name non-empty"));
        }
        out.insert((cc.to_string(), code.to_string()), name.trim().to_string());
    }
    Ok(out)
}

/// Reads `country<TAB>name` lines.
pub(crate) fn parse_areas(text: &str) -> Result<Vec<(String, String)>, GazetteerError> {
    text.lines()
        .enumerate()
        .map(|(i, line)| match line.split_once('\t') {
            Some((cc, name)) if cc.len() == 2 && !name.trim().is_empty() && !name.contains('\t') => {
                Ok((cc.to_string(), name.trim().to_string()))
            }
            _ => Err(line_err(AREAS, i as u64 + 1, "expected 2 tab-separated columns: country, name")),
        })
        .collect()
}

/// The English name: the exonym when the table has one, else GeoNames' name
/// without the Japanese municipal suffix ("Kanazawa-shi" → "Kanazawa").
fn english_name(id: i64, name: &str, country: &str, exonyms: &HashMap<i64, String>) -> String {
    if let Some(e) = exonyms.get(&id) {
        return e.clone();
    }
    if country == "JP"
        && let Some(stem) = name.strip_suffix("-shi").or_else(|| name.strip_suffix(" Shi"))
    {
        return stem.to_string();
    }
    name.to_string()
}

/// The text of the place data and the tables that go with it.
pub(crate) struct PlaceSources<'a> {
    pub places_tsv: &'a str,
    pub regions: &'a Regions,
    pub exonyms_csv: &'a str,
    pub keys_csv: &'a str,
}

/// The places, and the hash of each of their names folded (see
/// [`crate::hash_of`]) with the place's index, for the name index. The
/// text is read in two halves at once.
pub(crate) fn parse_places(src: PlaceSources<'_>) -> Result<(Vec<City>, Vec<(u64, u32)>), GazetteerError> {
    let exonyms = parse_id_map(EXONYMS, src.exonyms_csv)?;
    let pinned = parse_id_map(KEYS, src.keys_csv)?;
    let text = src.places_tsv;
    let middle = text[text.len() / 2..].find('\n').map_or(text.len(), |i| text.len() / 2 + i + 1);
    let (first, second) = text.split_at(middle);
    let (first_lines, second_lines) = (first.lines().count(), second.lines().count());
    let ctx = (&exonyms, &pinned, src.regions);
    // The first half's vectors have room for both: the second's are
    // appended without a copy of the first.
    let (a, b) = std::thread::scope(|scope| {
        let second = scope.spawn(|| parse_lines(second, first_lines, second_lines, ctx));
        let first = parse_lines(first, 0, first_lines + second_lines, ctx);
        (first, second.join().expect("a parsing thread does not panic"))
    });
    let (mut cities, mut names) = a?;
    let (mut more_cities, more_names) = b?;
    let offset = cities.len() as u32;
    cities.append(&mut more_cities);
    names.extend(more_names.into_iter().map(|(h, i)| (h, i + offset)));
    assign_keys(&mut cities);
    Ok((cities, names))
}

type Tables<'a> = (&'a HashMap<i64, String>, &'a HashMap<i64, String>, &'a Regions);

/// Names a place has, on average (folded and distinct), and some.
const NAMES_PER_PLACE: usize = 4;

/// [`parse_places`] of some lines, the first of which is line
/// `lines_before + 1` of the file, into vectors with room for `room`
/// places.
fn parse_lines(
    text: &str,
    lines_before: usize,
    room: usize,
    (exonyms, pinned, regions): Tables<'_>,
) -> Result<(Vec<City>, Vec<(u64, u32)>), GazetteerError> {
    let mut cities = Vec::with_capacity(room);
    let mut hashes = Vec::with_capacity(room * NAMES_PER_PLACE);
    let mut folded: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = (lines_before + i) as u64 + 1;
        let cols: Vec<&str> = line.split('\t').collect();
        let [id, name, country, admin1, lat, lon, population, alternates] = cols[..] else {
            return Err(line_err(PLACES, n, format!("expected 8 tab-separated columns, found {}", cols.len())));
        };
        let num = |v: &str, what: &str| -> Result<f64, GazetteerError> {
            v.parse().map_err(|_| line_err(PLACES, n, format!("{what}: '{v}' is not a number")))
        };
        let id = id.parse::<i64>().map_err(|_| line_err(PLACES, n, format!("geonameid: '{id}' is not a number")))?;
        let english = english_name(id, name, country, exonyms);
        folded.clear();
        folded.push(fold(&english));
        let mut names = Vec::new();
        for alt in std::iter::once(name).chain(alternates.split('|')).filter(|a| !a.is_empty()) {
            let f = fold(alt);
            if !f.is_empty() && !folded.contains(&f) {
                folded.push(f);
                names.push(Name::new(alt, None));
            }
        }
        let index = cities.len() as u32;
        hashes.extend(folded.iter().filter(|f| !f.is_empty()).map(|f| (crate::hash_of(f), index)));
        cities.push(City {
            key: pinned.get(&id).cloned().unwrap_or_default(),
            name: english,
            country: country.to_string(),
            region: regions.get(&(country.to_string(), admin1.to_string())).cloned(),
            lat: Some(num(lat, "latitude")?),
            lon: Some(num(lon, "longitude")?),
            population: Some(num(population, "population")? as i64).filter(|&p| p > 0),
            geonames_id: Some(id),
            wikidata_id: None,
            names,
        });
    }
    Ok((cities, hashes))
}

/// Keys are `slug-cc` ("bologna-it"); where two places of a country share a
/// name, the larger keeps the plain key and the others get their GeoNames id
/// appended ("santa-fe-us" stays unique, a second one would be
/// "santa-fe-us-5490263"). A key already given (pinned by
/// `data/gazetteer/keys.csv`, so that a place keeps the key an earlier
/// gazetteer gave it) is kept and taken first.
fn assign_keys(cities: &mut [City]) {
    let mut taken: HashSet<String> = cities.iter().filter(|c| !c.key.is_empty()).map(|c| c.key.clone()).collect();
    let mut order: Vec<usize> = (0..cities.len()).filter(|&i| cities[i].key.is_empty()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(cities[i].population.unwrap_or(0)), cities[i].geonames_id));
    for i in order {
        let c = &mut cities[i];
        let base = format!("{}-{}", slug(&c.name), c.country.to_ascii_lowercase());
        let key = if taken.contains(&base) { format!("{base}-{}", c.geonames_id.unwrap_or(i as i64)) } else { base };
        taken.insert(key.clone());
        c.key = key;
    }
}

#[derive(serde::Deserialize)]
struct CountryRow {
    iso_a2: String,
    name_en: String,
    name_it: String,
    name_fr: String,
    name_es: String,
    name_de: String,
    alt_names: String,
    region: String,
    subregion: String,
}

pub(crate) fn parse_countries(text: &str) -> Result<Vec<Country>, GazetteerError> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let mut out = Vec::new();
    for row in rdr.deserialize::<CountryRow>() {
        let r = row.map_err(|e| csv_err(COUNTRIES, e))?;
        let mut names: Vec<Name> = [("it", &r.name_it), ("fr", &r.name_fr), ("es", &r.name_es), ("de", &r.name_de)]
            .into_iter()
            .filter(|(_, n)| !n.is_empty())
            .map(|(l, n)| Name::new(n.as_str(), Some(l)))
            .collect();
        names.extend(r.alt_names.split('|').filter(|n| !n.trim().is_empty()).map(|n| Name::new(n.trim(), None)));
        let non_empty = |s: String| Some(s).filter(|s| !s.is_empty());
        out.push(Country {
            code: r.iso_a2,
            name: r.name_en,
            names,
            region: non_empty(r.region),
            subregion: non_empty(r.subregion),
        });
    }
    Ok(out)
}
