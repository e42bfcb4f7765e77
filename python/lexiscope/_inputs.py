"""What `data` may be, turned into the inputs of the native module.

Paths go to the engine as paths (it opens them, like the command line);
tables go as Arrow C streams (``__arrow_c_stream__``), so a pandas, polars
or pyarrow table is read column by column without a per-row Python loop.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, List, Optional, Tuple, Union

from ._lexiscope import UsageError

#: Extensions that make a string a path rather than a post text.
_PATH_SUFFIXES = (
    ".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".parquet",
    ".gz", ".zst", ".zstd",
)

NativeInput = Union[str, Tuple[str, Any]]


def _looks_like_path(s: str) -> bool:
    if os.path.exists(s) or s == "-":
        return True
    if any(c.isspace() for c in s):
        return False
    return os.sep in s or s.lower().endswith(_PATH_SUFFIXES)


def _texts_table(texts: Iterable[Any]) -> Any:
    import pyarrow as pa

    values = []
    for i, t in enumerate(texts):
        if t is not None and not isinstance(t, str):
            raise UsageError(
                f"data: item {i} is {type(t).__name__}, not a string; "
                "pass paths, a DataFrame, a table, or texts"
            )
        values.append(t)
    return pa.table({"text": pa.array(values, type=pa.string())})


def _type_name(obj: Any) -> str:
    t = type(obj)
    return f"{t.__module__.split('.')[0]}.{t.__name__}"


def _one_table(obj: Any, name: Optional[str]) -> Tuple[str, Any]:
    """An object that holds a table, as (name, object with __arrow_c_stream__)."""
    label = name or f"<{_type_name(obj)}>"
    mod = type(obj).__module__.split(".")[0]
    kind = type(obj).__name__
    if mod == "pandas" and kind == "Series" or mod == "polars" and kind == "Series":
        import pyarrow as pa

        if mod == "pandas":
            arr = pa.Array.from_pandas(obj)
        else:
            arr = obj.to_arrow()
        return label, pa.table({"text": arr})
    if mod == "pyarrow" and kind in ("Array", "ChunkedArray", "StringArray", "LargeStringArray"):
        import pyarrow as pa

        return label, pa.table({"text": obj})
    if mod == "pyarrow" and kind == "RecordBatch":
        import pyarrow as pa

        return label, pa.Table.from_batches([obj])
    if hasattr(obj, "__arrow_c_stream__"):
        return label, obj
    if mod == "pandas" and kind == "DataFrame":
        # pandas before 2.2 has no __arrow_c_stream__: convert column-wise.
        import pyarrow as pa

        return label, pa.Table.from_pandas(obj, preserve_index=False)
    raise UsageError(
        f"data: cannot read a {_type_name(obj)}; pass a path or list of paths, "
        "a pandas or polars DataFrame, a pyarrow Table or RecordBatchReader, "
        "or an iterable of strings"
    )


def inputs(data: Any, name: Optional[str] = None) -> List[NativeInput]:
    """The native inputs of `data`."""
    if isinstance(data, (str, os.PathLike)):
        return [os.fspath(data)]
    if isinstance(data, (bytes, bytearray)):
        raise UsageError("data: bytes are not read; write them to a file or decode them to str")
    if isinstance(data, (list, tuple)):
        if not data:
            raise UsageError("data: the list is empty")
        if all(isinstance(d, os.PathLike) for d in data):
            return [os.fspath(d) for d in data]
        if all(isinstance(d, (str, os.PathLike)) for d in data):
            strings = [os.fspath(d) for d in data]
            paths = [_looks_like_path(s) for s in strings]
            if all(paths):
                return strings
            if any(paths):
                odd = next(s for s, p in zip(strings, paths) if not p)
                raise UsageError(
                    f"data: some items are paths and some are not ({odd!r} is not a file); "
                    "pass either paths or texts"
                )
            return [(name or "<texts>", _texts_table(strings))]
        if all(not isinstance(d, (str, os.PathLike)) for d in data):
            return [_one_table(d, f"{name}[{i}]" if name else None) for i, d in enumerate(data)]
    if hasattr(data, "__arrow_c_stream__") or type(data).__module__.split(".")[0] in (
        "pandas", "polars", "pyarrow",
    ):
        return [_one_table(data, name)]
    if isinstance(data, Iterable):
        return [(name or "<texts>", _texts_table(data))]
    return [_one_table(data, name)]


def names(value: Union[None, str, Iterable[str]], option: str) -> Optional[List[str]]:
    """One name or several, as a list (None stays None)."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Iterable):
        raise UsageError(f"{option}: expected a name or a list of names, got {type(value).__name__}")
    out = list(value)
    for v in out:
        if not isinstance(v, str):
            raise UsageError(f"{option}: expected a name or a list of names, got {type(v).__name__}")
    return out
