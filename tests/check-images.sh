#!/usr/bin/env bash
# Images in both editions: the images fixture (tests/fixtures/images: a PNG, a JPEG and an
# SVG in the mini year's report) made as screen and print PDFs. On screen the JPEG is
# embedded as the file's own bytes, the PNG as pixels and the SVG as vectors (no image of
# its own; drawn in its place); in print all three are CMYK images. On screen each is a
# Figure with its alt text; both files pass qpdf --check.
# Usage: check-images.sh GKAPUB
set -u
gkapub=$1
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/tests/mini-year.sh"
cp -r "$root"/tests/fixtures/images/* "$work/year/"
fixture=$root/tests/fixtures/images/afbeeldingen

run_gkapub rapport
[ "$status" -eq 0 ] || { problem "screen edition: exit $status"; cat "$work/stderr"; }
screen=$work/out/voortgangsrapportage-2022.pdf
run_gkapub rapport --edition print
[ "$status" -eq 0 ] || { problem "print edition: exit $status"; cat "$work/stderr"; }
print=$work/out/print/voortgangsrapportage-2022.pdf

for pdf in "$screen" "$print"; do
  qpdf --check "$pdf" >/dev/null 2>&1 || problem "qpdf --check fails on $(basename "$(dirname "$pdf")")/$(basename "$pdf")"
done

# screen: one JPEG (DCT) of 400 x 225 and one 300 x 200 image from the PNG, nothing else
list=$(pdfimages -list "$screen" | tail -n +3)
[ "$(awk '$9 == "jpeg" && $4 == 400 && $5 == 225' <<<"$list" | wc -l)" -eq 1 ] || problem "screen: not one JPEG of 400 x 225: $list"
[ "$(awk '$9 == "image" && $4 == 300 && $5 == 200' <<<"$list" | wc -l)" -eq 1 ] || problem "screen: not one PNG image of 300 x 200: $list"
[ "$(wc -l <<<"$list")" -eq 2 ] || problem "screen: $(wc -l <<<"$list") images, expected 2 (the SVG is vectors): $list"
mkdir "$work/jpeg"
pdfimages -j "$screen" "$work/jpeg/x"
cmp -s "$work"/jpeg/x-*.jpg "$fixture/schoolplein.jpg" || problem "screen: the JPEG is not the file's own bytes"

# the SVG's orange (#e4572e) in the left column of page 2, where it stands (the PNG, which
# has that orange too, stands in the right one)
pdftoppm -r 40 -f 2 -l 2 -x 30 -y 50 -W 150 -H 90 "$screen" "$work/page"
python3 - "$work"/page-*.ppm <<'PY' || problem "screen: the SVG is not drawn in its place"
import sys
data = open(sys.argv[1], "rb").read()
parts = data.split(b"\n", 3)
px = parts[3]
orange = sum(1 for i in range(0, len(px) - 2, 3)
             if abs(px[i] - 0xe4) < 20 and abs(px[i + 1] - 0x57) < 20 and abs(px[i + 2] - 0x2e) < 20)
sys.exit(0 if orange > 30 else 1)
PY

# print: three CMYK images and no other colour space
list=$(pdfimages -list "$print" | tail -n +3)
[ "$(awk '$6 == "cmyk"' <<<"$list" | wc -l)" -eq 3 ] || problem "print: not three CMYK images: $list"
[ "$(wc -l <<<"$list")" -eq 3 ] || problem "print: images other than the three: $list"

# every image a Figure with its alt text (the print edition is not tagged)
json=$(qpdf --json "$screen")
for alt in "Het woordmerk van de Gelijke Kansen Alliantie" "Ouders, kinderen en een school hand in hand" \
           "Kinderen spelen op een schoolplein"; do
  grep -q "\"/Alt\": \"u:$alt\"" <<<"$json" || problem "screen: no Figure with the alt text \"$alt\""
done
pdftotext "$screen" - | grep -q "Samen aan de slag" || problem "screen: the caption is missing"

[ $fail -eq 0 ] && echo "ok: PNG, JPEG (its own bytes) and SVG (vectors) on screen, all three in CMYK in print"
exit $fail
