#!/usr/bin/env bash
# scripts/test.sh — second command of the README: build and run every test.
#   1. Release build; CTest runs unit tests, the spec suite (interpreter), the WASI suite and C programs.
#   2. ASan+UBSan build of the unit tests, run under the sanitizers.
# Prints CTest's summary lines; exits non-zero if anything failed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bash scripts/deps.sh || exit 1
JOBS=$(nproc)

status=0
cmake --preset release >/dev/null || exit 1
cmake --build --preset release -j"$JOBS" || exit 1
echo "=== ctest (release): unit, spec, wasi, programs ==="
ctest --preset release -j"$JOBS" --timeout 600 || status=1

echo "=== ctest (asan): unit tests under AddressSanitizer + UndefinedBehaviorSanitizer ==="
cmake --preset asan >/dev/null || exit 1
cmake --build --preset asan -j"$JOBS" --target wasmc_all_unit_tests || exit 1
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build/asan -j"$JOBS" -L unit --timeout 600 || status=1
exit $status
