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

struct Layout {
  size_t start = 0, poolOff = 0, veneerOff = 0, end = 0;
};

Layout layoutOf(const codegen::CompiledFunction& cf, size_t start) {
  Layout l;
  l.start = start;
  size_t poolAlign = cf.constPool.align < 16 ? 16 : cf.constPool.align;
  l.poolOff = alignUp(start + cf.code.size(), poolAlign);
  l.veneerOff = alignUp(l.poolOff + cf.constPool.bytes.size(), 16);
  size_t maxVeneers = 0;
  for (const codegen::Reloc& r : cf.relocs)
    if (r.kind == codegen::FieldKind::Rel32 &&
        (r.target == codegen::RelocTarget::Function || r.target == codegen::RelocTarget::Helper))
      ++maxVeneers;
  l.end = alignUp(l.veneerOff + maxVeneers * kVeneerBytes, 16);
  return l;
}

// Copies and links one function at `l` inside the writable block `w` (mapped at `base`).
Status place(const codegen::CompiledFunction& cf, const Layout& l, uint8_t* w, uint64_t base,
             const FunctionResolver& functions) {
  using codegen::FieldKind;
  using codegen::RelocTarget;
  uint8_t* code = w + l.start;
  uint64_t codeAddr = base + l.start;
  std::memcpy(code, cf.code.data(), cf.code.size());
  if (!cf.constPool.bytes.empty()) std::memcpy(w + l.poolOff, cf.constPool.bytes.data(), cf.constPool.bytes.size());
  std::map<uint64_t, uint64_t> veneers;  // target → veneer address
  size_t nextVeneer = l.veneerOff;
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
      case RelocTarget::ConstPool: target = base + l.poolOff + r.index; break;
      case RelocTarget::Data: break;
    }
    if (!target) return Error::plain("jit: unresolvable relocation");
    if (r.kind == FieldKind::Rel32 && r.target != RelocTarget::ConstPool) {
      int64_t v = int64_t(target) + r.addend - int64_t(codeAddr + r.offset);
      if (v < INT32_MIN || v > INT32_MAX) target = veneerFor(target);
      if (!target) return Error::plain("jit: cannot build a call veneer");
    }
    if (!codegen::patchField(code, r.offset, r.kind, codeAddr, target, r.addend))
      return Error::plain("jit: relocation out of range");
  }
  return {};
}

}  // namespace

LoadedCode::~LoadedCode() {
  for (const Fn& f : fns) CodeRegistry::global().remove(f.handle);
}

Expected<std::unique_ptr<LoadedCode>> loadCode(std::vector<LoadItem> items, const FunctionResolver& functions) {
  std::vector<Layout> layouts;
  size_t size = 0;
  for (const LoadItem& it : items) {
    layouts.push_back(layoutOf(*it.cf, size));
    size = layouts.back().end;
  }
  Expected<CodeBlock> block = CodeBlock::allocate(size);
  if (!block) return block.takeError();
  uint8_t* w = block->writable();
  uint64_t base = reinterpret_cast<uint64_t>(w);
  for (size_t i = 0; i < items.size(); ++i)
    if (Status s = place(*items[i].cf, layouts[i], w, base, functions); !s) return s.takeError();
  if (Status s = block->makeExecutable(); !s) return s.takeError();

  auto out = std::make_unique<LoadedCode>();
  out->block = std::move(*block);
  for (size_t i = 0; i < items.size(); ++i) {
    const codegen::CompiledFunction& cf = *items[i].cf;
    LoadedCode::Fn fn;
    fn.info = std::move(items[i].info);
    fn.info->trapSites.clear();
    for (const codegen::TrapSite& t : cf.trapSites) fn.info->trapSites.push_back(TrapSiteEntry{t.codeOffset, t.code});
    std::sort(fn.info->trapSites.begin(), fn.info->trapSites.end(),
              [](const TrapSiteEntry& a, const TrapSiteEntry& b) { return a.codeOffset < b.codeOffset; });
    fn.entry = out->block.base() + layouts[i].start;
    fn.codeSize = cf.code.size();
    uintptr_t start = reinterpret_cast<uintptr_t>(fn.entry);
    fn.handle = CodeRegistry::global().add(start, start + fn.codeSize, fn.info.get());
    out->fns.push_back(std::move(fn));
  }
  return out;
}

Expected<std::unique_ptr<LoadedCode>> loadCode(const codegen::CompiledFunction& cf, std::unique_ptr<CodeInfo> info,
                                               const FunctionResolver& functions) {
  std::vector<LoadItem> items;
  items.push_back(LoadItem{&cf, std::move(info)});
  return loadCode(std::move(items), functions);
}

}  // namespace wasmc::rt::jit
