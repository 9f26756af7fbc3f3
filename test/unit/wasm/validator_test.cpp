// test/unit/wasm/validator_test.cpp — validate() on hand-assembled modules: the operand/control stack
// algorithm (incl. the polymorphic stack), index spaces, constant expressions, module-level rules, and
// the FunctionFacts it computes. Expected messages are the spec interpreter's.
#include <gtest/gtest.h>

#include "test/unit/wasm/module_bytes.h"
#include "wasm/decoder.h"
#include "wasm/validator.h"

using namespace wasmc;
using namespace wasmc::wasm;
using namespace wasmc::test;

namespace {

const Bytes kVoid = {0x60, 0x00, 0x00};
const Bytes kI32ToI32 = {0x60, 0x01, 0x7f, 0x01, 0x7f};
const Bytes kToI32 = {0x60, 0x00, 0x01, 0x7f};

// One function of type `type` (also type index 0) whose body entry is `localsAndCode`; `mid` holds
// sections with ids 4..9 or 12, in order.
Bytes funcModule(const Bytes& type, const Bytes& localsAndCode, std::initializer_list<Bytes> mid = {}) {
  Bytes out = module({section(1, vec({type, kVoid, kI32ToI32})), oneFunc()});
  for (const Bytes& s : mid) append(out, s);
  append(out, code({localsAndCode}));
  return out;
}

std::string bodyError(const Bytes& type, const Bytes& instrs, std::initializer_list<Bytes> mid = {}) {
  return check(funcModule(type, cat({Bytes{0x00}, instrs}), mid)).message;
}

const Bytes kMemory = section(5, vec({{0x00, 0x01}}));
const Bytes kTable = section(4, vec({{0x70, 0x00, 0x01}}));

FunctionFacts factsOf(const Bytes& bytes) {
  auto m = decode(bytes);
  EXPECT_TRUE(m.ok());
  if (!m) return {};
  auto v = validate(*m);
  EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().format());
  if (!v) return {};
  return v->facts(0);
}

}  // namespace

TEST(Validator, SimpleFunctions) {
  EXPECT_EQ(bodyError(kVoid, {0x0b}), "");
  EXPECT_EQ(bodyError(kI32ToI32, {0x20, 0x00, 0x41, 0x01, 0x6a, 0x0b}), "");  // local.get 0; i32.const 1; add
  EXPECT_EQ(bodyError(kToI32, {0x42, 0x01, 0x0b}), "type mismatch");        // i64 result for i32
  EXPECT_EQ(bodyError(kToI32, {0x0b}), "type mismatch");                     // missing result
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x01, 0x0b}), "type mismatch");          // extra value
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x01, 0x42, 0x01, 0x6a, 0x1a, 0x0b}), "type mismatch");
  Outcome o = check(funcModule(kVoid, {0x00, 0x41, 0x00, 0x45, 0x45, 0x1a, 0x01, 0x6a, 0x0b}));
  EXPECT_EQ(o.message, "type mismatch");
  // Offset of the i32.add: header 8 + type section 14 + function section 4 + code header 3 + entry size 1
  // + local count 1 + 6 instruction bytes before it.
  EXPECT_EQ(*o.offset, 8u + 14 + 4 + 3 + 1 + 1 + 6);
}

TEST(Validator, PolymorphicStack) {
  EXPECT_EQ(bodyError(kToI32, {0x00, 0x0b}), "");                            // unreachable
  EXPECT_EQ(bodyError(kToI32, {0x00, 0x6a, 0x0b}), "");                      // unreachable; i32.add
  EXPECT_EQ(bodyError(kVoid, {0x00, 0x6a, 0x1a, 0x0b}), "");
  EXPECT_EQ(bodyError(kToI32, {0x00, 0x42, 0x00, 0x6a, 0x0b}), "type mismatch");  // i64 under i32.add
  EXPECT_EQ(bodyError(kToI32, {0x00, 0x1b, 0x0b}), "");                      // select of unknowns
  EXPECT_EQ(bodyError(kToI32, {0x00, 0x42, 0x00, 0x41, 0x00, 0x1b, 0x0b}), "type mismatch");  // i64 result
  EXPECT_EQ(bodyError(kVoid, {0x0f, 0x41, 0x00, 0x0b}), "type mismatch");     // value after return stays typed
  EXPECT_EQ(bodyError(kToI32, {0x0c, 0x00, 0x0b}), "type mismatch");          // br 0 needs the i32
  EXPECT_EQ(bodyError(kToI32, {0x41, 0x01, 0x0c, 0x00, 0x0b}), "");
  // Unreachable only affects its own block.
  EXPECT_EQ(bodyError(kVoid, {0x02, 0x40, 0x00, 0x0b, 0x6a, 0x1a, 0x0b}), "type mismatch");
}

