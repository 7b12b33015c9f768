#!/usr/bin/env bash
# Growth with the dossier where a crafted or large file once cost quadratic time: each
# command at 20 000 and at 80 000 members, in one run, as a ratio (linear is about 4).
# `check`, `seating` and the seating section of a pack of delegations whose seating was
# chosen in the editor; `merge` where one side appends members (a colleague's import).
# Usage: benches/linear.sh [SMALL] (builds release; needs python3 and GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."
small=${1:-20000}
large=$((small * 4))
cargo build --release --quiet --bin attache --example synth
bin=target/release/attache
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for n in "$small" "$large"; do
    target/release/examples/synth --members "$n" --points 20 --notes 5 --seed 1 --seating \
        -o "$work/seated-$n.ron"
    target/release/examples/synth --members "$n" --points 20 --notes 5 --seed 1 \
        -o "$work/base-$n.ron"
    # Theirs appends as many members again to the first delegation, with ids of their own.
    python3 - "$work/base-$n.ron" "$work/theirs-$n.ron" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
start = text.index("            members: [\n") + len("            members: [\n")
end = text.index("\n            ],\n", start)
members = text[start:end]
added = re.sub(r'id: "([0-9a-f]+)"', lambda m: 'id: "x' + m.group(1) + '"', members)
open(sys.argv[2], "w").write(text[:end] + "\n" + added + text[end:])
PY
done

measure() { # ARGS… → "seconds kilobytes"
    /usr/bin/time -f "%e %M" "$bin" "$@" 2>&1 >/dev/null | tail -1
}
printf '%-44s %10s %10s %7s %9s\n' "" "$small" "$large" "×" "MB ($large)"
row() { # NAME ARGS-WITH-N
    local name=$1; shift
    local a b
    read -r ta ma < <(measure "${@//N/$small}")
    read -r tb mb < <(measure "${@//N/$large}")
    printf '%-44s %9ss %9ss %7.1f %9.0f\n' "$name" "$ta" "$tb" \
        "$(echo "$tb / ($ta + 0.001)" | bc -l)" "$(echo "$mb / 1024" | bc -l)"
}
row "check, chosen seating" check "$work/seated-N.ron"
row "seating (text), chosen seating" seating "$work/seated-N.ron"
row "seating --format json, chosen seating" seating --format json "$work/seated-N.ron"
row "export --sections seating, chosen seating" export "$work/seated-N.ron" --sections seating \
    -o "$work/seating-N.pdf"
row "merge, theirs appends N members" merge "$work/base-N.ron" "$work/base-N.ron" \
    "$work/theirs-N.ron" -o "$work/merged-N.ron"
