// compiler/codegen/x86_64/assembler.h — the x86_64 encoder: one method per instruction form, named after
// the Intel SDM form (r = register, m = memory, i = immediate, c = the cl count, x = an XMM register where
// a form mixes classes; in Intel operand order: add_rm = add reg, [mem]; movd_rx = movd r32, xmm).
// Methods emit straight into a CodeBuffer (no allocation per instruction); labels, RIP-relative operands,
// relocations and trap sites are recorded there. Invariant: no raw opcode byte is written outside this
// class; every form has a row in test/unit/codegen/x86_64_assembler_test.cpp checked by LLVM's disassembler.
#pragma once
#include <cstdint>

#include "codegen/code_buffer.h"
#include "codegen/x86_64/registers.h"

namespace wasmc::codegen::x64 {

// A memory operand: [base + index*scale + disp], or RIP-relative to a label or a constant-pool entry.
struct Mem {
  enum class Kind : uint8_t { Base, BaseIndex, RipLabel, RipConst };
  Kind kind = Kind::Base;
  Gpr base = Gpr::Rax;
  Gpr index = Gpr::Rax;  // never Rsp (that encoding means "no index")
  uint8_t scale = 1;     // 1, 2, 4 or 8
  int32_t disp = 0;
  uint32_t target = 0;   // label id (RipLabel) or constant-pool byte offset (RipConst)

  explicit Mem(Gpr b, int32_t d = 0) : kind(Kind::Base), base(b), disp(d) {}
  Mem(Gpr b, Gpr i, uint8_t s, int32_t d = 0) : kind(Kind::BaseIndex), base(b), index(i), scale(s), disp(d) {}
  static Mem rip(Label l, int32_t d = 0) {
    Mem m(Gpr::Rax, d);
    m.kind = Kind::RipLabel;
    m.target = l.id;
    return m;
  }
  static Mem constPool(uint32_t poolOffset, int32_t d = 0) {
    Mem m(Gpr::Rax, d);
    m.kind = Kind::RipConst;
    m.target = poolOffset;
    return m;
  }
};

// Branch displacement size for jumps to labels: Auto picks rel8 when the label is bound and in range,
// rel32 otherwise (forward references); Short forces rel8 (finish() fails if it does not fit).
enum class JumpSize : uint8_t { Auto, Short, Near };

class Assembler {
 public:
  explicit Assembler(CodeBuffer& buf) : buf_(buf) {}
  CodeBuffer& buffer() { return buf_; }
  uint32_t offset() const { return buf_.size(); }
  Label newLabel() { return buf_.newLabel(); }
  void bind(Label l) { buf_.bind(l); }
  // Records a trap site at the current offset: call right before emitting the faulting instruction.
  void trapSite(TrapCode code, uint32_t wasmOffset) { buf_.addTrapSite(offset(), code, wasmOffset); }
  // Adds 16 bytes to the constant pool (16-byte aligned) and returns an operand addressing them.
  Mem const128(const void* bytes16) { return Mem::constPool(buf_.constPool().add(bytes16, 16, 16)); }
  Mem const64(uint64_t v) { return Mem::constPool(buf_.constPool().add(&v, 8, 8)); }
  Mem const32(uint32_t v) { return Mem::constPool(buf_.constPool().add(&v, 4, 4)); }

