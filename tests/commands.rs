//! Issue 15: the commands are consistent — the same flag for the same thing,
//! `-o` and `-f` where output is written, examples on every `--help`, the
//! same error line for every command.

use predicates::prelude::*;

use crate::util::*;

#[test]
fn every_help_page_ends_with_examples() {
    use clap::CommandFactory;
    let mut cli = lexiscope::cli::Cli::command();
    let mut pages = vec![cli.render_help().to_string()];
    let mut names = Vec::new();
    for sub in cli.get_subcommands_mut().filter(|c| c.get_name() != "help") {
        names.push(sub.get_name().to_string());
        pages.push(sub.render_help().to_string());
        for nested in sub.get_subcommands_mut().filter(|c| c.get_name() != "help") {
            names.push(nested.get_name().to_string());
            pages.push(nested.render_help().to_string());
        }
    }
    assert!(names.len() >= 15, "{names:?}");
    for page in &pages {
        let tail = page.rsplit("Examples:").next().unwrap_or_default();
        assert!(page.contains("\nExamples:\n"), "no examples:\n{page}");
        let examples = tail
            .lines()
            .filter(|l| l.trim_start().starts_with("lexiscope "))
            .count();
        assert!(examples >= 1, "no example command:\n{page}");
        assert!(
            page.trim_end()
                .lines()
                .last()
                .unwrap()
                .contains("lexiscope"),
            "{page}"
        );
    }
}

#[test]
fn sample_size_is_spelled_alike_in_sample_and_kwic() {
    let env = TestEnv::new();
    let sheet = |flag: &str| {
        let out = env
            .cmd()
            .args([
                "sample",
                s(&data("posts.csv")),
                "-l",
                &mini(),
                flag,
                "3",
                "-q",
            ])
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    let short = sheet("-n");
    assert_eq!(sheet("--sample"), short);
    assert_eq!(sheet("--n"), short, "the old spelling still works");
    let lines = |flag: &str| {
        let out = env
            .cmd()
            .args([
                "kwic",
                s(&data("posts.csv")),
                "-l",
                &mini(),
                "--category",
                "weapons",
            ])
            .args([flag, "2", "-q"])
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    assert_eq!(lines("-n"), lines("--sample"));
}

#[test]
fn lexicon_diff_lint_show_and_test_write_with_o() {
    let env = TestEnv::new();
    let diff = env.path("diff.csv");
    env.cmd()
        .args([
            "lexicon",
            "diff",
            &mini(),
            s(&data("mini2.toml")),
            s(&data("posts.csv")),
        ])
        .args(["-f", "csv", "-o", s(&diff), "-q"])
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let text = std::fs::read_to_string(&diff).unwrap();
    assert!(
        text.starts_with("input,line,id,added,removed,text\n"),
        "{text}"
    );
    let shown = env.path("shown.toml");
    env.cmd()
        .args(["lexicon", "show", &mini(), "-o", s(&shown)])
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    assert!(
        std::fs::read_to_string(&shown)
            .unwrap()
            .contains("[lexicon]")
    );
    let lint = env.path("lint.txt");
    for format in ["table", "text"] {
        env.cmd()
            .args([
                "lexicon",
                "lint",
                s(&data("lint_defects.toml")),
                "-f",
                format,
            ])
            .args(["-o", s(&lint)])
            .assert()
            .code(1)
            .stdout(predicate::str::is_empty());
        assert!(
            std::fs::read_to_string(&lint)
                .unwrap()
                .contains("warning: [")
        );
    }
    let results = env.path("results.txt");
    env.cmd()
        .args(["lexicon", "test", &mini(), "-o", s(&results)])
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    assert!(
        std::fs::read_to_string(&results)
            .unwrap()
            .contains(" passed, 0 failed")
    );
}

#[test]
fn merge_draws_the_chart_and_page_of_analyze() {
    let env = TestEnv::new();
    let tally = env.path("t.json");
    env.cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--emit-tally",
            s(&tally),
            "-q",
        ])
        .assert()
        .success();
    let (chart, html) = (env.path("merged.svg"), env.path("merged.html"));
    env.cmd()
        .args(["merge", s(&tally), "--chart", s(&chart), "--html", s(&html)])
        .assert()
        .success();
    let direct = env.path("direct.svg");
    env.cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--chart",
            s(&direct),
            "-q",
        ])
        .assert()
        .success();
    let svg = std::fs::read_to_string(&chart).unwrap();
    let want = std::fs::read_to_string(&direct).unwrap();
    assert_eq!(svg, want, "the merged chart is the chart of one run");
    let page = std::fs::read_to_string(&html).unwrap();
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(&page, options).expect("the page is well-formed");
    assert!(
        page.contains("merged from tallies"),
        "the page says why it has no samples"
    );
}

#[test]
fn every_command_reports_errors_alike() {
    let env = TestEnv::new();
    for args in [
        vec!["analyze", "nope.csv"],
        vec!["kwic", "nope.csv", "--category", "groups"],
        vec!["annotate", "nope.csv"],
        vec!["sample", "nope.csv", "-n", "3"],
        vec!["lexicon", "diff", "narco-es", "narco-es", "nope.csv"],
    ] {
        env.cmd()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with(
                "lexiscope: error: nope.csv: No such file or directory",
            ));
    }
    env.cmd()
        .args(["evaluate", "--gold", "nope.csv", s(&data("posts.csv"))])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "lexiscope: error: nope.csv: No such file or directory",
        ));
}

#[test]
fn annotate_accepts_json_for_jsonl() {
    let env = TestEnv::new();
    let run = |format: &str| {
        let out = env
            .cmd()
            .args([
                "annotate",
                s(&data("posts.csv")),
                "-l",
                &mini(),
                "-f",
                format,
                "-q",
            ])
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    assert_eq!(run("json"), run("jsonl"));
}
