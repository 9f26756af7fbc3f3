// test/unit/jit/jit_test_util.h — helpers the JIT runtime tests share (x86_64 and aarch64 hosts):
// the permissions of the mapping holding an address, a code buffer finished under EXPECT, and code loaded
// into executable memory under EXPECT.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "codegen/code_buffer.h"
#include "runtime/jit/code_registry.h"
#include "runtime/jit/loader.h"

namespace wasmc::rt::jit::testutil {

// The permissions column of the /proc/self/maps line containing `p` ("r-xp"), or "".
inline std::string mapPerms(const void* p) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  uintptr_t a = reinterpret_cast<uintptr_t>(p);
  while (std::getline(maps, line)) {
    unsigned long lo, hi;
    char perms[5] = {};
    if (std::sscanf(line.c_str(), "%lx-%lx %4s", &lo, &hi, perms) == 3 && a >= lo && a < hi) return perms;
  }
  return "";
}

// buf.finish(), failing the current test (with the reason) when the buffer has an error.
inline codegen::CompiledFunction finish(codegen::CodeBuffer& buf) {
  Expected<codegen::CompiledFunction> cf = buf.finish();
  EXPECT_TRUE(cf.ok()) << (cf.ok() ? "" : cf.error().format());
  return cf.ok() ? std::move(*cf) : codegen::CompiledFunction{};
}

// Loads `cf` into executable memory as a registered function `name`, failing the test on error.
inline std::unique_ptr<LoadedCode> load(const codegen::CompiledFunction& cf, std::string name,
                                        CodeKind kind = CodeKind::WasmFunction, uint32_t funcIndex = 0) {
  auto info = std::make_unique<CodeInfo>();
  info->kind = kind;
  info->name = std::move(name);
  info->funcIndex = funcIndex;
  Expected<std::unique_ptr<LoadedCode>> lc = loadCode(cf, std::move(info), nullptr);
  EXPECT_TRUE(lc.ok()) << (lc.ok() ? "" : lc.error().format());
  return lc.ok() ? std::move(*lc) : nullptr;
}

}  // namespace wasmc::rt::jit::testutil
