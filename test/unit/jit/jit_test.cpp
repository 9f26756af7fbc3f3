// test/unit/jit/jit_test.cpp — the JIT runtime with hand-assembled functions: W^X code memory (checked in
// /proc/self/maps), the code registry, traps from generated code (ud2 at a trap site, a guard-page fault,
// stack exhaustion through the prologue check and through the guard page), backtraces, lazy stubs that
// compile on first call (also from inside generated code), the interpreter fallback and host calls.
// Expected values are written by hand; hand-assembled code returns values the interpreter would not.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <atomic>
#include <thread>
#include <string>

#include "codegen/compile.h"
#include "codegen/x86_64/assembler.h"
#include "runtime/core/runtime.h"
#include "runtime/interp/interp.h"
#include "runtime/jit/code_registry.h"
#include "jit_test_util.h"
#include "runtime/jit/engine.h"
#include "runtime/jit/exec_memory.h"
#include "runtime/jit/loader.h"
#include "runtime/jit/trap_handler.h"
#include "wasm/decoder.h"
#include "wasm/validator.h"
#include "test/unit/wat_util.h"

namespace wasmc::rt::jit {
namespace {

using codegen::CodeBuffer;
using codegen::CompiledFunction;
using codegen::x64::Assembler;
using codegen::x64::Cond;
using codegen::x64::Gpr;
using codegen::x64::Mem;
using codegen::x64::Width;

using testutil::finish;
using testutil::mapPerms;

using testutil::load;

void prologue(Assembler& a) {
  a.push_r(Gpr::Rbp);
  a.mov_rr(Width::W64, Gpr::Rbp, Gpr::Rsp);
}
void epilogue(Assembler& a) {
  a.pop_r(Gpr::Rbp);
  a.ret();
}

// The code generator's entry trampoline for () -> (i32), loaded as an Entry.
struct EntryFixture {
  std::unique_ptr<LoadedCode> entry;
  explicit EntryFixture(const FuncType& t) {
    Expected<CompiledFunction> cf = codegen::compileEntryTrampoline(t);
    EXPECT_TRUE(cf.ok());
    if (cf.ok()) entry = load(*cf, "entry", CodeKind::Entry);
  }
  ExecResult call(abi::VMContext* ctx, const void* code, uint64_t* slots) {
    return callGenerated(reinterpret_cast<EntryFn>(const_cast<void*>(entry->entry())), ctx, code, slots);
  }
};

FuncType voidToI32() { return FuncType{{}, {ValType::I32}}; }

TEST(JitExecMemory, NeverWritableAndExecutable) {
  CodeBuffer buf;
  Assembler a(buf);
  a.mov_ri32(Gpr::Rax, 1234);
  a.ret();
  CompiledFunction cf = finish(buf);
  Expected<CodeBlock> b = CodeBlock::allocate(cf.code.size());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->size() % pageSize(), 0u);
  std::memcpy(b->writable(), cf.code.data(), cf.code.size());
  EXPECT_EQ(mapPerms(b->base()), "rw-p");
  ASSERT_TRUE(b->makeExecutable().ok());
  EXPECT_EQ(mapPerms(b->base()), "r-xp");
  EXPECT_EQ(b->writable(), nullptr);
  EXPECT_FALSE(b->makeExecutable().ok());  // one flip only
  auto fn = reinterpret_cast<uint32_t (*)()>(const_cast<uint8_t*>(b->base()));
  EXPECT_EQ(fn(), 1234u);
  // No mapping of the process is writable and executable at once (ours included).
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) EXPECT_EQ(line.find("rwx"), std::string::npos) << line;
}

TEST(JitRegistry, LookupAddRemoveReuse) {
  CodeInfo a, b;
  a.name = "a";
  b.name = "b";
  a.trapSites = {{4, TrapCode::Unreachable}, {9, TrapCode::IntDivByZero}};
  CodeRegistry& r = CodeRegistry::global();
  uint32_t ha = r.add(0x1000, 0x1100, &a);
  uint32_t hb = r.add(0x2000, 0x2010, &b);
  CodeRange out;
  ASSERT_TRUE(r.lookup(0x1000, out));
  EXPECT_EQ(out.info, &a);
  ASSERT_TRUE(r.lookup(0x200f, out));
  EXPECT_EQ(out.info, &b);
  EXPECT_FALSE(r.lookup(0x2010, out));
  EXPECT_FALSE(r.lookup(0x0fff, out));
  EXPECT_EQ(a.trapAt(9), TrapCode::IntDivByZero);
  EXPECT_EQ(a.trapAt(5), TrapCode::None);
  r.remove(ha);
  EXPECT_FALSE(r.lookup(0x1000, out));
  uint32_t hc = r.add(0x3000, 0x3004, &a);  // reuses the freed slot
  EXPECT_EQ(hc, ha);
  ASSERT_TRUE(r.lookup(0x3002, out));
  EXPECT_EQ(out.start, 0x3000u);
  r.remove(hb);
  r.remove(hc);
}

