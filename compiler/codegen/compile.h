// compiler/codegen/compile.h — the code generator's entry points: one defined function of a validated
// module to a CompiledFunction (lower → regalloc → isel → finish), and the per-signature trampolines the
// runtime needs. A function the generator cannot compile yields an Error (the runtime then runs it in the
// interpreter, counted); it never yields wrong code silently.
#pragma once
#include <cstdint>

#include "codegen/code_buffer.h"
#include "support/diag.h"
#include "wasm/validator.h"

namespace wasmc::codegen {

enum class BoundsChecks : uint8_t {
  Guard,     // 4 GiB + guard reservation: no checks in code, faults become traps
  Explicit,  // compare every access with VMContext::memSize and jump to a trap stub
};

enum class CallMode : uint8_t {
  Table,   // every call loads VMContext::funcs[i] (JIT: lazy stubs, patched entries)
  Direct,  // calls to defined functions are `call rel32` + RelocTarget::Function (AOT)
};

struct CodegenOptions {
  BoundsChecks bounds = BoundsChecks::Guard;
  CallMode calls = CallMode::Table;
  bool avx = false;        // VEX three-operand forms for float/SIMD binary ops (SSE4.1 is the baseline)
  bool verifyRegalloc = false;  // run the independent allocation checker (tests, debug)
  // IR optimisation level (compiler/ir/passes/pipeline.cpp): 0 none, 1 cheap local passes (JIT default),
  // 2 all passes (`wasmc build`/`compile` default).
  uint8_t optLevel = 1;
};

Expected<CompiledFunction> compileFunction(const wasm::ValidatedModule& vm, uint32_t definedIndex,
                                           const CodegenOptions& opts);

// Entry trampoline for signature `ft`, callable from C++ as
//   uint64_t entry(abi::VMContext* ctx, void* code, uint64_t* argsAndResults)
// Arguments are read from 16-byte slots argsAndResults[2*i]; results are written back to slots
// argsAndResults[2*i] (i = result index). Returns 0. Saves every SysV callee-saved register.
Expected<CompiledFunction> compileEntryTrampoline(const wasm::FuncType& ft);

// Host-call trampoline for signature `ft`: installed as VMFuncRef::code of a host function (or of any
// function run by the runtime, e.g. the interpreter). Called with the internal convention; it spills the
// arguments into 16-byte slots on its stack and calls helper HostCall(ctx = r15, slots) (runtime/abi_helpers.def),
// which runs the function, writes results into the same slots and returns 0, or a nonzero value when the
// call trapped (the trampoline then executes ud2 at a HostError trap site; the runtime knows the real trap).
Expected<CompiledFunction> compileHostTrampoline(const wasm::FuncType& ft);

}  // namespace wasmc::codegen
