// compiler/codegen/aarch64/assembler.cpp — AArch64 instruction encodings: each form is a base word from the
// Arm ARM (DDI 0487, chapter C4 encoding index; C6.2 base instructions, C7.2 SIMD&FP) OR-ed with field
// helpers, appended as one 32-bit word (no allocation per instruction). Invariant: a field value that does
// not fit is reported through CodeBuffer::reportError (finish() then fails) and masked, never spilled into
// neighbouring fields.
#include "codegen/aarch64/assembler.h"

#include <bit>
#include <cstring>
#include <string>

namespace wasmc::codegen::a64 {

namespace {

constexpr uint32_t sf(Width w) { return w == Width::W64 ? 0x80000000u : 0; }
constexpr uint32_t ftype(FType t) { return static_cast<uint32_t>(t) << 22; }
constexpr uint32_t rd(unsigned r) { return r & 31; }
constexpr uint32_t rn(unsigned r) { return (r & 31) << 5; }
constexpr uint32_t rm(unsigned r) { return (r & 31) << 16; }
constexpr uint32_t ra(unsigned r) { return (r & 31) << 10; }
constexpr uint32_t rt2(unsigned r) { return (r & 31) << 10; }
constexpr uint32_t vq(bool q) { return q ? 0x40000000u : 0; }
constexpr uint32_t cond(Cond c) { return static_cast<uint32_t>(c); }

uint64_t rorWithin(uint64_t v, unsigned r, unsigned size) {
  uint64_t mask = size == 64 ? ~uint64_t{0} : (uint64_t{1} << size) - 1;
  r %= size;
  if (r == 0) return v & mask;
  return ((v >> r) | (v << (size - r))) & mask;
}

}  // namespace

// DecodeBitMasks in reverse (Arm ARM J1, "DecodeBitMasks"): the value must be a replicated element of
// 2..64 bits holding one rotated run of ones that is neither empty nor full.
bool encodeLogicalImm(uint64_t value, Width w, uint32_t& nImmrImms) {
  if (w == Width::W32) {
    value &= 0xffffffffu;
    value |= value << 32;
  }
  if (value == 0 || value == ~uint64_t{0}) return false;
  unsigned size = 64;
  while (size > 2) {
    unsigned half = size / 2;
    uint64_t mask = (uint64_t{1} << half) - 1;
    if ((value & mask) != ((value >> half) & mask)) break;
    size = half;
  }
  uint64_t mask = size == 64 ? ~uint64_t{0} : (uint64_t{1} << size) - 1;
  uint64_t elt = value & mask;
  // The run starts at the one set bit whose lower neighbour (cyclically, within the element) is clear.
  uint64_t starts = elt & ~rorWithin(elt, size - 1, size);
  if (std::popcount(starts) != 1) return false;
  unsigned start = static_cast<unsigned>(std::countr_zero(starts));
  unsigned ones = static_cast<unsigned>(std::popcount(elt));
  // elt == ROR(run of `ones` low bits, immr): the run's bit 0 lands on `start`.
  unsigned immr = (size - start) % size;
  uint32_t n = size == 64 ? 1 : 0;
  uint32_t imms = ((~(size * 2 - 1)) & 0x3f) | (ones - 1);
  nImmrImms = n << 12 | immr << 6 | (imms & 0x3f);
  return true;
}

// VFPExpandImm in reverse (Arm ARM "Modified immediate constants in floating-point instructions").
bool encodeFpImm(double value, uint32_t& imm8) {
  uint64_t bits = std::bit_cast<uint64_t>(value);
  if ((bits & ((uint64_t{1} << 48) - 1)) != 0) return false;
  uint32_t exp = static_cast<uint32_t>(bits >> 52) & 0x7ff;
  if (exp < 0x3fc || exp > 0x403) return false;
  uint32_t sign = static_cast<uint32_t>(bits >> 63);
  uint32_t b = (exp & 0x400) ? 0 : 1;
  imm8 = sign << 7 | b << 6 | (exp & 3) << 4 | (static_cast<uint32_t>(bits >> 48) & 0xf);
  return true;
}

void Assembler::badOperand(const char* what) {
  buf_.reportError(std::string("aarch64 assembler: ") + what + " at code offset " + std::to_string(offset()));
}

void Assembler::emitLabelRef(uint32_t word, Label l, FieldKind kind) {
  uint32_t at = offset();
  emit(word);
  buf_.addLabelRef(l, at, kind, 0);
}

void Assembler::emitReloc(uint32_t word, FieldKind kind, RelocTarget target, uint32_t index, int64_t addend) {
  uint32_t at = offset();
  emit(word);
  buf_.addReloc(kind, target, at, index, addend);
}

// ---- Add/subtract (C6.2 ADD (extended register), ADD (immediate), ADD (shifted register)) ----

namespace {
constexpr uint32_t addsubOp(uint32_t op) { return (op >> 1) << 30 | (op & 1) << 29; }
}  // namespace

void Assembler::addsub_rrr(uint32_t op, Width w, Gpr d, Gpr n, Gpr m) {
  bool setsFlags = (op & 1) != 0;
  if (isSp(n) || (isSp(d) && !setsFlags)) {
    addsub_ext(op, w, d, n, m, w == Width::W64 ? Extend::Uxtx : Extend::Uxtw, 0);
    return;
  }
  addsub_shift(op, w, d, n, m, Shift::Lsl, 0);
}

void Assembler::addsub_shift(uint32_t op, Width w, Gpr d, Gpr n, Gpr m, Shift s, unsigned amount) {
  if (s == Shift::Ror) badOperand("ror shift in add/sub");
  if (amount >= widthBits(w)) badOperand("shift amount out of range");
  emit(sf(w) | addsubOp(op) | 0x0B000000u | static_cast<uint32_t>(s) << 22 | rm(zr(m)) | (amount & 63) << 10 |
       rn(zr(n)) | rd(zr(d)));
}

void Assembler::addsub_ext(uint32_t op, Width w, Gpr d, Gpr n, Gpr m, Extend e, unsigned amount) {
  if (amount > 4) badOperand("extend shift out of range");
  unsigned dd = (op & 1) ? zr(d) : sp(d);
  emit(sf(w) | addsubOp(op) | 0x0B200000u | rm(zr(m)) | static_cast<uint32_t>(e) << 13 | (amount & 7) << 10 |
       rn(sp(n)) | rd(dd));
}

void Assembler::addsub_imm(uint32_t op, Width w, Gpr d, Gpr n, uint32_t imm) {
  uint32_t sh = 0;
  if (imm >= 4096) {
    if (!isAddSubImm(imm)) badOperand("add/sub immediate out of range");
    sh = 1;
    imm >>= 12;
  }
  unsigned dd = (op & 1) ? zr(d) : sp(d);
  emit(sf(w) | addsubOp(op) | 0x11000000u | sh << 22 | (imm & 0xfff) << 10 | rn(sp(n)) | rd(dd));
}

void Assembler::adc_rrr(Width w, Gpr d, Gpr n, Gpr m) {  // C6.2 ADC
  emit(sf(w) | 0x1A000000u | rm(zr(m)) | rn(zr(n)) | rd(zr(d)));
}
void Assembler::sbc_rrr(Width w, Gpr d, Gpr n, Gpr m) {  // C6.2 SBC
  emit(sf(w) | 0x5A000000u | rm(zr(m)) | rn(zr(n)) | rd(zr(d)));
}

// ---- Logical (C4.1 "Logical (shifted register)", C4.1 "Logical (immediate)") ----

void Assembler::logical_shift(uint32_t opc, uint32_t nbit, Width w, Gpr d, Gpr n, Gpr m, Shift s,
                              unsigned amount) {
  if (amount >= widthBits(w)) badOperand("shift amount out of range");
  emit(sf(w) | opc << 29 | 0x0A000000u | static_cast<uint32_t>(s) << 22 | nbit << 21 | rm(zr(m)) |
       (amount & 63) << 10 | rn(zr(n)) | rd(zr(d)));
}

void Assembler::logical_imm(uint32_t opc, Width w, Gpr d, Gpr n, uint64_t imm) {
  uint32_t bits = 0;
  if (!encodeLogicalImm(imm, w, bits)) badOperand("not a logical (bitmask) immediate");
  unsigned dd = opc == 3 ? zr(d) : sp(d);
  emit(sf(w) | opc << 29 | 0x12000000u | bits << 10 | rn(zr(n)) | rd(dd));
}

// ---- Moves (C6.2 MOVZ, MOVN, MOVK and their MOV aliases) ----

void Assembler::mov_rr(Width w, Gpr d, Gpr n) {
  if (isSp(d) || isSp(n)) {
    add_rri(w, d, n, 0);
    return;
  }
  orr_rrr(w, d, Gpr::Zr, n);
}

void Assembler::movwide(uint32_t opc, Width w, Gpr d, uint32_t imm16, unsigned shift) {
  if (imm16 > 0xffff || shift % 16 != 0 || shift >= widthBits(w)) badOperand("move-wide immediate out of range");
  emit(sf(w) | opc << 29 | 0x12800000u | ((shift / 16) & 3) << 21 | (imm16 & 0xffff) << 5 | rd(zr(d)));
}
void Assembler::movz(Width w, Gpr d, uint32_t imm16, unsigned shift) { movwide(2, w, d, imm16, shift); }
void Assembler::movn(Width w, Gpr d, uint32_t imm16, unsigned shift) { movwide(0, w, d, imm16, shift); }
void Assembler::movk(Width w, Gpr d, uint32_t imm16, unsigned shift) { movwide(3, w, d, imm16, shift); }

void Assembler::mov_imm(Width w, Gpr d, uint64_t value) {
  unsigned halves = w == Width::W64 ? 4 : 2;
  if (w == Width::W32) value &= 0xffffffffu;
  unsigned zeros = 0, ones = 0;
  for (unsigned i = 0; i < halves; ++i) {
    uint32_t h = static_cast<uint32_t>(value >> (16 * i)) & 0xffff;
    zeros += h == 0;
    ones += h == 0xffff;
  }
  unsigned viaZ = halves - zeros, viaN = halves - ones;  // instructions needed (at least 1)
  if (viaZ == 0) viaZ = 1;
  if (viaN == 0) viaN = 1;
  uint32_t bits;
  if (viaZ > 1 && viaN > 1 && encodeLogicalImm(value, w, bits)) {
    orr_rri(w, d, Gpr::Zr, value);
    return;
  }
  bool useN = viaN < viaZ;
  uint32_t fill = useN ? 0xffff : 0;
  bool first = true;
  for (unsigned i = 0; i < halves; ++i) {
    uint32_t h = static_cast<uint32_t>(value >> (16 * i)) & 0xffff;
    if (h == fill) continue;
    if (first) {
      if (useN) movn(w, d, ~h & 0xffff, 16 * i);
      else movz(w, d, h, 16 * i);
      first = false;
    } else {
      movk(w, d, h, 16 * i);
    }
  }
  if (first) {  // every halfword equals the fill: 0 or all ones
    if (useN) movn(w, d, 0, 0);
    else movz(w, d, 0, 0);
  }
}

// ---- Multiply, divide (C4.1 "Data-processing (3 source)", C4.1 "(2 source)") ----

void Assembler::madd_rrrr(Width w, Gpr d, Gpr n, Gpr m, Gpr a) {
  emit(sf(w) | 0x1B000000u | rm(zr(m)) | ra(zr(a)) | rn(zr(n)) | rd(zr(d)));
}
void Assembler::msub_rrrr(Width w, Gpr d, Gpr n, Gpr m, Gpr a) {
  emit(sf(w) | 0x1B008000u | rm(zr(m)) | ra(zr(a)) | rn(zr(n)) | rd(zr(d)));
}
void Assembler::smulh_rrr(Gpr d, Gpr n, Gpr m) { emit(0x9B407C00u | rm(zr(m)) | rn(zr(n)) | rd(zr(d))); }
void Assembler::umulh_rrr(Gpr d, Gpr n, Gpr m) { emit(0x9BC07C00u | rm(zr(m)) | rn(zr(n)) | rd(zr(d))); }
void Assembler::smull_rrr(Gpr d, Gpr n, Gpr m) { emit(0x9B207C00u | rm(zr(m)) | rn(zr(n)) | rd(zr(d))); }
void Assembler::umull_rrr(Gpr d, Gpr n, Gpr m) { emit(0x9BA07C00u | rm(zr(m)) | rn(zr(n)) | rd(zr(d))); }

void Assembler::dp2(uint32_t opcode, Width w, Gpr d, Gpr n, Gpr m) {
  emit(sf(w) | 0x1AC00000u | rm(zr(m)) | opcode << 10 | rn(zr(n)) | rd(zr(d)));
}
void Assembler::udiv_rrr(Width w, Gpr d, Gpr n, Gpr m) { dp2(0x02, w, d, n, m); }
void Assembler::sdiv_rrr(Width w, Gpr d, Gpr n, Gpr m) { dp2(0x03, w, d, n, m); }
void Assembler::lslv_rrr(Width w, Gpr d, Gpr n, Gpr m) { dp2(0x08, w, d, n, m); }
void Assembler::lsrv_rrr(Width w, Gpr d, Gpr n, Gpr m) { dp2(0x09, w, d, n, m); }
void Assembler::asrv_rrr(Width w, Gpr d, Gpr n, Gpr m) { dp2(0x0A, w, d, n, m); }
void Assembler::rorv_rrr(Width w, Gpr d, Gpr n, Gpr m) { dp2(0x0B, w, d, n, m); }

// ---- Data processing, one source (C4.1 "Data-processing (1 source)") ----

void Assembler::dp1(uint32_t opcode, Width w, Gpr d, Gpr n) {
  emit(sf(w) | 0x5AC00000u | opcode << 10 | rn(zr(n)) | rd(zr(d)));
}
void Assembler::rbit_rr(Width w, Gpr d, Gpr n) { dp1(0, w, d, n); }
void Assembler::rev16_rr(Width w, Gpr d, Gpr n) { dp1(1, w, d, n); }
void Assembler::rev32_rr(Gpr d, Gpr n) { dp1(2, Width::W64, d, n); }
void Assembler::rev_rr(Width w, Gpr d, Gpr n) { dp1(w == Width::W64 ? 3 : 2, w, d, n); }
void Assembler::clz_rr(Width w, Gpr d, Gpr n) { dp1(4, w, d, n); }
void Assembler::cls_rr(Width w, Gpr d, Gpr n) { dp1(5, w, d, n); }

// ---- Bit fields (C4.1 "Bitfield", "Extract") and their shift/extract/insert aliases ----

void Assembler::bitfield(uint32_t opc, Width w, Gpr d, Gpr n, unsigned immr, unsigned imms) {
  unsigned size = widthBits(w);
  if (immr >= size || imms >= size) badOperand("bitfield position out of range");
  uint32_t nbit = w == Width::W64 ? 1u << 22 : 0;
  emit(sf(w) | opc << 29 | 0x13000000u | nbit | (immr & 63) << 16 | (imms & 63) << 10 | rn(zr(n)) | rd(zr(d)));
}
void Assembler::sbfm_rrii(Width w, Gpr d, Gpr n, unsigned immr, unsigned imms) { bitfield(0, w, d, n, immr, imms); }
void Assembler::bfm_rrii(Width w, Gpr d, Gpr n, unsigned immr, unsigned imms) { bitfield(1, w, d, n, immr, imms); }
void Assembler::ubfm_rrii(Width w, Gpr d, Gpr n, unsigned immr, unsigned imms) { bitfield(2, w, d, n, immr, imms); }

void Assembler::extr_rrri(Width w, Gpr d, Gpr n, Gpr m, unsigned lsb) {
  if (lsb >= widthBits(w)) badOperand("extr position out of range");
  uint32_t nbit = w == Width::W64 ? 1u << 22 : 0;
  emit(sf(w) | 0x13800000u | nbit | rm(zr(m)) | (lsb & 63) << 10 | rn(zr(n)) | rd(zr(d)));
}

void Assembler::lsl_rri(Width w, Gpr d, Gpr n, unsigned shift) {
  unsigned size = widthBits(w);
  if (shift >= size) badOperand("shift amount out of range");
  shift &= size - 1;
  ubfm_rrii(w, d, n, (size - shift) & (size - 1), size - 1 - shift);
}
void Assembler::lsr_rri(Width w, Gpr d, Gpr n, unsigned shift) { ubfm_rrii(w, d, n, shift, widthBits(w) - 1); }
void Assembler::asr_rri(Width w, Gpr d, Gpr n, unsigned shift) { sbfm_rrii(w, d, n, shift, widthBits(w) - 1); }

namespace {
// Checks 1 <= width <= size - lsb; returns false (the caller reports) otherwise.
bool fieldFits(Width w, unsigned lsb, unsigned width) {
  unsigned size = widthBits(w);
  return width >= 1 && lsb < size && width <= size - lsb;
}
}  // namespace

void Assembler::ubfx_rrii(Width w, Gpr d, Gpr n, unsigned lsb, unsigned width) {
  if (!fieldFits(w, lsb, width)) badOperand("bit field out of range");
  ubfm_rrii(w, d, n, lsb, lsb + width - 1);
}
void Assembler::sbfx_rrii(Width w, Gpr d, Gpr n, unsigned lsb, unsigned width) {
  if (!fieldFits(w, lsb, width)) badOperand("bit field out of range");
  sbfm_rrii(w, d, n, lsb, lsb + width - 1);
}
void Assembler::bfxil_rrii(Width w, Gpr d, Gpr n, unsigned lsb, unsigned width) {
  if (!fieldFits(w, lsb, width)) badOperand("bit field out of range");
  bfm_rrii(w, d, n, lsb, lsb + width - 1);
}
void Assembler::bfi_rrii(Width w, Gpr d, Gpr n, unsigned lsb, unsigned width) {
  if (!fieldFits(w, lsb, width)) badOperand("bit field out of range");
  unsigned size = widthBits(w);
  bfm_rrii(w, d, n, (size - lsb) & (size - 1), width - 1);
}
void Assembler::ubfiz_rrii(Width w, Gpr d, Gpr n, unsigned lsb, unsigned width) {
  if (!fieldFits(w, lsb, width)) badOperand("bit field out of range");
  unsigned size = widthBits(w);
  ubfm_rrii(w, d, n, (size - lsb) & (size - 1), width - 1);
}

// ---- Conditional select / compare (C4.1 "Conditional select", "Conditional compare") ----

void Assembler::condsel(uint32_t base, Width w, Gpr d, Gpr n, Gpr m, Cond c) {
  emit(sf(w) | base | rm(zr(m)) | cond(c) << 12 | rn(zr(n)) | rd(zr(d)));
}
void Assembler::csel_rrrc(Width w, Gpr d, Gpr n, Gpr m, Cond c) { condsel(0x1A800000u, w, d, n, m, c); }
void Assembler::csinc_rrrc(Width w, Gpr d, Gpr n, Gpr m, Cond c) { condsel(0x1A800400u, w, d, n, m, c); }
void Assembler::csinv_rrrc(Width w, Gpr d, Gpr n, Gpr m, Cond c) { condsel(0x5A800000u, w, d, n, m, c); }
void Assembler::csneg_rrrc(Width w, Gpr d, Gpr n, Gpr m, Cond c) { condsel(0x5A800400u, w, d, n, m, c); }

void Assembler::condcmp(uint32_t base, Width w, Gpr n, unsigned rmOrImm, unsigned nzcv, Cond c) {
  if (nzcv > 15 || rmOrImm > 31) badOperand("ccmp immediate out of range");
  emit(sf(w) | base | (rmOrImm & 31) << 16 | cond(c) << 12 | rn(zr(n)) | (nzcv & 15));
}
void Assembler::ccmp_rrc(Width w, Gpr n, Gpr m, unsigned nzcv, Cond c) {
  condcmp(0x7A400000u, w, n, zr(m), nzcv, c);
}
void Assembler::ccmp_ric(Width w, Gpr n, unsigned imm5, unsigned nzcv, Cond c) {
  condcmp(0x7A400800u, w, n, imm5, nzcv, c);
}
void Assembler::ccmn_rrc(Width w, Gpr n, Gpr m, unsigned nzcv, Cond c) {
  condcmp(0x3A400000u, w, n, zr(m), nzcv, c);
}
void Assembler::ccmn_ric(Width w, Gpr n, unsigned imm5, unsigned nzcv, Cond c) {
  condcmp(0x3A400800u, w, n, imm5, nzcv, c);
}

// ---- PC-relative addressing and branches (C4.1 "PC-rel. addressing", "Branches, exception generating and
// system instructions") ----

void Assembler::adr_label(Gpr d, Label l) { emitLabelRef(0x10000000u | rd(zr(d)), l, FieldKind::Arm64Adr21); }
void Assembler::adr_const(Gpr d, uint32_t poolOffset) {
  emitReloc(0x10000000u | rd(zr(d)), FieldKind::Arm64Adr21, RelocTarget::ConstPool, poolOffset, 0);
}
void Assembler::adrp_reloc(Gpr d, RelocTarget target, uint32_t index, int64_t addend) {
  emitReloc(0x90000000u | rd(zr(d)), FieldKind::Arm64AdrpPage21, target, index, addend);
}
void Assembler::add_lo12_reloc(Gpr d, Gpr n, RelocTarget target, uint32_t index, int64_t addend) {
  emitReloc(0x91000000u | rn(sp(n)) | rd(sp(d)), FieldKind::Arm64AddLo12, target, index, addend);
}
void Assembler::b_label(Label l) { emitLabelRef(0x14000000u, l, FieldKind::Arm64Branch26); }
void Assembler::bl_label(Label l) { emitLabelRef(0x94000000u, l, FieldKind::Arm64Branch26); }
void Assembler::b_cond_label(Cond c, Label l) { emitLabelRef(0x54000000u | cond(c), l, FieldKind::Arm64Cond19); }
void Assembler::cbz_label(Width w, Gpr t, Label l) {
  emitLabelRef(sf(w) | 0x34000000u | rd(zr(t)), l, FieldKind::Arm64Cond19);
}
void Assembler::cbnz_label(Width w, Gpr t, Label l) {
  emitLabelRef(sf(w) | 0x35000000u | rd(zr(t)), l, FieldKind::Arm64Cond19);
}
void Assembler::tbz_label(Gpr t, unsigned bit, Label l) {
  if (bit > 63) badOperand("tbz bit out of range");
  emitLabelRef((bit & 32u) << 26 | 0x36000000u | (bit & 31u) << 19 | rd(zr(t)), l, FieldKind::Arm64Test14);
}
void Assembler::tbnz_label(Gpr t, unsigned bit, Label l) {
  if (bit > 63) badOperand("tbnz bit out of range");
  emitLabelRef((bit & 32u) << 26 | 0x37000000u | (bit & 31u) << 19 | rd(zr(t)), l, FieldKind::Arm64Test14);
}
void Assembler::bl_func(uint32_t funcIndex) {
  emitReloc(0x94000000u, FieldKind::Arm64Branch26, RelocTarget::Function, funcIndex, 0);
}
void Assembler::bl_helper(uint32_t helperId) {
  emitReloc(0x94000000u, FieldKind::Arm64Branch26, RelocTarget::Helper, helperId, 0);
}
void Assembler::b_func(uint32_t funcIndex) {
  emitReloc(0x14000000u, FieldKind::Arm64Branch26, RelocTarget::Function, funcIndex, 0);
}
void Assembler::b_helper(uint32_t helperId) {
  emitReloc(0x14000000u, FieldKind::Arm64Branch26, RelocTarget::Helper, helperId, 0);
}
void Assembler::br_r(Gpr n) { emit(0xD61F0000u | rn(zr(n))); }
void Assembler::blr_r(Gpr n) { emit(0xD63F0000u | rn(zr(n))); }
void Assembler::ret(Gpr n) { emit(0xD65F0000u | rn(zr(n))); }

// ---- System (C6.2 BRK, UDF, NOP, DMB, DSB, ISB) ----

void Assembler::brk(uint32_t imm16) {
  if (imm16 > 0xffff) badOperand("brk immediate out of range");
  emit(0xD4200000u | (imm16 & 0xffff) << 5);
}
void Assembler::udf(uint32_t imm16) {
  if (imm16 > 0xffff) badOperand("udf immediate out of range");
  emit(imm16 & 0xffff);
}
void Assembler::nop() { emit(0xD503201Fu); }
void Assembler::dmb(Barrier b) { emit(0xD50330BFu | static_cast<uint32_t>(b) << 8); }
void Assembler::dsb(Barrier b) { emit(0xD503309Fu | static_cast<uint32_t>(b) << 8); }
void Assembler::isb() { emit(0xD5033FDFu); }
void Assembler::align(uint32_t alignment) {
  if (alignment < 4 || (alignment & (alignment - 1)) != 0) badOperand("alignment must be a power of two >= 4");
  while (offset() % alignment != 0) nop();
}

void Assembler::dd_labelRel(Label l, int32_t addend) {
  uint32_t field = offset();
  buf_.emit32(0);
  buf_.addLabelRef(l, field, FieldKind::Rel32, addend);
}
void Assembler::dq(uint64_t value) { buf_.emit64(value); }
void Assembler::dq_reloc(RelocTarget target, uint32_t index, int64_t addend) {
  uint32_t field = offset();
  buf_.emit64(0);
  buf_.addReloc(FieldKind::Abs64, target, field, index, addend);
}

// ---- Loads and stores (C4.1 "Loads and Stores": unsigned immediate, unscaled, pre/post-indexed,
// register offset). `word` is the unsigned-offset form: size (31..30), V (26), bit 24 set, opc (23..22).

namespace {
unsigned ldstScale(uint32_t word) {
  unsigned size = word >> 30;
  bool simd = (word >> 26) & 1;
  bool q = simd && size == 0 && ((word >> 23) & 1);
  return q ? 4 : size;
}
}  // namespace

void Assembler::ldst(uint32_t word, Mode mode, unsigned t, Gpr n, int64_t off) {
  uint32_t base = rn(sp(n)) | rd(t);
  switch (mode) {
    case UOff: {
      unsigned scale = ldstScale(word);
      if (!isScaledOffset(off, 1u << scale)) badOperand("load/store offset not a scaled unsigned imm12");
      emit(word | (static_cast<uint32_t>(off >> scale) & 0xfff) << 10 | base);
      return;
    }
    case Unscaled:
    case Pre:
    case Post: {
      if (!isUnscaledOffset(off)) badOperand("load/store offset not a signed imm9");
      bool gprT = ((word >> 26) & 1) == 0;
      if (mode != Unscaled && gprT && t == enc(n) && !isSp(n)) {
        badOperand("writeback base is also the transfer register (unpredictable)");
      }
      uint32_t idx = mode == Pre ? 3u : mode == Post ? 1u : 0u;
      emit((word & ~(1u << 24)) | (static_cast<uint32_t>(off) & 0x1ff) << 12 | idx << 10 | base);
      return;
    }
  }
}

void Assembler::ldst_reg(uint32_t word, unsigned t, Gpr n, Gpr m, Extend e, bool scaled) {
  if (e != Extend::Uxtw && e != Extend::Uxtx && e != Extend::Sxtw && e != Extend::Sxtx) {
    badOperand("register-offset extend must be uxtw, lsl, sxtw or sxtx");
  }
  emit((word & ~(1u << 24)) | 1u << 21 | rm(zr(m)) | static_cast<uint32_t>(e) << 13 | (scaled ? 1u : 0u) << 12 |
       2u << 10 | rn(sp(n)) | rd(t));
}

// C4.1 "Load/store register pair": opc (31..30), V (26), mode (24..23), L (22), imm7 scaled.
void Assembler::ldstp(uint32_t opc, bool load, Pair mode, unsigned t1, unsigned t2, Gpr n, int32_t off, bool simd) {
  if (opc == 3) badOperand("ldp/stp register size must be s, d or q");
  unsigned scale = simd ? 2 + opc : 2 + (opc >> 1);
  int32_t unit = 1 << scale;
  if (off % unit != 0 || off / unit < -64 || off / unit > 63) badOperand("ldp/stp offset not a scaled imm7");
  if (load && t1 == t2) badOperand("ldp of the same register twice (unpredictable)");
  if (mode != Pair::Offset && !simd && !isSp(n) && (t1 == enc(n) || t2 == enc(n))) {
    badOperand("writeback base is also a transfer register (unpredictable)");
  }
  emit((opc & 3) << 30 | 0x28000000u | (simd ? 1u << 26 : 0) | static_cast<uint32_t>(mode) << 23 |
       (load ? 1u << 22 : 0) | (static_cast<uint32_t>(off / unit) & 0x7f) << 15 | rt2(t2) | rn(sp(n)) | rd(t1));
}

// C4.1 "Load register (literal)": opc (31..30), V (26), imm19.
void Assembler::ldrLiteral(uint32_t word, unsigned t, Label* l, uint32_t poolOffset) {
  if (l) {
    emitLabelRef(word | rd(t), *l, FieldKind::Arm64Cond19);
  } else {
    emitReloc(word | rd(t), FieldKind::Arm64Cond19, RelocTarget::ConstPool, poolOffset, 0);
  }
}
namespace {
constexpr uint32_t ldrLitGpr(Width w) { return w == Width::W64 ? 0x58000000u : 0x18000000u; }
uint32_t ldrLitVec(VSize s) {
  switch (s) {
    case VSize::S: return 0x1C000000u;
    case VSize::D: return 0x5C000000u;
    case VSize::Q: return 0x9C000000u;
    case VSize::B:
    case VSize::H: return 0;
  }
  return 0;
}
}  // namespace
void Assembler::ldr_label(Width w, Gpr t, Label l) { ldrLiteral(ldrLitGpr(w), zr(t), &l, 0); }
void Assembler::ldrsw_label(Gpr t, Label l) { ldrLiteral(0x98000000u, zr(t), &l, 0); }
void Assembler::ldr_label(VSize s, Vreg t, Label l) {
  if (ldrLitVec(s) == 0) badOperand("ldr literal of a b/h register");
  ldrLiteral(ldrLitVec(s), enc(t), &l, 0);
}
void Assembler::ldr_const(Width w, Gpr t, uint32_t poolOffset) { ldrLiteral(ldrLitGpr(w), zr(t), nullptr, poolOffset); }
void Assembler::ldr_const(VSize s, Vreg t, uint32_t poolOffset) {
  if (ldrLitVec(s) == 0) badOperand("ldr literal of a b/h register");
  ldrLiteral(ldrLitVec(s), enc(t), nullptr, poolOffset);
}

// ---- Scalar floating point (C4.1 "Floating-point data-processing (1/2 source)", compare,
// conditional select, immediate, "Conversion between floating-point and integer") ----

void Assembler::fp1(uint32_t opcode, FType t, Vreg d, Vreg n) {
  emit(0x1E204000u | ftype(t) | opcode << 15 | rn(enc(n)) | rd(enc(d)));
}
void Assembler::fp2(uint32_t opcode, FType t, Vreg d, Vreg n, Vreg m) {
  emit(0x1E200800u | ftype(t) | rm(enc(m)) | opcode << 12 | rn(enc(n)) | rd(enc(d)));
}
void Assembler::fmov_ff(FType t, Vreg d, Vreg n) { fp1(0, t, d, n); }
void Assembler::fabs_ff(FType t, Vreg d, Vreg n) { fp1(1, t, d, n); }
void Assembler::fneg_ff(FType t, Vreg d, Vreg n) { fp1(2, t, d, n); }
void Assembler::fsqrt_ff(FType t, Vreg d, Vreg n) { fp1(3, t, d, n); }
void Assembler::frintn_ff(FType t, Vreg d, Vreg n) { fp1(8, t, d, n); }
void Assembler::frintp_ff(FType t, Vreg d, Vreg n) { fp1(9, t, d, n); }
void Assembler::frintm_ff(FType t, Vreg d, Vreg n) { fp1(10, t, d, n); }
void Assembler::frintz_ff(FType t, Vreg d, Vreg n) { fp1(11, t, d, n); }
void Assembler::frinta_ff(FType t, Vreg d, Vreg n) { fp1(12, t, d, n); }
void Assembler::frintx_ff(FType t, Vreg d, Vreg n) { fp1(14, t, d, n); }
void Assembler::frinti_ff(FType t, Vreg d, Vreg n) { fp1(15, t, d, n); }
void Assembler::fcvt_ff(FType to, FType from, Vreg d, Vreg n) {
  if (to == from) badOperand("fcvt to the same type");
  fp1(to == FType::D ? 5 : 4, from, d, n);
}
void Assembler::fmul_fff(FType t, Vreg d, Vreg n, Vreg m) { fp2(0, t, d, n, m); }
void Assembler::fdiv_fff(FType t, Vreg d, Vreg n, Vreg m) { fp2(1, t, d, n, m); }
void Assembler::fadd_fff(FType t, Vreg d, Vreg n, Vreg m) { fp2(2, t, d, n, m); }
void Assembler::fsub_fff(FType t, Vreg d, Vreg n, Vreg m) { fp2(3, t, d, n, m); }
void Assembler::fmax_fff(FType t, Vreg d, Vreg n, Vreg m) { fp2(4, t, d, n, m); }
void Assembler::fmin_fff(FType t, Vreg d, Vreg n, Vreg m) { fp2(5, t, d, n, m); }
void Assembler::fmaxnm_fff(FType t, Vreg d, Vreg n, Vreg m) { fp2(6, t, d, n, m); }
void Assembler::fminnm_fff(FType t, Vreg d, Vreg n, Vreg m) { fp2(7, t, d, n, m); }
void Assembler::fnmul_fff(FType t, Vreg d, Vreg n, Vreg m) { fp2(8, t, d, n, m); }

void Assembler::fcmp_ff(FType t, Vreg n, Vreg m) { emit(0x1E202000u | ftype(t) | rm(enc(m)) | rn(enc(n))); }
void Assembler::fcmp_f0(FType t, Vreg n) { emit(0x1E202008u | ftype(t) | rn(enc(n))); }
void Assembler::fcmpe_ff(FType t, Vreg n, Vreg m) { emit(0x1E202010u | ftype(t) | rm(enc(m)) | rn(enc(n))); }
void Assembler::fcsel_fffc(FType t, Vreg d, Vreg n, Vreg m, Cond c) {
  emit(0x1E200C00u | ftype(t) | rm(enc(m)) | cond(c) << 12 | rn(enc(n)) | rd(enc(d)));
}
void Assembler::fmov_fi(FType t, Vreg d, double value) {
  uint32_t imm8 = 0;
  if (!encodeFpImm(value, imm8)) badOperand("not an fmov immediate");
  emit(0x1E201000u | ftype(t) | imm8 << 13 | rd(enc(d)));
}

void Assembler::fpint(uint32_t rmodeOpcode, Width w, FType t, unsigned d, unsigned n) {
  emit(sf(w) | 0x1E200000u | ftype(t) | rmodeOpcode << 16 | rn(n) | rd(d));
}
void Assembler::fmov_fr(FType t, Vreg d, Gpr n) {
  fpint(7, t == FType::D ? Width::W64 : Width::W32, t, enc(d), zr(n));
}
void Assembler::fmov_rf(FType t, Gpr d, Vreg n) {
  fpint(6, t == FType::D ? Width::W64 : Width::W32, t, zr(d), enc(n));
}
void Assembler::scvtf_fr(FType t, Width w, Vreg d, Gpr n) { fpint(0x02, w, t, enc(d), zr(n)); }
void Assembler::ucvtf_fr(FType t, Width w, Vreg d, Gpr n) { fpint(0x03, w, t, enc(d), zr(n)); }
void Assembler::fcvtzs_rf(Width w, FType t, Gpr d, Vreg n) { fpint(0x18, w, t, zr(d), enc(n)); }
void Assembler::fcvtzu_rf(Width w, FType t, Gpr d, Vreg n) { fpint(0x19, w, t, zr(d), enc(n)); }

// ---- Advanced SIMD (C4.1 "Data Processing -- Scalar Floating-Point and Advanced SIMD") ----

namespace {
// An integer arrangement is legal when its element size is in `sizes` and 1D (size 3, Q 0) is not used.
bool arrAllowed(Arr a, uint32_t sizes) {
  return ((sizes >> arrSize(a)) & 1) != 0 && a != Arr::D1;
}
bool fpArr(Arr a) { return a == Arr::S2 || a == Arr::S4 || a == Arr::D2; }
uint32_t fpSz(Arr a) { return a == Arr::D2 ? 1u << 22 : 0; }
}  // namespace

void Assembler::simd3(uint32_t u, uint32_t opcode, uint32_t sizes, Arr a, Vreg d, Vreg n, Vreg m) {
  if (!arrAllowed(a, sizes)) badOperand("arrangement not available for this instruction");
  emit(vq(arrQ(a)) | u << 29 | 0x0E200400u | arrSize(a) << 22 | rm(enc(m)) | opcode << 11 | rn(enc(n)) |
       rd(enc(d)));
}
void Assembler::simd2(uint32_t u, uint32_t opcode, uint32_t sizes, Arr a, Vreg d, Vreg n) {
  if (!arrAllowed(a, sizes)) badOperand("arrangement not available for this instruction");
  emit(vq(arrQ(a)) | u << 29 | 0x0E200800u | arrSize(a) << 22 | opcode << 12 | rn(enc(n)) | rd(enc(d)));
}
void Assembler::simd3fp(uint32_t u, uint32_t a, uint32_t opcode, Arr arr, Vreg d, Vreg n, Vreg m) {
  if (!fpArr(arr)) badOperand("floating-point arrangement must be 2s, 4s or 2d");
  emit(vq(arrQ(arr)) | u << 29 | 0x0E200400u | a << 23 | fpSz(arr) | rm(enc(m)) | opcode << 11 | rn(enc(n)) |
       rd(enc(d)));
}
void Assembler::simd2fp(uint32_t u, uint32_t a, uint32_t opcode, Arr arr, Vreg d, Vreg n) {
  if (!fpArr(arr)) badOperand("floating-point arrangement must be 2s, 4s or 2d");
  emit(vq(arrQ(arr)) | u << 29 | 0x0E200800u | a << 23 | fpSz(arr) | opcode << 12 | rn(enc(n)) | rd(enc(d)));
}

#define A64_SIMD3(NAME, U, OPC, SIZES) \
  void Assembler::NAME(Arr a, Vreg d, Vreg n, Vreg m) { simd3(U, OPC, SIZES, a, d, n, m); }
#define A64_SIMD3_LOGIC(NAME, U, SZ)                                                                        \
  void Assembler::NAME(bool q, Vreg d, Vreg n, Vreg m) {                                                    \
    emit(vq(q) | (U##u) << 29 | 0x0E201C00u | (SZ##u) << 22 | rm(enc(m)) | rn(enc(n)) | rd(enc(d)));          \
  }
#define A64_SIMD3_FP(NAME, U, A, OPC) \
  void Assembler::NAME(Arr a, Vreg d, Vreg n, Vreg m) { simd3fp(U, A, OPC, a, d, n, m); }
#define A64_SIMD2(NAME, U, OPC, SIZES) \
  void Assembler::NAME(Arr a, Vreg d, Vreg n) { simd2(U, OPC, SIZES, a, d, n); }
#define A64_SIMD2_FP(NAME, U, A, OPC) \
  void Assembler::NAME(Arr a, Vreg d, Vreg n) { simd2fp(U, A, OPC, a, d, n); }
#define A64_SIMD_ACROSS(NAME, U, OPC, SIZES)                                                                \
  void Assembler::NAME(Arr a, Vreg d, Vreg n) {                                                             \
    if (!arrAllowed(a, SIZES) || a == Arr::S2) badOperand("arrangement not available for this instruction"); \
    emit(vq(arrQ(a)) | (U##u) << 29 | 0x0E300800u | arrSize(a) << 22 | (OPC##u) << 12 | rn(enc(n)) | rd(enc(d))); \
  }
#define A64_SIMD_PERM(NAME, OPC)                                                                            \
  void Assembler::NAME(Arr a, Vreg d, Vreg n, Vreg m) {                                                     \
    if (a == Arr::D1) badOperand("arrangement not available for this instruction");                         \
    emit(vq(arrQ(a)) | 0x0E000800u | arrSize(a) << 22 | rm(enc(m)) | (OPC##u) << 12 | rn(enc(n)) | rd(enc(d))); \
  }
#define A64_SIMD_NARROW(NAME, NAME2, U, OPC)                                                                \
  void Assembler::NAME(ESize e, Vreg d, Vreg n) { simd2(U, OPC, 0x7, arrOf(e, false), d, n); }              \
  void Assembler::NAME2(ESize e, Vreg d, Vreg n) { simd2(U, OPC, 0x7, arrOf(e, true), d, n); }
#define A64_SIMD_LONG3(NAME, NAME2, U, OPC)                                                                 \
  void Assembler::NAME(ESize e, Vreg d, Vreg n, Vreg m) {                                                   \
    if (e == ESize::D) badOperand("widening from 64-bit elements");                                        \
    emit((U##u) << 29 | 0x0E200000u | static_cast<uint32_t>(e) << 22 | rm(enc(m)) | (OPC##u) << 12 |        \
         rn(enc(n)) | rd(enc(d)));                                                                          \
  }                                                                                                         \
  void Assembler::NAME2(ESize e, Vreg d, Vreg n, Vreg m) {                                                  \
    if (e == ESize::D) badOperand("widening from 64-bit elements");                                        \
    emit(vq(true) | (U##u) << 29 | 0x0E200000u | static_cast<uint32_t>(e) << 22 | rm(enc(m)) |              \
         (OPC##u) << 12 | rn(enc(n)) | rd(enc(d)));                                                         \
  }
#include "codegen/aarch64/forms.def"  // #undefs the A64_* macros

// C4.1 "Advanced SIMD shift by immediate": immh:immb = esize + shift (left) or 2 * esize - shift (right).
void Assembler::simdShift(uint32_t u, uint32_t opcode, bool q, ESize e, unsigned immhb, Vreg d, Vreg n) {
  if (e == ESize::D && !q) badOperand("arrangement not available for this instruction");
  emit(vq(q) | u << 29 | 0x0F000400u | (immhb & 0x7f) << 16 | opcode << 11 | rn(enc(n)) | rd(enc(d)));
}
void Assembler::shl_vvi(Arr a, Vreg d, Vreg n, unsigned shift) {
  unsigned es = esizeBits(arrElem(a));
  if (shift >= es) badOperand("shift amount out of range");
  simdShift(0, 0x0A, arrQ(a), arrElem(a), es + (shift & (es - 1)), d, n);
}
void Assembler::sshr_vvi(Arr a, Vreg d, Vreg n, unsigned shift) {
  unsigned es = esizeBits(arrElem(a));
  if (shift < 1 || shift > es) badOperand("shift amount out of range");
  simdShift(0, 0x00, arrQ(a), arrElem(a), 2 * es - shift, d, n);
}
void Assembler::ushr_vvi(Arr a, Vreg d, Vreg n, unsigned shift) {
  unsigned es = esizeBits(arrElem(a));
  if (shift < 1 || shift > es) badOperand("shift amount out of range");
  simdShift(1, 0x00, arrQ(a), arrElem(a), 2 * es - shift, d, n);
}
namespace {
bool longShiftOk(ESize e, unsigned shift) { return e != ESize::D && shift < esizeBits(e); }
}  // namespace
void Assembler::sshll_vvi(ESize e, Vreg d, Vreg n, unsigned shift) {
  if (!longShiftOk(e, shift)) badOperand("widening shift out of range");
  simdShift(0, 0x14, false, e, esizeBits(e) + shift, d, n);
}
void Assembler::sshll2_vvi(ESize e, Vreg d, Vreg n, unsigned shift) {
  if (!longShiftOk(e, shift)) badOperand("widening shift out of range");
  simdShift(0, 0x14, true, e, esizeBits(e) + shift, d, n);
}
void Assembler::ushll_vvi(ESize e, Vreg d, Vreg n, unsigned shift) {
  if (!longShiftOk(e, shift)) badOperand("widening shift out of range");
  simdShift(1, 0x14, false, e, esizeBits(e) + shift, d, n);
}
void Assembler::ushll2_vvi(ESize e, Vreg d, Vreg n, unsigned shift) {
  if (!longShiftOk(e, shift)) badOperand("widening shift out of range");
  simdShift(1, 0x14, true, e, esizeBits(e) + shift, d, n);
}

// Two-register miscellaneous, FP width changes (sz = 1: double <-> single).
void Assembler::fcvtn_vv(Vreg d, Vreg n) { emit(0x0E616800u | rn(enc(n)) | rd(enc(d))); }
void Assembler::fcvtn2_vv(Vreg d, Vreg n) { emit(0x4E616800u | rn(enc(n)) | rd(enc(d))); }
void Assembler::fcvtl_vv(Vreg d, Vreg n) { emit(0x0E617800u | rn(enc(n)) | rd(enc(d))); }
void Assembler::fcvtl2_vv(Vreg d, Vreg n) { emit(0x4E617800u | rn(enc(n)) | rd(enc(d))); }

// C4.1 "Advanced SIMD copy": imm5 = lane << (e + 1) | 1 << e.
void Assembler::simdCopy(uint32_t base, ESize e, unsigned lane, unsigned imm4, unsigned d, unsigned n) {
  unsigned es = static_cast<unsigned>(e);
  if (lane >= 16u >> es) badOperand("lane index out of range");
  uint32_t imm5 = ((lane << (es + 1)) | (1u << es)) & 31;
  emit(base | imm5 << 16 | (imm4 & 15) << 11 | rn(n) | rd(d));
}
void Assembler::dup_vv(Arr a, Vreg d, Vreg n, unsigned lane) {
  if (a == Arr::D1) badOperand("arrangement not available for this instruction");
  simdCopy(vq(arrQ(a)) | 0x0E000400u, arrElem(a), lane, 0, enc(d), enc(n));
}
void Assembler::dup_vr(Arr a, Vreg d, Gpr n) {
  if (a == Arr::D1) badOperand("arrangement not available for this instruction");
  simdCopy(vq(arrQ(a)) | 0x0E000C00u, arrElem(a), 0, 0, enc(d), zr(n));
}
void Assembler::dup_fv(ESize e, Vreg d, Vreg n, unsigned lane) {  // DUP (element), scalar
  simdCopy(0x5E000400u, e, lane, 0, enc(d), enc(n));
}
void Assembler::addp_fv(Vreg d, Vreg n) { emit(0x5EF1B800u | rn(enc(n)) | rd(enc(d))); }
void Assembler::ins_vr(ESize e, Vreg d, unsigned lane, Gpr n) { simdCopy(0x4E001C00u, e, lane, 0, enc(d), zr(n)); }
void Assembler::ins_vv(ESize e, Vreg d, unsigned dLane, Vreg n, unsigned nLane) {
  unsigned es = static_cast<unsigned>(e);
  if (nLane >= 16u >> es) badOperand("lane index out of range");
  simdCopy(0x6E000400u, e, dLane, nLane << es, enc(d), enc(n));
}
void Assembler::umov_rv(ESize e, Gpr d, Vreg n, unsigned lane) {
  simdCopy(vq(e == ESize::D) | 0x0E003C00u, e, lane, 0, zr(d), enc(n));
}
void Assembler::smov_rv(Width w, ESize e, Gpr d, Vreg n, unsigned lane) {
  if (e == ESize::D || (e == ESize::S && w == Width::W32)) badOperand("smov element size");
  simdCopy(vq(w == Width::W64) | 0x0E002C00u, e, lane, 0, zr(d), enc(n));
}
void Assembler::ext_vvvi(bool q, Vreg d, Vreg n, Vreg m, unsigned index) {
  if (index >= (q ? 16u : 8u)) badOperand("ext index out of range");
  emit(vq(q) | 0x2E000000u | rm(enc(m)) | (index & 15) << 11 | rn(enc(n)) | rd(enc(d)));
}
void Assembler::tbl1_vvv(bool q, Vreg d, Vreg table, Vreg idx) {
  emit(vq(q) | 0x0E000000u | rm(enc(idx)) | rn(enc(table)) | rd(enc(d)));
}
void Assembler::tbl2_vvv(bool q, Vreg d, Vreg table, Vreg idx) {
  emit(vq(q) | 0x0E002000u | rm(enc(idx)) | rn(enc(table)) | rd(enc(d)));
}

// C4.1 "Advanced SIMD modified immediate": imm8 = a:b:c (18..16) d:e:f:g:h (9..5).
void Assembler::simdMovi(uint32_t op, uint32_t cmode, bool q, Vreg d, uint8_t imm8) {
  emit(vq(q) | op << 29 | 0x0F000400u | (imm8 >> 5u) << 16 | cmode << 12 | (imm8 & 31u) << 5 | rd(enc(d)));
}
void Assembler::movi_16b(bool q, Vreg d, uint8_t imm8) { simdMovi(0, 0xE, q, d, imm8); }
namespace {
// Each byte of a MOVI 64-bit immediate is 0x00 or 0xff; bit i of imm8 says which for byte i.
bool byteMask(uint64_t v, uint8_t& imm8) {
  imm8 = 0;
  for (unsigned i = 0; i < 8; ++i) {
    uint8_t b = static_cast<uint8_t>(v >> (8 * i));
    if (b == 0xff) imm8 |= static_cast<uint8_t>(1u << i);
    else if (b != 0) return false;
  }
  return true;
}
}  // namespace
void Assembler::movi_2d(Vreg d, uint64_t mask) {
  uint8_t imm8 = 0;
  if (!byteMask(mask, imm8)) badOperand("movi 2d immediate bytes must be 0x00 or 0xff");
  simdMovi(1, 0xE, true, d, imm8);
}
void Assembler::movi_d(Vreg d, uint64_t mask) {
  uint8_t imm8 = 0;
  if (!byteMask(mask, imm8)) badOperand("movi d immediate bytes must be 0x00 or 0xff");
  simdMovi(1, 0xE, false, d, imm8);
}
void Assembler::movi_4s(bool q, Vreg d, uint8_t imm8, unsigned shift) {
  if (shift % 8 != 0 || shift > 24) badOperand("movi shift must be 0, 8, 16 or 24");
  simdMovi(0, ((shift / 8) & 3) << 1, q, d, imm8);
}
void Assembler::mvni_4s(bool q, Vreg d, uint8_t imm8, unsigned shift) {
  if (shift % 8 != 0 || shift > 24) badOperand("mvni shift must be 0, 8, 16 or 24");
  simdMovi(1, ((shift / 8) & 3) << 1, q, d, imm8);
}
void Assembler::movi_8h(bool q, Vreg d, uint8_t imm8, unsigned shift) {
  if (shift != 0 && shift != 8) badOperand("movi shift must be 0 or 8");
  simdMovi(0, 0x8 | ((shift / 8) & 1) << 1, q, d, imm8);
}
void Assembler::mvni_8h(bool q, Vreg d, uint8_t imm8, unsigned shift) {
  if (shift != 0 && shift != 8) badOperand("mvni shift must be 0 or 8");
  simdMovi(1, 0x8 | ((shift / 8) & 1) << 1, q, d, imm8);
}

// C4.1 "Advanced SIMD load/store multiple structures" and "single structure" (no offset).
void Assembler::ld1_v(Arr a, Vreg t, Gpr n) {
  emit(vq(arrQ(a)) | 0x0C407000u | arrSize(a) << 10 | rn(sp(n)) | rd(enc(t)));
}
void Assembler::st1_v(Arr a, Vreg t, Gpr n) {
  emit(vq(arrQ(a)) | 0x0C007000u | arrSize(a) << 10 | rn(sp(n)) | rd(enc(t)));
}
void Assembler::ld1r_v(Arr a, Vreg t, Gpr n) {
  emit(vq(arrQ(a)) | 0x0D40C000u | arrSize(a) << 10 | rn(sp(n)) | rd(enc(t)));
}
void Assembler::ldstLane(bool load, ESize e, Vreg t, unsigned lane, Gpr n) {
  unsigned es = static_cast<unsigned>(e);
  if (lane >= 16u >> es) badOperand("lane index out of range");
  // The lane's byte offset in the register is Q:S:size (B: 4 bits, H: size<0> = 0, S: size = 00); a D lane
  // is Q alone with size = 01. opcode (bits 15..13): B 000, H 010, S and D 100.
  uint32_t pos = (lane << es) & 15;
  uint32_t size = es == 3 ? 1 : pos & 3;
  uint32_t opcode = es == 0 ? 0 : es == 1 ? 2 : 4;
  emit((load ? 0x0D400000u : 0x0D000000u) | vq((pos >> 3) & 1) | opcode << 13 | ((pos >> 2) & 1) << 12 | size << 10 |
       rn(sp(n)) | rd(enc(t)));
}
void Assembler::ld1_lane(ESize e, Vreg t, unsigned lane, Gpr n) { ldstLane(true, e, t, lane, n); }
void Assembler::st1_lane(ESize e, Vreg t, unsigned lane, Gpr n) { ldstLane(false, e, t, lane, n); }

}  // namespace wasmc::codegen::a64
