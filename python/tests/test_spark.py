"""lexiscope.spark: the report of a Spark DataFrame (mapInArrow, one tally
per Arrow batch, merged on the driver) equals a single run's. Runs Spark in
local mode when pyspark and Java are present, and skips with a message
otherwise."""

import os
import shutil
import sys

import pytest

import lexiscope

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("no Java on this machine: Spark's local mode needs one", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

import lexiscope.spark  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("lexiscope-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        # Small batches, so that the excerpt is many tallies.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "500")
        .getOrCreate()
    )
    yield session
    session.stop()


def numbers(report):
    d = report.to_dict()
    prov = d.pop("provenance")
    prov["options"].pop("fields")
    return d, prov["lexicons"], prov["options"]


def test_spark_equals_a_single_run(spark):
    path = "examples/mananeras-excerpt.jsonl"
    df = spark.read.json(path).repartition(3)
    single = lexiscope.analyze(path, text="text", id="id", by="year")
    distributed = lexiscope.spark.analyze(df, text="text", id="id", by="year")
    assert numbers(distributed) == numbers(single)
    assert len(distributed.provenance["inputs"]) >= 3
    assert distributed.totals["posts_read"] == 6078


def test_spark_without_named_columns(spark):
    path = "examples/mananeras-excerpt.jsonl"
    df = spark.read.json(path)
    single = lexiscope.analyze(path)
    distributed = lexiscope.spark.analyze(df)
    assert numbers(distributed)[0]["categories"] == numbers(single)[0]["categories"]


def test_spark_refuses_dedupe(spark):
    df = spark.createDataFrame([("hola",)], ["text"])
    with pytest.raises(lexiscope.UsageError, match="dedupe"):
        lexiscope.spark.analyze(df, dedupe="exact")
