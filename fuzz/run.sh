#!/usr/bin/env bash
# Builds the libFuzzer targets of the data loader with clang into build-fuzz/ (GKA_FUZZ=ON)
# and runs them for SECONDS (default 600), one process per target side by side:
#   fuzz/run.sh [SECONDS] [TARGET...]     TARGET: fuzz_loader, fuzz_xmlio (default: both)
# Each runs in libFuzzer's fork mode, so that it keeps going after a crash, leak or
# timeout and saves each one's input. Seeds: fuzz/corpus/ (see fuzz/make-corpus.sh);
# what a target finds that adds coverage: build-fuzz/corpus/TARGET/; crashes, leaks and
# timeouts: build-fuzz/artifacts/TARGET/; the log: build-fuzz/logs/TARGET.log.
# To look at one input: GKA_FUZZ_VERBOSE=1 build-fuzz/fuzz/TARGET FILE
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_loader fuzz_xmlio)

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! command -v clang >/dev/null; then
  $sudo apt-get install -y clang   # clang with its libFuzzer and sanitizer runtimes
fi
scripts/install-deps.sh

CC=clang cmake -S . -B build-fuzz -DGKA_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"

export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p build-fuzz/logs
pids=()
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/artifacts/$t"
  # -max_len 65536: room for the seeds (the largest is 45 KB), while an element with many
  # thousands of attributes (quadratic in libxml2) stays small enough to finish.
  "build-fuzz/fuzz/$t" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -dict=fuzz/gka.dict -print_final_stats=1 \
    -artifact_prefix="build-fuzz/artifacts/$t/" \
    "build-fuzz/corpus/$t" fuzz/corpus >"build-fuzz/logs/$t.log" 2>&1 &
  pids+=($!)
  echo "$t: running for ${seconds}s, log build-fuzz/logs/$t.log"
done
status=0
for i in "${!targets[@]}"; do
  wait "${pids[$i]}" || status=1
done

for t in "${targets[@]}"; do
  echo "== $t: $(grep -E '^#[0-9]+: cov' "build-fuzz/logs/$t.log" | tail -1)"
  found=$(find "build-fuzz/artifacts/$t" -type f | sort)
  if [ -n "$found" ]; then
    echo "$found" | sed 's/^/  found: /'
    status=1
  fi
done
exit $status
