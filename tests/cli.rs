//! The command line, tested as data: each `tests/cmd/<topic>/<case>.toml` is a case (arguments,
//! expected exit code) with its expected output beside it, as typos and cargo-deny do.
//! Refresh expected output with `TRYCMD=overwrite cargo test --test cli`, then read the diff.

#[test]
fn cli() {
    trycmd::TestCases::new()
        // The environment here sets RUST_BACKTRACE; output must not depend on it.
        .env("RUST_BACKTRACE", "0")
        .env("NO_COLOR", "1")
        .case("tests/cmd/*/*.toml")
        .case("README.md");
}
