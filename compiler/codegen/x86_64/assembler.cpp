// compiler/codegen/x86_64/assembler.cpp — the generic legacy/REX and VEX encoders and the hand-written
// forms. Each instruction is written in place at the end of the code buffer (x86 instructions are at
// most 15 bytes; 32 are reserved first), so encoding does no per-instruction allocation or copy. Encoding references: Intel SDM Vol. 2, chapter 2 (ModRM/SIB 2.1.5, REX 2.2.1,
// VEX 2.3) and the instruction pages cited per form.
#include "codegen/x86_64/assembler.h"

#include <cassert>

namespace wasmc::codegen::x64 {

namespace {

bool fitsInt8(int64_t v) { return v >= -128 && v <= 127; }
bool fitsInt32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }
uint16_t sizePrefix(Width w) { return w == Width::W16 ? 0x66 : 0; }
bool isW64(Width w) { return w == Width::W64; }
bool isByteReg4to7(unsigned r) { return r >= 4 && r <= 7; }

unsigned scaleBits(uint8_t scale) {
  switch (scale) {
    case 1: return 0;
    case 2: return 1;
    case 4: return 2;
    default: return 3;
  }
}

// REX.X and REX.B contributed by a memory operand.
unsigned memRexXB(const Mem& m) {
  switch (m.kind) {
    case Mem::Kind::Base: return isExtended(m.base) ? 1 : 0;
    case Mem::Kind::BaseIndex: return (isExtended(m.base) ? 1 : 0) | (isExtended(m.index) ? 2 : 0);
    case Mem::Kind::RipLabel:
    case Mem::Kind::RipConst: return 0;
  }
  return 0;
}

// Instruction bytes under construction, written in place at the end of the code buffer.
struct Inst {
  explicit Inst(CodeBuffer& buf) : b(buf.ensure(32)) {}
  uint8_t* b;
  unsigned n = 0;
  int dispPos = -1;  // position of a RIP-relative disp32 in b, or -1
  void put(uint8_t v) { b[n++] = v; }
  void putImm(unsigned size, uint64_t v) {
    for (unsigned i = 0; i < size; ++i) put(static_cast<uint8_t>(v >> (8 * i)));
  }
  void putPrefix(uint16_t p) {
    if (p & 0xff) put(static_cast<uint8_t>(p & 0xff));
    if (p >> 8) put(static_cast<uint8_t>(p >> 8));
  }
  void putOpcode(uint8_t map, uint8_t opcode) {
    switch (map) {
      case 0: break;
      case 1: put(0x0F); break;
      case 2: put(0x0F); put(0x38); break;
      case 3: put(0x0F); put(0x3A); break;
      default: break;
    }
    put(opcode);
  }
  // ModRM (+ SIB + displacement) for a memory operand (SDM 2.1.5, Tables 2-2 and 2-3).
  void putMem(unsigned reg, const Mem& m) {
    unsigned r = (reg & 7) << 3;
    switch (m.kind) {
      case Mem::Kind::RipLabel:
      case Mem::Kind::RipConst:
        put(static_cast<uint8_t>(r | 5));  // mod=00 rm=101: [rip + disp32]
        dispPos = static_cast<int>(n);
        putImm(4, 0);
        return;
      case Mem::Kind::Base:
      case Mem::Kind::BaseIndex: break;
    }
    assert(m.kind == Mem::Kind::Base || (m.index != Gpr::Rsp && (m.scale == 1 || m.scale == 2 ||
                                                                 m.scale == 4 || m.scale == 8)));
    bool sib = m.kind == Mem::Kind::BaseIndex || baseNeedsSib(m.base);
    unsigned mod;
    if (m.disp == 0 && !baseNeedsDisp(m.base)) mod = 0;
    else if (fitsInt8(m.disp)) mod = 1;
    else mod = 2;
    if (sib) {
      put(static_cast<uint8_t>((mod << 6) | r | 4));
      unsigned idx = m.kind == Mem::Kind::BaseIndex ? low3(m.index) : 4;  // 100 = no index
      unsigned sc = m.kind == Mem::Kind::BaseIndex ? scaleBits(m.scale) : 0;
      put(static_cast<uint8_t>((sc << 6) | (idx << 3) | low3(m.base)));
    } else {
      put(static_cast<uint8_t>((mod << 6) | r | low3(m.base)));
    }
    if (mod == 1) putImm(1, static_cast<uint32_t>(m.disp));
    if (mod == 2) putImm(4, static_cast<uint32_t>(m.disp));
  }
};

// Commits `in` and records the RIP-relative fixup/relocation of a memory operand, if any. immSize is
// the number of immediate bytes after the displacement (the CPU adds the end of the instruction).
void commit(CodeBuffer& buf, const Inst& in, const Mem* m, unsigned immSize) {
  uint32_t start = buf.size();
  buf.advance(in.n);
  if (!m || in.dispPos < 0) return;
  uint32_t field = start + static_cast<uint32_t>(in.dispPos);
  int64_t addend = static_cast<int64_t>(m->disp) - 4 - static_cast<int64_t>(immSize);
  switch (m->kind) {
    case Mem::Kind::RipLabel: buf.addLabelRef(Label{m->target}, field, FieldKind::Rel32, addend); break;
    case Mem::Kind::RipConst: buf.addReloc(FieldKind::Rel32, RelocTarget::ConstPool, field, m->target, addend); break;
    case Mem::Kind::Base:
    case Mem::Kind::BaseIndex: break;
  }
}

}  // namespace

