//! The open vocabulary: words that packs and catalogs extend — providers, products, regions
//! and rule codes. Each is its own type, so a product cannot be passed where a provider is
//! meant; each reads and writes as the plain string (serde transparent) and reads as `str`.

macro_rules! open_words {
    ($($(#[$doc:meta])* pub struct $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
            serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(word: impl Into<String>) -> Self {
                $name(word.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(word: String) -> Self {
                $name(word)
            }
        }

        impl From<&str> for $name {
            fn from(word: &str) -> Self {
                $name(word.to_string())
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(word: &str) -> Result<Self, Self::Err> {
                Ok($name(word.to_string()))
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<&$name> for $name {
            fn eq(&self, other: &&$name) -> bool {
                self == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    )*};
}

open_words! {
    /// Who makes a model: `openai`, `anthropic`, `meta`…, as a pack's `governs` names it.
    pub struct ProviderId;

    /// A product in a provider's catalog: `gpt-5`, `claude-sonnet-4-5`, `llama-4-maverick`…
    pub struct ProductId;

    /// A cloud's region, as the region catalog lists it: `eastus2`, `eu-west-1`…
    pub struct RegionId;

    /// A rule's code, its pack's id and its own: `openai-microsoft/microsoft-licence`.
    pub struct RuleCode;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn an_open_word_reads_and_writes_as_its_string() {
        let p: ProviderId = serde_json::from_str("\"openai\"").unwrap();
        assert_eq!(p, "openai");
        assert_eq!(p.len(), 6);
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"openai\"");
        assert_eq!(p.to_string(), "openai");
    }
}
