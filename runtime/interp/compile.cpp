// runtime/interp/compile.cpp — per-instance set-up (one CompiledFunc per defined function), lazy
// per-function compilation (lower + encode on the first interpreted call: ensureEncoded) and the per-store
// Thread (value stack reserved with mmap, frame stack with a fixed depth limit). Invariant: a CompiledFunc
// with entry == nullptr has not been encoded yet; entry is set last, by the encoder.
#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>

#include "ir/ir.h"
#include "runtime/interp/interp.h"

namespace wasmc::rt::interp {

void encodeFunction(InstanceData& d, const ir::Function& f, CompiledFunc& cf);

Thread::Thread(uint32_t maxDepth, uint64_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p != MAP_FAILED) {
    stackBase = static_cast<uint8_t*>(p);
    stackBytes = bytes;
    stackEnd = stackBase + bytes;
  }
  top = stackBase;
  frames.resize(maxDepth + 1);
}

Thread::~Thread() {
  if (stackBase) munmap(stackBase, stackBytes);
}

void compileInstance(Store& store, Instance& inst) {
  auto* d = new InstanceData;
  d->store = &store;
  d->instance = &inst;
  inst.engineData = d;
  const wasm::Module& m = inst.module();
  for (const auto& t : m.types) d->typeIds.push_back(store.internType(t));
  MemoryInst* mem = inst.memories.empty() ? &d->noMemory : inst.memories[0];
  for (uint32_t i = 0; i < m.functions.size(); ++i) {
    auto cf = std::make_unique<CompiledFunc>();
    cf->funcIndex = m.numImportedFuncs + i;
    cf->inst = d;
    cf->mem = mem;
    cf->func = inst.funcs[cf->funcIndex];
    cf->func->engineFunc = cf.get();
    d->funcs.push_back(std::move(cf));
  }
  // No function is lowered here: JIT/AOT instances rarely interpret anything, and an interpreted program
  // pays only for the functions it calls (start-up of built executables: docs/build.md).
}

void ensureEncoded(CompiledFunc& cf) {
  if (cf.entry) return;
  InstanceData& d = *cf.inst;
  const wasm::Module& m = d.instance->module();
  ir::Function f = ir::lowerFunction(d.instance->validated(), cf.funcIndex - m.numImportedFuncs);
#ifndef NDEBUG
  if (Status s = ir::verify(f); !s.ok()) {
    std::fprintf(stderr, "wasmc: internal error: IR of function %u: %s\n%s", f.funcIndex, s.error().message.c_str(),
                 ir::print(f).c_str());
    std::abort();
  }
#endif
  encodeFunction(d, f, cf);
}

void destroyInstanceData(void* data) { delete static_cast<InstanceData*>(data); }

}  // namespace wasmc::rt::interp