TEST(Validator, BlocksAndMultiValue) {
  // block (result i32) i32.const 1 end drop
  EXPECT_EQ(bodyError(kVoid, {0x02, 0x7f, 0x41, 0x01, 0x0b, 0x1a, 0x0b}), "");
  // block (type 2 = [i32]->[i32]) with param: i32.const 1; block (type 2) i32.const 2 i32.add end drop
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x01, 0x02, 0x02, 0x41, 0x02, 0x6a, 0x0b, 0x1a, 0x0b}), "");
  EXPECT_EQ(bodyError(kVoid, {0x02, 0x02, 0x1a, 0x0b, 0x0b}), "type mismatch");  // missing block param
  EXPECT_EQ(bodyError(kVoid, {0x02, 0x07, 0x0b, 0x0b}), "unknown type 7");
  // loop's label takes the params: loop (type 2) br 0 end (with the i32 on the stack)
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x01, 0x03, 0x02, 0x0c, 0x00, 0x0b, 0x1a, 0x0b}), "");
  // if without else must have matching params and results.
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x01, 0x04, 0x7f, 0x41, 0x01, 0x0b, 0x1a, 0x0b}), "type mismatch");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x01, 0x41, 0x01, 0x04, 0x02, 0x0b, 0x1a, 0x0b}), "");
  // if/else both arms produce the result.
  EXPECT_EQ(bodyError(kToI32, {0x41, 0x01, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0b, 0x0b}), "");
  EXPECT_EQ(bodyError(kToI32, {0x41, 0x01, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x42, 0x02, 0x0b, 0x0b}), "type mismatch");
  EXPECT_EQ(bodyError(kToI32, {0x41, 0x01, 0x04, 0x7f, 0x05, 0x41, 0x02, 0x0b, 0x0b}), "type mismatch");
  EXPECT_EQ(bodyError(kVoid, {0x42, 0x01, 0x04, 0x40, 0x0b, 0x0b}), "type mismatch");  // i64 condition
}

TEST(Validator, Branches) {
  EXPECT_EQ(bodyError(kVoid, {0x0c, 0x01, 0x0b}), "unknown label 1");
  EXPECT_EQ(bodyError(kVoid, {0x02, 0x40, 0x0c, 0x01, 0x0b, 0x0b}), "");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x0d, 0x00, 0x0b}), "");                   // br_if 0
  EXPECT_EQ(bodyError(kVoid, {0x0d, 0x00, 0x0b}), "type mismatch");                  // br_if without cond
  // br_table targets with different arities: block (result i32) block br_table 0 1 ...
  EXPECT_EQ(bodyError(kVoid, {0x02, 0x7f, 0x02, 0x40, 0x41, 0x00, 0x0e, 0x01, 0x00, 0x01, 0x0b, 0x41, 0x00, 0x0b,
                              0x1a, 0x0b}),
            "type mismatch");
  // Same arity, both i32.
  EXPECT_EQ(bodyError(kVoid, {0x02, 0x7f, 0x02, 0x7f, 0x41, 0x05, 0x41, 0x00, 0x0e, 0x01, 0x00, 0x01, 0x0b, 0x0b,
                              0x1a, 0x0b}),
            "");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x0e, 0x01, 0x00, 0x05, 0x0b}), "unknown label 5");
  // In unreachable code br_table still checks the operand types it can see.
  EXPECT_EQ(bodyError(kVoid, {0x02, 0x7f, 0x00, 0x42, 0x00, 0x41, 0x00, 0x0e, 0x00, 0x00, 0x0b, 0x1a, 0x0b}),
            "type mismatch");
  EXPECT_EQ(bodyError(kToI32, {0x41, 0x01, 0x0f, 0x0b}), "");
}

