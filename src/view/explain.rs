//! `explain CODE`: what a code means — a pack's rule or clause with its dates and sources,
//! or one of cloudpact's own codes.

use serde::Serialize;

use crate::base::codes::{self, Code};
use crate::base::date::Date;
use crate::base::diagnostic::{Confidence, Severity, did_you_mean};
use crate::input::policy::{Origin, Pack, PackSet, Rule};

/// Which pack a code belongs to, and where it is written.
#[derive(Debug, Clone, Serialize)]
pub struct PackInfo {
    pub id: String,
    pub version: Option<String>,
    pub title: Option<String>,
    /// `built-in` or the pack file as named.
    pub origin: String,
    pub file: String,
    pub line: Option<usize>,
}

const BUILT_IN: &str = "built-in";

/// A path as a shell word: quoted when it holds anything a shell would read.
fn shell_word(path: &str) -> String {
    if !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+=:,@".contains(c))
    {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}

impl PackInfo {
    fn of(pack: &Pack, span_start: Option<usize>) -> Self {
        PackInfo {
            id: pack.id.clone(),
            version: pack.version.clone(),
            title: pack.title.clone(),
            origin: match &pack.origin {
                Origin::Builtin => BUILT_IN.to_string(),
                Origin::File(_) => pack.source.name.clone(),
            },
            file: pack.source.name.clone(),
            line: span_start.map(|s| pack.source.line_col(s).0),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Explanation {
    /// A rule of a pack.
    Rule {
        code: String,
        pack: PackInfo,
        effect: &'static str,
        title: Option<String>,
        clause: Option<String>,
        from: Option<Date>,
        until: Option<Date>,
        #[serde(rename = "match")]
        matches: String,
        unless: Option<String>,
        first_on: Option<String>,
        requires_offered: bool,
        /// As the pack says it: `warn` or `deny`.
        #[serde(serialize_with = "on_expiry_word")]
        on_expiry: Option<Severity>,
        message: Option<String>,
        help: Option<String>,
        confidence: Option<Confidence>,
        sources: Vec<String>,
    },
    /// An informational clause of a pack.
    Clause {
        code: String,
        pack: PackInfo,
        title: String,
        clause: Option<String>,
        summary: String,
        from: Option<Date>,
        until: Option<Date>,
        confidence: Option<Confidence>,
        sources: Vec<String>,
    },
    /// One of cloudpact's own codes, in a pack's namespace or its own.
    Engine {
        code: String,
        severity: Severity,
        summary: &'static str,
        pack: Option<PackInfo>,
    },
}

/// `on_expiry` in the pack format's words (`warn`, `deny`), not as a severity.
fn on_expiry_word<S: serde::Serializer>(
    value: &Option<Severity>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let word = value.map(|severity| match severity {
        Severity::Error => "deny",
        Severity::Warning | Severity::Advice => "warn",
    });
    serde::Serialize::serialize(&word, serializer)
}

impl Explanation {
    /// The command that explains this code again: a code from a pack file needs the file.
    pub fn command(&self) -> String {
        let pack = match self {
            Explanation::Rule { pack, .. } | Explanation::Clause { pack, .. } => Some(pack),
            Explanation::Engine { pack, .. } => pack.as_ref(),
        };
        match pack.filter(|p| p.origin != BUILT_IN) {
            Some(p) => format!(
                "cloudpact explain {} --policy {}",
                self.code(),
                shell_word(&p.file)
            ),
            None => format!("cloudpact explain {}", self.code()),
        }
    }
}

/// Explain `code` against the selected packs; on failure, a message with a did-you-mean.
pub fn explain(code: &str, packs: &PackSet) -> Result<Explanation, String> {
    if let Some(found) = engine_code(code, packs) {
        return Ok(found);
    }
    for pack in &packs.packs {
        if let Some(rule) = pack.rules.iter().find(|r| r.code == code) {
            return Ok(rule_explanation(pack, rule));
        }
        if let Some(clause) = pack.clauses.iter().find(|c| c.code == code) {
            return Ok(Explanation::Clause {
                code: clause.code.clone(),
                pack: PackInfo::of(pack, Some(clause.span.start)),
                title: clause.title.clone(),
                clause: clause.clause.clone(),
                summary: clause.summary.clone(),
                from: clause.from,
                until: clause.until,
                confidence: clause.confidence,
                sources: clause.sources.clone(),
            });
        }
    }
    let mut known = packs.finding_codes();
    known.extend(
        packs
            .packs
            .iter()
            .flat_map(|p| p.clauses.iter().map(|c| c.code.clone())),
    );
    let near = did_you_mean(code, known.iter().map(String::as_str))
        .map(|near| format!("; did you mean `{near}`?"))
        .unwrap_or_default();
    let from_file = code
        .split_once('/')
        .filter(|(pack, _)| !packs.packs.iter().any(|p| p.id == *pack) && near.is_empty())
        .map(|_| "; a code from a pack file is explained with the file: `cloudpact explain CODE --policy FILE`, or `--plan PLAN` for the packs a plan names")
        .unwrap_or_default();
    Err(format!(
        "no selected pack or part of cloudpact gives the code `{code}`{near}{from_file} (`cloudpact policies list` shows the packs, `cloudpact policies show ID` their rules)"
    ))
}

fn rule_explanation(pack: &Pack, rule: &Rule) -> Explanation {
    Explanation::Rule {
        code: rule.code.to_string(),
        pack: PackInfo::of(pack, Some(rule.span.start)),
        effect: rule.effect.as_str(),
        title: rule.title.clone(),
        clause: rule.clause.clone(),
        from: rule.from,
        until: rule.until,
        matches: rule.matcher.to_string(),
        unless: rule.unless_text(),
        first_on: rule
            .first_on
            .as_ref()
            .map(|f| format!("{} for products released from {}", f.cloud, f.released_from)),
        requires_offered: rule.requires_offered,
        on_expiry: (rule.effect == crate::input::policy::Effect::Allow).then_some(rule.on_expiry),
        message: rule.message.clone(),
        help: rule.help.clone(),
        confidence: rule.confidence,
        sources: rule.sources.clone(),
    }
}

fn engine_code(code: &str, packs: &PackSet) -> Option<Explanation> {
    let fixed = |c: Code| Explanation::Engine {
        code: c.name().to_string(),
        severity: c.severity(),
        summary: c.summary(),
        pack: None,
    };
    if let Some(c) = codes::named(code) {
        return Some(fixed(c));
    }
    let (pack_id, name) = code.split_once('/')?;
    let engine = codes::in_pack().find(|c| c.name() == name)?;
    let pack = packs.packs.iter().find(|p| p.id == pack_id)?;
    Some(Explanation::Engine {
        code: code.to_string(),
        severity: engine.severity(),
        summary: engine.summary(),
        pack: Some(PackInfo::of(pack, None)),
    })
}

impl Explanation {
    pub fn code(&self) -> &str {
        match self {
            Explanation::Rule { code, .. }
            | Explanation::Clause { code, .. }
            | Explanation::Engine { code, .. } => code,
        }
    }

    /// A one-line name: the rule's or clause's title, or the start of the code's meaning.
    pub fn title(&self) -> String {
        match self {
            Explanation::Rule { title, code, .. } => title.clone().unwrap_or_else(|| code.clone()),
            Explanation::Clause { title, .. } => title.clone(),
            Explanation::Engine { summary, .. } => summary
                .split(". ")
                .next()
                .unwrap_or(summary)
                .trim_end_matches('.')
                .to_string(),
        }
    }

    /// What it says in full: message, help, clause, window, confidence and sources.
    pub fn description(&self) -> String {
        match self {
            Explanation::Rule {
                message,
                help,
                clause,
                from,
                until,
                confidence,
                sources,
                ..
            } => {
                let mut parts: Vec<String> = Vec::new();
                parts.extend(message.clone());
                parts.extend(help.clone());
                if let Some(clause) = clause {
                    parts.push(format!("Clause: {clause}."));
                }
                parts.push(format!(
                    "Window: {}.",
                    crate::base::date::window_text(*from, *until)
                ));
                if let Some(c) = confidence {
                    parts.push(format!("Confidence: {}.", c.as_str()));
                }
                if !sources.is_empty() {
                    parts.push(format!("Sources: {}.", sources.join("; ")));
                }
                parts.join(" ")
            }
            Explanation::Clause {
                summary, sources, ..
            } => {
                format!("{summary} Sources: {}.", sources.join("; "))
            }
            Explanation::Engine { summary, .. } => (*summary).to_string(),
        }
    }
}
