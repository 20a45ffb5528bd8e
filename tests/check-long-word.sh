#!/usr/bin/env bash
# A word longer than any line, and longer than the word-by-word line breaker takes
# (20,000 letters, as a pasted hash or a run of characters might be): it is broken between
# letters with one warning naming the record, every letter kept in order, and the words
# around it set as usual.
set -u
gkapub=$1 root=$2
. "$root/tests/mini-year.sh"
python3 - <<'PY' | set_beschrijving
print("<p>Voorwoord " + "".join("abcdefghij"[i % 10] for i in range(20000)) + " Nawoord.</p>")
PY
run_gkapub bundel
[ $status -eq 0 ] || problem "exit status $status"
[ "$(grep -c 'too long for a line' "$work/stderr")" -eq 1 ] || problem "not one warning of the long word"
grep -q 'interventies.xml:[0-9]*: warning' "$work/stderr" || problem "the warning does not name the record"
pdf="$work/out/interventiebundel-2022.pdf"
pdftotext -raw "$pdf" "$work/text" 2>/dev/null || problem "pdftotext cannot read the PDF"
python3 - "$work/text" <<'PY' || fail=1
import re, sys
text = open(sys.argv[1], encoding="utf-8").read().replace("\u00ad", "")
word = "".join("abcdefghij"[i % 10] for i in range(20000))
# the word's lines, in order, between its neighbours (running heads and continuation
# marks come between them where it goes over to the next page)
start, end = text.find("Voorwoord"), text.find("Nawoord.")
pieces = re.findall(r"^\s*(?:Voorwoord\s+)?([a-j]+)(?:\s+Nawoord\.)?\s*$", text[start:end + 8], re.M)
ok = True
if start < 0 or end < start or "".join(pieces) != word:
    print("FAIL: the long word is not there whole and in order between its neighbours (%d letters found)"
          % len("".join(pieces)))
    ok = False
sys.exit(0 if ok else 1)
PY
qpdf --check "$pdf" >/dev/null 2>&1 || problem "qpdf --check fails"
if [ $fail -ne 0 ]; then echo "--- stderr:"; head -c 2000 "$work/stderr"; echo; exit 1; fi
echo "ok: a 20,000-letter word broken between letters, whole and in order, one warning"
