#!/usr/bin/env bash
# Benchmark: time and peak memory of `gkapub factsheets` for every agenda of a year
# (101 for data/2022, plus the combined file) with --jobs 1 and --jobs 2, in one run so
# that the ratio is meaningful on a shared machine. Goal: all of 2022 under 1 s with 2 jobs.
# Usage: bench/factsheets.sh [DATA_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-data/2022}
runs=${2:-3}
scripts/build.sh build >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. bench/common.sh
measure() { # jobs: prints the best wall time of $runs runs and the peak memory
  local jobs=$1
  best_of "$runs" build/gkapub factsheets --quiet --jobs "$jobs" --data "$data" --out "$work/out"
  printf '  --jobs %d  %6.2f s  %6s MB\n' "$jobs" "$BEST" "$PEAK_MB"
  echo "$BEST" >"$work/t$jobs"
}
n=$(ls "$data"/agendas.xml >/dev/null && grep -c '<agenda ' "$data"/agendas.xml)
echo "gkapub factsheets --data $data: $n factsheets and the combined file, best of $runs runs"
measure 1
measure 2
echo "  speed-up with 2 jobs: $(awk "BEGIN{printf \"%.2f\", $(cat "$work/t1") / $(cat "$work/t2")}")"
