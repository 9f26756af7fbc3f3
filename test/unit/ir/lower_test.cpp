// test/unit/ir/lower_test.cpp — lowering of hand-assembled functions: copy propagation folds
// local.get/const/add/local.set into one instruction, compare+br_if fuses, dead code is dropped,
// multi-value returns; every lowered function passes the verifier.
#include "ir/ir.h"

#include <gtest/gtest.h>

#include "test/unit/runtime/rt_util.h"

using namespace wasmc;
using namespace wasmc::test;
using ir::Op;

namespace {

std::vector<ir::Inst> allInsts(const ir::Function& f) {
  std::vector<ir::Inst> out;
  for (uint32_t b : f.layout)
    for (const auto& i : f.blocks[b].insts) out.push_back(i);
  return out;
}

// The lowered function points into its module's types: the module is kept alive for the test's run.
ir::Function lowerOne(Bytes type, Bytes bodyBytes) {
  static std::vector<std::shared_ptr<const wasm::ValidatedModule>> keepAlive;
  auto vm = validated(module({section(1, vec({type})), oneFunc(), code({bodyBytes})}));
  EXPECT_TRUE(vm);
  keepAlive.push_back(vm);
  ir::Function f = ir::lowerFunction(*vm, 0);
  Status s = ir::verify(f);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message) << "\n" << ir::print(f);
  return f;
}

}  // namespace

TEST(IrLower, LocalIncrementIsOneInstruction) {
  // (param i32) (result i32) (local i32): local.get 0; i32.const 1; i32.add; local.set 1; local.get 1
  ir::Function f = lowerOne(funcType({I32}, {I32}),
                            cat({Bytes{0x01, 0x01, I32}, Bytes{0x20, 0x00}, i32c(1), Bytes{0x6a, 0x21, 0x01, 0x20, 0x01, 0x0b}}));
  auto insts = allInsts(f);
  ASSERT_EQ(insts.size(), 2u) << ir::print(f);
  EXPECT_EQ(insts[0].op, Op::I32Add);
  EXPECT_EQ(insts[0].dst, 1u);                 // local 1 is slot 1
  EXPECT_EQ(insts[0].a, ir::Operand::slot(0)); // param read in place
  ASSERT_TRUE(insts[0].b.isConst());
  EXPECT_EQ(f.consts[insts[0].b.index()].bits[0], 1u);
  EXPECT_EQ(insts[1].op, Op::Ret1);
  EXPECT_EQ(insts[1].a, ir::Operand::slot(1));
}

TEST(IrLower, CompareAndBrIfFuse) {
  // (param i32): loop; local.get 0; i32.const 10; i32.lt_s; br_if 0; end
  ir::Function f = lowerOne(funcType({I32}, {}),
                            cat({Bytes{0x00, 0x03, 0x40, 0x20, 0x00}, i32c(10), Bytes{0x48, 0x0d, 0x00, 0x0b, 0x0b}}));
  bool fused = false, plainCompare = false;
  for (const auto& i : allInsts(f)) {
    fused |= i.op == Op::JumpIfI32LtS;
    plainCompare |= i.op == Op::I32LtS;
  }
  EXPECT_TRUE(fused) << ir::print(f);
  EXPECT_FALSE(plainCompare) << ir::print(f);
}

TEST(IrLower, CodeAfterBrIsDropped) {
  // block; br 0; i32.const 7; i32.const 8; i32.add; drop; end
  ir::Function f = lowerOne(funcType({}, {}),
                            cat({Bytes{0x00, 0x02, 0x40, 0x0c, 0x00}, i32c(7), i32c(8), Bytes{0x6a, 0x1a, 0x0b, 0x0b}}));
  for (const auto& i : allInsts(f)) EXPECT_NE(i.op, Op::I32Add) << ir::print(f);
}

TEST(IrLower, SwapReturnsThroughStackSlots) {
  // (param i32 i32) (result i32 i32): local.get 1; local.get 0
  ir::Function f = lowerOne(funcType({I32, I32}, {I32, I32}), Bytes{0x00, 0x20, 0x01, 0x20, 0x00, 0x0b});
  auto insts = allInsts(f);
  ASSERT_EQ(insts.size(), 3u) << ir::print(f);
  EXPECT_EQ(insts[0].op, Op::Mov);
  EXPECT_EQ(insts[0].dst, 2u);
  EXPECT_EQ(insts[0].a, ir::Operand::slot(1));
  EXPECT_EQ(insts[1].dst, 3u);
  EXPECT_EQ(insts[1].a, ir::Operand::slot(0));
  EXPECT_EQ(insts[2].op, Op::Ret);
  EXPECT_EQ(insts[2].a, ir::Operand::slot(2));
  EXPECT_EQ(insts[2].imm, 2u);
}