TEST(JitTraps, Ud2AtTrapSiteIsUnreachableWithBacktrace) {
  CodeBuffer buf;
  Assembler a(buf);
  prologue(a);
  a.trapSite(TrapCode::Unreachable, 7);
  a.ud2();
  epilogue(a);
  auto fn = load(finish(buf), "my_unreachable_fn", CodeKind::WasmFunction, 3);
  EntryFixture e(voidToI32());
  abi::VMContext ctx;
  ctx.stackLimit = threadStackLimit();
  uint64_t slots[2] = {};
  ExecResult r = e.call(&ctx, fn->entry(), slots);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, TrapCode::Unreachable);
  EXPECT_EQ(r->message, "unreachable");
  ASSERT_EQ(r->backtrace.size(), 1u);
  EXPECT_EQ(r->backtrace[0].funcName, "my_unreachable_fn");
  EXPECT_EQ(r->backtrace[0].funcIndex, 3u);
  EXPECT_EQ(currentEntry(), nullptr);
  // The handler is still armed (the signal mask was restored by siglongjmp).
  r = e.call(&ctx, fn->entry(), slots);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, TrapCode::Unreachable);
}

TEST(JitTraps, NormalReturnGivesResult) {
  CodeBuffer buf;
  Assembler a(buf);
  prologue(a);
  a.mov_ri32(Gpr::Rax, 0xabcd);
  epilogue(a);
  auto fn = load(finish(buf), "ret");
  EntryFixture e(voidToI32());
  abi::VMContext ctx;
  uint64_t slots[2] = {};
  ExecResult r = e.call(&ctx, fn->entry(), slots);
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(uint32_t(slots[0]), 0xabcdu);
}

TEST(JitTraps, GuardPageFaultIsOutOfBounds) {
  // A 64 KiB accessible page followed by a PROT_NONE guard, as a memory reservation looks.
  size_t page = 65536;
  void* mem = mmap(nullptr, 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(mem, MAP_FAILED);
  ASSERT_EQ(mprotect(mem, page, PROT_READ | PROT_WRITE), 0);
  static_cast<uint8_t*>(mem)[100] = 77;
  // f(addr) = load8_u [r14 + edi]; like every prologue (docs/abi.md), r14 is loaded from the context.
  CodeBuffer buf;
  Assembler a(buf);
  prologue(a);
  a.mov_rm(Width::W64, Gpr::R14, Mem(Gpr::R15, int32_t(offsetof(abi::VMContext, memBase))));
  a.mov_rr(Width::W32, Gpr::Rdi, Gpr::Rdi);
  a.trapSite(TrapCode::MemoryOutOfBounds, 11);
  a.movzx_rm8(Width::W32, Gpr::Rax, Mem(Gpr::R14, Gpr::Rdi, 1, 0));
  epilogue(a);
  auto fn = load(finish(buf), "load8");
  EntryFixture e(FuncType{{ValType::I32}, {ValType::I32}});
  abi::VMContext ctx;
  ctx.memBase = static_cast<uint8_t*>(mem);
  ctx.memSize = page;
  ctx.stackLimit = threadStackLimit();
  uint64_t slots[2] = {100, 0};
  ExecResult r = e.call(&ctx, fn->entry(), slots);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(uint32_t(slots[0]), 77u);
  slots[0] = page + 5;
  r = e.call(&ctx, fn->entry(), slots);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, TrapCode::MemoryOutOfBounds);
  EXPECT_EQ(r->message, "out of bounds memory access");
  munmap(mem, 2 * page);
}

