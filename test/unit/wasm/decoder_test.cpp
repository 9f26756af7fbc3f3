// test/unit/wasm/decoder_test.cpp — decode() and InstrReader on hand-assembled binaries: every section
// form, the spec's malformed messages with their offsets, and robustness against mutated input.
#include <gtest/gtest.h>

#include <random>

#include "support/leb128.h"
#include "test/unit/wasm/module_bytes.h"
#include "wasm/decoder.h"
#include "wasm/walker.h"

using namespace wasmc;
using namespace wasmc::wasm;
using namespace wasmc::test;

namespace {

Error decodeError(Bytes b) {
  auto m = decode(std::move(b));
  EXPECT_FALSE(m.ok());
  if (m.ok()) return Error::plain("<decoded>");
  return m.error();
}

std::shared_ptr<Module> decodeOk(Bytes b) {
  auto m = decode(std::move(b));
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().format());
  return m.ok() ? *m : std::make_shared<Module>();
}

}  // namespace

TEST(Leb128, UnsignedLimits) {
  const uint8_t ok[] = {0xff, 0xff, 0xff, 0xff, 0x0f};
  ByteReader r(ok, 0, 5);
  uint32_t v = 0;
  ASSERT_TRUE(r.u32(v).ok());
  EXPECT_EQ(v, 0xffffffffu);

  const uint8_t tooLarge[] = {0xff, 0xff, 0xff, 0xff, 0x1f};
  ByteReader r2(tooLarge, 0, 5);
  Status st = r2.u32(v);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "integer too large");
  EXPECT_EQ(*st.error().offset, 4u);

  const uint8_t tooLong[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  ByteReader r3(tooLong, 0, 6);
  st = r3.u32(v);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "integer representation too long");
  EXPECT_EQ(*st.error().offset, 5u);

  const uint8_t padded[] = {0x82, 0x80, 0x80, 0x80, 0x00};  // 2, in five bytes: allowed
  ByteReader r4(padded, 0, 5);
  ASSERT_TRUE(r4.u32(v).ok());
  EXPECT_EQ(v, 2u);
}

TEST(Leb128, SignedLimits) {
  int64_t v = 0;
  const uint8_t minusOne[] = {0x7f};
  ByteReader r(minusOne, 0, 1);
  ASSERT_TRUE(r.varS(v, 32).ok());
  EXPECT_EQ(v, -1);

  const uint8_t int32Min[] = {0x80, 0x80, 0x80, 0x80, 0x78};
  ByteReader r2(int32Min, 0, 5);
  ASSERT_TRUE(r2.varS(v, 32).ok());
  EXPECT_EQ(v, -2147483648LL);

  // Fifth byte of an s32 must be a sign extension of bit 31: 0x70 is neither 0x00.. nor 0x78..
  const uint8_t bad[] = {0x80, 0x80, 0x80, 0x80, 0x70};
  ByteReader r3(bad, 0, 5);
  Status st = r3.varS(v, 32);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "integer too large");

  const uint8_t s64max[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00};
  ByteReader r4(s64max, 0, 10);
  ASSERT_TRUE(r4.varS(v, 64).ok());
  EXPECT_EQ(v, INT64_MAX);

  const uint8_t s33[] = {0x7f};  // -1 as s33
  ByteReader r5(s33, 0, 1);
  ASSERT_TRUE(r5.varS(v, 33).ok());
  EXPECT_EQ(v, -1);
}

TEST(Decoder, EmptyModule) {
  auto m = decodeOk(header());
  EXPECT_TRUE(m->types.empty());
  EXPECT_EQ(m->numFuncs(), 0u);
}

TEST(Decoder, HeaderErrors) {
  EXPECT_EQ(decodeError({}).message, "unexpected end");
  EXPECT_EQ(decodeError({0x00, 0x61, 0x73}).message, "unexpected end");
  Error e = decodeError({0x00, 0x41, 0x53, 0x4d, 0x01, 0x00, 0x00, 0x00});
  EXPECT_EQ(e.message, "magic header not detected");
  EXPECT_EQ(*e.offset, 0u);
  e = decodeError({0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00});
  EXPECT_EQ(e.message, "unknown binary version");
  EXPECT_EQ(*e.offset, 4u);
  EXPECT_EQ(decodeError({0x00, 0x61, 0x73, 0x6d, 0x01, 0x00}).message, "unexpected end");
}

