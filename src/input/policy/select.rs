//! Which packs a plan is checked against: the built-in packs by default, or those
//! `[plan].policies` names, plus every `--policy` file. Each pack loads once per process.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use toml::Spanned;

use crate::base::codes::Code;
use crate::base::diagnostic::{Diagnostic, did_you_mean};
use crate::base::ids::{ProductId, ProviderId};
use crate::base::source::{SourceFile, Span};
use crate::input::plan::Plan;
use crate::input::policy::{
    Catalog, Origin, Pack, Product, Rule, builtin, load::load_embedded_pack, load_pack,
};

/// How the user chose packs on the command line.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `--policy FILE`, in order.
    pub policy_files: Vec<PathBuf>,
    /// `--no-builtin`: no built-in pack unless the plan names it.
    pub no_builtin: bool,
}

/// The packs in force for one plan, in a stable order.
#[derive(Debug, Clone, Default)]
pub struct PackSet {
    pub packs: Vec<Arc<Pack>>,
    /// The products of all of them, merged.
    pub catalog: Arc<Catalog>,
    /// Where two of them disagree on a product; selecting them together is refused.
    pub conflicts: Arc<[Diagnostic]>,
}

/// A merged catalog and its conflicts, shared by every set of the same packs.
type Merged = (Arc<Catalog>, Arc<[Diagnostic]>);

fn merged(packs: &[Arc<Pack>]) -> Merged {
    let (catalog, conflicts) = Catalog::merge(packs);
    (Arc::new(catalog), conflicts.into())
}

impl PackSet {
    pub fn new(packs: Vec<Arc<Pack>>) -> Self {
        let (catalog, conflicts) = merged(&packs);
        PackSet {
            packs,
            catalog,
            conflicts,
        }
    }

    /// The pack that authorises the provider's paths, if any is selected.
    pub fn governing(&self, provider: &ProviderId) -> Option<&Pack> {
        self.packs
            .iter()
            .map(Arc::as_ref)
            .find(|p| p.governs(provider))
    }

    /// The catalog entry for a product, with the dates every selected pack gives it.
    pub fn product(&self, provider: &ProviderId, product: &ProductId) -> Option<&Product> {
        self.catalog.product(provider, product)
    }

    pub fn rule(&self, code: &str) -> Option<(&Pack, &Rule)> {
        self.packs.iter().find_map(|p| {
            p.rules
                .iter()
                .find(|r| r.code == code)
                .map(|r| (p.as_ref(), r))
        })
    }

    /// The set's packs by their serials (`12/40/`), the start of a memo's key: two sets of
    /// the same packs as loaded in this process get the same one.
    pub fn serials_key(&self) -> String {
        let mut key = String::with_capacity(96);
        for pack in &self.packs {
            let _ = write!(key, "{}/", pack.serial);
        }
        key
    }

    /// Every finding code these packs and cloudpact itself can give.
    pub fn finding_codes(&self) -> Vec<String> {
        let mut known: Vec<String> = Vec::new();
        for pack in &self.packs {
            known.extend(pack.rules.iter().map(|r| r.code.to_string()));
            known
                .extend(crate::base::codes::in_pack().map(|c| format!("{}/{}", pack.id, c.name())));
        }
        known.extend(crate::base::codes::fixed().map(String::from));
        known
    }

