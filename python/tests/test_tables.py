"""DataFrames, Arrow tables and texts in: the same numbers as the file they
came from, read through the Arrow C stream interface."""

import json

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import lexiscope
from conftest import without_paths

CT_TEXT = ["Message", "Image Text", "Link Text", "Description"]


@pytest.fixture(scope="module")
def cartel():
    return pd.read_csv("examples/cartel-posts.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def mananeras():
    return pd.read_json("examples/mananeras-excerpt.jsonl", lines=True, dtype={"id": str, "year": str})


def file_report(path, **kw):
    return without_paths(lexiscope.analyze(path, **kw).to_dict())


def test_pandas_dataframe_equals_its_csv(cartel):
    expected = file_report("examples/cartel-posts.csv", text=CT_TEXT, id="URL", by="Page Category")
    got = lexiscope.analyze(cartel, text=CT_TEXT, id="URL", by="Page Category")
    assert without_paths(got.to_dict()) == expected
    inp = got.provenance["inputs"][0]
    assert inp["path"] == "<pandas.DataFrame>"
    assert len(inp["sha256"]) == 64 and inp["bytes"] > 0


def test_polars_and_pyarrow_equal_pandas(mananeras):
    expected = file_report("examples/mananeras-excerpt.jsonl", by="year")
    table = pa.Table.from_pandas(mananeras, preserve_index=False)
    for data in (mananeras, pl.from_pandas(mananeras), table, table.to_reader(max_chunksize=1000)):
        got = lexiscope.analyze(data, by="year")
        assert without_paths(got.to_dict()) == expected, type(data)


def test_detected_text_and_id_columns(mananeras):
    got = lexiscope.analyze(mananeras)
    fields = got.provenance["options"]["fields"][0]
    assert fields["text"] == ["text"] and fields["id"] == "id"


def test_the_digest_names_the_cells(mananeras):
    a = lexiscope.analyze(mananeras).provenance["inputs"][0]["sha256"]
    b = lexiscope.analyze(pl.from_pandas(mananeras)).provenance["inputs"][0]["sha256"]
    changed = mananeras.copy()
    changed.loc[10, "text"] = "otra cosa"
    c = lexiscope.analyze(changed).provenance["inputs"][0]["sha256"]
    assert a == b != c


def test_texts(cli_json, tmp_path):
    texts = ["Llegaron los del CJNG 🔫🔫 con puro cuerno de chivo", "Buenos días", "", "hoy no"]
    got = lexiscope.analyze(texts)
    assert got.totals["posts_read"] == 4
    assert got.totals["posts_empty"] == 1
    csv = tmp_path / "t.csv"
    pd.DataFrame({"text": texts}).to_csv(csv, index=False)
    expected = without_paths(cli_json("analyze", str(csv), "-f", "json", "-q"))
    assert without_paths(got.to_dict())["categories"] == expected["categories"]
    for data in (iter(texts), (t for t in texts), pd.Series(texts), pl.Series(texts), pa.array(texts)):
        assert lexiscope.analyze(data).to_dict()["categories"] == got.to_dict()["categories"]


def test_missing_texts_are_empty_posts():
    got = lexiscope.analyze(pd.DataFrame({"text": ["hola", None, "adiós"]}))
    assert got.totals["posts_read"] == 3 and got.totals["posts_empty"] == 1


def test_non_text_columns_are_read_as_printed(tmp_path):
    df = pd.DataFrame({"text": ["a", "b", "c"], "n": [1, 2, 1], "when": pd.to_datetime(["2024-01-05", "2024-02-01", "2024-02-03"])})
    got = lexiscope.analyze(df, by="n", every="month", date="when")
    keys = [g["keys"] for g in got.to_dict()["groups"]]
    assert {"n": "1", "month": "2024-01"} in keys and {"n": "2", "month": "2024-02"} in keys


def test_nested_columns_by_dotted_path(tmp_path):
    t = pa.table({"post": pa.array([{"body": "hola", "author": "x"}, {"body": "adiós", "author": "y"}])})
    got = lexiscope.analyze(t, text="post.body", by="post.author")
    assert got.totals["posts_analyzed"] == 2
    assert sorted(g["keys"]["post.author"] for g in got.to_dict()["groups"]) == ["x", "y"]


def test_parquet_file_and_its_table_agree():
    path = "tests/data/platforms/posts_pyarrow.parquet"
    expected = file_report(path)
    assert without_paths(lexiscope.analyze(pq.read_table(path)).to_dict()) == expected


def test_a_stream_is_read_once():
    reader = pa.table({"text": ["hola"]}).to_reader()
    assert lexiscope.analyze(reader).totals["posts_read"] == 1
    # A consumed pyarrow reader exports an empty stream: said, not silent.
    with pytest.warns(lexiscope.LexiscopeWarning, match="no records"):
        again = lexiscope.analyze(reader)
    assert again.totals["posts_read"] == 0


def test_a_list_of_tables_is_one_run(mananeras):
    half = len(mananeras) // 2
    whole = lexiscope.analyze(mananeras).to_dict()
    parts = lexiscope.analyze([mananeras.iloc[:half], mananeras.iloc[half:]]).to_dict()
    assert parts["categories"] == whole["categories"] and parts["totals"] == whole["totals"]
    assert len(parts["provenance"]["inputs"]) == 2


def test_name_names_the_table(mananeras):
    got = lexiscope.analyze(mananeras, name="mañaneras")
    assert got.provenance["inputs"][0]["path"] == "mañaneras"
