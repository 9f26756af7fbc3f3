// compiler/codegen/x86_64/isel_simd.cpp — v128 operators on SSE4.1 (+ pcmpgtq from SSE4.2): results are
// computed in the scratch registers xmm0/xmm14/xmm15 from copies of the operands (so an operand's own
// register is never clobbered), then written to the destination. Sequences without a direct SSE form
// (unsigned compares, i8 shifts, i64 mul/abs, float min/max with Wasm NaN/±0 rules, saturating and
// unsigned conversions, popcnt, shuffles) follow the well-known V8/Cranelift lowerings.
#include <cstring>

#include "codegen/x86_64/isel.h"

namespace wasmc::codegen::x64 {

using wasm::Opcode;

namespace {
struct V16 {
  uint64_t w[2];
};
V16 splat8(uint8_t b) { V16 v; std::memset(v.w, b, 16); return v; }
V16 splat16(uint16_t x) { V16 v; for (int i = 0; i < 8; ++i) std::memcpy(reinterpret_cast<uint8_t*>(v.w) + 2 * i, &x, 2); return v; }
V16 splat32(uint32_t x) { V16 v; for (int i = 0; i < 4; ++i) std::memcpy(reinterpret_cast<uint8_t*>(v.w) + 4 * i, &x, 4); return v; }
V16 splat64(uint64_t x) { V16 v; v.w[0] = v.w[1] = x; return v; }
}  // namespace

Status Isel::selectSimd(const Inst& in, Opcode op) {
  const ValType V = ValType::V128;
  const Xmm X0 = kXTmp0, X1 = kXTmp1, X2 = kXTmp2;  // xmm0, xmm14, xmm15
  auto K = [&](const V16& v) { return a_.const128(v.w); };
  auto A = [&]() { moveToXmm(X0, in.a, V); };
  auto Breg = [&]() { return loadXmm(in.b, V, X1); };  // read-only
  auto done = [&]() { defXmm(in.dst, V, X0); };
  auto doneGpr = [&](Gpr r, ValType t) { defGpr(in.dst, t, r); };
  // dst = a OP b.
  auto binary = [&](void (Assembler::*rr)(Xmm, Xmm)) {
    Xmm b = Breg();
    A();
    (a_.*rr)(X0, b);
    done();
  };
  // AVX: three-operand VEX forms write the destination directly (no copy of a first).
  auto binary3 = [&](void (Assembler::*rr)(Xmm, Xmm), void (Assembler::*rrr)(Xmm, Xmm, Xmm), bool swapped) {
    if (!opts_.avx) {
      if (swapped) {
        Xmm a = loadXmm(in.a, V, X1);
        moveToXmm(X0, in.b, V);
        (a_.*rr)(X0, a);
        done();
      } else {  // compute in the destination register unless b lives there
        Xmm d = dstXmm(in.dst, V, X0);
        if (inXmm(in.b, V, d) && !inXmm(in.a, V, d)) d = X0;
        Xmm b = Breg();
        moveToXmm(d, in.a, V);
        (a_.*rr)(d, b);
        defXmm(in.dst, V, d);
      }
      return;
    }
    Xmm a = loadXmm(in.a, V, X0);
    Xmm b = loadXmm(in.b, V, X1);
    Xmm d = dstXmm(in.dst, V, X0);
    if (swapped) (a_.*rrr)(d, b, a);
    else (a_.*rrr)(d, a, b);
    defXmm(in.dst, V, d);
  };
  // dst = b OP a (operands swapped).
  auto binarySwapped = [&](void (Assembler::*rr)(Xmm, Xmm)) {
    Xmm a = loadXmm(in.a, V, X1);
    moveToXmm(X0, in.b, V);
    (a_.*rr)(X0, a);
    done();
  };
  auto notX0 = [&]() {
    a_.pcmpeqd_rr(X2, X2);
    a_.pxor_rr(X0, X2);
  };
  // Unsigned a >= b: max(a, b) == a; a <= b: min(a, b) == a.
  auto unsignedCmp = [&](void (Assembler::*minmax)(Xmm, Xmm), void (Assembler::*eq)(Xmm, Xmm), bool negate) {
    Xmm b = Breg();
    A();
    a_.movaps_rr(X2, X0);
    (a_.*minmax)(X0, b);
    (a_.*eq)(X0, X2);
    if (negate) notX0();
    done();
  };
  auto unary = [&](void (Assembler::*rr)(Xmm, Xmm)) {
    Xmm a = loadXmm(in.a, V, X1);
    (a_.*rr)(X0, a);
    done();
  };
  auto neg = [&](void (Assembler::*sub)(Xmm, Xmm)) {
    Xmm a = loadXmm(in.a, V, X1);
    a_.pxor_rr(X0, X0);
    (a_.*sub)(X0, a);
    done();
  };
  auto fmask = [&](uint64_t m, bool isXor) {
    A();
    if (isXor) a_.xorps_rm(X0, K(splat64(m)));
    else a_.andps_rm(X0, K(splat64(m)));
    done();
  };
  auto fcmp = [&](bool is64, uint8_t pred, bool swap) {
    if (swap) {
      Xmm a = loadXmm(in.a, V, X1);
      moveToXmm(X0, in.b, V);
      if (is64) a_.cmppd_rri(X0, a, pred);
      else a_.cmpps_rri(X0, a, pred);
    } else {
      Xmm b = Breg();
      A();
      if (is64) a_.cmppd_rri(X0, b, pred);
      else a_.cmpps_rri(X0, b, pred);
    }
    done();
  };
  auto allTrue = [&](void (Assembler::*eq)(Xmm, Xmm)) {
    Xmm a = loadXmm(in.a, V, X1);
    a_.pxor_rr(X2, X2);
    (a_.*eq)(X2, a);
    a_.ptest_rr(X2, X2);
    Gpr d = dstGpr(in.dst, kTmp0);
    a_.setcc_r(Cond::E, d);
    a_.movzx_rr8(Width::W32, d, d);
    doneGpr(d, ValType::I32);
  };
  // Shift by a scalar count (masked to the lane width), count moved into X2.
  auto shiftCount = [&](unsigned mask, unsigned add) {
    moveToGpr(kTmp1, in.b, ValType::I32);
    a_.and_ri(Width::W32, kTmp1, int32_t(mask));
    if (add) a_.add_ri(Width::W32, kTmp1, int32_t(add));
    a_.movd_xr(X2, kTmp1);
  };
  auto shift = [&](void (Assembler::*sh)(Xmm, Xmm), unsigned mask) {
    shiftCount(mask, 0);
    A();
    (a_.*sh)(X0, X2);
    done();
  };
  auto extendHigh = [&](void (Assembler::*ext)(Xmm, Xmm)) {
    Xmm a = loadXmm(in.a, V, X1);
    a_.pshufd_rri(X0, a, 0xEE);
    (a_.*ext)(X0, X0);
    done();
  };
  auto extmul = [&](void (Assembler::*ext)(Xmm, Xmm), bool high, void (Assembler::*mul)(Xmm, Xmm)) {
    Xmm a = loadXmm(in.a, V, X1);
    if (high) {
      a_.pshufd_rri(X0, a, 0xEE);
      (a_.*ext)(X0, X0);
    } else {
      (a_.*ext)(X0, a);
    }
    Xmm b = loadXmm(in.b, V, X1);
    if (high) {
      a_.pshufd_rri(X2, b, 0xEE);
      (a_.*ext)(X2, X2);
    } else {
      (a_.*ext)(X2, b);
    }
    (a_.*mul)(X0, X2);
    done();
  };
  auto extmul64 = [&](bool high, bool isSigned) {
    uint8_t sel = high ? 0xFA : 0x50;
    Xmm a = loadXmm(in.a, V, X1);
    a_.pshufd_rri(X0, a, sel);
    Xmm b = loadXmm(in.b, V, X1);
    a_.pshufd_rri(X2, b, sel);
    if (isSigned) a_.pmuldq_rr(X0, X2);
    else a_.pmuludq_rr(X0, X2);
    done();
  };
  auto fround = [&](bool is64, uint8_t mode) {
    Xmm a = loadXmm(in.a, V, X1);
    if (is64) a_.roundpd_rri(X0, a, mode);
    else a_.roundps_rri(X0, a, mode);
    done();
  };
  auto fminmax = [&](bool is64, bool isMin) {
    moveToXmm(X1, in.b, V);
    A();
    a_.movaps_rr(X2, X0);
    if (isMin) {
      if (is64) { a_.minpd_rr(X2, X1); a_.minpd_rr(X1, X0); } else { a_.minps_rr(X2, X1); a_.minps_rr(X1, X0); }
      a_.orps_rr(X2, X1);
      if (is64) a_.cmppd_rri(X1, X2, 3); else a_.cmpps_rri(X1, X2, 3);
      a_.orps_rr(X2, X1);
    } else {
      if (is64) { a_.maxpd_rr(X2, X1); a_.maxpd_rr(X1, X0); } else { a_.maxps_rr(X2, X1); a_.maxps_rr(X1, X0); }
      a_.xorps_rr(X1, X2);
      a_.orps_rr(X2, X1);
      if (is64) a_.subpd_rr(X2, X1); else a_.subps_rr(X2, X1);
      if (is64) a_.cmppd_rri(X1, X2, 3); else a_.cmpps_rri(X1, X2, 3);
    }
    if (is64) a_.psrlq_ri(X1, 13);
    else a_.psrld_ri(X1, 10);
    a_.andnps_rr(X1, X2);
    defXmm(in.dst, V, X1);
  };
  auto pminmax = [&](bool is64, bool isMin) {  // pmin(a, b) = b < a ? b : a = minps(b, a)
    Xmm a = loadXmm(in.a, V, X1);
    moveToXmm(X0, in.b, V);
    if (isMin) { if (is64) a_.minpd_rr(X0, a); else a_.minps_rr(X0, a); }
    else { if (is64) a_.maxpd_rr(X0, a); else a_.maxps_rr(X0, a); }
    done();
  };
  const uint8_t lane = uint8_t(in.imm2);

  switch (op) {
    case Opcode::V128And: binary3(&Assembler::pand_rr, &Assembler::vpand_rrr, false); return {};
    case Opcode::V128Or: binary3(&Assembler::por_rr, &Assembler::vpor_rrr, false); return {};
    case Opcode::V128Xor: binary3(&Assembler::pxor_rr, &Assembler::vpxor_rrr, false); return {};
    case Opcode::V128AndNot: binary3(&Assembler::pandn_rr, &Assembler::vpandn_rrr, true); return {};  // ~b & a
    case Opcode::V128Not: A(); notX0(); done(); return {};
    case Opcode::V128Bitselect: {
      Xmm c = loadXmm(in.c, V, X1);
      moveToXmm(X2, in.b, V);
      A();
      a_.pxor_rr(X0, X2);
      a_.pand_rr(X0, c);
      a_.pxor_rr(X0, X2);
      done();
      return {};
    }
    case Opcode::V128AnyTrue: {
      Xmm s = loadXmm(in.a, V, X0);
      a_.ptest_rr(s, s);
      Gpr d = dstGpr(in.dst, kTmp0);
      a_.setcc_r(Cond::NE, d);
      a_.movzx_rr8(Width::W32, d, d);
      doneGpr(d, ValType::I32);
      return {};
    }
    case Opcode::I8x16AllTrue: allTrue(&Assembler::pcmpeqb_rr); return {};
    case Opcode::I16x8AllTrue: allTrue(&Assembler::pcmpeqw_rr); return {};
    case Opcode::I32x4AllTrue: allTrue(&Assembler::pcmpeqd_rr); return {};
    case Opcode::I64x2AllTrue: allTrue(&Assembler::pcmpeqq_rr); return {};
    case Opcode::I8x16Bitmask: case Opcode::I16x8Bitmask: case Opcode::I32x4Bitmask: case Opcode::I64x2Bitmask: {
      Xmm a = loadXmm(in.a, V, X0);
      Gpr d = dstGpr(in.dst, kTmp0);
      if (op == Opcode::I8x16Bitmask) {
        a_.pmovmskb_rr(d, a);
      } else if (op == Opcode::I16x8Bitmask) {
        a_.movaps_rr(X2, a);
        a_.packsswb_rr(X2, X2);
        a_.pmovmskb_rr(d, X2);
        a_.and_ri(Width::W32, d, 0xFF);
      } else if (op == Opcode::I32x4Bitmask) {
        a_.movmskps_rr(d, a);
      } else {
        a_.movmskpd_rr(d, a);
      }
      doneGpr(d, ValType::I32);
      return {};
    }
    // Integer arithmetic.
    case Opcode::I8x16Add: binary3(&Assembler::paddb_rr, &Assembler::vpaddb_rrr, false); return {};
    case Opcode::I16x8Add: binary3(&Assembler::paddw_rr, &Assembler::vpaddw_rrr, false); return {};
    case Opcode::I32x4Add: binary3(&Assembler::paddd_rr, &Assembler::vpaddd_rrr, false); return {};
    case Opcode::I64x2Add: binary3(&Assembler::paddq_rr, &Assembler::vpaddq_rrr, false); return {};
    case Opcode::I8x16Sub: binary3(&Assembler::psubb_rr, &Assembler::vpsubb_rrr, false); return {};
    case Opcode::I16x8Sub: binary3(&Assembler::psubw_rr, &Assembler::vpsubw_rrr, false); return {};
    case Opcode::I32x4Sub: binary3(&Assembler::psubd_rr, &Assembler::vpsubd_rrr, false); return {};
    case Opcode::I64x2Sub: binary3(&Assembler::psubq_rr, &Assembler::vpsubq_rrr, false); return {};
    case Opcode::I16x8Mul: binary3(&Assembler::pmullw_rr, &Assembler::vpmullw_rrr, false); return {};
    case Opcode::I32x4Mul: binary3(&Assembler::pmulld_rr, &Assembler::vpmulld_rrr, false); return {};
    case Opcode::I64x2Mul:
      moveToXmm(X1, in.b, V);
      a_.movaps_rr(X2, X1);
      a_.psrlq_ri(X2, 32);
      A();
      a_.pmuludq_rr(X2, X0);  // b_hi * a_lo
      a_.psrlq_ri(X0, 32);
      a_.pmuludq_rr(X0, X1);  // a_hi * b_lo
      a_.paddq_rr(X2, X0);
      a_.psllq_ri(X2, 32);
      A();
      a_.pmuludq_rr(X0, X1);  // a_lo * b_lo
      a_.paddq_rr(X0, X2);
      done();
      return {};
    case Opcode::I8x16AddSatS: binary3(&Assembler::paddsb_rr, &Assembler::vpaddsb_rrr, false); return {};
    case Opcode::I8x16AddSatU: binary3(&Assembler::paddusb_rr, &Assembler::vpaddusb_rrr, false); return {};
    case Opcode::I16x8AddSatS: binary3(&Assembler::paddsw_rr, &Assembler::vpaddsw_rrr, false); return {};
    case Opcode::I16x8AddSatU: binary3(&Assembler::paddusw_rr, &Assembler::vpaddusw_rrr, false); return {};
    case Opcode::I8x16SubSatS: binary3(&Assembler::psubsb_rr, &Assembler::vpsubsb_rrr, false); return {};
    case Opcode::I8x16SubSatU: binary3(&Assembler::psubusb_rr, &Assembler::vpsubusb_rrr, false); return {};
    case Opcode::I16x8SubSatS: binary3(&Assembler::psubsw_rr, &Assembler::vpsubsw_rrr, false); return {};
    case Opcode::I16x8SubSatU: binary3(&Assembler::psubusw_rr, &Assembler::vpsubusw_rrr, false); return {};
    case Opcode::I8x16MinS: binary3(&Assembler::pminsb_rr, &Assembler::vpminsb_rrr, false); return {};
    case Opcode::I8x16MinU: binary3(&Assembler::pminub_rr, &Assembler::vpminub_rrr, false); return {};
    case Opcode::I8x16MaxS: binary3(&Assembler::pmaxsb_rr, &Assembler::vpmaxsb_rrr, false); return {};
    case Opcode::I8x16MaxU: binary3(&Assembler::pmaxub_rr, &Assembler::vpmaxub_rrr, false); return {};
    case Opcode::I16x8MinS: binary3(&Assembler::pminsw_rr, &Assembler::vpminsw_rrr, false); return {};
    case Opcode::I16x8MinU: binary3(&Assembler::pminuw_rr, &Assembler::vpminuw_rrr, false); return {};
    case Opcode::I16x8MaxS: binary3(&Assembler::pmaxsw_rr, &Assembler::vpmaxsw_rrr, false); return {};
    case Opcode::I16x8MaxU: binary3(&Assembler::pmaxuw_rr, &Assembler::vpmaxuw_rrr, false); return {};
    case Opcode::I32x4MinS: binary3(&Assembler::pminsd_rr, &Assembler::vpminsd_rrr, false); return {};
    case Opcode::I32x4MinU: binary3(&Assembler::pminud_rr, &Assembler::vpminud_rrr, false); return {};
    case Opcode::I32x4MaxS: binary3(&Assembler::pmaxsd_rr, &Assembler::vpmaxsd_rrr, false); return {};
    case Opcode::I32x4MaxU: binary3(&Assembler::pmaxud_rr, &Assembler::vpmaxud_rrr, false); return {};
    case Opcode::I8x16AvgrU: binary3(&Assembler::pavgb_rr, &Assembler::vpavgb_rrr, false); return {};
    case Opcode::I16x8AvgrU: binary3(&Assembler::pavgw_rr, &Assembler::vpavgw_rrr, false); return {};
    case Opcode::I32x4DotI16x8S: binary3(&Assembler::pmaddwd_rr, &Assembler::vpmaddwd_rrr, false); return {};
    case Opcode::I16x8Q15mulrSatS:
      binary(&Assembler::pmulhrsw_rr);
      a_.movdqa_rm(X2, K(splat16(0x8000)));
      a_.pcmpeqw_rr(X2, X0);
      a_.pxor_rr(X0, X2);
      done();
      return {};
    case Opcode::I8x16Neg: neg(&Assembler::psubb_rr); return {};
    case Opcode::I16x8Neg: neg(&Assembler::psubw_rr); return {};
    case Opcode::I32x4Neg: neg(&Assembler::psubd_rr); return {};
    case Opcode::I64x2Neg: neg(&Assembler::psubq_rr); return {};
    case Opcode::I8x16Abs: unary(&Assembler::pabsb_rr); return {};
    case Opcode::I16x8Abs: unary(&Assembler::pabsw_rr); return {};
    case Opcode::I32x4Abs: unary(&Assembler::pabsd_rr); return {};
    case Opcode::I64x2Abs:
      A();
      a_.pxor_rr(X2, X2);
      a_.pcmpgtq_rr(X2, X0);  // all ones where a < 0
      a_.pxor_rr(X0, X2);
      a_.psubq_rr(X0, X2);
      done();
      return {};
    case Opcode::I8x16Popcnt:
      A();
      a_.movaps_rr(X2, X0);
      a_.psrlw_ri(X2, 4);
      a_.pand_rm(X2, K(splat8(0x0F)));
      a_.pand_rm(X0, K(splat8(0x0F)));
      {
        V16 lut;
        const uint8_t counts[16] = {0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4};
        std::memcpy(lut.w, counts, 16);
        a_.movdqa_rm(X1, K(lut));
        a_.pshufb_rr(X1, X0);
        a_.movdqa_rm(X0, K(lut));
        a_.pshufb_rr(X0, X2);
      }
      a_.paddb_rr(X0, X1);
      done();
      return {};
    case Opcode::I16x8ExtaddPairwiseI8x16S:
      moveToXmm(X1, in.a, V);
      a_.movdqa_rm(X0, K(splat8(1)));
      a_.pmaddubsw_rr(X0, X1);
      done();
      return {};
    case Opcode::I16x8ExtaddPairwiseI8x16U:
      A();
      a_.pmaddubsw_rm(X0, K(splat8(1)));
      done();
      return {};
    case Opcode::I32x4ExtaddPairwiseI16x8S:
      A();
      a_.pmaddwd_rm(X0, K(splat16(1)));
      done();
      return {};
    case Opcode::I32x4ExtaddPairwiseI16x8U:
      A();
      a_.pxor_rm(X0, K(splat16(0x8000)));
      a_.pmaddwd_rm(X0, K(splat16(1)));
      a_.paddd_rm(X0, K(splat32(0x00010000)));
      done();
      return {};
    // Shifts.
    case Opcode::I16x8Shl: shift(&Assembler::psllw_rr, 15); return {};
    case Opcode::I16x8ShrS: shift(&Assembler::psraw_rr, 15); return {};
    case Opcode::I16x8ShrU: shift(&Assembler::psrlw_rr, 15); return {};
    case Opcode::I32x4Shl: shift(&Assembler::pslld_rr, 31); return {};
    case Opcode::I32x4ShrS: shift(&Assembler::psrad_rr, 31); return {};
    case Opcode::I32x4ShrU: shift(&Assembler::psrld_rr, 31); return {};
    case Opcode::I64x2Shl: shift(&Assembler::psllq_rr, 63); return {};
    case Opcode::I64x2ShrU: shift(&Assembler::psrlq_rr, 63); return {};
    case Opcode::I64x2ShrS: {
      // Arithmetic: ((a >>u n) ^ m) - m with m = 0x8000... >>u n.
      shiftCount(63, 0);
      A();
      a_.psrlq_rr(X0, X2);
      a_.movdqa_rm(X1, K(splat64(0x8000000000000000ull)));
      a_.psrlq_rr(X1, X2);
      a_.pxor_rr(X0, X1);
      a_.psubq_rr(X0, X1);
      done();
      return {};
    }
    case Opcode::I8x16Shl: case Opcode::I8x16ShrU: {
      const bool left = op == Opcode::I8x16Shl;
      shiftCount(7, 0);
      A();
      if (left) a_.psllw_rr(X0, X2);
      else a_.psrlw_rr(X0, X2);
      // Mask the bits shifted in from the neighbouring byte: splat8(0xFF << n or 0xFF >> n).
      a_.mov_ri(Width::W32, kTmp0, 0xFF);
      if (left) a_.shl_rc(Width::W32, kTmp0);
      else a_.shr_rc(Width::W32, kTmp0);
      a_.movd_xr(X1, kTmp0);
      a_.pxor_rr(X2, X2);
      a_.pshufb_rr(X1, X2);
      a_.pand_rr(X0, X1);
      done();
      return {};
    }
    case Opcode::I8x16ShrS: {
      shiftCount(7, 8);
      Xmm a = loadXmm(in.a, V, X1);
      a_.movaps_rr(X0, a);
      a_.punpckhbw_rr(X0, a);
      a_.psraw_rr(X0, X2);
      a_.movaps_rr(X1, a);  // a's register or X1 itself: fine either way
      a_.punpcklbw_rr(X1, a);
      a_.psraw_rr(X1, X2);
      a_.packsswb_rr(X1, X0);
      defXmm(in.dst, V, X1);
      return {};
    }
    // Compares.
    case Opcode::I8x16Eq: binary3(&Assembler::pcmpeqb_rr, &Assembler::vpcmpeqb_rrr, false); return {};
    case Opcode::I16x8Eq: binary3(&Assembler::pcmpeqw_rr, &Assembler::vpcmpeqw_rrr, false); return {};
    case Opcode::I32x4Eq: binary3(&Assembler::pcmpeqd_rr, &Assembler::vpcmpeqd_rrr, false); return {};
    case Opcode::I64x2Eq: binary3(&Assembler::pcmpeqq_rr, &Assembler::vpcmpeqq_rrr, false); return {};
    case Opcode::I8x16Ne: binary(&Assembler::pcmpeqb_rr); notX0(); done(); return {};
    case Opcode::I16x8Ne: binary(&Assembler::pcmpeqw_rr); notX0(); done(); return {};
    case Opcode::I32x4Ne: binary(&Assembler::pcmpeqd_rr); notX0(); done(); return {};
    case Opcode::I64x2Ne: binary(&Assembler::pcmpeqq_rr); notX0(); done(); return {};
    case Opcode::I8x16GtS: binary3(&Assembler::pcmpgtb_rr, &Assembler::vpcmpgtb_rrr, false); return {};
    case Opcode::I16x8GtS: binary3(&Assembler::pcmpgtw_rr, &Assembler::vpcmpgtw_rrr, false); return {};
    case Opcode::I32x4GtS: binary3(&Assembler::pcmpgtd_rr, &Assembler::vpcmpgtd_rrr, false); return {};
    case Opcode::I64x2GtS: binary3(&Assembler::pcmpgtq_rr, &Assembler::vpcmpgtq_rrr, false); return {};
    case Opcode::I8x16LtS: binary3(&Assembler::pcmpgtb_rr, &Assembler::vpcmpgtb_rrr, true); return {};
    case Opcode::I16x8LtS: binary3(&Assembler::pcmpgtw_rr, &Assembler::vpcmpgtw_rrr, true); return {};
    case Opcode::I32x4LtS: binary3(&Assembler::pcmpgtd_rr, &Assembler::vpcmpgtd_rrr, true); return {};
    case Opcode::I64x2LtS: binary3(&Assembler::pcmpgtq_rr, &Assembler::vpcmpgtq_rrr, true); return {};
    case Opcode::I8x16LeS: binary(&Assembler::pcmpgtb_rr); notX0(); done(); return {};
    case Opcode::I16x8LeS: binary(&Assembler::pcmpgtw_rr); notX0(); done(); return {};
    case Opcode::I32x4LeS: binary(&Assembler::pcmpgtd_rr); notX0(); done(); return {};
    case Opcode::I64x2LeS: binary(&Assembler::pcmpgtq_rr); notX0(); done(); return {};
    case Opcode::I8x16GeS: binarySwapped(&Assembler::pcmpgtb_rr); notX0(); done(); return {};
    case Opcode::I16x8GeS: binarySwapped(&Assembler::pcmpgtw_rr); notX0(); done(); return {};
    case Opcode::I32x4GeS: binarySwapped(&Assembler::pcmpgtd_rr); notX0(); done(); return {};
    case Opcode::I64x2GeS: binarySwapped(&Assembler::pcmpgtq_rr); notX0(); done(); return {};
    case Opcode::I8x16GeU: unsignedCmp(&Assembler::pmaxub_rr, &Assembler::pcmpeqb_rr, false); return {};
    case Opcode::I8x16LtU: unsignedCmp(&Assembler::pmaxub_rr, &Assembler::pcmpeqb_rr, true); return {};
    case Opcode::I8x16LeU: unsignedCmp(&Assembler::pminub_rr, &Assembler::pcmpeqb_rr, false); return {};
    case Opcode::I8x16GtU: unsignedCmp(&Assembler::pminub_rr, &Assembler::pcmpeqb_rr, true); return {};
    case Opcode::I16x8GeU: unsignedCmp(&Assembler::pmaxuw_rr, &Assembler::pcmpeqw_rr, false); return {};
    case Opcode::I16x8LtU: unsignedCmp(&Assembler::pmaxuw_rr, &Assembler::pcmpeqw_rr, true); return {};
    case Opcode::I16x8LeU: unsignedCmp(&Assembler::pminuw_rr, &Assembler::pcmpeqw_rr, false); return {};
    case Opcode::I16x8GtU: unsignedCmp(&Assembler::pminuw_rr, &Assembler::pcmpeqw_rr, true); return {};
    case Opcode::I32x4GeU: unsignedCmp(&Assembler::pmaxud_rr, &Assembler::pcmpeqd_rr, false); return {};
    case Opcode::I32x4LtU: unsignedCmp(&Assembler::pmaxud_rr, &Assembler::pcmpeqd_rr, true); return {};
    case Opcode::I32x4LeU: unsignedCmp(&Assembler::pminud_rr, &Assembler::pcmpeqd_rr, false); return {};
    case Opcode::I32x4GtU: unsignedCmp(&Assembler::pminud_rr, &Assembler::pcmpeqd_rr, true); return {};
    case Opcode::F32x4Eq: fcmp(false, 0, false); return {};
    case Opcode::F32x4Ne: fcmp(false, 4, false); return {};
    case Opcode::F32x4Lt: fcmp(false, 1, false); return {};
    case Opcode::F32x4Le: fcmp(false, 2, false); return {};
    case Opcode::F32x4Gt: fcmp(false, 1, true); return {};
    case Opcode::F32x4Ge: fcmp(false, 2, true); return {};
    case Opcode::F64x2Eq: fcmp(true, 0, false); return {};
    case Opcode::F64x2Ne: fcmp(true, 4, false); return {};
    case Opcode::F64x2Lt: fcmp(true, 1, false); return {};
    case Opcode::F64x2Le: fcmp(true, 2, false); return {};
    case Opcode::F64x2Gt: fcmp(true, 1, true); return {};
    case Opcode::F64x2Ge: fcmp(true, 2, true); return {};
    // Float arithmetic.
    case Opcode::F32x4Add: binary3(&Assembler::addps_rr, &Assembler::vaddps_rrr, false); return {};
    case Opcode::F64x2Add: binary3(&Assembler::addpd_rr, &Assembler::vaddpd_rrr, false); return {};
    case Opcode::F32x4Sub: binary3(&Assembler::subps_rr, &Assembler::vsubps_rrr, false); return {};
    case Opcode::F64x2Sub: binary3(&Assembler::subpd_rr, &Assembler::vsubpd_rrr, false); return {};
    case Opcode::F32x4Mul: binary3(&Assembler::mulps_rr, &Assembler::vmulps_rrr, false); return {};
    case Opcode::F64x2Mul: binary3(&Assembler::mulpd_rr, &Assembler::vmulpd_rrr, false); return {};
    case Opcode::F32x4Div: binary3(&Assembler::divps_rr, &Assembler::vdivps_rrr, false); return {};
    case Opcode::F64x2Div: binary3(&Assembler::divpd_rr, &Assembler::vdivpd_rrr, false); return {};
    case Opcode::F32x4Sqrt: unary(&Assembler::sqrtps_rr); return {};
    case Opcode::F64x2Sqrt: unary(&Assembler::sqrtpd_rr); return {};
    case Opcode::F32x4Abs: fmask(0x7fffffff7fffffffull, false); return {};
    case Opcode::F64x2Abs: fmask(0x7fffffffffffffffull, false); return {};
    case Opcode::F32x4Neg: fmask(0x8000000080000000ull, true); return {};
    case Opcode::F64x2Neg: fmask(0x8000000000000000ull, true); return {};
    case Opcode::F32x4Min: fminmax(false, true); return {};
    case Opcode::F32x4Max: fminmax(false, false); return {};
    case Opcode::F64x2Min: fminmax(true, true); return {};
    case Opcode::F64x2Max: fminmax(true, false); return {};
    case Opcode::F32x4Pmin: pminmax(false, true); return {};
    case Opcode::F32x4Pmax: pminmax(false, false); return {};
    case Opcode::F64x2Pmin: pminmax(true, true); return {};
    case Opcode::F64x2Pmax: pminmax(true, false); return {};
    case Opcode::F32x4Ceil: fround(false, 2 | 8); return {};
    case Opcode::F32x4Floor: fround(false, 1 | 8); return {};
    case Opcode::F32x4Trunc: fround(false, 3 | 8); return {};
    case Opcode::F32x4Nearest: fround(false, 0 | 8); return {};
    case Opcode::F64x2Ceil: fround(true, 2 | 8); return {};
    case Opcode::F64x2Floor: fround(true, 1 | 8); return {};
    case Opcode::F64x2Trunc: fround(true, 3 | 8); return {};
    case Opcode::F64x2Nearest: fround(true, 0 | 8); return {};
    // Conversions.
    case Opcode::F32x4ConvertI32x4S: unary(&Assembler::cvtdq2ps_rr); return {};
    case Opcode::F32x4ConvertI32x4U:
      moveToXmm(X0, in.a, V);
      a_.pxor_rr(X2, X2);
      a_.pblendw_rri(X2, X0, 0x55);  // low 16 bits of each lane
      a_.psubd_rr(X0, X2);           // high 16 bits
      a_.cvtdq2ps_rr(X2, X2);
      a_.psrld_ri(X0, 1);
      a_.cvtdq2ps_rr(X0, X0);
      a_.addps_rr(X0, X0);
      a_.addps_rr(X0, X2);
      done();
      return {};
    case Opcode::I32x4TruncSatF32x4S:
      A();
      a_.movaps_rr(X2, X0);
      a_.cmpps_rri(X2, X2, 0);
      a_.andps_rr(X0, X2);
      a_.pxor_rr(X2, X0);
      a_.cvttps2dq_rr(X0, X0);
      a_.pand_rr(X2, X0);
      a_.psrad_ri(X2, 31);
      a_.pxor_rr(X0, X2);
      done();
      return {};
    case Opcode::I32x4TruncSatF32x4U:
      A();
      a_.xorps_rr(X1, X1);
      a_.maxps_rr(X0, X1);
      a_.movaps_rm(X2, K(splat32(0x4f000000)));
      a_.movaps_rr(X1, X0);
      a_.subps_rr(X1, X2);
      a_.cmpps_rri(X2, X1, 2);
      a_.cvttps2dq_rr(X1, X1);
      a_.pxor_rr(X1, X2);
      a_.pxor_rr(X2, X2);
      a_.pmaxsd_rr(X1, X2);
      a_.cvttps2dq_rr(X0, X0);
      a_.paddd_rr(X0, X1);
      done();
      return {};
    case Opcode::F64x2ConvertLowI32x4S: unary(&Assembler::cvtdq2pd_rr); return {};
    case Opcode::F64x2ConvertLowI32x4U:
      A();
      a_.unpcklps_rm(X0, K(splat32(0x43300000)));
      a_.subpd_rm(X0, K(splat64(0x4330000000000000ull)));
      done();
      return {};
    case Opcode::I32x4TruncSatF64x2SZero:
      A();
      a_.movaps_rr(X2, X0);
      a_.cmppd_rri(X2, X2, 0);
      a_.andpd_rm(X2, K(splat64(0x41dfffffffc00000ull)));  // 2147483647.0
      a_.minpd_rr(X0, X2);
      a_.cvttpd2dq_rr(X0, X0);
      done();
      return {};
    case Opcode::I32x4TruncSatF64x2UZero:
      A();
      a_.xorpd_rr(X2, X2);
      a_.maxpd_rr(X0, X2);
      a_.minpd_rm(X0, K(splat64(0x41efffffffe00000ull)));  // 4294967295.0
      a_.roundpd_rri(X0, X0, 3);
      a_.addpd_rm(X0, K(splat64(0x4330000000000000ull)));
      a_.shufps_rri(X0, X2, 0x88);
      done();
      return {};
    case Opcode::F32x4DemoteF64x2Zero: unary(&Assembler::cvtpd2ps_rr); return {};
    case Opcode::F64x2PromoteLowF32x4: unary(&Assembler::cvtps2pd_rr); return {};
    case Opcode::I8x16NarrowI16x8S: binary3(&Assembler::packsswb_rr, &Assembler::vpacksswb_rrr, false); return {};
    case Opcode::I8x16NarrowI16x8U: binary3(&Assembler::packuswb_rr, &Assembler::vpackuswb_rrr, false); return {};
    case Opcode::I16x8NarrowI32x4S: binary3(&Assembler::packssdw_rr, &Assembler::vpackssdw_rrr, false); return {};
    case Opcode::I16x8NarrowI32x4U: binary3(&Assembler::packusdw_rr, &Assembler::vpackusdw_rrr, false); return {};
    case Opcode::I16x8ExtendLowI8x16S: unary(&Assembler::pmovsxbw_rr); return {};
    case Opcode::I16x8ExtendLowI8x16U: unary(&Assembler::pmovzxbw_rr); return {};
    case Opcode::I32x4ExtendLowI16x8S: unary(&Assembler::pmovsxwd_rr); return {};
    case Opcode::I32x4ExtendLowI16x8U: unary(&Assembler::pmovzxwd_rr); return {};
    case Opcode::I64x2ExtendLowI32x4S: unary(&Assembler::pmovsxdq_rr); return {};
    case Opcode::I64x2ExtendLowI32x4U: unary(&Assembler::pmovzxdq_rr); return {};
    case Opcode::I16x8ExtendHighI8x16S: extendHigh(&Assembler::pmovsxbw_rr); return {};
    case Opcode::I16x8ExtendHighI8x16U: extendHigh(&Assembler::pmovzxbw_rr); return {};
    case Opcode::I32x4ExtendHighI16x8S: extendHigh(&Assembler::pmovsxwd_rr); return {};
    case Opcode::I32x4ExtendHighI16x8U: extendHigh(&Assembler::pmovzxwd_rr); return {};
    case Opcode::I64x2ExtendHighI32x4S: extendHigh(&Assembler::pmovsxdq_rr); return {};
    case Opcode::I64x2ExtendHighI32x4U: extendHigh(&Assembler::pmovzxdq_rr); return {};
    case Opcode::I16x8ExtmulLowI8x16S: extmul(&Assembler::pmovsxbw_rr, false, &Assembler::pmullw_rr); return {};
    case Opcode::I16x8ExtmulHighI8x16S: extmul(&Assembler::pmovsxbw_rr, true, &Assembler::pmullw_rr); return {};
    case Opcode::I16x8ExtmulLowI8x16U: extmul(&Assembler::pmovzxbw_rr, false, &Assembler::pmullw_rr); return {};
    case Opcode::I16x8ExtmulHighI8x16U: extmul(&Assembler::pmovzxbw_rr, true, &Assembler::pmullw_rr); return {};
    case Opcode::I32x4ExtmulLowI16x8S: extmul(&Assembler::pmovsxwd_rr, false, &Assembler::pmulld_rr); return {};
    case Opcode::I32x4ExtmulHighI16x8S: extmul(&Assembler::pmovsxwd_rr, true, &Assembler::pmulld_rr); return {};
    case Opcode::I32x4ExtmulLowI16x8U: extmul(&Assembler::pmovzxwd_rr, false, &Assembler::pmulld_rr); return {};
    case Opcode::I32x4ExtmulHighI16x8U: extmul(&Assembler::pmovzxwd_rr, true, &Assembler::pmulld_rr); return {};
    case Opcode::I64x2ExtmulLowI32x4S: extmul64(false, true); return {};
    case Opcode::I64x2ExtmulHighI32x4S: extmul64(true, true); return {};
    case Opcode::I64x2ExtmulLowI32x4U: extmul64(false, false); return {};
    case Opcode::I64x2ExtmulHighI32x4U: extmul64(true, false); return {};
    // Splats and lanes.
    case Opcode::I8x16Splat: {
      Gpr s = loadGpr(in.a, ValType::I32, kTmp0);
      a_.movd_xr(X0, s);
      a_.pxor_rr(X2, X2);
      a_.pshufb_rr(X0, X2);
      done();
      return {};
    }
    case Opcode::I16x8Splat: {
      Gpr s = loadGpr(in.a, ValType::I32, kTmp0);
      a_.movd_xr(X0, s);
      a_.pshuflw_rri(X0, X0, 0);
      a_.pshufd_rri(X0, X0, 0);
      done();
      return {};
    }
    case Opcode::I32x4Splat: {
      Gpr s = loadGpr(in.a, ValType::I32, kTmp0);
      a_.movd_xr(X0, s);
      a_.pshufd_rri(X0, X0, 0);
      done();
      return {};
    }
    case Opcode::I64x2Splat: {
      Gpr s = loadGpr(in.a, ValType::I64, kTmp0);
      a_.movq_xr(X0, s);
      a_.pshufd_rri(X0, X0, 0x44);
      done();
      return {};
    }
    case Opcode::F32x4Splat:
      moveToXmm(X0, in.a, ValType::F32);
      a_.shufps_rri(X0, X0, 0);
      done();
      return {};
    case Opcode::F64x2Splat:
      moveToXmm(X0, in.a, ValType::F64);
      a_.pshufd_rri(X0, X0, 0x44);
      done();
      return {};
    case Opcode::I8x16ExtractLaneS: case Opcode::I8x16ExtractLaneU: case Opcode::I16x8ExtractLaneS:
    case Opcode::I16x8ExtractLaneU: case Opcode::I32x4ExtractLane: case Opcode::I64x2ExtractLane: {
      Xmm s = loadXmm(in.a, V, X0);
      Gpr d = dstGpr(in.dst, kTmp0);
      ValType t = ValType::I32;
      switch (op) {
        case Opcode::I8x16ExtractLaneS: a_.pextrb_rri(d, s, lane & 15); a_.movsx_rr8(Width::W32, d, d); break;
        case Opcode::I8x16ExtractLaneU: a_.pextrb_rri(d, s, lane & 15); break;
        case Opcode::I16x8ExtractLaneS: a_.pextrw_rri(d, s, lane & 7); a_.movsx_rr16(Width::W32, d, d); break;
        case Opcode::I16x8ExtractLaneU: a_.pextrw_rri(d, s, lane & 7); break;
        case Opcode::I32x4ExtractLane: a_.pextrd_rri(d, s, lane & 3); break;
        default: a_.pextrq_rri(d, s, lane & 1); t = ValType::I64; break;
      }
      doneGpr(d, t);
      return {};
    }
    case Opcode::F32x4ExtractLane: {
      Xmm s = loadXmm(in.a, V, X1);
      a_.pshufd_rri(X0, s, lane & 3);
      defXmm(in.dst, ValType::F32, X0);
      return {};
    }
    case Opcode::F64x2ExtractLane: {
      Xmm s = loadXmm(in.a, V, X1);
      a_.pshufd_rri(X0, s, (lane & 1) ? 0xEE : 0x44);
      defXmm(in.dst, ValType::F64, X0);
      return {};
    }
    case Opcode::I8x16ReplaceLane: case Opcode::I16x8ReplaceLane: case Opcode::I32x4ReplaceLane:
    case Opcode::I64x2ReplaceLane: {
      Gpr s = loadGpr(in.b, op == Opcode::I64x2ReplaceLane ? ValType::I64 : ValType::I32, kTmp0);
      A();
      switch (op) {
        case Opcode::I8x16ReplaceLane: a_.pinsrb_rri(X0, s, lane & 15); break;
        case Opcode::I16x8ReplaceLane: a_.pinsrw_rri(X0, s, lane & 7); break;
        case Opcode::I32x4ReplaceLane: a_.pinsrd_rri(X0, s, lane & 3); break;
        default: a_.pinsrq_rri(X0, s, lane & 1); break;
      }
      done();
      return {};
    }
    case Opcode::F32x4ReplaceLane: {
      Xmm s = loadXmm(in.b, ValType::F32, X1);
      A();
      a_.insertps_rri(X0, s, uint8_t((lane & 3) << 4));
      done();
      return {};
    }
    case Opcode::F64x2ReplaceLane: {
      Xmm s = loadXmm(in.b, ValType::F64, X1);
      A();
      if (lane & 1) a_.unpcklpd_rr(X0, s);
      else a_.movsd_rr(X0, s);
      done();
      return {};
    }
    case Opcode::I8x16Swizzle: {
      moveToXmm(X2, in.b, V);
      a_.paddusb_rm(X2, K(splat8(0x70)));
      A();
      a_.pshufb_rr(X0, X2);
      done();
      return {};
    }
    case Opcode::I8x16Shuffle: {
      if (!in.c.isConst()) return unsupported(in, "shuffle lanes are not a constant");
      const ir::Const& c = constOf(in.c);
      uint8_t lanes[16], ma[16], mb[16];
      std::memcpy(lanes, c.bits, 16);
      for (int i = 0; i < 16; ++i) {
        ma[i] = lanes[i] < 16 ? lanes[i] : 0x80;
        mb[i] = lanes[i] >= 16 ? uint8_t(lanes[i] - 16) : 0x80;
      }
      V16 va, vb;
      std::memcpy(va.w, ma, 16);
      std::memcpy(vb.w, mb, 16);
      moveToXmm(X2, in.b, V);
      a_.pshufb_rm(X2, K(vb));
      A();
      a_.pshufb_rm(X0, K(va));
      a_.por_rr(X0, X2);
      done();
      return {};
    }
    default: return unsupported(in, "SIMD operator not selected yet");
  }
}

}  // namespace wasmc::codegen::x64
