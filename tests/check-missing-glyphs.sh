#!/usr/bin/env bash
# Characters that the shipped fonts lack (Arabic, Hebrew, an emoji) in a gemeente's name
# and an interventie's title: gkapub warns once per character, naming the record and
# quoting the text, draws a box in its place, and keeps the character in the text layer;
# a right-to-left run does not upset the print edition.
set -u
gkapub=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/data/2022" "$work/year"
python3 - "$work/year" <<'PY'
import sys
year = sys.argv[1]
def edit(name, old, new):
    path = year + "/" + name
    s = open(path, encoding="utf-8").read()
    assert old in s, (name, old)
    open(path, "w", encoding="utf-8").write(s.replace(old, new, 1))
edit("gemeenten.xml", 'naam="Urk"', 'naam="Urk \u0645\u0631\u062d\u0628\u0627 \U0001F600"')
edit("interventies/armoede-en-gezondheid.xml", "<titel>Armoede signaleren op school Urk</titel>",
     "<titel>Armoede signaleren \u05e9\u05dc\u05d5\u05dd op school Urk</titel>")
PY
args=(--data "$work/year" --schema "$root/data/schema/gka.rng" --layouts "$root/layouts" --gemeente urk)
fail=0
problem() { echo "FAIL: $*"; fail=1; }
"$gkapub" factsheets "${args[@]}" --out "$work/out" 2>"$work/err"
status=$?
[ $status -eq 0 ] || problem "screen edition: exit status $status"
grep -Eq 'interventies/armoede-en-gezondheid\.xml:[0-9]+: warning: the character U\+05E9 ".*" \(in ".*signaleren' "$work/err" \
  || problem "no warning naming the interventie's file and line"
[ "$(grep -c 'U+1F600' "$work/err")" -eq 1 ] || problem "the emoji is not warned of exactly once"
text=$(pdftotext "$work/out/factsheets/urk.pdf" -)
grep -q $'\u05e9' <<<"$text" || problem "the Hebrew letter is not in the text layer"
"$gkapub" factsheets "${args[@]}" --out "$work/out" --edition print 2>"$work/err-print"
status=$?
[ $status -eq 0 ] || problem "print edition: exit status $status"
qpdf --check "$work/out/print/factsheets/urk.pdf" >/dev/null 2>&1 || problem "the print factsheet fails qpdf --check"
if [ $fail -ne 0 ]; then echo "--- stderr:"; cat "$work/err" "$work/err-print"; exit 1; fi
echo "ok: each missing character warned of once, drawn as a box, kept in the text"