TEST(JitTraps, UnannouncedFaultInGeneratedCodeIsReportedNotFatal) {
  CodeBuffer buf;
  Assembler a(buf);
  prologue(a);
  a.xor_rr(Width::W32, Gpr::Rax, Gpr::Rax);
  a.mov_rm(Width::W64, Gpr::Rax, Mem(Gpr::Rax, 8));  // null dereference, no trap site
  epilogue(a);
  auto fn = load(finish(buf), "bad");
  EntryFixture e(voidToI32());
  abi::VMContext ctx;
  uint64_t slots[2] = {};
  ExecResult r = e.call(&ctx, fn->entry(), slots);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, TrapCode::HostError);
  EXPECT_NE(r->message.find("unexpected signal 11"), std::string::npos) << r->message;
}

// f() { prologue; if (rsp < ctx->stackLimit) trap; call funcs[0]; } — infinite recursion.
CompiledFunction recursiveWithCheck(bool withCheck) {
  CodeBuffer buf;
  Assembler a(buf);
  prologue(a);
  codegen::Label stub = a.newLabel();
  if (withCheck) {
    a.cmp_rm(Width::W64, Gpr::Rsp, Mem(Gpr::R15, int32_t(offsetof(abi::VMContext, stackLimit))));
    a.jcc_label(Cond::B, stub);
  }
  a.sub_ri(Width::W64, Gpr::Rsp, 16);
  a.mov_rm(Width::W64, Gpr::Rax, Mem(Gpr::R15, int32_t(offsetof(abi::VMContext, funcs))));
  a.call_m(Mem(Gpr::Rax, int32_t(offsetof(abi::VMFuncRef, code))));
  a.mov_rr(Width::W64, Gpr::Rsp, Gpr::Rbp);
  epilogue(a);
  a.bind(stub);
  a.trapSite(TrapCode::CallStackExhausted, 0);
  a.ud2();
  return finish(buf);
}

TEST(JitTraps, StackLimitCheckGivesCallStackExhausted) {
  auto fn = load(recursiveWithCheck(true), "recurse");
  EntryFixture e(voidToI32());
  abi::VMFuncRef self{const_cast<void*>(fn->entry()), nullptr, 0, 0};
  abi::VMContext ctx;
  ctx.funcs = &self;
  ctx.stackLimit = threadStackLimit();
  ASSERT_NE(ctx.stackLimit, 0u);
  uint64_t slots[2] = {};
  ExecResult r = e.call(&ctx, fn->entry(), slots);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, TrapCode::CallStackExhausted);
  EXPECT_EQ(r->message, "call stack exhausted");
  EXPECT_EQ(r->backtrace.size(), size_t(kMaxTrapFrames));  // deep: the walk is capped
  EXPECT_EQ(r->backtrace[0].funcName, "recurse");
}

TEST(JitTraps, GuardPageStackOverflowIsCallStackExhausted) {
  auto fn = load(recursiveWithCheck(false), "recurse_unchecked");
  EntryFixture e(voidToI32());
  abi::VMFuncRef self{const_cast<void*>(fn->entry()), nullptr, 0, 0};
  abi::VMContext ctx;
  ctx.funcs = &self;
  uint64_t slots[2] = {};
  ExecResult r = e.call(&ctx, fn->entry(), slots);  // runs into the thread's guard page (on the altstack)
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, TrapCode::CallStackExhausted);
  // And the thread is still usable afterwards.
  CodeBuffer buf;
  Assembler a(buf);
  a.mov_ri32(Gpr::Rax, 5);
  a.ret();
  auto ok = load(finish(buf), "ok");
  r = e.call(&ctx, ok->entry(), slots);
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(uint32_t(slots[0]), 5u);
}

TEST(JitTraps, PendingTrapFromHelperWins) {
  // Simulates a helper that failed: it set a pending trap, generated code then executes ud2.
  CodeBuffer buf;
  Assembler a(buf);
  prologue(a);
  a.mov_ri64(Gpr::Rax, reinterpret_cast<uint64_t>(+[]() -> uint32_t {
    Trap t;
    t.code = TrapCode::Exit;
    t.message = "exit";
    t.exitCode = 3;
    return setPendingTrap(std::move(t)) ? 1 : 0;
  }));
  a.call_r(Gpr::Rax);
  a.trapSite(TrapCode::HostError, 0);
  a.ud2();
  auto fn = load(finish(buf), "calls_helper");
  EntryFixture e(voidToI32());
  abi::VMContext ctx;
  uint64_t slots[2] = {};
  ExecResult r = e.call(&ctx, fn->entry(), slots);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, TrapCode::Exit);
  EXPECT_EQ(r->exitCode, 3);
  ASSERT_EQ(r->backtrace.size(), 1u);
  EXPECT_EQ(r->backtrace[0].funcName, "calls_helper");
}

