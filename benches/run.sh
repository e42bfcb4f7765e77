#!/usr/bin/env bash
# lexiscope benchmark harness: lexiscope vs ripgrep vs cat on the same file
# and lexicon. One command from a clean checkout:
#
#   bash benches/run.sh            # full run (~1.2 GB input included)
#   QUICK=1 bash benches/run.sh    # skip the 4x (1.2 GB) file
#
# Needs ../shared/data (the mañaneras corpus, HurtLex), python3, and installs
# ripgrep and GNU time from Debian's packages when missing. Writes the corpus
# copies to benches/work/ (git-ignored) and the results to
# benches/results.md (a Markdown table) besides printing them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
data=${LEXISCOPE_DATA:-$root/../shared/data}
work=$here/work
mkdir -p "$work"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need rg || [ ! -x /usr/bin/time ]; then
  (apt-get update -qq && apt-get install -y -qq ripgrep time) >/dev/null 2>&1 || true
fi
need rg || { echo "benches: ripgrep is missing and could not be installed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "benches: GNU time is missing and could not be installed" >&2; exit 2; }
corpus=$data/corpora/mananeras/mananeras_paragraphs.jsonl.zst
[ -f "$corpus" ] || { echo "benches: $corpus is absent; nothing to measure" >&2; exit 2; }

echo "== build (release)"
(cd "$root" && cargo build --release --locked 2>&1 | tail -1)
lx=$root/target/release/lexiscope

echo "== corpus"
jsonl=$work/mananeras.jsonl
[ -s "$jsonl" ] || zstd -dqc "$corpus" > "$jsonl"
csv=$work/mananeras.csv
[ -s "$csv" ] || python3 - "$jsonl" "$csv" <<'PY'
import csv, json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", newline="", encoding="utf-8") as o:
    w = csv.writer(o)
    w.writerow(["id", "doc_id", "year", "speaker", "text"])
    for line in f:
        d = json.loads(line)
        w.writerow([d["id"], d["doc_id"], d["year"], d["speaker"], d["text"]])
PY
big=$work/mananeras4.jsonl
if [ -z "${QUICK:-}" ] && [ ! -s "$big" ]; then
  cat "$jsonl" "$jsonl" "$jsonl" "$jsonl" > "$big"
fi

echo "== lexicons"
"$lx" lexicon show > "$work/narco-es.toml"
python3 - "$data/lexicons/hurtlex/hurtlex_ES_1.2.tsv" "$work/hurtlex-es.tsv" <<'PY'
import sys
lemmas = []
with open(sys.argv[1], encoding="utf-8") as f:
    next(f)
    for line in f:
        cols = line.rstrip("\n").split("\t")
        if len(cols) > 4 and cols[4] not in lemmas:
            lemmas.append(cols[4])
with open(sys.argv[2], "w", encoding="utf-8") as o:
    o.write("hurtlex\t" + "\t".join(lemmas) + "\n")
print(f"hurtlex-es: {len(lemmas)} lemmas", file=sys.stderr)
PY
# The shipped lexicon deobfuscates its helpers (`C.J.N.G`, `4rm4s`, ...);
# the same lexicon with every category on the plain view only, to measure
# what the second view costs.
sed 's/^deobfuscate = true$/deobfuscate = false/' "$work/narco-es.toml" > "$work/narco-es-plain.toml"
grep -q '^deobfuscate = false' "$work/narco-es-plain.toml" || { echo "benches: could not switch deobfuscation off" >&2; exit 2; }
python3 "$here/lex2re.py" "$work/narco-es.toml" > "$work/narco-es.re"
python3 "$here/lex2re.py" "$work/hurtlex-es.tsv" > "$work/hurtlex-es.re"
echo "narco-es: $(wc -l < "$work/narco-es.re") patterns; hurtlex-es: $(wc -l < "$work/hurtlex-es.re") patterns"

# measure CMD...: "best-wall-seconds peak-RSS-KB" of 3 runs; the stdout of
# the best run is left in $work/best.txt.
measure() {
  local best= rss=
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2>/dev/null || true
    read -r wall kb < "$work/time.txt"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then
      best=$wall; rss=$kb; cp "$work/out.txt" "$work/best.txt"
    fi
  done
  echo "$best $rss"
}
any_posts() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(next(c["posts"] for c in d["categories"] if c["id"]=="_any"))'; }

results=$here/results.md
{
  echo "# Benchmark results"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(rg --version | head -1); lexiscope $("$lx" --version | cut -d' ' -f2). Page cache warm, best of 3."
  echo
  echo "| file | MB | lexicon | tool | wall s | MB/s | peak RSS MB | posts matched | lexiscope / rg |"
  echo "|---|---:|---|---|---:|---:|---:|---:|---:|"
} > "$results"

files=("$jsonl" "$csv")
[ -z "${QUICK:-}" ] && files+=("$big")
for file in "${files[@]}"; do
  mb=$(du -m "$file" | cut -f1)
  base=$(basename "$file")
  read -r cat_s cat_kb <<< "$(measure cat "$file")"
  echo "| $base | $mb | – | cat > /dev/null | $cat_s | $(awk "BEGIN{printf \"%.0f\", $mb/$cat_s}") | $((cat_kb/1024)) | – | – |" >> "$results"
  for lex in narco-es hurtlex-es; do
    lexfile=$work/$lex.toml; [ -f "$lexfile" ] || lexfile=$work/$lex.tsv
    read -r rg_s rg_kb <<< "$(measure rg -c -i -w --regex-size-limit 4G --dfa-size-limit 4G -f "$work/$lex.re" "$file")"
    rg_n=$(cat "$work/best.txt")
    read -r lx_s lx_kb <<< "$(measure "$lx" analyze "$file" -l "$lexfile" -f json -q)"
    lx_n=$(any_posts < "$work/best.txt")
    ratio=$(awk "BEGIN{printf \"%.2f\", $lx_s/$rg_s}")
    echo "| $base | $mb | $lex | rg -c -i -w | $rg_s | $(awk "BEGIN{printf \"%.0f\", $mb/$rg_s}") | $((rg_kb/1024)) | $rg_n | |" >> "$results"
    echo "| $base | $mb | $lex | lexiscope analyze | $lx_s | $(awk "BEGIN{printf \"%.0f\", $mb/$lx_s}") | $((lx_kb/1024)) | $lx_n | **$ratio** |" >> "$results"
  done
done

# Thread scaling on the JSONL file with the shipped lexicon.
read -r j1 _ <<< "$(measure "$lx" analyze "$jsonl" -l "$work/narco-es.toml" -f json -q -j 1)"
read -r j2 _ <<< "$(measure "$lx" analyze "$jsonl" -l "$work/narco-es.toml" -f json -q -j 2)"
# Deobfuscation off and on, each against rg on the same run of the JSONL file.
read -r rg_s _ <<< "$(measure rg -c -i -w --regex-size-limit 4G --dfa-size-limit 4G -f "$work/narco-es.re" "$jsonl")"
read -r off_s off_kb <<< "$(measure "$lx" analyze "$jsonl" -l "$work/narco-es-plain.toml" -f json -q)"
off_n=$(any_posts < "$work/best.txt")
read -r on_s on_kb <<< "$(measure "$lx" analyze "$jsonl" -l "$work/narco-es.toml" -f json -q)"
on_n=$(any_posts < "$work/best.txt")
{
  echo
  echo "Deobfuscation (mananeras.jsonl, narco-es, rg -c -i -w $rg_s s):"
  echo
  echo "| deobfuscate | wall s | peak RSS MB | posts matched | lexiscope / rg | cost |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| off (every category plain) | $off_s | $((off_kb/1024)) | $off_n | **$(awk "BEGIN{printf \"%.2f\", $off_s/$rg_s}")** | 1.00× |"
  echo "| as shipped (helpers deobfuscated) | $on_s | $((on_kb/1024)) | $on_n | **$(awk "BEGIN{printf \"%.2f\", $on_s/$rg_s}")** | $(awk "BEGIN{printf \"%.2f\", $on_s/$off_s}")× |"
  echo
  echo "Threads (mananeras.jsonl, narco-es): -j 1 $j1 s, -j 2 $j2 s, speed-up $(awk "BEGIN{printf \"%.2f\", $j1/$j2}")×."
  echo
  echo "\"posts matched\": lexiscope's \`_any\` row (posts with a match in the text field); rg's count of matching lines (a line matches anywhere, speaker names and JSON keys included, and rg knows nothing of exclusions or URLs), and with narco-es it counts a line that has a term of any category, helpers included, while \`_any\` counts the posts in a reported category: the counts differ, the work compared is the same terms over the same bytes."
} >> "$results"
cat "$results"
