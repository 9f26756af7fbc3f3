// driver/run.cpp — `wasmc run` (placeholder until its issue work lands).
#include <cstdio>

#include "driver/commands.h"

namespace wasmc::driver {

int runCommand(int, char**) {
  std::fprintf(stderr, "wasmc: error: 'run' is not implemented yet\n");
  return 1;
}

}  // namespace wasmc::driver
