//! The command line, declared with clap; each `///` is the help text the user sees.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use cloudpact::base::date::Date;
use cloudpact::base::vocab::Sector;

#[derive(Debug, Parser)]
#[command(
    name = "cloudpact",
    version,
    about = "Check an AI deployment plan against the agreements between model providers and clouds",
    long_about = "cloudpact checks an enterprise's AI deployment plan (TOML) against the dated terms of the \
agreements between model providers and clouds, and against the enterprise's own procurement rules, and \
explains which cloud paths are allowed, from which date, and why.\n\n\
Exit codes: 0 no errors; 1 findings at error level (or warnings under --deny-warnings); \
2 could not check (usage, unreadable file, TOML syntax, schema violation, broken policy pack)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour output: auto (a terminal, unless NO_COLOR is set; CLICOLOR_FORCE
    /// forces it), always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check plan files against the selected policy packs
    Check(CheckArgs),
    /// Which cloud paths are allowed now, and what changed since a date
    Paths(PathsArgs),
    /// A report on one plan for a procurement committee: decisions, findings, matrix, timeline
    Report(ReportArgs),
    /// Explain a code: the rule, its clause, dates, sources and rationale
    Explain(ExplainArgs),
    /// List the policy packs in force, or show one pack's catalog, rules and clauses
    Policies(PoliciesArgs),
    /// Run the test cases that policy packs carry ([[test]]); no PATH: the built-in packs
    Test(TestArgs),
    /// Write a commented starter plan that checks cleanly on its as-of date
    Init(InitArgs),
    /// Print a JSON Schema (the one cloudpact validates with), for editors and other tools
    Schema(SchemaArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print a manual page (roff), for `man -l -`: cloudpact(1), or a command's own page
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command whose page to print (`check` → cloudpact-check(1)); none: cloudpact(1)
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,

    /// Write every page (cloudpact.1, cloudpact-check.1, …) into this directory instead
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The provider whose paths the starter shows
    #[arg(long, value_name = "PROVIDER", default_value = "openai")]
    pub provider: cloudpact::base::ids::ProviderId,

    /// The plan's as-of date (default: today)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Where to write the plan (refuses to overwrite a file); - for stdout
    #[arg(
        long,
        short,
        value_name = "FILE",
        default_value = "cloudpact.plan.toml"
    )]
    pub output: std::path::PathBuf,

    /// Also write the plan schema beside the plan (plan.schema.json), and point the plan's
    /// `#:schema` line at it instead of the schema's web address
    #[arg(long)]
    pub schema: bool,

    #[command(flatten)]
    pub packs: PackArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// Plan files (*.plan.toml)
    Plan,
    /// Policy packs
    Policy,
    /// The region catalog
    Regions,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema
    #[arg(value_enum)]
    pub kind: SchemaKind,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Pack files, or directories holding them (*.toml with a [pack] table)
    #[arg(value_name = "PATH")]
    pub paths: Vec<std::path::PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = InfoFormat::Human)]
    pub format: InfoFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InfoFormat {
    /// Text and tables, for people
    Human,
    /// JSON, for programs
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PathsFormat {
    /// A table for the terminal
    Table,
    /// A markdown table, to paste into a procurement memo
    Markdown,
    /// JSON, for programs
    Json,
}

#[derive(Debug, Args)]
pub struct PathsArgs {
    /// The provider whose paths to show (default: every provider a selected pack governs)
    #[arg(long, value_name = "PROVIDER")]
    pub provider: Option<cloudpact::base::ids::ProviderId>,

    /// Evaluate for this product, so catalog dates apply (first on the primary cloud, offered dates)
    #[arg(long, value_name = "PRODUCT")]
    pub product: Option<cloudpact::base::ids::ProductId>,

    /// The day to show (YYYY-MM-DD; default today)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Also show each path's status on this day, and mark what changed
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<Date>,

    /// The buyer's sector, for rules that depend on it (with --plan: the plan's own sector)
    #[arg(long, value_name = "SECTOR", conflicts_with = "plan")]
    pub sector: Option<Sector>,

    /// The buyer's home jurisdiction (us, eu, uk…), for rules that depend on it (with --plan: the plan's own)
    #[arg(long, value_name = "JURISDICTION", conflicts_with = "plan", value_parser = parse_domicile)]
    pub domicile: Option<String>,

    /// For each deployment of this plan, list the other paths permitted for its product at its start
    #[arg(long, value_name = "FILE", conflicts_with_all = ["provider", "product", "since"])]
    pub plan: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub packs: PackArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = PathsFormat::Table)]
    pub format: PathsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file (no external scripts, fonts or images)
    Html,
    /// The same content as markdown tables
    Markdown,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The plan file, or - for stdin
    #[arg(value_name = "PLAN")]
    pub plan: std::path::PathBuf,

    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,

    /// Write the report to this file instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// Evaluate as of this date (YYYY-MM-DD) instead of [plan].as_of or today
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,

    #[command(flatten)]
    pub packs: PackArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A finding code: PACK/RULE (openai-microsoft/any-cloud), PACK/not-permitted, plan/unused-exception…
    #[arg(value_name = "CODE")]
    pub code: String,

    /// Read the packs this plan selects ([plan].policies, relative to the plan), as check does
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<PathBuf>,

    #[command(flatten)]
    pub packs: PackArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = InfoFormat::Human)]
    pub format: InfoFormat,
}

