#!/usr/bin/env bash
# Benchmark: how long `gkapub check` takes to accept or refuse hostile or oversized
# years, each file under the 32 MiB limit, against the goal of 2 s for any input. Each
# case is the mini fixture with one file made large in one shape; prints the best of 3
# wall times, the peak memory and the exit status.
# Usage: bench/load-hostile.sh   (builds build/ without sanitizers first)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh build >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. bench/common.sh
python3 - "$work" tests/fixtures/mini <<'PY'
import os, shutil, sys
work, mini = sys.argv[1], sys.argv[2]
iv = open(os.path.join(mini, "interventies.xml"), encoding="utf-8").read()
gm = open(os.path.join(mini, "gemeenten.xml"), encoding="utf-8").read()
one = iv[iv.index('  <interventie id="taal-001"'):iv.index('  <interventie id="taal-002"')]
gem = ('  <gemeente id="g%d" naam="G%d" cbscode="GM%04d" provincie="Overijssel" inwoners="1000" '
       'stedelijkheid="2" lat="52.5" lon="6.1"/>\n')
attrs64 = " ".join('a%d=""' % i for i in range(64))
cases = {
    "100,000 attributes on one element": ("gemeenten.xml", gm.replace("<gemeente ", "<gemeente " + " ".join('a%d="x"' % i for i in range(100000)) + " ", 1)),
    "74,000 elements of 64 attributes (32 MB)": ("gemeenten.xml", gm.replace("<gemeenten>\n", "<gemeenten>\n" + ("<x " + attrs64 + "/>\n") * 74000, 1)),
    "5,000,000 unknown elements": ("gemeenten.xml", gm.replace("<gemeenten>\n", "<gemeenten>\n" + "<x/>" * 5000000, 1)),
    "200,000 gemeenten (28 MB)": ("gemeenten.xml", gm.replace("<gemeenten>\n", "<gemeenten>\n" + "".join(gem % (i, i, i) for i in range(200000)), 1)),
    "60,000 interventies (33 MB)": ("interventies.xml", iv.replace("<interventies>\n", "<interventies>\n" + "".join(one.replace("taal-001", "x-%d" % i) for i in range(60000)), 1)),
    "8,900 interventies (just under the limit)": ("interventies.xml", iv.replace("<interventies>\n", "<interventies>\n" + "".join(one.replace("taal-001", "x-%d" % i) for i in range(8900)), 1)),
    "245,000 paragraphs in one description": ("interventies.xml", iv.replace("<p>Ouders doen mee.</p>", "<p>x</p>" * 245000, 1)),
    "one paragraph of 30 MB": ("interventies.xml", iv.replace("Ouders doen mee.", "woord " * 5000000, 1)),
}
for k, (name, text) in enumerate(cases.items()):
    d = os.path.join(work, "case%d" % k)
    shutil.copytree(mini, d)
    open(os.path.join(d, text[0]), "w", encoding="utf-8").write(text[1])
    open(os.path.join(d, "NAME"), "w").write(name)
PY
printf '%-45s %8s %8s %6s\n' case seconds "peak MB" exit
for d in "$work"/case*; do
  status=0
  build/gkapub check --quiet --data "$d" --schema data/schema/gka.rng >/dev/null 2>&1 || status=$?
  # through bash, so that a refusal (exit 2) is a measurement, not a failure of the script
  best_of 3 bash -c 'build/gkapub check --quiet --data "$0" --schema data/schema/gka.rng >/dev/null 2>&1; exit 0' "$d"
  printf '%-45s %8s %8s %6s\n' "$(cat "$d/NAME")" "$BEST" "$PEAK_MB" "$status"
done
