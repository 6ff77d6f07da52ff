//! Evaluate one path over one term: the grant of the pack that governs its provider,
//! and the findings of every selected pack's rules.

use crate::codes::Code;
use crate::date::{Date, DaySet, Interval};
use crate::diagnostic::Severity;
use crate::engine::finding::{Anchor, Field, Finding};
use crate::engine::narrow::{Withholding, grant_window, holding_window, reads_catalog};
use crate::engine::subject::Subject;
use crate::policy::{Effect, MatchKey, Pack, PackSet, Product, Rule};

/// The days one allow rule grants.
#[derive(Debug, Clone, Copy)]
pub struct GrantPiece<'p> {
    pub rule: &'p Rule,
    pub window: Interval,
}

/// An allow rule that applies to the path but grants it no day, and why.
#[derive(Debug, Clone)]
pub struct Withheld<'p> {
    pub rule: &'p Rule,
    pub reason: Withholding<'p>,
}

#[derive(Debug)]
pub struct PathVerdict<'p> {
    /// The pack that authorises the provider's paths, if one is selected.
    pub governing: Option<&'p Pack>,
    pub product: Option<&'p Product>,
    pub pieces: Vec<GrantPiece<'p>>,
    /// The union of the pieces: every day an allow rule grants the path.
    pub grant: DaySet,
    /// The days the path is permitted: the grant less the days a deny rule holds; every
    /// day for a provider no pack governs (nothing grants or refuses it).
    pub permitted: DaySet,
    pub withheld: Vec<Withheld<'p>>,
    pub findings: Vec<Finding>,
}

impl PathVerdict<'_> {
    /// The grant piece that covers `day`, the first in pack order.
    pub fn piece_on(&self, day: Date) -> Option<&GrantPiece<'_>> {
        self.pieces.iter().find(|p| p.window.contains(day))
    }
}

/// The product's catalog entry, and the subject with the kind the catalog gives it.
pub(crate) fn with_catalog<'p, 's>(
    packs: &'p PackSet,
    subject: &Subject<'s>,
) -> (Option<&'p Product>, Subject<'s>) {
    let product = subject
        .product
        .and_then(|p| packs.product(subject.provider, p));
    let mut subject = *subject;
    if let Some(product) = product {
        subject.kind = Some(product.kind);
    }
    (product, subject)
}

fn applies(rule: &Rule, subject: &Subject<'_>) -> bool {
    rule.applies_to(subject)
}

pub fn evaluate_path<'p>(
    packs: &'p PackSet,
    subject: &Subject<'_>,
    term: Interval,
) -> PathVerdict<'p> {
    let governing = packs.governing(subject.provider);
    let (product, subject) = with_catalog(packs, subject);
    let mut findings = Vec::new();

    let mut pieces = Vec::new();
    let mut withheld = Vec::new();
    match governing {
        Some(pack) => {
            let mut catalog_read = false;
            for rule in pack
                .rules_for(subject.provider)
                .filter(|r| r.effect == Effect::Allow)
            {
                if !applies(rule, &subject) {
                    continue;
                }
                catalog_read |= reads_catalog(rule);
                match grant_window(rule, product, subject.cloud) {
                    Ok(window) => pieces.push(GrantPiece { rule, window }),
                    Err(reason) => withheld.push(Withheld { rule, reason }),
                }
            }
            if let Some(unknown) = unknown_product(pack, &subject, product, catalog_read) {
                findings.push(unknown);
            }
        }
        None => findings.push(ungoverned(packs, &subject)),
    }
    let grant: DaySet = pieces.iter().map(|p| p.window).collect();
    let permitted = match governing {
        Some(_) => grant.clone(),
        None => std::iter::once(Interval::ALWAYS).collect(),
    };

    let mut verdict = PathVerdict {
        governing,
        product,
        pieces,
        grant,
        permitted,
        withheld,
        findings: Vec::new(),
    };
    if let Some(pack) = governing {
        grant_findings(pack, &subject, term, &verdict, &mut findings);
    }
    for pack in &packs.packs {
        for rule in pack
            .rules_for(subject.provider)
            .filter(|r| r.effect != Effect::Allow)
        {
            if !applies(rule, &subject) {
                continue;
            }
            let Some(window) = holding_window(rule, product, subject.cloud) else {
                continue;
            };
            // A deny rule takes its days out of the permitted ones, in the term or not.
            if rule.effect == Effect::Deny {
                verdict.permitted.remove(window);
            }
            if let Some(overlap) = window.intersect(&term) {
                findings.push(rule_finding(rule, &subject, overlap, term));
            }
        }
    }
    // Errors first, then warnings, then advice; within a severity, the order they arose.
    findings.sort_by_key(|f| f.severity);
    verdict.findings = findings;
    verdict
}

