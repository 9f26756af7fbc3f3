// runtime/jit/helpers.cpp — the C implementations of runtime/abi_helpers.def (bulk memory, memory.grow,
// table operations, segment drops, ref.func, host calls), with exactly the listed types (static_asserted).
// Bounds are checked before any byte is written; overlapping copies have memmove semantics; memory.grow
// refreshes memSize in every context sharing the memory. A helper that traps records the trap as pending
// in the innermost entry and returns non-zero: generated code then traps — helpers never unwind.
#include <algorithm>
#include <cstring>
#include <type_traits>

#include "runtime/abi_helpers.h"
#include "runtime/core/runtime.h"
#include "runtime/interp/interp.h"
#include "runtime/jit/engine.h"
#include "runtime/jit/loader.h"
#include "runtime/jit/trap_handler.h"

namespace {

using wasmc::TrapCode;
using wasmc::abi::VMContext;
namespace rt = wasmc::rt;

rt::Instance& instanceOf(VMContext* ctx) { return *static_cast<rt::Instance*>(ctx->instance); }
rt::MemoryInst* memoryOf(VMContext* ctx) { return static_cast<rt::MemoryInst*>(ctx->memory); }

uint32_t trap(TrapCode c) {
  rt::Trap t;
  t.code = c;
  t.message = wasmc::trapMessage(c);
  rt::jit::setPendingTrap(std::move(t));
  return uint32_t(c);
}

bool outOfRange(uint64_t start, uint64_t n, uint64_t size) { return start + n > size; }

const std::vector<uint64_t>* elemValues(rt::Instance& inst, uint32_t seg) {
  auto* data = static_cast<rt::interp::InstanceData*>(inst.engineData);
  if (!data || seg >= data->elemValues.size()) return nullptr;
  return &data->elemValues[seg];
}

}  // namespace

extern "C" {

uint32_t wasmc_rt_memory_grow(VMContext* ctx, uint32_t delta) {
  rt::MemoryInst* mem = memoryOf(ctx);
  if (!mem) return uint32_t(-1);
  int64_t old = mem->grow(delta);
  ctx->memSize = mem->sizeBytes;
  if (rt::jit::Engine* e = rt::jit::engineOf(ctx)) e->syncMemorySize(mem);  // every importer sees the new size
  return uint32_t(int32_t(old));
}

uint32_t wasmc_rt_memory_fill(VMContext* ctx, uint32_t dst, uint32_t value, uint32_t n) {
  rt::MemoryInst* mem = memoryOf(ctx);
  uint64_t size = mem ? mem->sizeBytes : 0;
  if (outOfRange(dst, n, size)) return trap(TrapCode::MemoryOutOfBounds);
  if (n) std::memset(mem->base + dst, int(value & 0xff), n);
  return 0;
}

uint32_t wasmc_rt_memory_copy(VMContext* ctx, uint32_t dst, uint32_t src, uint32_t n) {
  rt::MemoryInst* mem = memoryOf(ctx);
  uint64_t size = mem ? mem->sizeBytes : 0;
  if (outOfRange(dst, n, size) || outOfRange(src, n, size)) return trap(TrapCode::MemoryOutOfBounds);
  if (n) std::memmove(mem->base + dst, mem->base + src, n);
  return 0;
}

uint32_t wasmc_rt_memory_init(VMContext* ctx, uint32_t seg, uint32_t dst, uint32_t src, uint32_t n) {
  rt::Instance& inst = instanceOf(ctx);
  const wasmc::wasm::Module& m = inst.module();
  rt::MemoryInst* mem = memoryOf(ctx);
  uint64_t len = (seg < m.datas.size() && !inst.droppedDatas[seg]) ? m.datas[seg].bytes.size() : 0;
  uint64_t size = mem ? mem->sizeBytes : 0;
  if (outOfRange(src, n, len) || outOfRange(dst, n, size)) return trap(TrapCode::MemoryOutOfBounds);
  if (n) std::memcpy(mem->base + dst, m.bytes.data() + m.datas[seg].bytes.begin + src, n);
  return 0;
}

void wasmc_rt_data_drop(VMContext* ctx, uint32_t seg) {
  rt::Instance& inst = instanceOf(ctx);
  if (seg < inst.droppedDatas.size()) inst.droppedDatas[seg] = 1;
}

uint32_t wasmc_rt_table_grow(VMContext* ctx, uint32_t table, uint64_t init, uint32_t delta) {
  return uint32_t(int32_t(instanceOf(ctx).tables[table]->grow(delta, init)));  // grow keeps TableInst::vm in sync
}

uint32_t wasmc_rt_table_fill(VMContext* ctx, uint32_t table, uint32_t dst, uint64_t ref, uint32_t n) {
  rt::TableInst* t = instanceOf(ctx).tables[table];
  if (outOfRange(dst, n, t->elems.size())) return trap(TrapCode::TableOutOfBounds);
  std::fill(t->elems.begin() + dst, t->elems.begin() + dst + n, ref);
  return 0;
}

uint32_t wasmc_rt_table_copy(VMContext* ctx, uint32_t dstTable, uint32_t srcTable, uint32_t dst, uint32_t src,
                             uint32_t n) {
  rt::Instance& inst = instanceOf(ctx);
  rt::TableInst* d = inst.tables[dstTable];
  rt::TableInst* s = inst.tables[srcTable];
  if (outOfRange(src, n, s->elems.size()) || outOfRange(dst, n, d->elems.size()))
    return trap(TrapCode::TableOutOfBounds);
  if (n) std::memmove(d->elems.data() + dst, s->elems.data() + src, size_t(n) * sizeof(uint64_t));
  return 0;
}

uint32_t wasmc_rt_table_init(VMContext* ctx, uint32_t table, uint32_t seg, uint32_t dst, uint32_t src, uint32_t n) {
  rt::Instance& inst = instanceOf(ctx);
  rt::TableInst* t = inst.tables[table];
  const std::vector<uint64_t>* vals = elemValues(inst, seg);
  uint64_t len = (vals && seg < inst.droppedElems.size() && !inst.droppedElems[seg]) ? vals->size() : 0;
  if (outOfRange(src, n, len) || outOfRange(dst, n, t->elems.size())) return trap(TrapCode::TableOutOfBounds);
  if (n) std::memmove(t->elems.data() + dst, vals->data() + src, size_t(n) * sizeof(uint64_t));
  return 0;
}

void wasmc_rt_elem_drop(VMContext* ctx, uint32_t seg) {
  rt::Instance& inst = instanceOf(ctx);
  if (seg < inst.droppedElems.size()) inst.droppedElems[seg] = 1;
}

uint64_t wasmc_rt_ref_func(VMContext* ctx, uint32_t funcIndex) {
  return reinterpret_cast<uint64_t>(instanceOf(ctx).funcs[funcIndex]);
}

uint32_t wasmc_rt_host_call(VMContext* ctx, uint64_t* slots) { return rt::jit::hostCallFromContext(ctx, slots); }

}  // extern "C"

