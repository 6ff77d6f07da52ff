//! `policies list` and `policies show ID`: the packs in force, and one pack's catalog,
//! rules and clauses as tables with their dates.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::base::date::Date;
use crate::base::date::window_text;
use crate::base::vocab::Cloud;
use crate::input::policy::{Origin, Pack, PackSet};
use crate::view::explain::{Explanation, explain};

fn table(width: usize, header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::DynamicFullWidth)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX))
        .set_header(header.iter().copied());
    table
}

fn origin(pack: &Pack) -> String {
    match &pack.origin {
        Origin::Builtin => "built-in".to_string(),
        Origin::File(_) => pack.source.name.clone(),
    }
}

fn dash(text: Option<&str>) -> String {
    text.unwrap_or("—").to_string()
}

pub fn render_list(packs: &PackSet, width: usize) -> String {
    let mut t = table(
        width,
        &[
            "pack", "version", "governs", "rules", "products", "clauses", "origin",
        ],
    );
    for p in &packs.packs {
        t.add_row(vec![
            p.id.clone(),
            dash(p.version.as_deref()),
            if p.governs.is_empty() {
                "— (restricts only)".to_string()
            } else {
                p.governs.join(", ")
            },
            p.rules.len().to_string(),
            p.products.len().to_string(),
            p.clauses.len().to_string(),
            origin(p),
        ]);
    }
    format!("{t}\n`cloudpact policies show ID` shows a pack's catalog, rules and clauses.\n")
}

pub fn render_show(pack: &Pack, width: usize) -> String {
    let mut out = String::new();
    let version = pack
        .version
        .as_deref()
        .map(|v| format!(" {v}"))
        .unwrap_or_default();
    let title = pack
        .title
        .as_deref()
        .map(|t| format!(": {t}"))
        .unwrap_or_default();
    let _ = writeln!(out, "{}{version}{title}", pack.id);
    let governs = if pack.governs.is_empty() {
        "no provider: this pack only restricts".to_string()
    } else {
        pack.governs.join(", ")
    };
    let from = match &pack.origin {
        Origin::Builtin => format!("built-in ({})", pack.source.name),
        Origin::File(_) => pack.source.name.clone(),
    };
    let _ = writeln!(out, "governs {governs} · {from}");

    if let Some(description) = &pack.description {
        out.push('\n');
        for line in textwrap::wrap(description, width) {
            let _ = writeln!(out, "{line}");
        }
    }

    if !pack.products.is_empty() {
        let mut t = table(
            width,
            &["product", "kind", "released", "offered", "declined"],
        );
        for p in &pack.products {
            let offered: Vec<String> = p.offered.iter().map(|(c, d)| format!("{c} {d}")).collect();
            t.add_row(vec![
                p.id.to_string(),
                p.kind.as_str().to_string(),
                match (p.released, p.retired) {
                    (released, Some(retired)) => format!(
                        "{} (retired {retired})",
                        released.map_or_else(|| "—".to_string(), |d| d.to_string())
                    ),
                    (released, None) => released.map_or_else(|| "—".to_string(), |d| d.to_string()),
                },
                if offered.is_empty() {
                    "—".to_string()
                } else {
                    offered.join(", ")
                },
                if p.declined.is_empty() {
                    "—".to_string()
                } else {
                    let declined: Vec<&str> = p.declined.iter().map(|c| c.as_str()).collect();
                    declined.join(", ")
                },
            ]);
        }
        let _ = write!(out, "\nCatalog\n{t}\n");
    }
    if !pack.rules.is_empty() {
        let mut t = table(width, &["rule", "effect", "window", "applies to"]);
        for r in &pack.rules {
            let mut applies = r.matcher.to_string();
            if let Some(unless) = r.unless_text() {
                applies.push_str(&format!("; unless {unless}"));
            }
            if let Some(f) = &r.first_on {
                applies.push_str(&format!(
                    "; new products (released from {}) first on {}",
                    f.released_from, f.cloud
                ));
            }
            if r.requires_offered {
                applies.push_str("; once offered on the cloud");
            }
            t.add_row(vec![
                r.id.clone(),
                r.effect.as_str().to_string(),
                window_text(r.from, r.until),
                applies,
            ]);
        }
        let _ = write!(
            out,
            "\nRules (`cloudpact explain {}/RULE` shows each)\n{t}\n",
            pack.id
        );
        let mut t = table(width, &["rule", "clause", "confidence"]);
        for r in &pack.rules {
            t.add_row(vec![
                r.id.clone(),
                dash(r.clause.as_deref()),
                r.confidence.map_or("—", |c| c.as_str()).to_string(),
            ]);
        }
        let _ = write!(out, "\nClauses the rules encode\n{t}\n");
    }
    if !pack.clauses.is_empty() {
        let mut t = table(width, &["clause", "window", "title", "confidence"]);
        for c in &pack.clauses {
            t.add_row(vec![
                c.id.clone(),
                window_text(c.from, c.until),
                c.title.clone(),
                c.confidence.map_or("—", |c| c.as_str()).to_string(),
            ]);
        }
        let _ = write!(
            out,
            "\nInformational clauses (`cloudpact explain CODE` shows each)\n{t}\n"
        );
    }
    if !pack.sources.is_empty() {
        out.push_str("\nSources\n");
        for s in &pack.sources {
            let _ = writeln!(out, "  - {s}");
        }
    }
    out
}

