// runtime/core/store.cpp — the Store (owner of every runtime object), instantiation (import checks,
// globals from constant expressions, active segments in order with bounds checks, then start) and
// invoke. Execution is delegated to the engine selected by EngineOptions::mode: the interpreter
// (runtime/interp), the JIT (runtime/jit) or loaded AOT code (runtime/aot, on the JIT's machinery).
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

#include "runtime/core/memory_reservation.h"
#include "runtime/core/runtime.h"
#include "runtime/interp/interp.h"
#include "runtime/jit/cpu.h"
#include "runtime/aot/engine.h"
#include "runtime/jit/engine.h"

namespace wasmc::rt {

namespace {
constexpr uint32_t kDefaultMaxCallDepth = 30000;
constexpr uint64_t kValueStackBytes = 256ull << 20;

bool limitsMatch(uint64_t actualMin, std::optional<uint64_t> actualMax, const wasm::Limits& decl) {
  if (actualMin < decl.min) return false;
  if (decl.max) {
    if (!actualMax) return false;
    if (*actualMax > *decl.max) return false;
  }
  return true;
}

Trap makeTrap(TrapCode c) {
  Trap t;
  t.code = c;
  t.message = trapMessage(c);
  return t;
}
}  // namespace

struct Store::Impl {
  std::vector<FuncType> types;
  std::vector<std::unique_ptr<FuncType>> hostTypes;
  std::vector<std::unique_ptr<FuncInst>> funcs;
  std::vector<std::unique_ptr<TableInst>> tables;
  std::vector<std::unique_ptr<MemoryInst>> memories;
  std::vector<std::unique_ptr<GlobalInst>> globals;
  std::vector<std::unique_ptr<Instance>> instances;
  std::unique_ptr<interp::Thread> thread;
  std::unique_ptr<jit::Engine> jit;  // ExecMode::Jit (runtime/jit); destroyed before the objects it points at
  bool jitUnavailable = false;       // Jit/Aot asked for on a host that cannot run generated code
};

Store::Store(EngineOptions opts) : opts_(opts), impl_(std::make_unique<Impl>()) {
  if (std::string why; opts_.mode != ExecMode::Interp && !jit::hostRunsGeneratedCode(&why)) {
    // Generated code needs the code generator's CPU baseline (and architecture); the interpreter runs
    // anywhere. Every function then runs in the interpreter: counted and reported with -v (~Store).
    if (opts_.verbose) std::fprintf(stderr, "wasmc: note: %s: running the interpreter\n", why.c_str());
    opts_.mode = ExecMode::Interp;
    impl_->jitUnavailable = true;
  }
  uint32_t depth = opts_.maxCallDepth ? opts_.maxCallDepth : kDefaultMaxCallDepth;
  impl_->thread = std::make_unique<interp::Thread>(depth, kValueStackBytes);
  if (opts_.mode == ExecMode::Jit) impl_->jit = std::make_unique<jit::Engine>(*this, *impl_->thread,
                                               jit::defaultCompileHook(opts_.explicitBoundsChecks, opts_.avx, opts_.optLevel));  // JIT
  if (opts_.mode == ExecMode::Aot) impl_->jit = aot::makeAotEngine(*this, *impl_->thread);  // AOT (runtime/aot)
}

Store::~Store() {
  impl_->jit.reset();  // JIT: unregisters code before instances go away
  if (impl_->jitUnavailable && opts_.verbose) {  // the JIT's summary line (runtime/jit/engine.cpp)
    size_t defined = 0;
    for (auto& i : impl_->instances) defined += i->module().functions.size();
    std::fprintf(stderr, "jit: 0 functions compiled (0 bytes, 0.000 s), %zu ran in the interpreter (fallback)\n",
                 defined);
  }
  for (auto& i : impl_->instances)
    if (i->engineData) interp::destroyInstanceData(i->engineData);
}

uint32_t Store::internType(const FuncType& t) {
  for (size_t i = 0; i < impl_->types.size(); ++i)
    if (impl_->types[i] == t) return uint32_t(i);
  impl_->types.push_back(t);
  return uint32_t(impl_->types.size() - 1);
}

FuncInst* Store::createHostFunc(FuncType type, HostFunc fn, std::string debugName, void* userData) {
  auto ft = std::make_unique<FuncType>(std::move(type));
  auto f = std::make_unique<FuncInst>();
  f->type = ft.get();
  f->typeId = internType(*ft);
  f->host = std::move(fn);
  f->hostData = userData;
  f->debugName = std::move(debugName);
  impl_->hostTypes.push_back(std::move(ft));
  impl_->funcs.push_back(std::move(f));
  return impl_->funcs.back().get();
}

TableInst* Store::createTable(wasm::TableType type, uint64_t init) {
  auto t = std::make_unique<TableInst>();
  t->type = type;
  t->elems.assign(type.limits.min, init);
  t->vm = abi::VMTable{t->elems.data(), t->elems.size()};  // JIT (docs/abi.md)
  impl_->tables.push_back(std::move(t));
  return impl_->tables.back().get();
}

MemoryInst* Store::createMemory(wasm::MemoryType type) {
  auto m = std::make_unique<MemoryInst>();
  m->type = type;
  // Generated code relies on the reservation (guard pages, or a base that never moves); the interpreter
  // checks bounds explicitly and reloads the base, so it reserves little (emulators pay per reserved page).
  MemoryReservation how = opts_.mode == ExecMode::Interp ? MemoryReservation::Growable
                          : opts_.explicitBoundsChecks   ? MemoryReservation::MaxSize
                                                         : MemoryReservation::Guard;
  if (type.limits.min > opts_.maxMemoryPages || !reserveMemory(*m, how)) return nullptr;
  impl_->memories.push_back(std::move(m));
  return impl_->memories.back().get();
}

GlobalInst* Store::createGlobal(wasm::GlobalType type, const Value& v) {
  auto g = std::make_unique<GlobalInst>();
  g->type = type;
  g->set(v);
  impl_->globals.push_back(std::move(g));
  return impl_->globals.back().get();
}

namespace {

Value evalConst(const wasm::ConstExpr& e, const Instance& inst) {
  using K = wasm::ConstExpr::Kind;
  switch (e.kind) {
    case K::I32: return Value::makeI32(uint32_t(e.bits));
    case K::I64: return Value::makeI64(e.bits);
    case K::F32: return Value::makeF32Bits(uint32_t(e.bits));
    case K::F64: return Value::makeF64Bits(e.bits);
    case K::V128: return Value::makeV128(e.v128);
    case K::RefNull: return Value::makeRef(e.type, 0);
    case K::RefFunc: return Value::makeRef(ValType::FuncRef, reinterpret_cast<uint64_t>(inst.funcs[e.index]));
    case K::GlobalGet: return inst.globals[e.index]->get();
  }
  return Value{};
}

}  // namespace

InstantiateResult Store::instantiate(std::shared_ptr<const wasm::ValidatedModule> vm, const Linker& linker) {
  InstantiateResult res;
  const wasm::Module& m = vm->module();
  auto inst = std::make_unique<Instance>();
  inst->validated_ = vm;
  auto linkError = [&](const char* msg) {
    res.linkError = Error::plain(msg);
    return res;
  };
  for (const wasm::Import& imp : m.imports) {
    std::optional<Extern> ext = linker.lookup(imp.module, imp.name);
    if (!ext) return linkError("unknown import");
    if (ext->kind != imp.kind) return linkError("incompatible import type");
    switch (imp.kind) {
      case ExternKind::Func: {
        FuncInst* f = ext->func();
        if (!(*f->type == m.types[imp.funcType])) return linkError("incompatible import type");
        inst->funcs.push_back(f);
        break;
      }
      case ExternKind::Table: {
        TableInst* t = ext->table();
        if (t->type.elemType != imp.table.elemType ||
            !limitsMatch(t->elems.size(), t->type.limits.max, imp.table.limits))
          return linkError("incompatible import type");
        inst->tables.push_back(t);
        break;
      }
      case ExternKind::Memory: {
        MemoryInst* mem = ext->memory();
        if (!limitsMatch(mem->pages(), mem->type.limits.max, imp.memory.limits))
          return linkError("incompatible import type");
        inst->memories.push_back(mem);
        break;
      }
      case ExternKind::Global: {
        GlobalInst* g = ext->global();
        if (g->type.type != imp.global.type || g->type.mutable_ != imp.global.mutable_)
          return linkError("incompatible import type");
        inst->globals.push_back(g);
        break;
      }
    }
  }
  Instance* ip = inst.get();
  for (uint32_t i = 0; i < m.functions.size(); ++i) {
    auto f = std::make_unique<FuncInst>();
    f->type = &m.types[m.functions[i].typeIndex];
    f->typeId = internType(*f->type);
    f->instance = ip;
    f->funcIndex = m.numImportedFuncs + i;
    f->debugName = m.funcName(f->funcIndex);
    ip->funcs.push_back(f.get());
    impl_->funcs.push_back(std::move(f));
  }
  for (const auto& t : m.tables) ip->tables.push_back(createTable(t, 0));
  for (const auto& mt : m.memories) {
    MemoryInst* mem = createMemory(mt);
    if (!mem) return linkError("memory size exceeds the implementation limit");
    ip->memories.push_back(mem);
  }
  for (const auto& g : m.globals) ip->globals.push_back(createGlobal(g.type, evalConst(g.init, *ip)));
  ip->droppedElems.assign(m.elems.size(), 0);
  ip->droppedDatas.assign(m.datas.size(), 0);
  impl_->instances.push_back(std::move(inst));
  res.instance = ip;

  interp::compileInstance(*this, *ip);
  auto* data = static_cast<interp::InstanceData*>(ip->engineData);
  for (const auto& seg : m.elems) {
    std::vector<uint64_t> vals;
    vals.reserve(seg.items.size());
    for (const auto& item : seg.items) vals.push_back(evalConst(item, *ip).ref);
    data->elemValues.push_back(std::move(vals));
  }
  if (impl_->jit) {  // JIT: VMContext and lazy stubs, before segments and start can run code
    if (Status s = impl_->jit->instantiate(*ip); !s) {
      res.linkError = s.takeError();
      return res;
    }
  }

  for (size_t i = 0; i < m.elems.size(); ++i) {
    const auto& seg = m.elems[i];
    if (seg.mode == wasm::SegmentMode::Active) {
      uint64_t off = evalConst(seg.offset, *ip).i32;
      TableInst* t = ip->tables[seg.table];
      const auto& vals = data->elemValues[i];
      if (off + vals.size() > t->elems.size()) {
        res.trap = makeTrap(TrapCode::TableOutOfBounds);
        return res;
      }
      std::copy(vals.begin(), vals.end(), t->elems.begin() + off);
    }
    if (seg.mode != wasm::SegmentMode::Passive) ip->droppedElems[i] = 1;
  }
  for (size_t i = 0; i < m.datas.size(); ++i) {
    const auto& seg = m.datas[i];
    if (seg.mode != wasm::SegmentMode::Active) continue;
    uint64_t off = evalConst(seg.offset, *ip).i32;
    MemoryInst* mem = ip->memories[seg.memory];
    if (off + seg.bytes.size() > mem->sizeBytes) {
      res.trap = makeTrap(TrapCode::MemoryOutOfBounds);
      return res;
    }
    if (seg.bytes.size()) std::memcpy(mem->base + off, m.bytes.data() + seg.bytes.begin, seg.bytes.size());
    ip->droppedDatas[i] = 1;
  }
  if (m.start) {
    std::vector<Value> results;
    ExecResult r = invoke(ip->funcs[*m.start], {}, results);
    if (r) res.trap = std::move(*r);
  }
  return res;
}

ExecResult Store::invoke(FuncInst* f, std::span<const Value> args, std::vector<Value>& results) {
  if (impl_->jit) return impl_->jit->invoke(f, args, results);  // JIT (runtime/jit)
  if (opts_.mode != ExecMode::Interp) {
    Trap t;
    t.code = TrapCode::HostError;
    t.message = opts_.mode == ExecMode::Jit ? "execution mode 'jit' is not available yet"
                                            : "execution mode 'aot' is not available yet";
    return t;
  }
  return interp::invoke(*this, *impl_->thread, f, args, results);
}

}  // namespace wasmc::rt
