// compiler/ir/lower/control.cpp — lowering of structured control flow into basic blocks: block/loop/if,
// br/br_if/br_table, return, calls, unreachable. Values crossing a label are moved into the label's
// canonical slots (those of the frame's height); a compare feeding a conditional jump is fused with it.
#include "ir/lower/lowerer.h"

namespace wasmc::ir {

namespace {

bool fusedOps(Op cmp, Op& jumpIf, Op& jumpUnless) {
#define WASMC_IR_OP(Name, Text, Form)
#define WASMC_IR_FUSED(Cmp)        \
  if (cmp == Op::Cmp) {            \
    jumpIf = Op::JumpIf##Cmp;      \
    jumpUnless = Op::JumpUnless##Cmp; \
    return true;                   \
  }
#include "ir/ir_ops.def"
#undef WASMC_IR_FUSED
#undef WASMC_IR_OP
  return false;
}

}  // namespace

std::vector<ValType> Lowerer::blockParams(const wasm::BlockType& bt) const {
  if (bt.kind == wasm::BlockType::Kind::TypeIndex) return m_.types[bt.typeIndex].params;
  return {};
}

std::vector<ValType> Lowerer::blockResults(const wasm::BlockType& bt) const {
  switch (bt.kind) {
    case wasm::BlockType::Kind::Empty: return {};
    case wasm::BlockType::Kind::Value: return {bt.valType};
    case wasm::BlockType::Kind::TypeIndex: return m_.types[bt.typeIndex].results;
  }
  return {};
}

void Lowerer::markUnreachable() {
  ctrl_.back().unreachable = true;
  stack_.resize(ctrl_.back().height);
}

void Lowerer::unsupported() {
  Inst t;
  t.op = Op::Trap;
  t.imm = uint64_t(TrapCode::Unreachable);
  emit(t);
  markUnreachable();
}

void Lowerer::skipDead(const wasm::Instr& in) {
  switch (in.op) {
    case wasm::Opcode::Block:
    case wasm::Opcode::Loop:
    case wasm::Opcode::If: ++deadDepth_; return;
    case wasm::Opcode::Else:
      if (deadDepth_ == 0) lowerControl(in);
      return;
    case wasm::Opcode::End:
      if (deadDepth_ > 0) --deadDepth_;
      else lowerControl(in);
      return;
    default: return;
  }
}

void Lowerer::emitCondJump(StackEntry cond, bool jumpIfTrue, uint32_t target, uint32_t target2) {
  Inst j;
  j.target = target;
  j.target2 = target2;
  auto& insts = f_.blocks[cur_].insts;
  Op jIf, jUnless;
  if (cond.kind == StackEntry::Kind::Slot && cond.producer >= 0 &&
      insts[cond.producer].dst == cond.slot && fusedOps(insts[cond.producer].op, jIf, jUnless)) {
    bool onlyMoves = true;  // moves after the compare write slots it does not read: safe to reorder
    for (size_t i = cond.producer + 1; i < insts.size(); ++i)
      if (insts[i].op != Op::Mov && insts[i].op != Op::MovV128 && insts[i].op != Op::Nop) onlyMoves = false;
    if (onlyMoves) {
      const Inst cmp = insts[cond.producer];
      insts[cond.producer].op = Op::Nop;  // removed after lowering
      insts[cond.producer].dst = Operand::kNone;
      j.op = jumpIfTrue ? jIf : jUnless;
      j.type = cmp.type;
      j.a = cmp.a;
      j.b = cmp.b;
      emit(j);
      return;
    }
  }
  j.op = jumpIfTrue ? Op::JumpIf : Op::JumpUnless;
  j.a = cond.operand();
  emit(j);
}

bool Lowerer::needsMoves(const ControlFrame& fr) const {
  size_t n = fr.labelTypes().size();
  if (n == 0) return false;
  size_t first = stack_.size() - n;
  if (stack_[first].slot != slotForHeight(fr.height)) return true;
  for (size_t i = first; i < stack_.size(); ++i)
    if (stack_[i].kind != StackEntry::Kind::Slot) return true;
  return false;
}

void Lowerer::emitLabelMoves(const ControlFrame& fr) {
  size_t n = fr.labelTypes().size();
  uint32_t dst = slotForHeight(fr.height);
  for (size_t i = stack_.size() - n; i < stack_.size(); ++i) {
    emitMove(stack_[i].type, dst, stack_[i].operand());
    dst += slotsOf(stack_[i].type);
  }
}

void Lowerer::emitReturn() {
  size_t n = f_.type->results.size();
  Inst r;
  if (n == 1 && f_.type->results[0] != ValType::V128) {
    r.op = Op::Ret1;
    r.type = f_.type->results[0];
    r.a = stack_.back().operand();
    emit(r);
    return;
  }
  size_t first = stack_.size() - n;
  uint32_t slots = 0;
  for (size_t i = first; i < stack_.size(); ++i) {  // results into their canonical (consecutive) slots
    if (stack_[i].kind != StackEntry::Kind::Slot) emitMove(stack_[i].type, stack_[i].slot, stack_[i].operand());
    slots += slotsOf(stack_[i].type);
  }
  r.op = Op::Ret;
  if (n) r.a = Operand::slot(stack_[first].slot);
  r.imm = slots;
  emit(r);
}

void Lowerer::branchTo(uint32_t depth) {
  ControlFrame& fr = ctrl_[ctrl_.size() - 1 - depth];
  if (fr.kind == ControlFrame::Kind::Func) {
    emitReturn();
    return;
  }
  emitLabelMoves(fr);
  Inst j;
  j.op = Op::Jump;
  j.target = fr.label;
  emit(j);
  if (fr.kind != ControlFrame::Kind::Loop) fr.endReachable = true;
}

void Lowerer::condBranchTo(uint32_t depth, StackEntry cond) {
  ControlFrame& fr = ctrl_[ctrl_.size() - 1 - depth];
  uint32_t cont = newBlock();
  if (fr.kind != ControlFrame::Kind::Func && !needsMoves(fr)) {
    emitCondJump(cond, true, fr.label, cont);
    if (fr.kind != ControlFrame::Kind::Loop) fr.endReachable = true;
  } else {
    uint32_t side = newBlock();
    emitCondJump(cond, true, side, cont);
    startBlock(side);
    branchTo(depth);
  }
  startBlock(cont);
}

void Lowerer::lowerCall(const wasm::Instr& in) {
  const bool indirect = in.op == wasm::Opcode::CallIndirect;
  const wasm::FuncType& ft = indirect ? m_.types[in.idx0] : m_.funcType(in.idx0);
  StackEntry idx;
  if (indirect) idx = pop();
  size_t n = ft.params.size();
  materializeTop(n);
  uint32_t base = slotForHeight(stack_.size() - n);
  stack_.resize(stack_.size() - n);
  Inst c;
  c.op = indirect ? Op::CallInd : Op::CallFunc;
  c.a = Operand::slot(base);
  c.imm = in.idx0;
  if (indirect) {
    c.b = idx.operand();
    c.imm2 = in.idx1;
  }
  uint32_t top = base;
  for (ValType t : ft.results) top += slotsOf(t);
  emit(c);
  for (ValType t : ft.results) push(t);
  if (top > f_.numSlots) f_.numSlots = top;
}

void Lowerer::lowerControl(const wasm::Instr& in) {
  using wasm::Opcode;
  switch (in.op) {
    case Opcode::Unreachable: {
      Inst t;
      t.op = Op::Trap;
      t.imm = uint64_t(TrapCode::Unreachable);
      emit(t);
      markUnreachable();
      return;
    }
    case Opcode::Nop: return;
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If: {
      StackEntry cond;
      if (in.op == Opcode::If) cond = pop();
      ControlFrame fr;
      fr.params = blockParams(in.blockType);
      fr.results = blockResults(in.blockType);
      for (auto& e : stack_)
        if (e.kind == StackEntry::Kind::Local) materialize(e);
      materializeTop(fr.params.size());
      fr.height = uint32_t(stack_.size() - fr.params.size());
      if (in.op == Opcode::Block) {
        fr.kind = ControlFrame::Kind::Block;
        fr.label = newBlock();
      } else if (in.op == Opcode::Loop) {
        fr.kind = ControlFrame::Kind::Loop;
        fr.label = newBlock();
        Inst j;
        j.op = Op::Jump;
        j.target = fr.label;
        emit(j);
        startBlock(fr.label);
      } else {
        fr.kind = ControlFrame::Kind::If;
        uint32_t thenB = newBlock();
        fr.elseBlock = newBlock();
        fr.label = newBlock();
        emitCondJump(cond, true, thenB, fr.elseBlock);
        startBlock(thenB);
      }
      ctrl_.push_back(fr);
      return;
    }
    case Opcode::Else: {
      ControlFrame& fr = ctrl_.back();
      if (!fr.unreachable) {
        materializeTop(fr.results.size());
        Inst j;
        j.op = Op::Jump;
        j.target = fr.label;
        emit(j);
        fr.endReachable = true;
      }
      fr.hasElse = true;
      fr.unreachable = false;
      stack_.resize(fr.height);
      startBlock(fr.elseBlock);
      for (ValType t : fr.params) push(t);
      return;
    }
    case Opcode::End: {
      ControlFrame fr = ctrl_.back();
      if (fr.kind == ControlFrame::Kind::Func) {
        if (!fr.unreachable) emitReturn();
        done_ = true;
        return;
      }
      if (fr.kind == ControlFrame::Kind::Loop ||
          (fr.kind == ControlFrame::Kind::Block && !fr.endReachable)) {
        ctrl_.pop_back();
        if (fr.unreachable) markUnreachable();
        return;  // no merge: the values stay where they are
      }
      if (!fr.unreachable) {
        materializeTop(fr.results.size());
        Inst j;
        j.op = Op::Jump;
        j.target = fr.label;
        emit(j);
        fr.endReachable = true;
      }
      if (fr.kind == ControlFrame::Kind::If && !fr.hasElse) {
        startBlock(fr.elseBlock);  // params == results, already in their canonical slots
        Inst j;
        j.op = Op::Jump;
        j.target = fr.label;
        emit(j);
        fr.endReachable = true;
      }
      ctrl_.pop_back();
      stack_.resize(fr.height);
      if (fr.endReachable) {
        startBlock(fr.label);
        for (ValType t : fr.results) push(t);
      } else {
        markUnreachable();
      }
      return;
    }
    case Opcode::Br:
      branchTo(in.idx0);
      markUnreachable();
      return;
    case Opcode::BrIf: condBranchTo(in.idx0, pop()); return;
    case Opcode::BrTable: {
      StackEntry idx = pop();
      uint32_t tableId = uint32_t(f_.tables.size());
      std::vector<uint32_t> targets;
      std::vector<std::pair<uint32_t, uint32_t>> sides;  // (depth, block)
      for (uint32_t depth : in.brTable) {
        ControlFrame& fr = ctrl_[ctrl_.size() - 1 - depth];
        if (fr.kind != ControlFrame::Kind::Func && !needsMoves(fr)) {
          targets.push_back(fr.label);
          if (fr.kind != ControlFrame::Kind::Loop) fr.endReachable = true;
          continue;
        }
        uint32_t side = 0;
        bool found = false;
        for (auto& s : sides)
          if (s.first == depth) side = s.second, found = true;
        if (!found) {
          side = newBlock();
          sides.emplace_back(depth, side);
        }
        targets.push_back(side);
      }
      f_.tables.push_back(std::move(targets));
      Inst j;
      j.op = Op::JumpTable;
      j.a = idx.operand();
      j.imm = tableId;
      emit(j);
      for (auto& s : sides) {
        startBlock(s.second);
        branchTo(s.first);
      }
      markUnreachable();
      return;
    }
    case Opcode::Return:
      emitReturn();
      markUnreachable();
      return;
    case Opcode::Call:
    case Opcode::CallIndirect: lowerCall(in); return;
    default: unsupported(); return;  // not of this family: dispatch bug, fail closed
  }
}

}  // namespace wasmc::ir
