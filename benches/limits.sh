#!/usr/bin/env bash
# Worst cases that must stay linear and bounded (issue 22), measured on
# inputs this script generates (no ../shared/data needed):
#
#   bash benches/limits.sh
#
# - one 3.2 MB post whose every few words pair a product with an offer, a
#   weapon with a display cue, a payment with a threat: over 160,000 rule
#   matches with the shipped lexicon (was 43-50 s when rules were quadratic
#   in a post's hits); rg on the same file for scale;
# - `--by` over 1,000,000 distinct values: peak memory with the default
#   --max-groups and with every group counted (--max-groups 1000000);
# - one 2.1 MB post where one match of a rule's right side spans half the
#   post (a regex term), then 160,000 short ones: the window scan must not
#   widen to the longest match (was 18.9 s);
# - one 3 MB post of 750,000 hits a side under a window of 10,000 words
#   (`a NEAR/10000 b`): finding a partner must not scan the window (was 76 s);
# - a 280 MB WhatsApp export: peak memory (the reader once held 12x the
#   file), and the same with no date that tells day from month, so that
#   64 MiB of messages wait for the order;
# - an X page line of 60,000 tweets with one bad tweet.
#
# Writes benches/limits.md (best of 3 runs, peak RSS from GNU time).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$here/work/limits
mkdir -p "$work"
need() { command -v "$1" >/dev/null 2>&1; }
if ! need rg || [ ! -x /usr/bin/time ]; then
  apt-get install -y -qq ripgrep time >/dev/null 2>&1 || { echo "limits: needs ripgrep and GNU time" >&2; exit 2; }
fi
(cd "$root" && cargo build --release -q)
lx=$root/target/release/lexiscope

python3 - "$work" <<'PY'
import json, sys, os
work = sys.argv[1]
# One post of ~3.2 MB: units that each make a rule match.
units = [
    "vendo cristal y mota, envíos a todo méxico. ",
    "aquí andamos con los cuernos de chivo y la lana bien puesta. ",
    "pagas la cuota o te levantamos. ",
    "se busca gente para trabajar de halcón, buen sueldo, sin experiencia. ",
]
text, i = [], 0
size = 0
while size < 3_200_000:
    u = units[i % len(units)]
    text.append(u); size += len(u.encode()); i += 1
with open(f"{work}/one_post.jsonl", "w") as f:
    f.write(json.dumps({"id": "1", "text": "".join(text)}, ensure_ascii=False) + "\n")
# 1,000,000 posts, one distinct author each.
with open(f"{work}/authors.csv", "w") as f:
    f.write("id,author,text\n")
    for k in range(1_000_000):
        f.write(f"{k},author{k:07d},{'vendo cristal por privado' if k % 50 == 0 else 'buenos días a todos'}\n")
# A 280 MB WhatsApp export (multi-line messages, day-first dates).
with open(f"{work}/chat.txt", "w") as f:
    line = 0
    size = 0
    while size < 280_000_000:
        d = 1 + line % 28
        m = f"{d:02d}/03/2024, 10:{line % 60:02d} - Ana {line % 97}: vendo cristal, envíos\nsegunda línea del mensaje {line}\n"
        f.write(m); size += len(m.encode()); line += 1
# One post where a regex term of b matches the first half (160,000 words),
# then 160,000 pairs of a and a short b (was quadratic: 18.9 s).
with open(f"{work}/long_match.jsonl", "w") as f:
    f.write(json.dumps({"id": "1", "text": "inicio " + "xx " * 160_000 + "fin 1 " + "arma lana " * 160_000}) + "\n")
with open(f"{work}/long_match.toml", "w") as f:
    f.write('''[lexicon]
name = "long-match"
[[category]]
id = "a"
helper = true
terms = ["arma"]
[[category]]
id = "b"
helper = true
terms = ["lana", "re:inicio[a-z ]*fin"]
[[category]]
id = "near"
rule = "a NEAR/2 b"
''')
# One post of 750,000 pairs under a rule window of 10,000 words (was 76 s
# when each match scanned the window).
with open(f"{work}/wide_window.jsonl", "w") as f:
    f.write(json.dumps({"id": "1", "text": "x y " * 750_000}) + "\n")
with open(f"{work}/wide_window.toml", "w") as f:
    f.write('''[lexicon]
name = "wide-window"
[[category]]
id = "a"
helper = true
terms = ["x"]
[[category]]
id = "b"
helper = true
terms = ["y"]
[[category]]
id = "near"
rule = "a NEAR/10000 b"
''')
# The same export with every day at most 12: no date tells the order.
with open(f"{work}/chat_undecided.txt", "w") as f:
    line = 0
    size = 0
    while size < 280_000_000:
        d = 1 + line % 12
        m = f"{d:02d}/03/2024, 10:{line % 60:02d} - Ana {line % 97}: vendo cristal, envíos\nsegunda línea del mensaje {line}\n"
        f.write(m); size += len(m.encode()); line += 1
