//! Where "members of a network as of a year" spends its time, step by step:
//! `cargo run --release -p citynets-synth --example members_profile -- DB`.

use std::sync::Arc;
use std::time::Instant;

use citynets_gazetteer::Gazetteer;
use citynets_model::{FactKind, PartialDate, Status};
use citynets_registry::Registry;
use citynets_registry::queries::MembersQuery;
use citynets_store::{CityQuery, FactQuery, SqlStore, Store};

#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).expect("a database");
    let store = SqlStore::open(&url).await.unwrap();
    let registry = Registry::new(Arc::new(store.clone()), Gazetteer::bundled());
    let nets = store.networks().await.unwrap();
    let (mut count, mut facts, mut cities, mut together, mut members, mut value, mut direct) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    let (mut member_cities, mut page_facts, mut page) = (0.0, 0.0, 0.0);
    let (mut rows, mut distinct, mut bytes) = (0, 0, 0);
    let n = 100;
    for i in 0..n {
        let net = &nets[i % nets.len()];
        let year = PartialDate::year(1960 + (i as i32 * 7) % 60).unwrap();
        let q = FactQuery {
            kinds: vec![FactKind::Membership, FactKind::Designation],
            network: Some(net.key.clone()),
            status: Some(Status::Accepted),
            as_of: Some(year),
            ..Default::default()
        };
        let t = Instant::now();
        store.count_facts(&q).await.unwrap();
        count += t.elapsed().as_secs_f64();
        // A page of 100: the member cities from the index, then the facts
        // of the first 100 with their cities, and the whole of it.
        let t = Instant::now();
        let keys = store.fact_cities(&q).await.unwrap();
        member_cities += t.elapsed().as_secs_f64();
        let t = Instant::now();
        store.facts_with_cities(&FactQuery { cities: keys.into_iter().take(100).collect(), ..q.clone() }).await.unwrap();
        page_facts += t.elapsed().as_secs_f64();
        let t = Instant::now();
        registry.members_page(net, &MembersQuery { as_of: Some(year), page: Some((100, 0)), ..Default::default() }).await.unwrap();
        page += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let f = store.facts(&q).await.unwrap();
        facts += t.elapsed().as_secs_f64();
        let mut keys: Vec<String> = f.iter().filter_map(|f| f.refs.city.clone()).collect();
        rows += keys.len();
        keys.sort();
        keys.dedup();
        distinct += keys.len();
        if !keys.is_empty() {
            // No keys would be no filter: every city.
            let t = Instant::now();
            store.cities(&CityQuery { keys, ..Default::default() }).await.unwrap();
            cities += t.elapsed().as_secs_f64();
        }
        let t = Instant::now();
        store.facts_with_cities(&q).await.unwrap();
        together += t.elapsed().as_secs_f64();
        // The whole question, and its answer as the API's JSON: through a
        // `serde_json::Value` (as `json!` does), and written directly.
        let t = Instant::now();
        let m = registry.members(net, Some(year), None, None).await.unwrap();
        members += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let v = serde_json::json!({ "network": net.key, "as_of": year, "members": m });
        let a = serde_json::to_vec(&v).unwrap();
        drop(v);
        value += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let b = serde_json::to_vec(&m).unwrap();
        direct += t.elapsed().as_secs_f64();
        bytes += a.len().max(b.len());
    }
    let ms = |s: f64| s * 1e3 / n as f64;
    println!("{} facts and {} cities per query on average, {} KB of JSON", rows / n, distinct / n, bytes / n / 1000);
    println!(
        "count {:.2} ms, facts with sources {:.2} ms, cities by key {:.2} ms, facts with their cities {:.2} ms (mean of {n})",
        ms(count),
        ms(facts),
        ms(cities),
        ms(together)
    );
    println!(
        "a page of 100: member cities {:.2} ms, their facts with cities {:.2} ms, Registry::members_page {:.2} ms",
        ms(member_cities),
        ms(page_facts),
        ms(page)
    );
    println!("Registry::members {:.2} ms; JSON through a Value {:.2} ms, written directly {:.2} ms", ms(members), ms(value), ms(direct));
}
