// runtime/jit/engine.cpp — per-instance VMContext construction, stubs, lazy/eager compilation, loading
// (relocations resolved in memory, out-of-range rel32 calls through 16-byte veneers), the host-call and
// interpreter-fallback dispatch, and entry from the embedder. Lock order: only mu_; it is never held
// while generated code, a host function or the interpreter runs.
#include "runtime/jit/engine.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <map>

#include "codegen/x86_64/assembler.h"
#include "runtime/interp/interp.h"
#include "runtime/jit/helpers.h"
#include "runtime/jit/trap_handler.h"

namespace wasmc::rt::jit {

enum class FuncStateKind : uint8_t { Stub, Compiled, Interp };

struct JitInstance {
  Engine* engine = nullptr;
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
    const void* code = nullptr;
    const void* lazyStub = nullptr;
    const void* interpStub = nullptr;
    std::vector<abi::VMFuncRef*> slots;  // every slot that must follow this function's code
    CodeBlock block;
    std::unique_ptr<CodeInfo> info;
    uint32_t handle = UINT32_MAX;
    CallLayout layout;
    bool layoutReady = false;
  };
  std::vector<Func> defined;
};

namespace {

uint32_t hostDispatchThunk(void* target, abi::VMContext* caller, RegFrame* frame) {
  auto* t = static_cast<CallTarget*>(target);
  return t->engine->hostCall(*t, caller, *frame);
}

void* lazyCompileThunk(abi::VMContext* ctx, uint32_t funcIndex) {
  auto* ji = static_cast<JitInstance*>(ctx->engine);
  return ji->engine->lazyCompile(*ji, funcIndex);
}

size_t alignUp(size_t v, size_t a) { return (v + a - 1) / a * a; }

std::string funcName(const Instance& inst, uint32_t funcIndex) {
  const FuncInst* f = inst.funcs[funcIndex];
  if (!f->debugName.empty()) return f->debugName;
  return "wasm-function[" + std::to_string(funcIndex) + "]";
}

MemoryInst* memory0(const Instance* inst) { return inst && !inst->memories.empty() ? inst->memories[0] : nullptr; }

}  // namespace

Engine::Engine(Store& store, interp::Thread& thread, CompileHook compile)
    : store_(store), thread_(thread), compile_(std::move(compile)) {
  Expected<Trampolines> t = Trampolines::create(&hostDispatchThunk, &lazyCompileThunk);
  if (t) tramps_ = std::move(*t);
  else init_ = t.takeError();
  if (store.options().perfMap) {
    std::string path = "/tmp/perf-" + std::to_string(getpid()) + ".map";
    perfMap_ = std::fopen(path.c_str(), "a");
  }
}

Engine::~Engine() {
  for (auto& ji : instances_) {
    for (auto& f : ji->defined) CodeRegistry::global().remove(f.handle);
    CodeRegistry::global().remove(ji->stubHandle);
  }
  if (perfMap_) std::fclose(perfMap_);
  if (store_.options().verbose)
    std::fprintf(stderr, "jit: %u functions compiled (%llu bytes, %.3f s), %u ran in the interpreter (fallback)\n",
                 stats_.compiled, static_cast<unsigned long long>(stats_.codeBytes), stats_.compileSeconds,
                 stats_.fallbacks);
}

