// compiler/codegen/x86_64/isel_float.cpp — f32/f64 operators and int<->float conversions with Wasm's
// exact semantics: min/max handle NaN (→ NaN) and ±0 (min → -0, max → +0) by branching on ucomis;
// abs/neg/copysign are bit operations with constant masks; ceil/floor/trunc/nearest use SSE4.1 round;
// trapping truncations check NaN (InvalidConversion) and range (IntOverflow) against exact bounds;
// saturating ones clamp; unsigned conversions handle the upper half explicitly.
#include <cstring>

#include "codegen/x86_64/isel.h"

namespace wasmc::codegen::x64 {

using wasm::Opcode;

#define SSE_OP(NAME, D, S)                  \
  do {                                      \
    if ((S).isReg) a_.NAME##_rr((D), (S).r); \
    else a_.NAME##_rm((D), (S).m);           \
  } while (0)
#define SSE_SD(NAME, IS64, D, S)    \
  do {                              \
    if (IS64) SSE_OP(NAME##sd, D, S); \
    else SSE_OP(NAME##ss, D, S);      \
  } while (0)

#define AVX_OP(NAME, D, X, S)                       \
  do {                                              \
    if ((S).isReg) a_.NAME##_rrr((D), (X), (S).r);   \
    else a_.NAME##_rrm((D), (X), (S).m);             \
  } while (0)
#define AVX_SD(NAME, IS64, D, X, S)         \
  do {                                      \
    if (IS64) AVX_OP(v##NAME##sd, D, X, S);  \
    else AVX_OP(v##NAME##ss, D, X, S);       \
  } while (0)

namespace {
uint64_t f64bits(double v) { uint64_t b; std::memcpy(&b, &v, 8); return b; }
uint32_t f32bits(float v) { uint32_t b; std::memcpy(&b, &v, 4); return b; }
}  // namespace

Status Isel::selectFloat(const Inst& in, Opcode op) {
  const wasm::SigInfo& sig = wasm::sigInfo(wasm::opcodeInfo(op).sig);
  const ValType pt = sig.params[0];
  const bool pd = pt == ValType::F64;  // first operand is f64
  const ValType t = in.type;
  const bool rd = t == ValType::F64;   // result is f64

  // Constant of the operand's float type, as a memory operand.
  auto fconst = [&](double v, bool is64) { return is64 ? a_.const64(f64bits(v)) : a_.const32(f32bits(float(v))); };
  auto ucomis = [&](bool is64, Xmm x, const Mem& m) {
    if (is64) a_.ucomisd_rm(x, m);
    else a_.ucomiss_rm(x, m);
  };
  auto ucomisR = [&](bool is64, Xmm x, Xmm y) {
    if (is64) a_.ucomisd_rr(x, y);
    else a_.ucomiss_rr(x, y);
  };

  auto binary = [&](auto emit, auto emitAvx, bool commutative) {
    Operand x = in.a, y = in.b;
    if (opts_.avx) {  // d = x OP y in one VEX instruction: no copy, no aliasing hazard
      Xmm xr = loadXmm(x, t, kXTmp0);
      XSrc s = xsrc(y, t, kXTmp1);
      Xmm d = dstXmm(in.dst, t, kXTmp0);
      emitAvx(d, xr, s);
      defXmm(in.dst, t, d);
      return;
    }
    Xmm d = dstXmm(in.dst, t, kXTmp0);
    if (inXmm(y, t, d) && !inXmm(x, t, d)) {
      if (commutative) std::swap(x, y);
      else d = kXTmp0;
    }
    moveToXmm(d, x, t);
    XSrc s = xsrc(y, t, kXTmp1);
    emit(d, s);
    defXmm(in.dst, t, d);
  };
  auto maskOp = [&](bool isXor) {
    Xmm d = dstXmm(in.dst, t, kXTmp0);
    moveToXmm(d, in.a, t);
    uint64_t m[2];
    if (rd) m[0] = isXor ? 0x8000000000000000ull : 0x7fffffffffffffffull;
    else m[0] = isXor ? 0x8000000080000000ull : 0x7fffffff7fffffffull;
    m[1] = m[0];
    Mem mm = a_.const128(m);
    if (isXor) a_.xorps_rm(d, mm);
    else a_.andps_rm(d, mm);
    defXmm(in.dst, t, d);
  };
  auto round = [&](uint8_t mode) {
    Xmm d = dstXmm(in.dst, t, kXTmp0);
    XSrc s = xsrc(in.a, t, kXTmp1);
    if (s.isReg) {
      if (rd) a_.roundsd_rri(d, s.r, mode);
      else a_.roundss_rri(d, s.r, mode);
    } else {
      if (rd) a_.roundsd_rmi(d, s.m, mode);
      else a_.roundss_rmi(d, s.m, mode);
    }
    defXmm(in.dst, t, d);
  };
  auto minmax = [&](bool isMin) {
    Operand x = in.a, y = in.b;
    Xmm d = dstXmm(in.dst, t, kXTmp0);
    if (inXmm(y, t, d) && !inXmm(x, t, d)) std::swap(x, y);  // symmetric in Wasm (up to NaN payloads)
    Xmm yr = loadXmm(y, t, kXTmp1);
    moveToXmm(d, x, t);
    Label nan = a_.newLabel(), ne = a_.newLabel(), done = a_.newLabel();
    ucomisR(rd, d, yr);
    a_.jcc_label(Cond::P, nan);
    a_.jcc_label(Cond::NE, ne);
    if (isMin) a_.orps_rr(d, yr);   // equal: -0 wins for min
    else a_.andps_rr(d, yr);        // +0 wins for max
    a_.jmp_label(done);
    bindLabel(nan);
    if (rd) a_.addsd_rr(d, yr);     // a quiet NaN
    else a_.addss_rr(d, yr);
    a_.jmp_label(done);
    bindLabel(ne);
    if (isMin) {
      if (rd) a_.minsd_rr(d, yr);
      else a_.minss_rr(d, yr);
    } else {
      if (rd) a_.maxsd_rr(d, yr);
      else a_.maxss_rr(d, yr);
    }
    bindLabel(done);
    defXmm(in.dst, t, d);
  };
  auto compare = [&](Cond c, bool swap) {
    // eq: ZF && !PF; ne: !ZF || PF; others via "above" conditions (false when unordered).
    Operand x = swap ? in.b : in.a, y = swap ? in.a : in.b;
    Xmm xr = loadXmm(x, pt, kXTmp0);
    XSrc s = xsrc(y, pt, kXTmp1);
    if (pd) SSE_OP(ucomisd, xr, s);
    else SSE_OP(ucomiss, xr, s);
    Gpr d = dstGpr(in.dst, kTmp0);
    if (c == Cond::E) {
      a_.setcc_r(Cond::E, kTmp0);
      a_.setcc_r(Cond::NP, kTmp1);
      a_.and_rr(Width::W32, kTmp0, kTmp1);
      a_.movzx_rr8(Width::W32, d, kTmp0);
    } else if (c == Cond::NE) {
      a_.setcc_r(Cond::NE, kTmp0);
      a_.setcc_r(Cond::P, kTmp1);
      a_.or_rr(Width::W32, kTmp0, kTmp1);
      a_.movzx_rr8(Width::W32, d, kTmp0);
    } else {
      a_.setcc_r(c, d);
      a_.movzx_rr8(Width::W32, d, d);
    }
    defGpr(in.dst, ValType::I32, d);
  };
  // Float → int. Result in rax (W32 or W64).
  auto truncate = [&](bool isSigned, bool to64, bool saturating) {
    Xmm x = loadXmm(in.a, pt, kXTmp0);
    const Width w = to64 ? Width::W64 : Width::W32;
    auto cvtt = [&](Width cw, Gpr d, Xmm s) {
      if (pd) a_.cvttsd2si_rr(cw, d, s);
      else a_.cvttss2si_rr(cw, d, s);
    };
    Label done = a_.newLabel();
    Label invalid = saturating ? a_.newLabel() : trapStub(TrapCode::InvalidConversion, in.wasmOffset);
    Label overflow = saturating ? a_.newLabel() : trapStub(TrapCode::IntOverflow, in.wasmOffset);
    if (isSigned) {
      cvtt(w, kTmp0, x);
      a_.cmp_ri(w, kTmp0, 1);
      a_.jcc_label(Cond::NO, done);  // result != INT_MIN: in range
      ucomisR(pd, x, x);
      a_.jcc_label(Cond::P, invalid);
      if (!saturating) {
        // INT_MIN is exact only for x in (lowBound, 2^(N-1)).
        double low = to64 ? -9223372036854775808.0 : (pd ? -2147483649.0 : -2147483648.0);
        ucomis(pd, x, fconst(low, pd));
        if (to64 || !pd) a_.jcc_label(Cond::B, overflow);   // x < -2^(N-1)
        else a_.jcc_label(Cond::BE, overflow);               // x <= -2^31 - 1
        ucomis(pd, x, fconst(to64 ? 9223372036854775808.0 : 2147483648.0, pd));
        a_.jcc_label(Cond::AE, overflow);
        a_.jmp_label(done);
      } else {
        a_.xorps_rr(kXTmp1, kXTmp1);
        ucomisR(pd, x, kXTmp1);
        a_.jcc_label(Cond::B, done);  // negative overflow: INT_MIN already
        if (to64) a_.mov_ri(Width::W64, kTmp0, INT64_MAX);
        else a_.mov_ri(Width::W32, kTmp0, INT32_MAX);
        a_.jmp_label(done);
        bindLabel(invalid);
        a_.xor_rr(Width::W32, kTmp0, kTmp0);
        a_.jmp_label(done);
        bindLabel(overflow);  // unused for signed saturating
      }
    } else {
      Label zero = saturating ? a_.newLabel() : Label{};
      ucomisR(pd, x, x);
      a_.jcc_label(Cond::P, saturating ? zero : invalid);
      if (saturating) {
        a_.xorps_rr(kXTmp1, kXTmp1);
        ucomisR(pd, x, kXTmp1);
        a_.jcc_label(Cond::BE, zero);
      } else {
        ucomis(pd, x, fconst(-1.0, pd));
        a_.jcc_label(Cond::BE, overflow);
      }
      ucomis(pd, x, fconst(to64 ? 18446744073709551616.0 : 4294967296.0, pd));
      a_.jcc_label(Cond::AE, overflow);
      if (!to64) {
        cvtt(Width::W64, kTmp0, x);
        a_.mov_rr(Width::W32, kTmp0, kTmp0);
      } else {
        Label big = a_.newLabel();
        ucomis(pd, x, fconst(9223372036854775808.0, pd));
        a_.jcc_label(Cond::AE, big);
        cvtt(Width::W64, kTmp0, x);
        a_.jmp_label(done);
        bindLabel(big);
        a_.movaps_rr(kXTmp1, x);
        if (pd) a_.subsd_rm(kXTmp1, fconst(9223372036854775808.0, true));
        else a_.subss_rm(kXTmp1, fconst(9223372036854775808.0, false));
        cvtt(Width::W64, kTmp0, kXTmp1);
        a_.mov_ri(Width::W64, kTmp3, int64_t(0x8000000000000000ull));
        a_.xor_rr(Width::W64, kTmp0, kTmp3);
      }
      if (saturating) {
        a_.jmp_label(done);
        bindLabel(zero);
        a_.xor_rr(Width::W32, kTmp0, kTmp0);
        a_.jmp_label(done);
        bindLabel(overflow);
        if (to64) a_.mov_ri(Width::W64, kTmp0, -1);
        else a_.mov_ri(Width::W32, kTmp0, 0xFFFFFFFFll);
      }
    }
    bindLabel(done);
    defGpr(in.dst, t, kTmp0);
  };
  // int → float.
  auto convert = [&](bool isSigned, bool from64) {
    Xmm d = dstXmm(in.dst, t, kXTmp0);
    auto cvt = [&](Width sw, Xmm dd, Gpr s) {
      if (rd) a_.cvtsi2sd_rr(sw, dd, s);
      else a_.cvtsi2ss_rr(sw, dd, s);
    };
    a_.xorps_rr(d, d);  // break the dependency on d's old value
    if (!from64) {
      Gpr s = loadGpr(in.a, ValType::I32, kTmp0);
      if (isSigned) {
        cvt(Width::W32, d, s);
      } else {
        a_.mov_rr(Width::W32, kTmp0, s);
        cvt(Width::W64, d, kTmp0);
      }
    } else if (isSigned) {
      cvt(Width::W64, d, loadGpr(in.a, ValType::I64, kTmp0));
    } else {
      moveToGpr(kTmp0, in.a, ValType::I64);
      Label big = a_.newLabel(), done = a_.newLabel();
      a_.test_rr(Width::W64, kTmp0, kTmp0);
      a_.jcc_label(Cond::S, big);
      cvt(Width::W64, d, kTmp0);
      a_.jmp_label(done);
      bindLabel(big);  // halve with the lost bit kept sticky, convert, double
      a_.mov_rr(Width::W64, kTmp1, kTmp0);
      a_.shr_ri(Width::W64, kTmp1, 1);
      a_.and_ri(Width::W32, kTmp0, 1);
      a_.or_rr(Width::W64, kTmp1, kTmp0);
      cvt(Width::W64, d, kTmp1);
      if (rd) a_.addsd_rr(d, d);
      else a_.addss_rr(d, d);
      bindLabel(done);
    }
    defXmm(in.dst, t, d);
  };

  switch (op) {
    case Opcode::F32Add: case Opcode::F64Add:
      binary([&](Xmm d, const XSrc& s) { SSE_SD(add, rd, d, s); },
             [&](Xmm d, Xmm x, const XSrc& s) { AVX_SD(add, rd, d, x, s); }, true);
      return {};
    case Opcode::F32Sub: case Opcode::F64Sub:
      binary([&](Xmm d, const XSrc& s) { SSE_SD(sub, rd, d, s); },
             [&](Xmm d, Xmm x, const XSrc& s) { AVX_SD(sub, rd, d, x, s); }, false);
      return {};
    case Opcode::F32Mul: case Opcode::F64Mul:
      binary([&](Xmm d, const XSrc& s) { SSE_SD(mul, rd, d, s); },
             [&](Xmm d, Xmm x, const XSrc& s) { AVX_SD(mul, rd, d, x, s); }, true);
      return {};
    case Opcode::F32Div: case Opcode::F64Div:
      binary([&](Xmm d, const XSrc& s) { SSE_SD(div, rd, d, s); },
             [&](Xmm d, Xmm x, const XSrc& s) { AVX_SD(div, rd, d, x, s); }, false);
      return {};
    case Opcode::F32Min: case Opcode::F64Min: minmax(true); return {};
    case Opcode::F32Max: case Opcode::F64Max: minmax(false); return {};
    case Opcode::F32Abs: case Opcode::F64Abs: maskOp(false); return {};
    case Opcode::F32Neg: case Opcode::F64Neg: maskOp(true); return {};
    case Opcode::F32Copysign: case Opcode::F64Copysign: {
      uint64_t sign[2], mag[2];
      sign[0] = sign[1] = rd ? 0x8000000000000000ull : 0x8000000080000000ull;
      mag[0] = mag[1] = ~sign[0];
      moveToXmm(kXTmp1, in.b, t);
      a_.andps_rm(kXTmp1, a_.const128(sign));
      moveToXmm(kXTmp0, in.a, t);
      a_.andps_rm(kXTmp0, a_.const128(mag));
      a_.orps_rr(kXTmp0, kXTmp1);
      defXmm(in.dst, t, kXTmp0);
      return {};
    }
    case Opcode::F32Sqrt: case Opcode::F64Sqrt: {
      Xmm d = dstXmm(in.dst, t, kXTmp0);
      XSrc s = xsrc(in.a, t, kXTmp1);
      if (s.isReg && s.r != d) a_.xorps_rr(d, d);
      else if (!s.isReg) a_.xorps_rr(d, d);
      SSE_SD(sqrt, rd, d, s);
      defXmm(in.dst, t, d);
      return {};
    }
    case Opcode::F32Ceil: case Opcode::F64Ceil: round(2 | 8); return {};
    case Opcode::F32Floor: case Opcode::F64Floor: round(1 | 8); return {};
    case Opcode::F32Trunc: case Opcode::F64Trunc: round(3 | 8); return {};
    case Opcode::F32Nearest: case Opcode::F64Nearest: round(0 | 8); return {};
    case Opcode::F32Eq: case Opcode::F64Eq: compare(Cond::E, false); return {};
    case Opcode::F32Ne: case Opcode::F64Ne: compare(Cond::NE, false); return {};
    case Opcode::F32Lt: case Opcode::F64Lt: compare(Cond::A, true); return {};
    case Opcode::F32Gt: case Opcode::F64Gt: compare(Cond::A, false); return {};
    case Opcode::F32Le: case Opcode::F64Le: compare(Cond::AE, true); return {};
    case Opcode::F32Ge: case Opcode::F64Ge: compare(Cond::AE, false); return {};
    case Opcode::I32TruncF32S: case Opcode::I32TruncF64S: truncate(true, false, false); return {};
    case Opcode::I32TruncF32U: case Opcode::I32TruncF64U: truncate(false, false, false); return {};
    case Opcode::I64TruncF32S: case Opcode::I64TruncF64S: truncate(true, true, false); return {};
    case Opcode::I64TruncF32U: case Opcode::I64TruncF64U: truncate(false, true, false); return {};
    case Opcode::I32TruncSatF32S: case Opcode::I32TruncSatF64S: truncate(true, false, true); return {};
    case Opcode::I32TruncSatF32U: case Opcode::I32TruncSatF64U: truncate(false, false, true); return {};
    case Opcode::I64TruncSatF32S: case Opcode::I64TruncSatF64S: truncate(true, true, true); return {};
    case Opcode::I64TruncSatF32U: case Opcode::I64TruncSatF64U: truncate(false, true, true); return {};
    case Opcode::F32ConvertI32S: case Opcode::F64ConvertI32S: convert(true, false); return {};
    case Opcode::F32ConvertI32U: case Opcode::F64ConvertI32U: convert(false, false); return {};
    case Opcode::F32ConvertI64S: case Opcode::F64ConvertI64S: convert(true, true); return {};
    case Opcode::F32ConvertI64U: case Opcode::F64ConvertI64U: convert(false, true); return {};
    case Opcode::F32DemoteF64: case Opcode::F64PromoteF32: {
      Xmm d = dstXmm(in.dst, t, kXTmp0);
      XSrc s = xsrc(in.a, pt, kXTmp1);
      if (!s.isReg || s.r != d) a_.xorps_rr(d, d);
      if (rd) SSE_OP(cvtss2sd, d, s);
      else SSE_OP(cvtsd2ss, d, s);
      defXmm(in.dst, t, d);
      return {};
    }
    case Opcode::I32ReinterpretF32: case Opcode::I64ReinterpretF64: {
      Gpr d = dstGpr(in.dst, kTmp0);
      if (in.a.isConst()) {
        moveToGpr(d, in.a, t);
      } else if (regOf(in.a.index(), VKind::Flt) >= 0) {
        Xmm s = xmm(unsigned(regOf(in.a.index(), VKind::Flt)));
        if (pd) a_.movq_rx(d, s);
        else a_.movd_rx(d, s);
      } else {
        a_.mov_rm(widthOf(t), d, home(in.a.index()));
      }
      defGpr(in.dst, t, d);
      return {};
    }
    case Opcode::F32ReinterpretI32: case Opcode::F64ReinterpretI64: {
      Xmm d = dstXmm(in.dst, t, kXTmp0);
      if (in.a.isConst()) {
        moveToXmm(d, in.a, t);
      } else if (regOf(in.a.index(), VKind::Int) >= 0) {
        Gpr s = gpr(unsigned(regOf(in.a.index(), VKind::Int)));
        if (rd) a_.movq_xr(d, s);
        else a_.movd_xr(d, s);
      } else if (rd) {
        a_.movsd_rm(d, home(in.a.index()));
      } else {
        a_.movss_rm(d, home(in.a.index()));
      }
      defXmm(in.dst, t, d);
      return {};
    }
    default: return unsupported(in);
  }
}

}  // namespace wasmc::codegen::x64
