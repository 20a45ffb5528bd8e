#!/usr/bin/env bash
# Benchmark: time and peak memory of `gkapub bundel` for data/2022 and for a generated
# dataset ten times as large (2,640 interventies), in one run so that the ratio is
# meaningful on a shared machine. Goals: 2022 under 0.5 s; 10x under 5 s and 300 MB,
# growing linearly. Usage: bench/bundel.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
scripts/build.sh build >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/scale.py data/2022 "$work/2022x10" 10
. bench/common.sh
measure() { # label data: prints the best wall time of $runs runs and the peak memory
  local label=$1 data=$2 pages
  best_of "$runs" build/gkapub bundel --quiet --data "$data" --out "$work/out"
  pages=$(pdfinfo "$work"/out/interventiebundel-*.pdf | awk '/^Pages/ {print $2}')
  printf '%-26s %6.2f s  %6s MB  %5d pages\n' "$label" "$BEST" "$PEAK_MB" "$pages"
  echo "$BEST" >"$work/$label.t"
}
echo "gkapub bundel, best of $runs runs (wall time, peak resident memory)"
measure "2022 (264 interventies)" data/2022
measure "2022 x10 (2640)" "$work/2022x10"
t1=$(cat "$work/2022 (264 interventies).t"); t10=$(cat "$work/2022 x10 (2640).t")
echo "ratio 10x / 1x: $(awk "BEGIN{printf \"%.1f\", $t10 / $t1}") (linear growth would be about 10)"
