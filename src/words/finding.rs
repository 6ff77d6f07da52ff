//! The English of every engine finding: one arm per kind of fact, turning its dates, rule,
//! grant and narrowing into a message, the labels at the values it points at, and a help.

use crate::base::codes::Code;
use crate::base::date::{Interval, day_after};
use crate::base::diagnostic::{Severity, did_you_mean};
use crate::engine::{
    Anchor, ExceptionField, Fact, Field, Finding, Hole, KEPT_PER_SEVERITY, Subject, Ungranted,
    Withholding,
};
use crate::input::policy::builtin::BUILTIN;

/// What a finding says: its message, a label at each place it points (the first is the
/// primary one), and its help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub message: String,
    pub labels: Vec<(Anchor, String)>,
    pub help: Option<String>,
}

fn said(message: String, labels: Vec<(Anchor, String)>, help: Option<String>) -> Said {
    Said {
        message,
        labels,
        help,
    }
}

fn at(field: Field, label: impl Into<String>) -> (Anchor, String) {
    (Anchor::Deployment(field), label.into())
}

/// The words of `finding`; `instead`, the paths permitted instead of a refused one, goes on
/// after the help of a finding that refuses the path where it stands.
pub fn finding(finding: &Finding<'_>, instead: Option<&str>) -> Said {
    let mut words = fact(&finding.fact);
    if let Some((index, waiver)) = &finding.waived {
        words.labels.push((
            Anchor::Exception(*index, ExceptionField::Reason),
            format!("waived until {}", waiver.expires),
        ));
    }
    if let Some(instead) = instead.filter(|_| finding.suggests_alternatives()) {
        words.help = Some(super::help_then(words.help.take(), instead));
    }
    words
}

