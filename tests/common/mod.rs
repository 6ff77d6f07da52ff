//! What the CLI tests share: running the built binary as a user would.

/// Run `cloudpact ARGS…` (without the environment's `RUST_BACKTRACE`, which would change
/// its output): stdout, stderr and the exit code.
#[allow(clippy::unwrap_used)]
pub fn run(args: &[&str]) -> (String, String, i32) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cloudpact"))
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}
