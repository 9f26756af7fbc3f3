// compiler/codegen/aarch64/assembler.h — the AArch64 encoder: one method per instruction form, named after
// the Arm ARM mnemonic plus the operand shape (r = general register, i = immediate, v = vector register,
// f = scalar SIMD&FP register, c = condition, 0 = compare with zero). Each method appends one 32-bit word
// (up to four for mov_imm) to a CodeBuffer; labels, relocations and trap sites are recorded there. Invariants: no raw
// instruction word is written outside this class; an operand a form cannot encode (sp in a zr slot, an
// immediate out of range) is reported through CodeBuffer::reportError, so finish() fails instead of the
// code being silently wrong; every form has a row in test/unit/codegen/aarch64_assembler_test.cpp.
#pragma once
#include <cstdint>

#include "codegen/aarch64/registers.h"
#include "codegen/code_buffer.h"

namespace wasmc::codegen::a64 {

// Bitmask immediate of AND/ORR/EOR/ANDS (Arm ARM C6.2 "DecodeBitMasks"): on success `nImmrImms` holds
// N:immr:imms (13 bits, N at bit 12) ready for bits 22..10 of the instruction.
bool encodeLogicalImm(uint64_t value, Width w, uint32_t& nImmrImms);
// The 8-bit FMOV (immediate) encoding of a value (±(16..31)/16 * 2^(-3..4)); false if it has none.
bool encodeFpImm(double value, uint32_t& imm8);
// ADD/SUB (immediate) takes imm12, optionally shifted left by 12.
constexpr bool isAddSubImm(uint64_t v) { return v < 4096 || ((v & 0xfff) == 0 && v < (uint64_t{1} << 24)); }
// LDR/STR (unsigned offset): a multiple of the access size below 4096 * size.
constexpr bool isScaledOffset(int64_t off, unsigned sizeBytes) {
  return off >= 0 && off % sizeBytes == 0 && off / sizeBytes < 4096;
}
constexpr bool isUnscaledOffset(int64_t off) { return off >= -256 && off <= 255; }

class Assembler {
 public:
  explicit Assembler(CodeBuffer& buf) : buf_(buf) {}
  CodeBuffer& buffer() { return buf_; }
  uint32_t offset() const { return buf_.size(); }
  Label newLabel() { return buf_.newLabel(); }
  void bind(Label l) { buf_.bind(l); }
  // Records a trap site at the current offset: call right before emitting the faulting instruction.
  void trapSite(TrapCode code, uint32_t wasmOffset) { buf_.addTrapSite(offset(), code, wasmOffset); }
  // Constant-pool entries; the returned pool offset goes to ldr_const / adr_const / adrp_reloc.
  uint32_t const128(const void* bytes16) { return buf_.constPool().add(bytes16, 16, 16); }
  uint32_t const64(uint64_t v) { return buf_.constPool().add(&v, 8, 8); }
  uint32_t const32(uint32_t v) { return buf_.constPool().add(&v, 4, 4); }

  // ---- Add/subtract (C6.2 ADD/ADDS/SUB/SUBS; shifted register, extended register, immediate) ----
  // _rrr: shifted-register form with LSL #0, or the extended form (UXTX/UXTW #0) when d or n is sp.
  // _rrr_shift: Lsl/Lsr/Asr by 0..width-1. _rrr_ext: the m register is W for uxt[bhw]/sxt[bhw]; shift 0..4.
  // _rri: imm12, or imm12 << 12 when the low 12 bits are zero (isAddSubImm); otherwise an error.
#define WASMC_A64_ADDSUB(NAME, BASE)                                                                   \
  void NAME##_rrr(Width w, Gpr d, Gpr n, Gpr m) { addsub_rrr(BASE, w, d, n, m); }                      \
  void NAME##_rrr_shift(Width w, Gpr d, Gpr n, Gpr m, Shift s, unsigned amount) {                      \
    addsub_shift(BASE, w, d, n, m, s, amount);                                                         \
  }                                                                                                    \
  void NAME##_rrr_ext(Width w, Gpr d, Gpr n, Gpr m, Extend e, unsigned amount = 0) {                   \
    addsub_ext(BASE, w, d, n, m, e, amount);                                                           \
  }                                                                                                    \
  void NAME##_rri(Width w, Gpr d, Gpr n, uint32_t imm) { addsub_imm(BASE, w, d, n, imm); }
  WASMC_A64_ADDSUB(add, 0u)
  WASMC_A64_ADDSUB(adds, 1u)
  WASMC_A64_ADDSUB(sub, 2u)
  WASMC_A64_ADDSUB(subs, 3u)
