"""annotate(): one row per record, as the CLI's JSON lines, as an Arrow table."""

import json

import pandas as pd
import pyarrow as pa

import lexiscope


def cli_annotations(cli, *args):
    out = cli("annotate", *args, "-q").stdout
    return [json.loads(line) for line in out.splitlines()]


def test_rows_are_the_clis(cli):
    for path, flags, kw in [
        ("examples/cartel-posts.csv", [], {}),
        ("tests/data/posts.jsonl", ["-l", "tests/data/mini.toml"], {"lexicon": "tests/data/mini.toml"}),
        ("tests/data/platforms/bluesky_jetstream.jsonl", [], {}),
    ]:
        expected = cli_annotations(cli, path, *flags)
        got = lexiscope.annotate(path, **kw).to_pylist()
        assert len(got) == len(expected)
        for g, e in zip(got, expected):
            assert (g["input"], g["line"], g["id"], g["status"], g["skipped"]) == (
                e["input"], e["line"], e.get("id"), e["status"], e.get("skipped"))
            assert g["categories"] == e["categories"]
            assert g["tokens"] == e["tokens"]
            assert [(m["category"], m["term"], m["start"], m["end"], m["char_start"], m["char_end"], m["text"]) for m in g["matches"]] == [
                (m["category"], m["term"], m["start"], m["end"], m["char_start"], m["char_end"], m["text"]) for m in e["matches"]]
            for cat, pct in e["percent"].items():
                assert g[f"pct_{cat}"] == pct


def test_joins_back_to_the_dataframe():
    df = pd.read_csv("examples/cartel-posts.csv", dtype=str, keep_default_na=False)
    text = ["Message", "Image Text", "Link Text", "Description"]
    ann = lexiscope.annotate(df, text=text, id="URL").to_pandas()
    assert len(ann) == len(df)
    joined = df.merge(ann, left_on="URL", right_on="id")
    assert len(joined) == len(df)
    flagged = joined[joined["categories"].map(lambda c: "capability" in list(c))]
    assert len(flagged) == 200


def test_offsets_slice_the_text():
    texts = ["Ñandú: ya llegó la mercancía, cuerno de chivo 🔫 en venta, envíos por privado"]
    ann = lexiscope.annotate(texts).to_pylist()[0]
    assert ann["matches"]
    for m in ann["matches"]:
        assert texts[0][m["char_start"]:m["char_end"]] == m["text"]
        assert texts[0].encode()[m["start"]:m["end"]].decode() == m["text"]


def test_other_readers_take_the_table():
    import polars as pl

    t = lexiscope.annotate(["hola", "adiós"])
    assert isinstance(t, pa.Table) and t.num_rows == 2
    assert pl.from_arrow(t).shape[0] == 2
    assert list(t.column("line").to_pylist()) == [1, 2]
