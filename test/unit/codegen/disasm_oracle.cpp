// test/unit/codegen/disasm_oracle.cpp — LLVM MC disassembler + instruction printer wrapper. The only file
// of the codegen tests that includes LLVM headers. Targets are initialised once per process (LLVM's
// registry is itself global); each oracle owns its MC objects.
#include "disasm_oracle.h"

#include <mutex>

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Triple.h"
#include "llvm/MC/MCAsmInfo.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCDisassembler/MCDisassembler.h"
#include "llvm/MC/MCInst.h"
#include "llvm/MC/MCInstPrinter.h"
#include "llvm/MC/MCInstrInfo.h"
#include "llvm/MC/MCRegisterInfo.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/MCTargetOptions.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/raw_ostream.h"

extern "C" {
void LLVMInitializeX86TargetInfo();
void LLVMInitializeX86TargetMC();
void LLVMInitializeX86Disassembler();
void LLVMInitializeAArch64TargetInfo();
void LLVMInitializeAArch64TargetMC();
void LLVMInitializeAArch64Disassembler();
}

namespace wasmc::testing {

struct DisasmOracle::Impl {
  llvm::Triple triple;
  bool isX86 = false;
  std::unique_ptr<llvm::MCRegisterInfo> mri;
  std::unique_ptr<llvm::MCAsmInfo> mai;
  std::unique_ptr<llvm::MCSubtargetInfo> sti;
  std::unique_ptr<llvm::MCInstrInfo> mii;
  std::unique_ptr<llvm::MCContext> ctx;
  std::unique_ptr<llvm::MCDisassembler> disasm;
  std::unique_ptr<llvm::MCInstPrinter> printer;
};

namespace {

void initTargetsOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86TargetMC();
    LLVMInitializeX86Disassembler();
    LLVMInitializeAArch64TargetInfo();
    LLVMInitializeAArch64TargetMC();
    LLVMInitializeAArch64Disassembler();
  });
}

std::string normalise(const std::string& raw) {
  std::string out;
  bool pendingSpace = false;
  for (char c : raw) {
    if (c == '\t' || c == '\n' || c == ' ') {
      pendingSpace = !out.empty();
      continue;
    }
    if (pendingSpace) out.push_back(' ');
    pendingSpace = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

DisasmOracle::DisasmOracle(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DisasmOracle::~DisasmOracle() = default;

std::unique_ptr<DisasmOracle> DisasmOracle::create(const std::string& tripleName, AsmSyntax syntax,
                                                   std::string* error, const std::string& cpu,
                                                   const std::string& features) {
  initTargetsOnce();
  auto impl = std::make_unique<Impl>();
  impl->triple = llvm::Triple(tripleName);
  impl->isX86 = impl->triple.getArch() == llvm::Triple::x86_64 || impl->triple.getArch() == llvm::Triple::x86;
  std::string err;
  const llvm::Target* target = llvm::TargetRegistry::lookupTarget(tripleName, err);
  if (!target) {
    if (error) *error = err;
    return nullptr;
  }
  llvm::MCTargetOptions options;
  impl->mri.reset(target->createMCRegInfo(tripleName));
  if (impl->mri) impl->mai.reset(target->createMCAsmInfo(*impl->mri, tripleName, options));
  impl->sti.reset(target->createMCSubtargetInfo(tripleName, cpu, features));
  impl->mii.reset(target->createMCInstrInfo());
  if (!impl->mri || !impl->mai || !impl->sti || !impl->mii) {
    if (error) *error = "cannot create MC objects for " + tripleName;
    return nullptr;
  }
  impl->ctx = std::make_unique<llvm::MCContext>(impl->triple, impl->mai.get(), impl->mri.get(),
                                                impl->sti.get());
  impl->disasm.reset(target->createMCDisassembler(*impl->sti, *impl->ctx));
  unsigned variant = 0;
  switch (syntax) {
    case AsmSyntax::Default: variant = 0; break;
    case AsmSyntax::Att: variant = 0; break;
    case AsmSyntax::Intel: variant = impl->isX86 ? 1 : 0; break;
  }
  impl->printer.reset(target->createMCInstPrinter(impl->triple, variant, *impl->mai, *impl->mii, *impl->mri));
  if (!impl->disasm || !impl->printer) {
    if (error) *error = "cannot create disassembler/printer for " + tripleName;
    return nullptr;
  }
  return std::unique_ptr<DisasmOracle>(new DisasmOracle(std::move(impl)));
}

void DisasmOracle::setPrintBranchAsAddress(bool on) { impl_->printer->setPrintBranchImmAsAddress(on); }

std::vector<DisasmInst> DisasmOracle::disassemble(const uint8_t* bytes, size_t size, uint64_t address) const {
  std::vector<DisasmInst> out;
  llvm::ArrayRef<uint8_t> data(bytes, size);
  uint64_t pos = 0;
  while (pos < size) {
    llvm::MCInst inst;
    uint64_t instSize = 0;
    DisasmInst d;
    d.offset = pos;
    auto status = impl_->disasm->getInstruction(inst, instSize, data.slice(pos), address + pos, llvm::nulls());
    if (status != llvm::MCDisassembler::Success || instSize == 0) {
      d.text = "<invalid>";
      d.size = 0;
      out.push_back(std::move(d));
      uint64_t step = impl_->isX86 ? 1 : 4;
      pos += step;
      continue;
    }
    std::string s;
    llvm::raw_string_ostream os(s);
    // X86's printer adds pc-relative immediates to the address of the *next* instruction (as
    // llvm-objdump passes it); AArch64's to the address of the instruction itself.
    uint64_t printAddress = address + pos + (impl_->isX86 ? instSize : 0);
    impl_->printer->printInst(&inst, printAddress, "", *impl_->sti, os);
    os.flush();
    d.text = normalise(s);
    d.size = static_cast<uint32_t>(instSize);
    out.push_back(std::move(d));
    pos += instSize;
  }
  return out;
}

std::string DisasmOracle::text(const uint8_t* bytes, size_t size, uint64_t address) const {
  std::string out;
  for (const DisasmInst& d : disassemble(bytes, size, address)) {
    if (!out.empty()) out += "; ";
    out += d.text;
  }
  return out;
}

std::string hexBytes(const uint8_t* bytes, size_t size) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < size; ++i) {
    if (i) out.push_back(' ');
    out.push_back(digits[bytes[i] >> 4]);
    out.push_back(digits[bytes[i] & 15]);
  }
  return out;
}

}  // namespace wasmc::testing
