//! The English of typed facts: every engine finding (`finding`), and the paths permitted
//! instead of a refused one, which `check`'s help, `paths --plan` and the report all say the
//! same way.

mod finding;
pub use finding::{Said, finding, path};

use crate::base::date::Date;
use crate::base::vocab::{Channel, Cloud};
use crate::engine::{Alternative, Decision};

/// A cloud of a channel, whether the path there is conditional, and the regions it is
/// permitted in (none: as the deployment stands).
type Place<'a> = ((Cloud, bool), Vec<&'a str>);

/// `permitted for gpt-5 on 2026-05-01: direct on aws or gcp; azure-foundry`, or that none is.
pub fn alternatives(what: &str, day: Date, list: &[Alternative]) -> String {
    if list.is_empty() {
        return format!("no path is permitted for {what} on {day}");
    }
    format!("permitted for {what} on {day}: {}", paths(list))
}

/// The paths of `list` grouped by channel, in its order:
/// `direct on azure, aws (conditional) or gcp; azure-foundry; vertex (europe-west1)`.
/// A cloud permitted only in some regions names them; a channel that implies its cloud
/// does not repeat it.
pub fn paths(list: &[Alternative]) -> String {
    if list.is_empty() {
        return "none".to_string();
    }
    // channel → (cloud, conditional) → regions, each in first-seen order.
    let mut channels: Vec<(Channel, Vec<Place<'_>>)> = Vec::new();
    for a in list {
        let place = (a.cloud, a.status == Decision::Conditional);
        let places = match channels.iter_mut().find(|(c, _)| *c == a.channel) {
            Some((_, places)) => places,
            None => {
                channels.push((a.channel, Vec::new()));
                match channels.last_mut() {
                    Some((_, places)) => places,
                    None => continue,
                }
            }
        };
        let regions = match places.iter_mut().find(|(p, _)| *p == place) {
            Some((_, regions)) => regions,
            None => {
                places.push((place, Vec::new()));
                match places.last_mut() {
                    Some((_, regions)) => regions,
                    None => continue,
                }
            }
        };
        regions.extend(a.region);
    }
    let groups: Vec<String> = channels
        .into_iter()
        .map(|(channel, places)| {
            let implied = channel.implied_cloud().is_some();
            let places: Vec<String> = places
                .into_iter()
                .map(|((cloud, conditional), regions)| {
                    let mut notes = Vec::new();
                    if !regions.is_empty() {
                        notes.push(crate::input::region::listing(&regions));
                    }
                    if conditional {
                        notes.push("conditional".to_string());
                    }
                    let notes = if notes.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", notes.join("; "))
                    };
                    if implied {
                        notes
                    } else {
                        format!("{cloud}{notes}")
                    }
                })
                .collect();
            if implied {
                // `vertex`, or `vertex (europe-west1)`: the cloud goes without saying.
                return format!("{channel}{}", places.concat());
            }
            match places.as_slice() {
                [one] => format!("{channel} on {one}"),
                [rest @ .., last] => format!("{channel} on {} or {last}", rest.join(", ")),
                [] => channel.to_string(),
            }
        })
        .collect();
    groups.join("; ")
}

/// A help that goes on with the paths permitted instead: after a sentence, a sentence;
/// after a clause, a clause.
pub fn help_then(help: Option<String>, then: &str) -> String {
    match help {
        None => then.to_string(),
        Some(help) if help.ends_with('.') => {
            let mut chars = then.chars();
            let capital: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .collect();
            format!("{help} {capital}{}.", chars.as_str())
        }
        Some(help) => format!("{help}; {then}"),
    }
}

/// What a check that found no plan file says, in every format.
pub const NOTHING_CHECKED: &str = "no plan files found, so nothing was checked: give a plan file, a directory holding plans (*.plan.toml files, or .toml files with a [plan] table and a [[deployment]] array), or - for stdin; --allow-empty makes this exit 0";

/// One piece of advice given to several deployments: `… (deployments a, b)`, or for many
/// `… (deployments a, b, c, d, … 7 deployments in all)`.
pub fn on_deployments(message: &str, ids: &[&str]) -> String {
    format!(
        "{message} (deployments {})",
        crate::base::diagnostic::first_few(ids, "deployments")
    )
}

/// Terms in a comma-separated list: `direct, bedrock`.
pub fn list<T: std::fmt::Display>(terms: &[T]) -> String {
    let words: Vec<String> = terms.iter().map(T::to_string).collect();
    words.join(", ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn alt(
        channel: &str,
        cloud: &str,
        region: Option<&'static str>,
        status: Decision,
    ) -> Alternative {
        Alternative {
            channel: Channel::parse(channel).unwrap(),
            cloud: Cloud::parse(cloud).unwrap(),
            region,
            from: jiff::civil::date(2026, 4, 27),
            status,
        }
    }

    #[test]
    fn paths_group_by_channel_and_name_regions_and_conditions() {
        use Decision::{Allowed, Conditional};
        let list = [
            alt("direct", "azure", None, Allowed),
            alt("direct", "aws", None, Conditional),
            alt("direct", "gcp", None, Allowed),
            alt("azure-foundry", "azure", None, Allowed),
            alt("vertex", "gcp", Some("europe-west1"), Allowed),
            alt("vertex", "gcp", Some("europe-west4"), Allowed),
        ];
        assert_eq!(
            paths(&list),
            "direct on azure, aws (conditional) or gcp; azure-foundry; vertex (europe-west1, europe-west4)"
        );
        assert_eq!(paths(&[]), "none");
        let day = jiff::civil::date(2026, 5, 1);
        assert_eq!(
            alternatives("gpt-5", day, &[]),
            "no path is permitted for gpt-5 on 2026-05-01"
        );
    }

    #[test]
    fn help_goes_on_as_a_sentence_or_a_clause() {
        assert_eq!(help_then(None, "permitted for x"), "permitted for x");
        assert_eq!(
            help_then(Some("start later".into()), "permitted for x"),
            "start later; permitted for x"
        );
        assert_eq!(
            help_then(Some("Use GovCloud.".into()), "permitted for x"),
            "Use GovCloud. Permitted for x."
        );
    }
}
