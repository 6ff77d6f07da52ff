//! Evaluate one path over one term: the grant of the pack that governs its provider,
//! and the findings of every selected pack's rules.

use crate::base::date::{Date, DaySet, Interval};
use crate::engine::finding::{Fact, Finding, Hole, Ungranted};
use crate::engine::narrow::{Withheld, grant_window, holding_window, reads_catalog};
use crate::engine::subject::Subject;
use crate::input::policy::{Effect, MatchKey, Pack, PackSet, Product, Rule};

/// The days one allow rule grants.
#[derive(Debug, Clone, Copy)]
pub struct GrantPiece<'p> {
    pub rule: &'p Rule,
    pub window: Interval,
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
    pub findings: Vec<Finding<'p>>,
}

impl<'p> PathVerdict<'p> {
    /// The grant piece that covers `day`, the first in pack order.
    pub fn piece_on(&self, day: Date) -> Option<&GrantPiece<'p>> {
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
    subject: &Subject<'p>,
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
            if let Some(unknown) = unknown_product(packs, pack, &subject, product, catalog_read) {
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

fn unknown_product<'a>(
    packs: &'a PackSet,
    pack: &'a Pack,
    subject: &Subject<'a>,
    product: Option<&Product>,
    catalog_read: bool,
) -> Option<Finding<'a>> {
    subject.product?; // a path with no product names none unknown
    if product.is_some() {
        return None;
    }
    let known: Vec<&str> = packs
        .catalog
        .of(subject.provider)
        .map(|p| p.id.as_str())
        .collect();
    // A catalog that lists none of the provider's products cannot call one unknown,
    // unless a rule needs the product's dates.
    if known.is_empty() && !catalog_read {
        return None;
    }
    Some(Finding::new(Fact::UnknownProduct {
        pack,
        subject: *subject,
        known,
    }))
}

fn ungoverned<'a>(packs: &'a PackSet, subject: &Subject<'a>) -> Finding<'a> {
    let selected: Vec<&str> = packs
        .governed_providers()
        .into_iter()
        .map(|p| p.as_str())
        .collect();
    let unselected_builtin = crate::input::policy::builtin::BUILTIN
        .iter()
        .find(|b| b.governs.contains(&subject.provider.as_str()))
        .map(|b| b.id);
    Finding::new(Fact::Ungoverned {
        subject: *subject,
        selected,
        unselected_builtin,
    })
}

/// not-permitted, not-yet-permitted, the expiry of the last grant, newly-permitted.
fn grant_findings<'a>(
    pack: &'a Pack,
    subject: &Subject<'a>,
    term: Interval,
    verdict: &PathVerdict<'a>,
    findings: &mut Vec<Finding<'a>>,
) {
    let subject = *subject;
    let in_term = verdict.grant.intersect(&term);

    if in_term.is_empty() {
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
        let why = if let Some(later) = later {
            Ungranted::Later {
                from: later.start,
                rule: verdict.piece_on(later.start).map(|p| p.rule),
            }
        } else if let Some(retired) = earlier
            .map(|e| e.end)
            .filter(|end| verdict.product.and_then(|p| p.retired) == Some(*end))
        {
            Ungranted::Retired { retired }
        } else if let Some(earlier) = earlier {
            Ungranted::Earlier {
                until: earlier.end,
                rule: verdict.piece_on(earlier.end).map(|p| p.rule),
            }
        } else if let Some(w) = verdict.withheld.first() {
            Ungranted::Withheld(w.clone())
        } else {
            Ungranted::Nothing
        };
        findings.push(Finding::new(Fact::NotPermitted {
            pack,
            subject,
            term,
            why,
        }));
        return;
    }

    let gaps = verdict.grant.gaps_within(&term);
    let granted_last = in_term.last().unwrap_or(term.end);
    // A gap after the last granted day is the grant running out; any other is a hole.
    let (inner_gaps, trailing): (Vec<Interval>, Vec<Interval>) =
        gaps.into_iter().partition(|g| g.start < granted_last);

    if !inner_gaps.is_empty() {
        let first = in_term.first().unwrap_or(term.start);
        let late_start = inner_gaps
            .first()
            .is_some_and(|g| g.start == term.start)
            .then_some(first);
        // Each hole ends where a grant resumes: by which rule.
        let holes: Vec<Hole<'a>> = inner_gaps
            .iter()
            .filter(|g| g.start != term.start)
            .map(|g| Hole {
                days: *g,
                resumed_by: verdict
                    .piece_on(crate::base::date::day_after(g.end))
                    .map(|p| p.rule),
            })
            .collect();
        // A late start cites the rule that opens the path; a hole, the rule that ends it.
        let opener = match late_start {
            Some(first) => verdict.piece_on(first).map(|p| p.rule),
            None => holes.first().and_then(|h| h.resumed_by),
        };
        findings.push(Finding::new(Fact::NotYetPermitted {
            pack,
            subject,
            term,
            late_start,
            holes,
            opener,
        }));
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
            findings.push(Finding::new(Fact::NewlyPermitted {
                pack,
                subject,
                opened: opened.start,
                rule: piece.rule,
            }));
        }
    }

    if let Some(after) = trailing.first() {
        let ends = crate::base::date::day_before(after.start);
        let retired = verdict.product.and_then(|p| p.retired);
        if let Some(piece) = verdict.piece_on(ends).filter(|_| retired == Some(ends)) {
            findings.push(Finding::new(Fact::ProductRetired {
                pack,
                subject,
                retired: ends,
                term,
                rule: piece.rule,
            }));
        } else if let Some(piece) = verdict.piece_on(ends) {
            findings.push(Finding::new(Fact::GrantEnds {
                rule: piece.rule,
                subject,
                ends,
                term,
            }));
        }
    }
}

/// The finding a deny, warn or advise rule adds, pointed at the value it is most about.
fn rule_finding<'a>(
    rule: &'a Rule,
    subject: &Subject<'a>,
    holds: Interval,
    term: Interval,
) -> Finding<'a> {
    Finding::new(Fact::RuleHolds {
        rule,
        subject: *subject,
        holds,
        term,
        key: pointed_key(rule),
    })
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
            .is_some_and(|ps| !ps.iter().all(|p| *p == crate::input::policy::Pattern::Any))
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