#undef WASMC_A64_ADDSUB
  void add_rrr_lsl(Width w, Gpr d, Gpr n, Gpr m, unsigned amount) { add_rrr_shift(w, d, n, m, Shift::Lsl, amount); }
  void sub_rrr_lsl(Width w, Gpr d, Gpr n, Gpr m, unsigned amount) { sub_rrr_shift(w, d, n, m, Shift::Lsl, amount); }
  void cmp_rr(Width w, Gpr n, Gpr m) { subs_rrr(w, Gpr::Zr, n, m); }
  void cmp_ri(Width w, Gpr n, uint32_t imm) { subs_rri(w, Gpr::Zr, n, imm); }
  void cmp_rr_ext(Width w, Gpr n, Gpr m, Extend e, unsigned amount = 0) { subs_rrr_ext(w, Gpr::Zr, n, m, e, amount); }
  void cmn_rr(Width w, Gpr n, Gpr m) { adds_rrr(w, Gpr::Zr, n, m); }
  void cmn_ri(Width w, Gpr n, uint32_t imm) { adds_rri(w, Gpr::Zr, n, imm); }
  void neg_rr(Width w, Gpr d, Gpr m) { sub_rrr(w, d, Gpr::Zr, m); }
  void negs_rr(Width w, Gpr d, Gpr m) { subs_rrr(w, d, Gpr::Zr, m); }
  void adc_rrr(Width w, Gpr d, Gpr n, Gpr m);
  void sbc_rrr(Width w, Gpr d, Gpr n, Gpr m);

  // ---- Logical (C6.2 AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS; shifted register and bitmask immediate) ----
  // _rri: the immediate must be a bitmask immediate (encodeLogicalImm) for the width, else an error.
#define WASMC_A64_LOGICAL(RRR, SHIFT, OPC, NBIT)                                                      \
  void RRR(Width w, Gpr d, Gpr n, Gpr m) { logical_shift(OPC, NBIT, w, d, n, m, Shift::Lsl, 0); }      \
  void SHIFT(Width w, Gpr d, Gpr n, Gpr m, Shift s, unsigned amount) {                                 \
    logical_shift(OPC, NBIT, w, d, n, m, s, amount);                                                   \
  }
  WASMC_A64_LOGICAL(and_rrr, and_rrr_shift, 0u, 0u)
  WASMC_A64_LOGICAL(bic_rrr, bic_rrr_shift, 0u, 1u)
  WASMC_A64_LOGICAL(orr_rrr, orr_rrr_shift, 1u, 0u)
  WASMC_A64_LOGICAL(orn_rrr, orn_rrr_shift, 1u, 1u)
  WASMC_A64_LOGICAL(eor_rrr, eor_rrr_shift, 2u, 0u)
  WASMC_A64_LOGICAL(eon_rrr, eon_rrr_shift, 2u, 1u)
  WASMC_A64_LOGICAL(ands_rrr, ands_rrr_shift, 3u, 0u)
  WASMC_A64_LOGICAL(bics_rrr, bics_rrr_shift, 3u, 1u)
