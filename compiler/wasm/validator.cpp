// compiler/wasm/validator.cpp — Wasm 2.0 validation: module-level rules, constant expressions, and the
// spec's operand-stack/control-stack algorithm for bodies (read through InstrReader), in the spec
// interpreter's wording. Iterative only; the stacks are vectors bounded by the body size.
// Invariant: a ValidatedModule is built only after every rule passed; facts_ has one entry per body.
#include "wasm/validator.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>

#include "support/leb128.h"
#include "wasm/opcodes.h"
#include "wasm/walker.h"

namespace wasmc::wasm {

namespace {

std::string withIndex(const char* what, uint32_t idx) { return std::string(what) + " " + std::to_string(idx); }

// Operand types on the validation stack: ValType encodings, or kUnknown (the bottom type of the
// polymorphic stack after unreachable code).
using VT = uint8_t;
constexpr VT kUnknown = 0;
VT vt(ValType t) { return static_cast<VT>(t); }
bool isRef(VT t) { return t == vt(ValType::FuncRef) || t == vt(ValType::ExternRef); }

// One ValType per encoding value, so a single-value block type can point at stable storage.
constexpr ValType kSingle[] = {ValType::I32, ValType::I64, ValType::F32, ValType::F64,
                               ValType::V128, ValType::FuncRef, ValType::ExternRef};
const ValType* singleType(ValType t) {
  for (const ValType& s : kSingle)
    if (s == t) return &s;
  return &kSingle[0];
}

struct TypeList {
  const ValType* data = nullptr;
  uint32_t size = 0;
};
TypeList listOf(const std::vector<ValType>& v) { return {v.data(), uint32_t(v.size())}; }

struct Ctrl {
  Opcode op;  // Block, Loop, If, Else (an if after its else), or Nop for the function body
  TypeList params, results;
  uint32_t height;
  bool unreachable;
};

// Module-wide facts the body validator looks up: index spaces flattened once.
struct ModuleCtx {
  const Module& m;
  std::vector<uint32_t> funcTypes;  // type index per function (imports first)
  std::vector<TableType> tables;
  std::vector<GlobalType> globals;
  uint32_t numMemories = 0;
  std::vector<bool> declaredRefs;  // functions that ref.func may name inside bodies

  explicit ModuleCtx(const Module& mod) : m(mod) {
    for (const Import& im : m.imports) {
      switch (im.kind) {
        case ExternKind::Func: funcTypes.push_back(im.funcType); break;
        case ExternKind::Table: tables.push_back(im.table); break;
        case ExternKind::Memory: ++numMemories; break;
        case ExternKind::Global: globals.push_back(im.global); break;
      }
    }
    for (const Function& f : m.functions) funcTypes.push_back(f.typeIndex);
    for (const TableType& t : m.tables) tables.push_back(t);
    numMemories += uint32_t(m.memories.size());
    for (const Global& g : m.globals) globals.push_back(g.type);
    declaredRefs.assign(funcTypes.size(), false);
  }
  uint32_t numFuncs() const { return uint32_t(funcTypes.size()); }
  const FuncType& funcType(uint32_t f) const { return m.types[funcTypes[f]]; }
};

// Locals of one function: parameters, then the compressed declarations (looked up by prefix sums, so
// a function declaring 2^32-1 locals costs nothing).
class Locals {
 public:
  Locals(const FuncType& ft, const Function& f) : params_(ft.params) {
    uint64_t end = params_.size();
    for (const LocalDecl& d : f.locals) {
      if (d.count == 0) continue;
      end += d.count;
      ends_.push_back(end);
      types_.push_back(d.type);
    }
    total_ = end;
  }
  bool get(uint32_t idx, ValType& t) const {
    if (idx >= total_) return false;
    if (idx < params_.size()) {
      t = params_[idx];
      return true;
    }
    size_t i = size_t(std::upper_bound(ends_.begin(), ends_.end(), uint64_t(idx)) - ends_.begin());
    t = types_[i];
    return true;
  }