TEST(Decoder, SectionFraming) {
  Error e = decodeError(module({{0x0d, 0x00}}));
  EXPECT_EQ(e.message, "malformed section id");
  EXPECT_EQ(*e.offset, 8u);
  // Import section before type section is out of order.
  EXPECT_EQ(decodeError(module({section(2, {0x00}), section(1, {0x00})})).message,
            "unexpected content after last section");
  // Two type sections.
  EXPECT_EQ(decodeError(module({section(1, {0x00}), section(1, {0x00})})).message,
            "unexpected content after last section");
  // Data count (12) goes between element (9) and code (10).
  decodeOk(module({section(9, {0x00}), section(12, {0x00}), section(10, {0x00})}));
  EXPECT_EQ(decodeError(module({section(10, {0x00}), section(12, {0x00})})).message,
            "unexpected content after last section");
  // Declared size larger than the file.
  EXPECT_EQ(decodeError(module({{0x01, 0x05, 0x00}})).message, "length out of bounds");
  // Type section whose size covers one byte more than its content.
  e = decodeError(module({{0x01, 0x02, 0x00, 0x00}}));
  EXPECT_EQ(e.message, "section size mismatch");
  EXPECT_EQ(*e.offset, 11u);
}

TEST(Decoder, CustomSectionsAnywhere) {
  auto m = decodeOk(module({section(0, cat({str("a"), Bytes{1, 2, 3}})), typeVoid(),
                            section(0, str("b")), oneFunc(), code({{0x00, 0x0b}}),
                            section(0, cat({str("c"), Bytes{9}}))}));
  ASSERT_EQ(m->customs.size(), 3u);
  EXPECT_EQ(m->customs[0].name, "a");
  EXPECT_EQ(m->customs[0].bytes.size(), 3u);
  EXPECT_EQ(m->bytes[m->customs[0].bytes.begin], 1);
  EXPECT_EQ(m->customs[1].name, "b");
  EXPECT_EQ(m->customs[1].bytes.size(), 0u);
  EXPECT_EQ(m->customs[2].name, "c");
  // A custom section name must be UTF-8.
  EXPECT_EQ(decodeError(module({section(0, {0x01, 0xff})})).message, "malformed UTF-8 encoding");
}

TEST(Decoder, Utf8Names) {
  auto exportNamed = [](Bytes name) {
    return module({typeVoid(), oneFunc(), section(7, cat({Bytes{0x01}, name, Bytes{0x00, 0x00}})),
                   code({{0x00, 0x0b}})});
  };
  auto m = decodeOk(exportNamed({0x04, 0xf0, 0x9f, 0x98, 0x80}));  // U+1F600
  EXPECT_EQ(m->exports.at(0).name, "\xf0\x9f\x98\x80");
  EXPECT_EQ(decodeError(exportNamed({0x02, 0xc0, 0x80})).message, "malformed UTF-8 encoding");        // overlong
  EXPECT_EQ(decodeError(exportNamed({0x03, 0xed, 0xa0, 0x80})).message, "malformed UTF-8 encoding");  // surrogate
  EXPECT_EQ(decodeError(exportNamed({0x04, 0xf4, 0x90, 0x80, 0x80})).message,
            "malformed UTF-8 encoding");  // > U+10FFFF
  EXPECT_EQ(decodeError(exportNamed({0x01, 0x80})).message, "malformed UTF-8 encoding");  // lone continuation
  EXPECT_EQ(decodeError(exportNamed({0x02, 0xe2, 0x82})).message, "malformed UTF-8 encoding");  // truncated
}

