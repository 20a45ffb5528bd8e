#!/usr/bin/env bash
# Builds every factsheet of a year twice (--jobs 1 and --jobs 4) and checks what regional
# staff get: one file per agenda and the combined file, the same bytes whatever the jobs,
# the combined file opening with a cover and the register of gemeenten, each factsheet in
# it starting on an odd page, the QR code on the printed
# page decoding to the agenda's URL, the figures on the page equal to the data (the
# alliance's, counted, at the foot of the last page; one interventie in full), tagged
# PDFs with embedded fonts that qpdf finds nothing wrong with; an unknown gemeente gets
# exit 2 with suggestions.
set -u
gkapub=$1 data=$2 layouts=$3 schema=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }
common=(--quiet --data "$data" --schema "$schema" --layouts "$layouts")
"$gkapub" factsheets "${common[@]}" --jobs 1 --out "$work/a" || { echo "FAIL: --jobs 1 exited $?"; exit 1; }
"$gkapub" factsheets "${common[@]}" --jobs 4 --out "$work/b" || { echo "FAIL: --jobs 4 exited $?"; exit 1; }

# the agenda's as the data has them: id, url, number of interventies
python3 - "$data" >"$work/agendas.tsv" <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
counts = {}
for f in glob.glob(os.path.join(d, "**", "*.xml"), recursive=True):
    root = ET.parse(f).getroot()
    for iv in root.iter("interventie"):
        counts[iv.get("agenda")] = counts.get(iv.get("agenda"), 0) + 1
for a in ET.parse(os.path.join(d, "agendas.xml")).getroot().iter("agenda"):
    print(a.get("id"), a.get("url"), counts.get(a.get("id"), 0), sep="\t")
