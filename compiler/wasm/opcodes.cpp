// compiler/wasm/opcodes.cpp — encoding → Opcode lookup tables, built once from opcodes.def.
#include "wasm/opcodes.h"

#include <array>

namespace wasmc::wasm {
namespace {

constexpr uint16_t kInvalid = 0xFFFF;

struct Tables {
  std::array<uint16_t, 256> single{};
  std::array<uint16_t, 32> fc{};
  std::array<uint16_t, 256> fd{};
  constexpr Tables() {
    single.fill(kInvalid);
    fc.fill(kInvalid);
    fd.fill(kInvalid);
    uint16_t i = 0;
#define WASMC_OP(Name, Prefix, Code, Text, Imm, Sig, Kind, Align) \
  (Prefix == 0 ? single[Code] : Prefix == 0xFC ? fc[Code] : fd[Code]) = i++;
#include "wasm/opcodes.def"
#undef WASMC_OP
  }
};

constexpr Tables kTables;

}  // namespace

std::optional<Opcode> lookupOpcode(uint8_t prefix, uint32_t code) {
  uint16_t v = kInvalid;
  if (prefix == 0) {
    if (code < 256) v = kTables.single[code];
  } else if (prefix == 0xFC) {
    if (code < kTables.fc.size()) v = kTables.fc[code];
  } else if (prefix == 0xFD) {
    if (code < kTables.fd.size()) v = kTables.fd[code];
  }
  if (v == kInvalid) return std::nullopt;
  return static_cast<Opcode>(v);
}

}  // namespace wasmc::wasm
