//! `report --format html`: one self-contained page (no script, font, image or link that
//! leaves the file) for a procurement committee. Every string from a plan or pack is
//! escaped.

use std::fmt::Write as _;

use crate::briefing::Briefing;
use crate::date::{Date, Interval};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Decision;
use crate::timeline::Timeline;

/// Escape text for HTML element content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no business in a report; show that one was there.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ok: #1a7f37; --cond: #b35900; --deny: #c62828; --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1080px; margin: 0 auto; padding: 32px 28px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
h3 { font-size: 15px; margin: 22px 0 6px; }
.sub { color: var(--muted); margin: 0 0 18px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 14px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 130px; background: var(--bg); }
.card b { display: block; font-size: 24px; }
.card.allowed b { color: var(--ok); } .card.conditional b { color: var(--cond); } .card.denied b { color: var(--deny); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
.allowed, .advice { --c: var(--ok); } .conditional, .warning { --c: var(--cond); } .denied, .error { --c: var(--deny); }
.badge.allowed, .badge.advice { background: var(--ok); } .badge.conditional, .badge.warning { background: var(--cond); } .badge.denied, .badge.error { background: var(--deny); }
td.cell.allowed { background: #dafbe1; } td.cell.conditional { background: #fff1d6; } td.cell.denied { background: #ffe3e3; }
.finding { border-left: 4px solid var(--c); padding: 6px 12px; margin: 10px 0; background: var(--bg); border-radius: 0 6px 6px 0; }
.finding .code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; color: var(--muted); }
.finding p { margin: 4px 0; }
.meta { color: var(--muted); font-size: 13px; }
.waived { font-size: 13px; }
ul.sources { margin: 2px 0 0; padding-left: 18px; font-size: 12px; color: var(--muted); word-break: break-all; }
.legend span { margin-right: 16px; white-space: nowrap; }
.swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: middle; }
svg text { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
"#;

pub fn render(b: &Briefing, version: &str) -> String {
    let file = &b.report;
    let org = file.organization.as_deref().unwrap_or("Deployment plan");
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — cloudpact report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(org)
    );
    let _ = writeln!(out, "<h1>{}: AI deployment paths</h1>", esc(org));
    let packs: Vec<String> = file
        .packs
        .iter()
        .filter(|p| p.relevant)
        .map(|p| match &p.version {
            Some(v) => format!("{} {}", esc(&p.id), esc(v)),
            None => esc(&p.id),
        })
        .collect();
    let _ = writeln!(
        out,
        "<p class=\"sub\">Plan <code>{}</code> · evaluated as of <b>{}</b> · policy packs: {}</p>",
        esc(&file.source.name),
        b.as_of,
        if packs.is_empty() {
            "none".to_string()
        } else {
            packs.join(", ")
        }
    );

    summary(&mut out, b);
    decisions(&mut out, b);
    out.push_str("<h2>Timeline</h2>\n<p class=\"meta\">Each bar is a deployment's term. Green underneath: the days its path is permitted. Red hatching: days of the term with no permission. Dashed lines: the dates the agreements turn on.</p>\n");
    timeline_svg(&mut out, &b.timeline);
    matrix(&mut out, b);
    findings(&mut out, b);
    let _ = writeln!(
        out,
        "<footer>Generated by cloudpact {} from the plan and the policy packs named above. Sources are cited as the packs record them; confidence: <i>announced</i> (a company's own statement), <i>reported</i> (secondary sources only), <i>assumed</i> (uncertain; read conservatively).</footer>\n</main>\n</body>\n</html>",
        esc(version)
    );
    out
}