fn unknown_product(
    pack: &Pack,
    subject: &Subject<'_>,
    product: Option<&Product>,
    catalog_read: bool,
) -> Option<Finding> {
    let name = subject.product?;
    if product.is_some() {
        return None;
    }
    let known: Vec<&str> = pack
        .products
        .iter()
        .filter(|p| p.provider == subject.provider)
        .map(|p| p.id.as_str())
        .collect();
    // A catalog that lists none of the provider's products cannot call one unknown,
    // unless a rule needs the product's dates.
    if known.is_empty() && !catalog_read {
        return None;
    }
    // A plan cannot extend a built-in catalog yet: the way through is an approved exception.
    let accept = format!(
        "to use a product the catalog lacks, record an [[exception]] for `{}/{}` with the reason and who approved it",
        pack.id,
        Code::UnknownProduct.name()
    );
    let help = match crate::diagnostic::did_you_mean(name, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? Else, {accept}"),
        None if known.is_empty() => format!(
            "{} lists no {} products; {accept}",
            pack.location(),
            subject.provider
        ),
        None => format!("{} lists: {}; {accept}", pack.location(), known.join(", ")),
    };
    Some(
        Finding::own(
            Code::UnknownProduct,
            Some(&pack.id),
            format!(
                "`{name}` is not in the {} catalog: without its dates cloudpact cannot say whether {} is permitted",
                pack.id,
                subject.describe()
            ),
        )
        .at_field(Field::Product, "not in the catalog")
        .help(help),
    )
}

fn ungoverned(packs: &PackSet, subject: &Subject<'_>) -> Finding {
    let selected = packs.governed_providers();
    let builtin = crate::policy::builtin::BUILTIN;
    // Built-in packs a plan did not load still tell a typo from an unknown provider.
    let mut known = selected.clone();
    known.extend(
        builtin
            .iter()
            .flat_map(|b| b.governs.iter().copied())
            .filter(|g| !selected.contains(g)),
    );
    let listed = if selected.is_empty() {
        "the selected packs govern no provider".to_string()
    } else {
        format!("the selected packs govern: {}", selected.join(", "))
    };
    let help = if let Some(b) = builtin
        .iter()
        .find(|b| b.governs.contains(&subject.provider))
    {
        format!(
            "the built-in pack `{}` governs `{}` but is not selected: name it in [plan].policies, or drop --no-builtin",
            b.id, subject.provider
        )
    } else if let Some(near) =
        crate::diagnostic::did_you_mean(subject.provider, known.iter().copied())
    {
        format!("did you mean `{near}`? ({listed})")
    } else {
        format!(
            "{listed}; add a pack that governs `{}` with --policy or [plan].policies",
            subject.provider
        )
    };
    Finding::own(
        Code::PlanUngovernedProvider,
        None,
        format!(
            "no selected pack governs provider `{}`: cloudpact cannot say which of its paths are permitted",
            subject.provider
        ),
    )
    .at_field(Field::Provider, "no pack governs this provider")
    .help(help)
}

fn describe_term(term: Interval) -> String {
    if term.open_end() {
        format!("from {}, with no end", term.start)
    } else if term.start == term.end {
        format!("on {}", term.start)
    } else {
        format!("{} to {}", term.start, term.end)
    }
}

