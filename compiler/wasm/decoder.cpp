// compiler/wasm/decoder.cpp — Wasm 2.0 binary → Module, with the spec interpreter's malformed messages.
// Every count and length is checked against the bytes that remain before anything is allocated; bodies
// and constant expressions are scanned with InstrReader (no recursion, so input cannot drive the depth).
// Constant-expression shape errors are validation errors in the spec: they are recorded in
// Module::constExprError for validate() to report.
#include "wasm/decoder.h"

#include <vector>

#include "support/leb128.h"
#include "wasm/opcodes.h"
#include "wasm/walker.h"

namespace wasmc::wasm {

#define TRY(expr)                              \
  do {                                         \
    if (Status st_ = (expr); !st_) return st_; \
  } while (0)

namespace {

constexpr const char* kUnexpectedEnd = "unexpected end";

// Position of a (non-custom) section id in the required order; 0 for an unknown id.
int sectionRank(uint8_t id) {
  switch (id) {
    case 1: case 2: case 3: case 4: case 5: case 6: case 7: case 8: case 9: return id;
    case 12: return 10;  // data count sits between element and code
    case 10: return 11;
    case 11: return 12;
    default: return 0;
  }
}

bool validUtf8(const uint8_t* p, uint32_t n) {
  uint32_t i = 0;
  while (i < n) {
    uint8_t c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    uint32_t cp;
    uint32_t len;
    if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07, len = 4;
    } else {
      return false;
    }
    if (len > n - i) return false;
    for (uint32_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = cp << 6 | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;
    i += len;
  }
  return true;
}

bool isConstOp(Opcode op) {
  return op == Opcode::I32Const || op == Opcode::I64Const || op == Opcode::F32Const || op == Opcode::F64Const ||
         op == Opcode::V128Const || op == Opcode::RefNull || op == Opcode::RefFunc || op == Opcode::GlobalGet;
}

void fillConst(const Module& m, const Instr& in, ConstExpr& out) {
  out.bits = in.bits;
  out.index = in.idx0;
  Opcode op = in.op;
  if (op == Opcode::I32Const) {
    out.kind = ConstExpr::Kind::I32, out.type = ValType::I32;
  } else if (op == Opcode::I64Const) {
    out.kind = ConstExpr::Kind::I64, out.type = ValType::I64;
  } else if (op == Opcode::F32Const) {
    out.kind = ConstExpr::Kind::F32, out.type = ValType::F32;
  } else if (op == Opcode::F64Const) {
    out.kind = ConstExpr::Kind::F64, out.type = ValType::F64;
  } else if (op == Opcode::V128Const) {
    out.kind = ConstExpr::Kind::V128, out.type = ValType::V128, out.v128 = in.v128;
  } else if (op == Opcode::RefNull) {
    out.kind = ConstExpr::Kind::RefNull, out.type = in.type;
  } else if (op == Opcode::RefFunc) {
    out.kind = ConstExpr::Kind::RefFunc, out.type = ValType::FuncRef;
  } else if (op == Opcode::GlobalGet) {
    // Only imported globals are visible to constant expressions (validate() checks the index).
    out.kind = ConstExpr::Kind::GlobalGet;
    if (in.idx0 < m.numImportedGlobals) out.type = m.globalType(in.idx0).type;
  }
}

class Decoder {
 public:
  explicit Decoder(Module& m) : m_(m), fileSize_(uint32_t(m.bytes.size())) {}
  Status run();

 private:
  Module& m_;
  uint32_t fileSize_;
  std::optional<uint32_t> funcCount_;
  bool sawCode_ = false;
  bool sawData_ = false;
  bool usesDataCount_ = false;
  std::optional<Error> codeMismatch_;

  Status length(ByteReader& r, uint32_t& n, uint32_t minBytesEach);
  Status name(ByteReader& r, std::string& out);
  Status valType(ByteReader& r, ValType& t);
  Status refType(ByteReader& r, ValType& t);
  Status limits(ByteReader& r, Limits& l);
  Status globalType(ByteReader& r, GlobalType& g);
  Status constExpr(ByteReader& r, ConstExpr& out);
  Status funcIndexItems(ByteReader& r, ElemSegment& seg);
  Status exprItems(ByteReader& r, ElemSegment& seg);

