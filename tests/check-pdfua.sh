#!/usr/bin/env bash
# Accessibility and archiving checkpoints (tests/pdfua_check.py) on the screen edition of
# both shipped years: every PDF, the report, the bundel, the combined factsheets and each
# single one.
# Every checkpoint is required: the files claim PDF/UA-1 and PDF/A-2a in their XMP, and
# the claim holds only while this passes. The checker itself must fail on a PDF stripped of
# its structure.
# Usage: check-pdfua.sh GKAPUB ROOT
set -u
gkapub=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }
required=lang,title,marked,tagged,root,roles,headings,lists,figures,links,tabs,fonts,unicode,labels,ids,outputintent,pdfa,order
for year in 2022 2020; do
  "$gkapub" build --quiet --data "$root/data/$year" --layouts "$root/layouts" --out "$work/$year" 2>/dev/null \
    || { problem "gkapub build $year exited $?"; continue; }
  files=("$work/$year"/*.pdf "$work/$year"/factsheets/*.pdf)
  python3 "$root/tests/pdfua_check.py" --require "$required" "${files[@]}" || problem "$year: a required checkpoint fails"
done
# the checker can fail: a copy without structure tree, language or labels
qpdf --empty --pages "$work/2022/voortgangsrapportage-2022.pdf" -- "$work/stripped.pdf"
out=$(python3 "$root/tests/pdfua_check.py" --require lang,marked "$work/stripped.pdf")
grep -q "lang 1" <<<"$out" && grep -q "marked 1" <<<"$out" || problem "the checker passes a PDF without structure: $out"
[ $fail -eq 0 ] && echo "ok: $required pass on every PDF of 2022 and 2020"
exit $fail
