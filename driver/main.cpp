// driver/main.cpp — `wasmc` entry point: argv → subcommand (see commands.h); --help, --version and
// `wasmc help CMD` are answered here, everything else by the subcommand.
#include <cstdio>
#include <cstring>
#include <string_view>

#include "driver/commands.h"
#include "driver/options.h"

using namespace wasmc::driver;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "wasmc: error: no subcommand given (try 'wasmc --help')\n");
    return 1;
  }
  std::string_view cmd = argv[1];
  if (cmd == "--version") {
    std::printf("wasmc %s\n", WASMC_VERSION);
    return 0;
  }
  if (cmd == "--help" || cmd == "-h") {
    std::fputs(usageText(""), stdout);
    return 0;
  }
  if (cmd == "help") {
    const char* text = usageText(argc > 2 ? argv[2] : "");
    if (!text) {
      std::fprintf(stderr, "wasmc: error: unknown command '%s' (try 'wasmc --help')\n", argv[2]);
      return 1;
    }
    std::fputs(text, stdout);
    return 0;
  }
  if (cmd == "run") return runCommand(argc - 1, argv + 1);
  if (cmd == "validate") return validateCommand(argc - 1, argv + 1);
  if (cmd == "wast") return wastCommand(argc - 1, argv + 1);
  if (cmd == "compile") return compileCommand(argc - 1, argv + 1);
  if (cmd == "build") return buildCommand(argc - 1, argv + 1);
  std::fprintf(stderr, "wasmc: error: unknown subcommand '%s' (try 'wasmc --help')\n", argv[1]);
  return 1;
}
