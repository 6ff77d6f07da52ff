//! A pack file → spanned TOML → schema check → typed pack → the checks a schema cannot make.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use toml::Spanned;

use crate::base::codes;
use crate::base::codes::Code;
use crate::base::date::TomlDate;
use crate::base::diagnostic::{Confidence, Diagnostic, Severity};
use crate::base::ids::{ProductId, ProviderId, RuleCode};
use crate::base::source::SourceFile;
use crate::base::vocab::Decision;
use crate::base::vocab::{Channel, Cloud, Sector};
use crate::input::document::Document;
use crate::input::document::tape;
use crate::input::plan::Deployment;
use crate::input::policy::builtin::Builtin;
use crate::input::policy::matcher::{RawMatch, RawUnless};
use crate::input::policy::{Clause, Effect, FirstOn, Kind, Origin, Pack, PackTest, Product, Rule};
use crate::input::schema;

/// The namespaces of cloudpact's own codes (`plan/…`, `schema/…`…).
pub(crate) const RESERVED_PACK_IDS: &[&str] =
    &["plan", "pack", "schema", "toml", "io", "internal", "test"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    pack: Spanned<PackHeader>,
    #[serde(default)]
    product: Vec<Spanned<RawProduct>>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
    #[serde(default)]
    clause: Vec<Spanned<RawClause>>,
    #[serde(default)]
    test: Vec<Spanned<RawTest>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTest {
    name: String,
    as_of: TomlDate,
    sector: Option<Spanned<Sector>>,
    domicile: Option<Spanned<String>>,
    #[serde(default)]
    packs: Vec<String>,
    #[serde(default)]
    products: Vec<Spanned<RawProduct>>,
    deployment: Spanned<Deployment>,
    decision: Decision,
    codes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackHeader {
    id: Spanned<String>,
    version: Option<String>,
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    governs: Vec<ProviderId>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    approvers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProduct {
    id: Spanned<String>,
    provider: ProviderId,
    title: Option<String>,
    kind: Kind,
    released: Option<TomlDate>,
    #[serde(default)]
    offered: BTreeMap<Cloud, TomlDate>,
    #[serde(default)]
    declined: Vec<Cloud>,
    retired: Option<TomlDate>,
    note: Option<String>,
    #[serde(default)]
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    effect: Effect,
    title: Option<String>,
    clause: Option<String>,
    from: Option<Spanned<TomlDate>>,
    until: Option<Spanned<TomlDate>>,
    #[serde(rename = "match", default)]
    matcher: RawMatch,
    unless: Option<RawUnless>,
    first_on: Option<RawFirstOn>,
    #[serde(default)]
    requires_offered: bool,
    on_expiry: Option<Expiry>,
    message: Option<String>,
    help: Option<String>,
    confidence: Option<Confidence>,
    #[serde(default)]
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFirstOn {
    cloud: Cloud,
    released_from: TomlDate,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum Expiry {
    Warn,
    Deny,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClause {
    id: Spanned<String>,
    title: String,
    clause: Option<String>,
    summary: String,
    from: Option<Spanned<TomlDate>>,
    until: Option<Spanned<TomlDate>>,
    confidence: Option<Confidence>,
    #[serde(default)]
    sources: Vec<String>,
}

/// Load a pack, or say everything that keeps it from being used.
pub fn load_pack(source: SourceFile, origin: Origin) -> Result<Pack, Vec<Diagnostic>> {
    load(source, origin)
}

/// Load a pack compiled into the binary, from the tape of its text (`document::tape`): the
/// test suite checked the text against the schema and linted its sources before it was
/// embedded, so a run does neither again.
pub fn load_embedded_pack(builtin: &Builtin) -> Result<Pack, Vec<Diagnostic>> {
    let source = SourceFile::new(builtin.file, builtin.text);
    let file = match tape::read(&builtin.tape) {
        Ok(file) => file,
        // Never taken by a tested build; the text gives the same pack, only slower.
        Err(_) => Document::parse_embedded(&source)
            .and_then(Document::into_typed)
            .map_err(|d| vec![d])?,
    };
    build(file, source, Origin::Builtin)
}

fn load(source: SourceFile, origin: Origin) -> Result<Pack, Vec<Diagnostic>> {
    let file: PackFile = {
        let doc = Document::parse_as(&source, crate::input::document::FileKind::Pack)
            .map_err(|d| vec![d])?;
        // A plan given where a pack was expected would fail the schema at every key: say
        // what it is instead.
        if doc.json().get("plan").is_some() && doc.json().get("pack").is_none() {
            return Err(vec![
                Diagnostic::error(
                    Code::SchemaMissingKey,
                    format!("{} is a plan, not a policy pack: it has no [pack] table", source.name),
                )
                .with_label(doc.spans().nearest("/plan"), "a plan's table")
                .with_help("check a plan with `cloudpact check PLAN`; a pack file starts with a [pack] table (`cloudpact schema policy` shows its format)"),
            ]);
        }
        // A built-in pack was checked against the schema by the test suite before it was
        // embedded; checking it again on every start would only cost start-up time.
        if origin != Origin::Builtin {
            let errors = schema::policy().map_err(|d| vec![d])?.check(&doc);
            if !errors.is_empty() {
                return Err(errors);
            }
        }
        let unopenable = super::source_lint::check_sources(&doc);
        if !unopenable.is_empty() {
            return Err(unopenable);
        }
        doc.into_typed().map_err(|d| vec![d])?
    };
    build(file, source, origin)
}

/// The pack a file holds, with the checks a schema cannot make.
fn build(file: PackFile, source: SourceFile, origin: Origin) -> Result<Pack, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let header = file.pack.into_inner();
    let (pack_id, id_span) = (header.id.get_ref().clone(), header.id.span());
    // cloudpact's own codes live in these namespaces: a pack named so could print findings
    // that read as cloudpact's (`plan/exception-expired`).
    if RESERVED_PACK_IDS.contains(&pack_id.as_str()) {
        errors.push(
            Diagnostic::error(
                Code::PackReservedId,
                format!(
                    "`{pack_id}` is the namespace of cloudpact's own codes; a pack cannot use it"
                ),
            )
            .with_label(id_span, "reserved id")
            .with_help(format!(
                "choose another id (an organisation's name, like `acme`); reserved: {}",
                RESERVED_PACK_IDS.join(", ")
            )),
        );
    }

    let mut seen_products = HashMap::new();
    let products: Vec<Product> = file
        .product
        .into_iter()
        .map(|p| {
            let key = (
                p.get_ref().provider.clone(),
                p.get_ref().id.get_ref().clone(),
            );
            if let Some(first) = seen_products.insert(key, p.get_ref().id.span()) {
                errors.push(duplicate(
                    "product",
                    p.get_ref().id.get_ref(),
                    p.get_ref().id.span(),
                    first,
                ));
            }
            product(p)
        })
        .collect();

    let mut seen_ids = HashMap::new();
    let mut rules = Vec::new();
    let mut no_effect = Vec::new();
    for raw in file.rule {
        let span = raw.span();
        let raw = raw.into_inner();
        if raw.on_expiry.is_some() && raw.effect != Effect::Allow {
            no_effect.push(
                Diagnostic::warning(
                    Code::PackNoEffect,
                    format!(
                        "`on_expiry` in rule `{}` has no effect: only an allow rule's grant runs out",
                        raw.id.get_ref()
                    ),
                )
                .with_label(span.clone(), "a deny, warn or advise rule")
                .with_help("drop `on_expiry`; a deny, warn or advise rule holds over its window, and `until` ends it"),
            );
        }
        let id = raw.id.get_ref().clone();
        check_id(&id, raw.id.span(), &mut seen_ids, &mut errors);
        check_window(&raw.from, &raw.until, &mut errors);
        rules.push(Rule {
            code: RuleCode::new(format!("{pack_id}/{id}")),
            id,
            effect: raw.effect,
            title: lf(raw.title),
            clause: lf(raw.clause),
            from: raw.from.map(|d| d.into_inner().0),
            until: raw.until.map(|d| d.into_inner().0),
            matcher: raw.matcher.build(),
            unless: raw.unless.map(|u| u.build()).unwrap_or_default(),
            first_on: raw.first_on.map(|f| FirstOn {
                cloud: f.cloud,
                released_from: f.released_from.0,
            }),
            requires_offered: raw.requires_offered,
            on_expiry: match raw.on_expiry {
                Some(Expiry::Deny) => Severity::Error,
                Some(Expiry::Warn) | None => Severity::Warning,
            },
            message: lf(raw.message),
            help: lf(raw.help),
            confidence: raw.confidence,
            sources: own_or_pack(raw.sources, &header.sources),
            span,
        });
    }

    let mut clauses = Vec::new();
    for raw in file.clause {
        let span = raw.span();
        let raw = raw.into_inner();
        let id = raw.id.get_ref().clone();
        check_id(&id, raw.id.span(), &mut seen_ids, &mut errors);
        check_window(&raw.from, &raw.until, &mut errors);
        clauses.push(Clause {
            code: format!("{pack_id}/{id}"),
            id,
            title: raw.title.replace("\r\n", "\n"),
            clause: lf(raw.clause),
            summary: raw.summary.replace("\r\n", "\n"),
            from: raw.from.map(|d| d.into_inner().0),
            until: raw.until.map(|d| d.into_inner().0),
            confidence: raw.confidence,
            sources: own_or_pack(raw.sources, &header.sources),
            span,
        });
    }

    let tests = file
        .test
        .into_iter()
        .map(|raw| {
            let span = raw.span();
            let raw = raw.into_inner();
            PackTest {
                name: raw.name,
                as_of: raw.as_of.0,
                sector: raw.sector,
                domicile: raw.domicile,
                packs: raw.packs,
                products: raw.products.into_iter().map(product).collect(),
                deployment: raw.deployment,
                decision: raw.decision,
                codes: raw.codes,
                span,
            }
        })
        .collect();

    if !errors.is_empty() {
        errors.sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
        return Err(errors);
    }
    let mut warnings = no_effect;
    warnings.extend(lint(&rules, &products, &header.governs));
    warnings.extend(lint_catalog(&products));
    warnings.sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
    let index = crate::input::policy::RuleIndex::new(&rules);
    let codes = crate::base::codes::in_pack()
        .map(|code| (code, format!("{pack_id}/{}", code.name())))
        .collect();
    Ok(Pack {
        codes,
        id: pack_id,
        version: header.version,
        title: lf(header.title),
        description: lf(header.description),
        governs: header.governs,
        approvers: header.approvers,
        sources: header.sources,
        products,
        rules,
        clauses,
        tests,
        warnings,
        origin,
        source,
        serial: crate::input::policy::next_serial(),
        index,
    })
}

/// What loads but cannot do what its author meant: warnings, with the rule's line.
fn lint(rules: &[Rule], products: &[Product], governs: &[ProviderId]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let header = |rule: &Rule| rule.span.clone();
    for rule in rules {
        // A governing pack's rules read the merged catalog; one that reads product dates and
        // brings no catalog of its own has most likely left it out.
        if (rule.first_on.is_some() || rule.requires_offered)
            && products.is_empty()
            && !governs.is_empty()
        {
            warnings.push(
                Diagnostic::warning(
                    Code::PackNoCatalog,
                    format!("rule `{}` reads product dates, but this pack has no [[product]] catalog", rule.id),
                )
                .with_label(header(rule), "reads the catalog")
                .with_help("add the products with their `released` and `offered` dates, or drop `first_on` / `requires_offered`: without a catalog every product is unknown and nothing is narrowed"),
            );
        }
        warnings.extend(dead_prefixes(rule));
        if rule
            .unless
            .iter()
            .any(crate::input::policy::Matcher::is_empty)
        {
            warnings.push(
                Diagnostic::warning(
                    Code::PackNoEffect,
                    format!("rule `{}` has an empty `unless`, which excludes every path: it never applies", rule.id),
                )
                .with_label(header(rule), "never applies")
                .with_help("give `unless` the keys of the paths to leave out (`unless = { cloud = \"azure\" }`), or drop it"),
            );
        }
        if rule.effect == Effect::Allow {
            let named: Vec<&str> = rule
                .matcher
                .patterns(crate::input::policy::MatchKey::Provider)
                .map(|ps| ps.iter().filter_map(|p| p.exact()).collect())
                .unwrap_or_default();
            let inert = governs.is_empty()
                || (!named.is_empty() && named.iter().all(|p| !governs.iter().any(|g| g == p)));
            if inert {
                let why = if governs.is_empty() {
                    "this pack governs no provider, and only a pack that governs a provider grants its paths".to_string()
                } else {
                    format!(
                        "it matches providers this pack does not govern ({})",
                        governs.join(", ")
                    )
                };
                warnings.push(
                    Diagnostic::warning(Code::PackInertAllow, format!("allow rule `{}` grants nothing: {why}", rule.id))
                        .with_label(header(rule), "never grants")
                        .with_help("an organisation's pack restricts with deny, warn and advise rules; to grant, add the provider to [pack].governs"),
                );
            }
        }
    }
    warnings
}

/// Catalog entries that cannot work as written: a product offered before it was released.
/// (A product of a provider the pack does not govern is not one: it extends the catalog of
/// the pack that governs the provider when both are selected.)
fn lint_catalog(products: &[Product]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for product in products {
        if let Some(released) = product.released {
            let mut early: Vec<_> = product
                .offered
                .iter()
                .filter(|(_, d)| **d < released)
                .collect();
            early.sort();
            for (cloud, offered) in early {
                warnings.push(
                    Diagnostic::warning(
                        Code::PackOfferedBeforeRelease,
                        format!(
                            "product `{}` is offered on {cloud} from {offered}, before its release on {released}",
                            product.id
                        ),
                    )
                    .with_label(product.span.clone(), "offered before released")
                    .with_help("check both dates: a grant narrowed by `offered` would start before the product existed"),
                );
            }
        }
    }
    warnings
}

/// A prefix on a key with a fixed vocabulary (`channel = "azur-*"`) that begins none of
/// its values: the condition can never hold, which is surely not what was meant.
fn dead_prefixes(rule: &Rule) -> Vec<Diagnostic> {
    use crate::input::policy::MatchKey;
    let vocabulary = |key: MatchKey| -> Option<Vec<&'static str>> {
        match key {
            MatchKey::Channel => Some(Channel::ALL.iter().map(|c| c.as_str()).collect()),
            MatchKey::Cloud => Some(Cloud::ALL.iter().map(|c| c.as_str()).collect()),
            MatchKey::Kind => Some(Kind::ALL.iter().map(|c| c.as_str()).collect()),
            MatchKey::Sector => Some(Sector::ALL.iter().map(|c| c.as_str()).collect()),
            _ => None,
        }
    };
    let mut found = Vec::new();
    for matcher in std::iter::once(&rule.matcher).chain(&rule.unless) {
        for key in matcher.keys() {
            let (Some(values), Some(patterns)) = (vocabulary(key), matcher.patterns(key)) else {
                continue;
            };
            for pattern in patterns {
                if let crate::input::policy::Pattern::Prefix(prefix) = pattern
                    && !values.iter().any(|v| v.starts_with(prefix.as_str()))
                {
                    found.push(
                        Diagnostic::warning(
                            Code::PackDeadPrefix,
                            format!(
                                "`{} = \"{pattern}\"` in rule `{}` matches no {}",
                                key.as_str(),
                                rule.id,
                                key.as_str()
                            ),
                        )
                        .with_label(rule.span.clone(), "this rule")
                        .with_help(format!("the values are: {}", values.join(", "))),
                    );
                }
            }
        }
    }
    found
}

/// Text as written in a file with CRLF line endings keeps a CR before each line break of a
/// multi-line string; it is text, not a control character to show.
fn lf(text: Option<String>) -> Option<String> {
    text.map(|t| {
        if t.contains('\r') {
            t.replace("\r\n", "\n")
        } else {
            t
        }
    })
}

/// A rule's or clause's sources: its own, or where it names none, its pack's.
fn own_or_pack(own: Vec<String>, pack: &[String]) -> Vec<String> {
    if own.is_empty() { pack.to_vec() } else { own }
}

fn product(raw: Spanned<RawProduct>) -> Product {
    let span = raw.span();
    let p = raw.into_inner();
    Product {
        id: ProductId::new(p.id.into_inner()),
        provider: p.provider,
        title: lf(p.title),
        kind: p.kind,
        released: p.released.map(|d| d.0),
        offered: p.offered.into_iter().map(|(c, d)| (c, d.0)).collect(),
        declined: p.declined,
        retired: p.retired.map(|d| d.0),
        note: lf(p.note),
        sources: p.sources,
        span,
    }
}

fn duplicate(
    what: &str,
    id: &str,
    span: std::ops::Range<usize>,
    first: std::ops::Range<usize>,
) -> Diagnostic {
    Diagnostic::error(
        Code::PackDuplicateId,
        format!("{what} id `{id}` is used twice in this pack"),
    )
    .with_label(span, "used again here")
    .with_label(first, "first used here")
}

/// Rule and clause ids share one namespace (their codes), which the engine's own codes
/// (`PACK/not-permitted`…) also live in.
fn check_id(
    id: &str,
    span: std::ops::Range<usize>,
    seen: &mut HashMap<String, std::ops::Range<usize>>,
    errors: &mut Vec<Diagnostic>,
) {
    if codes::in_pack().any(|c| c.name() == id) {
        errors.push(
            Diagnostic::error(
                Code::PackReservedId,
                format!("`{id}` is a code cloudpact itself gives; a rule cannot use it"),
            )
            .with_label(span.clone(), "reserved id")
            .with_help(format!(
                "choose another id: PACK/{id} is already the code of an engine finding"
            )),
        );
    }
    if let Some(first) = seen.insert(id.to_string(), span.clone()) {
        errors.push(duplicate("rule or clause", id, span, first));
    }
}

fn check_window(
    from: &Option<Spanned<TomlDate>>,
    until: &Option<Spanned<TomlDate>>,
    errors: &mut Vec<Diagnostic>,
) {
    if let (Some(from), Some(until)) = (from, until)
        && until.get_ref().0 < from.get_ref().0
    {
        errors.push(
            Diagnostic::error(
                Code::PackWindow,
                format!(
                    "the window ends ({}) before it starts ({})",
                    until.get_ref().0,
                    from.get_ref().0
                ),
            )
            .with_label(until.span(), "until")
            .with_label(from.span(), "from")
            .with_help("`from` and `until` are the first and last days the rule holds, inclusive"),
        );
    }
}
