//! Whether a plan the direct reader could read is one the plan schema accepts, judged on the
//! typed plan with the schema's own constraints: the closed words, dates and required keys
//! are already settled by reading it; what is left are the schema's string rules (pattern,
//! length), the limits on arrays, the unique pack names, and the cloud a channel implies.
//! The rules are read from `schemas/plan.schema.json` itself, so a change there changes
//! them. A plan this says is valid skips the JSON view and the validator, the two costliest
//! steps after parsing; any other plan meets the validator, whose errors are the messages.
//! It answers yes only when sure: a schema keyword it does not know turns it off.
//! `tests/schema_is_the_reader.rs` checks it against the schema on generated plans.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use regex::Regex;
use serde_json::Value;

use crate::input::plan::PlanFile;
use crate::input::schema::{LINES_PATTERN, ONE_LINE_PATTERN};

/// The constraints of one string property.
#[derive(Default)]
struct Text {
    min: usize,
    max: Option<usize>,
    pattern: Option<Pattern>,
}

/// A string property's `pattern`: the text rule is judged by its Rust form
/// (`schema::is_text`), any other pattern by a regex compiled once however many properties
/// share it.
enum Pattern {
    Text {
        lines: bool,
    },
    /// Shared, so the properties that share a pattern share its match cache too.
    Regex(Arc<Regex>),
}

impl Text {
    fn holds(&self, text: &str) -> bool {
        let length = text.chars().count();
        length >= self.min
            && self.max.is_none_or(|max| length <= max)
            && self.pattern.as_ref().is_none_or(|p| match p {
                Pattern::Text { lines } => crate::input::schema::is_text(text, *lines),
                Pattern::Regex(regex) => regex.is_match(text),
            })
    }
}

/// The constraints of one array property.
struct Array {
    min: usize,
    max: Option<usize>,
    unique: bool,
}

impl Array {
    fn holds<T: std::hash::Hash + Eq>(&self, items: impl ExactSizeIterator<Item = T>) -> bool {
        let n = items.len();
        if n < self.min || self.max.is_some_and(|max| n > max) {
            return false;
        }
        let mut seen = HashSet::new();
        !self.unique || items.into_iter().all(|item| seen.insert(item))
    }
}

/// The schema's rules for what the typed plan does not settle by itself.
struct Rules {
    organization: Text,
    domicile: Text,
    policy: Text,
    policies: Array,
    deployments: Array,
    exceptions: Array,
    exception_deployments: Array,
    id: Text,
    provider: Text,
    product: Text,
    region: Text,
    workload: Text,
    data: Text,
    rule: Text,
    deployment_id: Text,
    reason: Text,
    approved_by: Text,
}

/// The keywords this module knows how to read; a property with any other keyword (a
/// `format` other than date, a `const`, an `if`) is one it cannot judge.
const KNOWN: &[&str] = &[
    "title",
    "description",
    "examples",
    "type",
    "minLength",
    "maxLength",
    "pattern",
    "enum",
    "$ref",
    "items",
    "uniqueItems",
    "minItems",
    "maxItems",
    "format",
    "x-date",
    "x-hint",
];

fn rules() -> Option<&'static Rules> {
    static RULES: OnceLock<Option<Rules>> = OnceLock::new();
    RULES
        .get_or_init(|| {
            let schema: Value = serde_json::from_str(crate::input::schema::PLAN_SCHEMA).ok()?;
            read_rules(&schema)
        })
        .as_ref()
}

fn read_rules<'s>(schema: &'s Value) -> Option<Rules> {
    let regexes = &mut HashMap::new();
    let mut string = |property: &'s Value| text(schema, property, regexes);
    let defs = schema.get("$defs")?;
    let prop = |def: &str, name: &str| defs.get(def)?.get("properties")?.get(name);
    let top = |name: &str| schema.get("properties")?.get(name);
    // The tables' own keywords, and the keys they require, are the ones the direct reader
    // enforces; `allOf` is the cloud each channel implies.
    let table = |def: &Value, required: &[&str]| {
        let keys_known = def.as_object().is_some_and(|m| {
            m.keys().all(|k| {
                [
                    "title",
                    "description",
                    "type",
                    "additionalProperties",
                    "properties",
                    "required",
                    "allOf",
                    "$defs",
                    "$id",
                    "$schema",
                ]
                .contains(&k.as_str())
            })
        });
        let wants: Vec<&str> = def
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        keys_known
            && def.get("additionalProperties") == Some(&Value::Bool(false))
            && wants == required
    };
    let tables_known = table(schema, &["plan"])
        && table(defs.get("plan")?, &[])
        && table(
            defs.get("deployment")?,
            &["id", "provider", "product", "channel"],
        )
        && table(defs.get("exception")?, &["rule", "reason", "expires"]);
    let policies = prop("plan", "policies")?;
    let exception_deployments = prop("exception", "deployments")?;
    Some(Rules {
        organization: string(prop("plan", "organization")?)?,
        domicile: string(prop("plan", "domicile")?)?,
        policy: string(policies.get("items")?)?,
        policies: array(policies)?,
        deployments: array(top("deployment")?)?,
        exceptions: array(top("exception")?)?,
        exception_deployments: array(exception_deployments)?,
        id: string(prop("deployment", "id")?)?,
        provider: string(prop("deployment", "provider")?)?,
        product: string(prop("deployment", "product")?)?,
        region: string(prop("deployment", "region")?)?,
        workload: string(prop("deployment", "workload")?)?,
        data: string(prop("deployment", "data")?)?,
        rule: string(prop("exception", "rule")?)?,
        deployment_id: string(exception_deployments.get("items")?)?,
        reason: string(prop("exception", "reason")?)?,
        approved_by: string(prop("exception", "approved_by")?)?,
    })
    .filter(|_| tables_known)
}

