#!/usr/bin/env bash
# Briefing-pack speed, side by side in one run: Attaché's own PDF export against headless
# Chromium printing Attaché's HTML export of the same dossier. Figures are wall-clock
# times of whole commands (process start to file written), the median of RUNS runs, with
# peak memory (maximum resident set) from GNU time. Not a test: run it by hand.
#
#   benches/side-by-side.sh            # 2 000 members, 600 talking points, 150 notes
#   RUNS=9 benches/side-by-side.sh
#
# Needs Debian's chromium (installed when missing, as root), poppler-utils and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdfinfo >/dev/null || need+=(poppler-utils)
[ -x /usr/bin/time ] || need+=(time)
if [ "${#need[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

cargo build --release --locked --quiet --bin attache --example synth
bin=target/release/attache
target/release/examples/synth --members 2000 --points 600 --notes 150 --seed 3 -o "$work/pack.ron"
"$bin" export "$work/pack.ron" -o "$work/pack.html" 2>/dev/null

# Prints "<median seconds> <max peak KB>" for a command run $runs times.
measure() {
    local times=() peaks=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1
        read -r t m <"$work/time"
        times+=("$t")
        peaks+=("$m")
    done
    local median peak
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    peak=$(printf '%s\n' "${peaks[@]}" | sort -g | tail -n 1)
    echo "$median $peak"
}

pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

read -r a_s a_kb < <(measure "$bin" export "$work/pack.ron" -o "$work/attache.pdf")
a_pages=$(pages "$work/attache.pdf")

# As the machine's probe starts it: no sandbox (root), no GPU, nothing from the network.
chrome_flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
              --disable-background-networking --disable-component-update --disable-sync
              --no-pdf-header-footer --user-data-dir="$work/profile")
read -r c_s c_kb < <(measure chromium "${chrome_flags[@]}" \
    --print-to-pdf="$work/chromium.pdf" "file://$work/pack.html")
c_pages=$(pages "$work/chromium.pdf")

awk -v as="$a_s" -v ap="$a_pages" -v akb="$a_kb" -v cs="$c_s" -v cp="$c_pages" -v ckb="$c_kb" -v runs="$runs" 'BEGIN {
    printf "briefing pack of a synthetic dossier (2 000 members, 600 talking points, 150 notes), median of %d runs\n", runs
    printf "%-34s %6s %9s %11s %10s\n", "", "pages", "seconds", "ms per page", "peak MB"
    printf "%-34s %6d %9.2f %11.2f %10.0f\n", "attache export (PDF)", ap, as, 1000*as/ap, akb/1024
    printf "%-34s %6d %9.2f %11.2f %10.0f\n", "chromium --print-to-pdf (our HTML)", cp, cs, 1000*cs/cp, ckb/1024
    printf "attache is %.0fx faster per page than Chromium (%.0fx for the whole pack)\n", (cs/cp)/(as/ap), cs/as
}'
