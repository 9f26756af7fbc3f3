// driver/build.cpp — `wasmc build FILE.wasm -o OUT`: AOT-compiles the module (compiler/aot), adds the
// build options blob `wasmc_build_options` (runtime/exe/build_options.h) to the same object, and links
// it with ld.lld against the runtime's static library libwasmc_rt_exe.a (its `main` runs the module) and
// the system C/C++ libraries into an ELF executable. Invariants: every error is one `wasmc: error:` line
// and exit status 1; OUT appears only complete (linked to a temporary next to it, then renamed).
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "aot/aot.h"
#include "aot/progress.h"
#include "driver/commands.h"
#include "driver/input.h"
#include "driver/options.h"
#include "object/linker.h"
#include "runtime/exe/build_options.h"
#include "wasm/decoder.h"
#include "wasm/validator.h"

#ifndef WASMC_RT_EXE_BUILD_PATH
#define WASMC_RT_EXE_BUILD_PATH ""
#endif

namespace wasmc::driver {

namespace {

constexpr const char* kRuntimeLibName = "libwasmc_rt_exe.a";

int fail(const std::string& msg) {
  std::fprintf(stderr, "wasmc: error: %s\n", msg.c_str());
  return 1;
}

// The runtime library: <dir of this wasmc>/../lib/wasmc (an installed tree) first, else the build tree's.
std::string runtimeLibrary() {
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    self[n] = 0;
    std::filesystem::path p = std::filesystem::path(self).parent_path().parent_path() / "lib" / "wasmc" / kRuntimeLibName;
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) return p.string();
  }
  std::string built = WASMC_RT_EXE_BUILD_PATH;
  std::error_code ec;
  if (!built.empty() && std::filesystem::is_regular_file(built, ec)) return built;
  return "";
}

// Removes a path on scope exit unless released.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) unlink(path.c_str());
  }
};

}  // namespace

