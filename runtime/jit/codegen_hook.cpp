// runtime/jit/codegen_hook.cpp — the one place where the JIT names the code generator and the options it
// compiles with: calls through VMContext::funcs (so lazy stubs can be swapped) and guard-page bounds (JIT
// stores reserve 8 GiB per memory) unless EngineOptions::explicitBoundsChecks, the IR passes of
// EngineOptions::optLevel, plus the code generator's per-signature entry and host-call trampolines.
#include "codegen/compile.h"
#include "runtime/jit/engine.h"

namespace wasmc::rt::jit {

CompileHook defaultCompileHook(bool explicitBounds, bool avx, uint8_t optLevel) {
  return [explicitBounds, avx, optLevel](const wasm::ValidatedModule& vm, uint32_t definedIndex) {
    codegen::CodegenOptions o;
    o.avx = avx;
    o.optLevel = optLevel;
    o.calls = codegen::CallMode::Table;
    o.bounds = explicitBounds ? codegen::BoundsChecks::Explicit : codegen::BoundsChecks::Guard;
    return codegen::compileFunction(vm, definedIndex, o);
  };
}

TrampolineHook defaultEntryTrampolineHook() {
  return [](const FuncType& t) { return codegen::compileEntryTrampoline(t); };
}

TrampolineHook defaultHostTrampolineHook() {
  return [](const FuncType& t) { return codegen::compileHostTrampoline(t); };
}

}  // namespace wasmc::rt::jit