#undef WASMC_A64_LOGICAL
  void and_rri(Width w, Gpr d, Gpr n, uint64_t imm) { logical_imm(0, w, d, n, imm); }
  void orr_rri(Width w, Gpr d, Gpr n, uint64_t imm) { logical_imm(1, w, d, n, imm); }
  void eor_rri(Width w, Gpr d, Gpr n, uint64_t imm) { logical_imm(2, w, d, n, imm); }
  void ands_rri(Width w, Gpr d, Gpr n, uint64_t imm) { logical_imm(3, w, d, n, imm); }
  void tst_rr(Width w, Gpr n, Gpr m) { ands_rrr(w, Gpr::Zr, n, m); }
  void tst_ri(Width w, Gpr n, uint64_t imm) { ands_rri(w, Gpr::Zr, n, imm); }
  void mvn_rr(Width w, Gpr d, Gpr m) { orn_rrr(w, d, Gpr::Zr, m); }

  // ---- Moves ----
  // mov d, n: ORR d, zr, n; or ADD d, n, #0 when either is sp.
  void mov_rr(Width w, Gpr d, Gpr n);
  // MOVZ/MOVN/MOVK (C6.2): imm16 << shift, shift 0/16 (W32) or 0/16/32/48 (W64).
  void movz(Width w, Gpr d, uint32_t imm16, unsigned shift = 0);
  void movn(Width w, Gpr d, uint32_t imm16, unsigned shift = 0);
  void movk(Width w, Gpr d, uint32_t imm16, unsigned shift = 0);
  // d = value (W32: the low 32 bits) in the fewest instructions: one MOVZ or MOVN, else ORR with a bitmask
  // immediate, else MOVZ or MOVN (whichever needs fewer) followed by MOVKs. At most 4 instructions.
  void mov_imm(Width w, Gpr d, uint64_t value);

  // ---- Multiply, divide (C6.2 MADD/MSUB/SMULH/UMULH/SMADDL/UMADDL/SDIV/UDIV) ----
  void madd_rrrr(Width w, Gpr d, Gpr n, Gpr m, Gpr a);  // d = a + n * m
  void msub_rrrr(Width w, Gpr d, Gpr n, Gpr m, Gpr a);  // d = a - n * m
  void mul_rrr(Width w, Gpr d, Gpr n, Gpr m) { madd_rrrr(w, d, n, m, Gpr::Zr); }
  void mneg_rrr(Width w, Gpr d, Gpr n, Gpr m) { msub_rrrr(w, d, n, m, Gpr::Zr); }
  void smulh_rrr(Gpr d, Gpr n, Gpr m);  // X registers
  void umulh_rrr(Gpr d, Gpr n, Gpr m);
  void smull_rrr(Gpr d, Gpr n, Gpr m);  // xd = wn * wm (SMADDL with xzr)
  void umull_rrr(Gpr d, Gpr n, Gpr m);
  void sdiv_rrr(Width w, Gpr d, Gpr n, Gpr m);
  void udiv_rrr(Width w, Gpr d, Gpr n, Gpr m);

  // ---- Shifts and bit fields (C6.2 LSLV/LSRV/ASRV/RORV, SBFM/BFM/UBFM/EXTR and their aliases) ----
  void lslv_rrr(Width w, Gpr d, Gpr n, Gpr m);
  void lsrv_rrr(Width w, Gpr d, Gpr n, Gpr m);
  void asrv_rrr(Width w, Gpr d, Gpr n, Gpr m);
  void rorv_rrr(Width w, Gpr d, Gpr n, Gpr m);
  void sbfm_rrii(Width w, Gpr d, Gpr n, unsigned immr, unsigned imms);
  void bfm_rrii(Width w, Gpr d, Gpr n, unsigned immr, unsigned imms);
  void ubfm_rrii(Width w, Gpr d, Gpr n, unsigned immr, unsigned imms);
  void extr_rrri(Width w, Gpr d, Gpr n, Gpr m, unsigned lsb);
  void lsl_rri(Width w, Gpr d, Gpr n, unsigned shift);  // shift 0..width-1
  void lsr_rri(Width w, Gpr d, Gpr n, unsigned shift);
  void asr_rri(Width w, Gpr d, Gpr n, unsigned shift);
  void ror_rri(Width w, Gpr d, Gpr n, unsigned shift) { extr_rrri(w, d, n, n, shift); }
  void ubfx_rrii(Width w, Gpr d, Gpr n, unsigned lsb, unsigned width);  // 1 <= width <= size - lsb
  void sbfx_rrii(Width w, Gpr d, Gpr n, unsigned lsb, unsigned width);
  void bfi_rrii(Width w, Gpr d, Gpr n, unsigned lsb, unsigned width);
  void bfxil_rrii(Width w, Gpr d, Gpr n, unsigned lsb, unsigned width);
  void ubfiz_rrii(Width w, Gpr d, Gpr n, unsigned lsb, unsigned width);
  void sxtb_rr(Width w, Gpr d, Gpr n) { sbfm_rrii(w, d, n, 0, 7); }  // n is a W register
  void sxth_rr(Width w, Gpr d, Gpr n) { sbfm_rrii(w, d, n, 0, 15); }
  void sxtw_rr(Gpr d, Gpr n) { sbfm_rrii(Width::W64, d, n, 0, 31); }
  void uxtb_rr(Gpr d, Gpr n) { ubfm_rrii(Width::W32, d, n, 0, 7); }  // W registers (zero the upper half)
  void uxth_rr(Gpr d, Gpr n) { ubfm_rrii(Width::W32, d, n, 0, 15); }

  // ---- Data processing, one source (C6.2 RBIT/REV16/REV32/REV/CLZ/CLS) ----
  void rbit_rr(Width w, Gpr d, Gpr n);
  void rev16_rr(Width w, Gpr d, Gpr n);
  void rev32_rr(Gpr d, Gpr n);  // X registers only
  void rev_rr(Width w, Gpr d, Gpr n);
  void clz_rr(Width w, Gpr d, Gpr n);
  void cls_rr(Width w, Gpr d, Gpr n);

  // ---- Conditional select and compare (C6.2 CSEL/CSINC/CSINV/CSNEG/CCMP/CCMN) ----
  void csel_rrrc(Width w, Gpr d, Gpr n, Gpr m, Cond c);
  void csinc_rrrc(Width w, Gpr d, Gpr n, Gpr m, Cond c);
  void csinv_rrrc(Width w, Gpr d, Gpr n, Gpr m, Cond c);
  void csneg_rrrc(Width w, Gpr d, Gpr n, Gpr m, Cond c);
  void cset_rc(Width w, Gpr d, Cond c) { csinc_rrrc(w, d, Gpr::Zr, Gpr::Zr, invert(c)); }   // c != AL/NV
  void csetm_rc(Width w, Gpr d, Cond c) { csinv_rrrc(w, d, Gpr::Zr, Gpr::Zr, invert(c)); }
  void cinc_rrc(Width w, Gpr d, Gpr n, Cond c) { csinc_rrrc(w, d, n, n, invert(c)); }
  void cneg_rrc(Width w, Gpr d, Gpr n, Cond c) { csneg_rrrc(w, d, n, n, invert(c)); }
  // Flags = (c ? compare(n, m) : nzcv); nzcv is the 4-bit NZCV value.
  void ccmp_rrc(Width w, Gpr n, Gpr m, unsigned nzcv, Cond c);
  void ccmp_ric(Width w, Gpr n, unsigned imm5, unsigned nzcv, Cond c);
  void ccmn_rrc(Width w, Gpr n, Gpr m, unsigned nzcv, Cond c);
  void ccmn_ric(Width w, Gpr n, unsigned imm5, unsigned nzcv, Cond c);

  // ---- PC-relative addresses, branches (C6.2 ADR/ADRP/B/BL/B.cond/CBZ/CBNZ/TBZ/TBNZ/BR/BLR/RET) ----
  // Label references are patched on bind; finish() fails if a reference is out of range of its field.
  void adr_label(Gpr d, Label l);                      // ±1 MiB
  void adr_const(Gpr d, uint32_t poolOffset);          // Reloc{Arm64Adr21, ConstPool}
  // ADRP + ADD (lo12) pair reaching any target within ±4 GiB through two relocations.
  void adrp_reloc(Gpr d, RelocTarget target, uint32_t index, int64_t addend = 0);
  void add_lo12_reloc(Gpr d, Gpr n, RelocTarget target, uint32_t index, int64_t addend = 0);
  void b_label(Label l);                               // ±128 MiB
  void bl_label(Label l);
  void b_cond_label(Cond c, Label l);                  // ±1 MiB
  void cbz_label(Width w, Gpr t, Label l);             // ±1 MiB
  void cbnz_label(Width w, Gpr t, Label l);
  void tbz_label(Gpr t, unsigned bit, Label l);        // ±32 KiB; bit 0..63 (>= 32 tests an X register)
  void tbnz_label(Gpr t, unsigned bit, Label l);
  void bl_func(uint32_t funcIndex);                    // Reloc{Arm64Branch26, Function}
  void bl_helper(uint32_t helperId);                   // Reloc{Arm64Branch26, Helper}
  void b_func(uint32_t funcIndex);                     // tail call
  void b_helper(uint32_t helperId);
  void br_r(Gpr n);
  void blr_r(Gpr n);
  void ret(Gpr n = Gpr::X30);

  // ---- System, traps ----
  void brk(uint32_t imm16);
  void udf(uint32_t imm16);  // permanently undefined: SIGILL
  void nop();
  void dmb(Barrier b);
  void dsb(Barrier b);
  void isb();
  // Pads with NOPs to a multiple of `alignment` (a power of two, >= 4).
  void align(uint32_t alignment);

  // ---- Data in the code stream (jump tables, veneer literals) ----
  // 4 bytes holding labelOffset(l) - offset of these 4 bytes + addend: a br_table entry relative to the
  // table start is dd_labelRel(target, 4 * i) (read with ldrsw, added to the table's address).
  void dd_labelRel(Label l, int32_t addend = 0);
  // 8 bytes: a literal for ldr_label (offset 8-aligned by the caller), or an absolute address filled by
  // a Reloc{Abs64} (veneer: ldr x16, #8; br x16; dq_reloc(Helper, id)).
  void dq(uint64_t value);
  void dq_reloc(RelocTarget target, uint32_t index, int64_t addend = 0);

  // ---- Loads and stores, general registers (C6.2 LDR/STR and byte/half/signed variants) ----
  // _ri: unsigned offset, a byte offset that must be a multiple of the access size (isScaledOffset).
  // ldur*/stur*: unscaled signed offset -256..255. _pre/_post: pre/post-indexed, -256..255.
  // _rr: register offset [base, index{, ext {#log2(size)}}]: ext Lsl (X index), Uxtw/Sxtw (W index), Sxtx.
  // ldr (W32/W64), ldrsb/ldrsh (W32/W64 destination), ldrsw (X destination).