fn fact(fact: &Fact<'_>) -> Said {
    match fact {
        Fact::UnknownProduct {
            pack,
            subject,
            known,
        } => {
            let near = subject
                .product
                .and_then(|name| did_you_mean(name, known.iter().copied()));
            // The catalog is extended by a pack of one's own; an exception accepts it as is.
            let accept = format!(
                "to use a product the catalog lacks, declare it as a [[product]] (provider, kind, released) in a pack of your own named in [plan].policies, or record an [[exception]] for `{}/{}` with the reason and who approved it",
                pack.id,
                Code::UnknownProduct.name()
            );
            let help = match near {
                Some(near) => format!("did you mean `{near}`? Else, {accept}"),
                None if known.is_empty() => format!(
                    "{} lists no {} products; {accept}",
                    pack.location(),
                    subject.provider
                ),
                None => format!("{} lists: {}; {accept}", pack.location(), known.join(", ")),
            };
            said(
                format!(
                    "`{}` is not in the {} catalog: without its dates cloudpact cannot say whether {} is permitted",
                    subject.product.map_or("", |p| p.as_str()),
                    pack.id,
                    path(subject)
                ),
                vec![at(Field::Product, "not in the catalog")],
                Some(help),
            )
        }
        Fact::Ungoverned {
            subject,
            selected,
            unselected_builtin,
        } => {
            let listed = if selected.is_empty() {
                "the selected packs govern no provider".to_string()
            } else {
                format!("the selected packs govern: {}", selected.join(", "))
            };
            // Built-in packs a plan did not load still tell a typo from an unknown provider.
            let unselected = BUILTIN
                .iter()
                .flat_map(|b| b.governs.iter().copied())
                .filter(|g| !selected.contains(g));
            let known = selected.iter().copied().chain(unselected);
            let help = match unselected_builtin {
                Some(builtin) => format!(
                    "the built-in pack `{builtin}` governs `{}` but is not selected: name it in [plan].policies, or drop --no-builtin",
                    subject.provider
                ),
                None => match did_you_mean(subject.provider, known) {
                    Some(near) => format!("did you mean `{near}`? ({listed})"),
                    None => format!(
                        "{listed}; add a pack that governs `{}` with --policy or [plan].policies",
                        subject.provider
                    ),
                },
            };
            said(
                format!(
                    "no selected pack governs provider `{}`: cloudpact cannot say which of its paths are permitted",
                    subject.provider
                ),
                vec![at(Field::Provider, "no pack governs this provider")],
                Some(help),
            )
        }
        Fact::NotPermitted {
            pack,
            subject,
            term,
            why,
        } => {
            let mut message = format!(
                "{} is not permitted on any day of its term ({})",
                path(subject),
                term_days(*term)
            );
            match why {
                Ungranted::Later { from, .. } => {
                    message.push_str(&format!("; {} permits it from {from}", pack.id));
                }
                Ungranted::Earlier { until, .. } => {
                    message.push_str(&format!("; {} permitted it until {until}", pack.id));
                }
                Ungranted::Withheld(w) => message.push_str(&format!(
                    "; {} permits it {}, but {}",
                    w.rule.code,
                    w.rule.window(),
                    withholding(&w.reason)
                )),
                Ungranted::Retired { retired } => message.push_str(&format!(
                    "; {} was retired on {retired}, and nothing is granted after it",
                    subject.product.map_or("", |p| p.as_str())
                )),
                Ungranted::Nothing => {}
            }
            let label = match subject.region {
                Some(region) => format!(
                    "no grant for {} on {} in {region}",
                    subject.channel, subject.cloud
                ),
                None => format!("no grant for {} on {}", subject.channel, subject.cloud),
            };
            said(message, vec![at(Field::Cloud, label)], None)
        }
        Fact::NotYetPermitted {
            subject,
            term,
            late_start,
            holes,
            opener,
            ..
        } => {
            let hole_days: Vec<String> = holes.iter().map(|h| days(h.days)).collect();
            let mut parts = Vec::new();
            let mut todo = Vec::new();
            if let Some(first) = late_start {
                parts.push(format!(
                    "is permitted only from {first}, but the term starts {}",
                    term.start
                ));
                todo.push(format!("start the term on {first} or later"));
            }
            if !holes.is_empty() {
                let resumes: Vec<String> = holes.iter().map(resumes).collect();
                parts.push(format!("is not permitted {}", resumes.join(", ")));
                todo.push(format!(
                    "end the term before the gap, or cover the days {} with another path",
                    hole_days.join(", ")
                ));
            }
            let by = opener
                .map(|rule| format!(" by {}", rule.code))
                .unwrap_or_default();
            let labels = match late_start {
                Some(first) => vec![
                    at(Field::Cloud, format!("permitted from {first}{by}")),
                    at(Field::Start, format!("the term starts {}", term.start)),
                ],
                None => vec![at(
                    Field::Cloud,
                    format!("not permitted {}", hole_days.join(", ")),
                )],
            };
            said(
                format!("{} {}", path(subject), parts.join(", and ")),
                labels,
                Some(todo.join("; ")),
            )
        }
        Fact::NewlyPermitted {
            subject,
            opened,
            rule,
            ..
        } => said(
            format!(
                "{} is permitted since {opened} by {}",
                path(subject),
                rule.citation()
            ),
            vec![at(Field::Cloud, format!("newly permitted since {opened}"))],
            Some(format!(
                "before {opened}, this path was not permitted; the grant is {} ({})",
                rule.code,
                rule.name()
            )),
        ),
        Fact::ProductRetired {
            subject,
            retired,
            term,
            rule,
            ..
        } => {
            let runs = runs(*term);
            said(
                format!(
                    "`{}` is retired on {retired}: the grant of {} ends then, but {runs}",
                    subject.product.map_or("", |p| p.as_str()),
                    path(subject)
                ),
                vec![
                    at(Field::End, format!("runs past {retired}")),
                    at(Field::Product, format!("retired on {retired}")),
                ],
                Some(format!(
                    "end the term by {retired}, or plan the product that replaces it; until then the path is granted by {}",
                    rule.code
                )),
            )
        }
        Fact::GrantEnds {
            rule,
            subject,
            ends,
            term,
        } => {
            let runs = runs(*term);
            let message = match &rule.message {
                Some(what) => format!("{what} — the grant ends {ends}, but {runs}"),
                None => format!(
                    "{} is granted by {} only until {ends}, but {runs}",
                    path(subject),
                    rule.name()
                ),
            };
            said(
                message,
                vec![
                    at(Field::End, format!("runs past {ends}")),
                    at(Field::Cloud, format!("granted until {ends} by {}", rule.code)),
                ],
                Some(rule.help.clone().unwrap_or_else(|| {
                    format!("end the term by {ends}, or plan what follows it")
                })),
            )
        }
        Fact::RuleHolds {
            rule,
            subject,
            holds,
            term,
            key,
        } => {
            let mut message = rule
                .message
                .clone()
                .or_else(|| rule.title.clone())
                .unwrap_or_else(|| format!("{} matches {}", rule.code, path(subject)));
            if holds != term {
                message.push_str(&format!(" ({holds})"));
            }
            let label = match subject.value(*key) {
                Some(value) => format!("{} = {value}", key.as_str()),
                None => format!("no {}", key.as_str()),
            };
            said(
                message,
                vec![(Anchor::of_key(*key), label)],
                rule.help.clone(),
            )
        }
        Fact::DomicileUnknown { rules } => said(
            format!(
                "the plan sets no domicile, so rules that turn on the buyer's home jurisdiction do not apply: {}",
                rules.join(", ")
            ),
            vec![(Anchor::Header, "no `domicile` here".to_string())],
            Some("set [plan].domicile to the buyer's home jurisdiction (us, eu, uk…) so these rules are decided".to_string()),
        ),
        Fact::FindingsNotShown { hidden, severity } => said(
            format!(
                "{hidden} more {} on this deployment are not shown",
                match severity {
                    Severity::Error => "errors",
                    Severity::Warning => "warnings",
                    Severity::Advice => "pieces of advice",
                }
            ),
            vec![at(Field::Provider, "more findings on this deployment")],
            Some(format!(
                "a report shows the first {KEPT_PER_SEVERITY} findings of each severity per deployment; the decision counts them all, and no exception waives those not shown"
            )),
        ),
        Fact::UnknownRegion {
            cloud,
            region,
            near,
            of_cloud,
        } => {
            let help = match (near, of_cloud) {
                (Some(near), _) => format!("did you mean `{near}`?"),
                (None, Some(other)) => format!("`{region}` is a region of {other}, not of {cloud}"),
                (None, None) => format!(
                    "the region catalog ({}) lists the regions of {cloud}",
                    crate::input::region::REGIONS_FILE
                ),
            };
            said(
                format!("{cloud} has no region `{region}` in the region catalog: its jurisdiction is unknown"),
                vec![at(Field::Region, format!("not a {cloud} region"))],
                Some(help),
            )
        }
        Fact::TermEnded { end, as_of } => said(
            format!("the term ends {end}, before its default start (the as-of date, {as_of})"),
            vec![at(Field::End, format!("ends before {as_of}"))],
            Some("give the deployment a `start`, or remove it if it has ended".to_string()),
        ),
        Fact::ExceptionExpired {
            index,
            rule,
            expires,
            as_of,
        } => said(
            format!("the exception for {rule} expired on {expires} (as of {as_of}): it waives nothing"),
            vec![(
                Anchor::Exception(*index, ExceptionField::Expires),
                "expired".to_string(),
            )],
            Some("renew it with a new `expires` date and approval, or remove it".to_string()),
        ),
        Fact::ExceptionUnapproved {
            index,
            rule,
            approved_by,
            pack,
        } => {
            let approvers = pack.approvers.join(", ");
            let field = match approved_by {
                Some(_) => ExceptionField::ApprovedBy,
                None => ExceptionField::Rule,
            };
            said(
                format!(
                    "the exception for {rule} is approved by {}, but {} accepts approvals only from {approvers}: it waives nothing",
                    approved_by.map_or_else(|| "nobody".to_string(), |a| format!("`{a}`")),
                    pack.id,
                ),
                vec![(
                    Anchor::Exception(*index, field),
                    "not an approver of this pack".to_string(),
                )],
                Some(format!(
                    "have one of {approvers} approve it, and record them in `approved_by`"
                )),
            )
        }
        Fact::ExceptionEndsFirst {
            index,
            rule,
            expires,
        } => said(
            format!(
                "the exception for {rule} expires on {expires}, before the term ends: from {} the finding it waives applies again",
                day_after(*expires)
            ),
            vec![
                (
                    Anchor::Exception(*index, ExceptionField::Expires),
                    "expires before the term ends".to_string(),
                ),
                at(Field::End, "the term runs past it"),
            ],
            Some("renew the exception before it expires, or end the term by its expiry date".to_string()),
        ),
        Fact::ExceptionUnused {
            index,
            code,
            known,
            near,
        } => {
            let help = match (known, near) {
                (true, _) => "no deployment it covers has that finding: remove the exception, or check its `deployments`".to_string(),
                (false, Some(near)) => {
                    format!("no selected pack has a code `{code}`; did you mean `{near}`?")
                }
                (false, None) => format!("no selected pack has a code `{code}`"),
            };
            said(
                format!("the exception for {code} waives nothing"),
                vec![(
                    Anchor::Exception(*index, ExceptionField::Rule),
                    "no finding has this code".to_string(),
                )],
                Some(help),
            )
        }
    }
}

