//! Parsers for the place data: GeoNames places with their regions, and the
//! country list.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use citynets_model::{fold, slug, City, Country, Name};

use crate::GazetteerError;

const PLACES: &str = "data/gazetteer/places.tsv.gz";
const REGIONS: &str = "data/gazetteer/regions.tsv";
const AREAS: &str = "data/gazetteer/areas.tsv";
const EXONYMS: &str = "data/gazetteer/exonyms.csv";
const KEYS: &str = "data/gazetteer/keys.csv";
const COUNTRIES: &str = "data/countries/countries.csv";
const COUNTRY_NAMES: &str = "data/countries/common_names.csv";

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

/// The places, packed: each a row of numbers, its names in one buffer and
/// its key in another. A quarter of a million `City` values, each with its
/// own strings, would take several times the memory; a `City` is made
/// when one is asked for, and kept (see [`Places::city`]).
pub(crate) struct Places {
    rows: Vec<Row>,
    /// Each place's English name followed by its other names, each name
    /// ended by `|`.
    names: String,
    keys: String,
    /// First-level divisions; a row's `region` is an index + 1 (0: none).
    regions: Vec<String>,
    made: Vec<OnceLock<Box<City>>>,
}

#[derive(Clone, Copy)]
struct Row {
    lat: f64,
    lon: f64,
    /// Where the place's names start in [`Places::names`].
    names: u32,
    /// The English name's length, and all the names'.
    name_len: u16,
    region: u16,
    names_len: u32,
    key: u32,
    key_len: u16,
    country: [u8; 2],
    population: u32,
    geonames_id: u32,
}

/// A place of the gazetteer, read from its packed row without making a
/// [`City`]: what the extractor's lexicon walks a quarter of a million of.
#[derive(Clone, Copy)]
pub struct Place<'g> {
    places: &'g Places,
    index: usize,
}

impl<'g> Place<'g> {
    fn row(&self) -> &'g Row {
        &self.places.rows[self.index]
    }

    /// Its index, for [`crate::Gazetteer::city_at`].
    pub fn index(&self) -> usize {
        self.index
    }

    pub fn key(&self) -> &'g str {
        let row = self.row();
        &self.places.keys[row.key as usize..row.key as usize + row.key_len as usize]
    }

    /// The English name.
    pub fn name(&self) -> &'g str {
        let row = self.row();
        &self.places.names[row.names as usize..row.names as usize + row.name_len as usize]
    }

    /// The other names, in any language, without the English one.
    pub fn other_names(&self) -> impl Iterator<Item = &'g str> + use<'g> {
        let row = self.row();
        let start = row.names as usize + row.name_len as usize + 1;
        let end = row.names as usize + row.names_len as usize;
        self.places.names.get(start..end).unwrap_or("").split('|').filter(|n| !n.is_empty())
    }

    /// ISO 3166-1 alpha-2.
    pub fn country(&self) -> &'g str {
        std::str::from_utf8(&self.row().country).unwrap_or("")
    }

    pub fn region(&self) -> Option<&'g str> {
        let region = self.row().region;
        (region > 0).then(|| self.places.regions[region as usize - 1].as_str())
    }

    pub fn population(&self) -> Option<i64> {
        Some(i64::from(self.row().population)).filter(|&p| p > 0)
    }

    /// (latitude, longitude).
    pub fn point(&self) -> (f64, f64) {
        (self.row().lat, self.row().lon)
    }

    pub fn geonames_id(&self) -> i64 {
        i64::from(self.row().geonames_id)
    }
}

