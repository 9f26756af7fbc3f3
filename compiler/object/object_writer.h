// compiler/object/object_writer.h — wraps compiled functions and data blobs into an ELF relocatable
// object (x86_64 or aarch64) through LLVM MC's object layer; the plain interface, no LLVM types here.
// Invariants: the object holds exactly the given bytes, plus one relocation per Reloc/DataReloc with
// the addend carried in the RELA entry; a failed write never leaves a (partial) output file behind.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "codegen/code_buffer.h"
#include "support/diag.h"

namespace wasmc::object {

enum class Target : uint8_t { X86_64, AArch64 };

enum class Binding : uint8_t { Global, Local };

// .rodata, or .data. Read-only data with relocations goes to .data.rel.ro (a shared object cannot
// apply dynamic relocations to .rodata).
enum class DataSection : uint8_t { ReadOnly, Writable };

// Global symbols are emitted with STV_PROTECTED visibility: a shared object still exports them, but
// the object's own pc-relative references (data, calls) bind to its definitions, which is what lets
// R_X86_64_PC32 to a global data symbol link with -shared and keeps internal calls out of the PLT.
struct ObjectFunction {
  std::string symbol;
  Binding binding = Binding::Global;
  codegen::CompiledFunction code;
};

// An absolute 64-bit address of `symbol` + addend stored at `offset` inside a data blob.
struct DataReloc {
  uint32_t offset = 0;
  std::string symbol;
  int64_t addend = 0;
};

struct ObjectData {
  std::string symbol;
  Binding binding = Binding::Global;
  DataSection section = DataSection::ReadOnly;
  uint32_t align = 8;  // a power of two
  std::vector<uint8_t> bytes;
  std::vector<DataReloc> relocs;
};

// Maps a code relocation's target to a symbol name: Function (wasm function index), Helper (runtime
// helper id) and Data (data symbol id). ConstPool targets never reach it: each function's pool is
// emitted into .rodata under a local symbol `<function symbol>.pool`. An empty name is an error. A
// name that no function or data blob defines becomes an undefined (external) global symbol.
using SymbolResolver = std::function<std::string(codegen::RelocTarget target, uint32_t index)>;

struct ObjectModule {
  Target target = Target::X86_64;
  std::vector<ObjectFunction> functions;  // laid out in this order in .text
  std::vector<ObjectData> data;
  SymbolResolver resolve;
  uint32_t functionAlign = 16;  // a power of two (>= 4 on aarch64)
};

// The resolver most modules want: Function i → functionSymbols[i], Helper h → helperSymbols[h],
// Data d → dataSymbols[d] (an index out of range resolves to "", i.e. an error).
SymbolResolver tableResolver(std::vector<std::string> functionSymbols, std::vector<std::string> helperSymbols,
                             std::vector<std::string> dataSymbols);

// Symbol names for the functions (or blobs) of a module from preferred names (e.g. the wasm name
// section): prefix + name, "f<i>" for an empty name, NUL bytes replaced by '_', and ".<i>" appended
// (repeatedly) until each name is unique. Keep prefixes distinct from C names: a global `main` or
// `malloc` would clash with the C runtime in a linked executable.
std::vector<std::string> uniqueSymbolNames(const std::vector<std::string>& preferred, const std::string& prefix);

// ELF relocation type (R_X86_64_* / R_AARCH64_*) used for a code relocation, or an error when the
// field kind cannot be expressed on that target (e.g. x86 Rel8, or an ARM64 kind on x86_64).
// `insn` is the instruction word at the field (ARM64: B vs BL, LDR literal vs B.cond).
Expected<uint32_t> elfRelocType(Target target, codegen::FieldKind kind, codegen::RelocTarget to, uint32_t insn);

Expected<std::vector<uint8_t>> writeObjectToMemory(const ObjectModule& module);

// Writes to a temporary file next to `path` and renames it over `path` on success.
Status writeObject(const ObjectModule& module, const std::string& path);

}  // namespace wasmc::object
