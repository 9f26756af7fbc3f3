// compiler/ir/passes/slot_effects.cpp — the slot runs an IR instruction reads and writes, for the passes (the
// IR library cannot use regalloc/operands.cpp). Invariant: exact — calls use arguments and define results
// from slot `a`, `ret` reads the results from `a`, a v128 value covers two slots.
#include <unordered_map>

#include "ir/passes/passes.h"

namespace wasmc::ir {

using wasm::Opcode;

void slotEffects(const Function& f, const wasm::Module& m, const Inst& in, std::vector<SlotRun>& uses,
                 std::vector<SlotRun>& defs) {
  uses.clear();
  defs.clear();
  auto seq = [](const std::vector<ValType>& types, uint32_t base, std::vector<SlotRun>& out) {
    uint32_t n = 0;
    for (ValType t : types) n += slotsOf(t);
    if (n) out.push_back({base, n});
  };
  if (in.op == Op::CallFunc || in.op == Op::CallInd) {
    const wasm::FuncType& ft = in.op == Op::CallFunc ? m.funcType(uint32_t(in.imm)) : m.types[uint32_t(in.imm)];
    if (in.op == Op::CallInd && in.b.isSlot()) uses.push_back({in.b.index(), 1});
    seq(ft.params, in.a.none() ? 0 : in.a.index(), uses);
    seq(ft.results, in.a.none() ? 0 : in.a.index(), defs);
    return;
  }
  if (in.op == Op::Ret) {
    if (!in.a.none()) seq(f.type->results, in.a.index(), uses);
    return;
  }
  const Operand* ops[3] = {&in.a, &in.b, &in.c};
  for (unsigned k = 0; k < 3; ++k)
    if (ops[k]->isSlot()) uses.push_back({ops[k]->index(), slotsOf(operandType(m, in, k))});
  if (in.dst != Operand::kNone) defs.push_back({in.dst, in.op == Op::MovV128 ? 2u : slotsOf(in.type)});
}

SlotRun defRun(const Function& f, const wasm::Module& m, const Inst& in) {
  (void)f;
  if (in.op == Op::CallFunc || in.op == Op::CallInd) {
    const wasm::FuncType& ft = in.op == Op::CallFunc ? m.funcType(uint32_t(in.imm)) : m.types[uint32_t(in.imm)];
    uint32_t n = 0;
    for (ValType t : ft.results) n += slotsOf(t);
    return {in.a.none() ? 0 : in.a.index(), n};
  }
  if (in.dst == Operand::kNone) return {0, 0};
  return {in.dst, in.op == Op::MovV128 ? 2u : slotsOf(in.type)};
}

bool isPure(const Inst& in) {
  switch (opForm(in.op)) {
    case OpForm::Move: return true;
    case OpForm::Wasm: {
      Opcode op = wasmOpcode(in.op);
      if (wasm::opcodeInfo(op).kind == wasm::OpKind::Simple) return true;
      return op == Opcode::GlobalGet || op == Opcode::Select || op == Opcode::SelectT || op == Opcode::MemorySize ||
             op == Opcode::TableSize || op == Opcode::RefIsNull;
    }
    case OpForm::Branch:
    case OpForm::Call:
    case OpForm::Misc:
    case OpForm::FusedCmp:
    case OpForm::AddrAdd: return false;
  }
  return false;
}

uint32_t internConst(Function& f, ValType t, uint64_t lo, uint64_t hi) {
  for (uint32_t i = uint32_t(f.consts.size()); i-- > 0;) {
    const Const& c = f.consts[i];
    if (c.type == t && c.bits[0] == lo && c.bits[1] == hi) return i;
  }
  Const c;
  c.type = t;
  c.bits[0] = lo;
  c.bits[1] = hi;
  f.consts.push_back(c);
  return uint32_t(f.consts.size() - 1);
}

}  // namespace wasmc::ir
