// test/unit/runtime/rt_util.h — helpers for IR/runtime tests: decode+validate hand-assembled bytes,
// instantiate in a Store, call exports. Expected values in the tests are written by hand.
#pragma once
#include <gtest/gtest.h>

#include <memory>

#include "runtime/core/runtime.h"
#include "test/unit/wasm/module_bytes.h"

namespace wasmc::test {

inline std::shared_ptr<const wasm::ValidatedModule> validated(Bytes bytes) {
  auto m = wasm::decode(std::move(bytes));
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().format());
  if (!m.ok()) return nullptr;
  auto v = wasm::validate(*m);
  EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().format());
  if (!v.ok()) return nullptr;
  return std::make_shared<const wasm::ValidatedModule>(std::move(*v));
}

inline Bytes funcType(Bytes params, Bytes results) {
  return cat({Bytes{0x60}, uleb(params.size()), params, uleb(results.size()), results});
}
inline Bytes exportFunc(const std::string& name, uint32_t idx) { return cat({str(name), Bytes{0x00}, uleb(idx)}); }
inline Bytes i32c(int32_t v) {  // i32.const with signed LEB
  Bytes out{0x41};
  int64_t x = v;
  for (;;) {
    uint8_t b = x & 0x7f;
    x >>= 7;
    bool done = (x == 0 && !(b & 0x40)) || (x == -1 && (b & 0x40));
    out.push_back(done ? b : b | 0x80);
    if (done) break;
  }
  return out;
}

constexpr uint8_t I32 = 0x7f, I64 = 0x7e;

}  // namespace wasmc::test