/// `gpt-5 via direct on aws (eu-west-1)`.
pub fn path(subject: &Subject<'_>) -> String {
    let what = subject
        .product
        .map_or(subject.provider.as_str(), |p| p.as_str());
    match subject.region {
        Some(region) => format!(
            "{what} via {} on {} ({region})",
            subject.channel, subject.cloud
        ),
        None => format!("{what} via {} on {}", subject.channel, subject.cloud),
    }
}

/// A term's days: `from 2026-05-01, with no end`, `on 2026-05-01`, `2026-05-01 to 2027-04-30`.
fn term_days(term: Interval) -> String {
    if term.open_end() {
        format!("from {}, with no end", term.start)
    } else if term.start == term.end {
        format!("on {}", term.start)
    } else {
        format!("{} to {}", term.start, term.end)
    }
}

/// How far a term runs: `the term runs to 2027-06-30`, or that it has no end.
fn runs(term: Interval) -> String {
    if term.open_end() {
        "the term has no end".to_string()
    } else {
        format!("the term runs to {}", term.end)
    }
}

/// Days inside a term: `on 2026-05-01`, `from 2026-05-01 to 2026-05-31`.
fn days(days: Interval) -> String {
    if days.start == days.end {
        format!("on {}", days.start)
    } else {
        format!("from {} to {}", days.start, days.end)
    }
}