TEST(Validator, LocalsGlobalsCalls) {
  // local 1 is an i64 declared local.
  EXPECT_EQ(check(funcModule(kI32ToI32, {0x01, 0x01, 0x7e, 0x20, 0x01, 0xa7, 0x0b})).message, "");
  EXPECT_EQ(check(funcModule(kI32ToI32, {0x01, 0x01, 0x7e, 0x20, 0x02, 0x0b})).message, "unknown local 2");
  EXPECT_EQ(check(funcModule(kI32ToI32, {0x01, 0x01, 0x7e, 0x20, 0x01, 0x0b})).message, "type mismatch");
  // 2^31 declared locals cost nothing; the last one (index 2^31-1) is an f64.
  EXPECT_EQ(check(funcModule(kVoid, {0x02, 0xfe, 0xff, 0xff, 0xff, 0x07, 0x7f, 0x01, 0x7c, 0x20, 0xfe, 0xff,
                                     0xff, 0xff, 0x07, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0xa0, 0x1a, 0x0b}))
                .message,
            "");
  Bytes globals = section(6, vec({{0x7f, 0x00, 0x41, 0x00, 0x0b}, {0x7e, 0x01, 0x42, 0x00, 0x0b}}));
  EXPECT_EQ(bodyError(kVoid, {0x42, 0x05, 0x24, 0x01, 0x0b}, {globals}), "");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x05, 0x24, 0x00, 0x0b}, {globals}), "global is immutable");
  EXPECT_EQ(bodyError(kVoid, {0x23, 0x02, 0x1a, 0x0b}, {globals}), "unknown global 2");
  EXPECT_EQ(bodyError(kVoid, {0x10, 0x00, 0x0b}), "");                // recursive call
  EXPECT_EQ(bodyError(kVoid, {0x10, 0x01, 0x0b}), "unknown function 1");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x11, 0x00, 0x00, 0x0b}, {kTable}), "");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x11, 0x00, 0x00, 0x0b}), "unknown table 0");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x11, 0x09, 0x00, 0x0b}, {kTable}), "unknown type 9");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x11, 0x00, 0x00, 0x0b}, {section(4, vec({{0x6f, 0x00, 0x01}}))}),
            "type mismatch");  // call_indirect through an externref table
}

TEST(Validator, SelectAndReferences) {
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x01, 0x41, 0x02, 0x41, 0x00, 0x1b, 0x1a, 0x0b}), "");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x01, 0x42, 0x02, 0x41, 0x00, 0x1b, 0x1a, 0x0b}), "type mismatch");
  // Untyped select of references is invalid; typed select is fine.
  EXPECT_EQ(bodyError(kVoid, {0xd0, 0x70, 0xd0, 0x70, 0x41, 0x00, 0x1b, 0x1a, 0x0b}), "type mismatch");
  EXPECT_EQ(bodyError(kVoid, {0xd0, 0x70, 0xd0, 0x70, 0x41, 0x00, 0x1c, 0x01, 0x70, 0x1a, 0x0b}), "");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x01, 0x41, 0x01, 0x41, 0x00, 0x1c, 0x02, 0x7f, 0x7f, 0x1a, 0x0b}),
            "invalid result arity");
  EXPECT_EQ(bodyError(kVoid, {0xd0, 0x6f, 0xd1, 0x1a, 0x0b}), "");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0xd1, 0x1a, 0x0b}), "type mismatch");
  // ref.func needs the function declared outside bodies (elem segment, export, or global).
  EXPECT_EQ(bodyError(kVoid, {0xd2, 0x00, 0x1a, 0x0b}), "undeclared function reference");
  EXPECT_EQ(bodyError(kVoid, {0xd2, 0x00, 0x1a, 0x0b}, {section(9, vec({{0x03, 0x00, 0x01, 0x00}}))}), "");
  EXPECT_EQ(bodyError(kVoid, {0xd2, 0x00, 0x1a, 0x0b}, {section(7, vec({cat({str("f"), Bytes{0x00, 0x00}})}))}),
            "");
  EXPECT_EQ(bodyError(kVoid, {0xd2, 0x00, 0x1a, 0x0b}, {section(6, vec({{0x70, 0x00, 0xd2, 0x00, 0x0b}}))}), "");
  EXPECT_EQ(bodyError(kVoid, {0xd2, 0x03, 0x1a, 0x0b}), "unknown function 3");
}

