//! The citynets web application: a JSON API and server-rendered pages over
//! one [`Registry`].
//!
//! - [`api`]: the JSON API under `/api`, described by the OpenAPI 3.1
//!   document at `/api/openapi.json` ([`openapi`]);
//! - [`pages`]: HTML pages (askama templates in `templates/`), readable
//!   without JavaScript, with one stylesheet at `/static/style.css`.
//!
//! Both read parameters the same way ([`params`]), show the same data
//! ([`views`]) and ingest and review the same way ([`review`]); errors are
//! an [`error::Error`], rendered as JSON by the API and as a page by the
//! pages. Reading is open; every write needs an account ([`auth`]).

// The OpenAPI document is one large `json!` literal.
#![recursion_limit = "256"]

pub mod api;
pub mod auth;
pub mod conn;
pub mod error;
pub mod exports;
pub mod extract;
pub mod openapi;
pub mod pages;
pub mod params;
pub mod review;
pub mod search;
pub mod tabular;
pub mod views;

use std::sync::Arc;
use std::time::Duration;

pub use conn::Limits;
pub use url::Url;

use axum::{Extension, Router};
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use citynets_registry::Registry;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// The largest request body the API reads.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

const STYLE_CSS: &str = include_str!("../static/style.css");

/// How a server presents itself, beyond its registry.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The site's address as the public reaches it (behind a proxy, the
    /// proxy's), from which exports make their absolute links (GeoJSON,
    /// iCalendar). Never taken from a request's `Host` header. Unset,
    /// [`serve`] uses the address it listens on.
    pub public_url: Option<url::Url>,
    /// The reverse proxies whose `X-Forwarded-For` tells the client's
    /// address (for the login limits, [`auth::client_ip`]); from any other
    /// peer the header is ignored.
    pub trusted_proxies: Vec<auth::IpNet>,
    /// Timeouts and the most connections served at once ([`Limits`]).
    pub limits: Limits,
}

