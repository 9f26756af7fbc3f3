// compiler/ir/ir.cpp — static facts about IR operations, generated from ir_ops.def.
#include "ir/ir.h"

namespace wasmc::ir {

namespace {
struct OpFacts {
  const char* text;
  OpForm form;
};
constexpr OpFacts kOps[] = {
#define WASMC_IR_OP(Name, Text, Form) {Text, OpForm::Form},
#include "ir/ir_ops.def"
#undef WASMC_IR_OP
};
}  // namespace

const char* opName(Op op) { return kOps[uint16_t(op)].text; }
OpForm opForm(Op op) { return kOps[uint16_t(op)].form; }

bool isTerminator(Op op) {
  OpForm f = opForm(op);
  return f == OpForm::Branch || f == OpForm::FusedCmp;
}

}  // namespace wasmc::ir
