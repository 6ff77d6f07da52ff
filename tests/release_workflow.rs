//! The release workflow and the installer agree: every target `scripts/install.sh` downloads
//! is one `.github/workflows/release.yml` builds, under the name the script asks for, with the
//! checksum file it verifies, from the profile that carries the release settings. Read line by
//! line (no YAML crate here): the shapes are this repository's own.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The values of `key:` in the workflow, in order.
fn values<'a>(workflow: &'a str, key: &str) -> Vec<&'a str> {
    let prefix = format!("{key}:");
    workflow
        .lines()
        .map(|l| l.trim_start().trim_start_matches("- "))
        .filter_map(|l| l.strip_prefix(prefix.as_str()))
        .map(str::trim)
        .collect()
}

#[test]
fn every_target_the_installer_downloads_is_built_by_the_release() {
    let workflow = read(".github/workflows/release.yml");
    let built: BTreeSet<&str> = values(&workflow, "target")
        .into_iter()
        .filter(|t| !t.starts_with("${{"))
        .collect();
    // The installer's `target()` maps a machine to a target with `echo TARGET ;;` arms.
    let script = read("scripts/install.sh");
    let body = script.split("\ntarget() {").nth(1).unwrap();
    let body = body.split("\n}\n").next().unwrap();
    let downloaded: BTreeSet<&str> = body
        .lines()
        .filter_map(|l| l.split_once(") echo ").map(|(_, rest)| rest))
        .filter_map(|rest| rest.strip_suffix(" ;;"))
        .collect();
    assert!(
        downloaded.len() >= 5,
        "install.sh maps machines to targets: {downloaded:?}"
    );
    let wanted: BTreeSet<&str> = [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ]
    .into();
    assert_eq!(
        built, wanted,
        "linux (static musl) x86_64 and aarch64, macOS, Windows"
    );
    // cloudpact.exe is the name on Windows; the script's list of targets is the workflow's.
    assert_eq!(downloaded, built);
}

#[test]
fn the_release_archives_are_named_and_checked_as_the_installer_expects() {
    let workflow = read(".github/workflows/release.yml");
    // taiki-e/upload-rust-binary-action names an archive `$bin-$target` unless told otherwise,
    // and writes `<archive>.sha256` with the `sha256` checksum.
    assert_eq!(values(&workflow, "bin"), ["cloudpact"]);
    assert!(
        values(&workflow, "archive").is_empty(),
        "the default archive name"
    );
    assert_eq!(values(&workflow, "checksum"), ["sha256"]);
    assert_eq!(
        values(&workflow, "tar"),
        ["all"],
        "a .tar.gz on every platform"
    );
    assert_eq!(values(&workflow, "locked"), ["true"]);
    let script = read("scripts/install.sh");
    for name in [
        r#"archive="cloudpact-$target""#,
        r#""$archive.tar.gz" "$archive.sha256""#,
    ] {
        assert!(script.contains(name), "install.sh downloads {name}");
    }
    // The profile the release builds with exists and carries the release settings.
    assert_eq!(values(&workflow, "profile"), ["dist"]);
    let manifest = read("Cargo.toml");
    let dist = manifest.split("[profile.dist]").nth(1).unwrap();
    let dist = dist.split("\n[").next().unwrap();
    assert!(
        dist.contains("lto = \"thin\"") && dist.contains("codegen-units = 1"),
        "{dist}"
    );
}

#[test]
fn a_release_is_made_from_a_version_tag_that_is_the_crate_version() {
    let workflow = read(".github/workflows/release.yml");
    assert!(
        workflow.contains("      - v[0-9]+.[0-9]+.[0-9]+*"),
        "on version tags"
    );
    assert!(
        workflow.contains(r#"if [[ "$GITHUB_REF_NAME" != "v$version" ]]; then"#),
        "the tag is checked against Cargo.toml"
    );
    // The installer downloads the release of the version in Cargo.toml, at `v<version>`.
    let script = read("scripts/install.sh");
    assert!(script.contains(r#"url="$releases/v$version""#));
}