 private:
  const std::vector<ValType>& params_;
  std::vector<uint64_t> ends_;
  std::vector<ValType> types_;
  uint64_t total_ = 0;
};

unsigned laneCount(const OpcodeInfo& info) {
  std::string_view t = info.text;
  if (info.imm == ImmKind::MemLane) return 16u >> info.alignLog2;
  if (t.substr(0, 5) == "i8x16") return 16;
  if (t.substr(0, 5) == "i16x8") return 8;
  if (t.substr(0, 5) == "i32x4" || t.substr(0, 5) == "f32x4") return 4;
  return 2;
}

class FuncValidator {
 public:
  FuncValidator(const ModuleCtx& cx, const Function& f, const FuncType& ft)
      : cx_(cx), m_(cx.m), f_(f), ft_(ft), locals_(ft, f) {}

  Status run(FunctionFacts& facts) {
    InstrReader ir(m_, f_.body);
    ctrls_.push_back(Ctrl{Opcode::Nop, TypeList{}, listOf(ft_.results), 0, false});
    Instr in;
    while (!ctrls_.empty()) {
      if (Status st = ir.next(in); !st) return st;
      at_ = in.offset;
      if (!step(in)) return std::move(*err_);
    }
    if (!ir.atEnd()) return Error::at(ir.position(), "section size mismatch");
    facts = facts_;
    return {};
  }

 private:
  const ModuleCtx& cx_;
  const Module& m_;
  const Function& f_;
  const FuncType& ft_;
  Locals locals_;
  std::vector<VT> vals_;
  std::vector<Ctrl> ctrls_;
  std::vector<VT> scratch_;
  FunctionFacts facts_;
  uint32_t at_ = 0;
  std::optional<Error> err_;

  bool fail(std::string msg) {
    err_ = Error::at(at_, std::move(msg));
    return false;
  }
  void push(VT t) {
    vals_.push_back(t);
    if (vals_.size() > facts_.maxStackHeight) facts_.maxStackHeight = uint32_t(vals_.size());
  }
  void push(ValType t) { push(vt(t)); }
  bool pop(VT& out) {
    const Ctrl& c = ctrls_.back();
    if (vals_.size() == c.height) {
      if (!c.unreachable) return fail("type mismatch");
      out = kUnknown;
      return true;
    }
    out = vals_.back();
    vals_.pop_back();
    return true;
  }
  bool pop(ValType expect) {
    VT got = kUnknown;
    if (!pop(got)) return false;
    if (got != vt(expect) && got != kUnknown) return fail("type mismatch");
    return true;
  }
  bool popList(TypeList l) {
    for (uint32_t i = l.size; i-- > 0;)
      if (!pop(l.data[i])) return false;
    return true;
  }
  void pushList(TypeList l) {
    for (uint32_t i = 0; i < l.size; ++i) push(l.data[i]);
  }
  void setUnreachable() {
    vals_.resize(ctrls_.back().height);
    ctrls_.back().unreachable = true;
  }
  static TypeList labelTypes(const Ctrl& c) { return c.op == Opcode::Loop ? c.params : c.results; }
  bool label(uint32_t depth, const Ctrl*& out) {
    if (depth >= ctrls_.size()) return fail(withIndex("unknown label", depth));
    out = &ctrls_[ctrls_.size() - 1 - depth];
    return true;
  }
  bool blockSig(const BlockType& bt, TypeList& params, TypeList& results) {
    switch (bt.kind) {
      case BlockType::Kind::Empty: params = results = TypeList{}; return true;
      case BlockType::Kind::Value:
        params = TypeList{};
        results = TypeList{singleType(bt.valType), 1};
        return true;
      case BlockType::Kind::TypeIndex:
        if (bt.typeIndex >= m_.types.size()) return fail(withIndex("unknown type", bt.typeIndex));
        params = listOf(m_.types[bt.typeIndex].params);
        results = listOf(m_.types[bt.typeIndex].results);
        return true;
    }
    return fail("malformed block type");
  }
  bool needMemory(uint32_t idx) {
    if (idx >= cx_.numMemories) return fail(withIndex("unknown memory", idx));
    return true;
  }
  bool needTable(uint32_t idx) {
    if (idx >= cx_.tables.size()) return fail(withIndex("unknown table", idx));
    return true;
  }
  bool needFunc(uint32_t idx) {
    if (idx >= cx_.numFuncs()) return fail(withIndex("unknown function", idx));
    return true;
  }
  bool needGlobal(uint32_t idx) {
    if (idx >= cx_.globals.size()) return fail(withIndex("unknown global", idx));
    return true;
  }
  bool needData(uint32_t idx) {
    if (idx >= m_.dataCount.value_or(0)) return fail(withIndex("unknown data segment", idx));
    return true;
  }
  bool needElem(uint32_t idx) {
    if (idx >= m_.elems.size()) return fail(withIndex("unknown elem segment", idx));
    return true;
  }