#define WASMC_A64_LDST_GPR(NAME, UNAME)                                                                  \
  void NAME##_ri(Width w, Gpr t, Gpr n, int64_t off) { ldst(NAME##Word(w), UOff, zr(t), n, off); }       \
  void UNAME##_ri(Width w, Gpr t, Gpr n, int64_t off) { ldst(NAME##Word(w), Unscaled, zr(t), n, off); }  \
  void NAME##_pre(Width w, Gpr t, Gpr n, int64_t off) { ldst(NAME##Word(w), Pre, zr(t), n, off); }       \
  void NAME##_post(Width w, Gpr t, Gpr n, int64_t off) { ldst(NAME##Word(w), Post, zr(t), n, off); }     \
  void NAME##_rr(Width w, Gpr t, Gpr n, Gpr m, Extend e = Lsl, bool scaled = false) {                    \
    ldst_reg(NAME##Word(w), zr(t), n, m, e, scaled);                                                     \
  }
  WASMC_A64_LDST_GPR(ldr, ldur)
  WASMC_A64_LDST_GPR(str, stur)
  WASMC_A64_LDST_GPR(ldrsb, ldursb)
  WASMC_A64_LDST_GPR(ldrsh, ldursh)
#undef WASMC_A64_LDST_GPR
#define WASMC_A64_LDST_GPR_FIXED(NAME, UNAME, WORD)                                                      \
  void NAME##_ri(Gpr t, Gpr n, int64_t off) { ldst(WORD, UOff, zr(t), n, off); }                         \
  void UNAME##_ri(Gpr t, Gpr n, int64_t off) { ldst(WORD, Unscaled, zr(t), n, off); }                    \
  void NAME##_pre(Gpr t, Gpr n, int64_t off) { ldst(WORD, Pre, zr(t), n, off); }                         \
  void NAME##_post(Gpr t, Gpr n, int64_t off) { ldst(WORD, Post, zr(t), n, off); }                       \
  void NAME##_rr(Gpr t, Gpr n, Gpr m, Extend e = Lsl, bool scaled = false) {                             \
    ldst_reg(WORD, zr(t), n, m, e, scaled);                                                              \
  }
  WASMC_A64_LDST_GPR_FIXED(ldrb, ldurb, kLdrb)
  WASMC_A64_LDST_GPR_FIXED(ldrh, ldurh, kLdrh)
  WASMC_A64_LDST_GPR_FIXED(strb, sturb, kStrb)
  WASMC_A64_LDST_GPR_FIXED(strh, sturh, kStrh)
  WASMC_A64_LDST_GPR_FIXED(ldrsw, ldursw, kLdrsw)