// ---- Engine: lazy stubs, fallback, host calls (modules from wat2wasm) ----

std::shared_ptr<const wasm::ValidatedModule> fromWat(const std::string& wat) { return wasmc::testing::moduleFromWat(wat); }

// Hand-written code for `definedIndex`: 0 calls function index `callee` through the table and adds 1000;
// 1 returns 41. Functions the hook declines (in `decline`) run in the interpreter.
struct HandCompiler {
  int calls[4] = {};
  uint32_t callee = 1;
  std::vector<uint32_t> decline;
  Expected<CompiledFunction> operator()(const wasm::ValidatedModule&, uint32_t d) {
    ++calls[d];
    for (uint32_t x : decline)
      if (x == d) return Error::plain("declined by the test");
    CodeBuffer buf;
    Assembler a(buf);
    prologue(a);
    if (d == 0) {
      a.push_r(Gpr::R15);
      a.sub_ri(Width::W64, Gpr::Rsp, 8);
      a.mov_ri32(Gpr::Rdi, 5);  // argument for a host callee
      a.mov_rm(Width::W64, Gpr::Rax, Mem(Gpr::R15, int32_t(offsetof(abi::VMContext, funcs))));
      a.mov_rm(Width::W64, Gpr::R15, Mem(Gpr::Rax, int32_t(24 * callee + 8)));
      a.call_m(Mem(Gpr::Rax, int32_t(24 * callee)));
      a.mov_rm(Width::W64, Gpr::R15, Mem(Gpr::Rbp, -8));
      a.add_ri(Width::W32, Gpr::Rax, 1000);
      a.mov_rr(Width::W64, Gpr::Rsp, Gpr::Rbp);
    } else {
      a.mov_ri32(Gpr::Rax, 41);
    }
    epilogue(a);
    return buf.finish();
  }
};

struct EngineFixture {
  Store store{EngineOptions{}};  // interpreter store: instances and interpreter data; the engine is ours
  interp::Thread thread{1000, 1u << 20};
  HandCompiler hand;
  std::unique_ptr<Engine> engine;
  Instance* inst = nullptr;
  Linker linker;
  void start(const std::string& wat) {
    engine = std::make_unique<Engine>(
        store, thread, [this](const wasm::ValidatedModule& vm, uint32_t d) { return hand(vm, d); });
    auto vm = fromWat(wat);
    ASSERT_NE(vm, nullptr);
    InstantiateResult r = store.instantiate(vm, linker);
    ASSERT_TRUE(r.ok());
    inst = r.instance;
    ASSERT_TRUE(engine->instantiate(*inst).ok());
  }
  ExecResult call(const char* name, std::vector<Value>& results, std::vector<Value> args = {}) {
    return engine->invoke(inst->exportedFunc(name), args, results);
  }
};

const char* kTwoFuncs = R"((module
  (func (export "f") (result i32) (i32.add (call 1) (i32.const 2000)))
  (func (export "g") (result i32) (i32.const 100)))
)";

TEST(JitEngine, LazyStubCompilesOnFirstCallOnly) {
  EngineFixture fx;
  fx.start(kTwoFuncs);
  const void* stub0 = fx.engine->currentCode(*fx.inst, 0);
  const void* stub1 = fx.engine->currentCode(*fx.inst, 1);
  EXPECT_FALSE(fx.engine->isCompiled(*fx.inst, 0));
  EXPECT_EQ(fx.hand.calls[0] + fx.hand.calls[1], 0);
  std::vector<Value> res;
  ExecResult r = fx.call("f", res);
  ASSERT_FALSE(r.has_value()) << r->message;
  ASSERT_EQ(res.size(), 1u);
  EXPECT_EQ(res[0].i32, 1041u);  // hand code: 41 + 1000 (the interpreter would give 2100)
  EXPECT_EQ(fx.hand.calls[0], 1);
  EXPECT_EQ(fx.hand.calls[1], 1);  // compiled by the lazy stub, from inside generated code
  EXPECT_NE(fx.engine->currentCode(*fx.inst, 0), stub0);
  EXPECT_NE(fx.engine->currentCode(*fx.inst, 1), stub1);
  EXPECT_EQ(fx.inst->funcs[1]->vm.code, fx.engine->currentCode(*fx.inst, 1));  // the funcref follows too
  r = fx.call("f", res);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(res[0].i32, 1041u);
  EXPECT_EQ(fx.hand.calls[0], 1);
  EXPECT_EQ(fx.hand.calls[1], 1);
  EXPECT_EQ(fx.engine->stats().compiled, 2u);
  EXPECT_EQ(fx.engine->stats().fallbacks, 0u);
}

