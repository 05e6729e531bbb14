//! The JSON API: the registry's questions, name resolution, errors, and
//! writes with their history.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

/// The facts of `list` for which every (key, value) of `want` matches.
fn find<'a>(list: &'a Value, want: &Value) -> Vec<&'a Value> {
    let want = want.as_object().expect("an object");
    facts(list).iter().filter(|f| want.iter().all(|(k, v)| f.get(k) == Some(v))).collect()
}

/// Which Italian cities are UNESCO Creative Cities, in which field, since when?
#[tokio::test]
async fn italian_creative_cities_with_field_and_year() {
    let v = get_ok("/api/networks/uccn/members?country=IT").await;
    let members = v["members"].as_array().unwrap();
    assert!(members.len() >= 10, "{} Italian members", members.len());
    // One designation per city (Carrara's sources say 2017 and November
    // 2017: one fact, with the more precise date).
    let designation = |city: &str| -> Value {
        let m = members.iter().find(|m| m["city"]["name"] == city).unwrap_or_else(|| panic!("{city} is not listed"));
        let found: Vec<&Value> = m["facts"].as_array().unwrap().iter().filter(|f| f["kind"] == "designation").collect();
        assert_eq!(found.len(), 1, "{city}: {found:?}");
        found[0].clone()
    };
    for (city, field, year) in [("Bologna", "Music", "2006"), ("Turin", "Design", "2014"), ("Carrara", "Crafts and Folk Art", "2017")] {
        let d = designation(city);
        let year: citynets_model::PartialDate = year.parse().unwrap();
        let in_year = d["year"].as_str().and_then(|y| y.parse().ok()).is_some_and(|y| year.contains(y));
        assert!(d["field"].as_str() == Some(field) && in_year, "{city}: {d}");
        assert!(!d["sources"].as_array().unwrap().is_empty(), "{city} has sources");
    }
    assert!(members.iter().all(|m| m["city"]["country"] == "IT"));
}

/// Which UCCN fields had no Italian member as of 2020?
#[tokio::test]
async fn uccn_fields_without_italian_member_in_2020() {
    let v = get_ok("/api/gaps?network=uccn&country=IT&as_of=2020").await;
    let names: Vec<&str> = v["gaps"].as_array().unwrap().iter().map(|g| g["body"]["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Media Arts"]);
    // The same by names people write.
    let v = get_ok("/api/gaps?network=Rete%20delle%20Citt%C3%A0%20Creative%20UNESCO&country=Italia&as_of=2020").await;
    assert_eq!(v["gaps"].as_array().unwrap().len(), 1);
}

/// Who chaired the EUROCITIES Culture Forum in 2014?
#[tokio::test]
async fn culture_forum_chair_in_2014() {
    let v = get_ok("/api/roles?organ=EUROCITIES%20Culture%20Forum&as_of=2014").await;
    let chairs = find(&v["roles"], &json!({ "role": "Chair" }));
    assert_eq!(chairs.len(), 1, "{v}");
    assert_eq!((&chairs[0]["holder"], &chairs[0]["from"], &chairs[0]["to"]), (&json!("Bologna"), &json!("2013"), &json!("2014")));
    // Not in 2016.
    let v = get_ok("/api/roles?organ=eurocities%20culture%20forum&as_of=2016").await;
    assert!(find(&v["roles"], &json!({ "role": "Chair", "holder": "Bologna" })).is_empty());
}

