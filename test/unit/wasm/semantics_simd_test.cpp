// test/unit/wasm/semantics_simd_test.cpp — SIMD operator semantics (wasm/semantics_simd.h) against
// assertions copied from core/simd/simd_*.wast (file:line cited), plus lane-wise sweeps that compare each
// vector operator with the scalar definition written out independently here.
#include "wasm/semantics_simd.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>

namespace wasmc::sem {
namespace {

using wasm::V128;

template <class T> V128 lanes(std::initializer_list<T> xs) {
  EXPECT_EQ(xs.size() * sizeof(T), 16u);
  V128 v{};
  unsigned i = 0;
  for (T x : xs) v.setLane<T>(i++, x);
  volatile uint8_t sink[16];  // opaque: keep GCC from constant-folding the operation under test
  std::memcpy(const_cast<uint8_t*>(sink), v.bytes, 16);
  std::memcpy(v.bytes, const_cast<uint8_t*>(sink), 16);
  return v;
}
V128 i8(std::initializer_list<int8_t> xs) { return lanes<int8_t>(xs); }
V128 u8(std::initializer_list<uint8_t> xs) { return lanes<uint8_t>(xs); }
V128 i16(std::initializer_list<int16_t> xs) { return lanes<int16_t>(xs); }
V128 i32(std::initializer_list<int32_t> xs) { return lanes<int32_t>(xs); }
V128 u32(std::initializer_list<uint32_t> xs) { return lanes<uint32_t>(xs); }
V128 i64(std::initializer_list<int64_t> xs) { return lanes<int64_t>(xs); }
V128 f32(std::initializer_list<float> xs) { return lanes<float>(xs); }
V128 f64(std::initializer_list<double> xs) { return lanes<double>(xs); }
template <class T> V128 splatOf(T x) {
  V128 v;
  for (unsigned i = 0; i < 16 / sizeof(T); ++i) v.setLane<T>(i, x);
  return v;
}
float bitsF(uint32_t b) { return std::bit_cast<float>(b); }
double bitsD(uint64_t b) { return std::bit_cast<double>(b); }

::testing::AssertionResult sameBits(const V128& got, const V128& want) {
  if (got == want) return ::testing::AssertionSuccess();
  auto hex = [](const V128& v) {
    std::string s;
    for (int i = 15; i >= 0; --i) {
      s += "0123456789abcdef"[v.bytes[i] >> 4];
      s += "0123456789abcdef"[v.bytes[i] & 15];
    }
    return s;
  };
  return ::testing::AssertionFailure() << "got " << hex(got) << " want " << hex(want) << " (byte 15 first)";
}
bool canonicalF(float f) { return (std::bit_cast<uint32_t>(f) & 0x7FFFFFFFu) == 0x7FC00000u; }
bool arithmeticF(float f) {
  uint32_t b = std::bit_cast<uint32_t>(f);
  return (b & 0x7FC00000u) == 0x7FC00000u;
}
bool canonicalD(double d) { return (std::bit_cast<uint64_t>(d) & ~(1ull << 63)) == 0x7FF8000000000000ull; }

// ---- lanes, splats, shuffles (simd_lane.wast, simd_splat.wast) -----------------------------------------
TEST(SemanticsSimd, ExtractReplaceSplat) {
  V128 v = i8({127, -128, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1});
  EXPECT_EQ(I8x16ExtractLaneS(v, 0), 127u);
  EXPECT_EQ(I8x16ExtractLaneS(v, 1), 0xFFFFFF80u);  // sign-extended
  EXPECT_EQ(I8x16ExtractLaneU(v, 1), 0x80u);
  EXPECT_EQ(I8x16ExtractLaneS(v, 15), 0xFFFFFFFFu);
  EXPECT_EQ(I8x16ExtractLaneU(v, 15), 255u);
  V128 h = i16({0, -32768, 0, 0, 0, 0, 0, 32767});
  EXPECT_EQ(I16x8ExtractLaneS(h, 1), 0xFFFF8000u);
  EXPECT_EQ(I16x8ExtractLaneU(h, 1), 0x8000u);
  EXPECT_EQ(I16x8ExtractLaneU(h, 7), 0x7FFFu);
  EXPECT_EQ(I32x4ExtractLane(i32({1, 2, 3, -4}), 3), 0xFFFFFFFCu);
  EXPECT_EQ(I64x2ExtractLane(i64({1, -2}), 1), ~1ull);
  EXPECT_EQ(F32x4ExtractLane(f32({1.5f, 2.5f, 3.5f, -4.5f}), 3), -4.5f);
  EXPECT_EQ(F64x2ExtractLane(f64({1.25, -0.0}), 0), 1.25);
  EXPECT_TRUE(sameBits(I8x16ReplaceLane(i8({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), 0x1FF, 15),
                       i8({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1})));  // value wraps to the lane width
  EXPECT_TRUE(sameBits(I16x8ReplaceLane(i16({0, 0, 0, 0, 0, 0, 0, 0}), 0x12345, 0), i16({0x2345, 0, 0, 0, 0, 0, 0, 0})));
  EXPECT_TRUE(sameBits(I32x4ReplaceLane(i32({1, 2, 3, 4}), 0xFFFFFFFF, 2), i32({1, 2, -1, 4})));
  EXPECT_TRUE(sameBits(I64x2ReplaceLane(i64({1, 2}), 7, 1), i64({1, 7})));
  EXPECT_TRUE(sameBits(F32x4ReplaceLane(f32({1, 2, 3, 4}), bitsF(0x7FA00001u), 0),
                       u32({0x7FA00001u, 0x40000000u, 0x40400000u, 0x40800000u})));  // NaN payload kept
  EXPECT_TRUE(sameBits(F64x2ReplaceLane(f64({0, 0}), -0.0, 1), i64({0, INT64_MIN})));
  EXPECT_TRUE(sameBits(I8x16Splat(0x1FF), splatOf<uint8_t>(0xFF)));
  EXPECT_TRUE(sameBits(I16x8Splat(0xFFFF8000u), splatOf<uint16_t>(0x8000)));
  EXPECT_TRUE(sameBits(I32x4Splat(0x80000000u), splatOf<uint32_t>(0x80000000u)));
  EXPECT_TRUE(sameBits(I64x2Splat(0x123456789ull), splatOf<uint64_t>(0x123456789ull)));
  EXPECT_TRUE(sameBits(F32x4Splat(bitsF(0xFFA00000u)), splatOf<uint32_t>(0xFFA00000u)));
  EXPECT_TRUE(sameBits(F64x2Splat(-0.0), splatOf<uint64_t>(1ull << 63)));
}

TEST(SemanticsSimd, SwizzleAndShuffle) {
  // simd_lane.wast:296: out-of-range indices (incl. negative = >= 128) select 0.
  EXPECT_TRUE(sameBits(I8x16Swizzle(i8({-16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1}),
                                    i8({-8, -7, -6, -5, -4, -3, -2, -1, 16, 17, 18, 19, 20, 21, 22, 23})),
                       i8({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})));
  // simd_lane.wast:304
  EXPECT_TRUE(sameBits(
      I8x16Swizzle(i8({100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115}),
                   i8({-1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -7, 7, -8, 8})),
      i8({0, 101, 0, 102, 0, 103, 0, 104, 0, 105, 0, 106, 0, 107, 0, 108})));
  V128 a = i8({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
  V128 b = i8({16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31});
  V128 sel = u8({31, 0, 30, 1, 29, 2, 28, 3, 27, 4, 26, 5, 25, 6, 24, 7});
  EXPECT_TRUE(sameBits(I8x16Shuffle(a, b, sel), sel));  // lane k of a||b is k here
  EXPECT_TRUE(sameBits(I8x16Shuffle(a, b, u8({16, 16, 16, 16, 16, 16, 16, 16, 0, 0, 0, 0, 0, 0, 0, 0})),
                       u8({16, 16, 16, 16, 16, 16, 16, 16, 0, 0, 0, 0, 0, 0, 0, 0})));
}

// ---- integer arithmetic ----------------------------------------------------------------------------------
TEST(SemanticsSimd, SaturatingAndSpecialArithmetic) {
  // simd_i8x16_sat_arith.wast
  EXPECT_TRUE(sameBits(I8x16AddSatS(splatOf<int8_t>(127), splatOf<int8_t>(1)), splatOf<int8_t>(127)));
  EXPECT_TRUE(sameBits(I8x16AddSatS(splatOf<int8_t>(-128), splatOf<int8_t>(-1)), splatOf<int8_t>(-128)));
  EXPECT_TRUE(sameBits(I8x16AddSatU(splatOf<uint8_t>(255), splatOf<uint8_t>(1)), splatOf<uint8_t>(255)));
  EXPECT_TRUE(sameBits(I8x16SubSatS(splatOf<int8_t>(-128), splatOf<int8_t>(1)), splatOf<int8_t>(-128)));
  EXPECT_TRUE(sameBits(I8x16SubSatU(splatOf<uint8_t>(1), splatOf<uint8_t>(2)), splatOf<uint8_t>(0)));
  EXPECT_TRUE(sameBits(I16x8AddSatS(splatOf<int16_t>(32767), splatOf<int16_t>(32767)), splatOf<int16_t>(32767)));
  EXPECT_TRUE(sameBits(I16x8AddSatU(splatOf<uint16_t>(65535), splatOf<uint16_t>(2)), splatOf<uint16_t>(65535)));
  EXPECT_TRUE(sameBits(I16x8SubSatS(splatOf<int16_t>(-32768), splatOf<int16_t>(32767)), splatOf<int16_t>(-32768)));
  EXPECT_TRUE(sameBits(I16x8SubSatU(splatOf<uint16_t>(0), splatOf<uint16_t>(65535)), splatOf<uint16_t>(0)));
  // simd_i16x8_q15mulr_sat_s.wast:58, :64
  EXPECT_TRUE(sameBits(I16x8Q15mulrSatS(splatOf<int16_t>(-32768), splatOf<int16_t>(-1)), splatOf<int16_t>(1)));
  EXPECT_TRUE(sameBits(I16x8Q15mulrSatS(splatOf<int16_t>(-32768), splatOf<int16_t>(-32768)), splatOf<int16_t>(32767)));
  EXPECT_TRUE(sameBits(I16x8Q15mulrSatS(splatOf<int16_t>(16384), splatOf<int16_t>(16384)), splatOf<int16_t>(8192)));
  // simd_i32x4_dot_i16x8.wast:58, and the one wrapping case: 2 * (-32768)^2 = 2^31.
  EXPECT_TRUE(sameBits(I32x4DotI16x8S(splatOf<int16_t>(-32768), splatOf<int16_t>(-1)), splatOf<int32_t>(65536)));
  EXPECT_TRUE(sameBits(I32x4DotI16x8S(splatOf<int16_t>(-32768), splatOf<int16_t>(-32768)), splatOf<int32_t>(INT32_MIN)));
  EXPECT_TRUE(sameBits(I32x4DotI16x8S(i16({1, 2, 3, 4, 5, 6, 7, 8}), i16({8, 7, 6, 5, 4, 3, 2, 1})),
                       i32({1 * 8 + 2 * 7, 3 * 6 + 4 * 5, 5 * 4 + 6 * 3, 7 * 2 + 8 * 1})));
  // simd_i8x16_arith2.wast: avgr rounds up, abs(-128) wraps, popcnt per byte.
  EXPECT_TRUE(sameBits(I8x16AvgrU(splatOf<uint8_t>(255), splatOf<uint8_t>(254)), splatOf<uint8_t>(255)));
  EXPECT_TRUE(sameBits(I16x8AvgrU(splatOf<uint16_t>(65535), splatOf<uint16_t>(0)), splatOf<uint16_t>(32768)));
  EXPECT_TRUE(sameBits(I8x16Abs(i8({-128, -127, -1, 0, 1, 127, -128, -127, -1, 0, 1, 127, 5, -5, 9, -9})),
                       i8({-128, 127, 1, 0, 1, 127, -128, 127, 1, 0, 1, 127, 5, 5, 9, 9})));
  EXPECT_TRUE(sameBits(I16x8Abs(i16({-32768, -1, 0, 1, 32767, -32767, 5, -5})), i16({-32768, 1, 0, 1, 32767, 32767, 5, 5})));
  EXPECT_TRUE(sameBits(I32x4Abs(i32({INT32_MIN, -1, 0, INT32_MAX})), i32({INT32_MIN, 1, 0, INT32_MAX})));
  EXPECT_TRUE(sameBits(I64x2Abs(i64({INT64_MIN, -3})), i64({INT64_MIN, 3})));
  EXPECT_TRUE(sameBits(I8x16Neg(splatOf<int8_t>(-128)), splatOf<int8_t>(-128)));
  EXPECT_TRUE(sameBits(I32x4Neg(i32({1, -1, 0, INT32_MIN})), i32({-1, 1, 0, INT32_MIN})));
  EXPECT_TRUE(sameBits(I8x16Popcnt(u8({0, 1, 3, 7, 15, 31, 63, 127, 255, 0x55, 0xAA, 0x80, 0x81, 0xF0, 0x0F, 0x3C})),
                       u8({0, 1, 2, 3, 4, 5, 6, 7, 8, 4, 4, 1, 2, 4, 4, 4})));
  EXPECT_TRUE(sameBits(I16x8Mul(splatOf<int16_t>(-32768), splatOf<int16_t>(-1)), splatOf<int16_t>(-32768)));
  EXPECT_TRUE(sameBits(I32x4Mul(splatOf<uint32_t>(0x10000), splatOf<uint32_t>(0x10000)), splatOf<uint32_t>(0)));
  EXPECT_TRUE(sameBits(I64x2Mul(i64({INT64_MIN, 3}), i64({-1, -5})), i64({INT64_MIN, -15})));
  EXPECT_TRUE(sameBits(I8x16Add(splatOf<uint8_t>(200), splatOf<uint8_t>(100)), splatOf<uint8_t>(44)));
  EXPECT_TRUE(sameBits(I64x2Sub(i64({0, INT64_MIN}), i64({1, 1})), i64({-1, INT64_MAX})));
  EXPECT_TRUE(sameBits(I8x16MinS(splatOf<int8_t>(-128), splatOf<int8_t>(127)), splatOf<int8_t>(-128)));
  EXPECT_TRUE(sameBits(I8x16MinU(splatOf<int8_t>(-128), splatOf<int8_t>(127)), splatOf<int8_t>(127)));
  EXPECT_TRUE(sameBits(I16x8MaxU(splatOf<int16_t>(-1), splatOf<int16_t>(0)), splatOf<int16_t>(-1)));
  EXPECT_TRUE(sameBits(I32x4MaxS(splatOf<int32_t>(-1), splatOf<int32_t>(0)), splatOf<int32_t>(0)));
}

TEST(SemanticsSimd, ShiftsMaskTheCount) {
  // simd_bit_shift.wast: the count is taken modulo the lane width.
  EXPECT_TRUE(sameBits(I8x16Shl(splatOf<uint8_t>(0x81), 9), splatOf<uint8_t>(0x02)));
  EXPECT_TRUE(sameBits(I8x16ShrS(splatOf<int8_t>(-128), 7), splatOf<int8_t>(-1)));
  EXPECT_TRUE(sameBits(I8x16ShrU(splatOf<uint8_t>(0x80), 15), splatOf<uint8_t>(1)));
  EXPECT_TRUE(sameBits(I16x8Shl(splatOf<uint16_t>(1), 16), splatOf<uint16_t>(1)));
  EXPECT_TRUE(sameBits(I16x8ShrS(splatOf<int16_t>(-32768), 0xFFFFFFFF), splatOf<int16_t>(-1)));
  EXPECT_TRUE(sameBits(I16x8ShrU(splatOf<uint16_t>(0x8000), 31), splatOf<uint16_t>(1)));
  EXPECT_TRUE(sameBits(I32x4Shl(splatOf<uint32_t>(1), 33), splatOf<uint32_t>(2)));
  EXPECT_TRUE(sameBits(I32x4ShrS(splatOf<int32_t>(INT32_MIN), 31), splatOf<int32_t>(-1)));
  EXPECT_TRUE(sameBits(I32x4ShrU(splatOf<uint32_t>(0x80000000u), 63), splatOf<uint32_t>(1)));
  EXPECT_TRUE(sameBits(I64x2Shl(splatOf<uint64_t>(1), 64), splatOf<uint64_t>(1)));
  EXPECT_TRUE(sameBits(I64x2ShrS(splatOf<int64_t>(INT64_MIN), 63), splatOf<int64_t>(-1)));
  EXPECT_TRUE(sameBits(I64x2ShrU(splatOf<uint64_t>(1ull << 63), 127), splatOf<uint64_t>(1)));
}

TEST(SemanticsSimd, ComparisonsBitwiseBooleans) {
  EXPECT_TRUE(sameBits(I8x16LtS(splatOf<int8_t>(-1), splatOf<int8_t>(0)), splatOf<int8_t>(-1)));
  EXPECT_TRUE(sameBits(I8x16LtU(splatOf<int8_t>(-1), splatOf<int8_t>(0)), splatOf<int8_t>(0)));
  EXPECT_TRUE(sameBits(I16x8GeU(splatOf<int16_t>(-1), splatOf<int16_t>(0)), splatOf<int16_t>(-1)));
  EXPECT_TRUE(sameBits(I32x4GtS(i32({1, -1, 0, INT32_MIN}), i32({0, 0, 0, INT32_MAX})), i32({-1, 0, 0, 0})));
  EXPECT_TRUE(sameBits(I64x2LtS(i64({INT64_MIN, 1}), i64({INT64_MAX, 1})), i64({-1, 0})));
  EXPECT_TRUE(sameBits(I64x2GeS(i64({INT64_MIN, 1}), i64({INT64_MAX, 1})), i64({0, -1})));
  EXPECT_TRUE(sameBits(I64x2Ne(i64({5, 6}), i64({5, 7})), i64({0, -1})));
  float nan = bitsF(0x7FC00000u);
  EXPECT_TRUE(sameBits(F32x4Eq(f32({nan, 0.0f, -0.0f, 1.0f}), f32({nan, -0.0f, 0.0f, 2.0f})), i32({0, -1, -1, 0})));
  EXPECT_TRUE(sameBits(F32x4Ne(f32({nan, 0.0f, -0.0f, 1.0f}), f32({nan, -0.0f, 0.0f, 2.0f})), i32({-1, 0, 0, -1})));
  EXPECT_TRUE(sameBits(F64x2Lt(f64({bitsD(0x7FF8000000000000ull), -1.0}), f64({1.0, 0.0})), i64({0, -1})));
  EXPECT_TRUE(sameBits(F64x2Ge(f64({-0.0, 2.0}), f64({0.0, bitsD(0x7FF8000000000000ull)})), i64({-1, 0})));
  // simd_bitwise.wast:157
  EXPECT_TRUE(sameBits(V128Bitselect(splatOf<uint32_t>(0xAAAAAAAA), splatOf<uint32_t>(0xBBBBBBBB),
                                     u32({0x00112345, 0xF00FFFFF, 0x10112021, 0xBBAABBAA})),
                       u32({0xBBAABABA, 0xABBAAAAA, 0xABAABBBA, 0xAABBAABB})));
  EXPECT_TRUE(sameBits(V128AndNot(splatOf<uint8_t>(0xFF), splatOf<uint8_t>(0x0F)), splatOf<uint8_t>(0xF0)));
  EXPECT_TRUE(sameBits(V128Not(splatOf<uint32_t>(0x0F0F0F0F)), splatOf<uint32_t>(0xF0F0F0F0)));
  EXPECT_TRUE(sameBits(V128Xor(splatOf<uint32_t>(0xFF00FF00), splatOf<uint32_t>(0x0FF00FF0)), splatOf<uint32_t>(0xF0F0F0F0)));
  EXPECT_TRUE(sameBits(V128Or(splatOf<uint8_t>(1), splatOf<uint8_t>(2)), splatOf<uint8_t>(3)));
  EXPECT_TRUE(sameBits(V128And(splatOf<uint8_t>(3), splatOf<uint8_t>(6)), splatOf<uint8_t>(2)));
  // simd_boolean.wast
  EXPECT_EQ(V128AnyTrue(splatOf<uint8_t>(0)), 0u);
  EXPECT_EQ(V128AnyTrue(u8({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80})), 1u);
  EXPECT_EQ(I8x16AllTrue(u8({1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0})), 0u);
  EXPECT_EQ(I8x16AllTrue(splatOf<uint8_t>(0x80)), 1u);
  EXPECT_EQ(I16x8AllTrue(u8({1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0})), 1u);   // 0x0001 lanes
  EXPECT_EQ(I16x8AllTrue(u8({1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0})), 0u);
  EXPECT_EQ(I32x4AllTrue(i32({1, 1, 1, 0})), 0u);
  EXPECT_EQ(I64x2AllTrue(i64({1, 1ll << 40})), 1u);
  EXPECT_EQ(I64x2AllTrue(i64({0, 1})), 0u);
  EXPECT_EQ(I8x16Bitmask(i8({-1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -128})), 0x8005u);
  EXPECT_EQ(I16x8Bitmask(i16({-1, 0, 0, 0, 0, 0, 0, -32768})), 0x81u);
  EXPECT_EQ(I32x4Bitmask(i32({0, -1, 0, INT32_MIN})), 0xAu);
  EXPECT_EQ(I64x2Bitmask(i64({-1, 1})), 0x1u);
}

TEST(SemanticsSimd, NarrowExtendExtaddExtmul) {
  // simd_conversions.wast:384, :390
  EXPECT_TRUE(sameBits(I8x16NarrowI16x8U(splatOf<int16_t>(-1), splatOf<int16_t>(1)),
                       u8({0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1})));
  EXPECT_TRUE(sameBits(I8x16NarrowI16x8S(i16({-129, -128, 127, 128, 0, 1, -1, 32767}), i16({256, -256, 0, 0, 0, 0, 0, 0})),
                       i8({-128, -128, 127, 127, 0, 1, -1, 127, 127, -128, 0, 0, 0, 0, 0, 0})));
  EXPECT_TRUE(sameBits(I8x16NarrowI16x8U(i16({-129, 255, 256, 128, 0, 1, -1, 32767}), i16({0, 0, 0, 0, 0, 0, 0, 0})),
                       u8({0, 255, 255, 128, 0, 1, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0})));
  EXPECT_TRUE(sameBits(I16x8NarrowI32x4S(i32({-32769, 32768, 5, -5}), i32({INT32_MIN, INT32_MAX, 0, 0})),
                       i16({-32768, 32767, 5, -5, -32768, 32767, 0, 0})));
  EXPECT_TRUE(sameBits(I16x8NarrowI32x4U(i32({-1, 65536, 65535, 0}), i32({INT32_MIN, INT32_MAX, 0, 0})),
                       lanes<uint16_t>({0, 65535, 65535, 0, 0, 65535, 0, 0})));
  V128 bytes = i8({-1, 2, -3, 4, -5, 6, -7, 8, -128, 127, 0, 1, -1, 2, -2, 3});
  EXPECT_TRUE(sameBits(I16x8ExtendLowI8x16S(bytes), i16({-1, 2, -3, 4, -5, 6, -7, 8})));
  EXPECT_TRUE(sameBits(I16x8ExtendHighI8x16S(bytes), i16({-128, 127, 0, 1, -1, 2, -2, 3})));
  EXPECT_TRUE(sameBits(I16x8ExtendLowI8x16U(bytes), i16({255, 2, 253, 4, 251, 6, 249, 8})));
  EXPECT_TRUE(sameBits(I16x8ExtendHighI8x16U(bytes), i16({128, 127, 0, 1, 255, 2, 254, 3})));
  V128 halves = i16({-1, 2, -32768, 4, 5, -6, 7, 32767});
  EXPECT_TRUE(sameBits(I32x4ExtendLowI16x8S(halves), i32({-1, 2, -32768, 4})));
  EXPECT_TRUE(sameBits(I32x4ExtendHighI16x8U(halves), i32({5, 65530, 7, 32767})));
  EXPECT_TRUE(sameBits(I32x4ExtendLowI16x8U(halves), i32({65535, 2, 32768, 4})));
  EXPECT_TRUE(sameBits(I32x4ExtendHighI16x8S(halves), i32({5, -6, 7, 32767})));
  V128 words = i32({-1, 2, INT32_MIN, 4});
  EXPECT_TRUE(sameBits(I64x2ExtendLowI32x4S(words), i64({-1, 2})));
  EXPECT_TRUE(sameBits(I64x2ExtendLowI32x4U(words), i64({0xFFFFFFFFll, 2})));
  EXPECT_TRUE(sameBits(I64x2ExtendHighI32x4S(words), i64({INT32_MIN, 4})));
  EXPECT_TRUE(sameBits(I64x2ExtendHighI32x4U(words), i64({0x80000000ll, 4})));
  // simd_i16x8_extadd_pairwise_i8x16.wast / simd_i32x4_extadd_pairwise_i16x8.wast
  EXPECT_TRUE(sameBits(I16x8ExtaddPairwiseI8x16S(splatOf<int8_t>(-128)), splatOf<int16_t>(-256)));
  EXPECT_TRUE(sameBits(I16x8ExtaddPairwiseI8x16U(splatOf<uint8_t>(255)), splatOf<int16_t>(510)));
  EXPECT_TRUE(sameBits(I32x4ExtaddPairwiseI16x8S(splatOf<int16_t>(-32768)), splatOf<int32_t>(-65536)));
  EXPECT_TRUE(sameBits(I32x4ExtaddPairwiseI16x8U(splatOf<uint16_t>(65535)), splatOf<int32_t>(131070)));
  // simd_*_extmul_*.wast
  EXPECT_TRUE(sameBits(I16x8ExtmulLowI8x16S(splatOf<int8_t>(-128), splatOf<int8_t>(-128)), splatOf<int16_t>(16384)));
  EXPECT_TRUE(sameBits(I16x8ExtmulHighI8x16U(splatOf<uint8_t>(255), splatOf<uint8_t>(255)), splatOf<uint16_t>(65025)));
  EXPECT_TRUE(sameBits(I16x8ExtmulLowI8x16U(bytes, splatOf<uint8_t>(2)), i16({510, 4, 506, 8, 502, 12, 498, 16})));
  EXPECT_TRUE(sameBits(I16x8ExtmulHighI8x16S(bytes, splatOf<int8_t>(-1)), i16({128, -127, 0, -1, 1, -2, 2, -3})));
  EXPECT_TRUE(sameBits(I32x4ExtmulLowI16x8S(splatOf<int16_t>(-32768), splatOf<int16_t>(-32768)), splatOf<int32_t>(1 << 30)));
  EXPECT_TRUE(sameBits(I32x4ExtmulHighI16x8U(splatOf<uint16_t>(65535), splatOf<uint16_t>(65535)), splatOf<uint32_t>(0xFFFE0001u)));
  EXPECT_TRUE(sameBits(I32x4ExtmulLowI16x8U(halves, splatOf<uint16_t>(1)), i32({65535, 2, 32768, 4})));
  EXPECT_TRUE(sameBits(I32x4ExtmulHighI16x8S(halves, splatOf<int16_t>(2)), i32({10, -12, 14, 65534})));
  EXPECT_TRUE(sameBits(I64x2ExtmulLowI32x4S(splatOf<int32_t>(INT32_MIN), splatOf<int32_t>(INT32_MIN)), splatOf<int64_t>(1ll << 62)));
  EXPECT_TRUE(sameBits(I64x2ExtmulHighI32x4U(splatOf<uint32_t>(0xFFFFFFFFu), splatOf<uint32_t>(0xFFFFFFFFu)),
                       splatOf<uint64_t>(0xFFFFFFFE00000001ull)));
  EXPECT_TRUE(sameBits(I64x2ExtmulLowI32x4U(words, splatOf<uint32_t>(2)), i64({0x1FFFFFFFEll, 4})));
  EXPECT_TRUE(sameBits(I64x2ExtmulHighI32x4S(words, splatOf<int32_t>(-1)), i64({0x80000000ll, -4})));
}

// ---- floats ---------------------------------------------------------------------------------------------
TEST(SemanticsSimd, FloatMinMaxPminPmax) {
  float nan = bitsF(0x7FC00000u), snan = bitsF(0x7FA00000u);
  V128 r = F32x4Min(f32({nan, 0.0f, -0.0f, 1.0f}), f32({0.0f, -0.0f, snan, -1.0f}));  // simd_f32x4.wast:940
  EXPECT_TRUE(canonicalF(r.lane<float>(0)));
  EXPECT_EQ(r.lane<uint32_t>(1), 0x80000000u);
  EXPECT_TRUE(arithmeticF(r.lane<float>(2)));
  EXPECT_EQ(r.lane<float>(3), -1.0f);
  r = F32x4Max(f32({-0.0f, 0.0f, 2.0f, -INFINITY}), f32({0.0f, -0.0f, nan, -3.0f}));
  EXPECT_EQ(r.lane<uint32_t>(0), 0u);
  EXPECT_EQ(r.lane<uint32_t>(1), 0u);
  EXPECT_TRUE(canonicalF(r.lane<float>(2)));
  EXPECT_EQ(r.lane<float>(3), -3.0f);
  V128 d = F64x2Min(f64({0.0, bitsD(0x7FF8000000000000ull)}), f64({-0.0, 1.0}));
  EXPECT_EQ(d.lane<uint64_t>(0), 1ull << 63);
  EXPECT_TRUE(canonicalD(d.lane<double>(1)));
  d = F64x2Max(f64({-0.0, 1.0}), f64({0.0, 2.0}));
  EXPECT_EQ(d.lane<uint64_t>(0), 0ull);
  EXPECT_EQ(d.lane<double>(1), 2.0);
  // simd_f32x4_pmin_pmax.wast:4809: pmin(a, b) = b < a ? b : a, so a NaN first operand is returned as is.
  EXPECT_TRUE(sameBits(F32x4Pmin(f32({nan, 0.0f, -0.0f, 1.0f}), f32({0.0f, nan, 0.0f, -2.0f})),
                       f32({nan, 0.0f, -0.0f, -2.0f})));
  EXPECT_TRUE(sameBits(F32x4Pmax(f32({snan, 0.0f, -0.0f, 1.0f}), f32({0.0f, snan, 0.0f, -2.0f})),
                       f32({snan, 0.0f, -0.0f, 1.0f})));
  EXPECT_TRUE(sameBits(F64x2Pmin(f64({0.0, 3.0}), f64({-0.0, 1.0})), f64({0.0, 1.0})));
  EXPECT_TRUE(sameBits(F64x2Pmax(f64({-0.0, 3.0}), f64({0.0, 1.0})), f64({-0.0, 3.0})));  // -0 < 0 is false: a
}

TEST(SemanticsSimd, FloatArithmeticRoundingAndSignOps) {
  EXPECT_TRUE(sameBits(F32x4Abs(u32({0xFFA00001u, 0x80000000u, 0xBF800000u, 0x7F800000u})),
                       u32({0x7FA00001u, 0, 0x3F800000u, 0x7F800000u})));
  EXPECT_TRUE(sameBits(F32x4Neg(u32({0x7FA00001u, 0, 0x3F800000u, 0xFF800000u})),
                       u32({0xFFA00001u, 0x80000000u, 0xBF800000u, 0x7F800000u})));
  EXPECT_TRUE(sameBits(F64x2Abs(i64({INT64_MIN, -1})), i64({0, INT64_MAX})));
  EXPECT_TRUE(sameBits(F64x2Neg(i64({0, INT64_MAX})), i64({INT64_MIN, -1})));
  EXPECT_TRUE(sameBits(F32x4Add(f32({1.0f, 0x1p-149f, -0.0f, 3e38f}), f32({2.0f, 0x1p-149f, -0.0f, 3e38f})),
                       f32({3.0f, 0x1p-148f, -0.0f, INFINITY})));
  EXPECT_TRUE(sameBits(F32x4Sub(f32({1.0f, 0.0f, 5.0f, 0.5f}), f32({2.0f, 0.0f, 5.0f, 0.25f})), f32({-1.0f, 0.0f, 0.0f, 0.25f})));
  EXPECT_TRUE(sameBits(F32x4Div(f32({1.0f, -1.0f, 6.0f, 1.0f}), f32({0.0f, 0.0f, 3.0f, 3.0f})),
                       f32({INFINITY, -INFINITY, 2.0f, 1.0f / 3.0f})));
  EXPECT_TRUE(sameBits(F64x2Mul(f64({0x1.0000000000001p0, -2.0}), f64({0x1.0000000000001p0, 0.5})), f64({0x1.0000000000002p0, -1.0})));
  EXPECT_TRUE(sameBits(F64x2Add(f64({0.1, 1e308}), f64({0.2, 1e308})), f64({0.30000000000000004, INFINITY})));
  EXPECT_TRUE(sameBits(F64x2Sub(f64({0.0, 1.0}), f64({-0.0, 1.0})), f64({0.0, 0.0})));
  EXPECT_TRUE(sameBits(F64x2Div(f64({1.0, 2.0}), f64({3.0, 4.0})), f64({1.0 / 3.0, 0.5})));
  EXPECT_TRUE(sameBits(F32x4Sqrt(f32({4.0f, 2.0f, -0.0f, INFINITY})), f32({2.0f, 0x1.6a09e6p+0f, -0.0f, INFINITY})));
  EXPECT_TRUE(canonicalF(F32x4Sqrt(f32({-1.0f, 0, 0, 0})).lane<float>(0)));
  EXPECT_TRUE(sameBits(F64x2Sqrt(f64({9.0, 2.0})), f64({3.0, 0x1.6a09e667f3bcdp+0})));
  // simd_f32x4_rounding.wast
  EXPECT_TRUE(sameBits(F32x4Ceil(f32({-0.5f, 1.0000001f, -1.5f, 0x1p-149f})), f32({-0.0f, 2.0f, -1.0f, 1.0f})));
  EXPECT_TRUE(sameBits(F32x4Floor(f32({-0.5f, 1.5f, -0.0f, -0x1p-149f})), f32({-1.0f, 1.0f, -0.0f, -1.0f})));
  EXPECT_TRUE(sameBits(F32x4Trunc(f32({-0.5f, 1.5f, -1.9f, 2.9f})), f32({-0.0f, 1.0f, -1.0f, 2.0f})));
  EXPECT_TRUE(sameBits(F32x4Nearest(f32({0.5f, 1.5f, 2.5f, -0.5f})), f32({0.0f, 2.0f, 2.0f, -0.0f})));
  EXPECT_TRUE(sameBits(F64x2Ceil(f64({-0.5, 4.1})), f64({-0.0, 5.0})));
  EXPECT_TRUE(sameBits(F64x2Floor(f64({-0.5, 4.9})), f64({-1.0, 4.0})));
  EXPECT_TRUE(sameBits(F64x2Trunc(f64({-0.5, -4.9})), f64({-0.0, -4.0})));
  EXPECT_TRUE(sameBits(F64x2Nearest(f64({-2.5, 3.5})), f64({-2.0, 4.0})));
  // simd_f32x4_rounding.wast:95: a signalling NaN comes out quiet.
  V128 q = F32x4Ceil(u32({0x7FA00000u, 0xFFA00000u, 0x7FC00000u, 0}));
  EXPECT_TRUE(arithmeticF(q.lane<float>(0)) && arithmeticF(q.lane<float>(1)) && canonicalF(q.lane<float>(2)));
  V128 qd = F64x2Floor(i64({0x7FF4000000000000ll, 0}));
  EXPECT_EQ(qd.lane<uint64_t>(0) & 0x7FF8000000000000ull, 0x7FF8000000000000ull);
}

TEST(SemanticsSimd, Conversions) {
  float nan = bitsF(0x7FC00000u);
  // simd_i32x4_trunc_sat_f32x4.wast:30, :100
  EXPECT_TRUE(sameBits(I32x4TruncSatF32x4S(f32({2147483648.0f, -2147483904.0f, nan, -1.5f})),
                       i32({INT32_MAX, INT32_MIN, 0, -1})));
  EXPECT_TRUE(sameBits(I32x4TruncSatF32x4U(f32({4294967296.0f, -1.0f, nan, 4294967040.0f})),
                       u32({0xFFFFFFFFu, 0, 0, 4294967040u})));
  EXPECT_TRUE(sameBits(I32x4TruncSatF64x2SZero(f64({-2147483648.9, 1e10})), i32({INT32_MIN, INT32_MAX, 0, 0})));
  EXPECT_TRUE(sameBits(I32x4TruncSatF64x2UZero(f64({4294967295.9, -0.9})), u32({0xFFFFFFFFu, 0, 0, 0})));
  EXPECT_TRUE(sameBits(F32x4ConvertI32x4S(i32({INT32_MIN, -1, 16777217, INT32_MAX})),
                       f32({-2147483648.0f, -1.0f, 16777216.0f, 2147483648.0f})));
  EXPECT_TRUE(sameBits(F32x4ConvertI32x4U(u32({0xFFFFFFFFu, 0x80000080u, 0x80000081u, 16777219})),
                       f32({4294967296.0f, 2147483648.0f, 2147483904.0f, 16777220.0f})));
  EXPECT_TRUE(sameBits(F64x2ConvertLowI32x4S(i32({INT32_MIN, -1, 99, 99})), f64({-2147483648.0, -1.0})));
  EXPECT_TRUE(sameBits(F64x2ConvertLowI32x4U(i32({-1, 7, 99, 99})), f64({4294967295.0, 7.0})));
  // simd_conversions.wast:157, :159 — upper lanes are zero, NaN-ness survives.
  V128 dz = F32x4DemoteF64x2Zero(f64({bitsD(0x7FF8000000000000ull), bitsD(0x7FF4000000000000ull)}));
  EXPECT_TRUE(canonicalF(dz.lane<float>(0)));
  EXPECT_TRUE(arithmeticF(dz.lane<float>(1)));
  EXPECT_EQ(dz.lane<uint64_t>(1), 0ull);
  EXPECT_TRUE(sameBits(F32x4DemoteF64x2Zero(f64({1.0, 0x1.ffffffp+127})), f32({1.0f, INFINITY, 0.0f, 0.0f})));
  V128 pr = F64x2PromoteLowF32x4(f32({nan, 0x1p-149f, 5.0f, 6.0f}));
  EXPECT_TRUE(canonicalD(pr.lane<double>(0)));
  EXPECT_EQ(pr.lane<double>(1), 0x1p-149);
}

// ---- memory (simd_load*.wast, simd_store*.wast) ---------------------------------------------------------
TEST(SemanticsSimd, LoadsAndStores) {
  uint8_t mem[48];
  for (int i = 0; i < 48; ++i) mem[i] = uint8_t(0x80 + i);
  const uint8_t* p = mem + 1;  // unaligned on purpose
  V128 all = V128Load(p);
  for (int i = 0; i < 16; ++i) EXPECT_EQ(all.bytes[i], p[i]);
  EXPECT_TRUE(sameBits(V128Load8x8S(p), i16({-127, -126, -125, -124, -123, -122, -121, -120})));
  EXPECT_TRUE(sameBits(V128Load8x8U(p), i16({0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88})));
  EXPECT_TRUE(sameBits(V128Load16x4S(p), i32({int16_t(0x8281), int16_t(0x8483), int16_t(0x8685), int16_t(0x8887)})));
  EXPECT_TRUE(sameBits(V128Load16x4U(p), i32({0x8281, 0x8483, 0x8685, 0x8887})));
  EXPECT_TRUE(sameBits(V128Load32x2S(p), i64({int32_t(0x84838281), int32_t(0x88878685)})));
  EXPECT_TRUE(sameBits(V128Load32x2U(p), i64({0x84838281ll, 0x88878685ll})));
  EXPECT_TRUE(sameBits(V128Load8Splat(p), splatOf<uint8_t>(0x81)));
  EXPECT_TRUE(sameBits(V128Load16Splat(p), splatOf<uint16_t>(0x8281)));
  EXPECT_TRUE(sameBits(V128Load32Splat(p), splatOf<uint32_t>(0x84838281u)));
  EXPECT_TRUE(sameBits(V128Load64Splat(p), splatOf<uint64_t>(0x8887868584838281ull)));
  EXPECT_TRUE(sameBits(V128Load32Zero(p), u32({0x84838281u, 0, 0, 0})));
  EXPECT_TRUE(sameBits(V128Load64Zero(p), i64({int64_t(0x8887868584838281ull), 0})));
  V128 base = splatOf<uint8_t>(0);
  EXPECT_TRUE(sameBits(V128Load8Lane(p, base, 15), u8({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x81})));
  EXPECT_TRUE(sameBits(V128Load16Lane(p, base, 1), lanes<uint16_t>({0, 0x8281, 0, 0, 0, 0, 0, 0})));
  EXPECT_TRUE(sameBits(V128Load32Lane(p, splatOf<uint32_t>(7), 3), u32({7, 7, 7, 0x84838281u})));
  EXPECT_TRUE(sameBits(V128Load64Lane(p, base, 0), i64({int64_t(0x8887868584838281ull), 0})));

  uint8_t out[24] = {};
  V128 v = u8({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
  V128Store(out + 3, v);
  for (int i = 0; i < 16; ++i) EXPECT_EQ(out[3 + i], i + 1);
  EXPECT_EQ(out[2], 0);
  EXPECT_EQ(out[19], 0);
  uint8_t lane[10] = {};
  V128Store8Lane(lane, v, 15);
  EXPECT_EQ(lane[0], 16);
  EXPECT_EQ(lane[1], 0);
  V128Store16Lane(lane, v, 7);
  EXPECT_EQ(lane[0], 15);
  EXPECT_EQ(lane[1], 16);
  EXPECT_EQ(lane[2], 0);
  V128Store32Lane(lane + 1, v, 1);
  EXPECT_EQ(lane[1], 5);
  EXPECT_EQ(lane[4], 8);
  EXPECT_EQ(lane[5], 0);
  V128Store64Lane(lane + 1, v, 1);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(lane[1 + i], 9 + i);
  EXPECT_EQ(lane[9], 0);
}

// ---- sweeps: every lane op vs. its scalar definition written out here ------------------------------------
template <class T> T laneOf(const V128& v, unsigned i) { return v.lane<T>(i); }
V128 pattern(uint32_t seed) {
  V128 v;
  uint32_t x = seed;
  for (int i = 0; i < 16; ++i) {
    x = x * 1103515245u + 12345u;
    v.bytes[i] = uint8_t(x >> 24);
  }
  if (seed % 5 == 0) v.bytes[seed % 16] = 0x80;  // make the extremes show up
  if (seed % 7 == 0) v.bytes[(seed + 3) % 16] = 0x7F;
  return v;
}

TEST(SemanticsSimd, IntegerLaneOpsMatchScalarDefinitions) {
  for (uint32_t s = 1; s < 400; ++s) {
    V128 a = pattern(s), b = pattern(s * 31 + 7);
    V128 r;
    r = I8x16AddSatS(a, b);
    for (unsigned i = 0; i < 16; ++i) {
      int v = laneOf<int8_t>(a, i) + laneOf<int8_t>(b, i);
      ASSERT_EQ(laneOf<int8_t>(r, i), v > 127 ? 127 : v < -128 ? -128 : v);
    }
    r = I8x16SubSatU(a, b);
    for (unsigned i = 0; i < 16; ++i) {
      int v = laneOf<uint8_t>(a, i) - laneOf<uint8_t>(b, i);
      ASSERT_EQ(laneOf<uint8_t>(r, i), v < 0 ? 0 : v);
    }
    r = I8x16SubSatS(a, b);
    for (unsigned i = 0; i < 16; ++i) {
      int v = laneOf<int8_t>(a, i) - laneOf<int8_t>(b, i);
      ASSERT_EQ(laneOf<int8_t>(r, i), v > 127 ? 127 : v < -128 ? -128 : v);
    }
    r = I8x16AddSatU(a, b);
    for (unsigned i = 0; i < 16; ++i) {
      int v = laneOf<uint8_t>(a, i) + laneOf<uint8_t>(b, i);
      ASSERT_EQ(laneOf<uint8_t>(r, i), v > 255 ? 255 : v);
    }
    r = I16x8AddSatS(a, b);
    for (unsigned i = 0; i < 8; ++i) {
      int v = laneOf<int16_t>(a, i) + laneOf<int16_t>(b, i);
      ASSERT_EQ(laneOf<int16_t>(r, i), v > 32767 ? 32767 : v < -32768 ? -32768 : v);
    }
    r = I16x8SubSatS(a, b);
    for (unsigned i = 0; i < 8; ++i) {
      int v = laneOf<int16_t>(a, i) - laneOf<int16_t>(b, i);
      ASSERT_EQ(laneOf<int16_t>(r, i), v > 32767 ? 32767 : v < -32768 ? -32768 : v);
    }
    r = I16x8AddSatU(a, b);
    for (unsigned i = 0; i < 8; ++i) {
      int v = laneOf<uint16_t>(a, i) + laneOf<uint16_t>(b, i);
      ASSERT_EQ(laneOf<uint16_t>(r, i), v > 65535 ? 65535 : v);
    }
    r = I16x8SubSatU(a, b);
    for (unsigned i = 0; i < 8; ++i) {
      int v = laneOf<uint16_t>(a, i) - laneOf<uint16_t>(b, i);
      ASSERT_EQ(laneOf<uint16_t>(r, i), v < 0 ? 0 : v);
    }
    r = I8x16AvgrU(a, b);
    for (unsigned i = 0; i < 16; ++i) ASSERT_EQ(laneOf<uint8_t>(r, i), (laneOf<uint8_t>(a, i) + laneOf<uint8_t>(b, i) + 1) / 2);
    r = I16x8AvgrU(a, b);
    for (unsigned i = 0; i < 8; ++i) ASSERT_EQ(laneOf<uint16_t>(r, i), (laneOf<uint16_t>(a, i) + laneOf<uint16_t>(b, i) + 1) / 2);
    r = I8x16NarrowI16x8U(a, b);
    for (unsigned i = 0; i < 16; ++i) {
      int v = laneOf<int16_t>(i < 8 ? a : b, i % 8);
      ASSERT_EQ(laneOf<uint8_t>(r, i), v < 0 ? 0 : v > 255 ? 255 : v);
    }
    r = I16x8NarrowI32x4S(a, b);
    for (unsigned i = 0; i < 8; ++i) {
      long v = laneOf<int32_t>(i < 4 ? a : b, i % 4);
      ASSERT_EQ(laneOf<int16_t>(r, i), v < -32768 ? -32768 : v > 32767 ? 32767 : v);
    }
    r = I32x4ExtmulHighI16x8S(a, b);
    for (unsigned i = 0; i < 4; ++i) ASSERT_EQ(laneOf<int32_t>(r, i), laneOf<int16_t>(a, 4 + i) * laneOf<int16_t>(b, 4 + i));
    r = I64x2ExtmulLowI32x4U(a, b);
    for (unsigned i = 0; i < 2; ++i) ASSERT_EQ(laneOf<uint64_t>(r, i), uint64_t(laneOf<uint32_t>(a, i)) * laneOf<uint32_t>(b, i));
    r = I16x8Q15mulrSatS(a, b);
    for (unsigned i = 0; i < 8; ++i) {
      long v = (long(laneOf<int16_t>(a, i)) * laneOf<int16_t>(b, i) + (1 << 14)) >> 15;
      ASSERT_EQ(laneOf<int16_t>(r, i), v > 32767 ? 32767 : v);
    }
    r = I8x16MinS(a, b);
    for (unsigned i = 0; i < 16; ++i) ASSERT_EQ(laneOf<int8_t>(r, i), std::min(laneOf<int8_t>(a, i), laneOf<int8_t>(b, i)));
    r = I16x8MaxU(a, b);
    for (unsigned i = 0; i < 8; ++i) ASSERT_EQ(laneOf<uint16_t>(r, i), std::max(laneOf<uint16_t>(a, i), laneOf<uint16_t>(b, i)));
    r = I32x4MinU(a, b);
    for (unsigned i = 0; i < 4; ++i) ASSERT_EQ(laneOf<uint32_t>(r, i), std::min(laneOf<uint32_t>(a, i), laneOf<uint32_t>(b, i)));
    r = I32x4MaxS(a, b);
    for (unsigned i = 0; i < 4; ++i) ASSERT_EQ(laneOf<int32_t>(r, i), std::max(laneOf<int32_t>(a, i), laneOf<int32_t>(b, i)));
    r = I16x8Mul(a, b);
    for (unsigned i = 0; i < 8; ++i) ASSERT_EQ(laneOf<uint16_t>(r, i), uint16_t(laneOf<uint16_t>(a, i) * laneOf<uint16_t>(b, i)));
    r = I64x2Mul(a, b);
    for (unsigned i = 0; i < 2; ++i) ASSERT_EQ(laneOf<uint64_t>(r, i), laneOf<uint64_t>(a, i) * laneOf<uint64_t>(b, i));
    unsigned n = s % 70;
    r = I8x16ShrS(a, n);
    for (unsigned i = 0; i < 16; ++i) ASSERT_EQ(laneOf<int8_t>(r, i), laneOf<int8_t>(a, i) >> (n % 8));
    r = I16x8Shl(a, n);
    for (unsigned i = 0; i < 8; ++i) ASSERT_EQ(laneOf<uint16_t>(r, i), uint16_t(laneOf<uint16_t>(a, i) << (n % 16)));
    r = I32x4ShrU(a, n);
    for (unsigned i = 0; i < 4; ++i) ASSERT_EQ(laneOf<uint32_t>(r, i), laneOf<uint32_t>(a, i) >> (n % 32));
    r = I64x2ShrS(a, n);
    for (unsigned i = 0; i < 2; ++i) ASSERT_EQ(laneOf<int64_t>(r, i), laneOf<int64_t>(a, i) >> (n % 64));
    r = I8x16GtU(a, b);
    for (unsigned i = 0; i < 16; ++i) ASSERT_EQ(laneOf<uint8_t>(r, i), laneOf<uint8_t>(a, i) > laneOf<uint8_t>(b, i) ? 0xFF : 0);
    r = I16x8LeS(a, b);
    for (unsigned i = 0; i < 8; ++i) ASSERT_EQ(laneOf<uint16_t>(r, i), laneOf<int16_t>(a, i) <= laneOf<int16_t>(b, i) ? 0xFFFF : 0);
    r = I32x4GeU(a, b);
    for (unsigned i = 0; i < 4; ++i) ASSERT_EQ(laneOf<uint32_t>(r, i), laneOf<uint32_t>(a, i) >= laneOf<uint32_t>(b, i) ? ~0u : 0u);
    r = I64x2GtS(a, b);
    for (unsigned i = 0; i < 2; ++i) ASSERT_EQ(laneOf<uint64_t>(r, i), laneOf<int64_t>(a, i) > laneOf<int64_t>(b, i) ? ~0ull : 0ull);
    uint32_t m = 0;
    for (unsigned i = 0; i < 16; ++i) m |= uint32_t(a.bytes[i] >> 7) << i;
    ASSERT_EQ(I8x16Bitmask(a), m);
  }
}

TEST(SemanticsSimd, FloatMinMaxLanesMatchScalar) {
  const uint32_t specials[] = {0x00000000u, 0x80000000u, 0x3F800000u, 0xBF800000u, 0x7F800000u, 0xFF800000u,
                               0x7FC00000u, 0xFFC00000u, 0x7FA00000u, 0x00000001u, 0x7F7FFFFFu, 0x80000001u};
  for (uint32_t x : specials)
    for (uint32_t y : specials) {
      V128 a = u32({x, y, x, y}), b = u32({y, x, x, y});
      V128 mn = F32x4Min(a, b), mx = F32x4Max(a, b);
      for (unsigned i = 0; i < 4; ++i) {
        float s = F32Min(a.lane<float>(i), b.lane<float>(i)), t = F32Max(a.lane<float>(i), b.lane<float>(i));
        if (s != s) EXPECT_TRUE(arithmeticF(mn.lane<float>(i))) << std::hex << x << " " << y;
        else EXPECT_EQ(mn.lane<uint32_t>(i), std::bit_cast<uint32_t>(s)) << std::hex << x << " " << y;
        if (t != t) EXPECT_TRUE(arithmeticF(mx.lane<float>(i))) << std::hex << x << " " << y;
        else EXPECT_EQ(mx.lane<uint32_t>(i), std::bit_cast<uint32_t>(t)) << std::hex << x << " " << y;
      }
      V128 da = i64({int64_t(uint64_t(x) << 32), int64_t(uint64_t(y) << 32)});
      V128 db = i64({int64_t(uint64_t(y) << 32), int64_t(uint64_t(y) << 32)});
      V128 dmn = F64x2Min(da, db), dmx = F64x2Max(da, db);
      for (unsigned i = 0; i < 2; ++i) {
        double s = F64Min(da.lane<double>(i), db.lane<double>(i)), t = F64Max(da.lane<double>(i), db.lane<double>(i));
        if (s != s) EXPECT_NE(dmn.lane<uint64_t>(i) & 0x0008000000000000ull, 0u);
        else EXPECT_EQ(dmn.lane<uint64_t>(i), std::bit_cast<uint64_t>(s));
        if (t != t) EXPECT_NE(dmx.lane<uint64_t>(i) & 0x0008000000000000ull, 0u);
        else EXPECT_EQ(dmx.lane<uint64_t>(i), std::bit_cast<uint64_t>(t));
      }
    }
}

}  // namespace
}  // namespace wasmc::sem
