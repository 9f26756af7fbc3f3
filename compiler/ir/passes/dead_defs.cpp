// compiler/ir/passes/dead_defs.cpp — slot liveness (backward dataflow, one bit per slot), then removal of
// pure instructions whose written slots are all dead and of self-moves, repeated (≤ 4 sweeps) while it
// removes something. Invariant: nothing that can trap, write memory/globals/tables or call is removed.
#include <algorithm>

#include "ir/passes/passes.h"

namespace wasmc::ir {

namespace {

struct BitSet {
  std::vector<uint64_t> w;
  explicit BitSet(size_t n = 0) : w((n + 63) / 64, 0) {}
  bool get(uint32_t i) const { return (w[i >> 6] >> (i & 63)) & 1; }
  void set(uint32_t i) { w[i >> 6] |= 1ull << (i & 63); }
  void reset(uint32_t i) { w[i >> 6] &= ~(1ull << (i & 63)); }
};

template <class F> void forEachSuccessor(const Function& f, const Inst& term, F fn) {
  switch (opForm(term.op)) {
    case OpForm::Branch:
      if (term.op == Op::JumpTable) {
        for (uint32_t t : f.tables[uint32_t(term.imm)]) fn(t);
      } else if (term.op == Op::Jump) {
        fn(term.target);
      } else if (term.op == Op::JumpIf || term.op == Op::JumpUnless) {
        fn(term.target);
        fn(term.target2);
      }
      return;
    case OpForm::FusedCmp:
      fn(term.target);
      fn(term.target2);
      return;
    case OpForm::Wasm:
    case OpForm::Move:
    case OpForm::Call:
    case OpForm::Misc:
    case OpForm::AddrAdd: return;
  }
}

bool isSelfMove(const Inst& in) {
  return (in.op == Op::Mov || in.op == Op::MovV128) && in.a.isSlot() && in.a.index() == in.dst;
}

uint32_t sweep(Function& f, const wasm::Module& m) {
  const size_t n = f.numSlots + 2;
  std::vector<SlotRun> uses, defs;
  // gen (read before written in the block) and kill (written) per block.
  std::vector<BitSet> gen(f.blocks.size()), kill(f.blocks.size()), liveIn(f.blocks.size()), liveOut(f.blocks.size());
  for (uint32_t b : f.layout) {
    gen[b] = BitSet(n), kill[b] = BitSet(n), liveIn[b] = BitSet(n), liveOut[b] = BitSet(n);
    const auto& insts = f.blocks[b].insts;
    for (size_t i = insts.size(); i-- > 0;) {
      slotEffects(f, m, insts[i], uses, defs);
      for (const SlotRun& d : defs)
        for (uint32_t s = d.slot; s < d.slot + d.n; ++s) kill[b].set(s), gen[b].reset(s);
      for (const SlotRun& u : uses)
        for (uint32_t s = u.slot; s < u.slot + u.n; ++s) gen[b].set(s);
    }
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t li = f.layout.size(); li-- > 0;) {
      const uint32_t b = f.layout[li];
      BitSet& out = liveOut[b];
      if (!f.blocks[b].insts.empty())
        forEachSuccessor(f, f.blocks[b].insts.back(), [&](uint32_t t) {
          for (size_t k = 0; k < out.w.size(); ++k) out.w[k] |= liveIn[t].w[k];
        });
      for (size_t k = 0; k < out.w.size(); ++k) {
        uint64_t in = gen[b].w[k] | (out.w[k] & ~kill[b].w[k]);
        if (in != liveIn[b].w[k]) liveIn[b].w[k] = in, changed = true;
      }
    }
  }
  uint32_t removed = 0;
  for (uint32_t b : f.layout) {
    auto& insts = f.blocks[b].insts;
    BitSet live = liveOut[b];
    std::vector<uint8_t> dead(insts.size(), 0);
    for (size_t i = insts.size(); i-- > 0;) {
      const Inst& in = insts[i];
      slotEffects(f, m, in, uses, defs);
      if (isSelfMove(in) || (in.dst != Operand::kNone && isPure(in) &&
                             std::none_of(defs.begin(), defs.end(), [&](const SlotRun& d) {
                               for (uint32_t s = d.slot; s < d.slot + d.n; ++s)
                                 if (live.get(s)) return true;
                               return false;
                             }))) {
        dead[i] = 1;
        ++removed;
        continue;
      }
      for (const SlotRun& d : defs)
        for (uint32_t s = d.slot; s < d.slot + d.n; ++s) live.reset(s);
      for (const SlotRun& u : uses)
        for (uint32_t s = u.slot; s < u.slot + u.n; ++s) live.set(s);
    }
    size_t k = 0;
    for (size_t i = 0; i < insts.size(); ++i)
      if (!dead[i]) insts[k++] = insts[i];
    insts.resize(k);
  }
  return removed;
}

}  // namespace

uint32_t removeDeadDefs(Function& f, const wasm::Module& m, PassStats* stats, int maxSweeps) {
  uint32_t total = 0;
  for (int round = 0; round < maxSweeps; ++round) {
    uint32_t r = sweep(f, m);
    total += r;
    if (r == 0) break;
  }
  if (stats) stats->deadRemoved += total;
  return total;
}

}  // namespace wasmc::ir
