//! Logging in and out (see [`crate::auth`]).

use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::{Extensions, HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use citynets_model::User;
use citynets_registry::Registry;
use serde::Deserialize;

use super::{PageResult, render};
use crate::auth::{self, Caller, LoginLimiter};
use crate::error::{Error, Result};
use crate::extract::{Form, Query};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    user: Option<User>,
    role: String,
    csrf: String,
    next: String,
    name: String,
    error: Option<String>,
}

impl LoginPage {
    /// The form, carrying `csrf`, the token of its login cookie.
    fn form(csrf: &str, next: &str, name: &str, error: Option<String>) -> LoginPage {
        LoginPage { user: None, role: String::new(), csrf: csrf.to_string(), next: next.to_string(), name: name.to_string(), error }
    }
}

/// The login form with the CSRF token of the browser's login cookie, and
/// a new cookie when it sent none (another tab's form keeps its cookie).
fn fresh_form(status: StatusCode, headers: &HeaderMap, next: &str, name: &str, e: Option<&Error>) -> PageResult {
    let (value, new) = match auth::login_cookie_value(headers) {
        Some(v) => (v.to_string(), false),
        None => (citynets_registry::accounts::secret(), true),
    };
    let token = auth::login_form_token(&value);
    let mut response = render(status, &LoginPage::form(&token, next, name, e.map(Error::to_string)))?;
    if new && let Ok(cookie) = auth::login_cookie(&value, headers).parse() {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    if let Some(e) = e {
        e.add_headers(&mut response);
    }
    Ok(response)
}

/// Where a login may send the browser back to: a path of this site only.
fn local_path(next: Option<&str>) -> String {
    match next.map(str::trim) {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.chars().any(char::is_control) => p.to_string(),
        _ => "/".to_string(),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct NextParams {
    next: Option<String>,
}

/// `GET /login`: the form, or the account of a logged-in browser.
pub(super) async fn login_form(caller: Result<Caller>, headers: HeaderMap, q: Result<Query<NextParams>>) -> PageResult {
    let next = local_path(q.ok().and_then(|Query(p)| p.next).as_deref());
    let page = match caller? {
        Caller::Anonymous => return fresh_form(StatusCode::OK, &headers, &next, "", None),
        c => {
            let user = c.user().cloned();
            let role = user.as_ref().map(super::accounts::role_of);
            LoginPage { role: role.unwrap_or_default(), user, ..LoginPage::form(c.csrf(), &next, "", None) }
        }
    };
    render(StatusCode::OK, &page)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct LoginForm {
    name: String,
    password: String,
    next: Option<String>,
    csrf: String,
}

/// `POST /login`: a session cookie and back to `next`; the form again
/// with a 403 when it does not echo its login cookie's CSRF token, a 401
/// when the name or password is wrong, a 429 after too many.
pub(super) async fn login(
    State(reg): State<Registry>,
    Extension(limiter): Extension<Arc<LoginLimiter>>,
    Extension(config): Extension<Arc<crate::Config>>,
    headers: HeaderMap,
    extensions: Extensions,
    form: Result<Form<LoginForm>>,
) -> PageResult {
    let Form(f) = form?;
    let next = local_path(f.next.as_deref());
    if !auth::login_form_matches(&headers, &f.csrf) {
        let e = Error::Forbidden("This login form has expired or was not sent from this site's login page: log in again.".into());
        return fresh_form(e.status(), &headers, &next, &f.name, Some(&e));
    }
    let ip = auth::client_ip(&extensions, &headers, &config.trusted_proxies);
    if let Err(wait) = limiter.check(ip, &f.name) {
        let e = Error::TooManyRequests {
            message: format!(
                "Too many failed logins from this address or for this name: try again in {}.",
                wait_text(wait)
            ),
            retry_after: wait.as_secs_f64().ceil().max(1.0) as u64,
        };
        return refused(&f.csrf, &next, &f.name, e);
    }
    match reg.login(&f.name, &f.password).await? {
        Some(session) => {
            limiter.succeeded(ip, &f.name);
            tracing::info!(user = %session.user.name, "logged in");
            let cookie = auth::session_cookie(Some(&session.token), &headers);
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
        }
        None => {
            limiter.failed(ip, &f.name);
            tracing::info!(name = %f.name, ?ip, "login failed");
            let e = Error::Unauthorized { message: "The name or the password is wrong.".into(), next: None };
            refused(&f.csrf, &next, &f.name, e)
        }
    }
}

/// A wait as a person reads it: seconds under two minutes, else minutes.
fn wait_text(wait: std::time::Duration) -> String {
    match wait.as_secs_f64().ceil() as u64 {
        s if s < 120 => format!("{} second(s)", s.max(1)),
        s => format!("{} minute(s)", s.div_ceil(60)),
    }
}

/// The login form again, with its token, the message and its status.
fn refused(csrf: &str, next: &str, name: &str, e: Error) -> PageResult {
    let mut response = render(e.status(), &LoginPage::form(csrf, next, name, Some(e.to_string())))?;
    e.add_headers(&mut response);
    Ok(response)
}

/// `POST /logout`: ends the session (the form echoes its CSRF token).
pub(super) async fn logout(State(reg): State<Registry>, caller: Result<Caller>, headers: HeaderMap, form: Result<Form<Vec<(String, String)>>>) -> PageResult {
    let Form(form) = form?;
    let caller = caller?;
    caller.form_writer(&reg, &form, "/login")?;
    if let Caller::Session { token, .. } = &caller {
        reg.logout(token).await?;
    }
    let cookie = auth::session_cookie(None, &headers);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn logins_return_to_this_site_only() {
        assert_eq!(local_path(Some("/review/doc-1?x=1")), "/review/doc-1?x=1");
        for bad in ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", ""] {
            assert_eq!(local_path(Some(bad)), "/", "{bad}");
        }
        assert_eq!(local_path(None), "/");
    }
}