TEST(JitEngine, DeclinedFunctionRunsInInterpreterThroughHostTrampoline) {
  EngineFixture fx;
  fx.hand.decline = {1};
  fx.start(kTwoFuncs);
  std::vector<Value> res;
  ExecResult r = fx.call("f", res);
  ASSERT_FALSE(r.has_value()) << r->message;
  EXPECT_EQ(res[0].i32, 1100u);  // hand-compiled f + interpreted g (100)
  EXPECT_EQ(fx.engine->stats().fallbacks, 1u);
  EXPECT_FALSE(fx.engine->isCompiled(*fx.inst, 1));
  r = fx.call("g", res);  // from the embedder: straight to the interpreter
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(res[0].i32, 100u);
}

TEST(JitEngine, HostFunctionCallAndHostTrap) {
  EngineFixture fx;
  fx.hand.callee = 0;  // defined function 0 is wasm index 1; it calls the import (index 0)
  FuncInst* twice = fx.store.createHostFunc(
      FuncType{{ValType::I32}, {ValType::I32}},
      [](HostCallContext& c, std::span<const Value> args, std::span<Value> results) -> ExecResult {
        if (c.caller == nullptr) return Trap{TrapCode::HostError, "no caller", 0, {}};
        if (args[0].i32 == 5 && c.memory && c.memory->sizeBytes == 65536) {
          results[0] = Value::makeI32(10);
          return std::nullopt;
        }
        return Trap{TrapCode::HostError, "host says no", 0, {}};
      },
      "twice");
  fx.linker.define("env", "twice", Extern{ExternKind::Func, twice});
  fx.start(R"((module (import "env" "twice" (func (param i32) (result i32))) (memory 1)
    (func (export "f") (result i32) (i32.const 0))))");
  std::vector<Value> res;
  ExecResult r = fx.call("f", res);
  ASSERT_FALSE(r.has_value()) << r->message;
  EXPECT_EQ(res[0].i32, 1010u);  // host(5) = 10, + 1000
  // Same code, but the host function now fails: the trap comes back with its own message.
  fx.inst->memories[0]->grow(1);
  r = fx.call("f", res);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->message, "host says no");
}

TEST(JitEngine, PerfMapAndEagerModeOptions) {
  EngineOptions o;
  o.jitCompile = JitCompile::Eager;
  o.perfMap = true;
  Store store(o);
  interp::Thread thread(1000, 1u << 20);
  HandCompiler hand;
  Engine engine(store, thread, [&](const wasm::ValidatedModule& vm, uint32_t d) { return hand(vm, d); });
  auto vm = fromWat(kTwoFuncs);
  ASSERT_NE(vm, nullptr);
  Linker linker;
  InstantiateResult ir = store.instantiate(vm, linker);
  ASSERT_NE(ir.instance, nullptr);
  ASSERT_TRUE(engine.instantiate(*ir.instance).ok());
  EXPECT_EQ(hand.calls[0], 1);  // eager: both compiled before any call
  EXPECT_EQ(hand.calls[1], 1);
  EXPECT_TRUE(engine.isCompiled(*ir.instance, 1));
  // Eager: the instance's functions share one block (one mapping), which is RX.
  uintptr_t c0 = reinterpret_cast<uintptr_t>(engine.currentCode(*ir.instance, 0));
  uintptr_t c1 = reinterpret_cast<uintptr_t>(engine.currentCode(*ir.instance, 1));
  EXPECT_NE(c0, c1);
  EXPECT_EQ(c0 / pageSize(), c1 / pageSize());
  EXPECT_EQ(mapPerms(reinterpret_cast<void*>(c0)), "r-xp");
  std::ifstream map("/tmp/perf-" + std::to_string(getpid()) + ".map");
  std::stringstream ss;
  ss << map.rdbuf();
  char line[64];
  std::snprintf(line, sizeof line, "%llx ",
                static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(engine.currentCode(*ir.instance, 1))));
  EXPECT_NE(ss.str().find(line), std::string::npos) << ss.str();
}

}  // namespace
}  // namespace wasmc::rt::jit