// ---- Generic encoders ----

void Assembler::op_rr(uint16_t prefix, uint8_t map, uint8_t opcode, bool w, unsigned reg, unsigned rm,
                      unsigned byteRegs, unsigned immSize, int64_t imm) {
  Inst in(buf_);
  in.putPrefix(prefix);
  unsigned rex = (w ? 8 : 0) | ((reg >> 3) & 1) << 2 | ((rm >> 3) & 1);
  bool needRex = rex != 0 || ((byteRegs & kByteReg) && isByteReg4to7(reg)) ||
                 ((byteRegs & kByteRm) && isByteReg4to7(rm));
  if (needRex) in.put(static_cast<uint8_t>(0x40 | rex));
  in.putOpcode(map, opcode);
  in.put(static_cast<uint8_t>(0xC0 | (reg & 7) << 3 | (rm & 7)));
  in.putImm(immSize, static_cast<uint64_t>(imm));
  buf_.advance(in.n);
}

void Assembler::op_rm(uint16_t prefix, uint8_t map, uint8_t opcode, bool w, unsigned reg, const Mem& m,
                      unsigned byteRegs, unsigned immSize, int64_t imm) {
  Inst in(buf_);
  in.putPrefix(prefix);
  unsigned rex = (w ? 8 : 0) | ((reg >> 3) & 1) << 2 | memRexXB(m);
  bool needRex = rex != 0 || ((byteRegs & kByteReg) && isByteReg4to7(reg));
  if (needRex) in.put(static_cast<uint8_t>(0x40 | rex));
  in.putOpcode(map, opcode);
  in.putMem(reg, m);
  in.putImm(immSize, static_cast<uint64_t>(imm));
  commit(buf_, in, &m, immSize);
}

void Assembler::op_o(uint16_t prefix, uint8_t map, uint8_t opcode, bool w, unsigned reg, bool byteReg,
                     unsigned immSize, uint64_t imm) {
  Inst in(buf_);
  in.putPrefix(prefix);
  unsigned rex = (w ? 8 : 0) | ((reg >> 3) & 1);
  if (rex != 0 || (byteReg && isByteReg4to7(reg))) in.put(static_cast<uint8_t>(0x40 | rex));
  in.putOpcode(map, static_cast<uint8_t>(opcode + (reg & 7)));
  in.putImm(immSize, imm);
  buf_.advance(in.n);
}

namespace {
// VEX prefix (SDM 2.3.5): the 2-byte form C5 when only R can be set, map is 0F and W is 0.
void putVex(Inst& in, uint8_t pp, uint8_t map, bool w, bool l, unsigned reg, unsigned vvvv, unsigned xb) {
  unsigned rbar = ((reg >> 3) & 1) ^ 1;
  unsigned xbar = ((xb >> 1) & 1) ^ 1;
  unsigned bbar = (xb & 1) ^ 1;
  unsigned vbar = (~vvvv) & 15;
  if (map == 1 && !w && xb == 0) {
    in.put(0xC5);
    in.put(static_cast<uint8_t>(rbar << 7 | vbar << 3 | (l ? 4 : 0) | pp));
  } else {
    in.put(0xC4);
    in.put(static_cast<uint8_t>(rbar << 7 | xbar << 6 | bbar << 5 | map));
    in.put(static_cast<uint8_t>((w ? 0x80 : 0) | vbar << 3 | (l ? 4 : 0) | pp));
  }
}
}  // namespace

void Assembler::vex_rr(uint8_t pp, uint8_t map, uint8_t opcode, bool w, bool l, unsigned reg, unsigned vvvv,
                       unsigned rm, uint8_t imm, bool hasImm) {
  Inst in(buf_);
  putVex(in, pp, map, w, l, reg, vvvv, (rm >> 3) & 1);
  in.put(opcode);
  in.put(static_cast<uint8_t>(0xC0 | (reg & 7) << 3 | (rm & 7)));
  if (hasImm) in.put(imm);
  buf_.advance(in.n);
}

void Assembler::vex_rm(uint8_t pp, uint8_t map, uint8_t opcode, bool w, bool l, unsigned reg, unsigned vvvv,
                       const Mem& m, uint8_t imm, bool hasImm) {
  Inst in(buf_);
  putVex(in, pp, map, w, l, reg, vvvv, memRexXB(m));
  in.put(opcode);
  in.putMem(reg, m);
  if (hasImm) in.put(imm);
  commit(buf_, in, &m, hasImm ? 1 : 0);
}

// ---- Moves (SDM MOV; MOVZX; MOVSX/MOVSXD; LEA) ----

void Assembler::mov_rr(Width w, Gpr dst, Gpr src) {
  // 88 /r (8-bit) or 89 /r: MOV r/m, r.
  op_rr(sizePrefix(w), 0, w == Width::W8 ? 0x88 : 0x89, isW64(w), enc(src), enc(dst),
        w == Width::W8 ? kByteReg | kByteRm : 0);
}

