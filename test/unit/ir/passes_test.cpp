// test/unit/ir/passes_test.cpp — the IR optimisation passes (compiler/ir/passes) one by one, on functions
// lowered from small .wat modules and on hand-built IR: what each removes or rewrites (instruction counts,
// operands), what each must keep (trapping operators, values read across blocks and loops, copies whose
// source changed), and that every result passes the verifier. Expected values are written by hand.
#include "ir/passes/passes.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>

#include "wasm/decoder.h"
#include "wasm/validator.h"
#include "test/unit/wat_util.h"

using namespace wasmc;
using ir::Op;
using ir::Operand;

namespace {

std::shared_ptr<const wasm::ValidatedModule> fromWat(const std::string& wat) { return wasmc::testing::moduleFromWat(wat); }

struct Lowered {
  std::shared_ptr<const wasm::ValidatedModule> vm;
  ir::Function f;
  const wasm::Module& m() const { return vm->module(); }
};

Lowered lower(const std::string& wat, uint32_t definedIndex = 0) {
  Lowered l;
  l.vm = fromWat(wat);
  EXPECT_NE(l.vm, nullptr);
  if (!l.vm) return l;
  l.f = ir::lowerFunction(*l.vm, definedIndex);
  ir::removeEmptyBlocks(l.f);
  return l;
}

std::vector<ir::Inst> insts(const ir::Function& f) {
  std::vector<ir::Inst> out;
  for (uint32_t b : f.layout)
    for (const auto& i : f.blocks[b].insts) out.push_back(i);
  return out;
}
size_t count(const ir::Function& f, Op op) {
  size_t n = 0;
  for (const auto& i : insts(f)) n += i.op == op;
  return n;
}
bool isCondBranch(Op op) {
  return op == Op::JumpIf || op == Op::JumpUnless || op == Op::JumpTable || ir::opForm(op) == ir::OpForm::FusedCmp;
}
size_t countCondBranches(const ir::Function& f) {
  size_t n = 0;
  for (const auto& i : insts(f)) n += isCondBranch(i.op);
  return n;
}
void expectValid(const ir::Function& f) {
  Status s = ir::verify(f);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message) << "\n" << ir::print(f);
}
uint64_t constBits(const ir::Function& f, Operand o) { return f.consts[o.index()].bits[0]; }

Op wasmOp(wasm::Opcode op) { return ir::fromWasm(op); }

// ---- fold_constants ------------------------------------------------------------------------------------

TEST(IrPasses, FoldConstantsEvaluatesAndPropagates) {
  // local 1 = 3 + 4 (folded to 7), then x * local 1: the multiply reads the constant 7.
  Lowered l = lower(R"((module (func (param i32) (result i32) (local i32)
      (local.set 1 (i32.add (i32.const 3) (i32.const 4)))
      (i32.mul (local.get 0) (local.get 1)))))");
  ASSERT_EQ(count(l.f, wasmOp(wasm::Opcode::I32Add)), 1u) << ir::print(l.f);
  ir::PassStats st;
  EXPECT_GT(ir::foldConstants(l.f, l.m(), &st), 0u);
  EXPECT_EQ(st.folded, 1u);
  EXPECT_EQ(count(l.f, wasmOp(wasm::Opcode::I32Add)), 0u) << ir::print(l.f);
  bool sawMul = false;
  for (const auto& i : insts(l.f))
    if (i.op == wasmOp(wasm::Opcode::I32Mul)) {
      sawMul = true;
      ASSERT_TRUE(i.b.isConst()) << ir::print(l.f);
      EXPECT_EQ(constBits(l.f, i.b), 7u);
    }
  EXPECT_TRUE(sawMul);
  ir::removeDeadDefs(l.f, l.m());
  EXPECT_EQ(insts(l.f).size(), 2u) << ir::print(l.f);  // mul + ret1
  expectValid(l.f);
}

TEST(IrPasses, FoldConstantsUsesWasmSemantics) {
  // Wrapping, shift-count masking, signed compare, float NaN-free arithmetic and conversions.
  Lowered l = lower(R"((module (func (result i32 i32 i32 i64 f64 i32)
      (i32.add (i32.const 0x7fffffff) (i32.const 1))
      (i32.shl (i32.const 1) (i32.const 33))
      (i32.lt_s (i32.const -1) (i32.const 0))
      (i64.extend_i32_s (i32.const -2))
      (f64.mul (f64.const 1.5) (f64.const 4))
      (i32.trunc_f64_s (f64.const -7.9)))))");
  ir::foldConstants(l.f, l.m());
  ir::propagateCopies(l.f, l.m());
  ir::removeDeadDefs(l.f, l.m());
  std::vector<uint64_t> movs;
  for (const auto& i : insts(l.f)) {
    EXPECT_TRUE(i.op == Op::Mov || i.op == Op::Ret) << ir::print(l.f);
    if (i.op == Op::Mov && i.a.isConst()) movs.push_back(constBits(l.f, i.a));
  }
  ASSERT_EQ(movs.size(), 6u) << ir::print(l.f);
  EXPECT_EQ(movs[0], 0x80000000u);
  EXPECT_EQ(movs[1], 2u);
  EXPECT_EQ(movs[2], 1u);
  EXPECT_EQ(movs[3], 0xFFFFFFFFFFFFFFFEull);
  EXPECT_EQ(movs[4], 0x4018000000000000ull);  // 6.0
  EXPECT_EQ(movs[5], uint64_t(uint32_t(-7)));
  expectValid(l.f);
}

