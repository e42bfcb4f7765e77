"""The Python numbers are the CLI's: `analyze(...).to_dict()` equals
`lexiscope analyze -f json` on every fixture, with the same options."""

import pytest

import lexiscope

# (input, CLI flags, Python keyword arguments)
CASES = [
    ("examples/cartel-posts.csv", [], {}),
    ("examples/cartel-posts.jsonl", [], {}),
    ("examples/mananeras-excerpt.jsonl", [], {}),
    ("examples/mananeras-excerpt.jsonl", ["--by", "year", "--by", "speaker"], {"by": ["year", "speaker"]}),
    ("examples/cartel-posts.csv", ["--every", "month", "--weight", "Total Interactions"], {"every": "month", "weight": "Total Interactions"}),
    ("examples/cartel-posts.csv", ["--dedupe", "normalized", "--confidence", "0.9"], {"dedupe": "normalized", "confidence": 0.9}),
    ("examples/cartel-posts.csv", ["--cluster", "Page Name", "--bootstrap", "200", "--seed", "7"], {"cluster": "Page Name", "bootstrap": 200, "seed": 7}),
    ("examples/cartel-posts.csv", ["--cooccurrence", "--top-terms", "2"], {"cooccurrence": True, "top_terms": 2}),
    ("tests/data/posts.csv", ["-l", "tests/data/mini.toml"], {"lexicon": "tests/data/mini.toml"}),
    ("tests/data/posts.tsv", ["-l", "tests/data/mini.toml", "-l", "tests/data/readme_example.toml"], {"lexicon": ["tests/data/mini.toml", "tests/data/readme_example.toml"]}),
    ("tests/data/posts.jsonl", ["-l", "tests/data/mini.toml", "--overlap", "per-category"], {"lexicon": "tests/data/mini.toml", "overlap": "per-category"}),
    ("tests/data/crowdtangle.csv", [], {}),
    ("tests/data/platforms/reddit_comments.ndjson.zst", [], {}),
    ("tests/data/platforms/youtube_comments_pretty.json", [], {}),
    ("tests/data/platforms/tiktok_videos_pages.jsonl", [], {}),
    ("tests/data/platforms/bluesky_jetstream.jsonl", [], {}),
    ("tests/data/platforms/zeeschuimer_instagram.ndjson", [], {}),
    ("tests/data/platforms/posts_pyarrow.parquet", [], {}),
    ("tests/data/platforms/telegram_chat.json", [], {}),
    ("tests/data/platforms/whatsapp_android.txt", [], {}),
    ("tests/data/platforms/x_pages.jsonl", [], {}),
    ("tests/data/platforms/meta_cl.csv", [], {}),
]


@pytest.mark.parametrize("path,flags,kwargs", CASES, ids=[f"{c[0]} {' '.join(c[1])}" for c in CASES])
def test_report_is_the_clis(cli_json, path, flags, kwargs):
    expected = cli_json("analyze", path, "-f", "json", "-q", *flags)
    got = lexiscope.analyze(path, **kwargs).to_dict()
    assert got == expected


def test_several_paths_are_one_run(cli_json):
    paths = ["tests/data/posts.csv", "tests/data/posts.jsonl"]
    expected = cli_json("analyze", *paths, "-l", "tests/data/mini.toml", "-f", "json", "-q")
    assert lexiscope.analyze(paths, lexicon="tests/data/mini.toml").to_dict() == expected


def test_renderings_are_the_clis(cli):
    report = lexiscope.analyze("examples/cartel-posts.csv")
    for fmt in ("table", "csv", "markdown"):
        assert report.render(fmt) == cli("analyze", "examples/cartel-posts.csv", "-f", fmt, "-q").stdout
    assert repr(report) == report.render("table")


def test_chart_is_the_clis(cli, tmp_path):
    svg = tmp_path / "cli.svg"
    cli("analyze", "examples/cartel-posts.csv", "-q", "--chart", str(svg))
    mine = tmp_path / "py.svg"
    report = lexiscope.analyze("examples/cartel-posts.csv")
    assert report.chart(str(mine)) == svg.read_text(encoding="utf-8")
    assert mine.read_text(encoding="utf-8").startswith("<svg")


def test_dataframe_rows_match_the_report():
    report = lexiscope.analyze("examples/cartel-posts.csv", by="Page Category")
    df = report.to_pandas()
    d = report.to_dict()
    whole = df[df["Page Category"] == "(all)"]
    assert list(whole["category"]) == [c["id"] for c in d["categories"]]
    assert list(whole["share"]) == [c["share"] for c in d["categories"]]
    assert list(whole["ci_low"]) == [c["ci_low"] for c in d["categories"]]
    assert len(df) == len(d["categories"]) * (1 + len(d["groups"]))
    g = d["groups"][0]
    rows = df[df["Page Category"] == g["keys"]["Page Category"]]
    assert list(rows["posts"]) == [c["posts"] for c in g["categories"]]
    assert list(rows["posts_analyzed"]) == [g["totals"]["posts_analyzed"]] * len(rows)
    pl = report.to_polars()
    assert pl.shape == df.shape and pl.columns == list(df.columns)
    at = report.to_arrow()
    assert at.num_rows == len(df) and at.column_names == list(df.columns)
    html = report._repr_html_()
    assert "<table>" in html and "capability" in html and "10.0%" in html


def test_the_readme_line(cli):
    shares = lexiscope.analyze("examples/cartel-posts.csv").to_pandas().set_index("category")["share"]
    csv = cli("analyze", "examples/cartel-posts.csv", "-f", "csv", "--raw-csv", "-q").stdout.splitlines()
    header = csv[0].split(",")
    for line in csv[1:]:
        cells = line.split(",")
        assert shares[cells[0]] == pytest.approx(float(cells[header.index("share")]), abs=1e-6)


def test_validation_is_the_clis(cli_json):
    sheet = "examples/cartel-posts-labels.csv"
    expected = cli_json("analyze", "examples/cartel-posts.csv", "--validation", sheet, "--validation-id", "url", "-f", "json", "-q")
    got = lexiscope.analyze("examples/cartel-posts.csv", validation=sheet, validation_id="url")
    assert got.to_dict() == expected
    assert got.to_dict()["validation"]["found"] == 2000
    rows = got.rows()
    capability = next(r for r in rows if r["category"] == "capability")
    # Every post is coded: the corrected share is the coded one, exactly.
    assert capability["corrected_share"] == capability["corrected_ci_low"] == 0.1
    assert capability["corrected_coded"] == 2000
