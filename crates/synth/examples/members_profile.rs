//! Where "members of a network as of a year" spends its time, step by step:
//! `cargo run --release -p citynets-synth --example members_profile -- DB`.

use std::time::Instant;

use citynets_model::{FactKind, PartialDate, Status};
use citynets_store::{CityQuery, FactQuery, SqlStore, Store};

#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).expect("a database");
    let store = SqlStore::open(&url).await.unwrap();
    let nets = store.networks().await.unwrap();
    let (mut count, mut facts, mut cities, mut again) = (0.0, 0.0, 0.0, 0.0);
    let (mut rows, mut distinct) = (0, 0);
    let n = 100;
    for i in 0..n {
        let q = FactQuery {
            kinds: vec![FactKind::Membership, FactKind::Designation],
            network: Some(nets[i % nets.len()].key.clone()),
            status: Some(Status::Accepted),
            as_of: Some(PartialDate::year(1960 + (i as i32 * 7) % 60).unwrap()),
            ..Default::default()
        };
        let t = Instant::now();
        store.count_facts(&q).await.unwrap();
        count += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let f = store.facts(&q).await.unwrap();
        facts += t.elapsed().as_secs_f64();
        let mut keys: Vec<String> = f.iter().filter_map(|f| f.refs.city.clone()).collect();
        rows += keys.len();
        keys.sort();
        keys.dedup();
        distinct += keys.len();
        let t = Instant::now();
        store.cities(&CityQuery { keys: keys.clone(), ..Default::default() }).await.unwrap();
        cities += t.elapsed().as_secs_f64();
        let t = Instant::now();
        store.cities(&CityQuery { keys, ..Default::default() }).await.unwrap();
        again += t.elapsed().as_secs_f64();
    }
    let ms = |s: f64| s * 1e3 / n as f64;
    let all = store.cities(&CityQuery::default()).await.unwrap();
    for k in [10usize, 100, 800, 801] {
        let keys: Vec<String> = if k == 801 {
            all.iter().step_by(all.len() / 800).map(|c| c.key.clone()).collect()
        } else {
            all.iter().take(k).map(|c| c.key.clone()).collect()
        };
        let t = Instant::now();
        for _ in 0..20 {
            store.cities(&CityQuery { keys: keys.clone(), ..Default::default() }).await.unwrap();
        }
        println!("cities by {k} keys: {:.2} ms", t.elapsed().as_secs_f64() * 1e3 / 20.0);
    }
    println!("{} facts and {} cities per query on average", rows / n, distinct / n);
    println!("count {:.2} ms, facts with sources {:.2} ms, cities {:.2} ms, again {:.2} ms (mean of {n})", ms(count), ms(facts), ms(cities), ms(again));
}
