// compiler/codegen/code_buffer.h — the target-independent output of a code generator: a growable byte
// buffer with labels (forward references patched when the label is bound), relocations for what only
// the JIT or the object writer can resolve, trap sites, a per-function constant pool, and the
// CompiledFunction result. Invariants: offsets are bytes from the start of the function's code; a
// fixup never outlives its label's binding (finish() fails on unbound labels or out-of-range fields).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/traps.h"
#include "support/diag.h"

namespace wasmc::codegen {

// A position in the code, created unbound, bound exactly once.
struct Label {
  static constexpr uint32_t kNone = 0xffffffffu;
  uint32_t id = kNone;
  bool valid() const { return id != kNone; }
};

// How a label reference (fixup) or a relocation is written into the code. Values are computed as
// S + A - P for pc-relative kinds (S = target, A = addend, P = address of the patched field) and
// S + A for absolute ones; ARM64 kinds use the address of the instruction as P and scale by 4.
enum class FieldKind : uint8_t {
  Rel8,          // x86: signed 8-bit pc-relative byte (jmp/jcc short)
  Rel32,         // x86: signed 32-bit pc-relative (call, jmp, jcc near, RIP-relative operands)
  Abs64,         // 64-bit absolute address
  Arm64Branch26, // ARM64 B/BL: imm26 = (S + A - P) >> 2 in bits 0..25
  Arm64Cond19,   // ARM64 B.cond/CBZ/CBNZ/LDR literal: imm19 in bits 5..23
  Arm64Test14,   // ARM64 TBZ/TBNZ: imm14 in bits 5..18
  Arm64Adr21,    // ARM64 ADR: immlo bits 29..30, immhi bits 5..23 (byte offset, ±1 MiB)
  Arm64AdrpPage21,  // ARM64 ADRP: Page(S + A) - Page(P) >> 12 in the ADR fields (±4 GiB); relocations only
  Arm64AddLo12,     // ARM64 ADD (immediate) after ADRP: (S + A) & 0xfff in bits 10..21; relocations only
};

// What a relocation points at: resolved by the JIT in memory or by the object writer as a symbol.
enum class RelocTarget : uint8_t {
  Function,   // index = wasm function index (defined or imported)
  Helper,     // index = runtime helper id (runtime/abi.h)
  ConstPool,  // index = byte offset of the entry in this function's constant pool
  Data,       // index = data symbol id (module descriptor, tables, ...)
};

struct Reloc {
  FieldKind kind = FieldKind::Rel32;
  RelocTarget target = RelocTarget::Function;
  uint32_t offset = 0;  // of the patched field in the code
  uint32_t index = 0;
  int64_t addend = 0;   // ELF-style: for x86 rel32 at the end of an instruction, -4
};

// A code offset at which execution can trap: a faulting instruction (memory access, idiv, ud2) or the
// first byte of a trap stub. wasmOffset is the byte offset of the operator in the module's code section.
struct TrapSite {
  uint32_t codeOffset = 0;
  TrapCode code = TrapCode::None;
  uint32_t wasmOffset = 0;
};

// Read-only data of one function (SIMD masks, float constants), placed by the consumer at an address
// aligned to `align`; code refers to entries through RelocTarget::ConstPool relocations.
struct ConstPool {
  std::vector<uint8_t> bytes;
  uint32_t align = 1;
  // Appends (or finds an identical, equally aligned) entry; returns its byte offset.
  uint32_t add(const void* data, uint32_t size, uint32_t alignment);
};

struct CompiledFunction {
  std::vector<uint8_t> code;
  std::vector<Reloc> relocs;        // sorted by offset
  std::vector<TrapSite> trapSites;  // sorted by codeOffset
  ConstPool constPool;
};

// Applies a pc-relative/absolute value to a field of `code` at `offset` (P = codeAddress + offset; for
// ARM64 kinds the field is the instruction word). Returns false if the value does not fit the field.
// Used by the buffer for labels and by consumers (JIT) for relocations.
bool patchField(uint8_t* code, uint32_t offset, FieldKind kind, uint64_t codeAddress, uint64_t target,
                int64_t addend);

class CodeBuffer {
 public:
  CodeBuffer() { bytes_.resize(256); }