fn summary(out: &mut String, b: &Briefing) {
    let count = |d: Decision| {
        b.report
            .deployments
            .iter()
            .filter(|r| r.decision == d)
            .count()
    };
    let sev = |s: Severity| {
        b.report
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    out.push_str("<h2>Summary</h2>\n<div class=\"cards\">\n");
    let deployments = b.report.deployments.len();
    let _ = writeln!(
        out,
        "<div class=\"card\"><b>{deployments}</b>{}</div>",
        if deployments == 1 {
            "deployment"
        } else {
            "deployments"
        }
    );
    for d in [Decision::Allowed, Decision::Conditional, Decision::Denied] {
        let _ = writeln!(
            out,
            "<div class=\"card {0}\"><b>{1}</b>{0}</div>",
            d.as_str(),
            count(d)
        );
    }
    let errors = sev(Severity::Error);
    let _ = writeln!(
        out,
        "<div class=\"card\"><b>{errors}</b>{} · {} · {} advice</div>",
        if errors == 1 { "error" } else { "errors" },
        crate::report::plural(sev(Severity::Warning), "warning", "warnings"),
        sev(Severity::Advice)
    );
    out.push_str("</div>\n");
}

fn badge(class: &str) -> String {
    format!("<span class=\"badge {class}\">{class}</span>")
}

fn decisions(out: &mut String, b: &Briefing) {
    out.push_str("<h2>Decisions</h2>\n<table>\n<tr><th>deployment</th><th>provider and product</th><th>channel and cloud</th><th>term</th><th>decision</th><th>findings</th></tr>\n");
    for d in &b.report.deployments {
        let region = d
            .region
            .as_deref()
            .map(|r| format!(" ({})", esc(r)))
            .unwrap_or_default();
        let end = d
            .end
            .map_or_else(|| "no end".to_string(), |e| e.to_string());
        let findings: Vec<String> = b
            .report
            .diagnostics
            .iter()
            .filter(|f| f.deployment.as_deref() == Some(d.id.as_str()))
            .map(|f| format!("<code>{}</code>", esc(&f.code)))
            .collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{} {}</td><td>{} on {}{region}</td><td>{} to {end}</td><td>{}</td><td>{}</td></tr>",
            esc(&d.id),
            esc(&d.provider),
            esc(&d.product),
            esc(&d.channel),
            esc(&d.cloud),
            d.start,
            badge(d.decision.as_str()),
            if findings.is_empty() {
                "—".to_string()
            } else {
                findings.join(" ")
            }
        );
    }
    out.push_str("</table>\n");
}

