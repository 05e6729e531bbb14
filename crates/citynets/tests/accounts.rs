//! An account's life at the command line, beside a running server on the
//! same database: tokens that expire, listed and revoked; a new password;
//! removal, after which the server refuses the account's token at once.
//! On SQLite, and on PostgreSQL when `CITYNETS_TEST_POSTGRES` is set.

mod support;

use citynets_registry::store::scratch::{self, ScratchPostgres};
use reqwest::StatusCode;
use serde_json::Value;
use support::{PASSWORD, Server, command, json_of, run_ok};

/// `citynets` with its standard error, and its exit code.
fn run(db: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let o = command(db)
        .args(args)
        .env("CITYNETS_PASSWORD", PASSWORD)
        .output()
        .expect("the binary runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (o.status.code(), text(&o.stdout), text(&o.stderr))
}

/// Who the server takes `token` for: the status of `GET /api/session`.
async fn session_with(server: &Server, token: &str) -> (StatusCode, Value) {
    let req = reqwest::Client::new()
        .get(server.url("/api/session"))
        .bearer_auth(token);
    json_of(req.send().await.expect("GET /api/session")).await
}

fn token_ids(db: &str, name: &str) -> Vec<Value> {
    let o = run_ok(db, &["user", "tokens", name, "-o", "json"]);
    serde_json::from_slice::<Vec<Value>>(&o.stdout).expect("a JSON list of tokens")
}

async fn lifecycle(db: &str) {
    support::admin_token(db);
    let (code, _, err) = run(db, &["user", "add", "marco", "--role", "reviewer"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = run(
        db,
        &["user", "token", "marco", "--label", "sync", "--days", "7"],
    );
    assert_eq!(code, Some(0), "{err}");
    let token = out.trim().to_string();
    assert!(err.contains("expires"), "{err}");
    let (code, out, _) = run(db, &["user", "token", "marco", "--label", "spare"]);
    assert_eq!(code, Some(0));
    let spare = out.trim().to_string();

    // Listed with their expiry, never their secrets.
    let tokens = token_ids(db, "marco");
    assert_eq!(tokens.len(), 2, "{tokens:?}");
    let text = run_ok(db, &["user", "tokens", "marco"]).stdout;
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("sync") && text.contains("spare") && !text.contains(&token),
        "{text}"
    );
    let sync = tokens
        .iter()
        .find(|t| t["label"] == "sync")
        .expect("the sync token");
    let spare_info = tokens
        .iter()
        .find(|t| t["label"] == "spare")
        .expect("the spare token");
    let at = |t: &Value, k: &str| {
        t[k].as_str()
            .unwrap_or_else(|| panic!("no {k} in {t}"))
            .to_string()
    };
    assert!(at(sync, "created_at") < at(sync, "expires_at"), "{sync}");
    assert!(
        at(sync, "expires_at") < at(spare_info, "expires_at"),
        "7 days end before the default 90"
    );
    let spare_id = tokens.iter().find(|t| t["label"] == "spare").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    let server = Server::start(db);
    assert_eq!(
        session_with(&server, &token).await.1["user"]["name"],
        "marco"
    );

    // Revoked by id: the spare token is refused, the other still works.
    let (code, _, err) = run(db, &["user", "revoke", "marco", "nosuchtoken0"]);
    assert_eq!(code, Some(3), "an unknown id is bad input: {err}");
    assert!(
        err.contains("token") && err.contains("nosuchtoken0"),
        "{err}"
    );
    assert_eq!(
        session_with(&server, &spare).await.0,
        StatusCode::OK,
        "nothing was revoked"
    );
    run_ok(db, &["user", "revoke", "marco", &spare_id]);
    assert_eq!(
        session_with(&server, &spare).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(session_with(&server, &token).await.0, StatusCode::OK);

    // A new password is checked as a first one is; tokens stay.
    let o = command(db)
        .args(["user", "passwd", "marco"])
        .env("CITYNETS_PASSWORD", "short")
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = command(db)
        .args(["user", "passwd", "marco"])
        .env("CITYNETS_PASSWORD", "a new long passphrase")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(session_with(&server, &token).await.0, StatusCode::OK);

    // Removed: the running server refuses the token from the next request.
    let (code, _, err) = run(db, &["user", "remove", "admin"]);
    assert_eq!(code, Some(3), "the only admin stays: {err}");
    assert!(err.contains("only admin"), "{err}");
    let (code, _, err) = run(db, &["user", "remove", "marco"]);
    assert_eq!(code, Some(0), "{err}");
    let (status, v) = session_with(&server, &token).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{v}");
    assert!(
        !String::from_utf8(run_ok(db, &["user", "list"]).stdout)
            .unwrap()
            .contains("marco")
    );
    let (code, _, err) = run(db, &["user", "add", "marco", "--role", "reviewer"]);
    assert_eq!(
        code,
        Some(3),
        "a removed account's name is not given again: {err}"
    );
    for args in [
        &["user", "remove", "marco"][..],
        &["user", "tokens", "marco"],
        &["user", "passwd", "marco"],
    ] {
        assert_eq!(
            run(db, args).0,
            Some(4),
            "{args:?}: a removed account is not found"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_lives_and_ends_at_the_command_line_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    lifecycle(dir.path().join("accounts.db").to_str().unwrap()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_lives_and_ends_at_the_command_line_on_postgres() {
    let Some(admin) = scratch::test_server() else {
        return;
    };
    let db = ScratchPostgres::create(&admin, "citynets_accounts_cli")
        .await
        .expect("a scratch database");
    lifecycle(&db.url).await;
}

#[test]
fn the_account_commands_teach_with_examples() {
    for (cmd, example) in [
        ("remove", "citynets user remove marco"),
        ("passwd", "citynets user passwd marco"),
        ("tokens", "citynets user tokens ana"),
        ("revoke", "citynets user revoke ana --all"),
        ("token", "--days 365"),
    ] {
        let o = command("unused.db")
            .args(["user", cmd, "--help"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains(example), "user {cmd} --help: {text}");
    }
}
