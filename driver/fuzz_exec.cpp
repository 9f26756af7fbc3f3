// driver/fuzz_exec.cpp — `wasmc fuzz-exec [--mode interp|jit|aot] [-O N] FILE.wasm`: runs a module made by
// binaryen's `wasm-opt -ttf` the way `wasm-opt --fuzz-exec-before` does (every exported function in
// export order, zero arguments, `hangLimitInitializer` called before each, "fuzzing-support" log imports
// printed), so test/fuzz/fuzz.py can compare our three execution modes with each other bit for bit and
// with binaryen's interpreter. Invariants: the output depends only on the module and wasm semantics
// (floats are printed as their bits, references as null/non-null, traps without their message); exit
// status 0 after running every export, 2 for a module this runner does not support, 1 for an error.
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aot/aot.h"
#include "driver/commands.h"
#include "driver/input.h"
#include "driver/options.h"
#include "object/linker.h"
#include "runtime/aot/loader.h"
#include "runtime/core/runtime.h"
#include "wasm/decoder.h"
#include "wasm/validator.h"

namespace wasmc::driver {

namespace {


int fail(const std::string& msg) {
  std::fprintf(stderr, "wasmc: error: %s\n", msg.c_str());
  return 1;
}

std::string show(const rt::Value& v) {
  char b[96];
  switch (v.type) {
    case wasm::ValType::I32: return std::to_string(static_cast<int32_t>(v.i32));
    case wasm::ValType::I64: return std::to_string(static_cast<int64_t>(v.i64));
    case wasm::ValType::F32: std::snprintf(b, sizeof b, "f32:0x%08" PRIx32, v.f32); return b;
    case wasm::ValType::F64: std::snprintf(b, sizeof b, "f64:0x%016" PRIx64, v.f64); return b;
    case wasm::ValType::V128: {
      uint32_t w[4];
      std::memcpy(w, v.v128.bytes, 16);
      std::snprintf(b, sizeof b, "i32x4 0x%08" PRIx32 " 0x%08" PRIx32 " 0x%08" PRIx32 " 0x%08" PRIx32, w[0], w[1],
                    w[2], w[3]);
      return b;
    }
    case wasm::ValType::FuncRef:
    case wasm::ValType::ExternRef: return v.ref ? "ref" : "null";
  }
  return "?";
}

// The "fuzzing-support" imports of wasm-opt -ttf: log-{i32,i64,f32,f64,v128}. Anything else: unsupported.
bool defineFuzzingSupport(rt::Store& store, rt::Linker& linker, const wasm::Module& m, std::string& unsupported) {
  for (const wasm::Import& imp : m.imports) {
    if (imp.module != "fuzzing-support" || imp.kind != wasm::ExternKind::Func || !imp.name.starts_with("log-") ||
        m.types[imp.funcType].params.size() != 1 || !m.types[imp.funcType].results.empty()) {
      unsupported = imp.module + "." + imp.name;
      return false;
    }
    rt::HostFunc fn = [](rt::HostCallContext&, std::span<const rt::Value> args, std::span<rt::Value>) -> rt::ExecResult {
      const rt::Value& v = args[0];
      if (v.type == wasm::ValType::I64)  // as binaryen logs an i64: its low and high halves, signed
        std::printf("[LoggingExternalInterface logging %d %d]\n", static_cast<int32_t>(v.i64),
                    static_cast<int32_t>(v.i64 >> 32));
      else
        std::printf("[LoggingExternalInterface logging %s]\n", show(v).c_str());
      return std::nullopt;
    };
    rt::FuncInst* f = store.createHostFunc(m.types[imp.funcType], std::move(fn), imp.module + "." + imp.name);
    linker.define(imp.module, imp.name, rt::Extern{wasm::ExternKind::Func, f});
  }
  return true;
}

// --mode aot: compile to an object and a shared object in a temporary directory, dlopen it.
Expected<std::shared_ptr<rt::aot::AotModule>> loadAot(const std::vector<uint8_t>& bytes, uint8_t optLevel) {
  std::string dir = (std::filesystem::temp_directory_path() / "wasmc-fuzz-XXXXXX").string();
  if (!mkdtemp(dir.data())) return Error::plain("cannot create a temporary directory");
  struct Cleanup {
    std::string dir;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }
  } cleanup{dir};
  aot::AotOptions ao;
  ao.optLevel = optLevel;
  ao.jobs = 1;
  if (Status s = aot::compileToObject(bytes, dir + "/m.o", ao); !s) return s.takeError();
  object::LinkOptions lo;
  lo.output = object::LinkOutput::SharedObject;
  lo.inputs = {dir + "/m.o"};
  lo.outputPath = dir + "/m.so";
  if (Status s = object::link(lo); !s) return s.takeError();
  return rt::aot::AotModule::load(lo.outputPath);  // dlopen keeps the mapping after the file is removed
}

}  // namespace

