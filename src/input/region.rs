//! The region catalog (`policies/regions.toml`): each cloud's region names, the
//! jurisdiction of each, and which are government regions. Embedded and loaded once.

use foldhash::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::base::diagnostic::{Diagnostic, did_you_mean};
use crate::base::ids::RegionId;
use crate::base::source::SourceFile;
use crate::base::vocab::Cloud;
use crate::input::document::Document;
use crate::input::document::tape::{self, Tape, compiled};
use crate::input::schema;

pub const REGIONS_FILE: &str = "policies/regions.toml";
const REGIONS_TEXT: &str = include_str!("../../policies/regions.toml");
/// The catalog as parsed when cloudpact was built (`build.rs`).
const REGIONS_TAPE: Tape = compiled!("regions");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub cloud: Cloud,
    pub id: RegionId,
    pub name: Option<String>,
    /// None for a global endpoint, whose data may be processed anywhere.
    pub jurisdiction: Option<String>,
    #[serde(default)]
    pub government: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    catalog: CatalogHeader,
    region: Vec<Region>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogHeader {
    version: String,
    #[serde(default)]
    sources: Vec<String>,
}

#[derive(Debug, Default)]
pub struct RegionCatalog {
    pub version: String,
    pub sources: Vec<String>,
    by_cloud: HashMap<Cloud, Vec<Region>>,
}

impl RegionCatalog {
    /// Read a catalog, checking it against the schema.
    pub fn parse(source: &SourceFile) -> Result<RegionCatalog, Vec<Diagnostic>> {
        let doc = Document::parse(source).map_err(|d| vec![d])?;
        let errors = schema::regions().map_err(|d| vec![d])?.check(&doc);
        if !errors.is_empty() {
            return Err(errors);
        }
        Self::from_document(doc)
    }

    /// Read the embedded catalog from its tape (`document::tape`): the test suite checks its
    /// text against the schema, so a run does not compile the schema to check it again.
    fn compiled(source: &SourceFile) -> Result<RegionCatalog, Vec<Diagnostic>> {
        match tape::read(&REGIONS_TAPE) {
            Ok(file) => Ok(Self::from_file(file)),
            // Never taken by a tested build; the text gives the same catalog, only slower.
            Err(_) => Self::from_document(Document::parse_embedded(source).map_err(|d| vec![d])?),
        }
    }

    fn from_document(doc: Document<'_>) -> Result<RegionCatalog, Vec<Diagnostic>> {
        Ok(Self::from_file(doc.into_typed().map_err(|d| vec![d])?))
    }

    fn from_file(file: CatalogFile) -> RegionCatalog {
        let mut by_cloud: HashMap<Cloud, Vec<Region>> = HashMap::default();
        for region in file.region {
            by_cloud.entry(region.cloud).or_default().push(region);
        }
        RegionCatalog {
            version: file.catalog.version,
            sources: file.catalog.sources,
            by_cloud,
        }
    }

    /// Whether the catalog lists regions for this cloud (on-premises has none).
    pub fn knows_cloud(&self, cloud: Cloud) -> bool {
        self.by_cloud.contains_key(&cloud)
    }

    /// The cloud's regions, in the catalog's order.
    pub fn regions(&self, cloud: Cloud) -> &[Region] {
        self.by_cloud.get(&cloud).map_or(&[], Vec::as_slice)
    }

    pub fn region(&self, cloud: Cloud, id: &str) -> Option<&Region> {
        self.by_cloud.get(&cloud)?.iter().find(|r| r.id == id)
    }

    /// The closest region name of `cloud` to a misspelt one.
    pub fn closest(&self, cloud: Cloud, id: &str) -> Option<&str> {
        let regions = self.by_cloud.get(&cloud)?;
        did_you_mean(id, regions.iter().map(|r| r.id.as_str()))
    }

    /// The cloud whose catalog has a region of this name, when it is not `cloud`.
    pub fn cloud_of(&self, id: &str) -> Option<Cloud> {
        let mut clouds: Vec<Cloud> = self
            .by_cloud
            .iter()
            .filter(|(_, regions)| regions.iter().any(|r| r.id == id))
            .map(|(c, _)| *c)
            .collect();
        clouds.sort();
        clouds.first().copied()
    }

    pub fn len(&self) -> usize {
        self.by_cloud.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Region names as a reader takes them in: up to four, then the count (`eu-west-1,
/// eu-west-3, eu-central-1, eu-north-1, … 7 regions in all`).
pub fn listing(regions: &[&str]) -> String {
    crate::base::diagnostic::first_few(regions, "regions")
}

static CATALOG: OnceLock<Result<RegionCatalog, Vec<Diagnostic>>> = OnceLock::new();

/// The built-in region catalog; its errors (a bug, caught by the tests) name its file.
pub fn catalog() -> Result<&'static RegionCatalog, &'static [Diagnostic]> {
    CATALOG
        .get_or_init(|| RegionCatalog::compiled(&SourceFile::new(REGIONS_FILE, REGIONS_TEXT)))
        .as_ref()
        .map_err(Vec::as_slice)
}

/// The built-in catalog, or an empty one if it failed to load. It is embedded and a test
/// loads it, so the fallback is never taken by a released binary; it keeps a bad build
/// from turning every check into a crash.
pub fn builtin() -> &'static RegionCatalog {
    static EMPTY: OnceLock<RegionCatalog> = OnceLock::new();
    catalog().unwrap_or_else(|_| EMPTY.get_or_init(RegionCatalog::default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tape_gives_the_catalog_the_text_gives() {
        let source = SourceFile::new(REGIONS_FILE, REGIONS_TEXT);
        let text = RegionCatalog::parse(&source).unwrap();
        let taped = RegionCatalog::from_file(tape::read(&REGIONS_TAPE).unwrap());
        assert_eq!(
            (&taped.version, &taped.sources),
            (&text.version, &text.sources)
        );
        assert_eq!(taped.len(), text.len());
        for cloud in text.by_cloud.keys() {
            // Debug shows every field of every region, in the catalog's order.
            let [taped, text] = [&taped, &text].map(|c| format!("{:?}", c.regions(*cloud)));
            assert_eq!(taped, text);
        }
    }
}
