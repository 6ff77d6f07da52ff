//! The packs embedded in the binary, from `policies/`.

use crate::input::document::tape::{Node, Tape};

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
            tape: Tape {
                nodes: {
                    use Node::*;
                    include!(concat!(env!("OUT_DIR"), "/", $id, ".tape.rs"))
                },
                pool: include_str!(concat!(env!("OUT_DIR"), "/", $id, ".pool.txt")),
            },
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
    fn each_tape_is_the_tree_the_parser_makes_of_its_pack() {
        for builtin in BUILTIN {
            let parsed = toml::de::DeTable::parse(builtin.text).unwrap();
            let taped = crate::input::document::tape::tree(&builtin.tape).unwrap();
            // Debug shows every span, key and value; `==` on spanned values ignores spans.
            assert_eq!(
                format!("{taped:?}"),
                format!("{parsed:?}"),
                "{}",
                builtin.file
            );
        }
    }
}
