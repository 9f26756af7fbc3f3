// compiler/aot/progress.cpp — terminal progress line (see progress.h). The line is padded with spaces
// when it shrinks and erased with "\r<spaces>\r" once done == total, so later messages start at column 0.
#include "aot/progress.h"

#include <unistd.h>

#include <memory>
#include <string>

namespace wasmc::aot {

std::function<void(uint32_t, uint32_t)> terminalProgress(std::FILE* out) {
  if (!out || !isatty(fileno(out))) return {};
  auto width = std::make_shared<size_t>(0);  // length of the line on screen
  return [out, width](uint32_t done, uint32_t total) {
    if (done >= total) {
      if (*width) std::fprintf(out, "\r%*s\r", int(*width), "");
      *width = 0;
      std::fflush(out);
      return;
    }
    unsigned pct = total ? unsigned(uint64_t(done) * 100 / total) : 100;
    std::string line = "wasmc: compiling " + std::to_string(done) + "/" + std::to_string(total) + " functions (" +
                       std::to_string(pct) + "%)";
    size_t pad = *width > line.size() ? *width - line.size() : 0;
    std::fprintf(out, "\r%s%*s", line.c_str(), int(pad), "");
    *width = line.size();
    std::fflush(out);
  };
}

}  // namespace wasmc::aot