  Status section(uint8_t id, ByteReader& r);
  Status typeSection(ByteReader& r);
  Status importSection(ByteReader& r);
  Status functionSection(ByteReader& r);
  Status tableSection(ByteReader& r);
  Status memorySection(ByteReader& r);
  Status globalSection(ByteReader& r);
  Status exportSection(ByteReader& r);
  Status startSection(ByteReader& r);
  Status elemSection(ByteReader& r);
  Status dataCountSection(ByteReader& r);
  Status codeSection(ByteReader& r);
  Status dataSection(ByteReader& r);
  Status customSection(ByteReader& r);
  Status scanBody(const Function& f);
  void nameSection(ByteRange payload);
  void defer(Error e) {
    if (!m_.constExprError) m_.constExprError = std::move(e);
  }
};

// A vector length or byte count: must fit in the file, and (at minBytesEach bytes per element) in what
// remains of the enclosing section, which bounds every allocation by the input size.
Status Decoder::length(ByteReader& r, uint32_t& n, uint32_t minBytesEach) {
  uint32_t at = r.pos();
  TRY(r.u32(n));
  if (n > fileSize_) return Error::at(at, "length out of bounds");
  if (uint64_t(n) * minBytesEach > r.remaining()) return r.endError();
  return {};
}

Status Decoder::name(ByteReader& r, std::string& out) {
  uint32_t at = r.pos();
  uint32_t n;
  TRY(length(r, n, 1));
  const uint8_t* p = r.base() + r.pos();
  if (!validUtf8(p, n)) return Error::at(at, "malformed UTF-8 encoding");
  out.assign(reinterpret_cast<const char*>(p), n);
  return r.skip(n);
}

Status Decoder::valType(ByteReader& r, ValType& t) {
  uint32_t at = r.pos();
  uint8_t b;
  TRY(r.u8(b));
  switch (b) {
    case 0x7F: case 0x7E: case 0x7D: case 0x7C: case 0x7B: case 0x70: case 0x6F:
      t = static_cast<ValType>(b);
      return {};
    default:
      return Error::at(at, (b & 0xF0) == 0x60 ? "malformed reference type" : "malformed value type");
  }
}

Status Decoder::refType(ByteReader& r, ValType& t) {
  uint32_t at = r.pos();
  uint8_t b;
  TRY(r.u8(b));
  if (b != 0x70 && b != 0x6F) return Error::at(at, "malformed reference type");
  t = static_cast<ValType>(b);
  return {};
}

Status Decoder::limits(ByteReader& r, Limits& l) {
  uint32_t at = r.pos();
  uint8_t flags;
  TRY(r.u8(flags));
  if (flags & 0x80) return Error::at(at + 1, "integer representation too long");
  if (flags > 1) return Error::at(at, "integer too large");
  uint32_t v;
  TRY(r.u32(v));
  l.min = v;
  l.max.reset();
  if (flags == 1) {
    TRY(r.u32(v));
    l.max = v;
  }
  return {};
}

Status Decoder::globalType(ByteReader& r, GlobalType& g) {
  TRY(valType(r, g.type));
  uint32_t at = r.pos();
  uint8_t mut;
  TRY(r.u8(mut));
  if (mut > 1) return Error::at(at, "malformed mutability");
  g.mutable_ = mut == 1;
  return {};
}

// expr ::= instr* 0x0B. Decodes any instruction sequence (as the spec's decoder does); a sequence that
// is not exactly one constant operator is a validation error, left for validate().
Status Decoder::constExpr(ByteReader& r, ConstExpr& out) {
  out = ConstExpr{};
  out.offset = r.pos();
  InstrReader ir(m_, ByteRange{r.pos(), r.end()});
  Instr in;
  uint32_t depth = 0, count = 0;
  std::optional<Error> problem;
  for (;;) {
    TRY(ir.next(in));
    if (in.op == Opcode::End) {
      if (depth == 0) break;
      --depth;
    } else if (in.op == Opcode::Block || in.op == Opcode::Loop || in.op == Opcode::If) {
      ++depth;
    }
    if (!isConstOp(in.op)) {
      if (!problem) problem = Error::at(in.offset, "constant expression required");
    } else if (count++ == 0) {
      fillConst(m_, in, out);
    }
  }
  r.seek(ir.position());
  if (!problem && count != 1) problem = Error::at(out.offset, "type mismatch");
  if (problem) defer(*problem);
  return {};
}

Status Decoder::run() {
  ByteReader r(m_.bytes.data(), 0, fileSize_, kUnexpectedEnd);
  uint8_t hdr[4];
  TRY(r.bytes(hdr, 4));
  if (hdr[0] != 0x00 || hdr[1] != 0x61 || hdr[2] != 0x73 || hdr[3] != 0x6D)
    return Error::at(0, "magic header not detected");
  TRY(r.bytes(hdr, 4));
  if (hdr[0] != 1 || hdr[1] != 0 || hdr[2] != 0 || hdr[3] != 0) return Error::at(4, "unknown binary version");

  int lastRank = 0;
  while (!r.atEnd()) {
    uint32_t start = r.pos();
    uint8_t id;
    TRY(r.u8(id));
    if (id > 12) return Error::at(start, "malformed section id");
    uint32_t sizeAt = r.pos();
    uint32_t size;
    TRY(r.u32(size));
    if (size > r.remaining())
      return Error::at(sizeAt, "length out of bounds");
    if (id != 0) {
      int rank = sectionRank(id);
      if (rank <= lastRank) return Error::at(start, "unexpected content after last section");
      lastRank = rank;
    }
    ByteReader s(m_.bytes.data(), r.pos(), r.pos() + size);
    TRY(section(id, s));
    if (!s.atEnd()) return Error::at(s.pos(), "section size mismatch");
    r.seek(s.end());
  }

  if (codeMismatch_) return *codeMismatch_;
  if (funcCount_.value_or(0) != 0 && !sawCode_)
    return Error::at(fileSize_, "function and code section have inconsistent lengths");
  if (m_.dataCount && *m_.dataCount != 0 && !sawData_)
    return Error::at(fileSize_, "data count and data section have inconsistent lengths");
  // Without a data section, memory.init/data.drop name no segment at all: left to validate(), which
  // reports "unknown data segment" (the text-format tests expect that for such modules).
  if (usesDataCount_ && !m_.dataCount && sawData_)
    return Error::at(fileSize_, "data count section required");
  return {};
}

Status Decoder::section(uint8_t id, ByteReader& s) {
  switch (id) {
    case 0: return customSection(s);
    case 1: return typeSection(s);
    case 2: return importSection(s);
    case 3: return functionSection(s);
    case 4: return tableSection(s);
    case 5: return memorySection(s);
    case 6: return globalSection(s);
    case 7: return exportSection(s);
    case 8: return startSection(s);
    case 9: return elemSection(s);
    case 10: return codeSection(s);
    case 11: return dataSection(s);
    case 12: return dataCountSection(s);
    default: return Error::at(s.pos(), "malformed section id");
  }
}

Status Decoder::customSection(ByteReader& s) {
  CustomSection c;
  TRY(name(s, c.name));
  c.bytes = ByteRange{s.pos(), s.end()};
  s.seek(s.end());
  if (c.name == "name") nameSection(c.bytes);
  m_.customs.push_back(std::move(c));
  return {};
}

// The "name" section is advisory: any problem in it drops the names rather than failing the module.
void Decoder::nameSection(ByteRange payload) {
  ByteReader s(m_.bytes.data(), payload.begin, payload.end);
  std::string moduleName;
  std::map<uint32_t, std::string> funcNames;
  int lastId = -1;
  while (!s.atEnd()) {
    uint8_t id;
    uint32_t size;
    if (!s.u8(id) || !s.u32(size) || size > s.remaining() || int(id) <= lastId) return;
    lastId = id;
    ByteReader sub(m_.bytes.data(), s.pos(), s.pos() + size);
    s.seek(s.pos() + size);
    if (id == 0) {
      if (!name(sub, moduleName) || !sub.atEnd()) return;
    } else if (id == 1) {
      uint32_t n;
      if (!length(sub, n, 1)) return;
      int64_t last = -1;
      for (uint32_t i = 0; i < n; ++i) {
        uint32_t idx;
        std::string nm;
        if (!sub.u32(idx) || !name(sub, nm) || int64_t(idx) <= last) return;
        last = idx;
        funcNames.emplace(idx, std::move(nm));
      }
      if (!sub.atEnd()) return;
    }
  }
  m_.moduleName = std::move(moduleName);
  m_.funcNames = std::move(funcNames);
}

Status Decoder::typeSection(ByteReader& s) {
  uint32_t n;
  TRY(length(s, n, 1));
  m_.types.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t at = s.pos();
    uint8_t form;
    TRY(s.u8(form));
    if (form & 0x80) return Error::at(at + 1, "integer representation too long");  // s7 encoding
    if (form != 0x60) return Error::at(at, "malformed function type");
    FuncType ft;
    uint32_t np, nr;
    TRY(length(s, np, 1));
    ft.params.resize(np);
    for (auto& t : ft.params) TRY(valType(s, t));
    TRY(length(s, nr, 1));
    ft.results.resize(nr);
    for (auto& t : ft.results) TRY(valType(s, t));
    m_.types.push_back(std::move(ft));
  }
  return {};
}

Status Decoder::importSection(ByteReader& s) {
  uint32_t n;
  TRY(length(s, n, 1));
  m_.imports.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    Import im;
    TRY(name(s, im.module));
    TRY(name(s, im.name));
    uint32_t at = s.pos();
    uint8_t kind;
    TRY(s.u8(kind));
    switch (kind) {
      case 0:
        im.kind = ExternKind::Func;
        TRY(s.u32(im.funcType));
        ++m_.numImportedFuncs;
        break;
      case 1:
        im.kind = ExternKind::Table;
        TRY(refType(s, im.table.elemType));
        TRY(limits(s, im.table.limits));
        ++m_.numImportedTables;
        break;
      case 2:
        im.kind = ExternKind::Memory;
        TRY(limits(s, im.memory.limits));
        ++m_.numImportedMemories;
        break;
      case 3:
        im.kind = ExternKind::Global;
        TRY(globalType(s, im.global));
        ++m_.numImportedGlobals;
        break;
      default:
        return Error::at(at, "malformed import kind");
    }
    m_.importsOfKind[static_cast<uint8_t>(im.kind)].push_back(uint32_t(m_.imports.size()));
    m_.imports.push_back(std::move(im));
  }
  return {};
}

