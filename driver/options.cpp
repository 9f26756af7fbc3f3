// driver/options.cpp — `wasmc run` option parsing, the code-generation options of compile/build, and the
// usage texts printed by --help and `wasmc help CMD`. Exit statuses documented here are the ones run.cpp
// returns (see docs/cli.md).
#include "driver/options.h"
#include "runtime/jit/cpu.h"

#include <cstdlib>

namespace wasmc::driver {

namespace {

constexpr const char* kTopUsage =
    "usage: wasmc <command> [options] ...\n"
    "\n"
    "commands:\n"
    "  run        run a WebAssembly module (WASI preview1) or call one of its exports\n"
    "  compile    compile a module ahead of time to an ELF object\n"
    "  build      compile a WASI module into a standalone native executable\n"
    "  validate   decode and validate a module\n"
    "  wast       run a spec test script\n"
    "  fuzz-exec  run every export of a `wasm-opt -ttf` module (differential testing)\n"
    "  help CMD   show the usage of CMD\n"
    "\n"
    "options:\n"
    "  --help     show this text\n"
    "  --version  show the version\n";

constexpr const char* kFuzzExecUsage =
    "usage: wasmc fuzz-exec [--mode interp|jit|aot] [-O0|-O1|-O2] FILE.wasm\n"
    "\n"
    "Runs every exported function of a module made by `wasm-opt -ttf` with zero arguments, as\n"
    "`wasm-opt --fuzz-exec-before` does (`hangLimitInitializer` before each call, the\n"
    "fuzzing-support log imports printed), floats printed as bits, traps without their message.\n"
    "test/fuzz/fuzz.py compares the output across modes and with binaryen's interpreter.\n"
    "Exit status: 0 after running every export, 2 when the module imports anything else, 1 on errors.\n";

constexpr const char* kRunUsage =
    "usage: wasmc run [options] [--] FILE.wasm [ARGS...]\n"
    "\n"
    "Instantiates FILE.wasm with the WASI preview1 imports (module \"wasi_snapshot_preview1\") and\n"
    "calls its `_start` export; the program sees argv = FILE.wasm ARGS...\n"
    "\n"
    "options:\n"
    "  --interp              execute with the interpreter instead of the JIT\n"
    "  --jit=lazy|eager      JIT: compile each function on its first call (default), or all of\n"
    "                        them at instantiation\n"
    "  --bounds-checks=guard|explicit\n"
    "                        JIT: rely on an 8 GiB guard reservation per memory (default), or compare\n"
    "                        every access with the memory size (for hosts that cannot reserve)\n"
    "  --cpu=baseline|native JIT: SSE4.1 code (default), or also the host's AVX forms when it has them\n"
    "  -O0, -O1, -O2         JIT: IR optimisation level: none, cheap local passes (default), all passes\n"
    "  --perf-map            JIT: write /tmp/perf-PID.map so `perf report` shows wasm function names\n"
    "  -v, --verbose         JIT: print compiled / interpreter-fallback counts and compile time\n"
    "  --invoke NAME         call export NAME instead of `_start`; ARGS are its arguments\n"
    "                        (i32/i64 decimal, f32/f64 decimal float), results printed one per line\n"
    "  --dir HOST[::GUEST]   preopen host directory HOST, visible to the program as GUEST\n"
    "                        (default: HOST); may be repeated\n"
    "  --env KEY=VALUE       add an environment variable for the program; may be repeated\n"
    "  -h, --help            show this text\n"
    "\n"
    "exit status:\n"
    "  the program's proc_exit status (0 when `_start` returns); 1 for a usage, load, decode,\n"
    "  validation or link error; 134 when execution traps (the trap and a backtrace go to stderr)\n";

constexpr const char* kValidateUsage =
    "usage: wasmc validate FILE.wasm\n"
    "\n"
    "Decodes and validates FILE.wasm; prints `wasmc: error: FILE: offset 0x..: reason` and exits 1\n"
    "when it is malformed or invalid, exits 0 otherwise.\n";

constexpr const char* kCompileUsage =
    "usage: wasmc compile [--target x86_64] [-O0|-O1|-O2] [--bounds-checks=explicit|guard] [-j N] [-v] FILE.wasm -o FILE.o\n"
    "\n"
    "Compiles every function of FILE.wasm ahead of time into one ELF relocatable object with the\n"
    "module descriptor `wasmc_module` the runtime instantiates from (docs/aot.md). On an error prints\n"
    "one line 'wasmc: error: ...', writes nothing and exits 1.\n"
    "\n"
    "options:\n"
    "  --target T            x86_64 (default; aarch64 is not supported yet)\n"
    "  -O0, -O1, -O2         IR optimisation level: none, cheap local passes, all passes (default)\n"
    "  --bounds-checks=M     guard (default): no checks, rely on the runtime's 8 GiB guard reservation;\n"
    "                        explicit: compare each access with the memory size\n"
    "  --cpu=C               baseline|x86-64-v2 (SSE4.2, default), x86-64-v3 (AVX forms), or native\n"
    "  -j N, --jobs N        compile functions on N threads (default: all cores); same object for any N\n"
    "  -v                    print the number of functions and the compile time\n"
    "  -o FILE.o             output object\n";

constexpr const char* kBuildUsage =
    "usage: wasmc build [--target x86_64] [-O0|-O1|-O2] [--static] [--dir HOST[::GUEST]]... [--env K=V]...\n"
    "                   [--inherit-env] [--invoke NAME] [-j N] [-v] FILE.wasm -o OUT\n"
    "\n"
    "Compiles FILE.wasm ahead of time and links it with ld.lld against the wasmc runtime library into a\n"
    "native executable OUT that runs `_start` (or the export NAME, taking its arguments from the command\n"
    "line) with WASI: its argv, stdio and exit status are the program's; the environment holds only the\n"
    "--env values (plus the real environment with --inherit-env); the preopens are exactly the --dir\n"
    "directories given here. A trap prints the trap message and a backtrace and exits 134 (docs/build.md).\n"
    "On an error prints one line 'wasmc: error: ...', leaves no OUT and exits 1.\n"
    "\n"
    "options:\n"
    "  --target T            x86_64 (the only supported target)\n"
    "  -O0, -O1, -O2         IR optimisation level: none, cheap local passes, all passes (default)\n"
    "  --static              link statically (no dynamic loader, libc/libstdc++ copied in)\n"
    "  --dir HOST[::GUEST]   preopen host directory HOST as GUEST in the executable\n"
    "  --env K=V             environment variable of the program\n"
    "  --inherit-env         also pass the real environment at run time\n"
    "  --invoke NAME         run export NAME instead of `_start` (reactor modules)\n"
    "  --cpu=C               baseline|x86-64-v2 (SSE4.2, default), x86-64-v3 (AVX forms), or native\n"
    "  -j N, --jobs N        compile functions on N threads (default: all cores)\n"
    "  -v                    print the compile time and the link command\n"
    "  -o OUT                output executable\n";

constexpr const char* kWastUsage =
    "usage: wasmc wast [options] FILE.wast|FILE.json\n"
    "\n"
    "Runs a WebAssembly spec test script and reports passed and failed commands.\n";

bool takeValue(int argc, char** argv, int& i, std::string_view flag, std::string& out, bool& matched,
               std::string& err) {
  std::string_view a = argv[i];
  matched = false;
  if (a == flag) {
    matched = true;
    if (i + 1 >= argc) {
      err = "option '" + std::string(flag) + "' needs a value";
      return false;
    }
    out = argv[++i];
    return true;
  }
  if (a.size() > flag.size() && a.substr(0, flag.size()) == flag && a[flag.size()] == '=') {
    matched = true;
    out = std::string(a.substr(flag.size() + 1));
    return true;
  }
  return true;
}

}  // namespace

Expected<RunOptions> parseRunOptions(int argc, char** argv) {
  RunOptions o;
  int i = 1;
  for (; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a.empty() || a[0] != '-' || a == "-") break;
    if (a == "-h" || a == "--help") {
      o.help = true;
      return o;
    }
    if (a == "--interp") {
      o.interp = true;
      continue;
    }
    if (a == "--jit=lazy" || a == "--jit=eager") {
      o.jitEager = a == "--jit=eager";
      continue;
    }
    if (a == "--bounds-checks=explicit" || a == "--bounds-checks=guard") {
      o.explicitBounds = a == "--bounds-checks=explicit";
      continue;
    }
    if (a == "--cpu=native" || a == "--cpu=baseline") {
      o.cpuNative = a == "--cpu=native";
      continue;
    }
    if (a == "--perf-map") {
      o.perfMap = true;
      continue;
    }
    if (a == "-v" || a == "--verbose") {
      o.verbose = true;
      continue;
    }
    if (a == "-O0" || a == "-O1" || a == "-O2") {
      o.optLevel = uint8_t(a[2] - '0');
      continue;
    }
    std::string v, err;
    bool matched;
    if (!takeValue(argc, argv, i, "--invoke", v, matched, err)) return Error::plain(err);
    if (matched) {
      if (v.empty()) return Error::plain("option '--invoke' needs a function name");
      o.invoke = true;
      o.invokeName = v;
      continue;
    }
    if (!takeValue(argc, argv, i, "--dir", v, matched, err)) return Error::plain(err);
    if (matched) {
      size_t sep = v.find("::");
      RunOptions::Dir d;
      d.host = sep == std::string::npos ? v : v.substr(0, sep);
      d.guest = sep == std::string::npos ? v : v.substr(sep + 2);
      if (d.host.empty() || d.guest.empty()) return Error::plain("invalid --dir value '" + v + "' (want HOST[::GUEST])");
      o.dirs.push_back(std::move(d));
      continue;
    }
    if (!takeValue(argc, argv, i, "--env", v, matched, err)) return Error::plain(err);
    if (matched) {
      if (v.find('=') == std::string::npos || v[0] == '=')
        return Error::plain("invalid --env value '" + v + "' (want KEY=VALUE)");
      o.env.push_back(v);
      continue;
    }
    return Error::plain("unknown option '" + std::string(a) + "' (try 'wasmc run --help')");
  }
  if (i >= argc) return Error::plain("no input file (try 'wasmc run --help')");
  o.file = argv[i++];
  for (; i < argc; ++i) o.args.push_back(argv[i]);
  return o;
}

