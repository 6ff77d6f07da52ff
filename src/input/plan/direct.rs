//! The typed plan read straight from the spanned tree, for a file the schema has accepted:
//! each value is taken with the span the parser gave it, where serde's `Spanned` protocol
//! would run every field through a map of its own (a sixth of a sweep's instructions). Any
//! value it does not expect gives `None`, and the plan is read by serde instead, whose errors
//! are the ones users see; a unit test holds the two readers to the same plan, spans included, for every plan in the repository.
//! The dates are read from the tree as the parser left them: turning them to text first, as
//! the serde path does, would cost as much again.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::base::date::TomlDate;
use crate::base::vocab::{Channel, Cloud, Sector};
use crate::input::plan::{Deployment, DeploymentFields, Exception, PlanFile, PlanHeader};

type Value<'a> = Spanned<DeValue<'a>>;

/// The plan, if every value is of the form the schema allows and serde would read.
pub(crate) fn plan_file(table: &DeTable<'_>) -> Option<PlanFile> {
    let mut plan = None;
    let mut deployment = Vec::new();
    let mut exception = Vec::new();
    for (key, value) in table.iter() {
        match key.get_ref().as_ref() {
            "plan" => plan = Some(spanned(value, header(table_of(value)?)?)),
            "deployment" => {
                for item in array_of(value)? {
                    let fields = deployment_fields(table_of(item)?)?;
                    deployment.push(spanned(item, Deployment::try_from(fields).ok()?));
                }
            }
            "exception" => {
                for item in array_of(value)? {
                    exception.push(spanned(item, exception_of(table_of(item)?)?));
                }
            }
            _ => return None,
        }
    }
    Some(PlanFile {
        plan: plan?,
        deployment,
        exception,
    })
}

fn header(table: &DeTable<'_>) -> Option<PlanHeader> {
    let mut header = PlanHeader {
        organization: None,
        sector: None,
        domicile: None,
        as_of: None,
        policies: None,
    };
    for (key, value) in table.iter() {
        match key.get_ref().as_ref() {
            "organization" => header.organization = Some(string(value)?),
            "sector" => header.sector = Some(word(value, Sector::parse)?),
            "domicile" => header.domicile = Some(string(value)?),
            "as_of" => header.as_of = Some(date(value)?),
            "policies" => {
                let names: Option<Vec<_>> = array_of(value)?.iter().map(string).collect();
                header.policies = Some(spanned(value, names?));
            }
            _ => return None,
        }
    }
    Some(header)
}

fn deployment_fields(table: &DeTable<'_>) -> Option<DeploymentFields> {
    let (mut id, mut provider, mut product, mut channel) = (None, None, None, None);
    let (mut cloud, mut region, mut start, mut end, mut workload, mut data) =
        (None, None, None, None, None, None);
    for (key, value) in table.iter() {
        match key.get_ref().as_ref() {
            "id" => id = Some(string(value)?),
            "provider" => provider = Some(id_of(value)?),
            "product" => product = Some(id_of(value)?),
            "channel" => channel = Some(word(value, Channel::parse)?),
            "cloud" => cloud = Some(word(value, Cloud::parse)?),
            "region" => region = Some(id_of(value)?),
            "start" => start = Some(date(value)?),
            "end" => end = Some(date(value)?),
            "workload" => workload = Some(string(value)?),
            "data" => data = Some(string(value)?),
            _ => return None,
        }
    }
    Some(DeploymentFields {
        id: id?,
        provider: provider?,
        product: product?,
        channel: channel?,
        cloud,
        region,
        start,
        end,
        workload,
        data,
    })
}

fn exception_of(table: &DeTable<'_>) -> Option<Exception> {
    let (mut rule, mut deployments, mut reason, mut approved_by, mut expires) =
        (None, None, None, None, None);
    for (key, value) in table.iter() {
        match key.get_ref().as_ref() {
            "rule" => rule = Some(string(value)?),
            "deployments" => {
                let ids: Option<Vec<_>> = array_of(value)?.iter().map(string).collect();
                deployments = Some(ids?);
            }
            "reason" => reason = Some(string(value)?),
            "approved_by" => approved_by = Some(string(value)?),
            "expires" => expires = Some(date(value)?),
            _ => return None,
        }
    }
    Some(Exception {
        rule: rule?,
        deployments,
        reason: reason?,
        approved_by,
        expires: expires?,
    })
}

fn spanned<T>(value: &Value<'_>, inner: T) -> Spanned<T> {
    Spanned::new(value.span(), inner)
}

