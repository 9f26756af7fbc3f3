// test/unit/exe/build_options_test.cpp — the `wasmc_build_options` blob (runtime/exe/build_options.h):
// what `wasmc build` encodes, the executable decodes field for field; other magics/versions and
// unknown tags are refused. Expected values are written out, not recomputed by the code under test.
#include <gtest/gtest.h>

#include "runtime/exe/build_options.h"

namespace wasmc::exe {
namespace {

TEST(BuildOptions, RoundTrip) {
  BuildOptions o;
  o.moduleName = "dir/prog.wasm";
  o.dirs.push_back({"/tmp/a b", "/sandbox"});
  o.dirs.push_back({"/etc", "/etc"});
  o.env = {"A=1", "EMPTY=", "SP=x y"};
  o.inheritEnv = true;
  o.invoke = true;
  o.invokeName = "add";
  std::vector<uint8_t> bytes = encodeBuildOptions(o);
  auto d = decodeBuildOptions(bytes.data());
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->moduleName, "dir/prog.wasm");
  ASSERT_EQ(d->dirs.size(), 2u);
  EXPECT_EQ(d->dirs[0].host, "/tmp/a b");
  EXPECT_EQ(d->dirs[0].guest, "/sandbox");
  EXPECT_EQ(d->dirs[1].host, "/etc");
  EXPECT_EQ(d->env, (std::vector<std::string>{"A=1", "EMPTY=", "SP=x y"}));
  EXPECT_TRUE(d->inheritEnv);
  EXPECT_TRUE(d->invoke);
  EXPECT_EQ(d->invokeName, "add");
}

TEST(BuildOptions, DefaultsAndLayout) {
  BuildOptions o;
  o.moduleName = "m";
  std::vector<uint8_t> bytes = encodeBuildOptions(o);
  // "WBOP", version 1, 'n' "m" NUL, end tag.
  std::vector<uint8_t> want = {'W', 'B', 'O', 'P', 1, 0, 0, 0, 'n', 'm', 0, 0};
  EXPECT_EQ(bytes, want);
  auto d = decodeBuildOptions(bytes.data());
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->dirs.empty());
  EXPECT_TRUE(d->env.empty());
  EXPECT_FALSE(d->inheritEnv);
  EXPECT_FALSE(d->invoke);
}

TEST(BuildOptions, RefusesOtherVersionsAndTags) {
  std::vector<uint8_t> v2 = {'W', 'B', 'O', 'P', 2, 0, 0, 0, 0};
  EXPECT_FALSE(decodeBuildOptions(v2.data()).has_value());
  std::vector<uint8_t> magic = {'X', 'B', 'O', 'P', 1, 0, 0, 0, 0};
  EXPECT_FALSE(decodeBuildOptions(magic.data()).has_value());
  std::vector<uint8_t> tag = {'W', 'B', 'O', 'P', 1, 0, 0, 0, 'z', 0, 0};
  EXPECT_FALSE(decodeBuildOptions(tag.data()).has_value());
}

}  // namespace
}  // namespace wasmc::exe
