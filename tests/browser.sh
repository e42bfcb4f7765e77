#!/usr/bin/env bash
# Render lexiscope's charts and HTML report in headless Chromium (issues 8
# and 20): every screenshot must not be blank, and a script in the page
# measures what Chromium drew (getBBox): no text outside the canvas, no
# panel wider than the page, every line of a panel labelled, bands of one
# series a panel and light (fill-opacity <= 0.2); the HTML report must not
# scroll sideways at 1,000 px. Writes the pictures the README and
# docs/guide.md show:
#   docs/example-bars.png       the example corpus, bars with intervals
#   docs/month-by-type.png      the example corpus by month and post type
#   docs/by-page.png            the example corpus by page (bars per page)
#   docs/report.png             the top of the example's HTML report
#   docs/mananeras-by-year.png  the mañaneras by year (needs ../shared/data)
# Installs Chromium (Debian package `chromium`) when it is missing; when it
# cannot be installed or started, says so and exits 0. Exit 1 when a
# screenshot is blank or a measure fails. LEXISCOPE_BIN names a built
# binary (.ci/run passes the slow profile's); else a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="${LEXISCOPE_BIN:-}"
MANANERAS="${MANANERAS:-$ROOT/../shared/data/corpora/mananeras/mananeras_paragraphs.jsonl.zst}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

skip() { echo "browser test skipped: $*"; exit 0; }

