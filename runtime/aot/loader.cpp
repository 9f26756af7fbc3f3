// runtime/aot/loader.cpp — dlopen + descriptor checks + code registration for AOT shared objects, and the
// per-Store library of loaded modules behind EngineOptions::aotCode / aotTrampoline.
// Every descriptor field is checked against the object's own bounds assumptions before it is used: an
// object from another wasmc version is refused with one error line, never half-loaded.
#include "runtime/aot/loader.h"

#include <dlfcn.h>

#include "wasm/decoder.h"
#include "wasm/validator.h"

namespace wasmc::rt::aot {

using wasmc::aot::AotCode;
using wasmc::aot::AotDescriptor;
using wasmc::aot::AotTrapSite;

namespace {
const uint8_t* at(const AotDescriptor* d, uint64_t off) { return reinterpret_cast<const uint8_t*>(d) + off; }
}  // namespace

Expected<std::shared_ptr<AotModule>> AotModule::load(const std::string& path) {
  std::shared_ptr<AotModule> m(new AotModule());
  dlerror();
  m->handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!m->handle_) {
    const char* e = dlerror();
    return Error::plain("aot: cannot load " + path + ": " + (e ? e : "dlopen failed"));
  }
  auto* d = static_cast<const AotDescriptor*>(dlsym(m->handle_, wasmc::aot::kModuleSymbol));
  if (!d) return Error::plain("aot: " + path + " has no '" + wasmc::aot::kModuleSymbol + "' descriptor");
  return init(std::move(m), d, path);
}

Expected<std::shared_ptr<AotModule>> AotModule::fromDescriptor(const AotDescriptor* d, const std::string& name) {
  if (!d) return Error::plain("aot: " + name + " has no '" + wasmc::aot::kModuleSymbol + "' descriptor");
  return init(std::shared_ptr<AotModule>(new AotModule()), d, name);
}

Expected<std::shared_ptr<AotModule>> AotModule::init(std::shared_ptr<AotModule> m, const AotDescriptor* d,
                                                     const std::string& path) {
  if (d->magic != wasmc::aot::kDescriptorMagic || d->version != wasmc::aot::kDescriptorVersion ||
      d->numTrapCodes != wasmc::aot::kNumTrapCodes)
    return Error::plain("aot: " + path + ": descriptor version " + std::to_string(d->version) +
                        " does not match this runtime (version " + std::to_string(wasmc::aot::kDescriptorVersion) +
                        "): recompile it with this wasmc");
  // Guard-mode objects rely on the 8 GiB reservation that Aot stores make unless
  // EngineOptions::explicitBoundsChecks; explicit-mode objects run anywhere.
  m->desc_ = d;
  const uint8_t* wasmBytes = at(d, d->wasmOffset);
  Expected<std::shared_ptr<wasm::Module>> decoded =
      wasm::decode(std::vector<uint8_t>(wasmBytes, wasmBytes + d->wasmSize));
  if (!decoded) return Error::plain("aot: " + path + ": embedded module: " + decoded.error().format());
  Expected<wasm::ValidatedModule> vm = wasm::validate(std::shared_ptr<const wasm::Module>(std::move(*decoded)));
  if (!vm) return Error::plain("aot: " + path + ": embedded module: " + vm.error().format());
  m->validated_ = std::make_shared<const wasm::ValidatedModule>(std::move(*vm));
  const wasm::Module& mod = m->validated_->module();
  if (d->numDefined != mod.functions.size() || d->numTypes != mod.types.size())
    return Error::plain("aot: " + path + ": descriptor does not describe its embedded module");

  auto reg = [&](const AotCode& c, jit::CodeKind kind, uint32_t funcIndex) {
    if (!c.code) return;
    auto info = std::make_unique<jit::CodeInfo>();
    info->kind = kind;
    info->funcIndex = funcIndex;
    // Backtraces show what the JIT shows (the name section's name); trampolines their symbol.
    std::string wasmName = kind == jit::CodeKind::WasmFunction ? mod.funcName(funcIndex) : "";
    if (kind == jit::CodeKind::WasmFunction && wasmName.empty()) wasmName = "wasm-function[" + std::to_string(funcIndex) + "]";
    info->name = wasmName.empty() ? reinterpret_cast<const char*>(at(d, c.nameOffset)) : wasmName;
    info->moduleName = mod.moduleName;
    const auto* sites = reinterpret_cast<const AotTrapSite*>(at(d, c.trapSitesOffset));
    for (uint32_t i = 0; i < c.numTrapSites; ++i)
      info->trapSites.push_back(jit::TrapSiteEntry{sites[i].codeOffset, TrapCode(sites[i].trapCode)});
    auto start = reinterpret_cast<uintptr_t>(c.code);
    m->handles_.push_back(jit::CodeRegistry::global().add(start, start + c.codeSize, info.get()));
    m->infos_.push_back(std::move(info));
  };
  for (uint32_t i = 0; i < d->numDefined; ++i)
    reg(*m->codeTable(d->functionsOffset, d->numDefined, i), jit::CodeKind::WasmFunction, mod.numImportedFuncs + i);
  for (uint32_t t = 0; t < d->numTypes; ++t) {
    reg(*m->codeTable(d->entriesOffset, d->numTypes, t), jit::CodeKind::Entry, 0);
    reg(*m->codeTable(d->hostsOffset, d->numTypes, t), jit::CodeKind::Trampoline, 0);
  }
  return m;
}

AotModule::~AotModule() {
  for (uint32_t h : handles_) jit::CodeRegistry::global().remove(h);
  if (handle_) dlclose(handle_);
}

const AotCode* AotModule::codeTable(uint64_t offset, uint32_t n, uint32_t i) const {
  return i < n ? reinterpret_cast<const AotCode*>(at(desc_, offset)) + i : nullptr;
}

const void* AotModule::functionCode(uint32_t definedIndex) const {
  const AotCode* c = codeTable(desc_->functionsOffset, desc_->numDefined, definedIndex);
  return c ? c->code : nullptr;
}

const void* AotModule::trampoline(uint32_t typeIndex, bool entry) const {
  const AotCode* c = codeTable(entry ? desc_->entriesOffset : desc_->hostsOffset, desc_->numTypes, typeIndex);
  return c ? c->code : nullptr;
}

const AotModule* AotLibrary::find(const wasm::ValidatedModule& vm) const {
  for (const auto& m : modules_)
    if (m->validated().get() == &vm) return m.get();
  return nullptr;
}

const void* AotLibrary::code(const wasm::ValidatedModule& vm, uint32_t definedIndex) const {
  const AotModule* m = find(vm);
  return m ? m->functionCode(definedIndex) : nullptr;
}

const void* AotLibrary::trampoline(const FuncType& type, bool entry) const {
  for (const auto& m : modules_) {
    const wasm::Module& mod = m->validated()->module();
    for (uint32_t t = 0; t < mod.types.size(); ++t)
      if (mod.types[t] == type)
        if (const void* p = m->trampoline(t, entry)) return p;
  }
  return nullptr;
}

void AotLibrary::install(EngineOptions& opts, std::shared_ptr<AotLibrary> lib) {
  opts.aotCode = [lib](const wasm::ValidatedModule& vm, uint32_t d) { return lib->code(vm, d); };
  opts.aotTrampoline = [lib](const FuncType& t, bool entry) { return lib->trampoline(t, entry); };
}

}  // namespace wasmc::rt::aot
