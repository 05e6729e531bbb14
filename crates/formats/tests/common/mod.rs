//! Hand-built fixtures shared by the format tests: five cities (one with
//! `<&"'` in its name, one without coordinates), two networks with a body,
//! memberships, designations, a role, a twinning, founding and seat facts,
//! and events dated to the year, the month and the day.

#![allow(dead_code)]

use citynets_model::{
    Body, BodyKind, City, Fact, FactRecord, Name, Network, NetworkKind, PartialDate, Refs, Status,
};
use citynets_formats::SiteUrls;

pub const TRICKY: &str = "Tom & \"Jerry's\" <Town>";
pub const ODD_EVENT: &str = "Annual Conference, Music; Sub\\group";
pub const RECORDED: &str = "2026-11-23T10:00:00.123456Z";

pub fn d(s: &str) -> PartialDate {
    s.parse().unwrap()
}

pub fn urls() -> SiteUrls {
    SiteUrls::new("https://citynets.example/")
}

fn city(key: &str, name: &str, country: &str, coords: Option<(f64, f64)>) -> City {
    City {
        key: key.into(),
        name: name.into(),
        country: country.into(),
        lat: coords.map(|c| c.0),
        lon: coords.map(|c| c.1),
        population: Some(100_000),
        geonames_id: None,
        wikidata_id: None,
        region: None,
        names: Vec::new(),
    }
}

/// Carrara, Bologna, Leipzig, Turin, the tricky town, and Nowhere (no coordinates).
pub fn cities() -> Vec<City> {
    let mut bologna = city("bologna-it", "Bologna", "IT", Some((44.4938, 11.3387)));
    bologna.names = vec![Name::new("Bologna", Some("it")), Name::new("Bolonia", Some("es"))];
    bologna.wikidata_id = Some("Q1891".into());
    bologna.geonames_id = Some(3181928);
    vec![
        city("carrara-it", "Carrara", "IT", Some((44.0793, 10.0978))),
        bologna,
        city("leipzig-de", "Leipzig", "DE", Some((51.3397, 12.3731))),
        city("turin-it", "Turin", "IT", Some((45.0703, 7.6869))),
        city("tom-jerrys-town-fr", TRICKY, "FR", Some((-12.5, -70.25))),
        city("nowhere-xx", "Nowhere", "XX", None),
    ]
}

pub fn uccn() -> Network {
    Network {
        key: "uccn".into(),
        name: "UNESCO Creative Cities Network".into(),
        kind: NetworkKind::Global,
        parent: None,
        aliases: vec![Name::new("UCCN", None), Name::new("Rete delle Città Creative UNESCO", Some("it"))],
        bodies: vec![Body { key: "music".into(), name: "Music".into(), kind: BodyKind::Field, aliases: vec![] }],
    }
}

pub fn eurocities() -> Network {
    Network {
        key: "eurocities".into(),
        name: "EUROCITIES".into(),
        kind: NetworkKind::Regional,
        parent: None,
        aliases: vec![],
        bodies: vec![Body {
            key: "culture-forum".into(),
            name: "Culture Forum".into(),
            kind: BodyKind::Forum,
            aliases: vec![],
        }],
    }
}

fn record(id: i64, json: &str, refs: Refs) -> FactRecord {
    FactRecord {
        id,
        fact: serde_json::from_str::<Fact>(json).unwrap(),
        status: Status::Accepted,
        sources: Vec::new(),
        refs,
        recorded_at: RECORDED.into(),
        superseded_at: None,
        supersedes: None,
        superseded_by: None,
        comment: None,
        author: None,
    }
}

fn refs(city: Option<&str>, other: Option<&str>, network: Option<&str>, body: Option<&str>) -> Refs {
    Refs {
        city: city.map(str::to_string),
        other: other.map(str::to_string),
        network: network.map(str::to_string),
        body: body.map(str::to_string),
    }
}

