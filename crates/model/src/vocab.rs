//! The closed vocabularies of the fact format: UCCN fields and roles.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::fold;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{value}': expected one of {expected}")]
pub struct UnknownTerm {
    pub what: &'static str,
    pub value: String,
    pub expected: String,
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical English name, as the fact format writes it.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownTerm;
            /// Parses the canonical name, compared after [`fold`].
            fn from_str(s: &str) -> Result<Self, UnknownTerm> {
                let f = fold(s);
                Self::ALL.iter().copied().find(|v| fold(v.as_str()) == f).ok_or_else(|| UnknownTerm {
                    what: $what,
                    value: s.to_string(),
                    expected: Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                })
            }
        }
    };
}

vocabulary!(
    /// The eight creative fields of the UNESCO Creative Cities Network
    /// (Architecture since October 2025).
    Field, "field", {
    Architecture => "Architecture",
    CraftsAndFolkArt => "Crafts and Folk Art",
    Design => "Design",
    Film => "Film",
    Gastronomy => "Gastronomy",
    Literature => "Literature",
    MediaArts => "Media Arts",
    Music => "Music",
});

impl Field {
    /// When UNESCO added the field to the network, for the fields added
    /// after the network's founding in 2004: before it, the field was no
    /// one's to hold.
    pub fn introduced(self) -> Option<crate::PartialDate> {
        match self {
            Field::Architecture => Some(crate::PartialDate::new(2025, Some(10), None).expect("a valid month")),
            _ => None,
        }
    }
}

vocabulary!(
    /// What a holder is in an organ (a network or one of its bodies).
    Role, "role", {
    President => "President",
    VicePresident => "Vice-President",
    Chair => "Chair",
    ViceChair => "Vice-Chair",
    Member => "Member",
    Lead => "Lead",
    Support => "Support",
    SecretaryGeneral => "Secretary General",
    Secretary => "Secretary",
    Treasurer => "Treasurer",
    Coordinator => "Coordinator",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_folded_names_and_rejects_others() {
        assert_eq!("crafts and folk art".parse::<Field>(), Ok(Field::CraftsAndFolkArt));
        assert_eq!("MEDIA ARTS".parse::<Field>(), Ok(Field::MediaArts));
        assert_eq!("vice president".parse::<Role>(), Ok(Role::VicePresident));
        let err = "Cooking".parse::<Field>().unwrap_err();
        assert!(err.to_string().contains("unknown field 'Cooking'"), "{err}");
        assert!(err.to_string().contains("Media Arts"));
        assert_eq!(Field::ALL.len(), 8);
    }

    #[test]
    fn serialises_with_canonical_names() {
        assert_eq!(serde_json::to_string(&Role::SecretaryGeneral).unwrap(), r#""Secretary General""#);
        assert_eq!(serde_json::from_str::<Field>(r#""Crafts and Folk Art""#).unwrap(), Field::CraftsAndFolkArt);
    }
}
