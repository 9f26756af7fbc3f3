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