fn table_of<'v, 'a>(value: &'v Value<'a>) -> Option<&'v DeTable<'a>> {
    match value.get_ref() {
        DeValue::Table(t) => Some(t),
        _ => None,
    }
}

fn array_of<'v, 'a>(value: &'v Value<'a>) -> Option<&'v [Value<'a>]> {
    match value.get_ref() {
        DeValue::Array(items) => Some(items),
        _ => None,
    }
}

/// A string's text, or a date's where text belongs (`organization = 2026-07-01`): editors
/// see a date as its text, and so does the reader (`Document::into_typed`).
fn text<'v>(value: &'v Value<'_>) -> Option<Cow<'v, str>> {
    match value.get_ref() {
        DeValue::String(s) => Some(Cow::Borrowed(s.as_ref())),
        DeValue::Datetime(d) => Some(Cow::Owned(d.to_string())),
        _ => None,
    }
}

fn string(value: &Value<'_>) -> Option<Spanned<String>> {
    Some(spanned(value, text(value)?.into_owned()))
}

fn id_of<T: From<String>>(value: &Value<'_>) -> Option<Spanned<T>> {
    Some(spanned(value, T::from(text(value)?.into_owned())))
}

fn word<T>(value: &Value<'_>, parse: fn(&str) -> Option<T>) -> Option<Spanned<T>> {
    Some(spanned(value, parse(&text(value)?)?))
}

/// A date: a TOML date, or one in quotes, as the schema accepts either.
fn date(value: &Value<'_>) -> Option<Spanned<TomlDate>> {
    let date = match value.get_ref() {
        DeValue::Datetime(d) => TomlDate::from_datetime_value(*d)?,
        DeValue::String(s) => TomlDate::from_text(s)?,
        _ => return None,
    };
    Some(spanned(value, date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::SourceFile;
    use crate::input::document::Document;

    /// The plan read both ways, as `Debug` text (spans included), if the schema accepts it.
    fn both_ways(text: &str) -> Option<(Option<String>, String)> {
        let source = SourceFile::new("p.plan.toml", text.to_owned());
        let doc = Document::parse(&source).ok()?;
        if !crate::input::schema::plan().ok()?.check(&doc).is_empty() {
            return None;
        }
        let direct = plan_file(doc.table.get_ref()).map(|p| format!("{p:?}"));
        let serde: PlanFile = doc.into_typed().ok()?;
        Some((direct, format!("{serde:?}")))
    }

    fn plans_under(dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                plans_under(&path, out);
            } else if (path.extension().is_some_and(|e| e == "toml")
                || path.starts_with("tests/fuzz-corpus/plan_check"))
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                out.push(text);
            }
        }
    }

    #[test]
    fn the_direct_reader_reads_every_plan_as_serde_does() {
        let mut texts = Vec::new();
        plans_under(std::path::Path::new("examples"), &mut texts);
        plans_under(std::path::Path::new("tests"), &mut texts);
        // More plans by hand: the fuzzers' model plans, printed by `print_model_plans`.
        if let Some(extra) = std::env::var_os("CLOUDPACT_DIRECT_PLANS") {
            plans_under(std::path::Path::new(&extra), &mut texts);
        }
        texts.push("[plan]\norganization = 2026-07-01\nas_of = \"2026-06-01\"\n".to_owned());
        texts.push(
            "[plan]\n[[deployment]]\nid = \"a\"\nprovider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"bedrock\"\nstart = \"2026-07-01\"\nend = 2027-01-01\n"
                .to_owned(),
        );
        let mut read = 0;
        for text in &texts {
            let Some((direct, serde)) = both_ways(text) else {
                continue;
            };
            let direct =
                direct.unwrap_or_else(|| panic!("the direct reader refused a valid plan:\n{text}"));
            assert_eq!(direct, serde, "{text}");
            read += 1;
        }
        eprintln!("{read} plans read both ways");
        assert!(read >= 50, "only {read} plans read");
        // Spans are part of what is compared.
        let (direct, _) = both_ways("[plan]\norganization = \"x\"\n").unwrap();
        assert!(direct.unwrap().contains("span"));
    }

    #[test]
    fn a_value_the_direct_reader_does_not_expect_is_left_to_serde() {
        let source = SourceFile::new("p.plan.toml", "[plan]\nsector = 5\n".to_owned());
        let doc = Document::parse(&source).unwrap();
        assert!(plan_file(doc.table.get_ref()).is_none());
        let source = SourceFile::new("p.plan.toml", "[plan]\n[other]\n".to_owned());
        let doc = Document::parse(&source).unwrap();
        assert!(plan_file(doc.table.get_ref()).is_none());
    }
}
