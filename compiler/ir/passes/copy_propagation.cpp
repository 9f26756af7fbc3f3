// compiler/ir/passes/copy_propagation.cpp — within a block, after `d = mov s` reads of d read s until d or
// s is written again (the copy then often dies in dead_defs): the copies the lowering's own propagation
// cannot see. Invariant: only one-slot operands are rewritten, never the base slot of a call or `ret`.
#include "ir/passes/passes.h"

namespace wasmc::ir {

uint32_t propagateCopies(Function& f, const wasm::Module& m, PassStats* stats) {
  uint32_t changed = 0;
  std::vector<uint32_t> copyOf(f.numSlots + 2, Operand::kNone);  // slot -> the slot it is a copy of
  std::vector<std::vector<uint32_t>> copies(f.numSlots + 2);      // slot -> slots that may copy it
  std::vector<uint32_t> touched;
  auto kill = [&](uint32_t s) {
    copyOf[s] = Operand::kNone;
    for (uint32_t d : copies[s])
      if (copyOf[d] == s) copyOf[d] = Operand::kNone;
    copies[s].clear();
  };
  for (uint32_t b : f.layout) {
    for (uint32_t s : touched) kill(s);
    touched.clear();
    for (Inst& in : f.blocks[b].insts) {
      if (in.op != Op::CallFunc && in.op != Op::CallInd && in.op != Op::Ret) {
        Operand* ops[3] = {&in.a, &in.b, &in.c};
        for (unsigned k = 0; k < 3; ++k) {
          if (!ops[k]->isSlot() || operandType(m, in, k) == ValType::V128) continue;
          uint32_t src = copyOf[ops[k]->index()];
          if (src == Operand::kNone) continue;
          *ops[k] = Operand::slot(src);
          ++changed;
        }
      }
      const SlotRun d = defRun(f, m, in);
      for (uint32_t s = d.slot; s < d.slot + d.n; ++s) kill(s);
      if (in.op == Op::Mov && in.a.isSlot() && in.dst != Operand::kNone && in.a.index() != in.dst) {
        copyOf[in.dst] = in.a.index();
        copies[in.a.index()].push_back(in.dst);
        touched.push_back(in.dst);
        touched.push_back(in.a.index());
      }
    }
  }
  if (stats) stats->copiesPropagated += changed;
  return changed;
}

}  // namespace wasmc::ir
