// test/unit/wat_util.h — a validated module from wat text (wat2wasm --debug-names, then our decoder and
// validator), for the unit tests that state their input as a module. Null (and a failed EXPECT) when
// wat2wasm rejects the text; null when our decoder/validator does.
#pragma once
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "wasm/decoder.h"
#include "wasm/validator.h"

namespace wasmc::testing {

inline std::shared_ptr<const wasm::ValidatedModule> moduleFromWat(const std::string& wat) {
  char watPath[] = "/tmp/wasmc_unit_wat_XXXXXX";
  int fd = mkstemp(watPath);
  if (fd < 0) return nullptr;
  EXPECT_EQ(write(fd, wat.data(), wat.size()), ssize_t(wat.size()));
  close(fd);
  std::string wasmPath = std::string(watPath) + ".wasm";
  int rc = std::system(("wat2wasm --debug-names '" + std::string(watPath) + "' -o '" + wasmPath + "' 2>&1").c_str());
  unlink(watPath);
  EXPECT_EQ(rc, 0);
  std::ifstream in(wasmPath, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  unlink(wasmPath.c_str());
  auto m = wasm::decode(std::move(bytes));
  if (!m.ok()) return nullptr;
  auto v = wasm::validate(*m);
  if (!v.ok()) return nullptr;
  return std::make_shared<const wasm::ValidatedModule>(std::move(*v));
}

}  // namespace wasmc::testing
