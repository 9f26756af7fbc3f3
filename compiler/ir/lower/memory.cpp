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
  auto& insts = f_.blocks[cur_].insts;
  // Fuses `i32.add a, b` producing the address into the access (the add's stack temp dies here), when
  // nothing between them writes a or b.
  auto fuseAddress = [&](const StackEntry& addr) {
    if (info.imm != wasm::ImmKind::MemArg || addr.kind != StackEntry::Kind::Slot || addr.producer < 0) return false;
    const Inst& add = insts[addr.producer];
    if (add.op != Op::I32Add || add.dst != addr.slot) return false;
    for (size_t k = addr.producer + 1; k < insts.size(); ++k) {
      const Inst& w = insts[k];
      if (opForm(w.op) == OpForm::Call) return false;
      for (const Operand* o : {&add.a, &add.b})
        if (o->isSlot() && w.dst != Operand::kNone && o->index() >= w.dst && o->index() < w.dst + slotsOf(w.type))
          return false;
    }
    i.op = addrAddForm(in.op);
    i.a = add.a;
    i.b = add.b;
    insts[addr.producer].op = Op::Nop;  // removed after lowering; indices of other producers stay valid
    insts[addr.producer].dst = Operand::kNone;
    return true;
  };
  if (info.kind == wasm::OpKind::Load) {
    if (info.imm == wasm::ImmKind::MemLane) i.b = pop().operand();
    StackEntry addr = pop();
    if (!fuseAddress(addr)) i.a = addr.operand();
    i.imm = in.mem.offset;
    i.imm2 = in.lane;
    def(sig.result);
    return;
  }
  if (info.kind == wasm::OpKind::Store) {
    StackEntry v = pop();
    StackEntry addr = pop();
    if (fuseAddress(addr)) {
      i.c = v.operand();
    } else {
      i.a = addr.operand();
      i.b = v.operand();
    }
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
    default: unsupported(); return;  // not of this family: dispatch bug, fail closed
  }
}

}  // namespace wasmc::ir
