// compiler/object/plan.cpp — checks an ObjectModule and flattens it into a Plan (plan.h): symbols defined
// once, relocations inside their code and mapped to ELF relocation types (glibc's <elf.h> constants), the
// relocated fields zeroed, constant pools as local .rodata chunks. No LLVM here.
// Invariant: the LLVM back end only ever sees a Plan that passed these checks (MC errors would abort).
#include "object/plan.h"

#include <elf.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <string>

namespace wasmc::object {

using codegen::FieldKind;
using codegen::RelocTarget;

namespace {

// Bytes of the field a relocation patches (ARM64 kinds patch the whole instruction word).
uint32_t fieldSize(FieldKind k) {
  switch (k) {
    case FieldKind::Rel8: return 1;
    case FieldKind::Rel32: return 4;
    case FieldKind::Abs64: return 8;
    case FieldKind::Arm64Branch26:
    case FieldKind::Arm64Cond19:
    case FieldKind::Arm64Test14:
    case FieldKind::Arm64Adr21:
    case FieldKind::Arm64AdrpPage21:
    case FieldKind::Arm64AddLo12: return 4;
  }
  return 0;
}

// The bits of the field that the relocation writes; the rest of the instruction is kept.
uint64_t fieldMask(FieldKind k) {
  switch (k) {
    case FieldKind::Rel8: return 0xff;
    case FieldKind::Rel32: return 0xffffffffu;
    case FieldKind::Abs64: return ~uint64_t{0};
    case FieldKind::Arm64Branch26: return 0x03ffffffu;
    case FieldKind::Arm64Cond19: return 0x7ffffu << 5;
    case FieldKind::Arm64Test14: return 0x3fffu << 5;
    case FieldKind::Arm64Adr21:
    case FieldKind::Arm64AdrpPage21: return (3u << 29) | (0x7ffffu << 5);
    case FieldKind::Arm64AddLo12: return 0xfffu << 10;
  }
  return 0;
}

void clearField(uint8_t* p, FieldKind k) {
  uint32_t n = fieldSize(k);
  uint64_t v = 0;
  std::memcpy(&v, p, n);
  v &= ~fieldMask(k);
  std::memcpy(p, &v, n);
}

const char* fieldKindName(FieldKind k) {
  switch (k) {
    case FieldKind::Rel8: return "Rel8";
    case FieldKind::Rel32: return "Rel32";
    case FieldKind::Abs64: return "Abs64";
    case FieldKind::Arm64Branch26: return "Arm64Branch26";
    case FieldKind::Arm64Cond19: return "Arm64Cond19";
    case FieldKind::Arm64Test14: return "Arm64Test14";
    case FieldKind::Arm64Adr21: return "Arm64Adr21";
    case FieldKind::Arm64AdrpPage21: return "Arm64AdrpPage21";
    case FieldKind::Arm64AddLo12: return "Arm64AddLo12";
  }
  return "?";
}

const char* relocTargetName(RelocTarget t) {
  switch (t) {
    case RelocTarget::Function: return "function";
    case RelocTarget::Helper: return "helper";
    case RelocTarget::ConstPool: return "constant pool";
    case RelocTarget::Data: return "data";
  }
  return "?";
}

bool isPowerOfTwo(uint32_t v) { return v != 0 && (v & (v - 1)) == 0; }

std::string where(const std::string& symbol, uint32_t offset) {
  return symbol + "+" + std::to_string(offset);
}

}  // namespace

Expected<uint32_t> elfRelocType(Target target, FieldKind kind, RelocTarget to, uint32_t insn) {
  auto unsupported = [&]() -> Error {
    return Error::plain(std::string("object: field kind ") + fieldKindName(kind) +
                        " has no relocation on " + (target == Target::X86_64 ? "x86_64" : "aarch64"));
  };
  switch (target) {
    case Target::X86_64:
      switch (kind) {
        case FieldKind::Rel32:
          switch (to) {
            case RelocTarget::Function:
            case RelocTarget::Helper: return uint32_t{R_X86_64_PLT32};
            case RelocTarget::ConstPool:
            case RelocTarget::Data: return uint32_t{R_X86_64_PC32};
          }
          return unsupported();
        case FieldKind::Abs64: return uint32_t{R_X86_64_64};
        case FieldKind::Rel8:
        case FieldKind::Arm64Branch26:
        case FieldKind::Arm64Cond19:
        case FieldKind::Arm64Test14:
        case FieldKind::Arm64Adr21:
        case FieldKind::Arm64AdrpPage21:
        case FieldKind::Arm64AddLo12: return unsupported();
      }
      return unsupported();
    case Target::AArch64:
      switch (kind) {
        case FieldKind::Abs64: return uint32_t{R_AARCH64_ABS64};
        case FieldKind::Arm64Branch26:  // BL has bit 31 set, B does not
          return (insn & 0x80000000u) ? uint32_t{R_AARCH64_CALL26} : uint32_t{R_AARCH64_JUMP26};
        case FieldKind::Arm64Cond19:  // LDR (literal) vs B.cond/CBZ/CBNZ
          return (insn & 0x3b000000u) == 0x18000000u ? uint32_t{R_AARCH64_LD_PREL_LO19} : uint32_t{R_AARCH64_CONDBR19};
        case FieldKind::Arm64Test14: return uint32_t{R_AARCH64_TSTBR14};
        case FieldKind::Arm64Adr21: return uint32_t{R_AARCH64_ADR_PREL_LO21};
        case FieldKind::Arm64AdrpPage21: return uint32_t{R_AARCH64_ADR_PREL_PG_HI21};
        case FieldKind::Arm64AddLo12: return uint32_t{R_AARCH64_ADD_ABS_LO12_NC};
        case FieldKind::Rel8:
        case FieldKind::Rel32: return unsupported();
      }
      return unsupported();
  }
  return unsupported();
}

Expected<Plan> planObject(const ObjectModule& m) {
  Plan out;
  out.target = m.target;
  std::set<std::string> defined;
  auto define = [&](const std::string& s) -> Status {
    if (s.empty()) return Error::plain("object: empty symbol name");
    if (s.find('\0') != std::string::npos) return Error::plain("object: symbol name contains NUL");
    if (!defined.insert(s).second) return Error::plain("object: symbol '" + s + "' defined twice");
    return Status::success();
  };
  if (!isPowerOfTwo(m.functionAlign) || (m.target == Target::AArch64 && m.functionAlign < 4)) {
    return Error::plain("object: function alignment " + std::to_string(m.functionAlign) + " invalid");
  }
  for (const ObjectFunction& f : m.functions) {
    if (Status s = define(f.symbol); !s) return s.takeError();
    if (!f.code.constPool.bytes.empty()) {
      if (Status s = define(f.symbol + ".pool"); !s) return s.takeError();
    }
  }
  for (const ObjectData& d : m.data) {
    if (Status s = define(d.symbol); !s) return s.takeError();
  }

  for (const ObjectFunction& f : m.functions) {
    Chunk c;
    c.symbol = f.symbol;
    c.binding = f.binding;
    c.isFunction = true;
    c.align = m.functionAlign;
    c.bytes = f.code.code;
    for (const codegen::Reloc& r : f.code.relocs) {
      uint32_t size = fieldSize(r.kind);
      if (uint64_t{r.offset} + size > c.bytes.size()) {
        return Error::plain("object: relocation at " + where(f.symbol, r.offset) + " outside the code");
      }
      if (m.target == Target::AArch64 && (r.offset & 3) != 0 && r.kind != FieldKind::Abs64) {
        return Error::plain("object: misaligned instruction relocation at " + where(f.symbol, r.offset));
      }
      uint32_t insn = 0;
      std::memcpy(&insn, c.bytes.data() + r.offset, size < 4 ? size : 4);
      Expected<uint32_t> type = elfRelocType(m.target, r.kind, r.target, insn);
      if (!type) return Error::plain(type.error().message + " at " + where(f.symbol, r.offset));
      std::string sym;
      int64_t addend = r.addend;
      if (r.target == RelocTarget::ConstPool) {
        if (r.index >= f.code.constPool.bytes.size()) {
          return Error::plain("object: constant-pool offset " + std::to_string(r.index) + " out of range at " +
                              where(f.symbol, r.offset));
        }
        sym = f.symbol + ".pool";
        addend += r.index;
      } else {
        if (!m.resolve) return Error::plain("object: relocation but no symbol resolver");
        sym = m.resolve(r.target, r.index);
        if (sym.empty()) {
          return Error::plain(std::string("object: unresolved ") + relocTargetName(r.target) + " " +
                              std::to_string(r.index) + " at " + where(f.symbol, r.offset));
        }
      }
      clearField(c.bytes.data() + r.offset, r.kind);
      c.fixups.push_back(PendingFixup{r.offset, std::move(sym), addend, type.value()});
    }
    if (!f.code.constPool.bytes.empty()) {
      Chunk pool;
      pool.symbol = f.symbol + ".pool";
      pool.align = std::max<uint32_t>(f.code.constPool.align, 1);
      if (!isPowerOfTwo(pool.align)) return Error::plain("object: constant pool of " + f.symbol + " misaligned");
      pool.bytes = f.code.constPool.bytes;
      out.rodata.push_back(std::move(pool));
    }
    out.text.push_back(std::move(c));
  }

  uint32_t abs64 = m.target == Target::X86_64 ? uint32_t{R_X86_64_64} : uint32_t{R_AARCH64_ABS64};
  for (const ObjectData& d : m.data) {
    if (!isPowerOfTwo(d.align)) return Error::plain("object: alignment of " + d.symbol + " not a power of two");
    Chunk c;
    c.symbol = d.symbol;
    c.binding = d.binding;
    c.align = d.align;
    c.bytes = d.bytes;
    for (const DataReloc& r : d.relocs) {
      if (uint64_t{r.offset} + 8 > c.bytes.size()) {
        return Error::plain("object: data relocation at " + where(d.symbol, r.offset) + " outside the blob");
      }
      if (r.symbol.empty()) return Error::plain("object: data relocation without symbol at " + where(d.symbol, r.offset));
      std::memset(c.bytes.data() + r.offset, 0, 8);
      c.fixups.push_back(PendingFixup{r.offset, r.symbol, r.addend, abs64});
    }
    switch (d.section) {
      case DataSection::ReadOnly: (c.fixups.empty() ? out.rodata : out.relro).push_back(std::move(c)); break;
      case DataSection::Writable: out.data.push_back(std::move(c)); break;
    }
  }
  return out;
}

}  // namespace wasmc::object