/// not-permitted, not-yet-permitted, the expiry of the last grant, newly-permitted.
fn grant_findings(
    pack: &Pack,
    subject: &Subject<'_>,
    term: Interval,
    verdict: &PathVerdict<'_>,
    findings: &mut Vec<Finding>,
) {
    let path = subject.describe();
    let in_term = verdict.grant.intersect(&term);

    if in_term.is_empty() {
        let mut message = format!(
            "{path} is not permitted on any day of its term ({})",
            describe_term(term)
        );
        let later = verdict
            .grant
            .intervals()
            .iter()
            .find(|iv| iv.start > term.end);
        let earlier = verdict
            .grant
            .intervals()
            .iter()
            .rev()
            .find(|iv| iv.end < term.start);
        let mut finding = Finding::own(Code::NotPermitted, Some(&pack.id), String::new());
        if let Some(later) = later {
            message.push_str(&format!("; {} permits it from {}", pack.id, later.start));
            if let Some(piece) = verdict.piece_on(later.start) {
                finding = finding.citing(piece.rule);
            }
        } else if let Some(earlier) = earlier {
            message.push_str(&format!("; {} permitted it until {}", pack.id, earlier.end));
            if let Some(piece) = verdict.piece_on(earlier.end) {
                finding = finding.citing(piece.rule);
            }
        } else if let Some(w) = verdict.withheld.first() {
            message.push_str(&format!(
                "; {} permits it {}, but {}",
                w.rule.code,
                w.rule.window(),
                w.reason
            ));
            finding = finding.citing(w.rule);
        }
        finding.message = message;
        findings.push(
            finding
                .at_field(
                    Field::Cloud,
                    match subject.region {
                        Some(region) => format!(
                            "no grant for {} on {} in {region}",
                            subject.channel, subject.cloud
                        ),
                        None => format!("no grant for {} on {}", subject.channel, subject.cloud),
                    },
                )
                .suggesting_alternatives(),
        );
        return;
    }

    let gaps = verdict.grant.gaps_within(&term);
    let granted_last = in_term.last().unwrap_or(term.end);
    // A gap after the last granted day is the grant running out; any other is a hole.
    let (inner_gaps, trailing): (Vec<Interval>, Vec<Interval>) =
        gaps.into_iter().partition(|g| g.start < granted_last);

    if !inner_gaps.is_empty() {
        let first = in_term.first().unwrap_or(term.start);
        let late_start = inner_gaps.first().is_some_and(|g| g.start == term.start);
        let hole_days = |g: &Interval| {
            if g.start == g.end {
                format!("on {}", g.start)
            } else {
                format!("from {} to {}", g.start, g.end)
            }
        };
        let inner_holes: Vec<&Interval> = inner_gaps
            .iter()
            .filter(|g| g.start != term.start)
            .collect();
        let holes: Vec<String> = inner_holes.iter().map(|g| hole_days(g)).collect();
        // Each hole ends where a grant resumes: say when, and by which rule.
        let resumes: Vec<String> = inner_holes
            .iter()
            .map(|g| {
                let again = crate::date::day_after(g.end);
                let by = verdict
                    .piece_on(again)
                    .map(|p| format!(" by {}", p.rule.code))
                    .unwrap_or_default();
                format!("{} (permitted again from {again}{by})", hole_days(g))
            })
            .collect();
        let mut parts = Vec::new();
        let mut todo = Vec::new();
        if late_start {
            parts.push(format!(
                "is permitted only from {first}, but the term starts {}",
                term.start
            ));
            todo.push(format!("start the term on {first} or later"));
        }
        if !holes.is_empty() {
            parts.push(format!("is not permitted {}", resumes.join(", ")));
            todo.push(format!(
                "end the term before the gap, or cover the days {} with another path",
                holes.join(", ")
            ));
        }
        let mut finding = Finding::own(
            Code::NotYetPermitted,
            Some(&pack.id),
            format!("{path} {}", parts.join(", and ")),
        );
        // A late start cites the rule that opens the path; a hole, the rule that ends it.
        let opener = if late_start {
            verdict.piece_on(first)
        } else {
            inner_holes
                .first()
                .and_then(|g| verdict.piece_on(crate::date::day_after(g.end)))
        };
        if let Some(piece) = opener {
            finding = finding.citing(piece.rule);
        }
        let by = opener
            .map(|p| format!(" by {}", p.rule.code))
            .unwrap_or_default();
        // A late start is refused where it stands: the paths open then follow its help.
        finding = if late_start {
            finding
                .at_field(Field::Cloud, format!("permitted from {first}{by}"))
                .at_field(Field::Start, format!("the term starts {}", term.start))
                .suggesting_alternatives()
        } else {
            finding.at_field(Field::Cloud, format!("not permitted {}", holes.join(", ")))
        };
        findings.push(finding.help(todo.join("; ")));
    } else if let Some(opened) = verdict
        .grant
        .interval_containing(term.start)
        .filter(|iv| !iv.open_start())
        // A path open since the product's release was never closed to it: nothing is new.
        .filter(|iv| {
            verdict
                .product
                .and_then(|p| p.released)
                .is_none_or(|r| iv.start > r)
        })
    {
        // Granted from the term's first day by a rule that opened after a day without a grant.
        if let Some(piece) = verdict
            .pieces
            .iter()
            .find(|p| p.window.start == opened.start && p.rule.from.is_some())
        {
            findings.push(
                Finding::own(
                    Code::NewlyPermitted,
                    Some(&pack.id),
                    format!(
                        "{path} is permitted since {} by {}",
                        opened.start,
                        piece.rule.citation()
                    ),
                )
                .at_field(
                    Field::Cloud,
                    format!("newly permitted since {}", opened.start),
                )
                .help(format!(
                    "before {}, this path was not permitted; the grant is {} ({})",
                    opened.start,
                    piece.rule.code,
                    piece.rule.name()
                ))
                .citing(piece.rule)
                .opened_on(opened.start),
            );
        }
    }

    if let Some(after) = trailing.first() {
        let ends = crate::date::day_before(after.start);
        if let Some(piece) = verdict.piece_on(ends) {
            let rule = piece.rule;
            let runs = if term.open_end() {
                "the term has no end".to_string()
            } else {
                format!("the term runs to {}", term.end)
            };
            let message = match &rule.message {
                Some(what) => format!("{what} — the grant ends {ends}, but {runs}"),
                None => format!(
                    "{path} is granted by {} only until {ends}, but {runs}",
                    rule.name()
                ),
            };
            findings.push(
                Finding::new(rule.code.clone(), rule.on_expiry, message)
                    .at_field(Field::End, format!("runs past {ends}"))
                    .at_field(
                        Field::Cloud,
                        format!("granted until {ends} by {}", rule.code),
                    )
                    .help(rule.help.clone().unwrap_or_else(|| {
                        format!("end the term by {ends}, or plan what follows it")
                    }))
                    .citing(rule),
            );
        }
    }
}

