"""Past one machine: the analysis of a Spark DataFrame, on the executors.

``lexiscope.spark.analyze(df, ...)`` runs ``lexiscope.tally`` on every
Arrow batch of `df` with ``DataFrame.mapInArrow`` (no per-row Python
loop, no file written), collects the tallies (counts only: a few kilobytes
per batch) and merges them on the driver exactly as ``lexiscope merge``
does: counts are integers, so the report is the one a single run over all
the rows would give, whatever the partitioning.

The wheel must be installed on the executors (``pip install`` on the
cluster's nodes, or ``--archives`` of a virtual environment). A lexicon is
named as in ``analyze``: the built-in default needs nothing; a lexicon
file must be readable on every executor at the same path (a shared file
system, or ``SparkContext.addFile`` and ``SparkFiles.get``). Clusters
without the wheel use the command line through ``RDD.pipe``
(``docs/scale-out.md``).
"""

from __future__ import annotations

import os
from typing import Any, List, Optional, Sequence, Union

from . import Names, Report, merge, tally
from ._inputs import names as _names
from ._lexiscope import UsageError

__all__ = ["analyze", "tallies"]


def _columns(text: Names, id: Optional[str], by: Names, date: Optional[str], weight: Optional[str], cluster: Optional[str]) -> Optional[List[str]]:
    """The columns a run reads, when every one is named (else all are sent)."""
    if text is None:
        return None
    cols: List[str] = []
    for group in (_names(text, "text"), [id] if id else [], _names(by, "by") or [], [date] if date else [], [weight] if weight else [], [cluster] if cluster else []):
        for c in group or []:
            top = c.split(".")[0]
            if top not in cols:
                cols.append(top)
    return cols


def tallies(
    df: Any,
    lexicon: Union[None, str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]] = None,
    text: Names = None,
    id: Optional[str] = None,
    by: Names = None,
    every: Optional[str] = None,
    date: Optional[str] = None,
    weight: Optional[str] = None,
    confidence: float = 0.95,
    *,
    name: str = "<spark>",
    **options: Any,
) -> List[str]:
    """One tally (a JSON line, as ``--emit-tally`` writes) per Arrow batch of
    the Spark DataFrame `df`, computed on the executors."""
    if options.get("dedupe"):
        raise UsageError(
            "dedupe cannot be used on Spark: duplicates across batches are not in a tally, "
            "so batches would not merge exactly"
        )
    if lexicon is not None and not isinstance(lexicon, (str, os.PathLike)):
        lexicon = [os.fspath(x) if isinstance(x, os.PathLike) else x for x in lexicon]
        if not all(isinstance(x, str) for x in lexicon):
            raise UsageError("lexicon: on Spark, name lexicons by path or built-in name (executors load them)")
    elif isinstance(lexicon, os.PathLike):
        lexicon = os.fspath(lexicon)
    cols = _columns(text, id, by, date, weight, options.get("cluster"))
    if cols is not None:
        df = df.select(*cols)
    args = dict(lexicon=lexicon, text=text, id=id, by=by, every=every, date=date, weight=weight, confidence=confidence, **options)

    def per_batch(batches: Any) -> Any:
        import pyarrow as pa

        import lexiscope

        for b in batches:
            if b.num_rows == 0:
                continue
            line = lexiscope.tally(b, name=name, **args)
            yield pa.RecordBatch.from_pydict({"tally": [line]})

    rows = df.mapInArrow(per_batch, "tally string").collect()
    return [r["tally"] for r in rows]


def analyze(
    df: Any,
    lexicon: Union[None, str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]] = None,
    text: Names = None,
    id: Optional[str] = None,
    by: Names = None,
    every: Optional[str] = None,
    date: Optional[str] = None,
    weight: Optional[str] = None,
    confidence: float = 0.95,
    *,
    name: str = "<spark>",
    **options: Any,
) -> Report:
    """``lexiscope.analyze`` over a Spark DataFrame: the same options, the
    same Report (its provenance lists one input per Arrow batch)."""
    lines = tallies(df, lexicon, text, id, by, every, date, weight, confidence, name=name, **options)
    if not lines:
        raise UsageError("the Spark DataFrame has no rows")
    return merge(lines)
