// compiler/wasm/printer.cpp — text-format printing of operators, one case per immediate shape (ImmKind).
// Floats print as hexadecimal literals (exact), NaNs as "nan" / "nan:0x<payload>" like the text format.
#include "wasm/printer.h"

#include <cstdio>
#include <cstring>

namespace wasmc::wasm {

namespace {

std::string fmt(const char* f, unsigned long long v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string printF32(uint32_t bits) {
  const char* sign = (bits >> 31) ? "-" : "";
  uint32_t exp = (bits >> 23) & 0xff, mant = bits & 0x7fffff;
  if (exp == 0xff) {
    std::string out = sign;
    out += mant == 0 ? "inf" : mant == 0x400000 ? "nan" : fmt("nan:0x%llx", mant).c_str();
    return out;
  }
  float f;
  std::memcpy(&f, &bits, 4);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%a", double(f));
  return buf;
}

std::string printF64(uint64_t bits) {
  const char* sign = (bits >> 63) ? "-" : "";
  uint64_t exp = (bits >> 52) & 0x7ff, mant = bits & 0xfffffffffffffull;
  if (exp == 0x7ff) {
    std::string out = sign;
    out += mant == 0 ? "inf" : mant == 0x8000000000000ull ? "nan" : fmt("nan:0x%llx", mant).c_str();
    return out;
  }
  double d;
  std::memcpy(&d, &bits, 8);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%a", d);
  return buf;
}

std::string memArg(const OpcodeInfo& info, const MemArg& m) {
  std::string s;
  if (m.offset) {
    s += " offset=";
    s += std::to_string(m.offset);
  }
  if (m.alignLog2 != info.alignLog2) {
    s += " align=";
    s += std::to_string(uint64_t(1) << m.alignLog2);
  }
  return s;
}

const char* heapName(ValType t) { return t == ValType::ExternRef ? "extern" : "func"; }

}  // namespace

std::string printInstr(const Instr& in) {
  const OpcodeInfo& info = opcodeInfo(in.op);
  std::string s = info.text;
  // Appends only (no `a + b` temporaries: they trip GCC 12's -Wrestrict false positive).
  auto word = [&s](const std::string& w) {
    s += ' ';
    s += w;
  };
  auto num = [&word](auto v) { word(std::to_string(v)); };
  switch (info.imm) {
    case ImmKind::None:
    case ImmKind::MemIdx:
    case ImmKind::MemoryCopy:
      break;
    case ImmKind::BlockType:
      switch (in.blockType.kind) {
        case BlockType::Kind::Empty: break;
        case BlockType::Kind::Value:
          word("(result");
          word(valTypeName(in.blockType.valType));
          s += ')';
          break;
        case BlockType::Kind::TypeIndex:
          word("(type");
          num(in.blockType.typeIndex);
          s += ')';
          break;
      }
      break;
    case ImmKind::Label:
    case ImmKind::FuncIdx:
    case ImmKind::LocalIdx:
    case ImmKind::GlobalIdx:
    case ImmKind::TableIdx:
    case ImmKind::DataIdx:
    case ImmKind::ElemIdx:
    case ImmKind::MemoryInit:
      num(in.idx0);
      break;
    case ImmKind::BrTable:
      for (uint32_t t : in.brTable) num(t);
      break;
    case ImmKind::CallIndirect:
      if (in.idx1 != 0) num(in.idx1);
      word("(type");
      num(in.idx0);
      s += ')';
      break;
    case ImmKind::SelectT:
      word("(result");
      word(valTypeName(in.type));
      s += ')';
      break;
    case ImmKind::MemArg:
      s += memArg(info, in.mem);
      break;
    case ImmKind::MemLane:
      s += memArg(info, in.mem);
      num(unsigned(in.lane));
      break;
    case ImmKind::Lane:
      num(unsigned(in.lane));
      break;
    case ImmKind::I32:
      num(int32_t(uint32_t(in.bits)));
      break;
    case ImmKind::I64:
      num(int64_t(in.bits));
      break;
    case ImmKind::F32:
      word(printF32(uint32_t(in.bits)));
      break;
    case ImmKind::F64:
      word(printF64(in.bits));
      break;
    case ImmKind::V128:
      word("i32x4");
      for (unsigned i = 0; i < 4; ++i) word(fmt("0x%08llx", in.v128.lane<uint32_t>(i)));
      break;
    case ImmKind::Shuffle:
      for (uint8_t b : in.v128.bytes) num(unsigned(b));
      break;
    case ImmKind::HeapType:
      word(heapName(in.type));
      break;
    case ImmKind::TableInit:  // text order: table, then element segment
      num(in.idx1);
      num(in.idx0);
      break;
    case ImmKind::TableCopy:
      num(in.idx0);
      num(in.idx1);
      break;
  }
  return s;
}

Expected<std::string> printFunctionBody(const Module& module, uint32_t definedIndex) {
  if (definedIndex >= module.functions.size()) return Error::plain("unknown function");
  const Function& f = module.functions[definedIndex];
  InstrReader r(module, f.body);
  std::string out;
  uint32_t depth = 1;
  Instr in;
  while (!r.atEnd()) {
    if (Status st = r.next(in); !st) return st.takeError();
    bool closes = in.op == Opcode::End || in.op == Opcode::Else;
    if (in.op == Opcode::End && depth == 1 && r.atEnd()) break;  // the function's own end
    if (closes && depth > 1) --depth;
    out.append(2 * size_t(depth - 1), ' ');
    out += printInstr(in);
    out += '\n';
    if (in.op == Opcode::Block || in.op == Opcode::Loop || in.op == Opcode::If || in.op == Opcode::Else) ++depth;
  }
  return out;
}

}  // namespace wasmc::wasm
