//! Accounts: passwords, sessions and API tokens.
//!
//! Passwords are hashed with argon2id (PHC strings with their own salt and
//! parameters). Session and API tokens are 256 random bits, given to the
//! user once; the store keeps only their SHA-256 digests, so a copy of the
//! database opens no session. A session also carries a CSRF token that every
//! form and cookie-authenticated API write must echo.

use rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use citynets_model::{AccountRole, FactRecord, Refs, Status, User};
use citynets_store::{AccountEvent, FactInput, TokenInfo};
use sha2::{Digest, Sha256};

use crate::{Registry, RegistryError, Result};

/// How long a session lasts.
pub const SESSION_HOURS: i64 = 12;

/// How many days an API token lasts unless told otherwise.
pub const TOKEN_DAYS: u32 = 90;

/// The most days an API token may last.
pub const MAX_TOKEN_DAYS: u32 = 3650;

/// Passwords shorter than this, in characters, are refused.
pub const MIN_PASSWORD: usize = 12;

/// Passwords longer than this, in characters, are refused: hashing reads
/// the whole password, and no one types more.
pub const MAX_PASSWORD: usize = 1024;

/// The common passwords no account may have (lowercase, one per line; see
/// `data/README.md`).
const COMMON_PASSWORDS: [&str; 2] =
    [include_str!("../../../data/passwords/common.txt"), include_str!("../../../data/passwords/obvious.txt")];

/// Why `password` may not be an account's: too short or too long, too
/// few different characters (`aaaaaaaaaaaa`, `abcabcabcabc`), or among
/// the common passwords.
pub fn check_password(password: &str) -> std::result::Result<(), String> {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        return Err(format!("a password has at least {MIN_PASSWORD} characters"));
    }
    if n > MAX_PASSWORD {
        return Err(format!("a password has at most {MAX_PASSWORD} characters"));
    }
    let mut distinct: Vec<char> = password.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 4 {
        return Err("a password of so few different characters is guessed at once: choose another".into());
    }
    // Surrounding spaces do not make a common password another (as
    // Django's CommonPasswordValidator trims them).
    let lower = password.trim().to_lowercase();
    if COMMON_PASSWORDS.iter().flat_map(|list| list.lines()).any(|p| p == lower) {
        return Err("this password is among the most common ones, which are tried first: choose another".into());
    }
    Ok(())
}

/// A logged-in session: the secrets to hand to the browser.
#[derive(Clone, Debug)]
pub struct Session {
    /// The cookie's value.
    pub token: String,
    /// The token forms and API writes echo.
    pub csrf: String,
    pub user: User,
}

/// 256 random bits as hex: a token no one can guess.
pub fn secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the store keeps of a token.
fn digest(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| RegistryError::input("account", "password", format!("cannot hash the password: {e}")))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash to verify against when the name is unknown, so that a wrong name
/// costs as long as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("not the password of anyone").unwrap_or_default())
}

fn no_account(name: &str) -> RegistryError {
    RegistryError::NotFound(format!("no account named '{}'", name.trim()))
}

fn input(field: &str, message: impl Into<String>) -> RegistryError {
    RegistryError::input("account", field, message)
}

