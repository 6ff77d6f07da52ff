//! Every code cloudpact gives on its own (rules give `PACK/RULE` codes of their packs'
//! choosing): one enum, each code's name, severity, family and meaning in one match arm, so codes
//! stay unique and `explain` can answer for each.

use std::fmt;

use crate::base::diagnostic::Severity;

/// A code cloudpact gives on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    // Given in the namespace of the pack that governs the provider: `PACK/not-permitted`.
    NotPermitted,
    NotYetPermitted,
    NewlyPermitted,
    UnknownProduct,
    ProductRetired,
    // About the plan as a whole and the checks that read it.
    PlanUngovernedProvider,
    PlanExceptionExpired,
    PlanUnusedException,
    PlanTermEnded,
    PlanUnapprovedException,
    PlanUnknownRegion,
    PlanExceptionEndsFirst,
    PlanFindingsNotShown,
    PlanDomicileUnknown,
    // Of files that could not be checked (exit code 2).
    TomlSyntax,
    SchemaUnknownKey,
    SchemaMissingKey,
    SchemaType,
    SchemaEnum,
    SchemaDate,
    SchemaInvalid,
    InternalSchema,
    PlanDuplicateId,
    PlanInvalidTerm,
    PlanUnknownDeployment,
    PlanUnknownPack,
    PlanConflictingPacks,
    PlanBrokenPack,
    PackDuplicateId,
    PackReservedId,
    PackWindow,
    PackSourceNotAPage,
    IoRead,
    IoTooLarge,
    // About a pack that loads but cannot work as written, and its tests.
    PackNoCatalog,
    PackInertAllow,
    PackDeadPrefix,
    PackNoEffect,
    PackOfferedBeforeRelease,
    TestFailed,
}

/// Where a code is given, which decides its namespace and the part of `explain` that lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// In a pack's namespace: `PACK/not-permitted`.
    InPack,
    Plan,
    Load,
    Lint,
}

/// A code's name, severity, family and one-line meaning.
#[derive(Debug, Clone, Copy)]
pub struct About {
    pub name: &'static str,
    pub severity: Severity,
    pub family: Family,
    pub summary: &'static str,
}

impl Code {
    pub const ALL: [Code; 40] = [
        Code::NotPermitted,
        Code::NotYetPermitted,
        Code::NewlyPermitted,
        Code::UnknownProduct,
        Code::ProductRetired,
        Code::PlanUngovernedProvider,
        Code::PlanExceptionExpired,
        Code::PlanUnusedException,
        Code::PlanTermEnded,
        Code::PlanUnapprovedException,
        Code::PlanUnknownRegion,
        Code::PlanExceptionEndsFirst,
        Code::PlanFindingsNotShown,
        Code::PlanDomicileUnknown,
        Code::TomlSyntax,
        Code::SchemaUnknownKey,
        Code::SchemaMissingKey,
        Code::SchemaType,
        Code::SchemaEnum,
        Code::SchemaDate,
        Code::SchemaInvalid,
        Code::InternalSchema,
        Code::PlanDuplicateId,
        Code::PlanInvalidTerm,
        Code::PlanUnknownDeployment,
        Code::PlanUnknownPack,
        Code::PlanConflictingPacks,
        Code::PlanBrokenPack,
        Code::PackDuplicateId,
        Code::PackReservedId,
        Code::PackWindow,
        Code::PackSourceNotAPage,
        Code::IoRead,
        Code::IoTooLarge,
        Code::PackNoCatalog,
        Code::PackInertAllow,
        Code::PackDeadPrefix,
        Code::PackNoEffect,
        Code::PackOfferedBeforeRelease,
        Code::TestFailed,
    ];

