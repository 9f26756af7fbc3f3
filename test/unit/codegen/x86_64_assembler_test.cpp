// test/unit/codegen/x86_64_assembler_test.cpp — every x86_64 instruction form checked against LLVM's
// disassembler (Intel syntax): one row per case {expected text, [expected bytes], emit}. A row passes when
// the emitted bytes decode as exactly one instruction covering all of them and printing as the text.
// Hex columns pin the size choices the text cannot show (imm8/imm32, disp8/disp32, rel8/rel32).
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "codegen/x86_64/assembler.h"
#include "disasm_oracle.h"

namespace wasmc::codegen::x64 {
namespace {

using testing::AsmSyntax;
using testing::DisasmOracle;
using testing::hexBytes;
using enum Gpr;
using enum Xmm;
using enum Width;

struct Row {
  const char* text;
  const char* hex;  // nullptr: not checked
  void (*emit)(Assembler&);
  int line;
};

#define ROW(TEXT, ...) Row{TEXT, nullptr, [](Assembler& a) { a.__VA_ARGS__; }, __LINE__}
#define ROWH(TEXT, HEX, ...) Row{TEXT, HEX, [](Assembler& a) { a.__VA_ARGS__; }, __LINE__}

const DisasmOracle& oracle() {
  static std::unique_ptr<DisasmOracle> o = [] {
    std::string err;
    auto d = DisasmOracle::create("x86_64-unknown-linux-gnu", AsmSyntax::Intel, &err);
    if (!d) {
      ADD_FAILURE() << "cannot create the LLVM oracle: " << err;
    }
    return d;
  }();
  return *o;
}

// Runs the rows; returns the number checked.
int checkRows(const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    CodeBuffer buf;
    Assembler a(buf);
    r.emit(a);
    auto insts = oracle().disassemble(buf.data(), buf.size());
    std::string hex = hexBytes(buf.data(), buf.size());
    std::string got;
    for (const auto& d : insts) got += (got.empty() ? "" : "; ") + d.text;
    EXPECT_EQ(insts.size(), 1u) << "line " << r.line << ": bytes " << hex << " decode as: " << got;
    EXPECT_EQ(got, r.text) << "line " << r.line << ": bytes " << hex;
    if (r.hex) EXPECT_EQ(hex, r.hex) << "line " << r.line << ": " << r.text;
  }
  return static_cast<int>(rows.size());
}

TEST(X64Assembler, OracleDecodesKnownBytes) {
  const uint8_t bytes[] = {0x48, 0x01, 0xc8, 0xc3};
  EXPECT_EQ(oracle().text(bytes, sizeof bytes), "add rax, rcx; ret");
  const uint8_t bad[] = {0x0f, 0xff};
  auto insts = oracle().disassemble(bad, sizeof bad);
  ASSERT_FALSE(insts.empty());
  EXPECT_EQ(insts[0].text, "<invalid>");
}

TEST(X64Assembler, GprMoves) {
  checkRows({
      ROWH("mov eax, ecx", "89 c8", mov_rr(W32, Rax, Rcx)),
      ROWH("mov rax, rcx", "48 89 c8", mov_rr(W64, Rax, Rcx)),
      ROWH("mov r8, r15", "4d 89 f8", mov_rr(W64, R8, R15)),
      ROW("mov r12d, esp", mov_rr(W32, R12, Rsp)),
      ROW("mov ax, r9w", mov_rr(W16, Rax, R9)),
      ROWH("mov al, cl", "88 c8", mov_rr(W8, Rax, Rcx)),
      ROWH("mov sil, dil", "40 88 fe", mov_rr(W8, Rsi, Rdi)),
      ROWH("mov spl, bpl", "40 88 ec", mov_rr(W8, Rsp, Rbp)),
      ROW("mov r8b, al", mov_rr(W8, R8, Rax)),
      ROW("mov bl, r15b", mov_rr(W8, Rbx, R15)),
      ROWH("mov eax, 1", "b8 01 00 00 00", mov_ri(W32, Rax, 1)),
      ROWH("mov eax, 4294967295", "b8 ff ff ff ff", mov_ri(W64, Rax, 0xffffffff)),
      ROWH("mov rax, -1", "48 c7 c0 ff ff ff ff", mov_ri(W64, Rax, -1)),
      ROWH("movabs rax, 4294967296", "48 b8 00 00 00 00 01 00 00 00", mov_ri(W64, Rax, int64_t{1} << 32)),
      ROW("movabs r15, -9223372036854775808", mov_ri(W64, R15, INT64_MIN)),
      ROW("mov r13d, 305419896", mov_ri32(R13, 0x12345678)),
      ROW("mov r9, -2147483648", mov_ri32sx(R9, INT32_MIN)),
      ROWH("movabs rcx, 1", "48 b9 01 00 00 00 00 00 00 00", mov_ri64(Rcx, 1)),
      ROW("mov dil, 127", mov_ri(W8, Rdi, 127)),
      ROW("mov r10b, -1", mov_ri(W8, R10, -1)),
      ROW("mov cx, 4660", mov_ri(W16, Rcx, 0x1234)),
      ROW("mov eax, dword ptr [rdi]", mov_rm(W32, Rax, Mem(Rdi))),
      ROW("mov rax, qword ptr [rdi + 8]", mov_rm(W64, Rax, Mem(Rdi, 8))),
      ROW("mov r11, qword ptr [r14 - 8]", mov_rm(W64, R11, Mem(R14, -8))),
      ROW("mov cx, word ptr [rsi + 2]", mov_rm(W16, Rcx, Mem(Rsi, 2))),
      ROW("mov sil, byte ptr [rax]", mov_rm(W8, Rsi, Mem(Rax))),
      ROW("mov dword ptr [rsp + 4], eax", mov_mr(W32, Mem(Rsp, 4), Rax)),
      ROW("mov qword ptr [rbp - 16], r12", mov_mr(W64, Mem(Rbp, -16), R12)),
      ROW("mov byte ptr [rdx], dil", mov_mr(W8, Mem(Rdx), Rdi)),
      ROW("mov word ptr [r8], r9w", mov_mr(W16, Mem(R8), R9)),
      ROW("mov dword ptr [rax], 7", mov_mi(W32, Mem(Rax), 7)),
      ROW("mov qword ptr [rsp], -1", mov_mi(W64, Mem(Rsp), -1)),
      ROW("mov byte ptr [rcx + 3], 0", mov_mi(W8, Mem(Rcx, 3), 0)),
      ROW("mov word ptr [r13], 65", mov_mi(W16, Mem(R13), 65)),
      ROW("movzx eax, cl", movzx_rr8(W32, Rax, Rcx)),
      ROWH("movzx eax, sil", "40 0f b6 c6", movzx_rr8(W32, Rax, Rsi)),
      ROW("movzx r8, r9b", movzx_rr8(W64, R8, R9)),
      ROW("movzx ax, bl", movzx_rr8(W16, Rax, Rbx)),
      ROW("movzx eax, byte ptr [rdi + 1]", movzx_rm8(W32, Rax, Mem(Rdi, 1))),
      ROW("movzx ecx, dx", movzx_rr16(W32, Rcx, Rdx)),
      ROW("movzx r10, word ptr [r11]", movzx_rm16(W64, R10, Mem(R11))),
      ROW("movsx eax, cl", movsx_rr8(W32, Rax, Rcx)),
      ROW("movsx rax, bpl", movsx_rr8(W64, Rax, Rbp)),
      ROW("movsx rdx, byte ptr [rax]", movsx_rm8(W64, Rdx, Mem(Rax))),
      ROW("movsx eax, r14w", movsx_rr16(W32, Rax, R14)),
      ROW("movsx r15, word ptr [rbx + 2]", movsx_rm16(W64, R15, Mem(Rbx, 2))),
      ROW("movsxd rax, ecx", movsxd_rr(Rax, Rcx)),
      ROW("movsxd r12, r13d", movsxd_rr(R12, R13)),
      ROW("movsxd rcx, dword ptr [rsi + 4]", movsxd_rm(Rcx, Mem(Rsi, 4))),
      ROW("lea rax, [rdi + 8*rsi + 16]", lea_rm(W64, Rax, Mem(Rdi, Rsi, 8, 16))),
      ROW("lea eax, [rcx + rdx]", lea_rm(W32, Rax, Mem(Rcx, Rdx, 1))),
      ROW("lea r8, [r9 + 2*r10 - 4]", lea_rm(W64, R8, Mem(R9, R10, 2, -4))),
  });
}

// Addressing modes: every base/index corner, disp8/disp32 selection.
TEST(X64Assembler, AddressingModes) {
  checkRows({
      ROWH("mov eax, dword ptr [rax]", "8b 00", mov_rm(W32, Rax, Mem(Rax))),
      ROWH("mov eax, dword ptr [rsp]", "8b 04 24", mov_rm(W32, Rax, Mem(Rsp))),
      ROWH("mov eax, dword ptr [r12]", "41 8b 04 24", mov_rm(W32, Rax, Mem(R12))),
      ROWH("mov eax, dword ptr [rbp]", "8b 45 00", mov_rm(W32, Rax, Mem(Rbp))),
      ROWH("mov eax, dword ptr [r13]", "41 8b 45 00", mov_rm(W32, Rax, Mem(R13))),
      ROWH("mov eax, dword ptr [rsp + 8]", "8b 44 24 08", mov_rm(W32, Rax, Mem(Rsp, 8))),
      ROWH("mov eax, dword ptr [r12 + 8]", "41 8b 44 24 08", mov_rm(W32, Rax, Mem(R12, 8))),
      ROWH("mov eax, dword ptr [rbp + 8]", "8b 45 08", mov_rm(W32, Rax, Mem(Rbp, 8))),
      ROWH("mov eax, dword ptr [rax + 127]", "8b 40 7f", mov_rm(W32, Rax, Mem(Rax, 127))),
      ROWH("mov eax, dword ptr [rax + 128]", "8b 80 80 00 00 00", mov_rm(W32, Rax, Mem(Rax, 128))),
      ROWH("mov eax, dword ptr [rax - 128]", "8b 40 80", mov_rm(W32, Rax, Mem(Rax, -128))),
      ROWH("mov eax, dword ptr [rax - 129]", "8b 80 7f ff ff ff", mov_rm(W32, Rax, Mem(Rax, -129))),
      ROW("mov eax, dword ptr [rax + 2147483647]", mov_rm(W32, Rax, Mem(Rax, INT32_MAX))),
      ROW("mov eax, dword ptr [rax - 2147483648]", mov_rm(W32, Rax, Mem(Rax, INT32_MIN))),
      ROWH("mov eax, dword ptr [rsp + 4096]", "8b 84 24 00 10 00 00", mov_rm(W32, Rax, Mem(Rsp, 4096))),
      ROWH("mov eax, dword ptr [rax + rcx]", "8b 04 08", mov_rm(W32, Rax, Mem(Rax, Rcx, 1))),
      ROWH("mov eax, dword ptr [rax + 2*rcx]", "8b 04 48", mov_rm(W32, Rax, Mem(Rax, Rcx, 2))),
      ROWH("mov eax, dword ptr [rax + 4*rcx]", "8b 04 88", mov_rm(W32, Rax, Mem(Rax, Rcx, 4))),
      ROWH("mov eax, dword ptr [rax + 8*rcx]", "8b 04 c8", mov_rm(W32, Rax, Mem(Rax, Rcx, 8))),
      ROWH("mov eax, dword ptr [rbp + rcx]", "8b 44 0d 00", mov_rm(W32, Rax, Mem(Rbp, Rcx, 1))),
      ROWH("mov eax, dword ptr [r13 + rcx]", "41 8b 44 0d 00", mov_rm(W32, Rax, Mem(R13, Rcx, 1))),
      ROWH("mov eax, dword ptr [rsp + rcx]", "8b 04 0c", mov_rm(W32, Rax, Mem(Rsp, Rcx, 1))),
      ROWH("mov eax, dword ptr [r12 + r13]", "43 8b 04 2c", mov_rm(W32, Rax, Mem(R12, R13, 1))),
      ROWH("mov eax, dword ptr [rax + r12]", "42 8b 04 20", mov_rm(W32, Rax, Mem(Rax, R12, 1))),
      ROWH("mov r9, qword ptr [r15 + 8*r14 + 256]", "4f 8b 8c f7 00 01 00 00", mov_rm(W64, R9, Mem(R15, R14, 8, 256))),
      ROW("mov eax, dword ptr [rbx + 4*rbp - 1]", mov_rm(W32, Rax, Mem(Rbx, Rbp, 4, -1))),
      ROW("mov eax, dword ptr [rsp + 2*r12 + 100]", mov_rm(W32, Rax, Mem(Rsp, R12, 2, 100))),
      ROW("mov r14d, dword ptr [r13 + 8*rbp]", mov_rm(W32, R14, Mem(R13, Rbp, 8))),
      ROWH("mov eax, dword ptr [rip + 0]", "8b 05 00 00 00 00", mov_rm(W32, Rax, Mem::constPool(0))),
      ROW("mov eax, dword ptr [rip + 16]", mov_rm(W32, Rax, Mem::constPool(0, 16))),
      ROW("movss xmm8, dword ptr [r12 + 4*r8 + 4]", movss_rm(Xmm8, Mem(R12, R8, 4, 4))),
  });
}

TEST(X64Assembler, GprArithmetic) {
  checkRows({
      ROWH("add eax, ecx", "01 c8", add_rr(W32, Rax, Rcx)),
      ROWH("add rax, r8", "4c 01 c0", add_rr(W64, Rax, R8)),
      ROW("add r15, rsp", add_rr(W64, R15, Rsp)),
      ROW("add al, sil", add_rr(W8, Rax, Rsi)),
      ROW("add cx, dx", add_rr(W16, Rcx, Rdx)),
      ROWH("add eax, 1", "83 c0 01", add_ri(W32, Rax, 1)),
      ROWH("add eax, 127", "83 c0 7f", add_ri(W32, Rax, 127)),
      ROWH("add eax, 128", "81 c0 80 00 00 00", add_ri(W32, Rax, 128)),
      ROWH("add eax, -128", "83 c0 80", add_ri(W32, Rax, -128)),
      ROWH("add eax, -129", "81 c0 7f ff ff ff", add_ri(W32, Rax, -129)),
      ROWH("add rsp, 8", "48 83 c4 08", add_ri(W64, Rsp, 8)),
      ROW("add r12, -2147483648", add_ri(W64, R12, INT32_MIN)),
      ROWH("add bl, 1", "80 c3 01", add_ri(W8, Rbx, 1)),
      ROWH("add dil, -1", "40 80 c7 ff", add_ri(W8, Rdi, -1)),
      ROWH("add ax, 1000", "66 81 c0 e8 03", add_ri(W16, Rax, 1000)),
      ROW("add eax, dword ptr [rdi + 4]", add_rm(W32, Rax, Mem(Rdi, 4))),
      ROW("add qword ptr [rdi + 4], rax", add_mr(W64, Mem(Rdi, 4), Rax)),
      ROW("add dword ptr [rsp + 12], 5", add_mi(W32, Mem(Rsp, 12), 5)),
      ROWH("add dword ptr [rax], 1000", "81 00 e8 03 00 00", add_mi(W32, Mem(Rax), 1000)),
      ROW("add byte ptr [r8], 3", add_mi(W8, Mem(R8), 3)),
      ROW("or ecx, edx", or_rr(W32, Rcx, Rdx)),
      ROW("or rax, 255", or_ri(W64, Rax, 255)),
      ROW("or r10d, dword ptr [r11]", or_rm(W32, R10, Mem(R11))),
      ROW("or dword ptr [rbx], esi", or_mr(W32, Mem(Rbx), Rsi)),
      ROW("or qword ptr [rbx], 16", or_mi(W64, Mem(Rbx), 16)),
      ROW("adc eax, ecx", adc_rr(W32, Rax, Rcx)),
      ROW("adc rdx, 0", adc_ri(W64, Rdx, 0)),
      ROW("sbb eax, ecx", sbb_rr(W32, Rax, Rcx)),
      ROW("sbb r9, 100", sbb_ri(W64, R9, 100)),
      ROW("and eax, ecx", and_rr(W32, Rax, Rcx)),
      ROW("and rax, -16", and_ri(W64, Rax, -16)),
      ROW("and eax, 65535", and_ri(W32, Rax, 0xffff)),
      ROW("and r13, qword ptr [rbp + 8]", and_rm(W64, R13, Mem(Rbp, 8))),
      ROW("and dword ptr [rax], r8d", and_mr(W32, Mem(Rax), R8)),
      ROW("and byte ptr [rax], 15", and_mi(W8, Mem(Rax), 15)),
      ROW("sub eax, ecx", sub_rr(W32, Rax, Rcx)),
      ROW("sub rsp, 4096", sub_ri(W64, Rsp, 4096)),
      ROW("sub r8d, dword ptr [rip + 0]", sub_rm(W32, R8, Mem::constPool(0))),
      ROW("sub qword ptr [r12], rdi", sub_mr(W64, Mem(R12), Rdi)),
      ROW("sub word ptr [rcx], 2", sub_mi(W16, Mem(Rcx), 2)),
      ROW("xor eax, eax", xor_rr(W32, Rax, Rax)),
      ROW("xor r11, r11", xor_rr(W64, R11, R11)),
      ROW("xor eax, -2147483648", xor_ri(W32, Rax, INT32_MIN)),
      ROW("xor cl, byte ptr [rdx]", xor_rm(W8, Rcx, Mem(Rdx))),
      ROW("xor qword ptr [rsp + 8], r15", xor_mr(W64, Mem(Rsp, 8), R15)),
      ROW("xor dword ptr [rbp - 4], 1", xor_mi(W32, Mem(Rbp, -4), 1)),
      ROW("cmp eax, ecx", cmp_rr(W32, Rax, Rcx)),
      ROW("cmp rdi, rsi", cmp_rr(W64, Rdi, Rsi)),
      ROWH("cmp eax, 0", "83 f8 00", cmp_ri(W32, Rax, 0)),
      ROW("cmp r14, 1000000", cmp_ri(W64, R14, 1000000)),
      ROW("cmp spl, 1", cmp_ri(W8, Rsp, 1)),
      ROW("cmp rsp, qword ptr [r15 + 24]", cmp_rm(W64, Rsp, Mem(R15, 24))),
      ROW("cmp dword ptr [rax + 4*rbx], edx", cmp_mr(W32, Mem(Rax, Rbx, 4), Rdx)),
      ROW("cmp qword ptr [rdi], -1", cmp_mi(W64, Mem(Rdi), -1)),
      ROW("test eax, ecx", test_rr(W32, Rax, Rcx)),
      ROW("test r8, r8", test_rr(W64, R8, R8)),
      ROW("test dil, dil", test_rr(W8, Rdi, Rdi)),
      ROW("test eax, 255", test_ri(W32, Rax, 255)),
      ROW("test rcx, -8", test_ri(W64, Rcx, -8)),
      ROW("test bpl, 1", test_ri(W8, Rbp, 1)),
      ROW("test byte ptr [rax], 1", test_mi(W8, Mem(Rax), 1)),
      ROW("test dword ptr [r9 + 4], 65536", test_mi(W32, Mem(R9, 4), 65536)),
      ROW("imul eax, ecx", imul_rr(W32, Rax, Rcx)),
      ROW("imul r9, r10", imul_rr(W64, R9, R10)),
      ROW("imul eax, dword ptr [rsi]", imul_rm(W32, Rax, Mem(Rsi))),
      ROWH("imul eax, ecx, 10", "6b c1 0a", imul_rri(W32, Rax, Rcx, 10)),
      ROWH("imul rax, rcx, 1000", "48 69 c1 e8 03 00 00", imul_rri(W64, Rax, Rcx, 1000)),
      ROW("imul r12, r13, -1", imul_rri(W64, R12, R13, -1)),
      ROW("mul ecx", mul_r(W32, Rcx)),
      ROW("mul r10", mul_r(W64, R10)),
      ROW("imul rsi", imul_r(W64, Rsi)),
      ROW("div ecx", div_r(W32, Rcx)),
      ROW("div r11", div_r(W64, R11)),
      ROW("idiv ecx", idiv_r(W32, Rcx)),
      ROW("idiv r15", idiv_r(W64, R15)),
      ROW("div dword ptr [rax]", div_m(W32, Mem(Rax))),
      ROW("idiv qword ptr [rsp + 8]", idiv_m(W64, Mem(Rsp, 8))),
      ROW("neg eax", neg_r(W32, Rax)),
      ROW("neg r9", neg_r(W64, R9)),
      ROW("not ecx", not_r(W32, Rcx)),
      ROW("not r12", not_r(W64, R12)),
      ROW("not sil", not_r(W8, Rsi)),
      ROW("inc eax", inc_r(W32, Rax)),
      ROW("dec r8", dec_r(W64, R8)),
      ROW("cdq", cdq()),
      ROW("cqo", cqo()),
  });
}

TEST(X64Assembler, ShiftsBitsAndConditions) {
  checkRows({
      ROW("shl eax, cl", shl_rc(W32, Rax)),
      ROW("shl r9, cl", shl_rc(W64, R9)),
      ROW("shr edx, cl", shr_rc(W32, Rdx)),
      ROW("shr rsi, cl", shr_rc(W64, Rsi)),
      ROW("sar eax, cl", sar_rc(W32, Rax)),
      ROW("sar r15, cl", sar_rc(W64, R15)),
      ROW("rol ecx, cl", rol_rc(W32, Rcx)),
      ROW("rol rbx, cl", rol_rc(W64, Rbx)),
      ROW("ror edi, cl", ror_rc(W32, Rdi)),
      ROW("ror r10, cl", ror_rc(W64, R10)),
      ROWH("shl eax, 3", "c1 e0 03", shl_ri(W32, Rax, 3)),
      ROW("shl r12, 63", shl_ri(W64, R12, 63)),
      ROW("shr eax, 31", shr_ri(W32, Rax, 31)),
      ROW("shr r8, 32", shr_ri(W64, R8, 32)),
      ROW("sar ecx, 1", sar_ri(W32, Rcx, 1)),
      ROW("sar rdx, 63", sar_ri(W64, Rdx, 63)),
      ROW("rol eax, 8", rol_ri(W32, Rax, 8)),
      ROW("rol r11, 17", rol_ri(W64, R11, 17)),
      ROW("ror esi, 5", ror_ri(W32, Rsi, 5)),
      ROW("ror r14, 60", ror_ri(W64, R14, 60)),
      ROW("shl sil, 2", shl_ri(W8, Rsi, 2)),
      ROW("shr ax, cl", shr_rc(W16, Rax)),
      ROWH("lzcnt eax, ecx", "f3 0f bd c1", lzcnt_rr(W32, Rax, Rcx)),
      ROWH("lzcnt r8, r9", "f3 4d 0f bd c1", lzcnt_rr(W64, R8, R9)),
      ROW("lzcnt ax, cx", lzcnt_rr(W16, Rax, Rcx)),
      ROW("tzcnt eax, ecx", tzcnt_rr(W32, Rax, Rcx)),
      ROW("tzcnt r13, rax", tzcnt_rr(W64, R13, Rax)),
      ROW("popcnt eax, r15d", popcnt_rr(W32, Rax, R15)),
      ROW("popcnt rdx, rsp", popcnt_rr(W64, Rdx, Rsp)),
      ROW("lzcnt eax, dword ptr [rdi]", lzcnt_rm(W32, Rax, Mem(Rdi))),
      ROW("tzcnt rax, qword ptr [r12]", tzcnt_rm(W64, Rax, Mem(R12))),
      ROW("popcnt ecx, dword ptr [rbp + 8]", popcnt_rm(W32, Rcx, Mem(Rbp, 8))),
      ROW("bsr eax, ecx", bsr_rr(W32, Rax, Rcx)),
      ROW("bsr r10, r11", bsr_rr(W64, R10, R11)),
      ROW("bsf eax, edx", bsf_rr(W32, Rax, Rdx)),
      ROW("bsf rbx, r12", bsf_rr(W64, Rbx, R12)),
      ROW("bswap eax", bswap_r(W32, Rax)),
      ROW("bswap r13d", bswap_r(W32, R13)),
      ROW("bswap rcx", bswap_r(W64, Rcx)),
      ROW("bswap r15", bswap_r(W64, R15)),
      ROWH("sete al", "0f 94 c0", setcc_r(Cond::E, Rax)),
      ROW("setne cl", setcc_r(Cond::NE, Rcx)),
      ROWH("setl sil", "40 0f 9c c6", setcc_r(Cond::L, Rsi)),
      ROW("setg dil", setcc_r(Cond::G, Rdi)),
      ROW("setb spl", setcc_r(Cond::B, Rsp)),
      ROW("seta bpl", setcc_r(Cond::A, Rbp)),
      ROW("setae r8b", setcc_r(Cond::AE, R8)),
      ROW("setbe r15b", setcc_r(Cond::BE, R15)),
      ROW("setle bl", setcc_r(Cond::LE, Rbx)),
      ROW("setge dl", setcc_r(Cond::GE, Rdx)),
      ROW("setp al", setcc_r(Cond::P, Rax)),
      ROW("setnp al", setcc_r(Cond::NP, Rax)),
      ROW("seto al", setcc_r(Cond::O, Rax)),
      ROW("setno al", setcc_r(Cond::NO, Rax)),
      ROW("sets al", setcc_r(Cond::S, Rax)),
      ROW("setns al", setcc_r(Cond::NS, Rax)),
      ROW("cmove eax, ecx", cmovcc_rr(Cond::E, W32, Rax, Rcx)),
      ROW("cmovne r8, r9", cmovcc_rr(Cond::NE, W64, R8, R9)),
      ROW("cmovl rax, rsi", cmovcc_rr(Cond::L, W64, Rax, Rsi)),
      ROW("cmovae r12d, edi", cmovcc_rr(Cond::AE, W32, R12, Rdi)),
      ROW("cmovp eax, ecx", cmovcc_rr(Cond::P, W32, Rax, Rcx)),
      ROW("cmovg rdx, qword ptr [rsp + 8]", cmovcc_rm(Cond::G, W64, Rdx, Mem(Rsp, 8))),
      ROW("xchg rcx, rax", xchg_rr(W64, Rax, Rcx)),
      ROW("xchg r9d, r8d", xchg_rr(W32, R8, R9)),
      ROWH("push rbx", "53", push_r(Rbx)),
      ROWH("push r12", "41 54", push_r(R12)),
      ROW("push rbp", push_r(Rbp)),
      ROWH("pop r15", "41 5f", pop_r(R15)),
      ROW("pop rax", pop_r(Rax)),
      ROWH("push 1", "6a 01", push_i(1)),
      ROWH("push 1000", "68 e8 03 00 00", push_i(1000)),
  });
}

TEST(X64Assembler, ControlFlowForms) {
  checkRows({
      ROW("call rax", call_r(Rax)),
      ROW("call r11", call_r(R11)),
      ROW("call qword ptr [rdi + 16]", call_m(Mem(Rdi, 16))),
      ROW("call qword ptr [r14 + 8*rax + 64]", call_m(Mem(R14, Rax, 8, 64))),
      ROW("jmp rcx", jmp_r(Rcx)),
      ROW("jmp r15", jmp_r(R15)),
      ROW("jmp qword ptr [rax + 8*rcx]", jmp_m(Mem(Rax, Rcx, 8))),
      ROW("ret", ret()),
      ROWH("ud2", "0f 0b", ud2()),
      ROWH("int3", "cc", int3()),
      ROWH("mfence", "0f ae f0", mfence()),
      ROWH("nop", "90", nop(1)),
      ROWH("nop dword ptr [rax]", "0f 1f 00", nop(3)),
      ROWH("nop dword ptr [rax]", "0f 1f 40 00", nop(4)),
      ROWH("nop dword ptr [rax + rax]", "0f 1f 44 00 00", nop(5)),
      ROWH("nop word ptr [rax + rax]", "66 0f 1f 44 00 00", nop(6)),
      ROWH("nop dword ptr [rax]", "0f 1f 80 00 00 00 00", nop(7)),
      ROWH("nop dword ptr [rax + rax]", "0f 1f 84 00 00 00 00 00", nop(8)),
      ROWH("nop word ptr [rax + rax]", "66 0f 1f 84 00 00 00 00 00", nop(9)),
      ROWH("call 0", "e8 00 00 00 00", call_func(3)),
      ROWH("jmp 0", "e9 00 00 00 00", jmp_func(3)),
  });
}

}  // namespace
}  // namespace wasmc::codegen::x64
