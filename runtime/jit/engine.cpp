// runtime/jit/engine.cpp — per-instance VMContext construction, lazy stubs, lazy/eager compilation, the
// host-call and interpreter-fallback dispatch, and entry from the embedder through the per-signature entry
// trampolines. Lock order: only mu_; it is never held while generated code, a host function or the
// interpreter runs.
#include "runtime/jit/engine.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>

#include "runtime/interp/interp.h"
#include "runtime/jit/trap_handler.h"

namespace wasmc::rt::jit {

enum class FuncStateKind : uint8_t { Stub, Compiled, Interp };

struct JitInstance {
  ContextOwner owner;
  Instance* inst = nullptr;
  uint32_t numImported = 0;
  abi::VMContext ctx;
  std::vector<abi::VMFuncRef> funcs;  // sized once: importers keep pointers into it
  std::vector<uint64_t*> globals;
  std::vector<abi::VMTable*> tables;
  std::vector<uint32_t> typeIds;
  CodeBlock stubs;
  CodeInfo stubInfo;
  uint32_t stubHandle = UINT32_MAX;
  struct Func {
    FuncStateKind state = FuncStateKind::Stub;
    std::vector<abi::VMFuncRef*> slots;  // every slot that must follow this function's code
    const LoadedCode::Fn* code = nullptr;
    HostCallTarget* fallback = nullptr;
  };
  std::vector<Func> defined;
  std::vector<std::unique_ptr<LoadedCode>> blocks;  // compiled code (one block per lazy compile or eager batch)
  ~JitInstance() { CodeRegistry::global().remove(stubHandle); }
};

namespace {

const abi::VMFuncRef* lazyCompileThunk(abi::VMContext* ctx, uint32_t funcIndex) {
  auto* ji = static_cast<JitInstance*>(ctx->engine);
  return ji->owner.engine->lazyCompile(*ji, funcIndex);
}

std::string funcName(const Instance& inst, uint32_t funcIndex) {
  const FuncInst* f = inst.funcs[funcIndex];
  if (!f->debugName.empty()) return f->debugName;
  return "wasm-function[" + std::to_string(funcIndex) + "]";
}

MemoryInst* memory0(const Instance* inst) { return inst && !inst->memories.empty() ? inst->memories[0] : nullptr; }

// 16-byte argument/result slots of the code generator's trampolines.
void writeSlot(uint64_t* slot, const Value& v) {
  slot[0] = slot[1] = 0;
  switch (v.type) {
    case ValType::I32:
    case ValType::F32: slot[0] = v.i32; break;
    case ValType::I64:
    case ValType::F64:
    case ValType::FuncRef:
    case ValType::ExternRef: slot[0] = v.i64; break;
    case ValType::V128: std::memcpy(slot, v.v128.bytes, 16); break;
  }
}
Value readSlot(const uint64_t* slot, ValType t) {
  Value v = Value::zero(t);
  switch (t) {
    case ValType::I32:
    case ValType::F32: v.i32 = uint32_t(slot[0]); break;
    case ValType::I64:
    case ValType::F64:
    case ValType::FuncRef:
    case ValType::ExternRef: v.i64 = slot[0]; break;
    case ValType::V128: std::memcpy(v.v128.bytes, slot, 16); break;
  }
  return v;
}

}  // namespace

Engine* engineOf(abi::VMContext* ctx) {
  return ctx && ctx->engine ? static_cast<ContextOwner*>(ctx->engine)->engine : nullptr;
}

Engine::Engine(Store& store, interp::Thread& thread, CompileHook compile, TrampolineHook entry, TrampolineHook host)
    : store_(store), thread_(thread), compile_(std::move(compile)), entryHook_(std::move(entry)),
      hostHook_(std::move(host)) {
  Expected<std::unique_ptr<Trampolines>> t = Trampolines::create(&lazyCompileThunk);
  if (t) tramps_ = std::move(*t);
  else init_ = t.takeError();
  if (store.options().perfMap) {
    std::string path = "/tmp/perf-" + std::to_string(getpid()) + ".map";
    perfMap_ = std::fopen(path.c_str(), "a");
  }
}

Engine::~Engine() {
  if (perfMap_) std::fclose(perfMap_);
  if (store_.options().verbose)
    std::fprintf(stderr, "jit: %u functions compiled (%llu bytes, %.3f s), %u ran in the interpreter (fallback)\n",
                 stats_.compiled, static_cast<unsigned long long>(stats_.codeBytes), stats_.compileSeconds,
                 stats_.fallbacks);
}

abi::VMContext* Engine::context(const Instance& inst) const {
  auto* ji = static_cast<JitInstance*>(inst.jitData);
  return ji ? &ji->ctx : nullptr;
}

const void* Engine::currentCode(const Instance& inst, uint32_t funcIndex) const {
  auto* ji = static_cast<JitInstance*>(inst.jitData);
  if (!ji || funcIndex >= ji->funcs.size()) return nullptr;
  return std::atomic_ref<void*>(ji->funcs[funcIndex].code).load(std::memory_order_acquire);
}

bool Engine::isCompiled(const Instance& inst, uint32_t funcIndex) const {
  auto* ji = static_cast<JitInstance*>(inst.jitData);
  if (!ji || funcIndex < ji->numImported || funcIndex >= ji->funcs.size()) return false;
  return ji->defined[funcIndex - ji->numImported].state == FuncStateKind::Compiled;
}

Expected<const void*> Engine::trampolineLocked(const FuncType& type, bool entry) {
  uint32_t id = store_.internType(type);
  auto& cache = entry ? entryByType_ : hostByType_;
  if (auto it = cache.find(id); it != cache.end()) return it->second;
  const TrampolineHook& hook = entry ? entryHook_ : hostHook_;
  if (!hook) return Error::plain("jit: no trampoline generator");
  Expected<codegen::CompiledFunction> cf = hook(type);
  if (!cf) return cf.takeError();
  auto info = std::make_unique<CodeInfo>();
  info->kind = entry ? CodeKind::Entry : CodeKind::Trampoline;
  info->name = entry ? "wasmc.entry" : "wasmc.host_call";
  Expected<std::unique_ptr<LoadedCode>> lc = loadCode(*cf, std::move(info), nullptr);
  if (!lc) return lc.takeError();
  const void* code = (*lc)->entry();
  if (perfMap_) {
    const LoadedCode::Fn& fn = (*lc)->fns[0];
    std::fprintf(perfMap_, "%llx %zx %s\n", static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(fn.entry)),
                 fn.codeSize, fn.info->name.c_str());
  }
  trampolines_.push_back(std::move(*lc));
  cache[id] = code;
  return code;
}

