//! `report --format markdown`: the HTML report's content as markdown tables.

use std::fmt::Write as _;

use crate::engine::Decision;
use crate::render::escape::{markdown as md, markdown_code as code};
use crate::view::briefing::Briefing;

fn mark(d: Decision) -> &'static str {
    match d {
        Decision::Allowed => "✅ allowed",
        Decision::Conditional => "⚠️ conditional",
        Decision::Denied => "❌ denied",
    }
}

pub fn render(b: &Briefing) -> String {
    let file = &b.report;
    let org = file.organization.as_deref().unwrap_or("Deployment plan");
    let mut out = String::new();
    let _ = writeln!(out, "# {}: AI deployment paths\n", md(org));
    let packs: Vec<String> = file
        .packs
        .iter()
        .filter(|p| p.relevant)
        .map(|p| {
            format!("{} {}", md(&p.id), md(p.version.as_deref().unwrap_or("")))
                .trim()
                .to_string()
        })
        .collect();
    let _ = writeln!(
        out,
        "Plan {}, evaluated as of **{}** against {}.\n",
        code(&file.source.name),
        b.as_of,
        if packs.is_empty() {
            "no pack".to_string()
        } else {
            packs.join(", ")
        }
    );

    let count = |d: Decision| file.deployments.iter().filter(|r| r.decision == d).count();
    let _ = writeln!(
        out,
        "## Summary\n\n{} deployments: {} allowed, {} conditional, {} denied.\n",
        file.deployments.len(),
        count(Decision::Allowed),
        count(Decision::Conditional),
        count(Decision::Denied)
    );

    out.push_str("## Decisions\n\n| deployment | provider and product | channel and cloud | term | decision |\n|---|---|---|---|---|\n");
    for d in &file.deployments {
        let region = d
            .region
            .as_deref()
            .map(|r| format!(" ({})", md(r)))
            .unwrap_or_default();
        let end = d
            .end
            .map_or_else(|| "no end".to_string(), |e| e.to_string());
        let _ = writeln!(
            out,
            "| {} | {} {} | {} on {}{region} | {} to {end} | {} |",
            md(&d.id),
            md(&d.provider),
            md(&d.product),
            // Closed words: nothing to escape.
            d.channel,
            d.cloud,
            d.start,
            mark(d.decision)
        );
    }

    out.push_str("\n## Timeline\n\n| deployment | term | permitted | not permitted in the term |\n|---|---|---|---|\n");
    for row in &b.timeline.rows {
        let term = if row.term.open_end() {
            format!("{} to no end", row.term.start)
        } else {
            format!("{} to {}", row.term.start, row.term.end)
        };
        let granted: Vec<String> = row
            .permitted
            .intervals()
            .iter()
            .map(|g| g.to_string())
            .collect();
        let gaps: Vec<String> = row
            .permitted
            .gaps_within(&row.term)
            .iter()
            .map(|g| g.to_string())
            .collect();
        let _ = writeln!(
            out,
            "| {} | {term} | {} | {} |",
            md(&row.id),
            if !row.governed {
                "no pack governs the provider".to_string()
            } else if granted.is_empty() {
                "never".to_string()
            } else {
                granted.join("; ")
            },
            if gaps.is_empty() || !row.governed {
                "—".to_string()
            } else {
                gaps.join("; ")
            }
        );
    }
    if !b.timeline.markers.is_empty() {
        out.push_str("\n| date | what happens |\n|---|---|\n");
        for m in &b.timeline.markers {
            let _ = writeln!(out, "| {} | {} |", m.date, md(&m.label));
        }
    }

    let _ = write!(out, "\n## Provider × cloud on {}\n\n| provider |", b.as_of);
    for cloud in crate::base::vocab::Cloud::ALL {
        let _ = write!(out, " {cloud} |");
    }
    out.push_str("\n|---|");
    for _ in crate::base::vocab::Cloud::ALL {
        out.push_str("---|");
    }
    out.push('\n');
    for row in &b.matrix {
        let _ = write!(out, "| {} |", md(&row.provider));
        for cell in &row.cells {
            let via = if cell.channels.is_empty() {
                String::new()
            } else {
                format!(" via {}", md(&crate::words::list(&cell.channels)))
            };
            let products = if cell.products.is_empty() {
                String::new()
            } else {
                format!(" for {}", md(&cell.products.join(", ")))
            };
            let _ = write!(out, " {}{products}{via} |", mark(cell.status));
        }
        out.push('\n');
    }

    out.push_str("\n## Findings\n\n");
    if file.diagnostics.is_empty() {
        out.push_str("No findings.\n");
    } else {
        out.push_str("| deployment | severity | code | finding | clause | confidence | sources |\n|---|---|---|---|---|---|---|\n");
        for d in &file.diagnostics {
            let mut text = md(&d.message);
            if let Some(help) = &d.help {
                let _ = write!(text, " — {}", md(help));
            }
            if let Some(w) = &d.waived {
                let _ = write!(text, " — waived: {}", md(&w.describe()));
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                md(d.deployment.as_deref().unwrap_or("(plan)")),
                d.severity.as_str(),
                code(&d.code),
                text,
                md(d.clause.as_deref().unwrap_or("—")),
                d.confidence.map_or("—", |c| c.as_str()),
                md(&d.sources.join("; "))
            );
        }
    }
    out
}
