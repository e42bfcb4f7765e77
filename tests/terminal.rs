//! A terminal that fits (issue 20): tables use the width they are given
//! (`COLUMNS` here, the terminal's own in a terminal), a breakdown is one
//! table of groups × categories when it fits, with ids and group values
//! whole; `kwic` never cuts an id; `--categories` and
//! `--exclude-categories` choose what is shown without changing a number.

use predicates::prelude::*;

use crate::util::*;

/// Nine categories with ids like a real codebook's, and `pages` pages of
/// 12 posts each, every category matched somewhere.
fn nine_by_pages(env: &TestEnv, pages: usize) -> (Vec<String>, Vec<String>) {
    let ids: Vec<String> = [
        "threat_language",
        "cartel_groups",
        "drug_sales",
        "extortion_fees",
        "weapons_display",
        "money_display",
        "recruitment_offers",
        "self_defense",
        "police_military",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut lexicon = String::from("[lexicon]\nname = \"nine\"\nversion = \"1\"\n\n");
    for (i, id) in ids.iter().enumerate() {
        lexicon.push_str(&format!(
            "[[category]]\nid = \"{id}\"\nlabel = \"{}\"\nterms = [\"palabra{i}\"]\n\n",
            id.replace('_', " ")
        ));
    }
    env.write("nine.toml", lexicon);
    let names: Vec<String> = (0..pages)
        .map(|p| format!("Noticias del Estado {p}"))
        .collect();
    let mut csv = String::from("id,Page Name,text\n");
    for (p, name) in names.iter().enumerate() {
        for k in 0..12 {
            csv.push_str(&format!(
                "https://www.facebook.com/{p}/posts/{k},{name},hola palabra{}\n",
                (p + k) % 10
            ));
        }
    }
    env.write("pages.csv", csv);
    (ids, names)
}

/// The cells of the header rows of the first table after `marker`, by
/// column, each column's lines joined: the ids a reader sees.
fn header_columns(out: &str, marker: &str) -> Vec<String> {
    let lines: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with(marker))
        .skip(1)
        .collect();
    assert!(lines[0].starts_with('┌'), "{out}");
    let mut columns: Vec<String> = Vec::new();
    for line in lines[1..].iter().take_while(|l| !l.starts_with('╞')) {
        let cells: Vec<&str> = line
            .trim_start_matches('│')
            .trim_end_matches('│')
            .split('┆')
            .collect();
        columns.resize(cells.len(), String::new());
        for (c, cell) in columns.iter_mut().zip(cells) {
            c.push_str(cell.trim());
        }
    }
    columns
}

#[test]
fn at_120_columns_nine_categories_by_40_pages_is_one_table_with_whole_labels() {
    let env = TestEnv::new();
    let (ids, pages) = nine_by_pages(&env, 40);
    let out = env
        .cmd()
        .env("COLUMNS", "120")
        .args([
            "analyze",
            "pages.csv",
            "-l",
            "nine.toml",
            "--by",
            "Page Name",
            "-q",
        ])
        .assert()
        .success();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let breakdown = &out[out.find("By Page Name").expect("a breakdown")..];
    assert_eq!(
        breakdown.matches('┌').count(),
        1,
        "one table of groups × categories:\n{breakdown}"
    );
    for line in out.lines() {
        assert!(line.chars().count() <= 120, "wider than 120: {line}");
    }
    let header = header_columns(&out, "By Page Name");
    let mut expected = vec!["Page Name".to_string(), "Posts".to_string()];
    expected.extend(ids.iter().cloned());
    expected.push("_any".into());
    assert_eq!(header, expected, "every id whole:\n{breakdown}");
    for page in &pages {
        assert!(
            breakdown.lines().any(|l| l.contains(&format!("│ {page} "))),
            "{page} is whole on its row:\n{breakdown}"
        );
    }
    assert!(!out.contains('…'), "nothing is cut:\n{out}");
}

#[test]
fn the_same_breakdown_at_80_columns_is_one_table_per_category() {
    let env = TestEnv::new();
    let (ids, pages) = nine_by_pages(&env, 40);
    let out = env
        .cmd()
        .env("COLUMNS", "80")
        .args([
            "analyze",
            "pages.csv",
            "-l",
            "nine.toml",
            "--by",
            "Page Name",
            "-q",
        ])
        .assert()
        .success();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let breakdown = &out[out.find("By Page Name").expect("a breakdown")..];
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "wider than 80: {line}");
    }
    for id in &ids {
        let title = format!("{id}: {}", id.replace('_', " "));
        assert!(
            breakdown.contains(&title),
            "{title} labels its table:\n{breakdown}"
        );
    }
    // The nine categories and "any category", a table each, every page whole.
    assert_eq!(breakdown.matches('┌').count(), ids.len() + 1, "{breakdown}");
    assert!(pages.iter().all(|p| breakdown.contains(&format!("│ {p} "))));
}

