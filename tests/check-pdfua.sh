#!/usr/bin/env bash
# Accessibility and archiving checkpoints (tests/pdfua_check.py) on the screen edition of
# both shipped years: the report, the bundel, the combined factsheets and three single ones.
# The checkpoints every PDF passes already are required, so that none of them slips back;
# the ones still to be made to pass (issue 14: every content item tagged or an Artifact, one
# structure root (the report's tab bar links stand beside it), and the pdfuaid/pdfaid
# identification, claimed only when the rest passes) are printed, not required. The checker itself must fail on a PDF stripped of its structure.
# Usage: check-pdfua.sh GKAPUB ROOT
set -u
gkapub=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }
required=lang,title,marked,roles,headings,lists,figures,links,tabs,fonts,labels,outputintent
for year in 2022 2020; do
  "$gkapub" build --quiet --data "$root/data/$year" --layouts "$root/layouts" --out "$work/$year" 2>/dev/null \
    || { problem "gkapub build $year exited $?"; continue; }
  files=("$work/$year"/*.pdf)
  for id in $(ls "$work/$year/factsheets" | head -3); do files+=("$work/$year/factsheets/$id"); done
  python3 "$root/tests/pdfua_check.py" --require "$required" "${files[@]}" || problem "$year: a required checkpoint fails"
done
# the checker can fail: a copy without structure tree, language or labels
qpdf --empty --pages "$work/2022/voortgangsrapportage-2022.pdf" -- "$work/stripped.pdf"
out=$(python3 "$root/tests/pdfua_check.py" --require lang,marked "$work/stripped.pdf")
grep -q "lang 1" <<<"$out" && grep -q "marked 1" <<<"$out" || problem "the checker passes a PDF without structure: $out"
[ $fail -eq 0 ] && echo "ok: $required pass on every PDF of 2022 and 2020"
exit $fail
