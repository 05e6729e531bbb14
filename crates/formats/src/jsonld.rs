//! schema.org JSON-LD for a city, a network and an event.
//!
//! Each function returns one top-level node with `"@context":
//! "https://schema.org"`, ready for [`embed`] in a page's `<script
//! type="application/ld+json">`. Nodes carry `@id`s that are the site's own
//! page URLs ([`SiteUrls`]), so that a city's `memberOf` and a network's
//! `member` point at each other.
//!
//! - A **city** is typed `["City", "Organization"]`: a `City` is a schema.org
//!   `Place`, and the municipality that joins networks is an organization —
//!   `memberOf` (and a network's `member`) are defined on `Organization`
//!   and `Person`, not on `Place`, so the second type keeps the roles valid
//!   for validators. Its memberships, designations and roles are
//!   `OrganizationRole`s in `memberOf`, each with `roleName`, `startDate`,
//!   `endDate` and the `Organization` it links to (schema.org's role
//!   pattern: the role wraps the target under the same property).
//! - A **network** is an `Organization`: its members as `OrganizationRole`s
//!   in `member`, its bodies in `subOrganization` (with the roles held in
//!   them), `foundingDate` and `location` from its founded and headquarters
//!   facts.
//! - An **event fact** is an `Event` with its `location` `Place` and its
//!   `organizer` `Organization`.
//!
//! Dates are ISO partial dates exactly as precise as the sources
//! (`"2014"`, `"2017-11"`, `"2013-09-18"`), which schema.org's `Date`
//! accepts.

use citynets_model::{fold, City, Fact, FactRecord, Network, PartialDate};
use serde_json::{json, Map, Value};

use crate::{facts, FormatError, SiteUrls};

/// The `@context` of every document.
pub const CONTEXT: &str = "https://schema.org";

/// The types of a city node (see the module docs).
pub const CITY_TYPES: [&str; 2] = ["City", "Organization"];

/// `city` as a schema.org `City` (a `Place`) with its network roles.
///
/// `country_name` is the country's English name (the code alone is used
/// when it is `None`). `records` are the facts to show (the caller's choice:
/// current and accepted, as of a date...); those about other cities, and
/// rejected ones, are ignored. Memberships, designations and roles held by
/// the city become `memberOf` roles, ordered by start date.
pub fn city_place(city: &City, country_name: Option<&str>, records: &[FactRecord], urls: &SiteUrls) -> Value {
    let mut node = Map::new();
    node.insert("@context".into(), json!(CONTEXT));
    node.insert("@type".into(), json!(CITY_TYPES));
    node.insert("@id".into(), json!(urls.city(&city.key)));
    node.insert("url".into(), json!(urls.city(&city.key)));
    node.insert("name".into(), json!(city.name));
    let alternate = alternate_names(&city.name, city.names.iter().map(|n| n.name.as_str()));
    if !alternate.is_empty() {
        node.insert("alternateName".into(), json!(alternate));
    }
    if let (Some(lat), Some(lon)) = (city.lat, city.lon) {
        node.insert("geo".into(), json!({ "@type": "GeoCoordinates", "latitude": lat, "longitude": lon }));
    }
    let mut country = json!({ "@type": "Country", "identifier": city.country });
    country["name"] = json!(country_name.unwrap_or(&city.country));
    node.insert("containedInPlace".into(), country);
    let same_as: Vec<String> = city
        .wikidata_id
        .iter()
        .map(|q| format!("https://www.wikidata.org/wiki/{q}"))
        .chain(city.geonames_id.iter().map(|g| format!("https://sws.geonames.org/{g}/")))
        .collect();
    if !same_as.is_empty() {
        node.insert("sameAs".into(), json!(same_as));
    }

    let mut roles: Vec<(Option<PartialDate>, Value)> = records
        .iter()
        .filter(|r| facts::usable(r) && facts::is_city(r, city))
        .filter_map(|rec| {
            let (role_name, start, end) = role_terms(&rec.fact)?;
            let target = match &rec.fact {
                Fact::Role { organ, .. } => organization_ref(organ, rec, urls),
                _ => organization_ref(facts::network_name(&rec.fact), rec, urls),
            };
            Some((start, role("memberOf", target, &role_name, start, end)))
        })
        .collect();
    roles.sort_by_key(|(start, _)| *start);
    if !roles.is_empty() {
        node.insert("memberOf".into(), Value::Array(roles.into_iter().map(|(_, v)| v).collect()));
    }
    Value::Object(node)
}

