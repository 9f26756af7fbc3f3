// compiler/support/diag.cpp — formatting of diagnostics.
#include "support/diag.h"

#include <cstdio>

namespace wasmc {

std::string Error::format() const {
  if (!offset) return message;
  char buf[40];
  std::snprintf(buf, sizeof buf, "offset 0x%llx: ", static_cast<unsigned long long>(*offset));
  return buf + message;
}

}  // namespace wasmc
