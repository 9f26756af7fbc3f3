# cmake/WasmcTools.cmake — external tools found at configure time (all Debian 12 packages).
find_program(WAST2JSON wast2json)
find_program(WAT2WASM wat2wasm)
find_program(WASM_OPT wasm-opt)  # binaryen: fuzz module generation and its reference interpreter
find_program(CLANG_WASM clang-14)
find_program(WASMC_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
set(WASMC_LIT /usr/lib/llvm-14/build/utils/lit/lit.py)
set(WASMC_LLVM_BIN /usr/lib/llvm-14/bin)
set(WASMC_WASI_SYSROOT /usr CACHE PATH "wasi-libc sysroot (Debian: /usr, headers in include/wasm32-wasi)")
set(WASMC_SHARED_DIR ${PROJECT_SOURCE_DIR}/../shared CACHE PATH "read-only shared data (spec testsuite, benchmarks)")
if(WAST2JSON)
  add_compile_definitions(WASMC_WAST2JSON="${WAST2JSON}")
endif()