TEST(IrPasses, FoldConstantsKeepsOperatorsThatTrap) {
  Lowered l = lower(R"((module (func (result i32 i32)
      (i32.div_s (i32.const 1) (i32.const 0))
      (i32.trunc_f32_u (f32.const -1)))))");
  ir::PassStats st;
  ir::foldConstants(l.f, l.m(), &st);
  ir::removeDeadDefs(l.f, l.m());
  EXPECT_EQ(st.folded, 0u);
  EXPECT_EQ(count(l.f, wasmOp(wasm::Opcode::I32DivS)), 1u) << ir::print(l.f);
  EXPECT_EQ(count(l.f, wasmOp(wasm::Opcode::I32TruncF32U)), 1u) << ir::print(l.f);
  // ... and folds the same operators when they cannot trap.
  Lowered ok = lower(R"((module (func (result i32) (i32.div_s (i32.const -7) (i32.const 2)))))");
  ir::foldConstants(ok.f, ok.m(), &st);
  EXPECT_EQ(count(ok.f, wasmOp(wasm::Opcode::I32DivS)), 0u) << ir::print(ok.f);
}

TEST(IrPasses, FoldConstantsIdentities) {
  Lowered l = lower(R"((module (func (param i32 i64) (result i32 i64 i32 i32)
      (i32.add (local.get 0) (i32.const 0))
      (i64.mul (local.get 1) (i64.const 1))
      (i32.and (local.get 0) (i32.const 0))
      (i32.shl (local.get 0) (i32.const 32)))))");
  ir::PassStats st;
  ir::foldConstants(l.f, l.m(), &st);
  EXPECT_EQ(st.identities, 4u) << ir::print(l.f);
  for (const auto& i : insts(l.f)) EXPECT_TRUE(i.op == Op::Mov || i.op == Op::Ret) << ir::print(l.f);
  expectValid(l.f);
}

TEST(IrPasses, FoldConstantsTurnsConstantBranchesIntoJumps) {
  Lowered l = lower(R"((module (func (param i32) (result i32)
      (if (result i32) (i32.const 1) (then (local.get 0)) (else (i32.const 99))))))");
  EXPECT_EQ(countCondBranches(l.f), 1u) << ir::print(l.f);
  ir::PassStats st;
  ir::foldConstants(l.f, l.m(), &st);
  EXPECT_EQ(st.branchesFolded, 1u);
  EXPECT_EQ(countCondBranches(l.f), 0u) << ir::print(l.f);
  for (const auto& i : insts(l.f)) {  // the else arm (99) is gone with its block
    if (i.op == Op::Mov && i.a.isConst()) {
      EXPECT_NE(constBits(l.f, i.a), 99u) << ir::print(l.f);
    }
  }
  expectValid(l.f);

  Lowered t = lower(R"((module (func (result i32)
      (block (block (block (br_table 0 1 2 (i32.const 1))) (return (i32.const 10))) (return (i32.const 11)))
      (i32.const 12))))");
  ASSERT_EQ(count(t.f, Op::JumpTable), 1u) << ir::print(t.f);
  ir::foldConstants(t.f, t.m());
  EXPECT_EQ(count(t.f, Op::JumpTable), 0u);
  // Index 1 leaves two blocks: the function returns 11, the only constant returned now.
  std::vector<uint64_t> rets;
  for (const auto& i : insts(t.f))
    if (i.op == Op::Ret1 && i.a.isConst()) rets.push_back(constBits(t.f, i.a));
  EXPECT_EQ(rets, std::vector<uint64_t>{11}) << ir::print(t.f);
  expectValid(t.f);
}

// ---- copy_propagation ----------------------------------------------------------------------------------