    /// Everything said of a code, in one place.
    pub const fn about(self) -> About {
        let (name, severity, family, summary) = match self {
            Code::NotPermitted => (
                "not-permitted",
                Severity::Error,
                Family::InPack,
                "No allow rule of the pack that governs the provider grants this path on any day of the deployment's term. The help, and the deployment's `alternatives` in JSON, list the paths that are permitted for the product at the term's start.",
            ),
            Code::NotYetPermitted => (
                "not-yet-permitted",
                Severity::Error,
                Family::InPack,
                "The path is granted during the term, but not from its first day (or not on every day): the message names the date the grant starts and any gap.",
            ),
            Code::NewlyPermitted => (
                "newly-permitted",
                Severity::Advice,
                Family::InPack,
                "The path is granted by a rule whose window opened after a day on which the path was not permitted: the message names the date and the clause that opened it.",
            ),
            Code::UnknownProduct => (
                "unknown-product",
                Severity::Error,
                Family::InPack,
                "The product is in no selected pack's catalog: its dates (release, first offered on the primary cloud, offered on each cloud) are unknown, so cloudpact cannot say whether the path is permitted, and a gate that cannot decide does not pass. The help names the closest product, or says how to add it.",
            ),
            Code::ProductRetired => (
                "product-retired",
                Severity::Warning,
                Family::InPack,
                "The term runs past the product's `retired` date in the catalog, the last day it is served: no grant runs past it. The message names the day; end the term by then, or plan the product that replaces it.",
            ),
            Code::PlanUngovernedProvider => (
                "plan/ungoverned-provider",
                Severity::Warning,
                Family::Plan,
                "No selected pack governs the deployment's provider, so cloudpact cannot say which of its paths are permitted; deny, warn and advise rules still apply.",
            ),
            Code::PlanExceptionExpired => (
                "plan/exception-expired",
                Severity::Error,
                Family::Plan,
                "The exception's `expires` date is before the as-of date: it waives nothing until it is renewed or removed.",
            ),
            Code::PlanUnusedException => (
                "plan/unused-exception",
                Severity::Warning,
                Family::Plan,
                "No finding with the exception's code arises on the deployments it covers: remove it, or fix its `rule` code.",
            ),
            Code::PlanTermEnded => (
                "plan/term-ended",
                Severity::Error,
                Family::Plan,
                "The deployment has no `start`, so its term starts on the as-of date, but its `end` is earlier: give the deployment a start date.",
            ),
            Code::PlanUnapprovedException => (
                "plan/unapproved-exception",
                Severity::Error,
                Family::Plan,
                "The exception waives a code of a pack that names who may approve its exceptions ([pack].approvers), and its `approved_by` is not one of them: it waives nothing.",
            ),
            Code::PlanUnknownRegion => (
                "plan/unknown-region",
                Severity::Warning,
                Family::Plan,
                "The region catalog (policies/regions.toml) has no region of that name on the deployment's cloud, so rules on jurisdiction and government regions cannot see where the data is; the help suggests the closest name.",
            ),
            Code::PlanExceptionEndsFirst => (
                "plan/exception-ends-first",
                Severity::Warning,
                Family::Plan,
                "An exception waives an error or warning on a deployment whose term runs past the exception's `expires` date: from the day after, the waived finding applies again, so the deployment is conditional until the exception is renewed or the term ends by then.",
            ),
            Code::TomlSyntax => (
                "toml/syntax",
                Severity::Error,
                Family::Load,
                "The file is not valid TOML.",
            ),
            Code::SchemaUnknownKey => (
                "schema/unknown-key",
                Severity::Error,
                Family::Load,
                "A key the schema does not define; the help suggests the closest one.",
            ),
            Code::SchemaMissingKey => (
                "schema/missing-key",
                Severity::Error,
                Family::Load,
                "A required key is missing from the table.",
            ),
            Code::SchemaType => (
                "schema/type",
                Severity::Error,
                Family::Load,
                "A value of the wrong type (a string where a date or list is expected…).",
            ),
            Code::SchemaEnum => (
                "schema/enum",
                Severity::Error,
                Family::Load,
                "A value outside the allowed set (an unknown channel, cloud, sector…).",
            ),
            Code::SchemaDate => (
                "schema/date",
                Severity::Error,
                Family::Load,
                "A date that is not a calendar date, or has a time.",
            ),
            Code::SchemaInvalid => (
                "schema/invalid",
                Severity::Error,
                Family::Load,
                "A value the schema refuses for another reason (too long, wrong form…).",
            ),
            Code::InternalSchema => (
                "internal/schema",
                Severity::Error,
                Family::Load,
                "A built-in schema could not be compiled: a bug in cloudpact.",
            ),
            Code::PlanDuplicateId => (
                "plan/duplicate-id",
                Severity::Error,
                Family::Load,
                "Two deployments share an id.",
            ),
            Code::PlanInvalidTerm => (
                "plan/invalid-term",
                Severity::Error,
                Family::Load,
                "A deployment ends before it starts.",
            ),
            Code::PlanUnknownDeployment => (
                "plan/unknown-deployment",
                Severity::Error,
                Family::Load,
                "An exception names a deployment the file does not have.",
            ),
            Code::PlanUnknownPack => (
                "plan/unknown-pack",
                Severity::Error,
                Family::Load,
                "[plan].policies names a pack that is neither built in nor a file.",
            ),
            Code::PlanConflictingPacks => (
                "plan/conflicting-packs",
                Severity::Error,
                Family::Load,
                "Two selected packs both govern one provider.",
            ),
            Code::PlanBrokenPack => (
                "plan/broken-pack",
                Severity::Error,
                Family::Load,
                "A pack the plan selects could not be loaded; its own errors are reported with its file.",
            ),
            Code::PackDuplicateId => (
                "pack/duplicate-id",
                Severity::Error,
                Family::Load,
                "A pack defines a rule, clause or product id twice.",
            ),
            Code::PackReservedId => (
                "pack/reserved-id",
                Severity::Error,
                Family::Load,
                "A rule id that is one of the engine's own codes.",
            ),
            Code::PackWindow => (
                "pack/window",
                Severity::Error,
                Family::Load,
                "A rule or clause whose `until` precedes its `from`.",
            ),
            Code::PackSourceNotAPage => (
                "pack/source-not-a-page",
                Severity::Error,
                Family::Load,
                "A source that opens nothing stating the fact: a bare domain, a path cut off at a date folder, plain http, or a file path. Cite the https page that states it, or name a document your organisation holds.",
            ),
            Code::IoRead => (
                "io/read",
                Severity::Error,
                Family::Load,
                "The file could not be read (missing, unreadable, a directory loop, or not UTF-8).",
            ),
            Code::IoTooLarge => (
                "io/too-large",
                Severity::Error,
                Family::Load,
                "The file is larger than 8 MiB, the most cloudpact reads: almost surely not a plan or pack.",
            ),
            Code::PackNoCatalog => (
                "pack/no-catalog",
                Severity::Warning,
                Family::Lint,
                "A rule reads product dates (`first_on`, `requires_offered`) in a pack with no [[product]] catalog: every product is unknown and nothing is narrowed.",
            ),
            Code::PackInertAllow => (
                "pack/inert-allow",
                Severity::Warning,
                Family::Lint,
                "An allow rule that can grant nothing: its pack governs no provider, or it matches only providers the pack does not govern.",
            ),
            Code::PackDeadPrefix => (
                "pack/dead-prefix",
                Severity::Warning,
                Family::Lint,
                "A prefix (`channel = \"azur-*\"`) on a key with a fixed set of values (channel, cloud, kind, sector) that begins none of them: the condition never holds.",
            ),
            Code::PackNoEffect => (
                "pack/no-effect",
                Severity::Warning,
                Family::Lint,
                "A pack setting that does nothing: `on_expiry` on a deny, warn or advise rule; an empty `unless`, which excludes every path; a product of a provider the pack does not govern, whose dates are never read.",
            ),
            Code::PackOfferedBeforeRelease => (
                "pack/offered-before-release",
                Severity::Warning,
                Family::Lint,
                "A catalog product offered on a cloud before its `released` date: one of the dates is wrong.",
            ),
            Code::PlanFindingsNotShown => (
                "plan/findings-not-shown",
                Severity::Error,
                Family::Plan,
                "A deployment drew more findings of one severity than a report shows (25): the rest are counted in one finding of that severity, which the decision counts and no exception waives.",
            ),
            Code::PlanDomicileUnknown => (
                "plan/domicile-unknown",
                Severity::Advice,
                Family::Plan,
                "The plan sets no `domicile`, and rules that would decide its deployments turn on the buyer's home jurisdiction: they do not apply, and this names them.",
            ),
            Code::TestFailed => (
                "test/failed",
                Severity::Error,
                Family::Lint,
                "`cloudpact test`: a pack's [[test]] case got another decision or other codes than it expects, or could not run.",
            ),
        };
        About {
            name,
            severity,
            family,
            summary,
        }
    }

