// compiler/ir/printer.cpp — the IR's text form: one line per instruction, `sN` for slots, `#K` for
// constant-pool entries (value shown once in the header), `bN` for blocks, in layout order.
#include <cinttypes>
#include <cstdio>

#include "ir/ir.h"
#include "runtime/traps.h"

namespace wasmc::ir {

namespace {

std::string named(const char* prefix, uint64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%" PRIu64, prefix, n);
  return buf;
}

std::string operand(Operand o) { return named(o.isConst() ? "#" : "s", o.index()); }

}  // namespace

std::string print(const Function& f) {
  std::string s = "func " + std::to_string(f.funcIndex) + " " + (f.type ? wasm::funcTypeToString(*f.type) : "") +
                  " slots=" + std::to_string(f.numSlots) + " locals=" + std::to_string(f.localSlots) + "\n";
  char buf[96];
  for (size_t k = 0; k < f.consts.size(); ++k) {
    const Const& c = f.consts[k];
    std::snprintf(buf, sizeof buf, "  #%zu = %s 0x%" PRIx64, k, wasm::valTypeName(c.type), c.bits[0]);
    s += buf;
    if (c.type == ValType::V128) {
      std::snprintf(buf, sizeof buf, " 0x%" PRIx64, c.bits[1]);
      s += buf;
    }
    s += "\n";
  }
  for (uint32_t id : f.layout) {
    s += named("b", id) + ":\n";
    for (const Inst& i : f.blocks[id].insts) {
      s += "  ";
      if (i.dst != Operand::kNone) s += named("s", i.dst) + " = ";
      s += opName(i.op);
      bool first = true;
      auto arg = [&](const std::string& t) {
        s += first ? " " : ", ";
        s += t;
        first = false;
      };
      for (const Operand* o : {&i.a, &i.b, &i.c})
        if (!o->none()) arg(operand(*o));
      switch (opForm(i.op)) {
        case OpForm::Branch:
        case OpForm::FusedCmp:
          if (i.op == Op::JumpTable) {
            std::string t = "[";
            for (uint32_t b : f.tables[i.imm]) t += named(t.size() > 1 ? " b" : "b", b);
            arg(t + "]");
          } else if (i.op == Op::Trap) {
            arg(std::string("\"") + trapMessage(TrapCode(i.imm)) + "\"");
          } else if (i.op == Op::Jump) {
            arg(named("b", i.target));
          } else if (i.op != Op::Ret && i.op != Op::Ret1) {
            arg(named("b", i.target));
            arg(named("b", i.target2));
          }
          break;
        case OpForm::Call:
          arg(named("func=", i.imm));
          if (i.op == Op::CallInd) arg(named("table=", i.imm2));
          break;
        case OpForm::Wasm: {
          const wasm::OpcodeInfo& info = wasm::opcodeInfo(wasmOpcode(i.op));
          if (info.kind == wasm::OpKind::Load || info.kind == wasm::OpKind::Store) {
            if (i.imm) arg(named("offset=", i.imm));
            if (info.imm == wasm::ImmKind::MemLane) arg(named("lane=", i.imm2));
          } else if (info.imm == wasm::ImmKind::Lane) {
            arg(named("lane=", i.imm2));
          } else if (info.kind == wasm::OpKind::Special && info.imm != wasm::ImmKind::None) {
            arg(named("idx=", i.imm));
          }
          break;
        }
        case OpForm::AddrAdd:
          if (i.imm) arg(named("offset=", i.imm));
          break;
        case OpForm::Move:
        case OpForm::Misc: break;
      }
      s += "\n";
    }
  }
  return s;
}

}  // namespace wasmc::ir