  // ---- Integer moves (SDM MOV, MOVZX, MOVSX, MOVSXD, LEA) ----
  void mov_rr(Width w, Gpr dst, Gpr src);
  // Shortest encoding of dst = imm (W64: mov r32 zero-extending, then sign-extended imm32, then movabs).
  void mov_ri(Width w, Gpr dst, int64_t imm);
  void mov_ri32(Gpr dst, uint32_t imm);    // B8+r id: mov r32, imm32 (zero-extends to 64 bits)
  void mov_ri32sx(Gpr dst, int32_t imm);   // REX.W C7 /0 id: mov r64, imm32 sign-extended
  void mov_ri64(Gpr dst, uint64_t imm);    // REX.W B8+r io: movabs r64, imm64
  void mov_rm(Width w, Gpr dst, const Mem& src);
  void mov_mr(Width w, const Mem& dst, Gpr src);
  void mov_mi(Width w, const Mem& dst, int32_t imm);  // W64: imm32 sign-extended
  // srcWidth is W8 or W16; dstWidth W16 (movzx only), W32 or W64.
  void movzx_rr8(Width dstWidth, Gpr dst, Gpr src);
  void movzx_rm8(Width dstWidth, Gpr dst, const Mem& src);
  void movzx_rr16(Width dstWidth, Gpr dst, Gpr src);
  void movzx_rm16(Width dstWidth, Gpr dst, const Mem& src);
  void movsx_rr8(Width dstWidth, Gpr dst, Gpr src);
  void movsx_rm8(Width dstWidth, Gpr dst, const Mem& src);
  void movsx_rr16(Width dstWidth, Gpr dst, Gpr src);
  void movsx_rm16(Width dstWidth, Gpr dst, const Mem& src);
  void movsxd_rr(Gpr dst, Gpr src);  // movsxd r64, r32
  void movsxd_rm(Gpr dst, const Mem& src);
  void lea_rm(Width w, Gpr dst, const Mem& src);  // W32 or W64

  // ---- Integer ALU: ADD OR ADC SBB AND SUB XOR CMP (SDM "Immediate Group 1") ----
  // _ri picks the sign-extended imm8 form when the immediate fits, else imm32 (W64: sign-extended).
  // (NAME ends in '_' because "and", "or", "xor" are C++ alternative tokens and cannot be pasted.)
#define WASMC_X64_ALU(NAME, DIGIT)                                                                  \
  void NAME##rr(Width w, Gpr dst, Gpr src) { alu_rr(DIGIT, w, dst, src); }                          \
  void NAME##ri(Width w, Gpr dst, int32_t imm) { alu_ri(DIGIT, w, dst, imm); }                      \
  void NAME##rm(Width w, Gpr dst, const Mem& src) { alu_rm(DIGIT, w, dst, src); }                   \
  void NAME##mr(Width w, const Mem& dst, Gpr src) { alu_mr(DIGIT, w, dst, src); }                   \
  void NAME##mi(Width w, const Mem& dst, int32_t imm) { alu_mi(DIGIT, w, dst, imm); }
  WASMC_X64_ALU(add_, 0)
  WASMC_X64_ALU(or_, 1)
  WASMC_X64_ALU(adc_, 2)
  WASMC_X64_ALU(sbb_, 3)
  WASMC_X64_ALU(and_, 4)
  WASMC_X64_ALU(sub_, 5)
  WASMC_X64_ALU(xor_, 6)
  WASMC_X64_ALU(cmp_, 7)
#undef WASMC_X64_ALU

  void test_rr(Width w, Gpr a, Gpr b);
  void test_ri(Width w, Gpr a, int32_t imm);
  void test_mi(Width w, const Mem& a, int32_t imm);
  void imul_rr(Width w, Gpr dst, Gpr src);  // W16..W64: dst *= src
  void imul_rm(Width w, Gpr dst, const Mem& src);
  void imul_rri(Width w, Gpr dst, Gpr src, int32_t imm);  // imm8 form when it fits
  // One-operand group 3 (F6/F7): rdx:rax forms and negation.
  void mul_r(Width w, Gpr src);   // unsigned rdx:rax = rax * src
  void imul_r(Width w, Gpr src);  // signed rdx:rax = rax * src
  void div_r(Width w, Gpr src);
  void idiv_r(Width w, Gpr src);
  void div_m(Width w, const Mem& src);
  void idiv_m(Width w, const Mem& src);
  void neg_r(Width w, Gpr r);
  void not_r(Width w, Gpr r);
  void inc_r(Width w, Gpr r);
  void dec_r(Width w, Gpr r);
  void cdq();  // sign-extend eax into edx
  void cqo();  // sign-extend rax into rdx

