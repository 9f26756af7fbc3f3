// compiler/wasm/walker.h — the one instruction decoder: reads a function body one operator at a time,
// decoding immediates by the shape named in opcodes.def. The validator, IR lowering and printer all
// read bodies through InstrReader; nobody else parses instruction bytes.
// Invariant: after next() succeeds, `instr` describes exactly one operator and its immediates.
#pragma once
#include <cstdint>
#include <vector>

#include "support/diag.h"
#include "wasm/module.h"
#include "wasm/opcodes.h"

namespace wasmc::wasm {

struct BlockType {
  enum class Kind : uint8_t { Empty, Value, TypeIndex };
  Kind kind = Kind::Empty;
  ValType valType = ValType::I32;  // Kind::Value
  uint32_t typeIndex = 0;          // Kind::TypeIndex
};

struct MemArg {
  uint32_t alignLog2 = 0;
  uint64_t offset = 0;
  uint32_t memIndex = 0;
};

struct Instr {
  Opcode op = Opcode::Nop;
  uint32_t offset = 0;  // file offset of the first opcode byte
  // Immediates; which are meaningful depends on opcodeInfo(op).imm:
  //   Label/FuncIdx/LocalIdx/GlobalIdx/TableIdx/DataIdx/ElemIdx/MemIdx: idx0
  //   CallIndirect: idx0 = type index, idx1 = table index
  //   MemoryInit: idx0 = data index, idx1 = memory index
  //   TableInit: idx0 = elem index, idx1 = table index
  //   TableCopy: idx0 = dst table, idx1 = src table;  MemoryCopy: idx0 = dst mem, idx1 = src mem
  //   SelectT: idx0 = number of types in the vector (validation requires 1), `type` = the first
  uint32_t idx0 = 0, idx1 = 0;
  BlockType blockType;            // BlockType
  MemArg mem;                     // MemArg, MemLane
  uint8_t lane = 0;               // Lane, MemLane
  uint64_t bits = 0;              // I32 (zero-extended u32 bits), I64, F32 (low 32 bits), F64
  V128 v128{};                    // V128, Shuffle (16 lane indices)
  ValType type = ValType::I32;    // SelectT (the one type), HeapType (the ref type)
  std::vector<uint32_t> brTable;  // BrTable: targets, then the default as the last element
};

class InstrReader {
 public:
  // Reads the bytes [range.begin, range.end) of module.bytes; offsets reported are file offsets.
  InstrReader(const Module& module, ByteRange range);
  bool atEnd() const { return pos_ >= end_; }
  uint32_t position() const { return pos_; }
  // Decodes the next operator into `out`. Errors: "unexpected end", "illegal opcode",
  // "integer too large", "integer representation too long", "malformed ...", etc. (spec wording).
  Status next(Instr& out);

 private:
  const Module& module_;
  uint32_t pos_;
  uint32_t end_;
};

}  // namespace wasmc::wasm
