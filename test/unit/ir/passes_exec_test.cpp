// test/unit/ir/passes_exec_test.cpp — the passes change code, not results: functions written to give the
// passes work (constants through locals and branches, copies, dead values, repeated expressions, traps
// behind constant operands) run in the interpreter (no passes) and through the JIT at -O0, -O1 and -O2, and
// every result or trap message must agree for every input. And every scalar operator of opcodes.def on
// constant operands: folded at compile time (-O2) it must give what the interpreter computes at run time.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "ir/passes/passes.h"
#include "runtime/core/runtime.h"
#include "wasm/decoder.h"
#include "wasm/validator.h"
#include "test/unit/wat_util.h"

using namespace wasmc;
using namespace wasmc::rt;

namespace {

std::shared_ptr<const wasm::ValidatedModule> fromWat(const std::string& wat) { return wasmc::testing::moduleFromWat(wat); }

const char* kWat = R"((module (memory 1) (global $g (mut i32) (i32.const 3))
  (func (export "consts") (param i32) (result i32) (local i32 i32)
    (local.set 1 (i32.const 8))
    (local.set 2 (i32.mul (local.get 1) (i32.const 4)))
    (if (i32.gt_u (local.get 1) (i32.const 3))
      (then (i32.store (i32.and (local.get 0) (i32.const 0xfff0)) (i32.add (local.get 2) (local.get 0)))))
    (i32.add (i32.load (i32.and (local.get 0) (i32.const 0xfff0))) (i32.mul (local.get 1) (local.get 0))))
  (func (export "copies") (param i32 i32) (result i32) (local i32 i32)
    (local.set 2 (local.get 0))
    (local.set 0 (i32.add (local.get 0) (i32.const 1)))
    (local.set 3 (i32.mul (local.get 2) (local.get 2)))
    (local.set 2 (local.get 1))
    (i32.sub (i32.add (local.get 3) (local.get 2)) (local.get 0)))
  (func (export "cse") (param i32 i32) (result i32) (local i32)
    (local.set 2 (i32.xor (i32.mul (local.get 0) (local.get 1)) (i32.mul (local.get 0) (local.get 1))))
    (local.set 0 (i32.add (local.get 0) (i32.const 5)))
    (i32.add (local.get 2) (i32.mul (local.get 0) (local.get 1))))
  (func (export "loop") (param i32) (result i32) (local i32 i32)
    (local.set 2 (i32.const 1))
    (local.set 0 (i32.and (local.get 0) (i32.const 1023)))
    (block (loop $l
      (br_if 1 (i32.eqz (local.get 0)))
      (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 2) (i32.const 3))))
      (local.set 2 (i32.add (local.get 2) (i32.const 0)))
      (global.set $g (i32.add (global.get $g) (i32.const 1)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br $l)))
    (i32.add (local.get 1) (global.get $g)))
  (func (export "traps") (param i32) (result i32) (local i32)
    (local.set 1 (i32.const 0))
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 0))
      (then (i32.div_s (i32.const 7) (local.get 1)))
      (else (i32.rem_u (local.get 0) (i32.add (local.get 1) (i32.const 3))))))
  (func (export "switch") (param i32) (result i32) (local i32)
    (local.set 1 (i32.const 2))
    (block (block (block (block (br_table 0 1 2 3 (local.get 1)))
      (return (i32.const 100))) (return (i32.add (local.get 0) (i32.const 200))))
      (return (i64.eqz (i64.extend_i32_u (local.get 0)))))
    (i32.const 400)))
)";