/// `network` as a schema.org `Organization`.
///
/// `records` are the facts to show; those about other networks, and
/// rejected ones, are ignored. Memberships and designations become `member`
/// roles; roles held in the network itself too, and roles held in one of
/// its bodies go to that body's `subOrganization` entry. A role's holder
/// that resolved to no city is a `Person`.
pub fn network_organization(network: &Network, records: &[FactRecord], urls: &SiteUrls) -> Value {
    let mut node = Map::new();
    node.insert("@context".into(), json!(CONTEXT));
    node.insert("@type".into(), json!("Organization"));
    node.insert("@id".into(), json!(urls.network(&network.key)));
    node.insert("url".into(), json!(urls.network(&network.key)));
    node.insert("name".into(), json!(network.name));
    let alternate = alternate_names(&network.name, network.aliases.iter().map(|n| n.name.as_str()));
    if !alternate.is_empty() {
        node.insert("alternateName".into(), json!(alternate));
    }
    if let Some(parent) = &network.parent {
        node.insert("parentOrganization".into(), json!({ "@type": "Organization", "@id": urls.network(parent) }));
    }

    let mine: Vec<&FactRecord> =
        records.iter().filter(|r| facts::usable(r) && facts::is_network(r, network)).collect();
    if let Some(founded) = mine
        .iter()
        .filter_map(|r| match r.fact {
            Fact::Founded { year, .. } => year,
            _ => None,
        })
        .min()
    {
        node.insert("foundingDate".into(), json!(founded.to_string()));
    }
    let seats: Vec<Value> = mine
        .iter()
        .filter_map(|r| match &r.fact {
            Fact::Headquarters { city, .. } => Some(place_ref(city, r.refs.city.as_deref(), urls)),
            _ => None,
        })
        .collect();
    match seats.len() {
        0 => {}
        1 => {
            node.insert("location".into(), seats.into_iter().next().unwrap_or_default());
        }
        _ => {
            node.insert("location".into(), Value::Array(seats));
        }
    }

    // Which body, if any, a role fact is held in.
    let body_of = |rec: &FactRecord| -> Option<usize> {
        let Fact::Role { organ, .. } = &rec.fact else { return None };
        network.bodies.iter().position(|b| match &rec.refs.body {
            Some(key) => key == &b.key,
            None => fold(organ) == fold(&network.organ_name(b)),
        })
    };
    let member_role = |rec: &FactRecord| -> Option<(Option<PartialDate>, Value)> {
        let (role_name, start, end) = role_terms(&rec.fact)?;
        let holder = facts::city_name(&rec.fact)?;
        let target = match (&rec.fact, &rec.refs.city) {
            (Fact::Role { .. }, None) => json!({ "@type": "Person", "name": holder }),
            (_, key) => city_ref(holder, key.as_deref(), urls),
        };
        Some((start, role("member", target, &role_name, start, end)))
    };
    let sorted = |mut v: Vec<(Option<PartialDate>, Value)>| -> Vec<Value> {
        v.sort_by_key(|(start, _)| *start);
        v.into_iter().map(|(_, v)| v).collect()
    };

    let members = sorted(mine.iter().filter(|r| body_of(r).is_none()).filter_map(|r| member_role(r)).collect());
    if !members.is_empty() {
        node.insert("member".into(), Value::Array(members));
    }
    let bodies: Vec<Value> = network
        .bodies
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let mut b = json!({
                "@type": "Organization",
                "@id": urls.body(&network.key, &body.key),
                "name": network.organ_name(body),
                "alternateName": body.name,
            });
            let members = sorted(mine.iter().filter(|r| body_of(r) == Some(i)).filter_map(|r| member_role(r)).collect());
            if !members.is_empty() {
                b["member"] = Value::Array(members);
            }
            b
        })
        .collect();
    if !bodies.is_empty() {
        node.insert("subOrganization".into(), Value::Array(bodies));
    }
    Value::Object(node)
}

