#!/bin/sh
# bench/peers-vs-pdflatex.sh: gkapub bundel against pdflatex (both runs) on the same synthetic interventiebundel,
# interleaved (A B A B), so that the per-pair ratio gkapub/pdflatex holds while a shared
# machine's speed drifts. Also: peak memory, page counts and words per PDF.
#
#   bench/peers-vs-pdflatex.sh [--scales "1 10"] [--pairs "1:5 10:3"] [--warmup "1:1 10:0"]
#
# The peer benchmark's harness is $PEERS_DIR (default: ../shared/peers beside this
# checkout), copied to a scratch folder first, since it may be read-only.
#
#   --scales "..."   scales to run (264 x N interventies; default "1 10")
#   --pairs  "S:N"   counted A/B pairs per scale (default 1:5 10:4; 3 for a scale not named)
#   --warmup "S:W"   uncounted warm-up pairs per scale (default 1:1 10:0; 0 if not named)
#
# Each pair is ONE call of measure.py -n 1 --warmup 0 --vs 'sh peer.sh pdflatex DIR'
#   -- sh peer.sh gkapub DIR (gkapub first, then pdflatex), so measure.py's own raw rows
# are kept per pair ($PEERS_OUT/sN/vs-pdflatex-pairK.txt) and the per-pair ratios can be
# listed; the summary (medians over the counted pairs) is $PEERS_OUT/sN/vs-pdflatex.md.
# Inputs are made by run.sh --inputs-only (not timed). gkapub is $GKAPUB (default
# $GKAPUB_SRC/build/gkapub; GKAPUB_SRC defaults to this checkout) with $GKAPUB_SRC's layouts
# and schema, as peer.sh does.
# Needs: texlive-latex-base texlive-latex-recommended texlive-fonts-recommended
# texlive-lang-european fonts-urw-base35 poppler-utils qpdf (see README.md).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
peers=${PEERS_DIR:-$repo/../shared/peers}
here=$(mktemp -d)
trap 'rm -rf "$here"' EXIT
cp -r "$peers"/. "$here"/
chmod -R u+w "$here"
scales="1 10" pairs="1:5 10:4" warmups="1:1 10:0"
while [ $# -gt 0 ]; do
  case $1 in
    --scales) scales=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    --warmup) warmups=$2; shift 2 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "peers-vs-pdflatex.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
GKAPUB_SRC=${GKAPUB_SRC:-$repo}
export GKAPUB_SRC
GKAPUB=${GKAPUB:-$GKAPUB_SRC/build/gkapub}
export GKAPUB
out=${PEERS_OUT:-/tmp/peers-out}
export PEERS_OUT=$out