TEST(Validator, TablesAndBulk) {
  Bytes passiveElem = section(9, vec({{0x01, 0x00, 0x01, 0x00}}));
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x25, 0x00, 0x1a, 0x0b}, {kTable}), "");                 // table.get
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x25, 0x01, 0x1a, 0x0b}, {kTable}), "unknown table 1");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0xd0, 0x6f, 0x26, 0x00, 0x0b}, {kTable}), "type mismatch");  // set
  EXPECT_EQ(bodyError(kVoid, {0xd0, 0x70, 0x41, 0x01, 0xfc, 0x0f, 0x00, 0x1a, 0x0b}, {kTable}), "");  // grow
  EXPECT_EQ(bodyError(kVoid, {0xfc, 0x10, 0x00, 0x1a, 0x0b}, {kTable}), "");                          // size
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0xd0, 0x70, 0x41, 0x01, 0xfc, 0x11, 0x00, 0x0b}, {kTable}), "");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0c, 0x00, 0x00, 0x0b},
                      {kTable, passiveElem}),
            "");  // table.init
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0c, 0x01, 0x00, 0x0b},
                      {kTable, passiveElem}),
            "unknown elem segment 1");
  EXPECT_EQ(bodyError(kVoid, {0xfc, 0x0d, 0x00, 0x0b}, {passiveElem}), "");
  EXPECT_EQ(bodyError(kVoid, {0xfc, 0x0d, 0x01, 0x0b}, {passiveElem}), "unknown elem segment 1");
  Bytes twoTables = section(4, vec({{0x70, 0x00, 0x01}, {0x6f, 0x00, 0x01}}));
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0e, 0x00, 0x01, 0x0b}, {twoTables}),
            "type mismatch");  // table.copy funcref <- externref
  // memory.init / data.drop with a data count section.
  Bytes withData = cat({module({section(1, vec({kVoid})), oneFunc(), kMemory, section(12, {0x01})}),
                        code({{0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x00, 0x00, 0xfc, 0x09,
                               0x00, 0x0b}}),
                        section(11, vec({{0x01, 0x00}}))});
  EXPECT_EQ(check(withData).message, "");
  withData[withData.size() - 7] = 0x01;  // data.drop 1
  EXPECT_EQ(check(withData).message, "unknown data segment 1");
  // Without any data section, memory.init names an unknown segment.
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x00, 0x00, 0x0b}, {kMemory}),
            "unknown data segment 0");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0a, 0x00, 0x00, 0x0b}, {kMemory}), "");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0b, 0x00, 0x0b}), "unknown memory 0");
}

TEST(Validator, MemoryAccess) {
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x28, 0x02, 0x00, 0x1a, 0x0b}, {kMemory}), "");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x28, 0x02, 0x00, 0x1a, 0x0b}), "unknown memory 0");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x28, 0x03, 0x00, 0x1a, 0x0b}, {kMemory}),
            "alignment must not be larger than natural");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x2c, 0x01, 0x00, 0x1a, 0x0b}, {kMemory}),
            "alignment must not be larger than natural");  // i32.load8_s align=2
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x42, 0x00, 0x37, 0x03, 0x00, 0x0b}, {kMemory}), "");  // i64.store
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0x41, 0x00, 0x37, 0x03, 0x00, 0x0b}, {kMemory}), "type mismatch");
  EXPECT_EQ(bodyError(kVoid, {0x3f, 0x00, 0x40, 0x00, 0x1a, 0x0b}, {kMemory}), "");  // memory.size/grow
  EXPECT_EQ(bodyError(kVoid, {0x3f, 0x00, 0x1a, 0x0b}), "unknown memory 0");
}

