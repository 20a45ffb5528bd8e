#!/usr/bin/env bash
# Benchmark: time and peak memory of `gkapub` making a whole year (report, bundel, all
# factsheets) with --jobs 2, beside each publication alone and beside the print edition
# (--edition print), in one run so that the ratios are meaningful on a shared machine.
# Goals: the whole of 2022 under 1 s on 2 cores, and its print edition under 2 s.
# Usage: bench/year.sh [DATA_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-data/2022}
runs=${2:-3}
scripts/build.sh build >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. bench/common.sh
measure() { # label command...: the best wall time of $runs runs and the peak memory
  local label=$1; shift
  best_of "$runs" build/gkapub "$@" --quiet --jobs 2 --data "$data" --out "$work/out"
  printf '  %-30s %6.2f s  %6s MB\n' "$label" "$BEST" "$PEAK_MB"
}
echo "gkapub --jobs 2 --data $data, best of $runs runs (wall time, peak resident memory)"
measure "voortgangsrapportage" rapport
measure "interventiebundel" bundel
measure "factsheets (and combined)" factsheets
measure "the whole year (gkapub)" build
measure "the whole year, print edition" build --edition print
