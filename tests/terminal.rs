//! What reaches a terminal: `--color` wins over the environment, `CLICOLOR_FORCE` forces
//! colour into a pipe, `NO_COLOR` refuses it, and `--quiet` prints errors only.
#![allow(clippy::unwrap_used)]

use std::process::Command;

fn run(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cloudpact"));
    command
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("TERM");
    for (key, value) in env {
        command.env(key, value);
    }
    String::from_utf8(command.output().unwrap().stdout).unwrap()
}

const PLAN: &str = "examples/every-finding.plan.toml";

fn coloured(out: &str) -> bool {
    out.contains("\x1b[")
}

#[test]
fn colour_follows_the_flag_then_the_environment() {
    let check = |flag: Option<&str>, env: &[(&str, &str)]| {
        let mut args = vec!["check", "--as-of", "2026-06-01", PLAN];
        if let Some(flag) = flag {
            args.extend(["--color", flag]);
        }
        coloured(&run(&args, env))
    };
    // A pipe gets no colour by default…
    assert!(!check(None, &[]));
    // …unless forced, and not when the force is "0".
    assert!(check(None, &[("CLICOLOR_FORCE", "1")]));
    assert!(!check(None, &[("CLICOLOR_FORCE", "0")]));
    // The flag wins over both variables.
    assert!(check(Some("always"), &[("NO_COLOR", "1")]));
    assert!(!check(Some("never"), &[("CLICOLOR_FORCE", "1")]));
    assert!(!check(Some("auto"), &[]));
    // `--color` is global: it may come before the command too.
    assert!(coloured(&run(
        &["--color", "always", "check", "--as-of", "2026-06-01", PLAN],
        &[]
    )));
}

#[test]
fn quiet_prints_errors_only() {
    let quiet = run(&["check", "--quiet", "--as-of", "2026-06-01", PLAN], &[]);
    let loud = run(&["check", "--as-of", "2026-06-01", PLAN], &[]);
    assert!(loud.contains("⚠") && loud.contains("advice"), "{loud}");
    assert!(quiet.contains("×"), "the errors are shown:\n{quiet}");
    assert!(!quiet.contains("⚠"), "no warning:\n{quiet}");
    assert!(
        !quiet.contains("☞") && !quiet.contains("newly-permitted"),
        "no advice:\n{quiet}"
    );
    assert!(!quiet.contains("files checked"), "no summary:\n{quiet}");
    // A plan with advice and warnings only prints nothing.
    let calm = run(
        &[
            "check",
            "--quiet",
            "--no-builtin",
            "--policy",
            "tests/fixtures/packs/open.toml",
            "--policy",
            "tests/fixtures/packs/house.toml",
            "tests/fixtures/plans/advice-only.plan.toml",
        ],
        &[],
    );
    assert_eq!(calm, "", "{calm}");
}
