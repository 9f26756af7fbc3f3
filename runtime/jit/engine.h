// runtime/jit/engine.h — the JIT execution engine of one Store: builds each instance's VMContext, points
// every function slot at a lazy stub (or compiles everything with JitCompile::Eager), compiles a function
// on its first call (once, under the engine mutex) and swaps every slot that referred to the stub
// atomically, and runs functions the code generator declines in the interpreter through a host-call
// trampoline (counted; reported with EngineOptions::verbose). Invariants: a VMContext and its stubs live as
// long as the Store; generated code only ever sees VMFuncRef slots that point at runnable code.
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
#include "runtime/jit/code_registry.h"
#include "runtime/jit/exec_memory.h"
#include "runtime/jit/trampolines.h"

namespace wasmc::rt::interp {
struct Thread;
}

namespace wasmc::rt::jit {

// Produces machine code for defined function `definedIndex` of a module; an Error means "run it in the
// interpreter". The default is the x86_64 code generator (defaultCompileHook()).
using CompileHook =
    std::function<Expected<codegen::CompiledFunction>(const wasm::ValidatedModule&, uint32_t definedIndex)>;
CompileHook defaultCompileHook();

struct JitStats {
  uint32_t compiled = 0;
  uint32_t fallbacks = 0;   // functions the code generator declined: run by the interpreter
  uint64_t codeBytes = 0;
  double compileSeconds = 0;
};

class Engine;

// A host function or interpreter-fallback target reached through the host-call trampoline.
struct CallTarget {
  Engine* engine = nullptr;
  FuncInst* func = nullptr;
  CallLayout layout;
};

struct JitInstance;

class Engine {
 public:
  Engine(Store& store, interp::Thread& thread, CompileHook compile = defaultCompileHook());
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Called by Store::instantiate once imports, tables, memories, globals and the interpreter's data exist.
  Status instantiate(Instance& inst);
  ExecResult invoke(FuncInst* f, std::span<const Value> args, std::vector<Value>& results);

  const JitStats& stats() const { return stats_; }
  abi::VMContext* context(const Instance& inst) const;
  // The code a slot of `inst`'s function `funcIndex` currently points at.
  const void* currentCode(const Instance& inst, uint32_t funcIndex) const;

  // Called from the trampolines (generated code → C++); never unwind.
  void* lazyCompile(JitInstance& ji, uint32_t funcIndex);
  uint32_t hostCall(CallTarget& t, abi::VMContext* caller, RegFrame& frame);
  // After memory.grow (helper, host function or interpreter): refresh memSize in every context using `mem`.
  void syncMemorySize(MemoryInst* mem);

 private:
  void compileLocked(JitInstance& ji, uint32_t definedIndex);
  Expected<const void*> linkAndLoad(JitInstance& ji, uint32_t funcIndex, const codegen::CompiledFunction& cf);
  void setCodeLocked(JitInstance& ji, uint32_t definedIndex, const void* code);
  void setStackLimits();
  CallTarget* newTarget(FuncInst* f);

  Store& store_;
  interp::Thread& thread_;
  CompileHook compile_;
  Status init_;
  Trampolines tramps_;
  std::mutex mu_;
  std::vector<std::unique_ptr<JitInstance>> instances_;
  std::vector<std::unique_ptr<CallTarget>> targets_;
  std::unordered_map<FuncInst*, const void*> hostStubs_;        // host function → its stub
  std::unordered_map<MemoryInst*, std::vector<abi::VMContext*>> memUsers_;
  uintptr_t stackLimit_ = 0;
  JitStats stats_;
  FILE* perfMap_ = nullptr;
  friend struct JitInstance;
};

// The engine that built `ctx` (helpers use it), or null.
Engine* engineOf(abi::VMContext* ctx);

}  // namespace wasmc::rt::jit