/// The finding a deny, warn or advise rule adds, pointed at the value it is most about.
fn rule_finding(rule: &Rule, subject: &Subject<'_>, holds: Interval, term: Interval) -> Finding {
    let severity = rule.effect.severity().unwrap_or(Severity::Advice);
    let mut message = rule
        .message
        .clone()
        .or_else(|| rule.title.clone())
        .unwrap_or_else(|| format!("{} matches {}", rule.code, subject.describe()));
    if holds != term {
        message.push_str(&format!(" ({holds})"));
    }
    let key = pointed_key(rule);
    let label = match subject.value(key) {
        Some(value) => format!("{} = {value}", key.as_str()),
        None => format!("no {}", key.as_str()),
    };
    let anchor = match key {
        MatchKey::Sector => Anchor::Sector,
        other => Anchor::Deployment(field_of(other)),
    };
    let finding = Finding::new(rule.code.clone(), severity, message)
        .at(anchor, label)
        .optional_help(rule.help.clone())
        .citing(rule);
    // A path a deny rule refuses may be open elsewhere: say where.
    match severity {
        Severity::Error => finding.suggesting_alternatives(),
        _ => finding,
    }
}

/// The key a rule's finding points at: the most specific one its `match` or `unless` names.
fn pointed_key(rule: &Rule) -> MatchKey {
    const PREFERENCE: [MatchKey; 11] = [
        MatchKey::Region,
        MatchKey::Jurisdiction,
        MatchKey::Government,
        MatchKey::Cloud,
        MatchKey::Channel,
        MatchKey::Data,
        MatchKey::Workload,
        MatchKey::Product,
        MatchKey::Kind,
        MatchKey::Sector,
        MatchKey::Provider,
    ];
    let named = |key: MatchKey| {
        rule.matcher
            .patterns(key)
            .is_some_and(|ps| !ps.iter().all(|p| *p == crate::policy::Pattern::Any))
            || rule.unless.iter().any(|u| u.patterns(key).is_some())
    };
    if rule.first_on.is_some() || rule.requires_offered {
        return MatchKey::Cloud;
    }
    PREFERENCE
        .into_iter()
        .find(|k| named(*k))
        .unwrap_or(MatchKey::Product)
}

fn field_of(key: MatchKey) -> Field {
    match key {
        MatchKey::Provider => Field::Provider,
        MatchKey::Product | MatchKey::Kind => Field::Product,
        MatchKey::Channel => Field::Channel,
        MatchKey::Cloud => Field::Cloud,
        MatchKey::Region | MatchKey::Jurisdiction | MatchKey::Government => Field::Region,
        MatchKey::Workload => Field::Workload,
        MatchKey::Data => Field::Data,
        MatchKey::Sector | MatchKey::Domicile => Field::Id,
    }
}