impl Places {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn get(&self, i: usize) -> Place<'_> {
        assert!(i < self.rows.len(), "place {i} of {}", self.rows.len());
        Place { places: self, index: i }
    }

    /// The place at `i` as a [`City`], made on the first request.
    pub fn city(&self, i: usize) -> &City {
        self.made[i].get_or_init(|| {
            let p = self.get(i);
            let (lat, lon) = p.point();
            Box::new(City {
                key: p.key().to_string(),
                name: p.name().to_string(),
                country: p.country().to_string(),
                region: p.region().map(str::to_string),
                lat: Some(lat),
                lon: Some(lon),
                population: p.population(),
                geonames_id: Some(p.geonames_id()),
                wikidata_id: None,
                names: p.other_names().map(|n| Name::new(n, None)).collect(),
            })
        })
    }

    /// The index of the place with this GeoNames id (rows are sorted by
    /// id: see `data/tools/build_gazetteer.py`; a scan if they were not).
    pub fn by_geonames_id(&self, id: i64) -> Option<usize> {
        let id = u32::try_from(id).ok()?;
        match self.rows.binary_search_by_key(&id, |r| r.geonames_id) {
            Ok(i) => Some(i),
            Err(_) => self.rows.iter().position(|r| r.geonames_id == id),
        }
    }
}

/// The places, and the hash of each of their names folded (see
/// [`crate::hash_of`]) with the place's index, for the name index. The
/// text is read in two halves at once.
pub(crate) fn parse_places(src: PlaceSources<'_>) -> Result<(Places, Vec<(u64, u32)>), GazetteerError> {
    let exonyms = parse_id_map(EXONYMS, src.exonyms_csv)?;
    let pinned = parse_id_map(KEYS, src.keys_csv)?;
    let mut regions: Vec<String> = src.regions.values().cloned().collect();
    regions.sort_unstable();
    regions.dedup();
    if regions.len() >= usize::from(u16::MAX) {
        return Err(GazetteerError::File { file: REGIONS, message: format!("{} regions: at most 65,534", regions.len()) });
    }
    let region_ids: HashMap<(&str, &str), u16> = src
        .regions
        .iter()
        .map(|((cc, code), name)| ((cc.as_str(), code.as_str()), regions.binary_search(name).map_or(0, |i| i as u16 + 1)))
        .collect();
    let text = src.places_tsv;
    let middle = text[text.len() / 2..].find('\n').map_or(text.len(), |i| text.len() / 2 + i + 1);
    let (first, second) = text.split_at(middle);
    let (first_lines, second_lines) = (first.lines().count(), second.lines().count());
    let ctx = (&exonyms, &region_ids);
    let (a, b) = std::thread::scope(|scope| {
        let second = scope.spawn(|| parse_lines(second, first_lines, second_lines, ctx));
        let first = parse_lines(first, 0, first_lines + second_lines, ctx);
        (first, second.join().expect("a parsing thread does not panic"))
    });
    let (mut rows, mut names, mut hashes) = a?;
    let (more_rows, more_names, more_hashes) = b?;
    let (offset, shift) = (rows.len() as u32, names.len() as u32);
    rows.extend(more_rows.into_iter().map(|r| Row { names: r.names + shift, ..r }));
    names.push_str(&more_names);
    names.shrink_to_fit();
    hashes.extend(more_hashes.into_iter().map(|(h, i)| (h, i + offset)));
    if names.len() > u32::MAX as usize {
        return Err(GazetteerError::File { file: PLACES, message: "names over 4 GB".into() });
    }
    let mut places = Places { made: Vec::new(), rows, names, keys: String::new(), regions };
    places.keys = assign_keys(&mut places, &pinned);
    places.made = std::iter::repeat_with(OnceLock::new).take(places.rows.len()).collect();
    Ok((places, hashes))
}

type Tables<'a> = (&'a HashMap<i64, String>, &'a HashMap<(&'a str, &'a str), u16>);

/// Names a place has, on average (folded and distinct), and some.
const NAMES_PER_PLACE: usize = 4;

type Parsed = (Vec<Row>, String, Vec<(u64, u32)>);

