//! `paths`: the channel × cloud matrix as a terminal table, a markdown table for a memo,
//! or JSON (DESIGN.md's `paths` contract).

use std::fmt::Write as _;

use comfy_table::{Cell as TableCell, Color, ContentArrangement, Table, presets};
use serde::Serialize;

use crate::base::date::Date;
use crate::base::vocab::{Channel, Cloud};
use crate::engine::Decision;
use crate::render::escape::{markdown as md, markdown_code as code};
use crate::view::matrix::Cell;
pub use crate::view::paths::{DeploymentPaths, Matrix};
use crate::view::paths::{Notice, Refusal};

fn cell_at(m: &Matrix, channel: Channel, cloud: Cloud) -> Option<&Cell> {
    m.cells
        .iter()
        .find(|c| c.channel == channel && c.cloud == cloud)
}

fn title(m: &Matrix, as_of: Date, since: Option<Date>) -> String {
    let what = match &m.product {
        Some(p) => format!("{} {p}", m.provider),
        None => format!("{} (any product)", m.provider),
    };
    match since {
        Some(since) => format!("{what}: paths as of {as_of}, compared with {since}"),
        None => format!("{what}: paths as of {as_of}"),
    }
}

/// What a cell cites: its rule, and its clause; in a row without a product where only some
/// of the catalog's products have the cell's status, the clause names them.
fn citation(c: &Cell) -> Option<(&str, String)> {
    // cloudpact's own findings (an unknown product, an ungoverned provider) have no clause:
    // their code is the citation.
    let (rule, clause) = (c.rule.as_deref()?, c.clause.as_deref().unwrap_or_default());
    if c.some_products && !c.products.is_empty() {
        return Some((rule, format!("{clause} — for {}", c.products.join(", "))));
    }
    Some((rule, clause.to_string()))
}

/// The citations of the cells, in first-cited order.
fn cited(m: &Matrix) -> Vec<(&str, String)> {
    let mut seen: Vec<(&str, String)> = Vec::new();
    for c in &m.cells {
        if let Some(cited) = citation(c)
            && !seen.contains(&cited)
        {
            seen.push(cited);
        }
    }
    seen
}

/// `▲ opened 2026-04-27` for a cell that opened since the comparison date; `▼ closed`
/// for one that closed; `~ now conditional` / `~ now allowed` for a change of condition.
fn change_mark(c: &Cell) -> Option<String> {
    let change = c.change()?;
    Some(match (change, c.opened) {
        ("newly allowed", Some(opened)) => format!("▲ {opened}"),
        ("newly allowed", None) => "▲ opened".to_string(),
        ("no longer allowed", _) => "▼ closed".to_string(),
        (other, _) => format!("~ {other}"),
    })
}

/// The footnote number of a cell's citation.
fn footnote(cited: &[(&str, String)], c: &Cell) -> Option<usize> {
    let own = citation(c)?;
    cited.iter().position(|r| *r == own).map(|i| i + 1)
}

pub fn render_table(
    matrices: &[Matrix],
    as_of: Date,
    since: Option<Date>,
    color: bool,
    width: usize,
) -> String {
    let mut out = String::new();
    for m in matrices {
        let _ = writeln!(out, "{}", title(m, as_of, since));
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(width).unwrap_or(u16::MAX));
        let mut header = vec!["channel".to_string()];
        header.extend(Cloud::ALL.iter().map(Cloud::to_string));
        table.set_header(header);
        let rules = cited(m);
        for &channel in Channel::ALL {
            let mut row = vec![TableCell::new(channel)];
            for &cloud in Cloud::ALL {
                let Some(c) = cell_at(m, channel, cloud) else {
                    row.push(TableCell::new("·"));
                    continue;
                };
                let mut text = c.status.as_str().to_string();
                if let Some(n) = footnote(&rules, c) {
                    let _ = write!(text, " [{n}]");
                }
                if let Some(mark) = change_mark(c) {
                    text.push('\n');
                    text.push_str(&mark);
                }
                let mut cell = TableCell::new(text);
                if color {
                    cell = cell.fg(match c.status {
                        Decision::Allowed => Color::Green,
                        Decision::Conditional => Color::Yellow,
                        Decision::Denied => Color::Red,
                    });
                }
                row.push(cell);
            }
            table.add_row(row);
        }
        let _ = writeln!(out, "{table}");
        legend(&mut out, m, since);
    }
    out
}

fn legend(out: &mut String, m: &Matrix, since: Option<Date>) {
    out.push_str("allowed: permitted, no warning · conditional: permitted with a warning, or only in some regions · denied: not permitted · ·: the channel runs on another cloud\n");
    if let Some(since) = since {
        let _ = writeln!(
            out,
            "changed since {since}: ▲ opened (on the date shown) · ▼ closed · ~ other change"
        );
    }
    for (i, (rule, clause)) in cited(m).into_iter().enumerate() {
        let _ = if clause.is_empty() {
            writeln!(out, "[{}] {rule}", i + 1)
        } else {
            writeln!(out, "[{}] {rule}: {clause}", i + 1)
        };
    }
    out.push('\n');
}

fn markdown_status(status: Decision) -> &'static str {
    match status {
        Decision::Allowed => "✅ allowed",
        Decision::Conditional => "⚠️ conditional",
        Decision::Denied => "❌ denied",
    }
}

