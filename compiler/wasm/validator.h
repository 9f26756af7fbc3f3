// compiler/wasm/validator.h — validation per the spec algorithm. Only validate() can create a
// ValidatedModule, and every later stage (lowering, codegen, instantiation) takes nothing else,
// so unvalidated code cannot reach them.
#pragma once
#include <memory>
#include <vector>

#include "support/diag.h"
#include "wasm/module.h"

namespace wasmc::wasm {

struct FunctionFacts {
  uint32_t maxStackHeight = 0;   // operand stack slots (v128 counts as one)
  uint32_t maxControlDepth = 0;  // nesting of block/loop/if
};

class ValidatedModule {
 public:
  const Module& module() const { return *module_; }
  const std::shared_ptr<const Module>& shared() const { return module_; }
  const FunctionFacts& facts(uint32_t definedFuncIndex) const { return facts_[definedFuncIndex]; }
  // Functions referenced by ref.func outside function bodies or exported ("declared" per spec).

 private:
  friend Expected<ValidatedModule> validate(std::shared_ptr<const Module> module);
  ValidatedModule() = default;
  std::shared_ptr<const Module> module_;
  std::vector<FunctionFacts> facts_;
};

// Validates a decoded module. Errors carry the byte offset of the offending instruction or entry and
// a reason in the spec interpreter's words ("type mismatch", "unknown local", ...).
Expected<ValidatedModule> validate(std::shared_ptr<const Module> module);

}  // namespace wasmc::wasm
