#!/usr/bin/env bash
# Runs `gkapub check` on one case of the bad-input corpus and checks what a user sees:
# exit status 2, every expected `path:line: error:` message, no crash, no hang.
# A case folder holds the files that replace those of tests/fixtures/mini, an optional
# setup.sh run in the copy, and `expect`: one extended regex per line, each of which must
# match a line of stderr.
set -u
gkapub=$1 case_dir=$(realpath "$2") mini=$(realpath "$3")
name=$(basename "$case_dir")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
year="$work/$name"
mkdir -p "$year"
cp "$mini"/*.xml "$year"/
for f in "$case_dir"/*; do
  case $(basename "$f") in expect|setup.sh) ;; *) cp "$f" "$year"/ ;; esac
done
if [ -f "$case_dir/setup.sh" ]; then
  (cd "$year" && sh "$case_dir/setup.sh") || { echo "FAIL $name: setup.sh failed"; exit 1; }
fi
start=$(date +%s%N)
timeout 20 "$gkapub" check --data "$year" --schema "$(dirname "$mini")/../../data/schema/gka.rng" \
  >"$work/stdout" 2>"$work/stderr"
status=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
fail=0
if [ "$status" -ne 2 ]; then
  echo "FAIL $name: exit status $status, expected 2"; fail=1
fi
while IFS= read -r pattern; do
  [ -n "$pattern" ] || continue
  if ! grep -Eq -- "$pattern" "$work/stderr"; then
    echo "FAIL $name: no line of stderr matches: $pattern"; fail=1
  fi
done <"$case_dir/expect"
if grep -q "$year" "$work/stderr"; then :; else
  echo "FAIL $name: no message names a file of the case"; fail=1
fi
if [ $fail -ne 0 ]; then
  echo "--- stderr of $name:"; cat "$work/stderr"
  exit 1
fi
echo "ok $name (exit 2 in ${ms} ms)"
