// runtime/jit/trampolines.h — the runtime's own glue code (x86_64): the common lazy-compile trampoline that
// every per-function lazy stub jumps to, the stubs themselves, and a trap stub. Entry (C++ → wasm) and
// host-call (wasm → runtime) trampolines are per signature and come from the code generator
// (codegen::compileEntryTrampoline / compileHostTrampoline). Invariant: the lazy trampoline preserves every
// argument register of the internal convention (docs/abi.md) and the caller's stack arguments.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/abi.h"
#include "runtime/jit/code_registry.h"
#include "runtime/jit/exec_memory.h"
#include "support/diag.h"

namespace wasmc::rt::jit {

// Called by the lazy trampoline with the callee's context and wasm function index; returns the slot to
// continue with (the function's own VMFuncRef: its code and the context that code expects in r15).
using LazyCompileFn = const abi::VMFuncRef* (*)(abi::VMContext* ctx, uint32_t funcIndex);

class Trampolines {
 public:
  static Expected<std::unique_ptr<Trampolines>> create(LazyCompileFn lazyCompile);
  Trampolines() = default;
  Trampolines(const Trampolines&) = delete;
  Trampolines& operator=(const Trampolines&) = delete;
  ~Trampolines();

  const uint8_t* lazyCommon() const { return block_.base() + lazyOff_; }
  // `ud2` at a HostError trap site: raises the pending trap of the innermost entry.
  const uint8_t* trapStub() const { return block_.base() + trapOff_; }

 private:
  CodeBlock block_;
  uint32_t lazyOff_ = 0, trapOff_ = 0;
  std::unique_ptr<CodeInfo> info_;
  uint32_t handle_ = UINT32_MAX;
};

// A lazy stub: `mov eax, funcIndex; jmp lazyCommon` (kStubBytes long, padded with int3).
constexpr uint32_t kStubBytes = 32;
void writeLazyStub(uint8_t* dst, const Trampolines& t, uint32_t funcIndex);

}  // namespace wasmc::rt::jit
