//! bytes → spanned TOML → schema check → typed plan → the checks that need the whole file.

use std::collections::{HashMap, HashSet};

use crate::base::codes::Code;
use crate::base::diagnostic::{Diagnostic, did_you_mean};
use crate::base::source::SourceFile;
use crate::input::document::Document;
use crate::input::plan::{Plan, PlanFile};
use crate::input::schema;

/// Load a plan, or say everything that keeps it from being checked.
pub fn load_plan(source: SourceFile) -> Result<Plan, Vec<Diagnostic>> {
    let schema = schema::plan().map_err(|d| vec![d])?;
    let file: PlanFile = {
        let doc = Document::parse_as(&source, crate::input::document::FileKind::Plan)
            .map_err(|d| vec![d])?;
        // The common case, a valid plan, is read and judged on the typed plan alone; the
        // validator runs on the rest, to say what is wrong.
        if let Some(file) = super::direct::plan_file(doc.table.get_ref())
            && super::shape::surely_valid(&file)
        {
            return finish(source, file);
        }
        let errors = schema.check(&doc);
        if !errors.is_empty() {
            return Err(errors);
        }
        doc.into_typed_by(super::direct::plan_file)
            .map_err(|d| vec![d])?
    };
    finish(source, file)
}

/// The plan, once its shape is known good: what needs the whole file is checked last.
fn finish(source: SourceFile, file: PlanFile) -> Result<Plan, Vec<Diagnostic>> {
    let plan = Plan {
        source,
        header: file.plan,
        deployments: file.deployment,
        exceptions: file.exception,
    };
    let errors = whole_file_errors(&plan);
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

fn whole_file_errors(plan: &Plan) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut first_by_id = HashMap::new();
    for deployment in &plan.deployments {
        let d = deployment.get_ref();
        if let Some(first) = first_by_id.insert(d.id(), d.id.span()) {
            errors.push(
                Diagnostic::error(Code::PlanDuplicateId, format!("deployment id `{}` is used twice", d.id()))
                    .with_label(d.id.span(), "used again here")
                    .with_label(first, "first used here")
                    .with_help("give every [[deployment]] a unique id: exceptions and reports name deployments by it"),
            );
        }
        if let (Some(start), Some(end)) = (&d.start, &d.end)
            && end.get_ref().0 < start.get_ref().0
        {
            errors.push(
                Diagnostic::error(
                    Code::PlanInvalidTerm,
                    format!(
                        "deployment `{}` ends ({}) before it starts ({})",
                        d.id(),
                        end.get_ref().0,
                        start.get_ref().0
                    ),
                )
                .with_label(end.span(), "ends here")
                .with_label(start.span(), "starts here")
                .with_help("`end` is the last day of the term, on or after `start`"),
            );
        }
    }
    errors.extend(unknown_deployments(plan));
    errors.sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
    errors
}

/// Unknown names said with a did-you-mean; past this many, one error counts the rest, so
/// the cost of suggestions does not grow with the names times the deployments.
const SUGGESTED: usize = 20;

/// Exceptions that name deployments the file does not have: each name once (however many
/// exceptions repeat it), at its first mention.
fn unknown_deployments(plan: &Plan) -> Vec<Diagnostic> {
    // A duplicate id is an error of its own; the list names each id once, in file order.
    let mut seen = HashSet::new();
    let ids: Vec<&str> = plan
        .deployments
        .iter()
        .map(|d| d.get_ref().id())
        .filter(|id| seen.insert(*id))
        .collect();
    let mut said = HashSet::new();
    let unknown: Vec<&toml::Spanned<String>> = plan
        .exceptions
        .iter()
        .flat_map(|e| e.get_ref().deployments.iter().flatten())
        .filter(|named| !seen.contains(named.get_ref().as_str()))
        .filter(|named| said.insert(named.get_ref().as_str()))
        .collect();
    let mut errors: Vec<Diagnostic> = unknown
        .iter()
        .take(SUGGESTED)
        .map(|named| {
            let help = match did_you_mean(named.get_ref(), ids.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "the deployments in this file are: {}",
                    crate::base::diagnostic::first_few(&ids, "deployments")
                ),
            };
            Diagnostic::error(
                Code::PlanUnknownDeployment,
                format!(
                    "exception names deployment `{}`, which this file does not have",
                    named.get_ref()
                ),
            )
            .with_label(named.span(), "no such deployment")
            .with_help(help)
        })
        .collect();
    if let Some(first) = unknown.get(SUGGESTED) {
        let more = unknown.len() - SUGGESTED;
        errors.push(
            Diagnostic::error(
                Code::PlanUnknownDeployment,
                format!("exceptions name {more} more deployments this file does not have"),
            )
            .with_label(first.span(), "the first of them")
            .with_help("an exception names deployments by their `id` in this file"),
        );
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_with_exceptions(named: &[Vec<String>]) -> String {
        let mut text = String::from(
            "[plan]\nas_of = 2026-06-01\n[[deployment]]\nid = \"chat-eu\"\nprovider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"direct\"\ncloud = \"azure\"\n",
        );
        for names in named {
            let list: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
            text.push_str(&format!(
                "[[exception]]\nrule = \"openai-microsoft/any-cloud\"\ndeployments = [{}]\nreason = \"r\"\nexpires = 2027-01-01\n",
                list.join(", ")
            ));
        }
        text
    }

    fn unknown(text: String) -> Vec<Diagnostic> {
        let errors = load_plan(SourceFile::new("p.plan.toml", text))
            .err()
            .unwrap_or_default();
        errors
            .into_iter()
            .filter(|d| d.code == Code::PlanUnknownDeployment)
            .collect()
    }

    #[test]
    fn an_unknown_name_is_said_once_however_many_exceptions_repeat_it() {
        let same = vec!["chat-ue".to_string()];
        let errors = unknown(plan_with_exceptions(&[same.clone(), same.clone(), same]));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `chat-eu`?"));
    }

    #[test]
    fn past_twenty_unknown_names_one_error_counts_the_rest() {
        let names: Vec<String> = (0..35).map(|i| format!("gone-{i}")).collect();
        let errors = unknown(plan_with_exceptions(&[names]));
        assert_eq!(errors.len(), SUGGESTED + 1);
        assert!(
            errors[SUGGESTED].message.contains("15 more"),
            "{}",
            errors[SUGGESTED].message
        );
    }
}
