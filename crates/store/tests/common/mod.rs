//! The storage scenario the store's tests share: entities, facts, and a
//! history of corroborations, enrichments, corrections and reviews.

#![allow(dead_code)]

use citynets_model::{AccountRole, Body, BodyKind, City, Document, Fact, FactKind, FactRecord, Network, NetworkKind, Refs, Source, Status};
use citynets_store::scratch::{self, ScratchPostgres};
use citynets_store::{Batch, Change, Decision, FactInput, FactQuery, Note, SqlStore, Store, StoreError};

/// Runs `test` on a store in a fresh database of the PostgreSQL server
/// that `CITYNETS_TEST_POSTGRES` names, dropped after; without that server
/// it returns at once (`scratch::test_server` prints why).
pub async fn on_postgres(test: impl AsyncFnOnce(&SqlStore)) {
    let Some(url) = scratch::test_server() else { return };
    let db = ScratchPostgres::create(&url, "citynets_test").await.unwrap();
    let store = SqlStore::open(&db.url).await.unwrap();
    test(&store).await;
    store.close().await;
    db.drop().await.unwrap();
}

pub fn city(key: &str, name: &str, country: &str) -> City {
    City {
        key: key.into(),
        name: name.into(),
        country: country.into(),
        lat: Some(44.5),
        lon: Some(11.3),
        population: Some(100_000),
        geonames_id: None,
        wikidata_id: None,
        region: None,
        names: vec![],
    }
}

pub fn network() -> Network {
    Network {
        key: "eurocities".into(),
        name: "EUROCITIES".into(),
        kind: NetworkKind::Regional,
        parent: None,
        aliases: vec![],
        bodies: vec![Body { key: "culture-forum".into(), name: "Culture Forum".into(), kind: BodyKind::Forum, aliases: vec![] }],
    }
}

pub fn doc(key: &str, published: Option<&str>) -> Document {
    Document { key: key.into(), title: Some(format!("Title of {key}")), url: None, language: Some("en".into()), published: published.map(|p| p.parse().unwrap()), text: Some(format!("text of {key}")) }
}

pub fn membership(city: &str, since: Option<&str>, doc: &str) -> FactInput {
    let fact: Fact = serde_json::from_value(serde_json::json!({
        "kind": "membership", "city": city, "country": "IT", "network": "EUROCITIES", "since": since, "until": null
    }))
    .unwrap();
    FactInput {
        fact,
        refs: Refs { city: Some(format!("{}-it", city.to_lowercase())), network: Some("eurocities".into()), ..Refs::default() },
        status: Status::Accepted,
        sources: vec![Source { quote: Some(format!("{city} is a member")), span: Some([0, 7]), ..Source::document(doc) }],
    }
}

