//! Accounts for an admin: the list with the log of changes to accounts,
//! and one account's page, where an admin gives it a new password, makes
//! and revokes its API tokens, and removes it. Every form echoes the
//! session's CSRF token and goes through the registry acting as the admin,
//! which refuses any other role and records the change under the admin's
//! name (`citynets_registry::accounts`), as `citynets user` does at the
//! command line.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use citynets_model::User;
use citynets_registry::Registry;
use citynets_registry::accounts::{MAX_TOKEN_DAYS, TOKEN_DAYS};
use citynets_registry::store::{AccountEvent, TokenInfo};

use super::present::encode;
use super::{PageResult, render};
use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::extract::{Form, Path, form_field};

/// How many changes to accounts the list shows.
const EVENTS_SHOWN: i64 = 50;

#[derive(Template)]
#[template(path = "accounts.html")]
struct AccountsPage {
    accounts: Vec<AccountRow>,
    events: Vec<AccountEvent>,
}

struct AccountRow {
    name: String,
    href: String,
    role: String,
}

#[derive(Template)]
#[template(path = "account_admin.html")]
struct AccountPage {
    name: String,
    /// Where its forms post: `/accounts/{name}`.
    href: String,
    role: String,
    tokens: Vec<TokenRow>,
    /// A token just made, shown this once.
    new_token: Option<String>,
    /// What the last form did, or why it was refused.
    done: Option<String>,
    error: Option<String>,
    csrf: String,
    token_days: u32,
    max_token_days: u32,
}

struct TokenRow {
    id: String,
    label: String,
    created: String,
    expires: String,
}

/// An account's role as pages show it: `network_editor of uccn`.
pub(super) fn role_of(u: &User) -> String {
    match &u.scope {
        Some(s) => format!("{} of {s}", u.role),
        None => u.role.to_string(),
    }
}

fn href_of(name: &str) -> String {
    format!("/accounts/{}", encode(name))
}

/// The logged-in admin, for a page of this module.
fn admin<'a>(caller: &'a Caller, next: &str) -> Result<&'a User> {
    let user = caller.page_user(next)?;
    if !user.is_admin() {
        let message = format!(
            "{} ({}) may not manage accounts: an admin's page",
            user.name, user.role
        );
        return Err(Error::Forbidden(message));
    }
    Ok(user)
}

/// `GET /accounts`: every account, and the latest changes to accounts.
pub(super) async fn list(State(reg): State<Registry>, caller: Result<Caller>) -> PageResult {
    let caller = caller?;
    admin(&caller, "/accounts")?;
    let accounts = reg
        .users()
        .await?
        .iter()
        .map(|u| AccountRow {
            name: u.name.clone(),
            href: href_of(&u.name),
            role: role_of(u),
        })
        .collect();
    let events = reg.account_events(EVENTS_SHOWN).await?;
    render(StatusCode::OK, &AccountsPage { accounts, events })
}

/// One account's page, with the outcome of a form.
async fn account_page(
    reg: &Registry,
    caller: &Caller,
    name: &str,
    status: StatusCode,
    outcome: Outcome,
) -> PageResult {
    let (user, tokens) = reg.tokens(name).await?;
    let tokens = tokens
        .into_iter()
        .map(|t: TokenInfo| {
            let expires = match (&t.expires_at, t.expired()) {
                (Some(at), true) => format!("{at} (expired)"),
                (Some(at), false) => at.clone(),
                (None, _) => "never (made before tokens expired)".to_string(),
            };
            TokenRow {
                id: t.id,
                label: t.label,
                created: t.created_at,
                expires,
            }
        })
        .collect();
    let (new_token, done, error) = match outcome {
        Outcome::None => (None, None, None),
        Outcome::Done(m) => (None, Some(m), None),
        Outcome::Token(t) => (Some(t), None, None),
        Outcome::Refused(m) => (None, None, Some(m)),
        Outcome::Removed => (None, Some(format!("{} was removed.", user.name)), None),
    };
    let page = AccountPage {
        href: href_of(&user.name),
        role: role_of(&user),
        name: user.name,
        tokens,
        new_token,
        done,
        error,
        csrf: caller.csrf().to_string(),
        token_days: TOKEN_DAYS,
        max_token_days: MAX_TOKEN_DAYS,
    };
    render(status, &page)
}

