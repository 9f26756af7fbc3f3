// driver/main.cpp — `wasmc` entry point: argv → subcommand (see commands.h); --help, --version and
// `wasmc help CMD` are answered here, everything else by the subcommand.
#include <cstdio>
#include <cstring>
#include <string_view>

#include "driver/commands.h"
#include "driver/options.h"

using namespace wasmc::driver;

namespace {
#if !WASMC_ENABLE_AOT
// Built without WASMC_ENABLE_AOT (cross builds: no host LLVM, docs/aarch64.md): the subcommands and modes
// built on compiler/aot answer with one line and status 1.
int notAvailable(const char* what) {
  std::fprintf(stderr, "wasmc: error: %s is not available in this build (configured with WASMC_ENABLE_AOT=OFF)\n",
               what);
  return 1;
}
bool asksForAotMode(int argc, char** argv) {
  for (int i = 2; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--mode=aot" || (a == "--mode" && i + 1 < argc && std::string_view(argv[i + 1]) == "aot")) return true;
  }
  return false;
}
#endif
}  // namespace

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
#if WASMC_ENABLE_AOT
  if (cmd == "wast") return wastCommand(argc - 1, argv + 1);
  if (cmd == "compile") return compileCommand(argc - 1, argv + 1);
  if (cmd == "build") return buildCommand(argc - 1, argv + 1);
  if (cmd == "fuzz-exec") return fuzzExecCommand(argc - 1, argv + 1);
#else
  if (cmd == "wast" && asksForAotMode(argc, argv)) return notAvailable("wasmc wast --mode aot");
  if (cmd == "wast") return wastCommand(argc - 1, argv + 1);
  if (cmd == "compile") return notAvailable("wasmc compile");
  if (cmd == "build") return notAvailable("wasmc build");
  if (cmd == "fuzz-exec") return notAvailable("wasmc fuzz-exec");
#endif
  std::fprintf(stderr, "wasmc: error: unknown subcommand '%s' (try 'wasmc --help')\n", argv[1]);
  return 1;
}