int fuzzExecCommand(int argc, char** argv) {
  rt::ExecMode mode = rt::ExecMode::Interp;
  int optLevel = -1;
  std::string file;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    std::string v;
    if (a == "-h" || a == "--help") {
      std::fputs(usageText("fuzz-exec"), stdout);
      return 0;
    } else if (optionValue(argc, argv, i, "--mode", v)) {
      if (v == "interp") mode = rt::ExecMode::Interp;
      else if (v == "jit") mode = rt::ExecMode::Jit;
      else if (v == "aot") mode = rt::ExecMode::Aot;
      else return fail("unknown mode '" + v + "' (interp, jit or aot)");
    } else if (a == "-O0" || a == "-O1" || a == "-O2") {
      optLevel = a[2] - '0';
    } else if (a.starts_with("-")) {
      return fail("unknown option '" + std::string(a) + "' for fuzz-exec (try 'wasmc fuzz-exec --help')");
    } else if (file.empty()) {
      file = a;
    } else {
      return fail("fuzz-exec takes one module, got '" + file + "' and '" + std::string(a) + "'");
    }
  }
  if (file.empty()) return fail("no input file (usage: wasmc fuzz-exec [--mode M] FILE.wasm)");

  std::vector<uint8_t> bytes;
  std::string why;
  if (!readModuleFile(file, bytes, why)) return fail(file + ": " + why);
  std::shared_ptr<const wasm::ValidatedModule> vm;
  auto lib = std::make_shared<rt::aot::AotLibrary>();
  rt::EngineOptions eo;
  eo.mode = mode;
  if (mode == rt::ExecMode::Aot) {
    auto m = loadAot(bytes, optLevel < 0 ? 2 : static_cast<uint8_t>(optLevel));
    if (!m) return fail(file + ": " + m.error().format());
    vm = (*m)->validated();
    lib->add(*m);
    eo.jitCompile = rt::JitCompile::Eager;
    rt::aot::AotLibrary::install(eo, lib);
  } else {
    auto decoded = wasm::decode(std::vector<uint8_t>(bytes));
    if (!decoded) return fail(file + ": " + decoded.error().format());
    auto valid = wasm::validate(std::shared_ptr<const wasm::Module>(std::move(*decoded)));
    if (!valid) return fail(file + ": " + valid.error().format());
    vm = std::make_shared<const wasm::ValidatedModule>(std::move(*valid));
    if (optLevel >= 0) eo.optLevel = static_cast<uint8_t>(optLevel);
  }

  rt::Store store(eo);
  rt::Linker linker;
  std::string unsupported;
  if (!defineFuzzingSupport(store, linker, vm->module(), unsupported)) {
    std::fprintf(stderr, "wasmc: %s: unsupported import %s\n", file.c_str(), unsupported.c_str());
    return 2;
  }
  rt::InstantiateResult inst = store.instantiate(vm, linker);
  if (inst.linkError) return fail(file + ": " + inst.linkError->format());
  if (inst.trap) {
    std::printf("[trap]\n");
    std::fflush(stdout);
    return 0;
  }
  rt::FuncInst* hang = inst.instance->exportedFunc("hangLimitInitializer");
  for (const wasm::Export& e : vm->module().exports) {
    if (e.kind != wasm::ExternKind::Func) continue;
    std::printf("[fuzz-exec] calling %s\n", e.name.c_str());
    std::vector<rt::Value> results;
    if (hang) {
      if (auto trap = store.invoke(hang, {}, results)) {
        std::printf("[trap]\n");
        continue;
      }
    }
    rt::FuncInst* f = inst.instance->exportedFunc(e.name);
    std::vector<rt::Value> args;
    for (wasm::ValType t : f->type->params) args.push_back(rt::Value::zero(t));
    results.clear();
    if (auto trap = store.invoke(f, args, results)) {
      std::printf(trap->code == TrapCode::CallStackExhausted ? "[trap stack]\n" : "[trap]\n");
      continue;
    }
    if (results.empty()) continue;
    std::string line;
    if (results.size() > 1) line = "(";
    for (size_t i = 0; i < results.size(); ++i) line += (i ? ", " : "") + show(results[i]);
    if (results.size() > 1) line += ")";
    std::printf("[fuzz-exec] note result: %s => %s\n", e.name.c_str(), line.c_str());
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace wasmc::driver
