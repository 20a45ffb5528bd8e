#!/usr/bin/env bash
# Makes the fuzzers' seed corpus and dictionary from the sources, so they follow them:
#   fuzz/corpus/: the files of tests/fixtures/mini and of tests/bad/*/ (plain XML files,
#                 named <case>-<file>; both targets read the same corpus), and a small
#                 stand-in for tests/bad/many-attributes,
#   fuzz/gka.dict: libFuzzer's dictionary: the element and attribute names and the values
#                 of data/schema/gka.rng as XML tokens, and some XML syntax.
# Run it again after changing the fixtures, the bad corpus or the schema; its output is
# committed with it.
set -euo pipefail
cd "$(dirname "$0")/.."

rm -rf fuzz/corpus
mkdir -p fuzz/corpus
for f in tests/fixtures/mini/*.xml; do
  cp "$f" "fuzz/corpus/mini-$(basename "$f")"
done
for f in tests/bad/*/*.xml; do
  case=$(basename "$(dirname "$f")")
  cp "$f" "fuzz/corpus/$case-$(basename "$f")"
done
# empty-file is the empty input, which libFuzzer always tries; drop duplicates of it.
find fuzz/corpus -type f -empty -delete
# The cases made by a setup.sh are too large (huge-file, many-attributes) or are no file
# (no-year-file); a small stand-in for many-attributes: one gemeente with 100 attributes.
attrs=$(for i in $(seq 100); do printf ' a%d="x"' "$i"; done)
sed "0,/<gemeente /s//<gemeente$attrs /" tests/fixtures/mini/gemeenten.xml \
  >fuzz/corpus/many-attributes-gemeenten.xml

schema=data/schema/gka.rng
{
  echo "# gka.dict: made by fuzz/make-corpus.sh from $schema; do not edit."
  grep -o '<element name="[^"]*"' "$schema" | sed 's/.*name="//; s/"$//' | sort -u |
    while read -r n; do printf '"<%s"\n"</%s>"\n' "$n" "$n"; done
  grep -o '<attribute name="[^"]*"' "$schema" | sed 's/.*name="//; s/"$//' | sort -u |
    while read -r n; do printf '" %s=\\""\n' "$n"; done
  grep -o '<value>[^<]*</value>' "$schema" | sed 's/<value>//; s/<\/value>//' | sort -u |
    while read -r v; do printf '"\\"%s\\""\n' "$v"; done
  cat <<'DICT'
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
"encoding=\"ISO-8859-1\""
"xmlns:xi=\"http://www.w3.org/2001/XInclude\""
"<xi:include href=\""
"\"/>"
"/>"
"<!DOCTYPE"
"<!ENTITY"
"<![CDATA["
"]]>"
"<!--"
"-->"
"<?"
"?>"
"&amp;"
"&lt;"
"&#"
"&#x"
"xml:lang=\""
"xmlns=\""
"\xef\xbb\xbf"
"\xc3\xa9"
"../"
"./"
"https://"
"@"
DICT
} | perl -pe 's/([\x80-\xff])/sprintf("\\x%02x", ord($1))/ge' > fuzz/gka.dict  # libFuzzer: ASCII only
echo "fuzz/corpus: $(ls fuzz/corpus | wc -l) files; fuzz/gka.dict: $(grep -c '^"' fuzz/gka.dict) entries"
