//! Inputs and lexicons that are not UTF-8 (issue 16): Excel's Windows-1252
//! CSV and "Unicode text" (UTF-16LE with a BOM) give the counts of their
//! UTF-8 original, with one line on stderr naming the encoding; what cannot
//! be decoded is still counted, and a late legacy byte gets a hint.

use encoding_rs::WINDOWS_1252;

use crate::util::*;

/// The example corpus without the characters Windows-1252 cannot hold
/// (emoji), so that the three encodings carry the same text.
fn cp1252_safe_corpus() -> String {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cartel-posts.csv"),
    )
    .unwrap();
    text.chars()
        .filter(|c| !WINDOWS_1252.encode(c.encode_utf8(&mut [0; 4])).2)
        .collect()
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

/// Counts and stderr of `analyze` on one file.
fn analyze(env: &TestEnv, name: &str, extra: &[&str]) -> (Vec<(String, u64)>, u64, String) {
    let out = env
        .cmd()
        .args(["analyze", name, "-f", "json"])
        .args(extra)
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    (
        posts_by_category(&report),
        report["totals"]["posts_analyzed"].as_u64().unwrap(),
        stderr_of(&out),
    )
}

#[test]
fn windows_1252_and_utf16_csv_count_as_their_utf8_original() {
    let env = TestEnv::new();
    let text = cp1252_safe_corpus();
    assert!(
        text.contains('ó') && text.contains('ñ'),
        "the corpus has accents"
    );
    env.write("utf8.csv", &text);
    // Excel on Windows: "CSV (separado por comas)" is Windows-1252 with CRLF.
    let crlf = text.replace('\n', "\r\n");
    let (cp1252, _, unmappable) = WINDOWS_1252.encode(&crlf);
    assert!(!unmappable);
    env.write("excel.csv", &cp1252);
    // Excel's "Unicode text": UTF-16LE with a BOM; and a UTF-16BE file.
    env.write("unicode.csv", utf16(&text, true));
    env.write("big-endian.csv", utf16(&text, false));

    let (want, posts, err) = analyze(&env, "utf8.csv", &[]);
    assert!(!err.contains("read as"), "UTF-8 is read as it is: {err}");
    assert_eq!(posts, 2000);
    assert!(want.iter().any(|(_, n)| *n > 0));
    for (file, encoding) in [
        ("excel.csv", "windows-1252"),
        ("unicode.csv", "UTF-16LE"),
        ("big-endian.csv", "UTF-16BE"),
    ] {
        let (got, n, err) = analyze(&env, file, &[]);
        assert_eq!((&got, n), (&want, posts), "{file}");
        let lines: Vec<&str> = err.lines().filter(|l| l.contains("read as")).collect();
        assert_eq!(lines.len(), 1, "{file}: one line names the encoding: {err}");
        assert!(lines[0].contains(encoding), "{file}: {}", lines[0]);
        assert!(!err.contains("skipped"), "{file}: nothing skipped: {err}");
    }
    // Provenance names the encoding.
    let out = env
        .cmd()
        .args(["analyze", "excel.csv", "-f", "json", "-q"])
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(
        report["provenance"]["options"]["fields"][0]["encoding"],
        "windows-1252"
    );
}

#[test]
fn a_semicolon_excel_file_with_accents_matches_accented_terms() {
    let env = TestEnv::new();
    let (bytes, _, _) = WINDOWS_1252.encode(
        "ID;Texto;Fecha\r\n1;Pagan cuota o les quemamos el negocio, extorsión clara;05/04/2021\r\n\
         2;Buen día a todos;06/04/2021\r\n3;Cobro de piso a los dueños de tortillerías;07/04/2021\r\n",
    );
    env.write("excel.csv", &bytes);
    env.write("l.toml", "[lexicon]\nname = \"l\"\n[[category]]\nid = \"ext\"\nterms = [\"extorsión\", \"dueños\"]\n");
    let (counts, posts, err) = analyze(&env, "excel.csv", &["-l", "l.toml"]);
    assert_eq!(posts, 3, "{err}");
    assert_eq!(counts[0], ("ext".to_string(), 2), "{err}");
}

