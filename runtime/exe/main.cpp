// runtime/exe/main.cpp — the `main` of every executable `wasmc build` links: takes the statically linked
// AOT descriptor `wasmc_module` and the build options `wasmc_build_options` (runtime/exe/build_options.h),
// instantiates the module with WASI (argv = ours, environment filtered as built, preopens exactly those
// given at build time) and runs `_start` or the built-in --invoke export. Exit status: the program's
// (proc_exit), 128+signal for proc_raise, 134 after a trap (message + backtrace on stderr), 1 when the
// runtime cannot start the module. No LLVM and no compiler code runs here: the code is already linked in.
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/aot/engine.h"
#include "runtime/aot/loader.h"
#include "runtime/core/runtime.h"
#include "runtime/exe/build_options.h"
#include "runtime/wasi/wasi.h"
#include "wasm/validator.h"

extern "C" const wasmc::aot::AotDescriptor wasmc_module;
extern "C" const uint8_t wasmc_build_options[];

extern char** environ;

namespace {

using namespace wasmc;

constexpr int kTrapExitStatus = 134;
constexpr uint32_t kSmallInterpDepth = 256;

int fail(const std::string& name, const std::string& msg) {
  std::fflush(stdout);
  std::fprintf(stderr, "wasmc: error: %s: %s\n", name.c_str(), msg.c_str());
  return 1;
}

int reportTrap(const std::string& file, const rt::Trap& t, const wasm::Module* mod) {
  std::fflush(stdout);
  if (t.code == TrapCode::Exit) {
    if (std::string_view(t.message).starts_with(wasi::kRaisedPrefix))
      std::fprintf(stderr, "wasmc: error: %s: %s\n", file.c_str(), t.message.c_str());
    return t.exitCode;
  }
  std::string msg = t.message.empty() ? trapMessage(t.code) : t.message;
  std::fprintf(stderr, "wasmc: error: %s: trap: %s\n", file.c_str(), msg.c_str());
  constexpr size_t kHead = 20, kTail = 5;  // deep recursion: innermost and outermost frames only
  const size_t n = t.backtrace.size();
  for (size_t i = 0; i < n; ++i) {
    if (n > kHead + kTail + 1 && i == kHead) {
      std::fprintf(stderr, "  ... %zu more frames ...\n", n - kHead - kTail);
      i = n - kTail - 1;
      continue;
    }
    const rt::Frame& fr = t.backtrace[i];
    std::string name = fr.funcName;
    if (name.empty() && mod) name = mod->funcName(fr.funcIndex);
    if (name.empty()) name = "func[" + std::to_string(fr.funcIndex) + "]";
    std::fprintf(stderr, "  at %s (func %u)\n", name.c_str(), fr.funcIndex);
  }
  return kTrapExitStatus;
}

template <class T>
bool parseInt(const std::string& s, T& out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool parseArg(const std::string& s, wasm::ValType t, rt::Value& v) {
  switch (t) {
    case wasm::ValType::I32: {
      int32_t si;
      uint32_t ui;
      if (parseInt(s, si)) { v = rt::Value::makeI32(uint32_t(si)); return true; }
      if (parseInt(s, ui)) { v = rt::Value::makeI32(ui); return true; }
      return false;
    }
    case wasm::ValType::I64: {
      int64_t si;
      uint64_t ui;
      if (parseInt(s, si)) { v = rt::Value::makeI64(uint64_t(si)); return true; }
      if (parseInt(s, ui)) { v = rt::Value::makeI64(ui); return true; }
      return false;
    }
    case wasm::ValType::F32: {
      if (s.empty()) return false;
      char* end;
      float f = std::strtof(s.c_str(), &end);
      if (*end) return false;
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      v = rt::Value::makeF32Bits(bits);
      return true;
    }
    case wasm::ValType::F64: {
      if (s.empty()) return false;
      char* end;
      double d = std::strtod(s.c_str(), &end);
      if (*end) return false;
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      v = rt::Value::makeF64Bits(bits);
      return true;
    }
    case wasm::ValType::V128:
    case wasm::ValType::FuncRef:
    case wasm::ValType::ExternRef:
      return false;
  }
  return false;
}

template <class F>
std::string formatFloat(F f) {
  if (std::isnan(f)) return std::signbit(f) ? "-nan" : "nan";
  if (std::isinf(f)) return f < 0 ? "-inf" : "inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, f);
  return std::string(buf, r.ptr);
}

std::string formatValue(const rt::Value& v) {
  switch (v.type) {
    case wasm::ValType::I32: return std::to_string(int32_t(v.i32));
    case wasm::ValType::I64: return std::to_string(int64_t(v.i64));
    case wasm::ValType::F32: {
      float f;
      std::memcpy(&f, &v.f32, 4);
      return formatFloat(f);
    }
    case wasm::ValType::F64: {
      double d;
      std::memcpy(&d, &v.f64, 8);
      return formatFloat(d);
    }
    case wasm::ValType::V128: {
      std::string s = "v128:";
      char b[4];
      for (int i = 0; i < 16; ++i) {
        std::snprintf(b, sizeof b, "%02x", v.v128.bytes[i]);
        s += b;
      }
      return s;
    }
    case wasm::ValType::FuncRef:
    case wasm::ValType::ExternRef: {
      if (!v.ref) return "null";
      char b[32];
      std::snprintf(b, sizeof b, "ref:0x%llx", static_cast<unsigned long long>(v.ref));
      return b;
    }
  }
  return "?";
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
  if (inst.trap) return reportTrap(name, *inst.trap, &vm->module());
  if (!inst.instance) return fail(name, "instantiation failed");

  if (!bo.invoke) {
    rt::FuncInst* start = inst.instance->exportedFunc("_start");
    if (!start) return fail(name, "module has no '_start' function export");
    if (!start->type->params.empty() || !start->type->results.empty())
      return fail(name, "'_start' must have type [] -> []");
    std::vector<rt::Value> results;
    if (auto trap = store.invoke(start, {}, results)) return reportTrap(name, *trap, &vm->module());
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
    if (!parseArg(rest[i], ft.params[i], args[i]))
      return fail(name, "invalid " + std::string(wasm::valTypeName(ft.params[i])) + " argument '" + rest[i] +
                            "' for parameter " + std::to_string(i) + " of '" + bo.invokeName + "'");
  std::vector<rt::Value> results;
  if (auto trap = store.invoke(f, args, results)) return reportTrap(name, *trap, &vm->module());
  for (const auto& r : results) std::printf("%s\n", formatValue(r).c_str());
  std::fflush(stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return runMain(argc, argv); }
