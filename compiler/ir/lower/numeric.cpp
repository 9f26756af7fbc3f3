// compiler/ir/lower/numeric.cpp — lowering of the pure operators (Simple and Trapping kinds), driven
// entirely by their signature in opcodes.def: pop the operands, define one result slot.
#include <cstring>

#include "ir/lower/lowerer.h"

namespace wasmc::ir {

namespace {

// The integer compare computing the negation of `op`, or Op::Nop.
Op invertedCompare(Op op) {
  switch (op) {
    case Op::I32Eq: return Op::I32Ne;
    case Op::I32Ne: return Op::I32Eq;
    case Op::I32LtS: return Op::I32GeS;
    case Op::I32GeS: return Op::I32LtS;
    case Op::I32LtU: return Op::I32GeU;
    case Op::I32GeU: return Op::I32LtU;
    case Op::I32GtS: return Op::I32LeS;
    case Op::I32LeS: return Op::I32GtS;
    case Op::I32GtU: return Op::I32LeU;
    case Op::I32LeU: return Op::I32GtU;
    case Op::I64Eq: return Op::I64Ne;
    case Op::I64Ne: return Op::I64Eq;
    case Op::I64LtS: return Op::I64GeS;
    case Op::I64GeS: return Op::I64LtS;
    case Op::I64LtU: return Op::I64GeU;
    case Op::I64GeU: return Op::I64LtU;
    case Op::I64GtS: return Op::I64LeS;
    case Op::I64LeS: return Op::I64GtS;
    case Op::I64GtU: return Op::I64LeU;
    case Op::I64LeU: return Op::I64GtU;
    default: return Op::Nop;
  }
}

}  // namespace

void Lowerer::lowerNumeric(const wasm::Instr& in) {
  if (in.op == wasm::Opcode::I32Eqz) {  // i32.eqz of a compare whose result dies here: invert the compare
    StackEntry& e = stack_.back();
    auto& insts = f_.blocks[cur_].insts;
    if (e.kind == StackEntry::Kind::Slot && e.producer >= 0 && e.producer == lastIndex() &&
        insts[e.producer].dst == e.slot) {
      Op inv = invertedCompare(insts[e.producer].op);
      if (inv != Op::Nop) {
        insts[e.producer].op = inv;
        return;
      }
    }
  }
  const wasm::OpcodeInfo& info = wasm::opcodeInfo(in.op);
  const wasm::SigInfo& sig = wasm::sigInfo(info.sig);
  Inst i;
  i.op = fromWasm(in.op);
  Operand* ops[3] = {&i.a, &i.b, &i.c};
  for (int k = sig.numParams - 1; k >= 0; --k) *ops[k] = pop().operand();
  if (info.imm == wasm::ImmKind::Lane) i.imm2 = in.lane;
  if (info.imm == wasm::ImmKind::Shuffle) {
    uint64_t lo, hi;
    std::memcpy(&lo, in.v128.bytes, 8);
    std::memcpy(&hi, in.v128.bytes + 8, 8);
    i.c = Operand::constant(addConst(ValType::V128, lo, hi));
  }
  i.type = sig.result;
  i.dst = pushResult(sig.result);
  emit(i);
  stack_.back().producer = lastIndex();
}

}  // namespace wasmc::ir
