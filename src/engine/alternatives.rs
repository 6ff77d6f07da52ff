//! The paths permitted instead of one that is refused: the same product and tags on every
//! other channel and cloud, each judged by [`permission_on`], so that every alternative a
//! denial offers is one `check` permits.

use std::sync::Arc;

use serde::Serialize;

use crate::base::date::Date;
use crate::base::ids::ProviderId;
use crate::base::vocab::{self, Channel, Cloud};
use crate::engine::outcome::Decision;
use crate::engine::path::with_catalog;
use crate::engine::permission::{Permission, permission_on};
use crate::engine::subject::Subject;
use crate::input::policy::{MatchKey, PackSet};
use crate::input::region::Region;

/// A path permitted for the same product and tags on the day asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alternative {
    pub channel: Channel,
    pub cloud: Cloud,
    /// The region to move to, where the path is permitted only in some regions of its
    /// cloud; none where it is permitted as the deployment stands (in the deployment's own
    /// region on its own cloud, with no region on another).
    pub region: Option<&'static str>,
    /// The first day of the grant that permits it; the day asked where that grant has no
    /// beginning.
    pub from: Date,
    /// Allowed, or conditional on a warning `check` would give there.
    pub status: Decision,
}

/// Every other channel × cloud permitted on `day` for the subject's product and tags, in
/// the vocabulary's order (and the subject's own path in another region, where regions
/// matter). On its own cloud the subject keeps its region; on another, it has none. Where
/// that is refused and a rule turns on where the path runs, the cloud's regions are tried:
/// those in the deployment's jurisdiction, or any if none of them is permitted.
pub fn alternatives(packs: &PackSet, subject: &Subject<'_>, day: Date) -> Arc<[Alternative]> {
    memo::get_or_compute(packs, subject, day, || search(packs, subject, day).into())
}

fn search(packs: &PackSet, subject: &Subject<'_>, day: Date) -> Vec<Alternative> {
    let regions_matter = reads_region(packs, subject.provider);
    let mut found = Vec::new();
    for (channel, cloud) in vocab::channel_cloud_pairs() {
        let there = subject.on(channel, cloud);
        let as_is = || permission_on(packs, &there, day);
        if (channel, cloud) == (subject.channel, subject.cloud) {
            // The path itself, moved to another of its cloud's regions.
            if regions_matter {
                let here = as_is();
                found.extend(in_regions(
                    packs,
                    subject,
                    (channel, cloud),
                    &there,
                    &here,
                    day,
                ));
            }
            continue;
        }
        let as_is = as_is();
        if as_is.status != Decision::Denied {
            found.push(alternative(channel, cloud, None, &as_is, day));
            continue;
        }
        if regions_matter {
            found.extend(in_regions(
                packs,
                subject,
                (channel, cloud),
                &there,
                &as_is,
                day,
            ));
        }
    }
    found
}

/// The regions of the path's cloud it is permitted in, where it is not as it stands: the
/// ones in the deployment's jurisdiction if any is, else any.
fn in_regions(
    packs: &PackSet,
    subject: &Subject<'_>,
    (channel, cloud): (Channel, Cloud),
    there: &Subject<'_>,
    as_is: &Permission<'_>,
    day: Date,
) -> Vec<Alternative> {
    let mut near = Vec::new();
    let mut far = Vec::new();
    for (region, permission) in permitted_regions(packs, there, as_is, day) {
        if there.region == Some(&region.id) {
            continue; // tried as it stands
        }
        let found = alternative(channel, cloud, Some(region.id.as_str()), &permission, day);
        match subject.jurisdiction {
            Some(j) if region.jurisdiction.as_deref() == Some(j) => near.push(found),
            _ => far.push(found),
        }
    }
    if near.is_empty() { far } else { near }
}

