//! Honest files and degenerate runs (issue 20): written files get the
//! umask's mode like any Unix tool's, an output name whose format
//! lexiscope cannot write is refused, and a run that analyzes no post says
//! why and exits 1 instead of printing a table of dashes.

use predicates::prelude::*;

use crate::util::*;

/// Run the binary under `umask` in `dir` through the shell, so that the
/// test process's own umask is left alone.
#[cfg(unix)]
fn under_umask(env: &TestEnv, umask: &str, args: &[&str]) {
    let bin = assert_cmd::cargo::cargo_bin("lexiscope");
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask {umask} && '{}' {}",
            bin.display(),
            quoted.join(" ")
        ))
        .current_dir(env.dir.path())
        .status()
        .unwrap();
    assert!(status.success(), "{args:?}");
}

#[cfg(unix)]
#[test]
fn written_files_get_the_umask_mode() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let posts = data("posts.csv");
    let mode = |name: &str| {
        std::fs::metadata(env.path(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    let p = posts.to_str().unwrap();
    under_umask(
        &env,
        "022",
        &[
            "analyze",
            p,
            "-l",
            &mini(),
            "-q",
            "-o",
            "r.csv",
            "--html",
            "r.html",
            "--chart",
            "c.svg",
        ],
    );
    for f in ["r.csv", "r.html", "c.svg"] {
        assert_eq!(mode(f), 0o644, "{f}");
    }
    under_umask(&env, "022", &["lexicon", "show", &mini(), "-o", "l.toml"]);
    assert_eq!(mode("l.toml"), 0o644);
    under_umask(
        &env,
        "077",
        &["analyze", p, "-l", &mini(), "-q", "-o", "private.json"],
    );
    assert_eq!(mode("private.json"), 0o600);
    // A file replaced keeps its own mode.
    std::fs::set_permissions(env.path("r.csv"), std::fs::Permissions::from_mode(0o640)).unwrap();
    under_umask(
        &env,
        "022",
        &["analyze", p, "-l", &mini(), "-q", "-o", "r.csv"],
    );
    assert_eq!(mode("r.csv"), 0o640);
}

#[test]
fn an_output_name_lexiscope_cannot_write_is_refused() {
    let env = TestEnv::new();
    let posts = data("posts.csv");
    for (flag, name, says) in [
        ("-o", "x.docx", "cannot write .docx"),
        ("-o", "x.html", "--html FILE.html"),
        ("--chart", "chart.png", "ends in .svg"),
        ("--html", "report.pdf", "ends in .html"),
    ] {
        env.cmd()
            .args(["analyze", s(&posts), "-l", &mini(), flag, name, "-q"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
        assert!(!env.path(name).exists(), "{name} is not written");
    }
    // With -f, any name goes; .txt and no extension are the table.
    for (args, first) in [
        (vec!["-f", "csv", "-o", "shares.tsv.out"], "category,"),
        (vec!["-o", "table.txt"], "┌"),
        (vec!["-o", "table"], "┌"),
    ] {
        env.cmd()
            .args(["analyze", s(&posts), "-l", &mini(), "-q"])
            .args(&args)
            .assert()
            .success();
        let written = std::fs::read_to_string(env.path(args[args.len() - 1])).unwrap();
        assert!(written.starts_with(first), "{args:?}: {written}");
    }
}

#[test]
fn no_post_analyzed_is_a_warning_and_exit_1() {
    let env = TestEnv::new();
    let empty = env.write("empty.csv", "");
    let header = env.write("header.csv", "id,text\n");
    let blank = env.write("blank.csv", "id,text\n1,\n2,!!!\n3,https://example.org\n");
    for (input, why) in [
        (&empty, "holds no record"),
        (&header, "holds no record"),
        (&blank, "no word or emoji in their text field"),
    ] {
        let out = env
            .cmd()
            .args(["analyze", s(input), "-l", &mini()])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "lexiscope: warning: no post was analyzed",
            ))
            .stderr(predicate::str::contains(why));
        assert!(
            out.get_output().stdout.is_empty(),
            "no table of dashes: {}",
            String::from_utf8_lossy(&out.get_output().stdout)
        );
        // The data formats still carry the zeros, with the same exit code.
        let out = env
            .cmd()
            .args(["analyze", s(input), "-l", &mini(), "-f", "json", "-q"])
            .assert()
            .code(1);
        let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(r["totals"]["posts_analyzed"], 0);
    }
}

#[test]
fn groups_all_hidden_by_min_posts_are_said() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--by",
            "author",
            "--min-posts",
            "1000",
            "-q",
        ])
        .assert()
        .success();
    let table = String::from_utf8_lossy(&out.get_output().stdout);
    assert!(
        table.contains("groups have fewer posts than --min-posts: none is shown"),
        "{table}"
    );
}
