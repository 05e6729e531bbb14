//! The OpenAPI 3.1 document of the API, written by hand.
//!
//! Every route of [`crate::api::routes`] is described here with its
//! parameters and response shapes; a test checks that none is missing.

use citynets_model::limits;
use serde_json::{Value, json};

/// A query parameter.
fn query(name: &str, description: &str, example: Option<&str>) -> Value {
    let mut p = json!({ "name": name, "in": "query", "required": false, "description": description, "schema": { "type": "string" } });
    if let Some(e) = example {
        p["example"] = json!(e);
    }
    p
}

/// A path parameter.
fn path(name: &str, description: &str, example: &str) -> Value {
    json!({ "name": name, "in": "path", "required": true, "description": description, "schema": { "type": "string" }, "example": example })
}

fn schema(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn array_of(name: &str) -> Value {
    json!({ "type": "array", "items": schema(name) })
}

fn error_response(description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema("Error") } } })
}

/// A GET operation answering `200` with `body`, and the usual errors.
fn get(summary: &str, description: &str, parameters: Vec<Value>, body: Value) -> Value {
    json!({
        "summary": summary,
        "description": description,
        "parameters": parameters,
        "responses": {
            "200": { "description": "OK", "content": { "application/json": { "schema": body } } },
            "400": error_response("A parameter is malformed or names nothing known; the error names the parameter."),
            "404": error_response("Nothing has this id."),
        }
    })
}

/// A GET that answers with a file to download.
fn file_get(summary: &str, description: &str, parameters: Vec<Value>, media: &str) -> Value {
    json!({
        "summary": summary,
        "description": description,
        "parameters": parameters,
        "responses": {
            "200": { "description": "The file", "content": { media: { "schema": { "type": "string" } } } },
            "400": error_response("A parameter is malformed or names nothing known; the error names the parameter."),
            "404": error_response("Nothing has this id."),
        }
    })
}

fn path_param(name: &str, description: &str, example: &str) -> Value {
    json!({ "name": name, "in": "path", "required": true, "description": description, "schema": { "type": "string" }, "example": example })
}

fn graph_params(network: &Value, country: &Value) -> Vec<Value> {
    vec![
        network.clone(),
        country.clone(),
        date_param("as_of", "Memberships and twinnings as of this date (default today)"),
        query("network_nodes", "true: add a node per network, linked to its member cities.", Some("false")),
    ]
}

fn object(properties: Value, required: &[&str]) -> Value {
    json!({ "type": "object", "properties": properties, "required": required })
}

fn date_param(name: &str, what: &str) -> Value {
    query(name, &format!("{what}: a partial date, YYYY, YYYY-MM or YYYY-MM-DD. A fact holds as of a date when its valid time overlaps the date's period."), Some("2014"))
}

fn paging() -> [Value; 3] {
    [
        query("limit", "Page size (default 100).", Some("100")),
        query("offset", "How many to skip (default 0).", Some("0")),
        query("page", "The page, from 1, when `offset` is not given.", Some("1")),
    ]
}

