// runtime/core/linker.cpp — import resolution by (module, name); later definitions shadow earlier ones.
#include "runtime/core/runtime.h"

namespace wasmc::rt {

void Linker::define(std::string module, std::string name, Extern ext) {
  entries_.push_back(Entry{std::move(module), std::move(name), ext});
}

void Linker::defineInstance(const std::string& moduleName, const Instance& inst) {
  for (const auto& e : inst.module().exports)
    if (auto ext = inst.getExport(e.name)) define(moduleName, e.name, *ext);
}

std::optional<Extern> Linker::lookup(std::string_view module, std::string_view name) const {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
    if (it->module == module && it->name == name) return it->ext;
  return std::nullopt;
}

}  // namespace wasmc::rt
