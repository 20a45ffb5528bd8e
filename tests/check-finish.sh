#!/usr/bin/env bash
# Checks what finishing adds to cairo's PDF, reading back the file test_finish wrote:
# alt text on the figure, descriptions on links, /D on the link into another file,
# /Tabs /S, page labels, /Lang, XMP, correct dates, Artifacts of their kinds in the content
# and none of the backend's stand-ins left in the structure tree, the PDF/UA and PDF/A
# checkpoints, and no qpdf warnings; and that the reading order checkpoint fails a page whose
# structure reads its columns the wrong way round.
set -u
test_finish=$1 fonts=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pdf="$work/proef.pdf"
"$test_finish" "$pdf" "$fonts" "$work/disordered.pdf" || { echo "FAIL: test_finish"; exit 1; }
fail=0
out=$(qpdf --check "$pdf" 2>&1) || { echo "FAIL: qpdf --check: $out"; fail=1; }
grep -qi warning <<<"$out" && { echo "FAIL: qpdf warns: $out"; fail=1; }
python3 - "$pdf" <<'PY' || fail=1
import json, subprocess, sys
pdf = sys.argv[1]
objs = json.loads(subprocess.run(["qpdf", "--json=1", "--json-key=objects", pdf],
                                 capture_output=True, text=True).stdout)["objects"]
dicts = [v for v in objs.values() if isinstance(v, dict)]
def find(pred):
    return [d for d in dicts if pred(d)]
problems = []
figs = find(lambda d: d.get("/S") == "/Figure")
if len(figs) != 1 or figs[0].get("/Alt") != "Staafdiagram: Taalbevordering 40, Extra onderwijs 42":
    problems.append("figure alt text: %r" % [f.get("/Alt") for f in figs])
links = find(lambda d: d.get("/Subtype") == "/Link")
descs = sorted(l.get("/Contents", "") for l in links)
if descs != sorted(["De website van de GKA", "De interventie in de bundel", "Terug naar de kop"]):
    problems.append("link descriptions: %r" % descs)
gotor = [l for l in links if isinstance(l.get("/A"), dict) and l["/A"].get("/S") == "/GoToR"]
if len(gotor) != 1 or gotor[0]["/A"].get("/D") != "iv-taal-001":
    problems.append("link into the bundel: %r" % [g.get("/A") for g in gotor])
pages = find(lambda d: d.get("/Type") == "/Page")
if any(p.get("/Tabs") != "/S" for p in pages if "/Annots" in p):
    problems.append("a page with links lacks /Tabs /S")
cat = find(lambda d: d.get("/Type") == "/Catalog")[0]
if cat.get("/Lang") != "nl-NL":
    problems.append("lang: %r" % cat.get("/Lang"))
nums = cat.get("/PageLabels", {}).get("/Nums", [])
if nums != [0, {"/P": "i"}, 1, {"/S": "/D", "/St": 1}]:
    problems.append("page labels: %r" % nums)
kinds = [d.get("/S") for d in find(lambda d: d.get("/Type") == "/StructElem" or "/S" in d and "/P" in d)]
if "/Private" in kinds:
    problems.append("a stand-in for an Artifact left in the structure tree")
qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout
for want in (b"/Artifact << /Type /Pagination /Subtype /Header >> BDC",
             b"/Artifact << /Type /Pagination /Subtype /Footer >> BDC", b"/Artifact << /Type /Layout >> BDC"):
    if qdf.count(want) != 1:
        problems.append("the content holds %r %d times, not once" % (want, qdf.count(want)))
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
PY
check=$(dirname "$0")/pdfua_check.py
python3 "$check" --require tagged,root,links,figures,order,ids,pdfa "$pdf" >/dev/null \
  || { echo "FAIL: $(python3 "$check" "$pdf")"; fail=1; }
# the reading order checkpoint finds a page whose structure reads the right column first
out=$(python3 "$check" --require order "$work/disordered.pdf") \
  && { echo "FAIL: the reading order checkpoint passes a page read right column first: $out"; fail=1; }
grep -q "order: page 1: 'Linksboven'\|order: page 1: 'Links boven'" <<<"$out" \
  || { echo "FAIL: the reading order checkpoint does not name the text read out of order: $out"; fail=1; }
info=$(pdfinfo "$pdf")
grep -q "^CreationDate: *Sat Oct  1 00:00:00 2022 UTC" <<<"$info" || { echo "FAIL: date: $(grep Creation <<<"$info")"; fail=1; }
grep -q "^Metadata Stream: *yes" <<<"$info" || { echo "FAIL: no XMP"; fail=1; }
[ $fail -eq 0 ] && echo "ok: finishing"
exit $fail