TEST(Decoder, TypesImportsAndKinds) {
  auto m = decodeOk(module({
      section(1, vec({{0x60, 0x02, 0x7f, 0x7e, 0x02, 0x7d, 0x7b}, {0x60, 0x00, 0x01, 0x6f}})),
      section(2, vec({cat({str("m"), str("f"), Bytes{0x00, 0x01}}),
                      cat({str("m"), str("t"), Bytes{0x01, 0x70, 0x01, 0x02, 0x05}}),
                      cat({str("m"), str("mem"), Bytes{0x02, 0x00, 0x03}}),
                      cat({str("m"), str("g"), Bytes{0x03, 0x7c, 0x01}})})),
  }));
  ASSERT_EQ(m->types.size(), 2u);
  EXPECT_EQ(m->types[0].params, (std::vector<ValType>{ValType::I32, ValType::I64}));
  EXPECT_EQ(m->types[0].results, (std::vector<ValType>{ValType::F32, ValType::V128}));
  EXPECT_EQ(m->types[1].results, (std::vector<ValType>{ValType::ExternRef}));
  EXPECT_EQ(m->numImportedFuncs, 1u);
  EXPECT_EQ(m->numImportedTables, 1u);
  EXPECT_EQ(m->numImportedMemories, 1u);
  EXPECT_EQ(m->numImportedGlobals, 1u);
  EXPECT_EQ(m->funcTypeIndex(0), 1u);
  EXPECT_EQ(m->tableType(0).limits.min, 2u);
  EXPECT_EQ(*m->tableType(0).limits.max, 5u);
  EXPECT_EQ(m->memoryType(0).limits.min, 3u);
  EXPECT_FALSE(m->memoryType(0).limits.max.has_value());
  EXPECT_EQ(m->globalType(0).type, ValType::F64);
  EXPECT_TRUE(m->globalType(0).mutable_);

  EXPECT_EQ(decodeError(module({section(2, vec({cat({str(""), str(""), Bytes{0x04, 0x00}})}))})).message,
            "malformed import kind");
  EXPECT_EQ(decodeError(module({section(2, vec({cat({str(""), str(""), Bytes{0x03, 0x7f, 0x02}})}))})).message,
            "malformed mutability");
  EXPECT_EQ(decodeError(module({section(4, {0x01, 0x7f, 0x00, 0x00})})).message, "malformed reference type");
  EXPECT_EQ(decodeError(module({section(5, {0x01, 0x02, 0x00})})).message, "integer too large");
  EXPECT_EQ(decodeError(module({section(1, vec({{0x60, 0x01, 0x40, 0x00}}))})).message, "malformed value type");
  EXPECT_EQ(decodeError(module({section(7, vec({cat({str("x"), Bytes{0x04, 0x00}})}))})).message,
            "malformed export kind");
}

TEST(Decoder, FunctionAndCodeCounts) {
  EXPECT_EQ(decodeError(module({typeVoid(), oneFunc()})).message,
            "function and code section have inconsistent lengths");
  EXPECT_EQ(decodeError(module({typeVoid(), code({{0x00, 0x0b}})})).message,
            "function and code section have inconsistent lengths");
  EXPECT_EQ(decodeError(module({typeVoid(), oneFunc(), code({{0x00, 0x0b}, {0x00, 0x0b}})})).message,
            "function and code section have inconsistent lengths");
}

TEST(Decoder, LocalsAndBodies) {
  auto m = decodeOk(module({typeVoid(), oneFunc(), code({{0x02, 0x03, 0x7f, 0x01, 0x7b, 0x0b}})}));
  const Function& f = m->functions.at(0);
  ASSERT_EQ(f.locals.size(), 2u);
  EXPECT_EQ(f.locals[0].count, 3u);
  EXPECT_EQ(f.locals[1].type, ValType::V128);
  EXPECT_EQ(f.numLocals, 4u);
  EXPECT_EQ(f.body.size(), 1u);
  EXPECT_EQ(m->bytes[f.body.begin], 0x0b);

  // 2^32-1 + 1 locals.
  Error e = decodeError(module({typeVoid(), oneFunc(),
                                code({{0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x01, 0x7e, 0x0b}})}));
  EXPECT_EQ(e.message, "too many locals");
  // Body missing its final end, followed by another section: "END opcode expected".
  EXPECT_EQ(decodeError(module({typeVoid(), oneFunc(), code({{0x00, 0x01}}), section(0, str("x"))})).message,
            "END opcode expected");
  // ... and at the very end of the file.
  EXPECT_EQ(decodeError(module({typeVoid(), oneFunc(), code({{0x00, 0x01}})})).message,
            "unexpected end of section or function");
  // An end that closes the body before its declared size.
  EXPECT_EQ(decodeError(module({typeVoid(), oneFunc(), code({{0x00, 0x0b, 0x01}})})).message,
            "section size mismatch");
  // else outside if.
  EXPECT_EQ(decodeError(module({typeVoid(), oneFunc(), code({{0x00, 0x02, 0x40, 0x05, 0x0b, 0x0b}})})).message,
            "END opcode expected");
}

