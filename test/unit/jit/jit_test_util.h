// test/unit/jit/jit_test_util.h — helpers the JIT runtime tests share (x86_64 and aarch64 hosts):
// the permissions of the mapping holding an address, and a code buffer finished under EXPECT.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

#include "codegen/code_buffer.h"

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

}  // namespace wasmc::rt::jit::testutil
