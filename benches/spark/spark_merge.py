"""Run lexiscope on Apache Spark with RDD.pipe and merge the shard tallies.

Each partition of the input is piped through
`lexiscope analyze - --emit-tally -`, which reads posts on stdin and writes
one tally (JSON, one line) on stdout; the driver collects the tallies and
`lexiscope merge` adds them up into the report of the whole corpus. The
script then runs lexiscope once over the whole file and checks that the
merged categories and totals are the same.

usage: spark-submit spark_merge.py LEXISCOPE INPUT.jsonl [PARTITIONS]
   or: python3 spark_merge.py …   (pyspark installed with pip, local mode)
"""
import json
import shlex
import subprocess
import sys
import tempfile

from pyspark.sql import SparkSession


def main():
    lexiscope, path = sys.argv[1], sys.argv[2]
    partitions = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    spark = SparkSession.builder.master("local[2]").appName("lexiscope").getOrCreate()
    sc = spark.sparkContext
    lines = sc.textFile(path, minPartitions=partitions)
    # One tally per partition; the lexicon and options must be the same everywhere.
    command = f"{shlex.quote(lexiscope)} analyze - --input-format jsonl --emit-tally - -q"
    tallies = lines.pipe(command).collect()
    print(f"spark: {lines.getNumPartitions()} partitions, {len(tallies)} tallies", file=sys.stderr)
    spark.stop()

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.write("\n".join(tallies) + "\n")
        tally_file = f.name
    merged = json.loads(subprocess.run([lexiscope, "merge", tally_file, "-f", "json"],
                                       check=True, capture_output=True, text=True).stdout)
    single = json.loads(subprocess.run([lexiscope, "analyze", path, "-f", "json", "-q"],
                                       check=True, capture_output=True, text=True).stdout)
    subprocess.run([lexiscope, "merge", tally_file], check=True)
    same = merged["categories"] == single["categories"] and merged["totals"] == single["totals"]
    print(f"merged {merged['totals']['posts_read']} posts from {len(tallies)} partitions; "
          f"single run {single['totals']['posts_read']} posts; "
          f"categories and totals {'identical' if same else 'DIFFERENT'}")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