  uint32_t size() const { return size_; }
  const uint8_t* data() const { return bytes_.data(); }

  // Room for n more bytes at the end; write them through the pointer, then advance(n). Encoders build
  // instructions in place this way (no per-instruction copies or allocations).
  uint8_t* ensure(size_t n) {
    if (size_ + n > bytes_.size()) grow(n);
    return bytes_.data() + size_;
  }
  void advance(size_t n) { size_ += static_cast<uint32_t>(n); }

  void emit8(uint8_t v) {
    *ensure(1) = v;
    size_ += 1;
  }
  void emit16(uint16_t v) { emitBytes(&v, 2); }
  void emit32(uint32_t v) { emitBytes(&v, 4); }
  void emit64(uint64_t v) { emitBytes(&v, 8); }
  void emitBytes(const void* p, size_t n) {
    std::memcpy(ensure(n), p, n);
    size_ += static_cast<uint32_t>(n);
  }
  // Overwrites already emitted bytes (little-endian host assumed, as for every target we emit).
  void patch32(uint32_t offset, uint32_t v) { std::memcpy(bytes_.data() + offset, &v, 4); }
  uint32_t read32(uint32_t offset) const {
    uint32_t v;
    std::memcpy(&v, bytes_.data() + offset, 4);
    return v;
  }

  // Labels.
  Label newLabel();
  // Binds `l` to the current offset and patches every pending reference to it.
  void bind(Label l);
  bool isBound(Label l) const { return labelPos_[l.id] != kUnbound; }
  uint32_t labelOffset(Label l) const { return labelPos_[l.id]; }
  // Records a reference to `l` in the field at `fieldOffset` (already emitted, holding zero); patched now
  // if `l` is bound, else on bind. The value written is labelOffset - fieldOffset + addend (x86: P is
  // the field; the addend brings it to the end of the instruction) or the ARM64 form of it.
  void addLabelRef(Label l, uint32_t fieldOffset, FieldKind kind, int64_t addend);

  void addReloc(FieldKind kind, RelocTarget target, uint32_t fieldOffset, uint32_t index, int64_t addend) {
    relocs_.push_back(Reloc{kind, target, fieldOffset, index, addend});
  }
  void addTrapSite(uint32_t codeOffset, TrapCode code, uint32_t wasmOffset) {
    trapSites_.push_back(TrapSite{codeOffset, code, wasmOffset});
  }
  ConstPool& constPool() { return pool_; }

  // Records an encoding error (an operand or immediate an instruction cannot encode). The first error is
  // kept and finish() returns it; the encoder still emits its word, so offsets stay consistent.
  void reportError(const std::string& message) {
    if (status_.ok()) status_ = Error::plain(message);
  }

  // The first error (a reference out of range of its field, an unencodable operand), if any.
  const Status& status() const { return status_; }

  // Moves the result out. Fails if a label with references is unbound or a field overflowed.
  Expected<CompiledFunction> finish();

 private:
  static constexpr uint32_t kUnbound = 0xffffffffu;
  struct Fixup {
    uint32_t fieldOffset;
    int32_t addend;
    FieldKind kind;
    uint32_t next;  // next pending fixup of the same label, or kUnbound
  };
  void apply(const Fixup& f, uint32_t target);
  void grow(size_t n);

  std::vector<uint8_t> bytes_;  // bytes_.size() is the capacity; size_ bytes are code
  uint32_t size_ = 0;
  std::vector<uint32_t> labelPos_;      // kUnbound until bound
  std::vector<uint32_t> labelPending_;  // head of the pending-fixup list of each label
  std::vector<Fixup> fixups_;
  std::vector<Reloc> relocs_;
  std::vector<TrapSite> trapSites_;
  ConstPool pool_;
  Status status_;
};

}  // namespace wasmc::codegen