TEST(Validator, SimdLanesAndAlignment) {
  Bytes v0 = cat({Bytes{0xfd, 0x0c}, Bytes(16, 0)});
  EXPECT_EQ(bodyError(kVoid, cat({v0, Bytes{0xfd, 0x15, 0x0f, 0x1a, 0x0b}})), "");            // extract_lane_s 15
  EXPECT_EQ(bodyError(kVoid, cat({v0, Bytes{0xfd, 0x15, 0x10, 0x1a, 0x0b}})), "invalid lane index");
  EXPECT_EQ(bodyError(kVoid, cat({v0, Bytes{0xfd, 0x1d, 0x01, 0x1a, 0x0b}})), "");            // i64x2 lane 1
  EXPECT_EQ(bodyError(kVoid, cat({v0, Bytes{0xfd, 0x1d, 0x02, 0x1a, 0x0b}})), "invalid lane index");
  EXPECT_EQ(bodyError(kVoid, cat({v0, Bytes{0x41, 0x00, 0xfd, 0x1a, 0x07, 0x1a, 0x0b}})), "");  // i16x8 lane 7
  EXPECT_EQ(bodyError(kVoid, cat({v0, Bytes{0x41, 0x00, 0xfd, 0x1c, 0x04, 0x1a, 0x0b}})),
            "invalid lane index");  // i32x4.replace_lane 4
  Bytes shuffle = cat({v0, v0, Bytes{0xfd, 0x0d}, Bytes(15, 0), Bytes{31}, Bytes{0x1a, 0x0b}});
  EXPECT_EQ(bodyError(kVoid, shuffle), "");
  shuffle[shuffle.size() - 3] = 32;
  EXPECT_EQ(bodyError(kVoid, shuffle), "invalid lane index");
  // v128.load64_lane: align up to 3, lanes 0..1.
  EXPECT_EQ(bodyError(kVoid, cat({Bytes{0x41, 0x00}, v0, Bytes{0xfd, 0x57, 0x03, 0x00, 0x01, 0x1a, 0x0b}}),
                      {kMemory}),
            "");
  EXPECT_EQ(bodyError(kVoid, cat({Bytes{0x41, 0x00}, v0, Bytes{0xfd, 0x57, 0x03, 0x00, 0x02, 0x1a, 0x0b}}),
                      {kMemory}),
            "invalid lane index");
  EXPECT_EQ(bodyError(kVoid, cat({Bytes{0x41, 0x00}, v0, Bytes{0xfd, 0x57, 0x04, 0x00, 0x01, 0x1a, 0x0b}}),
                      {kMemory}),
            "alignment must not be larger than natural");
  EXPECT_EQ(bodyError(kVoid, {0x41, 0x00, 0xfd, 0x00, 0x05, 0x00, 0x1a, 0x0b}, {kMemory}),
            "alignment must not be larger than natural");  // v128.load align=32
  EXPECT_EQ(bodyError(kVoid, cat({v0, Bytes{0xfd, 0x11, 0x1a, 0x0b}})), "type mismatch");  // i32x4.splat of v128
}

TEST(Validator, ConstantExpressions) {
  auto globals = [](std::initializer_list<Bytes> imports, std::initializer_list<Bytes> defs) {
    Bytes imp = imports.size() ? section(2, vec(imports)) : Bytes{};
    return check(cat({header(), imp, section(6, vec(defs))})).message;
  };
  Bytes importI32 = cat({str("m"), str("g"), Bytes{0x03, 0x7f, 0x00}});
  Bytes importMut = cat({str("m"), str("g"), Bytes{0x03, 0x7f, 0x01}});
  EXPECT_EQ(globals({importI32}, {{0x7f, 0x00, 0x23, 0x00, 0x0b}}), "");
  EXPECT_EQ(globals({importMut}, {{0x7f, 0x00, 0x23, 0x00, 0x0b}}), "constant expression required");
  EXPECT_EQ(globals({}, {{0x7f, 0x00, 0x41, 0x00, 0x0b}, {0x7f, 0x00, 0x23, 0x00, 0x0b}}), "unknown global 0");
  EXPECT_EQ(globals({importI32}, {{0x7e, 0x00, 0x23, 0x00, 0x0b}}), "type mismatch");
  EXPECT_EQ(globals({}, {{0x7f, 0x00, 0x42, 0x00, 0x0b}}), "type mismatch");
  EXPECT_EQ(globals({}, {{0x70, 0x00, 0xd0, 0x70, 0x0b}}), "");
  EXPECT_EQ(globals({}, {{0x70, 0x00, 0xd0, 0x6f, 0x0b}}), "type mismatch");
  EXPECT_EQ(globals({}, {{0x70, 0x00, 0xd2, 0x00, 0x0b}}), "unknown function 0");
  // Active data and element offsets are i32 constant expressions.
  EXPECT_EQ(check(module({kMemory, section(11, vec({{0x00, 0x42, 0x00, 0x0b, 0x00}}))})).message, "type mismatch");
  EXPECT_EQ(check(module({section(11, vec({{0x00, 0x41, 0x00, 0x0b, 0x00}}))})).message, "unknown memory 0");
  EXPECT_EQ(check(module({section(9, vec({{0x00, 0x41, 0x00, 0x0b, 0x00}}))})).message, "unknown table 0");
  // Segment type must match the table's element type.
  EXPECT_EQ(check(module({section(4, vec({{0x6f, 0x00, 0x01}})), section(9, vec({{0x00, 0x41, 0x00, 0x0b, 0x00}}))}))
                .message,
            "type mismatch");
  // Element items must have the segment's type.
  EXPECT_EQ(check(module({section(9, vec({{0x05, 0x70, 0x01, 0xd0, 0x6f, 0x0b}}))})).message, "type mismatch");
}

