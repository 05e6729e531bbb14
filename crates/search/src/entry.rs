//! What each kind of entry says: the registry's entities and facts rendered
//! as searchable text, with their facets.
//!
//! A city's entry summarises the accepted facts about it ("Music (2006) in
//! the UNESCO Creative Cities Network", "Twinned with Leipzig since 1962"),
//! so that "music" finds the cities of music. [`State`] keeps what that takes
//! (the cities, and per city the lines its facts contribute), so that one
//! fact's change re-renders only the cities it is about.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use citynets_model::{fold, Body, BodyKind, City, Country, Document, Fact, FactRecord, Field, Network, Status};
use tantivy::schema::Facet;
use tantivy::TantivyDocument;

use crate::schema::Fields;
use crate::HitKind;

/// One document of the index before it is one.
#[derive(Debug, Default)]
pub(crate) struct Entry {
    pub id: String,
    pub kind: Option<HitKind>,
    pub key: String,
    pub title: String,
    /// Names of the entity: strongest matches, and whole-name bonus.
    pub names: Vec<String>,
    pub body: String,
    pub aka: Vec<String>,
    /// Keys of the cities and networks the entry is about.
    pub refs: Vec<String>,
    pub countries: BTreeSet<String>,
    pub networks: BTreeSet<String>,
    pub fields: BTreeSet<Field>,
    pub prior: f64,
}

pub(crate) fn id(kind: HitKind, key: &str) -> String {
    format!("{}:{key}", kind.as_str())
}

impl Entry {
    pub fn to_doc(&self, f: &Fields) -> TantivyDocument {
        let kind = self.kind.expect("entries have a kind");
        let mut d = TantivyDocument::default();
        d.add_text(f.id, &self.id);
        d.add_text(f.kind, kind.as_str());
        d.add_text(f.key, &self.key);
        d.add_text(f.title, &self.title);
        d.add_text(f.body, &self.body);
        d.add_text(f.en, &self.title);
        d.add_text(f.it, &self.title);
        d.add_text(f.en, &self.body);
        d.add_text(f.it, &self.body);
        let mut full = BTreeSet::new();
        for n in &self.names {
            d.add_text(f.names, n);
            d.add_text(f.en, n);
            d.add_text(f.it, n);
            full.insert(fold(n));
        }
        for n in full.into_iter().filter(|n| !n.is_empty()) {
            d.add_text(f.full, &n);
        }
        for a in &self.aka {
            d.add_text(f.aka, a);
            d.add_text(f.en, a);
            d.add_text(f.it, a);
        }
        for r in &self.refs {
            d.add_text(f.refs, r);
        }
        d.add_facet(f.facets, Facet::from_path(["kind", kind.as_str()]));
        for c in &self.countries {
            d.add_facet(f.facets, Facet::from_path(["country", c.as_str()]));
        }
        for n in &self.networks {
            d.add_facet(f.facets, Facet::from_path(["network", n.as_str()]));
        }
        for x in &self.fields {
            d.add_facet(f.facets, Facet::from_path(["field", x.as_str()]));
        }
        d.add_f64(f.prior, self.prior.clamp(0.0, 1.0));
        d
    }
}

/// Names of the closed vocabularies in the catalogue's languages.
fn field_names(field: Field) -> Vec<String> {
    let g = citynets_gazetteer::Gazetteer::bundled();
    g.fields().iter().filter(|t| t.value == field).flat_map(|t| t.names.iter().map(|n| n.name.clone())).collect()
}

fn role_names(role: citynets_model::Role) -> Vec<String> {
    let g = citynets_gazetteer::Gazetteer::bundled();
    g.roles().iter().filter(|t| t.value == role).flat_map(|t| t.names.iter().map(|n| n.name.clone())).collect()
}

/// What a fact says about one of its cities, for the city's entry.
#[derive(Clone, Debug)]
pub(crate) struct CityLine {
    /// Sorts the lines: memberships and designations first, twinnings last.
    order: u8,
    text: String,
    network: Option<String>,
    field: Option<Field>,
}

/// What the index knows beyond its documents: enough to re-render a city
/// when one of its facts changes, and to expand a city or network name to
/// its key.
#[derive(Default)]
pub(crate) struct State {
    pub countries: HashMap<String, Country>,
    pub networks: BTreeMap<String, Network>,
    pub cities: HashMap<String, City>,
    /// City key → fact id → line.
    city_lines: HashMap<String, BTreeMap<i64, CityLine>>,
    /// Fact id → the cities it has lines in.
    fact_cities: HashMap<i64, Vec<String>>,
    /// Folded name → keys of the cities and networks with that name.
    pub by_name: HashMap<String, Vec<String>>,
    /// `by_name` changed since [`State::take_names`] last published it.
    names_changed: bool,
}