impl Registry {
    /// Adds an account. A network editor's scope is a network (key, name or
    /// alias), a city editor's a city (key or name); they are stored as keys.
    pub async fn add_user(&self, name: &str, password: &str, role: AccountRole, scope: Option<&str>) -> Result<User> {
        self.check_accounts()?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 64 || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(input("name", "a name is 1 to 64 characters without spaces"));
        }
        check_password(password).map_err(|m| input("password", m))?;
        let scope = match (role, scope.map(str::trim).filter(|s| !s.is_empty())) {
            (AccountRole::NetworkEditor, Some(s)) => Some(self.network_param(s).await?.key),
            (AccountRole::CityEditor, Some(s)) => Some(self.city_param(s, "scope").await?.key),
            (r, None) if r.needs_scope() => return Err(input("scope", format!("a {r} needs a scope: the network or city it edits"))),
            (r, Some(_)) => return Err(input("scope", format!("a {r} has no scope"))),
            (_, None) => None,
        };
        let hash = hash_password(password)?;
        Ok(self.store.add_user(name, &hash, role, scope.as_deref(), self.author()).await?)
    }

    /// Removes an account at once: its sessions and API tokens open
    /// nothing any more. Its name stays on the facts it changed and is not
    /// given to another account. The only admin is not removed.
    pub async fn remove_user(&self, name: &str) -> Result<User> {
        self.check_accounts()?;
        let user = self.account(name).await?;
        let admins = self.store.users().await?.iter().filter(|u| u.is_admin()).count();
        if user.is_admin() && admins == 1 {
            let message = format!("{} is the only admin: make another admin first", user.name);
            return Err(input("name", message));
        }
        let removed = self.store.remove_user(&user.name, self.author()).await?;
        removed.ok_or_else(|| no_account(name))
    }

    /// Gives an account a new password; its sessions end (its API tokens
    /// stay: revoke them apart).
    pub async fn set_password(&self, name: &str, password: &str) -> Result<User> {
        self.check_accounts()?;
        let user = self.account(name).await?;
        check_password(password).map_err(|m| input("password", m))?;
        let hash = hash_password(password)?;
        let changed = self.store.set_password(&user.name, &hash, self.author()).await?;
        changed.ok_or_else(|| no_account(name))
    }

    /// A session for a name and password; `None` when they do not match.
    pub async fn login(&self, name: &str, password: &str) -> Result<Option<Session>> {
        let found = self.store.user_named(name.trim()).await?;
        // A wrong name costs as long as a wrong password. Hashing takes
        // tens of milliseconds of CPU: off the async workers.
        let hash = found.as_ref().map_or_else(|| decoy_hash().to_string(), |(_, h)| h.clone());
        let password = password.to_string();
        let matches = tokio::task::spawn_blocking(move || verify_password(&password, &hash)).await.unwrap_or(false);
        let Some((user, _)) = found.filter(|_| matches) else {
            return Ok(None);
        };
        let session = Session { token: secret(), csrf: secret(), user };
        let expires = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(SESSION_HOURS);
        self.store.add_session(&digest(&session.token), session.user.id, &session.csrf, &format!("{expires:.6}")).await?;
        Ok(Some(session))
    }

    /// The account and CSRF token of a live session.
    pub async fn session(&self, token: &str) -> Result<Option<(User, String)>> {
        Ok(self.store.session(&digest(token), &format!("{:.6}", jiff::Timestamp::now())).await?)
    }

    pub async fn logout(&self, token: &str) -> Result<()> {
        Ok(self.store.drop_session(&digest(token)).await?)
    }

    /// A new API token for `user` that lasts [`TOKEN_DAYS`], shown once.
    pub async fn new_token(&self, user: &User, label: &str) -> Result<String> {
        Ok(self.new_token_lasting(user, label, TOKEN_DAYS).await?.0)
    }

    /// A new API token for `user` that lasts `days` (1 to
    /// [`MAX_TOKEN_DAYS`]): the secret, shown once, and how it is listed.
    pub async fn new_token_lasting(
        &self,
        user: &User,
        label: &str,
        days: u32,
    ) -> Result<(String, TokenInfo)> {
        use citynets_model::limits;
        self.check_accounts()?;
        limits::check("label", label, limits::LABEL).map_err(|e| input(e.field, e.message))?;
        if !(1..=MAX_TOKEN_DAYS).contains(&days) {
            let message = format!("a token lasts 1 to {MAX_TOKEN_DAYS} days, not {days}");
            return Err(input("days", message));
        }
        let token = secret();
        let lasts = jiff::SignedDuration::from_hours(24 * i64::from(days));
        let expires = format!("{:.6}", jiff::Timestamp::now() + lasts);
        let hash = digest(&token);
        let info = self.store.add_token(&hash, user, label, &expires, self.author()).await?;
        Ok((token, info))
    }

    /// An account's API tokens, newest first: never their secrets.
    pub async fn tokens(&self, name: &str) -> Result<(User, Vec<TokenInfo>)> {
        let user = self.account(name).await?;
        let tokens = self.store.tokens(&user).await?;
        Ok((user, tokens))
    }

    /// Revokes an account's API tokens by id (as [`Registry::tokens`] lists
    /// them), or every one with `None`: how many.
    pub async fn revoke_tokens(&self, name: &str, ids: Option<&[String]>) -> Result<u64> {
        self.check_accounts()?;
        let user = self.account(name).await?;
        if ids.is_some_and(|ids| ids.is_empty()) {
            return Err(input("token", "name the tokens to revoke, or revoke every one"));
        }
        Ok(self.store.revoke_tokens(&user, ids, self.author()).await?)
    }

    /// The most recent `limit` changes to accounts, newest first.
    pub async fn account_events(&self, limit: i64) -> Result<Vec<AccountEvent>> {
        Ok(self.store.account_events(limit).await?)
    }

    /// The account of an API token.
    pub async fn token_user(&self, token: &str) -> Result<Option<User>> {
        Ok(self.store.token_user(&digest(token), &format!("{:.6}", jiff::Timestamp::now())).await?)
    }

    /// An account by name, or [`RegistryError::NotFound`].
    async fn account(&self, name: &str) -> Result<User> {
        self.user_named(name.trim()).await?.ok_or_else(|| no_account(name))
    }

    /// Account changes are an admin's (or the command line's).
    fn check_accounts(&self) -> Result<()> {
        match self.actor() {
            Some(user) if !user.is_admin() => {
                Err(forbidden(user, "may not change accounts".to_string()))
            }
            _ => Ok(()),
        }
    }

    /// An account by name.
    pub async fn user_named(&self, name: &str) -> Result<Option<User>> {
        Ok(self.store.user_named(name).await?.map(|(u, _)| u))
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        Ok(self.store.users().await?)
    }
}

