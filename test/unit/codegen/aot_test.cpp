// test/unit/codegen/aot_test.cpp — whole-module AOT: symbol naming, the descriptor the compiler writes,
// and the round trip object → ld.lld -shared → dlopen → Store(ExecMode::Aot) → invoke, including traps
// raised in AOT code (guard-page and explicit bounds) and the loader's refusals (wrong version).
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "aot/aot.h"
#include "object/linker.h"
#include "runtime/aot/loader.h"
#include "wasm/decoder.h"

namespace wasmc {
namespace {

// A fresh path (the file is created empty by mkstemps and overwritten by the caller).
std::string tempPath(const std::string& suffix) {
  std::string t = "/tmp/wasmc_aot_test_XXXXXX" + suffix;
  int fd = mkstemps(t.data(), int(suffix.size()));
  if (fd >= 0) close(fd);
  return t;
}

std::vector<uint8_t> watToWasm(const std::string& wat) {
  std::string watPath = tempPath(".wat"), wasmPath = watPath + ".wasm";
  std::ofstream(watPath) << wat;
  std::string cmd = "wat2wasm --debug-names '" + watPath + "' -o '" + wasmPath + "' 2>&1";
  int rc = std::system(cmd.c_str());
  std::ifstream f(wasmPath, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::remove(watPath.c_str());
  std::remove(wasmPath.c_str());
  EXPECT_EQ(rc, 0) << wat;
  return bytes;
}

std::shared_ptr<const wasm::ValidatedModule> validated(const std::vector<uint8_t>& bytes) {
  auto m = wasm::decode(bytes);
  if (!m) return nullptr;
  auto v = wasm::validate(std::shared_ptr<const wasm::Module>(std::move(*m)));
  if (!v) return nullptr;
  return std::make_shared<const wasm::ValidatedModule>(std::move(*v));
}

// Compiles `wat`, links a shared object and returns its path ("" on failure, with a test failure).
std::string buildSharedObject(const std::string& wat, const aot::AotOptions& opts = {},
                              void (*patch)(std::vector<uint8_t>&) = nullptr) {
  std::vector<uint8_t> bytes = watToWasm(wat);
  auto vm = validated(bytes);
  if (!vm) {
    ADD_FAILURE() << "invalid module";
    return "";
  }
  auto om = aot::buildObjectModule(*vm, bytes, opts);
  if (!om) {
    ADD_FAILURE() << om.error().format();
    return "";
  }
  if (patch) patch(om->data[0].bytes);
  std::string obj = tempPath(".o"), so = tempPath(".so");
  if (Status s = object::writeObject(*om, obj); !s) {
    ADD_FAILURE() << s.error().format();
    return "";
  }
  object::LinkOptions lo;
  lo.inputs = {obj};
  lo.outputPath = so;
  Status s = object::link(lo);
  std::remove(obj.c_str());
  if (!s) {
    ADD_FAILURE() << s.error().format();
    return "";
  }
  return so;
}

const char* kWat = R"((module
  (memory 1)
  (func $add (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func $twice (export "twice") (param i32) (result i32) local.get 0 local.get 0 call $add)
  (func $div (export "div") (param i64 i64) (result i64) local.get 0 local.get 1 i64.div_s)
  (func $load (export "load") (param i32) (result i32) local.get 0 i32.load offset=4)
  (func $fact (export "fact") (param i64) (result i64)
    local.get 0 i64.eqz
    if (result i64) i64.const 1
    else local.get 0 local.get 0 i64.const 1 i64.sub call $fact i64.mul end)
  (data (i32.const 8) "\2a\00\00\00"))
)";

TEST(AotSymbols, NamesAreSanitisedUniqueAndNeverRuntimeNames) {
  auto vm = validated(watToWasm(R"((module
    (func $a.b (export "x"))
    (func $wasmc_module)
    (func $dup) (func $dup2)
    (func $9lives)
    (func $with-dash)
    (func)))"));
  ASSERT_TRUE(vm);
  std::vector<std::string> s = aot::functionSymbols(vm->module());
  ASSERT_EQ(s.size(), 7u);
  EXPECT_EQ(s[0], "a.b");
  EXPECT_EQ(s[1], "_wasmc_module");
  EXPECT_EQ(s[2], "dup");
  EXPECT_EQ(s[3], "dup2");
  EXPECT_EQ(s[4], "_9lives");
  EXPECT_EQ(s[5], "with_dash");
  EXPECT_EQ(s[6], "wasm_func_6");
}

TEST(AotSymbols, CollisionsGetTheFunctionIndex) {
  auto vm = validated(watToWasm(R"((module (func $f.x) (func $f_x) (func $f-x)))"));
  ASSERT_TRUE(vm);
  std::vector<std::string> s = aot::functionSymbols(vm->module());
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "f.x");
  EXPECT_EQ(s[1], "f_x");
  EXPECT_EQ(s[2], "f_x.2");
}

TEST(AotObject, DescriptorDescribesTheModule) {
  std::vector<uint8_t> bytes = watToWasm(kWat);
  auto vm = validated(bytes);
  ASSERT_TRUE(vm);
  aot::AotStats stats;
  auto om = aot::buildObjectModule(*vm, bytes, {}, &stats);
  ASSERT_TRUE(om) << om.error().format();
  EXPECT_EQ(stats.compiled, 5u);
  EXPECT_EQ(stats.declined, 0u);
  EXPECT_TRUE(stats.directCalls);
  ASSERT_EQ(om->data.size(), 1u);
  const object::ObjectData& d = om->data[0];
  EXPECT_EQ(d.symbol, "wasmc_module");
  EXPECT_EQ(d.binding, object::Binding::Global);
  aot::AotDescriptor h;
  ASSERT_GE(d.bytes.size(), sizeof h);
  std::memcpy(&h, d.bytes.data(), sizeof h);
  EXPECT_EQ(h.magic, 0x544f4157u);
  EXPECT_EQ(h.version, aot::kDescriptorVersion);
  EXPECT_EQ(h.numDefined, 5u);
  EXPECT_EQ(h.numTypes, vm->module().types.size());
  EXPECT_EQ(h.flags, uint32_t(aot::kFlagDirectCalls));  // guard-page bounds (the default): no explicit flag
  ASSERT_EQ(h.wasmSize, bytes.size());
  EXPECT_EQ(0, std::memcmp(d.bytes.data() + h.wasmOffset, bytes.data(), bytes.size()));
  // One abs64 relocation per function and per entry trampoline (no imports: no host trampolines).
  EXPECT_EQ(d.relocs.size(), 5u + h.numTypes);
  EXPECT_EQ(d.relocs[0].offset, h.functionsOffset);
  EXPECT_EQ(d.relocs[0].symbol, "add");
  // Functions first in .text, in index order, then trampolines.
  ASSERT_GE(om->functions.size(), 5u);
  EXPECT_EQ(om->functions[0].symbol, "add");
  EXPECT_EQ(om->functions[4].symbol, "fact");
  EXPECT_EQ(om->functions[5].symbol, "wasmc_entry_t0");
  // $twice calls $add directly: a Function relocation, no load from VMContext::funcs.
  bool direct = false;
  for (const codegen::Reloc& r : om->functions[1].code.relocs)
    direct |= r.target == codegen::RelocTarget::Function && r.index == 0;
  EXPECT_TRUE(direct);
}

TEST(AotObject, Aarch64IsRefusedWithOneLine) {
  std::vector<uint8_t> bytes = watToWasm("(module)");
  auto vm = validated(bytes);
  ASSERT_TRUE(vm);
  aot::AotOptions o;
  o.target = object::Target::AArch64;
  auto om = aot::buildObjectModule(*vm, bytes, o);
  ASSERT_FALSE(om);
  EXPECT_NE(om.error().format().find("aarch64"), std::string::npos);
}

TEST(AotObject, InvalidModuleWritesNoFile) {
  std::string out = tempPath(".o");
  std::remove(out.c_str());
  std::vector<uint8_t> junk = {0, 'a', 's', 'm', 1, 0, 0, 0, 0xff};
  Status s = aot::compileToObject(junk, out, {});
  EXPECT_FALSE(s);
  EXPECT_NE(access(out.c_str(), F_OK), 0);
}

struct Loaded {
  std::shared_ptr<rt::aot::AotLibrary> lib = std::make_shared<rt::aot::AotLibrary>();
  std::unique_ptr<rt::Store> store;
  rt::Instance* inst = nullptr;
};

Loaded instantiate(const std::string& so) {
  Loaded l;
  auto m = rt::aot::AotModule::load(so);
  if (!m) {
    ADD_FAILURE() << m.error().format();
    return l;
  }
  l.lib->add(*m);
  rt::EngineOptions eo;
  eo.mode = rt::ExecMode::Aot;
  eo.jitCompile = rt::JitCompile::Eager;
  rt::aot::AotLibrary::install(eo, l.lib);
  l.store = std::make_unique<rt::Store>(eo);
  rt::Linker linker;
  rt::InstantiateResult r = l.store->instantiate((*m)->validated(), linker);
  EXPECT_TRUE(r.ok());
  l.inst = r.instance;
  return l;
}

TEST(AotRun, CallsTrapsAndRecursionThroughDlopen) {
  std::string so = buildSharedObject(kWat);
  ASSERT_FALSE(so.empty());
  Loaded l = instantiate(so);
  ASSERT_TRUE(l.inst);
  auto call = [&](const char* name, std::vector<rt::Value> args, std::vector<rt::Value>& res) {
    return l.store->invoke(l.inst->exportedFunc(name), args, res);
  };
  // The function slot is a `jmp [rip]` to the code inside the shared object, not JIT-compiled code.
  auto m = l.lib->find(l.inst->validated());
  ASSERT_TRUE(m);
  const auto* slot = static_cast<const uint8_t*>(l.inst->funcs[0]->vm.code);
  ASSERT_TRUE(slot);
  EXPECT_EQ(slot[0], 0xff);
  EXPECT_EQ(slot[1], 0x25);
  const void* target = nullptr;
  std::memcpy(&target, slot + 6, 8);
  EXPECT_EQ(target, m->functionCode(0));
  Dl_info info{};
  ASSERT_NE(dladdr(m->functionCode(0), &info), 0);
  EXPECT_EQ(std::string(info.dli_fname), so);
  std::vector<rt::Value> res;
  ASSERT_FALSE(call("add", {rt::Value::makeI32(40), rt::Value::makeI32(2)}, res));
  ASSERT_EQ(res.size(), 1u);
  EXPECT_EQ(res[0].i32, 42u);
  ASSERT_FALSE(call("twice", {rt::Value::makeI32(21)}, res));
  EXPECT_EQ(res[0].i32, 42u);
  ASSERT_FALSE(call("fact", {rt::Value::makeI64(20)}, res));
  EXPECT_EQ(res[0].i64, 2432902008176640000ull);
  ASSERT_FALSE(call("load", {rt::Value::makeI32(4)}, res));  // data segment at 8, offset=4
  EXPECT_EQ(res[0].i32, 42u);
  rt::ExecResult t = call("div", {rt::Value::makeI64(1), rt::Value::makeI64(0)}, res);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->code, TrapCode::IntDivByZero);
  ASSERT_FALSE(t->backtrace.empty());  // the fault was mapped through the registry entry of AOT code
  EXPECT_EQ(t->backtrace[0].funcName, "div");
  t = call("load", {rt::Value::makeI32(65533)}, res);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->code, TrapCode::MemoryOutOfBounds);
  t = call("fact", {rt::Value::makeI64(-1)}, res);  // unbounded recursion
  ASSERT_TRUE(t);
  EXPECT_EQ(t->code, TrapCode::CallStackExhausted);
  // Still usable after traps.
  ASSERT_FALSE(call("add", {rt::Value::makeI32(1), rt::Value::makeI32(2)}, res));
  EXPECT_EQ(res[0].i32, 3u);
  l = Loaded{};
  std::remove(so.c_str());
}