/// The document.
pub fn document() -> Value {
    let network = query("network", "A network by key, name or alias, in any case and with or without accents (`eurocities`, `UCCN`).", Some("eurocities"));
    let country = query("country", "A country by ISO 3166-1 alpha-2 code or name in any of its languages (`IT`, `Italia`).", Some("IT"));
    let city = |name: &str, what: &str| query(name, &format!("{what}: a city key (`bologna-it`) or any of its names (`Torino`)."), Some("Torino"));
    let field = query("field", "A body of `network` or a UCCN field, by name in any language (`Music`, `gastronomia`, `Culture Forum`). A UCCN field needs no `network`.", Some("Music"));
    let organ = query("organ", "A network, or a body written after its network's name (`EUROCITIES Culture Forum`).", Some("EUROCITIES Culture Forum"));
    let [limit, offset, page] = paging();

    let paths = json!({
        "/api/openapi.json": {
            "get": {
                "summary": "This document",
                "responses": { "200": { "description": "The OpenAPI 3.1 document", "content": { "application/json": { "schema": { "type": "object" } } } } }
            }
        },
        "/api/cities": {
            "get": get(
                "Cities",
                "Cities the registry has facts about, by name; with `network` (and `field`, `as_of`), only the members then.",
                vec![
                    country.clone(), network.clone(), field.clone(), date_param("as_of", "Members as of this date"),
                    query("q", "Cities whose name (in any language) starts with these words.", Some("Bol")),
                    limit.clone(), offset.clone(), page.clone(),
                ],
                object(json!({ "cities": array_of("City"), "limit": { "type": "integer" }, "offset": { "type": "integer" } }), &["cities", "limit", "offset"]),
            )
        },
        "/api/cities/{id}": {
            "get": get("A city and its timeline", "The city with every current accepted fact about it, in time order.",
                vec![path("id", "A city key or any of its names.", "bologna-it")], schema("CityView"))
        },
        "/api/cities/{id}/history": {
            "get": get("A city's history", "Every recorded change to the facts about the city (in any place: member, host, holder, either side of a twinning), most recent first: each version with its author, comment, kind of change (`added`, `reviewed`, `edited`, `sourced`) and the fields it changed.",
                { let mut p = vec![path("id", "A city key or any of its names.", "bologna-it")]; p.extend(paging()); p },
                object(json!({
                    "city": { "type": "string" }, "limit": { "type": "integer" }, "offset": { "type": "integer" },
                    "changes": { "type": "array", "items": { "allOf": [schema("FactRecord"), object(json!({
                        "change": { "type": "string", "enum": ["added", "reviewed", "edited", "sourced"] },
                        "fields": { "type": "array", "items": { "type": "string" }, "description": "The fields this version changed." },
                    }), &["change"])] } },
                }), &["city", "limit", "offset", "changes"]))
        },
        "/api/session": {
            "get": {
                "summary": "Who is asking",
                "description": "The account of the request's credentials (null without any), and for a browser session the CSRF token its API writes must send in `X-CSRF-Token`.",
                "responses": {
                    "200": { "description": "OK", "content": { "application/json": { "schema": object(json!({
                        "user": { "type": ["object", "null"], "properties": { "id": { "type": "integer" }, "name": { "type": "string" }, "role": { "type": "string", "enum": ["admin", "reviewer", "network_editor", "city_editor"] }, "scope": { "type": "string" } } },
                        "csrf": { "type": ["string", "null"] },
                    }), &["user", "csrf"]) } } },
                    "401": error_response("The bearer token is not valid."),
                }
            }
        },
        "/api/facts/{id}/revert": {
            "post": {
                "summary": "Revert a change",
                "description": "Reverts the change that recorded fact version `id`, which must be current, by a new version: the fact gets back the content and status of the version before it (a fact's first version is withdrawn: rejected). The new version records the author and the comment.",
                "parameters": [path("id", "The id of a current fact version.", "101")],
                "requestBody": {
                    "required": false,
                    "content": { "application/json": { "schema": object(json!({ "comment": { "type": "string", "maxLength": limits::COMMENT } }), &[]), "example": { "comment": "the earlier date was right" } } }
                },
                "responses": {
                    "200": { "description": "The new version.", "content": { "application/json": { "schema": schema("FactRecord") } } },
                    "400": error_response("Nothing to revert (the change only added sources), or a bad body."),
                    "404": error_response("No fact has this id."),
                    "409": error_response("The version is not current: a later change would be undone too."),
                }
            }
        },
        "/api/networks": {
            "get": get("Networks", "Every network with its member count as of today.", vec![],
                object(json!({ "as_of": { "type": "string" }, "networks": array_of("NetworkSummary") }), &["as_of", "networks"]))
        },
        "/api/networks/{id}": {
            "get": get("A network", "The network, its bodies, governance (role facts), founding, headquarters and meetings.",
                vec![path("id", "A network key, name or alias.", "eurocities")], schema("NetworkView"))
        },
        "/api/networks/{id}/members": {
            "get": get("Members of a network", "Member cities as of a date (today by default), each with the memberships or designations that make it one.",
                vec![path("id", "A network key, name or alias.", "uccn"), date_param("as_of", "Members as of this date (default today)"), field.clone(), country.clone(),
                    query("not_in", "Only cities that are not members of this other network as of the same date (key, name or alias): the UCCN's members outside EUROCITIES.", Some("eurocities")),
                    query("limit", "Page size: members, in the order of their city keys (default 100, at most 100000).", Some("100")), offset.clone(), page.clone()],
                object(json!({
                    "network": { "type": "string" }, "as_of": { "type": "string" },
                    "field": { "type": ["string", "null"] }, "country": { "type": ["string", "null"] },
                    "limit": { "type": "integer" }, "offset": { "type": "integer" },
                    "total": { "type": "integer", "description": "Members in all pages." },
                    "members": array_of("Member"),
                }), &["network", "as_of", "members", "total", "limit", "offset"]))
        },
        "/api/roles": {
            "get": get("Roles", "Who held which role in which organ, every term or as of a date. A network named alone means its own offices.",
                vec![organ.clone(), query("holder", "A city (by key or name) or a person's name.", Some("Bologna")), date_param("as_of", "Roles held as of this date")],
                object(json!({ "roles": array_of("RoleTerm") }), &["roles"]))
        },
        "/api/conflicts": {
            "get": get("Conflicts", "Holders of a role one holder holds at a time (a president, a chair, a secretary general, a lead) whose stated terms surely overlap. A reviewer resolves one by correcting either fact.",
                vec![network.clone()],
                object(json!({ "conflicts": array_of("Conflict") }), &["conflicts"]))
        },
        "/api/events": {
            "get": get("Meetings", "Meetings of networks with their hosts.",
                vec![network.clone(), city("host", "The host city"), query("year", "Meetings in this year.", Some("2010"))],
                object(json!({ "events": array_of("FactRecord") }), &["events"]))
        },
        "/api/search": {
            "get": get("Search", "Full-text search over cities (every name), networks and their bodies, documents and accepted facts. Accents and case are folded, English and Italian words are stemmed, and a misspelt word still matches (one edit from 4 letters, two from 8); exact matches rank first. `facets` counts all matches by kind, country, network and field.",
                vec![
                    query("q", "Words to look for (no query syntax).", Some("Bolgna")),
                    query("kind", "Only these kinds, separated by commas: city, network, body, document, fact.", Some("city")),
                    country.clone(), network.clone(),
                    query("field", "Only entries about this UCCN field (any language).", Some("musica")),
                    limit.clone(), offset.clone(), page.clone(),
                ],
                object(json!({
                    "total": { "type": "integer" },
                    "hits": { "type": "array", "items": { "type": "object", "properties": {
                        "kind": { "type": "string", "enum": ["city", "network", "body", "document", "fact"] },
                        "key": { "type": "string" }, "title": { "type": "string" }, "href": { "type": "string" }, "score": { "type": "number" },
                        "snippet": { "type": "object", "properties": { "text": { "type": "string" }, "highlights": { "type": "array", "items": { "type": "array", "items": { "type": "integer" } } } } }
                    } } },
                    "facets": { "type": "object", "properties": {
                        "kind": { "type": "array" }, "country": { "type": "array" }, "network": { "type": "array" }, "field": { "type": "array" }
                    } }
                }), &["total", "hits", "facets"]))
        },
        "/api/cities.geojson": {
            "get": file_get("Cities as GeoJSON",
                "The cities the directory's filters select, as a GeoJSON FeatureCollection of points with key, name, country, population, the city page's URL, and what the city is a member of by the same filters: `memberships` (one `{network, field, year}` each), `field` (the fields, joined by \"; \") and `year` (the earliest year stated).",
                vec![country.clone(), network.clone(), field.clone(), date_param("as_of", "Members as of this date"), query("q", "Cities with a name starting with these words.", Some("Bol"))],
                "application/geo+json")
        },
        "/api/networks/{id}/events.ics": {
            "get": file_get("Meetings as iCalendar",
                "The network's meetings as an RFC 5545 calendar: one all-day VEVENT per meeting; a year- or month-precise date spans its whole period.",
                vec![path_param("id", "A network key, name or alias.", "uccn")],
                "text/calendar")
        },
        "/api/graph.graphml": {
            "get": file_get("Network graph as GraphML",
                "Cities linked by shared memberships (weighted by the number of networks they share) and by twinnings, as of a date: of one network (its members and the twinnings among them), of a country, or of the whole registry.",
                graph_params(&network, &country),
                "application/graphml+xml")
        },
        "/api/graph.gexf": {
            "get": file_get("Network graph as GEXF (Gephi)",
                "The graph of `/api/graph.graphml` as GEXF 1.3; nodes are placed at the cities' coordinates.",
                graph_params(&network, &country),
                "application/gexf+xml")
        },
        "/api/graph/neighbours": {
            "get": get("Who a city is connected to", "The city's networks (with their other members) and twins, as of a date: who is connected to Carrara, and through what.",
                vec![city("city", "The city"), date_param("as_of", "As of this date (default today)")],
                object(json!({ "city": { "type": "string" }, "connections": { "type": "array" } }), &["city", "connections"]))
        },
        "/api/graph/chain": {
            "get": get("Shortest chain between two cities", "The shortest chain of memberships and twinnings between two cities (`404` when none links them).",
                vec![city("from", "The first city"), city("to", "The second city"), date_param("as_of", "As of this date (default today)")],
                object(json!({ "nodes": { "type": "array" }, "links": { "type": "array" } }), &["nodes", "links"]))
        },
        "/api/graph/in-both": {
            "get": get("Cities in both networks", "Cities that belong to both networks as of a date.",
                vec![query("a", "A network.", Some("uccn")), query("b", "Another network.", Some("eurocities")), date_param("as_of", "As of this date (default today)")],
                object(json!({ "cities": { "type": "array" } }), &["cities"]))
        },
        "/api/countries": {
            "get": get("Countries by number of memberships", "Countries whose cities belong to `network` (every network when not given) as of a date, with the number of member cities, of memberships (a city counts once per network and field or body) and the networks; most memberships first.",
                vec![network.clone(), date_param("as_of", "Memberships as of this date (default today)")],
                object(json!({ "network": { "type": ["string", "null"] }, "as_of": { "type": "string" }, "countries": array_of("CountryCount") }), &["as_of", "countries"]))
        },
        "/api/twinnings": {
            "get": get("Twinnings", "Twinnings of a city (either side), or all.",
                vec![city("city", "The city"), query("limit", "At most this many (default 1000).", Some("1000"))],
                object(json!({ "twinnings": array_of("FactRecord") }), &["twinnings"]))
        },
        "/api/gaps": {
            "get": get("Gaps", "Fields or bodies of a network with no member from a country as of a date (a city is in a field by designation, in a body by any role in it). `network` and `country` are required.",
                vec![network.clone(), country.clone(), date_param("as_of", "As of this date (default today)")],
                object(json!({ "network": { "type": "string" }, "country": { "type": "string" }, "as_of": { "type": "string" }, "gaps": array_of("Gap") }), &["network", "country", "as_of", "gaps"]))
        },
        "/api/facts": {
            "get": get("Facts", "Current facts (or as known at `known_on`), in valid-time order, of any status unless `status` is given.",
                vec![
                    query("kind", "One or more fact kinds, separated by commas: membership, designation, event, role, twinning, headquarters, founded.", Some("role")),
                    city("city", "Facts about this city in any place (member, host, holder, either side of a twinning)"),
                    network.clone(), organ.clone(),
                    query("source", "Facts with a source in this document (its key).", Some("seed-003")),
                    query("status", "proposed, accepted or rejected.", Some("accepted")),
                    date_param("as_of", "Facts that hold as of this date"),
                    query("known_on", "Read the registry as it was known at this moment: an RFC 3339 timestamp, or a date (the end of that day, UTC).", Some("2025-03-01T10:00:00Z")),
                    limit, offset, page,
                ],
                object(json!({ "total": { "type": "integer" }, "limit": { "type": "integer" }, "offset": { "type": "integer" }, "facts": array_of("FactRecord") }), &["total", "limit", "offset", "facts"])),
            "post": {
                "summary": "Add facts",
                "description": "One fact object or an array of them, in the fact format, each with an optional `status` (default accepted) and `sources`. Added in one transaction: on any error nothing is written. A fact already known gains the sources instead of being duplicated.",
                "requestBody": {
                    "required": true,
                    "content": { "application/json": { "schema": { "oneOf": [schema("NewFact"), array_of("NewFact")] },
                        "example": { "kind": "twinning", "city": "Bologna", "other": "Leipzig", "since": "1962", "sources": [{ "document": "seed-003" }] } } }
                },
                "responses": {
                    "201": { "description": "The resulting current facts, in the order given, and what happened to them.", "content": { "application/json": { "schema": object(json!({
                        "facts": array_of("FactRecord"), "added": { "type": "integer" }, "corroborated": { "type": "integer" },
                        "enriched": { "type": "integer" }, "unchanged": { "type": "integer" },
                        "guessed": { "type": "array", "description": "Cities taken for the largest of their namesakes, nothing else telling them apart: a guess, noted on the fact's sources as `cue`.", "items": object(json!({ "place": { "type": "string", "description": "`fact N`" }, "message": { "type": "string" } }), &["place", "message"]) },
                    }), &["facts", "added", "corroborated", "enriched", "unchanged", "guessed"]) } } },
                    "400": error_response("A field is wrong: the error names it, and `at` the fact (`fact 2`)."),
                    "413": error_response("The body is larger than 2 MiB."),
                    "415": error_response("The body is not declared as application/json."),
                }
            }
        },
        "/api/facts/{id}": {
            "get": get("A fact", "One version of a fact (current or not) with its sources and `history`: every version, oldest first.",
                vec![path("id", "A fact id.", "42")], schema("FactView")),
            "patch": {
                "summary": "Correct a fact",
                "description": "The fields to change, in the fact format, and optionally `status` and `comment`. The correction is recorded as a new version that supersedes this one; nothing is overwritten.",
                "parameters": [path("id", "The id of the current version.", "42")],
                "requestBody": {
                    "required": true,
                    "content": { "application/json": { "schema": { "type": "object", "additionalProperties": true, "properties": {
                        "status": { "type": "string", "enum": ["proposed", "accepted", "rejected"] },
                        "comment": { "type": "string", "maxLength": limits::COMMENT },
                    } }, "example": { "since": "1963", "comment": "the twinning charter is dated 1963" } } }
                },
                "responses": {
                    "200": { "description": "The new current version.", "content": { "application/json": { "schema": schema("FactRecord") } } },
                    "400": error_response("A field is wrong, or the kind has no such field; the error names it."),
                    "404": error_response("No fact has this id."),
                    "409": error_response("This version was already superseded: correct the current one."),
                }
            }
        },
        "/api/documents": {
            "get": get("Documents", "Texts and datasets facts were read from, newest first.", vec![],
                object(json!({ "documents": array_of("Document") }), &["documents"])),
            "post": {
                "summary": "Ingest a text",
                "description": "Reads a text (a news article, a page) with the extractor and stores it with the facts it states, as *proposed* facts for review, each citing the text with its quote and the quote's character span in the stored plain text. In one transaction. The same plain text again changes nothing (`already_known`). Statements whose names the gazetteer does not know are listed in `unresolved`, not stored.",
                "requestBody": {
                    "required": true,
                    "content": { "application/json": { "schema": object(json!({
                        "text": { "type": "string", "description": "The text, at most 1 MiB (UTF-8)." },
                        "title": { "type": ["string", "null"], "maxLength": limits::TITLE, "description": "Default: the text's first line." },
                        "url": { "type": ["string", "null"], "maxLength": limits::URL, "description": "Where the text was published." },
                        "key": { "type": ["string", "null"], "maxLength": limits::DOCUMENT_KEY, "description": "The document's key (made a slug; a free variant is taken when it exists). Default: from the title." },
                        "format": { "type": ["string", "null"], "enum": ["auto", "text", "markdown", "html", null], "description": "How the text is written. `auto` (default): HTML when it looks like HTML, else Markdown (which covers plain text); `text`: verbatim." },
                    }), &["text"]),
                    "example": { "title": "Utrecht joins EUROCITIES", "text": "Published on 3 May 2021. The City of Utrecht joined EUROCITIES in 2015. Utrecht has been twinned with Brno since 1991." } } }
                },
                "responses": {
                    "201": { "description": "The text was read: the report and the document's proposals.", "content": { "application/json": { "schema": schema("Ingested") } } },
                    "200": { "description": "The text was already in the registry (`already_known`): nothing changed.", "content": { "application/json": { "schema": schema("Ingested") } } },
                    "400": error_response("A field is wrong (an empty text, a binary text, an unknown format); the error names it."),
                    "413": error_response("The text is larger than 1 MiB (`field`: `text`), or the body larger than 2 MiB (`body`)."),
                    "415": error_response("The body is not declared as application/json."),
                }
            }
        },
        "/api/documents/{key}": {
            "get": get("A document", "The document with its text and the first 1000 current facts citing it (`facts_total` counts them all; page with /api/facts?source=).",
                vec![path("key", "A document key.", "seed-003")], schema("DocumentView"))
        },
        "/api/review": {
            "get": get("The review queue", "Current proposed facts with their sources and quotes, of one document or all, and the documents that have proposals with their counts.",
                vec![query("document", "Only the proposals citing this document (its key).", Some("utrecht-joins-eurocities")), query("limit", "At most this many proposals (default 100).", Some("100"))],
                schema("ReviewQueue")),
            "post": {
                "summary": "Accept or reject proposals",
                "description": "Accepts or rejects proposed facts, by `ids` or every current proposal of a `document`, in one transaction. Accepting a fact the registry already knows makes its document a further source of the known fact (its id is returned) instead of adding a duplicate. Every decision is a new version; the proposal stays in the history.",
                "requestBody": {
                    "required": true,
                    "content": { "application/json": { "schema": object(json!({
                        "ids": { "type": "array", "items": { "type": "integer" }, "description": "The proposals' ids (not with `document`)." },
                        "document": { "type": "string", "description": "A document's key: all its current proposals (not with `ids`)." },
                        "decision": { "type": "string", "enum": ["accept", "reject"] },
                        "min_confidence": { "type": "number", "minimum": 0, "maximum": 1, "description": "With a `document` and `accept`: only the proposals the extractor read with at least this confidence; the others stay proposed." },
                        "comment": { "type": "string", "maxLength": limits::COMMENT, "description": "Why; kept with the new versions." },
                    }), &["decision"]),
                    "example": { "ids": [101, 102], "decision": "accept", "comment": "checked against the city's site" } } }
                },
                "responses": {
                    "200": { "description": "The resulting facts, in the order given.", "content": { "application/json": { "schema": schema("ReviewResult") } } },
                    "400": error_response("A field is wrong; the error names it."),
                    "404": error_response("No fact has one of the ids, or no document has the key."),
                    "409": error_response("A fact is not a current proposal: already decided, or superseded (the message names its successor)."),
                }
            }
        },
        "/api/facts/{id}/review": {
            "post": {
                "summary": "Decide on one proposal",
                "description": "Accepts, rejects, or corrects and accepts one proposed fact. A correction's `patch` holds the fields to change, in the fact format (`{\"since\": \"1992\"}`); the corrected fact keeps the proposal's sources.",
                "parameters": [path("id", "The id of a current proposed fact.", "101")],
                "requestBody": {
                    "required": true,
                    "content": { "application/json": { "schema": object(json!({
                        "decision": { "type": "string", "enum": ["accept", "reject", "correct"] },
                        "patch": { "type": "object", "additionalProperties": true, "description": "For `correct`: the fields to change." },
                        "comment": { "type": "string" },
                    }), &["decision"]),
                    "example": { "decision": "correct", "patch": { "since": "1990" }, "comment": "the charter is dated 1990" } } }
                },
                "responses": {
                    "200": { "description": "The resulting fact.", "content": { "application/json": { "schema": schema("ReviewResult") } } },
                    "400": error_response("A field is wrong; a bad patch names its field (`patch.since`)."),
                    "404": error_response("No fact has this id."),
                    "409": error_response("The fact is not a current proposal: already decided, or superseded."),
                }
            }
        },
        "/api/export": {
            "get": {
                "summary": "Export",
                "description": "Every current fact, as JSON Lines (one FactRecord a line) or CSV.",
                "parameters": [query("format", "jsonl (default) or csv.", Some("csv"))],
                "responses": {
                    "200": { "description": "The facts", "content": {
                        "application/x-ndjson": { "schema": { "type": "string" } },
                        "text/csv": { "schema": { "type": "string" } },
                    } },
                    "400": error_response("Unknown format."),
                }
            }
        },
    });

    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "citynets",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "A temporal, sourced registry of city networks: memberships, designations, roles, meetings and twinnings, each with its valid time and sources. Parameters that name things accept keys, names and aliases in any case, with or without accents. Errors are JSON, whatever their status: `{\"error\": {\"parameter\" | \"field\": ..., \"message\": ...}}`. Free text is bounded (`maxLength`, in characters): a longer value is a 400 naming its field, and nothing is written.",
        },
        "paths": with_security(with_list_formats(paths)),
        "components": {
            "schemas": schemas(),
            "securitySchemes": {
                "token": { "type": "http", "scheme": "bearer", "description": "An API token from `citynets user token NAME`." },
                "session": { "type": "apiKey", "in": "cookie", "name": crate::auth::COOKIE, "description": "The session cookie of the login page; a write with it also sends the session's CSRF token in `X-CSRF-Token` (see `GET /api/session`)." },
            },
        },
    })
}

