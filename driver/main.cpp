// driver/main.cpp — `wasmc` entry point: argv → subcommand. (Skeleton; subcommands land per issue.)
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "--version") == 0) {
    std::printf("wasmc %s\n", WASMC_VERSION);
    return 0;
  }
  std::fprintf(stderr, "wasmc: error: no subcommand given (try 'wasmc --help')\n");
  return 1;
}
