// test/unit/runtime/interp_test.cpp — the interpreter and runtime core on hand-assembled modules:
// results, traps with spec messages and backtraces, call-depth limit, memory.grow limits, host
// functions re-entering Store::invoke, import linking errors, call_indirect checks, segment bounds at
// instantiation, fused loads/stores in a loop.
#include <gtest/gtest.h>

#include "test/unit/runtime/rt_util.h"

using namespace wasmc;
using namespace wasmc::test;
using rt::Value;

namespace {

struct Harness {
  rt::Store store;
  rt::Linker linker;
  rt::Instance* inst = nullptr;
  explicit Harness(rt::EngineOptions o = {}) : store(o) {}
  rt::InstantiateResult load(Bytes bytes) {
    auto vm = validated(std::move(bytes));
    if (!vm) return {};
    auto r = store.instantiate(vm, linker);
    inst = r.instance;
    return r;
  }
  rt::ExecResult call(const char* name, std::vector<Value> args, std::vector<Value>& out) {
    rt::FuncInst* f = inst->exportedFunc(name);
    EXPECT_NE(f, nullptr) << name;
    return store.invoke(f, args, out);
  }
  uint32_t callI32(const char* name, std::vector<Value> args) {
    std::vector<Value> out;
    auto r = call(name, std::move(args), out);
    EXPECT_FALSE(r.has_value()) << (r ? r->message : "");
    return out.empty() ? 0xDEADBEEF : out[0].i32;
  }
  std::string trapOf(const char* name, std::vector<Value> args) {
    std::vector<Value> out;
    auto r = call(name, std::move(args), out);
    return r ? r->message : "no trap";
  }
};

Value i32(uint32_t v) { return Value::makeI32(v); }

Bytes fibModule() {
  Bytes fib = cat({Bytes{0x00, 0x20, 0x00}, i32c(2), Bytes{0x49, 0x04, I32, 0x20, 0x00, 0x05, 0x20, 0x00}, i32c(1),
                   Bytes{0x6b, 0x10, 0x00, 0x20, 0x00}, i32c(2), Bytes{0x6b, 0x10, 0x00, 0x6a, 0x0b, 0x0b}});
  Bytes div = Bytes{0x00, 0x20, 0x00, 0x20, 0x01, 0x6d, 0x0b};
  Bytes runaway = Bytes{0x00, 0x10, 0x02, 0x0b};
  return module({section(1, vec({funcType({I32}, {I32}), funcType({I32, I32}, {I32}), funcType({}, {})})),
                 section(3, vec({{0x00}, {0x01}, {0x02}})),
                 section(7, vec({exportFunc("fib", 0), exportFunc("div", 1), exportFunc("runaway", 2)})),
                 code({fib, div, runaway})});
}

}  // namespace

TEST(Interp, RecursiveFib) {
  Harness h;
  ASSERT_TRUE(h.load(fibModule()).ok());
  EXPECT_EQ(h.callI32("fib", {i32(0)}), 0u);
  EXPECT_EQ(h.callI32("fib", {i32(1)}), 1u);
  EXPECT_EQ(h.callI32("fib", {i32(20)}), 6765u);
}

TEST(Interp, DivideByZeroTrapsWithBacktrace) {
  Harness h;
  ASSERT_TRUE(h.load(fibModule()).ok());
  EXPECT_EQ(h.callI32("div", {i32(uint32_t(-7)), i32(2)}), uint32_t(-3));
  std::vector<Value> out;
  auto r = h.call("div", {i32(1), i32(0)}, out);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->code, TrapCode::IntDivByZero);
  EXPECT_EQ(r->message, "integer divide by zero");
  ASSERT_EQ(r->backtrace.size(), 1u);
  EXPECT_EQ(r->backtrace[0].funcIndex, 1u);
  EXPECT_EQ(h.trapOf("div", {i32(0x80000000u), i32(uint32_t(-1))}), "integer overflow");
}

TEST(Interp, RunawayRecursionExhaustsCallStack) {
  rt::EngineOptions o;
  o.maxCallDepth = 500;
  Harness h(o);
  ASSERT_TRUE(h.load(fibModule()).ok());
  std::vector<Value> out;
  auto r = h.call("runaway", {}, out);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->message, "call stack exhausted");
  EXPECT_GE(r->backtrace.size(), 400u);
  // The store is still usable after the trap unwound every frame.
  EXPECT_EQ(h.callI32("fib", {i32(10)}), 55u);
}

