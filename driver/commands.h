// driver/commands.h — one entry point per subcommand; main.cpp only dispatches on argv[1].
// Each returns the process exit status. argv[0] is the subcommand name.
#pragma once

namespace wasmc::driver {

int runCommand(int argc, char** argv);       // wasmc run      (driver/run.cpp)
int validateCommand(int argc, char** argv);  // wasmc validate (driver/validate.cpp)
int wastCommand(int argc, char** argv);      // wasmc wast     (driver/wast.cpp)
int compileCommand(int argc, char** argv);   // wasmc compile  (driver/compile.cpp)
int buildCommand(int argc, char** argv);     // wasmc build    (driver/build.cpp)
int fuzzExecCommand(int argc, char** argv);  // wasmc fuzz-exec (driver/fuzz_exec.cpp; a testing tool)

}  // namespace wasmc::driver
