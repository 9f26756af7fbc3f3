// runtime/abi.h — the contract between generated code (JIT and AOT) and the runtime: the per-instance
// context that generated code reaches through its pinned register, function references, tables, and the
// helper entry points. docs/abi.md explains the conventions. Invariants: every field generated code reads
// has its offset asserted below; this header has no dependencies beyond the C++ standard library, so the
// runtime library that built executables link stays small.
#pragma once
#include <cstddef>
#include <cstdint>

namespace wasmc::abi {

struct VMContext;

// What generated code needs to call a function: the first member of rt::FuncInst (a funcref is a
// FuncInst*, so it is also a VMFuncRef*), and the element type of VMContext::funcs.
struct VMFuncRef {
  void* code = nullptr;        // entry point obeying the internal calling convention
  VMContext* ctx = nullptr;    // the context the code expects in the pinned register
  uint32_t typeId = 0;         // store-wide canonical signature id
  uint32_t funcIndex = 0;      // index in the defining module (for lazy compilation and backtraces)
};
static_assert(offsetof(VMFuncRef, code) == 0);
static_assert(offsetof(VMFuncRef, ctx) == 8);
static_assert(offsetof(VMFuncRef, typeId) == 16);
static_assert(sizeof(VMFuncRef) == 24);

// The first member of rt::TableInst; kept in sync by TableInst::grow.
struct VMTable {
  uint64_t* elems = nullptr;  // references (0 = null; a funcref is a FuncInst* = VMFuncRef*)
  uint64_t size = 0;
};
static_assert(offsetof(VMTable, elems) == 0);
static_assert(offsetof(VMTable, size) == 8);

// One per instance; the pinned context register points here.
struct VMContext {
  uint8_t* memBase = nullptr;          // memory 0 base (never moves; null without a memory)
  uint64_t memSize = 0;                // memory 0 size in bytes (explicit bounds checks, memory.size)
  uintptr_t stackLimit = 0;            // lowest stack pointer a prologue accepts
  VMFuncRef* funcs = nullptr;          // per function index (imports first)
  uint64_t** globals = nullptr;        // per global index: its 16-byte storage
  VMTable** tables = nullptr;          // per table index
  const uint32_t* typeIds = nullptr;   // canonical id per module type index
  void* instance = nullptr;            // rt::Instance*
  void* memory = nullptr;              // rt::MemoryInst* of memory 0 (helpers)
  void* engine = nullptr;              // the engine's per-instance state (JIT / AOT module)
};
static_assert(offsetof(VMContext, memBase) == 0);
static_assert(offsetof(VMContext, memSize) == 8);
static_assert(offsetof(VMContext, stackLimit) == 16);
static_assert(offsetof(VMContext, funcs) == 24);
static_assert(offsetof(VMContext, globals) == 32);
static_assert(offsetof(VMContext, tables) == 40);
static_assert(offsetof(VMContext, typeIds) == 48);
static_assert(offsetof(VMContext, instance) == 56);

}  // namespace wasmc::abi
