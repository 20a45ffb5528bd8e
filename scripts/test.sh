#!/usr/bin/env bash
# Builds gkapub with AddressSanitizer and UndefinedBehaviorSanitizer into build-test/
# and runs every test (ctest). Exit status 0 only when all pass.
set -euo pipefail
cd "$(dirname "$0")/.."
GKA_SANITIZE=ON scripts/build.sh build-test
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd build-test
ctest --output-on-failure -j"$(nproc)"
