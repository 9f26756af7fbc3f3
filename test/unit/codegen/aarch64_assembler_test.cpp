// test/unit/codegen/aarch64_assembler_test.cpp — every AArch64 instruction form checked against LLVM's
// disassembler (triple aarch64-linux-gnu): one row per case {expected text, [expected hex word(s)], emit}.
// A row passes when the emitted words all decode and print, joined with "; ", as the text, and the buffer
// reports no error. ERR rows check that an unencodable operand is reported (finish() fails). Label tests
// bind forward and backward references of every branch kind and check the range errors; the last test
// checks that every forms.def form has a row.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "codegen/aarch64/assembler.h"
#include "disasm_oracle.h"

namespace wasmc::codegen::a64 {
namespace {

using testing::AsmSyntax;
using testing::DisasmOracle;
using testing::hexBytes;
using enum Gpr;
using enum Vreg;
using enum Width;
using enum Arr;
using enum Cond;
using enum Extend;

constexpr FType FS = FType::S, FD = FType::D;
constexpr ESize EB = ESize::B, EH = ESize::H, ES = ESize::S, ED = ESize::D;
constexpr VSize Vb = VSize::B, Vh = VSize::H, Vs = VSize::S, Vd = VSize::D, Vq = VSize::Q;

struct Row {
  const char* text;  // nullptr: the emit must report an error
  const char* hex;   // nullptr: not checked
  void (*emit)(Assembler&);
  int line;
};

#define ROW(TEXT, ...) Row{TEXT, nullptr, [](Assembler& a) { a.__VA_ARGS__; }, __LINE__}
#define ROWH(TEXT, HEX, ...) Row{TEXT, HEX, [](Assembler& a) { a.__VA_ARGS__; }, __LINE__}
#define ERR(...) Row{nullptr, nullptr, [](Assembler& a) { a.__VA_ARGS__; }, __LINE__}

const DisasmOracle& oracle() {
  static std::unique_ptr<DisasmOracle> o = [] {
    std::string err;
    auto d = DisasmOracle::create("aarch64-linux-gnu", AsmSyntax::Default, &err);
    if (!d) {
      ADD_FAILURE() << "cannot create the LLVM oracle: " << err;
    }
    return d;
  }();
  return *o;
}

std::string disasm(const CodeBuffer& buf, bool* allValid) {
  auto insts = oracle().disassemble(buf.data(), buf.size());
  std::string got;
  *allValid = !insts.empty();
  for (const auto& d : insts) {
    got += (got.empty() ? "" : "; ") + d.text;
    if (d.size != 4) *allValid = false;
  }
  return got;
}

// Hex of the emitted words, each as 8 digits (the usual way of writing A64 encodings).
std::string words(const CodeBuffer& buf) {
  std::string out;
  char tmp[16];
  for (uint32_t off = 0; off + 4 <= buf.size(); off += 4) {
    std::snprintf(tmp, sizeof tmp, "%08x", buf.read32(off));
    if (!out.empty()) out += ' ';
    out += tmp;
  }
  return out;
}

int checkRows(const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    CodeBuffer buf;
    Assembler a(buf);
    r.emit(a);
    if (!r.text) {
      EXPECT_FALSE(buf.status().ok()) << "line " << r.line << ": no error reported; emitted " << words(buf);
      continue;
    }
    EXPECT_TRUE(buf.status().ok()) << "line " << r.line << ": " << buf.status().error().message;
    bool valid = false;
    std::string got = disasm(buf, &valid);
    EXPECT_TRUE(valid) << "line " << r.line << ": words " << words(buf) << " decode as: " << got;
    EXPECT_EQ(got, r.text) << "line " << r.line << ": words " << words(buf);
    if (r.hex) {
      EXPECT_EQ(words(buf), r.hex) << "line " << r.line << ": " << r.text;
    }
  }
  return static_cast<int>(rows.size());
}

TEST(AArch64Assembler, OracleDecodesKnownWords) {
  const uint8_t bytes[] = {0x20, 0x00, 0x02, 0x8b, 0xc0, 0x03, 0x5f, 0xd6};
  EXPECT_EQ(oracle().text(bytes, sizeof bytes), "add x0, x1, x2; ret");
  const uint8_t bad[] = {0xff, 0xff, 0xff, 0xff};
  auto insts = oracle().disassemble(bad, sizeof bad);
  ASSERT_FALSE(insts.empty());
  EXPECT_EQ(insts[0].text, "<invalid>");
}

std::vector<Row> addSubRows() {
  return {
      ROWH("add x0, x1, x2", "8b020020", add_rrr(W64, X0, X1, X2)),
      ROWH("add w0, w1, w2", "0b020020", add_rrr(W32, X0, X1, X2)),
      ROW("add x30, x29, x28", add_rrr(W64, X30, X29, X28)),
      ROW("add x0, xzr, x1", add_rrr(W64, X0, Zr, X1)),
      ROW("add xzr, x0, x1", add_rrr(W64, Zr, X0, X1)),
      ROW("add x0, x1, xzr", add_rrr(W64, X0, X1, Zr)),
      ROWH("add x0, sp, x1", "8b2163e0", add_rrr(W64, X0, Sp, X1)),
      ROW("add sp, sp, x1", add_rrr(W64, Sp, Sp, X1)),
      ROW("add sp, x0, x1", add_rrr(W64, Sp, X0, X1)),
      ROW("add w0, wsp, w1", add_rrr(W32, X0, Sp, X1)),
      ERR(add_rrr(W64, X0, X1, Sp)),
      ROW("adds x0, x1, x2", adds_rrr(W64, X0, X1, X2)),
      ROW("adds x0, sp, x2", adds_rrr(W64, X0, Sp, X2)),
      ROW("sub x0, x1, x2", sub_rrr(W64, X0, X1, X2)),
      ROW("sub w3, w4, w5", sub_rrr(W32, X3, X4, X5)),
      ROW("sub sp, sp, x16", sub_rrr(W64, Sp, Sp, X16)),
      ROW("subs x0, x1, x2", subs_rrr(W64, X0, X1, X2)),
      ROW("subs w0, w1, w2", subs_rrr(W32, X0, X1, X2)),
      ERR(adds_rrr(W64, Sp, X1, X2)),
      ROW("add x0, x1, x2, lsl #3", add_rrr_lsl(W64, X0, X1, X2, 3)),
      ROW("add x0, x1, x2, lsl #63", add_rrr_lsl(W64, X0, X1, X2, 63)),
      ROW("add w0, w1, w2, lsl #31", add_rrr_lsl(W32, X0, X1, X2, 31)),
      ERR(add_rrr_lsl(W32, X0, X1, X2, 32)),
      ROW("add x0, x1, x2, lsr #1", add_rrr_shift(W64, X0, X1, X2, Shift::Lsr, 1)),
      ROW("add x0, x1, x2, asr #7", add_rrr_shift(W64, X0, X1, X2, Shift::Asr, 7)),
      ERR(add_rrr_shift(W64, X0, X1, X2, Shift::Ror, 7)),
      ROW("sub x0, x1, x2, lsl #4", sub_rrr_lsl(W64, X0, X1, X2, 4)),
      ROW("sub w0, w1, w2, asr #31", sub_rrr_shift(W32, X0, X1, X2, Shift::Asr, 31)),
      ROW("adds w0, w1, w2, asr #2", adds_rrr_shift(W32, X0, X1, X2, Shift::Asr, 2)),
      ROW("subs x0, x1, x2, lsr #9", subs_rrr_shift(W64, X0, X1, X2, Shift::Lsr, 9)),
      ROW("add x0, x1, w2, uxtw", add_rrr_ext(W64, X0, X1, X2, Uxtw)),
      ROW("add x0, x1, w2, sxtw", add_rrr_ext(W64, X0, X1, X2, Sxtw)),
      ROW("add x0, x1, w2, uxtw #2", add_rrr_ext(W64, X0, X1, X2, Uxtw, 2)),
      ROW("add x0, x1, w2, sxtw #4", add_rrr_ext(W64, X0, X1, X2, Sxtw, 4)),
      ROW("add x0, x1, w2, uxtb", add_rrr_ext(W64, X0, X1, X2, Uxtb)),
      ROW("add x0, x1, w2, sxth #1", add_rrr_ext(W64, X0, X1, X2, Sxth, 1)),
      ROW("add x0, x1, x2, sxtx", add_rrr_ext(W64, X0, X1, X2, Sxtx)),
      ROW("add sp, sp, w2, uxtw", add_rrr_ext(W64, Sp, Sp, X2, Uxtw)),
      ROW("add x0, sp, x2, lsl #3", add_rrr_ext(W64, X0, Sp, X2, Uxtx, 3)),
      ERR(add_rrr_ext(W64, X0, X1, X2, Uxtw, 5)),
      ROW("sub x0, x1, w2, sxtw", sub_rrr_ext(W64, X0, X1, X2, Sxtw)),
      ROW("adds x0, x1, w2, uxtw", adds_rrr_ext(W64, X0, X1, X2, Uxtw)),
      ROW("subs x0, x1, w2, uxth", subs_rrr_ext(W64, X0, X1, X2, Uxth)),
      ROWH("add x0, x1, #0", "91000020", add_rri(W64, X0, X1, 0)),
      ROW("add x0, x1, #4095", add_rri(W64, X0, X1, 4095)),
      ROW("add x0, x1, #1, lsl #12", add_rri(W64, X0, X1, 4096)),
      ROW("add x0, x1, #4095, lsl #12", add_rri(W64, X0, X1, 4095 << 12)),
      ERR(add_rri(W64, X0, X1, 4097)),
      ERR(add_rri(W64, X0, X1, 1 << 24)),
      ROW("add w0, w1, #1", add_rri(W32, X0, X1, 1)),
      ROW("add sp, sp, #16", add_rri(W64, Sp, Sp, 16)),
      ROW("mov x0, sp", add_rri(W64, X0, Sp, 0)),
      ERR(add_rri(W64, Zr, X0, 1)),
      ERR(add_rri(W64, X0, Zr, 1)),
      ROW("sub sp, sp, #32", sub_rri(W64, Sp, Sp, 32)),
      ROW("sub x30, x0, #2, lsl #12", sub_rri(W64, X30, X0, 8192)),
      ROW("adds x0, x1, #3", adds_rri(W64, X0, X1, 3)),
      ROW("subs w0, w1, #4095", subs_rri(W32, X0, X1, 4095)),
      ROW("cmp x0, x1", cmp_rr(W64, X0, X1)),
      ROW("cmp w0, w1", cmp_rr(W32, X0, X1)),
      ROW("cmp sp, x16", cmp_rr(W64, Sp, X16)),
      ROW("cmp x0, #4095", cmp_ri(W64, X0, 4095)),
      ROW("cmp sp, #16", cmp_ri(W64, Sp, 16)),
      ROW("cmp x0, w1, uxtw", cmp_rr_ext(W64, X0, X1, Uxtw)),
      ROW("cmn x0, x1", cmn_rr(W64, X0, X1)),
      ROW("cmn w0, #1", cmn_ri(W32, X0, 1)),
      ROW("neg x0, x1", neg_rr(W64, X0, X1)),
      ROW("neg w0, w30", neg_rr(W32, X0, X30)),
      ROW("negs x0, x1", negs_rr(W64, X0, X1)),
      ROW("adc x0, x1, x2", adc_rrr(W64, X0, X1, X2)),
      ROW("sbc w0, w1, w2", sbc_rrr(W32, X0, X1, X2)),
  };
}
TEST(AArch64Assembler, AddSub) { checkRows(addSubRows()); }

std::vector<Row> logicalRows() {
  return {
      ROWH("and x0, x1, x2", "8a020020", and_rrr(W64, X0, X1, X2)),
      ROW("and w0, w1, w2", and_rrr(W32, X0, X1, X2)),
      ROW("and x0, x1, x2, lsl #3", and_rrr_shift(W64, X0, X1, X2, Shift::Lsl, 3)),
      ROW("and x0, x1, x2, ror #63", and_rrr_shift(W64, X0, X1, X2, Shift::Ror, 63)),
      ROW("bic x0, x1, x2", bic_rrr(W64, X0, X1, X2)),
      ROW("bic w0, w1, w2, lsr #4", bic_rrr_shift(W32, X0, X1, X2, Shift::Lsr, 4)),
      ROW("orr x30, x29, x28", orr_rrr(W64, X30, X29, X28)),
      ROW("orr x0, x1, x2, asr #1", orr_rrr_shift(W64, X0, X1, X2, Shift::Asr, 1)),
      ROW("orn x0, x1, x2", orn_rrr(W64, X0, X1, X2)),
      ROW("orn x0, x1, x2, lsl #2", orn_rrr_shift(W64, X0, X1, X2, Shift::Lsl, 2)),
      ROW("eor w0, w1, w2", eor_rrr(W32, X0, X1, X2)),
      ROW("eor x0, x1, x2, ror #8", eor_rrr_shift(W64, X0, X1, X2, Shift::Ror, 8)),
      ROW("eon x0, x1, x2", eon_rrr(W64, X0, X1, X2)),
      ROW("eon x0, x1, x2, lsr #3", eon_rrr_shift(W64, X0, X1, X2, Shift::Lsr, 3)),
      ROW("ands x0, x1, x2", ands_rrr(W64, X0, X1, X2)),
      ROW("ands w0, w1, w2, lsl #5", ands_rrr_shift(W32, X0, X1, X2, Shift::Lsl, 5)),
      ROW("bics x0, x1, x2", bics_rrr(W64, X0, X1, X2)),
      ROW("bics w0, w1, w2, asr #3", bics_rrr_shift(W32, X0, X1, X2, Shift::Asr, 3)),
      ERR(and_rrr(W64, Sp, X1, X2)),
      ERR(orr_rrr(W64, X0, Sp, X2)),
      ROW("tst x0, x1", tst_rr(W64, X0, X1)),
      ROW("mvn x0, x1", mvn_rr(W64, X0, X1)),
      ROW("mvn w0, w1", mvn_rr(W32, X0, X1)),
      // Bitmask immediates: element sizes 2..64, rotations, and the values that have no encoding.
      ROWH("and x0, x1, #0xff", "92401c20", and_rri(W64, X0, X1, 0xff)),
      ROW("and w0, w1, #0xff", and_rri(W32, X0, X1, 0xff)),
      ROW("and x0, x1, #0x1", and_rri(W64, X0, X1, 1)),
      ROW("and x0, x1, #0x7fffffffffffffff", and_rri(W64, X0, X1, 0x7fffffffffffffffull)),
      ROW("and x0, x1, #0x8000000000000000", and_rri(W64, X0, X1, 0x8000000000000000ull)),
      ROW("and x0, x1, #0xfffffffffffffffe", and_rri(W64, X0, X1, 0xfffffffffffffffeull)),
      ROW("and x0, x1, #0x5555555555555555", and_rri(W64, X0, X1, 0x5555555555555555ull)),
      ROW("and x0, x1, #0xaaaaaaaaaaaaaaaa", and_rri(W64, X0, X1, 0xaaaaaaaaaaaaaaaaull)),
      ROW("and x0, x1, #0x3333333333333333", and_rri(W64, X0, X1, 0x3333333333333333ull)),
      ROW("and x0, x1, #0xf0f0f0f0f0f0f0f0", and_rri(W64, X0, X1, 0xf0f0f0f0f0f0f0f0ull)),
      ROW("and x0, x1, #0xff00ff00ff00ff", and_rri(W64, X0, X1, 0x00ff00ff00ff00ffull)),
      ROW("and x0, x1, #0xffff0000ffff", and_rri(W64, X0, X1, 0x0000ffff0000ffffull)),
      ROW("and x0, x1, #0xffffffff", and_rri(W64, X0, X1, 0xffffffffull)),
      ROW("and x0, x1, #0xffffffff00000000", and_rri(W64, X0, X1, 0xffffffff00000000ull)),
      ROW("and x0, x1, #0xff0000000000000f", and_rri(W64, X0, X1, 0xff0000000000000full)),
      ROW("and w0, w1, #0x80000001", and_rri(W32, X0, X1, 0x80000001u)),
      ROW("and w0, w1, #0xfffffffe", and_rri(W32, X0, X1, 0xfffffffeu)),
      ROW("and w0, w1, #0x55555555", and_rri(W32, X0, X1, 0x55555555u)),
      ROW("and sp, x1, #0xfffffffffffffff0", and_rri(W64, Sp, X1, 0xfffffffffffffff0ull)),
      ERR(and_rri(W64, X0, X1, 0)),
      ERR(and_rri(W64, X0, X1, ~0ull)),
      ERR(and_rri(W32, X0, X1, 0xffffffffu)),
      ERR(and_rri(W64, X0, X1, 0x5)),
      ERR(and_rri(W64, X0, X1, 0x1234)),
      ERR(and_rri(W64, X0, X1, 0x0f0f0f0f0f0f0f0eull)),
      ERR(and_rri(W64, X0, Sp, 0xff)),
      ROW("orr x0, x1, #0xff", orr_rri(W64, X0, X1, 0xff)),
      ROW("eor w0, w1, #0x80000000", eor_rri(W32, X0, X1, 0x80000000u)),
      ROW("ands x0, x1, #0x3", ands_rri(W64, X0, X1, 3)),
      ERR(ands_rri(W64, Sp, X1, 3)),
      ROW("tst w0, #0x1", tst_ri(W32, X0, 1)),
      ROW("tst x30, #0xfffffffffffffff8", tst_ri(W64, X30, 0xfffffffffffffff8ull)),
  };
}
TEST(AArch64Assembler, Logical) { checkRows(logicalRows()); }

TEST(AArch64Assembler, EncodeLogicalImm) {
  uint32_t bits = 0;
  // 0xff: 64-bit element (N = 1), no rotation, 8 ones: imms = 7.
  ASSERT_TRUE(encodeLogicalImm(0xff, W64, bits));
  EXPECT_EQ(bits, (1u << 12) | 7u);
  // 0x5555...: 2-bit element 01: imms = 0b111100, immr = 0.
  ASSERT_TRUE(encodeLogicalImm(0x5555555555555555ull, W64, bits));
  EXPECT_EQ(bits, 0x3Cu);
  // 0x80000000 (W32): 32-bit element, one bit rotated right by 1.
  ASSERT_TRUE(encodeLogicalImm(0x80000000u, W32, bits));
  EXPECT_EQ(bits, (1u << 6) | 0u);
  EXPECT_FALSE(encodeLogicalImm(0, W64, bits));
  EXPECT_FALSE(encodeLogicalImm(~0ull, W64, bits));
  EXPECT_FALSE(encodeLogicalImm(0xffffffffu, W32, bits));
  EXPECT_FALSE(encodeLogicalImm(0x00000000ffff0001ull, W64, bits));
  // W32 ignores the upper half.
  EXPECT_TRUE(encodeLogicalImm(0x12345678000000ffull, W32, bits));
  // Every rotation of every run in every element size encodes, and nothing else with 1..3 runs does.
  int count = 0;
  for (unsigned size = 2; size <= 64; size *= 2) {
    for (unsigned ones = 1; ones < size; ++ones) {
      for (unsigned r = 0; r < size; ++r) {
        uint64_t elt = (uint64_t{1} << ones) - 1;
        elt = r == 0 ? elt : ((elt >> r) | (elt << (size - r)));
        if (size < 64) elt &= (uint64_t{1} << size) - 1;
        uint64_t v = 0;
        for (unsigned i = 0; i < 64; i += size) v |= elt << i;
        EXPECT_TRUE(encodeLogicalImm(v, W64, bits)) << std::hex << v;
        ++count;
      }
    }
  }
  EXPECT_EQ(count, 5334);  // the number of distinct 64-bit bitmask immediates
}

std::vector<Row> movesRows() {
  return {
      ROWH("mov x0, x1", "aa0103e0", mov_rr(W64, X0, X1)),
      ROW("mov w0, w1", mov_rr(W32, X0, X1)),
      ROW("mov x30, xzr", mov_rr(W64, X30, Zr)),
      ROW("mov sp, x29", mov_rr(W64, Sp, X29)),
      ROW("mov x29, sp", mov_rr(W64, X29, Sp)),
      ROW("mov wsp, w0", mov_rr(W32, Sp, X0)),
      ROWH("mov x0, #1", "d2800020", movz(W64, X0, 1)),
      ROW("mov x0, #65536", movz(W64, X0, 1, 16)),
      ROW("mov x0, #4294967296", movz(W64, X0, 1, 32)),
      ROW("mov x0, #281474976710656", movz(W64, X0, 1, 48)),
      ROW("mov x0, #-281474976710656", movz(W64, X0, 0xffff, 48)),
      ROW("movz x0, #0, lsl #16", movz(W64, X0, 0, 16)),
      ROW("mov w0, #65535", movz(W32, X0, 0xffff)),
      ROW("mov w0, #-65536", movz(W32, X0, 0xffff, 16)),
      ERR(movz(W32, X0, 1, 32)),
      ERR(movz(W64, X0, 0x10000)),
      ERR(movz(W64, X0, 1, 8)),
      ERR(movz(W64, Sp, 1)),
      ROW("mov x0, #-1", movn(W64, X0, 0)),
      ROW("mov w0, #-1", movn(W32, X0, 0)),
      ROW("mov x0, #-65537", movn(W64, X0, 1, 16)),
      ROW("movk x0, #4660, lsl #16", movk(W64, X0, 0x1234, 16)),
      ROW("movk x0, #65535, lsl #48", movk(W64, X0, 0xffff, 48)),
      ROW("movk w0, #1", movk(W32, X0, 1)),
      // mov_imm: shortest sequences.
      ROW("mov x0, #0", mov_imm(W64, X0, 0)),
      ROW("mov w0, #0", mov_imm(W32, X0, 0)),
      ROW("mov x0, #-1", mov_imm(W64, X0, ~0ull)),
      ROW("mov w0, #-1", mov_imm(W32, X0, 0xffffffffu)),
      ROW("mov x0, #65535", mov_imm(W64, X0, 0xffff)),
      ROW("mov x0, #4294901760", mov_imm(W64, X0, 0xffff0000ull)),
      ROW("mov x0, #-2", mov_imm(W64, X0, ~1ull)),
      ROW("mov x0, #-4294901761", mov_imm(W64, X0, 0xffffffff0000ffffull)),
      ROW("mov w0, #-2", mov_imm(W32, X0, 0xfffffffeu)),
      ROW("mov w0, #2147483647", mov_imm(W32, X0, 0x7fffffffu)),  // ORR: movz+movk needs two
      ROW("mov x0, #4294967295", mov_imm(W64, X0, 0xffffffffull)),
      ROW("mov x0, #6148914691236517205", mov_imm(W64, X0, 0x5555555555555555ull)),
      ROW("mov w0, #4660; movk w0, #22136, lsl #16", mov_imm(W32, X0, 0x56781234u)),
      ROW("mov x0, #4660; movk x0, #22136, lsl #16", mov_imm(W64, X0, 0x56781234u)),
      ROW("mov x0, #-60876; movk x0, #22136, lsl #16", mov_imm(W64, X0, 0xffffffff56781234ull)),
      ROW("mov x0, #4660; movk x0, #1, lsl #48", mov_imm(W64, X0, 0x0001000000001234ull)),
      ROW("mov x0, #4660; movk x0, #22136, lsl #16; movk x0, #39612, lsl #32; movk x0, #57072, lsl #48",
          mov_imm(W64, X0, 0xdef09abc56781234ull)),
      ROW("mov x0, #-4294967295", mov_imm(W64, X0, 0xffffffff00000001ull)),  // a bitmask immediate
      ROW("mov x0, #-65535; movk x0, #4660, lsl #16", mov_imm(W64, X0, 0xffffffff12340001ull)),
      ROW("mov x30, #1", mov_imm(W64, X30, 1)),
      ROW("mov w0, #1", mov_imm(W32, X0, 0x100000001ull)),
  };
}
TEST(AArch64Assembler, Moves) { checkRows(movesRows()); }

std::vector<Row> multiplyDivideShiftRows() {
  return {
      ROWH("madd x0, x1, x2, x3", "9b020c20", madd_rrrr(W64, X0, X1, X2, X3)),
      ROW("madd w0, w1, w2, w30", madd_rrrr(W32, X0, X1, X2, X30)),
      ROW("msub x0, x1, x2, x3", msub_rrrr(W64, X0, X1, X2, X3)),
      ROW("mul x0, x1, x2", mul_rrr(W64, X0, X1, X2)),
      ROW("mul w30, w29, w28", mul_rrr(W32, X30, X29, X28)),
      ROW("mneg x0, x1, x2", mneg_rrr(W64, X0, X1, X2)),
      ROW("smulh x0, x1, x2", smulh_rrr(X0, X1, X2)),
      ROW("umulh x30, x1, x2", umulh_rrr(X30, X1, X2)),
      ROW("smull x0, w1, w2", smull_rrr(X0, X1, X2)),
      ROW("umull x0, w1, w2", umull_rrr(X0, X1, X2)),
      ROW("sdiv x0, x1, x2", sdiv_rrr(W64, X0, X1, X2)),
      ROW("sdiv w0, w1, w2", sdiv_rrr(W32, X0, X1, X2)),
      ROW("udiv x0, x1, x2", udiv_rrr(W64, X0, X1, X2)),
      ROW("udiv w3, w4, w5", udiv_rrr(W32, X3, X4, X5)),
      ROW("lsl x0, x1, x2", lslv_rrr(W64, X0, X1, X2)),
      ROW("lsl w0, w1, w2", lslv_rrr(W32, X0, X1, X2)),
      ROW("lsr x0, x1, x2", lsrv_rrr(W64, X0, X1, X2)),
      ROW("asr w0, w1, w2", asrv_rrr(W32, X0, X1, X2)),
      ROW("ror x0, x1, x2", rorv_rrr(W64, X0, X1, X2)),
      ROW("lsl x0, x1, #3", lsl_rri(W64, X0, X1, 3)),
      ROW("lsl x0, x1, #63", lsl_rri(W64, X0, X1, 63)),
      ROW("lsl w0, w1, #1", lsl_rri(W32, X0, X1, 1)),
      ROW("lsl w0, w1, #31", lsl_rri(W32, X0, X1, 31)),
      ERR(lsl_rri(W32, X0, X1, 32)),
      ROW("lsr x0, x1, #1", lsr_rri(W64, X0, X1, 1)),
      ROW("lsr w0, w1, #31", lsr_rri(W32, X0, X1, 31)),
      ROW("asr x0, x1, #63", asr_rri(W64, X0, X1, 63)),
      ROW("asr w0, w1, #5", asr_rri(W32, X0, X1, 5)),
      ERR(asr_rri(W64, X0, X1, 64)),
      ROW("ror x0, x1, #7", ror_rri(W64, X0, X1, 7)),
      ROW("ror w0, w1, #31", ror_rri(W32, X0, X1, 31)),
      ROW("extr x0, x1, x2, #12", extr_rrri(W64, X0, X1, X2, 12)),
      ERR(extr_rrri(W32, X0, X1, X2, 32)),
      ROW("ubfx x0, x1, #4, #8", ubfx_rrii(W64, X0, X1, 4, 8)),
      ROW("lsr w0, w1, #31", ubfx_rrii(W32, X0, X1, 31, 1)),  // preferred alias
      ERR(ubfx_rrii(W32, X0, X1, 31, 2)),
      ERR(ubfx_rrii(W64, X0, X1, 0, 0)),
      ROW("sxth x0, w1", sbfx_rrii(W64, X0, X1, 0, 16)),  // preferred alias
      ROW("sbfx w0, w1, #3, #4", sbfx_rrii(W32, X0, X1, 3, 4)),
      ROW("bfi x0, x1, #8, #8", bfi_rrii(W64, X0, X1, 8, 8)),
      ROW("bfi w0, w1, #31, #1", bfi_rrii(W32, X0, X1, 31, 1)),
      ROW("bfxil x0, x1, #0, #32", bfxil_rrii(W64, X0, X1, 0, 32)),
      ROW("bfxil w0, w1, #4, #4", bfxil_rrii(W32, X0, X1, 4, 4)),
      ROW("ubfiz x0, x1, #2, #32", ubfiz_rrii(W64, X0, X1, 2, 32)),
      ROW("asr x0, x1, #1", sbfm_rrii(W64, X0, X1, 1, 63)),
      ROW("bfxil x0, x1, #3, #2", bfm_rrii(W64, X0, X1, 3, 4)),
      ROW("ubfx w0, w1, #2, #3", ubfm_rrii(W32, X0, X1, 2, 4)),
      ERR(ubfm_rrii(W32, X0, X1, 32, 0)),
      ROW("sxtb x0, w1", sxtb_rr(W64, X0, X1)),
      ROW("sxtb w0, w1", sxtb_rr(W32, X0, X1)),
      ROW("sxth x0, w1", sxth_rr(W64, X0, X1)),
      ROW("sxth w30, w29", sxth_rr(W32, X30, X29)),
      ROW("sxtw x0, w1", sxtw_rr(X0, X1)),
      ROW("uxtb w0, w1", uxtb_rr(X0, X1)),
      ROW("uxth w0, w1", uxth_rr(X0, X1)),
      ROW("rbit x0, x1", rbit_rr(W64, X0, X1)),
      ROW("rbit w0, w1", rbit_rr(W32, X0, X1)),
      ROW("rev16 x0, x1", rev16_rr(W64, X0, X1)),
      ROW("rev16 w0, w1", rev16_rr(W32, X0, X1)),
      ROW("rev32 x0, x1", rev32_rr(X0, X1)),
      ROW("rev x0, x1", rev_rr(W64, X0, X1)),
      ROW("rev w0, w1", rev_rr(W32, X0, X1)),
      ROW("clz x0, x1", clz_rr(W64, X0, X1)),
      ROW("clz w30, wzr", clz_rr(W32, X30, Zr)),
      ROW("cls x0, x1", cls_rr(W64, X0, X1)),
      ERR(clz_rr(W64, X0, Sp)),
  };
}
TEST(AArch64Assembler, MultiplyDivideShift) { checkRows(multiplyDivideShiftRows()); }

std::vector<Row> conditionalSelectRows() {
  return {
      ROWH("csel x0, x1, x2, eq", "9a820020", csel_rrrc(W64, X0, X1, X2, EQ)),
      ROW("csel w0, w1, w2, ne", csel_rrrc(W32, X0, X1, X2, NE)),
      ROW("csel x0, x1, xzr, hs", csel_rrrc(W64, X0, X1, Zr, HS)),
      ROW("csel x0, x1, x2, lo", csel_rrrc(W64, X0, X1, X2, LO)),
      ROW("csel x0, x1, x2, mi", csel_rrrc(W64, X0, X1, X2, MI)),
      ROW("csel x0, x1, x2, pl", csel_rrrc(W64, X0, X1, X2, PL)),
      ROW("csel x0, x1, x2, vs", csel_rrrc(W64, X0, X1, X2, VS)),
      ROW("csel x0, x1, x2, vc", csel_rrrc(W64, X0, X1, X2, VC)),
      ROW("csel x0, x1, x2, hi", csel_rrrc(W64, X0, X1, X2, HI)),
      ROW("csel x0, x1, x2, ls", csel_rrrc(W64, X0, X1, X2, LS)),
      ROW("csel x0, x1, x2, ge", csel_rrrc(W64, X0, X1, X2, GE)),
      ROW("csel x0, x1, x2, lt", csel_rrrc(W64, X0, X1, X2, LT)),
      ROW("csel x0, x1, x2, gt", csel_rrrc(W64, X0, X1, X2, GT)),
      ROW("csel x0, x1, x2, le", csel_rrrc(W64, X0, X1, X2, LE)),
      ROW("csel x0, x1, x2, al", csel_rrrc(W64, X0, X1, X2, AL)),
      ROW("csinc x0, x1, x2, lt", csinc_rrrc(W64, X0, X1, X2, LT)),
      ROW("csinv w0, w1, w2, gt", csinv_rrrc(W32, X0, X1, X2, GT)),
      ROW("csneg x0, x1, x2, le", csneg_rrrc(W64, X0, X1, X2, LE)),
      ROW("cset w0, eq", cset_rc(W32, X0, EQ)),
      ROW("cset x0, hi", cset_rc(W64, X0, HI)),
      ROW("csetm x0, ne", csetm_rc(W64, X0, NE)),
      ROW("cinc x0, x1, lt", cinc_rrc(W64, X0, X1, LT)),
      ROW("cneg w0, w1, mi", cneg_rrc(W32, X0, X1, MI)),
      ROW("ccmp x0, x1, #4, ne", ccmp_rrc(W64, X0, X1, 4, NE)),
      ROW("ccmp w0, w1, #15, eq", ccmp_rrc(W32, X0, X1, 15, EQ)),
      ROW("ccmp x0, #31, #0, ge", ccmp_ric(W64, X0, 31, 0, GE)),
      ERR(ccmp_ric(W64, X0, 32, 0, GE)),
      ERR(ccmp_rrc(W64, X0, X1, 16, GE)),
      ROW("ccmn x0, x1, #2, lo", ccmn_rrc(W64, X0, X1, 2, LO)),
      ROW("ccmn w0, #1, #8, hs", ccmn_ric(W32, X0, 1, 8, HS)),
  };
}
TEST(AArch64Assembler, ConditionalSelect) { checkRows(conditionalSelectRows()); }

std::vector<Row> branchesAndSystemRows() {
  return {
      ROWH("br x16", "d61f0200", br_r(X16)),
      ROW("blr x30", blr_r(X30)),
      ROW("blr x0", blr_r(X0)),
      ROWH("ret", "d65f03c0", ret()),
      ROW("ret x1", ret(X1)),
      ERR(br_r(Sp)),
      ROWH("brk #0x3e8", "d4207d00", brk(1000)),
      ROW("brk #0xffff", brk(0xffff)),
      ERR(brk(0x10000)),
      ROW("udf #1", udf(1)),
      ROW("udf #65535", udf(0xffff)),
      ROWH("nop", "d503201f", nop()),
      ROWH("dmb ish", "d5033bbf", dmb(Barrier::Ish)),
      ROW("dmb ishld", dmb(Barrier::IshLd)),
      ROW("dsb sy", dsb(Barrier::Sy)),
      ROW("isb", isb()),
      // Relocated branches leave the field zero (branch to self) for the JIT or object writer.
      ROWH("bl #0", "94000000", bl_func(7)),
      ROW("bl #0", bl_helper(3)),
      ROWH("b #0", "14000000", b_func(7)),
      ROW("b #0", b_helper(3)),
      ROW("adrp x16, #0", adrp_reloc(X16, RelocTarget::Data, 1)),
      ROW("add x16, x16, #0", add_lo12_reloc(X16, X16, RelocTarget::Data, 1)),
      ROW("mov sp, x0", add_lo12_reloc(Sp, X0, RelocTarget::ConstPool, 0)),
      ROW("adr x0, #0", adr_const(X0, 16)),
      ROW("ldr x0, #0", ldr_const(W64, X0, 8)),
      ROW("ldr w0, #0", ldr_const(W32, X0, 8)),
      ROW("ldr q31, #0", ldr_const(Vq, V31, 0)),
      ROW("ldr d0, #0", ldr_const(Vd, V0, 0)),
      ROW("ldr s1, #0", ldr_const(Vs, V1, 0)),
      ERR(ldr_const(Vb, V1, 0)),
  };
}
TEST(AArch64Assembler, BranchesAndSystem) { checkRows(branchesAndSystemRows()); }

std::vector<Row> loadStoreGprRows() {
  return {
      ROWH("ldr x0, [x1]", "f9400020", ldr_ri(W64, X0, X1, 0)),
      ROW("ldr x0, [x1, #8]", ldr_ri(W64, X0, X1, 8)),
      ROW("ldr x0, [x1, #32760]", ldr_ri(W64, X0, X1, 32760)),
      ERR(ldr_ri(W64, X0, X1, 32768)),
      ERR(ldr_ri(W64, X0, X1, 4)),
      ERR(ldr_ri(W64, X0, X1, -8)),
      ROW("ldr w0, [x1, #16380]", ldr_ri(W32, X0, X1, 16380)),
      ERR(ldr_ri(W32, X0, X1, 16384)),
      ROW("ldr x30, [sp, #16]", ldr_ri(W64, X30, Sp, 16)),
      ROW("ldr xzr, [x0]", ldr_ri(W64, Zr, X0, 0)),
      ERR(ldr_ri(W64, X0, Zr, 0)),
      ERR(ldr_ri(W64, Sp, X0, 0)),
      ROW("str x0, [x1, #8]", str_ri(W64, X0, X1, 8)),
      ROW("str w0, [sp, #4]", str_ri(W32, X0, Sp, 4)),
      ROW("str wzr, [x0, #16380]", str_ri(W32, Zr, X0, 16380)),
      ROW("ldrb w0, [x1, #4095]", ldrb_ri(X0, X1, 4095)),
      ERR(ldrb_ri(X0, X1, 4096)),
      ROW("ldrh w0, [x1, #8190]", ldrh_ri(X0, X1, 8190)),
      ERR(ldrh_ri(X0, X1, 1)),
      ROW("ldrsb x0, [x1, #1]", ldrsb_ri(W64, X0, X1, 1)),
      ROW("ldrsb w0, [x1]", ldrsb_ri(W32, X0, X1, 0)),
      ROW("ldrsh x0, [x1, #2]", ldrsh_ri(W64, X0, X1, 2)),
      ROW("ldrsh w0, [x1, #8190]", ldrsh_ri(W32, X0, X1, 8190)),
      ROW("ldrsw x0, [x1, #16380]", ldrsw_ri(X0, X1, 16380)),
      ROW("strb w0, [x1, #4095]", strb_ri(X0, X1, 4095)),
      ROW("strh w0, [x1, #2]", strh_ri(X0, X1, 2)),
      // Unscaled.
      ROW("ldur x0, [x1, #-8]", ldur_ri(W64, X0, X1, -8)),
      ROW("ldur x0, [x1, #-256]", ldur_ri(W64, X0, X1, -256)),
      ROW("ldur x0, [x1, #255]", ldur_ri(W64, X0, X1, 255)),
      ERR(ldur_ri(W64, X0, X1, 256)),
      ERR(ldur_ri(W64, X0, X1, -257)),
      ROW("ldur w0, [sp, #1]", ldur_ri(W32, X0, Sp, 1)),
      ROW("stur x0, [x29, #-16]", stur_ri(W64, X0, X29, -16)),
      ROW("stur w0, [x1, #3]", stur_ri(W32, X0, X1, 3)),
      ROW("ldurb w0, [x1, #-1]", ldurb_ri(X0, X1, -1)),
      ROW("ldurh w0, [x1, #-2]", ldurh_ri(X0, X1, -2)),
      ROW("ldursb x0, [x1, #-3]", ldursb_ri(W64, X0, X1, -3)),
      ROW("ldursb w0, [x1, #-3]", ldursb_ri(W32, X0, X1, -3)),
      ROW("ldursh x0, [x1, #5]", ldursh_ri(W64, X0, X1, 5)),
      ROW("ldursh w0, [x1, #5]", ldursh_ri(W32, X0, X1, 5)),
      ROW("ldursw x0, [x1, #-4]", ldursw_ri(X0, X1, -4)),
      ROW("sturb w0, [x1, #-1]", sturb_ri(X0, X1, -1)),
      ROW("sturh w0, [x1, #-1]", sturh_ri(X0, X1, -1)),
      // Pre/post-indexed.
      ROW("ldr x0, [x1, #8]!", ldr_pre(W64, X0, X1, 8)),
      ROW("ldr x0, [sp], #16", ldr_post(W64, X0, Sp, 16)),
      ROW("str x30, [sp, #-16]!", str_pre(W64, X30, Sp, -16)),
      ROW("str w0, [x1], #-256", str_post(W32, X0, X1, -256)),
      ERR(str_post(W32, X0, X1, 256)),
      ERR(ldr_post(W64, X1, X1, 8)),      // writeback base = destination: unpredictable
      ERR(str_pre(W64, X1, X1, -8)),
      ERR(ldrb_post(X2, X2, 1)),
      ROW("ldr x1, [x1, #8]", ldr_ri(W64, X1, X1, 8)),  // no writeback: fine
      ROW("str xzr, [sp, #-16]!", str_pre(W64, Zr, Sp, -16)),
      ROW("ldrb w0, [x1, #1]!", ldrb_pre(X0, X1, 1)),
      ROW("ldrb w0, [x1], #1", ldrb_post(X0, X1, 1)),
      ROW("ldrh w0, [x1, #2]!", ldrh_pre(X0, X1, 2)),
      ROW("ldrh w0, [x1], #2", ldrh_post(X0, X1, 2)),
      ROW("strb w0, [x1, #1]!", strb_pre(X0, X1, 1)),
      ROW("strb w0, [x1], #1", strb_post(X0, X1, 1)),
      ROW("strh w0, [x1, #-2]!", strh_pre(X0, X1, -2)),
      ROW("strh w0, [x1], #2", strh_post(X0, X1, 2)),
      ROW("ldrsb x0, [x1, #1]!", ldrsb_pre(W64, X0, X1, 1)),
      ROW("ldrsb w0, [x1], #1", ldrsb_post(W32, X0, X1, 1)),
      ROW("ldrsh x0, [x1, #2]!", ldrsh_pre(W64, X0, X1, 2)),
      ROW("ldrsh w0, [x1], #2", ldrsh_post(W32, X0, X1, 2)),
      ROW("ldrsw x0, [x1, #4]!", ldrsw_pre(X0, X1, 4)),
      ROW("ldrsw x0, [x1], #4", ldrsw_post(X0, X1, 4)),
      // Register offset.
      ROWH("ldr x0, [x1, x2]", "f8626820", ldr_rr(W64, X0, X1, X2)),
      ROW("ldr x0, [x1, x2, lsl #3]", ldr_rr(W64, X0, X1, X2, Lsl, true)),
      ROW("ldr w0, [x1, w2, uxtw]", ldr_rr(W32, X0, X1, X2, Uxtw)),
      ROW("ldr w0, [x1, w2, uxtw #2]", ldr_rr(W32, X0, X1, X2, Uxtw, true)),
      ROW("ldr x0, [x1, w2, sxtw]", ldr_rr(W64, X0, X1, X2, Sxtw)),
      ROW("ldr x0, [x1, x2, sxtx #3]", ldr_rr(W64, X0, X1, X2, Sxtx, true)),
      ROW("ldr x0, [sp, x30]", ldr_rr(W64, X0, Sp, X30)),
      ROW("ldr x0, [x1, xzr]", ldr_rr(W64, X0, X1, Zr)),
      ERR(ldr_rr(W64, X0, X1, Sp)),
      ERR(ldr_rr(W64, X0, X1, X2, Uxtb)),
      ROW("str x0, [x1, x2]", str_rr(W64, X0, X1, X2)),
      ROW("str w0, [x1, x2, lsl #2]", str_rr(W32, X0, X1, X2, Lsl, true)),
      ROW("ldrb w0, [x1, x2]", ldrb_rr(X0, X1, X2)),
      ROW("ldrb w0, [x1, w2, uxtw]", ldrb_rr(X0, X1, X2, Uxtw)),
      ROW("ldrb w0, [x1, x2, lsl #0]", ldrb_rr(X0, X1, X2, Lsl, true)),
      ROW("ldrh w0, [x1, x2, lsl #1]", ldrh_rr(X0, X1, X2, Lsl, true)),
      ROW("ldrsb x0, [x1, x2]", ldrsb_rr(W64, X0, X1, X2)),
      ROW("ldrsb w0, [x1, w2, sxtw]", ldrsb_rr(W32, X0, X1, X2, Sxtw)),
      ROW("ldrsh x0, [x1, x2]", ldrsh_rr(W64, X0, X1, X2)),
      ROW("ldrsh w0, [x1, x2, lsl #1]", ldrsh_rr(W32, X0, X1, X2, Lsl, true)),
      ROW("ldrsw x0, [x1, x2, lsl #2]", ldrsw_rr(X0, X1, X2, Lsl, true)),
      ROW("strb w0, [x1, x2]", strb_rr(X0, X1, X2)),
      ROW("strh w0, [x1, w2, uxtw #1]", strh_rr(X0, X1, X2, Uxtw, true)),
      // Pairs.
      ROWH("stp x29, x30, [sp, #-16]!", "a9bf7bfd", stp_pre(W64, X29, X30, Sp, -16)),
      ROWH("ldp x29, x30, [sp], #16", "a8c17bfd", ldp_post(W64, X29, X30, Sp, 16)),
      ROW("ldp x0, x1, [x2, #504]", ldp_ri(W64, X0, X1, X2, 504)),
      ROW("ldp x0, x1, [x2, #-512]", ldp_ri(W64, X0, X1, X2, -512)),
      ERR(ldp_ri(W64, X0, X1, X2, 512)),
      ERR(ldp_ri(W64, X0, X1, X2, 4)),
      ROW("stp w0, w1, [sp, #252]", stp_ri(W32, X0, X1, Sp, 252)),
      ROW("ldp w0, w1, [x2, #-256]!", ldp_pre(W32, X0, X1, X2, -256)),
      ROW("stp x19, x20, [sp], #-16", stp_post(W64, X19, X20, Sp, -16)),
      ROW("stp xzr, xzr, [x0]", stp_ri(W64, Zr, Zr, X0, 0)),
      ROW("ldp d8, d9, [sp, #16]", ldp_ri(Vd, V8, V9, Sp, 16)),
      ROW("stp d8, d9, [sp, #-64]!", stp_pre(Vd, V8, V9, Sp, -64)),
      ROW("ldp d14, d15, [sp], #64", ldp_post(Vd, V14, V15, Sp, 64)),
      ROW("stp q0, q31, [x0, #1008]", stp_ri(Vq, V0, V31, X0, 1008)),
      ROW("ldp q0, q1, [x0, #-1024]!", ldp_pre(Vq, V0, V1, X0, -1024)),
      ROW("stp s0, s1, [x0], #4", stp_post(Vs, V0, V1, X0, 4)),
      ERR(stp_ri(Vb, V0, V1, X0, 0)),
      ERR(ldp_ri(W64, X0, X0, X2, 0)),     // same register twice: unpredictable
      ERR(ldp_post(W64, X0, X2, X2, 16)),  // writeback base = a destination
      ERR(stp_pre(W64, X2, X1, X2, -16)),
      ROW("stp x0, x0, [x1]", stp_ri(W64, X0, X0, X1, 0)),
      ROW("ldp x0, x1, [x1]", ldp_ri(W64, X0, X1, X1, 0)),
      ERR(stp_ri(Vq, V0, V1, X0, 8)),
  };
}
TEST(AArch64Assembler, LoadStoreGpr) { checkRows(loadStoreGprRows()); }

std::vector<Row> loadStoreFpRows() {
  return {
      ROWH("ldr q0, [x1, #16]", "3dc00420", ldr_ri(Vq, V0, X1, 16)),
      ROW("ldr q31, [sp, #65520]", ldr_ri(Vq, V31, Sp, 65520)),
      ERR(ldr_ri(Vq, V0, X1, 8)),
      ROW("ldr d0, [x1, #32760]", ldr_ri(Vd, V0, X1, 32760)),
      ROW("ldr s0, [x1, #16380]", ldr_ri(Vs, V0, X1, 16380)),
      ROW("ldr h0, [x1, #2]", ldr_ri(Vh, V0, X1, 2)),
      ROW("ldr b0, [x1, #4095]", ldr_ri(Vb, V0, X1, 4095)),
      ROW("str q0, [x1, #16]", str_ri(Vq, V0, X1, 16)),
      ROW("str d31, [sp]", str_ri(Vd, V31, Sp, 0)),
      ROW("str s0, [x1, #4]", str_ri(Vs, V0, X1, 4)),
      ROW("str h0, [x1, #2]", str_ri(Vh, V0, X1, 2)),
      ROW("str b0, [x1, #1]", str_ri(Vb, V0, X1, 1)),
      ROW("ldur q0, [x1, #-16]", ldur_ri(Vq, V0, X1, -16)),
      ROW("ldur d0, [x1, #-1]", ldur_ri(Vd, V0, X1, -1)),
      ROW("ldur s0, [x1, #255]", ldur_ri(Vs, V0, X1, 255)),
      ROW("stur q0, [x1, #-256]", stur_ri(Vq, V0, X1, -256)),
      ROW("stur h0, [x1, #1]", stur_ri(Vh, V0, X1, 1)),
      ROW("ldr q0, [x1, #16]!", ldr_pre(Vq, V0, X1, 16)),
      ROW("str q0, [sp, #-16]!", str_pre(Vq, V0, Sp, -16)),
      ROW("ldr d0, [sp], #16", ldr_post(Vd, V0, Sp, 16)),
      ROW("str s0, [x0], #4", str_post(Vs, V0, X0, 4)),
      ROW("ldr q0, [x1, x2]", ldr_rr(Vq, V0, X1, X2)),
      ROW("ldr q0, [x1, x2, lsl #4]", ldr_rr(Vq, V0, X1, X2, Lsl, true)),
      ROW("ldr d0, [x1, w2, uxtw #3]", ldr_rr(Vd, V0, X1, X2, Uxtw, true)),
      ROW("ldr s0, [x1, w2, sxtw]", ldr_rr(Vs, V0, X1, X2, Sxtw)),
      ROW("str q0, [x1, x2]", str_rr(Vq, V0, X1, X2)),
      ROW("str d0, [x1, x2, lsl #3]", str_rr(Vd, V0, X1, X2, Lsl, true)),
      ROW("str b0, [x1, x2]", str_rr(Vb, V0, X1, X2)),
  };
}
TEST(AArch64Assembler, LoadStoreFp) { checkRows(loadStoreFpRows()); }

std::vector<Row> scalarFloatRows() {
  return {
      ROWH("fmov s0, s1", "1e204020", fmov_ff(FS, V0, V1)),
      ROW("fmov d31, d0", fmov_ff(FD, V31, V0)),
      ROW("fmov s0, w1", fmov_fr(FS, V0, X1)),
      ROW("fmov d0, x1", fmov_fr(FD, V0, X1)),
      ROW("fmov d0, xzr", fmov_fr(FD, V0, Zr)),
      ROW("fmov w0, s1", fmov_rf(FS, X0, V1)),
      ROW("fmov x30, d31", fmov_rf(FD, X30, V31)),
      ROW("fmov d0, #1.00000000", fmov_fi(FD, V0, 1.0)),
      ROW("fmov s0, #-2.00000000", fmov_fi(FS, V0, -2.0)),
      ROW("fmov d0, #0.12500000", fmov_fi(FD, V0, 0.125)),
      ROW("fmov d0, #31.00000000", fmov_fi(FD, V0, 31.0)),
      ROW("fmov s0, #0.50000000", fmov_fi(FS, V0, 0.5)),
      ROW("fmov d0, #1.93750000", fmov_fi(FD, V0, 1.9375)),
      ERR(fmov_fi(FD, V0, 0.0)),
      ERR(fmov_fi(FD, V0, 32.0)),
      ERR(fmov_fi(FD, V0, 0.1)),
      ERR(fmov_fi(FD, V0, 1.03125)),
      ROW("fabs s0, s1", fabs_ff(FS, V0, V1)),
      ROW("fabs d0, d1", fabs_ff(FD, V0, V1)),
      ROW("fneg d0, d1", fneg_ff(FD, V0, V1)),
      ROW("fsqrt s0, s1", fsqrt_ff(FS, V0, V1)),
      ROW("frintn d0, d1", frintn_ff(FD, V0, V1)),
      ROW("frintm s0, s1", frintm_ff(FS, V0, V1)),
      ROW("frintp d0, d1", frintp_ff(FD, V0, V1)),
      ROW("frintz s0, s1", frintz_ff(FS, V0, V1)),
      ROW("frinta d0, d1", frinta_ff(FD, V0, V1)),
      ROW("frintx d0, d1", frintx_ff(FD, V0, V1)),
      ROW("frinti s0, s1", frinti_ff(FS, V0, V1)),
      ROW("fadd s0, s1, s2", fadd_fff(FS, V0, V1, V2)),
      ROW("fadd d29, d30, d31", fadd_fff(FD, V29, V30, V31)),
      ROW("fsub d0, d1, d2", fsub_fff(FD, V0, V1, V2)),
      ROW("fmul s0, s1, s2", fmul_fff(FS, V0, V1, V2)),
      ROW("fdiv d0, d1, d2", fdiv_fff(FD, V0, V1, V2)),
      ROW("fmax s0, s1, s2", fmax_fff(FS, V0, V1, V2)),
      ROW("fmin d0, d1, d2", fmin_fff(FD, V0, V1, V2)),
      ROW("fmaxnm d0, d1, d2", fmaxnm_fff(FD, V0, V1, V2)),
      ROW("fminnm s0, s1, s2", fminnm_fff(FS, V0, V1, V2)),
      ROW("fnmul d0, d1, d2", fnmul_fff(FD, V0, V1, V2)),
      ROW("fcmp s0, s1", fcmp_ff(FS, V0, V1)),
      ROW("fcmp d0, d31", fcmp_ff(FD, V0, V31)),
      ROW("fcmp d0, #0.0", fcmp_f0(FD, V0)),
      ROW("fcmp s3, #0.0", fcmp_f0(FS, V3)),
      ROW("fcmpe d0, d1", fcmpe_ff(FD, V0, V1)),
      ROW("fcsel d0, d1, d2, gt", fcsel_fffc(FD, V0, V1, V2, GT)),
      ROW("fcsel s0, s1, s2, vs", fcsel_fffc(FS, V0, V1, V2, VS)),
      ROW("fcvt d0, s1", fcvt_ff(FD, FS, V0, V1)),
      ROW("fcvt s0, d1", fcvt_ff(FS, FD, V0, V1)),
      ERR(fcvt_ff(FS, FS, V0, V1)),
      ROW("scvtf s0, w1", scvtf_fr(FS, W32, V0, X1)),
      ROW("scvtf d0, w1", scvtf_fr(FD, W32, V0, X1)),
      ROW("scvtf s0, x1", scvtf_fr(FS, W64, V0, X1)),
      ROW("scvtf d0, x1", scvtf_fr(FD, W64, V0, X1)),
      ROW("ucvtf s0, w1", ucvtf_fr(FS, W32, V0, X1)),
      ROW("ucvtf d31, x30", ucvtf_fr(FD, W64, V31, X30)),
      ROW("fcvtzs w0, s1", fcvtzs_rf(W32, FS, X0, V1)),
      ROW("fcvtzs w0, d1", fcvtzs_rf(W32, FD, X0, V1)),
      ROW("fcvtzs x0, s1", fcvtzs_rf(W64, FS, X0, V1)),
      ROW("fcvtzs x0, d1", fcvtzs_rf(W64, FD, X0, V1)),
      ROW("fcvtzu w0, d1", fcvtzu_rf(W32, FD, X0, V1)),
      ROW("fcvtzu x0, s1", fcvtzu_rf(W64, FS, X0, V1)),
      ERR(fcvtzu_rf(W64, FS, Sp, V1)),
  };
}
TEST(AArch64Assembler, ScalarFloat) { checkRows(scalarFloatRows()); }

std::vector<Row> simdTableFormsRows() {
  return {
      ROWH("add v0.16b, v1.16b, v2.16b", "4e228420", add_vvv(B16, V0, V1, V2)),
      ROW("add v0.8h, v1.8h, v2.8h", add_vvv(H8, V0, V1, V2)),
      ROW("add v0.4s, v1.4s, v2.4s", add_vvv(S4, V0, V1, V2)),
      ROW("add v31.2d, v30.2d, v29.2d", add_vvv(D2, V31, V30, V29)),
      ROW("add v0.8b, v1.8b, v2.8b", add_vvv(B8, V0, V1, V2)),
      ROW("add v0.2s, v1.2s, v2.2s", add_vvv(S2, V0, V1, V2)),
      ERR(add_vvv(D1, V0, V1, V2)),
      ROW("sub v0.2d, v1.2d, v2.2d", sub_vvv(D2, V0, V1, V2)),
      ROW("mul v0.4s, v1.4s, v2.4s", mul_vvv(S4, V0, V1, V2)),
      ROW("mul v0.16b, v1.16b, v2.16b", mul_vvv(B16, V0, V1, V2)),
      ERR(mul_vvv(D2, V0, V1, V2)),
      ROW("sqadd v0.16b, v1.16b, v2.16b", sqadd_vvv(B16, V0, V1, V2)),
      ROW("uqadd v0.8h, v1.8h, v2.8h", uqadd_vvv(H8, V0, V1, V2)),
      ROW("sqsub v0.8h, v1.8h, v2.8h", sqsub_vvv(H8, V0, V1, V2)),
      ROW("uqsub v0.16b, v1.16b, v2.16b", uqsub_vvv(B16, V0, V1, V2)),
      ROW("smax v0.4s, v1.4s, v2.4s", smax_vvv(S4, V0, V1, V2)),
      ROW("umax v0.16b, v1.16b, v2.16b", umax_vvv(B16, V0, V1, V2)),
      ROW("smin v0.8h, v1.8h, v2.8h", smin_vvv(H8, V0, V1, V2)),
      ROW("umin v0.4s, v1.4s, v2.4s", umin_vvv(S4, V0, V1, V2)),
      ERR(umin_vvv(D2, V0, V1, V2)),
      ROW("smaxp v0.4s, v1.4s, v2.4s", smaxp_vvv(S4, V0, V1, V2)),
      ROW("umaxp v0.16b, v1.16b, v2.16b", umaxp_vvv(B16, V0, V1, V2)),
      ROW("sminp v0.8h, v1.8h, v2.8h", sminp_vvv(H8, V0, V1, V2)),
      ROW("uminp v0.4s, v1.4s, v2.4s", uminp_vvv(S4, V0, V1, V2)),
      ROW("urhadd v0.16b, v1.16b, v2.16b", urhadd_vvv(B16, V0, V1, V2)),
      ROW("urhadd v0.8h, v1.8h, v2.8h", urhadd_vvv(H8, V0, V1, V2)),
      ROW("cmeq v0.2d, v1.2d, v2.2d", cmeq_vvv(D2, V0, V1, V2)),
      ROW("cmtst v0.16b, v1.16b, v2.16b", cmtst_vvv(B16, V0, V1, V2)),
      ROW("cmgt v0.4s, v1.4s, v2.4s", cmgt_vvv(S4, V0, V1, V2)),
      ROW("cmge v0.8h, v1.8h, v2.8h", cmge_vvv(H8, V0, V1, V2)),
      ROW("cmhi v0.16b, v1.16b, v2.16b", cmhi_vvv(B16, V0, V1, V2)),
      ROW("cmhs v0.2d, v1.2d, v2.2d", cmhs_vvv(D2, V0, V1, V2)),
      ROW("sshl v0.4s, v1.4s, v2.4s", sshl_vvv(S4, V0, V1, V2)),
      ROW("ushl v0.2d, v1.2d, v2.2d", ushl_vvv(D2, V0, V1, V2)),
      ROW("addp v0.4s, v1.4s, v2.4s", addp_vvv(S4, V0, V1, V2)),
      ROW("addp v0.2d, v1.2d, v2.2d", addp_vvv(D2, V0, V1, V2)),
      ROW("sqrdmulh v0.8h, v1.8h, v2.8h", sqrdmulh_vvv(H8, V0, V1, V2)),
      ERR(sqrdmulh_vvv(B16, V0, V1, V2)),
      ROWH("and v0.16b, v1.16b, v2.16b", "4e221c20", and_vvv(true, V0, V1, V2)),
      ROW("and v0.8b, v1.8b, v2.8b", and_vvv(false, V0, V1, V2)),
      ROW("bic v0.16b, v1.16b, v2.16b", bic_vvv(true, V0, V1, V2)),
      ROW("orr v0.16b, v1.16b, v2.16b", orr_vvv(true, V0, V1, V2)),
      ROW("orn v0.16b, v1.16b, v2.16b", orn_vvv(true, V0, V1, V2)),
      ROW("eor v31.16b, v0.16b, v31.16b", eor_vvv(true, V31, V0, V31)),
      ROW("bsl v0.16b, v1.16b, v2.16b", bsl_vvv(true, V0, V1, V2)),
      ROW("bit v0.16b, v1.16b, v2.16b", bit_vvv(true, V0, V1, V2)),
      ROW("bif v0.16b, v1.16b, v2.16b", bif_vvv(true, V0, V1, V2)),
      ROW("mov v0.16b, v1.16b", mov_vv(V0, V1)),
      ROW("fadd v0.4s, v1.4s, v2.4s", fadd_vvv(S4, V0, V1, V2)),
      ROW("fadd v0.2d, v1.2d, v2.2d", fadd_vvv(D2, V0, V1, V2)),
      ROW("fadd v0.2s, v1.2s, v2.2s", fadd_vvv(S2, V0, V1, V2)),
      ERR(fadd_vvv(H8, V0, V1, V2)),
      ROW("fsub v0.2d, v1.2d, v2.2d", fsub_vvv(D2, V0, V1, V2)),
      ROW("fmul v0.4s, v1.4s, v2.4s", fmul_vvv(S4, V0, V1, V2)),
      ROW("fdiv v0.2d, v1.2d, v2.2d", fdiv_vvv(D2, V0, V1, V2)),
      ROW("fmax v0.4s, v1.4s, v2.4s", fmax_vvv(S4, V0, V1, V2)),
      ROW("fmin v0.2d, v1.2d, v2.2d", fmin_vvv(D2, V0, V1, V2)),
      ROW("fmaxnm v0.4s, v1.4s, v2.4s", fmaxnm_vvv(S4, V0, V1, V2)),
      ROW("fminnm v0.2d, v1.2d, v2.2d", fminnm_vvv(D2, V0, V1, V2)),
      ROW("fcmeq v0.4s, v1.4s, v2.4s", fcmeq_vvv(S4, V0, V1, V2)),
      ROW("fcmge v0.2d, v1.2d, v2.2d", fcmge_vvv(D2, V0, V1, V2)),
      ROW("fcmgt v0.4s, v1.4s, v2.4s", fcmgt_vvv(S4, V0, V1, V2)),
      ROW("faddp v0.4s, v1.4s, v2.4s", faddp_vvv(S4, V0, V1, V2)),
      ROW("abs v0.16b, v1.16b", abs_vv(B16, V0, V1)),
      ROW("abs v0.2d, v1.2d", abs_vv(D2, V0, V1)),
      ROW("neg v0.4s, v1.4s", neg_vv(S4, V0, V1)),
      ROW("neg v0.8h, v1.8h", neg_vv(H8, V0, V1)),
      ROW("cmeq v0.4s, v1.4s, #0", cmeq_vv0(S4, V0, V1)),
      ROW("cmge v0.16b, v1.16b, #0", cmge_vv0(B16, V0, V1)),
      ROW("cmgt v0.2d, v1.2d, #0", cmgt_vv0(D2, V0, V1)),
      ROW("cmle v0.8h, v1.8h, #0", cmle_vv0(H8, V0, V1)),
      ROW("cmlt v0.2d, v1.2d, #0", cmlt_vv0(D2, V0, V1)),
      ROW("cnt v0.16b, v1.16b", cnt_vv(B16, V0, V1)),
      ROW("cnt v0.8b, v1.8b", cnt_vv(B8, V0, V1)),
      ERR(cnt_vv(H8, V0, V1)),
      ROW("mvn v0.16b, v1.16b", not_vv(B16, V0, V1)),
      ROW("rev64 v0.4s, v1.4s", rev64_vv(S4, V0, V1)),
      ROW("rev32 v0.8h, v1.8h", rev32_vv(H8, V0, V1)),
      ROW("rev16 v0.16b, v1.16b", rev16_vv(B16, V0, V1)),
      ROW("saddlp v0.8h, v1.16b", saddlp_vv(B16, V0, V1)),
      ROW("uaddlp v0.4s, v1.8h", uaddlp_vv(H8, V0, V1)),
      ROW("uaddlp v0.2d, v1.4s", uaddlp_vv(S4, V0, V1)),
      ROW("fabs v0.4s, v1.4s", fabs_vv(S4, V0, V1)),
      ROW("fneg v0.2d, v1.2d", fneg_vv(D2, V0, V1)),
      ROW("fsqrt v0.4s, v1.4s", fsqrt_vv(S4, V0, V1)),
      ROW("frintn v0.2d, v1.2d", frintn_vv(D2, V0, V1)),
      ROW("frintm v0.4s, v1.4s", frintm_vv(S4, V0, V1)),
      ROW("frintp v0.2d, v1.2d", frintp_vv(D2, V0, V1)),
      ROW("frintz v0.4s, v1.4s", frintz_vv(S4, V0, V1)),
      ROW("fcvtzs v0.4s, v1.4s", fcvtzs_vv(S4, V0, V1)),
      ROW("fcvtzs v0.2d, v1.2d", fcvtzs_vv(D2, V0, V1)),
      ROW("fcvtzu v0.4s, v1.4s", fcvtzu_vv(S4, V0, V1)),
      ROW("scvtf v0.4s, v1.4s", scvtf_vv(S4, V0, V1)),
      ROW("scvtf v0.2d, v1.2d", scvtf_vv(D2, V0, V1)),
      ROW("ucvtf v0.2d, v1.2d", ucvtf_vv(D2, V0, V1)),
      ROW("fcmeq v0.4s, v1.4s, #0.0", fcmeq_vv0(S4, V0, V1)),
      ROW("fcmgt v0.2d, v1.2d, #0.0", fcmgt_vv0(D2, V0, V1)),
      ROW("fcmge v0.4s, v1.4s, #0.0", fcmge_vv0(S4, V0, V1)),
      ROW("fcmlt v0.2d, v1.2d, #0.0", fcmlt_vv0(D2, V0, V1)),
      ROW("fcmle v0.4s, v1.4s, #0.0", fcmle_vv0(S4, V0, V1)),
      ROW("addv b0, v1.16b", addv_fv(B16, V0, V1)),
      ROW("addv h0, v1.8h", addv_fv(H8, V0, V1)),
      ROW("addv s0, v1.4s", addv_fv(S4, V0, V1)),
      ERR(addv_fv(S2, V0, V1)),
      ERR(addv_fv(D2, V0, V1)),
      ROW("smaxv b0, v1.16b", smaxv_fv(B16, V0, V1)),
      ROW("umaxv s0, v1.4s", umaxv_fv(S4, V0, V1)),
      ROW("sminv h0, v1.8h", sminv_fv(H8, V0, V1)),
      ROW("uminv b31, v1.16b", uminv_fv(B16, V31, V1)),
      ROW("uzp1 v0.16b, v1.16b, v2.16b", uzp1_vvv(B16, V0, V1, V2)),
      ROW("trn1 v0.8h, v1.8h, v2.8h", trn1_vvv(H8, V0, V1, V2)),
      ROW("zip1 v0.4s, v1.4s, v2.4s", zip1_vvv(S4, V0, V1, V2)),
      ROW("uzp2 v0.2d, v1.2d, v2.2d", uzp2_vvv(D2, V0, V1, V2)),
      ROW("trn2 v0.16b, v1.16b, v2.16b", trn2_vvv(B16, V0, V1, V2)),
      ROW("zip2 v0.8h, v1.8h, v2.8h", zip2_vvv(H8, V0, V1, V2)),
      ROW("xtn v0.8b, v1.8h", xtn_vv(EB, V0, V1)),
      ROW("xtn2 v0.8h, v1.4s", xtn2_vv(EH, V0, V1)),
      ROW("xtn v0.2s, v1.2d", xtn_vv(ES, V0, V1)),
      ERR(xtn_vv(ED, V0, V1)),
      ROW("sqxtn v0.8b, v1.8h", sqxtn_vv(EB, V0, V1)),
      ROW("sqxtn2 v0.16b, v1.8h", sqxtn2_vv(EB, V0, V1)),
      ROW("sqxtun v0.4h, v1.4s", sqxtun_vv(EH, V0, V1)),
      ROW("sqxtun2 v0.8h, v1.4s", sqxtun2_vv(EH, V0, V1)),
      ROW("uqxtn v0.2s, v1.2d", uqxtn_vv(ES, V0, V1)),
      ROW("uqxtn2 v0.4s, v1.2d", uqxtn2_vv(ES, V0, V1)),
      ROW("smull v0.8h, v1.8b, v2.8b", smull_vvv(EB, V0, V1, V2)),
      ROW("smull2 v0.4s, v1.8h, v2.8h", smull2_vvv(EH, V0, V1, V2)),
      ROW("umull v0.2d, v1.2s, v2.2s", umull_vvv(ES, V0, V1, V2)),
      ROW("umull2 v0.8h, v1.16b, v2.16b", umull2_vvv(EB, V0, V1, V2)),
      ERR(umull_vvv(ED, V0, V1, V2)),
      ROW("saddl v0.8h, v1.8b, v2.8b", saddl_vvv(EB, V0, V1, V2)),
      ROW("saddl2 v0.2d, v1.4s, v2.4s", saddl2_vvv(ES, V0, V1, V2)),
      ROW("uaddl v0.4s, v1.4h, v2.4h", uaddl_vvv(EH, V0, V1, V2)),
      ROW("uaddl2 v0.8h, v1.16b, v2.16b", uaddl2_vvv(EB, V0, V1, V2)),
  };
}
TEST(AArch64Assembler, SimdTableForms) { checkRows(simdTableFormsRows()); }

std::vector<Row> simdIrregularFormsRows() {
  return {
      ROW("shl v0.16b, v1.16b, #0", shl_vvi(B16, V0, V1, 0)),
      ROW("shl v0.16b, v1.16b, #7", shl_vvi(B16, V0, V1, 7)),
      ROW("shl v0.8h, v1.8h, #15", shl_vvi(H8, V0, V1, 15)),
      ROW("shl v0.4s, v1.4s, #31", shl_vvi(S4, V0, V1, 31)),
      ROW("shl v0.2d, v1.2d, #63", shl_vvi(D2, V0, V1, 63)),
      ERR(shl_vvi(S4, V0, V1, 32)),
      ROW("sshr v0.16b, v1.16b, #8", sshr_vvi(B16, V0, V1, 8)),
      ROW("sshr v0.4s, v1.4s, #1", sshr_vvi(S4, V0, V1, 1)),
      ROW("sshr v0.2d, v1.2d, #64", sshr_vvi(D2, V0, V1, 64)),
      ERR(sshr_vvi(D2, V0, V1, 0)),
      ROW("ushr v0.8h, v1.8h, #16", ushr_vvi(H8, V0, V1, 16)),
      ROW("ushr v0.2d, v1.2d, #1", ushr_vvi(D2, V0, V1, 1)),
      ROW("sshll v0.8h, v1.8b, #2", sshll_vvi(EB, V0, V1, 2)),
      ROW("sshll2 v0.2d, v1.4s, #31", sshll2_vvi(ES, V0, V1, 31)),
      ROW("ushll v0.4s, v1.4h, #15", ushll_vvi(EH, V0, V1, 15)),
      ROW("ushll2 v0.8h, v1.16b, #1", ushll2_vvi(EB, V0, V1, 1)),
      // LLVM 14 prints sxtl/uxtl as the shift-by-0 form.
      ROW("sshll v0.8h, v1.8b, #0", sxtl_vv(EB, V0, V1)),
      ROW("sshll2 v0.4s, v1.8h, #0", sxtl2_vv(EH, V0, V1)),
      ROW("ushll v0.2d, v1.2s, #0", uxtl_vv(ES, V0, V1)),
      ROW("ushll2 v0.8h, v1.16b, #0", uxtl2_vv(EB, V0, V1)),
      ERR(sxtl_vv(ED, V0, V1)),
      ROW("fcvtn v0.2s, v1.2d", fcvtn_vv(V0, V1)),
      ROW("fcvtn2 v0.4s, v1.2d", fcvtn2_vv(V0, V1)),
      ROW("fcvtl v0.2d, v1.2s", fcvtl_vv(V0, V1)),
      ROW("fcvtl2 v0.2d, v1.4s", fcvtl2_vv(V0, V1)),
      ROW("dup v0.16b, v1.b[15]", dup_vv(B16, V0, V1, 15)),
      ROW("dup v0.8h, v1.h[7]", dup_vv(H8, V0, V1, 7)),
      ROW("dup v0.4s, v1.s[3]", dup_vv(S4, V0, V1, 3)),
      ROW("dup v0.2d, v1.d[1]", dup_vv(D2, V0, V1, 1)),
      ERR(dup_vv(S4, V0, V1, 4)),
      ROW("addp d0, v1.2d", addp_fv(V0, V1)),
      ROW("mov b0, v1.b[15]", dup_fv(EB, V0, V1, 15)),
      ROW("mov h0, v1.h[1]", dup_fv(EH, V0, V1, 1)),
      ROW("mov s0, v1.s[2]", dup_fv(ES, V0, V1, 2)),
      ROW("mov d31, v1.d[1]", dup_fv(ED, V31, V1, 1)),
      ERR(dup_fv(ED, V0, V1, 2)),
      ROW("dup v0.16b, w1", dup_vr(B16, V0, X1)),
      ROW("dup v0.8h, w1", dup_vr(H8, V0, X1)),
      ROW("dup v0.4s, wzr", dup_vr(S4, V0, Zr)),
      ROW("dup v0.2d, x30", dup_vr(D2, V0, X30)),
      ERR(dup_vr(D1, V0, X1)),
      ROW("mov v0.b[15], w1", ins_vr(EB, V0, 15, X1)),
      ROW("mov v0.h[0], w1", ins_vr(EH, V0, 0, X1)),
      ROW("mov v0.s[3], w1", ins_vr(ES, V0, 3, X1)),
      ROW("mov v31.d[1], x1", ins_vr(ED, V31, 1, X1)),
      ERR(ins_vr(ED, V0, 2, X1)),
      ROW("mov v0.b[3], v1.b[15]", ins_vv(EB, V0, 3, V1, 15)),
      ROW("mov v0.s[1], v1.s[3]", ins_vv(ES, V0, 1, V1, 3)),
      ROW("mov v0.d[0], v1.d[1]", ins_vv(ED, V0, 0, V1, 1)),
      ERR(ins_vv(ED, V0, 0, V1, 2)),
      ROW("umov w0, v1.b[15]", umov_rv(EB, X0, V1, 15)),
      ROW("umov w0, v1.h[7]", umov_rv(EH, X0, V1, 7)),
      ROW("mov w0, v1.s[3]", umov_rv(ES, X0, V1, 3)),
      ROW("mov x0, v31.d[1]", umov_rv(ED, X0, V31, 1)),
      ROW("smov w0, v1.b[1]", smov_rv(W32, EB, X0, V1, 1)),
      ROW("smov x0, v1.h[7]", smov_rv(W64, EH, X0, V1, 7)),
      ROW("smov x0, v1.s[3]", smov_rv(W64, ES, X0, V1, 3)),
      ERR(smov_rv(W32, ES, X0, V1, 3)),
      ROW("ext v0.16b, v1.16b, v2.16b, #8", ext_vvvi(true, V0, V1, V2, 8)),
      ROW("ext v0.16b, v1.16b, v2.16b, #15", ext_vvvi(true, V0, V1, V2, 15)),
      ROW("ext v0.8b, v1.8b, v2.8b, #7", ext_vvvi(false, V0, V1, V2, 7)),
      ERR(ext_vvvi(false, V0, V1, V2, 8)),
      ROW("tbl v0.16b, { v1.16b }, v2.16b", tbl1_vvv(true, V0, V1, V2)),
      ROW("tbl v0.16b, { v1.16b, v2.16b }, v3.16b", tbl2_vvv(true, V0, V1, V3)),
      ROW("tbl v0.16b, { v31.16b, v0.16b }, v3.16b", tbl2_vvv(true, V0, V31, V3)),
      ROW("tbl v0.8b, { v1.16b }, v2.8b", tbl1_vvv(false, V0, V1, V2)),
      ROW("movi v0.16b, #255", movi_16b(true, V0, 0xff)),
      ROW("movi v0.8b, #1", movi_16b(false, V0, 1)),
      ROW("movi v0.2d, #0000000000000000", movi_2d(V0, 0)),
      ROW("movi v0.2d, #0xff00ff00ff00ff00", movi_2d(V0, 0xff00ff00ff00ff00ull)),
      ROW("movi v31.2d, #0xffffffffffffffff", movi_2d(V31, ~0ull)),
      ERR(movi_2d(V0, 0x0100000000000000ull)),
      ROW("movi d0, #0xffffffff00000000", movi_d(V0, 0xffffffff00000000ull)),
      ROW("movi v0.4s, #1", movi_4s(true, V0, 1, 0)),
      ROW("movi v0.4s, #255, lsl #24", movi_4s(true, V0, 255, 24)),
      ROW("movi v0.2s, #128, lsl #8", movi_4s(false, V0, 128, 8)),
      ERR(movi_4s(true, V0, 1, 4)),
      ROW("mvni v0.4s, #0", mvni_4s(true, V0, 0, 0)),
      ROW("mvni v0.4s, #127, lsl #16", mvni_4s(true, V0, 127, 16)),
      ROW("movi v0.8h, #1", movi_8h(true, V0, 1, 0)),
      ROW("movi v0.8h, #255, lsl #8", movi_8h(true, V0, 255, 8)),
      ROW("mvni v0.8h, #128, lsl #8", mvni_8h(true, V0, 128, 8)),
      ROW("mvni v0.4h, #1", mvni_8h(false, V0, 1, 0)),
      ERR(mvni_8h(true, V0, 1, 16)),
      ROW("ld1 { v0.16b }, [x0]", ld1_v(B16, V0, X0)),
      ROW("ld1 { v31.2d }, [sp]", ld1_v(D2, V31, Sp)),
      ROW("ld1 { v0.8b }, [x1]", ld1_v(B8, V0, X1)),
      ROW("st1 { v0.4s }, [x30]", st1_v(S4, V0, X30)),
      ROW("st1 { v1.8h }, [x0]", st1_v(H8, V1, X0)),
      ERR(ld1_v(B16, V0, Zr)),
      ROW("ld1 { v0.b }[0], [x0]", ld1_lane(EB, V0, 0, X0)),
      ROW("ld1 { v0.b }[15], [x0]", ld1_lane(EB, V0, 15, X0)),
      ROW("ld1 { v0.b }[5], [x0]", ld1_lane(EB, V0, 5, X0)),
      ROW("ld1 { v0.h }[7], [x0]", ld1_lane(EH, V0, 7, X0)),
      ROW("ld1 { v0.h }[2], [x0]", ld1_lane(EH, V0, 2, X0)),
      ROW("ld1 { v0.s }[3], [x0]", ld1_lane(ES, V0, 3, X0)),
      ROW("ld1 { v0.s }[1], [x0]", ld1_lane(ES, V0, 1, X0)),
      ROW("ld1 { v0.d }[1], [x0]", ld1_lane(ED, V0, 1, X0)),
      ROW("ld1 { v31.d }[0], [sp]", ld1_lane(ED, V31, 0, Sp)),
      ERR(ld1_lane(ED, V0, 2, X0)),
      ROW("st1 { v0.b }[9], [x0]", st1_lane(EB, V0, 9, X0)),
      ROW("st1 { v0.h }[5], [x0]", st1_lane(EH, V0, 5, X0)),
      ROW("st1 { v0.s }[2], [x0]", st1_lane(ES, V0, 2, X0)),
      ROW("st1 { v0.d }[1], [x0]", st1_lane(ED, V0, 1, X0)),
      ROW("ld1r { v0.16b }, [x0]", ld1r_v(B16, V0, X0)),
      ROW("ld1r { v0.8h }, [x0]", ld1r_v(H8, V0, X0)),
      ROW("ld1r { v0.4s }, [x0]", ld1r_v(S4, V0, X0)),
      ROW("ld1r { v0.2d }, [sp]", ld1r_v(D2, V0, Sp)),
  };
}
TEST(AArch64Assembler, SimdIrregularForms) { checkRows(simdIrregularFormsRows()); }

// Every row's text, assembled by llvm-mc, gives exactly our words: this also pins the bits a disassembler
// ignores (fixed-one fields, Ra = 31 of smulh, ...). Skipped when llvm-mc is not installed.
TEST(AArch64Assembler, RowsReassembleToTheSameWords) {
  const char* mc = "/usr/lib/llvm-14/bin/llvm-mc";
  if (access(mc, X_OK) != 0) GTEST_SKIP() << mc << " not found";
  const std::vector<Row> sets[] = {addSubRows(), logicalRows(), movesRows(), multiplyDivideShiftRows(),
                                   conditionalSelectRows(), branchesAndSystemRows(), loadStoreGprRows(),
                                   loadStoreFpRows(), scalarFloatRows(), simdTableFormsRows(),
                                   simdIrregularFormsRows()};
  std::vector<std::string> texts, expected;
  std::vector<int> lines;
  for (const auto& rows : sets) {
    for (const Row& r : rows) {
      if (!r.text) continue;
      CodeBuffer buf;
      Assembler a(buf);
      r.emit(a);
      std::stringstream ts(r.text);
      std::string t;
      uint32_t off = 0;
      while (std::getline(ts, t, ';')) {
        if (!t.empty() && t[0] == ' ') t.erase(0, 1);
        ASSERT_LT(off, buf.size()) << "line " << r.line;
        char w[16];
        std::snprintf(w, sizeof w, "%08x", buf.read32(off));
        texts.push_back(t);
        expected.push_back(w);
        lines.push_back(r.line);
        off += 4;
      }
    }
  }
  char path[] = "/tmp/wasmc_a64_rows_XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  {
    std::ofstream out(path);
    for (const std::string& t : texts) out << t << "\n";
  }
  close(fd);
  std::string cmd = std::string(mc) + " --triple=aarch64-linux-gnu -show-encoding < " + path + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_TRUE(p);
  std::string outText;
  char chunk[4096];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, p)) > 0) outText.append(chunk, n);
  pclose(p);
  std::remove(path);
  std::vector<std::string> got;
  for (size_t at = outText.find("encoding: ["); at != std::string::npos; at = outText.find("encoding: [", at + 1)) {
    unsigned b[4];
    ASSERT_EQ(std::sscanf(outText.c_str() + at, "encoding: [0x%x,0x%x,0x%x,0x%x]", &b[0], &b[1], &b[2], &b[3]), 4);
    char w[16];
    std::snprintf(w, sizeof w, "%08x", b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24);
    got.push_back(w);
  }
  ASSERT_EQ(got.size(), texts.size()) << outText.substr(0, 2000);
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(expected[i], got[i]) << "line " << lines[i] << ": " << texts[i];
  }
  EXPECT_GT(texts.size(), 600u);
}

