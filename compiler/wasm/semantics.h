// compiler/wasm/semantics.h — Wasm scalar operator semantics as pure inline functions (wasmc::sem), one per
// Simple/Trapping/Load/Store operator of opcodes.def, named like its Opcode: the interpreter and constant
// folding both call these, so numeric semantics are decided here only. SIMD lives in semantics_simd.h.
// Invariants: no UB (bit_cast/memcpy punning, masked shift counts, unsigned wrap-around, range checks before
// float->int casts); NaN-producing ops return a NaN, abs/neg/copysign touch only the sign bit.
#pragma once
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "runtime/traps.h"
#include "wasm/types.h"

static_assert(std::endian::native == std::endian::little, "wasmc semantics assume a little-endian host");
static_assert(sizeof(float) == 4 && sizeof(double) == 8, "IEEE binary32/binary64 expected");
static_assert(FLT_EVAL_METHOD == 0, "float/double arithmetic must round to its own type (no x87 excess precision)");

namespace wasmc::sem {

namespace detail {

constexpr uint32_t kF32Sign = 0x80000000u;
constexpr uint64_t kF64Sign = 0x8000000000000000ull;

inline uint32_t bits(float f) { return std::bit_cast<uint32_t>(f); }
inline uint64_t bits(double d) { return std::bit_cast<uint64_t>(d); }
inline float f32(uint32_t b) { return std::bit_cast<float>(b); }
inline double f64(uint64_t b) { return std::bit_cast<double>(b); }

// Wasm forbids fusing a multiply with a following add/sub (one rounding instead of two). Once inlined,
// GCC contracts a*b+c into an FMA (AArch64, x86 with -mfma) whatever -ffp-contract the includer uses, so
// every multiply result passes through an empty asm that pins it to a register: free, but opaque.
template <class T> inline T noContract(T v) {
#if defined(__x86_64__)
  asm("" : "+x"(v));
#elif defined(__aarch64__)
  asm("" : "+w"(v));
#else
#error "wasmc semantics: add the FP register constraint for this host"
#endif
  return v;
}

template <class T> inline T loadLE(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}
template <class T> inline void storeLE(uint8_t* p, T v) { std::memcpy(p, &v, sizeof(T)); }

// Wasm min/max: NaN if either operand is NaN (a + b propagates a quiet NaN, canonical stays canonical);
// -0 < +0. For equal operands (only ±0 can differ) OR/AND of the bits picks the right zero.
inline float fmin32(float a, float b) {
  if (a != a || b != b) return a + b;
  if (a == b) return f32(bits(a) | bits(b));
  return a < b ? a : b;
}
inline float fmax32(float a, float b) {
  if (a != a || b != b) return a + b;
  if (a == b) return f32(bits(a) & bits(b));
  return a > b ? a : b;
}
inline double fmin64(double a, double b) {
  if (a != a || b != b) return a + b;
  if (a == b) return f64(bits(a) | bits(b));
  return a < b ? a : b;
}
inline double fmax64(double a, double b) {
  if (a != a || b != b) return a + b;
  if (a == b) return f64(bits(a) & bits(b));
  return a > b ? a : b;
}

// Float -> int truncation. Bounds are exact powers of two (or the next representable value below the
// minimum), so the comparisons decide validity without rounding: valid iff lo < x < hi (lo exclusive).
template <class I, class F> inline TrapCode truncChecked(I& out, F x, F loExclusive, F hiExclusive) {
  if (x != x) return TrapCode::InvalidConversion;
  if (!(x > loExclusive && x < hiExclusive)) return TrapCode::IntOverflow;
  out = static_cast<I>(x);
  return TrapCode::None;
}
template <class I, class F> inline I truncSat(F x, F loExclusive, F hiExclusive, I minV, I maxV) {
  if (x != x) return 0;
  if (!(x > loExclusive)) return minV;
  if (!(x < hiExclusive)) return maxV;
  return static_cast<I>(x);
}

// Exclusive bounds: -2^31-1 rounds below -2^31 in f64 but f32's neighbour of -2^31 is -2^31-256.
constexpr float kF32I32Lo = -2147483904.0f, kF32I32Hi = 2147483648.0f;
constexpr double kF64I32Lo = -2147483649.0, kF64I32Hi = 2147483648.0;
constexpr float kF32I64Lo = -9223373136366403584.0f, kF32I64Hi = 9223372036854775808.0f;
constexpr double kF64I64Lo = -9223372036854777856.0, kF64I64Hi = 9223372036854775808.0;
constexpr float kF32U32Hi = 4294967296.0f, kF32U64Hi = 18446744073709551616.0f;
constexpr double kF64U32Hi = 4294967296.0, kF64U64Hi = 18446744073709551616.0;

}  // namespace detail

// ---- i32 / i64 comparisons ---------------------------------------------------------------------------
inline uint32_t I32Eqz(uint32_t a) { return a == 0; }
inline uint32_t I32Eq(uint32_t a, uint32_t b) { return a == b; }
inline uint32_t I32Ne(uint32_t a, uint32_t b) { return a != b; }
inline uint32_t I32LtS(uint32_t a, uint32_t b) { return int32_t(a) < int32_t(b); }
inline uint32_t I32LtU(uint32_t a, uint32_t b) { return a < b; }
inline uint32_t I32GtS(uint32_t a, uint32_t b) { return int32_t(a) > int32_t(b); }
inline uint32_t I32GtU(uint32_t a, uint32_t b) { return a > b; }
inline uint32_t I32LeS(uint32_t a, uint32_t b) { return int32_t(a) <= int32_t(b); }
inline uint32_t I32LeU(uint32_t a, uint32_t b) { return a <= b; }
inline uint32_t I32GeS(uint32_t a, uint32_t b) { return int32_t(a) >= int32_t(b); }
inline uint32_t I32GeU(uint32_t a, uint32_t b) { return a >= b; }
inline uint32_t I64Eqz(uint64_t a) { return a == 0; }
inline uint32_t I64Eq(uint64_t a, uint64_t b) { return a == b; }
inline uint32_t I64Ne(uint64_t a, uint64_t b) { return a != b; }
inline uint32_t I64LtS(uint64_t a, uint64_t b) { return int64_t(a) < int64_t(b); }
inline uint32_t I64LtU(uint64_t a, uint64_t b) { return a < b; }
inline uint32_t I64GtS(uint64_t a, uint64_t b) { return int64_t(a) > int64_t(b); }
inline uint32_t I64GtU(uint64_t a, uint64_t b) { return a > b; }
inline uint32_t I64LeS(uint64_t a, uint64_t b) { return int64_t(a) <= int64_t(b); }
inline uint32_t I64LeU(uint64_t a, uint64_t b) { return a <= b; }
inline uint32_t I64GeS(uint64_t a, uint64_t b) { return int64_t(a) >= int64_t(b); }
inline uint32_t I64GeU(uint64_t a, uint64_t b) { return a >= b; }

// ---- float comparisons (IEEE: unordered compares false, ne true) -------------------------------------
inline uint32_t F32Eq(float a, float b) { return a == b; }
inline uint32_t F32Ne(float a, float b) { return a != b; }
inline uint32_t F32Lt(float a, float b) { return a < b; }
inline uint32_t F32Gt(float a, float b) { return a > b; }
inline uint32_t F32Le(float a, float b) { return a <= b; }
inline uint32_t F32Ge(float a, float b) { return a >= b; }
inline uint32_t F64Eq(double a, double b) { return a == b; }
inline uint32_t F64Ne(double a, double b) { return a != b; }
inline uint32_t F64Lt(double a, double b) { return a < b; }
inline uint32_t F64Gt(double a, double b) { return a > b; }
inline uint32_t F64Le(double a, double b) { return a <= b; }
inline uint32_t F64Ge(double a, double b) { return a >= b; }

// ---- i32 arithmetic ----------------------------------------------------------------------------------
inline uint32_t I32Clz(uint32_t a) { return uint32_t(std::countl_zero(a)); }
inline uint32_t I32Ctz(uint32_t a) { return uint32_t(std::countr_zero(a)); }
inline uint32_t I32Popcnt(uint32_t a) { return uint32_t(std::popcount(a)); }
inline uint32_t I32Add(uint32_t a, uint32_t b) { return a + b; }
inline uint32_t I32Sub(uint32_t a, uint32_t b) { return a - b; }
inline uint32_t I32Mul(uint32_t a, uint32_t b) { return a * b; }
inline TrapCode I32DivS(uint32_t& out, uint32_t a, uint32_t b) {
  if (b == 0) return TrapCode::IntDivByZero;
  if (a == 0x80000000u && b == 0xFFFFFFFFu) return TrapCode::IntOverflow;
  out = uint32_t(int32_t(a) / int32_t(b));
  return TrapCode::None;
}
inline TrapCode I32DivU(uint32_t& out, uint32_t a, uint32_t b) {
  if (b == 0) return TrapCode::IntDivByZero;
  out = a / b;
  return TrapCode::None;
}
inline TrapCode I32RemS(uint32_t& out, uint32_t a, uint32_t b) {
  if (b == 0) return TrapCode::IntDivByZero;
  out = b == 0xFFFFFFFFu ? 0 : uint32_t(int32_t(a) % int32_t(b));
  return TrapCode::None;
}
inline TrapCode I32RemU(uint32_t& out, uint32_t a, uint32_t b) {
  if (b == 0) return TrapCode::IntDivByZero;
  out = a % b;
  return TrapCode::None;
}
inline uint32_t I32And(uint32_t a, uint32_t b) { return a & b; }
inline uint32_t I32Or(uint32_t a, uint32_t b) { return a | b; }
inline uint32_t I32Xor(uint32_t a, uint32_t b) { return a ^ b; }
inline uint32_t I32Shl(uint32_t a, uint32_t b) { return a << (b & 31); }
inline uint32_t I32ShrS(uint32_t a, uint32_t b) { return uint32_t(int32_t(a) >> (b & 31)); }
inline uint32_t I32ShrU(uint32_t a, uint32_t b) { return a >> (b & 31); }
inline uint32_t I32Rotl(uint32_t a, uint32_t b) { return std::rotl(a, int(b & 31)); }
inline uint32_t I32Rotr(uint32_t a, uint32_t b) { return std::rotr(a, int(b & 31)); }

// ---- i64 arithmetic ----------------------------------------------------------------------------------
inline uint64_t I64Clz(uint64_t a) { return uint64_t(std::countl_zero(a)); }
inline uint64_t I64Ctz(uint64_t a) { return uint64_t(std::countr_zero(a)); }
inline uint64_t I64Popcnt(uint64_t a) { return uint64_t(std::popcount(a)); }
inline uint64_t I64Add(uint64_t a, uint64_t b) { return a + b; }
inline uint64_t I64Sub(uint64_t a, uint64_t b) { return a - b; }
inline uint64_t I64Mul(uint64_t a, uint64_t b) { return a * b; }
inline TrapCode I64DivS(uint64_t& out, uint64_t a, uint64_t b) {
  if (b == 0) return TrapCode::IntDivByZero;
  if (a == 0x8000000000000000ull && b == ~0ull) return TrapCode::IntOverflow;
  out = uint64_t(int64_t(a) / int64_t(b));
  return TrapCode::None;
}
inline TrapCode I64DivU(uint64_t& out, uint64_t a, uint64_t b) {
  if (b == 0) return TrapCode::IntDivByZero;
  out = a / b;
  return TrapCode::None;
}
inline TrapCode I64RemS(uint64_t& out, uint64_t a, uint64_t b) {
  if (b == 0) return TrapCode::IntDivByZero;
  out = b == ~0ull ? 0 : uint64_t(int64_t(a) % int64_t(b));
  return TrapCode::None;
}
inline TrapCode I64RemU(uint64_t& out, uint64_t a, uint64_t b) {
  if (b == 0) return TrapCode::IntDivByZero;
  out = a % b;
  return TrapCode::None;
}
inline uint64_t I64And(uint64_t a, uint64_t b) { return a & b; }
inline uint64_t I64Or(uint64_t a, uint64_t b) { return a | b; }
inline uint64_t I64Xor(uint64_t a, uint64_t b) { return a ^ b; }
inline uint64_t I64Shl(uint64_t a, uint64_t b) { return a << (b & 63); }
inline uint64_t I64ShrS(uint64_t a, uint64_t b) { return uint64_t(int64_t(a) >> (b & 63)); }
inline uint64_t I64ShrU(uint64_t a, uint64_t b) { return a >> (b & 63); }
inline uint64_t I64Rotl(uint64_t a, uint64_t b) { return std::rotl(a, int(b & 63)); }
inline uint64_t I64Rotr(uint64_t a, uint64_t b) { return std::rotr(a, int(b & 63)); }

// ---- f32 / f64 arithmetic ----------------------------------------------------------------------------
// libm's ceil/floor/trunc return a signalling NaN unchanged; Wasm wants a quiet (arithmetic) NaN: a + a.
inline float F32Abs(float a) { return detail::f32(detail::bits(a) & ~detail::kF32Sign); }
inline float F32Neg(float a) { return detail::f32(detail::bits(a) ^ detail::kF32Sign); }
inline float F32Ceil(float a) { return a != a ? a + a : std::ceil(a); }
inline float F32Floor(float a) { return a != a ? a + a : std::floor(a); }
inline float F32Trunc(float a) { return a != a ? a + a : std::trunc(a); }
inline float F32Nearest(float a) { return std::nearbyint(a); }
inline float F32Sqrt(float a) { return std::sqrt(a); }
inline float F32Add(float a, float b) { return a + b; }
inline float F32Sub(float a, float b) { return a - b; }
inline float F32Mul(float a, float b) { return detail::noContract(a * b); }
inline float F32Div(float a, float b) { return a / b; }
inline float F32Min(float a, float b) { return detail::fmin32(a, b); }
inline float F32Max(float a, float b) { return detail::fmax32(a, b); }
inline float F32Copysign(float a, float b) {
  return detail::f32((detail::bits(a) & ~detail::kF32Sign) | (detail::bits(b) & detail::kF32Sign));
}
inline double F64Abs(double a) { return detail::f64(detail::bits(a) & ~detail::kF64Sign); }
inline double F64Neg(double a) { return detail::f64(detail::bits(a) ^ detail::kF64Sign); }
inline double F64Ceil(double a) { return a != a ? a + a : std::ceil(a); }
inline double F64Floor(double a) { return a != a ? a + a : std::floor(a); }
inline double F64Trunc(double a) { return a != a ? a + a : std::trunc(a); }
inline double F64Nearest(double a) { return std::nearbyint(a); }
inline double F64Sqrt(double a) { return std::sqrt(a); }
inline double F64Add(double a, double b) { return a + b; }
inline double F64Sub(double a, double b) { return a - b; }
inline double F64Mul(double a, double b) { return detail::noContract(a * b); }
inline double F64Div(double a, double b) { return a / b; }
inline double F64Min(double a, double b) { return detail::fmin64(a, b); }
inline double F64Max(double a, double b) { return detail::fmax64(a, b); }
inline double F64Copysign(double a, double b) {
  return detail::f64((detail::bits(a) & ~detail::kF64Sign) | (detail::bits(b) & detail::kF64Sign));
}

// ---- conversions -------------------------------------------------------------------------------------
inline uint32_t I32WrapI64(uint64_t a) { return uint32_t(a); }
inline TrapCode I32TruncF32S(uint32_t& out, float a) {
  int32_t r = 0;
  TrapCode t = detail::truncChecked(r, a, detail::kF32I32Lo, detail::kF32I32Hi);
  out = uint32_t(r);
  return t;
}
inline TrapCode I32TruncF32U(uint32_t& out, float a) { return detail::truncChecked(out, a, -1.0f, detail::kF32U32Hi); }
inline TrapCode I32TruncF64S(uint32_t& out, double a) {
  int32_t r = 0;
  TrapCode t = detail::truncChecked(r, a, detail::kF64I32Lo, detail::kF64I32Hi);
  out = uint32_t(r);
  return t;
}
inline TrapCode I32TruncF64U(uint32_t& out, double a) { return detail::truncChecked(out, a, -1.0, detail::kF64U32Hi); }
inline uint64_t I64ExtendI32S(uint32_t a) { return uint64_t(int64_t(int32_t(a))); }
inline uint64_t I64ExtendI32U(uint32_t a) { return a; }
inline TrapCode I64TruncF32S(uint64_t& out, float a) {
  int64_t r = 0;
  TrapCode t = detail::truncChecked(r, a, detail::kF32I64Lo, detail::kF32I64Hi);
  out = uint64_t(r);
  return t;
}
inline TrapCode I64TruncF32U(uint64_t& out, float a) { return detail::truncChecked(out, a, -1.0f, detail::kF32U64Hi); }
inline TrapCode I64TruncF64S(uint64_t& out, double a) {
  int64_t r = 0;
  TrapCode t = detail::truncChecked(r, a, detail::kF64I64Lo, detail::kF64I64Hi);
  out = uint64_t(r);
  return t;
}
inline TrapCode I64TruncF64U(uint64_t& out, double a) { return detail::truncChecked(out, a, -1.0, detail::kF64U64Hi); }
inline float F32ConvertI32S(uint32_t a) { return float(int32_t(a)); }
inline float F32ConvertI32U(uint32_t a) { return float(a); }
inline float F32ConvertI64S(uint64_t a) { return float(int64_t(a)); }
inline float F32ConvertI64U(uint64_t a) { return float(a); }
inline float F32DemoteF64(double a) { return float(a); }
inline double F64ConvertI32S(uint32_t a) { return double(int32_t(a)); }
inline double F64ConvertI32U(uint32_t a) { return double(a); }
inline double F64ConvertI64S(uint64_t a) { return double(int64_t(a)); }
inline double F64ConvertI64U(uint64_t a) { return double(a); }
inline double F64PromoteF32(float a) { return double(a); }
inline uint32_t I32ReinterpretF32(float a) { return detail::bits(a); }
inline uint64_t I64ReinterpretF64(double a) { return detail::bits(a); }
inline float F32ReinterpretI32(uint32_t a) { return detail::f32(a); }
inline double F64ReinterpretI64(uint64_t a) { return detail::f64(a); }
inline uint32_t I32Extend8S(uint32_t a) { return uint32_t(int32_t(int8_t(uint8_t(a)))); }
inline uint32_t I32Extend16S(uint32_t a) { return uint32_t(int32_t(int16_t(uint16_t(a)))); }
inline uint64_t I64Extend8S(uint64_t a) { return uint64_t(int64_t(int8_t(uint8_t(a)))); }
inline uint64_t I64Extend16S(uint64_t a) { return uint64_t(int64_t(int16_t(uint16_t(a)))); }
inline uint64_t I64Extend32S(uint64_t a) { return uint64_t(int64_t(int32_t(uint32_t(a)))); }

// ---- saturating truncation (0xFC 0..7): NaN -> 0, out of range -> the nearest bound -------------------
inline uint32_t I32TruncSatF32S(float a) {
  return uint32_t(detail::truncSat<int32_t>(a, detail::kF32I32Lo, detail::kF32I32Hi, INT32_MIN, INT32_MAX));
}
inline uint32_t I32TruncSatF32U(float a) {
  return detail::truncSat<uint32_t>(a, -1.0f, detail::kF32U32Hi, 0u, UINT32_MAX);
}
inline uint32_t I32TruncSatF64S(double a) {
  return uint32_t(detail::truncSat<int32_t>(a, detail::kF64I32Lo, detail::kF64I32Hi, INT32_MIN, INT32_MAX));
}
inline uint32_t I32TruncSatF64U(double a) {
  return detail::truncSat<uint32_t>(a, -1.0, detail::kF64U32Hi, 0u, UINT32_MAX);
}
inline uint64_t I64TruncSatF32S(float a) {
  return uint64_t(detail::truncSat<int64_t>(a, detail::kF32I64Lo, detail::kF32I64Hi, INT64_MIN, INT64_MAX));
}
inline uint64_t I64TruncSatF32U(float a) {
  return detail::truncSat<uint64_t>(a, -1.0f, detail::kF32U64Hi, 0ull, UINT64_MAX);
}
inline uint64_t I64TruncSatF64S(double a) {
  return uint64_t(detail::truncSat<int64_t>(a, detail::kF64I64Lo, detail::kF64I64Hi, INT64_MIN, INT64_MAX));
}
inline uint64_t I64TruncSatF64U(double a) {
  return detail::truncSat<uint64_t>(a, -1.0, detail::kF64U64Hi, 0ull, UINT64_MAX);
}

// ---- loads: p points at the effective address, already bounds-checked; any alignment ----------------
inline uint32_t I32Load(const uint8_t* p) { return detail::loadLE<uint32_t>(p); }
inline uint64_t I64Load(const uint8_t* p) { return detail::loadLE<uint64_t>(p); }
inline float F32Load(const uint8_t* p) { return detail::loadLE<float>(p); }
inline double F64Load(const uint8_t* p) { return detail::loadLE<double>(p); }
inline uint32_t I32Load8S(const uint8_t* p) { return uint32_t(int32_t(detail::loadLE<int8_t>(p))); }
inline uint32_t I32Load8U(const uint8_t* p) { return detail::loadLE<uint8_t>(p); }
inline uint32_t I32Load16S(const uint8_t* p) { return uint32_t(int32_t(detail::loadLE<int16_t>(p))); }
inline uint32_t I32Load16U(const uint8_t* p) { return detail::loadLE<uint16_t>(p); }
inline uint64_t I64Load8S(const uint8_t* p) { return uint64_t(int64_t(detail::loadLE<int8_t>(p))); }
inline uint64_t I64Load8U(const uint8_t* p) { return detail::loadLE<uint8_t>(p); }
inline uint64_t I64Load16S(const uint8_t* p) { return uint64_t(int64_t(detail::loadLE<int16_t>(p))); }
inline uint64_t I64Load16U(const uint8_t* p) { return detail::loadLE<uint16_t>(p); }
inline uint64_t I64Load32S(const uint8_t* p) { return uint64_t(int64_t(detail::loadLE<int32_t>(p))); }
inline uint64_t I64Load32U(const uint8_t* p) { return detail::loadLE<uint32_t>(p); }

// ---- stores ------------------------------------------------------------------------------------------
inline void I32Store(uint8_t* p, uint32_t v) { detail::storeLE(p, v); }
inline void I64Store(uint8_t* p, uint64_t v) { detail::storeLE(p, v); }
inline void F32Store(uint8_t* p, float v) { detail::storeLE(p, v); }
inline void F64Store(uint8_t* p, double v) { detail::storeLE(p, v); }
inline void I32Store8(uint8_t* p, uint32_t v) { detail::storeLE(p, uint8_t(v)); }
inline void I32Store16(uint8_t* p, uint32_t v) { detail::storeLE(p, uint16_t(v)); }
inline void I64Store8(uint8_t* p, uint64_t v) { detail::storeLE(p, uint8_t(v)); }
inline void I64Store16(uint8_t* p, uint64_t v) { detail::storeLE(p, uint16_t(v)); }
inline void I64Store32(uint8_t* p, uint64_t v) { detail::storeLE(p, uint32_t(v)); }

}  // namespace wasmc::sem