namespace wasmc::rt::jit {
namespace {

TEST(JitEngine, HostReentryTrapsUnwindToInnermostEntry) {
  // f (hand code) calls the host import; the host calls back into the engine for "boom", which traps.
  // The inner trap must come back to the host (inner entry), and the host's own failure then ends f.
  EngineFixture fx;
  fx.hand.callee = 0;
  struct Ctx {
    EngineFixture* fx;
    std::string innerMessage;
  } c{&fx, ""};
  FuncInst* reenter = fx.store.createHostFunc(
      FuncType{{ValType::I32}, {ValType::I32}},
      [](HostCallContext& hc, std::span<const Value>, std::span<Value>) -> ExecResult {
        auto* c = static_cast<Ctx*>(hc.userData);
        std::vector<Value> res;
        ExecResult inner = c->fx->call("boom", res);
        c->innerMessage = inner ? inner->message : "no trap";
        EXPECT_NE(currentEntry(), nullptr);  // still inside the outer entry
        return Trap{TrapCode::HostError, "host gave up after: " + c->innerMessage, 0, {}};
      },
      "reenter", &c);
  fx.linker.define("env", "reenter", Extern{ExternKind::Func, reenter});
  fx.hand.decline = {1};  // "boom" runs in the interpreter: unreachable
  fx.start(R"((module (import "env" "reenter" (func (param i32) (result i32)))
    (func (export "f") (result i32) (i32.const 0))
    (func (export "boom") unreachable)))");
  std::vector<Value> res;
  ExecResult r = fx.call("f", res);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(c.innerMessage, "unreachable");
  EXPECT_EQ(r->message, "host gave up after: unreachable");
  EXPECT_EQ(currentEntry(), nullptr);
}

TEST(JitTraps, ThreadsTrapIndependently) {
  CodeBuffer buf;
  Assembler a(buf);
  prologue(a);
  a.cmp_ri(Width::W32, Gpr::Rdi, 0);
  codegen::Label trap = a.newLabel();
  a.jcc_label(Cond::E, trap);
  a.mov_rr(Width::W32, Gpr::Rax, Gpr::Rdi);
  epilogue(a);
  a.bind(trap);
  a.trapSite(TrapCode::IntDivByZero, 0);
  a.ud2();
  auto fn = load(finish(buf), "maybe_trap");
  EntryFixture e(FuncType{{ValType::I32}, {ValType::I32}});
  std::atomic<int> traps{0}, oks{0};
  auto work = [&](int seed) {
    for (int i = 0; i < 2000; ++i) {
      abi::VMContext ctx;
      ctx.stackLimit = threadStackLimit();
      uint64_t slots[2] = {uint64_t((i + seed) % 3), 0};
      ExecResult r = e.call(&ctx, fn->entry(), slots);
      if (r) {
        if (r->code == TrapCode::IntDivByZero) ++traps;
      } else if (uint32_t(slots[0]) == uint32_t((i + seed) % 3)) {
        ++oks;
      }
    }
  };
  std::thread t1(work, 0), t2(work, 1), t3(work, 2);
  t1.join();
  t2.join();
  t3.join();
  EXPECT_EQ(traps.load() + oks.load(), 6000);
  EXPECT_EQ(traps.load(), 2000);  // exactly the zero arguments: one third of each thread's calls
}

TEST(JitStore, RealCodeGeneratorTrapBacktraceHasFunctionNames) {
  EngineOptions o;
  o.mode = ExecMode::Jit;
  Store store(o);
  auto vm = fromWat(R"((module
    (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
    (func $middle (export "middle") (param i32) (result i32) (i32.add (call $inner (local.get 0)) (i32.const 1)))
    (func (export "deep") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call 2 (i32.sub (local.get 0) (i32.const 1)))))))
    (func (export "forever") (call 3))))");
  ASSERT_NE(vm, nullptr);
  Linker linker;
  InstantiateResult ir = store.instantiate(vm, linker);
  ASSERT_TRUE(ir.ok());
  std::vector<Value> res;
  std::vector<Value> args{Value::makeI32(1)};
  ExecResult r = store.invoke(ir.instance->exportedFunc("middle"), args, res);
  ASSERT_FALSE(r.has_value()) << r->message;
  EXPECT_EQ(res[0].i32, 2u);
  CodeRange range;
  ASSERT_TRUE(CodeRegistry::global().lookup(reinterpret_cast<uintptr_t>(ir.instance->funcs[1]->vm.code), range));
  EXPECT_EQ(range.info->kind, CodeKind::WasmFunction);  // really compiled, not the interpreter
  args[0] = Value::makeI32(0);
  r = store.invoke(ir.instance->exportedFunc("middle"), args, res);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->message, "integer divide by zero");
  ASSERT_GE(r->backtrace.size(), 2u);
  EXPECT_EQ(r->backtrace[0].funcName, "inner");
  EXPECT_EQ(r->backtrace[1].funcName, "middle");
  args[0] = Value::makeI32(10000);
  r = store.invoke(ir.instance->exportedFunc("deep"), args, res);
  ASSERT_FALSE(r.has_value()) << r->message;
  EXPECT_EQ(res[0].i32, 10000u);
  r = store.invoke(ir.instance->exportedFunc("forever"), {}, res);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->message, "call stack exhausted");
}

}  // namespace
}  // namespace wasmc::rt::jit

