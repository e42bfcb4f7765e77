"""Every error path raises a LexiscopeError subclass with the CLI's message;
skipped records are counted on the report and warned about, never dropped."""

import warnings

import pandas as pd
import pyarrow as pa
import pytest

import lexiscope


def cli_error(cli, *args):
    p = cli(*args, check=False)
    assert p.returncode == 2, p
    return p.stderr.strip().removeprefix("lexiscope: ").removeprefix("error: ")


def test_the_hierarchy():
    for e in (lexiscope.InputError, lexiscope.LexiconError, lexiscope.UsageError, lexiscope.CheckFailed):
        assert issubclass(e, lexiscope.LexiscopeError) and issubclass(e, Exception)


def test_missing_file(cli):
    with pytest.raises(lexiscope.InputError) as e:
        lexiscope.analyze("no/such/file.csv")
    assert str(e.value) in cli_error(cli, "analyze", "no/such/file.csv")


def test_missing_field(cli):
    with pytest.raises(lexiscope.InputError, match='no field "txt"') as e:
        lexiscope.analyze("tests/data/posts.csv", text="txt")
    assert str(e.value) in cli_error(cli, "analyze", "tests/data/posts.csv", "--text", "txt")
    with pytest.raises(lexiscope.InputError, match="no field"):
        lexiscope.analyze(pd.DataFrame({"body": ["x"]}), text="text")


def test_no_text_column():
    with pytest.raises(lexiscope.InputError, match="text"):
        lexiscope.analyze(pd.DataFrame({"a": [1], "b": [2]}))


def test_bad_lexicons(cli):
    with pytest.raises(lexiscope.LexiconError) as e:
        lexiscope.analyze("tests/data/posts.csv", lexicon="tests/data/bad/syntax.toml")
    assert str(e.value) in cli_error(cli, "analyze", "tests/data/posts.csv", "-l", "tests/data/bad/syntax.toml")
    with pytest.raises(lexiscope.LexiconError, match="no built-in lexicon"):
        lexiscope.Lexicon.load("no-such-lexicon")
    with pytest.raises(lexiscope.LexiconError):
        lexiscope.analyze("tests/data/posts.csv", lexicon="tests/data/bad/unknown_key.toml")


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"every": "fortnight"}, "every"),
        ({"dedupe": "fuzzy"}, "dedupe"),
        ({"confidence": 1.5}, "confidence"),
        ({"bootstrap": 0, "cluster": "author"}, "bootstrap"),
        ({"bootstrap": 10**9}, "bootstrap"),
        ({"date": "date"}, "--every"),
        ({"overlap": "shortest"}, "overlap"),
        ({"format": "xml"}, "format"),
        ({"delimiter": "ab"}, "delimiter"),
        ({"preset": "myspace"}, "preset"),
        ({"encoding": "klingon"}, "encoding"),
        ({"decimal": ";"}, "decimal"),
        ({"threads": 0}, "threads"),
        ({"colour": "red"}, "unknown option"),
        ({"text": 3}, "text"),
        ({"lexicon_format": "docx"}, "lexicon_format"),
    ],
)
def test_bad_options(kwargs, match):
    with pytest.raises(lexiscope.UsageError, match=match):
        lexiscope.analyze("tests/data/posts.csv", **kwargs)


def test_bad_data():
    with pytest.raises(lexiscope.UsageError, match="cannot read"):
        lexiscope.analyze(42)
    with pytest.raises(lexiscope.UsageError, match="not a string"):
        lexiscope.analyze(["hola", 3])
    with pytest.raises(lexiscope.UsageError, match="empty"):
        lexiscope.analyze([])
    with pytest.raises(lexiscope.UsageError, match="bytes"):
        lexiscope.analyze(b"id,text\n1,hola\n")
    with pytest.raises(lexiscope.UsageError, match="some items are paths"):
        lexiscope.analyze(["tests/data/posts.csv", "no existe"])
    with pytest.raises(lexiscope.InputError, match="No such file"):
        lexiscope.analyze(["tests/data/posts.csv", "tests/data/nope.csv"])


