//! `scripts/install.sh`, which the GitHub Action and the pre-commit hooks install cloudpact
//! with: a release binary is installed only when its SHA-256 matches the checksum published
//! beside it, a missing release says how to build from source instead, and a hook's run
//! installs once. The release is a local copy laid out as the release workflow publishes it
//! (`common/release.rs`). The script is bash: these tests run where bash does.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "common/release.rs"]
mod release;

/// A folder of its own for one test under Cargo's scratch folder, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("install-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A file of the release published under `dir/release`: the archive or its checksums.
fn published(dir: &Path, extension: &str) -> PathBuf {
    dir.join(format!(
        "release/v{}/cloudpact-{}.{extension}",
        env!("CARGO_PKG_VERSION"),
        release::target()
    ))
}

fn install(args: &[&str], releases: &str, cache: &Path) -> Output {
    Command::new(release::script())
        .args(args)
        .env("CLOUDPACT_RELEASES", releases)
        .env("XDG_CACHE_HOME", cache)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

/// Installing from `url` into `dir/tool` fails (exit 2) and says `says`; the folder it was
/// to go in.
fn refused(dir: &Path, url: &str, says: &str) -> PathBuf {
    let into = dir.join("tool");
    let out = install(&["install", "--dir", into.to_str().unwrap()], url, dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(says), "{}", stderr(&out));
    into
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_verified_release_binary_is_installed_and_runs() {
    let dir = scratch("verified");
    let url = release::publish(&dir.join("release"));
    let out = install(&["install", "--dir"], &url, &dir);
    assert_eq!(out.status.code(), Some(2), "install without a folder");
    let into = dir.join("tool");
    let out = install(
        &[
            "install",
            "--from",
            "release",
            "--dir",
            into.to_str().unwrap(),
        ],
        &url,
        &dir,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let version = Command::new(into.join("bin/cloudpact"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(version.stdout).unwrap().trim(),
        format!("cloudpact {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_archive_that_does_not_match_its_checksum_is_refused() {
    let dir = scratch("tampered");
    let url = release::publish(&dir.join("release"));
    let archive = published(&dir, "tar.gz");
    // One byte changed in the gzip trailer: still an archive, no longer the one published.
    let mut bytes = std::fs::read(&archive).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&archive, bytes).unwrap();
    let into = refused(
        &dir,
        &url,
        "does not match its published SHA-256: not installed",
    );
    assert!(!into.join("bin/cloudpact").exists(), "nothing is installed");
}

#[test]
fn a_checksum_file_that_does_not_list_the_archive_is_refused() {
    let dir = scratch("unlisted");
    let url = release::publish(&dir.join("release"));
    let sums = published(&dir, "sha256");
    std::fs::write(&sums, format!("{}  other.tar.gz\n", "0".repeat(64))).unwrap();
    let into = refused(&dir, &url, ".sha256 does not list");
    assert!(!into.exists());
}

#[test]
fn a_version_with_no_release_says_how_to_build_from_source() {
    let dir = scratch("unreleased");
    let url = format!("file://{}", dir.join("no-release-here").display());
    let out = install(
        &["install", "--dir", dir.join("tool").to_str().unwrap()],
        &url,
        &dir,
    );
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(
        text.contains(&format!("is v{} released?", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(text.contains("--from source"), "{text}");
}

#[test]
fn a_hook_run_installs_once_then_runs_from_the_cache() {
    let shared = release::shared("install");
    let run = |releases: &str| {
        install(
            &[
                "run",
                "--",
                "check",
                "--format",
                "json",
                "examples/harbor-bank.plan.toml",
            ],
            releases,
            &shared.cache,
        )
    };
    let first = run(&shared.url);
    assert!(
        first.status.code().is_some_and(|c| c < 2),
        "{}",
        stderr(&first)
    );
    // The second run finds the binary in the cache: no release is read.
    let second = run("file:///nonexistent");
    assert_eq!(
        second.status.code(),
        first.status.code(),
        "{}",
        stderr(&second)
    );
    assert_eq!(second.stdout, first.stdout);
    let entries: Vec<_> = std::fs::read_dir(shared.cache.join("cloudpact"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        entries,
        [format!(
            "cloudpact-{}-{}",
            env!("CARGO_PKG_VERSION"),
            release::target()
        )],
        "one install, no half-made folder left"
    );
}

#[test]
fn a_source_build_needs_cargo_and_says_so() {
    let dir = scratch("no-cargo");
    for bin in ["/usr/bin/cargo", "/bin/cargo"] {
        assert!(
            !Path::new(bin).exists(),
            "this test needs a PATH without cargo; {bin} is one"
        );
    }
    let out = Command::new("/bin/bash")
        .arg(release::script())
        .args(["install", "--from", "source", "--dir"])
        .arg(dir.join("tool"))
        // A PATH with the shell's tools and no cargo.
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--from source needs cargo on PATH"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unknown_way_to_install_is_refused() {
    let dir = scratch("unknown");
    let out = install(
        &["install", "--from", "crates", "--dir", "x"],
        "file:///x",
        &dir,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--from must be release or source"));
}
