// compiler/object/mc_object.cpp — the one translation unit that drives LLVM MC: raw code bytes are
// appended to the streamer's data fragments and every relocation becomes a literal-relocation fixup
// (FirstLiteralRelocationKind + R_*), which the ELF writer emits verbatim with the expression's constant
// as RELA addend. Invariants: the input is fully validated before MC sees it (MC errors would otherwise
// abort); relocated fields are zeroed in the copy we emit (lld ORs some AArch64 fields into the word).
#include <algorithm>
#include <cstring>
#include <mutex>
#include <set>
#include <string>

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Triple.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/MC/MCAsmBackend.h"
#include "llvm/MC/MCAsmInfo.h"
#include "llvm/MC/MCCodeEmitter.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCExpr.h"
#include "llvm/MC/MCFixup.h"
#include "llvm/MC/MCFragment.h"
#include "llvm/MC/MCInstrInfo.h"
#include "llvm/MC/MCObjectFileInfo.h"
#include "llvm/MC/MCObjectStreamer.h"
#include "llvm/MC/MCObjectWriter.h"
#include "llvm/MC/MCRegisterInfo.h"
#include "llvm/MC/MCSectionELF.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/MCSymbolELF.h"
#include "llvm/MC/MCTargetOptions.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include "object/object_writer.h"

extern "C" {
void LLVMInitializeX86TargetInfo();
void LLVMInitializeX86TargetMC();
void LLVMInitializeAArch64TargetInfo();
void LLVMInitializeAArch64TargetMC();
}

