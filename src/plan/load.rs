//! bytes → spanned TOML → schema check → typed plan → the checks that need the whole file.

use std::collections::HashMap;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::document::Document;
use crate::plan::{Plan, PlanFile};
use crate::schema;
use crate::source::SourceFile;

/// Load a plan, or say everything that keeps it from being checked.
pub fn load_plan(source: SourceFile) -> Result<Plan, Vec<Diagnostic>> {
    let schema = schema::plan().map_err(|d| vec![d])?;
    let file: PlanFile = {
        let doc = Document::parse_as(&source, "plan").map_err(|d| vec![d])?;
        let errors = schema.check(&doc);
        if !errors.is_empty() {
            return Err(errors);
        }
        doc.into_typed().map_err(|d| vec![d])?
    };
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
    let mut ids: Vec<&str> = plan.deployments.iter().map(|d| d.get_ref().id()).collect();
    // A duplicate id is an error of its own; the list names each id once, in file order.
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    for exception in &plan.exceptions {
        for named in exception.get_ref().deployments.iter().flatten() {
            if !ids.contains(&named.get_ref().as_str()) {
                let help = match did_you_mean(named.get_ref(), ids.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the deployments in this file are: {}", ids.join(", ")),
                };
                errors.push(
                    Diagnostic::error(
                        Code::PlanUnknownDeployment,
                        format!(
                            "exception names deployment `{}`, which this file does not have",
                            named.get_ref()
                        ),
                    )
                    .with_label(named.span(), "no such deployment")
                    .with_help(help),
                );
            }
        }
    }
    errors.sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
    errors
}
