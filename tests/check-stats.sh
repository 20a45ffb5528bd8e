#!/usr/bin/env bash
# Runs `gkapub stats` on a year and checks that every figure in the expected file
# (lines "section|label|value", taken from the published reports) is printed there.
set -u
gkapub=$1 data=$2 expected=$3
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! "$gkapub" stats --data "$data" >"$out"; then
  echo "FAIL: gkapub stats --data $data exited $?"; exit 1
fi
fail=0 n=0
while IFS='|' read -r section label value; do
  case $section in ''|'#'*) continue ;; esac
  n=$((n + 1))
  got=$(awk -v section="$section" -v label="$label" '
    /^[^ ]/ { in_section = index($0, section) == 1; next }
    in_section && /^  / {
      line = substr($0, 3)
      if (match(line, /[ ]+[0-9]+$/)) {
        name = substr(line, 1, RSTART - 1); number = substr(line, RSTART) + 0
        if (name == label) { print number; exit }
      }
    }' "$out")
  if [ "$got" != "$value" ]; then
    echo "FAIL: $section / $label: expected $value, printed ${got:-nothing}"; fail=1
  fi
done <"$expected"
if [ $fail -ne 0 ]; then echo "--- gkapub stats printed:"; cat "$out"; exit 1; fi
echo "ok: $n figures of $(basename "$expected") printed by gkapub stats"