    pub fn governed_providers(&self) -> Vec<&ProviderId> {
        self.packs.iter().flat_map(|p| &p.governs).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum PackKey {
    Builtin(&'static str),
    File(PathBuf),
}

/// Loads each pack once and remembers the ones that failed, so their errors are reported
/// once, with their own file, however many plans select them.
#[derive(Default)]
pub struct PackStore {
    loaded: Mutex<HashMap<PackKey, Option<Arc<Pack>>>>,
    failures: Mutex<Vec<(SourceFile, Vec<Diagnostic>)>>,
    /// The merged catalog of each set of packs selected, by their serials: a sweep of many
    /// plans that select the same packs merges their catalogs once.
    catalogs: Mutex<HashMap<Vec<u64>, Merged>>,
}

/// A pack that was asked for and could not be had; the reason is with the store.
#[derive(Debug)]
pub struct Unavailable;

impl PackStore {
    pub fn new() -> Self {
        PackStore::default()
    }

    /// Packs that loaded with warnings, with them, in file-name order.
    pub fn warnings(&self) -> Vec<(SourceFile, Vec<Diagnostic>)> {
        let mut found: Vec<(SourceFile, Vec<Diagnostic>)> = self
            .loaded
            .lock()
            .map(|loaded| {
                loaded
                    .values()
                    .flatten()
                    .filter(|p| !p.warnings.is_empty())
                    .map(|p| (p.source.clone(), p.warnings.clone()))
                    .collect()
            })
            .unwrap_or_default();
        found.sort_by(|a, b| a.0.name.cmp(&b.0.name));
        found
    }

    /// Broken packs with their errors, in the order they were first met.
    pub fn take_failures(&self) -> Vec<(SourceFile, Vec<Diagnostic>)> {
        let mut failures = self
            .failures
            .lock()
            .map(|mut f| std::mem::take(&mut *f))
            .unwrap_or_default();
        failures.sort_by(|a, b| a.0.name.cmp(&b.0.name));
        failures
    }

    fn get(
        &self,
        key: PackKey,
        load: impl FnOnce() -> Result<Pack, (SourceFile, Vec<Diagnostic>)>,
    ) -> Result<Arc<Pack>, Unavailable> {
        if let Ok(loaded) = self.loaded.lock()
            && let Some(entry) = loaded.get(&key)
        {
            return entry.clone().ok_or(Unavailable);
        }
        let result = match load() {
            Ok(pack) => Some(Arc::new(pack)),
            Err(failure) => {
                if let Ok(mut failures) = self.failures.lock() {
                    failures.push(failure);
                }
                None
            }
        };
        if let Ok(mut loaded) = self.loaded.lock() {
            loaded.entry(key).or_insert_with(|| result.clone());
        }
        result.ok_or(Unavailable)
    }

    pub fn builtin(&self, id: &str) -> Option<Result<Arc<Pack>, Unavailable>> {
        let builtin = builtin::find(id)?;
        Some(self.get(PackKey::Builtin(builtin.id), || {
            load_embedded_pack(builtin)
                .map_err(|e| (SourceFile::new(builtin.file, builtin.text), e))
        }))
    }

    /// A pack file; `shown` is the path as the user will recognise it.
    pub fn file(&self, shown: &Path) -> Result<Arc<Pack>, Unavailable> {
        let key =
            PackKey::File(std::fs::canonicalize(shown).unwrap_or_else(|_| shown.to_path_buf()));
        self.get(key, || {
            let name = shown.display().to_string();
            let bytes = crate::input::walk::open_file(shown)
                .and_then(crate::input::walk::read_limited)
                .map_err(|e| {
                    (
                        SourceFile::new(name.clone(), ""),
                        vec![Diagnostic::error(
                            Code::IoRead,
                            format!("cannot read pack {name}: {e}"),
                        )],
                    )
                })?;
            let source = crate::input::walk::text_of(name, bytes)
                .map_err(|(name, error)| (SourceFile::new(name, ""), vec![error]))?;
            load_pack(source.clone(), Origin::File(shown.to_path_buf())).map_err(|e| (source, e))
        })
    }

    /// The packs for `plan`; `plan_dir` is where its relative pack paths start.
    pub fn select_for(
        &self,
        plan: &Plan,
        plan_dir: &Path,
        selection: &Selection,
    ) -> Result<PackSet, Vec<Diagnostic>> {
        let providers: Vec<&str> = plan
            .deployments
            .iter()
            .map(|d| d.get_ref().provider().as_str())
            .collect();
        self.select(plan.policies(), plan_dir, selection, Some(&providers))
    }

    /// The packs for commands that read no plan: the built-in packs (unless
    /// `--no-builtin`) and every `--policy` file.
    pub fn select_without_plan(&self, selection: &Selection) -> Result<PackSet, Vec<Diagnostic>> {
        self.select(None, Path::new("."), selection, None)
    }

    fn select(
        &self,
        entries: Option<&[Spanned<String>]>,
        plan_dir: &Path,
        selection: &Selection,
        providers: Option<&[&str]>,
    ) -> Result<PackSet, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut defaults: Vec<Arc<Pack>> = Vec::new();
        // Explicit packs with the plan span that named them (none for --policy).
        let mut explicit: Vec<(Arc<Pack>, Option<Span>)> = Vec::new();

        match entries {
            Some(entries) => {
                for entry in entries {
                    match self.resolve(entry, plan_dir) {
                        Ok(pack) => explicit.push((pack, Some(entry.span()))),
                        Err(e) => errors.push(e),
                    }
                }
            }
            None if !selection.no_builtin => {
                // By default a plan loads the built-in packs that govern a provider it
                // deploys: the others could not apply to it.
                let wanted = builtin::BUILTIN.iter().filter(|b| {
                    providers.is_none_or(|ps| b.governs.iter().any(|g| ps.contains(g)))
                });
                for id in wanted.map(|b| b.id) {
                    match self.builtin(id) {
                        Some(Ok(pack)) => defaults.push(pack),
                        _ => errors.push(Diagnostic::error(
                            Code::PlanBrokenPack,
                            format!("built-in pack `{id}` could not be loaded"),
                        )),
                    }
                }
            }
            None => {}
        }
        for path in &selection.policy_files {
            match self.file(path) {
                Ok(pack) => explicit.push((pack, None)),
                Err(Unavailable) => errors.push(
                    Diagnostic::error(
                        Code::PlanBrokenPack,
                        format!("pack {} (--policy) could not be loaded", path.display()),
                    )
                    .with_help("its errors are reported with the pack file"),
                ),
            }
        }

        // A pack the user names overrides a default built-in pack for the providers it governs.
        defaults.retain(|d| {
            !explicit
                .iter()
                .any(|(e, _)| d.governs.iter().any(|p| e.governs(p)))
        });
        let mut packs: Vec<(Arc<Pack>, Option<Span>)> =
            defaults.into_iter().map(|p| (p, None)).collect();
        for (pack, span) in explicit {
            if packs.iter().any(|(p, _)| Arc::ptr_eq(p, &pack)) {
                continue;
            }
            if let Some(conflict) = conflict(&packs, &pack, span.clone()) {
                errors.push(conflict);
                continue;
            }
            packs.push((pack, span));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let packs: Vec<Arc<Pack>> = packs.into_iter().map(|(p, _)| p).collect();
        let serials: Vec<u64> = packs.iter().map(|p| p.serial).collect();
        let (catalog, conflicts) = match self.catalogs.lock() {
            Ok(mut catalogs) => catalogs
                .entry(serials)
                .or_insert_with(|| merged(&packs))
                .clone(),
            Err(_) => merged(&packs),
        };
        if conflicts.is_empty() {
            Ok(PackSet {
                packs,
                catalog,
                conflicts,
            })
        } else {
            Err(conflicts.to_vec())
        }
    }

    fn resolve(&self, entry: &Spanned<String>, plan_dir: &Path) -> Result<Arc<Pack>, Diagnostic> {
        self.resolve_name(entry.get_ref(), Some(entry.span()), plan_dir)
    }

    /// A pack by built-in id, or by a path relative to `dir`; `span` is where it was named.
    pub fn resolve_name(
        &self,
        name: &str,
        span: Option<Span>,
        dir: &Path,
    ) -> Result<Arc<Pack>, Diagnostic> {
        let label = |d: Diagnostic, text: &str| match &span {
            Some(span) => d.with_label(span.clone(), text.to_string()),
            None => d,
        };
        if looks_like_path(name) {
            // `plans/` + `./policies/acme.toml` is shown as `plans/policies/acme.toml`.
            let path: PathBuf = dir
                .join(name)
                .components()
                .filter(|c| !matches!(c, std::path::Component::CurDir))
                .collect();
            if let Some(outside) = outside_the_tree(&path, dir) {
                return Err(label(outside, "named here"));
            }
            if !crate::input::walk::is_toml(&path) {
                let error = Diagnostic::error(
                    Code::PlanBrokenPack,
                    format!("pack {} is not a .toml file", path.display()),
                )
                .with_help("a policy pack is a TOML file named NAME.toml; the file was not read");
                return Err(label(error, "named here"));
            }
            return self.file(&path).map_err(|Unavailable| {
                let error = Diagnostic::error(
                    Code::PlanBrokenPack,
                    format!("pack {} could not be loaded", path.display()),
                );
                label(error, "named here").with_help("its errors are reported with the pack file")
            });
        }
        match self.builtin(name) {
            Some(Ok(pack)) => Ok(pack),
            Some(Err(Unavailable)) => {
                let error = Diagnostic::error(
                    Code::PlanBrokenPack,
                    format!("built-in pack `{name}` could not be loaded"),
                );
                Err(label(error, "named here"))
            }
            None => {
                let ids: Vec<&str> = builtin::ids().collect();
                let help = match did_you_mean(name, ids.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "built-in packs: {}; a pack file is named by a path relative to the file that names it (./policies/acme.toml)",
                        ids.join(", ")
                    ),
                };
                let error = Diagnostic::error(
                    Code::PlanUnknownPack,
                    format!("no built-in pack is called `{name}`"),
                );
                Err(label(error, "unknown pack").with_help(help))
            }
        }
    }
}

/// Whether a pack file named from a plan (or a pack's test) lies outside the tree the plan
/// belongs to: its git repository, or its own directory when it is in none. (Not the
/// working directory: run from a home directory, that would hold the secrets.) A plan is
/// written by whoever can open a pull request; were it free to name any file, its errors
/// would print the lines of a runner's credentials into the CI log. `--policy`, written by
/// whoever runs cloudpact, may name any file.
fn outside_the_tree(path: &Path, plan_dir: &Path) -> Option<Diagnostic> {
    let canonical = std::fs::canonicalize(path).ok()?; // missing: reported as unreadable
    let plan_dir = std::fs::canonicalize(if plan_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        plan_dir
    })
    .ok()?;
    let repository = crate::input::walk::repository_of(&plan_dir);
    let roots = [Some(plan_dir.as_path()), repository];
    if roots
        .into_iter()
        .flatten()
        .any(|root| canonical.starts_with(root))
    {
        return None;
    }
    Some(
        Diagnostic::error(
            Code::PlanBrokenPack,
            format!(
                "pack {} is outside the plan's repository and directory: a plan may name only pack files inside them",
                path.display()
            ),
        )
        .with_help("give a pack from elsewhere on the command line, with --policy FILE, or copy it into the repository"),
    )
}

fn looks_like_path(name: &str) -> bool {
    name.contains('/') || name.contains('\\') || name.ends_with(".toml")
}

fn conflict(
    chosen: &[(Arc<Pack>, Option<Span>)],
    pack: &Pack,
    span: Option<Span>,
) -> Option<Diagnostic> {
    let (other, reason) = chosen.iter().find_map(|(p, _)| {
        if p.id == pack.id {
            return Some((p, format!("both are called `{}`", pack.id)));
        }
        pack.governs
            .iter()
            .find(|provider| p.governs(provider))
            .map(|provider| (p, format!("both govern provider `{provider}`")))
    })?;
    let mut diagnostic = Diagnostic::error(
        Code::PlanConflictingPacks,
        format!(
            "{} and {} cannot be used together: {reason}",
            other.location(),
            pack.location()
        ),
    )
    .with_help("select one of them: a provider's paths are authorised by exactly one pack");
    if let Some(span) = span {
        diagnostic = diagnostic.with_label(span, "selected here");
    }
    Some(diagnostic)
}
