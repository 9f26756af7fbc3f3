// compiler/wasm/semantics_simd.h — Wasm fixed-width SIMD operator semantics as pure inline functions
// (wasmc::sem), one per Simple/Load/Store SIMD operator of opcodes.def, named like its Opcode.
// Lane order is Wasm's (little-endian, lane 0 = lowest bytes). Lane immediates are masked to the lane
// count (the validator already guarantees range; the mask keeps a bad immediate memory-safe). Float lanes
// reuse the scalar functions of semantics.h (min/max use a branch-free vector form of the same rule), so
// scalar and SIMD NaN/rounding behaviour agree. GCC vector extensions; plain loops where no form is shorter.
#pragma once
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

#include "wasm/semantics.h"
#include "wasm/types.h"

namespace wasmc::sem {

namespace simd {

// GCC vector extensions: element-wise operators; comparisons yield 0 / -1 lanes of the same width.
// Arithmetic that can overflow uses the unsigned types (wrap-around is defined there).
typedef int8_t i8v __attribute__((vector_size(16)));
typedef uint8_t u8v __attribute__((vector_size(16)));
typedef int16_t i16v __attribute__((vector_size(16)));
typedef uint16_t u16v __attribute__((vector_size(16)));
typedef int32_t i32v __attribute__((vector_size(16)));
typedef uint32_t u32v __attribute__((vector_size(16)));
typedef int64_t i64v __attribute__((vector_size(16)));
typedef uint64_t u64v __attribute__((vector_size(16)));
typedef float f32v __attribute__((vector_size(16)));
typedef double f64v __attribute__((vector_size(16)));

template <class V> inline V as(const wasm::V128& v) {
  V r;
  std::memcpy(&r, v.bytes, 16);
  return r;
}
template <class V> inline wasm::V128 vec(V r) {
  wasm::V128 v;
  std::memcpy(v.bytes, &r, 16);
  return v;
}

template <class T> constexpr unsigned kLanes = 16 / sizeof(T);

// r[i] = f(a[i]) over lanes of type T (result lanes of type R, same count).
template <class T, class R = T, class F> inline wasm::V128 map(const wasm::V128& a, F f) {
  static_assert(sizeof(T) == sizeof(R));
  wasm::V128 r;
  for (unsigned i = 0; i < kLanes<T>; ++i) r.setLane<R>(i, f(a.lane<T>(i)));
  return r;
}
template <class T, class R = T, class F> inline wasm::V128 zip(const wasm::V128& a, const wasm::V128& b, F f) {
  static_assert(sizeof(T) == sizeof(R));
  wasm::V128 r;
  for (unsigned i = 0; i < kLanes<T>; ++i) r.setLane<R>(i, f(a.lane<T>(i), b.lane<T>(i)));
  return r;
}

// Branch-free saturating add/sub on a vector V of signed (S) or unsigned lanes; U is the unsigned view.
template <class V> using Elem = std::remove_cvref_t<decltype(std::declval<V>()[0])>;
template <class S, class U> inline wasm::V128 addSatS(const wasm::V128& a, const wasm::V128& b) {
  S x = as<S>(a), y = as<S>(b);
  S s = (S)((U)x + (U)y);
  S sat = (x >> (8 * sizeof(Elem<S>) - 1)) ^ std::numeric_limits<Elem<S>>::max();  // x<0 ? MIN : MAX
  return vec(((x ^ s) & (y ^ s)) < 0 ? sat : s);
}
template <class S, class U> inline wasm::V128 subSatS(const wasm::V128& a, const wasm::V128& b) {
  S x = as<S>(a), y = as<S>(b);
  S s = (S)((U)x - (U)y);
  S sat = (x >> (8 * sizeof(Elem<S>) - 1)) ^ std::numeric_limits<Elem<S>>::max();
  return vec(((x ^ y) & (x ^ s)) < 0 ? sat : s);
}
template <class U> inline wasm::V128 addSatU(const wasm::V128& a, const wasm::V128& b) {
  U x = as<U>(a), y = as<U>(b), s = x + y;
  return vec(s | (U)(s < x));
}
template <class U> inline wasm::V128 subSatU(const wasm::V128& a, const wasm::V128& b) {
  U x = as<U>(a), y = as<U>(b);
  return vec((x - y) & (U)(x >= y));
}
template <class U> inline wasm::V128 avgrU(const wasm::V128& a, const wasm::V128& b) {
  U x = as<U>(a), y = as<U>(b);
  return vec((x | y) - ((x ^ y) >> 1));  // = (x + y + 1) >> 1 without widening
}
// Wasm min/max per lane (see detail::fmin32): NaN -> a + b, equal -> OR/AND of the bits (±0), else select.
template <class F, class U> inline wasm::V128 fminV(const wasm::V128& a, const wasm::V128& b) {
  F x = as<F>(a), y = as<F>(b);
  U xb = as<U>(a), yb = as<U>(b);
  U r = x < y ? xb : yb;
  r = x == y ? (xb | yb) : r;
  return vec((x != x) | (y != y) ? (U)(x + y) : r);
}
template <class F, class U> inline wasm::V128 fmaxV(const wasm::V128& a, const wasm::V128& b) {
  F x = as<F>(a), y = as<F>(b);
  U xb = as<U>(a), yb = as<U>(b);
  U r = x > y ? xb : yb;
  r = x == y ? (xb & yb) : r;
  return vec((x != x) | (y != y) ? (U)(x + y) : r);
}

// Wide lane i of the low (hi=false) or high half of a, extended from Narrow to Wide.
template <class Narrow, class Wide> inline wasm::V128 extendHalf(const wasm::V128& a, bool hi) {
  typedef Narrow Half __attribute__((vector_size(8)));
  typedef Wide Full __attribute__((vector_size(16)));
  Half h;
  std::memcpy(&h, a.bytes + (hi ? 8 : 0), 8);
  return vec(__builtin_convertvector(h, Full));
}
// Wide-lane products of the low/high halves: exact, since |narrow * narrow| always fits the wide lane.
template <class Narrow, class Wide> inline wasm::V128 extmulHalf(const wasm::V128& a, const wasm::V128& b, bool hi) {
  typedef Wide Full __attribute__((vector_size(16)));
  return vec(as<Full>(extendHalf<Narrow, Wide>(a, hi)) * as<Full>(extendHalf<Narrow, Wide>(b, hi)));
}
template <class Narrow, class Wide> inline wasm::V128 extaddPairwise(const wasm::V128& a) {
  wasm::V128 r;
  for (unsigned i = 0; i < kLanes<Wide>; ++i)
    r.setLane<Wide>(i, Wide(Wide(a.lane<Narrow>(2 * i)) + Wide(a.lane<Narrow>(2 * i + 1))));
  return r;
}
// Saturating narrow: lanes 0..n-1 from a, n..2n-1 from b (clamp in the wide type, then truncate).
template <class Wide, class Narrow> inline wasm::V128 narrow(const wasm::V128& a, const wasm::V128& b) {
  typedef Wide W __attribute__((vector_size(16)));
  typedef Narrow H __attribute__((vector_size(8)));
  constexpr Wide lo = Wide(std::numeric_limits<Narrow>::min()), hi = Wide(std::numeric_limits<Narrow>::max());
  auto clampHalf = [&](const wasm::V128& v) {
    W x = as<W>(v);
    W l = W{} + lo, h = W{} + hi;
    x = x < l ? l : x;
    x = x > h ? h : x;
    return __builtin_convertvector(x, H);
  };
  H ra = clampHalf(a), rb = clampHalf(b);
  wasm::V128 r;
  std::memcpy(r.bytes, &ra, 8);
  std::memcpy(r.bytes + 8, &rb, 8);
  return r;
}
template <class T> inline uint32_t allTrue(const wasm::V128& a) {
  for (unsigned i = 0; i < kLanes<T>; ++i)
    if (a.lane<T>(i) == 0) return 0;
  return 1;
}
template <class T> inline uint32_t bitmask(const wasm::V128& a) {
  using S = std::make_signed_t<T>;
  uint32_t m = 0;
  for (unsigned i = 0; i < kLanes<T>; ++i) m |= uint32_t(S(a.lane<T>(i)) < 0) << i;
  return m;
}
template <class T> inline wasm::V128 splat(T x) {
  wasm::V128 r;
  for (unsigned i = 0; i < kLanes<T>; ++i) r.setLane<T>(i, x);
  return r;
}
template <class T> inline wasm::V128 loadLane(const uint8_t* p, wasm::V128 v, uint8_t lane) {
  std::memcpy(v.bytes + (lane & (kLanes<T> - 1)) * sizeof(T), p, sizeof(T));
  return v;
}
template <class T> inline void storeLane(uint8_t* p, const wasm::V128& v, uint8_t lane) {
  std::memcpy(p, v.bytes + (lane & (kLanes<T> - 1)) * sizeof(T), sizeof(T));
}
template <class Narrow, class Wide> inline wasm::V128 loadExtend(const uint8_t* p) {
  typedef Narrow Half __attribute__((vector_size(8)));
  typedef Wide Full __attribute__((vector_size(16)));
  Half h;
  std::memcpy(&h, p, 8);
  return vec(__builtin_convertvector(h, Full));
}
template <class T> inline wasm::V128 loadZero(const uint8_t* p) {
  wasm::V128 r{};
  std::memcpy(r.bytes, p, sizeof(T));
  return r;
}
template <class T> inline wasm::V128 loadSplat(const uint8_t* p) {
  T x;
  std::memcpy(&x, p, sizeof(T));
  return splat<T>(x);
}

}  // namespace simd

// ---- memory --------------------------------------------------------------------------------------------
inline wasm::V128 V128Load(const uint8_t* p) {
  wasm::V128 r;
  std::memcpy(r.bytes, p, 16);
  return r;
}
inline wasm::V128 V128Load8x8S(const uint8_t* p) { return simd::loadExtend<int8_t, int16_t>(p); }
inline wasm::V128 V128Load8x8U(const uint8_t* p) { return simd::loadExtend<uint8_t, uint16_t>(p); }
inline wasm::V128 V128Load16x4S(const uint8_t* p) { return simd::loadExtend<int16_t, int32_t>(p); }
inline wasm::V128 V128Load16x4U(const uint8_t* p) { return simd::loadExtend<uint16_t, uint32_t>(p); }
inline wasm::V128 V128Load32x2S(const uint8_t* p) { return simd::loadExtend<int32_t, int64_t>(p); }
inline wasm::V128 V128Load32x2U(const uint8_t* p) { return simd::loadExtend<uint32_t, uint64_t>(p); }
inline wasm::V128 V128Load8Splat(const uint8_t* p) { return simd::loadSplat<uint8_t>(p); }
inline wasm::V128 V128Load16Splat(const uint8_t* p) { return simd::loadSplat<uint16_t>(p); }
inline wasm::V128 V128Load32Splat(const uint8_t* p) { return simd::loadSplat<uint32_t>(p); }
inline wasm::V128 V128Load64Splat(const uint8_t* p) { return simd::loadSplat<uint64_t>(p); }
inline void V128Store(uint8_t* p, wasm::V128 v) { std::memcpy(p, v.bytes, 16); }
inline wasm::V128 V128Load8Lane(const uint8_t* p, wasm::V128 v, uint8_t lane) { return simd::loadLane<uint8_t>(p, v, lane); }
inline wasm::V128 V128Load16Lane(const uint8_t* p, wasm::V128 v, uint8_t lane) { return simd::loadLane<uint16_t>(p, v, lane); }
inline wasm::V128 V128Load32Lane(const uint8_t* p, wasm::V128 v, uint8_t lane) { return simd::loadLane<uint32_t>(p, v, lane); }
inline wasm::V128 V128Load64Lane(const uint8_t* p, wasm::V128 v, uint8_t lane) { return simd::loadLane<uint64_t>(p, v, lane); }
inline void V128Store8Lane(uint8_t* p, wasm::V128 v, uint8_t lane) { simd::storeLane<uint8_t>(p, v, lane); }
inline void V128Store16Lane(uint8_t* p, wasm::V128 v, uint8_t lane) { simd::storeLane<uint16_t>(p, v, lane); }
inline void V128Store32Lane(uint8_t* p, wasm::V128 v, uint8_t lane) { simd::storeLane<uint32_t>(p, v, lane); }
inline void V128Store64Lane(uint8_t* p, wasm::V128 v, uint8_t lane) { simd::storeLane<uint64_t>(p, v, lane); }
inline wasm::V128 V128Load32Zero(const uint8_t* p) { return simd::loadZero<uint32_t>(p); }
inline wasm::V128 V128Load64Zero(const uint8_t* p) { return simd::loadZero<uint64_t>(p); }

// ---- shuffles, splats, lanes ---------------------------------------------------------------------------
inline wasm::V128 I8x16Shuffle(wasm::V128 a, wasm::V128 b, const wasm::V128& lanes) {
  uint8_t both[32];
  std::memcpy(both, a.bytes, 16);
  std::memcpy(both + 16, b.bytes, 16);
  wasm::V128 r;
  for (unsigned i = 0; i < 16; ++i) r.bytes[i] = both[lanes.bytes[i] & 31];
  return r;
}
inline wasm::V128 I8x16Swizzle(wasm::V128 a, wasm::V128 s) {
  wasm::V128 r;
  for (unsigned i = 0; i < 16; ++i) r.bytes[i] = s.bytes[i] < 16 ? a.bytes[s.bytes[i]] : 0;
  return r;
}
inline wasm::V128 I8x16Splat(uint32_t x) { return simd::splat<uint8_t>(uint8_t(x)); }
inline wasm::V128 I16x8Splat(uint32_t x) { return simd::splat<uint16_t>(uint16_t(x)); }
inline wasm::V128 I32x4Splat(uint32_t x) { return simd::splat<uint32_t>(x); }
inline wasm::V128 I64x2Splat(uint64_t x) { return simd::splat<uint64_t>(x); }
inline wasm::V128 F32x4Splat(float x) { return simd::splat<float>(x); }
inline wasm::V128 F64x2Splat(double x) { return simd::splat<double>(x); }
inline uint32_t I8x16ExtractLaneS(wasm::V128 a, uint8_t lane) { return uint32_t(int32_t(a.lane<int8_t>(lane & 15))); }
inline uint32_t I8x16ExtractLaneU(wasm::V128 a, uint8_t lane) { return a.lane<uint8_t>(lane & 15); }
inline wasm::V128 I8x16ReplaceLane(wasm::V128 a, uint32_t x, uint8_t lane) {
  a.setLane<uint8_t>(lane & 15, uint8_t(x));
  return a;
}
inline uint32_t I16x8ExtractLaneS(wasm::V128 a, uint8_t lane) { return uint32_t(int32_t(a.lane<int16_t>(lane & 7))); }
inline uint32_t I16x8ExtractLaneU(wasm::V128 a, uint8_t lane) { return a.lane<uint16_t>(lane & 7); }
inline wasm::V128 I16x8ReplaceLane(wasm::V128 a, uint32_t x, uint8_t lane) {
  a.setLane<uint16_t>(lane & 7, uint16_t(x));
  return a;
}
inline uint32_t I32x4ExtractLane(wasm::V128 a, uint8_t lane) { return a.lane<uint32_t>(lane & 3); }
inline wasm::V128 I32x4ReplaceLane(wasm::V128 a, uint32_t x, uint8_t lane) {
  a.setLane<uint32_t>(lane & 3, x);
  return a;
}
inline uint64_t I64x2ExtractLane(wasm::V128 a, uint8_t lane) { return a.lane<uint64_t>(lane & 1); }
inline wasm::V128 I64x2ReplaceLane(wasm::V128 a, uint64_t x, uint8_t lane) {
  a.setLane<uint64_t>(lane & 1, x);
  return a;
}
inline float F32x4ExtractLane(wasm::V128 a, uint8_t lane) { return a.lane<float>(lane & 3); }
inline wasm::V128 F32x4ReplaceLane(wasm::V128 a, float x, uint8_t lane) {
  a.setLane<float>(lane & 3, x);
  return a;
}
inline double F64x2ExtractLane(wasm::V128 a, uint8_t lane) { return a.lane<double>(lane & 1); }
inline wasm::V128 F64x2ReplaceLane(wasm::V128 a, double x, uint8_t lane) {
  a.setLane<double>(lane & 1, x);
  return a;
}

// ---- integer comparisons -------------------------------------------------------------------------------
#define WASMC_SIMD_CMP(Name, V, op) \
  inline wasm::V128 Name(wasm::V128 a, wasm::V128 b) { return simd::vec(simd::as<simd::V>(a) op simd::as<simd::V>(b)); }
WASMC_SIMD_CMP(I8x16Eq, u8v, ==)
WASMC_SIMD_CMP(I8x16Ne, u8v, !=)
WASMC_SIMD_CMP(I8x16LtS, i8v, <)
WASMC_SIMD_CMP(I8x16LtU, u8v, <)
WASMC_SIMD_CMP(I8x16GtS, i8v, >)
WASMC_SIMD_CMP(I8x16GtU, u8v, >)
WASMC_SIMD_CMP(I8x16LeS, i8v, <=)
WASMC_SIMD_CMP(I8x16LeU, u8v, <=)
WASMC_SIMD_CMP(I8x16GeS, i8v, >=)
WASMC_SIMD_CMP(I8x16GeU, u8v, >=)
WASMC_SIMD_CMP(I16x8Eq, u16v, ==)
WASMC_SIMD_CMP(I16x8Ne, u16v, !=)
WASMC_SIMD_CMP(I16x8LtS, i16v, <)
WASMC_SIMD_CMP(I16x8LtU, u16v, <)
WASMC_SIMD_CMP(I16x8GtS, i16v, >)
WASMC_SIMD_CMP(I16x8GtU, u16v, >)
WASMC_SIMD_CMP(I16x8LeS, i16v, <=)
WASMC_SIMD_CMP(I16x8LeU, u16v, <=)
WASMC_SIMD_CMP(I16x8GeS, i16v, >=)
WASMC_SIMD_CMP(I16x8GeU, u16v, >=)
WASMC_SIMD_CMP(I32x4Eq, u32v, ==)
WASMC_SIMD_CMP(I32x4Ne, u32v, !=)
WASMC_SIMD_CMP(I32x4LtS, i32v, <)
WASMC_SIMD_CMP(I32x4LtU, u32v, <)
WASMC_SIMD_CMP(I32x4GtS, i32v, >)
WASMC_SIMD_CMP(I32x4GtU, u32v, >)
WASMC_SIMD_CMP(I32x4LeS, i32v, <=)
WASMC_SIMD_CMP(I32x4LeU, u32v, <=)
WASMC_SIMD_CMP(I32x4GeS, i32v, >=)
WASMC_SIMD_CMP(I32x4GeU, u32v, >=)
WASMC_SIMD_CMP(I64x2Eq, u64v, ==)
WASMC_SIMD_CMP(I64x2Ne, u64v, !=)
WASMC_SIMD_CMP(I64x2LtS, i64v, <)
WASMC_SIMD_CMP(I64x2GtS, i64v, >)
WASMC_SIMD_CMP(I64x2LeS, i64v, <=)
WASMC_SIMD_CMP(I64x2GeS, i64v, >=)
// Float lanes: IEEE ordered compares (NaN -> false, ne -> true), all-ones/zero integer lanes.
WASMC_SIMD_CMP(F32x4Eq, f32v, ==)
WASMC_SIMD_CMP(F32x4Ne, f32v, !=)
WASMC_SIMD_CMP(F32x4Lt, f32v, <)
WASMC_SIMD_CMP(F32x4Gt, f32v, >)
WASMC_SIMD_CMP(F32x4Le, f32v, <=)
WASMC_SIMD_CMP(F32x4Ge, f32v, >=)
WASMC_SIMD_CMP(F64x2Eq, f64v, ==)
WASMC_SIMD_CMP(F64x2Ne, f64v, !=)
WASMC_SIMD_CMP(F64x2Lt, f64v, <)
WASMC_SIMD_CMP(F64x2Gt, f64v, >)
WASMC_SIMD_CMP(F64x2Le, f64v, <=)
WASMC_SIMD_CMP(F64x2Ge, f64v, >=)
#undef WASMC_SIMD_CMP

// ---- bitwise -------------------------------------------------------------------------------------------
inline wasm::V128 V128Not(wasm::V128 a) { return simd::vec(~simd::as<simd::u64v>(a)); }
inline wasm::V128 V128And(wasm::V128 a, wasm::V128 b) { return simd::vec(simd::as<simd::u64v>(a) & simd::as<simd::u64v>(b)); }
inline wasm::V128 V128AndNot(wasm::V128 a, wasm::V128 b) {
  return simd::vec(simd::as<simd::u64v>(a) & ~simd::as<simd::u64v>(b));
}
inline wasm::V128 V128Or(wasm::V128 a, wasm::V128 b) { return simd::vec(simd::as<simd::u64v>(a) | simd::as<simd::u64v>(b)); }
inline wasm::V128 V128Xor(wasm::V128 a, wasm::V128 b) { return simd::vec(simd::as<simd::u64v>(a) ^ simd::as<simd::u64v>(b)); }
inline wasm::V128 V128Bitselect(wasm::V128 a, wasm::V128 b, wasm::V128 c) {
  simd::u64v m = simd::as<simd::u64v>(c);
  return simd::vec((simd::as<simd::u64v>(a) & m) | (simd::as<simd::u64v>(b) & ~m));
}
inline uint32_t V128AnyTrue(wasm::V128 a) { return (a.lane<uint64_t>(0) | a.lane<uint64_t>(1)) != 0; }

// ---- integer lane arithmetic ---------------------------------------------------------------------------
#define WASMC_SIMD_BIN(Name, V, op) \
  inline wasm::V128 Name(wasm::V128 a, wasm::V128 b) { return simd::vec(simd::as<simd::V>(a) op simd::as<simd::V>(b)); }
WASMC_SIMD_BIN(I8x16Add, u8v, +)
WASMC_SIMD_BIN(I8x16Sub, u8v, -)
WASMC_SIMD_BIN(I16x8Add, u16v, +)
WASMC_SIMD_BIN(I16x8Sub, u16v, -)
WASMC_SIMD_BIN(I16x8Mul, u16v, *)
WASMC_SIMD_BIN(I32x4Add, u32v, +)
WASMC_SIMD_BIN(I32x4Sub, u32v, -)
WASMC_SIMD_BIN(I32x4Mul, u32v, *)
WASMC_SIMD_BIN(I64x2Add, u64v, +)
WASMC_SIMD_BIN(I64x2Sub, u64v, -)
WASMC_SIMD_BIN(I64x2Mul, u64v, *)
WASMC_SIMD_BIN(F32x4Add, f32v, +)
WASMC_SIMD_BIN(F32x4Sub, f32v, -)
WASMC_SIMD_BIN(F32x4Div, f32v, /)
WASMC_SIMD_BIN(F64x2Add, f64v, +)
WASMC_SIMD_BIN(F64x2Sub, f64v, -)
WASMC_SIMD_BIN(F64x2Div, f64v, /)
#undef WASMC_SIMD_BIN
inline wasm::V128 F32x4Mul(wasm::V128 a, wasm::V128 b) {
  return simd::vec(detail::noContract(simd::as<simd::f32v>(a) * simd::as<simd::f32v>(b)));
}
inline wasm::V128 F64x2Mul(wasm::V128 a, wasm::V128 b) {
  return simd::vec(detail::noContract(simd::as<simd::f64v>(a) * simd::as<simd::f64v>(b)));
}

// min/max: lane-wise select on a vector compare.
#define WASMC_SIMD_SEL(Name, V, op)                                    \
  inline wasm::V128 Name(wasm::V128 a, wasm::V128 b) {                 \
    simd::V x = simd::as<simd::V>(a), y = simd::as<simd::V>(b);        \
    return simd::vec(x op y ? x : y);                                  \
  }
WASMC_SIMD_SEL(I8x16MinS, i8v, <)
WASMC_SIMD_SEL(I8x16MinU, u8v, <)
WASMC_SIMD_SEL(I8x16MaxS, i8v, >)
WASMC_SIMD_SEL(I8x16MaxU, u8v, >)
WASMC_SIMD_SEL(I16x8MinS, i16v, <)
WASMC_SIMD_SEL(I16x8MinU, u16v, <)
WASMC_SIMD_SEL(I16x8MaxS, i16v, >)
WASMC_SIMD_SEL(I16x8MaxU, u16v, >)
WASMC_SIMD_SEL(I32x4MinS, i32v, <)
WASMC_SIMD_SEL(I32x4MinU, u32v, <)
WASMC_SIMD_SEL(I32x4MaxS, i32v, >)
WASMC_SIMD_SEL(I32x4MaxU, u32v, >)
#undef WASMC_SIMD_SEL

// Negation and abs wrap (abs(INT_MIN) = INT_MIN), computed on the unsigned view.
#define WASMC_SIMD_NEG_ABS(Neg, Abs, S, U)                                        \
  inline wasm::V128 Neg(wasm::V128 a) { return simd::vec(-simd::as<simd::U>(a)); } \
  inline wasm::V128 Abs(wasm::V128 a) {                                          \
    simd::U u = simd::as<simd::U>(a);                                            \
    return simd::vec(simd::as<simd::S>(a) < 0 ? -u : u);                         \
  }
WASMC_SIMD_NEG_ABS(I8x16Neg, I8x16Abs, i8v, u8v)
WASMC_SIMD_NEG_ABS(I16x8Neg, I16x8Abs, i16v, u16v)
WASMC_SIMD_NEG_ABS(I32x4Neg, I32x4Abs, i32v, u32v)
WASMC_SIMD_NEG_ABS(I64x2Neg, I64x2Abs, i64v, u64v)
#undef WASMC_SIMD_NEG_ABS

// Shifts: the count is taken modulo the lane width.
#define WASMC_SIMD_SHIFTS(Shl, ShrS, ShrU, S, U, Bits)                                               \
  inline wasm::V128 Shl(wasm::V128 a, uint32_t n) { return simd::vec(simd::as<simd::U>(a) << int(n & (Bits - 1))); } \
  inline wasm::V128 ShrS(wasm::V128 a, uint32_t n) { return simd::vec(simd::as<simd::S>(a) >> int(n & (Bits - 1))); } \
  inline wasm::V128 ShrU(wasm::V128 a, uint32_t n) { return simd::vec(simd::as<simd::U>(a) >> int(n & (Bits - 1))); }
WASMC_SIMD_SHIFTS(I8x16Shl, I8x16ShrS, I8x16ShrU, i8v, u8v, 8)
WASMC_SIMD_SHIFTS(I16x8Shl, I16x8ShrS, I16x8ShrU, i16v, u16v, 16)
WASMC_SIMD_SHIFTS(I32x4Shl, I32x4ShrS, I32x4ShrU, i32v, u32v, 32)
WASMC_SIMD_SHIFTS(I64x2Shl, I64x2ShrS, I64x2ShrU, i64v, u64v, 64)
#undef WASMC_SIMD_SHIFTS

inline wasm::V128 I8x16AddSatS(wasm::V128 a, wasm::V128 b) { return simd::addSatS<simd::i8v, simd::u8v>(a, b); }
inline wasm::V128 I8x16AddSatU(wasm::V128 a, wasm::V128 b) { return simd::addSatU<simd::u8v>(a, b); }
inline wasm::V128 I8x16SubSatS(wasm::V128 a, wasm::V128 b) { return simd::subSatS<simd::i8v, simd::u8v>(a, b); }
inline wasm::V128 I8x16SubSatU(wasm::V128 a, wasm::V128 b) { return simd::subSatU<simd::u8v>(a, b); }
inline wasm::V128 I16x8AddSatS(wasm::V128 a, wasm::V128 b) { return simd::addSatS<simd::i16v, simd::u16v>(a, b); }
inline wasm::V128 I16x8AddSatU(wasm::V128 a, wasm::V128 b) { return simd::addSatU<simd::u16v>(a, b); }
inline wasm::V128 I16x8SubSatS(wasm::V128 a, wasm::V128 b) { return simd::subSatS<simd::i16v, simd::u16v>(a, b); }
inline wasm::V128 I16x8SubSatU(wasm::V128 a, wasm::V128 b) { return simd::subSatU<simd::u16v>(a, b); }
inline wasm::V128 I8x16AvgrU(wasm::V128 a, wasm::V128 b) { return simd::avgrU<simd::u8v>(a, b); }
inline wasm::V128 I16x8AvgrU(wasm::V128 a, wasm::V128 b) { return simd::avgrU<simd::u16v>(a, b); }
inline wasm::V128 I16x8Q15mulrSatS(wasm::V128 a, wasm::V128 b) {
  typedef int32_t W __attribute__((vector_size(32)));
  W x = __builtin_convertvector(simd::as<simd::i16v>(a), W), y = __builtin_convertvector(simd::as<simd::i16v>(b), W);
  W p = (x * y + 0x4000) >> 15;  // |x * y| <= 2^30: no overflow; only (-32768)^2 exceeds INT16_MAX
  W mx = W{} + 32767;
  return simd::vec(__builtin_convertvector(p > mx ? mx : p, simd::i16v));
}
inline wasm::V128 I8x16Popcnt(wasm::V128 a) {
  return simd::map<uint8_t>(a, [](uint8_t x) { return uint8_t(std::popcount(x)); });
}
inline wasm::V128 I32x4DotI16x8S(wasm::V128 a, wasm::V128 b) {
  wasm::V128 r;
  for (unsigned i = 0; i < 4; ++i) {
    int64_t s = int64_t(a.lane<int16_t>(2 * i)) * b.lane<int16_t>(2 * i) +
                int64_t(a.lane<int16_t>(2 * i + 1)) * b.lane<int16_t>(2 * i + 1);
    r.setLane<uint32_t>(i, uint32_t(s));
  }
  return r;
}

// ---- all_true / bitmask / narrow / extend / extadd / extmul ---------------------------------------------
inline uint32_t I8x16AllTrue(wasm::V128 a) { return simd::allTrue<uint8_t>(a); }
inline uint32_t I16x8AllTrue(wasm::V128 a) { return simd::allTrue<uint16_t>(a); }
inline uint32_t I32x4AllTrue(wasm::V128 a) { return simd::allTrue<uint32_t>(a); }
inline uint32_t I64x2AllTrue(wasm::V128 a) { return simd::allTrue<uint64_t>(a); }
inline uint32_t I8x16Bitmask(wasm::V128 a) { return simd::bitmask<uint8_t>(a); }
inline uint32_t I16x8Bitmask(wasm::V128 a) { return simd::bitmask<uint16_t>(a); }
inline uint32_t I32x4Bitmask(wasm::V128 a) { return simd::bitmask<uint32_t>(a); }
inline uint32_t I64x2Bitmask(wasm::V128 a) { return simd::bitmask<uint64_t>(a); }
inline wasm::V128 I8x16NarrowI16x8S(wasm::V128 a, wasm::V128 b) { return simd::narrow<int16_t, int8_t>(a, b); }
inline wasm::V128 I8x16NarrowI16x8U(wasm::V128 a, wasm::V128 b) { return simd::narrow<int16_t, uint8_t>(a, b); }
inline wasm::V128 I16x8NarrowI32x4S(wasm::V128 a, wasm::V128 b) { return simd::narrow<int32_t, int16_t>(a, b); }
inline wasm::V128 I16x8NarrowI32x4U(wasm::V128 a, wasm::V128 b) { return simd::narrow<int32_t, uint16_t>(a, b); }
inline wasm::V128 I16x8ExtendLowI8x16S(wasm::V128 a) { return simd::extendHalf<int8_t, int16_t>(a, false); }
inline wasm::V128 I16x8ExtendHighI8x16S(wasm::V128 a) { return simd::extendHalf<int8_t, int16_t>(a, true); }
inline wasm::V128 I16x8ExtendLowI8x16U(wasm::V128 a) { return simd::extendHalf<uint8_t, uint16_t>(a, false); }
inline wasm::V128 I16x8ExtendHighI8x16U(wasm::V128 a) { return simd::extendHalf<uint8_t, uint16_t>(a, true); }
inline wasm::V128 I32x4ExtendLowI16x8S(wasm::V128 a) { return simd::extendHalf<int16_t, int32_t>(a, false); }
inline wasm::V128 I32x4ExtendHighI16x8S(wasm::V128 a) { return simd::extendHalf<int16_t, int32_t>(a, true); }
inline wasm::V128 I32x4ExtendLowI16x8U(wasm::V128 a) { return simd::extendHalf<uint16_t, uint32_t>(a, false); }
inline wasm::V128 I32x4ExtendHighI16x8U(wasm::V128 a) { return simd::extendHalf<uint16_t, uint32_t>(a, true); }
inline wasm::V128 I64x2ExtendLowI32x4S(wasm::V128 a) { return simd::extendHalf<int32_t, int64_t>(a, false); }
inline wasm::V128 I64x2ExtendHighI32x4S(wasm::V128 a) { return simd::extendHalf<int32_t, int64_t>(a, true); }
inline wasm::V128 I64x2ExtendLowI32x4U(wasm::V128 a) { return simd::extendHalf<uint32_t, uint64_t>(a, false); }
inline wasm::V128 I64x2ExtendHighI32x4U(wasm::V128 a) { return simd::extendHalf<uint32_t, uint64_t>(a, true); }
inline wasm::V128 I16x8ExtaddPairwiseI8x16S(wasm::V128 a) { return simd::extaddPairwise<int8_t, int16_t>(a); }
inline wasm::V128 I16x8ExtaddPairwiseI8x16U(wasm::V128 a) { return simd::extaddPairwise<uint8_t, uint16_t>(a); }
inline wasm::V128 I32x4ExtaddPairwiseI16x8S(wasm::V128 a) { return simd::extaddPairwise<int16_t, int32_t>(a); }
inline wasm::V128 I32x4ExtaddPairwiseI16x8U(wasm::V128 a) { return simd::extaddPairwise<uint16_t, uint32_t>(a); }
inline wasm::V128 I16x8ExtmulLowI8x16S(wasm::V128 a, wasm::V128 b) { return simd::extmulHalf<int8_t, int16_t>(a, b, false); }
inline wasm::V128 I16x8ExtmulHighI8x16S(wasm::V128 a, wasm::V128 b) { return simd::extmulHalf<int8_t, int16_t>(a, b, true); }
inline wasm::V128 I16x8ExtmulLowI8x16U(wasm::V128 a, wasm::V128 b) { return simd::extmulHalf<uint8_t, uint16_t>(a, b, false); }
inline wasm::V128 I16x8ExtmulHighI8x16U(wasm::V128 a, wasm::V128 b) { return simd::extmulHalf<uint8_t, uint16_t>(a, b, true); }
inline wasm::V128 I32x4ExtmulLowI16x8S(wasm::V128 a, wasm::V128 b) { return simd::extmulHalf<int16_t, int32_t>(a, b, false); }
inline wasm::V128 I32x4ExtmulHighI16x8S(wasm::V128 a, wasm::V128 b) { return simd::extmulHalf<int16_t, int32_t>(a, b, true); }
inline wasm::V128 I32x4ExtmulLowI16x8U(wasm::V128 a, wasm::V128 b) { return simd::extmulHalf<uint16_t, uint32_t>(a, b, false); }
inline wasm::V128 I32x4ExtmulHighI16x8U(wasm::V128 a, wasm::V128 b) { return simd::extmulHalf<uint16_t, uint32_t>(a, b, true); }
inline wasm::V128 I64x2ExtmulLowI32x4S(wasm::V128 a, wasm::V128 b) { return simd::extmulHalf<int32_t, int64_t>(a, b, false); }
inline wasm::V128 I64x2ExtmulHighI32x4S(wasm::V128 a, wasm::V128 b) { return simd::extmulHalf<int32_t, int64_t>(a, b, true); }
inline wasm::V128 I64x2ExtmulLowI32x4U(wasm::V128 a, wasm::V128 b) { return simd::extmulHalf<uint32_t, uint64_t>(a, b, false); }
inline wasm::V128 I64x2ExtmulHighI32x4U(wasm::V128 a, wasm::V128 b) { return simd::extmulHalf<uint32_t, uint64_t>(a, b, true); }

// ---- float lanes: the scalar functions applied per lane -------------------------------------------------
inline wasm::V128 F32x4Abs(wasm::V128 a) { return simd::vec(simd::as<simd::u32v>(a) & 0x7FFFFFFFu); }
inline wasm::V128 F32x4Neg(wasm::V128 a) { return simd::vec(simd::as<simd::u32v>(a) ^ 0x80000000u); }
inline wasm::V128 F64x2Abs(wasm::V128 a) { return simd::vec(simd::as<simd::u64v>(a) & 0x7FFFFFFFFFFFFFFFull); }
inline wasm::V128 F64x2Neg(wasm::V128 a) { return simd::vec(simd::as<simd::u64v>(a) ^ 0x8000000000000000ull); }
inline wasm::V128 F32x4Sqrt(wasm::V128 a) { return simd::map<float>(a, F32Sqrt); }
inline wasm::V128 F32x4Ceil(wasm::V128 a) { return simd::map<float>(a, F32Ceil); }
inline wasm::V128 F32x4Floor(wasm::V128 a) { return simd::map<float>(a, F32Floor); }
inline wasm::V128 F32x4Trunc(wasm::V128 a) { return simd::map<float>(a, F32Trunc); }
inline wasm::V128 F32x4Nearest(wasm::V128 a) { return simd::map<float>(a, F32Nearest); }
inline wasm::V128 F64x2Sqrt(wasm::V128 a) { return simd::map<double>(a, F64Sqrt); }
inline wasm::V128 F64x2Ceil(wasm::V128 a) { return simd::map<double>(a, F64Ceil); }
inline wasm::V128 F64x2Floor(wasm::V128 a) { return simd::map<double>(a, F64Floor); }
inline wasm::V128 F64x2Trunc(wasm::V128 a) { return simd::map<double>(a, F64Trunc); }
inline wasm::V128 F64x2Nearest(wasm::V128 a) { return simd::map<double>(a, F64Nearest); }
inline wasm::V128 F32x4Min(wasm::V128 a, wasm::V128 b) { return simd::fminV<simd::f32v, simd::u32v>(a, b); }
inline wasm::V128 F32x4Max(wasm::V128 a, wasm::V128 b) { return simd::fmaxV<simd::f32v, simd::u32v>(a, b); }
inline wasm::V128 F64x2Min(wasm::V128 a, wasm::V128 b) { return simd::fminV<simd::f64v, simd::u64v>(a, b); }
inline wasm::V128 F64x2Max(wasm::V128 a, wasm::V128 b) { return simd::fmaxV<simd::f64v, simd::u64v>(a, b); }
// Pseudo-min/max: b < a ? b : a (returns a, bit-exact, when unordered or equal).
inline wasm::V128 F32x4Pmin(wasm::V128 a, wasm::V128 b) {
  simd::f32v x = simd::as<simd::f32v>(a), y = simd::as<simd::f32v>(b);
  return simd::vec(y < x ? simd::as<simd::u32v>(b) : simd::as<simd::u32v>(a));
}
inline wasm::V128 F32x4Pmax(wasm::V128 a, wasm::V128 b) {
  simd::f32v x = simd::as<simd::f32v>(a), y = simd::as<simd::f32v>(b);
  return simd::vec(x < y ? simd::as<simd::u32v>(b) : simd::as<simd::u32v>(a));
}
inline wasm::V128 F64x2Pmin(wasm::V128 a, wasm::V128 b) {
  simd::f64v x = simd::as<simd::f64v>(a), y = simd::as<simd::f64v>(b);
  return simd::vec(y < x ? simd::as<simd::u64v>(b) : simd::as<simd::u64v>(a));
}
inline wasm::V128 F64x2Pmax(wasm::V128 a, wasm::V128 b) {
  simd::f64v x = simd::as<simd::f64v>(a), y = simd::as<simd::f64v>(b);
  return simd::vec(x < y ? simd::as<simd::u64v>(b) : simd::as<simd::u64v>(a));
}

// ---- float <-> int and float <-> float lane conversions --------------------------------------------------
inline wasm::V128 I32x4TruncSatF32x4S(wasm::V128 a) { return simd::map<float, uint32_t>(a, I32TruncSatF32S); }
inline wasm::V128 I32x4TruncSatF32x4U(wasm::V128 a) { return simd::map<float, uint32_t>(a, I32TruncSatF32U); }
inline wasm::V128 F32x4ConvertI32x4S(wasm::V128 a) { return simd::map<uint32_t, float>(a, F32ConvertI32S); }
inline wasm::V128 F32x4ConvertI32x4U(wasm::V128 a) { return simd::map<uint32_t, float>(a, F32ConvertI32U); }
inline wasm::V128 I32x4TruncSatF64x2SZero(wasm::V128 a) {
  wasm::V128 r{};
  for (unsigned i = 0; i < 2; ++i) r.setLane<uint32_t>(i, I32TruncSatF64S(a.lane<double>(i)));
  return r;
}
inline wasm::V128 I32x4TruncSatF64x2UZero(wasm::V128 a) {
  wasm::V128 r{};
  for (unsigned i = 0; i < 2; ++i) r.setLane<uint32_t>(i, I32TruncSatF64U(a.lane<double>(i)));
  return r;
}
inline wasm::V128 F64x2ConvertLowI32x4S(wasm::V128 a) {
  wasm::V128 r;
  for (unsigned i = 0; i < 2; ++i) r.setLane<double>(i, F64ConvertI32S(a.lane<uint32_t>(i)));
  return r;
}
inline wasm::V128 F64x2ConvertLowI32x4U(wasm::V128 a) {
  wasm::V128 r;
  for (unsigned i = 0; i < 2; ++i) r.setLane<double>(i, F64ConvertI32U(a.lane<uint32_t>(i)));
  return r;
}
inline wasm::V128 F32x4DemoteF64x2Zero(wasm::V128 a) {
  wasm::V128 r{};
  for (unsigned i = 0; i < 2; ++i) r.setLane<float>(i, F32DemoteF64(a.lane<double>(i)));
  return r;
}
inline wasm::V128 F64x2PromoteLowF32x4(wasm::V128 a) {
  wasm::V128 r;
  for (unsigned i = 0; i < 2; ++i) r.setLane<double>(i, F64PromoteF32(a.lane<float>(i)));
  return r;
}

}  // namespace wasmc::sem