#undef WASMC_A64_LDST_GPR_FIXED

  // ---- Loads and stores, SIMD&FP registers (b/h/s/d/q): the same addressing forms ----
  void ldr_ri(VSize s, Vreg t, Gpr n, int64_t off) { ldst(vldstWord(s, true), UOff, enc(t), n, off); }
  void str_ri(VSize s, Vreg t, Gpr n, int64_t off) { ldst(vldstWord(s, false), UOff, enc(t), n, off); }
  void ldur_ri(VSize s, Vreg t, Gpr n, int64_t off) { ldst(vldstWord(s, true), Unscaled, enc(t), n, off); }
  void stur_ri(VSize s, Vreg t, Gpr n, int64_t off) { ldst(vldstWord(s, false), Unscaled, enc(t), n, off); }
  void ldr_pre(VSize s, Vreg t, Gpr n, int64_t off) { ldst(vldstWord(s, true), Pre, enc(t), n, off); }
  void str_pre(VSize s, Vreg t, Gpr n, int64_t off) { ldst(vldstWord(s, false), Pre, enc(t), n, off); }
  void ldr_post(VSize s, Vreg t, Gpr n, int64_t off) { ldst(vldstWord(s, true), Post, enc(t), n, off); }
  void str_post(VSize s, Vreg t, Gpr n, int64_t off) { ldst(vldstWord(s, false), Post, enc(t), n, off); }
  void ldr_rr(VSize s, Vreg t, Gpr n, Gpr m, Extend e = Lsl, bool scaled = false) {
    ldst_reg(vldstWord(s, true), enc(t), n, m, e, scaled);
  }
  void str_rr(VSize s, Vreg t, Gpr n, Gpr m, Extend e = Lsl, bool scaled = false) {
    ldst_reg(vldstWord(s, false), enc(t), n, m, e, scaled);
  }

  // ---- Load/store pair (C6.2 LDP/STP): offset a multiple of the register size, imm7 scaled ----
  // The Width overloads take general registers, the VSize ones SIMD&FP registers (s, d or q).
#define WASMC_A64_PAIR(NAME, LOAD, MODE)                                                  \
  void NAME(Width w, Gpr t1, Gpr t2, Gpr n, int32_t off) {                                \
    ldstp(gprPairOpc(w), LOAD, MODE, zr(t1), zr(t2), n, off);                             \
  }                                                                                       \
  void NAME(VSize s, Vreg t1, Vreg t2, Gpr n, int32_t off) {                              \
    ldstp(vPairOpc(s), LOAD, MODE, enc(t1), enc(t2), n, off, true);                       \
  }
  WASMC_A64_PAIR(ldp_ri, true, Pair::Offset)
  WASMC_A64_PAIR(stp_ri, false, Pair::Offset)
  WASMC_A64_PAIR(ldp_pre, true, Pair::Pre)
  WASMC_A64_PAIR(stp_pre, false, Pair::Pre)
  WASMC_A64_PAIR(ldp_post, true, Pair::Post)
  WASMC_A64_PAIR(stp_post, false, Pair::Post)
