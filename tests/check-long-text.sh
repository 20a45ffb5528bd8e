#!/usr/bin/env bash
# A paragraph longer than Pango can lay out in one piece: 48,000 numbered words (540 KB)
# in a card's beschrijving, most of them in one font, about 2,490,000 pt on one line: past
# the 2,097,152 pt that Pango's widths (ints of 1/1024 pt) hold. gkapub used to print a few
# garbled words of it, exit 0 and say nothing. It must set every word once, in order, with
# no warning, and break it into lines as one layout would: every full line the same number
# of words (the words are alike), so no short line where one window of the paragraph ends
# and the next begins. A long list item (hanging indent) likewise.
set -u
gkapub=$1 root=$2
. "$root/tests/mini-year.sh"
python3 - <<'PY' | set_beschrijving
# a word in italics near each end, so that spans start and end in other windows than
# the paragraph; between them one stretch in one font, which Pango measures whole
words = ["woord%05d" % i for i in range(1, 48001)]
words[9] = "<em>%s</em>" % words[9]
words[47990] = "<em>%s</em>" % words[47990]
para = " ".join(words) + " Slotwoordlang"
item = " ".join("lijst%05d" % i for i in range(1, 6001)) + " Slotwoordlijst"
print("<p>" + para + "</p><ul><li>" + item + "</li></ul>")
PY
run_gkapub bundel
[ $status -eq 0 ] || problem "exit status $status"
grep -Eq "warning|error|outside" "$work/stderr" && problem "diagnostics about the long text"
pdf="$work/out/interventiebundel-2022.pdf"
# -raw: in the order the page draws its text, which wide justified spaces do not confuse
pdftotext -raw "$pdf" "$work/text" 2>/dev/null || problem "pdftotext cannot read the PDF"
python3 - "$work/text" <<'PY' || fail=1
import collections, re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
# a word broken at a line end keeps its soft hyphen there: join it again
text = "\n".join(lines).replace("\u00ad\n", "").replace("\u00ad", "")
ok = True
for name, n, last in (("woord", 48000, "Slotwoordlang"), ("lijst", 6000, "Slotwoordlijst")):
    got = [int(x) for x in re.findall(name + r"(\d{5})", text)]
    if got != list(range(1, n + 1)):
        missing = sorted(set(range(1, n + 1)) - set(got))
        print("FAIL: %s: %d words of %d, first missing %s, in order: %s"
              % (name, len(got), n, missing[:3], got == sorted(got)))
        ok = False
    if text.count(last) != 1:
        print("FAIL: the last word %s is there %d times" % (last, text.count(last)))
        ok = False
    # lines of nothing but these words: all as long as each other
    counts = collections.Counter(len(l.split()) for l in lines
                                 if l.split() and all(re.fullmatch(name + r"\d{5}", w) for w in l.split()))
    if len(counts) != 1:
        print("FAIL: %s: lines of different lengths (words: lines) %s" % (name, dict(counts)))
        ok = False
sys.exit(0 if ok else 1)
PY
qpdf --check "$pdf" >/dev/null 2>&1 || problem "qpdf --check fails"
if [ $fail -ne 0 ]; then echo "--- stderr:"; head -c 2000 "$work/stderr"; echo; exit 1; fi
echo "ok: 48,000 words and a 6,000-word list item, every word once, in order, in even lines"