void Assembler::mov_ri(Width w, Gpr dst, int64_t imm) {
  switch (w) {
    case Width::W8: op_o(0, 0, 0xB0, false, enc(dst), true, 1, static_cast<uint64_t>(imm)); return;
    case Width::W16: op_o(0x66, 0, 0xB8, false, enc(dst), false, 2, static_cast<uint64_t>(imm)); return;
    case Width::W32: mov_ri32(dst, static_cast<uint32_t>(imm)); return;
    case Width::W64:
      if (imm >= 0 && imm <= int64_t{0xffffffff}) mov_ri32(dst, static_cast<uint32_t>(imm));
      else if (fitsInt32(imm)) mov_ri32sx(dst, static_cast<int32_t>(imm));
      else mov_ri64(dst, static_cast<uint64_t>(imm));
      return;
  }
}

void Assembler::mov_ri32(Gpr dst, uint32_t imm) { op_o(0, 0, 0xB8, false, enc(dst), false, 4, imm); }
void Assembler::mov_ri32sx(Gpr dst, int32_t imm) { op_rr(0, 0, 0xC7, true, 0, enc(dst), 0, 4, imm); }
void Assembler::mov_ri64(Gpr dst, uint64_t imm) { op_o(0, 0, 0xB8, true, enc(dst), false, 8, imm); }

void Assembler::mov_rm(Width w, Gpr dst, const Mem& src) {
  op_rm(sizePrefix(w), 0, w == Width::W8 ? 0x8A : 0x8B, isW64(w), enc(dst), src, w == Width::W8 ? kByteReg : 0);
}
void Assembler::mov_mr(Width w, const Mem& dst, Gpr src) {
  op_rm(sizePrefix(w), 0, w == Width::W8 ? 0x88 : 0x89, isW64(w), enc(src), dst, w == Width::W8 ? kByteReg : 0);
}
void Assembler::mov_mi(Width w, const Mem& dst, int32_t imm) {
  unsigned immSize = w == Width::W8 ? 1 : w == Width::W16 ? 2 : 4;
  op_rm(sizePrefix(w), 0, w == Width::W8 ? 0xC6 : 0xC7, isW64(w), 0, dst, 0, immSize, imm);
}

void Assembler::ext_rr(uint8_t map, uint8_t opcode, Width dstWidth, Gpr dst, Gpr src, bool srcIsByte) {
  op_rr(sizePrefix(dstWidth), map, opcode, isW64(dstWidth), enc(dst), enc(src), srcIsByte ? kByteRm : 0);
}
void Assembler::ext_rm(uint8_t map, uint8_t opcode, Width dstWidth, Gpr dst, const Mem& src) {
  op_rm(sizePrefix(dstWidth), map, opcode, isW64(dstWidth), enc(dst), src, 0);
}
void Assembler::movzx_rr8(Width dw, Gpr dst, Gpr src) { ext_rr(1, 0xB6, dw, dst, src, true); }
void Assembler::movzx_rm8(Width dw, Gpr dst, const Mem& src) { ext_rm(1, 0xB6, dw, dst, src); }
void Assembler::movzx_rr16(Width dw, Gpr dst, Gpr src) { ext_rr(1, 0xB7, dw, dst, src, false); }
void Assembler::movzx_rm16(Width dw, Gpr dst, const Mem& src) { ext_rm(1, 0xB7, dw, dst, src); }
void Assembler::movsx_rr8(Width dw, Gpr dst, Gpr src) { ext_rr(1, 0xBE, dw, dst, src, true); }
void Assembler::movsx_rm8(Width dw, Gpr dst, const Mem& src) { ext_rm(1, 0xBE, dw, dst, src); }
void Assembler::movsx_rr16(Width dw, Gpr dst, Gpr src) { ext_rr(1, 0xBF, dw, dst, src, false); }
void Assembler::movsx_rm16(Width dw, Gpr dst, const Mem& src) { ext_rm(1, 0xBF, dw, dst, src); }
void Assembler::movsxd_rr(Gpr dst, Gpr src) { op_rr(0, 0, 0x63, true, enc(dst), enc(src), 0); }
void Assembler::movsxd_rm(Gpr dst, const Mem& src) { op_rm(0, 0, 0x63, true, enc(dst), src, 0); }
void Assembler::lea_rm(Width w, Gpr dst, const Mem& src) { op_rm(sizePrefix(w), 0, 0x8D, isW64(w), enc(dst), src, 0); }

// ---- ALU group 1 (SDM ADD: 00/01 r/m,r; 02/03 r,r/m; 80 /d ib; 81 /d id; 83 /d ib) ----

