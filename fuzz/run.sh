#!/usr/bin/env bash
# Run every fuzz target for a fixed time (default 600 s each), two at a time,
# with seed corpora made from the project's fixtures and ../shared/data.
#
#   bash fuzz/run.sh            # 10 minutes per target
#   SECONDS_PER_TARGET=60 bash fuzz/run.sh
#   TARGETS="x_source rules" bash fuzz/run.sh   # only these (after a change to them)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`); cargo-fuzz builds with
# sanitizers, which take nightly flags: RUSTC_BOOTSTRAP=1 lets the stable
# toolchain accept them. Writes fuzz/results.md; a crash leaves its input in
# fuzz/artifacts/<target>/ and the script exits 1.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
data=${LEXISCOPE_DATA:-$root/../shared/data}
secs=${SECONDS_PER_TARGET:-600}
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cd "$here"
cargo fuzz build -O >/dev/null 2>&1 || { echo "fuzz: build failed"; cargo fuzz build -O; exit 2; }

seed() { # seed TARGET FILES...
  local dir=$here/corpus/$1; shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && head -c 65536 "$f" > "$dir/$(basename "$f")"; done
}
seed csv_source "$root"/tests/data/*.csv "$root"/tests/data/*.tsv "$root"/tests/data/bad/*.csv "$root"/tests/data/dict/*.dicx
seed jsonl_source "$root"/tests/data/*.jsonl "$root"/tests/data/bad/*.jsonl
seed x_source "$root"/tests/data/platforms/*.jsonl "$data"/formats/twitter_v2_twarc/*.jsonl
seed telegram_source "$root"/tests/data/platforms/*.json "$data"/formats/telegram_json/*.json
seed whatsapp_source "$root"/tests/data/platforms/*.txt "$data"/formats/whatsapp_txt/*.txt
seed dictionaries "$root"/tests/data/dict/* "$root"/tests/data/*.toml "$root"/../shared/oracles/empath10.*
seed native_lexicon "$root"/tests/data/*.toml "$root"/tests/data/bad/*.toml "$root"/lexicons/*.toml
mkdir -p corpus/matcher corpus/dates corpus/rules
printf '(b NOT AFTER/2 a) NEAR/10/s (a OR "cuerno* de chivo")\nno te mato, C.J.N.G. ¿4rm4s? cuerno de chivo' > corpus/rules/seed1
printf 'a AND NOT/s b\nte vamos a m4t4r!!! cjnggg 🔫🔫 zetas' > corpus/rules/seed2
printf 'arma*|cuerno* de chivo|!armario;cjng|*zetas\nEl CJNG trae armas y un armario, antizetas' > corpus/matcher/seed1
printf '🔫|re:x;año\nAÑO 🔫🔫 ano' > corpus/matcher/seed2
for d in '2021-04-05T12:00:00-05:00' '2021-04-05 12:00:00 EDT' '1617638400' '1617638400000' 'Wed Oct 10 20:19:24 +0000 2018' '2018' '2021-04'; do
  printf '%s' "$d" > "corpus/dates/$(echo "$d" | md5sum | cut -c1-8)"
done

targets=${TARGETS:-$(cargo fuzz list)}
results=$here/results.md
{
  echo "# Fuzzing results"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, ${secs} s per target, libFuzzer via cargo-fuzz, release build with AddressSanitizer."
  echo
  echo "| target | seconds | executions | corpus | result |"
  echo "|---|---:|---:|---:|---|"
} > "$results"
status=0
run_one() {
  local t=$1 log=$here/logs/$1.log
  mkdir -p "$here/logs"
  cargo fuzz run -O "$t" -- -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 > "$log" 2>&1
  local rc=$?
  local execs corpus result ran
  execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  ran=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | awk '{print $5}')
  corpus=$(ls "$here/corpus/$t" 2>/dev/null | wc -l)
  if [ $rc -eq 0 ]; then result="no finding"; else result="**crash/failure, see fuzz/artifacts/$t/**"; fi
  echo "| $t | ${ran:-<$secs} | ${execs:-?} | $corpus | $result |" >> "$results"
  return $rc
}
set -- $targets
while [ $# -gt 0 ]; do
  run_one "$1" & a=$!
  b=
  if [ $# -gt 1 ]; then run_one "$2" & b=$!; fi
  wait $a || status=1
  [ -n "$b" ] && { wait $b || status=1; }
  shift; [ $# -gt 0 ] && shift
done
cat "$results"
exit $status
