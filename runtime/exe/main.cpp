// runtime/exe/main.cpp — the `main` of every executable `wasmc build` links: takes the statically linked
// AOT descriptor `wasmc_module` and the build options `wasmc_build_options` (runtime/exe/build_options.h),
// instantiates the module with WASI (argv = ours, environment filtered as built, preopens exactly those
// given at build time) and runs `_start` or the built-in --invoke export. Exit status: the program's
// (proc_exit), 128+signal for proc_raise, 134 after a trap (message + backtrace on stderr), 1 when the
// runtime cannot start the module. No LLVM and no compiler code runs here: the code is already linked in.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/aot/engine.h"
#include "runtime/aot/loader.h"
#include "runtime/core/report.h"
#include "runtime/core/runtime.h"
#include "runtime/exe/build_options.h"
#include "runtime/wasi/wasi.h"
#include "wasm/validator.h"

extern "C" const wasmc::aot::AotDescriptor wasmc_module;
extern "C" const uint8_t wasmc_build_options[];

extern char** environ;

namespace {

using namespace wasmc;

constexpr uint32_t kSmallInterpDepth = 256;

int fail(const std::string& name, const std::string& msg) {
  std::fflush(stdout);
  std::fprintf(stderr, "wasmc: error: %s: %s\n", name.c_str(), msg.c_str());
  return 1;
}

// The inherited environment (when built with --inherit-env), then the built-in K=V values, a later
// value replacing an earlier one of the same key.
std::vector<std::string> programEnv(const exe::BuildOptions& bo) {
  std::vector<std::string> env;
  auto put = [&](const std::string& kv) {
    size_t eq = kv.find('=');
    std::string_view key(kv.data(), eq == std::string::npos ? kv.size() : eq + 1);
    for (auto& e : env)
      if (std::string_view(e).starts_with(key)) {
        e = kv;
        return;
      }
    env.push_back(kv);
  };
  if (bo.inheritEnv)
    for (char** e = environ; e && *e; ++e)
      if (std::strchr(*e, '=')) put(*e);
  for (const auto& kv : bo.env) put(kv);
  return env;
}

int runMain(int argc, char** argv) {
  std::optional<exe::BuildOptions> decoded = exe::decodeBuildOptions(wasmc_build_options);
  if (!decoded) {
    std::fprintf(stderr, "wasmc: error: %s: build options of another wasmc version\n", argv[0]);
    return 1;
  }
  const exe::BuildOptions& bo = *decoded;
  const std::string& name = bo.moduleName;

  auto loaded = rt::aot::AotModule::fromDescriptor(&wasmc_module, name);
  if (!loaded) return fail(name, loaded.error().format());
  std::shared_ptr<const wasm::ValidatedModule> vm = (*loaded)->validated();

  wasi::WasiOptions wo;
  wo.args.push_back(argc > 0 ? argv[0] : name);
  std::vector<std::string> rest;
  for (int i = 1; i < argc; ++i) rest.push_back(argv[i]);
  if (!bo.invoke) wo.args.insert(wo.args.end(), rest.begin(), rest.end());
  wo.env = programEnv(bo);
  for (const auto& d : bo.dirs) wo.preopens.push_back({d.host, d.guest});
  auto ctx = wasi::WasiContext::create(std::move(wo));
  if (!ctx) return fail(name, ctx.error().message);

  auto lib = std::make_shared<rt::aot::AotLibrary>();
  lib->add(*loaded);
  rt::EngineOptions eo;
  eo.mode = rt::ExecMode::Aot;
  eo.jitCompile = rt::JitCompile::Eager;  // every slot jumps into the linked code from instantiation on
  // The interpreter's frame array (zero-filled at Store creation, ~1.4 MB at the default 30000 frames)
  // only serves functions the object lacks: with every function compiled, keep it small (RSS).
  bool allCompiled = true;
  for (uint32_t i = 0; i < vm->module().functions.size(); ++i)
    if (!(*loaded)->functionCode(i)) allCompiled = false;
  if (allCompiled) eo.maxCallDepth = kSmallInterpDepth;
  rt::aot::AotLibrary::install(eo, lib);
  rt::Store store(eo);
  rt::Linker linker;
  wasi::addWasi(store, linker, **ctx);
  for (const auto& imp : vm->module().imports)
    if (!linker.lookup(imp.module, imp.name))
      return fail(name, "unknown import " + imp.module + "." + imp.name + " (only " +
                            std::string(wasi::kWasiModule) + " is provided)");
  rt::InstantiateResult inst = store.instantiate(vm, linker);
  if (inst.linkError) return fail(name, inst.linkError->format());
  if (inst.trap) return rt::reportTrap(name, *inst.trap, &vm->module(), wasi::kRaisedPrefix);
  if (!inst.instance) return fail(name, "instantiation failed");

  if (!bo.invoke) {
    rt::FuncInst* start = inst.instance->exportedFunc("_start");
    if (!start) return fail(name, "module has no '_start' function export");
    if (!start->type->params.empty() || !start->type->results.empty())
      return fail(name, "'_start' must have type [] -> []");
    std::vector<rt::Value> results;
    if (auto trap = store.invoke(start, {}, results)) return rt::reportTrap(name, *trap, &vm->module(), wasi::kRaisedPrefix);
    std::fflush(stdout);
    return 0;
  }
  rt::FuncInst* f = inst.instance->exportedFunc(bo.invokeName);
  if (!f) return fail(name, "no exported function '" + bo.invokeName + "'");
  const wasm::FuncType& ft = *f->type;
  if (rest.size() != ft.params.size())
    return fail(name, "'" + bo.invokeName + "' takes " + std::to_string(ft.params.size()) + " argument(s) " +
                          wasm::funcTypeToString(ft) + ", got " + std::to_string(rest.size()));
  std::vector<rt::Value> args(ft.params.size());
  for (size_t i = 0; i < ft.params.size(); ++i)
    if (!rt::parseValue(rest[i], ft.params[i], args[i]))
      return fail(name, "invalid " + std::string(wasm::valTypeName(ft.params[i])) + " argument '" + rest[i] +
                            "' for parameter " + std::to_string(i) + " of '" + bo.invokeName + "'");
  std::vector<rt::Value> results;
  if (auto trap = store.invoke(f, args, results)) return rt::reportTrap(name, *trap, &vm->module(), wasi::kRaisedPrefix);
  for (const auto& r : results) std::printf("%s\n", rt::formatValue(r).c_str());
  std::fflush(stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return runMain(argc, argv); }
