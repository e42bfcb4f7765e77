"""Lexicons: load one (a file in any dictionary format, or a built-in
name), list its categories, run its test cases, lint it."""

from __future__ import annotations

import json
import os
import warnings
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Union

from . import _lexiscope
from ._lexiscope import CheckFailed


class LexiscopeWarning(UserWarning):
    """A warning of a run: skipped records, unreadable dates or weights, import problems."""


def _warn(notes: Sequence[Any], stacklevel: int = 3) -> List[str]:
    out = []
    for is_warning, message in notes:
        out.append(("warning: " if is_warning else "") + message)
        if is_warning:
            warnings.warn(message, LexiscopeWarning, stacklevel=stacklevel)
    return out


@dataclass(frozen=True)
class Category:
    """A category of a lexicon."""

    id: str
    label: str
    description: str
    terms: int
    rule: bool
    helper: bool


@dataclass(frozen=True)
class CaseResult:
    """One test case: the categories expected and those found."""

    origin: str
    line: int
    text: str
    expected: List[str]
    found: List[str]

    @property
    def passed(self) -> bool:
        return self.expected == self.found


class Lexicon:
    """A lexicon, as ``-l`` takes it: ``Lexicon.load("narco-es")`` or a file
    (TOML, LIWC ``.dic``/``.dicx``, YAML, WordStat ``.cat``, Lexicoder
    ``.lc3``, a TSV/CSV term list)."""

    def __init__(self, native: Any, notes: Optional[List[str]] = None) -> None:
        self._native = native
        self.name, self.version, self.origin, self.sha256 = native.meta()
        self.notes = notes or []

    @classmethod
    def load(
        cls,
        spec: Union[str, "os.PathLike[str]"],
        format: Optional[str] = None,
        columns: Optional[str] = None,
    ) -> "Lexicon":
        """Load a lexicon file, or a built-in lexicon by name
        (``lexiscope.BUILTIN_LEXICONS``). `format` and `columns` are the CLI's
        ``--lexicon-format`` and ``--lexicon-columns``."""
        native, notes = _lexiscope.NativeLexicon.load(os.fspath(spec), format, columns)
        return cls(native, _warn(notes))

    @property
    def categories(self) -> List[Category]:
        """The categories, in order (helper categories say so)."""
        return [Category(*c) for c in self._native.categories()]

    def test(self, cases: Sequence[Union[str, "os.PathLike[str]"]] = (), check: bool = False) -> List[CaseResult]:
        """Run the lexicon's ``[[test]]`` cases and those of the files `cases`
        (``lexicon test``). With ``check=True`` a failing case raises
        ``CheckFailed``."""
        results = [CaseResult(*r) for r in self._native.test([os.fspath(c) for c in cases])]
        failed = [r for r in results if not r.passed]
        if check and failed:
            raise CheckFailed(f"{len(failed)} of {len(results)} lexicon test cases failed")
        return results

    def lint(self) -> List[Dict[str, Any]]:
        """``lexicon lint``: the findings (path, line, level, code, category, message)."""
        return json.loads(self._native.lint())

    def __repr__(self) -> str:
        return f"Lexicon({self.name!r} {self.version}, {len(self.categories)} categories, from {self.origin})"