#undef WASMC_A64_PAIR

  // ---- Load literal (C6.2 LDR (literal)): ±1 MiB pc-relative ----
  void ldr_label(Width w, Gpr t, Label l);
  void ldr_label(VSize s, Vreg t, Label l);           // s, d or q
  void ldrsw_label(Gpr t, Label l);
  void ldr_const(Width w, Gpr t, uint32_t poolOffset);    // Reloc{Arm64Cond19, ConstPool}
  void ldr_const(VSize s, Vreg t, uint32_t poolOffset);

  // ---- Scalar floating point (C7.2) ----
  void fmov_ff(FType t, Vreg d, Vreg n);
  void fmov_fr(FType t, Vreg d, Gpr n);   // S <- W, D <- X
  void fmov_rf(FType t, Gpr d, Vreg n);   // W <- S, X <- D
  void fmov_fi(FType t, Vreg d, double value);  // encodeFpImm must succeed, else an error
#define WASMC_A64_FP2(NAME) void NAME##_ff(FType t, Vreg d, Vreg n);
#define WASMC_A64_FP3(NAME) void NAME##_fff(FType t, Vreg d, Vreg n, Vreg m);
  WASMC_A64_FP2(fabs) WASMC_A64_FP2(fneg) WASMC_A64_FP2(fsqrt)
  WASMC_A64_FP2(frintn) WASMC_A64_FP2(frintm) WASMC_A64_FP2(frintp) WASMC_A64_FP2(frintz)
  WASMC_A64_FP2(frinta) WASMC_A64_FP2(frintx) WASMC_A64_FP2(frinti)
  WASMC_A64_FP3(fadd) WASMC_A64_FP3(fsub) WASMC_A64_FP3(fmul) WASMC_A64_FP3(fdiv)
  WASMC_A64_FP3(fmax) WASMC_A64_FP3(fmin) WASMC_A64_FP3(fmaxnm) WASMC_A64_FP3(fminnm) WASMC_A64_FP3(fnmul)
#undef WASMC_A64_FP2
#undef WASMC_A64_FP3
  void fcmp_ff(FType t, Vreg n, Vreg m);
  void fcmp_f0(FType t, Vreg n);  // fcmp n, #0.0
  void fcmpe_ff(FType t, Vreg n, Vreg m);
  void fcsel_fffc(FType t, Vreg d, Vreg n, Vreg m, Cond c);
  void fcvt_ff(FType to, FType from, Vreg d, Vreg n);
  // Integer <-> FP conversions: the Width is the GPR side, the FType the FP side.
  void scvtf_fr(FType t, Width w, Vreg d, Gpr n);
  void ucvtf_fr(FType t, Width w, Vreg d, Gpr n);
  void fcvtzs_rf(Width w, FType t, Gpr d, Vreg n);  // saturating, NaN -> 0
  void fcvtzu_rf(Width w, FType t, Gpr d, Vreg n);

  // ---- Advanced SIMD (C7.2; full-register arrangements 16B/8H/4S/2D, 64-bit ones where legal) ----
  // Three registers, same arrangement. Names with a trailing underscore are C++ alternative tokens.
#define A64_SIMD3(NAME, U, OPC, SIZES) void NAME(Arr a, Vreg d, Vreg n, Vreg m);
#define A64_SIMD3_LOGIC(NAME, U, SZ) void NAME(bool q, Vreg d, Vreg n, Vreg m);
#define A64_SIMD3_FP(NAME, U, A, OPC) void NAME(Arr a, Vreg d, Vreg n, Vreg m);
#define A64_SIMD2(NAME, U, OPC, SIZES) void NAME(Arr a, Vreg d, Vreg n);
#define A64_SIMD2_FP(NAME, U, A, OPC) void NAME(Arr a, Vreg d, Vreg n);
#define A64_SIMD_ACROSS(NAME, U, OPC, SIZES) void NAME(Arr a, Vreg d, Vreg n);
#define A64_SIMD_PERM(NAME, OPC) void NAME(Arr a, Vreg d, Vreg n, Vreg m);
#define A64_SIMD_NARROW(NAME, NAME2, U, OPC) void NAME(ESize narrow, Vreg d, Vreg n); \
  void NAME2(ESize narrow, Vreg d, Vreg n);
#define A64_SIMD_LONG3(NAME, NAME2, U, OPC) void NAME(ESize narrow, Vreg d, Vreg n, Vreg m); \
  void NAME2(ESize narrow, Vreg d, Vreg n, Vreg m);
