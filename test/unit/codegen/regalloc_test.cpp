// test/unit/codegen/regalloc_test.cpp — target-independent allocator pieces: the parallel-move resolver
// against a simulated register file (random permutations with cycles, memory and constant sources), and
// the allocation checker rejecting a deliberately broken allocation.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "codegen/x86_64/abi.h"
#include "jit_harness.h"
#include "regalloc/parallel_move.h"
#include "regalloc/regalloc.h"

namespace wasmc::testing {
namespace {

using regalloc::MoveLoc;
using regalloc::ParallelMove;

TEST(ParallelMove, RandomPermutationsWithCycles) {
  std::mt19937_64 rng(7);
  const uint8_t scratch[2] = {15, 15};
  for (int iter = 0; iter < 2000; ++iter) {
    // Simulated machine: 8 GPRs (0..7), scratch 15, memory cells keyed by displacement.
    std::map<int, uint64_t> reg, mem;
    for (int r = 0; r < 8; ++r) reg[r] = 100 + r;
    for (int d = 0; d < 4; ++d) mem[8 * d] = 200 + d;
    std::vector<ParallelMove> moves;
    std::vector<int> dsts = {0, 1, 2, 3, 4, 5, 6, 7};
    std::shuffle(dsts.begin(), dsts.end(), rng);
    size_t n = 1 + rng() % 8;
    std::map<int, uint64_t> expectReg = reg, expectMem = mem;
    for (size_t i = 0; i < n; ++i) {
      MoveLoc src;
      uint64_t value;
      int kind = int(rng() % 6);
      if (kind < 4) {
        int s = int(rng() % 8);
        src = MoveLoc::inReg(codegen::RegClass::Gpr, uint8_t(s));
        value = reg[s];
      } else if (kind == 4) {
        int d = 8 * int(rng() % 4);
        src = MoveLoc::inMem(0, d);
        value = mem[d];
      } else {
        value = rng();
        src = MoveLoc::constant(value);
      }
      moves.push_back({MoveLoc::inReg(codegen::RegClass::Gpr, uint8_t(dsts[i])), src, wasm::ValType::I64});
      expectReg[dsts[i]] = value;
    }
    if (rng() % 2) {  // a memory destination reading a register that is also overwritten
      int s = int(rng() % 8);
      moves.push_back({MoveLoc::inMem(0, 64), MoveLoc::inReg(codegen::RegClass::Gpr, uint8_t(s)), wasm::ValType::I64});
      expectMem[64] = reg[s];
    }
    auto read = [&](const MoveLoc& l) -> uint64_t {
      if (l.kind == MoveLoc::Kind::Reg) return reg[l.reg];
      if (l.kind == MoveLoc::Kind::Mem) return mem[l.disp];
      return l.bits[0];
    };
    regalloc::resolveParallelMoves(moves, scratch, [&](const MoveLoc& d, const MoveLoc& s, wasm::ValType) {
      uint64_t v = read(s);
      if (d.kind == MoveLoc::Kind::Reg) reg[d.reg] = v;
      else mem[d.disp] = v;
    });
    for (int r = 0; r < 8; ++r) ASSERT_EQ(reg[r], expectReg[r]) << "iter " << iter << " reg " << r;
    for (auto& [d, v] : expectMem) ASSERT_EQ(mem[d], v) << "iter " << iter << " mem " << d;
  }
}

TEST(AllocationChecker, RejectsConflicts) {
  std::string err;
  auto vm = watToModule(R"((module (func (param i32 i32) (result i32) (local i32)
      (local.set 2 (i32.mul (local.get 0) (local.get 1)))
      (i32.add (local.get 2) (local.get 0)))))", &err);
  ASSERT_TRUE(vm) << err;
  ir::Function f = ir::lowerFunction(*vm, 0);
  const auto& env = codegen::x64::machineEnv();
  regalloc::Allocation a = regalloc::allocateRegisters(f, vm->module(), env);
  ASSERT_TRUE(regalloc::checkAllocation(f, vm->module(), env, a).ok());
  // Params 0 and 1 are live together: giving them one register must be rejected.
  uint32_t v0 = regalloc::vregOf(0, regalloc::VKind::Int), v1 = regalloc::vregOf(1, regalloc::VKind::Int);
  ASSERT_NE(a.reg[v0], regalloc::Allocation::kSpilled);
  regalloc::Allocation bad = a;
  bad.reg[v1] = bad.reg[v0];
  EXPECT_FALSE(regalloc::checkAllocation(f, vm->module(), env, bad).ok());
  // A scratch register is not allocatable.
  bad = a;
  bad.reg[v0] = int16_t(codegen::x64::enc(codegen::x64::kTmp0));
  EXPECT_FALSE(regalloc::checkAllocation(f, vm->module(), env, bad).ok());
}

}  // namespace
}  // namespace wasmc::testing

