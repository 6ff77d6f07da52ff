//! The paths permitted instead of one that is refused: the same product and tags on every
//! other channel and cloud, each judged by [`permission_on`], so that every alternative a
//! denial offers is one `check` permits.

use serde::Serialize;

use crate::date::Date;
use crate::engine::outcome::Decision;
use crate::engine::permission::{Permission, permission_on};
use crate::engine::subject::Subject;
use crate::policy::{MatchKey, PackSet};
use crate::vocab;

/// A path permitted for the same product and tags on the day asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alternative {
    pub channel: String,
    pub cloud: String,
    /// The region to move to, where the path is permitted only in some regions of its
    /// cloud; none where it is permitted as the deployment stands (in the deployment's own
    /// region on its own cloud, with no region on another).
    pub region: Option<String>,
    /// The first day of the grant that permits it; the day asked where that grant has no
    /// beginning.
    pub from: Date,
    /// Allowed, or conditional on a warning `check` would give there.
    pub status: Decision,
}

/// Every other channel × cloud permitted on `day` for the subject's product and tags, in
/// the vocabulary's order (and the subject's own, in another region, where that matters). On its own cloud the subject keeps its region; on another, it
/// has none. Where that is refused and a rule turns on where the path runs, the cloud's
/// regions are tried: those in the deployment's jurisdiction, or any if none of them is
/// permitted.
pub fn alternatives(packs: &PackSet, subject: &Subject<'_>, day: Date) -> Vec<Alternative> {
    memo::get_or_compute(packs, subject, day, || search(packs, subject, day))
}

fn search(packs: &PackSet, subject: &Subject<'_>, day: Date) -> Vec<Alternative> {
    let regions_matter = reads_region(packs, subject.provider);
    let mut found = Vec::new();
    for (channel, cloud) in vocab::channel_cloud_pairs() {
        let there = subject.on(channel, cloud);
        if (channel, cloud) == (subject.channel, subject.cloud) {
            // The path itself, moved to another of its cloud's regions.
            if regions_matter {
                found.extend(in_regions(packs, subject, &there, day));
            }
            continue;
        }
        let as_is = permission_on(packs, &there, day);
        if as_is.status != Decision::Denied {
            found.push(alternative(channel, cloud, None, &as_is, day));
            continue;
        }
        if regions_matter {
            found.extend(in_regions(packs, subject, &there, day));
        }
    }
    found
}

/// The regions of the path's cloud it is permitted in, where it is not as it stands: the
/// ones in the deployment's jurisdiction if any is, else any.
fn in_regions(
    packs: &PackSet,
    subject: &Subject<'_>,
    there: &Subject<'_>,
    day: Date,
) -> Vec<Alternative> {
    let mut near = Vec::new();
    let mut far = Vec::new();
    for region in crate::region::builtin().regions(there.cloud) {
        if there.region == Some(region.id.as_str()) {
            continue; // tried as it stands
        }
        let permission = permission_on(packs, &there.in_region(region), day);
        if permission.status == Decision::Denied {
            continue;
        }
        let found = alternative(
            there.channel,
            there.cloud,
            Some(&region.id),
            &permission,
            day,
        );
        match subject.jurisdiction {
            Some(j) if region.jurisdiction.as_deref() == Some(j) => near.push(found),
            _ => far.push(found),
        }
    }
    if near.is_empty() { far } else { near }
}

/// Whether a rule for the provider turns on where the path runs (its `match` or `unless`
/// names a region, jurisdiction or government), so that another region may change it.
fn reads_region(packs: &PackSet, provider: &str) -> bool {
    let regional = |k: MatchKey| {
        matches!(
            k,
            MatchKey::Region | MatchKey::Jurisdiction | MatchKey::Government
        )
    };
    packs.packs.iter().any(|pack| {
        pack.rules_for(provider).any(|rule| {
            rule.matcher.keys().any(regional) || rule.unless.iter().any(|u| u.keys().any(regional))
        })
    })
}

fn alternative(
    channel: &str,
    cloud: &str,
    region: Option<&str>,
    permission: &Permission,
    day: Date,
) -> Alternative {
    Alternative {
        channel: channel.to_string(),
        cloud: cloud.to_string(),
        region: region.map(str::to_string),
        from: permission.opened.unwrap_or(day),
        status: permission.status,
    }
}

/// Searches already made on this thread: the deployments of a plan, and the plans of a
/// monorepo, share most of their refused paths. A search is a pure function of the packs,
/// the subject and the day, so a remembered one is the same answer.
mod memo {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::fmt::Write as _;

    use super::{Alternative, Date, MatchKey, PackSet, Subject};

    /// Bounds the memo: a sweep of very many distinct paths keeps memory flat.
    const CAPACITY: usize = 4096;

    thread_local! {
        static SEARCHES: RefCell<HashMap<String, Vec<Alternative>>> = RefCell::new(HashMap::new());
    }

    pub fn get_or_compute(
        packs: &PackSet,
        subject: &Subject<'_>,
        day: Date,
        search: impl FnOnce() -> Vec<Alternative>,
    ) -> Vec<Alternative> {
        let mut key = String::with_capacity(96);
        for pack in &packs.packs {
            let _ = write!(key, "{}/", pack.serial);
        }
        for part in MatchKey::ALL.map(|k| subject.value(k)) {
            key.push_str(part.unwrap_or("\u{1}"));
            key.push('\0');
        }
        let _ = write!(key, "{day}");
        if let Some(known) = SEARCHES.with(|m| m.borrow().get(&key).cloned()) {
            return known;
        }
        let found = search();
        SEARCHES.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() >= CAPACITY {
                m.clear();
            }
            m.insert(key, found.clone());
        });
        found
    }
}
