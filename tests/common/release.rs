//! A GitHub release of this build, laid out as `.github/workflows/release.yml` publishes one
//! (`v<version>/cloudpact-<target>.tar.gz` and `cloudpact-<target>.sha256`, written by
//! `sha256sum` as taiki-e/upload-rust-binary-action writes it), in a local folder that
//! `scripts/install.sh` downloads from through `CLOUDPACT_RELEASES=file://…`. The binary in
//! it is the one `cargo test` built.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/install.sh")
}

/// The release target `scripts/install.sh` picks for this machine, read from its cache key
/// (`cloudpact-<version>-<target>`).
pub fn target() -> String {
    let out = Command::new(script()).arg("key").output().unwrap();
    assert!(out.status.success(), "install.sh key: {out:?}");
    let key = String::from_utf8(out.stdout).unwrap();
    let prefix = format!("cloudpact-{}-", env!("CARGO_PKG_VERSION"));
    key.trim().strip_prefix(&prefix).unwrap().to_owned()
}

/// Makes a release of the test build in `root` and returns its `file://` address.
pub fn publish(root: &Path) -> String {
    let target = target();
    let archive = format!("cloudpact-{target}");
    let dir = root.join(format!("v{}", env!("CARGO_PKG_VERSION")));
    let stage = root.join("stage");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&stage).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_cloudpact"), stage.join("cloudpact")).unwrap();
    // gzip's fastest level: the debug binary is large, and the test is of the layout.
    let tar = Command::new("tar")
        .arg("--use-compress-program=gzip -1")
        .arg("-cf")
        .arg(dir.join(format!("{archive}.tar.gz")))
        .arg("-C")
        .arg(&stage)
        .arg("cloudpact")
        .status()
        .unwrap();
    assert!(tar.success());
    let sum = Command::new("sha256sum")
        .arg(format!("{archive}.tar.gz"))
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(sum.status.success(), "sha256sum: {sum:?}");
    std::fs::write(dir.join(format!("{archive}.sha256")), sum.stdout).unwrap();
    format!("file://{}", root.display())
}

/// A release of this build and an empty cache for the script to install it in.
pub struct Shared {
    /// The release's address, for `CLOUDPACT_RELEASES`.
    pub url: String,
    /// A folder for `XDG_CACHE_HOME`: emptied once per test binary, so no binary of an earlier
    /// build is found there (a release's cache is keyed by version, as a release never changes).
    pub cache: PathBuf,
}

/// One release for the whole test binary (`name` tells the binaries apart), made on first use
/// in Cargo's scratch folder for tests, so nothing is left outside `target/`.
pub fn shared(name: &str) -> &'static Shared {
    static RELEASE: OnceLock<Shared> = OnceLock::new();
    RELEASE.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("release-{name}"));
        let _ = std::fs::remove_dir_all(&root);
        let url = publish(&root);
        let cache = root.join("cache");
        std::fs::create_dir_all(&cache).unwrap();
        Shared { url, cache }
    })
}
