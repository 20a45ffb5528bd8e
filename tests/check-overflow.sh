#!/usr/bin/env bash
# Content that cannot fit as it is: a 300-letter word in a card's title and a card far
# longer than a page. gkapub must finish (exit 0), name the record in a warning
# (path:line), break the word between letters rather than clip it, and continue the
# long card on the next page with a continuation mark.
set -u
gkapub=$1 root=$2
. "$root/tests/mini-year.sh"
word=$(printf 'kansengelijkheid%.0s' $(seq 19) | cut -c1-300)
long=$(for i in $(seq 60); do printf '<p>Alinea %d van een lange beschrijving: leerlingen, ouders en leraren werken in de wijk samen aan taal, rekenen en een goede overstap naar het voortgezet onderwijs.</p>' "$i"; done)
python3 - "$work/year/interventies.xml" "$word" "$long" <<'PY'
import sys
path, word, long = sys.argv[1:4]
s = open(path, encoding="utf-8").read()
s = s.replace("<titel>Meertalige peuterochtend</titel>", "<titel>" + word + "</titel>")
s = s.replace("<beschrijving><p>Een ouderkamer in de brede school.</p></beschrijving>", "<beschrijving>" + long + "</beschrijving>")
open(path, "w", encoding="utf-8").write(s)
PY
run_gkapub bundel
[ $status -eq 0 ] || problem "exit status $status"
grep -Eq "interventies\.xml:11: warning: \"kansengelijkheid.*\" is too long for a line" "$work/stderr" \
  || problem "no warning naming interventies.xml:11"
pdf="$work/out/interventiebundel-2022.pdf"
text=$(pdftotext "$pdf" - 2>/dev/null | sed 's/\xC2\xAD//g' | tr -d '\n ')
grep -q "$word" <<<"$text" || problem "the long word is not all there"
[ "$(pdftotext "$pdf" - | grep -c 'Ouderkamer Diezerpoort (vervolg)')" -ge 1 ] || problem "no continuation mark"
qpdf --check "$pdf" >/dev/null 2>&1 || problem "qpdf --check fails"
if [ $fail -ne 0 ]; then echo "--- stderr:"; cat "$work/stderr"; exit 1; fi
echo "ok: warning, the word whole, the card continued"