// b0: s1 = mov s0; [s0 = i32.add s0, #1 when `clobber`]; s2 = i32.mul s1, s1; ret1 s2
ir::Function copyFunc(const wasm::FuncType& ft, bool clobber) {
  ir::Function f;
  f.type = &ft;
  f.localTypes = {wasm::ValType::I32};
  f.localSlot = {0};
  f.paramSlots = f.localSlots = 1;
  f.numSlots = 3;
  ir::internConst(f, wasm::ValType::I32, 1);
  auto inst = [](Op op, uint32_t dst, Operand a, Operand b = {}) {
    ir::Inst i;
    i.op = op;
    i.dst = dst;
    i.a = a;
    i.b = b;
    return i;
  };
  ir::Block b;
  b.insts.push_back(inst(Op::Mov, 1, Operand::slot(0)));
  if (clobber) b.insts.push_back(inst(wasmOp(wasm::Opcode::I32Add), 0, Operand::slot(0), Operand::constant(0)));
  b.insts.push_back(inst(wasmOp(wasm::Opcode::I32Mul), 2, Operand::slot(1), Operand::slot(1)));
  ir::Inst r;
  r.op = Op::Ret1;
  r.a = Operand::slot(2);
  b.insts.push_back(r);
  f.blocks.push_back(b);
  f.layout = {0};
  return f;
}

TEST(IrPasses, CopyPropagationReadsTheSourceAndTheCopyDies) {
  wasm::FuncType ft;
  ft.params = {wasm::ValType::I32};
  ft.results = {wasm::ValType::I32};
  wasm::Module m;
  ir::Function f = copyFunc(ft, false);
  expectValid(f);
  EXPECT_EQ(ir::propagateCopies(f, m), 2u);
  const ir::Inst& mul = f.blocks[0].insts[1];
  EXPECT_EQ(mul.a, Operand::slot(0));
  EXPECT_EQ(mul.b, Operand::slot(0));
  EXPECT_EQ(ir::removeDeadDefs(f, m), 1u);  // the mov
  EXPECT_EQ(f.blocks[0].insts.size(), 2u) << ir::print(f);
  expectValid(f);
}

TEST(IrPasses, CopyPropagationStopsWhenTheSourceIsWritten) {
  wasm::FuncType ft;
  ft.params = {wasm::ValType::I32};
  ft.results = {wasm::ValType::I32};
  wasm::Module m;
  ir::Function f = copyFunc(ft, true);
  EXPECT_EQ(ir::propagateCopies(f, m), 0u);
  EXPECT_EQ(f.blocks[0].insts[2].a, Operand::slot(1)) << ir::print(f);
  ir::removeDeadDefs(f, m);  // the add of s0 is dead (s0 is not read again); the copy is not
  EXPECT_EQ(f.blocks[0].insts[0].op, Op::Mov) << ir::print(f);
  EXPECT_EQ(f.blocks[0].insts.size(), 3u) << ir::print(f);
}

// ---- dead_defs -----------------------------------------------------------------------------------------

TEST(IrPasses, DeadDefsRemovesUnreadPureValuesOnly) {
  // A dead add and global.get go; a dead load and a dead division stay (they may trap).
  Lowered l = lower(R"((module (memory 1) (global i32 (i32.const 5))
    (func (param i32 i32) (result i32) (local i32 i32 i32 i32)
      (local.set 2 (i32.add (local.get 0) (local.get 1)))
      (local.set 3 (global.get 0))
      (local.set 4 (i32.load (local.get 0)))
      (local.set 5 (i32.div_u (local.get 0) (local.get 1)))
      (local.get 0))))");
  ir::PassStats st;
  EXPECT_EQ(ir::removeDeadDefs(l.f, l.m(), &st), 2u) << ir::print(l.f);
  EXPECT_EQ(st.deadRemoved, 2u);
  EXPECT_EQ(count(l.f, wasmOp(wasm::Opcode::I32Add)), 0u);
  EXPECT_EQ(count(l.f, wasmOp(wasm::Opcode::GlobalGet)), 0u);
  EXPECT_EQ(count(l.f, wasmOp(wasm::Opcode::I32Load)), 1u);
  EXPECT_EQ(count(l.f, wasmOp(wasm::Opcode::I32DivU)), 1u);
  expectValid(l.f);
}

TEST(IrPasses, DeadDefsKeepsValuesLiveAroundLoops) {
  // The sum is read by the next iteration (back edge) and after the loop: nothing in the loop is dead.
  Lowered l = lower(R"((module (func (param i32) (result i32) (local i32 i32)
      (loop $l
        (local.set 2 (i32.mul (local.get 1) (i32.const 3)))
        (local.set 1 (i32.add (local.get 1) (local.get 2)))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (local.get 1))))");
  const size_t before = insts(l.f).size();
  EXPECT_EQ(ir::removeDeadDefs(l.f, l.m()), 0u) << ir::print(l.f);
  EXPECT_EQ(insts(l.f).size(), before);
  // Without the final read, the sum still feeds itself through the back edge: it stays too.
  Lowered d = lower(R"((module (func (param i32) (local i32 i32)
      (loop $l
        (local.set 1 (i32.add (local.get 1) (i32.const 3)))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))))))");
  EXPECT_EQ(ir::removeDeadDefs(d.f, d.m()), 0u) << ir::print(d.f);
}

