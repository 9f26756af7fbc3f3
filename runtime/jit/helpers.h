// runtime/jit/helpers.h — C implementations of the operations generated code calls out for (bulk memory,
// memory.grow, table operations, segment drops). SysV functions named wasmc_rt_<name>, first parameter
// the caller's VMContext*. A helper that traps records the trap in the innermost entry and returns its
// non-zero TrapCode; generated code then jumps to a trap instruction (helpers never unwind C++ frames).
// Until runtime/abi_helpers.def (owned by the code generator) exists, the ids are WASMC_JIT_HELPERS' order.
#pragma once
#include <cstdint>

#include "runtime/abi.h"

// Name, return type, parameters after the context.
#define WASMC_JIT_HELPERS(X)                                                                        \
  X(memory_grow, int32_t, (uint32_t delta))                                                        \
  X(memory_fill, uint32_t, (uint32_t dst, uint32_t value, uint32_t n))                             \
  X(memory_copy, uint32_t, (uint32_t dst, uint32_t src, uint32_t n))                               \
  X(memory_init, uint32_t, (uint32_t seg, uint32_t dst, uint32_t src, uint32_t n))                 \
  X(data_drop, uint32_t, (uint32_t seg))                                                           \
  X(table_get, uint32_t, (uint32_t table, uint32_t index, uint64_t* out))                          \
  X(table_set, uint32_t, (uint32_t table, uint32_t index, uint64_t ref))                           \
  X(table_size, uint32_t, (uint32_t table))                                                        \
  X(table_grow, int32_t, (uint32_t table, uint64_t init, uint32_t delta))                          \
  X(table_fill, uint32_t, (uint32_t table, uint32_t dst, uint64_t ref, uint32_t n))                \
  X(table_copy, uint32_t, (uint32_t dstTable, uint32_t srcTable, uint32_t dst, uint32_t src, uint32_t n)) \
  X(table_init, uint32_t, (uint32_t table, uint32_t seg, uint32_t dst, uint32_t src, uint32_t n))  \
  X(elem_drop, uint32_t, (uint32_t seg))

extern "C" {
#define WASMC_DECLARE_HELPER(Name, Ret, Params) Ret wasmc_rt_##Name(wasmc::abi::VMContext* ctx, WASMC_UNPAREN Params;
#define WASMC_UNPAREN(...) __VA_ARGS__)
WASMC_JIT_HELPERS(WASMC_DECLARE_HELPER)
#undef WASMC_DECLARE_HELPER
#undef WASMC_UNPAREN
}

namespace wasmc::rt::jit {

enum class HelperId : uint32_t {
#define WASMC_HELPER_ID(Name, Ret, Params) Name,
  WASMC_JIT_HELPERS(WASMC_HELPER_ID)
#undef WASMC_HELPER_ID
  Count
};

// Address of helper `id` for RelocTarget::Helper relocations, or null.
const void* helperAddress(uint32_t id);

}  // namespace wasmc::rt::jit
