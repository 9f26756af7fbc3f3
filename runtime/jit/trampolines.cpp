// runtime/jit/trampolines.cpp — hand-assembled (through our Assembler, no raw bytes) lazy-compile
// trampoline and stubs. The trampoline builds an rbp frame (so backtraces and the stack walk stay
// intact), spills rdi..r9 and xmm0..xmm7, calls the compiler, reloads them, switches r15 to the context
// the compiled (or fallback) code expects and tail-jumps to it with the caller's stack untouched.
#include "runtime/jit/trampolines.h"

#include <cstring>

#include "codegen/x86_64/assembler.h"

namespace wasmc::rt::jit {

using codegen::CodeBuffer;
using codegen::x64::Assembler;
using codegen::x64::Gpr;
using codegen::x64::Mem;
using codegen::x64::Width;

namespace {

constexpr Gpr kArgGpr[] = {Gpr::Rdi, Gpr::Rsi, Gpr::Rdx, Gpr::Rcx, Gpr::R8, Gpr::R9};
constexpr int32_t kXmmBase = 48;                    // after the six GPRs
constexpr int32_t kSpillBytes = kXmmBase + 8 * 16;  // 176, a multiple of 16

void emitLazyCommon(Assembler& a, LazyCompileFn compile) {
  a.push_r(Gpr::Rbp);
  a.mov_rr(Width::W64, Gpr::Rbp, Gpr::Rsp);
  a.and_ri(Width::W64, Gpr::Rsp, -16);
  a.sub_ri(Width::W64, Gpr::Rsp, kSpillBytes);
  for (int i = 0; i < 6; ++i) a.mov_mr(Width::W64, Mem(Gpr::Rsp, 8 * i), kArgGpr[i]);
  for (unsigned i = 0; i < 8; ++i) a.movdqu_mr(Mem(Gpr::Rsp, kXmmBase + 16 * int32_t(i)), codegen::x64::xmm(i));
  a.mov_rr(Width::W64, Gpr::Rdi, Gpr::R15);
  a.mov_rr(Width::W32, Gpr::Rsi, Gpr::Rax);
  a.mov_ri64(Gpr::Rax, reinterpret_cast<uint64_t>(compile));
  a.call_r(Gpr::Rax);
  a.mov_rm(Width::W64, Gpr::R11, Mem(Gpr::Rax, int32_t(offsetof(abi::VMFuncRef, code))));
  a.mov_rm(Width::W64, Gpr::R15, Mem(Gpr::Rax, int32_t(offsetof(abi::VMFuncRef, ctx))));
  for (unsigned i = 0; i < 8; ++i) a.movdqu_rm(codegen::x64::xmm(i), Mem(Gpr::Rsp, kXmmBase + 16 * int32_t(i)));
  for (int i = 0; i < 6; ++i) a.mov_rm(Width::W64, kArgGpr[i], Mem(Gpr::Rsp, 8 * i));
  a.mov_rr(Width::W64, Gpr::Rsp, Gpr::Rbp);
  a.pop_r(Gpr::Rbp);
  a.jmp_r(Gpr::R11);
}

}  // namespace

Expected<std::unique_ptr<Trampolines>> Trampolines::create(LazyCompileFn lazyCompile) {
  CodeBuffer buf;
  Assembler a(buf);
  auto owned = std::make_unique<Trampolines>();
  Trampolines& t = *owned;
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
  t.info_ = std::make_unique<CodeInfo>();
  t.info_->kind = CodeKind::Trampoline;
  t.info_->name = "wasmc.lazy";
  for (const codegen::TrapSite& s : cf->trapSites) t.info_->trapSites.push_back(TrapSiteEntry{s.codeOffset, s.code});
  uintptr_t base = reinterpret_cast<uintptr_t>(t.block_.base());
  t.handle_ = CodeRegistry::global().add(base, base + cf->code.size(), t.info_.get());
  return owned;
}

Trampolines::~Trampolines() { CodeRegistry::global().remove(handle_); }

void writeLazyStub(uint8_t* dst, const Trampolines& t, uint32_t funcIndex) {
  CodeBuffer buf;
  Assembler a(buf);
  a.mov_ri32(Gpr::Rax, funcIndex);
  a.mov_ri64(Gpr::R11, reinterpret_cast<uint64_t>(t.lazyCommon()));
  a.jmp_r(Gpr::R11);
  std::memset(dst, 0xcc, kStubBytes);
  std::memcpy(dst, buf.data(), buf.size());
}

}  // namespace wasmc::rt::jit
