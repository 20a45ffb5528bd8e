#!/usr/bin/env bash
# Benchmark: how long loading and validating a year takes (gkapub check), against
# the goal of 50 ms for data/2022. Prints the median and the spread of N runs, and
# the cost of an empty start (--version) in the same run, for comparison.
# Usage: bench/load.sh [DATA_DIR] [RUNS]   (builds build/ without sanitizers first)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-data/2022}
runs=${2:-21}
scripts/build.sh build >/dev/null
time_ms() { # median, min, max in ms of running "$@" $runs times
  local t=()
  for _ in $(seq "$runs"); do
    local s=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t+=($(( ($(date +%s%N) - s) / 1000 )))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %.1f ms  min %.1f ms  max %.1f ms", a[int((NR+1)/2)]/1000, a[1]/1000, a[NR]/1000}'
}
echo "gkapub check --data $data ($runs runs)"
echo "  load + validate: $(time_ms build/gkapub check --quiet --data "$data")"
echo "  empty start:     $(time_ms build/gkapub --version)"
peak=$( { /usr/bin/time -f '%M' build/gkapub check --quiet --data "$data"; } 2>&1 | tail -1)
echo "  peak memory:     ${peak} KiB"
