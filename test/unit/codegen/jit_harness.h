// test/unit/codegen/jit_harness.h — runs the x86_64 code generator's output in-process for tests: compiles
// every defined function of a module (wat text through wat2wasm), lays the code and constant pools out in
// an mmap'ed region, resolves relocations with codegen::patchField, builds a VMContext by hand (guarded
// memory reservation, globals, tables, funcs), calls exports through the entry trampoline with a
// signal handler that maps faulting PCs to trap sites. Also runs the same export in the interpreter
// (rt::Store, Interp mode) so tests compare the two.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "codegen/compile.h"
#include "runtime/abi.h"
#include "runtime/core/runtime.h"
#include "runtime/traps.h"

namespace wasmc::testing {

// Converts wat text to a validated module (nullptr and *error on failure).
std::shared_ptr<const wasm::ValidatedModule> watToModule(const std::string& wat, std::string* error);

struct Outcome {
  bool trapped = false;
  TrapCode trap = TrapCode::None;
  std::vector<uint64_t> results;  // raw bits: i32/f32 in the low 32 bits (v128: two words)
};

class JitModule {
 public:
  JitModule(std::shared_ptr<const wasm::ValidatedModule> vm, const codegen::CodegenOptions& opts);
  ~JitModule();
  JitModule(const JitModule&) = delete;
  JitModule& operator=(const JitModule&) = delete;

  // Empty when every function compiled; else the first error.
  const std::string& error() const { return error_; }
  uint32_t numCompiled() const { return numCompiled_; }
  Outcome call(const std::string& exportName, const std::vector<uint64_t>& args);
  // The compiled code of defined function `definedIndex` (for disassembly checks).
  const codegen::CompiledFunction& compiled(uint32_t definedIndex) const { return compiled_[definedIndex]; }
  abi::VMContext& ctx() { return ctx_; }
  uint8_t* memory() { return mem_; }

  // Runtime helpers used by the generated code (public: called from C helper thunks).
  uint32_t memoryGrow(uint32_t delta);
  // Imported functions are host functions reached through compileHostTrampoline: `host` gets the import
  // index and the 16-byte argument/result slots and returns 0, or nonzero to trap.
  using HostFn = uint32_t (*)(uint32_t importIndex, uint64_t* slots);
  void setHost(HostFn fn) { host_ = fn; }
  struct HostCtx {
    abi::VMContext ctx;  // first member: generated code sees it as the callee's VMContext
    JitModule* self;
    uint32_t importIndex;
  };
  HostFn host() const { return host_; }
  struct Impl;

 private:
  std::shared_ptr<const wasm::ValidatedModule> vm_;
  std::string error_;
  uint32_t numCompiled_ = 0;
  std::vector<codegen::CompiledFunction> compiled_;
  std::vector<uint8_t*> funcCode_;          // per defined function
  std::vector<uint8_t*> entryCode_;         // per type index
  uint8_t* region_ = nullptr;
  size_t regionSize_ = 0;
  struct Range { uint8_t* begin; const codegen::CompiledFunction* cf; };
  std::vector<Range> ranges_;
  abi::VMContext ctx_;
  std::vector<abi::VMFuncRef> funcs_;
  std::vector<uint64_t> globalStore_;       // 2 words per global
  std::vector<uint64_t*> globalPtrs_;
  std::vector<std::vector<uint64_t>> tableElems_;
  std::vector<abi::VMTable> tables_;
  std::vector<abi::VMTable*> tablePtrs_;
  std::vector<uint32_t> typeIds_;
  uint8_t* mem_ = nullptr;
  HostFn host_ = nullptr;
  std::vector<std::unique_ptr<HostCtx>> hostCtx_;
  std::vector<uint8_t*> hostCode_;          // per type index
  uint64_t memPages_ = 0, memMaxPages_ = 0;
  static constexpr uint64_t kReserve = 8ull << 30;
  friend struct Impl;
  friend Outcome runGuarded(JitModule& m, void* entry, void* code, uint64_t* slots);
};

// One instance in the interpreter (state persists across calls, like a JitModule's).
class InterpModule {
 public:
  explicit InterpModule(std::shared_ptr<const wasm::ValidatedModule> vm);
  Outcome call(const std::string& exportName, const std::vector<uint64_t>& args);

 private:
  std::shared_ptr<const wasm::ValidatedModule> vm_;
  rt::Store store_;
  rt::Instance* inst_ = nullptr;
};

// Runs an export in a fresh interpreter instance.
Outcome interpCall(std::shared_ptr<const wasm::ValidatedModule> vm, const std::string& exportName,
                   const std::vector<uint64_t>& args);

}  // namespace wasmc::testing