const char* usageText(std::string_view cmd) {
  if (cmd.empty()) return kTopUsage;
  if (cmd == "run") return kRunUsage;
  if (cmd == "validate") return kValidateUsage;
  if (cmd == "compile") return kCompileUsage;
  if (cmd == "build") return kBuildUsage;
  if (cmd == "wast") return kWastUsage;
  if (cmd == "fuzz-exec") return kFuzzExecUsage;
  return nullptr;
}

int optionValue(int argc, char** argv, int& i, std::string_view flag, std::string& out) {
  std::string_view a = argv[i];
  if (a.size() > flag.size() && a.substr(0, flag.size()) == flag && a[flag.size()] == '=') {
    out = std::string(a.substr(flag.size() + 1));
    return 1;
  }
  if (a != flag) return 0;
  if (i + 1 >= argc) return -1;
  out = argv[++i];
  return 1;
}

int parseCodegenOption(int argc, char** argv, int& i, aot::AotOptions& opts, std::string& err) {
  std::string_view a = argv[i];
  auto value = [&](std::string_view flag, std::string& out) { return optionValue(argc, argv, i, flag, out); };
  std::string v;
  if (a == "-O0" || a == "-O1" || a == "-O2") {
    opts.optLevel = uint8_t(a[2] - '0');
    return 1;
  }
  if (int r = value("--cpu", v)) {
    if (r < 0) {
      err = "option '--cpu' needs a value";
      return -1;
    }
    if (v == "baseline" || v == "x86-64-v2") opts.avx = false;
    else if (v == "x86-64-v3") opts.avx = true;
    else if (v == "native") opts.avx = rt::jit::hostHasAvx();
    else {
      err = "--cpu takes baseline, x86-64-v2, x86-64-v3 or native, not '" + v + "'";
      return -1;
    }
    return 1;
  }
  int jr = 0;
  if (a.size() > 2 && a.substr(0, 2) == "-j") {
    v = std::string(a.substr(a[2] == '=' ? 3 : 2));
    jr = 1;
  } else if ((jr = value("-j", v)) == 0) {
    jr = value("--jobs", v);
  }
  if (!jr) return 0;
  char* end = nullptr;
  unsigned long n = jr < 0 ? 0 : std::strtoul(v.c_str(), &end, 10);
  if (jr < 0 || v.empty() || *end || n == 0 || n > 256) {
    err = "-j takes a thread count from 1 to 256, not '" + v + "'";
    return -1;
  }
  opts.jobs = unsigned(n);
  return 1;
}

bool parseCompileArg(const char* cmd, int argc, char** argv, int& i, aot::AotOptions& opts, std::string& input,
                     std::string& output, std::string& err) {
  std::string_view a = argv[i];
  std::string why, v;
  auto fail = [&](const std::string& msg) {
    err = std::string(cmd) + ": " + msg;
    return false;
  };
  if (int r = parseCodegenOption(argc, argv, i, opts, why)) return r < 0 ? fail(why) : true;
  if (int r = optionValue(argc, argv, i, "-o", v)) {
    if (r < 0 || v.empty()) return fail("option '-o' needs a file");
    output = v;
    return true;
  }
  if (a.size() > 1 && a[0] == '-')
    return fail("unknown option '" + std::string(a) + "' (try 'wasmc " + cmd + " --help')");
  if (!input.empty()) return fail("more than one input file ('" + input + "', '" + std::string(a) + "')");
  input = std::string(a);
  return true;
}

}  // namespace wasmc::driver
