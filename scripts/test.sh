#!/usr/bin/env bash
# scripts/test.sh — second command of the README: build and run every test.
#   1. Release build; CTest runs unit tests, the spec suite (interpreter), the WASI suite and C programs;
#      lit runs the codegen regression tests.
#   2. ASan+UBSan build of the unit tests, run under the sanitizers.
#   3. The aarch64 cross build, its tests run under qemu-aarch64 (scripts/test_aarch64.sh, docs/aarch64.md).
# Prints CTest's summary lines; exits non-zero if anything failed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export CCACHE_BASEDIR="$ROOT"   # relative paths in ccache keys: clones in other folders share the cache
bash scripts/deps.sh || exit 1
JOBS=$(nproc)

status=0
cmake --preset release >/dev/null || exit 1
cmake --build --preset release -j"$JOBS" || exit 1
echo "=== ctest (release): unit, spec, wasi, programs, cli ==="
ctest --preset release -j"$JOBS" --timeout 600 -LE lit || status=1

echo "=== spec suite totals, interpreter (assertions; text-format modules are skipped) ==="
bash test/spec/run_all.sh interp | tail -n 1 || status=1

if [ -f build/release/test/codegen/lit.site.cfg.py ]; then
  echo "=== lit: codegen regression tests (FileCheck over llvm-objdump) ==="
  /usr/bin/python3 /usr/lib/llvm-14/build/utils/lit/lit.py -sv build/release/test/codegen || status=1
fi

echo "=== ctest (asan): unit tests under AddressSanitizer + UndefinedBehaviorSanitizer ==="
cmake --preset asan >/dev/null || exit 1
cmake --build --preset asan -j"$JOBS" --target wasmc_all_unit_tests || exit 1
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build/asan -j"$JOBS" -L unit --timeout 600 || status=1

bash scripts/test_aarch64.sh || status=1
exit $status