/// What a form of an account's page did.
enum Outcome {
    None,
    Done(String),
    Token(String),
    Refused(String),
    Removed,
}

/// `GET /accounts/{name}`: the account, its tokens, and the forms.
pub(super) async fn show(
    State(reg): State<Registry>,
    caller: Result<Caller>,
    path: Result<Path<String>>,
) -> PageResult {
    let Path(name) = path?;
    let caller = caller?;
    admin(&caller, &href_of(&name))?;
    account_page(&reg, &caller, &name, StatusCode::OK, Outcome::None).await
}

/// `POST /accounts/{name}/{action}`, the forms of an account's page, each
/// run as the admin: `password` (field `password`) gives it a new one;
/// `tokens` (fields `label`, `days`) makes an API token, shown once on the
/// page that answers; `revoke` revokes the token `token` (an id), or every
/// one when the field is empty; `remove` removes the account when
/// `confirm` repeats its name, then goes back to the list. A bad field
/// shows the page again with why (a 4xx).
pub(super) async fn act(
    State(reg): State<Registry>,
    caller: Result<Caller>,
    path: Result<Path<(String, String)>>,
    form: Result<Form<Vec<(String, String)>>>,
) -> PageResult {
    let Path((name, action)) = path?;
    let Form(form) = form?;
    let caller = caller?;
    let writer = caller.form_writer(&reg, &form, &href_of(&name))?;
    let field = |k: &str| form_field(&form, k).map(str::trim).unwrap_or_default();
    let outcome = async {
        match action.as_str() {
            "password" => {
                let password = form_field(&form, "password").unwrap_or_default();
                let user = writer.set_password(&name, password).await?;
                Ok(Outcome::Done(format!(
                    "{} has a new password; its browser sessions ended.",
                    user.name
                )))
            }
            "tokens" => {
                let days = days(field("days"))?;
                let (user, _) = writer.tokens(&name).await?;
                let label = Some(field("label"))
                    .filter(|l| !l.is_empty())
                    .unwrap_or("web");
                Ok(Outcome::Token(
                    writer.new_token_lasting(&user, label, days).await?.0,
                ))
            }
            "revoke" => {
                let ids = Some(field("token"))
                    .filter(|t| !t.is_empty())
                    .map(|t| vec![t.to_string()]);
                let n = writer.revoke_tokens(&name, ids.as_deref()).await?;
                Ok(Outcome::Done(format!("{n} token(s) revoked.")))
            }
            "remove" if field("confirm") != name.trim() => {
                let message = "type the account's name in the box to confirm its removal";
                Err(Error::parameter("confirm", message))
            }
            "remove" => writer
                .remove_user(&name)
                .await
                .map(|_| Outcome::Removed)
                .map_err(Error::from),
            other => Err(Error::not_found(format!(
                "no form {other} on an account's page"
            ))),
        }
    };
    match outcome.await {
        Ok(Outcome::Removed) => Ok(Redirect::to("/accounts").into_response()),
        Ok(outcome) => account_page(&reg, &caller, &name, StatusCode::OK, outcome).await,
        // A bad field is shown beside the forms; an unknown account or a
        // missing right is the error page.
        Err(e @ (Error::Parameter { .. } | Error::Field { .. })) => {
            let status = e.status();
            account_page(
                &reg,
                &caller,
                &name,
                status,
                Outcome::Refused(e.to_string()),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// A token's lifetime from the form, in days.
fn days(text: &str) -> Result<u32> {
    if text.is_empty() {
        return Ok(TOKEN_DAYS);
    }
    text.parse().map_err(|_| {
        Error::parameter(
            "days",
            format!("'{text}' is not a whole number of days (1 to {MAX_TOKEN_DAYS})"),
        )
    })
}
