// compiler/ir/verifier.cpp — checks the structural invariants of ir.h: one terminator per block, at its
// end; valid branch targets (blocks in the layout); operands inside the frame or the constant pool.
#include <cstdio>
#include <string>
#include <vector>

#include "ir/ir.h"

namespace wasmc::ir {

Status verify(const Function& f) {
  std::vector<uint8_t> inLayout(f.blocks.size(), 0);
  for (uint32_t id : f.layout) {
    if (id >= f.blocks.size()) return Error::plain("layout names unknown block " + std::to_string(id));
    if (inLayout[id]) return Error::plain("block " + std::to_string(id) + " laid out twice");
    inLayout[id] = 1;
  }
  if (f.layout.empty() || f.layout[0] != 0) return Error::plain("entry block is not first");
  auto where = [](uint32_t b, size_t i) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "b%u[%zu]: ", b, i);
    return std::string(buf);
  };
  for (uint32_t id : f.layout) {
    const auto& insts = f.blocks[id].insts;
    if (insts.empty() || !isTerminator(insts.back().op))
      return Error::plain("block b" + std::to_string(id) + " does not end in a terminator");
    for (size_t k = 0; k < insts.size(); ++k) {
      const Inst& i = insts[k];
      if (k + 1 < insts.size() && isTerminator(i.op)) return Error::plain(where(id, k) + "terminator inside block");
      for (const Operand* o : {&i.a, &i.b, &i.c}) {
        // A call's `a` is where the callee frame starts: it may equal numSlots (no arguments).
        uint32_t limit = (o == &i.a && opForm(i.op) == OpForm::Call) ? f.numSlots + 1 : f.numSlots;
        if (o->isSlot() && o->index() >= limit) return Error::plain(where(id, k) + "operand slot out of frame");
        if (o->isConst() && o->index() >= f.consts.size()) return Error::plain(where(id, k) + "unknown constant");
      }
      if (i.dst != Operand::kNone && i.dst + slotsOf(i.type) > f.numSlots)
        return Error::plain(where(id, k) + "destination out of frame");
      if (!isTerminator(i.op) || i.op == Op::Ret || i.op == Op::Ret1 || i.op == Op::Trap) continue;
      auto bad = [&](uint32_t t) { return t >= f.blocks.size() || !inLayout[t]; };
      if (i.op == Op::JumpTable) {
        if (i.imm >= f.tables.size() || f.tables[i.imm].empty()) return Error::plain(where(id, k) + "bad jump table");
        for (uint32_t t : f.tables[i.imm])
          if (bad(t)) return Error::plain(where(id, k) + "jump table target not laid out");
        continue;
      }
      if (bad(i.target) || (i.op != Op::Jump && bad(i.target2)))
        return Error::plain(where(id, k) + "branch target not laid out");
    }
  }
  return Status::success();
}

}  // namespace wasmc::ir