TEST(AotRun, HostImportsGoThroughTheObjectsTrampoline) {
  std::string so = buildSharedObject(R"((module
    (import "env" "twice" (func $twice (param i32) (result i32)))
    (import "env" "fail" (func $fail (param i32) (result i32)))
    (func (export "f") (param i32) (result i32) local.get 0 call $twice i32.const 1 i32.add)
    (func (export "g") (param i32) (result i32) local.get 0 call $fail)))");
  ASSERT_FALSE(so.empty());
  auto m = rt::aot::AotModule::load(so);
  ASSERT_TRUE(m) << m.error().format();
  EXPECT_NE((*m)->trampoline(0, /*entry=*/false), nullptr);  // imported type: host trampoline present
  auto lib = std::make_shared<rt::aot::AotLibrary>();
  lib->add(*m);
  rt::EngineOptions eo;
  eo.mode = rt::ExecMode::Aot;
  rt::aot::AotLibrary::install(eo, lib);
  {
    rt::Store store(eo);
    rt::Linker linker;
    wasm::FuncType ft;
    ft.params = {wasm::ValType::I32};
    ft.results = {wasm::ValType::I32};
    rt::FuncInst* host = store.createHostFunc(
        ft,
        [](rt::HostCallContext&, std::span<const rt::Value> a, std::span<rt::Value> r) -> rt::ExecResult {
          r[0] = rt::Value::makeI32(a[0].i32 * 2);
          return std::nullopt;
        },
        "twice");
    linker.define("env", "twice", rt::Extern{wasm::ExternKind::Func, host});
    rt::FuncInst* fail = store.createHostFunc(
        ft,
        [](rt::HostCallContext&, std::span<const rt::Value>, std::span<rt::Value>) -> rt::ExecResult {
          return rt::Trap{TrapCode::HostError, "boom from the host", 0, {}};
        },
        "fail");
    linker.define("env", "fail", rt::Extern{wasm::ExternKind::Func, fail});
    rt::InstantiateResult r = store.instantiate((*m)->validated(), linker);
    ASSERT_TRUE(r.ok());
    std::vector<rt::Value> res;
    ASSERT_FALSE(store.invoke(r.instance->exportedFunc("f"), std::vector<rt::Value>{rt::Value::makeI32(20)}, res));
    EXPECT_EQ(res[0].i32, 41u);
    // The host's trap comes back through the object's host trampoline (its ud2 is a HostError site).
    rt::ExecResult t = store.invoke(r.instance->exportedFunc("g"), std::vector<rt::Value>{rt::Value::makeI32(1)}, res);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->message, "boom from the host");
  }
  std::remove(so.c_str());
}