/// The regions of the path's cloud where it is permitted on `day`, in the catalog's order,
/// with their permission; `as_is` is the path's permission on `day` as it stands (in its
/// own region, or in none). Regions that every rule reading where a path runs treats alike
/// (the same rules apply in each) share one evaluation, and one treated as the path as it
/// stands is treated shares `as_is`: the region changes the outcome only through which
/// rules apply.
pub fn permitted_regions<'p>(
    packs: &'p PackSet,
    there: &Subject<'p>,
    as_is: &Permission<'p>,
    day: Date,
) -> Vec<(&'static Region, Permission<'p>)> {
    // The rules that may apply in one region and not another: those that read where a path
    // runs and whose other conditions hold here. A rule whose `match` fails on the product,
    // channel or cloud applies in no region, so it cannot tell two regions apart.
    let regional: Vec<&crate::input::policy::Rule> = packs
        .packs
        .iter()
        .flat_map(|pack| pack.rules_for(there.provider))
        .filter(|rule| names_any(rule, &REGIONAL))
        .filter(|rule| rule.matcher.matches_apart_from(there, &REGIONAL))
        .collect();
    let regions = crate::input::region::builtin().regions(there.cloud);
    if regional.is_empty() {
        // Every region alike, and alike the path as it stands.
        if as_is.status == Decision::Denied {
            return Vec::new();
        }
        return regions
            .iter()
            .map(|region| (region, as_is.clone()))
            .collect();
    }
    // The kind the catalog gives the product, as the evaluation reads it: the same in
    // every region, so looked up once.
    let (_, read) = with_catalog(packs, there);
    // Which of those rules apply: what tells one region's evaluation from another's.
    let sign = |read: &Subject<'_>, signature: &mut Vec<bool>| {
        signature.clear();
        signature.extend(regional.iter().map(|r| r.applies_to(read)));
    };
    let mut signature = Vec::with_capacity(regional.len());
    sign(&read, &mut signature);
    let mut judged: Vec<(Vec<bool>, Permission)> = vec![(signature.clone(), as_is.clone())];
    let mut found = Vec::new();
    for region in regions {
        sign(&read.in_region(region), &mut signature);
        let permission = match judged.iter().find(|(s, _)| *s == signature) {
            Some((_, p)) => p.clone(),
            None => {
                let p = permission_on(packs, &there.in_region(region), day);
                judged.push((signature.clone(), p.clone()));
                p
            }
        };
        if permission.status != Decision::Denied {
            found.push((region, permission));
        }
    }
    found
}

/// The keys that say where a path runs.
const REGIONAL: [MatchKey; 3] = [
    MatchKey::Region,
    MatchKey::Jurisdiction,
    MatchKey::Government,
];

/// Whether a rule for the provider turns on where the path runs, so that another region
/// may change it.
pub(crate) fn reads_region(packs: &PackSet, provider: &ProviderId) -> bool {
    keys_named(packs, provider).any(&REGIONAL)
}

/// The keys the rules for a provider name in a `match` or `unless`, found in one pass.
#[derive(Clone, Copy)]
struct KeysNamed(u32);

impl KeysNamed {
    fn has(self, key: MatchKey) -> bool {
        self.0 & (1 << key as u32) != 0
    }

    fn any(self, keys: &[MatchKey]) -> bool {
        keys.iter().any(|k| self.has(*k))
    }
}

fn keys_named(packs: &PackSet, provider: &ProviderId) -> KeysNamed {
    let mut bits = 0;
    for rule in packs.packs.iter().flat_map(|pack| pack.rules_for(provider)) {
        for key in rule
            .matcher
            .keys()
            .chain(rule.unless.iter().flat_map(|u| u.keys()))
        {
            bits |= 1 << key as u32;
        }
    }
    KeysNamed(bits)
}

/// Whether the rule's `match` or `unless` names one of `keys`.
fn names_any(rule: &crate::input::policy::Rule, keys: &[MatchKey]) -> bool {
    rule.matcher.keys().any(|k| keys.contains(&k))
        || rule
            .unless
            .iter()
            .any(|u| u.keys().any(|k| keys.contains(&k)))
}

fn alternative(
    channel: Channel,
    cloud: Cloud,
    region: Option<&'static str>,
    permission: &Permission<'_>,
    day: Date,
) -> Alternative {
    Alternative {
        channel,
        cloud,
        region,
        from: permission.opened.unwrap_or(day),
        status: permission.status,
    }
}

/// Searches already made in this run, by any thread: the deployments of a plan, and the
/// plans of a monorepo, share most of their refused paths. A search is a pure function of
/// the packs, the subject and the day, so a remembered one is the same answer. One memo for
/// all threads: with one per thread, two workers made 42 % more evaluations than one did
/// (31,344 against 22,029 on the 100-file corpus).
mod memo {
    use std::fmt::Write as _;
    use std::sync::Arc;

    use super::{Alternative, Date, MatchKey, PackSet, Subject};
    use crate::base::memo::RunMemo;

    static SEARCHES: RunMemo<Arc<[Alternative]>> = RunMemo::new(4096);

    pub fn get_or_compute(
        packs: &PackSet,
        subject: &Subject<'_>,
        day: Date,
        search: impl FnOnce() -> Arc<[Alternative]>,
    ) -> Arc<[Alternative]> {
        let mut key = packs.serials_key();
        // Only what a rule can read tells two searches apart: a tag no rule of these packs
        // names (a workload, a data class) cannot change which paths are permitted.
        let named = super::keys_named(packs, subject.provider);
        let regional = named.any(&super::REGIONAL);
        for k in MatchKey::ALL {
            let read = match k {
                MatchKey::Provider | MatchKey::Product | MatchKey::Channel | MatchKey::Cloud => {
                    true
                }
                MatchKey::Region | MatchKey::Jurisdiction | MatchKey::Government => regional,
                other => named.has(other),
            };
            if read {
                key.push_str(subject.value(k).unwrap_or("\u{1}"));
            }
            key.push('\0');
        }
        let _ = write!(key, "{day}");
        SEARCHES.get_or(key, search)
    }
}
