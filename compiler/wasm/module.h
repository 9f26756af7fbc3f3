// compiler/wasm/module.h — a decoded Wasm module: sections as plain data, function bodies as byte
// ranges into the module's own copy of the input. Produced by decode(); checked by validate().
// Invariant: every index space lists imports first, then the module's own definitions.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/diag.h"
#include "wasm/types.h"

namespace wasmc::wasm {

// A byte range [begin, end) into Module::bytes.
struct ByteRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
};

// A Wasm 2.0 constant expression: exactly one producing instruction followed by `end`.
struct ConstExpr {
  enum class Kind : uint8_t { I32, I64, F32, F64, V128, RefNull, RefFunc, GlobalGet };
  Kind kind = Kind::I32;
  ValType type = ValType::I32;  // the value type it produces (for RefNull: the ref type)
  uint64_t bits = 0;            // I32/I64/F32/F64 raw bits (f32 in low 32 bits)
  V128 v128{};
  uint32_t index = 0;           // RefFunc function index / GlobalGet global index
  uint32_t offset = 0;          // byte offset of the expression (for diagnostics)
};

struct Import {
  std::string module;
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t funcType = 0;   // kind == Func: type index
  TableType table;         // kind == Table
  MemoryType memory;       // kind == Memory
  GlobalType global;       // kind == Global
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;
};

struct LocalDecl {
  uint32_t count = 0;
  ValType type = ValType::I32;
};

struct Function {
  uint32_t typeIndex = 0;
  std::vector<LocalDecl> locals;  // compressed local declarations (not including params)
  uint32_t numLocals = 0;         // total non-parameter locals
  ByteRange body;                 // the instruction sequence, after the locals, through the final `end`
  uint32_t bodyOffset = 0;        // offset of the body entry (its size field) in the file
};

struct Global {
  GlobalType type;
  ConstExpr init;
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

struct ElemSegment {
  SegmentMode mode = SegmentMode::Active;
  uint32_t table = 0;
  ConstExpr offset;              // Active only
  ValType elemType = ValType::FuncRef;
  std::vector<ConstExpr> items;  // each RefFunc / RefNull / GlobalGet
};

struct DataSegment {
  SegmentMode mode = SegmentMode::Active;
  uint32_t memory = 0;
  ConstExpr offset;  // Active only
  ByteRange bytes;
};

struct CustomSection {
  std::string name;
  ByteRange bytes;  // payload after the name
};

struct Module {
  std::vector<uint8_t> bytes;  // the whole input; ByteRanges point here

  std::vector<FuncType> types;
  std::vector<Import> imports;
  std::vector<Function> functions;     // defined functions only (index = funcIndex - numImportedFuncs)
  std::vector<TableType> tables;       // defined tables
  std::vector<MemoryType> memories;    // defined memories
  std::vector<Global> globals;         // defined globals
  std::vector<Export> exports;
  std::optional<uint32_t> start;
  std::vector<ElemSegment> elems;
  std::vector<DataSegment> datas;
  std::optional<uint32_t> dataCount;
  std::vector<CustomSection> customs;

  // From the "name" custom section (when present and well-formed).
  std::string moduleName;
  std::map<uint32_t, std::string> funcNames;

  // The first constant expression that decoded but is not exactly one constant operator: a validation
  // error in the spec ("constant expression required" / "type mismatch"), so decode() records it here
  // (ConstExpr cannot hold the sequence) and validate() reports it.
  std::optional<Error> constExprError;

  // Counts of imports per kind (filled by the decoder).
  uint32_t numImportedFuncs = 0;
  uint32_t numImportedTables = 0;
  uint32_t numImportedMemories = 0;
  uint32_t numImportedGlobals = 0;
  // Positions in `imports` of the imports of each ExternKind, in order (filled by the decoder), so the
  // index-space accessors below are O(1).
  std::vector<uint32_t> importsOfKind[4];

  uint32_t numFuncs() const { return numImportedFuncs + uint32_t(functions.size()); }
  uint32_t numTables() const { return numImportedTables + uint32_t(tables.size()); }
  uint32_t numMemories() const { return numImportedMemories + uint32_t(memories.size()); }
  uint32_t numGlobals() const { return numImportedGlobals + uint32_t(globals.size()); }

  // Type of function `funcIndex` in the full index space (imports first).
  const FuncType& funcType(uint32_t funcIndex) const;
  uint32_t funcTypeIndex(uint32_t funcIndex) const;
  TableType tableType(uint32_t tableIndex) const;
  MemoryType memoryType(uint32_t memIndex) const;
  GlobalType globalType(uint32_t globalIndex) const;
  // The name-section name of a function, or "" when absent.
  std::string funcName(uint32_t funcIndex) const;
};

}  // namespace wasmc::wasm
