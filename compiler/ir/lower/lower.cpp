// compiler/ir/lower/lower.cpp — the lowering driver: frame layout, the virtual operand stack, block
// emission, and dispatch of each Wasm operator to its family (control.cpp, variables.cpp, memory.cpp,
// numeric.cpp). Reads bodies only through InstrReader, only from a ValidatedModule.
#include <map>
#include <tuple>

#include "ir/lower/lowerer.h"

namespace wasmc::ir {

Lowerer::Lowerer(const wasm::ValidatedModule& vm, uint32_t definedIndex) : vm_(vm), m_(vm.module()) {
  const wasm::Function& fn = m_.functions[definedIndex];
  f_.funcIndex = m_.numImportedFuncs + definedIndex;
  f_.type = &m_.types[fn.typeIndex];
  f_.localTypes = f_.type->params;
  for (const auto& d : fn.locals)
    for (uint32_t i = 0; i < d.count; ++i) f_.localTypes.push_back(d.type);
  uint32_t slot = 0;
  for (size_t i = 0; i < f_.localTypes.size(); ++i) {
    if (i == f_.type->params.size()) f_.paramSlots = slot;
    f_.localSlot.push_back(slot);
    slot += slotsOf(f_.localTypes[i]);
  }
  if (f_.localTypes.size() == f_.type->params.size()) f_.paramSlots = slot;
  f_.localSlots = slot;
  f_.numSlots = slot;
}

uint32_t Lowerer::newBlock() {
  f_.blocks.emplace_back();
  return uint32_t(f_.blocks.size() - 1);
}

void Lowerer::startBlock(uint32_t id) {
  cur_ = id;
  f_.layout.push_back(id);
  for (auto& e : stack_) e.producer = -1;
}

Inst& Lowerer::emit(Inst inst) {
  inst.wasmOffset = wasmOffset_;
  auto& insts = f_.blocks[cur_].insts;
  insts.push_back(inst);
  return insts.back();
}

int32_t Lowerer::lastIndex() const { return int32_t(f_.blocks[cur_].insts.size()) - 1; }

uint32_t Lowerer::addConst(ValType t, uint64_t lo, uint64_t hi) {
  for (size_t i = f_.consts.size() > 64 ? f_.consts.size() - 64 : 0; i < f_.consts.size(); ++i) {
    const Const& c = f_.consts[i];
    if (c.type == t && c.bits[0] == lo && c.bits[1] == hi) return uint32_t(i);
  }
  Const c;
  c.type = t;
  c.bits[0] = lo;
  c.bits[1] = hi;
  f_.consts.push_back(c);
  return uint32_t(f_.consts.size() - 1);
}

uint32_t Lowerer::slotForHeight(size_t h) const {
  if (h == 0) return f_.localSlots;
  return stack_[h - 1].slot + slotsOf(stack_[h - 1].type);
}

void Lowerer::push(ValType t) {
  StackEntry e;
  e.type = t;
  e.slot = slotForHeight(stack_.size());
  if (e.slot + slotsOf(t) > f_.numSlots) f_.numSlots = e.slot + slotsOf(t);
  stack_.push_back(e);
}

uint32_t Lowerer::pushResult(ValType t) {
  push(t);
  return stack_.back().slot;
}

void Lowerer::pushLocal(uint32_t local) {
  push(f_.localTypes[local]);
  stack_.back().kind = StackEntry::Kind::Local;
  stack_.back().ref = f_.localSlot[local];
}

void Lowerer::pushConst(ValType t, uint64_t lo, uint64_t hi) {
  push(t);
  stack_.back().kind = StackEntry::Kind::Const;
  stack_.back().ref = addConst(t, lo, hi);
}

StackEntry Lowerer::pop() {
  StackEntry e = stack_.back();
  stack_.pop_back();
  return e;
}

void Lowerer::emitMove(ValType t, uint32_t dst, Operand src) {
  if (src.isSlot() && src.index() == dst) return;
  Inst i;
  i.op = t == ValType::V128 ? Op::MovV128 : Op::Mov;
  i.type = t;
  i.dst = dst;
  i.a = src;
  emit(i);
}

void Lowerer::materialize(StackEntry& e) {
  if (e.kind == StackEntry::Kind::Slot) return;
  emitMove(e.type, e.slot, e.operand());
  e.kind = StackEntry::Kind::Slot;
  e.producer = lastIndex();
}

void Lowerer::materializeLocalRefs(uint32_t localSlot) {
  for (auto& e : stack_)
    if (e.kind == StackEntry::Kind::Local && e.ref == localSlot) materialize(e);
}

void Lowerer::materializeTop(size_t n) {
  for (size_t i = stack_.size() - n; i < stack_.size(); ++i) materialize(stack_[i]);
}

Function Lowerer::run() {
  const wasm::Function& fn = m_.functions[f_.funcIndex - m_.numImportedFuncs];
  startBlock(newBlock());
  ControlFrame fr;
  fr.kind = ControlFrame::Kind::Func;
  fr.results = f_.type->results;
  fr.label = 0;
  ctrl_.push_back(fr);
  wasm::InstrReader rd(m_, fn.body);
  wasm::Instr in;
  while (!done_ && !rd.atEnd()) {
    if (!rd.next(in).ok()) break;
    wasmOffset_ = in.offset;
    if (ctrl_.back().unreachable) {
      skipDead(in);
      continue;
    }
    const wasm::OpcodeInfo& info = wasm::opcodeInfo(in.op);
    switch (info.kind) {
      case wasm::OpKind::Control: lowerControl(in); break;
      case wasm::OpKind::Special:
        if (in.op == wasm::Opcode::MemorySize || in.op == wasm::Opcode::MemoryGrow ||
            in.op == wasm::Opcode::MemoryInit || in.op == wasm::Opcode::DataDrop ||
            in.op == wasm::Opcode::MemoryCopy || in.op == wasm::Opcode::MemoryFill)
          lowerMemory(in);
        else
          lowerVariable(in);
        break;
      case wasm::OpKind::Simple:
      case wasm::OpKind::Trapping: lowerNumeric(in); break;
      case wasm::OpKind::Load:
      case wasm::OpKind::Store: lowerMemory(in); break;
    }
  }
  if (!done_) {  // malformed input cannot reach here after validation; fail closed
    if (f_.blocks[cur_].insts.empty() || !isTerminator(f_.blocks[cur_].insts.back().op)) {
      Inst t;
      t.op = Op::Trap;
      t.imm = uint64_t(TrapCode::Unreachable);
      emit(t);
    }
  }
  for (auto& b : f_.blocks)  // fusions leave Nops behind so that producer indices stay stable
    std::erase_if(b.insts, [](const Inst& i) { return i.op == Op::Nop; });
  removeEmptyBlocks(f_);
  return std::move(f_);
}

Function lowerFunction(const wasm::ValidatedModule& vm, uint32_t definedIndex) {
  Lowerer l(vm, definedIndex);
  return l.run();
}

}  // namespace wasmc::ir
