//! schema.org JSON-LD: structure checked with serde_json, and the embedded
//! form read back by Python's own HTML and JSON parsers (and by rdflib as
//! JSON-LD when it is installed).

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

use citynets_formats::{city_place, embed, event, network_organization, FormatError};
use common::*;
use serde_json::{json, Value};

fn roles<'a>(v: &'a Value, property: &str) -> Vec<&'a Value> {
    v[property].as_array().map(|a| a.iter().collect()).unwrap_or_default()
}

#[test]
fn a_city_is_a_place_with_dated_organization_roles() {
    let cities = cities();
    let bologna = &cities[1];
    let v = city_place(bologna, Some("Italy"), &facts(), &urls());
    assert_eq!(v["@context"], "https://schema.org");
    assert_eq!(v["@type"], json!(["City", "Organization"]));
    assert_eq!(v["@id"], "https://citynets.example/cities/bologna-it");
    assert_eq!(v["name"], "Bologna");
    assert_eq!(v["alternateName"], json!(["Bolonia"]), "the name itself is not repeated");
    assert_eq!(v["geo"], json!({ "@type": "GeoCoordinates", "latitude": 44.4938, "longitude": 11.3387 }));
    assert_eq!(v["containedInPlace"], json!({ "@type": "Country", "name": "Italy", "identifier": "IT" }));
    assert_eq!(v["sameAs"], json!(["https://www.wikidata.org/wiki/Q1891", "https://sws.geonames.org/3181928/"]));

    let member_of = roles(&v, "memberOf");
    let summary: Vec<(&str, &str, Option<&str>, &str)> = member_of
        .iter()
        .map(|r| {
            assert_eq!(r["@type"], "OrganizationRole");
            assert_eq!(r["memberOf"]["@type"], "Organization");
            (
                r["roleName"].as_str().unwrap(),
                r["startDate"].as_str().unwrap(),
                r["endDate"].as_str(),
                r["memberOf"]["@id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("member", "1991", None, "https://citynets.example/networks/eurocities"),
            ("Creative City of Music", "2006", None, "https://citynets.example/networks/uccn"),
            ("Chair", "2013", Some("2014"), "https://citynets.example/networks/eurocities#culture-forum"),
        ]
    );
    assert_eq!(member_of[2]["memberOf"]["name"], "EUROCITIES Culture Forum");

    // A city without coordinates or facts has neither geo nor memberOf.
    let nowhere = city_place(&cities[5], None, &facts(), &urls());
    assert!(nowhere.get("geo").is_none() && nowhere.get("memberOf").is_none(), "{nowhere}");
    assert_eq!(nowhere["containedInPlace"]["name"], "XX");
}

#[test]
fn a_network_is_an_organization_with_member_roles_bodies_founding_and_seat() {
    let v = network_organization(&uccn(), &facts(), &urls());
    assert_eq!(v["@context"], "https://schema.org");
    assert_eq!(v["@type"], "Organization");
    assert_eq!(v["name"], "UNESCO Creative Cities Network");
    assert_eq!(v["alternateName"], json!(["UCCN", "Rete delle Città Creative UNESCO"]));
    assert_eq!(v["foundingDate"], "2004");
    assert_eq!(v["location"], json!({ "@type": "City", "name": "Paris", "@id": "https://citynets.example/cities/paris-fr" }));
    let members: Vec<(&str, &str, &str)> = roles(&v, "member")
        .iter()
        .map(|r| {
            assert_eq!(r["@type"], "OrganizationRole");
            (r["member"]["name"].as_str().unwrap(), r["roleName"].as_str().unwrap(), r["startDate"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        members,
        vec![
            ("Bologna", "Creative City of Music", "2006"),
            ("Turin", "Creative City of Design", "2014"),
            ("Carrara", "Creative City of Crafts and Folk Art", "2017"),
            ("Anna Rossi", "Coordinator", "2019-03"),
        ]
    );
    assert_eq!(roles(&v, "member")[0]["member"]["@type"], json!(["City", "Organization"]));
    assert_eq!(roles(&v, "member")[3]["member"]["@type"], "Person");
    let bodies = roles(&v, "subOrganization");
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0]["name"], "UNESCO Creative Cities Network Music");

    // The role in a body is listed under that body.
    let e = network_organization(&eurocities(), &facts(), &urls());
    let forum = &roles(&e, "subOrganization")[0];
    assert_eq!(forum["@id"], "https://citynets.example/networks/eurocities#culture-forum");
    let chair = &forum["member"][0];
    assert_eq!((chair["roleName"].as_str(), chair["startDate"].as_str(), chair["endDate"].as_str()), (Some("Chair"), Some("2013"), Some("2014")));
    assert_eq!(chair["member"]["name"], "Bologna");
    let names: Vec<&str> = roles(&e, "member").iter().map(|r| r["member"]["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Bologna", "Turin", TRICKY], "the rejected membership is left out");
    assert!(e.get("foundingDate").is_none());
}

#[test]
fn an_event_fact_is_an_event_with_partial_dates_location_and_organizer() {
    let events = events();
    let v = event(&events[0], &urls()).unwrap();
    assert_eq!(v["@type"], "Event");
    assert_eq!(v["name"], "Annual Meeting (UNESCO Creative Cities Network)");
    assert_eq!((v["startDate"].as_str(), v["endDate"].as_str()), (Some("2017-11"), Some("2017-11")));
    assert_eq!(v["location"]["name"], "Carrara");
    assert_eq!(v["location"]["@id"], "https://citynets.example/cities/carrara-it");
    assert_eq!(v["organizer"], json!({ "@type": "Organization", "name": "UNESCO Creative Cities Network", "@id": "https://citynets.example/networks/uccn" }));
    assert_eq!(v["url"], "https://citynets.example/facts/20");
    let year = event(&events[1], &urls()).unwrap();
    assert_eq!(year["startDate"], "2014");
    let days = event(&events[2], &urls()).unwrap();
    assert_eq!((days["startDate"].as_str(), days["endDate"].as_str()), (Some("2013-09-18"), Some("2013-09-21")));
    let err = event(&facts()[0], &urls()).unwrap_err();
    assert_eq!(err, FormatError::WrongKind { fact: 1, expected: "event", found: "designation" });
}

#[test]
fn embed_cannot_close_the_script_element_and_means_the_same() {
    let v = json!({ "name": "</script><!-- & -->", "x": TRICKY, "sep": "a\u{2028}b" });
    let s = embed(&v);
    assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'), "{s}");
    assert!(s.contains("\\u003c/script\\u003e"));
    assert_eq!(serde_json::from_str::<Value>(&s).unwrap(), v);
}

/// Runs `script` with python3, feeding `input`; `None` (with the reason
/// printed) when python3 or `module` is missing.
fn python(script: &str, input: &str, module: &str) -> Option<String> {
    let probe = Command::new("python3").args(["-c", &format!("import {module}")]).output();
    match probe {
        Err(e) => {
            println!("skipped: python3 is not available ({e})");
            return None;
        }
        Ok(o) if !o.status.success() => {
            println!("skipped: python3 has no module {module}");
            return None;
        }
        Ok(_) => {}
    }
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn python_reads_the_embedded_script_back() {
    let cities = cities();
    let mut tricky = cities[4].clone();
    tricky.names.push(citynets_model::Name::new("</script><script>alert(1)</script>", None));
    let v = city_place(&tricky, Some("France"), &facts(), &urls());
    let page = format!("<html><head><script type=\"application/ld+json\">{}</script></head><body></body></html>", embed(&v));
    let script = r#"
import sys, json
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.scripts = []; self.inside = False
    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script"
        if self.inside: self.scripts.append("")
    def handle_endtag(self, tag): self.inside = False
    def handle_data(self, data):
        if self.inside: self.scripts[-1] += data
p = P(); p.feed(sys.stdin.read())
print(len(p.scripts))
print(json.dumps(json.loads(p.scripts[0]), sort_keys=True))
"#;
    let Some(out) = python(script, &page, "html.parser") else { return };
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("1"), "the data opened no other script element");
    let back: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(back, v);
}

#[test]
fn rdflib_reads_the_json_ld_when_installed() {
    let mut v = network_organization(&eurocities(), &facts(), &urls());
    // Offline: the schema.org context cannot be fetched, so an equivalent
    // inline context stands in for it.
    v["@context"] = json!({ "@vocab": "https://schema.org/" });
    let script = r#"
import sys, rdflib
g = rdflib.Graph().parse(data=sys.stdin.read(), format="json-ld")
S = rdflib.Namespace("https://schema.org/")
print(len(set(g.subjects(rdflib.RDF.type, S.OrganizationRole))))
"#;
    let Some(out) = python(script, &v.to_string(), "rdflib") else { return };
    assert_eq!(out.trim(), "4", "three member roles and the chair");
}
