#!/usr/bin/env bash
# The Spark recipe in local mode: installs pyspark with pip when missing
# (needs Java 17+), builds lexiscope, and runs spark_merge.py on the example
# corpus (or the file given), checking the merged report against one run.
#
#   bash benches/spark/run.sh [INPUT.jsonl] [PARTITIONS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
input=${1:-$root/examples/cartel-posts.jsonl}
parts=${2:-4}
command -v java >/dev/null || { echo "spark: Java is missing (apt-get install openjdk-17-jre-headless); skipped"; exit 0; }
python3 -c "import pyspark" 2>/dev/null || pip install -q pyspark || { echo "spark: pyspark could not be installed; skipped"; exit 0; }
(cd "$root" && cargo build --release --locked 2>&1 | tail -1)
python3 "$here/spark_merge.py" "$root/target/release/lexiscope" "$input" "$parts"
