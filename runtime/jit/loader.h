// runtime/jit/loader.h — puts one CompiledFunction (a wasm function or a trampoline from the code
// generator) into executable memory: code, then its constant pool, then 16-byte `jmp [rip]` veneers for
// rel32 calls whose target is out of range; resolves relocations with codegen::patchField, flips the block
// to RX and registers it (with its trap sites) in the code registry. Invariant: a LoadedCode is registered
// exactly while its block is mapped.
#pragma once
#include <functional>
#include <memory>

#include "codegen/code_buffer.h"
#include "runtime/jit/code_registry.h"
#include "runtime/jit/exec_memory.h"

namespace wasmc::rt::jit {

struct LoadedCode {
  CodeBlock block;
  std::unique_ptr<CodeInfo> info;
  uint32_t handle = UINT32_MAX;
  size_t codeSize = 0;
  const void* entry() const { return block.base(); }
  LoadedCode() = default;
  LoadedCode(const LoadedCode&) = delete;
  LoadedCode& operator=(const LoadedCode&) = delete;
  ~LoadedCode();
};

// Address of a RelocTarget::Function target (index = wasm function index), or 0 when unknown.
using FunctionResolver = std::function<uint64_t(uint32_t funcIndex)>;

// `info` describes the code (kind, name, index); its trap sites are filled from `cf`.
Expected<std::unique_ptr<LoadedCode>> loadCode(const codegen::CompiledFunction& cf, std::unique_ptr<CodeInfo> info,
                                               const FunctionResolver& functions);

// Address of runtime helper `id` (runtime/abi_helpers.def order), or null.
const void* helperAddress(uint32_t id);

}  // namespace wasmc::rt::jit
