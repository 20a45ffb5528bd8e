#!/usr/bin/env bash
# The factsheets of agenda's with many interventies (the small year with every
# interventie 14 times: 42 for Zwolle, 14 for the Frisian alliance, none for Urk) pass
# the same checks as those of the shipped years; text that does not fit flows onto a
# second page.
set -u
gkapub=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/scale.py" "$root/tests/fixtures/mini" "$work/year" 14 || exit 1
"$root/tests/check-factsheets.sh" "$gkapub" "$work/year" "$root/layouts" "$root/data/schema/gka.rng" || exit 1
"$gkapub" factsheets --quiet --data "$work/year" --schema "$root/data/schema/gka.rng" --layouts "$root/layouts" \
  --gemeente zwolle --out "$work/out" || exit 1
pages=$(pdfinfo "$work/out/factsheets/zwolle.pdf" | awk '/^Pages/ {print $2}')
[ "$pages" -ge 2 ] || { echo "FAIL: 42 interventies on $pages page(s)"; exit 1; }
text=$(pdftotext "$work/out/factsheets/zwolle.pdf" - | sed 's/\xC2\xAD//g')
for i in 2 14; do
  grep -q "Voorleesexpress Holtenbroek ($i)" <<<"$text" || { echo "FAIL: interventie copy $i missing"; exit 1; }
done
echo "ok: 42 interventies on $pages pages"