fn matrix(out: &mut String, b: &Briefing) {
    let _ = writeln!(
        out,
        "<h2>Provider × cloud on {}</h2>\n<p class=\"meta\">For each provider in the plan, the best way onto each cloud on the as-of date, for any product, and the channels that give it.</p>",
        b.as_of
    );
    out.push_str("<table>\n<tr><th>provider</th>");
    for cloud in crate::vocab::CLOUDS {
        let _ = write!(out, "<th>{cloud}</th>");
    }
    out.push_str("</tr>\n");
    for row in &b.matrix {
        let governed = match &row.governed_by {
            Some(pack) => format!("<div class=\"meta\">governed by {}</div>", esc(pack)),
            None => "<div class=\"meta\">no pack governs it</div>".to_string(),
        };
        let _ = write!(out, "<tr><td><b>{}</b>{governed}</td>", esc(&row.provider));
        for cell in &row.cells {
            let channels = if cell.channels.is_empty() {
                String::new()
            } else {
                format!(
                    "<div class=\"meta\">via {}</div>",
                    esc(&cell.channels.join(", "))
                )
            };
            let rule = cell
                .rule
                .as_deref()
                .map(|r| format!("<div class=\"meta\"><code>{}</code></div>", esc(r)))
                .unwrap_or_default();
            let products = if cell.products.is_empty() {
                String::new()
            } else {
                format!(
                    "<div class=\"meta\">for {}</div>",
                    esc(&cell.products.join(", "))
                )
            };
            let _ = write!(
                out,
                "<td class=\"cell {0}\"><b>{0}</b>{products}{channels}{rule}</td>",
                cell.status.as_str()
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n<p class=\"legend meta\"><span><i class=\"swatch\" style=\"background:#dafbe1\"></i>allowed: permitted</span><span><i class=\"swatch\" style=\"background:#fff1d6\"></i>conditional: permitted with a warning, or only in some regions</span><span><i class=\"swatch\" style=\"background:#ffe3e3\"></i>denied: no permitted path</span></p>\n");
}

fn findings(out: &mut String, b: &Briefing) {
    out.push_str("<h2>Findings</h2>\n");
    if b.report.diagnostics.is_empty() {
        out.push_str("<p>No findings.</p>\n");
        return;
    }
    let mut groups: Vec<(Option<&str>, Vec<&Diagnostic>)> = Vec::new();
    for d in &b.report.diagnostics {
        match groups
            .iter_mut()
            .find(|(id, _)| *id == d.deployment.as_deref())
        {
            Some((_, list)) => list.push(d),
            None => groups.push((d.deployment.as_deref(), vec![d])),
        }
    }
    for (deployment, list) in groups {
        let _ = writeln!(
            out,
            "<h3>{}</h3>",
            deployment.map_or_else(|| "The plan's exceptions".to_string(), esc)
        );
        for d in list {
            finding(out, b, d);
        }
    }
}

fn finding(out: &mut String, b: &Briefing, d: &Diagnostic) {
    let severity = d.severity.as_str();
    let line = d
        .primary_span()
        .map(|s| format!(" · line {}", b.report.source.line_col(s.start).0))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<div class=\"finding {severity}\">\n<p>{} <span class=\"code\">{}{line}</span></p>\n<p>{}</p>",
        badge(severity),
        esc(&d.code),
        esc(&d.message)
    );
    if let Some(help) = &d.help {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", esc(help));
    }
    if let Some(w) = &d.waived {
        let _ = writeln!(
            out,
            "<p class=\"waived\">Waived ({} before): {}.</p>",
            w.severity,
            esc(&w.describe())
        );
    }

    let mut meta = Vec::new();
    if let Some(clause) = &d.clause {
        meta.push(format!("clause: {}", esc(clause)));
    }
    if let Some(c) = d.confidence {
        meta.push(format!("confidence: {}", c.as_str()));
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    }
    if !d.sources.is_empty() {
        out.push_str("<ul class=\"sources\">");
        for s in &d.sources {
            let _ = write!(out, "<li>{}</li>", esc(s));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</div>\n");
}

/// The timeline as inline SVG: years along the top, a row per deployment, the granted days
/// under each term, the decisive dates as dashed lines with numbered labels.
fn timeline_svg(out: &mut String, t: &Timeline) {
    let range = t.range();
    let label_w = 200.0;
    let plot_w = 820.0;
    let top = 58.0;
    let row_h = 44.0;
    let width = label_w + plot_w + 20.0;
    let rows_h = row_h * t.rows.len() as f64;
    let height = top + rows_h + 24.0;
    let span = days_between(range.start, range.end).max(1) as f64;
    let x = |d: Date| {
        let d = d.clamp(range.start, range.end);
        label_w + plot_w * days_between(range.start, d) as f64 / span
    };
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"Timeline of deployment terms against the permitted windows\">"
    );
    out.push_str("<defs><pattern id=\"gap\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffe3e3\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#c62828\" stroke-width=\"3\"/></pattern></defs>\n");
    // Year ticks.
    let mut year = range.start.year();
    while year <= range.end.year() {
        if let Ok(jan) = Date::new(year, 1, 1) {
            let px = x(jan);
            let _ = writeln!(
                out,
                "<line x1=\"{px:.1}\" y1=\"{}\" x2=\"{px:.1}\" y2=\"{}\" stroke=\"#eaeef2\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"11\" fill=\"#59636e\">{year}</text>",
                top - 6.0,
                top + rows_h,
                px + 3.0,
                top - 10.0
            );
        }
        year += 1;
    }
    // Decisive dates: dashed lines numbered at the top.
    for (i, m) in t.markers.iter().enumerate() {
        let px = x(m.date);
        let _ = writeln!(
            out,
            "<line x1=\"{px:.1}\" y1=\"{}\" x2=\"{px:.1}\" y2=\"{}\" stroke=\"#8250df\" stroke-dasharray=\"4 3\"/><circle cx=\"{px:.1}\" cy=\"{}\" r=\"8\" fill=\"#8250df\"/><text x=\"{px:.1}\" y=\"{}\" font-size=\"10\" fill=\"#fff\" text-anchor=\"middle\">{}</text>",
            top - 30.0,
            top + rows_h,
            top - 36.0,
            top - 32.5,
            i + 1
        );
    }
    // As-of date.
    let now = x(t.as_of);
    let _ = writeln!(
        out,
        "<line x1=\"{now:.1}\" y1=\"{}\" x2=\"{now:.1}\" y2=\"{}\" stroke=\"#0969da\" stroke-width=\"2\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"11\" fill=\"#0969da\">as of {}</text>",
        top - 4.0,
        top + rows_h + 4.0,
        now + 4.0,
        top + rows_h + 16.0,
        t.as_of
    );
    for (i, row) in t.rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let (color, fill) = match row.decision {
            Decision::Allowed => ("#1a7f37", "#2da44e"),
            Decision::Conditional => ("#b35900", "#d4a72c"),
            Decision::Denied => ("#c62828", "#e5534b"),
        };
        let _ = writeln!(
            out,
            "<text x=\"4\" y=\"{:.1}\" font-size=\"12\" font-weight=\"600\" fill=\"#1f2328\">{}</text><text x=\"4\" y=\"{:.1}\" font-size=\"10\" fill=\"#59636e\">{}</text>",
            y + 17.0,
            esc(&clip(&row.id, 30)),
            y + 31.0,
            esc(&clip(&row.path, 36))
        );
        let term_end = if row.term.open_end() {
            range.end
        } else {
            row.term.end
        };
        let (x0, x1) = (x(row.term.start), x(term_end).max(x(row.term.start) + 2.0));
        // Permitted days under the bar.
        if row.governed {
            for g in row.permitted.intervals() {
                if let Some(visible) = g.intersect(&range) {
                    let (g0, g1) = (x(visible.start), x(visible.end).max(x(visible.start) + 1.0));
                    let _ = writeln!(
                        out,
                        "<rect x=\"{g0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"5\" fill=\"#2da44e\" opacity=\"0.85\"><title>permitted {}</title></rect>",
                        y + 28.0,
                        g1 - g0,
                        esc(&g.to_string())
                    );
                }
            }
        }
        let _ = writeln!(
            out,
            "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"16\" rx=\"3\" fill=\"{fill}\" stroke=\"{color}\"><title>{}: term {} to {}, {}</title></rect>",
            y + 8.0,
            x1 - x0,
            esc(&row.id),
            row.term.start,
            if row.term.open_end() {
                "no end".to_string()
            } else {
                row.term.end.to_string()
            },
            row.decision.as_str()
        );
        // Days of the term that are not permitted, hatched over the bar.
        if row.governed {
            let visible_term = Interval {
                start: row.term.start,
                end: term_end,
            };
            for gap in row.permitted.gaps_within(&visible_term) {
                let (g0, g1) = (x(gap.start), x(gap.end).max(x(gap.start) + 2.0));
                let _ = writeln!(
                    out,
                    "<rect x=\"{g0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"16\" fill=\"url(#gap)\" opacity=\"0.9\"><title>not permitted {}</title></rect>",
                    y + 8.0,
                    g1 - g0,
                    esc(&gap.to_string())
                );
            }
        }
        if row.term.open_end() {
            let _ = writeln!(
                out,
                "<path d=\"M{:.1} {:.1} l8 8 l-8 8 z\" fill=\"{fill}\"><title>no end date</title></path>",
                x1,
                y + 8.0
            );
        }
        for (expires, code) in &row.exceptions {
            let ex = x(*expires);
            let _ = writeln!(
                out,
                "<path d=\"M{ex:.1} {:.1} l5 5 l-5 5 l-5 -5 z\" fill=\"#1f2328\"><title>exception for {} expires {expires}</title></path>",
                y + 11.0,
                esc(code)
            );
        }
    }
    out.push_str("</svg>\n");
    // The numbered dates, spelled out.
    if !t.markers.is_empty() {
        out.push_str(
            "<table class=\"meta\"><tr><th>#</th><th>date</th><th>what happens</th></tr>\n",
        );
        for (i, m) in t.markers.iter().enumerate() {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                i + 1,
                m.date,
                esc(&m.label)
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("<p class=\"legend meta\"><span><i class=\"swatch\" style=\"background:#2da44e\"></i>term, allowed</span><span><i class=\"swatch\" style=\"background:#d4a72c\"></i>term, conditional</span><span><i class=\"swatch\" style=\"background:#e5534b\"></i>term, denied</span><span><i class=\"swatch\" style=\"background:#2da44e;height:4px\"></i>permitted days</span><span><i class=\"swatch\" style=\"background:repeating-linear-gradient(45deg,#c62828 0 3px,#ffe3e3 3px 6px)\"></i>term without permission</span><span>◆ exception expires</span><span>▶ no end date</span></p>\n");
}

fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |span| i64::from(span.get_days()))
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut clipped: String = text.chars().take(max.saturating_sub(1)).collect();
        clipped.push('…');
        clipped
    }
}
