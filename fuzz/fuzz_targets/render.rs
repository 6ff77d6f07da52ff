//! Every renderer fed findings that no plan would produce: any text, any spans (inside,
//! across or past the text), any strings in messages and help.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Finding {
    code: String,
    severity: u8,
    message: String,
    help: Option<String>,
    labels: Vec<(usize, usize, String)>,
    deployment: Option<String>,
    clause: Option<String>,
    sources: Vec<String>,
    waived: Option<(String, Option<String>)>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    name: String,
    text: String,
    checked: bool,
    organization: Option<String>,
    findings: Vec<Finding>,
}

fuzz_target!(|input: Input| {
    let findings = input
        .findings
        .into_iter()
        .map(|f| cloudpact::fuzzing::Finding {
            code: f.code,
            severity: f.severity,
            message: f.message,
            help: f.help,
            labels: f.labels,
            deployment: f.deployment,
            clause: f.clause,
            sources: f.sources,
            waived: f.waived,
        })
        .collect();
    cloudpact::fuzzing::render_findings(input.name, input.text, input.checked, input.organization, findings);
});
