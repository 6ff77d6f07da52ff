//! The CI formats against their real consumers: SARIF against the official OASIS schema,
//! GitHub workflow commands against hostile strings, JUnit through an XML parser.

// A test that fails may panic: that is how it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn check(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_cloudpact"))
        .arg("check")
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

/// A plan whose every free string tries to forge output.
fn hostile_plan() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudpact-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hostile,name:x.plan.toml");
    std::fs::write(
        &path,
        r#"[plan]
organization = "::error file=forged.toml,line=1::organisation"
as_of = 2026-06-01

[[deployment]]
id = "d1"
provider = "openai"
product = "gpt-5 ::error::product"
channel = "direct"
cloud = "aws"
start = 2026-03-01

[[deployment]]
id = "d2"
provider = "cohere"
product = "evil%0A::warning::product"
channel = "direct"
cloud = "aws"

[[exception]]
rule = "openai-microsoft/not-yet-permitted"
deployments = ["d1"]
reason = "line one\r\n::error file=forged.toml,line=9::forged annotation </failure><injected/> ]]> 100%"
approved_by = "a,b:c"
expires = 2026-12-31
"#,
    )
    .unwrap();
    path
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let text = std::fs::read_to_string("tests/fixtures/sarif-schema-2.1.0.json").unwrap();
    // The official schema's `run.language` pattern has a stray `]`, a literal in ECMAScript
    // regexes but an error to this validator's engine. Escaping it accepts the same strings
    // (and cloudpact writes no `language`); nothing else of the schema is touched.
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(
        text.contains(stray),
        "the vendored schema changed: revisit this workaround"
    );
    let text = text.replace(stray, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let hostile = hostile_plan();
    for args in [
        vec!["examples/every-finding.plan.toml"],
        vec!["examples/"],
        vec![hostile.to_str().unwrap()],
        vec!["tests/cmd/load/plan-several-errors.in/bad.plan.toml"],
    ] {
        let mut all = args.clone();
        all.extend(["--format", "sarif"]);
        let (out, _) = check(&all);
        let sarif: Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");

        let run = &sarif["runs"][0];
        let rules: Vec<&str> = run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        let unique: std::collections::BTreeSet<&&str> = rules.iter().collect();
        assert_eq!(unique.len(), rules.len(), "one rule per code");
        for result in run["results"].as_array().unwrap() {
            let id = result["ruleId"].as_str().unwrap();
            assert!(rules.contains(&id), "{id} has a rule in tool.driver.rules");
            assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
            let region = &result["locations"][0]["physicalLocation"]["region"];
            if !region.is_null() {
                assert!(region["startLine"].as_u64().unwrap() >= 1);
                assert!(region["startColumn"].as_u64().unwrap() >= 1);
                assert!(region["byteOffset"].is_u64() && region["byteLength"].is_u64());
            }
        }
    }
}

#[test]
fn sarif_results_point_at_the_plan_lines_and_rules_cite_their_clause() {
    let (out, code) = check(&["examples/every-finding.plan.toml", "--format", "sarif"]);
    assert_eq!(code, 1);
    let sarif: Value = serde_json::from_str(&out).unwrap();
    let run = &sarif["runs"][0];
    let early = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "openai-microsoft/not-yet-permitted")
        .unwrap();
    let location = &early["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "examples/every-finding.plan.toml"
    );
    assert_eq!(location["region"]["startLine"], 30);
    assert_eq!(location["region"]["startColumn"], 9);
    let rule = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "openai-microsoft/bedrock-preview")
        .unwrap();
    let help = rule["help"]["text"].as_str().unwrap();
    assert!(
        help.contains("Clause: Amazon Bedrock availability"),
        "{help}"
    );
    assert!(help.contains("Sources:"), "{help}");
    // A waived finding is a suppressed note.
    let waived = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "acme/no-oracle")
        .unwrap();
    assert_eq!(waived["level"], "note");
    assert_eq!(waived["suppressions"][0]["kind"], "external");
}

