// test/unit/wasm/semantics_test.cpp — scalar operator semantics (wasm/semantics.h) against assertions copied
// from the spec suite (file:line cited) plus boundary sweeps checked against an independent oracle.
// Float inputs go through opaque() so GCC cannot constant-fold the operation under test.
#include "wasm/semantics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

namespace wasmc::sem {
namespace {

template <class T> T opaque(T v) {
  volatile T x = v;
  return x;
}
float F(uint32_t b) { return opaque(std::bit_cast<float>(b)); }
double D(uint64_t b) { return opaque(std::bit_cast<double>(b)); }
uint32_t B(float f) { return std::bit_cast<uint32_t>(f); }
uint64_t B(double d) { return std::bit_cast<uint64_t>(d); }
float Fv(float f) { return opaque(f); }
double Dv(double d) { return opaque(d); }

bool isNan(uint32_t b) { return (b & 0x7F800000u) == 0x7F800000u && (b & 0x7FFFFFu); }
bool isNan(uint64_t b) { return (b & 0x7FF0000000000000ull) == 0x7FF0000000000000ull && (b & 0xFFFFFFFFFFFFFull); }
// nan:canonical = quiet bit only in the payload, any sign; nan:arithmetic = quiet bit set.
bool canonical(float f) { return (B(f) & 0x7FFFFFFFu) == 0x7FC00000u; }
bool canonical(double d) { return (B(d) & ~(1ull << 63)) == 0x7FF8000000000000ull; }
bool arithmetic(float f) { return isNan(B(f)) && (B(f) & 0x400000u); }
bool arithmetic(double d) { return isNan(B(d)) && (B(d) & 0x8000000000000ull); }

constexpr uint32_t kNanF = 0x7FC00000u, kNegNanF = 0xFFC00000u, kSNanF = 0x7FA00000u;  // nan:0x200000
constexpr uint64_t kNanD = 0x7FF8000000000000ull, kSNanD = 0x7FF4000000000000ull;     // nan:0x4000000000000

template <class R, class... A> TrapCode trapOf(TrapCode (*f)(R&, A...), std::type_identity_t<A>... a) {
  R out{};
  return f(out, a...);
}
template <class R, class... A> R valueOf(TrapCode (*f)(R&, A...), std::type_identity_t<A>... a) {
  R out{};
  EXPECT_EQ(f(out, a...), TrapCode::None);
  return out;
}

// ---- integers (i32.wast, i64.wast) ---------------------------------------------------------------------
TEST(SemanticsI32, Arithmetic) {
  EXPECT_EQ(I32Add(0x7FFFFFFF, 1), 0x80000000u);              // i32.wast:41
  EXPECT_EQ(I32Add(0x80000000, 0x80000000), 0u);              // i32.wast:43
  EXPECT_EQ(I32Sub(0x80000000, 1), 0x7FFFFFFFu);              // i32.wast:50
  EXPECT_EQ(I32Mul(0x01234567, 0x76543210), 0x358E7470u);     // i32.wast:61
  EXPECT_EQ(I32Mul(0x7FFFFFFF, 0xFFFFFFFF), 0x80000001u);     // i32.wast:60
  EXPECT_EQ(valueOf(I32DivS, 0xFFFFFFF9u, 2u), 0xFFFFFFFDu);  // -7/2 = -3 (rounds toward zero)
  EXPECT_EQ(valueOf(I32DivS, 0x80000000u, 2u), 0xC0000000u);  // i32.wast:72
  EXPECT_EQ(valueOf(I32DivU, 0x80000000u, 2u), 0x40000000u);  // i32.wast:91
  EXPECT_EQ(valueOf(I32DivU, 0x8FF00FF0u, 0x10001u), 0x8FEFu);  // i32.wast:92
  EXPECT_EQ(valueOf(I32RemS, 0x80000000u, 0xFFFFFFFFu), 0u);  // i32.wast:109
  EXPECT_EQ(valueOf(I32RemS, 0xFFFFFFF9u, 2u), 0xFFFFFFFFu);  // sign of the dividend
  EXPECT_EQ(valueOf(I32RemS, 7u, 0xFFFFFFFEu), 1u);
  EXPECT_EQ(valueOf(I32RemU, 0x8FF00FF0u, 0x10001u), 0x8001u);  // i32.wast:130
  EXPECT_EQ(valueOf(I32RemU, 0xFFFFFFFFu, 0xFFFFFFFFu), 0u);
}

TEST(SemanticsI32, DivisionTraps) {
  EXPECT_EQ(trapOf(I32DivS, 1u, 0u), TrapCode::IntDivByZero);           // i32.wast:64
  EXPECT_EQ(trapOf(I32DivS, 0u, 0u), TrapCode::IntDivByZero);           // i32.wast:65
  EXPECT_EQ(trapOf(I32DivS, 0x80000000u, 0xFFFFFFFFu), TrapCode::IntOverflow);  // i32.wast:66
  EXPECT_EQ(trapOf(I32DivS, 0x80000000u, 0u), TrapCode::IntDivByZero);  // i32.wast:67
  EXPECT_EQ(trapOf(I32DivU, 1u, 0u), TrapCode::IntDivByZero);           // i32.wast:85
  EXPECT_EQ(trapOf(I32RemS, 1u, 0u), TrapCode::IntDivByZero);           // i32.wast:102
  EXPECT_EQ(trapOf(I32RemU, 0u, 0u), TrapCode::IntDivByZero);           // i32.wast:124
  EXPECT_EQ(trapOf(I32RemS, 0x80000000u, 0xFFFFFFFFu), TrapCode::None);  // rem_s never overflows
}

TEST(SemanticsI32, BitsAndShifts) {
  EXPECT_EQ(I32Clz(0), 32u);  // i32.wast:246
  EXPECT_EQ(I32Clz(0xFFFFFFFF), 0u);
  EXPECT_EQ(I32Clz(0x00008000), 16u);
  EXPECT_EQ(I32Clz(1), 31u);
  EXPECT_EQ(I32Ctz(0), 32u);  // i32.wast:255
  EXPECT_EQ(I32Ctz(0x80000000), 31u);
  EXPECT_EQ(I32Ctz(0x00010000), 16u);
  EXPECT_EQ(I32Popcnt(0xFFFFFFFF), 32u);
  EXPECT_EQ(I32Popcnt(0xAAAAAAAA), 16u);
  EXPECT_EQ(I32Popcnt(0xDEADBEEF), 24u);
  EXPECT_EQ(I32Shl(1, 32), 1u);    // count masked: i32.wast:176
  EXPECT_EQ(I32Shl(1, 33), 2u);
  EXPECT_EQ(I32Shl(0x40000000, 1), 0x80000000u);
  EXPECT_EQ(I32ShrS(0x80000000, 31), 0xFFFFFFFFu);
  EXPECT_EQ(I32ShrS(0xFFFFFFFF, 0xFFFFFFFF), 0xFFFFFFFFu);  // i32.wast:195
  EXPECT_EQ(I32ShrS(1, 0x80000000), 1u);
  EXPECT_EQ(I32ShrU(0x80000000, 31), 1u);
  EXPECT_EQ(I32ShrU(0xFFFFFFFF, 32), 0xFFFFFFFFu);
  EXPECT_EQ(I32Rotl(0xABCD9876, 1), 0x579B30EDu);  // i32.wast:221
  EXPECT_EQ(I32Rotl(0xFE00DC00, 4), 0xE00DC00Fu);  // i32.wast:222
  EXPECT_EQ(I32Rotl(0xABCD1234, 0xFFFFFFFF), I32Rotr(0xABCD1234, 1));
  EXPECT_EQ(I32Rotr(0xB0C1D2E3, 5), 0x1D860E97u);
  EXPECT_EQ(I32Rotr(0x769ABCDF, 0x8000000D), 0xE6FBB4D5u);  // i32.wast:241
  EXPECT_EQ(I32Rotl(0x12345678, 0), 0x12345678u);
  EXPECT_EQ(I32Extend8S(0x7F), 0x7Fu);
  EXPECT_EQ(I32Extend8S(0x80), 0xFFFFFF80u);
  EXPECT_EQ(I32Extend8S(0x01234580), 0xFFFFFF80u);
  EXPECT_EQ(I32Extend16S(0x8000), 0xFFFF8000u);
  EXPECT_EQ(I32Extend16S(0xFEDC7FFF), 0x7FFFu);
}

TEST(SemanticsI32, Comparisons) {
  EXPECT_EQ(I32Eqz(0), 1u);
  EXPECT_EQ(I32Eqz(0x80000000), 0u);
  EXPECT_EQ(I32LtS(0x80000000, 0), 1u);
  EXPECT_EQ(I32LtU(0x80000000, 0), 0u);
  EXPECT_EQ(I32GtS(0x7FFFFFFF, 0x80000000), 1u);
  EXPECT_EQ(I32GtU(0x7FFFFFFF, 0x80000000), 0u);
  EXPECT_EQ(I32LeS(0xFFFFFFFF, 0xFFFFFFFF), 1u);
  EXPECT_EQ(I32LeU(1, 0xFFFFFFFF), 1u);
  EXPECT_EQ(I32GeS(1, 0xFFFFFFFF), 1u);
  EXPECT_EQ(I32GeU(1, 0xFFFFFFFF), 0u);
  EXPECT_EQ(I32Eq(5, 5), 1u);
  EXPECT_EQ(I32Ne(5, 5), 0u);
}

TEST(SemanticsI64, ArithmeticAndTraps) {
  EXPECT_EQ(I64Add(0x7FFFFFFFFFFFFFFF, 1), 0x8000000000000000ull);
  EXPECT_EQ(I64Mul(0x0123456789ABCDEF, 0xFEDCBA9876543210), 0x2236D88FE5618CF0ull);  // i64.wast:62
  EXPECT_EQ(trapOf(I64DivS, 0x8000000000000000ull, ~0ull), TrapCode::IntOverflow);     // i64.wast:67
  EXPECT_EQ(trapOf(I64DivS, 1ull, 0ull), TrapCode::IntDivByZero);
  EXPECT_EQ(trapOf(I64DivU, 1ull, 0ull), TrapCode::IntDivByZero);
  EXPECT_EQ(trapOf(I64RemS, 1ull, 0ull), TrapCode::IntDivByZero);
  EXPECT_EQ(trapOf(I64RemU, 1ull, 0ull), TrapCode::IntDivByZero);
  EXPECT_EQ(valueOf(I64DivS, 0x8000000000000000ull, 2ull), 0xC000000000000000ull);
  EXPECT_EQ(valueOf(I64DivS, uint64_t(-7), 2ull), uint64_t(-3));
  EXPECT_EQ(valueOf(I64DivU, 0x8FF00FF00FF00FF0ull, 0x100000001ull), 0x8FF00FEFull);  // i64.wast:93
  EXPECT_EQ(valueOf(I64RemS, 0x8000000000000000ull, ~0ull), 0ull);  // i64.wast:110
  EXPECT_EQ(valueOf(I64RemS, uint64_t(-7), 2ull), ~0ull);
  EXPECT_EQ(valueOf(I64RemU, 0x8FF00FF00FF00FF0ull, 0x100000001ull), 0x80000001ull);  // i64.wast:131
  EXPECT_EQ(I64Clz(0), 64ull);
  EXPECT_EQ(I64Clz(1), 63ull);
  EXPECT_EQ(I64Ctz(0), 64ull);
  EXPECT_EQ(I64Ctz(0x8000000000000000), 63ull);
  EXPECT_EQ(I64Popcnt(0xDEADBEEFDEADBEEF), 48ull);
  EXPECT_EQ(I64Shl(1, 64), 1ull);
  EXPECT_EQ(I64Shl(1, 63), 0x8000000000000000ull);
  EXPECT_EQ(I64ShrS(0x8000000000000000, 63), ~0ull);
  EXPECT_EQ(I64ShrU(0x8000000000000000, 63), 1ull);
  EXPECT_EQ(I64ShrU(~0ull, 64), ~0ull);
  EXPECT_EQ(I64Rotl(0xABD1234EF567809C, 63), 0x55E891A77AB3C04Eull);  // i64.wast:225
  EXPECT_EQ(I64Rotr(0xABD1234EF567809C, 63), 0x57A2469DEACF0139ull);  // i64.wast:239
  EXPECT_EQ(I64Rotl(1, 0x8000000000000040), 1ull);
  EXPECT_EQ(I64Extend8S(0x80), 0xFFFFFFFFFFFFFF80ull);
  EXPECT_EQ(I64Extend16S(0x7FFF), 0x7FFFull);
  EXPECT_EQ(I64Extend32S(0x80000000), 0xFFFFFFFF80000000ull);
  EXPECT_EQ(I64Extend32S(0x0123456789ABCDEF), 0xFFFFFFFF89ABCDEFull);
  EXPECT_EQ(I64LtS(0x8000000000000000, 0), 1u);
  EXPECT_EQ(I64LtU(0x8000000000000000, 0), 0u);
  EXPECT_EQ(I64Eqz(0), 1u);
  EXPECT_EQ(I64GeU(~0ull, 0), 1u);
  EXPECT_EQ(I32WrapI64(0x123456789ABCDEF0), 0x9ABCDEF0u);
  EXPECT_EQ(I64ExtendI32S(0x80000000), 0xFFFFFFFF80000000ull);
  EXPECT_EQ(I64ExtendI32U(0x80000000), 0x80000000ull);
}

// ---- floats (f32.wast, f64.wast, float_misc.wast) ------------------------------------------------------
TEST(SemanticsFloat, MinMaxZerosAndNans) {
  EXPECT_EQ(B(F32Min(Fv(-0.0f), Fv(0.0f))), 0x80000000u);  // f32.wast:1620
  EXPECT_EQ(B(F32Min(Fv(0.0f), Fv(-0.0f))), 0x80000000u);
  EXPECT_EQ(B(F32Max(Fv(-0.0f), Fv(0.0f))), 0u);
  EXPECT_EQ(B(F32Max(Fv(0.0f), Fv(-0.0f))), 0u);
  EXPECT_EQ(F32Min(Fv(1.0f), Fv(2.0f)), 1.0f);
  EXPECT_EQ(F32Max(Fv(-INFINITY), Fv(-3.0f)), -3.0f);
  EXPECT_TRUE(canonical(F32Min(F(kNanF), Fv(0.0f))));          // f32.wast:1945
  EXPECT_TRUE(canonical(F32Max(Fv(-INFINITY), F(kNegNanF))));
  EXPECT_TRUE(arithmetic(F32Min(F(kSNanF), Fv(-0.0f))));        // nan:0x200000 -> nan:arithmetic
  EXPECT_TRUE(arithmetic(F32Max(Fv(1.0f), F(kSNanF | 0x80000000u))));
  EXPECT_TRUE(canonical(F32Min(F(kNanF), F(kNegNanF))));
  EXPECT_EQ(B(F64Min(Dv(0.0), Dv(-0.0))), 0x8000000000000000ull);
  EXPECT_EQ(B(F64Max(Dv(-0.0), Dv(0.0))), 0ull);
  EXPECT_TRUE(canonical(F64Max(D(kNanD), Dv(1.0))));
  EXPECT_TRUE(arithmetic(F64Min(Dv(1.0), D(kSNanD))));
  EXPECT_TRUE(arithmetic(F64Max(D(kSNanD), D(kNanD))));
}

TEST(SemanticsFloat, SignOpsPreservePayload) {
  // f32_bitwise.wast: abs/neg/copysign only touch the sign bit, even of NaNs.
  EXPECT_EQ(B(F32Abs(F(0xFFA00001u))), 0x7FA00001u);
  EXPECT_EQ(B(F32Neg(F(0x7FA00001u))), 0xFFA00001u);
  EXPECT_EQ(B(F32Neg(Fv(0.0f))), 0x80000000u);
  EXPECT_EQ(B(F32Copysign(F(0x7FA00001u), Fv(-1.0f))), 0xFFA00001u);
  EXPECT_EQ(B(F32Copysign(Fv(-2.0f), F(0x7FC00000u))), 0x40000000u);
  EXPECT_EQ(B(F64Abs(D(0xFFF4000000000001ull))), 0x7FF4000000000001ull);
  EXPECT_EQ(B(F64Neg(D(0x7FF4000000000001ull))), 0xFFF4000000000001ull);
  EXPECT_EQ(B(F64Copysign(Dv(1.0), D(0xFFF8000000000000ull))), 0xBFF0000000000000ull);
}

TEST(SemanticsFloat, Rounding) {
  EXPECT_EQ(F32Nearest(Fv(0.5f)), 0.0f);                     // ties to even
  EXPECT_EQ(F32Nearest(Fv(1.5f)), 2.0f);
  EXPECT_EQ(F32Nearest(Fv(2.5f)), 2.0f);
  EXPECT_EQ(B(F32Nearest(Fv(-0.5f))), 0x80000000u);          // -0.5 -> -0
  EXPECT_EQ(F32Nearest(Fv(0x1.000002p+23f)), 0x1.000002p+23f);      // float_misc.wast:700
  EXPECT_EQ(F32Nearest(Fv(0x1.fffffep-2f)), 0.0f);                  // float_misc.wast:702
  EXPECT_EQ(F32Nearest(Fv(-3.5f)), -4.0f);                          // float_misc.wast:713
  EXPECT_EQ(F32Nearest(Fv(0x1.fffffep+22f)), 0x1p+23f);             // float_misc.wast:720
  EXPECT_EQ(F64Nearest(Dv(0x1.0000000000001p+52)), 0x1.0000000000001p+52);  // float_misc.wast:704
  EXPECT_EQ(F64Nearest(Dv(0x1.fffffffffffffp-2)), 0.0);                     // float_misc.wast:706
  EXPECT_EQ(F64Nearest(Dv(-2.5)), -2.0);
  EXPECT_EQ(B(F32Ceil(Fv(-0.5f))), 0x80000000u);             // ceil(-0.5) = -0
  EXPECT_EQ(F32Ceil(Fv(1.0000001f)), 2.0f);
  EXPECT_EQ(B(F32Floor(Fv(-0.0f))), 0x80000000u);
  EXPECT_EQ(F32Floor(Fv(-0.5f)), -1.0f);
  EXPECT_EQ(B(F64Trunc(Dv(-0.9))), 0x8000000000000000ull);
  EXPECT_EQ(F64Floor(Dv(-1.5)), -2.0);
  // f32.wast:2478 etc.: rounding a signalling NaN must yield an arithmetic (quiet) NaN.
  for (auto* f : {F32Ceil, F32Floor, F32Trunc, F32Nearest, F32Sqrt}) {
    EXPECT_TRUE(arithmetic(f(F(kSNanF))));
    EXPECT_TRUE(canonical(f(F(kNanF))));
  }
  for (auto* f : {F64Ceil, F64Floor, F64Trunc, F64Nearest, F64Sqrt}) {
    EXPECT_TRUE(arithmetic(f(D(kSNanD))));
    EXPECT_TRUE(canonical(f(D(kNanD))));
  }
}

TEST(SemanticsFloat, Arithmetic) {
  EXPECT_EQ(B(F32Add(F(0x00000001u), F(0x00000001u))), 0x00000002u);  // denormals are not flushed
  EXPECT_EQ(F32Add(Fv(1.1234568f), Fv(1.1234568f)), 2.2469137f);
  EXPECT_EQ(B(F32Sub(Fv(0.0f), Fv(0.0f))), 0u);
  EXPECT_EQ(B(F32Add(Fv(-0.0f), Fv(-0.0f))), 0x80000000u);
  EXPECT_TRUE(canonical(F32Sub(Fv(INFINITY), Fv(INFINITY))));   // f32.wast:730
  EXPECT_TRUE(canonical(F32Mul(Fv(0.0f), Fv(INFINITY))));
  EXPECT_TRUE(canonical(F32Div(Fv(0.0f), Fv(0.0f))));
  EXPECT_TRUE(canonical(F32Sqrt(Fv(-1.0f))));
  EXPECT_TRUE(arithmetic(F32Add(Fv(1.0f), F(kSNanF))));
  EXPECT_TRUE(arithmetic(F32Sub(F(kSNanF), Fv(0.0f))));         // float_exprs: x - 0 is not folded
  EXPECT_TRUE(arithmetic(F32Mul(F(kSNanF), Fv(1.0f))));         // float_exprs: x * 1 is not folded
  EXPECT_EQ(F32Div(Fv(1.0f), Fv(0.0f)), INFINITY);
  EXPECT_EQ(F32Div(Fv(-1.0f), Fv(0.0f)), -INFINITY);
  EXPECT_EQ(B(F32Mul(F(0x00800000u), Fv(0.5f))), 0x00400000u);  // exact denormal result
  EXPECT_EQ(F64Mul(Dv(0x1.0000000000001p0), Dv(0x1.0000000000001p0)), 0x1.0000000000002p0);  // round to even
  EXPECT_EQ(F64Sqrt(Dv(2.0)), 0x1.6a09e667f3bcdp+0);
  EXPECT_EQ(F32Sqrt(Fv(2.0f)), 0x1.6a09e6p+0f);
  EXPECT_TRUE(canonical(F64Div(Dv(INFINITY), Dv(-INFINITY))));
  EXPECT_TRUE(arithmetic(F64Div(D(kSNanD), Dv(2.0))));
  // float_exprs.wast:26-35 (no_fma): mul then add round twice, even where the compiler could fuse them.
  EXPECT_EQ(F32Add(F32Mul(Fv(0x1.a78402p+124f), Fv(0x1.cf8548p-23f)), Fv(0x1.992adap+107f)), 0x1.a5262cp+107f);
  EXPECT_EQ(F32Add(F32Mul(Fv(0x1.ed15a4p-28f), Fv(-0x1.613c72p-50f)), Fv(0x1.4757bp-88f)), -0x1.5406b8p-77f);
  EXPECT_EQ(F64Add(F64Mul(Dv(0x1.ac357ff46eed4p+557), Dv(0x1.852c01a5e7297p+430)), Dv(-0x1.05995704eda8ap+987)),
            0x1.855d905d338ep+987);
  EXPECT_EQ(F64Add(F64Mul(Dv(0x1.7e2c44058a799p+52), Dv(0x1.c73b71765b8b2p+685)), Dv(-0x1.16c641df0b108p+690)),
            0x1.53ccb53de0bd1p+738);
  // An FMA would give the exact 0x1p-104 (or 0x1p-46) here instead of 0.
  double a = Dv(0x1.0000000000001p0), c = Dv(-0x1.0000000000002p0);
  EXPECT_EQ(F64Add(F64Mul(a, a), c), 0.0);
  float fa = Fv(0x1.000002p0f), fc = Fv(-0x1.000004p0f);
  EXPECT_EQ(F32Add(F32Mul(fa, fa), fc), 0.0f);
}

TEST(SemanticsFloat, Comparisons) {
  EXPECT_EQ(F32Eq(F(kNanF), F(kNanF)), 0u);
  EXPECT_EQ(F32Ne(F(kNanF), F(kNanF)), 1u);
  EXPECT_EQ(F32Lt(F(kNanF), Fv(0.0f)), 0u);
  EXPECT_EQ(F32Ge(Fv(0.0f), F(kNanF)), 0u);
  EXPECT_EQ(F32Eq(Fv(-0.0f), Fv(0.0f)), 1u);
  EXPECT_EQ(F32Le(Fv(-0.0f), Fv(0.0f)), 1u);
  EXPECT_EQ(F32Lt(Fv(-0.0f), Fv(0.0f)), 0u);
  EXPECT_EQ(F32Gt(Fv(INFINITY), Fv(3.4e38f)), 1u);
  EXPECT_EQ(F64Eq(D(kNanD), D(kNanD)), 0u);
  EXPECT_EQ(F64Ne(D(kSNanD), Dv(1.0)), 1u);
  EXPECT_EQ(F64Lt(Dv(-INFINITY), Dv(-1e308)), 1u);
  EXPECT_EQ(F64Gt(D(kNanD), Dv(-INFINITY)), 0u);
  EXPECT_EQ(F64Le(D(kNanD), D(kNanD)), 0u);
  EXPECT_EQ(F64Ge(Dv(0.0), Dv(-0.0)), 1u);
}

// ---- conversions (conversions.wast) --------------------------------------------------------------------
TEST(SemanticsConversions, TruncTrapsAtExactBoundaries) {
  EXPECT_EQ(valueOf(I32TruncF32S, Fv(-2147483648.0f)), 0x80000000u);        // conversions.wast:77
  EXPECT_EQ(valueOf(I32TruncF32S, Fv(2147483520.0f)), 2147483520u);         // :76
  EXPECT_EQ(trapOf(I32TruncF32S, Fv(2147483648.0f)), TrapCode::IntOverflow);  // :78
  EXPECT_EQ(trapOf(I32TruncF32S, Fv(-2147483904.0f)), TrapCode::IntOverflow);  // :79
  EXPECT_EQ(trapOf(I32TruncF32S, Fv(INFINITY)), TrapCode::IntOverflow);
  EXPECT_EQ(trapOf(I32TruncF32S, F(kNanF)), TrapCode::InvalidConversion);    // :82
  EXPECT_EQ(trapOf(I32TruncF32S, F(0xFFA00000u)), TrapCode::InvalidConversion);  // :85
  EXPECT_EQ(valueOf(I32TruncF32S, Fv(-1.9f)), 0xFFFFFFFFu);
  EXPECT_EQ(valueOf(I32TruncF32U, Fv(2147483648.0f)), 0x80000000u);         // :96
  EXPECT_EQ(valueOf(I32TruncF32U, Fv(4294967040.0f)), 4294967040u);
  EXPECT_EQ(valueOf(I32TruncF32U, Fv(-0x1.fffffep-1f)), 0u);                // :99
  EXPECT_EQ(trapOf(I32TruncF32U, Fv(4294967296.0f)), TrapCode::IntOverflow);
  EXPECT_EQ(trapOf(I32TruncF32U, Fv(-1.0f)), TrapCode::IntOverflow);
  EXPECT_EQ(valueOf(I32TruncF64S, Dv(-2147483648.9)), 0x80000000u);         // :123
  EXPECT_EQ(valueOf(I32TruncF64S, Dv(2147483647.9)), 0x7FFFFFFFu);          // :124
  EXPECT_EQ(trapOf(I32TruncF64S, Dv(2147483648.0)), TrapCode::IntOverflow);
  EXPECT_EQ(trapOf(I32TruncF64S, Dv(-2147483649.0)), TrapCode::IntOverflow);
  EXPECT_EQ(trapOf(I32TruncF64S, D(kSNanD)), TrapCode::InvalidConversion);  // :130
  EXPECT_EQ(valueOf(I32TruncF64U, Dv(4294967295.9)), 0xFFFFFFFFu);          // :149
  EXPECT_EQ(valueOf(I32TruncF64U, Dv(-0.9)), 0u);                           // :148
  EXPECT_EQ(trapOf(I32TruncF64U, Dv(4294967296.0)), TrapCode::IntOverflow);
  EXPECT_EQ(trapOf(I32TruncF64U, Dv(1e16)), TrapCode::IntOverflow);         // :152
  EXPECT_EQ(trapOf(I32TruncF64U, Dv(-1.0)), TrapCode::IntOverflow);
  EXPECT_EQ(valueOf(I64TruncF32S, Fv(-9223372036854775808.0f)), 0x8000000000000000ull);
  EXPECT_EQ(valueOf(I64TruncF32S, Fv(9223371487098961920.0f)), 9223371487098961920ull);
  EXPECT_EQ(trapOf(I64TruncF32S, Fv(9223372036854775808.0f)), TrapCode::IntOverflow);
  EXPECT_EQ(trapOf(I64TruncF32S, Fv(-9223373136366403584.0f)), TrapCode::IntOverflow);
  EXPECT_EQ(valueOf(I64TruncF32U, Fv(18446742974197923840.0f)), 18446742974197923840ull);
  EXPECT_EQ(trapOf(I64TruncF32U, Fv(18446744073709551616.0f)), TrapCode::IntOverflow);
  EXPECT_EQ(valueOf(I64TruncF32U, Fv(-0.9f)), 0ull);
  EXPECT_EQ(valueOf(I64TruncF64S, Dv(-9223372036854775808.0)), 0x8000000000000000ull);
  EXPECT_EQ(valueOf(I64TruncF64S, Dv(9223372036854774784.0)), 9223372036854774784ull);
  EXPECT_EQ(trapOf(I64TruncF64S, Dv(9223372036854775808.0)), TrapCode::IntOverflow);
  EXPECT_EQ(trapOf(I64TruncF64S, Dv(-9223372036854777856.0)), TrapCode::IntOverflow);
  EXPECT_EQ(valueOf(I64TruncF64U, Dv(18446744073709549568.0)), 18446744073709549568ull);
  EXPECT_EQ(trapOf(I64TruncF64U, Dv(18446744073709551616.0)), TrapCode::IntOverflow);
  EXPECT_EQ(trapOf(I64TruncF64U, D(kNanD)), TrapCode::InvalidConversion);
  EXPECT_EQ(trapOf(I64TruncF64U, Dv(-INFINITY)), TrapCode::IntOverflow);
}

// Oracle: a float is a valid truncation input iff trunc(x), computed exactly in long double, lies in range.
template <class I, class Fl> void sweepAround(Fl edge, TrapCode (*checked)(std::make_unsigned_t<I>&, Fl),
                                              std::make_unsigned_t<I> (*sat)(Fl)) {
  using U = std::make_unsigned_t<I>;
  Fl x = edge;
  for (int i = 0; i < 8; ++i) x = std::nextafter(x, Fl(-INFINITY));
  for (int i = 0; i < 17; ++i, x = std::nextafter(x, Fl(INFINITY))) {
    long double t = std::trunc((long double)x);
    bool ok = t >= (long double)std::numeric_limits<I>::min() && t <= (long double)std::numeric_limits<I>::max();
    U out = 0;
    TrapCode tc = checked(out, opaque(x));
    EXPECT_EQ(tc == TrapCode::None, ok) << (double)x;
    if (ok) {
      EXPECT_EQ(out, U(I(t))) << (double)x;
      EXPECT_EQ(sat(opaque(x)), out) << (double)x;
    } else {
      EXPECT_EQ(tc, TrapCode::IntOverflow);
      EXPECT_EQ(sat(opaque(x)), U(t < 0 ? std::numeric_limits<I>::min() : std::numeric_limits<I>::max()));
    }
  }
}

TEST(SemanticsConversions, TruncBoundarySweepAgainstOracle) {
  for (float e : {-2147483648.0f, 2147483648.0f, 0.0f, -1.0f})
    sweepAround<int32_t, float>(e, I32TruncF32S, I32TruncSatF32S);
  for (float e : {4294967296.0f, -1.0f, 0.0f}) sweepAround<uint32_t, float>(e, I32TruncF32U, I32TruncSatF32U);
  for (double e : {-2147483649.0, -2147483648.0, 2147483648.0, 2147483647.0, -1.0})
    sweepAround<int32_t, double>(e, I32TruncF64S, I32TruncSatF64S);
  for (double e : {4294967296.0, 4294967295.0, -1.0, 0.0}) sweepAround<uint32_t, double>(e, I32TruncF64U, I32TruncSatF64U);
  for (float e : {-9223372036854775808.0f, 9223372036854775808.0f})
    sweepAround<int64_t, float>(e, I64TruncF32S, I64TruncSatF32S);
  for (float e : {18446744073709551616.0f, -1.0f}) sweepAround<uint64_t, float>(e, I64TruncF32U, I64TruncSatF32U);
  for (double e : {-9223372036854775808.0, 9223372036854775808.0})
    sweepAround<int64_t, double>(e, I64TruncF64S, I64TruncSatF64S);
  for (double e : {18446744073709551616.0, -1.0}) sweepAround<uint64_t, double>(e, I64TruncF64U, I64TruncSatF64U);
}

TEST(SemanticsConversions, TruncSat) {
  EXPECT_EQ(I32TruncSatF32S(F(kNanF)), 0u);                 // nan -> 0
  EXPECT_EQ(I32TruncSatF32S(Fv(INFINITY)), 0x7FFFFFFFu);
  EXPECT_EQ(I32TruncSatF32S(Fv(-INFINITY)), 0x80000000u);
  EXPECT_EQ(I32TruncSatF32U(Fv(-1.0f)), 0u);
  EXPECT_EQ(I32TruncSatF32U(Fv(INFINITY)), 0xFFFFFFFFu);
  EXPECT_EQ(I32TruncSatF64S(Dv(1e30)), 0x7FFFFFFFu);
  EXPECT_EQ(I32TruncSatF64U(D(kSNanD)), 0u);
  EXPECT_EQ(I32TruncSatF64U(Dv(1e16)), 0xFFFFFFFFu);
  EXPECT_EQ(I64TruncSatF32S(F(kSNanF)), 0ull);
  EXPECT_EQ(I64TruncSatF32S(Fv(-INFINITY)), 0x8000000000000000ull);
  EXPECT_EQ(I64TruncSatF32U(Fv(INFINITY)), ~0ull);
  EXPECT_EQ(I64TruncSatF64S(Dv(9223372036854775808.0)), 0x7FFFFFFFFFFFFFFFull);
  EXPECT_EQ(I64TruncSatF64U(Dv(-1.0)), 0ull);
  EXPECT_EQ(I64TruncSatF64U(Dv(18446744073709551616.0)), ~0ull);
}

TEST(SemanticsConversions, IntToFloatRoundsToNearestEven) {
  EXPECT_EQ(F32ConvertI32S(0x80000000u), -2147483648.0f);
  EXPECT_EQ(F32ConvertI32S(16777217), 16777216.0f);                     // conversions.wast:454
  EXPECT_EQ(F32ConvertI32S(uint32_t(-16777219)), -16777220.0f);
  EXPECT_EQ(F32ConvertI32U(0xFFFFFFFFu), 4294967296.0f);
  EXPECT_EQ(F32ConvertI32U(0x80000080u), 2147483648.0f);                // tie -> even
  EXPECT_EQ(F32ConvertI32U(0x80000081u), 2147483904.0f);
  EXPECT_EQ(F32ConvertI64S(0x7FFFFF4000000001ull), 0x1.fffffep+62f);    // conversions.wast:471
  EXPECT_EQ(F32ConvertI64S(0x8000004000000001ull), -0x1.fffffep+62f);   // :472
  EXPECT_EQ(F32ConvertI64S(0x0020000020000001ull), 0x1.000002p+53f);    // :473 (no double rounding)
  EXPECT_EQ(F32ConvertI64S(0xFFDFFFFFDFFFFFFFull), -0x1.000002p+53f);   // :474
  EXPECT_EQ(F32ConvertI64U(0xFFFFFFFFFFFFFFFFull), 18446744073709551616.0f);
  EXPECT_EQ(F32ConvertI64U(0x8000008000000001ull), 0x1.000002p+63f);   // conversions.wast:522
  EXPECT_EQ(F32ConvertI64U(0xFFFFFE8000000001ull), 0x1.fffffep+63f);
  EXPECT_EQ(F32ConvertI64U(0x0020000020000001ull), 0x1.000002p+53f);
  EXPECT_EQ(F64ConvertI32S(0x80000000u), -2147483648.0);
  EXPECT_EQ(F64ConvertI32U(0xFFFFFFFFu), 4294967295.0);
  EXPECT_EQ(F64ConvertI64S(9007199254740993ull), 9007199254740992.0);  // :490
  EXPECT_EQ(F64ConvertI64S(uint64_t(-9007199254740995)), -9007199254740996.0);
  EXPECT_EQ(F64ConvertI64U(0xFFFFFFFFFFFFFFFFull), 18446744073709551616.0);
  EXPECT_EQ(F64ConvertI64U(0x8000000000000400ull), 0x1.0000000000000p+63);  // conversions.wast:536
  EXPECT_EQ(F64ConvertI64U(0x8000000000000401ull), 0x1.0000000000001p+63);  // :537
  EXPECT_EQ(F64ConvertI64U(0xFFFFFFFFFFFFF400ull), 0x1.ffffffffffffep+63);  // :539
  EXPECT_EQ(F64ConvertI64U(0xFFFFFFFFFFFFF401ull), 0x1.fffffffffffffp+63);  // :540
  EXPECT_EQ(F64ConvertI64U(9007199254740993ull), 9007199254740992.0);
}

TEST(SemanticsConversions, PromoteDemoteReinterpret) {
  EXPECT_TRUE(canonical(F64PromoteF32(F(kNanF))));        // conversions.wast:560
  EXPECT_TRUE(arithmetic(F64PromoteF32(F(kSNanF))));      // :561
  EXPECT_TRUE(canonical(F64PromoteF32(F(kNegNanF))));     // :562
  EXPECT_TRUE(canonical(F32DemoteF64(D(kNanD))));         // :607
  EXPECT_TRUE(arithmetic(F32DemoteF64(D(kSNanD))));       // :608
  EXPECT_TRUE(arithmetic(F32DemoteF64(D(0x7FF0000000000001ull))));  // lowest payload bits only: still NaN
  EXPECT_EQ(F64PromoteF32(F(0x00000001u)), 0x1p-149);
  EXPECT_EQ(F32DemoteF64(Dv(0x1.fffffe0000000p-127)), 0x1p-126f);
  EXPECT_EQ(F32DemoteF64(Dv(0x1.fffffefffffffp+127)), 0x1.fffffep+127f);  // rounds down: stays finite
  EXPECT_EQ(F32DemoteF64(Dv(0x1.ffffffp+127)), INFINITY);                 // tie rounds to even: inf
  EXPECT_EQ(B(F32DemoteF64(Dv(-0x1p-150))), 0x80000000u);                  // tie to even: -0
  EXPECT_EQ(B(F32DemoteF64(Dv(0x1.0000000000001p-150))), 0x00000001u);
  EXPECT_EQ(F32DemoteF64(Dv(0x1.000000fffffffp+0)), 0x1p+0f);
  EXPECT_EQ(F32DemoteF64(Dv(0x1.0000010000001p+0)), 0x1.000002p+0f);
  EXPECT_EQ(I32ReinterpretF32(F(0x7FA00001u)), 0x7FA00001u);
  EXPECT_EQ(B(F32ReinterpretI32(0xFFA00001u)), 0xFFA00001u);
  EXPECT_EQ(I64ReinterpretF64(D(0x7FF4000000000001ull)), 0x7FF4000000000001ull);
  EXPECT_EQ(B(F64ReinterpretI64(0xFFF4000000000001ull)), 0xFFF4000000000001ull);
  EXPECT_EQ(I32ReinterpretF32(Fv(-0.0f)), 0x80000000u);
}

}  // namespace
}  // namespace wasmc::sem