void Assembler::alu_rr(unsigned digit, Width w, Gpr dst, Gpr src) {
  uint8_t op = static_cast<uint8_t>(digit * 8 + (w == Width::W8 ? 0 : 1));
  op_rr(sizePrefix(w), 0, op, isW64(w), enc(src), enc(dst), w == Width::W8 ? kByteReg | kByteRm : 0);
}
void Assembler::alu_rm(unsigned digit, Width w, Gpr dst, const Mem& src) {
  uint8_t op = static_cast<uint8_t>(digit * 8 + (w == Width::W8 ? 2 : 3));
  op_rm(sizePrefix(w), 0, op, isW64(w), enc(dst), src, w == Width::W8 ? kByteReg : 0);
}
void Assembler::alu_mr(unsigned digit, Width w, const Mem& dst, Gpr src) {
  uint8_t op = static_cast<uint8_t>(digit * 8 + (w == Width::W8 ? 0 : 1));
  op_rm(sizePrefix(w), 0, op, isW64(w), enc(src), dst, w == Width::W8 ? kByteReg : 0);
}
void Assembler::alu_ri(unsigned digit, Width w, Gpr dst, int32_t imm) {
  if (w == Width::W8) op_rr(0, 0, 0x80, false, digit, enc(dst), kByteRm, 1, imm);
  else if (fitsInt8(imm)) op_rr(sizePrefix(w), 0, 0x83, isW64(w), digit, enc(dst), 0, 1, imm);
  else op_rr(sizePrefix(w), 0, 0x81, isW64(w), digit, enc(dst), 0, w == Width::W16 ? 2 : 4, imm);
}
void Assembler::alu_mi(unsigned digit, Width w, const Mem& dst, int32_t imm) {
  if (w == Width::W8) op_rm(0, 0, 0x80, false, digit, dst, 0, 1, imm);
  else if (fitsInt8(imm)) op_rm(sizePrefix(w), 0, 0x83, isW64(w), digit, dst, 0, 1, imm);
  else op_rm(sizePrefix(w), 0, 0x81, isW64(w), digit, dst, 0, w == Width::W16 ? 2 : 4, imm);
}

// TEST: 84/85 /r; F6 /0 ib; F7 /0 iw/id.
void Assembler::test_rr(Width w, Gpr a, Gpr b) {
  op_rr(sizePrefix(w), 0, w == Width::W8 ? 0x84 : 0x85, isW64(w), enc(b), enc(a),
        w == Width::W8 ? kByteReg | kByteRm : 0);
}
void Assembler::test_ri(Width w, Gpr a, int32_t imm) {
  unsigned immSize = w == Width::W8 ? 1 : w == Width::W16 ? 2 : 4;
  op_rr(sizePrefix(w), 0, w == Width::W8 ? 0xF6 : 0xF7, isW64(w), 0, enc(a), w == Width::W8 ? kByteRm : 0,
        immSize, imm);
}
void Assembler::test_mi(Width w, const Mem& a, int32_t imm) {
  unsigned immSize = w == Width::W8 ? 1 : w == Width::W16 ? 2 : 4;
  op_rm(sizePrefix(w), 0, w == Width::W8 ? 0xF6 : 0xF7, isW64(w), 0, a, 0, immSize, imm);
}

// IMUL: 0F AF /r; 6B /r ib; 69 /r iw/id.
void Assembler::imul_rr(Width w, Gpr dst, Gpr src) { op_rr(sizePrefix(w), 1, 0xAF, isW64(w), enc(dst), enc(src), 0); }
void Assembler::imul_rm(Width w, Gpr dst, const Mem& src) { op_rm(sizePrefix(w), 1, 0xAF, isW64(w), enc(dst), src, 0); }
void Assembler::imul_rri(Width w, Gpr dst, Gpr src, int32_t imm) {
  if (fitsInt8(imm)) op_rr(sizePrefix(w), 0, 0x6B, isW64(w), enc(dst), enc(src), 0, 1, imm);
  else op_rr(sizePrefix(w), 0, 0x69, isW64(w), enc(dst), enc(src), 0, w == Width::W16 ? 2 : 4, imm);
}

// Group 3 (F6/F7 /digit) and group 4/5 inc/dec (FE/FF /0, /1).
void Assembler::group3_r(unsigned digit, Width w, Gpr r) {
  op_rr(sizePrefix(w), 0, w == Width::W8 ? 0xF6 : 0xF7, isW64(w), digit, enc(r), w == Width::W8 ? kByteRm : 0);
}
void Assembler::group3_m(unsigned digit, Width w, const Mem& m) {
  op_rm(sizePrefix(w), 0, w == Width::W8 ? 0xF6 : 0xF7, isW64(w), digit, m, 0);
}
void Assembler::not_r(Width w, Gpr r) { group3_r(2, w, r); }
void Assembler::neg_r(Width w, Gpr r) { group3_r(3, w, r); }
void Assembler::mul_r(Width w, Gpr r) { group3_r(4, w, r); }
void Assembler::imul_r(Width w, Gpr r) { group3_r(5, w, r); }
void Assembler::div_r(Width w, Gpr r) { group3_r(6, w, r); }
void Assembler::idiv_r(Width w, Gpr r) { group3_r(7, w, r); }
void Assembler::div_m(Width w, const Mem& m) { group3_m(6, w, m); }
void Assembler::idiv_m(Width w, const Mem& m) { group3_m(7, w, m); }
void Assembler::inc_r(Width w, Gpr r) {
  op_rr(sizePrefix(w), 0, w == Width::W8 ? 0xFE : 0xFF, isW64(w), 0, enc(r), w == Width::W8 ? kByteRm : 0);
}
void Assembler::dec_r(Width w, Gpr r) {
  op_rr(sizePrefix(w), 0, w == Width::W8 ? 0xFE : 0xFF, isW64(w), 1, enc(r), w == Width::W8 ? kByteRm : 0);
}
void Assembler::cdq() { buf_.emit8(0x99); }
void Assembler::cqo() {
  buf_.emit8(0x48);
  buf_.emit8(0x99);
}

