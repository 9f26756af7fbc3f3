// compiler/object/backend.h — the LLVM back end: libwasmc_llvm.so, the only binary that links LLVM (MC for
// object emission, lld for linking), loaded with dlopen by `wasmc compile`/`build` and the spec runner's
// AOT mode only, so `wasmc run` and built executables never map LLVM. Plain C++ data crosses the boundary.
// Invariants: the library is looked up next to this build (installed: <wasmc>/../lib/wasmc; else the build
// tree's), loaded once per process, and rejected unless its ABI stamp equals ours.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "object/plan.h"
#include "support/diag.h"

namespace wasmc::object {

// Bumped whenever LlvmBackend, Plan or Chunk change shape.
constexpr uint32_t kLlvmBackendAbi = 1;

struct LlvmBackend {
  uint32_t abi;              // kLlvmBackendAbi of the build that made the library
  uint32_t planSize;         // sizeof(Plan), sizeof(Chunk) there: a cheap guard against a stale library
  uint32_t chunkSize;
  // ELF relocatable object of a checked plan into `out`; false with a one-line `error` otherwise.
  bool (*emitObject)(const Plan& plan, std::vector<uint8_t>& out, std::string& error);
  // Runs lld's ELF driver in this process on `argv` (argv[0] is the program name, ignored). Returns
  // false with lld's diagnostics in `output`. Null when the library was built without liblld.
  bool (*linkElf)(const std::vector<std::string>& argv, std::string& output);
  const char* linkerName;    // e.g. "lld 14 (in-process)"; null with linkElf
};

// The exported entry point of libwasmc_llvm.so.
extern "C" const LlvmBackend* wasmc_llvm_backend();
inline constexpr const char* kLlvmBackendSymbol = "wasmc_llvm_backend";
inline constexpr const char* kLlvmBackendFile = "libwasmc_llvm.so";

// The loaded back end (dlopen once per process), or why it cannot be loaded (one line).
Expected<const LlvmBackend*> llvmBackend();

// The file llvmBackend() loaded ("" when it failed).
std::string llvmBackendPath();

}  // namespace wasmc::object
