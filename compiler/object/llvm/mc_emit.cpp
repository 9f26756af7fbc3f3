// compiler/object/llvm/mc_emit.cpp — part of libwasmc_llvm.so: turns a checked Plan (object/plan.h) into
// ELF bytes through LLVM MC. Raw code bytes are appended to the streamer's data fragments and every
// relocation becomes a literal-relocation fixup (FirstLiteralRelocationKind + R_*), which the ELF writer
// emits verbatim with the expression's constant as RELA addend. Invariant: the plan was checked by
// planObject (MC errors would otherwise abort); this file decides nothing about the module.
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
#include "object/backend.h"
#include "object/plan.h"

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

bool fail(std::string& error, std::string msg) {
  error = std::move(msg);
  return false;
}

}  // namespace

bool emitObject(const Plan& pl, std::vector<uint8_t>& out, std::string& error) {
  initTargetsOnce();
  llvm::Triple tt(tripleName(pl.target));
  std::string lookupError;
  const llvm::Target* t = llvm::TargetRegistry::lookupTarget(tt.str(), lookupError);
  if (!t) return fail(error, "object: no LLVM target for " + tt.str() + ": " + lookupError);

  McSession ms;
  ms.mri.reset(t->createMCRegInfo(tt.str()));
  if (ms.mri) ms.mai.reset(t->createMCAsmInfo(*ms.mri, tt.str(), ms.options));
  ms.sti.reset(t->createMCSubtargetInfo(tt.str(), "generic", ""));
  ms.mii.reset(t->createMCInstrInfo());
  if (!ms.mri || !ms.mai || !ms.sti || !ms.mii) return fail(error, "object: cannot set up LLVM MC for " + tt.str());
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
  if (!mab || !mce) return fail(error, "object: cannot create the LLVM MC backend for " + tt.str());
  std::unique_ptr<llvm::MCObjectWriter> writer = mab->createObjectWriter(os);
  std::unique_ptr<llvm::MCStreamer> streamer(t->createMCObjectStreamer(
      tt, *ms.ctx, std::move(mab), std::move(writer), std::move(mce), *ms.sti, /*RelaxAll=*/false,
      /*IncrementalLinkerCompatible=*/false, /*DWARFMustBeAtTheEnd=*/false));
  if (!streamer) return fail(error, "object: cannot create the LLVM MC object streamer");
  auto& s = static_cast<llvm::MCObjectStreamer&>(*streamer);
  s.initSections(/*NoExecStack=*/true, *ms.sti);

  Emitter e(s, *ms.ctx, *ms.sti);
  s.SwitchSection(ms.mofi->getTextSection());
  if (pl.target == Target::AArch64 && !pl.text.empty()) e.codeMappingSymbol();
  e.section(ms.mofi->getTextSection(), pl.text, /*code=*/true);
  e.section(ms.mofi->getReadOnlySection(), pl.rodata, false);
  e.section(ms.mofi->getDataSection(), pl.data, false);
  e.section(ms.ctx->getELFSection(".data.rel.ro", llvm::ELF::SHT_PROGBITS, llvm::ELF::SHF_ALLOC | llvm::ELF::SHF_WRITE),
            pl.relro, false);
  s.Finish();

  if (ms.ctx->hadError() || !ms.firstError.empty()) {
    return fail(error, "object: LLVM MC: " + (ms.firstError.empty() ? std::string("error") : ms.firstError));
  }
  out.assign(buffer.begin(), buffer.end());
  return true;
}

// lld_link.cpp: the in-process linker, when this library was built with liblld.
bool linkElf(const std::vector<std::string>& argv, std::string& output);
bool haveLld();

}  // namespace wasmc::object

extern "C" const wasmc::object::LlvmBackend* wasmc_llvm_backend() {
  using namespace wasmc::object;
  static const LlvmBackend backend{kLlvmBackendAbi, sizeof(Plan), sizeof(Chunk), &emitObject,
                                   haveLld() ? &linkElf : nullptr, haveLld() ? "lld 14 (in-process, forked)" : nullptr};
  return &backend;
}
