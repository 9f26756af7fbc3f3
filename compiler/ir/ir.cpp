// compiler/ir/ir.cpp — static facts about IR operations, generated from ir_ops.def.
#include "ir/ir.h"

namespace wasmc::ir {

namespace {
constexpr const char* kOpNames[] = {
#define WASMC_IR_OP(Name, Text, Form) Text,
#include "ir/ir_ops.def"
#undef WASMC_IR_OP
};
}  // namespace

const char* opName(Op op) { return kOpNames[uint16_t(op)]; }

bool isTerminator(Op op) {
  OpForm f = opForm(op);
  return f == OpForm::Branch || f == OpForm::FusedCmp;
}

#define ADDR_Load(Name, Imm) ADDR_M_##Imm(Name)
#define ADDR_Store(Name, Imm) ADDR_M_##Imm(Name)
#define ADDR_Control(Name, Imm)
#define ADDR_Special(Name, Imm)
#define ADDR_Simple(Name, Imm)
#define ADDR_Trapping(Name, Imm)
#define ADDR_M_MemLane(Name)
#define WASMC_OP(Name, Prefix, Code, Text, Imm, Sig, Kind, Align) ADDR_##Kind(Name, Imm)

Op addrAddForm(wasm::Opcode op) {
  switch (op) {
#define ADDR_M_MemArg(Name) \
  case wasm::Opcode::Name: return Op::Name##Add;
#include "wasm/opcodes.def"
#undef ADDR_M_MemArg
    default: return Op::Nop;
  }
}

wasm::Opcode addrAddBase(Op op) {
  switch (op) {
#define ADDR_M_MemArg(Name) \
  case Op::Name##Add: return wasm::Opcode::Name;
#include "wasm/opcodes.def"
#undef ADDR_M_MemArg
    default: return wasm::Opcode::Nop;
  }
}
#undef WASMC_OP

}  // namespace wasmc::ir