// Group 2 shifts: D2/D3 /digit (by cl), C0/C1 /digit ib.
void Assembler::shift_rc(unsigned digit, Width w, Gpr r) {
  op_rr(sizePrefix(w), 0, w == Width::W8 ? 0xD2 : 0xD3, isW64(w), digit, enc(r), w == Width::W8 ? kByteRm : 0);
}
void Assembler::shift_ri(unsigned digit, Width w, Gpr r, uint8_t imm) {
  op_rr(sizePrefix(w), 0, w == Width::W8 ? 0xC0 : 0xC1, isW64(w), digit, enc(r), w == Width::W8 ? kByteRm : 0, 1,
        imm);
}
void Assembler::rol_rc(Width w, Gpr r) { shift_rc(0, w, r); }
void Assembler::ror_rc(Width w, Gpr r) { shift_rc(1, w, r); }
void Assembler::shl_rc(Width w, Gpr r) { shift_rc(4, w, r); }
void Assembler::shr_rc(Width w, Gpr r) { shift_rc(5, w, r); }
void Assembler::sar_rc(Width w, Gpr r) { shift_rc(7, w, r); }
void Assembler::rol_ri(Width w, Gpr r, uint8_t imm) { shift_ri(0, w, r, imm); }
void Assembler::ror_ri(Width w, Gpr r, uint8_t imm) { shift_ri(1, w, r, imm); }
void Assembler::shl_ri(Width w, Gpr r, uint8_t imm) { shift_ri(4, w, r, imm); }
void Assembler::shr_ri(Width w, Gpr r, uint8_t imm) { shift_ri(5, w, r, imm); }
void Assembler::sar_ri(Width w, Gpr r, uint8_t imm) { shift_ri(7, w, r, imm); }

// LZCNT/TZCNT/POPCNT: F3 0F BD/BC/B8 /r (66 precedes F3 for 16-bit). BSR/BSF: 0F BD/BC /r.
void Assembler::f3_rr(uint8_t opcode, Width w, Gpr dst, Gpr src) {
  op_rr(static_cast<uint16_t>(w == Width::W16 ? 0xF366 : 0xF3), 1, opcode, isW64(w), enc(dst), enc(src), 0);
}
void Assembler::f3_rm(uint8_t opcode, Width w, Gpr dst, const Mem& src) {
  op_rm(static_cast<uint16_t>(w == Width::W16 ? 0xF366 : 0xF3), 1, opcode, isW64(w), enc(dst), src, 0);
}
void Assembler::lzcnt_rr(Width w, Gpr dst, Gpr src) { f3_rr(0xBD, w, dst, src); }
void Assembler::tzcnt_rr(Width w, Gpr dst, Gpr src) { f3_rr(0xBC, w, dst, src); }
void Assembler::popcnt_rr(Width w, Gpr dst, Gpr src) { f3_rr(0xB8, w, dst, src); }
void Assembler::lzcnt_rm(Width w, Gpr dst, const Mem& src) { f3_rm(0xBD, w, dst, src); }
void Assembler::tzcnt_rm(Width w, Gpr dst, const Mem& src) { f3_rm(0xBC, w, dst, src); }
void Assembler::popcnt_rm(Width w, Gpr dst, const Mem& src) { f3_rm(0xB8, w, dst, src); }
void Assembler::bsr_rr(Width w, Gpr dst, Gpr src) { op_rr(sizePrefix(w), 1, 0xBD, isW64(w), enc(dst), enc(src), 0); }
void Assembler::bsf_rr(Width w, Gpr dst, Gpr src) { op_rr(sizePrefix(w), 1, 0xBC, isW64(w), enc(dst), enc(src), 0); }
void Assembler::bswap_r(Width w, Gpr r) { op_o(0, 1, 0xC8, isW64(w), enc(r), false); }