/// What the acting account's role lets it write (see [`User::may_edit`]).
/// The local operator (no actor) may write anything.
impl Registry {
    /// Facts to add: any account may propose; adding a fact as accepted (or
    /// rejected) is an edit within the account's scope.
    pub(crate) fn check_add(&self, inputs: &[FactInput], place: &dyn Fn(usize) -> String) -> Result<()> {
        let Some(user) = self.actor() else { return Ok(()) };
        match inputs.iter().position(|f| f.status != Status::Proposed && !user.may_edit(&f.refs)) {
            Some(i) => Err(forbidden(
                user,
                format!("{}: may not add an {} fact about {}; add it as proposed, for review", place(i), inputs[i].status, about(&inputs[i].refs)),
            )),
            None => Ok(()),
        }
    }

    /// A change to `current`, with the refs of its new content when the
    /// content changes: an edit of both. A reviewer may change a proposal.
    pub(crate) fn check_change(&self, current: &FactRecord, new_refs: Option<&Refs>) -> Result<()> {
        let Some(user) = self.actor() else { return Ok(()) };
        let reviewing = current.status == Status::Proposed && user.may_review();
        let editing = user.may_edit(&current.refs) && new_refs.is_none_or(|r| user.may_edit(r));
        if reviewing || editing {
            return Ok(());
        }
        let refs = if user.may_edit(&current.refs) { new_refs.unwrap_or(&current.refs) } else { &current.refs };
        Err(forbidden(user, format!("may not change fact {}, about {}", current.id, about(refs))))
    }

    /// A review decision on proposals: a reviewer's, or an editor's within
    /// its scope.
    pub(crate) fn check_review(&self, facts: &[FactRecord]) -> Result<()> {
        let Some(user) = self.actor() else { return Ok(()) };
        match facts.iter().find(|f| !user.may_review() && !user.may_edit(&f.refs)) {
            Some(f) => Err(forbidden(user, format!("may not review fact {}, about {}", f.id, about(&f.refs)))),
            None => Ok(()),
        }
    }
}

fn forbidden(user: &User, what: String) -> RegistryError {
    let scope = user.scope.as_deref().map(|s| format!(" of {s}")).unwrap_or_default();
    RegistryError::Forbidden(format!("{} ({}{scope}) {what}", user.name, user.role))
}

/// What a fact is about, for an error message.
fn about(refs: &Refs) -> String {
    let parts: Vec<String> = [("city", &refs.city), ("city", &refs.other), ("network", &refs.network)]
        .into_iter()
        .filter_map(|(what, key)| key.as_ref().map(|k| format!("{what} {k}")))
        .collect();
    if parts.is_empty() { "no city or network".to_string() } else { parts.join(" and ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_against_their_hash_only() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse battery!", &h));
        assert_ne!(h, hash_password("correct horse battery").unwrap(), "a fresh salt each time");
    }

    #[test]
    fn passwords_are_long_and_uncommon() {
        for bad in ["aaaaaaaaaa", "short pass", "aaaaaaaaaaaa", "abcabcabcabc", "PasswordPassword", "qwerty123456", "qwerty123456 ", " 1q2w3e4r5t6y", "1q2w3e4r5t6y"] {
            assert!(check_password(bad).is_err(), "{bad}");
        }
        assert!(check_password(&"ab cd".repeat(300)).is_err(), "too long");
        for good in ["a test password of the admin", "Tramonto su Bologna 1964", "ĉiuj urboj ĝemelaj"] {
            assert_eq!(check_password(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn tokens_are_random_and_stored_as_digests() {
        let (a, b) = (secret(), secret());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(digest(&a), digest(&a));
        assert_ne!(digest(&a), a);
    }
}