pub fn render_markdown(matrices: &[Matrix], as_of: Date, since: Option<Date>) -> String {
    let mut out = String::new();
    for m in matrices {
        let _ = writeln!(out, "### {}\n", md(&title(m, as_of, since)));
        let mut header = String::from("| channel |");
        let mut rule = String::from("|---|");
        for cloud in Cloud::ALL {
            let _ = write!(header, " {cloud} |");
            rule.push_str("---|");
        }
        let _ = writeln!(out, "{header}\n{rule}");
        let rules = cited(m);
        for &channel in Channel::ALL {
            let _ = write!(out, "| {channel} |");
            for &cloud in Cloud::ALL {
                match cell_at(m, channel, cloud) {
                    None => out.push_str(" · |"),
                    Some(c) => {
                        let mut text = markdown_status(c.status).to_string();
                        if let Some(n) = footnote(&rules, c) {
                            let _ = write!(text, " [{n}]");
                        }
                        if let Some(mark) = change_mark(c) {
                            let _ = write!(text, "<br>**{mark}**");
                        }
                        let _ = write!(out, " {text} |");
                    }
                }
            }
            out.push('\n');
        }
        out.push('\n');
        out.push_str("✅ permitted · ⚠️ permitted with a warning, or only in some regions · ❌ not permitted · · the channel runs on another cloud");
        if let Some(since) = since {
            let _ = write!(
                out,
                " · changed since {since}: ▲ opened (on the date shown), ▼ closed, ~ other change"
            );
        }
        out.push_str("\n\n");
        if !rules.is_empty() {
            for (i, (rule, clause)) in rules.iter().enumerate() {
                let _ = if clause.is_empty() {
                    writeln!(out, "{}. {}", i + 1, code(rule))
                } else {
                    writeln!(out, "{}. {}: {}", i + 1, code(rule), md(clause))
                };
            }
            out.push('\n');
        }
    }
    out
}

#[derive(Serialize)]
struct PathsJson<'a> {
    version: u32,
    as_of: Date,
    since: Option<Date>,
    paths: Vec<&'a Cell>,
}

pub fn render_json(matrices: &[Matrix], as_of: Date, since: Option<Date>) -> String {
    let json = PathsJson {
        version: crate::render::json::VERSION,
        as_of,
        since,
        paths: matrices.iter().flat_map(|m| &m.cells).collect(),
    };
    serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
}

/// The other permitted paths of a deployment, in the words `check`'s help uses.
fn others(r: &DeploymentPaths) -> String {
    crate::words::paths(&r.alternatives)
}

pub fn render_plan_table(plan: &str, rows: &[DeploymentPaths], width: usize) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX))
        .set_header(vec![
            "deployment",
            "path, from its start",
            "decision",
            "other paths permitted then",
        ]);
    for r in rows {
        table.add_row(vec![
            r.id.clone(),
            format!(
                "{} via {} on {}, {}",
                r.product, r.channel, r.cloud, r.start
            ),
            r.status.as_str().to_string(),
            others(r),
        ]);
    }
    let text = format!(
        "{plan}: the paths each deployment's product may take on its start date\n{table}\n"
    );
    crate::base::terminal::visible(&text).into_owned()
}

pub fn render_plan_markdown(plan: &str, rows: &[DeploymentPaths]) -> String {
    let mut out = format!(
        "### {}: permitted paths on each deployment's start date\n\n",
        md(plan)
    );
    out.push_str("| deployment | path, from its start | decision | other paths permitted then |\n|---|---|---|---|\n");
    for r in rows {
        let _ = writeln!(
            out,
            "| {} | {} {} via {} on {}, {} | {} | {} |",
            md(&r.id),
            md(&r.provider),
            md(&r.product),
            // Closed words: nothing to escape.
            r.channel,
            r.cloud,
            r.start,
            markdown_status(r.status),
            md(&others(r))
        );
    }
    out
}

#[derive(Serialize)]
struct PlanJson<'a> {
    version: u32,
    plan: &'a str,
    deployments: &'a [DeploymentPaths],
}

pub fn render_plan_json(plan: &str, rows: &[DeploymentPaths]) -> String {
    let json = PlanJson {
        version: crate::render::json::VERSION,
        plan,
        deployments: rows,
    };
    serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
}

/// Why `paths` cannot answer as asked, for stderr.
pub fn refusal(refusal: &Refusal) -> String {
    match refusal {
        Refusal::SinceAfterAsOf { since, as_of } => format!(
            "--since {since} is after the as-of date {as_of}: it compares with an earlier day (for what will change, give the later day as --as-of)"
        ),
        Refusal::Ungoverned {
            provider,
            near,
            governed,
        } => {
            let hint = match near {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the selected packs govern: {}", governed.join(", ")),
            };
            format!("no selected pack governs provider `{provider}`; {hint}")
        }
        Refusal::OtherProvidersProduct {
            product,
            owner,
            provider,
        } => format!(
            "`{product}` is a product of {owner}, not of {provider}; ask with --provider {owner}, or without --provider"
        ),
        Refusal::UnlistedProduct { product, near } => match near {
            Some(near) => format!(
                "no selected pack's catalog lists `{product}`; did you mean `{near}`? (for a product not in any catalog, name its provider with --provider)"
            ),
            None => format!(
                "no selected pack's catalog lists `{product}`: name its provider with --provider"
            ),
        },
        Refusal::NothingGoverned => "no selected pack governs any provider".to_string(),
    }
}

/// What to say about an answer that is still given, for stderr.
pub fn notice(notice: &Notice) -> String {
    match notice {
        Notice::NotInCatalog {
            product,
            provider,
            near,
        } => {
            let near = near
                .as_ref()
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            format!(
                "`{product}` is in no selected pack's catalog of {provider}'s products{near}: dates that depend on the product are not applied"
            )
        }
    }
}