namespace wasmc::testing {
namespace {

// Local 1 holds two unrelated values, and the operand stack slot above the locals holds several:
// splitWebs must move the later webs to fresh slots, keep the parameter's web in place, and the code must
// still compute what the interpreter computes, with an allocation the checker accepts.
TEST(SplitWebs, RenamesIndependentValuesOfOneSlot) {
  const char* wat = R"((module
    (global $g (mut i32) (i32.const 0))
    (func (export "f") (param i32) (result i32) (local i32)
      (local.set 1 (i32.add (local.get 0) (i32.const 1)))
      (global.set $g (i32.mul (local.get 1) (local.get 1)))
      (local.set 1 (i32.mul (local.get 0) (i32.const 3)))
      (i32.add (local.get 1) (global.get $g)))))";
  std::string err;
  auto vm = watToModule(wat, &err);
  ASSERT_TRUE(vm) << err;
  ir::Function f = ir::lowerFunction(*vm, 0);
  const uint32_t before = f.numSlots;
  std::vector<uint32_t> dstsOfLocal1;
  for (uint32_t b : f.layout)
    for (const ir::Inst& in : f.blocks[b].insts)
      if (in.dst == f.localSlot[1]) dstsOfLocal1.push_back(in.dst);
  ASSERT_EQ(dstsOfLocal1.size(), 2u) << ir::print(f);
  uint32_t renamed = regalloc::splitWebs(f, vm->module());
  EXPECT_GE(renamed, 1u) << ir::print(f);
  EXPECT_GT(f.numSlots, before);
  // The two definitions of local 1 now write different slots, and the parameter is still read from slot 0.
  std::vector<uint32_t> defs;
  bool readsParam = false;
  for (uint32_t b : f.layout)
    for (const ir::Inst& in : f.blocks[b].insts) {
      if (in.op == ir::Op::I32Add && in.b.isConst()) defs.push_back(in.dst);
      if (in.op == ir::Op::I32Mul && in.b.isConst()) defs.push_back(in.dst);
      if (in.a == ir::Operand::slot(0)) readsParam = true;
    }
  ASSERT_EQ(defs.size(), 2u) << ir::print(f);
  EXPECT_NE(defs[0], defs[1]) << ir::print(f);
  EXPECT_TRUE(readsParam) << ir::print(f);
  EXPECT_TRUE(ir::verify(f).ok());
  regalloc::Allocation a = regalloc::allocateRegisters(f, vm->module(), codegen::x64::machineEnv());
  Status chk = regalloc::checkAllocation(f, vm->module(), codegen::x64::machineEnv(), a);
  EXPECT_TRUE(chk.ok()) << chk.error().message;

  codegen::CodegenOptions opts;
  opts.verifyRegalloc = true;
  JitModule jm(vm, opts);
  ASSERT_EQ(jm.error(), "");
  for (uint32_t x : {0u, 1u, 7u, 0x7fffffffu, 0xffffffffu}) {
    Outcome o = jm.call("f", {x});
    ASSERT_FALSE(o.trapped);
    uint32_t g = (x + 1) * (x + 1);
    EXPECT_EQ(uint32_t(o.results[0]), x * 3 + g) << x;
  }
}

}  // namespace
}  // namespace wasmc::testing
