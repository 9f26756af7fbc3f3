// driver/options.h — command-line parsing for `wasmc run` and the usage texts of every subcommand.
// Parsing never exits or prints: it returns the options or one error line for the caller to report.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "aot/aot.h"
#include "support/diag.h"

namespace wasmc::driver {

struct RunOptions {
  bool help = false;
  bool interp = false;              // --interp: the interpreter instead of the JIT (the default)
  bool jitEager = false;            // --jit=eager: compile every function at instantiation
  bool explicitBounds = false;      // --bounds-checks=explicit: no guard-region reservation
  bool cpuNative = false;           // --cpu=native: use the host CPU's AVX when present (JIT)
  bool perfMap = false;             // --perf-map: /tmp/perf-PID.map entries for JIT code
  bool verbose = false;             // -v: JIT statistics (compiled, interpreter fallbacks) on stderr
  uint8_t optLevel = 1;             // -O0/-O1/-O2: JIT IR optimisation level (EngineOptions::optLevel)
  bool invoke = false;              // --invoke NAME given
  std::string invokeName;
  struct Dir {
    std::string host;
    std::string guest;
  };
  std::vector<Dir> dirs;            // --dir HOST[::GUEST]
  std::vector<std::string> env;     // --env K=V
  std::string file;                 // FILE.wasm
  std::vector<std::string> args;    // program ARGS, or the --invoke arguments
};

// argv[0] is "run". Options come before FILE; everything after FILE (or after `--`) is ARGS.
Expected<RunOptions> parseRunOptions(int argc, char** argv);

// `FLAG=VALUE` or `FLAG VALUE` at argv[i] (i advances past a separate value): 1 = matched (`out` set),
// 0 = argv[i] is not FLAG, -1 = FLAG without its value.
int optionValue(int argc, char** argv, int& i, std::string_view flag, std::string& out);

// The options `wasmc compile` and `wasmc build` share that shape the generated code: --cpu=C and
// -jN / -j N / --jobs N. Returns 0 when argv[i] is neither, 1 when it was consumed (i may advance past a
// separate value), -1 on a bad or missing value (`err` says why, without the subcommand's prefix).
int parseCodegenOption(int argc, char** argv, int& i, aot::AotOptions& opts, std::string& err);

// The rest of a `wasmc compile`/`build` argument at argv[i], after the subcommand's own options: a
// codegen option (above), `-o OUT`, or the one input file. False with `err` (prefixed "CMD: ") for a bad
// value, an unknown option or a second input file.
bool parseCompileArg(const char* cmd, int argc, char** argv, int& i, aot::AotOptions& opts, std::string& input,
                     std::string& output, std::string& err);

// Usage text of `cmd` ("" = the top-level usage); null for an unknown command.
const char* usageText(std::string_view cmd);

}  // namespace wasmc::driver
