#!/usr/bin/env bash
# Builds a year with gkapub (twice) and checks a publication of it (the bundel or the
# report) with independent tools, as ministry staff and their readers meet it: qpdf --check
# clean; tagged, with title, language, bookmarks and viewer settings; only embedded fonts
# with Unicode maps; every link described, and every link into another publication finding
# its file and destination (tests/file_links.py); table header cells with their scope;
# poppler reads it without a warning; the text in reading order; the same bytes when built
# twice.
# Usage: check-pdf.sh GKAPUB DATA_DIR LAYOUTS_DIR [bundel|rapport]
set -u
gkapub=$1 data=$2 layouts=$3 publication=${4:-bundel}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }

root_dir=$(cd "$(dirname "$0")" && pwd)
# the whole year, so that the links between the publications have their files
command=build file=interventiebundel
if [ "$publication" = rapport ]; then file=voortgangsrapportage; fi
"$gkapub" $command --quiet --data "$data" --layouts "$layouts" --out "$work/a" || { echo "FAIL: gkapub exited $?"; exit 1; }
"$gkapub" $command --quiet --data "$data" --layouts "$layouts" --out "$work/b" || { echo "FAIL: second build exited $?"; exit 1; }
pdf=$(ls "$work"/a/$file-*.pdf)
year=$(basename "$pdf" .pdf | sed 's/.*-//')
# the title and the reading order the data asks for
if [ "$publication" = rapport ]; then
  mapfile -t order < <(python3 - "$data/rapport.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
print(r.get("titel"))
for s in r.findall("sectie"):
    print(s.get("titel"))
PY
)
  title=${order[0]}
else
  title="Interventiebundel $year"
  order=("Interventiebundel $year" "Inhoud" "Inleiding" "THEMA" "REGISTER" "Per gemeente" "Per sector")
fi

# structure: qpdf finds nothing wrong, not even a warning
check=$(qpdf --check "$pdf" 2>&1); rc=$?
[ $rc -eq 0 ] || problem "qpdf --check exit $rc: $check"
grep -qi "warning" <<<"$check" && problem "qpdf --check warns: $check"

# the same input gives the same bytes
cmp -s "$pdf" "$work/b/$(basename "$pdf")" || problem "two builds differ"

info=$(pdfinfo "$pdf")
grep -q "^Tagged: *yes" <<<"$info" || problem "not tagged"
grep -qF "$title" <<<"$(grep ^Title <<<"$info")" || problem "title: $(grep ^Title <<<"$info"), not $title"
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

# every link annotation has a description and its page /Tabs /S; one annotation per link
described=$(python3 - "$pdf" <<'PY'
import json, subprocess, sys
data = json.loads(subprocess.run(["qpdf", "--json=1", "--json-key=objects", sys.argv[1]], capture_output=True, text=True).stdout)
objs = data["objects"]
links = described = pages_with_annots = pages_tabbed = 0
web_links = 0
for key, o in objs.items():
    v = o
    if not isinstance(v, dict):
        continue
    if v.get("/Subtype") == "/Link":
        links += 1
        if v.get("/Contents"):
            described += 1
        uri = (objs.get(v["/A"]) if isinstance(v.get("/A"), str) else v.get("/A") or {}).get("/URI", "")
        web_links += uri.startswith(("mailto:", "http:", "https:"))
    if v.get("/Type") == "/Page" and "/Annots" in v:
        pages_with_annots += 1
        if v.get("/Tabs") == "/S":
            pages_tabbed += 1
print(links, described, pages_with_annots, pages_tabbed, web_links)
PY
)
read -r nlinks ndescribed nannot ntabbed nweb <<<"$described"
[ "${nlinks:-0}" -gt 0 ] || problem "no links"
[ "$nlinks" = "$ndescribed" ] || problem "$ndescribed of $nlinks links have a description"
[ "$nannot" = "$ntabbed" ] || problem "$ntabbed of $nannot pages with links have /Tabs /S"
# a link wrapped over lines is one link (one annotation, a quadrilateral a line): the bundel
# has one web or mail link for each the data gives a card (the contact's address, the
# interventie's url, its agenda's url)
if [ "$publication" = bundel ]; then
  ncard_links=$(python3 - "$data" <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
files = glob.glob(os.path.join(sys.argv[1], "**", "*.xml"), recursive=True)
roots = [ET.parse(f).getroot() for f in files]
agenda_url = {a.get("id"): a.get("url") for r in roots for a in r.iter("agenda")}
n = 0
for r in roots:
    for iv in r.iter("interventie"):
        n += sum(1 for c in iv.iter("contact") if c.get("email"))
        n += sum(1 for u in iv.iter("url") if (u.text or "").strip())
        n += 1 if agenda_url.get(iv.get("agenda")) else 0
# and the back cover's: the report's contact
for r in roots:
    for s in r.iter("sectie"):
        if s.get("soort") == "contact":
            n += sum(1 for a in s.iter("a") if not (a.get("href") or "#").startswith("#"))
print(n)
PY
)
  [ "$nweb" = "$ncard_links" ] || problem "$nweb web and mail link annotations for $ncard_links links on the cards and the back cover"
