//! Who is asking, and whether they may write.
//!
//! Reading needs no account. Every write needs one, shown by either
//! - an API token, `Authorization: Bearer TOKEN` (made by `citynets user
//!   token`), for scripts; or
//! - the session cookie the login page sets, for browsers. The cookie is
//!   `HttpOnly` and `SameSite=Strict`, and `Secure` unless the browser
//!   talks to the server directly on a loopback address (plain HTTP there is
//!   the local default). A write made with the cookie must also echo the
//!   session's CSRF token: the `csrf` field of a form, or the
//!   `X-CSRF-Token` header of an API call (`GET /api/session` tells it).
//!
//! The handlers of writes take a [`Writer`] (API) or check a form with
//! [`Caller::form_writer`] (pages): both hand out the registry acting as
//! the account, which checks the account's role on every write (see
//! `Registry::acting_as`). Failed logins are limited per client address and
//! per account name ([`LoginLimiter`]).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use citynets_model::User;
use citynets_registry::Registry;
use citynets_registry::accounts::SESSION_HOURS;
pub use ipnet::IpNet;

use crate::error::{Error, Result};

/// The session cookie's name.
pub const COOKIE: &str = "citynets_session";

/// The header that carries the CSRF token of an API write made with the
/// session cookie.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// What a request showed of its account.
#[derive(Clone, Debug)]
pub enum Caller {
    Anonymous,
    /// An API token.
    Token(User),
    /// A live session: its cookie and its CSRF token.
    Session { user: User, token: String, csrf: String },
}

impl Caller {
    pub fn user(&self) -> Option<&User> {
        match self {
            Caller::Anonymous => None,
            Caller::Token(user) | Caller::Session { user, .. } => Some(user),
        }
    }

    /// The CSRF token forms of this session must echo (empty without one).
    pub fn csrf(&self) -> &str {
        match self {
            Caller::Session { csrf, .. } => csrf,
            _ => "",
        }
    }

    /// The registry acting as the caller, for a write sent with `sent_csrf`
    /// (a form's field or the API's header). `next` is where the login
    /// page sends a browser back to.
    pub fn writer(&self, reg: &Registry, sent_csrf: Option<&str>, next: &str) -> Result<Registry> {
        match self {
            Caller::Token(user) => Ok(reg.acting_as(user)),
            Caller::Session { user, csrf, .. } if sent_csrf.is_some_and(|s| same(s, csrf)) => Ok(reg.acting_as(user)),
            Caller::Session { .. } => Err(Error::Forbidden(
                "this write does not carry the session's CSRF token (the form field csrf, or the X-CSRF-Token header): reload the page and try again"
                    .into(),
            )),
            Caller::Anonymous => Err(Error::Unauthorized {
                message: "writing needs an account: log in at /login, or send `Authorization: Bearer TOKEN` (see `citynets user token`)".into(),
                next: Some(next.to_string()),
            }),
        }
    }

    /// For a form post: the registry acting as the caller, when the form
    /// echoes the session's CSRF token.
    pub fn form_writer(&self, reg: &Registry, form: &[(String, String)], next: &str) -> Result<Registry> {
        self.writer(reg, crate::extract::form_field(form, "csrf"), next)
    }

    /// For a page behind the login: the caller's account, or the way to
    /// the login page and back to `next`.
    pub fn page_user(&self, next: &str) -> Result<&User> {
        self.user().ok_or_else(|| Error::Unauthorized { message: "this page needs an account: log in".into(), next: Some(next.to_string()) })
    }
}

impl FromRequestParts<Registry> for Caller {
    type Rejection = Error;

    /// A request without credentials is [`Caller::Anonymous`]; a bearer
    /// token that is not valid is a 401 (a script should hear that its
    /// token is wrong); an expired or unknown cookie is ignored.
    async fn from_request_parts(parts: &mut Parts, reg: &Registry) -> Result<Self> {
        if let Some(v) = parts.headers.get(header::AUTHORIZATION) {
            let token = v.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")).map(str::trim).filter(|t| !t.is_empty());
            let Some(token) = token else {
                return Err(Error::Unauthorized { message: "the Authorization header must be `Bearer TOKEN`".into(), next: None });
            };
            return match reg.token_user(token).await? {
                Some(user) => Ok(Caller::Token(user)),
                None => Err(Error::Unauthorized { message: "the API token is not valid (unknown or revoked)".into(), next: None }),
            };
        }
        if let Some(token) = cookie(&parts.headers, COOKIE)
            && let Some((user, csrf)) = reg.session(token).await?
        {
            return Ok(Caller::Session { user, token: token.to_string(), csrf });
        }
        Ok(Caller::Anonymous)
    }
}

