//! Facts in the exchange shape of `facts.md`: what `citynets extract` prints,
//! what `citynets import` reads and what the API returns (plus ids, status
//! and sources, see [`crate::FactRecord`]).
//!
//! Entities are named here, not referenced by id: a fact read from a text
//! says "Torino", and resolving that to one city is the registry's work.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Field, PartialDate, Role, ValidTime};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fact {
    /// A city belongs to a network.
    Membership {
        city: String,
        #[serde(default)]
        country: Option<String>,
        network: String,
        #[serde(default)]
        since: Option<PartialDate>,
        #[serde(default)]
        until: Option<PartialDate>,
    },
    /// A city is named a UNESCO Creative City in a field: the UCCN form of
    /// membership. `until` (not in the extraction contract) records a
    /// designation that ended, e.g. a city that moved to another field.
    Designation {
        city: String,
        #[serde(default)]
        country: Option<String>,
        network: String,
        #[serde(default)]
        field: Option<Field>,
        #[serde(default)]
        year: Option<PartialDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<PartialDate>,
    },
    /// A meeting of a network, hosted by a city (none for an online one).
    Event {
        network: String,
        event: String,
        #[serde(default)]
        edition: Option<u32>,
        #[serde(default)]
        host: Option<String>,
        #[serde(default)]
        start: Option<PartialDate>,
        #[serde(default)]
        end: Option<PartialDate>,
    },
    /// A city or a person holds a role in a network or one of its bodies.
    Role {
        holder: String,
        role: Role,
        organ: String,
        #[serde(default)]
        from: Option<PartialDate>,
        #[serde(default)]
        to: Option<PartialDate>,
    },
    /// Two cities are twinned (unordered).
    Twinning {
        city: String,
        other: String,
        #[serde(default)]
        since: Option<PartialDate>,
    },
    /// A network has its seat in a city.
    Headquarters { network: String, city: String },
    /// A network was founded.
    Founded {
        network: String,
        #[serde(default)]
        year: Option<PartialDate>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    Membership,
    Designation,
    Event,
    Role,
    Twinning,
    Headquarters,
    Founded,
}

impl FactKind {
    pub const ALL: &'static [FactKind] = &[
        FactKind::Membership,
        FactKind::Designation,
        FactKind::Event,
        FactKind::Role,
        FactKind::Twinning,
        FactKind::Headquarters,
        FactKind::Founded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Membership => "membership",
            FactKind::Designation => "designation",
            FactKind::Event => "event",
            FactKind::Role => "role",
            FactKind::Twinning => "twinning",
            FactKind::Headquarters => "headquarters",
            FactKind::Founded => "founded",
        }
    }
}

impl fmt::Display for FactKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FactKind {
    type Err = crate::UnknownTerm;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FactKind::ALL.iter().copied().find(|k| k.as_str() == s.trim().to_ascii_lowercase()).ok_or_else(|| {
            crate::UnknownTerm {
                what: "kind",
                value: s.to_string(),
                expected: FactKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", "),
            }
        })
    }
}

/// What is wrong with a fact, and in which field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FactError {
    pub field: &'static str,
    pub message: String,
}

fn err(field: &'static str, message: impl Into<String>) -> FactError {
    FactError { field, message: message.into() }
}

impl Fact {
    pub fn kind(&self) -> FactKind {
        match self {
            Fact::Membership { .. } => FactKind::Membership,
            Fact::Designation { .. } => FactKind::Designation,
            Fact::Event { .. } => FactKind::Event,
            Fact::Role { .. } => FactKind::Role,
            Fact::Twinning { .. } => FactKind::Twinning,
            Fact::Headquarters { .. } => FactKind::Headquarters,
            Fact::Founded { .. } => FactKind::Founded,
        }
    }

    /// The valid time the fact states (see [`ValidTime`] for the rule).
    pub fn valid_time(&self) -> ValidTime {
        let (start, end, open_ended) = match *self {
            Fact::Membership { since, until, .. } => (since, until, true),
            Fact::Designation { year, until, .. } => (year, until, true),
            Fact::Event { start, end, .. } => (start, end, false),
            Fact::Role { from, to, .. } => (from, to, true),
            Fact::Twinning { since, .. } => (since, None, true),
            Fact::Headquarters { .. } => (None, None, true),
            Fact::Founded { year, .. } => (year, None, true),
        };
        ValidTime { start, end, open_ended }
    }

    /// Checks what the fact's refs say: a twinning joins two cities.
    pub fn check_refs(&self, refs: &crate::Refs) -> Result<(), FactError> {
        match self {
            Fact::Twinning { .. } if refs.city.is_some() && refs.city == refs.other => {
                Err(err("other", "a city cannot be twinned with itself"))
            }
            _ => Ok(()),
        }
    }

    /// Checks what can be checked without the registry: names present and
    /// within their length (see [`crate::limits`]), country codes,
    /// vocabularies, dates in order.
    pub fn validate(&self) -> Result<(), FactError> {
        self.check_lengths()?;
        self.validate_content()
    }