TEST(IrPasses, DeadDefsAcrossBlocksAndChains) {
  // local 1 and local 2 are written in the entry block and never read: both chain links go.
  Lowered l = lower(R"((module (func (param i32) (result i32) (local i32 i32)
      (local.set 1 (i32.mul (local.get 0) (i32.const 3)))
      (local.set 2 (i32.xor (local.get 1) (i32.const 5)))
      (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))))");
  EXPECT_EQ(ir::removeDeadDefs(l.f, l.m()), 2u) << ir::print(l.f);
  EXPECT_EQ(count(l.f, wasmOp(wasm::Opcode::I32Mul)), 0u);
  expectValid(l.f);
}

// ---- local_cse, merge_blocks, pipeline -----------------------------------------------------------------

TEST(IrPasses, LocalCseReusesAValueUntilAnOperandChanges) {
  Lowered l = lower(R"((module (func (param i32 i32) (result i32 i32 i32)
      (i32.mul (local.get 0) (local.get 1))
      (i32.mul (local.get 0) (local.get 1))
      (local.set 0 (i32.const 7))
      (i32.mul (local.get 0) (local.get 1)))))");
  ASSERT_EQ(count(l.f, wasmOp(wasm::Opcode::I32Mul)), 3u) << ir::print(l.f);
  ir::PassStats st;
  EXPECT_EQ(ir::eliminateCommonSubexpressions(l.f, l.m(), &st), 1u) << ir::print(l.f);
  EXPECT_EQ(count(l.f, wasmOp(wasm::Opcode::I32Mul)), 2u) << ir::print(l.f);
  expectValid(l.f);
}

TEST(IrPasses, MergeBlocksJoinsAJumpWithItsOnlySuccessor) {
  Lowered l = lower(R"((module (func (param i32) (result i32)
      (if (result i32) (i32.const 0) (then (i32.const 1)) (else (i32.add (local.get 0) (i32.const 2)))))))");
  ir::foldConstants(l.f, l.m());
  ASSERT_GT(count(l.f, Op::Jump), 0u) << ir::print(l.f);
  ir::PassStats st;
  EXPECT_GT(ir::mergeBlocks(l.f, &st), 0u);
  EXPECT_EQ(l.f.layout.size(), 1u) << ir::print(l.f);
  EXPECT_EQ(count(l.f, Op::Jump), 0u);
  expectValid(l.f);
}

const char* kPipelineWat = R"((module (memory 1)
  (func (param i32) (result i32) (local i32 i32)
    (local.set 1 (i32.const 8))
    (local.set 2 (i32.mul (local.get 1) (i32.const 4)))
    (if (i32.gt_u (local.get 1) (i32.const 3))
      (then (i32.store (local.get 0) (i32.add (local.get 2) (local.get 0)))))
    (i32.add (i32.load (local.get 0)) (i32.mul (local.get 1) (i32.const 4))))))";

TEST(IrPasses, PipelineLevels) {
  Lowered l0 = lower(kPipelineWat), l1 = lower(kPipelineWat), l2 = lower(kPipelineWat);
  const std::string unoptimised = ir::print(l0.f);
  ir::runPasses(l0.f, l0.m(), 0);
  EXPECT_EQ(ir::print(l0.f), unoptimised);  // -O0: untouched
  ir::PassStats s1, s2;
  ir::runPasses(l1.f, l1.m(), 1, &s1);
  ir::runPasses(l2.f, l2.m(), 2, &s2);
  expectValid(l1.f);
  expectValid(l2.f);
  // 8 > 3 folds away the branch, 8*4 and the second 8*4 become constants: no multiply, no compare left.
  for (const ir::Function* f : {&l1.f, &l2.f}) {
    EXPECT_EQ(count(*f, wasmOp(wasm::Opcode::I32Mul)), 0u) << ir::print(*f);
    EXPECT_EQ(countCondBranches(*f), 0u) << ir::print(*f);
    EXPECT_LT(insts(*f).size(), insts(l0.f).size());
  }
  EXPECT_GE(s1.branchesFolded, 1u);
  EXPECT_GE(s2.folded, 2u);
  EXPECT_LE(insts(l2.f).size(), insts(l1.f).size());
  // 32 + x (the stored value), store, load, add, ret1: all that is left at -O2.
  EXPECT_EQ(insts(l2.f).size(), 5u) << ir::print(l2.f);
}

}  // namespace
