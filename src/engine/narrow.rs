//! How the catalog narrows a rule's window for one product on one cloud: the
//! primary-partner clause (`first_on`) and `requires_offered`.

use crate::base::date::{Date, Interval, day_before};
use crate::base::vocab::Cloud;
use crate::input::policy::{FirstOn, Product, Rule};

/// Whether the primary-partner clause withholds the product from `cloud`: a product
/// released on or after `released_from`, on another cloud, that the primary cloud's
/// operator has not declined. A product without a release date is not taken for new.
fn withheld_by(first_on: &FirstOn, product: &Product, cloud: Cloud) -> bool {
    cloud != first_on.cloud
        && product
            .released
            .is_some_and(|r| r >= first_on.released_from)
        && !product.declined_on(first_on.cloud)
}

/// Why the catalog leaves an allow rule no day for the path: facts, put in words by
/// `words::withheld`.
#[derive(Debug, Clone)]
pub enum Withholding<'p> {
    /// The primary-partner clause: the product is new and not yet offered on the cloud
    /// that gets new products first.
    NotYetOnPrimary {
        product: &'p Product,
        primary: Cloud,
    },
    /// The product was offered on `cloud` only after the rule ends.
    OfferedTooLate {
        product: &'p Product,
        cloud: Cloud,
        offered: Date,
    },
    /// `requires_offered`, and the catalog records no date the product was offered there.
    NeverOffered { product: &'p Product, cloud: Cloud },
    /// The rule ends before the product was released: nothing is granted before release.
    ReleasedAfter {
        product: &'p Product,
        released: Date,
    },
    /// The rule starts after the product was retired: nothing is granted after it.
    RetiredBefore { product: &'p Product, retired: Date },
}

/// An allow rule that applies to the path but grants it no day, and why.
#[derive(Debug, Clone)]
pub struct Withheld<'p> {
    pub rule: &'p Rule,
    pub reason: Withholding<'p>,
}

/// The days an allow rule grants the path, or why the catalog leaves it none. An unknown
/// product (`None`) gets no narrowing: the caller warns about it.
pub fn grant_window<'p>(
    rule: &'p Rule,
    product: Option<&'p Product>,
    cloud: Cloud,
) -> Result<Interval, Withholding<'p>> {
    let window = rule.window();
    let Some(product) = product else {
        return Ok(window);
    };
    // Nothing is granted before the product exists.
    let mut narrowed = match product.released {
        Some(released) => window
            .starting_no_earlier_than(released)
            .ok_or(Withholding::ReleasedAfter { product, released })?,
        None => window,
    };
    // Nor after it is withdrawn.
    if let Some(retired) = product.retired {
        narrowed = narrowed
            .ending_no_later_than(retired)
            .ok_or(Withholding::RetiredBefore { product, retired })?;
    }
    if let Some(first_on) = &rule.first_on
        && withheld_by(first_on, product, cloud)
    {
        let primary = first_on.cloud;
        let Some(offered) = product.offered_on(primary) else {
            return Err(Withholding::NotYetOnPrimary { product, primary });
        };
        narrowed =
            narrowed
                .starting_no_earlier_than(offered)
                .ok_or(Withholding::OfferedTooLate {
                    product,
                    cloud: primary,
                    offered,
                })?;
    }
    if rule.requires_offered {
        let Some(offered) = product.offered_on(cloud) else {
            return Err(Withholding::NeverOffered { product, cloud });
        };
        narrowed =
            narrowed
                .starting_no_earlier_than(offered)
                .ok_or(Withholding::OfferedTooLate {
                    product,
                    cloud,
                    offered,
                })?;
    }
    Ok(narrowed)
}

/// The days a deny, warn or advise rule holds for the path. `first_on` on such a rule
/// means "while the primary-partner clause withholds the path": from the rule's start
/// until the day before the product is offered on the primary cloud.
pub fn holding_window(rule: &Rule, product: Option<&Product>, cloud: Cloud) -> Option<Interval> {
    let mut window = rule.window();
    if let Some(first_on) = &rule.first_on {
        let product = product?;
        if !withheld_by(first_on, product, cloud) {
            return None;
        }
        if let Some(offered) = product.offered_on(first_on.cloud) {
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
