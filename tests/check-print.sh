#!/usr/bin/env bash
# The print edition as a print shop checks it, beside the screen edition of the same
# publications of a year: every colour operator in every content stream CMYK and no
# transparency; TrimBox the screen page's size inset by the bleed in a MediaBox and
# BleedBox 3 mm larger on every side; only embedded fonts; the text of every page equal
# to the screen page's; the pages drawn alike inside the trim; the bookmarks kept.
# Usage: check-print.sh GKAPUB DATA_DIR LAYOUTS_DIR
set -u
gkapub=$1 data=$2 layouts=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }

"$gkapub" build --quiet --jobs 2 --data "$data" --layouts "$layouts" --out "$work/out" || { echo "FAIL: screen exited $?"; exit 1; }
"$gkapub" build --quiet --jobs 2 --edition print --data "$data" --layouts "$layouts" --out "$work/out" \
  || { echo "FAIL: print exited $?"; exit 1; }
n=0
for print in "$work"/out/print/*.pdf; do
  name=$(basename "$print")
  screen="$work/out/$name"
  [ -f "$screen" ] || { problem "$name: no screen edition beside it"; continue; }
  n=$((n + 1))
  check=$(qpdf --check "$print" 2>&1) || problem "$name: qpdf --check: $check"

  # colours and transparency, read from the decoded content streams of every page
  python3 - "$print" <<'PY' || problem "$name: colours or transparency unfit for print"
import re, subprocess, sys
pdf = sys.argv[1]
pages = subprocess.run(["qpdf", "--show-pages", pdf], capture_output=True, text=True).stdout
bad = 0
for obj in re.findall(r"^\s+(\d+) 0 R$", pages, re.M):
    data = subprocess.run(["qpdf", "--show-object=" + obj, "--filtered-stream-data", pdf],
                          capture_output=True).stdout.decode("latin-1")
    for op in re.findall(r"(?:^|\s)(rg|RG|g|G|sc|SC|scn|SCN|cs|CS|gs)(?=\s|$)", data):
        bad += 1
        print(f"content stream {obj}: the operator {op} (not CMYK-only)", file=sys.stderr)
        break
qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout
for key in (b"/SMask", b"/DeviceRGB", b"/CA ", b"/ca "):
    if key in qdf:
        bad += 1
        print(f"the file has {key.decode()}", file=sys.stderr)
sys.exit(1 if bad else 0)
PY

  # boxes: the trim is the screen page, the media and bleed boxes 3 mm larger each side
  python3 - "$screen" "$print" <<'PY' || problem "$name: page boxes"
import re, subprocess, sys
def boxes(pdf):
    out = subprocess.run(["pdfinfo", "-box", "-f", "1", "-l", "99999", pdf], capture_output=True, text=True).stdout
    pages = {}
    for m in re.finditer(r"Page\s+(\d+) (\w+):\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", out):
        pages.setdefault(int(m.group(1)), {})[m.group(2)] = [float(x) for x in m.groups()[2:]]
    return pages
s, p = boxes(sys.argv[1]), boxes(sys.argv[2])
bleed = 3 / 25.4 * 72
ok = len(s) == len(p) and len(s) > 0
for i in s:
    sw, sh = s[i]["MediaBox"][2], s[i]["MediaBox"][3]
    t, m, b = p[i]["TrimBox"], p[i]["MediaBox"], p[i]["BleedBox"]
    near = lambda a, e: all(abs(x - y) < 0.05 for x, y in zip(a, e))
    if not (near(t, [bleed, bleed, bleed + sw, bleed + sh]) and near(m, [0, 0, sw + 2 * bleed, sh + 2 * bleed])
            and near(b, m)):
        print(f"page {i}: trim {t}, media {m}, bleed {b} for a page of {sw} x {sh}", file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
PY

  # fonts: all embedded
  pdffonts "$print" | tail -n +3 | awk '$(NF-4) != "yes" { print; bad = 1 } END { exit bad }' \
    || problem "$name: a font not embedded"

  # the text of every page equal to the screen's, in the order both draw it (pdftotext's
  # reading order is guessed from positions, which the bleed shifts: short balanced
  # columns can come out in another order) (a wide space before a page number may fall
  # away at a line's end in one of them)
  diff -Z <(pdftotext -raw "$screen" - 2>&1 | perl -CSD -pe 's/[\x{2000}-\x{200A}]//g') \
          <(pdftotext -raw "$print" - 2>&1 | perl -CSD -pe 's/[\x{2000}-\x{200A}]//g') >/dev/null \
    || problem "$name: the text differs from the screen edition's"

  # the bookmarks kept
  [ "$(qpdf --json --json-key=outlines "$screen" | grep -c '"title"')" = \
    "$(qpdf --json --json-key=outlines "$print" | grep -c '"title"')" ] || problem "$name: bookmarks differ"

  # drawn alike inside the trim: where there is ink, at 20 dpi, the print page cropped to
  # its trim (the colours themselves differ: CMYK is rendered by another conversion)
  # (25.4 dpi: the 3 mm bleed is 3 pixels exactly)
  pdftoppm -r 25.4 -gray -f 1 -l 3 "$screen" "$work/s" 2>/dev/null
  pdftoppm -r 25.4 -gray -f 1 -l 3 "$print" "$work/p" 2>/dev/null
  python3 - "$work" <<'PY' || problem "$name: the pages look different inside the trim"
import glob, sys
def pgm(path):
    data = open(path, "rb").read()
    parts = data.split(maxsplit=4)
    w, h = int(parts[1]), int(parts[2])
    return w, h, parts[4][-w * h:]
work = sys.argv[1]
# ink: darker than the light tints (#eef3f7 behind tiles, the pale shapes of illustrations), whose
# grey differs between an sRGB image and its CMYK conversion rendered back
INK = 200
ok = True
for s in sorted(glob.glob(work + "/s-*.pgm")):
    sw, sh, sd = pgm(s)
    pw, ph, pd = pgm(s.replace("/s-", "/p-"))
    b = (pw - sw) // 2  # the bleed, in pixels
    w, h = min(sw, pw - 2 * b), min(sh, ph - 2 * b)
    ink_s = [[sd[y * sw + x] < INK for x in range(w)] for y in range(h)]
    ink_p = [[pd[(y + b) * pw + x + b] < INK for x in range(w)] for y in range(h)]
    def near(mask, x, y, want):  # the same state within a pixel: anti-aliasing aside
        return any(mask[j][i] == want for j in range(max(0, y - 1), min(h, y + 2))
                   for i in range(max(0, x - 1), min(w, x + 2)))
    differ = sum(1 for y in range(h) for x in range(w)
                 if not near(ink_p, x, y, ink_s[y][x]) or not near(ink_s, x, y, ink_p[y][x]))
    count = w * h
    share = differ / max(count, 1)
    if share > 0.02:
        print(f"{s}: {100 * share:.1f}% of the pixels inked in one edition only", file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
PY
  rm -f "$work"/s-*.pgm "$work"/p-*.pgm
done
[ $n -ge 3 ] || problem "only $n print files"
[ $fail -eq 0 ] && echo "ok: $n print files: CMYK only, trim and bleed boxes, fonts embedded, text and pages as on screen"
exit $fail
