// runtime/jit/code_registry.h — the process-wide map from a code address to what lives there (a wasm
// function with its trap sites, or a runtime trampoline), read by the signal handler and by backtraces.
// Invariants: lookup() is async-signal-safe and lock-free (per-slot sequence counters); register/
// unregister take a mutex; a CodeInfo outlives its registration (the owner unregisters before freeing).
// This is the one piece of process-global mutable state in the JIT: signal handlers have no context.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/traps.h"

namespace wasmc::rt::jit {

enum class CodeKind : uint8_t {
  WasmFunction,  // generated code of one wasm function: appears in backtraces
  Trampoline,    // runtime glue (lazy stub, host call): transparent to backtraces
  Entry,         // C++ → wasm entry: a backtrace walk stops here
};

struct TrapSiteEntry {
  uint32_t codeOffset;
  TrapCode code;
};

struct CodeInfo {
  CodeKind kind = CodeKind::WasmFunction;
  uint32_t funcIndex = 0;
  std::string name;        // wasm function name (or trampoline name)
  std::string moduleName;
  std::vector<TrapSiteEntry> trapSites;  // sorted by codeOffset
  // Trap code recorded for exactly this offset, or None.
  TrapCode trapAt(uint32_t codeOffset) const;
};

struct CodeRange {
  uintptr_t start = 0;
  uintptr_t end = 0;
  const CodeInfo* info = nullptr;
};

class CodeRegistry {
 public:
  static CodeRegistry& global();

  // Returns a handle for unregister().
  uint32_t add(uintptr_t start, uintptr_t end, const CodeInfo* info);
  void remove(uint32_t handle);
  // Async-signal-safe. Returns false when `pc` is not inside registered code.
  bool lookup(uintptr_t pc, CodeRange& out) const;

  struct Impl;

 private:
  CodeRegistry();
  Impl* impl_;
};

}  // namespace wasmc::rt::jit