/// Every list route also answers CSV and JSON Lines (`format`, see
/// [`crate::tabular`]): its GET gets the parameter and the media types.
fn with_list_formats(mut paths: Value) -> Value {
    for r in crate::api::routes() {
        let Some(field) = r.list else { continue };
        let op = &mut paths[r.path]["get"];
        let description = format!("`json` (the default), or the `{field}` of the answer as a file: `csv` (nested fields as dotted columns, an array's values in one cell separated by `; `) or `jsonl` (one row per line).");
        if let Some(params) = op["parameters"].as_array_mut() {
            params.push(query("format", &description, Some("csv")));
        } else {
            op["parameters"] = json!([query("format", &description, Some("csv"))]);
        }
        let content = &mut op["responses"]["200"]["content"];
        content["text/csv"] = json!({ "schema": { "type": "string" } });
        content["application/x-ndjson"] = json!({ "schema": { "type": "string" } });
    }
    paths
}

/// Every write (a method other than GET) needs an account: it gets the
/// security requirement and the answers for no account (401) and for an
/// account whose role does not allow the write (403).
fn with_security(mut paths: Value) -> Value {
    for r in crate::api::routes() {
        for m in r.methods.iter().filter(|m| **m != "get") {
            let op = &mut paths[r.path][*m];
            op["security"] = json!([{ "token": [] }, { "session": [] }]);
            op["responses"]["401"] = error_response("No account: send `Authorization: Bearer TOKEN`, or log in (a session cookie with its CSRF token).");
            op["responses"]["403"] = error_response("The account's role does not allow this write, or a cookie session did not send its CSRF token.");
        }
    }
    paths
}