/// Reads a public base URL (`--public-url`, `CITYNETS_PUBLIC_URL`): an
/// absolute `http` or `https` URL with a host, perhaps a path, and no
/// credentials, query or fragment.
pub fn parse_public_url(text: &str) -> std::result::Result<url::Url, String> {
    let url = url::Url::parse(text.trim()).map_err(|e| format!("'{text}' is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(format!("'{text}' is not an http:// or https:// URL with a host"));
    }
    if !url.username().is_empty() || url.password().is_some() || url.query().is_some() || url.fragment().is_some() {
        return Err(format!("'{text}' has credentials, a query or a fragment; a base URL has none"));
    }
    Ok(url)
}

/// The application: API, pages and static files, with request tracing,
/// configured by default (links in exports relative to the site).
pub fn app(registry: Registry) -> Router {
    app_with(registry, Config::default())
}

/// The application, configured.
pub fn app_with(registry: Registry, config: Config) -> Router {
    let request_timeout = config.limits.request_timeout;
    Router::new()
        .merge(api::router().layer(axum::middleware::from_fn(refuse_declared_oversize)))
        .merge(pages::router())
        .route("/static/style.css", get(style))
        .fallback(fallback)
        .layer(axum::middleware::from_fn(move |r, n| answer_within(request_timeout, r, n)))
        .layer(axum::middleware::from_fn(api_errors_in_json))
        .layer(axum::middleware::from_fn(no_store_when_authenticated))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(Extension(Arc::new(auth::LoginLimiter::default())))
        .layer(Extension(Arc::new(config)))
        .layer(always(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .layer(always(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(always(header::X_FRAME_OPTIONS, "DENY"))
        .layer(always(header::REFERRER_POLICY, "same-origin"))
        .layer(TraceLayer::new_for_http())
        .with_state(registry)
}

/// Refuses an API request whose declared length passes [`BODY_LIMIT`]
/// before reading any of its body, so the client hears why at once
/// rather than losing the connection while it still sends. (A body of no
/// declared length is cut at the limit by `DefaultBodyLimit`.)
async fn refuse_declared_oversize(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    match declared {
        Some(n) if n > BODY_LIMIT as u64 => {
            let message = format!("the request body is {n} bytes; at most {BODY_LIMIT} are read");
            let mut response = error::Error::Body { status: axum::http::StatusCode::PAYLOAD_TOO_LARGE, message }.into_response();
            // The unread body makes the connection unusable for another request.
            response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        }
        _ => next.run(request).await,
    }
}

/// Answers 503 when a request's answer has not begun within `limit` (its
/// handler is dropped, and with it what it held: a database connection,
/// a lock). A streamed body, once begun, is not timed here: the
/// connection's idle timeout cuts one that stops ([`conn`]).
async fn answer_within(
    limit: Duration,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = request.uri().path().to_string();
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(%path, ?limit, "request timed out");
            let message = format!(
                "the answer took longer than the server allows ({} s): try again, or ask for less",
                limit.as_secs_f64()
            );
            let status = axum::http::StatusCode::SERVICE_UNAVAILABLE;
            let e = error::Error::Request { status, message };
            if path == "/api" || path.starts_with("/api/") {
                e.into_response()
            } else {
                pages::PageError(e).into_response()
            }
        }
    }
}

/// Whether a request is about an account: it carries credentials (an API
/// token, the session cookie) or asks who it is (`/api/session`), or logs
/// in or out.
fn authenticated(request: &axum::extract::Request) -> bool {
    let path = request.uri().path();
    request.headers().contains_key(header::AUTHORIZATION)
        || auth::cookie(request.headers(), auth::COOKIE).is_some()
        || matches!(path, "/api/session" | "/login" | "/logout")
}

/// `Cache-Control: no-store` on every answer to an authenticated request,
/// so that no browser or proxy keeps what one account was shown (the CSRF
/// token of `/api/session`, the account page) for another.
async fn no_store_when_authenticated(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let private = authenticated(&request);
    let mut response = next.run(request).await;
    if private {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Every error of the API answers JSON (`{"error": {"message": ...}}`),
/// also those the router makes itself, such as a 405 for a method a route
/// does not take, which come with an empty or plain-text body.
async fn api_errors_in_json(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let path = request.uri().path().to_string();
    let api = path == "/api" || path.starts_with("/api/");
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    let json = response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !api || json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let message = match (status, text.trim()) {
        (axum::http::StatusCode::METHOD_NOT_ALLOWED, _) => {
            let allowed = parts.headers.get(header::ALLOW).and_then(|v| v.to_str().ok()).unwrap_or_default();
            format!("{path} does not take {method}; it takes {allowed}")
        }
        (_, "") => status.canonical_reason().unwrap_or("error").to_lowercase(),
        (_, text) => text.to_string(),
    };
    let mut json = error::Error::Request { status, message }.into_response();
    keep_headers(&parts.headers, json.headers_mut());
    json
}

/// Puts the headers of `from` but its body's type and length in `to`,
/// every value of a header that repeats (`Set-Cookie`, `Vary`), each
/// name's values in place of those `to` had.
fn keep_headers(from: &axum::http::HeaderMap, to: &mut axum::http::HeaderMap) {
    for name in from.keys() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            to.remove(name);
            for value in from.get_all(name) {
                to.append(name, value.clone());
            }
        }
    }
}

/// Serves the application on `listener` until ctrl-c or SIGTERM, then
/// finishes the requests under way.
pub async fn serve(registry: Registry, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    serve_with(registry, listener, Config::default()).await
}

/// [`serve`], configured. Without a public URL, links in exports use
/// the address the server listens on (`http://127.0.0.1:8080`).
pub async fn serve_with(registry: Registry, listener: tokio::net::TcpListener, mut config: Config) -> std::io::Result<()> {
    let registry = search::with_index(registry).await;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "serving");
    if config.public_url.is_none() {
        if addr.ip().is_unspecified() {
            tracing::warn!(
                %addr,
                "listening on every address with no public URL: links in exports will use {addr}, \
                 which no one can reach; set --public-url (CITYNETS_PUBLIC_URL)"
            );
        }
        config.public_url = url::Url::parse(&format!("http://{addr}")).ok();
    }
    let limits = config.limits;
    tracing::info!(
        header_timeout = ?limits.header_timeout,
        idle_timeout = ?limits.idle_timeout,
        request_timeout = ?limits.request_timeout,
        max_connections = limits.max_connections,
        "limits"
    );
    // The client's address feeds the login limiter (auth::client_ip).
    let app = app_with(registry, config).into_make_service_with_connect_info::<std::net::SocketAddr>();
    // `tap_io` keeps the client's address the connection's `ConnectInfo`.
    let listener = axum::serve::ListenerExt::tap_io(conn::Listener::new(listener, limits), |_| {});
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await
}

/// What every response says to browsers: no sniffing, no framing, no
/// script at all (the pages need none; JSON-LD is data), styles and images
/// from this site only, forms posting back here only.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'none'; object-src 'none'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// A header set on every response that does not set its own.
fn always(name: header::HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for ctrl-c");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], STYLE_CSS).into_response()
}

/// A path no route serves: a JSON 404 under `/api`, a 404 page elsewhere.
async fn fallback(uri: Uri) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        error::Error::not_found(format!("no API route at {path}; see /api/openapi.json")).into_response()
    } else {
        pages::not_found(path)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use axum::http::{HeaderMap, HeaderValue, header};

    /// A request whose answer has not begun within the limit is answered
    /// 503, in JSON under `/api`; a quick one passes. (A route of the
    /// test's own, as no route of the application is slow on purpose.)
    #[tokio::test]
    async fn an_answer_that_takes_too_long_is_a_503() {
        use axum::routing::get;
        let limit = Duration::from_millis(200);
        let slow = || async {
            tokio::time::sleep(Duration::from_secs(30)).await;
            "late"
        };
        let app = axum::Router::new()
            .route("/api/slow", get(slow))
            .route("/slow", get(slow))
            .route("/api/quick", get(|| async { "quick" }))
            .layer(axum::middleware::from_fn(move |r, n| super::answer_within(limit, r, n)));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        let resp = reqwest::get(format!("{base}/api/slow")).await.unwrap();
        assert_eq!(resp.status(), 503);
        let v: serde_json::Value = resp.json().await.unwrap();
        assert!(v["error"]["message"].as_str().unwrap().contains("took longer than"), "{v}");
        let resp = reqwest::get(format!("{base}/slow")).await.unwrap();
        assert_eq!(resp.status(), 503);
        assert!(resp.text().await.unwrap().contains("<html"), "a page for a page");
        let quick = reqwest::get(format!("{base}/api/quick")).await.unwrap();
        assert_eq!(quick.text().await.unwrap(), "quick");
    }

    #[test]
    fn a_json_error_keeps_every_value_of_a_repeated_header() {
        let mut from = HeaderMap::new();
        for (name, value) in [
            (header::SET_COOKIE, "a=1"),
            (header::SET_COOKIE, "b=2"),
            (header::VARY, "origin"),
            (header::VARY, "accept-encoding"),
            (header::ALLOW, "GET,HEAD"),
            (header::CONTENT_TYPE, "text/plain"),
        ] {
            from.append(name, HeaderValue::from_static(value));
        }
        let mut to = HeaderMap::new();
        to.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        to.insert(header::ALLOW, HeaderValue::from_static("POST"));
        super::keep_headers(&from, &mut to);
        let all = |name| to.get_all(name).iter().map(|v| v.to_str().unwrap()).collect::<Vec<_>>();
        assert_eq!(all(header::SET_COOKIE), ["a=1", "b=2"]);
        assert_eq!(all(header::VARY), ["origin", "accept-encoding"]);
        assert_eq!(all(header::ALLOW), ["GET,HEAD"], "replaced, not added to");
        assert_eq!(all(header::CONTENT_TYPE), ["application/json"]);
    }
}
