#!/usr/bin/env bash
# Briefing-pack speed against Typst, side by side in one run, on the same content: the
# synthetic pack (2 000 members, 600 talking points, 150 notes, seed 1) as Attaché writes
# it, and the same pack document written as Typst markup (examples/typst_markup.rs) and
# compiled by Typst, both tagged, both PDF/A-2a and PDF/UA-1, both with the bundled Noto
# fonts. Wall-clock times of whole commands, the two alternated, the median of RUNS runs,
# with peak memory from GNU time. Not a test: run it by hand.
#
#   TYPST=/path/to/typst benches/typst.sh     # default: typst on PATH
#   RUNS=9 benches/typst.sh
#
# Typst is not a dependency: `cargo install typst-cli --locked` puts it on PATH (Typst's
# own release profile builds with LTO; a build without it is a little slower).
# Needs poppler-utils and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
typst=${TYPST:-typst}
command -v "$typst" >/dev/null || { echo "no typst: cargo install typst-cli --locked, or set TYPST" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet --bin attache --example synth --example typst_markup
bin=target/release/attache
target/release/examples/synth --members 2000 --points 600 --notes 150 --seed 1 -o "$work/pack.ron"
target/release/examples/typst_markup "$work/pack.ron" -o "$work/pack.typ"

attache=("$bin" export "$work/pack.ron" -o "$work/attache.pdf")
typst_cmd=("$typst" compile --pdf-standard a-2a,ua-1 --ignore-system-fonts
           --font-path assets/fonts "$work/pack.typ" "$work/typst.pdf")
"${attache[@]}" >/dev/null 2>&1
"${typst_cmd[@]}" >/dev/null

a_times=() a_peaks=() t_times=() t_peaks=()
for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "${attache[@]}" >/dev/null 2>&1
    read -r t m <"$work/time"; a_times+=("$t"); a_peaks+=("$m")
    /usr/bin/time -f "%e %M" -o "$work/time" "${typst_cmd[@]}" >/dev/null 2>&1
    read -r t m <"$work/time"; t_times+=("$t"); t_peaks+=("$m")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
most() { printf '%s\n' "$@" | sort -g | tail -n 1; }
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

awk -v as="$(median "${a_times[@]}")" -v ap="$(pages "$work/attache.pdf")" -v akb="$(most "${a_peaks[@]}")" \
    -v ts="$(median "${t_times[@]}")" -v tp="$(pages "$work/typst.pdf")" -v tkb="$(most "${t_peaks[@]}")" \
    -v runs="$runs" -v version="$("$typst" --version | head -n 1)" 'BEGIN {
    printf "the synthetic pack (2 000 members, 600 talking points, 150 notes), median of %d runs, alternated\n", runs
    printf "%-40s %6s %9s %11s %10s\n", "", "pages", "seconds", "ms per page", "peak MB"
    printf "%-40s %6d %9.2f %11.2f %10.0f\n", "attache export", ap, as, 1000*as/ap, akb/1024
    printf "%-40s %6d %9.2f %11.2f %10.0f\n", version " compile", tp, ts, 1000*ts/tp, tkb/1024
    printf "attache is %.1fx faster per page than Typst\n", (ts/tp)/(as/ap)
}'
