// test/unit/wasm/semantics_coverage_test.cpp — compile-time proof that wasmc::sem has exactly one function
// per Simple/Trapping/Load/Store operator of opcodes.def, with the signature the interpreter expects
// (derived from the Sig, Imm and Kind columns); plus a runtime count and a store/load round trip per width.
#include <gtest/gtest.h>

#include <cstdint>
#include <type_traits>
#include <utility>

#include "wasm/opcodes.h"
#include "wasm/semantics.h"
#include "wasm/semantics_simd.h"

namespace wasmc::wasm {
namespace {

template <ValType T> struct CType;
template <> struct CType<ValType::I32> { using type = uint32_t; };
template <> struct CType<ValType::I64> { using type = uint64_t; };
template <> struct CType<ValType::F32> { using type = float; };
template <> struct CType<ValType::F64> { using type = double; };
template <> struct CType<ValType::V128> { using type = V128; };
template <ValType T> using C = typename CType<T>::type;

template <Opcode Op> constexpr const OpcodeInfo& kInfo = opcodeInfo(Op);
template <Opcode Op> constexpr SigInfo kSig = sigInfo(kInfo<Op>.sig);
template <Opcode Op> using Result = std::conditional_t<kSig<Op>.numResults == 0, void, C<kSig<Op>.result>>;

// The exact function-pointer type the contract requires for Op (see semantics.h / task contract).
template <Opcode Op, size_t... I> auto simpleType(std::index_sequence<I...>) {
  if constexpr (kInfo<Op>.imm == ImmKind::Lane)
    return static_cast<Result<Op> (*)(C<kSig<Op>.params[I]>..., uint8_t)>(nullptr);
  else if constexpr (kInfo<Op>.imm == ImmKind::Shuffle)
    return static_cast<Result<Op> (*)(C<kSig<Op>.params[I]>..., const V128&)>(nullptr);
  else
    return static_cast<Result<Op> (*)(C<kSig<Op>.params[I]>...)>(nullptr);
}
template <Opcode Op> auto expectedType() {
  constexpr OpKind k = kInfo<Op>.kind;
  if constexpr (k == OpKind::Simple) {
    return simpleType<Op>(std::make_index_sequence<kSig<Op>.numParams>{});
  } else if constexpr (k == OpKind::Trapping) {
    static_assert(kSig<Op>.numParams == 1 || kSig<Op>.numParams == 2);
    if constexpr (kSig<Op>.numParams == 1)
      return static_cast<TrapCode (*)(Result<Op>&, C<kSig<Op>.params[0]>)>(nullptr);
    else
      return static_cast<TrapCode (*)(Result<Op>&, C<kSig<Op>.params[0]>, C<kSig<Op>.params[1]>)>(nullptr);
  } else if constexpr (k == OpKind::Load) {
    static_assert(kSig<Op>.params[0] == ValType::I32);
    if constexpr (kInfo<Op>.imm == ImmKind::MemLane)
      return static_cast<V128 (*)(const uint8_t*, V128, uint8_t)>(nullptr);
    else
      return static_cast<Result<Op> (*)(const uint8_t*)>(nullptr);
  } else {
    static_assert(k == OpKind::Store && kSig<Op>.numParams == 2 && kSig<Op>.numResults == 0);
    if constexpr (kInfo<Op>.imm == ImmKind::MemLane)
      return static_cast<void (*)(uint8_t*, V128, uint8_t)>(nullptr);
    else
      return static_cast<void (*)(uint8_t*, C<kSig<Op>.params[1]>)>(nullptr);
  }
}
template <Opcode Op> using Expected = decltype(expectedType<Op>());

constexpr bool isSemanticKind(OpKind k) {
  return k == OpKind::Simple || k == OpKind::Trapping || k == OpKind::Load || k == OpKind::Store;
}

// One term per operator of a semantic kind: `&sem::Name` must exist (else: compile error) and have exactly
// the expected type (else: static_assert). Operators of kind Special/Control expand to nothing.
template <Opcode Op, class F> constexpr int check(F) {
  static_assert(std::is_same_v<F, Expected<Op>>, "sem:: function has the wrong signature for its opcodes.def row");
  return 1;
}
constexpr int kCovered = 0
#define WASMC_SEM_Simple(Name) +check<Opcode::Name>(&sem::Name)
#define WASMC_SEM_Trapping(Name) +check<Opcode::Name>(&sem::Name)
#define WASMC_SEM_Load(Name) +check<Opcode::Name>(&sem::Name)
#define WASMC_SEM_Store(Name) +check<Opcode::Name>(&sem::Name)
#define WASMC_SEM_Special(Name)
#define WASMC_SEM_Control(Name)
#define WASMC_OP(Name, Prefix, Code, Text, Imm, S, Kind, Align) WASMC_SEM_##Kind(Name)
#include "wasm/opcodes.def"
#undef WASMC_OP
    ;

TEST(SemanticsCoverage, EveryPureAndMemoryOperatorHasAFunction) {
  int expected = 0;
  for (uint16_t i = 0; i < kNumOpcodes; ++i)
    if (isSemanticKind(opcodeInfo(static_cast<Opcode>(i)).kind)) ++expected;
  EXPECT_EQ(kCovered, expected);
  EXPECT_EQ(kCovered, 394);  // 333 Simple + 16 Trapping + 31 Load + 14 Store in the Wasm 2.0 table
}

// Stores then loads each width at an odd address: the bytes are little-endian and loads sign/zero-extend.
TEST(SemanticsCoverage, StoreLoadRoundTripUnaligned) {
  alignas(16) uint8_t mem[40] = {};
  uint8_t* p = mem + 3;
  sem::I64Store(p, 0x8877665544332211ull);
  const uint8_t le[8] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
  for (int i = 0; i < 8; ++i) EXPECT_EQ(p[i], le[i]);
  EXPECT_EQ(sem::I64Load(p), 0x8877665544332211ull);
  EXPECT_EQ(sem::I32Load(p), 0x44332211u);
  EXPECT_EQ(sem::I64Load32S(p + 4), 0xFFFFFFFF88776655ull);
  EXPECT_EQ(sem::I64Load32U(p + 4), 0x88776655ull);
  EXPECT_EQ(sem::I32Load16S(p + 6), 0xFFFF8877u);
  EXPECT_EQ(sem::I32Load16U(p + 6), 0x8877u);
  EXPECT_EQ(sem::I64Load16S(p + 6), 0xFFFFFFFFFFFF8877ull);
  EXPECT_EQ(sem::I64Load16U(p + 6), 0x8877ull);
  EXPECT_EQ(sem::I32Load8S(p + 7), 0xFFFFFF88u);
  EXPECT_EQ(sem::I32Load8U(p + 7), 0x88u);
  EXPECT_EQ(sem::I64Load8S(p + 7), 0xFFFFFFFFFFFFFF88ull);
  EXPECT_EQ(sem::I64Load8U(p + 7), 0x88ull);
  EXPECT_EQ(sem::I64Load8S(p), 0x11ull);

  sem::I32Store8(p, 0xABCDEFu);
  sem::I32Store16(p + 1, 0x12345678u);
  sem::I64Store8(p + 3, 0xFFull << 8 | 0x9A);
  sem::I64Store16(p + 4, 0xBEEFull);
  sem::I64Store32(p + 6, 0x1122334455667788ull);
  const uint8_t want[10] = {0xEF, 0x78, 0x56, 0x9A, 0xEF, 0xBE, 0x88, 0x77, 0x66, 0x55};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(p[i], want[i]) << i;
  EXPECT_EQ(p[10], 0);  // I64Store32 wrote exactly 4 bytes

  sem::I32Store(p, 0x7FC00001u);  // a NaN pattern must round-trip bit-exactly through f32 load/store
  float f = sem::F32Load(p);
  sem::F32Store(p + 8, f);
  EXPECT_EQ(sem::I32Load(p + 8), 0x7FC00001u);
  sem::I64Store(p, 0x7FF0000000000001ull);  // signalling NaN
  double d = sem::F64Load(p);
  sem::F64Store(p + 16, d);
  EXPECT_EQ(sem::I64Load(p + 16), 0x7FF0000000000001ull);
}

}  // namespace
}  // namespace wasmc::wasm
