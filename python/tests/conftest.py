"""Shared fixtures: the repository root, and the CLI binary the Python
numbers are held against (built by `cargo build`; $LEXISCOPE_BIN overrides)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _cli() -> str:
    env = os.environ.get("LEXISCOPE_BIN")
    if env:
        return env
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for profile in ("debug", "slow", "release"):
        p = target / profile / "lexiscope"
        if p.exists():
            return str(p)
    found = shutil.which("lexiscope")
    if found:
        return found
    raise RuntimeError(
        "no lexiscope binary to compare with: run `cargo build` first or set LEXISCOPE_BIN"
    )


@pytest.fixture(scope="session")
def cli():
    """Run the CLI in the repository root; returns stdout (stderr on failure)."""
    binary = _cli()

    def run(*args, check=True):
        p = subprocess.run([binary, *args], cwd=REPO, capture_output=True, text=True)
        if check and p.returncode != 0:
            raise AssertionError(f"lexiscope {' '.join(args)} exited {p.returncode}: {p.stderr}")
        return p

    return run


@pytest.fixture(scope="session")
def cli_json(cli):
    def run(*args):
        return json.loads(cli(*args).stdout)

    return run


@pytest.fixture(autouse=True)
def in_repo(monkeypatch):
    """Paths in the tests are relative to the repository, as the CLI's."""
    monkeypatch.chdir(REPO)


def without_paths(report):
    """A report with the input paths and sizes taken out (in-memory inputs
    have none of their own), for comparing numbers."""
    r = json.loads(json.dumps(report))
    prov = r["provenance"]
    prov.pop("inputs", None)
    for f in prov.get("options", {}).get("fields", []):
        for k in ("path", "delimiter", "encoding", "format", "no_header", "preset", "platform"):
            f.pop(k, None)
    return r
