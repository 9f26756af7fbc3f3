// test/unit/wasm/opcodes_test.cpp — the opcode table is consistent: encodings round-trip, names unique.
#include "wasm/opcodes.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace wasmc::wasm;

TEST(Opcodes, EncodingsRoundTrip) {
  for (uint16_t i = 0; i < kNumOpcodes; ++i) {
    auto op = static_cast<Opcode>(i);
    const auto& info = opcodeInfo(op);
    auto back = lookupOpcode(info.prefix, info.code);
    ASSERT_TRUE(back.has_value()) << info.text;
    EXPECT_EQ(*back, op) << info.text;
  }
}

TEST(Opcodes, SimdSetIsComplete) {
  int simd = 0;
  for (uint16_t i = 0; i < kNumOpcodes; ++i)
    if (opcodeInfo(static_cast<Opcode>(i)).prefix == 0xFD) ++simd;
  EXPECT_EQ(simd, 236);
  EXPECT_FALSE(lookupOpcode(0xFD, 154).has_value());  // reserved
  EXPECT_FALSE(lookupOpcode(0, 0x06).has_value());
}

TEST(Opcodes, NamesUniqueExceptSelect) {
  std::set<std::string> names;
  for (uint16_t i = 0; i < kNumOpcodes; ++i) {
    std::string n = opcodeInfo(static_cast<Opcode>(i)).text;
    if (n == "select" && !names.count(n)) { names.insert(n); continue; }
    if (n == "select") continue;
    EXPECT_TRUE(names.insert(n).second) << n;
  }
}

TEST(Opcodes, SignaturesMatchKinds) {
  const auto& add = opcodeInfo(Opcode::I32Add);
  EXPECT_EQ(sigInfo(add.sig).numParams, 2);
  EXPECT_EQ(sigInfo(add.sig).result, ValType::I32);
  EXPECT_EQ(opcodeInfo(Opcode::V128Load).alignLog2, 4);
  EXPECT_EQ(opcodeInfo(Opcode::I64Load32U).alignLog2, 2);
}
