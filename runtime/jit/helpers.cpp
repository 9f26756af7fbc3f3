// runtime/jit/helpers.cpp — the helper functions generated code calls (see helpers.h): bounds checks with
// the spec's trap rules (checked before any byte is written), memmove semantics for overlapping copies,
// and memSize refresh of every context sharing a memory after memory.grow. Traps are returned, never thrown
// or longjmp'ed: the trap is recorded with setPendingTrap and its code returned.
#include "runtime/jit/helpers.h"

#include <algorithm>
#include <cstring>

#include "runtime/core/runtime.h"
#include "runtime/interp/interp.h"
#include "runtime/jit/engine.h"
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

int32_t wasmc_rt_memory_grow(VMContext* ctx, uint32_t delta) {
  rt::MemoryInst* mem = memoryOf(ctx);
  if (!mem) return -1;
  int64_t old = mem->grow(delta);
  ctx->memSize = mem->sizeBytes;
  if (rt::jit::Engine* e = rt::jit::engineOf(ctx)) e->syncMemorySize(mem);  // every importer sees the new size
  return int32_t(old);
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

uint32_t wasmc_rt_data_drop(VMContext* ctx, uint32_t seg) {
  rt::Instance& inst = instanceOf(ctx);
  if (seg < inst.droppedDatas.size()) inst.droppedDatas[seg] = 1;
  return 0;
}

uint32_t wasmc_rt_table_get(VMContext* ctx, uint32_t table, uint32_t index, uint64_t* out) {
  rt::TableInst* t = instanceOf(ctx).tables[table];
  if (index >= t->elems.size()) return trap(TrapCode::TableOutOfBounds);
  *out = t->elems[index];
  return 0;
}

uint32_t wasmc_rt_table_set(VMContext* ctx, uint32_t table, uint32_t index, uint64_t ref) {
  rt::TableInst* t = instanceOf(ctx).tables[table];
  if (index >= t->elems.size()) return trap(TrapCode::TableOutOfBounds);
  t->elems[index] = ref;
  return 0;
}

uint32_t wasmc_rt_table_size(VMContext* ctx, uint32_t table) {
  return uint32_t(instanceOf(ctx).tables[table]->elems.size());
}

int32_t wasmc_rt_table_grow(VMContext* ctx, uint32_t table, uint64_t init, uint32_t delta) {
  return int32_t(instanceOf(ctx).tables[table]->grow(delta, init));  // grow keeps TableInst::vm in sync
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

uint32_t wasmc_rt_elem_drop(VMContext* ctx, uint32_t seg) {
  rt::Instance& inst = instanceOf(ctx);
  if (seg < inst.droppedElems.size()) inst.droppedElems[seg] = 1;
  return 0;
}

}  // extern "C"

namespace wasmc::rt::jit {

const void* helperAddress(uint32_t id) {
  static constexpr const void* kTable[] = {
#define WASMC_HELPER_ADDR(Name, Ret, Params) reinterpret_cast<const void*>(&wasmc_rt_##Name),
      WASMC_JIT_HELPERS(WASMC_HELPER_ADDR)
#undef WASMC_HELPER_ADDR
  };
  return id < sizeof(kTable) / sizeof(kTable[0]) ? kTable[id] : nullptr;
}

}  // namespace wasmc::rt::jit
