// compiler/regalloc/liveness.cpp — backward dataflow over blocks: live-in/live-out bitsets of vregs
// ((slot, kind) pairs). A write of one kind does not kill another kind of the same slot (they are
// different variables); validation guarantees reads see a write of their own kind.
#include "regalloc/regalloc.h"

namespace wasmc::regalloc {

namespace {
void successors(const ir::Function& f, const ir::Inst& t, std::vector<uint32_t>& out) {
  out.clear();
  switch (ir::opForm(t.op)) {
    case ir::OpForm::Branch:
      if (t.op == ir::Op::Jump) out.push_back(t.target);
      else if (t.op == ir::Op::JumpIf || t.op == ir::Op::JumpUnless) {
        out.push_back(t.target);
        out.push_back(t.target2);
      } else if (t.op == ir::Op::JumpTable) {
        for (uint32_t b : f.tables[uint32_t(t.imm)]) out.push_back(b);
      }
      return;
    case ir::OpForm::FusedCmp:
      out.push_back(t.target);
      out.push_back(t.target2);
      return;
    case ir::OpForm::Wasm: case ir::OpForm::Move: case ir::OpForm::Call: case ir::OpForm::Misc:
    case ir::OpForm::AddrAdd:
      return;
  }
}
}  // namespace

void blockSuccessors(const ir::Function& f, uint32_t block, std::vector<uint32_t>& out) {
  out.clear();
  const auto& insts = f.blocks[block].insts;
  if (!insts.empty()) successors(f, insts.back(), out);
}

Liveness computeLiveness(const ir::Function& f, const wasm::Module& m) {
  Liveness L;
  L.numVregs = f.numSlots * kNumVKinds;
  size_t words = (L.numVregs + 63) / 64 + 1;
  size_t nb = f.blocks.size();
  L.liveIn.assign(nb, std::vector<uint64_t>(words, 0));
  L.liveOut.assign(nb, std::vector<uint64_t>(words, 0));
  std::vector<std::vector<uint64_t>> use(nb, std::vector<uint64_t>(words, 0)), def = use;
  std::vector<SlotUse> uses, defs;
  for (uint32_t b : f.layout) {
    for (const ir::Inst& in : f.blocks[b].insts) {
      instSlots(f, m, in, uses, defs);
      for (const SlotUse& u : uses) {
        uint32_t v = vregOf(u.slot, kindOf(u.type));
        if (!((def[b][v >> 6] >> (v & 63)) & 1)) use[b][v >> 6] |= uint64_t(1) << (v & 63);
      }
      for (const SlotUse& d : defs) {
        uint32_t v = vregOf(d.slot, kindOf(d.type));
        def[b][v >> 6] |= uint64_t(1) << (v & 63);
      }
    }
  }
  std::vector<uint32_t> succ;
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t li = f.layout.size(); li-- > 0;) {
      uint32_t b = f.layout[li];
      blockSuccessors(f, b, succ);
      std::vector<uint64_t>& out = L.liveOut[b];
      for (uint32_t s : succ)
        for (size_t w = 0; w < words; ++w) out[w] |= L.liveIn[s][w];
      for (size_t w = 0; w < words; ++w) {
        uint64_t in = use[b][w] | (out[w] & ~def[b][w]);
        if (in != L.liveIn[b][w]) {
          L.liveIn[b][w] = in;
          changed = true;
        }
      }
    }
  }
  return L;
}

}  // namespace wasmc::regalloc
