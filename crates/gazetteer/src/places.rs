//! Parsers for the place data: GeoNames cities and the country list.

use std::collections::{HashMap, HashSet};

use citynets_model::{fold, slug, City, Country, Name};

use crate::GazetteerError;

const CITIES: &str = "data/gazetteer/geonames_cities15000_2013.txt";
const EXONYMS: &str = "data/gazetteer/exonyms.csv";
const COUNTRIES: &str = "data/countries/countries.csv";

fn line_err(file: &'static str, line: u64, message: impl Into<String>) -> GazetteerError {
    GazetteerError::Line { file, line, message: message.into() }
}

fn csv_err(file: &'static str, e: csv::Error) -> GazetteerError {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    line_err(file, line, e.to_string())
}

/// Reads `geonames_id,name` rows: English names where GeoNames' own name is
/// another language's (Milano → Milan).
fn parse_exonyms(text: &str) -> Result<HashMap<i64, String>, GazetteerError> {
    let mut out = HashMap::new();
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_err(EXONYMS, e))?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let id = rec.get(0).and_then(|s| s.trim().parse().ok()).ok_or_else(|| line_err(EXONYMS, line, "geonames_id: not a number"))?;
        let name = rec.get(1).map(str::trim).filter(|s| !s.is_empty()).ok_or_else(|| line_err(EXONYMS, line, "name: empty"))?;
        out.insert(id, name.to_string());
    }
    Ok(out)
}

/// An alternate name worth keeping: not a code (BLQ, IATA and ICAO codes are
/// all capitals), not a number, not a URL.
fn useful_alternate(n: &str) -> bool {
    let n = n.trim();
    let code = n.len() <= 4 && n.bytes().all(|b| b.is_ascii_uppercase());
    let number = n.bytes().any(|b| b.is_ascii_digit());
    !(n.is_empty() || code || number || n.contains("://"))
}

/// The English name: the exonym when the table has one, else GeoNames' name
/// without the Japanese municipal suffix ("Kanazawa-shi" → "Kanazawa").
fn english_name(id: i64, name: &str, country: &str, exonyms: &HashMap<i64, String>) -> String {
    if let Some(e) = exonyms.get(&id) {
        return e.clone();
    }
    if country == "JP"
        && let Some(stem) = name.strip_suffix("-shi").or_else(|| name.strip_suffix(" Shi")) {
            return stem.to_string();
        }
    name.to_string()
}

pub(crate) fn parse_cities(tsv: &str, exonyms_csv: &str) -> Result<Vec<City>, GazetteerError> {
    let exonyms = parse_exonyms(exonyms_csv)?;
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .quoting(false)
        .flexible(true)
        .from_reader(tsv.as_bytes());
    let mut cities = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_err(CITIES, e))?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        if rec.len() < 15 {
            return Err(line_err(CITIES, line, format!("expected 19 tab-separated columns, found {}", rec.len())));
        }
        let num = |i: usize, what: &str| -> Result<f64, GazetteerError> {
            rec[i].trim().parse().map_err(|_| line_err(CITIES, line, format!("{what}: '{}' is not a number", &rec[i])))
        };
        let id = num(0, "geonameid")? as i64;
        let country = rec[8].trim().to_string();
        let name = english_name(id, &rec[1], &country, &exonyms);
        let mut seen: HashSet<String> = HashSet::from([fold(&name)]);
        let names = [&rec[1], &rec[2]]
            .into_iter()
            .chain(rec[3].split(','))
            .map(str::trim)
            .filter(|n| useful_alternate(n) && seen.insert(fold(n)))
            .map(|n| Name::new(n, None))
            .collect();
        cities.push(City {
            key: String::new(),
            name,
            country,
            lat: Some(num(4, "latitude")?),
            lon: Some(num(5, "longitude")?),
            population: Some(num(14, "population")? as i64).filter(|&p| p > 0),
            geonames_id: Some(id),
            wikidata_id: None,
            names,
        });
    }
    assign_keys(&mut cities);
    Ok(cities)
}

/// Keys are `slug-cc` ("bologna-it"); where two cities of a country share a
/// name, the larger keeps the plain key and the others get their GeoNames id
/// appended ("santa-fe-us" stays unique, a second one would be
/// "santa-fe-us-5490263").
fn assign_keys(cities: &mut [City]) {
    let mut order: Vec<usize> = (0..cities.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(cities[i].population.unwrap_or(0)), cities[i].geonames_id));
    let mut taken = HashSet::new();
    for i in order {
        let c = &mut cities[i];
        let base = format!("{}-{}", slug(&c.name), c.country.to_ascii_lowercase());
        let key = if taken.contains(&base) {
            format!("{base}-{}", c.geonames_id.unwrap_or(i as i64))
        } else {
            base
        };
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