/// The registry acting as the account that makes an API write: 401
/// without an account, 403 when a cookie session does not send its CSRF
/// token in `X-CSRF-Token`.
pub struct Writer(pub Registry);

impl FromRequestParts<Registry> for Writer {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, reg: &Registry) -> Result<Self> {
        let caller = Caller::from_request_parts(parts, reg).await?;
        let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
        Ok(Writer(caller.writer(reg, sent, "/")?))
    }
}

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"'))
        .filter(|v| !v.is_empty())
}

/// The `Set-Cookie` value that opens a session (`Some(token)`) or ends it.
pub fn session_cookie(token: Option<&str>, headers: &HeaderMap) -> String {
    let secure = if loopback_host(headers) { "" } else { "; Secure" };
    match token {
        Some(t) => format!("{COOKIE}={t}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}", SESSION_HOURS * 3600),
        None => format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    }
}

/// The cookie that holds the login form's CSRF token: the form carries
/// an HMAC of the cookie's value under a key of this server's process (see
/// [`login_form_token`]), which a page of another site can neither read nor
/// make, so that no other site can log a browser in to an account of its
/// choosing, even one that can set the cookie.
pub const LOGIN_COOKIE: &str = "citynets_login";

/// How long a login form may wait before it is sent.
const LOGIN_FORM_SECONDS: u32 = 3600;

/// The `Set-Cookie` value of a login form's cookie, `value` a new
/// [`citynets_registry::accounts::secret`].
pub fn login_cookie(value: &str, headers: &HeaderMap) -> String {
    let secure = if loopback_host(headers) { "" } else { "; Secure" };
    format!("{LOGIN_COOKIE}={value}; Path=/login; HttpOnly; SameSite=Strict; Max-Age={LOGIN_FORM_SECONDS}{secure}")
}

/// The login cookie the browser sent, when it is one this server could
/// have set (256 bits as hex): a form in another tab keeps working while
/// the cookie is kept.
pub fn login_cookie_value(headers: &HeaderMap) -> Option<&str> {
    cookie(headers, LOGIN_COOKIE).filter(|c| c.len() == 64 && c.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The CSRF token of a login form whose cookie holds `value`: its
/// HMAC-SHA256 under a random key made when the process starts (a form
/// from before a restart is refused once, and shown again).
pub fn login_form_token(value: &str) -> String {
    use hmac::{KeyInit, Mac};
    static KEY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let key = KEY.get_or_init(citynets_registry::accounts::secret);
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(value.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a login form sends the token of the login cookie it came with.
pub fn login_form_matches(headers: &HeaderMap, sent: &str) -> bool {
    login_cookie_value(headers).is_some_and(|c| same(&login_form_token(c), sent))
}

/// Whether the browser addressed the server by a loopback name: the one
/// place a session cookie goes without `Secure` (browsers would refuse to
/// send it back over the plain HTTP a local server speaks). A server behind
/// a reverse proxy sees its public name.
fn loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else { return false };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(n, _)| n),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Compares secrets in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The client's address: the peer's, or, when the peer is a trusted
/// proxy, the last address of `X-Forwarded-For` that is not one (each
/// proxy appends the address it got the request from, so the addresses
/// left of a trusted proxy's are the client's word and are not believed).
/// A client that forges the header behind a trusted proxy only adds
/// addresses left of its own. `None` when the server was not started with
/// the peer's address (see [`crate::serve`]).
pub fn client_ip(
    extensions: &axum::http::Extensions,
    headers: &HeaderMap,
    trusted: &[IpNet],
) -> Option<IpAddr> {
    let peer = extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())?;
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return Some(peer);
    }
    let hops = headers
        .get_all("x-forwarded-for")
        .iter()
        .flat_map(|v| v.to_str().unwrap_or_default().split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    let mut client = peer;
    for hop in hops.iter().rev() {
        let socket = || hop.parse::<SocketAddr>().ok().map(|a| a.ip());
        let ip = hop.parse::<IpAddr>().ok().or_else(socket);
        let Some(ip) = ip else {
            // Not an address a proxy writes: the client's own word.
            break;
        };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    Some(client)
}

/// Reads a trusted proxy (`--trusted-proxy`, `CITYNETS_TRUSTED_PROXIES`):
/// an address (`10.0.0.5`, `::1`) or a network (`10.0.0.0/24`).
pub fn parse_trusted_proxy(text: &str) -> std::result::Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| {
            format!("'{text}' is not an IP address or network (10.0.0.5, 10.0.0.0/24, fd00::/8)")
        })
}

/// Limits failed logins fairly: failures are counted apart for each client
/// address, each account name, and each name from each address, and each
/// count has an allowance after which every further failure doubles the
/// wait before the next try (from [`LoginLimiter::FIRST_WAIT`] to at most
/// [`LoginLimiter::MAX_WAIT`]). Someone guessing one account's password
/// from one address soon waits long; the account's owner elsewhere, and
/// other accounts from that address, are not held up until the name's or
/// the address's much larger allowance is spent too (by guessing from
/// many addresses, or at many names). A count is forgotten
/// [`LoginLimiter::FORGET`] after its last failure; a successful login
/// forgets its name's count from its address. Kept in memory: each server
/// process counts its own.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    counts: Mutex<HashMap<Key, Count>>,
}

