//! The entities facts are about.

use serde::{Deserialize, Serialize};

use crate::PartialDate;

/// A name in a language (`lang` is ISO 639-1 where known).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Name {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Name {
    pub fn new(name: impl Into<String>, lang: Option<&str>) -> Self {
        Name { name: name.into(), lang: lang.map(str::to_string) }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct City {
    /// Stable, URL-safe key: `bologna-it`, `santa-fe-us`.
    pub key: String,
    /// The English name (exonym where one is usual: Turin, Brussels).
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The first-level division the city is in (GeoNames' admin1: a
    /// region, state or province): "Andalusia", "Emilia-Romagna".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub population: Option<i64>,
    #[serde(default)]
    pub geonames_id: Option<i64>,
    #[serde(default)]
    pub wikidata_id: Option<String>,
    /// Native and alternate names, in any language.
    #[serde(default)]
    pub names: Vec<Name>,
}

impl City {
    /// Where the city is, as a list shows it beside its name to tell it
    /// from namesakes: "Tuscany, IT", or the country alone.
    pub fn whereabouts(&self) -> String {
        match &self.region {
            Some(r) if !r.is_empty() => format!("{r}, {}", self.country),
            _ => self.country.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub names: Vec<Name>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub subregion: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkKind {
    Global,
    Regional,
    National,
    Bilateral,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// A UCCN creative field (Music, Design, ...).
    Field,
    Forum,
    Committee,
    Office,
    WorkingGroup,
    Assembly,
    Secretariat,
}

/// A network of cities. Its founding and seat are facts, not attributes:
/// they have sources and valid times like every other fact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// Stable, URL-safe key: `uccn`, `eurocities`.
    pub key: String,
    /// The canonical English name, as the fact format writes it.
    pub name: String,
    pub kind: NetworkKind,
    /// The network this one is part of (the Italian coordination in the UCCN).
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub aliases: Vec<Name>,
    #[serde(default)]
    pub bodies: Vec<Body>,
}

/// A forum, committee, office, working group or field of a network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Body {
    /// Unique within its network: `culture-forum`.
    pub key: String,
    /// The body's own name, without the network's: "Culture Forum".
    pub name: String,
    pub kind: BodyKind,
    #[serde(default)]
    pub aliases: Vec<Name>,
}

impl Network {
    /// The organ name of a body as the fact format writes it:
    /// "EUROCITIES Culture Forum".
    pub fn organ_name(&self, body: &Body) -> String {
        format!("{} {}", self.name, body.name)
    }
}

/// A text facts were read from, or a dataset they were loaded from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// `seed-003`, `uccn-members-2024`.
    pub key: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// ISO 639-1.
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub published: Option<PartialDate>,
    /// The full text, when the registry keeps it (texts, not datasets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}