/// Folded name → keys of the cities and networks with that name.
pub(crate) type Names = HashMap<String, Vec<String>>;

fn range(a: Option<citynets_model::PartialDate>, b: Option<citynets_model::PartialDate>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if a == b => format!(" ({a})"),
        (Some(a), Some(b)) => format!(" ({a}–{b})"),
        (Some(a), None) => format!(" (from {a})"),
        (None, Some(b)) => format!(" (until {b})"),
        (None, None) => String::new(),
    }
}

fn since(a: Option<citynets_model::PartialDate>) -> String {
    a.map(|a| format!(" since {a}")).unwrap_or_default()
}

/// The one-line rendering of a fact: its title. `at(key)` says where the
/// city a ref names is (" (Tuscany, IT)"), to tell it from namesakes.
pub(crate) fn fact_title(rec: &FactRecord, at: &dyn Fn(Option<&String>) -> String) -> String {
    let (here, there) = (at(rec.refs.city.as_ref()), at(rec.refs.other.as_ref()));
    match &rec.fact {
        Fact::Membership { city, network, since: s, until, .. } => {
            let mut t = format!("{city}{here}: member of {network}{}", since(*s));
            if let Some(u) = until {
                t.push_str(&format!(" until {u}"));
            }
            t
        }
        Fact::Designation { city, network, field, year, until, .. } => {
            let f = field.map(|f| format!(" of {f}")).unwrap_or_default();
            let mut t = format!("{city}{here}: {network}, Creative City{f}{}", since(*year));
            if let Some(u) = until {
                t.push_str(&format!(" until {u}"));
            }
            t
        }
        Fact::Event { network, event, edition, host, start, end } => {
            let ed = edition.map(|e| format!(" #{e}")).unwrap_or_default();
            let at = host.as_deref().map(|h| format!(" in {h}{here}")).unwrap_or_default();
            format!("{network} {event}{ed}{at}{}", range(*start, *end))
        }
        Fact::Role { holder, role, organ, from, to } => format!("{holder}{here}: {role} of {organ}{}", range(*from, *to)),
        Fact::Twinning { city, other, since: s } => format!("{city}{here} twinned with {other}{there}{}", since(*s)),
        Fact::Headquarters { network, city } => format!("{network}: headquarters in {city}{here}"),
        Fact::Founded { network, year } => {
            format!("{network} founded{}", year.map(|y| format!(" in {y}")).unwrap_or_default())
        }
    }
}

/// The lines a fact contributes to its cities' entries.
fn city_lines(rec: &FactRecord) -> Vec<(String, CityLine)> {
    let line = |order, text: String, network: Option<&String>, field| CityLine {
        order,
        text,
        network: network.cloned(),
        field,
    };
    let r = &rec.refs;
    let mut out = Vec::new();
    match &rec.fact {
        Fact::Membership { network, since: s, until, .. } => {
            if let Some(c) = &r.city {
                let u = until.map(|u| format!(" until {u}")).unwrap_or_default();
                out.push((c.clone(), line(0, format!("Member of {network}{}{u}", since(*s)), r.network.as_ref(), None)));
            }
        }
        Fact::Designation { network, field, year, until, .. } => {
            if let Some(c) = &r.city {
                let f = field.map(|f| format!(" of {f}")).unwrap_or_default();
                let u = until.map(|u| format!(" until {u}")).unwrap_or_default();
                let text = format!("Creative City{f} in the {network}{}{u}", since(*year));
                out.push((c.clone(), line(0, text, r.network.as_ref(), *field)));
            }
        }
        Fact::Role { role, organ, from, to, .. } => {
            if let Some(c) = &r.city {
                out.push((c.clone(), line(1, format!("{role} of {organ}{}", range(*from, *to)), r.network.as_ref(), None)));
            }
        }
        Fact::Headquarters { network, .. } => {
            if let Some(c) = &r.city {
                out.push((c.clone(), line(1, format!("Seat of {network}"), r.network.as_ref(), None)));
            }
        }
        Fact::Event { network, event, start, end, .. } => {
            if let Some(c) = &r.city {
                // Hosting a meeting does not put a city in a network: no facet.
                out.push((c.clone(), line(2, format!("Host of the {network} {event}{}", range(*start, *end)), None, None)));
            }
        }
        Fact::Twinning { city, other, since: s } => {
            if let Some(c) = &r.city {
                out.push((c.clone(), line(3, format!("Twinned with {other}{}", since(*s)), None, None)));
            }
            if let Some(o) = &r.other {
                out.push((o.clone(), line(3, format!("Twinned with {city}{}", since(*s)), None, None)));
            }
        }
        Fact::Founded { .. } => {}
    }
    out
}