/// What a count of failures is kept for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Address(Option<IpAddr>),
    Name(String),
    NameFrom(String, Option<IpAddr>),
}

impl Key {
    /// The failures allowed before waits begin.
    fn allowance(&self) -> u32 {
        match self {
            Key::NameFrom(..) => LoginLimiter::PER_NAME_FROM_ADDRESS,
            Key::Name(_) => LoginLimiter::PER_NAME,
            Key::Address(_) => LoginLimiter::PER_ADDRESS,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Count {
    failures: u32,
    last: Instant,
}

impl LoginLimiter {
    /// Failures of one name from one address before waits begin.
    pub const PER_NAME_FROM_ADDRESS: u32 = 5;
    /// Failures of one name, from any address, before waits begin.
    pub const PER_NAME: u32 = 20;
    /// Failures from one address, at any name, before waits begin.
    pub const PER_ADDRESS: u32 = 50;
    /// The wait after the first failure past an allowance; each further one
    /// doubles it.
    pub const FIRST_WAIT: Duration = Duration::from_secs(1);
    pub const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
    /// How long after its last failure a count is forgotten.
    pub const FORGET: Duration = Duration::from_secs(60 * 60);
    /// Past this many counts, forgotten ones are dropped.
    const MAX_KEYS: usize = 100_000;

    fn keys(ip: Option<IpAddr>, name: &str) -> [Key; 3] {
        let name = name.trim().to_lowercase();
        [Key::NameFrom(name.clone(), ip), Key::Name(name), Key::Address(ip)]
    }

    /// How long `count` still makes its key wait at `now`.
    fn wait(key: &Key, count: &Count, now: Instant) -> Duration {
        let since = now.saturating_duration_since(count.last);
        let Some(past) = count.failures.checked_sub(key.allowance()) else { return Duration::ZERO };
        if since >= Self::FORGET {
            return Duration::ZERO;
        }
        let wait = Self::FIRST_WAIT.saturating_mul(1u32 << past.min(20)).min(Self::MAX_WAIT);
        wait.saturating_sub(since)
    }

    /// `Err(wait)` while the address, the name, or the name from this
    /// address must wait before another try.
    pub fn check(&self, ip: Option<IpAddr>, name: &str) -> std::result::Result<(), Duration> {
        let now = Instant::now();
        let map = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        let wait = Self::keys(ip, name)
            .iter()
            .filter_map(|k| map.get(k).map(|c| Self::wait(k, c, now)))
            .max()
            .unwrap_or_default();
        if wait.is_zero() { Ok(()) } else { Err(wait) }
    }

    pub fn failed(&self, ip: Option<IpAddr>, name: &str) {
        let now = Instant::now();
        let mut map = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= Self::MAX_KEYS {
            map.retain(|_, c| now.saturating_duration_since(c.last) < Self::FORGET);
        }
        for k in Self::keys(ip, name) {
            let count = map.entry(k).or_insert(Count { failures: 0, last: now });
            if now.saturating_duration_since(count.last) >= Self::FORGET {
                count.failures = 0;
            }
            count.failures += 1;
            count.last = now;
        }
    }

    /// A successful login forgets the failures of its name from its
    /// address (not the name's from elsewhere, nor the address's).
    pub fn succeeded(&self, ip: Option<IpAddr>, name: &str) {
        let [pair, ..] = Self::keys(ip, name);
        self.counts.lock().unwrap_or_else(|e| e.into_inner()).remove(&pair);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn cookies_are_read_by_name() {
        let h = headers(&[(header::COOKIE, "a=1; citynets_session=abc"), (header::COOKIE, "b=2")]);
        assert_eq!(cookie(&h, COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "b"), Some("2"));
        assert_eq!(cookie(&h, "c"), None);
        assert_eq!(cookie(&headers(&[(header::COOKIE, "citynets_session=")]), COOKIE), None);
    }

    #[test]
    fn the_cookie_is_secure_unless_served_on_loopback() {
        for (host, secure) in [("127.0.0.1:8080", false), ("localhost", false), ("[::1]:80", false), ("citynets.example.org", true), ("10.0.0.5:8080", true)] {
            let c = session_cookie(Some("t"), &headers(&[(header::HOST, host)]));
            assert!(c.contains("HttpOnly") && c.contains("SameSite=Strict"), "{c}");
            assert_eq!(c.contains("; Secure"), secure, "{host}: {c}");
        }
        assert!(session_cookie(None, &HeaderMap::new()).contains("Max-Age=0; Secure"));
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn failures_wait_longer_and_longer_per_name_from_an_address() {
        let l = LoginLimiter::default();
        let (a, b) = (ip("192.0.2.1"), ip("192.0.2.2"));
        for _ in 0..LoginLimiter::PER_NAME_FROM_ADDRESS {
            assert!(l.check(a, "ana").is_ok());
            l.failed(a, "ana");
        }
        // Past the allowance, each failure doubles the wait.
        let first = l.check(a, " Ana ").unwrap_err();
        assert!(first <= LoginLimiter::FIRST_WAIT && first > Duration::ZERO, "{first:?}");
        l.failed(a, "ana");
        let second = l.check(a, "ana").unwrap_err();
        assert!(second > first && second <= 2 * LoginLimiter::FIRST_WAIT, "{second:?}");
        // The owner elsewhere, and another account from this address, go on.
        assert_eq!(l.check(b, "ana"), Ok(()));
        assert_eq!(l.check(a, "bea"), Ok(()));
        // A success forgets the pair only.
        l.succeeded(a, "ANA");
        assert_eq!(l.check(a, "ana"), Ok(()));

        // However many failures, the wait has a bound.
        let l = LoginLimiter::default();
        for _ in 0..LoginLimiter::PER_NAME_FROM_ADDRESS + 40 {
            l.failed(a, "ana");
        }
        let wait = l.check(a, "ana").unwrap_err();
        let max = LoginLimiter::MAX_WAIT;
        assert!(wait > max - Duration::from_secs(5) && wait <= max, "{wait:?}");
    }

    #[test]
    fn a_name_or_an_address_waits_once_its_larger_allowance_is_spent() {
        let l = LoginLimiter::default();
        for i in 0..LoginLimiter::PER_NAME {
            l.failed(ip(&format!("198.51.100.{i}")), "ana");
        }
        assert!(l.check(ip("203.0.113.9"), "ana").is_err(), "guessed from many addresses");
        assert!(l.check(ip("198.51.100.1"), "bea").is_ok());
        for i in 0..LoginLimiter::PER_ADDRESS {
            l.failed(ip("203.0.113.1"), &format!("user{i}"));
        }
        let sprayed = l.check(ip("203.0.113.1"), "someone-else");
        assert!(sprayed.is_err(), "names sprayed from one address");
        assert!(l.check(ip("203.0.113.2"), "someone-else").is_ok());
    }

    #[test]
    fn forwarded_addresses_are_believed_from_trusted_proxies_only() {
        let trusted = ["10.0.0.0/24", "::1"].map(|t| parse_trusted_proxy(t).unwrap());
        let from = |peer: &str, forwarded: &[&str]| {
            let mut ext = axum::http::Extensions::new();
            ext.insert(ConnectInfo(SocketAddr::new(peer.parse().unwrap(), 40000)));
            let xff = header::HeaderName::from_static("x-forwarded-for");
            let h = headers(&forwarded.iter().map(|v| (xff.clone(), *v)).collect::<Vec<_>>());
            client_ip(&ext, &h, &trusted).map(|ip| ip.to_string()).unwrap_or_default()
        };
        assert_eq!(from("192.0.2.7", &["203.0.113.5"]), "192.0.2.7", "not a proxy");
        assert_eq!(from("10.0.0.3", &["203.0.113.5"]), "203.0.113.5");
        assert_eq!(from("10.0.0.3", &[]), "10.0.0.3", "no header: the proxy itself");
        // A forged address left of the one the proxy appended is ignored.
        assert_eq!(from("10.0.0.3", &["1.2.3.4, 203.0.113.5"]), "203.0.113.5");
        assert_eq!(from("10.0.0.3", &["1.2.3.4", "203.0.113.5, 10.0.0.9"]), "203.0.113.5");
        assert_eq!(from("::1", &["not-an-ip, 10.0.0.8"]), "10.0.0.8");
        assert_eq!(from("10.0.0.3", &["[2001:db8::1]:5000"]), "2001:db8::1");
        assert!(parse_trusted_proxy("10.0.0.0/33").is_err());
        assert!(parse_trusted_proxy("proxy").is_err());
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd") && !same("abc", "ab") && !same("", "a"));
    }
}