  // Shifts and rotates (group 2): by cl and by imm8 (masked by the CPU to 5/6 bits).
  void rol_rc(Width w, Gpr r);
  void ror_rc(Width w, Gpr r);
  void shl_rc(Width w, Gpr r);
  void shr_rc(Width w, Gpr r);
  void sar_rc(Width w, Gpr r);
  void rol_ri(Width w, Gpr r, uint8_t imm);
  void ror_ri(Width w, Gpr r, uint8_t imm);
  void shl_ri(Width w, Gpr r, uint8_t imm);
  void shr_ri(Width w, Gpr r, uint8_t imm);
  void sar_ri(Width w, Gpr r, uint8_t imm);

  // Bit counting (W16..W64). lzcnt needs ABM/LZCNT, tzcnt BMI1, popcnt POPCNT.
  void lzcnt_rr(Width w, Gpr dst, Gpr src);
  void tzcnt_rr(Width w, Gpr dst, Gpr src);
  void popcnt_rr(Width w, Gpr dst, Gpr src);
  void bsr_rr(Width w, Gpr dst, Gpr src);
  void bsf_rr(Width w, Gpr dst, Gpr src);
  void lzcnt_rm(Width w, Gpr dst, const Mem& src);
  void tzcnt_rm(Width w, Gpr dst, const Mem& src);
  void popcnt_rm(Width w, Gpr dst, const Mem& src);
  void bswap_r(Width w, Gpr r);  // W32 or W64

  // BMI1/BMI2 (VEX-encoded GPR forms; W32 or W64). Flags are not changed by shlx/shrx/sarx/rorx.
  void andn_rrr(Width w, Gpr dst, Gpr src1, Gpr src2);   // dst = ~src1 & src2
  void shlx_rrr(Width w, Gpr dst, Gpr src, Gpr count);
  void shrx_rrr(Width w, Gpr dst, Gpr src, Gpr count);
  void sarx_rrr(Width w, Gpr dst, Gpr src, Gpr count);
  void rorx_rri(Width w, Gpr dst, Gpr src, uint8_t imm);
  // String moves for memory.copy/fill: rcx bytes from [rsi] to [rdi] / of al to [rdi] (DF clear).
  void rep_movsb();
  void rep_stosb();

  void setcc_r(Cond c, Gpr dst);  // dst8 = c
  void cmovcc_rr(Cond c, Width w, Gpr dst, Gpr src);
  void cmovcc_rm(Cond c, Width w, Gpr dst, const Mem& src);
  void xchg_rr(Width w, Gpr a, Gpr b);
  void push_r(Gpr r);
  void pop_r(Gpr r);
  void push_i(int32_t imm);  // imm8 form when it fits; pushes 8 bytes

  // ---- Control flow ----
  void call_label(Label l);
  void call_func(uint32_t funcIndex);    // rel32 + Reloc{Rel32, Function}
  void call_helper(uint32_t helperId);   // rel32 + Reloc{Rel32, Helper}
  void jmp_func(uint32_t funcIndex);     // tail call: jmp rel32 + Reloc{Rel32, Function}
  void call_r(Gpr target);
  void call_m(const Mem& target);
  void jmp_r(Gpr target);
  void jmp_m(const Mem& target);
  void jmp_label(Label l, JumpSize size = JumpSize::Auto);
  void jcc_label(Cond c, Label l, JumpSize size = JumpSize::Auto);
  void ret();
  void ud2();
  void int3();
  void mfence();
  // Emits exactly n bytes of recommended multi-byte NOPs (SDM NOP, Table 4-12).
  void nop(uint32_t n = 1);
  // Pads with NOPs to a multiple of `alignment` (a power of two).
  void align(uint32_t alignment);
  // 4 bytes holding labelOffset(l) - offset of these 4 bytes + addend (jump tables).
  void dd_labelRel(Label l, int32_t addend = 0);

