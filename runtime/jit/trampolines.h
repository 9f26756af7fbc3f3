// runtime/jit/trampolines.h — the runtime's glue code between C++ and the internal calling convention
// of docs/abi.md (x86_64): a signature-independent entry trampoline (C++ → wasm), the common lazy-compile
// trampoline, the common host-call trampoline (wasm → C++: host functions and the interpreter fallback),
// and the small per-function stubs that jump to them. Argument marshalling is done in C++ through a
// RegFrame (the argument and result registers spilled to memory), so one trampoline serves every
// signature. Invariant: the RegFrame offsets below are the ones the hand-assembled code uses.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "runtime/abi.h"
#include "runtime/core/runtime.h"
#include "runtime/jit/code_registry.h"
#include "runtime/jit/exec_memory.h"

namespace wasmc::rt::jit {

constexpr unsigned kArgGprs = 6;  // rdi rsi rdx rcx r8 r9
constexpr unsigned kArgXmms = 8;  // xmm0..xmm7
constexpr unsigned kRetGprs = 2;  // rax rdx
constexpr unsigned kRetXmms = 2;  // xmm0 xmm1

struct alignas(16) RegFrame {
  uint64_t gpr[kArgGprs] = {};      // 0
  uint64_t ret[kRetGprs] = {};      // 48: rax, rdx
  V128 xmm[kArgXmms] = {};          // 64
  V128 retXmm[kRetXmms] = {};       // 192: xmm0, xmm1 after the call
  const uint64_t* stack = nullptr;  // 224: entry: words to push as stack arguments; host call: the caller's
  uint64_t stackWords = 0;          // 232: entry: number of words (even)
};
static_assert(offsetof(RegFrame, gpr) == 0 && offsetof(RegFrame, ret) == 48 && offsetof(RegFrame, xmm) == 64 &&
              offsetof(RegFrame, retXmm) == 192 && offsetof(RegFrame, stack) == 224 &&
              offsetof(RegFrame, stackWords) == 232 && sizeof(RegFrame) == 240);

// Where the convention puts each parameter and result of a signature.
struct CallLayout {
  enum class Loc : uint8_t { Gpr, Xmm, Stack, Area };
  struct Slot {
    Loc loc;
    uint32_t index;  // register number, or byte offset in the stack-argument area / result area
  };
  std::vector<Slot> params;
  std::vector<Slot> results;
  bool hasResultArea = false;
  Slot areaParam{Loc::Gpr, 0};  // where the result-area address is passed (when hasResultArea)
  uint32_t stackBytes = 0;      // size of the stack-argument area
  uint32_t areaBytes = 0;       // size of the result area
};
CallLayout computeCallLayout(const FuncType& type);

// C++ → wasm: fills `frame` (and `stackWords`, `area`) from `args`; reads results back.
void packEntryArgs(const CallLayout& l, const FuncType& type, std::span<const Value> args, RegFrame& frame,
                   std::vector<uint64_t>& stackWords, std::vector<uint64_t>& area);
void unpackEntryResults(const CallLayout& l, const FuncType& type, const RegFrame& frame,
                        const std::vector<uint64_t>& area, std::vector<Value>& results);
// wasm → C++ (host call): reads arguments from the spilled registers and the caller's stack, writes results.
void unpackHostArgs(const CallLayout& l, const FuncType& type, const RegFrame& frame, std::vector<Value>& args);
void packHostResults(const CallLayout& l, const FuncType& type, std::span<const Value> results, RegFrame& frame);

// C functions the trampolines call. Each returns to generated code; none unwinds.
using HostDispatchFn = uint32_t (*)(void* target, abi::VMContext* callerCtx, RegFrame* frame);  // 0 = ok
using LazyCompileFn = void* (*)(abi::VMContext* ctx, uint32_t funcIndex);                      // code to run

// The shared trampolines of one engine, in one RX block registered with the code registry.
class Trampolines {
 public:
  static Expected<Trampolines> create(HostDispatchFn hostDispatch, LazyCompileFn lazyCompile);
  Trampolines() = default;
  Trampolines(Trampolines&&) = default;
  Trampolines& operator=(Trampolines&&) = default;
  ~Trampolines();

  uint64_t (*entry() const)(abi::VMContext*, const void*, void*) {
    return reinterpret_cast<uint64_t (*)(abi::VMContext*, const void*, void*)>(block_.base() + entryOff_);
  }
  const uint8_t* hostCommon() const { return block_.base() + hostOff_; }
  const uint8_t* lazyCommon() const { return block_.base() + lazyOff_; }
  // `ud2` at a HostError trap site: raises the pending trap of the innermost entry.
  const uint8_t* trapStub() const { return block_.base() + trapOff_; }

 private:
  CodeBlock block_;
  uint32_t entryOff_ = 0, hostOff_ = 0, lazyOff_ = 0, trapOff_ = 0;
  std::vector<std::unique_ptr<CodeInfo>> infos_;
  std::vector<uint32_t> handles_;
};

// Per-function stubs: `lazy(i)` jumps to the lazy trampoline with eax = i; `host(t)` jumps to the host
// trampoline with rax = t. Each stub is kStubBytes long.
constexpr uint32_t kStubBytes = 32;
void writeLazyStub(uint8_t* dst, const Trampolines& t, uint32_t funcIndex);
void writeHostStub(uint8_t* dst, const Trampolines& t, const void* target);

}  // namespace wasmc::rt::jit