Expected<HostCallTarget*> Engine::hostTargetLocked(FuncInst* f, Instance* caller) {
  Expected<const void*> tramp = trampolineLocked(*f->type, /*entry=*/false);
  if (!tramp) return tramp.takeError();
  auto t = std::make_unique<HostCallTarget>();
  t->owner = ContextOwner{this, true};
  t->func = f;
  t->caller = caller;
  MemoryInst* mem = memory0(caller);
  t->ctx.memBase = mem ? mem->base : nullptr;
  t->ctx.memSize = mem ? mem->sizeBytes : 0;
  t->ctx.stackLimit = stackLimit_;
  t->ctx.instance = caller;
  t->ctx.memory = mem;
  t->ctx.engine = t.get();
  (void)tramp;
  hostTargets_.push_back(std::move(t));
  return hostTargets_.back().get();
}

Status Engine::instantiate(Instance& inst) {
  if (!init_) return init_.error();
  std::lock_guard<std::mutex> lock(mu_);
  const wasm::Module& m = inst.module();
  auto owned = std::make_unique<JitInstance>();
  JitInstance& ji = *owned;
  ji.owner = ContextOwner{this, false};
  ji.inst = &inst;
  ji.numImported = m.numImportedFuncs;
  uint32_t nDefined = uint32_t(m.functions.size());

  Expected<CodeBlock> block = CodeBlock::allocate(size_t(nDefined ? nDefined : 1) * kStubBytes);
  if (!block) return block.takeError();
  ji.stubs = std::move(*block);
  uint8_t* w = ji.stubs.writable();

  for (const FuncType& t : m.types) ji.typeIds.push_back(store_.internType(t));
  for (GlobalInst* g : inst.globals) ji.globals.push_back(g->bits);
  for (TableInst* t : inst.tables) ji.tables.push_back(&t->vm);
  ji.funcs.resize(inst.funcs.size());
  ji.defined.resize(nDefined);

  for (uint32_t i = 0; i < ji.numImported; ++i) {
    FuncInst* f = inst.funcs[i];
    if (f->isHost()) {
      Expected<HostCallTarget*> t = hostTargetLocked(f, &inst);
      if (!t) return t.takeError();
      void* code = const_cast<void*>(hostByType_[store_.internType(*f->type)]);
      ji.funcs[i] = abi::VMFuncRef{code, &(*t)->ctx, f->typeId, f->funcIndex};
      if (!f->vm.code) f->vm = ji.funcs[i];  // funcref of a host function: the first importer's context
      continue;
    }
    auto* exporter = static_cast<JitInstance*>(f->instance->jitData);
    if (!exporter) return Error::plain("jit: imported function has no JIT state");
    ji.funcs[i] = f->vm;
    exporter->defined[f->funcIndex - exporter->numImported].slots.push_back(&ji.funcs[i]);
  }
  for (uint32_t d = 0; d < nDefined; ++d) {
    uint32_t idx = ji.numImported + d;
    FuncInst* f = inst.funcs[idx];
    writeLazyStub(w + size_t(d) * kStubBytes, *tramps_, idx);
    void* stub = const_cast<uint8_t*>(ji.stubs.base()) + size_t(d) * kStubBytes;
    f->vm = abi::VMFuncRef{stub, &ji.ctx, f->typeId, idx};
    ji.funcs[idx] = f->vm;
    ji.defined[d].slots = {&ji.funcs[idx], &f->vm};
  }
  if (Status s = ji.stubs.makeExecutable(); !s) return s;
  ji.stubInfo.kind = CodeKind::Trampoline;
  ji.stubInfo.name = "wasmc.lazy_stubs";
  uintptr_t sb = reinterpret_cast<uintptr_t>(ji.stubs.base());
  ji.stubHandle = CodeRegistry::global().add(sb, sb + ji.stubs.size(), &ji.stubInfo);

  MemoryInst* mem = memory0(&inst);
  ji.ctx.memBase = mem ? mem->base : nullptr;
  ji.ctx.memSize = mem ? mem->sizeBytes : 0;
  ji.ctx.stackLimit = stackLimit_;
  ji.ctx.funcs = ji.funcs.data();
  ji.ctx.globals = ji.globals.data();
  ji.ctx.tables = ji.tables.data();
  ji.ctx.typeIds = ji.typeIds.data();
  ji.ctx.instance = &inst;
  ji.ctx.memory = mem;
  ji.ctx.engine = &ji;
  if (mem) memUsers_[mem].push_back(&ji.ctx);
  inst.jitData = &ji;
  instances_.push_back(std::move(owned));

  if (store_.options().jitCompile == JitCompile::Eager) compileAllLocked(ji);
  return {};
}

