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
# --quiet: a valid year checks without a word
if [ -n "$("$gkapub" check --quiet --data "$mini" 2>&1)" ]; then echo "FAIL: check --quiet printed something"; fail=1; fi
exit $fail