/// [`parse_places`] of some lines, the first of which is line
/// `lines_before + 1` of the file, into vectors with room for `room`
/// places.
fn parse_lines(text: &str, lines_before: usize, room: usize, (exonyms, regions): Tables<'_>) -> Result<Parsed, GazetteerError> {
    let mut rows = Vec::with_capacity(room);
    let mut names = String::with_capacity(text.len() / 2);
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
        let geonames_id =
            id.parse::<u32>().map_err(|_| line_err(PLACES, n, format!("geonameid: '{id}' is not a number")))?;
        let country: [u8; 2] = country
            .as_bytes()
            .try_into()
            .ok()
            .filter(|c: &[u8; 2]| c.iter().all(u8::is_ascii_uppercase))
            .ok_or_else(|| line_err(PLACES, n, format!("country: '{country}' is not an ISO alpha-2 code")))?;
        let cc = std::str::from_utf8(&country).unwrap_or_default();
        let english = english_name(i64::from(geonames_id), name, cc, exonyms);
        let start = names.len();
        names.push_str(&english);
        names.push('|');
        folded.clear();
        folded.push(fold(&english));
        for alt in std::iter::once(name).chain(alternates.split('|')).filter(|a| !a.is_empty()) {
            let f = fold(alt);
            if !f.is_empty() && !folded.contains(&f) {
                folded.push(f);
                names.push_str(alt);
                names.push('|');
            }
        }
        let index = rows.len() as u32;
        hashes.extend(folded.iter().filter(|f| !f.is_empty()).map(|f| (crate::hash_of(f), index)));
        let population = num(population, "population")?;
        rows.push(Row {
            lat: num(lat, "latitude")?,
            lon: num(lon, "longitude")?,
            names: start as u32,
            name_len: u16::try_from(english.len()).map_err(|_| line_err(PLACES, n, "name: too long"))?,
            region: regions.get(&(cc, admin1)).copied().unwrap_or(0),
            names_len: (names.len() - start) as u32,
            key: 0,
            key_len: 0,
            country,
            population: population.clamp(0.0, f64::from(u32::MAX)) as u32,
            geonames_id,
        });
    }
    Ok((rows, names, hashes))
}

/// Keys are `slug-cc` ("bologna-it"); where two places of a country share a
/// name, the larger keeps the plain key and the others get their GeoNames id
/// appended ("santa-fe-us" stays unique, a second one would be
/// "santa-fe-us-5490263"). A key already given (pinned by
/// `data/gazetteer/keys.csv`, so that a place keeps the key an earlier
/// gazetteer gave it) is kept and taken first. Returns the keys' buffer.
fn assign_keys(places: &mut Places, pinned: &HashMap<i64, String>) -> String {
    let mut keys: Vec<Option<String>> =
        places.rows.iter().map(|r| pinned.get(&i64::from(r.geonames_id)).cloned()).collect();
    let mut taken: HashSet<String> = keys.iter().flatten().cloned().collect();
    let mut order: Vec<usize> = (0..keys.len()).filter(|&i| keys[i].is_none()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(places.rows[i].population), places.rows[i].geonames_id));
    for i in order {
        let p = places.get(i);
        let base = format!("{}-{}", slug(p.name()), p.country().to_ascii_lowercase());
        let key = if taken.contains(&base) { format!("{base}-{}", p.geonames_id()) } else { base };
        taken.insert(key.clone());
        keys[i] = Some(key);
    }
    let mut buffer = String::with_capacity(keys.iter().flatten().map(String::len).sum());
    for (row, key) in places.rows.iter_mut().zip(keys) {
        let key = key.unwrap_or_default();
        row.key = buffer.len() as u32;
        row.key_len = key.len() as u16;
        buffer.push_str(&key);
    }
    buffer
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

/// Adds the `iso_a2,name` rows of `text` to the names of their countries.
pub(crate) fn add_country_names(countries: &mut [Country], text: &str) -> Result<(), GazetteerError> {
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_err(COUNTRY_NAMES, e))?;
        let line = rec.position().map_or(0, |p| p.line());
        let (code, name) = (rec.get(0).unwrap_or_default(), rec.get(1).unwrap_or_default().trim());
        let Some(country) = countries.iter_mut().find(|c| c.code == code) else {
            return Err(line_err(COUNTRY_NAMES, line, format!("field iso_a2: unknown country code {code:?}")));
        };
        if name.is_empty() {
            return Err(line_err(COUNTRY_NAMES, line, "field name: empty"));
        }
        country.names.push(Name::new(name, None));
    }
    Ok(())
}