#[test]
fn a_wider_terminal_gets_the_categories_on_one_line() {
    let env = TestEnv::new();
    let (ids, _) = nine_by_pages(&env, 3);
    let out = env
        .cmd()
        .env("COLUMNS", "220")
        .args([
            "analyze",
            "pages.csv",
            "-l",
            "nine.toml",
            "--by",
            "Page Name",
            "-q",
        ])
        .assert()
        .success();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let header = out
        .lines()
        .skip_while(|l| !l.starts_with("By Page Name"))
        .nth(2)
        .unwrap();
    for id in &ids {
        assert!(header.contains(id), "{id} on the header line: {header}");
    }
}

#[test]
fn kwic_never_cuts_an_id() {
    let env = TestEnv::new();
    nine_by_pages(&env, 2);
    let out = env
        .cmd()
        .args([
            "kwic",
            "pages.csv",
            "-l",
            "nine.toml",
            "--category",
            "cartel_groups",
            "-q",
        ])
        .assert()
        .success();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        out.lines()
            .any(|l| l == "https://www.facebook.com/0/posts/1"),
        "a long id on a line of its own, whole:\n{out}"
    );
    assert!(out.contains("[palabra1]"), "{out}");
    // Short ids keep their column.
    let out = env
        .cmd()
        .args(["kwic", "--category", "weapons", "-q", "-l"])
        .arg(data("mini.toml"))
        .arg(data("posts.csv"))
        .assert()
        .success();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(out.lines().all(|l| l.contains('[')), "{out}");
}

#[test]
fn categories_choose_the_rows_and_change_no_number() {
    let env = TestEnv::new();
    nine_by_pages(&env, 3);
    let all = json_report(env.cmd().args(["analyze", "pages.csv", "-l", "nine.toml"]));
    let some = json_report(env.cmd().args([
        "analyze",
        "pages.csv",
        "-l",
        "nine.toml",
        "--categories",
        "drug_sales,cartel_groups",
        "--categories",
        "self_defense",
        "--exclude-categories",
        "self_defense",
        "--by",
        "Page Name",
        "--cooccurrence",
    ]));
    let ids: Vec<&str> = some["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["cartel_groups", "drug_sales", "_any"]);
    for c in some["categories"].as_array().unwrap() {
        let same = all["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == c["id"])
            .unwrap();
        assert_eq!(c["posts"], same["posts"], "{}", c["id"]);
        assert_eq!(c["share"], same["share"], "{}", c["id"]);
    }
    assert_eq!(some["groups"][0]["categories"].as_array().unwrap().len(), 3);
    assert_eq!(
        some["cooccurrence"]["categories"],
        serde_json::json!(["cartel_groups", "drug_sales"])
    );
    assert_eq!(
        some["provenance"]["options"]["categories"],
        serde_json::json!(["drug_sales", "cartel_groups", "self_defense"])
    );
    // annotate writes only the chosen categories.
    let out = env
        .cmd()
        .args([
            "annotate",
            "pages.csv",
            "-l",
            "nine.toml",
            "--categories",
            "drug_sales",
            "-q",
        ])
        .assert()
        .success();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(
            v["categories"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c == "drug_sales")
        );
        assert_eq!(v["percent"].as_object().unwrap().len(), 1);
    }
    // kwic leaves out the excluded category's lines.
    let out = env
        .cmd()
        .args([
            "kwic",
            "pages.csv",
            "-l",
            "nine.toml",
            "--categories",
            "drug_sales,cartel_groups",
            "--exclude-categories",
            "drug_sales",
            "-f",
            "csv",
            "-q",
        ])
        .assert()
        .success();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        out.contains("cartel_groups") && !out.contains(",drug_sales,"),
        "{out}"
    );
}

#[test]
fn an_unknown_category_is_a_usage_error_that_names_the_nearest() {
    let env = TestEnv::new();
    nine_by_pages(&env, 1);
    for command in ["analyze", "annotate"] {
        env.cmd()
            .args([
                command,
                "pages.csv",
                "-l",
                "nine.toml",
                "--categories",
                "drug_sale",
            ])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "--categories \"drug_sale\": no such category",
            ))
            .stderr(predicate::str::contains("did you mean \"drug_sales\"?"));
    }
}
