"""lexiscope: category lexicons over social-media exports.

The same engine as the ``lexiscope`` command line, called from Python::

    import lexiscope
    report = lexiscope.analyze("examples/cartel-posts.csv")
    report.to_pandas()          # one row per category: share, interval, posts, hits

`data` is a path or a list of paths (every format the CLI reads: CSV, JSON
lines, JSON documents, Parquet, platform exports, gzip/zstd), a pandas or
polars DataFrame, a pyarrow Table or RecordBatchReader (read through the
Arrow C stream interface, without a per-row Python loop), or an iterable of
strings (one post each). Options have the CLI's names: ``text=`` is
``--text``, ``by=`` is ``--by``, and so on. Errors raise
``LexiscopeError`` subclasses with the CLI's messages; skipped records are
counted on the report and warned about (``LexiscopeWarning``).
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from . import _lexiscope
from ._inputs import inputs as _inputs, names as _names
from ._lexicon import CaseResult, Category, Lexicon, LexiscopeWarning, _warn
from ._lexiscope import (
    BUILTIN_LEXICONS,
    CheckFailed,
    InputError,
    LexiconError,
    LexiscopeError,
    UsageError,
    __version__,
)
from ._report import Report

__all__ = [
    "analyze",
    "annotate",
    "kwic",
    "evaluate",
    "tally",
    "merge",
    "Report",
    "Lexicon",
    "Category",
    "CaseResult",
    "LexiscopeError",
    "InputError",
    "LexiconError",
    "UsageError",
    "CheckFailed",
    "LexiscopeWarning",
    "BUILTIN_LEXICONS",
    "__version__",
]

#: Said when a run reads nothing: an empty input, or a stream already read
#: (a consumed pyarrow RecordBatchReader exports an empty stream).
_NO_RECORDS = "no records were read (an empty input, or a stream that was already read?)"

LexiconArg = Union[None, str, "os.PathLike[str]", Lexicon, Sequence[Union[str, "os.PathLike[str]", Lexicon]]]
Names = Union[None, str, Sequence[str]]


def _lexicons(lexicon: LexiconArg) -> Optional[List[Any]]:
    if lexicon is None:
        return None
    items = [lexicon] if isinstance(lexicon, (str, os.PathLike, Lexicon)) else list(lexicon)
    out: List[Any] = []
    for item in items:
        if isinstance(item, Lexicon):
            out.append(item._native)
        elif isinstance(item, (str, os.PathLike)):
            out.append(os.fspath(item))
        else:
            raise UsageError(f"lexicon: expected a path, a built-in name or a Lexicon, got {type(item).__name__}")
    return out


def _options(
    lexicon: LexiconArg = None,
    text: Names = None,
    id: Optional[str] = None,
    format: Optional[str] = None,
    delimiter: Optional[str] = None,
    no_header: bool = False,
    preset: Optional[str] = None,
    encoding: Optional[str] = None,
    records: Optional[str] = None,
    dayfirst: Optional[bool] = None,
    max_field_bytes: Optional[int] = None,
    lexicon_format: Optional[str] = None,
    lexicon_columns: Optional[str] = None,
    overlap: Optional[str] = None,
    match_urls: bool = False,
    helpers: bool = False,
    fold_diacritics: Optional[bool] = None,
    strict: bool = False,
    threads: Optional[int] = None,
    **analysis: Any,
) -> Dict[str, Any]:
    opts: Dict[str, Any] = {
        "lexicons": _lexicons(lexicon),
        "text": _names(text, "text"),
        "id": id,
        "input_format": format,
        "delimiter": delimiter,
        "no_header": no_header,
        "preset": preset,
        "encoding": encoding,
        "records": records,
        "dayfirst": dayfirst,
        "max_field_bytes": max_field_bytes,
        "lexicon_format": lexicon_format,
        "lexicon_columns": lexicon_columns,
        "overlap": overlap,
        "match_urls": match_urls,
        "helpers": helpers,
        "fold_diacritics": fold_diacritics,
        "strict": strict,
        "threads": threads,
    }
    for key in ("by", "categories", "exclude_categories"):
        if key in analysis:
            analysis[key] = _names(analysis[key], key)
    opts.update(analysis)
    return opts


def analyze(
    data: Any,
    lexicon: LexiconArg = None,
    text: Names = None,
    id: Optional[str] = None,
    by: Names = None,
    every: Optional[str] = None,
    date: Optional[str] = None,
    weight: Optional[str] = None,
    dedupe: Optional[str] = None,
    confidence: float = 0.95,
    *,
    top_terms: int = 5,
    min_posts: int = 1,
    decimal: str = ".",
    cluster: Optional[str] = None,
    bootstrap: int = 1000,
    seed: int = 1,
    cooccurrence: bool = False,
    validation: Optional[str] = None,
    validation_id: str = "id",
    validation_pairs: Optional[Dict[str, str]] = None,
    min_coded: int = 30,
    categories: Names = None,
    exclude_categories: Names = None,
    name: Optional[str] = None,
    **reading: Any,
) -> Report:
    """``lexiscope analyze``: the share of posts per category, with intervals.

    `lexicon` is a path, a built-in name, a ``Lexicon`` or a list of them
    (default: the built-in ``narco-es``). `text` and `id` name the fields
    (default: detected). `by` breaks the figures down by fields, `every`
    (``day``, ``week``, ``month``, ``year``) by period of the `date` field;
    `weight` also reports the share of a weight (views, interactions);
    `dedupe` (``exact``, ``normalized``) also counts unique posts; `cluster`
    gives cluster-bootstrap intervals over a field's values (`bootstrap`
    replicates, `seed`); `confidence` is the level of the Wilson intervals.
    `name` names an in-memory table in messages and the provenance.
    `validation` is a human-coded sheet of posts of `data` (``--validation``:
    its id column `validation_id`, `validation_pairs` ``{column: category}``
    when its columns are not named after the categories): each category
    then also has its share corrected by the codes, ``corrected`` in the
    rows (``corrected_share``, ``corrected_ci_low``, …), by prediction-powered
    inference; a ``by``/``every`` group needs `min_coded` coded posts.
    `categories` and `exclude_categories` (ids) choose the categories the
    report shows; every category is still matched, so no number changes.

    Reading options, as the CLI's flags: ``format``, ``delimiter``,
    ``no_header``, ``preset``, ``encoding``, ``records``, ``dayfirst``,
    ``max_field_bytes``, ``lexicon_format``, ``lexicon_columns``, ``overlap``,
    ``match_urls``, ``helpers``, ``fold_diacritics``, ``strict``, ``threads``.
    """
    opts = _options(
        lexicon,
        text,
        id,
        by=by,
        every=every,
        date=date,
        weight=weight,
        dedupe=dedupe,
        confidence=confidence,
        top_terms=top_terms,
        min_posts=min_posts,
        decimal=decimal,
        cluster=cluster,
        bootstrap=bootstrap,
        seed=seed,
        cooccurrence=cooccurrence,
        validation=validation,
        validation_id=validation_id,
        validation_pairs=list((validation_pairs or {}).items()),
        min_coded=min_coded,
        categories=categories,
        exclude_categories=exclude_categories,
        **reading,
    )
    native = _lexiscope.analyze(_inputs(data, name), opts)
    report = Report(native, _warn(native.notes()))
    if report.totals["posts_read"] == 0:
        report.notes.extend(_warn([(True, _NO_RECORDS)]))
    return report


def tally(
    data: Any,
    lexicon: LexiconArg = None,
    text: Names = None,
    id: Optional[str] = None,
    by: Names = None,
    every: Optional[str] = None,
    date: Optional[str] = None,
    weight: Optional[str] = None,
    confidence: float = 0.95,
    *,
    name: Optional[str] = None,
    **options: Any,
) -> str:
    """``lexiscope analyze --emit-tally``: the mergeable counts of a shard,
    as the one JSON line the CLI writes. ``merge`` adds tallies up exactly."""
    opts = _options(
        lexicon, text, id, by=by, every=every, date=date, weight=weight, confidence=confidence, **options
    )
    line, notes = _lexiscope.tally(_inputs(data, name), opts)
    _warn(notes)
    return line


def merge(tallies: Iterable[str]) -> Report:
    """``lexiscope merge``: tallies (JSON texts from ``tally`` or
    ``--emit-tally`` lines) added up into the report one run over all the
    shards would have given. Shards that do not belong together (another
    lexicon, other options) raise ``InputError``."""
    named = [(f"<tally {i + 1}>", t) for i, t in enumerate(tallies)]
    if not named:
        raise UsageError("merge: no tally given")
    native = _lexiscope.merge(named)
    return Report(native, _warn(native.notes()))


def annotate(data: Any, lexicon: LexiconArg = None, text: Names = None, id: Optional[str] = None, *, name: Optional[str] = None, **reading: Any) -> Any:
    """``lexiscope annotate``: one row per input record, in input order, as a
    ``pyarrow.Table``: ``input``, ``line``, ``id``, ``status`` (``ok``,
    ``empty``, ``skipped``), ``skipped`` (why), ``categories`` (a list),
    ``matches`` (a list of ``{category, term, start, end, char_start,
    char_end, text}``; ``start``/``end`` in UTF-8 bytes, ``char_*`` in code
    points, so ``text[char_start:char_end]`` is the match), ``tokens``, and
    ``pct_<category>`` (tokens in the category's matches ÷ tokens × 100).
    Join it back to a DataFrame on ``id`` (or on the row number ``line``)."""
    import pyarrow as pa

    table, notes = _lexiscope.annotate(_inputs(data, name), _options(lexicon, text, id, **reading))
    _warn(notes)
    if len(table) == 0:
        _warn([(True, _NO_RECORDS)])
    return pa.table(table)


def kwic(
    data: Any,
    lexicon: LexiconArg = None,
    category: Names = None,
    term: Names = None,
    window: int = 40,
    sample: Optional[int] = None,
    seed: int = 1,
    text: Names = None,
    id: Optional[str] = None,
    *,
    name: Optional[str] = None,
    **reading: Any,
) -> List[Dict[str, Any]]:
    """``lexiscope kwic``: keyword-in-context lines (``input``, ``line``,
    ``id``, ``start``, ``end``, ``left``, ``match``, ``right``, ``category``,
    ``term``) for the categories and terms asked for (default: all), `window`
    characters of context on each side; `sample` keeps a reproducible
    random sample of that many lines (`seed`)."""
    json_lines, notes = _lexiscope.kwic(
        _inputs(data, name),
        _options(lexicon, text, id, **reading),
        _names(category, "category") or [],
        _names(term, "term") or [],
        window,
        sample,
        seed,
    )
    _warn(notes)
    return json.loads(json_lines)


def evaluate(
    data: Any,
    gold: Union[str, "os.PathLike[str]"],
    lexicon: LexiconArg = None,
    pairs: Optional[Dict[str, str]] = None,
    gold_id: str = "id",
    label_column: Optional[str] = None,
    map: Optional[Dict[str, str]] = None,
    confidence: float = 0.95,
    min_f1: Union[None, float, Dict[str, float]] = None,
    min_macro_f1: Optional[float] = None,
    min_kappa: Optional[float] = None,
    text: Names = None,
    id: Optional[str] = None,
    *,
    name: Optional[str] = None,
    **reading: Any,
) -> Dict[str, Any]:
    """``lexiscope evaluate``: the lexicon's category flags against the human
    coding in the sheet `gold` (its ids in column `gold_id`, matched against
    the posts' ids: give ``id=`` for a DataFrame).

    The gold columns are named after the categories (or ``code_<category>``),
    or paired with ``pairs={"COLUMN": "CATEGORY"}``, or one `label_column`
    mapped with ``map={"LABEL": "CATEGORY"}``. Returns the CLI's ``-f json``:
    per comparison the confusion counts, precision, recall, F1, kappa and
    accuracy with intervals, the raw and corrected shares, and the
    macro-averaged F1. Below a bar (`min_f1` for every category, or a dict
    by category; `min_macro_f1`; `min_kappa`) it raises ``CheckFailed``, whose
    ``result`` attribute holds the same dict.
    """
    if isinstance(min_f1, dict):
        bars = (None, [(str(k), float(v)) for k, v in min_f1.items()], min_macro_f1, min_kappa)
    else:
        bars = (min_f1, [], min_macro_f1, min_kappa)
    labels = None
    if label_column is not None:
        labels = (label_column, [(str(k), str(v)) for k, v in (map or {}).items()])
    elif map:
        raise UsageError("map= needs label_column=")
    result_json, notes, failed = _lexiscope.evaluate(
        _inputs(data, name),
        _options(lexicon, text, id, confidence=confidence, **reading),
        os.fspath(gold),
        gold_id,
        [(str(k), str(v)) for k, v in (pairs or {}).items()],
        labels,
        bars,
    )
    _warn(notes)
    result = json.loads(result_json)
    if failed is not None:
        err = CheckFailed(failed)
        err.result = result  # type: ignore[attr-defined]
        raise err
    return result