# One X page line of 60,000 tweets, one of them with a lone surrogate.
tweets = [{"id": str(k), "author_id": "9", "conversation_id": str(k), "text": f"vendo cristal por privado {k}"} for k in range(60_000)]
page = json.dumps({"data": tweets, "includes": {"users": [{"id": "9", "username": "u"}]}})
page = page.replace('"vendo cristal por privado 30000"', '"lone \\ud800 surrogate"')
with open(f"{work}/page.jsonl", "w") as f:
    f.write(page + "\n")
PY

measure() { # "best-wall-seconds peak-RSS-MB" of 3 runs
  local best= rss=
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2>/dev/null || true
    read -r wall kb < "$work/time.txt"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; rss=$((kb / 1024)); cp "$work/out.txt" "$work/best.txt"; fi
  done
  echo "$best $rss"
}
field() { python3 -c "import json,sys; d=json.load(open('$work/best.txt')); print($1)"; }

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN{printf "%.1f", b/1e6}'; }
out=$here/limits.md
{
  echo "# Limits: worst cases that stay linear and bounded"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); lexiscope $("$lx" --version | cut -d' ' -f2); $(rg --version | head -1). \`bash benches/limits.sh\`, best of 3, peak RSS from GNU time."
  echo
  echo "| case | input | command | wall s | peak RSS MB | result |"
  echo "|---|---|---|---:|---:|---|"
} > "$out"

read -r s rss <<< "$(measure "$lx" analyze "$work/one_post.jsonl" -f json -q)"
hits=$(field 'sum(c["hits"] for c in d["categories"] if c["id"] != "_any")')
cats=$(field '", ".join(c["id"] + " " + str(c["hits"]) for c in d["categories"] if c["id"] != "_any")')
echo "| one post of many rule pairs | $(mb "$work/one_post.jsonl") MB, 1 post | \`analyze\` (narco-es) | $s | $rss | $hits rule hits ($cats) |" >> "$out"
python3 "$here/lex2re.py" "$root/lexicons/narco-es.toml" > "$work/narco-es.re"
read -r s rss <<< "$(measure rg -c -i -w --regex-size-limit 4G --dfa-size-limit 4G -f "$work/narco-es.re" "$work/one_post.jsonl")"
echo "| the same, ripgrep | the same file | \`rg -c -i -w -f narco-es.re\` | $s | $rss | $(cat "$work/best.txt") matching line |" >> "$out"

read -r s rss <<< "$(measure "$lx" analyze "$work/long_match.jsonl" -l "$work/long_match.toml" -f json -q)"
hits=$(field '[c["hits"] for c in d["categories"] if c["id"] == "near"][0]')
echo "| one match spanning half the post | $(mb "$work/long_match.jsonl") MB, 1 post | \`analyze -l long_match.toml\` (\`a NEAR/2 b\`, b holds \`re:inicio[a-z ]*fin\`) | $s | $rss | $hits rule hits |" >> "$out"

read -r s rss <<< "$(measure "$lx" analyze "$work/wide_window.jsonl" -l "$work/wide_window.toml" -f json -q)"
hits=$(field '[c["hits"] for c in d["categories"] if c["id"] == "near"][0]')
echo "| a rule window of 10,000 words | $(mb "$work/wide_window.jsonl") MB, 1 post | \`analyze -l wide_window.toml\` (\`a NEAR/10000 b\`, 750,000 hits a side) | $s | $rss | $hits rule hits |" >> "$out"

read -r s rss <<< "$(measure "$lx" analyze "$work/authors.csv" --by author -f json -q)"
g=$(field 'len(d["groups"])')
echo "| \`--by\` over 10⁶ distinct values | $(mb "$work/authors.csv") MB, 1,000,000 posts | \`analyze --by author\` (default --max-groups 10000) | $s | $rss | $g groups (10,000 and \"(other groups)\") |" >> "$out"
read -r s rss <<< "$(measure "$lx" analyze "$work/authors.csv" --by author --max-groups 1000000 -f csv -q)"
echo "| the same, every group counted | the same file | \`analyze --by author --max-groups 1000000 -f csv\` | $s | $rss | $(($(wc -l < "$work/best.txt") - 1)) CSV rows |" >> "$out"

read -r s rss <<< "$(measure "$lx" analyze "$work/chat.txt" -f json -q)"
n=$(field 'd["totals"]["posts_analyzed"]')
echo "| a large WhatsApp export | $(mb "$work/chat.txt") MB | \`analyze\` | $s | $rss | $n messages analyzed |" >> "$out"
read -r s rss <<< "$(measure "$lx" analyze "$work/chat_undecided.txt" -f json -q)"
n=$(field 'd["totals"]["posts_analyzed"]')
echo "| the same, no date tells the order | $(mb "$work/chat_undecided.txt") MB | \`analyze\` (64 MiB of messages wait) | $s | $rss | $n messages analyzed |" >> "$out"

read -r s rss <<< "$(measure "$lx" analyze "$work/page.jsonl" -f json -q)"
r=$(field 'str(d["totals"]["posts_analyzed"]) + " analyzed, skipped " + json.dumps(d["totals"]["skipped_by_reason"])')
echo "| one X page of 60,000 tweets, one bad | $(mb "$work/page.jsonl") MB, 1 line | \`analyze\` | $s | $rss | $r |" >> "$out"
cat "$out"