#[derive(Debug, Args)]
pub struct PoliciesArgs {
    #[command(subcommand)]
    pub action: Option<PoliciesAction>,

    /// The packs this plan selects ([plan].policies, relative to the plan), as check does
    #[arg(long, value_name = "PLAN", global = true)]
    pub plan: Option<PathBuf>,

    #[command(flatten)]
    pub packs: PackArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = InfoFormat::Human, global = true)]
    pub format: InfoFormat,
}

#[derive(Debug, Subcommand)]
pub enum PoliciesAction {
    /// The packs in force (the default)
    List,
    /// One pack: its catalog, rules with their dates, and informational clauses
    Show {
        /// The pack's id, as `policies list` shows it
        #[arg(value_name = "ID")]
        id: String,
    },
}

/// Which policy packs to evaluate against.
#[derive(Debug, Args, Clone, Default)]
pub struct PackArgs {
    /// A policy pack file to add (repeatable); it overrides a built-in pack for the providers it governs
    #[arg(long = "policy", value_name = "FILE", global = true)]
    pub policies: Vec<PathBuf>,

    /// Use no built-in pack (for check: unless a plan names one in [plan].policies)
    #[arg(long, global = true)]
    pub no_builtin: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics with the plan's lines, for people
    Human,
    /// The versioned JSON report, for programs
    Json,
    /// SARIF 2.1.0, for code scanning (github/codeql-action/upload-sarif)
    Sarif,
    /// GitHub Actions workflow commands: annotations on the plan's lines
    Github,
    /// JUnit XML: a suite per plan file, a case per deployment (and `[plan]` for its exceptions)
    Junit,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Plan files, directories (walked; .gitignore honoured as git does; plans are *.plan.toml, or .toml files with a [plan] table and a [[deployment]] array), or - for stdin
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<String>,

    #[command(flatten)]
    pub packs: PackArgs,

    /// Evaluate as of this date (YYYY-MM-DD) instead of [plan].as_of or today
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Exit with 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,

    /// Exit with 0 when no plan file is found (by default a check of nothing fails: exit 2)
    #[arg(long)]
    pub allow_empty: bool,

    /// Pass over a named file that is not a plan, as a directory walk does (for a hook that
    /// passes every changed .toml file): a plan is *.plan.toml, or a .toml file with a [plan]
    /// table and a [[deployment]] array
    #[arg(long)]
    pub skip_non_plans: bool,

    /// With --format sarif: write advice as results too (by default only errors, warnings
    /// and waived findings, which code scanning can act on)
    #[arg(long)]
    pub sarif_advice: bool,

    /// Print only errors: no deployment lines, warnings, advice or summary
    #[arg(long, short)]
    pub quiet: bool,
}

/// A domicile as plans write it: two lowercase letters.
fn parse_domicile(text: &str) -> Result<String, String> {
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(text.to_string())
    } else {
        Err("a lowercase two-letter jurisdiction: us, eu, uk, ch, jp…".to_string())
    }
}

/// A day, written as plans write it: `YYYY-MM-DD`, no time (jiff would read a datetime and
/// drop its time, where a plan's date with a time is an error).
fn parse_date(text: &str) -> Result<Date, String> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shaped
        .then(|| text.parse::<Date>().ok())
        .flatten()
        .ok_or_else(|| format!("`{text}` is not a date: expected YYYY-MM-DD, like 2026-06-01"))
}