/// `from 2026-05-01 to 2026-05-31 (permitted again from 2026-06-01 by pack/rule)`.
fn resumes(hole: &Hole<'_>) -> String {
    let by = hole
        .resumed_by
        .map(|rule| format!(" by {}", rule.code))
        .unwrap_or_default();
    format!(
        "{} (permitted again from {}{by})",
        days(hole.days),
        day_after(hole.days.end)
    )
}

/// Why the catalog leaves an allow rule no day, as "…, but {reason}" says it.
fn withholding(reason: &Withholding<'_>) -> String {
    match reason {
        Withholding::NotYetOnPrimary { product, primary } => {
            let released = product
                .released
                .map(|r| format!(" (released {r})"))
                .unwrap_or_default();
            format!(
                "{}{released} is new and not yet offered on {primary}, which gets new products first",
                product.id
            )
        }
        Withholding::OfferedTooLate {
            product,
            cloud,
            offered,
        } => format!(
            "{} was offered on {cloud} only on {offered}, after the rule ends",
            product.id
        ),
        Withholding::ReleasedAfter { product, released } => format!(
            "{} was released only on {released}, after the rule ends",
            product.id
        ),
        Withholding::RetiredBefore { product, retired } => format!(
            "{} was retired on {retired}, before the rule starts",
            product.id
        ),
        Withholding::NeverOffered { product, cloud } => format!(
            "only once {cloud} offers the product, and the catalog records no date {} was offered on {cloud}",
            product.id
        ),
    }
}
