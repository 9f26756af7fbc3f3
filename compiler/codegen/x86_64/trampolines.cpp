// compiler/codegen/x86_64/trampolines.cpp — per-signature trampolines between the SysV C ABI and the
// internal convention: the entry trampoline (C++ → Wasm: saves callee-saved registers, loads arguments
// from 16-byte slots, calls, stores results back) and the host-call trampoline (Wasm → runtime: spills
// arguments into 16-byte slots and calls the HostCall helper). Both keep rsp 16-aligned at every call.
#include "codegen/compile.h"
#include "codegen/x86_64/abi.h"
#include "codegen/x86_64/assembler.h"
#include "runtime/abi_helpers.h"

namespace wasmc::codegen {

using namespace x64;
using wasm::ValType;

namespace {
void loadSlot(Assembler& a, const ValueLoc& l, ValType t, const Mem& m) {
  if (l.cls == RegClass::Gpr) {
    a.mov_rm(t == ValType::I32 ? Width::W32 : Width::W64, gpr(l.reg), m);
  } else if (t == ValType::F32) {
    a.movss_rm(xmm(l.reg), m);
  } else if (t == ValType::F64) {
    a.movsd_rm(xmm(l.reg), m);
  } else {
    a.movdqu_rm(xmm(l.reg), m);
  }
}
void storeSlot(Assembler& a, const ValueLoc& l, ValType t, const Mem& m) {
  if (l.cls == RegClass::Gpr) {
    a.mov_mr(Width::W64, m, gpr(l.reg));
  } else if (t == ValType::F32) {
    a.movss_mr(m, xmm(l.reg));
  } else if (t == ValType::F64) {
    a.movsd_mr(m, xmm(l.reg));
  } else {
    a.movdqu_mr(m, xmm(l.reg));
  }
}
// Copies one value between memory locations through r10/xmm15.
void copyMem(Assembler& a, ValType t, const Mem& dst, const Mem& src) {
  if (t == ValType::V128) {
    a.movdqu_rm(Xmm::Xmm15, src);
    a.movdqu_mr(dst, Xmm::Xmm15);
  } else {
    Width w = (t == ValType::I32 || t == ValType::F32) ? Width::W32 : Width::W64;
    a.mov_rm(w, Gpr::R10, src);
    a.mov_mr(w, dst, Gpr::R10);
  }
}
}  // namespace

Expected<CompiledFunction> compileEntryTrampoline(const wasm::FuncType& ft) {
  CodeBuffer buf;
  Assembler a(buf);
  CallConv cc = internalConvention(ft);
  // rdi = ctx, rsi = code, rdx = slots.
  a.push_r(Gpr::Rbp);
  a.mov_rr(Width::W64, Gpr::Rbp, Gpr::Rsp);
  a.push_r(Gpr::Rbx);
  a.push_r(Gpr::R12);
  a.push_r(Gpr::R13);
  a.push_r(Gpr::R14);
  a.push_r(Gpr::R15);
  a.push_r(Gpr::Rdx);  // [rbp-48]: the slots
  // 6 pushes after rbp: rsp ≡ 0 mod 16 again; reserve the stack arguments (multiple of 16).
  if (cc.stackBytes) a.sub_ri(Width::W64, Gpr::Rsp, int32_t(cc.stackBytes));
  a.mov_rr(Width::W64, kCtxReg, Gpr::Rdi);
  a.mov_rr(Width::W64, Gpr::Rax, Gpr::Rsi);
  a.mov_rr(Width::W64, Gpr::R11, Gpr::Rdx);
  for (size_t i = 0; i < ft.params.size(); ++i)
    if (!cc.params[i].inReg) copyMem(a, ft.params[i], Mem(Gpr::Rsp, int32_t(cc.params[i].offset)), Mem(Gpr::R11, int32_t(16 * i)));
  if (cc.hasResultArea && !cc.resultArea.inReg) a.mov_mr(Width::W64, Mem(Gpr::Rsp, int32_t(cc.resultArea.offset)), Gpr::R11);
  for (size_t i = 0; i < ft.params.size(); ++i)
    if (cc.params[i].inReg) loadSlot(a, cc.params[i], ft.params[i], Mem(Gpr::R11, int32_t(16 * i)));
  if (cc.hasResultArea && cc.resultArea.inReg) a.mov_rr(Width::W64, gpr(cc.resultArea.reg), Gpr::R11);
  a.call_r(Gpr::Rax);
  a.mov_rm(Width::W64, Gpr::R11, Mem(Gpr::Rbp, -48));
  for (size_t i = 0; i < ft.results.size(); ++i)
    if (cc.results[i].inReg) storeSlot(a, cc.results[i], ft.results[i], Mem(Gpr::R11, int32_t(16 * i)));
  a.xor_rr(Width::W32, Gpr::Rax, Gpr::Rax);
  a.lea_rm(Width::W64, Gpr::Rsp, Mem(Gpr::Rbp, -40));
  a.pop_r(Gpr::R15);
  a.pop_r(Gpr::R14);
  a.pop_r(Gpr::R13);
  a.pop_r(Gpr::R12);
  a.pop_r(Gpr::Rbx);
  a.pop_r(Gpr::Rbp);
  a.ret();
  return buf.finish();
}

Expected<CompiledFunction> compileHostTrampoline(const wasm::FuncType& ft) {
  CodeBuffer buf;
  Assembler a(buf);
  CallConv cc = internalConvention(ft);
  size_t n = std::max(ft.params.size(), ft.results.size());
  uint32_t slotsBytes = uint32_t((16 * n + 15) & ~size_t(15));
  // Frame: [rbp-8] saved r15, then the slots (16-aligned) below.
  a.push_r(Gpr::Rbp);
  a.mov_rr(Width::W64, Gpr::Rbp, Gpr::Rsp);
  a.sub_ri(Width::W64, Gpr::Rsp, int32_t(16 + slotsBytes));
  a.mov_mr(Width::W64, Mem(Gpr::Rbp, -8), kCtxReg);
  const int32_t base = -int32_t(16 + slotsBytes);
  for (size_t i = 0; i < ft.params.size(); ++i) {
    Mem slot(Gpr::Rbp, base + int32_t(16 * i));
    if (cc.params[i].inReg) storeSlot(a, cc.params[i], ft.params[i], slot);
    else copyMem(a, ft.params[i], slot, Mem(Gpr::Rbp, int32_t(16 + cc.params[i].offset)));
  }
  // The caller's result area (if any) must survive the helper: keep it at [rbp-16].
  if (cc.hasResultArea) {
    if (cc.resultArea.inReg) a.mov_mr(Width::W64, Mem(Gpr::Rbp, -16), gpr(cc.resultArea.reg));
    else copyMem(a, ValType::I64, Mem(Gpr::Rbp, -16), Mem(Gpr::Rbp, int32_t(16 + cc.resultArea.offset)));
  }
  a.mov_rr(Width::W64, Gpr::Rdi, kCtxReg);
  a.lea_rm(Width::W64, Gpr::Rsi, Mem(Gpr::Rbp, base));
  a.call_helper(uint32_t(abi::HelperId::HostCall));
  Label trap = a.newLabel();
  a.test_rr(Width::W32, Gpr::Rax, Gpr::Rax);
  a.jcc_label(Cond::NE, trap);
  a.mov_rm(Width::W64, kCtxReg, Mem(Gpr::Rbp, -8));
  if (cc.hasResultArea) a.mov_rm(Width::W64, Gpr::R11, Mem(Gpr::Rbp, -16));
  for (size_t i = 0; i < ft.results.size(); ++i) {
    Mem slot(Gpr::Rbp, base + int32_t(16 * i));
    if (cc.results[i].inReg) loadSlot(a, cc.results[i], ft.results[i], slot);
    else copyMem(a, ft.results[i], Mem(Gpr::R11, int32_t(cc.results[i].offset)), slot);
  }
  a.mov_rr(Width::W64, Gpr::Rsp, Gpr::Rbp);
  a.pop_r(Gpr::Rbp);
  a.ret();
  a.bind(trap);
  a.trapSite(TrapCode::HostError, 0);
  a.ud2();
  return buf.finish();
}

}  // namespace wasmc::codegen
