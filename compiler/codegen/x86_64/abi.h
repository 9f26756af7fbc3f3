// compiler/codegen/x86_64/abi.h — x86_64 register roles and calling conventions of generated code: the
// MachineEnv the allocator sees (allocatable / scratch / pinned), the internal Wasm-to-Wasm convention
// (docs/abi.md) and SysV argument registers for runtime helpers.
// Invariants (static_asserted in abi.cpp): scratch and pinned registers are never allocatable; r14/r15
// are pinned; the registers the isel uses implicitly are scratch (rax, rcx for shift counts, xmm0 for
// blendv) except rdx: it is allocatable (last choice) and div/rem save it around the division.
#pragma once
#include <cstdint>
#include <vector>

#include "codegen/target.h"
#include "codegen/x86_64/registers.h"
#include "wasm/types.h"

namespace wasmc::codegen::x64 {

constexpr Gpr kCtxReg = Gpr::R15;
constexpr Gpr kMemReg = Gpr::R14;
// Scratch registers, by role.
constexpr Gpr kTmp0 = Gpr::Rax;    // results, operation temporary
constexpr Gpr kTmp1 = Gpr::Rcx;    // shift counts, second temporary
constexpr Gpr kTmp2 = Gpr::Rdx;    // div/rem high half: NOT scratch, allocatable (see divide in isel_int.cpp)
constexpr Gpr kTmp3 = Gpr::R11;    // addresses, move-cycle breaking
constexpr Xmm kXTmp0 = Xmm::Xmm0;  // blendv mask, results
constexpr Xmm kXTmp1 = Xmm::Xmm14;
constexpr Xmm kXTmp2 = Xmm::Xmm15; // move-cycle breaking

constexpr Gpr kAllocGprs[] = {Gpr::Rbx, Gpr::R12, Gpr::R13, Gpr::Rsi, Gpr::Rdi, Gpr::R8, Gpr::R9, Gpr::R10, Gpr::Rdx};
constexpr Xmm kAllocXmms[] = {Xmm::Xmm1, Xmm::Xmm2,  Xmm::Xmm3,  Xmm::Xmm4,  Xmm::Xmm5,  Xmm::Xmm6, Xmm::Xmm7,
                              Xmm::Xmm8, Xmm::Xmm9, Xmm::Xmm10, Xmm::Xmm11, Xmm::Xmm12, Xmm::Xmm13};
constexpr Gpr kScratchGprs[] = {kTmp0, kTmp1, kTmp3};
constexpr Xmm kScratchXmms[] = {kXTmp0, kXTmp1, kXTmp2};
constexpr Gpr kPinnedGprs[] = {Gpr::Rsp, Gpr::Rbp, kMemReg, kCtxReg};

// Internal convention registers (docs/abi.md).
constexpr Gpr kIntArgRegs[] = {Gpr::Rdi, Gpr::Rsi, Gpr::Rdx, Gpr::Rcx, Gpr::R8, Gpr::R9};
constexpr Xmm kFltArgRegs[] = {Xmm::Xmm0, Xmm::Xmm1, Xmm::Xmm2, Xmm::Xmm3, Xmm::Xmm4, Xmm::Xmm5, Xmm::Xmm6, Xmm::Xmm7};
constexpr Gpr kIntResultRegs[] = {Gpr::Rax, Gpr::Rdx};
constexpr Xmm kFltResultRegs[] = {Xmm::Xmm0, Xmm::Xmm1};
// SysV integer argument registers (helpers: the VMContext* goes first).
constexpr Gpr kSysVArgRegs[] = {Gpr::Rdi, Gpr::Rsi, Gpr::Rdx, Gpr::Rcx, Gpr::R8, Gpr::R9};

const MachineEnv& machineEnv();

// Where one parameter or result lives at the call boundary.
struct ValueLoc {
  bool inReg = true;
  RegClass cls = RegClass::Gpr;
  uint8_t reg = 0;
  // Parameters: byte offset from rsp at the call instruction (callee: from rbp + 16).
  // Results: byte offset in the caller-provided result area (16 bytes per result index).
  uint32_t offset = 0;
};

struct CallConv {
  std::vector<ValueLoc> params;
  std::vector<ValueLoc> results;
  bool hasResultArea = false;  // some result is not in a register
  ValueLoc resultArea;         // the hidden last integer-class parameter holding the area's address
  uint32_t stackBytes = 0;     // outgoing stack argument bytes (multiple of 16)
  uint32_t resultAreaBytes = 0;
};
CallConv internalConvention(const wasm::FuncType& ft);

}  // namespace wasmc::codegen::x64
