# test/wasi/test_modes.cmake — the execution modes every wasi.* and program.* test runs in, shared by
# test/wasi and test/programs. A mode is a name (tests are wasi.<mode>.<name>, program.<mode>.<name>)
# and the wasmc arguments that run a module in it; adding a mode is one line in wasmc_mode_command.
# Mode `build` (RUN_CMD starting with `build`): the run scripts first run `wasmc build` with the same
# options and FILE.wasm -o FILE.exe, then execute FILE.exe with the program's arguments.
# Included by each directory (no include guard: WASMC_TEST_MODES is a directory-scope variable).
if(NOT DEFINED WASMC_TEST_MODES)
  set(WASMC_TEST_MODES interp jit build)
endif()

# wasmc_mode_command(MODE OUT): OUT = the '|'-separated wasmc arguments placed before the module
# (the run scripts append preopens, environment, FILE.wasm and the program's arguments).
function(wasmc_mode_command mode out)
  if(mode STREQUAL "interp")
    set(${out} "run|--interp" PARENT_SCOPE)
  elseif(mode STREQUAL "jit")
    set(${out} "run|--jit=lazy" PARENT_SCOPE)
  elseif(mode STREQUAL "build")
    # `wasmc build` with the preopens/environment, then the run scripts execute the built program.
    set(${out} "build" PARENT_SCOPE)
  else()
    message(FATAL_ERROR "WASMC_TEST_MODES: unknown execution mode '${mode}' (known: interp, jit, build)")
  endif()
endfunction()