def test_skipped_records_are_counted_and_warned(cli_json):
    with pytest.warns(lexiscope.LexiscopeWarning, match="skipped"):
        report = lexiscope.analyze("tests/data/bad/broken.jsonl", lexicon="tests/data/mini.toml")
    expected = cli_json("analyze", "tests/data/bad/broken.jsonl", "-l", "tests/data/mini.toml", "-f", "json", "-q")
    assert report.totals == expected["totals"]
    assert report.totals["posts_skipped"] > 0
    assert sum(report.skipped.values()) == report.totals["posts_skipped"]
    assert any(n.startswith("warning: ") and "skipped" in n for n in report.notes)
    ann = lexiscope.annotate("tests/data/bad/broken.jsonl", lexicon="tests/data/mini.toml")
    statuses = ann.column("status").to_pylist()
    assert statuses.count("skipped") == report.totals["posts_skipped"]


def test_strict_stops_at_the_first_bad_record(cli):
    with pytest.raises(lexiscope.InputError) as e:
        lexiscope.analyze("tests/data/bad/broken.jsonl", lexicon="tests/data/mini.toml", strict=True)
    assert str(e.value) in cli_error(cli, "analyze", "tests/data/bad/broken.jsonl", "-l", "tests/data/mini.toml", "--strict")


def test_kwic_errors():
    with pytest.raises(lexiscope.UsageError, match="no such category"):
        lexiscope.kwic("tests/data/posts.csv", category="nope")
    with pytest.raises(lexiscope.UsageError, match="window"):
        lexiscope.kwic("tests/data/posts.csv", window=100_000)


def test_evaluate_errors():
    with pytest.raises(lexiscope.InputError, match="no field"):
        lexiscope.evaluate("tests/data/posts.csv", gold="tests/data/gold.csv", gold_id="post", lexicon="tests/data/mini.toml")
    with pytest.raises(lexiscope.UsageError, match="no category"):
        lexiscope.evaluate("tests/data/posts.csv", gold="tests/data/gold.csv", pairs={"weapons": "nope"}, lexicon="tests/data/mini.toml")
    with pytest.raises(lexiscope.UsageError, match="label_column"):
        lexiscope.evaluate("tests/data/posts.csv", gold="tests/data/gold.csv", map={"a": "b"})


def test_merge_errors():
    with pytest.raises(lexiscope.InputError, match="not a lexiscope tally"):
        lexiscope.merge(["{}"])
    with pytest.raises(lexiscope.UsageError):
        lexiscope.merge([])
    a = lexiscope.tally("tests/data/posts.csv", lexicon="tests/data/mini.toml")
    b = lexiscope.tally("tests/data/posts.csv", lexicon="tests/data/mini2.toml")
    with pytest.raises(lexiscope.InputError):
        lexiscope.merge([a, b])
    with pytest.raises(lexiscope.UsageError, match="dedupe"):
        lexiscope.tally("tests/data/posts.csv", dedupe="exact")


def test_a_failing_lexicon_test():
    lex = lexiscope.Lexicon.load("tests/data/bad/failing_case.toml")
    results = lex.test()
    assert any(not r.passed for r in results)
    with pytest.raises(lexiscope.CheckFailed, match="failed"):
        lex.test(check=True)


def test_max_groups_bounds_and_the_merge_warning():
    with pytest.raises(lexiscope.UsageError, match="max-groups"):
        lexiscope.analyze("tests/data/posts.csv", lexicon="tests/data/mini.toml", by="author", max_groups=0)
    with pytest.raises(lexiscope.UsageError, match="max-groups"):
        lexiscope.analyze("tests/data/posts.csv", lexicon="tests/data/mini.toml", by="author", max_groups=10**9)
    # A shard that folded groups: merging it says so, as the CLI does.
    with pytest.warns(lexiscope.LexiscopeWarning, match="other groups"):
        folded = lexiscope.tally("tests/data/posts.csv", lexicon="tests/data/mini.toml", by="author", max_groups=1)
    with pytest.warns(lexiscope.LexiscopeWarning, match="other groups"):
        report = lexiscope.merge([folded])
    assert any("other groups" in n for n in report.notes)
