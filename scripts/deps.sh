#!/usr/bin/env bash
# scripts/deps.sh — installs the Debian 12 packages wasmc needs, only those that are missing.
# Sourced or run by setup.sh and test.sh; idempotent; needs root (or sudo) only when something is missing.
set -euo pipefail

PKGS=(cmake ninja-build g++ ccache python3 python3-psutil
      llvm-14-dev llvm-14-tools clang-14 lld-14 liblld-14-dev libgtest-dev googletest
      wabt binaryen wasi-libc libclang-rt-14-dev-wasm32 libclang-rt-14-dev
      gcc-aarch64-linux-gnu g++-aarch64-linux-gnu qemu-user time)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "wasmc: installing missing packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
