#!/usr/bin/env bash
# test/spec/run_all.sh — runs the whole Wasm 2.0 spec suite in one `wasmc wast` process and prints the
# per-file lines and the grand total ("N passed, N failed, N skipped").
#   usage: test/spec/run_all.sh [MODE] [extra wasmc wast options...]     MODE: interp (default), jit, aot
#   env:   WASMC=path/to/wasmc (default build/release/driver/wasmc), WASMC_SHARED_DIR (default ../shared)
# Substitutes the 7 core-wabt-1.0.32-compat/ files as the testsuite README says; exit status is wasmc's.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
MODE=${1:-interp}
shift $(( $# > 0 ? 1 : 0 ))
WASMC=${WASMC:-$ROOT/build/release/driver/wasmc}
SUITE=${WASMC_SHARED_DIR:-$ROOT/../shared}/testsuite
SUITE=$(cd "$SUITE" 2>/dev/null && pwd) || { echo "run_all.sh: error: no testsuite at $SUITE" >&2; exit 1; }
COMPAT=" table_get table_set table_size table_fill table_grow if comments "

if [ ! -x "$WASMC" ]; then
  echo "run_all.sh: error: no wasmc at $WASMC (build it or set WASMC=...)" >&2
  exit 1
fi
files=()
for f in "$SUITE"/core/*.wast "$SUITE"/core/simd/*.wast; do
  name=$(basename "$f" .wast)
  if [[ "$COMPAT" == *" $name "* ]]; then
    f="$SUITE/core-wabt-1.0.32-compat/$name.wast"
  fi
  files+=("$f")
done
exec "$WASMC" wast --mode "$MODE" --known-failures "$HERE/known-failures.txt" "$@" "${files[@]}"
