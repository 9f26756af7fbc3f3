# test/wasi/run_wasi_test.cmake — one WASI conformance test: compile SRC for wasm32-wasi, recreate
# OUT/scratch, run `wasmc run --dir OUT/scratch::/sandbox` and require exit status STATUS.
# Inputs: WASMC CLANG SYSROOT SRC OUT STATUS RUN_ARGS RUN_ENV (lists separated by '|').
cmake_minimum_required(VERSION 3.25)
get_filename_component(name "${SRC}" NAME_WE)
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}/scratch")
set(wasm "${OUT}/${name}.wasm")
execute_process(
  COMMAND "${CLANG}" --target=wasm32-wasi "--sysroot=${SYSROOT}" -O1 -Wall -Wl,-z,stack-size=1048576
          -o "${wasm}" "${SRC}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compiling ${SRC} for wasm32-wasi failed (${rc}):\n${out}${err}")
endif()
string(REPLACE "|" ";" args "${RUN_ARGS}")
set(envflags)
if(NOT RUN_ENV STREQUAL "")
  string(REPLACE "|" ";" envs "${RUN_ENV}")
  foreach(e IN LISTS envs)
    list(APPEND envflags --env "${e}")
  endforeach()
endif()
execute_process(
  COMMAND "${WASMC}" run ${envflags} --dir "${OUT}/scratch::/sandbox" "${wasm}" ${args}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}")
if(NOT err STREQUAL "")
  message("stderr:\n${err}")
endif()
if(NOT rc STREQUAL "${STATUS}")
  message(FATAL_ERROR "wasmc run exited with ${rc}, expected ${STATUS}")
endif()
if(out MATCHES "FAIL ")
  message(FATAL_ERROR "failed checks in the output")
endif()
