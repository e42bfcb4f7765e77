//! Issue 15: the library API, without the CLI: a typed configuration in,
//! the report, the tally and the annotations out, the same numbers as the
//! binary's, nothing printed, errors as `lexiscope::Error`.

use std::sync::{Arc, Mutex};

use lexiscope::{Config, Error, Input, LexiconSpec, Note, NoteKind, Observer};

use crate::util::*;

fn config_of(path: &str) -> Config {
    let mut config = Config::new([path]);
    config.lexicons = vec![LexiconSpec::from(mini().as_str())];
    config
}

#[test]
fn analyze_gives_the_binarys_report() {
    let path = data("posts.csv");
    let report = lexiscope::analyze(&config_of(s(&path))).unwrap();
    let env = TestEnv::new();
    let cli = json_report(env.cmd().args(["analyze", s(&path), "-l", &mini()]));
    // Through the JSON text, as the binary's report is read.
    let lib: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
    assert_eq!(lib["categories"], cli["categories"]);
    assert_eq!(lib["totals"], cli["totals"]);
    assert_eq!(lib["provenance"]["options"], cli["provenance"]["options"]);
}

#[test]
fn breakdowns_and_tallies_come_from_the_config() {
    let mut config = config_of(s(&data("posts.csv")));
    config.analysis.by = vec!["author".into()];
    let tally = lexiscope::tally(&config).unwrap();
    let report = tally.report();
    assert!(!report.groups.is_empty());
    // Skipped records belong to no group; every other post to exactly one.
    let total: u64 = tally.tally.groups.values().map(|g| g.posts_read).sum();
    let all = &tally.tally.all;
    assert_eq!(total, all.posts_analyzed + all.posts_empty);
    config.analysis.confidence = 1.5;
    assert!(matches!(lexiscope::analyze(&config), Err(Error::Usage(_))));
}

#[test]
fn annotations_are_an_iterator_in_input_order() {
    let config = config_of(s(&data("bad/broken.jsonl")));
    let all: Vec<_> = lexiscope::annotate(&config)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let lines: Vec<u64> = all.iter().map(|a| a.line).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
    assert!(all.iter().any(|a| a.status == "skipped"));
    let mut strict = config.clone();
    strict.strict = true;
    let err = lexiscope::annotate(&strict)
        .unwrap()
        .find_map(|a| a.err())
        .expect("--strict stops at the first malformed record");
    assert!(matches!(err, Error::Input { line: Some(_), .. }), "{err}");
}

#[derive(Default)]
struct Collect(Mutex<Vec<Note>>);

impl Observer for Collect {
    fn note(&self, note: &Note) {
        self.0.lock().unwrap().push(note.clone());
    }
}

#[test]
fn notes_go_to_the_observer_not_to_stderr() {
    let mut config = config_of(s(&data("bad/malformed.csv")));
    let notes = Arc::new(Collect::default());
    config.observer = notes.clone();
    lexiscope::analyze(&config).unwrap();
    let notes = notes.0.lock().unwrap();
    assert!(notes.iter().any(|n| n.kind == NoteKind::Reading));
    let skipped = notes.iter().find(|n| n.kind == NoteKind::Skipped).unwrap();
    assert!(skipped.to_string().starts_with("warning: "), "{skipped}");
}

#[test]
fn inputs_in_memory_and_missing_files() {
    let mut config = config_of("posts.csv");
    config.inputs = vec![Input::bytes("posts.csv", "id,text\n1,cuerno de chivo\n")];
    let report = lexiscope::analyze(&config).unwrap();
    assert_eq!(report.totals.posts_analyzed, 1);
    config.inputs = vec![Input::from("no/such.csv")];
    assert!(matches!(lexiscope::analyze(&config), Err(Error::Io { .. })));
}