TEST(AotLoad, RefusesAnotherDescriptorVersion) {
  std::string so = buildSharedObject("(module (func (export \"f\")))", {}, [](std::vector<uint8_t>& b) {
    uint32_t v = aot::kDescriptorVersion + 1;
    std::memcpy(b.data() + offsetof(aot::AotDescriptor, version), &v, 4);
  });
  ASSERT_FALSE(so.empty());
  auto m = rt::aot::AotModule::load(so);
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().format().find("version"), std::string::npos) << m.error().format();
  std::remove(so.c_str());
}

// Objects compiled with --bounds-checks=explicit carry their own checks; they trap the same way as guard-mode
// objects (the default, exercised by CallsTrapsAndRecursionThroughDlopen) without relying on the guard region.
TEST(AotRun, ExplicitBoundsObjectsTrapOutOfBounds) {
  aot::AotOptions o;
  o.bounds = codegen::BoundsChecks::Explicit;
  std::string so = buildSharedObject(kWat, o);
  ASSERT_FALSE(so.empty());
  Loaded l = instantiate(so);
  ASSERT_TRUE(l.inst);
  std::vector<rt::Value> res;
  ASSERT_FALSE(l.store->invoke(l.inst->exportedFunc("load"), std::vector<rt::Value>{rt::Value::makeI32(4)}, res));
  EXPECT_EQ(res[0].i32, 42u);
  rt::ExecResult t = l.store->invoke(l.inst->exportedFunc("load"), std::vector<rt::Value>{rt::Value::makeI32(65533)}, res);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->code, TrapCode::MemoryOutOfBounds);
  l = Loaded{};
  std::remove(so.c_str());
}

TEST(AotLoad, MissingFileIsAnError) {
  auto m = rt::aot::AotModule::load("/nonexistent/wasmc.so");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().format().find("cannot load"), std::string::npos);
}

}  // namespace
}  // namespace wasmc
