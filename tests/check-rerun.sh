#!/usr/bin/env bash
# The out folder across runs: a selection (--gemeente) leaves factsheets-<year>.pdf as it
# was; a full run removes the factsheets of agenda's that left the data and the temporary
# files of an earlier run that was killed; a run stopped by SIGTERM or SIGINT removes its
# own temporary files; a run killed with SIGKILL at any moment leaves no damaged PDF at a
# final name, and the next run starts clean.
set -u
gkapub=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$work/out
mini=(--data "$root/tests/fixtures/mini" --schema "$root/data/schema/gka.rng" --layouts "$root/layouts")
fail=0
problem() { echo "FAIL: $*"; fail=1; }

"$gkapub" factsheets "${mini[@]}" --out "$out" --quiet || problem "the first run failed"
combined=$out/factsheets-2022.pdf
[ -f "$combined" ] || problem "no combined file"
before=$(md5sum <"$combined")
[ "$(pdfinfo "$combined" | awk '/^Pages:/ {print $2}')" -ge 3 ] || problem "the combined file holds fewer than 3 pages"

# what an earlier run left: a factsheet of an agenda that left the data, and the
# temporary file of a process that is gone (pids above pid_max never run)
echo "old" >"$out/factsheets/vertrokken-gemeente.pdf"
echo "half" >"$out/factsheets/.zwolle.pdf.99999999-1.gkapub-tmp"

"$gkapub" factsheets "${mini[@]}" --out "$out" --gemeente zwolle 2>"$work/err" || problem "the selection failed"
[ "$(md5sum <"$combined")" = "$before" ] || problem "a selection changed factsheets-2022.pdf"
grep -q ": 1 factsheet " "$work/err" || problem "the selection's message: $(cat "$work/err")"
[ -e "$out/factsheets/.zwolle.pdf.99999999-1.gkapub-tmp" ] && problem "the stale temporary file is still there"
[ -f "$out/factsheets/vertrokken-gemeente.pdf" ] || problem "a selection removed another agenda's file"

"$gkapub" factsheets "${mini[@]}" --out "$out" --quiet || problem "the full run failed"
[ -e "$out/factsheets/vertrokken-gemeente.pdf" ] && problem "the departed agenda's factsheet is still there"
[ -f "$out/factsheets/zwolle.pdf" ] || problem "zwolle.pdf is gone"

# stopped at several moments: no temporary file outlives the process, and no PDF at its
# final name is damaged
for delay in 0.1 0.3 0.6 0.9 1.2; do
  for sig in TERM INT KILL; do
    "$gkapub" build "${mini[@]}" --out "$work/year" --jobs 2 --quiet 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -s "$sig" "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if [ "$sig" != KILL ]; then
      left=$(find "$work/year" -name '*.gkapub-tmp' 2>/dev/null)
      [ -z "$left" ] || problem "SIG$sig after ${delay}s left: $left"
    fi
    for pdf in $(find "$work/year" -name '*.pdf' 2>/dev/null); do
      qpdf --check "$pdf" >/dev/null 2>&1 || problem "SIG$sig after ${delay}s: damaged $pdf"
    done
  done
done
"$gkapub" build "${mini[@]}" --out "$work/year" --jobs 2 --quiet || problem "the run after the kills failed"
left=$(find "$work/year" -name '*.gkapub-tmp')
[ -z "$left" ] && [ "$(ls "$work/year/factsheets" | wc -l)" -eq 3 ] || problem "not clean after the kills: $left"
[ $fail -eq 0 ] || exit 1
echo "ok: selections, departed agenda's, stale and interrupted temporary files"
