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

/// Run and parse the JSON report of a run that analyzes no post (exit 1,
/// the report still written).
pub fn json_report_of_nothing(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.arg("--format").arg("json").arg("-q").assert().code(1);
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

/// Run the binary with `args` in `dir`, stdout to a file; returns the exit
/// code, stdout and the child's peak RSS in MiB, read from VmHWM in
/// /proc/PID/status while it runs (getrusage would count the test process's
/// own memory, which a child inherits at fork).
#[cfg(target_os = "linux")]
pub fn run_measured(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, i64) {
    run_measured_fed(dir, args, None)
}

/// [`run_measured`] with stdin written by `feed` on a thread of its own
/// (an input generated as it is read, never on disk).
#[cfg(target_os = "linux")]
pub fn run_measured_fed(
    dir: &Path,
    args: &[&str],
    feed: Option<Box<dyn FnOnce(std::process::ChildStdin) + Send>>,
) -> (i32, Vec<u8>, i64) {
    let out_path = dir.join(".stdout");
    let out = std::fs::File::create(&out_path).expect("stdout file");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("lexiscope"))
        .current_dir(dir)
        .args(args)
        .stdin(if feed.is_some() {
            std::process::Stdio::piped()
        } else {
            std::process::Stdio::null()
        })
        .stdout(out)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn lexiscope");
    let feeder = feed.map(|f| {
        let stdin = child.stdin.take().expect("piped stdin");
        std::thread::spawn(move || f(stdin))
    });
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0i64;
    let code = loop {
        if let Ok(text) = std::fs::read_to_string(&status_file)
            && let Some(kib) = text
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<i64>().ok())
        {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status.code().unwrap_or(-1);
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    if let Some(f) = feeder {
        f.join().expect("feeder thread");
    }
    (
        code,
        std::fs::read(&out_path).unwrap_or_default(),
        peak_kib / 1024,
    )
}

/// The path of the small test lexicon, tests/data/mini.toml.
pub fn mini() -> String {
    s(&data("mini.toml")).to_string()
}
