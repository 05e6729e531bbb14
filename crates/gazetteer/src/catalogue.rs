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
}

/// `{"en": ["..."], "it": ["..."]}`
type Aliases = BTreeMap<String, Vec<String>>;

#[derive(Deserialize)]
struct RawCatalogue {
    networks: Vec<RawNetwork>,
    fields: Vec<RawTerm<Field>>,
    roles: Vec<RawTerm<Role>>,
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
    #[serde(default)]
    aliases: Aliases,
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
                    key: citynets_model::slug(b.key.as_deref().unwrap_or(&b.name)),
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
        roles: raw.roles.into_iter().map(RawTerm::into_term).collect(),
    })
}

pub(crate) fn term_named<T: Copy + std::fmt::Display>(terms: &[Term<T>], name: &str) -> Option<T> {
    let f = fold(name);
    terms
        .iter()
        .find(|t| fold(&t.value.to_string()) == f || t.names.iter().any(|n| fold(&n.name) == f))
        .map(|t| t.value)
}
