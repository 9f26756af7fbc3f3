// runtime/jit/engine.h — the JIT execution engine of one Store: builds each instance's VMContext, points
// every function slot at a lazy stub (or compiles everything with JitCompile::Eager), compiles a function
// on its first call (once, under the engine mutex) and swaps every slot that referred to the stub
// atomically, and runs functions the code generator declines in the interpreter through a host-call
// trampoline (counted; reported with EngineOptions::verbose). Host functions are reached the same way:
// each gets a small context of its own (r15 identifies the callee to the HostCall helper).
// Invariants: contexts, stubs and code live as long as the Store; generated code only ever sees
// VMFuncRef slots whose code runs with the ctx stored next to it.
#pragma once
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "codegen/code_buffer.h"
#include "runtime/abi.h"
#include "runtime/core/runtime.h"
#include "runtime/jit/loader.h"
#include "runtime/jit/trampolines.h"

namespace wasmc::rt::interp {
struct Thread;
}

namespace wasmc::rt::jit {

// Produces machine code for defined function `definedIndex`; an Error means "run it in the interpreter".
using CompileHook =
    std::function<Expected<codegen::CompiledFunction>(const wasm::ValidatedModule&, uint32_t definedIndex)>;
// The x86_64 code generator (codegen::compileFunction with the JIT's options).
CompileHook defaultCompileHook(bool explicitBounds = false, bool avx = false, uint8_t optLevel = 1);
// Per-signature trampolines from the code generator (C++ → wasm, wasm → HostCall helper).
using TrampolineHook = std::function<Expected<codegen::CompiledFunction>(const FuncType&)>;
TrampolineHook defaultEntryTrampolineHook();
TrampolineHook defaultHostTrampolineHook();

struct JitStats {
  uint32_t compiled = 0;
  uint32_t fallbacks = 0;   // functions the code generator declined: run by the interpreter
  uint64_t codeBytes = 0;
  double compileSeconds = 0;
};

class Engine;

// First member of everything VMContext::engine points at.
struct ContextOwner {
  Engine* engine = nullptr;
  bool isHostCall = false;  // a HostCallContext (host function or interpreter fallback)
};

struct JitInstance;

// The context of a host function (as imported by one instance) or of a function run by the interpreter.
struct HostCallTarget {
  ContextOwner owner;
  abi::VMContext ctx;   // ctx.engine = this
  FuncInst* func = nullptr;
  Instance* caller = nullptr;  // HostCallContext::caller for host functions
};

class Engine {
 public:
  Engine(Store& store, interp::Thread& thread, CompileHook compile = defaultCompileHook(),
         TrampolineHook entry = defaultEntryTrampolineHook(), TrampolineHook host = defaultHostTrampolineHook());
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Called by Store::instantiate once imports, tables, memories, globals and the interpreter's data exist.
  Status instantiate(Instance& inst);
  ExecResult invoke(FuncInst* f, std::span<const Value> args, std::vector<Value>& results);

  const JitStats& stats() const { return stats_; }
  abi::VMContext* context(const Instance& inst) const;
  // The code slot `funcIndex` of `inst` currently points at.
  const void* currentCode(const Instance& inst, uint32_t funcIndex) const;
  bool isCompiled(const Instance& inst, uint32_t funcIndex) const;

  // Called from generated code (trampolines, helpers); these never unwind.
  const abi::VMFuncRef* lazyCompile(JitInstance& ji, uint32_t funcIndex);
  uint32_t hostCall(HostCallTarget& t, uint64_t* slots);
  // After memory.grow (helper, host function or interpreter): refresh memSize in every context using `mem`.
  void syncMemorySize(MemoryInst* mem);

 private:
  void compileLocked(JitInstance& ji, uint32_t definedIndex);
  void compileAllLocked(JitInstance& ji);
  void installCompiledLocked(JitInstance& ji, uint32_t definedIndex, const LoadedCode::Fn& fn);
  void installFallbackLocked(JitInstance& ji, uint32_t definedIndex, const std::string& why);
  void setCodeLocked(JitInstance& ji, uint32_t definedIndex, const void* code, abi::VMContext* ctx);
  Expected<const void*> trampolineLocked(const FuncType& type, bool entry);
  Expected<HostCallTarget*> hostTargetLocked(FuncInst* f, Instance* caller);
  void setStackLimits();

  Store& store_;
  interp::Thread& thread_;
  CompileHook compile_;
  TrampolineHook entryHook_, hostHook_;
  Status init_;
  std::unique_ptr<Trampolines> tramps_;
  std::mutex mu_;
  std::vector<std::unique_ptr<JitInstance>> instances_;
  std::vector<std::unique_ptr<HostCallTarget>> hostTargets_;
  std::vector<std::unique_ptr<LoadedCode>> trampolines_;
  std::unordered_map<uint32_t, const void*> entryByType_, hostByType_;  // canonical type id → trampoline
  std::unordered_map<MemoryInst*, std::vector<abi::VMContext*>> memUsers_;
  uintptr_t stackLimit_ = 0;
  JitStats stats_;
  FILE* perfMap_ = nullptr;
};

// The engine that built `ctx`, or null.
Engine* engineOf(abi::VMContext* ctx);
// The HostCall helper's body: `ctx` is a HostCallTarget's context; 0 = ok, else a pending trap is set.
uint32_t hostCallFromContext(abi::VMContext* ctx, uint64_t* slots);

}  // namespace wasmc::rt::jit