void Engine::setCodeLocked(JitInstance& ji, uint32_t d, const void* code, abi::VMContext* ctx) {
  for (abi::VMFuncRef* slot : ji.defined[d].slots) {
    // ctx first: a racing caller that sees the new code also sees its context (single-store use makes
    // this belt and braces; the Store is not shared between threads).
    std::atomic_ref<abi::VMContext*>(slot->ctx).store(ctx, std::memory_order_release);
    std::atomic_ref<void*>(slot->code).store(const_cast<void*>(code), std::memory_order_release);
  }
}

namespace {
std::unique_ptr<CodeInfo> functionInfo(const JitInstance& ji, uint32_t idx) {
  auto info = std::make_unique<CodeInfo>();
  info->kind = CodeKind::WasmFunction;
  info->funcIndex = idx;
  info->name = funcName(*ji.inst, idx);
  return info;
}
FunctionResolver resolverFor(JitInstance& ji) {
  return [&ji](uint32_t fi) -> uint64_t {
    return fi < ji.funcs.size() ? reinterpret_cast<uint64_t>(std::atomic_ref<void*>(ji.funcs[fi].code).load()) : 0;
  };
}
}  // namespace

void Engine::installCompiledLocked(JitInstance& ji, uint32_t d, const LoadedCode::Fn& fn) {
  JitInstance::Func& fs = ji.defined[d];
  fs.code = &fn;
  fs.state = FuncStateKind::Compiled;
  ++stats_.compiled;
  stats_.codeBytes += fn.codeSize;
  if (perfMap_) {
    std::fprintf(perfMap_, "%llx %zx %s\n", static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(fn.entry)),
                 fn.codeSize, fn.info->name.c_str());
    std::fflush(perfMap_);
  }
  setCodeLocked(ji, d, fn.entry, &ji.ctx);
}

