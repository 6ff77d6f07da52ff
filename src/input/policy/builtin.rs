//! The packs embedded in the binary, from `policies/`.

pub struct Builtin {
    pub id: &'static str,
    /// The providers its `[pack].governs` names (a test keeps the two equal): a plan loads
    /// only the built-in packs that govern a provider it deploys.
    pub governs: &'static [&'static str],
    /// The file it was built from, as shown in diagnostics.
    pub file: &'static str,
    pub text: &'static str,
}

macro_rules! builtin {
    ($id:literal, $($provider:literal),+) => {
        Builtin {
            id: $id,
            governs: &[$($provider),+],
            file: concat!("policies/", $id, ".toml"),
            text: include_str!(concat!("../../../policies/", $id, ".toml")),
        }
    };
}

/// In the order they are listed and checked.
pub const BUILTIN: &[Builtin] = &[
    builtin!("openai-microsoft", "openai"),
    builtin!("anthropic", "anthropic"),
    builtin!("google", "google"),
    builtin!("meta", "meta"),
    builtin!("mistral", "mistral"),
];

pub fn find(id: &str) -> Option<&'static Builtin> {
    BUILTIN.iter().find(|b| b.id == id)
}

pub fn ids() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|b| b.id)
}
