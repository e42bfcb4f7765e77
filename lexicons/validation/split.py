#!/usr/bin/env python3
"""Split each writer's coded posts once, by a fixed seed, into dev and test halves.

Run once per writer file, before any tuning:  python3 split.py RAW_DIR OUT_DIR
Each writer's rows are shuffled with random.Random("narco-es-2.0.0/" + writer)
(Python's string seeding is deterministic) and cut in half: the first half is
dev, the second test. Rows keep their columns; a `half` column is not added.
"""
import csv, random, sys, pathlib

COLS = ["id", "platform", "text", "capability", "threats", "groups",
        "recruitment", "sales", "extortion", "note"]

def main(raw_dir, out_dir):
    raw, out = pathlib.Path(raw_dir), pathlib.Path(out_dir)
    for path in sorted(raw.glob("*_coded.csv")):
        writer = path.name.split("_")[0]
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert [c for c in COLS if c not in rows[0]] == [], path
        rows.sort(key=lambda r: r["id"])
        random.Random("narco-es-2.0.0/" + writer).shuffle(rows)
        half = (len(rows) + 1) // 2
        for name, part in (("dev", rows[:half]), ("test", rows[half:])):
            dest = out / f"{writer}_{name}.csv"
            if dest.exists():
                sys.exit(f"{dest} exists: the split is made once")
            with dest.open("w", newline="", encoding="utf-8") as f:
                w = csv.DictWriter(f, fieldnames=COLS, extrasaction="ignore", lineterminator="\n")
                w.writeheader()
                w.writerows(sorted(part, key=lambda r: r["id"]))
            print(f"{dest}: {len(part)} rows")

if __name__ == "__main__":
    main(*sys.argv[1:3])
