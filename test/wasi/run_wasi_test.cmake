# test/wasi/run_wasi_test.cmake — one WASI conformance test: compile SRC for wasm32-wasi, recreate
# OUT/scratch, run `wasmc RUN_CMD --dir OUT/scratch::/sandbox` and require exit status STATUS, no
# "FAIL " line (RUN_CMD `build`: `wasmc build` with those options, then the executable), and an untouched OUT/outside (a witness directory next to the preopen that hostile
# paths aim at: its file must keep its content and nothing may appear beside it).
# Inputs: WASMC RUN_CMD CLANG SYSROOT SRC OUT STATUS RUN_ARGS RUN_ENV (lists separated by '|'),
# STDIN (file for the program's stdin, or empty), STDERR_REGEX (optional).
cmake_minimum_required(VERSION 3.25)
get_filename_component(name "${SRC}" NAME_WE)
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}/scratch" "${OUT}/outside")
set(secret "secret content, must stay unchanged\n")
file(WRITE "${OUT}/outside/secret.txt" "${secret}")
set(wasm "${OUT}/${name}.wasm")
execute_process(
  COMMAND "${CLANG}" --target=wasm32-wasi "--sysroot=${SYSROOT}" -O1 -Wall -Wl,-z,stack-size=1048576
          -o "${wasm}" "${SRC}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compiling ${SRC} for wasm32-wasi failed (${rc}):\n${out}${err}")
endif()
string(REPLACE "|" ";" args "${RUN_ARGS}")
string(REPLACE "|" ";" run_cmd "${RUN_CMD}")
set(envflags)
if(NOT RUN_ENV STREQUAL "")
  string(REPLACE "|" ";" envs "${RUN_ENV}")
  foreach(e IN LISTS envs)
    list(APPEND envflags --env "${e}")
  endforeach()
endif()
set(input)
if(NOT "${STDIN}" STREQUAL "")
  set(input INPUT_FILE "${STDIN}")
endif()
set(extra_files)
list(GET run_cmd 0 first)
if(first STREQUAL "build")
  # Build mode: compile to a native executable with the same preopen/environment, then run it.
  set(exe "${OUT}/${name}.exe")
  execute_process(
    COMMAND "${WASMC}" ${run_cmd} ${envflags} --dir "${OUT}/scratch::/sandbox" "${wasm}" -o "${exe}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "wasmc build failed (${rc}):\n${out}${err}")
  endif()
  set(extra_files ${name}.exe)
  execute_process(COMMAND "${exe}" ${args} ${input} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
else()
execute_process(
  COMMAND "${WASMC}" ${run_cmd} ${envflags} --dir "${OUT}/scratch::/sandbox" "${wasm}" ${args}
  ${input} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
endif()
message("${out}")
if(NOT err STREQUAL "")
  message("stderr:\n${err}")
endif()
if(NOT rc STREQUAL "${STATUS}")
  message(FATAL_ERROR "wasmc ${run_cmd} exited with ${rc}, expected ${STATUS}")
endif()
if(out MATCHES "FAIL ")
  message(FATAL_ERROR "failed checks in the output")
endif()
if(DEFINED STDERR_REGEX AND NOT STDERR_REGEX STREQUAL "" AND NOT err MATCHES "${STDERR_REGEX}")
  message(FATAL_ERROR "stderr does not match '${STDERR_REGEX}'")
endif()
file(READ "${OUT}/outside/secret.txt" now)
file(GLOB around LIST_DIRECTORIES true RELATIVE "${OUT}" "${OUT}/*" "${OUT}/outside/*")
list(SORT around)
set(want outside outside/secret.txt scratch ${name}.wasm ${extra_files})
list(SORT want)
if(NOT now STREQUAL secret OR NOT around STREQUAL want)
  message(FATAL_ERROR "the program changed files outside its preopen: ${around}")
endif()
