# test/programs/run_build_install.cmake — the installed layout: `cmake --install BUILD_DIR --prefix
# OUT/prefix` gives bin/wasmc, lib/wasmc/libwasmc_rt_exe.a, lib/wasmc/libwasmc_llvm.so and include/wasmc/;
# the installed wasmc loads the installed LLVM back end and links against the installed library (both
# checked in its -v link line) and the result runs hello.c.
# Inputs: BUILD_DIR CLANG SYSROOT SRCDIR OUT.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
set(prefix "${OUT}/prefix")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}${err}")
endif()
foreach(f bin/wasmc lib/wasmc/libwasmc_rt_exe.a lib/wasmc/libwasmc_llvm.so include/wasmc/runtime/core/runtime.h
          include/wasmc/runtime/exe/build_options.h include/wasmc/wasm/types.h)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
execute_process(COMMAND "${CLANG}" --target=wasm32-wasi "--sysroot=${SYSROOT}" -O1 -o "${OUT}/hello.wasm"
                "${SRCDIR}/hello.c" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compiling hello.c failed:\n${err}")
endif()
execute_process(COMMAND "${prefix}/bin/wasmc" build -v "${OUT}/hello.wasm" -o "${OUT}/hello"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "installed wasmc build failed (${rc}):\n${err}")
endif()
if(NOT err MATCHES "${prefix}/bin/\\.\\./lib/wasmc/libwasmc_rt_exe\\.a|${prefix}/lib/wasmc/libwasmc_rt_exe\\.a")
  message(FATAL_ERROR "the installed wasmc did not link the installed runtime library:\n${err}")
endif()
if(NOT err MATCHES "${prefix}/bin/\\.\\./lib/wasmc/libwasmc_llvm\\.so\\]|${prefix}/lib/wasmc/libwasmc_llvm\\.so\\]")
  message(FATAL_ERROR "the installed wasmc did not load the installed LLVM back end:\n${err}")
endif()
execute_process(COMMAND "${OUT}/hello" world "from wasmc" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
file(READ "${SRCDIR}/hello.expected" want)
if(NOT rc EQUAL 0 OR NOT out STREQUAL want)
  message(FATAL_ERROR "installed build: status ${rc}, output:\n${out}")
endif()
message("ok: ${prefix}")