Status Decoder::functionSection(ByteReader& s) {
  uint32_t n;
  TRY(length(s, n, 1));
  m_.functions.resize(n);
  for (auto& f : m_.functions) TRY(s.u32(f.typeIndex));
  funcCount_ = n;
  return {};
}

Status Decoder::tableSection(ByteReader& s) {
  uint32_t n;
  TRY(length(s, n, 1));
  m_.tables.resize(n);
  for (auto& t : m_.tables) {
    TRY(refType(s, t.elemType));
    TRY(limits(s, t.limits));
  }
  return {};
}

Status Decoder::memorySection(ByteReader& s) {
  uint32_t n;
  TRY(length(s, n, 1));
  m_.memories.resize(n);
  for (auto& mem : m_.memories) TRY(limits(s, mem.limits));
  return {};
}

Status Decoder::globalSection(ByteReader& s) {
  uint32_t n;
  TRY(length(s, n, 1));
  m_.globals.resize(n);
  for (auto& g : m_.globals) {
    TRY(globalType(s, g.type));
    TRY(constExpr(s, g.init));
  }
  return {};
}

Status Decoder::exportSection(ByteReader& s) {
  uint32_t n;
  TRY(length(s, n, 1));
  m_.exports.resize(n);
  for (auto& e : m_.exports) {
    TRY(name(s, e.name));
    uint32_t at = s.pos();
    uint8_t kind;
    TRY(s.u8(kind));
    if (kind > 3) return Error::at(at, "malformed export kind");
    e.kind = static_cast<ExternKind>(kind);
    TRY(s.u32(e.index));
  }
  return {};
}

