//! How the catalog narrows a rule's window for one product on one cloud: the
//! primary-partner clause (`first_on`) and `requires_offered`.

use crate::date::{Interval, day_before};
use crate::policy::{FirstOn, Product, Rule};

/// Whether the primary-partner clause withholds the product from `cloud`: a product
/// released on or after `released_from`, on another cloud, that the primary cloud's
/// operator has not declined. A product without a release date is not taken for new.
fn withheld_by(first_on: &FirstOn, product: &Product, cloud: &str) -> bool {
    cloud != first_on.cloud
        && product
            .released
            .is_some_and(|r| r >= first_on.released_from)
        && !product.declined_on(&first_on.cloud)
}

/// The days an allow rule grants the path, or why the catalog leaves it none. An unknown
/// product (`None`) gets no narrowing: the caller warns about it.
pub fn grant_window(
    rule: &Rule,
    product: Option<&Product>,
    cloud: &str,
) -> Result<Interval, String> {
    let window = rule.window();
    let Some(product) = product else {
        return Ok(window);
    };
    let mut narrowed = window;
    if let Some(first_on) = &rule.first_on
        && withheld_by(first_on, product, cloud)
    {
        let released = product
            .released
            .map(|r| format!(" (released {r})"))
            .unwrap_or_default();
        let Some(offered) = product.offered_on(&first_on.cloud) else {
            return Err(format!(
                "{}{released} is new and not yet offered on {}, which gets new products first",
                product.id, first_on.cloud
            ));
        };
        narrowed = narrowed.starting_no_earlier_than(offered).ok_or_else(|| {
            format!(
                "{} was offered on {} only on {offered}, after the rule ends",
                product.id, first_on.cloud
            )
        })?;
    }
    if rule.requires_offered {
        let Some(offered) = product.offered_on(cloud) else {
            return Err(format!(
                "only once {cloud} offers the product, and the catalog records no date {} was offered on {cloud}",
                product.id
            ));
        };
        narrowed = narrowed.starting_no_earlier_than(offered).ok_or_else(|| {
            format!(
                "{} was offered on {cloud} only on {offered}, after the rule ends",
                product.id
            )
        })?;
    }
    Ok(narrowed)
}

/// The days a deny, warn or advise rule holds for the path. `first_on` on such a rule
/// means "while the primary-partner clause withholds the path": from the rule's start
/// until the day before the product is offered on the primary cloud.
pub fn holding_window(rule: &Rule, product: Option<&Product>, cloud: &str) -> Option<Interval> {
    let mut window = rule.window();
    if let Some(first_on) = &rule.first_on {
        let product = product?;
        if !withheld_by(first_on, product, cloud) {
            return None;
        }
        if let Some(offered) = product.offered_on(&first_on.cloud) {
            window = window.ending_no_later_than(day_before(offered))?;
        }
    }
    if rule.requires_offered
        && let Some(product) = product
    {
        window = window.starting_no_earlier_than(product.offered_on(cloud)?)?;
    }
    Some(window)
}

/// Whether the rule's outcome depends on the catalog (so an unknown product matters).
pub fn reads_catalog(rule: &Rule) -> bool {
    rule.first_on.is_some() || rule.requires_offered
}
