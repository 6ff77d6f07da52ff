//! The catalog of the packs selected together: their `[[product]]` entries merged by
//! provider and product id. A pack may declare a product for a provider another pack
//! governs (a model that launched yesterday), and may re-declare a known product to add the
//! dates it lacks (`released`, `offered`, `declined`, `retired`); a value that disagrees
//! with one already declared is a conflict naming both packs.

use foldhash::HashMap;
use std::sync::Arc;

use crate::base::codes::Code;
use crate::base::diagnostic::Diagnostic;
use crate::base::ids::{ProductId, ProviderId};
use crate::input::policy::{Pack, Product};

/// Every product of the selected packs, once, with the dates all of them give it.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// In declaration order: the governing packs' entries first, then the others'.
    products: Vec<Product>,
    by_provider: HashMap<ProviderId, HashMap<ProductId, usize>>,
}

impl Catalog {
    /// The merged catalog of `packs`, and the conflicts between them.
    pub fn merge(packs: &[Arc<Pack>]) -> (Catalog, Vec<Diagnostic>) {
        let mut catalog = Catalog::default();
        // Which pack declared each product first, to name it in a conflict.
        let mut declared_by: Vec<&Pack> = Vec::new();
        let mut conflicts = Vec::new();
        // A governing pack's own entries are the ones others add to.
        let governing = |pack: &Pack, product: &Product| pack.governs(&product.provider);
        let entries = packs
            .iter()
            .flat_map(|pack| pack.products.iter().map(move |p| (pack.as_ref(), p)));
        let (own, added): (Vec<_>, Vec<_>) = entries.partition(|(pack, p)| governing(pack, p));
        for (pack, product) in own.into_iter().chain(added) {
            let ids = catalog
                .by_provider
                .entry(product.provider.clone())
                .or_default();
            match ids.get(&product.id) {
                None => {
                    ids.insert(product.id.clone(), catalog.products.len());
                    catalog.products.push(product.clone());
                    declared_by.push(pack);
                }
                Some(&at) => {
                    let (Some(known), Some(first)) =
                        (catalog.products.get_mut(at), declared_by.get(at))
                    else {
                        continue;
                    };
                    if let Err(what) = add_dates(known, product) {
                        conflicts.push(conflict(first, pack, product, &what));
                    }
                }
            }
        }
        (catalog, conflicts)
    }

    pub fn product(&self, provider: &ProviderId, product: &ProductId) -> Option<&Product> {
        let at = *self.by_provider.get(provider)?.get(product)?;
        self.products.get(at)
    }

    /// The provider's products, in catalog order.
    pub fn of<'c, 'q>(
        &'c self,
        provider: &'q ProviderId,
    ) -> impl Iterator<Item = &'c Product> + use<'c, 'q> {
        self.products.iter().filter(move |p| p.provider == provider)
    }

    pub fn products(&self) -> &[Product] {
        &self.products
    }
}

/// Add to `known` the dates `more` gives that it lacks; `Err` names a value they disagree on.
fn add_dates(known: &mut Product, more: &Product) -> Result<(), String> {
    if known.kind != more.kind {
        return Err(format!("kind {} there, {} here", known.kind, more.kind));
    }
    known.released = one(known.released, more.released, "released")?;
    known.retired = one(known.retired, more.retired, "retired")?;
    for (cloud, day) in &more.offered {
        match known.offered.get(cloud) {
            Some(was) if was != day => {
                return Err(format!("offered on {cloud} {was} there, {day} here"));
            }
            _ => {
                known.offered.insert(*cloud, *day);
            }
        }
    }
    for cloud in &more.declined {
        if !known.declined.contains(cloud) {
            known.declined.push(*cloud);
        }
    }
    for source in &more.sources {
        if !known.sources.contains(source) {
            known.sources.push(source.clone());
        }
    }
    Ok(())
}

fn one<T: PartialEq + Copy + std::fmt::Display>(
    known: Option<T>,
    more: Option<T>,
    key: &str,
) -> Result<Option<T>, String> {
    match (known, more) {
        (Some(a), Some(b)) if a != b => Err(format!("{key} {a} there, {b} here")),
        (Some(a), _) => Ok(Some(a)),
        (None, b) => Ok(b),
    }
}

fn conflict(first: &Pack, then: &Pack, product: &Product, what: &str) -> Diagnostic {
    Diagnostic::error(
        Code::PlanConflictingPacks,
        format!(
            "{} and {} cannot be used together: they disagree on product `{}` of {} ({what})",
            first.location(),
            then.location(),
            product.id,
            product.provider
        ),
    )
    .with_help(
        "a pack may add the dates a product lacks (released, offered, declined, retired), not change them: drop the value from one of the packs",
    )
}
