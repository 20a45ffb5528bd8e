#!/usr/bin/env bash
# A hostile URL in the data must stay a URL. `)` and `(` are allowed in a URL (RFC 3986),
# so "https://evil.example/a)/S/Launch/F(calc.exe)/Q(" passes the loader; written unescaped
# into a link it would close the URI string and add a /Launch action. It is put in an
# interventie's <url>, an agenda's url and an <a href> of the report; then every PDF of the
# year must hold no /Launch, /JavaScript, /JS, /SubmitForm or /ImportData name, and its
# link must carry the URL exactly as written.
set -u
gkapub=$1 root=$2
. "$root/tests/mini-year.sh"
evil='https://evil.example/a)/S/Launch/F(calc.exe)/Q('
python3 - "$work/year" "$evil" <<'PY'
import sys
year, evil = sys.argv[1:3]
def edit(name, old, new):
    path = year + "/" + name
    s = open(path, encoding="utf-8").read()
    assert old in s, (name, old)
    open(path, "w", encoding="utf-8").write(s.replace(old, new, 1))
edit("interventies.xml", "<url>https://www.ooz.example/voorleesexpress</url>", "<url>" + evil + "</url>")
edit("agendas.xml", 'url="https://www.gelijke-kansen.nl/gemeenten/zwolle"', 'url="' + evil + '"')
edit("rapport.xml", '<a href="#voorwoord">', '<a href="' + evil + '">')
PY
run_gkapub build --jobs 2
[ $status -eq 0 ] || problem "exit status $status"
pdfs=$(find "$work/out" -name '*.pdf' | sort)
[ "$(wc -w <<<"$pdfs")" -ge 5 ] || problem "expected the bundel, the report and the factsheets, found: $pdfs"
for pdf in $pdfs; do
  name=${pdf#"$work/out/"}
  qpdf --check "$pdf" >/dev/null 2>&1 || problem "$name: qpdf --check fails"
  # qpdf's JSON writes a name as "/Name" and a string as "u:...", so the URL's own text
  # cannot match here, only a name that PDF syntax gave the file
  json=$(qpdf --json=2 --json-key=qpdf --json-stream-data=none "$pdf")
  bad=$(grep -oE '"/(Launch|JavaScript|JS|SubmitForm|ImportData|ResetForm|OpenAction|AA)"' <<<"$json" | sort -u)
  [ -z "$bad" ] || problem "$name holds $bad"
  case $name in
    factsheets/zwolle.pdf|factsheets-2022.pdf|interventiebundel-2022.pdf|voortgangsrapportage-2022.pdf)
      grep -qF "\"u:$evil\"" <<<"$json" || problem "$name: no link carries the URL as written" ;;
  esac
done
# the QR code on the factsheet says the URL as written
if command -v zbarimg >/dev/null; then
  pdftoppm -r 150 -png "$work/out/factsheets/zwolle.pdf" "$work/zwolle" # the code is on the back
  qr=$(zbarimg -q --raw "$work"/zwolle*.png 2>/dev/null)
  [ "$qr" = "$evil" ] || problem "the QR code says \"$qr\""
fi
if [ $fail -ne 0 ]; then echo "--- stderr:"; cat "$work/stderr"; exit 1; fi
echo "ok: $(wc -w <<<"$pdfs") PDFs, the URL a URL in each"
