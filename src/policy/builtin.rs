//! The packs embedded in the binary, from `policies/`.

pub struct Builtin {
    pub id: &'static str,
    /// The file it was built from, as shown in diagnostics.
    pub file: &'static str,
    pub text: &'static str,
}

macro_rules! builtin {
    ($id:literal) => {
        Builtin {
            id: $id,
            file: concat!("policies/", $id, ".toml"),
            text: include_str!(concat!("../../policies/", $id, ".toml")),
        }
    };
}

/// In the order they are listed and checked.
pub const BUILTIN: &[Builtin] = &[
    builtin!("openai-microsoft"),
    builtin!("anthropic"),
    builtin!("google"),
    builtin!("meta"),
    builtin!("mistral"),
];

pub fn find(id: &str) -> Option<&'static Builtin> {
    BUILTIN.iter().find(|b| b.id == id)
}

pub fn ids() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|b| b.id)
}