# 1. A browser.
BROWSER=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then BROWSER=$(command -v "$b"); break; fi
done
if [ -z "$BROWSER" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium (apt-get)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
      >"$WORK/apt.log" 2>&1 || { tail -5 "$WORK/apt.log"; skip "chromium could not be installed"; }
    BROWSER=$(command -v chromium || true)
  fi
  [ -n "$BROWSER" ] || skip "no chromium and no way to install it (apt-get as root)"
fi
echo "== browser: $("$BROWSER" --version 2>/dev/null || echo "$BROWSER")"
command -v python3 >/dev/null || skip "python3 is needed to check the PNGs"

# 2. The binary.
if [ -z "$BIN" ]; then
  echo "== cargo build --release"
  cargo build --release --quiet
  BIN="$CARGO_TARGET_DIR/release/lexiscope"
fi
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac

# 3. Screenshot a file: shot FILE PNG WIDTH HEIGHT
shot() {
  local file=$1 png=$2 width=$3 height=$4
  local profile
  profile=$(mktemp -d)
  rm -f "$png"
  timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" \
    --screenshot="$png" --window-size="$width,$height" "file://$file" \
    >"$WORK/chromium.log" 2>&1 || true
  rm -rf "$profile"
  if [ ! -s "$png" ]; then
    tail -5 "$WORK/chromium.log"
    skip "chromium could not take a screenshot of $file"
  fi
}

# The height of an SVG (its height attribute, rounded up).
svg_height() {
  python3 - "$1" <<'EOF'
import math, re, sys
head = open(sys.argv[1], encoding="utf-8").read(2000)
print(math.ceil(float(re.search(r'<svg[^>]* height="([0-9.]+)"', head).group(1))))
EOF
}

# 4. Not blank: decode the PNG (standard library only) and count pixels
# that are not near-white; print the count and fail under 0.5% of pixels.
check_png() {
  python3 - "$1" <<'EOF'
import struct, sys, zlib
path = sys.argv[1]
data = open(path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, ihdr = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        ihdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
w, h, depth, ctype, _, _, interlace = ihdr
assert depth == 8 and interlace == 0 and ctype in (2, 6), f"unsupported PNG {ihdr}"
bpp = 4 if ctype == 6 else 3
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
ink = 0
i = 0
for _ in range(h):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        if min(line[x], line[x + 1], line[x + 2]) < 200:
            ink += 1
    prev = line
share = ink / (w * h)
print(f"{path}: {w}x{h}, {ink} non-white pixels ({share:.1%})")
sys.exit(0 if share >= 0.005 else 1)
EOF
}

# 5. Measure what Chromium drew: measure KIND FILE (KIND svg or html).
# Prints the problems found and returns 1 when there are any.
measure() {
  local kind=$1 file=$2 page="$WORK/measure-$RANDOM.html" profile
  profile=$(mktemp -d)
  {
    echo '<!DOCTYPE html><html><head><meta charset="utf-8"/></head><body style="margin:0">'
    if [ "$kind" = svg ]; then
      cat "$file"
    else
      echo "<iframe id=\"page\" src=\"file://$file\" style=\"width:1000px;height:1400px;border:0\"></iframe>"
    fi
    cat "$ROOT/tests/browser-measure.js"
    echo '</body></html>'
  } >"$page"
  local dom result
  dom=$(timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --allow-file-access-from-files --user-data-dir="$profile" \
    --virtual-time-budget=5000 --dump-dom "file://$page" 2>"$WORK/chromium.log" || true)
  rm -rf "$profile"
  result=$(printf '%s' "$dom" | grep -o 'RESULT {"problems.*}' | head -1 | sed 's/^RESULT //; s/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g')
  if [ -z "$result" ]; then
    tail -5 "$WORK/chromium.log"
    echo "MEASURE FAILED: no result for $file"
    return 1
  fi
  python3 - "$file" "$result" <<'EOF'
import json, sys
r = json.loads(sys.argv[2])
print(f"{sys.argv[1]}: {r['seen']} text elements measured, {len(r['problems'])} problems")
for p in r["problems"]:
    print("  " + p)
sys.exit(1 if r["problems"] or r["seen"] == 0 else 0)
EOF
}

status=0
mkdir -p docs

# (a) The example corpus: bars with intervals, and its HTML report.
echo "== (a) examples/cartel-posts.csv"
"$BIN" analyze examples/cartel-posts.csv -q \
  --chart docs/example-bars.svg --html "$WORK/example.html" >/dev/null
shot "$ROOT/docs/example-bars.svg" "$ROOT/docs/example-bars.png" 640 "$(svg_height docs/example-bars.svg)"
check_png docs/example-bars.png || { echo "BLANK: docs/example-bars.png"; status=1; }
measure svg docs/example-bars.svg || status=1
shot "$WORK/example.html" "$ROOT/docs/report.png" 1000 1400
check_png docs/report.png || { echo "BLANK: the HTML report"; status=1; }
measure html "$WORK/example.html" || status=1

# (c) Month × post type: a panel per type, five lines each, labelled.
echo "== (c) examples/cartel-posts.csv by month and Type"
"$BIN" analyze examples/cartel-posts.csv -q --every month --by Type \
  --chart "$WORK/month-by-type.svg" --html "$WORK/month-by-type.html" >/dev/null
shot "$WORK/month-by-type.svg" "$ROOT/docs/month-by-type.png" 640 "$(svg_height "$WORK/month-by-type.svg")"
check_png docs/month-by-type.png || { echo "BLANK: docs/month-by-type.png"; status=1; }
measure svg "$WORK/month-by-type.svg" || status=1
measure html "$WORK/month-by-type.html" || status=1

# (d) By page: a panel of bars per page.
echo "== (d) examples/cartel-posts.csv by Page Name"
"$BIN" analyze examples/cartel-posts.csv -q --by "Page Name" \
  --chart "$WORK/by-page.svg" >/dev/null
shot "$WORK/by-page.svg" "$ROOT/docs/by-page.png" 640 "$(svg_height "$WORK/by-page.svg")"
check_png docs/by-page.png || { echo "BLANK: docs/by-page.png"; status=1; }
measure svg "$WORK/by-page.svg" || status=1

# (b) The mañaneras by year: lines with interval bands.
if [ -f "$MANANERAS" ]; then
  echo "== (b) mañaneras by year"
  "$BIN" analyze "$MANANERAS" -q --every year --date year \
    --chart docs/mananeras-by-year.svg --html "$WORK/mananeras.html" >/dev/null
  shot "$ROOT/docs/mananeras-by-year.svg" "$ROOT/docs/mananeras-by-year.png" 640 "$(svg_height docs/mananeras-by-year.svg)"
  check_png docs/mananeras-by-year.png || { echo "BLANK: docs/mananeras-by-year.png"; status=1; }
  measure svg docs/mananeras-by-year.svg || status=1
  shot "$WORK/mananeras.html" "$WORK/mananeras-html.png" 1000 1400
  check_png "$WORK/mananeras-html.png" || { echo "BLANK: the mañaneras HTML report"; status=1; }
else
  echo "== (b) skipped: $MANANERAS is absent"
fi

[ "$status" = 0 ] && echo "browser test: ok" || echo "browser test: FAILED"
exit "$status"
