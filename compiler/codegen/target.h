// compiler/codegen/target.h — what the register allocator knows about a target: per register class the
// allocatable registers (in preference order), the scratch registers isel may clobber at any time, and the
// pinned ones (context, memory base, stack and frame pointers). The allocator never sees anything else.
// Invariant: the three sets of a class are disjoint (each target static_asserts this for its own env).
#pragma once
#include <cstdint>
#include <vector>

namespace wasmc::codegen {

// Gpr: integers and references; Fpr: floats and vectors (x86 XMM, ARM64 V registers).
enum class RegClass : uint8_t { Gpr = 0, Fpr = 1 };
constexpr unsigned kNumRegClasses = 2;

struct MachineEnv {
  // Hardware register numbers per class (index by RegClass).
  std::vector<uint8_t> allocatable[kNumRegClasses];
  std::vector<uint8_t> scratch[kNumRegClasses];
  std::vector<uint8_t> pinned[kNumRegClasses];
};

}  // namespace wasmc::codegen
