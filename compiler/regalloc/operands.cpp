// compiler/regalloc/operands.cpp — typed uses/defs of IR instructions, implicit ones included (see
// operands.h); operand types come from ir::operandType (compiler/ir/operands.cpp).
#include "regalloc/operands.h"

namespace wasmc::regalloc {

using ir::Op;
using wasm::Opcode;

OperandTypes operandTypes(const ir::Function& f, const wasm::Module& m, const ir::Inst& in) {
  (void)f;
  OperandTypes r;
  for (unsigned k = 0; k < 3; ++k) r.t[k] = ir::operandType(m, in, k);
  return r;
}

bool isCallLike(const ir::Inst& in) {
  if (in.op == Op::CallFunc || in.op == Op::CallInd) return true;
  if (ir::opForm(in.op) != ir::OpForm::Wasm) return false;
  switch (ir::wasmOpcode(in.op)) {
    case Opcode::MemoryGrow: case Opcode::MemoryInit: case Opcode::MemoryCopy: case Opcode::MemoryFill:
    case Opcode::DataDrop: case Opcode::TableGrow: case Opcode::TableFill: case Opcode::TableCopy:
    case Opcode::TableInit: case Opcode::ElemDrop: case Opcode::RefFunc:
      return true;
    default: return false;
  }
}

void instSlots(const ir::Function& f, const wasm::Module& m, const ir::Inst& in, std::vector<SlotUse>& uses,
               std::vector<SlotUse>& defs) {
  uses.clear();
  defs.clear();
  auto seq = [](const std::vector<ValType>& types, uint32_t base, std::vector<SlotUse>& out) {
    uint32_t s = base;
    for (ValType t : types) {
      out.push_back({s, t});
      s += ir::slotsOf(t);
    }
  };
  if (in.op == Op::CallFunc || in.op == Op::CallInd) {
    const wasm::FuncType& ft = in.op == Op::CallFunc ? m.funcType(uint32_t(in.imm)) : m.types[uint32_t(in.imm)];
    if (in.op == Op::CallInd && in.b.isSlot()) uses.push_back({in.b.index(), ValType::I32});
    seq(ft.params, in.a.none() ? 0 : in.a.index(), uses);
    seq(ft.results, in.a.none() ? 0 : in.a.index(), defs);
    return;
  }
  if (in.op == Op::Ret) {
    if (!in.a.none()) seq(f.type->results, in.a.index(), uses);
    return;
  }
  OperandTypes ot = operandTypes(f, m, in);
  const ir::Operand* ops[3] = {&in.a, &in.b, &in.c};
  for (unsigned k = 0; k < 3; ++k)
    if (ops[k]->isSlot()) uses.push_back({ops[k]->index(), ot.t[k]});
  if (in.dst != ir::Operand::kNone) defs.push_back({in.dst, in.op == Op::MovV128 ? ValType::V128 : in.type});
}

}  // namespace wasmc::regalloc
