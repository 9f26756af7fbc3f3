// compiler/regalloc/operands.cpp — operand types and implicit uses/defs of IR instructions (see
// operands.h). Switches over ir::Op have no default, so a new IR op is a build error here.
#include "regalloc/operands.h"

namespace wasmc::regalloc {

using ir::Op;
using wasm::Opcode;

wasm::Opcode fusedCompare(ir::Op op, bool* jumpIfTrue) {
#define WASMC_IR_OP(Name, Text, Form)
#define WASMC_IR_FUSED(Cmp)                                                       \
  if (op == Op::JumpIf##Cmp) { *jumpIfTrue = true; return Opcode::Cmp; }        \
  if (op == Op::JumpUnless##Cmp) { *jumpIfTrue = false; return Opcode::Cmp; }
#include "ir/ir_ops.def"
#undef WASMC_IR_FUSED
#undef WASMC_IR_OP
  *jumpIfTrue = true;
  return Opcode::Nop;
}

OperandTypes operandTypes(const ir::Function& f, const wasm::Module& m, const ir::Inst& in) {
  (void)f;
  OperandTypes r;
  auto fromSig = [&](wasm::Opcode op) {
    const wasm::SigInfo& s = wasm::sigInfo(wasm::opcodeInfo(op).sig);
    for (unsigned k = 0; k < s.numParams && k < 3; ++k) r.t[k] = s.params[k];
  };
  switch (ir::opForm(in.op)) {
    case ir::OpForm::Wasm: {
      wasm::Opcode op = ir::wasmOpcode(in.op);
      switch (op) {
        case Opcode::Select: case Opcode::SelectT:
          r.t[0] = r.t[1] = in.type;
          r.t[2] = ValType::I32;
          return r;
        case Opcode::GlobalSet: r.t[0] = in.type; return r;
        case Opcode::RefIsNull: r.t[0] = ValType::FuncRef; return r;
        case Opcode::TableGet: r.t[0] = ValType::I32; return r;
        case Opcode::TableSet:
          r.t[0] = ValType::I32;
          r.t[1] = m.tableType(uint32_t(in.imm)).elemType;
          return r;
        case Opcode::TableGrow:
          r.t[0] = m.tableType(uint32_t(in.imm)).elemType;
          r.t[1] = ValType::I32;
          return r;
        case Opcode::TableFill:
          r.t[1] = m.tableType(uint32_t(in.imm)).elemType;
          return r;
        default: break;
      }
      if (wasm::opcodeInfo(op).sig != wasm::Sig::X) fromSig(op);
      return r;
    }
    case ir::OpForm::Move: r.t[0] = in.op == Op::MovV128 ? ValType::V128 : in.type; return r;
    case ir::OpForm::Branch:
      if (in.op == Op::Ret1) r.t[0] = in.type;
      return r;
    case ir::OpForm::Call: return r;  // b (call_indirect index) is i32
    case ir::OpForm::Misc: return r;
    case ir::OpForm::FusedCmp: {
      bool t;
      fromSig(fusedCompare(in.op, &t));
      return r;
    }
    case ir::OpForm::AddrAdd: {
      wasm::Opcode base = ir::addrAddBase(in.op);
      r.t[0] = r.t[1] = ValType::I32;
      if (wasm::opcodeInfo(base).kind == wasm::OpKind::Store) r.t[2] = in.type;
      return r;
    }
  }
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
