"""A 1,000,000-row DataFrame is read in bounded memory: the engine streams
its Arrow batches (no copy of the table, no Python object per row), so the
peak memory of a run beyond the DataFrame stays far below the DataFrame's
own size. Measured with the kernel's high-water mark (VmHWM), reset before
the run (Linux only)."""

import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import lexiscope

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")

ROWS = 1_000_000


def mib(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    raise KeyError(key)


def peak_beyond(run):
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset VmHWM to the current RSS
    before = mib("VmRSS")
    result = run()
    return result, mib("VmHWM") - before


@pytest.fixture(scope="module")
def million():
    texts = np.array(
        [
            "Llegaron los del CJNG con puro cuerno de chivo, mira nomás 🔫",
            "Buenos días a todos, hoy hay mercado en la plaza",
            "Se solicita personal para seguridad, buen sueldo, sin experiencia, viáticos pagados",
            "Mensaje para los contras: uno por uno van a caer ⚰️",
        ],
        dtype=object,
    )
    df = pd.DataFrame({"id": np.arange(ROWS).astype(str), "text": np.tile(texts, ROWS // 4)})
    table = pa.Table.from_pandas(df, preserve_index=False)
    return df, table


def test_a_million_rows_in_bounded_memory(million):
    df, table = million
    size = table.nbytes / 2**20
    report, peak = peak_beyond(lambda: lexiscope.analyze(table, text="text", id="id"))
    assert report.totals["posts_analyzed"] == ROWS
    assert report.share("threats") == pytest.approx(0.25)
    # The batches the engine holds at once, its automaton and buffers: a few
    # tens of MiB, whatever the number of rows.
    assert peak < 150, f"peak {peak:.0f} MiB beyond a {size:.0f} MiB table"
    report, peak = peak_beyond(lambda: lexiscope.analyze(df, text="text", id="id"))
    assert report.totals["posts_analyzed"] == ROWS
    # pandas hands its strings over through pyarrow (one copy of the column
    # at most), and the engine adds no more than above.
    assert peak < size + 150, f"peak {peak:.0f} MiB beyond the DataFrame ({size:.0f} MiB as Arrow)"
