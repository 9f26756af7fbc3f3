// runtime/jit/loader.h — puts CompiledFunctions (wasm functions or trampolines from the code generator)
// into executable memory: one block per batch (eager compilation loads a whole instance at once, keeping
// the number of mappings low), each function followed by its constant pool and 16-byte `jmp [rip]`
// veneers for rel32 calls whose target is out of range; resolves relocations with codegen::patchField,
// flips the block to RX and registers every function (with its trap sites) in the code registry.
// Invariant: a LoadedCode's functions are registered exactly while its block is mapped.
#pragma once
#include <functional>
#include <memory>
#include <vector>

#include "codegen/code_buffer.h"
#include "runtime/jit/code_registry.h"
#include "runtime/jit/exec_memory.h"

namespace wasmc::rt::jit {

struct LoadedCode {
  struct Fn {
    std::unique_ptr<CodeInfo> info;
    uint32_t handle = UINT32_MAX;
    const void* entry = nullptr;
    size_t codeSize = 0;
  };
  CodeBlock block;
  std::vector<Fn> fns;
  const void* entry(size_t i = 0) const { return fns[i].entry; }
  LoadedCode() = default;
  LoadedCode(const LoadedCode&) = delete;
  LoadedCode& operator=(const LoadedCode&) = delete;
  ~LoadedCode();
};

// Address of a RelocTarget::Function target (index = wasm function index), or 0 when unknown.
using FunctionResolver = std::function<uint64_t(uint32_t funcIndex)>;

struct LoadItem {
  const codegen::CompiledFunction* cf = nullptr;
  std::unique_ptr<CodeInfo> info;  // kind, name, index; trap sites are filled from cf
};

Expected<std::unique_ptr<LoadedCode>> loadCode(std::vector<LoadItem> items, const FunctionResolver& functions);
// One function.
Expected<std::unique_ptr<LoadedCode>> loadCode(const codegen::CompiledFunction& cf, std::unique_ptr<CodeInfo> info,
                                               const FunctionResolver& functions);

// Address of runtime helper `id` (runtime/abi_helpers.def order), or null.
const void* helperAddress(uint32_t id);

}  // namespace wasmc::rt::jit
