// runtime/interp/interp.h — the interpreter: IR functions encoded as compact direct-threaded code
// (handler address + 32-bit operands that are byte offsets into the frame) and the dispatch loop.
// Frame layout: [params | other locals | constants | operand-stack slots]; a callee's frame starts at the
// caller's first argument slot, so arguments and results are passed in place. Wasm→Wasm calls never
// recurse on the host stack: frames live on Thread::frames, bounded by the call-depth limit.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "runtime/core/runtime.h"

namespace wasmc::rt::interp {

struct InstanceData;

// frameBytes of a function not encoded yet: larger than any value stack, so the interpreter's call-path
// stack check fails and its slow path encodes the function (ensureEncoded) — no extra test on the hot path.
constexpr uint32_t kUnencodedFrameBytes = 1u << 31;

struct CompiledFunc {
  std::vector<uint32_t> code;
  uint32_t frameBytes = kUnencodedFrameBytes;  // whole frame (locals, constants, deepest operand stack)
  uint32_t initOffset = 0;            // first byte after the params
  std::vector<uint8_t> init;          // zeroed locals then constants, copied to fp+initOffset on entry
  // Cached for the call path (set once encoding is done): code.data(), init.data(), init.size().
  const uint32_t* entry = nullptr;
  const uint8_t* initData = nullptr;
  uint32_t initBytes = 0;
  uint32_t funcIndex = 0;
  InstanceData* inst = nullptr;
  MemoryInst* mem = nullptr;          // memory 0 of the defining instance (a zero-sized one when absent)
  FuncInst* func = nullptr;
};

struct InstanceData {
  Store* store = nullptr;
  Instance* instance = nullptr;
  std::vector<std::unique_ptr<CompiledFunc>> funcs;  // per defined function
  std::vector<uint32_t> typeIds;                     // canonical id of each module type
  std::vector<std::vector<uint64_t>> elemValues;     // evaluated references of each element segment
  MemoryInst noMemory;                               // stands in for memory 0 when there is none
};

struct FrameRec {
  const uint32_t* ip;
  uint8_t* fp;
  CompiledFunc* fn;  // null: the entry sentinel (return to the embedder)
};

// Per-store execution state: the value stack (slots) and the frame stack.
struct Thread {
  Thread(uint32_t maxDepth, uint64_t stackBytes);
  ~Thread();
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;
  uint8_t* stackBase = nullptr;
  uint8_t* stackEnd = nullptr;
  uint64_t stackBytes = 0;
  uint8_t* top = nullptr;            // first free byte of the value stack
  std::vector<FrameRec> frames;
  size_t frameTop = 0;               // first free frame record
  uint32_t nesting = 0;              // embedder/host → wasm re-entries in progress
};

// Creates the CompiledFunc of every defined function of `inst` (its imports, tables, memories and globals
// are already resolved), not yet encoded. Sets inst.engineData and each defined FuncInst::engineFunc.
void compileInstance(Store& store, Instance& inst);
// Lowers and encodes `cf` unless already done (cf.entry != nullptr): the interpreter calls it before it
// first enters a function (from the stack-check slow path of its calls, and at invoke).
[[gnu::cold, gnu::noinline]] void ensureEncoded(CompiledFunc& cf);
void destroyInstanceData(void* data);

// Runs a Wasm function from the embedder or a host function (re-entrant).
ExecResult invoke(Store& store, Thread& th, FuncInst* f, std::span<const Value> args, std::vector<Value>& results);

}  // namespace wasmc::rt::interp