  // ---- SSE/SSE2/SSSE3/SSE4.1 and their AVX (VEX.128) twins (table forms in forms.def) ----
  // AVX twins by shape: V3 three operands, V2 two operands, VX none (see forms.def).
#define WASMC_X64_VEX_V3(NAME, P, M, OP)                                                                \
  void v##NAME##_rrr(Xmm dst, Xmm src1, Xmm src2) {                                                     \
    vex_rr(vexPP(P), M, OP, false, false, enc(dst), enc(src1), enc(src2));                              \
  }                                                                                                     \
  void v##NAME##_rrm(Xmm dst, Xmm src1, const Mem& src2) {                                              \
    vex_rm(vexPP(P), M, OP, false, false, enc(dst), enc(src1), src2);                                   \
  }
#define WASMC_X64_VEX_V2(NAME, P, M, OP)                                                                \
  void v##NAME##_rr(Xmm dst, Xmm src) { vex_rr(vexPP(P), M, OP, false, false, enc(dst), 0, enc(src)); } \
  void v##NAME##_rm(Xmm dst, const Mem& src) { vex_rm(vexPP(P), M, OP, false, false, enc(dst), 0, src); }
#define WASMC_X64_VEX_VX(NAME, P, M, OP)
#define WASMC_X64_VEX_IMM_V3(NAME, P, M, OP)                                                            \
  void v##NAME##_rrri(Xmm dst, Xmm src1, Xmm src2, uint8_t imm) {                                       \
    vex_rr(vexPP(P), M, OP, false, false, enc(dst), enc(src1), enc(src2), imm, true);                   \
  }                                                                                                     \
  void v##NAME##_rrmi(Xmm dst, Xmm src1, const Mem& src2, uint8_t imm) {                                \
    vex_rm(vexPP(P), M, OP, false, false, enc(dst), enc(src1), src2, imm, true);                        \
  }
#define WASMC_X64_VEX_IMM_V2(NAME, P, M, OP)                                                            \
  void v##NAME##_rri(Xmm dst, Xmm src, uint8_t imm) {                                                   \
    vex_rr(vexPP(P), M, OP, false, false, enc(dst), 0, enc(src), imm, true);                            \
  }                                                                                                     \
  void v##NAME##_rmi(Xmm dst, const Mem& src, uint8_t imm) {                                            \
    vex_rm(vexPP(P), M, OP, false, false, enc(dst), 0, src, imm, true);                                 \
  }
#define WASMC_X64_VEX_IMM_VX(NAME, P, M, OP)
#define WASMC_X64_VEX_MOV_V2(NAME, P, M, LOAD, STORE)                                                   \
  WASMC_X64_VEX_V2(NAME, P, M, LOAD)                                                                    \
  void v##NAME##_mr(const Mem& dst, Xmm src) { vex_rm(vexPP(P), M, STORE, false, false, enc(src), 0, dst); }
#define WASMC_X64_VEX_MOV_VX(NAME, P, M, LOAD, STORE)

#define X64_SSE(NAME, P, M, OP, VEX)                                                                    \
  void NAME##_rr(Xmm dst, Xmm src) { sse_rr(P, M, OP, false, enc(dst), enc(src)); }                     \
  void NAME##_rm(Xmm dst, const Mem& src) { sse_rm(P, M, OP, false, enc(dst), src, 0, false); }         \
  WASMC_X64_VEX_##VEX(NAME, P, M, OP)
#define X64_SSE_IMM(NAME, P, M, OP, VEX)                                                                \
  void NAME##_rri(Xmm dst, Xmm src, uint8_t imm) { sse_rr(P, M, OP, false, enc(dst), enc(src), imm, true); } \
  void NAME##_rmi(Xmm dst, const Mem& src, uint8_t imm) { sse_rm(P, M, OP, false, enc(dst), src, imm, true); } \
  WASMC_X64_VEX_IMM_##VEX(NAME, P, M, OP)