/// Whether the index holds a fact record: current and accepted.
pub(crate) fn indexable(rec: &FactRecord) -> bool {
    rec.is_current() && rec.status == Status::Accepted
}

impl State {
    pub fn set_countries(&mut self, countries: Vec<Country>) {
        self.countries = countries.into_iter().map(|c| (c.code.clone(), c)).collect();
    }

    fn country_name(&self, code: &str) -> String {
        self.countries.get(code).map(|c| c.name.clone()).unwrap_or_else(|| code.to_string())
    }

    fn add_name(&mut self, name: &str, key: &str) {
        let f = fold(name);
        if f.is_empty() {
            return;
        }
        let keys = self.by_name.entry(f).or_default();
        if !keys.iter().any(|k| k == key) {
            keys.push(key.to_string());
            self.names_changed = true;
        }
    }

    /// A copy of the names to publish to searches, if they changed.
    pub fn take_names(&mut self) -> Option<Names> {
        std::mem::take(&mut self.names_changed).then(|| self.by_name.clone())
    }

    /// Adds or replaces a city; returns whether it is new.
    pub fn set_city(&mut self, city: &City) -> bool {
        for n in std::iter::once(&city.name).chain(city.names.iter().map(|n| &n.name)) {
            self.add_name(n, &city.key);
        }
        self.cities.insert(city.key.clone(), city.clone()).is_none()
    }

    pub fn set_network(&mut self, n: &Network) {
        for name in std::iter::once(&n.name).chain(n.aliases.iter().map(|a| &a.name)) {
            self.add_name(name, &n.key);
        }
        self.add_name(&n.key, &n.key);
        self.networks.insert(n.key.clone(), n.clone());
    }

    /// Records a fact's city lines; returns the cities whose entries change.
    pub fn add_fact(&mut self, rec: &FactRecord) -> Vec<String> {
        let mut touched = Vec::new();
        for (city, line) in city_lines(rec) {
            self.city_lines.entry(city.clone()).or_default().insert(rec.id, line);
            touched.push(city);
        }
        if !touched.is_empty() {
            self.fact_cities.insert(rec.id, touched.clone());
        }
        touched
    }

    /// Forgets a fact's city lines; returns the cities whose entries change.
    pub fn remove_fact(&mut self, id: i64) -> Vec<String> {
        let cities = self.fact_cities.remove(&id).unwrap_or_default();
        for c in &cities {
            if let Some(lines) = self.city_lines.get_mut(c) {
                lines.remove(&id);
            }
        }
        cities
    }

    pub fn city_entry(&self, city: &City) -> Entry {
        let country = self.country_name(&city.country);
        let mut e = Entry {
            id: id(HitKind::City, &city.key),
            kind: Some(HitKind::City),
            key: city.key.clone(),
            title: format!("{}, {country}", city.name),
            refs: vec![city.key.clone()],
            ..Default::default()
        };
        e.countries.insert(city.country.clone());
        let mut seen = BTreeSet::new();
        for n in std::iter::once(&city.name).chain(city.names.iter().map(|n| &n.name)) {
            if seen.insert(fold(n)) {
                e.names.push(n.clone());
            }
        }
        e.aka.push(city.country.clone());
        if let Some(c) = self.countries.get(&city.country) {
            e.aka.extend(c.names.iter().map(|n| n.name.clone()));
        }
        let mut lines: Vec<&CityLine> = self.city_lines.get(&city.key).map(|l| l.values().collect()).unwrap_or_default();
        lines.sort_by(|a, b| (a.order, &a.text).cmp(&(b.order, &b.text)));
        let mut body = e.title.clone();
        for l in &lines {
            body.push_str(". ");
            body.push_str(&l.text);
            if let Some(n) = &l.network {
                e.networks.insert(n.clone());
            }
            if let Some(f) = l.field
                && e.fields.insert(f)
            {
                e.aka.extend(field_names(f));
            }
        }
        e.body = body;
        let pop = city.population.unwrap_or(0).max(1) as f64;
        e.prior = 0.5 * (pop.log10() / 7.0).min(1.0) + 0.5 * (lines.len() as f64 / 10.0).min(1.0);
        e
    }