lookup() {  # lookup "S:N S:N" S DEFAULT
  v=$3
  for kv in $1; do [ "${kv%%:*}" = "$2" ] && v=${kv#*:}; done
  echo "$v"
}

for s in $scales; do
  dir=$out/s$s
  n=$(lookup "$pairs" "$s" 3)
  w=$(lookup "$warmups" "$s" 0)
  sh "$here/run.sh" --scale "$s" --inputs-only
  rm -f "$dir"/vs-pdflatex-*.txt
  sha0=$(sha256sum "$GKAPUB" | cut -c1-16)
  i=1
  while [ "$i" -le $((w + n)) ]; do
    if [ "$i" -le "$w" ]; then tag=warmup$i; else tag=pair$((i - w)); fi
    echo "peers-vs-pdflatex.sh: scale $s $tag ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    python3 "$here/measure.py" -n 1 --warmup 0 --timeout 900 \
      --vs "sh $here/peer.sh pdflatex $dir" -- sh "$here/peer.sh" gkapub "$dir" \
      >"$dir/vs-pdflatex-$tag.txt" 2>&1 || echo "measure.py failed or timed out, see $dir/vs-pdflatex-$tag.txt" >&2
    echo "load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$dir/vs-pdflatex-$tag.txt"
    i=$((i + 1))
  done
  sha1=$(sha256sum "$GKAPUB" | cut -c1-16)
  # the PDFs of the last pair; a peer that failed left none (peer.sh removes it first)
  gp=$(pdfinfo "$dir/gkapub.pdf" 2>/dev/null | awk '/^Pages:/{print $2}') || true
  lp=$(pdfinfo "$dir/pdflatex.pdf" 2>/dev/null | awk '/^Pages:/{print $2}') || true
  if [ -n "$gp" ] && [ -n "$lp" ]; then
    python3 "$here/wordcount.py" --diff "$dir/pdflatex.pdf" "$dir/gkapub.pdf" >"$dir/vs-pdflatex-words.txt"
  else
    echo "no word count: gkapub.pdf or pdflatex.pdf missing (see gkapub.log, pdflatex.log)" >"$dir/vs-pdflatex-words.txt"
  fi
  python3 - "$dir" "$s" "$gp" "$lp" "$sha0" "$sha1" "$GKAPUB" <<'EOF' | tee "$dir/vs-pdflatex.md"
import glob, json, os, re, statistics, sys
d, s, gp, lp, sha0, sha1, gk = sys.argv[1:]
def parse(path):
    r = {}
    for line in open(path):
        f = line.split()
        if len(f) >= 5 and f[0] in ("A", "B") and f[1] in ("wall", "cpu", "peak") and f[2] in ("s", "MiB"):
            r[f[0] + f[1]] = float(f[4])           # -n 1: min = median = max
        if f[:2] in (["A", "exit"], ["B", "exit"]):
            r[f[0] + "exit"] = f[2]
        if f and f[0] == "load":
            r["load"] = " ".join(f[1:])
    return r
n_int = len(json.load(open(os.path.join(d, "data.json")))["interventions"])
rows = []
for tag in ("warmup", "pair"):
    for p in sorted(glob.glob(os.path.join(d, "vs-pdflatex-%s*.txt" % tag)),
                    key=lambda x: int(re.search(r"(\d+)\.txt$", x).group(1))):
        r = parse(p)
        if "Awall" in r and "Bwall" in r:
            rows.append((os.path.basename(p)[12:-4], r))
        else:
            print("%s: no complete pair (timed out or failed)" % p)
print("scale %s (%d interventies); gkapub = A (first), pdflatex 2 runs = B; %d cores; "
      "gkapub %s sha256 %s%s" % (s, n_int, os.cpu_count(), gk, sha0,
                                 "" if sha0 == sha1 else " CHANGED DURING THE RUN to " + sha1))
print()
print("| pair | gkapub s | pdflatex s | gkapub/pdflatex wall | cpu ratio | gkapub MiB | pdflatex MiB | exit A/B | load after |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for tag, r in rows:
    print("| %s | %.2f | %.2f | %.3f | %.3f | %.0f | %.0f | %s/%s | %s |" % (
        tag, r["Awall"], r["Bwall"], r["Awall"] / r["Bwall"], r["Acpu"] / r["Bcpu"],
        r["Apeak"], r["Bpeak"], r.get("Aexit"), r.get("Bexit"), r.get("load", "")))
ok = lambda r: r.get("Aexit") == "0" and r.get("Bexit") == "0"
c = [r for tag, r in rows if tag.startswith("pair") and ok(r)]
bad = [tag for tag, r in rows if not ok(r)]
if bad:
    print("| **FAILED (non-zero exit, left out of the medians): %s** | | | | | | | | |" % " ".join(bad))
if c:
    med = lambda k: statistics.median(x[k] for x in c)
    print("| **median of %d pairs** | %.2f | %.2f | **%.3f** | %.3f | %.0f | %.0f | | |" % (
        len(c), med("Awall"), med("Bwall"),
        statistics.median(x["Awall"] / x["Bwall"] for x in c),
        statistics.median(x["Acpu"] / x["Bcpu"] for x in c), med("Apeak"), med("Bpeak")))
print()
print("pages: gkapub %s, pdflatex %s" % (gp or "no PDF", lp or "no PDF"))
for line in open(os.path.join(d, "vs-pdflatex-words.txt")).read().splitlines()[:2]:
    print("words: " + line)
b = [r for tag, r in rows if tag.startswith("pair") and r.get("Bexit") == "0"]
if len(b) > len(c):   # pdflatex alone, when gkapub failed
    print("pdflatex alone over %d pairs: wall median %.2f s, peak %.0f MiB" % (
        len(b), statistics.median(x["Bwall"] for x in b), statistics.median(x["Bpeak"] for x in b)))
EOF
done