// BMI: ANDN VEX.LZ.0F38 F2 /r; SHLX/SARX/SHRX VEX.LZ.{66,F3,F2}.0F38 F7 /r (count in VEX.vvvv);
// RORX VEX.LZ.F2.0F3A F0 /r ib. VEX.W selects 64-bit operands.
void Assembler::andn_rrr(Width w, Gpr dst, Gpr src1, Gpr src2) {
  vex_rr(0, 2, 0xF2, isW64(w), false, enc(dst), enc(src1), enc(src2));
}
void Assembler::shlx_rrr(Width w, Gpr dst, Gpr src, Gpr count) {
  vex_rr(1, 2, 0xF7, isW64(w), false, enc(dst), enc(count), enc(src));
}
void Assembler::sarx_rrr(Width w, Gpr dst, Gpr src, Gpr count) {
  vex_rr(2, 2, 0xF7, isW64(w), false, enc(dst), enc(count), enc(src));
}
void Assembler::shrx_rrr(Width w, Gpr dst, Gpr src, Gpr count) {
  vex_rr(3, 2, 0xF7, isW64(w), false, enc(dst), enc(count), enc(src));
}
void Assembler::rorx_rri(Width w, Gpr dst, Gpr src, uint8_t imm) {
  vex_rr(3, 3, 0xF0, isW64(w), false, enc(dst), 0, enc(src), imm, true);
}
// REP MOVSB F3 A4; REP STOSB F3 AA.
void Assembler::rep_movsb() {
  buf_.emit8(0xF3);
  buf_.emit8(0xA4);
}
void Assembler::rep_stosb() {
  buf_.emit8(0xF3);
  buf_.emit8(0xAA);
}

// SETcc 0F 90+cc /0; CMOVcc 0F 40+cc /r; XCHG 86/87 /r; PUSH 50+r, 6A ib, 68 id; POP 58+r.
void Assembler::setcc_r(Cond c, Gpr dst) {
  op_rr(0, 1, static_cast<uint8_t>(0x90 + static_cast<uint8_t>(c)), false, 0, enc(dst), kByteRm);
}
void Assembler::cmovcc_rr(Cond c, Width w, Gpr dst, Gpr src) {
  op_rr(sizePrefix(w), 1, static_cast<uint8_t>(0x40 + static_cast<uint8_t>(c)), isW64(w), enc(dst), enc(src), 0);
}
void Assembler::cmovcc_rm(Cond c, Width w, Gpr dst, const Mem& src) {
  op_rm(sizePrefix(w), 1, static_cast<uint8_t>(0x40 + static_cast<uint8_t>(c)), isW64(w), enc(dst), src, 0);
}
void Assembler::xchg_rr(Width w, Gpr a, Gpr b) {
  op_rr(sizePrefix(w), 0, w == Width::W8 ? 0x86 : 0x87, isW64(w), enc(b), enc(a),
        w == Width::W8 ? kByteReg | kByteRm : 0);
}
void Assembler::push_r(Gpr r) { op_o(0, 0, 0x50, false, enc(r), false); }
void Assembler::pop_r(Gpr r) { op_o(0, 0, 0x58, false, enc(r), false); }
void Assembler::push_i(int32_t imm) {
  Inst in(buf_);
  if (fitsInt8(imm)) {
    in.put(0x6A);
    in.putImm(1, static_cast<uint32_t>(imm));
  } else {
    in.put(0x68);
    in.putImm(4, static_cast<uint32_t>(imm));
  }
  buf_.advance(in.n);
}

// ---- Control flow (SDM CALL E8 cd, FF /2; JMP EB cb, E9 cd, FF /4; Jcc 70+cc cb, 0F 80+cc cd) ----

void Assembler::rel32_reloc(uint8_t opcode, RelocTarget target, uint32_t index) {
  buf_.emit8(opcode);
  uint32_t field = buf_.size();
  buf_.emit32(0);
  buf_.addReloc(FieldKind::Rel32, target, field, index, -4);
}
void Assembler::call_func(uint32_t funcIndex) { rel32_reloc(0xE8, RelocTarget::Function, funcIndex); }
void Assembler::call_helper(uint32_t helperId) { rel32_reloc(0xE8, RelocTarget::Helper, helperId); }
void Assembler::jmp_func(uint32_t funcIndex) { rel32_reloc(0xE9, RelocTarget::Function, funcIndex); }

void Assembler::call_label(Label l) {
  buf_.emit8(0xE8);
  uint32_t field = buf_.size();
  buf_.emit32(0);
  buf_.addLabelRef(l, field, FieldKind::Rel32, -4);
}
void Assembler::call_r(Gpr t) { op_rr(0, 0, 0xFF, false, 2, enc(t), 0); }
void Assembler::call_m(const Mem& t) { op_rm(0, 0, 0xFF, false, 2, t, 0); }
void Assembler::jmp_r(Gpr t) { op_rr(0, 0, 0xFF, false, 4, enc(t), 0); }
void Assembler::jmp_m(const Mem& t) { op_rm(0, 0, 0xFF, false, 4, t, 0); }

namespace {
// Whether a 2-byte short branch emitted at `at` reaches a bound label at `target`.
bool shortReaches(uint32_t at, uint32_t target) {
  return fitsInt8(static_cast<int64_t>(target) - static_cast<int64_t>(at + 2));
}
}  // namespace

void Assembler::jmp_label(Label l, JumpSize size) {
  bool useShort = size == JumpSize::Short ||
                  (size == JumpSize::Auto && buf_.isBound(l) && shortReaches(offset(), buf_.labelOffset(l)));
  buf_.emit8(useShort ? 0xEB : 0xE9);
  uint32_t field = buf_.size();
  if (useShort) {
    buf_.emit8(0);
    buf_.addLabelRef(l, field, FieldKind::Rel8, -1);
  } else {
    buf_.emit32(0);
    buf_.addLabelRef(l, field, FieldKind::Rel32, -4);
  }
}

