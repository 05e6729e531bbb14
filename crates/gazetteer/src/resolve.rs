//! From a fact that names things to a fact that refers to registry entities.

use citynets_model::{BodyKind, City, Fact, Refs};

use crate::{Gazetteer, ResolveError};

/// A fact whose names resolved: its names made canonical (Torino → Turin,
/// Eurocities → EUROCITIES), the keys they resolved to, and the cities
/// themselves (so that a store can add them with the fact), and the
/// guesses made on the way: names that only size decided among
/// namesakes, each a note for the fact's source (see
/// [`Gazetteer::guess_note`]).
#[derive(Debug, Clone)]
pub struct Resolved<'g> {
    pub fact: Fact,
    pub refs: Refs,
    pub cities: Vec<&'g City>,
    pub guesses: Vec<String>,
}

/// Which field of a fact did not resolve, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {error}")]
pub struct FactResolveError {
    pub field: &'static str,
    pub error: ResolveError,
}

fn at(field: &'static str) -> impl FnOnce(ResolveError) -> FactResolveError {
    move |error| FactResolveError { field, error }
}

impl Gazetteer {
    /// Resolves every name in `fact` (see the crate docs for the rule);
    /// `prefer` picks among same-named cities, e.g. the ones already in the
    /// fact's network. A role's holder that is no city is a person and is
    /// kept as written.
    pub fn resolve<'g>(&'g self, fact: &Fact, prefer: &dyn Fn(&City) -> bool) -> Result<Resolved<'g>, FactResolveError> {
        let mut refs = Refs::default();
        let mut cities = Vec::new();
        let mut guesses = Vec::new();
        let mut city = |name: &str, country: Option<&str>, field: &'static str| -> Result<&'g City, FactResolveError> {
            let (c, guess) = self.resolve_city_noting(name, country, prefer).map_err(at(field))?;
            cities.push(c);
            guesses.extend(guess);
            Ok(c)
        };
        let fact = match fact.clone() {
            Fact::Membership { city: name, country, network, since, until } => {
                let net = self.network_named(&network).map_err(at("network"))?;
                let c = city(&name, country.as_deref(), "city")?;
                refs.network = Some(net.key.clone());
                refs.city = Some(c.key.clone());
                Fact::Membership {
                    city: c.name.clone(),
                    country: Some(c.country.clone()),
                    network: net.name.clone(),
                    since,
                    until,
                }
            }
            Fact::Designation { city: name, country, network, field, year, until } => {
                let net = self.network_named(&network).map_err(at("network"))?;
                let c = city(&name, country.as_deref(), "city")?;
                refs.network = Some(net.key.clone());
                refs.city = Some(c.key.clone());
                refs.body = field.and_then(|f| {
                    net.bodies.iter().find(|b| b.kind == BodyKind::Field && b.name == f.as_str()).map(|b| b.key.clone())
                });
                Fact::Designation {
                    city: c.name.clone(),
                    country: Some(c.country.clone()),
                    network: net.name.clone(),
                    field,
                    year,
                    until,
                }
            }
            Fact::Event { network, event, edition, host, start, end } => {
                let net = self.network_named(&network).map_err(at("network"))?;
                refs.network = Some(net.key.clone());
                let host = match host {
                    Some(h) => {
                        let c = city(&h, None, "host")?;
                        refs.city = Some(c.key.clone());
                        Some(c.name.clone())
                    }
                    None => None,
                };
                Fact::Event { network: net.name.clone(), event: event.trim().to_string(), edition, host, start, end }
            }
            Fact::Role { holder, role, organ, from, to } => {
                let (net, body) = self.organ_named(&organ).map_err(at("organ"))?;
                refs.network = Some(net.key.clone());
                refs.body = body.map(|b| b.key.clone());
                let holder = match city(&holder, None, "holder") {
                    Ok(c) => {
                        refs.city = Some(c.key.clone());
                        c.name.clone()
                    }
                    Err(_) => holder.split_whitespace().collect::<Vec<_>>().join(" "),
                };
                let organ = body.map(|b| net.organ_name(b)).unwrap_or_else(|| net.name.clone());
                Fact::Role { holder, role, organ, from, to }
            }
            Fact::Twinning { city: a, other: b, since } => {
                let ca = city(&a, None, "city")?;
                let cb = city(&b, None, "other")?;
                if ca.key == cb.key {
                    return Err(FactResolveError {
                        field: "other",
                        error: ResolveError::SameCity(ca.name.clone()),
                    });
                }
                refs.city = Some(ca.key.clone());
                refs.other = Some(cb.key.clone());
                Fact::Twinning { city: ca.name.clone(), other: cb.name.clone(), since }
            }
            Fact::Headquarters { network, city: name } => {
                let net = self.network_named(&network).map_err(at("network"))?;
                let c = city(&name, None, "city")?;
                refs.network = Some(net.key.clone());
                refs.city = Some(c.key.clone());
                Fact::Headquarters { network: net.name.clone(), city: c.name.clone() }
            }
            Fact::Founded { network, year } => {
                let net = self.network_named(&network).map_err(at("network"))?;
                refs.network = Some(net.key.clone());
                Fact::Founded { network: net.name.clone(), year }
            }
        };
        Ok(Resolved { fact, refs, cities, guesses })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(json: &str) -> Fact {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn canonical_names_and_refs() {
        let g = Gazetteer::bundled();
        let r = g
            .resolve(&fact(r#"{"kind":"membership","city":"Torino","network":"eurocities","since":"1991"}"#), &|_| false)
            .unwrap();
        assert_eq!(r.fact, fact(r#"{"kind":"membership","city":"Turin","country":"IT","network":"EUROCITIES","since":"1991"}"#));
        assert_eq!(r.refs.city.as_deref(), Some("turin-it"));
        assert_eq!(r.refs.network.as_deref(), Some("eurocities"));
        assert_eq!(r.cities.len(), 1);

        let r = g
            .resolve(&fact(r#"{"kind":"role","holder":"Bologna","role":"Chair","organ":"Eurocities culture forum"}"#), &|_| false)
            .unwrap();
        assert!(matches!(&r.fact, Fact::Role { organ, .. } if organ == "EUROCITIES Culture Forum"));
        assert_eq!(r.refs.body.as_deref(), Some("culture-forum"));

        let r = g
            .resolve(&fact(r#"{"kind":"designation","city":"Bologna","network":"UCCN","field":"Music","year":"2006"}"#), &|_| false)
            .unwrap();
        assert_eq!(r.refs.body.as_deref(), Some("music"));
    }

    #[test]
    fn a_holder_that_is_no_city_is_a_person() {
        let g = Gazetteer::bundled();
        let r = g
            .resolve(&fact(r#"{"kind":"role","holder":"Anna  Lisa Boni","role":"Secretary General","organ":"EUROCITIES"}"#), &|_| false)
            .unwrap();
        assert!(matches!(&r.fact, Fact::Role { holder, .. } if holder == "Anna Lisa Boni"));
        assert_eq!(r.refs.city, None);
    }

    #[test]
    fn errors_name_the_field() {
        let g = Gazetteer::bundled();
        let e = g.resolve(&fact(r#"{"kind":"twinning","city":"Bologna","other":"Xqzville"}"#), &|_| false).unwrap_err();
        assert_eq!(e.field, "other");
        assert_eq!(e.to_string(), "other: no city named 'Xqzville'");
        let e = g.resolve(&fact(r#"{"kind":"founded","network":"Hanseatic League of Mars"}"#), &|_| false).unwrap_err();
        assert_eq!(e.field, "network");
        let e = g.resolve(&fact(r#"{"kind":"twinning","city":"Torino","other":"Turin"}"#), &|_| false).unwrap_err();
        assert_eq!(e.field, "other");
    }
}
