#!/usr/bin/env bash
# How export time and memory grow with the dossier: each case at sizes doubling, with the
# ratio of time and peak memory to the smallest size measured in the same run. Linear growth
# shows as ratios that double with the size. Usage: benches/scaling.sh (builds release).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin attache --example synth
bin=target/release/attache
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # FILE ARGS… → "seconds kilobytes"
    local file=$1; shift
    /usr/bin/time -f "%e %M" "$bin" export "$file" -o "$work/out.pdf" "$@" 2>&1 >/dev/null | tail -1
}

report() { # NAME SIZES… (files $work/NAME-SIZE.ron)
    local name=$1; shift
    local base_t="" base_m="" base_n=""
    printf '%-22s %10s %9s %9s %9s %9s\n' "$name" size seconds "×time" "MB" "×memory"
    for n in "$@"; do
        read -r t m < <(measure "$work/$name-$n.ron" "${extra[@]}")
        if [ -z "$base_t" ]; then base_t=$t; base_m=$m; base_n=$n; fi
        printf '%-22s %10s %9s %9.2f %9.0f %9.2f   (size ×%s)\n' "" "$n" "$t" \
            "$(echo "$t / ($base_t + 0.001)" | bc -l)" "$(echo "$m / 1024" | bc -l)" \
            "$(echo "$m / $base_m" | bc -l)" "$((n / base_n))"
    done
}

sizes=(12500 25000 50000 100000)
for n in "${sizes[@]}"; do
    target/release/examples/synth --members "$n" --points 100 --notes 20 --seed 1 \
        -o "$work/members-$n.ron"
done
extra=()
report members "${sizes[@]}"

# Lean members (a name and a position each), up to 200 000 in one delegation: the
# dossier the memory target is set for (under 400 MB).
lean=(25000 50000 100000 200000)
for n in "${lean[@]}"; do
    python3 - "$n" "$work/lean-$n.ron" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
s = open("dossiers/kenya-us-washington-talks.ron").read()
at = s.index("            members: [") + len("            members: [\n")
rows = "".join(
    '                (\n                    id: "m%06d",\n'
    '                    full_name: "Member %d Example",\n'
    '                    position: "Adviser, Ministry of Foreign Affairs",\n'
    "                ),\n" % (k, k)
    for k in range(n)
)
open(out, "w").write(s[:at] + rows + s[at:])
PY
done
report lean "${lean[@]}"

# One word without spaces, in a programme item's notes.
words=(125000 250000 500000 1000000)
for n in "${words[@]}"; do
    python3 - "$n" "$work/word-$n.ron" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
s = open("dossiers/kenya-us-washington-talks.ron").read()
old = 'notes: "Date and time not stated'
open(out, "w").write(s.replace(old, 'notes: "' + "w" * n + ' Date and time not stated', 1))
PY
done
report word "${words[@]}"

# A saved pack leaving out every member.
for n in "${sizes[@]}"; do
    python3 - "$work/members-$n.ron" "$work/exclude-$n.ron" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
ids = re.findall(r'^ {16,}id: "([^"]+)"', s, re.M)
ex = ", ".join('"%s"' % i for i in ids)
i = s.rstrip().rfind(")")
pack = '    packs: [(name: "Left out", sections: [Delegations], exclude: [%s])],\n' % ex
open(sys.argv[2], "w").write(s[:i] + pack + s[i:])
PY
done
extra=(--pack "Left out")
report exclude "${sizes[@]}"