TEST(Interp, MemoryGrowUpToMaxAndBoundsChecks) {
  Harness h;
  Bytes grow = {0x00, 0x20, 0x00, 0x40, 0x00, 0x0b};
  Bytes load = {0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x0b};
  Bytes store = {0x00, 0x20, 0x00, 0x20, 0x01, 0x36, 0x02, 0x00, 0x0b};
  ASSERT_TRUE(h.load(module({section(1, vec({funcType({I32}, {I32}), funcType({I32, I32}, {})})),
                             section(3, vec({{0x00}, {0x00}, {0x01}})), section(5, vec({{0x01, 0x01, 0x03}})),
                             section(7, vec({exportFunc("grow", 0), exportFunc("load", 1), exportFunc("store", 2)})),
                             code({grow, load, store})}))
                  .ok());
  EXPECT_EQ(h.trapOf("load", {i32(65536 - 3)}), "out of bounds memory access");
  EXPECT_EQ(h.callI32("grow", {i32(1)}), 1u);
  EXPECT_EQ(h.callI32("grow", {i32(1)}), 2u);
  EXPECT_EQ(h.callI32("grow", {i32(1)}), uint32_t(-1));  // max is 3 pages
  EXPECT_EQ(h.callI32("grow", {i32(0)}), 3u);
  std::vector<Value> out;
  EXPECT_FALSE(h.call("store", {i32(3 * 65536 - 4), i32(42)}, out).has_value());
  EXPECT_EQ(h.callI32("load", {i32(3 * 65536 - 4)}), 42u);
  EXPECT_EQ(h.trapOf("load", {i32(3 * 65536 - 3)}), "out of bounds memory access");
  EXPECT_EQ(h.trapOf("load", {i32(0xFFFFFFFFu)}), "out of bounds memory access");
}

namespace {
Bytes hostModule() {
  Bytes twice = {0x00, 0x20, 0x00, 0x10, 0x00, 0x0b};
  Bytes inc = cat({Bytes{0x00, 0x20, 0x00}, i32c(1), Bytes{0x6a, 0x0b}});
  return module({section(1, vec({funcType({I32}, {I32})})), section(2, vec({cat({str("env"), str("cb"), Bytes{0x00, 0x00}})})),
                 section(3, vec({{0x00}, {0x00}})), section(7, vec({exportFunc("twice", 1), exportFunc("inc", 2)})),
                 code({twice, inc})});
}
}  // namespace

TEST(Interp, HostFunctionReentersInvoke) {
  Harness h;
  rt::Instance** instSlot = &h.inst;
  rt::FuncInst* cb = h.store.createHostFunc(
      rt::FuncType{{rt::ValType::I32}, {rt::ValType::I32}},
      [instSlot](rt::HostCallContext& ctx, std::span<const Value> args, std::span<Value> results) -> rt::ExecResult {
        std::vector<Value> out;
        if (auto t = ctx.store.invoke((*instSlot)->exportedFunc("inc"), args, out)) return t;
        results[0] = Value::makeI32(out[0].i32 * 2);
        return std::nullopt;
      },
      "cb");
  h.linker.define("env", "cb", rt::Extern{rt::ExternKind::Func, cb});
  ASSERT_TRUE(h.load(hostModule()).ok());
  EXPECT_EQ(h.callI32("twice", {i32(5)}), 12u);
}

TEST(Interp, HostTrapPropagatesWithWasmFrames) {
  Harness h;
  rt::FuncInst* cb = h.store.createHostFunc(
      rt::FuncType{{rt::ValType::I32}, {rt::ValType::I32}},
      [](rt::HostCallContext&, std::span<const Value>, std::span<Value>) -> rt::ExecResult {
        rt::Trap t;
        t.code = TrapCode::HostError;
        t.message = "boom";
        return t;
      },
      "cb");
  h.linker.define("env", "cb", rt::Extern{rt::ExternKind::Func, cb});
  ASSERT_TRUE(h.load(hostModule()).ok());
  std::vector<Value> out;
  auto r = h.call("twice", {i32(1)}, out);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->message, "boom");
  ASSERT_FALSE(r->backtrace.empty());
  EXPECT_EQ(r->backtrace.back().funcIndex, 1u);
}

TEST(Runtime, LinkErrors) {
  {
    Harness h;
    auto r = h.load(hostModule());
    ASSERT_TRUE(r.linkError.has_value());
    EXPECT_EQ(r.linkError->message, "unknown import");
  }
  {
    Harness h;
    rt::FuncInst* cb = h.store.createHostFunc(
        rt::FuncType{{rt::ValType::I64}, {rt::ValType::I32}},
        [](rt::HostCallContext&, std::span<const Value>, std::span<Value>) -> rt::ExecResult { return std::nullopt; },
        "cb");
    h.linker.define("env", "cb", rt::Extern{rt::ExternKind::Func, cb});
    auto r = h.load(hostModule());
    ASSERT_TRUE(r.linkError.has_value());
    EXPECT_EQ(r.linkError->message, "incompatible import type");
  }
}

