// runtime/jit/trampolines.cpp — hand-assembled x86_64 glue (through our Assembler, no raw bytes) and the
// C++ half of argument marshalling for the internal convention of docs/abi.md: integer-class values in
// rdi..r9 / rax,rdx, float and v128 in xmm0..7 / xmm0,xmm1, the rest in 8-byte (v128: 16-byte) slots in
// order, results beyond the registers in a caller-provided area passed as an extra last integer parameter.
#include "runtime/jit/trampolines.h"

#include <cstring>

#include "codegen/x86_64/assembler.h"

namespace wasmc::rt::jit {

using codegen::CodeBuffer;
using codegen::x64::Assembler;
using codegen::x64::Cond;
using codegen::x64::Gpr;
using codegen::x64::Mem;
using codegen::x64::Width;
using codegen::x64::Xmm;

namespace {

bool isIntClass(ValType t) {
  switch (t) {
    case ValType::I32:
    case ValType::I64:
    case ValType::FuncRef:
    case ValType::ExternRef: return true;
    case ValType::F32:
    case ValType::F64:
    case ValType::V128: return false;
  }
  return true;
}
uint32_t slotBytes(ValType t) { return t == ValType::V128 ? 16 : 8; }

constexpr Gpr kArgGpr[kArgGprs] = {Gpr::Rdi, Gpr::Rsi, Gpr::Rdx, Gpr::Rcx, Gpr::R8, Gpr::R9};

// Raw 16 bytes of a value as it sits in a register or slot (i32/f32 zero-extended).
V128 toBits(const Value& v) {
  V128 r{};
  switch (v.type) {
    case ValType::I32:
    case ValType::F32: { uint64_t x = v.i32; std::memcpy(r.bytes, &x, 8); break; }
    case ValType::I64:
    case ValType::F64:
    case ValType::FuncRef:
    case ValType::ExternRef: std::memcpy(r.bytes, &v.i64, 8); break;
    case ValType::V128: r = v.v128; break;
  }
  return r;
}
Value fromBits(ValType t, const void* p) {
  Value v = Value::zero(t);
  switch (t) {
    case ValType::I32:
    case ValType::F32: std::memcpy(&v.i32, p, 4); break;
    case ValType::I64:
    case ValType::F64:
    case ValType::FuncRef:
    case ValType::ExternRef: std::memcpy(&v.i64, p, 8); break;
    case ValType::V128: std::memcpy(v.v128.bytes, p, 16); break;
  }
  return v;
}

}  // namespace

CallLayout computeCallLayout(const FuncType& type) {
  CallLayout l;
  unsigned ng = 0, nx = 0;
  auto place = [&](ValType t) {
    if (isIntClass(t) && ng < kArgGprs) return CallLayout::Slot{CallLayout::Loc::Gpr, ng++};
    if (!isIntClass(t) && nx < kArgXmms) return CallLayout::Slot{CallLayout::Loc::Xmm, nx++};
    CallLayout::Slot s{CallLayout::Loc::Stack, l.stackBytes};
    l.stackBytes += slotBytes(t);
    return s;
  };
  for (ValType t : type.params) l.params.push_back(place(t));
  unsigned rg = 0, rx = 0;
  for (ValType t : type.results) {
    if (isIntClass(t) && rg < kRetGprs) {
      l.results.push_back({CallLayout::Loc::Gpr, rg++});
    } else if (!isIntClass(t) && rx < kRetXmms) {
      l.results.push_back({CallLayout::Loc::Xmm, rx++});
    } else {
      l.results.push_back({CallLayout::Loc::Area, l.areaBytes});
      l.areaBytes += slotBytes(t);
    }
  }
  if (l.areaBytes) {
    l.hasResultArea = true;
    l.areaParam = place(ValType::I64);
  }
  return l;
}

void packEntryArgs(const CallLayout& l, const FuncType& type, std::span<const Value> args, RegFrame& frame,
                   std::vector<uint64_t>& stackWords, std::vector<uint64_t>& area) {
  stackWords.assign(((l.stackBytes + 15) / 16) * 2, 0);
  area.assign((l.areaBytes + 7) / 8 + 1, 0);
  auto put = [&](const CallLayout::Slot& s, const V128& bits, uint32_t bytes) {
    switch (s.loc) {
      case CallLayout::Loc::Gpr: std::memcpy(&frame.gpr[s.index], bits.bytes, 8); break;
      case CallLayout::Loc::Xmm: frame.xmm[s.index] = bits; break;
      case CallLayout::Loc::Stack:
        std::memcpy(reinterpret_cast<uint8_t*>(stackWords.data()) + s.index, bits.bytes, bytes);
        break;
      case CallLayout::Loc::Area: break;
    }
  };
  for (size_t i = 0; i < type.params.size(); ++i) put(l.params[i], toBits(args[i]), slotBytes(type.params[i]));
  if (l.hasResultArea) {
    V128 p{};
    uint64_t addr = reinterpret_cast<uint64_t>(area.data());
    std::memcpy(p.bytes, &addr, 8);
    put(l.areaParam, p, 8);
  }
  frame.stack = stackWords.data();
  frame.stackWords = stackWords.size();
}

void unpackEntryResults(const CallLayout& l, const FuncType& type, const RegFrame& frame,
                        const std::vector<uint64_t>& area, std::vector<Value>& results) {
  results.resize(type.results.size());
  for (size_t i = 0; i < type.results.size(); ++i) {
    const CallLayout::Slot& s = l.results[i];
    const void* p = nullptr;
    switch (s.loc) {
      case CallLayout::Loc::Gpr: p = &frame.ret[s.index]; break;
      case CallLayout::Loc::Xmm: p = &frame.retXmm[s.index]; break;
      case CallLayout::Loc::Area: p = reinterpret_cast<const uint8_t*>(area.data()) + s.index; break;
      case CallLayout::Loc::Stack: break;
    }
    results[i] = fromBits(type.results[i], p);
  }
}

namespace {
const void* hostArgPtr(const CallLayout::Slot& s, const RegFrame& frame) {
  switch (s.loc) {
    case CallLayout::Loc::Gpr: return &frame.gpr[s.index];
    case CallLayout::Loc::Xmm: return &frame.xmm[s.index];
    case CallLayout::Loc::Stack: return reinterpret_cast<const uint8_t*>(frame.stack) + s.index;
    case CallLayout::Loc::Area: break;
  }
  return nullptr;
}
}  // namespace

void unpackHostArgs(const CallLayout& l, const FuncType& type, const RegFrame& frame, std::vector<Value>& args) {
  args.resize(type.params.size());
  for (size_t i = 0; i < type.params.size(); ++i) args[i] = fromBits(type.params[i], hostArgPtr(l.params[i], frame));
}

void packHostResults(const CallLayout& l, const FuncType& type, std::span<const Value> results, RegFrame& frame) {
  uint8_t* area = nullptr;
  if (l.hasResultArea) {
    uint64_t a;
    std::memcpy(&a, hostArgPtr(l.areaParam, frame), 8);
    area = reinterpret_cast<uint8_t*>(a);
  }
  for (size_t i = 0; i < type.results.size(); ++i) {
    V128 bits = toBits(results[i]);
    const CallLayout::Slot& s = l.results[i];
    switch (s.loc) {
      case CallLayout::Loc::Gpr: std::memcpy(&frame.ret[s.index], bits.bytes, 8); break;
      case CallLayout::Loc::Xmm: frame.retXmm[s.index] = bits; break;
      case CallLayout::Loc::Area: std::memcpy(area + s.index, bits.bytes, slotBytes(type.results[i])); break;
      case CallLayout::Loc::Stack: break;
    }
  }
}

namespace {

// Spills/reloads the argument registers to/from a RegFrame at [base].
void saveArgs(Assembler& a, Gpr base) {
  for (unsigned i = 0; i < kArgGprs; ++i) a.mov_mr(Width::W64, Mem(base, int32_t(8 * i)), kArgGpr[i]);
  for (unsigned i = 0; i < kArgXmms; ++i)
    a.movdqu_mr(Mem(base, int32_t(offsetof(RegFrame, xmm) + 16 * i)), codegen::x64::xmm(i));
}
void loadArgs(Assembler& a, Gpr base) {
  for (unsigned i = 0; i < kArgXmms; ++i)
    a.movdqu_rm(codegen::x64::xmm(i), Mem(base, int32_t(offsetof(RegFrame, xmm) + 16 * i)));
  for (unsigned i = 0; i < kArgGprs; ++i) a.mov_rm(Width::W64, kArgGpr[i], Mem(base, int32_t(8 * i)));
}

// entry(rdi = ctx, rsi = code, rdx = RegFrame*): saves the SysV callee-saved registers (the internal
// convention preserves only r14/r15/rbp/rsp), pins r15/r14, pushes stack arguments, loads the argument
// registers, calls, and stores rax/rdx/xmm0/xmm1 back into the frame.
void emitEntry(Assembler& a) {
  a.push_r(Gpr::Rbp);
  a.mov_rr(Width::W64, Gpr::Rbp, Gpr::Rsp);
  a.push_r(Gpr::Rbx);
  a.push_r(Gpr::R12);
  a.push_r(Gpr::R13);
  a.push_r(Gpr::R14);
  a.push_r(Gpr::R15);
  a.push_r(Gpr::Rdx);  // [rbp-48] = frame; rsp is now 16-byte aligned
  a.mov_rr(Width::W64, Gpr::R15, Gpr::Rdi);
  a.mov_rm(Width::W64, Gpr::R14, Mem(Gpr::R15, int32_t(offsetof(abi::VMContext, memBase))));
  a.mov_rr(Width::W64, Gpr::Rbx, Gpr::Rsi);
  a.mov_rr(Width::W64, Gpr::R12, Gpr::Rdx);
  // Stack arguments: reserve stackWords*8 (even count keeps alignment) and copy.
  a.mov_rm(Width::W64, Gpr::Rcx, Mem(Gpr::R12, int32_t(offsetof(RegFrame, stackWords))));
  a.shl_ri(Width::W64, Gpr::Rcx, 3);
  a.sub_rr(Width::W64, Gpr::Rsp, Gpr::Rcx);
  a.mov_rm(Width::W64, Gpr::Rsi, Mem(Gpr::R12, int32_t(offsetof(RegFrame, stack))));
  a.xor_rr(Width::W32, Gpr::Rax, Gpr::Rax);
  codegen::Label loop = a.newLabel(), done = a.newLabel();
  a.bind(loop);
  a.cmp_rr(Width::W64, Gpr::Rax, Gpr::Rcx);
  a.jcc_label(Cond::AE, done);
  a.mov_rm(Width::W64, Gpr::R11, Mem(Gpr::Rsi, Gpr::Rax, 1));
  a.mov_mr(Width::W64, Mem(Gpr::Rsp, Gpr::Rax, 1), Gpr::R11);
  a.add_ri(Width::W64, Gpr::Rax, 8);
  a.jmp_label(loop);
  a.bind(done);
  loadArgs(a, Gpr::R12);
  a.call_r(Gpr::Rbx);
  a.mov_rm(Width::W64, Gpr::R12, Mem(Gpr::Rbp, -48));
  a.mov_mr(Width::W64, Mem(Gpr::R12, int32_t(offsetof(RegFrame, ret))), Gpr::Rax);
  a.mov_mr(Width::W64, Mem(Gpr::R12, int32_t(offsetof(RegFrame, ret) + 8)), Gpr::Rdx);
  a.movdqu_mr(Mem(Gpr::R12, int32_t(offsetof(RegFrame, retXmm))), Xmm::Xmm0);
  a.movdqu_mr(Mem(Gpr::R12, int32_t(offsetof(RegFrame, retXmm) + 16)), Xmm::Xmm1);
  a.lea_rm(Width::W64, Gpr::Rsp, Mem(Gpr::Rbp, -40));
  a.pop_r(Gpr::R15);
  a.pop_r(Gpr::R14);
  a.pop_r(Gpr::R13);
  a.pop_r(Gpr::R12);
  a.pop_r(Gpr::Rbx);
  a.pop_r(Gpr::Rbp);
  a.ret();
}

// Common frame of the host and lazy trampolines: rbp frame, aligned RegFrame at rsp with the args spilled.
void emitSpillFrame(Assembler& a) {
  a.push_r(Gpr::Rbp);
  a.mov_rr(Width::W64, Gpr::Rbp, Gpr::Rsp);
  a.and_ri(Width::W64, Gpr::Rsp, -16);
  a.sub_ri(Width::W64, Gpr::Rsp, int32_t(sizeof(RegFrame)));
  saveArgs(a, Gpr::Rsp);
}

// host(rax = target, r15 = caller ctx): dispatch(target, ctx, frame) → 0: load results and return;
// non-zero: trap (the pending trap is in the innermost entry).
uint32_t emitHostCommon(Assembler& a, HostDispatchFn dispatch) {
  emitSpillFrame(a);
  a.lea_rm(Width::W64, Gpr::R11, Mem(Gpr::Rbp, 16));
  a.mov_mr(Width::W64, Mem(Gpr::Rsp, int32_t(offsetof(RegFrame, stack))), Gpr::R11);
  a.mov_rr(Width::W64, Gpr::Rdi, Gpr::Rax);
  a.mov_rr(Width::W64, Gpr::Rsi, Gpr::R15);
  a.mov_rr(Width::W64, Gpr::Rdx, Gpr::Rsp);
  a.mov_ri64(Gpr::Rax, reinterpret_cast<uint64_t>(dispatch));
  a.call_r(Gpr::Rax);
  codegen::Label trap = a.newLabel();
  a.test_rr(Width::W32, Gpr::Rax, Gpr::Rax);
  a.jcc_label(Cond::NE, trap);
  a.mov_rm(Width::W64, Gpr::Rax, Mem(Gpr::Rsp, int32_t(offsetof(RegFrame, ret))));
  a.mov_rm(Width::W64, Gpr::Rdx, Mem(Gpr::Rsp, int32_t(offsetof(RegFrame, ret) + 8)));
  a.movdqu_rm(Xmm::Xmm0, Mem(Gpr::Rsp, int32_t(offsetof(RegFrame, retXmm))));
  a.movdqu_rm(Xmm::Xmm1, Mem(Gpr::Rsp, int32_t(offsetof(RegFrame, retXmm) + 16)));
  a.mov_rr(Width::W64, Gpr::Rsp, Gpr::Rbp);
  a.pop_r(Gpr::Rbp);
  a.ret();
  a.bind(trap);
  uint32_t site = a.offset();
  a.trapSite(TrapCode::HostError, 0);
  a.ud2();
  return site;
}

// lazy(eax = function index, r15 = its instance's ctx): code = compile(ctx, index); restore; jmp code.
void emitLazyCommon(Assembler& a, LazyCompileFn compile) {
  emitSpillFrame(a);
  a.mov_rr(Width::W64, Gpr::Rdi, Gpr::R15);
  a.mov_rr(Width::W32, Gpr::Rsi, Gpr::Rax);
  a.mov_ri64(Gpr::Rax, reinterpret_cast<uint64_t>(compile));
  a.call_r(Gpr::Rax);
  a.mov_rr(Width::W64, Gpr::R11, Gpr::Rax);
  loadArgs(a, Gpr::Rsp);
  a.mov_rr(Width::W64, Gpr::Rsp, Gpr::Rbp);
  a.pop_r(Gpr::Rbp);
  a.jmp_r(Gpr::R11);
}

}  // namespace

Expected<Trampolines> Trampolines::create(HostDispatchFn hostDispatch, LazyCompileFn lazyCompile) {
  CodeBuffer buf;
  Assembler a(buf);
  Trampolines t;
  t.entryOff_ = a.offset();
  emitEntry(a);
  a.align(16);
  uint32_t entryEnd = a.offset();
  t.hostOff_ = a.offset();
  emitHostCommon(a, hostDispatch);
  a.align(16);
  t.lazyOff_ = a.offset();
  emitLazyCommon(a, lazyCompile);
  a.align(16);
  t.trapOff_ = a.offset();
  a.trapSite(TrapCode::HostError, 0);
  a.ud2();
  Expected<codegen::CompiledFunction> cf = buf.finish();
  if (!cf) return cf.takeError();
  Expected<CodeBlock> block = CodeBlock::allocate(cf->code.size());
  if (!block) return block.takeError();
  std::memcpy(block->writable(), cf->code.data(), cf->code.size());
  if (Status s = block->makeExecutable(); !s) return s.takeError();
  t.block_ = std::move(*block);

  auto entryInfo = std::make_unique<CodeInfo>();
  entryInfo->kind = CodeKind::Entry;
  entryInfo->name = "wasmc.entry";
  auto glueInfo = std::make_unique<CodeInfo>();
  glueInfo->kind = CodeKind::Trampoline;
  glueInfo->name = "wasmc.trampolines";
  for (const codegen::TrapSite& s : cf->trapSites)
    glueInfo->trapSites.push_back(TrapSiteEntry{s.codeOffset - entryEnd, s.code});
  uintptr_t base = reinterpret_cast<uintptr_t>(t.block_.base());
  t.handles_.push_back(CodeRegistry::global().add(base, base + entryEnd, entryInfo.get()));
  t.handles_.push_back(CodeRegistry::global().add(base + entryEnd, base + cf->code.size(), glueInfo.get()));
  t.infos_.push_back(std::move(entryInfo));
  t.infos_.push_back(std::move(glueInfo));
  return t;
}

Trampolines::~Trampolines() {
  for (uint32_t h : handles_) CodeRegistry::global().remove(h);
}

void writeLazyStub(uint8_t* dst, const Trampolines& t, uint32_t funcIndex) {
  CodeBuffer buf;
  Assembler a(buf);
  a.mov_ri32(Gpr::Rax, funcIndex);
  a.mov_ri64(Gpr::R11, reinterpret_cast<uint64_t>(t.lazyCommon()));
  a.jmp_r(Gpr::R11);
  std::memset(dst, 0xcc, kStubBytes);
  std::memcpy(dst, buf.data(), buf.size());
}

void writeHostStub(uint8_t* dst, const Trampolines& t, const void* target) {
  CodeBuffer buf;
  Assembler a(buf);
  a.mov_ri64(Gpr::Rax, reinterpret_cast<uint64_t>(target));
  a.mov_ri64(Gpr::R11, reinterpret_cast<uint64_t>(t.hostCommon()));
  a.jmp_r(Gpr::R11);
  std::memset(dst, 0xcc, kStubBytes);
  std::memcpy(dst, buf.data(), buf.size());
}

}  // namespace wasmc::rt::jit
