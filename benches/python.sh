#!/usr/bin/env bash
# The Python package against the CLI on the same rows: 1,000,000 paragraphs
# of the mañaneras corpus annotated from a pandas DataFrame
# (`lexiscope.annotate(df)`, an Arrow table out) and by the CLI from the
# same rows as JSON lines (`lexiscope annotate rows.jsonl > /dev/null`).
# Best of 3 each; the Python figure excludes building the DataFrame, and
# its memory is the peak RSS beyond the process with the DataFrame loaded
# (the kernel's high-water mark, reset before each run).
#
#   bash benches/python.sh
#
# Needs ../shared/data and builds a release wheel into benches/work/pyenv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
data=${LEXISCOPE_DATA:-$root/../shared/data}
work=$here/work
mkdir -p "$work"
corpus=$data/corpora/mananeras/mananeras_paragraphs.jsonl.zst
[ -f "$corpus" ] || { echo "benches: $corpus is absent; nothing to measure" >&2; exit 2; }
[ -x /usr/bin/time ] || (apt-get update -qq && apt-get install -y -qq time) >/dev/null 2>&1 || true

echo "== build (release: the CLI, and the wheel into $work/pyenv)"
(cd "$root" && cargo build --release --locked 2>&1 | tail -1)
lx=${CARGO_TARGET_DIR:-$root/target}/release/lexiscope
[ -x "$work/pyenv/bin/python" ] || python3 -m venv "$work/pyenv"
"$work/pyenv/bin/pip" install -q maturin pandas pyarrow
(cd "$root/python" && "$work/pyenv/bin/maturin" build --release --locked --out "$work/wheels" 2>&1 | tail -1)
"$work/pyenv/bin/pip" install -q --force-reinstall --no-deps "$work"/wheels/lexiscope-*.whl

rows=$work/mananeras-1m.jsonl
[ -s "$rows" ] || zstd -dqc "$corpus" | head -n 1000000 > "$rows"
echo "rows: $(wc -l < "$rows"), $(du -m "$rows" | cut -f1) MB"

echo "== CLI: lexiscope annotate rows.jsonl > /dev/null"
best=
for _ in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$lx" annotate "$rows" -q > /dev/null
  read -r wall kb < "$work/time.txt"
  if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; cli_kb=$kb; fi
done
echo "cli: ${best} s, peak RSS $((cli_kb / 1024)) MB"

echo "== Python: lexiscope.annotate(DataFrame)"
"$work/pyenv/bin/python" - "$rows" "$best" <<'PY'
import sys, time
import pandas as pd
import pyarrow.json as pj
import lexiscope

def mib(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) / 1024

df = pj.read_json(sys.argv[1]).to_pandas()
df["id"] = df["id"].astype(str)
print(f"DataFrame: {len(df):,} rows, dtypes {dict(df.dtypes.astype(str))}")
best, peak, rows = None, None, None
for _ in range(3):
    open("/proc/self/clear_refs", "w").write("5")
    before = mib("VmRSS")
    t0 = time.perf_counter()
    table = lexiscope.annotate(df, text="text", id="id")
    wall = time.perf_counter() - t0
    p = mib("VmHWM") - before
    rows = table.num_rows
    del table
    if best is None or wall < best:
        best, peak = wall, p
cli = float(sys.argv[2])
print(f"python: {best:.2f} s for {rows:,} rows, peak RSS beyond the DataFrame {peak:.0f} MB")
print(f"python / cli: {best / cli:.2f} (bar: 1.5); memory bar: 1024 MB")
PY