TEST(Decoder, InstructionErrors) {
  auto bodyErr = [](Bytes instrs) {
    return decodeError(module({typeVoid(), oneFunc(), section(5, {0x01, 0x00, 0x01}),
                               code({cat({Bytes{0x00}, instrs, Bytes{0x0b}})})}));
  };
  Error e = bodyErr({0x06});
  EXPECT_EQ(e.message, "illegal opcode 06");
  EXPECT_EQ(*e.offset, 28u);  // header 8 + type 6 + function 4 + memory 5 + code header 3 + size 1 + locals 1
  EXPECT_EQ(bodyErr({0xfc, 0x12}).message, "illegal opcode fc 12");
  EXPECT_EQ(bodyErr({0xfd, 0x9a, 0x01}).message, "illegal opcode fd 9a");
  EXPECT_EQ(bodyErr({0x3f, 0x01, 0x1a}).message, "zero byte expected");
  EXPECT_EQ(bodyErr({0x41, 0x00, 0x40, 0x80, 0x00, 0x1a}).message, "zero byte expected");  // LEB 0 is not 0x00
  EXPECT_EQ(bodyErr({0x41, 0x00, 0x28, 0x20, 0x00, 0x1a}).message, "malformed memop flags");
  EXPECT_EQ(bodyErr({0xd0, 0x7f, 0x1a}).message, "malformed reference type");
  EXPECT_EQ(bodyErr({0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a}).message, "integer representation too long");
  EXPECT_EQ(bodyErr({0x41, 0x80, 0x80, 0x80, 0x80, 0x10, 0x1a}).message, "integer too large");
  EXPECT_EQ(bodyErr({0x0e, 0xff, 0xff, 0xff, 0xff, 0x0f}).message, "unexpected end of section or function");
}

TEST(Decoder, DataCount) {
  Bytes mem = section(5, {0x01, 0x00, 0x01});
  Bytes dataDrop = code({{0x00, 0xfc, 0x09, 0x00, 0x0b}});
  Bytes oneData = section(11, vec({{0x01, 0x00}}));
  EXPECT_EQ(decodeError(module({typeVoid(), oneFunc(), mem, dataDrop, oneData})).message,
            "data count section required");
  decodeOk(module({typeVoid(), oneFunc(), mem, section(12, {0x01}), dataDrop, oneData}));
  EXPECT_EQ(decodeError(module({mem, section(12, {0x02}), oneData})).message,
            "data count and data section have inconsistent lengths");
  EXPECT_EQ(decodeError(module({mem, section(12, {0x01})})).message,
            "data count and data section have inconsistent lengths");
  auto m = decodeOk(module({mem, section(12, {0x00})}));
  EXPECT_EQ(m->dataCount, 0u);
}

TEST(Decoder, DataSegmentForms) {
  auto m = decodeOk(module({section(5, {0x01, 0x00, 0x01}),
                            section(11, vec({{0x00, 0x41, 0x08, 0x0b, 0x02, 0xaa, 0xbb},
                                             {0x01, 0x01, 0xcc},
                                             {0x02, 0x00, 0x41, 0x10, 0x0b, 0x00}}))}));
  ASSERT_EQ(m->datas.size(), 3u);
  EXPECT_EQ(m->datas[0].mode, SegmentMode::Active);
  EXPECT_EQ(m->datas[0].offset.kind, ConstExpr::Kind::I32);
  EXPECT_EQ(m->datas[0].offset.bits, 8u);
  EXPECT_EQ(m->datas[0].bytes.size(), 2u);
  EXPECT_EQ(m->bytes[m->datas[0].bytes.begin + 1], 0xbb);
  EXPECT_EQ(m->datas[1].mode, SegmentMode::Passive);
  EXPECT_EQ(m->bytes[m->datas[1].bytes.begin], 0xcc);
  EXPECT_EQ(m->datas[2].mode, SegmentMode::Active);
  EXPECT_EQ(m->datas[2].offset.bits, 16u);
  EXPECT_EQ(m->datas[2].bytes.size(), 0u);
  EXPECT_EQ(decodeError(module({section(11, vec({{0x03, 0x00}}))})).message, "malformed data segment kind");
}