// ---- Immediate encoders against the oracle, exhaustively or on many values ----

// The 5334 64-bit bitmask immediates, generated from the definition (a replicated rotated run).
std::vector<uint64_t> allBitmaskImmediates() {
  std::vector<uint64_t> out;
  for (unsigned size = 2; size <= 64; size *= 2) {
    for (unsigned ones = 1; ones < size; ++ones) {
      for (unsigned r = 0; r < size; ++r) {
        uint64_t elt = (uint64_t{1} << ones) - 1;
        elt = r == 0 ? elt : ((elt >> r) | (elt << (size - r)));
        if (size < 64) elt &= (uint64_t{1} << size) - 1;
        uint64_t v = 0;
        for (unsigned i = 0; i < 64; i += size) v |= elt << i;
        out.push_back(v);
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Each bitmask immediate encodes and LLVM decodes the instruction back to the same value; values off
// the list (random, and one bit flipped from a listed one) are rejected.
TEST(AArch64Assembler, EveryBitmaskImmediateRoundTrips) {
  std::vector<uint64_t> all = allBitmaskImmediates();
  ASSERT_EQ(all.size(), 5334u);
  ASSERT_TRUE(std::adjacent_find(all.begin(), all.end()) == all.end());
  char expect[64];
  for (uint64_t v : all) {
    CodeBuffer buf;
    Assembler a(buf);
    a.and_rri(W64, X0, X1, v);
    ASSERT_TRUE(buf.status().ok()) << std::hex << v;
    std::snprintf(expect, sizeof expect, "and x0, x1, #0x%llx", static_cast<unsigned long long>(v));
    ASSERT_EQ(oracle().text(buf.data(), buf.size()), expect);
    // Values whose two halves agree are W32 immediates too.
    if ((v >> 32) == (v & 0xffffffffu)) {
      CodeBuffer b32;
      Assembler a32(b32);
      a32.orr_rri(W32, X2, X3, v);
      std::snprintf(expect, sizeof expect, "orr w2, w3, #0x%llx", static_cast<unsigned long long>(v & 0xffffffffu));
      ASSERT_EQ(oracle().text(b32.data(), b32.size()), expect);
    }
  }
  uint64_t x = 0x9e3779b97f4a7c15ull;  // splitmix64
  uint32_t bits = 0;
  for (int i = 0; i < 20000; ++i) {
    x += 0x9e3779b97f4a7c15ull;
    uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    uint64_t near = all[z % all.size()] ^ (uint64_t{1} << (z >> 58));
    for (uint64_t v : {z, near}) {
      bool listed = std::binary_search(all.begin(), all.end(), v);
      EXPECT_EQ(encodeLogicalImm(v, W64, bits), listed) << std::hex << v;
    }
  }
}

// Parses "mov xN, #imm" / "movk xN, #imm, lsl #s" texts (LLVM's) and runs them on a 64-bit value.
bool evalMovSequence(const std::string& text, uint64_t& value, int& count) {
  std::stringstream ss(text);
  std::string inst;
  count = 0;
  value = 0;
  while (std::getline(ss, inst, ';')) {
    if (!inst.empty() && inst[0] == ' ') inst.erase(0, 1);
    long long imm = 0;
    unsigned long long uimm = 0;
    int shift = 0;
    char reg[8];
    if (std::sscanf(inst.c_str(), "movk %7[^,], #%llu, lsl #%d", reg, &uimm, &shift) == 3) {
      value = (value & ~(uint64_t{0xffff} << shift)) | (uimm << shift);
    } else if (std::sscanf(inst.c_str(), "movk %7[^,], #%llu", reg, &uimm) == 2) {
      value = (value & ~uint64_t{0xffff}) | uimm;
    } else if (std::sscanf(inst.c_str(), "mov %7[^,], #%lld", reg, &imm) == 2) {
      value = static_cast<uint64_t>(imm);
    } else {
      return false;
    }
    ++count;
  }
  return true;
}

// The fewest MOVZ/MOVN/MOVK instructions for v (or 1 for a bitmask immediate), from the halfwords.
int minimalCount(uint64_t v, Width w) {
  int halves = w == W64 ? 4 : 2;
  int zeros = 0, ones = 0;
  for (int i = 0; i < halves; ++i) {
    uint64_t h = (v >> (16 * i)) & 0xffff;
    zeros += h == 0;
    ones += h == 0xffff;
  }
  uint32_t bits;
  int best = std::max(1, halves - std::max(zeros, ones));
  if (best > 1 && encodeLogicalImm(v, w, bits)) best = 1;
  return best;
}

TEST(AArch64Assembler, MovImmSequencesComputeTheValue) {
  const std::vector<uint64_t> bitmasks = allBitmaskImmediates();
  uint64_t x = 12345;
  const uint16_t specials[] = {0, 0xffff, 0x0001, 0x8000, 0x7fff, 0xfffe};
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    // Halfwords drawn mostly from the special values, so that the MOVN and ORR paths are exercised.
    uint64_t v = 0;
    for (int h = 0; h < 4; ++h) {
      uint64_t r = (x >> (16 + 12 * h)) & 0xfff;
      uint64_t half = r < 0xa00 ? specials[r % 6] : (x >> (8 * h)) & 0xffff;
      v |= half << (16 * h);
    }
    if (i % 7 == 0) v = bitmasks[x % bitmasks.size()];
    for (Width w : {W64, W32}) {
      uint64_t want = w == W64 ? v : v & 0xffffffffu;
      CodeBuffer buf;
      Assembler a(buf);
      a.mov_imm(w, X0, v);
      ASSERT_TRUE(buf.status().ok());
      std::string text = oracle().text(buf.data(), buf.size());
      uint64_t got = 0;
      int count = 0;
      ASSERT_TRUE(evalMovSequence(text, got, count)) << text;
      if (w == W32) got &= 0xffffffffu;
      ASSERT_EQ(got, want) << std::hex << "value " << want << ": " << text;
      ASSERT_EQ(count, minimalCount(want, w)) << std::hex << "value " << want << ": " << text;
      ASSERT_EQ(static_cast<int>(buf.size()), 4 * count);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 40000);
}

// All 256 FMOV immediates: the value from the definition (±(16 + m) / 16 * 2^e, e in -3..4) encodes, and
// LLVM prints it back; the neighbouring doubles do not encode.
TEST(AArch64Assembler, EveryFpImmediateRoundTrips) {
  int count = 0;
  for (int sign = 0; sign < 2; ++sign) {
    for (int e = -3; e <= 4; ++e) {
      for (int m = 0; m < 16; ++m) {
        double v = (sign ? -1.0 : 1.0) * (16 + m) / 16.0 * std::ldexp(1.0, e);
        for (FType t : {FS, FD}) {
          CodeBuffer buf;
          Assembler a(buf);
          a.fmov_fi(t, V7, v);
          ASSERT_TRUE(buf.status().ok()) << v;
          char expect[64];
          std::snprintf(expect, sizeof expect, "fmov %s7, #%.8f", t == FS ? "s" : "d", v);
          ASSERT_EQ(oracle().text(buf.data(), buf.size()), expect);
        }
        uint32_t imm8 = 0;
        EXPECT_FALSE(encodeFpImm(std::nextafter(v, 0.0), imm8)) << v;
        EXPECT_FALSE(encodeFpImm(std::nextafter(v, 100.0), imm8)) << v;
        ++count;
      }
    }
  }
  EXPECT_EQ(count, 256);
}

// ---- Label fixups ----

struct Emitted {
  std::string text;
  bool ok;
  std::string error;
};

Emitted finishAndDisasm(CodeBuffer& buf) {
  auto copy = std::vector<uint8_t>(buf.data(), buf.data() + buf.size());
  auto f = buf.finish();
  if (!f) return {"", false, f.error().message};
  return {oracle().text(copy.data(), copy.size()), true, ""};
}

// Backward and forward references of every label-taking form, with the offset LLVM prints.
TEST(AArch64Assembler, LabelFixups) {
  CodeBuffer buf;
  Assembler a(buf);
  Label back = a.newLabel(), fwd = a.newLabel();
  a.bind(back);
  a.nop();                       // 0
  a.b_label(back);               // 4:  -4
  a.bl_label(back);              // 8:  -8
  a.b_cond_label(NE, back);      // 12: -12
  a.cbz_label(W64, X0, back);    // 16: -16
  a.cbnz_label(W32, X30, back);  // 20: -20
  a.tbz_label(X1, 63, back);     // 24: -24
  a.tbnz_label(X2, 0, back);     // 28: -28
  a.adr_label(X3, back);         // 32: -32
  a.ldr_label(W64, X4, back);    // 36: -36
  a.ldr_label(Vq, V5, back);     // 40: -40
  a.ldrsw_label(X6, back);       // 44: -44
  a.b_label(fwd);                // 48: +48
  a.bl_label(fwd);               // 52: +44
  a.b_cond_label(GE, fwd);       // 56: +40
  a.cbz_label(W32, X0, fwd);     // 60: +36
  a.cbnz_label(W64, X1, fwd);    // 64: +32
  a.tbz_label(X1, 31, fwd);      // 68: +28
  a.tbnz_label(X2, 32, fwd);     // 72: +24
  a.adr_label(X3, fwd);          // 76: +20
  a.ldr_label(W32, X4, fwd);     // 80: +16
  a.ldr_label(Vd, V5, fwd);      // 84: +12
  a.ldr_label(Vs, V6, fwd);      // 88: +8
  a.ldrsw_label(X7, fwd);        // 92: +4
  a.bind(fwd);
  a.ret();
  Emitted e = finishAndDisasm(buf);
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_EQ(e.text,
            "nop; b #-4; bl #-8; b.ne #-12; cbz x0, #-16; cbnz w30, #-20; tbz x1, #63, #-24; tbnz w2, #0, #-28; "
            "adr x3, #-32; ldr x4, #-36; ldr q5, #-40; ldrsw x6, #-44; "
            "b #48; bl #44; b.ge #40; cbz w0, #36; cbnz x1, #32; tbz w1, #31, #28; tbnz x2, #32, #24; "
            "adr x3, #20; ldr w4, #16; ldr d5, #12; ldr s6, #8; ldrsw x7, #4; ret");
}

// Each kind at the edge of its range, and one step beyond (an error from finish(), not wrong code).
enum class Kind { B, BCond, Cbz, Tbz, Adr, LdrLit };

void emitRef(Assembler& a, Kind k, Label l) {
  switch (k) {
    case Kind::B: a.b_label(l); break;
    case Kind::BCond: a.b_cond_label(EQ, l); break;
    case Kind::Cbz: a.cbz_label(W64, X0, l); break;
    case Kind::Tbz: a.tbz_label(X0, 5, l); break;
    case Kind::Adr: a.adr_label(X0, l); break;
    case Kind::LdrLit: a.ldr_label(W64, X0, l); break;
  }
}

// Emits a reference `distance` bytes away (forward if distance > 0, backward otherwise); the padding
// between is zero bytes (not decoded). Returns finish()'s success and the reference's disassembly.
Emitted branchOver(Kind k, int64_t distance) {
  CodeBuffer buf;
  Assembler a(buf);
  Label l = a.newLabel();
  uint32_t refAt = 0;
  if (distance <= 0) {
    a.bind(l);
    buf.ensure(static_cast<size_t>(-distance));
    buf.advance(static_cast<size_t>(-distance));
    refAt = a.offset();
    emitRef(a, k, l);
  } else {
    emitRef(a, k, l);
    buf.ensure(static_cast<size_t>(distance));
    buf.advance(static_cast<size_t>(distance));  // the target is `distance` bytes after the reference
    a.bind(l);
  }
  std::vector<uint8_t> word(buf.data() + refAt, buf.data() + refAt + 4);
  auto f = buf.finish();
  if (!f) return {"", false, f.error().message};
  return {oracle().text(word.data(), 4), true, ""};
}

Emitted branchTo(Kind k, int64_t distance) {
  // Forward: the reference is at 0 and the label at `distance` (emitted padding is distance - 4 bytes).
  if (distance > 0) return branchOver(k, distance - 4);
  return branchOver(k, distance);
}

TEST(AArch64Assembler, LabelRanges) {
  struct Case {
    Kind kind;
    int64_t maxFwd, maxBack;  // byte distances that still fit
    const char* fwdText;
    const char* backText;
  };
  const Case cases[] = {
      {Kind::BCond, (1 << 20) - 4, -(1 << 20), "b.eq #1048572", "b.eq #-1048576"},
      {Kind::Cbz, (1 << 20) - 4, -(1 << 20), "cbz x0, #1048572", "cbz x0, #-1048576"},
      {Kind::Tbz, (1 << 15) - 4, -(1 << 15), "tbz w0, #5, #32764", "tbz w0, #5, #-32768"},
      {Kind::Adr, (1 << 20) - 1, -(1 << 20), "adr x0, #1048575", "adr x0, #-1048576"},
      {Kind::LdrLit, (1 << 20) - 4, -(1 << 20), "ldr x0, #1048572", "ldr x0, #-1048576"},
      {Kind::B, (int64_t{1} << 27) - 4, -(int64_t{1} << 27), "b #134217724", "b #-134217728"},
  };
  for (const Case& c : cases) {
    Emitted fwd = branchTo(c.kind, c.maxFwd);
    ASSERT_TRUE(fwd.ok) << fwd.error;
    EXPECT_EQ(fwd.text, c.fwdText);
    Emitted back = branchTo(c.kind, c.maxBack);
    ASSERT_TRUE(back.ok) << back.error;
    EXPECT_EQ(back.text, c.backText);
    int64_t step = c.kind == Kind::Adr ? 1 : 4;
    Emitted tooFar = branchTo(c.kind, c.maxFwd + step);
    EXPECT_FALSE(tooFar.ok) << c.fwdText << " + " << step << " was accepted: " << tooFar.text;
    EXPECT_NE(tooFar.error.find("out of range"), std::string::npos) << tooFar.error;
    Emitted tooFarBack = branchTo(c.kind, c.maxBack - step);
    EXPECT_FALSE(tooFarBack.ok) << c.backText << " - " << step << " was accepted: " << tooFarBack.text;
  }
}

TEST(AArch64Assembler, UnboundLabelAndRelocations) {
  {
    CodeBuffer buf;
    Assembler a(buf);
    Label l = a.newLabel();
    a.cbz_label(W32, X0, l);
    EXPECT_FALSE(buf.finish());
  }
  CodeBuffer buf;
  Assembler a(buf);
  a.bl_func(7);
  a.b_helper(3);
  a.adrp_reloc(X16, RelocTarget::Data, 2, 8);
  a.add_lo12_reloc(X16, X16, RelocTarget::Data, 2, 8);
  uint32_t pool = a.const64(0x123456789abcdef0ull);
  a.ldr_const(Vd, V0, pool);
  a.trapSite(TrapCode::Unreachable, 42);
  a.udf(0);
  auto f = buf.finish();
  ASSERT_TRUE(f);
  ASSERT_EQ(f->relocs.size(), 5u);
  EXPECT_EQ(f->relocs[0].kind, FieldKind::Arm64Branch26);
  EXPECT_EQ(f->relocs[0].target, RelocTarget::Function);
  EXPECT_EQ(f->relocs[0].index, 7u);
  EXPECT_EQ(f->relocs[1].offset, 4u);
  EXPECT_EQ(f->relocs[1].target, RelocTarget::Helper);
  EXPECT_EQ(f->relocs[2].kind, FieldKind::Arm64AdrpPage21);
  EXPECT_EQ(f->relocs[2].addend, 8);
  EXPECT_EQ(f->relocs[3].kind, FieldKind::Arm64AddLo12);
  EXPECT_EQ(f->relocs[4].kind, FieldKind::Arm64Cond19);
  EXPECT_EQ(f->relocs[4].target, RelocTarget::ConstPool);
  EXPECT_EQ(f->relocs[4].offset, 16u);
  EXPECT_EQ(f->constPool.bytes.size(), 8u);
  ASSERT_EQ(f->trapSites.size(), 1u);
  EXPECT_EQ(f->trapSites[0].codeOffset, 20u);
  // The JIT's resolution of the branch and the literal load (patchField) lands where LLVM says.
  std::vector<uint8_t> code = f->code;
  ASSERT_TRUE(patchField(code.data(), 0, FieldKind::Arm64Branch26, 0x10000, 0x10000 + 0x400, 0));
  ASSERT_TRUE(patchField(code.data(), 16, FieldKind::Arm64Cond19, 0x10000, 0x10000 + 0x1000, 0));
  EXPECT_EQ(oracle().text(code.data(), 4), "bl #1024");
  EXPECT_EQ(oracle().text(code.data() + 16, 4), "ldr d0, #4080");
}

// br_table through a table of 32-bit offsets relative to its start, an 8-byte-aligned veneer literal
// and alignment padding.
TEST(AArch64Assembler, JumpTableVeneerAndAlign) {
  CodeBuffer buf;
  Assembler a(buf);
  Label table = a.newLabel(), t0 = a.newLabel(), t1 = a.newLabel();
  a.adr_label(X16, table);                        // 0
  a.ldrsw_rr(X17, X16, X0, Uxtw, true);           // 4
  a.add_rrr(W64, X16, X16, X17);                  // 8
  a.br_r(X16);                                    // 12
  a.bind(table);                                  // 16
  a.dd_labelRel(t0, 0);                           // 16: t0 - 16
  a.dd_labelRel(t1, 4);                           // 20: t1 - 20 + 4
  a.bind(t0);                                     // 24
  a.nop();
  a.bind(t1);                                     // 28
  a.align(16);                                    // 28: one nop
  a.ldr_label(W64, X16, t1);                      // 32: placeholder use of a backward literal
  a.align(8);                                     // 36: one nop
  Label lit = a.newLabel();
  uint32_t veneer = a.offset();                   // 40
  a.ldr_label(W64, X16, lit);
  a.br_r(X16);
  a.bind(lit);                                    // 48, 8-aligned
  a.dq_reloc(RelocTarget::Helper, 5);
  a.dq(0x1122334455667788ull);                    // 56
  ASSERT_EQ(a.offset(), 64u);
  std::vector<uint8_t> bytes(buf.data(), buf.data() + buf.size());
  auto f = buf.finish();
  ASSERT_TRUE(f) << f.error().message;
  int32_t e0, e1;
  std::memcpy(&e0, bytes.data() + 16, 4);
  std::memcpy(&e1, bytes.data() + 20, 4);
  EXPECT_EQ(e0, 24 - 16);
  EXPECT_EQ(e1, 28 - 16);
  EXPECT_EQ(oracle().text(bytes.data(), 16), "adr x16, #16; ldrsw x17, [x16, w0, uxtw #2]; add x16, x16, x17; br x16");
  EXPECT_EQ(oracle().text(bytes.data() + 24, 16), "nop; nop; ldr x16, #-4; nop");
  EXPECT_EQ(oracle().text(bytes.data() + veneer, 8), "ldr x16, #8; br x16");
  uint64_t lit2;
  std::memcpy(&lit2, bytes.data() + 56, 8);
  EXPECT_EQ(lit2, 0x1122334455667788ull);
  ASSERT_EQ(f->relocs.size(), 1u);
  EXPECT_EQ(f->relocs[0].kind, FieldKind::Abs64);
  EXPECT_EQ(f->relocs[0].target, RelocTarget::Helper);
  EXPECT_EQ(f->relocs[0].offset, 48u);
  EXPECT_EQ(f->relocs[0].index, 5u);
  CodeBuffer bad;
  Assembler b(bad);
  b.align(2);
  EXPECT_FALSE(bad.status().ok());
}

TEST(AArch64Assembler, OperandErrorsNameTheOffset) {
  CodeBuffer buf;
  Assembler a(buf);
  a.nop();
  a.add_rri(W64, X0, X1, 4097);
  a.nop();
  EXPECT_EQ(buf.size(), 12u);  // the bad instruction still occupies its word
  auto f = buf.finish();
  ASSERT_FALSE(f);
  EXPECT_NE(f.error().message.find("offset 4"), std::string::npos) << f.error().message;
}

// Every form defined by forms.def has at least one row in this file.
TEST(AArch64Assembler, EveryTableFormHasARow) {
  const std::string self = WASMC_SOURCE_DIR "/test/unit/codegen/aarch64_assembler_test.cpp";
  std::ifstream in(self);
  ASSERT_TRUE(in) << "cannot read " << self;
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string src = ss.str();
  std::vector<std::string> forms;
#define A64_SIMD3(NAME, U, OPC, SIZES) forms.push_back(#NAME);
#define A64_SIMD3_LOGIC(NAME, U, SZ) forms.push_back(#NAME);
#define A64_SIMD3_FP(NAME, U, A, OPC) forms.push_back(#NAME);
#define A64_SIMD2(NAME, U, OPC, SIZES) forms.push_back(#NAME);
#define A64_SIMD2_FP(NAME, U, A, OPC) forms.push_back(#NAME);
#define A64_SIMD_ACROSS(NAME, U, OPC, SIZES) forms.push_back(#NAME);
#define A64_SIMD_PERM(NAME, OPC) forms.push_back(#NAME);
#define A64_SIMD_NARROW(NAME, NAME2, U, OPC) forms.push_back(#NAME); forms.push_back(#NAME2);
#define A64_SIMD_LONG3(NAME, NAME2, U, OPC) forms.push_back(#NAME); forms.push_back(#NAME2);
#include "codegen/aarch64/forms.def"  // #undefs the A64_* macros
  EXPECT_GT(forms.size(), 90u);
  for (const std::string& f : forms) {
    EXPECT_NE(src.find(", " + f + "("), std::string::npos) << "no test row for " << f;
  }
}

}  // namespace
}  // namespace wasmc::codegen::a64