namespace wasmc::object {

using codegen::FieldKind;
using codegen::RelocTarget;

namespace {

void initTargetsOnce() {
  static std::once_flag once;  // LLVM's target registry is process-global; registration is idempotent
  std::call_once(once, [] {
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86TargetMC();
    LLVMInitializeAArch64TargetInfo();
    LLVMInitializeAArch64TargetMC();
  });
}

const char* tripleName(Target t) {
  switch (t) {
    case Target::X86_64: return "x86_64-unknown-linux-gnu";
    case Target::AArch64: return "aarch64-unknown-linux-gnu";
  }
  return "";
}

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

// One relocation to emit: field offset within `bytes`, symbol, addend, ELF type.
struct PendingFixup {
  uint32_t offset;
  std::string symbol;
  int64_t addend;
  uint32_t type;
};

// A section's worth of bytes under one label, ready for MC.
struct Chunk {
  std::string symbol;
  Binding binding = Binding::Local;
  bool isFunction = false;
  uint32_t align = 1;
  std::vector<uint8_t> bytes;
  std::vector<PendingFixup> fixups;
};

std::string where(const std::string& symbol, uint32_t offset) {
  return symbol + "+" + std::to_string(offset);
}

// Turns the module into validated chunks (text, rodata, data, data.rel.ro) or the first error.
struct Plan {
  std::vector<Chunk> text, rodata, data, relro;
};

Expected<Plan> plan(const ObjectModule& m) {
  Plan out;
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

  uint32_t abs64 = m.target == Target::X86_64 ? uint32_t{llvm::ELF::R_X86_64_64} : uint32_t{llvm::ELF::R_AARCH64_ABS64};
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

// MC objects for one target, created per object (MCContext is not reusable across objects).
struct McSession {
  std::unique_ptr<llvm::MCRegisterInfo> mri;
  std::unique_ptr<llvm::MCAsmInfo> mai;
  std::unique_ptr<llvm::MCSubtargetInfo> sti;
  std::unique_ptr<llvm::MCInstrInfo> mii;
  llvm::MCTargetOptions options;
  std::unique_ptr<llvm::MCContext> ctx;
  std::unique_ptr<llvm::MCObjectFileInfo> mofi;
  std::string firstError;
};

class Emitter {
 public:
  Emitter(llvm::MCObjectStreamer& s, llvm::MCContext& ctx, const llvm::MCSubtargetInfo& sti)
      : s_(s), ctx_(ctx), sti_(sti) {}

  void section(llvm::MCSection* sec, const std::vector<Chunk>& chunks, bool code) {
    if (chunks.empty()) return;
    s_.SwitchSection(sec);
    for (const Chunk& c : chunks) {
      if (code) {
        s_.emitCodeAlignment(c.align, &sti_);
      } else {
        s_.emitValueToAlignment(c.align);
      }
      auto* sym = llvm::cast<llvm::MCSymbolELF>(ctx_.getOrCreateSymbol(c.symbol));
      s_.emitSymbolAttribute(sym, code ? llvm::MCSA_ELF_TypeFunction : llvm::MCSA_ELF_TypeObject);
      switch (c.binding) {
        case Binding::Global:  // protected: exported, but references from this object bind locally
          s_.emitSymbolAttribute(sym, llvm::MCSA_Global);
          s_.emitSymbolAttribute(sym, llvm::MCSA_Protected);
          break;
        case Binding::Local: break;
      }
      s_.emitLabel(sym);
      s_.emitELFSize(sym, llvm::MCConstantExpr::create(static_cast<int64_t>(c.bytes.size()), ctx_));
      append(c);
    }
  }

  // Defines the AArch64 "$x" mapping symbol at the current position (start of .text): disassemblers
  // then decode the section as A64 code; we never emit data into .text, so no "$d" is needed.
  void codeMappingSymbol() { s_.emitLabel(ctx_.getOrCreateSymbol("$x")); }

 private:
  void append(const Chunk& c) {
    llvm::MCDataFragment* frag = s_.getOrCreateDataFragment(&sti_);
    uint32_t base = static_cast<uint32_t>(frag->getContents().size());
    frag->getContents().append(reinterpret_cast<const char*>(c.bytes.data()),
                               reinterpret_cast<const char*>(c.bytes.data() + c.bytes.size()));
    for (const PendingFixup& f : c.fixups) {
      const llvm::MCExpr* e = llvm::MCSymbolRefExpr::create(ctx_.getOrCreateSymbol(f.symbol), ctx_);
      if (f.addend != 0) e = llvm::MCBinaryExpr::createAdd(e, llvm::MCConstantExpr::create(f.addend, ctx_), ctx_);
      s_.visitUsedExpr(*e);  // registers the symbol: otherwise a symbol used only here misses .symtab
      auto kind = static_cast<llvm::MCFixupKind>(llvm::FirstLiteralRelocationKind + f.type);
      frag->getFixups().push_back(llvm::MCFixup::create(base + f.offset, e, kind));
    }
  }

  llvm::MCObjectStreamer& s_;
  llvm::MCContext& ctx_;
  const llvm::MCSubtargetInfo& sti_;
};

}  // namespace

Expected<uint32_t> elfRelocType(Target target, FieldKind kind, RelocTarget to, uint32_t insn) {
  namespace E = llvm::ELF;
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
            case RelocTarget::Helper: return uint32_t{E::R_X86_64_PLT32};
            case RelocTarget::ConstPool:
            case RelocTarget::Data: return uint32_t{E::R_X86_64_PC32};
          }
          return unsupported();
        case FieldKind::Abs64: return uint32_t{E::R_X86_64_64};
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
        case FieldKind::Abs64: return uint32_t{E::R_AARCH64_ABS64};
        case FieldKind::Arm64Branch26:  // BL has bit 31 set, B does not
          return uint32_t{(insn & 0x80000000u) ? E::R_AARCH64_CALL26 : E::R_AARCH64_JUMP26};
        case FieldKind::Arm64Cond19:  // LDR (literal) vs B.cond/CBZ/CBNZ
          return uint32_t{(insn & 0x3b000000u) == 0x18000000u ? E::R_AARCH64_LD_PREL_LO19 : E::R_AARCH64_CONDBR19};
        case FieldKind::Arm64Test14: return uint32_t{E::R_AARCH64_TSTBR14};
        case FieldKind::Arm64Adr21: return uint32_t{E::R_AARCH64_ADR_PREL_LO21};
        case FieldKind::Arm64AdrpPage21: return uint32_t{E::R_AARCH64_ADR_PREL_PG_HI21};
        case FieldKind::Arm64AddLo12: return uint32_t{E::R_AARCH64_ADD_ABS_LO12_NC};
        case FieldKind::Rel8:
        case FieldKind::Rel32: return unsupported();
      }
      return unsupported();
  }
  return unsupported();
}

