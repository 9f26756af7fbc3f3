// compiler/codegen/x86_64/isel_simd.cpp — v128 operators on SSE4.1 (the baseline): bitwise ops, integer
// and float lane arithmetic, compares, splats, lane access, shuffles. Operators not handled here make the
// function fail to compile (the runtime runs it in the interpreter).
#include "codegen/x86_64/isel.h"

namespace wasmc::codegen::x64 {

using wasm::Opcode;

Status Isel::selectSimd(const Inst& in, Opcode op) {
  const ValType V = ValType::V128;
  // dst = a OP b with a two-operand SSE form; commutative ops swap to avoid a copy.
  auto binary = [&](void (Assembler::*rr)(Xmm, Xmm), bool commutative) {
    Operand x = in.a, y = in.b;
    Xmm d = dstXmm(in.dst, V, kXTmp0);
    if (inXmm(y, V, d) && !inXmm(x, V, d)) {
      if (commutative) std::swap(x, y);
      else d = kXTmp0;
    }
    Xmm yr = loadXmm(y, V, kXTmp1);
    moveToXmm(d, x, V);
    (a_.*rr)(d, yr);
    defXmm(in.dst, V, d);
  };
  auto unaryInto = [&](auto emit) {  // d = f(a) where f may read a only before writing d
    Xmm s = loadXmm(in.a, V, kXTmp1);
    Xmm d = dstXmm(in.dst, V, kXTmp0);
    if (d == s) {
      a_.movaps_rr(kXTmp1, s);
      s = kXTmp1;
    }
    emit(d, s);
    defXmm(in.dst, V, d);
  };
  switch (op) {
    case Opcode::V128And: binary(&Assembler::pand_rr, true); return {};
    case Opcode::V128Or: binary(&Assembler::por_rr, true); return {};
    case Opcode::V128Xor: binary(&Assembler::pxor_rr, true); return {};
    case Opcode::V128AndNot: {  // a & ~b = pandn(b, a)
      Xmm d = kXTmp0;
      moveToXmm(d, in.b, V);
      Xmm ar = loadXmm(in.a, V, kXTmp1);
      a_.pandn_rr(d, ar);
      defXmm(in.dst, V, d);
      return {};
    }
    case Opcode::V128Not:
      unaryInto([&](Xmm d, Xmm s) {
        a_.pcmpeqd_rr(d, d);
        a_.pxor_rr(d, s);
      });
      return {};
    case Opcode::I8x16Add: binary(&Assembler::paddb_rr, true); return {};
    case Opcode::I16x8Add: binary(&Assembler::paddw_rr, true); return {};
    case Opcode::I32x4Add: binary(&Assembler::paddd_rr, true); return {};
    case Opcode::I64x2Add: binary(&Assembler::paddq_rr, true); return {};
    case Opcode::I8x16Sub: binary(&Assembler::psubb_rr, false); return {};
    case Opcode::I16x8Sub: binary(&Assembler::psubw_rr, false); return {};
    case Opcode::I32x4Sub: binary(&Assembler::psubd_rr, false); return {};
    case Opcode::I64x2Sub: binary(&Assembler::psubq_rr, false); return {};
    case Opcode::I16x8Mul: binary(&Assembler::pmullw_rr, true); return {};
    case Opcode::I32x4Mul: binary(&Assembler::pmulld_rr, true); return {};
    case Opcode::I8x16AddSatS: binary(&Assembler::paddsb_rr, true); return {};
    case Opcode::I8x16AddSatU: binary(&Assembler::paddusb_rr, true); return {};
    case Opcode::I16x8AddSatS: binary(&Assembler::paddsw_rr, true); return {};
    case Opcode::I16x8AddSatU: binary(&Assembler::paddusw_rr, true); return {};
    case Opcode::I8x16SubSatS: binary(&Assembler::psubsb_rr, false); return {};
    case Opcode::I8x16SubSatU: binary(&Assembler::psubusb_rr, false); return {};
    case Opcode::I16x8SubSatS: binary(&Assembler::psubsw_rr, false); return {};
    case Opcode::I16x8SubSatU: binary(&Assembler::psubusw_rr, false); return {};
    case Opcode::I8x16MinS: binary(&Assembler::pminsb_rr, true); return {};
    case Opcode::I8x16MinU: binary(&Assembler::pminub_rr, true); return {};
    case Opcode::I8x16MaxS: binary(&Assembler::pmaxsb_rr, true); return {};
    case Opcode::I8x16MaxU: binary(&Assembler::pmaxub_rr, true); return {};
    case Opcode::I16x8MinS: binary(&Assembler::pminsw_rr, true); return {};
    case Opcode::I16x8MinU: binary(&Assembler::pminuw_rr, true); return {};
    case Opcode::I16x8MaxS: binary(&Assembler::pmaxsw_rr, true); return {};
    case Opcode::I16x8MaxU: binary(&Assembler::pmaxuw_rr, true); return {};
    case Opcode::I32x4MinS: binary(&Assembler::pminsd_rr, true); return {};
    case Opcode::I32x4MinU: binary(&Assembler::pminud_rr, true); return {};
    case Opcode::I32x4MaxS: binary(&Assembler::pmaxsd_rr, true); return {};
    case Opcode::I32x4MaxU: binary(&Assembler::pmaxud_rr, true); return {};
    case Opcode::I8x16AvgrU: binary(&Assembler::pavgb_rr, true); return {};
    case Opcode::I16x8AvgrU: binary(&Assembler::pavgw_rr, true); return {};
    case Opcode::I8x16Eq: binary(&Assembler::pcmpeqb_rr, true); return {};
    case Opcode::I16x8Eq: binary(&Assembler::pcmpeqw_rr, true); return {};
    case Opcode::I32x4Eq: binary(&Assembler::pcmpeqd_rr, true); return {};
    case Opcode::I64x2Eq: binary(&Assembler::pcmpeqq_rr, true); return {};
    case Opcode::I8x16GtS: binary(&Assembler::pcmpgtb_rr, false); return {};
    case Opcode::I16x8GtS: binary(&Assembler::pcmpgtw_rr, false); return {};
    case Opcode::I32x4GtS: binary(&Assembler::pcmpgtd_rr, false); return {};
    case Opcode::I64x2GtS: binary(&Assembler::pcmpgtq_rr, false); return {};
    case Opcode::F32x4Add: binary(&Assembler::addps_rr, true); return {};
    case Opcode::F64x2Add: binary(&Assembler::addpd_rr, true); return {};
    case Opcode::F32x4Sub: binary(&Assembler::subps_rr, false); return {};
    case Opcode::F64x2Sub: binary(&Assembler::subpd_rr, false); return {};
    case Opcode::F32x4Mul: binary(&Assembler::mulps_rr, true); return {};
    case Opcode::F64x2Mul: binary(&Assembler::mulpd_rr, true); return {};
    case Opcode::F32x4Div: binary(&Assembler::divps_rr, false); return {};
    case Opcode::F64x2Div: binary(&Assembler::divpd_rr, false); return {};
    case Opcode::F32x4Sqrt: unaryInto([&](Xmm d, Xmm s) { a_.sqrtps_rr(d, s); }); return {};
    case Opcode::F64x2Sqrt: unaryInto([&](Xmm d, Xmm s) { a_.sqrtpd_rr(d, s); }); return {};
    case Opcode::I8x16Abs: unaryInto([&](Xmm d, Xmm s) { a_.pabsb_rr(d, s); }); return {};
    case Opcode::I16x8Abs: unaryInto([&](Xmm d, Xmm s) { a_.pabsw_rr(d, s); }); return {};
    case Opcode::I32x4Abs: unaryInto([&](Xmm d, Xmm s) { a_.pabsd_rr(d, s); }); return {};
    case Opcode::I32x4Splat: {
      Gpr s = loadGpr(in.a, ValType::I32, kTmp0);
      Xmm d = dstXmm(in.dst, V, kXTmp0);
      a_.movd_xr(d, s);
      a_.pshufd_rri(d, d, 0);
      defXmm(in.dst, V, d);
      return {};
    }
    case Opcode::I64x2Splat: {
      Gpr s = loadGpr(in.a, ValType::I64, kTmp0);
      Xmm d = dstXmm(in.dst, V, kXTmp0);
      a_.movq_xr(d, s);
      a_.pshufd_rri(d, d, 0x44);
      defXmm(in.dst, V, d);
      return {};
    }
    case Opcode::I32x4ExtractLane: {
      Xmm s = loadXmm(in.a, V, kXTmp0);
      Gpr d = dstGpr(in.dst, kTmp0);
      a_.pextrd_rri(d, s, uint8_t(in.imm2 & 3));
      defGpr(in.dst, ValType::I32, d);
      return {};
    }
    case Opcode::I64x2ExtractLane: {
      Xmm s = loadXmm(in.a, V, kXTmp0);
      Gpr d = dstGpr(in.dst, kTmp0);
      a_.pextrq_rri(d, s, uint8_t(in.imm2 & 1));
      defGpr(in.dst, ValType::I64, d);
      return {};
    }
    case Opcode::V128AnyTrue: {
      Xmm s = loadXmm(in.a, V, kXTmp0);
      a_.ptest_rr(s, s);
      Gpr d = dstGpr(in.dst, kTmp0);
      a_.setcc_r(Cond::NE, d);
      a_.movzx_rr8(Width::W32, d, d);
      defGpr(in.dst, ValType::I32, d);
      return {};
    }
    default: return unsupported(in, "SIMD operator not selected yet");
  }
}

}  // namespace wasmc::codegen::x64
