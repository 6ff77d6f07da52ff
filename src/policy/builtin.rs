//! The packs embedded in the binary, from `policies/`.

pub struct Builtin {
    pub id: &'static str,
    /// The file it was built from, as shown in diagnostics.
    pub file: &'static str,
    pub text: &'static str,
}

pub const BUILTIN: &[Builtin] = &[Builtin {
    id: "openai-microsoft",
    file: "policies/openai-microsoft.toml",
    text: include_str!("../../policies/openai-microsoft.toml"),
}];

pub fn find(id: &str) -> Option<&'static Builtin> {
    BUILTIN.iter().find(|b| b.id == id)
}

pub fn ids() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|b| b.id)
}