/// Memberships, designations, a role, a twinning, founding and seat facts.
pub fn facts() -> Vec<FactRecord> {
    let tricky = serde_json::to_string(TRICKY).unwrap();
    let mut rejected = record(
        9,
        r#"{"kind":"membership","city":"Nowhere","network":"EUROCITIES","since":"2001"}"#,
        refs(Some("nowhere-xx"), None, Some("eurocities"), None),
    );
    rejected.status = Status::Rejected;
    vec![
        record(1, r#"{"kind":"designation","city":"Carrara","country":"IT","network":"UNESCO Creative Cities Network","field":"Crafts and Folk Art","year":"2017"}"#, refs(Some("carrara-it"), None, Some("uccn"), None)),
        record(2, r#"{"kind":"designation","city":"Bologna","country":"IT","network":"UNESCO Creative Cities Network","field":"Music","year":"2006"}"#, refs(Some("bologna-it"), None, Some("uccn"), Some("music"))),
        record(3, r#"{"kind":"membership","city":"Bologna","country":"IT","network":"EUROCITIES","since":"1991","until":null}"#, refs(Some("bologna-it"), None, Some("eurocities"), None)),
        record(4, r#"{"kind":"membership","city":"Turin","country":"IT","network":"EUROCITIES","since":"1991"}"#, refs(Some("turin-it"), None, Some("eurocities"), None)),
        record(5, r#"{"kind":"designation","city":"Turin","country":"IT","network":"UNESCO Creative Cities Network","field":"Design","year":"2014"}"#, refs(Some("turin-it"), None, Some("uccn"), None)),
        record(6, r#"{"kind":"twinning","city":"Bologna","other":"Leipzig","since":"1962"}"#, refs(Some("bologna-it"), Some("leipzig-de"), None, None)),
        record(7, &format!(r#"{{"kind":"membership","city":{tricky},"country":"FR","network":"EUROCITIES","since":"2000-05"}}"#), refs(Some("tom-jerrys-town-fr"), None, Some("eurocities"), None)),
        record(8, r#"{"kind":"role","holder":"Bologna","role":"Chair","organ":"EUROCITIES Culture Forum","from":"2013","to":"2014"}"#, refs(Some("bologna-it"), None, Some("eurocities"), Some("culture-forum"))),
        rejected,
        record(10, r#"{"kind":"founded","network":"UNESCO Creative Cities Network","year":"2004"}"#, refs(None, None, Some("uccn"), None)),
        record(11, r#"{"kind":"headquarters","network":"UNESCO Creative Cities Network","city":"Paris"}"#, refs(Some("paris-fr"), None, Some("uccn"), None)),
        record(12, r#"{"kind":"role","holder":"Anna Rossi","role":"Coordinator","organ":"UNESCO Creative Cities Network","from":"2019-03"}"#, refs(None, None, Some("uccn"), None)),
    ]
}

/// UCCN events: month-only (20), year-only (21), day-precise with an end
/// and a name that needs escaping (22), and one with no start (23).
pub fn events() -> Vec<FactRecord> {
    let tricky = serde_json::to_string(TRICKY).unwrap();
    let odd = serde_json::to_string(ODD_EVENT).unwrap();
    let net = r#""network":"UNESCO Creative Cities Network""#;
    vec![
        record(20, &format!(r#"{{"kind":"event",{net},"event":"Annual Meeting","edition":11,"host":"Carrara","start":"2017-11"}}"#), refs(Some("carrara-it"), None, Some("uccn"), None)),
        record(21, &format!(r#"{{"kind":"event",{net},"event":"Annual Meeting","host":{tricky},"start":"2014"}}"#), refs(Some("tom-jerrys-town-fr"), None, Some("uccn"), None)),
        record(22, &format!(r#"{{"kind":"event",{net},"event":{odd},"host":"Bologna","start":"2013-09-18","end":"2013-09-21"}}"#), refs(Some("bologna-it"), None, Some("uccn"), None)),
        record(23, &format!(r#"{{"kind":"event",{net},"event":"Annual Meeting","host":"Turin"}}"#), refs(Some("turin-it"), None, Some("uccn"), None)),
    ]
}
