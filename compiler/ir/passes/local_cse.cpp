// compiler/ir/passes/local_cse.cpp — within a block, a Simple operator (a function of its operands only)
// applied again to the same operands becomes a copy of the slot holding the first result. Invariants: the
// operands and that slot were not written in between; one-slot results; a window of 32 expressions.
#include "ir/passes/passes.h"

namespace wasmc::ir {

namespace {

constexpr size_t kWindow = 32;

struct Avail {
  Op op;
  ValType type;
  Operand a, b, c;
  uint64_t imm;
  uint32_t imm2;
  uint32_t holder;
  bool same(const Inst& in) const {
    return op == in.op && type == in.type && a == in.a && b == in.b && c == in.c && imm == in.imm && imm2 == in.imm2;
  }
  bool involves(uint32_t lo, uint32_t hi) const {  // holder or an operand slot in [lo, hi)
    auto in = [&](uint32_t s) { return s >= lo && s < hi; };
    if (in(holder)) return true;
    for (const Operand* o : {&a, &b, &c})
      if (o->isSlot() && in(o->index())) return true;
    return false;
  }
};

bool candidate(const Inst& in) {
  return opForm(in.op) == OpForm::Wasm && wasm::opcodeInfo(wasmOpcode(in.op)).kind == wasm::OpKind::Simple &&
         in.dst != Operand::kNone && in.type != ValType::V128;
}

}  // namespace

uint32_t eliminateCommonSubexpressions(Function& f, const wasm::Module& m, PassStats* stats) {
  uint32_t changed = 0;
  std::vector<Avail> avail;
  avail.reserve(kWindow);
  for (uint32_t b : f.layout) {
    avail.clear();
    for (Inst& in : f.blocks[b].insts) {
      bool replaced = false;
      if (candidate(in))
        for (const Avail& e : avail)
          if (e.same(in) && e.holder != in.dst) {
            Inst mv;
            mv.op = Op::Mov;
            mv.type = in.type;
            mv.dst = in.dst;
            mv.a = Operand::slot(e.holder);
            mv.wasmOffset = in.wasmOffset;
            in = mv;
            ++changed;
            replaced = true;
            break;
          }
      const SlotRun d = defRun(f, m, in);
      if (d.n) {
        size_t k = 0;
        for (size_t i = 0; i < avail.size(); ++i)
          if (!avail[i].involves(d.slot, d.slot + d.n)) avail[k++] = avail[i];
        avail.resize(k);
      }
      if (replaced || !candidate(in)) continue;
      // x = op x, y: the expression no longer holds once x is overwritten by its own result.
      bool readsDst = false;
      for (const Operand* o : {&in.a, &in.b, &in.c})
        if (o->isSlot() && o->index() == in.dst) readsDst = true;
      if (readsDst) continue;
      if (avail.size() == kWindow) avail.erase(avail.begin());
      avail.push_back(Avail{in.op, in.type, in.a, in.b, in.c, in.imm, in.imm2, in.dst});
    }
  }
  if (stats) stats->cseRemoved += changed;
  return changed;
}

}  // namespace wasmc::ir
