#!/usr/bin/env bash
# Diff and three-way merge of two 20 000-member dossiers (time and peak memory), each as a
# ratio to `attache check` of one of them measured in the same run: reading and validating
# one dossier is the floor any comparison of two pays. Usage: benches/review.sh [MEMBERS]
# (builds release; needs python3 and GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-20000}
cargo build --release --quiet --bin attache --example synth
bin=target/release/attache
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

target/release/examples/synth --members "$members" --points 100 --notes 20 --seed 1 \
    -o "$work/base.ron"
# Ours edits the position of one member in fifty; theirs the organisation of one in fifty
# others: edits spread over the whole file that merge cleanly.
python3 - "$work" <<'PY'
import re, sys
work = sys.argv[1]
base = open(f"{work}/base.ron").read()
n = [0]
def ours(m):
    n[0] += 1
    return m.group(0).replace('position: "', 'position: "Acting ') if n[0] % 50 == 0 else m.group(0)
open(f"{work}/ours.ron", "w").write(re.sub(r'position: "', ours, base))
k = [0]
def theirs(m):
    k[0] += 1
    return 'organisation: "Embassy' if k[0] % 50 == 25 else m.group(0)
open(f"{work}/theirs.ron", "w").write(re.sub(r'organisation: "', theirs, base))
PY

measure() { # ARGS… → "seconds kilobytes"
    /usr/bin/time -f "%e %M" "$bin" "$@" 2>&1 >/dev/null | tail -1
}

read -r bt bm < <(measure check "$work/base.ron")
printf '%-34s %9s %9s %9s %9s\n' "($members members)" seconds "×check" MB "×check"
row() { # NAME SECONDS KB
    printf '%-34s %9s %9.2f %9.0f %9.2f\n' "$1" "$2" \
        "$(echo "$2 / ($bt + 0.001)" | bc -l)" "$(echo "$3 / 1024" | bc -l)" \
        "$(echo "$3 / $bm" | bc -l)"
}
row "check one dossier (baseline)" "$bt" "$bm"
read -r t m < <(measure diff --color never "$work/base.ron" "$work/ours.ron")
row "diff base ours" "$t" "$m"
read -r t m < <(measure diff --format json "$work/base.ron" "$work/theirs.ron")
row "diff base theirs --format json" "$t" "$m"
read -r t m < <(measure merge "$work/base.ron" "$work/ours.ron" "$work/theirs.ron" -o "$work/out.ron")
row "merge base ours theirs" "$t" "$m"
"$bin" diff --color never "$work/base.ron" "$work/out.ron" | tail -1
