//! A synthetic world of city networks, for measuring the registry at scale.
//!
//! At scale 1 the world has 100,000 cities in 60 countries, 1,000 networks
//! with their bodies (every tenth a UCCN-like network of the seven creative
//! fields), 5,000 documents and 5,000,000 facts: memberships and
//! designations with start years (a fifth of them ended), roles with
//! two-year terms, annual meetings with their hosts, twinnings, founding
//! years and seats. Everything scales linearly with the factor (at least 10
//! cities, 2 networks, 100 facts); where a small world has fewer distinct
//! city–network pairs or city pairs than its share asks, roles take up the
//! rest (see [`Shape::at`]).
//!
//! History: one membership in fifty is first stated without its start year
//! and restated with it from another document (the registry records a new
//! version), and one in fifty is restated by a second document (the fact
//! gains a source). These restatements come after the facts, as a later
//! import would.
//!
//! The world is a pure function of its seed and scale ([`World::new`]):
//! every value comes from [`rng::Mix`], a counter-based SplitMix64, so any
//! fact can be generated on its own ([`World::fact`]) and batches can be
//! generated lazily ([`World::batches`]).

pub mod rng;

use citynets_model::{
    Body, BodyKind, City, Country, Document, Fact, Field, Name, Network, NetworkKind, PartialDate, Refs, Role, Source, Status,
};
use citynets_store::{Batch, FactInput};

use rng::Mix;

/// The size of a world at a scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    pub cities: usize,
    pub networks: usize,
    pub documents: usize,
    pub founded: usize,
    pub headquarters: usize,
    pub events: usize,
    /// Memberships and designations (designations in field networks).
    pub memberships: usize,
    pub twinnings: usize,
    pub roles: usize,
    /// Memberships stated again by another document, with their start year
    /// (enriching: a new version) or as they were (corroborating: a source).
    pub restatements: usize,
}

pub const FULL_CITIES: f64 = 100_000.0;
pub const FULL_NETWORKS: f64 = 1_000.0;
pub const FULL_FACTS: f64 = 5_000_000.0;
/// Facts per document.
pub const FACTS_PER_DOCUMENT: usize = 1_000;
/// Shares of the facts at full scale.
const MEMBERSHIP_SHARE: f64 = 0.5;
const TWINNING_SHARE: f64 = 0.14;
/// The last year of the world.
pub const LAST_YEAR: i32 = 2024;
/// One membership in this many is restated with its start, one with its source.
const RESTATE_EVERY: usize = 50;

impl Shape {
    pub fn at(scale: f64) -> Shape {
        let cities = ((FULL_CITIES * scale).round() as usize).max(10);
        let networks = ((FULL_NETWORKS * scale).round() as usize).max(2);
        let facts = ((FULL_FACTS * scale).round() as usize).max(100);
        let documents = facts.div_ceil(FACTS_PER_DOCUMENT);
        let events: usize = (0..networks).map(|n| (LAST_YEAR - founding_year(n)) as usize).sum();
        let memberships = ((facts as f64 * MEMBERSHIP_SHARE).round() as usize).min(cities * networks);
        // Pairs {i, i + a} with 1 <= a < cities / 2 are all distinct.
        let twinnings = ((facts as f64 * TWINNING_SHARE).round() as usize).min(cities * ((cities - 1) / 2));
        let fixed = 2 * networks + events + memberships + twinnings;
        let roles = facts.saturating_sub(fixed);
        let restatements = 2 * memberships.div_ceil(RESTATE_EVERY);
        Shape { cities, networks, documents, founded: networks, headquarters: networks, events, memberships, twinnings, roles, restatements }
    }

    /// Facts of the world (restatements not counted: they state these again).
    pub fn facts(&self) -> usize {
        self.founded + self.headquarters + self.events + self.memberships + self.twinnings + self.roles
    }

    /// Facts to write: the facts and their restatements.
    pub fn inputs(&self) -> usize {
        self.facts() + self.restatements
    }
}

/// Every network meets once a year from the year after its founding.
fn founding_year(n: usize) -> i32 {
    1950 + (Mix::new(0x5eed, 1).at(n as u64) % 60) as i32
}