TEST(Decoder, ElementSegmentForms) {
  // Functions 0 and 1, one funcref table, and one segment of each of the eight forms.
  auto m = decodeOk(module({
      typeVoid(), section(3, vec({{0x00}, {0x00}})), section(4, vec({{0x70, 0x00, 0x04}})),
      section(9, vec({
                     {0x00, 0x41, 0x01, 0x0b, 0x02, 0x00, 0x01},        // 0: active table 0, func indices
                     {0x01, 0x00, 0x01, 0x01},                          // 1: passive, elemkind, indices
                     {0x02, 0x00, 0x41, 0x02, 0x0b, 0x00, 0x01, 0x00},  // 2: active explicit table
                     {0x03, 0x00, 0x01, 0x00},                          // 3: declarative
                     {0x04, 0x41, 0x03, 0x0b, 0x01, 0xd2, 0x01, 0x0b},  // 4: active, expressions
                     {0x05, 0x70, 0x01, 0xd0, 0x70, 0x0b},              // 5: passive, reftype, exprs
                     {0x06, 0x00, 0x41, 0x00, 0x0b, 0x70, 0x00},        // 6: active explicit, exprs
                     {0x07, 0x6f, 0x01, 0xd0, 0x6f, 0x0b},              // 7: declarative, externref
                 })),
      code({{0x00, 0x0b}, {0x00, 0x0b}}),
  }));
  ASSERT_EQ(m->elems.size(), 8u);
  const auto& e = m->elems;
  EXPECT_EQ(e[0].mode, SegmentMode::Active);
  EXPECT_EQ(e[0].offset.bits, 1u);
  ASSERT_EQ(e[0].items.size(), 2u);
  EXPECT_EQ(e[0].items[1].kind, ConstExpr::Kind::RefFunc);
  EXPECT_EQ(e[0].items[1].index, 1u);
  EXPECT_EQ(e[1].mode, SegmentMode::Passive);
  EXPECT_EQ(e[1].items.at(0).index, 1u);
  EXPECT_EQ(e[2].mode, SegmentMode::Active);
  EXPECT_EQ(e[2].offset.bits, 2u);
  EXPECT_EQ(e[3].mode, SegmentMode::Declarative);
  EXPECT_EQ(e[4].mode, SegmentMode::Active);
  EXPECT_EQ(e[4].offset.bits, 3u);
  EXPECT_EQ(e[4].items.at(0).kind, ConstExpr::Kind::RefFunc);
  EXPECT_EQ(e[5].mode, SegmentMode::Passive);
  EXPECT_EQ(e[5].items.at(0).kind, ConstExpr::Kind::RefNull);
  EXPECT_EQ(e[6].mode, SegmentMode::Active);
  EXPECT_TRUE(e[6].items.empty());
  EXPECT_EQ(e[7].mode, SegmentMode::Declarative);
  EXPECT_EQ(e[7].elemType, ValType::ExternRef);
  EXPECT_EQ(e[7].items.at(0).type, ValType::ExternRef);

  EXPECT_EQ(decodeError(module({section(9, vec({{0x08, 0x00}}))})).message, "malformed elements segment kind");
  EXPECT_EQ(decodeError(module({section(9, vec({{0x01, 0x01, 0x00}}))})).message, "malformed element kind");
  EXPECT_EQ(decodeError(module({section(9, vec({{0x05, 0x7f, 0x00}}))})).message, "malformed reference type");
}

