# cmake/WasmcOptions.cmake — compiler warnings, sanitizer builds, ccache.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_C_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()

option(WASMC_SANITIZE "Build with AddressSanitizer + UndefinedBehaviorSanitizer" OFF)

add_library(wasmc_flags INTERFACE)
target_compile_options(wasmc_flags INTERFACE
  -Wall -Wextra -Werror=switch -Werror=return-type -Wno-unused-parameter
  -ffp-contract=off)  # Wasm forbids fused multiply-add: never let the host compiler contract a*b+c
target_include_directories(wasmc_flags INTERFACE
  ${PROJECT_SOURCE_DIR}/compiler ${PROJECT_SOURCE_DIR})
if(WASMC_SANITIZE)
  target_compile_options(wasmc_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  target_link_options(wasmc_flags INTERFACE -fsanitize=address,undefined)
  target_compile_definitions(wasmc_flags INTERFACE WASMC_SANITIZE=1)
endif()
