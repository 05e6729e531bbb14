//! When two statements are the same fact: identities and merging.
//!
//! A fact's identity is the key the project's scorer matches facts on, over
//! resolved keys instead of names: a membership is its city and network, a
//! role its holder, role and organ, an event its network, host and year, a
//! twinning its two cities in either order.
//!
//! Two facts with one identity are *compatible* when no attribute has two
//! different values (a null is compatible with anything). Merging fills one's
//! nulls from the other: "Bologna, designated in Music" and "Bologna,
//! designated in 2006" merge into "Bologna, Music, 2006". A date and a more
//! precise date within it are one value, the more precise: "designated in
//! 2017" and "designated in November 2017" merge into 2017-11, where 2017-11
//! and 2017-12 differ. An event's name is a label, not a claim: the first
//! one is kept.

use citynets_model::{fold, Fact, PartialDate, Refs};
use serde_json::Value;

/// The identity of a resolved fact (see the module docs).
pub fn identity(fact: &Fact, refs: &Refs) -> String {
    let mut out = String::new();
    write_identity(fact, refs, &mut out);
    out
}

/// [`identity`], appended to `out`: its parts joined by `|`, a missing key
/// written `-`.
fn write_identity(fact: &Fact, refs: &Refs, out: &mut String) {
    fn r(key: &Option<String>) -> &str {
        key.as_deref().unwrap_or("-")
    }
    let mut parts = |parts: &[&str]| {
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                out.push('|');
            }
            out.push_str(p);
        }
    };
    match fact {
        Fact::Membership { .. } => parts(&["membership", r(&refs.city), r(&refs.network)]),
        Fact::Designation { .. } => parts(&["designation", r(&refs.city), r(&refs.network)]),
        Fact::Event { start, .. } => {
            let year = start.map(|s| s.year_value().to_string());
            parts(&["event", r(&refs.network), r(&refs.city), year.as_deref().unwrap_or("-")])
        }
        Fact::Role { holder, role, .. } => {
            let person;
            let holder = match &refs.city {
                Some(city) => city.as_str(),
                None => {
                    person = format!("person:{}", fold(holder));
                    &person
                }
            };
            parts(&["role", holder, role.as_str(), r(&refs.network), r(&refs.body)])
        }
        Fact::Twinning { .. } => {
            let (a, b) = (r(&refs.city), r(&refs.other));
            parts(&["twinning", a.min(b), a.max(b)])
        }
        Fact::Headquarters { .. } => parts(&["headquarters", r(&refs.network), r(&refs.city)]),
        Fact::Founded { .. } => parts(&["founded", r(&refs.network)]),
    }
}

/// The key a fact's identity is stored and looked up by (see
/// [`key_of_identity`]). The identity is written into a buffer of the
/// thread's own: a load computes five million keys, and allocating each
/// identity cost it more than hashing them.
pub(crate) fn identity_key(fact: &Fact, refs: &Refs) -> i64 {
    thread_local!(static IDENTITY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) });
    IDENTITY.with_borrow_mut(|out| {
        out.clear();
        write_identity(fact, refs, out);
        key_of_identity(out)
    })
}

/// An identity's key: its 64-bit XXH3 hash (a specified hash, the same on
/// every machine and in every version, as keys on disk must be). A key is
/// 8 bytes where the identity takes about 45, in every row and in the
/// index of current identities. Two identities can share a key (with 5
/// million facts, about one chance in a million that any two do), so a key
/// finds candidates and the identity, computed again from each candidate,
/// decides.
pub(crate) fn key_of_identity(identity: &str) -> i64 {
    xxhash_rust::xxh3::xxh3_64(identity.as_bytes()) as i64
}

/// `new` turned to face the same way as `existing` (a twinning read as
/// "Leipzig–Bologna" against a known "Bologna–Leipzig").
fn aligned(existing: &Fact, new: &Fact) -> Fact {
    match (existing, new) {
        (Fact::Twinning { city, .. }, Fact::Twinning { city: nc, other: no, since }) if fold(city) == fold(no) && fold(city) != fold(nc) => {
            Fact::Twinning { city: no.clone(), other: nc.clone(), since: *since }
        }
        _ => new.clone(),
    }
}

/// `existing` with its nulls filled from `new`, or `None` when the two state
/// different values for one attribute. Both must have one identity.
pub(crate) fn merge(existing: &Fact, new: &Fact) -> Option<Fact> {
    let new = aligned(existing, new);
    let (Value::Object(mut a), Value::Object(b)) =
        (serde_json::to_value(existing).ok()?, serde_json::to_value(&new).ok()?)
    else {
        return None;
    };
    for (k, v) in b {
        match a.get(&k) {
            None | Some(Value::Null) => {
                a.insert(k, v);
            }
            Some(_) if v.is_null() || k == "event" => {}
            Some(old) if old == &v => {}
            Some(old) => match finer_date(old, &v)? {
                Finer::Old => {}
                Finer::New => {
                    a.insert(k, v);
                }
            },
        }
    }
    serde_json::from_value(Value::Object(a)).ok()
}

enum Finer {
    Old,
    New,
}