Status Decoder::startSection(ByteReader& s) {
  uint32_t f;
  TRY(s.u32(f));
  m_.start = f;
  return {};
}

Status Decoder::funcIndexItems(ByteReader& s, ElemSegment& seg) {
  uint32_t n;
  TRY(length(s, n, 1));
  seg.items.resize(n);
  for (auto& item : seg.items) {
    item.offset = s.pos();
    item.kind = ConstExpr::Kind::RefFunc;
    item.type = ValType::FuncRef;
    TRY(s.u32(item.index));
  }
  return {};
}

Status Decoder::exprItems(ByteReader& s, ElemSegment& seg) {
  uint32_t n;
  TRY(length(s, n, 1));
  seg.items.resize(n);
  for (auto& item : seg.items) TRY(constExpr(s, item));
  return {};
}

Status Decoder::elemSection(ByteReader& s) {
  uint32_t n;
  TRY(length(s, n, 1));
  m_.elems.resize(n);
  for (auto& seg : m_.elems) {
    uint32_t at = s.pos();
    uint32_t flags;
    TRY(s.u32(flags));
    if (flags > 7) return Error::at(at, "malformed elements segment kind");
    // bit 0: passive/declarative; bit 1: explicit table index (active) or declarative; bit 2: expressions.
    bool passiveOrDecl = flags & 1, explicitTable = flags & 2, exprs = flags & 4;
    seg.mode = !passiveOrDecl ? SegmentMode::Active : explicitTable ? SegmentMode::Declarative : SegmentMode::Passive;
    seg.table = 0;
    seg.elemType = ValType::FuncRef;
    if (seg.mode == SegmentMode::Active) {
      if (explicitTable) TRY(s.u32(seg.table));
      TRY(constExpr(s, seg.offset));
    }
    if (passiveOrDecl || explicitTable) {
      if (exprs) {
        TRY(refType(s, seg.elemType));
      } else {
        uint32_t kat = s.pos();
        uint8_t kind;
        TRY(s.u8(kind));
        if (kind != 0) return Error::at(kat, "malformed element kind");
      }
    }
    TRY(exprs ? exprItems(s, seg) : funcIndexItems(s, seg));
  }
  return {};
}

