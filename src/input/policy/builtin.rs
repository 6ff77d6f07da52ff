//! The packs embedded in the binary, from `policies/`.

use crate::input::document::tape::{Tape, compiled};

pub struct Builtin {
    pub id: &'static str,
    /// The providers its `[pack].governs` names (a test keeps the two equal): a plan loads
    /// only the built-in packs that govern a provider it deploys.
    pub governs: &'static [&'static str],
    /// The file it was built from, as shown in diagnostics.
    pub file: &'static str,
    pub text: &'static str,
    /// Its text as parsed when cloudpact was built (`build.rs`).
    pub tape: Tape,
}

macro_rules! builtin {
    ($id:literal, $($provider:literal),+) => {
        Builtin {
            id: $id,
            governs: &[$($provider),+],
            file: concat!("policies/", $id, ".toml"),
            text: include_str!(concat!("../../../policies/", $id, ".toml")),
            tape: compiled!($id),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tape_gives_the_pack_its_text_gives() {
        use crate::base::source::SourceFile;
        use crate::input::policy::{Origin, load::load_embedded_pack, load_pack};
        for builtin in BUILTIN {
            let text = load_pack(SourceFile::new(builtin.file, builtin.text), Origin::Builtin);
            let [taped, text] = [load_embedded_pack(builtin), text].map(|pack| {
                let p = pack.unwrap();
                // Debug shows every span, rule, product, clause and test, in the file's order.
                format!(
                    "{:?}",
                    (
                        (&p.id, &p.version, &p.title, &p.description, &p.governs),
                        (&p.sources, &p.approvers, &p.products, &p.rules),
                        (&p.clauses, &p.tests, &p.warnings, &p.source.name, &p.codes)
                    )
                )
            });
            assert_eq!(taped, text, "{}", builtin.file);
        }
    }
}
