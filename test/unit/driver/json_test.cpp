// test/unit/driver/json_test.cpp — the driver's JSON reader: wast2json-shaped documents, escapes,
// numbers kept as text, and rejection (with an offset) of malformed input and runaway nesting.
#include "driver/json.h"

#include <gtest/gtest.h>

#include <string>

using wasmc::driver::Json;
using wasmc::driver::parseJson;

TEST(Json, ParsesWast2JsonCommand) {
  auto r = parseJson(R"({"source_filename": "x.wast",
 "commands": [
  {"type": "assert_return", "line": 81, "action": {"type": "invoke", "field": "f",
   "args": [{"type": "v128", "lane_type": "i8", "value": ["127", "0"]}]},
   "expected": [{"type": "i32", "value": "4294967295"}]}]})");
  ASSERT_TRUE(r.ok()) << r.error().format();
  const Json& doc = *r;
  ASSERT_TRUE(doc.isObject());
  EXPECT_EQ(doc.size(), 2u);
  const Json* cmds = doc.find("commands");
  ASSERT_NE(cmds, nullptr);
  ASSERT_TRUE(cmds->isArray());
  ASSERT_EQ(cmds->size(), 1u);
  const Json& c = (*cmds)[0];
  EXPECT_EQ(c.find("type")->text(), "assert_return");
  EXPECT_EQ(c.find("line")->asUint(), 81u);
  const Json& arg = (*c.find("action")->find("args"))[0];
  EXPECT_EQ(arg.find("lane_type")->text(), "i8");
  ASSERT_EQ(arg.find("value")->size(), 2u);
  EXPECT_EQ((*arg.find("value"))[0].text(), "127");
  EXPECT_EQ((*c.find("expected"))[0].find("value")->text(), "4294967295");
  EXPECT_EQ(c.find("missing"), nullptr);
}

TEST(Json, Literals) {
  auto r = parseJson(" [true, false, null, {}, []] ");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 5u);
  EXPECT_TRUE((*r)[0].isBool() && (*r)[0].asBool());
  EXPECT_TRUE((*r)[1].isBool() && !(*r)[1].asBool());
  EXPECT_TRUE((*r)[2].isNull());
  EXPECT_TRUE((*r)[3].isObject() && (*r)[3].size() == 0);
  EXPECT_TRUE((*r)[4].isArray() && (*r)[4].size() == 0);
}

TEST(Json, NumbersKeepTheirText) {
  auto r = parseJson("[0, -12, 3.25, 1e10, 18446744073709551615, 18446744073709551616]");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].asUint(), 0u);
  EXPECT_EQ((*r)[1].text(), "-12");
  EXPECT_FALSE((*r)[1].asUint().has_value());
  EXPECT_EQ((*r)[2].text(), "3.25");
  EXPECT_FALSE((*r)[2].asUint().has_value());
  EXPECT_EQ((*r)[3].text(), "1e10");
  EXPECT_EQ((*r)[4].asUint(), UINT64_MAX);
  EXPECT_FALSE((*r)[5].asUint().has_value());  // does not fit in 64 bits
}

TEST(Json, StringEscapes) {
  auto r = parseJson(R"(["a\"b\\c\/d\n\t", "\u005c\u0022", "\u0000x", "\u00e9\u20ac", "\ud83d\ude00", "raw é"])");
  ASSERT_TRUE(r.ok()) << r.error().format();
  EXPECT_EQ((*r)[0].text(), "a\"b\\c/d\n\t");
  EXPECT_EQ((*r)[1].text(), "\\\"");
  EXPECT_EQ((*r)[2].text(), std::string("\0x", 2));
  EXPECT_EQ((*r)[3].text(), "\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ((*r)[4].text(), "\xF0\x9F\x98\x80");
  EXPECT_EQ((*r)[5].text(), "raw \xC3\xA9");
}

TEST(Json, DuplicateKeysFindTheFirst) {
  auto r = parseJson(R"({"k": 1, "k": 2})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->members().size(), 2u);
  EXPECT_EQ(r->find("k")->asUint(), 1u);
}

TEST(Json, RejectsMalformedInput) {
  const char* bad[] = {
      "",          "[",       "[1,]",       "{\"a\" 1}", "{\"a\":1,}", "tru",        "nul",
      "01",        "1.",      "-",          "1e",        "\"abc",      "\"\\x\"",    "\"\\u12\"",
      "\"\\ud800\"", "[1] 2", "{1:2}",      "\"a\nb\"",  "[1 2]",      "\"\\udc00\"", "+1",
  };
  for (const char* s : bad) EXPECT_FALSE(parseJson(s).ok()) << "accepted: " << s;
}

TEST(Json, ErrorsCarryTheOffset) {
  auto r = parseJson("[1, 2, x]");
  ASSERT_FALSE(r.ok());
  ASSERT_TRUE(r.error().offset.has_value());
  EXPECT_EQ(*r.error().offset, 7u);
}

TEST(Json, DeepNestingIsRejectedNotACrash) {
  std::string deep(100000, '[');
  EXPECT_FALSE(parseJson(deep).ok());
  std::string ok = std::string(100, '[') + std::string(100, ']');
  EXPECT_TRUE(parseJson(ok).ok());
}