Status Decoder::dataCountSection(ByteReader& s) {
  uint32_t n;
  TRY(s.u32(n));
  m_.dataCount = n;
  return {};
}

Status Decoder::codeSection(ByteReader& s) {
  uint32_t at = s.pos();
  uint32_t n;
  TRY(length(s, n, 1));
  if (n != funcCount_.value_or(0)) {
    // Reported after the remaining sections, as the spec does; keep decoding the bodies that are there.
    codeMismatch_ = Error::at(at, "function and code section have inconsistent lengths");
    m_.functions.resize(n);
  }
  sawCode_ = true;
  for (auto& f : m_.functions) {
    f.bodyOffset = s.pos();
    uint32_t size;
    TRY(length(s, size, 1));
    ByteReader b(m_.bytes.data(), s.pos(), s.pos() + size);
    uint32_t localsAt = b.pos();
    uint32_t groups;
    TRY(length(b, groups, 1));
    f.locals.resize(groups);
    uint64_t total = 0;
    for (auto& d : f.locals) {
      TRY(b.u32(d.count));
      TRY(valType(b, d.type));
      total += d.count;
    }
    if (total >= (uint64_t(1) << 32)) return Error::at(localsAt, "too many locals");
    f.numLocals = uint32_t(total);
    f.body = ByteRange{b.pos(), b.end()};
    TRY(scanBody(f));
    s.seek(b.end());
  }
  return {};
}

// Checks the block structure the binary grammar fixes (else only inside if, the final end exactly at
// the end of the body) and that every operator decodes.
Status Decoder::scanBody(const Function& f) {
  InstrReader ir(m_, f.body);
  std::vector<uint8_t> open{0};  // per open block: 1 = `if` still expecting its else, else 0
  Instr in;
  for (;;) {
    if (ir.atEnd())
      return Error::at(f.body.end, f.body.end == fileSize_ ? "unexpected end of section or function"
                                                          : "END opcode expected");
    TRY(ir.next(in));
    if (in.op == Opcode::Block || in.op == Opcode::Loop) {
      open.push_back(0);
    } else if (in.op == Opcode::If) {
      open.push_back(1);
    } else if (in.op == Opcode::Else) {
      if (open.back() != 1) return Error::at(in.offset, "END opcode expected");
      open.back() = 0;
    } else if (in.op == Opcode::End) {
      open.pop_back();
      if (open.empty()) break;
    } else if (in.op == Opcode::MemoryInit || in.op == Opcode::DataDrop) {
      usesDataCount_ = true;
    }
  }
  if (!ir.atEnd()) return Error::at(ir.position(), "section size mismatch");
  return {};
}

Status Decoder::dataSection(ByteReader& s) {
  uint32_t at = s.pos();
  uint32_t n;
  TRY(length(s, n, 1));
  if (m_.dataCount && *m_.dataCount != n)
    return Error::at(at, "data count and data section have inconsistent lengths");
  sawData_ = true;
  m_.datas.resize(n);
  for (auto& d : m_.datas) {
    uint32_t fat = s.pos();
    uint32_t flags;
    TRY(s.u32(flags));
    if (flags > 2) return Error::at(fat, "malformed data segment kind");
    d.mode = flags == 1 ? SegmentMode::Passive : SegmentMode::Active;
    d.memory = 0;
    if (flags == 2) TRY(s.u32(d.memory));
    if (flags != 1) TRY(constExpr(s, d.offset));
    uint32_t len;
    TRY(length(s, len, 1));
    d.bytes = ByteRange{s.pos(), s.pos() + len};
    TRY(s.skip(len));
  }
  return {};
}

}  // namespace

Expected<std::shared_ptr<Module>> decode(std::vector<uint8_t> bytes) {
  if (bytes.size() > 0xFFFFFFF0u) return Error::at(0, "module too large");
  auto m = std::make_shared<Module>();
  m->bytes = std::move(bytes);
  Decoder d(*m);
  if (Status st = d.run(); !st) return st.takeError();
  return m;
}

}  // namespace wasmc::wasm