const COUNTRIES: &[(&str, &str)] = &[
    ("AR", "Argentina"), ("AT", "Austria"), ("AU", "Australia"), ("BE", "Belgium"), ("BG", "Bulgaria"), ("BR", "Brazil"),
    ("CA", "Canada"), ("CH", "Switzerland"), ("CL", "Chile"), ("CN", "China"), ("CO", "Colombia"), ("CZ", "Czechia"),
    ("DE", "Germany"), ("DK", "Denmark"), ("EE", "Estonia"), ("EG", "Egypt"), ("ES", "Spain"), ("FI", "Finland"),
    ("FR", "France"), ("GB", "United Kingdom"), ("GR", "Greece"), ("HR", "Croatia"), ("HU", "Hungary"), ("ID", "Indonesia"),
    ("IE", "Ireland"), ("IN", "India"), ("IT", "Italy"), ("JP", "Japan"), ("KE", "Kenya"), ("KR", "South Korea"),
    ("LT", "Lithuania"), ("LV", "Latvia"), ("MA", "Morocco"), ("MX", "Mexico"), ("NG", "Nigeria"), ("NL", "Netherlands"),
    ("NO", "Norway"), ("NZ", "New Zealand"), ("PE", "Peru"), ("PH", "Philippines"), ("PL", "Poland"), ("PT", "Portugal"),
    ("RO", "Romania"), ("RS", "Serbia"), ("SE", "Sweden"), ("SI", "Slovenia"), ("SK", "Slovakia"), ("SN", "Senegal"),
    ("TH", "Thailand"), ("TN", "Tunisia"), ("TR", "Türkiye"), ("TW", "Taiwan"), ("UA", "Ukraine"), ("US", "United States"),
    ("UY", "Uruguay"), ("VN", "Viet Nam"), ("ZA", "South Africa"), ("ZM", "Zambia"), ("GH", "Ghana"), ("EC", "Ecuador"),
];

const CONSONANTS: &[u8] = b"bcdfgklmnprstvz";
const VOWELS: &[u8] = b"aeiou";
/// Three syllables of two letters: 75^3 distinct names.
const NAME_SPACE: u64 = 75 * 75 * 75;

const THEMES: &[&str] = &[
    "Culture", "Climate", "Mobility", "Heritage", "Learning", "Health", "Water", "Energy", "Peace", "Food", "Innovation",
    "Music", "Design", "Youth", "Ports", "Rivers", "Mountains", "Islands", "Digital", "Safety",
];
const FORMS: &[&str] = &["Cities Network", "Alliance of Cities", "Forum of Cities", "Municipal League", "City Partnership"];
const BODIES: &[(&str, &str, BodyKind)] = &[
    ("executive-committee", "Executive Committee", BodyKind::Committee),
    ("general-assembly", "General Assembly", BodyKind::Assembly),
    ("culture-forum", "Culture Forum", BodyKind::Forum),
    ("environment-forum", "Environment Forum", BodyKind::Forum),
    ("mobility-forum", "Mobility Forum", BodyKind::Forum),
    ("social-affairs-forum", "Social Affairs Forum", BodyKind::Forum),
    ("economic-forum", "Economic Development Forum", BodyKind::Forum),
    ("knowledge-forum", "Knowledge Society Forum", BodyKind::Forum),
    ("working-group-data", "Working Group Data", BodyKind::WorkingGroup),
    ("secretariat", "Secretariat", BodyKind::Secretariat),
];
const FIRST_NAMES: &[&str] = &["Anna", "Marco", "Sofia", "Jonas", "Amina", "Luis", "Mei", "Olga", "Kwame", "Elena", "Tomas", "Ines"];
const ROLE_SLOTS: &[Role] = &[Role::Chair, Role::ViceChair, Role::Member, Role::Member, Role::Member, Role::Member, Role::Secretary];

/// A city of the world, as facts name it.
#[derive(Clone, Debug)]
struct CityName {
    key: String,
    name: String,
    country: &'static str,
}

#[derive(Clone, Debug)]
struct NetworkInfo {
    key: String,
    name: String,
    founded: i32,
    /// A UCCN-like network: members are designated in a field.
    fields: bool,
    bodies: Vec<(String, String)>,
    /// First event index of this network.
    first_event: usize,
}

/// A synthetic world (see the crate docs).
pub struct World {
    seed: u64,
    shape: Shape,
    cities: Vec<CityName>,
    networks: Vec<NetworkInfo>,
}

