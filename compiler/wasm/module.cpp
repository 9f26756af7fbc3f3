// compiler/wasm/module.cpp — Module's index-space accessors (imports first, then definitions).
// Precondition for every accessor: the index is in range (validate() guarantees it for validated code);
// the type-index lookups assume type indices were checked against Module::types.
#include <cassert>

#include "wasm/module.h"

namespace wasmc::wasm {

namespace {
// The `n`-th import of kind `k`, or nullptr.
const Import* nthImport(const Module& m, ExternKind k, uint32_t n) {
  const auto& positions = m.importsOfKind[static_cast<uint8_t>(k)];
  return n < positions.size() ? &m.imports[positions[n]] : nullptr;
}
}  // namespace

uint32_t Module::funcTypeIndex(uint32_t funcIndex) const {
  if (funcIndex < numImportedFuncs) {
    const Import* im = nthImport(*this, ExternKind::Func, funcIndex);
    assert(im);
    return im ? im->funcType : 0;
  }
  return functions[funcIndex - numImportedFuncs].typeIndex;
}

const FuncType& Module::funcType(uint32_t funcIndex) const { return types[funcTypeIndex(funcIndex)]; }

TableType Module::tableType(uint32_t tableIndex) const {
  if (tableIndex < numImportedTables) {
    const Import* im = nthImport(*this, ExternKind::Table, tableIndex);
    assert(im);
    return im ? im->table : TableType{};
  }
  return tables[tableIndex - numImportedTables];
}

MemoryType Module::memoryType(uint32_t memIndex) const {
  if (memIndex < numImportedMemories) {
    const Import* im = nthImport(*this, ExternKind::Memory, memIndex);
    assert(im);
    return im ? im->memory : MemoryType{};
  }
  return memories[memIndex - numImportedMemories];
}

GlobalType Module::globalType(uint32_t globalIndex) const {
  if (globalIndex < numImportedGlobals) {
    const Import* im = nthImport(*this, ExternKind::Global, globalIndex);
    assert(im);
    return im ? im->global : GlobalType{};
  }
  return globals[globalIndex - numImportedGlobals].type;
}

std::string Module::funcName(uint32_t funcIndex) const {
  auto it = funcNames.find(funcIndex);
  return it == funcNames.end() ? std::string() : it->second;
}

}  // namespace wasmc::wasm
