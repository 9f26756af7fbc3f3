// compiler/ir/lower/memory.cpp — lowering of loads, stores (offset and lane as immediates; the bounds
// check is the consumer's: explicit in the interpreter) and memory.size/grow/init/copy/fill, data.drop.
#include "ir/lower/lowerer.h"

namespace wasmc::ir {

void Lowerer::lowerMemory(const wasm::Instr& in) {
  using wasm::Opcode;
  const wasm::OpcodeInfo& info = wasm::opcodeInfo(in.op);
  const wasm::SigInfo& sig = wasm::sigInfo(info.sig);
  Inst i;
  i.op = fromWasm(in.op);
  auto def = [&](ValType t) {
    i.type = t;
    i.dst = pushResult(t);
    emit(i);
    stack_.back().producer = lastIndex();
  };
  if (info.kind == wasm::OpKind::Load) {
    if (info.imm == wasm::ImmKind::MemLane) i.b = pop().operand();
    i.a = pop().operand();
    i.imm = in.mem.offset;
    i.imm2 = in.lane;
    def(sig.result);
    return;
  }
  if (info.kind == wasm::OpKind::Store) {
    StackEntry v = pop();
    i.a = pop().operand();
    i.b = v.operand();
    i.type = v.type;
    i.imm = in.mem.offset;
    i.imm2 = in.lane;
    emit(i);
    return;
  }
  switch (in.op) {
    case Opcode::MemorySize: def(ValType::I32); return;
    case Opcode::MemoryGrow:
      i.a = pop().operand();
      def(ValType::I32);
      return;
    case Opcode::MemoryInit:
    case Opcode::MemoryCopy:
    case Opcode::MemoryFill: {
      StackEntry n = pop(), s = pop(), d = pop();
      i.a = d.operand();
      i.b = s.operand();
      i.c = n.operand();
      i.imm = in.idx0;
      emit(i);
      return;
    }
    case Opcode::DataDrop:
      i.imm = in.idx0;
      emit(i);
      return;
    default: return;
  }
}

}  // namespace wasmc::ir