#define X64_SSE_MOV(NAME, P, M, LOAD, STORE, VEX)                                                       \
  void NAME##_rr(Xmm dst, Xmm src) { sse_rr(P, M, LOAD, false, enc(dst), enc(src)); }                   \
  void NAME##_rm(Xmm dst, const Mem& src) { sse_rm(P, M, LOAD, false, enc(dst), src, 0, false); }       \
  void NAME##_mr(const Mem& dst, Xmm src) { sse_rm(P, M, STORE, false, enc(src), dst, 0, false); }      \
  WASMC_X64_VEX_MOV_##VEX(NAME, P, M, LOAD, STORE)
#define X64_SSE_SHIFT_IMM(NAME, OP, EXT)                                                                \
  void NAME##_ri(Xmm reg, uint8_t imm) { sse_rr(0x66, 1, OP, false, EXT, enc(reg), imm, true); }        \
  void v##NAME##_rri(Xmm dst, Xmm src, uint8_t imm) {                                                   \
    vex_rr(1, 1, OP, false, false, EXT, enc(dst), enc(src), imm, true);                                 \
  }
#define X64_AVX(NAME, PP, M, OP, W)                                                                 \
  void NAME##_rrr(Xmm dst, Xmm src1, Xmm src2) { vex_rr(PP, M, OP, W, false, enc(dst), enc(src1), enc(src2)); } \
  void NAME##_rrm(Xmm dst, Xmm src1, const Mem& src2) { vex_rm(PP, M, OP, W, false, enc(dst), enc(src1), src2, 0, false); }
#define X64_AVX_IMM(NAME, PP, M, OP, W)                                                             \
  void NAME##_rrri(Xmm dst, Xmm src1, Xmm src2, uint8_t imm) {                                      \
    vex_rr(PP, M, OP, W, false, enc(dst), enc(src1), enc(src2), imm, true);                         \
  }                                                                                                 \
  void NAME##_rrmi(Xmm dst, Xmm src1, const Mem& src2, uint8_t imm) {                               \
    vex_rm(PP, M, OP, W, false, enc(dst), enc(src1), src2, imm, true);                              \
  }
#define X64_AVX_BLENDV(NAME, OP)                                                                    \
  void NAME##_rrrr(Xmm dst, Xmm src1, Xmm src2, Xmm mask) {                                         \
    vex_rr(1, 3, OP, 0, false, enc(dst), enc(src1), enc(src2), static_cast<uint8_t>(enc(mask) << 4), true); \
  }