TEST(Decoder, ConstantExpressions) {
  auto m = decodeOk(module({section(6, vec({
                                           {0x7e, 0x00, 0x42, 0x7f, 0x0b},                          // i64 -1
                                           {0x7d, 0x00, 0x43, 0x00, 0x00, 0x80, 0x3f, 0x0b},        // f32 1.0
                                           cat({Bytes{0x7b, 0x00, 0xfd, 0x0c}, Bytes(16, 0x11), Bytes{0x0b}}),
                                       }))}));
  ASSERT_EQ(m->globals.size(), 3u);
  EXPECT_EQ(m->globals[0].init.kind, ConstExpr::Kind::I64);
  EXPECT_EQ(m->globals[0].init.bits, ~uint64_t(0));
  EXPECT_EQ(m->globals[1].init.bits, 0x3f800000u);
  EXPECT_EQ(m->globals[2].init.kind, ConstExpr::Kind::V128);
  EXPECT_EQ(m->globals[2].init.v128.bytes[15], 0x11);
  // Shapes the spec decodes but validation rejects: decode() succeeds, validate() reports them.
  Outcome o = check(module({section(6, vec({{0x7f, 0x00, 0x41, 0x00, 0x41, 0x00, 0x6a, 0x0b}}))}));
  EXPECT_EQ(o.message, "constant expression required");
  EXPECT_FALSE(o.decodeFailed);
  EXPECT_EQ(*o.offset, 17u);  // header 8 + section header 3 + global type 2 + two i32.const 4
  EXPECT_EQ(check(module({section(6, vec({{0x7f, 0x00, 0x0b}}))})).message, "type mismatch");
  EXPECT_EQ(check(module({section(6, vec({{0x7f, 0x00, 0x41, 0x00, 0x41, 0x00, 0x0b}}))})).message, "type mismatch");
  // A malformed section after the bad expression wins: malformed before invalid.
  o = check(module({section(6, vec({{0x7f, 0x00, 0x01, 0x0b}})), {0x0d, 0x00}}));
  EXPECT_EQ(o.message, "malformed section id");
  EXPECT_TRUE(o.decodeFailed);
}

TEST(Decoder, NameSection) {
  Bytes names = cat({str("name"), section(0, str("mod")),
                     section(1, vec({cat({uleb(0), str("first")}), cat({uleb(1), str("second")})}))});
  auto m = decodeOk(module({typeVoid(), section(3, vec({{0x00}, {0x00}})), code({{0x00, 0x0b}, {0x00, 0x0b}}),
                            section(0, names)}));
  EXPECT_EQ(m->moduleName, "mod");
  EXPECT_EQ(m->funcName(0), "first");
  EXPECT_EQ(m->funcName(1), "second");
  EXPECT_EQ(m->funcName(2), "");

  // A malformed name section (function-name subsection size past its end) is ignored.
  Bytes bad = cat({str("name"), Bytes{0x01, 0x09, 0x01, 0x00}});
  auto m2 = decodeOk(module({typeVoid(), oneFunc(), code({{0x00, 0x0b}}), section(0, bad)}));
  EXPECT_TRUE(m2->funcNames.empty());
  EXPECT_EQ(m2->customs.size(), 1u);
  // Invalid UTF-8 inside the name section is also ignored.
  Bytes badUtf8 = cat({str("name"), section(0, {0x01, 0xff})});
  auto m3 = decodeOk(module({section(0, badUtf8)}));
  EXPECT_EQ(m3->moduleName, "");
}

// InstrReader over raw bytes (no module structure needed).
std::vector<Instr> readAll(const Bytes& bytes, std::optional<Error>* err = nullptr) {
  Module m;
  m.bytes = bytes;
  InstrReader r(m, ByteRange{0, uint32_t(bytes.size())});
  std::vector<Instr> out;
  while (!r.atEnd()) {
    Instr in;
    Status st = r.next(in);
    if (!st) {
      if (err) *err = st.error();
      break;
    }
    out.push_back(in);
  }
  return out;
}

