// driver/validate.cpp — `wasmc validate FILE.wasm`: decode + validate, silent on success (exit 0);
// otherwise exactly one line "wasmc: error: FILE: offset 0x..: reason" on stderr and exit 1.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "driver/commands.h"
#include "driver/input.h"
#include "wasm/decoder.h"
#include "wasm/validator.h"

namespace wasmc::driver {

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
  if (!readModuleFile(path, bytes, why)) {
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