/// Who is EUROCITIES' president now? One, with the ended terms marked and
/// linked to the facts that ended them.
#[tokio::test]
async fn one_president_and_one_secretary_general_now() {
    let today = citynets_registry::Registry::today().to_string();
    let v = get_ok(&format!("/api/roles?organ=EUROCITIES&as_of={today}")).await;
    let holding = |role: &str| find(&v["roles"], &json!({ "role": role, "standing": "holds" })).len();
    assert_eq!((holding("President"), holding("Secretary General")), (1, 1), "{v}");
    let florence = find(&v["roles"], &json!({ "role": "President", "holder": "Florence" }))[0].clone();
    let stockholm = find(&v["roles"], &json!({ "role": "President", "holder": "Stockholm" }))[0].clone();
    assert_eq!(stockholm["standing"], "ended_by_succession", "{stockholm}");
    assert_eq!(stockholm["seat"]["ended_by_succession"]["fact"], florence["id"], "{stockholm}");
    assert_eq!(stockholm["to"], Value::Null, "derived, never written");
    let leipzig = find(&v["roles"], &json!({ "role": "President", "holder": "Leipzig" }))[0].clone();
    assert_eq!((leipzig["standing"].as_str(), leipzig["seat"]["undated"].as_bool()), (Some("undated"), Some(true)), "{leipzig}");
    // The page says the same, with the link.
    let (status, html) = get_text(&format!("/roles?organ=EUROCITIES&as_of={today}")).await;
    assert_eq!(status, StatusCode::OK);
    let (held, ended) = html.split_once("Ended by succession, or not placed in time").expect("two tables");
    assert!(held.contains(&format!("Held as of {today}")) && held.contains("Florence (Tuscany, IT)") && !held.contains("Stockholm"), "{held}");
    assert!(ended.contains("Ended by succession in 2020") && ended.contains(&format!(r#"href="/facts/{}""#, florence["id"])), "{ended}");
    // In 2019, Stockholm held it, and Florence followed in 2020.
    let v = get_ok("/api/roles?organ=EUROCITIES&as_of=2019").await;
    let held: Vec<&Value> = find(&v["roles"], &json!({ "role": "President", "standing": "holds" }));
    assert_eq!(held.len(), 1, "{v}");
    assert_eq!(held[0]["holder"], "Stockholm");
}

/// Two chairs of one forum at once: a conflict, listed by the API and on
/// its page until the admin corrects one term. (The Mobility Forum's
/// chairs are this test's own.)
#[tokio::test]
async fn a_conflict_is_listed_until_corrected() {
    let chair = |city: &str, from: &str, to: Value| json!({ "kind": "role", "holder": city, "role": "Chair", "organ": "EUROCITIES Mobility Forum", "from": from, "to": to, "status": "accepted" });
    let (status, v) = post_json("/api/facts", &json!([chair("Gothenburg", "2010", json!("2013")), chair("Malmö", "2011", Value::Null)])).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let ids: Vec<i64> = v["facts"].as_array().unwrap().iter().map(|f| f["id"].as_i64().unwrap()).collect();
    let ours = |v: &Value| -> Vec<Value> {
        v["conflicts"].as_array().unwrap().iter().filter(|c| c["organ"] == "EUROCITIES Mobility Forum").cloned().collect()
    };
    let found = ours(&get_ok("/api/conflicts?network=eurocities").await);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0]["role"].as_str(), found[0]["from"].as_str(), found[0]["until"].as_str()), (Some("Chair"), Some("2011"), Some("2013")));
    assert_eq!((found[0]["facts"][0]["id"].as_i64(), found[0]["facts"][1]["id"].as_i64()), (Some(ids[0]), Some(ids[1])));
    let (_, html) = get_text("/conflicts").await;
    assert!(html.contains(&format!(r#"href="/facts/{}""#, ids[0])) && html.contains(&format!(r#"href="/facts/{}""#, ids[1])), "{html}");
    let (status, v) = patch_json(&format!("/api/facts/{}", ids[0]), &json!({ "to": "2011", "comment": "handed over in 2011" })).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert!(ours(&get_ok("/api/conflicts").await).is_empty());
    let (status, v) = get_json("/api/conflicts?network=Nowhere%20League").await;
    assert_eq!((status, v["error"]["parameter"].as_str()), (StatusCode::BAD_REQUEST, Some("network")), "{v}");
}

/// A city that only size told from its namesakes is a guess, and the API
/// and the fact's page say so.
#[tokio::test]
async fn a_posted_fact_whose_city_size_decided_says_it_was_guessed() {
    let fact = json!({ "kind": "twinning", "city": "Ontario (United States)", "other": "Brno", "sources": [{ "document": "guess-test-list" }] });
    let (status, v) = post_json("/api/facts", &fact).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let guessed = v["guessed"].as_array().expect("a list of guesses");
    assert_eq!(guessed.len(), 1, "{v}");
    assert_eq!(guessed[0]["place"], "fact 1");
    let message = guessed[0]["message"].as_str().unwrap();
    assert!(message.contains("resolved by population among") && message.contains("so named in United States (Ontario, California, US)"), "{message}");
    let id = v["facts"][0]["id"].as_i64().unwrap();
    assert_eq!(v["facts"][0]["sources"][0]["cue"], message);
    let (_, html) = get_text(&format!("/facts/{id}")).await;
    assert!(html.contains(message), "{html}");
    // Where nothing was guessed, nothing is said.
    let (_, v) = post_json("/api/facts", &json!({ "kind": "twinning", "city": "Brno", "other": "Leipzig" })).await;
    assert_eq!(v["guessed"], json!([]), "{v}");
}

/// A twinning without a year says so: the date of its source is when it is
/// known to hold, not when it began.
#[tokio::test]
async fn a_twinning_without_a_year_says_its_start_is_not_stated() {
    let v = get_ok("/api/twinnings?city=Bologna").await;
    let twins = facts(&v["twinnings"]);
    let leipzig = twins.iter().find(|f| f["other"] == "Leipzig" || f["city"] == "Leipzig").expect("Leipzig");
    assert_eq!(leipzig["valid_from"], json!({ "date": "1962", "stated": true }));
    let undated: Vec<&Value> = twins.iter().filter(|f| f["since"].is_null()).collect();
    assert!(!undated.is_empty(), "{v}");
    for t in &undated {
        assert_eq!(t["valid_from"]["stated"], false, "{t}");
    }
    // The CSV says which it is too.
    let (_, csv) = get_text("/api/twinnings?city=Bologna&format=csv").await;
    let header = csv.lines().next().unwrap();
    assert!(header.contains("valid_from.date") && header.contains("valid_from.stated"), "{header}");
    // And the city page: no "since" for a start no source states.
    let (_, html) = get_text("/cities/bologna-it").await;
    assert!(html.contains("since: not stated") && html.contains("stated in a source of"), "{html}");
    assert!(!html.contains("known since"));
    // Twin cities show where they are: namesakes are told apart.
    assert!(html.contains("Leipzig (Saxony, DE)") && html.contains("Portland (Oregon, US)"), "{html}");
}

/// Where did the UCCN annual meeting take place in 2010?
#[tokio::test]
async fn uccn_meeting_in_2010() {
    let v = get_ok("/api/events?network=UCCN&year=2010").await;
    let events = facts(&v["events"]);
    assert_eq!(events.len(), 1, "{v}");
    assert_eq!(events[0]["host"], "Shenzhen");
    assert_eq!(events[0]["refs"]["city"], "shenzhen-cn");
}

/// Since when is Bologna twinned with Leipzig?
#[tokio::test]
async fn bologna_leipzig_twinning() {
    let v = get_ok("/api/twinnings?city=Bologna").await;
    let t = facts(&v["twinnings"]).iter().find(|t| t["other"] == "Leipzig" || t["city"] == "Leipzig").expect("Bologna–Leipzig");
    assert_eq!(t["since"], "1962");
}

/// Who leads the Italian Coordination of UNESCO Creative Cities, with whom in support?
#[tokio::test]
async fn italian_coordination_lead_and_support() {
    let v = get_ok("/api/roles?organ=Italian%20Coordination%20of%20UNESCO%20Creative%20Cities").await;
    let holders = |role: &str| {
        let mut h: Vec<String> = find(&v["roles"], &json!({ "role": role })).iter().map(|f| f["holder"].as_str().unwrap().to_string()).collect();
        h.sort();
        h
    };
    assert_eq!(holders("Lead"), ["Fabriano"]);
    assert_eq!(holders("Support"), ["Carrara", "Pesaro"]);
}

#[tokio::test]
async fn names_resolve_through_aliases_case_and_languages() {
    let v = get_ok("/api/cities?network=eurocities&q=bolo").await;
    assert_eq!(v["cities"][0]["key"], "bologna-it", "{v}");
    let v = get_ok("/api/facts?city=Torino&kind=designation").await;
    assert_eq!(facts(&v["facts"])[0]["city"], "Turin", "{v}");
    let v = get_ok("/api/cities/Torino").await;
    assert_eq!(v["city"]["key"], "turin-it");
    let v = get_ok("/api/cities?field=gastronomia&country=Italia").await;
    let keys: Vec<&str> = v["cities"].as_array().unwrap().iter().map(|c| c["key"].as_str().unwrap()).collect();
    assert!(keys.contains(&"alba-it") && !keys.contains(&"bologna-it"), "{keys:?}");
    let v = get_ok("/api/networks/EUROCITIES").await;
    assert_eq!(v["network"]["key"], "eurocities");
    assert!(facts(&v["founded"]).iter().any(|f| f["year"] == "1986"), "{}", v["founded"]);
    assert!(!facts(&v["governance"]).is_empty());
}

#[tokio::test]
async fn city_with_its_timeline() {
    let v = get_ok("/api/cities/bologna-it").await;
    assert_eq!(v["country_name"], "Italy");
    let timeline = &v["timeline"];
    assert!(!find(timeline, &json!({ "kind": "designation", "field": "Music" })).is_empty());
    assert!(!find(timeline, &json!({ "kind": "role", "role": "Chair", "organ": "EUROCITIES Culture Forum" })).is_empty());
    assert!(!find(timeline, &json!({ "kind": "twinning", "other": "Leipzig" })).is_empty());
}

#[tokio::test]
async fn networks_with_member_counts() {
    let v = get_ok("/api/networks").await;
    let uccn = v["networks"].as_array().unwrap().iter().find(|n| n["key"] == "uccn").unwrap();
    assert!(uccn["members"].as_i64().unwrap() > 300, "{}", uccn["members"]);
    // The list counts every network's members at once, the network's own
    // answer and the members list count its member cities: the same number.
    let one = get_ok("/api/networks/uccn").await;
    assert_eq!(one["members"], uccn["members"]);
    let list = get_ok("/api/networks/uccn/members").await;
    assert_eq!(list["total"], uccn["members"]);
}

#[tokio::test]
async fn documents_and_export() {
    let v = get_ok("/api/documents").await;
    assert!(v["documents"].as_array().unwrap().iter().any(|d| d["key"] == "seed-003"));
    let v = get_ok("/api/documents/seed-003").await;
    assert!(v["document"]["text"].as_str().unwrap().contains("Bologna"));
    assert!(v["facts_total"].as_i64().unwrap() > 0);
    let (status, csv) = get_text("/api/export?format=csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.starts_with("id,kind,status,city"), "{}", &csv[..80]);
    assert!(csv.lines().count() > 1000);
    let (status, jsonl) = get_text("/api/export").await;
    assert_eq!(status, StatusCode::OK);
    let first: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert!(first["id"].is_i64() && first["kind"].is_string());
}

/// An error response: its status and the parameter or field it names.
async fn error_of(status: StatusCode, v: &Value) -> (StatusCode, String, String) {
    let e = &v["error"];
    let name = e["parameter"].as_str().or(e["field"].as_str()).unwrap_or("").to_string();
    assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
    (status, name, e["message"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn bad_parameters_are_400_naming_the_parameter() {
    for (path, parameter) in [
        ("/api/cities?as_of=2014-13", "as_of"),
        ("/api/networks/uccn/members?as_of=yesterday", "as_of"),
        ("/api/events?network=Hanseatic%20League%20of%20Pirates", "network"),
        ("/api/cities?country=Atlantis", "country"),
        ("/api/cities?network=uccn&field=Juggling", "field"),
        ("/api/facts?kind=alliance", "kind"),
        ("/api/facts?status=maybe", "status"),
        ("/api/facts?known_on=last%20week", "known_on"),
        ("/api/facts?limit=-3", "limit"),
        ("/api/events?year=MMX", "year"),
        ("/api/roles?organ=Nobody%27s%20Committee", "organ"),
        ("/api/gaps?network=uccn", "country"),
        ("/api/twinnings?city=Nowhereville%20on%20Sea", "city"),
        ("/api/export?format=xml", "format"),
        ("/api/cities?q=a&q=b", "query"),
    ] {
        let (status, v) = get_json(path).await;
        let (status, name, _) = error_of(status, &v).await;
        assert_eq!((status, name.as_str()), (StatusCode::BAD_REQUEST, parameter), "{path}: {v}");
    }
}

#[tokio::test]
async fn unknown_ids_are_404_json() {
    for path in ["/api/cities/nowhere-zz", "/api/networks/hanse", "/api/networks/hanse/members", "/api/facts/999999999", "/api/facts/abc", "/api/documents/nope", "/api/nothing-here"] {
        let (status, v) = get_json(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {v}");
        assert!(v["error"]["message"].is_string(), "{path}: {v}");
    }
}

#[tokio::test]
async fn bad_bodies_are_400_naming_the_field() {
    let (status, v) = post_raw("/api/facts", "{not json").await;
    let (status, name, _) = error_of(status, &v).await;
    assert_eq!((status, name.as_str()), (StatusCode::BAD_REQUEST, "body"), "{v}");

    let bad = json!({ "kind": "membership", "city": "Bologna", "network": "EUROCITIES", "since": "1991-13" });
    let (status, v) = post_json("/api/facts", &bad).await;
    let (status, name, message) = error_of(status, &v).await;
    assert_eq!((status, name.as_str()), (StatusCode::BAD_REQUEST, "since"), "{v}");
    assert!(message.contains("month 13"), "{message}");

    let batch = json!([
        { "kind": "twinning", "city": "Bologna", "other": "Leipzig", "since": "1962" },
        { "kind": "role", "holder": "Bologna", "role": "Emperor", "organ": "EUROCITIES" },
    ]);
    let (status, v) = post_json("/api/facts", &batch).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!((v["error"]["field"].as_str(), v["error"]["at"].as_str()), (Some("role"), Some("fact 2")), "{v}");

    let unknown = json!({ "kind": "membership", "city": "Bologna", "network": "Hanseatic League of Pirates" });
    let (status, v) = post_json("/api/facts", &unknown).await;
    assert_eq!((status, v["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("network")), "{v}");

    let (status, v) = post_json("/api/facts", &json!(42)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");

    // Declared as something else than JSON.
    let resp = reqwest::Client::new().post(url("/api/facts")).bearer_auth(admin_token()).body("{}").send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let v: Value = resp.json().await.unwrap();
    assert!(v["error"]["message"].is_string());

    // Too large.
    let huge = format!("[{}]", vec![r#"{"kind":"founded","network":"EUROCITIES","year":"1986"}"#; 50_000].join(","));
    let (status, v) = post_raw("/api/facts", &huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
}

#[tokio::test]
async fn post_patch_history_and_known_on() {
    let fact = json!({ "kind": "twinning", "city": "Aosta", "other": "Reykjavik", "since": "2001", "sources": [{ "document": "seed-003" }] });
    let (status, v) = post_json("/api/facts", &fact).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["added"], 1);
    let old = v["facts"][0].clone();
    let id = old["id"].as_i64().unwrap();
    assert_eq!((old["kind"].as_str(), old["since"].as_str(), old["status"].as_str()), (Some("twinning"), Some("2001"), Some("accepted")));
    assert_eq!(old["sources"][0]["document"], "seed-003");

    // A correction supersedes, never overwrites.
    let (status, new) = patch_json(&format!("/api/facts/{id}"), &json!({ "since": "2002", "comment": "the charter is of 2002" })).await;
    assert_eq!(status, StatusCode::OK, "{new}");
    let new_id = new["id"].as_i64().unwrap();
    assert_ne!(new_id, id);
    assert_eq!((new["since"].as_str(), new["supersedes"].as_i64()), (Some("2002"), Some(id)));
    assert_eq!(new["comment"], "the charter is of 2002");

    let v = get_ok(&format!("/api/facts/{id}")).await;
    assert_eq!(v["superseded_by"].as_i64(), Some(new_id), "{v}");
    assert!(v["superseded_at"].is_string());
    let history: Vec<(i64, Value)> = facts(&v["history"]).iter().map(|h| (h["id"].as_i64().unwrap(), h["since"].clone())).collect();
    assert_eq!(history, [(id, json!("2001")), (new_id, json!("2002"))]);
    let current = get_ok(&format!("/api/facts/{new_id}")).await;
    assert!(current["superseded_at"].is_null());

    // Read as known before the correction: the old version.
    let before = old["recorded_at"].as_str().unwrap();
    let v = get_ok(&format!("/api/facts?kind=twinning&city=Reykjavik&known_on={before}")).await;
    let ids: Vec<i64> = facts(&v["facts"]).iter().map(|f| f["id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&id) && !ids.contains(&new_id), "{ids:?}");
    let v = get_ok("/api/facts?kind=twinning&city=Reykjavik").await;
    let ids: Vec<i64> = facts(&v["facts"]).iter().map(|f| f["id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&new_id) && !ids.contains(&id), "{ids:?}");

    // The superseded version cannot change any more.
    let (status, v) = patch_json(&format!("/api/facts/{id}"), &json!({ "since": "2003" })).await;
    assert_eq!(status, StatusCode::CONFLICT, "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains(&new_id.to_string()));

    // A field the kind does not have, and a bad value, are named.
    let (status, v) = patch_json(&format!("/api/facts/{new_id}"), &json!({ "field": "Music" })).await;
    assert_eq!((status, v["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("field")), "{v}");
    let (status, v) = patch_json(&format!("/api/facts/{new_id}"), &json!({ "status": "maybe" })).await;
    assert_eq!((status, v["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("status")), "{v}");
    let (status, _) = patch_json("/api/facts/999999999", &json!({ "since": "2003" })).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn posting_a_known_fact_adds_no_duplicate() {
    let fact = json!([{ "kind": "twinning", "city": "Leipzig", "other": "Bologna", "since": "1962", "status": "accepted" }]);
    let (status, v) = post_json("/api/facts", &fact).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["added"], 0, "{v}");
    assert_eq!(facts(&v["facts"]).len(), 1);
}

#[tokio::test]
async fn openapi_document_covers_every_route() {
    let (status, text) = get_text("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    for route in citynets_web::api::routes() {
        for method in route.methods {
            let op = &doc["paths"][route.path][method];
            assert!(op["responses"].is_object(), "{method} {} is not documented", route.path);
            // Every path parameter of the route is declared.
            for segment in route.path.split('/').filter(|s| s.starts_with('{')) {
                let name = segment.trim_matches(|c| c == '{' || c == '}');
                let declared = op["parameters"].as_array().is_some_and(|ps| ps.iter().any(|p| p["name"] == name && p["in"] == "path"));
                assert!(declared, "{method} {}: path parameter {name}", route.path);
            }
        }
        // And the router serves it (by GET, or the route's first method).
        let path = route.path.replace("{id}", "uccn").replace("{key}", "seed-003");
        let status = if route.methods.contains(&"get") {
            get_text(&path).await.0
        } else {
            assert_eq!(route.methods, ["post"], "{path}");
            post_json(&path, &json!({})).await.0
        };
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{path}");
    }
    // Nothing documented that is not served.
    let served: Vec<&str> = citynets_web::api::routes().iter().map(|r| r.path).collect();
    for path in doc["paths"].as_object().unwrap().keys() {
        assert!(served.contains(&path.as_str()), "{path} is documented but not served");
    }
}
