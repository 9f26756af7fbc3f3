// compiler/codegen/x86_64/registers.h — x86_64 machine facts as constexpr: the general-purpose and XMM
// register files with their hardware encodings, operand widths, condition codes and their names.
// Calling conventions (SysV, our internal one) and allocatable sets are decided elsewhere (abi.h).
// Invariant: an enumerator's value IS its 4-bit hardware encoding (bit 3 goes to REX.R/X/B or VEX).
#pragma once
#include <cstdint>

namespace wasmc::codegen::x64 {

enum class Gpr : uint8_t { Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi, R8, R9, R10, R11, R12, R13, R14, R15 };
enum class Xmm : uint8_t {
  Xmm0, Xmm1, Xmm2, Xmm3, Xmm4, Xmm5, Xmm6, Xmm7, Xmm8, Xmm9, Xmm10, Xmm11, Xmm12, Xmm13, Xmm14, Xmm15
};
constexpr unsigned kNumGprs = 16;
constexpr unsigned kNumXmms = 16;

// Operand size of an integer instruction.
enum class Width : uint8_t { W8, W16, W32, W64 };
constexpr unsigned widthBytes(Width w) { return 1u << static_cast<unsigned>(w); }

constexpr unsigned enc(Gpr r) { return static_cast<unsigned>(r); }
constexpr unsigned enc(Xmm r) { return static_cast<unsigned>(r); }
constexpr unsigned low3(Gpr r) { return enc(r) & 7; }
constexpr unsigned low3(Xmm r) { return enc(r) & 7; }
constexpr bool isExtended(Gpr r) { return enc(r) >= 8; }  // needs REX.R/X/B
constexpr bool isExtended(Xmm r) { return enc(r) >= 8; }
// spl, bpl, sil, dil exist only with a REX prefix (without one, 4..7 mean ah, ch, dh, bh).
constexpr bool byteNeedsRex(Gpr r) { return enc(r) >= 4 && enc(r) <= 7; }
// As a memory base, rsp/r12 need a SIB byte and rbp/r13 cannot use mod=00 (that means RIP/disp32).
constexpr bool baseNeedsSib(Gpr r) { return low3(r) == 4; }
constexpr bool baseNeedsDisp(Gpr r) { return low3(r) == 5; }

constexpr Gpr gpr(unsigned n) { return static_cast<Gpr>(n & 15); }
constexpr Xmm xmm(unsigned n) { return static_cast<Xmm>(n & 15); }

// Condition codes: the value is the low nibble of Jcc/SETcc/CMOVcc (Intel SDM Vol. 2, Appendix B.1.4.7).
enum class Cond : uint8_t {
  O = 0, NO = 1, B = 2, AE = 3, E = 4, NE = 5, BE = 6, A = 7,
  S = 8, NS = 9, P = 10, NP = 11, L = 12, GE = 13, LE = 14, G = 15,
};
constexpr Cond invert(Cond c) { return static_cast<Cond>(static_cast<uint8_t>(c) ^ 1); }
// The condition that holds after swapping the operands of the comparison.
constexpr Cond swapOperands(Cond c) {
  switch (c) {
    case Cond::B: return Cond::A;
    case Cond::AE: return Cond::BE;
    case Cond::BE: return Cond::AE;
    case Cond::A: return Cond::B;
    case Cond::L: return Cond::G;
    case Cond::GE: return Cond::LE;
    case Cond::LE: return Cond::GE;
    case Cond::G: return Cond::L;
    case Cond::O: case Cond::NO: case Cond::E: case Cond::NE:
    case Cond::S: case Cond::NS: case Cond::P: case Cond::NP: return c;
  }
  return c;
}

constexpr const char* condName(Cond c) {
  constexpr const char* names[16] = {"o", "no", "b", "ae", "e", "ne", "be", "a",
                                     "s", "ns", "p", "np", "l", "ge", "le", "g"};
  return names[static_cast<uint8_t>(c)];
}

constexpr const char* gprName(Gpr r, Width w = Width::W64) {
  constexpr const char* n64[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                   "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
  constexpr const char* n32[16] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                   "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
  constexpr const char* n16[16] = {"ax",  "cx",  "dx",   "bx",   "sp",   "bp",   "si",   "di",
                                   "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
  constexpr const char* n8[16] = {"al",  "cl",  "dl",   "bl",   "spl",  "bpl",  "sil",  "dil",
                                  "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
  switch (w) {
    case Width::W8: return n8[enc(r)];
    case Width::W16: return n16[enc(r)];
    case Width::W32: return n32[enc(r)];
    case Width::W64: return n64[enc(r)];
  }
  return "?";
}

constexpr const char* xmmName(Xmm r) {
  constexpr const char* n[16] = {"xmm0", "xmm1", "xmm2",  "xmm3",  "xmm4",  "xmm5",  "xmm6",  "xmm7",
                                 "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"};
  return n[enc(r)];
}

static_assert(enc(Gpr::R15) == 15 && enc(Xmm::Xmm15) == 15);
static_assert(baseNeedsSib(Gpr::Rsp) && baseNeedsSib(Gpr::R12) && !baseNeedsSib(Gpr::Rbp));
static_assert(baseNeedsDisp(Gpr::Rbp) && baseNeedsDisp(Gpr::R13) && !baseNeedsDisp(Gpr::Rsp));
static_assert(invert(Cond::E) == Cond::NE && invert(Cond::L) == Cond::GE && invert(Cond::P) == Cond::NP);

}  // namespace wasmc::codegen::x64