void Engine::installFallbackLocked(JitInstance& ji, uint32_t d, const std::string& why) {
  JitInstance::Func& fs = ji.defined[d];
  uint32_t idx = ji.numImported + d;
  fs.state = FuncStateKind::Interp;
  ++stats_.fallbacks;
  if (store_.options().verbose)
    std::fprintf(stderr, "jit: %s runs in the interpreter: %s\n", funcName(*ji.inst, idx).c_str(), why.c_str());
  FuncInst* f = ji.inst->funcs[idx];
  Expected<HostCallTarget*> t = hostTargetLocked(f, ji.inst);
  if (!t) {
    setCodeLocked(ji, d, tramps_->trapStub(), &ji.ctx);  // nothing can run it: calls trap
    return;
  }
  fs.fallback = *t;
  setCodeLocked(ji, d, hostByType_[store_.internType(*f->type)], &fs.fallback->ctx);
}

void Engine::compileLocked(JitInstance& ji, uint32_t d) {
  JitInstance::Func& fs = ji.defined[d];
  if (fs.state != FuncStateKind::Stub) return;
  auto t0 = std::chrono::steady_clock::now();
  uint32_t idx = ji.numImported + d;
  std::string why = "no code generator";
  if (compile_) {
    Expected<codegen::CompiledFunction> cf = compile_(ji.inst->validated(), d);
    if (!cf) {
      why = cf.error().format();
    } else {
      Expected<std::unique_ptr<LoadedCode>> lc = loadCode(*cf, functionInfo(ji, idx), resolverFor(ji));
      if (lc) {
        ji.blocks.push_back(std::move(*lc));
        stats_.compileSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        installCompiledLocked(ji, d, ji.blocks.back()->fns[0]);
        return;
      }
      why = lc.error().format();
    }
  }
  stats_.compileSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  installFallbackLocked(ji, d, why);
}

void Engine::compileAllLocked(JitInstance& ji) {
  auto t0 = std::chrono::steady_clock::now();
  std::vector<codegen::CompiledFunction> compiled;
  std::vector<uint32_t> which;
  std::vector<std::pair<uint32_t, std::string>> declined;
  for (uint32_t d = 0; d < ji.defined.size(); ++d) {
    if (ji.defined[d].state != FuncStateKind::Stub) continue;
    Expected<codegen::CompiledFunction> cf =
        compile_ ? compile_(ji.inst->validated(), d) : Expected<codegen::CompiledFunction>(Error::plain("no code generator"));
    if (cf) {
      compiled.push_back(std::move(*cf));
      which.push_back(d);
    } else {
      declined.emplace_back(d, cf.error().format());
    }
  }
  std::vector<LoadItem> items;
  for (size_t i = 0; i < compiled.size(); ++i) items.push_back(LoadItem{&compiled[i], functionInfo(ji, ji.numImported + which[i])});
  Expected<std::unique_ptr<LoadedCode>> lc = loadCode(std::move(items), resolverFor(ji));
  stats_.compileSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (lc) {
    ji.blocks.push_back(std::move(*lc));
    const LoadedCode& block = *ji.blocks.back();
    for (size_t i = 0; i < which.size(); ++i) installCompiledLocked(ji, which[i], block.fns[i]);
  } else {
    for (uint32_t d : which) compileLocked(ji, d);  // one at a time: only the failing ones fall back
  }
  for (const auto& [d, why] : declined) installFallbackLocked(ji, d, why);
}

const abi::VMFuncRef* Engine::lazyCompile(JitInstance& ji, uint32_t funcIndex) {
  std::lock_guard<std::mutex> lock(mu_);
  FuncInst* f = funcIndex < ji.inst->funcs.size() ? ji.inst->funcs[funcIndex] : nullptr;
  if (!f || funcIndex < ji.numImported) {
    setPendingTrap(Trap{TrapCode::HostError, "jit: lazy stub for an unknown function", 0, {}});
    return nullptr;  // the trampoline faults on the load: reported as the pending trap
  }
  compileLocked(ji, funcIndex - ji.numImported);
  if (ji.defined[funcIndex - ji.numImported].state == FuncStateKind::Interp &&
      !ji.defined[funcIndex - ji.numImported].fallback)
    setPendingTrap(Trap{TrapCode::HostError, "jit: no way to run " + funcName(*ji.inst, funcIndex), 0, {}});
  return &f->vm;
}