int buildCommand(int argc, char** argv) {
  aot::AotOptions aopts;
  exe::BuildOptions bo;
  std::string input, output;
  bool verbose = false, isStatic = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&](std::string_view flag, std::string& out) { return optionValue(argc, argv, i, flag, out); };
    std::string v;
    if (a == "-h" || a == "--help") {
      std::fputs(usageText("build"), stdout);
      return 0;
    }
    if (a == "-v" || a == "--verbose") {
      verbose = true;
      continue;
    }
    if (a == "--static") {
      isStatic = true;
      continue;
    }
    if (a == "--inherit-env") {
      bo.inheritEnv = true;
      continue;
    }
    if (int r = value("--target", v)) {
      if (r < 0) return fail("build: option '--target' needs a value");
      if (v == "x86_64" || v == "x86-64") aopts.target = object::Target::X86_64;
      else if (v == "aarch64" || v == "arm64") return fail("build: target '" + v + "' is not supported yet (no aarch64 code generator)");
      else return fail("build: unknown target '" + v + "' (want x86_64)");
      continue;
    }
    if (int r = value("--dir", v)) {
      if (r < 0) return fail("build: option '--dir' needs a value");
      size_t sep = v.find("::");
      exe::BuildOptions::Dir d;
      d.host = sep == std::string::npos ? v : v.substr(0, sep);
      d.guest = sep == std::string::npos ? v : v.substr(sep + 2);
      if (d.host.empty() || d.guest.empty()) return fail("invalid --dir value '" + v + "' (want HOST[::GUEST])");
      struct stat st;
      if (stat(d.host.c_str(), &st) != 0) return fail("cannot open directory '" + d.host + "': " + std::strerror(errno));
      if (!S_ISDIR(st.st_mode)) return fail("cannot open directory '" + d.host + "': Not a directory");
      std::error_code ec;
      std::filesystem::path abs = std::filesystem::absolute(d.host, ec);
      if (!ec) d.host = abs.lexically_normal().string();
      bo.dirs.push_back(std::move(d));
      continue;
    }
    if (int r = value("--env", v)) {
      if (r < 0) return fail("build: option '--env' needs a value");
      if (v.find('=') == std::string::npos || v[0] == '=') return fail("invalid --env value '" + v + "' (want KEY=VALUE)");
      bo.env.push_back(v);
      continue;
    }
    if (int r = value("--invoke", v)) {
      if (r < 0 || v.empty()) return fail("option '--invoke' needs a function name");
      bo.invoke = true;
      bo.invokeName = v;
      continue;
    }
    std::string err;
    if (!parseCompileArg("build", argc, argv, i, aopts, input, output, err)) return fail(err);
  }
  if (input.empty()) return fail("build: no input file (usage: wasmc build FILE.wasm -o OUT)");
  if (output.empty()) return fail("build: no output file given (-o OUT)");
  bo.moduleName = input;

  std::vector<uint8_t> bytes;
  std::string why;
  if (!readModuleFile(input, bytes, why)) return fail(input + ": " + why);
  auto decoded = wasm::decode(std::vector<uint8_t>(bytes));
  if (!decoded) return fail(input + ": " + decoded.error().format());
  auto vm = wasm::validate(std::shared_ptr<const wasm::Module>(std::move(*decoded)));
  if (!vm) return fail(input + ": " + vm.error().format());
  {
    const std::string& entry = bo.invoke ? bo.invokeName : std::string("_start");
    bool found = false;
    for (const auto& e : vm->module().exports)
      if (e.name == entry && e.kind == wasm::ExternKind::Func) found = true;
    if (!found && bo.invoke) return fail(input + ": no exported function '" + entry + "'");
    if (!found) return fail(input + ": module has no '_start' function export (use --invoke NAME for a reactor)");
  }

  std::string rtlib = runtimeLibrary();
  if (rtlib.empty())
    return fail(std::string("cannot find the runtime library ") + kRuntimeLibName +
                " (looked in <wasmc>/../lib/wasmc and " + WASMC_RT_EXE_BUILD_PATH + ")");

  if (struct stat st; stat(output.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return fail("cannot write '" + output + "': " + std::strerror(EISDIR));
  // Claim a temporary output next to OUT first: an unwritable output path fails before any work.
  TempFile tmpOut{output + ".wasmc-tmp." + std::to_string(getpid())};
  int fd = open(tmpOut.path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
  if (fd < 0) {
    int err = errno;
    tmpOut.path.clear();
    return fail("cannot write '" + output + "': " + std::strerror(err));
  }
  close(fd);

  aopts.onProgress = aot::terminalProgress(stderr);
  aot::AotStats stats;
  auto om = aot::buildObjectModule(*vm, bytes, aopts, &stats);
  if (!om) return fail(input + ": " + om.error().format());
  object::ObjectData opt;
  opt.symbol = exe::kBuildOptionsSymbol;
  opt.binding = object::Binding::Global;
  opt.section = object::DataSection::ReadOnly;
  opt.align = 8;
  opt.bytes = exe::encodeBuildOptions(bo);
  om->data.push_back(std::move(opt));
  TempFile tmpObj{output + ".wasmc-tmp." + std::to_string(getpid()) + ".o"};
  if (Status s = object::writeObject(*om, tmpObj.path); !s) return fail(input + ": " + s.error().format());
  if (stats.declined)
    std::fprintf(stderr, "wasmc: warning: %s: %u of %u functions declined by the code generator (run by the "
                 "interpreter; first: %s)\n", input.c_str(), stats.declined, stats.declined + stats.compiled,
                 stats.firstDecline.c_str());
  else if (verbose)
    std::fprintf(stderr, "wasmc: %s: %u functions compiled in %.2f s on %u thread%s\n", input.c_str(), stats.compiled,
                 stats.compileSeconds, stats.jobs, stats.jobs == 1 ? "" : "s");

  object::LinkOptions lo;
  lo.target = aopts.target;
  lo.output = isStatic ? object::LinkOutput::StaticExecutable : object::LinkOutput::Executable;
  lo.outputPath = tmpOut.path;
  lo.inputs = {tmpObj.path, rtlib};
  // libstdc++ is linked statically even into the PIE: only the few parts the runtime uses are copied in,
  // which beats mapping and relocating all of libstdc++.so at start-up (time and RSS; docs/build.md).
  if (isStatic) lo.extraArgs = {"--gc-sections", "-lstdc++", "-lm"};
  else lo.extraArgs = {"--gc-sections", "-Bstatic", "-lstdc++", "-Bdynamic", "-lm", "--as-needed", "-lgcc_s",
                       "--no-as-needed", "-lgcc"};
  if (verbose) lo.onCommand = [](const std::string& cmd) { std::fprintf(stderr, "%s\n", cmd.c_str()); };
  if (Status s = object::link(lo); !s) return fail(input + ": " + s.error().format());
  if (std::rename(tmpOut.path.c_str(), output.c_str()) != 0)
    return fail("cannot write '" + output + "': " + std::strerror(errno));
  tmpOut.path.clear();
  return 0;
}

}  // namespace wasmc::driver