/// An event fact as a schema.org `Event`: `name` "{event} ({network})",
/// `startDate`, `endDate` (the start's period when the fact states no end),
/// `location` the host city, `organizer` the network.
///
/// Fails when `rec` is not an event fact.
pub fn event(rec: &FactRecord, urls: &SiteUrls) -> Result<Value, FormatError> {
    let Fact::Event { network, event, edition, host, start, end } = &rec.fact else {
        return Err(FormatError::WrongKind { fact: rec.id, expected: "event", found: rec.fact.kind().as_str() });
    };
    let mut node = Map::new();
    node.insert("@context".into(), json!(CONTEXT));
    node.insert("@type".into(), json!("Event"));
    node.insert("@id".into(), json!(urls.fact(rec.id)));
    node.insert("url".into(), json!(urls.fact(rec.id)));
    node.insert("name".into(), json!(format!("{event} ({network})")));
    if let Some(start) = start {
        node.insert("startDate".into(), json!(start.to_string()));
        node.insert("endDate".into(), json!(end.unwrap_or(*start).to_string()));
    }
    if let Some(n) = edition {
        node.insert("description".into(), json!(format!("{event} of {network}, edition {n}")));
    }
    if let Some(host) = host {
        node.insert("location".into(), place_ref(host, rec.refs.city.as_deref(), urls));
    }
    node.insert("organizer".into(), organization_ref(network, rec, urls));
    Ok(Value::Object(node))
}

/// Serialises `value` for a `<script type="application/ld+json">` element:
/// `<`, `>` and `&` (and the JavaScript line separators U+2028, U+2029) are
/// written as `\u003c`-style escapes, so no string in the data can close
/// the element or start a comment, and the JSON means the same.
pub fn embed(value: &Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len());
    // These characters only ever occur inside JSON strings, where the
    // \uXXXX escape is equivalent.
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// A membership, designation or role as `(roleName, start, end)`.
fn role_terms(fact: &Fact) -> Option<(String, Option<PartialDate>, Option<PartialDate>)> {
    match fact {
        Fact::Membership { since, until, .. } => Some(("member".into(), *since, *until)),
        Fact::Designation { field, year, until, .. } => Some((
            field.map_or_else(|| "Creative City".to_string(), |f| format!("Creative City of {f}")),
            *year,
            *until,
        )),
        Fact::Role { role, from, to, .. } => Some((role.as_str().to_string(), *from, *to)),
        _ => None,
    }
}

/// An `OrganizationRole` wrapping `target` under `property`.
fn role(property: &str, target: Value, role_name: &str, start: Option<PartialDate>, end: Option<PartialDate>) -> Value {
    let mut r = json!({ "@type": "OrganizationRole", "roleName": role_name });
    if let Some(s) = start {
        r["startDate"] = json!(s.to_string());
    }
    if let Some(e) = end {
        r["endDate"] = json!(e.to_string());
    }
    r[property] = target;
    r
}

/// The organization a fact names: its network, or for a role in a body the
/// body (linked by the refs when the fact has them).
fn organization_ref(name: &str, rec: &FactRecord, urls: &SiteUrls) -> Value {
    let mut o = json!({ "@type": "Organization", "name": name });
    match (&rec.refs.network, &rec.refs.body, &rec.fact) {
        (Some(n), Some(b), Fact::Role { .. }) => o["@id"] = json!(urls.body(n, b)),
        (Some(n), _, _) => o["@id"] = json!(urls.network(n)),
        _ => {}
    }
    o
}

fn city_ref(name: &str, key: Option<&str>, urls: &SiteUrls) -> Value {
    let mut c = json!({ "@type": CITY_TYPES, "name": name });
    if let Some(k) = key {
        c["@id"] = json!(urls.city(k));
    }
    c
}

fn place_ref(name: &str, key: Option<&str>, urls: &SiteUrls) -> Value {
    let mut c = json!({ "@type": "City", "name": name });
    if let Some(k) = key {
        c["@id"] = json!(urls.city(k));
    }
    c
}

/// Other names than `name`, each once (compared with [`fold`]).
fn alternate_names<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = vec![fold(name)];
    names
        .filter(|n| {
            let f = fold(n);
            let new = !seen.contains(&f);
            if new {
                seen.push(f);
            }
            new
        })
        .collect()
}
