// compiler/wasm/opcodes.h — the Opcode enum and its static info, generated from opcodes.def/sigs.def.
// Opcode values are dense (0..kNumOpcodes-1) in table order; they are NOT the binary encodings.
// Use lookupOpcode(prefix, code) to map encodings to Opcode.
#pragma once
#include <cstdint>
#include <optional>

#include "wasm/types.h"

namespace wasmc::wasm {

enum class Opcode : uint16_t {
#define WASMC_OP(Name, Prefix, Code, Text, Imm, Sig, Kind, Align) Name,
#include "wasm/opcodes.def"
#undef WASMC_OP
};

constexpr uint16_t kNumOpcodes = 0
#define WASMC_OP(Name, Prefix, Code, Text, Imm, Sig, Kind, Align) +1
#include "wasm/opcodes.def"
#undef WASMC_OP
    ;

// Immediate shapes, as named in the Imm column.
enum class ImmKind : uint8_t {
  None,
  BlockType,     // s33 block type: empty (0x40), a value type, or a type index
  Label,         // u32 label depth
  BrTable,       // vec(u32) + u32 default
  FuncIdx,       // u32
  CallIndirect,  // u32 type index, u32 table index
  SelectT,       // vec(valtype), length must be 1
  LocalIdx,      // u32
  GlobalIdx,     // u32
  TableIdx,      // u32
  MemArg,        // u32 align (log2), u32 offset
  MemIdx,        // u32 memory index (must be 0 in Wasm 2.0; encoded as one byte 0x00)
  I32,           // s32 LEB
  I64,           // s64 LEB
  F32,           // 4 bytes
  F64,           // 8 bytes
  V128,          // 16 bytes
  Shuffle,       // 16 lane bytes, each < 32
  Lane,          // 1 lane byte
  MemLane,       // memarg + 1 lane byte
  HeapType,      // reftype byte (0x70 funcref, 0x6F externref)
  MemoryInit,    // u32 data index, memory index byte
  DataIdx,       // u32
  MemoryCopy,    // memory index byte, memory index byte
  TableInit,     // u32 elem index, u32 table index
  ElemIdx,       // u32
  TableCopy,     // u32 dst table, u32 src table
};

enum class OpKind : uint8_t { Control, Special, Simple, Trapping, Load, Store };

enum class Sig : uint8_t {
#define WASMC_SIG(Tok, NP, P0, P1, P2, NR, R0) Tok,
#include "wasm/sigs.def"
#undef WASMC_SIG
};

// "None" slot of a signature.
struct SigInfo {
  uint8_t numParams;
  ValType params[3];
  uint8_t numResults;
  ValType result;
};

struct OpcodeInfo {
  const char* text;
  uint8_t prefix;   // 0, 0xFC, 0xFD
  uint32_t code;
  ImmKind imm;
  Sig sig;
  OpKind kind;
  uint8_t alignLog2;  // natural alignment for memory operators
};

namespace detail {
constexpr ValType None = ValType::I32;  // placeholder for unused signature slots
constexpr ValType I32 = ValType::I32, I64 = ValType::I64, F32 = ValType::F32, F64 = ValType::F64,
                  V128 = ValType::V128;
inline constexpr SigInfo kSigInfo[] = {
#define WASMC_SIG(Tok, NP, P0, P1, P2, NR, R0) {NP, {P0, P1, P2}, NR, R0},
#include "wasm/sigs.def"
#undef WASMC_SIG
};
inline constexpr OpcodeInfo kOpcodeInfo[] = {
#define WASMC_OP(Name, Prefix, Code, Text, Imm, S, Kind, Align) \
  {Text, Prefix, Code, ImmKind::Imm, Sig::S, OpKind::Kind, Align},
#include "wasm/opcodes.def"
#undef WASMC_OP
};
}  // namespace detail

constexpr const OpcodeInfo& opcodeInfo(Opcode op) { return detail::kOpcodeInfo[static_cast<uint16_t>(op)]; }
constexpr const SigInfo& sigInfo(Sig s) { return detail::kSigInfo[static_cast<uint8_t>(s)]; }
constexpr const char* opcodeName(Opcode op) { return opcodeInfo(op).text; }

// Maps a binary encoding to an Opcode; nullopt for unknown encodings.
std::optional<Opcode> lookupOpcode(uint8_t prefix, uint32_t code);

}  // namespace wasmc::wasm
