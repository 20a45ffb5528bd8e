#!/usr/bin/env bash
# Builds the interventiebundel of a year with gkapub and checks the PDF with independent
# tools, as ministry staff and their readers meet it: qpdf --check clean; tagged, with
# title, language, bookmarks and viewer settings; only embedded fonts with Unicode maps;
# every link described; the text in reading order; the same bytes when built twice.
set -u
gkapub=$1 data=$2 layouts=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }

"$gkapub" bundel --quiet --data "$data" --layouts "$layouts" --out "$work/a" || { echo "FAIL: gkapub exited $?"; exit 1; }
"$gkapub" bundel --quiet --data "$data" --layouts "$layouts" --out "$work/b" || { echo "FAIL: second build exited $?"; exit 1; }
pdf=$(ls "$work"/a/interventiebundel-*.pdf)
year=$(basename "$pdf" .pdf | sed 's/.*-//')

# structure: qpdf finds nothing wrong, not even a warning
check=$(qpdf --check "$pdf" 2>&1); rc=$?
[ $rc -eq 0 ] || problem "qpdf --check exit $rc: $check"
grep -qi "warning" <<<"$check" && problem "qpdf --check warns: $check"

# the same input gives the same bytes
cmp -s "$pdf" "$work/b/$(basename "$pdf")" || problem "two builds differ"

info=$(pdfinfo "$pdf")
grep -q "^Tagged: *yes" <<<"$info" || problem "not tagged"
grep -q "^Title: *Interventiebundel $year$" <<<"$info" || problem "title: $(grep ^Title <<<"$info")"
grep -q "^Metadata Stream: *yes" <<<"$info" || problem "no XMP metadata"
grep -q "^CreationDate: .*$year\|^CreationDate: " <<<"$info" || problem "no creation date"

# the catalog: language, bookmarks panel, title in the window
root=$(qpdf --show-object=trailer "$pdf" | sed -n 's/.*\/Root \([0-9]* [0-9]*\) R.*/\1/p' | head -1 | tr ' ' ',')
catalog=$(qpdf --show-object="$root" "$pdf")
grep -q "/Lang (nl-NL)" <<<"$catalog" || problem "no /Lang nl-NL: $catalog"
grep -q "/PageMode /UseOutlines" <<<"$catalog" || problem "does not open with the bookmarks"
grep -q "/DisplayDocTitle true" <<<"$catalog" || problem "no DisplayDocTitle"
grep -q "/StructTreeRoot" <<<"$catalog" || problem "no structure tree"

# fonts: all embedded, all with a Unicode map
fonts=$(pdffonts "$pdf" | tail -n +3)
[ -n "$fonts" ] || problem "no fonts"
awk '{ if ($(NF-4) != "yes" || $(NF-2) != "yes") { print; bad = 1 } } END { exit bad }' <<<"$fonts" \
  || problem "a font not embedded or without Unicode map"

# every link annotation has a description and its page /Tabs /S
described=$(python3 - "$pdf" <<'PY'
import json, subprocess, sys
data = json.loads(subprocess.run(["qpdf", "--json=1", "--json-key=objects", sys.argv[1]], capture_output=True, text=True).stdout)
objs = data["objects"]
links = described = pages_with_annots = pages_tabbed = 0
for key, o in objs.items():
    v = o
    if not isinstance(v, dict):
        continue
    if v.get("/Subtype") == "/Link":
        links += 1
        if v.get("/Contents"):
            described += 1
    if v.get("/Type") == "/Page" and "/Annots" in v:
        pages_with_annots += 1
        if v.get("/Tabs") == "/S":
            pages_tabbed += 1
print(links, described, pages_with_annots, pages_tabbed)
PY
)
read -r nlinks ndescribed nannot ntabbed <<<"$described"
[ "${nlinks:-0}" -gt 0 ] || problem "no links"
[ "$nlinks" = "$ndescribed" ] || problem "$ndescribed of $nlinks links have a description"
[ "$nannot" = "$ntabbed" ] || problem "$ntabbed of $nannot pages with links have /Tabs /S"

# bookmarks: the title, the introduction, the contents, a chapter per thema, two indexes
outlines=$(qpdf --json --json-key=outlines "$pdf" | grep -c '"title"')
[ "$outlines" -ge 6 ] || problem "only $outlines bookmarks"

# page labels, so that a viewer's page number is the printed one
labels=$(qpdf --json --json-key=pagelabels "$pdf" | grep -c '"/S": "/D"')
[ "$labels" -ge 1 ] || problem "no page labels"

# the text in reading order (soft hyphens removed): title, introduction, contents, indexes
text=$(pdftotext "$pdf" - | sed 's/\xC2\xAD//g' | tr '\n' ' ' | tr -s ' ')
order=("Interventiebundel $year" "Inleiding" "Inhoud" "Thema" "Register" "Per gemeente" "Per sector")
at=0
for want in "${order[@]}"; do
  rest=${text:$at}
  pre=${rest%%"$want"*}
  if [ "$pre" = "$rest" ]; then problem "\"$want\" not found after position $at"; break; fi
  at=$(( at + ${#pre} + ${#want} ))
done

[ $fail -eq 0 ] && echo "ok: $(basename "$pdf"): $(grep ^Pages <<<"$info" | tr -s ' '), $nlinks links, $outlines bookmarks"
exit $fail
