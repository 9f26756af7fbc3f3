// driver/spectest.cpp — the `spectest` host module (see spectest.h), as the reference interpreter
// defines it. The print functions accept their arguments and print nothing, so script output stays
// one line per failure. Globals hold exactly 666.6 as f32/f64 (wabt's host wrongly gives 666.0).
#include "driver/spectest.h"

#include <bit>
#include <string>

namespace wasmc::driver {

using rt::Extern;
using rt::Value;
using wasm::ExternKind;
using wasm::ValType;

Status defineSpectest(rt::Store& store, rt::Linker& linker) {
  struct PrintFn {
    const char* name;
    std::vector<ValType> params;
  };
  const PrintFn prints[] = {
      {"print", {}},
      {"print_i32", {ValType::I32}},
      {"print_i64", {ValType::I64}},
      {"print_f32", {ValType::F32}},
      {"print_f64", {ValType::F64}},
      {"print_i32_f32", {ValType::I32, ValType::F32}},
      {"print_f64_f64", {ValType::F64, ValType::F64}},
  };
  for (const auto& p : prints) {
    wasm::FuncType type{p.params, {}};
    rt::HostFunc fn = [](rt::HostCallContext&, std::span<const Value>, std::span<Value>) -> rt::ExecResult {
      return std::nullopt;
    };
    rt::FuncInst* f = store.createHostFunc(std::move(type), std::move(fn), std::string("spectest.") + p.name);
    linker.define("spectest", p.name, Extern{ExternKind::Func, f});
  }

  auto global = [&](const char* name, ValType t, const Value& v) {
    rt::GlobalInst* g = store.createGlobal(wasm::GlobalType{t, false}, v);
    linker.define("spectest", name, Extern{ExternKind::Global, g});
  };
  global("global_i32", ValType::I32, Value::makeI32(666));
  global("global_i64", ValType::I64, Value::makeI64(666));
  global("global_f32", ValType::F32, Value::makeF32Bits(std::bit_cast<uint32_t>(666.6f)));
  global("global_f64", ValType::F64, Value::makeF64Bits(std::bit_cast<uint64_t>(666.6)));

  wasm::TableType tt;
  tt.elemType = ValType::FuncRef;
  tt.limits = wasm::Limits{10, 20};
  rt::TableInst* table = store.createTable(tt, 0);
  linker.define("spectest", "table", Extern{ExternKind::Table, table});

  wasm::MemoryType mt;
  mt.limits = wasm::Limits{1, 2};
  rt::MemoryInst* mem = store.createMemory(mt);
  if (!mem) return Error::plain("spectest: cannot reserve the 1..2 page memory");
  linker.define("spectest", "memory", Extern{ExternKind::Memory, mem});
  return {};
}

}  // namespace wasmc::driver
