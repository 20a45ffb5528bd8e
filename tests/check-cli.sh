#!/usr/bin/env bash
# The command line as a user meets it: help, version, usage errors (exit 2),
# the print edition's demand for CMYK (exit 2 naming the thema's line), stats on stdout.
set -u
gkapub=$1 root=$2
mini="$root/tests/fixtures/mini"
fail=0
expect() { # expect STATUS PATTERN -- ARGS...
  local status=$1 pattern=$2; shift 3
  local out rc
  out=$("$gkapub" "$@" 2>&1); rc=$?
  if [ "$rc" -ne "$status" ]; then echo "FAIL: gkapub $*: exit $rc, expected $status"; echo "$out"; fail=1; return; fi
  if ! grep -Eq -- "$pattern" <<<"$out"; then echo "FAIL: gkapub $*: output does not match $pattern"; echo "$out"; fail=1; return; fi
  echo "ok: gkapub $* -> $rc"
}
expect 0 '^usage: gkapub' -- --help
expect 0 '^usage: gkapub' -- -h
expect 0 '^gkapub [0-9]+\.[0-9]+\.[0-9]+$' -- --version
expect 2 'unknown command "frobnicate"' -- frobnicate
expect 2 'unknown or incomplete option "--colour"' -- --colour
expect 2 '--jobs takes a number' -- check --jobs 0 --data "$mini"
expect 2 '--edition takes screen or print' -- check --edition cmyk --data "$mini"
expect 2 'cannot open the data folder' -- check --data "$root/tests/fixtures/nowhere"
expect 0 'is valid: 5 gemeenten in 3 agenda' -- check --data "$mini"
expect 0 'interventies +4$' -- stats --data "$mini"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
expect 0 'voortgangsrapportage-2022.pdf: [0-9]+ pages' -- rapport --data "$mini" --layouts "$root/layouts" --out "$out"
expect 2 'themas.xml:7: error: thema "ouderbetrokkenheid" has no cmyk value, which the print edition needs' -- bundel --edition print --data "$mini" --layouts "$root/layouts" --out "$out"
expect 0 '3 factsheets' -- factsheets --data "$mini" --layouts "$root/layouts" --out "$out"
expect 0 '3 factsheets' -- factsheets --data "$mini" --layouts "$root/layouts" --out "$out" --gemeente zwolle --gemeente urk --gemeente dantumadiel
expect 0 'interventiebundel-2022.pdf: [0-9]+ pages' -- bundel --data "$mini" --layouts "$root/layouts" --out "$out"
expect 2 'layouts/schema/layout.rng: error: cannot open' -- bundel --data "$mini" --layouts "$out/layouts" --out "$out"
expect 0 ': 1 factsheet \(a selection' -- factsheets --data "$mini" --layouts "$root/layouts" --out "$out" --gemeente urk
# check reports what a build would: a year without rapport.xml has no report to make
norapport=$out/norapport
mkdir -p "$norapport"
cp "$mini"/*.xml "$norapport"/
rm "$norapport/rapport.xml"
sed -i '/rapport.xml/d' "$norapport/jaar.xml"
expect 2 'jaar.xml: error: the year has no rapport.xml' -- check --data "$norapport" --schema "$root/data/schema/gka.rng"
expect 2 'nothing was written' -- build --data "$norapport" --schema "$root/data/schema/gka.rng" --out "$out/nr"
[ -e "$out/nr" ] && { echo "FAIL: a build that cannot make the report wrote $(ls "$out/nr")"; fail=1; }
# from another folder, without --layouts: the layouts of the source tree
(cd "$out" && "$gkapub" rapport --data "$mini" --out "$out/elsewhere" --quiet) \
  || { echo "FAIL: gkapub run from another folder did not find its layouts"; fail=1; }
# --preview png: a PNG per page and a contact sheet with every page, as spreads
preview=$(mktemp -d)
"$gkapub" bundel --data "$mini" --out "$preview" --preview png --quiet || { echo "FAIL: --preview png exited $?"; fail=1; }
pages=$(pdfinfo "$preview/interventiebundel-2022.pdf" | awk '/^Pages:/ { print $2 }')
pngs=$(ls "$preview" | grep -c '^interventiebundel-2022-[0-9]*\.png$')
[ "$pngs" = "$pages" ] || { echo "FAIL: $pngs page previews for $pages pages"; fail=1; }
python3 - "$preview/interventiebundel-2022-overzicht.png" "$preview/interventiebundel-2022-1.png" "$pages" <<'PY' \
  || { echo "FAIL: the contact sheet does not hold every page as spreads"; fail=1; }
import struct, sys
def size(path):
    head = open(path, "rb").read(24)
    return struct.unpack(">II", head[16:24]) if head[:8] == b"\x89PNG\r\n\x1a\n" else (0, 0)
(sw, sh), (pw, ph), pages = size(sys.argv[1]), size(sys.argv[2]), int(sys.argv[3])
thumb_w = round(pw * 200 / ph)                           # a page 200 pixels high
per_row = (2400 - 48 + 24) // (2 * thumb_w + 24)         # spreads a row
rows = -(-(pages // 2 + 1) // per_row)
sys.exit(0 if (sw, sh) == (48 + per_row * 2 * thumb_w + (per_row - 1) * 24, 48 + rows * 200 + (rows - 1) * 24) else 1)
PY
rm -rf "$preview"
# --quiet: a valid year checks without a word
if [ -n "$("$gkapub" check --quiet --data "$mini" 2>&1)" ]; then echo "FAIL: check --quiet printed something"; fail=1; fi
exit $fail
