#!/usr/bin/env bash
# The protocol desk's costs, measured in one run against the same work without them:
# importing a camera photo, reading (`check`) and printing (the biographies) a dossier of
# 300 members each with a photo against the same dossier without photos, reading a
# 300-row xlsx list against the same list as CSV, and the place cards of 300 members.
# Median wall-clock of RUNS runs and peak memory from GNU time. Not a test: run by hand.
#
#   RUNS=7 benches/protocol.sh
#
# Needs ImageMagick (`convert`) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --locked --quiet --bin attache --example synth
bin=target/release/attache

# Median seconds (hyperfine) and peak memory (GNU time) of a command.
measure() { # label, command…
    local label=$1; shift
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/h.json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1 || true
    local t; t=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$work/h.json")
    /usr/bin/time -f "%M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    local m; m=$(cat "$work/time")
    printf '%-44s %9.4f s %6d MB\n' "$label" "$t" "$((m / 1024))"
    echo "$t" >"$work/last"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%-44s %8.2f×\n", "  against the line above", a / b }'; }

target/release/examples/synth --members 300 --points 20 --notes 5 --seed 3 -o "$work/synth.ron"
# Every member with a biography of a paragraph, as the principal's pack has them.
python3 - "$work/synth.ron" "$work/plain.ron" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
bio = "A career diplomat who has served in Nairobi, Addis Ababa and New York. " * 4
out = re.sub(r'(\n(\s*)full_name: "[^"]*",)', lambda m: m.group(1) + "\n" + m.group(2) + 'biography: "' + bio + '",', text)
open(sys.argv[2], "w").write(out)
PY
convert -size 6000x4000 plasma:fractal -quality 92 "$work/camera.jpg"
cp "$work/plain.ron" "$work/one.ron"
member=$(grep -m1 -A0 'members: \[' -A3 "$work/plain.ron" | grep -o 'id: "[^"]*"' | head -1 | cut -d'"' -f2)
measure "import a 24-megapixel JPEG as a photo" "$bin" members photo "$work/one.ron" --member "$member" --from "$work/camera.jpg"
uri=$(grep -o '"data:image/jpeg;base64,[^"]*"' "$work/one.ron" | head -1)
# Every member with that photo.
python3 - "$work/plain.ron" "$work/photos.ron" "$uri" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
uri = sys.argv[3]
out = re.sub(r'(\n(\s*)full_name: "[^"]*",)', lambda m: m.group(1) + "\n" + m.group(2) + "photo: " + uri + ",", text)
open(sys.argv[2], "w").write(out)
PY
measure "check, 300 members without photos" "$bin" check "$work/plain.ron"; base=$(cat "$work/last")
measure "check, 300 members with photos" "$bin" check "$work/photos.ron"; ratio "$(cat "$work/last")" "$base"
measure "biographies, without photos" "$bin" export "$work/plain.ron" --sections biographies -o "$work/a.pdf"; base=$(cat "$work/last")
measure "biographies, with photos" "$bin" export "$work/photos.ron" --sections biographies -o "$work/b.pdf"; ratio "$(cat "$work/last")" "$base"
delegation=$(grep -m1 'id: "' "$work/plain.ron" | cut -d'"' -f2)
delegation=$(awk '/delegations: \[/{f=1} f && /id: "/{print; exit}' "$work/plain.ron" | cut -d'"' -f2)
"$bin" members export "$work/plain.ron" --delegation "$delegation" -o "$work/list.csv" >/dev/null
"$bin" members export "$work/plain.ron" --delegation "$delegation" -o "$work/list.xlsx" >/dev/null
measure "import the list as CSV (dry run)" "$bin" members import "$work/plain.ron" --delegation "$delegation" --from "$work/list.csv" --dry-run; base=$(cat "$work/last")
measure "import the list as xlsx (dry run)" "$bin" members import "$work/plain.ron" --delegation "$delegation" --from "$work/list.xlsx" --dry-run; ratio "$(cat "$work/last")" "$base"
measure "place cards, every member" "$bin" cards "$work/plain.ron" -o "$work/cards.pdf"
echo "cards: $(pdfinfo "$work/cards.pdf" | awk '/^Pages/ {print $2}') pages"