Expected<std::vector<uint8_t>> writeObjectToMemory(const ObjectModule& module) {
  Expected<Plan> p = plan(module);
  if (!p) return p.takeError();

  initTargetsOnce();
  llvm::Triple tt(tripleName(module.target));
  std::string lookupError;
  const llvm::Target* t = llvm::TargetRegistry::lookupTarget(tt.str(), lookupError);
  if (!t) return Error::plain("object: no LLVM target for " + tt.str() + ": " + lookupError);

  McSession ms;
  ms.mri.reset(t->createMCRegInfo(tt.str()));
  if (ms.mri) ms.mai.reset(t->createMCAsmInfo(*ms.mri, tt.str(), ms.options));
  ms.sti.reset(t->createMCSubtargetInfo(tt.str(), "generic", ""));
  ms.mii.reset(t->createMCInstrInfo());
  if (!ms.mri || !ms.mai || !ms.sti || !ms.mii) return Error::plain("object: cannot set up LLVM MC for " + tt.str());
  ms.ctx = std::make_unique<llvm::MCContext>(tt, ms.mai.get(), ms.mri.get(), ms.sti.get(), nullptr, &ms.options);
  ms.ctx->setDiagnosticHandler([&ms](const llvm::SMDiagnostic& d, bool, const llvm::SourceMgr&,
                                     std::vector<const llvm::MDNode*>&) {
    if (ms.firstError.empty()) ms.firstError = d.getMessage().str();
  });
  ms.mofi.reset(t->createMCObjectFileInfo(*ms.ctx, /*PIC=*/true, /*LargeCodeModel=*/false));
  ms.ctx->setObjectFileInfo(ms.mofi.get());

  llvm::SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream os(buffer);
  std::unique_ptr<llvm::MCAsmBackend> mab(t->createMCAsmBackend(*ms.sti, *ms.mri, ms.options));
  std::unique_ptr<llvm::MCCodeEmitter> mce(t->createMCCodeEmitter(*ms.mii, *ms.mri, *ms.ctx));
  if (!mab || !mce) return Error::plain("object: cannot create the LLVM MC backend for " + tt.str());
  std::unique_ptr<llvm::MCObjectWriter> writer = mab->createObjectWriter(os);
  std::unique_ptr<llvm::MCStreamer> streamer(t->createMCObjectStreamer(
      tt, *ms.ctx, std::move(mab), std::move(writer), std::move(mce), *ms.sti, /*RelaxAll=*/false,
      /*IncrementalLinkerCompatible=*/false, /*DWARFMustBeAtTheEnd=*/false));
  if (!streamer) return Error::plain("object: cannot create the LLVM MC object streamer");
  auto& s = static_cast<llvm::MCObjectStreamer&>(*streamer);
  s.initSections(/*NoExecStack=*/true, *ms.sti);

  Emitter e(s, *ms.ctx, *ms.sti);
  const Plan& pl = p.value();
  s.SwitchSection(ms.mofi->getTextSection());
  if (module.target == Target::AArch64 && !pl.text.empty()) e.codeMappingSymbol();
  e.section(ms.mofi->getTextSection(), pl.text, /*code=*/true);
  e.section(ms.mofi->getReadOnlySection(), pl.rodata, false);
  e.section(ms.mofi->getDataSection(), pl.data, false);
  e.section(ms.ctx->getELFSection(".data.rel.ro", llvm::ELF::SHT_PROGBITS, llvm::ELF::SHF_ALLOC | llvm::ELF::SHF_WRITE),
            pl.relro, false);
  s.Finish();

  if (ms.ctx->hadError() || !ms.firstError.empty()) {
    return Error::plain("object: LLVM MC: " + (ms.firstError.empty() ? std::string("error") : ms.firstError));
  }
  return std::vector<uint8_t>(buffer.begin(), buffer.end());
}

}  // namespace wasmc::object
