// compiler/ir/passes/remove_empty_blocks.cpp — jump threading: a branch to a block that holds only an
// unconditional Jump goes straight to that Jump's target; blocks no longer reached leave the layout.
// Invariant kept: every block in the layout is reachable from block 0 or from a jump table.
#include <vector>

#include "ir/ir.h"

namespace wasmc::ir {

void removeEmptyBlocks(Function& f) {
  auto forward = [&](uint32_t b) {
    for (int guard = 0; guard < 64; ++guard) {
      const auto& in = f.blocks[b].insts;
      if (in.size() != 1 || in[0].op != Op::Jump || in[0].target == b) break;
      b = in[0].target;
    }
    return b;
  };
  for (uint32_t id : f.layout)
    for (Inst& i : f.blocks[id].insts) {
      if (opForm(i.op) != OpForm::Branch && opForm(i.op) != OpForm::FusedCmp) continue;
      if (i.op == Op::JumpTable) {
        for (uint32_t& t : f.tables[i.imm]) t = forward(t);
        continue;
      }
      if (i.op == Op::Ret || i.op == Op::Ret1 || i.op == Op::Trap) continue;
      i.target = forward(i.target);
      if (i.op != Op::Jump) i.target2 = forward(i.target2);
    }
  // Keep only blocks still reachable.
  std::vector<uint8_t> seen(f.blocks.size(), 0);
  std::vector<uint32_t> work{0};
  seen[0] = 1;
  while (!work.empty()) {
    uint32_t b = work.back();
    work.pop_back();
    for (const Inst& i : f.blocks[b].insts) {
      auto visit = [&](uint32_t t) {
        if (!seen[t]) seen[t] = 1, work.push_back(t);
      };
      switch (opForm(i.op)) {
        case OpForm::Branch:
        case OpForm::FusedCmp:
          if (i.op == Op::JumpTable) {
            for (uint32_t t : f.tables[i.imm]) visit(t);
          } else if (i.op == Op::Jump) {
            visit(i.target);
          } else if (i.op != Op::Ret && i.op != Op::Ret1 && i.op != Op::Trap) {
            visit(i.target);
            visit(i.target2);
          }
          break;
        case OpForm::Wasm:
        case OpForm::Move:
        case OpForm::Call:
        case OpForm::AddrAdd:
        case OpForm::Misc: break;
      }
    }
  }
  std::vector<uint32_t> layout;
  for (uint32_t id : f.layout)
    if (seen[id]) layout.push_back(id);
  f.layout = std::move(layout);
}

}  // namespace wasmc::ir