    /// For a code given in a pack's namespace, the part after `PACK/`; otherwise the whole code.
    pub const fn name(self) -> &'static str {
        self.about().name
    }

    pub const fn severity(self) -> Severity {
        self.about().severity
    }

    /// What the code means, in a sentence or two: `explain` prints it.
    pub const fn summary(self) -> &'static str {
        self.about().summary
    }

    pub const fn family(self) -> Family {
        self.about().family
    }

    /// Whether the code is given in a pack's namespace (`PACK/not-permitted`).
    pub const fn in_pack(self) -> bool {
        matches!(self.family(), Family::InPack)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A diagnostic's code is text (a pack's rules choose theirs); cloudpact's own become it here.
impl From<Code> for String {
    fn from(code: Code) -> String {
        code.name().to_string()
    }
}

impl PartialEq<Code> for String {
    fn eq(&self, code: &Code) -> bool {
        self == code.name()
    }
}

impl PartialEq<Code> for str {
    fn eq(&self, code: &Code) -> bool {
        self == code.name()
    }
}

/// Every code given in a pack's namespace.
pub fn in_pack() -> impl Iterator<Item = Code> {
    Code::ALL.into_iter().filter(|c| c.in_pack())
}

/// Every code with a fixed name (not in a pack's namespace).
pub fn fixed() -> impl Iterator<Item = Code> {
    Code::ALL.into_iter().filter(|c| !c.in_pack())
}

/// The code named `name` exactly, if cloudpact gives it on its own (fixed names only).
pub fn named(name: &str) -> Option<Code> {
    fixed().find(|c| c.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.name()), "duplicate code {code}");
        }
    }

    #[test]
    fn namespaced_codes_have_a_namespace() {
        for code in fixed() {
            assert!(code.name().contains('/'), "{code} lacks a namespace");
        }
        for code in in_pack() {
            assert!(!code.name().contains('/'));
        }
    }

    #[test]
    fn every_code_has_a_meaning() {
        for code in Code::ALL {
            assert!(code.summary().ends_with('.'), "{code}: {}", code.summary());
        }
    }
}
