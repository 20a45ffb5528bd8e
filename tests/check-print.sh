#!/usr/bin/env bash
# The print edition as a print shop checks it (tests/preflight.py: PDF/X-4, boxes, marks,
# slug, CMYK only, no transparency, fonts embedded, ink limit), beside the screen edition
# of the same publications of a year: the trim the screen page's size; the text inside the
# trim the screen's but for the words each edition has alone (the navigation on screen,
# addresses spelled out in print); the pages drawn alike inside the trim; the bookmarks kept.
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

  # boxes: the trim is the screen page (the preflight checks bleed, slug and marks); every
  # file bound or folded in quires: a multiple of 4 pages, blank or notes pages added (and
  # more pages than on screen, where chapters run on and cards go on overleaf: at most
  # half as many again)
  python3 - "$screen" "$print" "$name" <<'PY' || problem "$name: the trim is not the screen page, or the pages not bound"
import re, subprocess, sys
def boxes(pdf):
    out = subprocess.run(["pdfinfo", "-box", "-f", "1", "-l", "99999", pdf], capture_output=True, text=True).stdout
    pages = {}
    for m in re.finditer(r"Page\s+(\d+) (\w+):\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", out):
        pages.setdefault(int(m.group(1)), {})[m.group(2)] = [float(x) for x in m.groups()[2:]]
    return pages
s, p = boxes(sys.argv[1]), boxes(sys.argv[2])
ok = len(s) > 0 and len(s) <= len(p) <= len(s) * 3 // 2
if len(p) % 4:
    print(f"{len(p)} pages: not a multiple of 4", file=sys.stderr)
    ok = False
for i in p:
    m = s[min(i, len(s))]["MediaBox"]
    sw, sh = m[2] - m[0], m[3] - m[1]
    t = p[i]["TrimBox"]
    if abs(t[2] - t[0] - sw) > 0.05 or abs(t[3] - t[1] - sh) > 0.05:
        print(f"page {i}: trim {t} for a page of {sw} x {sh}", file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
PY

  # the text inside the trim as the screen's, but for what each edition has alone: the
  # navigation and "Klik op ..." on screen, addresses spelled out in print (in the report
  # 136 of 3870 words: the tab bar's digits most)
  python3 - "$screen" "$print" <<'PY' || problem "$name: the text differs from the screen edition's"
import collections, re, subprocess, sys
def trim_of(pdf):
    out = subprocess.run(["pdfinfo", "-box", "-f", "1", "-l", "1", pdf], capture_output=True, text=True).stdout
    m = re.search(r"TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", out)
    return [float(x) for x in m.groups()] if m else None
def words(pdf, trim):
    args = ["pdftotext", "-raw"]
    if trim:  # pixels at 72 dpi are points; y from the top, which the trim's bottom offset mirrors
        args += ["-r", "72", "-x", str(round(trim[0])), "-y", str(round(trim[1])), "-W", str(round(trim[2] - trim[0])),
                 "-H", str(round(trim[3] - trim[1]))]
    text = subprocess.run(args + [pdf, "-"], capture_output=True, text=True).stdout
    text = re.sub(r"[\u2000-\u200A\u00AD]", "", text)
    return collections.Counter(w.strip("-") for w in text.split() if w.strip("-"))
screen, printed = words(sys.argv[1], None), words(sys.argv[2], trim_of(sys.argv[2]))
only_screen, only_print = screen - printed, printed - screen
total = sum(screen.values())
differ = sum(only_screen.values()) + sum(only_print.values())
if differ > max(10, 0.05 * total):
    print(f"{differ} of {total} words differ; on screen alone: {list(only_screen.items())[:12]}; "
          f"in print alone: {list(only_print.items())[:12]}", file=sys.stderr)
    sys.exit(1)
PY

  # the bookmarks kept
  [ "$(qpdf --json --json-key=outlines "$screen" | grep -c '"title"')" = \
    "$(qpdf --json --json-key=outlines "$print" | grep -c '"title"')" ] || problem "$name: bookmarks differ"

  # drawn alike inside the trim: where there is ink, at 20 dpi, the print page cropped to
  # its trim (the colours themselves differ: CMYK is rendered by another conversion); the
  # right-hand pages (1 and 3), as a left-hand page is mirrored in print (its margins, its
  # folio and tabs on the outside) where the screen edition's pages are read one by one
  # (25.4 dpi: the 12 mm of bleed and slug are 12 pixels exactly); of the bundel its cover
  # alone, as on screen a card goes on overleaf where in print it goes whole to the next
  # page (its first page of cards ends otherwise)
  upto=3
  case $name in interventiebundel-*) upto=1 ;; esac
  pdftoppm -r 25.4 -gray -f 1 -l $upto "$screen" "$work/s" 2>/dev/null
  pdftoppm -r 25.4 -gray -f 1 -l $upto "$print" "$work/p" 2>/dev/null
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
    if int(s.rsplit("-", 1)[1].split(".")[0]) % 2 == 0:
        continue
    sw, sh, sd = pgm(s)
    pw, ph, pd = pgm(s.replace("/s-", "/p-"))
    b = (pw - sw) // 2  # the bleed and slug, in pixels
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

# the bundel's pages that fall free before a right-hand opener show their thema (its
# number, name and counts over its map), facing the opener; pages of notes only where the
# quire asks for them before the back cover (at most three)
bundel=$(ls "$work"/out/print/interventiebundel-*.pdf)
pages=$(pdfinfo "$bundel" | awk '/^Pages:/ {print $2}')
notes=0 thema_pages=0
for ((p = 1; p <= pages; p++)); do
  text=$(pdftotext -f $p -l $p "$bundel" - 2>/dev/null)
  grep -q '^Aantekeningen$' <<<"$text" && notes=$((notes + 1))
  next=$(pdftotext -f $((p + 1)) -l $((p + 1)) "$bundel" - 2>/dev/null)
  if [ $((p % 2)) -eq 0 ] && grep -q '^THEMA [0-9]* VAN' <<<"$next" && ! grep -q '^THEMA [0-9]* VAN' <<<"$text" &&
     grep -qi 'interventies\? in [0-9]* GKA-agenda' <<<"$text"; then
    thema_pages=$((thema_pages + 1))
  fi
done
[ $notes -le 3 ] || problem "$(basename "$bundel"): $notes pages of notes"
[ $thema_pages -gt 0 ] || problem "$(basename "$bundel"): no thema's page facing its opener"

# the print shop's preflight on every print file, the single factsheets too; and on a
# screen file, which it must refuse (RGB, no boxes, no PDF/X)
here=$(dirname "$0")
python3 "$here/preflight.py" "$work"/out/print/*.pdf "$work"/out/print/factsheets/*.pdf > "$work/preflight.txt" \
  || { grep -v "PASS" "$work/preflight.txt" | head -30; problem "the preflight fails"; }
python3 "$here/preflight.py" "$work/out/$(basename "$(ls "$work"/out/print/voortgangsrapportage-*.pdf)")" >/dev/null \
  && problem "the preflight passes a screen PDF"
[ $fail -eq 0 ] && echo "ok: $n print files and $(ls "$work"/out/print/factsheets | wc -l) factsheets pass the preflight (PDF/X-4); trim, text and pages as on screen"
exit $fail