TEST(IrPassesExec, EveryLevelAgreesWithTheInterpreter) {
  auto vm = fromWat(kWat);
  ASSERT_NE(vm, nullptr);
  struct Call {
    const char* name;
    int nargs;
  };
  const Call calls[] = {{"consts", 1}, {"copies", 2}, {"cse", 2}, {"loop", 1}, {"traps", 1}, {"switch", 1}};
  const uint32_t inputs[] = {0, 1, 2, 7, 100, 0x7fffffff, 0x80000000u, 0xffffffffu};
  auto runAll = [&](ExecMode mode, uint8_t level) {
    EngineOptions o;
    o.mode = mode;
    o.optLevel = level;
    o.jitCompile = JitCompile::Eager;
    Store store(o);
    Linker linker;
    InstantiateResult ir = store.instantiate(vm, linker);
    EXPECT_TRUE(ir.ok());
    std::vector<std::string> out;
    if (!ir.ok()) return out;
    for (const Call& c : calls)
      for (uint32_t x : inputs) {
        std::vector<Value> args{Value::makeI32(x)};
        if (c.nargs == 2) args.push_back(Value::makeI32(x * 3 + 1));
        std::vector<Value> res;
        ExecResult r = store.invoke(ir.instance->exportedFunc(c.name), args, res);
        out.push_back(std::string(c.name) + "(" + std::to_string(x) + ") = " +
                      (r.has_value() ? "trap " + r->message : std::to_string(res.at(0).i32)));
      }
    return out;
  };
  const std::vector<std::string> want = runAll(ExecMode::Interp, 0);
  ASSERT_EQ(want.size(), std::size(calls) * std::size(inputs));
  // A few values written by hand, so that the interpreter is not the only judge.
  EXPECT_EQ(want[0 * 8 + 2], "consts(2) = 50");      // load(0) = 32 + 2, plus 8 * 2
  EXPECT_EQ(want[4 * 8 + 6], "traps(2147483648) = trap integer divide by zero");
  EXPECT_EQ(want[5 * 8 + 3], "switch(7) = 0");       // br_table index 2: i64.eqz(7)
  for (uint8_t level : {0, 1, 2}) {
    std::vector<std::string> got = runAll(ExecMode::Jit, level);
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], want[i]) << "at -O" << int(level);
  }
}

bool scalarType(ValType t) {
  return t == ValType::I32 || t == ValType::I64 || t == ValType::F32 || t == ValType::F64;
}

std::string constExpr(ValType t, uint64_t bits) {
  switch (t) {
    case ValType::I32: return "(i32.const " + std::to_string(int32_t(uint32_t(bits))) + ")";
    case ValType::I64: return "(i64.const " + std::to_string(int64_t(bits)) + ")";
    case ValType::F32: return "(f32.reinterpret_i32 " + constExpr(ValType::I32, bits) + ")";
    case ValType::F64: return "(f64.reinterpret_i64 " + constExpr(ValType::I64, bits) + ")";
    case ValType::V128: case ValType::FuncRef: case ValType::ExternRef: break;
  }
  return "";
}

std::vector<uint64_t> samples(ValType t) {
  switch (t) {
    case ValType::I32: return {0, 1, 0xffffffffu, 0x80000000u, 0x7fffffffu, 33};
    case ValType::I64: return {0, 1, ~0ull, 0x8000000000000000ull, 0x7fffffffffffffffull, 65};
    case ValType::F32:  // 0, -0, 1.5, -2.5, inf, nan, 2^32, 2^63
      return {0, 0x80000000u, 0x3fc00000u, 0xc0200000u, 0x7f800000u, 0x7fc00000u, 0x4f800000u, 0x5f000000u};
    case ValType::F64:
      return {0, 0x8000000000000000ull, 0x3ff8000000000000ull, 0xc004000000000000ull, 0x7ff0000000000000ull,
              0x7ff8000000000000ull, 0x41f0000000000000ull, 0x43e0000000000000ull};
    case ValType::V128: case ValType::FuncRef: case ValType::ExternRef: break;
  }
  return {};
}

