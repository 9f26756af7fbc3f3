// driver/validate.cpp — `wasmc validate` (placeholder until its issue work lands).
#include <cstdio>

#include "driver/commands.h"

namespace wasmc::driver {

int validateCommand(int, char**) {
  std::fprintf(stderr, "wasmc: error: 'validate' is not implemented yet\n");
  return 1;
}

}  // namespace wasmc::driver