/// Which of two different values is the more precise date when both are
/// dates and one lies within the other (`2017` and `2017-11`); `None` when
/// they are not dates, or are dates of different periods.
fn finer_date(old: &Value, new: &Value) -> Option<Finer> {
    let (Value::String(a), Value::String(b)) = (old, new) else { return None };
    let (a, b): (PartialDate, PartialDate) = (a.parse().ok()?, b.parse().ok()?);
    if a.contains(b) {
        Some(Finer::New)
    } else if b.contains(a) {
        Some(Finer::Old)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> Fact {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn nulls_fill_and_conflicts_refuse() {
        let music = f(r#"{"kind":"designation","city":"Bologna","country":"IT","network":"U","field":"Music"}"#);
        let y2006 = f(r#"{"kind":"designation","city":"Bologna","country":"IT","network":"U","year":"2006"}"#);
        let merged = merge(&music, &y2006).unwrap();
        assert_eq!(merged, f(r#"{"kind":"designation","city":"Bologna","country":"IT","network":"U","field":"Music","year":"2006"}"#));
        let film = f(r#"{"kind":"designation","city":"Bologna","country":"IT","network":"U","field":"Film"}"#);
        assert_eq!(merge(&music, &film), None);
        assert_eq!(merge(&merged, &music).unwrap(), merged, "less detail adds nothing");
    }

    #[test]
    fn a_date_merges_with_a_more_precise_one_within_it() {
        let year = f(r#"{"kind":"designation","city":"Carrara","country":"IT","network":"U","field":"Crafts and Folk Art","year":"2017"}"#);
        let month = f(r#"{"kind":"designation","city":"Carrara","country":"IT","network":"U","year":"2017-11"}"#);
        let merged = f(r#"{"kind":"designation","city":"Carrara","country":"IT","network":"U","field":"Crafts and Folk Art","year":"2017-11"}"#);
        assert_eq!(merge(&year, &month).unwrap(), merged, "the more precise date is kept");
        assert_eq!(merge(&merged, &year).unwrap(), merged, "a coarser date adds nothing");
        let day = f(r#"{"kind":"designation","city":"Carrara","country":"IT","network":"U","year":"2017-11-01"}"#);
        assert_eq!(merge(&merged, &day).unwrap(), f(r#"{"kind":"designation","city":"Carrara","country":"IT","network":"U","field":"Crafts and Folk Art","year":"2017-11-01"}"#));
        for other in ["2017-12", "2017-10-31", "2018", "2016"] {
            let d = f(&format!(r#"{{"kind":"designation","city":"Carrara","country":"IT","network":"U","year":"{other}"}}"#));
            assert_eq!(merge(&merged, &d), None, "2017-11 and {other} are different values");
        }
    }

    #[test]
    fn event_names_do_not_conflict_and_twinnings_align() {
        let a = f(r#"{"kind":"event","network":"U","event":"Annual Meeting","host":"Fabriano","start":"2019"}"#);
        let b = f(r#"{"kind":"event","network":"U","event":"Annual General Meeting","host":"Fabriano","start":"2019-06-10"}"#);
        let m = merge(&a, &b).unwrap();
        assert!(matches!(m, Fact::Event { ref event, start: Some(s), .. } if event == "Annual Meeting" && s.to_string() == "2019-06-10"), "{m:?}");
        let c = f(r#"{"kind":"event","network":"U","event":"Annual General Meeting","host":"Fabriano","start":"2019","edition":13}"#);
        let m = merge(&a, &c).unwrap();
        assert!(matches!(m, Fact::Event { ref event, edition: Some(13), .. } if event == "Annual Meeting"));

        let t1 = f(r#"{"kind":"twinning","city":"Bologna","other":"Leipzig","since":null}"#);
        let t2 = f(r#"{"kind":"twinning","city":"Leipzig","other":"Bologna","since":"1962"}"#);
        assert_eq!(merge(&t1, &t2).unwrap(), f(r#"{"kind":"twinning","city":"Bologna","other":"Leipzig","since":"1962"}"#));
    }

    #[test]
    fn identities_follow_the_scorer_keys() {
        let refs = |city: &str, other: Option<&str>| Refs {
            city: Some(city.into()),
            other: other.map(Into::into),
            network: Some("eurocities".into()),
            body: None,
        };
        let t1 = f(r#"{"kind":"twinning","city":"Bologna","other":"Leipzig"}"#);
        assert_eq!(identity(&t1, &refs("bologna-it", Some("leipzig-de"))), identity(&t1, &refs("leipzig-de", Some("bologna-it"))));
        let e = f(r#"{"kind":"event","network":"EUROCITIES","event":"Annual Conference","host":"Prague","start":"2019-11-20"}"#);
        assert_eq!(identity(&e, &refs("prague-cz", None)), "event|eurocities|prague-cz|2019");
        let r = f(r#"{"kind":"role","holder":"Anna Lisa Boni","role":"Secretary General","organ":"EUROCITIES"}"#);
        let person = Refs { network: Some("eurocities".into()), ..Refs::default() };
        assert_eq!(identity(&r, &person), "role|person:anna lisa boni|Secretary General|eurocities|-");
    }
}
