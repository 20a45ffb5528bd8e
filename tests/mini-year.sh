# tests/mini-year.sh: what the scripts that change a copy of the mini fixture share
# (sourced, with $gkapub and $root set): $work, a scratch folder removed on exit, with
# year/ a copy of tests/fixtures/mini; problem, which records a failure in $fail; and
# run_gkapub COMMAND [OPTION...], which makes the year into $work/out, its messages in
# $work/stdout and $work/stderr and its exit status in $status.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/year"
cp "$root"/tests/fixtures/mini/*.xml "$work/year/"
fail=0
problem() { echo "FAIL: $*"; fail=1; }
run_gkapub() {
  "$gkapub" "$1" --data "$work/year" --schema "$root/data/schema/gka.rng" --layouts "$root/layouts" \
    --out "$work/out" "${@:2}" >"$work/stdout" 2>"$work/stderr"
  status=$?
}
# set_beschrijving: the one-paragraph beschrijving of the mini's third interventie made
# the XML on standard input.
set_beschrijving() {
  cat >"$work/beschrijving.xml"
  python3 - "$work/year/interventies.xml" "$work/beschrijving.xml" <<'PY'
import sys
path, new = sys.argv[1:3]
s = open(path, encoding="utf-8").read()
old = "<beschrijving><p>Een ouderkamer in de brede school.</p></beschrijving>"
assert s.count(old) == 1
s = s.replace(old, "<beschrijving>" + open(new, encoding="utf-8").read() + "</beschrijving>")
open(path, "w", encoding="utf-8").write(s)
PY
}
