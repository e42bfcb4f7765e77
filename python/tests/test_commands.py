"""kwic, evaluate, tally/merge and the lexicon functions give what the CLI gives."""

import json

import pandas as pd
import pytest

import lexiscope


def test_kwic_is_the_clis(cli_json):
    expected = cli_json("kwic", "examples/cartel-posts.csv", "--category", "threats", "--sample", "25", "--seed", "3", "--window", "30", "-f", "json", "-q")
    got = lexiscope.kwic("examples/cartel-posts.csv", category="threats", sample=25, seed=3, window=30)
    assert got == expected
    expected = cli_json("kwic", "tests/data/posts.csv", "-l", "tests/data/mini.toml", "--term", "cuerno* de chivo", "-f", "json", "-q")
    assert lexiscope.kwic("tests/data/posts.csv", lexicon="tests/data/mini.toml", term="cuerno* de chivo") == expected


def test_evaluate_is_the_clis(cli_json):
    expected = cli_json("evaluate", "examples/cartel-posts.csv", "--gold", "examples/cartel-posts-labels.csv", "--gold-id", "url", "-f", "json", "-q")
    got = lexiscope.evaluate("examples/cartel-posts.csv", gold="examples/cartel-posts-labels.csv", gold_id="url")
    assert got == expected
    expected = cli_json("evaluate", "tests/data/posts.csv", "-l", "tests/data/mini.toml", "--gold", "tests/data/gold.csv", "-f", "json", "-q")
    got = lexiscope.evaluate("tests/data/posts.csv", gold="tests/data/gold.csv", lexicon="tests/data/mini.toml")
    assert got == expected
    assert any("coders" in c for c in got["comparisons"])


def test_evaluate_a_dataframe():
    df = pd.read_csv("examples/cartel-posts.csv", dtype=str, keep_default_na=False)
    got = lexiscope.evaluate(df, gold="examples/cartel-posts-labels.csv", gold_id="url", id="URL",
                             text=["Message", "Image Text", "Link Text", "Description"])
    assert got["found"] == 2000


def test_evaluate_gates():
    kw = dict(gold="tests/data/gold.csv", lexicon="tests/data/mini.toml")
    lexiscope.evaluate("tests/data/posts.csv", min_f1=0.0, **kw)
    try:
        lexiscope.evaluate("tests/data/posts.csv", min_f1={"weapons": 1.01}, **kw)
    except lexiscope.CheckFailed as e:
        assert "weapons F1" in str(e)
        assert e.result["comparisons"]
    else:
        raise AssertionError("the gate did not fail")


def test_tally_and_merge_are_one_run(cli, cli_json, tmp_path):
    rows = open("examples/mananeras-excerpt.jsonl", encoding="utf-8").read().splitlines(keepends=True)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("".join(rows[:2500]), encoding="utf-8")
    b.write_text("".join(rows[2500:]), encoding="utf-8")
    tallies = [lexiscope.tally(str(p), by="year") for p in (a, b)]
    merged = lexiscope.merge(tallies).to_dict()
    single = lexiscope.analyze([str(a), str(b)], by="year").to_dict()
    assert merged == single
    # The CLI merges the Python tallies, and the other way round.
    t = tmp_path / "t.jsonl"
    t.write_text("\n".join(tallies) + "\n", encoding="utf-8")
    assert cli_json("merge", str(t), "-f", "json") == merged
    cli("analyze", str(a), "--by", "year", "--emit-tally", str(tmp_path / "cli.tally"), "-q")
    mixed = lexiscope.merge([(tmp_path / "cli.tally").read_text(encoding="utf-8"), tallies[1]]).to_dict()
    assert mixed == single


def test_lexicon(cli):
    lex = lexiscope.Lexicon.load("narco-es")
    assert lex.name == "narco-es" and len(lex.sha256) == 64
    ids = [c.id for c in lex.categories if not c.helper]
    assert ids[:6] == ["capability", "threats", "groups", "recruitment", "sales", "extortion"]
    results = lex.test()
    assert results and all(r.passed for r in results)
    summary = cli("lexicon", "test").stdout
    assert f"{len(results)} cases, {len(results)} passed" in summary
    assert lex.lint() == json.loads(cli("lexicon", "lint", "-f", "json").stdout)
    mini = lexiscope.Lexicon.load("tests/data/mini.toml")
    by_object = lexiscope.analyze("tests/data/posts.csv", lexicon=mini).to_dict()
    by_path = lexiscope.analyze("tests/data/posts.csv", lexicon="tests/data/mini.toml").to_dict()
    assert by_object == by_path
    assert lexiscope.BUILTIN_LEXICONS == ["narco-es"]


def test_categories_choose_the_rows(cli_json):
    got = lexiscope.analyze("examples/cartel-posts.csv", categories="threats").to_dict()
    assert [c["id"] for c in got["categories"]] == ["threats", "_any"]
    expected = cli_json("analyze", "examples/cartel-posts.csv", "--categories", "threats", "-f", "json", "-q")
    assert got["categories"] == expected["categories"]
    with pytest.raises(lexiscope.UsageError):
        lexiscope.analyze("examples/cartel-posts.csv", exclude_categories=["nope"])