TEST(Runtime, CallIndirectChecks) {
  Harness h;
  Bytes seven = cat({Bytes{0x00}, i32c(7), Bytes{0x0b}});
  Bytes callInd = {0x00, 0x20, 0x00, 0x11, 0x00, 0x00, 0x0b};
  Bytes elem = cat({Bytes{0x00}, i32c(0), Bytes{0x0b}, vec({{0x00}, {0x01}})});
  ASSERT_TRUE(h.load(module({section(1, vec({funcType({}, {I32}), funcType({I32}, {I32})})),
                             section(3, vec({{0x00}, {0x01}})), section(4, vec({{0x70, 0x00, 0x03}})),
                             section(7, vec({exportFunc("call", 1)})), section(9, vec({elem})), code({seven, callInd})}))
                  .ok());
  EXPECT_EQ(h.callI32("call", {i32(0)}), 7u);
  EXPECT_EQ(h.trapOf("call", {i32(1)}), "indirect call type mismatch");
  EXPECT_EQ(h.trapOf("call", {i32(2)}), "uninitialized element");
  EXPECT_EQ(h.trapOf("call", {i32(3)}), "undefined element");
}

TEST(Runtime, ActiveDataOutOfBoundsTrapsAtInstantiation) {
  Harness h;
  // memory 1 page; data at 65535: "ab" (2 bytes) does not fit
  Bytes data = cat({Bytes{0x00}, i32c(65535), Bytes{0x0b}, str("ab")});
  auto r = h.load(module({section(5, vec({{0x00, 0x01}})), section(11, vec({data}))}));
  ASSERT_TRUE(r.instance != nullptr);
  ASSERT_TRUE(r.trap.has_value());
  EXPECT_EQ(r.trap->message, "out of bounds memory access");
}

TEST(Interp, WhileLoopWithMemoryAndFusedOps) {
  // (func (param $n i32) (result i32) (local $i i32) (local $s i32)
  //   block  loop  local.get $i local.get $n i32.ge_s br_if 1
  //     ;; mem[4*i + 16] = i; s += mem[16 + 4*i]
  //     local.get $i i32.const 2 i32.shl i32.const 16 i32.add local.get $i i32.store
  //     local.get $s i32.const 16 local.get $i i32.const 2 i32.shl i32.add i32.load i32.add local.set $s
  //     local.get $i i32.const 1 i32.add local.set $i  br 0  end end  local.get $s)
  Bytes body = cat({Bytes{0x01, 0x02, I32, 0x02, 0x40, 0x03, 0x40, 0x20, 0x01, 0x20, 0x00, 0x4e, 0x0d, 0x01},
                    Bytes{0x20, 0x01}, i32c(2), Bytes{0x74}, i32c(16), Bytes{0x6a, 0x20, 0x01, 0x36, 0x02, 0x00},
                    Bytes{0x20, 0x02}, i32c(16), Bytes{0x20, 0x01}, i32c(2), Bytes{0x74, 0x6a, 0x28, 0x02, 0x00, 0x6a, 0x21, 0x02},
                    Bytes{0x20, 0x01}, i32c(1), Bytes{0x6a, 0x21, 0x01, 0x0c, 0x00, 0x0b, 0x0b, 0x20, 0x02, 0x0b}});
  Harness h;
  ASSERT_TRUE(h.load(module({section(1, vec({funcType({I32}, {I32})})), oneFunc(), section(5, vec({{0x00, 0x01}})),
                             section(7, vec({exportFunc("sum", 0)})), code({body})}))
                  .ok());
  EXPECT_EQ(h.callI32("sum", {i32(0)}), 0u);
  EXPECT_EQ(h.callI32("sum", {i32(100)}), 4950u);  // 0 + 1 + ... + 99
  EXPECT_EQ(h.trapOf("sum", {i32(20000)}), "out of bounds memory access");  // 4*16380+16 > 65536
}

TEST(Interp, ManyConstantsSomeKeptInCode) {
  // (func (result i32) i32.const 1 (i32.const 1000k; i32.add) for k = 2..60): more constants than the
  // frame keeps (40), so some are loaded from the code into scratch slots where used.
  Bytes body = cat({Bytes{0x00}, i32c(1)});
  for (int k = 2; k <= 60; ++k) body = cat({body, i32c(k * 1000), Bytes{0x6a}});
  body = cat({body, Bytes{0x0b}});
  Harness h;
  ASSERT_TRUE(h.load(module({section(1, vec({funcType({}, {I32})})), oneFunc(), section(7, vec({exportFunc("sum", 0)})),
                             code({body})}))
                  .ok());
  EXPECT_EQ(h.callI32("sum", {}), 1u + 1000u * (60u * 61u / 2u - 1u));  // 1 + 1000 * (2 + ... + 60)
}