void Assembler::jcc_label(Cond c, Label l, JumpSize size) {
  bool useShort = size == JumpSize::Short ||
                  (size == JumpSize::Auto && buf_.isBound(l) && shortReaches(offset(), buf_.labelOffset(l)));
  uint8_t cc = static_cast<uint8_t>(c);
  if (useShort) {
    buf_.emit8(static_cast<uint8_t>(0x70 + cc));
    uint32_t field = buf_.size();
    buf_.emit8(0);
    buf_.addLabelRef(l, field, FieldKind::Rel8, -1);
  } else {
    buf_.emit8(0x0F);
    buf_.emit8(static_cast<uint8_t>(0x80 + cc));
    uint32_t field = buf_.size();
    buf_.emit32(0);
    buf_.addLabelRef(l, field, FieldKind::Rel32, -4);
  }
}

void Assembler::dd_labelRel(Label l, int32_t addend) {
  uint32_t field = buf_.size();
  buf_.emit32(0);
  buf_.addLabelRef(l, field, FieldKind::Rel32, addend);
}

void Assembler::ret() { buf_.emit8(0xC3); }
void Assembler::ud2() {
  buf_.emit8(0x0F);
  buf_.emit8(0x0B);
}
void Assembler::int3() { buf_.emit8(0xCC); }
void Assembler::mfence() {
  const uint8_t b[3] = {0x0F, 0xAE, 0xF0};
  buf_.emitBytes(b, 3);
}