TEST(IrLower, LocalReadBeforeOverwriteIsMaterialised) {
  // (param i32) (result i32): local.get 0; i32.const 5; local.set 0; (old value must survive)
  ir::Function f = lowerOne(funcType({I32}, {I32}), cat({Bytes{0x00, 0x20, 0x00}, i32c(5), Bytes{0x21, 0x00, 0x0b}}));
  auto insts = allInsts(f);
  ASSERT_GE(insts.size(), 3u) << ir::print(f);
  EXPECT_EQ(insts[0].op, Op::Mov);  // stack slot 1 <- local 0, before local 0 is written
  EXPECT_EQ(insts[0].dst, 1u);
  EXPECT_EQ(insts[0].a, ir::Operand::slot(0));
  EXPECT_EQ(insts.back().op, Op::Ret1);
  EXPECT_EQ(insts.back().a, ir::Operand::slot(1));
}

TEST(IrPrinter, ShowsOpsAndBlocks) {
  ir::Function f = lowerOne(funcType({I32}, {I32}), cat({Bytes{0x00, 0x20, 0x00}, i32c(3), Bytes{0x6c, 0x0b}}));
  std::string text = ir::print(f);
  EXPECT_NE(text.find("b0:"), std::string::npos) << text;
  EXPECT_NE(text.find("s1 = i32.mul s0, #0"), std::string::npos) << text;
  EXPECT_NE(text.find("ret1 s1"), std::string::npos) << text;
}

TEST(IrVerifier, RejectsBlockWithoutTerminator) {
  ir::Function f = lowerOne(funcType({}, {}), Bytes{0x00, 0x0b});
  ASSERT_TRUE(ir::verify(f).ok());
  f.blocks[0].insts.clear();
  ir::Inst nop;
  nop.op = Op::Mov;
  nop.dst = 0;
  nop.a = ir::Operand::slot(0);
  f.numSlots = 1;
  f.blocks[0].insts.push_back(nop);
  Status s = ir::verify(f);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("terminator"), std::string::npos);
}

TEST(IrVerifier, RejectsBranchToUnknownBlock) {
  ir::Function f = lowerOne(funcType({}, {}), Bytes{0x00, 0x0b});
  f.blocks[0].insts.back().op = Op::Jump;
  f.blocks[0].insts.back().target = 99;
  EXPECT_FALSE(ir::verify(f).ok());
}

TEST(IrLower, EqzOfCompareIsInvertedCompare) {
  // (param i32 i32) (result i32): local.get 0; local.get 1; i32.lt_s; i32.eqz
  ir::Function f = lowerOne(funcType({I32, I32}, {I32}), Bytes{0x00, 0x20, 0x00, 0x20, 0x01, 0x48, 0x45, 0x0b});
  auto insts = allInsts(f);
  ASSERT_EQ(insts.size(), 2u) << ir::print(f);
  EXPECT_EQ(insts[0].op, Op::I32GeS);
}

TEST(IrLower, AddressAddFusesIntoLoad) {
  // (param i32 i32) (result i32) + memory: local.get 0; local.get 1; i32.add; i32.load offset=8
  auto vm = validated(module({section(1, vec({funcType({I32, I32}, {I32})})), oneFunc(), section(5, vec({{0x00, 0x01}})),
                              code({Bytes{0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x28, 0x02, 0x08, 0x0b}})}));
  ASSERT_TRUE(vm);
  ir::Function f = ir::lowerFunction(*vm, 0);
  ASSERT_TRUE(ir::verify(f).ok());
  auto insts = allInsts(f);
  ASSERT_EQ(insts.size(), 2u) << ir::print(f);
  EXPECT_EQ(insts[0].op, Op::I32LoadAdd);
  EXPECT_EQ(insts[0].a, ir::Operand::slot(0));
  EXPECT_EQ(insts[0].b, ir::Operand::slot(1));
  EXPECT_EQ(insts[0].imm, 8u);
}