pub async fn scenario(store: &dyn Store) {
    // A first batch: entities and two facts.
    let base = Batch {
        networks: vec![network()],
        cities: vec![city("bologna-it", "Bologna", "IT"), city("turin-it", "Turin", "IT")],
        documents: vec![doc("a", Some("2021-09-27")), doc("b", Some("2019")), doc("c", None)],
        facts: vec![membership("Bologna", None, "a"), membership("Turin", Some("2016"), "a")],
        comment: Some("first".into()),
        ..Default::default()
    };
    let r = store.write(&base).await.unwrap();
    assert_eq!((r.added, r.unchanged), (2, 0));
    let bologna_id = r.ids[0];

    // The same again changes nothing.
    let r = store.write(&base).await.unwrap();
    assert_eq!((r.added, r.unchanged), (0, 2));
    assert_eq!(store.counts().await.unwrap().accepted, 2);

    // A fact with no start holds from its source's publication date.
    let as_of = |d: &str| FactQuery { as_of: Some(d.parse().unwrap()), ..Default::default() };
    assert_eq!(store.count_facts(&as_of("2021")).await.unwrap(), 2);
    assert_eq!(store.count_facts(&as_of("2020")).await.unwrap(), 1, "Bologna is known from 2021-09-27");

    // The same fact from another, older source: a further source, and the
    // known start moves back to that source's date.
    let r = store.write(&Batch { facts: vec![membership("Bologna", None, "b")], ..Default::default() }).await.unwrap();
    assert_eq!((r.corroborated, r.ids[0]), (1, bologna_id));
    let rec = store.fact(bologna_id).await.unwrap().unwrap();
    assert_eq!(rec.sources.iter().map(|s| s.document.as_str()).collect::<Vec<_>>(), ["b", "a"]);
    assert_eq!(rec.sources[1].quote.as_deref(), Some("Bologna is a member"));
    assert_eq!(store.count_facts(&as_of("2019-06")).await.unwrap(), 2, "Bologna is now known from 2019");
    assert_eq!(store.count_facts(&as_of("2018")).await.unwrap(), 1);

    // More detail: a new version supersedes the old one, never overwrites.
    let before = store.fact(bologna_id).await.unwrap().unwrap().recorded_at;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let r = store.write(&Batch { facts: vec![membership("Bologna", Some("1991"), "c")], ..Default::default() }).await.unwrap();
    assert_eq!(r.enriched, 1);
    let new_id = r.ids[0];
    assert_ne!(new_id, bologna_id);
    let old = store.fact(bologna_id).await.unwrap().unwrap();
    assert_eq!(old.superseded_by, Some(new_id));
    assert!(old.superseded_at.is_some());
    let new = store.fact(new_id).await.unwrap().unwrap();
    assert_eq!(new.supersedes, Some(bologna_id));
    assert_eq!(new.sources.len(), 3, "sources carry over to the new version");
    let history = store.history(new_id).await.unwrap();
    assert_eq!(history.iter().map(|h| h.id).collect::<Vec<_>>(), [bologna_id, new_id]);

    // As known before the enrichment: the old version, not the new one.
    let known = FactQuery { known_on: Some(before.clone()), ..Default::default() };
    let ids: Vec<i64> = store.facts(&known).await.unwrap().iter().map(|f| f.id).collect();
    assert!(ids.contains(&bologna_id) && !ids.contains(&new_id), "{ids:?}");
    assert_eq!(store.count_facts(&as_of("1995")).await.unwrap(), 1, "the current view knows 1991");

    // A correction of a superseded version is refused; of the current one, recorded.
    let change = Change { status: Some(Status::Rejected), comment: Some("wrong".into()), ..Default::default() };
    match store.change(bologna_id, &change).await {
        Err(StoreError::NotCurrent { id, successor }) => assert_eq!((id, successor), (bologna_id, new_id)),
        other => panic!("expected NotCurrent, got {other:?}"),
    }
    let rejected = store.change(new_id, &change).await.unwrap();
    assert_eq!(rejected.status, Status::Rejected);
    assert_eq!(rejected.comment.as_deref(), Some("wrong"));
    assert_eq!(store.history(new_id).await.unwrap().len(), 3);

    // A batch with one bad fact writes nothing at all.
    let counts = store.counts().await.unwrap();
    let mut bad = membership("Milan", None, "a");
    bad.refs.city = Some("milan-it".into());
    let err = store
        .write(&Batch { documents: vec![doc("d", None)], facts: vec![membership("Turin", Some("2016"), "d"), bad], ..Default::default() })
        .await
        .unwrap_err();
    match err {
        StoreError::Invalid { index, field, message } => {
            assert_eq!((index, field.as_str()), (1, "city"));
            assert!(message.contains("milan-it"), "{message}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_eq!(store.counts().await.unwrap(), counts);
    assert!(store.document("d").await.unwrap().is_none(), "the batch's document was not kept either");

    // Review: a proposal that duplicates a known fact becomes its source.
    // The extractor's confidence and cue stay with the source.
    let mut proposal = membership("Turin", Some("2016"), "c");
    proposal.status = Status::Proposed;
    proposal.sources[0].confidence = Some(0.85);
    proposal.sources[0].cue = Some("membership word".into());
    let r = store.write(&Batch { facts: vec![proposal], ..Default::default() }).await.unwrap();
    let proposed_id = r.ids[0];
    assert_eq!(store.counts().await.unwrap().proposed, 1);
    let read = store.fact(proposed_id).await.unwrap().unwrap();
    assert_eq!((read.sources[0].confidence, read.sources[0].cue.as_deref()), (Some(0.85), Some("membership word")));
    let turin = store.facts(&FactQuery { city: Some("turin-it".into()), status: Some(Status::Accepted), ..Default::default() }).await.unwrap();
    let ids = store.review(&[proposed_id], &Decision::Accept, &Note::new(Some("ana"), Some("checked"))).await.unwrap();
    assert_eq!(ids, [turin[0].id], "merged into the known fact");
    let merged = store.fact(turin[0].id).await.unwrap().unwrap();
    let from_c = merged.sources.iter().find(|s| s.document == "c").expect("the proposal's source");
    assert_eq!((from_c.confidence, from_c.cue.as_deref()), (Some(0.85), Some("membership word")), "kept by the merge");
    assert_eq!(store.fact(proposed_id).await.unwrap().unwrap().superseded_by, Some(turin[0].id));
    assert_eq!(store.counts().await.unwrap().proposed, 0);

    // Filters: body, document, kinds.
    let q = FactQuery { document: Some("c".into()), ..Default::default() };
    assert_eq!(store.count_facts(&q).await.unwrap(), 2, "the rejected Bologna version and Turin");
    let q = FactQuery { document: Some("c".into()), status: Some(Status::Accepted), ..Default::default() };
    assert_eq!(store.count_facts(&q).await.unwrap(), 1);
    let nets = store.networks().await.unwrap();
    assert_eq!(nets[0].bodies[0].name, "Culture Forum");
    let counts = store.member_counts("2020".parse().unwrap()).await.unwrap();
    assert_eq!(counts, vec![("eurocities".to_string(), 1)]);

    // Audit: who recorded a version, and why.
    let change = Change { status: Some(Status::Rejected), comment: Some("wrong city".into()), author: Some("marco".into()), ..Default::default() };
    let rejected = store.change(turin[0].id, &change).await.unwrap();
    assert_eq!((rejected.author.as_deref(), rejected.comment.as_deref()), (Some("marco"), Some("wrong city")));
    let history = store.history(rejected.id).await.unwrap();
    assert!(history.iter().any(|v| v.author.is_none()), "earlier versions keep their own (no) author");

    // The counts by status are those of the facts read by status.
    let counts = store.counts().await.unwrap();
    assert_eq!(counts.rejected, 2, "the enriched Bologna and Turin");
    for (status, n) in [(Status::Proposed, counts.proposed), (Status::Accepted, counts.accepted), (Status::Rejected, counts.rejected)] {
        assert_eq!(store.count_facts(&FactQuery { status: Some(status), ..Default::default() }).await.unwrap(), n, "{status:?}");
    }

    facts_with_cities(store).await;
    regions_and_bundled_version(store).await;
    accounts(store).await;
}

/// A city written again gets the region it lacked, and nothing else
/// changes; a region it has stays. The bundled data's version is 0 until
/// set, then what was set last.
async fn regions_and_bundled_version(store: &dyn Store) {
    let before = store.city("udine-it").await.unwrap().unwrap();
    assert_eq!(before.region, None);
    let again = City { name: "Udin".into(), region: Some("Friuli Venezia Giulia".into()), ..before.clone() };
    store.write(&Batch { cities: vec![again], ..Default::default() }).await.unwrap();
    let after = store.city("udine-it").await.unwrap().unwrap();
    assert_eq!(after, City { region: Some("Friuli Venezia Giulia".into()), ..before.clone() });
    let other = City { region: Some("Veneto".into()), ..after.clone() };
    store.write(&Batch { cities: vec![other], ..Default::default() }).await.unwrap();
    assert_eq!(store.city("udine-it").await.unwrap().unwrap().region.as_deref(), Some("Friuli Venezia Giulia"));

    assert_eq!(store.bundled_version().await.unwrap(), 0);
    store.set_bundled_version(2).await.unwrap();
    store.set_bundled_version(3).await.unwrap();
    assert_eq!(store.bundled_version().await.unwrap(), 3);
}

/// Facts read with their cities are the facts, in the same order, each with
/// the city `store.city` gives; coordinates come back to the last bit (a
/// latitude of 17 significant digits, which SQLite's JSON would round to 15).
async fn facts_with_cities(store: &dyn Store) {
    let precise = City { lat: Some(0.30000000000000004), lon: Some(11.342616), geonames_id: Some(5_391_959), wikidata_id: Some("Q62".into()), names: vec![citynets_model::Name::new("Sàn Francisco \"SF\"", Some("it"))], ..city("parma-it", "Parma", "IT") };
    let unplaced = City { lat: None, lon: None, population: None, ..city("udine-it", "Udine", "IT") };
    let batch = Batch { cities: vec![precise.clone(), unplaced.clone()], facts: vec![membership("Parma", Some("2001"), "b"), membership("Udine", Some("1999"), "c")], ..Default::default() };
    store.write(&batch).await.unwrap();
    for q in [
        FactQuery::default(),
        FactQuery { status: Some(Status::Accepted), network: Some("eurocities".into()), as_of: Some("2020".parse().unwrap()), ..Default::default() },
        FactQuery { all_versions: true, ..Default::default() },
        FactQuery { newest_first: true, limit: Some(2), ..Default::default() },
    ] {
        let facts: Vec<_> = store.facts(&q).await.unwrap().into_iter().filter(|f| f.refs.city.is_some()).collect();
        let with = store.facts_with_cities(&q).await.unwrap();
        assert_eq!(with.iter().map(|(f, _)| f).collect::<Vec<_>>(), facts.iter().collect::<Vec<_>>(), "{q:?}");
        for (f, c) in &with {
            assert_eq!(Some(c), store.city(f.refs.city.as_deref().unwrap()).await.unwrap().as_ref());
        }
    }
    // The member cities of a network, each once in key order, as the index
    // alone gives them; the facts of some of them, as the members page reads.
    let members = FactQuery {
        kinds: vec![FactKind::Membership, FactKind::Designation],
        status: Some(Status::Accepted),
        network: Some("eurocities".into()),
        as_of: Some("2020".parse().unwrap()),
        ..Default::default()
    };
    let member_facts = store.facts(&members).await.unwrap();
    let mut expected: Vec<String> = member_facts.iter().filter_map(|f| f.refs.city.clone()).collect();
    expected.sort();
    expected.dedup();
    assert!(expected.len() >= 2, "{expected:?}");
    assert_eq!(store.fact_cities(&members).await.unwrap(), expected);
    assert_eq!(store.fact_cities(&FactQuery { network: Some("uccn".into()), ..members.clone() }).await.unwrap(), Vec::<String>::new());
    let some = FactQuery { cities: expected[1..].to_vec(), ..members.clone() };
    let facts: Vec<FactRecord> = member_facts.iter().filter(|f| f.refs.city.as_ref() != Some(&expected[0])).cloned().collect();
    assert_eq!(store.facts_with_cities(&some).await.unwrap().into_iter().map(|(f, _)| f).collect::<Vec<_>>(), facts);

    let all = store.facts_with_cities(&FactQuery::default()).await.unwrap();
    let parma = &all.iter().find(|(_, c)| c.key == "parma-it").unwrap().1;
    assert_eq!((parma.lat.map(f64::to_bits), parma.lon.map(f64::to_bits)), (precise.lat.map(f64::to_bits), precise.lon.map(f64::to_bits)));
    assert_eq!(parma, &precise);
    assert!(all.iter().any(|(_, c)| c == &unplaced));
}

/// Accounts, sessions and tokens, stored by digest; tokens that expire;
/// removal, which ends an account's sessions and tokens in its
/// transaction and keeps its name taken; the account log.
async fn accounts(store: &dyn Store) {
    let ana = store.add_user("ana", "$argon2id$fake", AccountRole::Admin, None, None);
    let ana = ana.await.unwrap();
    let editor = AccountRole::NetworkEditor;
    let marco = store.add_user("marco", "$argon2id$other", editor, Some("eurocities"), Some("ana"));
    let marco = marco.await.unwrap();
    let taken = store.add_user("ana", "x", AccountRole::Reviewer, None, None).await;
    assert!(matches!(taken, Err(StoreError::Duplicate(_))));
    let (found, hash) = store.user_named("marco").await.unwrap().unwrap();
    assert_eq!((found, hash.as_str()), (marco.clone(), "$argon2id$other"));
    assert_eq!(store.users().await.unwrap().len(), 2);

    store.add_session("digest-1", ana.id, "csrf-1", "2999-01-01T00:00:00Z").await.unwrap();
    store.add_session("digest-old", ana.id, "csrf-2", "2000-01-01T00:00:00Z").await.unwrap();
    let now = "2026-11-23T00:00:00Z";
    assert_eq!(store.session("digest-1", now).await.unwrap(), Some((ana.clone(), "csrf-1".to_string())));
    assert_eq!(store.session("digest-old", now).await.unwrap(), None, "an expired session opens nothing");
    store.drop_session("digest-1").await.unwrap();
    assert_eq!(store.session("digest-1", now).await.unwrap(), None, "logged out");

    let far = "2999-01-01T00:00:00Z";
    let (live, old) = ("0123456789abcdef-digest", "fedcba9876543210-digest");
    let script = store.add_token(live, &marco, "script", far, None).await.unwrap();
    assert_eq!((script.id.as_str(), script.label.as_str()), ("0123456789ab", "script"));
    store.add_token(old, &marco, "old", "2001-01-01T00:00:00Z", None).await.unwrap();
    assert_eq!(store.token_user(live, now).await.unwrap(), Some(marco.clone()));
    assert_eq!(store.token_user(old, now).await.unwrap(), None, "an expired token opens nothing");
    assert_eq!(store.token_user("other", now).await.unwrap(), None);
    let listed = store.tokens(&marco).await.unwrap();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed.iter().any(|t| t.id == "fedcba987654" && t.expired()), "{listed:?}");

    // Revoking by id: an unknown id revokes nothing.
    let ids = ["0123456789ab".to_string(), "nosuchtoken0".to_string()];
    let bad = store.revoke_tokens(&marco, Some(&ids), Some("ana")).await;
    assert!(matches!(&bad, Err(StoreError::Field { field, .. }) if field == "token"), "{bad:?}");
    assert_eq!(store.tokens(&marco).await.unwrap().len(), 2, "nothing was revoked");
    let ids = ["fedcba987654".to_string()];
    assert_eq!(store.revoke_tokens(&marco, Some(&ids), Some("ana")).await.unwrap(), 1);
    assert_eq!(store.tokens(&marco).await.unwrap(), vec![script]);

    // A new password ends the sessions, not the tokens.
    store.add_session("digest-marco", marco.id, "csrf-m", far).await.unwrap();
    let changed = store.set_password("marco", "$argon2id$new", Some("ana")).await.unwrap();
    assert_eq!(changed, Some(marco.clone()));
    assert_eq!(store.session("digest-marco", now).await.unwrap(), None);
    assert_eq!(store.user_named("marco").await.unwrap().unwrap().1, "$argon2id$new");
    assert!(store.token_user(live, now).await.unwrap().is_some());

    // Removal ends both at once; the name stays taken.
    store.add_session("digest-marco-2", marco.id, "csrf-m", far).await.unwrap();
    assert_eq!(store.remove_user("marco", Some("ana")).await.unwrap(), Some(marco.clone()));
    assert_eq!(store.session("digest-marco-2", now).await.unwrap(), None);
    assert_eq!(store.token_user(live, now).await.unwrap(), None);
    assert_eq!(store.tokens(&marco).await.unwrap(), vec![]);
    assert_eq!(store.user_named("marco").await.unwrap(), None);
    assert_eq!(store.users().await.unwrap(), vec![ana.clone()]);
    assert_eq!(store.remove_user("marco", None).await.unwrap(), None, "removed once");
    assert_eq!(store.set_password("marco", "x", None).await.unwrap(), None);
    let again = store.add_user("marco", "x", AccountRole::Reviewer, None, None).await;
    assert!(matches!(&again, Err(StoreError::Duplicate(m)) if m.contains("removed")), "{again:?}");

    let log = store.account_events(10).await.unwrap();
    let seen: Vec<(Option<&str>, &str, &str)> =
        log.iter().map(|e| (e.actor.as_deref(), e.action.as_str(), e.account.as_str())).collect();
    assert_eq!(
        seen,
        [
            (Some("ana"), "removed", "marco"),
            (Some("ana"), "password", "marco"),
            (Some("ana"), "revoked", "marco"),
            (None, "token", "marco"),
            (None, "token", "marco"),
            (Some("ana"), "added", "marco"),
            (None, "added", "ana"),
        ]
    );
    assert!(log[0].detail.contains("1 session(s) ended, 1 token(s) revoked"), "{:?}", log[0]);
}

