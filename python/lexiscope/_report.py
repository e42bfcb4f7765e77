"""The report of a run: the CLI's JSON report as data, and as tables."""

from __future__ import annotations

import copy
import html
import json
from typing import Any, Dict, List, Optional

#: The columns of a category row, in order; the rest follow as they come.
_FIRST = ["category", "label", "posts", "share", "ci_low", "ci_high", "hits"]


def _top_terms(terms: List[Dict[str, Any]]) -> str:
    return "; ".join(f"{t['term']}:{t['hits']}" for t in terms)


class Report:
    """The report ``lexiscope analyze`` prints, as data.

    ``to_dict()`` is exactly the CLI's ``-f json``; ``to_pandas()``,
    ``to_polars()`` and ``to_arrow()`` give one row per category (and per
    group × category for breakdowns) with the share, its interval, posts and
    hits. ``provenance`` says which tool, lexicons, inputs and options made
    the numbers; ``skipped`` counts the records that are not posts, by
    reason, and ``notes`` keeps every note of the run.
    """

    def __init__(self, native: Any, notes: Optional[List[str]] = None) -> None:
        self._native = native
        self._dict: Dict[str, Any] = json.loads(native.render("json"))
        #: Every note of the run ("warning: …" for warnings), as the CLI's stderr.
        self.notes: List[str] = list(notes or [])

    # -- the report as data -------------------------------------------------
    def to_dict(self) -> Dict[str, Any]:
        """The JSON report (schema ``lexiscope.report/1``), as the CLI's ``-f json``."""
        return copy.deepcopy(self._dict)

    @property
    def provenance(self) -> Dict[str, Any]:
        """Tool version, lexicons (with SHA-256), inputs (with SHA-256) and options."""
        return copy.deepcopy(self._dict["provenance"])

    @property
    def totals(self) -> Dict[str, Any]:
        """Posts read, analyzed, empty and skipped (``read = analyzed + empty + skipped``)."""
        return copy.deepcopy(self._dict["totals"])

    @property
    def skipped(self) -> Dict[str, int]:
        """Skipped records by reason (never dropped silently)."""
        return dict(self._dict["totals"].get("skipped_by_reason", {}))

    @property
    def categories(self) -> List[Dict[str, Any]]:
        """One entry per category, then ``_any`` (posts with any category)."""
        return copy.deepcopy(self._dict["categories"])

    def share(self, category: str) -> Optional[float]:
        """The share of posts in `category` (``None`` when no post was analyzed)."""
        for c in self._dict["categories"]:
            if c["id"] == category:
                return c["share"]
        ids = ", ".join(c["id"] for c in self._dict["categories"])
        raise KeyError(f"no category {category!r}; the report has: {ids}")

    def rows(self) -> List[Dict[str, Any]]:
        """One dict per category, and per group × category for breakdowns.

        With ``by=``/``every=`` the group's key columns come first, ``(all)``
        for the rows of the whole corpus, as in the CLI's ``-f csv``.
        """
        d = self._dict
        groups = d.get("groups") or []
        keys: List[str] = []
        for g in groups:
            for k in g["keys"]:
                if k not in keys:
                    keys.append(k)

        def rows_of(cats: List[Dict[str, Any]], totals: Dict[str, Any], key: Dict[str, Any]) -> List[Dict[str, Any]]:
            out = []
            for c in cats:
                row: Dict[str, Any] = {k: key.get(k) for k in keys}
                row["category"] = c["id"]
                for name, value in c.items():
                    if name == "id":
                        continue
                    if name == "top_terms":
                        value = _top_terms(value)
                    elif name == "corrected":
                        # Flat, as the CLI's CSV: corrected_share, _ci_low, ….
                        for k, v in value.items():
                            row[f"corrected_{k}"] = v
                        continue
                    elif isinstance(value, (dict, list)):
                        value = json.dumps(value, ensure_ascii=False)
                    row[name] = value
                row["posts_analyzed"] = totals["posts_analyzed"]
                out.append(row)
            return out

        rows = rows_of(d["categories"], d["totals"], {k: "(all)" for k in keys})
        for g in groups:
            rows.extend(rows_of(g["categories"], g["totals"], g["keys"]))
        # Every row has every column, in one order.
        columns: List[str] = keys + [c for c in _FIRST if any(c in r for r in rows)]
        for r in rows:
            for c in r:
                if c not in columns:
                    columns.append(c)
        return [{c: r.get(c) for c in columns} for r in rows]

    def to_arrow(self) -> Any:
        """The rows as a ``pyarrow.Table``."""
        import pyarrow as pa

        return pa.Table.from_pylist(self.rows())

    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame``."""
        import pandas as pd

        return pd.DataFrame(self.rows())

    def to_polars(self) -> Any:
        """The rows as a ``polars.DataFrame``."""
        import polars as pl

        return pl.DataFrame(self.rows())

    # -- renderings -----------------------------------------------------------
    def render(self, format: str = "table") -> str:
        """The CLI's rendering: ``table``, ``csv``, ``json`` or ``markdown``."""
        return self._native.render(format)

    def chart(self, path: Optional[str] = None) -> str:
        """The SVG chart the CLI's ``--chart`` writes; also written to `path` when given."""
        svg = self._native.chart()
        if path is not None:
            with open(path, "w", encoding="utf-8") as f:
                f.write(svg)
        return svg

    def __repr__(self) -> str:
        return self._native.render("table")

    def _repr_html_(self) -> str:
        rows = self.rows()
        if not rows:
            return "<p>lexiscope report: no categories</p>"
        conf = self._dict["provenance"]["options"].get("confidence", 0.95)
        shown = [c for c in rows[0] if c not in ("top_terms",)]
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown)
        body = []
        for r in rows:
            cells = []
            for c in shown:
                v = r[c]
                if isinstance(v, float) and (c in ("share", "ci_low", "ci_high") or c.endswith("_share")):
                    text = "" if v is None else f"{v * 100:.1f}%"
                else:
                    text = "" if v is None else str(v)
                cells.append(f"<td>{html.escape(text)}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        t = self._dict["totals"]
        caption = (
            f"{t['posts_analyzed']:,} posts analyzed of {t['posts_read']:,} read "
            f"({t['posts_skipped']:,} skipped, {t['posts_empty']:,} empty); "
            f"{conf * 100:g}% Wilson intervals"
        )
        return (
            f"<table><caption>{html.escape(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )
