// compiler/ir/operands.cpp — the type each operand of an IR instruction is read at, and the Wasm compare of
// a fused compare-and-branch: one definition for the IR passes, the register allocator and the
// instruction selectors. Switches over OpForm have no default, so a new form is a build error here.
#include "ir/ir.h"

namespace wasmc::ir {

using wasm::Opcode;

wasm::Opcode fusedCompareOf(Op op, bool* jumpIfTrue) {
#define WASMC_IR_OP(Name, Text, Form)
#define WASMC_IR_FUSED(Cmp)                                                   \
  if (op == Op::JumpIf##Cmp) return *jumpIfTrue = true, Opcode::Cmp;         \
  if (op == Op::JumpUnless##Cmp) return *jumpIfTrue = false, Opcode::Cmp;
#include "ir/ir_ops.def"
#undef WASMC_IR_FUSED
#undef WASMC_IR_OP
  *jumpIfTrue = true;
  return Opcode::Nop;
}

ValType operandType(const wasm::Module& m, const Inst& in, unsigned k) {
  auto fromSig = [k](Opcode op) {
    const wasm::SigInfo& s = wasm::sigInfo(wasm::opcodeInfo(op).sig);
    return k < s.numParams ? s.params[k] : ValType::I32;
  };
  switch (opForm(in.op)) {
    case OpForm::Wasm: {
      Opcode op = wasmOpcode(in.op);
      switch (op) {
        case Opcode::Select: case Opcode::SelectT: return k < 2 ? in.type : ValType::I32;
        case Opcode::GlobalSet: return k == 0 ? in.type : ValType::I32;
        case Opcode::RefIsNull: return k == 0 ? ValType::FuncRef : ValType::I32;
        case Opcode::TableSet: return k == 1 ? m.tableType(uint32_t(in.imm)).elemType : ValType::I32;
        case Opcode::TableGrow: return k == 0 ? m.tableType(uint32_t(in.imm)).elemType : ValType::I32;
        case Opcode::TableFill: return k == 1 ? m.tableType(uint32_t(in.imm)).elemType : ValType::I32;
        default: break;
      }
      if (wasm::opcodeInfo(op).sig == wasm::Sig::X) return ValType::I32;  // other table/ref operators: indices
      return fromSig(op);
    }
    case OpForm::Move: return k == 0 ? (in.op == Op::MovV128 ? ValType::V128 : in.type) : ValType::I32;
    case OpForm::Branch: return in.op == Op::Ret1 && k == 0 ? in.type : ValType::I32;
    case OpForm::Call: return ValType::I32;  // call_indirect's b: the table index
    case OpForm::Misc: return ValType::I32;
    case OpForm::FusedCmp: {
      bool jumpIfTrue;
      return fromSig(fusedCompareOf(in.op, &jumpIfTrue));
    }
    case OpForm::AddrAdd: {
      if (k < 2) return ValType::I32;
      return wasm::opcodeInfo(addrAddBase(in.op)).kind == wasm::OpKind::Store ? in.type : ValType::I32;
    }
  }
  return ValType::I32;
}

}  // namespace wasmc::ir