CallTarget* Engine::newTarget(FuncInst* f) {
  auto t = std::make_unique<CallTarget>();
  t->engine = this;
  t->func = f;
  t->layout = computeCallLayout(*f->type);
  targets_.push_back(std::move(t));
  return targets_.back().get();
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

Status Engine::instantiate(Instance& inst) {
  if (!init_) return init_.error();
  std::lock_guard<std::mutex> lock(mu_);
  const wasm::Module& m = inst.module();
  auto owned = std::make_unique<JitInstance>();
  JitInstance& ji = *owned;
  ji.engine = this;
  ji.inst = &inst;
  ji.numImported = m.numImportedFuncs;
  uint32_t nDefined = uint32_t(m.functions.size());

  uint32_t nHostStubs = 0;
  for (uint32_t i = 0; i < ji.numImported; ++i)
    if (inst.funcs[i]->isHost() && !hostStubs_.count(inst.funcs[i])) ++nHostStubs;
  uint32_t nStubs = 2 * nDefined + nHostStubs;
  Expected<CodeBlock> block = CodeBlock::allocate(size_t(nStubs ? nStubs : 1) * kStubBytes);
  if (!block) return block.takeError();
  ji.stubs = std::move(*block);
  uint8_t* w = ji.stubs.writable();
  uint32_t nextStub = 0;
  auto stubAt = [&](uint32_t k) { return ji.stubs.base() + size_t(k) * kStubBytes; };

  for (const FuncType& t : m.types) ji.typeIds.push_back(store_.internType(t));
  for (GlobalInst* g : inst.globals) ji.globals.push_back(g->bits);
  for (TableInst* t : inst.tables) ji.tables.push_back(&t->vm);
  ji.funcs.resize(inst.funcs.size());
  ji.defined.resize(nDefined);

  for (uint32_t i = 0; i < ji.numImported; ++i) {
    FuncInst* f = inst.funcs[i];
    if (f->isHost()) {
      auto it = hostStubs_.find(f);
      const void* stub;
      if (it != hostStubs_.end()) {
        stub = it->second;
      } else {
        writeHostStub(w + size_t(nextStub) * kStubBytes, tramps_, newTarget(f));
        stub = stubAt(nextStub++);
        hostStubs_[f] = stub;
      }
      if (!f->vm.code) f->vm = abi::VMFuncRef{const_cast<void*>(stub), &ji.ctx, f->typeId, f->funcIndex};
      ji.funcs[i] = abi::VMFuncRef{const_cast<void*>(stub), &ji.ctx, f->typeId, f->funcIndex};
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
    JitInstance::Func& fs = ji.defined[d];
    writeLazyStub(w + size_t(nextStub) * kStubBytes, tramps_, idx);
    fs.lazyStub = stubAt(nextStub++);
    writeHostStub(w + size_t(nextStub) * kStubBytes, tramps_, newTarget(f));
    fs.interpStub = stubAt(nextStub++);
    fs.code = fs.lazyStub;
    f->vm = abi::VMFuncRef{const_cast<void*>(fs.lazyStub), &ji.ctx, f->typeId, idx};
    ji.funcs[idx] = f->vm;
    fs.slots = {&ji.funcs[idx], &f->vm};
  }
  if (Status s = ji.stubs.makeExecutable(); !s) return s;
  ji.stubInfo.kind = CodeKind::Trampoline;
  ji.stubInfo.name = "wasmc.stubs";
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

  if (store_.options().jitCompile == JitCompile::Eager)
    for (uint32_t d = 0; d < nDefined; ++d) compileLocked(ji, d);
  return {};
}

void Engine::setCodeLocked(JitInstance& ji, uint32_t d, const void* code) {
  JitInstance::Func& fs = ji.defined[d];
  fs.code = code;
  for (abi::VMFuncRef* slot : fs.slots)
    std::atomic_ref<void*>(slot->code).store(const_cast<void*>(code), std::memory_order_release);
}

Expected<const void*> Engine::linkAndLoad(JitInstance& ji, uint32_t funcIndex, const codegen::CompiledFunction& cf) {
  using codegen::FieldKind;
  using codegen::RelocTarget;
  size_t codeSize = cf.code.size();
  size_t poolAlign = cf.constPool.align < 16 ? 16 : cf.constPool.align;
  size_t poolOff = alignUp(codeSize, poolAlign);
  size_t veneerOff = alignUp(poolOff + cf.constPool.bytes.size(), 16);
  size_t maxVeneers = 0;
  for (const codegen::Reloc& r : cf.relocs)
    if (r.kind == FieldKind::Rel32 && (r.target == RelocTarget::Function || r.target == RelocTarget::Helper))
      ++maxVeneers;
  constexpr size_t kVeneerBytes = 16;
  Expected<CodeBlock> block = CodeBlock::allocate(veneerOff + maxVeneers * kVeneerBytes);
  if (!block) return block.takeError();
  uint8_t* w = block->writable();
  uint64_t base = reinterpret_cast<uint64_t>(w);
  std::memcpy(w, cf.code.data(), codeSize);
  if (!cf.constPool.bytes.empty()) std::memcpy(w + poolOff, cf.constPool.bytes.data(), cf.constPool.bytes.size());

  std::map<uint64_t, uint64_t> veneers;  // target → veneer address
  size_t nextVeneer = veneerOff;
  auto veneerFor = [&](uint64_t target) -> uint64_t {
    auto it = veneers.find(target);
    if (it != veneers.end()) return it->second;
    codegen::CodeBuffer vb;
    codegen::x64::Assembler va(vb);
    codegen::Label slot = va.newLabel();
    va.jmp_m(codegen::x64::Mem::rip(slot));  // jmp [rip + slot]
    va.bind(slot);
    vb.emit64(target);
    Expected<codegen::CompiledFunction> v = vb.finish();
    if (!v || v->code.size() > kVeneerBytes) return 0;
    std::memcpy(w + nextVeneer, v->code.data(), v->code.size());
    uint64_t addr = base + nextVeneer;
    nextVeneer += kVeneerBytes;
    veneers[target] = addr;
    return addr;
  };
  auto fitsRel32 = [&](uint64_t field, uint64_t target, int64_t addend) {
    int64_t v = int64_t(target) + addend - int64_t(base + field);
    return v >= INT32_MIN && v <= INT32_MAX;
  };
  for (const codegen::Reloc& r : cf.relocs) {
    uint64_t target = 0;
    switch (r.target) {
      case RelocTarget::Function:
        if (r.index >= ji.funcs.size()) return Error::plain("jit: relocation to an unknown function");
        target = reinterpret_cast<uint64_t>(std::atomic_ref<void*>(ji.funcs[r.index].code).load());
        break;
      case RelocTarget::Helper:
        target = reinterpret_cast<uint64_t>(helperAddress(r.index));
        if (!target) return Error::plain("jit: relocation to an unknown helper");
        break;
      case RelocTarget::ConstPool: target = base + poolOff + r.index; break;
      case RelocTarget::Data: return Error::plain("jit: data relocations are not supported");
    }
    if (r.kind == FieldKind::Rel32 && r.target != RelocTarget::ConstPool && !fitsRel32(r.offset, target, r.addend)) {
      target = veneerFor(target);
      if (!target) return Error::plain("jit: cannot build a call veneer");
    }
    if (!codegen::patchField(w, r.offset, r.kind, base, target, r.addend))
      return Error::plain("jit: relocation out of range");
  }
  if (Status s = block->makeExecutable(); !s) return s.takeError();

  JitInstance::Func& fs = ji.defined[funcIndex - ji.numImported];
  fs.block = std::move(*block);
  fs.info = std::make_unique<CodeInfo>();
  fs.info->kind = CodeKind::WasmFunction;
  fs.info->funcIndex = funcIndex;
  fs.info->name = funcName(*ji.inst, funcIndex);
  for (const codegen::TrapSite& t : cf.trapSites) fs.info->trapSites.push_back(TrapSiteEntry{t.codeOffset, t.code});
  std::sort(fs.info->trapSites.begin(), fs.info->trapSites.end(),
            [](const TrapSiteEntry& a, const TrapSiteEntry& b) { return a.codeOffset < b.codeOffset; });
  fs.handle = CodeRegistry::global().add(base, base + codeSize, fs.info.get());
  if (perfMap_) {
    std::fprintf(perfMap_, "%llx %zx %s\n", static_cast<unsigned long long>(base), codeSize, fs.info->name.c_str());
    std::fflush(perfMap_);
  }
  stats_.codeBytes += codeSize;
  return static_cast<const void*>(fs.block.base());
}

void Engine::compileLocked(JitInstance& ji, uint32_t d) {
  JitInstance::Func& fs = ji.defined[d];
  if (fs.state != FuncStateKind::Stub) return;
  auto t0 = std::chrono::steady_clock::now();
  uint32_t idx = ji.numImported + d;
  std::string why;
  const void* code = nullptr;
  if (!compile_) {
    why = "no code generator";
  } else {
    Expected<codegen::CompiledFunction> cf = compile_(ji.inst->validated(), d);
    if (!cf) {
      why = cf.error().format();
    } else {
      Expected<const void*> loaded = linkAndLoad(ji, idx, *cf);
      if (loaded) code = *loaded;
      else why = loaded.error().format();
    }
  }
  stats_.compileSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (code) {
    fs.state = FuncStateKind::Compiled;
    ++stats_.compiled;
  } else {
    fs.state = FuncStateKind::Interp;
    code = fs.interpStub;
    ++stats_.fallbacks;
    if (store_.options().verbose)
      std::fprintf(stderr, "jit: %s runs in the interpreter: %s\n", funcName(*ji.inst, idx).c_str(), why.c_str());
  }
  setCodeLocked(ji, d, code);
}

void* Engine::lazyCompile(JitInstance& ji, uint32_t funcIndex) {
  std::lock_guard<std::mutex> lock(mu_);
  if (funcIndex < ji.numImported || funcIndex - ji.numImported >= ji.defined.size()) {
    setPendingTrap(Trap{TrapCode::HostError, "jit: lazy stub for an unknown function", 0, {}});
    return const_cast<uint8_t*>(tramps_.trapStub());
  }
  uint32_t d = funcIndex - ji.numImported;
  compileLocked(ji, d);
  return const_cast<void*>(ji.defined[d].code);
}

Engine* engineOf(abi::VMContext* ctx) {
  return ctx && ctx->engine ? static_cast<JitInstance*>(ctx->engine)->engine : nullptr;
}

void Engine::syncMemorySize(MemoryInst* mem) {
  if (!mem) return;
  auto it = memUsers_.find(mem);
  if (it == memUsers_.end()) return;
  for (abi::VMContext* c : it->second) c->memSize = mem->sizeBytes;
}

uint32_t Engine::hostCall(CallTarget& t, abi::VMContext* caller, RegFrame& frame) {
  FuncInst* f = t.func;
  const FuncType& ft = *f->type;
  std::vector<Value> args;
  unpackHostArgs(t.layout, ft, frame, args);
  std::vector<Value> results(ft.results.size());
  for (size_t k = 0; k < results.size(); ++k) results[k] = Value::zero(ft.results[k]);
  ExecResult r;
  if (f->isHost()) {
    Instance* ci = caller ? static_cast<Instance*>(caller->instance) : nullptr;
    HostCallContext hc{store_, ci, memory0(ci), f->hostData};
    r = f->host(hc, args, std::span<Value>(results));
    if (ci) syncMemorySize(memory0(ci));
  } else {
    r = interp::invoke(store_, thread_, f, args, results);
    syncMemorySize(memory0(f->instance));
  }
  if (r) {
    setPendingTrap(std::move(*r));
    return 1;
  }
  for (size_t k = 0; k < results.size(); ++k) results[k].type = ft.results[k];
  packHostResults(t.layout, ft, results, frame);
  return 0;
}

void Engine::setStackLimits() {
  uintptr_t lim = threadStackLimit();
  if (lim == stackLimit_) return;
  std::lock_guard<std::mutex> lock(mu_);
  stackLimit_ = lim;
  for (auto& ji : instances_) ji->ctx.stackLimit = lim;
}

ExecResult Engine::invoke(FuncInst* f, std::span<const Value> args, std::vector<Value>& results) {
  auto* ji = f->isHost() ? nullptr : static_cast<JitInstance*>(f->instance->jitData);
  if (!ji) return interp::invoke(store_, thread_, f, args, results);
  uint32_t d = f->funcIndex - ji->numImported;
  JitInstance::Func& fs = ji->defined[d];
  const void* code;
  {
    std::lock_guard<std::mutex> lock(mu_);
    compileLocked(*ji, d);
    code = fs.code;
    if (!fs.layoutReady) {
      fs.layout = computeCallLayout(*f->type);
      fs.layoutReady = true;
    }
  }
  if (fs.state == FuncStateKind::Interp) {
    ExecResult r = interp::invoke(store_, thread_, f, args, results);
    syncMemorySize(memory0(f->instance));
    return r;
  }
  RegFrame frame;
  std::vector<uint64_t> stackWords, area;
  packEntryArgs(fs.layout, *f->type, args, frame, stackWords, area);
  setStackLimits();
  ExecResult r = callGenerated(tramps_.entry(), &ji->ctx, code, &frame);
  if (r) return r;
  unpackEntryResults(fs.layout, *f->type, frame, area, results);
  return std::nullopt;
}

}  // namespace wasmc::rt::jit