TEST(IrPassesExec, FoldingAgreesWithRunTimeEvaluationForEveryScalarOperator) {
  // One exported function per (operator, constant operands): (func (result R) (op A B)).
  std::string wat = "(module\n";
  std::vector<ValType> resultTypes;
  std::vector<std::string> what;
  for (uint16_t i = 0; i < wasm::kNumOpcodes; ++i) {
    const wasm::OpcodeInfo& oi = wasm::opcodeInfo(wasm::Opcode(i));
    if ((oi.kind != wasm::OpKind::Simple && oi.kind != wasm::OpKind::Trapping) || oi.imm != wasm::ImmKind::None ||
        oi.sig == wasm::Sig::X)
      continue;
    const wasm::SigInfo& si = wasm::sigInfo(oi.sig);
    if (si.numResults != 1 || !scalarType(si.result) || si.numParams < 1 || si.numParams > 2) continue;
    if (!scalarType(si.params[0]) || (si.numParams == 2 && !scalarType(si.params[1]))) continue;
    for (uint64_t x : samples(si.params[0]))
      for (uint64_t y : si.numParams == 2 ? samples(si.params[1]) : std::vector<uint64_t>{0}) {
        std::string body = "(";
        body += oi.text;
        body += " ";
        body += constExpr(si.params[0], x);
        if (si.numParams == 2) {
          body += " ";
          body += constExpr(si.params[1], y);
        }
        body += ")";
        const char* rt = si.result == ValType::I32   ? "i32"
                         : si.result == ValType::I64 ? "i64"
                         : si.result == ValType::F32 ? "f32"
                                                     : "f64";
        wat += "(func (export \"f";
        wat += std::to_string(what.size());
        wat += "\") (result ";
        wat += rt;
        wat += ") ";
        wat += body;
        wat += ")\n";
        resultTypes.push_back(si.result);
        what.push_back(body);
      }
  }
  wat += ")";
  ASSERT_GT(what.size(), 3000u);  // ~120 scalar operators
  auto vm = fromWat(wat);
  ASSERT_NE(vm, nullptr);
  auto runAll = [&](ExecMode mode, uint8_t level) {
    EngineOptions o;
    o.mode = mode;
    o.optLevel = level;
    Store store(o);
    Linker linker;
    InstantiateResult ir = store.instantiate(vm, linker);
    EXPECT_TRUE(ir.ok());
    std::vector<std::pair<bool, uint64_t>> out;  // (trapped, result bits)
    if (!ir.ok()) return out;
    for (size_t k = 0; k < what.size(); ++k) {
      std::vector<Value> res;
      std::string name = "f";
      name += std::to_string(k);
      ExecResult r = store.invoke(ir.instance->exportedFunc(name), {}, res);
      const Value v = res.empty() ? Value() : res[0];
      uint64_t bits = resultTypes[k] == ValType::I32 || resultTypes[k] == ValType::F32 ? v.i32 : v.i64;
      out.push_back({r.has_value(), r.has_value() ? uint64_t(r->code) : bits});
    }
    return out;
  };
  auto isNan = [](ValType t, uint64_t b) {
    if (t == ValType::F32) return (b & 0x7f800000u) == 0x7f800000u && (b & 0x7fffffu);
    if (t == ValType::F64) return (b & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (b & 0xfffffffffffffull);
    return false;
  };
  const auto want = runAll(ExecMode::Interp, 0);
  ASSERT_EQ(want.size(), what.size());
  size_t traps = 0;
  for (uint8_t level : {0, 2}) {  // -O0: the machine instructions; -O2: folded at compile time
    const auto got = runAll(ExecMode::Jit, level);
    ASSERT_EQ(got.size(), want.size());
    for (size_t k = 0; k < want.size(); ++k) {
      if (level == 0) traps += want[k].first;
      if (got[k] == want[k]) continue;
      const bool bothNan = !got[k].first && !want[k].first && isNan(resultTypes[k], got[k].second) &&
                           isNan(resultTypes[k], want[k].second);
      if (bothNan) continue;  // NaN payloads may differ (Wasm nondeterminism)
      ADD_FAILURE() << "-O" << int(level) << ": " << what[k] << ": interpreter " << (want[k].first ? "trap " : "")
                    << want[k].second << ", jit " << (got[k].first ? "trap " : "") << got[k].second;
    }
  }
  EXPECT_GT(traps, 50u);  // division by zero, overflow, invalid conversions
  // At -O2 every function that does not trap is folded to its constant: no Wasm operator is left.
  size_t folded = 0;
  for (size_t k = 0; k < what.size(); ++k) {
    if (want[k].first) continue;
    ir::Function f = ir::lowerFunction(*vm, uint32_t(k));
    ir::removeEmptyBlocks(f);
    ir::runPasses(f, vm->module(), 2);
    bool anyOp = false;
    for (uint32_t b : f.layout)
      for (const ir::Inst& in : f.blocks[b].insts) anyOp |= ir::opForm(in.op) == ir::OpForm::Wasm;
    EXPECT_FALSE(anyOp) << what[k] << "\n" << ir::print(f);
    folded += !anyOp;
  }
  EXPECT_EQ(folded + traps, what.size());
}

}  // namespace
