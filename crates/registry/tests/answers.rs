//! Answers that say what is known, on facts written for each test: one
//! holder at a time (succession, undated terms, conflicts), members per
//! year from stated years only, one twinning whatever the order.

mod common;

use citynets_model::{Fact, NewFact, PartialDate, Status};
use citynets_registry::seats::Standing;
use citynets_registry::Registry;
use common::registry_with_networks;

fn chair(city: &str, from: &str, to: Option<&str>) -> NewFact {
    let to = to.map_or("null".to_string(), |t| format!("\"{t}\""));
    let json = format!(r#"{{"kind":"role","holder":"{city}","role":"Chair","organ":"EUROCITIES Culture Forum","from":"{from}","to":{to}}}"#);
    NewFact { fact: serde_json::from_str::<Fact>(&json).unwrap(), status: Status::Accepted, sources: Vec::new() }
}

fn d(s: &str) -> PartialDate {
    s.parse().unwrap()
}

/// (holder, standing) of the Culture Forum's chairs as of `at`.
async fn chairs(r: &Registry, at: &str) -> Vec<(String, Standing)> {
    let (net, body) = r.organ_param("EUROCITIES Culture Forum").await.unwrap();
    let mut out: Vec<(String, Standing)> = r
        .roles(Some((&net, body.as_ref())), None, Some(d(at)))
        .await
        .unwrap()
        .into_iter()
        .map(|t| match &t.record.fact {
            Fact::Role { holder, .. } => (holder.clone(), t.standing),
            _ => unreachable!(),
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[tokio::test]
async fn a_term_with_no_stated_end_ends_when_the_next_begins() {
    let (r, _dir) = registry_with_networks().await;
    r.add(&[chair("Lyon", "2016", None), chair("Ghent", "2018", None), chair("Bologna", "2013", Some("2014"))], Vec::new(), None).await.unwrap();
    assert_eq!(chairs(&r, "2017").await, [("Lyon".to_string(), Standing::Holds)]);
    // 2018: Lyon held by what its source states, but Ghent followed then.
    assert_eq!(chairs(&r, "2019").await, [("Ghent".to_string(), Standing::Holds), ("Lyon".to_string(), Standing::EndedBySuccession)]);
    let (net, body) = r.organ_param("EUROCITIES Culture Forum").await.unwrap();
    let every = r.roles(Some((&net, body.as_ref())), None, None).await.unwrap();
    let lyon = every.iter().find(|t| matches!(&t.record.fact, Fact::Role { holder, .. } if holder == "Lyon")).unwrap();
    let ghent = every.iter().find(|t| matches!(&t.record.fact, Fact::Role { holder, .. } if holder == "Ghent")).unwrap();
    let next = lyon.seat.as_ref().unwrap().ended_by_succession.as_ref().expect("ended by Ghent");
    assert_eq!((next.fact, next.holder.as_str(), next.from.to_string().as_str()), (ghent.record.id, "Ghent", "2018"));
    // Bologna's end is stated: nobody ended it, Lyon is only the next known.
    let bologna = every.iter().find(|t| matches!(&t.record.fact, Fact::Role { holder, .. } if holder == "Bologna")).unwrap();
    let seat = bologna.seat.as_ref().unwrap();
    assert!(seat.ended_by_succession.is_none());
    assert_eq!(seat.next.as_ref().map(|n| n.holder.as_str()), Some("Lyon"));
    // Nothing of it is written: the facts are as they were.
    assert!(matches!(&lyon.record.fact, Fact::Role { to: None, .. }));
    assert!(r.conflicts(None).await.unwrap().is_empty());
}

#[tokio::test]
async fn overlapping_stated_terms_are_a_conflict_until_a_reviewer_corrects_one() {
    let (r, _dir) = registry_with_networks().await;
    let ids = r.add(&[chair("Bologna", "2013", Some("2015")), chair("Lyon", "2014", None)], Vec::new(), None).await.unwrap().ids;
    let conflicts = r.conflicts(None).await.unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let c = &conflicts[0];
    assert_eq!([c.facts[0].id, c.facts[1].id], [ids[0], ids[1]], "the earlier start first");
    assert_eq!((c.from.to_string(), c.until.map(|u| u.to_string())), ("2014".to_string(), Some("2015".to_string())));
    let (net, body) = r.organ_param("EUROCITIES Culture Forum").await.unwrap();
    let terms = r.roles(Some((&net, body.as_ref())), None, None).await.unwrap();
    assert!(terms.iter().all(|t| t.seat.as_ref().unwrap().conflicts.len() == 1), "{terms:?}");
    // A hand-over within a year is no conflict: Bologna until 2014, Lyon from 2014.
    let fixed = r.correct(ids[0], &serde_json::json!({ "to": "2014" }), Some("the forum's minutes".into())).await.unwrap();
    assert!(r.conflicts(None).await.unwrap().is_empty());
    // Other networks' conflicts are not this one's.
    let uccn = r.network_param("uccn").await.unwrap();
    r.correct(fixed.id, &serde_json::json!({ "to": "2016" }), None).await.unwrap();
    assert_eq!(r.conflicts(Some(&net)).await.unwrap().len(), 1);
    assert!(r.conflicts(Some(&uccn)).await.unwrap().is_empty());
}

#[tokio::test]
async fn one_holder_under_two_names_is_no_conflict_and_many_seats_are_never_one() {
    let (r, _dir) = registry_with_networks().await;
    let vice = |city: &str| {
        let json = format!(r#"{{"kind":"role","holder":"{city}","role":"Vice-Chair","organ":"EUROCITIES Culture Forum","from":"2014"}}"#);
        NewFact { fact: serde_json::from_str::<Fact>(&json).unwrap(), status: Status::Accepted, sources: Vec::new() }
    };
    r.add(&[chair("Torino", "2014", None), chair("Turin", "2014", Some("2016")), vice("Lyon"), vice("Ghent")], Vec::new(), None).await.unwrap();
    assert!(r.conflicts(None).await.unwrap().is_empty());
    let held = chairs(&r, "2015").await;
    assert!(held.iter().all(|(_, s)| *s == Standing::Holds), "{held:?}");
    assert_eq!(held.len(), 3, "{held:?}");
}

#[tokio::test]
async fn an_undated_term_is_not_current_beside_dated_ones() {
    let (r, _dir) = registry_with_networks().await;
    let undated = NewFact {
        fact: serde_json::from_str::<Fact>(r#"{"kind":"role","holder":"Lisbon","role":"Chair","organ":"EUROCITIES Culture Forum"}"#).unwrap(),
        status: Status::Accepted,
        sources: Vec::new(),
    };
    r.add(&[undated.clone()], Vec::new(), None).await.unwrap();
    // Alone, it holds: nothing says otherwise.
    assert_eq!(chairs(&r, "2020").await, [("Lisbon".to_string(), Standing::Holds)]);
    r.add(&[chair("Lyon", "2016", None)], Vec::new(), None).await.unwrap();
    assert_eq!(chairs(&r, "2020").await, [("Lisbon".to_string(), Standing::Undated), ("Lyon".to_string(), Standing::Holds)]);
}

#[tokio::test]
async fn members_per_year_count_stated_years_and_say_how_many_have_none() {
    let (r, _dir) = registry_with_networks().await;
    let member = |city: &str, since: Option<&str>| {
        let since = since.map_or("null".to_string(), |s| format!("\"{s}\""));
        let json = format!(r#"{{"kind":"membership","city":"{city}","network":"EUROCITIES","since":{since}}}"#);
        NewFact { fact: serde_json::from_str::<Fact>(&json).unwrap(), status: Status::Accepted, sources: Vec::new() }
    };
    r.add(&[member("Lyon", Some("2010")), member("Ghent", Some("2012")), member("Bologna", None)], Vec::new(), None).await.unwrap();
    let net = r.network_param("eurocities").await.unwrap();
    let per_year = r.members_per_year(&net).await.unwrap();
    assert_eq!(per_year.without_year, 1, "Bologna states no year");
    assert_eq!((per_year.members, per_year.with_sources), (3, 0), "on record, none with a source");
    let count = |y: i32| per_year.counts.get(&(y, "member".to_string())).copied();
    assert_eq!((count(2009), count(2010), count(2011), count(2012)), (None, Some(1), Some(1), Some(2)));
    assert_eq!(count(Registry::today().year_value()), Some(2), "Bologna is not counted in any year");
}

#[tokio::test]
async fn a_twinning_is_one_fact_whatever_the_order_or_spelling() {
    let (r, _dir) = registry_with_networks().await;
    let twin = |json: &str| NewFact { fact: serde_json::from_str::<Fact>(json).unwrap(), status: Status::Accepted, sources: Vec::new() };
    r.add(&[twin(r#"{"kind":"twinning","city":"Bologna","other":"Leipzig","since":"1962"}"#)], Vec::new(), None).await.unwrap();
    r.add(&[twin(r#"{"kind":"twinning","city":"Lipsia","other":"Bologna"}"#)], Vec::new(), None).await.unwrap();
    let bologna = r.city_param("Bologna", "city").await.unwrap();
    let twins = r.twinnings(Some(&bologna), None).await.unwrap();
    assert_eq!(twins.len(), 1, "{twins:?}");
    assert!(matches!(&twins[0].fact, Fact::Twinning { since: Some(s), .. } if s.to_string() == "1962"), "{twins:?}");
}