    pub fn fact_entry(&self, rec: &FactRecord) -> Entry {
        let at = |key: Option<&String>| key.and_then(|k| self.cities.get(k)).map(|c| format!(" ({})", c.whereabouts())).unwrap_or_default();
        let title = fact_title(rec, &at);
        let mut e = Entry {
            id: id(HitKind::Fact, &rec.id.to_string()),
            kind: Some(HitKind::Fact),
            key: rec.id.to_string(),
            prior: 0.3,
            ..Default::default()
        };
        let mut body = title.clone();
        for s in &rec.sources {
            if let Some(q) = s.quote.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
                body.push_str(" — “");
                body.push_str(q);
                body.push('”');
            }
        }
        e.title = title;
        e.body = body;
        let r = &rec.refs;
        for c in [&r.city, &r.other].into_iter().flatten() {
            e.refs.push(c.clone());
            if let Some(city) = self.cities.get(c) {
                e.countries.insert(city.country.clone());
                e.aka.push(self.country_name(&city.country));
            }
        }
        if let Fact::Membership { country: Some(c), .. } | Fact::Designation { country: Some(c), .. } = &rec.fact
            && e.countries.is_empty()
        {
            e.countries.insert(c.clone());
        }
        if let Some(n) = &r.network {
            e.refs.push(n.clone());
            e.networks.insert(n.clone());
            if let Some(net) = self.networks.get(n) {
                e.aka.extend(net.aliases.iter().map(|a| a.name.clone()));
                if let Some(b) = r.body.as_ref().and_then(|b| net.bodies.iter().find(|x| &x.key == b)) {
                    e.aka.extend(b.aliases.iter().map(|a| a.name.clone()));
                }
            }
        }
        match &rec.fact {
            Fact::Designation { field: Some(f), .. } => {
                e.fields.insert(*f);
                e.aka.extend(field_names(*f));
            }
            Fact::Role { role, .. } => e.aka.extend(role_names(*role)),
            _ => {}
        }
        e
    }

    pub fn network_entries(&self, n: &Network) -> Vec<Entry> {
        let mut out = Vec::with_capacity(1 + n.bodies.len());
        let mut e = Entry {
            id: id(HitKind::Network, &n.key),
            kind: Some(HitKind::Network),
            key: n.key.clone(),
            title: n.name.clone(),
            refs: vec![n.key.clone()],
            prior: 1.0,
            ..Default::default()
        };
        e.names.push(n.name.clone());
        e.names.extend(n.aliases.iter().map(|a| a.name.clone()));
        e.networks.insert(n.key.clone());
        let kind = format!("{:?}", n.kind).to_lowercase();
        let mut body = format!("{}: a {kind} network of cities", n.name);
        if let Some(p) = n.parent.as_ref().and_then(|p| self.networks.get(p)) {
            body.push_str(&format!(", part of the {}", p.name));
        }
        if !n.bodies.is_empty() {
            let names: Vec<&str> = n.bodies.iter().map(|b| b.name.as_str()).collect();
            body.push_str(". Bodies and fields: ");
            body.push_str(&names.join(", "));
        }
        e.body = body;
        out.push(e);
        for b in &n.bodies {
            out.push(body_entry(n, b));
        }
        out
    }

    pub fn document_entry(&self, d: &Document) -> Entry {
        let title = d.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| d.key.clone());
        let mut e = Entry {
            id: id(HitKind::Document, &d.key),
            kind: Some(HitKind::Document),
            key: d.key.clone(),
            title,
            prior: 0.6,
            ..Default::default()
        };
        // The title goes in `title` only, not `names`: a document is not
        // the city or network its title names.
        e.aka.push(d.key.clone());
        // Bundled texts keep their Markdown: a snippet shows `[ITALY](#)` as
        // "ITALY", and its link targets are no words to find.
        e.body = d.text.as_deref().map(citynets_extract::input::markdown_to_text).unwrap_or_default();
        if e.body.trim().is_empty() {
            e.body = e.title.clone();
        }
        e
    }
}

fn body_entry(n: &Network, b: &Body) -> Entry {
    let organ = n.organ_name(b);
    let key = format!("{}/{}", n.key, b.key);
    let mut e = Entry {
        id: id(HitKind::Body, &key),
        kind: Some(HitKind::Body),
        key,
        title: organ.clone(),
        refs: vec![n.key.clone()],
        prior: 0.8,
        ..Default::default()
    };
    e.names.push(organ);
    e.names.push(b.name.clone());
    e.names.extend(b.aliases.iter().map(|a| a.name.clone()));
    e.networks.insert(n.key.clone());
    let kind = match b.kind {
        BodyKind::Field => "creative field",
        BodyKind::Forum => "forum",
        BodyKind::Committee => "committee",
        BodyKind::Office => "office",
        BodyKind::WorkingGroup => "working group",
        BodyKind::Assembly => "assembly",
        BodyKind::Secretariat => "secretariat",
    };
    e.body = format!("{}: {kind} of the {}", b.name, n.name);
    if b.kind == BodyKind::Field
        && let Ok(f) = b.name.parse::<Field>()
    {
        e.fields.insert(f);
        e.aka.extend(field_names(f));
    }
    e
}