#include "codegen/aarch64/forms.def"  // #undefs the A64_* macros
  void mov_vv(Vreg d, Vreg n) { orr_vvv(true, d, n, n); }  // 16B copy
  // Shift by immediate: shl 0..esize-1, sshr/ushr 1..esize.
  void shl_vvi(Arr a, Vreg d, Vreg n, unsigned shift);
  void sshr_vvi(Arr a, Vreg d, Vreg n, unsigned shift);
  void ushr_vvi(Arr a, Vreg d, Vreg n, unsigned shift);
  // Widening shifts; the ESize is the narrow source element (B, H, S). sxtl/uxtl are shift 0.
  void sshll_vvi(ESize narrow, Vreg d, Vreg n, unsigned shift);
  void sshll2_vvi(ESize narrow, Vreg d, Vreg n, unsigned shift);
  void ushll_vvi(ESize narrow, Vreg d, Vreg n, unsigned shift);
  void ushll2_vvi(ESize narrow, Vreg d, Vreg n, unsigned shift);
  void sxtl_vv(ESize narrow, Vreg d, Vreg n) { sshll_vvi(narrow, d, n, 0); }
  void sxtl2_vv(ESize narrow, Vreg d, Vreg n) { sshll2_vvi(narrow, d, n, 0); }
  void uxtl_vv(ESize narrow, Vreg d, Vreg n) { ushll_vvi(narrow, d, n, 0); }
  void uxtl2_vv(ESize narrow, Vreg d, Vreg n) { ushll2_vvi(narrow, d, n, 0); }
  // FP conversions between widths: fcvtn d.2s <- n.2d (fcvtn2 into the upper half), fcvtl d.2d <- n.2s.
  void fcvtn_vv(Vreg d, Vreg n);
  void fcvtn2_vv(Vreg d, Vreg n);
  void fcvtl_vv(Vreg d, Vreg n);
  void fcvtl2_vv(Vreg d, Vreg n);
  // Lane moves (C7.2 DUP/INS/UMOV/SMOV).
  void dup_vv(Arr a, Vreg d, Vreg n, unsigned lane);  // d.T = n.Ts[lane]
  void dup_vr(Arr a, Vreg d, Gpr n);                   // W for B/H/S, X for D
  void dup_fv(ESize e, Vreg d, Vreg n, unsigned lane);  // scalar d = n.Ts[lane] ("mov s0, v1.s[2]")
  void addp_fv(Vreg d, Vreg n);                          // scalar d = n.d[0] + n.d[1] (ADDP, scalar)
  void ins_vr(ESize e, Vreg d, unsigned lane, Gpr n);  // d.Ts[lane] = n ("mov")
  void ins_vv(ESize e, Vreg d, unsigned dLane, Vreg n, unsigned nLane);
  void umov_rv(ESize e, Gpr d, Vreg n, unsigned lane);  // W for B/H/S, X for D
  void smov_rv(Width w, ESize e, Gpr d, Vreg n, unsigned lane);  // e B/H (W32/W64) or S (W64)
  void ext_vvvi(bool q, Vreg d, Vreg n, Vreg m, unsigned index);  // byte index < 8 or 16
  void tbl1_vvv(bool q, Vreg d, Vreg table, Vreg idx);
  void tbl2_vvv(bool q, Vreg d, Vreg table, Vreg idx);  // table, table+1 (mod 32)
  // Immediates (C7.2 MOVI/MVNI): byte splat, 2D byte mask (each byte 0x00 or 0xff), shifted 4S/8H imm8.
  void movi_16b(bool q, Vreg d, uint8_t imm8);
  void movi_2d(Vreg d, uint64_t byteMask);    // every byte of byteMask 0x00 or 0xff, else an error
  void movi_d(Vreg d, uint64_t byteMask);     // scalar d register form
  void movi_4s(bool q, Vreg d, uint8_t imm8, unsigned shift);  // shift 0/8/16/24
  void mvni_4s(bool q, Vreg d, uint8_t imm8, unsigned shift);
  void movi_8h(bool q, Vreg d, uint8_t imm8, unsigned shift);  // shift 0/8
  void mvni_8h(bool q, Vreg d, uint8_t imm8, unsigned shift);
  // Structure loads/stores (C7.2 LD1/ST1/LD1R): one whole register, one lane, or load-and-replicate;
  // the address is [n] with no offset.
  void ld1_v(Arr a, Vreg t, Gpr n);
  void st1_v(Arr a, Vreg t, Gpr n);
  void ld1_lane(ESize e, Vreg t, unsigned lane, Gpr n);
  void st1_lane(ESize e, Vreg t, unsigned lane, Gpr n);
  void ld1r_v(Arr a, Vreg t, Gpr n);

 private:
  // General-register slot checks: zr() for slots where 31 is the zero register, sp() where it is sp.
  unsigned zr(Gpr r) {
    if (r == Gpr::Sp) [[unlikely]] badOperand("sp in a zero-register operand");
    return enc(r);
  }
  unsigned sp(Gpr r) {
    if (r == Gpr::Zr) [[unlikely]] badOperand("zr in a stack-pointer operand");
    return enc(r);
  }
  [[gnu::cold]] void badOperand(const char* what);
  void emit(uint32_t word) { buf_.emit32(word); }
  // Emits `word` and a label fixup or relocation on it.
  void emitLabelRef(uint32_t word, Label l, FieldKind kind);
  void emitReloc(uint32_t word, FieldKind kind, RelocTarget target, uint32_t index, int64_t addend);

  void addsub_rrr(uint32_t op, Width w, Gpr d, Gpr n, Gpr m);
  void addsub_shift(uint32_t op, Width w, Gpr d, Gpr n, Gpr m, Shift s, unsigned amount);
  void addsub_ext(uint32_t op, Width w, Gpr d, Gpr n, Gpr m, Extend e, unsigned amount);
  void addsub_imm(uint32_t op, Width w, Gpr d, Gpr n, uint32_t imm);
  void logical_shift(uint32_t opc, uint32_t nbit, Width w, Gpr d, Gpr n, Gpr m, Shift s, unsigned amount);
  void logical_imm(uint32_t opc, Width w, Gpr d, Gpr n, uint64_t imm);
  void movwide(uint32_t opc, Width w, Gpr d, uint32_t imm16, unsigned shift);
  void dp2(uint32_t opcode, Width w, Gpr d, Gpr n, Gpr m);
  void dp1(uint32_t opcode, Width w, Gpr d, Gpr n);
  void bitfield(uint32_t opc, Width w, Gpr d, Gpr n, unsigned immr, unsigned imms);
  void condsel(uint32_t base, Width w, Gpr d, Gpr n, Gpr m, Cond c);
  void condcmp(uint32_t base, Width w, Gpr n, unsigned rmOrImm, unsigned nzcv, Cond c);

  // Load/store word families: the unsigned-offset word (bit 24 set) with size, V and opc; the other
  // addressing forms are derived from it.
  enum Mode : uint8_t { UOff, Unscaled, Pre, Post };
  static constexpr uint32_t kLdrb = 0x39400000, kLdrh = 0x79400000, kStrb = 0x39000000, kStrh = 0x79000000,
                            kLdrsw = 0xB9800000;
  static constexpr uint32_t ldrWord(Width w) { return w == Width::W64 ? 0xF9400000 : 0xB9400000; }
  static constexpr uint32_t strWord(Width w) { return w == Width::W64 ? 0xF9000000 : 0xB9000000; }
  static constexpr uint32_t ldrsbWord(Width w) { return w == Width::W64 ? 0x39800000 : 0x39C00000; }
  static constexpr uint32_t ldrshWord(Width w) { return w == Width::W64 ? 0x79800000 : 0x79C00000; }
  static constexpr uint32_t vldstWord(VSize s, bool load) {
    return s == VSize::Q ? (load ? 0x3DC00000u : 0x3D800000u)
                         : (static_cast<uint32_t>(s) << 30) | (load ? 0x3D400000u : 0x3D000000u);
  }
  void ldst(uint32_t word, Mode mode, unsigned t, Gpr n, int64_t off);
  void ldst_reg(uint32_t word, unsigned t, Gpr n, Gpr m, Extend e, bool scaled);
  enum class Pair : uint8_t { Post = 1, Offset = 2, Pre = 3 };
  static constexpr uint32_t gprPairOpc(Width w) { return w == Width::W64 ? 2 : 0; }
  static constexpr uint32_t vPairOpc(VSize s) {
    return s == VSize::Q ? 2 : s == VSize::D ? 1 : s == VSize::S ? 0 : 3;  // 3: not a pair size
  }
  void ldstp(uint32_t opc, bool load, Pair mode, unsigned t1, unsigned t2, Gpr n, int32_t off, bool simd = false);
  void ldrLiteral(uint32_t word, unsigned t, Label* l, uint32_t poolOffset);

  void fp1(uint32_t opcode, FType t, Vreg d, Vreg n);
  void fp2(uint32_t opcode, FType t, Vreg d, Vreg n, Vreg m);
  void fpint(uint32_t rmodeOpcode, Width w, FType t, unsigned d, unsigned n);

  void simd3(uint32_t u, uint32_t opcode, uint32_t sizes, Arr a, Vreg d, Vreg n, Vreg m);
  void simd2(uint32_t u, uint32_t opcode, uint32_t sizes, Arr a, Vreg d, Vreg n);
  void simd3fp(uint32_t u, uint32_t a, uint32_t opcode, Arr arr, Vreg d, Vreg n, Vreg m);
  void simd2fp(uint32_t u, uint32_t a, uint32_t opcode, Arr arr, Vreg d, Vreg n);
  void simdShift(uint32_t u, uint32_t opcode, bool q, ESize e, unsigned immhb, Vreg d, Vreg n);
  void simdCopy(uint32_t base, ESize e, unsigned lane, unsigned imm4, unsigned d, unsigned n);
  void simdMovi(uint32_t op, uint32_t cmode, bool q, Vreg d, uint8_t imm8);
  void ldstLane(bool load, ESize e, Vreg t, unsigned lane, Gpr n);

  CodeBuffer& buf_;
};

}  // namespace wasmc::codegen::a64