fn field_key(f: Field) -> String {
    f.as_str().to_lowercase().replace(' ', "-")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A date of `year` at year, month or day precision.
fn date(r: u64, year: i32) -> PartialDate {
    match r % 10 {
        0..=6 => PartialDate::year(year),
        7 | 8 => PartialDate::new(year, Some(1 + (r / 10 % 12) as u32), None),
        _ => PartialDate::new(year, Some(1 + (r / 10 % 12) as u32), Some(1 + (r / 120 % 28) as u32)),
    }
    .expect("generated dates are valid")
}

impl World {
    pub fn new(seed: u64, scale: f64) -> World {
        let shape = Shape::at(scale);
        let names = Mix::new(seed, 10);
        // A bijection of the name space, so that names are distinct.
        let (mul, add) = (7_919u64, names.at(0) % NAME_SPACE);
        let cities = (0..shape.cities)
            .map(|i| {
                let mut code = (i as u64 * mul + add) % NAME_SPACE;
                let mut name = String::with_capacity(6);
                for _ in 0..3 {
                    let s = (code % 75) as usize;
                    code /= 75;
                    name.push(CONSONANTS[s / 5] as char);
                    name.push(VOWELS[s % 5] as char);
                }
                let country = COUNTRIES[(names.at(1 + i as u64) % COUNTRIES.len() as u64) as usize].0;
                CityName { key: format!("{name}-{}", country.to_ascii_lowercase()), name: capitalise(&name), country }
            })
            .collect();
        let nets = Mix::new(seed, 11);
        let mut first_event = 0;
        let networks = (0..shape.networks)
            .map(|n| {
                let theme = THEMES[(nets.at(2 * n as u64) % THEMES.len() as u64) as usize];
                let form = FORMS[(nets.at(2 * n as u64 + 1) % FORMS.len() as u64) as usize];
                let fields = n % 10 == 0;
                let bodies = if fields {
                    Field::ALL.iter().map(|f| (field_key(*f), f.as_str().to_string())).collect()
                } else {
                    let k = 3 + (nets.at(1_000_000 + n as u64) % 6) as usize;
                    let start = (nets.at(2_000_000 + n as u64) % BODIES.len() as u64) as usize;
                    (0..k).map(|j| BODIES[(start + j) % BODIES.len()]).map(|(k, name, _)| (k.to_string(), name.to_string())).collect()
                };
                let founded = founding_year(n);
                let info = NetworkInfo {
                    key: format!("{}-{}-{n}", theme.to_lowercase(), form.split(' ').next().unwrap_or("net").to_lowercase()),
                    name: format!("{theme} {form} {n}"),
                    founded,
                    fields,
                    bodies,
                    first_event,
                };
                first_event += (LAST_YEAR - founded) as usize;
                info
            })
            .collect();
        World { seed, shape, cities, networks }
    }

    pub fn shape(&self) -> &Shape {
        &self.shape
    }

    pub fn countries(&self) -> Vec<Country> {
        COUNTRIES
            .iter()
            .map(|(code, name)| Country { code: code.to_string(), name: name.to_string(), names: vec![], region: None, subregion: None })
            .collect()
    }

    pub fn cities(&self) -> Vec<City> {
        let geo = Mix::new(self.seed, 12);
        self.cities
            .iter()
            .enumerate()
            .map(|(i, c)| City {
                key: c.key.clone(),
                name: c.name.clone(),
                country: c.country.to_string(),
                lat: Some(geo.unit(3 * i as u64) * 140.0 - 60.0),
                lon: Some(geo.unit(3 * i as u64 + 1) * 360.0 - 180.0),
                population: Some(5_000 + (geo.at(3 * i as u64 + 2) % 3_000_000) as i64),
                geonames_id: None,
                wikidata_id: None,
                region: None,
                names: vec![Name::new(c.name.to_uppercase(), Some("en"))],
            })
            .collect()
    }

    pub fn networks(&self) -> Vec<Network> {
        self.networks
            .iter()
            .map(|n| Network {
                key: n.key.clone(),
                name: n.name.clone(),
                kind: if n.fields { NetworkKind::Global } else { NetworkKind::Regional },
                parent: None,
                aliases: vec![],
                bodies: n
                    .bodies
                    .iter()
                    .map(|(key, name)| Body {
                        key: key.clone(),
                        name: name.clone(),
                        kind: if n.fields {
                            BodyKind::Field
                        } else {
                            BODIES.iter().find(|b| b.0 == key).map_or(BodyKind::Forum, |b| b.2)
                        },
                        aliases: vec![],
                    })
                    .collect(),
            })
            .collect()
    }

    pub fn documents(&self) -> Vec<Document> {
        let m = Mix::new(self.seed, 13);
        (0..self.shape.documents)
            .map(|d| {
                let year = 1990 + (m.at(d as u64) % 35) as i32;
                let city = &self.cities[(m.at(1_000_000 + d as u64) % self.cities.len() as u64) as usize];
                let net = &self.networks[d % self.networks.len()];
                Document {
                    key: format!("synth-doc-{d}"),
                    title: Some(format!("{} joins the {}", city.name, net.name)),
                    url: Some(format!("https://example.org/news/{d}")),
                    language: Some("en".into()),
                    published: Some(date(m.at(2_000_000 + d as u64), year)),
                    text: Some(format!(
                        "{city} joined the {net} in {year}. The city will take part in the network's annual meeting \
                         and its forums. Document {d} of the synthetic world.",
                        city = city.name,
                        net = net.name
                    )),
                }
            })
            .collect()
    }

    /// The countries, networks, cities and documents, as one batch.
    pub fn entities(&self) -> Batch {
        Batch {
            countries: self.countries(),
            networks: self.networks(),
            cities: self.cities(),
            documents: self.documents(),
            facts: Vec::new(),
            comment: Some("synthetic world".into()),
            author: None,
        }
    }

    fn city(&self, i: u64) -> &CityName {
        &self.cities[(i % self.cities.len() as u64) as usize]
    }

    fn source(&self, r: u64) -> Vec<Source> {
        let doc = (r % self.shape.documents as u64) as usize;
        let quote = r.is_multiple_of(10).then(|| "stated in the text".to_string());
        vec![Source { quote, span: None, ..Source::document(format!("synth-doc-{doc}")) }]
    }

    fn input(&self, fact: Fact, refs: Refs, r: u64) -> FactInput {
        FactInput { fact, refs, status: Status::Accepted, sources: self.source(r) }
    }

    /// The `i`-th fact to write (`i < shape().inputs()`), in write order:
    /// founding years, seats, meetings, memberships and designations,
    /// twinnings, roles, then the restatements.
    pub fn fact(&self, i: usize) -> FactInput {
        let s = &self.shape;
        let r = Mix::new(self.seed, 20).at(i as u64);
        let mut i = i;
        if i < s.founded {
            let n = &self.networks[i];
            let fact = Fact::Founded { network: n.name.clone(), year: Some(PartialDate::year(n.founded).expect("a year")) };
            return self.input(fact, Refs { network: Some(n.key.clone()), ..Refs::default() }, r);
        }
        i -= s.founded;
        if i < s.headquarters {
            let n = &self.networks[i];
            let c = self.city(r >> 8);
            let fact = Fact::Headquarters { network: n.name.clone(), city: c.name.clone() };
            return self.input(fact, Refs { city: Some(c.key.clone()), network: Some(n.key.clone()), ..Refs::default() }, r);
        }
        i -= s.headquarters;
        if i < s.events {
            let n = self.networks.partition_point(|n| n.first_event <= i) - 1;
            let net = &self.networks[n];
            let edition = (i - net.first_event + 1) as u32;
            let year = net.founded + edition as i32;
            let host = self.city(r >> 8);
            let start = date(r >> 40, year);
            let fact = Fact::Event {
                network: net.name.clone(),
                event: "Annual Meeting".into(),
                edition: Some(edition),
                host: Some(host.name.clone()),
                start: Some(start),
                end: None,
            };
            return self.input(fact, Refs { city: Some(host.key.clone()), network: Some(net.key.clone()), ..Refs::default() }, r);
        }
        i -= s.events;
        if i < s.memberships {
            return self.membership(i, r, Restate::No);
        }
        i -= s.memberships;
        if i < s.twinnings {
            // Pair {c, c + a}: a = 1 for the first `cities` pairs, then 2, ...
            let c = i % s.cities;
            let a = 1 + i / s.cities;
            let (x, y) = (self.city(c as u64), self.city((c + a) as u64));
            let fact = Fact::Twinning { city: x.name.clone(), other: y.name.clone(), since: Some(date(r >> 8, 1950 + ((r >> 20) % 75) as i32)) };
            return self.input(fact, Refs { city: Some(x.key.clone()), other: Some(y.key.clone()), ..Refs::default() }, r);
        }
        i -= s.twinnings;
        if i < s.roles {
            return self.role(i, r);
        }
        i -= s.roles;
        // Restatements: enrich the memberships stated without start, then
        // corroborate others.
        let half = s.restatements / 2;
        if i < half {
            self.membership(i * RESTATE_EVERY, r, Restate::WithStart)
        } else {
            self.membership(((i - half) * RESTATE_EVERY + RESTATE_EVERY / 2) % s.memberships.max(1), r, Restate::Again)
        }
    }

    fn membership(&self, k: usize, r: u64, restate: Restate) -> FactInput {
        let s = &self.shape;
        let m = Mix::new(self.seed, 21);
        let n = k % s.networks;
        let net = &self.networks[n];
        // Distinct cities per network: a stride through the cities.
        let j = (k / s.networks) as u64;
        let start = m.at(n as u64);
        let city = self.city(start + j * stride(s.cities as u64));
        let own = m.at(1_000_000 + k as u64);
        let since_year = (net.founded + (own % (LAST_YEAR - net.founded + 1) as u64) as i32).min(LAST_YEAR);
        let since = date(own >> 20, since_year);
        let until = (own >> 40).is_multiple_of(5).then(|| {
            let y = (since_year + 1 + ((own >> 44) % 15) as i32).min(LAST_YEAR);
            PartialDate::year(y).expect("a year")
        });
        let stated_start = match restate {
            Restate::No if k.is_multiple_of(RESTATE_EVERY) => None,
            _ => Some(since),
        };
        let refs = Refs { city: Some(city.key.clone()), network: Some(net.key.clone()), body: None, other: None };
        let (fact, refs) = if net.fields {
            let field = Field::ALL[(own >> 12) as usize % Field::ALL.len()];
            let fact = Fact::Designation {
                city: city.name.clone(),
                country: Some(city.country.to_string()),
                network: net.name.clone(),
                field: Some(field),
                year: stated_start,
                until,
            };
            (fact, Refs { body: Some(field_key(field)), ..refs })
        } else {
            let fact = Fact::Membership {
                city: city.name.clone(),
                country: Some(city.country.to_string()),
                network: net.name.clone(),
                since: stated_start,
                until,
            };
            (fact, refs)
        };
        // The original's source, or another document for a restatement.
        let src = match restate {
            Restate::No => own,
            _ => own.wrapping_add(1 + r % 7),
        };
        self.input(fact, refs, src)
    }

    fn role(&self, i: usize, r: u64) -> FactInput {
        // Term t of organ o, slot k: organs are each network and its bodies.
        let organs: usize = self.networks.iter().map(|n| 1 + n.bodies.len()).sum::<usize>().max(1);
        let per_term = organs * ROLE_SLOTS.len();
        let (t, rest) = (i / per_term, i % per_term);
        let (mut o, k) = (rest / ROLE_SLOTS.len(), rest % ROLE_SLOTS.len());
        let mut n = 0;
        while o > self.networks[n].bodies.len() {
            o -= 1 + self.networks[n].bodies.len();
            n += 1;
        }
        let net = &self.networks[n];
        let body = (o > 0).then(|| &net.bodies[o - 1]);
        let span = (LAST_YEAR - net.founded).max(2) as usize;
        let from = net.founded + ((2 * t) % span) as i32;
        let to = (from + 1).min(LAST_YEAR);
        let role = ROLE_SLOTS[k];
        let organ = match body {
            Some((_, name)) => format!("{} {name}", net.name),
            None => net.name.clone(),
        };
        let mut refs = Refs { network: Some(net.key.clone()), body: body.map(|b| b.0.clone()), ..Refs::default() };
        let holder = if role == Role::Secretary {
            format!("{} {}", FIRST_NAMES[(r >> 8) as usize % FIRST_NAMES.len()], capitalise(&self.city(r >> 16).name))
        } else {
            let c = self.city(r >> 8);
            refs.city = Some(c.key.clone());
            c.name.clone()
        };
        let fact = Fact::Role {
            holder,
            role,
            organ,
            from: Some(PartialDate::year(from).expect("a year")),
            to: Some(PartialDate::year(to).expect("a year")),
        };
        self.input(fact, refs, r)
    }

    /// The facts in batches of `size`, in write order.
    pub fn batches(&self, size: usize) -> impl Iterator<Item = Batch> + '_ {
        let total = self.shape.inputs();
        (0..total).step_by(size.max(1)).map(move |start| Batch {
            facts: (start..(start + size).min(total)).map(|i| self.fact(i)).collect(),
            comment: Some("synthetic world".into()),
            ..Batch::default()
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Restate {
    No,
    WithStart,
    Again,
}

/// A step through `n` items that visits each once: coprime with `n`.
fn stride(n: u64) -> u64 {
    let mut s = (n as f64 * 0.618_033_988_7) as u64 | 1;
    while gcd(s, n) != 1 {
        s += 2;
    }
    s.max(1)
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}
