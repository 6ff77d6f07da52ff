//! `explain` for people: the rule or code as a short card, wrapped to the width given.

use std::fmt::Write as _;

use crate::base::date::window_text;
use crate::base::diagnostic::Confidence;
use crate::view::explain::{Explanation, PackInfo};

fn confidence_text(c: Confidence) -> String {
    let meaning = match c {
        Confidence::Announced => "a company's own statement",
        Confidence::Reported => "secondary sources only",
        Confidence::Assumed => "uncertain or conflicting; encoded in the conservative reading",
    };
    format!("{} ({meaning})", c.as_str())
}

fn pack_text(pack: &PackInfo) -> String {
    let version = pack
        .version
        .as_deref()
        .map(|v| format!(" {v}"))
        .unwrap_or_default();
    let at = match pack.line {
        Some(line) => format!("{}:{line}", pack.file),
        None => pack.file.clone(),
    };
    if pack.origin == "built-in" {
        format!("{}{version}, built-in ({at})", pack.id)
    } else {
        format!("{}{version} ({at})", pack.id)
    }
}

struct Card {
    out: String,
    width: usize,
}

impl Card {
    fn field(&mut self, name: &str, value: &str) {
        let indent = " ".repeat(15);
        let options = textwrap::Options::new(self.width.saturating_sub(15).max(30))
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .word_separator(textwrap::WordSeparator::AsciiSpace);
        for (i, line) in textwrap::wrap(value, options).iter().enumerate() {
            if i == 0 {
                let _ = writeln!(self.out, "  {name:<12} {line}");
            } else {
                let _ = writeln!(self.out, "{indent}{line}");
            }
        }
    }

    fn paragraph(&mut self, text: &str) {
        let options = textwrap::Options::new(self.width)
            .initial_indent("  ")
            .subsequent_indent("  ")
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .word_separator(textwrap::WordSeparator::AsciiSpace);
        self.out.push('\n');
        for line in textwrap::wrap(text, options) {
            let _ = writeln!(self.out, "{line}");
        }
    }

    fn sources(&mut self, sources: &[String]) {
        if sources.is_empty() {
            return;
        }
        self.out.push_str("\n  sources\n");
        for s in sources {
            let _ = writeln!(self.out, "    - {s}");
        }
    }
}

pub fn render(explanation: &Explanation, width: usize) -> String {
    let mut card = Card {
        out: String::new(),
        width,
    };
    match explanation {
        Explanation::Rule {
            code,
            pack,
            effect,
            title,
            clause,
            from,
            until,
            matches,
            unless,
            first_on,
            requires_offered,
            on_expiry,
            message,
            help,
            confidence,
            sources,
        } => {
            let _ = writeln!(
                card.out,
                "{code}: {}\n",
                title.as_deref().unwrap_or("(untitled rule)")
            );
            let effect_text = match *effect {
                "allow" => {
                    "allow: grants the paths it matches (in a pack that governs their provider)"
                }
                "deny" => "deny: an error on the paths it matches",
                "warn" => "warn: a warning on the paths it matches",
                _ => "advise: advice on the paths it matches",
            };
            card.field("effect", effect_text);
            if let Some(clause) = clause {
                card.field("clause", clause);
            }
            card.field("window", &window_text(*from, *until));
            card.field("match", matches);
            if let Some(unless) = unless {
                card.field("unless", unless);
            }
            if let Some(first_on) = first_on {
                card.field("first on", first_on);
            }
            if *requires_offered {
                card.field(
                    "offered",
                    "holds only from the product's offered date on the deployment's cloud",
                );
            }
            if let Some(on_expiry) = on_expiry {
                card.field(
                    "on expiry",
                    &format!("a term running past the grant gets a {on_expiry}"),
                );
            }
            card.field(
                "confidence",
                &confidence.map_or_else(|| "not stated".to_string(), confidence_text),
            );
            card.field("pack", &pack_text(pack));
            if let Some(message) = message {
                card.paragraph(message);
            }
            if let Some(help) = help {
                card.paragraph(help);
            }
            card.sources(sources);
        }
        Explanation::Clause {
            code,
            pack,
            title,
            clause,
            summary,
            from,
            until,
            confidence,
            sources,
        } => {
            let _ = writeln!(card.out, "{code}: {title}\n");
            card.field("kind", "informational clause: it decides no path");
            if let Some(clause) = clause {
                card.field("clause", clause);
            }
            card.field("window", &window_text(*from, *until));
            card.field(
                "confidence",
                &confidence.map_or_else(|| "not stated".to_string(), confidence_text),
            );
            card.field("pack", &pack_text(pack));
            card.paragraph(summary);
            card.sources(sources);
        }
        Explanation::Engine {
            code,
            severity,
            summary,
            pack,
        } => {
            let _ = writeln!(card.out, "{code}: a finding cloudpact gives itself\n");
            card.field("severity", severity.as_str());
            if let Some(pack) = pack {
                card.field("pack", &pack_text(pack));
            }
            card.paragraph(summary);
        }
    }
    card.out
}

/// `docs/codes.md`: every code cloudpact gives on its own, one section each, the page SARIF
/// rules link to (`helpUri`). A test keeps the file equal to this.
pub fn codes_page() -> String {
    use crate::base::codes::{Code, Family};
    let mut page = String::from(
        "# cloudpact's own codes\n\n\
         Every code cloudpact gives on its own, with its severity and what it means. Codes of a \
         pack's rules (`PACK/RULE`) are explained by `cloudpact explain CODE`, with the pages \
         their facts come from. Written by `cloudpact`'s tests from `src/base/codes.rs`: edit \
         that file, not this one.\n",
    );
    for (family, heading) in [
        (
            Family::InPack,
            "In the namespace of the pack that governs the provider (`PACK/CODE`)",
        ),
        (Family::Plan, "About a plan"),
        (Family::Load, "Files that could not be checked (exit 2)"),
        (
            Family::Lint,
            "Packs that load but cannot work as written, and their tests",
        ),
    ] {
        let _ = write!(page, "\n## {heading}\n");
        for code in Code::ALL.iter().filter(|c| c.family() == family) {
            let _ = write!(
                page,
                "\n### {}\n\n{} — {}\n",
                code.name(),
                code.severity(),
                code.summary()
            );
        }
    }
    page
}
