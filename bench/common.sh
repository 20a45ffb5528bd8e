# bench/common.sh: what the benchmarks share (sourced, not run).
# best_of RUNS COMMAND...: runs COMMAND RUNS times and sets BEST (the shortest wall time,
# seconds) and PEAK_MB (the largest peak resident memory, MB). Needs $work, a scratch folder.
best_of() {
  local runs=$1 secs kib peak=0
  shift
  BEST=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" 2>/dev/null
    read -r secs kib <"$work/time"
    if [ -z "$BEST" ] || awk "BEGIN{exit !($secs < $BEST)}"; then BEST=$secs; fi
    [ "$kib" -gt "$peak" ] && peak=$kib
  done
  PEAK_MB=$(awk "BEGIN{printf \"%.0f\", $peak / 1024}")
}
