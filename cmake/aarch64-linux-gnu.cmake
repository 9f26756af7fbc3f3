# cmake/aarch64-linux-gnu.cmake — cross build for ARM64 Linux with Debian's cross toolchain
# (g++-aarch64-linux-gnu; sysroot /usr/aarch64-linux-gnu). Target binaries run under qemu-aarch64 (no
# binfmt on CI machines): CTest prepends CMAKE_CROSSCOMPILING_EMULATOR. Build-machine tools (wast2json,
# clang-14 for wasm32-wasi, python3, gcc for the C programs' native oracle) are found on the host.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(WASMC_AARCH64_TRIPLE aarch64-linux-gnu)
set(CMAKE_C_COMPILER ${WASMC_AARCH64_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${WASMC_AARCH64_TRIPLE}-g++)
set(WASMC_AARCH64_SYSROOT /usr/${WASMC_AARCH64_TRIPLE})

# Libraries, headers and CMake packages only from the target's sysroot; programs from the host.
set(CMAKE_FIND_ROOT_PATH ${WASMC_AARCH64_SYSROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(CMAKE_CROSSCOMPILING_EMULATOR "qemu-aarch64;-L;${WASMC_AARCH64_SYSROOT}")
