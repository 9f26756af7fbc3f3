// driver/compile.cpp — `wasmc compile [--target x86_64] [--bounds-checks=explicit|guard] FILE.wasm -o FILE.o`:
// whole-module AOT compilation (compiler/aot) to an ELF object. Errors are one line on stderr, exit 1,
// and no output file (the object writer renames a finished temporary over the output).
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "aot/aot.h"
#include "aot/progress.h"
#include "driver/commands.h"
#include "driver/input.h"
#include "driver/options.h"

namespace wasmc::driver {

namespace {

int fail(const std::string& msg) {
  std::fprintf(stderr, "wasmc: error: %s\n", msg.c_str());
  return 1;
}

}  // namespace

int compileCommand(int argc, char** argv) {
  aot::AotOptions opts;
  std::string input, output;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&](std::string_view flag, std::string& out) { return optionValue(argc, argv, i, flag, out); };
    std::string v;
    if (a == "-h" || a == "--help") {
      std::fputs(usageText("compile"), stdout);
      return 0;
    }
    if (a == "-v") {
      verbose = true;
      continue;
    }
    if (int r = value("--target", v)) {
      if (r < 0) return fail("compile: option '--target' needs a value");
      if (v == "x86_64" || v == "x86-64") opts.target = object::Target::X86_64;
      else if (v == "aarch64" || v == "arm64") opts.target = object::Target::AArch64;
      else return fail("compile: unknown target '" + v + "' (want x86_64 or aarch64)");
      continue;
    }
    if (int r = value("--bounds-checks", v)) {
      if (r < 0) return fail("compile: option '--bounds-checks' needs a value");
      if (v == "explicit") opts.bounds = codegen::BoundsChecks::Explicit;
      else if (v == "guard") opts.bounds = codegen::BoundsChecks::Guard;
      else return fail("compile: --bounds-checks takes explicit or guard, not '" + v + "'");
      continue;
    }
    std::string err;
    if (!parseCompileArg("compile", argc, argv, i, opts, input, output, err)) return fail(err);
  }
  if (input.empty()) return fail("compile: no input file (usage: wasmc compile FILE.wasm -o FILE.o)");
  if (output.empty()) return fail("compile: no output file given (-o FILE.o)");
  std::vector<uint8_t> bytes;
  std::string why;
  if (!readModuleFile(input, bytes, why)) return fail(input + ": cannot open file: " + why);
  opts.onProgress = aot::terminalProgress(stderr);
  aot::AotStats stats;
  if (Status s = aot::compileToObject(bytes, output, opts, &stats); !s) return fail(input + ": " + s.error().format());
  if (stats.declined)
    std::fprintf(stderr, "wasmc: warning: %s: %u of %u functions declined by the code generator (run by the "
                 "interpreter; first: %s)\n", input.c_str(), stats.declined, stats.declined + stats.compiled,
                 stats.firstDecline.c_str());
  else if (verbose)
    std::fprintf(stderr, "wasmc: %s: %u functions compiled in %.2f s on %u thread%s\n", input.c_str(), stats.compiled,
                 stats.compileSeconds, stats.jobs, stats.jobs == 1 ? "" : "s");
  return 0;
}

}  // namespace wasmc::driver