fi

# every link into another publication finds its file and its destination there: the
# report's to the factsheets and the bundel, the bundel's to the factsheets, the factsheets'
# to their interventies' cards in the bundel (one at least for each interventie)
sheet=$(ls "$work/a/factsheets" | head -1)
links=$(python3 "$root_dir/file_links.py" "$pdf" "$work/a/factsheets-$year.pdf" "$work/a/factsheets/$sheet") \
  || problem "links into other files lead nowhere: $links"
ninterventies=$(python3 - "$data" <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
print(sum(len(list(ET.parse(f).getroot().iter("interventie")))
          for f in glob.glob(os.path.join(sys.argv[1], "**", "*.xml"), recursive=True)))
PY
)
named=$(grep "factsheets-$year.pdf:" <<<"$links" | sed 's/.* \([0-9]*\) to a named destination/\1/')
[ "$ninterventies" -gt 0 ] && [ "${named:-0}" -ge "$ninterventies" ] \
  || problem "the factsheets link to $named cards in the bundel, of $ninterventies interventies"
# ... and the check finds a factsheet copied where the bundel is not
mkdir -p "$work/alone/factsheets" && cp "$work/a/factsheets/$sheet" "$work/alone/factsheets/"
python3 "$root_dir/file_links.py" "$work/alone/factsheets/$sheet" >/dev/null \
  && problem "file_links.py passes a factsheet whose bundel is not there"

# poppler reads every page without a complaint
warnings=$(pdftotext "$pdf" /dev/null 2>&1)
[ -z "$warnings" ] || problem "pdftotext warns: $(head -3 <<<"$warnings")"

