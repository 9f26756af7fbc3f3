#!/usr/bin/env bash
# scripts/setup.sh — first command of the README: install what is missing, build Release, and run the
# bundled example: test/programs/hello.c compiled to wasm32-wasi, then `wasmc build` to a native executable,
# which is run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export CCACHE_BASEDIR="$ROOT"   # relative paths in ccache keys: clones in other folders share the cache
bash scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"

OUT=build/release/example
mkdir -p "$OUT"
clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -o "$OUT/hello.wasm" test/programs/hello.c
set -x
build/release/driver/wasmc build "$OUT/hello.wasm" -o "$OUT/hello"
"$OUT/hello" from a native executable