namespace wasmc::rt::jit {
namespace {

void faultOutsideGeneratedCode() {
  installTrapHandlers();
  volatile int* p = nullptr;
  *p = 1;  // not generated code: must reach the default action (or the previous handler) and die
}

TEST(JitTrapsDeathTest, FaultOutsideGeneratedCodeIsNotSwallowed) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(faultOutsideGeneratedCode(), "");
}

}  // namespace
}  // namespace wasmc::rt::jit

namespace wasmc::rt::jit {
namespace {

TEST(JitStore, LazyStubPreservesStackArgumentsAndResultArea) {
  // `callee` takes 8 i64 and 10 f64 (2 of each on the stack) and returns 3 i64 + 3 f64 (the third of each
  // through the result area). `caller` is compiled first; `callee` is compiled by its lazy stub.
  EngineOptions o;
  o.mode = ExecMode::Jit;
  Store store(o);
  auto vm = fromWat(R"((module
    (func $callee (param i64 i64 i64 i64 i64 i64 i64 i64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64)
                  (result i64 i64 i64 f64 f64 f64)
      (i64.add (local.get 0) (local.get 7)) (local.get 6) (local.get 7)
      (f64.add (local.get 8) (local.get 17)) (local.get 16) (local.get 17))
    (func (export "caller") (result i64)
      (local $a i64) (local $b i64) (local $c i64) (local $x f64) (local $y f64) (local $z f64)
      (call $callee (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6)
                    (i64.const 700) (i64.const 8000)
                    (f64.const 0.5) (f64.const 1) (f64.const 2) (f64.const 3) (f64.const 4) (f64.const 5)
                    (f64.const 6) (f64.const 7) (f64.const 90) (f64.const 1000))
      (local.set $z) (local.set $y) (local.set $x) (local.set $c) (local.set $b) (local.set $a)
      ;; a + b*10 + c*100 + trunc(x + y + z)
      (i64.add (i64.add (local.get $a) (i64.mul (local.get $b) (i64.const 10)))
               (i64.add (i64.mul (local.get $c) (i64.const 100))
                        (i64.trunc_f64_s (f64.add (f64.add (local.get $x) (local.get $y)) (local.get $z))))))))");
  ASSERT_NE(vm, nullptr);
  Linker linker;
  InstantiateResult ir = store.instantiate(vm, linker);
  ASSERT_TRUE(ir.ok());
  std::vector<Value> res;
  ExecResult r = store.invoke(ir.instance->exportedFunc("caller"), {}, res);
  ASSERT_FALSE(r.has_value()) << r->message;
  // a = 8001, b = 700, c = 8000, x = 1000.5, y = 90, z = 1000: 8001 + 7000 + 800000 + 2090
  EXPECT_EQ(res[0].i64, 817091u);
  CodeRange range;
  ASSERT_TRUE(CodeRegistry::global().lookup(reinterpret_cast<uintptr_t>(ir.instance->funcs[0]->vm.code), range));
  EXPECT_EQ(range.info->kind, CodeKind::WasmFunction);  // the callee really was compiled by its stub
}

}  // namespace
}  // namespace wasmc::rt::jit
