#!/usr/bin/env bash
# A full disk and a folder that cannot be written. On a full disk gkapub must exit 1
# naming the file and the reason, leave the publication that was at the final name as it
# was, and leave no temporary file; a folder it cannot write in is bad usage (exit 2,
# naming the folder and the reason), found before any work is done.
# The small disk is a tmpfs: mounted directly when root, else in a user namespace.
set -u
gkapub=$1 root=$2
if [ "${GKA_IN_NAMESPACE:-}" != 1 ] && [ "$(id -u)" -ne 0 ]; then
  if unshare -rm true 2>/dev/null; then
    GKA_IN_NAMESPACE=1 exec unshare -rm "$0" "$@"
  fi
  echo "SKIP: no way to mount a small tmpfs here (not root, no user namespaces)"; exit 77
fi
work=$(mktemp -d)
full=$work/full
mkdir "$full" "$work/ro"
cleanup() { umount "$full" 2>/dev/null; umount "$work/ro" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mount -t tmpfs -o ro tmpfs "$work/ro" || { echo "SKIP: cannot mount a read-only tmpfs"; exit 77; }
data=$root/data/2022
args=(--data "$data" --schema "$root/data/schema/gka.rng" --layouts "$root/layouts")
fail=0
problem() { echo "FAIL: $*"; fail=1; }

# Disks of several sizes: gkapub either succeeds with a whole PDF, or fails with exit 1
# and leaves the earlier publication as it was; never exit 0 with a damaged file.
failed_once=0
for size in 256k 450k 1700k; do
  umount "$full" 2>/dev/null
  mount -t tmpfs -o size=$size tmpfs "$full" || { echo "SKIP: cannot mount a tmpfs"; exit 77; }
  echo "the edition of last week" >"$full/interventiebundel-2022.pdf"
  "$gkapub" bundel "${args[@]}" --out "$full" >"$work/out" 2>"$work/err"
  status=$?
  if [ $status -eq 0 ]; then
    qpdf --check "$full/interventiebundel-2022.pdf" >/dev/null 2>&1 || problem "$size: exit 0 with a damaged bundel"
  elif [ $status -eq 1 ]; then
    failed_once=1
    grep -q "interventiebundel-2022.pdf: error: .*No space left on device" "$work/err" \
      || problem "$size: no message naming the file and the reason"
    grep -q "pages" "$work/err" && problem "$size: a failed bundel still reports its pages"
    [ "$(cat "$full/interventiebundel-2022.pdf")" = "the edition of last week" ] \
      || problem "$size: the earlier bundel was overwritten"
  else
    problem "$size: exit status $status"
  fi
  left=$(find "$full" -name '*.gkapub-tmp')
  [ -z "$left" ] || problem "$size: temporary files left: $left"
done
[ $failed_once -eq 1 ] || problem "no disk was too small for the bundel: the test tests nothing"

# the whole year on a disk that fills up while the publications are written (side by
# side: which one finds the disk full first varies): each earlier file is either left as
# it was or replaced by a whole new one, and at least one is left
umount "$full"
mount -t tmpfs -o size=1200k tmpfs "$full" || { echo "SKIP: cannot mount a tmpfs"; exit 77; }
mkdir "$full/factsheets"
earlier="interventiebundel-2022.pdf voortgangsrapportage-2022.pdf factsheets-2022.pdf factsheets/almere.pdf
         factsheets/zwolle.pdf"
for f in $earlier; do echo "last week's $f" >"$full/$f"; done
"$gkapub" build "${args[@]}" --out "$full" --jobs 2 >"$work/out" 2>>"$work/err"
status=$?
[ $status -eq 1 ] || problem "build on a full disk: exit status $status, expected 1"
kept=0
for f in $earlier; do
  if [ "$(cat "$full/$f")" = "last week's $f" ]; then
    kept=$((kept + 1))
  elif ! qpdf --check "$full/$f" >/dev/null 2>&1; then
    problem "$f: neither last week's file nor a whole new PDF"
  fi
done
[ $kept -ge 1 ] || problem "every earlier file was replaced: the disk was not full, the test tests nothing"
for pdf in $(find "$full" -name '*.pdf'); do
  case $(head -c 5 "$pdf") in
    %PDF-) qpdf --check "$pdf" >/dev/null 2>&1 || problem "a damaged PDF at its final name: $pdf" ;;
  esac
done
left=$(find "$full" -name '*.gkapub-tmp')
[ -z "$left" ] || problem "temporary files left: $left"

# a folder that cannot be written: exit 2 before any work, naming the folder
"$gkapub" bundel "${args[@]}" --out "$work/ro/out" >"$work/out" 2>"$work/err2"
status=$?
[ $status -eq 2 ] || problem "unwritable --out: exit status $status, expected 2"
grep -q "$work/ro/out: error: .*Read-only file system" "$work/err2" \
  || problem "unwritable --out: no message naming the folder and the reason"
"$gkapub" bundel "${args[@]}" --out "$work/ro" >"$work/out" 2>"$work/err3"
status=$?
[ $status -eq 2 ] || problem "read-only --out: exit status $status, expected 2"
grep -q "$work/ro: error: .*Read-only file system" "$work/err3" \
  || problem "read-only --out: no message naming the folder and the reason"
if [ $fail -ne 0 ]; then echo "--- stderr:"; cat "$work/err" "$work/err2" "$work/err3"; exit 1; fi
echo "ok: a full disk gives exit 1 and leaves the earlier files; an unwritable folder exit 2"
