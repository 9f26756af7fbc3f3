// compiler/ir/passes/merge_blocks.cpp — a block whose only predecessor ends in `jump` to it is appended to
// that predecessor, so the local passes see one longer block. Invariants: the entry block, loop headers
// and jump-table targets stay blocks; blocks merged away leave the layout.
#include "ir/passes/passes.h"

namespace wasmc::ir {

uint32_t mergeBlocks(Function& f, PassStats* stats) {
  std::vector<uint32_t> preds(f.blocks.size(), 0);
  for (uint32_t b : f.layout) {
    if (f.blocks[b].insts.empty()) continue;
    const Inst& t = f.blocks[b].insts.back();
    switch (opForm(t.op)) {
      case OpForm::Branch:
        if (t.op == Op::JumpTable) {
          for (uint32_t x : f.tables[uint32_t(t.imm)]) preds[x] += 2;  // never merged
        } else if (t.op == Op::Jump) {
          ++preds[t.target];
        } else if (t.op == Op::JumpIf || t.op == Op::JumpUnless) {
          preds[t.target] += 2;
          preds[t.target2] += 2;
        }
        break;
      case OpForm::FusedCmp:
        preds[t.target] += 2;
        preds[t.target2] += 2;
        break;
      case OpForm::Wasm:
      case OpForm::Move:
      case OpForm::Call:
      case OpForm::Misc:
      case OpForm::AddrAdd: break;
    }
  }
  uint32_t merged = 0;
  std::vector<uint8_t> gone(f.blocks.size(), 0);
  for (uint32_t b : f.layout) {
    if (gone[b]) continue;
    // Absorb successors for as long as the block ends in a jump to a single-predecessor block.
    for (;;) {
      auto& insts = f.blocks[b].insts;
      if (insts.empty() || insts.back().op != Op::Jump) break;
      const uint32_t s = insts.back().target;
      if (s == b || s == 0 || preds[s] != 1 || gone[s]) break;
      insts.pop_back();
      auto& from = f.blocks[s].insts;
      insts.insert(insts.end(), from.begin(), from.end());
      from.clear();
      gone[s] = 1;
      ++merged;
    }
  }
  if (merged) {
    std::vector<uint32_t> layout;
    for (uint32_t b : f.layout)
      if (!gone[b]) layout.push_back(b);
    f.layout = std::move(layout);
  }
  if (stats) stats->blocksMerged += merged;
  return merged;
}

}  // namespace wasmc::ir
