// compiler/object/plan.h — an object module checked and flattened into per-section chunks of bytes with
// resolved symbols and ELF relocation types: everything the object writer decides, in plain data, before
// the LLVM back end (libwasmc_llvm.so) turns it into ELF bytes through LLVM MC.
// Invariants: every fixup lies inside its chunk, names a non-empty symbol and carries a valid R_* type for
// the target; relocated fields are zeroed in the chunk's bytes (lld ORs some AArch64 fields into the word).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "object/object_writer.h"

namespace wasmc::object {

// One relocation to emit: field offset within the chunk's bytes, symbol, addend, ELF type (R_*).
struct PendingFixup {
  uint32_t offset = 0;
  std::string symbol;
  int64_t addend = 0;
  uint32_t type = 0;
};

// A section's worth of bytes under one label.
struct Chunk {
  std::string symbol;
  Binding binding = Binding::Local;
  bool isFunction = false;
  uint32_t align = 1;
  std::vector<uint8_t> bytes;
  std::vector<PendingFixup> fixups;
};

// Chunks per output section, in emission order: .text, .rodata, .data, .data.rel.ro.
struct Plan {
  Target target = Target::X86_64;
  std::vector<Chunk> text, rodata, data, relro;
};

Expected<Plan> planObject(const ObjectModule& module);

}  // namespace wasmc::object
