//! Accounts on the web: no write without one, each role within its scope,
//! sessions with CSRF tokens, the audit trail and reverts. The facts these
//! tests change are their own (about Porto and Kraków, which no other test
//! reads), since the server is shared.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::*;

const EDITOR: &str = "porto-office";

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
}

/// Adds facts as `token`'s account; the first fact's record.
async fn add(token: &str, fact: Value) -> (StatusCode, Value) {
    post_json_as(Some(token), "/api/facts", &fact).await
}

#[tokio::test]
async fn every_write_of_the_api_needs_an_account() {
    let fact = json!({ "kind": "twinning", "city": "Porto", "other": "Zagreb", "since": "1977", "status": "accepted" });
    for r in citynets_web::api::routes() {
        let path = r.path.replace("{id}", "1").replace("{key}", "x");
        for m in r.methods.iter().filter(|m| **m != "get") {
            let req = reqwest::Client::new().request(m.to_uppercase().parse().unwrap(), url(&path)).json(&fact);
            let resp = req.send().await.unwrap();
            assert_eq!(resp.status(), StatusCode::UNAUTHORIZED, "{m} {path}");
            assert!(resp.headers()["www-authenticate"].to_str().unwrap().starts_with("Bearer"), "{m} {path}");
            let v: Value = resp.json().await.unwrap();
            assert!(v["error"]["message"].as_str().unwrap().contains("log in"), "{m} {path}: {v}");
        }
    }
    let (status, v) = post_json_as(Some("not-a-token"), "/api/facts", &fact).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains("token"), "{v}");
    let twins = get_ok("/api/twinnings?city=Porto").await["twinnings"].to_string();
    assert!(!twins.contains("Zagreb"), "nothing was written: {twins}");
    // Reading stays open.
    assert_eq!(get_json("/api/cities/bologna-it").await.0, StatusCode::OK);
}