void Assembler::nop(uint32_t n) {
  // SDM Vol. 2B, NOP: recommended multi-byte sequences (Table 4-12).
  static constexpr uint8_t kNops[9][9] = {
      {0x90},
      {0x66, 0x90},
      {0x0F, 0x1F, 0x00},
      {0x0F, 0x1F, 0x40, 0x00},
      {0x0F, 0x1F, 0x44, 0x00, 0x00},
      {0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00},
      {0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00},
      {0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
      {0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
  };
  while (n > 0) {
    uint32_t k = n > 9 ? 9 : n;
    buf_.emitBytes(kNops[k - 1], k);
    n -= k;
  }
}

void Assembler::align(uint32_t alignment) {
  uint32_t rem = offset() & (alignment - 1);
  if (rem) nop(alignment - rem);
}

// ---- Irregular SSE forms ----

void Assembler::movhlps_rr(Xmm dst, Xmm src) { op_rr(0, 1, 0x12, false, enc(dst), enc(src), 0); }
void Assembler::movlhps_rr(Xmm dst, Xmm src) { op_rr(0, 1, 0x16, false, enc(dst), enc(src), 0); }
void Assembler::movd_xr(Xmm dst, Gpr src) { op_rr(0x66, 1, 0x6E, false, enc(dst), enc(src), 0); }
void Assembler::movq_xr(Xmm dst, Gpr src) { op_rr(0x66, 1, 0x6E, true, enc(dst), enc(src), 0); }
void Assembler::movd_rx(Gpr dst, Xmm src) { op_rr(0x66, 1, 0x7E, false, enc(src), enc(dst), 0); }
void Assembler::movq_rx(Gpr dst, Xmm src) { op_rr(0x66, 1, 0x7E, true, enc(src), enc(dst), 0); }
void Assembler::movd_xm(Xmm dst, const Mem& src) { op_rm(0x66, 1, 0x6E, false, enc(dst), src, 0); }
void Assembler::movd_mx(const Mem& dst, Xmm src) { op_rm(0x66, 1, 0x7E, false, enc(src), dst, 0); }
void Assembler::movq_xm(Xmm dst, const Mem& src) { op_rm(0xF3, 1, 0x7E, false, enc(dst), src, 0); }
void Assembler::movq_mx(const Mem& dst, Xmm src) { op_rm(0x66, 1, 0xD6, false, enc(src), dst, 0); }
void Assembler::movq_xx(Xmm dst, Xmm src) { op_rr(0xF3, 1, 0x7E, false, enc(dst), enc(src), 0); }
void Assembler::cvtsi2ss_rr(Width sw, Xmm dst, Gpr src) { op_rr(0xF3, 1, 0x2A, isW64(sw), enc(dst), enc(src), 0); }
void Assembler::cvtsi2sd_rr(Width sw, Xmm dst, Gpr src) { op_rr(0xF2, 1, 0x2A, isW64(sw), enc(dst), enc(src), 0); }
void Assembler::cvtsi2ss_rm(Width sw, Xmm dst, const Mem& src) { op_rm(0xF3, 1, 0x2A, isW64(sw), enc(dst), src, 0); }
void Assembler::cvtsi2sd_rm(Width sw, Xmm dst, const Mem& src) { op_rm(0xF2, 1, 0x2A, isW64(sw), enc(dst), src, 0); }
void Assembler::cvttss2si_rr(Width dw, Gpr dst, Xmm src) { op_rr(0xF3, 1, 0x2C, isW64(dw), enc(dst), enc(src), 0); }
void Assembler::cvttsd2si_rr(Width dw, Gpr dst, Xmm src) { op_rr(0xF2, 1, 0x2C, isW64(dw), enc(dst), enc(src), 0); }
void Assembler::movmskps_rr(Gpr dst, Xmm src) { op_rr(0, 1, 0x50, false, enc(dst), enc(src), 0); }
void Assembler::movmskpd_rr(Gpr dst, Xmm src) { op_rr(0x66, 1, 0x50, false, enc(dst), enc(src), 0); }
void Assembler::pmovmskb_rr(Gpr dst, Xmm src) { op_rr(0x66, 1, 0xD7, false, enc(dst), enc(src), 0); }
// PEXTRB/D/Q 66 0F3A 14/16 /r ib (ModRM.reg = xmm source); PEXTRW 66 0F C5 /r ib (reg = gpr).
void Assembler::pextrb_rri(Gpr dst, Xmm src, uint8_t lane) { op_rr(0x66, 3, 0x14, false, enc(src), enc(dst), 0, 1, lane); }
void Assembler::pextrw_rri(Gpr dst, Xmm src, uint8_t lane) { op_rr(0x66, 1, 0xC5, false, enc(dst), enc(src), 0, 1, lane); }
void Assembler::pextrd_rri(Gpr dst, Xmm src, uint8_t lane) { op_rr(0x66, 3, 0x16, false, enc(src), enc(dst), 0, 1, lane); }
void Assembler::pextrq_rri(Gpr dst, Xmm src, uint8_t lane) { op_rr(0x66, 3, 0x16, true, enc(src), enc(dst), 0, 1, lane); }
void Assembler::pextrb_mri(const Mem& dst, Xmm src, uint8_t lane) { op_rm(0x66, 3, 0x14, false, enc(src), dst, 0, 1, lane); }
void Assembler::pextrw_mri(const Mem& dst, Xmm src, uint8_t lane) { op_rm(0x66, 3, 0x15, false, enc(src), dst, 0, 1, lane); }
void Assembler::pextrd_mri(const Mem& dst, Xmm src, uint8_t lane) { op_rm(0x66, 3, 0x16, false, enc(src), dst, 0, 1, lane); }
void Assembler::pextrq_mri(const Mem& dst, Xmm src, uint8_t lane) { op_rm(0x66, 3, 0x16, true, enc(src), dst, 0, 1, lane); }
void Assembler::extractps_rri(Gpr dst, Xmm src, uint8_t lane) { op_rr(0x66, 3, 0x17, false, enc(src), enc(dst), 0, 1, lane); }
// PINSRB/D/Q 66 0F3A 20/22 /r ib; PINSRW 66 0F C4 /r ib (ModRM.reg = xmm destination).
void Assembler::pinsrb_rri(Xmm dst, Gpr src, uint8_t lane) { op_rr(0x66, 3, 0x20, false, enc(dst), enc(src), 0, 1, lane); }
void Assembler::pinsrw_rri(Xmm dst, Gpr src, uint8_t lane) { op_rr(0x66, 1, 0xC4, false, enc(dst), enc(src), 0, 1, lane); }
void Assembler::pinsrd_rri(Xmm dst, Gpr src, uint8_t lane) { op_rr(0x66, 3, 0x22, false, enc(dst), enc(src), 0, 1, lane); }
void Assembler::pinsrq_rri(Xmm dst, Gpr src, uint8_t lane) { op_rr(0x66, 3, 0x22, true, enc(dst), enc(src), 0, 1, lane); }
void Assembler::pinsrb_rmi(Xmm dst, const Mem& src, uint8_t lane) { op_rm(0x66, 3, 0x20, false, enc(dst), src, 0, 1, lane); }
void Assembler::pinsrw_rmi(Xmm dst, const Mem& src, uint8_t lane) { op_rm(0x66, 1, 0xC4, false, enc(dst), src, 0, 1, lane); }
void Assembler::pinsrd_rmi(Xmm dst, const Mem& src, uint8_t lane) { op_rm(0x66, 3, 0x22, false, enc(dst), src, 0, 1, lane); }
void Assembler::pinsrq_rmi(Xmm dst, const Mem& src, uint8_t lane) { op_rm(0x66, 3, 0x22, true, enc(dst), src, 0, 1, lane); }

// ---- Irregular AVX forms (VEX.128; vvvv unused = 0 here, encoded as 1111) ----

void Assembler::vpbroadcastb_rr(Xmm dst, Xmm src) { vex_rr(1, 2, 0x78, false, false, enc(dst), 0, enc(src)); }
void Assembler::vpbroadcastw_rr(Xmm dst, Xmm src) { vex_rr(1, 2, 0x79, false, false, enc(dst), 0, enc(src)); }
void Assembler::vpbroadcastd_rr(Xmm dst, Xmm src) { vex_rr(1, 2, 0x58, false, false, enc(dst), 0, enc(src)); }
void Assembler::vpbroadcastq_rr(Xmm dst, Xmm src) { vex_rr(1, 2, 0x59, false, false, enc(dst), 0, enc(src)); }
void Assembler::vbroadcastss_rm(Xmm dst, const Mem& src) { vex_rm(1, 2, 0x18, false, false, enc(dst), 0, src); }

}  // namespace wasmc::codegen::x64
