#!/usr/bin/env bash
# Installs what is missing, then configures and builds gkapub into build/ (or $1).
# GKA_SANITIZE=ON builds with AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
dir=${1:-build}
cmake -S . -B "$dir" -DGKA_SANITIZE="${GKA_SANITIZE:-OFF}" >/dev/null
cmake --build "$dir" -j"$(nproc)"
