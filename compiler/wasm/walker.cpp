// compiler/wasm/walker.cpp — InstrReader: decodes one operator and its immediates, driven by the
// ImmKind column of opcodes.def. This is the only place instruction bytes are parsed.
// Invariant: on success pos_ advances past exactly one operator; on failure pos_ is unchanged.
#include "wasm/walker.h"

#include <cstdio>
#include <string>

#include "support/leb128.h"

namespace wasmc::wasm {

#define TRY(expr)                          \
  do {                                     \
    if (Status st_ = (expr); !st_) return st_; \
  } while (0)

namespace {

bool toValType(uint8_t b, ValType& out) {
  switch (b) {
    case 0x7F: case 0x7E: case 0x7D: case 0x7C: case 0x7B: case 0x70: case 0x6F:
      out = static_cast<ValType>(b);
      return true;
    default:
      return false;
  }
}

Status readValType(ByteReader& r, ValType& out) {
  uint32_t at = r.pos();
  uint8_t b;
  TRY(r.u8(b));
  if (!toValType(b, out)) {
    if (b == 0x70 || b == 0x6F || (b & 0xF0) == 0x60) return Error::at(at, "malformed reference type");
    return Error::at(at, "malformed value type");
  }
  return {};
}

Status readMemArg(ByteReader& r, MemArg& m) {
  uint32_t at = r.pos();
  uint32_t align;
  TRY(r.u32(align));
  if (align >= 32) return Error::at(at, "malformed memop flags");
  uint32_t offset;
  TRY(r.u32(offset));
  m.alignLog2 = align;
  m.offset = offset;
  m.memIndex = 0;
  return {};
}

Status zeroByte(ByteReader& r) {
  uint32_t at = r.pos();
  uint8_t b;
  TRY(r.u8(b));
  if (b != 0) return Error::at(at, "zero byte expected");
  return {};
}

Error illegal(uint32_t at, uint8_t prefix, uint32_t code, bool prefixed) {
  char buf[48];
  if (prefixed)
    std::snprintf(buf, sizeof buf, "illegal opcode %02x %02x", prefix, code);
  else
    std::snprintf(buf, sizeof buf, "illegal opcode %02x", prefix);
  return Error::at(at, buf);
}

}  // namespace

InstrReader::InstrReader(const Module& module, ByteRange range)
    : module_(module), pos_(range.begin), end_(range.end) {
  if (end_ > module_.bytes.size()) end_ = uint32_t(module_.bytes.size());
  if (pos_ > end_) pos_ = end_;
}

Status InstrReader::next(Instr& out) {
  ByteReader r(module_.bytes.data(), pos_, end_);
  out.offset = pos_;
  uint8_t first;
  TRY(r.u8(first));
  std::optional<Opcode> op;
  if (first == 0xFC || first == 0xFD) {
    uint32_t code;
    TRY(r.u32(code));
    op = lookupOpcode(first, code);
    if (!op) return illegal(pos_, first, code, true);
  } else {
    op = lookupOpcode(0, first);
    if (!op) return illegal(pos_, first, 0, false);
  }
  out.op = *op;
  out.idx0 = out.idx1 = 0;
  out.lane = 0;
  out.bits = 0;
  out.brTable.clear();
  switch (opcodeInfo(*op).imm) {
    case ImmKind::None:
      break;
    case ImmKind::BlockType: {
      uint8_t b = 0;
      if (!r.peek(b)) return r.endError();
      if (b == 0x40) {
        TRY(r.skip(1));
        out.blockType = BlockType{BlockType::Kind::Empty, ValType::I32, 0};
      } else if ((b & 0xC0) == 0x40) {
        ValType t;
        TRY(readValType(r, t));
        out.blockType = BlockType{BlockType::Kind::Value, t, 0};
      } else {
        uint32_t at = r.pos();
        int64_t v;
        TRY(r.varS(v, 33));
        if (v < 0) return Error::at(at, "malformed value type");
        out.blockType = BlockType{BlockType::Kind::TypeIndex, ValType::I32, uint32_t(v)};
      }
      break;
    }
    case ImmKind::Label:
    case ImmKind::FuncIdx:
    case ImmKind::LocalIdx:
    case ImmKind::GlobalIdx:
    case ImmKind::TableIdx:
    case ImmKind::DataIdx:
    case ImmKind::ElemIdx:
      TRY(r.u32(out.idx0));
      break;
    case ImmKind::BrTable: {
      uint32_t n;
      TRY(r.u32(n));
      if (n > r.remaining()) return r.endError();  // each target takes at least one byte
      out.brTable.reserve(size_t(n) + 1);
      for (uint32_t i = 0; i <= n; ++i) {
        uint32_t t;
        TRY(r.u32(t));
        out.brTable.push_back(t);
      }
      break;
    }
    case ImmKind::CallIndirect:
    case ImmKind::TableInit:
    case ImmKind::TableCopy:
      TRY(r.u32(out.idx0));
      TRY(r.u32(out.idx1));
      break;
    case ImmKind::SelectT: {
      uint32_t n;
      TRY(r.u32(n));
      if (n > r.remaining()) return r.endError();
      out.idx0 = n;  // number of types; validation requires exactly one
      for (uint32_t i = 0; i < n; ++i) {
        ValType t;
        TRY(readValType(r, t));
        if (i == 0) out.type = t;
      }
      break;
    }
    case ImmKind::MemArg:
      TRY(readMemArg(r, out.mem));
      break;
    case ImmKind::MemIdx:
      TRY(zeroByte(r));
      break;
    case ImmKind::MemoryInit:
      TRY(r.u32(out.idx0));
      TRY(zeroByte(r));
      break;
    case ImmKind::MemoryCopy:
      TRY(zeroByte(r));
      TRY(zeroByte(r));
      break;
    case ImmKind::I32: {
      int64_t v;
      TRY(r.varS(v, 32));
      out.bits = uint32_t(v);
      break;
    }
    case ImmKind::I64: {
      int64_t v;
      TRY(r.varS(v, 64));
      out.bits = uint64_t(v);
      break;
    }
    case ImmKind::F32: {
      uint8_t b[4];
      TRY(r.bytes(b, 4));
      out.bits = uint64_t(b[0]) | uint64_t(b[1]) << 8 | uint64_t(b[2]) << 16 | uint64_t(b[3]) << 24;
      break;
    }
    case ImmKind::F64: {
      uint8_t b[8];
      TRY(r.bytes(b, 8));
      uint64_t v = 0;
      for (int i = 7; i >= 0; --i) v = v << 8 | b[i];
      out.bits = v;
      break;
    }
    case ImmKind::V128:
    case ImmKind::Shuffle:
      TRY(r.bytes(out.v128.bytes, 16));
      break;
    case ImmKind::Lane:
      TRY(r.u8(out.lane));
      break;
    case ImmKind::MemLane:
      TRY(readMemArg(r, out.mem));
      TRY(r.u8(out.lane));
      break;
    case ImmKind::HeapType: {
      uint32_t at = r.pos();
      uint8_t b;
      TRY(r.u8(b));
      if (b != 0x70 && b != 0x6F) return Error::at(at, "malformed reference type");
      out.type = static_cast<ValType>(b);
      break;
    }
  }
  pos_ = r.pos();
  return {};
}

}  // namespace wasmc::wasm
