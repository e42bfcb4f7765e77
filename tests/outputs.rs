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
        ("--chart", "chart.pdf", "ends in .svg or .png"),
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
fn an_xlsx_output_is_a_workbook_with_numbers_as_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let env = TestEnv::new();
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cartel-posts.csv");
    let json = json_report(env.cmd().arg("analyze").arg(&example).args([
        "--by",
        "Type",
        "--cooccurrence",
    ]));
    env.cmd()
        .arg("analyze")
        .arg(&example)
        .args(["--by", "Type", "--cooccurrence", "-q", "-o", "report.xlsx"])
        .assert()
        .success();
    let mut book: Xlsx<_> =
        open_workbook(env.path("report.xlsx")).expect("a workbook a spreadsheet opens");
    assert_eq!(
        book.sheet_names(),
        ["Shares", "Groups", "Co-occurrence", "Provenance"]
    );
    let shares = book.worksheet_range("Shares").unwrap();
    let header: Vec<String> = shares
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let categories = json["categories"].as_array().unwrap();
    assert_eq!(shares.height(), categories.len() + 1);
    for (row, c) in shares.rows().skip(1).zip(categories) {
        assert_eq!(
            row[col("category")],
            Data::String(c["id"].as_str().unwrap().into())
        );
        assert_eq!(row[col("posts")], Data::Float(c["posts"].as_f64().unwrap()));
        let Data::Float(share) = row[col("share")] else {
            panic!("the share is a number: {:?}", row[col("share")]);
        };
        assert!((share - c["share"].as_f64().unwrap()).abs() < 1e-12);
        assert!(matches!(row[col("ci_low")], Data::Float(_)));
    }
    // The example's 10% capability, as a number a formula can use.
    let capability = shares.rows().nth(1).unwrap();
    assert_eq!(capability[col("share")], Data::Float(0.1));
    let groups = book.worksheet_range("Groups").unwrap();
    assert_eq!(
        groups.rows().next().unwrap()[0],
        Data::String("Type".into())
    );
    let group_rows: usize = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["categories"].as_array().unwrap().len())
        .sum();
    assert_eq!(groups.height(), group_rows + 1);
    let provenance = book.worksheet_range("Provenance").unwrap();
    let text: Vec<String> = provenance
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(text.iter().any(|t| t.starts_with("narco-es ")), "{text:?}");
    assert!(
        text.iter().any(|t| t.contains("SYNTHETIC DATA")),
        "the corpus note: {text:?}"
    );
}

#[test]
fn a_png_chart_is_a_png_drawn_from_the_svg() {
    let env = TestEnv::new();
    let posts = data("posts.csv");
    env.cmd()
        .args(["analyze", s(&posts), "-l", &mini(), "-q", "-o", "r.txt"])
        .args(["--chart", "chart.png", "--title", "Título"])
        .assert()
        .success();
    let bytes = std::fs::read(env.path("chart.png")).unwrap();
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "a PNG, not SVG under a PNG name"
    );
    // The IHDR chunk: twice the SVG's 640 px width.
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    assert_eq!(width, 1280);
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