TEST(Validator, ModuleLevelRules) {
  EXPECT_EQ(check(module({section(5, vec({{0x00, 0x81, 0x80, 0x04}}))})).message,
            "memory size must be at most 65536 pages (4GiB)");
  EXPECT_EQ(check(module({section(5, vec({{0x01, 0x00, 0x81, 0x80, 0x04}}))})).message,
            "memory size must be at most 65536 pages (4GiB)");
  EXPECT_EQ(check(module({section(5, vec({{0x01, 0x00, 0x80, 0x80, 0x04}}))})).message, "");  // exactly 65536
  EXPECT_EQ(check(module({section(5, vec({{0x01, 0x02, 0x01}}))})).message,
            "size minimum must not be greater than maximum");
  EXPECT_EQ(check(module({section(4, vec({{0x70, 0x01, 0x02, 0x01}}))})).message,
            "size minimum must not be greater than maximum");
  Outcome o = check(module({section(5, vec({{0x00, 0x00}, {0x00, 0x00}}))}));
  EXPECT_EQ(o.message, "multiple memories");
  EXPECT_EQ(o.offset, 13u);  // the second entry: header 8 + section id, size, count 3 + first entry 2
  EXPECT_EQ(check(module({section(2, vec({cat({str("m"), str("a"), Bytes{0x02, 0x00, 0x00}})})),
                          section(5, vec({{0x00, 0x00}}))}))
                .message,
            "multiple memories");
  EXPECT_EQ(check(module({section(4, vec({{0x70, 0x00, 0x00}, {0x6f, 0x00, 0x00}}))})).message, "");  // 2 tables
  Bytes exp2 = section(7, vec({cat({str("a"), Bytes{0x00, 0x00}}), cat({str("a"), Bytes{0x00, 0x00}})}));
  o = check(funcModule(kVoid, {0x00, 0x0b}, {exp2}));
  EXPECT_EQ(o.message, "duplicate export name");
  EXPECT_EQ(o.offset, 33u);  // header 8 + types 14 + functions 4 + export header 3 + first entry 4
  Bytes exp3 = section(7, vec({cat({str("a"), Bytes{0x03, 0x00}})}));
  EXPECT_EQ(check(funcModule(kVoid, {0x00, 0x0b}, {exp3})).message, "unknown global 0");
  EXPECT_EQ(check(funcModule(kVoid, {0x00, 0x0b}, {section(8, {0x00})})).message, "");
  o = check(funcModule(kToI32, {0x00, 0x41, 0x00, 0x0b}, {section(8, {0x00})}));
  EXPECT_EQ(o.message, "start function");
  EXPECT_EQ(o.offset, 29u);  // header 8 + types 15 + functions 4 + start section id and size 2
  EXPECT_EQ(check(funcModule(kVoid, {0x00, 0x0b}, {section(8, {0x01})})).message, "unknown function 1");
  EXPECT_EQ(check(module({section(1, vec({kVoid})), section(3, vec({{0x05}})), code({{0x00, 0x0b}})})).message,
            "unknown type 5");
  EXPECT_EQ(check(module({section(2, vec({cat({str("m"), str("f"), Bytes{0x00, 0x00}})}))})).message,
            "unknown type 0");
}

TEST(Validator, FunctionFacts) {
  // block block block (i32.const 1; i32.const 2; i32.const 3; drop; drop; drop) end end end
  FunctionFacts f = factsOf(funcModule(
      kVoid, {0x00, 0x02, 0x40, 0x02, 0x40, 0x02, 0x40, 0x41, 0x01, 0x41, 0x02, 0x41, 0x03, 0x1a, 0x1a, 0x1a,
              0x0b, 0x0b, 0x0b, 0x0b}));
  EXPECT_EQ(f.maxStackHeight, 3u);
  EXPECT_EQ(f.maxControlDepth, 3u);
  FunctionFacts g = factsOf(funcModule(kVoid, {0x00, 0x0b}));
  EXPECT_EQ(g.maxStackHeight, 0u);
  EXPECT_EQ(g.maxControlDepth, 0u);
}