#[derive(Serialize)]
struct ListJson<'a> {
    version: u32,
    packs: Vec<PackSummary<'a>>,
}

#[derive(Serialize)]
struct PackSummary<'a> {
    id: &'a str,
    version: Option<&'a str>,
    title: Option<&'a str>,
    governs: &'a [crate::base::ids::ProviderId],
    origin: String,
    rules: usize,
    products: usize,
    clauses: usize,
}

fn summary(p: &Pack) -> PackSummary<'_> {
    PackSummary {
        id: &p.id,
        version: p.version.as_deref(),
        title: p.title.as_deref(),
        governs: &p.governs,
        origin: match &p.origin {
            Origin::Builtin => "built-in".to_string(),
            Origin::File(_) => p.source.name.clone(),
        },
        rules: p.rules.len(),
        products: p.products.len(),
        clauses: p.clauses.len(),
    }
}

pub fn json_list(packs: &PackSet) -> String {
    let list = ListJson {
        version: crate::render::json::VERSION,
        packs: packs.packs.iter().map(|p| summary(p)).collect(),
    };
    serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
}

#[derive(Serialize)]
struct ShowJson<'a> {
    version: u32,
    pack: PackSummary<'a>,
    description: Option<&'a str>,
    sources: &'a [String],
    products: Vec<ProductJson<'a>>,
    rules: Vec<Explanation>,
    clauses: Vec<Explanation>,
}

#[derive(Serialize)]
struct ProductJson<'a> {
    id: &'a str,
    provider: &'a str,
    title: Option<&'a str>,
    kind: &'static str,
    released: Option<Date>,
    offered: &'a std::collections::BTreeMap<Cloud, Date>,
    declined: &'a [Cloud],
    /// Only where the catalog records one.
    #[serde(skip_serializing_if = "Option::is_none")]
    retired: Option<Date>,
    note: Option<&'a str>,
    sources: &'a [String],
}

pub fn json_show(pack: &Pack, packs: &PackSet) -> String {
    let explained = |code: &str| explain(code, packs).ok();
    let show = ShowJson {
        version: crate::render::json::VERSION,
        pack: summary(pack),
        description: pack.description.as_deref(),
        sources: &pack.sources,
        products: pack
            .products
            .iter()
            .map(|p| ProductJson {
                id: &p.id,
                provider: &p.provider,
                title: p.title.as_deref(),
                kind: p.kind.as_str(),
                released: p.released,
                offered: &p.offered,
                declined: &p.declined,
                retired: p.retired,
                note: p.note.as_deref(),
                sources: &p.sources,
            })
            .collect(),
        rules: pack
            .rules
            .iter()
            .filter_map(|r| explained(&r.code))
            .collect(),
        clauses: pack
            .clauses
            .iter()
            .filter_map(|c| explained(&c.code))
            .collect(),
    };
    serde_json::to_string_pretty(&show).unwrap_or_default() + "\n"
}
