# test/programs/run_program.cmake — one program test: compile SRC for wasm32-wasi (and natively with
# gcc when NATIVE), check the native run against EXPECTED (so the checked-in file stays honest),
# then run `wasmc RUN_CMD` (e.g. `run --interp`; `build`: build FILE.exe, then execute it) and require the same stdout and exit status STATUS.
# Inputs: WASMC RUN_CMD CLANG SYSROOT CC SRC OUT EXPECTED STATUS NATIVE DIR RUN_ARGS RUN_ENV STDIN
# STDERR_REGEX DATA (RUN_CMD / RUN_ARGS / RUN_ENV / DATA separated by '|'; the argument @DIR@ becomes
# the program's scratch directory, into which the DATA files are copied first; STDIN, when set, is a
# file that `cmake -E cat` pipes into both runs' standard input — a real pipe, not a redirection).
cmake_minimum_required(VERSION 3.25)
get_filename_component(name "${SRC}" NAME_WE)
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}/scratch_wasm" "${OUT}/scratch_native")
set(wasm "${OUT}/${name}.wasm")
execute_process(
  COMMAND "${CLANG}" --target=wasm32-wasi "--sysroot=${SYSROOT}" -O1 -Wall -Wl,-z,stack-size=8388608
          -o "${wasm}" "${SRC}" -lm
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compiling ${SRC} for wasm32-wasi failed (${rc}):\n${out}${err}")
endif()

set(args)
if(NOT RUN_ARGS STREQUAL "")
  string(REPLACE "|" ";" args "${RUN_ARGS}")
endif()
set(envs)
if(NOT RUN_ENV STREQUAL "")
  string(REPLACE "|" ";" envs "${RUN_ENV}")
endif()
file(READ "${EXPECTED}" expected)
set(feed)
if(NOT "${STDIN}" STREQUAL "")
  set(feed COMMAND "${CMAKE_COMMAND}" -E cat "${STDIN}")
endif()
if(NOT "${DATA}" STREQUAL "")
  string(REPLACE "|" ";" data "${DATA}")
  file(COPY ${data} DESTINATION "${OUT}/scratch_native")
  file(COPY ${data} DESTINATION "${OUT}/scratch_wasm")
endif()

if(NATIVE)
  set(native "${OUT}/${name}.native")
  execute_process(COMMAND "${CC}" -O1 -std=c11 -D_DEFAULT_SOURCE -w -o "${native}" "${SRC}" -lm
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "compiling ${SRC} natively failed:\n${err}")
  endif()
  string(REPLACE "@DIR@" "${OUT}/scratch_native" nargs "${args}")
  execute_process(${feed} COMMAND ${CMAKE_COMMAND} -E env ${envs} "${native}" ${nargs}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT out STREQUAL expected OR NOT rc STREQUAL "${STATUS}")
    message(FATAL_ERROR "the native oracle disagrees with ${EXPECTED} (status ${rc}, want ${STATUS}):\n${out}")
  endif()
endif()

string(REPLACE "@DIR@" "/sandbox" wargs "${args}")
set(flags)
foreach(e IN LISTS envs)
  list(APPEND flags --env "${e}")
endforeach()
if(DIR)
  list(APPEND flags --dir "${OUT}/scratch_wasm::/sandbox")
endif()
string(REPLACE "|" ";" run_cmd "${RUN_CMD}")
list(GET run_cmd 0 first)
if(first STREQUAL "build")
  # Build mode: `wasmc build` with the preopen/environment, then execute the result.
  set(exe "${OUT}/${name}.exe")
  execute_process(COMMAND "${WASMC}" ${run_cmd} ${flags} "${wasm}" -o "${exe}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "wasmc build failed (${rc}):\n${out}${err}")
  endif()
  execute_process(${feed} COMMAND "${exe}" ${wargs} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
else()
execute_process(${feed} COMMAND "${WASMC}" ${run_cmd} ${flags} "${wasm}" ${wargs}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
endif()
if(NOT out STREQUAL expected)
  file(WRITE "${OUT}/actual.txt" "${out}")
  execute_process(COMMAND diff -u "${EXPECTED}" "${OUT}/actual.txt" OUTPUT_VARIABLE d)
  message(FATAL_ERROR "stdout differs from ${EXPECTED}:\n${d}\nstderr:\n${err}")
endif()
if(NOT rc STREQUAL "${STATUS}")
  message(FATAL_ERROR "wasmc ${run_cmd} exited with ${rc}, expected ${STATUS}; stderr:\n${err}")
endif()
if(DEFINED STDERR_REGEX AND NOT STDERR_REGEX STREQUAL "" AND NOT err MATCHES "${STDERR_REGEX}")
  message(FATAL_ERROR "stderr does not match '${STDERR_REGEX}':\n${err}")
endif()
message("ok: ${name} (status ${rc})")
