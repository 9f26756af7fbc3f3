// driver/input.cpp — module file reading (a directory is refused up front: fopen would accept it on Linux
// and the read would fail later with a less helpful reason).
#include "driver/input.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace wasmc::driver {

bool readModuleFile(const std::string& path, std::vector<uint8_t>& out, std::string& why) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    why = std::strerror(EISDIR);
    return false;
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    why = std::strerror(errno);
    return false;
  }
  uint8_t buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.insert(out.end(), buf, buf + n);
  bool bad = std::ferror(f);
  int err = errno;
  std::fclose(f);
  if (bad) why = std::strerror(err);
  return !bad;
}

}  // namespace wasmc::driver
