//! `report`: the HTML parses, is self-contained, escapes what the plan says, and draws the
//! timeline; the markdown report carries the same content.

// A test that fails may panic: that is how it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;

use scraper::{Html, Selector};

/// What cloudpact prints for `args`, which must exit 0.
fn cloudpact(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_cloudpact"))
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn report(plan: &str, format: &str) -> String {
    cloudpact(&["report", plan, "--format", format])
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn assert_self_contained(doc: &Html) {
    assert!(select(doc, "script").is_empty(), "a report runs no script");
    assert!(
        select(doc, "link").is_empty(),
        "a report loads no stylesheet"
    );
    assert!(select(doc, "img").is_empty(), "a report loads no image");
    for element in select(doc, "[src], [href]") {
        for attr in ["src", "href"] {
            if let Some(url) = element.value().attr(attr) {
                assert!(
                    !url.contains("://") && !url.starts_with("//"),
                    "external URL in {attr}: {url}"
                );
            }
        }
    }
    // `xmlns` is a namespace name, not a fetch; anything else with a scheme would be.
    let style: String = select(doc, "style")
        .iter()
        .map(|s| s.inner_html())
        .collect();
    assert!(!style.contains("url(http") && !style.contains("@import"));
}

#[test]
fn every_example_report_parses_and_is_self_contained() {
    for plan in [
        "examples/northwind-multicloud.plan.toml",
        "examples/harbor-bank.plan.toml",
        "examples/county-agency.plan.toml",
        "examples/every-finding.plan.toml",
        "examples/model-bakeoff.plan.toml",
    ] {
        let html = report(plan, "html");
        let doc = Html::parse_document(&html);
        assert!(doc.errors.is_empty(), "{plan}: {:?}", doc.errors);
        assert_self_contained(&doc);
        let rows = select(&doc, "h2 + table tr").len();
        assert!(rows > 1, "{plan}: no decisions table");
        let svg = select(&doc, "svg");
        assert_eq!(svg.len(), 1, "{plan}: one timeline");
        // A bar per deployment, each titled with its id and term.
        let bars = select(&doc, "svg rect title")
            .iter()
            .filter(|t| t.inner_html().contains(": term "))
            .count();
        let deployments = html.matches("<tr><td>").count();
        assert!(bars > 0 && bars <= deployments, "{plan}: {bars} bars");
    }
}

#[test]
fn the_timeline_shows_the_amendment_and_the_licence_end() {
    let html = report("examples/northwind-multicloud.plan.toml", "html");
    assert!(
        html.contains("2026-04-27"),
        "the 2026-04-27 opening is marked"
    );
    assert!(
        html.contains("2032-12-31"),
        "the 2032 licence end is marked"
    );
    // claims-triage runs to 2034, past the licence: part of its term is hatched.
    let doc = Html::parse_document(&html);
    let gaps: Vec<String> = select(&doc, "svg rect title")
        .iter()
        .map(|t| t.inner_html())
        .filter(|t| t.starts_with("not permitted"))
        .collect();
    assert!(gaps.iter().any(|g| g.contains("2033-01-01")), "{gaps:?}");
}

#[test]
fn hostile_strings_are_escaped() {
    let dir = std::env::temp_dir().join(format!("cloudpact-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("hostile.plan.toml");
    std::fs::write(
        &plan,
        r#"[plan]
organization = "<script>alert('pwned')</script> & \"Co\" <img src=https://evil.example/x.png>"
as_of = 2026-06-01

[[deployment]]
id = "x"
provider = "openai"
product = "<b>gpt-5</b>"
channel = "direct"
cloud = "aws"

[[exception]]
rule = "openai-microsoft/unknown-product"
reason = "</td></tr></table><a href=\"https://evil.example\">click</a>"
approved_by = "<i>ceo</i>"
expires = 2026-12-31
"#,
    )
    .unwrap();
    let html = report(plan.to_str().unwrap(), "html");
    let doc = Html::parse_document(&html);
    assert_self_contained(&doc);
    assert!(select(&doc, "a").is_empty());
    assert!(
        select(&doc, "b")
            .iter()
            .all(|b| !b.inner_html().contains("gpt-5"))
    );
    assert!(html.contains("&lt;script&gt;alert("), "{html}");
    assert!(!html.contains("<script>") && !html.contains("<img"));
    assert!(
        !select(&doc, "i")
            .iter()
            .any(|i| i.text().any(|t| t == "ceo"))
    );
    let title = select(&doc, "title")[0].text().collect::<String>();
    assert!(
        title.starts_with("<script>alert('pwned')</script> & \"Co\""),
        "{title}"
    );

    let md = report(plan.to_str().unwrap(), "markdown");
    assert!(!md.contains("<script>"), "markdown escapes HTML too");
    assert!(!md.contains("</table>"));
    assert_markdown_is_inert(&md);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_markdown_report_carries_the_same_content() {
    let md = report("examples/northwind-multicloud.plan.toml", "markdown");
    for section in [
        "## Summary",
        "## Decisions",
        "## Timeline",
        "## Provider × cloud",
        "## Findings",
    ] {
        assert!(md.contains(section), "missing {section}");
    }
    for id in [
        "dispatch-assistant",
        "claims-triage",
        "support-bot-aws",
        "forecast-bedrock",
    ] {
        assert!(md.contains(&format!("| {id} |")), "missing {id}");
    }
    assert!(md.contains("openai-microsoft/microsoft-licence"));
    assert!(md.contains("2032-12-31"));
}

/// Parsed as GitHub renders it, the markdown holds no link, image or HTML that the plan's
/// text could have put there, and every table row keeps its cells.
fn assert_markdown_is_inert(md: &str) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                panic!("a link or image to {dest_url} in:\n{md}")
            }
            Event::Html(html) | Event::InlineHtml(html) => panic!("HTML {html} in:\n{md}"),
            Event::Start(Tag::Strikethrough) => panic!("strikethrough from plan text in:\n{md}"),
            _ => {}
        }
    }
}

#[test]
fn plan_text_cannot_become_markdown_links_or_emphasis() {
    let dir = std::env::temp_dir().join(format!("cloudpact-md-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("md.plan.toml");
    std::fs::write(
        &plan,
        r#"[plan]
organization = "[click](javascript:alert(1)) ![x](https://evil.example/x.png) ~~gone~~ <b>x</b> & Co"
as_of = 2026-06-01

[[deployment]]
id = "x"
provider = "openai"
product = "gpt-5"
channel = "direct"
cloud = "aws"

[[exception]]
rule = "openai-microsoft/newly-permitted"
reason = "see [the letter](https://evil.example) | a pipe ` a backtick"
approved_by = "<https://evil.example>"
expires = 2026-12-31
"#,
    )
    .unwrap();
    let md = report(plan.to_str().unwrap(), "markdown");
    assert_markdown_is_inert(&md);
    // The text is still there, to be read.
    assert!(md.contains("click") && md.contains("the letter"), "{md}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `paths --plan --format markdown` escapes with the report's escaper: a plan's file name and
/// values cannot become links either.
#[test]
fn paths_for_a_plan_in_markdown_are_inert() {
    let dir = std::env::temp_dir().join(format!("cloudpact-paths-md-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("[x](https:evil.example) _a_.plan.toml");
    std::fs::write(
        &plan,
        r#"[plan]
as_of = 2026-06-01

[[deployment]]
id = "x"
provider = "openai"
product = "[gpt](https://evil.example)"
channel = "direct"
cloud = "aws"
"#,
    )
    .unwrap();
    let md = cloudpact(&[
        "paths",
        "--plan",
        plan.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert!(md.contains("gpt") && md.contains("evil.example"), "{md}");
    assert_markdown_is_inert(&md);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `report -o FILE` writes the whole report or nothing: runs racing on one file each leave
/// a complete report behind, and no temporary file is left beside it.
#[test]
fn report_output_is_written_whole_even_by_concurrent_runs() {
    let dir = std::env::temp_dir().join(format!("cloudpact-report-o-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("report.html");
    let expected = report("examples/northwind-multicloud.plan.toml", "html");
    let runs: Vec<_> = (0..12)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_cloudpact"))
                .args(["report", "examples/northwind-multicloud.plan.toml", "-o"])
                .arg(&out)
                .env_remove("RUST_BACKTRACE")
                .spawn()
                .unwrap()
        })
        .collect();
    // Read while they write: the file is either absent or a whole report.
    let mut seen = 0;
    for _ in 0..200 {
        if let Ok(text) = std::fs::read_to_string(&out) {
            assert_eq!(text, expected, "a partial report was visible");
            seen += 1;
        }
    }
    for mut run in runs {
        assert!(run.wait().unwrap().success());
    }
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        [std::ffi::OsString::from("report.html")],
        "seen {seen} reads"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
