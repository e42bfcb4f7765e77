//! Test harness: a temporary directory per test, the binary as a command,
//! fixture paths, and helpers to parse JSON reports.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A per-test environment with its own temporary directory.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The `lexiscope` binary, run in the temp dir.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("lexiscope").expect("binary built");
        cmd.current_dir(self.dir.path());
        cmd
    }

    /// Write a file into the temp dir and return its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).expect("write fixture");
        path
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// A fixture under tests/data.
pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// A file under ../shared/data, or None (the caller skips with a message).
pub fn shared(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

/// A file under ../shared/oracles (reference outputs of other tools), or
/// None (the caller skips with a message).
pub fn oracle(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/oracles")
        .join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

/// Run and parse the JSON report on stdout (exit 0 required).
pub fn json_report(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.arg("--format").arg("json").arg("-q").assert().success();
    serde_json::from_slice(&out.get_output().stdout).expect("stdout is a JSON report")
}

/// `category id → posts` of a JSON report.
pub fn posts_by_category(report: &serde_json::Value) -> Vec<(String, u64)> {
    report["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["posts"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// stderr as a string.
pub fn stderr_of(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}
