// compiler/ir/lower/variables.cpp — lowering of locals (copy propagation: local.get emits nothing,
// local.set folds into the producing instruction when it can), constants (pool operands), globals,
// drop/select, references and table operators.
#include <cstring>

#include "ir/lower/lowerer.h"

namespace wasmc::ir {

namespace {

uint64_t bitsOf(const wasm::Instr& in) { return in.bits; }

}  // namespace

void Lowerer::lowerVariable(const wasm::Instr& in) {
  using wasm::Opcode;
  auto def = [&](Inst i, ValType t) {
    i.type = t;
    i.dst = pushResult(t);
    emit(i);
    stack_.back().producer = lastIndex();
  };
  auto setLocal = [&](uint32_t local, StackEntry v) {
    uint32_t ls = f_.localSlot[local];
    if (v.kind == StackEntry::Kind::Local && v.ref == ls) return;
    materializeLocalRefs(ls);
    auto& insts = f_.blocks[cur_].insts;
    if (v.kind == StackEntry::Kind::Slot && v.producer >= 0 && v.producer == lastIndex() &&
        insts[v.producer].dst == v.slot) {
      insts[v.producer].dst = ls;
      return;
    }
    emitMove(v.type, ls, v.operand());
  };
  Inst i;
  i.op = fromWasm(in.op);
  switch (in.op) {
    case Opcode::LocalGet: pushLocal(in.idx0); return;
    case Opcode::LocalSet: setLocal(in.idx0, pop()); return;
    case Opcode::LocalTee: {
      StackEntry v = pop();
      setLocal(in.idx0, v);
      pushLocal(in.idx0);
      return;
    }
    case Opcode::I32Const: pushConst(ValType::I32, bitsOf(in) & 0xFFFFFFFFu); return;
    case Opcode::I64Const: pushConst(ValType::I64, bitsOf(in)); return;
    case Opcode::F32Const: pushConst(ValType::F32, bitsOf(in) & 0xFFFFFFFFu); return;
    case Opcode::F64Const: pushConst(ValType::F64, bitsOf(in)); return;
    case Opcode::V128Const: {
      uint64_t lo, hi;
      std::memcpy(&lo, in.v128.bytes, 8);
      std::memcpy(&hi, in.v128.bytes + 8, 8);
      pushConst(ValType::V128, lo, hi);
      return;
    }
    case Opcode::RefNull: pushConst(in.type, 0); return;
    case Opcode::Drop: pop(); return;
    case Opcode::Select:
    case Opcode::SelectT: {
      StackEntry c = pop(), b = pop(), a = pop();
      i.op = Op::Select;
      i.a = a.operand();
      i.b = b.operand();
      i.c = c.operand();
      def(i, a.type);
      return;
    }
    case Opcode::GlobalGet:
      i.imm = in.idx0;
      def(i, m_.globalType(in.idx0).type);
      return;
    case Opcode::GlobalSet: {
      StackEntry v = pop();
      i.a = v.operand();
      i.imm = in.idx0;
      i.type = v.type;
      emit(i);
      return;
    }
    case Opcode::RefIsNull:
      i.a = pop().operand();
      def(i, ValType::I32);
      return;
    case Opcode::RefFunc:
      i.imm = in.idx0;
      def(i, ValType::FuncRef);
      return;
    case Opcode::TableGet:
      i.a = pop().operand();
      i.imm = in.idx0;
      def(i, m_.tableType(in.idx0).elemType);
      return;
    case Opcode::TableSet: {
      StackEntry v = pop(), idx = pop();
      i.a = idx.operand();
      i.b = v.operand();
      i.imm = in.idx0;
      emit(i);
      return;
    }
    case Opcode::TableSize:
      i.imm = in.idx0;
      def(i, ValType::I32);
      return;
    case Opcode::TableGrow: {
      StackEntry n = pop(), init = pop();
      i.a = init.operand();
      i.b = n.operand();
      i.imm = in.idx0;
      def(i, ValType::I32);
      return;
    }
    case Opcode::TableFill:
    case Opcode::TableCopy:
    case Opcode::TableInit: {
      StackEntry n = pop(), s = pop(), d = pop();
      i.a = d.operand();
      i.b = s.operand();
      i.c = n.operand();
      i.imm = in.idx0;
      i.imm2 = in.idx1;
      emit(i);
      return;
    }
    case Opcode::ElemDrop:
      i.imm = in.idx0;
      emit(i);
      return;
    default: unsupported(); return;  // not of this family: dispatch bug, fail closed
  }
}

}  // namespace wasmc::ir
