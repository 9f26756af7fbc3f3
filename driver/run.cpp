// driver/run.cpp — `wasmc run`: load, decode, validate, instantiate with WASI, then call `_start`
// (or --invoke NAME with parsed arguments). Every failure is one `wasmc: error:` line and status 1;
// a trap prints the trap and its backtrace and gives 134; proc_exit's status becomes ours, and so does
// proc_raise's 128 + signal (after one line naming the signal).
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "driver/commands.h"
#include "driver/input.h"
#include "driver/options.h"
#include "runtime/core/report.h"
#include "runtime/core/runtime.h"
#include "runtime/wasi/wasi.h"
#include "wasm/decoder.h"
#include "wasm/validator.h"
#include "runtime/jit/cpu.h"

namespace wasmc::driver {

namespace {

int fail(const std::string& msg) {
  std::fflush(stdout);
  std::fprintf(stderr, "wasmc: error: %s\n", msg.c_str());
  return 1;
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
  if (!readModuleFile(o.file, bytes, err)) return fail(o.file + ": " + err);
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
  eo.avx = o.cpuNative && rt::jit::hostHasAvx();
  eo.verbose = o.verbose;
  eo.optLevel = o.optLevel;
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
  if (inst.trap) return rt::reportTrap(o.file, *inst.trap, &vm->module(), wasi::kRaisedPrefix);
  if (!inst.instance) return fail(o.file + ": instantiation failed");

  if (!o.invoke) {
    rt::FuncInst* start = inst.instance->exportedFunc("_start");
    if (!start)
      return fail(o.file + ": module has no '_start' function export (use --invoke NAME to call another export)");
    if (!start->type->params.empty() || !start->type->results.empty())
      return fail(o.file + ": '_start' must have type [] -> [], not " + wasm::funcTypeToString(*start->type));
    std::vector<rt::Value> results;
    if (auto trap = store.invoke(start, {}, results)) return rt::reportTrap(o.file, *trap, &vm->module(), wasi::kRaisedPrefix);
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
    if (!rt::parseValue(o.args[i], ft.params[i], args[i]))
      return fail("invalid " + std::string(wasm::valTypeName(ft.params[i])) + " argument '" + o.args[i] +
                  "' for parameter " + std::to_string(i) + " of '" + o.invokeName + "'");
  std::vector<rt::Value> results;
  if (auto trap = store.invoke(f, args, results)) return rt::reportTrap(o.file, *trap, &vm->module(), wasi::kRaisedPrefix);
  for (const auto& r : results) std::printf("%s\n", rt::formatValue(r).c_str());
  std::fflush(stdout);
  return 0;
}

}  // namespace wasmc::driver
