// test/unit/jit/jit_aarch64_test.cpp — the JIT runtime on an ARM64 host (natively or under qemu-aarch64),
// with functions hand-assembled by compiler/codegen/aarch64: W^X code memory with the icache flush, traps
// from generated code through the signal handler's aarch64 path (pc, x29 frame records, sp from the
// ucontext), backtraces, and sdiv by zero returning 0 (so division traps need explicit checks on ARM64).
// Compiled on every host; the tests exist only on aarch64. Expected values are written by hand.
#include <gtest/gtest.h>

#if defined(__aarch64__)
#include <sys/mman.h>

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>

#include "codegen/aarch64/assembler.h"
#include "runtime/jit/code_registry.h"
#include "jit_test_util.h"
#include "runtime/jit/exec_memory.h"
#include "runtime/jit/loader.h"
#include "runtime/jit/trap_handler.h"

namespace wasmc::rt::jit {
namespace {

using codegen::CodeBuffer;
using codegen::CompiledFunction;
using codegen::a64::Assembler;
using codegen::a64::Gpr;
using codegen::a64::Width;
namespace a64 = codegen::a64;

using testutil::finish;
using testutil::mapPerms;

using testutil::load;

void prologue(Assembler& a) {  // stp x29, x30, [sp, #-16]! ; mov x29, sp
  a.stp_pre(Width::W64, a64::Fp, a64::Lr, Gpr::Sp, -16);
  a.add_rri(Width::W64, a64::Fp, Gpr::Sp, 0);
}
void epilogue(Assembler& a) {
  a.ldp_post(Width::W64, a64::Fp, a64::Lr, Gpr::Sp, 16);
  a.ret();
}

// EntryFn(ctx = x0, code = x1, frame = x2): calls code(ctx, w1 = slot 0) and stores its w0 in slot 0.
struct Entry {
  std::unique_ptr<LoadedCode> code;
  Entry() {
    CodeBuffer buf;
    Assembler a(buf);
    a.stp_pre(Width::W64, a64::Fp, a64::Lr, Gpr::Sp, -32);
    a.add_rri(Width::W64, a64::Fp, Gpr::Sp, 0);
    a.str_ri(Width::W64, Gpr::X2, Gpr::Sp, 16);
    a.mov_rr(Width::W64, Gpr::X9, Gpr::X1);
    a.ldr_ri(Width::W32, Gpr::X1, Gpr::X2, 0);
    a.blr_r(Gpr::X9);
    a.ldr_ri(Width::W64, Gpr::X2, Gpr::Sp, 16);
    a.str_ri(Width::W32, Gpr::X0, Gpr::X2, 0);
    a.ldp_post(Width::W64, a64::Fp, a64::Lr, Gpr::Sp, 32);
    a.ret();
    code = load(finish(buf), "entry", CodeKind::Entry);
  }
  ExecResult call(abi::VMContext* ctx, const void* fn, uint64_t* slots) {
    return callGenerated(reinterpret_cast<EntryFn>(const_cast<void*>(code->entry())), ctx, fn, slots);
  }
};

TEST(JitAArch64, CodeIsNeverWritableAndExecutableAndRuns) {
  CodeBuffer buf;
  Assembler a(buf);
  a.movz(Width::W32, Gpr::X0, 1234);
  a.ret();
  CompiledFunction cf = finish(buf);
  Expected<CodeBlock> b = CodeBlock::allocate(cf.code.size());
  ASSERT_TRUE(b.ok());
  std::memcpy(b->writable(), cf.code.data(), cf.code.size());
  EXPECT_EQ(mapPerms(b->base()), "rw-p");
  ASSERT_TRUE(b->makeExecutable().ok());
  EXPECT_EQ(mapPerms(b->base()), "r-xp");
  auto fn = reinterpret_cast<uint32_t (*)()>(const_cast<uint8_t*>(b->base()));
  EXPECT_EQ(fn(), 1234u);
}

TEST(JitAArch64, GuardPageFaultIsOutOfBoundsWithBacktrace) {
  size_t page = 65536;
  void* mem = mmap(nullptr, 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(mem, MAP_FAILED);
  ASSERT_EQ(mprotect(mem, page, PROT_READ | PROT_WRITE), 0);
  static_cast<uint8_t*>(mem)[100] = 77;
  // f(ctx, addr) = load8_u [ctx->memBase + uxtw(addr)]
  CodeBuffer buf;
  Assembler a(buf);
  prologue(a);
  a.ldr_ri(Width::W64, Gpr::X9, Gpr::X0, int64_t(offsetof(abi::VMContext, memBase)));
  a.trapSite(TrapCode::MemoryOutOfBounds, 11);
  a.ldrb_rr(Gpr::X0, Gpr::X9, Gpr::X1, a64::Extend::Uxtw);
  epilogue(a);
  auto fn = load(finish(buf), "load8", CodeKind::WasmFunction, 5);
  Entry e;
  abi::VMContext ctx;
  ctx.memBase = static_cast<uint8_t*>(mem);
  ctx.memSize = page;
  ctx.stackLimit = threadStackLimit();
  uint64_t slots[2] = {100, 0};
  ExecResult r = e.call(&ctx, fn->entry(), slots);
  ASSERT_FALSE(r.has_value()) << r->message;
  EXPECT_EQ(uint32_t(slots[0]), 77u);
  slots[0] = page + 5;
  r = e.call(&ctx, fn->entry(), slots);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, TrapCode::MemoryOutOfBounds);
  EXPECT_EQ(r->message, "out of bounds memory access");
  ASSERT_EQ(r->backtrace.size(), 1u);
  EXPECT_EQ(r->backtrace[0].funcName, "load8");
  EXPECT_EQ(r->backtrace[0].funcIndex, 5u);
  EXPECT_EQ(currentEntry(), nullptr);
  munmap(mem, 2 * page);
}

// outer (index 1) calls inner (index 2), which executes udf at an Unreachable trap site: the handler
// walks the x29 frame records from inner through outer and stops at the entry.
TEST(JitAArch64, UdfAtTrapSiteIsUnreachableWithTwoFrameBacktrace) {
  CodeBuffer ib;
  Assembler ia(ib);
  prologue(ia);
  ia.trapSite(TrapCode::Unreachable, 3);
  ia.udf(0);
  epilogue(ia);
  auto inner = load(finish(ib), "inner", CodeKind::WasmFunction, 2);
  CodeBuffer ob;
  Assembler oa(ob);
  prologue(oa);
  oa.mov_imm(Width::W64, Gpr::X9, reinterpret_cast<uint64_t>(inner->entry()));
  oa.blr_r(Gpr::X9);
  epilogue(oa);
  auto outer = load(finish(ob), "outer", CodeKind::WasmFunction, 1);
  Entry e;
  abi::VMContext ctx;
  ctx.stackLimit = threadStackLimit();
  uint64_t slots[2] = {};
  for (int round = 0; round < 2; ++round) {  // the handler stays armed after siglongjmp
    ExecResult r = e.call(&ctx, outer->entry(), slots);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->code, TrapCode::Unreachable);
    EXPECT_EQ(r->message, "unreachable");
    ASSERT_EQ(r->backtrace.size(), 2u);
    EXPECT_EQ(r->backtrace[0].funcName, "inner");
    EXPECT_EQ(r->backtrace[1].funcName, "outer");
    EXPECT_EQ(r->backtrace[1].funcIndex, 1u);
  }
}

// ARM64 integer division never faults (docs/abi.md): i32.div_s by zero must be an explicit check.
TEST(JitAArch64, SdivByZeroReturnsZeroInsteadOfTrapping) {
  CodeBuffer buf;
  Assembler a(buf);
  a.movz(Width::W32, Gpr::X2, 0);
  a.sdiv_rrr(Width::W32, Gpr::X0, Gpr::X1, Gpr::X2);
  a.ret();
  auto fn = load(finish(buf), "div0");
  Entry e;
  abi::VMContext ctx;
  ctx.stackLimit = threadStackLimit();
  uint64_t slots[2] = {7, 0};
  ExecResult r = e.call(&ctx, fn->entry(), slots);
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(uint32_t(slots[0]), 0u);
}

}  // namespace
}  // namespace wasmc::rt::jit
#endif  // __aarch64__
