// runtime/jit/loader.cpp — see loader.h. Veneers are built with our assembler (no raw bytes here).
#include "runtime/jit/loader.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "codegen/x86_64/assembler.h"

namespace wasmc::rt::jit {

namespace {
size_t alignUp(size_t v, size_t a) { return (v + a - 1) / a * a; }
constexpr size_t kVeneerBytes = 16;
}  // namespace

LoadedCode::~LoadedCode() { CodeRegistry::global().remove(handle); }

Expected<std::unique_ptr<LoadedCode>> loadCode(const codegen::CompiledFunction& cf, std::unique_ptr<CodeInfo> info,
                                               const FunctionResolver& functions) {
  using codegen::FieldKind;
  using codegen::RelocTarget;
  size_t codeSize = cf.code.size();
  size_t poolAlign = cf.constPool.align < 16 ? 16 : cf.constPool.align;
  size_t poolOff = alignUp(codeSize, poolAlign);
  size_t veneerOff = alignUp(poolOff + cf.constPool.bytes.size(), 16);
  size_t maxVeneers = 0;
  for (const codegen::Reloc& r : cf.relocs)
    if (r.kind == FieldKind::Rel32 && (r.target == RelocTarget::Function || r.target == RelocTarget::Helper))
      ++maxVeneers;
  Expected<CodeBlock> block = CodeBlock::allocate(veneerOff + maxVeneers * kVeneerBytes);
  if (!block) return block.takeError();
  uint8_t* w = block->writable();
  uint64_t base = reinterpret_cast<uint64_t>(w);
  std::memcpy(w, cf.code.data(), codeSize);
  if (!cf.constPool.bytes.empty()) std::memcpy(w + poolOff, cf.constPool.bytes.data(), cf.constPool.bytes.size());

  std::map<uint64_t, uint64_t> veneers;  // target → veneer address
  size_t nextVeneer = veneerOff;
  auto veneerFor = [&](uint64_t target) -> uint64_t {
    auto it = veneers.find(target);
    if (it != veneers.end()) return it->second;
    codegen::CodeBuffer vb;
    codegen::x64::Assembler va(vb);
    codegen::Label slot = va.newLabel();
    va.jmp_m(codegen::x64::Mem::rip(slot));  // jmp [rip + slot]
    va.bind(slot);
    vb.emit64(target);
    Expected<codegen::CompiledFunction> v = vb.finish();
    if (!v || v->code.size() > kVeneerBytes) return 0;
    std::memcpy(w + nextVeneer, v->code.data(), v->code.size());
    uint64_t addr = base + nextVeneer;
    nextVeneer += kVeneerBytes;
    veneers[target] = addr;
    return addr;
  };
  for (const codegen::Reloc& r : cf.relocs) {
    uint64_t target = 0;
    switch (r.target) {
      case RelocTarget::Function: target = functions ? functions(r.index) : 0; break;
      case RelocTarget::Helper: target = reinterpret_cast<uint64_t>(helperAddress(r.index)); break;
      case RelocTarget::ConstPool: target = base + poolOff + r.index; break;
      case RelocTarget::Data: break;
    }
    if (!target) return Error::plain("jit: unresolvable relocation");
    if (r.kind == FieldKind::Rel32 && r.target != RelocTarget::ConstPool) {
      int64_t v = int64_t(target) + r.addend - int64_t(base + r.offset);
      if (v < INT32_MIN || v > INT32_MAX) target = veneerFor(target);
      if (!target) return Error::plain("jit: cannot build a call veneer");
    }
    if (!codegen::patchField(w, r.offset, r.kind, base, target, r.addend))
      return Error::plain("jit: relocation out of range");
  }
  if (Status s = block->makeExecutable(); !s) return s.takeError();

  auto out = std::make_unique<LoadedCode>();
  out->block = std::move(*block);
  out->codeSize = codeSize;
  out->info = std::move(info);
  out->info->trapSites.clear();
  for (const codegen::TrapSite& t : cf.trapSites) out->info->trapSites.push_back(TrapSiteEntry{t.codeOffset, t.code});
  std::sort(out->info->trapSites.begin(), out->info->trapSites.end(),
            [](const TrapSiteEntry& a, const TrapSiteEntry& b) { return a.codeOffset < b.codeOffset; });
  out->handle = CodeRegistry::global().add(base, base + codeSize, out->info.get());
  return out;
}

}  // namespace wasmc::rt::jit
