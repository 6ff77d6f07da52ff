//! What the world does to a CI job: a full disk, a reader that goes away, a directory with
//! a symlink loop, a file name that is not UTF-8, a binary file named `.toml`, a plan
//! holding escape sequences. cloudpact ends cleanly, with the right exit code, every time.

// A test that fails may panic: that is how it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Read;
use std::process::{Command, Stdio};

fn cloudpact() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cloudpact"));
    command.env_remove("RUST_BACKTRACE");
    command
}

#[test]
fn a_full_disk_is_exit_2_with_a_message() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not on this system
    };
    let out = cloudpact()
        .args(["check", "examples/"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot write output"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn a_closed_pipe_ends_quietly_with_the_runs_exit_code() {
    for format in ["human", "json", "sarif", "github", "junit"] {
        let mut child = cloudpact()
            .args(["check", "examples/", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one byte, then hang up, as `| head -c 1` does.
        let mut stdout = child.stdout.take().unwrap();
        let mut byte = [0u8; 1];
        let _ = stdout.read(&mut byte);
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        // The examples have errors: the exit code counts every file, written or not.
        assert_eq!(out.status.code(), Some(1), "{format}: {stderr}");
    }
}

#[test]
fn a_hostile_directory_is_walked_and_every_file_reported() {
    let dir = std::env::temp_dir().join(format!("cloudpact-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("good.plan.toml"), "[plan]\nas_of = 2026-06-01\n").unwrap();
    // A binary file named like a plan, and one named like any TOML file.
    std::fs::write(dir.join("blob.plan.toml"), [0u8, 159, 146, 150, 255, 0, 1]).unwrap();
    std::fs::write(dir.join("blob.toml"), [0u8, 255, 254, 0]).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        // A symlink loop: `sub/loop` points back at the directory.
        std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
        // A file name that is not UTF-8.
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.plan.toml");
        std::fs::write(dir.join(name), "[plan]\nas_of = 2026-06-01\n").unwrap();
    }
    let out = cloudpact()
        .args(["check", dir.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        out.status.code(),
        Some(2),
        "the binary plan could not be checked"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(
        paths.iter().any(|p| p.ends_with("good.plan.toml")),
        "{paths:?}"
    );
    let blob = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("blob.plan.toml"))
        .unwrap();
    assert_eq!(blob["diagnostics"][0]["code"], "io/read");
    #[cfg(unix)]
    assert!(
        paths
            .iter()
            .any(|p| p.contains("caf") && p.ends_with(".plan.toml")),
        "{paths:?}"
    );
    // The loop is not followed: each file is reported once.
    let good = paths
        .iter()
        .filter(|p| p.ends_with("good.plan.toml"))
        .count();
    assert_eq!(good, 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_walk_finds_plans_in_hidden_directories_and_however_toml_spells_the_plan_table() {
    let dir = std::env::temp_dir().join(format!("cloudpact-spellings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".cloudpact")).unwrap();
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    let deployment = "\n[[deployment]]\nid = \"a\"\nprovider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"direct\"\ncloud = \"aws\"\nstart = 2026-03-01\n";
    // Each is a plan (denied: gpt-5 on AWS before 2026-04-27), however its table is spelled.
    let plans = [
        (".cloudpact/hidden.toml", "[plan]\nas_of = 2026-03-01\n"),
        ("dotted.toml", "plan.as_of = 2026-03-01\n"),
        ("quoted.toml", "[\"plan\"]\nas_of = 2026-03-01\n"),
        ("inline.toml", "plan = { as_of = 2026-03-01 }\n"),
    ];
    for (name, head) in plans {
        std::fs::write(dir.join(name), format!("{head}{deployment}")).unwrap();
    }
    // Version-control internals are not walked; other TOML is not a plan.
    std::fs::write(dir.join(".git/stale.plan.toml"), "not toml at all [").unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"x\" # plan\n").unwrap();
    let out = cloudpact()
        .args(["check", dir.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut paths: Vec<String> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            path.strip_prefix(dir.to_str().unwrap())
                .unwrap()
                .trim_start_matches('/')
                .to_string()
        })
        .collect();
    paths.sort();
    let mut expected: Vec<&str> = plans.iter().map(|(name, _)| *name).collect();
    expected.sort();
    assert_eq!(paths, expected);
    assert_eq!(json["summary"]["denied"], 4);
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn escape_sequences_in_a_plan_never_reach_the_terminal() {
    let dir = std::env::temp_dir().join(format!("cloudpact-ansi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("ansi.plan.toml");
    std::fs::write(
        &plan,
        "[plan]\norganization = \"Evil \\u001b[2J\\u001b]0;title\\u0007 \\u009b31m\"\nas_of = 2026-06-01\n\n[[deployment]]\nid = \"x\"\nprovider = \"openai\"\nproduct = \"gpt-5\\u001b[31m\"\nchannel = \"direct\"\ncloud = \"aws\"\n\n[[exception]]\nrule = \"openai-microsoft/unknown-product\"\nreason = \"\\u001b[1A\\u001b[2Kforged line\"\nexpires = 2026-12-31\n",
    )
    .unwrap();
    for args in [
        vec!["check"],
        vec!["check", "--quiet"],
        vec!["report", "--format", "markdown"],
        vec!["paths", "--plan"],
    ] {
        let mut all = args.clone();
        all.push(plan.to_str().unwrap());
        let out = cloudpact().args(&all).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let bad: Vec<char> = text
            .chars()
            .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
            .collect();
        assert!(
            bad.is_empty(),
            "{args:?} wrote control characters {bad:?}:\n{text}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A FIFO named as a plan or pack would block a reader until some writer came: cloudpact
/// refuses it at once instead, so a CI job never hangs on one.
#[cfg(unix)]
#[test]
fn a_fifo_is_refused_not_waited_on() {
    let dir = std::env::temp_dir().join(format!("cloudpact-fifo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("pipe.plan.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    let plan = dir.join("names-a-fifo.plan.toml");
    std::fs::write(
        &plan,
        "[plan]\nas_of = 2026-06-01\npolicies = [\"./pipe.plan.toml\"]\n",
    )
    .unwrap();
    for args in [
        vec!["check", fifo.to_str().unwrap()],
        vec!["check", plan.to_str().unwrap()],
        vec![
            "check",
            "--policy",
            fifo.to_str().unwrap(),
            plan.to_str().unwrap(),
        ],
        vec!["test", fifo.to_str().unwrap()],
        vec!["report", fifo.to_str().unwrap()],
    ] {
        let mut child = cloudpact()
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > std::time::Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("{args:?} waited on the FIFO");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        assert_eq!(status.code(), Some(2), "{args:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `.gitignore` is read as git reads it: within a repository, never from above its root, so
/// an ignore file in a parent directory cannot hide a repository's plans.
#[test]
fn an_ignore_file_above_the_repository_hides_no_plan() {
    let dir = std::env::temp_dir().join(format!("cloudpact-gitroot-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let repo = dir.join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    std::fs::write(dir.join(".gitignore"), "*.toml\n").unwrap();
    std::fs::write(dir.join(".ignore"), "*.toml\n").unwrap();
    let plan = "[plan]\nas_of = 2026-06-01\n\n[[deployment]]\nid = \"a\"\nprovider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"direct\"\ncloud = \"aws\"\nstart = 2026-03-01\n";
    std::fs::write(repo.join("a.toml"), plan).unwrap();
    // With git here, `repo` is a repository under an ignore file; without, a plain directory.
    let _ = Command::new("git")
        .args(["init", "-q"])
        .current_dir(&repo)
        .status();
    let out = cloudpact()
        .args(["check", repo.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Inside a repository, not the ignore file above its root; outside one, only those
    // within the walked directory.
    assert_eq!(json["summary"]["files"], 1, "{json}");
    assert_eq!(out.status.code(), Some(1), "the plan is denied");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A plan may name pack files only within its repository, or below its own directory: a
/// plan that names a runner's secrets gets an error, and no line of them, even when
/// cloudpact runs from a directory that holds them.
#[test]
fn a_plan_cannot_name_a_file_outside_its_tree() {
    let base = std::env::temp_dir().join(format!("cloudpact-tree-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let (secrets, repo) = (base.join("home"), base.join("repo"));
    std::fs::create_dir_all(&secrets).unwrap();
    std::fs::create_dir_all(repo.join("policies")).unwrap();
    let secret = secrets.join("credentials.toml");
    std::fs::write(&secret, "[default]\ntoken = \"SECRET-TOKEN-123\"\n").unwrap();
    std::fs::write(
        repo.join("policies/ours.toml"),
        "[pack]\nid = \"ours\"\n\n[[rule]]\nid = \"no-oci\"\neffect = \"deny\"\nmatch = { cloud = \"oci\" }\n",
    )
    .unwrap();
    let plan = repo.join("a.plan.toml");
    for (named, allowed) in [
        (secret.to_str().unwrap().to_string(), false),
        ("../home/credentials.toml".to_string(), false),
        ("./policies/ours.toml".to_string(), true),
    ] {
        std::fs::write(
            &plan,
            format!("[plan]\nas_of = 2026-06-01\npolicies = [{named:?}]\n"),
        )
        .unwrap();
        let out = cloudpact()
            .args(["check", plan.to_str().unwrap()])
            .current_dir(&base)
            .output()
            .unwrap();
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(!shown.contains("SECRET-TOKEN"), "{named}: {shown}");
        if allowed {
            assert_eq!(out.status.code(), Some(0), "{named}: {shown}");
        } else {
            assert_eq!(out.status.code(), Some(2), "{named}: {shown}");
            assert!(shown.contains("outside the plan's repository"), "{shown}");
        }
    }
    // Given on the command line, the same file is read: whoever runs cloudpact chose it.
    let out = cloudpact()
        .args([
            "check",
            "--policy",
            secret.to_str().unwrap(),
            plan.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("credentials.toml"),
        "read, and its errors reported"
    );
    std::fs::remove_dir_all(&base).unwrap();
}

/// A file under the size limit can still hold millions of tiny values, each costly to parse
/// with spans: it is refused before any is allocated, naming the limit.
#[test]
fn millions_of_tiny_values_are_refused_before_parsing() {
    let dir = std::env::temp_dir().join(format!("cloudpact-values-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("values.plan.toml");
    // The plan written as `text`, checked: it must be refused as too large (exit 2).
    let refused = |text: String| {
        std::fs::write(&plan, text).unwrap();
        let out = cloudpact()
            .args(["check", plan.to_str().unwrap(), "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let diagnostic = json["files"][0]["diagnostics"][0].clone();
        assert_eq!(diagnostic["code"], "io/too-large", "{diagnostic}");
        diagnostic
    };
    let diagnostic = refused(format!("[plan]\nx = [{}1]\n", "1,".repeat(1_000_000)));
    assert!(
        diagnostic["message"].as_str().unwrap().contains("250000"),
        "{diagnostic}"
    );
    // Dotted keys build a table per part: 40,000 keys of 20 parts are 800,000 tables from
    // 3.4 MB, refused at the line that crosses the limit; one key of 400,000 parts likewise.
    let key = ".a".repeat(19);
    let lines: String = (0..40_000).map(|i| format!("k{i}{key} = 1\n")).collect();
    for (text, line) in [
        (format!("[plan]\n{lines}"), 12_501),
        (format!("[plan]\nk{} = 1\n", ".a".repeat(400_000)), 2),
    ] {
        let diagnostic = refused(text);
        let message = diagnostic["message"].as_str().unwrap();
        assert!(message.contains(&format!("(line {line}, ")), "{message}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A file named twice, or named and also found in a directory, is checked once; so is stdin.
#[test]
fn each_file_is_checked_once_however_often_it_is_named() {
    let plan = "examples/harbor-bank.plan.toml";
    let out = cloudpact()
        .args([
            "check",
            plan,
            &format!("./{plan}"),
            "examples/",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths
            .iter()
            .filter(|p| p.ends_with("harbor-bank.plan.toml"))
            .count(),
        1
    );
    assert_eq!(paths.first(), Some(&plan), "{paths:?}");
    let mut child = cloudpact()
        .args(["check", "-", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        &mut child.stdin.take().unwrap(),
        b"[plan]\nas_of = 2026-06-01\n",
    )
    .unwrap();
    let out = child.wait_with_output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(out.status.code(), Some(0));
}

/// Names from every script are plain text, right-to-left marks included; only the
/// characters that reorder or control a line are refused.
#[test]
fn names_in_any_script_are_text() {
    let dir = std::env::temp_dir().join(format!("cloudpact-scripts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("names.plan.toml");
    std::fs::write(
        &plan,
        "[plan]\norganization = \"Société Générale · 東京海上 · בנק\u{200F} לאומי · 🚀\"\nas_of = 2026-06-01\n\n[[deployment]]\nid = \"a\"\nprovider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"direct\"\ncloud = \"azure\"\n\n[[exception]]\nrule = \"openai-microsoft/newly-permitted\"\nreason = \"\"\"Line one,\twith a tab.\nLine two — d'accord.\"\"\"\napproved_by = \"zoë@example.com\"\nexpires = 2026-12-31\n",
    )
    .unwrap();
    let out = cloudpact()
        .args(["check", plan.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["unchecked"], 0, "{json}");
    assert!(
        json["files"][0]["organization"]
            .as_str()
            .unwrap()
            .contains("東京海上")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A link to a plan is the plan; a link that leads nowhere is reported, not skipped.
#[cfg(unix)]
#[test]
fn links_inside_the_tree_are_walked_and_links_out_of_it_are_not_followed() {
    let dir = std::env::temp_dir().join(format!("cloudpact-links-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("walked/kept")).unwrap();
    let plan = "[plan]\nas_of = 2026-06-01\n\n[[deployment]]\nid = \"a\"\nprovider = \"openai\"\nproduct = \"gpt-5\"\nchannel = \"azure-foundry\"\n";
    std::fs::write(dir.join("walked/kept/real.toml"), plan).unwrap();
    // Outside the walked tree: a plan would be read, were links followed out of it; a
    // runner's secret is what a pull request would link to.
    std::fs::write(
        dir.join("outside.toml"),
        "# SECRET-TOKEN-123\n[plan]\nas_of = 2026-06-01\n",
    )
    .unwrap();
    let link = |target: &str, name: &str| {
        std::os::unix::fs::symlink(dir.join(target), dir.join("walked").join(name)).unwrap();
    };
    link("walked/kept/real.toml", "inside.plan.toml");
    link("outside.toml", "outside.plan.toml");
    link("gone.toml", "gone.plan.toml");
    std::os::unix::fs::symlink("/etc/passwd", dir.join("walked/passwd.plan.toml")).unwrap();
    let out = cloudpact()
        .args([
            "check",
            dir.join("walked").to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = json.to_string();
    assert!(
        !text.contains("SECRET-TOKEN") && !text.contains("root:"),
        "{json}"
    );
    let unchecked: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["checked"] == false)
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(unchecked.len(), 3, "{json}");
    for name in ["outside.plan.toml", "passwd.plan.toml", "gone.plan.toml"] {
        assert!(
            unchecked.iter().any(|p| p.ends_with(name)),
            "{name}: {json}"
        );
    }
    assert!(
        text.contains("does not follow a link out of the tree"),
        "{json}"
    );
    // The link inside the tree and the file it names are the same plan, checked once each
    // way it was found.
    assert_eq!(json["summary"]["files"], 5, "{json}");
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn nothing_under_git_is_read_and_a_pack_must_be_a_toml_file() {
    let repo = std::env::temp_dir().join(format!("cloudpact-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    let token = "[http]\nextraheader = \"AUTHORIZATION: basic SECRET-TOKEN-123\"\n";
    std::fs::write(repo.join(".git/config"), token).unwrap();
    std::fs::write(repo.join(".git/config.toml"), token).unwrap();
    std::os::unix::fs::symlink(repo.join(".git/config"), repo.join("linked.toml")).unwrap();
    for (named, says) in [
        ("./.git/config", "is not a .toml file"),
        ("./.git/config.toml", "inside a version-control directory"),
        ("./linked.toml", "inside a version-control directory"),
    ] {
        std::fs::write(
            repo.join("a.plan.toml"),
            format!("[plan]\nas_of = 2026-06-01\npolicies = [{named:?}]\n"),
        )
        .unwrap();
        let out = cloudpact()
            .args(["check", "a.plan.toml"])
            .current_dir(&repo)
            .output()
            .unwrap();
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(!shown.contains("SECRET-TOKEN"), "{named}: {shown}");
        assert!(shown.contains(says), "{named}: {shown}");
        assert_eq!(out.status.code(), Some(2), "{named}: {shown}");
    }
    // Named on the command line, a file under .git/ is refused too.
    let out = cloudpact()
        .args(["check", ".git/config.toml"])
        .current_dir(&repo)
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(!shown.contains("SECRET-TOKEN"), "{shown}");
    assert_eq!(out.status.code(), Some(2), "{shown}");
    std::fs::remove_dir_all(&repo).unwrap();
}

/// A line too long to draw is not drawn, but the finding still says where it is.
#[test]
fn a_line_too_long_to_draw_is_placed_by_file_line_and_column() {
    let dir = std::env::temp_dir().join(format!("cloudpact-wide-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("wide.plan.toml");
    let padding = " ".repeat(20_000);
    std::fs::write(
        &plan,
        format!("[plan]\nas_of = 2026-06-01\nsector ={padding}\"retail\"\n"),
    )
    .unwrap();
    let out = cloudpact()
        .args(["check", plan.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    // `sector =` and 20,000 blanks: the value starts in column 20,009.
    assert!(shown.contains("wide.plan.toml:3:20009:"), "{shown}");
    assert!(shown.contains("too long to show"), "{shown}");
    assert!(shown.len() < 5_000, "the line is not drawn");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A pack of many warn rules over many deployments cannot make a report without bound:
/// each deployment keeps the first 25 findings of a severity and one finding counts the
/// rest, with that severity, so the decision is the one all of them make.
#[test]
fn findings_are_kept_to_the_first_of_each_severity_per_deployment() {
    let dir = std::env::temp_dir().join(format!("cloudpact-findings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut pack = String::from("[pack]\nid = \"many\"\n");
    for i in 0..40 {
        pack.push_str(&format!(
            "\n[[rule]]\nid = \"w{i}\"\neffect = \"warn\"\nmatch = {{ cloud = \"azure\" }}\nmessage = \"warning {i}\"\n"
        ));
    }
    for i in 0..30 {
        pack.push_str(&format!(
            "\n[[rule]]\nid = \"d{i}\"\neffect = \"deny\"\nmatch = {{ cloud = \"azure\", workload = \"bad\" }}\nmessage = \"error {i}\"\n"
        ));
    }
    std::fs::write(dir.join("many.toml"), pack).unwrap();
    std::fs::write(
        dir.join("a.plan.toml"),
        "[plan]\nas_of = 2026-06-01\n\n[[deployment]]\nid = \"calm\"\nprovider = \"openai\"\nproduct = \"gpt-4o\"\nchannel = \"azure-foundry\"\nend = 2027-01-01\n\n[[deployment]]\nid = \"bad\"\nprovider = \"openai\"\nproduct = \"gpt-4o\"\nchannel = \"azure-foundry\"\nworkload = \"bad\"\n",
    )
    .unwrap();
    let out = cloudpact()
        .current_dir(&dir)
        .args([
            "check",
            "--policy",
            "many.toml",
            "a.plan.toml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = &json["files"][0];
    let of = |id: &str, severity: &str| -> Vec<String> {
        file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["deployment"] == id && d["severity"] == severity)
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect()
    };
    let calm = of("calm", "warning");
    assert_eq!(calm.len(), 26, "{calm:?}");
    assert_eq!(
        calm.last().unwrap(),
        "15 more warnings on this deployment are not shown"
    );
    assert_eq!(file["deployments"][0]["decision"], "conditional");
    let bad = of("bad", "error");
    assert_eq!(bad.len(), 26);
    assert!(
        bad.iter()
            .any(|m| m == "5 more errors on this deployment are not shown"),
        "{bad:?}"
    );
    assert_eq!(file["deployments"][1]["decision"], "denied");
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}