/// What code scanning needs to track an alert: a fingerprint without the line, a default
/// level and a help page for every rule, relative URIs against `%SRCROOT%` (absolute names
/// under the working directory made relative), and no advice unless asked.
#[test]
fn sarif_is_what_code_scanning_tracks() {
    let results_of = |args: &[&str]| -> (Value, Vec<Value>) {
        let (out, _) = check(args);
        let sarif: Value = serde_json::from_str(&out).unwrap();
        let results = sarif["runs"][0]["results"].as_array().unwrap().clone();
        (sarif, results)
    };
    let (sarif, results) = results_of(&["examples/every-finding.plan.toml", "--format", "sarif"]);
    let run = &sarif["runs"][0];
    assert!(run["originalUriBaseIds"]["%SRCROOT%"].is_object());
    // Every rule a result names has a default level (an informational clause, which no
    // result names, has none).
    for result in &results {
        let rule = run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == result["ruleId"])
            .unwrap();
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level), "{rule}");
        assert!(rule["properties"]["cloudpact-default-level"].is_null());
    }
    let own = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "openai-microsoft/not-yet-permitted")
        .unwrap();
    assert_eq!(
        own["helpUri"],
        "https://github.com/cloudpact/cloudpact/blob/main/docs/codes.md#not-yet-permitted"
    );
    let licence = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "openai-microsoft/bedrock-preview")
        .unwrap();
    assert!(licence["helpUri"].as_str().unwrap().starts_with("https://"));
    for result in &results {
        let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(location["uriBaseId"], "%SRCROOT%");
        assert_eq!(location["uri"], "examples/every-finding.plan.toml");
        // Rule, file and deployment: no line, so it survives lines moving.
        let fingerprint = result["partialFingerprints"]["cloudpact/finding/v1"]
            .as_str()
            .unwrap();
        if let Some(deployment) = result["properties"]["deployment"].as_str() {
            assert_eq!(
                fingerprint,
                format!(
                    "{}|examples/every-finding.plan.toml|{deployment}",
                    result["ruleId"].as_str().unwrap()
                )
            );
        }
        // Advice is left out unless it is a waived finding.
        assert!(
            result["level"] != "note" || result["suppressions"].is_array(),
            "{result}"
        );
    }
    let fingerprints: std::collections::BTreeSet<&str> = results
        .iter()
        .map(|r| {
            r["partialFingerprints"]["cloudpact/finding/v1"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        fingerprints.len(),
        results.len(),
        "one fingerprint a finding"
    );

    // Asked for, advice is written too.
    let (_, with_advice) = results_of(&[
        "examples/every-finding.plan.toml",
        "--format",
        "sarif",
        "--sarif-advice",
    ]);
    assert!(with_advice.len() > results.len());
    assert!(
        with_advice
            .iter()
            .any(|r| r["level"] == "note" && r["suppressions"].is_null())
    );

    // An absolute name under the working directory is written relative to it.
    let absolute = std::env::current_dir()
        .unwrap()
        .join("examples/every-finding.plan.toml");
    let (_, absolute) = results_of(&[absolute.to_str().unwrap(), "--format", "sarif"]);
    let location = &absolute[0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "examples/every-finding.plan.toml");
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    // …and its findings keep the fingerprints they have when it is named relatively.
    assert_eq!(
        absolute[0]["partialFingerprints"],
        results[0]["partialFingerprints"]
    );
    // One outside it is a file URI of its own.
    let (_, outside) = results_of(&[hostile_plan().to_str().unwrap(), "--format", "sarif"]);
    let location = &outside[0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(
        location["uri"].as_str().unwrap().starts_with("file:///"),
        "{location}"
    );
    assert!(location["uriBaseId"].is_null());
}

#[test]
fn github_commands_cannot_be_forged() {
    let hostile = hostile_plan();
    let (out, code) = check(&[hostile.to_str().unwrap(), "--format", "github"]);
    // The hostile product is not in the catalog: refused (exit 1), its text still inert.
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let (summary, commands) = lines.split_last().unwrap();
    assert!(summary.starts_with("cloudpact: "), "{summary}");
    assert!(!commands.is_empty());
    for line in commands {
        let (head, data) = line
            .split_once("::")
            .map(|(_, rest)| rest.split_once("::").unwrap())
            .unwrap();
        let (command, properties) = head.split_once(' ').unwrap();
        assert!(["error", "warning", "notice"].contains(&command), "{line}");
        // Properties are name=value pairs; an escaped value holds no `,` or `:`.
        for property in properties.split(',') {
            let (name, value) = property.split_once('=').unwrap();
            assert!(
                ["file", "line", "col", "endLine", "endColumn", "title"].contains(&name),
                "{line}"
            );
            assert!(!value.contains(':') && !value.contains(','), "{line}");
        }
        assert!(!data.contains('\r') && !data.contains('\n'));
        assert_eq!(properties.matches("file=").count(), 1);
    }
    assert!(
        out.contains("file=") && out.contains("hostile%2Cname%3Ax.plan.toml"),
        "the file name is escaped"
    );
    assert!(
        out.contains("line one ::error file=forged.toml"),
        "the reason is data, on one line"
    );
    assert!(
        !out.contains("\n::error file=forged.toml"),
        "no forged command starts a line"
    );
    assert!(out.contains("100%25"));

    // A line break or control character in one-line text is refused at the door, and the
    // refusal forges nothing either.
    let refused = hostile.with_file_name("refused.plan.toml");
    let text = std::fs::read_to_string(&hostile).unwrap().replace(
        "gpt-5 ::error::product",
        "gpt-5\\n::error::product\\u001b[2J",
    );
    std::fs::write(&refused, text).unwrap();
    let (out, code) = check(&[refused.to_str().unwrap(), "--format", "github"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("title=schema/invalid"), "{out}");
    assert!(!out.contains('\u{1b}'), "{out}");
    for line in out.lines() {
        assert!(
            line.starts_with("::error file=") || line.starts_with("cloudpact: "),
            "{line}"
        );
    }
}

#[test]
fn junit_is_well_formed_xml_with_a_case_per_deployment() {
    let hostile = hostile_plan();
    for (args, files) in [
        (vec!["examples/"], 5),
        (vec![hostile.to_str().unwrap()], 1),
        (
            vec![
                "examples/every-finding.plan.toml",
                "tests/cmd/load/plan-several-errors.in/bad.plan.toml",
            ],
            2,
        ),
    ] {
        let mut all = args.clone();
        all.extend(["--format", "junit"]);
        let (out, _) = check(&all);
        let doc =
            roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        let suites: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name("testsuite"))
            .collect();
        assert_eq!(suites.len(), files, "{args:?}");
        for suite in &suites {
            let cases = suite
                .children()
                .filter(|n| n.has_tag_name("testcase"))
                .count();
            assert_eq!(
                suite.attribute("tests").unwrap().parse::<usize>().unwrap(),
                cases
            );
            let failures = suite
                .children()
                .filter(|n| {
                    n.has_tag_name("testcase") && n.children().any(|c| c.has_tag_name("failure"))
                })
                .count();
            assert_eq!(
                suite
                    .attribute("failures")
                    .unwrap()
                    .parse::<usize>()
                    .unwrap(),
                failures
            );
        }
    }
    let (out, _) = check(&["examples/every-finding.plan.toml", "--format", "junit"]);
    let doc = roxmltree::Document::parse(&out).unwrap();
    let denied: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase") && n.children().any(|c| c.has_tag_name("failure")))
        .map(|n| n.attribute("name").unwrap())
        .collect();
    assert_eq!(denied, vec!["early-aws", "gpt5-onprem", "typo", "[plan]"]);
    let hostile_out = check(&[hostile.to_str().unwrap(), "--format", "junit"]).0;
    let doc = roxmltree::Document::parse(&hostile_out).unwrap();
    assert!(
        doc.descendants().all(|n| !n.has_tag_name("injected")),
        "no element can be injected"
    );
}

/// What Jenkins' schema (the xunit plugin's `junit-10.xsd`, vendored in `tests/fixtures`)
/// declares of each element: the attributes it allows, those it requires, and the elements it
/// may hold. Read from the schema itself, so a change there is a change here.
struct JunitSchema {
    elements: std::collections::BTreeMap<String, Declared>,
}

#[derive(Default)]
struct Declared {
    attributes: Vec<String>,
    required: Vec<String>,
    children: Vec<String>,
}

impl JunitSchema {
    fn load() -> JunitSchema {
        let text = std::fs::read_to_string("tests/fixtures/junit-10.xsd").unwrap();
        let xsd = roxmltree::Document::parse(&text).unwrap();
        let top_level = xsd
            .root_element()
            .children()
            .filter(|n| n.has_tag_name("element") && n.attribute("name").is_some());
        let mut elements = std::collections::BTreeMap::new();
        for element in top_level {
            let mut declared = Declared::default();
            for node in element.descendants().skip(1) {
                if node.has_tag_name("attribute") {
                    let name = node.attribute("name").unwrap().to_string();
                    if node.attribute("use") == Some("required") {
                        declared.required.push(name.clone());
                    }
                    declared.attributes.push(name);
                } else if node.has_tag_name("element") {
                    let child = node.attribute("ref").or(node.attribute("name")).unwrap();
                    declared.children.push(child.to_string());
                }
            }
            elements.insert(element.attribute("name").unwrap().to_string(), declared);
        }
        JunitSchema { elements }
    }

    /// Where `xml` breaks the schema: an undeclared element, attribute or child, or a missing
    /// required attribute.
    fn violations(&self, xml: &str) -> Vec<String> {
        let doc = roxmltree::Document::parse(xml).unwrap();
        let mut found = Vec::new();
        for node in doc.descendants().filter(roxmltree::Node::is_element) {
            let name = node.tag_name().name();
            let Some(declared) = self.elements.get(name) else {
                found.push(format!("<{name}> is not declared"));
                continue;
            };
            for attribute in node.attributes() {
                if !declared.attributes.iter().any(|a| a == attribute.name()) {
                    found.push(format!(
                        "<{name}> has {}, which it does not allow",
                        attribute.name()
                    ));
                }
            }
            for required in &declared.required {
                if node.attribute(required.as_str()).is_none() {
                    found.push(format!("<{name}> lacks {required}"));
                }
            }
            for child in node.children().filter(roxmltree::Node::is_element) {
                let child = child.tag_name().name();
                if !declared.children.iter().any(|c| c == child) {
                    found.push(format!("<{name}> holds <{child}>, which it does not allow"));
                }
            }
        }
        found
    }
}

#[test]
fn junit_follows_jenkins_schema() {
    let schema = JunitSchema::load();
    // The check checks: the schema forbids `skipped` on the root, as it did to cloudpact.
    assert_eq!(
        schema.violations(r#"<testsuites skipped="0"><testsuite name="a" tests="0" failures="0" errors="0"/></testsuites>"#),
        ["<testsuites> has skipped, which it does not allow"]
    );
    let hostile = hostile_plan();
    for args in [
        vec!["examples/"],
        vec![hostile.to_str().unwrap()],
        vec!["tests/cmd/load/plan-several-errors.in/bad.plan.toml"],
        vec!["examples/every-finding.plan.toml", "--deny-warnings"],
    ] {
        let mut all = args.clone();
        all.extend(["--format", "junit"]);
        let (out, _) = check(&all);
        let violations = schema.violations(&out);
        assert!(violations.is_empty(), "{args:?}: {violations:#?}");
    }
}

/// XML 1.0 forbids U+FFFE, U+FFFF and most C0 controls anywhere in a document, escaped or
/// not: from a file name, a key or a plan's text they would make the JUnit unreadable.
#[test]
fn junit_stays_well_formed_whatever_characters_the_names_hold() {
    let dir = std::env::temp_dir().join(format!("cloudpact-junit-chars-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // One plan that parses (odd id and product), one that does not (a control in a string).
    std::fs::write(
        dir.join("odd\u{FFFE}.plan.toml"),
        "[plan]\nas_of = 2026-06-01\n[[deployment]]\nid = \"a\u{FFFE}b\"\nprovider = \"openai\"\nproduct = \"gpt-5\u{FFFF}\"\nchannel = \"direct\"\ncloud = \"aws\"\n\"k\u{FFFE}\" = 1\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("broken\u{FFFF}.plan.toml"),
        "[plan]\nas_of = 2026-06-01\norganization = \"x\u{1}\u{FFFE}\"\n",
    )
    .unwrap();
    let (out, code) = check(&[dir.to_str().unwrap(), "--format", "junit"]);
    assert_eq!(code, 2);
    let doc = roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    let suites = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .count();
    assert_eq!(suites, 2, "{out}");
    assert!(
        out.contains('\u{FFFD}'),
        "the forbidden characters are replaced, not dropped"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn no_format_prints_a_line_a_ci_log_would_take_for_a_workflow_command() {
    let hostile = hostile_plan();
    // A reason long enough to wrap, with a command-shaped word that could land at a line's
    // start, and one written over several lines.
    let wrapped = hostile.with_file_name("wrapped.plan.toml");
    let mut text = std::fs::read_to_string(&hostile).unwrap();
    text = text.replace(
        "reason = \"line one",
        "reason = \"words words words words words words words words words words words ::error::one words words words words words words words words words words words words words words ::error::two \\n::error::three",
    );
    std::fs::write(&wrapped, text).unwrap();
    for plan in [&hostile, &wrapped] {
        for format in ["human", "junit", "json", "sarif"] {
            let (out, _) = check(&[plan.to_str().unwrap(), "--format", format]);
            let forged: Vec<&str> = out
                .lines()
                .filter(|l| l.trim_start().starts_with("::"))
                .collect();
            assert!(forged.is_empty(), "{format}: {forged:?}");
        }
    }
}

#[test]
fn junit_fails_a_case_for_a_warning_under_deny_warnings_as_the_exit_code_does() {
    // Only warnings: a term past Microsoft's licence, and an unknown product.
    let dir = std::env::temp_dir().join(format!("cloudpact-junit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("warnings.plan.toml");
    std::fs::write(
        &plan,
        r#"[plan]
as_of = 2026-06-01

[[deployment]]
id = "long-azure"
provider = "openai"
product = "gpt-4o"
channel = "azure-foundry"
start = 2026-06-01
end = 2034-06-01
"#,
    )
    .unwrap();
    let failures = |out: &str| {
        let doc = roxmltree::Document::parse(out).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count()
    };
    let (out, code) = check(&[plan.to_str().unwrap(), "--format", "junit"]);
    assert_eq!((code, failures(&out)), (0, 0), "{out}");
    let (out, code) = check(&[
        plan.to_str().unwrap(),
        "--format",
        "junit",
        "--deny-warnings",
    ]);
    assert_eq!((code, failures(&out)), (1, 1), "{out}");
    assert!(out.contains("openai-microsoft/microsoft-licence"), "{out}");
}

/// SARIF's byte offsets count the file's bytes: a byte-order mark, which columns skip,
/// still moves them.
#[test]
fn sarif_byte_offsets_count_a_byte_order_mark() {
    let dir = std::env::temp_dir().join(format!("cloudpact-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("bom.plan.toml");
    let text = "\u{feff}[plan]\r\nas_of = 2026-06-01\r\n\r\n[[deployment]]\r\nid = \"x\"\r\nprovider = \"openai\"\r\nproduct = \"gpt-5\"\r\nchannel = \"self-hosted\"\r\ncloud = \"aws\"\r\n";
    std::fs::write(&plan, text).unwrap();
    let (out, _) = check(&[plan.to_str().unwrap(), "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&out).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        let offset = region["byteOffset"].as_u64().unwrap() as usize;
        let length = region["byteLength"].as_u64().unwrap() as usize;
        let line = region["startLine"].as_u64().unwrap() as usize;
        let column = region["startColumn"].as_u64().unwrap() as usize;
        let bytes = text.as_bytes();
        let found = std::str::from_utf8(&bytes[offset..offset + length]).unwrap();
        // The same place by line and column (columns in code points, the mark not counted).
        let by_line = text
            .trim_start_matches('\u{feff}')
            .split("\r\n")
            .nth(line - 1)
            .unwrap();
        let at: String = by_line
            .chars()
            .skip(column - 1)
            .take(found.chars().count())
            .collect();
        assert_eq!(found, at, "{result}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Past GitHub's ten annotations of a type per step, every finding goes to the job summary
/// and the last annotation says so; under it, nothing is added.
#[test]
fn github_findings_past_the_annotation_cap_go_to_the_job_summary() {
    let dir = std::env::temp_dir().join(format!("cloudpact-summary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let deployment = |i: usize| {
        format!(
            "[[deployment]]\nid = \"d{i}\"\nprovider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"bedrock\"\nstart = 2026-03-01\n"
        )
    };
    let many: String = (0..12).map(deployment).collect();
    let plan = dir.join("many.plan.toml");
    std::fs::write(&plan, format!("[plan]\nas_of = 2026-06-01\n\n{many}")).unwrap();
    let few = dir.join("few.plan.toml");
    std::fs::write(
        &few,
        format!("[plan]\nas_of = 2026-06-01\n\n{}", deployment(0)),
    )
    .unwrap();
    let summary = dir.join("summary.md");
    let run = |plan: &std::path::Path, with_summary: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cloudpact"));
        command
            .args(["check", plan.to_str().unwrap(), "--format", "github"])
            .env_remove("RUST_BACKTRACE")
            .env_remove("GITHUB_STEP_SUMMARY");
        if with_summary {
            command.env("GITHUB_STEP_SUMMARY", &summary);
        }
        String::from_utf8(command.output().unwrap().stdout).unwrap()
    };
    let out = run(&plan, true);
    let annotations = out.lines().filter(|l| l.starts_with("::")).count();
    let last = out.lines().rev().find(|l| l.starts_with("::")).unwrap();
    assert!(last.starts_with("::notice title=cloudpact::"), "{last}");
    assert!(
        last.contains("every finding is in the job summary"),
        "{last}"
    );
    let table = std::fs::read_to_string(&summary).unwrap();
    let rows = table
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("many.plan.toml"))
        .count();
    assert_eq!(rows, annotations - 1, "one row a finding:\n{table}");
    assert!(
        table.contains("`openai-microsoft/not-permitted`"),
        "{table}"
    );
    // Without a summary file, the notice says where else to look.
    let out = run(&plan, false);
    assert!(out.contains("--format human for every finding"), "{out}");
    // Under the cap: no notice, and nothing added to the summary.
    std::fs::remove_file(&summary).unwrap();
    let out = run(&few, true);
    assert!(!out.contains("title=cloudpact::"), "{out}");
    assert!(!summary.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