namespace wasmc::rt::jit {

namespace {
// Helper id → implementation, in abi_helpers.def order; the types are checked against the table.
struct HelperEntry {
  abi::HelperId id;
  const void* fn;
};
#define WASMC_JIT_HELPERS(X)                                                                           \
  X(MemoryGrow, wasmc_rt_memory_grow) X(MemoryFill, wasmc_rt_memory_fill) X(MemoryCopy, wasmc_rt_memory_copy) \
  X(MemoryInit, wasmc_rt_memory_init) X(DataDrop, wasmc_rt_data_drop) X(TableGrow, wasmc_rt_table_grow)       \
  X(TableFill, wasmc_rt_table_fill) X(TableCopy, wasmc_rt_table_copy) X(TableInit, wasmc_rt_table_init)       \
  X(ElemDrop, wasmc_rt_elem_drop) X(RefFunc, wasmc_rt_ref_func) X(HostCall, wasmc_rt_host_call)
#define WASMC_CHECK_HELPER(Id, fn)                                                                      \
  static_assert(std::is_same_v<decltype(&fn), std::add_pointer_t<abi::HelperType<abi::HelperId::Id>>>, \
                #fn " does not have the type listed in runtime/abi_helpers.def");
WASMC_JIT_HELPERS(WASMC_CHECK_HELPER)
#undef WASMC_CHECK_HELPER
#define WASMC_HELPER_ENTRY(Id, fn) HelperEntry{abi::HelperId::Id, reinterpret_cast<const void*>(&fn)},
const HelperEntry kHelpers[] = {WASMC_JIT_HELPERS(WASMC_HELPER_ENTRY)};
#undef WASMC_HELPER_ENTRY
#undef WASMC_JIT_HELPERS
static_assert(sizeof(kHelpers) / sizeof(kHelpers[0]) == abi::kNumHelpers, "a helper of abi_helpers.def is missing");
}  // namespace

const void* helperAddress(uint32_t id) {
  for (const HelperEntry& h : kHelpers)
    if (uint32_t(h.id) == id) return h.fn;
  return nullptr;
}

}  // namespace wasmc::rt::jit