/// The keywords of a property of JSON type `kind`, if this module knows every one of them.
fn known<'v>(property: &'v Value, kind: &str) -> Option<&'v serde_json::Map<String, Value>> {
    let map = property.as_object()?;
    (map.keys().all(|k| KNOWN.contains(&k.as_str())) && map.get("type")? == kind).then_some(map)
}

/// A size keyword: absent, or a number that fits; `None` for anything else.
fn size(map: &serde_json::Map<String, Value>, key: &str) -> Option<Option<usize>> {
    match map.get(key) {
        Some(n) => n.as_u64().and_then(|n| usize::try_from(n).ok()).map(Some),
        None => Some(None),
    }
}

fn array(property: &Value) -> Option<Array> {
    let map = known(property, "array")?;
    Some(Array {
        min: size(map, "minItems")?.unwrap_or(0),
        max: size(map, "maxItems")?,
        unique: map.get("uniqueItems") == Some(&Value::Bool(true)),
    })
}

/// A string property's constraints, through one `$ref`; `None` for one it cannot judge.
fn text<'s>(
    schema: &'s Value,
    property: &'s Value,
    regexes: &mut HashMap<&'s str, Arc<Regex>>,
) -> Option<Text> {
    let property = match property.get("$ref").and_then(Value::as_str) {
        Some(target) => schema.pointer(target.strip_prefix('#')?)?,
        None => property,
    };
    let map = known(property, "string")?;
    let pattern = match map.get("pattern").map(Value::as_str) {
        Some(Some(ONE_LINE_PATTERN)) => Some(Pattern::Text { lines: false }),
        Some(Some(LINES_PATTERN)) => Some(Pattern::Text { lines: true }),
        Some(Some(p)) => {
            if !regexes.contains_key(p) {
                regexes.insert(p, Arc::new(Regex::new(p).ok()?));
            }
            Some(Pattern::Regex(regexes.get(p)?.clone()))
        }
        Some(None) => return None,
        None => None,
    };
    Some(Text {
        min: size(map, "minLength")?.unwrap_or(0),
        max: size(map, "maxLength")?,
        pattern,
    })
}

/// Whether the schema accepts the plan; `false` when unsure.
pub(crate) fn surely_valid(file: &PlanFile) -> bool {
    let Some(rules) = rules() else {
        return false;
    };
    let header = file.plan.get_ref();
    let optional = |text: &Text, value: &Option<toml::Spanned<String>>| {
        value.as_ref().is_none_or(|v| text.holds(v.get_ref()))
    };
    if !optional(&rules.organization, &header.organization)
        || !optional(&rules.domicile, &header.domicile)
    {
        return false;
    }
    if let Some(policies) = &header.policies {
        let names = policies.get_ref();
        if !rules.policies.holds(names.iter().map(|n| n.get_ref()))
            || !names.iter().all(|n| rules.policy.holds(n.get_ref()))
        {
            return false;
        }
    }
    if !rules.deployments.holds(file.deployment.iter().map(|_| ()))
        || !rules.exceptions.holds(file.exception.iter().map(|_| ()))
    {
        return false;
    }
    let deployments_hold = file.deployment.iter().all(|d| {
        let d = d.get_ref();
        // A channel that implies a cloud runs on that one (the schema's `allOf`); one that
        // implies none has a `cloud` (the typed plan has none without it).
        let cloud_fits = match (d.channel.get_ref().implied_cloud(), &d.cloud) {
            (Some(implied), Some(cloud)) => implied == *cloud.get_ref(),
            _ => true,
        };
        cloud_fits
            && rules.id.holds(d.id.get_ref())
            && rules.provider.holds(d.provider.get_ref())
            && rules.product.holds(d.product.get_ref())
            && d.region
                .as_ref()
                .is_none_or(|r| rules.region.holds(r.get_ref()))
            && optional(&rules.workload, &d.workload)
            && optional(&rules.data, &d.data)
    });
    let exceptions_hold = file.exception.iter().all(|e| {
        let e = e.get_ref();
        rules.rule.holds(e.rule.get_ref())
            && rules.reason.holds(e.reason.get_ref())
            && optional(&rules.approved_by, &e.approved_by)
            && e.deployments.as_ref().is_none_or(|ids| {
                rules
                    .exception_deployments
                    .holds(ids.iter().map(|id| id.get_ref()))
                    && ids.iter().all(|id| rules.deployment_id.holds(id.get_ref()))
            })
    });
    deployments_hold && exceptions_hold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_schema_is_one_this_can_judge() {
        assert!(
            rules().is_some(),
            "a keyword of plan.schema.json is new here"
        );
    }
}