#include "codegen/x86_64/forms.def"
#undef X64_SSE
#undef X64_SSE_IMM
#undef X64_SSE_MOV
#undef X64_SSE_SHIFT_IMM
#undef X64_AVX
#undef X64_AVX_IMM
#undef X64_AVX_BLENDV
#undef WASMC_X64_VEX_V3
#undef WASMC_X64_VEX_V2
#undef WASMC_X64_VEX_VX
#undef WASMC_X64_VEX_IMM_V3
#undef WASMC_X64_VEX_IMM_V2
#undef WASMC_X64_VEX_IMM_VX
#undef WASMC_X64_VEX_MOV_V2
#undef WASMC_X64_VEX_MOV_VX

  // Irregular SSE forms (mixed register classes or rr-only).
  void movhlps_rr(Xmm dst, Xmm src);
  void movlhps_rr(Xmm dst, Xmm src);
  void movd_xr(Xmm dst, Gpr src);            // 66 0F 6E: movd xmm, r32
  void movq_xr(Xmm dst, Gpr src);            // 66 REX.W 0F 6E: movq xmm, r64
  void movd_rx(Gpr dst, Xmm src);            // 66 0F 7E: movd r32, xmm
  void movq_rx(Gpr dst, Xmm src);            // 66 REX.W 0F 7E: movq r64, xmm
  void movd_xm(Xmm dst, const Mem& src);     // zero-extending 32-bit load
  void movd_mx(const Mem& dst, Xmm src);
  void movq_xm(Xmm dst, const Mem& src);     // F3 0F 7E: zero-extending 64-bit load
  void movq_mx(const Mem& dst, Xmm src);     // 66 0F D6
  void movq_xx(Xmm dst, Xmm src);            // F3 0F 7E: low quadword, upper zeroed
  void cvtsi2ss_rr(Width srcWidth, Xmm dst, Gpr src);  // srcWidth W32 or W64
  void cvtsi2sd_rr(Width srcWidth, Xmm dst, Gpr src);
  void cvtsi2ss_rm(Width srcWidth, Xmm dst, const Mem& src);
  void cvtsi2sd_rm(Width srcWidth, Xmm dst, const Mem& src);
  void cvttss2si_rr(Width dstWidth, Gpr dst, Xmm src);
  void cvttsd2si_rr(Width dstWidth, Gpr dst, Xmm src);
  void movmskps_rr(Gpr dst, Xmm src);
  void movmskpd_rr(Gpr dst, Xmm src);
  void pmovmskb_rr(Gpr dst, Xmm src);
  void pextrb_rri(Gpr dst, Xmm src, uint8_t lane);  // SSE4.1
  void pextrw_rri(Gpr dst, Xmm src, uint8_t lane);
  void pextrd_rri(Gpr dst, Xmm src, uint8_t lane);  // SSE4.1
  void pextrq_rri(Gpr dst, Xmm src, uint8_t lane);  // SSE4.1
  void pextrb_mri(const Mem& dst, Xmm src, uint8_t lane);
  void pextrw_mri(const Mem& dst, Xmm src, uint8_t lane);  // SSE4.1 form 66 0F3A 15
  void pextrd_mri(const Mem& dst, Xmm src, uint8_t lane);
  void pextrq_mri(const Mem& dst, Xmm src, uint8_t lane);
  void extractps_rri(Gpr dst, Xmm src, uint8_t lane);
  void pinsrb_rri(Xmm dst, Gpr src, uint8_t lane);  // SSE4.1
  void pinsrw_rri(Xmm dst, Gpr src, uint8_t lane);
  void pinsrd_rri(Xmm dst, Gpr src, uint8_t lane);  // SSE4.1
  void pinsrq_rri(Xmm dst, Gpr src, uint8_t lane);  // SSE4.1
  void pinsrb_rmi(Xmm dst, const Mem& src, uint8_t lane);
  void pinsrw_rmi(Xmm dst, const Mem& src, uint8_t lane);
  void pinsrd_rmi(Xmm dst, const Mem& src, uint8_t lane);
  void pinsrq_rmi(Xmm dst, const Mem& src, uint8_t lane);

  // Irregular AVX forms.
  void vpbroadcastb_rr(Xmm dst, Xmm src);  // AVX2
  void vpbroadcastw_rr(Xmm dst, Xmm src);  // AVX2
  void vpbroadcastd_rr(Xmm dst, Xmm src);  // AVX2
  void vpbroadcastq_rr(Xmm dst, Xmm src);  // AVX2
  void vbroadcastss_rm(Xmm dst, const Mem& src);

 private:
  // Generic encoders (SDM Vol. 2, 2.1: [prefix] [REX] opcode ModRM [SIB] [disp] [imm]).
  // prefix: 0 or one mandatory/operand-size prefix byte; map: 0 one-byte, 1 0F, 2 0F38, 3 0F3A.
  // reg/rm are 4-bit register numbers (or /digit extensions in reg); byteRegs forces a REX prefix
  // when an 8-bit operand is spl/bpl/sil/dil. immSize 0, 1, 2, 4 (or 8 for op_o) bytes.
  // prefix: up to two bytes, low byte first (0xF366 = 66 F3). byteRegs: kByteReg / kByteRm bits.
  static constexpr unsigned kByteReg = 1, kByteRm = 2;
  void op_rr(uint16_t prefix, uint8_t map, uint8_t opcode, bool w, unsigned reg, unsigned rm, unsigned byteRegs,
             unsigned immSize = 0, int64_t imm = 0);
  void op_rm(uint16_t prefix, uint8_t map, uint8_t opcode, bool w, unsigned reg, const Mem& m, unsigned byteRegs,
             unsigned immSize = 0, int64_t imm = 0);
  // Opcode with the register in its low 3 bits (push, pop, bswap, mov r, imm).
  void op_o(uint16_t prefix, uint8_t map, uint8_t opcode, bool w, unsigned reg, bool byteReg, unsigned immSize = 0,
            uint64_t imm = 0);
  // VEX.128 (L = 0) forms: vvvv is a 4-bit register number (15 = unused, encoded 1111 inverted = 0).
  void vex_rr(uint8_t pp, uint8_t map, uint8_t opcode, bool w, bool l, unsigned reg, unsigned vvvv, unsigned rm,
              uint8_t imm = 0, bool hasImm = false);
  void vex_rm(uint8_t pp, uint8_t map, uint8_t opcode, bool w, bool l, unsigned reg, unsigned vvvv, const Mem& m,
              uint8_t imm = 0, bool hasImm = false);

  // VEX.pp for a legacy mandatory prefix (SDM 2.3.5.5): none, 66, F3, F2 -> 0, 1, 2, 3.
  static constexpr uint8_t vexPP(uint16_t prefix) {
    return prefix == 0x66 ? 1 : prefix == 0xF3 ? 2 : prefix == 0xF2 ? 3 : 0;
  }
  void sse_rr(uint16_t prefix, uint8_t map, uint8_t opcode, bool w, unsigned reg, unsigned rm, uint8_t imm = 0,
              bool hasImm = false) {
    op_rr(prefix, map, opcode, w, reg, rm, 0, hasImm ? 1 : 0, imm);
  }
  void sse_rm(uint16_t prefix, uint8_t map, uint8_t opcode, bool w, unsigned reg, const Mem& m, uint8_t imm,
              bool hasImm) {
    op_rm(prefix, map, opcode, w, reg, m, 0, hasImm ? 1 : 0, imm);
  }

  void alu_rr(unsigned digit, Width w, Gpr dst, Gpr src);
  void alu_ri(unsigned digit, Width w, Gpr dst, int32_t imm);
  void alu_rm(unsigned digit, Width w, Gpr dst, const Mem& src);
  void alu_mr(unsigned digit, Width w, const Mem& dst, Gpr src);
  void alu_mi(unsigned digit, Width w, const Mem& dst, int32_t imm);
  void group3_r(unsigned digit, Width w, Gpr r);
  void group3_m(unsigned digit, Width w, const Mem& m);
  void shift_rc(unsigned digit, Width w, Gpr r);
  void shift_ri(unsigned digit, Width w, Gpr r, uint8_t imm);
  void ext_rr(uint8_t map, uint8_t opcode, Width dstWidth, Gpr dst, Gpr src, bool srcIsByte);
  void ext_rm(uint8_t map, uint8_t opcode, Width dstWidth, Gpr dst, const Mem& src);
  void f3_rr(uint8_t opcode, Width w, Gpr dst, Gpr src);  // F3 0F op (lzcnt/tzcnt/popcnt)
  void f3_rm(uint8_t opcode, Width w, Gpr dst, const Mem& src);
  void rel32_reloc(uint8_t opcode, RelocTarget target, uint32_t index);

  CodeBuffer& buf_;
};

}  // namespace wasmc::codegen::x64