#[tokio::test]
async fn each_role_writes_within_its_scope_and_every_change_is_attributed() {
    let editor = token_of(EDITOR);
    let who = get_json_as(editor, "/api/session").await;
    assert_eq!((who["user"]["role"].as_str(), who["user"]["scope"].as_str()), (Some("city_editor"), Some("porto-pt")), "{who}");

    // A city editor adds and corrects facts about its city...
    let twinning = json!({ "kind": "twinning", "city": "Porto", "other": "Kraków", "since": "1998", "status": "accepted" });
    let (status, v) = add(editor, twinning).await;
    assert_eq!((status, v["added"].as_u64()), (StatusCode::CREATED, Some(1)), "{v}");
    let first = v["facts"][0].clone();
    assert_eq!(first["author"], EDITOR, "{first}");
    let (status, second) = patch_json_as(Some(editor), &format!("/api/facts/{}", id(&first)), &json!({ "since": "1999", "comment": "the charter is of 1999" })).await;
    assert_eq!((status, second["author"].as_str(), second["since"].as_str()), (StatusCode::OK, Some(EDITOR), Some("1999")), "{second}");

    // ...but cannot move one out of its city, nor touch another city's.
    let (status, v) = patch_json_as(Some(editor), &format!("/api/facts/{}", id(&second)), &json!({ "city": "Leipzig" })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains("city_editor of porto-pt"), "the refusal says who and why: {v}");
    let (status, v) = add(editor, json!({ "kind": "twinning", "city": "Kraków", "other": "Tampere", "since": "2002", "status": "accepted" })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{v}");
    assert_eq!(get_ok(&format!("/api/facts/{}", id(&second))).await["superseded_at"], Value::Null, "the refused change wrote nothing");

    // A network editor edits its network's facts only.
    let (status, v) = patch_json_as(Some(token_of("uccn-secretariat")), &format!("/api/facts/{}", id(&second)), &json!({ "since": "2000" })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{v}");

    // A reviewer proposes (any account may) and decides proposals, but adds
    // nothing as accepted itself.
    let rita = token_of("rita");
    let proposal = json!({ "kind": "twinning", "city": "Kraków", "other": "Tampere", "since": "2002" });
    let mut accepted = proposal.clone();
    accepted["status"] = json!("accepted");
    let (status, v) = add(rita, accepted).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains("as proposed"), "{v}");
    let mut proposed = proposal.clone();
    proposed["status"] = json!("proposed");
    let (status, v) = add(rita, proposed).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let proposal_id = id(&v["facts"][0]);
    let (status, v) = post_json_as(Some(editor), &format!("/api/facts/{proposal_id}/review"), &json!({ "decision": "accept" })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a city editor does not review other cities' facts: {v}");
    let (status, v) = post_json_as(Some(rita), &format!("/api/facts/{proposal_id}/review"), &json!({ "decision": "accept", "comment": "seen on the city's site" })).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!((v["facts"][0]["author"].as_str(), v["facts"][0]["status"].as_str()), (Some("rita"), Some("accepted")), "{v}");

    // The city's history says who changed what, and why.
    let h = get_ok("/api/cities/porto-pt/history?limit=20").await;
    let changes = facts(&h["changes"]);
    let edited = changes.iter().find(|c| c["id"] == second["id"]).expect("the correction is in the history");
    assert_eq!((edited["change"].as_str(), edited["author"].as_str(), edited["comment"].as_str()), (Some("edited"), Some(EDITOR), Some("the charter is of 1999")), "{edited}");
    assert_eq!(edited["fields"], json!(["since"]));
    assert!(changes.iter().any(|c| c["id"] == first["id"] && c["change"] == "added"), "{h}");
    let html = get_text("/cities/porto-pt/history").await.1;
    assert!(html.contains(EDITOR) && html.contains("the charter is of 1999") && html.contains("edited: since"), "{html}");

    // A revert is a new change: back to 1998, recorded with its author.
    let (status, reverted) = post_json_as(Some(editor), &format!("/api/facts/{}/revert", id(&second)), &json!({ "comment": "the register says 1998" })).await;
    assert_eq!(status, StatusCode::OK, "{reverted}");
    assert_eq!((reverted["since"].as_str(), reverted["author"].as_str(), reverted["supersedes"].as_i64()), (Some("1998"), Some(EDITOR), Some(id(&second))), "{reverted}");
    assert!(reverted["comment"].as_str().unwrap().contains("the register says 1998"), "{reverted}");
    let (status, v) = post_json_as(Some(editor), &format!("/api/facts/{}/revert", id(&second)), &json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "only the current version's change is reverted: {v}");
    let history = get_ok(&format!("/api/facts/{}", id(&reverted))).await["history"].clone();
    assert_eq!(facts(&history).iter().map(|v| v["since"].as_str().unwrap()).collect::<Vec<_>>(), ["1998", "1999", "1998"]);
    // A revert is reverted like any change (here without a body).
    let resp = reqwest::Client::new().post(url(&format!("/api/facts/{}/revert", id(&reverted)))).bearer_auth(admin_token()).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let again: Value = resp.json().await.unwrap();
    assert_eq!((again["since"].as_str(), again["author"].as_str()), (Some("1999"), Some(ADMIN)), "{again}");

    // Reverting a fact's first version withdraws it.
    let (status, v) = add(editor, json!({ "kind": "twinning", "city": "Porto", "other": "Tampere", "since": "2011", "status": "accepted" })).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let partners = || async { get_ok("/api/twinnings?city=Porto").await["twinnings"].to_string() };
    assert!(partners().await.contains("Tampere"));
    let (status, v) = post_json_as(Some(editor), &format!("/api/facts/{}/revert", id(&v["facts"][0])), &json!({})).await;
    assert_eq!((status, v["status"].as_str()), (StatusCode::OK, Some("rejected")), "{v}");
    assert!(!partners().await.contains("Tampere"), "a withdrawn fact is no longer shown");
}

async fn get_json_as(token: &str, path: &str) -> Value {
    let resp = reqwest::Client::new().get(url(path)).bearer_auth(token).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "{path}");
    resp.json().await.unwrap()
}

#[tokio::test]
async fn browser_sessions_need_their_csrf_token_and_end_at_logout() {
    // A wrong password shows the form again.
    let resp = login_at(&url(""), ADMIN, "not the password", "/").await;
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert!(resp.headers().get("set-cookie").is_none());
    assert!(resp.text().await.unwrap().contains("The name or the password is wrong."));

    let resp = login_at(&url(""), ADMIN, ADMIN_PASSWORD, "/review").await;
    assert_eq!((resp.status(), resp.headers()["location"].to_str().unwrap()), (StatusCode::SEE_OTHER, "/review"));
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    for attribute in ["citynets_session=", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP on 127.0.0.1 gets a cookie the browser sends back: {cookie}");
    let s = session().await;

    // An API write with the cookie needs the CSRF token beside it.
    let fact = json!({ "kind": "twinning", "city": "Kraków", "other": "Graz", "since": "1990", "status": "proposed" });
    let write = |csrf: Option<&str>| {
        let mut req = reqwest::Client::new().post(url("/api/facts")).header("cookie", &s.cookie).json(&fact);
        if let Some(c) = csrf {
            req = req.header("x-csrf-token", c);
        }
        req.send()
    };
    assert_eq!(write(None).await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(write(Some("0000")).await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(write(Some(&s.csrf)).await.unwrap().status(), StatusCode::CREATED);

    // A form without the token is refused; the page says why.
    let doc = get_ok("/api/documents").await["documents"][0]["key"].as_str().expect("a document").to_string();
    let resp = no_redirects().post(url(&format!("/review/{doc}"))).header("cookie", &s.cookie).form(&[("decision", "accept")]).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert!(resp.text().await.unwrap().contains("CSRF token"));

    // Logging out ends the session: the cookie opens nothing any more.
    let resp = no_redirects().post(url("/logout")).header("cookie", &s.cookie).form(&[("csrf", s.csrf.as_str())]).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert!(resp.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    let v: Value = reqwest::Client::new().get(url("/api/session")).header("cookie", &s.cookie).send().await.unwrap().json().await.unwrap();
    assert_eq!(v["user"], Value::Null, "{v}");
    assert_eq!(write(Some(&s.csrf)).await.unwrap().status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn pages_behind_the_login_send_the_browser_to_log_in() {
    let forms = [("/ingest", true), ("/review/x", true), ("/facts/1/revert", true)];
    let accounts = [("/accounts", false), ("/accounts/admin", false), ("/accounts/admin/remove", true)];
    for (path, post) in [("/ingest", false), ("/review", false)].into_iter().chain(forms).chain(accounts) {
        let client = no_redirects();
        let req = if post { client.post(url(path)).form(&[("decision", "accept")]) } else { client.get(url(path)) };
        let resp = req.send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::SEE_OTHER, "{path}");
        let location = resp.headers()["location"].to_str().unwrap().to_string();
        assert!(location.starts_with("/login?next=%2F"), "{path}: {location}");
    }
    let html = get_text("/login?next=/review").await.1;
    assert!(html.contains(r#"name="next" value="/review""#) && html.contains(r#"type="password""#), "{html}");
    // The fact page offers the revert to a logged-in browser only.
    let f = &get_ok("/api/facts?city=Leipzig&kind=twinning&limit=1").await["facts"][0];
    let path = format!("/facts/{}", id(f));
    assert!(!get_text(&path).await.1.contains("/revert"));
    let s = session().await;
    let html = no_redirects().get(url(&path)).header("cookie", &s.cookie).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&format!(r#"action="/facts/{}/revert""#, id(f))) && html.contains(&s.csrf), "{html}");
}

/// A server of its own for a test of the login limits, whose counts
/// would hold for every test of this binary: its base URL.
async fn login_server(config: citynets_web::Config) -> String {
    let dir = tempfile::tempdir().unwrap().keep();
    let reg = citynets_registry::Registry::open(dir.join("r.db").to_str().unwrap())
        .await
        .unwrap();
    for name in ["ana", "bob"] {
        let role = citynets_model::AccountRole::Admin;
        reg.add_user(name, ADMIN_PASSWORD, role, None)
            .await
            .unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(citynets_web::serve_with(reg, listener, config));
    base
}

/// A login through the form, sent through a proxy that says the client is
/// `client` (`X-Forwarded-For`).
async fn login_via(base: &str, client: &str, name: &str, password: &str) -> reqwest::Response {
    let (cookie, csrf) = login_form_at(base).await;
    let form = [
        ("name", name),
        ("password", password),
        ("next", "/"),
        ("csrf", csrf.as_str()),
    ];
    let req = no_redirects()
        .post(format!("{base}/login"))
        .header("cookie", cookie);
    req.header("x-forwarded-for", client)
        .form(&form)
        .send()
        .await
        .unwrap()
}

/// Failed logins make the name wait from that address, longer and longer,
/// while its owner elsewhere and other accounts from there go on; the
/// client's address comes from a trusted proxy's `X-Forwarded-For`.
#[tokio::test]
async fn failed_logins_hold_up_the_guesser_not_the_owner() {
    let proxy = citynets_web::auth::parse_trusted_proxy("127.0.0.1").unwrap();
    let config = citynets_web::Config {
        trusted_proxies: vec![proxy],
        ..Default::default()
    };
    let base = login_server(config).await;
    let guesser = "203.0.113.1";
    let allowed = citynets_web::auth::LoginLimiter::PER_NAME_FROM_ADDRESS;
    for i in 0..allowed + 3 {
        let status = login_via(&base, guesser, "ana", "guess").await.status();
        let expected = if i < allowed {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(status, expected, "attempt {i}");
    }
    let resp = login_via(&base, guesser, "ana", ADMIN_PASSWORD).await;
    assert_eq!(
        resp.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the guesser waits, even with the password"
    );
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=2).contains(&retry),
        "the first wait past the allowance is short: {retry}"
    );
    assert!(resp.headers().get("set-cookie").is_none());
    assert!(
        resp.text()
            .await
            .unwrap()
            .contains("Too many failed logins")
    );

    // The owner, from elsewhere, gets in; another account from the
    // guesser's address is not held up.
    let resp = login_via(&base, "198.51.100.20", "ana", ADMIN_PASSWORD).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER, "the owner elsewhere");
    assert_eq!(
        login_via(&base, guesser, "bob", "a wrong password")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login_via(&base, guesser, "bob", ADMIN_PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

/// From a peer that is not a trusted proxy, `X-Forwarded-For` changes
/// nothing: every try counts against the peer's own address.
#[tokio::test]
async fn forwarded_addresses_from_an_untrusted_peer_are_ignored() {
    let base = login_server(citynets_web::Config::default()).await;
    let allowed = citynets_web::auth::LoginLimiter::PER_NAME_FROM_ADDRESS;
    for i in 0..allowed {
        let status = login_via(&base, &format!("203.0.113.{i}"), "ana", "guess")
            .await
            .status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let resp = login_via(&base, "198.51.100.20", "ana", ADMIN_PASSWORD).await;
    assert_eq!(
        resp.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "a forged address is no other client"
    );
}

/// Posts a form of an account's page as the browser session `s`.
async fn account_form(s: &Session, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let mut form: Vec<(&str, &str)> = fields.to_vec();
    form.push(("csrf", &s.csrf));
    let req = no_redirects()
        .post(url(path))
        .header("cookie", &s.cookie)
        .form(&form);
    let resp = req.send().await.unwrap();
    let status = resp.status();
    let location = resp
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    (
        status,
        location.unwrap_or_else(|| String::new()) + &resp.text().await.unwrap(),
    )
}

/// `/accounts` as the browser session `s` gets it.
async fn accounts_page(s: &Session) -> (StatusCode, String) {
    let resp = no_redirects().get(url("/accounts")).header("cookie", &s.cookie).send().await;
    let resp = resp.unwrap();
    (resp.status(), resp.text().await.unwrap())
}

/// The account a cookie or a token opens now, by `GET /api/session`.
async fn who(cookie: Option<&str>, token: Option<&str>) -> (StatusCode, Value) {
    let mut req = reqwest::Client::new().get(url("/api/session"));
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().await.unwrap();
    (resp.status(), resp.json().await.unwrap())
}

#[tokio::test]
async fn an_admin_manages_accounts_and_a_removal_ends_access_at_once() {
    let reg = citynets_registry::Registry::open(database()).await.unwrap();
    let role = citynets_model::AccountRole::Reviewer;
    let leaving = reg
        .add_user("leaving", ADMIN_PASSWORD, role, None)
        .await
        .unwrap();
    let token = reg.new_token(&leaving, "script").await.unwrap();
    let theirs = session_of("leaving", ADMIN_PASSWORD).await;
    // A proposal of theirs, to find their name on after the removal.
    let fact = json!({
        "kind": "twinning", "city": "Tartu", "other": "Reykjavík", "since": "2031", "status": "proposed"
    });
    let (status, v) = add(&token, fact).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let proposed = id(&v["facts"][0]);

    // Only an admin manages accounts, and only with the session's token.
    let rita = session_of("rita", ADMIN_PASSWORD).await;
    assert_eq!(accounts_page(&rita).await.0, StatusCode::FORBIDDEN);
    let (status, body) =
        account_form(&rita, "/accounts/leaving/remove", &[("confirm", "leaving")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("may not change accounts"), "{body}");
    let admin = session().await;
    let resp = no_redirects()
        .post(url("/accounts/leaving/remove"))
        .header("cookie", &admin.cookie);
    let resp = resp.form(&[("confirm", "leaving")]).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN, "no CSRF token");
    assert_eq!(
        who(None, Some(&token)).await.0,
        StatusCode::OK,
        "nothing was removed"
    );
    let (status, html) = accounts_page(&admin).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"href="/accounts/leaving""#), "{html}");

    // A token made on the page is shown once and works; revoked, it does not.
    let (status, page) =
        account_form(&admin, "/accounts/leaving/tokens", &[("days", "a week")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(
        page.contains("days: &#39;a week&#39; is not a whole number"),
        "{page}"
    );
    let (status, page) = account_form(
        &admin,
        "/accounts/leaving/tokens",
        &[("label", "sync"), ("days", "7")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let start = page.find(r#"<pre class="token">"#).expect("the new token")
        + r#"<pre class="token">"#.len();
    let made = page[start..start + 64].to_string();
    assert_eq!(who(None, Some(&made)).await.1["user"]["name"], "leaving");
    let (_, tokens) = reg.tokens("leaving").await.unwrap();
    let sync = tokens.iter().find(|t| t.label == "sync").expect("listed");
    let (status, page) =
        account_form(&admin, "/accounts/leaving/revoke", &[("token", &sync.id)]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("1 token(s) revoked"), "{page}");
    assert_eq!(who(None, Some(&made)).await.0, StatusCode::UNAUTHORIZED);

    // A new password is checked, and ends the account's sessions.
    let (status, page) = account_form(
        &admin,
        "/accounts/leaving/password",
        &[("password", "short")],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(page.contains("at least 12"), "{page}");
    assert_eq!(
        who(Some(&theirs.cookie), None).await.1["user"]["name"],
        "leaving"
    );
    let new = "a new password for leaving";
    let (status, page) =
        account_form(&admin, "/accounts/leaving/password", &[("password", new)]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(
        who(Some(&theirs.cookie), None).await.1["user"],
        Value::Null,
        "logged out"
    );

    // Removed: the session and the token open nothing from the next request
    // on, and the name stays on the fact's history and in the log.
    let theirs = session_of("leaving", new).await;
    let (status, page) =
        account_form(&admin, "/accounts/leaving/remove", &[("confirm", "leavin")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert_eq!(
        who(None, Some(&token)).await.0,
        StatusCode::OK,
        "a wrong confirmation removes nothing"
    );
    let (status, location) = account_form(
        &admin,
        "/accounts/leaving/remove",
        &[("confirm", "leaving")],
    )
    .await;
    assert_eq!(
        (status, location.starts_with("/accounts")),
        (StatusCode::SEE_OTHER, true),
        "{location}"
    );
    assert_eq!(
        who(Some(&theirs.cookie), None).await.1["user"],
        Value::Null,
        "the session ended"
    );
    let (status, v) = who(None, Some(&token)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the token ended: {v}");
    assert_eq!(
        get_ok(&format!("/api/facts/{proposed}")).await["author"],
        "leaving"
    );
    let (_, html) = accounts_page(&admin).await;
    assert!(!html.contains(r#"href="/accounts/leaving""#), "{html}");
    assert!(
        html.contains("<td>admin</td><td>removed</td><td>leaving</td>"),
        "{html}"
    );
    assert_eq!(
        login_at(&url(""), "leaving", new, "/").await.status(),
        StatusCode::UNAUTHORIZED
    );
}
