// driver/wast.cpp — `wasmc wast` (placeholder until its issue work lands).
#include <cstdio>

#include "driver/commands.h"

namespace wasmc::driver {

int wastCommand(int, char**) {
  std::fprintf(stderr, "wasmc: error: 'wast' is not implemented yet\n");
  return 1;
}

}  // namespace wasmc::driver
