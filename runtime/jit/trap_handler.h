// runtime/jit/trap_handler.h — entering generated code from C++ and getting traps back out: every entry
// pushes an EntryRecord (with a sigjmp_buf) on a per-thread chain; the SIGSEGV/SIGBUS/SIGILL/SIGFPE
// handler (on a sigaltstack) maps the faulting PC through the code registry to a trap code, records a
// frame-pointer backtrace and siglongjmps to the innermost entry. Faults outside generated code go to
// the previous handler (or the default action). Helpers never unwind: they leave a pending trap in the
// innermost entry and return non-zero; generated code then executes a trap instruction.
#pragma once
#include <csetjmp>
#include <cstdint>
#include <optional>

#include "runtime/abi.h"
#include "runtime/core/runtime.h"

namespace wasmc::rt::jit {

constexpr uint32_t kMaxTrapFrames = 64;

struct EntryRecord {
  sigjmp_buf jb;
  EntryRecord* prev = nullptr;
  // Filled by the signal handler before it jumps back.
  TrapCode code = TrapCode::None;
  int signal = 0;
  uintptr_t faultPc = 0;
  uintptr_t faultAddr = 0;
  uint32_t numFrames = 0;
  uintptr_t frames[kMaxTrapFrames] = {};  // PCs in wasm functions, innermost first
  std::optional<Trap> pending;            // set by a helper or host call before it reports failure
};

// The calling thread's stack [low, high).
struct StackBounds {
  uintptr_t low = 0;
  uintptr_t high = 0;
};
StackBounds threadStack();
// VMContext::stackLimit for the calling thread: leaves room below it for helpers, lazy compilation,
// host functions and the interpreter fallback.
uintptr_t threadStackLimit();

// Entry trampoline shape (x86_64 SysV): `fn(ctx, code, frame)`; frame layout is the trampoline's.
using EntryFn = uint64_t (*)(abi::VMContext* ctx, const void* code, void* frame);

// Installs the handlers (once per process) and an alternate signal stack (once per thread), then calls
// `fn(ctx, code, frame)`. Returns nullopt, or the trap that ended the call.
ExecResult callGenerated(EntryFn fn, abi::VMContext* ctx, const void* code, void* frame);

// The innermost active entry of this thread (null outside generated code).
EntryRecord* currentEntry();
// Records `t` in the innermost entry; the caller then returns its failure code to generated code.
// Returns false when there is no active entry.
bool setPendingTrap(Trap t);

void installTrapHandlers();

}  // namespace wasmc::rt::jit