#[test]
fn utf16_jsonl_and_a_forced_encoding() {
    let env = TestEnv::new();
    let lines = "{\"id\":1,\"text\":\"extorsión a los dueños\"}\n{\"id\":2,\"text\":\"hola\"}\n";
    env.write("posts.jsonl", utf16(lines, true));
    env.write(
        "l.toml",
        "[lexicon]\nname = \"l\"\n[[category]]\nid = \"ext\"\nterms = [\"extorsión\"]\n",
    );
    let (counts, posts, _) = analyze(&env, "posts.jsonl", &["-l", "l.toml"]);
    assert_eq!((counts[0].1, posts), (1, 2));
    // ISO-8859-15 differs from Windows-1252 at 0xBD (œ vs ½): --encoding wins.
    env.write("euro.csv", b"id,text\n1,une man\xBDuvre\n");
    env.write(
        "e.toml",
        "[lexicon]\nname = \"e\"\n[[category]]\nid = \"fr\"\nterms = [\"manœuvre\"]\n",
    );
    let (counts, _, err) = analyze(
        &env,
        "euro.csv",
        &["-l", "e.toml", "--encoding", "iso-8859-15"],
    );
    assert_eq!(counts[0].1, 1, "{err}");
    assert!(err.contains("read as ISO-8859-15 (--encoding)"), "{err}");
    env.cmd()
        .args(["analyze", "euro.csv", "--encoding", "klingon"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown encoding"));
}

#[test]
fn undecodable_bytes_are_still_counted_and_a_late_legacy_byte_gets_a_hint() {
    let env = TestEnv::new();
    // A lone surrogate in UTF-16: that post is skipped and counted.
    let mut bytes = utf16("id,text\n1,uno\n2,dos", true);
    bytes.extend_from_slice(&0xDC00u16.to_le_bytes());
    bytes.extend_from_slice(&utf16("\n3,tres\n", true)[2..]);
    env.write("broken16.csv", bytes);
    let out = env
        .cmd()
        .args(["analyze", "broken16.csv", "-f", "json"])
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(report["totals"]["posts_analyzed"], 2);
    assert_eq!(
        report["totals"]["skipped_by_reason"]["invalid_utf8"], 1,
        "{report}"
    );

    // An ASCII head that looks like UTF-8, and one Windows-1252 post late on.
    let mut late = b"id,text\n".to_vec();
    for i in 0..20_000 {
        late.extend_from_slice(format!("{i},hola a todos\n").as_bytes());
    }
    late.extend_from_slice(b"20000,extorsi\xF3n\n");
    env.write("late.csv", &late);
    let out = env.cmd().args(["analyze", "late.csv"]).assert().success();
    let err = stderr_of(&out);
    assert!(err.contains("invalid_utf8 1"), "{err}");
    assert!(err.contains("--encoding windows-1252"), "{err}");
    let (_, posts, _) = analyze(&env, "late.csv", &["--encoding", "windows-1252"]);
    assert_eq!(posts, 20_001);
}

#[test]
fn lexicons_in_utf16_and_windows_1252_are_transcoded_with_a_warning() {
    let env = TestEnv::new();
    env.write("posts.csv", "id,text\n1,extorsión y amenaza\n2,nada\n");
    let toml = "[lexicon]\nname = \"l\"\n[[category]]\nid = \"ext\"\nterms = [\"extorsión\"]\n";
    env.write("u16.toml", utf16(toml, true));
    env.write("be.toml", {
        let mut b = utf16(toml, false);
        b.drain(..2); // no BOM: seen by its NULs
        b
    });
    env.write(
        "legacy.dic",
        WINDOWS_1252.encode("%\n1\text\n%\nextorsión\t1\n").0,
    );
    for file in ["u16.toml", "be.toml", "legacy.dic"] {
        let (counts, _, err) = analyze(&env, "posts.csv", &["-l", file]);
        assert_eq!(counts[0].1, 1, "{file}: {err}");
        assert!(err.contains("not UTF-8"), "{file}: {err}");
    }
}
