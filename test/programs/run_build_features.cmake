# test/programs/run_build_features.cmake — `wasmc build` options the per-mode suites do not exercise:
# --static (no program interpreter, same output), --env / --inherit-env filtering (a variable set at run
# time is invisible unless built with --inherit-env; a built-in --env value wins), no preopen unless
# given, and --invoke (arguments from the executable's command line).
# Inputs: WASMC CLANG SYSROOT SRCDIR OUT.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
function(wasm src out)
  execute_process(COMMAND "${CLANG}" --target=wasm32-wasi "--sysroot=${SYSROOT}" -O1 ${ARGN} -o "${out}" "${src}"
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "compiling ${src} failed:\n${err}")
  endif()
endfunction()
function(check_run want_rc want_out)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc STREQUAL "${want_rc}" OR NOT out STREQUAL "${want_out}")
    message(FATAL_ERROR "${ARGN}: status ${rc} (want ${want_rc}), stdout:\n${out}\nwant:\n${want_out}\nstderr:\n${err}")
  endif()
endfunction()
function(build)
  execute_process(COMMAND "${WASMC}" build ${ARGN} RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "wasmc build ${ARGN} failed (${rc}):\n${err}")
  endif()
endfunction()

# --static
wasm("${SRCDIR}/hello.c" "${OUT}/hello.wasm")
build(--static "${OUT}/hello.wasm" -o "${OUT}/hello_static")
file(READ "${SRCDIR}/hello.expected" hello_expected)
check_run(0 "${hello_expected}" "${OUT}/hello_static" world "from wasmc")
execute_process(COMMAND /usr/lib/llvm-14/bin/llvm-readelf -l "${OUT}/hello_static" OUTPUT_VARIABLE ph RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR ph MATCHES "INTERP" OR NOT ph MATCHES "LOAD")
  message(FATAL_ERROR "--static: the executable has a program interpreter (or readelf failed):\n${ph}")
endif()

# Environment filtering and preopens.
file(WRITE "${OUT}/env.c" [=[
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  const char* h = getenv("B4_HOST");
  const char* f = getenv("B4_FOO");
  FILE* x = fopen("/etc/passwd", "r");
  printf("host=%s foo=%s open=%s\n", h ? h : "(unset)", f ? f : "(unset)", x ? "yes" : "no");
  return 0;
}
]=])
wasm("${OUT}/env.c" "${OUT}/env.wasm")
build(--env B4_FOO=built "${OUT}/env.wasm" -o "${OUT}/env_filtered")
build(--inherit-env --env B4_FOO=built "${OUT}/env.wasm" -o "${OUT}/env_inherit")
build(--dir /etc "${OUT}/env.wasm" -o "${OUT}/env_etc")
check_run(0 "host=(unset) foo=built open=no\n" ${CMAKE_COMMAND} -E env B4_HOST=h B4_FOO=run "${OUT}/env_filtered")
check_run(0 "host=h foo=built open=no\n" ${CMAKE_COMMAND} -E env B4_HOST=h B4_FOO=run "${OUT}/env_inherit")
check_run(0 "host=(unset) foo=(unset) open=yes\n" "${OUT}/env_etc")

# --invoke: a reactor's export with arguments from the command line; a trap exits 134.
wasm("${SRCDIR}/reactor.c" "${OUT}/reactor.wasm" -mexec-model=reactor)
build(--invoke add "${OUT}/reactor.wasm" -o "${OUT}/add")
check_run(0 "42\n" "${OUT}/add" 40 2)
build(--invoke boom "${OUT}/reactor.wasm" -o "${OUT}/boom")
execute_process(COMMAND "${OUT}/boom" 1 RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 134 OR NOT err MATCHES "^wasmc: error: [^\n]*reactor\\.wasm: trap: unreachable\n  at [A-Za-z_]")
  message(FATAL_ERROR "trap: status ${rc} (want 134), stderr:\n${err}")
endif()
message("ok")
