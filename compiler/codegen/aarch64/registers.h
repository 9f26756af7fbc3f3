// compiler/codegen/aarch64/registers.h — AArch64 machine facts as constexpr: the general-purpose and SIMD&FP
// register files, operand widths, SIMD arrangements, condition codes, extends and their names.
// Invariant: enc(r) is the 5-bit hardware number. Encoding 31 means SP or ZR depending on the operand slot,
// so the enum keeps them apart (Sp = 31, Zr = 32) and the assembler rejects the wrong one for each slot.
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>

namespace wasmc::codegen::a64 {

enum class Gpr : uint8_t {
  X0, X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14, X15,
  X16, X17, X18, X19, X20, X21, X22, X23, X24, X25, X26, X27, X28, X29, X30,
  Sp,  // encoding 31 in slots that mean the stack pointer
  Zr,  // encoding 31 in slots that mean the zero register
};
enum class Vreg : uint8_t {
  V0, V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15,
  V16, V17, V18, V19, V20, V21, V22, V23, V24, V25, V26, V27, V28, V29, V30, V31
};
constexpr unsigned kNumGprs = 31;  // x0..x30
constexpr unsigned kNumVregs = 32;

// AAPCS64 names (procedure call standard, 6.1.1): ip0/ip1 are the intra-procedure-call scratch registers
// (linkers' veneers clobber them), x18 the platform register (never used by generated code).
constexpr Gpr Ip0 = Gpr::X16;
constexpr Gpr Ip1 = Gpr::X17;
constexpr Gpr PlatformReg = Gpr::X18;
constexpr Gpr Fp = Gpr::X29;
constexpr Gpr Lr = Gpr::X30;

// Operand size of an integer instruction (the sf bit).
enum class Width : uint8_t { W32, W64 };
constexpr unsigned widthBits(Width w) { return w == Width::W64 ? 64 : 32; }

// Scalar floating-point type (the ftype field: 00 single, 01 double).
enum class FType : uint8_t { S, D };

// Size of a SIMD&FP register load/store (b, h, s, d, q registers).
enum class VSize : uint8_t { B, H, S, D, Q };
constexpr unsigned vsizeBytes(VSize s) { return 1u << static_cast<unsigned>(s); }

// Element size of a vector lane.
enum class ESize : uint8_t { B, H, S, D };
constexpr unsigned esizeBits(ESize e) { return 8u << static_cast<unsigned>(e); }

// SIMD arrangement: value = size << 1 | Q (Arm ARM C7.2: "T" operand).
enum class Arr : uint8_t { B8, B16, H4, H8, S2, S4, D1, D2 };
constexpr unsigned arrQ(Arr a) { return static_cast<unsigned>(a) & 1; }
constexpr ESize arrElem(Arr a) { return static_cast<ESize>(static_cast<unsigned>(a) >> 1); }
constexpr unsigned arrSize(Arr a) { return static_cast<unsigned>(a) >> 1; }
constexpr unsigned arrLanes(Arr a) { return (arrQ(a) ? 128u : 64u) / esizeBits(arrElem(a)); }
constexpr Arr arrOf(ESize e, bool q) { return static_cast<Arr>(static_cast<unsigned>(e) << 1 | (q ? 1 : 0)); }

constexpr unsigned enc(Gpr r) { return r >= Gpr::Sp ? 31u : static_cast<unsigned>(r); }
constexpr unsigned enc(Vreg r) { return static_cast<unsigned>(r); }
// gpr(31) is Sp, gpr(32) Zr (the enum values, not the encoding).
constexpr Gpr gpr(unsigned n) { return static_cast<Gpr>(n > 32 ? 32 : n); }
constexpr Vreg vreg(unsigned n) { return static_cast<Vreg>(n & 31); }
constexpr bool isSp(Gpr r) { return r == Gpr::Sp; }
constexpr bool isZr(Gpr r) { return r == Gpr::Zr; }

// Condition codes (Arm ARM C1.2, "Condition code"): the value is the 4-bit cond field.
enum class Cond : uint8_t {
  EQ = 0, NE = 1, HS = 2, LO = 3, MI = 4, PL = 5, VS = 6, VC = 7,
  HI = 8, LS = 9, GE = 10, LT = 11, GT = 12, LE = 13, AL = 14, NV = 15,
};
constexpr Cond CS = Cond::HS;
constexpr Cond CC = Cond::LO;
// AL and NV both mean "always" and have no inverse.
constexpr Cond invert(Cond c) { return static_cast<Cond>(static_cast<uint8_t>(c) ^ 1); }
// The condition that holds after swapping the operands of the comparison.
constexpr Cond swapOperands(Cond c) {
  switch (c) {
    case Cond::HS: return Cond::LS;
    case Cond::LO: return Cond::HI;
    case Cond::HI: return Cond::LO;
    case Cond::LS: return Cond::HS;
    case Cond::GE: return Cond::LE;
    case Cond::LT: return Cond::GT;
    case Cond::GT: return Cond::LT;
    case Cond::LE: return Cond::GE;
    case Cond::EQ: case Cond::NE: case Cond::MI: case Cond::PL:
    case Cond::VS: case Cond::VC: case Cond::AL: case Cond::NV: return c;
  }
  return c;
}

// Shift of a shifted-register operand (the shift field; ROR only for logical instructions).
enum class Shift : uint8_t { Lsl = 0, Lsr = 1, Asr = 2, Ror = 3 };

// Extend of an extended-register operand and of a register-offset address (the option field).
// Addresses take only Uxtw, Lsl (= Uxtx), Sxtw, Sxtx.
enum class Extend : uint8_t { Uxtb = 0, Uxth = 1, Uxtw = 2, Uxtx = 3, Sxtb = 4, Sxth = 5, Sxtw = 6, Sxtx = 7 };
constexpr Extend Lsl = Extend::Uxtx;
// Whether the index register of an extend is a W register (uxtb..uxtw, sxtb..sxtw) or an X register.
constexpr bool extendTakesW(Extend e) { return (static_cast<unsigned>(e) & 3) != 3; }

// Barrier domains for DMB/DSB (the CRm field).
enum class Barrier : uint8_t { OshLd = 1, OshSt = 2, Osh = 3, NshLd = 5, NshSt = 6, Nsh = 7,
                               IshLd = 9, IshSt = 10, Ish = 11, Ld = 13, St = 14, Sy = 15 };

constexpr const char* condName(Cond c) {
  constexpr const char* names[16] = {"eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc",
                                     "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};
  return names[static_cast<uint8_t>(c)];
}

constexpr const char* gprName(Gpr r, Width w = Width::W64) {
  constexpr const char* x[33] = {"x0",  "x1",  "x2",  "x3",  "x4",  "x5",  "x6",  "x7",  "x8",  "x9",  "x10",
                                 "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21",
                                 "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30", "sp",  "xzr"};
  constexpr const char* wn[33] = {"w0",  "w1",  "w2",  "w3",  "w4",  "w5",  "w6",  "w7",  "w8",  "w9",  "w10",
                                  "w11", "w12", "w13", "w14", "w15", "w16", "w17", "w18", "w19", "w20", "w21",
                                  "w22", "w23", "w24", "w25", "w26", "w27", "w28", "w29", "w30", "wsp", "wzr"};
  return w == Width::W64 ? x[static_cast<unsigned>(r)] : wn[static_cast<unsigned>(r)];
}

constexpr const char* vregName(Vreg r) {
  constexpr const char* n[32] = {"v0",  "v1",  "v2",  "v3",  "v4",  "v5",  "v6",  "v7",  "v8",  "v9",  "v10",
                                 "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21",
                                 "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31"};
  return n[enc(r)];
}

// ---- Proposed register roles for the ARM64 code generator (not wired into anything yet; docs/codegen.md,
// "ARM64 register roles"). Follows docs/abi.md (x28 = VMContext*, x27 = memory 0 base) and AAPCS64: x18 is
// never touched, x16/x17 may be clobbered by linker veneers between any call and its callee, so they can
// only be scratch. The internal Wasm-to-Wasm convention reuses AAPCS64's argument/result registers so
// trampolines to C helpers move nothing; every allocatable register is caller-saved in it. ----
namespace proposed {
constexpr Gpr kCtxReg = Gpr::X28;
constexpr Gpr kMemReg = Gpr::X27;
constexpr Gpr kPinnedGprs[] = {Gpr::X27, Gpr::X28, Fp, Lr, PlatformReg};  // plus sp (not a Gpr number)
// Scratch: isel temporaries (large immediates, addresses, trap checks) and the move resolver's cycle breaker.
constexpr Gpr kScratchGprs[] = {Ip0, Ip1, Gpr::X15};
// v30/v31 are consecutive so that a two-register TBL (i8x16.shuffle) can copy its inputs there.
constexpr Vreg kScratchVregs[] = {Vreg::V29, Vreg::V30, Vreg::V31};
// Allocation order: AAPCS64 callee-saved first (they survive calls to C helpers, which a future allocator
// may exploit), then the temporaries, then the argument registers.
constexpr Gpr kAllocGprs[] = {Gpr::X19, Gpr::X20, Gpr::X21, Gpr::X22, Gpr::X23, Gpr::X24, Gpr::X25, Gpr::X26,
                              Gpr::X9,  Gpr::X10, Gpr::X11, Gpr::X12, Gpr::X13, Gpr::X14, Gpr::X8,
                              Gpr::X0,  Gpr::X1,  Gpr::X2,  Gpr::X3,  Gpr::X4,  Gpr::X5,  Gpr::X6,  Gpr::X7};
constexpr Vreg kAllocVregs[] = {Vreg::V16, Vreg::V17, Vreg::V18, Vreg::V19, Vreg::V20, Vreg::V21, Vreg::V22,
                                Vreg::V23, Vreg::V24, Vreg::V25, Vreg::V26, Vreg::V27, Vreg::V28, Vreg::V8,
                                Vreg::V9,  Vreg::V10, Vreg::V11, Vreg::V12, Vreg::V13, Vreg::V14, Vreg::V15,
                                Vreg::V0,  Vreg::V1,  Vreg::V2,  Vreg::V3,  Vreg::V4,  Vreg::V5,  Vreg::V6,
                                Vreg::V7};
// Internal convention: integer-class parameters, float/v128 parameters, results (docs/abi.md shape).
constexpr Gpr kIntArgRegs[] = {Gpr::X0, Gpr::X1, Gpr::X2, Gpr::X3, Gpr::X4, Gpr::X5, Gpr::X6, Gpr::X7};
constexpr Vreg kFltArgRegs[] = {Vreg::V0, Vreg::V1, Vreg::V2, Vreg::V3, Vreg::V4, Vreg::V5, Vreg::V6, Vreg::V7};
constexpr Gpr kIntResultRegs[] = {Gpr::X0, Gpr::X1};
constexpr Vreg kFltResultRegs[] = {Vreg::V0, Vreg::V1};

template <typename R, size_t N, size_t M>
constexpr bool disjoint(const R (&a)[N], const R (&b)[M]) {
  for (R x : a) {
    for (R y : b) {
      if (x == y) return false;
    }
  }
  return true;
}
template <typename R, size_t N>
constexpr bool distinct(const R (&a)[N]) {
  for (size_t i = 0; i < N; ++i) {
    for (size_t j = i + 1; j < N; ++j) {
      if (a[i] == a[j]) return false;
    }
  }
  return true;
}
static_assert(disjoint(kAllocGprs, kScratchGprs) && disjoint(kAllocGprs, kPinnedGprs) &&
              disjoint(kScratchGprs, kPinnedGprs) && disjoint(kAllocVregs, kScratchVregs));
static_assert(distinct(kAllocGprs) && distinct(kAllocVregs));
static_assert(std::size(kAllocGprs) + std::size(kScratchGprs) + std::size(kPinnedGprs) == kNumGprs);
static_assert(std::size(kAllocVregs) + std::size(kScratchVregs) == kNumVregs);
}  // namespace proposed

static_assert(enc(Gpr::Sp) == 31 && enc(Gpr::Zr) == 31 && enc(Gpr::X30) == 30 && enc(Vreg::V31) == 31);
static_assert(invert(Cond::EQ) == Cond::NE && invert(Cond::GE) == Cond::LT && invert(Cond::HI) == Cond::LS);
static_assert(arrQ(Arr::B16) == 1 && arrElem(Arr::H4) == ESize::H && arrLanes(Arr::D2) == 2 &&
              arrOf(ESize::S, true) == Arr::S4);
static_assert(extendTakesW(Extend::Sxtw) && !extendTakesW(Lsl) && !extendTakesW(Extend::Sxtx));

}  // namespace wasmc::codegen::a64