  bool step(const Instr& in);
  bool immediates(const Instr& in, const OpcodeInfo& info);
  bool special(const Instr& in);
};

// Checks the index/alignment/lane immediates of operators whose typing is their signature.
bool FuncValidator::immediates(const Instr& in, const OpcodeInfo& info) {
  switch (info.imm) {
    case ImmKind::MemArg:
    case ImmKind::MemLane:
      if (!needMemory(in.mem.memIndex)) return false;
      if (in.mem.alignLog2 > info.alignLog2) return fail("alignment must not be larger than natural");
      if (info.imm == ImmKind::MemLane && in.lane >= laneCount(info)) return fail("invalid lane index");
      return true;
    case ImmKind::Lane:
      if (in.lane >= laneCount(info)) return fail("invalid lane index");
      return true;
    case ImmKind::Shuffle:
      for (uint8_t b : in.v128.bytes)
        if (b >= 32) return fail("invalid lane index");
      return true;
    case ImmKind::MemIdx:
    case ImmKind::MemoryCopy:
      return needMemory(0);
    case ImmKind::MemoryInit:
      return needMemory(in.idx1) && needData(in.idx0);
    case ImmKind::TableIdx:
      return needTable(in.idx0);
    case ImmKind::TableInit:
      if (!needTable(in.idx1) || !needElem(in.idx0)) return false;
      if (cx_.tables[in.idx1].elemType != m_.elems[in.idx0].elemType) return fail("type mismatch");
      return true;
    case ImmKind::TableCopy:
      if (!needTable(in.idx0) || !needTable(in.idx1)) return false;
      if (cx_.tables[in.idx0].elemType != cx_.tables[in.idx1].elemType) return fail("type mismatch");
      return true;
    case ImmKind::None:
    case ImmKind::I32:
    case ImmKind::I64:
    case ImmKind::F32:
    case ImmKind::F64:
    case ImmKind::V128:
      return true;
    case ImmKind::BlockType:
    case ImmKind::Label:
    case ImmKind::BrTable:
    case ImmKind::FuncIdx:
    case ImmKind::CallIndirect:
    case ImmKind::SelectT:
    case ImmKind::LocalIdx:
    case ImmKind::GlobalIdx:
    case ImmKind::HeapType:
    case ImmKind::DataIdx:
    case ImmKind::ElemIdx:
      return fail(std::string("internal: operator with a fixed signature has immediate of ") + info.text);
  }
  return true;
}

bool FuncValidator::step(const Instr& in) {
  const OpcodeInfo& info = opcodeInfo(in.op);
  if (info.sig == Sig::X) return special(in);
  if (!immediates(in, info)) return false;
  const SigInfo& sig = sigInfo(info.sig);
  for (unsigned i = sig.numParams; i-- > 0;)
    if (!pop(sig.params[i])) return false;
  if (sig.numResults) push(sig.result);
  return true;
}

// Operators typed by name (Sig X in opcodes.def): control, parametric, variables, references, tables.
bool FuncValidator::special(const Instr& in) {
  const Opcode op = in.op;
  VT t1 = kUnknown, t2 = kUnknown;
  if (op == Opcode::Unreachable) {
    setUnreachable();
  } else if (op == Opcode::Nop) {
  } else if (op == Opcode::Block || op == Opcode::Loop || op == Opcode::If) {
    TypeList params, results;
    if (!blockSig(in.blockType, params, results)) return false;
    if (op == Opcode::If && !pop(ValType::I32)) return false;
    if (!popList(params)) return false;
    ctrls_.push_back(Ctrl{op, params, results, uint32_t(vals_.size()), false});
    if (ctrls_.size() - 1 > facts_.maxControlDepth) facts_.maxControlDepth = uint32_t(ctrls_.size() - 1);
    pushList(params);
  } else if (op == Opcode::Else) {
    Ctrl& c = ctrls_.back();
    if (c.op != Opcode::If) return fail("else without matching if");
    if (!popList(c.results)) return false;
    if (vals_.size() != c.height) return fail("type mismatch");
    c.op = Opcode::Else;
    c.unreachable = false;
    pushList(c.params);
  } else if (op == Opcode::End) {
    Ctrl c = ctrls_.back();
    if (!popList(c.results)) return false;
    if (vals_.size() != c.height) return fail("type mismatch");
    if (c.op == Opcode::If) {  // an if without else behaves as if its else passed the params through
      if (c.params.size != c.results.size ||
          !std::equal(c.params.data, c.params.data + c.params.size, c.results.data))
        return fail("type mismatch");
    }
    ctrls_.pop_back();
    if (!ctrls_.empty()) pushList(c.results);
  } else if (op == Opcode::Br) {
    const Ctrl* l = nullptr;
    if (!label(in.idx0, l) || !popList(labelTypes(*l))) return false;
    setUnreachable();
  } else if (op == Opcode::BrIf) {
    const Ctrl* l = nullptr;
    if (!label(in.idx0, l) || !pop(ValType::I32) || !popList(labelTypes(*l))) return false;
    pushList(labelTypes(*l));
  } else if (op == Opcode::BrTable) {
    if (!pop(ValType::I32)) return false;
    const Ctrl* def = nullptr;
    if (!label(in.brTable.back(), def)) return false;
    const uint32_t arity = labelTypes(*def).size;
    for (size_t i = 0; i + 1 < in.brTable.size(); ++i) {
      const Ctrl* l = nullptr;
      if (!label(in.brTable[i], l)) return false;
      TypeList lt = labelTypes(*l);
      if (lt.size != arity) return fail("type mismatch");
      // Pop the label's types and push back what was actually there (keeps unknowns unknown).
      scratch_.assign(lt.size, kUnknown);
      for (uint32_t k = lt.size; k-- > 0;) {
        VT got = kUnknown;
        if (!pop(got)) return false;
        if (got != vt(lt.data[k]) && got != kUnknown) return fail("type mismatch");
        scratch_[k] = got;
      }
      for (VT v : scratch_) push(v);
    }
    if (!popList(labelTypes(*def))) return false;
    setUnreachable();
  } else if (op == Opcode::Return) {
    if (!popList(listOf(ft_.results))) return false;
    setUnreachable();
  } else if (op == Opcode::Call) {
    if (!needFunc(in.idx0)) return false;
    const FuncType& ft = cx_.funcType(in.idx0);
    if (!popList(listOf(ft.params))) return false;
    pushList(listOf(ft.results));
  } else if (op == Opcode::CallIndirect) {
    if (!needTable(in.idx1)) return false;
    if (cx_.tables[in.idx1].elemType != ValType::FuncRef) return fail("type mismatch");
    if (in.idx0 >= m_.types.size()) return fail(withIndex("unknown type", in.idx0));
    const FuncType& ft = m_.types[in.idx0];
    if (!pop(ValType::I32) || !popList(listOf(ft.params))) return false;
    pushList(listOf(ft.results));
  } else if (op == Opcode::Drop) {
    if (!pop(t1)) return false;
  } else if (op == Opcode::Select) {
    if (!pop(ValType::I32) || !pop(t1) || !pop(t2)) return false;
    if (isRef(t1) || isRef(t2)) return fail("type mismatch");
    if (t1 != t2 && t1 != kUnknown && t2 != kUnknown) return fail("type mismatch");
    push(t1 == kUnknown ? t2 : t1);
  } else if (op == Opcode::SelectT) {
    if (in.idx0 != 1) return fail("invalid result arity");
    if (!pop(ValType::I32) || !pop(in.type) || !pop(in.type)) return false;
    push(in.type);
  } else if (op == Opcode::LocalGet || op == Opcode::LocalSet || op == Opcode::LocalTee) {
    ValType t;
    if (!locals_.get(in.idx0, t)) return fail(withIndex("unknown local", in.idx0));
    if (op == Opcode::LocalGet) {
      push(t);
    } else {
      if (!pop(t)) return false;
      if (op == Opcode::LocalTee) push(t);
    }
  } else if (op == Opcode::GlobalGet) {
    if (!needGlobal(in.idx0)) return false;
    push(cx_.globals[in.idx0].type);
  } else if (op == Opcode::GlobalSet) {
    if (!needGlobal(in.idx0)) return false;
    if (!cx_.globals[in.idx0].mutable_) return fail("global is immutable");
    if (!pop(cx_.globals[in.idx0].type)) return false;
  } else if (op == Opcode::TableGet) {
    if (!needTable(in.idx0) || !pop(ValType::I32)) return false;
    push(cx_.tables[in.idx0].elemType);
  } else if (op == Opcode::TableSet) {
    if (!needTable(in.idx0) || !pop(cx_.tables[in.idx0].elemType) || !pop(ValType::I32)) return false;
  } else if (op == Opcode::TableGrow) {
    if (!needTable(in.idx0) || !pop(ValType::I32) || !pop(cx_.tables[in.idx0].elemType)) return false;
    push(ValType::I32);
  } else if (op == Opcode::TableFill) {
    if (!needTable(in.idx0) || !pop(ValType::I32) || !pop(cx_.tables[in.idx0].elemType) ||
        !pop(ValType::I32))
      return false;
  } else if (op == Opcode::RefNull) {
    push(in.type);
  } else if (op == Opcode::RefIsNull) {
    if (!pop(t1)) return false;
    if (t1 != kUnknown && !isRef(t1)) return fail("type mismatch");
    push(ValType::I32);
  } else if (op == Opcode::RefFunc) {
    if (!needFunc(in.idx0)) return false;
    if (!cx_.declaredRefs[in.idx0]) return fail("undeclared function reference");
    push(ValType::FuncRef);
  } else if (op == Opcode::DataDrop) {
    if (!needData(in.idx0)) return false;
  } else if (op == Opcode::ElemDrop) {
    if (!needElem(in.idx0)) return false;
  } else {
    return fail(std::string("internal: no typing rule for ") + opcodeName(op));
  }
  return true;
}

// ---- module level ---------------------------------------------------------------------------------

Error at(const ConstExpr& e, const char* msg) { return Error::at(e.offset, msg); }

// A Wasm 2.0 constant expression of type `expect`; global.get may name imported immutable globals only.
Status checkConst(const ModuleCtx& cx, const ConstExpr& e, ValType expect) {
  ValType t = e.type;
  switch (e.kind) {
    case ConstExpr::Kind::I32:
    case ConstExpr::Kind::I64:
    case ConstExpr::Kind::F32:
    case ConstExpr::Kind::F64:
    case ConstExpr::Kind::V128:
    case ConstExpr::Kind::RefNull:
      break;
    case ConstExpr::Kind::RefFunc:
      if (e.index >= cx.numFuncs()) return Error::at(e.offset, withIndex("unknown function", e.index));
      t = ValType::FuncRef;
      break;
    case ConstExpr::Kind::GlobalGet:
      if (e.index >= cx.m.numImportedGlobals) return Error::at(e.offset, withIndex("unknown global", e.index));
      if (cx.globals[e.index].mutable_) return at(e, "constant expression required");
      t = cx.globals[e.index].type;
      break;
  }
  if (t != expect) return at(e, "type mismatch");
  return {};
}

// Module-level entries (imports, tables, memories, exports, start) keep no offsets in Module; on an
// error path the offset of entry `index` of section `id` is found by re-reading the section headers.
bool skipName(ByteReader& s) {
  uint32_t n;
  return s.u32(n).ok() && s.skip(n).ok();
}
bool skipLimits(ByteReader& s) {
  uint8_t flags;
  uint32_t v;
  if (!s.u8(flags).ok() || !s.u32(v).ok()) return false;
  return flags != 1 || s.u32(v).ok();
}
bool skipEntry(ByteReader& s, uint8_t id) {
  uint8_t b;
  uint32_t v;
  switch (id) {
    case 2:
      if (!skipName(s) || !skipName(s) || !s.u8(b).ok()) return false;
      if (b == 0) return s.u32(v).ok();
      if (b == 1) return s.u8(b).ok() && skipLimits(s);
      if (b == 2) return skipLimits(s);
      return s.skip(2).ok();
    case 3: return s.u32(v).ok();
    case 4: return s.u8(b).ok() && skipLimits(s);
    case 5: return skipLimits(s);
    case 7: return skipName(s) && s.u8(b).ok() && s.u32(v).ok();
    default: return false;
  }
}
uint32_t entryOffset(const Module& m, uint8_t id, uint32_t index) {
  ByteReader r(m.bytes.data(), 8, uint32_t(m.bytes.size()));
  while (!r.atEnd()) {
    uint8_t sid;
    uint32_t size;
    if (!r.u8(sid).ok() || !r.u32(size).ok() || size > r.remaining()) return 0;
    ByteReader s(m.bytes.data(), r.pos(), r.pos() + size);
    r.seek(r.pos() + size);
    if (sid != id) continue;
    if (id == 8) return s.pos();  // the start section's only entry
    uint32_t count;
    if (!s.u32(count).ok()) return s.pos();
    for (uint32_t i = 0; i < index; ++i)
      if (!skipEntry(s, id)) break;
    return s.pos();
  }
  return 0;
}
Error atEntry(const Module& m, uint8_t id, uint32_t index, std::string msg) {
  return Error::at(entryOffset(m, id, index), std::move(msg));
}

const char* checkLimits(const Limits& l, uint64_t bound, const char* boundMsg) {
  if (l.min > bound) return boundMsg;
  if (l.max && *l.max > bound) return boundMsg;
  if (l.max && l.min > *l.max) return "size minimum must not be greater than maximum";
  return nullptr;
}

void markRefs(ModuleCtx& cx, const ConstExpr& e) {
  if (e.kind == ConstExpr::Kind::RefFunc && e.index < cx.numFuncs()) cx.declaredRefs[e.index] = true;
}

}  // namespace

Expected<ValidatedModule> validate(std::shared_ptr<const Module> module) {
  if (!module) return Error::plain("no module");
  const Module& m = *module;
  if (m.constExprError) return *m.constExprError;
  ModuleCtx cx(m);
  constexpr const char* kMemBound = "memory size must be at most 65536 pages (4GiB)";
  constexpr uint64_t kTableBound = 0xFFFFFFFFull;
  constexpr const char* kTableBoundMsg = "table size must be at most 2^32-1";

  uint32_t memoriesSeen = 0;
  for (uint32_t i = 0; i < m.imports.size(); ++i) {
    const Import& im = m.imports[i];
    const char* bad = nullptr;
    switch (im.kind) {
      case ExternKind::Func:
        if (im.funcType >= m.types.size()) return atEntry(m, 2, i, withIndex("unknown type", im.funcType));
        break;
      case ExternKind::Table:
        bad = checkLimits(im.table.limits, kTableBound, kTableBoundMsg);
        break;
      case ExternKind::Memory:
        bad = checkLimits(im.memory.limits, kMaxPages32, kMemBound);
        if (!bad && ++memoriesSeen > 1) bad = "multiple memories";
        break;
      case ExternKind::Global:
        break;
    }
    if (bad) return atEntry(m, 2, i, bad);
  }
  for (uint32_t i = 0; i < m.functions.size(); ++i)
    if (m.functions[i].typeIndex >= m.types.size())
      return atEntry(m, 3, i, withIndex("unknown type", m.functions[i].typeIndex));
  for (uint32_t i = 0; i < m.tables.size(); ++i)
    if (const char* bad = checkLimits(m.tables[i].limits, kTableBound, kTableBoundMsg)) return atEntry(m, 4, i, bad);
  for (uint32_t i = 0; i < m.memories.size(); ++i) {
    if (const char* bad = checkLimits(m.memories[i].limits, kMaxPages32, kMemBound)) return atEntry(m, 5, i, bad);
    if (++memoriesSeen > 1) return atEntry(m, 5, i, "multiple memories");
  }

  // Functions referenced outside bodies are "declared" for ref.func inside bodies.
  for (const Global& g : m.globals) markRefs(cx, g.init);
  for (const ElemSegment& seg : m.elems)
    for (const ConstExpr& e : seg.items) markRefs(cx, e);
  for (const Export& e : m.exports)
    if (e.kind == ExternKind::Func && e.index < cx.numFuncs()) cx.declaredRefs[e.index] = true;

  for (const Global& g : m.globals)
    if (Status st = checkConst(cx, g.init, g.type.type); !st) return st.takeError();

  for (const ElemSegment& seg : m.elems) {
    if (seg.mode == SegmentMode::Active) {
      if (seg.table >= cx.tables.size())
        return Error::at(seg.offset.offset, withIndex("unknown table", seg.table));
      if (Status st = checkConst(cx, seg.offset, ValType::I32); !st) return st.takeError();
      if (cx.tables[seg.table].elemType != seg.elemType) return at(seg.offset, "type mismatch");
    }
    for (const ConstExpr& e : seg.items)
      if (Status st = checkConst(cx, e, seg.elemType); !st) return st.takeError();
  }

  for (const DataSegment& d : m.datas) {
    if (d.mode != SegmentMode::Active) continue;
    if (d.memory >= cx.numMemories) return Error::at(d.offset.offset, withIndex("unknown memory", d.memory));
    if (Status st = checkConst(cx, d.offset, ValType::I32); !st) return st.takeError();
  }

  ValidatedModule vm;
  vm.facts_.resize(m.functions.size());
  for (size_t i = 0; i < m.functions.size(); ++i) {
    const Function& f = m.functions[i];
    FuncValidator fv(cx, f, m.types[f.typeIndex]);
    if (Status st = fv.run(vm.facts_[i]); !st) return st.takeError();
  }

  if (m.start) {
    if (*m.start >= cx.numFuncs()) return atEntry(m, 8, 0, withIndex("unknown function", *m.start));
    const FuncType& ft = cx.funcType(*m.start);
    if (!ft.params.empty() || !ft.results.empty()) return atEntry(m, 8, 0, "start function");
  }

  std::unordered_set<std::string_view> names;
  for (uint32_t i = 0; i < m.exports.size(); ++i) {
    const Export& e = m.exports[i];
    const char* unknown = nullptr;
    switch (e.kind) {
      case ExternKind::Func:
        if (e.index >= cx.numFuncs()) unknown = "unknown function";
        break;
      case ExternKind::Table:
        if (e.index >= cx.tables.size()) unknown = "unknown table";
        break;
      case ExternKind::Memory:
        if (e.index >= cx.numMemories) unknown = "unknown memory";
        break;
      case ExternKind::Global:
        if (e.index >= cx.globals.size()) unknown = "unknown global";
        break;
    }
    if (unknown) return atEntry(m, 7, i, withIndex(unknown, e.index));
    if (!names.insert(e.name).second) return atEntry(m, 7, i, "duplicate export name");
  }

  vm.module_ = std::move(module);
  return vm;
}

}  // namespace wasmc::wasm