    /// What [`Fact::validate`] checks but the lengths: for a fact stored
    /// before the limits, which a change of its status alone keeps as it is.
    pub fn validate_content(&self) -> Result<(), FactError> {
        let name = |field: &'static str, v: &str| {
            if v.trim().is_empty() { Err(err(field, "must not be empty")) } else { Ok(()) }
        };
        let country = |c: &Option<String>| match c {
            Some(c) if !(c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())) => {
                Err(err("country", format!("'{c}' is not an ISO 3166-1 alpha-2 code such as IT or DE")))
            }
            _ => Ok(()),
        };
        let order = |a: &'static str, b: &'static str, x: Option<PartialDate>, y: Option<PartialDate>| match (x, y) {
            (Some(x), Some(y)) if x.first_day() > y.last_day() => {
                Err(err(b, format!("{b} {y} is before {a} {x}")))
            }
            _ => Ok(()),
        };
        match self {
            Fact::Membership { city, country: c, network, since, until } => {
                name("city", city)?;
                name("network", network)?;
                country(c)?;
                order("since", "until", *since, *until)
            }
            Fact::Designation { city, country: c, network, year, until, .. } => {
                name("city", city)?;
                name("network", network)?;
                country(c)?;
                order("year", "until", *year, *until)
            }
            Fact::Event { network, event, host, start, end, .. } => {
                name("network", network)?;
                name("event", event)?;
                if let Some(h) = host {
                    name("host", h)?;
                }
                if start.is_none() && end.is_some() {
                    return Err(err("start", "an event with an end needs a start"));
                }
                order("start", "end", *start, *end)
            }
            Fact::Role { holder, organ, from, to, .. } => {
                name("holder", holder)?;
                name("organ", organ)?;
                order("from", "to", *from, *to)
            }
            Fact::Twinning { city, other, .. } => {
                name("city", city)?;
                // Namesakes may be twinned (Berat, Albania and Bérat,
                // France): the refs tell (see `check_refs`).
                name("other", other)
            }
            Fact::Headquarters { network, city } => {
                name("network", network)?;
                name("city", city)
            }
            Fact::Founded { network, .. } => name("network", network),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namesakes_may_be_twinned_but_a_city_not_with_itself() {
        let f: Fact = serde_json::from_str(r#"{"kind":"twinning","city":"Berat","other":"Bérat"}"#).unwrap();
        assert_eq!(f.validate(), Ok(()));
        let refs = |a: &str, b: &str| crate::Refs { city: Some(a.into()), other: Some(b.into()), ..Default::default() };
        assert_eq!(f.check_refs(&refs("berat-al", "berat-fr")), Ok(()));
        assert_eq!(f.check_refs(&refs("berat-al", "berat-al")).unwrap_err().field, "other");
    }

    #[test]
    fn reads_and_writes_the_exchange_shape() {
        let line = r#"{"kind":"membership","city":"Bologna","country":"IT","network":"EUROCITIES","since":"1991","until":null}"#;
        let fact: Fact = serde_json::from_str(line).unwrap();
        assert_eq!(serde_json::to_string(&fact).unwrap(), line);
        let role: Fact = serde_json::from_str(
            r#"{"kind":"role","holder":"Bologna","role":"Chair","organ":"EUROCITIES Culture Forum","from":"2013","to":"2014"}"#,
        )
        .unwrap();
        assert_eq!(role.kind(), FactKind::Role);
        let vt = role.valid_time();
        assert!(vt.holds_at("2014".parse().unwrap(), None));
    }

    #[test]
    fn missing_optional_fields_default_to_null() {
        let f: Fact = serde_json::from_str(r#"{"kind":"event","network":"EUROCITIES","event":"Annual Conference","host":"Prague","start":"2019-11-20"}"#).unwrap();
        assert!(matches!(f, Fact::Event { end: None, edition: None, .. }));
        let json = serde_json::to_value(&f).unwrap();
        assert!(json.get("end").unwrap().is_null());
    }

    #[test]
    fn rejects_bad_values_naming_the_field() {
        let bad = |s: &str| serde_json::from_str::<Fact>(s).unwrap_err().to_string();
        assert!(bad(r#"{"kind":"role","holder":"X","role":"Emperor","organ":"EUROCITIES"}"#).contains("Emperor"));
        assert!(bad(r#"{"kind":"membership","city":"X","network":"Y","since":"1991-13"}"#).contains("month 13"));
        assert!(bad(r#"{"kind":"alliance","city":"X"}"#).contains("alliance"));

        let f: Fact = serde_json::from_str(r#"{"kind":"membership","city":"X","country":"Italy","network":"Y"}"#).unwrap();
        assert_eq!(f.validate().unwrap_err().field, "country");
        let f: Fact = serde_json::from_str(r#"{"kind":"role","holder":"Bologna","role":"Member","organ":"EUROCITIES Executive Committee","from":"1999","to":"1993"}"#).unwrap();
        let e = f.validate().unwrap_err();
        assert_eq!(e.field, "to");
        assert!(e.message.contains("before"), "{e}");
        let f: Fact = serde_json::from_str(r#"{"kind":"twinning","city":"Bologna","other":" "}"#).unwrap();
        assert_eq!(f.validate().unwrap_err().field, "other");
        let f: Fact = serde_json::from_str(r#"{"kind":"headquarters","network":" ","city":"Brussels"}"#).unwrap();
        assert_eq!(f.validate().unwrap_err().field, "network");
    }

    #[test]
    fn valid_time_per_kind() {
        let f: Fact = serde_json::from_str(r#"{"kind":"event","network":"N","event":"Meeting","host":"Paris","start":"2008"}"#).unwrap();
        let vt = f.valid_time();
        assert!(!vt.open_ended);
        assert!(!vt.holds_at("2009".parse().unwrap(), None));
        let f: Fact = serde_json::from_str(r#"{"kind":"twinning","city":"Bologna","other":"Leipzig","since":"1962"}"#).unwrap();
        assert!(f.valid_time().holds_at("2020".parse().unwrap(), None));
        assert!(!f.valid_time().holds_at("1961".parse().unwrap(), None));
    }
}
