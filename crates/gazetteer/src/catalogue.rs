//! The curated catalogue of networks, their bodies, the UCCN fields and the
//! roles, with their names in the five languages (`data/networks.json`).

use std::collections::BTreeMap;

use citynets_model::{fold, Body, BodyKind, Field, Name, Network, NetworkKind, Role};
use serde::Deserialize;

use crate::GazetteerError;

const FILE: &str = "data/networks.json";

/// A term of a closed vocabulary with every word for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Term<T> {
    pub value: T,
    pub names: Vec<Name>,
}

pub(crate) struct Catalogue {
    pub networks: Vec<Network>,
    /// The country of each national network, by the networks' order.
    pub countries: Vec<Option<String>>,
    pub fields: Vec<Term<Field>>,
    pub roles: Vec<Term<Role>>,
    /// How many hold each role at once, where the catalogue limits it.
    pub role_seats: Vec<(Role, u32)>,
    /// The seats of bodies whose size is known: (network key, body key).
    pub body_seats: Vec<((String, String), u32)>,
}

/// `{"en": ["..."], "it": ["..."]}`
type Aliases = BTreeMap<String, Vec<String>>;

#[derive(Deserialize)]
struct RawCatalogue {
    networks: Vec<RawNetwork>,
    fields: Vec<RawTerm<Field>>,
    roles: Vec<RawRole>,
}

#[derive(Deserialize)]
struct RawNetwork {
    key: String,
    name: String,
    kind: NetworkKind,
    #[serde(default)]
    parent: Option<String>,
    /// ISO code of a national network's country.
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    aliases: Aliases,
    #[serde(default)]
    bodies: Vec<RawBody>,
}

#[derive(Deserialize)]
struct RawBody {
    #[serde(default)]
    key: Option<String>,
    name: String,
    kind: BodyKind,
    /// How many members the body has, where it is known.
    #[serde(default)]
    seats: Option<u32>,
    #[serde(default)]
    aliases: Aliases,
}

/// A role, and how many hold it at once in one organ (no limit when
/// absent: vice-presidents, members).
#[derive(Deserialize)]
struct RawRole {
    #[serde(flatten)]
    term: RawTerm<Role>,
    #[serde(default)]
    seats: Option<u32>,
}

#[derive(Deserialize)]
struct RawTerm<T> {
    name: T,
    #[serde(default)]
    aliases: Aliases,
}

impl<T> RawTerm<T> {
    fn into_term(self) -> Term<T> {
        Term { value: self.name, names: names(self.aliases) }
    }
}

fn names(aliases: Aliases) -> Vec<Name> {
    aliases
        .into_iter()
        .flat_map(|(lang, ns)| ns.into_iter().map(move |n| Name::new(n, Some(lang.as_str()))))
        .collect()
}

pub(crate) fn parse(json: &str) -> Result<Catalogue, GazetteerError> {
    let raw: RawCatalogue = serde_json::from_str(json).map_err(|source| GazetteerError::Json { file: FILE, source })?;
    let invalid = |message: String| GazetteerError::Line { file: FILE, line: 0, message };
    let keys: Vec<&str> = raw.networks.iter().map(|n| n.key.as_str()).collect();
    for n in &raw.networks {
        if let Some(p) = &n.parent
            && !keys.contains(&p.as_str()) {
                return Err(invalid(format!("network '{}': parent '{p}' is not a network key", n.key)));
            }
    }
    let countries = raw.networks.iter().map(|n| n.country.clone()).collect();
    let mut body_seats = Vec::new();
    for n in &raw.networks {
        for b in &n.bodies {
            match b.seats {
                Some(0) => return Err(invalid(format!("network '{}', body '{}': seats must be at least 1", n.key, b.name))),
                Some(k) => body_seats.push(((citynets_model::slug(&n.key), body_key(b)), k)),
                None => {}
            }
        }
    }
    let mut role_seats = Vec::new();
    for r in &raw.roles {
        match r.seats {
            Some(0) => return Err(invalid(format!("role '{}': seats must be at least 1", r.term.name))),
            Some(k) => role_seats.push((r.term.name, k)),
            None => {}
        }
    }
    let networks = raw
        .networks
        .into_iter()
        .map(|n| Network {
            key: citynets_model::slug(&n.key),
            name: n.name,
            kind: n.kind,
            parent: n.parent,
            aliases: names(n.aliases),
            bodies: n
                .bodies
                .into_iter()
                .map(|b| Body {
                    key: body_key(&b),
                    name: b.name,
                    kind: b.kind,
                    aliases: names(b.aliases),
                })
                .collect(),
        })
        .collect();
    Ok(Catalogue {
        networks,
        countries,
        fields: raw.fields.into_iter().map(RawTerm::into_term).collect(),
        roles: raw.roles.into_iter().map(|r| r.term.into_term()).collect(),
        role_seats,
        body_seats,
    })
}

fn body_key(b: &RawBody) -> String {
    citynets_model::slug(b.key.as_deref().unwrap_or(&b.name))
}

pub(crate) fn term_named<T: Copy + std::fmt::Display>(terms: &[Term<T>], name: &str) -> Option<T> {
    let f = fold(name);
    terms
        .iter()
        .find(|t| fold(&t.value.to_string()) == f || t.names.iter().any(|n| fold(&n.name) == f))
        .map(|t| t.value)
}
