//! The documentation runs: every command of the README's shell blocks is run
//! as written, every command of the docs' shell blocks whose inputs ship
//! with the repository too, and every relative link (with its anchor)
//! points at something that exists.

use std::path::{Path, PathBuf};

use crate::util::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The lines of the ```sh blocks of a Markdown file.
fn shell_lines(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in markdown.lines() {
        if let Some(lang) = line.strip_prefix("```") {
            inside = !inside && lang.trim() == "sh";
            continue;
        }
        if inside {
            out.push(line.to_string());
        }
    }
    out
}

/// Split a shell line into words (double and single quotes; a trailing
/// `# comment` dropped).
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (None, '#') if !started => break,
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, ' ') => {
                if started {
                    words.push(std::mem::take(&mut cur));
                    started = false;
                }
            }
            (_, c) => {
                cur.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(cur);
    }
    words
}

const OUTPUT_FLAGS: &[&str] = &[
    "-o",
    "--output",
    "--chart",
    "--html",
    "--junit",
    "--emit-tally",
];

/// A command of the docs: its arguments (inputs made absolute) and the file
/// its stdout is redirected to. `None` when it cannot be run here: a pipe,
/// a variable, or an input that is not in the repository (nor made by an
/// earlier command).
fn command(line: &str, dir: &Path) -> Option<(Vec<String>, Option<PathBuf>)> {
    let line = line.trim();
    let rest = line.strip_prefix("lexiscope ")?;
    if rest.contains('|') || rest.contains('$') || rest.ends_with('\\') {
        return None;
    }
    let mut args = Vec::new();
    let mut redirect = None;
    let mut words = words(rest).into_iter().peekable();
    while let Some(w) = words.next() {
        if w == ">" {
            redirect = Some(dir.join(words.next()?));
            continue;
        }
        if OUTPUT_FLAGS.contains(&w.as_str()) {
            let out = words.next()?;
            if let Some(parent) = Path::new(&out).parent() {
                std::fs::create_dir_all(dir.join(parent)).ok()?;
            }
            args.push(w);
            args.push(out);
            continue;
        }
        let is_file = [
            ".csv", ".jsonl", ".json", ".toml", ".tsv", ".txt", ".dic", ".yml", ".zst",
        ]
        .iter()
        .any(|e| w.ends_with(e));
        if is_file && !w.starts_with('-') {
            if root().join(&w).exists() {
                args.push(root().join(&w).display().to_string());
            } else if dir.join(&w).exists() {
                args.push(w);
            } else {
                return None;
            }
            continue;
        }
        args.push(w);
    }
    Some((args, redirect))
}

/// Run the runnable commands of `file`; returns how many ran and how many
/// lines named `lexiscope`.
fn run_commands(file: &str, allowed: &[i32]) -> (usize, usize) {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    let env = TestEnv::new();
    let (mut ran, mut seen) = (0, 0);
    for line in shell_lines(&text) {
        if !line.trim().starts_with("lexiscope ") {
            continue;
        }
        seen += 1;
        let Some((args, redirect)) = command(&line, env.dir.path()) else {
            continue;
        };
        let out = env.cmd().args(&args).output().unwrap();
        let code = out.status.code().unwrap_or(-1);
        assert!(
            allowed.contains(&code),
            "{file}: `{line}` exited {code}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        if let Some(path) = redirect {
            std::fs::write(path, &out.stdout).unwrap();
        }
        ran += 1;
    }
    (ran, seen)
}

#[test]
fn every_command_of_the_readme_runs() {
    let (ran, seen) = run_commands("README.md", &[0]);
    assert!(ran >= 8, "{ran} commands ran");
    assert_eq!(ran, seen, "every README command runs as written");
}

#[test]
fn the_docs_commands_on_shipped_inputs_run() {
    let mut total = 0;
    for file in [
        "docs/guide.md",
        "docs/lexicons.md",
        "docs/semantics.md",
        "docs/faq.md",
    ] {
        // 1 is a check that failed (a gate, a drift), a legitimate outcome.
        total += run_commands(file, &[0, 1]).0;
    }
    assert!(total >= 3, "{total} docs commands ran");
}

/// GitHub's anchor of a heading.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(markdown: &str) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut inside = false;
    for line in markdown.lines() {
        if line.starts_with("```") {
            inside = !inside;
        }
        if inside || !line.starts_with('#') {
            continue;
        }
        let base = slug(line.trim_start_matches('#'));
        let n = seen
            .iter()
            .filter(|s| **s == base || s.starts_with(&format!("{base}-")))
            .count();
        seen.push(if n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        });
    }
    seen
}

#[test]
fn every_relative_link_resolves() {
    let files = [
        "README.md",
        "docs/guide.md",
        "docs/lexicons.md",
        "docs/semantics.md",
        "docs/faq.md",
        "benches/README.md",
        "examples/README.md",
    ];
    let mut checked = 0;
    for file in files {
        let path = root().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, _) in text.match_indices("](") {
            let rest = &text[i + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = &rest[..end];
            if target.contains("://") || target.contains(' ') {
                continue;
            }
            let (file_part, anchor) = target.split_once('#').unwrap_or((target, ""));
            let linked = if file_part.is_empty() {
                path.clone()
            } else {
                path.parent().unwrap().join(file_part)
            };
            assert!(linked.exists(), "{file}: link to {target}: no such file");
            let inside = linked.canonicalize().unwrap();
            assert!(
                inside.starts_with(root().canonicalize().unwrap()),
                "{file}: link to {target} leaves the repository"
            );
            if !anchor.is_empty() {
                let doc = std::fs::read_to_string(&linked).unwrap();
                assert!(
                    anchors(&doc).iter().any(|a| a == anchor),
                    "{file}: link to {target}: no such heading"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked} links");
}

#[test]
fn the_readme_stays_short() {
    let len = std::fs::metadata(root().join("README.md")).unwrap().len();
    assert!(len <= 15 * 1024, "README.md is {len} bytes");
}