TEST(InstrReader, ControlAndParametric) {
  std::vector<Instr> v = readAll({
      0x02, 0x40,                    // block (empty)
      0x03, 0x7f,                    // loop (result i32)
      0x04, 0x01,                    // if (type 1)
      0x02, 0x80, 0x80, 0x01,        // block (type 16384), s33 in three bytes
      0x0e, 0x02, 0x00, 0x01, 0x02,  // br_table 0 1 default 2
      0x11, 0x03, 0x01,              // call_indirect type 3 table 1
      0x1c, 0x01, 0x7b,              // select (result v128)
      0x1c, 0x02, 0x7f, 0x7f,        // select (result i32 i32): decodes, validation rejects
  });
  ASSERT_EQ(v.size(), 8u);
  EXPECT_EQ(v[0].op, Opcode::Block);
  EXPECT_EQ(v[0].blockType.kind, BlockType::Kind::Empty);
  EXPECT_EQ(v[1].op, Opcode::Loop);
  EXPECT_EQ(v[1].blockType.kind, BlockType::Kind::Value);
  EXPECT_EQ(v[1].blockType.valType, ValType::I32);
  EXPECT_EQ(v[2].blockType.kind, BlockType::Kind::TypeIndex);
  EXPECT_EQ(v[2].blockType.typeIndex, 1u);
  EXPECT_EQ(v[3].blockType.typeIndex, 16384u);
  EXPECT_EQ(v[4].brTable, (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(v[4].offset, 10u);
  EXPECT_EQ(v[5].idx0, 3u);
  EXPECT_EQ(v[5].idx1, 1u);
  EXPECT_EQ(v[6].op, Opcode::SelectT);
  EXPECT_EQ(v[6].type, ValType::V128);
  EXPECT_EQ(v[6].idx0, 1u);
  EXPECT_EQ(v[7].idx0, 2u);
}

TEST(InstrReader, NumericMemoryAndBulk) {
  std::vector<Instr> v = readAll({
      0x28, 0x02, 0x80, 0x01,                        // i32.load align=4 offset=128
      0x41, 0x7f,                                    // i32.const -1
      0x42, 0x80, 0x01,                              // i64.const 128
      0x43, 0x00, 0x00, 0xc0, 0x7f,                  // f32.const nan
      0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f,            // f64.const 1.0
      0xfc, 0x08, 0x03, 0x00,                        // memory.init data 3
      0xfc, 0x0e, 0x01, 0x02,                        // table.copy dst 1 src 2
      0xfc, 0x0c, 0x04, 0x05,                        // table.init elem 4 table 5
      0xfc, 0x0a, 0x00, 0x00,                        // memory.copy
      0xfc, 0x07,                                    // i64.trunc_sat_f64_u
      0xd0, 0x6f,                                    // ref.null extern
      0xd2, 0x09,                                    // ref.func 9
      0xc4,                                          // i64.extend32_s
  });
  ASSERT_EQ(v.size(), 13u);
  EXPECT_EQ(v[0].op, Opcode::I32Load);
  EXPECT_EQ(v[0].mem.alignLog2, 2u);
  EXPECT_EQ(v[0].mem.offset, 128u);
  EXPECT_EQ(v[1].bits, 0xffffffffu);
  EXPECT_EQ(v[2].bits, 128u);
  EXPECT_EQ(v[3].bits, 0x7fc00000u);
  EXPECT_EQ(v[4].bits, 0x3ff0000000000000u);
  EXPECT_EQ(v[5].op, Opcode::MemoryInit);
  EXPECT_EQ(v[5].idx0, 3u);
  EXPECT_EQ(v[6].op, Opcode::TableCopy);
  EXPECT_EQ(v[6].idx0, 1u);
  EXPECT_EQ(v[6].idx1, 2u);
  EXPECT_EQ(v[7].op, Opcode::TableInit);
  EXPECT_EQ(v[7].idx0, 4u);
  EXPECT_EQ(v[7].idx1, 5u);
  EXPECT_EQ(v[8].op, Opcode::MemoryCopy);
  EXPECT_EQ(v[9].op, Opcode::I64TruncSatF64U);
  EXPECT_EQ(v[10].type, ValType::ExternRef);
  EXPECT_EQ(v[11].idx0, 9u);
  EXPECT_EQ(v[12].op, Opcode::I64Extend32S);
}

TEST(InstrReader, Simd) {
  std::vector<Instr> v = readAll({
      0xfd, 0x0d, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31,  // i8x16.shuffle
      0xfd, 0x15, 0x07,                                                  // i8x16.extract_lane_s 7
      0xfd, 0x56, 0x02, 0x10, 0x03,                                      // v128.load32_lane a=4 o=16 lane 3
      0xfd, 0x80, 0x01,                                                  // sub-opcode 128 as a 2-byte LEB
      0xfd, 0x0c, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0,        // v128.const i32x4 1 2 3 4
      0xfd, 0x8f, 0x00,                                                  // sub-opcode 15, padded LEB
  });
  ASSERT_EQ(v.size(), 6u);
  EXPECT_EQ(v[0].op, Opcode::I8x16Shuffle);
  EXPECT_EQ(v[0].v128.bytes[15], 31);
  EXPECT_EQ(v[1].op, Opcode::I8x16ExtractLaneS);
  EXPECT_EQ(v[1].lane, 7);
  EXPECT_EQ(v[2].op, Opcode::V128Load32Lane);
  EXPECT_EQ(v[2].mem.alignLog2, 2u);
  EXPECT_EQ(v[2].mem.offset, 16u);
  EXPECT_EQ(v[2].lane, 3);
  EXPECT_EQ(v[3].op, Opcode::I16x8Abs);
  EXPECT_EQ(v[4].v128.lane<uint32_t>(3), 4u);
  EXPECT_EQ(v[5].op, Opcode::I8x16Splat);
}

TEST(InstrReader, TruncatedImmediatesFail) {
  const Bytes cases[] = {{0x41}, {0x44, 0, 0}, {0xfd, 0x0c, 1, 2}, {0xfd}, {0x0e, 0x01, 0x00}, {0x28, 0x02}};
  for (const Bytes& c : cases) {
    std::optional<Error> err;
    readAll(c, &err);
    ASSERT_TRUE(err.has_value());
    EXPECT_EQ(err->message, "unexpected end of section or function");
  }
}

// Flipping, inserting and truncating bytes of a module that uses most sections never crashes or hangs,
// and every rejection names a reason.
TEST(Decoder, MutatedInputsAreRejectedCleanly) {
  Bytes base = module({
      section(1, vec({{0x60, 0x01, 0x7f, 0x01, 0x7f}, {0x60, 0x00, 0x00}})),
      section(2, vec({cat({str("m"), str("g"), Bytes{0x03, 0x7f, 0x00}})})),
      section(3, vec({{0x00}, {0x01}})),
      section(4, vec({{0x70, 0x00, 0x02}})),
      section(5, vec({{0x01, 0x01, 0x02}})),
      section(6, vec({{0x7f, 0x01, 0x23, 0x00, 0x0b}})),
      section(7, vec({cat({str("f"), Bytes{0x00, 0x01}})})),
      section(9, vec({{0x00, 0x41, 0x00, 0x0b, 0x02, 0x00, 0x01}})),
      section(12, {0x01}),
      code({{0x01, 0x01, 0x7e, 0x20, 0x00, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0b, 0xfc, 0x09, 0x00, 0x0b},
            {0x00, 0x02, 0x40, 0x03, 0x40, 0x0c, 0x01, 0x0b, 0x0b, 0x0b}}),
      section(11, vec({{0x01, 0x03, 0x61, 0x62, 0x63}})),
      section(0, cat({str("name"), section(1, vec({cat({uleb(0), str("f")})}))})),
  });
  ASSERT_EQ(check(base).message, "");
  std::mt19937 rng(1234);
  int rejected = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    Bytes b = base;
    int edits = 1 + int(rng() % 3);
    for (int k = 0; k < edits; ++k) {
      size_t pos = 8 + rng() % (b.size() - 8);
      switch (rng() % 4) {
        case 0: b[pos] = uint8_t(rng()); break;
        case 1: b[pos] ^= uint8_t(1u << (rng() % 8)); break;
        case 2: b.insert(b.begin() + long(pos), uint8_t(rng())); break;
        case 3: b.resize(pos); break;
      }
      if (b.size() <= 8) break;
    }
    Outcome o = check(b);
    if (!o.message.empty()) ++rejected;
  }
  EXPECT_GT(rejected, 5000);
}
