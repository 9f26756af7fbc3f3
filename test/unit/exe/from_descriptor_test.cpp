// test/unit/exe/from_descriptor_test.cpp — rt::aot::AotModule::fromDescriptor (the in-process descriptor
// path of built executables) refuses a missing descriptor and one of another version with one message,
// without touching the code registry. (A real linked descriptor is exercised by every build-mode test.)
#include <gtest/gtest.h>

#include "runtime/aot/loader.h"

namespace wasmc::rt::aot {
namespace {

TEST(AotFromDescriptor, RefusesNull) {
  auto m = AotModule::fromDescriptor(nullptr, "prog.wasm");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("prog.wasm has no 'wasmc_module' descriptor"), std::string::npos)
      << m.error().message;
}

TEST(AotFromDescriptor, RefusesOtherVersion) {
  wasmc::aot::AotDescriptor d{};
  d.magic = wasmc::aot::kDescriptorMagic;
  d.version = 999;
  d.numTrapCodes = wasmc::aot::kNumTrapCodes;
  d.flags = wasmc::aot::kFlagExplicitBounds;
  auto m = AotModule::fromDescriptor(&d, "prog.wasm");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("descriptor version 999"), std::string::npos) << m.error().message;
}

}  // namespace
}  // namespace wasmc::rt::aot
