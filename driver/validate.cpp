// driver/validate.cpp — `wasmc validate FILE.wasm`: decode + validate, silent on success (exit 0);
// otherwise exactly one line "wasmc: error: FILE: offset 0x..: reason" on stderr and exit 1.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "driver/commands.h"
#include "wasm/decoder.h"
#include "wasm/validator.h"

namespace wasmc::driver {

namespace {

bool readFile(const char* path, std::vector<uint8_t>& out, std::string& why) {
  std::FILE* f = std::fopen(path, "rb");
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
  if (bad) {
    why = std::strerror(err);
    return false;
  }
  return true;
}

}  // namespace

int validateCommand(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--help") == 0) {
    std::printf("usage: wasmc validate FILE.wasm\n"
                "Decodes and validates a Wasm 2.0 binary module: silent with exit status 0 when it is valid,\n"
                "otherwise one line 'wasmc: error: FILE: offset 0x..: reason' and exit status 1.\n");
    return 0;
  }
  if (argc != 2 || argv[1][0] == '-') {
    if (argc >= 2 && argv[1][0] == '-')
      std::fprintf(stderr, "wasmc: error: validate: unknown option '%s' (usage: wasmc validate FILE.wasm)\n", argv[1]);
    else
      std::fprintf(stderr, "wasmc: error: validate: expected one FILE.wasm (usage: wasmc validate FILE.wasm)\n");
    return 1;
  }
  const char* path = argv[1];
  std::vector<uint8_t> bytes;
  std::string why;
  if (!readFile(path, bytes, why)) {
    std::fprintf(stderr, "wasmc: error: %s: cannot open file: %s\n", path, why.c_str());
    return 1;
  }
  auto mod = wasm::decode(std::move(bytes));
  if (!mod) {
    std::fprintf(stderr, "wasmc: error: %s: %s\n", path, mod.error().format().c_str());
    return 1;
  }
  auto valid = wasm::validate(std::move(*mod));
  if (!valid) {
    std::fprintf(stderr, "wasmc: error: %s: %s\n", path, valid.error().format().c_str());
    return 1;
  }
  return 0;
}

}  // namespace wasmc::driver