fn schemas() -> Value {
    let date = json!({ "type": ["string", "null"], "description": "A partial date: YYYY, YYYY-MM or YYYY-MM-DD.", "examples": ["2014", "2017-11", "2013-09-18"] });
    let text = json!({ "type": "string" });
    let opt_text = json!({ "type": ["string", "null"] });
    // The names a fact gives, bounded (see `citynets_model::limits`).
    let named = json!({ "type": "string", "maxLength": limits::NAME });
    let opt_named = json!({ "type": ["string", "null"], "maxLength": limits::NAME });
    let event = json!({ "type": "string", "maxLength": limits::EVENT });
    let fact_kind = |kind: &str, props: Value, required: &[&str]| {
        let mut p = props;
        p["kind"] = json!({ "const": kind });
        let mut req = vec!["kind"];
        req.extend_from_slice(required);
        object(p, &req)
    };
    let fields: Vec<Value> = citynets_model::Field::ALL.iter().map(|f| json!(f.as_str())).chain([Value::Null]).collect();
    let field = json!({ "type": ["string", "null"], "enum": fields });
    let role = json!({ "type": "string", "enum": ["President", "Vice-President", "Chair", "Vice-Chair", "Member", "Lead", "Support", "Secretary General", "Secretary", "Treasurer", "Coordinator"] });
    let name = object(json!({ "name": text, "lang": opt_text }), &["name"]);
    json!({
        "Error": object(json!({
            "error": object(json!({
                "parameter": { "type": "string", "description": "The query or path parameter at fault." },
                "field": { "type": "string", "description": "The body field at fault (`body` for the body as a whole)." },
                "at": { "type": "string", "description": "Which fact of the body (`fact 2`)." },
                "message": text,
            }), &["message"])
        }), &["error"]),
        "Fact": {
            "description": "A fact in the exchange format: entities are named, dates are partial.",
            "oneOf": [
                fact_kind("membership", json!({ "city": named, "country": opt_text, "network": named, "since": date, "until": date }), &["city", "network"]),
                fact_kind("designation", json!({ "city": named, "country": opt_text, "network": named, "field": field, "year": date, "until": date }), &["city", "network"]),
                fact_kind("event", json!({ "network": named, "event": event, "edition": { "type": ["integer", "null"] }, "host": opt_named, "start": date, "end": date }), &["network", "event"]),
                fact_kind("role", json!({ "holder": named, "role": role, "organ": named, "from": date, "to": date }), &["holder", "role", "organ"]),
                fact_kind("twinning", json!({ "city": named, "other": named, "since": date }), &["city", "other"]),
                fact_kind("headquarters", json!({ "network": named, "city": named }), &["network", "city"]),
                fact_kind("founded", json!({ "network": named, "year": date }), &["network"]),
            ],
            "discriminator": { "propertyName": "kind" },
        },
        "Source": object(json!({
            "document": { "type": "string", "maxLength": limits::DOCUMENT_KEY, "description": "The document's key." },
            "quote": { "type": "string", "maxLength": limits::QUOTE, "description": "The words that state the fact." },
            "span": { "type": "array", "items": { "type": "integer", "minimum": 0 }, "minItems": 2, "maxItems": 2, "description": "Character offsets [start, end) of the quote: start at most end, end at most the length of the document's text." },
            "confidence": { "type": "number", "minimum": 0, "maximum": 1, "description": "How sure the extractor was that the quote states the fact (facts it proposed)." },
            "cue": { "type": "string", "maxLength": limits::CUE, "description": "Why the fact was read so: the extractor's cue, or for a dataset row whose city only size decided among namesakes, that guess." },
            "title": { "type": "string", "description": "The document's title (filled in by the registry)." },
            "published": { "type": "string", "description": "The document's date (filled in by the registry)." },
        }), &["document"]),
        "Status": { "type": "string", "enum": ["proposed", "accepted", "rejected"] },
        "NewFact": {
            "allOf": [schema("Fact"), object(json!({ "status": schema("Status"), "sources": array_of("Source") }), &[])]
        },
        "FactRecord": {
            "description": "One version of a fact: the fact format plus the registry's fields.",
            "allOf": [schema("Fact"), object(json!({
                "id": { "type": "integer" },
                "status": schema("Status"),
                "sources": array_of("Source"),
                "refs": object(json!({ "city": text, "other": text, "network": text, "body": text }), &[]),
                "recorded_at": { "type": "string", "description": "When this version was recorded (RFC 3339, UTC)." },
                "superseded_at": { "type": ["string", "null"], "description": "When a later version replaced it; null while current." },
                "supersedes": { "type": ["integer", "null"] },
                "superseded_by": { "type": ["integer", "null"] },
                "comment": text,
                "valid_from": object(json!({
                    "date": { "type": "string" },
                    "stated": { "type": "boolean", "description": "true: the start a source states; false: no source states the start, and `date` is that of the earliest source stating the fact (the as-of rule's earliest day)." },
                }), &["date", "stated"]),
            }), &["id", "status", "sources", "refs", "recorded_at", "superseded_at"])]
        },
        "RoleTerm": {
            "description": "A role's term: the fact, how it stands at the date asked about (today when none) and, for a role one holder holds at a time, what the seat's other terms say of it.",
            "allOf": [schema("FactRecord"), object(json!({
                "standing": { "type": "string", "enum": ["holds", "ended_by_succession", "undated", "outside"],
                    "description": "holds; ended_by_succession: it holds by what its sources state, but a successor began by then; undated: no source dates it, and the seat has dated holders; outside: it does not hold then." },
                "seat": object(json!({
                    "ended_by_succession": schema("Successor"),
                    "next": schema("Successor"),
                    "undated": { "type": "boolean" },
                    "conflicts": { "type": "array", "items": { "type": "integer" }, "description": "Facts of other holders whose terms surely overlap this one." },
                }), &["undated"]),
            }), &["standing"])]
        },
        "Successor": object(json!({
            "fact": { "type": "integer" }, "holder": text,
            "from": { "type": "string", "description": "When their term began: its stated start, or its earliest source's date." },
        }), &["fact", "holder", "from"]),
        "Conflict": object(json!({
            "role": text, "organ": text,
            "facts": { "type": "array", "items": schema("FactRecord"), "minItems": 2, "maxItems": 2, "description": "Both facts, the earlier start first." },
            "from": { "type": "string", "description": "Both hold from here..." },
            "until": { "type": "string", "description": "...to here; absent while both still hold." },
        }), &["role", "organ", "facts", "from"]),
        "FactView": {
            "allOf": [schema("FactRecord"), object(json!({ "history": array_of("FactRecord") }), &["history"])]
        },
        "City": object(json!({
            "key": text, "name": text, "country": text, "region": opt_text,
            "lat": { "type": ["number", "null"] }, "lon": { "type": ["number", "null"] },
            "population": { "type": ["integer", "null"] }, "geonames_id": { "type": ["integer", "null"] },
            "wikidata_id": opt_text, "names": { "type": "array", "items": name.clone() },
        }), &["key", "name", "country"]),
        "CityView": object(json!({ "city": schema("City"), "country_name": opt_text, "timeline": array_of("FactRecord") }), &["city", "timeline"]),
        "Body": object(json!({
            "key": text, "name": text,
            "kind": { "type": "string", "enum": ["field", "forum", "committee", "office", "working_group", "assembly", "secretariat"] },
            "aliases": { "type": "array", "items": name.clone() },
        }), &["key", "name", "kind"]),
        "Network": object(json!({
            "key": text, "name": text,
            "kind": { "type": "string", "enum": ["global", "regional", "national", "bilateral"] },
            "parent": opt_text,
            "aliases": { "type": "array", "items": name },
            "bodies": array_of("Body"),
        }), &["key", "name", "kind", "bodies"]),
        "NetworkSummary": {
            "allOf": [schema("Network"), object(json!({
                "members": { "type": "integer", "description": "Member cities as of today." },
                "on_record": { "description": "How complete the network's member data is: member cities on record at any time, and of them those whose membership or designation states when it began and those with a source.", "allOf": [object(json!({ "members": { "type": "integer" }, "with_year": { "type": "integer" }, "with_source": { "type": "integer" } }), &["members", "with_year", "with_source"])] },
            }), &["members"])]
        },
        "NetworkView": object(json!({
            "network": schema("Network"),
            "members": { "type": "integer" },
            "founded": array_of("FactRecord"),
            "headquarters": array_of("FactRecord"),
            "governance": array_of("RoleTerm"),
            "meetings": array_of("FactRecord"),
        }), &["network", "members", "founded", "headquarters", "governance", "meetings"]),
        "Member": object(json!({ "city": schema("City"), "facts": array_of("FactRecord") }), &["city", "facts"]),
        "CountryCount": object(json!({
            "code": text, "name": text, "cities": { "type": "integer" }, "memberships": { "type": "integer" },
            "networks": { "type": "array", "items": text },
        }), &["code", "name", "cities", "memberships", "networks"]),
        "Gap": object(json!({ "body": schema("Body"), "organ": text }), &["body", "organ"]),
        "Document": object(json!({
            "key": text, "title": opt_text, "url": opt_text, "language": opt_text, "published": date, "text": text,
        }), &["key"]),
        "DocumentView": object(json!({
            "document": schema("Document"), "facts_total": { "type": "integer" },
            "proposals": { "type": "integer", "description": "How many of the facts are proposals waiting for review." },
            "facts": array_of("FactRecord"),
        }), &["document", "facts_total", "proposals", "facts"]),
        "Ingested": object(json!({
            "document": { "type": "string", "description": "The document's key; its review page is /review/{document}." },
            "already_known": { "type": "boolean", "description": "The same text was ingested before: nothing changed." },
            "language": opt_text,
            "published": date,
            "facts": { "type": "array", "items": { "type": "integer" }, "description": "Ids of the facts the text states (proposals, or known facts they duplicate)." },
            "unresolved": { "type": "array", "items": text, "description": "Statements whose names did not resolve: not stored." },
            "proposals": { "type": "array", "items": schema("FactRecord"), "description": "The document's current proposals, with quotes and spans." },
        }), &["document", "already_known", "facts", "unresolved", "proposals"]),
        "ReviewQueue": object(json!({
            "total": { "type": "integer", "description": "How many proposals there are." },
            "limit": { "type": "integer" },
            "documents": { "type": "array", "items": { "allOf": [schema("Document"), object(json!({ "proposals": { "type": "integer" } }), &["proposals"])] }, "description": "Documents with proposals, newest first." },
            "proposals": array_of("FactRecord"),
        }), &["total", "limit", "documents", "proposals"]),
        "ReviewResult": object(json!({
            "decision": { "type": "string", "enum": ["accept", "reject", "correct"] },
            "ids": { "type": "array", "items": { "type": "integer" }, "description": "The resulting current facts: new versions, or known facts that gained a source." },
            "facts": array_of("FactRecord"),
        }), &["decision", "ids", "facts"]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_every_route_and_method() {
        let doc = document();
        for r in crate::api::routes() {
            for m in r.methods {
                assert!(doc["paths"][r.path][m].is_object(), "{m} {} is not documented", r.path);
            }
        }
    }

    #[test]
    fn every_write_needs_an_account() {
        let doc = document();
        for r in crate::api::routes() {
            for m in r.methods.iter().filter(|m| **m != "get") {
                let op = &doc["paths"][r.path][*m];
                assert!(op["security"].is_array() && op["responses"]["401"].is_object(), "{m} {} does not document its account", r.path);
            }
        }
        assert!(doc["paths"]["/api/cities"]["get"]["security"].is_null(), "reading is open");
    }

    #[test]
    fn every_list_documents_its_formats() {
        let doc = document();
        for r in crate::api::routes().into_iter().filter(|r| r.list.is_some()) {
            let op = &doc["paths"][r.path]["get"];
            let params = op["parameters"].as_array().expect("parameters");
            assert!(params.iter().any(|p| p["name"] == "format"), "GET {} does not document format", r.path);
            assert!(op["responses"]["200"]["content"]["text/csv"].is_object(), "GET {} does not document CSV", r.path);
        }
    }

    #[test]
    fn every_reference_resolves() {
        fn refs(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    if let Some(Value::String(r)) = m.get("$ref") {
                        out.push(r.clone());
                    }
                    m.values().for_each(|v| refs(v, out));
                }
                Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
                _ => {}
            }
        }
        let doc = document();
        let mut all = Vec::new();
        refs(&doc, &mut all);
        for r in all {
            let name = r.strip_prefix("#/components/schemas/").expect("local schema reference");
            assert!(doc["components"]["schemas"][name].is_object(), "{r} is not defined");
        }
    }
}