# bookmarks: the bundel's title, introduction, contents, a chapter per thema and two
# indexes; the report's cover and every section
outlines=$(qpdf --json --json-key=outlines "$pdf" | grep -c '"title"')
want_outlines=6
[ "$publication" = rapport ] && want_outlines=${#order[@]}
[ "$outlines" -ge "$want_outlines" ] || problem "only $outlines bookmarks, fewer than $want_outlines"

# tables: every header cell says what it heads. The report's factors: when some carry a
# description, a table per level (a column header per column, a row header per factor);
# else one table with a column per level (its header the level's name), every factor in it.
# The timeline's milestones: a row each, its date the row's header, unless the chart
# labels them all (each has a year; twelve at most), which is then their list
if [ "$publication" = rapport ]; then
  json=$(qpdf --json "$pdf")
  charted=$(python3 - "$data/rapport.xml" <<'PY'
import re, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
dates = [m.get("datum") or "" for m in root.iter("mijlpaal")]
phases = len(list(root.iter("fase")))
print(1 if phases and 0 < len(dates) <= 12 and all(re.search(r"\d{4}", d) for d in dates) else 0)
PY
)
  factors=$(grep -c '<factor ' "$data/rapport.xml")
  described=$(grep -c '<factor [^>]*[^/]>' "$data/rapport.xml")
  rows=$(grep -c '"/Scope": "/Row"' <<<"$json")
  levels=$(grep -c '<niveau ' "$data/rapport.xml")
  milestones=$(grep -c '<mijlpaal ' "$data/rapport.xml")
  [ "$charted" = 1 ] && milestones=0
  columns=$(grep -c '"/Scope": "/Column"' <<<"$json")
  if [ "$described" -gt 0 ]; then
    [ "$rows" -eq $(( factors + milestones )) ] \
      || problem "$rows row header cells with a scope, for $factors factors and $milestones milestones"
    [ "$columns" -ge $(( 2 * levels )) ] || problem "$columns column header cells with a scope, for $levels tables"
  else
    [ "$rows" -eq "$milestones" ] || problem "$rows row header cells with a scope, for $milestones milestones"
    [ "$columns" -ge "$levels" ] || problem "$columns column header cells with a scope, for $levels levels"
    missing=$(python3 - "$data/rapport.xml" "$pdf" <<'PY'
import re, subprocess, sys, xml.etree.ElementTree as ET
# in the order the text is drawn (each level's names one after another): read across the
# page, the lines of the five columns interleave where a name wraps
text = subprocess.run(["pdftotext", "-raw", sys.argv[2], "-"], capture_output=True, text=True).stdout
# a name may break at a hyphen, a soft hyphen or a slash: compared without them and spaces
squeeze = lambda s: re.sub(r"[\s\-\xad]", "", s)
text = squeeze(text)
names = [f.get("naam") for f in ET.parse(sys.argv[1]).getroot().iter("factor")]
print(sum(1 for n in names if squeeze(n) not in text))
PY
)
    [ "$missing" = 0 ] || problem "$missing factors not in the text"
  fi
fi

# a milestone that lasts months ("januari–april 2021") is a bar of its own in the timeline,
# labelled: its words stand in the text (where the chart is the list of milestones)
if [ "$publication" = rapport ]; then
  unlabelled=$(python3 - "$data/rapport.xml" "$pdf" <<'PY'
import re, subprocess, sys, xml.etree.ElementTree as ET
text = subprocess.run(["pdftotext", sys.argv[2], "-"], capture_output=True, text=True).stdout
text = " ".join(re.sub(r"\xad\n?|-\n", "", text).split())
months = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
missing = 0
for m in ET.parse(sys.argv[1]).getroot().iter("mijlpaal"):
    if not re.search(rf"({months})\s*[–-]\s*({months})", (m.get("datum") or "").lower()):
        continue
    words = " ".join((m.text or "").split()[:3])
    missing += words not in text
print(missing)
PY
)
  [ "$unlabelled" = 0 ] || problem "$unlabelled milestones of months not labelled on their bars"
fi

# a key figure's qualifying word ("ruim") stands with its figure ("ruim 8.000"), over it or
# before it, never lost
if [ "$publication" = rapport ]; then
  lost=$(python3 - "$data/rapport.xml" "$pdf" <<'PY'
import re, subprocess, sys, xml.etree.ElementTree as ET
text = " ".join(subprocess.run(["pdftotext", sys.argv[2], "-"], capture_output=True, text=True).stdout.split())
lost = 0
for k in ET.parse(sys.argv[1]).getroot().iter("kerncijfer"):
    bij, waarde = k.get("bij"), k.get("waarde")
    if not bij or not waarde or "." in waarde:
        continue
    figure = f"{int(waarde):,}".replace(",", ".")
    if not re.search(re.escape(bij) + r"\s+" + re.escape(figure) + r"\b", text):
        print(f"\"{bij} {figure}\" not in the text", file=sys.stderr)
        lost += 1
print(lost)
PY
)
  [ "$lost" = 0 ] || problem "$lost key figures without the word that qualifies them"
fi

# the maps' sources are named, on the back cover (or, without one, on the cover)
last=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
{ pdftotext -f "$last" -l "$last" "$pdf" - | grep -q "Kaarten (.*Natural Earth.*OpenStreetMap" ||
  pdftotext -f 1 -l 1 "$pdf" - | grep -q "OpenStreetMap"; } || problem "the cover map's sources are named nowhere"

# the register per gemeente names every gemeente of an alliance, referring to the alliance,
# and gives each gemeente's pages in ascending order
if [ "$publication" = bundel ]; then
  python3 - "$pdf" <<'PY' || problem "a gemeente's pages in the register not in ascending order"
import re, subprocess, sys
text = subprocess.run(["pdftotext", sys.argv[1], "-"], capture_output=True, text=True).stdout
register = text[text.rfind("Per gemeente"):text.rfind("Per sector")]
runs = [[int(n) for n in m.group(0).split(", ")] for m in re.finditer(r"\d+(?:, \d+)*", register)]
bad = [r for r in runs if r != sorted(r)]
for r in bad[:3]:
    print(f"pages {r}", file=sys.stderr)
sys.exit(1 if bad or not runs else 0)
PY
  python3 - "$data" "$pdf" <<'PY' || problem "an alliance's gemeente not in the register"
import re, subprocess, sys, xml.etree.ElementTree as ET
names = {g.get("id"): g.get("naam") for g in ET.parse(sys.argv[1] + "/gemeenten.xml").getroot().iter("gemeente")}
text = " ".join(subprocess.run(["pdftotext", sys.argv[2], "-"], capture_output=True, text=True).stdout.split())
bad = 0
for a in ET.parse(sys.argv[1] + "/agendas.xml").getroot().iter("agenda"):
    leden = [names[l.get("gemeente")] for l in a.iter("lid")]
    naam = a.get("naam") or leden[0]
    for g in leden:
        if len(leden) > 1 and not naam.startswith(g) and f"{g} \u2192 {naam}" not in text:
            print(f"no \"{g} \u2192 {naam}\" in the register", file=sys.stderr)
            bad += 1
sys.exit(1 if bad else 0)
PY
fi

# every link to a section says which: its description names the section's title (or its
# short title, for the tab bar)
if [ "$publication" = rapport ]; then
  python3 - "$pdf" "$data/rapport.xml" <<'PY' || problem "a link's description does not name its target"
import json, subprocess, sys, xml.etree.ElementTree as ET
titles = {}
for s in ET.parse(sys.argv[2]).getroot().iter("sectie"):
    titles[s.get("id")] = [t for t in (s.get("titel"), s.get("kort")) if t]
j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=qpdf", sys.argv[1]], capture_output=True).stdout)
objs = j["qpdf"][1]
def get(v):
    o = objs.get("obj:" + v) if isinstance(v, str) else None
    return (o.get("value") if "value" in o else o["stream"]["dict"]) if o else v
bad = checked = 0
for key, o in objs.items():
    v = o.get("value")
    if not isinstance(v, dict) or v.get("/Subtype") != "/Link":
        continue
    dest = v.get("/Dest") or (get(v.get("/A")) or {}).get("/D")
    name = dest[2:] if isinstance(dest, str) and dest.startswith("u:") else None
    if name not in titles:
        continue
    checked += 1
    contents = (v.get("/Contents") or "")[2:]
    if not any(t in contents for t in titles[name]):
        bad += 1
        print(f"link to {name} described as \"{contents}\"", file=sys.stderr)
sys.exit(1 if bad or not checked else 0)
PY
fi

# words in another language (<taal xml:lang>) say which, for a screen reader
if [ "$publication" = rapport ]; then
  foreign=$(grep -o '<taal ' "$data/rapport.xml" | wc -l)
  spans=$(qpdf --json "$pdf" | grep -c '"/Lang": "u:[a-z][a-z]\(-[A-Za-z]*\)\?"')
  [ "$spans" -ge $(( foreign + 1 )) ] || problem "$foreign passages in another language, $((spans - 1)) elements that say so"
fi

# page labels, so that a viewer's page number is the printed one
labels=$(qpdf --json --json-key=pagelabels "$pdf" | grep -c '"/S": "/D"')
[ "$labels" -ge 1 ] || problem "no page labels"

# the text in reading order (soft hyphens removed): title, introduction, contents, indexes
text=$(pdftotext "$pdf" - | sed 's/\xC2\xAD//g' | tr '\n' ' ' | tr -s ' ')
at=0
for want in "${order[@]}"; do
  rest=${text:$at}
  pre=${rest%%"$want"*}
  if [ "$pre" = "$rest" ]; then problem "\"$want\" not found after position $at"; break; fi
  at=$(( at + ${#pre} + ${#want} ))
done

[ $fail -eq 0 ] && echo "ok: $(basename "$pdf"): $(grep ^Pages <<<"$info" | tr -s ' '), $nlinks links, $outlines bookmarks"
exit $fail
