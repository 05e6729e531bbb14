//! Which entities a fact is about.
//!
//! The registry fills [`Refs`](citynets_model::Refs) with the keys the
//! fact's names resolved to, and those decide. A fact without refs (built by
//! hand, read from a file) falls back to its names compared with
//! [`fold`], so that exports of unresolved facts still come out right when
//! the names are the canonical ones.

use citynets_model::{fold, City, Fact, FactRecord, Network, Status};

/// The name of the fact's city, in the sense of [`Refs::city`]: the member,
/// the designated city, the first city of a twinning, the seat, the event's
/// host or a role's holder.
///
/// [`Refs::city`]: citynets_model::Refs::city
pub(crate) fn city_name(fact: &Fact) -> Option<&str> {
    match fact {
        Fact::Membership { city, .. }
        | Fact::Designation { city, .. }
        | Fact::Twinning { city, .. }
        | Fact::Headquarters { city, .. } => Some(city),
        Fact::Event { host, .. } => host.as_deref(),
        Fact::Role { holder, .. } => Some(holder),
        Fact::Founded { .. } => None,
    }
}

/// The name of the fact's network (a role's organ, which may be a body).
pub(crate) fn network_name(fact: &Fact) -> &str {
    match fact {
        Fact::Membership { network, .. }
        | Fact::Designation { network, .. }
        | Fact::Event { network, .. }
        | Fact::Headquarters { network, .. }
        | Fact::Founded { network, .. } => network,
        Fact::Role { organ, .. } => organ,
        Fact::Twinning { city, .. } => city,
    }
}

/// Whether the fact's city (see [`city_name`]) is `city`.
pub(crate) fn is_city(rec: &FactRecord, city: &City) -> bool {
    match &rec.refs.city {
        Some(key) => key == &city.key,
        None => city_name(&rec.fact).is_some_and(|n| names_city(n, city)),
    }
}

/// Whether the fact's network is `network` (for a role: whether its organ is
/// the network or one of its bodies).
pub(crate) fn is_network(rec: &FactRecord, network: &Network) -> bool {
    match &rec.refs.network {
        Some(key) => key == &network.key,
        None => {
            let name = fold(network_name(&rec.fact));
            name == fold(&network.name)
                || network.aliases.iter().any(|a| fold(&a.name) == name)
                || network.bodies.iter().any(|b| fold(&network.organ_name(b)) == name)
        }
    }
}

fn names_city(name: &str, city: &City) -> bool {
    let name = fold(name);
    name == fold(&city.name) || city.names.iter().any(|n| fold(&n.name) == name)
}

/// Rejected facts are kept so that they are not proposed again; no export
/// shows them.
pub(crate) fn usable(rec: &FactRecord) -> bool {
    rec.status != Status::Rejected
}
