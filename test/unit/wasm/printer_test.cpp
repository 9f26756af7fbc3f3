// test/unit/wasm/printer_test.cpp — printInstr/printFunctionBody text for each immediate shape, written
// by hand from the text format (wasm2wat prints the same spellings for these operators).
#include "wasm/printer.h"

#include <gtest/gtest.h>

#include "test/unit/wasm/module_bytes.h"

using namespace wasmc;
using namespace wasmc::wasm;
using namespace wasmc::test;

namespace {

std::string printOne(const Bytes& bytes) {
  Module m;
  m.bytes = bytes;
  InstrReader r(m, ByteRange{0, uint32_t(bytes.size())});
  Instr in;
  Status st = r.next(in);
  EXPECT_TRUE(st.ok());
  EXPECT_TRUE(r.atEnd());
  return printInstr(in);
}

}  // namespace

TEST(Printer, Immediates) {
  EXPECT_EQ(printOne({0x6a}), "i32.add");
  EXPECT_EQ(printOne({0x02, 0x40}), "block");
  EXPECT_EQ(printOne({0x03, 0x7e}), "loop (result i64)");
  EXPECT_EQ(printOne({0x04, 0x03}), "if (type 3)");
  EXPECT_EQ(printOne({0x0e, 0x02, 0x00, 0x01, 0x02}), "br_table 0 1 2");
  EXPECT_EQ(printOne({0x11, 0x02, 0x00}), "call_indirect (type 2)");
  EXPECT_EQ(printOne({0x11, 0x02, 0x01}), "call_indirect 1 (type 2)");
  EXPECT_EQ(printOne({0x1c, 0x01, 0x70}), "select (result funcref)");
  EXPECT_EQ(printOne({0x28, 0x02, 0x00}), "i32.load");
  EXPECT_EQ(printOne({0x28, 0x00, 0x08}), "i32.load offset=8 align=1");
  EXPECT_EQ(printOne({0x41, 0x7f}), "i32.const -1");
  EXPECT_EQ(printOne({0x42, 0x80, 0x01}), "i64.const 128");
  EXPECT_EQ(printOne({0x43, 0x00, 0x00, 0x80, 0x3f}), "f32.const 0x1p+0");
  EXPECT_EQ(printOne({0x43, 0x00, 0x00, 0xc0, 0xff}), "f32.const -nan");
  EXPECT_EQ(printOne({0x43, 0x01, 0x00, 0x80, 0x7f}), "f32.const nan:0x1");
  EXPECT_EQ(printOne({0x44, 0, 0, 0, 0, 0, 0, 0x08, 0x40}), "f64.const 0x1.8p+1");
  EXPECT_EQ(printOne({0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0xff}), "f64.const -inf");
  EXPECT_EQ(printOne({0xd0, 0x6f}), "ref.null extern");
  EXPECT_EQ(printOne({0xfc, 0x08, 0x03, 0x00}), "memory.init 3");
  EXPECT_EQ(printOne({0xfc, 0x0c, 0x04, 0x05}), "table.init 5 4");
  EXPECT_EQ(printOne({0xfc, 0x0e, 0x01, 0x02}), "table.copy 1 2");
  EXPECT_EQ(printOne({0xfd, 0x15, 0x07}), "i8x16.extract_lane_s 7");
  EXPECT_EQ(printOne({0xfd, 0x56, 0x02, 0x10, 0x03}), "v128.load32_lane offset=16 3");
  EXPECT_EQ(printOne(cat({Bytes{0xfd, 0x0c}, Bytes{1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff}})),
            "v128.const i32x4 0x00000001 0x00000002 0x00000003 0xffffffff");
  EXPECT_EQ(printOne(cat({Bytes{0xfd, 0x0d}, Bytes{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31}})),
            "i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31");
}

TEST(Printer, FunctionBodyIndentsBlocks) {
  auto m = decode(module({typeVoid(), oneFunc(),
                          code({{0x00, 0x02, 0x40, 0x41, 0x01, 0x04, 0x40, 0x01, 0x05, 0x00, 0x0b, 0x0b, 0x0b}})}));
  ASSERT_TRUE(m.ok());
  auto text = printFunctionBody(**m, 0);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text,
            "block\n"
            "  i32.const 1\n"
            "  if\n"
            "    nop\n"
            "  else\n"
            "    unreachable\n"
            "  end\n"
            "end\n");
  EXPECT_FALSE(printFunctionBody(**m, 1).ok());
}
