// compiler/aot/aot.h — ahead-of-time compilation of a whole module into one ELF relocatable object: every
// defined function (direct calls between them), an entry trampoline per type, a host-call trampoline per
// imported function type, and the descriptor `wasmc_module` (runtime/aot/descriptor.h) that the runtime
// reads to instantiate. Invariants: symbols are unique, sanitised and never collide with the runtime's
// `wasmc_*` names; a failed compile writes no file.
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "codegen/compile.h"
#include "object/object_writer.h"
#include "support/diag.h"
#include "wasm/validator.h"

namespace wasmc::aot {

struct AotOptions {
  object::Target target = object::Target::X86_64;
  // Guard (default): the runtime reserves 8 GiB per memory, so code has no bounds checks.
  codegen::BoundsChecks bounds = codegen::BoundsChecks::Guard;
  // --cpu=x86-64-v3 (or native on an AVX host): VEX three-operand forms for float/SIMD operators.
  bool avx = false;
  // IR optimisation level (codegen::CodegenOptions::optLevel): `wasmc build`/`compile` default to 2.
  uint8_t optLevel = 2;
  // Worker threads for function compilation; 0 = std::thread::hardware_concurrency() (at least 1). The
  // object is byte-identical for every value (results are placed by function index).
  unsigned jobs = 0;
  // Called on the calling thread about 10 times a second while functions compile (done, total), and once
  // with done == total at the end of each pass; empty = no reports.
  std::function<void(uint32_t done, uint32_t total)> onProgress;
};

struct AotStats {
  uint32_t compiled = 0;
  uint32_t declined = 0;     // functions the code generator declined: the runtime interprets them
  bool directCalls = true;   // false when a declined function forced calls through VMContext::funcs
  std::string firstDecline;  // the reason of the first declined function
  double compileSeconds = 0;  // wall time of the function-compile passes (the parallel part)
  unsigned jobs = 1;          // threads used for them
};

// Symbol of each function index (imports included): the name section's name, sanitised to
// [A-Za-z0-9_.], made unique, or `wasm_func_N`.
std::vector<std::string> functionSymbols(const wasm::Module& m);

// The object for `vm`; `wasmBytes` is the module's binary, embedded in the descriptor.
Expected<object::ObjectModule> buildObjectModule(const wasm::ValidatedModule& vm, std::span<const uint8_t> wasmBytes,
                                                 const AotOptions& opts, AotStats* stats = nullptr);

// Decodes, validates and compiles `wasmBytes` and writes the object to `outPath` (atomically).
Status compileToObject(std::span<const uint8_t> wasmBytes, const std::string& outPath, const AotOptions& opts,
                       AotStats* stats = nullptr);

}  // namespace wasmc::aot
