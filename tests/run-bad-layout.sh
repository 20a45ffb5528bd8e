#!/usr/bin/env bash
# Runs `gkapub bundel` (or the command in the case's file `command`) with one case of the
# bad-layout corpus: the files and folders in the case folder replace those of layouts/ in
# a copy. Checks exit status 2, the expected
# `path:line` messages (the regexes in `expect`) and that no PDF was written.
set -u
gkapub=$1 case_dir=$(realpath "$2") root=$(realpath "$3")
name=$(basename "$case_dir")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/layouts" "$work/layouts"
ln -s "$root/fonts" "$work/fonts"
for f in "$case_dir"/*; do
  case "$(basename "$f")" in expect|command) ;; *) cp -r "$f" "$work/layouts/" ;; esac
done
# the command that needs what the case breaks: the bundel, unless the case says another
command=bundel
[ -f "$case_dir/command" ] && command=$(cat "$case_dir/command")
timeout 60 "$gkapub" "$command" --data "$root/tests/fixtures/mini" --layouts "$work/layouts" --out "$work/out" \
  >"$work/stdout" 2>"$work/stderr"
status=$?
fail=0
[ "$status" -eq 2 ] || { echo "FAIL $name: exit status $status, expected 2"; fail=1; }
while IFS= read -r pattern; do
  [ -n "$pattern" ] || continue
  grep -Eq -- "$pattern" "$work/stderr" || { echo "FAIL $name: no line of stderr matches: $pattern"; fail=1; }
done <"$case_dir/expect"
if ls "$work"/out/*.pdf "$work"/out/*.tmp >/dev/null 2>&1; then
  echo "FAIL $name: a file was written: $(ls "$work/out")"; fail=1
fi
if [ $fail -ne 0 ]; then echo "--- stderr:"; cat "$work/stderr"; exit 1; fi
echo "ok $name"
