//! Accounts and what each may change.
//!
//! The public reads everything without an account. Writing needs one, and
//! its role says what it may write: an admin anything; a reviewer may
//! accept, reject or correct proposals; a network editor the facts of its
//! network (and its bodies); a city editor the facts about its city. Any
//! account may propose facts (ingest a text).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Refs;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountRole {
    Admin,
    Reviewer,
    /// Edits the facts of one network (its scope).
    NetworkEditor,
    /// Edits the facts about one city (its scope).
    CityEditor,
}

impl AccountRole {
    pub const ALL: &'static [AccountRole] = &[AccountRole::Admin, AccountRole::Reviewer, AccountRole::NetworkEditor, AccountRole::CityEditor];

    pub fn as_str(self) -> &'static str {
        match self {
            AccountRole::Admin => "admin",
            AccountRole::Reviewer => "reviewer",
            AccountRole::NetworkEditor => "network_editor",
            AccountRole::CityEditor => "city_editor",
        }
    }

    /// Whether the role covers one network or city, named by its scope.
    pub fn needs_scope(self) -> bool {
        matches!(self, AccountRole::NetworkEditor | AccountRole::CityEditor)
    }
}

impl fmt::Display for AccountRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AccountRole {
    type Err = crate::UnknownTerm;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        AccountRole::ALL.iter().copied().find(|r| r.as_str() == s).ok_or_else(|| crate::UnknownTerm {
            what: "role",
            value: s.to_string(),
            expected: "admin, reviewer, network_editor, city_editor".into(),
        })
    }
}

/// An account, without its secrets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: AccountRole,
    /// The network key (network editor) or city key (city editor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl User {
    /// May accept, reject or correct proposed facts.
    pub fn may_review(&self) -> bool {
        matches!(self.role, AccountRole::Admin | AccountRole::Reviewer)
    }

    /// May add or change a fact with these refs (both before and after a
    /// change must pass).
    pub fn may_edit(&self, refs: &Refs) -> bool {
        let scope = self.scope.as_deref();
        match self.role {
            AccountRole::Admin => true,
            AccountRole::Reviewer => false,
            AccountRole::NetworkEditor => scope.is_some() && refs.network.as_deref() == scope,
            AccountRole::CityEditor => scope.is_some() && (refs.city.as_deref() == scope || refs.other.as_deref() == scope),
        }
    }

    /// May manage accounts.
    pub fn is_admin(&self) -> bool {
        self.role == AccountRole::Admin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: AccountRole, scope: Option<&str>) -> User {
        User { id: 1, name: "u".into(), role, scope: scope.map(str::to_string) }
    }

    fn refs(city: &str, other: Option<&str>, network: Option<&str>) -> Refs {
        Refs { city: Some(city.into()), other: other.map(str::to_string), network: network.map(str::to_string), body: None }
    }

    #[test]
    fn each_role_edits_its_own_scope_only() {
        let bologna_in_uccn = refs("bologna-it", None, Some("uccn"));
        let twinning = refs("leipzig-de", Some("bologna-it"), None);
        assert!(user(AccountRole::Admin, None).may_edit(&bologna_in_uccn));
        assert!(!user(AccountRole::Reviewer, None).may_edit(&bologna_in_uccn));
        assert!(user(AccountRole::NetworkEditor, Some("uccn")).may_edit(&bologna_in_uccn));
        assert!(!user(AccountRole::NetworkEditor, Some("eurocities")).may_edit(&bologna_in_uccn));
        assert!(!user(AccountRole::NetworkEditor, None).may_edit(&bologna_in_uccn), "no scope, no edits");
        assert!(user(AccountRole::CityEditor, Some("bologna-it")).may_edit(&twinning), "either side of a twinning");
        assert!(!user(AccountRole::CityEditor, Some("turin-it")).may_edit(&twinning));
        assert!(user(AccountRole::Reviewer, None).may_review());
        assert!(!user(AccountRole::CityEditor, Some("bologna-it")).may_review());
    }

    #[test]
    fn roles_read_as_written() {
        assert_eq!("network-editor".parse::<AccountRole>().unwrap(), AccountRole::NetworkEditor);
        assert_eq!("ADMIN".parse::<AccountRole>().unwrap(), AccountRole::Admin);
        assert!("owner".parse::<AccountRole>().is_err());
    }
}
