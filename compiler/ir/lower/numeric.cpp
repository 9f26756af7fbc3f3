// compiler/ir/lower/numeric.cpp — lowering of the pure operators (Simple and Trapping kinds), driven
// entirely by their signature in opcodes.def: pop the operands, define one result slot.
#include <cstring>

#include "ir/lower/lowerer.h"

namespace wasmc::ir {

void Lowerer::lowerNumeric(const wasm::Instr& in) {
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