void Engine::syncMemorySize(MemoryInst* mem) {
  if (!mem) return;
  auto it = memUsers_.find(mem);
  if (it == memUsers_.end()) return;
  for (abi::VMContext* c : it->second) c->memSize = mem->sizeBytes;
}

uint32_t Engine::hostCall(HostCallTarget& t, uint64_t* slots) {
  FuncInst* f = t.func;
  const FuncType& ft = *f->type;
  std::vector<Value> args(ft.params.size());
  for (size_t i = 0; i < args.size(); ++i) args[i] = readSlot(slots + 2 * i, ft.params[i]);
  std::vector<Value> results(ft.results.size());
  for (size_t k = 0; k < results.size(); ++k) results[k] = Value::zero(ft.results[k]);
  ExecResult r;
  if (f->isHost()) {
    HostCallContext hc{store_, t.caller, memory0(t.caller), f->hostData};
    r = f->host(hc, args, std::span<Value>(results));
    syncMemorySize(memory0(t.caller));
  } else {
    r = interp::invoke(store_, thread_, f, args, results);
    syncMemorySize(memory0(f->instance));
  }
  if (r) {
    setPendingTrap(std::move(*r));
    return 1;
  }
  for (size_t k = 0; k < results.size(); ++k) {
    results[k].type = ft.results[k];
    writeSlot(slots + 2 * k, results[k]);
  }
  return 0;
}

void Engine::setStackLimits() {
  uintptr_t lim = threadStackLimit();
  if (lim == stackLimit_) return;
  std::lock_guard<std::mutex> lock(mu_);
  stackLimit_ = lim;
  for (auto& ji : instances_) ji->ctx.stackLimit = lim;
  for (auto& t : hostTargets_) t->ctx.stackLimit = lim;
}

ExecResult Engine::invoke(FuncInst* f, std::span<const Value> args, std::vector<Value>& results) {
  auto* ji = f->isHost() ? nullptr : static_cast<JitInstance*>(f->instance->jitData);
  if (!ji) return interp::invoke(store_, thread_, f, args, results);
  uint32_t d = f->funcIndex - ji->numImported;
  JitInstance::Func& fs = ji->defined[d];
  const void* code = nullptr;
  const void* entry = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    compileLocked(*ji, d);
    if (fs.state == FuncStateKind::Compiled) {
      code = fs.code->entry;
      Expected<const void*> e = trampolineLocked(*f->type, /*entry=*/true);
      if (!e) {
        Trap t;
        t.code = TrapCode::HostError;
        t.message = "jit: no entry trampoline: " + e.error().format();
        return t;
      }
      entry = *e;
    }
  }
  if (!code) {
    ExecResult r = interp::invoke(store_, thread_, f, args, results);
    syncMemorySize(memory0(f->instance));
    return r;
  }
  const FuncType& ft = *f->type;
  std::vector<uint64_t> slots(2 * std::max<size_t>(std::max(ft.params.size(), ft.results.size()), 1));
  for (size_t i = 0; i < ft.params.size(); ++i) {
    Value v = args[i];
    v.type = ft.params[i];
    writeSlot(slots.data() + 2 * i, v);
  }
  setStackLimits();
  ExecResult r = callGenerated(reinterpret_cast<EntryFn>(const_cast<void*>(entry)), &ji->ctx, code, slots.data());
  if (r) return r;
  results.resize(ft.results.size());
  for (size_t k = 0; k < ft.results.size(); ++k) results[k] = readSlot(slots.data() + 2 * k, ft.results[k]);
  return std::nullopt;
}

uint32_t hostCallFromContext(abi::VMContext* ctx, uint64_t* slots) {
  auto* owner = static_cast<ContextOwner*>(ctx->engine);
  if (!owner || !owner->isHostCall) {
    setPendingTrap(Trap{TrapCode::HostError, "jit: host call through a non-host context", 0, {}});
    return 1;
  }
  auto* t = static_cast<HostCallTarget*>(ctx->engine);
  return owner->engine->hostCall(*t, slots);
}

}  // namespace wasmc::rt::jit
