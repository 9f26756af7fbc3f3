// driver/run.cpp — `wasmc run`: load, decode, validate, instantiate with WASI, then call `_start`
// (or --invoke NAME with parsed arguments). Every failure is one `wasmc: error:` line and status 1;
// a trap prints the trap and its backtrace and gives 134; proc_exit's status becomes ours, and so does
// proc_raise's 128 + signal (after one line naming the signal).
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "driver/commands.h"
#include "driver/options.h"
#include "runtime/core/runtime.h"
#include "runtime/wasi/wasi.h"
#include "wasm/decoder.h"
#include "wasm/validator.h"

namespace wasmc::driver {

namespace {

constexpr int kTrapExitStatus = 134;

int fail(const std::string& msg) {
  std::fflush(stdout);
  std::fprintf(stderr, "wasmc: error: %s\n", msg.c_str());
  return 1;
}

bool readFile(const std::string& path, std::vector<uint8_t>& out, std::string& err) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    err = std::strerror(errno);
    return false;
  }
  uint8_t buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.insert(out.end(), buf, buf + n);
  bool bad = std::ferror(f);
  if (bad) err = std::strerror(errno);
  std::fclose(f);
  return !bad;
}

int reportTrap(const std::string& file, const rt::Trap& t, const wasm::Module* mod) {
  std::fflush(stdout);
  std::string msg = t.message.empty() ? trapMessage(t.code) : t.message;
  std::fprintf(stderr, "wasmc: error: %s: trap: %s\n", file.c_str(), msg.c_str());
  // Deep recursion gives tens of thousands of frames: show the innermost and outermost ones.
  constexpr size_t kHead = 20, kTail = 5;
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

// Exit status for a trap: proc_exit's status, or kTrapExitStatus after printing it.
// Frames without a name take it from `mod`'s name section (wasmc runs one module).
int trapStatus(const std::string& file, const rt::Trap& t, const wasm::Module* mod) {
  std::fflush(stdout);
  if (t.code == TrapCode::Exit) {
    // proc_raise: one line naming the signal, as a shell reports a native program killed by it.
    if (std::string_view(t.message).starts_with(wasi::kRaisedPrefix))
      std::fprintf(stderr, "wasmc: error: %s: %s\n", file.c_str(), t.message.c_str());
    return t.exitCode;
  }
  return reportTrap(file, t, mod);
}

template <class T>
bool parseInt(const std::string& s, T& out) {
  const char* b = s.data();
  const char* e = b + s.size();
  auto r = std::from_chars(b, e, out);
  return r.ec == std::errc() && r.ptr == e;
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
      errno = 0;
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

}  // namespace

int runCommand(int argc, char** argv) {
  auto parsed = parseRunOptions(argc, argv);
  if (!parsed) return fail(parsed.error().message);
  RunOptions& o = *parsed;
  if (o.help) {
    std::fputs(usageText("run"), stdout);
    return 0;
  }

  std::vector<uint8_t> bytes;
  std::string err;
  if (!readFile(o.file, bytes, err)) return fail(o.file + ": " + err);
  auto mod = wasm::decode(std::move(bytes));
  if (!mod) return fail(o.file + ": " + mod.error().format());
  auto valid = wasm::validate(std::shared_ptr<const wasm::Module>(std::move(*mod)));
  if (!valid) return fail(o.file + ": " + valid.error().format());
  auto vm = std::make_shared<const wasm::ValidatedModule>(std::move(*valid));

  wasi::WasiOptions wo;
  wo.args.push_back(o.file);
  if (!o.invoke) wo.args.insert(wo.args.end(), o.args.begin(), o.args.end());
  wo.env = o.env;
  for (const auto& d : o.dirs) wo.preopens.push_back({d.host, d.guest});
  auto ctx = wasi::WasiContext::create(std::move(wo));
  if (!ctx) return fail(ctx.error().message);

  rt::EngineOptions eo;
  eo.mode = o.interp ? rt::ExecMode::Interp : rt::ExecMode::Jit;
  eo.jitCompile = o.jitEager ? rt::JitCompile::Eager : rt::JitCompile::Lazy;
  eo.perfMap = o.perfMap;
  eo.explicitBoundsChecks = o.explicitBounds;
  eo.verbose = o.verbose;
  rt::Store store(eo);
  rt::Linker linker;
  wasi::addWasi(store, linker, **ctx);

  // Name the first unresolvable import ourselves (the engine's link error does not say which).
  for (const auto& imp : vm->module().imports) {
    auto ext = linker.lookup(imp.module, imp.name);
    if (!ext)
      return fail(o.file + ": unknown import " + imp.module + "." + imp.name + " (wasmc run provides only " +
                  wasi::kWasiModule + ")");
    if (imp.kind == wasm::ExternKind::Func && ext->func() &&
        !(*ext->func()->type == vm->module().types[imp.funcType]))
      return fail(o.file + ": import " + imp.module + "." + imp.name + " has type " +
                  wasm::funcTypeToString(vm->module().types[imp.funcType]) + ", expected " +
                  wasm::funcTypeToString(*ext->func()->type));
  }
  rt::InstantiateResult inst = store.instantiate(vm, linker);
  if (inst.linkError) return fail(o.file + ": " + inst.linkError->format());
  if (inst.trap) return trapStatus(o.file, *inst.trap, &vm->module());
  if (!inst.instance) return fail(o.file + ": instantiation failed");

  if (!o.invoke) {
    rt::FuncInst* start = inst.instance->exportedFunc("_start");
    if (!start)
      return fail(o.file + ": module has no '_start' function export (use --invoke NAME to call another export)");
    if (!start->type->params.empty() || !start->type->results.empty())
      return fail(o.file + ": '_start' must have type [] -> [], not " + wasm::funcTypeToString(*start->type));
    std::vector<rt::Value> results;
    if (auto trap = store.invoke(start, {}, results)) return trapStatus(o.file, *trap, &vm->module());
    std::fflush(stdout);
    return 0;
  }

  rt::FuncInst* f = inst.instance->exportedFunc(o.invokeName);
  if (!f) return fail(o.file + ": no exported function '" + o.invokeName + "'");
  const wasm::FuncType& ft = *f->type;
  if (o.args.size() != ft.params.size())
    return fail(o.file + ": '" + o.invokeName + "' takes " + std::to_string(ft.params.size()) +
                " argument(s) " + wasm::funcTypeToString(ft) + ", got " + std::to_string(o.args.size()));
  std::vector<rt::Value> args(ft.params.size());
  for (size_t i = 0; i < ft.params.size(); ++i)
    if (!parseArg(o.args[i], ft.params[i], args[i]))
      return fail("invalid " + std::string(wasm::valTypeName(ft.params[i])) + " argument '" + o.args[i] +
                  "' for parameter " + std::to_string(i) + " of '" + o.invokeName + "'");
  std::vector<rt::Value> results;
  if (auto trap = store.invoke(f, args, results)) return trapStatus(o.file, *trap, &vm->module());
  for (const auto& r : results) std::printf("%s\n", formatValue(r).c_str());
  std::fflush(stdout);
  return 0;
}

}  // namespace wasmc::driver