PY
n=$(wc -l <"$work/agendas.tsv")
[ "$(ls "$work/a/factsheets" | wc -l)" -eq "$n" ] || problem "$(ls "$work/a/factsheets" | wc -l) factsheets for $n agenda's"
for f in "$work"/a/factsheets/*.pdf "$work"/a/factsheets-*.pdf; do
  rel=${f#"$work/a/"}
  cmp -s "$f" "$work/b/$rel" || problem "$rel differs between --jobs 1 and --jobs 4"
done

combined=$(ls "$work"/a/factsheets-*.pdf)
out=$(qpdf --check "$combined" 2>&1) || problem "qpdf --check $combined: $out"
grep -qi warning <<<"$out" && problem "qpdf warns on the combined file"
pdfinfo "$combined" | grep -q "^Tagged: *yes" || problem "combined file not tagged"
pdffonts "$combined" | tail -n +3 | awk '{ if ($(NF-4) != "yes" || $(NF-2) != "yes") bad = 1 } END { exit bad }' \
  || problem "a font not embedded or without Unicode map"
# the cover and the register first (pages 1 and 2), then each factsheet's bookmark at an
# odd page: a front on the right, its back behind it; the back cover last, on the last
# page, straight after the last factsheet (no page of notes before it on screen; print's
# quires are check-print.sh's)
pages=$(pdfinfo "$combined" | awk '/^Pages:/ { print $2 }')
qpdf --json --json-key=outlines "$combined" | python3 -c '
import json, sys
marks = [(o["title"], o["destpageposfrom1"]) for o in json.load(sys.stdin)["outlines"]]
n, pages = int(sys.argv[1]), int(sys.argv[2])
if len(marks) != n + 3 or [m[0] for m in marks[:2]] != [marks[0][0], "Register van gemeenten"] or marks[0][1] != 1:
    sys.exit(f"{len(marks)} bookmarks for {n} factsheets, beginning {marks[:2]}: not the cover, the register and each factsheet")
if marks[-1] != ("Colofon", pages):
    sys.exit(f"the last bookmark is {marks[-1]} of {pages} pages: not the back cover on the last page")
even = [m for m in marks[2:-1] if m[1] % 2 == 0]
if even:
    sys.exit(f"{len(even)} factsheets start on an even page: {even[:3]}")
' "$n" "$pages" || problem "the combined file: cover, register, odd-page starts and back cover"
pdftotext -f 2 -l 2 "$combined" - | grep -q "^Register van gemeenten" || problem "no register on page 2 of the combined file"
# on screen the back cover follows the last factsheet: no page of notes between them
last_sheet=$(qpdf --json --json-key=outlines "$combined" | python3 -c 'import json, sys; print(json.load(sys.stdin)["outlines"][-2]["title"])')
pdftotext -f $((pages - 1)) -l $((pages - 1)) "$combined" - | grep -qF "$last_sheet" \
  || problem "the page before the back cover is not $last_sheet's"
# the register gives each factsheet's page, and that page's folio is the same number
qpdf --json --json-key=outlines "$combined" | python3 -c '
import json, re, subprocess, sys
pdf = sys.argv[1]
marks = [(o["title"], o["destpageposfrom1"]) for o in json.load(sys.stdin)["outlines"]][2:-1]
register = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", str(marks[0][1] - 1), pdf, "-"],
                          capture_output=True, text=True).stdout
wrong = []
for title, page in marks:
    words = title.split(",")[0]
    if not re.search(r"(^|\s)%d\s+%s" % (page, re.escape(words)), register, re.M):
        wrong.append((title, page, "not in the register at its page"))
    # the folio ends the page'"'"'s lowest line (the footer), whatever the reading order
    lines = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), pdf, "-"],
                           capture_output=True, text=True).stdout.split("\n")
    foot = [l for l in lines if l.strip()][-1].split()
    if foot[-1:] != [str(page)]:
        wrong.append((title, page, "folio " + " ".join(foot[-3:])))
if wrong:
    sys.exit(f"{len(wrong)} register entries wrong: {wrong[:3]}")
' "$combined" || problem "the combined file: the register's page numbers"

# per factsheet (the first ten, and every one with fewer than 3 or many interventies): QR,
# figures; the agenda's own interventies counted in the chart, beside the nation's shares
# the alliance in the country, at the foot of every back: counted from the data
total=$(awk -F'\t' '{ s += $3 } END { print s }' "$work/agendas.tsv")
checked=0
while IFS=$'\t' read -r id url count; do
  if [ $checked -ge 10 ] && [ "$count" -ge 3 ] && [ "$count" -lt 6 ]; then continue; fi
  checked=$((checked + 1))
  pdf="$work/a/factsheets/$id.pdf"
  [ -f "$pdf" ] || { problem "no factsheet for $id"; continue; }
  # the code closes the sheet: on its last page, so every page is read
  pdftoppm -r 150 -png "$pdf" "$work/page"
  decoded=$(zbarimg --raw -q "$work"/page*.png 2>/dev/null | head -1)
  [ "$decoded" = "$url" ] || problem "$id: the QR code reads \"$decoded\", not $url"
  rm -f "$work"/page*.png
  text=$(pdftotext "$pdf" - | sed 's/\xC2\xAD//g')
  # the back lists two or more interventies under their count; one stands there in full
  # ("De interventie", no list of one); none is said in words
  lines=$(tr -d '\f' <<<"$text") # a page's first line begins with the form feed before it
  case $count in
    0) { grep -qx "Interventies" <<<"$lines" && tr '\n' ' ' <<<"$text" | grep -q "staan nog niet in deze uitgave"; } ||
         problem "$id: no interventies, and the back does not say so" ;;
    1) grep -qx "De interventie" <<<"$lines" && ! grep -q "Interventies (1)" <<<"$text" ||
         problem "$id: one interventie, not shown as \"De interventie\" (or listed as well)" ;;
    *) grep -q "Interventies ($count)" <<<"$text" || problem "$id: the page does not say \"Interventies ($count)\"" ;;
  esac
  last=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  back=$(pdftotext -f 2 -l "$last" "$pdf" -) # the back, and what runs on from it
  { grep -q "^De Gelijke Kansen Alliantie in [0-9]\{4\}$" <<<"$back" && tr '\n' ' ' <<<"$back" | grep -q "$n \(GKA-agenda\|gemeenten met\)" &&
    tr '\n' ' ' <<<"$back" | grep -q "$total interventies"; } ||
    problem "$id: the back's foot does not count $n agenda's and $total interventies"
  # a sheet with few interventies keeps the room under its list for notes
  if [ "$count" -le 2 ] && ! grep -q "^NOTITIES$" <<<"$back"; then
    problem "$id: $count interventies, and no room for notes on the back"
  fi
  # and names interventies of other gemeenten near by, on its thema's, with how far
  if [ "$count" -le 3 ]; then
    nearby=$(sed -n '/^Dichtstbijzijnde interventies$/,$p' <<<"$back" | grep -c " · [0-9]\+ km$")
    [ "$nearby" -ge 1 ] || problem "$id: $count interventies, and none of other gemeenten near by (Dichtstbijzijnde interventies)"
  fi
  if [ "$count" -ge 2 ] && ! grep -q "^Uitgelicht" <<<"$back"; then
    problem "$id: $count interventies, none shown in full (Uitgelicht)"
  fi
  words=$(pdftotext -raw "$pdf" - | tr '\n' ' ' | grep -c "heeft \(één interventie, in het thema\|twee interventies, \(beide in het thema\|in de thema’s\)\)")
  charted=$(grep -c "^Interventies per thema" <<<"$text")
  # the chart counts the agenda's interventies per thema in chips before the national
  # share ("Taalbevordering 1 15%"): together as many as the sheet has, none without
  counted=$(pdftotext -l 1 -raw "$pdf" - | sed -n '/^Interventies per thema/,/^0% /p' |
            sed -n 's/^\(.* \)\?\([0-9]\+\) [0-9]\+%$/\2/p' | awk '{ s += $1 } END { print s + 0 }')
  [ "$counted" = "$count" ] || problem "$id: $count interventies, but the chart counts $counted"
  case $count in
    0) { [ "$words" = 0 ] && ! grep -q "^interventies van " <<<"$text" &&
         tr '\n' ' ' <<<"$text" | grep -q "nog geen"; } \
         || problem "$id: no interventies, yet a sentence about them, or no word that there are none" ;;
    *) [ "$charted$words" = 10 ] ||
         problem "$id: $count interventies, but no chart of them ($charted heading, $words sentence)" ;;
  esac
  pdftotext -raw "$pdf" - | tr -d . | grep -q "van alle $total GKA-interventies" ||
    problem "$id: no national chart of all $total interventies"
  qpdf --check "$pdf" >/dev/null 2>&1 || problem "$id: qpdf --check"
done <"$work/agendas.tsv"

# an unknown gemeente: exit 2, closest ids suggested, nothing written
first=$(head -1 "$work/agendas.tsv" | cut -f1)
typo="${first%?}x"
"$gkapub" factsheets "${common[@]}" --gemeente "$typo" --out "$work/c" 2>"$work/err"
status=$?
[ $status -eq 2 ] || problem "unknown gemeente: exit $status"
grep -q "unknown gemeente \"$typo\"; did you mean $first" "$work/err" || problem "no suggestion: $(cat "$work/err")"
[ -z "$(ls "$work/c/factsheets" 2>/dev/null)" ] || problem "an unknown gemeente still wrote factsheets"

[ $fail -eq 0 ] && echo "ok: $n factsheets, $checked checked page by page, the same with --jobs 1 and 4"
exit $fail
