//! Every code cloudpact gives on its own (rules give `PACK/RULE` codes of their packs'
//! choosing). One list, so codes stay unique and `explain` can answer for each.

use crate::diagnostic::Severity;

#[derive(Debug, Clone, Copy)]
pub struct Code {
    /// For a pack code, the part after `PACK/`; otherwise the whole code.
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

const fn code(name: &'static str, severity: Severity, summary: &'static str) -> Code {
    Code {
        name,
        severity,
        summary,
    }
}

pub const NOT_PERMITTED: Code = code(
    "not-permitted",
    Severity::Error,
    "No allow rule of the pack that governs the provider grants this path on any day of the deployment's term. The help lists the paths that are permitted for the product at the term's start.",
);
pub const NOT_YET_PERMITTED: Code = code(
    "not-yet-permitted",
    Severity::Error,
    "The path is granted during the term, but not from its first day (or not on every day): the message names the date the grant starts and any gap.",
);
pub const NEWLY_PERMITTED: Code = code(
    "newly-permitted",
    Severity::Advice,
    "The path is granted by a rule whose window opened after a day on which the path was not permitted: the message names the date and the clause that opened it.",
);
pub const UNKNOWN_PRODUCT: Code = code(
    "unknown-product",
    Severity::Warning,
    "The product is not in the catalog of the pack that governs its provider, so dates that depend on the product (first offered on the primary cloud, offered dates) cannot be applied.",
);

/// Codes the engine gives in a pack's namespace: `PACK/not-permitted`.
pub const PACK_ENGINE_CODES: &[Code] = &[
    NOT_PERMITTED,
    NOT_YET_PERMITTED,
    NEWLY_PERMITTED,
    UNKNOWN_PRODUCT,
];

pub const UNGOVERNED_PROVIDER: Code = code(
    "plan/ungoverned-provider",
    Severity::Warning,
    "No selected pack governs the deployment's provider, so cloudpact cannot say which of its paths are permitted; deny, warn and advise rules still apply.",
);
pub const EXCEPTION_EXPIRED: Code = code(
    "plan/exception-expired",
    Severity::Error,
    "The exception's `expires` date is before the as-of date: it waives nothing until it is renewed or removed.",
);
pub const UNUSED_EXCEPTION: Code = code(
    "plan/unused-exception",
    Severity::Warning,
    "No finding with the exception's code arises on the deployments it covers: remove it, or fix its `rule` code.",
);
pub const TERM_BEFORE_AS_OF: Code = code(
    "plan/term-ended",
    Severity::Error,
    "The deployment has no `start`, so its term starts on the as-of date, but its `end` is earlier: give the deployment a start date.",
);

pub const UNAPPROVED_EXCEPTION: Code = code(
    "plan/unapproved-exception",
    Severity::Error,
    "The exception waives a code of a pack that names who may approve its exceptions ([pack].approvers), and its `approved_by` is not one of them: it waives nothing.",
);
pub const UNKNOWN_REGION: Code = code(
    "plan/unknown-region",
    Severity::Warning,
    "The region catalog (policies/regions.toml) has no region of that name on the deployment's cloud, so rules on jurisdiction and government regions cannot see where the data is; the help suggests the closest name.",
);

/// Codes about the plan as a whole and the checks that read it.
pub const PLAN_CODES: &[Code] = &[
    UNGOVERNED_PROVIDER,
    EXCEPTION_EXPIRED,
    UNUSED_EXCEPTION,
    TERM_BEFORE_AS_OF,
    UNKNOWN_REGION,
    UNAPPROVED_EXCEPTION,
];

/// Codes of files that could not be checked (exit code 2).
pub const LOAD_CODES: &[Code] = &[
    code(TOML_SYNTAX, Severity::Error, "The file is not valid TOML."),
    code(
        UNKNOWN_KEY,
        Severity::Error,
        "A key the schema does not define; the help suggests the closest one.",
    ),
    code(
        MISSING_KEY,
        Severity::Error,
        "A required key is missing from the table.",
    ),
    code(
        WRONG_TYPE,
        Severity::Error,
        "A value of the wrong type (a string where a date or list is expected…).",
    ),
    code(
        NOT_ALLOWED,
        Severity::Error,
        "A value outside the allowed set (an unknown channel, cloud, sector…).",
    ),
    code(
        BAD_DATE,
        Severity::Error,
        "A date that is not a calendar date, or has a time.",
    ),
    code(
        DATE_AS_STRING,
        Severity::Error,
        "A date written in quotes: TOML dates are written bare (2026-07-01).",
    ),
    code(
        BAD_VALUE,
        Severity::Error,
        "A value the schema refuses for another reason (too long, wrong form…).",
    ),
    code(
        INTERNAL,
        Severity::Error,
        "A built-in schema could not be compiled: a bug in cloudpact.",
    ),
    code(
        PLAN_DUPLICATE_ID,
        Severity::Error,
        "Two deployments share an id.",
    ),
    code(
        INVALID_TERM,
        Severity::Error,
        "A deployment ends before it starts.",
    ),
    code(
        UNKNOWN_DEPLOYMENT,
        Severity::Error,
        "An exception names a deployment the file does not have.",
    ),
    code(
        UNKNOWN_PACK,
        Severity::Error,
        "[plan].policies names a pack that is neither built in nor a file.",
    ),
    code(
        CONFLICTING_PACKS,
        Severity::Error,
        "Two selected packs both govern one provider.",
    ),
    code(
        BROKEN_PACK,
        Severity::Error,
        "A pack the plan selects could not be loaded; its own errors are reported with its file.",
    ),
    code(
        PACK_DUPLICATE_ID,
        Severity::Error,
        "A pack defines a rule, clause or product id twice.",
    ),
    code(
        RESERVED_ID,
        Severity::Error,
        "A rule id that is one of the engine's own codes.",
    ),
    code(
        WINDOW,
        Severity::Error,
        "A rule or clause whose `until` precedes its `from`.",
    ),
    code(
        IO_ERROR,
        Severity::Error,
        "The file could not be read (missing, unreadable, a directory loop, or not UTF-8).",
    ),
    code(
        TOO_LARGE,
        Severity::Error,
        "The file is larger than 8 MiB, the most cloudpact reads: almost surely not a plan or pack.",
    ),
];

pub const IO_ERROR: &str = "io/read";

/// The names of the codes that loading and linting give, declared here so that every code
/// is in this file; the modules that give them re-export their own.
pub const TOML_SYNTAX: &str = "toml/syntax";
pub const TEST_FAILED: &str = "test/failed";
pub const UNKNOWN_PACK: &str = "plan/unknown-pack";
pub const CONFLICTING_PACKS: &str = "plan/conflicting-packs";
pub const BROKEN_PACK: &str = "plan/broken-pack";
pub const PACK_DUPLICATE_ID: &str = "pack/duplicate-id";
pub const RESERVED_ID: &str = "pack/reserved-id";
pub const WINDOW: &str = "pack/window";
pub const NO_CATALOG: &str = "pack/no-catalog";
pub const INERT_ALLOW: &str = "pack/inert-allow";
pub const DEAD_PREFIX: &str = "pack/dead-prefix";
pub const NO_EFFECT: &str = "pack/no-effect";
pub const OFFERED_BEFORE_RELEASE: &str = "pack/offered-before-release";
pub const PLAN_DUPLICATE_ID: &str = "plan/duplicate-id";
pub const INVALID_TERM: &str = "plan/invalid-term";
pub const UNKNOWN_DEPLOYMENT: &str = "plan/unknown-deployment";
pub const UNKNOWN_KEY: &str = "schema/unknown-key";
pub const MISSING_KEY: &str = "schema/missing-key";
pub const WRONG_TYPE: &str = "schema/type";
pub const NOT_ALLOWED: &str = "schema/enum";
pub const BAD_DATE: &str = "schema/date";
pub const DATE_AS_STRING: &str = "schema/date-as-string";
pub const BAD_VALUE: &str = "schema/invalid";
pub const INTERNAL: &str = "internal/schema";
pub const TOO_LARGE: &str = "io/too-large";

/// Warnings about a pack that loads but cannot work as written.
pub const LINT_CODES: &[Code] = &[
    code(
        NO_CATALOG,
        Severity::Warning,
        "A rule reads product dates (`first_on`, `requires_offered`) in a pack with no [[product]] catalog: every product is unknown and nothing is narrowed.",
    ),
    code(
        INERT_ALLOW,
        Severity::Warning,
        "An allow rule that can grant nothing: its pack governs no provider, or it matches only providers the pack does not govern.",
    ),
    code(
        DEAD_PREFIX,
        Severity::Warning,
        "A prefix (`channel = \"azur-*\"`) on a key with a fixed set of values (channel, cloud, kind, sector) that begins none of them: the condition never holds.",
    ),
    code(
        NO_EFFECT,
        Severity::Warning,
        "A pack setting that does nothing: `on_expiry` on a deny, warn or advise rule; an empty `unless`, which excludes every path; a product of a provider the pack does not govern, whose dates are never read.",
    ),
    code(
        OFFERED_BEFORE_RELEASE,
        Severity::Warning,
        "A catalog product offered on a cloud before its `released` date: one of the dates is wrong.",
    ),
    code(
        TEST_FAILED,
        Severity::Error,
        "`cloudpact test`: a pack's [[test]] case got another decision or other codes than it expects, or could not run.",
    ),
];

/// Every code with a fixed name (not in a pack's namespace).
pub fn fixed() -> impl Iterator<Item = &'static Code> {
    PLAN_CODES.iter().chain(LOAD_CODES).chain(LINT_CODES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique() {
        let mut seen = HashSet::new();
        for code in PACK_ENGINE_CODES.iter().chain(fixed()) {
            assert!(seen.insert(code.name), "duplicate code {}", code.name);
        }
    }

    #[test]
    fn namespaced_codes_have_a_namespace() {
        for code in fixed() {
            assert!(code.name.contains('/'), "{} lacks a namespace", code.name);
        }
        for code in PACK_ENGINE_CODES {
            assert!(!code.name.contains('/'));
        }
    }
}
