#!/usr/bin/env bash
# Next year's edition as the programme team makes it (README): a copy of the newest year,
# XML edits and one command. The copy gets a new year and peildatum, a gemeente with its
# own agenda, one section less and two sections in the other order; the report must show
# each change: the new count on the cover, the section gone, the order swapped.
set -u
gkapub=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }

cp -r "$root/data/2022" "$work/2023"
mkdir -p "$work/schema" && cp "$root/data/schema/gka.rng" "$work/schema/"
python3 - "$work/2023" <<'PY'
import re, sys
d = sys.argv[1]
def edit(name, f):
    p = f"{d}/{name}"
    s = open(p, encoding="utf-8").read()
    t = f(s)
    assert t != s, name
    open(p, "w", encoding="utf-8").write(t)
edit("jaar.xml", lambda s: s.replace('jaar="2022" peildatum="2022-10-01"', 'jaar="2023" peildatum="2023-10-01"'))
edit("gemeenten.xml", lambda s: s.replace("</gemeenten>",
    '  <gemeente id="texel" naam="Texel" cbscode="GM0448" provincie="Noord-Holland" inwoners="13643" '
    'stedelijkheid="5" lat="53.055" lon="4.797"/>\n</gemeenten>'))
edit("agendas.xml", lambda s: s.replace("</agendas>",
    '  <agenda id="texel" toegetreden="2023" url="https://www.gelijke-kansen.nl/gemeenten/texel">\n'
    '    <lid gemeente="texel"/>\n    <wethouder naam="Bart Eelman"/>\n'
    '    <regiocoordinator naam="Youssef Benali"/>\n'
    '    <opgave><p>Een eiland met kleine scholen.</p></opgave>\n  </agenda>\n</agendas>'))
# one section less, two swapped: werkwijze now comes before wat-is-de-gka
def sections(s):
    s = re.sub(r'\n  <sectie id="school-en-omgeving".*?\n  </sectie>', "", s, flags=re.S)
    wat = re.search(r'\n  <sectie id="wat-is-de-gka".*?\n  </sectie>', s, flags=re.S).group(0)
    werk = re.search(r'\n  <sectie id="werkwijze".*?\n  </sectie>', s, flags=re.S).group(0)
    s = s.replace(wat, "\x00").replace(werk, wat).replace("\x00", werk)
    return s
edit("rapport.xml", sections)
PY

"$gkapub" check --quiet --data "$work/2023" || problem "the edited copy does not check: exit $?"
"$gkapub" build --quiet --data "$work/2023" --layouts "$root/layouts" --out "$work/out" || problem "gkapub build exited $?"
pdf="$work/out/voortgangsrapportage-2023.pdf"
[ -f "$pdf" ] || { echo "FAIL: no $pdf"; exit 1; }
[ -f "$work/out/factsheets/texel.pdf" ] || problem "no factsheet for the new gemeente"
text=$(pdftotext "$pdf" - | sed 's/\xC2\xAD//g' | tr '\n' ' ' | tr -s ' ')
grep -q "102 gemeenten" <<<"$text" || problem "the cover does not count 102 gemeenten"
grep -q "School en Omgeving" <<<"$text" && problem "the removed section is still there"
werk=${text%%Werkwijze GKA*} wat=${text%%Wat is de GKA?*}
[ ${#werk} -lt ${#wat} ] || problem "Werkwijze does not come before Wat is de GKA?"
grep -q "peildatum 1 oktober 2023" <<<"$text" || problem "the cover does not show the new peildatum"
[ $fail -eq 0 ] && echo "ok: next year's edition from a copy with a gemeente added, a section removed, two swapped"
exit $fail
