// runtime/aot/descriptor.h — the per-module descriptor an AOT object carries (symbol `wasmc_module`): the
// one layout the compiler (compiler/aot) writes and the runtime (runtime/aot) reads. Invariants: pointers
// are absolute code addresses (abs64 relocations, resolved by the dynamic linker); every other reference
// is a byte offset from the descriptor's first byte; magic, version and kNumTrapCodes must match or the
// loader refuses the object. No dependencies beyond <cstdint> and the trap table.
#pragma once
#include <cstddef>
#include <cstdint>

#include "runtime/traps.h"

namespace wasmc::aot {

constexpr uint32_t kDescriptorMagic = 0x544f4157;  // "WAOT" little-endian
constexpr uint32_t kDescriptorVersion = 1;
constexpr const char* kModuleSymbol = "wasmc_module";

constexpr uint32_t kNumTrapCodes = 0
#define WASMC_TRAP(Name, Msg) +1
#include "runtime/traps.def"
#undef WASMC_TRAP
    ;

enum DescriptorFlag : uint32_t {
  kFlagDirectCalls = 1u << 0,     // defined functions call each other with `call rel32`
  kFlagExplicitBounds = 1u << 1,  // memory accesses compare with VMContext::memSize (else guard pages)
};

struct AotTrapSite {
  uint32_t codeOffset;
  uint32_t trapCode;  // a TrapCode value
};

// One piece of code in .text: a wasm function or a trampoline. code == null: absent.
struct AotCode {
  const void* code;
  uint32_t codeSize;
  uint32_t numTrapSites;
  uint64_t trapSitesOffset;  // AotTrapSite[numTrapSites]
  uint64_t nameOffset;       // NUL-terminated symbol name
};
static_assert(sizeof(AotCode) == 32);

struct AotDescriptor {
  uint32_t magic;
  uint32_t version;
  uint32_t numTrapCodes;  // kNumTrapCodes of the compiler (trap codes are stored by value)
  uint32_t flags;         // DescriptorFlag
  uint32_t numTypes;      // module types
  uint32_t numDefined;    // defined functions
  uint64_t wasmOffset;    // the module's .wasm bytes (the runtime re-decodes and validates them)
  uint64_t wasmSize;
  uint64_t functionsOffset;  // AotCode[numDefined]
  uint64_t entriesOffset;    // AotCode[numTypes]: entry trampoline per type
  uint64_t hostsOffset;      // AotCode[numTypes]: host-call trampoline per type (imported types only)
};
static_assert(offsetof(AotDescriptor, wasmOffset) == 24);
static_assert(sizeof(AotDescriptor) == 64);

}  // namespace wasmc::aot
